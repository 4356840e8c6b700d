"""A campaign's stats as plain rows, so undoing the campaign's deletion brings its figures back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crmdesk.core.models import StatAnalysis, StatBreakdown, StatImport, StatSnapshot

_TABLES = (StatSnapshot, StatBreakdown, StatImport, StatAnalysis)


def archive(session: Session, campaign_id: int) -> dict[str, tuple[dict[str, Any], ...]]:
    """Every stats row of a campaign, table by table, column values as stored."""
    kept: dict[str, tuple[dict[str, Any], ...]] = {}
    for model in _TABLES:
        columns = model.__table__.columns
        rows = session.execute(
            select(*columns).where(columns["campaign_id"] == campaign_id)
        ).mappings()
        kept[model.__tablename__] = tuple(dict(row) for row in rows)
    return kept


def unarchive(session: Session, kept: Mapping[str, Sequence[dict[str, Any]]]) -> None:
    for model in _TABLES:
        rows = kept.get(model.__tablename__, ())
        if rows:
            session.execute(insert(model), list(rows))
