"""The data of a client's quarterly review, and the roadmap text the operator writes for it.

The quarter is on the client's clock: a campaign belongs to it when its send falls on one of
the quarter's days where the client lives. Its figures are each campaign's reference snapshot
(the campaign-wide one closest to D+5), exactly as the stats window reads them, loaded in bulk
so a quarter of hundreds of campaigns builds in a fraction of a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from crmdesk.core import campaigns as campaign_service
from crmdesk.core import pressure, settings
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, ValidationError
from crmdesk.core.models import (
    Campaign,
    CampaignType,
    Client,
    Roadmap,
    Segment,
    StatAnalysis,
    campaign_segments,
    utcnow,
)
from crmdesk.core.reports import cards
from crmdesk.core.reports.model import (
    AbLearning,
    CampaignCard,
    QuarterlyReview,
    ReviewRow,
    SegmentPressure,
)
from crmdesk.core.reports.quarters import Quarter
from crmdesk.core.stats import kpis
from crmdesk.core.stats.figures import AbResult, Figures, TrendPoint, WeeklySends
from crmdesk.core.stats.service import Measured, local_midnight, measure, trend_point, weekly_sends
from crmdesk.core.timezones import zone

#: What top and flop are ranked on: clicks, since privacy proxies inflate opens.
RANKED_BY = "click_rate"
#: How many campaigns the top and the flop each show.
PODIUM = 3
ROADMAP_MAX = 20_000


def client_id_by_name(session: Session, name: str) -> int:
    """The client ``--client NAME`` means, in any case; ``NotFound`` names the known ones.
    (The lookup ``crmdesk list --client`` uses, so both commands read names alike.)"""
    return campaign_service.client_id_by_name(session, name)


def _in_quarter(client: Client, quarter: Quarter) -> tuple[ColumnElement[bool], ...]:
    """The client's campaigns whose send falls in ``quarter`` on the client's clock."""
    return (
        Campaign.client_id == client.id,
        Campaign.planned_send_at >= local_midnight(quarter.start, client.timezone),
        Campaign.planned_send_at < local_midnight(quarter.end, client.timezone),
    )


def _campaigns(session: Session, criteria: Sequence[ColumnElement[bool]]) -> list[Campaign]:
    return list(
        session.scalars(
            select(Campaign).where(*criteria).order_by(Campaign.planned_send_at, Campaign.id)
        )
    )


def _pooled(measured: dict[int, Measured]) -> Figures | None:
    """The sum of the campaigns' reference figures, each figure over the campaigns that gave
    it (``Figures.__add__``): a revenue nobody tracked stays not given rather than 0 €. None
    when no campaign has figures."""
    if not measured:
        return None
    return sum((m.reference for m in measured.values()), Figures(sent=0))


def _pooled_kpis(measured: dict[int, Measured]) -> dict[str, float | None]:
    """The quarter's KPIs by the stats' own pooling rule (``kpis.pooled_values``): each KPI over
    the campaigns that gave both its figures, so a campaign without conversion tracking does
    not drag the quarter's conversion rate to zero. {} without figures."""
    if not measured:
        return {}
    return kpis.pooled_values(m.reference for m in measured.values())


def _lift(result: AbResult) -> float | None:
    """The winner's rate over the best other variant's, minus 1."""
    winner = result.winner
    rates = {v.variant: v.rate for v in result.variants}
    if winner is None or winner not in rates:
        return None
    others = [rate for name, rate in rates.items() if name != winner]
    if not others or max(others) <= 0:
        return None
    return rates[winner] / max(others) - 1


def _podium(rows: Sequence[ReviewRow]) -> tuple[tuple[ReviewRow, ...], tuple[ReviewRow, ...]]:
    """The best and the worst rows by ``RANKED_BY`` (ties by name); a campaign in the top is
    never in the flop, so a quarter of four campaigns shows three tops and one flop."""
    ranked = [r for r in rows if r.kpis.get(RANKED_BY) is not None]

    def rate(row: ReviewRow) -> float:
        value = row.kpis[RANKED_BY]
        assert value is not None
        return value

    def name(row: ReviewRow) -> tuple[str, int]:
        return row.campaign.name.casefold(), row.campaign.id

    top = sorted(ranked, key=lambda r: (-rate(r), name(r)))[:PODIUM]
    shown = {r.campaign.id for r in top}
    flop = sorted(
        (r for r in ranked if r.campaign.id not in shown), key=lambda r: (rate(r), name(r))
    )
    return tuple(top), tuple(flop[:PODIUM])


def _pressure(
    weekly: Sequence[WeeklySends],
    sends: dict[int, int],
    segments: Sequence[tuple[int, str]],
    cap: int,
) -> tuple[SegmentPressure, ...]:
    by_segment: dict[int, list[int]] = defaultdict(list)
    for week in weekly:
        by_segment[week.segment_id].append(week.sends)
    found = [
        SegmentPressure(
            segment=name,
            sends=sends.get(sid, 0),
            busiest_week=max(by_segment[sid], default=0),
            weeks_over_cap=sum(pressure.exceeds(count, cap) for count in by_segment[sid]),
        )
        for sid, name in segments
    ]
    return tuple(sorted(found, key=lambda p: p.segment.casefold()))


