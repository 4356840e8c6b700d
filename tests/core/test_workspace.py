"""Opening a workspace file: creating it, migrating it, refusing what is not one, and locking."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from crmdesk.core import clients, fts, migrate, sqlite
from crmdesk.core.db import Workspace, make_engine
from crmdesk.core.errors import (
    NotAWorkspace,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from crmdesk.core.models import Base

#: What only a workspace file has: skipped on a PostgreSQL server.
FILE_ONLY = pytest.mark.sqlite_only(
    reason="the workspace file itself: its backup, lock, permissions, damage or revision"
)

TABLES = {
    "alembic_version",
    "operators",
    "clients",
    "contacts",
    "segments",
    "campaigns",
    "campaign_segments",
    "briefs",
    "brief_versions",
    "brief_templates",
    "checklist_templates",
    "checklist_items",
    "check_runs",
    "bat_blobs",
    "bat_rounds",
    "bat_files",
    "bat_feedback",
    "bat_sends",
    "personas",
    "smtp_accounts",
    "stat_snapshots",
    "stat_breakdowns",
    "stat_imports",
    "stat_analyses",
    "stat_mappings",
    "settings",
    "roadmaps",
    "recap_sends",
    "time_entries",
    "running_timers",
    "budgets",
    "calendar_markers",
    "pressure_flags",
    "pressure_dirty",
    "calendar_days",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def raw_query(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the file with plain sqlite3, bypassing crmdesk."""
    with closing(sqlite3.connect(path)) as con:
        return con.execute(sql).fetchall()


def client_names(workspace: Workspace) -> list[str]:
    with workspace.session() as session:
        return [c.name for c in clients.list_clients(session)]


