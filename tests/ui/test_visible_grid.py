"""The calendar grid painted from the visible read (what its cells show) is the grid painted
from the full read, pixel for pixel: chips, badges, deadlines and "+N more" alike."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from crmdesk.core import calendar
from crmdesk.core.db import Workspace
from crmdesk.ui.calendar.grid_view import GridView
from crmdesk.ui.calendar.page import read_size

TODAY = date(2026, 11, 23)  # the demo's today


def painted(
    view: GridView, period: calendar.CalendarPeriod, month: int | None, per_day: int | None
) -> QImage:
    view.set_period(period.start, period, month, TODAY, per_day)
    return view.grab().toImage()


@pytest.mark.parametrize(("rows", "height"), [(6, 560), (6, 900), (1, 700)])
def test_the_grid_of_a_visible_read_is_the_grid_of_the_full_read(
    qtbot: QtBot, demo_workspace: Workspace, rows: int, height: int
) -> None:
    view = GridView(rows=rows)
    qtbot.addWidget(view)
    view.resize(1100, height)
    view.show()
    view.selected_day = date(2026, 12, 9)
    start, end = calendar.month_grid(2026, 12) if rows == 6 else calendar.week_of(date(2026, 12, 7))
    per_day = read_size(view.capacity())
    with demo_workspace.reader() as session:
        full = calendar.period(session, start, end, today=TODAY)
        shown = calendar.period(session, start, end, today=TODAY, per_day=per_day)
    assert not shown.complete
    month = 12 if rows == 6 else None
    assert painted(view, full, month, None) == painted(view, shown, month, per_day)
    if height == 560:
        assert view._more, "a crowded month must end days on “+N more”"
