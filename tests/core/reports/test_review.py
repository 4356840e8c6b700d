"""The quarterly review's data on real workspaces: the quarter's campaigns on the client's
clock, their pooled KPIs, top and flop, pressure per segment, A/B learnings, the roadmap; and
a quarter of 300 campaigns built in a blink."""

from __future__ import annotations

import random
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from crmdesk.core import clients
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    StatSnapshot,
    campaign_segments,
)
from crmdesk.core.reports import review
from crmdesk.core.reports.model import QuarterlyReview, SegmentPressure
from crmdesk.core.reports.quarters import Quarter
from crmdesk.core.stats import service as stats
from crmdesk.core.stats.demo import write_demo_stats
from crmdesk.core.stats.figures import Figures, WeeklySends
from crmdesk.core.timezones import local_to_instant
from tests.conftest import DEMO_TODAY, plan

TODAY = date(2026, 11, 23)
Q3 = Quarter(2026, 3)


def figures(delivered: int, opens: int, clicks: int, revenue: str = "0") -> Figures:
    return Figures(
        sent=delivered + 50,
        delivered=delivered,
        hard_bounces=20,
        soft_bounces=30,
        unique_opens=opens,
        total_opens=opens,
        unique_clicks=clicks,
        total_clicks=clicks,
        unsubscribes=delivered // 1_000,
        revenue=Decimal(revenue),
    )


def sent(
    workspace: Workspace,
    client_id: int,
    day: date,
    name: str,
    segment_ids: tuple[int, ...],
    d5: Figures | None = None,
    **fields: object,
) -> int:
    """A campaign sent on ``day`` with its D+5 figures, typed as the operator would."""
    fields.setdefault("status", CampaignStatus.SENT)
    campaign_id = plan(workspace, client_id, day, name=name, segment_ids=segment_ids, **fields)  # type: ignore[arg-type]
    if d5 is not None:
        with workspace.session() as session:
            stats.save_snapshot(session, campaign_id, day + timedelta(days=5), d5)
    return campaign_id


@pytest.fixture
def quarter_of_lumiere(workspace: Workspace, client_id: int, segment_ids: list[int]) -> None:
    """Éditions Lumière (Paris, cap 2): a Q3 of six emails with figures, an SMS and an
    automation without, and campaigns on both sides of the quarter's edges."""
    actifs, inactifs = segment_ids  # "Abonnés actifs", "Inactifs"
    first = sent(
        workspace, client_id, date(2026, 7, 7), "Rentrée", (actifs,), figures(10_000, 3_000, 500)
    )
    with workspace.session() as session:  # D+1 too: the review reads D+5, as the stats do
        stats.save_snapshot(session, first, date(2026, 7, 8), figures(10_000, 2_000, 100))
    sent(workspace, client_id, date(2026, 7, 8), "Été", (actifs,), figures(10_000, 2_500, 300))
    soldes = sent(
        workspace, client_id, date(2026, 7, 9), "Soldes", (actifs,), type=CampaignType.PROMO
    )
    with workspace.session() as session:  # an A/B test: variants only, no campaign-wide row
        day = date(2026, 7, 14)
        stats.save_snapshot(session, soldes, day, figures(2_500, 500, 80), variant="A")
        stats.save_snapshot(session, soldes, day, figures(2_500, 500, 120), variant="B")
        stats.set_decisions(session, soldes, "Garder l'objet court de B.")
    sent(workspace, client_id, date(2026, 8, 4), "Août", (inactifs,), figures(2_000, 200, 20))
    sent(workspace, client_id, date(2026, 8, 5), "Bijoux", (inactifs,), figures(4_000, 800, 80))
    sent(workspace, client_id, date(2026, 8, 6), "Zeta", (actifs,), figures(1_000, 250, 20))
    sent(workspace, client_id, date(2026, 9, 1), "SMS rentrée", (actifs,), channel=Channel.SMS)
    sent(
        workspace,
        client_id,
        date(2026, 7, 10),
        "Bienvenue",
        (actifs,),
        type=CampaignType.AUTOMATION,
    )
    # The edges, on the client's clock (Paris): 23:30 in London on 30 June is 00:30 on
    # 1 July in Paris, so in Q3; 23:30 in Paris on 30 June is Q2; 00:30 on 1 October is Q4.
    sent(
        workspace,
        client_id,
        date(2026, 6, 30),
        "Minuit à Londres",
        (inactifs,),
        at=time(23, 30),
        timezone="Europe/London",
    )
    sent(
        workspace,
        client_id,
        date(2026, 6, 30),
        "Fin juin",
        (inactifs,),
        figures(1_000, 300, 10),
        at=time(23, 30),
    )
    sent(workspace, client_id, date(2026, 9, 30), "Fin septembre", (actifs,), at=time(23, 30))
    plan(workspace, client_id, date(2026, 10, 1), name="Début octobre", at=time(0, 30))
    plan(workspace, client_id, date(2027, 1, 5), name="Janvier")


