"""Several people at once (issue 22): row versions, stale edits refused with who and what,
the merge of a reloaded edit, undo only of one's own change, and other processes told of a
commit. The two-process tests run on both engines: on SQLite the file lock lets one writer in
at a time (readers beside it), on PostgreSQL both write at once."""

from __future__ import annotations

import multiprocessing
import socket
import sqlite3
import threading
import time as clock
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from crmdesk.core import campaigns, clients, concurrency, migrate, operators
from crmdesk.core.briefs import service as briefs
from crmdesk.core.changes import Changes
from crmdesk.core.concurrency import StaleEdit
from crmdesk.core.db import Workspace, make_engine
from crmdesk.core.errors import WorkspaceLocked
from crmdesk.core.models import Campaign
from tests.cli.runs import desk
from tests.conftest import Server, on_postgresql, plan

DAY = date(2027, 3, 18)


@pytest.fixture
def campaign_id(workspace: Workspace, client_id: int) -> int:
    with workspace.session() as session:
        operators.save_profile(session, operators.ProfileInput("Camille Moreau"))
    return plan(workspace, client_id, DAY, name="Soldes de printemps", subject="Les soldes")


def _as_someone_else(workspace: Workspace, name: str) -> None:
    """A second profile, taken as "me" by this computer from now on."""
    with workspace.session() as session:
        operators.save_profile(session, operators.ProfileInput(name))


# -- versions and who -------------------------------------------------------------------------


