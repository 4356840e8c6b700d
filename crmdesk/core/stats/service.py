"""The stats of a campaign and of a client, read from the stored snapshots, and the D+5 analysis.

A campaign's KPIs are read from its reference snapshot, the campaign-wide one closest to D+5
(when the figures have settled), beside the brief's targets and the client's own average over
the 12 months before the send. Functions take a session (one transaction, opened by the caller)
and return plain values from ``figures``; a refused input raises before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from crmdesk.core import campaigns as campaign_service
from crmdesk.core import pressure
from crmdesk.core.briefs.content import KpiTargets
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    AbMetric,
    Brief,
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    Client,
    Segment,
    StatAnalysis,
    StatBreakdown,
    StatImport,
    StatSnapshot,
    StatSource,
    campaign_segments,
    utcnow,
)
from crmdesk.core.stats import abtest, kpis
from crmdesk.core.stats.figures import (
    AbResult,
    Breakdown,
    CampaignStats,
    ClientStats,
    Figures,
    Kpi,
    SnapshotView,
    TrendPoint,
    WeeklySends,
    whole_of,
)
from crmdesk.core.timezones import local_to_instant, wall_clock, zone

#: The day after the send the KPIs are read at: by D+5 opens and clicks have settled.
REFERENCE_DAY = 5
#: The window of the client's averages and trends: a year, so every season counts once.
AVERAGE_WINDOW = timedelta(days=365)
#: Weeks of sends shown against the pressure cap: the current one and the 25 before it, then
#: the 4 to come (what is planned).
WEEKS_BEFORE = 26
WEEKS_AFTER = 4
#: What a relance to non-openers is called, after the campaign it follows (as the demo does).
RELANCE_PREFIX = "Relance non-ouvreurs"
RELANCE_DELAY = timedelta(days=3)

_COUNTS = (
    StatSnapshot.sent,
    StatSnapshot.delivered,
    StatSnapshot.hard_bounces,
    StatSnapshot.soft_bounces,
    StatSnapshot.unique_opens,
    StatSnapshot.total_opens,
    StatSnapshot.unique_clicks,
    StatSnapshot.total_clicks,
    StatSnapshot.unsubscribes,
    StatSnapshot.complaints,
    StatSnapshot.conversions,
    StatSnapshot.revenue,
)
_CENT = Decimal("0.01")


# --- reading helpers -------------------------------------------------------------------------


def _figures(values: Sequence[Any]) -> Figures:
    """Figures from the 12 values of ``_COUNTS`` in order; a NULL column stays None (not given)."""
    *counts, revenue = values
    return Figures(*counts).with_values(revenue=None if revenue is None else Decimal(revenue))


def _send_day(instant: datetime, timezone: str) -> date:
    return wall_clock(instant, timezone).date()


def _closest_to_reference(day: date, send_day: date) -> tuple[int, int]:
    """Sort key: distance to D+5, then the later snapshot first (its figures settled more)."""
    offset = (day - send_day).days
    return abs(offset - REFERENCE_DAY), -offset


def _reference(
    rows: Iterable[tuple[str, date, Figures]], send_day: date
) -> tuple[Figures | None, int | None]:
    """The reference figures of one campaign and their day after the send.

    The campaign-wide snapshot closest to D+5; when only variants were recorded, the sum of the
    variants' snapshots of the day closest to D+5 (a figure one variant lacks is not known for
    the campaign: ``whole_of``).
    """
    whole: dict[date, Figures] = {}
    parts: dict[date, list[Figures]] = defaultdict(list)
    for variant, day, figures in rows:
        if variant == "":
            whole[day] = figures
        else:
            parts[day].append(figures)
    summed = {day: found for day, found in ((d, whole_of(p)) for d, p in parts.items()) if found}
    pool = whole or summed
    if not pool:
        return None, None
    day = min(pool, key=lambda d: _closest_to_reference(d, send_day))
    return pool[day], (day - send_day).days


def _changes(campaign_id: int) -> Changes:
    return Changes(stats=True, campaign_ids=frozenset({campaign_id}))


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"No client with id {client_id}.")
    return client


def _view(row: StatSnapshot, send_day: date) -> SnapshotView:
    return SnapshotView(
        id=row.id,
        campaign_id=row.campaign_id,
        variant=row.variant,
        taken_on=row.taken_on,
        day_offset=(row.taken_on - send_day).days,
        figures=_figures([getattr(row, c.key) for c in _COUNTS]),
        source=StatSource(row.source).value,
        source_name=row.source_name,
    )


# --- snapshots -------------------------------------------------------------------------------


def snapshots(session: Session, campaign_id: int) -> list[SnapshotView]:
    """The campaign's snapshots by date, the campaign-wide one before its variants."""
    campaign = get_campaign(session, campaign_id)
    send_day = _send_day(campaign.planned_send_at, campaign.send_timezone)
    rows = session.scalars(
        select(StatSnapshot)
        .where(StatSnapshot.campaign_id == campaign_id)
        .order_by(StatSnapshot.taken_on, StatSnapshot.variant)
    )
    return [_view(row, send_day) for row in rows]


