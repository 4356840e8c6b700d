"""Importing the plan the operator kept in Excel: read the file on a worker thread, show which
column feeds which field (correctable), preview the first campaigns and what will be created
(new clients and segments, to confirm), then write everything or nothing with a progress bar and
Cancel. Exporting the plan is a file dialog and one core call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import plan, tabular
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.labels import status_label, type_label
from crmdesk.ui.operations import Job, Kind, Operations, Progress, show_error


def field_label(name: str) -> str:
    return {
        "client": QCoreApplication.translate("PlanImport", "Client"),
        "name": QCoreApplication.translate("PlanImport", "Campaign"),
        "send_date": QCoreApplication.translate("PlanImport", "Send date"),
        "send_time": QCoreApplication.translate("PlanImport", "Send time"),
        "type": QCoreApplication.translate("PlanImport", "Type"),
        "channel": QCoreApplication.translate("PlanImport", "Channel"),
        "segments": QCoreApplication.translate("PlanImport", "Segments"),
        "status": QCoreApplication.translate("PlanImport", "Status"),
        "subject": QCoreApplication.translate("PlanImport", "Subject"),
        "preheader": QCoreApplication.translate("PlanImport", "Preheader"),
        "volume": QCoreApplication.translate("PlanImport", "Volume"),
        "esp": QCoreApplication.translate("PlanImport", "ESP"),
        "notes": QCoreApplication.translate("PlanImport", "Notes"),
    }.get(name, name)


def problem_text(problem: plan.PlanProblem) -> str:
    """ "Line 12, column “Date d'envoi”: …" in the user's language."""
    sentence = {
        "bad_date": QCoreApplication.translate(
            "PlanImport", "this is not a date (dd/mm/yyyy or yyyy-mm-dd), or the day does not exist"
        ),
        "bad_time": QCoreApplication.translate(
            "PlanImport", "this is not a time (9h30, 09:30 or 9:30 AM)"
        ),
        "unknown_status": QCoreApplication.translate(
            "PlanImport",
            "unknown status (draft, brief, production, BAT, approved, scheduled, sent…)",
        ),
        "unknown_type": QCoreApplication.translate(
            "PlanImport", "unknown type (newsletter, promo, relance, erratum, automation)"
        ),
        "unknown_channel": QCoreApplication.translate(
            "PlanImport", "unknown channel (email, SMS, push)"
        ),
        "bad_volume": QCoreApplication.translate("PlanImport", "the volume is not a whole number"),
        "missing_value": QCoreApplication.translate("PlanImport", "this cell is empty"),
        "name_too_long": QCoreApplication.translate("PlanImport", "the name is too long"),
        "too_long": QCoreApplication.translate("PlanImport", "the text is too long"),
        "time_skipped": QCoreApplication.translate(
            "PlanImport", "this time does not exist that day (the clocks jump forward)"
        ),
    }.get(problem.code)
    if sentence is None:
        return problem.message
    return (
        QCoreApplication.translate("PlanImport", "Line %1, column “%2”: %3")
        .replace("%1", str(problem.line))
        .replace("%2", problem.column_header or field_label(problem.field))
        .replace("%3", sentence)
    )


def refused_text(error: CrmdeskError) -> str:
    """A refused file or plan in the user's language, naming the file."""
    source = getattr(error, "source", "")
    texts = {
        "missing": QCoreApplication.translate("PlanImport", "This file does not exist."),
        "empty": QCoreApplication.translate("PlanImport", "This file is empty: no header row."),
        "not_a_spreadsheet": QCoreApplication.translate(
            "PlanImport", "This file is not a spreadsheet: save it as .xlsx or CSV."
        ),
        "protected": QCoreApplication.translate(
            "PlanImport",
            "This workbook is password-protected (or an old .xls): save it unprotected as "
            ".xlsx, or as CSV, and import that.",
        ),
        "unknown_sheet": error.message,
        "too_large": QCoreApplication.translate("PlanImport", "This file is too large."),
        "binary": QCoreApplication.translate(
            "PlanImport", "This file holds binary data, not a table: is it the right file?"
        ),
        "unreadable": QCoreApplication.translate("PlanImport", "This file cannot be read."),
        "unmapped": QCoreApplication.translate(
            "PlanImport",
            "No column gives the client, the campaign name or the send date: choose them below.",
        ),
        "cancelled": QCoreApplication.translate(
            "PlanImport", "Import cancelled: nothing was written."
        ),
    }
    code = getattr(error, "code", "")
    text = texts.get(code, error.message)
    return f"{text}\n{source}" if source and source not in text else text


