"""Marketing pressure: how many sends each segment receives in any rolling seven days.

A segment is over its client's cap when more than ``cap`` sends fall within seven days of each
other. Days are counted on the client's wall clock, so a send every Monday at 09:00 stays one a
week across a DST change (the instants are then 167 or 169 hours apart). Automation scenarios
are not one-off sends and do not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.models import Campaign, CampaignType, Client, Segment, campaign_segments
from crmdesk.core.timezones import zone

WINDOW = timedelta(days=7)


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


def over_cap(sends: list[Send], cap: int) -> list[tuple[list[Send], date]]:
    """Groups of more than ``cap`` sends lying within seven days; ``sends`` sorted by time."""
    groups: list[tuple[list[Send], date]] = []
    start = 0
    for end in range(len(sends)):
        while sends[end].wall_clock - sends[start].wall_clock >= WINDOW:
            start += 1
        if end - start + 1 > cap:
            groups.append((sends[start : end + 1], sends[start].wall_clock.date()))
    return groups


def pressure_alerts(
    session: Session, start: datetime, end: datetime
) -> dict[int, list[PressureAlert]]:
    """Alerts for every campaign sent between ``start`` and ``end`` (aware instants)."""
    rows = session.execute(
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
    ).all()
    by_segment: dict[int, list[Send]] = defaultdict(list)
    meta: dict[int, tuple[str, int]] = {}
    for campaign_id, at, segment_id, segment_name, cap, tz in rows:
        by_segment[segment_id].append(
            Send(campaign_id, at.astimezone(zone(tz)).replace(tzinfo=None))
        )
        meta[segment_id] = (segment_name, cap)

    alerts: dict[int, dict[int, PressureAlert]] = defaultdict(dict)
    for segment_id, sends in by_segment.items():
        name, cap = meta[segment_id]
        for group, window_start in over_cap(sends, cap):
            alert = PressureAlert(segment_id, name, len(group), cap, window_start)
            for send in group:
                known = alerts[send.campaign_id].get(segment_id)
                if known is None or known.count < alert.count:
                    alerts[send.campaign_id][segment_id] = alert
    return {cid: list(per_segment.values()) for cid, per_segment in alerts.items()}