def save_snapshot(
    session: Session,
    campaign_id: int,
    taken_on: date,
    figures: Figures,
    *,
    variant: str = "",
    source: StatSource = StatSource.TYPED,
    source_name: str = "",
) -> tuple[int, Changes]:
    """Store the figures read on ``taken_on``; returns the snapshot's id.

    A snapshot of the same campaign, variant and day is replaced (same id): the operator
    correcting a typo, or a fresher export of the same day. Impossible figures (more opens than
    deliveries…) or a day before the send raise ``ValidationError`` and write nothing.
    """
    campaign = get_campaign(session, campaign_id)
    variant = variant.strip()
    problems = kpis.validate(figures)
    if len(variant) > 40:
        problems.append(
            FieldProblem(
                "variant", "variant_too_long", "A variant's name is at most 40 characters."
            )
        )
    send_day = _send_day(campaign.planned_send_at, campaign.send_timezone)
    if taken_on < send_day:
        problems.append(
            FieldProblem(
                "taken_on",
                "before_send",
                f"The figures cannot be read before the send ({send_day.isoformat()}).",
            )
        )
    if problems:
        raise ValidationError(problems)
    row = session.scalar(
        select(StatSnapshot).where(
            StatSnapshot.campaign_id == campaign_id,
            StatSnapshot.variant == variant,
            StatSnapshot.taken_on == taken_on,
        )
    )
    if row is None:
        row = StatSnapshot(campaign_id=campaign_id, variant=variant, taken_on=taken_on)
        session.add(row)
    for column in _COUNTS[:-1]:
        value = getattr(figures, column.key)
        setattr(row, column.key, None if value is None else int(value))
    # A figure left empty is stored NULL ("not given"), never 0.
    row.revenue = None if figures.revenue is None else Decimal(str(figures.revenue)).quantize(_CENT)
    row.source = StatSource(source)
    row.source_name = source_name
    session.flush()
    return row.id, _changes(campaign_id)


def delete_snapshot(session: Session, snapshot_id: int) -> tuple[SnapshotView, Changes]:
    """Delete a snapshot; returns it as it was, so undo can save it back."""
    row = session.get(StatSnapshot, snapshot_id)
    if row is None:
        raise NotFound(f"No snapshot with id {snapshot_id}.")
    campaign = get_campaign(session, row.campaign_id)
    view = _view(row, _send_day(campaign.planned_send_at, campaign.send_timezone))
    session.delete(row)
    session.flush()
    return view, _changes(campaign.id)


# --- one campaign ----------------------------------------------------------------------------


def brief_targets(session: Session, campaign_id: int) -> KpiTargets:
    """The KPI targets the campaign's brief sets (all None without a brief)."""
    content = session.scalar(select(Brief.content).where(Brief.campaign_id == campaign_id))
    if not content:
        return KpiTargets()
    raw = content.get("kpi_targets") or {}
    if not isinstance(raw, dict):  # the brief's JSON, written by BriefContent
        return KpiTargets()
    known = {k: raw.get(k) for k in ("open_rate", "click_rate", "conversions", "revenue")}
    return KpiTargets(**known)


def _targets(targets: KpiTargets, reference: Figures | None) -> dict[str, float | None]:
    """The brief's targets as KPI values: percentages as fractions, the revenue target per
    delivered email. A conversions target is a count with no rate to match: left out here
    (``as_json`` gives it as the brief states it)."""
    found: dict[str, float | None] = dict.fromkeys(kpis.KPI_KEYS)
    if targets.open_rate is not None:
        found["open_rate"] = targets.open_rate / 100
    if targets.click_rate is not None:
        found["click_rate"] = targets.click_rate / 100
    if targets.revenue is not None and reference is not None and reference.delivered:
        found["revenue_per_delivered"] = targets.revenue / reference.delivered
    return found


