"""Importing an ESP export into a campaign: recognise it, map its columns when crmdesk does not
know it, read it on a worker thread with progress and cancel, then write it in one short
transaction. A refused file names the line and column, and nothing is written."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import CrmdeskError
from crmdesk.core.stats import imports, layouts
from crmdesk.render.labels import field_label
from crmdesk.ui.checklist.window import short_date
from crmdesk.ui.stats.problems import refused_text

if TYPE_CHECKING:
    from crmdesk.ui.stats.window import StatsWindow

REPORT_FIELDS = layouts.REPORT_FIELDS
ACTIVITY_FIELDS = imports.ACTIVITY_FIELDS
#: A mapped report needs these to say anything; an activity file needs its three columns.
REPORT_NEEDS = ("sent", "delivered")
ACTIVITY_NEEDS = ("email", "event", "timestamp")


class MappingDialog(QDialog):
    """Which column of an unknown CSV holds which figure, remembered under the ESP's name."""

    def __init__(
        self,
        detected: imports.Detected,
        guess: dict[str, str],
        esp: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("StatsImport", "Map the columns of this export")
        )
        self.detected = detected
        intro = QLabel(
            QCoreApplication.translate(
                "StatsImport",
                "crmdesk does not know this export. Say which column holds each figure; "
                "the mapping is remembered for the ESP named below.",
            )
        )
        intro.setWordWrap(True)
        self.report_kind = QRadioButton(
            QCoreApplication.translate(
                "StatsImport", "&Campaign report (one line per campaign or variant)"
            )
        )
        self.activity_kind = QRadioButton(
            QCoreApplication.translate(
                "StatsImport", "Per-recipient &activity (address, event, time)"
            )
        )
        kinds = QButtonGroup(self)
        kinds.addButton(self.report_kind)
        kinds.addButton(self.activity_kind)
        (self.activity_kind if "event" in guess else self.report_kind).setChecked(True)
        kinds.buttonToggled.connect(lambda *_: self._kind_changed())
        self.esp = QLineEdit(esp)
        self.esp.setPlaceholderText(
            QCoreApplication.translate("StatsImport", "Sendinblue, Splio, Actito…")
        )
        self.combos: dict[str, QComboBox] = {}
        self.form = QFormLayout()
        for name in dict.fromkeys((*REPORT_FIELDS, *ACTIVITY_FIELDS)):
            combo = QComboBox()
            combo.addItem(QCoreApplication.translate("StatsImport", "— not in the file —"), "")
            for header in detected.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(name, ""))))
            combo.currentIndexChanged.connect(lambda _=0: self._check())
            self.combos[name] = combo
            self.form.addRow(field_label(name), combo)
        preview = QTableWidget(len(detected.rows_preview), len(detected.headers))
        preview.setHorizontalHeaderLabels(list(detected.headers))
        for row, values in enumerate(detected.rows_preview):
            for column, value in enumerate(values[: len(detected.headers)]):
                preview.setItem(row, column, QTableWidgetItem(value))
        preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        preview.setMaximumHeight(160)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        kinds_row = QHBoxLayout()
        kinds_row.addWidget(self.report_kind)
        kinds_row.addWidget(self.activity_kind)
        top = QFormLayout()
        top.addRow(QCoreApplication.translate("StatsImport", "ESP"), self.esp)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(kinds_row)
        layout.addLayout(top)
        layout.addLayout(self.form)
        layout.addWidget(
            QLabel(QCoreApplication.translate("StatsImport", "First lines of the file:"))
        )
        layout.addWidget(preview)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._kind_changed()

    def is_activity(self) -> bool:
        return self.activity_kind.isChecked()

    def _fields(self) -> tuple[str, ...]:
        return ACTIVITY_FIELDS if self.is_activity() else REPORT_FIELDS

    def _kind_changed(self) -> None:
        shown = set(self._fields())
        for name, combo in self.combos.items():
            self.form.setRowVisible(combo, name in shown)
        self._check()

    def mapping(self) -> dict[str, str]:
        return {
            name: self.combos[name].currentData()
            for name in self._fields()
            if self.combos[name].currentData()
        }

    def _check(self) -> None:
        chosen = self.mapping()
        needs = ACTIVITY_NEEDS if self.is_activity() else REPORT_NEEDS
        missing = [n for n in needs if n not in chosen]
        if self.is_activity():
            text = (
                QCoreApplication.translate("StatsImport", "Choose the columns: %1.").replace(
                    "%1", ", ".join(field_label(n) for n in missing)
                )
                if missing
                else ""
            )
        else:
            text = (
                QCoreApplication.translate(
                    "StatsImport", "Choose at least the column of emails sent or delivered."
                )
                if len(missing) == len(needs)
                else ""
            )
        self.problem.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not text)

    def esp_name(self) -> str:
        return self.esp.text().strip()


