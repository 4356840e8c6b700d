"""The campaign calendar: what is sent on which day, its deadlines, pressure and holidays.

``period()`` answers one question for any view (month, week, agenda, cockpit): the campaigns
sent between two days that pass the filters, each with its badges, plus the deadline markers,
public holidays and imported calendar markers (``core.markers``) of those days. It reads with a
handful of column queries, never loading ORM objects, so a month of a 20,000-campaign workspace
stays within a frame.

A grid shows a few items of each day and "+N more": given ``per_day``, ``period`` reads only
those and each day's totals (``CalendarPeriod.complete`` is then False), with the SQLite-only
``core.quickread`` on a workspace file, else by cutting the full read (``visible``). Both give
the same chips, badges, deadlines and counts; a test holds them equal.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from crmdesk.core import checklists, quickread
from crmdesk.core.errors import FieldProblem, ValidationError
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.core.markers import Marker, blackout_on, markers_between
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    Client,
    campaign_segments,
)
from crmdesk.core.pressure import PressureAlert, pressure_alerts
from crmdesk.core.quickread import DayCounts
from crmdesk.core.timezones import zone
from crmdesk.core.workdays import next_weekday, previous_weekday

if TYPE_CHECKING:
    import sqlite3


class DeadlineKind(enum.StrEnum):
    """A step before or after the send, and the status that means it is done."""

    BRIEF = "brief"
    BAT = "bat"
    SEND = "send"
    ANALYSIS = "analysis"

    @property
    def done_from(self) -> CampaignStatus:
        return _DONE_FROM[self]


_DONE_FROM = {
    DeadlineKind.BRIEF: CampaignStatus.PRODUCTION,
    DeadlineKind.BAT: CampaignStatus.APPROVED,
    DeadlineKind.SEND: CampaignStatus.SENT,
    DeadlineKind.ANALYSIS: CampaignStatus.ANALYSED,
}
_DONE_RANK = {kind: status.rank for kind, status in _DONE_FROM.items()}


@dataclass(frozen=True)
class Filters:
    """None means no filter on that facet."""

    client_ids: frozenset[int] | None = None
    statuses: frozenset[CampaignStatus] | None = None
    channels: frozenset[Channel] | None = None
    segment_ids: frozenset[int] | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    campaign_id: int
    campaign_name: str
    client_name: str
    colour: str
    kind: DeadlineKind
    day: date
    done: bool

    def overdue(self, today: date) -> bool:
        return not self.done and self.day < today


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    id: int
    client_id: int
    client_name: str
    colour: str
    name: str
    status: CampaignStatus
    channel: Channel
    type: CampaignType
    send_at: datetime  # aware, on the campaign's own clock
    pressure: tuple[PressureAlert, ...] = ()
    holiday: str | None = None
    overdue_items: int = 0  # checklist items past their due day, still to do or failed
    #: The summary of a blackout marker on the send's day, for this client or for all.
    blackout: str | None = None

    @property
    def day(self) -> date:
        return self.send_at.date()


@dataclass(frozen=True)
class CalendarPeriod:
    start: date
    end: date
    entries: list[CalendarEntry]
    deadlines: list[Deadline]
    holidays: dict[date, str]
    by_day: dict[date, list[CalendarEntry]] = field(default_factory=dict)
    deadlines_by_day: dict[date, list[Deadline]] = field(default_factory=dict)
    #: The imported markers of each day (of the filtered clients and of all clients).
    markers: dict[date, tuple[Marker, ...]] = field(default_factory=dict)
    #: False for a visible read: each day holds only its first campaigns and open deadlines,
    #: and ``counts`` its totals.
    complete: bool = True
    counts: dict[date, DayCounts] = field(default_factory=dict)

    def count_on(self, day: date) -> DayCounts:
        """The day's campaigns, those with a pressure warning, and its open deadlines, all of
        them even when only some were read."""
        if not self.complete:
            return self.counts.get(day, DayCounts())
        entries = self.by_day.get(day, ())
        return DayCounts(
            len(entries),
            sum(1 for e in entries if e.pressure),
            sum(1 for d in self.deadlines_by_day.get(day, ()) if not d.done),
        )

    def open_deadlines_on(self, day: date) -> list[Deadline]:
        """The day's deadlines still to do, as far as they were read."""
        return [d for d in self.deadlines_by_day.get(day, ()) if not d.done]


def deadline_days(
    send_day: date, brief_offset: int, bat_offset: int, analysis_offset: int
) -> dict[DeadlineKind, date]:
    """Deadlines from the send day and the client's offsets, in calendar days.

    A deadline before the send that lands on a weekend moves to the Friday before (the client
    will not approve a BAT on Sunday); the analysis moves to the Monday after.
    """
    return {
        DeadlineKind.BRIEF: previous_weekday(send_day - timedelta(days=brief_offset)),
        DeadlineKind.BAT: previous_weekday(send_day - timedelta(days=bat_offset)),
        DeadlineKind.SEND: send_day,
        DeadlineKind.ANALYSIS: next_weekday(send_day + timedelta(days=analysis_offset)),
    }


