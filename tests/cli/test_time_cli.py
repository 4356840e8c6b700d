"""`crmdesk time` as a user runs it: add, start, stop, list and report, on a real workspace file."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from crmdesk.core import clients
from crmdesk.core.db import Workspace
from crmdesk.core.models import RunningTimer, TimeEntry
from tests.cli.runs import desk
from tests.conftest import plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(workspace_path: Path) -> Path:
    """A workspace with "Maison Verne" (450 € a day) and its campaign "Black Friday" (id 1)."""
    with Workspace.open(workspace_path) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verne", daily_rate=Decimal("450"))
        assert plan(workspace, client, date(2026, 11, 26), name="Black Friday") == 1
    return workspace_path


def stored(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every time entry and running timer in the file."""
    with Workspace.open(db) as workspace, workspace.reader() as session:
        entries = session.execute(
            select(TimeEntry.worked_on, TimeEntry.minutes, TimeEntry.phase, TimeEntry.note)
        ).all()
        timers = session.execute(select(RunningTimer.campaign_id, RunningTimer.started_at)).all()
    return [tuple(e) for e in entries], [tuple(t) for t in timers]


def test_time_add_prints_the_id_and_list_shows_the_totals(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for minutes, day in ((20, "2026-11-16"), (20, "2026-11-17"), (20, "2026-11-18")):
        status, out, err = desk(
            monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1,
            "--minutes", minutes, "--on", day, "--phase", "bat", "--note", "relecture",
        )  # fmt: skip
        assert status == 0, err
    assert out.strip() == "3"
    status, out, _ = desk(monkeypatch, capsys, "time", "list", "--db", db, "--month", "2026-11")
    assert status == 0
    assert "2026-11-16" in out and "Black Friday" in out and "BAT" in out
    assert "Total Maison Verne: 0.99 h, 0.14 d, 63.63 €" in out
    status, out, _ = desk(
        monkeypatch, capsys, "time", "list", "--db", db, "--week", "2026-11-19", lang="fr_FR.UTF-8"
    )
    assert "Du 16/11/2026 au 22/11/2026" in out
    assert "Total Maison Verne\u00a0: 0,99\u00a0h" not in out  # plain spaces around numbers
    assert "Total Maison Verne\u00a0: 0,99 h, 0,14 j, 63,63 €" in out
    status, out, _ = desk(
        monkeypatch, capsys, "time", "list", "--db", db,
        "--from", "2026-11-17", "--to", "2026-11-17", "--json",
    )  # fmt: skip
    listed = json.loads(out)
    assert [e["date"] for e in listed["entries"]] == ["2026-11-17"]
    assert listed["totals"][0]["amount"] == "21.21"
    assert listed["timer"] is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--campaign", 1, "--minutes", -30), "must be positive"),
        (("--campaign", 1, "--minutes", 1800), "more than a day"),
        (("--campaign", 99, "--minutes", 30), "No campaign with id 99"),
        (("--client", "Nobody", "--minutes", 30), "No client named “Nobody”"),
        (("--campaign", 1, "--minutes", 30, "--on", "2026-02-30"), "is not a date"),
        (("--campaign", 1, "--minutes", 30, "--phase", "coffee"), "invalid choice"),
    ],
)
def test_bad_entries_are_refused_with_a_message_and_nothing_written(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[object, ...],
    said: str,
) -> None:
    before = stored(db)
    status, out, err = desk(monkeypatch, capsys, "time", "add", "--db", db, *args)
    assert status == 2
    assert said in err and "Traceback" not in err
    assert out == ""
    assert stored(db) == before


def test_a_bad_month_or_period_is_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = desk(monkeypatch, capsys, "time", "list", "--db", db, "--month", "2026-13")
    assert (status, err.strip()) == (2, "crmdesk: “2026-13” is not a month: write 2026-11.")
    status, _, err = desk(
        monkeypatch, capsys, "time", "report", "--db", db, "--client", "Maison Verne",
        "--from", "2026-11-30", "--to", "2026-11-01", "--out", tmp_path / "t.csv",
    )  # fmt: skip
    assert status == 2 and "before the start" in err
    assert not (tmp_path / "t.csv").exists()