def client_averages(
    session: Session, client_id: int, before: datetime, exclude: int | None
) -> dict[str, tuple[float | None, int]]:
    """Each KPI's mean over the client's campaigns sent in the 12 months before ``before``,
    with how many campaigns it is over; ``exclude`` (the campaign being judged) left out."""
    query = (
        select(
            StatSnapshot.campaign_id,
            StatSnapshot.variant,
            StatSnapshot.taken_on,
            Campaign.planned_send_at,
            Campaign.send_timezone,
            *_COUNTS,
        )
        .join(Campaign, Campaign.id == StatSnapshot.campaign_id)
        .where(
            Campaign.client_id == client_id,
            Campaign.planned_send_at >= before - AVERAGE_WINDOW,
            Campaign.planned_send_at < before,
        )
    )
    if exclude is not None:
        query = query.where(Campaign.id != exclude)
    grouped: dict[int, list[tuple[str, date, Figures]]] = defaultdict(list)
    send_days: dict[int, date] = {}
    for campaign_id, variant, taken_on, at, timezone, *values in session.execute(query):
        grouped[campaign_id].append((variant, taken_on, _figures(values)))
        if campaign_id not in send_days:
            send_days[campaign_id] = _send_day(at, timezone)
    references = (_reference(rows, send_days[cid])[0] for cid, rows in grouped.items())
    return kpis.averages(kpis.kpi_values(f) for f in references if f is not None)


def _breakdowns(session: Session, campaign_id: int, dimension: str) -> tuple[Breakdown, ...]:
    """The campaign-wide rows of a breakdown, or the variants' summed when only those exist."""
    rows = session.execute(
        select(
            StatBreakdown.variant,
            StatBreakdown.key,
            StatBreakdown.delivered,
            StatBreakdown.bounces,
            StatBreakdown.opens,
            StatBreakdown.clicks,
            StatBreakdown.unsubscribes,
            StatBreakdown.complaints,
        ).where(StatBreakdown.campaign_id == campaign_id, StatBreakdown.dimension == dimension)
    ).all()
    whole = [r for r in rows if r[0] == ""]
    summed: dict[str, list[int]] = {}
    for _, key, *counts in whole or rows:
        total = summed.setdefault(key, [0] * 6)
        for index, value in enumerate(counts):
            total[index] += value
    found = [Breakdown(dimension, key, *counts) for key, counts in summed.items()]
    if dimension == "hour":
        found.sort(key=lambda b: (not b.key.isdigit(), int(b.key) if b.key.isdigit() else 0))
    else:
        # Biggest mailbox providers first, "other" last: the order a deliverability table reads.
        found.sort(key=lambda b: (b.key == "other", -b.delivered, b.key))
    return tuple(found)


_SUCCESSES = {
    AbMetric.CLICKS: "unique_clicks",
    AbMetric.OPENS: "unique_opens",
    AbMetric.CONVERSIONS: "conversions",
}


def _ab(
    rows: Iterable[tuple[str, date, Figures]],
    send_day: date,
    metric: AbMetric,
    confidence: float,
    analysis: StatAnalysis | None,
) -> AbResult | None:
    """The A/B test of the variants' snapshots closest to D+5 (control: the first by name);
    ``rows`` are (variant, day taken, figures), the campaign-wide ones ("") left out here."""
    by_variant: dict[str, dict[date, Figures]] = defaultdict(dict)
    for variant, day, figures in rows:
        if variant:
            by_variant[variant][day] = figures
    if len(by_variant) < 2:
        return None
    picked = []
    for name in sorted(by_variant):
        days = by_variant[name]
        figures = days[min(days, key=lambda d: _closest_to_reference(d, send_day))]
        successes = getattr(figures, _SUCCESSES[metric])
        if successes is None or figures.delivered is None:
            # A variant whose figure was not given cannot be compared: no test rather than a
            # test that reads "not given" as 0 and crowns the other variant.
            return None
        picked.append((name, int(successes), figures.delivered))
    # Typed figures never have more successes than deliveries; clamp what an import may bring.
    picked = [(n, min(max(s, 0), max(d, 0)), max(d, 0)) for n, s, d in picked]
    result = abtest.compare(picked, confidence, metric.value)
    if analysis is not None and (analysis.winner_override is not None or analysis.override_at):
        result = replace(
            result,
            override=analysis.winner_override,
            override_by=analysis.override_by,
            override_at=analysis.override_at,
            override_reason=analysis.override_reason,
        )
    return result


