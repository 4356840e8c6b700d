"""The client's plan as a calendar PDF, printed through the report pipeline and read back with
pypdf: each send's time and subject on its day, the BAT and D+5 marks, a blackout marker and the
public holiday on their days, never an internal note, the ESP or the volume; a quarter is three
pages, one month each."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from crmdesk.core import campaigns, clients, markers
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.render import reports

CLIENT = "Éditions Lumière"
TODAY = date(2026, 12, 2)
SECRET = "SECRET-NOTE-7Q"
#: The sends of the plan: day, time, name, subject ("" for none yet).
SENDS = (
    (date(2027, 1, 7), time(9, 30), "NL janvier", "Trois livres à découvrir"),
    (date(2027, 1, 14), time(10, 0), "Soldes J1", "Soldes d’hiver jusqu’à -50 %"),
    (date(2027, 1, 21), time(18, 0), "Relance soldes", ""),
    (date(2027, 2, 11), time(9, 15), "Saint-Valentin", "Un livre, une déclaration"),
    (date(2027, 3, 4), time(8, 45), "Printemps", "Le printemps des poètes"),
)
BLACKOUT_ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//FR\r\nBEGIN:VEVENT\r\n"
    b"UID:inventaire-2027@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270126\r\n"
    b"DTEND;VALUE=DATE:20270127\r\nSUMMARY:Inventaire annuel\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def seed_plan(workspace: Workspace, *, rate: Decimal | None = Decimal("650")) -> int:
    """A client with five sends over 2027Q1 (internal notes, ESP and volume on each) and a
    blackout day imported from its .ics; returns the client's id."""
    with workspace.session() as session:
        client_id, _ = clients.create_client(session, CLIENT, daily_rate=rate)
        active = clients.add_segment(session, client_id, "Abonnés actifs", 180_000)
        idle = clients.add_segment(session, client_id, "Inactifs", 90_000)
    with workspace.session() as session:
        for day, at, name, subject in SENDS:
            campaigns.create(
                session,
                CampaignInput(
                    client_id=client_id,
                    name=name,
                    send_date=day,
                    send_time=at,
                    segment_ids=(active, idle) if name == "Soldes J1" else (active,),
                    subject=subject,
                    notes=f"{SECRET} marge interne",
                    esp="Brevo",
                    volume=123_457,
                ),
            )
        markers.import_ics(session, BLACKOUT_ICS, source="client.ics", client_id=client_id)
    return client_id


