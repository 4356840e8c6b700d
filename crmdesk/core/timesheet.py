"""Time spent for clients, the timer, budgets and the figures of an invoice.

The invoice rule, used everywhere (totals, budgets, exports, the statement): each entry is a
line; its hours are its minutes / 60 rounded to the hundredth (ROUND_HALF_UP), and its amount is
those rounded hours / hours per day * the client's daily rate, rounded to the cent
(ROUND_HALF_UP). A total is the sum of its rounded lines, as on an invoice the client adds up
with a pencil: three lines of 20 minutes at 450 € a day and 7 hours a day are 0.33 h and 21.21 €
each, 0.99 h and 63.63 € together (not 1.00 h and 64.29 €).

A running timer is a row (``RunningTimer``), never a variable, so a crash, a SIGKILL or a closed
laptop loses nothing: the next process finds it with its start time. A timer that crossed
midnight on the operator's clock, or ran longer than ``LONG_RUN``, is never billed silently:
stopping it asks for the real duration (``TimerNeedsAnswer``), or for it to be discarded.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crmdesk.core import operators
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError, FieldProblem, NotFound, ValidationError
from crmdesk.core.files import replace_atomically
from crmdesk.core.models import (
    Budget,
    BudgetUnit,
    Campaign,
    CampaignStatus,
    ChecklistPhase,
    Client,
    RunningTimer,
    Setting,
    TimeEntry,
    table_of,
)

DEFAULT_HOURS_PER_DAY = Decimal("7")
#: A run longer than this is asked about before it is billed: nobody works ten hours straight
#: on one campaign without a break the timer would have seen.
LONG_RUN = timedelta(hours=10)
HOURS_PER_DAY_KEY = "hours_per_day"
MINUTES_PER_DAY = 1440
NOTE_MAX = 2000
#: Budgets fit ``Numeric(10, 2)``.
BUDGET_MAX = Decimal(10**8)
NEAR_RATIO = 0.8
_CENT = Decimal("0.01")
_MONTH = re.compile(r"(\d{4})-(\d{2})")

#: The checklist's phases as the exports name them, in the export's language (the same words
#: as the reports' ``render.texts``, which the core may not import).
PHASE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "strategy": "Strategy",
        "production": "Production",
        "bat": "BAT",
        "send": "Send",
        "analysis": "Analysis",
    },
    "fr": {
        "strategy": "Stratégie",
        "production": "Production",
        "bat": "BAT",
        "send": "Envoi",
        "analysis": "Analyse",
    },
}
#: The export's column headers, by column key.
EXPORT_HEADERS: dict[str, dict[str, str]] = {
    "en": {
        "date": "Date",
        "client": "Client",
        "campaign": "Campaign",
        "phase": "Phase",
        "hours": "Hours",
        "amount": "Amount (€)",
        "note": "Note",
        "total": "Total",
    },
    "fr": {
        "date": "Date",
        "client": "Client",
        "campaign": "Campagne",
        "phase": "Phase",
        "hours": "Heures",
        "amount": "Montant (€)",
        "note": "Note",
        "total": "Total",
    },
}
XLSX_CELL_MAX = 32_767


# -- the hours-per-day preference -------------------------------------------------------------


def name_key(name: str) -> str:
    """The order a French reader expects: "Éditions" among the E, not after the Z."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def hours_per_day(session: Session) -> Decimal:
    """How many hours make the day the daily rate pays: the workspace's choice, 7 by default."""
    row = session.get(Setting, HOURS_PER_DAY_KEY)
    if row is None:
        return DEFAULT_HOURS_PER_DAY
    try:
        value = Decimal(row.value)
    except InvalidOperation:
        return DEFAULT_HOURS_PER_DAY  # a value damaged by hand: the default rather than a crash
    return value if value.is_finite() and 1 <= value <= 24 else DEFAULT_HOURS_PER_DAY


