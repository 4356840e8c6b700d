"""Moving a due day off the weekend: shared by calendar deadlines and checklist items."""

from __future__ import annotations

from datetime import date, timedelta


def previous_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
