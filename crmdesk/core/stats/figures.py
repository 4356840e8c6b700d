"""The plain values the stats are made of, shared by the readers, the services, the CLI and the UI.

Nothing here touches the database: a reader turns a file into ``Figures`` and breakdowns, the
services turn stored rows into ``CampaignStats`` and ``ClientStats``, the UI and the CLI only
read these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

#: The counts of a snapshot, in the order forms and tables show them.
COUNT_FIELDS: tuple[str, ...] = (
    "sent",
    "delivered",
    "hard_bounces",
    "soft_bounces",
    "unique_opens",
    "total_opens",
    "unique_clicks",
    "total_clicks",
    "unsubscribes",
    "complaints",
    "conversions",
)


def add_given(first: Any, second: Any) -> Any:
    """The sum of two figures where None is "not given": what was given adds up, and a sum of
    nothing given stays not given (a total of revenues nobody tracked is unknown, not 0 €)."""
    if first is None:
        return second
    if second is None:
        return first
    return first + second


@dataclass(frozen=True, slots=True)
class Figures:
    """A campaign's (or one variant's) numbers as an ESP reports them.

    Only ``sent`` is always known. Any other figure is None when it was never given (an export
    without a conversions column, a field left empty in the form): "not given" must never read
    as 0, or a campaign without conversion tracking looks like one that sold nothing.
    """

    sent: int = 0
    delivered: int | None = None
    hard_bounces: int | None = None
    soft_bounces: int | None = None
    unique_opens: int | None = None
    total_opens: int | None = None
    unique_clicks: int | None = None
    total_clicks: int | None = None
    unsubscribes: int | None = None
    complaints: int | None = None
    conversions: int | None = None
    revenue: Decimal | None = None

    def __add__(self, other: Figures) -> Figures:
        """Field by field with ``add_given``: sums leave the figures not given out."""
        return Figures(
            *(add_given(getattr(self, f.name), getattr(other, f.name)) for f in fields(Figures))
        )

    def with_values(self, **values: int | Decimal | None) -> Figures:
        changes: dict[str, Any] = values
        return replace(self, **changes)

    def missing(self) -> tuple[str, ...]:
        """The fields never given, in form order (``COUNT_FIELDS`` then "revenue")."""
        return tuple(f.name for f in fields(Figures) if getattr(self, f.name) is None)


def whole_of(parts: Iterable[Figures]) -> Figures | None:
    """The figures of a whole from those of its parts (a campaign from its variants): a figure
    is known only when every part gives it, since a part without it leaves the whole unknown
    (A's conversions alone are not the campaign's). None without parts."""
    found = list(parts)
    if not found:
        return None
    values: dict[str, Any] = {}
    for f in fields(Figures):
        given = [getattr(part, f.name) for part in found]
        values[f.name] = None if any(v is None for v in given) else sum(given[1:], given[0])
    return Figures(**values)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One row of a per-domain or per-hour breakdown (``dimension`` "domain" or "hour")."""

    dimension: str
    key: str
    delivered: int = 0
    bounces: int = 0
    opens: int = 0
    clicks: int = 0
    unsubscribes: int = 0
    complaints: int = 0


@dataclass(frozen=True, slots=True)
class SnapshotView:
    id: int
    campaign_id: int
    variant: str  # "" for the whole campaign
    taken_on: date
    day_offset: int  # days after the send: 1 for D+1, 5 for D+5…
    figures: Figures
    source: str  # a models.StatSource value
    source_name: str


@dataclass(frozen=True, slots=True)
class Kpi:
    """One KPI of a campaign beside what it is judged against; rates are fractions (0.25)."""

    key: str  # one of kpis.KPI_KEYS
    value: float | None  # None when a figure it needs was not given or its denominator is 0
    target: float | None  # from the brief, when it sets one
    client_average: float | None  # the client's mean over the 12 months before the send
    campaigns_averaged: int  # how many campaigns the average is over

    @property
    def reference(self) -> float | None:
        """What the KPI is judged against: the target, else the client's average."""
        return self.target if self.target is not None else self.client_average


@dataclass(frozen=True, slots=True)
class VariantResult:
    """An A/B variant against the control (the first variant)."""

    variant: str
    recipients: int  # the denominator: delivered
    successes: int  # unique clicks, unique opens or conversions, per the test's metric
    rate: float
    z: float | None  # None for the control itself
    p_value: float | None


@dataclass(frozen=True, slots=True)
class AbResult:
    metric: str  # a models.AbMetric value
    confidence: float  # 0.95
    variants: tuple[VariantResult, ...]
    #: The variant the test declares the winner, or None when no difference is significant.
    tested_winner: str | None
    #: The p-value of the best variant against the runner-up, the figure the verdict rests on.
    p_value: float | None
    #: The winner chosen by hand, with who, when and why; it overrides the test's verdict.
    override: str | None = None
    override_by: str = ""
    override_at: datetime | None = None
    override_reason: str = ""
    #: Recipients each variant needs to detect the lift the best variant shows (None if none).
    sample_size_needed: int | None = None

    @property
    def winner(self) -> str | None:
        return self.override if self.override is not None else self.tested_winner


@dataclass(frozen=True, slots=True)
class CampaignStats:
    """Everything the stats window and ``crmdesk stats`` show for one campaign."""

    campaign_id: int
    campaign_name: str
    client_id: int
    client_name: str
    send_at: datetime
    snapshots: tuple[SnapshotView, ...]  # every snapshot, by date then variant
    #: The snapshot the KPIs are read from: the campaign-wide one closest to D+5 (a sum of the
    #: variants' when only variants were recorded); None when there are no figures yet.
    reference: Figures | None
    reference_day: int | None
    kpis: tuple[Kpi, ...]
    #: Opens look inflated by privacy proxies (Apple MPP): judge on clicks.
    privacy_inflated: bool
    ab: AbResult | None  # None when the campaign has fewer than two variants
    domains: tuple[Breakdown, ...]
    hours: tuple[Breakdown, ...]
    decisions: str
    #: The confidence the client's A/B tests are judged at (its setting, 0.95 by default): the
    #: significance and every sample size shown beside it use this one level.
    ab_confidence: float = 0.95
    imports: tuple[tuple[str, datetime], ...] = field(default=())  # (file name, when)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One sent campaign on a client's KPI trend."""

    campaign_id: int
    campaign_name: str
    send_at: datetime
    segment_ids: tuple[int, ...]
    open_rate: float | None
    click_rate: float | None
    ctor: float | None
    unsubscribe_rate: float | None
    privacy_inflated: bool


@dataclass(frozen=True, slots=True)
class WeeklySends:
    """How many sends a segment received in the ISO week starting ``week_start``."""

    segment_id: int
    segment_name: str
    week_start: date
    sends: int


@dataclass(frozen=True, slots=True)
class ClientStats:
    """What the client stats page draws: trends, the send-slot heat map, pressure per week."""

    client_id: int
    client_name: str
    pressure_cap: int
    segments: tuple[tuple[int, str], ...]  # (id, name) of every segment of the client
    trend: tuple[TrendPoint, ...]  # by send time
    #: 7 × 24 (Monday first, hours of the client's clock) mean rates of the campaigns sent in
    #: that slot, None where nothing was sent; and how many campaigns each cell averages.
    open_heat: tuple[tuple[float | None, ...], ...]
    click_heat: tuple[tuple[float | None, ...], ...]
    heat_counts: tuple[tuple[int, ...], ...]
    weekly: tuple[WeeklySends, ...]
    averages: tuple[Kpi, ...]  # the client's 12-month averages (value = average, no target)
