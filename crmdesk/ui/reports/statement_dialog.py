"""A client's invoicing figures for a period: the one-page activity statement as PDF, or the
lines as CSV or Excel for the operator's own invoicing tool. Opened from the week of entries.

The figures are the timesheet's (each line rounded, the total the sum of the rounded lines),
whichever format is chosen.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients, timesheet
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import language
from crmdesk.ui.kit.styles import alert_colour, colour_icon
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Operations
from crmdesk.ui.reports.client_plan_dialog import (
    PdfSaver,
    add_months,
    month_label,
    suggested_path,
)

#: The formats offered, with their suffix.
FORMATS = (("pdf", ".pdf"), ("csv", ".csv"), ("xlsx", ".xlsx"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class StatementDialog(QDialog):
    """Client, period (a month, or from and to) and format, then Save as…"""

    #: The file was written (its path): for the status bar and the tests.
    saved = Signal(object)

    def __init__(
        self,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        client_id: int | None = None,
        month: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = operations
        self.setWindowTitle(self.tr("Activity statement"))
        fit_to_screen(self, 500, 300)
        first = (month or date.today()).replace(day=1)

        self.client = QComboBox()
        for info in operations.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        if client_id is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.client.setAccessibleName(self.tr("Client"))

        self.by_month = QRadioButton(self.tr("&Month"))
        self.by_range = QRadioButton(self.tr("F&rom"))
        self.by_month.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.by_month)
        choice.addButton(self.by_range)
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        offsets = range(-12, 4)
        for offset in offsets:
            shown = add_months(first, offset)
            self.month.addItem(month_label(shown), shown)
        self.month.setCurrentIndex(offsets.index(0))
        last = add_months(first, 1) - timedelta(days=1)
        self.start = QDateEdit(_qdate(first))
        self.end = QDateEdit(_qdate(last))
        for edit, name in ((self.start, self.tr("From")), (self.end, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
        dates = QHBoxLayout()
        dates.addWidget(self.start, 1)
        to_label = QLabel(self.tr("&to"))
        to_label.setBuddy(self.end)
        dates.addWidget(to_label)
        dates.addWidget(self.end, 1)

        self.format = QComboBox()
        self.format.setAccessibleName(self.tr("Format"))
        self.format.addItem(self.tr("PDF statement (one page)"), "pdf")
        self.format.addItem(self.tr("CSV (Excel, invoicing tools)"), "csv")
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")

        form = QFormLayout()
        form.addRow(self.tr("&Client"), self.client)
        form.addRow(self.by_month, self.month)
        form.addRow(self.by_range, dates)
        form.addRow(self.tr("F&ormat"), self.format)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button: QPushButton = self.buttons.addButton(
            self.tr("&Save as…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setEnabled(self.client.count() > 0)
        self.save_button.clicked.connect(self.choose_and_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.saver = PdfSaver(operations, self)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._failed)
        self.by_month.toggled.connect(self._period_kind_changed)
        self._period_kind_changed()

    def _period_kind_changed(self, _checked: bool = False) -> None:
        self.month.setEnabled(self.by_month.isChecked())
        self.start.setEnabled(self.by_range.isChecked())
        self.end.setEnabled(self.by_range.isChecked())

    def period(self) -> tuple[date, date]:
        if self.by_month.isChecked():
            first: date = self.month.currentData()
            return first, add_months(first, 1) - timedelta(days=1)
        return _day(self.start.date()), _day(self.end.date())

    def choose_and_save(self) -> None:
        client_id = self.client.currentData()
        if client_id is None or self.saver.busy:
            return
        start, end = self.period()
        if end < start:
            self._failed(self.tr("The end of the period is before its start."))
            return
        kind = self.format.currentData()
        suffix = dict(FORMATS)[kind]
        from crmdesk.render.reports import statement_file_name, statement_report

        suggested = Path(statement_file_name(self.client.currentText(), start, end))
        filters = {
            "pdf": self.tr("PDF document (*.pdf)"),
            "csv": self.tr("CSV file (*.csv)"),
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the activity statement"),
            suggested_path(suggested.stem + suffix),
            filters[kind],
        )
        if not name:
            return
        out = Path(name)
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        self.status.setStyleSheet("")
        if kind == "pdf":
            self.save_button.setEnabled(False)
            self.status.setText(self.tr("Printing the PDF…"))
            self.saver.save(statement_report(client_id, start, end, date.today()), out, language())
            return
        try:
            self.ops.read(
                timesheet.export_entries, start, end, out, client_id=client_id, language=language()
            )
        except CrmdeskError as error:
            self._failed(error_text(error))
            return
        self._saved(out)

    def _saved(self, out: Path) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Saved to %1").replace("%1", str(out)))
        self.saved.emit(out)

    def _failed(self, reason: str) -> None:
        self.save_button.setEnabled(self.client.count() > 0)
        self.status.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.status.setText(reason)

    def done(self, result: int) -> None:
        self.saver.cancel()
        super().done(result)
