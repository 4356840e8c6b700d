"""Rotating backups and restore, on real workspace files and real processes.

Every refusal is checked the same way: the current workspace's bytes are unchanged, and no
file (backup, safety copy, ``.partial``) was left anywhere.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crmdesk.core import backups, clients, sqlite
from crmdesk.core.db import Workspace
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
    RestoreRefused,
    WorkspaceLocked,
)
from tests.disks import on_a_tiny_disk

#: What only a workspace file has: skipped on a PostgreSQL server.
FILE_ONLY = pytest.mark.sqlite_only(
    reason="backs up and restores the workspace file (a server is pg_dump's: test_postgres)"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def client_names(path: Path) -> list[str]:
    with Workspace.open(path) as workspace, workspace.reader() as session:
        return sorted(c.name for c in clients.list_clients(session))


def add_client(path: Path, name: str) -> None:
    with Workspace.open(path) as workspace, workspace.session() as session:
        clients.create_client(session, name)


# -- taking backups ------------------------------------------------------------------------------


@FILE_ONLY
def test_a_backup_is_a_sound_copy_named_after_the_workspace(demo_path: Path, tmp_path: Path):
    folder = tmp_path / "backups"
    taken = backups.backup_now(demo_path, folder, now=datetime(2026, 3, 4, 9, 5, 7))

    assert taken == folder / "demo.2026-03-04T090507.sqlite"
    assert sqlite.integrity_problems(taken) == []
    assert files(folder) == [taken.name]  # no .partial, no side file
    assert oct(taken.stat().st_mode & 0o777) == "0o600"  # clients' data
    assert backups.campaign_count(taken) == backups.campaign_count(demo_path) > 0


@FILE_ONLY
def test_a_backup_while_another_process_writes_is_consistent(
    workspace_path: Path, tmp_path: Path
) -> None:
    """A real writer process adds clients in a loop; every backup taken meanwhile passes
    integrity_check, opens as a workspace, and holds a whole prefix of what was committed."""
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from crmdesk.core import clients
                from crmdesk.core.db import Workspace
                with Workspace.open(sys.argv[1]) as workspace:
                    for i in range(100000):
                        with workspace.session() as session:
                            clients.create_client(session, f"Client {i:05d} " + "x" * 90)
                        print(i, flush=True)
                """
            ),
            str(workspace_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    folder = tmp_path / "backups"
    taken: list[Path] = []
    assert writer.stdout is not None
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "0"  # it has committed at least once
        start = datetime(2026, 1, 1, 8, 0, 0)
        for n in range(6):
            taken.append(backups.backup_now(workspace_path, folder, now=start + timedelta(n)))
            time.sleep(0.05)
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
    counts = []
    for path in taken:
        assert sqlite.integrity_problems(path) == []
        names = client_names(path)
        assert names == [f"Client {i:05d} " + "x" * 90 for i in range(len(names))]
        counts.append(len(names))
    assert counts == sorted(counts) and counts[-1] > counts[0] >= 1


@FILE_ONLY
def test_a_backup_leaves_a_transaction_in_progress_out(workspace_path: Path, tmp_path: Path):
    add_client(workspace_path, "Committed")
    with Workspace.open(workspace_path) as workspace, workspace.session() as session:
        clients.create_client(session, "Not yet committed")
        session.flush()
        taken = backups.backup_now(workspace_path, tmp_path / "backups")
    assert client_names(taken) == ["Committed"]


@FILE_ONLY
def test_the_daily_backup_is_taken_once_a_day(workspace_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    morning = datetime(2026, 5, 12, 8, 30)

    first = backups.daily_backup(workspace_path, folder, now=morning)
    again = backups.daily_backup(workspace_path, folder, now=morning.replace(hour=18))
    next_day = backups.daily_backup(workspace_path, folder, now=morning + timedelta(days=1))

    assert first is not None and again is None and next_day is not None
    assert [b.path for b in backups.list_backups(folder, "workspace")] == [next_day, first]
    # another workspace's backups do not count for this one
    other = tmp_path / "other.sqlite"
    shutil.copyfile(workspace_path, other)
    assert backups.daily_backup(other, folder, now=morning.replace(hour=20)) is not None


@FILE_ONLY
def test_two_backups_in_the_same_second_both_keep_their_file(workspace_path: Path, tmp_path):
    folder = tmp_path / "backups"
    when = datetime(2026, 5, 12, 8, 30)
    one = backups.backup_now(workspace_path, folder, now=when)
    two = backups.backup_now(workspace_path, folder, now=when)
    assert one != two and one.exists() and two.exists()
    assert [b.path for b in backups.list_backups(folder, "workspace")] == [two, one]


# -- rotation ------------------------------------------------------------------------------------


def test_rotation_keeps_fourteen_and_one_a_month_for_a_year(
    workspace_path: Path, tmp_path: Path
) -> None:
    """A backup a day for 400 days (the clock faked), rotated after each one as the app does."""
    folder = tmp_path / "backups"
    first = backups.backup_to_file(workspace_path, tmp_path / "template.sqlite")
    folder.mkdir()
    day = datetime(2025, 1, 1, 9, 0)
    for _ in range(400):
        day += timedelta(days=1)
        copy = folder / backups.backup_name("workspace", day)
        shutil.copyfile(first, copy)
        backups.prune(folder, "workspace", 14, now=day)
    # what a stranger put in the folder, or another workspace's backups: never touched
    strangers = [
        folder / "notes.txt",
        folder / "other.2025-01-05T090000.sqlite",
        folder / "workspace.2025-01-06T090000.sqlite.bak",
        folder / "workspace.sqlite",
    ]
    for path in strangers:
        path.write_text("not mine")
    (folder / "workspace.2025-01-07T090000.sqlite").mkdir()  # a folder with a backup's name
    deleted = backups.prune(folder, "workspace", 14, now=day)

    kept = [b.taken_at.replace(tzinfo=None) for b in backups.list_backups(folder, "workspace")]
    recent = [day - timedelta(days=n) for n in range(14)]
    assert kept[:14] == recent
    monthly = kept[14:]
    # the last day is 2026-02-05: the recent ones cover February and the end of January;
    # then the newest of each earlier month, back to March 2025 (twelve months in all)
    assert [(d.year, d.month) for d in monthly] == [(2025, m) for m in range(12, 2, -1)]
    assert len({(d.year, d.month) for d in kept}) == 12
    for d in monthly:  # the month's last day
        assert (d + timedelta(days=1)).month != d.month
    assert deleted == []  # all the rotating was done day by day
    assert all(path.exists() for path in strangers)
    assert (folder / "workspace.2025-01-07T090000.sqlite").is_dir()


@FILE_ONLY
def test_rotation_returns_what_it_deleted_and_a_keep_of_zero_keeps_the_newest(
    workspace_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    days = [datetime(2026, 6, d, 12) for d in range(1, 6)]
    made = [backups.backup_now(workspace_path, folder, 100, now=d) for d in days]
    deleted = backups.prune(folder, "workspace", 0, now=days[-1])
    assert sorted(deleted) == sorted(made[:-1])
    assert [b.path for b in backups.list_backups(folder, "workspace")] == [made[-1]]


@FILE_ONLY
def test_rotation_removes_partial_copies_left_by_a_dead_process(
    workspace_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / ".workspace.2026-01-01T000000.sqlite.abc123.partial"
    fresh = folder / ".workspace.2026-01-02T000000.sqlite.def456.partial"
    for path in (stale, fresh):
        path.write_bytes(b"half a copy")
    old = time.time() - 3 * 24 * 3600
    os.utime(stale, (old, old))
    backups.backup_now(workspace_path, folder)
    assert not stale.exists() and fresh.exists()  # a fresh one may be another's copy in flight


# -- the list ------------------------------------------------------------------------------------


@FILE_ONLY
def test_the_list_gives_date_size_and_campaign_count_newest_first(
    demo_path: Path, workspace_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    older = backups.backup_now(workspace_path, folder, now=datetime(2026, 2, 1, 10, 0))
    newer = folder / backups.backup_name("workspace", datetime(2026, 2, 3, 10, 0))
    shutil.copyfile(backups.backup_now(demo_path, folder), newer)
    broken = folder / backups.backup_name("workspace", datetime(2026, 2, 2, 10, 0))
    broken.write_bytes(b"this is no database")
    before = files(folder)

    listed = backups.list_backups(folder, "workspace")

    assert [b.path for b in listed] == [newer, broken, older]
    assert listed[0].campaigns == backups.campaign_count(demo_path) > 0
    assert listed[1].campaigns is None
    assert listed[2].campaigns == 0
    assert listed[0].size == newer.stat().st_size
    assert listed[0].taken_at.replace(tzinfo=None) == datetime(2026, 2, 3, 10, 0)
    assert files(folder) == before  # reading made no -wal or -shm
    assert backups.list_backups(tmp_path / "nowhere", "workspace") == []


# -- restore -------------------------------------------------------------------------------------


@FILE_ONLY
def test_a_restore_puts_the_backup_back_and_keeps_the_current_state(
    workspace_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    add_client(workspace_path, "Before")
    backup = backups.backup_now(workspace_path, folder, now=datetime(2026, 1, 1, 9))
    add_client(workspace_path, "After")

    safety = backups.restore(backup, workspace_path, folder)

    assert client_names(workspace_path) == ["Before"]
    assert client_names(safety) == ["After", "Before"]
    assert safety.parent == folder and safety in [
        b.path for b in backups.list_backups(folder, "workspace")
    ]
    assert sqlite.integrity_problems(workspace_path) == []
    assert not [n for n in files(tmp_path) if n.endswith(".partial")]
    add_client(workspace_path, "Next day")  # the restored file is a working workspace
    assert client_names(workspace_path) == ["Before", "Next day"]


@FILE_ONLY
def test_a_restore_does_not_let_a_stale_write_ahead_log_replay_over_the_backup(
    workspace_path: Path, tmp_path: Path
) -> None:
    """A process died leaving committed frames in the -wal: they belong to the old file, are
    kept in the safety copy, and never reach the restored one."""
    folder = tmp_path / "backups"
    add_client(workspace_path, "In the backup")
    backup = backups.backup_now(workspace_path, folder, now=datetime(2026, 1, 1, 9))
    died = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import os, sys
                from crmdesk.core import clients
                from crmdesk.core.db import Workspace
                workspace = Workspace.open(sys.argv[1])
                with workspace.engine.connect() as c:
                    c.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
                with workspace.session() as session:
                    clients.create_client(session, "Only in the log")
                os._exit(0)  # no close: the log is not checkpointed
                """
            ),
            str(workspace_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert died.returncode == 0, died.stderr
    wal = Path(f"{workspace_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0

    safety = backups.restore(backup, workspace_path, folder)

    assert client_names(workspace_path) == ["In the backup"]
    assert client_names(safety) == ["In the backup", "Only in the log"]
    assert sqlite.integrity_problems(workspace_path) == []


@FILE_ONLY
def test_a_damaged_workspace_can_be_replaced_by_a_backup(
    workspace_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    add_client(workspace_path, "Good")
    backup = backups.backup_now(workspace_path, folder, now=datetime(2026, 1, 1, 9))
    for i in range(50):
        add_client(workspace_path, f"Client {i} " + "y" * 90)
    corrupt(workspace_path, "clients")
    safety = backups.restore(backup, workspace_path, folder)
    assert client_names(workspace_path) == ["Good"]
    assert safety.is_file() and safety.stat().st_size >= backup.stat().st_size  # kept as it was


def corrupt(path: Path, table: str) -> None:
    """Scribble over the table's root page (not page 1, so the schema still reads)."""
    with closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    assert root > 1
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d" + b"\xff" * 200)


@pytest.fixture
def current(workspace_path: Path) -> Path:
    add_client(workspace_path, "Current")
    return workspace_path


def refused(backup: Path, current: Path, folder: Path, error: type[CrmdeskError]) -> str:
    """Try the restore; assert the refusal changed nothing and left nothing; its message."""
    before = digest(current)
    around = files(current.parent)
    with pytest.raises(error) as raised:
        backups.restore(backup, current, folder)
    assert digest(current) == before
    assert files(current.parent) == around
    assert files(folder) == []  # not even the safety copy: the refusal came first
    assert client_names(current) == ["Current"]
    return raised.value.message


@FILE_ONLY
def test_a_text_file_is_refused(current: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("these are my notes\n")
    message = refused(text, current, tmp_path / "backups", BackupNotAWorkspace)
    assert "not a crmdesk workspace" in message and "untouched" in message


@FILE_ONLY
def test_another_programs_database_is_refused(current: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "firefox.sqlite"
    with closing(sqlite3.connect(foreign)) as con:
        con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        con.commit()
    before = digest(foreign)
    message = refused(foreign, current, tmp_path / "backups", BackupNotAWorkspace)
    assert "not a crmdesk workspace" in message
    assert digest(foreign) == before


@FILE_ONLY
def test_a_missing_file_or_a_folder_is_refused(current: Path, tmp_path: Path) -> None:
    refused(tmp_path / "nothing.sqlite", current, tmp_path / "backups", BackupNotAWorkspace)
    (tmp_path / "a-folder").mkdir()
    refused(tmp_path / "a-folder", current, tmp_path / "backups", BackupNotAWorkspace)


@FILE_ONLY
def test_a_damaged_backup_is_refused_by_integrity_check(
    demo_path: Path, current: Path, tmp_path: Path
) -> None:
    damaged = backups.backup_to_file(demo_path, tmp_path / "damaged.sqlite")
    corrupt(damaged, "campaigns")
    message = refused(damaged, current, tmp_path / "backups", BackupDamaged)
    assert "damaged" in message and "integrity_check" in message and "untouched" in message


@FILE_ONLY
def test_a_backup_from_a_newer_crmdesk_is_refused(current: Path, tmp_path: Path) -> None:
    newer = backups.backup_to_file(current, tmp_path / "newer.sqlite")
    with closing(sqlite3.connect(newer)) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
    message = refused(newer, current, tmp_path / "backups", BackupTooNew)
    assert "newer crmdesk" in message and "9999" in message


@FILE_ONLY
def test_a_restore_while_another_crmdesk_holds_the_workspace_is_refused(
    current: Path, tmp_path: Path
) -> None:
    backup = backups.backup_to_file(current, tmp_path / "good.sqlite")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom crmdesk.core.db import Workspace\n"
            "w = Workspace.open(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()\n",
            str(current),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = digest(current)
        with pytest.raises(RestoreLocked) as raised:
            backups.restore(backup, current, tmp_path / "backups")
        assert isinstance(raised.value, WorkspaceLocked | RestoreRefused)
        assert "another crmdesk" in raised.value.message
        assert digest(current) == before
        assert files(tmp_path / "backups") == []
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    backups.restore(backup, current, tmp_path / "backups")  # once it is closed, it goes


def test_a_restore_refuses_to_overwrite_another_programs_database(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    Workspace.open(good).close()
    foreign = tmp_path / "firefox.sqlite"
    with closing(sqlite3.connect(foreign)) as con:
        con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        con.commit()
    before = digest(foreign)
    with pytest.raises(ForeignFile):
        backups.restore(good, foreign, tmp_path / "backups")
    assert digest(foreign) == before


# -- folders that refuse, disks that fill ------------------------------------------------------


@FILE_ONLY
def test_a_backups_folder_that_is_a_file_is_refused(current: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "backups"
    blocker.write_text("a file where the folder should be")
    before = digest(current)
    for folder in (blocker, blocker / "inside"):
        with pytest.raises(BackupFolderUnwritable) as raised:
            backups.backup_now(current, folder)
        assert "cannot write in this backups folder" in raised.value.message
    assert digest(current) == before
    assert blocker.read_text() == "a file where the folder should be"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder anyway")
def test_a_read_only_backups_folder_is_refused(current: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(BackupFolderUnwritable):
            backups.backup_now(current, folder)
        assert files(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_read_only_file_system_is_refused(current: Path) -> None:
    """/sys and /proc refuse new folders whoever asks, root included: real refusals from the
    kernel (EPERM and ENOENT)."""
    for folder in (Path("/sys/crmdesk-backups"), Path("/proc/crmdesk-backups")):
        with pytest.raises(BackupFolderUnwritable):
            backups.backup_now(current, folder)


LIMITED = textwrap.dedent(
    """
    import json, resource, signal, sys
    from pathlib import Path
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
    from crmdesk.core import backups
    from crmdesk.core.errors import CrmdeskError
    folder = Path(sys.argv[4])
    try:
        if sys.argv[2] == "backup":
            backups.backup_now(Path(sys.argv[3]), Path(sys.argv[4]))
        else:
            backups.restore(Path(sys.argv[5]), Path(sys.argv[3]), Path(sys.argv[4]))
        outcome = {"error": None}
    except CrmdeskError as exc:
        outcome = {"error": type(exc).__name__, "message": exc.message}
    outcome["left"] = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    print(json.dumps(outcome))
    """
)


def limited(limit: int, *args: object) -> dict[str, object]:
    """Run a backup or a restore in a process that may not write a file past ``limit`` bytes
    (RLIMIT_FSIZE): a write fails half-way exactly as on a disk that fills."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", LIMITED, str(limit), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


@FILE_ONLY
def test_a_disk_filling_during_a_backup_leaves_no_file(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    before = digest(demo_path)
    outcome = limited(demo_path.stat().st_size // 3, "backup", demo_path, folder)
    assert outcome["error"] in {BackupNotTaken.__name__, BackupDiskFull.__name__}, outcome
    assert "no partial file was left" in str(outcome["message"])
    assert files(folder) == []
    assert digest(demo_path) == before


@FILE_ONLY
def test_a_disk_filling_during_a_restore_leaves_the_workspace_as_it_was(
    demo_path: Path, current: Path, tmp_path: Path
) -> None:
    """The small current file's safety copy fits; the big backup's copy does not."""
    folder = tmp_path / "backups"
    backup = backups.backup_to_file(demo_path, tmp_path / "big.sqlite")
    before = digest(current)
    around = files(current.parent)
    assert current.stat().st_size * 2 < backup.stat().st_size
    outcome = limited(backup.stat().st_size // 2, "restore", current, folder, backup)
    assert outcome["error"] is not None, outcome
    assert "damaged" not in str(outcome["message"])
    assert digest(current) == before
    left = set(files(current.parent)) - set(around)
    assert left <= {folder.name, f"{current.name}.lock"}, left  # no .partial beside it
    assert client_names(current) == ["Current"]


@FILE_ONLY
def test_a_full_tmpfs_during_a_backup_says_the_disk_is_full(
    demo_path: Path, tmp_path: Path
) -> None:
    """A real full file system: a 1 MB tmpfs in a private mount namespace, as the backups folder."""
    mount = tmp_path / "small-disk"
    filler = mount / "filler"
    done = on_a_tiny_disk(
        mount,
        "1m",
        f"""
        head -c 900000 /dev/zero > {filler}
        exec {sys.executable} -c "$0" 100000000000 backup {demo_path} {mount}/backups
        """,
        LIMITED,
    )
    assert done.returncode == 0, done.stderr
    import json

    outcome = json.loads(done.stdout.splitlines()[-1])
    assert outcome["error"] == BackupDiskFull.__name__, outcome
    assert "full" in outcome["message"] and "no partial file was left" in outcome["message"]
    assert outcome["left"] == []
