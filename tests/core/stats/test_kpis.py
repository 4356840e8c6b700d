"""KPI formulas on figures computed by hand, the rules typed figures follow, the MPP flag."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crmdesk.core.stats import kpis
from crmdesk.core.stats.figures import Breakdown, Figures
from crmdesk.core.stats.kpis import (
    FINE_KPI_KEYS,
    KPI_KEYS,
    LOWER_IS_BETTER,
    averages,
    kpi_values,
    missing_for,
    pooled_values,
    printed_unit,
    privacy_inflated,
    validate,
    verdict,
)

#: A D+5 newsletter: 10,000 sent, 200 bounced, 2,450 opened, 294 clicked, 12 bought for 540 €.
NEWSLETTER = Figures(
    sent=10_000,
    delivered=9_800,
    hard_bounces=50,
    soft_bounces=150,
    unique_opens=2_450,
    total_opens=3_900,
    unique_clicks=294,
    total_clicks=410,
    unsubscribes=49,
    complaints=2,
    conversions=12,
    revenue=Decimal("540.00"),
)


def test_each_kpi_of_a_newsletter_matches_the_hand_computed_value() -> None:
    values = kpi_values(NEWSLETTER)

    assert list(values) == list(KPI_KEYS)
    assert values == pytest.approx(
        {
            "delivery_rate": 0.98,  # 9,800 / 10,000
            "open_rate": 0.25,  # 2,450 / 9,800
            "click_rate": 0.03,  # 294 / 9,800
            "ctor": 0.12,  # 294 / 2,450
            "unsubscribe_rate": 0.005,  # 49 / 9,800
            "hard_bounce_rate": 0.005,  # 50 / 10,000
            "soft_bounce_rate": 0.015,  # 150 / 10,000
            "complaint_rate": 2 / 9_800,
            "conversion_rate": 12 / 294,  # the share of clickers who bought
            "revenue_per_delivered": 540 / 9_800,
        }
    )


def test_a_kpi_whose_denominator_is_zero_is_none_not_zero() -> None:
    values = kpi_values(Figures(sent=100, delivered=0, hard_bounces=100, total_opens=0))

    assert values["delivery_rate"] == 0.0
    assert values["hard_bounce_rate"] == 1.0
    assert values["open_rate"] is None
    assert values["ctor"] is None
    assert values["conversion_rate"] is None
    assert values["revenue_per_delivered"] is None
    assert all(v is None for v in kpi_values(Figures()).values())


def test_consistent_figures_pass_validation() -> None:
    assert validate(NEWSLETTER) == []
    # An export without total opens gives total = unique: allowed.
    assert validate(NEWSLETTER.with_values(total_opens=2_450, total_clicks=294)) == []


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"sent": 0, "delivered": 0, "hard_bounces": 0, "soft_bounces": 0}, "sent", "sent_zero"),
        ({"unsubscribes": -1}, "unsubscribes", "negative"),
        ({"revenue": Decimal("-0.01")}, "revenue", "negative"),
        ({"delivered": 10_001}, "delivered", "delivered_over_sent"),
        ({"hard_bounces": 6_000, "soft_bounces": 4_001}, "hard_bounces", "bounces_over_sent"),
        ({"unique_opens": 9_801, "total_opens": 9_900}, "unique_opens", "opens_over_delivered"),
        ({"total_opens": 2_449}, "total_opens", "total_under_unique"),
        ({"unique_clicks": 9_801, "total_clicks": 9_900}, "unique_clicks", "clicks_over_delivered"),
        ({"total_clicks": 293}, "total_clicks", "total_under_unique"),
        ({"unsubscribes": 9_801}, "unsubscribes", "unsubscribes_over_delivered"),
        ({"complaints": 9_801}, "complaints", "complaints_over_delivered"),
    ],
)
def test_impossible_figures_name_the_field_to_correct(
    changes: dict[str, int | Decimal], field: str, code: str
) -> None:
    problems = validate(NEWSLETTER.with_values(**changes))

    assert (field, code) in [(p.field, p.code) for p in problems]
    assert all(p.message for p in problems)


def test_several_mistakes_are_reported_together_once_per_field() -> None:
    problems = validate(NEWSLETTER.with_values(delivered=-5, unique_opens=20_000, complaints=-1))

    fields = [p.field for p in problems]
    assert len(fields) == len(set(fields))
    assert {"delivered", "unique_opens", "complaints"} <= set(fields)


def test_opens_of_forty_percent_or_more_are_flagged_as_privacy_inflated() -> None:
    assert not privacy_inflated(NEWSLETTER)  # 25 % opens, 12 % CTOR: people reading
    assert privacy_inflated(NEWSLETTER.with_values(unique_opens=3_920, total_opens=5_000))


def test_high_opens_with_few_clickers_are_flagged() -> None:
    # 32 % opens but only 3.8 % of openers click: opens grew without reading.
    machine = NEWSLETTER.with_values(unique_opens=3_136, total_opens=4_000, unique_clicks=120)
    assert privacy_inflated(machine)
    # The same opens with a healthy CTOR are not.
    assert not privacy_inflated(machine.with_values(unique_clicks=400, total_clicks=500))


def test_an_apple_group_opened_at_three_in_four_flags_the_campaign() -> None:
    icloud = Breakdown("domain", "icloud", delivered=700, opens=602)
    assert privacy_inflated(NEWSLETTER, [Breakdown("domain", "gmail.com", 2_000, 0, 400), icloud])
    # Too small a group says nothing; a low Apple open rate neither.
    assert not privacy_inflated(NEWSLETTER, [Breakdown("domain", "icloud", delivered=40, opens=39)])
    assert not privacy_inflated(
        NEWSLETTER, [Breakdown("domain", "icloud", delivered=700, opens=200)]
    )


def test_no_deliveries_is_never_flagged() -> None:
    assert not privacy_inflated(Figures(sent=10, hard_bounces=10))


@pytest.mark.parametrize(
    ("key", "value", "reference", "expected"),
    [
        # missing on either side: no verdict
        ("open_rate", None, 0.25, ""),
        ("open_rate", 0.25, None, ""),
        ("open_rate", None, None, ""),
        # rates print to 0.1 pt: under half of it (0.05 pt) is level, either way
        ("open_rate", 0.25, 0.25, ""),
        ("open_rate", 0.2504, 0.25, ""),
        ("open_rate", 0.2496, 0.25, ""),
        ("open_rate", 0.2506, 0.25, "good"),
        ("open_rate", 0.2494, 0.25, "bad"),
        ("click_rate", 0.04, 0.03, "good"),
        ("ctor", 0.10, 0.12, "bad"),
        ("delivery_rate", 0.981, 0.98, "good"),
        ("conversion_rate", 0.099, 0.1, "bad"),
        # lower is better, at the same 0.1 pt for soft bounces
        ("soft_bounce_rate", 0.008, 0.010, "good"),
        ("soft_bounce_rate", 0.01004, 0.010, ""),
        ("soft_bounce_rate", 0.012, 0.010, "bad"),
        # the fine rates print to 0.01 pt (0.0001): lower is better
        ("complaint_rate", 0.00104, 0.001, ""),
        ("complaint_rate", 0.0012, 0.001, "bad"),
        ("complaint_rate", 0.0008, 0.001, "good"),
        ("unsubscribe_rate", 0.00196, 0.002, ""),
        ("unsubscribe_rate", 0.0018, 0.002, "good"),
        ("hard_bounce_rate", 0.0122, 0.012, "bad"),
        ("hard_bounce_rate", 0.01204, 0.012, ""),
        # revenue per email prints to 0.001 €
        ("revenue_per_delivered", 0.1004, 0.1, ""),
        ("revenue_per_delivered", 0.1006, 0.1, "good"),
        ("revenue_per_delivered", 0.098, 0.1, "bad"),
    ],
)
def test_a_kpi_verdict_is_level_under_half_a_printed_unit(
    key: str, value: float | None, reference: float | None, expected: str
) -> None:
    assert verdict(key, value, reference) == expected


def test_the_printed_unit_is_a_hundredth_of_a_point_for_the_fine_rates_only() -> None:
    assert {k for k in KPI_KEYS if printed_unit(k) == 0.0001} == FINE_KPI_KEYS
    assert FINE_KPI_KEYS <= LOWER_IS_BETTER <= {*KPI_KEYS, "bounce_rate"}


# --- missing is not zero -----------------------------------------------------------------------

TRACKED = Figures(
    sent=10_000,
    delivered=9_800,
    hard_bounces=120,
    soft_bounces=80,
    unique_opens=2_450,
    total_opens=3_900,
    unique_clicks=300,
    total_clicks=410,
    unsubscribes=12,
    complaints=1,
    conversions=30,
    revenue=Decimal("1500.00"),
)
UNTRACKED = TRACKED.with_values(conversions=None, revenue=None)


def test_kpis_that_need_a_figure_not_given_are_none_not_zero() -> None:
    values = kpi_values(UNTRACKED)
    assert values["conversion_rate"] is None
    assert values["revenue_per_delivered"] is None
    assert values["click_rate"] == pytest.approx(300 / 9_800)
    assert missing_for("conversion_rate", UNTRACKED) == ("conversions",)
    assert missing_for("click_rate", UNTRACKED) == ()


def test_zero_conversions_given_are_a_zero_rate() -> None:
    assert kpi_values(TRACKED.with_values(conversions=0))["conversion_rate"] == 0.0


def test_averages_leave_out_the_campaigns_that_did_not_give_the_figure() -> None:
    found = averages([kpi_values(TRACKED), kpi_values(UNTRACKED)])
    assert found["conversion_rate"] == (pytest.approx(0.1), 1)
    assert found["click_rate"][1] == 2
    assert averages([kpi_values(UNTRACKED)])["conversion_rate"] == (None, 0)


def test_pooled_kpis_sum_only_the_campaigns_that_give_both_figures() -> None:
    pooled = pooled_values([TRACKED, UNTRACKED])
    # 30 conversions over the tracked campaign's 300 clicks, not over 600.
    assert pooled["conversion_rate"] == pytest.approx(0.1)
    assert pooled["revenue_per_delivered"] == pytest.approx(1500 / 9_800)
    assert pooled_values([UNTRACKED])["conversion_rate"] is None


def test_a_sum_leaves_out_what_was_not_given() -> None:
    total = TRACKED + UNTRACKED
    assert (total.conversions, total.revenue, total.sent) == (30, Decimal("1500.00"), 20_000)
    assert (UNTRACKED + UNTRACKED).conversions is None


def test_rules_between_figures_hold_only_when_both_are_given() -> None:
    assert validate(Figures(sent=1_000, unique_opens=400)) == []
    assert [p.code for p in validate(Figures(sent=1_000, delivered=900, unique_opens=950))] == [
        "opens_over_delivered"
    ]


def test_the_domain_bounce_alarm_is_the_verdict_against_two_percent() -> None:
    assert kpis.bounce_alarm(0.03)
    assert not kpis.bounce_alarm(0.0202)  # prints as 2.0 %: level, not red
    assert not kpis.bounce_alarm(None)
