"""The report window: a campaign recap, a quarterly review or a brief made into a PDF with its
steps in sight (figures, charts, printing), then shown page by page to save or send.

The figures are read and the charts drawn on a worker thread (matplotlib's ``Figure`` draws on
any thread; pyplot is never used), and Chromium prints on the GUI thread without blocking it,
so the window answers and Cancel works throughout. matplotlib, Jinja and QtWebEngine load with
the first report: the main window imports this module only then.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crmdesk.core import campaigns, clients
from crmdesk.core.changes import Changes
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError, ReportFailed
from crmdesk.core.reports.quarters import Quarter
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import language
from crmdesk.ui.kit.styles import WARNING_STYLE, alert_colour
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Job, Operations, Progress, show_error
from crmdesk.ui.reports.review_dialog import quarter_label
from crmdesk.ui.reports.send_dialog import RecapSendDialog

if TYPE_CHECKING:
    from crmdesk.render.pdf import PdfPrinter
    from crmdesk.render.reports import Report

GATHER, CHARTS, PRINT = range(3)
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


class ReportKind(StrEnum):
    RECAP = "recap"
    REVIEW = "review"
    BRIEF = "brief"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Which report a window makes: a campaign's recap or brief, or a client's quarter."""

    kind: ReportKind
    subject_id: int  # the campaign's id (recap, brief) or the client's (review)
    quarter: Quarter | None = None

    @classmethod
    def recap(cls, campaign_id: int) -> ReportRequest:
        return cls(ReportKind.RECAP, campaign_id)

    @classmethod
    def review(cls, client_id: int, quarter: Quarter) -> ReportRequest:
        return cls(ReportKind.REVIEW, client_id, quarter)

    @classmethod
    def brief(cls, campaign_id: int) -> ReportRequest:
        return cls(ReportKind.BRIEF, campaign_id)


def _page_work(
    workspace: Workspace,
    gather: Callable[[Session], Any],
    page: Callable[..., Report],
    folder: Path,
    language: str,
) -> Callable[[Progress], Report | None]:
    """Reads the report's data in a reader of its own, then writes its page and charts into
    ``folder``. Cancelling skips what is not started; a chart being drawn finishes first."""

    def work(progress: Progress) -> Report | None:
        from crmdesk.render.reports import user_templates  # loaded by the window already

        with workspace.reader() as session:
            data = gather(session)
            user_folder = user_templates(session)
        if not progress.report(CHARTS, PRINT):
            return None
        return page(data, folder, language=language, user_folder=user_folder)

    return work


