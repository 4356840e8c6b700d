"""Painting a busy month must not corrupt the interpreter (a PySide6 regression did)."""

from __future__ import annotations

import gc
import sys

from pytestqt.qtbot import QtBot

from crmdesk.ui.main_window import MainWindow


def test_repainting_the_calendar_many_times_keeps_references_to_none(
    qtbot: QtBot, window: MainWindow
) -> None:
    """PySide6 6.12.0 dropped a reference to ``None`` on every ``QPainter.setPen``-like call;
    on Python 3.11 the app then aborted after a few busy months ("deallocating None")."""
    view = window.calendar.month_view
    view.repaint()
    # Nothing else may drop references meanwhile: the read-ahead done and delivered, no
    # collection in the middle of the count.
    window.ops.wait_for_background()
    qtbot.wait(50)
    view.repaint()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(50):
            view.repaint()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 50