def set_hours_per_day(session: Session, hours: Decimal) -> Changes:
    try:
        value = Decimal(hours)
    except (InvalidOperation, TypeError, ValueError):
        value = Decimal("NaN")
    if not value.is_finite() or not 1 <= value <= 24:
        raise ValidationError(
            [
                FieldProblem(
                    "hours_per_day",
                    "hours_per_day_invalid",
                    f"“{hours}” hours a day: give a number of hours between 1 and 24.",
                )
            ]
        )
    text = f"{value.quantize(_CENT, ROUND_HALF_UP).normalize():f}"  # "7.5", "10", never "1E+1"
    row = session.get(Setting, HOURS_PER_DAY_KEY)
    if row is None:
        session.add(Setting(key=HOURS_PER_DAY_KEY, value=text))
    else:
        row.value = text
    session.flush()
    return Changes(settings=True, time=True)


# -- periods ----------------------------------------------------------------------------------


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_range(month: str) -> tuple[date, date]:
    """The first and last day of "YYYY-MM"."""
    found = _MONTH.fullmatch(month.strip()) if isinstance(month, str) else None
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1:
        raise ValidationError(
            [FieldProblem("month", "month_invalid", f"“{month}” is not a month: write 2026-11.")]
        )
    year, number = int(found.group(1)), int(found.group(2))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def local_day(instant: datetime) -> date:
    """The day ``instant`` falls on by this computer's clock (the system's time zone): the day
    the operator saw on the wall when the timer ran."""
    return instant.astimezone().date()


# -- entries ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryInput:
    """Every field of the entry form (and of ``crmdesk time add``)."""

    worked_on: date
    minutes: int
    campaign_id: int | None = None
    client_id: int | None = None
    phase: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: int
    client_id: int
    client: str
    campaign_id: int | None
    campaign: str
    worked_on: date
    minutes: int
    phase: str
    note: str
    operator: str


def _minutes_problem(minutes: object) -> FieldProblem | None:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        return FieldProblem(
            "minutes",
            "minutes_not_positive",
            f"{minutes} minutes: the time spent must be positive.",
        )
    if minutes > MINUTES_PER_DAY:
        hours = Decimal(minutes) / 60
        return FieldProblem(
            "minutes",
            "minutes_over_a_day",
            f"{minutes} minutes ({hours:.1f} h) is more than a day holds (24 h): "
            "split it over the days it was worked.",
        )
    return None


def _phase_problem(phase: str) -> FieldProblem | None:
    if phase in ("", *(p.value for p in ChecklistPhase)):
        return None
    known = ", ".join(p.value for p in ChecklistPhase)
    return FieldProblem("phase", "phase_unknown", f"“{phase}” is not a phase (phases: {known}).")


def validate_entry(session: Session, data: EntryInput) -> EntryInput:
    """The input cleaned, its client taken from its campaign; ``ValidationError`` otherwise."""
    problems: list[FieldProblem] = []
    minutes_problem = _minutes_problem(data.minutes)
    if minutes_problem is not None:
        problems.append(minutes_problem)
    client_id = data.client_id
    if data.campaign_id is not None:
        campaign = session.get(Campaign, data.campaign_id)
        if campaign is None:
            problems.append(
                FieldProblem(
                    "campaign_id",
                    "campaign_not_found",
                    f"No campaign with id {data.campaign_id}.",
                )
            )
        else:
            client_id = campaign.client_id
    elif client_id is None:
        problems.append(
            FieldProblem(
                "client_id", "client_missing", "Say which client or campaign the time is for."
            )
        )
    elif session.get(Client, client_id) is None:
        problems.append(
            FieldProblem("client_id", "client_not_found", f"No client with id {client_id}.")
        )
    phase = data.phase.strip()
    phase_problem = _phase_problem(phase)
    if phase_problem is not None:
        problems.append(phase_problem)
    note = data.note.strip()
    if len(note) > NOTE_MAX:
        problems.append(
            FieldProblem("note", "note_too_long", f"The note is longer than {NOTE_MAX} characters.")
        )
    if problems:
        raise ValidationError(problems)
    return EntryInput(data.worked_on, data.minutes, data.campaign_id, client_id, phase, note)


def _changes(*campaign_ids: int | None) -> Changes:
    ids = frozenset(i for i in campaign_ids if i is not None)
    # An entry without a campaign concerns its client's figures, not one campaign's.
    return Changes(time=True, campaign_ids=ids if None not in campaign_ids else frozenset())


