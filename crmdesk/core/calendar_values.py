"""The values of a calendar period and the rules that place them on days, without SQLAlchemy.

The window paints its first month from a read with the standard ``sqlite3`` module
(``core.quickread``) before SQLAlchemy and the ORM models are loaded; that read and the full
one (``core.calendar.period``) build the same values, so both take them from here: the
campaigns, deadlines and markers of a period, their grouping by day, the deadline rules, the
expansion of imported calendar markers over days, a pressure warning and a client's settings.
``core.calendar``, ``core.markers``, ``core.pressure``, ``core.clients`` and ``core.checklists``
re-export what they used to define, so their callers are unchanged.
"""

from __future__ import annotations

import enum
import re
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crmdesk.core.errors import FieldProblem, ValidationError
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.core.kinds import CampaignStatus, CampaignType, Channel, ChecklistState
from crmdesk.core.printable import printable
from crmdesk.core.timezones import DEFAULT_TIMEZONE, zone
from crmdesk.core.workdays import next_weekday, previous_weekday

if TYPE_CHECKING:
    from icalendar import Calendar, Event

# -- campaigns and deadlines --------------------------------------------------------------------


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
#: The rank of the status from which each deadline is done.
DONE_RANK = {kind: status.rank for kind, status in _DONE_FROM.items()}

#: Checklist items in these states are still to do: overdue once past their due day.
OPEN_STATES = (ChecklistState.TODO, ChecklistState.FAILED)

#: Stored values to their members: a dictionary is faster than an enum's lookup.
STATUS_BY_VALUE = {member.value: member for member in CampaignStatus}
CHANNEL_BY_VALUE = {member.value: member for member in Channel}
TYPE_BY_VALUE = {member.value: member for member in CampaignType}
DEADLINE_KIND_BY_VALUE = {member.value: member for member in DeadlineKind}


@dataclass(frozen=True)
class Filters:
    """None means no filter on that facet."""

    client_ids: frozenset[int] | None = None
    statuses: frozenset[CampaignStatus] | None = None
    channels: frozenset[Channel] | None = None
    segment_ids: frozenset[int] | None = None


@dataclass(frozen=True, slots=True)
class PressureAlert:
    """A segment that receives ``count`` sends in the week (Monday, client's clock) of
    ``window_start``, over its client's ``cap``."""

    segment_id: int
    segment_name: str
    count: int
    cap: int
    window_start: date


@dataclass(frozen=True, slots=True)
class DayCounts:
    """A day's totals, whatever is shown of it."""

    entries: int = 0
    warned: int = 0  # campaigns of the day with a pressure warning
    open_deadlines: int = 0


@dataclass(frozen=True)
class ClientInfo:
    id: int
    name: str
    colour: str
    timezone: str
    pressure_cap: int
    brief_offset_days: int
    bat_offset_days: int
    analysis_offset_days: int
    archived: bool = False


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


# -- imported calendar markers ------------------------------------------------------------------

#: The clock of the calendar's days for timed markers (and of floating or unknown-zone times).
DISPLAY_ZONE = DEFAULT_TIMEZONE
#: How long a marker's summary or location may be.
MARKER_TEXT_CHARS = 300
#: A UTC instant as iCalendar writes it.
UTC_STAMP = "%Y%m%dT%H%M%SZ"
#: Held while a parsed series is walked: the GUI thread and the prefetching worker share them.
EXPANDING = threading.Lock()
#: Recurring markers kept parsed between period reads (a month and its neighbours).
_PARSED_CACHE = 256
#: Recurring markers expanded over one period, kept for the next read of the same period.
_EXPANDED_CACHE = 2048
_TIMED = re.compile(r"^(DTSTART|DTEND):(\d{8}T\d{6}Z)\r?$", re.MULTILINE)

#: A marker's first and last day and, when timed, its instants on the display clock.
Span = tuple[date, date, datetime | None, datetime | None]
#: A stored marker as ``marker_days`` takes it: id, client id (None: every client), summary,
#: location, first day, last day, all day, blackout, recurring, component.
StoredMarker = tuple[int, int | None, str, str, date, date, bool, bool, bool, str]


@dataclass(frozen=True, slots=True)
class Marker:
    """One marker on one day (a 3-day fair is three of these, with the same ``id``)."""

    id: int
    client_id: int | None
    summary: str
    location: str
    day: date
    all_day: bool
    start_at: datetime | None  # aware, in DISPLAY_ZONE; None for an all-day marker
    end_at: datetime | None
    blackout: bool
    recurring: bool


def marker_days(rows: Iterable[StoredMarker], start: date, end: date) -> dict[date, list[Marker]]:
    """The markers on each day from ``start`` to ``end`` of the stored ``rows`` (by first day,
    then id), each day's in display order. A recurring marker is expanded over these days
    only, and only then are the iCalendar libraries loaded."""
    found: dict[date, list[Marker]] = defaultdict(list)
    for mid, client, summary, location, first, last, all_day, blackout, recurring, text in rows:
        occurrences: Iterable[tuple[Span, str, str]]
        if recurring:
            occurrences = _expanded(text, start, end)
        elif all_day:
            occurrences = (((first, last, None, None), summary, location),)
        else:
            occurrences = ((_timed_span(text, first, last), summary, location),)
        # A moved occurrence may have its own summary and location.
        for (day_one, day_last, start_at, end_at), summary_of, location_of in occurrences:
            day = max(day_one, start)
            while day <= min(day_last, end):
                found[day].append(
                    Marker(
                        mid, client, summary_of, location_of, day, all_day, start_at, end_at,
                        blackout, recurring,
                    )
                )  # fmt: skip
                day += timedelta(days=1)
    for day_markers in found.values():
        day_markers.sort(key=_day_order)
    return dict(found)


