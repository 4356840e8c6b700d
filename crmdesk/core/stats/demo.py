"""Figures for the demo's sent campaigns, so every stats chart has something to show.

Each client has its own audience (open and click rates, basket size); the send slot, the kind
of campaign and chance move each send around it. A D+1 and a D+5 snapshot per sent email, about
one promotion in six as an A/B test, per-domain and per-hour activity for the latest sends, and
the decisions of the analyses already done. One client (Cycles Aubrac, whose bikes sell in its
shops) has no conversion tracking: its figures give no conversions nor revenue, so the demo
shows what "not given" looks like ("—", left out of averages) beside clients that track them.
Deterministic for the caller's ``rng``; bulk inserts.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crmdesk.core.models import (
    AbMetric,
    CampaignStatus,
    CampaignType,
    Channel,
    Client,
    StatAnalysis,
    StatBreakdown,
    StatImport,
    StatSnapshot,
    StatSource,
    table_of,
)
from crmdesk.core.stats.figures import Figures
from crmdesk.core.timezones import wall_clock

OPERATOR = "Camille Moreau"
#: How many of the latest sends carry per-domain and per-hour activity.
BREAKDOWN_CAMPAIGNS = 10
AB_SHARE = 1 / 6
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Audience:
    """A client's usual rates (opens include Apple's proxy opens, as ESPs report them)."""

    open_rate: float
    click_rate: float
    basket: float  # euros per order
    hard_bounce: float
    soft_bounce: float
    #: Whether the client's ESP tracks purchases: without it, conversions and revenue are not
    #: given (None), which is not the same as no sale.
    tracks_conversions: bool = True


AUDIENCES = {
    "Éditions Lumière": Audience(0.31, 0.026, 38.0, 0.003, 0.008),
    "Maison Verlaine": Audience(0.39, 0.041, 64.0, 0.002, 0.006),
    "Cycles Aubrac": Audience(0.27, 0.033, 140.0, 0.004, 0.010, tracks_conversions=False),
    "Fromagerie Lescure": Audience(0.42, 0.047, 52.0, 0.002, 0.007),
}
DEFAULT_AUDIENCE = Audience(0.33, 0.030, 50.0, 0.003, 0.008)

#: (opens, clicks, share of clickers who buy) by kind of campaign: a relance goes to those who
#: did not open the first time, a promotion is made to be clicked.
KIND = {
    CampaignType.NEWSLETTER: (1.0, 0.85, (0.01, 0.03)),
    CampaignType.PROMO: (1.0, 1.25, (0.04, 0.10)),
    CampaignType.RELANCE: (0.55, 0.7, (0.03, 0.08)),
    CampaignType.ERRATUM: (0.8, 0.6, (0.0, 0.01)),
}
#: Early morning and early evening sends are read more, early afternoon ones less.
HOUR_EFFECT = {8: 0.10, 9: 0.04, 10: 0.02, 11: -0.02, 14: -0.08, 18: 0.07}
WEEKDAY_EFFECT = (-0.04, 0.03, 0.0, 0.04, -0.03, -0.06, -0.02)

#: French B2C mailbox providers: share of the list, bounce and open propensity, clicks.
DOMAINS = (
    ("gmail.com", 0.25, 0.6, 0.95, 1.0),
    ("orange.fr", 0.21, 1.6, 1.05, 0.9),
    ("outlook/hotmail", 0.13, 1.2, 0.85, 0.9),
    ("free.fr", 0.09, 1.1, 1.0, 1.0),
    ("icloud", 0.07, 0.5, 0.0, 0.8),  # opens come from Apple's proxy: set apart below
    ("sfr.fr", 0.06, 1.5, 0.9, 0.85),
    ("yahoo", 0.06, 1.0, 0.8, 0.8),
    ("laposte.net", 0.04, 1.3, 1.1, 1.0),
    ("bbox.fr", 0.02, 1.0, 1.0, 1.0),
    ("other", 0.07, 1.8, 0.9, 0.9),
)
HOURS = 72

DECISIONS_GOOD = (
    "Taux de clic au-dessus de la moyenne du client : garder cette structure de bloc produit.",
    "Bon score sur les clics : reprendre le même créneau d'envoi pour la prochaine campagne.",
    "CTOR solide : l'objet a bien porté, tester ensuite un pré-header plus court.",
)
DECISIONS_WEAK = (
    "Clics sous la moyenne : remonter le CTA au-dessus de la ligne de flottaison.",
    "Ouvertures correctes mais peu de clics : alléger le contenu et tester un visuel produit.",
    "Résultat en retrait : cibler les actifs 3 mois pour la prochaine campagne.",
)
DECISIONS_NEXT = (
    "Prochain test A/B : l'objet (question contre bénéfice).",
    "Relance aux non-ouvreurs à J+3 sur le segment principal.",
    "Prochaine cible : les inactifs 6 mois, avec une offre de réactivation.",
    "Surveiller le taux de plainte chez Orange : vérifier la fréquence d'envoi.",
)


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, summing exactly (largest remainders)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    left = total - sum(parts)
    for index in sorted(range(len(exact)), key=lambda i: parts[i] - exact[i])[:left]:
        parts[index] += 1
    return parts


def _given(value: int | None) -> int:
    """A figure the demo itself generated (never None: only conversions and revenue may be)."""
    assert value is not None
    return value


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _figures(
    sent: int,
    audience: Audience,
    kind: CampaignType,
    slot: float,
    rng: random.Random,
    *,
    click_lift: float = 0.0,
) -> Figures:
    """The settled (D+5) figures of one send or one variant."""
    opens_factor, clicks_factor, conversion = KIND.get(kind, KIND[CampaignType.NEWSLETTER])
    hard = round(sent * audience.hard_bounce * rng.uniform(0.6, 1.4))
    soft = round(sent * audience.soft_bounce * rng.uniform(0.6, 1.4))
    delivered = sent - hard - soft
    open_rate = _clamp(
        audience.open_rate * opens_factor * (1 + slot) * rng.gauss(1, 0.07), 0.05, 0.62
    )
    unique_opens = round(delivered * open_rate)
    click_rate = _clamp(
        audience.click_rate * clicks_factor * (1 + slot / 2) * (1 + click_lift) * rng.gauss(1, 0.1),
        0.002,
        0.15,
    )
    unique_clicks = min(round(delivered * click_rate), unique_opens)
    conversions: int | None = round(unique_clicks * rng.uniform(*conversion))
    revenue: Decimal | None = Decimal(
        (conversions or 0) * audience.basket * rng.uniform(0.8, 1.25)
    ).quantize(_CENT)
    if not audience.tracks_conversions:
        conversions = revenue = None
    return Figures(
        sent=sent,
        delivered=delivered,
        hard_bounces=hard,
        soft_bounces=soft,
        unique_opens=unique_opens,
        total_opens=round(unique_opens * rng.uniform(1.3, 1.9)),
        unique_clicks=unique_clicks,
        total_clicks=round(unique_clicks * rng.uniform(1.15, 1.6)),
        unsubscribes=round(
            delivered * rng.uniform(0.001, 0.003) * (1.6 if kind is CampaignType.RELANCE else 1)
        ),
        complaints=round(delivered * rng.uniform(0.00003, 0.0003)),
        conversions=conversions,
        revenue=revenue,
    )


def _day_one(final: Figures) -> Figures:
    """The same send read at D+1: bounces are known, opens and clicks still coming in."""
    opens = round(_given(final.unique_opens) * 0.82)
    clicks = min(round(_given(final.unique_clicks) * 0.86), opens)
    return final.with_values(
        unique_opens=opens,
        total_opens=max(round(_given(final.total_opens) * 0.78), opens),
        unique_clicks=clicks,
        total_clicks=max(round(_given(final.total_clicks) * 0.84), clicks),
        unsubscribes=round(_given(final.unsubscribes) * 0.8),
        complaints=round(_given(final.complaints) * 0.7),
        conversions=None if final.conversions is None else round(final.conversions * 0.7),
        revenue=None if final.revenue is None else (final.revenue * Decimal("0.7")).quantize(_CENT),
    )


def _snapshot_row(
    campaign_id: int,
    variant: str,
    day: date,
    figures: Figures,
    source: StatSource,
    source_name: str,
) -> dict[str, object]:
    return {
        "campaign_id": campaign_id,
        "variant": variant,
        "taken_on": day,
        "sent": figures.sent,
        "delivered": figures.delivered,
        "hard_bounces": figures.hard_bounces,
        "soft_bounces": figures.soft_bounces,
        "unique_opens": figures.unique_opens,
        "total_opens": figures.total_opens,
        "unique_clicks": figures.unique_clicks,
        "total_clicks": figures.total_clicks,
        "unsubscribes": figures.unsubscribes,
        "complaints": figures.complaints,
        "conversions": figures.conversions,
        "revenue": figures.revenue,
        "source": source,
        "source_name": source_name,
        "updated_at": datetime.combine(day, time(9, 30), UTC),
    }


def _source(esp: str, campaign_id: int, day: date) -> tuple[StatSource, str]:
    """How the operator brought the figures in: the ESP's export when crmdesk reads it, typed
    from the ESP's screen otherwise."""
    if esp == "Brevo":
        return StatSource.BREVO, f"brevo-campagne-{campaign_id}-{day:%Y%m%d}.csv"
    if esp == "Mailchimp":
        return StatSource.MAILCHIMP, f"mailchimp-campaigns-{day:%Y%m%d}.csv"
    return StatSource.TYPED, ""


