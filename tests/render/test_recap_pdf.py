"""The campaign recap as the client receives it: printed through the app's QtWebEngine pipeline
from the demo workspace, then read back with pypdf. It names the operator from the profile
(never the computer's login), reads French throughout in French, shows the checklist as a
quality record with the window's own counts, says "not given" for figures nobody gave, and does
not end on a page left nearly empty."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from crmdesk.core import checklists, operators
from crmdesk.core.db import Workspace
from crmdesk.core.models import (
    BatDecision,
    BatRound,
    Campaign,
    CampaignStatus,
    StatAnalysis,
    StatSnapshot,
)
from crmdesk.core.reports import recap
from crmdesk.render import pdf, reports
from tests.conftest import DEMO_TODAY

#: English that slipped into French recaps before: the check engine's counts, a state, "by".
ENGLISH = ("error", "warning", "To do", "by ", "not given", "Checklist")
#: The print margins, top and bottom, in points: the running header and footer live there.
MARGIN_PT = 20 * 72 / 25.4
#: A last page must hold at least this share of a page's text height, unless it is the only one.
LAST_PAGE_FILL = 0.25


def story_campaign(workspace: Workspace) -> int:
    """The demo's first analysed campaign with an approved BAT and D+5 decisions."""
    with workspace.reader() as session:
        found = session.scalar(
            select(Campaign.id)
            .join(BatRound, BatRound.campaign_id == Campaign.id)
            .join(StatAnalysis, StatAnalysis.campaign_id == Campaign.id)
            .where(
                Campaign.status == CampaignStatus.ANALYSED,
                BatRound.decision == BatDecision.APPROVED,
                StatAnalysis.decisions != "",
            )
            .order_by(Campaign.planned_send_at.desc())
            .limit(1)
        )
    assert found is not None
    return found


def print_recap(workspace: Workspace, campaign_id: int, folder: Path, language: str) -> PdfReader:
    """The recap printed as the window and ``crmdesk export-recap`` print it."""
    with workspace.reader() as session:
        data = recap.campaign_recap(session, campaign_id, today=DEMO_TODAY)
    folder.mkdir()
    report = reports.recap_page(data, folder, language=language)
    return PdfReader(io.BytesIO(pdf.print_pdf(report.html)))


def text_of(document: PdfReader) -> str:
    text = "\n".join(page.extract_text() for page in document.pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def squeezed(text: str) -> str:
    """The text without spaces nor case: headings print in spaced-out capitals."""
    return re.sub(r"\s", "", text).casefold()


def fill(document: PdfReader, number: int) -> float:
    """How far down page ``number`` its body text reaches, from 0 (none) to 1 (the bottom
    margin): the running header and footer are left out."""
    page = document.pages[number]
    height = float(page.mediabox.height)
    top, bottom = height - MARGIN_PT, MARGIN_PT
    lows: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom + 10 < y < top - 5:
            lows.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(lows)) / (top - bottom) if lows else 0.0


def test_the_french_recap_speaks_to_the_client(
    qapp: QApplication, demo_workspace: Workspace, tmp_path: Path
) -> None:
    campaign_id = story_campaign(demo_workspace)
    login = operators.login_name()
    assert login
    with demo_workspace.session() as session:
        # A round imported before the profile was set carries the computer's login.
        rounds = session.scalars(select(BatRound).where(BatRound.campaign_id == campaign_id))
        for row in rounds:
            row.created_by = login
        operators.save_my_profile(session, operators.ProfileInput("Léa Fontaine"))
        window = checklists.load_checklist(session, campaign_id, DEMO_TODAY)

    document = print_recap(demo_workspace, campaign_id, tmp_path / "fr", "fr")
    text = text_of(document)

    assert "Soumis le" in text and "par Léa Fontaine" in text
    assert "préparéparléafontaine" in squeezed(text)
    assert f"par {login} " not in text and not re.search(rf"\b{re.escape(login)}\b", text)
    assert [word for word in ENGLISH if word in text] == []
    assert "À faire" not in text and "à faire" not in text
    assert "Récap envoyé au client" not in text
    # The checklist's counts are the window's: overall, and phase by phase.
    assert f"contrôlequalité{window.closed}pointstraitéssur{window.total}" in squeezed(text)
    for phase in window.phases:
        assert f"{phase.closed} / {phase.total}" in text
    # A page break that leaves the last page nearly empty is avoided.
    pages = len(document.pages)
    assert pages <= 4
    assert pages == 1 or fill(document, pages - 1) >= LAST_PAGE_FILL, [
        round(fill(document, n), 2) for n in range(pages)
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_figures_nobody_gave_print_as_not_given_never_as_zero(
    qapp: QApplication, demo_workspace: Workspace, tmp_path: Path, language: str
) -> None:
    campaign_id = story_campaign(demo_workspace)
    with demo_workspace.session() as session:
        for row in session.scalars(
            select(StatSnapshot).where(StatSnapshot.campaign_id == campaign_id)
        ):
            row.conversions, row.revenue = None, None

    text = text_of(print_recap(demo_workspace, campaign_id, tmp_path / language, language))

    if language == "fr":
        assert "non renseigné" in text
        assert re.search(r"Taux de conversion \(des cliqueurs\) — non renseigné", text), text
        assert re.search(r"CA par email délivré — non renseigné", text), text
    else:
        assert "not given" in text
        assert re.search(r"Conversion rate \(of clickers\) — not given", text), text
    assert "conversions—" in squeezed(text)
    # A zero where a figure is missing would read as a campaign that sold nothing.
    zero = re.compile(r"(?<![\d.,])0[.,]0 %|(?<![\d.,])0[.,]000 €")
    assert not zero.findall(text), re.findall(r".{60}(?:0[.,]0 %|0[.,]000 €)", text)


def test_the_last_page_of_the_demo_recaps_is_not_left_nearly_empty(
    qapp: QApplication, demo_workspace: Workspace, tmp_path: Path
) -> None:
    """Several of the demo's recaps, of different lengths (with and without an A/B test)."""
    with demo_workspace.reader() as session:
        ab = session.scalars(
            select(StatSnapshot.campaign_id)
            .join(Campaign, Campaign.id == StatSnapshot.campaign_id)
            .where(StatSnapshot.variant != "", Campaign.status == CampaignStatus.ANALYSED)
            .order_by(Campaign.planned_send_at.desc())
            .limit(1)
        ).all()
    chosen = [story_campaign(demo_workspace), *ab]
    for campaign_id in chosen:
        document = print_recap(demo_workspace, campaign_id, tmp_path / str(campaign_id), "fr")
        pages = len(document.pages)
        assert pages == 1 or fill(document, pages - 1) >= LAST_PAGE_FILL, (
            campaign_id,
            [round(fill(document, n), 2) for n in range(pages)],
        )
