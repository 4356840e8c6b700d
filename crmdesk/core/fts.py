"""Full-text search over campaigns and their briefs: the one place that knows SQLite's FTS5
and PostgreSQL's text search.

Each campaign owns a block of rowids (``campaign_id * BLOCK + field slot``) so reindexing one
campaign deletes a rowid range, which FTS5 does without scanning the whole index: an autosave
stays within its few milliseconds on a workspace of 20,000 briefs. On PostgreSQL the same rows
go to a plain table whose ``rowid`` is its primary key and whose ``tsvector`` (configuration
``crmdesk_french``: accents folded by ``unaccent``, no stemming, no stop words, see migration
0003) has a GIN index, so the same French query with or without accents finds the same
campaigns on both engines: every word, as a prefix, in any order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from crmdesk.core.models import Campaign, Client

TABLE = "search_index"
BLOCK = 32
#: Slots of the fields in a campaign's block; the order never changes (rowids depend on it).
SLOTS = (
    "campaign",
    "context",
    "primary_objective",
    "secondary_objectives",
    "target",
    "offer",
    "key_message",
    "subject_ideas",
    "preheader_idea",
    "ctas",
    "mandatory_mentions",
    "notes",
)
_SLOT = {name: index for index, name in enumerate(SLOTS)}
#: A word as FTS5's ``unicode61`` sees one: letters and digits (an underscore separates, as
#: every punctuation mark does; migration 0013 makes PostgreSQL's index see the same words).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    campaign_id: int
    campaign_name: str
    client_name: str
    field: str  # "campaign" or a brief field
    snippet: str  # the matched words between [ and ]


#: PostgreSQL's text search configuration of the index (migration 0003).
CONFIGURATION = "crmdesk_french"


def _enabled(session: Session) -> bool:
    return session.get_bind().dialect.name in ("sqlite", "postgresql")


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def folds_accents(session: Session) -> bool:
    """Whether a query without accents finds words written with them (and the reverse): always
    on SQLite; on PostgreSQL only when the server had ``unaccent`` when the workspace was set
    up (the migration logged it otherwise)."""
    if not _postgresql(session):
        return True
    mapped = session.execute(
        text(
            "SELECT count(*) FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg "
            "JOIN pg_ts_dict d ON d.oid = m.mapdict "
            "WHERE c.cfgname = :name AND d.dictname = 'unaccent'"
        ),
        {"name": CONFIGURATION},
    ).scalar_one()
    return bool(mapped)


def campaign_text(name: str, subject: str, preheader: str, notes: str) -> str:
    return " ".join(part for part in (name, subject, preheader, notes) if part)


def reindex(
    session: Session, campaign_id: int, fields: dict[str, str], *, replace_all: bool = False
) -> None:
    """Replace the indexed text of ``fields`` (slot name → text) for one campaign.

    ``replace_all`` also drops the slots not given (a brief field emptied since last time).
    """
    if not _enabled(session):
        return
    base = campaign_id * BLOCK
    if replace_all:
        session.execute(
            text(f"DELETE FROM {TABLE} WHERE rowid BETWEEN :lo AND :hi"),
            {"lo": base, "hi": base + BLOCK - 1},
        )
    elif fields:  # an empty parameter list would be a bare DELETE (and warns)
        session.execute(
            text(f"DELETE FROM {TABLE} WHERE rowid = :rowid"),
            [{"rowid": base + _SLOT[name]} for name in fields],
        )
    rows = [
        {"rowid": base + _SLOT[name], "campaign_id": campaign_id, "field": name, "body": body}
        for name, body in fields.items()
        if body.strip()
    ]
    if rows:
        session.execute(
            text(
                f"INSERT INTO {TABLE} (rowid, campaign_id, field, body) "
                "VALUES (:rowid, :campaign_id, :field, :body)"
            ),
            rows,
        )


def reindex_brief(session: Session, campaign_id: int, fields: dict[str, str]) -> None:
    """The brief's slots (every slot but the campaign's), emptied ones dropped."""
    if not _enabled(session):
        return
    base = campaign_id * BLOCK
    session.execute(
        text(f"DELETE FROM {TABLE} WHERE rowid BETWEEN :lo AND :hi"),
        {"lo": base + 1, "hi": base + BLOCK - 1},
    )
    reindex(session, campaign_id, fields)


def forget(session: Session, campaign_id: int) -> None:
    if _enabled(session):
        base = campaign_id * BLOCK
        session.execute(
            text(f"DELETE FROM {TABLE} WHERE rowid BETWEEN :lo AND :hi"),
            {"lo": base, "hi": base + BLOCK - 1},
        )


def bulk_index(session: Session, rows: list[dict[str, object]]) -> None:
    """Index many (campaign_id, field, body) rows at once (demo generation)."""
    if _enabled(session) and rows:
        session.execute(
            text(
                f"INSERT INTO {TABLE} (rowid, campaign_id, field, body) "
                "VALUES (:rowid, :campaign_id, :field, :body)"
            ),
            [
                {**row, "rowid": int(row["campaign_id"]) * BLOCK + _SLOT[str(row["field"])]}  # type: ignore[call-overload]
                for row in rows
            ],
        )


def match_expression(query: str) -> str | None:
    """The user's words as an FTS5 query: every word must appear, as a prefix, in any order."""
    words = _WORD.findall(query)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def tsquery_expression(query: str) -> str | None:
    """The user's words as a ``to_tsquery`` text: every word, as a prefix (``:*``), ANDed."""
    words = _WORD.findall(query)
    if not words:
        return None
    return " & ".join(f"'{word}':*" for word in words)


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    expression = match_expression(query)
    if expression is None:
        return []
    if _postgresql(session):
        return _search_postgresql(session, query, limit)
    if not _enabled(session):
        rows = session.execute(
            select(Campaign.id, Campaign.name, Client.name)
            .join(Client)
            .where(Campaign.name.ilike(f"%{query.strip()}%"))
            .limit(limit)
        ).all()
        return [SearchHit(cid, name, client, "campaign", name) for cid, name, client in rows]
    matches = session.execute(
        text(
            f"SELECT s.campaign_id, s.field, snippet({TABLE}, 2, '[', ']', '…', 12), "
            "c.name, cl.name "
            f"FROM {TABLE} AS s JOIN campaigns AS c ON c.id = s.campaign_id "
            "JOIN clients AS cl ON cl.id = c.client_id "
            f"WHERE {TABLE} MATCH :expression ORDER BY rank LIMIT :limit"
        ),
        {"expression": expression, "limit": limit},
    ).all()
    return [
        SearchHit(int(cid), name, client, field, snippet)
        for cid, field, snippet, name, client in matches
    ]


def _search_postgresql(session: Session, query: str, limit: int) -> list[SearchHit]:
    """The PostgreSQL side of ``search``: the GIN index finds the rows, ``ts_headline`` marks
    the words between [ and ] as FTS5's snippet does."""
    matches = session.execute(
        text(
            "SELECT s.campaign_id, s.field, "
            f"ts_headline('{CONFIGURATION}', s.body, q, 'StartSel=[, StopSel=], MaxWords=12, "
            "MinWords=4, ShortWord=0, MaxFragments=1, FragmentDelimiter=…'), c.name, cl.name "
            f"FROM {TABLE} AS s, to_tsquery('{CONFIGURATION}', :expression) AS q, "
            "campaigns AS c, clients AS cl "
            "WHERE s.document @@ q AND c.id = s.campaign_id AND cl.id = c.client_id "
            "ORDER BY ts_rank(s.document, q) DESC, s.rowid LIMIT :limit"
        ),
        {"expression": tsquery_expression(query), "limit": limit},
    ).all()
    return [
        SearchHit(int(cid), name, client, field, snippet)
        for cid, field, snippet, name, client in matches
    ]
