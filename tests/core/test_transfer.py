"""``crmdesk migrate-to``: a whole workspace copied into an empty one on the other engine, every
table identical, or nothing written."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from crmdesk.core import fts, transfer
from crmdesk.core.db import Workspace
from crmdesk.core.models import BatBlob, Campaign
from tests.cli.runs import desk
from tests.conftest import Server


def _value(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _dump(workspace: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every copied table's rows, ordered by primary key, as the models read them."""
    with workspace.reader() as session:
        dumped = {
            table.name: [
                tuple(_value(v) for v in row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns)).all()
            ]
            for table in transfer.tables()
        }
        dumped[fts.TABLE] = [
            tuple(row)
            for row in session.execute(
                text(f"SELECT rowid, campaign_id, field, body FROM {fts.TABLE} ORDER BY rowid")
            ).all()
        ]
    return dumped


def _folded(words: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", words.casefold()) if not unicodedata.combining(c)
    )


def _queries(workspace: Workspace) -> list[str]:
    """Words the demo's briefs hold, one with an accent, as a user would type them; none that
    also appears inside a link, which PostgreSQL's parser reads as one word (``/newsletter-août``)
    where FTS5 reads two: an engine's difference, not the copy's."""
    with workspace.reader() as session:
        bodies = session.scalars(text(f"SELECT body FROM {fts.TABLE} ORDER BY rowid")).all()
    linked = _folded(" ".join(body for body in bodies if "http" in body or "www" in body))
    words = [
        w
        for body in bodies
        for w in re.findall(r"\w{5,}", body)
        if "http" not in body and _folded(w) not in linked
    ]
    accented = next(w for w in words if re.search(r"[éèàêç]", w))
    return [words[0], words[len(words) // 2], accented, accented.upper()[:4]]


def _hits(workspace: Workspace, query: str) -> set[tuple[int, str]]:
    with workspace.reader() as session:
        return {(hit.campaign_id, hit.field) for hit in fts.search(session, query, limit=10_000)}


def _counts(workspace: Workspace) -> dict[str, int]:
    with workspace.reader() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in transfer.tables()
        }


def _copy(source: Path | str, target: Path | str) -> transfer.CopyReport:
    with Workspace.open(source) as opened, Workspace.open(target) as empty:
        return transfer.copy_workspace(opened, empty)


def test_demo_copied_into_a_new_file_is_identical(demo_path: Path | str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    seen: list[tuple[str, int]] = []
    with Workspace.open(demo_path) as demo_ws, Workspace.open(copy) as target:
        report = transfer.copy_workspace(demo_ws, target, progress=lambda t, n: seen.append((t, n)))
        before, queries = _dump(demo_ws), _queries(demo_ws)
        hits = {query: _hits(demo_ws, query) for query in queries}
    assert [name for name, _n in seen] == [t.name for t in report.tables]
    assert report.rows == sum(len(rows) for rows in before.values())
    assert len(before[Campaign.__tablename__]) > 100 and before[BatBlob.__tablename__]
    with Workspace.open(copy) as copied:
        after = _dump(copied)
        for name in before:
            assert after[name] == before[name], name
        for query in queries:
            assert _hits(copied, query) == hits[query], query
            assert hits[query], query


def test_demo_to_postgresql_and_back_is_identical(
    demo_path: Path | str, pg_server: Server, tmp_path: Path
) -> None:
    """demo → file → server → file: each copy identical table by table, BAT blobs byte for byte,
    and search finds the same campaigns on the server as in the files."""
    first, back = tmp_path / "laptop.sqlite", tmp_path / "back.sqlite"
    server = pg_server.create("transfer")
    try:
        _copy(demo_path, first)
        report = _copy(first, server)
        _copy(server, back)
        with Workspace.open(demo_path) as demo_ws:
            reference, queries = _dump(demo_ws), _queries(demo_ws)
            hits = {query: _hits(demo_ws, query) for query in queries}
        blobs = reference[BatBlob.__tablename__]
        assert blobs and all(isinstance(row[-1], bytes) for row in blobs)
        assert report.rows == sum(len(rows) for rows in reference.values())
        for copy in (first, server, back):
            with Workspace.open(copy) as copied:
                dumped = _dump(copied)
                for name in reference:
                    assert dumped[name] == reference[name], (copy, name)
                for query in queries:
                    assert _hits(copied, query) == hits[query], (copy, query)
        with Workspace.open(server) as on_server, on_server.session() as session:
            # The sequences followed the copied ids: a new campaign takes the next one.
            newest = session.scalar(select(func.max(Campaign.id)))
            nextval = session.execute(
                text("SELECT nextval(pg_get_serial_sequence('campaigns', 'id'))")
            ).scalar_one()
            assert nextval == (newest or 0) + 1
            session.rollback()
    finally:
        pg_server.drop(server)


def test_a_target_that_is_not_empty_is_refused_and_left_as_it_was(
    demo_path: Path | str, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite"
    _copy(demo_path, copy)
    with Workspace.open(copy) as copied:
        before = _dump(copied)
    with pytest.raises(transfer.CopyRefused, match="not empty"):
        _copy(demo_path, copy)
    with Workspace.open(copy) as copied:
        assert _dump(copied) == before


def _reject_blobs(target: Workspace) -> None:
    """Make the target's ``bat_blobs`` refuse every row, as a full disk or a constraint would
    midway through the copy."""
    with target.engine.begin() as connection:
        if target.dialect == "postgresql":
            connection.execute(
                text(
                    "CREATE FUNCTION no_blobs() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    "BEGIN RAISE EXCEPTION 'no room for blobs'; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER no_blobs BEFORE INSERT ON bat_blobs "
                    "FOR EACH ROW EXECUTE FUNCTION no_blobs()"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE TRIGGER no_blobs BEFORE INSERT ON bat_blobs "
                    "BEGIN SELECT RAISE(ABORT, 'no room for blobs'); END"
                )
            )


def _alter_clients(target: Workspace) -> None:
    """Make the target change every client's name as it is written: the check must see it."""
    with target.engine.begin() as connection:
        if target.dialect == "postgresql":
            connection.execute(
                text(
                    "CREATE FUNCTION alter_clients() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    "BEGIN NEW.name := NEW.name || '!'; RETURN NEW; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER alter_clients BEFORE INSERT ON clients "
                    "FOR EACH ROW EXECUTE FUNCTION alter_clients()"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE TRIGGER alter_clients AFTER INSERT ON clients "
                    "BEGIN UPDATE clients SET name = name || '!' WHERE id = NEW.id; END"
                )
            )


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    ("sabotage", "said"),
    [
        (_reject_blobs, "stopped at the table bat_blobs .*no room for blobs.*left empty"),
        (_alter_clients, "table clients does not match its source.*left empty"),
    ],
    ids=["rejected", "altered"],
)
def test_a_copy_failing_midway_leaves_the_target_empty(
    engine: str,
    sabotage: Any,
    said: str,
    demo_path: Path | str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    server: Server | None = request.getfixturevalue("pg_server") if engine == "postgresql" else None
    target_at: Path | str = tmp_path / "copy.sqlite" if server is None else server.create("broken")
    try:
        with Workspace.open(demo_path) as demo_ws, Workspace.open(target_at) as target:
            sabotage(target)
            with pytest.raises(transfer.CopyFailed, match=re.compile(said, re.DOTALL)):
                transfer.copy_workspace(demo_ws, target)
            counts = _counts(target)
            assert set(counts.values()) == {0}, counts
            with target.reader() as session:
                assert session.execute(text(f"SELECT count(*) FROM {fts.TABLE}")).scalar_one() == 0
    finally:
        if server is not None:
            server.drop(str(target_at))


def test_the_command_copies_says_so_and_refuses_a_second_time(
    demo_path: Path | str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy = tmp_path / "copy.sqlite"
    status, out, err = desk(monkeypatch, capsys, "migrate-to", copy, "--db", demo_path)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert "bat_blobs\t" in out and "campaigns\t" in out
    rows = sum(int(line.split("\t")[1]) for line in lines[:-1])
    assert lines[-1].startswith(f"Copied and checked: {rows} rows in {len(lines) - 1} tables")
    again = desk(monkeypatch, capsys, "migrate-to", copy, "--db", demo_path, lang="fr_FR.UTF-8")
    assert again[0] == 2 and again[1] == ""
    assert "not empty" in again[2]
    with Workspace.open(copy) as copied:
        assert _counts(copied)[Campaign.__tablename__] > 100


def test_the_command_says_in_one_sentence_that_the_server_cannot_be_reached(
    demo_path: Path | str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = "postgresql://crmdesk@127.0.0.1:1/agency"
    status, out, err = desk(monkeypatch, capsys, "migrate-to", nowhere, "--db", demo_path)
    assert (status, out) == (2, "")
    assert err.startswith("crmdesk: The PostgreSQL server cannot be reached")
