"""Calendar markers as the operator meets them: File › Import a calendar, the month grid, the
campaign dialog's warning and the list of markers, all undoable."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crmdesk.core import markers
from crmdesk.core.db import Workspace
from crmdesk.ui.calendar.markers_dialog import IcsImportFlow
from crmdesk.ui.main_window import MainWindow

SUMMER = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//client//EN\r\n"
    "BEGIN:VEVENT\r\nUID:closing-2026@client\r\nSUMMARY:Fermeture estivale\r\n"
    "LOCATION:Entrepôt de Lyon\r\nDTSTART;VALUE=DATE:20260709\r\n"
    "DTEND;VALUE=DATE:20260711\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:fair-2026@client\r\nSUMMARY:Salon e-commerce\r\n"
    "DTSTART;TZID=Europe/Paris:20260721T090000\r\nDTEND;TZID=Europe/Paris:20260721T180000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:broken@client\r\nSUMMARY:Date cassée\r\nDTSTART:2026-13-45\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def stored(workspace: Workspace) -> list[markers.MarkerRow]:
    with workspace.reader() as session:
        return markers.list_markers(session)


def file_action(window: MainWindow, text: str) -> QAction:
    """The action as the File menu holds it (what the user clicks)."""
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)  # type: ignore[union-attr]


def import_through_the_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path, client: str
) -> QMessageBox:
    monkeypatch.setattr(
        "crmdesk.ui.calendar.markers_dialog.QFileDialog.getOpenFileName",
        lambda *args, **kwargs: (str(path), ""),
    )
    file_action(window, "Import a calen&dar (.ics)…").trigger()
    flow: IcsImportFlow = window.ics_flow
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    dialog = flow.dialog
    assert dialog is not None
    assert dialog.blackout.isChecked()  # blackout dates unless the operator says otherwise
    dialog.client.setCurrentIndex(dialog.client.findText(client))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.message is not None and flow.message.isVisible(), timeout=10000)
    assert flow.message is not None
    return flow.message


def test_importing_through_the_menu_shows_the_markers_on_the_month_and_undo_removes_them(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    client_id: int,
    july_campaigns: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    source = tmp_path / "lumiere-ete.ics"
    source.write_text(SUMMER, encoding="utf-8")

    message = import_through_the_menu(qtbot, window, monkeypatch, source, "Éditions Lumière")

    assert message.windowTitle() == "Calendar imported"
    # "2 marker(s) added" until the English plurals are compiled, "2 markers added" then.
    assert re.search(r"\b2 marker\S* added", message.text())
    assert re.search(r"\b1 event\S* skipped", message.text())
    assert "“Date cassée”" in message.detailedText()
    qtbot.mouseClick(message.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert [(r.summary, r.client, r.blackout) for r in stored(workspace)] == [
        ("Fermeture estivale", "Éditions Lumière", True),
        ("Salon e-commerce", "Éditions Lumière", True),
    ]

    grid = window.calendar.month_view
    qtbot.waitUntil(lambda: date(2026, 7, 10) in grid.period.markers)
    assert [m.summary for m in grid.period.markers[date(2026, 7, 9)]] == ["Fermeture estivale"]
    assert date(2026, 7, 11) not in grid.period.markers  # DTEND is exclusive
    closing = grid.day_tooltip(date(2026, 7, 10))
    assert "Fermeture estivale" in closing and "Entrepôt de Lyon" in closing
    assert "blackout date" in closing
    assert "09:00 to 18:00" in grid.day_tooltip(date(2026, 7, 21))
    promo = grid.entry(july_campaigns["promo"])  # sent on 9 July, in the closing
    assert promo is not None and promo.blackout == "Fermeture estivale"
    assert "Sent on a blackout date: Fermeture estivale" in grid.tooltip_for(promo)
    newsletter = grid.entry(july_campaigns["newsletter"])
    assert newsletter is not None and newsletter.blackout is None

    window.undo_action.trigger()

    assert stored(workspace) == []
    qtbot.waitUntil(lambda: grid.period.markers == {})
    promo = grid.entry(july_campaigns["promo"])
    assert promo is not None and promo.blackout is None


def test_a_refused_file_says_why_and_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    source = tmp_path / "photo.ics"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(400))

    message = import_through_the_menu(qtbot, window, monkeypatch, source, "All clients")

    assert message.windowTitle() == "The calendar was not imported"
    assert "photo.ics: it is binary data" in message.text()
    assert "Nothing was written." in message.text()
    assert stored(workspace) == []
    assert window.undo_stack.count() == 0


def test_the_campaign_dialog_warns_of_a_blackout_date_of_its_client(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    client_id: int,
    july_campaigns: dict[str, int],
) -> None:
    with workspace.session() as session:
        markers.import_ics(session, SUMMER.encode(), source="ete.ics", client_id=client_id)

    window.open_campaign(july_campaigns["promo"])
    dialog = window.dialog
    assert dialog is not None

    assert dialog.warning.isVisibleTo(dialog)
    assert "blackout date of the client (Fermeture estivale)" in dialog.warning.text()
    dialog.send_date.setDate(dialog.send_date.date().addDays(5))  # 14 July: a holiday instead
    assert "public holiday" in dialog.warning.text()
    assert "blackout" not in dialog.warning.text()
    dialog.reject()


def test_the_marker_list_unticks_blackout_and_deletes_with_undo(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    client_id: int,
    july_campaigns: dict[str, int],
) -> None:
    with workspace.session() as session:
        markers.import_ics(session, SUMMER.encode(), source="ete.ics", client_id=client_id)
    file_action(window, "Calendar mark&ers…").trigger()
    dialog = window.markers_dialog
    assert dialog is not None
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "Fermeture estivale"
    assert table.item(0, 4).checkState() == Qt.CheckState.Checked

    table.setCurrentCell(0, 4)
    qtbot.keyClick(table, Qt.Key.Key_Space)

    assert [r.blackout for r in stored(workspace)] == [False, True]
    qtbot.waitUntil(lambda: window.calendar.month_view.entry(july_campaigns["promo"]) is not None)
    promo = window.calendar.month_view.entry(july_campaigns["promo"])
    assert promo is not None and promo.blackout is None
    window.undo_action.trigger()
    assert [r.blackout for r in stored(workspace)] == [True, True]
    assert table.item(0, 4).checkState() == Qt.CheckState.Checked

    table.selectRow(1)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert [r.summary for r in stored(workspace)] == ["Fermeture estivale"]
    assert table.rowCount() == 1
    window.undo_action.trigger()
    assert [r.summary for r in stored(workspace)] == ["Fermeture estivale", "Salon e-commerce"]
    assert table.rowCount() == 2
