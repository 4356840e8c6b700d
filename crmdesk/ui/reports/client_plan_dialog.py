"""The client's plan as a PDF calendar (File › Client plan…): a client, a month or a quarter,
then Save as…; the page is laid out on a worker thread and Chromium prints it without blocking
the window, as the report window does, and the PDF is written whole where the user chose.

matplotlib, Jinja and QtWebEngine load with the first PDF, not when the dialog opens.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crmdesk.core import clients
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ReportFailed
from crmdesk.core.reports.quarters import Quarter
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import language
from crmdesk.ui.kit.styles import alert_colour, colour_icon
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Job, Operations, Progress
from crmdesk.ui.reports.review_dialog import quarter_label

if TYPE_CHECKING:
    from crmdesk.render.pdf import PdfPrinter
    from crmdesk.render.reports import Report

#: What a PDF reads in a session, and the page that turns it into HTML (``reports.Maker``).
Maker = tuple[Callable[[Session], Any], Callable[..., "Report"]]


def month_label(first: date) -> str:
    """ "January 2027", in French "Janvier 2027"."""
    text = QLocale().toString(QDate(first.year, first.month, 1), "MMMM yyyy")
    return text[:1].upper() + text[1:]


def add_months(first: date, count: int) -> date:
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _page_work(
    workspace: Workspace, maker: Maker, folder: Path, language: str
) -> Callable[[Progress], Report | None]:
    """Reads the data in a reader of its own and writes the page into ``folder``."""
    gather, page = maker

    def work(progress: Progress) -> Report | None:
        from crmdesk.render.reports import user_templates  # loaded by the caller already

        with workspace.reader() as session:
            data = gather(session)
            user_folder = user_templates(session)
        if progress.cancelled:
            return None
        return page(data, folder, language=language, user_folder=user_folder)

    return work


class PdfSaver(QObject):
    """Makes one report's PDF in the background and writes it at the path chosen: the report
    window's steps without its preview. Emits ``saved`` with the path, or ``failed`` with
    the sentence to show."""

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget) -> None:
        super().__init__(parent)
        self.ops = ops
        self._owner = parent
        self._job: Job | None = None
        self._printer: PdfPrinter | None = None
        self._folder: Path | None = None
        self._out: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)

    @property
    def busy(self) -> bool:
        return self._folder is not None

    def save(self, maker: Maker, out: Path, report_language: str) -> None:
        if self.busy:
            return
        self._out = out
        self._folder = Path(tempfile.mkdtemp(prefix="crmdesk-report-"))
        self._job = self.ops.run(
            _page_work(self.ops.workspace, maker, self._folder, report_language),
            initiator=self._owner,
            on_done=self._page_written,
            on_failed=lambda error: self._fail(error_text(error)),
            context=f"making the PDF {out.name}",
        )

    def _page_written(self, report: Report | None) -> None:
        self._job = None
        if report is None:
            self._finish()
            return
        from crmdesk.render.pdf import TIMEOUT_S, PdfPrinter
        from crmdesk.ui.bat.preview import register_scheme

        # Chromium fixes its URL schemes when its first profile starts, and this printer's may
        # be the first: the BAT previews' scheme is declared before, or they would stay blank.
        register_scheme()
        printer = PdfPrinter(self)
        printer.printed.connect(self._printed)
        printer.failed.connect(lambda reason: self._fail(reason))
        self._printer = printer
        self._timer.start(int(TIMEOUT_S * 1000))
        printer.print_file(report.html)

    def _printed(self, pdf: bytes) -> None:
        from crmdesk.render.pdf import write_atomically

        out = self._out
        assert out is not None
        try:
            write_atomically(pdf, out)
        except ReportFailed as error:
            self._fail(error_text(error))
            return
        self._finish()
        self.saved.emit(out)

    def _timed_out(self) -> None:
        self._fail(self.tr("The PDF took too long to print. Try again, or close other windows."))

    def _fail(self, reason: str) -> None:
        self._finish()
        self.failed.emit(reason)

    def _finish(self) -> None:
        self._timer.stop()
        if self._printer is not None:
            self._printer.deleteLater()
            self._printer = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._job = None

    def cancel(self) -> None:
        """Stop: the page being written finishes, nothing is printed nor written."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait()
        self._finish()


