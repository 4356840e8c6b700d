"""``crmdesk checklist`` and ``crmdesk pressure``: the same figures as the window, in French
under a French locale and language-neutral in JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from crmdesk.core import checklists, clients
from crmdesk.core.db import Workspace
from crmdesk.core.models import ChecklistState
from tests.conftest import plan

REPO = Path(__file__).resolve().parents[2]


def crmdesk(*args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "LANG": lang, "LC_ALL": lang},
    )


def test_checklist_prints_the_windows_progress_and_who_ticked(
    workspace: Workspace, workspace_path: Path, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Noël")
    with workspace.session() as session:
        first = checklists.load_checklist(session, campaign_id, date(2026, 12, 1)).items[0]
        checklists.set_state(session, first.id, ChecklistState.DONE, "Camille Moreau")
    with workspace.reader() as session:
        window = checklists.load_checklist(session, campaign_id, date(2026, 12, 1))
    workspace.close()

    shown = crmdesk(
        "checklist",
        "--db",
        str(workspace_path),
        "--campaign",
        str(campaign_id),
        "--json",
        "--today",
        "2026-12-01",
    )
    assert shown.returncode == 0, shown.stderr
    payload = json.loads(shown.stdout)
    assert (payload["closed"], payload["total"]) == (window.closed, window.total) == (1, 25)
    assert payload["overdue"] == window.overdue > 0
    assert [(p["phase"], p["closed"], p["total"]) for p in payload["phases"]] == [
        (p.phase.value, p.closed, p.total) for p in window.phases
    ]
    assert payload["items"][0]["done_by"] == "Camille Moreau"

    french = crmdesk(
        "checklist",
        "--db",
        str(workspace_path),
        "--campaign",
        str(campaign_id),
        "--today",
        "2026-12-01",
        lang="fr_FR.UTF-8",
    )
    assert french.returncode == 0, french.stderr
    assert f"Checklist\u00a0: 1 sur 25 traités, {window.overdue} en retard" in french.stdout
    assert "Stratégie  1/3" in french.stdout
    assert "[x] Objectif et KPI cibles validés avec le client — Camille Moreau" in french.stdout


def test_pressure_lists_the_weeks_over_the_cap_in_order(
    workspace: Workspace, workspace_path: Path, client_id: int
) -> None:
    with workspace.reader() as session:
        segment_id = clients.list_segments(session, client_id)[0].id
        cap = clients.client_input(session, client_id).pressure_cap
    for day in range(cap + 1):  # one more send than the cap, Monday 7 to the days after
        plan(
            workspace,
            client_id,
            date(2026, 12, 7 + day),
            name=f"Envoi {day}",
            segment_ids=(segment_id,),
        )
    workspace.close()

    shown = crmdesk(
        "pressure",
        "--db",
        str(workspace_path),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--json",
    )
    assert shown.returncode == 0, shown.stderr
    [week] = json.loads(shown.stdout)
    assert (week["week_start"], week["sends"], week["cap"]) == ("2026-12-07", cap + 1, cap)

    french = crmdesk(
        "pressure",
        "--db",
        str(workspace_path),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        lang="fr_FR.UTF-8",
    )
    assert f"{cap + 1} envois la semaine du 07/12/2026 (plafond de {cap} par semaine)" in (
        french.stdout
    )
