"""The main window's backups: the day's first start copies the workspace (off the GUI thread),
closing copies it again, and File › Restore a backup… puts an older copy back and shows it.

Real files throughout: the backups folder is the test's data folder (``CRMDESK_DATA_DIR``),
the settings a real INI file in the test's folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from crmdesk.core import backups, campaigns
from crmdesk.core.db import Workspace
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.preferences import Preferences
from tests.conftest import plan


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(
        QSettings(str(tmp_path / "config" / "crmdesk.ini"), QSettings.Format.IniFormat)
    )


def backup_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.exists() else []


def open_main(qtbot: QtBot, workspace: Workspace, preferences: Preferences) -> MainWindow:
    window = MainWindow(workspace, preferences=preferences, automatic_backups=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    return window


def test_the_first_start_of_the_day_and_the_close_each_leave_a_backup(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences, data_dir: Path
) -> None:
    folder = data_dir / "backups"
    assert backups.default_folder(workspace.path) == folder
    assert backup_files(folder) == []

    window = open_main(qtbot, workspace, preferences)
    qtbot.waitUntil(lambda: window.last_backup is not None, timeout=10000)
    assert backup_files(folder) == [window.last_backup]
    daily = window.last_backup

    window.close()
    files = backup_files(folder)
    assert len(files) == 2 and daily in files  # the close's own copy beside the day's

    again = open_main(qtbot, workspace, preferences)  # a second start the same day: no copy
    qtbot.wait(300)
    again.ops.shutdown()
    assert len(backup_files(folder)) == 2


def test_a_backup_folder_that_cannot_be_written_is_said_and_closing_still_works(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    preferences.settings.setValue("backups/folder", str(blocker))
    window = open_main(qtbot, workspace, preferences)
    qtbot.waitUntil(lambda: "backup" in window.statusBar().currentMessage(), timeout=10000)
    assert window.last_backup is None
    window.close()
    assert not window.isVisible()
    assert blocker.read_text() == "x"


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


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # the menu's popup
def test_restoring_a_backup_from_the_file_menu_shows_its_content(
    qtbot: QtBot, workspace: Workspace, client_id: int, preferences: Preferences, data_dir: Path
) -> None:
    restore_ui = pytest.importorskip("crmdesk.ui.backups")
    plan(workspace, client_id, date(2026, 7, 9), name="Soldes d'été")
    folder = data_dir / "backups"
    backup = backups.backup_now(workspace.path, folder, 14)
    plan(workspace, client_id, date(2026, 7, 16), name="Ajoutée après la copie")

    window = open_main(qtbot, workspace, preferences)
    qtbot.waitUntil(lambda: window.daily_backup_started and not window.ops._jobs, timeout=10000)
    successors: list[MainWindow] = []
    window.replaced.connect(successors.append)

    click_menu_item(qtbot, window, "File", "Restore a backup…")
    qtbot.waitUntil(lambda: window.restore_dialog is not None)
    dialog = window.restore_dialog
    assert isinstance(dialog, restore_ui.RestoreDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1)
    row = next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 0).toolTip() == str(backup)
    )
    cell = dialog.table.visualItemRect(dialog.table.item(row, 0)).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.confirmation is not None)
    box = dialog.confirmation
    assert box is not None
    qtbot.mouseClick(dialog.restore_button_of(box), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(successors), timeout=15000)
    new = successors[0]
    qtbot.addWidget(new)
    assert not window.isVisible() and new.isVisible()
    names = {c.name for c in new.ops.read(campaigns.list_campaigns)}
    assert "Soldes d'été" in names and "Ajoutée après la copie" not in names
    assert "Restored" in new.statusBar().currentMessage()
    new.close()
    new.ops.shutdown()
    new.workspace.close()


def test_the_restore_replaces_the_window_on_the_restored_file(
    qtbot: QtBot, workspace: Workspace, client_id: int, preferences: Preferences, data_dir: Path
) -> None:
    """What follows the dialog's choice: the campaign windows close, the file is replaced
    (its lock released first), and a new window shows what the backup held."""
    plan(workspace, client_id, date(2026, 7, 9), name="Soldes d'été")
    backup = backups.backup_now(workspace.path, data_dir / "backups", 14)
    added = plan(workspace, client_id, date(2026, 7, 16), name="Ajoutée après la copie")
    window = MainWindow(workspace, preferences=preferences)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    brief = window.open_brief(added)
    successors: list[MainWindow] = []
    window.replaced.connect(successors.append)

    new = window.restore_backup(backup)

    assert new is not None and successors == [new]
    qtbot.addWidget(new)
    assert not brief.isVisible() and not window.isVisible() and new.isVisible()
    names = {c.name for c in new.ops.read(campaigns.list_campaigns)}
    assert names == {"Soldes d'été"}
    assert "Restored" in new.statusBar().currentMessage()
    safety = [p for p in backup_files(data_dir / "backups") if p != backup]
    assert safety, "the workspace as it was is kept beside the backups"
    new.close()
    new.ops.shutdown()
    new.workspace.close()