def _breakdowns(
    campaign_id: int, figures: Figures, send_local: datetime, rng: random.Random
) -> list[dict[str, object]]:
    """Per-domain people and per-hour events consistent with ``figures``."""
    rows: list[dict[str, object]] = []
    shares = [d[1] * rng.uniform(0.9, 1.1) for d in DOMAINS]
    delivered = _allocate(_given(figures.delivered), shares)
    bounces = _allocate(
        _given(figures.hard_bounces) + _given(figures.soft_bounces),
        [s * d[2] for s, d in zip(shares, DOMAINS, strict=True)],
    )
    apple = next(i for i, d in enumerate(DOMAINS) if d[0] == "icloud")
    apple_opens = min(
        round(delivered[apple] * rng.uniform(0.62, 0.92)), _given(figures.unique_opens)
    )
    weights = [n * d[3] for n, d in zip(delivered, DOMAINS, strict=True)]
    opens = _allocate(_given(figures.unique_opens) - apple_opens, weights)
    opens[apple] = apple_opens
    opens = [min(o, n) for o, n in zip(opens, delivered, strict=True)]
    clicks = _allocate(
        _given(figures.unique_clicks), [n * d[4] for n, d in zip(delivered, DOMAINS, strict=True)]
    )
    clicks = [min(c, o) for c, o in zip(clicks, opens, strict=True)]
    unsubscribes = _allocate(_given(figures.unsubscribes), delivered)
    complaints = _allocate(
        _given(figures.complaints), [n * d[2] for n, d in zip(delivered, DOMAINS, strict=True)]
    )
    for index, (key, *_) in enumerate(DOMAINS):
        rows.append(
            {
                "campaign_id": campaign_id,
                "variant": "",
                "dimension": "domain",
                "key": key,
                "delivered": delivered[index],
                "bounces": bounces[index],
                "opens": opens[index],
                "clicks": clicks[index],
                "unsubscribes": unsubscribes[index],
                "complaints": complaints[index],
            }
        )
    # Opens fade over the hours after the send, and nobody reads at night.
    awake = [1.0 if 7 <= (send_local.hour + h) % 24 <= 22 else 0.12 for h in range(HOURS)]
    open_weights = [awake[h] * (math.exp(-h / 6) + 0.04) for h in range(HOURS)]
    click_weights = [awake[h] * (math.exp(-h / 4) + 0.02) for h in range(HOURS)]
    hour_opens = _allocate(_given(figures.total_opens), open_weights)
    hour_clicks = _allocate(_given(figures.total_clicks), click_weights)
    for hour in range(HOURS):
        if hour_opens[hour] or hour_clicks[hour]:
            rows.append(
                {
                    "campaign_id": campaign_id,
                    "variant": "",
                    "dimension": "hour",
                    "key": str(hour),
                    "delivered": 0,
                    "bounces": 0,
                    "opens": hour_opens[hour],
                    "clicks": hour_clicks[hour],
                    "unsubscribes": 0,
                    "complaints": 0,
                }
            )
    return rows


