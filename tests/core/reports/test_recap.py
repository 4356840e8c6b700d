"""The campaign recap's data on real workspaces: the story of one campaign from its brief to its
D+5 decisions, told on the client's clock, and the brief sheet exported alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from crmdesk.core import campaigns, checklists, clients, settings
from crmdesk.core.bat import rounds
from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile
from crmdesk.core.briefs import service as briefs
from crmdesk.core.briefs.content import BriefContent, Cta, KpiTargets
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound
from crmdesk.core.models import (
    BatDecision,
    BatRound,
    Campaign,
    CampaignStatus,
    CampaignType,
    ChecklistState,
    StatAnalysis,
)
from crmdesk.core.reports import recap
from crmdesk.core.reports.model import Branding, Milestone
from crmdesk.core.stats import service as stats
from crmdesk.core.stats.figures import Figures
from tests.conftest import DEMO_TODAY, plan

TODAY = date(2026, 11, 23)
SEND = date(2026, 11, 10)  # 02:00 in Paris: still the 9th in Montreal, where the client lives


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), UTC)


def email() -> EmailSnapshot:
    html = (
        "<!doctype html><html lang='fr'><head><title>Soldes d'hiver</title></head><body>"
        "<p>Nos vélos à -30 %</p><a href='https://cycles-aubrac.fr/soldes'>Voir</a>"
        "<a href='https://cycles-aubrac.fr/desinscription'>Se désinscrire</a></body></html>"
    )
    return EmailSnapshot(
        source_name="soldes.html",
        kind="html",
        entry="index.html",
        subject="Soldes d'hiver : -30 %",
        files=(SnapshotFile("index.html", "text/html", html.encode()),),
    )


def figures(delivered: int, opens: int, clicks: int) -> Figures:
    return Figures(
        sent=delivered + 100,
        delivered=delivered,
        hard_bounces=40,
        soft_bounces=60,
        unique_opens=opens,
        total_opens=opens * 2,
        unique_clicks=clicks,
        total_clicks=clicks,
        unsubscribes=12,
        conversions=clicks // 10,
        revenue=Decimal("1250.00"),
    )


@pytest.fixture
def aubrac(workspace: Workspace) -> int:
    with workspace.session() as session:
        client_id, _ = clients.create_client(
            session, "Cycles Aubrac", timezone="America/Montreal", colour="#0f766e"
        )
        clients.add_segment(session, client_id, "Cyclistes urbains", 12_000)
        clients.add_segment(session, client_id, "Clients atelier", 8_000)
    return client_id


@pytest.fixture
def story(workspace: Workspace, aubrac: int) -> int:
    """A promo from its brief to its D+5 decisions, every step at a known instant."""
    with workspace.reader() as session:
        segment_ids = tuple(s.id for s in clients.list_segments(session, aubrac))
    campaign_id = plan(
        workspace,
        aubrac,
        SEND,
        name="Soldes d'hiver",
        at=time(2, 0),
        type=CampaignType.PROMO,
        status=CampaignStatus.SENT,
        segment_ids=segment_ids,
        volume=20_000,
        subject="Soldes d'hiver : -30 %",
        esp="Brevo",
    )
    brief = BriefContent(
        primary_objective="Vendre les vélos de l'an dernier",
        kpi_targets=KpiTargets(click_rate=1.5),
        ctas=(Cta("Voir les soldes", "https://cycles-aubrac.fr/soldes"),),
    )
    with workspace.session() as session:
        briefs.save(session, campaign_id, brief, "sitting-1", now=at(date(2026, 10, 20), 14))
        first, _ = rounds.import_snapshot(
            session, campaign_id, email(), "Camille", now=at(date(2026, 10, 28), 15)
        )
        rounds.add_feedback(
            session,
            first,
            "Thomas Garnier",
            "Le bouton pointe vers la mauvaise page.",
            "https://cycles-aubrac.fr/soldes",
        )
        rounds.decide(
            session,
            first,
            BatDecision.CHANGES_REQUESTED,
            "Thomas Garnier",
            now=at(date(2026, 10, 28), 19),
        )
        # The brief edited after BAT 1: the timeline keeps the one production started from.
        briefs.save(
            session,
            campaign_id,
            replace(brief, notes="Ajouter le code promo"),
            "sitting-2",
            now=at(date(2026, 10, 30), 12),
        )
        # 01:30 UTC on the 3rd is the evening of the 2nd in Montreal.
        second, _ = rounds.import_snapshot(
            session, campaign_id, email(), "Camille", now=at(date(2026, 11, 3), 1, 30)
        )
        rounds.decide(
            session, second, BatDecision.APPROVED, "Thomas Garnier", now=at(date(2026, 11, 4), 3)
        )
        stats.save_snapshot(session, campaign_id, date(2026, 11, 11), figures(19_000, 3_000, 200))
        stats.save_snapshot(session, campaign_id, date(2026, 11, 15), figures(19_000, 4_750, 380))
        stats.set_decisions(session, campaign_id, "Relancer les non-ouvreurs vendredi.")
        stats.create_relance(session, campaign_id)
    plan(workspace, aubrac, date(2026, 11, 5), name="Newsletter S45")
    plan(workspace, aubrac, date(2026, 11, 12), name="Newsletter S46")
    plan(workspace, aubrac, date(2026, 11, 20), name="Black Friday", type=CampaignType.PROMO)
    plan(workspace, aubrac, date(2026, 12, 1), name="Noël")
    return campaign_id


def recap_of(workspace: Workspace, campaign_id: int) -> recap.CampaignRecap:
    with workspace.reader() as session:
        return recap.campaign_recap(session, campaign_id, today=TODAY)


def test_the_timeline_tells_the_campaign_on_the_clients_clock(
    workspace: Workspace, story: int
) -> None:
    found = recap_of(workspace, story)

    assert found.milestones == (
        Milestone("brief", None, date(2026, 10, 20), True),
        Milestone("bat", 1, date(2026, 10, 28), True),
        Milestone("bat", 2, date(2026, 11, 2), True),
        Milestone("approval", None, date(2026, 11, 3), True),
        Milestone("send", None, date(2026, 11, 9), True),
        # Monday 9 + 5 is a Saturday: the analysis is due the Monday after, as in the calendar.
        Milestone("analysis", None, date(2026, 11, 16), True),
    )
    assert found.generated_on == TODAY


def test_the_recap_carries_the_brief_the_bat_history_and_the_figures(
    workspace: Workspace, story: int
) -> None:
    found = recap_of(workspace, story)

    assert found.client.name == "Cycles Aubrac"
    assert (found.client.timezone, found.client.colour) == ("America/Montreal", "#0f766e")
    card = found.campaign
    assert (card.name, card.type, card.status, card.channel) == (
        "Soldes d'hiver",
        "promo",
        "sent",
        "email",
    )
    assert card.local_send == datetime(2026, 11, 10, 2, 0)
    assert card.send_at == at(SEND, 1)
    assert (card.timezone, card.segments) == (
        "Europe/Paris",
        ("Clients atelier", "Cyclistes urbains"),
    )
    assert (card.volume, card.esp) == (20_000, "Brevo")
    assert found.brief is not None
    assert found.brief.primary_objective == "Vendre les vélos de l'an dernier"
    assert found.brief.notes == "Ajouter le code promo"  # the brief as it is now

    first, second = found.bat_rounds
    assert (first.number, first.decision, first.decided_by) == (1, "changes", "Thomas Garnier")
    assert [(f.author, f.text, f.target) for f in first.feedback] == [
        (
            "Thomas Garnier",
            "Le bouton pointe vers la mauvaise page.",
            "https://cycles-aubrac.fr/soldes",
        )
    ]
    assert (second.number, second.decision, second.created_by) == (2, "approved", "Camille")
    assert second.decided_at == at(date(2026, 11, 4), 3)
    assert second.feedback == ()
    assert found.final_decision == "approved"

    assert found.stats.reference_day == 5
    assert found.stats.reference is not None and found.stats.reference.unique_clicks == 380
    click = next(k for k in found.stats.kpis if k.key == "click_rate")
    assert click.value == pytest.approx(380 / 19_000)
    assert click.target == pytest.approx(0.015)
    assert found.stats.decisions == "Relancer les non-ouvreurs vendredi."

    checklist = found.checklist
    assert checklist.total == 25
    assert checklist.done + checklist.not_applicable + checklist.failed + checklist.todo == 25
    assert len(checklist.open_items) == checklist.todo + checklist.failed


def test_next_steps_are_the_relance_first_then_what_the_client_has_planned_after(
    workspace: Workspace, story: int
) -> None:
    found = recap_of(workspace, story)

    assert [c.name for c in found.next_campaigns] == [
        "Relance non-ouvreurs – Soldes d'hiver",
        "Newsletter S46",
        "Black Friday",
    ]
    assert found.next_campaigns[0].type == "relance"


def test_the_recap_wears_the_operators_branding_and_the_clients_logo(
    workspace: Workspace, story: int, aubrac: int
) -> None:
    branding = Branding("Camille Moreau", "/logos/cm.png", "#7c3aed")
    with workspace.session() as session:
        settings.save_branding(session, branding)
        settings.set_client_logo(session, aubrac, "/logos/aubrac.svg")

    found = recap_of(workspace, story)

    assert found.branding == branding
    assert found.client.logo_path == "/logos/aubrac.svg"


def test_a_campaign_still_to_come_has_only_its_planned_steps(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Noël")  # a Wednesday

    found = recap_of(workspace, campaign_id)

    assert found.milestones == (
        Milestone("send", None, date(2026, 12, 9), False),
        Milestone("analysis", None, date(2026, 12, 14), False),
    )
    assert (found.brief, found.bat_rounds, found.final_decision) == (None, (), None)
    assert found.stats.reference is None
    assert found.next_campaigns == ()


def test_the_analysis_is_done_once_the_campaign_is_analysed_even_without_decisions(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(
        workspace, client_id, date(2026, 11, 3), name="Newsletter", status=CampaignStatus.ANALYSED
    )

    found = recap_of(workspace, campaign_id)

    assert [(m.kind, m.on, m.done) for m in found.milestones] == [
        ("send", date(2026, 11, 3), True),
        ("analysis", date(2026, 11, 9), True),  # Tuesday + 5 = Sunday → Monday
    ]


def test_the_checklist_summary_counts_each_state_and_lists_what_is_left_in_order(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Noël")
    with workspace.session() as session:
        items = checklists.load_checklist(session, campaign_id, TODAY).items
        for item in items[:20]:
            checklists.set_state(session, item.id, ChecklistState.DONE, "Camille")
        checklists.set_state(session, items[20].id, ChecklistState.NOT_APPLICABLE, "Camille")
        checklists.set_state(
            session, items[21].id, ChecklistState.FAILED, "Camille", comment="Export incomplet"
        )

    summary = recap_of(workspace, campaign_id).checklist

    assert (summary.total, summary.done, summary.not_applicable, summary.failed, summary.todo) == (
        25,
        20,
        1,
        1,
        3,
    )
    assert [(line.label_en, line.state) for line in summary.open_items] == [
        (items[21].label_en, "failed"),
        (items[22].label_en, "todo"),
        (items[23].label_en, "todo"),
        (items[24].label_en, "todo"),
    ]
    failed = summary.open_items[0]
    assert (failed.phase, failed.done_by, failed.comment) == (
        "analysis",
        "Camille",
        "Export incomplet",
    )
    assert failed.label_fr and failed.due_on == items[21].due_on


def test_an_unknown_campaign_is_not_found(workspace: Workspace) -> None:
    with workspace.reader() as session:
        with pytest.raises(NotFound, match="999"):
            recap.campaign_recap(session, 999, today=TODAY)
        with pytest.raises(NotFound, match="999"):
            recap.brief_sheet(session, 999, today=TODAY)


def test_the_brief_sheet_is_the_brief_as_saved_with_its_version(
    workspace: Workspace, story: int
) -> None:
    with workspace.reader() as session:
        sheet = recap.brief_sheet(session, story, today=TODAY)

    assert sheet.campaign.name == "Soldes d'hiver"
    assert sheet.client.name == "Cycles Aubrac"
    assert sheet.brief.primary_objective == "Vendre les vélos de l'an dernier"
    assert sheet.brief.ctas == (Cta("Voir les soldes", "https://cycles-aubrac.fr/soldes"),)
    assert (sheet.version, sheet.updated_at) == (2, at(date(2026, 10, 30), 12))
    assert sheet.generated_on == TODAY


def test_a_campaign_without_a_brief_gets_an_empty_sheet_to_fill(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Noël")
    with workspace.reader() as session:
        sheet = recap.brief_sheet(session, campaign_id, today=TODAY)

    assert (sheet.brief, sheet.version, sheet.updated_at) == (BriefContent(), None, None)
    assert sheet.branding == Branding()


def test_a_demo_recap_has_its_story_complete(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        campaign_id = session.scalar(
            select(Campaign.id)
            .join(BatRound, BatRound.campaign_id == Campaign.id)
            .join(StatAnalysis, StatAnalysis.campaign_id == Campaign.id)
            .where(
                Campaign.status == CampaignStatus.ANALYSED,
                BatRound.decision == BatDecision.APPROVED,
                StatAnalysis.decisions != "",
            )
            .order_by(Campaign.planned_send_at)
            .limit(1)
        )
        assert campaign_id is not None
        found = recap.campaign_recap(session, campaign_id, today=DEMO_TODAY)
        send = campaigns.load(session, campaign_id)

    kinds = [m.kind for m in found.milestones]
    assert {"bat", "approval", "send", "analysis"} <= set(kinds)
    assert all(m.done for m in found.milestones)
    assert [m.on for m in found.milestones] == sorted(m.on for m in found.milestones)
    assert found.final_decision == "approved"
    assert found.stats.reference is not None and found.stats.decisions
    assert found.checklist.total > 0
    assert len(found.next_campaigns) <= 3
    assert all(c.send_at > found.campaign.send_at for c in found.next_campaigns)
    assert found.campaign.local_send.date() == send.send_date
