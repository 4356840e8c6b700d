"""A realistic demo workspace: fictional French clients and a year of their campaigns.

Deterministic for a seed and a reference day, so benchmarks and screenshots can be reproduced.
Rows go in with a few bulk inserts in one transaction: 20,000 campaigns take a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlalchemy.orm import Session

from crmdesk.core import contacts
from crmdesk.core.models import (
    BatDecision,
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    ChecklistPhase,
    ChecklistState,
    Client,
    Contact,
    Operator,
    Persona,
    RaciRole,
    Segment,
    SmtpAccount,
    SmtpSecurity,
    campaign_segments,
    table_of,
)
from crmdesk.core.timezones import local_to_instant

if TYPE_CHECKING:
    from crmdesk.core.briefs.content import BriefContent

DEFAULT_SEED = 2026
DEFAULT_CAMPAIGNS = 360
TZ = "Europe/Paris"

MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


@dataclass(frozen=True)
class DemoClient:
    name: str
    colour: str
    sender_name: str
    sender_address: str
    esp: str
    cap: int
    brief: int
    bat: int
    rate: int
    segments: tuple[tuple[str, int], ...]
    promos: tuple[tuple[str, tuple[int, ...]], ...]  # name, months it runs in
    contacts: tuple[tuple[str, str, RaciRole], ...]
    tone: str = "vous"
    banned_words: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    palette: tuple[str, ...] = ()


CLIENTS = (
    DemoClient(
        "Éditions Lumière",
        "#2563eb",
        "Éditions Lumière",
        "newsletter@editions-lumiere.fr",
        "Brevo",
        3,
        12,
        2,
        550,
        (
            ("Abonnés actifs", 184_000),
            ("Abonnés papier", 62_000),
            ("Inactifs 6 mois", 95_000),
            ("Prospects offre découverte", 41_000),
        ),
        (
            ("Offre de printemps -40 % sur tous nos magazines", (3, 4, 5)),
            ("Abonnement à offrir pour Noël", (11, 12)),
            ("Vente flash presse", (1, 2, 6, 7, 8, 9, 10)),
        ),
        (
            ("Claire Dubois", "claire.dubois@editions-lumiere.fr", RaciRole.ACCOUNTABLE),
            ("Marc Leroy", "marc.leroy@editions-lumiere.fr", RaciRole.CONSULTED),
        ),
        banned_words=("pas cher", "gratuit"),
        mentions=("Offre réservée aux nouveaux abonnés",),
        palette=("#2563eb", "#1e293b", "#6b7280", "#f3f4f6", "#f9fafb", "#e5e7eb"),
    ),
    DemoClient(
        "Maison Verlaine",
        "#db2777",
        "Maison Verlaine",
        "bonjour@maison-verlaine.fr",
        "Splio",
        2,
        10,
        3,
        600,
        (("Clientes fidèles", 58_000), ("Nouvelles inscrites", 12_500), ("VIP", 4_800)),
        (
            ("Soins d'hiver : -20 %", (1, 2, 11, 12)),
            ("Coffrets fête des mères", (4, 5)),
            ("Ventes privées VIP", (3, 6, 7, 9, 10)),
            ("Solaires : l'été en douceur", (6, 7, 8)),
        ),
        (
            ("Sophie Martin", "s.martin@maison-verlaine.fr", RaciRole.ACCOUNTABLE),
            ("Julien Petit", "j.petit@maison-verlaine.fr", RaciRole.INFORMED),
        ),
        banned_words=("low cost", "promo de folie"),
        mentions=("Offre valable dans la limite des stocks disponibles",),
        palette=("#db2777", "#3f1d2e", "#6b7280", "#f3f4f6", "#f9fafb", "#e5e7eb"),
    ),
    DemoClient(
        "Cycles Aubrac",
        "#16a34a",
        "Cycles Aubrac",
        "contact@cycles-aubrac.fr",
        "Mailchimp",
        2,
        8,
        2,
        500,
        (("Clients atelier", 23_000), ("Cyclistes urbains", 31_000), ("Panier abandonné", 3_200)),
        (
            ("Révision vélo offerte", (2, 3, 4, 9, 10)),
            ("Nouveaux VAE de la saison", (5, 6, 7, 8)),
            ("Soldes accessoires", (1, 7, 11, 12)),
        ),
        (("Thomas Garnier", "thomas@cycles-aubrac.fr", RaciRole.ACCOUNTABLE),),
        tone="tu",
        mentions=("Pour ta sécurité, porte un casque",),
        palette=("#16a34a", "#14291b", "#6b7280", "#f3f4f6", "#f9fafb", "#e5e7eb"),
    ),
    DemoClient(
        "Fromagerie Lescure",
        "#d97706",
        "La Fromagerie Lescure",
        "lettre@fromagerie-lescure.fr",
        "Actito",
        2,
        7,
        2,
        450,
        (("Gourmets", 17_000), ("Clients boutique", 8_400), ("Comités d'entreprise", 1_100)),
        (
            ("Plateaux de fêtes", (11, 12)),
            ("Raclette party", (1, 2, 10)),
            ("Fromages d'été", (5, 6, 7, 8)),
            ("Fromages de printemps", (3, 4, 9)),
        ),
        (
            ("Élodie Lescure", "elodie@fromagerie-lescure.fr", RaciRole.ACCOUNTABLE),
            ("Hugo Bernard", "hugo@fromagerie-lescure.fr", RaciRole.RESPONSIBLE),
        ),
        banned_words=("industriel",),
        mentions=("Pour votre santé, mangez au moins cinq fruits et légumes par jour",),
        palette=("#d97706", "#3b2506", "#6b7280", "#f3f4f6", "#f9fafb", "#e5e7eb"),
    ),
)

SEND_TIMES = (time(8, 0), time(9, 30), time(10, 0), time(11, 0), time(14, 0), time(18, 0))


def _status_for(send_day: date, today: date, rng: random.Random) -> CampaignStatus:
    """A status plausible for a send on ``send_day`` seen from ``today`` (a few late ones)."""
    delta = (send_day - today).days
    late = rng.random() < 0.04
    if delta < -35:
        return CampaignStatus.CLOSED if rng.random() < 0.8 else CampaignStatus.ANALYSED
    if delta < -6:
        return CampaignStatus.SENT if late else CampaignStatus.ANALYSED
    if delta < 0:
        return CampaignStatus.SENT
    if delta == 0:
        return CampaignStatus.SCHEDULED
    if delta <= 3:
        return (
            CampaignStatus.BAT
            if late
            else rng.choice([CampaignStatus.APPROVED, CampaignStatus.SCHEDULED])
        )
    if delta <= 10:
        return (
            CampaignStatus.PRODUCTION
            if late
            else rng.choice([CampaignStatus.BAT, CampaignStatus.PRODUCTION])
        )
    if delta <= 30:
        return rng.choice([CampaignStatus.BRIEF, CampaignStatus.PRODUCTION])
    return rng.choice([CampaignStatus.DRAFT, CampaignStatus.BRIEF])


def populate(
    session: Session,
    campaigns: int = DEFAULT_CAMPAIGNS,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> int:
    """Fill an empty workspace; returns the number of campaigns written."""
    rng = random.Random(seed)
    today = today or date.today()
    first_day = today - timedelta(days=240)
    span = 365

    # The demo's operator signs its decisions and heads its reports.
    session.add(
        Operator(name=OPERATOR, email="camille@moreau-crm.example", company="Moreau CRM Conseil")
    )
    client_ids: list[int] = []
    segments: dict[int, list[tuple[int, int]]] = {}
    for spec in CLIENTS:
        client = Client(
            name=spec.name,
            colour=spec.colour,
            sender_name=spec.sender_name,
            sender_address=spec.sender_address,
            utm_convention="utm_source={esp}&utm_medium=email&utm_campaign={campaign}",
            pressure_cap=spec.cap,
            brief_offset_days=spec.brief,
            bat_offset_days=spec.bat,
            analysis_offset_days=5,
            daily_rate=Decimal(spec.rate),
            timezone=TZ,
            tone=spec.tone,
            banned_words=list(spec.banned_words),
            required_mentions=list(spec.mentions),
            palette=list(spec.palette),
        )
        client.segments = [Segment(name=n, estimated_size=s) for n, s in spec.segments]
        client.contacts = [
            Contact(name=n, email=e, raci_role=r, **contacts.default_flags(r))
            for n, e, r in spec.contacts
        ]
        session.add(client)
        session.flush()
        session.add_all(Persona(client_id=client.id, name=n, fields=f) for n, f in PERSONAS)
        client_ids.append(client.id)
        segments[client.id] = [(s.id, s.estimated_size) for s in client.segments]
    # A local relay (MailHog, smtp4dev…) needs no password, so the demo can send a BAT for real.
    session.add(
        SmtpAccount(
            name="Relais local",
            host="127.0.0.1",
            port=1025,
            security=SmtpSecurity.NONE,
            username="",
            sender="camille@moreau-crm.fr",
        )
    )

    # Each client's weekly newsletter to its main segment, then one-off sends to fill the count:
    # promotions, a relance to non-openers two days after some of them, a rare erratum the day
    # after, and a welcome scenario.
    plans: list[tuple[date, time, int, CampaignType, int]] = []  # day, time, client, type, segment
    weeks = span // 7
    newsletter_budget = min(campaigns // 2, weeks * len(CLIENTS))
    for n in range(newsletter_budget):
        index = n % len(CLIENTS)
        week = n // len(CLIENTS)
        monday = first_day - timedelta(days=first_day.weekday())
        day = monday + timedelta(days=7 * week + index % 5)
        plans.append((day, SEND_TIMES[index + 1], index, CampaignType.NEWSLETTER, 0))
    for _ in range(campaigns - len(plans)):
        index = rng.randrange(len(CLIENTS))
        day = first_day + timedelta(days=rng.randrange(span))
        if day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - 4)
        roll = rng.random()
        ctype = (
            CampaignType.AUTOMATION
            if roll < 0.02
            else CampaignType.ERRATUM
            if roll < 0.04
            else CampaignType.RELANCE
            if roll < 0.30
            else CampaignType.PROMO
        )
        segment = rng.randrange(len(CLIENTS[index].segments))
        plans.append((day, rng.choice(SEND_TIMES), index, ctype, segment))
    plans.sort(key=lambda p: (p[0], p[1], p[2]))

    rows: list[dict[str, object]] = []
    links: list[dict[str, int]] = []
    last_sent: dict[int, tuple[int, date, str, int]] = {}
    next_id = 1
    for day, at, index, ctype, segment in plans:
        spec = CLIENTS[index]
        client_id = client_ids[index]
        parent_id = None
        if ctype is CampaignType.NEWSLETTER:
            name = f"Newsletter S{day.isocalendar().week} – {MONTHS_FR[day.month - 1]}"
        elif ctype in (CampaignType.RELANCE, CampaignType.ERRATUM) and client_id in last_sent:
            parent_id, parent_day, parent_name, segment = last_sent[client_id]
            day = max(day, parent_day + timedelta(days=2 if ctype is CampaignType.RELANCE else 1))
            prefix = "Relance non-ouvreurs" if ctype is CampaignType.RELANCE else "Oups ! Erratum"
            name = f"{prefix} – {parent_name}"
        elif ctype is CampaignType.AUTOMATION:
            name = "Scénario de bienvenue"
        else:
            ctype = CampaignType.PROMO
            name = rng.choice([n for n, months in spec.promos if day.month in months])
        channel = Channel.EMAIL
        if ctype is CampaignType.PROMO and rng.random() < 0.1:
            channel = Channel.SMS
        elif ctype is CampaignType.AUTOMATION and rng.random() < 0.3:
            channel = Channel.PUSH
        instant = local_to_instant(day, at, TZ)
        assert instant is not None  # SEND_TIMES avoid the DST gap
        status = _status_for(day, today, rng)
        segment_id, size = segments[client_id][segment]
        rows.append(
            {
                "id": next_id,
                "client_id": client_id,
                "name": name,
                "channel": channel,
                "type": ctype,
                "parent_id": parent_id,
                "status": status,
                "planned_send_at": instant,
                "send_timezone": TZ,
                "volume": int(size * rng.uniform(0.85, 1.0)),
                "subject": name,
                "preheader": "",
                "esp": spec.esp,
                "notes": "",
                "created_at": datetime.combine(day - timedelta(days=20), time(9), tzinfo=UTC),
                "updated_at": datetime.combine(day - timedelta(days=2), time(9), tzinfo=UTC),
            }
        )
        links.append({"campaign_id": next_id, "segment_id": segment_id})
        if ctype is CampaignType.PROMO:
            last_sent[client_id] = (next_id, day, name, segment)
        next_id += 1

    if rows:
        from crmdesk.core import chain

        chain.pause(session)  # settled below for the campaigns in play, not all thousands
        session.execute(insert(table_of(Campaign)), rows)
        session.execute(insert(campaign_segments), links)
        _write_briefs(session, rows, dict(zip(client_ids, CLIENTS, strict=True)), today, rng)
        _write_checklists(session, rows, today, rng)
        _write_check_runs(session, rows, dict(zip(client_ids, CLIENTS, strict=True)), today, rng)
        from crmdesk.core.stats.demo import write_demo_stats

        write_demo_stats(session, rows, today, rng)
        for row in rows:
            if row["status"] in CHECKED_STATUSES and _around(row, today):
                chain.follow(session, int(row["id"]), OPERATOR)  # type: ignore[call-overload]
    return len(rows)


def _around(row: dict[str, object], today: date) -> bool:
    at = row["planned_send_at"]
    assert isinstance(at, datetime)
    return abs((at.date() - today).days) <= AROUND_DAYS


DOMAINS = {
    "Éditions Lumière": "editions-lumiere.fr",
    "Maison Verlaine": "maison-verlaine.fr",
    "Cycles Aubrac": "cycles-aubrac.fr",
    "Fromagerie Lescure": "fromagerie-lescure.fr",
}
ONE_LINERS = (
    "l'offre est à -40 % sur tous nos magazines, et la performance doit monter",
    "on refait comme la dernière fois mais en mieux ?",
    "envoi à caler avant les vacances, visuels à venir",
)


def _brief_for(
    row: dict[str, object], client: DemoClient, today: date, rng: random.Random
) -> BriefContent:
    """A brief as real ones arrive: complete for what went out, thinner the further ahead."""
    from crmdesk.core.briefs.content import Asset, BriefContent, Cta, KpiTargets, Tone

    send_at = row["planned_send_at"]
    assert isinstance(send_at, datetime)
    send_day = send_at.date()
    name = str(row["name"])
    ahead = (send_day - today).days
    if ahead > 30 and rng.random() < 0.5:
        return BriefContent(notes=rng.choice(ONE_LINERS))
    domain = DOMAINS[client.name]
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")[:40]
    url = f"https://www.{domain}/{slug}?utm_source={client.esp.lower()}&utm_medium=email"
    promo = row["type"] is CampaignType.PROMO
    complete = ahead < 10 or rng.random() < 0.6
    return BriefContent(
        context=f"{name} — {client.name}. Campagne prévue le {send_day:%d/%m/%Y}.",
        primary_objective=(
            "Générer des ventes sur l'offre" if promo else "Entretenir la relation et le trafic"
        ),
        secondary_objectives="Recruter de nouveaux abonnés" if rng.random() < 0.3 else "",
        kpi_targets=KpiTargets(
            open_rate=round(rng.uniform(18, 32), 1),
            click_rate=round(rng.uniform(1.5, 4.5), 1) if complete else None,
            conversions=rng.randrange(50, 400) if promo else None,
        ),
        target=f"Segment principal ({client.segments[0][0]})",
        offer=name if promo else "",
        offer_conditions="Dans la limite des stocks disponibles." if promo else "",
        offer_valid_from=send_day if promo else None,
        offer_valid_until=send_day + timedelta(days=10) if promo else None,
        promo_code=f"{slug.split('-')[0].upper()[:10]}{send_day:%y}" if promo else "",
        key_message=f"{name} : c'est le moment d'en profiter." if promo else f"À la une : {name}",
        subject_ideas=(name, f"{name} : à ne pas manquer !", f"Dernière chance : {name}")[
            : 3 if complete else 1
        ],
        preheader_idea="Découvrez la sélection du moment" if complete else "",
        ctas=(Cta("J'en profite" if promo else "Lire la suite", url if complete else ""),),
        mandatory_mentions=(
            "Désinscription à tout moment via le lien en bas de page." if complete else ""
        ),
        assets=(
            Asset(
                "Visuel principal 600 px",
                f"https://cdn.{domain}/visuel.jpg",
                send_day - timedelta(days=5),
            ),
        ),
        assets_due=send_day - timedelta(days=5),
        bat_due=send_day - timedelta(days=client.bat),
        send_due=send_day,
        tone=(Tone.TU if client.name == "Cycles Aubrac" else Tone.VOUS) if complete else None,
        notes="Brief validé en réunion." if complete else "",
    )


def _write_briefs(
    session: Session,
    rows: list[dict[str, object]],
    specs: dict[int, DemoClient],
    today: date,
    rng: random.Random,
) -> None:
    """Briefs, their first version and the search index for the demo's campaigns."""
    from crmdesk.core import fts
    from crmdesk.core.models import Brief, BriefVersion

    briefs: list[dict[str, object]] = []
    versions: list[dict[str, object]] = []
    index: list[dict[str, object]] = []
    for row in rows:
        campaign_id = int(row["id"])  # type: ignore[call-overload]
        body = fts.campaign_text(str(row["name"]), str(row["subject"]), "", "")
        index.append({"campaign_id": campaign_id, "field": "campaign", "body": body})
        if row["status"] is CampaignStatus.DRAFT and rng.random() < 0.5:
            continue  # not every draft has its brief yet
        content = _brief_for(row, specs[int(row["client_id"])], today, rng)  # type: ignore[call-overload]
        document = content.to_dict()
        # Written two days after the campaign was planned: before its BAT rounds, as in life.
        saved = row["created_at"] + timedelta(days=2)  # type: ignore[operator]
        briefs.append(
            {
                "id": len(briefs) + 1,
                "campaign_id": campaign_id,
                "content": document,
                "updated_at": saved,
            }
        )
        versions.append(
            {
                "brief_id": len(briefs),
                "number": 1,
                "editing_session": "demo",
                "summary": "",
                "content": document,
                "created_at": saved,
                "saved_at": saved,
            }
        )
        index.extend(
            {"campaign_id": campaign_id, "field": field, "body": body}
            for field, body in content.searchable_text().items()
        )
    # Core inserts: one executemany each, without the ORM's per-batch bookkeeping.
    session.execute(insert(table_of(Brief)), briefs)
    session.execute(insert(table_of(BriefVersion)), versions)
    fts.bulk_index(session, index)


