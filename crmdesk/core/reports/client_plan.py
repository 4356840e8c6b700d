"""The client's plan as a calendar sheet: a month, or a quarter month by month, for the client
to confirm.

The calendar's own reading of the period (``calendar.period``) gives the sends, the BAT and
D+5 analysis deadlines and the public holidays, so the sheet shows the days the window shows;
the imported markers (a client's blackout dates, trade fairs) come from ``markers``. What goes
out is what the client may see, as in the iCalendar export: the send's time, subject (its name
when it has none) and segments, never internal notes, the ESP or the volume.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import markers as marker_service
from crmdesk.core import settings
from crmdesk.core.calendar import DeadlineKind, Filters, period
from crmdesk.core.errors import FieldProblem, ValidationError
from crmdesk.core.models import Campaign
from crmdesk.core.reports import cards
from crmdesk.core.reports.model import Branding, ClientCard
from crmdesk.core.reports.quarters import Quarter


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class PlanSend:
    """A send as the client may see it."""

    campaign_id: int
    title: str  # the subject, or the campaign's name when it has none yet
    local_send: datetime  # naive wall-clock time on ``timezone``
    timezone: str
    segments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanDeadline:
    kind: str  # "bat" or "analysis"
    title: str  # the campaign's subject, or its name
    done: bool


@dataclass(frozen=True, slots=True)
class PlanMarker:
    summary: str
    blackout: bool


@dataclass(frozen=True, slots=True)
class PlanDay:
    day: date
    in_month: bool  # False for the grid's days of the months around
    sends: tuple[PlanSend, ...]
    deadlines: tuple[PlanDeadline, ...]
    markers: tuple[PlanMarker, ...]
    holiday: str  # the public holiday's name in the sheet's language, "" for none

    @property
    def blackout(self) -> bool:
        return any(marker.blackout for marker in self.markers)


@dataclass(frozen=True, slots=True)
class PlanMonth:
    first: date
    weeks: tuple[tuple[PlanDay, ...], ...]  # Monday to Sunday
    sends: int  # the month's sends


@dataclass(frozen=True, slots=True)
class ClientPlanSheet:
    branding: Branding
    client: ClientCard
    start: date
    end: date  # inclusive
    quarter: Quarter | None  # the quarter shown, None for a month
    months: tuple[PlanMonth, ...]
    analysis_days: int  # the client's D+n, for the legend
    generated_on: date

    @property
    def sends(self) -> int:
        return sum(month.sends for month in self.months)

    @property
    def any_blackout(self) -> bool:
        return any(d.blackout for m in self.months for w in m.weeks for d in w if d.in_month)

    @property
    def any_holiday(self) -> bool:
        return any(d.holiday for m in self.months for w in m.weeks for d in w if d.in_month)


def client_plan(
    session: Session,
    client_id: int,
    *,
    month: date | None = None,
    quarter: Quarter | None = None,
    today: date,
    language: str = "fr",
) -> ClientPlanSheet:
    """The plan of ``client_id`` for the month starting ``month`` or for ``quarter``."""
    if (month is None) == (quarter is None):
        raise ValidationError(
            [FieldProblem("period", "period_choice", "Give either a month or a quarter.")]
        )
    client = cards.client_row(session, client_id)
    if quarter is not None:
        start, stop = quarter.start, quarter.end
    else:
        assert month is not None
        start = month.replace(day=1)
        stop = next_month(start)
    end = stop - timedelta(days=1)
    # The grid's whole weeks: their outer days are shown empty, but read once with the rest.
    grid_start = start - timedelta(days=start.weekday())
    grid_end = end + timedelta(days=6 - end.weekday())
    found = period(
        session,
        grid_start,
        grid_end,
        Filters(client_ids=frozenset({client_id})),
        language=language,
        today=today,
    )
    ids = {entry.id for entry in found.entries} | {d.campaign_id for d in found.deadlines}
    subjects: dict[int, str] = {}
    if ids:
        subjects = {
            cid: subject or ""
            for cid, subject in session.execute(
                select(Campaign.id, Campaign.subject).where(Campaign.id.in_(ids))
            )
        }
    segments = cards.segment_names(session, ids)
    shown = marker_service.markers_between(session, grid_start, grid_end, client_ids={client_id})

    def title(campaign_id: int, name: str) -> str:
        return subjects.get(campaign_id, "").strip() or name

    months: list[PlanMonth] = []
    first = start
    while first < stop:
        following = next_month(first)
        weeks: list[tuple[PlanDay, ...]] = []
        monday = first - timedelta(days=first.weekday())
        count = 0
        while monday < following:
            week: list[PlanDay] = []
            for offset in range(7):
                day = monday + timedelta(days=offset)
                inside = first <= day < following
                sends = tuple(
                    PlanSend(
                        entry.id,
                        title(entry.id, entry.name),
                        entry.send_at.replace(tzinfo=None),
                        str(entry.send_at.tzinfo),
                        segments.get(entry.id, ()),
                    )
                    for entry in (found.by_day.get(day, []) if inside else [])
                )
                count += len(sends)
                deadlines = tuple(
                    PlanDeadline(d.kind.value, title(d.campaign_id, d.campaign_name), d.done)
                    for d in (found.deadlines_by_day.get(day, []) if inside else [])
                    if d.kind in (DeadlineKind.BAT, DeadlineKind.ANALYSIS)
                )
                day_markers = tuple(
                    PlanMarker(m.summary, m.blackout)
                    for m in (shown.get(day, []) if inside else [])
                )
                holiday = found.holidays.get(day, "") if inside else ""
                week.append(PlanDay(day, inside, sends, deadlines, day_markers, holiday))
            weeks.append(tuple(week))
            monday += timedelta(days=7)
        months.append(PlanMonth(first, tuple(weeks), count))
        first = following
    return ClientPlanSheet(
        branding=settings.branding(session),
        client=cards.client_card(client),
        start=start,
        end=end,
        quarter=quarter,
        months=tuple(months),
        analysis_days=client.analysis_offset_days,
        generated_on=today,
    )
