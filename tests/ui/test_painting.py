"""Painting a busy month must not corrupt the interpreter (a PySide6 regression did)."""

from __future__ import annotations

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
    before = sys.getrefcount(None)
    for _ in range(50):
        view.repaint()
    assert sys.getrefcount(None) >= before - 50