def send_rows() -> Select[*tuple[Any, ...]]:
    """Campaigns with what the calendar shows of them and their client's deadline offsets, in
    send order; the columns ``period`` and the cockpit unpack."""
    return (
        select(
            Campaign.id,
            Campaign.client_id,
            Client.name,
            Client.colour,
            Campaign.name,
            Campaign.status,
            Campaign.channel,
            Campaign.type,
            Campaign.planned_send_at,
            Campaign.send_timezone,
            Client.brief_offset_days,
            Client.bat_offset_days,
            Client.analysis_offset_days,
        )
        .join(Client, Client.id == Campaign.client_id)
        .order_by(Campaign.planned_send_at, Campaign.id)
    )


def validate_range(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            [
                FieldProblem(
                    "end", "end_before_start", f"The end ({end}) is before the start ({start})."
                )
            ]
        )


def _instant(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def period(
    session: Session,
    start: date,
    end: date,
    filters: Filters = Filters(),
    *,
    with_holidays: bool = True,
    language: str = "fr",
    today: date | None = None,
    per_day: int | None = None,
) -> CalendarPeriod:
    """Campaigns sent from ``start`` to ``end`` (days included) and the deadlines of those days;
    with ``per_day``, only the first ``per_day`` campaigns and open deadlines of each day and
    each day's totals (what a grid paints)."""
    validate_range(start, end)
    if per_day is not None:
        raw = quickread.sqlite_of(session)
        if raw is not None and not quickread.unsettled(raw):
            return _visible_read(
                session, raw, start, end, filters, per_day, with_holidays, language, today
            )
        full = period(
            session,
            start,
            end,
            filters,
            with_holidays=with_holidays,
            language=language,
            today=today,
        )
        return visible(full, per_day)
    offsets = session.execute(
        select(
            func.max(Client.brief_offset_days),
            func.max(Client.bat_offset_days),
            func.max(Client.analysis_offset_days),
        )
    ).one()
    ahead = max(offsets[0] or 0, offsets[1] or 0) + 3
    behind = (offsets[2] or 0) + 3
    # One day of margin each side: a wall-clock day differs from the UTC one by up to 14 hours.
    lo = _instant(start - timedelta(days=behind + 1))
    hi = _instant(end + timedelta(days=ahead + 2))

    query = send_rows().where(Campaign.planned_send_at >= lo, Campaign.planned_send_at < hi)
    if filters.client_ids is not None:
        query = query.where(Campaign.client_id.in_(filters.client_ids))
    if filters.statuses is not None:
        query = query.where(Campaign.status.in_(filters.statuses))
    if filters.channels is not None:
        query = query.where(Campaign.channel.in_(filters.channels))
    if filters.segment_ids is not None:
        query = query.where(
            Campaign.id.in_(
                select(campaign_segments.c.campaign_id).where(
                    campaign_segments.c.segment_id.in_(filters.segment_ids)
                )
            )
        )
    # Column tuples straight from the connection: no ORM identity map for a read of thousands.
    rows = session.connection().execute(query).all()

    alerts = pressure_alerts(session, _instant(start), _instant(end + timedelta(days=1)))
    holidays = holidays_between(start, end, language) if with_holidays else {}
    overdue = checklists.overdue_counts(session, today or date.today())
    markers = _markers(session, start, end, filters)

    entries: list[CalendarEntry] = []
    deadlines: list[Deadline] = []
    for (
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
        brief_off,
        bat_off,
        analysis_off,
    ) in rows:
        local = at.astimezone(zone(tz))
        day = local.date()
        if start <= day <= end:
            entries.append(
                CalendarEntry(
                    cid,
                    client_id,
                    client_name,
                    colour,
                    name,
                    status,
                    channel,
                    ctype,
                    local,
                    tuple(alerts.get(cid, ())),
                    holidays.get(day),
                    overdue.get(cid, 0),
                    blackout_on(markers.get(day, ()), client_id),
                )
            )
        if ctype is CampaignType.AUTOMATION:
            continue
        rank = status.rank
        for kind, when in deadline_days(day, brief_off, bat_off, analysis_off).items():
            if kind is not DeadlineKind.SEND and start <= when <= end:
                done = rank >= _DONE_RANK[kind]
                deadlines.append(Deadline(cid, name, client_name, colour, kind, when, done))

    by_day, deadlines_by_day = _by_day(entries), _deadlines_by_day(deadlines)
    return CalendarPeriod(
        start, end, entries, deadlines, holidays, by_day, deadlines_by_day, markers
    )


def _markers(
    session: Session, start: date, end: date, filters: Filters
) -> dict[date, tuple[Marker, ...]]:
    """The markers of the period for the clients shown (and those for every client)."""
    found = markers_between(session, start, end, client_ids=filters.client_ids)
    return {day: tuple(day_markers) for day, day_markers in found.items()}


def _by_day(entries: list[CalendarEntry]) -> dict[date, list[CalendarEntry]]:
    grouped: dict[date, list[CalendarEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.day].append(entry)
    return dict(grouped)


def _deadlines_by_day(deadlines: list[Deadline]) -> dict[date, list[Deadline]]:
    grouped: dict[date, list[Deadline]] = defaultdict(list)
    for deadline in deadlines:
        grouped[deadline.day].append(deadline)
    return dict(grouped)


def add_holidays(found: CalendarPeriod, language: str = "fr") -> CalendarPeriod:
    """``found`` with its public holidays, without reading the workspace again."""
    holidays = holidays_between(found.start, found.end, language)
    entries = [replace(e, holiday=holidays.get(e.day)) for e in found.entries]
    return replace(found, entries=entries, holidays=holidays, by_day=_by_day(entries))


def visible(found: CalendarPeriod, per_day: int) -> CalendarPeriod:
    """What a grid of ``per_day`` items a day shows of the full read ``found``: the first
    campaigns of each day, the first open deadlines in the places they leave, and each day's
    totals."""
    by_day = {day: shown[:per_day] for day, shown in found.by_day.items()}
    deadlines_by_day = {
        day: kept
        for day in found.deadlines_by_day
        if (kept := found.open_deadlines_on(day)[: per_day - len(by_day.get(day, ()))])
    }
    counts = {day: found.count_on(day) for day in {*found.by_day, *found.deadlines_by_day}}
    return replace(
        found,
        entries=[e for day in sorted(by_day) for e in by_day[day]],
        deadlines=[d for day in sorted(deadlines_by_day) for d in deadlines_by_day[day]],
        by_day=by_day,
        deadlines_by_day=deadlines_by_day,
        complete=False,
        counts={day: c for day, c in counts.items() if c != DayCounts()},
    )


def _visible_read(
    session: Session,
    raw: sqlite3.Connection,
    start: date,
    end: date,
    filters: Filters,
    per_day: int,
    with_holidays: bool,
    language: str,
    today: date | None,
) -> CalendarPeriod:
    """``period`` with ``per_day`` on an SQLite workspace: ``core.quickread``'s rows as the
    values the full read builds."""
    offsets = {
        client_id: (brief, bat, analysis)
        for client_id, brief, bat, analysis in session.execute(
            select(
                Client.id,
                Client.brief_offset_days,
                Client.bat_offset_days,
                Client.analysis_offset_days,
            )
        )
    }
    ahead = max((max(b, t) for b, t, _ in offsets.values()), default=0) + 3
    behind = max((a for _, _, a in offsets.values()), default=0) + 3
    rows = quickread.visible_rows(
        raw,
        start,
        end,
        per_day,
        offsets=offsets,
        deadlines_of=_deadlines_of,
        open_statuses={
            kind.value: {s.value for s in CampaignStatus if s.rank < _DONE_RANK[kind]}
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
    for cid, *alert in quickread.flag_rows(raw, ids):
        segment_id, name, sends, cap, week = alert
        alerts[cid].append(PressureAlert(segment_id, name, sends, cap, date.fromisoformat(week)))
    holidays = holidays_between(start, end, language) if with_holidays else {}
    overdue = quickread.overdue_rows(
        raw,
        ids,
        today or date.today(),
        [state.value for state in checklists.OPEN_STATES],
    )
    markers = _markers(session, start, end, filters)
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
                _STATUSES[status],
                _CHANNELS[channel],
                _TYPES[ctype],
                quickread.stored_instant(at).astimezone(zone(tz)),
                tuple(alerts.get(cid, ())),
                holidays.get(day),
                overdue.get(cid, 0),
                blackout_on(markers.get(day, ()), client_id),
            )
        )
    deadlines = [
        Deadline(cid, name, client_name, colour, _KINDS[kind], day, False)
        for day, kind, cid, name, client_name, colour in rows.deadlines
    ]
    by_day, deadlines_by_day = _by_day(entries), _deadlines_by_day(deadlines)
    return CalendarPeriod(
        start,
        end,
        entries,
        deadlines,
        holidays,
        by_day,
        deadlines_by_day,
        markers,
        complete=False,
        counts=rows.counts,
    )


#: Stored values to their members: a dictionary is faster than an enum's lookup.
_STATUSES = {member.value: member for member in CampaignStatus}
_CHANNELS = {member.value: member for member in Channel}
_TYPES = {member.value: member for member in CampaignType}
_KINDS = {member.value: member for member in DeadlineKind}


@lru_cache(maxsize=4096)
def _deadlines_of(
    send_day: date, brief_offset: int, bat_offset: int, analysis_offset: int
) -> tuple[tuple[str, int, date], ...]:
    """The deadlines of a send day as ``quickread`` takes them: kind, order in the full read
    (brief, BAT, analysis), day."""
    return tuple(
        (kind.value, order, day)
        for order, (kind, day) in enumerate(
            (k, d)
            for k, d in deadline_days(send_day, brief_offset, bat_offset, analysis_offset).items()
            if k is not DeadlineKind.SEND
        )
    )


def month_grid(year: int, month: int) -> tuple[date, date]:
    """First and last day of the six-week grid (Monday first) that shows ``month``."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=41)


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)
