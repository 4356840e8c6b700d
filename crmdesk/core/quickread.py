"""The visible read of a calendar period: what a grid can show of each day. SQLite only.

``calendar.period`` calls it when the workspace is an SQLite file and the view says how many
items a day's cell can hold (``per_day``); on another engine the full read is used and cut to
the same size (``calendar.visible``). It reads with the standard ``sqlite3`` module on the
session's own connection (``sqlite_of``): it sees the same transaction and imports nothing
heavy.

Why: at 100,000 campaigns a six-week grid holds some 12,000 campaigns and 30,000 deadlines, of
which about 130 fit on screen. Building them all in Python took ~400 ms. Here the day totals
come from ``calendar_days`` (kept on write with the pressure flags, migration 0011), each
day's first campaigns from the send-time index with a LIMIT, and only those rows are read in
full: "+N more", the month's summary and the open deadlines are counts. The days are on each
campaign's own clock: the UTC bounds of every local day are computed here for each time zone
of the period, so no row is converted to find its day.

``visible_period`` turns those rows into the same ``CalendarEntry`` and ``Deadline`` values the
full read gives (``tests/core/test_visible_read.py`` holds the two equal, over clock changes,
holidays, blackout markers and weeks over the cap). It takes a bare ``sqlite3`` connection:
``calendar.period`` passes the session's, and the window's first paint one of its own
(``first_paint_connection``), opened before SQLAlchemy and the ORM models are imported.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from crmdesk.core.calendar_values import (
    CHANNEL_BY_VALUE,
    DEADLINE_KIND_BY_VALUE,
    DONE_RANK,
    OPEN_STATES,
    STATUS_BY_VALUE,
    TYPE_BY_VALUE,
    CalendarEntry,
    CalendarPeriod,
    ClientInfo,
    DayCounts,
    Deadline,
    DeadlineKind,
    Filters,
    Marker,
    PressureAlert,
    StoredMarker,
    blackout_on,
    deadline_days,
    deadlines_on_days,
    entries_by_day,
    marker_days,
)
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.core.kinds import CampaignStatus, CampaignType
from crmdesk.core.revisions import HEAD_REVISION
from crmdesk.core.timezones import zone

#: The index of migration 0011 that holds every column the counts and ranks read.
INDEX = "ix_campaigns_calendar"
#: Campaigns in send order (then id, the row id): a day's first campaigns are its first rows.
IN_SEND_ORDER = "ix_campaigns_planned_send_at"
#: How SQLAlchemy's SQLite dialect stores a naive UTC datetime: compared as text.
_STORED = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class VisibleRows:
    #: (day, id, client id, client name, colour, name, status, channel, type, send_at UTC text,
    #: send time zone), the first ``per_day`` of each day, in send order.
    entries: list[tuple[Any, ...]]
    #: (day, kind, campaign id, campaign name, client name, colour): the first open deadlines
    #: of each day, as many as its campaigns leave places of ``per_day``, in the full read's
    #: order.
    deadlines: list[tuple[Any, ...]]
    counts: dict[date, DayCounts]


def _stored(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(_STORED)


@lru_cache(maxsize=64)
def _day_bounds(
    zones: tuple[str, ...], first: date, last: date
) -> tuple[tuple[str, str, str, str], ...]:
    """(time zone, local day, UTC start, UTC end) of every day from ``first`` to ``last``."""
    bounds = []
    for name in zones:
        tz = zone(name)
        day = first
        start = datetime.combine(day, time.min, tzinfo=tz)
        while day <= last:
            following = day + timedelta(days=1)
            end = datetime.combine(following, time.min, tzinfo=tz)
            bounds.append((name, day.isoformat(), _stored(start), _stored(end)))
            day, start = following, end
    return tuple(bounds)


def _filters(
    client_ids: Collection[int] | None,
    statuses: Collection[str] | None,
    channels: Collection[str] | None,
    segment_ids: Collection[int] | None,
) -> tuple[str, list[object]]:
    """The ``calendar.Filters`` facets as conditions on ``c`` (campaigns), with parameters."""
    where: list[str] = []
    args: list[Any] = []
    for column, values in (
        ("c.client_id", client_ids),
        ("c.status", statuses),
        ("c.channel", channels),
    ):
        if values is not None:
            where.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
            args.extend(sorted(values))
    if segment_ids is not None:
        where.append(
            "c.id IN (SELECT campaign_id FROM campaign_segments "
            f"WHERE segment_id IN ({', '.join('?' * len(segment_ids))}))"
            if segment_ids
            else "0"
        )
        args.extend(sorted(segment_ids))
    return "".join(f" AND {condition}" for condition in where), args


def _first(
    connection: sqlite3.Connection, parts: list[tuple[str, list[Any]]]
) -> list[tuple[Any, ...]]:
    """The rows of several ``SELECT … LIMIT n`` at once (one statement per 400 of them)."""
    found: list[tuple[Any, ...]] = []
    for at in range(0, len(parts), 400):
        batch = parts[at : at + 400]
        sql = " UNION ALL ".join(f"SELECT * FROM ({part})" for part, _ in batch)
        found.extend(connection.execute(sql, [a for _, args in batch for a in args]))
    return found


def visible_rows(
    connection: sqlite3.Connection,
    start: date,
    end: date,
    per_day: int,
    *,
    offsets: Mapping[int, tuple[int, int, int]],
    deadlines_of: Callable[[date, int, int, int], Iterable[tuple[str, int, date]]],
    open_statuses: Mapping[str, Collection[str]],
    automation: str,
    ahead: int,
    behind: int,
    client_ids: Collection[int] | None = None,
    statuses: Collection[str] | None = None,
    channels: Collection[str] | None = None,
    segment_ids: Collection[int] | None = None,
) -> VisibleRows:
    """The first ``per_day`` campaigns of each day from ``start`` to ``end``, the first open
    deadlines that fill the day's remaining places, and each day's totals.

    ``offsets`` gives each client's brief, BAT and analysis offsets; ``deadlines_of`` the
    (kind, kind's order, day) of the deadlines of a send day for such offsets; ``open_statuses``
    the statuses for which each kind is still to do; ``automation`` the type that has no
    deadlines; ``ahead`` and ``behind`` how far from the period a send can have a deadline in
    it. Filters are the ``calendar.Filters`` facets as stored values.

    Three statements: the day totals (from ``calendar_days``, kept on write; counted from
    the calendar index when a segment filter asks), the first rows of each day (each an index
    range in send order with a LIMIT), and the details of those rows.
    """
    first = start - timedelta(days=behind + 1)
    last = end + timedelta(days=ahead + 1)
    lo = _stored(datetime.combine(first - timedelta(days=1), time.min, tzinfo=UTC))
    hi = _stored(datetime.combine(last + timedelta(days=2), time.min, tzinfo=UTC))
    filters, filter_args = _filters(client_ids, statuses, channels, segment_ids)
    kinds = list(open_statuses)
    column = {kind: position for position, kind in enumerate(kinds)}

    def still_to_do(weight: str) -> tuple[str, list[Any]]:
        """Per kind, the sends for which that deadline is still to do (automations have none)."""
        sql, args = [], []
        for kind in kinds:
            opened = sorted(open_statuses[kind])
            sql.append(
                f"SUM(CASE WHEN c.type != ? AND c.status IN ({', '.join('?' * len(opened))}) "
                f"THEN {weight} ELSE 0 END)"
            )
            args.extend([automation, *opened])
        return ", ".join(sql), args

    if segment_ids is None:
        # The day totals kept on write: a few hundred rows, whatever the number of campaigns.
        zones = [
            name
            for (name,) in connection.execute(
                "SELECT DISTINCT send_timezone FROM calendar_days WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            )
        ]
        bounds = _day_bounds(tuple(zones), first, last)
        columns, column_args = still_to_do("c.sends")
        totals = connection.execute(
            f"SELECT c.day, c.client_id, SUM(c.sends), SUM(c.warned), {columns} "
            f"FROM calendar_days c WHERE c.day BETWEEN ? AND ?{filters} "
            "GROUP BY c.day, c.client_id",
            [*column_args, first.isoformat(), last.isoformat(), *filter_args],
        ).fetchall()
    else:  # a segment filter: counted from the campaigns (the totals are not by segment)
        zones = [
            name
            for (name,) in connection.execute(
                "SELECT DISTINCT send_timezone FROM campaigns "
                "WHERE planned_send_at >= ? AND planned_send_at < ?",
                (lo, hi),
            )
        ]
        bounds = _day_bounds(tuple(zones), first, last)
        columns, column_args = still_to_do("1")
        one = "(?, ?, ?, ?)"
        totals = connection.execute(
            f"""WITH days(tz, day, lo, hi) AS (VALUES {", ".join([one] * len(bounds))})
            SELECT d.day, c.client_id, COUNT(*),
                   SUM(EXISTS (SELECT 1 FROM pressure_flags f WHERE f.campaign_id = c.id)),
                   {columns}
            FROM days d CROSS JOIN campaigns c INDEXED BY {INDEX}
            WHERE c.planned_send_at >= d.lo AND c.planned_send_at < d.hi
              AND c.send_timezone = d.tz{filters}
            GROUP BY d.day, c.client_id""",
            [value for row in bounds for value in row] + column_args + filter_args,
        ).fetchall()
    if not zones:
        return VisibleRows([], [], {})

    sends: dict[date, int] = defaultdict(int)
    warned: dict[date, int] = defaultdict(int)
    due: dict[date, int] = defaultdict(int)
    #: due day → (kind, order, send day) → clients
    sources: dict[date, dict[tuple[str, int, date], set[int]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for day_text, client_id, count, flagged, *to_do in totals:
        day = date.fromisoformat(day_text)
        if start <= day <= end:
            sends[day] += count
            warned[day] += flagged
        for kind, order, when in deadlines_of(day, *offsets[client_id]):
            if start <= when <= end and (count_to_do := to_do[column[kind]]):
                due[when] += count_to_do
                sources[when][kind, order, day].add(client_id)

    span = {(name, day): (lo_at, hi_at) for name, day, lo_at, hi_at in bounds}
    parts: list[tuple[str, list[Any]]] = []
    for day in sorted(sends):
        for name in zones:
            lo_at, hi_at = span[name, day.isoformat()]
            parts.append(
                (
                    "SELECT 0, ?, '', 0, c.id, c.planned_send_at FROM campaigns c INDEXED BY "
                    f"{IN_SEND_ORDER} "
                    "WHERE c.planned_send_at >= ? AND c.planned_send_at < ? "
                    f"AND c.send_timezone = ?{filters} "
                    "ORDER BY c.planned_send_at, c.id LIMIT ?",
                    [day.isoformat(), lo_at, hi_at, name, *filter_args, per_day],
                )
            )
    for day, by_kind in sorted(sources.items()):
        places = per_day - min(per_day, sends.get(day, 0))
        if places <= 0:
            continue
        for (kind, order, send_day), clients in sorted(by_kind.items()):
            for name in zones:
                lo_at, hi_at = span[name, send_day.isoformat()]
                opened = sorted(open_statuses[kind])
                parts.append(
                    (
                        "SELECT 1, ?, ?, ?, c.id, c.planned_send_at FROM campaigns c INDEXED BY "
                        f"{IN_SEND_ORDER} "
                        "WHERE c.planned_send_at >= ? AND c.planned_send_at < ? "
                        f"AND c.send_timezone = ? AND c.type != ? "
                        f"AND c.client_id IN ({', '.join('?' * len(clients))}) "
                        f"AND c.status IN ({', '.join('?' * len(opened))}){filters} "
                        "ORDER BY c.planned_send_at, c.id LIMIT ?",
                        [
                            day.isoformat(),
                            kind,
                            order,
                            lo_at,
                            hi_at,
                            name,
                            automation,
                            *sorted(clients),
                            *opened,
                            *filter_args,
                            places,
                        ],
                    )
                )
    first_sends: dict[date, list[tuple[str, int]]] = defaultdict(list)
    first_due: dict[date, list[tuple[str, int, int, str]]] = defaultdict(list)
    for is_deadline, day_text, kind, order, cid, at in _first(connection, parts):
        day = date.fromisoformat(day_text)
        if is_deadline:
            first_due[day].append((at, cid, order, kind))
        else:
            first_sends[day].append((at, cid))
    chosen_sends = {day: sorted(rows)[:per_day] for day, rows in first_sends.items()}
    chosen_due = {
        day: sorted(rows)[: per_day - min(per_day, sends.get(day, 0))]
        for day, rows in first_due.items()
    }
    ids = {cid for rows in chosen_sends.values() for _, cid in rows}
    ids |= {cid for rows in chosen_due.values() for _, cid, _, _ in rows}
    details: dict[int, tuple[Any, ...]] = {}
    listed = sorted(ids)
    for at in range(0, len(listed), 900):
        chunk = listed[at : at + 900]
        for row in connection.execute(
            "SELECT c.id, c.client_id, cl.name, cl.colour, c.name, c.status, c.channel, c.type, "
            "c.planned_send_at, c.send_timezone FROM campaigns c "
            "JOIN clients cl ON cl.id = c.client_id "
            f"WHERE c.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            details[row[0]] = row
    entries = [
        (day, *details[cid]) for day, rows in sorted(chosen_sends.items()) for _, cid in rows
    ]
    deadlines = [
        (day, kind, cid, details[cid][4], details[cid][2], details[cid][3])
        for day, rows in sorted(chosen_due.items())
        for _, cid, _, kind in rows
    ]
    counts = {
        day: DayCounts(sends.get(day, 0), warned.get(day, 0), due.get(day, 0))
        for day in {*sends, *due}
    }
    return VisibleRows(entries, deadlines, counts)


def sqlite_of(session: Any) -> sqlite3.Connection | None:
    """The ``sqlite3`` connection under an SQLAlchemy session's transaction; None on another
    engine, where the calendar reads the usual way."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    connection = session.connection().connection.driver_connection
    return connection if isinstance(connection, sqlite3.Connection) else None


def unsettled(connection: sqlite3.Connection) -> bool:
    """Whether the transaction wrote changes the kept totals and flags do not hold yet."""
    return connection.execute("SELECT 1 FROM pressure_dirty LIMIT 1").fetchone() is not None


def _chunks(ids: list[int]) -> Iterable[tuple[str, list[int]]]:
    for at in range(0, len(ids), 900):
        chunk = ids[at : at + 900]
        yield ", ".join("?" * len(chunk)), chunk


def flag_rows(connection: sqlite3.Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    """(campaign id, segment id, segment name, sends, cap, week start) of each pressure flag
    of ``ids``, by campaign, segment and week (``pressure_alerts``' order)."""
    found: list[tuple[Any, ...]] = []
    for marks, chunk in _chunks(ids):
        found.extend(
            connection.execute(
                "SELECT f.campaign_id, f.segment_id, s.name, f.sends, f.cap, f.week_start "
                "FROM pressure_flags f JOIN segments s ON s.id = f.segment_id "
                f"WHERE f.campaign_id IN ({marks})",
                chunk,
            )
        )
    return sorted(found, key=lambda row: (row[0], row[1], row[5]))


def overdue_rows(
    connection: sqlite3.Connection, ids: list[int], today: date, states: Collection[str]
) -> dict[int, int]:
    """Checklist items of ``ids`` in ``states`` due before ``today``, per campaign."""
    found: dict[int, int] = {}
    for marks, chunk in _chunks(ids):
        found.update(
            connection.execute(
                "SELECT campaign_id, COUNT(*) FROM checklist_items "
                f"WHERE campaign_id IN ({marks}) AND due_on < ? "
                f"AND state IN ({', '.join('?' * len(states))}) GROUP BY campaign_id",
                [*chunk, today.isoformat(), *sorted(states)],
            )
        )
    return found


def stored_instant(text: str) -> datetime:
    """A stored send time as the aware UTC datetime the ORM would return."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# -- the period, as the calendar shows it -------------------------------------------------------


def visible_period(
    connection: sqlite3.Connection,
    start: date,
    end: date,
    filters: Filters,
    per_day: int,
    *,
    with_holidays: bool,
    language: str,
    today: date,
) -> CalendarPeriod:
    """``calendar.period`` with ``per_day`` on an SQLite workspace, read through ``connection``
    alone: the same chips, badges, deadlines, markers and day totals."""
    offsets = {
        client_id: (brief, bat, analysis)
        for client_id, brief, bat, analysis in connection.execute(
            "SELECT id, brief_offset_days, bat_offset_days, analysis_offset_days FROM clients"
        )
    }
    ahead = max((max(b, t) for b, t, _ in offsets.values()), default=0) + 3
    behind = max((a for _, _, a in offsets.values()), default=0) + 3
    rows = visible_rows(
        connection,
        start,
        end,
        per_day,
        offsets=offsets,
        deadlines_of=_deadlines_of,
        open_statuses={
            kind.value: {s.value for s in CampaignStatus if s.rank < DONE_RANK[kind]}
            for kind in (DeadlineKind.BRIEF, DeadlineKind.BAT, DeadlineKind.ANALYSIS)
        },
        automation=CampaignType.AUTOMATION.value,
        ahead=ahead,
        behind=behind,
        client_ids=filters.client_ids,
        statuses=None if filters.statuses is None else {str(s) for s in filters.statuses},
        channels=None if filters.channels is None else {str(c) for c in filters.channels},
        segment_ids=filters.segment_ids,
    )
    ids: list[int] = [row[1] for row in rows.entries]
    alerts: dict[int, list[PressureAlert]] = defaultdict(list)
    for cid, *alert in flag_rows(connection, ids):
        segment_id, name, sends, cap, week = alert
        alerts[cid].append(PressureAlert(segment_id, name, sends, cap, date.fromisoformat(week)))
    holidays = holidays_between(start, end, language) if with_holidays else {}
    overdue = overdue_rows(connection, ids, today, [state.value for state in OPEN_STATES])
    markers = {
        day: tuple(day_markers)
        for day, day_markers in markers_between(
            connection, start, end, client_ids=filters.client_ids
        ).items()
    }
    entries = []
    for (
        day,
        cid,
        client_id,
        client_name,
        colour,
        name,
        status,
        channel,
        ctype,
        at,
        tz,
    ) in rows.entries:
        entries.append(
            CalendarEntry(
                cid,
                client_id,
                client_name,
                colour,
                name,
                STATUS_BY_VALUE[status],
                CHANNEL_BY_VALUE[channel],
                TYPE_BY_VALUE[ctype],
                stored_instant(at).astimezone(zone(tz)),
                tuple(alerts.get(cid, ())),
                holidays.get(day),
                overdue.get(cid, 0),
                blackout_on(markers.get(day, ()), client_id),
            )
        )
    deadlines = [
        Deadline(cid, name, client_name, colour, DEADLINE_KIND_BY_VALUE[kind], day, False)
        for day, kind, cid, name, client_name, colour in rows.deadlines
    ]
    return CalendarPeriod(
        start,
        end,
        entries,
        deadlines,
        holidays,
        entries_by_day(entries),
        deadlines_on_days(deadlines),
        markers,
        complete=False,
        counts=rows.counts,
    )


@lru_cache(maxsize=4096)
def _deadlines_of(
    send_day: date, brief_offset: int, bat_offset: int, analysis_offset: int
) -> tuple[tuple[str, int, date], ...]:
    """The deadlines of a send day as ``visible_rows`` takes them: kind, order in the full read
    (brief, BAT, analysis), day."""
    return tuple(
        (kind.value, order, day)
        for order, (kind, day) in enumerate(
            (k, d)
            for k, d in deadline_days(send_day, brief_offset, bat_offset, analysis_offset).items()
            if k is not DeadlineKind.SEND
        )
    )


def markers_between(
    connection: sqlite3.Connection,
    start: date,
    end: date,
    *,
    client_ids: Collection[int] | None = None,
) -> dict[date, list[Marker]]:
    """``markers.markers_between`` read through ``connection``: the same rows in the same
    order, expanded over the days by the same code."""
    sql = (
        "SELECT id, client_id, summary, location, starts_on, ends_on, all_day, blackout, "
        "recurring, component FROM calendar_markers WHERE starts_on <= ? AND ends_on >= ?"
    )
    args: list[Any] = [end.isoformat(), start.isoformat()]
    if client_ids is not None:
        sql += f" AND (client_id IS NULL OR client_id IN ({', '.join('?' * len(client_ids))}))"
        args.extend(sorted(client_ids))
    rows: list[StoredMarker] = [
        (
            mid,
            client,
            summary,
            location,
            date.fromisoformat(first),
            date.fromisoformat(last),
            bool(all_day),
            bool(blackout),
            bool(recurring),
            text,
        )
        for mid, client, summary, location, first, last, all_day, blackout, recurring, text in (
            connection.execute(sql + " ORDER BY starts_on, id", args)
        )
    ]
    return marker_days(rows, start, end)


# -- the window's first paint -------------------------------------------------------------------

#: ``sqlite.APPLICATION_ID`` (that module loads SQLAlchemy): how a crmdesk workspace is known.
APPLICATION_ID = int.from_bytes(b"crmd", "big")


def first_paint_connection(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the workspace file for the window's first paint, or None when
    the usual opening must decide: no such file, not a crmdesk workspace, a schema other than
    this version's (a migration to run first, or a newer crmdesk) or pressure flags waiting to
    be recounted (a write that did not settle them)."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA query_only = ON")
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
        ready = (
            application_id == APPLICATION_ID
            and connection.execute("SELECT version_num FROM alembic_version").fetchall()
            == [(HEAD_REVISION,)]
            and not unsettled(connection)
        )
    except sqlite3.Error:  # not a database, or one without crmdesk's tables
        ready = False
    if not ready:
        connection.close()
        return None
    return connection


def client_legend(connection: sqlite3.Connection) -> list[ClientInfo]:
    """``clients.list_clients``: the clients that are not archived, by name."""
    return [
        ClientInfo(cid, name, colour, timezone, cap, brief, bat, analysis, archived_at is not None)
        for cid, name, colour, timezone, cap, brief, bat, analysis, archived_at in (
            connection.execute(
                "SELECT id, name, colour, timezone, pressure_cap, brief_offset_days, "
                "bat_offset_days, analysis_offset_days, archived_at FROM clients "
                "WHERE archived_at IS NULL ORDER BY name"
            )
        )
    ]


def has_clients(connection: sqlite3.Connection) -> bool:
    """``clients.has_clients``: any client, archived ones included (none: the window opens on
    its welcome page)."""
    return connection.execute("SELECT 1 FROM clients LIMIT 1").fetchone() is not None