def campaign_stats(session: Session, campaign_id: int) -> CampaignStats:
    """Everything the stats window and ``crmdesk stats`` show for one campaign."""
    campaign = get_campaign(session, campaign_id)
    client = _client(session, campaign.client_id)
    send_day = _send_day(campaign.planned_send_at, campaign.send_timezone)
    views = snapshots(session, campaign_id)
    reference, reference_day = _reference(
        ((v.variant, v.taken_on, v.figures) for v in views), send_day
    )
    domains = _breakdowns(session, campaign_id, "domain")
    hours = _breakdowns(session, campaign_id, "hour")
    analysis = session.get(StatAnalysis, campaign_id)
    metric = AbMetric(analysis.ab_metric) if analysis is not None else AbMetric.CLICKS
    targets = _targets(brief_targets(session, campaign_id), reference)
    averages = client_averages(session, client.id, campaign.planned_send_at, campaign_id)
    values = kpis.kpi_values(reference) if reference is not None else {}
    kpi_rows = tuple(
        Kpi(key, values.get(key), targets[key], *averages[key]) for key in kpis.KPI_KEYS
    )
    imports = tuple(
        (name, at)
        for name, at in session.execute(
            select(StatImport.source_name, StatImport.imported_at)
            .where(StatImport.campaign_id == campaign_id)
            .order_by(StatImport.imported_at, StatImport.id)
        )
    )
    return CampaignStats(
        campaign_id=campaign.id,
        campaign_name=campaign.name,
        client_id=client.id,
        client_name=client.name,
        send_at=wall_clock(campaign.planned_send_at, campaign.send_timezone),
        snapshots=tuple(views),
        reference=reference,
        reference_day=reference_day,
        kpis=kpi_rows,
        privacy_inflated=reference is not None and kpis.privacy_inflated(reference, domains),
        ab=_ab(
            ((v.variant, v.taken_on, v.figures) for v in views),
            send_day,
            metric,
            client.ab_confidence,
            analysis,
        ),
        domains=domains,
        hours=hours,
        decisions=analysis.decisions if analysis is not None else "",
        ab_confidence=float(client.ab_confidence),
        imports=imports,
    )


# --- one client ------------------------------------------------------------------------------


def local_midnight(day: date, timezone: str) -> datetime:
    """The instant ``day`` starts on ``timezone``'s clock: a range of local days (a quarter on
    the client's clock) is then a range of ``planned_send_at`` instants, found by the index."""
    instant = local_to_instant(day, time(0), timezone)
    if instant is None:  # midnight skipped by a DST change (a few zones): the hour after
        instant = local_to_instant(day, time(1), timezone)
    assert instant is not None
    return instant


@dataclass(frozen=True, slots=True)
class Measured:
    """A campaign's reference figures, read in bulk with many others' (the client page, the
    quarterly review): what ``campaign_stats`` would say of them, without its per-campaign
    queries."""

    campaign_id: int
    reference: Figures  # the campaign-wide snapshot closest to D+5 (or its variants' sum)
    reference_day: int  # days after the send it was read
    #: Judged on the campaign-wide per-domain rows, as the client page always did.
    privacy_inflated: bool
    ab: AbResult | None  # with ``with_ab`` and two variants or more; else None