def _decisions(figures: Figures, audience: Audience, ab_note: str, rng: random.Random) -> str:
    clicks, delivered = _given(figures.unique_clicks), _given(figures.delivered)
    click_rate = clicks / delivered if delivered else 0.0
    first = rng.choice(DECISIONS_GOOD if click_rate >= audience.click_rate else DECISIONS_WEAK)
    return " ".join(filter(None, (ab_note, first, rng.choice(DECISIONS_NEXT))))


def write_demo_stats(
    session: Session, rows: list[dict[str, object]], today: date, rng: random.Random
) -> None:
    """Snapshots, A/B variants, activity breakdowns and analyses for the demo's sent emails.

    ``rows`` are the campaign rows ``demo.populate`` inserted. Every email sent at least a day
    before ``today`` (automation scenarios aside: they have no single send to read) gets its
    D+1 figures, and its D+5 ones from five days on.
    """
    from crmdesk.core.stats import abtest

    audiences = {
        cid: AUDIENCES.get(name, DEFAULT_AUDIENCE)
        for cid, name in session.execute(select(Client.id, Client.name))
    }
    eligible: list[tuple[datetime, dict[str, object]]] = []
    for row in rows:
        status = row["status"]
        at = row["planned_send_at"]
        assert isinstance(status, CampaignStatus) and isinstance(at, datetime)
        if (
            row["channel"] is not Channel.EMAIL
            or row["type"] not in KIND
            or status.rank < CampaignStatus.SENT.rank
            or not row.get("volume")
        ):
            continue
        local = wall_clock(at, str(row.get("send_timezone") or "Europe/Paris"))
        if (today - local.date()).days >= 1:
            eligible.append((local, row))
    eligible.sort(key=lambda found: (found[0], int(found[1]["id"])))  # type: ignore[call-overload]
    latest = {int(r["id"]) for _, r in eligible[-BREAKDOWN_CAMPAIGNS:]}  # type: ignore[call-overload]

    snapshots: list[dict[str, object]] = []
    breakdowns: list[dict[str, object]] = []
    imports: list[dict[str, object]] = []
    analyses: list[dict[str, object]] = []
    overridden = False
    for local, row in eligible:
        campaign_id = int(row["id"])  # type: ignore[call-overload]
        kind = row["type"]
        assert isinstance(kind, CampaignType)
        audience = audiences.get(int(row["client_id"]), DEFAULT_AUDIENCE)  # type: ignore[call-overload]
        sent = int(row["volume"])  # type: ignore[call-overload]
        slot = HOUR_EFFECT.get(local.hour, 0.0) + WEEKDAY_EFFECT[local.weekday()]
        send_day = local.date()
        age = (today - send_day).days
        days = [1, 5] if age >= 5 else [1]
        esp = str(row.get("esp") or "")

        variants: list[tuple[str, Figures]] = []
        ab_note = ""
        if kind is CampaignType.PROMO and rng.random() < AB_SHARE and sent >= 2_000:
            significant = rng.random() < 0.55
            lift = rng.uniform(0.18, 0.4) if significant else rng.uniform(-0.03, 0.03)
            if rng.random() < 0.3:
                lift = -lift
            half = sent // 2
            seed = rng.random()
            a = _figures(half, audience, kind, slot, random.Random(seed))
            b = _figures(sent - half, audience, kind, slot, random.Random(seed), click_lift=lift)
            variants = [("A", a), ("B", b)]
            final = a + b
            result = abtest.compare(
                [(n, _given(f.unique_clicks), _given(f.delivered)) for n, f in variants],
                0.95,
                "clicks",
            )
            if result.tested_winner:
                ab_note = f"Test A/B : la version {result.tested_winner} gagne sur les clics."
            else:
                ab_note = (
                    "Test A/B sans gagnant significatif : refaire le test avec plus de volume."
                )
        else:
            final = _figures(sent, audience, kind, slot, rng)

        for offset in days:
            day = send_day + timedelta(days=offset)
            source, source_name = _source(esp, campaign_id, day)
            if campaign_id in latest and offset == days[-1]:
                source = StatSource.ACTIVITY
                source_name = f"activite-campagne-{campaign_id}.csv"
            parts = [(n, f if offset == 5 else _day_one(f)) for n, f in variants]
            read = final if offset == 5 else _day_one(final)
            if parts:  # the campaign is its variants together, to the unit
                read = parts[0][1] + parts[1][1]
            snapshots.append(_snapshot_row(campaign_id, "", day, read, source, source_name))
            for name, part in parts:
                snapshots.append(_snapshot_row(campaign_id, name, day, part, source, source_name))
            if source_name:
                imports.append(
                    {
                        "campaign_id": campaign_id,
                        "sha256": hashlib.sha256(source_name.encode()).hexdigest(),
                        "source_name": source_name,
                        "layout": source.value,
                        "taken_on": day,
                        "rows": (
                            _given(read.delivered)
                            + _given(read.total_opens)
                            + _given(read.total_clicks)
                        )
                        if source is StatSource.ACTIVITY
                        else 1,
                        "imported_by": OPERATOR,
                        "imported_at": datetime.combine(day, time(9, 30), UTC),
                    }
                )
        if campaign_id in latest:
            breakdowns.extend(_breakdowns(campaign_id, read, local, rng))  # the latest read

        status = row["status"]
        if status in (CampaignStatus.ANALYSED, CampaignStatus.CLOSED) and age >= 5:
            analysis: dict[str, object] = {
                "campaign_id": campaign_id,
                "decisions": _decisions(final, audience, ab_note, rng),
                "ab_metric": AbMetric.CLICKS,
                "winner_override": None,
                "override_by": "",
                "override_at": None,
                "override_reason": "",
                "updated_at": datetime.combine(send_day + timedelta(days=5), time(11), UTC),
            }
            if variants and not overridden and "sans gagnant" in ab_note:
                # One test decided by hand, as happens: the client liked B's visual anyway.
                overridden = True
                analysis["winner_override"] = "B"
                analysis["override_by"] = OPERATOR
                analysis["override_at"] = datetime.combine(
                    send_day + timedelta(days=5), time(11), UTC
                )
                analysis["override_reason"] = (
                    "Pas de différence significative ; le client préfère le visuel de B."
                )
            analyses.append(analysis)

    if snapshots:
        session.execute(insert(table_of(StatSnapshot)), snapshots)
    if breakdowns:
        session.execute(insert(table_of(StatBreakdown)), breakdowns)
    if imports:
        session.execute(insert(table_of(StatImport)), imports)
    if analyses:
        session.execute(insert(table_of(StatAnalysis)), analyses)