class ReportWindow(QWidget):
    """Makes one report, shows its progress, then previews the PDF to save or send."""

    #: The PDF is on screen (its page count): for the tests and the status bar.
    ready = Signal(int)

    def __init__(
        self,
        ops: Operations,
        request: ReportRequest,
        parent: QWidget | None = None,
        *,
        who: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.request = request
        self.who = ops.who() if who is None else who
        self.language = language()
        self.report: Report | None = None
        self.pdf: bytes | None = None
        self.busy = True  # from the start: the report is made as soon as the window shows
        self.send_dialog: RecapSendDialog | None = None
        self._stale = False  # the settings changed while a report was being made
        self._generation = 0  # results of an earlier, cancelled run are dropped
        self._job: Job | None = None
        self._printer: PdfPrinter | None = None
        self._folders: list[Path] = []
        self._buffer: QBuffer | None = None
        self._print_timer = QTimer(self)
        self._print_timer.setSingleShot(True)
        self._print_timer.timeout.connect(self._print_timed_out)
        self.setWindowTitle(self._initial_title())
        # A page's height where the screen allows; a laptop's keeps the buttons in sight.
        fit_to_screen(self, 900, 1000)
        self._build()
        self._shortcuts()
        ops.changed.connect(self._on_changed)
        self._step(self._generation, GATHER)
        QTimer.singleShot(0, self, self._first_run)

    # -- layout -------------------------------------------------------------------------------

    def _initial_title(self) -> str:
        request = self.request
        try:
            if request.kind is ReportKind.REVIEW:
                assert request.quarter is not None
                name = next(
                    (
                        c.name
                        for c in self.ops.read(clients.list_clients)
                        if c.id == request.subject_id
                    ),
                    "",
                )
                return (
                    self.tr("Quarterly review — %1, %2")
                    .replace("%1", name)
                    .replace("%2", quarter_label(request.quarter))
                )
            name = self.ops.read(campaigns.load, request.subject_id).name
        except CrmdeskError:  # gone meanwhile: making the report says so
            name = ""
        if request.kind is ReportKind.RECAP:
            return self.tr("Campaign recap — %1").replace("%1", name)
        return self.tr("Brief as PDF — %1").replace("%1", name)

    def _build(self) -> None:
        # While the report is made: its steps, a bar, and what went wrong if it did.
        self.heading = QLabel(self.windowTitle())
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.step_texts = [
            self.tr("Gathering the figures"),
            self.tr("Laying out the page")
            if self.request.kind is ReportKind.BRIEF
            else self.tr("Drawing the charts"),
            self.tr("Printing the PDF"),
        ]
        self.step_labels = [QLabel(text) for text in self.step_texts]
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.step_labels))
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Progress of the report"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        self.retry_button = QPushButton(self.tr("&Try again"))
        self.retry_button.setToolTip(self.tr("Make the report again (F5)"))
        self.retry_button.clicked.connect(self.make)
        self.retry_button.hide()
        steps = QWidget()
        steps_layout = QVBoxLayout(steps)
        steps_layout.addStretch(1)
        steps_layout.addWidget(self.heading)
        for label in self.step_labels:
            steps_layout.addWidget(label)
        steps_layout.addWidget(self.progress)
        steps_layout.addWidget(self.problem)
        steps_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        steps_layout.addStretch(2)
        steps_page = QWidget()
        centred = QHBoxLayout(steps_page)
        centred.addStretch(1)
        centred.addWidget(steps, 3)
        centred.addStretch(1)

        # Once printed: the warnings, the pages, the zoom.
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings.hide()
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Preview of the PDF"))
        self.zoom_out_button = self._tool_button("−", self.tr("Zoom out (Ctrl+-)"), self.zoom_out)
        self.zoom_in_button = self._tool_button("+", self.tr("Zoom in (Ctrl+=)"), self.zoom_in)
        self.fit_button = self._tool_button(
            self.tr("Fit width"), self.tr("Fit the page to the window (Ctrl+0)"), self.fit_width
        )
        self.pages = QLabel()
        preview_page = QWidget()
        preview = QVBoxLayout(preview_page)
        preview.setContentsMargins(0, 0, 0, 0)
        preview.addWidget(self.warnings)
        preview.addWidget(self.view, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(steps_page)
        self.stack.addWidget(preview_page)

        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.save_button.setToolTip(self.tr("Save the PDF where you choose (Ctrl+S)"))
        self.save_button.clicked.connect(self.choose_and_save)
        self.send_button = QPushButton(self.tr("Send to the &client…"))
        self.send_button.setToolTip(
            self.tr("Email the PDF to the client's contacts through an SMTP account")
        )
        self.send_button.clicked.connect(self.open_send)
        self.send_button.setVisible(self.request.kind is ReportKind.RECAP)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.cancel_or_close)
        bar = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.pages):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)
        for button in (self.save_button, self.send_button, self.close_button):
            bar.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        self._show_ready(False)

    def _tool_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.choose_and_save),
            ("Ctrl+=", self.zoom_in),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            ("Ctrl+0", self.fit_width),
            ("F5", self.make),
            ("Esc", self.cancel_or_close),
            ("Ctrl+W", self.close),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)

    def _show_ready(self, ready: bool) -> None:
        """The buttons that need a PDF, enabled once there is one on screen."""
        has_pdf = ready and self.pdf is not None
        for widget in (
            self.save_button,
            self.send_button,
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
        ):
            widget.setEnabled(has_pdf)
        self.close_button.setText(self.tr("Cancel") if self.busy else self.tr("Close"))

    # -- making the report --------------------------------------------------------------------

    def _makers(self) -> tuple[Callable[[Session], Any], Callable[..., Report]]:
        """What to read and which page to write, for this request."""
        from crmdesk.render import reports  # matplotlib, Jinja, QtWebEngine: the first report

        today = date.today()
        request = self.request
        subject = request.subject_id
        if request.kind is ReportKind.RECAP:
            return reports.recap_report(subject, today)
        if request.kind is ReportKind.BRIEF:
            return reports.brief_report(subject, today)
        quarter = request.quarter
        assert quarter is not None
        return reports.review_report(subject, quarter, today)

    def _first_run(self) -> None:
        if self.busy and self._job is None:  # not cancelled before the window showed
            self._run()

    def make(self) -> None:
        """Make the report (again): read, draw, print. Asked while busy, it runs once more
        after the current run, so the preview ends up showing the latest settings."""
        if self.busy:
            self._stale = True
            return
        self._run()

    def _run(self) -> None:
        gather, page = self._makers()
        self._generation += 1
        generation = self._generation
        folder = Path(tempfile.mkdtemp(prefix="crmdesk-report-"))
        self._folders.append(folder)
        self.busy = True
        self._stale = False
        self.problem.hide()
        self.retry_button.hide()
        self.status.clear()
        if self.pdf is None:
            self.stack.setCurrentIndex(0)
        else:
            self.status.setText(self.tr("Updating the report…"))
        self._step(generation, GATHER)
        self._show_ready(self.pdf is not None)
        # A cancelled run's outcome is not wanted: the generation tells it from the current one.
        self._job = self.ops.run(
            _page_work(self.ops.workspace, gather, page, folder, self.language),
            initiator=self,
            on_progress=lambda step, _total: self._step(generation, step),
            on_done=partial(self._page_written, generation),
            on_failed=partial(self._page_refused, generation),
            on_finished=partial(self._page_finished, generation),
            context=f"making the report {self.request}",
        )

    def _step(self, generation: int, step: int) -> None:
        if generation != self._generation:
            return
        self.progress.setValue(step)
        for index, label in enumerate(self.step_labels):
            label.setEnabled(index <= step)
            font = label.font()
            font.setBold(index == step)
            label.setFont(font)
            mark = "✓" if index < step else ("▸" if index == step else "·")
            label.setText(f"{mark}  {self.step_texts[index]}")

    def _page_refused(self, generation: int, error: CrmdeskError) -> None:
        if generation == self._generation:
            self._failed(error_text(error))

    def _page_finished(self, generation: int) -> None:
        """Whatever happened: a run that neither printed nor failed (a bug) is not busy."""
        if generation != self._generation:
            return
        self._job = None
        if self._printer is None and self.busy:  # a bug, said by the crash dialog: try again
            self.busy = False
            self._stale = False
            self.retry_button.show()
            self._show_ready(self.pdf is not None)

    def _page_written(self, generation: int, report: Report | None) -> None:
        if generation != self._generation or report is None:
            return
        self.report = report
        self._step(generation, PRINT)
        from crmdesk.render.pdf import TIMEOUT_S, PdfPrinter
        from crmdesk.ui.bat.preview import register_scheme

        # Chromium fixes its URL schemes when its first profile starts, and this printer's may
        # be the first: the BAT previews' scheme is declared before, or they would stay blank.
        register_scheme()
        printer = PdfPrinter(self)
        printer.printed.connect(partial(self._printed, generation))
        printer.failed.connect(partial(self._print_failed, generation))
        self._drop_printer()
        self._printer = printer
        self._print_timer.start(int(TIMEOUT_S * 1000))
        printer.print_file(report.html)

    def _printed(self, generation: int, pdf: bytes) -> None:
        if generation != self._generation:
            return
        self._print_timer.stop()
        self._drop_printer()
        assert self.report is not None
        self.busy = False
        self.pdf = pdf
        self._show_pdf(pdf)
        self._drop_folders(keep=1)
        title = self.report.title
        self.setWindowTitle(title)
        self.heading.setText(title)
        warnings = self.report.warnings
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        self.pages.setText(self.tr("%n page(s)", "", self.document.pageCount()))
        self.stack.setCurrentIndex(1)
        self._show_ready(True)
        self.ready.emit(self.document.pageCount())
        if self._stale:
            self.make()

    def _show_pdf(self, pdf: bytes) -> None:
        """Load the PDF from memory; the buffer must outlive the document's use of it."""
        previous = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        self._buffer = buffer
        self.document.load(buffer)
        if previous is not None:
            previous.close()
            previous.deleteLater()

    def _print_failed(self, generation: int, reason: str) -> None:
        if generation != self._generation:
            return
        self._print_timer.stop()
        self._drop_printer()
        self._failed(self.tr("Chromium could not print the report: %1").replace("%1", reason))

    def _print_timed_out(self) -> None:
        self._generation += 1  # a late PDF is not wanted any more
        self._drop_printer()
        self._failed(
            self.tr("The report took too long to print. Try again, or close other windows first.")
        )

    def _failed(self, text: str) -> None:
        self.busy = False
        self._stale = False
        self.stack.setCurrentIndex(0)
        self.problem.setText(text)
        self.problem.show()
        self.retry_button.show()
        self.status.clear()
        self.pdf = None
        self._show_ready(False)

    def _drop_printer(self) -> None:
        if self._printer is not None:
            self._printer.deleteLater()
            self._printer = None

    def _drop_folders(self, keep: int = 0) -> None:
        """Remove the pages of earlier runs (and all of them, closing): their job is done."""
        stale = self._folders[: len(self._folders) - keep] if keep else list(self._folders)
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
            self._folders.remove(folder)

    def cancel(self) -> None:
        """Stop making the report: a chart being drawn finishes, nothing more is done."""
        if not self.busy:
            return
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._generation += 1
        self._print_timer.stop()
        self._drop_printer()
        self.busy = False
        self._stale = False
        self.status.setText(self.tr("Cancelled"))
        self._show_ready(self.pdf is not None)

    def cancel_or_close(self) -> None:
        """Esc: stops the report being made; with nothing on screen yet, or when idle, closes."""
        if self.busy and self.pdf is not None:
            self.cancel()
            return
        self.close()

    def _on_changed(self, changes: Changes) -> None:
        # The branding, the templates or a logo: what the PDF shows has changed.
        if changes.settings or changes.clients:
            self.make()

    # -- the preview --------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        current = self._shown_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(high, max(low, current * factor)))

    def _shown_zoom(self) -> float:
        """The zoom the pages are seen at: fitting the width leaves ``zoomFactor`` as it was,
        so zooming from there starts from the fitted size, not from a stale factor."""
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        available = self.view.viewport().width() - margins.left() - margins.right()
        page_width = self.document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        return available / page_width if page_width > 0 else self.view.zoomFactor()

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- saving and sending -------------------------------------------------------------------

    def choose_and_save(self) -> None:
        if self.pdf is None or self.report is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the PDF"),
            str(Path(folder or Path.home()) / self.report.file_name),
            self.tr("PDF document (*.pdf)"),
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        """Write the PDF whole at ``path`` (".pdf" added when missing); a refusal is shown and
        nothing is left behind, not even part of the file."""
        if self.pdf is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from crmdesk.render.pdf import write_atomically

        try:
            write_atomically(self.pdf, path)
        except ReportFailed as error:
            show_error(self, error)
            return False
        size = QLocale().formattedDataSize(len(self.pdf))
        self.status.setText(
            self.tr("Saved to %1 (%2)").replace("%1", str(path)).replace("%2", size)
        )
        return True

    def open_send(self) -> None:
        if self.pdf is None or self.report is None or self.request.kind is not ReportKind.RECAP:
            return
        if self.send_dialog is not None:
            self.send_dialog.raise_()
            self.send_dialog.activateWindow()
            return
        dialog = RecapSendDialog(
            self.ops,
            self.request.subject_id,
            self.pdf,
            self.report.file_name,
            who=self.who,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sent.connect(self.status.setText)
        dialog.finished.connect(forget(self, "send_dialog"))
        self.send_dialog = dialog
        dialog.open()

    # -- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.send_dialog is not None and not self.send_dialog.close():
            event.ignore()  # a send under way cannot be called back
            return
        job = self._job
        self.cancel()
        if job is not None:
            job.wait()  # at most the chart being drawn, then its folder can go
        self._drop_folders()
        self.document.close()
        super().closeEvent(event)
