"""Everything that only SQLite does, in one place: PRAGMAs, the file header, the online backup API.

When a shared PostgreSQL arrives, this is the module to give a sibling; the rest of the core
speaks SQLAlchemy only.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000


def looks_like_sqlite(path: Path) -> bool:
    """True for an SQLite file or an empty one (SQLite takes a zero-byte file as a new database)."""
    with open(path, "rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    return head == b"" or head == SQLITE_HEADER


def apply_connection_pragmas(dbapi_connection: Any) -> None:
    """Per-connection settings: WAL for crash safety and readers during writes, FKs enforced.

    ``isolation_level = None`` hands transaction control to SQLAlchemy's ``BEGIN`` (see
    ``db.make_engine``) so DDL in migrations is transactional too.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change a byte of the database file, for readers beside a writer.

    ``mode=ro`` rather than a normal connection: a normal one that happens to be the last to
    close checkpoints the write-ahead log into the file. SQLite may still create the -wal and
    -shm files beside it (a WAL database cannot be read without them), with the file's own
    permissions. ``query_only`` makes an attempted write fail even before it reaches the file.
    ``isolation_level = None`` leaves the ``BEGIN`` to SQLAlchemy, as for writers.
    """
    connection = sqlite3.connect(
        read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only = ON")
    except BaseException:
        connection.close()
        raise
    return connection


def read_only_uri(path: Path) -> str:
    """The file as an SQLite URI opened read-only (``as_uri`` escapes spaces, ``?`` and ``#``)."""
    return f"{path.resolve().as_uri()}?mode=ro"


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only: workspaces hold clients' data."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def online_backup(source: Path, destination: Path) -> Path:
    """Copy a live database page by page with SQLite's backup API (consistent even in WAL mode)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(destination)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def is_locked_error(exc: BaseException) -> bool:
    """SQLite's way of saying another process holds the write lock past our busy timeout."""
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def is_readonly_error(exc: BaseException) -> bool:
    return "readonly database" in str(exc).lower() or "read-only" in str(exc).lower()


def is_damaged_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "disk i/o error" in text


def is_not_a_database_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "file is not a database" in text or "file is encrypted" in text


def read_schema(path: Path) -> tuple[set[str], str | None]:
    """The file's table names and Alembic revision, read without writing a byte.

    Runs before crmdesk's own connection, whose PRAGMAs (WAL) would rewrite the header of a
    file that turns out to be another program's database or one from a newer crmdesk.
    Raises ``sqlite3.DatabaseError`` for a file SQLite cannot read.
    """
    con = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        tables = {
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return tables, revision
    finally:
        con.close()


def integrity_ok(path: Path) -> bool:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
