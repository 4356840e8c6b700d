"""Opening a workspace: where it lives, its engine, its single-writer lock, its transactions.

A workspace is one SQLite file. Opening it checks, in order, that it is a plain file (not a
folder, named pipe or device), that it is an SQLite file crmdesk wrote (its application id, or
the schema of a known revision), that no other crmdesk holds it, that it can be written, and
that its schema is current (upgrading after a backup when it is older). Each failure is a
``WorkspaceError`` naming the file; nothing is written.

A workspace can also be opened for reading only, beside the window that holds it: the lock stops
a second writer, not a reader, and SQLite's write-ahead log gives each reading transaction a
consistent snapshot of the last commit while the writer goes on.

A workspace can also be a database on a PostgreSQL server (``postgresql://user@host/db``, see
``crmdesk.core.postgres``): no file checks and no lock there (several people write at once, each
transaction isolated by the server), the same migrations, and the same refusals of another
program's database and of a newer schema.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import ConnectionPoolEntry

from crmdesk.core import chain, concurrency, postgres, pressure, sqlite
from crmdesk.core.errors import (
    BackupFailed,
    BadLockFile,
    CrmdeskError,
    DiskFull,
    DiskIOError,
    ForeignFile,
    WorkspaceBusy,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceMissing,
    WorkspaceReadOnly,
)
from crmdesk.core.migrate import HEAD_REVISION, MigrationResult, recognise, upgrade_to
from crmdesk.core.postgres import ServerAddress, ServerError

READ_ONLY_OPTION = "crmdesk_read_only"


class WorkspaceOutdated(WorkspaceError):
    """A reader met a file that needs a migration: upgrading is a writer's job (with a backup)."""

    def __init__(self, path: Path, revision: str, where: str | None = None) -> None:
        said = (
            f"This workspace was written by an older crmdesk (schema {revision}); open it once "
            "in crmdesk to upgrade it; nothing was written."
        )
        super().__init__(path, said)
        if where is not None:  # a server's database: named by its URL, not a local path
            self.message = f"{said}\n{where}"
            self.args = (self.message,)
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


def translate_database_error(path: Path, exc: BaseException) -> WorkspaceError | None:
    """Turn SQLite's known failures, and the system's around the file, into a sentence for the
    user; None for a bug. The one place that names them: a full disk or an I/O error is the
    disk's trouble, said as such, never "damaged, restore a backup" for a healthy file."""
    kind = sqlite.error_kind(exc)
    if kind == "full":
        return DiskFull(path)
    if kind == "io":  # a full disk often surfaces as an I/O error (a -shm or journal write)
        return DiskFull(path) if _disk_nearly_full(path) else DiskIOError(path)
    if kind == "busy":
        return WorkspaceBusy(path)
    if kind == "readonly":
        return WorkspaceReadOnly(path)
    if kind == "notadb":
        return ForeignFile(path, NOT_SQLITE)
    if kind == "corrupt":
        return WorkspaceDamaged(path)
    if kind == "cantopen":
        return WorkspaceError(
            path,
            "SQLite could not open this workspace or the files it keeps beside it (-wal, -shm): "
            "check the folder's permissions and that the drive is still there. Nothing was saved.",
        )
    return None


#: Below this much free space an I/O error is taken for what it nearly always is: a full disk.
NEARLY_FULL_BYTES = 4 * 1024 * 1024
NOT_SQLITE = "not an SQLite database"


def _disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


_ODD_FILES: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _odd_file(mode: int) -> str:
    """What a non-regular file is, in words, for the refusal."""
    return next((what for test, what in _ODD_FILES if test(mode)), "not a plain file")


