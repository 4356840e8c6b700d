"""Marketing pressure: how many sends each segment receives in any rolling seven days.

A segment is over its client's cap when more than ``cap`` sends fall within seven days of each
other. Days are counted on the client's wall clock, so a send every Monday at 09:00 stays one a
week across a DST change (the instants are then 167 or 169 hours apart). Automation scenarios
are not one-off sends and do not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.models import Campaign, CampaignType, Client, Segment, campaign_segments
from crmdesk.core.timezones import zone

WINDOW = timedelta(days=7)


def wall_clock_naive(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class PressureAlert:
    """A segment that receives ``count`` sends within seven days from ``window_start``."""

    segment_id: int
    segment_name: str
    count: int
    cap: int
    window_start: date


@dataclass(frozen=True, slots=True)
class Send:
    campaign_id: int
    wall_clock: datetime  # naive, on the client's clock


@dataclass(frozen=True, slots=True)
class Crowd:
    """``count`` sends within seven days from ``window_start``; ``sends`` are those of them not
    already part of an earlier crowd."""

    sends: list[Send]
    count: int
    window_start: date


def over_cap(sends: list[Send], cap: int) -> list[Crowd]:
    """The crowds of more than ``cap`` sends within seven days; ``sends`` sorted by time.

    Linear in the number of sends, each reported once, so a workspace where every week is over
    the cap still draws its month in a few milliseconds.
    """
    crowds: list[Crowd] = []
    start = 0
    reported_until = -1
    for end in range(len(sends)):
        while sends[end].wall_clock - sends[start].wall_clock >= WINDOW:
            start += 1
        count = end - start + 1
        if count > cap:
            first = max(start, reported_until + 1)
            crowds.append(Crowd(sends[first : end + 1], count, sends[start].wall_clock.date()))
            reported_until = end
    return crowds


def pressure_alerts(
    session: Session, start: datetime, end: datetime
) -> dict[int, list[PressureAlert]]:
    """Alerts for every campaign sent between ``start`` and ``end`` (aware instants)."""
    rows = (
        session.connection()
        .execute(
            select(
                Campaign.id,
                Campaign.planned_send_at,
                Segment.id,
                Segment.name,
                Client.pressure_cap,
                Client.timezone,
            )
            .join(campaign_segments, campaign_segments.c.campaign_id == Campaign.id)
            .join(Segment, Segment.id == campaign_segments.c.segment_id)
            .join(Client, Client.id == Campaign.client_id)
            .where(
                Campaign.planned_send_at >= start - WINDOW - timedelta(days=1),
                Campaign.planned_send_at < end + WINDOW + timedelta(days=1),
                Campaign.type != CampaignType.AUTOMATION,
            )
            .order_by(Segment.id, Campaign.planned_send_at)
        )
        .all()
    )
    by_segment: dict[int, list[Send]] = defaultdict(list)
    meta: dict[int, tuple[str, int]] = {}
    for campaign_id, at, segment_id, segment_name, cap, tz in rows:
        by_segment[segment_id].append(Send(campaign_id, wall_clock_naive(at, zone(tz))))
        meta[segment_id] = (segment_name, cap)

    alerts: dict[int, list[PressureAlert]] = defaultdict(list)
    for segment_id, sends in by_segment.items():
        name, cap = meta[segment_id]
        for crowd in over_cap(sends, cap):
            alert = PressureAlert(segment_id, name, crowd.count, cap, crowd.window_start)
            for send in crowd.sends:
                alerts[send.campaign_id].append(alert)
    return dict(alerts)
