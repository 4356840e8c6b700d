"""``crmdesk export-recap``, ``export-review`` and ``export-brief`` in a subprocess, offscreen,
on the demo workspace: the PDFs are read back with pypdf."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, CampaignStatus, Client, StatSnapshot
from crmdesk.core.reports.quarters import Quarter
from crmdesk.core.stats import service
from tests.conftest import DEMO_TODAY

REPO = Path(__file__).resolve().parents[2]
A4_POINTS = (595.28, 841.89)


def crmdesk(*args: str, lang: str = "fr") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": f"{lang}_FR.UTF-8"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *args, "--today", DEMO_TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
        env=env,
    )


def text_of(path: Path) -> tuple[PdfReader, str]:
    document = PdfReader(path)
    text = "\n".join(page.extract_text() for page in document.pages)
    return document, " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def french_percent(fraction: float) -> str:
    return f"{fraction * 100:.1f}".replace(".", ",") + " %"


def assert_a4_and_numbered(document: PdfReader, text: str) -> None:
    pages = len(document.pages)
    for page in document.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1)
    assert f"{pages} / {pages}" in text


def analysed_campaign(workspace: Workspace) -> int:
    with workspace.reader() as session:
        return session.scalars(
            select(Campaign.id)
            .join(StatSnapshot, StatSnapshot.campaign_id == Campaign.id)
            .where(Campaign.status == CampaignStatus.ANALYSED)
            .order_by(Campaign.planned_send_at.desc())
            .limit(1)
        ).one()


def test_export_recap_prints_the_campaign_its_client_and_its_kpis(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    with demo_workspace.reader() as session:
        stats = service.campaign_stats(session, campaign_id)
    demo_workspace.close()
    out = tmp_path / "récap.pdf"
    done = crmdesk(
        "export-recap", "--db", demo_workspace.location, "--campaign", str(campaign_id),
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{out} écrit" in done.stdout  # French: LANG=fr_FR
    document, text = text_of(out)
    assert stats.client_name in text
    assert " ".join(stats.campaign_name.split()) in text
    kpis = {k.key: k.value for k in stats.kpis}
    for key in ("open_rate", "click_rate", "ctor"):
        value = kpis[key]
        assert value is not None
        assert french_percent(value) in text, key
    assert_a4_and_numbered(document, text)


def busiest_client_quarter(workspace: Workspace) -> tuple[str, Quarter, list[str]]:
    with workspace.reader() as session:
        rows = session.execute(
            select(Client.name, Campaign.name, Campaign.planned_send_at)
            .join(Campaign)
            .where(
                Campaign.status.in_(
                    [CampaignStatus.SENT, CampaignStatus.ANALYSED, CampaignStatus.CLOSED]
                )
            )
        ).all()
    counts: dict[tuple[str, Quarter], list[str]] = {}
    for client, name, at in rows:
        counts.setdefault((client, Quarter.of(at.date())), []).append(name)
    (client, quarter), names = max(counts.items(), key=lambda item: len(item[1]))
    return client, quarter, names


def test_export_review_prints_every_campaign_of_the_quarter(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    client, quarter, names = busiest_client_quarter(demo_workspace)
    demo_workspace.close()
    out = tmp_path / "revue.pdf"
    done = crmdesk(
        "export-review", "--db", demo_workspace.location, "--client", client.upper(),
        "--quarter", str(quarter), "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document, text = text_of(out)
    assert client in text
    assert f"T{quarter.number} {quarter.year}" in text
    for name in names:
        assert " ".join(name.split())[:40] in text, name
    assert_a4_and_numbered(document, text)


def test_export_brief_prints_the_brief_alone(demo_workspace: Workspace, tmp_path: Path) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    with demo_workspace.reader() as session:
        name = session.get(Campaign, campaign_id).name
    demo_workspace.close()
    out = tmp_path / "brief.pdf"
    done = crmdesk(
        "export-brief", "--db", demo_workspace.location, "--campaign", str(campaign_id),
        "--out", str(out), lang="en",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document, text = text_of(out)
    assert " ".join(name.split()) in text
    assert_a4_and_numbered(document, text)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("export-review", "--client", "Nobody", "--quarter", "2026Q3"), "Nobody"),
        (("export-review", "--client", "Cycles Aubrac", "--quarter", "2026-13"), "2026Q3"),
        (("export-recap", "--campaign", "999999"), "999999"),
    ],
)
def test_bad_input_exits_2_with_a_sentence_and_writes_nothing(
    demo_path: Path, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    out = tmp_path / "out.pdf"
    done = crmdesk(*args, "--db", str(demo_path), "--out", str(out))
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("crmdesk: ") and words in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_an_unwritable_output_is_refused_and_leaves_no_file(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    demo_workspace.close()
    out = tmp_path / "no-such-folder" / "recap.pdf"
    done = crmdesk(
        "export-recap", "--db", demo_workspace.location, "--campaign", str(campaign_id),
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 2
    assert "folder does not exist" in done.stderr and str(out.parent) in done.stderr
    assert not out.parent.exists()
