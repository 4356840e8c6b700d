"""Calendar markers from .ics files: the import (File › Import a calendar) and the list.

The import asks for whom the dates are (one client, or all) and whether they are blackout
dates, then reads and writes on the workspace's worker: a big holiday calendar takes a moment
to expand and the window keeps painting. It is undone from the main undo stack by deleting the
markers it added; markers it updated keep their new text (the file said so).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients, markers
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.markers import IcsImport, MarkerRow
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Job, Operations, Progress

# -- undoable edits -----------------------------------------------------------------------------


class ImportMarkers(CampaignCommand):
    """An import that already ran (on the worker); undo deletes the markers it added."""

    def __init__(self, ops: Operations, source: str, result: IcsImport) -> None:
        text = QCoreApplication.translate("MarkerCommands", "import the calendar “%1”")
        super().__init__(ops, text.replace("%1", source))
        self.ids = result.added_ids
        self.rows: list[dict[str, Any]] = []

    def replay(self) -> None:
        self.ops.write(markers.undelete_markers, self.rows)

    def revert(self) -> None:
        self.rows, _ = self.ops.write(markers.delete_markers, self.ids)


class DeleteMarkers(CampaignCommand):
    def __init__(self, ops: Operations, ids: list[int]) -> None:
        text = QCoreApplication.translate(
            "MarkerCommands", "delete %n calendar marker(s)", "", len(ids)
        )
        super().__init__(ops, text)
        self.ids = ids
        self.rows: list[dict[str, Any]]
        self.rows, _ = ops.write(markers.delete_markers, ids)

    def replay(self) -> None:
        self.rows, _ = self.ops.write(markers.delete_markers, self.ids)

    def revert(self) -> None:
        self.ops.write(markers.undelete_markers, self.rows)


class SetBlackout(CampaignCommand):
    def __init__(self, ops: Operations, marker_id: int, summary: str, blackout: bool) -> None:
        if blackout:
            text = QCoreApplication.translate("MarkerCommands", "make “%1” a blackout date")
        else:
            text = QCoreApplication.translate("MarkerCommands", "make “%1” a plain marker")
        super().__init__(ops, text.replace("%1", summary))
        self.marker_id, self.blackout = marker_id, blackout
        ops.write(markers.set_blackout, marker_id, blackout)

    def replay(self) -> None:
        self.ops.write(markers.set_blackout, self.marker_id, self.blackout)

    def revert(self) -> None:
        self.ops.write(markers.set_blackout, self.marker_id, not self.blackout)


# -- the import ---------------------------------------------------------------------------------


class IcsImportDialog(QDialog):
    """For whom the dates of the file are, and whether sends on them are warned."""

    def __init__(self, ops: Operations, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a calendar"))
        self.path = path
        self.client = QComboBox()
        self.client.addItem(self.tr("All clients"), None)
        for client in ops.read(clients.list_clients):
            self.client.addItem(client.name, client.id)
        self.blackout = QCheckBox(self.tr("Blackout dates (warn sends on these days)"))
        self.blackout.setChecked(True)
        text = self.tr("Each event becomes a marker; importing the file again updates them.")
        explanation = QLabel(text)
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("File:"), QLabel(path.name))
        form.addRow(self.tr("&For:"), self.client)
        form.addRow("", self.blackout)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("&Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def client_id(self) -> int | None:
        found = self.client.currentData()
        return None if found is None else int(found)


class IcsImportFlow(QWidget):
    """File › Import a calendar (.ics): file, dialog, import on the worker, result message.

    A QWidget only to parent the dialogs and to be the initiator of the job.
    """

    #: The import ran: its outcome (the markers are written and announced after this).
    imported = Signal(object)

    def __init__(self, ops: Operations, undo_stack: QUndoStack, window: QWidget) -> None:
        super().__init__(window)
        self.hide()
        self.ops, self.undo_stack, self.window_ = ops, undo_stack, window
        self.dialog: IcsImportDialog | None = None
        self.job: Job | None = None
        self.message: QMessageBox | None = None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window_,
            self.tr("Import a calendar"),
            "",
            self.tr("Calendars (*.ics *.ical *.ifb);;All files (*)"),
        )
        if path:
            self.ask(Path(path))

    def ask(self, path: Path) -> None:
        dialog = IcsImportDialog(self.ops, path, self.window_)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.start(path, dialog.client_id(), dialog.blackout.isChecked())
        )
        dialog.finished.connect(forget(self, "dialog"))
        self.dialog = dialog
        dialog.open()

    def start(self, path: Path, client_id: int | None, blackout: bool) -> Job:
        workspace = self.ops.workspace

        def work(_progress: Progress) -> IcsImport:
            data = markers.read_ics_file(path)
            with workspace.session() as session:
                return markers.import_ics(
                    session, data, source=path.name, client_id=client_id, blackout=blackout
                )

        self.job = self.ops.run(
            work,
            on_done=lambda result: self._done(path, result),
            on_failed=self._refused,
            initiator=self,
            progress=self.tr("Importing the calendar…"),
            kind="workspace",
            context="importing a calendar",
        )
        return self.job

    def _done(self, path: Path, result: IcsImport) -> None:
        if result.added_ids:
            self.undo_stack.push(ImportMarkers(self.ops, path.name, result))
        lines = [
            self.tr("%n marker(s) added", "", result.added),
            self.tr("%n marker(s) updated", "", result.updated),
            self.tr("%n already there", "", result.unchanged),
        ]
        text = path.name + "\n" + ", ".join(lines)
        if result.skipped:
            text += "\n\n" + self.tr("%n event(s) skipped:", "", len(result.skipped))
        self._show(
            QMessageBox.Icon.Information,
            self.tr("Calendar imported"),
            text,
            "\n".join(result.skipped),
        )
        self.imported.emit(result)

    def _refused(self, error: CrmdeskError) -> None:
        self._show(
            QMessageBox.Icon.Warning,
            self.tr("The calendar was not imported"),
            error_text(error) + "\n\n" + self.tr("Nothing was written."),
            "",
        )

    def _show(self, icon: QMessageBox.Icon, title: str, text: str, details: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window_)
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(forget(self, "message"))
        self.message = box
        box.open()


# -- the list -----------------------------------------------------------------------------------


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MarkersDialog(QDialog):
    """Every imported marker: for whom, when, from which file; the blackout tick and Delete
    go through the main undo stack."""

    COLUMNS = 6

    def __init__(
        self, ops: Operations, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self.undo_stack = ops, undo_stack
        self.setWindowTitle(self.tr("Calendar markers"))
        self.resize(760, 420)
        self.rows: list[MarkerRow] = []
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Client"),
                self.tr("Marker"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Blackout"),
                self.tr("File"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No marker yet: File › Import a calendar (.ics)…"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        self.delete_button.clicked.connect(self.delete_selected)
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(
            lambda: self.delete_button.setEnabled(bool(self.selected_ids()))
        )
        self.table.itemChanged.connect(self._item_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        ops.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        self.rows = self.ops.read(markers.list_markers)
        locale = QLocale()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            until = (
                self.tr("no end")
                if row.ends_on == markers.ENDLESS
                else locale.toString(_qdate(row.ends_on), QLocale.FormatType.ShortFormat)
            )
            texts = [
                row.client or self.tr("All clients"),
                ("↻ " if row.recurring else "") + row.summary,
                locale.toString(_qdate(row.starts_on), QLocale.FormatType.ShortFormat),
                until,
                "",
                row.source,
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if column == 4:
                    item.setFlags(
                        Qt.ItemFlag.ItemIsUserCheckable
                        | Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                    )
                    state = Qt.CheckState.Checked if row.blackout else Qt.CheckState.Unchecked
                    item.setCheckState(state)
                    item.setToolTip(self.tr("Warn sends planned on these days"))
                self.table.setItem(index, column, item)
        self.table.blockSignals(False)
        self.empty.setVisible(not self.rows)
        self.delete_button.setEnabled(bool(self.selected_ids()))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[row].id for row in rows if row < len(self.rows)]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._push(lambda: DeleteMarkers(self.ops, ids))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 4 or item.row() >= len(self.rows):
            return
        row = self.rows[item.row()]
        wanted = item.checkState() == Qt.CheckState.Checked
        if wanted != row.blackout:
            self._push(lambda: SetBlackout(self.ops, row.id, row.summary, wanted))

    def _push(self, make: Any) -> None:
        try:
            self.undo_stack.push(make())
        except CrmdeskError as error:
            QMessageBox.warning(self, self.tr("Calendar markers"), error_text(error))
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.markers or changes.clients:
            self.reload()
