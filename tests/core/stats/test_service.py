"""The stats services on real workspaces: snapshots, a campaign's KPIs beside its targets and
the client's averages, the A/B verdict and its override, relances, and the client stats page."""

from __future__ import annotations

import json
import random
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from crmdesk.core import campaigns, clients
from crmdesk.core.briefs import service as briefs
from crmdesk.core.briefs.content import BriefContent, KpiTargets
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.core.models import (
    AbMetric,
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    Client,
    StatBreakdown,
    StatSnapshot,
    StatSource,
    campaign_segments,
)
from crmdesk.core.stats import service
from crmdesk.core.stats.abtest import compare
from crmdesk.core.stats.demo import write_demo_stats
from crmdesk.core.stats.figures import Figures
from crmdesk.core.timezones import local_to_instant
from tests.conftest import plan

SEND = date(2026, 11, 10)  # a Tuesday
TODAY = date(2026, 11, 23)


def figures(
    sent: int = 10_000, opens: int = 2_500, clicks: int = 300, **more: int | Decimal | None
) -> Figures:
    values: dict[str, int | Decimal | None] = {
        "sent": sent,
        "delivered": sent - sent // 50,
        "hard_bounces": sent // 200,
        "soft_bounces": sent // 50 - sent // 200,
        "unique_opens": opens,
        "total_opens": opens * 3 // 2,
        "unique_clicks": clicks,
        "total_clicks": clicks * 4 // 3,
        "unsubscribes": sent // 500,
        "complaints": 1,
        "conversions": clicks // 20,
        "revenue": Decimal("450.00"),
    }
    values.update(more)
    return Figures(**values)  # type: ignore[arg-type]


def sent_campaign(workspace: Workspace, client_id: int, day: date = SEND, **fields: object) -> int:
    fields.setdefault("status", CampaignStatus.SENT)
    return plan(workspace, client_id, day, **fields)  # type: ignore[arg-type]


def save(workspace: Workspace, campaign_id: int, day: date, f: Figures, **options: object) -> int:
    with workspace.session() as session:
        snapshot_id, _ = service.save_snapshot(session, campaign_id, day, f, **options)  # type: ignore[arg-type]
    return snapshot_id


def stats_of(workspace: Workspace, campaign_id: int) -> service.CampaignStats:
    with workspace.reader() as session:
        return service.campaign_stats(session, campaign_id)


# --- snapshots -------------------------------------------------------------------------------


