"""The window's first paint reads the workspace file with ``sqlite3`` alone, before SQLAlchemy
and the ORM models load: the client legend and the welcome page's question from that read, and
the file opened for it only when the read can be trusted (a crmdesk workspace at this
version's schema, its pressure flags settled). Anything else takes the usual opening, which
migrates, refuses or recounts as it always did.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from crmdesk.core import clients, quickread, revisions
from crmdesk.core.db import Workspace
from crmdesk.core.quickread import client_legend, first_paint_connection, has_clients
from tests.conftest import plan
from tests.core.test_migrations import older_workspace

pytestmark = pytest.mark.sqlite_only(reason="the first paint reads a workspace file")


def legend(path: Path) -> list[clients.ClientInfo]:
    connection = first_paint_connection(path)
    assert connection is not None
    with closing(connection):
        return client_legend(connection)


def test_the_legend_lists_the_clients_the_filters_offer(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        shown = clients.list_clients(session)
        clients.set_client_archived(session, shown[0].id, True)
        clients.create_client(session, "Éditions Zénith", colour="#0f766e", pressure_cap=4)
    with demo_workspace.reader() as session:
        expected = clients.list_clients(session)
    found = legend(demo_workspace.path)
    assert found == expected
    assert shown[0].id not in {c.id for c in found}  # archived: not in the legend
    assert "Éditions Zénith" in [c.name for c in found]


def test_the_welcome_page_shows_for_an_empty_workspace_only(
    workspace: Workspace, workspace_path: Path
) -> None:
    def answer() -> bool:
        connection = first_paint_connection(workspace_path)
        assert connection is not None
        with closing(connection):
            return has_clients(connection)

    assert answer() is False
    with workspace.session() as session:
        new_id, _ = clients.create_client(session, "Maison Verlaine")
        clients.set_client_archived(session, new_id, True)
    with workspace.reader() as session:
        assert clients.has_clients(session)
    assert answer() is True  # an archived client is not an empty workspace
    assert legend(workspace_path) == []


def test_the_first_paint_cannot_write_the_file(workspace_path: Path) -> None:
    connection = first_paint_connection(workspace_path)
    assert connection is not None
    with closing(connection), pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM alembic_version")
    with closing(sqlite3.connect(workspace_path)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (revisions.HEAD_REVISION,)
        ]


def test_a_missing_file_takes_the_usual_opening(tmp_path: Path) -> None:
    assert first_paint_connection(tmp_path / "nowhere.sqlite") is None
    assert first_paint_connection(tmp_path) is None  # a folder
    assert not (tmp_path / "nowhere.sqlite").exists()  # nothing was created


def test_another_programs_files_take_the_usual_opening(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all\n" * 100)
    assert first_paint_connection(text) is None
    invoices = tmp_path / "invoices.sqlite"
    with closing(sqlite3.connect(invoices)) as con, con:
        # Another program's Alembic, even at crmdesk's head revision, with a clients table.
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        con.execute("INSERT INTO alembic_version VALUES (?)", (revisions.HEAD_REVISION,))
        con.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)")
    assert first_paint_connection(invoices) is None
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert first_paint_connection(empty) is None


def test_an_older_workspace_takes_the_usual_opening_which_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite"
    older_workspace(path, "0010")
    with closing(sqlite3.connect(path)) as con:  # crmdesk's own file, one migration behind
        assert con.execute("PRAGMA application_id").fetchone()[0] == quickread.APPLICATION_ID
    assert first_paint_connection(path) is None
    with Workspace.open(path) as opened:  # the usual opening migrates it
        assert opened.migration.to_revision == revisions.HEAD_REVISION
    assert legend(path)[0].name == "Maison Verlaine"


def test_a_workspace_from_a_newer_crmdesk_takes_the_usual_opening(workspace_path: Path) -> None:
    with closing(sqlite3.connect(workspace_path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    assert first_paint_connection(workspace_path) is None


def test_unsettled_pressure_flags_take_the_usual_opening(
    workspace: Workspace, workspace_path: Path, client_id: int
) -> None:
    plan(workspace, client_id, date(2026, 11, 23))
    assert first_paint_connection(workspace_path) is not None
    # A write that did not go through crmdesk's sessions: the triggers noted it, nobody
    # recounted the flags it changes.
    with closing(sqlite3.connect(workspace_path)) as con, con:
        con.execute("UPDATE campaigns SET planned_send_at = '2026-11-30 09:00:00.000000'")
        assert quickread.unsettled(con)
    assert first_paint_connection(workspace_path) is None


def test_the_first_paint_loads_neither_sqlalchemy_nor_the_models(demo_path: Path) -> None:
    """What the window imports before its first paint, and the read itself, in a fresh
    process: ``sqlite3`` and the light modules only."""
    script = f"""
import sys
from datetime import date
from pathlib import Path

from crmdesk.core import calendar_values, kinds, quickread

connection = quickread.first_paint_connection(Path({str(demo_path)!r}))
assert connection is not None
found = quickread.visible_period(
    connection, *calendar_values.month_grid(2026, 12), calendar_values.Filters(), 4,
    with_holidays=True, language="fr", today=date(2026, 11, 23),
)
legend = quickread.client_legend(connection)
loaded = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("sqlalchemy", "alembic") or name == "crmdesk.core.models"
)
print(len(found.entries), len(legend), quickread.has_clients(connection), loaded)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    entries, shown_clients, any_client, loaded = done.stdout.split(" ", 3)
    assert loaded.strip() == "[]"
    assert int(entries) > 0 and int(shown_clients) > 0 and any_client == "True"


def test_the_head_revision_is_alembics() -> None:
    from crmdesk.core import migrate

    assert revisions.HEAD_REVISION == migrate.script_revisions()[-1]
    assert migrate.HEAD_REVISION == revisions.HEAD_REVISION


def test_the_application_id_is_crmdesks() -> None:
    from crmdesk.core import sqlite

    assert quickread.APPLICATION_ID == sqlite.APPLICATION_ID
