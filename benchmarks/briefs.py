"""Briefs: autosave of a 20-page brief, search over 20,000 briefs, opening a long history.

Targets (the briefs issue), each measured through the core service as the editor calls it:

* autosave of a 20-page brief (~60,000 characters of notes, every field filled) on a
  20,000-campaign workspace: median ≤ 20 ms, for a save within a sitting (it coalesces into the
  sitting's version) and for the first save of a sitting (a new version);
* full-text search over 20,000 campaigns with briefs: median ≤ 30 ms over about twenty queries;
* opening a brief with 500 versions (the brief, its history, its latest version): ≤ 100 ms.

    python3 benchmarks/briefs.py                             # builds a 20,000-campaign demo
    python3 benchmarks/briefs.py --workspace /tmp/big.sqlite # starts from a prebuilt workspace

The benchmark works on a copy in a temporary folder (SQLite's online backup), so a prebuilt
workspace is never changed. Campaigns without a brief get one (generated, realistic French)
through the service in one transaction before anything is measured.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from crmdesk.core import fts
from crmdesk.core.briefs import service
from crmdesk.core.briefs.content import Asset, BriefContent, Cta, KpiTargets, Tone
from crmdesk.core.db import Workspace
from crmdesk.core.models import Brief, Campaign, CampaignType, Client
from crmdesk.core.sqlite import online_backup
from crmdesk.core.workspaces import write_demo

CAMPAIGNS = 20_000
SEED = 2026
TODAY = date(2026, 11, 23)  # the demo's reference day, so every run builds the same workspace
PAGE = 3_000  # characters of a page of notes
BIG_NOTES = 20 * PAGE
HISTORY = 500

AUTOSAVE_TARGET_MS = 20.0
SEARCH_TARGET_MS = 30.0
OPEN_TARGET_MS = 100.0

#: What an operator types in the search box: common words, prefixes, several words, accents
#: typed or not, campaigns' names, a rare word (in two briefs) and a word that is nowhere.
QUERIES = (
    "abonnement",
    "offre",
    "newsletter",
    "abo",
    "fromag",
    "rév",
    "désinscri",
    "fidélité",
    "fidelite",
    "Noël",
    "livraison offerte",
    "offre printemps",
    "code promo",
    "vente flash",
    "relance non-ouvreurs",
    "panier abandonné",
    "fête des mères",
    "Raclette party",
    "Scénario de bienvenue",
    "beaujolais",
    "quinquennal",
)

# -- realistic French briefs ------------------------------------------------------------------

SUBJECTS = (
    "L'offre",
    "Le visuel principal",
    "La bannière mobile",
    "Le bloc produit",
    "Le bouton principal",
    "Le préheader",
    "L'objet",
    "Le code promo",
    "La mention légale",
    "Le segment des inactifs",
    "Le public des abonnés fidèles",
    "La relance des non-ouvreurs",
    "Le lien de désinscription",
    "Le pied de page",
    "La version texte",
)
VERBS = (
    "doit mettre en avant",
    "reprend",
    "ne doit pas mentionner",
    "insiste sur",
    "rappelle",
    "renvoie vers",
    "s'appuie sur",
    "présente en premier",
    "évite de répéter",
    "met en scène",
)
COMPLEMENTS = (
    "la livraison offerte dès 39 € d'achat",
    "la remise de 20 % sur toute la gamme",
    "l'abonnement d'un an au prix de six mois",
    "le coffret cadeau préparé pour Noël",
    "la révision vélo offerte en atelier",
    "les fromages affinés de la saison",
    "la nouvelle collection de soins d'hiver",
    "le programme de fidélité et ses paliers",
    "la vente flash de quarante-huit heures",
    "le guide des tailles et le service client",
    "les avis clients vérifiés",
    "la date de fin de l'offre, en gras",
    "la page d'atterrissage dédiée avec les paramètres utm",
    "le panier abandonné et son rappel",
    "le parrainage : un mois offert au filleul",
)
TAILS = (
    "",
    " selon le retour du client du 12 mars",
    ", à valider avec le service juridique",
    " : prévoir une variante pour le test A/B",
    ", comme dans la campagne de l'an dernier",
    " (voir la charte graphique, page 14)",
    ", sans jargon et au vouvoiement",
    " : le client y tient beaucoup",
)
HEADINGS = (
    "Contexte",
    "Déroulé",
    "Retours du client",
    "Contraintes techniques",
    "Points de vigilance",
    "Idées d'objets",
    "Planning",
)
RARE = "Le partenariat avec le salon du Beaujolais nouveau est à citer en bas de page."


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(COMPLEMENTS)}{rng.choice(TAILS)}."
    )


def notes_text(rng: random.Random, length: int) -> str:
    """Markdown notes as operators write them: headed sections, paragraphs, bullet lists."""
    parts: list[str] = []
    size = 0
    while size < length:
        section = [f"## {rng.choice(HEADINGS)}\n\n"]
        section += [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))), "\n\n"]
        if rng.random() < 0.5:
            section += [f"- {sentence(rng)}\n" for _ in range(rng.randint(2, 5))] + ["\n"]
        piece = "".join(section)
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:length]


def brief_for(
    rng: random.Random,
    name: str,
    client: str,
    kind: CampaignType,
    notes_length: int,
    *,
    rare: bool = False,
) -> BriefContent:
    """A filled brief for a campaign (every structured field set, notes of the given length).

    ``rare`` adds the sentence with the word the search looks up as a rare one.
    """
    site = "https://www." + "".join(ch for ch in client.lower() if ch.isalnum()) + ".fr"
    promo = kind in (CampaignType.PROMO, CampaignType.RELANCE)
    notes = notes_text(rng, notes_length)
    if rare:
        notes += "\n\n" + RARE
    return BriefContent(
        context=f"{name} pour {client}. {sentence(rng)}",
        primary_objective=rng.choice(
            (
                "Vendre 2 000 abonnements pendant l'offre.",
                "Générer du trafic qualifié vers la boutique en ligne.",
                "Réactiver les inactifs de plus de six mois.",
                "Faire connaître la nouvelle collection.",
                "Remplir les créneaux de l'atelier avant la saison.",
            )
        ),
        secondary_objectives="Recruter de nouveaux inscrits à la newsletter. " + sentence(rng),
        kpi_targets=KpiTargets(
            open_rate=round(rng.uniform(18, 40), 1),
            click_rate=round(rng.uniform(1.5, 6), 1),
            conversions=rng.randrange(50, 3_000) if promo else None,
            revenue=float(rng.randrange(5_000, 90_000)) if promo else None,
        ),
        target=rng.choice(
            (
                "Abonnés actifs, ouvreurs ou cliqueurs des six derniers mois.",
                "Clientes fidèles et VIP, hors achat des trente derniers jours.",
                "Non-ouvreurs de la campagne d'origine, hors désinscrits.",
                "Prospects inscrits via le formulaire du site.",
            )
        ),
        offer=rng.choice(COMPLEMENTS) if promo else "",
        offer_conditions="Offre non cumulable, dans la limite des stocks disponibles."
        if promo
        else "",
        offer_valid_from=TODAY - timedelta(days=rng.randrange(30)) if promo else None,
        offer_valid_until=TODAY + timedelta(days=rng.randrange(1, 30)) if promo else None,
        promo_code=f"PROMO{rng.randrange(100, 999)}" if promo else "",
        key_message=sentence(rng),
        subject_ideas=tuple(
            f"{name} : {rng.choice(COMPLEMENTS)}" for _ in range(rng.randint(2, 4))
        ),
        preheader_idea=f"Jusqu'au {rng.randint(1, 28)} seulement : {rng.choice(COMPLEMENTS)}",
        ctas=(
            Cta(
                "J'en profite", f"{site}/offre?utm_source=email&utm_campaign=c{rng.randrange(999)}"
            ),
            Cta("Voir la sélection", f"{site}/selection"),
        ),
        mandatory_mentions="Offre soumise à conditions, voir le site. "
        "Désinscription à tout moment via le lien en bas de page.",
        assets=(
            Asset("Visuel principal 600 px", f"{site}/partage/visuel.png", TODAY),
            Asset("Logos et pictos", f"{site}/partage/logos.zip", None),
        ),
        assets_due=TODAY - timedelta(days=5),
        bat_due=TODAY - timedelta(days=2),
        send_due=TODAY,
        tone=rng.choice((Tone.VOUS, Tone.VOUS, Tone.TU)),
        notes=notes,
    )


# -- the workspace ----------------------------------------------------------------------------


@contextmanager
def prepared_workspace(source: Path | None) -> Iterator[Workspace]:
    """A copy of ``source`` (or a new demo) in a temporary folder, every campaign briefed."""
    with tempfile.TemporaryDirectory(prefix="crmdesk-briefs-") as folder:
        path = Path(folder) / "workspace.sqlite"
        start = time.perf_counter()
        if source is None:
            write_demo(path, CAMPAIGNS, SEED, TODAY)
            print(f"built a {CAMPAIGNS:,}-campaign demo in {time.perf_counter() - start:.1f} s")
        else:
            online_backup(source.expanduser().resolve(), path)
            print(f"copied {source} in {time.perf_counter() - start:.1f} s")
        with Workspace.open(path) as workspace:
            give_every_campaign_a_brief(workspace)
            yield workspace


def give_every_campaign_a_brief(workspace: Workspace) -> None:
    """Brief the campaigns without one (and index the campaigns' names, if nothing did)."""
    start = time.perf_counter()
    rng = random.Random(SEED)
    with workspace.session() as session:
        indexed = session.scalar(text(f"SELECT count(*) FROM {fts.TABLE} WHERE field = 'campaign'"))
        if not indexed:
            # A demo written before demo briefs (c5bb6b5) left its campaigns out of the index.
            rows = session.execute(
                select(
                    Campaign.id, Campaign.name, Campaign.subject, Campaign.preheader, Campaign.notes
                )
            ).all()
            fts.bulk_index(
                session,
                [
                    {"campaign_id": cid, "field": "campaign", "body": fts.campaign_text(*t)}
                    for cid, *t in rows
                ],
            )
            print(f"indexed {len(rows):,} campaigns the demo left out of the search")
        missing = session.execute(
            select(Campaign.id, Campaign.name, Campaign.type, Client.name)
            .join(Client)
            .outerjoin(Brief, Brief.campaign_id == Campaign.id)
            .where(Brief.id.is_(None))
            .order_by(Campaign.id)
        ).all()
        editing_session = str(uuid.uuid4())
        for cid, name, kind, client in missing:
            content = brief_for(rng, name, client, kind, rng.randrange(300, 2_500))
            service.save(session, cid, content, editing_session)
    if missing:
        print(f"wrote {len(missing):,} briefs in {time.perf_counter() - start:.1f} s")


def describe(workspace: Workspace) -> None:
    with workspace.reader() as session:
        campaigns = session.scalar(select(func.count(Campaign.id)))
        briefs = session.scalar(select(func.count(Brief.id)))
        rows = session.scalar(text(f"SELECT count(*) FROM {fts.TABLE}"))
    size = workspace.path.stat().st_size / 1e6
    print(
        f"workspace: {campaigns:,} campaigns, {briefs:,} briefs, {rows:,} search rows, "
        f"{size:.0f} MB"
    )


# -- measuring --------------------------------------------------------------------------------


def timed_ms(action: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000


def report(label: str, samples: list[float], target_ms: float) -> None:
    median = statistics.median(samples)
    p90 = statistics.quantiles(samples, n=10, method="inclusive")[8]
    verdict = "ok" if median <= target_ms else "MISSED"
    print(
        f"{label:<44} median {median:6.1f} ms  p90 {p90:6.1f} ms  "
        f"(n={len(samples)}; target median ≤ {target_ms:g} ms: {verdict})"
    )


def campaign_ids(workspace: Workspace) -> list[int]:
    with workspace.reader() as session:
        return list(session.scalars(select(Campaign.id).order_by(Campaign.id)))


def bench_autosave(workspace: Workspace, campaign_id: int, saves: int) -> None:
    rng = random.Random(SEED + 1)
    with workspace.reader() as session:
        state = service.load(session, campaign_id)
    content = brief_for(
        rng, state.campaign_name, state.client_name, CampaignType.PROMO, BIG_NOTES, rare=True
    )
    print(f"20-page brief: {len(content.notes):,} characters of notes, every field filled")

    def typing(content: BriefContent) -> BriefContent:
        return replace(content, notes=content.notes + rng.choice(("le ", "la ", "é", ". ", "\n")))

    def save(content: BriefContent, editing_session: str) -> None:
        with workspace.session() as session:
            service.save(session, campaign_id, content, editing_session)

    sitting = str(uuid.uuid4())
    save(content, sitting)  # the sitting's first save: its version exists from now on
    coalesced = []
    for _ in range(saves):
        content = typing(content)
        coalesced.append(timed_ms(save, content, sitting))
    report("autosave 20 pages, within a sitting", coalesced, AUTOSAVE_TARGET_MS)

    new_versions = []
    for _ in range(saves // 2):
        content = typing(content)
        new_versions.append(timed_ms(save, content, str(uuid.uuid4())))
    report("autosave 20 pages, first of a sitting", new_versions, AUTOSAVE_TARGET_MS)


def bench_search(workspace: Workspace, repeats: int) -> None:
    def search(query: str) -> list[fts.SearchHit]:
        with workspace.reader() as session:
            return fts.search(session, query)

    samples: list[float] = []
    slowest: list[tuple[float, str, int]] = []
    for query in QUERIES:
        hits = len(search(query))  # warm: the first query pays for the page cache
        mine = [timed_ms(search, query) for _ in range(repeats)]
        samples += mine
        slowest.append((statistics.median(mine), query, hits))
    report(f"search, {len(QUERIES)} queries", samples, SEARCH_TARGET_MS)
    slowest.sort(reverse=True)
    print(
        "  slowest: "
        + ", ".join(f"{query!r} {ms:.1f} ms ({hits} hits)" for ms, query, hits in slowest[:4])
    )
    print(
        "  fastest: "
        + ", ".join(f"{query!r} {ms:.1f} ms ({hits} hits)" for ms, query, hits in slowest[-3:])
    )


def bench_history(workspace: Workspace, campaign_id: int, opens: int) -> None:
    rng = random.Random(SEED + 2)
    with workspace.reader() as session:
        state = service.load(session, campaign_id)
        existing = len(service.versions(session, campaign_id))
    content = brief_for(
        rng, state.campaign_name, state.client_name, CampaignType.PROMO, PAGE, rare=True
    )
    start = time.perf_counter()
    sitting_at = datetime(2025, 1, 6, 9, tzinfo=UTC)
    for sitting in range(existing, HISTORY):  # the brief grows from 1 page to 20, a sitting a day
        more = notes_text(rng, (BIG_NOTES - PAGE) // HISTORY)
        content = replace(content, notes=content.notes + more)
        if sitting % 7 == 0:
            content = replace(content, key_message=sentence(rng))
        with workspace.session() as session:
            service.save(
                session,
                campaign_id,
                content,
                str(uuid.uuid4()),
                now=sitting_at + timedelta(days=sitting),
            )
    print(
        f"brief with {HISTORY} versions ({len(content.notes):,} characters of notes): "
        f"{HISTORY - existing} sittings saved in {time.perf_counter() - start:.1f} s"
    )

    def open_editor() -> None:
        with workspace.reader() as session:
            service.load(session, campaign_id)
            history = service.versions(session, campaign_id)
            service.version_content(session, campaign_id, history[0].number)
            assert len(history) == HISTORY

    open_editor()
    report(
        f"open a brief with {HISTORY} versions",
        [timed_ms(open_editor) for _ in range(opens)],
        OPEN_TARGET_MS,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--workspace",
        type=Path,
        help="a prebuilt workspace to start from (copied, never changed); "
        f"a new {CAMPAIGNS:,}-campaign demo otherwise",
    )
    parser.add_argument("--saves", type=int, default=100, help="autosaves measured per sitting")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each search query")
    parser.add_argument("--opens", type=int, default=30, help="openings of the long history")
    args = parser.parse_args()
    with prepared_workspace(args.workspace) as workspace:
        describe(workspace)
        ids = campaign_ids(workspace)
        bench_autosave(workspace, ids[len(ids) // 2], args.saves)
        bench_history(workspace, ids[len(ids) // 3], args.opens)
        bench_search(workspace, args.repeats)  # last: the two briefs above hold the rare word


if __name__ == "__main__":
    main()