def add_entry(session: Session, data: EntryInput) -> tuple[int, Changes]:
    clean = validate_entry(session, data)
    assert clean.client_id is not None  # validate_entry refuses an entry with no client
    row = TimeEntry(
        client_id=clean.client_id,
        campaign_id=clean.campaign_id,
        worked_on=clean.worked_on,
        minutes=clean.minutes,
        phase=clean.phase,
        note=clean.note,
        operator=operators.who(session),
    )
    session.add(row)
    session.flush()
    return row.id, _changes(clean.campaign_id)


def _entry(session: Session, entry_id: int) -> TimeEntry:
    row = session.get(TimeEntry, entry_id)
    if row is None:
        raise NotFound(f"No time entry with id {entry_id}.")
    return row


def _as_input(row: TimeEntry) -> EntryInput:
    return EntryInput(
        row.worked_on, row.minutes, row.campaign_id, row.client_id, row.phase, row.note
    )


def entry_input(session: Session, entry_id: int) -> EntryInput:
    return _as_input(_entry(session, entry_id))


def update_entry(session: Session, entry_id: int, data: EntryInput) -> tuple[EntryInput, Changes]:
    """Correct an entry; the previous values come back so that undo can put them again."""
    row = _entry(session, entry_id)
    previous = _as_input(row)
    clean = validate_entry(session, data)
    assert clean.client_id is not None
    row.client_id = clean.client_id
    row.campaign_id = clean.campaign_id
    row.worked_on = clean.worked_on
    row.minutes = clean.minutes
    row.phase = clean.phase
    row.note = clean.note
    session.flush()
    return previous, _changes(previous.campaign_id, clean.campaign_id)


_ENTRY_COLUMNS = (
    "id",
    "client_id",
    "campaign_id",
    "worked_on",
    "minutes",
    "phase",
    "note",
    "operator",
    "created_at",
    "updated_at",
)


def delete_entry(session: Session, entry_id: int) -> tuple[dict[str, Any], Changes]:
    """Remove an entry; the row comes back whole for ``undelete_entry`` (undo)."""
    row = _entry(session, entry_id)
    kept = {name: getattr(row, name) for name in _ENTRY_COLUMNS}
    session.delete(row)
    session.flush()
    return kept, _changes(row.campaign_id)


def undelete_entry(session: Session, row: dict[str, Any]) -> Changes:
    """Put back an entry ``delete_entry`` removed, under its id; its campaign may have been
    deleted since, as a deleted campaign leaves its time with the client."""
    if session.get(Client, row["client_id"]) is None:
        raise NotFound(f"No client with id {row['client_id']}: the entry cannot come back.")
    values = dict(row)
    if values["campaign_id"] is not None and session.get(Campaign, values["campaign_id"]) is None:
        values["campaign_id"] = None
    if session.get(TimeEntry, values["id"]) is not None:
        del values["id"]  # the id went to another entry meanwhile
    session.execute(insert(table_of(TimeEntry)).values(values))
    session.flush()
    return _changes(values["campaign_id"])


def entries_between(
    session: Session, start: date, end: date, *, client_id: int | None = None
) -> list[EntryRow]:
    """The entries of ``start``..``end`` (both included), by day, client, campaign and id."""
    query = (
        select(TimeEntry, Client.name, Campaign.name)
        .join(Client, Client.id == TimeEntry.client_id)
        .outerjoin(Campaign, Campaign.id == TimeEntry.campaign_id)
        .where(TimeEntry.worked_on >= start, TimeEntry.worked_on <= end)
    )
    if client_id is not None:
        query = query.where(TimeEntry.client_id == client_id)
    found = [
        EntryRow(
            e.id,
            e.client_id,
            client,
            e.campaign_id,
            campaign or "",
            e.worked_on,
            e.minutes,
            e.phase,
            e.note,
            e.operator,
        )
        for e, client, campaign in session.execute(query)
    ]
    # In Python: SQLite's ordering of names does not fold accents or case.
    found.sort(key=lambda r: (r.worked_on, name_key(r.client), name_key(r.campaign), r.id))
    return found


def campaign_minutes(session: Session, campaign_id: int) -> int:
    """The minutes entered on a campaign so far, whatever their day: what its budget weighs."""
    total = session.scalar(
        select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
            TimeEntry.campaign_id == campaign_id
        )
    )
    return int(total or 0)


# -- the timer --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunningTimerInfo:
    owner: str
    campaign_id: int
    campaign: str
    client_id: int
    client: str
    started_at: datetime
    phase: str
    note: str

    def elapsed(self, now: datetime) -> timedelta:
        return now - self.started_at