def blackout_on(day_markers: Collection[Marker], client_id: int) -> str | None:
    """The summary of the first blackout marker among ``day_markers`` that applies to
    ``client_id`` (its own, or one for every client); None when the day is free."""
    for marker in day_markers:
        if marker.blackout and (marker.client_id is None or marker.client_id == client_id):
            return marker.summary
    return None


def _day_order(marker: Marker) -> tuple[bool, datetime, str, int]:
    return (not marker.all_day, marker.start_at or datetime.min.replace(tzinfo=UTC),
            marker.summary.casefold(), marker.id)  # fmt: skip


def _timed_span(text: str, first: date, last: date) -> Span:
    """A one-off timed marker's days and instants from its UTC DTSTART/DTEND lines."""
    instants = {
        name: datetime.strptime(value, UTC_STAMP).replace(tzinfo=UTC)
        for name, value in _TIMED.findall(text)
    }
    tz = zone(DISPLAY_ZONE)
    start_at = instants["DTSTART"].astimezone(tz) if "DTSTART" in instants else None
    end_at = instants["DTEND"].astimezone(tz) if "DTEND" in instants else None
    return first, last, start_at, end_at


@lru_cache(maxsize=_EXPANDED_CACHE)
def _expanded(text: str, start: date, end: date) -> tuple[tuple[Span, str, str], ...]:
    """The occurrences of a recurring marker touching ``start``..``end``. A day of margin
    each side: an occurrence's instants are in its own zone, its days in DISPLAY_ZONE.

    Kept per period: the calendar reads the same months again (Page Up, a change elsewhere),
    and walking a rule from its first occurrence costs milliseconds.
    """
    with EXPANDING:
        occurrences = list(
            _series(text).between(start - timedelta(days=1), end + timedelta(days=2))
        )
    found = [(event_span(o.start, o.end), event_summary(o), event_location(o)) for o in occurrences]
    return tuple(item for item in found if item[0][0] <= end and item[0][1] >= start)


@lru_cache(maxsize=_PARSED_CACHE)
def _series(text: str) -> Any:
    import recurring_ical_events

    return recurring_ical_events.of(parsed_calendar(text))


@lru_cache(maxsize=_PARSED_CACHE)
def parsed_calendar(text: str) -> Calendar:
    """A marker's stored component, parsed once (callers hold ``EXPANDING`` to walk it)."""
    from icalendar import Calendar

    return Calendar.from_ical(text)


def on_display_clock(moment: datetime) -> datetime:
    """``moment`` on the display clock; a floating (or unknown-zone) time is taken as on it."""
    tz = zone(DISPLAY_ZONE)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def event_span(start: date | datetime, end: date | datetime | None) -> Span:
    """The days an event covers and, when timed, its instants on the display clock."""
    if not isinstance(start, datetime):
        last = start
        if end is not None and not isinstance(end, datetime) and end > start:
            last = end - timedelta(days=1)  # DTEND of an all-day event is exclusive
        return start, last, None, None
    start_at = on_display_clock(start)
    end_at = on_display_clock(end) if isinstance(end, datetime) else start_at
    end_at = max(end_at, start_at)
    # An event ending at midnight does not cover the next day.
    last = (end_at - timedelta(microseconds=1)).date() if end_at > start_at else start_at.date()
    return start_at.date(), last, start_at, end_at


def event_summary(event: Event) -> str:
    return " ".join(printable(event.get("SUMMARY", ""), MARKER_TEXT_CHARS).split())


def event_location(event: Event) -> str:
    return " ".join(printable(event.get("LOCATION", ""), MARKER_TEXT_CHARS).split())


# -- a period -----------------------------------------------------------------------------------


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


def validate_range(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            [
                FieldProblem(
                    "end", "end_before_start", f"The end ({end}) is before the start ({start})."
                )
            ]
        )


def entries_by_day(entries: list[CalendarEntry]) -> dict[date, list[CalendarEntry]]:
    grouped: dict[date, list[CalendarEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.day].append(entry)
    return dict(grouped)


def deadlines_on_days(deadlines: list[Deadline]) -> dict[date, list[Deadline]]:
    grouped: dict[date, list[Deadline]] = defaultdict(list)
    for deadline in deadlines:
        grouped[deadline.day].append(deadline)
    return dict(grouped)


def add_holidays(found: CalendarPeriod, language: str = "fr") -> CalendarPeriod:
    """``found`` with its public holidays, without reading the workspace again."""
    holidays = holidays_between(found.start, found.end, language)
    entries = [replace(e, holiday=holidays.get(e.day)) for e in found.entries]
    return replace(found, entries=entries, holidays=holidays, by_day=entries_by_day(entries))


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


def month_grid(year: int, month: int) -> tuple[date, date]:
    """First and last day of the six-week grid (Monday first) that shows ``month``."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=41)


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)
