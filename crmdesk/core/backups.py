"""Rotating backups of a workspace, and putting one back.

A backup is SQLite's online backup of the workspace (consistent while the window goes on
writing), written under a ``.partial`` name and renamed only when complete, into a backups
folder, named ``<workspace stem>.<YYYY-MM-DD>T<HHMMSS>[-N].sqlite``. The name carries the
moment in local time so the list, the daily rule and the rotation read it without opening any
file, and so rotation can recognise its own files: it never deletes anything else.

A restore refuses, before any byte is written, a file that is not a crmdesk workspace, a
damaged one (``PRAGMA integrity_check``) and one from a newer crmdesk, and a workspace another
crmdesk holds; then it backs up the current file, copies the chosen backup beside the workspace
under a temporary name, checks the copy, and renames it over the workspace.

A workspace on a PostgreSQL server is backed up by the server's own tool, ``pg_dump`` (custom
format, ``<database>.<YYYY-MM-DD>T<HHMMSS>.dump``), when it is installed; the password goes to
it through its environment, never its command line. Restoring one is ``pg_restore``'s job.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from crmdesk.core import migrate, postgres, sqlite
from crmdesk.core.errors import (
    BackupDamaged,
    BackupDiskFull,
    BackupFolderUnwritable,
    BackupNotAWorkspace,
    BackupNotTaken,
    BackupTooNew,
    CrmdeskError,
    ForeignFile,
    RestoreLocked,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceMissing,
    WorkspaceTooNew,
)
from crmdesk.core.paths import data_dir

#: How many recent backups rotation keeps when the preferences say nothing.
DEFAULT_KEEP = 14
#: Besides the recent ones, the newest backup of each of this many months is kept.
MONTHS_KEPT = 12
#: A ``.partial`` copy older than this was left by a process that died: rotation removes it.
STALE_PARTIAL_SECONDS = 24 * 3600
_STAMP = "%Y-%m-%dT%H%M%S"
_SUFFIX = ".sqlite"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the restore list shows it."""

    path: Path
    #: When it was taken, in local time (read from its name).
    taken_at: datetime
    size: int
    #: How many campaigns it holds; None when it cannot be read as a workspace.
    campaigns: int | None


def default_folder(workspace_path: Path | str) -> Path:
    """The backups folder when the preferences name none: ``backups`` in the user's data folder.

    The data folder rather than beside the workspace: a workspace kept on a USB key or a
    synced folder should not fill it with copies. The workspace is a parameter so a later
    default (per workspace) does not change callers.
    """
    del workspace_path
    return data_dir() / "backups"


def backup_name(stem: str, when: datetime, counter: int = 0) -> str:
    """The file name of a backup of the workspace ``stem`` taken at ``when`` (local time)."""
    extra = f"-{counter}" if counter else ""
    return f"{stem}.{when.strftime(_STAMP)}{extra}{_SUFFIX}"


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(stem)}\.(\d{{4}}-\d{{2}}-\d{{2}}T\d{{6}})(?:-(\d{{1,4}}))?{re.escape(_SUFFIX)}$"
    )


def _local(now: datetime | None) -> datetime:
    """``now`` as a naive local time, the clock the names use; the real clock without one."""
    if now is None:
        return datetime.now().replace(microsecond=0)
    if now.tzinfo is not None:
        now = now.astimezone().replace(tzinfo=None)
    return now.replace(microsecond=0)