def test_start_stop_and_a_second_start_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = desk(
        monkeypatch, capsys, "time", "start", "--db", db, "--campaign", 1, "--phase", "production"
    )
    assert status == 0, err
    assert out.startswith("Timer started on “Black Friday” (Maison Verne)")
    before = stored(db)
    status, _, err = desk(monkeypatch, capsys, "time", "start", "--db", db, "--campaign", 1)
    assert status == 2 and "A timer already runs on “Black Friday”" in err
    assert stored(db) == before
    status, out, _ = desk(monkeypatch, capsys, "time", "list", "--db", db, "--json")
    assert json.loads(out)["timer"]["campaign"] == "Black Friday"
    status, out, _ = desk(monkeypatch, capsys, "time", "stop", "--db", db)
    assert (status, out.strip()) == (0, "Timer stopped; no time recorded.")  # under a minute
    assert stored(db) == ([], [])
    status, _, err = desk(monkeypatch, capsys, "time", "stop", "--db", db)
    assert status == 2 and "No timer runs" in err


def _forgotten_timer(db: Path, days: int) -> datetime:
    """A timer started ``days`` days ago (at least a night ago): a weekend forgotten."""
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days, hours=1)
    with Workspace.open(db) as workspace, workspace.session() as session:
        from crmdesk.core import timesheet

        timesheet.start_timer(session, 1, started)
    return started


