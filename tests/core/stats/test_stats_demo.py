"""The demo's figures: each sent email has its D+1 and D+5, and every chart has data to show."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from crmdesk.core.db import Workspace
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    Client,
    StatAnalysis,
    StatBreakdown,
    StatImport,
    StatSnapshot,
)
from crmdesk.core.stats import kpis, service
from crmdesk.core.stats.figures import COUNT_FIELDS, Figures
from crmdesk.core.timezones import wall_clock
from tests.conftest import DEMO_TODAY


def snapshot_figures(row: StatSnapshot) -> Figures:
    return Figures(*(getattr(row, name) for name in COUNT_FIELDS), revenue=row.revenue)


def test_every_sent_email_has_its_d1_and_from_five_days_its_d5(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        days: dict[int, set[int]] = defaultdict(set)
        sends = {c.id: c for c in session.scalars(select(Campaign))}
        for campaign_id, taken_on in session.execute(
            select(StatSnapshot.campaign_id, StatSnapshot.taken_on).where(
                StatSnapshot.variant == ""
            )
        ):
            campaign = sends[campaign_id]
            send_day = wall_clock(campaign.planned_send_at, campaign.send_timezone).date()
            days[campaign_id].add((taken_on - send_day).days)

        for campaign in sends.values():
            send_day = wall_clock(campaign.planned_send_at, campaign.send_timezone).date()
            age = (DEMO_TODAY - send_day).days
            read = (
                campaign.channel is Channel.EMAIL
                and campaign.type is not CampaignType.AUTOMATION
                and campaign.status.rank >= CampaignStatus.SENT.rank
                and age >= 1
            )
            expected = ({1, 5} if age >= 5 else {1}) if read else set()
            assert days.get(campaign.id, set()) == expected, campaign.name
    assert len(days) > 150


def test_the_demo_figures_pass_the_rules_of_the_typed_form(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        rows = [
            (row.campaign_id, row.variant, row.taken_on, snapshot_figures(row))
            for row in session.scalars(select(StatSnapshot))
        ]
    assert len(rows) > 300
    assert all(kpis.validate(figures) == [] for *_, figures in rows)
    whole = {(cid, day): figures for cid, variant, day, figures in rows if variant == ""}
    summed: dict[tuple[int, date], Figures] = {}
    for cid, variant, day, figures in rows:
        if variant:
            summed[cid, day] = summed.get((cid, day), Figures()) + figures
    assert summed and all(whole[key] == total for key, total in summed.items())


def test_some_promotions_are_ab_tests_with_and_without_a_winner(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        tested = session.scalars(
            select(StatSnapshot.campaign_id).where(StatSnapshot.variant == "B").distinct()
        ).all()
        results = [service.campaign_stats(session, cid).ab for cid in tested]
        types = set(session.scalars(select(Campaign.type).where(Campaign.id.in_(tested))))

    assert len(results) >= 5 and types == {CampaignType.PROMO}
    assert all(r is not None and [v.variant for v in r.variants] == ["A", "B"] for r in results)
    assert any(r.tested_winner for r in results if r)
    assert any(r.tested_winner is None for r in results if r)
    overridden = [r for r in results if r and r.override is not None]
    assert len(overridden) == 1 and overridden[0].override_by and overridden[0].override_reason


def test_the_latest_sends_have_domain_and_hour_activity(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        with_domains = session.scalars(
            select(StatBreakdown.campaign_id).where(StatBreakdown.dimension == "domain").distinct()
        ).all()
        stats = [service.campaign_stats(session, cid) for cid in with_domains]
        imported = session.scalars(select(StatImport.layout).distinct()).all()

    assert 8 <= len(stats) <= 12
    for one in stats:
        keys = {d.key for d in one.domains}
        assert {"orange.fr", "gmail.com", "free.fr", "icloud", "outlook/hotmail", "other"} <= keys
        assert len(one.hours) > 24 and sum(h.opens for h in one.hours) > 0
        assert one.reference is not None
        assert sum(d.delivered for d in one.domains) == one.reference.delivered
        assert one.imports
    assert any(s.privacy_inflated for s in stats)
    assert "activity" in imported


def test_every_client_page_has_trends_a_heat_map_and_weekly_sends(
    demo_workspace: Workspace,
) -> None:
    with demo_workspace.reader() as session:
        pages = [
            service.client_stats(session, client_id, today=DEMO_TODAY)
            for client_id in session.scalars(select(Client.id))
        ]

    assert len(pages) == 4
    flags = set()
    for page in pages:
        assert len(page.trend) >= 20, page.client_name
        assert sum(1 for row in page.heat_counts for n in row if n) >= 4
        assert any(w.sends for w in page.weekly)
        assert {w.segment_id for w in page.weekly} == {sid for sid, _ in page.segments}
        averages = {k.key: k for k in page.averages}
        assert 0.2 < (averages["open_rate"].value or 0) < 0.5
        assert 0.01 < (averages["click_rate"].value or 0) < 0.06
        flags |= {p.privacy_inflated for p in page.trend}
    assert flags == {True, False}
    open_rates = [p.trend[-1].open_rate for p in pages]
    assert len(set(open_rates)) == 4  # each client its own audience


def test_analysed_campaigns_carry_their_decisions_in_french(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        analysed = session.scalars(
            select(Campaign.id).where(
                Campaign.status.in_([CampaignStatus.ANALYSED, CampaignStatus.CLOSED]),
                Campaign.channel == Channel.EMAIL,
                Campaign.type != CampaignType.AUTOMATION,
            )
        ).all()
        decisions = dict(
            session.execute(select(StatAnalysis.campaign_id, StatAnalysis.decisions)).all()
        )
        recent = service.campaign_stats(session, max(decisions))

    assert set(decisions) == set(analysed)
    assert all(text.strip() for text in decisions.values())
    assert any("Prochain" in text for text in decisions.values())
    assert recent.decisions and recent.reference_day == 5
    assert all(k.campaigns_averaged > 10 for k in recent.kpis)
