"""Help › About: which crmdesk this is, where its files are, and whose work it ships.

Everything shown is read, never typed here: the version and the licences of the libraries
from the installed packages' metadata (so an upgrade shows itself), the folders from the same
functions the app uses to find them, and the licences of the data shipped from the licence
files shipped beside the data. A user asked for their log file or a lawyer asked for the
licences gets them in one place, selectable, with a Copy button for the whole text.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.paths import data_dir
from crmdesk.crashlog import log_path
from crmdesk.ui.application import RESOURCES

APP = "crmdesk"
#: A ``License`` field longer than this, or on several lines, is the licence's text, not its
#: name: the classifiers name it better.
NAME_MAX = 80
#: The first phrase of a licence file that names a licence: "MIT License", "SIL Open Font
#: License, Version 1.1"…
LICENCE_NAME = re.compile(r"(?:[A-Z][\w.-]*\s+)+Licen[cs]e(?:,?\s+Version\s+\d+(?:\.\d+)*)?")
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


@dataclass(frozen=True)
class Licence:
    """One line of the licences: a package (or shipped data), its version and its licence."""

    name: str
    version: str
    licence: str
    source: str = ""  # where the licence was read: a file for shipped data


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    """A metadata field, "" when absent (``meta[name]`` warns, then raises, on newer Pythons)."""
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def licence_of(meta: metadata.PackageMetadata) -> str:
    """A package's licence as its metadata states it: the SPDX ``License-Expression``, else a
    short ``License`` field, else the ``License ::`` classifiers; "" when it states none."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    field = _field(meta, "License")
    short = field if field and "\n" not in field and len(field) <= NAME_MAX else ""
    if short.upper() == "UNKNOWN":
        short = ""
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if short and classifiers and not any(short in c for c in classifiers):
        return f"{short} ({'; '.join(classifiers)})"
    return short or "; ".join(classifiers)


def _requirement_names(distribution: str) -> list[str]:
    """The packages ``distribution`` requires on this machine (no extras; markers evaluated)."""
    names: list[str] = []
    for text in metadata.requires(distribution) or []:
        try:
            from packaging.requirements import Requirement  # matplotlib's own requirement

            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            names.append(requirement.name)
        except ImportError:  # pragma: no cover - packaging is always there with matplotlib
            if "extra ==" in text:
                continue
            match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", text)
            if match:
                names.append(match.group(0))
    return names


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dependency_licences(root: str = APP) -> list[Licence]:
    """crmdesk's requirements and theirs, all the way down, as installed, sorted by name."""
    found: dict[str, Licence] = {}
    waiting = _requirement_names(root)
    while waiting:
        name = waiting.pop()
        if _key(name) in found:
            continue
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement of another platform, never installed here
        found[_key(name)] = Licence(meta["Name"], meta["Version"], licence_of(meta))
        waiting += _requirement_names(name)
    return sorted(found.values(), key=lambda licence: licence.name.lower())


