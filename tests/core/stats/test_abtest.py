"""The A/B test held against statsmodels: the z-test, the sample size, and the verdict."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

from crmdesk.core.stats.abtest import compare, sample_size, two_proportion_z

Z_GRID = [
    (120, 1_000, 90, 1_000),
    (90, 1_000, 120, 1_000),
    (31, 1_000, 30, 1_000),
    (612, 20_000, 540, 20_000),
    (1, 50, 6, 60),
    (0, 400, 7, 380),
    (2_450, 9_800, 2_390, 9_750),
    (5, 5, 3, 9),
    (480, 12_000, 430, 11_000),
    (3_000, 100_000, 3_210, 100_500),
]


@pytest.mark.parametrize(("x1", "n1", "x2", "n2"), Z_GRID)
def test_the_z_test_gives_the_same_z_and_p_as_statsmodels(
    x1: int, n1: int, x2: int, n2: int
) -> None:
    z, p = two_proportion_z(x1, n1, x2, n2)
    ref_z, ref_p = proportions_ztest([x1, x2], [n1, n2])

    assert z == pytest.approx(float(ref_z), rel=1e-9, abs=1e-12)
    assert p == pytest.approx(float(ref_p), rel=1e-9, abs=1e-15)


def test_a_known_textbook_case() -> None:
    # 12 % against 9 % on 1,000 recipients each: z ≈ 2.19, significant at 95 % (p ≈ 0.029).
    z, p = two_proportion_z(120, 1_000, 90, 1_000)
    assert z == pytest.approx(2.1883, abs=1e-4)
    assert p == pytest.approx(0.02865, abs=1e-5)


def test_rates_without_variance_show_no_difference() -> None:
    assert two_proportion_z(0, 500, 0, 400) == (0.0, 1.0)
    assert two_proportion_z(300, 300, 20, 20) == (0.0, 1.0)


def test_the_z_test_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError):
        two_proportion_z(1, 0, 1, 10)
    with pytest.raises(ValueError):
        two_proportion_z(11, 10, 1, 10)


SIZE_GRID = [
    (baseline, lift, confidence, power)
    for baseline in (0.005, 0.02, 0.03, 0.1, 0.25, 0.45)
    for lift in (-0.2, 0.05, 0.1, 0.3, 1.0)
    for confidence in (0.9, 0.95, 0.99)
    for power in (0.8, 0.9)
]


@pytest.mark.parametrize(("baseline", "lift", "confidence", "power"), SIZE_GRID)
def test_the_sample_size_is_that_of_statsmodels_normal_ind_power(
    baseline: float, lift: float, confidence: float, power: float
) -> None:
    effect = proportion_effectsize(baseline * (1 + lift), baseline)
    expected = math.ceil(
        NormalIndPower().solve_power(effect_size=effect, alpha=1 - confidence, power=power, ratio=1)
    )

    assert sample_size(baseline, lift, confidence, power) == expected


def test_a_small_lift_on_a_low_click_rate_needs_a_big_list() -> None:
    # 3 % → 3.3 % clicks: tens of thousands per variant, more than most demo segments.
    assert 40_000 < sample_size(0.03, 0.10, 0.95) < 60_000
    assert sample_size(0.03, 0.10, confidence=0.99) > sample_size(0.03, 0.10, 0.95)


@pytest.mark.parametrize(
    ("baseline", "lift", "confidence", "power"),
    [(0, 0.1, 0.95, 0.8), (1, -0.1, 0.95, 0.8), (0.6, 1.0, 0.95, 0.8), (0.1, 0, 0.95, 0.8),
     (0.1, 0.1, 1, 0.8), (0.1, 0.1, 0.95, 0)],
)  # fmt: skip
def test_the_sample_size_refuses_impossible_plans(
    baseline: float, lift: float, confidence: float, power: float
) -> None:
    with pytest.raises(ValueError):
        sample_size(baseline, lift, confidence, power)


def test_a_clear_difference_names_the_winner_against_the_control() -> None:
    result = compare([("A", 300, 10_000), ("B", 380, 10_000)], 0.95, "clicks")

    control, challenger = result.variants
    assert (control.variant, control.z, control.p_value) == ("A", None, None)
    assert control.rate == pytest.approx(0.03)
    ref_z, ref_p = proportions_ztest([380, 300], [10_000, 10_000])
    assert challenger.z == pytest.approx(float(ref_z))
    assert challenger.p_value == pytest.approx(float(ref_p))
    assert result.tested_winner == "B" and result.winner == "B"
    assert result.p_value == pytest.approx(float(ref_p))
    assert result.sample_size_needed == sample_size(0.03, 380 / 300 - 1, 0.95)


def test_a_difference_within_chance_names_no_winner() -> None:
    result = compare([("A", 300, 10_000), ("B", 310, 10_000)], 0.95, "clicks")

    assert result.tested_winner is None and result.winner is None
    assert result.p_value is not None and result.p_value > 0.05
    assert result.sample_size_needed is not None and result.sample_size_needed > 10_000


def test_the_client_threshold_decides_a_close_call() -> None:
    variants = [("A", 300, 10_000), ("B", 345, 10_000)]  # p ≈ 0.07
    assert compare(variants, 0.95, "clicks").tested_winner is None
    assert compare(variants, 0.90, "clicks").tested_winner == "B"


def test_the_control_can_win_and_the_runner_up_is_the_reference_of_three_variants() -> None:
    result = compare([("A", 500, 10_000), ("B", 300, 10_000), ("C", 470, 10_000)], 0.95, "opens")

    assert result.metric == "opens"
    # A beats B clearly but not C: the verdict rests on the closest call.
    assert result.tested_winner is None
    _, p = two_proportion_z(500, 10_000, 470, 10_000)
    assert result.p_value == pytest.approx(p)


def test_a_variant_without_recipients_takes_no_part_in_the_verdict() -> None:
    result = compare([("A", 300, 10_000), ("B", 0, 0)], 0.95, "clicks")

    assert result.variants[1].z is None and result.variants[1].rate == 0.0
    assert result.tested_winner is None and result.p_value is None


def test_compare_refuses_a_single_variant_or_impossible_counts() -> None:
    with pytest.raises(ValueError):
        compare([("A", 1, 10)], 0.95, "clicks")
    with pytest.raises(ValueError):
        compare([("A", 11, 10), ("B", 1, 10)], 0.95, "clicks")
