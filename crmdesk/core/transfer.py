"""Copying a whole workspace into an empty one on another engine: a laptop's file onto the
agency's PostgreSQL server, or the server's database into a file for a freelancer who leaves.

The copy is one transaction on the target: every table of the models (ids kept, BAT blobs byte
for byte, JSON as the text it was stored as, so a SQL NULL stays a NULL), the search index
written again through ``crmdesk.core.fts`` (its rows are engine-specific: FTS5's shadow tables,
PostgreSQL's ``tsvector``), the PostgreSQL sequences moved past the copied ids. It then counts
and checksums every table on both sides, and any difference rolls the whole copy back: a
target is either a full, checked copy or as empty as it was.

It writes through a plain connection, never through the workspace's sessions, so neither the
chain's ticking nor the pressure settling runs on what is only being carried over: the pressure
flags and calendar days are copied as they are (recounting them gives the same rows, but takes
longer), and the notes the triggers leave in ``pressure_dirty`` are dropped before commit.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Select,
    Table,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    text,
    type_coerce,
)
from sqlalchemy.engine import Result
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from crmdesk.core import fts, postgres
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import Base, PressureDirty

#: Rows read and written at a time: a 20,000-campaign workspace never sits whole in memory.
BATCH = 2000
#: The search index's rows, the same columns on both engines, in ``fts.bulk_index``'s shape.
SEARCH_INDEX = fts.TABLE
#: Notes the triggers write and the commit empties: nothing to carry over.
SKIPPED = frozenset({PressureDirty.__tablename__})

#: ``progress(table, rows)``: called after each table is copied.
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: tuple[TableCopy, ...]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


class CopyRefused(CrmdeskError):
    """The copy cannot start (a target that is not empty, another schema): nothing written."""


class CopyFailed(CrmdeskError):
    """The copy stopped or did not check out: the target was rolled back to empty."""


def tables() -> list[Table]:
    """The model tables a copy carries, parents before children."""
    return [table for table in Base.metadata.sorted_tables if table.name not in SKIPPED]


def copy_workspace(
    source: Workspace, target: Workspace, *, progress: Progress | None = None
) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target`` (see the module), checked."""
    if target.read_only:
        raise CopyRefused(f"The target was opened for reading only.\n{target.location}")
    started = time.monotonic()
    try:
        with source.reader() as reading, target.engine.connect() as writing:
            origin = reading.connection()
            transaction = writing.begin()
            try:
                _check_target(origin, writing, source, target)
                copied = [
                    _copy_table(origin, writing, table, target.location, progress)
                    for table in tables()
                ]
                copied.append(_copy_search_index(origin, writing, target.location, progress))
                writing.execute(delete(PressureDirty))
                if target.dialect == "postgresql":
                    postgres.resync_sequences(writing)
                _verify(writing, copied, target.location)
            except BaseException:
                if transaction.is_active:
                    transaction.rollback()
                raise
            transaction.commit()
    except DBAPIError as exc:  # a server gone away, a full disk: before, during or at commit
        raise _failed(target.location, "", exc) from exc
    return CopyReport(source.location, target.location, tuple(copied), time.monotonic() - started)


