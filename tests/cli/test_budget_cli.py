"""`crmdesk budget` as a user runs it: set, clear and list budgets on a real workspace file,
with the cockpit's figures."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from crmdesk.core import clients, timesheet
from crmdesk.core.db import Workspace
from crmdesk.core.models import Budget
from crmdesk.core.timesheet import EntryInput
from tests.cli.runs import desk
from tests.conftest import plan

NBSP = "\u00a0"


@pytest.fixture
def db(workspace_path: Path) -> Path:
    """ "Maison Verne" (450 € a day) with "Black Friday" (campaign 1), 5 h 36 min spent on it
    in November; "Atelier Brume", with no daily rate, 1 h on no campaign."""
    with Workspace.open(workspace_path) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verne", daily_rate=Decimal("450"))
            free, _ = clients.create_client(session, "Atelier Brume")
        assert plan(workspace, client, date(2026, 11, 26), name="Black Friday") == 1
        with workspace.session() as session:
            timesheet.add_entry(session, EntryInput(date(2026, 11, 16), 336, campaign_id=1))
            timesheet.add_entry(session, EntryInput(date(2026, 11, 17), 60, client_id=free))
    return workspace_path


def budgets(db: Path) -> list[tuple[object, ...]]:
    """Every budget row in the file."""
    with Workspace.open(db) as workspace, workspace.reader() as session:
        rows = session.execute(
            select(Budget.client_id, Budget.campaign_id, Budget.month, Budget.unit, Budget.amount)
            .order_by(Budget.id)
        ).all()  # fmt: skip
    return [tuple(row) for row in rows]


def test_a_7_hour_budget_with_5_h_36_spent_shows_80_percent_near(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 day is 7 hours: 336 minutes are 0.80 day, 80 %, amber in the cockpit."""
    status, out, err = desk(monkeypatch, capsys, "budget", "set", "--db", db, "--campaign", 1,
                            "--days", 1)  # fmt: skip
    assert status == 0, err
    assert out.strip() == (
        "Budget set: Maison Verne — “Black Friday” (campaign 1): 0.80 d of 1.00 d (80 %), "
        "near the budget"
    )
    status, out, _ = desk(monkeypatch, capsys, "budget", "list", "--db", db)
    assert status == 0
    assert out.splitlines() == [
        "Maison Verne — “Black Friday” (campaign 1): 0.80 d of 1.00 d (80 %), near the budget"
    ]
    status, out, _ = desk(monkeypatch, capsys, "budget", "list", "--db", db, "--json")
    listed = json.loads(out)
    with Workspace.open(db) as workspace, workspace.reader() as session:
        cockpit = timesheet.budgets_near_limit(session, date(2026, 11, 20))
    assert len(cockpit) == 1
    assert listed == {
        "hours_per_day": "7",
        "budgets": [
            {
                "client_id": cockpit[0].client_id,
                "client": "Maison Verne",
                "campaign_id": 1,
                "campaign": "Black Friday",
                "month": None,
                "unit": "days",
                "amount": "1.00",
                "spent": str(cockpit[0].spent),
                "ratio": cockpit[0].ratio,
                "percent": 80,
                "level": "near",
            }
        ],
    }
    assert listed["budgets"][0]["spent"] == "0.80"
    # More time worked: the budget is over, here as in the cockpit.
    desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes", 84,
         "--on", "2026-11-18")  # fmt: skip
    status, out, _ = desk(monkeypatch, capsys, "budget", "list", "--db", db)
    assert "1.00 d of 1.00 d (100 %), over budget" in out


