"""The campaign recap's data on real workspaces: the story of one campaign from its brief to its
D+5 decisions, told on the client's clock, and the brief sheet exported alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from crmdesk.core import campaigns, checklists, clients, operators, settings
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
    StatSnapshot,
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
        complaints=3,
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

    assert found.quality.total == 25
    assert found.not_given == frozenset()


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


def test_the_quality_summary_has_the_windows_counts_and_lists_only_what_was_checked(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 12, 9), name="Noël")
    with workspace.session() as session:
        items = checklists.load_checklist(session, campaign_id, TODAY).items
        for item in items[:20]:
            checklists.set_state(session, item.id, ChecklistState.DONE, "Camille")
        checklists.set_state(session, items[20].id, ChecklistState.NOT_APPLICABLE, "Camille")
        checklists.set_state(
            session, items[21].id, ChecklistState.FAILED, "Camille", comment="1 error, 1 warning"
        )
        recap_item = next(i for i in items if i.label_en == "Recap sent to the client")
        checklists.set_state(session, recap_item.id, ChecklistState.DONE, "Camille")
        window = checklists.load_checklist(session, campaign_id, TODAY)

    quality = recap_of(workspace, campaign_id).quality

    # One fact, one computation: the window's progress, phase by phase.
    assert (quality.closed, quality.total) == (window.closed, window.total) == (22, 25)
    assert [(p.phase, p.closed, p.total) for p in quality.phases] == [
        (p.phase.value, p.closed, p.total) for p in window.phases
    ]
    assert sum(p.not_applicable for p in quality.phases) == 1
    verified = [v.label_en for p in quality.phases for v in p.verified]
    assert verified == [i.label_en for i in items[:20]]  # in checklist order
    # The recap never names its own sending, nor lists what is still to do.
    assert "Recap sent to the client" not in verified
    assert not {i.label_en for i in items[22:24]} & set(verified)
    [reserve] = [r for p in quality.phases for r in p.reserves]
    assert (reserve.label_en, reserve.label_fr) == (items[21].label_en, items[21].label_fr)


def test_what_the_automatic_checks_settled_is_marked_as_such(
    workspace: Workspace, story: int
) -> None:
    """Importing the BATs ran the checks on the email: the points they ticked are marked."""
    with workspace.reader() as session:
        items = checklists.load_checklist(session, story, TODAY).items

    quality = recap_of(workspace, story).quality

    marked = [v.label_en for p in quality.phases for v in p.verified if v.automatic]
    by_check = [
        i.label_en for i in items if i.check and i.by_check and i.state is ChecklistState.DONE
    ]
    assert marked == by_check and len(marked) >= 5
    assert quality.any_automatic


def test_a_round_recorded_under_the_computers_login_reads_as_the_operators_name(
    workspace: Workspace, story: int
) -> None:
    """A BAT imported before any profile existed carries the login ("root"): the client
    reads the operator's name instead, and the names of real people stay as they are."""
    login = operators.login_name()
    assert login
    with workspace.session() as session:
        first = session.scalars(
            select(BatRound).where(BatRound.campaign_id == story).order_by(BatRound.number)
        ).first()
        assert first is not None
        first.created_by = login
        operators.save_my_profile(session, operators.ProfileInput("Léa Fontaine"))

    found = recap_of(workspace, story)

    first_round, second_round = found.bat_rounds
    assert found.branding.operator_name == "Léa Fontaine"
    assert first_round.created_by == "Léa Fontaine"
    assert (first_round.decided_by, second_round.created_by) == ("Thomas Garnier", "Camille")


def test_figures_never_given_and_the_kpis_needing_them_are_named(
    workspace: Workspace, story: int
) -> None:
    with workspace.session() as session:
        for row in session.scalars(select(StatSnapshot).where(StatSnapshot.campaign_id == story)):
            row.conversions, row.revenue = None, None

    found = recap_of(workspace, story)

    assert found.not_given == {
        "conversions",
        "revenue",
        "conversion_rate",
        "revenue_per_delivered",
    }
    kpi = {k.key: k.value for k in found.stats.kpis}
    assert kpi["conversion_rate"] is None and kpi["revenue_per_delivered"] is None
    assert kpi["click_rate"] == pytest.approx(380 / 19_000)


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

    # Blank but for the campaign's own dates, which the client should see on the form.
    assert (sheet.brief.send_due, sheet.brief.bat_due) == (date(2026, 12, 9), date(2026, 12, 7))
    blank = replace(sheet.brief, send_due=None, bat_due=None)
    assert (blank, sheet.version, sheet.updated_at) == (BriefContent(), None, None)
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
    assert found.quality.total > 0
    assert len(found.next_campaigns) <= 3
    assert all(c.send_at > found.campaign.send_at for c in found.next_campaigns)
    assert found.campaign.local_send.date() == send.send_date
