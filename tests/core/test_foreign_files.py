"""Files that are not crmdesk workspaces: refused with one sentence and left exactly as they were.

Another program's SQLite database that happens to hold an ``alembic_version`` table, a file that
is not SQLite at all, a named pipe, a device, a socket, a lock file that is a folder or a link,
and a backup killed half-way: real files, real processes, bytes compared before and after.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import inspect

from crmdesk.core import clients, fts, migrate, sqlite
from crmdesk.core.db import Workspace, make_engine
from crmdesk.core.errors import BadLockFile, ForeignFile, NotAWorkspace, WorkspaceTooNew

#: What only a workspace file has: skipped on a PostgreSQL server.
FILE_ONLY = pytest.mark.sqlite_only(reason="files that are not a crmdesk workspace")

CLI_ENV = {"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def application_id(path: Path) -> int:
    with closing(sqlite3.connect(path)) as con:
        return int(con.execute("PRAGMA application_id").fetchone()[0])


def crmdesk(*args: object, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **CLI_ENV, "CRMDESK_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def foreign_alembic_database(path: Path, revision: str, *, wal: bool = False) -> None:
    """Another program's database managed by its own Alembic, at a revision crmdesk also has."""
    with closing(sqlite3.connect(path)) as con, con:
        if wal:
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC, paid BOOL)")
        con.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT, vat TEXT)")
        con.executemany(
            "INSERT INTO invoices (total, paid) VALUES (?, ?)", [(i * 10, i % 2) for i in range(50)]
        )
    if wal:  # a WAL database at rest: checkpointed, its -wal and -shm gone with the last close
        assert not Path(f"{path}-wal").exists()


def unstamped_workspace(path: Path, revision: str) -> None:
    """A workspace as a crmdesk from before the application id left it at ``revision``."""
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target=revision)
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA application_id = 0")
        con.execute(
            "INSERT INTO clients (name, colour, sender_name, sender_address, utm_convention, "
            "pressure_cap, brief_offset_days, bat_offset_days, analysis_offset_days, timezone, "
            "created_at) VALUES ('Maison Verlaine', '#db2777', '', '', '', 2, 10, 2, 5, "
            "'Europe/Paris', '2026-01-05 09:00:00')"
        )
        con.commit()
    assert application_id(path) == 0


# --- another program's SQLite database ---------------------------------------------------------


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004", "0005", "0006"])
@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_a_foreign_database_with_an_alembic_revision_crmdesk_knows_is_left_byte_for_byte(
    tmp_path: Path, revision: str, wal: bool
) -> None:
    path = tmp_path / "invoicing.sqlite"
    foreign_alembic_database(path, revision, wal=wal)
    before = digest(path)

    for read_only in (False, True):
        with pytest.raises(ForeignFile) as refused:
            Workspace.open(path, read_only=read_only)
        assert "is not a crmdesk workspace" in refused.value.message
        assert "left untouched" in refused.value.message
        assert str(path) in refused.value.message

    assert digest(path) == before
    assert listing(tmp_path) == [path.name]  # no -wal, -shm, .lock nor backups folder


def test_a_foreign_database_is_refused_by_the_cli_and_left_byte_for_byte(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "invoicing.sqlite"
    foreign_alembic_database(path, "0003")
    before = digest(path)

    for command in (("campaigns",), ("client", "add", "Maison Verlaine")):
        done = crmdesk(*command, "--db", path, data_dir=data_dir)
        assert done.returncode == 2, done.stderr
        assert "not a crmdesk workspace" in done.stderr
        assert "left untouched" in done.stderr
        assert "Traceback" not in done.stderr

    assert digest(path) == before
    assert listing(folder) == [path.name]


def test_crmdesk_tables_without_their_columns_are_not_a_workspace(tmp_path: Path) -> None:
    """Every table name of 0001 present, but not the columns crmdesk wrote in them."""
    path = tmp_path / "lookalike.sqlite"
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        con.execute("INSERT INTO alembic_version VALUES ('0001')")
        for table in migrate.REVISION_ADDS["0001"]:
            con.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, label TEXT)")
    before = digest(path)

    with pytest.raises(ForeignFile):
        Workspace.open(path)

    assert digest(path) == before
    assert listing(tmp_path) == [path.name]


@FILE_ONLY
def test_a_complete_schema_under_another_programs_application_id_is_refused(
    workspace_path: Path,
) -> None:
    with closing(sqlite3.connect(workspace_path)) as con:
        con.execute("PRAGMA application_id = 1234")
    before = digest(workspace_path)

    with pytest.raises(ForeignFile):
        Workspace.open(workspace_path)
    assert digest(workspace_path) == before


@pytest.mark.parametrize(
    "rows",
    [pytest.param([], id="no-row"), pytest.param(["0003", "0004"], id="two-heads")],
)
def test_an_alembic_table_without_one_revision_is_not_a_workspace(
    tmp_path: Path, rows: list[str]
) -> None:
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        con.executemany("INSERT INTO alembic_version VALUES (?)", [(r,) for r in rows])
    before = digest(path)

    with pytest.raises(ForeignFile):
        Workspace.open(path)
    assert digest(path) == before
    assert listing(tmp_path) == [path.name]


