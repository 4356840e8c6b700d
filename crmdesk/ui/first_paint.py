"""The first step of the app's start: the calendar painted from the workspace file read with
``sqlite3`` alone, before SQLAlchemy, the ORM and the rest of the window are loaded (issue 21).

``FirstPaint.for_start`` decides whether this start can take that step: a workspace file (not a
server), at the app's schema, with clients, not held by another program, reopening on the month
or the week. Anything else takes the ordinary start, which knows how to create, migrate, refuse
or welcome. The read itself is ``core.quickread.visible_period``, the very function the window
uses afterwards through the ORM session's connection, so the first paint and every later one
show the same chips, badges and counts.
"""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date
from pathlib import Path

from crmdesk.core import quickread
from crmdesk.core.calendar_values import CalendarPeriod, ClientInfo, Filters
from crmdesk.core.lock_probe import held_elsewhere
from crmdesk.core.paths import default_workspace_path

#: The views a first paint can show: the grids (the agenda reads whole days).
FIRST_PAINT_VIEWS = ("month", "week")


class FirstPaint:
    """The workspace file open for reading, until the window opens it as its writer."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def for_start(
        cls, args: argparse.Namespace, last_view: str, default: Path | str | None
    ) -> FirstPaint | None:
        """The first paint of this start, or None for the ordinary start."""
        if args.demo or getattr(args, "open_bat", None) is not None:
            return None
        if last_view not in FIRST_PAINT_VIEWS:
            return None
        chosen = args.db if args.db is not None else default
        if isinstance(chosen, str) and "://" in chosen:
            return None  # a server's database
        path = Path(chosen if chosen is not None else default_workspace_path())
        path = path.expanduser().resolve()
        if held_elsewhere(path):
            return None
        connection = quickread.first_paint_connection(path)
        if connection is None:
            return None
        if not quickread.has_clients(connection):
            connection.close()  # the welcome page: the ordinary start shows it
            return None
        return cls(path, connection)

    def clients(self) -> list[ClientInfo]:
        return quickread.client_legend(self._connection)

    def period(
        self,
        start: date,
        end: date,
        filters: Filters,
        per_day: int,
        *,
        with_holidays: bool,
        language: str,
        today: date,
    ) -> CalendarPeriod:
        return quickread.visible_period(
            self._connection,
            start,
            end,
            filters,
            per_day,
            with_holidays=with_holidays,
            language=language,
            today=today,
        )

    def close(self) -> None:
        self._connection.close()
