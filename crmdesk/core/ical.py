"""A client's plan as an iCalendar file, for the client's own calendar.

The client gets the plan without anyone retyping it: each campaign is its send (at the planned
wall-clock time, in the campaign's own time zone, so "09:30 in Paris" stays 09:30 on both sides
of a DST change), its BAT deadline and its analysis, both all-day on the days the calendar shows.

What goes out is what the client may see: the campaign's name, subject, preheader and segments.
The internal notes, the ESP and the volume never do.

A calendar that imports the file again must update its events rather than add copies, so every
UID is derived from the campaign id, the event kind and the campaign's creation instant (two
workspaces both have a campaign 12; they did not create it at the same microsecond), and
SEQUENCE grows with the campaign's last change. The output is deterministic apart from DTSTAMP:
the same plan gives the same bytes, so a diff of two exports shows what changed.

``icalendar`` is imported inside ``export_plan_ics`` only: it costs ~80 ms to import and the
application's start-up does not need it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import plan
from crmdesk.core.calendar import DeadlineKind, deadline_days, validate_range
from crmdesk.core.errors import CrmdeskError, NotFound
from crmdesk.core.files import replace_atomically
from crmdesk.core.models import Campaign, CampaignType, Client
from crmdesk.core.timezones import is_known_zone, wall_clock

PRODID = "-//crmdesk//crmdesk//FR"
#: How long a send lasts in the client's calendar: long enough to be seen, short of a meeting.
SEND_MINUTES = 30
UID_DOMAIN = "crmdesk"

#: The words of the file itself (summaries, description labels), French or English.
_WORDS = {
    "fr": {
        "bat": "BAT – %(name)s",
        "analysis": "Analyse J+%(days)s – %(name)s",
        "subject": "Objet : %(value)s",
        "preheader": "Pré-en-tête : %(value)s",
        "segments": "Segments : %(value)s",
        "send": "Envoi le %(when)s",
        "plan": "%(client)s – plan des campagnes",
        "all": "Plan des campagnes",
        "when": "%(day)s à %(time)s",
    },
    "en": {
        "bat": "Proof (BAT) – %(name)s",
        "analysis": "D+%(days)s analysis – %(name)s",
        "subject": "Subject: %(value)s",
        "preheader": "Preheader: %(value)s",
        "segments": "Segments: %(value)s",
        "send": "Sent on %(when)s",
        "plan": "%(client)s – campaign plan",
        "all": "Campaign plan",
        "when": "%(day)s at %(time)s",
    },
}


class IcsRefused(CrmdeskError):
    """An iCalendar export that cannot be written, or an .ics that cannot be imported
    (``core.markers``); nothing was written. English, names the file."""


@dataclass(frozen=True, slots=True)
class _Planned:
    """One campaign as the client may see it, plus what its UIDs and SEQUENCE come from."""

    id: int
    client: str
    name: str
    send_at: datetime  # aware, on the campaign's clock (UTC when its zone is unknown)
    zone_known: bool
    type: CampaignType
    subject: str
    preheader: str
    segments: tuple[str, ...]
    bat_offset: int
    analysis_offset: int
    created_at: datetime
    updated_at: datetime


def uid(campaign_id: int, kind: DeadlineKind, created_at: datetime) -> str:
    """The UID of one event of a campaign: stable across exports and reschedules, distinct
    between workspaces (the creation instant stands for the workspace, without putting the
    operator's file path in a file sent to the client)."""
    born = created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%f")
    tag = hashlib.sha256(born.encode("ascii")).hexdigest()[:10]
    return f"campaign-{campaign_id}-{kind.value}-{tag}@{UID_DOMAIN}"


def sequence(created_at: datetime, updated_at: datetime) -> int:
    """Seconds from the campaign's creation to its last change: grows with every edit (RFC
    5545 wants a higher SEQUENCE for a revised event) and stays far below 2**31 for 68 years."""
    return max(0, int(updated_at.timestamp()) - int(created_at.timestamp()))


def _campaigns(
    session: Session, client_id: int | None, start: date | None, end: date | None
) -> list[_Planned]:
    """The campaigns of the plan export (``plan._plan_rows``' selection: the send day on the
    campaign's clock within ``start``..``end``), in a fixed order: send, client, name, id."""
    query = (
        select(
            Campaign.id,
            Client.name,
            Campaign.name,
            Campaign.planned_send_at,
            Campaign.send_timezone,
            Campaign.type,
            Campaign.subject,
            Campaign.preheader,
            Client.bat_offset_days,
            Client.analysis_offset_days,
            Campaign.created_at,
            Campaign.updated_at,
        )
        .join(Client, Client.id == Campaign.client_id)
        .order_by(Campaign.planned_send_at, Client.name, Campaign.name, Campaign.id)
    )
    if client_id is not None:
        query = query.where(Campaign.client_id == client_id)
    query = plan.around_period(query, start, end)
    segments = plan.segment_names(session, None if client_id is None else {client_id})
    found: list[_Planned] = []
    for (
        cid,
        client,
        name,
        at,
        tz,
        ctype,
        subject,
        preheader,
        bat,
        analysis,
        born,
        changed,
    ) in session.execute(query):
        known = is_known_zone(tz)
        local = wall_clock(at, tz) if known else at.astimezone(UTC)
        if not plan.in_period(local.date(), start, end):
            continue
        found.append(
            _Planned(
                cid, client, name, local, known, ctype, subject, preheader,
                tuple(segments.get(cid, ())), bat, analysis, born, changed or born,
            )
        )  # fmt: skip
    return found


def export_plan_ics(
    session: Session,
    client_id: int | None,
    start: date | None,
    end: date | None,
    *,
    language: str = "fr",
) -> bytes:
    """The plan of ``client_id`` (every client when None) sent from ``start`` to ``end`` (days
    included, on each campaign's clock; open-ended when None) as an iCalendar file.

    Per campaign: the send (DTSTART with its TZID and a VTIMEZONE, or UTC when the stored zone
    is unknown; 30 minutes), then, unless it is an automation (the calendar shows no deadlines
    for those), the BAT deadline and the analysis as all-day events on the calendar's days.
    The BAT of a campaign sent early in the period may fall before it: it is still exported,
    since it belongs to a campaign the client asked for.
    """
    return _ics(session, client_id, start, end, language)[0]


def _ics(
    session: Session, client_id: int | None, start: date | None, end: date | None, language: str
) -> tuple[bytes, int]:
    """The file and the number of campaigns in it."""
    from icalendar import Calendar, Event

    if start is not None and end is not None:
        validate_range(start, end)
    words = _WORDS["fr" if language.startswith("fr") else "en"]
    client_name: str | None = None
    if client_id is not None:
        client_name = session.scalar(select(Client.name).where(Client.id == client_id))
        if client_name is None:
            raise NotFound(f"No client with id {client_id}.")
    planned = _campaigns(session, client_id, start, end)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = words["plan"] % {"client": client_name} if client_name else words["all"]
    calendar.add("x-wr-calname", title)
    stamp = datetime.now(UTC).replace(microsecond=0)

    def event(kind: DeadlineKind, item: _Planned, summary: str) -> Event:
        made = Event()
        made.add("uid", uid(item.id, kind, item.created_at))
        made.add("dtstamp", stamp)
        made.add("sequence", sequence(item.created_at, item.updated_at))
        made.add("summary", summary)
        made.add("transp", "TRANSPARENT")  # the client is not busy while a newsletter goes out
        return made

    for item in planned:
        send = event(DeadlineKind.SEND, item, item.name)
        send.add("dtstart", item.send_at)
        send.add("dtend", item.send_at + timedelta(minutes=SEND_MINUTES))
        described = _description(item, words)
        if described:
            send.add("description", described)
        calendar.add_component(send)
        if item.type is CampaignType.AUTOMATION:
            continue
        days = deadline_days(item.send_at.date(), 0, item.bat_offset, item.analysis_offset)
        day_format = "%d/%m/%Y" if words is _WORDS["fr"] else "%Y-%m-%d"
        shown_day = words["when"] % {
            "day": item.send_at.strftime(day_format),
            "time": item.send_at.strftime("%H:%M"),
        }
        for kind in (DeadlineKind.BAT, DeadlineKind.ANALYSIS):
            summary = words[kind.value] % {"name": item.name, "days": item.analysis_offset}
            deadline = event(kind, item, summary)
            deadline.add("dtstart", days[kind])
            deadline.add("dtend", days[kind] + timedelta(days=1))
            deadline.add("description", words["send"] % {"when": shown_day})
            calendar.add_component(deadline)

    if planned:
        # VTIMEZONEs cover the plan's own years only: the file stays small and, for the same
        # plan, identical. ``add_missing_timezones`` puts them first and skips UTC.
        first = min(item.send_at.date() for item in planned)
        last = max(item.send_at.date() for item in planned)
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return bytes(calendar.to_ical()), len(planned)


def _description(item: _Planned, words: dict[str, str]) -> str:
    """Only what the client may read: subject, preheader, segments; never notes, ESP, volume."""
    lines = []
    if item.subject:
        lines.append(words["subject"] % {"value": item.subject})
    if item.preheader:
        lines.append(words["preheader"] % {"value": item.preheader})
    if item.segments:
        lines.append(words["segments"] % {"value": ", ".join(item.segments)})
    return "\n".join(lines)


def write_plan_ics(
    session: Session,
    out: Path,
    client_id: int | None,
    start: date | None,
    end: date | None,
    *,
    language: str = "fr",
) -> int:
    """Write ``export_plan_ics`` to ``out`` whole or not at all; return the campaigns written.

    Refuses a folder or another suffix before building anything, so a typo costs nothing.
    """
    if out.is_dir():
        raise IcsRefused(f"{out}: this is a folder; give a file name.")
    if out.suffix.lower() != ".ics":
        raise IcsRefused(f"{out.name}: an iCalendar export is a .ics file.")
    data, count = _ics(session, client_id, start, end, language)

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    try:
        replace_atomically(out, write)
    except OSError as error:
        raise IcsRefused(
            f"{out}: the plan could not be written ({error.strerror or error})."
        ) from None
    return count