def measure(
    session: Session, *criteria: ColumnElement[bool], with_ab: bool = False
) -> dict[int, Measured]:
    """The reference figures of every campaign matching ``criteria`` (on ``Campaign``) that
    has snapshots, keyed by campaign id; campaigns without figures are left out.

    Two queries whatever the number of campaigns (two more with ``with_ab``, for the
    campaigns with variants), so a page or a report over hundreds of campaigns stays fast.
    """
    send_days: dict[int, date] = {}
    grouped: dict[int, list[tuple[str, date, Figures]]] = defaultdict(list)
    for cid, at, timezone, variant, taken_on, *values in session.execute(
        select(
            StatSnapshot.campaign_id,
            Campaign.planned_send_at,
            Campaign.send_timezone,
            StatSnapshot.variant,
            StatSnapshot.taken_on,
            *_COUNTS,
        )
        .join(Campaign, Campaign.id == StatSnapshot.campaign_id)
        .where(*criteria)
    ):
        grouped[cid].append((variant, taken_on, _figures(values)))
        if cid not in send_days:
            send_days[cid] = _send_day(at, timezone)

    apple: dict[int, list[Breakdown]] = defaultdict(list)
    for cid, key, delivered, opens in session.execute(
        select(
            StatBreakdown.campaign_id,
            StatBreakdown.key,
            StatBreakdown.delivered,
            StatBreakdown.opens,
        )
        .join(Campaign, Campaign.id == StatBreakdown.campaign_id)
        .where(
            *criteria,
            StatBreakdown.dimension == "domain",
            StatBreakdown.variant == "",
            StatBreakdown.key.in_(sorted(kpis.APPLE_DOMAIN_KEYS)),
        )
    ):
        apple[cid].append(Breakdown("domain", key, delivered=delivered, opens=opens))

    tested = sorted(cid for cid, rows in grouped.items() if len({v for v, _, _ in rows if v}) > 1)
    confidences: dict[int, float] = {}
    analyses: dict[int, StatAnalysis] = {}
    if with_ab and tested:
        confidences = {
            cid: confidence
            for cid, confidence in session.execute(
                select(Campaign.id, Client.ab_confidence)
                .join(Client, Client.id == Campaign.client_id)
                .where(Campaign.id.in_(tested))
            )
        }
        analyses = {
            row.campaign_id: row
            for row in session.scalars(
                select(StatAnalysis).where(StatAnalysis.campaign_id.in_(tested))
            )
        }

    found: dict[int, Measured] = {}
    for cid, rows in grouped.items():
        send_day = send_days[cid]
        reference, reference_day = _reference(rows, send_day)
        assert reference is not None and reference_day is not None  # rows is never empty
        ab = None
        if cid in confidences:
            analysis = analyses.get(cid)
            metric = AbMetric(analysis.ab_metric) if analysis is not None else AbMetric.CLICKS
            ab = _ab(rows, send_day, metric, confidences[cid], analysis)
        found[cid] = Measured(
            cid,
            reference,
            reference_day,
            kpis.privacy_inflated(reference, apple.get(cid, ())),
            ab,
        )
    return found


def trend_point(
    campaign_id: int,
    name: str,
    send_at: datetime,
    segment_ids: Iterable[int],
    measured: Measured,
) -> TrendPoint:
    """One campaign on a KPI trend; ``send_at`` aware, on the clock the chart reads."""
    values = kpis.kpi_values(measured.reference)
    return TrendPoint(
        campaign_id=campaign_id,
        campaign_name=name,
        send_at=send_at,
        segment_ids=tuple(sorted(segment_ids)),
        open_rate=values["open_rate"],
        click_rate=values["click_rate"],
        ctor=values["ctor"],
        unsubscribe_rate=values["unsubscribe_rate"],
        privacy_inflated=measured.privacy_inflated,
    )


