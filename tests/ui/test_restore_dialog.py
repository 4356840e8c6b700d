"""File › Restore a backup…: the list, real clicks on Restore and on the question's buttons,
and "Back up now" taking a real backup off the GUI thread while the workspace stays open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crmdesk.core import backups
from crmdesk.core.db import Workspace
from crmdesk.ui.backups import RestoreDialog
from crmdesk.ui.operations import Operations

WAIT_MS = 10_000


@pytest.fixture
def opened(demo_path: Path) -> Iterator[Workspace]:
    with Workspace.open(demo_path) as workspace:
        yield workspace


@pytest.fixture
def ops(opened: Workspace) -> Iterator[Operations]:
    operations = Operations(opened)
    yield operations
    operations.shutdown()


@pytest.fixture
def folder(opened: Workspace, tmp_path: Path) -> Path:
    """Two backups of the open workspace, taken on known days."""
    folder = tmp_path / "backups"
    backups.backup_now(opened.path, folder, now=datetime(2026, 11, 2, 9, 15))
    backups.backup_now(opened.path, folder, now=datetime(2026, 11, 20, 18, 40))
    return folder


def dialog_for(qtbot: QtBot, ops: Operations, folder: Path) -> RestoreDialog:
    dialog = RestoreDialog(ops, ops.workspace.path, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_row(qtbot: QtBot, dialog: RestoreDialog, row: int) -> None:
    table = dialog.table
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_list_shows_date_size_and_campaigns_newest_first(
    qtbot: QtBot, ops: Operations, folder: Path
) -> None:
    dialog = dialog_for(qtbot, ops, folder)
    table = dialog.table
    assert table.rowCount() == 2
    locale = QLocale()
    assert "20/11/2026" in table.item(0, 0).text() and "18:40" in table.item(0, 0).text()
    assert "02/11/2026" in table.item(1, 0).text()
    size = backups.list_backups(folder, ops.workspace.path.stem)[0].size
    assert table.item(0, 1).text() == locale.formattedDataSize(size)
    count = backups.campaign_count(ops.workspace.path)
    assert count and table.item(0, 2).text() == locale.toString(count)
    assert not dialog.restore_button.isEnabled()  # nothing chosen yet
    assert dialog.empty.isHidden()


def test_restore_asks_then_emits_the_chosen_backup(
    qtbot: QtBot, ops: Operations, folder: Path
) -> None:
    dialog = dialog_for(qtbot, ops, folder)
    older = backups.list_backups(folder, ops.workspace.path.stem)[1].path
    click_row(qtbot, dialog, 1)
    assert dialog.restore_button.isEnabled()

    chosen: list[Path] = []
    dialog.restore_chosen.connect(chosen.append)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "02/11/2026" in box.text()
    assert "backed up first" in box.informativeText()

    qtbot.mouseClick(dialog.restore_button_of(box), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: chosen == [older], timeout=WAIT_MS)
    assert dialog.result() == RestoreDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_cancel_in_the_question_restores_nothing(
    qtbot: QtBot, ops: Operations, folder: Path
) -> None:
    dialog = dialog_for(qtbot, ops, folder)
    click_row(qtbot, dialog, 0)
    chosen: list[Path] = []
    dialog.restore_chosen.connect(chosen.append)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box is not None
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.confirmation is None, timeout=WAIT_MS)
    assert chosen == []
    assert dialog.isVisible()


def test_back_up_now_adds_a_row_while_the_workspace_stays_open(
    qtbot: QtBot, ops: Operations, folder: Path
) -> None:
    dialog = dialog_for(qtbot, ops, folder)
    assert dialog.table.rowCount() == 2

    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=WAIT_MS)
    qtbot.waitUntil(dialog.back_up_button.isEnabled, timeout=WAIT_MS)
    newest = backups.list_backups(folder, ops.workspace.path.stem)[0]
    assert dialog.chosen() == newest  # the new backup is selected, ready to compare
    assert newest.path.name in dialog.status.text()
    assert dialog.restore_button.isEnabled()


def test_an_empty_folder_says_so_and_a_folder_that_refuses_is_named(
    qtbot: QtBot, ops: Operations, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    dialog = dialog_for(qtbot, ops, blocker)
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()

    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "backups folder" in dialog.status.text(), timeout=WAIT_MS)
    assert str(blocker) in dialog.status.text()
    assert dialog.table.rowCount() == 0
    assert blocker.read_text() == "a file where the backups folder should be"
