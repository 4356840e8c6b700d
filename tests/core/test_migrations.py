"""Upgrading a workspace written by an older crmdesk: backed up first, all or nothing."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from crmdesk.core import clients, migrate
from crmdesk.core.db import Workspace, make_engine
from crmdesk.core.errors import MigrationFailed


def older_workspace(path: Path, revision: str = "0001") -> None:
    """A workspace as crmdesk at ``revision`` left it, holding one client.

    The row goes in with SQL: today's models describe today's schema, not the old one.
    """
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target=revision)
    finally:
        engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO clients (name, colour, sender_name, sender_address, utm_convention, "
            "pressure_cap, brief_offset_days, bat_offset_days, analysis_offset_days, timezone, "
            "created_at) VALUES ('Maison Verlaine', '#db2777', '', '', '', 2, 10, 2, 5, "
            "'Europe/Paris', '2026-01-05 09:00:00')"
        )


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def indexes_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}


def test_an_older_workspace_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "agency.sqlite"
    older_workspace(path)
    assert revision_of(path) == "0001"

    with Workspace.open(path) as workspace:
        result = workspace.migration
        with workspace.reader() as session:
            assert [c.name for c in clients.list_clients(session)] == ["Maison Verlaine"]

    assert (result.from_revision, result.to_revision) == ("0001", migrate.HEAD_REVISION)
    assert revision_of(path) == migrate.HEAD_REVISION
    assert "ix_campaign_segments_segment_id" in indexes_of(path)
    backup = result.backup
    assert backup is not None and backup.parent == tmp_path / "agency-backups"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert revision_of(backup) == "0001"
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT name FROM clients").fetchall() == [("Maison Verlaine",)]


def test_a_current_workspace_is_opened_without_a_backup(workspace_path: Path) -> None:
    with Workspace.open(workspace_path) as workspace:
        assert workspace.migration.backup is None
        assert not workspace.migration.upgraded
    assert not (workspace_path.parent / "workspace-backups").exists()


def test_a_failed_upgrade_leaves_the_file_as_it_was_and_says_where_the_copy_is(
    tmp_path: Path,
) -> None:
    path = tmp_path / "agency.sqlite"
    older_workspace(path)
    # Something (a hand edit, another tool) already made an index 0002 wants to create.
    with sqlite3.connect(path) as con:
        con.execute("CREATE INDEX ix_campaign_segments_segment_id ON campaign_segments(segment_id)")

    with pytest.raises(MigrationFailed) as failed:
        Workspace.open(path)

    assert "left as it was" in failed.value.message
    assert str(path) in failed.value.message
    assert failed.value.backup is not None and failed.value.backup.exists()
    assert revision_of(path) == "0001"
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT name FROM clients").fetchall() == [("Maison Verlaine",)]
    # The lock was released: once the cause is removed, the upgrade goes through.
    with sqlite3.connect(path) as con:
        con.execute("DROP INDEX ix_campaign_segments_segment_id")
    with Workspace.open(path) as workspace:
        assert workspace.migration.to_revision == migrate.HEAD_REVISION
