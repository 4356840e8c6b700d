"""The KPIs of a campaign computed from its figures, the rules typed figures must follow, and
the sign that privacy proxies (Apple Mail Privacy Protection) inflate its opens.

Rates are fractions (0.25, not 25) and None when their denominator is 0, so a campaign with no
deliveries shows "—" rather than a misleading 0 %.
"""

from __future__ import annotations

from collections.abc import Sequence

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

#: The KPIs where less is better (a bounce or a complaint), for colouring against targets.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {"unsubscribe_rate", "hard_bounce_rate", "soft_bounce_rate", "complaint_rate"}
)

#: The small rates whose differences print to hundredths of a point (0.01 pt); the other rates
#: print to tenths (0.1 pt), the revenue per email to the tenth of a cent (0.001 €).
FINE_KPI_KEYS: frozenset[str] = frozenset(
    {"complaint_rate", "unsubscribe_rate", "hard_bounce_rate"}
)


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


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def kpi_values(f: Figures) -> dict[str, float | None]:
    """Every KPI of ``f``, keyed and ordered as ``KPI_KEYS``.

    Opens, clicks, unsubscribes, complaints and revenue are read against the emails delivered
    (what the readers could act on); bounces against those sent (what failed to arrive). The
    conversion rate is the share of clickers who bought: ESPs only see a conversion through the
    tracked click that led to it.
    """
    return {
        "delivery_rate": _ratio(f.delivered, f.sent),
        "open_rate": _ratio(f.unique_opens, f.delivered),
        "click_rate": _ratio(f.unique_clicks, f.delivered),
        "ctor": _ratio(f.unique_clicks, f.unique_opens),
        "unsubscribe_rate": _ratio(f.unsubscribes, f.delivered),
        "hard_bounce_rate": _ratio(f.hard_bounces, f.sent),
        "soft_bounce_rate": _ratio(f.soft_bounces, f.sent),
        "complaint_rate": _ratio(f.complaints, f.delivered),
        "conversion_rate": _ratio(f.conversions, f.unique_clicks),
        "revenue_per_delivered": _ratio(float(f.revenue), f.delivered),
    }


def validate(f: Figures) -> list[FieldProblem]:
    """What is impossible in ``f``, one problem per field (the first rule it breaks).

    An ESP never reports more opens than deliveries; when typed figures do, a digit slipped, and
    every KPI read from them would be wrong. ``field`` is the ``Figures`` field to highlight.
    """
    problems: dict[str, FieldProblem] = {}

    def refuse(name: str, code: str, message: str) -> None:
        problems.setdefault(name, FieldProblem(name, code, message))

    for name in COUNT_FIELDS:
        if getattr(f, name) < 0:
            refuse(name, "negative", f"{name.replace('_', ' ').capitalize()} cannot be negative.")
    if f.revenue < 0:
        refuse("revenue", "negative", "Revenue cannot be negative.")
    if f.sent <= 0 and "sent" not in problems:
        refuse("sent", "sent_zero", "A campaign's figures need at least one email sent.")
    if f.delivered > f.sent:
        refuse("delivered", "delivered_over_sent", "More emails delivered than sent.")
    if f.hard_bounces + f.soft_bounces > f.sent:
        refuse("hard_bounces", "bounces_over_sent", "More bounces than emails sent.")
    if f.unique_opens > f.delivered:
        refuse("unique_opens", "opens_over_delivered", "More unique opens than emails delivered.")
    if f.total_opens < f.unique_opens:
        refuse("total_opens", "total_under_unique", "Fewer total opens than unique opens.")
    if f.unique_clicks > f.delivered:
        refuse(
            "unique_clicks", "clicks_over_delivered", "More unique clicks than emails delivered."
        )
    if f.total_clicks < f.unique_clicks:
        refuse("total_clicks", "total_under_unique", "Fewer total clicks than unique clicks.")
    if f.unsubscribes > f.delivered:
        refuse(
            "unsubscribes",
            "unsubscribes_over_delivered",
            "More unsubscribes than emails delivered.",
        )
    if f.complaints > f.delivered:
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

    Without deliveries nothing can be said: False.
    """
    for row in domains:
        if (
            row.dimension == "domain"
            and row.key.casefold() in APPLE_DOMAIN_KEYS
            and row.delivered >= MPP_APPLE_MIN_DELIVERED
            and row.opens / row.delivered >= MPP_APPLE_OPEN_RATE
        ):
            return True
    if f.delivered <= 0:
        return False
    open_rate = f.unique_opens / f.delivered
    if open_rate >= MPP_OPEN_RATE:
        return True
    ctor = _ratio(f.unique_clicks, f.unique_opens)
    return open_rate >= MPP_HIGH_OPEN_RATE and ctor is not None and ctor < MPP_LOW_CTOR
