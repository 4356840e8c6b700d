"""A full disk, a failing disk, a refused permission: each named as such, never as damage.

The workspace stays healthy in all of these, so the user must not be told to restore a backup.
Disk full is made real two ways: SQLite's own ``max_page_count`` (the same SQLITE_FULL a full
disk gives, on any machine) and, where the system allows it, a tiny tmpfs in a private mount
namespace, where the kernel itself answers ENOSPC.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from crmdesk.core import clients, migrate, sqlite
from crmdesk.core.db import Workspace, make_engine, translate_database_error
from crmdesk.core.errors import (
    DiskFull,
    DiskIOError,
    WorkspaceDamaged,
    WorkspaceReadOnly,
)
from tests.disks import on_a_tiny_disk


def client_names(workspace: Workspace) -> list[str]:
    with workspace.reader() as session:
        return sorted(c.name for c in clients.list_clients(session))


@pytest.mark.sqlite_only(reason="a full disk under the workspace file")
def test_a_write_past_the_space_left_says_the_disk_is_full_and_changes_nothing(
    workspace_path: Path,
) -> None:
    with Workspace.open(workspace_path) as workspace, workspace.session() as session:
        clients.create_client(session, "Maison Verlaine")

    with Workspace.open(workspace_path) as workspace:
        with pytest.raises(DiskFull) as refused, workspace.session() as session:
            sqlite.cap_growth(session.connection())  # not one more page: the disk is full
            for i in range(400):  # an import of many rows: needs new pages
                clients.create_client(session, f"Imported client {i:04d} " + "x" * 80)
        message = refused.value.message
        assert "disk" in message and "full" in message
        assert "nothing was saved" in message and "left as it was" in message
        assert "damaged" not in message and "restore" not in message.lower()
        assert not isinstance(refused.value, WorkspaceDamaged)

    assert sqlite.integrity_ok(workspace_path)
    with Workspace.open(workspace_path) as workspace:
        assert client_names(workspace) == ["Maison Verlaine"]
        with workspace.session() as session:  # with space again, the same write goes through
            clients.create_client(session, "Imported client 0000")
        assert client_names(workspace) == ["Imported client 0000", "Maison Verlaine"]


def test_the_system_saying_no_space_is_named_a_full_disk(tmp_path: Path) -> None:
    """A real ENOSPC from the kernel (/dev/full), through the one place that names errors."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with pytest.raises(OSError) as raised, open("/dev/full", "wb", buffering=0) as full:
        full.write(b"a backup page")
    assert raised.value.errno == errno.ENOSPC

    known = translate_database_error(tmp_path / "w.sqlite", raised.value)

    assert isinstance(known, DiskFull)
    assert "full" in known.message


def test_a_permission_refused_by_the_system_is_named_so(tmp_path: Path) -> None:
    error = PermissionError(errno.EACCES, "Permission denied", str(tmp_path))
    assert isinstance(translate_database_error(tmp_path / "w.sqlite", error), WorkspaceReadOnly)


def test_a_write_to_a_read_only_database_is_named_so_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    Workspace.open(path).close()
    with closing(sqlite.connect_read_only(path)) as con, pytest.raises(sqlite3.Error) as raised:
        con.execute("PRAGMA query_only = OFF")
        con.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    assert isinstance(translate_database_error(path, raised.value), WorkspaceReadOnly)


def _older_big_workspace(path: Path) -> None:
    """A 0008 workspace holding a 3 MB BAT file: its pre-upgrade copy needs 3 MB more."""
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target="0008")
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as con, con:
        con.execute(
            "INSERT INTO bat_blobs (sha256, size, data) VALUES ('ab', 3000000, randomblob(3000000))"
        )


RUN_OPEN = """
import json, sqlite3, sys
from pathlib import Path
from crmdesk.core.db import Workspace
path = Path(sys.argv[1])
try:
    Workspace.open(path).close()
    outcome = {"error": None}
except Exception as exc:
    outcome = {"error": type(exc).__name__, "message": str(exc)}
con = sqlite3.connect(path)
outcome["revision"] = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
outcome["integrity"] = con.execute("PRAGMA integrity_check").fetchone()[0]
con.close()
backups = path.parent / (path.stem + "-backups")
outcome["backups"] = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
print(json.dumps(outcome))
"""


def test_a_full_disk_during_the_pre_upgrade_backup_is_named_and_upgrades_nothing(
    tmp_path: Path,
) -> None:
    """A real full file system: a 4 MB tmpfs holding a 3 MB workspace, in a private mount
    namespace (the mount disappears with the process)."""
    source = tmp_path / "agency.sqlite"
    _older_big_workspace(source)
    mount = tmp_path / "small-disk"
    done = on_a_tiny_disk(
        mount,
        "4m",
        f"""
        cp {source} {mount}/agency.sqlite
        exec {sys.executable} -c '{RUN_OPEN}' {mount}/agency.sqlite
        """,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.splitlines()[-1])

    assert outcome["error"] == "DiskFull", outcome
    assert "full" in outcome["message"] and "damaged" not in outcome["message"]
    assert outcome["revision"] == "0008"  # not upgraded
    assert outcome["integrity"] == "ok"
    assert outcome["backups"] == []  # no partial copy left behind, nothing under a backup name


def test_an_io_error_while_writing_the_backup_is_not_called_damage(tmp_path: Path) -> None:
    """A real SQLITE_IOERR: the process may not write past 1 MB per file (RLIMIT_FSIZE), so
    the 3 MB copy fails half-way with a write error, on a disk with plenty of space."""
    path = tmp_path / "agency.sqlite"
    _older_big_workspace(path)
    limited = (
        "import resource, signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", limited + RUN_OPEN, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.splitlines()[-1])

    assert outcome["error"] in {DiskIOError.__name__, DiskFull.__name__}, outcome
    assert "damaged" not in outcome["message"]
    assert "Nothing was saved" in outcome["message"] or "nothing was saved" in outcome["message"]
    assert outcome["revision"] == "0008"
    assert outcome["integrity"] == "ok"
    assert outcome["backups"] == []


def test_sqlite_io_errors_are_no_longer_read_as_damage(tmp_path: Path) -> None:
    error = sqlite3.OperationalError("disk I/O error")
    known = translate_database_error(tmp_path / "w.sqlite", error)
    assert isinstance(known, DiskIOError | DiskFull)
    assert not isinstance(known, WorkspaceDamaged)
