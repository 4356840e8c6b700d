"""Everything that only SQLite does, in one place: PRAGMAs, the file header, the online backup API.

When a shared PostgreSQL arrives, this is the module to give a sibling; the rest of the core
speaks SQLAlchemy only.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000

#: ``PRAGMA application_id`` of every crmdesk workspace ("crmd"): how crmdesk recognises its own
#: files positively, without guessing from table names that another program may share.
APPLICATION_ID = int.from_bytes(b"crmd", "big")

#: Suffix of a backup still being written (see ``online_backup``): never a restorable copy.
PARTIAL_SUFFIX = ".partial"


def looks_like_sqlite(path: Path) -> bool:
    """True for an SQLite file or an empty one (SQLite takes a zero-byte file as a new database).

    Opened without blocking and checked again on the open descriptor: a file swapped for a
    named pipe after the caller's ``stat`` must not hang the open nor be read as a workspace.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, len(SQLITE_HEADER))
    finally:
        os.close(fd)
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


def online_backup(
    source: Path,
    destination: Path,
    *,
    pages: int = -1,
    progress: Callable[[int, int, int], object] | None = None,
) -> Path:
    """Copy a live database page by page with SQLite's backup API (consistent even in WAL mode).

    The copy is written under a hidden temporary name in the destination's folder, synced, and
    renamed to ``destination`` only when complete: a process killed mid-copy (or a full disk)
    leaves at most a ``.partial`` file, never a truncated file with a backup's name that a
    restore could pick. ``pages`` and ``progress`` are SQLite's own stepping (``-1``: all at once).
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists() or destination.is_symlink():
        raise FileExistsError(errno.EEXIST, "a backup already has this name", str(destination))
    fd, name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=PARTIAL_SUFFIX, dir=destination.parent
    )
    os.close(fd)  # mkstemp made it private (0600): clients' data
    partial = Path(name)
    try:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                # No rollback journal for a copy thrown away if it fails: one file, less disk.
                dst.execute("PRAGMA journal_mode = OFF")
                src.backup(dst, pages=pages, progress=progress)
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(partial)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)
        raise
    _fsync(destination.parent)
    return destination


def _fsync(path: Path) -> None:
    """Flush a file (or a folder, for a rename in it) to the disk; folders that cannot be
    synced on this system are left to the system."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(fd)


# SQLite's primary result codes (an extended code carries one in its low byte).
_KINDS_BY_CODE = {
    3: "readonly",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "readonly",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR and its variants
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "cantopen",  # SQLITE_CANTOPEN
    23: "readonly",  # SQLITE_AUTH
    26: "notadb",  # SQLITE_NOTADB
}
_KINDS_BY_ERRNO = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EACCES: "readonly",
    errno.EPERM: "readonly",
    errno.EROFS: "readonly",
    errno.EIO: "io",
}
# For errors that lost their code on the way (older Pythons, a wrapped message).
_KINDS_BY_TEXT = (
    ("database or disk is full", "full"),
    ("database is locked", "busy"),
    ("database is busy", "busy"),
    ("database table is locked", "busy"),
    ("readonly database", "readonly"),
    ("read-only", "readonly"),
    ("disk i/o error", "io"),
    ("malformed", "corrupt"),
    ("file is not a database", "notadb"),
    ("file is encrypted", "notadb"),
    ("unable to open database file", "cantopen"),
)


def error_kind(exc: BaseException) -> str | None:
    """What a database or file error means, from SQLite's result code or the system's errno:
    "full", "io", "readonly", "busy", "corrupt", "notadb", "cantopen", or None (a bug).

    Codes first, words second: a full disk often surfaces as SQLITE_IOERR, which is the disk's
    trouble, never the file's, and must not be read as damage.
    """
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if isinstance(orig, OSError) and orig.errno in _KINDS_BY_ERRNO:
        return _KINDS_BY_ERRNO[orig.errno]
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _KINDS_BY_CODE:
        return _KINDS_BY_CODE[code & 0xFF]
    text = str(orig).lower()
    for words, kind in _KINDS_BY_TEXT:
        if words in text:
            return kind
    return None


def is_locked_error(exc: BaseException) -> bool:
    """SQLite's way of saying another process holds the write lock past our busy timeout."""
    return error_kind(exc) == "busy"


def is_readonly_error(exc: BaseException) -> bool:
    return error_kind(exc) == "readonly"


def is_damaged_error(exc: BaseException) -> bool:
    """The file itself is unreadable (SQLITE_CORRUPT); an I/O error is the disk's, not this."""
    return error_kind(exc) == "corrupt"


def is_not_a_database_error(exc: BaseException) -> bool:
    return error_kind(exc) == "notadb"


