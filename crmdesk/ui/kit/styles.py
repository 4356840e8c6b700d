"""Colours, style sheets and small icons shared by the windows (readable on light and dark
Fusion palettes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from crmdesk.core.checks.model import Severity

#: A refusal, a failure, what needs attention.
ALERT = "#dc2626"
#: A figure better (GOOD) or worse (BAD) than its target or its reference.
GOOD = "#15803d"
BAD = "#b91c1c"
#: A field the user must correct.
ERROR_STYLE = f"border: 1px solid {ALERT};"
#: A field to look at again (amber, as the warning box): its own background, so it reads on
#: both palettes.
MARKED_STYLE = "background: #fef3c7; color: #78350f;"
#: A box that warns without refusing.
WARNING_STYLE = f"{MARKED_STYLE} padding: 6px; border-radius: 4px;"
#: Secondary text (hints, round details): the palette's own muted colour, readable on both.
HINT_STYLE = "color: palette(placeholder-text);"

# Text drawn straight on the window's background needs one shade on a light palette and
# another on a dark one: no colour reaches a 4.5:1 contrast on both white and near-black.
# Each pair is (on light, on dark); the dark shades are Tailwind's 300/400 of the same hue.
_ALERT = (ALERT, "#f87171")
_GOOD = (GOOD, "#4ade80")
_BAD = (BAD, "#f87171")
_APPROVE = ("#166534", "#86efac")
_CHANGES = ("#991b1b", "#fca5a5")
_CAUTION = ("#92400e", "#fcd34d")
_SEVERITY = {
    Severity.ERROR: ("#dc2626", "#f87171"),
    Severity.WARNING: ("#b45309", "#fbbf24"),
    Severity.INFO: ("#2563eb", "#60a5fa"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark (the dark theme, or a dark system scheme)."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(pair: tuple[str, str], palette: QPalette | None = None) -> str:
    """The shade of ``pair`` (on light, on dark) that reads on the current palette."""
    return pair[1] if is_dark(palette) else pair[0]


def alert_colour() -> str:
    return tone(_ALERT)


def good_colour() -> str:
    return tone(_GOOD)


def bad_colour() -> str:
    return tone(_BAD)


def caution_colour() -> str:
    """Amber text that warns (remote content blocked, a figure to check)."""
    return tone(_CAUTION)


class _SeverityColours(Mapping[Severity, str]):
    """The colour of a check finding by severity, looked up when the finding is drawn, so it
    follows the palette without its many readers having to ask."""

    def __getitem__(self, severity: Severity) -> str:
        return tone(_SEVERITY[severity])

    def __iter__(self) -> Iterator[Severity]:
        return iter(_SEVERITY)

    def __len__(self) -> int:
        return len(_SEVERITY)


#: The colour of a check finding by severity (checklist and BAT windows).
SEVERITY_COLOURS: Mapping[Severity, str] = _SeverityColours()


def decision_button_style(*, approve: bool, padding: int = 0) -> str:
    """The BAT decision buttons: green "Approve", red "Request changes", in the shade that
    reads on the button's background of the current palette."""
    colour = tone(_APPROVE if approve else _CHANGES)
    extra = f" padding: {padding}px;" if padding else ""
    return f"QPushButton {{ color: {colour}; font-weight: 600;{extra} }}"


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21; 4.5 is the floor for body text)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def message_box_style(name: str, *, error: bool = True) -> str:
    """The style of the frame named ``name`` that shows a refusal (red) or a confirmation
    (green) above a window's content until dismissed; deep tints on a dark palette, so the
    box does not glare and its text keeps its contrast."""
    if is_dark():
        background, border, text = (
            ("#450a0a", "#991b1b", "#fecaca") if error else ("#052e16", "#166534", "#bbf7d0")
        )
    else:
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
