"""`crmdesk export-plan --out FILE.ics` as a user runs it: a real process, a real file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from icalendar import Calendar

from crmdesk.core.db import Workspace
from tests.cli.runs import crmdesk
from tests.conftest import plan


def test_the_cli_writes_an_ics_that_parses(
    workspace: Workspace, workspace_path: Path, client_id: int, tmp_path: Path, data_dir: Path
) -> None:
    plan(workspace, client_id, date(2026, 3, 31), name="Printemps", at=time(9, 30), notes="secret")
    plan(workspace, client_id, date(2026, 4, 14), name="Avril", at=time(8, 0))
    plan(workspace, client_id, date(2026, 5, 12), name="Mai")
    out = tmp_path / "plan lumière.ics"

    done = crmdesk(
        "export-plan", "--db", workspace_path, "--client", "éditions lumière", "--out", out,
        "--from", "2026-03-01", "--to", "2026-04-30", data_dir=data_dir, lang="fr_FR.UTF-8",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "Écrit dans" in done.stdout and "\u00a0: 2 campagnes" in done.stdout
    parsed = Calendar.from_ical(out.read_bytes())
    assert [str(e["SUMMARY"]) for e in parsed.walk("VEVENT")] == [
        "Printemps", "BAT – Printemps", "Analyse J+5 – Printemps",
        "Avril", "BAT – Avril", "Analyse J+5 – Avril",
    ]  # fmt: skip
    assert b"secret" not in out.read_bytes()
    assert not list(tmp_path.glob(".*.part"))


def test_an_unknown_client_exits_2_with_one_sentence_and_writes_nothing(
    workspace: Workspace, workspace_path: Path, client_id: int, tmp_path: Path, data_dir: Path
) -> None:
    plan(workspace, client_id, date(2026, 3, 31))
    out = tmp_path / "plan.ics"

    done = crmdesk(
        "export-plan", "--db", workspace_path, "--client", "Inconnu", "--out", out,
        data_dir=data_dir,
    )  # fmt: skip

    assert done.returncode == 2
    assert done.stdout == ""
    said = done.stderr.strip().splitlines()
    assert len(said) == 1 and said[0].startswith("crmdesk: No client named “Inconnu”")
    assert (
        not out.exists()
        and not list(tmp_path.glob("*.ics*"))
        and not list(tmp_path.glob(".*.part"))
    )


def test_two_clients_in_one_ics_are_refused_before_anything_is_written(
    workspace: Workspace, workspace_path: Path, client_id: int, tmp_path: Path, data_dir: Path
) -> None:
    out = tmp_path / "plan.ics"

    done = crmdesk(
        "export-plan", "--db", workspace_path, "--client", "A", "--client", "B", "--out", out,
        data_dir=data_dir,
    )  # fmt: skip

    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()