def text_of(document: PdfReader) -> str:
    text = "\n".join(page.extract_text() for page in document.pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def squeezed(text: str) -> str:
    """The text without spaces nor case: headings print in spaced-out capitals."""
    return re.sub(r"\s", "", text).casefold()


def page_text(document: PdfReader, number: int) -> str:
    text = document.pages[number].extract_text()
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def day_cells(document: PdfReader, number: int) -> dict[int, str]:
    """The text of each day's cell on page ``number``: pypdf's pieces placed by position, each
    piece going to the day number printed above and left of it in the grid."""
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            pieces.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    document.pages[number].extract_text(visitor_text=visit)
    # The day numbers: the bold figures at the top left of each cell.
    numbers = [(x, y, int(t)) for x, y, t in pieces if re.fullmatch(r"\d{1,2}", t)]
    cells: dict[int, list[str]] = {}
    for x, y, text in pieces:
        above = [
            (ny - y, x - nx, n) for nx, ny, n in numbers if -1 <= x - nx < 75 and -1 <= ny - y < 100
        ]
        if above:
            _, _, day = min(above)
            cells.setdefault(day, []).append(text)
    return {
        day: " ".join(" ".join(parts).replace("\u202f", " ").split())
        for day, parts in cells.items()
    }


def test_the_month_shows_each_send_on_its_day_with_its_deadlines(
    qapp: QApplication, workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    out = tmp_path / "plan.pdf"
    done = reports.export_client_plan(
        workspace, CLIENT, out, month="2027-01", today=TODAY, language="fr"
    )

    assert done.out == out and done.warnings == ()
    document = PdfReader(out)
    assert len(document.pages) == 1
    text = text_of(document)
    assert "planningdescampagnes" in squeezed(text) and "Janvier 2027" in text
    assert "3 envois" in text
    cells = day_cells(document, 0)
    assert "09:30" in cells[7] and "Trois livres à découvrir" in cells[7]
    assert "Abonnés actifs" in cells[7]
    assert "10:00" in cells[14] and "Soldes d’hiver jusqu’à -50 %" in cells[14]
    assert "Abonnés actifs, Inactifs" in cells[14]
    # No subject yet: the campaign's name stands in.
    assert "18:00" in cells[21] and "Relance soldes" in cells[21]
    # BAT two days before (D-2), the analysis five days after, moved off the weekend.
    assert "BAT Trois livres" in cells[5]
    assert "J+5 Trois livres" in cells[12]
    assert "BAT Soldes d’hiver" in cells[12]
    assert "J+5 Soldes d’hiver" in cells[19] and "BAT Relance soldes" in cells[19]
    assert "J+5 Relance soldes" in cells[26]
    # The blackout marker and the public holiday on their days, and the legend says what.
    assert "Inventaire annuel" in cells[26]
    assert re.search(r"Jour de l.an", cells[1])
    assert "Date à éviter : pas d’envoi" in text
    assert "Horaires exprimés dans le fuseau Europe/Paris." in text
    # Only what the client may see.
    assert SECRET not in text and "Brevo" not in text
    assert "123" not in re.sub(r"\d{1,2}:\d{2}", "", text).replace("2027", "")


def test_the_english_month_speaks_english(
    qapp: QApplication, workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    out = tmp_path / "plan.pdf"
    reports.export_client_plan(workspace, CLIENT, out, month="2027-01", today=TODAY, language="en")

    text = text_of(PdfReader(out))
    assert "campaignplan" in squeezed(text)
    assert "January 2027" in text and "3 sends" in text
    assert (
        "monday" in squeezed(text)
        and "sunday" in squeezed(text)
        and re.search(r"New Year.s Day", text)
    )
    assert "D+5: results analysis" in text and "Blackout date: no send" in text
    assert "lundi" not in squeezed(text) and "Envoi" not in text and SECRET not in text


def test_the_quarter_is_one_month_per_page(
    qapp: QApplication, workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    out = tmp_path / "quarter.pdf"
    reports.export_client_plan(workspace, CLIENT, out, quarter="2027Q1", today=TODAY, language="fr")

    document = PdfReader(out)
    assert len(document.pages) == 3
    assert "T1 2027" in page_text(document, 0) and "5 envois" in page_text(document, 0)
    for number, (month, sends, subject) in enumerate(
        (
            ("Janvier 2027", "3 envois", "Trois livres à découvrir"),
            ("Février 2027", "1 envoi", "Un livre, une déclaration"),
            ("Mars 2027", "1 envoi", "Le printemps des poètes"),
        )
    ):
        text = page_text(document, number)
        assert squeezed(f"{month}{sends}") in squeezed(text)
        assert subject in text
        assert f"Page {number + 1} / 3" in text
    assert "09:15" in day_cells(document, 1)[11]
    assert SECRET not in text_of(document)


def test_bad_periods_and_clients_are_refused_before_anything_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    seed_plan(workspace)
    out = tmp_path / "plan.pdf"
    for month, quarter in (("2027-13", None), ("janvier", None), (None, "2027Q5"), (None, None)):
        with pytest.raises(ValidationError):
            reports.export_client_plan(
                workspace, CLIENT, out, month=month, quarter=quarter, today=TODAY, language="fr"
            )
    with pytest.raises(ValidationError):
        reports.export_client_plan(
            workspace, CLIENT, out, month="2027-01", quarter="2027Q1", today=TODAY, language="fr"
        )
    with pytest.raises(NotFound):
        reports.export_client_plan(
            workspace, "Nobody", out, month="2027-01", today=TODAY, language="fr"
        )
    assert not out.exists()
