"""The KPIs of a campaign computed from its figures, the rules typed figures must follow, and
the sign that privacy proxies (Apple Mail Privacy Protection) inflate its opens.

Rates are fractions (0.25, not 25) and None when a figure they need was not given or their
denominator is 0, so a campaign without conversion tracking shows "—" rather than a misleading
0 %: None is "cannot be said", never "zero".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from crmdesk.core.errors import FieldProblem
from crmdesk.core.stats.figures import COUNT_FIELDS, Breakdown, Figures

KPI_KEYS: tuple[str, ...] = (
    "delivery_rate",
    "open_rate",
    "click_rate",
    "ctor",
    "unsubscribe_rate",
    "hard_bounce_rate",
    "soft_bounce_rate",
    "complaint_rate",
    "conversion_rate",
    "revenue_per_delivered",
)

#: The KPIs where less is better (a bounce or a complaint), for colouring against targets;
#: "bounce_rate" is a mailbox provider's in the per-domain breakdown.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {"unsubscribe_rate", "hard_bounce_rate", "soft_bounce_rate", "complaint_rate", "bounce_rate"}
)
#: A mailbox provider bouncing more than this share of the emails sent to it is filtering them:
#: the deliverability chart reds it, judged by ``verdict`` like every other KPI.
BOUNCE_ALARM = 0.02

#: The small rates whose differences print to hundredths of a point (0.01 pt); the other rates
#: print to tenths (0.1 pt), the revenue per email to the tenth of a cent (0.001 €).
FINE_KPI_KEYS: frozenset[str] = frozenset(
    {"complaint_rate", "unsubscribe_rate", "hard_bounce_rate", "soft_bounce_rate"}
)


def decimals(key: str) -> int:
    """How many decimals KPI ``key`` is printed with, everywhere (window, PDF, CLI): two for
    the small rates of ``FINE_KPI_KEYS`` (in percent), three for the revenue per email (in
    euros), one otherwise — so the client reads the same figure on screen and on paper."""
    if key == "revenue_per_delivered":
        return 3
    return 2 if key in FINE_KPI_KEYS else 1


def printed_unit(key: str) -> float:
    """The smallest difference of KPI ``key`` the reports print: 0.0001 (0.01 pt) for
    ``FINE_KPI_KEYS``, 0.001 otherwise (0.1 pt, or 0.001 € for the revenue per email)."""
    return 0.0001 if key in FINE_KPI_KEYS else 0.001


def verdict(key: str, value: float | None, reference: float | None) -> str:
    """ "good" or "bad" for KPI ``key`` against a reference (its target, the client's average,
    the previous quarter); "" when either is missing or their difference is under half a
    printed unit (it would print as ±0), so a campaign is never coloured for noise.

    The one rule of the stats window's KPI table, the reports and ``crmdesk stats``.
    """
    if value is None or reference is None:
        return ""
    difference = value - reference
    if abs(difference) < printed_unit(key) / 2:
        return ""
    better = difference < 0 if key in LOWER_IS_BETTER else difference > 0
    return "good" if better else "bad"


#: Each KPI as (numerator, denominator) fields of ``Figures``: the one definition
#: ``kpi_values`` and ``pooled_values`` both read.
KPI_RATIOS: dict[str, tuple[str, str]] = {
    "delivery_rate": ("delivered", "sent"),
    "open_rate": ("unique_opens", "delivered"),
    "click_rate": ("unique_clicks", "delivered"),
    "ctor": ("unique_clicks", "unique_opens"),
    "unsubscribe_rate": ("unsubscribes", "delivered"),
    "hard_bounce_rate": ("hard_bounces", "sent"),
    "soft_bounce_rate": ("soft_bounces", "sent"),
    "complaint_rate": ("complaints", "delivered"),
    "conversion_rate": ("conversions", "unique_clicks"),
    "revenue_per_delivered": ("revenue", "delivered"),
}


def _number(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


def bounce_alarm(rate: float | None) -> bool:
    """Whether a mailbox provider's bounce rate is over ``BOUNCE_ALARM``, by ``verdict`` (so a
    rate that prints as 2.0 % is not red beside a 2 % line)."""
    return verdict("bounce_rate", rate, BOUNCE_ALARM) == "bad"


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``; None when either was not given or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def kpi_values(f: Figures) -> dict[str, float | None]:
    """Every KPI of ``f``, keyed and ordered as ``KPI_KEYS``; None where a figure it needs was
    not given (no conversions column: no conversion rate) or its denominator is 0.

    Opens, clicks, unsubscribes, complaints and revenue are read against the emails delivered
    (what the readers could act on); bounces against those sent (what failed to arrive). The
    conversion rate is the share of clickers who bought: ESPs only see a conversion through the
    tracked click that led to it.
    """
    return {
        key: _ratio(_number(getattr(f, num)), _number(getattr(f, den)))
        for key, (num, den) in KPI_RATIOS.items()
    }


def missing_for(key: str, f: Figures | None) -> tuple[str, ...]:
    """The figures of ``f`` KPI ``key`` needs but were not given (("conversions",) for a
    conversion rate without tracking): why the KPI is None, for the window to say so. Empty
    when the KPI is known, or is None only because its denominator is 0."""
    if f is None:
        return ()
    return tuple(name for name in KPI_RATIOS[key] if getattr(f, name) is None)


def pooled_values(parts: Iterable[Figures]) -> dict[str, float | None]:
    """Every KPI of several campaigns pooled (a quarter): each KPI sums its numerator and its
    denominator over the campaigns that give both, so a campaign without conversion tracking
    neither lowers the quarter's conversion rate nor counts its clicks against it. None for a
    KPI no campaign can tell."""
    found = list(parts)
    values: dict[str, float | None] = {}
    for key, (num, den) in KPI_RATIOS.items():
        numerator = 0.0
        denominator = 0.0
        for f in found:
            top, bottom = _number(getattr(f, num)), _number(getattr(f, den))
            if top is not None and bottom is not None:
                numerator += top
                denominator += bottom
        values[key] = _ratio(numerator, denominator)
    return values


def averages(campaigns: Iterable[dict[str, float | None]]) -> dict[str, tuple[float | None, int]]:
    """The mean of each KPI over campaigns (their ``kpi_values``) and how many it is over.

    Each campaign weighs the same, as in the client's own spreadsheets; a campaign where the KPI
    cannot be said (conversions never given) is left out, not counted as 0, so the client's
    average conversion rate is that of the campaigns that tracked conversions.
    """
    sums = dict.fromkeys(KPI_KEYS, 0.0)
    counts = dict.fromkeys(KPI_KEYS, 0)
    for values in campaigns:
        for key, value in values.items():
            if value is not None and key in sums:
                sums[key] += value
                counts[key] += 1
    return {k: (sums[k] / counts[k] if counts[k] else None, counts[k]) for k in KPI_KEYS}


def validate(f: Figures) -> list[FieldProblem]:
    """What is impossible in ``f``, one problem per field (the first rule it breaks).

    An ESP never reports more opens than deliveries; when typed figures do, a digit slipped, and
    every KPI read from them would be wrong. ``field`` is the ``Figures`` field to highlight.
    """
    problems: dict[str, FieldProblem] = {}

    def refuse(name: str, code: str, message: str) -> None:
        problems.setdefault(name, FieldProblem(name, code, message))

    def over(more: int | None, than: int | None) -> bool:
        return more is not None and than is not None and more > than

    for name in COUNT_FIELDS:
        value = getattr(f, name)
        if value is not None and value < 0:
            refuse(name, "negative", f"{name.replace('_', ' ').capitalize()} cannot be negative.")
    if f.revenue is not None and f.revenue < 0:
        refuse("revenue", "negative", "Revenue cannot be negative.")
    if f.sent <= 0 and "sent" not in problems:
        refuse("sent", "sent_zero", "A campaign's figures need at least one email sent.")
    # A rule between two figures holds only when both were given: nothing to compare otherwise.
    if f.delivered is not None and f.delivered > f.sent:
        refuse("delivered", "delivered_over_sent", "More emails delivered than sent.")
    if (f.hard_bounces or 0) + (f.soft_bounces or 0) > f.sent:
        field_name = "hard_bounces" if f.hard_bounces is not None else "soft_bounces"
        refuse(field_name, "bounces_over_sent", "More bounces than emails sent.")
    if over(f.unique_opens, f.delivered):
        refuse("unique_opens", "opens_over_delivered", "More unique opens than emails delivered.")
    if over(f.unique_opens, f.total_opens):
        refuse("total_opens", "total_under_unique", "Fewer total opens than unique opens.")
    if over(f.unique_clicks, f.delivered):
        refuse(
            "unique_clicks", "clicks_over_delivered", "More unique clicks than emails delivered."
        )
    if over(f.unique_clicks, f.total_clicks):
        refuse("total_clicks", "total_under_unique", "Fewer total clicks than unique clicks.")
    if over(f.unsubscribes, f.delivered):
        refuse(
            "unsubscribes",
            "unsubscribes_over_delivered",
            "More unsubscribes than emails delivered.",
        )
    if over(f.complaints, f.delivered):
        refuse("complaints", "complaints_over_delivered", "More complaints than emails delivered.")
    return list(problems.values())


#: Apple Mail Privacy Protection (since September 2021) fetches every image of every email sent
#: to an Apple Mail user, so each one counts as opened whether read or not. Before it, French
#: B2C newsletters opened at 20–30 %; a unique open rate at or above this is the proxies' mark.
MPP_OPEN_RATE = 0.40
#: Opens somewhat high (above this) while few openers click (CTOR under ``MPP_LOW_CTOR``):
#: machine opens dilute the click-to-open rate.
MPP_HIGH_OPEN_RATE = 0.30
MPP_LOW_CTOR = 0.05
#: The Apple mailbox group of a per-domain breakdown: nearly every icloud.com, me.com and
#: mac.com address reads in Apple Mail, so an open rate this high there is the proxy at work...
MPP_APPLE_OPEN_RATE = 0.75
#: ...once the group is large enough for its rate to mean something.
MPP_APPLE_MIN_DELIVERED = 100
APPLE_DOMAIN_KEYS = frozenset({"icloud", "icloud.com", "me.com", "mac.com"})


def privacy_inflated(f: Figures, domains: Sequence[Breakdown] = ()) -> bool:
    """Whether ``f``'s opens look inflated by privacy proxies, so click-based KPIs should lead.

    The rule, any of:

    1. the per-domain breakdown has an Apple group (icloud) of at least 100 delivered emails
       opened at 75 % or more — people do not open 3 emails in 4, Apple's proxy does;
    2. the unique open rate is 40 % or more — above what French B2C lists reached before MPP;
    3. the open rate is 30 % or more while fewer than 5 % of openers click — opens grew without
       the clicks that real reading brings.

    Without deliveries (or without opens given) nothing can be said: False.
    """
    for row in domains:
        if (
            row.dimension == "domain"
            and row.key.casefold() in APPLE_DOMAIN_KEYS
            and row.delivered >= MPP_APPLE_MIN_DELIVERED
            and row.opens / row.delivered >= MPP_APPLE_OPEN_RATE
        ):
            return True
    open_rate = _ratio(_number(f.unique_opens), _number(f.delivered))
    if open_rate is None:  # no deliveries, or opens not given: nothing can be said
        return False
    if open_rate >= MPP_OPEN_RATE:
        return True
    ctor = _ratio(_number(f.unique_clicks), _number(f.unique_opens))
    return open_rate >= MPP_HIGH_OPEN_RATE and ctor is not None and ctor < MPP_LOW_CTOR