def quarterly_review(
    session: Session, client_id: int, quarter: Quarter, *, today: date
) -> QuarterlyReview:
    """Everything the quarterly review shows; ``NotFound`` for an unknown client.

    Rows are every campaign of the quarter (any channel, any status), by send time. The weekly
    sends cover the ISO weeks the quarter touches, whole: a week across two quarters counts
    all its sends, as the readers received them all that week.
    """
    client = cards.client_row(session, client_id)
    tz = zone(client.timezone)
    in_quarter = _in_quarter(client, quarter)
    found = _campaigns(session, in_quarter)

    segments = tuple(
        (sid, name)
        for sid, name in session.execute(
            select(Segment.id, Segment.name)
            .where(Segment.client_id == client_id)
            .order_by(Segment.name, Segment.id)
        )
    )
    segment_name = dict(segments)
    targeted: dict[int, list[int]] = defaultdict(list)
    for cid, sid in session.execute(
        select(campaign_segments.c.campaign_id, campaign_segments.c.segment_id)
        .join(Campaign, Campaign.id == campaign_segments.c.campaign_id)
        .where(*in_quarter)
    ):
        targeted[cid].append(sid)

    measured = measure(session, *in_quarter, with_ab=True)
    rows: list[ReviewRow] = []
    trend: list[TrendPoint] = []
    ab_cards: list[tuple[CampaignCard, AbResult]] = []
    sends: dict[int, int] = defaultdict(int)
    for campaign in found:
        names = sorted(
            (segment_name[sid] for sid in targeted.get(campaign.id, ())), key=str.casefold
        )
        card = cards.campaign_card(campaign, names)
        if campaign.type != CampaignType.AUTOMATION:
            for sid in targeted.get(campaign.id, ()):
                sends[sid] += 1
        figures = measured.get(campaign.id)
        if figures is None:
            rows.append(ReviewRow(card, None, {}, False))
            continue
        rows.append(
            ReviewRow(
                card,
                figures.reference,
                kpis.kpi_values(figures.reference),
                figures.privacy_inflated,
            )
        )
        trend.append(
            trend_point(
                campaign.id,
                campaign.name,
                campaign.planned_send_at.astimezone(tz),
                targeted.get(campaign.id, ()),
                figures,
            )
        )
        if figures.ab is not None:
            ab_cards.append((card, figures.ab))

    decisions = {
        cid: text
        for cid, text in session.execute(
            select(StatAnalysis.campaign_id, StatAnalysis.decisions).where(
                StatAnalysis.campaign_id.in_([card.id for card, _ in ab_cards])
            )
        )
    }
    first_week = quarter.start - timedelta(days=quarter.start.weekday())
    last_day = quarter.end - timedelta(days=1)
    last_week = last_day - timedelta(days=last_day.weekday())
    weekly = weekly_sends(
        session,
        client_id,
        segments,
        first_week,
        (last_week - first_week).days // 7 + 1,
        client.timezone,
    )
    totals = _pooled(measured) or Figures()
    previous = measure(session, *_in_quarter(client, quarter.previous()))
    top, flop = _podium(rows)
    return QuarterlyReview(
        branding=settings.branding(session),
        client=cards.client_card(client),
        quarter=quarter,
        rows=tuple(rows),
        totals=totals,
        kpis=_pooled_kpis(measured) or kpis.kpi_values(totals),
        previous_kpis=_pooled_kpis(previous),
        ranked_by=RANKED_BY,
        top=top,
        flop=flop,
        trend=tuple(trend),
        weekly=weekly,
        pressure_cap=client.pressure_cap,
        pressure=_pressure(weekly, sends, segments, client.pressure_cap),
        ab=tuple(
            AbLearning(card, result, _lift(result), decisions.get(card.id) or "")
            for card, result in ab_cards
        ),
        roadmap=roadmap(session, client_id, quarter),
        upcoming=tuple(
            cards.campaign_cards(session, _campaigns(session, _in_quarter(client, quarter.next())))
        ),
        generated_on=today,
    )


def roadmap(session: Session, client_id: int, quarter: Quarter) -> str:
    """The roadmap the operator wrote for the client's review of ``quarter``; "" if none."""
    cards.client_row(session, client_id)
    text = session.scalar(
        select(Roadmap.text).where(Roadmap.client_id == client_id, Roadmap.quarter == str(quarter))
    )
    return text or ""


def save_roadmap(session: Session, client_id: int, quarter: Quarter, text: str) -> Changes:
    """Keep the roadmap of the client's review of ``quarter`` (blank text removes it)."""
    cards.client_row(session, client_id)
    text = text.strip()
    if len(text) > ROADMAP_MAX:
        raise ValidationError(
            [
                FieldProblem(
                    "roadmap",
                    "text_too_long",
                    f"The roadmap is longer than {ROADMAP_MAX:,} characters.",
                )
            ]
        )
    row = session.scalar(
        select(Roadmap).where(Roadmap.client_id == client_id, Roadmap.quarter == str(quarter))
    )
    if not text:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            Roadmap(client_id=client_id, quarter=str(quarter), text=text, updated_at=utcnow())
        )
    else:
        row.text = text
    session.flush()
    return Changes(clients=True)


def save_roadmaps(session: Session, texts: Mapping[tuple[int, Quarter], str]) -> Changes:
    """Every roadmap edited at once (client, quarter → text), in the caller's transaction: all
    kept, or none."""
    changes = Changes()
    for (client_id, quarter), text in texts.items():
        changes |= save_roadmap(session, client_id, quarter, text)
    return changes