class _Delivery(QObject):
    progressed = Signal(int, int)
    done = Signal(object, object)  # Parsed | None, CrmdeskError | None


class ReadJob(QRunnable):
    """Reads and checks the file away from the GUI thread; nothing touches the workspace."""

    def __init__(
        self, path: Path, layout: str, mapping: dict[str, str] | None, target: imports.ImportTarget
    ) -> None:
        super().__init__()
        self.path, self.layout, self.mapping, self.target = path, layout, mapping, target
        self.cancelled = threading.Event()
        self.delivery = _Delivery()

    def _progress(self, done: int, total: int) -> bool:
        try:
            self.delivery.progressed.emit(done, total)
        except RuntimeError:  # the window closed meanwhile
            return False
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            parsed = imports.read_file(
                self.path,
                layout=self.layout,
                mapping=self.mapping,
                campaign_name=self.target.campaign_name,
                campaign_subject=self.target.subject,
                send_at=self.target.send_at,
                progress=self._progress,
            )
        except CrmdeskError as error:
            self._deliver(None, error)
            return
        except OSError as error:  # vanished or unreadable between detection and reading
            self._deliver(None, CrmdeskError(f"{self.path}: {error.strerror or error}"))
            return
        self._deliver(parsed, None)

    def _deliver(self, parsed: object, error: object) -> None:
        try:
            self.delivery.done.emit(parsed, error)
        except RuntimeError:
            pass


def choose_and_import(window: StatsWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("StatsImport", "Import an ESP export"),
        "",
        QCoreApplication.translate("StatsImport", "CSV exports (*.csv *.txt *.tsv);;All files (*)"),
    )
    if path:
        import_path(window, Path(path))


def import_path(
    window: StatsWindow,
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    esp: str | None = None,
) -> ReadJob | None:
    """Start importing ``path``; returns the running job (tests wait on it), or None when the
    file was refused or the operator cancelled the mapping."""
    try:
        detected = imports.detect(path)
        target = window.ops.read(imports.target, window.campaign_id)
    except CrmdeskError as error:
        window.show_message(refused_text(error))
        return None
    layout = "auto"
    esp_name = target.esp if esp is None else esp
    if detected.layout == "unknown":
        layout = "mapped"
        if mapping is None:
            saved = window.ops.read(imports.saved_mapping, esp_name) if esp_name else None
            guess = saved or imports.mapping_for_headers(detected.headers)
            dialog = MappingDialog(detected, guess, esp_name, window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            mapping, esp_name = dialog.mapping(), dialog.esp_name()
    job = ReadJob(path, layout, mapping, target)
    progress = QProgressDialog(
        QCoreApplication.translate("StatsImport", "Reading %1…").replace("%1", path.name),
        QCoreApplication.translate("StatsImport", "Cancel"),
        0,
        1000,
        window,
    )
    progress.setWindowTitle(QCoreApplication.translate("StatsImport", "Import"))
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(job.cancelled.set)

    def progressed(done: int, total: int) -> None:
        progress.setValue(int(done * 1000 / total) if total else 0)

    def finished(parsed: imports.Parsed | None, error: CrmdeskError | None) -> None:
        progress.close()
        window.import_job = None
        if error is not None:
            window.show_message(refused_text(error))
            return
        assert parsed is not None
        try:
            result, _ = window.ops.write(
                imports.save_parsed,
                window.campaign_id,
                parsed,
                esp=esp_name,
                mapping=mapping,
                imported_by=window.who,
            )
        except CrmdeskError as refused:
            window.show_message(refused_text(refused))
            return
        window.show_message(_result_text(path, parsed, result))

    job.delivery.progressed.connect(progressed)
    job.delivery.done.connect(finished)
    window.import_job = job
    pool = QThreadPool.globalInstance()
    pool.start(job)
    return job


def _result_text(path: Path, parsed: imports.Parsed, result: imports.ImportResult) -> str:
    if result.already_imported:
        return QCoreApplication.translate(
            "StatsImport", "%1 was already imported into this campaign: nothing changed."
        ).replace("%1", path.name)
    text = QCoreApplication.translate(
        "StatsImport", "%1: lines read: %2; figures saved for %3."
    ).replace("%2", QLocale().toString(result.rows))
    variants = [v for v in result.variants if v]
    text = text.replace("%1", path.name).replace("%3", short_date(result.taken_on))
    if variants:
        text += " " + QCoreApplication.translate("StatsImport", "Variants: %1.").replace(
            "%1", ", ".join(variants)
        )
    if parsed.notes:
        text += "\n" + "\n".join(parsed.notes)
    return text
