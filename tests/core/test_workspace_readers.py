"""Reading a workspace the window holds: read-only commands beside the one writer.

The writer here is a real second process, as the window is: it holds the single-writer lock
and commits campaigns when told to, while the test opens the same file with ``read_only=True``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from crmdesk.core import campaigns, clients, migrate, sqlite
from crmdesk.core.db import (
    Workspace,
    WorkspaceOpenedForReading,
    WorkspaceOutdated,
    make_engine,
)
from crmdesk.core.errors import (
    CrmdeskError,
    NotAWorkspace,
    WorkspaceLocked,
    WorkspaceMissing,
    WorkspaceTooNew,
)
from tests.core.test_workspace import write_protected

#: What only a workspace file has: skipped on a PostgreSQL server.
FILE_ONLY = pytest.mark.sqlite_only(reason="WAL readers and the file's single-writer lock")

#: The window's stand-in: opens the workspace as its writer, then obeys one command a line.
#: Every transaction plans two campaigns, so a reader that ever sees an odd number of new ones
#: has seen half a transaction.
WRITER = r"""
import sys
import threading
from datetime import date, time

from crmdesk.core import campaigns, clients
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace

workspace = Workspace.open(sys.argv[1])
with workspace.reader() as session:
    client_id = clients.list_clients(session)[0].id
planned = 0


def plan_two(session):
    global planned
    for _ in range(2):
        planned += 1
        data = CampaignInput(client_id, f"Relance {planned}", date(2027, 1, 4), time(10, 0))
        campaigns.create(session, data)


print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "plan":
        with workspace.session() as session:
            plan_two(session)
        print("planned", flush=True)
    elif command == "hold":  # plan two, then wait for the next line before committing
        with workspace.session() as session:
            plan_two(session)
            session.flush()
            print("holding", flush=True)
            sys.stdin.readline()
        print("committed", flush=True)
    elif command == "churn":  # commit pairs until the next line
        stop = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
        transactions = 0
        while not stop.is_set():
            with workspace.session() as session:
                plan_two(session)
            transactions += 1
            if transactions == 1:
                print("churning", flush=True)
        print(f"churned {transactions}", flush=True)
workspace.close()
"""


class Writer:
    """The writer process, driven one command at a time."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def expect(self, word: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(word):
            self.process.kill()
            _, errors = self.process.communicate(timeout=30)
            pytest.fail(f"the writer said {line!r} instead of {word!r}:\n{errors}")
        return line.strip()


