"""Colours, style sheets and small icons shared by the windows (readable on light and dark
Fusion palettes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from crmdesk.core.checks.model import Severity

#: A refusal, a failure, what needs attention.
ALERT = "#dc2626"
#: A figure better (GOOD) or worse (BAD) than its target or its reference.
GOOD = "#15803d"
BAD = "#b91c1c"
#: The colour of a check finding by severity (checklist and BAT windows).
SEVERITY_COLOURS = {
    Severity.ERROR: "#dc2626",
    Severity.WARNING: "#d97706",
    Severity.INFO: "#2563eb",
}
#: A field the user must correct.
ERROR_STYLE = f"border: 1px solid {ALERT};"
#: A box that warns without refusing (amber).
WARNING_STYLE = "background: #fef3c7; color: #78350f; padding: 6px; border-radius: 4px;"


def message_box_style(name: str, *, error: bool = True) -> str:
    """The style of the frame named ``name`` that shows a refusal (red) or a confirmation
    (green) above a window's content until dismissed."""
    background, border, text = (
        ("#fee2e2", "#fca5a5", "#7f1d1d") if error else ("#dcfce7", "#86efac", "#14532d")
    )
    return (
        f"#{name} {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
        f" #{name} QLabel {{ color: {text}; }}"
    )


def colour_icon(colour: str, size: int = 12) -> QIcon:
    """A round swatch of ``colour`` (a client's colour in a list or a combo box)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)


def glyph(draw: Callable[[QPainter], None], size: int = 16) -> QIcon:
    """An icon drawn by ``draw`` on a ``size`` × ``size`` square, crisp on HiDPI screens."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(2, 2)
    draw(painter)
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)


def bar_style(colour: str, radius: int) -> str:
    """A thin progress bar filled with ``colour``."""
    return (
        f"QProgressBar {{ border: none; border-radius: {radius}px;"
        " background: palette(midlight); }"
        f" QProgressBar::chunk {{ background: {colour}; border-radius: {radius}px; }}"
    )