@dataclass(frozen=True)
class FileSchema:
    """What an existing SQLite file holds, as far as recognising a crmdesk workspace needs."""

    application_id: int
    #: The rows of ``alembic_version`` (one for a crmdesk workspace), empty without the table.
    versions: tuple[str, ...]
    #: Every ordinary table and its column names (virtual tables by name, with no columns).
    columns: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def tables(self) -> set[str]:
        return set(self.columns)

    @property
    def revision(self) -> str | None:
        return self.versions[0] if len(self.versions) == 1 else None


def read_schema(path: Path) -> FileSchema:
    """The file's application id, tables, columns and Alembic revision, read without writing.

    Runs before crmdesk's own connection, whose PRAGMAs (WAL) would rewrite the header of a
    file that turns out to be another program's database or one from a newer crmdesk. With no
    journal beside the file nothing can be pending, so it is read as immutable: SQLite then
    creates no -wal or -shm file either, and another program's WAL database is left exactly as
    it was, side files included. Raises ``sqlite3.DatabaseError`` for a file SQLite cannot read.
    """
    uri = read_only_uri(path)
    if not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm", "-journal")):
        uri += "&immutable=1"
    con = sqlite3.connect(uri, uri=True)
    try:
        application_id = int(con.execute("PRAGMA application_id").fetchone()[0])
        columns: dict[str, frozenset[str]] = {}
        for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type='table'"):
            if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
                columns[name] = frozenset()  # its module may not be loaded here: no columns
                continue
            info = con.execute("SELECT name FROM pragma_table_info(?)", (name,))
            columns[name] = frozenset(str(row[0]) for row in info)
        versions: tuple[str, ...] = ()
        if "version_num" in columns.get("alembic_version", frozenset()):
            rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
            versions = tuple(str(row[0]) for row in rows)
        return FileSchema(application_id, versions, columns)
    finally:
        con.close()


def mark_as_workspace(connection: Connection) -> None:
    """Stamp crmdesk's ``application_id`` in the file's header, inside the caller's transaction
    (a new workspace's creation, an older one's upgrade), so the next open recognises it."""
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def cap_growth(connection: Connection, pages: int = 0) -> None:
    """Let the file grow by at most ``pages`` pages on this connection (``max_page_count``).

    For tests: past the cap SQLite fails a write with SQLITE_FULL exactly as on a full disk,
    without needing a full disk. It lasts as long as the connection.
    """
    count = int(connection.exec_driver_sql("PRAGMA page_count").scalar_one())
    connection.exec_driver_sql(f"PRAGMA max_page_count = {count + int(pages)}")


def integrity_ok(path: Path) -> bool:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


# -- for backups and restore (crmdesk.core.backups) ---------------------------------------------

#: What SQLite keeps beside a database file. SQLite pairs a -wal with its database by name only:
#: a stale one left beside a replaced file would be replayed over it.
SIDE_FILES = ("-wal", "-shm", "-journal")


def sync(path: Path) -> None:
    """Flush a file, or a folder after a rename in it, to the disk."""
    _fsync(path)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that writes nothing, not even beside a file with no journal (immutable):
    listing or checking a backup must leave it, and its folder, byte for byte as it was."""
    uri = read_only_uri(path)
    if not any(Path(f"{path}{side}").exists() for side in SIDE_FILES):
        uri += "&immutable=1"
    connection = sqlite3.connect(uri, uri=True)
    try:
        yield connection
    finally:
        connection.close()


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong in the file, read-only (empty: sound).
    Raises ``sqlite3.DatabaseError`` when the damage stops SQLite reading at all."""
    with reading(path) as connection:
        rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def count_rows(path: Path, table: str) -> int:
    """How many rows ``table`` holds, read-only (``table`` is a name of crmdesk's schema)."""
    with reading(path) as connection:
        return int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def copy_into(source: Path, destination: Path) -> None:
    """Copy the database ``source`` (read-only, its -wal included) into the existing empty file
    ``destination`` with the backup API, as a plain rollback-journal file with no side file."""
    with reading(source) as src:
        dst = sqlite3.connect(destination)
        try:
            dst.execute("PRAGMA journal_mode = DELETE")
            src.backup(dst)
        finally:
            dst.close()
    Path(f"{destination}-journal").unlink(missing_ok=True)


def fold_side_files(path: Path) -> None:
    """Checkpoint ``path``'s write-ahead log into it, then remove its side files, before the
    file is replaced; a damaged file that cannot be checkpointed just loses them (the caller
    has kept a copy of both)."""
    if any(Path(f"{path}{side}").exists() for side in SIDE_FILES):
        try:
            connection = sqlite3.connect(path)
            try:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                connection.close()
        except sqlite3.Error:
            pass
    for side in SIDE_FILES:
        Path(f"{path}{side}").unlink(missing_ok=True)
