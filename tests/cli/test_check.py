"""`crmdesk check` as an email developer's CI runs it: real processes, exit codes, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest

from crmdesk.core import checklists
from crmdesk.core.briefs import service as brief_service
from crmdesk.core.briefs.content import BriefContent, Cta
from crmdesk.core.db import Workspace
from crmdesk.core.demo_emails import EmailBrand, campaign_email
from crmdesk.core.models import ChecklistState
from tests.conftest import plan

BRAND = EmailBrand(
    "Cycles Aubrac",
    "cycles-aubrac.fr",
    "#16a34a",
    "#14291b",
    "Mailchimp",
    "tu",
    "Pour ta sécurité, porte un casque",
)
PRODUCTS = (("VAE Urbain 500", "1 899 €", "vae-urbain-500"), ("Casque Lumo", "89 €", "casque"))
BROKEN = """<!DOCTYPE html><html lang="fr"><head><title>Soldes</title></head><body>
<p>Bonjour,</p>
<p><a href="#">Voir l'offre</a></p>
</body></html>
"""


def crmdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.html"
    path.write_text(campaign_email(BRAND, "Nouveaux VAE", "nouveaux-vae", PRODUCTS), "utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.html"
    path.write_text(BROKEN, "utf-8")
    return path


def test_an_email_with_errors_fails_and_says_where(broken: Path) -> None:
    result = crmdesk("check", broken)
    assert result.returncode == 1, result.stderr
    assert "links.empty" in result.stdout
    assert "line 3" in result.stdout
    assert "unsubscribe" in result.stdout


def test_a_sound_email_passes_at_error_level_and_fails_at_warning_level(clean: Path) -> None:
    passed = crmdesk("check", clean)
    assert passed.returncode == 0, passed.stdout
    assert "0 errors" in passed.stdout
    strict = crmdesk("check", clean, "--fail-on", "warning")
    # Its rounded buttons are a warning for classic Outlook (caniemail.com data).
    assert strict.returncode == 1
    assert "compatibility" in strict.stdout


def test_json_output_has_one_object_per_file_and_the_data_notice(clean: Path, broken: Path) -> None:
    result = crmdesk("check", clean, broken, "--format", "json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["fail_on"] == "error"
    assert payload["data"]["licence"] == "MIT"
    assert payload["data"]["last_update_date"][:4].isdigit()
    first, second = payload["files"]
    assert first["file"].endswith("clean.html") and first["summary"]["error"] == 0
    assert second["summary"]["error"] >= 2
    finding = next(f for f in second["findings"] if f["id"] == "links.empty")
    assert finding["severity"] == "error"
    assert finding["line"] == 3
    assert finding["element"].startswith("<a")
    assert set(finding["message"]) == {"en", "fr"}
    assert "href" in second["links"][0]


def test_unusable_input_exits_2_with_a_message_and_the_others_are_still_checked(
    tmp_path: Path, broken: Path
) -> None:
    png = tmp_path / "hero.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    result = crmdesk("check", png, broken, tmp_path / "missing.eml")
    assert result.returncode == 2
    assert "hero.html" in result.stderr and "missing.eml" in result.stderr
    assert "Traceback" not in result.stderr
    assert "links.empty" in result.stdout  # the usable file was checked all the same
    as_json = json.loads(crmdesk("check", png, "--format", "json").stdout)
    assert as_json["files"][0]["error"]["code"] == "binary"


def test_messages_follow_the_language(broken: Path) -> None:
    assert "Lien vide" in crmdesk("check", broken, "--lang", "fr").stdout
    assert "Empty" in crmdesk("check", broken, "--lang", "en").stdout


def test_version_names_the_caniemail_data_and_its_licence() -> None:
    result = crmdesk("check", "--version")
    assert result.returncode == 0
    assert "caniemail" in result.stdout and "MIT" in result.stdout
    assert "Rémi Parmentier" in result.stdout


def test_check_without_a_workspace_loads_neither_qt_nor_the_orm(broken: Path) -> None:
    code = (
        "import sys\n"
        "from crmdesk.app import main\n"
        f"main(['check', {str(broken)!r}, '--format', 'json'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'PySide6', 'matplotlib', 'alembic', 'jinja2'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in result.stderr, result.stderr


def test_against_a_campaign_the_brief_and_charters_apply_and_record_ticks_the_checklist(
    workspace: Workspace, client_id: int, clean: Path
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), at=time(10), name="Nouveaux VAE")
    with workspace.session() as session:
        content = BriefContent(ctas=(Cta("Réserver", "https://www.cycles-aubrac.fr/essai"),))
        brief_service.save(session, campaign_id, content, editing_session="t")
    path = workspace.location
    workspace.close()

    result = crmdesk("check", clean, "--db", path, "--campaign", str(campaign_id), "--record")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cycles-aubrac.fr/essai" in result.stdout  # the brief's CTA is not in the email
    assert "Recorded on campaign" in result.stdout

    with Workspace.open(path) as reopened, reopened.reader() as session:
        checklist = checklists.load_checklist(session, campaign_id, date(2026, 11, 1))
        run = checklists.latest_run(session, campaign_id)
    links = next(i for i in checklist.items if i.check == "links")
    images = next(i for i in checklist.items if i.check == "images")
    assert links.state is ChecklistState.FAILED and links.by_check
    assert images.state is ChecklistState.DONE and images.done_by == checklists.CHECK_AUTHOR
    assert run is not None and run.source_name.endswith("clean.html")


def test_campaign_without_workspace_is_refused(broken: Path) -> None:
    result = crmdesk("check", broken, "--campaign", "3")
    assert result.returncode == 2
    assert "--db and --campaign go together" in result.stderr
