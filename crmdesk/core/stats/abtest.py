"""A/B tests: the two-proportion z-test that names a winner, and the sample size a test needs.

Only the standard library at run time (``statistics.NormalDist`` and ``math``): the formulas
are those of statsmodels' ``proportions_ztest`` (pooled variance) and ``NormalIndPower`` with
Cohen's h, which the tests hold these figures against.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

from crmdesk.core.stats.figures import AbResult, VariantResult

_NORMAL = NormalDist()
#: The power every sample size is planned at: a real lift is missed one test in five.
POWER = 0.8


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """The z statistic of rate ``x1/n1`` against ``x2/n2`` and its two-sided p-value.

    Pooled variance, as ``proportions_ztest([x1, x2], [n1, n2])``: under the hypothesis that
    both variants convert alike, the best estimate of that common rate uses every recipient.
    When both rates are 0 % (or both 100 %) there is no variance and no difference: (0, 1).
    """
    if n1 <= 0 or n2 <= 0:
        raise ValueError("each variant needs at least one recipient")
    if not (0 <= x1 <= n1 and 0 <= x2 <= n2):
        raise ValueError("successes must be between 0 and the recipients")
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return 0.0, 1.0
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    return z, 2 * _NORMAL.cdf(-abs(z))


def _power(h: float, n: float, crit: float) -> float:
    """Two-sided power of a test of effect ``h`` with ``n`` per group (both tails counted)."""
    shift = h * math.sqrt(n / 2)
    return _NORMAL.cdf(shift - crit) + _NORMAL.cdf(-shift - crit)


def sample_size(baseline: float, lift: float, confidence: float, power: float = POWER) -> int:
    """Recipients each variant needs to detect ``baseline`` → ``baseline × (1 + lift)``.

    ``confidence`` has no default on purpose: it must be the level the test itself is judged at
    (the client's setting), or the window would print a size planned at 95 % beside a verdict
    given at 80 %. ``compare`` and the stats window's planner both pass it.

    Two-sided at ``confidence``, equal groups, effect measured by Cohen's h (the arcsine
    difference, which makes a one-point lift from 2 % harder to see than from 50 %, as it is).
    Solves the same power equation as ``NormalIndPower().solve_power`` (both tails), rounded up:
    a test planned on it reaches at least ``power``.
    """
    target = baseline * (1 + lift)
    if not 0 < baseline < 1:
        raise ValueError("the baseline rate must be between 0 and 1")
    if lift == 0 or not 0 < target < 1:
        raise ValueError("the lift must move the rate to another value between 0 and 1")
    if not 0 < confidence < 1 or not 0 < power < 1:
        raise ValueError("confidence and power must be between 0 and 1")
    h = abs(2 * math.asin(math.sqrt(target)) - 2 * math.asin(math.sqrt(baseline)))
    crit = _NORMAL.inv_cdf(1 - (1 - confidence) / 2)
    # The textbook closed form ignores the far tail; it is a close upper bound to bisect from.
    high = 2 * ((crit + _NORMAL.inv_cdf(power)) / h) ** 2 + 1
    low = 1e-9
    if _power(h, low, crit) >= power:
        return 1
    while _power(h, high, crit) < power:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if _power(h, middle, crit) < power:
            low = middle
        else:
            high = middle
        if high - low < 1e-7:
            break
    # A solution a hair above an integer is float noise, not one more recipient.
    return max(1, math.ceil(high - 1e-6))


def compare(variants: Sequence[tuple[str, int, int]], confidence: float, metric: str) -> AbResult:
    """Each variant (name, successes, recipients) against the control, the first one.

    The verdict rests on the best rate against the runner-up: that pair is the closest call
    among those the best could lose, so if it is significant at ``confidence`` the best variant
    wins. The sample size says how many recipients per variant the observed lift would need at
    ``POWER``, at the same ``confidence`` as the verdict, so a close call tells the operator how
    big the next test must be.
    """
    if len(variants) < 2:
        raise ValueError("an A/B test needs at least two variants")
    if not 0 < confidence < 1:
        raise ValueError("the confidence must be between 0 and 1")
    for name, successes, recipients in variants:
        if not 0 <= successes <= recipients:
            raise ValueError(f"variant {name}: successes must be between 0 and the recipients")
    rates = [(s / n if n > 0 else 0.0) for _, s, n in variants]
    _, control_successes, control_recipients = variants[0]
    results: list[VariantResult] = []
    for index, (name, successes, recipients) in enumerate(variants):
        z: float | None = None
        p: float | None = None
        if index > 0 and recipients > 0 and control_recipients > 0:
            z, p = two_proportion_z(successes, recipients, control_successes, control_recipients)
        results.append(VariantResult(name, recipients, successes, rates[index], z, p))

    ranked = sorted(
        (i for i, (_, _, n) in enumerate(variants) if n > 0), key=lambda i: (-rates[i], i)
    )
    tested_winner: str | None = None
    p_value: float | None = None
    needed: int | None = None
    if len(ranked) >= 2:
        best, runner_up = ranked[0], ranked[1]
        _, best_x, best_n = variants[best]
        _, runner_x, runner_n = variants[runner_up]
        _, p_value = two_proportion_z(best_x, best_n, runner_x, runner_n)
        if rates[best] > rates[runner_up] and p_value < 1 - confidence:
            tested_winner = variants[best][0]
        base = rates[runner_up]
        if rates[best] > base > 0 and rates[best] < 1:
            needed = sample_size(base, rates[best] / base - 1, confidence)
    return AbResult(
        metric=metric,
        confidence=confidence,
        variants=tuple(results),
        tested_winner=tested_winner,
        p_value=p_value,
        sample_size_needed=needed,
    )