def licence_named_in(path: Path) -> str:
    """The licence a shipped licence file names (its first "… License"), "" if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    match = LICENCE_NAME.search(text)
    return " ".join(match.group(0).split()) if match else ""


def data_licences() -> list[Licence]:
    """The data crmdesk ships and their licences, from the licence files beside them and, for
    the public holidays (the holidays package's data), from that package's metadata."""
    caniemail = RESOURCES / "checks" / "CANIEMAIL-LICENSE.txt"
    inter = RESOURCES / "fonts" / "OFL.txt"
    rows = [
        Licence(
            QCoreApplication.translate("AboutDialog", "Mail client support data (caniemail)"),
            "",
            licence_named_in(caniemail),
            str(caniemail),
        ),
        Licence(
            QCoreApplication.translate("AboutDialog", "Inter font"),
            "",
            licence_named_in(inter),
            str(inter),
        ),
    ]
    try:
        holidays = metadata.metadata("holidays")
    except metadata.PackageNotFoundError:  # pragma: no cover - a requirement of crmdesk
        pass
    else:
        rows.append(
            Licence(
                QCoreApplication.translate("AboutDialog", "Public holidays data (holidays)"),
                holidays["Version"],
                licence_of(holidays),
                QCoreApplication.translate("AboutDialog", "metadata of the holidays package"),
            )
        )
    return rows


def app_version() -> str:
    try:
        return metadata.version(APP)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return QCoreApplication.translate("AboutDialog", "unknown (not installed)")


class AboutDialog(QDialog):
    """The About box; ``text()`` is what the Copy button puts on the clipboard."""

    def __init__(self, parent: QWidget | None, workspace_path: Path | str) -> None:
        """``workspace_path``: the file, or a server's URL (never with its password)."""
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About crmdesk"))
        self.version = app_version()
        self.places = [
            (self.tr("Version"), self.version, "aboutVersion"),
            (self.tr("Workspace"), str(workspace_path), "aboutWorkspace"),
            (self.tr("Data folder"), str(data_dir()), "aboutDataFolder"),
            (self.tr("Log file"), str(log_path()), "aboutLogFile"),
        ]
        self.dependencies = dependency_licences()
        self.data = data_licences()

        layout = QVBoxLayout(self)
        title = QLabel(f"<b>crmdesk {self.version}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        layout.addWidget(
            QLabel(self.tr("Offline desktop cockpit for the freelance eCRM operator."))
        )
        form = QFormLayout()
        for label, value, name in self.places:
            field = QLabel(value)
            field.setObjectName(name)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(SELECTABLE)
            field.setWordWrap(True)
            form.addRow(label, field)
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("Libraries (licences from their installed metadata)")))
        self.dependency_table = self._table(
            "aboutDependencies",
            [self.tr("Package"), self.tr("Version"), self.tr("Licence")],
            [(d.name, d.version, d.licence or self.tr("not stated")) for d in self.dependencies],
        )
        layout.addWidget(self.dependency_table, 3)
        layout.addWidget(QLabel(self.tr("Data shipped with crmdesk")))
        self.data_table = self._table(
            "aboutData",
            [self.tr("Data"), self.tr("Licence"), self.tr("Read from")],
            [(d.name, d.licence or self.tr("not stated"), d.source) for d in self.data],
        )
        self._fit_rows(self.data_table)
        layout.addWidget(self.data_table, 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("aboutCopy")
        self.copy_button.setToolTip(self.tr("Copy all of this, to paste in a support request"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def _table(
        self, name: str, headers: list[str], rows: list[tuple[str, str, str]]
    ) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(row, column, item)
        table.setWordWrap(False)
        table.resizeRowsToContents()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    @staticmethod
    def _fit_rows(table: QTableWidget) -> None:
        """Tall enough to show every row: a short table never hides one behind a scroll bar."""
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        frame = 2 * table.frameWidth() + table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(rows + frame + 2)

    def text(self) -> str:
        """The whole dialog as plain text, one fact a line."""
        lines = [f"crmdesk {self.version}"]
        lines += [f"{label}: {value}" for label, value, _ in self.places]
        lines += ["", self.tr("Libraries (licences from their installed metadata)")]
        lines += [
            f"{d.name} {d.version}: {d.licence or self.tr('not stated')}" for d in self.dependencies
        ]
        lines += ["", self.tr("Data shipped with crmdesk")]
        lines += [f"{d.name}: {d.licence or self.tr('not stated')} ({d.source})" for d in self.data]
        return "\n".join(lines) + "\n"

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText(self.tr("Copied"))


def show_about(parent: QWidget, workspace_path: Path | str) -> None:
    """Open the About box over ``parent`` without blocking the event loop (the window keeps
    painting, and a test answers it as a user would); it deletes itself when closed."""
    dialog = AboutDialog(parent, workspace_path)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
