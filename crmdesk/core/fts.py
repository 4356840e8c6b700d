"""Full-text search over campaigns and their briefs: the one place that knows SQLite's FTS5.

Each campaign owns a block of rowids (``campaign_id * BLOCK + field slot``) so reindexing one
campaign deletes a rowid range, which FTS5 does without scanning the whole index: an autosave
stays within its few milliseconds on a workspace of 20,000 briefs. On another database this
module answers from a plain ``LIKE`` on campaign names until that database gets its own index.
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
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    campaign_id: int
    campaign_name: str
    client_name: str
    field: str  # "campaign" or a brief field
    snippet: str  # the matched words between [ and ]


def _enabled(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


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


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    expression = match_expression(query)
    if expression is None:
        return []
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
