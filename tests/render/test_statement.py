"""The activity statement printed through the report pipeline and read back with pypdf: the
client, the period, each line's hours and amount, and totals that are the timesheet's own
figures (``timesheet.totals_between``, the invoice rule) as the PDF formats them; one page for
a month of 40 lines; French and English words; the sentence for a client without a rate."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from crmdesk.core import campaigns, clients, timesheet
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace
from crmdesk.render import reports
from crmdesk.render.templates import environment

CLIENT = "Éditions Lumière"
TODAY = date(2026, 12, 2)
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
PHASES = ("strategy", "production", "bat", "send", "analysis", "")
FRENCH_PHASES = {
    "strategy": "Stratégie",
    "production": "Production",
    "bat": "BAT",
    "send": "Envoi",
    "analysis": "Analyse",
    "": "—",
}
SECRET = "NOTE-INTERNE-42"


def seed_time(workspace: Workspace, *, lines: int, rate: Decimal | None) -> int:
    """A client with two campaigns and ``lines`` entries over November (one in seven tied to
    no campaign), plus an entry of another client and one in December that must stay out."""
    with workspace.session() as session:
        client_id, _ = clients.create_client(session, CLIENT, daily_rate=rate)
        other_id, _ = clients.create_client(session, "Autre client", daily_rate=Decimal("900"))
    with workspace.session() as session:
        names = ("Newsletter novembre", "Black Friday J-3")
        ids = [
            campaigns.create(
                session,
                CampaignInput(client_id, name, date(2026, 11, 20), time(9, 0)),
            )[0]
            for name in names
        ]
        for i in range(lines):
            timesheet.add_entry(
                session,
                timesheet.EntryInput(
                    worked_on=date(2026, 11, 1 + (i * 29) // lines),
                    minutes=20 + (i * 37) % 200,
                    campaign_id=ids[i % 2] if i % 7 else None,
                    client_id=client_id,
                    phase=PHASES[i % 6],
                    note=SECRET,
                ),
            )
        timesheet.add_entry(
            session, timesheet.EntryInput(date(2026, 11, 3), 600, client_id=other_id)
        )
        timesheet.add_entry(
            session, timesheet.EntryInput(date(2026, 12, 1), 600, client_id=client_id)
        )
    return client_id


def text_of(path: Path) -> tuple[PdfReader, str]:
    document = PdfReader(path)
    text = "\n".join(page.extract_text() for page in document.pages)
    return document, " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def squeezed(text: str) -> str:
    """The text without spaces nor case: headings print in spaced-out capitals."""
    return re.sub(r"\s", "", text).casefold()


def plain(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_the_french_statement_gives_every_line_and_the_timesheet_totals(
    qapp: QApplication, workspace: Workspace, tmp_path: Path
) -> None:
    client_id = seed_time(workspace, lines=40, rate=Decimal("650"))
    out = tmp_path / "releve.pdf"
    done = reports.export_statement(
        workspace, "éditions lumière", *NOVEMBER, out, today=TODAY, language="fr"
    )

    assert done.out == out and done.warnings == ()
    document, text = text_of(out)
    assert len(document.pages) == 1
    assert "Novembre 2026" in text and CLIENT in text
    assert "01/11/2026 – 30/11/2026" in text
    assert "650,00 € HT" in text and "7 h" in text
    assert "40lignes" in squeezed(text)
    filters = environment("fr").filters
    with workspace.reader() as session:
        rows = timesheet.entries_between(session, *NOVEMBER, client_id=client_id)
        per_day = timesheet.hours_per_day(session)
        (total,) = timesheet.totals_between(session, *NOVEMBER, client_id=client_id)
    assert len(rows) == 40
    for row in rows:
        hours = filters["number"](timesheet.line_hours(row.minutes), 2)
        amount = filters["money"](timesheet.line_amount(row.minutes, Decimal("650"), per_day))
        campaign = row.campaign or "Hors campagne"
        line = f"{row.worked_on:%d/%m/%Y} {campaign} {FRENCH_PHASES[row.phase]} {hours} {amount}"
        assert plain(line) in text
    # The totals are the timesheet's: the table's last row and the summary at the top.
    hours = plain(filters["number"](total.hours, 2))
    amount = plain(filters["money"](total.amount))
    assert f"Total {hours} {amount}" in text
    assert f"{hours} h" in text and plain(filters["number"](total.days, 2)) in text
    assert "TOTAL HT" in text and "JOURS TRAVAILLÉS" in text
    # Never the notes, never another client's or another month's time.
    assert SECRET not in text and "Autre client" not in text and "01/12/2026" not in text
    assert "Each line" not in text and "Hours" not in text


def test_the_english_statement_speaks_english(
    qapp: QApplication, workspace: Workspace, tmp_path: Path
) -> None:
    seed_time(workspace, lines=6, rate=Decimal("720.50"))
    out = tmp_path / "statement.pdf"
    reports.export_statement(workspace, CLIENT, *NOVEMBER, out, today=TODAY, language="en")

    document, text = text_of(out)
    assert len(document.pages) == 1
    assert "November 2026" in text and "720.50 € excl. VAT" in text and "6lines" in squeezed(text)
    assert "Outside any campaign" in text and "Strategy" in text
    assert "Each line is valued at the daily rate and rounded to the cent" in text
    assert "Hors campagne" not in text and "Novembre" not in text


def test_without_a_daily_rate_the_amounts_are_dashes_and_a_sentence_says_why(
    qapp: QApplication, workspace: Workspace, tmp_path: Path
) -> None:
    client_id = seed_time(workspace, lines=5, rate=None)
    out = tmp_path / "releve.pdf"
    reports.export_statement(
        workspace, CLIENT, date(2026, 11, 3), date(2026, 11, 20), out, today=TODAY, language="fr"
    )

    _, text = text_of(out)
    assert (
        "Aucun taux journalier n’est renseigné pour ce client : le relevé indique les heures "
        "et les jours, sans montant." in text
    )
    assert "Du 3 novembre 2026 au 20 novembre 2026" in text
    assert "€" not in text
    with workspace.reader() as session:
        (total,) = timesheet.totals_between(
            session, date(2026, 11, 3), date(2026, 11, 20), client_id=client_id
        )
    assert total.amount is None
    assert f"Total {plain(environment('fr').filters['number'](total.hours, 2))} —" in text
