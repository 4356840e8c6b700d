"""Help › About: the version, the folders and the licences a user (or their lawyer) asks for.

The expected values are read here the way a user would check them: the version and licences
from the installed packages' metadata, the folders from where the app keeps its files; the
dialog is opened over a real window and closed with its own Close button.
"""

from __future__ import annotations

import importlib.metadata as metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from crmdesk.crashlog import log_path
from crmdesk.ui.about import AboutDialog, show_about


def rows(table: QTableWidget | None) -> list[list[str]]:
    """The table's cells as the user reads them, row by row."""
    assert table is not None and table.isVisible()
    cells = [
        [table.item(row, column) for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    return [[cell.text() if cell is not None else "" for cell in row] for row in cells]


def open_about(qtbot: QtBot, workspace_path: Path) -> tuple[QWidget, AboutDialog]:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    show_about(window, workspace_path)
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return window, dialog


def test_about_shows_the_version_the_folders_and_every_licence(
    qtbot: QtBot, workspace_path: Path, data_dir: Path
) -> None:
    window, dialog = open_about(qtbot, workspace_path)

    def field(name: str) -> QLabel:
        label = dialog.findChild(QLabel, name)
        assert label is not None and label.isVisible(), name
        return label

    assert field("aboutVersion").text() == metadata.version("crmdesk")
    assert field("aboutWorkspace").text() == str(workspace_path)
    assert field("aboutDataFolder").text() == str(data_dir)
    assert field("aboutLogFile").text() == str(log_path())
    assert log_path().is_relative_to(data_dir)
    for name in ("aboutWorkspace", "aboutDataFolder", "aboutLogFile"):
        assert field(name).hasSelectedText() is False
        field(name).setSelection(0, len(field(name).text()))  # the user can select the path
        assert field(name).selectedText() == field(name).text()

    libraries = {
        name: (version, licence)
        for name, version, licence in rows(dialog.findChild(QTableWidget, "aboutDependencies"))
    }
    pyside = metadata.metadata("PySide6")
    assert libraries["PySide6"] == (pyside["Version"], pyside["License"])
    sqlalchemy = metadata.metadata("SQLAlchemy")
    assert libraries["SQLAlchemy"] == (sqlalchemy["Version"], sqlalchemy["License-Expression"])
    # The requirements' requirements too, read from metadata: Qt's bindings, matplotlib's numpy.
    assert libraries["shiboken6"][0] == metadata.version("shiboken6")
    assert libraries["numpy"][1] == metadata.metadata("numpy")["License-Expression"]
    # Only what crmdesk runs on: none of the test tools.
    assert "pytest" not in libraries and "ruff" not in libraries
    assert all(licence for _, licence in libraries.values()), libraries

    data = {
        name: (licence, source)
        for name, licence, source in rows(dialog.findChild(QTableWidget, "aboutData"))
    }
    caniemail = next(v for k, v in data.items() if "caniemail" in k)
    assert caniemail[0] == "MIT License"
    assert caniemail[1].endswith("CANIEMAIL-LICENSE.txt") and Path(caniemail[1]).is_file()
    inter = next(v for k, v in data.items() if "Inter" in k)
    assert inter[0] == "SIL Open Font License, Version 1.1"
    assert inter[1].endswith("OFL.txt") and Path(inter[1]).is_file()
    holidays = next(v for k, v in data.items() if "holidays" in k)
    holidays_meta = metadata.metadata("holidays")
    stated = holidays_meta.get_all("License-Expression") or holidays_meta.get_all("License")
    assert stated and holidays[0] == stated[0], holidays

    copy = dialog.findChild(QPushButton, "aboutCopy")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    pasted = QGuiApplication.clipboard().text()
    assert f"crmdesk {metadata.version('crmdesk')}" in pasted
    for expected in (str(workspace_path), str(data_dir), str(log_path()), "MIT License"):
        assert expected in pasted
    assert f"PySide6 {pyside['Version']}: {pyside['License']}" in pasted

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(AboutDialog, "aboutDialog") is None)
