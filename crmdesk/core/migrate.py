"""Bring a workspace file to this version's schema, safely.

Refuse a file written by a newer crmdesk; back the file up with SQLite's online backup before
any upgrade; run every migration in one transaction so a failure leaves the file as it was.
Alembic is imported only when an upgrade is actually needed: most starts find the file current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from crmdesk.core import sqlite
from crmdesk.core.errors import MigrationFailed, NotAWorkspace, WorkspaceTooNew

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: Every revision this version knows, oldest first; the last is the head. A test keeps this in
#: step with the scripts in ``migrations/versions`` so start-up need not load Alembic to compare.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


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
            raise NotAWorkspace(Path(connection.engine.url.database or "?"))
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def check_schema(path: Path, tables: set[str], revision: str | None) -> None:
    """Refuse another program's database and one written by a newer crmdesk."""
    if tables and "alembic_version" not in tables:
        raise NotAWorkspace(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise WorkspaceTooNew(path, revision)


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

    backup = sqlite.online_backup(path, backup_path(path, revision)) if revision else None
    from alembic import command

    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(_alembic_config(connection), target)
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
