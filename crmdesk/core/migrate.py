"""Bring a workspace file to this version's schema, safely.

Refuse a file crmdesk did not write and one written by a newer crmdesk; back the file up with
SQLite's online backup before any upgrade; run every migration in one transaction so a failure
leaves the file as it was, and stamp crmdesk's application id in that same transaction.
Alembic is imported only when an upgrade is actually needed: most starts find the file current.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from crmdesk.core import sqlite
from crmdesk.core.errors import (
    BackupFailed,
    ForeignFile,
    MigrationFailed,
    WorkspaceTooNew,
)

# The list of revisions lives in the light ``revisions`` module (the first paint checks a
# file's revision without SQLAlchemy): add a new migration's revision there.
from crmdesk.core.revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: What each revision added that crmdesk relies on: tables and their key columns. A file
#: written before crmdesk stamped its ``application_id`` is taken for a workspace only if it
#: holds everything its revision wrote; another program's database that merely has an
#: ``alembic_version`` table does not. A test checks this against the real migrations.
REVISION_ADDS: dict[str, dict[str, frozenset[str]]] = {
    "0001": {
        "clients": frozenset({"id", "name", "colour", "sender_address", "pressure_cap"}),
        "campaigns": frozenset({"id", "client_id", "name", "planned_send_at", "send_timezone"}),
        "contacts": frozenset({"id", "client_id", "name", "email"}),
        "segments": frozenset({"id", "client_id", "name", "estimated_size"}),
        "campaign_segments": frozenset({"campaign_id", "segment_id"}),
    },
    "0002": {},
    "0003": {
        "brief_templates": frozenset({"id", "client_id", "name", "content"}),
        "briefs": frozenset({"id", "campaign_id", "content", "updated_at"}),
        "brief_versions": frozenset({"id", "brief_id", "number", "content"}),
        "clients": frozenset({"mention_required"}),
    },
    "0004": {
        "checklist_templates": frozenset({"id", "client_id", "items"}),
        "checklist_items": frozenset({"id", "campaign_id", "position", "label_en", "due_on"}),
        "check_runs": frozenset({"id", "campaign_id", "findings", "html"}),
        "clients": frozenset({"tone"}),
    },
    "0005": {
        "bat_blobs": frozenset({"sha256", "size", "data"}),
        "smtp_accounts": frozenset({"id", "name", "host", "port", "username"}),
        "personas": frozenset({"id", "client_id", "name", "fields"}),
        "bat_rounds": frozenset({"id", "campaign_id", "number", "source_kind", "findings"}),
        "bat_feedback": frozenset({"id", "round_id", "author", "text"}),
        "bat_files": frozenset({"id", "round_id", "path", "sha256"}),
        "bat_sends": frozenset({"id", "round_id", "account", "recipients"}),
    },
    "0006": {
        "stat_mappings": frozenset({"id", "esp", "columns"}),
        "stat_analyses": frozenset({"campaign_id", "decisions"}),
        "stat_breakdowns": frozenset({"id", "campaign_id", "variant", "dimension", "key"}),
        "stat_imports": frozenset({"id", "campaign_id", "sha256", "layout"}),
        "stat_snapshots": frozenset({"id", "campaign_id", "variant", "taken_on", "delivered"}),
        "clients": frozenset({"ab_confidence"}),
    },
    "0007": {
        "settings": frozenset({"key", "value"}),
        "roadmaps": frozenset({"id", "client_id", "quarter", "text"}),
        "recap_sends": frozenset({"id", "campaign_id", "account", "recipients"}),
        "clients": frozenset({"logo_path"}),
    },
    "0008": {
        "operators": frozenset({"id", "name", "email", "company"}),
        "clients": frozenset({"archived_at"}),
        "segments": frozenset({"archived_at"}),
        "contacts": frozenset({"receives_bat", "receives_recaps"}),
    },
    "0009": {
        "checklist_items": frozenset({"event", "auto_note"}),
        "bat_rounds": frozenset({"override_findings"}),
    },
    "0010": {
        "time_entries": frozenset({"id", "client_id", "campaign_id", "worked_on", "minutes"}),
        "running_timers": frozenset({"id", "owner", "campaign_id", "started_at"}),
        "budgets": frozenset({"id", "client_id", "campaign_id", "month", "unit", "amount"}),
        "calendar_markers": frozenset({"id", "client_id", "uid", "starts_on", "ends_on"}),
    },
    "0011": {
        "pressure_flags": frozenset({"campaign_id", "segment_id", "client_id", "week_start"}),
        "pressure_dirty": frozenset({"id", "client_id", "at"}),
        "calendar_days": frozenset({"day", "client_id", "send_timezone", "status", "sends"}),
    },
    # Row versions (issue 22): the editable tables of migration 0012.
    "0012": {
        table: frozenset({"row_version", "changed_by", "changed_at"})
        for table in (
            "clients",
            "segments",
            "contacts",
            "campaigns",
            "briefs",
            "checklist_items",
            "time_entries",
            "budgets",
            "personas",
            "roadmaps",
        )
    },
    # PostgreSQL's search index reads punctuation as spaces (issue 22): no table or column.
    "0013": {},
}


def expected_schema(revision: str) -> dict[str, frozenset[str]]:
    """The tables and key columns a workspace at ``revision`` holds (every revision adds)."""
    expected: dict[str, frozenset[str]] = {"alembic_version": frozenset({"version_num"})}
    for known in KNOWN_REVISIONS[: KNOWN_REVISIONS.index(revision) + 1]:
        for table, columns in REVISION_ADDS[known].items():
            expected[table] = expected.get(table, frozenset()) | columns
    return expected


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.from_revision != self.to_revision


def current_revision(connection: Connection) -> str | None:
    """The file's schema revision, None for an empty file; raises for a foreign database."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise ForeignFile(Path(connection.engine.url.database or "?"), FOREIGN_DATABASE)
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


