"""The activity statement: a client's time over a period, line by line, valued at its daily rate.

It is what the operator attaches to an invoice, so its figures are the timesheet's own: each
line's hours and amount from ``timesheet.line_hours`` and ``timesheet.line_amount``, the totals
from ``timesheet.totals_between`` (the sum of the rounded lines, as an invoice adds them up).
Nothing here rounds or adds again, so the PDF, the CSV of ``crmdesk time report`` and the window
never disagree by a cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from crmdesk.core import settings, timesheet
from crmdesk.core.calendar import validate_range
from crmdesk.core.reports import cards
from crmdesk.core.reports.model import Branding, ClientCard


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One time entry as the client reads it: never its note nor who typed it."""

    worked_on: date
    campaign: str  # "" when the time is not tied to a campaign (or its campaign was deleted)
    phase: str  # a ChecklistPhase value, or ""
    minutes: int
    hours: Decimal
    amount: Decimal | None  # None when the client has no daily rate


@dataclass(frozen=True, slots=True)
class ActivityStatement:
    branding: Branding
    client: ClientCard
    start: date
    end: date  # inclusive
    daily_rate: Decimal | None
    hours_per_day: Decimal
    lines: tuple[StatementLine, ...]  # by day, then campaign
    minutes: int
    hours: Decimal
    days: Decimal
    amount: Decimal | None  # None when the client has no daily rate
    generated_on: date

    @property
    def whole_month(self) -> bool:
        """Whether the period is one calendar month, which the statement is then titled by."""
        after = self.end + timedelta(days=1)
        return (
            self.start.day == 1
            and after.day == 1
            and (self.end.year, self.end.month)
            == (
                self.start.year,
                self.start.month,
            )
        )


def activity_statement(
    session: Session, client_id: int, start: date, end: date, *, today: date
) -> ActivityStatement:
    """The statement of ``client_id`` from ``start`` to ``end`` (both included)."""
    validate_range(start, end)
    client = cards.client_row(session, client_id)
    per_day = timesheet.hours_per_day(session)
    rate = client.daily_rate
    rows = sorted(
        timesheet.entries_between(session, start, end, client_id=client_id),
        key=lambda row: (row.worked_on, (row.campaign or "").casefold(), row.id),
    )
    lines = tuple(
        StatementLine(
            worked_on=row.worked_on,
            campaign=row.campaign or "",
            phase=row.phase or "",
            minutes=row.minutes,
            hours=timesheet.line_hours(row.minutes),
            amount=None if rate is None else timesheet.line_amount(row.minutes, rate, per_day),
        )
        for row in rows
    )
    total = next(
        (t for t in timesheet.totals_between(session, start, end, client_id=client_id)), None
    )
    if total is None:  # no time in the period: the statement says nothing was worked
        minutes, hours, days = 0, Decimal("0.00"), Decimal("0.00")
        amount: Decimal | None = None if rate is None else Decimal("0.00")
    else:
        minutes, hours, days, amount = total.minutes, total.hours, total.days, total.amount
    return ActivityStatement(
        branding=settings.branding(session),
        client=cards.client_card(client),
        start=start,
        end=end,
        daily_rate=rate,
        hours_per_day=per_day,
        lines=lines,
        minutes=minutes,
        hours=hours,
        days=days,
        amount=amount if rate is not None else None,
        generated_on=today,
    )