#: The first status at which each phase of the chain is behind the campaign.
_PHASE_DONE_FROM = {
    ChecklistPhase.STRATEGY: CampaignStatus.BRIEF,
    ChecklistPhase.PRODUCTION: CampaignStatus.BAT,
    ChecklistPhase.BAT: CampaignStatus.APPROVED,
    ChecklistPhase.SEND: CampaignStatus.SENT,
    ChecklistPhase.ANALYSIS: CampaignStatus.ANALYSED,
}
OPERATOR = "Camille Moreau"
#: Sample recipients filling the personalisation tags of previews and test sends.
PERSONAS = (
    (
        "Claire, fidèle",
        {
            "civility": "Mme",
            "firstname": "Claire",
            "lastname": "Dubois",
            "email": "claire.dubois@example.fr",
            "city": "Nantes",
            "zip": "44000",
        },
    ),
    (
        "Karim, nouveau client",
        {
            "civility": "M.",
            "firstname": "Karim",
            "lastname": "Benali",
            "email": "karim.benali@example.fr",
            "city": "Lille",
        },
    ),
)
FAILED_COMMENTS = (
    "Le client veut revoir le visuel principal",
    "Segment à recalculer : export incomplet",
    "Lien de la page produit en 404, à corriger",
)


def _write_checklists(
    session: Session, rows: list[dict[str, object]], today: date, rng: random.Random
) -> None:
    """Every campaign's checklist, in the state its status implies: phases behind it done
    (with who and when), a few items not applicable or failed, and what is late left to do."""
    from crmdesk.core import checklists
    from crmdesk.core.models import ChecklistItem
    from crmdesk.core.timezones import wall_clock

    template = checklists.default_template()
    items: list[dict[str, object]] = []
    for row in rows:
        status = row["status"]
        assert isinstance(status, CampaignStatus)
        at = row["planned_send_at"]
        assert isinstance(at, datetime)
        send_day = wall_clock(at, TZ).date()
        for item in checklists.item_rows(int(row["id"]), send_day, template):  # type: ignore[call-overload]
            phase = item["phase"]
            assert isinstance(phase, ChecklistPhase)
            due = item["due_on"]
            assert isinstance(due, date)
            if status.rank >= _PHASE_DONE_FROM[phase].rank:
                roll = rng.random()
                if row["channel"] is not Channel.EMAIL and item["check"]:
                    item["state"] = ChecklistState.NOT_APPLICABLE
                elif roll < 0.03:
                    item["state"] = ChecklistState.NOT_APPLICABLE
                else:
                    item["state"] = ChecklistState.DONE
                done_day = min(due, today) - timedelta(days=rng.randrange(0, 2))
                item["done_by"] = OPERATOR
                item["done_at"] = datetime.combine(done_day, time(9 + rng.randrange(9)), UTC)
            elif due < today and rng.random() < 0.25:
                item["state"] = ChecklistState.FAILED
                item["done_by"] = OPERATOR
                item["done_at"] = datetime.combine(due, time(16), UTC)
                item["comment"] = rng.choice(FAILED_COMMENTS)
            items.append(item)
        if len(items) >= 25_000:  # in chunks: a 20,000-campaign demo has half a million items
            session.execute(insert(table_of(ChecklistItem)), items)
            items.clear()
    if items:
        session.execute(insert(table_of(ChecklistItem)), items)