@contextmanager
def write_protected(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a folder) unwritable for this process, for real.

    File modes do not stop root, so as root the file is made immutable (``chattr +i``) instead.
    """
    if os.geteuid() != 0:
        previous = mode(path)
        path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            path.chmod(previous)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", path], capture_output=True).returncode:
        pytest.skip(
            "running as root, where file modes do not stop writes, on a file system where "
            "chattr +i (the only real write protection left) is not available"
        )
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", path], check=True)


# --- a new workspace ----------------------------------------------------------------------------


def test_a_new_workspace_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with Workspace.open(path) as workspace, workspace.session() as session:
        clients.create_client(session, "Maison Verlaine")
        wal = path.with_name(path.name + "-wal")
        assert mode(path) == 0o600
        assert mode(wal) == 0o600, "the write-ahead log holds clients' data too"


def test_a_new_workspace_is_in_wal_mode_with_foreign_keys_enforced(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with Workspace.open(path) as workspace, workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == sqlite.BUSY_TIMEOUT_MS
    assert raw_query(path, "PRAGMA journal_mode") == [("wal",)], "WAL is stored in the file"


def test_a_new_workspace_is_migrated_from_empty_to_the_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with Workspace.open(path) as workspace:
        assert workspace.migration == migrate.MigrationResult(None, migrate.HEAD_REVISION, None)
        tables = set(inspect(workspace.engine).get_table_names())
        assert {t for t in tables if not t.startswith(fts.TABLE)} == TABLES
        assert fts.TABLE in tables
    assert raw_query(path, "SELECT version_num FROM alembic_version") == [(migrate.HEAD_REVISION,)]


def test_an_empty_file_is_taken_as_a_new_workspace(tmp_path: Path) -> None:
    path = tmp_path / "touched.sqlite"
    path.touch()
    with Workspace.open(path) as workspace:
        assert workspace.migration.from_revision is None
        assert workspace.migration.to_revision == migrate.HEAD_REVISION


def test_the_migrations_create_exactly_the_schema_the_models_describe(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": lambda o, name, kind, r, c: not name.startswith(fts.TABLE)},
        )
        assert compare_metadata(context, Base.metadata) == []


def test_the_start_up_revision_list_is_in_step_with_the_alembic_scripts() -> None:
    assert list(migrate.KNOWN_REVISIONS) == migrate.script_revisions()
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [migrate.HEAD_REVISION]


# --- reopening and upgrading --------------------------------------------------------------------


@FILE_ONLY
def test_reopening_an_up_to_date_workspace_makes_no_backup(workspace_path: Path) -> None:
    with Workspace.open(workspace_path) as workspace:
        assert workspace.migration == migrate.MigrationResult(
            migrate.HEAD_REVISION, migrate.HEAD_REVISION, None
        )
        assert not workspace.migration.upgraded
    assert list(workspace_path.parent.glob("*-backups")) == []


@FILE_ONLY
def test_reopening_an_up_to_date_workspace_does_not_load_alembic(workspace_path: Path) -> None:
    script = (
        "import sys\n"
        "from crmdesk.core.db import Workspace\n"
        "Workspace.open(sys.argv[1]).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(workspace_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_upgrade_to_migrates_an_empty_file_without_backup(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    sqlite.create_private_file(path)
    engine = make_engine(path)
    try:
        result = migrate.upgrade_to(engine, path)
        assert result == migrate.MigrationResult(None, migrate.HEAD_REVISION, None)
        assert result.upgraded
        assert TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@FILE_ONLY
def test_upgrade_to_leaves_a_file_already_at_the_head_alone(workspace_path: Path) -> None:
    engine = make_engine(workspace_path)
    try:
        result = migrate.upgrade_to(engine, workspace_path)
    finally:
        engine.dispose()
    assert result == migrate.MigrationResult(migrate.HEAD_REVISION, migrate.HEAD_REVISION, None)
    assert not result.upgraded
    assert list(workspace_path.parent.glob("*-backups")) == []


@FILE_ONLY
def test_the_online_backup_is_a_private_readable_copy_of_a_live_workspace(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    copy = sqlite.online_backup(workspace.path, tmp_path / "backups" / "copy.sqlite")

    assert mode(copy) == 0o600
    assert sqlite.integrity_ok(copy)
    for table in ("clients", "segments", "alembic_version"):
        sql = f"SELECT * FROM {table} ORDER BY 1"
        assert raw_query(copy, sql) == raw_query(workspace.path, sql)
    assert raw_query(copy, "SELECT name FROM clients") == [("Éditions Lumière",)]


@FILE_ONLY
def test_a_workspace_from_a_newer_crmdesk_is_refused_and_left_untouched(
    workspace_path: Path,
) -> None:
    with closing(sqlite3.connect(workspace_path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    before = digest(workspace_path)

    with pytest.raises(WorkspaceTooNew) as refused:
        Workspace.open(workspace_path)

    assert refused.value.revision == "ffff_future"
    assert str(workspace_path) in refused.value.message
    assert "newer crmdesk" in refused.value.message
    assert digest(workspace_path) == before
    assert list(workspace_path.parent.glob("*-backups")) == []


# --- files that are not workspaces --------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Brief Maison Verlaine\nObjectif : ventes\n", id="text"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, id="png"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "not-a-workspace.sqlite"
    path.write_bytes(content)

    with pytest.raises(NotAWorkspace) as refused:
        Workspace.open(path)

    assert str(path) in refused.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_folder_is_refused_as_a_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    folder.mkdir()

    with pytest.raises(NotAWorkspace) as refused:
        Workspace.open(folder)

    assert str(folder) in refused.value.message
    assert list(folder.iterdir()) == []


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "mailchimp-export.db"
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE subscribers (email TEXT PRIMARY KEY, opened INTEGER)")
        con.execute("INSERT INTO subscribers VALUES ('claire@example.fr', 1)")
    before = digest(path)

    with pytest.raises(NotAWorkspace) as refused:
        Workspace.open(path)

    assert str(path) in refused.value.message
    assert raw_query(path, "PRAGMA journal_mode") == [("delete",)]
    assert digest(path) == before


@FILE_ONLY
def test_a_damaged_workspace_is_refused_with_a_sentence_and_left_untouched(
    workspace_path: Path, tmp_path: Path
) -> None:
    """A half-copied file: the SQLite header is there, the rest of the pages are not."""
    damaged = tmp_path / "half-copied.sqlite"
    damaged.write_bytes(workspace_path.read_bytes()[:100])

    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(damaged)

    assert str(damaged) in refused.value.message
    assert damaged.read_bytes() == workspace_path.read_bytes()[:100]


# --- files that cannot be written ---------------------------------------------------------------


@FILE_ONLY
def test_a_read_only_workspace_file_is_refused_and_left_untouched(workspace_path: Path) -> None:
    before = digest(workspace_path)
    with write_protected(workspace_path), pytest.raises(WorkspaceReadOnly) as refused:
        Workspace.open(workspace_path)
    assert str(workspace_path) in refused.value.message
    assert digest(workspace_path) == before


@FILE_ONLY
def test_a_workspace_in_a_read_only_folder_is_refused(workspace_path: Path) -> None:
    before = digest(workspace_path)
    with write_protected(workspace_path.parent), pytest.raises(WorkspaceReadOnly) as refused:
        Workspace.open(workspace_path)
    assert str(workspace_path) in refused.value.message
    assert digest(workspace_path) == before


# --- one writer at a time -----------------------------------------------------------------------


@FILE_ONLY
def test_a_workspace_already_open_in_this_process_cannot_be_opened_again(
    workspace: Workspace,
) -> None:
    with pytest.raises(WorkspaceLocked) as refused:
        Workspace.open(workspace.path)
    assert str(workspace.path) in refused.value.message
    assert "already open" in refused.value.message


@FILE_ONLY
def test_a_workspace_open_here_is_refused_to_another_process(workspace: Workspace) -> None:
    script = "import sys\nfrom crmdesk.core.db import Workspace\nWorkspace.open(sys.argv[1])\n"
    done = subprocess.run(
        [sys.executable, "-c", script, str(workspace.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "WorkspaceLocked" in done.stderr
    assert "already open in another crmdesk" in done.stderr


def test_a_closed_workspace_can_be_opened_again(workspace_path: Path) -> None:
    first = Workspace.open(workspace_path)
    with first.session() as session:
        clients.create_client(session, "Cycles Aubrac")
    first.close()

    with Workspace.open(workspace_path) as second:
        assert client_names(second) == ["Cycles Aubrac"]


@contextmanager
def write_lock_held_by_another_program(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path, isolation_level=None, check_same_thread=False)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield other
        finally:
            if other.in_transaction:
                other.execute("ROLLBACK")


@FILE_ONLY
def test_a_write_while_another_program_holds_the_write_lock_fails_with_a_sentence(
    workspace: Workspace,
) -> None:
    with write_lock_held_by_another_program(workspace.path):
        started = time.monotonic()
        with pytest.raises(WorkspaceError) as refused, workspace.session() as session:
            clients.create_client(session, "Fromagerie Lescure")
        waited = time.monotonic() - started

    assert "busy" in refused.value.message
    assert "Nothing was saved" in refused.value.message
    assert waited < sqlite.BUSY_TIMEOUT_MS / 1000 + 5
    assert client_names(workspace) == []


@FILE_ONLY
def test_a_write_waits_for_another_program_that_holds_the_lock_briefly(
    workspace: Workspace,
) -> None:
    """busy_timeout is meant to ride out another writer's short transaction, not fail at once."""
    with write_lock_held_by_another_program(workspace.path) as other:
        # The other program commits half a second later, well within the busy timeout.
        release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        release.start()
        try:
            with workspace.session() as session:
                clients.create_client(session, "Fromagerie Lescure")
        finally:
            release.join()
    assert client_names(workspace) == ["Fromagerie Lescure"]


# --- transactions -------------------------------------------------------------------------------


def test_a_session_that_raises_writes_nothing(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError, match="dialog cancelled"), workspace.session() as session:
        new_id, _ = clients.create_client(session, "Maison Verlaine")
        clients.add_segment(session, new_id, "VIP", 4_800)
        raise RuntimeError("dialog cancelled")

    assert client_names(workspace) == []
    with workspace.session() as session:
        assert clients.list_segments(session) == []


@FILE_ONLY
def test_a_session_that_completes_is_committed_to_the_file(workspace: Workspace) -> None:
    with workspace.session() as session:
        clients.create_client(session, "Maison Verlaine")
    assert raw_query(workspace.path, "SELECT name FROM clients") == [("Maison Verlaine",)]
