"""Day one in the window: an empty workspace opens on the welcome page; the operator says who
they are, creates a client with a segment and a contact, plans a campaign on it, undoes and
redoes each step, archives the client and brings it back, and imports the plan kept in Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns, clients, contacts, operators
from crmdesk.core.db import Workspace
from crmdesk.ui.clients.window import ClientsWindow
from crmdesk.ui.dialogs.campaign_dialog import CampaignDialog
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.plan_import import PlanImportDialog

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_main(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    return main


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, LEFT)


def type_in(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def key(qtbot: QtBot, window: QWidget, which: Qt.Key, modifiers=CTRL) -> None:  # type: ignore[no-untyped-def]
    """A shortcut pressed in ``window``, brought to the front first as a click would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, which, modifiers)


def client_names(workspace: Workspace, archived: bool = False) -> list[str]:
    with workspace.reader() as session:
        return [c.name for c in clients.list_clients(session, include_archived=archived)]


def campaign_names(workspace: Workspace) -> list[str]:
    with workspace.reader() as session:
        return [c.name for c in campaigns.list_campaigns(session)]


def legend(main: MainWindow) -> list[str]:
    return sorted(b.text() for b in main.calendar._client_buttons.values())


def test_from_the_welcome_page_to_a_first_campaign_with_undo_and_redo_of_each_step(
    qtbot: QtBot, workspace: Workspace
) -> None:
    main = open_main(qtbot, workspace)
    assert main.pages.currentWidget() is main.welcome
    welcome = main.welcome
    assert welcome.profile_form.isVisible()
    assert not welcome.save_profile_button.isEnabled()  # no name yet
    type_in(qtbot, welcome.profile_form.name, "Camille Moreau")
    type_in(qtbot, welcome.profile_form.email, "camille@moreau")
    assert not welcome.save_profile_button.isEnabled()
    assert "not an email address" in welcome.profile_form.problems.text()
    type_in(qtbot, welcome.profile_form.email, "-crm.fr")
    click(qtbot, welcome.save_profile_button)
    with workspace.reader() as session:
        me = operators.me(session)
    assert me is not None and (me.name, me.email) == ("Camille Moreau", "camille@moreau-crm.fr")
    assert "Signed by Camille Moreau" in welcome.profile_done.text()

    click(qtbot, welcome.create_button)
    window = main.clients_window
    assert isinstance(window, ClientsWindow) and window.mode == "new"
    type_in(qtbot, window.name, "Maison Verlaine")
    click(qtbot, window.save_button)
    assert client_names(workspace) == ["Maison Verlaine"]
    assert main.pages.currentWidget() is main.tabs, "the first client brings the calendar"
    assert legend(main) == ["Maison Verlaine"]

    click(qtbot, window.segments.new_button)
    type_in(qtbot, window.segments.name, "Abonnes actifs")
    click(qtbot, window.segments.save_button)
    window.tabs.setCurrentIndex(1)
    click(qtbot, window.contacts.new_button)
    type_in(qtbot, window.contacts.name, "Claire Dubois")
    type_in(qtbot, window.contacts.email, "claire@verlaine.fr")
    click(qtbot, window.contacts.save_button)
    client_id = clients_id(workspace)
    with workspace.reader() as session:
        assert [s.name for s in clients.list_segments(session, client_id)] == ["Abonnes actifs"]
        assert [c.name for c in contacts.contacts(session, client_id)] == ["Claire Dubois"]
    window.close()

    main.activateWindow()
    main.calendar.go_to(date(2027, 1, 1))
    key(qtbot, main, Qt.Key.Key_N)
    dialog = main.dialog
    assert isinstance(dialog, CampaignDialog)
    assert dialog.client.currentText() == "Maison Verlaine"
    assert dialog.segments.count() == 1
    type_in(qtbot, dialog.name, "Voeux 2027")
    click(qtbot, dialog.ok_button)
    assert campaign_names(workspace) == ["Voeux 2027"]

    # Undo walks back: the campaign, the contact, the segment, the client; redo brings each.
    undo, redo = main.undo_action, main.redo_action
    undo.trigger()
    assert campaign_names(workspace) == []
    undo.trigger()
    with workspace.reader() as session:
        assert contacts.contacts(session, client_id) == []
    undo.trigger()
    with workspace.reader() as session:
        assert clients.list_segments(session, client_id) == []
    undo.trigger()
    assert client_names(workspace, archived=True) == []
    for _ in range(4):
        redo.trigger()
    assert client_names(workspace) == ["Maison Verlaine"]
    assert campaign_names(workspace) == ["Voeux 2027"]
    with workspace.reader() as session:
        assert [c.name for c in contacts.contacts(session, client_id)] == ["Claire Dubois"]