#: Campaigns whose email is being built or reviewed around the reference day have a check run.
CHECKED_STATUSES = (
    CampaignStatus.PRODUCTION,
    CampaignStatus.BAT,
    CampaignStatus.APPROVED,
    CampaignStatus.SCHEDULED,
    CampaignStatus.SENT,
    CampaignStatus.ANALYSED,
    CampaignStatus.CLOSED,
)
MAX_CHECK_RUNS = 60
AROUND_DAYS = 30
PRODUCT_NAMES = (
    "Sélection de la semaine",
    "Coup de cœur de l'équipe",
    "Nouveauté",
    "Best-seller",
    "Édition limitée",
)


def _write_check_runs(
    session: Session,
    rows: list[dict[str, object]],
    specs: dict[int, DemoClient],
    today: date,
    rng: random.Random,
) -> None:
    """Check the emails of the campaigns in production or review closest to ``today`` (within a
    month), so their checklists show automatic ticks, and a few failures, as in real life.
    From the BAT on, the email comes in as BAT rounds: a first proof with a mistake or two, the
    client's feedback, then the corrected proof the client approved (still pending at ``bat``)."""
    from crmdesk.core import checklists
    from crmdesk.core.checks.engine import check_bytes
    from crmdesk.core.demo_emails import FLAWS, EmailBrand, campaign_email, email_images
    from crmdesk.core.timezones import wall_clock

    around: list[tuple[int, date, dict[str, object]]] = []
    for row in rows:
        at = row["planned_send_at"]
        assert isinstance(at, datetime)
        day = wall_clock(at, TZ).date()
        if (
            row["status"] in CHECKED_STATUSES
            and row["channel"] is Channel.EMAIL
            and abs((day - today).days) <= AROUND_DAYS
        ):
            around.append((abs((day - today).days), day, row))
    # The closest ones, whatever the demo's size: a 20,000-campaign benchmark needs no more.
    around.sort(key=lambda found: (found[0], int(found[2]["id"])))  # type: ignore[call-overload]
    for _, day, row in around[:MAX_CHECK_RUNS]:
        spec = specs[int(row["client_id"])]  # type: ignore[call-overload]
        brand = EmailBrand(
            spec.name,
            DOMAINS[spec.name],
            spec.colour,
            spec.palette[1] if len(spec.palette) > 1 else "#111827",
            spec.esp,
            spec.tone,
            spec.mentions[0] if spec.mentions else "",
        )
        name = str(row["name"])
        slug = checklists.campaign_slug(name)
        products = tuple(
            (f"{label} – {name.split(' – ')[0]}", f"{rng.randrange(9, 90)},90 €", f"p{n}")
            for n, label in enumerate(rng.sample(PRODUCT_NAMES, 3))
        )
        status = row["status"]
        assert isinstance(status, CampaignStatus)
        campaign_id = int(row["id"])  # type: ignore[call-overload]
        context = checklists.check_context(session, campaign_id)
        flaws = frozenset(rng.sample(FLAWS, rng.randrange(1, 3)))
        checked_at = datetime.combine(min(day, today) - timedelta(days=3), time(15), UTC)

        write = partial(
            campaign_email,
            brand,
            name,
            slug,
            products,
            hero_url=next(iter(context.brief_cta_urls), None),
            mentions=context.brief_mentions,
        )

        def email(flaws: frozenset[str], *, review: bool, write: Callable[..., str] = write) -> str:
            return write(flaws, local_images=review, pixel=review)

        if status.rank < CampaignStatus.BAT.rank:  # still being built: a check run, mistakes in
            html = email(flaws, review=False)
            report = check_bytes(html.encode("utf-8"), f"{slug}.html", context=context)
            checklists.record_run(session, campaign_id, report, now=checked_at)
            continue
        contact = spec.contacts[0][0] if spec.contacts else spec.name
        images = email_images(brand)
        if status is CampaignStatus.BAT and rng.random() < 0.5:  # BAT 1 awaits the client
            _write_bat_round(
                session,
                campaign_id,
                f"{slug}-bat1.zip",
                email(flaws, review=True),
                images,
                checked_at,
                contact,
            )
            continue
        _write_bat_round(
            session,
            campaign_id,
            f"{slug}-bat1.zip",
            email(flaws, review=True),
            images,
            checked_at - timedelta(days=2),
            contact,
            feedback=_BAT_FEEDBACK[int(row["id"]) % len(_BAT_FEEDBACK)],  # type: ignore[call-overload]
        )
        _write_bat_round(
            session,
            campaign_id,
            f"{slug}-bat2.zip",
            email(frozenset(), review=True),
            images,
            checked_at,
            contact,
            approve=status is not CampaignStatus.BAT,
        )