def _duration(minutes: int) -> str:
    days, rest = divmod(max(minutes, 0), MINUTES_PER_DAY)
    hours, mins = divmod(rest, 60)
    parts = ([f"{days} d"] if days else []) + ([f"{hours} h"] if hours or days else [])
    return " ".join([*parts, f"{mins:02d} min" if parts else f"{mins} min"])


class TimerRunning(CrmdeskError):
    """A timer already runs for this operator: one at a time, stop it first."""

    def __init__(self, timer: RunningTimerInfo) -> None:
        since = timer.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        super().__init__(
            f"A timer already runs on “{timer.campaign}” ({timer.client}) since {since}; "
            "stop it before starting another. Nothing was changed."
        )
        self.timer = timer


class TimerNeedsAnswer(CrmdeskError):
    """A run that crossed midnight or lasted more than ``LONG_RUN``: how long was really
    worked is asked (or the run discarded), never guessed."""

    def __init__(
        self, timer: RunningTimerInfo, elapsed_minutes: int, reason: Literal["midnight", "long"]
    ) -> None:
        since = timer.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        why = "crossed midnight" if reason == "midnight" else "ran unusually long"
        super().__init__(
            f"The timer on “{timer.campaign}” ({timer.client}) has run for "
            f"{_duration(elapsed_minutes)} since {since}: it {why}, so it is not billed as is. "
            "Give the time really worked (in minutes, billed on the day it started) or discard "
            "it. Nothing was written."
        )
        self.timer = timer
        self.elapsed_minutes = elapsed_minutes
        self.reason = reason


def _owner(session: Session, owner: str | None) -> str:
    return operators.who(session) if owner is None else owner


def running_timer(session: Session, owner: str | None = None) -> RunningTimerInfo | None:
    """The timer that runs for ``owner`` ("me" when None), with its campaign and client."""
    found = session.execute(
        select(RunningTimer, Campaign.name, Campaign.client_id, Client.name)
        .join(Campaign, Campaign.id == RunningTimer.campaign_id)
        .join(Client, Client.id == Campaign.client_id)
        .where(RunningTimer.owner == _owner(session, owner))
    ).first()
    if found is None:
        return None
    timer, campaign, client_id, client = found
    return RunningTimerInfo(
        timer.owner,
        timer.campaign_id,
        campaign,
        client_id,
        client,
        timer.started_at,
        timer.phase,
        timer.note,
    )


def start_timer(
    session: Session,
    campaign_id: int,
    now: datetime,
    *,
    phase: str = "",
    note: str = "",
    owner: str | None = None,
) -> tuple[RunningTimerInfo, Changes]:
    """Start timing ``campaign_id`` from ``now`` (aware). ``TimerRunning`` if one runs."""
    if now.tzinfo is None:
        raise ValueError("naive datetime given where an aware one is required")
    who = _owner(session, owner)
    already = running_timer(session, who)
    if already is not None:
        raise TimerRunning(already)
    campaign = session.get(Campaign, campaign_id)
    problems: list[FieldProblem] = []
    if campaign is None:
        problems.append(
            FieldProblem("campaign_id", "campaign_not_found", f"No campaign with id {campaign_id}.")
        )
    phase_problem = _phase_problem(phase.strip())
    if phase_problem is not None:
        problems.append(phase_problem)
    if len(note.strip()) > NOTE_MAX:
        problems.append(
            FieldProblem("note", "note_too_long", f"The note is longer than {NOTE_MAX} characters.")
        )
    if problems:
        raise ValidationError(problems)
    session.add(
        RunningTimer(
            owner=who,
            campaign_id=campaign_id,
            started_at=now.astimezone(UTC),
            phase=phase.strip(),
            note=note.strip(),
        )
    )
    session.flush()
    started = running_timer(session, who)
    assert started is not None
    return started, Changes(time=True, campaign_ids=frozenset({campaign_id}))