def client_stats(
    session: Session, client_id: int, *, segment_id: int | None = None, today: date
) -> ClientStats:
    """What the client stats page draws, from a handful of queries whatever the campaign count.

    The trend and the heat map cover the campaigns with figures sent in the 12 months before
    ``today`` (on the client's clock); ``segment_id`` keeps those sent to that segment. The heat
    map places each campaign at its send slot (weekday × hour on the client's clock) and
    averages its reference open and click rates there. The weekly sends count every campaign
    planned to each segment (any status, automations aside, as the pressure warnings do).
    """
    client = _client(session, client_id)
    tz_name = client.timezone
    tz = zone(tz_name)
    segments = tuple(
        (sid, name)
        for sid, name in session.execute(
            select(Segment.id, Segment.name)
            .where(Segment.client_id == client_id)
            .order_by(Segment.name, Segment.id)
        )
    )
    end = local_midnight(today, tz_name)
    start = end - AVERAGE_WINDOW
    in_window = (
        Campaign.client_id == client_id,
        Campaign.planned_send_at >= start,
        Campaign.planned_send_at < end,
    )
    segment_filter = (
        (
            Campaign.id.in_(
                select(campaign_segments.c.campaign_id).where(
                    campaign_segments.c.segment_id == segment_id
                )
            ),
        )
        if segment_id is not None
        else ()
    )

    meta = {
        cid: (name, at)
        for cid, name, at in session.execute(
            select(Campaign.id, Campaign.name, Campaign.planned_send_at).where(
                *in_window, *segment_filter
            )
        )
    }
    targeted: dict[int, list[int]] = defaultdict(list)
    for cid, sid in session.execute(
        select(campaign_segments.c.campaign_id, campaign_segments.c.segment_id)
        .join(Campaign, Campaign.id == campaign_segments.c.campaign_id)
        .where(*in_window, *segment_filter)
    ):
        targeted[cid].append(sid)

    trend: list[TrendPoint] = []
    measured: list[dict[str, float | None]] = []
    open_sum = [[0.0] * 24 for _ in range(7)]
    open_n = [[0] * 24 for _ in range(7)]
    click_sum = [[0.0] * 24 for _ in range(7)]
    click_n = [[0] * 24 for _ in range(7)]
    counts = [[0] * 24 for _ in range(7)]
    for cid, figures in measure(session, *in_window, *segment_filter).items():
        name, at = meta[cid]
        local = at.astimezone(tz)
        point = trend_point(cid, name, local, targeted.get(cid, ()), figures)
        trend.append(point)
        measured.append(kpis.kpi_values(figures.reference))
        day, hour = local.weekday(), local.hour
        counts[day][hour] += 1
        if point.open_rate is not None:
            open_sum[day][hour] += point.open_rate
            open_n[day][hour] += 1
        if point.click_rate is not None:
            click_sum[day][hour] += point.click_rate
            click_n[day][hour] += 1
    trend.sort(key=lambda p: (p.send_at, p.campaign_id))

    def mean(sums: list[list[float]], ns: list[list[int]]) -> tuple[tuple[float | None, ...], ...]:
        return tuple(
            tuple(s / n if n else None for s, n in zip(row_s, row_n, strict=True))
            for row_s, row_n in zip(sums, ns, strict=True)
        )

    averages = kpis.averages(measured)
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS_BEFORE - 1)
    return ClientStats(
        client_id=client.id,
        client_name=client.name,
        pressure_cap=client.pressure_cap,
        segments=segments,
        trend=tuple(trend),
        open_heat=mean(open_sum, open_n),
        click_heat=mean(click_sum, click_n),
        heat_counts=tuple(tuple(row) for row in counts),
        weekly=weekly_sends(
            session, client_id, segments, first, WEEKS_BEFORE + WEEKS_AFTER, tz_name, segment_id
        ),
        averages=tuple(Kpi(key, avg, None, avg, n) for key, (avg, n) in averages.items()),
    )


def weekly_sends(
    session: Session,
    client_id: int,
    segments: Sequence[tuple[int, str]],
    first_week: date,
    weeks: int,
    tz_name: str,
    segment_id: int | None = None,
) -> tuple[WeeklySends, ...]:
    """Sends per segment per week (Monday on the client's clock) for ``weeks`` weeks from the
    Monday ``first_week``, zero weeks included; ``pressure.weekly_sends``, the count the
    calendar's and the cockpit's warnings judge. ``tz_name`` is the client's own zone, which
    that count reads from the client: kept for the callers that pass it."""
    del tz_name  # the client's: pressure reads it with the sends
    return pressure.weekly_sends(session, client_id, segments, first_week, weeks, segment_id)


# --- the D+5 analysis ------------------------------------------------------------------------


def _analysis(session: Session, campaign_id: int) -> StatAnalysis:
    get_campaign(session, campaign_id)
    analysis = session.get(StatAnalysis, campaign_id)
    if analysis is None:
        analysis = StatAnalysis(
            campaign_id=campaign_id,
            decisions="",
            ab_metric=AbMetric.CLICKS,
            override_by="",
            override_reason="",
        )
        session.add(analysis)
    return analysis


def set_decisions(session: Session, campaign_id: int, text: str) -> tuple[str, Changes]:
    """Record the D+5 decisions (next test, relance, next target); returns the previous text."""
    analysis = _analysis(session, campaign_id)
    previous = analysis.decisions or ""
    analysis.decisions = text
    session.flush()
    return previous, _changes(campaign_id)


