"""Opening a workspace: where it lives, its engine, its single-writer lock, its transactions.

A workspace is one SQLite file. Opening it checks, in order, that it is an SQLite file, that no
other crmdesk holds it, that it can be written, and that its schema is current (upgrading after a
backup when it is older). Each failure is a ``WorkspaceError`` naming the file; nothing is written.

A workspace can also be opened for reading only, beside the window that holds it: the lock stops
a second writer, not a reader, and SQLite's write-ahead log gives each reading transaction a
consistent snapshot of the last commit while the writer goes on.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from crmdesk.core import chain, sqlite
from crmdesk.core.errors import (
    NotAWorkspace,
    WorkspaceBusy,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceMissing,
    WorkspaceReadOnly,
)
from crmdesk.core.migrate import HEAD_REVISION, MigrationResult, check_schema, upgrade_to
from crmdesk.core.paths import data_dir

READ_ONLY_OPTION = "crmdesk_read_only"


def default_workspace_path() -> Path:
    return data_dir() / "workspace.sqlite"


def demo_workspace_path() -> Path:
    return data_dir() / "demo.sqlite"


class WorkspaceOutdated(WorkspaceError):
    """A reader met a file that needs a migration: upgrading is a writer's job (with a backup)."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            path,
            f"This workspace was written by an older crmdesk (schema {revision}); open it once "
            "in crmdesk to upgrade it; nothing was written.",
        )
        self.revision = revision


class WorkspaceOpenedForReading(WorkspaceError):
    """A write asked of a workspace opened with ``read_only=True``: a bug in the caller."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, "This workspace was opened for reading only: nothing can be saved through it."
        )


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine whose every connection has crmdesk's PRAGMAs and real BEGINs.

    A ``read_only`` engine's connections cannot write the file (``sqlite.connect_read_only``):
    no WAL PRAGMA, no checkpoint, and every transaction a plain read.
    """
    if read_only:
        engine = create_engine(
            f"sqlite:///{path}", creator=lambda: sqlite.connect_read_only(path), future=True
        )
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            sqlite.apply_connection_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A writing transaction takes the write lock at once, so SQLite's busy timeout applies
        # (a deferred one that reads then writes fails at once when another writer is active).
        reading = read_only or connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def translate_database_error(path: Path, exc: Exception) -> WorkspaceError | None:
    """Turn SQLite's known failures into a sentence for the user, None for a bug."""
    if sqlite.is_locked_error(exc):
        return WorkspaceBusy(path)
    if sqlite.is_readonly_error(exc):
        return WorkspaceReadOnly(path)
    if sqlite.is_not_a_database_error(exc):
        return NotAWorkspace(path)
    if sqlite.is_damaged_error(exc):
        return WorkspaceDamaged(path)
    if "disk" in str(exc).lower() and "full" in str(exc).lower():
        return WorkspaceError(path, "The disk is full. Nothing was saved.")
    return None


def _schema_revision(path: Path) -> str | None:
    """The file's schema revision, read without writing; refuses a foreign or newer file."""
    try:
        tables, revision = sqlite.read_schema(path)
    except sqlite3.DatabaseError as exc:
        raise (translate_database_error(path, exc) or WorkspaceDamaged(path)) from exc
    check_schema(path, tables, revision)
    return revision


class Workspace:
    """An open workspace file: the engine, the writer's lock and transactions.

    Without the lock (``lock=None``) it is a reader: ``read_only`` is True, ``session()``
    refuses and ``close()`` releases nothing.
    """

    def __init__(
        self, path: Path, engine: Engine, lock: FileLock | None, migration: MigrationResult
    ) -> None:
        self.path = path
        self.engine = engine
        self.migration = migration
        self.read_only = lock is None
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        chain.install(self._sessions)
        self._readers = sessionmaker(
            engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False
        )

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, read_only: bool = False) -> Workspace:
        """Open ``path`` as its one writer (the lock, a migration if needed) or as a reader.

        ``read_only=True`` is for commands that only read, so they work while the window holds
        the file: no lock, no creation (``create`` is ignored), no migration, no byte written.
        A file that needs a migration raises ``WorkspaceOutdated`` even when nobody holds it:
        the upgrade and its backup are left to the window, which tells the user where the
        backup is, and a read-only command keeps its promise of leaving the file as it was.
        """
        path = Path(path).expanduser().resolve()
        if read_only:
            return cls._open_for_reading(path)
        revision: str | None = None
        if path.exists():
            if path.is_dir():
                raise NotAWorkspace(path)
            try:
                if not sqlite.looks_like_sqlite(path):
                    raise NotAWorkspace(path)
                if path.stat().st_size == 0 and not create:
                    raise NotAWorkspace(path)
                if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                    raise WorkspaceReadOnly(path)
                revision = _schema_revision(path)
            except PermissionError as exc:
                raise WorkspaceReadOnly(path) from exc
        elif not create:
            raise WorkspaceMissing(path)

        lock = FileLock(str(path) + ".lock", timeout=0, mode=0o600)
        try:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except Timeout as exc:
            raise WorkspaceLocked(path) from exc
        except PermissionError as exc:
            raise WorkspaceReadOnly(path) from exc
        try:
            if not path.exists():
                sqlite.create_private_file(path)
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise WorkspaceReadOnly(path)
            engine = make_engine(path)
            try:
                # Most starts find the file current: no reflection, no Alembic.
                migration = (
                    MigrationResult(revision, revision, None)
                    if revision == HEAD_REVISION
                    else upgrade_to(engine, path)
                )
            except (OperationalError, DatabaseError) as exc:
                engine.dispose()
                raise (translate_database_error(path, exc) or exc) from exc
            except BaseException:
                engine.dispose()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(path, engine, lock, migration)

    @classmethod
    def _open_for_reading(cls, path: Path) -> Workspace:
        """The checks of a writer's open, then an engine that cannot write: see ``open``."""
        if not path.exists():
            raise WorkspaceMissing(path)
        if path.is_dir():
            raise NotAWorkspace(path)
        try:
            if not sqlite.looks_like_sqlite(path) or path.stat().st_size == 0:
                raise NotAWorkspace(path)
            revision = _schema_revision(path)
        except PermissionError as exc:
            raise WorkspaceError(
                path, "This workspace cannot be read (permission denied); nothing was written."
            ) from exc
        if revision is None:  # an SQLite file with no tables: a workspace only once migrated
            raise NotAWorkspace(path)
        if revision != HEAD_REVISION:
            raise WorkspaceOutdated(path, revision)
        migration = MigrationResult(revision, revision, None)
        return cls(path, make_engine(path, read_only=True), None, migration)

    @contextmanager
    def _transaction(self, factory: sessionmaker[Session], *, commit: bool) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            if commit:
                session.commit()
            else:
                session.rollback()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            known = translate_database_error(self.path, exc)
            if self.read_only and isinstance(known, WorkspaceReadOnly):
                known = WorkspaceOpenedForReading(self.path)  # the file may well be writable
            if known is not None:
                raise known from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def session(self) -> AbstractContextManager[Session]:
        """One writing transaction: committed when the block ends, rolled back if it raises.

        Refused on a workspace opened for reading: it holds no writer's lock.
        """
        if self.read_only:
            raise WorkspaceOpenedForReading(self.path)
        return self._transaction(self._sessions, commit=True)

    def reader(self) -> AbstractContextManager[Session]:
        """A read-only transaction: it does not take the write lock, so it never waits on one."""
        return self._transaction(self._readers, commit=False)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