def _regular_file(path: Path) -> os.stat_result | None:
    """The file's ``stat``, None when there is no file; refuses a folder, named pipe, device or
    socket at once, from its ``stat`` alone: opening a named pipe would wait forever."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise WorkspaceReadOnly(path) from exc
    if not stat.S_ISREG(info.st_mode):
        raise ForeignFile(path, _odd_file(info.st_mode))
    return info


def _check_lock_file(path: Path, lock: Path) -> None:
    """Refuse a lock file that is not a plain file: a folder cannot be locked, and a symbolic
    link must never be followed, since locking opens and truncates what it points to."""
    try:
        info = os.lstat(lock)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise BadLockFile(path, lock, _odd_file(info.st_mode))


def _schema_revision(path: Path) -> tuple[str | None, sqlite.FileSchema]:
    """The file's schema revision, read without writing; refuses a foreign or newer file."""
    try:
        schema = sqlite.read_schema(path)
    except sqlite3.DatabaseError as exc:
        raise (translate_database_error(path, exc) or WorkspaceDamaged(path)) from exc
    return recognise(path, schema), schema


class Workspace:
    """An open workspace (a file, or a database on a server): the engine, the writer's lock
    and transactions.

    A file without the lock (``lock=None``) is a reader: ``read_only`` is True, ``session()``
    refuses and ``close()`` releases nothing. A server's database (``server``) has no lock:
    it is a reader only when opened with ``read_only=True``. Its ``path`` then stands for it
    in the user data folder (``ServerAddress.local_path``, never a file); ``location`` names it.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: FileLock | None,
        migration: MigrationResult,
        *,
        server: ServerAddress | None = None,
        read_only: bool | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.migration = migration
        self.server = server
        self.read_only = lock is None if read_only is None else read_only
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        chain.install(self._sessions)
        pressure.install(self._sessions)  # after the chain: its flush may still write
        concurrency.install(self._sessions)  # last: who and when, and what to tell (issue 22)
        reading: dict[str, object] = {READ_ONLY_OPTION: True}
        if server is not None:
            reading["postgresql_readonly"] = True
        self._readers = sessionmaker(engine.execution_options(**reading), expire_on_commit=False)

    @property
    def location(self) -> str:
        """The workspace as the user named it, for messages and logs: the file's path, or the
        server's URL without its password."""
        return self.server.shown if self.server is not None else str(self.path)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, read_only: bool = False) -> Workspace:
        """Open ``path`` as its one writer (the lock, a migration if needed) or as a reader.

        ``read_only=True`` is for commands that only read, so they work while the window holds
        the file: no lock, no creation (``create`` is ignored), no migration, no byte written.
        A file that needs a migration raises ``WorkspaceOutdated`` even when nobody holds it:
        the upgrade and its backup are left to the window, which tells the user where the
        backup is, and a read-only command keeps its promise of leaving the file as it was.

        Every check that can refuse the file runs before the first byte is written (the
        engine's first connection switches the file to WAL): a file crmdesk did not write
        is left exactly as it was, with nothing created beside it.
        """
        if isinstance(path, str) and postgres.is_server_url(path):
            return cls._open_server(ServerAddress.parse(path), read_only=read_only)
        path = Path(path).expanduser().resolve()
        if read_only:
            return cls._open_for_reading(path)
        revision: str | None = None
        stamped = True
        existing = _regular_file(path)
        if existing is not None:
            try:
                if not sqlite.looks_like_sqlite(path):
                    raise ForeignFile(path, NOT_SQLITE)
                if existing.st_size == 0 and not create:
                    raise ForeignFile(path, "an empty file")
                if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                    raise WorkspaceReadOnly(path)
                revision, schema = _schema_revision(path)
                stamped = schema.application_id == sqlite.APPLICATION_ID
            except PermissionError as exc:
                raise WorkspaceReadOnly(path) from exc
        elif not create:
            raise WorkspaceMissing(path)

        lock_path = Path(f"{path}.lock")
        _check_lock_file(path, lock_path)
        lock = FileLock(str(lock_path), timeout=0, mode=0o600)
        try:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except Timeout as exc:
            raise WorkspaceLocked(path) from exc
        except PermissionError as exc:
            raise WorkspaceReadOnly(path) from exc
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENOTDIR, errno.ENXIO):
                raise BadLockFile(path, lock_path, "not a plain file") from exc
            raise (translate_database_error(path, exc) or exc) from exc
        try:
            try:
                if not path.exists():
                    sqlite.create_private_file(path)
            except OSError as exc:
                raise (translate_database_error(path, exc) or exc) from exc
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise WorkspaceReadOnly(path)
            engine = make_engine(path)
            try:
                # Most starts find the file current: no reflection, no Alembic.
                if revision == HEAD_REVISION:
                    migration = MigrationResult(revision, revision, None)
                    if not stamped:  # written at this revision before crmdesk stamped its id
                        with engine.begin() as connection:
                            sqlite.mark_as_workspace(connection)
                else:
                    migration = upgrade_to(engine, path)
            except (OperationalError, DatabaseError) as exc:
                engine.dispose()
                raise (translate_database_error(path, exc) or exc) from exc
            except BackupFailed as exc:
                engine.dispose()
                raise (translate_database_error(path, exc.cause) or exc) from exc.cause
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
        existing = _regular_file(path)
        if existing is None:
            raise WorkspaceMissing(path)
        try:
            if not sqlite.looks_like_sqlite(path):
                raise ForeignFile(path, NOT_SQLITE)
            if existing.st_size == 0:
                raise ForeignFile(path, "an empty file")
            revision, _schema = _schema_revision(path)
        except PermissionError as exc:
            raise WorkspaceError(
                path, "This workspace cannot be read (permission denied); nothing was written."
            ) from exc
        if revision is None:  # an SQLite file with no tables: a workspace only once migrated
            raise ForeignFile(path, "an SQLite database with no tables")
        if revision != HEAD_REVISION:
            raise WorkspaceOutdated(path, revision)
        migration = MigrationResult(revision, revision, None)
        return cls(path, make_engine(path, read_only=True), None, migration)

    @classmethod
    def _open_server(cls, address: ServerAddress, *, read_only: bool) -> Workspace:
        """A server's database: set up or upgraded by a writer (see ``postgres.upgrade``),
        checked as current by a reader, which writes nothing. An empty database is one to set
        up, whatever ``create`` says: creating a database is the server administrator's job."""
        engine = postgres.make_engine(address, read_only=read_only)
        try:
            if read_only:
                with engine.connect() as connection:
                    revision = postgres.schema_revision(address, connection)
                if revision is None:
                    raise ServerError(
                        address.shown,
                        "This database is empty: open it once in crmdesk (or run a command "
                        "that writes) to set it up; nothing was written.",
                    )
                if revision != HEAD_REVISION:
                    raise WorkspaceOutdated(address.local_path, revision, address.shown)
                migration = MigrationResult(revision, revision, None)
            else:
                migration = postgres.upgrade(address, engine)
        except DBAPIError as exc:
            engine.dispose()
            raise (postgres.translate_error(address, exc) or exc) from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(address.local_path, engine, None, migration, server=address, read_only=read_only)

    def _translate(self, exc: BaseException) -> CrmdeskError | None:
        if self.server is not None:
            return postgres.translate_error(self.server, exc)
        known = translate_database_error(self.path, exc)
        if self.read_only and isinstance(known, WorkspaceReadOnly):
            known = WorkspaceOpenedForReading(self.path)  # the file may well be writable
        return known

    @contextmanager
    def _transaction(self, factory: sessionmaker[Session], *, commit: bool) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            if commit:
                session.commit()
            else:
                session.rollback()
        except StaleDataError as exc:  # another writer committed between our read and write
            raise concurrency.stale_after_race(session, exc) from exc
        except DBAPIError as exc:
            if self.server is None:
                session.rollback()
            else:
                _quiet_rollback(session)
            known = self._translate(exc)
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

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``: for the few places that must tell (see the module)."""
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _quiet_rollback(session: Session) -> None:
    """Roll back after a database error; a server that went away cannot even do that, and the
    error to report is the first one."""
    try:
        session.rollback()
    except DBAPIError:
        pass