FOREIGN_DATABASE = "another program's SQLite database"


def recognise(path: Path, schema: sqlite.FileSchema) -> str | None:
    """The revision of the crmdesk workspace at ``path`` (None: an empty SQLite file, to be
    created); refuses anything crmdesk did not write, and a workspace from a newer crmdesk.

    crmdesk stamps its ``application_id`` (``sqlite.APPLICATION_ID``) when it creates or
    upgrades a workspace. A file without it is one of crmdesk's own only if it was written by
    a version before the stamp: a single known revision and every table and key column that
    revision wrote. Another id is another program's file, whatever its tables.
    """
    if schema.application_id == sqlite.APPLICATION_ID:
        revision = schema.revision
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise WorkspaceTooNew(path, revision)
        return revision
    if schema.application_id != 0:
        raise ForeignFile(path, FOREIGN_DATABASE)
    if not schema.tables:
        return None
    revision = schema.revision
    if revision not in KNOWN_REVISIONS:
        raise ForeignFile(path, FOREIGN_DATABASE)
    for table, columns in expected_schema(revision).items():
        if table not in schema.columns or not columns <= schema.columns[table]:
            raise ForeignFile(path, FOREIGN_DATABASE)
    return revision


def backup_path(path: Path, revision: str | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return path.parent / f"{path.stem}-backups" / f"{path.stem}.before-{revision}.{stamp}.sqlite"


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_to(engine: Engine, path: Path, target: str = "head") -> MigrationResult:
    """Upgrade ``path`` (already opened by ``engine``) to ``target``, backing up first."""
    with engine.connect() as probe:
        revision = current_revision(probe)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise WorkspaceTooNew(path, revision)
    wanted = HEAD_REVISION if target == "head" else target
    if revision == wanted:
        return MigrationResult(revision, wanted, None)

    backup = None
    if revision:
        try:
            backup = sqlite.online_backup(path, backup_path(path, revision))
        except (sqlite3.Error, OSError) as exc:  # nothing was upgraded, no copy was left
            raise BackupFailed(path, exc) from exc
    from alembic import command

    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(_alembic_config(connection), target)
            sqlite.mark_as_workspace(connection)
    except Exception as exc:  # the transaction rolled back: the file is as it was
        raise MigrationFailed(path, revision, wanted, backup, exc) from exc
    return MigrationResult(revision, wanted, backup)


def script_revisions() -> list[str]:
    """Revisions found in the scripts, oldest first (used by tests and the dev tooling)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    heads = scripts.get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have a single head, found {heads}")
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]