_BAT_FEEDBACK = (
    ("Le bouton du premier produit pointe vers la mauvaise page.", ""),
    ("Merci de remonter le bloc des mentions légales.", ""),
    ("Le visuel principal est un peu sombre sur mobile, on peut éclaircir ?", "images/hero.png"),
    ("Il reste un texte à valider dans l'introduction.", ""),
)


def _write_bat_round(
    session: Session,
    campaign_id: int,
    source_name: str,
    html: str,
    images: dict[str, bytes],
    at: datetime,
    contact: str,
    *,
    feedback: tuple[str, str] | None = None,
    approve: bool = False,
) -> None:
    from crmdesk.core.bat import rounds
    from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile

    snapshot = EmailSnapshot(
        source_name=source_name,
        kind="zip",
        entry="index.html",
        subject="",
        files=(
            SnapshotFile("index.html", "text/html", html.encode("utf-8")),
            *(SnapshotFile(path, "image/png", data) for path, data in images.items()),
        ),
    )
    round_id, _ = rounds.import_snapshot(session, campaign_id, snapshot, OPERATOR, now=at)
    decided_at = at + timedelta(hours=4)
    if feedback is not None:
        text, target = feedback
        rounds.add_feedback(session, round_id, contact, text, target)
        rounds.decide(session, round_id, BatDecision.CHANGES_REQUESTED, contact, now=decided_at)
    elif approve:
        rounds.decide(session, round_id, BatDecision.APPROVED, contact, now=decided_at)
