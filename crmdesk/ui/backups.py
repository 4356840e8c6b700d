"""File › Restore a backup…: the workspace's backups, newest first, and the way back to one.

The dialog never replaces the workspace itself: the main window must close its own connection
first (a restore refuses a held workspace), so on confirmation the dialog only emits
``restore_chosen`` with the file and accepts; the window then closes the workspace, calls
``crmdesk.core.backups.restore`` and reopens. "Back up now" runs ``backup_now`` off the GUI
thread (the online backup is safe while the window's connection stays open).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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

from crmdesk.core import backups
from crmdesk.core.backups import BackupInfo
from crmdesk.core.errors import (
    BackupDiskFull,
    BackupFolderUnwritable,
    CrmdeskError,
    WorkspaceError,
)
from crmdesk.ui.kit.formats import NOT_GIVEN, not_given
from crmdesk.ui.kit.styles import ERROR_STYLE
from crmdesk.ui.operations import Operations

#: The role holding a row's backup path.
PATH_ROLE = Qt.ItemDataRole.UserRole


class RestoreDialog(QDialog):
    """The backups of one workspace in one folder: pick one, confirm, and the window restores."""

    restore_chosen = Signal(Path)

    def __init__(
        self,
        ops: Operations,
        workspace_path: Path,
        folder: Path,
        parent: QWidget | None = None,
        *,
        keep: int = backups.DEFAULT_KEEP,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.workspace_path = Path(workspace_path)
        self.folder = Path(folder)
        self.keep = keep
        #: The question asked before a restore, while it is open (tests click its buttons).
        self.confirmation: QMessageBox | None = None
        self._infos: list[BackupInfo] = []
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "Backups of %1 in %2. Restoring one replaces the workspace; its current state "
                "is backed up first."
            )
            .replace("%1", self.workspace_path.name)
            .replace("%2", str(self.folder))
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken on"), self.tr("Size"), self.tr("Campaigns")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.empty = QLabel(self.tr("No backup yet: use “Back up now” to take one."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.back_up_button = QPushButton(self.tr("Back up now"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._ask)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        row = QHBoxLayout()
        row.addWidget(self.back_up_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.refresh()

    # -- the list -------------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        """Read the folder again (a backup taken, a rotation) and keep ``select`` selected."""
        try:
            self._infos = backups.list_backups(self.folder, self.workspace_path.stem)
        except CrmdeskError as error:
            self._infos = []
            self._show_error(error)
        self.table.setRowCount(len(self._infos))
        for row, info in enumerate(self._infos):
            when = QTableWidgetItem(taken_text(info))
            when.setData(PATH_ROLE, str(info.path))
            when.setToolTip(str(info.path))
            size = QTableWidgetItem(QLocale().formattedDataSize(info.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count = QTableWidgetItem(
                NOT_GIVEN if info.campaigns is None else QLocale().toString(info.campaigns)
            )
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if info.campaigns is None:
                count.setToolTip(
                    self.tr("%1: this file cannot be read as a crmdesk workspace.").replace(
                        "%1", not_given()
                    )
                )
            for column, item in enumerate((when, size, count)):
                self.table.setItem(row, column, item)
            if select is not None and info.path == select:
                self.table.selectRow(row)
        self.empty.setVisible(not self._infos)
        self._selection_changed()

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._infos[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    # -- restoring -------------------------------------------------------------------------------

    def _ask(self) -> None:
        """The question, window-modal and not blocking: its answer comes back in ``_answered``."""
        info = self.chosen()
        if info is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Restore a backup"))
        box.setText(self.tr("Restore the backup of %1?").replace("%1", taken_text(info)))
        box.setInformativeText(
            self.tr(
                "The workspace will be replaced by this backup. Its current state is backed "
                "up first, so this restore can itself be undone."
            )
        )
        box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._answered(box, info))
        self.confirmation = box
        box.open()

    def restore_button_of(self, box: QMessageBox) -> QPushButton:
        """The confirmation's Restore button (tests click it)."""
        return next(
            button
            for button in box.buttons()
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole
            and isinstance(button, QPushButton)
        )

    def _answered(self, box: QMessageBox, info: BackupInfo) -> None:
        self.confirmation = None
        confirmed = box.clickedButton() is not None and (
            box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole
        )
        box.deleteLater()
        if confirmed:
            self.restore_chosen.emit(info.path)
            self.accept()

    # -- backing up ------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Take a backup on a worker (the window stays responsive), then show it selected."""
        self.back_up_button.setEnabled(False)
        self.status.clear()
        self.status.setStyleSheet("")
        workspace, folder, keep = self.workspace_path, self.folder, self.keep
        self.ops.run(
            lambda _progress: backups.backup_now(workspace, folder, keep),
            on_done=self._backed_up,
            on_failed=self._show_error,
            on_finished=lambda: self.back_up_button.setEnabled(True),
            initiator=self,
            kind="other",
            context="backing up the workspace",
        )

    def _backed_up(self, path: Path) -> None:
        self.refresh(select=path)
        self.status.setText(self.tr("Backup written: %1").replace("%1", path.name))

    def _show_error(self, error: CrmdeskError) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(self.error_text(error))

    def error_text(self, error: CrmdeskError) -> str:
        """A failed backup in the user's language, with the folder named."""
        if isinstance(error, BackupFolderUnwritable):
            text = self.tr(
                "crmdesk cannot write in the backups folder (read-only, permission refused or "
                "not a folder): no backup was taken and the workspace is as it was. Choose "
                "another backups folder in the preferences."
            )
        elif isinstance(error, BackupDiskFull):
            text = self.tr(
                "The disk holding the backups folder is full: no backup was taken, no partial "
                "file was left and the workspace is as it was. Free some space and try again."
            )
        else:
            return error.message
        where = error.path if isinstance(error, WorkspaceError) else self.folder
        return f"{text}\n{where}"


def taken_text(info: BackupInfo) -> str:
    """When a backup was taken, in the locale's short date and time format (local time)."""
    moment = info.taken_at
    stamp = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def server_restore_notice(parent: QWidget, location: str) -> QMessageBox:
    """File › Restore a backup… on a server's workspace: a restore puts a file in place of a
    file, and a server's database is put back from its ``pg_dump`` by its administrator, with
    everyone else's work in mind. Said, and nothing changed; opened without blocking."""
    box = QMessageBox(parent)
    box.setObjectName("serverRestoreNotice")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("RestoreDialog", "Restore a backup"))
    box.setText(
        QCoreApplication.translate(
            "RestoreDialog",
            "This workspace is a database on a PostgreSQL server, shared with the other people "
            "who use it: restoring it is the server administrator's job (from a pg_dump backup, "
            "with pg_restore). Nothing was changed.",
        )
    )
    box.setInformativeText(location)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
