"""Dates from someone else's calendar, imported from an .ics file and shown on the plan.

A client's blackout dates (no send during the sales), a trade fair, the school holidays: the
client already has them in a calendar and can send the .ics. Each event becomes a marker of
the calendar (one row, ``CalendarMarker``), for one client or for all; a send planned on a
blackout marker is warned like a public holiday.

Decisions worth knowing:

- **Identity.** A marker is its client scope (a client, or all clients), its UID and its
  RECURRENCE-ID: importing the same file again updates what changed and adds nothing. An event
  that disappeared from the file is *not* deleted (the operator deletes markers in the list):
  a calendar sent in two halves must not erase the first half.
- **No UID.** A stable UID is derived from the event's content (summary, start, end, rule,
  location), so importing such a file twice still does not duplicate it.
- **Unknown TZID.** A time whose zone nobody knows (neither IANA nor a VTIMEZONE of the file)
  is taken as floating, i.e. on the workspace's clock (``calendar_values.DISPLAY_ZONE``):
  "09:00" stays 09:00, the day stays right, which is all the calendar shows of it.
- **Days.** Timed events fall on their days in ``DISPLAY_ZONE``, the zone the calendar
  shows; an all-day event's DTEND is exclusive (a 3-day fair from 1 to 4 March covers 1-3).
- **Recurrence.** A recurring event keeps its VEVENT (with its moved occurrences and the
  VTIMEZONEs they name) in ``component`` and is expanded over the period read only; its
  ``ends_on`` is its last occurrence, 9999-12-31 for an endless rule.

``icalendar`` and ``recurring_ical_events`` are imported inside the functions that parse: the
application's start-up, and a period without recurring markers, never load them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

# The markers of a day and their expansion over a period live with the calendar's values,
# read without SQLAlchemy by the window's first paint; re-exported here.
from crmdesk.core.calendar_values import (
    EXPANDING,
    MARKER_TEXT_CHARS,
    UTC_STAMP,
    Marker,
    StoredMarker,
    blackout_on,
    event_location,
    event_span,
    event_summary,
    marker_days,
    on_display_clock,
    parsed_calendar,
)
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.limits import QUOTED_CHARS, content_problem
from crmdesk.core.models import CalendarMarker, Client
from crmdesk.core.printable import printable

if TYPE_CHECKING:
    from icalendar import Calendar, Event

#: The ``ends_on`` of a rule without COUNT or UNTIL.
ENDLESS = date(9999, 12, 31)
#: An .ics larger than this is refused before parsing: a year of a busy agenda is ~200 KB and
#: icalendar holds about ten times the file in objects.
MAX_ICS_BYTES = 4 * 2**20
#: Events one file may hold: a country's holidays over ten years are a few hundred.
MAX_ICS_EVENTS = 5_000
#: Occurrences walked to find where a finite rule ends; a rule with more is taken as endless
#: (a daily rule over years), which only widens the span the period read looks at.
MAX_OCCURRENCES = 1_000
_UID_CHARS = 500
_PRODID = "-//crmdesk//markers//EN"
_REFUSED_CONTENT = {
    "empty": "it is empty.",
    "binary": "it is binary data (an image, an archive…), not an iCalendar file.",
}


@dataclass(frozen=True, slots=True)
class IcsImport:
    added: int
    updated: int
    unchanged: int
    #: One English sentence per event left out and why.
    skipped: tuple[str, ...]
    changes: Changes
    #: The markers this import created, so the UI can undo it by deleting them.
    added_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MarkerRow:
    id: int
    client_id: int | None
    client: str  # "" for a marker of every client
    summary: str
    starts_on: date
    ends_on: date
    all_day: bool
    blackout: bool
    recurring: bool
    source: str


# -- reading ------------------------------------------------------------------------------------


def markers_between(
    session: Session, start: date, end: date, *, client_ids: Collection[int] | None = None
) -> dict[date, list[Marker]]:
    """The markers on each day from ``start`` to ``end`` (days included) of ``client_ids``
    (every client when None), markers for all clients always included.

    One indexed query; a recurring marker is expanded over these days only, and only then
    are the iCalendar libraries loaded.
    """
    if end < start:
        raise ValidationError(
            [FieldProblem("end", "end_before_start", f"The end ({end}) is before the start.")]
        )
    query = (
        select(
            CalendarMarker.id,
            CalendarMarker.client_id,
            CalendarMarker.summary,
            CalendarMarker.location,
            CalendarMarker.starts_on,
            CalendarMarker.ends_on,
            CalendarMarker.all_day,
            CalendarMarker.blackout,
            CalendarMarker.recurring,
            CalendarMarker.component,
        )
        .where(CalendarMarker.starts_on <= end, CalendarMarker.ends_on >= start)
        .order_by(CalendarMarker.starts_on, CalendarMarker.id)
    )
    if client_ids is not None:
        query = query.where(
            or_(CalendarMarker.client_id.is_(None), CalendarMarker.client_id.in_(client_ids))
        )
    rows = cast("Iterable[StoredMarker]", session.connection().execute(query))
    return marker_days(rows, start, end)


def blackout_for(session: Session, client_id: int, day: date) -> str | None:
    """What the campaign form warns about: a blackout marker of the client on ``day``."""
    found = markers_between(session, day, day, client_ids={client_id})
    return blackout_on(found.get(day, ()), client_id)


def list_markers(session: Session, *, client_id: int | None = None) -> list[MarkerRow]:
    """Every marker (or those of ``client_id`` and of all clients), by first day."""
    query = (
        select(
            CalendarMarker.id,
            CalendarMarker.client_id,
            Client.name,
            CalendarMarker.summary,
            CalendarMarker.starts_on,
            CalendarMarker.ends_on,
            CalendarMarker.all_day,
            CalendarMarker.blackout,
            CalendarMarker.recurring,
            CalendarMarker.source,
        )
        .outerjoin(Client, Client.id == CalendarMarker.client_id)
        .order_by(CalendarMarker.starts_on, CalendarMarker.summary, CalendarMarker.id)
    )
    if client_id is not None:
        query = query.where(
            or_(CalendarMarker.client_id.is_(None), CalendarMarker.client_id == client_id)
        )
    return [
        MarkerRow(mid, cid, name or "", summary, first, last, all_day, blackout, rec, source)
        for mid, cid, name, summary, first, last, all_day, blackout, rec, source in (
            session.execute(query)
        )
    ]


# -- editing ------------------------------------------------------------------------------------


def set_blackout(session: Session, marker_id: int, blackout: bool) -> Changes:
    """Whether a send on the marker's days is warned; the rest of the marker stays."""
    marker = session.get(CalendarMarker, marker_id)
    if marker is None:
        raise NotFound(f"No calendar marker with id {marker_id}.")
    marker.blackout = blackout
    return Changes(markers=True)