@pytest.fixture
def writer(demo_path: Path) -> Iterator[Writer]:
    """The demo workspace, held by another process as the window holds it."""
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(demo_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        held = Writer(process)
        held.expect("ready")
        yield held
        _, errors = process.communicate(timeout=60)
        assert process.returncode == 0, errors


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_query(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the file with plain sqlite3 (read-only too), bypassing crmdesk."""
    with closing(sqlite3.connect(sqlite.read_only_uri(path), uri=True)) as con:
        return con.execute(sql).fetchall()


def campaign_names(workspace: Workspace) -> list[str]:
    with workspace.reader() as session:
        return [row.name for row in campaigns.list_campaigns(session)]


def lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


# --- beside the window --------------------------------------------------------------------------


@FILE_ONLY
def test_a_reader_reads_the_workspace_the_window_holds(writer: Writer, demo_path: Path) -> None:
    stored = raw_query(demo_path, "SELECT count(*) FROM campaigns")[0][0]

    with Workspace.open(demo_path, create=False, read_only=True) as workspace:
        assert workspace.read_only
        assert workspace.migration == migrate.MigrationResult(
            migrate.HEAD_REVISION, migrate.HEAD_REVISION, None
        )
        before = campaign_names(workspace)
        assert len(before) == stored > 0

        writer.send("plan")
        writer.expect("planned")

        after = campaign_names(workspace)
    assert len(after) == len(before) + 2
    assert {"Relance 1", "Relance 2"} <= set(after)


@FILE_ONLY
def test_a_second_writer_is_still_refused_while_readers_read(
    writer: Writer, demo_path: Path
) -> None:
    with Workspace.open(demo_path, read_only=True) as workspace:
        for create in (True, False):
            with pytest.raises(WorkspaceLocked) as refused:
                Workspace.open(demo_path, create=create)
            assert "already open in another crmdesk" in refused.value.message
        assert campaign_names(workspace)


@FILE_ONLY
def test_a_reader_sees_the_last_commit_not_the_writers_transaction_in_progress(
    writer: Writer, demo_path: Path
) -> None:
    with Workspace.open(demo_path, read_only=True) as workspace:
        committed = campaign_names(workspace)
        writer.send("hold")
        writer.expect("holding")

        started = time.monotonic()
        assert campaign_names(workspace) == committed, "a reader never sees uncommitted rows"
        assert time.monotonic() - started < 2, "nor waits for the writer to finish"

        with workspace.reader() as session:
            snapshot = [row.name for row in campaigns.list_campaigns(session)]
            writer.send("commit")
            writer.expect("committed")
            again = [row.name for row in campaigns.list_campaigns(session)]
        assert snapshot == again == committed, "one reading transaction is one snapshot"

        assert len(campaign_names(workspace)) == len(committed) + 2, "the next one sees the commit"


@FILE_ONLY
def test_each_reading_transaction_is_one_consistent_snapshot_while_the_writer_commits(
    writer: Writer, demo_path: Path
) -> None:
    with Workspace.open(demo_path, read_only=True) as workspace:
        base = len(campaign_names(workspace))
        writer.send("churn")
        writer.expect("churning")
        seen: list[int] = []
        for _ in range(15):
            with workspace.reader() as session:
                first = campaigns.list_campaigns(session)
                time.sleep(0.03)  # the writer commits meanwhile
                second = campaigns.list_campaigns(session)
            assert first == second
            assert (len(first) - base) % 2 == 0, "half a transaction was seen"
            seen.append(len(first))
        writer.send("stop")
        transactions = int(writer.expect("churned").split()[1])

        assert seen == sorted(seen)
        assert len(set(seen)) > 1, "the writer committed while the reader read"
        assert len(campaign_names(workspace)) == base + 2 * transactions


# --- alone --------------------------------------------------------------------------------------


@FILE_ONLY
def test_reading_leaves_the_file_byte_for_byte_and_takes_no_lock(demo_path: Path) -> None:
    before = digest(demo_path)

    with Workspace.open(demo_path, read_only=True) as workspace:
        assert campaign_names(workspace)
        assert not lock_file(demo_path).exists()

    assert digest(demo_path) == before
    assert raw_query(demo_path, "PRAGMA journal_mode") == [("wal",)]
    assert list(demo_path.parent.glob("*-backups")) == []


def test_the_window_can_open_the_workspace_while_a_reader_has_it(demo_path: Path) -> None:
    with Workspace.open(demo_path, read_only=True) as reader:
        names = campaign_names(reader)
        with Workspace.open(demo_path) as window, window.session() as session:
            clients.create_client(session, "Brasserie du Port")
        with reader.reader() as session:
            assert "Brasserie du Port" in {c.name for c in clients.list_clients(session)}
        assert campaign_names(reader) == names


@FILE_ONLY
def test_closing_a_reader_leaves_the_writers_lock_alone(workspace: Workspace) -> None:
    Workspace.open(workspace.path, read_only=True).close()

    with pytest.raises(WorkspaceLocked):
        Workspace.open(workspace.path)
    with workspace.session() as session:
        clients.create_client(session, "Cycles Aubrac")


@FILE_ONLY
def test_a_write_protected_workspace_can_be_read(demo_path: Path) -> None:
    """A copy on a read-only volume, or a file the user may not write: reading needs no write."""
    before = digest(demo_path)
    with write_protected(demo_path), Workspace.open(demo_path, read_only=True) as workspace:
        assert campaign_names(workspace)
    assert digest(demo_path) == before


# --- a reader does not write --------------------------------------------------------------------


@FILE_ONLY
def test_a_session_on_a_reader_is_refused_and_writes_nothing(demo_path: Path) -> None:
    before = digest(demo_path)

    with Workspace.open(demo_path, read_only=True) as workspace:
        with pytest.raises(WorkspaceOpenedForReading) as refused:
            workspace.session()

    assert isinstance(refused.value, CrmdeskError)
    assert "opened for reading" in refused.value.message
    assert str(demo_path) in refused.value.message
    assert digest(demo_path) == before


@FILE_ONLY
def test_a_write_slipped_into_a_reading_transaction_fails_and_writes_nothing(
    demo_path: Path,
) -> None:
    before = digest(demo_path)

    with Workspace.open(demo_path, read_only=True) as workspace:
        with pytest.raises(WorkspaceOpenedForReading), workspace.reader() as session:
            clients.create_client(session, "Atelier Nord")
            session.flush()
        # Below the sessions too: the connections themselves cannot write the file.
        with (
            pytest.raises(OperationalError, match="readonly"),
            workspace.engine.begin() as connection,
        ):
            connection.execute(text("DELETE FROM campaigns"))

    assert digest(demo_path) == before


# --- what is not a readable workspace -----------------------------------------------------------


def test_a_missing_workspace_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "workspace.sqlite"

    for create in (True, False):  # a reader never creates, whatever ``create`` says
        with pytest.raises(WorkspaceMissing) as refused:
            Workspace.open(path, create=create, read_only=True)
        assert str(path) in refused.value.message

    assert not path.parent.exists()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Brief Maison Verlaine\nObjectif : ventes\n", id="text"),
        pytest.param(b"", id="empty"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "not-a-workspace.sqlite"
    path.write_bytes(content)

    with pytest.raises(NotAWorkspace) as refused:
        Workspace.open(path, read_only=True)

    assert str(path) in refused.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspace):
        Workspace.open(tmp_path, read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "mailchimp-export.db"
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE subscribers (email TEXT PRIMARY KEY, opened INTEGER)")
        con.execute("INSERT INTO subscribers VALUES ('claire@example.fr', 1)")
    before = digest(path)

    with pytest.raises(NotAWorkspace) as refused:
        Workspace.open(path, read_only=True)

    assert str(path) in refused.value.message
    assert digest(path) == before
    assert raw_query(path, "PRAGMA journal_mode") == [("delete",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_sqlite_database_without_tables_is_not_a_workspace_yet(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    with closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA user_version = 1")  # a header and one page, no table
    before = digest(path)

    with pytest.raises(NotAWorkspace):
        Workspace.open(path, read_only=True)
    assert digest(path) == before


@FILE_ONLY
def test_a_workspace_from_a_newer_crmdesk_is_refused_and_left_untouched(
    workspace_path: Path,
) -> None:
    with closing(sqlite3.connect(workspace_path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    before = digest(workspace_path)

    with pytest.raises(WorkspaceTooNew) as refused:
        Workspace.open(workspace_path, read_only=True)

    assert refused.value.revision == "ffff_future"
    assert digest(workspace_path) == before


def test_a_workspace_from_an_older_crmdesk_is_refused_until_the_window_upgrades_it(
    tmp_path: Path,
) -> None:
    """Even with nobody holding it: the upgrade and its backup are the window's to announce."""
    path = tmp_path / "agency.sqlite"
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target="0001")
    finally:
        engine.dispose()
    before = digest(path)

    with pytest.raises(WorkspaceOutdated) as refused:
        Workspace.open(path, read_only=True)

    assert refused.value.revision == "0001"
    assert refused.value.message.startswith(
        "This workspace was written by an older crmdesk (schema 0001); open it once in crmdesk "
        "to upgrade it; nothing was written."
    )
    assert str(path) in refused.value.message
    assert digest(path) == before
    assert list(tmp_path.glob("*-backups")) == []

    Workspace.open(path).close()  # what the sentence asks of the user
    with Workspace.open(path, read_only=True) as workspace:
        assert campaign_names(workspace) == []