def test_a_timer_forgotten_for_three_days_is_asked_not_billed(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = _forgotten_timer(db, 3)
    before = stored(db)
    status, out, err = desk(monkeypatch, capsys, "time", "stop", "--db", db)
    assert status == 2 and out == ""
    assert "has run for 3 d 1 h 0 min" in err
    assert "--minutes N" in err and "--discard" in err and "Nothing was written" in err
    assert stored(db) == before
    status, out, err = desk(
        monkeypatch, capsys, "time", "stop", "--db", db, "--minutes", 90, lang="fr_FR.UTF-8"
    )
    assert status == 0, err
    assert "saisie" in out
    entries, timers = stored(db)
    assert timers == []
    assert entries == [(started.astimezone().date(), 90, "", "")]


def test_a_timer_can_be_discarded_and_the_question_is_french_in_french(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _forgotten_timer(db, 1)
    status, _, err = desk(monkeypatch, capsys, "time", "stop", "--db", db, lang="fr_FR.UTF-8")
    assert status == 2
    assert "Le chronomètre de «\u00a0Black Friday\u00a0» (Maison Verne)" in err
    assert "Rien n’a été écrit." in err
    status, out, _ = desk(monkeypatch, capsys, "time", "stop", "--db", db, "--discard")
    assert (status, out.strip()) == (0, "Timer stopped; no time recorded.")
    assert stored(db) == ([], [])


def test_time_report_writes_a_client_month_as_csv_and_xlsx(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    for day in ("2026-11-16", "2026-11-17", "2026-12-01"):
        desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes", 20,
             "--on", day, "--phase", "send")  # fmt: skip
    out = tmp_path / "novembre.csv"
    status, said, err = desk(
        monkeypatch, capsys, "time", "report", "--db", db, "--client", "maison verne",
        "--month", "2026-11", "--out", out, "--lang", "fr",
    )  # fmt: skip
    assert status == 0, err
    assert "2 saisies de temps" in said  # --lang fr: the messages too
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Date", "Campagne", "Phase", "Heures", "Montant (€)", "Note"]
    assert rows[1][:5] == ["16/11/2026", "Black Friday", "Envoi", "0,33", "21,21"]
    assert rows[-1][:5] == ["Total", "", "", "0,66", "42,42"]
    book = tmp_path / "november.xlsx"
    status, _, err = desk(
        monkeypatch, capsys, "time", "report", "--db", db, "--client", "Maison Verne",
        "--from", "2026-11-01", "--to", "2026-12-31", "--out", book, "--lang", "en",
    )  # fmt: skip
    assert status == 0, err
    sheet = load_workbook(book).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Date", "Campaign", "Phase", "Hours", "Amount (€)", "Note")
    assert [r[0] for r in values[1:-1]] == [
        datetime(2026, 11, 16),
        datetime(2026, 11, 17),
        datetime(2026, 12, 1),
    ]
    assert values[-1][3] == pytest.approx(0.99)
    assert values[-1][4] == pytest.approx(63.63)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--out", "time.ods"), "time.ods: give --format csv, xlsx or pdf"),
        (("--format", "xlsx", "--out", "time.csv"), "--format xlsx writes a .xlsx file"),
        (("--client", "Nobody", "--out", "time.csv"), "No client named “Nobody”"),
    ],
)
def test_time_report_refusals_write_nothing(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: tuple[str, ...],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    given = ("--client", "Maison Verne", *args) if "--client" not in args else args
    status, _, err = desk(
        monkeypatch, capsys, "time", "report", "--db", db, "--month", "2026-11", *given
    )
    assert status == 2 and said in err
    assert not (tmp_path / given[given.index("--out") + 1]).exists()


def test_time_report_prints_the_pdf_statement(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The statement itself is another module's; here: the command reaches it and a real PDF
    naming the client and the total comes out. In a process of its own, as a user runs it (and
    so that its Qt application does not become the one of the window tests)."""
    from pypdf import PdfReader

    desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes", 420,
         "--on", "2026-11-16")  # fmt: skip
    out = tmp_path / "releve.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "time", "report", "--db", str(db), "--client",
         "Maison Verne", "--month", "2026-11", "--out", str(out), "--lang", "en",
         "--today", "2026-12-01"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Maison Verne" in text
    assert "450" in text


def test_a_real_process_creates_the_workspace_and_records_time(
    data_dir: Path, tmp_path: Path
) -> None:
    """As a user starts from nothing: `time add --client` needs a client, and says so."""
    path = tmp_path / "new.sqlite"
    env = {**os.environ, "CRMDESK_DATA_DIR": str(data_dir), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "crmdesk", *map(str, args), "--db", path],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=90,
        )  # fmt: skip

    refused = run("time", "add", "--client", "Atelier Brume", "--minutes", 30)
    assert refused.returncode == 2 and "No client named “Atelier Brume”" in refused.stderr
    assert path.exists()  # created, as `client add` does, but empty
    assert run("client", "add", "Atelier Brume").returncode == 0
    added = run("time", "add", "--client", "Atelier Brume", "--minutes", 30, "--on", "2026-11-16")
    assert (added.returncode, added.stdout.strip()) == (0, "1"), added.stderr
    listed = run("time", "list", "--week", "2026-11-16", "--json")
    assert json.loads(listed.stdout)["totals"][0]["client"] == "Atelier Brume"


# -- time edit, delete, hours-per-day ----------------------------------------------------------


def _entry(db: Path, entry_id: int) -> tuple[object, ...] | None:
    with Workspace.open(db) as workspace, workspace.reader() as session:
        found = session.get(TimeEntry, entry_id)
        if found is None:
            return None
        return (
            found.client_id,
            found.campaign_id,
            found.worked_on,
            found.minutes,
            found.phase,
            found.note,
        )


def test_an_entry_is_corrected_and_prints_as_saved(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes", 20,
         "--on", "2026-11-16", "--phase", "bat", "--note", "relecture")  # fmt: skip
    status, out, err = desk(
        monkeypatch, capsys, "time", "edit", 1, "--db", db, "--minutes", 90, "--on", "2026-11-17",
        "--phase", "send", "--note", "envoi et contrôle",
    )  # fmt: skip
    assert status == 0, err
    assert out.strip() == (
        "Entry 1 saved: 2026-11-17, 1.50 h (90 min), Maison Verne — Black Friday, Send, "
        "envoi et contrôle"
    )
    assert _entry(db, 1) == (1, 1, date(2026, 11, 17), 90, "send", "envoi et contrôle")
    status, out, _ = desk(
        monkeypatch, capsys, "time", "list", "--db", db, "--month", "2026-11", "--json"
    )
    assert json.loads(out)["totals"][0]["amount"] == "96.43"  # 1.50 h / 7 * 450
    # Moved off the campaign, phase and note taken off; only what is given changes.
    status, out, err = desk(
        monkeypatch, capsys, "time", "edit", 1, "--db", db, "--client", "maison verne",
        "--no-phase", "--note", "", lang="fr_FR.UTF-8",
    )  # fmt: skip
    assert status == 0, err
    assert out.strip() == (
        "Saisie 1 enregistrée\u00a0: 17/11/2026, 1,50 h (90 min), Maison Verne — sans campagne"
    )
    assert _entry(db, 1) == (1, None, date(2026, 11, 17), 90, "", "")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((7, "--minutes", 30), "No time entry with id 7"),
        ((1,), "say what to change"),
        ((1, "--minutes", 0), "must be positive"),
        ((1, "--minutes", 1500), "more than a day"),
        ((1, "--campaign", 99), "No campaign with id 99"),
        ((1, "--client", "Nobody"), "No client named “Nobody”"),
        ((1, "--phase", "coffee"), "invalid choice"),
        ((1, "--phase", "bat", "--no-phase"), "not allowed with argument"),
        ((1, "--campaign", 1, "--client", "Maison Verne"), "not allowed with argument"),
    ],
)
def test_a_bad_correction_is_refused_and_the_entry_kept(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[object, ...],
    said: str,
) -> None:
    desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes", 20,
         "--on", "2026-11-16", "--phase", "bat")  # fmt: skip
    before = stored(db)
    status, out, err = desk(monkeypatch, capsys, "time", "edit", "--db", db, *args)
    assert status == 2 and out == ""
    assert said in err and "Traceback" not in err
    assert stored(db) == before


def test_an_entry_is_deleted_and_an_unknown_one_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for minutes in (20, 40):
        desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes",
             minutes, "--on", "2026-11-16")  # fmt: skip
    status, out, err = desk(monkeypatch, capsys, "time", "delete", 1, "--db", db)
    assert status == 0, err
    assert (
        out.strip() == "Entry 1 deleted: 2026-11-16, 0.33 h (20 min), Maison Verne — Black Friday"
    )
    assert stored(db)[0] == [(date(2026, 11, 16), 40, "", "")]
    status, out, err = desk(monkeypatch, capsys, "time", "delete", 1, "--db", db,
                            lang="fr_FR.UTF-8")  # fmt: skip
    assert status == 2 and out == ""
    assert "Aucune saisie de temps n’a l’id 1" in err
    assert stored(db)[0] == [(date(2026, 11, 16), 40, "", "")]


def test_hours_per_day_is_shown_set_and_changes_the_days(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk(monkeypatch, capsys, "time", "add", "--db", db, "--campaign", 1, "--minutes", 420,
         "--on", "2026-11-16")  # fmt: skip
    status, out, _ = desk(monkeypatch, capsys, "time", "hours-per-day", "--db", db)
    assert (status, out.strip()) == (0, "Hours per day: 7")
    status, out, err = desk(monkeypatch, capsys, "time", "hours-per-day", "8,4", "--db", db)
    assert status == 0, err
    assert out.strip() == "Hours per day: 8.4 (was 7)"
    status, out, _ = desk(monkeypatch, capsys, "time", "list", "--db", db, "--month", "2026-11")
    assert "Total Maison Verne: 7.00 h, 0.83 d, 375.00 €" in out  # 7 h of an 8.4 h day
    status, out, _ = desk(monkeypatch, capsys, "time", "hours-per-day", "--db", db,
                          lang="fr_FR.UTF-8")  # fmt: skip
    assert out.strip() == "Heures par jour\u00a0: 8,4"
    for wrong in ("0", "25", "sept", "nan"):
        status, out, err = desk(monkeypatch, capsys, "time", "hours-per-day", wrong, "--db", db)
        assert status == 2 and out == ""
        assert f"“{wrong}” hours a day: give a number of hours between 1 and 24" in err
    status, out, _ = desk(monkeypatch, capsys, "time", "hours-per-day", "--db", db)
    assert out.strip() == "Hours per day: 8.4"