_COLUMNS = tuple(column.name for column in CalendarMarker.__table__.columns)


def delete_markers(
    session: Session, marker_ids: Collection[int]
) -> tuple[list[dict[str, Any]], Changes]:
    """Delete the markers; return their rows whole, for :func:`undelete_markers`."""
    ids = list(marker_ids)
    table = CalendarMarker.__table__
    rows = [
        dict(row._mapping)
        for row in session.execute(select(table).where(table.c.id.in_(ids)).order_by(table.c.id))
    ]
    if rows:
        session.execute(delete(CalendarMarker).where(CalendarMarker.id.in_(ids)))
    return rows, Changes(markers=bool(rows))


def undelete_markers(session: Session, rows: list[dict[str, Any]]) -> Changes:
    """Put deleted markers back as they were, with their ids (the undo of a delete or of an
    import). A marker whose client was deleted meanwhile stays gone."""
    known = set(session.scalars(select(Client.id)))
    kept = [
        {name: row[name] for name in _COLUMNS if name in row}
        for row in rows
        if row.get("client_id") is None or row["client_id"] in known
    ]
    if kept:
        session.execute(insert(CalendarMarker), kept)
    return Changes(markers=bool(kept))


# -- importing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """One marker as the file describes it."""

    uid: str
    recurrence_id: str
    summary: str
    location: str
    starts_on: date
    ends_on: date
    all_day: bool
    recurring: bool
    component: str


class _Skip(Exception):
    """An event left out, with the English clause saying why."""