def suggested_path(name: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder or Path.home()) / name)


class ClientPlanDialog(QDialog):
    """A client, a month or a quarter, and Save as…: the plan as a calendar PDF for the client
    to confirm."""

    #: The PDF was written (its path): for the status bar and the tests.
    saved = Signal(object)

    def __init__(
        self,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        client_id: int | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Client plan"))
        fit_to_screen(self, 480, 260)
        today = today or date.today()

        self.client = QComboBox()
        for info in ops.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        if client_id is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.client.setAccessibleName(self.tr("Client"))

        self.by_month = QRadioButton(self.tr("&Month"))
        self.by_quarter = QRadioButton(self.tr("&Quarter"))
        self.by_month.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.by_month)
        choice.addButton(self.by_quarter)
        this_month = today.replace(day=1)
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        offsets = range(-3, 13)
        for offset in offsets:
            first = add_months(this_month, offset)
            self.month.addItem(month_label(first), first)
        self.month.setCurrentIndex(offsets.index(1))  # next month: a plan is confirmed ahead
        self.quarter = QComboBox()
        self.quarter.setAccessibleName(self.tr("Quarter"))
        current = Quarter.of(today)
        quarters = [current.previous(), current]
        while len(quarters) < 7:
            quarters.append(quarters[-1].next())
        for quarter in quarters:
            self.quarter.addItem(quarter_label(quarter), quarter)
        self.quarter.setCurrentIndex(2)  # the next quarter: a plan is confirmed ahead

        form = QFormLayout()
        form.addRow(self.tr("&Client"), self.client)
        form.addRow(self.by_month, self.month)
        form.addRow(self.by_quarter, self.quarter)
        note = QLabel(
            self.tr(
                "Sends with their time, subject and segments, the BAT and analysis dates, "
                "blackout dates and holidays: never internal notes."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button: QPushButton = self.buttons.addButton(
            self.tr("&Save as…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setToolTip(self.tr("Print the plan to a PDF where you choose"))
        self.save_button.setEnabled(self.client.count() > 0)
        self.save_button.clicked.connect(self.choose_and_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.saver = PdfSaver(ops, self)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._failed)
        self.by_month.toggled.connect(self._period_kind_changed)
        self._period_kind_changed()
        if self.client.count() == 0:
            self.status.setText(self.tr("Add a client first: a plan is one client's."))

    def _period_kind_changed(self, _checked: bool = False) -> None:
        self.month.setEnabled(self.by_month.isChecked())
        self.quarter.setEnabled(self.by_quarter.isChecked())

    def _period(self) -> tuple[date | None, Quarter | None]:
        if self.by_month.isChecked():
            return self.month.currentData(), None
        return None, self.quarter.currentData()

    def choose_and_save(self) -> None:
        client_id = self.client.currentData()
        if client_id is None or self.saver.busy:
            return
        from crmdesk.render.reports import client_plan_report, plan_file_name

        month, quarter = self._period()
        period = quarter if quarter is not None else month
        assert period is not None
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the client plan"),
            suggested_path(plan_file_name(self.client.currentText(), period)),
            self.tr("PDF document (*.pdf)"),
        )
        if not name:
            return
        out = Path(name)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        report_language = language()
        maker = client_plan_report(
            client_id, month=month, quarter=quarter, today=date.today(), language=report_language
        )
        self._busy(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Printing the PDF…"))
        self.saver.save(maker, out, report_language)

    def _busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        for widget in (self.client, self.by_month, self.by_quarter):
            widget.setEnabled(not busy)
        if busy:
            self.month.setEnabled(False)
            self.quarter.setEnabled(False)
        else:
            self._period_kind_changed()

    def _saved(self, out: Path) -> None:
        self._busy(False)
        size = QLocale().formattedDataSize(out.stat().st_size)
        self.status.setText(self.tr("Saved to %1 (%2)").replace("%1", str(out)).replace("%2", size))
        self.saved.emit(out)

    def _failed(self, reason: str) -> None:
        self._busy(False)
        self.status.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.status.setText(reason)

    def done(self, result: int) -> None:
        self.saver.cancel()
        super().done(result)