def set_ab_metric(session: Session, campaign_id: int, metric: AbMetric) -> tuple[AbMetric, Changes]:
    """Judge the A/B test on clicks, opens or conversions; returns the previous metric."""
    analysis = _analysis(session, campaign_id)
    previous = AbMetric(analysis.ab_metric or AbMetric.CLICKS)
    analysis.ab_metric = AbMetric(metric)
    session.flush()
    return previous, _changes(campaign_id)


def override_winner(
    session: Session,
    campaign_id: int,
    variant: str | None,
    *,
    by: str,
    reason: str = "",
    now: datetime | None = None,
) -> tuple[tuple[str | None, str, datetime | None, str], Changes]:
    """Choose the A/B winner by hand (``None`` gives the verdict back to the test).

    Recorded with who, when and why, because a winner against the figures is a decision the
    recap must be able to explain. Returns the previous (variant, by, at, reason) for undo;
    ``now`` lets undo put the previous time back.
    """
    analysis = _analysis(session, campaign_id)
    previous = (
        analysis.winner_override,
        analysis.override_by or "",
        analysis.override_at,
        analysis.override_reason or "",
    )
    if variant is None:
        analysis.winner_override = None
        analysis.override_by = ""
        analysis.override_at = None
        analysis.override_reason = ""
        session.flush()
        return previous, _changes(campaign_id)
    known = set(
        session.scalars(
            select(StatSnapshot.variant).where(
                StatSnapshot.campaign_id == campaign_id, StatSnapshot.variant != ""
            )
        )
    )
    problems = []
    if variant not in known:
        problems.append(
            FieldProblem("winner", "unknown_variant", f"The campaign has no variant “{variant}”.")
        )
    if not by.strip():
        problems.append(FieldProblem("by", "by_missing", "Say who chose the winner."))
    if problems:
        raise ValidationError(problems)
    analysis.winner_override = variant
    analysis.override_by = by.strip()
    analysis.override_at = now or utcnow()
    analysis.override_reason = reason
    session.flush()
    return previous, _changes(campaign_id)


def set_confidence(session: Session, client_id: int, confidence: float) -> tuple[float, Changes]:
    """The confidence an A/B winner needs for this client; returns the previous one. Every
    campaign of the client may change verdict: the change names none in particular.

    Between 0.5 and 1 exclusive: at 0.5 any difference would win, at 1 none ever could.
    """
    client = _client(session, client_id)
    if not 0.5 < confidence < 1:
        raise ValidationError(
            [
                FieldProblem(
                    "ab_confidence",
                    "confidence_out_of_range",
                    "The confidence must be above 50 % and below 100 %.",
                )
            ]
        )
    previous = float(client.ab_confidence)
    client.ab_confidence = float(confidence)
    session.flush()
    return previous, Changes(stats=True)


def non_openers(figures: Figures) -> int | None:
    """Who a relance goes to: delivered − unique opens; None when either was not given. The
    stats window's hint and the relance's volume both read it."""
    if figures.delivered is None or figures.unique_opens is None:
        return None
    return max(figures.delivered - figures.unique_opens, 0)


def create_relance(
    session: Session, campaign_id: int, *, send_at: datetime | None = None
) -> tuple[int, Changes]:
    """A relance to the non-openers of a sent email campaign, as a draft; returns its id.

    Same client, segments, ESP and subject as the campaign it follows; its volume is the
    reference snapshot's non-openers (delivered − unique opens) when there are figures. Planned
    three days after the parent at the same wall-clock time unless ``send_at`` says otherwise
    (a naive ``send_at`` is read on the parent's clock).
    """
    parent = get_campaign(session, campaign_id, options=[selectinload(Campaign.segments)])
    problems = []
    if CampaignStatus(parent.status).rank < CampaignStatus.SENT.rank:
        problems.append(
            FieldProblem(
                "status",
                "relance_not_sent",
                "A relance follows a campaign already sent; this one is not.",
            )
        )
    if parent.channel != Channel.EMAIL:
        problems.append(
            FieldProblem(
                "channel", "relance_not_email", "Only an email has non-openers to relance."
            )
        )
    if problems:
        raise ValidationError(problems)
    tz_name = parent.send_timezone
    parent_local = wall_clock(parent.planned_send_at, tz_name)
    if send_at is None:
        local = parent_local.replace(tzinfo=None) + RELANCE_DELAY
    elif send_at.tzinfo is None:
        local = send_at
    else:
        local = send_at.astimezone(zone(tz_name)).replace(tzinfo=None)
    send_day = parent_local.date()
    rows = session.execute(
        select(StatSnapshot.variant, StatSnapshot.taken_on, *_COUNTS).where(
            StatSnapshot.campaign_id == campaign_id
        )
    )
    reference, _ = _reference(
        ((variant, day, _figures(values)) for variant, day, *values in rows), send_day
    )
    volume = non_openers(reference) if reference is not None else None
    name = f"{RELANCE_PREFIX} – {parent.name}"
    new_id, changes = campaign_service.create(
        session,
        campaign_service.CampaignInput(
            client_id=parent.client_id,
            name=name[:200],
            send_date=local.date(),
            send_time=local.time().replace(second=0, microsecond=0),
            timezone=tz_name,
            channel=parent.channel,
            type=CampaignType.RELANCE,
            status=CampaignStatus.DRAFT,
            parent_id=parent.id,
            segment_ids=tuple(sorted(s.id for s in parent.segments)),
            volume=volume,
            subject=parent.subject,
            preheader=parent.preheader,
            esp=parent.esp,
        ),
    )
    return new_id, changes


