"""The command line checks what it imports (``--force`` to take a mismatching file) and speaks
French under a French locale, ``--lang`` first; JSON stays language-neutral."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk import cli, cli_texts
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, StatSnapshot
from tests.conftest import plan

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "core" / "stats" / "fixtures"
MAILCHIMP_ACTIVITY = "esp_csv/fivetran-dbt_mailchimp/campaign_recipient_activity.csv"


@pytest.fixture
def christmas(workspace: Workspace, client_id: int) -> int:
    return plan(
        workspace,
        client_id,
        date(2026, 12, 8),
        name="Noël : les coffrets",
        at=time(9, 30),
        subject="Nos coffrets de Noël sont arrivés",
        status=CampaignStatus.SENT,
    )


@pytest.fixture
def db(workspace: Workspace, workspace_path: Path, christmas: int) -> str:
    workspace.close()
    return str(workspace_path)


def desk(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    *args: object,
) -> tuple[int, str, str]:
    """``crmdesk ARGS`` in this process under ``LANG=lang``: (status, stdout, stderr)."""
    monkeypatch.setenv("LANG", lang)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    capsys.readouterr()
    status = cli.run(cli.parse([str(a) for a in args]))
    out = capsys.readouterr()
    return status, out.out, out.err


def november(tmp_path: Path) -> Path:
    lines = (FIXTURES / "mailchimp_all_campaigns.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "november.csv"
    path.write_text(f"{lines[0]}\n{lines[2]}\n", encoding="utf-8")  # "Newsletter novembre"
    return path


def count(db: str) -> int:
    with Workspace.open(db) as opened, opened.reader() as session:
        return session.scalar(select(func.count()).select_from(StatSnapshot)) or 0


def test_another_campaigns_report_exits_2_with_one_sentence_per_mismatch(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    db: str,
    christmas: int,
    tmp_path: Path,
) -> None:
    path = november(tmp_path)
    command = ("import-stats", path, "--db", db, "--campaign", christmas, "--on", "2026-12-13")
    status, out, err = desk(monkeypatch, capsys, "C.UTF-8", *command)
    assert status == 2 and out == ""
    assert err.splitlines() == [
        "crmdesk: The file is about the campaign “Newsletter novembre”, this campaign is "
        "“Noël : les coffrets”.",
        "crmdesk: The file's subject is “Nos coups de cœur de novembre”, this campaign's is "
        "“Nos coffrets de Noël sont arrivés”.",
        "crmdesk: The file's send date is 2025-11-12, this campaign was sent on 2026-12-08.",
        "crmdesk: Nothing was written; run again with --force to import this file anyway.",
    ]
    assert count(db) == 0

    status, out, err = desk(monkeypatch, capsys, "fr_FR.UTF-8", *command)
    assert status == 2
    nbsp = "\u00a0"
    assert err.splitlines()[0] == (
        f"crmdesk: Le fichier porte sur la campagne «{nbsp}Newsletter novembre{nbsp}», cette "
        f"campagne est «{nbsp}Noël : les coffrets{nbsp}»."
    )
    assert "12/11/2025" in err and "08/12/2026" in err
    assert "relancez avec --force" in err
    assert count(db) == 0

    status, out, err = desk(monkeypatch, capsys, "C.UTF-8", *command, "--force")
    assert status == 0, err
    assert "figures of 2026-12-13 saved" in out
    assert count(db) == 1


def test_replacing_a_days_figures_needs_force(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    db: str,
    christmas: int,
    tmp_path: Path,
) -> None:
    first = tmp_path / "d5.csv"
    first.write_text(
        "email,event,timestamp\na@orange.fr,delivered,2026-12-08T09:31:00\n"
        "a@orange.fr,open,2026-12-08T10:00:00\n",
        encoding="utf-8",
    )
    command = ("--db", db, "--campaign", christmas, "--on", "2026-12-13")
    status, out, err = desk(monkeypatch, capsys, "C.UTF-8", "import-stats", first, *command)
    assert status == 0, err
    fresher = tmp_path / "d5-bis.csv"
    fresher.write_text(
        first.read_text(encoding="utf-8") + "b@gmail.com,open,2026-12-09T10:00:00\n",
        encoding="utf-8",
    )
    status, out, err = desk(monkeypatch, capsys, "fr_FR.UTF-8", "import-stats", fresher, *command)
    assert status == 2
    assert err.splitlines()[0] == (
        "crmdesk: Des chiffres sont déjà enregistrés pour le 13/12/2026 (d5.csv)\u00a0: ils "
        "seraient remplacés."
    )
    status, out, err = desk(
        monkeypatch, capsys, "fr_FR.UTF-8", "import-stats", fresher, *command, "--force"
    )
    assert status == 0, err
    assert "chiffres du 13/12/2026 enregistrés" in out


def test_a_2019_mailchimp_activity_export_needs_force(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    db: str,
    christmas: int,
    corpus: Path,
) -> None:
    path = corpus / MAILCHIMP_ACTIVITY
    status, out, err = desk(
        monkeypatch, capsys, "C.UTF-8", "import-stats", path, "--db", db, "--campaign", christmas
    )
    assert status == 2
    assert "The file has opens or clicks from 2019-11-27" in err
    assert "before this campaign's send (2026-12-08 09:30)" in err
    assert count(db) == 0


def test_the_whole_refusal_in_a_real_process(db: str, christmas: int, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "fr_FR.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "import-stats", str(november(tmp_path))]
        + ["--db", db, "--campaign", str(christmas)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 4, done.stderr
    assert "Traceback" not in done.stderr
    assert count(db) == 0


# -- French under a French locale --------------------------------------------------------------


def test_listings_speak_french_under_a_french_locale_and_json_stays_neutral(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: str, christmas: int
) -> None:
    status, out, _ = desk(monkeypatch, capsys, "fr_FR.UTF-8", "campaigns", "--db", db)
    assert status == 0 and "envoyée" in out and " sent " not in out
    status, out, _ = desk(monkeypatch, capsys, "en_GB.UTF-8", "campaigns", "--db", db)
    assert " sent " in out
    status, out, _ = desk(monkeypatch, capsys, "fr_FR.UTF-8", "campaigns", "--db", db, "--json")
    assert [row["status"] for row in json.loads(out)] == ["sent"]

    status, out, _ = desk(monkeypatch, capsys, "fr_FR.UTF-8", "client", "list", "--db", db)
    assert out.splitlines()[0].split() == [
        "ID",
        "Couleur",
        "Fuseau",
        "horaire",
        "Pression",
        "max.",
        "Nom",
    ]
    status, out, _ = desk(
        monkeypatch,
        capsys,
        "fr_FR.UTF-8",
        "segment",
        "list",
        "--client",
        "Éditions Lumière",
        "--db",
        db,
    )
    assert out.splitlines()[0].split() == ["ID", "Taille", "Nom"]
    assert "180\u202f000" in out, "French thousands"
    status, out, _ = desk(
        monkeypatch, capsys, "fr_FR.UTF-8", "stats", "--db", db, "--campaign", christmas
    )
    assert "Pas encore de chiffres\u00a0: importez" in out


def test_check_counts_in_french_and_lang_comes_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    email = tmp_path / "mail.html"
    email.write_text(
        "<html><body><img src='a.png'><a href='http://x'>x</a></body></html>", encoding="utf-8"
    )
    _, out, _ = desk(monkeypatch, capsys, "fr_FR.UTF-8", "check", email)
    summary = out.splitlines()[0]
    assert "erreur" in summary and "avertissement" in summary and "error" not in summary
    assert "Ko" in summary
    _, out, _ = desk(monkeypatch, capsys, "fr_FR.UTF-8", "check", email, "--lang", "en")
    assert "error" in out.splitlines()[0] and "KB" in out.splitlines()[0]
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # LC_ALL over LANG
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    capsys.readouterr()
    cli.run(cli.parse(["check", str(email)]))
    assert "erreur" in capsys.readouterr().out


def test_counts_agree_in_both_languages() -> None:
    english, french = cli_texts.Texts("en"), cli_texts.Texts("fr")
    assert f"{english.count(9, 'error')}, {english.count(15, 'warning')}" == (
        "9 errors, 15 warnings"
    )
    assert f"{french.count(9, 'error')}, {french.count(15, 'warning')}" == (
        "9 erreurs, 15 avertissements"
    )
    assert french.count(0, "error") == "0 erreur" and english.count(1, "error") == "1 error"
    assert french.count(2000, "contact") == "2\u202f000 contacts"


# -- one catalogue, every sentence translated --------------------------------------------------


def _cli_sentences() -> set[str]:
    """Every literal the CLI passes to ``tr()``, plus the tables it translates values from."""
    tree = ast.parse((REPO / "crmdesk" / "cli.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "tr"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    found.update(cli.MISMATCH_SENTENCES.values())
    found.update(cli.KPI_NAMES.values())
    found.update(v for v in cli._VERDICT_MARKS.values() if v)
    found.update(cli.STATUSES, cli.CAMPAIGN_TYPES)
    found.update(("error", "warning", "info", "marketing", "crm", "data", "client"))
    found.update(("clicks", "opens", "conversions"))
    return found


def test_every_cli_sentence_has_a_french_translation() -> None:
    sentences = _cli_sentences()
    assert len(sentences) > 80
    missing = sorted(s for s in sentences if s not in cli_texts.FRENCH)
    assert missing == []
    for key, value in cli_texts.FRENCH.items():
        blanks = sorted(part.split(")")[0] for part in key.split("%(")[1:])
        assert sorted(p.split(")")[0] for p in value.split("%(")[1:]) == blanks, key


def test_french_typography() -> None:
    for value in cli_texts.FRENCH.values():
        for plain, proper in ((" :", "\u00a0:"), ("« ", "«\u00a0"), (" »", "\u00a0»")):
            assert plain not in value, (value, proper)
        for mark in (";", "?", "!"):
            assert f" {mark}" not in value, value


def test_every_mismatch_the_core_reports_has_a_sentence() -> None:
    from crmdesk.core.stats import imports

    assert set(imports.MISMATCH_FIELDS) == set(cli.MISMATCH_SENTENCES)