def review_of(workspace: Workspace, client_id: int, quarter: Quarter = Q3) -> QuarterlyReview:
    with workspace.reader() as session:
        return review.quarterly_review(session, client_id, quarter, today=TODAY)


def test_every_campaign_sent_in_the_quarter_on_the_clients_clock_is_a_row(
    workspace: Workspace, client_id: int, quarter_of_lumiere: None
) -> None:
    found = review_of(workspace, client_id)

    assert [r.campaign.name for r in found.rows] == [
        "Minuit à Londres",
        "Rentrée",
        "Été",
        "Soldes",
        "Bienvenue",
        "Août",
        "Bijoux",
        "Zeta",
        "SMS rentrée",
        "Fin septembre",
    ]
    by_name = {r.campaign.name: r for r in found.rows}
    assert by_name["Minuit à Londres"].campaign.local_send == datetime(2026, 6, 30, 23, 30)
    assert by_name["SMS rentrée"].figures is None and by_name["SMS rentrée"].kpis == {}
    assert by_name["Rentrée"].figures == figures(10_000, 3_000, 500)  # D+5, not D+1
    assert by_name["Soldes"].kpis["click_rate"] == pytest.approx(200 / 5_000)  # A + B
    assert [c.name for c in found.upcoming] == ["Début octobre"]
    assert (found.quarter, found.generated_on) == (Q3, TODAY)


def test_the_quarter_kpis_are_pooled_and_set_beside_the_previous_quarter(
    workspace: Workspace, client_id: int, quarter_of_lumiere: None
) -> None:
    found = review_of(workspace, client_id)

    delivered = 10_000 + 10_000 + 5_000 + 2_000 + 4_000 + 1_000
    assert found.totals.delivered == delivered
    assert found.totals.unique_clicks == 500 + 300 + 200 + 20 + 80 + 20
    assert found.kpis["click_rate"] == pytest.approx(1_120 / 32_000)  # 3.5 %
    assert found.kpis["open_rate"] == pytest.approx(7_750 / 32_000)
    assert found.kpis["ctor"] == pytest.approx(1_120 / 7_750)
    assert found.previous_kpis["click_rate"] == pytest.approx(10 / 1_000)  # "Fin juin" alone
    assert found.previous_kpis["open_rate"] == pytest.approx(0.3)


def test_top_and_flop_rank_the_campaigns_on_clicks_ties_by_name(
    workspace: Workspace, client_id: int, quarter_of_lumiere: None
) -> None:
    found = review_of(workspace, client_id)

    assert found.ranked_by == "click_rate"
    assert [r.campaign.name for r in found.top] == ["Rentrée", "Soldes", "Été"]  # 5, 4, 3 %
    assert [r.campaign.name for r in found.flop] == ["Août", "Bijoux", "Zeta"]  # 1, 2, 2 %


