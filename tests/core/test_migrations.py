"""Upgrading a workspace written by an older crmdesk: backed up first, all or nothing."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

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


@pytest.mark.sqlite_only(reason="the backup of the file before a migration")
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


def test_0009_gives_existing_checklists_their_events_and_keeps_figures(tmp_path: Path) -> None:
    path = tmp_path / "agency.sqlite"
    older_workspace(path, "0008")
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO campaigns (client_id, name, channel, type, status, planned_send_at, "
            "send_timezone, volume, subject, preheader, esp, notes, created_at, updated_at) "
            "VALUES (1, 'Soldes', 'email', 'promo', 'draft', '2026-03-19 09:00:00', "
            "'Europe/Paris', 0, '', '', '', '', '2026-01-05 09:00:00', '2026-01-05 09:00:00')"
        )
        for position, label in enumerate(("BAT approved by the client", "Targeting built")):
            con.execute(
                "INSERT INTO checklist_items (campaign_id, position, phase, label_en, "
                'label_fr, role, due_offset_days, due_on, "check", state, done_by, comment, '
                "by_check) VALUES (1, ?, 'bat', ?, ?, 'client', -2, '2026-03-17', '', "
                "'todo', '', '', 0)",
                (position, label, label),
            )
        con.execute(
            "INSERT INTO stat_snapshots (campaign_id, variant, taken_on, sent, delivered, "
            "hard_bounces, soft_bounces, unique_opens, total_opens, unique_clicks, "
            "total_clicks, unsubscribes, complaints, conversions, revenue, source, "
            "source_name, updated_at) VALUES (1, '', '2026-03-24', 2000, 1980, 5, 15, 700, "
            "900, 80, 95, 4, 0, 0, 0, 'typed', '', '2026-03-24 09:00:00')"
        )
    with Workspace.open(path) as workspace, workspace.session() as session:
        session.execute(
            sa.text(
                "INSERT INTO stat_snapshots (campaign_id, variant, taken_on, sent, source, "
                "source_name, updated_at) VALUES (1, 'B', '2026-03-24', 1000, 'typed', '', "
                "'2026-03-24 09:00:00')"
            )
        )
    with sqlite3.connect(path) as con:
        events = con.execute("SELECT label_en, event FROM checklist_items ORDER BY position")
        assert events.fetchall() == [
            ("BAT approved by the client", "bat_approved"),
            ("Targeting built", ""),
        ]
        figures = con.execute(
            "SELECT variant, delivered, conversions, revenue FROM stat_snapshots ORDER BY variant"
        )
        # A 0 stored before stays a 0; a figure never given is now NULL.
        assert figures.fetchall() == [("", 1980, 0, 0), ("B", None, None, None)]
