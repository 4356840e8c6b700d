"""A workspace on a PostgreSQL server: what the user sees when the URL, the server, the
credentials or the database are wrong (a sentence, nothing written), and search giving the same
campaigns as on a file. These tests need the suite's server (``CRMDESK_TEST_DATABASE_URL``, see
``scripts/pg-test-server.sh``); without one they skip and say so."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from crmdesk.core import backups, fts
from crmdesk.core.db import Workspace, WorkspaceOutdated
from crmdesk.core.postgres import ServerError
from tests.cli.runs import desk
from tests.conftest import Server, plan
from tests.keyring_backend import FileKeyring, LockedKeyring, file_keyring, installed


def _tables(server: Server, url: str) -> dict[str, int]:
    """Every table of the database and its row count: what "nothing written" is checked on."""
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            names = connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
            return {
                name: int(connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
                for name in sorted(names)
            }
    finally:
        engine.dispose()


def _run(server: Server, url: str, sql: str) -> None:
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(sql)
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def empty_database(pg_server: Server) -> Iterator[str]:
    url = pg_server.create("blank")
    yield url
    pg_server.drop(url)


def test_an_empty_database_is_set_up_and_named_without_password(empty_database: str) -> None:
    with Workspace.open(empty_database) as workspace:
        assert workspace.migration.from_revision is None
        assert workspace.dialect == "postgresql"
        assert workspace.location == empty_database
        assert not workspace.read_only
    assert "campaigns" in _tables(Server(empty_database), empty_database)


def test_a_url_carrying_a_password_is_refused_without_showing_it(pg_server: Server) -> None:
    url = make_url(pg_server.database_url("agency")).set(password="s3cr3t-pw")
    with pytest.raises(ServerError) as refused:
        Workspace.open(url.render_as_string(hide_password=False))
    assert "s3cr3t-pw" not in str(refused.value)
    assert "keyring" in str(refused.value)


@pytest.mark.parametrize(
    "url",
    ["postgresql://crmdesk@127.0.0.1", "postgresql://crmdesk@127.0.0.1:notaport/agency"],
    ids=["no-database", "bad-port"],
)
def test_a_malformed_url_is_a_sentence(url: str) -> None:
    with pytest.raises(ServerError) as refused:
        Workspace.open(url)
    assert "postgresql://" in str(refused.value)


def test_an_unreachable_server_is_said_so(pg_server: Server) -> None:
    url = make_url(pg_server.database_url("agency")).set(port=_free_port())
    with pytest.raises(ServerError, match="cannot be reached"):
        Workspace.open(url.render_as_string(hide_password=False))


def test_a_missing_database_is_named(pg_server: Server) -> None:
    with pytest.raises(ServerError, match="no database “crmdesk_nowhere”"):
        Workspace.open(pg_server.database_url("crmdesk_nowhere"))


def test_sslmode_in_the_url_is_honoured(empty_database: str) -> None:
    """The test server speaks no TLS: asking for it must fail rather than go on in clear."""
    with pytest.raises(ServerError, match="cannot be reached"):
        Workspace.open(f"{empty_database}?sslmode=require")
    with Workspace.open(f"{empty_database}?sslmode=disable") as workspace:
        assert "sslmode=disable" in workspace.location


@pytest.fixture
def alice(pg_server: Server, empty_database: str) -> Iterator[str]:
    """A role that needs its password (the server's rule for every role but crmdesk)."""
    pg_server.execute("DROP ROLE IF EXISTS crmdesk_alice")
    pg_server.execute("CREATE ROLE crmdesk_alice LOGIN PASSWORD 'right-horse'")
    database = make_url(empty_database).database
    pg_server.execute(f'ALTER DATABASE "{database}" OWNER TO crmdesk_alice')
    yield make_url(empty_database).set(username="crmdesk_alice").render_as_string()
    pg_server.drop(empty_database)
    pg_server.execute("DROP ROLE IF EXISTS crmdesk_alice")


def test_the_password_comes_from_the_keyring_and_a_wrong_one_is_refused(
    alice: str, empty_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = alice.split("://", 1)[1]
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as keys:
        assert isinstance(keys, FileKeyring)
        keys.set_password("crmdesk-db", key, "wrong-horse")
        with pytest.raises(ServerError) as refused:
            Workspace.open(alice)
        said = str(refused.value)
        assert "refused these credentials" in said
        assert "wrong-horse" not in said and "crmdesk-db" in said
        assert _tables(Server(empty_database), empty_database) == {}

        keys.set_password("crmdesk-db", key, "right-horse")
        with Workspace.open(alice) as workspace:
            assert "right-horse" not in workspace.location
            assert workspace.migration.to_revision is not None


def test_without_a_password_anywhere_the_server_refusal_is_a_sentence(
    alice: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with file_keyring(tmp_path / "keyring.json", monkeypatch):
        with pytest.raises(ServerError, match="refused these credentials"):
            Workspace.open(alice)


def test_a_locked_keyring_does_not_stop_a_server_that_needs_no_password(
    empty_database: str,
) -> None:
    with installed(LockedKeyring()), Workspace.open(empty_database) as workspace:
        assert workspace.migration.to_revision is not None


def test_a_locked_keyring_is_named_when_the_server_wants_a_password(
    alice: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with installed(LockedKeyring()), pytest.raises(ServerError) as refused:
        Workspace.open(alice)
    assert "refused these credentials" in str(refused.value)
    assert "keyring is locked" in str(refused.value)


def test_another_programs_database_is_refused_and_left_as_it_was(
    empty_database: str,
) -> None:
    _run(
        Server(empty_database),
        empty_database,
        "CREATE TABLE orders (id int); INSERT INTO orders VALUES (1)",
    )
    for read_only in (False, True):
        with pytest.raises(ServerError, match="another program"):
            Workspace.open(empty_database, read_only=read_only)
    assert _tables(Server(empty_database), empty_database) == {"orders": 1}


def test_another_programs_alembic_database_is_refused(empty_database: str) -> None:
    _run(
        Server(empty_database),
        empty_database,
        "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); "
        "INSERT INTO alembic_version VALUES ('0003'); CREATE TABLE invoices (id int)",
    )
    with pytest.raises(ServerError, match="another program"):
        Workspace.open(empty_database)
    assert _tables(Server(empty_database), empty_database) == {
        "alembic_version": 1,
        "invoices": 0,
    }


def test_a_newer_schema_is_refused_and_left_as_it_was(empty_database: str) -> None:
    Workspace.open(empty_database).close()
    _run(Server(empty_database), empty_database, "UPDATE alembic_version SET version_num = '9999'")
    before = _tables(Server(empty_database), empty_database)
    for read_only in (False, True):
        with pytest.raises(ServerError, match=r"newer crmdesk \(schema 9999\)"):
            Workspace.open(empty_database, read_only=read_only)
    assert _tables(Server(empty_database), empty_database) == before


def test_a_reader_leaves_an_empty_or_older_database_to_a_writer(empty_database: str) -> None:
    with pytest.raises(ServerError, match="empty"):
        Workspace.open(empty_database, read_only=True)
    assert _tables(Server(empty_database), empty_database) == {}
    Workspace.open(empty_database).close()
    _run(Server(empty_database), empty_database, "UPDATE alembic_version SET version_num = '0010'")
    with pytest.raises(WorkspaceOutdated) as outdated:
        Workspace.open(empty_database, read_only=True)
    assert empty_database in str(outdated.value)


def test_a_reader_cannot_write(empty_database: str) -> None:
    Workspace.open(empty_database).close()
    before = _tables(Server(empty_database), empty_database)
    with Workspace.open(empty_database, read_only=True) as workspace:
        with pytest.raises(ServerError, match="reading only"), workspace.reader() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('x', 'y')"))
    assert _tables(Server(empty_database), empty_database) == before


def test_the_command_line_takes_a_server_url(
    empty_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = desk(
        monkeypatch, capsys, "client", "add", "Brûlerie", "--db", empty_database
    )
    assert status == 0, err
    status, out, err = desk(monkeypatch, capsys, "client", "list", "--db", empty_database)
    assert status == 0 and "Brûlerie" in out


def test_a_wrong_server_on_the_command_line_exits_2_with_a_sentence(
    pg_server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = make_url(pg_server.database_url("agency")).set(port=_free_port())
    status, out, err = desk(monkeypatch, capsys, "campaigns", "--db", url.render_as_string())
    assert status == 2 and "cannot be reached" in err and "Traceback" not in err


def test_backup_runs_pg_dump(
    empty_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if backups.pg_dump_program() is None:
        pytest.skip("pg_dump is not installed here")
    Workspace.open(empty_database).close()
    out = tmp_path / "agency.dump"
    status, said, err = desk(monkeypatch, capsys, "backup", "--db", empty_database, "--out", out)
    assert status == 0, err
    assert out.read_bytes().startswith(b"PGDMP")
    assert str(out) in said


def test_backup_without_pg_dump_says_what_to_install(
    empty_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(backups, "pg_dump_program", lambda: None)
    out = tmp_path / "agency.dump"
    status, _said, err = desk(monkeypatch, capsys, "backup", "--db", empty_database, "--out", out)
    assert status == 2 and "postgresql-client" in err
    assert not out.exists()


# -- search: the same campaigns on both engines for French words, with or without accents -------

CAMPAIGNS = (
    ("Fête des mères", "Une idée cadeau pour maman", "Offre spéciale été"),
    ("Soldes d'été", "Jusqu'à -50 % sur la collection", "Dernière démarque"),
    ("Noël gourmand", "Bûche pâtissière et chocolats", "Livraison offerte"),
    ("Rentrée des classes", "Cahiers, stylos et crème solaire", "Prix réduits"),
    ("Newsletter économie", "L'écologie au quotidien", "Événement à Besançon"),
    # Words inside a URL, an e-mail address, a hyphenated name, a version and a decimal:
    # PostgreSQL's parser keeps each of those whole, FTS5 splits them (migration 0013).
    ("Lien boutique", "https://www.maison-dupre.fr/soldes-hiver?utm=mail", "contact@dupre.fr"),
    ("Saint-Étienne v1.2", "Remise de 12,5 % code_promo", "Réf. A/B-42"),
)
QUERIES = (
    "été",
    "ete",
    "fete meres",
    "Fête",
    "noel",
    "NOËL",
    "buche",
    "pâtiss",
    "économ",
    "economie",
    "evenement besancon",
    "creme",
    "soldes ete",
    "offre",
    "cadeau maman",
    "démarque",
    "l'écologie",
    "rien du tout",
    "dupre",
    "hiver",
    "utm mail",
    "contact",
    "www",
    "etienne",
    "saint etienne",
    "v1",
    "12 5",
    "promo",
    "code_promo",
    "42",
)


def _plan_all(workspace: Workspace) -> None:
    from crmdesk.core import clients

    with workspace.session() as session:
        client, _ = clients.create_client(session, "Maison Dupré")
    for number, (name, subject, preheader) in enumerate(CAMPAIGNS):
        plan(
            workspace,
            client,
            date(2027, 1, 4 + number),
            name=name,
            subject=subject,
            preheader=preheader,
        )


def _hits(workspace: Workspace) -> dict[str, list[str]]:
    with workspace.reader() as session:
        return {
            query: sorted(hit.campaign_name for hit in fts.search(session, query))
            for query in QUERIES
        }


def test_search_gives_the_same_campaigns_as_on_a_file(empty_database: str, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "laptop.sqlite") as laptop:
        _plan_all(laptop)
        expected = _hits(laptop)
    with Workspace.open(empty_database) as server:
        _plan_all(server)
        with server.reader() as session:
            assert fts.folds_accents(session)
        found = _hits(server)
    assert found == expected
    assert expected["ete"] == ["Fête des mères", "Soldes d'été"]  # the check is not vacuous
    assert expected["rien du tout"] == []
    assert expected["dupre"] == ["Lien boutique"]
    assert expected["etienne"] == ["Saint-Étienne v1.2"]


def test_search_snippets_mark_the_words(empty_database: str) -> None:
    with Workspace.open(empty_database) as server:
        _plan_all(server)
        with server.reader() as session:
            hits = fts.search(session, "buche")
    assert [hit.campaign_name for hit in hits] == ["Noël gourmand"]
    assert "[Bûche]" in hits[0].snippet