class PlanImportDialog(QDialog):
    """File › Import a plan…: mapping, preview, confirmation, progress and Cancel."""

    imported = Signal(object)  # plan.PlanResult

    def __init__(self, ops: Operations, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.path = path
        self.table: tabular.Table | None = None
        self.preview: plan.PlanPreview | None = None
        self.job: Job | None = None
        self.result: plan.PlanResult | None = None
        self.setWindowTitle(self.tr("Import a plan — %1").replace("%1", path.name))
        self.resize(1100, 660)

        self.sheet = QComboBox()
        self.sheet.setVisible(False)
        self.sheet.activated.connect(lambda _index: self.load())
        self.status = QLabel(self.tr("Reading %1…").replace("%1", path.name))
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        self.sheet_label = QLabel(self.tr("&Sheet"))
        self.sheet_label.setBuddy(self.sheet)
        self.sheet_label.setVisible(False)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet)

        mapping_box = QGroupBox(self.tr("Columns"))
        grid = QGridLayout(mapping_box)
        self.columns: dict[str, QComboBox] = {}
        for index, name in enumerate(plan.FIELDS):
            combo = QComboBox()
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.activated.connect(lambda _index: self._mapping_changed())
            label = QLabel(field_label(name) + (" *" if name in plan.REQUIRED else ""))
            label.setBuddy(combo)
            row, column = divmod(index, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
            self.columns[name] = combo

        self.rows = QTableWidget(0, 8)
        self.rows.setHorizontalHeaderLabels(
            [
                self.tr("Line"),
                field_label("client"),
                field_label("name"),
                self.tr("Send"),
                field_label("type"),
                field_label("status"),
                field_label("segments"),
                self.tr("In the workspace"),
            ]
        )
        self.rows.verticalHeader().setVisible(False)
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.additions = QLabel()
        self.additions.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setVisible(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(mapping_box)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.additions)
        left_layout.addWidget(self.problems, 1)
        left_layout.addStretch(0)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("First campaigns read:")))
        right_layout.addWidget(self.rows, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 680])

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self.run_preview)
        QTimer.singleShot(0, self.load)

    # -- reading ------------------------------------------------------------------------------

    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def _start(
        self,
        work: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[CrmdeskError], None],
        *,
        kind: Kind = "other",
        context: str,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.job = self.ops.run(
            work,
            initiator=self,
            on_done=done,
            on_failed=failed,
            on_finished=self._finished,
            on_progress=on_progress,
            kind=kind,
            context=f"{context} {self.path.name}",
        )

    def _finished(self) -> None:
        """Whatever happened: a bug (said by the crash dialog) leaves the dialog usable."""
        if self.progress.isVisible() and self.result is None:
            self.progress.setVisible(False)
            for widget in (self.sheet, *self.columns.values()):
                widget.setEnabled(True)
            self.run_preview()

    def load(self) -> None:
        sheet = self.sheet.currentText() or None
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Reading %1…").replace("%1", self.path.name))
        path = self.path
        self._start(
            lambda _progress: tabular.read_table(path, sheet=sheet),
            self._loaded,
            self._refused,
            context="reading the plan",
        )

    def _loaded(self, table: tabular.Table) -> None:
        self.table = table
        if len(table.sheets) > 1:
            self.sheet.blockSignals(True)
            self.sheet.clear()
            self.sheet.addItems(list(table.sheets))
            self.sheet.setCurrentText(table.sheet or table.sheets[0])
            self.sheet.blockSignals(False)
            self.sheet.setVisible(True)
            self.sheet_label.setVisible(True)
        found = plan.PlanMapping.recognise(table.headers)
        for name, combo in self.columns.items():
            combo.clear()
            combo.addItem(self.tr("— not in the file —"), None)
            for index, header in enumerate(table.headers):
                combo.addItem(header or self.tr("column %1").replace("%1", str(index + 1)), index)
            combo.setCurrentIndex(max(0, combo.findData(found.column(name))))
        self.run_preview()

    def mapping(self) -> plan.PlanMapping:
        return plan.PlanMapping({name: c.currentData() for name, c in self.columns.items()})

    def _mapping_changed(self) -> None:
        self._preview_timer.start()

    def run_preview(self) -> None:
        if self.table is None:
            return
        if self.busy():  # a preview of the previous mapping is running: this one follows it
            self._preview_timer.start()
            return
        table, mapping = self.table, self.mapping()
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Checking %n row(s)…", "", len(table.rows)))

        workspace = self.ops.workspace

        def work(_progress: Progress) -> plan.PlanPreview:
            with workspace.reader() as session:
                return plan.preview(session, table, mapping)

        self._start(
            work, self._previewed, self._refused, kind="workspace", context="previewing the plan"
        )

    def _previewed(self, preview: plan.PlanPreview) -> None:
        self.preview = preview
        self._show_rows(preview)
        locale = QLocale()
        self.summary.setText(
            self.tr("%n campaign(s) to create", "", preview.created)
            + " · "
            + self.tr("%n already in the workspace (left as they are)", "", preview.unchanged)
            + " · "
            + self.tr(
                "%n empty row(s) and %1 total row(s) skipped", "", preview.skipped_empty
            ).replace("%1", locale.toString(preview.skipped_total))
        )
        lines = []
        if preview.new_clients:
            lines.append(
                self.tr("New clients (%1): %2")
                .replace("%1", str(len(preview.new_clients)))
                .replace("%2", ", ".join(preview.new_clients))
            )
        if preview.new_segments:
            shown = ", ".join(f"{c} › {s}" for c, s in preview.new_segments[:30])
            more = len(preview.new_segments) - 30
            lines.append(
                self.tr("New segments (%1): %2")
                .replace("%1", str(len(preview.new_segments)))
                .replace("%2", shown + (f" … (+{more})" if more > 0 else ""))
            )
        self.additions.setText("\n".join(lines))
        self.additions.setVisible(bool(lines))
        self.problems.clear()
        for problem in preview.problems:
            self.problems.addItem(problem_text(problem))
        if preview.problem_count > len(preview.problems):
            self.problems.addItem(
                self.tr(
                    "… and %n more problem(s).", "", preview.problem_count - len(preview.problems)
                )
            )
        self.problems.setVisible(bool(preview.problem_count))
        if preview.problem_count:
            self.status.setText(
                self.tr(
                    "%n problem(s) to fix in the file (or in the columns) before importing:",
                    "",
                    preview.problem_count,
                )
            )
        elif not preview.created:
            self.status.setText(self.tr("Nothing new to import: every campaign is already there."))
        else:
            self.status.setText(self.tr("Check the columns and what will be created, then import."))
        self.import_button.setEnabled(not preview.problem_count and preview.created > 0)

    def _show_rows(self, preview: plan.PlanPreview) -> None:
        locale = QLocale()
        self.rows.setRowCount(len(preview.rows))
        for index, row in enumerate(preview.rows):
            day = locale.toString(QDate(row.send_date), QLocale.FormatType.ShortFormat)
            values = [
                str(row.line),
                row.client,
                row.name,
                f"{day} {row.send_time:%H:%M}",
                type_label(row.type),
                status_label(row.status),
                ", ".join(row.segments),
                self.tr("already there") if row.exists else self.tr("new"),
            ]
            for column, value in enumerate(values):
                self.rows.setItem(index, column, QTableWidgetItem(value))
        self.rows.resizeColumnsToContents()

    def _refused(self, error: CrmdeskError) -> None:
        self.preview = None
        self.rows.setRowCount(0)
        self.summary.clear()
        self.additions.clear()
        self.problems.clear()
        self.problems.setVisible(False)
        self.status.setText(refused_text(error))
        self.import_button.setEnabled(False)

    # -- writing ------------------------------------------------------------------------------

    def start_import(self) -> None:
        preview = self.preview
        if preview is None or self.busy():
            return
        for widget in (self.import_button, self.sheet, *self.columns.values()):
            widget.setEnabled(False)
        self.progress.setRange(0, max(1, preview.created))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Importing %n campaign(s)…", "", preview.created))
        workspace = self.ops.workspace

        def work(progress: Progress) -> plan.PlanResult:
            with workspace.session() as session:
                return plan.apply(session, preview, progress=progress)

        self._start(
            work,
            self._imported,
            self._import_failed,
            kind="workspace",
            context="importing",
            on_progress=lambda done, _total: self.progress.setValue(done),
        )

    def _imported(self, result: plan.PlanResult) -> None:
        """The campaigns are written; what they changed is announced after this."""
        self.result = result
        self.progress.setValue(self.progress.maximum())
        self.imported.emit(result)
        super().accept()

    def _import_failed(self, error: CrmdeskError) -> None:
        self.progress.setVisible(False)
        for widget in (self.sheet, *self.columns.values()):
            widget.setEnabled(True)
        self.status.setText(refused_text(error))
        if getattr(error, "code", "") != "cancelled":
            show_error(self, error)
        self.run_preview()

    def cancel(self) -> None:
        """Cancel stops an import under way (nothing is written), else closes the dialog."""
        if self.busy() and self.progress.isVisible():
            assert self.job is not None
            self.job.cancel()
            return
        self.reject()

    def reject(self) -> None:
        if self.job is not None and self.busy():
            self.job.cancel()
            self.job.wait()
        super().reject()
