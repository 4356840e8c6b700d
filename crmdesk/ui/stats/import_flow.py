"""Importing an ESP export into a campaign: recognise it, map its columns when crmdesk does not
know it, read it on a worker thread with progress and cancel, then write it in one short
transaction. A refused file names the line and column, and nothing is written. A file that
does not look like the campaign's (another campaign's name, subject or send date, activity from
before the send) or that would replace the day's recorded figures is listed in a question, and
written only when the operator answers "Import anyway".

The stats window owns a ``StatsImport``; this module knows nothing of the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
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
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import CrmdeskError
from crmdesk.core.stats import imports, layouts
from crmdesk.render.labels import field_label
from crmdesk.ui.kit.formats import short_date
from crmdesk.ui.operations import Job, Operations, Progress, ProgressText
from crmdesk.ui.stats.problems import refused_text

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


class StatsImport(QObject):
    """The imports of one campaign's stats window: it owns this object and shows its messages.

    The file is recognised on the GUI thread (a few lines), read and checked on a worker with a
    progress dialog and Cancel, then written in one short transaction; the window hears the
    figures through the announcement of what changed."""

    #: A sentence for the window: the refusal, or what was imported.
    message = Signal(str)

    def __init__(self, ops: Operations, campaign_id: int, who: str, window: QWidget) -> None:
        super().__init__(window)
        self.ops, self.campaign_id, self.who, self.window = ops, campaign_id, who, window
        #: The file being read, if any.
        self.job: Job | None = None
        #: The question open about a file that does not look like the campaign's, if any, and
        #: its "Import anyway" button.
        self.question: QMessageBox | None = None
        self.import_anyway: QPushButton | None = None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("StatsImport", "Import an ESP export"),
            "",
            QCoreApplication.translate(
                "StatsImport", "CSV exports (*.csv *.txt *.tsv);;All files (*)"
            ),
        )
        if path:
            self.import_path(Path(path))

    def import_path(
        self, path: Path, *, mapping: dict[str, str] | None = None, esp: str | None = None
    ) -> Job | None:
        """Start importing ``path``; returns the running job (tests wait on it), or None when
        the file was refused or the operator cancelled the mapping."""
        try:
            detected = imports.detect(path)
            target = self.ops.read(imports.target, self.campaign_id)
        except CrmdeskError as error:
            self.message.emit(refused_text(error))
            return None
        layout = "auto"
        esp_name = target.esp if esp is None else esp
        if detected.layout == "unknown":
            layout = "mapped"
            if mapping is None:
                saved = self.ops.read(imports.saved_mapping, esp_name) if esp_name else None
                guess = saved or imports.mapping_for_headers(detected.headers)
                dialog = MappingDialog(detected, guess, esp_name, self.window)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                mapping, esp_name = dialog.mapping(), dialog.esp_name()

        def work(progress: Progress) -> imports.Parsed:
            try:
                return imports.read_file(
                    path,
                    layout=layout,
                    mapping=mapping,
                    campaign_name=target.campaign_name,
                    campaign_subject=target.subject,
                    send_at=target.send_at,
                    progress=progress,
                )
            except OSError as error:  # vanished or unreadable between detection and reading
                raise CrmdeskError(f"{path}: {error.strerror or error}") from error

        def save(parsed: imports.Parsed, force: bool) -> None:
            try:
                result, _ = self.ops.write(
                    imports.save_parsed,
                    self.campaign_id,
                    parsed,
                    esp=esp_name,
                    mapping=mapping,
                    imported_by=self.who,
                    force=force,
                )
            except CrmdeskError as refused:
                self.message.emit(refused_text(refused))
                return
            self.message.emit(_result_text(path, parsed, result))

        def read(parsed: imports.Parsed) -> None:
            try:
                seen = self.ops.read(imports.inspect, self.campaign_id, parsed)
            except CrmdeskError as refused:
                self.message.emit(refused_text(refused))
                return
            if seen.already_imported or not seen.mismatches:
                save(parsed, False)
                return
            self._ask(path, seen.mismatches, lambda: save(parsed, True))

        self.job = self.ops.run(
            work,
            initiator=self.window,
            progress=ProgressText(
                QCoreApplication.translate("StatsImport", "Reading %1…").replace("%1", path.name),
                QCoreApplication.translate("StatsImport", "Import"),
                QCoreApplication.translate("StatsImport", "Cancel"),
            ),
            on_done=read,
            on_failed=lambda error: self.message.emit(refused_text(error)),
            on_finished=self._finished,
            context=f"importing the stats export {path.name} into campaign {self.campaign_id}",
        )
        return self.job

    def _finished(self) -> None:
        self.job = None

    def _ask(
        self, path: Path, mismatches: tuple[imports.Mismatch, ...], go: Callable[[], None]
    ) -> None:
        """List what does not match and import only on "Import anyway"; opened window-modal
        rather than run in a nested loop, so the window keeps painting behind it."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("StatsImport", "Import this file?"))
        replacing = all(m.field == "replaces" for m in mismatches)
        box.setText(
            QCoreApplication.translate(
                "StatsImport", "%1 would replace figures already recorded."
            ).replace("%1", path.name)
            if replacing
            else QCoreApplication.translate(
                "StatsImport", "%1 does not look like this campaign's export."
            ).replace("%1", path.name)
        )
        box.setInformativeText("\n".join(f"• {mismatch_text(m)}" for m in mismatches))
        anyway = box.addButton(
            QCoreApplication.translate("StatsImport", "Import anyway"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        cancel = box.addButton(
            QCoreApplication.translate("StatsImport", "Cancel"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            chosen = box.clickedButton()
            self.question = self.import_anyway = None
            box.deleteLater()
            if chosen is anyway:
                go()
            else:
                self.message.emit(
                    QCoreApplication.translate(
                        "StatsImport", "%1 was not imported: nothing was written."
                    ).replace("%1", path.name)
                )

        box.finished.connect(lambda _=0: answered())
        self.question, self.import_anyway = box, anyway
        box.open()


def _day_text(iso: str) -> str:
    """An ISO day, optionally with a time ("2026-12-08 09:30"), in the user's short format."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    rest = iso[10:].strip()
    return f"{short_date(day)} {rest}".strip()


def mismatch_text(mismatch: imports.Mismatch) -> str:
    """One mismatch of an import, in the user's language: what the file says, what the
    campaign says."""
    in_file, in_campaign = mismatch.in_file, mismatch.in_campaign
    if mismatch.field == "campaign":
        text = QCoreApplication.translate(
            "StatsImport", "The file is about the campaign “%1”; this campaign is “%2”."
        )
    elif mismatch.field == "subject":
        text = QCoreApplication.translate(
            "StatsImport", "The file’s subject is “%1”; this campaign’s is “%2”."
        )
    elif mismatch.field == "send_date":
        text = QCoreApplication.translate(
            "StatsImport", "The file’s send date is %1; this campaign was sent on %2."
        )
    elif mismatch.field == "events_before":
        text = QCoreApplication.translate(
            "StatsImport", "The file has opens or clicks from %1, before this campaign’s send (%2)."
        )
    elif mismatch.field == "events_after":
        text = QCoreApplication.translate(
            "StatsImport",
            "The file has opens or clicks until %1, more than 60 days after this campaign’s "
            "send (%2).",
        )
    elif mismatch.field == "replaces":
        text = QCoreApplication.translate(
            "StatsImport", "Figures are already recorded for %1 (%2): they would be replaced."
        )
        typed = QCoreApplication.translate("StatsImport", "typed in")
        in_campaign = ", ".join(typed if o == "typed" else o for o in in_campaign.split(", "))
    else:
        return mismatch.message
    if mismatch.field in ("send_date", "events_before", "events_after", "replaces"):
        in_file = _day_text(in_file)
    if mismatch.field in ("send_date", "events_before", "events_after"):
        in_campaign = _day_text(in_campaign)
    return text.replace("%1", in_file).replace("%2", in_campaign)


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
