"""File › Client plan… in the real main window: a client and a month picked with the keyboard,
Save as… (only the file dialog is stood in for), and the PDF read back; and the activity
statement's dialog, as the week of entries opens it, saving a PDF and a CSV."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns, clients, timesheet
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.operations import Operations
from crmdesk.ui.reports import client_plan_dialog, statement_dialog
from crmdesk.ui.reports.client_plan_dialog import ClientPlanDialog, add_months
from crmdesk.ui.reports.statement_dialog import StatementDialog

SECRET = "NOTE-INTERNE-UI"


def text_of(path: Path) -> tuple[PdfReader, str]:
    document = PdfReader(path)
    text = "\n".join(page.extract_text() for page in document.pages)
    return document, " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def click_menu_item(qtbot: QtBot, window: MainWindow, menu_title: str, item: str) -> None:
    """Open a menu of the menu bar and click one of its items, as the user does."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().replace("&", "") == item)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def seed(workspace: Workspace, month: date) -> int:
    """Two clients; the second has a send mid-``month`` with an internal note."""
    with workspace.session() as session:
        clients.create_client(session, "Atelier Brun")
        client_id, _ = clients.create_client(session, "Maison Verte", daily_rate=Decimal("600"))
        segment = clients.add_segment(session, client_id, "Clients fidèles", 5_000)
    with workspace.session() as session:
        campaign_id, _ = campaigns.create(
            session,
            CampaignInput(
                client_id=client_id,
                name="Collection printemps",
                send_date=month.replace(day=16),
                send_time=time(11, 45),
                segment_ids=(segment,),
                subject="Notre nouvelle collection est arrivée",
                notes=SECRET,
            ),
        )
        for day in (3, 4, 10):
            timesheet.add_entry(
                session,
                timesheet.EntryInput(month.replace(day=day), 90, campaign_id=campaign_id),
            )
    return client_id


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # the menu's popup
def test_the_client_plan_is_saved_from_the_file_menu(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = add_months(date.today().replace(day=1), 2)
    seed(workspace, wanted)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    out = tmp_path / "plan client.pdf"
    asked: list[str] = []

    def save_as(*args: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return str(out), "PDF document (*.pdf)"

    monkeypatch.setattr(client_plan_dialog.QFileDialog, "getSaveFileName", save_as)

    click_menu_item(qtbot, window, "File", "Client plan…")
    qtbot.waitUntil(lambda: isinstance(window.report_dialog, ClientPlanDialog))
    dialog = window.report_dialog
    assert isinstance(dialog, ClientPlanDialog)
    assert [dialog.client.itemText(i) for i in range(dialog.client.count())] == [
        "Atelier Brun",
        "Maison Verte",
    ]
    qtbot.keyClicks(dialog.client, "Maison")
    assert dialog.client.currentText() == "Maison Verte"
    assert dialog.month.isEnabled() and not dialog.quarter.isEnabled()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Down)  # from next month to the one after
    assert dialog.month.currentData() == wanted

    with qtbot.waitSignal(dialog.saved, timeout=120_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith(f"plan-maison-verte-{wanted:%Y-%m}.pdf")
    assert str(out) in dialog.status.text()
    document, text = text_of(out)
    assert len(document.pages) == 1
    assert "Maison Verte" in text and f"{wanted.year}" in text
    assert "11:45" in text and "Notre nouvelle collection est arrivée" in text
    assert "Clients fidèles" in text and SECRET not in text
    assert "campaignplan" in "".join(text.split()).casefold()


def test_the_statement_dialog_saves_the_pdf_and_the_csv(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    month = date(2026, 11, 1)
    client_id = seed(workspace, month)
    ops = Operations(workspace)
    dialog = StatementDialog(ops, None, client_id=client_id, month=month)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.client.currentText() == "Maison Verte"
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 30))
    target = tmp_path / "releve.pdf"
    monkeypatch.setattr(
        statement_dialog.QFileDialog, "getSaveFileName", lambda *a: (str(target), "")
    )
    with qtbot.waitSignal(dialog.saved, timeout=120_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _, text = text_of(target)
    with workspace.reader() as session:
        (total,) = timesheet.totals_between(session, *dialog.period(), client_id=client_id)
    assert total.hours == Decimal("4.50") and total.amount == Decimal("385.71")
    assert "Maison Verte" in text and "4.50 h" in text and "385.71 €" in text

    qtbot.keyClicks(dialog.format, "CSV")
    assert dialog.format.currentData() == "csv"
    target = tmp_path / "releve"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    written = (tmp_path / "releve.csv").read_text(encoding="utf-8-sig")
    assert "Collection printemps" in written and SECRET not in written