def _revision(connection: Connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_target(
    origin: Connection, writing: Connection, source: Workspace, target: Workspace
) -> None:
    if source.dialect == target.dialect and source.location == target.location:
        raise CopyRefused(f"The source and the target are the same workspace.\n{target.location}")
    theirs, ours = _revision(origin), _revision(writing)
    if theirs != ours:
        raise CopyRefused(
            f"The target's schema ({ours}) is not the source's ({theirs}): open both with this "
            f"crmdesk first. Nothing was written.\n{target.location}"
        )
    for name in [*(table.name for table in tables()), SEARCH_INDEX]:
        if writing.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None:
            raise CopyRefused(
                f"The target workspace is not empty (its table {name} has rows): copy into a "
                f"new file or an empty database. Nothing was written.\n{target.location}"
            )


def _read_columns(table: Table) -> list[ColumnElement[Any]]:
    """The table's columns as read for a copy: JSON as its stored text (a SQL NULL stays one,
    which decoding would turn into the JSON ``null`` on the way back)."""
    return [
        cast(column, Text).label(column.name) if isinstance(column.type, JSON) else column
        for column in table.columns
    ]


def _ordered(table: Table) -> Select[Any]:
    return select(*_read_columns(table)).order_by(*table.primary_key.columns)


def _insert(table: Table, dialect: str) -> Any:
    """An INSERT taking every column by name, JSON given as its text."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if isinstance(column.type, JSON):
            given = bindparam(column.name, type_=Text)
            # SQLite stores the text as it is (a CAST AS JSON there would make it a number).
            values[column.key] = (
                cast(given, column.type) if dialect == "postgresql" else type_coerce(given, Text)
            )
        else:
            values[column.key] = bindparam(column.name, type_=column.type)
    return insert(table).values(values)


def _read(connection: Connection, statement: Any) -> Result[Any]:
    """The rows of ``statement`` a batch at a time (closed by ``with``: a server's cursor
    must not outlive a copy that stopped)."""
    return connection.execution_options(yield_per=BATCH).execute(statement)


def _copy_table(
    origin: Connection,
    writing: Connection,
    table: Table,
    where: str,
    progress: Progress | None,
) -> TableCopy:
    digest, rows = hashlib.sha256(), 0
    statement = _insert(table, writing.dialect.name)
    names = [column.name for column in table.columns]
    with _read(origin, _ordered(table)) as result:
        for batch in result.partitions():
            _hash(digest, batch)
            try:
                writing.execute(statement, [dict(zip(names, row, strict=True)) for row in batch])
            except DBAPIError as exc:
                raise _failed(where, table.name, exc) from exc
            rows += len(batch)
    if progress is not None:
        progress(table.name, rows)
    return TableCopy(table.name, rows, digest.hexdigest())


def _search_rows(connection: Connection) -> Any:
    return text(f"SELECT rowid, campaign_id, field, body FROM {SEARCH_INDEX} ORDER BY rowid")


def _copy_search_index(
    origin: Connection, writing: Connection, where: str, progress: Progress | None
) -> TableCopy:
    digest, rows = hashlib.sha256(), 0
    session = Session(bind=writing)  # a plain session: none of the workspace's hooks
    try:
        with _read(origin, _search_rows(origin)) as result:
            for batch in result.partitions():
                _hash(digest, batch)
                fts.bulk_index(
                    session,
                    [
                        {"campaign_id": cid, "field": field, "body": body}
                        for _rowid, cid, field, body in map(tuple, batch)
                    ],
                )
                rows += len(batch)
    except DBAPIError as exc:
        raise _failed(where, SEARCH_INDEX, exc) from exc
    finally:
        session.close()
    if progress is not None:
        progress(SEARCH_INDEX, rows)
    return TableCopy(SEARCH_INDEX, rows, digest.hexdigest())


def _failed(where: str, name: str, exc: DBAPIError) -> CopyFailed:
    reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["?"])[0]
    at = f" at the table {name}" if name else ""
    return CopyFailed(f"The copy stopped{at} ({reason}); the target was left empty.\n{where}")


def _verify(writing: Connection, copied: list[TableCopy], where: str) -> None:
    """Count and checksum every table as written, against what was read."""
    by_name = {table.name: table for table in tables()}
    for expected in copied:
        if expected.name == SEARCH_INDEX:
            statement: Any = _search_rows(writing)
            counted = select(func.count()).select_from(text(SEARCH_INDEX))
        else:
            table = by_name[expected.name]
            statement = _ordered(table)
            counted = select(func.count()).select_from(table)
        rows = writing.execute(counted).scalar_one()
        digest = hashlib.sha256()
        with _read(writing, statement) as result:
            for batch in result.partitions():
                _hash(digest, batch)
        if rows != expected.rows or digest.hexdigest() != expected.checksum:
            raise CopyFailed(
                f"The copy of the table {expected.name} does not match its source "
                f"({rows} rows written, {expected.rows} read, or different values); the "
                f"target was left empty.\n{where}"
            )


def _hash(digest: Any, rows: Iterable[Sequence[Any]]) -> None:
    for row in rows:
        digest.update("\x1f".join(_normal(value) for value in row).encode())
        digest.update(b"\x1e")


def _normal(value: object) -> str:
    """A value as both engines give it back alike: an instant in UTC, an amount without its
    trailing zeros, a blob by its hash (every byte counts)."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, bytes | memoryview):
        return "b" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, datetime):
        return "i" + (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return "d" + value.isoformat()
    if isinstance(value, Decimal):
        return "n" + format(value.normalize(), "f")
    if isinstance(value, Enum):
        return "s" + str(value.value)
    if isinstance(value, int | float):
        return "n" + format(Decimal(str(value)).normalize(), "f")
    return "s" + str(value)