def clients_id(workspace: Workspace) -> int:
    with workspace.reader() as session:
        (found,) = clients.list_clients(session)
    return found.id


def test_an_archived_client_leaves_the_filters_and_pickers_and_comes_back_on_restore(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    workspace_second = clients.ClientInput("Atelier Rivage")
    with workspace.session() as session:
        clients.add_client(session, workspace_second)
    main = open_main(qtbot, workspace)
    assert legend(main) == ["Atelier Rivage", "Éditions Lumière"]

    window = main.open_clients(client_id)
    click(qtbot, window.archive_button)
    assert client_names(workspace) == ["Atelier Rivage"]
    assert legend(main) == ["Atelier Rivage"]
    key(qtbot, main, Qt.Key.Key_N)
    dialog = main.dialog
    assert isinstance(dialog, CampaignDialog)
    pickable = [dialog.client.itemText(i) for i in range(dialog.client.count())]
    assert pickable == ["Atelier Rivage"]
    dialog.reject()

    qtbot.mouseClick(window.show_archived, LEFT, pos=QPoint(6, window.show_archived.height() // 2))
    assert window.show_archived.isChecked()
    (item,) = window.list.findItems("Éditions Lumière", Qt.MatchFlag.MatchStartsWith)
    qtbot.mouseClick(window.list.viewport(), LEFT, pos=window.list.visualItemRect(item).center())
    assert window.archive_button.text() == "Restore"
    click(qtbot, window.archive_button)
    assert client_names(workspace) == ["Atelier Rivage", "Éditions Lumière"]
    assert legend(main) == ["Atelier Rivage", "Éditions Lumière"]


def test_the_campaign_dialog_creates_a_client_and_picks_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    main = open_main(qtbot, workspace)
    main.new_campaign(date(2027, 1, 5))
    dialog = main.dialog
    assert isinstance(dialog, CampaignDialog)
    assert dialog.client.count() == 0 and dialog.no_client.isVisible()
    click(qtbot, dialog.new_client_button)
    window = main.clients_window
    assert isinstance(window, ClientsWindow) and window.mode == "new"
    type_in(qtbot, window.name, "Atelier Rivage")
    click(qtbot, window.save_button)
    assert dialog.client.currentText() == "Atelier Rivage"
    assert not dialog.no_client.isVisible()
    type_in(qtbot, dialog.name, "Lancement")
    click(qtbot, dialog.ok_button)
    assert campaign_names(workspace) == ["Lancement"]


PLAN = (
    "Annonceur;Campagne;Date d'envoi;Heure;Type;Cible;Statut;Objet\r\n"
    "Maison Verlaine;Soldes d'hiver;07/01/2027;9h30;Promo;Abonnés actifs;Brouillon;Les soldes\r\n"
    "Maison Verlaine;Newsletter janvier;14/01/2027;10:00;Newsletter;Abonnés actifs + VIP;;\r\n"
    ";;;;;;;\r\n"
    "Atelier Rivage;Lancement;20/01/2027;;;;Programmé;Nouveau\r\n"
)


def answer_file_dialog(qtbot: QtBot, main: MainWindow, path: Path) -> None:
    qtbot.waitUntil(lambda: main.file_dialog is not None and main.file_dialog.isVisible())
    dialog = main.file_dialog
    assert isinstance(dialog, QFileDialog)
    dialog.selectFile(str(path))
    dialog.accept()


def test_a_plan_is_imported_from_the_menu_with_its_preview_and_a_bad_line_writes_nothing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    bad = tmp_path / "plan-faux.csv"
    bad.write_bytes(PLAN.replace("14/01/2027", "31/02/2027").encode("cp1252"))
    good = tmp_path / "plan.csv"
    good.write_bytes(PLAN.encode("cp1252"))
    main = open_main(qtbot, workspace)

    click(qtbot, main.welcome.import_button)
    answer_file_dialog(qtbot, main, bad)
    dialog = main.plan_dialog
    assert isinstance(dialog, PlanImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None or dialog.problems.count() > 0)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.columns["client"].currentText() == "Annonceur"
    assert dialog.columns["send_date"].currentText() == "Date d'envoi"
    assert dialog.problems.isVisible()
    assert dialog.problems.item(0).text().startswith("Line 3, column “Date d'envoi”")
    assert not dialog.import_button.isEnabled()
    click(qtbot, dialog.cancel_button)
    assert client_names(workspace, archived=True) == []

    key(qtbot, main, Qt.Key.Key_I, CTRL_SHIFT)
    answer_file_dialog(qtbot, main, good)
    dialog = main.plan_dialog
    assert isinstance(dialog, PlanImportDialog)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert "Maison Verlaine, Atelier Rivage" in dialog.additions.text()
    assert "Maison Verlaine › VIP" in dialog.additions.text()
    assert dialog.rows.rowCount() == 3
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        click(qtbot, dialog.import_button)
    assert sorted(campaign_names(workspace)) == [
        "Lancement",
        "Newsletter janvier",
        "Soldes d'hiver",
    ]
    assert main.pages.currentWidget() is main.tabs
    assert legend(main) == ["Atelier Rivage", "Maison Verlaine"]

    # The same file again: everything is already there, nothing to import.
    key(qtbot, main, Qt.Key.Key_I, CTRL_SHIFT)
    answer_file_dialog(qtbot, main, good)
    dialog = main.plan_dialog
    assert isinstance(dialog, PlanImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy())
    assert dialog.preview.created == 0 and dialog.preview.unchanged == 3
    assert not dialog.import_button.isEnabled()
    click(qtbot, dialog.cancel_button)


def test_a_campaign_keeps_its_archived_segment_when_edited_and_new_ones_do_not_offer_it(
    qtbot: QtBot, workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    from tests.conftest import plan

    campaign_id = plan(
        workspace, client_id, date(2027, 1, 5), name="Relance", segment_ids=(segment_ids[0],)
    )
    with workspace.session() as session:
        clients.set_segment_archived(session, segment_ids[0], True)
    main = open_main(qtbot, workspace)
    main.open_campaign(campaign_id)
    dialog = main.dialog
    assert isinstance(dialog, CampaignDialog)
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " J+3")
    click(qtbot, dialog.ok_button)
    with workspace.reader() as session:
        saved = campaigns.load(session, campaign_id)
    assert (saved.name, saved.segment_ids) == ("Relance J+3", (segment_ids[0],))

    main.new_campaign(date(2027, 1, 8))
    dialog = main.dialog
    assert isinstance(dialog, CampaignDialog)
    offered = [dialog.segments.item(i).text() for i in range(dialog.segments.count())]
    assert offered == ["Inactifs  (90,000)"]
    dialog.reject()


def test_the_plan_exported_from_the_menu_is_what_the_calendar_shows(
    qtbot: QtBot, workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from tests.conftest import plan

    with workspace.session() as session:
        other, _ = clients.add_client(session, clients.ClientInput("Atelier Rivage"))
    plan(workspace, client_id, date(2027, 1, 5), name="Voeux")
    plan(workspace, other, date(2027, 1, 6), name="Lancement")
    main = open_main(qtbot, workspace)
    lumiere = main.calendar._client_buttons[client_id]
    qtbot.mouseClick(lumiere, LEFT)  # hide Éditions Lumière's campaigns
    assert not lumiere.isChecked()

    out = tmp_path / "plan.xlsx"
    key(qtbot, main, Qt.Key.Key_E, CTRL_SHIFT)
    answer_file_dialog(qtbot, main, out)
    book = load_workbook(out, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()  # a read-only workbook keeps its file open until closed
    assert [(r[0], r[1]) for r in rows[1:]] == [("Atelier Rivage", "Lancement")]
    assert "1 campaign(s) exported" in main.statusBar().currentMessage()
