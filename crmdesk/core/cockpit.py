"""The cockpit home: what needs the operator today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from crmdesk.core import checklists
from crmdesk.core.calendar import (
    CalendarEntry,
    Deadline,
    deadline_days,
    period,
    send_rows,
)
from crmdesk.core.models import Campaign, CampaignStatus, CampaignType
from crmdesk.core.timezones import zone

#: How far back overdue deadlines are looked for: older ones are history, not today's work.
OVERDUE_HORIZON = timedelta(days=90)
PRESSURE_HORIZON = timedelta(days=30)


@dataclass(frozen=True)
class Cockpit:
    today: date
    sends_today: list[CalendarEntry]
    sends_this_week: list[CalendarEntry]
    overdue: list[Deadline]
    pressure: list[CalendarEntry]
    overdue_checklists: list[checklists.OverdueChecklist]


def overdue_deadlines(session: Session, today: date) -> list[Deadline]:
    """Deadlines before ``today`` whose step is not done, oldest first."""
    rows = (
        session.connection()
        .execute(
            send_rows().where(
                Campaign.status.in_(
                    [s for s in CampaignStatus if s.rank < CampaignStatus.ANALYSED.rank]
                ),
                Campaign.type != CampaignType.AUTOMATION,
                Campaign.planned_send_at
                >= datetime.combine(today - OVERDUE_HORIZON, time.min, tzinfo=UTC),
            )
        )
        .all()
    )
    found: list[Deadline] = []
    for cid, _, client, colour, name, status, _, _, at, tz, brief, bat, analysis in rows:
        send_day = at.astimezone(zone(tz)).date()
        # Steps come in order: the earliest missed one is the most urgent (a missed BAT
        # implies a late send), so it alone is listed.
        for kind, day in deadline_days(send_day, brief, bat, analysis).items():
            if day < today and status.rank < kind.done_from.rank:
                found.append(Deadline(cid, name, client, colour, kind, day, False))
                break
    return sorted(found, key=lambda d: (d.day, d.client_name, d.campaign_name))


def cockpit(session: Session, today: date) -> Cockpit:
    ahead = period(session, today, today + PRESSURE_HORIZON, with_holidays=False, today=today)
    week_end = today + timedelta(days=7)
    return Cockpit(
        today=today,
        sends_today=[e for e in ahead.entries if e.day == today],
        sends_this_week=[e for e in ahead.entries if today < e.day <= week_end],
        overdue=overdue_deadlines(session, today),
        pressure=[e for e in ahead.entries if e.pressure],
        overdue_checklists=checklists.overdue_checklists(session, today),
    )