def test_each_save_counts_the_version_up_and_says_who_and_when(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.reader() as session:
        data, version = campaigns.load_versioned(session, campaign_id)
        row = session.get(Campaign, campaign_id)
        assert row is not None and row.changed_by == "Camille Moreau"
    assert version == 1
    with workspace.session() as session:
        campaigns.update(session, campaign_id, replace(data, subject="-30 %"))
    with workspace.reader() as session:
        assert campaigns.load_versioned(session, campaign_id)[1] == 2
        assert concurrency.version_of(session, "campaign", campaign_id) == 2
        row = session.get(Campaign, campaign_id)
        assert row is not None and row.changed_at is not None


def test_changing_only_the_segments_moves_the_version_on(
    workspace: Workspace, campaign_id: int, segment_ids: list[int]
) -> None:
    with workspace.reader() as session:
        data, version = campaigns.load_versioned(session, campaign_id)
    with workspace.session() as session:
        campaigns.update(session, campaign_id, replace(data, segment_ids=(segment_ids[0],)))
    with workspace.reader() as session:
        assert campaigns.load_versioned(session, campaign_id)[1] == version + 1


# -- stale edits refused --------------------------------------------------------------------


def test_a_stale_campaign_edit_is_refused_with_what_who_and_when(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.reader() as session:
        mine, version = campaigns.load_versioned(session, campaign_id)
    _as_someone_else(workspace, "Léa Martin")
    with workspace.session() as session:
        campaigns.update(session, campaign_id, replace(mine, subject="Dernière démarque"))
    with pytest.raises(StaleEdit) as refused, workspace.session() as session:
        campaigns.update(
            session,
            campaign_id,
            replace(mine, name="Soldes d'été"),
            expected_version=version,
            started_from=mine,
        )
    stale = refused.value
    assert (stale.kind, stale.row_id, stale.name) == (
        "campaign",
        campaign_id,
        "Soldes de printemps",
    )
    assert [(f.field, f.value) for f in stale.fields] == [("subject", "Dernière démarque")]
    assert stale.changed_by == "Léa Martin" and stale.changed_at is not None
    assert stale.version == version + 1
    assert "Léa Martin" in stale.message and "Subject is now «" in stale.message
    assert "Dernière démarque" in stale.message and "Nothing was saved" in stale.message
    with workspace.reader() as session:
        assert campaigns.load(session, campaign_id).name == "Soldes de printemps"


def test_callers_without_a_version_save_as_before(workspace: Workspace, campaign_id: int) -> None:
    with workspace.reader() as session:
        mine = campaigns.load(session, campaign_id)
    with workspace.session() as session:
        campaigns.update(session, campaign_id, replace(mine, subject="Un"))
    with workspace.session() as session:
        campaigns.update(session, campaign_id, replace(mine, subject="Deux"))
        campaigns.reschedule(session, campaign_id, date(2027, 3, 19))
    with workspace.reader() as session:
        saved = campaigns.load(session, campaign_id)
    assert (saved.subject, saved.send_date) == ("Deux", date(2027, 3, 19))


def test_a_stale_reschedule_is_refused(workspace: Workspace, campaign_id: int) -> None:
    with workspace.session() as session:
        campaigns.reschedule(session, campaign_id, date(2027, 3, 19))
    with pytest.raises(StaleEdit), workspace.session() as session:
        campaigns.reschedule(session, campaign_id, date(2027, 3, 25), expected_version=1)
    with workspace.reader() as session:
        assert campaigns.load(session, campaign_id).send_date == date(2027, 3, 19)


def test_stale_client_segment_and_charter_edits_are_refused(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    with workspace.reader() as session:
        mine, version = clients.client_input_versioned(session, client_id)
        charters = clients.charters(session, client_id)
        segment_version = concurrency.version_of(session, "segment", segment_ids[0])
    with workspace.session() as session:
        clients.update_client(session, client_id, replace(mine, pressure_cap=4))
        clients.update_segment(session, segment_ids[0], "Abonnés fidèles", 10)
    with pytest.raises(StaleEdit) as refused, workspace.session() as session:
        clients.update_client(
            session,
            client_id,
            replace(mine, colour="#ff0000"),
            expected_version=version,
            started_from=mine,
        )
    assert [(f.field, f.value) for f in refused.value.fields] == [("pressure_cap", 4)]
    with pytest.raises(StaleEdit), workspace.session() as session:
        clients.update_charters(
            session, client_id, replace(charters, tone="vous"), expected_version=version
        )
    with pytest.raises(StaleEdit) as segment, workspace.session() as session:
        clients.update_segment(
            session, segment_ids[0], "Actifs", 5, expected_version=segment_version
        )
    assert segment.value.name == "Abonnés fidèles"
    with workspace.reader() as session:
        assert clients.client_input(session, client_id).colour != "#ff0000"
        assert clients.charters(session, client_id).tone == ""


def test_a_stale_brief_is_refused_but_dates_that_follow_the_campaign_are_not_a_conflict(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.session() as session:
        briefs.save(session, campaign_id, briefs.load(session, campaign_id).content, "first")
    with workspace.reader() as session:
        state = briefs.load(session, campaign_id)
    assert state.row_version == 1
    with workspace.session() as session:  # someone drags the campaign: the brief's dates follow
        campaigns.reschedule(session, campaign_id, date(2027, 3, 25))
    mine = replace(state.content, key_message="Tout à -50 %")
    with workspace.session() as session:
        briefs.save(
            session, campaign_id, mine, "mine", expected_version=1, started_from=state.content
        )
    with workspace.reader() as session:
        state = briefs.load(session, campaign_id)
    with workspace.session() as session:
        other = replace(state.content, target="Clientes fidèles")
        briefs.save(session, campaign_id, other, "theirs")
    with pytest.raises(StaleEdit) as refused, workspace.session() as session:
        briefs.save(
            session,
            campaign_id,
            replace(state.content, offer="Livraison offerte"),
            "mine-again",
            expected_version=state.row_version,
            started_from=state.content,
        )
    assert [f.field for f in refused.value.fields] == ["target"]
    assert refused.value.message.startswith("The brief of “Soldes de printemps”")
    with workspace.reader() as session:
        assert briefs.load(session, campaign_id).content.offer == ""


# -- reload and reapply -----------------------------------------------------------------------


def test_merge_puts_my_changes_on_the_current_row_and_names_real_conflicts() -> None:
    start = campaigns.CampaignInput(1, "Soldes", DAY, time(10), subject="A", notes="n")
    mine = replace(start, name="Soldes d'été", subject="Mon objet")
    theirs = replace(start, subject="Leur objet", preheader="Leur pré-en-tête")
    merged = concurrency.merge(start, mine, theirs)
    assert merged.value == replace(theirs, name="Soldes d'été", subject="Mon objet")
    assert merged.conflicts == ("subject",)
    client = clients.ClientInput("Maison Verlaine")
    merged_client = concurrency.merge(
        client, replace(client, pressure_cap=5), replace(client, colour="#db2777")
    )
    assert merged_client.value == replace(client, pressure_cap=5, colour="#db2777")
    assert merged_client.conflicts == ()


# -- undo only one's own change -----------------------------------------------------------------


def test_moved_on_says_who_changed_the_row_since_my_change(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.session() as session:
        data = campaigns.load(session, campaign_id)
        campaigns.update(session, campaign_id, replace(data, subject="Le mien"))
        after_mine = concurrency.version_of(session, "campaign", campaign_id)
    with workspace.reader() as session:
        assert concurrency.moved_on(session, "campaign", campaign_id, after_mine) is None
    _as_someone_else(workspace, "Léa Martin")
    with workspace.session() as session:
        campaigns.update(session, campaign_id, replace(data, subject="Le sien"))
    with workspace.reader() as session:
        moved = concurrency.moved_on(session, "campaign", campaign_id, after_mine)
    assert moved is not None and moved.changed_by == "Léa Martin"
    assert moved.version == after_mine + 1
    with workspace.session() as session:
        campaigns.delete_campaign(session, campaign_id)
    with workspace.reader() as session:
        gone = concurrency.moved_on(session, "campaign", campaign_id, after_mine)
    assert gone is not None and gone.gone and "deleted" in gone.message


# -- the migration ----------------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="builds a workspace file at revision 0011 with SQL")
def test_0012_keeps_the_rows_of_a_0011_workspace_at_version_1(tmp_path: Path) -> None:
    path = tmp_path / "agency.sqlite"
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target="0011")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO clients (name, colour, sender_name, sender_address, utm_convention, "
            "pressure_cap, brief_offset_days, bat_offset_days, analysis_offset_days, timezone, "
            "mention_required, tone, banned_words, required_mentions, palette, mail_clients, "
            "ab_confidence, logo_path, created_at) VALUES ('Maison Verlaine', '#db2777', '', "
            "'', '', 2, 10, 2, 5, 'Europe/Paris', 0, '', '[]', '[]', '[]', '[]', 0.95, '', "
            "'2026-01-05 09:00:00')"
        )
        con.execute(
            "INSERT INTO campaigns (client_id, name, channel, type, status, planned_send_at, "
            "send_timezone, volume, subject, preheader, esp, notes, created_at, updated_at) "
            "VALUES (1, 'Soldes', 'email', 'promo', 'draft', '2026-03-19 09:00:00', "
            "'Europe/Paris', 0, 'Objet', '', '', '', '2026-01-05 09:00:00', "
            "'2026-01-05 09:00:00')"
        )
    with Workspace.open(path) as workspace:
        assert workspace.migration.from_revision == "0011"
        with workspace.reader() as session:
            data, version = campaigns.load_versioned(session, 1)
            assert (data.name, data.subject, version) == ("Soldes", "Objet", 1)
            assert clients.client_input_versioned(session, 1)[1] == 1
            row = session.get(Campaign, 1)
            assert row is not None and (row.changed_by, row.changed_at) == ("", None)
        with workspace.session() as session:
            campaigns.update(session, 1, replace(data, subject="Nouveau"), expected_version=1)
        with workspace.reader() as session:
            assert campaigns.load_versioned(session, 1)[1] == 2


# -- the command line ---------------------------------------------------------------------------


def test_the_cli_shows_the_version_and_refuses_a_stale_edit(
    workspace_path: Path | str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Workspace.open(workspace_path) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verlaine")
        campaign = plan(workspace, client, DAY, name="Soldes")
    status, out, _ = desk(
        monkeypatch, capsys, "campaign", "show", campaign, "--db", workspace_path, "--json"
    )
    assert status == 0 and '"version": 1' in out
    status, out, _ = desk(
        monkeypatch,
        capsys,
        "campaign",
        "edit",
        campaign,
        "--db",
        workspace_path,
        "--subject",
        "Premier",
        "--expect-version",
        "1",
    )
    assert status == 0 and "version 2" in out
    status, _, err = desk(
        monkeypatch,
        capsys,
        "campaign",
        "edit",
        campaign,
        "--db",
        workspace_path,
        "--subject",
        "Second",
        "--expect-version",
        "1",
    )
    assert status == 2
    assert "was changed by" in err and "now version 2" in err and "nothing was saved" in err
    status, _, err = desk(
        monkeypatch,
        capsys,
        "campaign",
        "edit",
        campaign,
        "--db",
        workspace_path,
        "--notes",
        "x",
        "--expect-version",
        "1",
        lang="fr_FR.UTF-8",
    )
    assert status == 2 and "rien n’a été enregistré" in err
    status, out, _ = desk(monkeypatch, capsys, "campaign", "show", campaign, "--db", workspace_path)
    assert "Version 2" in out


# -- two processes at once ----------------------------------------------------------------------


def _writer(location: Path | str) -> Workspace:
    """The workspace for writing: on a file, wait for the other process's lock."""
    deadline = clock.monotonic() + 60
    while True:
        try:
            return Workspace.open(location, create=False)
        except WorkspaceLocked:
            if clock.monotonic() > deadline:
                raise
            clock.sleep(0.02)


def _reader(location: Path | str) -> Workspace:
    return Workspace.open(location, read_only=True)


def _editor(
    location: str,
    data_dir: str,
    campaign_id: int,
    who: str,
    fields: dict[str, str],
    brief_field: str,
    barrier: Any,
    results: Any,
) -> None:
    """One person: load the campaign and its brief, wait for the other, save with the version;
    when refused, reload, reapply (the merge; the notes line added again) and save again."""
    import os

    os.environ["CRMDESK_DATA_DIR"] = data_dir
    target: Path | str = location if "://" in location else Path(location)
    line = f"{who} est passé"

    with _reader(target) as workspace, workspace.reader() as session:
        base, version = campaigns.load_versioned(session, campaign_id)
        state = briefs.load(session, campaign_id)
    edited = replace(base, **fields, notes=f"{base.notes}\n{line}".strip())
    barrier.wait()
    told = []
    for _attempt in range(10):
        brief = replace(state.content, **{brief_field: f"{who} : {brief_field}"})
        brief = replace(brief, notes=f"{state.content.notes}\n{line}".strip())
        try:
            with _writer(target) as workspace, workspace.session() as session:
                campaigns.update(
                    session, campaign_id, edited, expected_version=version, started_from=base
                )
                briefs.save(
                    session,
                    campaign_id,
                    brief,
                    who,
                    expected_version=state.row_version,
                    started_from=state.content,
                )
        except StaleEdit as stale:
            told.append((stale.kind, stale.changed_by, [f.field for f in stale.fields]))
            with _reader(target) as workspace, workspace.reader() as session:
                current, version = campaigns.load_versioned(session, campaign_id)
                merged = concurrency.merge(base, edited, current)
                assert set(fields) <= set(merged.value.__dataclass_fields__)
                # Both added a line to the notes (a real conflict): mine is added again.
                assert merged.conflicts == ("notes",)
                edited = replace(merged.value, notes=f"{current.notes}\n{line}")
                base = current
                state = briefs.load(session, campaign_id)
            continue
        results.put((who, told))
        return
    results.put((who, ["gave up", *told]))


def test_two_processes_editing_one_campaign_and_its_brief_lose_nothing(
    workspace_path: Path | str, data_dir: Path
) -> None:
    with Workspace.open(workspace_path) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verlaine")
        campaign_id = plan(workspace, client, DAY, name="Soldes de printemps")
        with workspace.session() as session:
            briefs.save(session, campaign_id, briefs.load(session, campaign_id).content, "start")
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    people = [
        ("Camille", {"subject": "Objet de Camille"}, "key_message"),
        ("Léa", {"preheader": "Pré-en-tête de Léa"}, "target"),
    ]
    processes = [
        context.Process(
            target=_editor,
            args=(
                str(workspace_path),
                str(data_dir),
                campaign_id,
                who,
                fields,
                brief_field,
                barrier,
                results,
            ),
        )
        for who, fields, brief_field in people
    ]
    for process in processes:
        process.start()
    told = dict(results.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    # One won at once; the other was told, reloaded and reapplied.
    assert sorted(len(t) for t in told.values()) == [0, 1], told
    loser = next(who for who, t in told.items() if t)
    assert told[loser][0][0] == "campaign"
    with Workspace.open(workspace_path) as workspace, workspace.reader() as session:
        final = campaigns.load(session, campaign_id)
        brief = briefs.load(session, campaign_id).content
    assert final.subject == "Objet de Camille" and final.preheader == "Pré-en-tête de Léa"
    assert "Camille est passé" in final.notes and "Léa est passé" in final.notes
    assert brief.key_message == "Camille : key_message" and brief.target == "Léa : target"
    assert "Camille est passé" in brief.notes and "Léa est passé" in brief.notes


# -- PostgreSQL: the race between read and flush, and the change notification ------------------


@pytest.fixture
def server_workspace(pg_server: Server, workspace_path: Path | str) -> Iterator[str]:
    """The test's workspace, which is a database on the server (the tests below need one)."""
    if not on_postgresql():
        pytest.skip("needs PostgreSQL: set CRMDESK_TEST_DATABASE_URL (scripts/pg-test-server.sh)")
    yield str(workspace_path)


def test_two_writers_racing_between_read_and_flush_end_in_a_stale_edit(
    server_workspace: str, data_dir: Path
) -> None:
    with Workspace.open(server_workspace) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verlaine")
        campaign = plan(workspace, client, DAY, name="Soldes")
        with workspace.session() as session:
            operators.save_profile(session, operators.ProfileInput("Léa Martin"))
        with pytest.raises(StaleEdit) as refused, workspace.session() as mine:
            row = mine.get(Campaign, campaign)  # read at version 1
            assert row is not None
            with workspace.session() as theirs:  # another writer commits in between
                data = campaigns.load(theirs, campaign)
                campaigns.update(theirs, campaign, replace(data, subject="Le leur"))
            row.notes = "le mien"
            mine.flush()
        assert refused.value.changed_by == "Léa Martin"
        assert ("subject", "Le leur") in [(f.field, f.value) for f in refused.value.fields]
        with workspace.reader() as session:
            assert campaigns.load(session, campaign).notes == ""


def test_another_process_commit_reaches_the_listener(
    server_workspace: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(server_workspace) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verlaine")
        campaign = plan(workspace, client, DAY, name="Soldes")
    heard: list[Changes] = []
    arrived = threading.Event()

    def on_changes(changes: Changes) -> None:
        heard.append(changes)
        arrived.set()

    listener = concurrency.ChangeListener(server_workspace, on_changes).start()
    try:
        assert listener.wait_listening()
        with Workspace.open(server_workspace) as workspace, workspace.session() as session:
            data = campaigns.load(session, campaign)
            campaigns.update(session, campaign, replace(data, subject="Vu ailleurs"))
        clock.sleep(1.0)
        assert heard == []  # this process's own write: it already knows
        from tests.cli.runs import crmdesk

        done = crmdesk(
            "campaign",
            "edit",
            campaign,
            "--db",
            server_workspace,
            "--subject",
            "Autre",
            data_dir=data_dir,
        )
        assert done.returncode == 0, done.stderr
        assert arrived.wait(15)
    finally:
        listener.stop()
    assert heard[0].campaigns and heard[0].campaign_ids == frozenset({campaign})


def test_the_listener_says_when_the_server_is_gone_and_never_raises(data_dir: Path) -> None:
    pytest.importorskip("psycopg", reason="the PostgreSQL driver is an optional extra")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://crmdesk@127.0.0.1:{port}/nowhere"
    said: list[tuple[bool, str]] = []
    listener = concurrency.ChangeListener(
        url, lambda _c: None, lambda up, s: said.append((up, s)), retry_seconds=0.1
    ).start()
    deadline = clock.monotonic() + 15
    while not said and clock.monotonic() < deadline:
        clock.sleep(0.05)
    listener.stop()
    assert said and said[0][0] is False and "retrying" in said[0][1]
    assert not listener._thread.is_alive()
