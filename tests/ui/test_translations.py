"""The French translation: the shipped catalogue is complete, and the window speaks French.

A string added to crmdesk/ui or crmdesk/render without a translation fails here: run
``scripts/update-translations.sh``, translate what it marks unfinished in
``crmdesk/resources/translations/crmdesk_fr.ts``, and run the script again (it compiles the .qm).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QMenu
from pytestqt.qtbot import QtBot

from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus
from crmdesk.ui.application import RESOURCES
from crmdesk.ui.labels import long_date, status_label
from crmdesk.ui.main_window import MainWindow
from tests.ui.conftest import JULY

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update-translations.sh"
#: Where the app loads its catalogues from (``install_translators``), inside the package.
TRANSLATIONS = RESOURCES / "translations"
TS = TRANSLATIONS / "crmdesk_fr.ts"
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
FIX = (
    "\nRun scripts/update-translations.sh, translate what it marks unfinished in "
    "crmdesk/resources/translations/crmdesk_fr.ts, then run the script again."
)

PLACEHOLDER = re.compile(r"%(?:n|\d+)")
#: A keyboard accelerator: a single "&" before a character ("&&" is a literal ampersand).
MNEMONIC = re.compile(r"(?<!&)&(?!&)(.)")


# -- the catalogue ----------------------------------------------------------------------------


def catalogue(path: Path) -> list[tuple[str, ET.Element]]:
    """(context name, <message>) for every message of a .ts file."""
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def forms(message: ET.Element) -> list[str]:
    """The translation, or its numerus forms for a plural message."""
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def test_every_message_of_the_french_catalogue_is_translated() -> None:
    messages = catalogue(TS)
    assert len(messages) > 100, "the catalogue looks truncated"
    problems: list[str] = []
    for context, message in messages:
        source = message.findtext("source") or ""
        where = f"{context}: {source!r}"
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") is not None:  # unfinished, vanished or obsolete
            problems.append(f"{where} is {translation.get('type')}")
            continue
        texts = forms(message)
        if message.get("numerus") == "yes" and len(texts) != 2:
            problems.append(f"{where} needs both French forms (0 and 1, then 2 and more)")
        for text in texts:
            if not text.strip():
                problems.append(f"{where} has an empty translation")
                continue
            missing = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(text))
            if missing:
                problems.append(f"{where} → {text!r} loses {sorted(missing)}")
            keys = MNEMONIC.findall(source)
            accelerators = MNEMONIC.findall(text)
            if len(accelerators) != len(keys) or not all(k.isalnum() for k in accelerators):
                problems.append(f"{where} → {text!r}: one accelerator in, one accelerator out")
    assert not problems, "\n".join(problems) + FIX


def test_the_shipped_qm_says_what_the_ts_says() -> None:
    """The .qm is compiled from the .ts (a translation fixed only in the .ts never shows)."""
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    stale = []
    for context, message in catalogue(TS):
        source = message.findtext("source") or ""
        texts = forms(message)
        counts = (1, 2) if message.get("numerus") == "yes" else (-1,)
        shipped = [translator.translate(context, source, None, n) for n in counts]
        if shipped != texts:
            stale.append(f"{context}: {source!r} ships {shipped!r}, the .ts says {texts!r}")
    assert not stale, "\n".join(stale) + FIX


def test_the_french_catalogue_has_every_string_of_the_ui(tmp_path: Path) -> None:
    """Extract the UI's strings afresh: the committed catalogue must already hold them all."""
    tools = Path(sys.executable).parent
    path = os.pathsep.join([str(tools), os.environ.get("PATH", "")])
    if shutil.which("sh") is None or shutil.which("pyside6-lupdate", path=path) is None:
        pytest.skip("needs sh and pyside6-lupdate")
    committed_bytes = TS.read_bytes()
    shutil.copy(TS, tmp_path / TS.name)
    subprocess.run(
        ["sh", str(SCRIPT), str(tmp_path)],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": path},
    )

    def keys(ts: Path) -> set[tuple[str, str]]:
        return {(context, m.findtext("source") or "") for context, m in catalogue(ts)}

    committed, fresh = keys(TS), keys(tmp_path / TS.name)
    missing = sorted(fresh - committed)
    gone = sorted(committed - fresh)
    # What lupdate itself marks in the refreshed copy, beyond the strings new to it: a string
    # the catalogue holds untranslated is "unfinished"; one the code lost, "obsolete".
    marked = sorted(
        (message.find("translation").get("type") or "", context, message.findtext("source") or "")
        for context, message in catalogue(tmp_path / TS.name)
        if message.find("translation").get("type") is not None
        and (context, message.findtext("source") or "") not in missing
    )
    assert not missing and not gone and not marked, (
        "".join(f"\nnot in the catalogue yet: {c}: {s!r}" for c, s in missing)
        + "".join(f"\nno longer in the UI: {c}: {s!r}" for c, s in gone)
        + "".join(f"\n{kind} after lupdate: {c}: {s!r}" for kind, c, s in marked)
        + FIX
    )
    assert TS.read_bytes() == committed_bytes, "lupdate must never rewrite the committed catalogue"