def import_ics(
    session: Session,
    data: bytes,
    *,
    source: str,
    client_id: int | None = None,
    blackout: bool = True,
) -> IcsImport:
    """Import the events of an .ics file as markers of ``client_id`` (every client when None).

    Importing the same file again updates the markers of the same client scope, UID and
    RECURRENCE-ID rather than adding copies; events no longer in the file are not deleted.
    ``blackout`` applies to every marker added or updated. An event that cannot be placed
    (no start, a bad date, a rule that cannot be read) is skipped, with its reason in
    ``skipped``. The whole file is refused with :class:`~crmdesk.core.ical.IcsRefused`, and
    nothing written, when it is too large, not iCalendar, unreadable or without any event.
    """
    from crmdesk.core.ical import IcsRefused

    name = printable(source, QUOTED_CHARS)
    if len(data) > MAX_ICS_BYTES:
        raise IcsRefused(_too_large(name, len(data)))
    problem = content_problem(data)
    if problem is not None:
        raise IcsRefused(f"{name}: {_REFUSED_CONTENT.get(problem, problem)} Nothing was imported.")
    text = _text(data)
    head = text.lstrip().upper()
    if head.startswith("BEGIN:VEVENT"):  # events saved alone, as some mail programs do
        text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text.strip()}\r\nEND:VCALENDAR\r\n"
    elif not head.startswith("BEGIN:VCALENDAR"):
        raise IcsRefused(
            f"{name}: this is not an iCalendar file (it does not start with BEGIN:VCALENDAR); "
            "nothing was imported."
        )
    if client_id is not None and session.get(Client, client_id) is None:
        raise NotFound(f"No client with id {client_id}.")
    calendars = _calendars(text, name)
    events = [event for calendar in calendars for event in _events(calendar)]
    if not events:
        raise IcsRefused(f"{name}: the file holds no event (VEVENT); nothing was imported.")
    if len(events) > MAX_ICS_EVENTS:
        raise IcsRefused(
            f"{name}: the file holds {len(events):,} events, more than the {MAX_ICS_EVENTS:,} "
            "an import may add; nothing was imported."
        )
    found, skipped = _markers_of(calendars, events)
    added, updated, unchanged, added_ids = _store(session, found, client_id, blackout, source)
    return IcsImport(
        added, updated, unchanged, tuple(skipped), Changes(markers=bool(added or updated)),
        tuple(added_ids),
    )  # fmt: skip


def _too_large(name: str, size: int) -> str:
    return (
        f"{name}: the file is {size / 2**20:.1f} MB, over the {MAX_ICS_BYTES / 2**20:.0f} MB "
        "an iCalendar import may be; nothing was imported."
    )


def read_ics_file(path: Path) -> bytes:
    """The bytes of the .ics at ``path`` for :func:`import_ics`; a missing file, a folder or
    one over :data:`MAX_ICS_BYTES` is refused from its size, before a byte is read."""
    from crmdesk.core.ical import IcsRefused

    name = printable(path.name, QUOTED_CHARS)
    try:
        if path.is_dir():
            raise IcsRefused(f"{name}: this is a folder; give an .ics file.")
        size = path.stat().st_size
        if size > MAX_ICS_BYTES:
            raise IcsRefused(_too_large(name, size))
        return path.read_bytes()
    except OSError as error:
        raise IcsRefused(
            f"{name}: the file cannot be read ({error.strerror or error}); nothing was imported."
        ) from None


def _events(calendar: Calendar) -> list[Event]:
    from icalendar import Event

    return [event for event in calendar.walk("VEVENT") if isinstance(event, Event)]


