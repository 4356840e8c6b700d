"""Shared fixtures: real workspace files built once through the app's services, copied per test.

With ``CRMDESK_TEST_DATABASE_URL`` set to a PostgreSQL server (``scripts/pg-test-server.sh``
prints one), the workspaces are databases on that server instead: the empty and the demo
workspaces are built once as template databases, and each test gets a fresh database copied
from one (``CREATE DATABASE … TEMPLATE``), dropped after it. ``workspace_path`` and
``demo_path`` are then the database's URL (a ``str``), which ``Workspace.open`` and ``--db``
take as they take a file. Tests marked ``sqlite_only`` (with their reason) are skipped there.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from crmdesk.core import campaigns, clients, demo, postgres  # noqa: E402
from crmdesk.core.campaigns import CampaignInput  # noqa: E402
from crmdesk.core.db import Workspace  # noqa: E402
from crmdesk.core.workspaces import write_demo  # noqa: E402

#: The demo's reference day in tests, so what they see does not depend on the calendar.
DEMO_TODAY = date(2026, 11, 23)

#: The environment variable that points the tests at the shared real-world corpus.
CORPUS_ENV = "CRMDESK_CORPUS"
#: Where the corpus is looked for without it: ``../shared/corpus`` beside the project.
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


# -- the shared real-world corpus (emails, .eml, ESP CSV exports) --------------------------------


def corpus_dir() -> Path:
    """The corpus folder: ``$CRMDESK_CORPUS`` if set, else ``../shared/corpus`` beside the
    project. It may not exist; tests take the ``corpus`` fixture, which skips then, or, to
    list files at collection time, ``corpus_params``."""
    configured = os.environ.get(CORPUS_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_CORPUS


def corpus_missing(folder: Path) -> str:
    """Why a corpus test does not run: where the corpus was looked for and how to point at it."""
    if os.environ.get(CORPUS_ENV, "").strip():
        where = f"from {CORPUS_ENV}"
    else:
        where = f"the default, ../shared/corpus beside the project, {CORPUS_ENV} being unset"
    return (
        f"no real-world corpus at {folder} ({where}): set {CORPUS_ENV} to the shared corpus "
        f"folder (the one with emails/, eml/ and esp_csv/) to run this test"
    )


def corpus_params(*patterns: str, within: str = "") -> list[Any]:
    """Parameters for a test run once per corpus file: the files under ``within`` matching the
    glob patterns, sorted, each named by its path relative to ``within``; one skipped parameter
    naming the reason when the corpus or its files are not there."""
    folder = corpus_dir()
    if not folder.is_dir():
        reason = corpus_missing(folder)
    else:
        base = folder / within
        files = sorted(path for pattern in patterns for path in base.glob(pattern))
        if files:
            return [pytest.param(path, id=str(path.relative_to(base))) for path in files]
        reason = f"no file matching {' or '.join(patterns)} in the corpus at {base}"
    return [pytest.param(None, id="no-corpus", marks=pytest.mark.skip(reason=reason))]


@pytest.fixture
def corpus() -> Path:
    """The corpus folder (see ``corpus_dir``); the test is skipped, saying where the corpus was
    looked for and how to point at it, when it is not there."""
    folder = corpus_dir()
    if not folder.is_dir():
        pytest.skip(corpus_missing(folder))
    return folder


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's real data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("CRMDESK_DATA_DIR", str(folder))
    return folder


# -- the engine: SQLite files, or databases on a PostgreSQL server ---------------------------------

#: A PostgreSQL server's URL (any database on it, password-free): the tests' workspaces are
#: databases there. Unset: SQLite files, as the app makes them.
SERVER_ENV = "CRMDESK_TEST_DATABASE_URL"


def server_url() -> str | None:
    return os.environ.get(SERVER_ENV, "").strip() or None


def on_postgresql() -> bool:
    return server_url() is not None


def stored_bytes(where: Path | str) -> bytes:
    """Everything a workspace keeps, to look for what must not be in it (a password) or to
    check that nothing was written: the file with its WAL and shared memory, or, for a
    server's database, every row of every table as text, in a fixed order."""
    text = str(where)
    if not text.startswith(("postgresql:", "postgres:")):
        path = Path(where)
        return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(text).set(drivername="postgresql").render_as_string(hide_password=False)
    found: list[str] = []
    with psycopg.connect(url) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
        for (table,) in tables:
            rows = connection.execute(f'SELECT t::text FROM "{table}" t ORDER BY 1').fetchall()
            found += [table, *(row for (row,) in rows)]
    return "\n".join(found).encode("utf-8")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a server, skip the tests of what only a file has, each with its marker's reason."""
    if not on_postgresql():
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            why = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {why}"))


