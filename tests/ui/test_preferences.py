"""Preferences: the dialog (Ctrl+,) saves on OK and writes nothing on Cancel; a new main window
comes back as the last one was left; the dark theme keeps the BAT decision buttons readable.

Settings live in a real INI file in the test's folder, never the developer's own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from crmdesk.core import clients
from crmdesk.core.calendar import Filters
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus
from crmdesk.ui.application import apply_theme, install_translators
from crmdesk.ui.bat.window import BatWindow
from crmdesk.ui.calendar.page import AGENDA
from crmdesk.ui.kit.styles import contrast_ratio
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.preferences import (
    KEY_BACKUP_KEEP,
    KEY_LANGUAGE,
    KEY_THEME,
    Preferences,
    PreferencesDialog,
)
from tests.conftest import plan
from tests.ui.conftest import JULY

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "crmdesk.ini"


@pytest.fixture
def preferences(settings_file: Path) -> Preferences:
    return Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where the screenshots go: ``CRMDESK_SCREENSHOTS`` to keep them, else the test folder."""
    folder = Path(os.environ.get("CRMDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_main(qtbot: QtBot, workspace: Workspace, preferences: Preferences) -> MainWindow:
    window = MainWindow(workspace, preferences=preferences)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    window.activateWindow()
    return window


def open_preferences_with_keys(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: window.preferences_dialog is not None)
    dialog = window.preferences_dialog
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    return dialog


def test_ctrl_comma_opens_the_preferences_and_ok_saves_them(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences, tmp_path: Path
) -> None:
    window = open_main(qtbot, workspace, preferences)
    dialog = open_preferences_with_keys(qtbot, window)
    assert dialog.theme.currentData() == "system" and dialog.backup_keep.value() == 14

    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)  # system → Français
    dialog.theme.setFocus()
    qtbot.keyClick(dialog.theme, Qt.Key.Key_End)  # → Dark
    dialog.backup_keep.setFocus()
    qtbot.keyClick(dialog.backup_keep, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(dialog.backup_keep, "30")
    qtbot.keyClicks(dialog.backup_folder, str(tmp_path / "my backups"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    qtbot.waitUntil(lambda: window.preferences_dialog is None)
    reread = Preferences(QSettings(preferences.settings.fileName(), QSettings.Format.IniFormat))
    assert reread.language == "fr"
    assert reread.theme == "dark"
    assert reread.backup_keep == 30
    assert reread.backup_folder == tmp_path / "my backups"
    assert window.backups_folder() == tmp_path / "my backups"
    assert "next start" in window.statusBar().currentMessage()


def test_cancel_writes_nothing(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences, settings_file: Path
) -> None:
    window = open_main(qtbot, workspace, preferences)
    dialog = open_preferences_with_keys(qtbot, window)
    dialog.theme.setFocus()
    qtbot.keyClick(dialog.theme, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.workspace, "/tmp/elsewhere.sqlite")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )

    qtbot.waitUntil(lambda: window.preferences_dialog is None)
    preferences.settings.sync()
    for key in (KEY_THEME, KEY_LANGUAGE, KEY_BACKUP_KEEP):
        assert not preferences.settings.contains(key)
    assert not settings_file.exists()
    assert preferences.default_workspace is None


def test_a_new_window_comes_back_as_the_last_one_was_left(
    qtbot: QtBot,
    workspace: Workspace,
    preferences: Preferences,
    july_campaigns: dict[str, int],
    client_id: int,
) -> None:
    with workspace.session() as session:
        other_id, _changes = clients.create_client(session, "Maison Verte")
    first = open_main(qtbot, workspace, preferences)
    qtbot.keyClick(first, Qt.Key.Key_4, CTRL)  # the agenda view
    assert first.calendar.mode == AGENDA
    qtbot.mouseClick(first.calendar._client_buttons[client_id], Qt.MouseButton.LeftButton)
    status_menu = first.calendar.status_button.menu()
    assert status_menu is not None
    draft = next(a for a in status_menu.actions() if a.data() == CampaignStatus.DRAFT)
    draft.trigger()  # what a click on the menu's item does
    shown = first.calendar.filters
    assert shown.client_ids == frozenset({other_id})
    assert shown.statuses is not None and CampaignStatus.DRAFT not in shown.statuses
    first.resize(760, 560)  # the offscreen screen is 800 × 800
    left_at = first.size()
    assert (left_at.width(), left_at.height()) == (760, 560)
    first.close()

    second = open_main(qtbot, workspace, preferences)
    assert second.size() == left_at
    assert second.tabs.currentWidget() is second.calendar and second.calendar.mode == AGENDA
    assert second.calendar.filters == Filters(client_ids=shown.client_ids, statuses=shown.statuses)
    assert not second.calendar._client_buttons[client_id].isChecked()
    assert second.calendar._client_buttons[other_id].isChecked()
    assert re.fullmatch(r"Status \(\d+\)", second.calendar.status_button.text())
    second.close()

    third_prefs = Preferences(preferences.settings)
    third_prefs.last_view = "cockpit"
    third = open_main(qtbot, workspace, third_prefs)  # "ready" comes without a calendar paint
    assert third.tabs.currentWidget() is third.cockpit


# -- the dark theme ---------------------------------------------------------------------------


@pytest.fixture
def themed() -> Iterator[QApplication]:
    """The application's palette and colour scheme put back after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = QPalette(app.palette())
    yield app
    app.styleHints().unsetColorScheme()
    app.setPalette(palette)


@pytest.fixture
def french(themed: QApplication) -> Iterator[None]:
    """crmdesk and Qt in French for the test, their translators removed afterwards."""
    before = set(themed.findChildren(QTranslator))
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    install_translators(themed, QLocale())
    yield
    for translator in set(themed.findChildren(QTranslator)) - before:
        themed.removeTranslator(translator)
        translator.deleteLater()


def text_colour(button: QPushButton) -> QColor:
    found = re.search(r"color:\s*(#[0-9a-fA-F]{6})", button.styleSheet())
    return (
        QColor(found.group(1)) if found else button.palette().color(QPalette.ColorRole.ButtonText)
    )


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_bat_decision_buttons_read_on_both_themes(
    qtbot: QtBot,
    workspace: Workspace,
    client_id: int,
    preferences: Preferences,
    themed: QApplication,
    french: None,
    shots: Path,
    theme: str,
) -> None:
    apply_theme(themed, theme)
    campaign = plan(workspace, client_id, date(2026, 7, 9), name="Soldes d'été")
    main = open_main(qtbot, workspace, preferences)
    main.calendar.go_to(JULY)
    bat = main.open_bat(campaign)
    assert isinstance(bat, BatWindow)
    qtbot.waitExposed(bat)

    for button in (bat.approve_button, bat.changes_button):
        background = button.palette().color(QPalette.ColorRole.Button)
        ratio = contrast_ratio(text_colour(button), background)
        assert ratio >= 4.5, f"{button.text()}: {ratio:.2f} on {background.name()} ({theme})"
    hint = bat.palette().color(QPalette.ColorRole.PlaceholderText)
    window_bg = bat.palette().color(QPalette.ColorRole.Window)
    assert contrast_ratio(hint, window_bg) >= 4.5
    assert bat.approve_button.text() == "&Valider"  # in French

    main.grab().save(str(shots / f"main-{theme}-fr.png"))
    bat.grab().save(str(shots / f"bat-{theme}-fr.png"))
    dialog = main.open_preferences()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(shots / f"preferences-{theme}-fr.png"))
    dialog.reject()