def _text(data: bytes) -> str:
    """The file as text: a UTF-8 BOM dropped, every line ending (a lone CR too) made CRLF.
    RFC 5545 says UTF-8; older Outlook exports are Windows-1252, read as such."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _calendars(text: str, name: str) -> list[Calendar]:
    from icalendar import Calendar

    from crmdesk.core.ical import IcsRefused

    try:
        return list(Calendar.from_ical(text, multiple=True))
    # icalendar raises ValueError, KeyError, IndexError, TypeError… on a damaged file; each
    # means the same to the user: this file cannot be read.
    except Exception as error:  # noqa: BLE001
        raise IcsRefused(
            f"{name}: icalendar cannot read this file ({printable(error, QUOTED_CHARS)}); "
            "nothing was imported."
        ) from None


def _markers_of(calendars: list[Calendar], events: list[Event]) -> tuple[list[_Found], list[str]]:
    """The markers of the file's events, masters with their moved occurrences; the reasons of
    those left out."""
    timezones = {str(tz.get("TZID", "")): tz for cal in calendars for tz in cal.walk("VTIMEZONE")}
    skipped: list[str] = []
    keyed: dict[tuple[str, str], Event] = {}
    for number, event in enumerate(events, 1):
        try:
            key = (_uid(event), _recurrence_id(event))
        except _Skip as reason:
            skipped.append(f"{_label(event, number)}: {reason}")
            continue
        if key in keyed:
            skipped.append(
                f"{_label(keyed[key], events.index(keyed[key]) + 1)}: a later event has the same "
                "UID (and RECURRENCE-ID); the later one was kept."
            )
        keyed[key] = event
    overrides: dict[str, list[Event]] = defaultdict(list)
    for (uid, rid), event in keyed.items():
        master = keyed.get((uid, ""))
        if rid and master is not None and _repeats(master):
            overrides[uid].append(event)
    found: list[_Found] = []
    for (uid, rid), event in keyed.items():
        if rid and event in overrides.get(uid, ()):
            continue  # expanded with its master
        try:
            found.append(_found(uid, rid, event, overrides.get(uid, []), timezones))
        except _Skip as reason:
            skipped.append(f"{_label(event, events.index(event) + 1)}: {reason}")
        # A damaged property can fail in any of icalendar's accessors: the event is left out.
        except Exception as error:  # noqa: BLE001
            skipped.append(
                f"{_label(event, events.index(event) + 1)}: it cannot be read "
                f"({printable(error, QUOTED_CHARS)})."
            )
    return found, skipped


def _label(event: Event, number: int) -> str:
    """How a skipped event is named: its summary, else its place in the file."""
    summary = event_summary(event)
    return f"Event {number} “{summary}”" if summary else f"Event {number} (untitled)"


def _uid(event: Event) -> str:
    """The event's UID, or one derived from what it says when it has none."""
    value = str(event.get("UID", "")).strip()
    if value and len(value) <= _UID_CHARS:
        return value
    parts = [value] + [
        _raw(event, name)
        for name in ("SUMMARY", "DTSTART", "DTEND", "DURATION", "RRULE", "LOCATION")
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:24]
    return f"derived-{digest}@crmdesk"


def _raw(event: Event, name: str) -> str:
    value = event.get(name)
    to_ical = getattr(value, "to_ical", None)
    if to_ical is None:
        return "" if value is None else str(value)
    return bytes(to_ical()).decode("utf-8", "replace")


def _recurrence_id(event: Event) -> str:
    if "RECURRENCE-ID" not in event:
        return ""
    try:
        prop: Any = event["RECURRENCE-ID"]
        moment = prop.dt
    except Exception:  # noqa: BLE001
        raise _Skip("its RECURRENCE-ID is not a date.") from None
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime(UTC_STAMP)
    return moment.strftime("%Y%m%dT%H%M%S" if isinstance(moment, datetime) else "%Y%m%d")


def _repeats(event: Event) -> bool:
    return "RRULE" in event or "RDATE" in event


def _bounds(event: Event) -> tuple[date | datetime, date | datetime]:
    if "DTSTART" not in event:
        raise _Skip("it has no start (DTSTART).")
    try:
        start = event.start
    except Exception:  # noqa: BLE001
        raw = printable(_raw(event, "DTSTART"), QUOTED_CHARS)
        raise _Skip(f"its start (DTSTART) is not one date: “{raw}”.") from None
    try:
        end = event.end
    except Exception:  # noqa: BLE001
        raise _Skip("its end (DTEND or DURATION) cannot be read.") from None
    if isinstance(start, datetime) != isinstance(end, datetime):
        end = start  # a date and a time mixed: the event is taken as its start
    if isinstance(start, datetime) and isinstance(end, datetime):
        ends_before = on_display_clock(end) < on_display_clock(start)
    else:
        ends_before = end < start
    if ends_before:
        raise _Skip("it ends before it starts.")
    return start, end