def stop_timer(
    session: Session,
    now: datetime,
    *,
    owner: str | None = None,
    minutes: int | None = None,
    discard: bool = False,
) -> tuple[int | None, Changes]:
    """Stop the timer and turn it into an entry on the day it started; the new entry's id, or
    None when discarded or under a minute. A run over midnight (this computer's clock) or over
    ``LONG_RUN`` raises ``TimerNeedsAnswer`` and writes nothing, unless ``minutes`` says how
    long was really worked or ``discard`` drops it. ``NotFound`` when no timer runs."""
    who = _owner(session, owner)
    timer = running_timer(session, who)
    if timer is None:
        raise NotFound(f"No timer runs for {who or 'this operator'}.")
    changes = Changes(time=True, campaign_ids=frozenset({timer.campaign_id}))
    row = session.scalars(select(RunningTimer).where(RunningTimer.owner == who)).one()
    if discard:
        session.delete(row)
        session.flush()
        return None, changes
    if minutes is not None:
        problem = _minutes_problem(minutes)
        if problem is not None:
            raise ValidationError([problem])
        worked = minutes
    else:
        elapsed = timer.elapsed(now)
        seconds = elapsed.total_seconds()
        elapsed_minutes = int(seconds // 60)
        # A clock put back since the start cannot be measured either: asked, as a long run.
        if seconds < 0 or elapsed > LONG_RUN:
            raise TimerNeedsAnswer(timer, max(elapsed_minutes, 0), "long")
        if local_day(timer.started_at) != local_day(now):
            raise TimerNeedsAnswer(timer, elapsed_minutes, "midnight")
        if seconds < 60:
            session.delete(row)
            session.flush()
            return None, changes
        worked = int((Decimal(seconds) / 60).to_integral_value(ROUND_HALF_UP))
    entry = TimeEntry(
        client_id=timer.client_id,
        campaign_id=timer.campaign_id,
        worked_on=local_day(timer.started_at),
        minutes=worked,
        phase=timer.phase,
        note=timer.note,
        operator=timer.owner,
    )
    session.add(entry)
    session.delete(row)
    session.flush()
    return entry.id, changes


# -- figures ----------------------------------------------------------------------------------


def line_hours(minutes: int) -> Decimal:
    """The hours of one entry, as its invoice line shows them (two decimals)."""
    return (Decimal(minutes) / 60).quantize(_CENT, ROUND_HALF_UP)


def line_amount(minutes: int, daily_rate: Decimal | None, hours_per_day: Decimal) -> Decimal | None:
    """The price of one entry to the cent, from its rounded hours; None without a daily rate."""
    if daily_rate is None:
        return None
    return (line_hours(minutes) / hours_per_day * daily_rate).quantize(_CENT, ROUND_HALF_UP)


def _days(hours: Decimal, per_day: Decimal) -> Decimal:
    return (hours / per_day).quantize(_CENT, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class TimeTotal:
    client_id: int
    client: str
    minutes: int
    #: The sum of the lines' rounded hours.
    hours: Decimal
    days: Decimal
    daily_rate: Decimal | None
    #: The sum of the lines' amounts; None when the client has no daily rate.
    amount: Decimal | None


def _rates(session: Session, client_ids: set[int]) -> dict[int, Decimal | None]:
    rows = session.execute(select(Client.id, Client.daily_rate).where(Client.id.in_(client_ids)))
    return {cid: rate for cid, rate in rows}


def totals_between(
    session: Session, start: date, end: date, *, client_id: int | None = None
) -> list[TimeTotal]:
    """Each client's time in ``start``..``end``, in hours, days and euros, by client name."""
    entries = entries_between(session, start, end, client_id=client_id)
    per_day = hours_per_day(session)
    rates = _rates(session, {e.client_id for e in entries})
    grouped: dict[int, list[EntryRow]] = {}
    for entry in entries:
        grouped.setdefault(entry.client_id, []).append(entry)
    totals = []
    for cid, lines in grouped.items():
        rate = rates.get(cid)
        hours = sum((line_hours(e.minutes) for e in lines), Decimal("0"))
        amount = (
            None
            if rate is None
            else sum(
                (line_amount(e.minutes, rate, per_day) or Decimal(0) for e in lines), Decimal("0")
            )
        )
        totals.append(
            TimeTotal(
                cid,
                lines[0].client,
                sum(e.minutes for e in lines),
                hours,
                _days(hours, per_day),
                rate,
                amount,
            )
        )
    totals.sort(key=lambda t: name_key(t.client))
    return totals


def week_totals(session: Session, today: date) -> list[TimeTotal]:
    """This week's time per client (Monday to Sunday), for the cockpit."""
    return totals_between(session, *week_of(today))


# -- budgets ----------------------------------------------------------------------------------


class BudgetLevel(StrEnum):
    OK = "ok"
    NEAR = "near"
    OVER = "over"
    #: A budget in euros for a client with no daily rate: time cannot be priced.
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class BudgetUse:
    client_id: int
    client: str
    campaign_id: int | None
    campaign: str
    month: str | None
    unit: BudgetUnit
    amount: Decimal
    #: Days or euros spent (two decimals), as the budget counts; None when unknown.
    spent: Decimal | None
    ratio: float | None
    level: BudgetLevel


def _level(ratio: float | None) -> BudgetLevel:
    if ratio is None:
        return BudgetLevel.UNKNOWN
    if ratio >= 1:
        return BudgetLevel.OVER
    return BudgetLevel.NEAR if ratio >= NEAR_RATIO else BudgetLevel.OK


def _use(session: Session, budget: Budget, per_day: Decimal) -> BudgetUse:
    client = session.get(Client, budget.client_id)
    assert client is not None  # the foreign key cascades
    query = select(TimeEntry.minutes)
    campaign_name = ""
    if budget.campaign_id is not None:
        query = query.where(TimeEntry.campaign_id == budget.campaign_id)
        campaign = session.get(Campaign, budget.campaign_id)
        campaign_name = campaign.name if campaign is not None else ""
    else:
        assert budget.month is not None
        start, end = month_range(budget.month)
        query = query.where(
            TimeEntry.client_id == budget.client_id,
            TimeEntry.worked_on >= start,
            TimeEntry.worked_on <= end,
        )
    minutes = list(session.scalars(query))
    spent: Decimal | None
    if budget.unit is BudgetUnit.DAYS:
        spent = _days(sum((line_hours(m) for m in minutes), Decimal("0")), per_day)
    elif client.daily_rate is None:
        spent = None
    else:
        spent = sum(
            (line_amount(m, client.daily_rate, per_day) or Decimal(0) for m in minutes),
            Decimal("0"),
        )
    # The ratio of the figures shown: 0.80 day of 1 reads "near", as the user sees it.
    ratio = None if spent is None else float(spent / budget.amount)
    return BudgetUse(
        budget.client_id,
        client.name,
        budget.campaign_id,
        campaign_name,
        budget.month,
        budget.unit,
        Decimal(budget.amount),
        spent,
        ratio,
        _level(ratio),
    )


def _budget_row(
    session: Session, client_id: int, campaign_id: int | None, month: str | None
) -> Budget | None:
    query = select(Budget).where(Budget.client_id == client_id)
    if campaign_id is not None:
        query = query.where(Budget.campaign_id == campaign_id)
    else:
        query = query.where(Budget.month == month)
    return session.scalars(query).first()


def _budget_target(
    session: Session, client_id: int, campaign_id: int | None, month: str | None
) -> tuple[int | None, str | None]:
    """The budget's campaign or month, checked; ``ValidationError`` otherwise."""
    if session.get(Client, client_id) is None:
        raise ValidationError(
            [FieldProblem("client_id", "client_not_found", f"No client with id {client_id}.")]
        )
    if (campaign_id is None) == (month is None):
        raise ValidationError(
            [
                FieldProblem(
                    "budget",
                    "campaign_or_month",
                    "A budget is for one campaign or for one month of the client, not both.",
                )
            ]
        )
    if campaign_id is not None:
        campaign = session.get(Campaign, campaign_id)
        if campaign is None or campaign.client_id != client_id:
            raise ValidationError(
                [
                    FieldProblem(
                        "campaign_id",
                        "campaign_not_found",
                        f"No campaign with id {campaign_id} for this client.",
                    )
                ]
            )
        return campaign_id, None
    assert month is not None
    start, _ = month_range(month)
    return None, f"{start:%Y-%m}"


def set_budget(
    session: Session,
    client_id: int,
    *,
    unit: BudgetUnit,
    amount: Decimal,
    campaign_id: int | None = None,
    month: str | None = None,
) -> tuple[tuple[BudgetUnit, Decimal] | None, Changes]:
    """Give a campaign, or a client's month, a budget (replacing the one it had); the previous
    (unit, amount) comes back for undo, None when there was none."""
    campaign_id, month = _budget_target(session, client_id, campaign_id, month)
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        value = Decimal("NaN")
    if not value.is_finite() or value.quantize(_CENT, ROUND_HALF_UP) <= 0:
        raise ValidationError(
            [FieldProblem("amount", "amount_not_positive", f"“{amount}”: a budget is positive.")]
        )
    if value >= BUDGET_MAX:
        raise ValidationError(
            [FieldProblem("amount", "amount_too_large", f"“{amount}” is too large for a budget.")]
        )
    row = _budget_row(session, client_id, campaign_id, month)
    previous = None if row is None else (BudgetUnit(row.unit), Decimal(row.amount))
    if row is None:
        row = Budget(client_id=client_id, campaign_id=campaign_id, month=month)
        session.add(row)
    row.unit = BudgetUnit(unit)
    row.amount = value.quantize(_CENT, ROUND_HALF_UP)
    session.flush()
    return previous, _budget_changes(campaign_id)


def _budget_changes(campaign_id: int | None) -> Changes:
    return Changes(
        time=True, campaign_ids=frozenset() if campaign_id is None else frozenset({campaign_id})
    )


def clear_budget(
    session: Session,
    client_id: int,
    *,
    campaign_id: int | None = None,
    month: str | None = None,
) -> tuple[tuple[BudgetUnit, Decimal] | None, Changes]:
    """Remove a budget; the previous (unit, amount) comes back for undo, None if there was none."""
    campaign_id, month = _budget_target(session, client_id, campaign_id, month)
    row = _budget_row(session, client_id, campaign_id, month)
    if row is None:
        return None, Changes()
    previous = (BudgetUnit(row.unit), Decimal(row.amount))
    session.delete(row)
    session.flush()
    return previous, _budget_changes(campaign_id)


def campaign_budget(session: Session, campaign_id: int) -> BudgetUse | None:
    row = session.scalars(select(Budget).where(Budget.campaign_id == campaign_id)).first()
    return None if row is None else _use(session, row, hours_per_day(session))


def client_month_budget(session: Session, client_id: int, month: str) -> BudgetUse | None:
    start, _ = month_range(month)
    row = _budget_row(session, client_id, None, f"{start:%Y-%m}")
    return None if row is None else _use(session, row, hours_per_day(session))


_WORST = {BudgetLevel.OVER: 0, BudgetLevel.NEAR: 1, BudgetLevel.UNKNOWN: 2, BudgetLevel.OK: 3}


def budgets_near_limit(session: Session, today: date) -> list[BudgetUse]:
    """The budgets to warn about (near, over, or not priceable): those of campaigns not closed
    and the clients' budgets of ``today``'s month; the worst first."""
    per_day = hours_per_day(session)
    rows = session.scalars(
        select(Budget)
        .outerjoin(Campaign, Campaign.id == Budget.campaign_id)
        .where(
            ((Budget.campaign_id.is_not(None)) & (Campaign.status != CampaignStatus.CLOSED))
            | (Budget.month == f"{today:%Y-%m}")
        )
    )
    uses = [_use(session, row, per_day) for row in rows]
    found = [u for u in uses if u.level is not BudgetLevel.OK]
    found.sort(
        key=lambda u: (
            _WORST[u.level],
            -(u.ratio or 0.0),
            name_key(u.client),
            name_key(u.campaign),
        )
    )
    return found


def list_budgets(session: Session, *, client_id: int | None = None) -> list[BudgetUse]:
    """Every budget (or ``client_id``'s), closed campaigns and past months included, with the
    figures the cockpit shows; by client, then its months in order, then its campaigns."""
    query = select(Budget)
    if client_id is not None:
        query = query.where(Budget.client_id == client_id)
    per_day = hours_per_day(session)
    uses = [_use(session, row, per_day) for row in session.scalars(query)]
    uses.sort(
        key=lambda u: (
            name_key(u.client),
            u.client_id,
            u.month is None,
            u.month or "",
            name_key(u.campaign),
            u.campaign_id or 0,
        )
    )
    return uses


# -- export -----------------------------------------------------------------------------------


def phase_name(phase: str, language: str) -> str:
    """The checklist phase as the export's reader calls it; "" stays "" (no phase)."""
    return PHASE_NAMES["fr" if language == "fr" else "en"].get(phase, phase)


def export_entries(
    session: Session,
    start: date,
    end: date,
    out: Path,
    *,
    client_id: int | None = None,
    language: str = "en",
) -> int:
    """Write the entries of ``start``..``end`` to ``out`` (.csv or .xlsx by its suffix) with a
    last totals row; return the entries written.

    CSV is for Excel: UTF-8 with a BOM so accents open right; in French ";" between cells,
    dates dd/mm/yyyy and decimal commas, in English "," and ISO dates. The .xlsx has real date
    and number cells. Amounts follow the invoice rule of this module. Written beside ``out``
    then renamed over it, so a full disk never leaves half a file where the user looks.
    """
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise CrmdeskError(f"{out.name}: time is exported as .csv or .xlsx.")
    if out.is_dir():
        raise CrmdeskError(f"{out}: this is a folder; give a file name.")
    language = "fr" if language == "fr" else "en"
    entries = entries_between(session, start, end, client_id=client_id)
    per_day = hours_per_day(session)
    rates = _rates(session, {e.client_id for e in entries})
    keys = ["date", *([] if client_id is not None else ["client"])]
    keys += ["campaign", "phase", "hours", "amount", "note"]
    rows: list[dict[str, object]] = []
    for entry in entries:
        rows.append(
            {
                "date": entry.worked_on,
                "client": entry.client,
                "campaign": entry.campaign,
                "phase": phase_name(entry.phase, language),
                "hours": line_hours(entry.minutes),
                "amount": line_amount(entry.minutes, rates.get(entry.client_id), per_day),
                "note": entry.note,
            }
        )
    amounts = [r["amount"] for r in rows if isinstance(r["amount"], Decimal)]
    total: dict[str, object] = {
        "date": EXPORT_HEADERS[language]["total"],
        "hours": sum((r["hours"] for r in rows if isinstance(r["hours"], Decimal)), Decimal("0")),
        "amount": sum(amounts, Decimal("0")) if amounts else None,
    }
    headers = [EXPORT_HEADERS[language][key] for key in keys]
    write: Callable[[BinaryIO], None]
    if suffix == ".csv":
        write = lambda handle: _write_csv(handle, headers, keys, rows, total, language)  # noqa: E731
    else:
        write = lambda handle: _write_xlsx(handle, headers, keys, rows, total, language)  # noqa: E731
    try:
        replace_atomically(out, write)
    except OSError as error:
        raise CrmdeskError(
            f"{out}: the time could not be written ({error.strerror or error})."
        ) from None
    return len(rows)


def _csv_value(value: object, language: str) -> object:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}" if language == "fr" else value.isoformat()
    if isinstance(value, Decimal):
        text = f"{value:.2f}"
        return text.replace(".", ",") if language == "fr" else text
    return value


def _write_csv(
    handle: BinaryIO,
    headers: list[str],
    keys: list[str],
    rows: list[dict[str, object]],
    total: dict[str, object],
    language: str,
) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";" if language == "fr" else ",", lineterminator="\r\n")
    writer.writerow(headers)
    for row in [*rows, total]:
        writer.writerow([_csv_value(row.get(key), language) for key in keys])
    text.flush()
    text.detach()


XLSX_WIDTHS = {"date": 12, "client": 24, "campaign": 36, "phase": 14, "hours": 10, "amount": 14}


def _write_xlsx(
    handle: BinaryIO,
    headers: list[str],
    keys: list[str],
    rows: list[dict[str, object]],
    total: dict[str, object],
    language: str,
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Temps" if language == "fr" else "Time")
    for position, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = XLSX_WIDTHS.get(key, 50)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    formats = {
        "date": "DD/MM/YYYY" if language == "fr" else "YYYY-MM-DD",
        "hours": "0.00",
        "amount": "#,##0.00",
    }

    def cell(value: object, key: str, strong: bool = False) -> WriteOnlyCell:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]
        made = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            made.data_type = "s"  # "=…" typed in a note stays text, never a formula
        elif value is not None and key in formats:
            made.number_format = formats[key]
        if strong:
            made.font = bold
        return made

    sheet.append([cell(h, "", strong=True) for h in headers])
    for row in rows:
        sheet.append([cell(row.get(key), key) for key in keys])
    sheet.append([cell(total.get(key), key, strong=True) for key in keys])
    book.save(handle)