def test_a_small_quarter_never_shows_a_campaign_in_both_top_and_flop(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    for n, clicks in enumerate((100, 400, 300, 200)):
        name = f"Newsletter {n + 1}"
        sent(workspace, client_id, date(2027, 1, 5 + n), name, (), figures(10_000, 2_000, clicks))

    found = review_of(workspace, client_id, Quarter(2027, 1))

    assert [r.campaign.name for r in found.top] == ["Newsletter 2", "Newsletter 3", "Newsletter 4"]
    assert [r.campaign.name for r in found.flop] == ["Newsletter 1"]
    assert found.previous_kpis == {}


def test_pressure_counts_the_sends_of_each_segment_per_week_against_the_cap(
    workspace: Workspace, client_id: int, segment_ids: list[int], quarter_of_lumiere: None
) -> None:
    actifs, inactifs = segment_ids
    found = review_of(workspace, client_id)

    assert found.pressure_cap == 2
    # Rentrée, Été and Soldes in the week of 6 July: one over the cap of 2. The SMS counts
    # (the same people receive it); the automation is a scenario, not a send.
    assert found.pressure == (
        SegmentPressure("Abonnés actifs", sends=6, busiest_week=3, weeks_over_cap=1),
        SegmentPressure("Inactifs", sends=3, busiest_week=2, weeks_over_cap=0),
    )
    weeks = sorted({w.week_start for w in found.weekly})
    assert (weeks[0], weeks[-1], len(weeks)) == (date(2026, 6, 29), date(2026, 9, 28), 14)
    # The week across the edge counts whole: "Fin juin" (Q2) is there beside "Minuit à Londres".
    assert WeeklySends(inactifs, "Inactifs", date(2026, 6, 29), 2) in found.weekly
    assert WeeklySends(actifs, "Abonnés actifs", date(2026, 7, 6), 3) in found.weekly


def test_the_trend_follows_the_campaigns_with_figures_on_the_clients_clock(
    workspace: Workspace, client_id: int, quarter_of_lumiere: None
) -> None:
    found = review_of(workspace, client_id)

    assert [p.campaign_name for p in found.trend] == [
        "Rentrée",
        "Été",
        "Soldes",
        "Août",
        "Bijoux",
        "Zeta",
    ]
    assert found.trend[0].click_rate == pytest.approx(0.05)
    assert found.trend[0].send_at.utcoffset() == timedelta(hours=2)  # Paris in summer


def test_an_ab_test_of_the_quarter_is_a_learning_with_its_lift(
    workspace: Workspace, client_id: int, quarter_of_lumiere: None
) -> None:
    [learning] = review_of(workspace, client_id).ab

    assert learning.campaign.name == "Soldes"
    assert learning.result.winner == "B"  # 4.8 % against 3.2 % over 2,500 each
    assert learning.lift == pytest.approx(0.048 / 0.032 - 1)  # +50 %
    assert learning.decisions == "Garder l'objet court de B."

    with workspace.session() as session:
        stats.override_winner(session, learning.campaign.id, "A", by="Camille", reason="Marque")
    [overridden] = review_of(workspace, client_id).ab
    assert overridden.result.winner == "A"
    assert overridden.lift == pytest.approx(0.032 / 0.048 - 1)


def test_the_quarter_is_read_on_the_clock_of_the_client_not_of_the_campaign(
    workspace: Workspace,
) -> None:
    with workspace.session() as session:
        montreal, _ = clients.create_client(session, "Cycles Aubrac", timezone="America/Montreal")
    # 02:00 in Paris on 1 October is still 30 September, 20:00, in Montreal.
    sent(workspace, montreal, date(2026, 10, 1), "Octobre à Paris", (), at=time(2, 0))

    assert [r.campaign.name for r in review_of(workspace, montreal, Q3).rows] == ["Octobre à Paris"]
    assert review_of(workspace, montreal, Quarter(2026, 4)).rows == ()


def test_the_roadmap_is_kept_per_client_and_quarter(workspace: Workspace, client_id: int) -> None:
    text = "T4 : tester l'envoi du mardi à 18 h.\nRelancer les inactifs en novembre."
    with workspace.session() as session:
        changes = review.save_roadmap(session, client_id, Q3, f"  {text}\n\n")
        review.save_roadmap(session, client_id, Quarter(2026, 4), "Soldes d'hiver")
    assert changes.clients

    with workspace.reader() as session:
        assert review.roadmap(session, client_id, Q3) == text
        assert review.roadmap(session, client_id, Quarter(2026, 2)) == ""
    assert review_of(workspace, client_id).roadmap == text

    with workspace.session() as session:
        review.save_roadmap(session, client_id, Q3, "Nouvelle version")
        review.save_roadmap(session, client_id, Quarter(2026, 4), "   ")
    with workspace.reader() as session:
        assert review.roadmap(session, client_id, Q3) == "Nouvelle version"
        assert review.roadmap(session, client_id, Quarter(2026, 4)) == ""


def test_a_roadmap_too_long_or_an_unknown_client_is_refused(
    workspace: Workspace, client_id: int
) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        review.save_roadmap(session, client_id, Q3, "x" * 20_001)
    assert refused.value.problems[0].code == "text_too_long"
    with pytest.raises(NotFound), workspace.session() as session:
        review.save_roadmap(session, 999, Q3, "Plan")
    with pytest.raises(NotFound), workspace.reader() as session:
        review.quarterly_review(session, 999, Q3, today=TODAY)


def test_a_client_is_found_by_name_in_any_case_and_a_typo_names_the_clients(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.reader() as session:
        assert review.client_id_by_name(session, " éditions LUMIÈRE ") == client_id
        with pytest.raises(NotFound) as missing:
            review.client_id_by_name(session, "Lumiere")
    assert "“Lumiere”" in missing.value.message
    assert "Éditions Lumière" in missing.value.message


def test_the_demo_review_of_a_quarter_has_every_part(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        client_id = review.client_id_by_name(session, "Cycles Aubrac")
        found = review.quarterly_review(session, client_id, Q3, today=DEMO_TODAY)

    measured = [r for r in found.rows if r.figures is not None]
    assert len(found.rows) > 20 and len(measured) > 20
    assert all(Q3.start <= r.campaign.local_send.date() < Q3.end for r in found.rows)
    assert found.totals == sum((r.figures for r in measured), Figures())
    assert 0 < (found.kpis["click_rate"] or 0) < 0.2
    assert found.previous_kpis["click_rate"] is not None
    assert len(found.top) == len(found.flop) == 3
    tops = [r.kpis["click_rate"] for r in found.top]
    flops = [r.kpis["click_rate"] for r in found.flop]
    assert tops == sorted(tops, reverse=True) and flops == sorted(flops)
    assert min(tops) >= max(flops)  # type: ignore[type-var]
    assert len(found.trend) == len(measured)
    assert {p.segment for p in found.pressure} == {
        "Clients atelier",
        "Cyclistes urbains",
        "Panier abandonné",
    }
    assert found.upcoming and all(
        Quarter(2026, 4).start <= c.local_send.date() < Quarter(2026, 4).end for c in found.upcoming
    )


def test_the_review_of_a_quarter_of_300_campaigns_takes_well_under_two_seconds(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    rng = random.Random(8)
    rows: list[dict[str, object]] = []
    for n in range(300):
        day = Q3.start + timedelta(days=n * 91 // 300)
        rows.append(
            {
                "id": 10_000 + n,
                "client_id": client_id,
                "name": f"Campagne {n}",
                "channel": Channel.EMAIL,
                "type": CampaignType.PROMO if n % 3 else CampaignType.NEWSLETTER,
                "status": CampaignStatus.SENT,
                "planned_send_at": local_to_instant(day, time(8 + n % 11), "Europe/Paris"),
                "send_timezone": "Europe/Paris",
                "volume": 20_000 + n,
                "esp": "Brevo",
                "created_at": datetime(2026, 6, 1, tzinfo=UTC),
                "updated_at": datetime(2026, 6, 1, tzinfo=UTC),
            }
        )
    with workspace.session() as session:  # in bulk, as the demo writes its campaigns
        session.execute(insert(Campaign.__table__), rows)
        session.execute(
            insert(campaign_segments),
            [
                {"campaign_id": r["id"], "segment_id": segment_ids[n % 2]}
                for n, r in enumerate(rows)
            ],
        )
        write_demo_stats(session, rows, TODAY, rng)
        assert len(session.scalars(select(StatSnapshot.id)).all()) > 600

    with workspace.reader() as session:
        review.quarterly_review(session, client_id, Q3, today=TODAY)  # warm the caches
        started = clock.perf_counter()
        found = review.quarterly_review(session, client_id, Q3, today=TODAY)
        elapsed = clock.perf_counter() - started
    print(f"quarterly_review over 300 campaigns: {elapsed * 1000:.0f} ms")

    assert len(found.rows) == 300
    assert all(r.figures is not None for r in found.rows)
    assert found.ab  # the demo's figures make some promotions A/B tests
    assert elapsed < 2.0