class Server:
    """The test server: creates databases (from a template) and drops them."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        self.url = make_url(url).set(drivername="postgresql")
        # No pool: a connection kept open would outlive a server a test stops (and warn).
        self.admin = create_engine(
            self.url.set(drivername="postgresql+psycopg"),
            isolation_level="AUTOCOMMIT",
            poolclass=NullPool,
        )
        self._names = itertools.count()

    def database_url(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(sql)

    def fresh_name(self, stem: str) -> str:
        return f"crmdesk_{stem}_{os.getpid()}_{next(self._names)}"

    def create(self, stem: str, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its URL."""
        name = self.fresh_name(stem)
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.database_url(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _test_server() -> Iterator[Server | None]:
    """The server the test databases are made on (None on SQLite)."""
    url = server_url()
    if url is None:
        yield None
        return
    server = Server(url)
    yield server
    server.admin.dispose()


@pytest.fixture
def pg_server(_test_server: Server | None) -> Server:
    """The PostgreSQL server of ``CRMDESK_TEST_DATABASE_URL``; skips without one."""
    if _test_server is None:
        pytest.skip(f"no PostgreSQL server: set {SERVER_ENV} (scripts/pg-test-server.sh)")
    return _test_server


def _server_template(server: Server, stem: str, campaigns: int | None) -> str:
    """A migrated database to copy per test: empty, or the demo (``campaigns``)."""
    from sqlalchemy.engine import make_url

    url = server.create(f"template_{stem}")
    with Workspace.open(url) as opened:
        if campaigns is not None:
            with opened.session() as session:
                demo.populate(session, campaigns, demo.DEFAULT_SEED, DEMO_TODAY)
                # The demo gives its rows their ids: the sequences must follow.
                postgres.resync_sequences(session.connection())
    return str(make_url(url).database)


@pytest.fixture(scope="session")
def empty_template(
    tmp_path_factory: pytest.TempPathFactory, _test_server: Server | None
) -> Iterator[Path | str]:
    if _test_server is not None:
        name = _server_template(_test_server, "empty", None)
        yield name
        _test_server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    path = tmp_path_factory.mktemp("templates") / "empty.sqlite"
    Workspace.open(path).close()
    yield path


@pytest.fixture(scope="session")
def demo_template(
    tmp_path_factory: pytest.TempPathFactory, _test_server: Server | None
) -> Iterator[Path | str]:
    if _test_server is not None:
        name = _server_template(_test_server, "demo", demo.DEFAULT_CAMPAIGNS)
        yield name
        _test_server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    path = tmp_path_factory.mktemp("templates") / "demo.sqlite"
    write_demo(path, today=DEMO_TODAY)
    yield path


def _copy(template: Path, destination: Path) -> Path:
    shutil.copyfile(template, destination)
    destination.chmod(0o600)
    return destination


def _fresh(template: Path | str, destination: Path, server: Server | None) -> Iterator[Path | str]:
    """A copy of ``template`` for one test: a file beside it, or a database on the server."""
    if server is None:
        yield _copy(Path(template), destination)
        return
    url = server.create(destination.stem, template=str(template))
    yield url
    server.drop(url)


@pytest.fixture
def workspace_path(
    empty_template: Path | str, tmp_path: Path, _test_server: Server | None
) -> Iterator[Path | str]:
    yield from _fresh(empty_template, tmp_path / "workspace.sqlite", _test_server)


@pytest.fixture
def workspace(workspace_path: Path) -> Iterator[Workspace]:
    with Workspace.open(workspace_path) as opened:
        yield opened


@pytest.fixture
def demo_path(
    demo_template: Path | str, tmp_path: Path, _test_server: Server | None
) -> Iterator[Path | str]:
    yield from _fresh(demo_template, tmp_path / "demo.sqlite", _test_server)


@pytest.fixture
def demo_workspace(demo_path: Path) -> Iterator[Workspace]:
    with Workspace.open(demo_path) as opened:
        yield opened


@pytest.fixture
def client_id(workspace: Workspace) -> int:
    """A client with the default offsets (brief D-10, BAT D-2, analysis D+5) and a cap of 2."""
    with workspace.session() as session:
        new_id, _ = clients.create_client(session, "Éditions Lumière", pressure_cap=2)
        clients.add_segment(session, new_id, "Abonnés actifs", 180_000)
        clients.add_segment(session, new_id, "Inactifs", 90_000)
    return new_id


@pytest.fixture
def segment_ids(workspace: Workspace, client_id: int) -> list[int]:
    with workspace.session() as session:
        return [s.id for s in clients.list_segments(session, client_id)]


def plan(
    workspace: Workspace,
    client_id: int,
    day: date,
    *,
    name: str = "Newsletter",
    at: time = time(10, 0),
    segment_ids: tuple[int, ...] = (),
    **fields: object,
) -> int:
    """Create a campaign through the core service, as the dialog does."""
    data = CampaignInput(
        client_id=client_id,
        name=name,
        send_date=day,
        send_time=at,
        segment_ids=segment_ids,
        **fields,  # type: ignore[arg-type]
    )
    with workspace.session() as session:
        new_id, _ = campaigns.create(session, data)
    return new_id
