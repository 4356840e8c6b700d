"""`crmdesk markers` as a user runs it: list, delete and switch blackout on the markers an .ics
import made, on a real workspace file."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from crmdesk.core import clients, markers
from crmdesk.core.db import Workspace
from crmdesk.core.models import CalendarMarker
from tests.cli.runs import desk

NBSP = "\u00a0"

SALES = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//client//EN\r\n"
    "BEGIN:VEVENT\r\nUID:sales-2027@client\r\nSUMMARY:Soldes d'hiver\r\n"
    "DTSTART;VALUE=DATE:20270112\r\nDTEND;VALUE=DATE:20270115\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:fair@client\r\nSUMMARY:Salon\r\nDTSTART;VALUE=DATE:20270302\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
HOLIDAYS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agency//EN\r\n"
    "BEGIN:VEVENT\r\nUID:new-year@agency\r\nSUMMARY:Jour de l'an\r\n"
    "DTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)

STOCKTAKE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//brume//EN\r\n"
    "BEGIN:VEVENT\r\nUID:stocktake@brume\r\nSUMMARY:Inventaire\r\n"
    "DTSTART;VALUE=DATE:20270120\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def db(workspace_path: Path) -> Path:
    """Maison Verne's sales (12-14 January 2027, blackout) and trade fair (2 March, shown
    only), another client's, and New Year's Day every year for all clients (blackout).
    Marker ids: 1 the sales, 2 the fair, 3 New Year, 4 the other client's."""
    with Workspace.open(workspace_path) as workspace, workspace.session() as session:
        verne, _ = clients.create_client(session, "Maison Verne", daily_rate=Decimal("450"))
        brume, _ = clients.create_client(session, "Atelier Brume")
        markers.import_ics(session, SALES.encode(), source="soldes.ics", client_id=verne)
        markers.set_blackout(session, 2, False)
        markers.import_ics(session, HOLIDAYS.encode(), source="feries.ics")
        markers.import_ics(session, STOCKTAKE.encode(), source="brume.ics", client_id=brume)
    return workspace_path


def stored(db: Path) -> list[tuple[object, ...]]:
    """Every marker in the file: (id, summary, blackout)."""
    with Workspace.open(db) as workspace, workspace.reader() as session:
        rows = session.execute(
            select(CalendarMarker.id, CalendarMarker.summary, CalendarMarker.blackout).order_by(
                CalendarMarker.id
            )
        ).all()
    return [tuple(row) for row in rows]


def test_the_list_shows_days_clients_and_blackouts(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [row[:2] for row in stored(db)] == [
        (1, "Soldes d'hiver"),
        (2, "Salon"),
        (3, "Jour de l'an"),
        (4, "Inventaire"),
    ]
    status, out, err = desk(monkeypatch, capsys, "markers", "list", "--db", db,
                            "--client", "maison verne")  # fmt: skip
    assert status == 0, err
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert lines == [
        "3 2027-01-01 → … all clients blackout, repeats Jour de l'an",
        "1 2027-01-12 → 2027-01-14 Maison Verne blackout Soldes d'hiver",
        "2 2027-03-02 Maison Verne Salon",
    ]  # not Atelier Brume's inventory
    status, out, _ = desk(monkeypatch, capsys, "markers", "list", "--db", db, "--json")
    listed = json.loads(out)
    assert [m["id"] for m in listed] == [3, 1, 4, 2]
    assert listed[0] == {
        "id": 3,
        "client_id": None,
        "client": None,
        "summary": "Jour de l'an",
        "starts_on": "2027-01-01",
        "ends_on": None,
        "all_day": True,
        "blackout": True,
        "recurring": True,
        "source": "feries.ics",
    }
    assert (listed[1]["ends_on"], listed[1]["client"], listed[3]["blackout"]) == (
        "2027-01-14",
        "Maison Verne",
        False,
    )
    status, out, _ = desk(monkeypatch, capsys, "markers", "list", "--db", db, lang="fr_FR.UTF-8")
    assert " ".join(out.splitlines()[0].split()) == (
        "3 01/01/2027 → … tous les clients date bloquée, répétée Jour de l'an"
    )


def test_blackout_is_switched_off_and_on(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = desk(monkeypatch, capsys, "markers", "blackout", "--db", db, 1, "--off")
    assert status == 0, err
    assert out.strip() == (
        "Marker 1 “Soldes d'hiver” is no longer a blackout date: sends are not warned."
    )
    assert stored(db)[0] == (1, "Soldes d'hiver", False)
    status, out, _ = desk(monkeypatch, capsys, "markers", "blackout", "--db", db, 2, "--on",
                          lang="fr_FR.UTF-8")  # fmt: skip
    assert status == 0
    assert out.strip() == (
        f"Le repère 2 «{NBSP}Salon{NBSP}» est une date bloquée{NBSP}: les envois ces jours-là "
        "sont signalés."
    )
    assert stored(db)[1] == (2, "Salon", True)


def test_markers_are_deleted_and_an_unknown_id_deletes_none(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stored(db)
    status, out, err = desk(monkeypatch, capsys, "markers", "delete", "--db", db, 1, 99, 2)
    assert status == 2 and out == ""
    assert "No calendar marker with id 99" in err and "nothing was deleted" in err
    assert stored(db) == before
    status, out, err = desk(monkeypatch, capsys, "markers", "delete", "--db", db, 2, 1, 2)
    assert status == 0, err
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert lines == ["2 markers deleted", "1 2027-01-12 → 2027-01-14 Soldes d'hiver",
                     "2 2027-03-02 Salon"]  # fmt: skip
    assert [row[0] for row in stored(db)] == [3, 4]
    status, out, _ = desk(monkeypatch, capsys, "markers", "delete", "--db", db, 3,
                          lang="fr_FR.UTF-8")  # fmt: skip
    assert out.splitlines()[0] == "1 repère supprimé"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("blackout", 99, "--on"), "No calendar marker with id 99"),
        (("blackout", 1), "one of the arguments --on --off is required"),
        (("blackout", 1, "--on", "--off"), "not allowed with argument"),
        (("delete", "x"), "invalid int value"),
        (("list", "--client", "Nobody"), "No client named “Nobody”"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[object, ...],
    said: str,
) -> None:
    before = stored(db)
    action, *rest = args
    status, out, err = desk(monkeypatch, capsys, "markers", action, "--db", db, *rest)
    assert status == 2 and out == ""
    assert said in err and "Traceback" not in err
    assert stored(db) == before


def test_an_unknown_marker_is_said_in_french(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = desk(monkeypatch, capsys, "markers", "blackout", "--db", db, 42, "--off",
                          lang="fr_FR.UTF-8")  # fmt: skip
    assert status == 2
    assert "Aucun repère du calendrier n’a l’id 42" in err and "rien n’a été modifié" in err
