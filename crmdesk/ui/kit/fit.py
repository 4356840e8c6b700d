"""Window sizes that fit the operator's screen: a laptop is 1280×720 or 1366×768, and a window
taller than its screen hides its bottom row of buttons behind the task bar.

One rule for every window (the main window, the checklist, the brief, the BAT review, the
reports), kept in the kit so no feature package imports another's.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room for the title bar and the window's frame, which ``availableGeometry`` does not count.
FRAME = QSize(16, 40)


def fit_to_screen(window: QWidget, width: int, height: int) -> QSize:
    """Resize ``window`` to ``width`` × ``height``, or to the screen it opens on if smaller.
    Returns the size given."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    size = QSize(width, height)
    if screen is not None:
        area = screen.availableGeometry().size() - FRAME
        size = size.boundedTo(area)
    window.resize(size)
    return size