def test_a_typed_snapshot_is_saved_and_a_second_of_the_same_day_replaces_it(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    first = save(workspace, campaign_id, SEND + timedelta(days=5), figures())
    again = save(
        workspace,
        campaign_id,
        SEND + timedelta(days=5),
        figures(opens=2_600),
        source=StatSource.BREVO,
        source_name="brevo.csv",
    )
    save(workspace, campaign_id, SEND + timedelta(days=1), figures(opens=2_000))

    with workspace.reader() as session:
        views = service.snapshots(session, campaign_id)
    assert again == first
    assert [(v.day_offset, v.figures.unique_opens) for v in views] == [(1, 2_000), (5, 2_600)]
    assert (views[1].source, views[1].source_name) == ("brevo", "brevo.csv")
    assert views[1].figures.revenue == Decimal("450.00")


def test_impossible_figures_are_refused_and_nothing_is_written(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        service.save_snapshot(session, campaign_id, SEND, figures(opens=20_000))
    assert [p.code for p in refused.value.problems] == ["opens_over_delivered"]

    with pytest.raises(ValidationError) as early, workspace.session() as session:
        service.save_snapshot(session, campaign_id, SEND - timedelta(days=1), figures())
    assert [p.field for p in early.value.problems] == ["taken_on"]

    with pytest.raises(NotFound), workspace.session() as session:
        service.save_snapshot(session, 999, SEND, figures())
    with workspace.reader() as session:
        assert service.snapshots(session, campaign_id) == []


def test_a_deleted_snapshot_comes_back_by_saving_what_delete_returned(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    snapshot_id = save(workspace, campaign_id, SEND + timedelta(days=5), figures(), variant="B")

    with workspace.session() as session:
        gone, _ = service.delete_snapshot(session, snapshot_id)
    with workspace.reader() as session:
        assert service.snapshots(session, campaign_id) == []
    with workspace.session() as session:
        service.save_snapshot(
            session,
            gone.campaign_id,
            gone.taken_on,
            gone.figures,
            variant=gone.variant,
            source=StatSource(gone.source),
            source_name=gone.source_name,
        )
        back = service.snapshots(session, campaign_id)
    assert [(v.variant, v.taken_on, v.figures) for v in back] == [
        ("B", gone.taken_on, gone.figures)
    ]
    with pytest.raises(NotFound), workspace.session() as session:
        service.delete_snapshot(session, 12_345)


# --- one campaign ----------------------------------------------------------------------------


def test_kpis_are_read_at_the_snapshot_closest_to_d5_beside_the_brief_targets(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    with workspace.session() as session:
        briefs.save(
            session,
            campaign_id,
            BriefContent(
                context="Newsletter de novembre",
                kpi_targets=KpiTargets(open_rate=27.5, click_rate=3.0, revenue=980.0),
            ),
            "test",
        )
    save(workspace, campaign_id, SEND + timedelta(days=1), figures(opens=2_000))
    save(workspace, campaign_id, SEND + timedelta(days=4), figures(opens=2_400))
    save(workspace, campaign_id, SEND + timedelta(days=30), figures(opens=2_700))

    stats = stats_of(workspace, campaign_id)

    assert stats.reference_day == 4
    assert stats.reference == figures(opens=2_400)
    kpi = {k.key: k for k in stats.kpis}
    assert kpi["open_rate"].value == pytest.approx(2_400 / 9_800)
    assert kpi["open_rate"].target == pytest.approx(0.275)
    assert kpi["click_rate"].target == pytest.approx(0.03)
    assert kpi["revenue_per_delivered"].target == pytest.approx(980 / 9_800)
    assert kpi["conversion_rate"].target is None
    assert kpi["open_rate"].client_average is None and kpi["open_rate"].campaigns_averaged == 0
    assert stats.send_at.hour == 10 and stats.client_name == "Éditions Lumière"
    assert [s.day_offset for s in stats.snapshots] == [1, 4, 30]


def test_without_figures_the_stats_say_so_and_an_unknown_campaign_is_not_found(
    workspace: Workspace, client_id: int
) -> None:
    stats = stats_of(workspace, sent_campaign(workspace, client_id))

    assert stats.reference is None and stats.reference_day is None
    assert all(k.value is None for k in stats.kpis)
    assert stats.ab is None and not stats.privacy_inflated
    with pytest.raises(NotFound), workspace.reader() as session:
        service.campaign_stats(session, 404)


def test_the_client_average_is_over_the_year_before_the_send_without_the_campaign_itself(
    workspace: Workspace, client_id: int
) -> None:
    judged = sent_campaign(workspace, client_id, SEND)
    recent = sent_campaign(workspace, client_id, SEND - timedelta(days=30))
    older = sent_campaign(workspace, client_id, SEND - timedelta(days=200))
    too_old = sent_campaign(workspace, client_id, SEND - timedelta(days=400))
    later = sent_campaign(workspace, client_id, SEND + timedelta(days=1))
    for campaign_id, opens in [
        (judged, 4_000),
        (recent, 2_000),
        (older, 3_000),
        (too_old, 9_000),
        (later, 9_000),
    ]:
        with workspace.reader() as session:
            day = session.get(Campaign, campaign_id).planned_send_at.date()  # type: ignore[union-attr]
        save(workspace, campaign_id, day + timedelta(days=5), figures(opens=opens))

    kpi = {k.key: k for k in stats_of(workspace, judged).kpis}

    assert kpi["open_rate"].campaigns_averaged == 2
    assert kpi["open_rate"].client_average == pytest.approx((2_000 + 3_000) / 2 / 9_800)
    with workspace.reader() as session:
        averages = service.client_averages(
            session, client_id, datetime(2026, 11, 30, tzinfo=UTC), exclude=None
        )
    assert averages["open_rate"][1] == 4


def test_variants_alone_add_up_to_the_campaign_reference_and_are_tested_on_clicks(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id, type=CampaignType.PROMO)
    a = figures(sent=10_000, opens=2_500, clicks=300)
    b = figures(sent=10_000, opens=2_450, clicks=390)
    for day in (1, 5):
        save(workspace, campaign_id, SEND + timedelta(days=day), a, variant="A")
        save(workspace, campaign_id, SEND + timedelta(days=day), b, variant="B")

    stats = stats_of(workspace, campaign_id)

    assert stats.reference == a + b and stats.reference_day == 5
    assert stats.ab is not None
    assert stats.ab.metric == "clicks" and stats.ab.confidence == 0.95
    expected = compare([("A", 300, a.delivered), ("B", 390, b.delivered)], 0.95, "clicks")
    assert stats.ab.variants == expected.variants
    assert stats.ab.tested_winner == "B" and stats.ab.winner == "B"

    with workspace.session() as session:
        assert service.set_ab_metric(session, campaign_id, AbMetric.OPENS)[0] is AbMetric.CLICKS
    opens = stats_of(workspace, campaign_id).ab
    assert opens is not None and opens.metric == "opens" and opens.tested_winner is None


def test_a_manual_winner_is_recorded_with_who_when_and_why_and_can_be_undone(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id, type=CampaignType.PROMO)
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(clicks=300), variant="A")
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(clicks=305), variant="B")
    when = datetime(2026, 11, 16, 10, tzinfo=UTC)

    with workspace.session() as session:
        previous, _ = service.override_winner(
            session, campaign_id, "B", by="Camille", reason="Le client préfère B", now=when
        )
    ab = stats_of(workspace, campaign_id).ab

    assert previous == (None, "", None, "")
    assert ab is not None and ab.tested_winner is None
    assert (ab.winner, ab.override_by, ab.override_at, ab.override_reason) == (
        "B",
        "Camille",
        when,
        "Le client préfère B",
    )
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        service.override_winner(session, campaign_id, "Z", by="")
    assert {p.field for p in refused.value.problems} == {"winner", "by"}
    with workspace.session() as session:
        undone, _ = service.override_winner(session, campaign_id, None, by="Camille")
    assert undone == ("B", "Camille", when, "Le client préfère B")
    cleared = stats_of(workspace, campaign_id).ab
    assert cleared is not None and cleared.winner is None and cleared.override is None


def test_the_client_confidence_sets_the_threshold_of_its_tests(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id, type=CampaignType.PROMO)
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(clicks=300), variant="A")
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(clicks=345), variant="B")
    assert stats_of(workspace, campaign_id).ab.tested_winner is None  # type: ignore[union-attr]

    with workspace.session() as session:
        assert service.set_confidence(session, client_id, 0.9)[0] == 0.95
    ab = stats_of(workspace, campaign_id).ab
    assert ab is not None and ab.confidence == 0.9 and ab.tested_winner == "B"
    for wrong in (0.5, 1.0, 1.2):
        with pytest.raises(ValidationError), workspace.session() as session:
            service.set_confidence(session, client_id, wrong)
    with pytest.raises(NotFound), workspace.session() as session:
        service.set_confidence(session, 999, 0.9)