def _own_backups(folder: Path, stem: str) -> list[tuple[datetime, int, Path]]:
    """This workspace's backups in ``folder``, newest first: plain files whose whole name is
    one of ours. Links, folders and anything else are not ours and never touched."""
    pattern = _pattern(stem)
    found: list[tuple[datetime, int, Path]] = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except PermissionError as exc:
        raise BackupFolderUnwritable(folder) from exc
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            taken = datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue
        found.append((taken, int(match.group(2) or 0), Path(entry.path)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return found


def _check_workspace(workspace_path: Path) -> None:
    """Refuse to back up a missing file, another program's file, or a folder: the backups
    folder holds crmdesk workspaces only, so a restore can trust what it lists."""
    try:
        info = os.stat(workspace_path)
    except FileNotFoundError as exc:
        raise WorkspaceMissing(workspace_path) from exc
    if not stat.S_ISREG(info.st_mode):
        raise ForeignFile(workspace_path, "not a plain file")
    if not sqlite.looks_like_sqlite(workspace_path) or info.st_size == 0:
        raise ForeignFile(workspace_path, "not an SQLite database")
    try:
        schema = sqlite.read_schema(workspace_path)
    except sqlite3.DatabaseError as exc:
        from crmdesk.core.db import translate_database_error

        raise (translate_database_error(workspace_path, exc) or exc) from exc
    if migrate.recognise(workspace_path, schema) is None:
        raise ForeignFile(workspace_path, "an SQLite database with no tables")


def _free_name(folder: Path, stem: str, when: datetime) -> Path:
    counter = 0
    while True:
        candidate = folder / backup_name(stem, when, counter)
        if not (candidate.exists() or candidate.is_symlink()):
            return candidate
        counter += 1


def _take(workspace_path: Path, folder: Path, when: datetime, *, raw: bool = False) -> Path:
    """Write one backup into ``folder``; on any failure nothing is left under any name.

    ``raw`` copies the bytes instead (the file and its write-ahead log): for a damaged
    workspace about to be replaced, which SQLite's backup may refuse to read.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    except (PermissionError, NotADirectoryError, FileExistsError, FileNotFoundError) as exc:
        raise BackupFolderUnwritable(folder) from exc
    except OSError as exc:
        raise _backup_error(folder, exc) from exc
    destination = _free_name(folder, workspace_path.stem, when)
    try:
        if raw:
            _raw_copy(workspace_path, destination)
        else:
            sqlite.online_backup(workspace_path, destination)
    except (sqlite3.Error, OSError) as exc:
        raise _backup_error(folder, exc) from exc
    return destination


def _backup_error(folder: Path, exc: BaseException) -> CrmdeskError:
    """A failed backup in words: a folder that refuses writes, a full disk, or the cause."""
    kind = sqlite.error_kind(exc)
    if isinstance(exc, PermissionError | NotADirectoryError) or kind in ("readonly", "cantopen"):
        return BackupFolderUnwritable(folder)
    if kind == "full":
        return BackupDiskFull(folder)
    return BackupNotTaken(folder, exc)


def _raw_copy(source: Path, destination: Path) -> None:
    """The bytes of ``source`` and of its write-ahead log, each under a temporary name then
    renamed (the log first, so a copy never appears without the log it needs)."""
    pairs = [(Path(f"{source}-wal"), Path(f"{destination}-wal")), (source, destination)]
    written: list[Path] = []
    try:
        for src, dst in pairs:
            if src is not source and not src.is_file():
                continue
            partial = _copy_bytes(src, dst.parent, dst.name)
            os.replace(partial, dst)
            written.append(dst)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _copy_bytes(source: Path, folder: Path, name: str) -> Path:
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=sqlite.PARTIAL_SUFFIX, dir=folder)
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def backup_now(
    workspace_path: Path | str,
    folder: Path,
    keep: int = DEFAULT_KEEP,
    *,
    now: datetime | None = None,
) -> Path:
    """Back up the workspace into ``folder`` now (consistent even while the app writes), then
    rotate; returns the new file. Refuses a file that is not a crmdesk workspace; a folder that
    cannot be written or a disk that fills raises a ``CrmdeskError`` and leaves no file.
    A server's database (its URL) is dumped with ``pg_dump`` instead (see the module)."""
    if isinstance(workspace_path, str) and postgres.is_server_url(workspace_path):
        address = postgres.ServerAddress.parse(workspace_path)
        name = f"{address.url.database}.{_local(now).strftime(_STAMP)}.dump"
        return dump_server(address, Path(folder).expanduser() / name)
    workspace_path = Path(workspace_path).expanduser().resolve()
    folder = Path(folder).expanduser()
    _check_workspace(workspace_path)
    taken = _take(workspace_path, folder, _local(now))
    prune(folder, workspace_path.stem, keep, now=now)
    return taken


def backup_to_file(workspace_path: Path | str, out: Path) -> Path:
    """Back up the workspace to exactly ``out`` (``crmdesk backup --out``): no rotation, and
    an existing file is refused, never overwritten."""
    if isinstance(workspace_path, str) and postgres.is_server_url(workspace_path):
        return dump_server(postgres.ServerAddress.parse(workspace_path), Path(out))
    workspace_path = Path(workspace_path).expanduser().resolve()
    out = Path(out).expanduser().absolute()
    _check_workspace(workspace_path)
    if out.exists() or out.is_symlink():
        raise WorkspaceError(out, "A file already exists here; choose another path.")
    if out == workspace_path:
        raise WorkspaceError(out, "A backup cannot be written over the workspace itself.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file in the way, no permission, a read-only file system
        raise BackupFolderUnwritable(out.parent) from exc
    try:
        return sqlite.online_backup(workspace_path, out)
    except FileExistsError as exc:
        raise WorkspaceError(out, "A file already exists here; choose another path.") from exc
    except (sqlite3.Error, OSError) as exc:
        raise _backup_error(out.parent, exc) from exc


#: What to install when ``pg_dump`` is missing, said in the refusal.
PG_DUMP_INSTALL = (
    "install PostgreSQL's client tools (Debian/Ubuntu: apt-get install postgresql-client; "
    "macOS: brew install libpq), in the server's major version or newer"
)


def pg_dump_program() -> str | None:
    """``pg_dump`` on the PATH, else the newest in Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_dump"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return str(candidates[-1]) if candidates else None


def dump_server(address: postgres.ServerAddress, out: Path) -> Path:
    """A consistent copy of a server's database with ``pg_dump`` (custom format, one snapshot
    while others go on writing), written under a ``.partial`` name and renamed when complete;
    an existing file is refused, never overwritten."""
    out = out.expanduser().absolute()
    if out.exists() or out.is_symlink():
        raise WorkspaceError(out, "A file already exists here; choose another path.")
    program = pg_dump_program()
    if program is None:
        raise CrmdeskError(
            f"Backing up a PostgreSQL workspace runs pg_dump, which is not installed: "
            f"{PG_DUMP_INSTALL}. Nothing was written.\n{address.shown}"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFolderUnwritable(out.parent) from exc
    env = dict(os.environ)
    password = postgres.password(address)
    if password is not None:
        env["PGPASSWORD"] = password
    partial = out.with_name(f".{out.name}{sqlite.PARTIAL_SUFFIX}")
    command = [program, "--format=custom", "--no-owner", f"--file={partial}", address.shown]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        partial.unlink(missing_ok=True)
        raise BackupNotTaken(out.parent, exc) from exc
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        said = " ".join(done.stderr.split())[:400]
        raise CrmdeskError(
            f"pg_dump could not back up the database ({said}). Nothing was written.\n"
            f"{address.shown}"
        )
    os.replace(partial, out)
    return out


def daily_backup(
    workspace_path: Path, folder: Path, keep: int = DEFAULT_KEEP, *, now: datetime | None = None
) -> Path | None:
    """``backup_now`` unless this workspace already has a backup taken today (local day):
    for the first start of each day, so restarting the app ten times makes one copy."""
    workspace_path = Path(workspace_path).expanduser().resolve()
    today = _local(now).date()
    if any(taken.date() == today for taken, _n, _p in _own_backups(folder, workspace_path.stem)):
        return None
    return backup_now(workspace_path, folder, keep, now=now)


def _month_back(when: datetime, months: int) -> tuple[int, int]:
    index = when.year * 12 + (when.month - 1) - months
    return index // 12, index % 12 + 1


def prune(folder: Path, stem: str, keep: int, *, now: datetime | None = None) -> list[Path]:
    """Delete this workspace's older backups; returns what was deleted.

    Kept: the newest ``keep`` (at least one: the copy just taken is never deleted), and the
    newest of each of the last ``MONTHS_KEPT`` months (counting ``now``'s month), so a mistake
    noticed weeks later can still be undone. Only files named as ``backup_name`` names them are
    considered, with their SQLite side files; ``.partial`` leftovers of a process that died
    more than a day ago go too. Anything else in the folder is left alone.
    """
    folder = Path(folder)
    when = _local(now)
    backups = _own_backups(folder, stem)
    kept = {path for _t, _n, path in backups[: max(1, int(keep))]}
    months = {_month_back(when, back) for back in range(MONTHS_KEPT)}
    for taken, _n, path in backups:  # newest first: the first seen of a month is its newest
        month = (taken.year, taken.month)
        if month in months:
            kept.add(path)
            months.discard(month)
    deleted: list[Path] = []
    for _t, _n, path in backups:
        if path in kept:
            continue
        for side in sqlite.SIDE_FILES:
            Path(f"{path}{side}").unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        deleted.append(path)
    deleted.extend(_prune_partials(folder, stem))
    return deleted


def _prune_partials(folder: Path, stem: str) -> list[Path]:
    pattern = re.compile(rf"^\.{re.escape(stem)}\..*{re.escape(sqlite.PARTIAL_SUFFIX)}$")
    deleted: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return deleted
    limit = time.time() - STALE_PARTIAL_SECONDS
    for entry in entries:
        if not pattern.match(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                deleted.append(Path(entry.path))
        except OSError:
            continue
    return deleted


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """This workspace's backups in ``folder``, newest first, with size and campaign count.

    Each is read through a read-only connection: listing never changes a backup, and one
    that cannot be read still shows (with no count) so the user sees it exists.
    """
    infos: list[BackupInfo] = []
    for taken, _n, path in _own_backups(Path(folder), stem):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        infos.append(BackupInfo(path, taken.astimezone(), size, campaign_count(path)))
    return infos


def campaign_count(path: Path) -> int | None:
    """How many campaigns the file holds, None when it is not a readable crmdesk workspace."""
    try:
        schema = sqlite.read_schema(path)
        migrate.recognise(path, schema)
        if "campaigns" not in schema.tables:
            return None
        return sqlite.count_rows(path, "campaigns")
    except (sqlite3.Error, OSError, CrmdeskError):
        return None


# -- restore ------------------------------------------------------------------------------------


def check_backup(backup: Path) -> str:
    """The revision of the crmdesk workspace in ``backup`` after ``PRAGMA integrity_check``;
    raises ``BackupNotAWorkspace``, ``BackupDamaged`` or ``BackupTooNew``. Writes nothing."""
    backup = Path(backup).expanduser()
    try:
        info = os.stat(backup)
    except FileNotFoundError as exc:
        raise BackupNotAWorkspace(backup, "there is no file at this path") from exc
    except OSError as exc:
        raise BackupNotAWorkspace(backup, f"it cannot be read: {exc.strerror}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise BackupNotAWorkspace(backup, "it is not a plain file")
    try:
        if info.st_size == 0 or not sqlite.looks_like_sqlite(backup):
            raise BackupNotAWorkspace(backup, "it is not an SQLite database")
        schema = sqlite.read_schema(backup)
        revision = migrate.recognise(backup, schema)
        if revision is None:
            raise BackupNotAWorkspace(backup, "it is an empty SQLite database")
        problems = sqlite.integrity_problems(backup)
    except WorkspaceTooNew as exc:
        raise BackupTooNew(backup, exc.revision) from exc
    except ForeignFile as exc:
        raise BackupNotAWorkspace(backup, exc.what) from exc
    except PermissionError as exc:
        raise BackupNotAWorkspace(backup, "it cannot be read (permission denied)") from exc
    except sqlite3.DatabaseError as exc:
        if sqlite.is_not_a_database_error(exc):
            raise BackupNotAWorkspace(backup, "it is not an SQLite database") from exc
        raise BackupDamaged(backup, str(exc)) from exc
    if problems:
        raise BackupDamaged(backup, problems[0])
    return revision


@contextmanager
def _writer_lock(workspace_path: Path) -> Iterator[None]:
    """The lock every crmdesk takes to write this workspace (see ``db.Workspace.open``): held
    for the whole restore, so no crmdesk opens the file half-replaced."""
    lock_path = Path(f"{workspace_path}.lock")
    try:
        if not stat.S_ISREG(os.lstat(lock_path).st_mode):
            raise RestoreLocked(workspace_path)
    except FileNotFoundError:
        pass
    lock = FileLock(str(lock_path), timeout=0, mode=0o600)
    try:
        lock.acquire()
    except Timeout as exc:
        raise RestoreLocked(workspace_path) from exc
    except OSError as exc:
        raise WorkspaceError(
            workspace_path,
            f"The workspace's lock file cannot be taken ({exc.strerror}); nothing was changed.",
        ) from exc
    try:
        yield
    finally:
        lock.release()


def restore(backup: Path, workspace_path: Path | str, folder: Path) -> Path:
    """Put ``backup`` in place of the workspace; returns the safety copy of what it replaced.

    The workspace must be closed by the caller (the app closes its own first); another crmdesk
    holding it is refused. Every refusal comes before any byte is written. The replacement is
    atomic: the backup is copied beside the workspace under a temporary name, checked, synced,
    and renamed over it; the old file's write-ahead log is folded in and removed first, so
    SQLite cannot replay it over the restored file (its content is in the safety copy).
    """
    if isinstance(workspace_path, str) and postgres.is_server_url(workspace_path):
        raise CrmdeskError(
            "crmdesk restore puts a backup file in place of a workspace file; a PostgreSQL "
            "workspace is restored from its pg_dump backup with pg_restore, by the server's "
            f"administrator. Nothing was changed.\n"
            f"{postgres.ServerAddress.parse(workspace_path).shown}"
        )
    backup = Path(backup).expanduser().resolve()
    workspace_path = Path(workspace_path).expanduser().resolve()
    folder = Path(folder).expanduser()
    check_backup(backup)
    if backup == workspace_path:
        raise BackupNotAWorkspace(backup, "it is the workspace itself")
    try:
        current = os.stat(workspace_path)
    except FileNotFoundError as exc:
        raise WorkspaceMissing(workspace_path) from exc
    if not stat.S_ISREG(current.st_mode):
        raise ForeignFile(workspace_path, "not a plain file")
    with _writer_lock(workspace_path):
        damaged = False
        try:
            _check_workspace(workspace_path)
        except WorkspaceTooNew:
            pass  # a newer crmdesk's file: the user chose to go back; it is kept in the copy
        except ForeignFile as exc:
            if not (exc.what.startswith("not an SQLite") and current.st_size > 0):
                raise
            damaged = True
        except WorkspaceError as exc:
            if not _is_damage(exc):
                raise
            damaged = True
        try:
            safety = _take(workspace_path, folder, _local(None), raw=damaged)
        except BackupNotTaken as exc:
            if sqlite.error_kind(exc.cause) not in ("corrupt", "notadb"):
                raise
            # SQLite's backup met a damaged page: keep the bytes as they are instead.
            safety = _take(workspace_path, folder, _local(None), raw=True)
        _replace(backup, workspace_path)
    return safety


def _is_damage(exc: WorkspaceError) -> bool:
    return isinstance(exc, WorkspaceDamaged)


def _replace(backup: Path, workspace_path: Path) -> None:
    """Copy ``backup`` under a temporary name beside the workspace, check it, then swap it in."""
    from crmdesk.core.db import translate_database_error

    fd, name = tempfile.mkstemp(
        prefix=f".{workspace_path.name}.restore.",
        suffix=sqlite.PARTIAL_SUFFIX,
        dir=workspace_path.parent,
    )
    os.close(fd)
    partial = Path(name)
    try:
        try:
            sqlite.copy_into(backup, partial)
            if sqlite.integrity_problems(partial):
                raise BackupDamaged(backup, "the copy did not pass PRAGMA integrity_check")
            sqlite.sync(partial)
        except (sqlite3.Error, OSError) as exc:
            raise (translate_database_error(workspace_path, exc) or exc) from exc
        sqlite.fold_side_files(workspace_path)
        os.replace(partial, workspace_path)
    except BaseException:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)
        raise
    sqlite.sync(workspace_path.parent)