def test_month_budgets_in_euros_and_the_unknown_level_said_in_words(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for client, amount in (("maison verne", "400"), ("Atelier Brume", "300,50")):
        status, _, err = desk(
            monkeypatch, capsys, "budget", "set", "--db", db, "--client", client,
            "--month", "2026-11", "--euros", amount,
        )  # fmt: skip
        assert status == 0, err
    status, out, _ = desk(monkeypatch, capsys, "budget", "list", "--db", db)
    assert out.splitlines() == [
        "Atelier Brume — 2026-11: — of 300.50 € (—), no daily rate: spent unknown",
        "Maison Verne — 2026-11: 360.00 € of 400.00 € (90 %), near the budget",
    ]
    status, out, _ = desk(
        monkeypatch, capsys, "budget", "list", "--db", db, "--client", "Atelier Brume", "--json"
    )
    (unknown,) = json.loads(out)["budgets"]
    assert (unknown["spent"], unknown["ratio"], unknown["percent"], unknown["level"]) == (
        None,
        None,
        None,
        "unknown",
    )
    assert unknown["amount"] == "300.50" and unknown["month"] == "2026-11"


def test_the_list_is_french_under_a_french_locale(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk(monkeypatch, capsys, "budget", "set", "--db", db, "--campaign", 1, "--days", "1,5")
    desk(monkeypatch, capsys, "budget", "set", "--db", db, "--client", "Atelier Brume",
         "--month", "2026-11", "--euros", 300)  # fmt: skip
    status, out, _ = desk(monkeypatch, capsys, "budget", "list", "--db", db, lang="fr_FR.UTF-8")
    assert status == 0
    assert out.splitlines() == [
        f"Atelier Brume — 11/2026{NBSP}: — sur 300,00 € (—), pas de tarif journalier{NBSP}: "
        "consommé inconnu",
        f"Maison Verne — «{NBSP}Black Friday{NBSP}» (campagne 1){NBSP}: 0,80 j sur 1,50 j "
        f"(53{NBSP}%), dans le budget",
    ]
    status, _, err = desk(monkeypatch, capsys, "budget", "set", "--db", db, "--campaign", 1,
                          "--days", 0, lang="fr_FR.UTF-8")  # fmt: skip
    assert status == 2
    assert f"--days{NBSP}: «{NBSP}0{NBSP}» n’est pas un montant supérieur à zéro" in err


def test_a_budget_is_replaced_then_cleared(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk(monkeypatch, capsys, "budget", "set", "--db", db, "--campaign", 1, "--days", 2)
    status, out, _ = desk(monkeypatch, capsys, "budget", "set", "--db", db, "--campaign", 1,
                          "--euros", 500)  # fmt: skip
    assert status == 0
    assert out.strip() == (
        "Budget set (it was 2.00 d): Maison Verne — “Black Friday” (campaign 1): "
        "360.00 € of 500.00 € (72 %), within budget"
    )
    assert budgets(db) == [(1, 1, None, "euros", Decimal("500.00"))]
    status, out, _ = desk(monkeypatch, capsys, "budget", "clear", "--db", db, "--campaign", 1)
    assert status == 0
    assert out.strip() == (
        "Budget cleared: Maison Verne — “Black Friday” (campaign 1) (it was 500.00 €)"
    )
    assert budgets(db) == []
    status, out, _ = desk(monkeypatch, capsys, "budget", "clear", "--db", db, "--campaign", 1)
    assert (status, out.strip()) == (0, "No budget to clear; nothing was changed.")
    status, out, _ = desk(monkeypatch, capsys, "budget", "list", "--db", db)
    assert out.strip() == "No budgets: give one with `crmdesk budget set`."


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("set", "--campaign", 9, "--days", 1), "No campaign with id 9"),
        (("set", "--client", "Nobody", "--month", "2026-11", "--days", 1), "No client named"),
        (("set", "--campaign", 1, "--days", 0), "“0” is not an amount above zero"),
        (("set", "--campaign", 1, "--euros", "-5"), "“-5” is not an amount above zero"),
        (("set", "--campaign", 1, "--days", "deux"), "“deux” is not an amount above zero"),
        (("set", "--campaign", 1, "--euros", "1e9"), "too large for a budget"),
        (("set", "--client", "Maison Verne", "--month", "2026-13", "--days", 1), "not a month"),
        (("set", "--client", "Maison Verne", "--month", "nov", "--days", 1), "not a month"),
        (("set", "--client", "Maison Verne", "--days", 1), "--client needs --month"),
        (("set", "--campaign", 1, "--month", "2026-11", "--days", 1), "--month goes with"),
        (("set", "--campaign", 1, "--days", 1, "--euros", 5), "not allowed with argument"),
        (("set", "--campaign", 1), "one of the arguments --days --euros is required"),
        (("clear", "--campaign", 9), "No campaign with id 9"),
        (("clear", "--client", "Maison Verne", "--month", "11/2026"), "not a month"),
    ],
)
def test_bad_input_is_refused_with_a_sentence_and_nothing_written(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[object, ...],
    said: str,
) -> None:
    desk(monkeypatch, capsys, "budget", "set", "--db", db, "--client", "Maison Verne",
         "--month", "2026-11", "--days", 3)  # fmt: skip
    before = budgets(db)
    action, *rest = args
    status, out, err = desk(monkeypatch, capsys, "budget", action, "--db", db, *rest)
    assert status == 2
    assert said in err and "Traceback" not in err
    assert out == ""
    assert budgets(db) == before


def test_budget_set_starts_a_workspace_when_there_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As `time add`: a new workspace, whose missing client is then named."""
    path = tmp_path / "new.sqlite"
    status, _, err = desk(monkeypatch, capsys, "budget", "set", "--db", path, "--client",
                          "Atelier Brume", "--month", "2026-11", "--days", 2)  # fmt: skip
    assert status == 2 and "No client named “Atelier Brume”" in err
    assert path.exists() and budgets(path) == []
