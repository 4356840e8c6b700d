"""The Clients window as the operator uses it: type a client, be told what is wrong as you
type, add its segments and contacts, archive instead of delete, and undo every step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crmdesk.core import clients, contacts
from crmdesk.core.clients import ClientInfo, ClientInput
from crmdesk.core.contacts import ContactInfo, ContactInput
from crmdesk.core.db import Workspace
from crmdesk.core.models import ChecklistRole, RaciRole
from crmdesk.ui.clients.window import PALETTE, ClientsWindow
from crmdesk.ui.kit.styles import ERROR_STYLE
from crmdesk.ui.operations import Operations
from tests.conftest import plan

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
SEND_DAY = date(2026, 12, 9)
#: The time zone's completion list is a popup; the offscreen platform cannot grab the keyboard.
typing_a_time_zone = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@pytest.fixture
def ops(workspace: Workspace) -> Operations:
    return Operations(workspace)


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


def open_window(
    qtbot: QtBot, ops: Operations, undo_stack: QUndoStack, **kwargs: int
) -> ClientsWindow:
    window = ClientsWindow(ops, undo_stack, **kwargs)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


# -- reading the workspace back through the core ----------------------------------------------


def stored(workspace: Workspace) -> dict[str, ClientInfo]:
    with workspace.reader() as session:
        return {c.name: c for c in clients.list_clients(session, include_archived=True)}


def stored_input(workspace: Workspace, client_id: int) -> ClientInput:
    with workspace.reader() as session:
        return clients.client_input(session, client_id)


def stored_segments(workspace: Workspace, client_id: int) -> dict[str, tuple[int, bool]]:
    with workspace.reader() as session:
        found = clients.list_segments(session, client_id, include_archived=True)
    return {s.name: (s.estimated_size, s.archived) for s in found}


def stored_contacts(workspace: Workspace, client_id: int) -> dict[str, ContactInfo]:
    with workspace.reader() as session:
        return {c.name: c for c in contacts.contacts(session, client_id)}


# -- what a user does -------------------------------------------------------------------------


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Go to the field (as a click or Tab would) and type."""
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as with Ctrl+A then typing."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isEnabled(), f"{widget} is disabled"
    qtbot.mouseClick(widget, LEFT)


def click_list_item(qtbot: QtBot, window: ClientsWindow, text: str) -> None:
    items = window.list.findItems(text, Qt.MatchFlag.MatchStartsWith)
    assert items, [window.list.item(i).text() for i in range(window.list.count())]
    item: QListWidgetItem = items[0]
    position = window.list.visualItemRect(item).center()
    qtbot.mouseClick(window.list.viewport(), LEFT, pos=position)


def click_row(qtbot: QtBot, table, text: str) -> None:  # type: ignore[no-untyped-def]
    items = table.findItems(text, Qt.MatchFlag.MatchStartsWith)
    assert items, text
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualItemRect(items[0]).center())


def click_tab(qtbot: QtBot, window: ClientsWindow, index: int) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index


