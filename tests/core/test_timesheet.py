"""Time spent, the timer, budgets and invoicing figures (issue 20), on a real workspace file."""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk.core import clients, timesheet
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError, NotFound, ValidationError
from crmdesk.core.models import BudgetUnit, CampaignStatus, RunningTimer, Setting, TimeEntry
from crmdesk.core.timesheet import BudgetLevel, EntryInput, TimerNeedsAnswer, TimerRunning
from tests.conftest import plan

NOVEMBER = date(2026, 11, 16)


@pytest.fixture
def paris() -> Iterator[None]:
    """The operator's computer is in Paris: midnight is Paris midnight."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def rated(workspace: Workspace) -> int:
    """A client billed 450 € a day."""
    with workspace.session() as session:
        new_id, _ = clients.create_client(session, "Maison Verne", daily_rate=Decimal("450"))
    return new_id


@pytest.fixture
def campaign(workspace: Workspace, rated: int) -> int:
    return plan(workspace, rated, date(2026, 11, 26), name="Black Friday")


def entry_count(workspace: Workspace) -> int:
    with workspace.reader() as session:
        return session.scalar(select(func.count()).select_from(TimeEntry)) or 0


def add(workspace: Workspace, campaign_id: int, minutes: int, **fields: object) -> int:
    data = EntryInput(NOVEMBER, minutes, campaign_id=campaign_id, **fields)  # type: ignore[arg-type]
    with workspace.session() as session:
        entry_id, changes = timesheet.add_entry(session, data)
    assert changes.time
    return entry_id


# -- invoice arithmetic ------------------------------------------------------------------------


def test_three_lines_of_twenty_minutes_are_billed_as_an_invoice_adds_them(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    """Each line: 20 min = 0.33 h; 0.33 / 7 * 450 = 21.2142… → 21.21 €. The total is the sum of
    the printed lines, 63.63 €, not the 64.29 € one exact hour would cost."""
    for _ in range(3):
        add(workspace, campaign, 20)
    assert timesheet.line_hours(20) == Decimal("0.33")
    assert timesheet.line_amount(20, Decimal("450"), Decimal("7")) == Decimal("21.21")
    with workspace.reader() as session:
        (total,) = timesheet.totals_between(session, date(2026, 11, 1), date(2026, 11, 30))
    assert (total.client, total.minutes) == ("Maison Verne", 60)
    assert total.hours == Decimal("0.99")
    assert total.days == Decimal("0.14")
    assert total.daily_rate == Decimal("450")
    assert total.amount == Decimal("63.63")


def test_half_cents_round_up_and_a_client_without_rate_has_no_amount(workspace: Workspace) -> None:
    assert timesheet.line_hours(1) == Decimal("0.02")  # 0.0166… h
    # 0.50 h / 8 * 101 = 6.3125 → 6.31; an exact half cent goes up: 0.50 / 8 * 100.24 = 6.265
    assert timesheet.line_amount(30, Decimal("101"), Decimal("8")) == Decimal("6.31")
    assert timesheet.line_amount(30, Decimal("100.24"), Decimal("8")) == Decimal("6.27")
    assert timesheet.line_amount(90, Decimal("700"), Decimal("7")) == Decimal("150.00")
    assert timesheet.line_amount(90, None, Decimal("7")) is None
    with workspace.session() as session:
        free, _ = clients.create_client(session, "Sans tarif")
        timesheet.add_entry(session, EntryInput(NOVEMBER, 90, client_id=free))
    with workspace.reader() as session:
        (total,) = timesheet.totals_between(session, NOVEMBER, NOVEMBER)
    assert (total.hours, total.days, total.amount) == (Decimal("1.50"), Decimal("0.21"), None)


def test_hours_per_day_is_a_preference_that_changes_days_and_amounts(
    workspace: Workspace, campaign: int
) -> None:
    add(workspace, campaign, 480)  # 8 h
    with workspace.reader() as session:
        assert timesheet.hours_per_day(session) == Decimal("7")
        (seven,) = timesheet.totals_between(session, NOVEMBER, NOVEMBER)
    with workspace.session() as session:
        changes = timesheet.set_hours_per_day(session, Decimal("8"))
    assert changes.time
    with workspace.reader() as session:
        assert timesheet.hours_per_day(session) == Decimal("8")
        (eight,) = timesheet.totals_between(session, NOVEMBER, NOVEMBER)
        assert session.get(Setting, "hours_per_day").value == "8"  # type: ignore[union-attr]
    assert (seven.days, seven.amount) == (Decimal("1.14"), Decimal("514.29"))
    assert (eight.days, eight.amount) == (Decimal("1.00"), Decimal("450.00"))
    for wrong in (Decimal("0"), Decimal("25"), Decimal("NaN")):
        with pytest.raises(ValidationError), workspace.session() as session:
            timesheet.set_hours_per_day(session, wrong)
    with workspace.reader() as session:
        assert timesheet.hours_per_day(session) == Decimal("8")


def test_week_totals_count_monday_to_sunday_only(workspace: Workspace, campaign: int) -> None:
    for day, minutes in (
        (date(2026, 11, 15), 60),
        (date(2026, 11, 16), 30),
        (date(2026, 11, 22), 45),
    ):
        with workspace.session() as session:
            timesheet.add_entry(session, EntryInput(day, minutes, campaign_id=campaign))
    assert timesheet.week_of(date(2026, 11, 19)) == (date(2026, 11, 16), date(2026, 11, 22))
    with workspace.reader() as session:
        (week,) = timesheet.week_totals(session, date(2026, 11, 19))
    assert week.minutes == 75


# -- entries -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (EntryInput(NOVEMBER, -30, client_id=0), "minutes_not_positive"),
        (EntryInput(NOVEMBER, 0, client_id=0), "minutes_not_positive"),
        (EntryInput(NOVEMBER, 30 * 60, client_id=0), "minutes_over_a_day"),
        (EntryInput(NOVEMBER, 30, campaign_id=9999), "campaign_not_found"),
        (EntryInput(NOVEMBER, 30, client_id=9999), "client_not_found"),
        (EntryInput(NOVEMBER, 30), "client_missing"),
        (EntryInput(NOVEMBER, 30, client_id=0, phase="coffee"), "phase_unknown"),
        (EntryInput(NOVEMBER, 30, client_id=0, note="x" * 2001), "note_too_long"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_written(
    workspace: Workspace, rated: int, data: EntryInput, code: str
) -> None:
    if data.client_id == 0:
        data = EntryInput(data.worked_on, data.minutes, None, rated, data.phase, data.note)
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        timesheet.add_entry(session, data)
    assert code in [p.code for p in refused.value.problems]
    assert entry_count(workspace) == 0


def test_an_entry_takes_its_client_from_its_campaign_and_can_be_corrected_and_undone(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    entry_id = add(workspace, campaign, 50, phase="bat", note="  relecture BAT 2 ")
    with workspace.reader() as session:
        (row,) = timesheet.entries_between(session, NOVEMBER, NOVEMBER)
    assert (row.client_id, row.client, row.campaign, row.minutes) == (
        rated,
        "Maison Verne",
        "Black Friday",
        50,
    )
    assert (row.phase, row.note) == ("bat", "relecture BAT 2")
    assert row.operator  # who did it: the login at least
    corrected = EntryInput(date(2026, 11, 17), 65, campaign_id=campaign, phase="production")
    with workspace.session() as session:
        previous, _ = timesheet.update_entry(session, entry_id, corrected)
    with workspace.session() as session:
        assert timesheet.entry_input(session, entry_id).minutes == 65
        timesheet.update_entry(session, entry_id, previous)
    with workspace.reader() as session:
        assert timesheet.entry_input(session, entry_id) == EntryInput(
            NOVEMBER, 50, campaign, rated, "bat", "relecture BAT 2"
        )
    with workspace.session() as session:
        kept, _ = timesheet.delete_entry(session, entry_id)
    assert entry_count(workspace) == 0
    with workspace.session() as session:
        timesheet.undelete_entry(session, kept)
    with workspace.reader() as session:
        assert timesheet.entry_input(session, entry_id).note == "relecture BAT 2"


def test_a_campaign_s_time_sums_its_entries_of_every_day_and_no_other(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    add(workspace, campaign, 50)
    with workspace.session() as session:
        timesheet.add_entry(session, EntryInput(date(2027, 1, 4), 25, campaign_id=campaign))
        timesheet.add_entry(session, EntryInput(NOVEMBER, 40, client_id=rated))
    with workspace.reader() as session:
        assert timesheet.campaign_minutes(session, campaign) == 75
        assert timesheet.campaign_minutes(session, campaign + 1000) == 0


def test_entries_are_listed_by_day_client_and_campaign(workspace: Workspace, rated: int) -> None:
    with workspace.session() as session:
        other, _ = clients.create_client(session, "Atelier Brume")
    zoo = plan(workspace, rated, date(2026, 11, 26), name="Zoo")
    abc = plan(workspace, rated, date(2026, 11, 26), name="Abc")
    brume = plan(workspace, other, date(2026, 11, 26), name="Mer")
    for day, cid in (
        (date(2026, 11, 18), zoo),
        (NOVEMBER, zoo),
        (NOVEMBER, abc),
        (NOVEMBER, brume),
    ):
        with workspace.session() as session:
            timesheet.add_entry(session, EntryInput(day, 10, campaign_id=cid))
    with workspace.reader() as session:
        rows = timesheet.entries_between(session, NOVEMBER, date(2026, 11, 18))
        only = timesheet.entries_between(session, NOVEMBER, NOVEMBER, client_id=other)
    assert [(r.worked_on.day, r.client, r.campaign) for r in rows] == [
        (16, "Atelier Brume", "Mer"),
        (16, "Maison Verne", "Abc"),
        (16, "Maison Verne", "Zoo"),
        (18, "Maison Verne", "Zoo"),
    ]
    assert [r.campaign for r in only] == ["Mer"]


def test_month_range_knows_month_lengths_and_refuses_nonsense() -> None:
    assert timesheet.month_range("2026-11") == (date(2026, 11, 1), date(2026, 11, 30))
    assert timesheet.month_range("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    for wrong in ("2026-13", "2026-1", "novembre", "2026-00", ""):
        with pytest.raises(ValidationError) as refused:
            timesheet.month_range(wrong)
        assert refused.value.problems[0].code == "month_invalid"


# -- the timer ---------------------------------------------------------------------------------


def test_a_timer_stopped_the_same_day_becomes_an_entry_on_that_day(
    workspace: Workspace, campaign: int, paris: None
) -> None:
    start = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # 10:00 in Paris
    with workspace.session() as session:
        info, changes = timesheet.start_timer(session, campaign, start, phase="production")
    assert changes.time and info.campaign == "Black Friday" and info.client == "Maison Verne"
    with workspace.reader() as session:
        running = timesheet.running_timer(session)
    assert running is not None and running.started_at == start
    assert running.elapsed(start + timedelta(minutes=5)) == timedelta(minutes=5)
    with workspace.session() as session:
        entry_id, _ = timesheet.stop_timer(session, start + timedelta(minutes=95, seconds=31))
    assert entry_id is not None
    with workspace.reader() as session:
        assert timesheet.running_timer(session) is None
        entry = timesheet.entry_input(session, entry_id)
    assert (entry.worked_on, entry.minutes, entry.phase) == (NOVEMBER, 96, "production")


def test_starting_a_second_timer_is_refused_while_one_runs(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    other = plan(workspace, rated, date(2026, 11, 30), name="Cyber Monday")
    start = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    with workspace.session() as session:
        timesheet.start_timer(session, campaign, start)
    with pytest.raises(TimerRunning) as refused, workspace.session() as session:
        timesheet.start_timer(session, other, start + timedelta(minutes=3))
    assert refused.value.timer.campaign == "Black Friday"
    assert "Black Friday" in refused.value.message
    with workspace.reader() as session:
        running = timesheet.running_timer(session)
    assert running is not None and running.campaign_id == campaign


@pytest.mark.parametrize(
    ("start", "stop", "reason", "elapsed"),
    [
        # 22:30 → 00:40 in Paris: only 2 h 10, but over midnight
        (
            datetime(2026, 11, 16, 21, 30, tzinfo=UTC),
            datetime(2026, 11, 16, 23, 40, tzinfo=UTC),
            "midnight",
            130,
        ),
        # Friday evening to Monday morning: a weekend, never billed silently
        (
            datetime(2026, 11, 13, 17, 0, tzinfo=UTC),
            datetime(2026, 11, 16, 8, 0, tzinfo=UTC),
            "long",
            3780,
        ),
        # 07:00 → 18:30 the same day: eleven and a half hours on one campaign
        (
            datetime(2026, 11, 16, 6, 0, tzinfo=UTC),
            datetime(2026, 11, 16, 17, 30, tzinfo=UTC),
            "long",
            690,
        ),
    ],
)
def test_a_timer_over_midnight_or_too_long_is_asked_not_billed(
    workspace: Workspace,
    campaign: int,
    paris: None,
    start: datetime,
    stop: datetime,
    reason: str,
    elapsed: int,
) -> None:
    with workspace.session() as session:
        timesheet.start_timer(session, campaign, start)
    with pytest.raises(TimerNeedsAnswer) as asked, workspace.session() as session:
        timesheet.stop_timer(session, stop)
    assert (asked.value.reason, asked.value.elapsed_minutes) == (reason, elapsed)
    assert "Nothing was written" in asked.value.message
    assert entry_count(workspace) == 0
    with workspace.reader() as session:
        assert timesheet.running_timer(session) is not None  # still there, to be answered
    with workspace.session() as session:
        entry_id, _ = timesheet.stop_timer(session, stop, minutes=90)
    assert entry_id is not None
    with workspace.reader() as session:
        entry = timesheet.entry_input(session, entry_id)
        assert timesheet.running_timer(session) is None
    # billed on the day the timer started, in Paris
    assert (entry.worked_on, entry.minutes) == (start.astimezone().date(), 90)


def test_a_timer_can_be_discarded_and_a_short_run_writes_nothing(
    workspace: Workspace, campaign: int, paris: None
) -> None:
    start = datetime(2026, 11, 13, 17, 0, tzinfo=UTC)
    with workspace.session() as session:
        timesheet.start_timer(session, campaign, start)
    with workspace.session() as session:
        assert timesheet.stop_timer(session, start + timedelta(days=3), discard=True)[0] is None
    with workspace.session() as session:
        timesheet.start_timer(session, campaign, start)
        assert timesheet.stop_timer(session, start + timedelta(seconds=40))[0] is None
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(RunningTimer)) == 0
    assert entry_count(workspace) == 0
    with pytest.raises(NotFound), workspace.session() as session:
        timesheet.stop_timer(session, start)
    with workspace.session() as session:
        timesheet.start_timer(session, campaign, start)
    for wrong in (0, 1441):
        with pytest.raises(ValidationError), workspace.session() as session:
            timesheet.stop_timer(session, start + timedelta(days=3), minutes=wrong)
    assert entry_count(workspace) == 0


def test_each_operator_has_their_own_timer(workspace: Workspace, campaign: int) -> None:
    start = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    with workspace.session() as session:
        timesheet.start_timer(session, campaign, start, owner="Camille")
        timesheet.start_timer(session, campaign, start, owner="Inès")
    with workspace.session() as session:
        timesheet.stop_timer(session, start + timedelta(minutes=30), owner="Inès")
    with workspace.reader() as session:
        assert timesheet.running_timer(session, "Camille") is not None
        assert timesheet.running_timer(session, "Inès") is None
        (row,) = timesheet.entries_between(session, NOVEMBER, NOVEMBER)
    assert row.operator == "Inès"


# -- budgets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "level"),
    [
        (332, BudgetLevel.OK),
        (336, BudgetLevel.NEAR),
        (420, BudgetLevel.OVER),
        (500, BudgetLevel.OVER),
    ],
)
def test_a_campaign_budget_in_days_warns_at_80_and_100_percent(
    workspace: Workspace, campaign: int, rated: int, minutes: int, level: BudgetLevel
) -> None:
    """1 day = 7 h = 420 min: 332 min is 0.79 day (79 %), 336 min 0.80 day (80 %)."""
    with workspace.session() as session:
        previous, changes = timesheet.set_budget(
            session, rated, unit=BudgetUnit.DAYS, amount=Decimal("1"), campaign_id=campaign
        )
    assert previous is None and changes.time
    add(workspace, campaign, minutes)
    with workspace.reader() as session:
        use = timesheet.campaign_budget(session, campaign)
        warned = timesheet.budgets_near_limit(session, NOVEMBER)
    assert use is not None and use.level is level
    assert [u.campaign_id for u in warned] == ([] if level is BudgetLevel.OK else [campaign])


def test_a_month_budget_in_euros_and_the_unknown_level(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    add(workspace, campaign, 420)  # 1 day = 450 €
    with workspace.session() as session:
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.EUROS, amount=Decimal("500"), month="2026-11"
        )
        free, _ = clients.create_client(session, "Sans tarif")
        timesheet.add_entry(session, EntryInput(NOVEMBER, 60, client_id=free))
        timesheet.set_budget(
            session, free, unit=BudgetUnit.EUROS, amount=Decimal("300"), month="2026-11"
        )
    with workspace.reader() as session:
        use = timesheet.client_month_budget(session, rated, "2026-11")
        unknown = timesheet.client_month_budget(session, free, "2026-11")
        warned = timesheet.budgets_near_limit(session, NOVEMBER)
        december = timesheet.budgets_near_limit(session, date(2026, 12, 1))
    assert use is not None and (use.spent, use.level) == (Decimal("450.00"), BudgetLevel.NEAR)
    assert use.ratio == pytest.approx(0.9)
    assert unknown is not None and (unknown.spent, unknown.ratio, unknown.level) == (
        None,
        None,
        BudgetLevel.UNKNOWN,
    )
    assert [u.client for u in warned] == ["Maison Verne", "Sans tarif"]  # near before unknown
    assert december == []  # a month budget is the month's concern only


def test_budgets_are_replaced_cleared_and_checked(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    with workspace.session() as session:
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.DAYS, amount=Decimal("2"), campaign_id=campaign
        )
        previous, _ = timesheet.set_budget(
            session, rated, unit=BudgetUnit.EUROS, amount=Decimal("900"), campaign_id=campaign
        )
    assert previous == (BudgetUnit.DAYS, Decimal("2"))
    for wrong in (
        {"amount": Decimal("0"), "campaign_id": campaign},
        {"amount": Decimal("-5"), "campaign_id": campaign},
        {"amount": Decimal(10**8), "campaign_id": campaign},
        {"amount": Decimal("1"), "campaign_id": campaign, "month": "2026-11"},
        {"amount": Decimal("1")},
        {"amount": Decimal("1"), "month": "2026-13"},
        {"amount": Decimal("1"), "campaign_id": 9999},
    ):
        with pytest.raises(ValidationError), workspace.session() as session:
            timesheet.set_budget(session, rated, unit=BudgetUnit.DAYS, **wrong)  # type: ignore[arg-type]
    with workspace.session() as session:
        cleared, _ = timesheet.clear_budget(session, rated, campaign_id=campaign)
    assert cleared == (BudgetUnit.EUROS, Decimal("900"))
    with workspace.reader() as session:
        assert timesheet.campaign_budget(session, campaign) is None


def test_a_closed_campaign_is_no_longer_warned(workspace: Workspace, rated: int) -> None:
    closed = plan(workspace, rated, date(2026, 11, 2), name="Old", status=CampaignStatus.CLOSED)
    with workspace.session() as session:
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.DAYS, amount=Decimal("1"), campaign_id=closed
        )
    add(workspace, closed, 600)
    with workspace.reader() as session:
        assert timesheet.budgets_near_limit(session, NOVEMBER) == []
        use = timesheet.campaign_budget(session, closed)
    assert use is not None and use.level is BudgetLevel.OVER


# -- list_budgets (the CLI's `crmdesk budget list`) --


def test_every_budget_is_listed_with_the_cockpit_s_figures(
    workspace: Workspace, campaign: int, rated: int
) -> None:
    closed = plan(workspace, rated, date(2026, 10, 2), name="Automne", status=CampaignStatus.CLOSED)
    add(workspace, campaign, 336)  # 0.80 day of 1: near, as the cockpit says
    with workspace.session() as session:
        other, _ = clients.create_client(session, "Atelier Brume")
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.DAYS, amount=Decimal("1"), campaign_id=campaign
        )
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.DAYS, amount=Decimal("3"), campaign_id=closed
        )
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.EUROS, amount=Decimal("900"), month="2026-11"
        )
        timesheet.set_budget(
            session, rated, unit=BudgetUnit.EUROS, amount=Decimal("100"), month="2026-01"
        )
        timesheet.set_budget(
            session, other, unit=BudgetUnit.EUROS, amount=Decimal("300"), month="2026-11"
        )
    with workspace.reader() as session:
        every = timesheet.list_budgets(session)
        mine = timesheet.list_budgets(session, client_id=rated)
        near = timesheet.campaign_budget(session, campaign)
        warned = timesheet.budgets_near_limit(session, NOVEMBER)
    assert [(u.client, u.month, u.campaign) for u in every] == [
        ("Atelier Brume", "2026-11", ""),
        ("Maison Verne", "2026-01", ""),
        ("Maison Verne", "2026-11", ""),
        ("Maison Verne", None, "Automne"),  # closed, still listed
        ("Maison Verne", None, "Black Friday"),
    ]
    assert mine == every[1:]
    assert every[4] == near and every[4].level is BudgetLevel.NEAR
    assert every[0].level is BudgetLevel.UNKNOWN and every[0].spent is None
    assert every[2].spent == Decimal("360.00") and every[2].ratio == pytest.approx(0.4)
    assert set(warned) <= set(every)


# -- end of list_budgets --


# -- exports -----------------------------------------------------------------------------------


def _entries_for_export(workspace: Workspace, campaign: int) -> None:
    add(workspace, campaign, 20, phase="send", note="Envoi, contrôle")
    add(workspace, campaign, 20, phase="analysis", note="=SUM(A1)")
    add(workspace, campaign, 20)


def test_the_csv_export_in_french_is_for_french_excel(
    workspace: Workspace, campaign: int, rated: int, tmp_path: Path
) -> None:
    _entries_for_export(workspace, campaign)
    out = tmp_path / "temps.csv"
    with workspace.reader() as session:
        written = timesheet.export_entries(
            session, date(2026, 11, 1), date(2026, 11, 30), out, client_id=rated, language="fr"
        )
    assert written == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Date", "Campagne", "Phase", "Heures", "Montant (€)", "Note"]
    assert rows[1] == ["16/11/2026", "Black Friday", "Envoi", "0,33", "21,21", "Envoi, contrôle"]
    assert rows[2][2] == "Analyse"
    assert rows[3][2] == ""
    assert rows[-1] == ["Total", "", "", "0,99", "63,63", ""]


def test_the_csv_export_in_english_names_the_client(
    workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    _entries_for_export(workspace, campaign)
    out = tmp_path / "time.csv"
    with workspace.reader() as session:
        timesheet.export_entries(session, date(2026, 11, 1), date(2026, 11, 30), out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Date", "Client", "Campaign", "Phase", "Hours", "Amount (€)", "Note"]
    assert rows[1][:6] == ["2026-11-16", "Maison Verne", "Black Friday", "Send", "0.33", "21.21"]
    assert rows[-1][:6] == ["Total", "", "", "", "0.99", "63.63"]


def test_the_xlsx_export_has_real_dates_numbers_and_a_totals_row(
    workspace: Workspace, campaign: int, rated: int, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    _entries_for_export(workspace, campaign)
    out = tmp_path / "temps.xlsx"
    with workspace.reader() as session:
        timesheet.export_entries(
            session, date(2026, 11, 1), date(2026, 11, 30), out, client_id=rated, language="fr"
        )
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Date", "Campagne", "Phase", "Heures", "Montant (€)", "Note")
    assert rows[1][0] == datetime(2026, 11, 16)
    assert rows[1][3:5] == (pytest.approx(0.33), pytest.approx(21.21))
    assert rows[2][5] == "=SUM(A1)"  # a note, not a formula
    assert sheet.cell(row=3, column=6).data_type == "s"
    assert rows[-1][0] == "Total" and rows[-1][3:5] == (pytest.approx(0.99), pytest.approx(63.63))


def test_an_export_to_an_unknown_format_names_the_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(CrmdeskError, match="time.ods"), workspace.reader() as session:
        timesheet.export_entries(session, NOVEMBER, NOVEMBER, tmp_path / "time.ods")
    assert not (tmp_path / "time.ods").exists()


def test_clients_are_ordered_as_a_french_reader_expects(workspace: Workspace, rated: int) -> None:
    with workspace.session() as session:
        for name in ("Zébulon", "Éditions Lumière", "atelier Brun"):
            client_id, _ = clients.create_client(session, name)
            timesheet.add_entry(session, EntryInput(NOVEMBER, 30, client_id=client_id))
        timesheet.add_entry(session, EntryInput(NOVEMBER, 30, client_id=rated))
    with workspace.reader() as session:
        totals = timesheet.totals_between(session, NOVEMBER, NOVEMBER)
        rows = timesheet.entries_between(session, NOVEMBER, NOVEMBER)
    expected = ["atelier Brun", "Éditions Lumière", "Maison Verne", "Zébulon"]
    assert [t.client for t in totals] == expected
    assert [r.client for r in rows] == expected