def test_the_decisions_are_kept_and_the_previous_text_returned_for_undo(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    with workspace.session() as session:
        assert service.set_decisions(session, campaign_id, "Relance à J+3.")[0] == ""
    with workspace.session() as session:
        assert service.set_decisions(session, campaign_id, "Tester l'objet.")[0] == "Relance à J+3."
    assert stats_of(workspace, campaign_id).decisions == "Tester l'objet."


def test_apple_opens_in_the_domain_breakdown_flag_the_campaign(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(opens=2_500))
    assert not stats_of(workspace, campaign_id).privacy_inflated
    with workspace.session() as session:
        session.add_all(
            [
                StatBreakdown(
                    campaign_id=campaign_id,
                    variant="",
                    dimension="domain",
                    key=key,
                    delivered=delivered,
                    opens=opens,
                )
                for key, delivered, opens in [
                    ("gmail.com", 5_000, 1_000),
                    ("other", 4_100, 1_000),
                    ("icloud", 700, 600),
                ]
            ]
            + [
                StatBreakdown(
                    campaign_id=campaign_id, variant="", dimension="hour", key=str(h), opens=10 - h
                )
                for h in (10, 2, 0)
            ]
        )

    stats = stats_of(workspace, campaign_id)

    assert stats.privacy_inflated
    assert [d.key for d in stats.domains] == ["gmail.com", "icloud", "other"]
    assert [h.key for h in stats.hours] == ["0", "2", "10"]


# --- relance ---------------------------------------------------------------------------------


def test_a_relance_follows_the_sent_campaign_to_its_non_openers_three_days_later(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    parent = sent_campaign(
        workspace,
        client_id,
        type=CampaignType.PROMO,
        name="Offre de printemps",
        subject="-40 % sur tous nos magazines",
        esp="Brevo",
        segment_ids=tuple(segment_ids),
    )
    save(workspace, parent, SEND + timedelta(days=5), figures(opens=2_500))

    with workspace.session() as session:
        relance_id, changes = service.create_relance(session, parent)
        relance = campaigns.load(session, relance_id)
    assert changes.campaigns and changes.campaign_ids == {relance_id}

    assert relance.type is CampaignType.RELANCE and relance.status is CampaignStatus.DRAFT
    assert relance.parent_id == parent and relance.client_id == client_id
    assert relance.segment_ids == tuple(sorted(segment_ids))
    assert relance.volume == 9_800 - 2_500
    assert relance.subject == "-40 % sur tous nos magazines" and relance.esp == "Brevo"
    assert (relance.send_date, relance.send_time) == (SEND + timedelta(days=3), time(10, 0))
    assert "Offre de printemps" in relance.name


def test_a_relance_can_be_planned_at_another_time_and_without_figures_has_no_volume(
    workspace: Workspace, client_id: int
) -> None:
    parent = sent_campaign(workspace, client_id)
    at = local_to_instant(SEND + timedelta(days=2), time(18, 0), "Europe/Paris")
    with workspace.session() as session:
        relance = campaigns.load(session, service.create_relance(session, parent, send_at=at)[0])
    assert (relance.send_date, relance.send_time, relance.volume) == (
        SEND + timedelta(days=2),
        time(18, 0),
        None,
    )


def test_only_a_sent_email_gets_a_relance(workspace: Workspace, client_id: int) -> None:
    planned = plan(workspace, client_id, SEND, status=CampaignStatus.SCHEDULED)
    sms = sent_campaign(workspace, client_id, channel=Channel.SMS)
    for campaign_id, code in [(planned, "relance_not_sent"), (sms, "relance_not_email")]:
        with pytest.raises(ValidationError) as refused, workspace.session() as session:
            service.create_relance(session, campaign_id)
        assert [p.code for p in refused.value.problems] == [code]
    with pytest.raises(NotFound), workspace.session() as session:
        service.create_relance(session, 999)


# --- the client stats page -------------------------------------------------------------------


def test_the_heat_map_places_each_send_on_the_client_clock(workspace: Workspace) -> None:
    with workspace.session() as session:
        client_id, _ = clients.create_client(session, "Île Bourbon", timezone="Indian/Reunion")
    # 10:00 in Paris in November is 13:00 in Réunion (UTC+4).
    tuesday = sent_campaign(workspace, client_id, SEND, name="Mardi")
    other = sent_campaign(workspace, client_id, SEND + timedelta(days=7), name="Mardi 2")
    friday = sent_campaign(workspace, client_id, date(2026, 11, 13), at=time(8), name="Vendredi")
    save(workspace, tuesday, SEND + timedelta(days=5), figures(opens=2_000, clicks=200))
    save(workspace, other, SEND + timedelta(days=8), figures(opens=3_000, clicks=400))
    save(workspace, friday, date(2026, 11, 14), figures(opens=4_900, clicks=490))

    with workspace.reader() as session:
        stats = service.client_stats(session, client_id, today=TODAY)

    assert stats.heat_counts[1][13] == 2 and stats.heat_counts[4][11] == 1
    assert sum(map(sum, stats.heat_counts)) == 3
    assert stats.open_heat[1][13] == pytest.approx((2_000 + 3_000) / 2 / 9_800)
    assert stats.click_heat[4][11] == pytest.approx(490 / 9_800)
    assert stats.open_heat[0][0] is None
    assert [p.campaign_name for p in stats.trend] == ["Mardi", "Vendredi", "Mardi 2"]
    assert stats.trend[1].privacy_inflated  # 50 % opens
    averages = {k.key: k for k in stats.averages}
    assert averages["open_rate"].campaigns_averaged == 3
    assert averages["open_rate"].value == pytest.approx((2_000 + 3_000 + 4_900) / 3 / 9_800)


def test_weekly_sends_per_segment_count_planned_campaigns_but_not_automations(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    active, inactive = segment_ids  # by name: "Abonnés actifs", "Inactifs"
    monday = date(2026, 11, 23)
    plan(workspace, client_id, monday, segment_ids=(active,))
    plan(workspace, client_id, monday + timedelta(days=4), segment_ids=(active, inactive))
    plan(workspace, client_id, monday + timedelta(days=6), at=time(23), segment_ids=(active,))
    plan(workspace, client_id, monday + timedelta(days=14), segment_ids=(inactive,))
    plan(
        workspace,
        client_id,
        monday + timedelta(days=1),
        segment_ids=(active,),
        type=CampaignType.AUTOMATION,
    )
    sent_campaign(workspace, client_id, monday - timedelta(days=70), segment_ids=(inactive,))

    with workspace.reader() as session:
        stats = service.client_stats(session, client_id, today=monday + timedelta(days=2))
        only = service.client_stats(session, client_id, segment_id=inactive, today=monday)

    counts = {(w.segment_id, w.week_start): w.sends for w in stats.weekly}
    weeks = sorted({w.week_start for w in stats.weekly})
    assert len(weeks) == service.WEEKS_BEFORE + service.WEEKS_AFTER
    assert weeks[service.WEEKS_BEFORE - 1] == monday and all(w.weekday() == 0 for w in weeks)
    assert counts[active, monday] == 3 and counts[inactive, monday] == 1
    assert counts[inactive, monday + timedelta(days=14)] == 1
    assert counts[inactive, monday - timedelta(days=70)] == 1
    assert sum(counts.values()) == 6
    assert stats.pressure_cap == 2
    assert [name for _, name in stats.segments] == ["Abonnés actifs", "Inactifs"]
    assert {w.segment_id for w in only.weekly} == {inactive}


def test_the_segment_filter_keeps_the_trend_of_that_segment(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    active, inactive = segment_ids
    for segment, opens in [(active, 2_000), (inactive, 1_000)]:
        campaign_id = sent_campaign(workspace, client_id, segment_ids=(segment,))
        save(workspace, campaign_id, SEND + timedelta(days=5), figures(opens=opens))

    with workspace.reader() as session:
        everything = service.client_stats(session, client_id, today=TODAY)
        inactive_only = service.client_stats(session, client_id, segment_id=inactive, today=TODAY)

    assert len(everything.trend) == 2
    assert [p.segment_ids for p in inactive_only.trend] == [(inactive,)]
    assert inactive_only.trend[0].open_rate == pytest.approx(1_000 / 9_800)
    with pytest.raises(NotFound), workspace.reader() as session:
        service.client_stats(session, 999, today=TODAY)


def test_the_client_stats_of_a_thousand_campaigns_take_well_under_a_second(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    rng = random.Random(7)
    rows: list[dict[str, object]] = []
    for n in range(1_000):
        day = TODAY - timedelta(days=1 + n * 360 // 1_000)
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
            }
        )
    with workspace.session() as session:  # in bulk, as the demo writes its year of campaigns
        session.execute(insert(Campaign.__table__), rows)
        session.execute(
            insert(campaign_segments),
            [
                {"campaign_id": r["id"], "segment_id": segment_ids[n % 2]}
                for n, r in enumerate(rows)
            ],
        )
        write_demo_stats(session, rows, TODAY, rng)
        assert len(session.scalars(select(StatSnapshot.id)).all()) > 2_000

    with workspace.reader() as session:
        service.client_stats(session, client_id, today=TODAY)  # warm the statement cache
        started = clock.perf_counter()
        stats = service.client_stats(session, client_id, today=TODAY)
        elapsed = clock.perf_counter() - started
    print(f"client_stats over 1,000 campaigns: {elapsed * 1000:.0f} ms")

    assert len(stats.trend) == 1_000
    assert sum(map(sum, stats.heat_counts)) == 1_000
    assert elapsed < 1.0


def test_as_json_is_plain_json_with_the_verdict_and_the_targets(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id, type=CampaignType.PROMO)
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(clicks=300), variant="A")
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(clicks=420), variant="B")
    with workspace.session() as session:
        service.override_winner(session, campaign_id, "A", by="Camille", reason="Visuel")
        targets = service.brief_targets(session, campaign_id)
        document = service.as_json(service.campaign_stats(session, campaign_id), targets)

    again = json.loads(json.dumps(document))
    assert again["campaign"]["id"] == campaign_id
    assert [k["key"] for k in again["kpis"]][:3] == ["delivery_rate", "open_rate", "click_rate"]
    assert again["ab"]["tested_winner"] == "B" and again["ab"]["winner"] == "A"
    assert again["ab"]["override"]["by"] == "Camille"
    assert [v["z"] is None for v in again["ab"]["variants"]] == [True, False]
    assert again["reference"]["revenue"] == 900.0
    assert again["brief_targets"]["open_rate_percent"] is None


def test_every_stats_write_says_it_changed_the_stats_of_its_campaign(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id, type=CampaignType.PROMO)
    day = SEND + timedelta(days=5)
    with workspace.session() as session:
        snapshot_id, saved = service.save_snapshot(
            session, campaign_id, day, figures(), variant="A"
        )
        service.save_snapshot(session, campaign_id, day, figures(clicks=320), variant="B")
        said = [
            saved,
            service.set_decisions(session, campaign_id, "Relancer.")[1],
            service.set_ab_metric(session, campaign_id, AbMetric.OPENS)[1],
            service.override_winner(session, campaign_id, "B", by="Camille")[1],
            service.delete_snapshot(session, snapshot_id)[1],
        ]
        confidence = service.set_confidence(session, client_id, 0.9)[1]
    for changes in said:
        assert changes.stats and changes.campaign_ids == {campaign_id}
        assert not changes.campaigns, "the campaign itself did not change"
    assert confidence.stats and not confidence.campaign_ids, "every campaign of the client"


# --- missing is not zero ---------------------------------------------------------------------


def kpi_of(stats: service.CampaignStats, key: str) -> service.Kpi:
    return next(k for k in stats.kpis if k.key == key)


def test_figures_not_given_are_stored_as_not_given_and_read_back_so(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = sent_campaign(workspace, client_id)
    save(workspace, campaign_id, SEND + timedelta(days=5), figures(conversions=None, revenue=None))
    with workspace.reader() as session:
        row = session.scalar(select(StatSnapshot))
        assert row is not None and (row.conversions, row.revenue) == (None, None)

    stats = stats_of(workspace, campaign_id)

    assert stats.reference is not None and stats.reference.conversions is None
    assert kpi_of(stats, "conversion_rate").value is None
    assert kpi_of(stats, "revenue_per_delivered").value is None
    assert kpi_of(stats, "click_rate").value is not None
    document = service.as_json(stats)
    assert document["reference"]["revenue"] is None
    assert {k["key"]: k["verdict"] for k in document["kpis"]}["conversion_rate"] == ""


def test_the_client_average_leaves_out_campaigns_without_conversions(
    workspace: Workspace, client_id: int
) -> None:
    tracked = sent_campaign(workspace, client_id, SEND - timedelta(days=21), name="Suivie")
    untracked = sent_campaign(workspace, client_id, SEND - timedelta(days=14), name="Sans suivi")
    judged = sent_campaign(workspace, client_id, name="Jugée")
    save(workspace, tracked, SEND - timedelta(days=16), figures(clicks=300, conversions=30))
    save(
        workspace,
        untracked,
        SEND - timedelta(days=9),
        figures(conversions=None, revenue=None),
    )
    save(workspace, judged, SEND + timedelta(days=5), figures())

    average = kpi_of(stats_of(workspace, judged), "conversion_rate")

    # 10 % over the one campaign that tracked conversions, not 5 % over two.
    assert (average.client_average, average.campaigns_averaged) == (pytest.approx(0.1), 1)


def test_a_client_that_never_tracked_conversions_has_no_average_conversion_rate(
    workspace: Workspace, client_id: int
) -> None:
    for weeks in (3, 2, 1):
        earlier = sent_campaign(
            workspace, client_id, SEND - timedelta(weeks=weeks), name=f"S-{weeks}"
        )
        save(
            workspace,
            earlier,
            SEND - timedelta(weeks=weeks) + timedelta(days=5),
            figures(conversions=None, revenue=None),
        )
    with workspace.reader() as session:
        found = service.client_stats(session, client_id, today=TODAY)

    averages = {k.key: k for k in found.averages}
    assert (averages["conversion_rate"].value, averages["conversion_rate"].campaigns_averaged) == (
        None,
        0,
    )
    assert averages["click_rate"].campaigns_averaged == 3


def test_the_demo_has_a_client_without_conversion_tracking(demo_workspace: Workspace) -> None:
    with demo_workspace.reader() as session:
        untracked = session.scalars(
            select(Client.name)
            .join(Campaign, Campaign.client_id == Client.id)
            .join(StatSnapshot, StatSnapshot.campaign_id == Campaign.id)
            .where(StatSnapshot.conversions.is_(None))
            .distinct()
        ).all()
        tracked = session.scalar(
            select(StatSnapshot.id).where(StatSnapshot.conversions.is_not(None)).limit(1)
        )
    assert untracked == ["Cycles Aubrac"]
    assert tracked is not None