def _found(
    uid: str, rid: str, event: Event, moved: list[Event], timezones: dict[str, Any]
) -> _Found:
    start, end = _bounds(event)
    all_day = not isinstance(start, datetime)
    summary = event_summary(event)
    location = event_location(event)
    if not rid and _repeats(event):
        component = _component([event, *moved], timezones)
        first, last = _recurring_span(component)
        return _Found(uid, "", summary, location, first, last, all_day, True, component)
    first, last, start_at, end_at = event_span(start, end)
    component = ""
    if start_at is not None and end_at is not None:
        component = (
            "BEGIN:VEVENT\r\n"
            f"DTSTART:{start_at.astimezone(UTC).strftime(UTC_STAMP)}\r\n"
            f"DTEND:{end_at.astimezone(UTC).strftime(UTC_STAMP)}\r\n"
            "END:VEVENT\r\n"
        )
    return _Found(uid, rid, summary, location, first, last, all_day, False, component)


def _component(events: list[Event], timezones: dict[str, Any]) -> str:
    """A calendar of a recurring event, its moved occurrences and the VTIMEZONEs they name."""
    named: set[str] = set()
    for event in events:
        for prop in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"):
            values = event.get(prop)
            for value in values if isinstance(values, list) else [values]:
                params = getattr(value, "params", None)
                if params and "TZID" in params:
                    named.add(str(params["TZID"]))
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", f"PRODID:{_PRODID}\r\n"]
    parts += [timezones[tzid].to_ical().decode() for tzid in sorted(named) if tzid in timezones]
    parts += [event.to_ical().decode() for event in events]
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts)


def _recurring_span(component: str) -> tuple[date, date]:
    """The first and last day of a recurring event's occurrences (9999-12-31 when endless).

    An endless rule is not walked past its first occurrence; a finite one is walked up to
    :data:`MAX_OCCURRENCES`, past which it counts as endless (its span is only a bound).
    """
    import recurring_ical_events

    try:
        with EXPANDING:  # the calendar's reads may walk the same parsed series
            calendar = parsed_calendar(component)
            endless = any(
                "COUNT" not in rule and "UNTIL" not in rule
                for event in _events(calendar)
                for rule in _rules(event)
            )
            occurrences: Iterator[Any] = recurring_ical_events.of(calendar).all()
            walked = list(islice(occurrences, 1 if endless else MAX_OCCURRENCES + 1))
    except Exception as error:  # noqa: BLE001
        raise _Skip(f"its repeat rule cannot be read ({printable(error, QUOTED_CHARS)}).") from None
    if not walked:
        raise _Skip("its repeat rule leaves no occurrence.")
    spans = [event_span(o.start, o.end) for o in walked]
    first = min(span[0] for span in spans)
    if endless or len(walked) > MAX_OCCURRENCES:
        return first, ENDLESS
    return first, max(span[1] for span in spans)


def _rules(event: Event) -> list[Any]:
    rules = event.get("RRULE")
    if rules is None:
        return []
    return rules if isinstance(rules, list) else [rules]


def _store(
    session: Session, found: list[_Found], client_id: int | None, blackout: bool, source: str
) -> tuple[int, int, int, list[int]]:
    scope = (
        CalendarMarker.client_id.is_(None)
        if client_id is None
        else CalendarMarker.client_id == client_id
    )
    uids = sorted({item.uid for item in found})
    existing: dict[tuple[str, str], CalendarMarker] = {}
    for chunk in range(0, len(uids), 500):
        for marker in session.scalars(
            select(CalendarMarker).where(scope, CalendarMarker.uid.in_(uids[chunk : chunk + 500]))
        ):
            existing[(marker.uid, marker.recurrence_id)] = marker
    source = source[:MARKER_TEXT_CHARS]
    now = datetime.now(UTC)
    added = updated = unchanged = 0
    new: list[CalendarMarker] = []
    for item in found:
        values = {
            "summary": item.summary,
            "location": item.location,
            "starts_on": item.starts_on,
            "ends_on": item.ends_on,
            "all_day": item.all_day,
            "blackout": blackout,
            "recurring": item.recurring,
            "component": item.component,
        }
        known = existing.get((item.uid, item.recurrence_id))
        if known is None:
            marker = CalendarMarker(
                client_id=client_id, uid=item.uid, recurrence_id=item.recurrence_id,
                source=source, imported_at=now, **values,
            )  # fmt: skip
            session.add(marker)
            new.append(marker)
            existing[(item.uid, item.recurrence_id)] = marker
            added += 1
        elif any(getattr(known, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(known, key, value)
            known.source = source
            known.imported_at = now
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return added, updated, unchanged, [marker.id for marker in new]