# --- JSON ------------------------------------------------------------------------------------


def _plain_figures(f: Figures) -> dict[str, Any]:
    document: dict[str, Any] = {name: getattr(f, name) for name in Figures.__slots__}
    document["revenue"] = None if f.revenue is None else float(f.revenue)
    return document


def _plain_breakdown(b: Breakdown) -> dict[str, Any]:
    return {name: getattr(b, name) for name in Breakdown.__slots__ if name != "dimension"}


def as_json(stats: CampaignStats, targets: KpiTargets | None = None) -> dict[str, Any]:
    """``CampaignStats`` as JSON-ready values for ``crmdesk stats --json``: rates as fractions,
    dates in ISO 8601, revenue as a number; ``targets`` adds the brief's targets as written
    (percentages, a conversions count, a revenue in euros)."""
    ab: dict[str, Any] | None = None
    if stats.ab is not None:
        result = stats.ab
        ab = {
            "metric": result.metric,
            "confidence": result.confidence,
            "variants": [
                {
                    "variant": v.variant,
                    "recipients": v.recipients,
                    "successes": v.successes,
                    "rate": v.rate,
                    "z": v.z,
                    "p_value": v.p_value,
                    "control": index == 0,
                }
                for index, v in enumerate(result.variants)
            ],
            "tested_winner": result.tested_winner,
            "p_value": result.p_value,
            "winner": result.winner,
            "override": (
                {
                    "variant": result.override,
                    "by": result.override_by,
                    "at": result.override_at.isoformat() if result.override_at else None,
                    "reason": result.override_reason,
                }
                if result.override is not None
                else None
            ),
            "sample_size_needed": result.sample_size_needed,
        }
    document: dict[str, Any] = {
        "campaign": {
            "id": stats.campaign_id,
            "name": stats.campaign_name,
            "client_id": stats.client_id,
            "client": stats.client_name,
            "send_at": stats.send_at.isoformat(),
        },
        "reference_day": stats.reference_day,
        "reference": _plain_figures(stats.reference) if stats.reference is not None else None,
        "kpis": [
            {
                "key": k.key,
                "value": k.value,
                "target": k.target,
                "client_average": k.client_average,
                "campaigns_averaged": k.campaigns_averaged,
                "verdict": kpis.verdict(k.key, k.value, k.reference),
            }
            for k in stats.kpis
        ],
        "privacy_inflated": stats.privacy_inflated,
        "ab": ab,
        "snapshots": [
            {
                "id": s.id,
                "variant": s.variant,
                "taken_on": s.taken_on.isoformat(),
                "day_offset": s.day_offset,
                "source": s.source,
                "source_name": s.source_name,
                "figures": _plain_figures(s.figures),
            }
            for s in stats.snapshots
        ],
        "domains": [_plain_breakdown(b) for b in stats.domains],
        "hours": [_plain_breakdown(b) for b in stats.hours],
        "decisions": stats.decisions,
        "imports": [{"file": name, "at": at.isoformat()} for name, at in stats.imports],
    }
    if targets is not None:
        document["brief_targets"] = {
            "open_rate_percent": targets.open_rate,
            "click_rate_percent": targets.click_rate,
            "conversions": targets.conversions,
            "revenue": targets.revenue,
        }
    return document