def test_french_plurals_use_the_singular_for_zero_and_one(french: QTranslator) -> None:
    def campaigns(n: int) -> str:
        return QCoreApplication.translate("CalendarPage", "%n campaign(s)", "", n)

    assert [campaigns(n) for n in (0, 1, 2, 12)] == [
        "0 campagne",
        "1 campagne",
        "2 campagnes",
        "12 campagnes",
    ]


# -- the window in French ---------------------------------------------------------------------


@pytest.fixture
def french(qapp: QApplication) -> Iterator[QTranslator]:
    """The shipped French catalogue, loaded as the app does; English again afterwards."""
    previous = QLocale()
    QLocale.setDefault(FRENCH)
    translator = QTranslator()
    assert translator.load(FRENCH, "crmdesk", "_", str(TRANSLATIONS)), f"no .qm in {TRANSLATIONS}"
    assert qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


@pytest.fixture
def french_window(
    qtbot: QtBot, french: QTranslator, workspace: Workspace, july_campaigns: dict[str, int]
) -> MainWindow:
    """Built after the translator is installed: widgets take their texts when constructed."""
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    main.calendar.go_to(JULY)
    qtbot.waitUntil(lambda: main.calendar.with_holidays)
    return main


def mnemonics(texts: list[str]) -> list[str]:
    return [m.lower() for text in texts for m in MNEMONIC.findall(text)]


def test_the_main_window_speaks_french(french_window: MainWindow) -> None:
    window = french_window
    calendar = window.calendar
    assert calendar.today_button.text() == "Aujourd’hui"
    assert [b.text() for b in calendar.mode_buttons.buttons()] == ["Mois", "Semaine", "Agenda"]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Cockpit",
        "Calendrier",
        "Statistiques",
    ]
    assert calendar.status_button.text() == "Statut"
    assert calendar.channel_button.text() == "Canal"
    assert calendar.title.text() == "Juillet 2026"
    assert calendar.summary.text().startswith("2 campagnes")
    assert status_label(CampaignStatus.APPROVED) == "Validé"
    assert (
        calendar.agenda_view.model().headerData(
            0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
        == "Envoi"
    )

    menus = window.menuBar().actions()
    assert [a.text() for a in menus] == ["&Fichier", "É&dition", "&Affichage", "&Temps", "A&ide"]
    assert len(set(mnemonics([a.text() for a in menus]))) == len(menus)
    for title in menus:
        menu = title.menu()
        assert isinstance(menu, QMenu)
        items = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert len(set(mnemonics(items))) == len(items), f"{title.text()}: {items}"
    assert window.new_action.text() == "&Nouvelle campagne…"


def test_undo_and_status_messages_are_french(
    qtbot: QtBot, french_window: MainWindow, july_campaigns: dict[str, int]
) -> None:
    window = french_window
    moved_to = date(2026, 7, 8)
    window.reschedule(july_campaigns["newsletter"], moved_to)
    assert window.statusBar().currentMessage() == (
        f"Campagne déplacée au {long_date(QDate(moved_to))} — Ctrl+Z pour annuler"
    )
    assert long_date(QDate(moved_to)) == "mercredi 8 juillet 2026"
    assert (
        window.undo_action.text() == "&Annuler le déplacement de «\u00a0Newsletter juillet\u00a0»"
    )
    window.undo_action.trigger()
    assert (
        window.redo_action.text() == "&Rétablir le déplacement de «\u00a0Newsletter juillet\u00a0»"
    )


def test_the_campaign_dialog_speaks_french(qtbot: QtBot, french_window: MainWindow) -> None:
    window = french_window
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    dialog = window.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Nouvelle campagne"
    form = dialog.findChild(QFormLayout)
    assert isinstance(form, QFormLayout)
    labels = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            labels.append(item.widget().text())
    assert labels[:5] == ["&Client", "No&m", "&Type", "C&anal", "&Statut"]
    assert len(set(mnemonics(labels))) == len(labels), labels
    assert [dialog.status.itemText(i) for i in range(3)] == ["Brouillon", "Brief", "Production"]
    dialog.reject()
    qtbot.waitUntil(lambda: window.dialog is None)