def test_an_unknown_revision_without_the_application_id_is_foreign_not_too_new(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.sqlite"
    foreign_alembic_database(path, "a1b2c3d4e5f6")
    before = digest(path)

    with pytest.raises(ForeignFile):
        Workspace.open(path)
    assert digest(path) == before


@FILE_ONLY
def test_a_newer_crmdesk_workspace_is_still_told_apart_by_its_application_id(
    workspace_path: Path,
) -> None:
    with closing(sqlite3.connect(workspace_path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = '0042'")
    with pytest.raises(WorkspaceTooNew):
        Workspace.open(workspace_path)


# --- crmdesk's own files, recognised positively ------------------------------------------------


def test_a_new_workspace_carries_crmdesks_application_id(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Workspace.open(path).close()
    assert application_id(path) == sqlite.APPLICATION_ID


@pytest.mark.parametrize("revision", migrate.KNOWN_REVISIONS[:-1])
def test_an_older_workspace_from_before_the_application_id_is_upgraded_and_stamped(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "agency.sqlite"
    unstamped_workspace(path, revision)

    with Workspace.open(path) as workspace, workspace.reader() as session:
        assert [c.name for c in clients.list_clients(session)] == ["Maison Verlaine"]
        assert workspace.migration.from_revision == revision
        assert workspace.migration.backup is not None

    assert application_id(path) == sqlite.APPLICATION_ID


def test_a_current_workspace_from_before_the_application_id_is_stamped_without_a_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "agency.sqlite"
    unstamped_workspace(path, migrate.HEAD_REVISION)

    with Workspace.open(path) as workspace:
        assert workspace.migration.backup is None

    assert application_id(path) == sqlite.APPLICATION_ID
    assert not (tmp_path / "agency-backups").exists()


@pytest.mark.parametrize("revision", migrate.KNOWN_REVISIONS)
def test_the_recognised_schema_of_each_revision_is_what_its_migrations_write(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / f"at-{revision}.sqlite"
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target=revision)
        with engine.connect() as connection:
            inspector = inspect(connection)
            real = {
                table: {c["name"] for c in inspector.get_columns(table)}
                for table in inspector.get_table_names()
                if not table.startswith(fts.TABLE)
            }
    finally:
        engine.dispose()

    expected = migrate.expected_schema(revision)
    assert set(expected) == set(real)  # each revision's new tables are listed in REVISION_ADDS
    for table, columns in expected.items():
        assert columns <= real[table], table


def test_every_known_revision_says_what_it_adds() -> None:
    assert list(migrate.REVISION_ADDS) == list(migrate.KNOWN_REVISIONS)


# --- files that are not SQLite at all ---------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"Brief Maison Verlaine\nObjectif : ventes\n", id="text"),
        pytest.param(os.urandom(8192), id="random-bytes"),
        pytest.param(sqlite.SQLITE_HEADER + os.urandom(4096), id="sqlite-header-then-noise"),
    ],
)
def test_a_file_that_is_not_a_workspace_is_refused_untouched_by_an_open_that_does_not_create(
    tmp_path: Path, content: bytes, data_dir: Path
) -> None:
    path = tmp_path / "named-like-a-workspace.sqlite"
    path.write_bytes(content)

    with pytest.raises(NotAWorkspace):
        Workspace.open(path, create=False)
    with pytest.raises(NotAWorkspace):
        Workspace.open(path, read_only=True)
    done = crmdesk("campaigns", "--db", path, data_dir=data_dir)

    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not a crmdesk workspace" in done.stderr
    assert path.read_bytes() == content
    assert listing(tmp_path) == sorted([path.name, data_dir.name])


# --- odd paths: named pipes, devices, sockets, folders -----------------------------------------


def test_a_named_pipe_is_refused_at_once_by_the_core_and_the_cli(
    tmp_path: Path, data_dir: Path
) -> None:
    fifo = tmp_path / "workspace.sqlite"
    os.mkfifo(fifo)

    # The command line first: bounded by a timeout, where an open() of the pipe would hang.
    for command in (("campaigns",), ("client", "add", "Maison Verlaine")):
        done = crmdesk(*command, "--db", fifo, data_dir=data_dir, timeout=30)
        assert done.returncode == 2, done.stderr
        assert "named pipe" in done.stderr and "Traceback" not in done.stderr
    for options in ({}, {"create": False}, {"read_only": True}):
        with pytest.raises(ForeignFile) as refused:
            Workspace.open(fifo, **options)
        assert "named pipe" in refused.value.message

    assert listing(tmp_path) == sorted([fifo.name, data_dir.name])


def test_a_device_is_refused_and_nothing_is_created_beside_it() -> None:
    with pytest.raises(ForeignFile) as refused:
        Workspace.open("/dev/null")
    assert "device" in refused.value.message
    assert not Path("/dev/null.lock").exists()


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with closing(socket.socket(socket.AF_UNIX)) as server:
        server.bind(str(path))
        with pytest.raises(ForeignFile) as refused:
            Workspace.open(path)
    assert "socket" in refused.value.message


@FILE_ONLY
def test_a_symbolic_link_to_a_workspace_opens_the_workspace(
    workspace_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "shortcut.sqlite"
    link.symlink_to(workspace_path)
    with Workspace.open(link) as workspace:
        assert workspace.path == workspace_path.resolve()


# --- lock files that are not files ------------------------------------------------------------


@FILE_ONLY
def test_a_lock_file_that_is_a_folder_is_refused_with_a_sentence(
    workspace_path: Path, data_dir: Path
) -> None:
    lock = Path(f"{workspace_path}.lock")
    lock.mkdir()
    before = digest(workspace_path)

    with pytest.raises(BadLockFile) as refused:
        Workspace.open(workspace_path)
    assert "a folder" in refused.value.message
    assert lock.name in refused.value.message
    done = crmdesk("client", "add", "Maison Verlaine", "--db", workspace_path, data_dir=data_dir)

    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "lock file" in done.stderr
    assert lock.is_dir() and list(lock.iterdir()) == []
    assert digest(workspace_path) == before


@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-file", "dangling"])
@FILE_ONLY
def test_a_lock_file_that_is_a_symbolic_link_is_never_followed(
    workspace_path: Path, tmp_path: Path, dangling: bool, data_dir: Path
) -> None:
    target = tmp_path / "elsewhere" / "precious.txt"
    target.parent.mkdir()
    if not dangling:
        target.write_text("do not truncate me\n")
    lock = Path(f"{workspace_path}.lock")
    lock.symlink_to(target)

    with pytest.raises(BadLockFile) as refused:
        Workspace.open(workspace_path)
    assert "symbolic link" in refused.value.message
    done = crmdesk("client", "add", "Maison Verlaine", "--db", workspace_path, data_dir=data_dir)

    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert lock.is_symlink()
    if dangling:
        assert not target.exists()
    else:
        assert target.read_text() == "do not truncate me\n"


# --- backups written under a temporary name ---------------------------------------------------


def big_workspace(path: Path) -> None:
    """A real workspace of a few megabytes (a stored BAT file): a backup takes many steps."""
    Workspace.open(path).close()
    with closing(sqlite3.connect(path)) as con, con:
        con.execute(
            "INSERT INTO bat_blobs (sha256, size, data) VALUES ('0' || hex(randomblob(31)), "
            "4000000, randomblob(4000000))"
        )


def test_a_backup_killed_half_way_leaves_no_file_under_a_backups_name(tmp_path: Path) -> None:
    source = tmp_path / "agency.sqlite"
    big_workspace(source)
    final = tmp_path / "agency-backups" / "agency.before-0008.sqlite"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from crmdesk.core import sqlite

        def progress(status, remaining, total):
            print("copying", remaining, total, flush=True)
            time.sleep(60)  # killed here, half-way through the copy

        sqlite.online_backup(Path({str(source)!r}), Path({str(final)!r}), pages=8,
                             progress=progress)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().split()
        assert line[0] == "copying" and int(line[1]) > 0  # pages were left to copy
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()

    assert process.returncode == -signal.SIGKILL
    assert not final.exists()
    left = list(final.parent.iterdir())
    assert left and all(p.name.endswith(sqlite.PARTIAL_SUFFIX) for p in left)
    assert all(p.name.startswith(".") for p in left)  # hidden, and not "*.sqlite"
    assert list(final.parent.glob("*.sqlite")) == []

    # The next backup beside the leftover is complete and is the only one under a backup name.
    sqlite.online_backup(source, final)
    assert sqlite.integrity_ok(final)
    assert list(final.parent.glob("*.sqlite")) == [final]


def test_a_complete_backup_leaves_no_temporary_file_and_is_private(tmp_path: Path) -> None:
    source = tmp_path / "agency.sqlite"
    Workspace.open(source).close()
    final = tmp_path / "backups" / "copy.sqlite"

    sqlite.online_backup(source, final)

    assert listing(final.parent) == [final.name]
    assert final.stat().st_mode & 0o777 == 0o600
    assert sqlite.integrity_ok(final)


def test_a_backup_never_replaces_an_existing_one(tmp_path: Path) -> None:
    source = tmp_path / "agency.sqlite"
    Workspace.open(source).close()
    final = tmp_path / "backups" / "copy.sqlite"
    final.parent.mkdir()
    final.write_bytes(b"an earlier copy")

    with pytest.raises(FileExistsError):
        sqlite.online_backup(source, final)

    assert final.read_bytes() == b"an earlier copy"
    assert listing(final.parent) == [final.name]