def tick(qtbot: QtBot, box: QWidget) -> None:
    """Click a check box on its indicator."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))


def focused(window: ClientsWindow) -> QWidget:
    """Where a key typed in the window goes."""
    return QApplication.focusWidget() or window


def undo_key(qtbot: QtBot, window: ClientsWindow) -> None:
    qtbot.keyClick(focused(window), Qt.Key.Key_Z, CTRL)


def redo_key(qtbot: QtBot, window: ClientsWindow) -> None:
    qtbot.keyClick(focused(window), Qt.Key.Key_Z, CTRL_SHIFT)


def list_texts(window: ClientsWindow) -> list[str]:
    return [window.list.item(i).text() for i in range(window.list.count())]


def table_column(table, column: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(row, column).text() for row in range(table.rowCount())]


def error_of(window: ClientsWindow, field: str) -> str:
    return window.fields.text(field)


# -- the stories ------------------------------------------------------------------------------


@typing_a_time_zone
def test_on_an_empty_workspace_the_first_client_is_typed_saved_and_undone(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack
) -> None:
    window = open_window(qtbot, ops, undo_stack)
    assert window.windowTitle() == "Clients"
    assert window.list.count() == 0
    assert window.empty_title.text() == "Create your first client"
    assert window.new_button.hasFocus()
    assert not window.archive_button.isEnabled() and not window.delete_button.isEnabled()

    click(qtbot, window.new_button)
    assert window.name.hasFocus()
    assert window.heading.text() == "New client"
    # A new client starts with the defaults: a colour of the palette, Paris, cap 3, D-10/D-2/D+5.
    assert window.colour.text() == PALETTE[0]
    assert window.timezone.currentText() == "Europe/Paris"
    assert window.timezone.itemText(0) == "Europe/Paris"
    assert window.pressure_cap.value() == 3
    assert (window.brief_offset.text(), window.bat_offset.text()) == ("D−10", "D−2")
    assert window.analysis_offset.text() == "D+5"
    assert window.confidence.currentText() == "95%"
    assert not window.save_button.isEnabled()  # no name yet
    assert error_of(window, "name") == ""  # and no scolding before anything is typed
    assert not window.tabs.isEnabled()

    type_in(qtbot, window.name, "Maison Verlaine")
    retype(qtbot, window.colour, "#7C3AED")
    retype(qtbot, window.timezone, "Europe/Brussels")
    popup = window.timezone.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    type_in(qtbot, window.sender_name, "Maison Verlaine")
    type_in(qtbot, window.sender_address, "newsletter@maison-verlaine.fr")
    type_in(qtbot, window.utm, "utm_source=brevo&utm_medium=email&utm_campaign={campaign}")
    retype(qtbot, window.pressure_cap, "2")
    qtbot.keyClick(window.brief_offset, Qt.Key.Key_Up)
    qtbot.keyClick(window.brief_offset, Qt.Key.Key_Up)
    type_in(qtbot, window.daily_rate, "550,50")
    qtbot.keyClick(window.confidence, Qt.Key.Key_Down)
    assert window.confidence.currentText() == "99%"
    with qtbot.waitSignal(window.client_created) as created:
        click(qtbot, window.save_button)

    saved = stored(workspace)["Maison Verlaine"]
    assert created.args == [saved.id]
    data = stored_input(workspace, saved.id)
    assert data.colour == "#7c3aed"
    assert data.timezone == "Europe/Brussels"
    assert data.sender_address == "newsletter@maison-verlaine.fr"
    assert data.pressure_cap == 2
    assert (data.brief_offset_days, data.bat_offset_days, data.analysis_offset_days) == (12, 2, 5)
    assert data.daily_rate == Decimal("550.50")
    assert data.ab_confidence == pytest.approx(0.99)
    assert list_texts(window) == ["Maison Verlaine"]
    assert window.heading.text() == "Maison Verlaine"
    assert window.notice.text() == "Client “Maison Verlaine” created — Ctrl+Z to undo."
    assert window.tabs.isEnabled()
    assert not window.save_button.isEnabled()  # nothing new to save

    undo_key(qtbot, window)
    assert stored(workspace) == {}
    assert window.list.count() == 0
    assert window.empty_title.text() == "Create your first client"

    redo_key(qtbot, window)
    assert stored_input(workspace, saved.id).daily_rate == Decimal("550.50")
    assert list_texts(window) == ["Maison Verlaine"]
    assert window.name.text() == "Maison Verlaine"


@typing_a_time_zone
def test_problems_show_under_their_field_as_you_type_and_save_waits(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    ops.write(clients.add_client, ClientInput("Maison Verlaine", colour="#db2777"))
    window = open_window(qtbot, ops, undo_stack)
    window.list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.mode == "new" and window.name.hasFocus()

    # A name already taken, in another case (QTest types ASCII only: no accents typed here).
    type_in(qtbot, window.name, "maison VERLAINE")
    assert error_of(window, "name") == "A client named “maison VERLAINE” already exists."
    assert window.name.styleSheet() == ERROR_STYLE
    assert not window.save_button.isEnabled()
    type_in(qtbot, window.name, " Sud")
    assert error_of(window, "name") == ""
    assert window.name.styleSheet() == ""
    assert window.save_button.isEnabled()

    retype(qtbot, window.colour, "blurple")
    assert error_of(window, "colour") == "“blurple” is not a colour: type #rrggbb or choose one."
    assert not window.save_button.isEnabled()
    retype(qtbot, window.colour, "#0d9488")
    assert error_of(window, "colour") == ""

    type_in(qtbot, window.sender_address, "newsletter@")
    assert error_of(window, "sender_address") == "“newsletter@” is not an email address."
    assert not window.save_button.isEnabled()
    type_in(qtbot, window.sender_address, "lumiere.fr")
    assert error_of(window, "sender_address") == ""

    retype(qtbot, window.timezone, "Europe/Atlantis")
    popup = window.timezone.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert error_of(window, "timezone").startswith("This is not a time zone")
    assert not window.save_button.isEnabled()
    retype(qtbot, window.timezone, "Europe/Paris")
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert error_of(window, "timezone") == ""

    type_in(qtbot, window.daily_rate, "cinq cents")
    assert error_of(window, "daily_rate").startswith("The daily rate is an amount")
    assert not window.save_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)  # Ctrl+S does nothing while a problem is there
    assert "maison VERLAINE Sud" not in stored(workspace)
    retype(qtbot, window.daily_rate, "600")
    assert window.save_button.isEnabled()

    window.daily_rate.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    saved = stored(workspace)["maison VERLAINE Sud"]
    assert saved.colour == "#0d9488"
    assert stored_input(workspace, saved.id).daily_rate == Decimal("600")

    # The next new client gets a colour no client wears yet.
    click(qtbot, window.new_button)
    assert window.colour.text() == PALETTE[0]
    type_in(qtbot, window.name, "Velo Urbain")
    qtbot.keyClick(window.name, Qt.Key.Key_Return)
    assert stored(workspace)["Velo Urbain"].colour == PALETTE[0]
    click(qtbot, window.new_button)
    assert window.colour.text() == PALETTE[1]


def test_editing_a_client_and_undoing_it_with_the_focus_in_the_form(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    window = open_window(qtbot, ops, undo_stack)
    assert window.client_id == client_id and window.heading.text() == "Éditions Lumière"
    assert window.pressure_cap.value() == 2
    assert not window.revert_button.isEnabled()

    window.name.setFocus()
    qtbot.keyClick(window.name, Qt.Key.Key_End)
    type_in(qtbot, window.name, " Paris")
    assert window.revert_button.isEnabled()
    click(qtbot, window.revert_button)
    assert window.name.text() == "Éditions Lumière"

    window.name.setFocus()
    qtbot.keyClick(window.name, Qt.Key.Key_End)
    type_in(qtbot, window.name, " Paris")
    type_in(qtbot, window.sender_name, "Lumiere")
    qtbot.keyClick(window.sender_name, Qt.Key.Key_Return)
    assert stored_input(workspace, client_id).name == "Éditions Lumière Paris"
    assert stored_input(workspace, client_id).sender_name == "Lumiere"
    assert list_texts(window) == ["Éditions Lumière Paris"]
    assert undo_stack.undoText() == "edit client “Éditions Lumière Paris”"

    # The focus is still in the field, which has nothing of its own to undo: the save is undone.
    assert window.sender_name.hasFocus()
    undo_key(qtbot, window)
    assert stored_input(workspace, client_id).name == "Éditions Lumière"
    assert window.name.text() == "Éditions Lumière"
    assert window.sender_name.text() == ""
    redo_key(qtbot, window)
    assert stored_input(workspace, client_id).sender_name == "Lumiere"
    assert window.sender_name.text() == "Lumiere"


def test_segments_are_added_edited_and_undone_and_names_stay_unique(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    window = open_window(qtbot, ops, undo_stack)
    panel = window.segments
    assert window.tabs.tabText(0) == "Segments (2)"
    assert table_column(panel.table) == ["Abonnés actifs", "Inactifs"]
    assert table_column(panel.table, 1) == ["180,000", "90,000"]

    click(qtbot, panel.new_button)
    assert panel.name.hasFocus()
    assert panel.save_button.text() == "Add segment" and not panel.save_button.isEnabled()
    type_in(qtbot, panel.name, "INACTIFS")
    assert panel.name_error.text() == "This client already has a segment named “INACTIFS”."
    assert not panel.save_button.isEnabled()
    retype(qtbot, panel.name, "VIP")
    assert panel.name_error.isHidden()
    retype(qtbot, panel.size, "4500")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    assert stored_segments(workspace, client_id)["VIP"] == (4500, False)
    assert table_column(panel.table) == ["Abonnés actifs", "Inactifs", "VIP"]
    assert window.tabs.tabText(0) == "Segments (3)"
    assert panel.name.hasFocus() and panel.name.text() == ""  # ready for the next one

    window.undo_action.trigger()
    assert "VIP" not in stored_segments(workspace, client_id)
    assert table_column(panel.table) == ["Abonnés actifs", "Inactifs"]
    window.list.setFocus()
    redo_key(qtbot, window)
    assert stored_segments(workspace, client_id)["VIP"] == (4500, False)

    click_row(qtbot, panel.table, "Inactifs")
    assert panel.name.text() == "Inactifs" and panel.size.value() == 90_000
    assert panel.save_button.text() == "Save segment" and not panel.save_button.isEnabled()
    retype(qtbot, panel.size, "85000")
    click(qtbot, panel.save_button)
    assert stored_segments(workspace, client_id)["Inactifs"] == (85_000, False)
    assert window.notice.text() == "Segment “Inactifs” saved — Ctrl+Z to undo."
    window.list.setFocus()
    undo_key(qtbot, window)
    assert stored_segments(workspace, client_id)["Inactifs"] == (90_000, False)
    assert panel.size.value() == 90_000  # the form follows the undo

    click_row(qtbot, panel.table, "VIP")
    click(qtbot, panel.archive_button)
    assert stored_segments(workspace, client_id)["VIP"] == (4500, True)
    assert "VIP (archived)" in table_column(panel.table)
    assert panel.archive_button.text() == "Restore"
    click(qtbot, panel.archive_button)
    assert stored_segments(workspace, client_id)["VIP"] == (4500, False)

    click(qtbot, panel.delete_button)  # no campaign targets it: gone at once, undoable
    assert "VIP" not in stored_segments(workspace, client_id)
    window.undo_action.trigger()
    assert stored_segments(workspace, client_id)["VIP"] == (4500, False)


def test_a_segment_a_campaign_targets_is_archived_instead_of_deleted(
    qtbot: QtBot,
    workspace: Workspace,
    ops: Operations,
    undo_stack: QUndoStack,
    client_id: int,
    segment_ids: list[int],
) -> None:
    plan(workspace, client_id, SEND_DAY, segment_ids=(segment_ids[0],))
    window = open_window(qtbot, ops, undo_stack)
    panel = window.segments
    click_row(qtbot, panel.table, "Abonnés actifs")
    click(qtbot, panel.delete_button)
    box = window.confirm
    assert box is not None and box.isVisible()
    assert box.text().startswith("The segment “Abonnés actifs” is targeted by 1 campaign.")
    assert window.confirm_button is not None and window.confirm_button.text() == "Archive"
    assert stored_segments(workspace, client_id)["Abonnés actifs"] == (180_000, False)
    click(qtbot, window.confirm_button)
    assert stored_segments(workspace, client_id)["Abonnés actifs"] == (180_000, True)
    assert table_column(panel.table)[0] == "Abonnés actifs (archived)"


def test_contacts_are_added_with_their_roles_edited_deleted_and_undone(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    window = open_window(qtbot, ops, undo_stack)
    click_tab(qtbot, window, 1)
    panel = window.contacts
    assert window.tabs.tabText(1) == "Contacts (0)"
    click(qtbot, panel.new_button)
    type_in(qtbot, panel.name, "Claire Martin")
    type_in(qtbot, panel.email, "claire@")
    assert panel.email_error.text() == "“claire@” is not an email address."
    assert not panel.save_button.isEnabled()
    retype(qtbot, panel.email, "")
    # She gets the recaps by default: an address is needed.
    assert panel.email_error.text() == (
        "A contact who receives BATs or recaps needs an email address."
    )
    type_in(qtbot, panel.email, "claire.martin@editions-lumiere.fr")
    assert panel.email_error.isHidden()
    type_in(qtbot, panel.team, "M")  # Marketing
    assert panel.team.currentText() == "Marketing"
    assert panel.role.currentText() == "Informed"
    assert not panel.receives_bat.isChecked()
    qtbot.keyClick(panel.role, Qt.Key.Key_Up)
    qtbot.keyClick(panel.role, Qt.Key.Key_Up)
    assert panel.role.currentText() == "Accountable"
    assert panel.receives_bat.isChecked()  # who approves sees the BATs
    click(qtbot, panel.save_button)

    claire = stored_contacts(workspace, client_id)["Claire Martin"]
    assert claire.email == "claire.martin@editions-lumiere.fr"
    assert (claire.team, claire.role) == (ChecklistRole.MARKETING, RaciRole.ACCOUNTABLE)
    assert claire.receives_bat and claire.receives_recaps
    assert table_column(panel.table) == ["Claire Martin"]
    assert [panel.table.item(0, c).text() for c in range(2, 6)] == [
        "Marketing",
        "Accountable",
        "✓",
        "✓",
    ]
    assert window.tabs.tabText(1) == "Contacts (1)"

    window.list.setFocus()
    undo_key(qtbot, window)
    assert stored_contacts(workspace, client_id) == {}
    assert panel.table.rowCount() == 0
    redo_key(qtbot, window)
    assert stored_contacts(workspace, client_id)["Claire Martin"].id == claire.id

    click_row(qtbot, panel.table, "Claire Martin")
    assert panel.save_button.text() == "Save contact"
    tick(qtbot, panel.receives_recaps)
    click(qtbot, panel.save_button)
    assert not stored_contacts(workspace, client_id)["Claire Martin"].receives_recaps
    window.undo_action.trigger()
    assert stored_contacts(workspace, client_id)["Claire Martin"].receives_recaps

    click_row(qtbot, panel.table, "Claire Martin")
    click(qtbot, panel.delete_button)
    assert stored_contacts(workspace, client_id) == {}
    assert window.notice.text() == "Contact “Claire Martin” deleted — Ctrl+Z to undo."
    window.undo_action.trigger()
    assert stored_contacts(workspace, client_id)["Claire Martin"].id == claire.id


def test_a_client_with_campaigns_is_archived_instead_and_restored(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    plan(workspace, client_id, SEND_DAY, name="Soldes d'hiver")
    plan(workspace, client_id, SEND_DAY, name="Relance soldes")
    window = open_window(qtbot, ops, undo_stack)
    click(qtbot, window.delete_button)
    box = window.confirm
    assert box is not None and box.isVisible()
    assert box.text() == (
        "Éditions Lumière has 2 campaigns: archive it instead? It leaves the calendar filters "
        "and pickers and stays in the history and reports."
    )
    assert window.confirm_button is not None and window.confirm_button.text() == "Archive"
    click(qtbot, window.confirm_button)
    assert stored(workspace)["Éditions Lumière"].archived
    assert window.list.count() == 0  # archived clients leave the list…
    assert window.empty_title.text() == "No client selected"

    tick(qtbot, window.show_archived)  # …unless asked for
    assert list_texts(window) == ["Éditions Lumière (archived)"]
    assert window.heading.text() == "Éditions Lumière (archived)"
    assert window.archive_button.text() == "Restore"
    click(qtbot, window.archive_button)
    assert not stored(workspace)["Éditions Lumière"].archived
    assert list_texts(window) == ["Éditions Lumière"]
    assert window.archive_button.text() == "Archive"

    window.list.setFocus()
    undo_key(qtbot, window)  # the restore
    assert stored(workspace)["Éditions Lumière"].archived
    undo_key(qtbot, window)  # the archive
    assert not stored(workspace)["Éditions Lumière"].archived


def test_deleting_a_client_without_campaigns_and_undo_brings_back_its_segments_and_contacts(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    ops.write(
        contacts.add_contact,
        client_id,
        ContactInput("Paul Girard", "paul@editions-lumiere.fr", role=RaciRole.ACCOUNTABLE),
    )
    window = open_window(qtbot, ops, undo_stack)
    click(qtbot, window.delete_button)
    box = window.confirm
    assert box is not None and box.text().startswith("Delete “Éditions Lumière” with its")
    assert window.confirm_button is not None and window.confirm_button.text() == "Delete"
    click(qtbot, window.confirm_button)
    assert stored(workspace) == {}
    assert window.list.count() == 0
    assert window.notice.text() == "“Éditions Lumière” deleted — Ctrl+Z to undo."

    window.list.setFocus()
    undo_key(qtbot, window)
    assert stored(workspace)["Éditions Lumière"].id == client_id
    assert stored_segments(workspace, client_id) == {
        "Abonnés actifs": (180_000, False),
        "Inactifs": (90_000, False),
    }
    assert list(stored_contacts(workspace, client_id)) == ["Paul Girard"]
    assert list_texts(window) == ["Éditions Lumière"]
    assert table_column(window.segments.table) == ["Abonnés actifs", "Inactifs"]
    assert table_column(window.contacts.table) == ["Paul Girard"]


def test_a_change_made_elsewhere_reloads_the_window_but_keeps_what_is_being_typed(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    other, _ = ops.write(clients.add_client, ClientInput("Vélo Urbain", colour="#16a34a"))
    window = open_window(qtbot, ops, undo_stack, select_client_id=other)
    assert window.client_id == other and window.name.text() == "Vélo Urbain"
    assert list_texts(window) == ["Éditions Lumière", "Vélo Urbain"]

    # The main window (its undo, the command line's twin in the app) renames the other client.
    before = stored_input(workspace, client_id)
    ops.write(clients.update_client, client_id, replace(before, name="Lumière Éditions"))
    assert list_texts(window) == ["Lumière Éditions", "Vélo Urbain"]
    assert window.client_id == other  # the selection stays

    type_in(qtbot, window.sender_name, "Velo Urbain")  # being typed
    ops.write(clients.create_segment, other, "Cyclistes urbains", 31_000)
    assert table_column(window.segments.table) == ["Cyclistes urbains"]
    assert window.sender_name.text() == "Velo Urbain"
    assert window.save_button.isEnabled()

    current = stored_input(workspace, other)
    ops.write(clients.update_client, other, replace(current, pressure_cap=5))
    assert window.sender_name.text() == "Velo Urbain"  # still not overwritten


def test_leaving_a_client_with_unsaved_changes_asks_first(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    ops.write(clients.add_client, ClientInput("Vélo Urbain"))
    window = open_window(qtbot, ops, undo_stack, select_client_id=client_id)
    type_in(qtbot, window.utm, "utm_source=brevo")
    click_list_item(qtbot, window, "Vélo Urbain")
    box = window.confirm
    assert box is not None and box.text() == "Save the changes to “Éditions Lumière”?"
    assert window.client_id == client_id  # still on it while asked
    click(qtbot, box.button(box.StandardButton.Save))
    assert stored_input(workspace, client_id).utm_convention == "utm_source=brevo"
    assert window.name.text() == "Vélo Urbain"

    type_in(qtbot, window.sender_name, "Velo")
    click_list_item(qtbot, window, "Éditions Lumière")
    box = window.confirm
    assert box is not None
    click(qtbot, box.button(box.StandardButton.Discard))
    assert window.name.text() == "Éditions Lumière"
    assert stored_input(workspace, stored(workspace)["Vélo Urbain"].id).sender_name == ""


def test_the_clients_charters_and_checklist_templates_open_from_the_window(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    from crmdesk.ui.checklist.charters_dialog import ChartersDialog
    from crmdesk.ui.checklist.template_editor import TemplateEditor

    window = open_window(qtbot, ops, undo_stack)
    click(qtbot, window.charters_button)
    dialog = window.dialog
    assert isinstance(dialog, ChartersDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Charters — Éditions Lumière"
    dialog.reject()
    qtbot.waitUntil(lambda: window.dialog is None)

    menu = window.templates_button.menu()
    assert [a.text() for a in menu.actions()][:2] == ["Newsletter", "Promotion"]
    menu.actions()[1].trigger()
    dialog = window.dialog
    assert isinstance(dialog, TemplateEditor) and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: window.dialog is None)


def test_an_archived_client_asked_for_by_id_is_shown_with_the_archived_ones(
    qtbot: QtBot, workspace: Workspace, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    ops.write(clients.set_client_archived, client_id, True)
    window = open_window(qtbot, ops, undo_stack, select_client_id=client_id)
    assert window.show_archived.isChecked()
    assert window.client_id == client_id
    assert window.archive_button.text() == "Restore"


def test_every_field_undoes_to_the_stack_only_when_it_has_nothing_to_undo(
    qtbot: QtBot, ops: Operations, undo_stack: QUndoStack, client_id: int
) -> None:
    window = open_window(qtbot, ops, undo_stack)
    editors = window.findChildren(QLineEdit) + window.findChildren(QAbstractSpinBox)
    assert len(editors) > 10
    type_in(qtbot, window.utm, "x")
    window.utm.setFocus()
    undo_key(qtbot, window)  # the field's own undo first
    assert window.utm.text() == ""
    assert undo_stack.count() == 0


def test_a_contact_list_is_imported_in_one_undoable_step_and_a_bad_one_is_named(
    qtbot: QtBot,
    workspace: Workspace,
    ops: Operations,
    undo_stack: QUndoStack,
    client_id: int,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    good = tmp_path / "contacts.csv"
    good.write_bytes(
        "Prénom;Nom;E-mail;Équipe;RACI\r\n"
        "Claire;Dubois;claire@lumiere.fr;Marketing;A\r\n"
        "Marc;Leroy;marc@lumiere.fr;Data;C\r\n".encode("cp1252")
    )
    bad = tmp_path / "contacts-faux.csv"
    bad.write_text("Nom;Email\nPaul;paul@\n", encoding="utf-8")
    window = open_window(qtbot, ops, undo_stack)
    click_tab(qtbot, window, 1)
    panel = window.contacts

    def answer(path) -> None:  # type: ignore[no-untyped-def]
        click(qtbot, panel.import_button)
        dialog = panel.file_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.selectFile(str(path))
        dialog.accept()

    answer(bad)
    assert window.notice.text() == "Line 2, column “Email”: this is not an email address"
    assert stored_contacts(workspace, client_id) == {}

    answer(good)
    assert sorted(stored_contacts(workspace, client_id)) == ["Claire Dubois", "Marc Leroy"]
    assert table_column(panel.table) == ["Claire Dubois", "Marc Leroy"]
    assert window.notice.text().startswith("2 contact(s) imported")
    window.undo_action.trigger()
    assert stored_contacts(workspace, client_id) == {}
    window.redo_action.trigger()
    assert sorted(stored_contacts(workspace, client_id)) == ["Claire Dubois", "Marc Leroy"]


def test_the_colour_and_logo_choosers_fill_the_form_and_let_go_of_their_dialog(
    qtbot: QtBot, ops: Operations, undo_stack: QUndoStack, tmp_path: Path
) -> None:
    """Both choosers answer through a slot that holds the window weakly (a lambda over the
    window in a dialog's connection made the dialog's deletion a crash)."""
    logo = tmp_path / "logo.png"
    image = QPixmap(8, 8)
    image.fill(QColor("#112233"))
    assert image.save(str(logo))
    window = open_window(qtbot, ops, undo_stack)
    click(qtbot, window.new_button)

    click(qtbot, window.colour_button)
    chooser = window.dialog
    assert isinstance(chooser, QColorDialog)
    qtbot.waitUntil(chooser.isVisible)
    chooser.setCurrentColor(QColor("#7c3aed"))
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert window.colour.text() == "#7c3aed"
    assert window.dialog is None

    click(qtbot, window.logo_button)
    browser = window.dialog
    assert isinstance(browser, QFileDialog)
    qtbot.waitUntil(browser.isVisible)
    browser.setDirectory(str(tmp_path))
    browser.selectFile(logo.name)  # as a click on the file in the list
    buttons = browser.findChild(QDialogButtonBox)
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Open))
    qtbot.waitUntil(lambda: window.logo.text() == str(logo))
    assert window.dialog is None
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # both dialogs deleted
    assert window.colour.text() == "#7c3aed" and window.isVisible()
