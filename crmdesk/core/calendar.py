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

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from crmdesk.core import checklists, quickread

# The values of a period live in the light ``calendar_values`` (the first paint reads without
# SQLAlchemy); they are re-exported here for every caller of ``core.calendar``.
from crmdesk.core.calendar_values import (
    DONE_RANK,
    CalendarEntry,
    CalendarPeriod,
    Deadline,
    DeadlineKind,
    Filters,
    Marker,
    add_holidays,
    blackout_on,
    deadline_days,
    deadlines_on_days,
    entries_by_day,
    month_grid,
    validate_range,
    visible,
    week_of,
)
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.core.markers import markers_between
from crmdesk.core.models import (
    Campaign,
    CampaignType,
    Client,
    campaign_segments,
)
from crmdesk.core.pressure import pressure_alerts
from crmdesk.core.timezones import zone

__all__ = [
    "CalendarEntry",
    "CalendarPeriod",
    "Deadline",
    "DeadlineKind",
    "Filters",
    "Marker",
    "add_holidays",
    "deadline_days",
    "month_grid",
    "period",
    "send_rows",
    "validate_range",
    "visible",
    "week_of",
]


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


#: No filter: every campaign.
_EVERYTHING = Filters()


def _instant(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def period(
    session: Session,
    start: date,
    end: date,
    filters: Filters = _EVERYTHING,
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
            # One code path with the window's first paint, which reads before SQLAlchemy loads.
            return quickread.visible_period(
                raw,
                start,
                end,
                filters,
                per_day,
                with_holidays=with_holidays,
                language=language,
                today=today or date.today(),
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
                done = rank >= DONE_RANK[kind]
                deadlines.append(Deadline(cid, name, client_name, colour, kind, when, done))

    by_day, deadlines_by_day = entries_by_day(entries), deadlines_on_days(deadlines)
    return CalendarPeriod(
        start, end, entries, deadlines, holidays, by_day, deadlines_by_day, markers
    )


def _markers(
    session: Session, start: date, end: date, filters: Filters
) -> dict[date, tuple[Marker, ...]]:
    """The markers of the period for the clients shown (and those for every client)."""
    found = markers_between(session, start, end, client_ids=filters.client_ids)
    return {day: tuple(day_markers) for day, day_markers in found.items()}
