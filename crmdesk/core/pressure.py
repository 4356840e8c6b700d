"""Marketing pressure: how many sends each segment receives per week, against its client's cap.

One rule, one computation: a week runs Monday to Sunday on the client's wall clock (so a send
every Monday at 09:00 stays one a week across a DST change), a segment is over its client's cap
in a week when more than ``cap`` sends fall in it, and automation scenarios are not one-off
sends and do not count. ``segment_weeks`` counts; the calendar's and the cockpit's warnings
(``pressure_alerts``), the client page's chart and the quarterly review (``weekly_sends``) and
their red bars (``exceeds``) all read it, so a warning never stands beside a chart with no
overload.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from crmdesk.core.models import Campaign, CampaignType, Client, Segment, campaign_segments
from crmdesk.core.stats.figures import WeeklySends
from crmdesk.core.timezones import zone

WEEK = timedelta(days=7)
#: Queries reach this far past the days asked for: a day on a client's clock starts up to 14
#: hours away from the UTC one, and the week of the first and last day is counted whole.
_MARGIN = WEEK + timedelta(days=1)


def week_of(day: date) -> date:
    """The Monday of ``day``'s week: the week a send counts in."""
    return day - timedelta(days=day.weekday())


def exceeds(sends: int, cap: int) -> bool:
    """Whether ``sends`` in one week go over a cap of ``cap`` a week: the only comparison of a
    count with a cap, for the warnings, the red bars and the review's "weeks over the cap"."""
    return sends > cap


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
class SegmentWeek:
    """The sends one segment receives in one week: what every pressure figure is read from."""

    segment_id: int
    segment_name: str
    client_id: int
    cap: int
    week_start: date  # a Monday on the client's clock
    campaign_ids: tuple[int, ...]  # by send time

    @property
    def sends(self) -> int:
        return len(self.campaign_ids)

    @property
    def over_cap(self) -> bool:
        return exceeds(self.sends, self.cap)


def segment_weeks(
    session: Session,
    first_day: date,
    last_day: date,
    *criteria: ColumnElement[bool],
) -> list[SegmentWeek]:
    """The sends per segment per week of every week that touches ``first_day``…``last_day``
    (days on each client's clock), counted whole; ``criteria`` (on ``Campaign`` or
    ``campaign_segments``) narrow it to a client or a segment. Weeks without sends are left out.

    One query whatever the number of campaigns, so the calendar stays fast over a year.
    """
    lo = week_of(first_day)
    hi = week_of(last_day) + WEEK
    rows = (
        session.connection()
        .execute(
            select(
                Campaign.id,
                Campaign.planned_send_at,
                Segment.id,
                Segment.name,
                Client.id,
                Client.pressure_cap,
                Client.timezone,
            )
            .join(campaign_segments, campaign_segments.c.campaign_id == Campaign.id)
            .join(Segment, Segment.id == campaign_segments.c.segment_id)
            .join(Client, Client.id == Campaign.client_id)
            .where(
                Campaign.planned_send_at >= datetime.combine(lo - _MARGIN, time.min, tzinfo=UTC),
                Campaign.planned_send_at < datetime.combine(hi + _MARGIN, time.min, tzinfo=UTC),
                Campaign.type != CampaignType.AUTOMATION,
                *criteria,
            )
            .order_by(Segment.id, Campaign.planned_send_at, Campaign.id)
        )
        .all()
    )
    grouped: dict[tuple[int, date], list[int]] = defaultdict(list)
    meta: dict[int, tuple[str, int, int]] = {}
    for campaign_id, at, segment_id, segment_name, client_id, cap, tz in rows:
        day = at.astimezone(zone(tz)).date()
        if lo <= day < hi:
            grouped[segment_id, week_of(day)].append(campaign_id)
            meta[segment_id] = (segment_name, client_id, cap)
    return [
        SegmentWeek(sid, *meta[sid], week, tuple(ids))
        for (sid, week), ids in sorted(grouped.items())
    ]


def pressure_alerts(
    session: Session, start: datetime, end: datetime
) -> dict[int, list[PressureAlert]]:
    """The warnings of every campaign sent between ``start`` and ``end`` (aware instants): one
    per segment of the campaign whose week is over its client's cap."""
    # Days on any client's clock: a day either side covers every time zone.
    weeks = segment_weeks(
        session, (start - timedelta(days=1)).date(), (end + timedelta(days=1)).date()
    )
    alerts: dict[int, list[PressureAlert]] = defaultdict(list)
    for week in weeks:
        if not week.over_cap:
            continue
        alert = PressureAlert(
            week.segment_id, week.segment_name, week.sends, week.cap, week.week_start
        )
        for campaign_id in week.campaign_ids:
            alerts[campaign_id].append(alert)
    return dict(alerts)


def weekly_sends(
    session: Session,
    client_id: int,
    segments: Sequence[tuple[int, str]],
    first_week: date,
    weeks: int,
    segment_id: int | None = None,
) -> tuple[WeeklySends, ...]:
    """Sends per segment per week for ``weeks`` weeks from the Monday ``first_week``, zero
    weeks included so a chart shows the gaps; every segment of ``segments`` (id, name), or only
    ``segment_id``. The counts are ``segment_weeks``', those the warnings judge."""
    criteria: list[ColumnElement[bool]] = [Campaign.client_id == client_id]
    if segment_id is not None:
        criteria.append(campaign_segments.c.segment_id == segment_id)
    last_day = first_week + WEEK * weeks - timedelta(days=1)
    counted = {
        (w.segment_id, w.week_start): w.sends
        for w in segment_weeks(session, first_week, last_day, *criteria)
    }
    starts = [first_week + WEEK * n for n in range(weeks)]
    shown = [s for s in segments if segment_id is None or s[0] == segment_id]
    return tuple(
        WeeklySends(sid, name, week, counted.get((sid, week), 0))
        for sid, name in shown
        for week in starts
    )


def weeks_over_cap(weekly: Sequence[WeeklySends], cap: int) -> dict[int, int]:
    """How many weeks each segment of ``weekly`` spends over ``cap`` (by ``exceeds``), keyed by
    segment id: the quarterly review's count, judged as the chart's red bars are."""
    found: dict[int, int] = defaultdict(int)
    for week in weekly:
        found[week.segment_id] += exceeds(week.sends, cap)
    return dict(found)
