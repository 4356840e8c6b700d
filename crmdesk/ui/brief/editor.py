"""The brief editor: every field of a brief, its completeness live, autosave and its history.

Typing restarts a one-second timer; the brief is saved when it fires, and at the latest two
seconds after the first unsaved keystroke, so a crash loses at most those two seconds. Each
window is one editing session: its saves coalesce into one version of the history.

Each save expects the brief as the window last loaded or saved it (issue 22): when someone else
saved it meanwhile, nothing is written and the window asks whether to reload their brief and
apply the operator's changes on it (then saved) or discard them; until the operator chooses,
the text stays on screen and the window does not close.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QLocale,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QButtonGroup,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.briefs import service
from crmdesk.core.briefs.completeness import Completeness, completeness
from crmdesk.core.briefs.content import Asset, BriefContent, Cta, KpiTargets, Tone
from crmdesk.core.briefs.diff import diff
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.brief.labels import completeness_text, field_label
from crmdesk.ui.kit import conflict
from crmdesk.ui.kit.dialogs import forget, weakly
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.styles import MARKED_STYLE
from crmdesk.ui.labels import type_label
from crmdesk.ui.operations import Job, Operations, show_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crmdesk.core.briefs.importer import ImportedText
    from crmdesk.core.concurrency import StaleEdit

AUTOSAVE_AFTER_MS = 1000
AUTOSAVE_AT_MOST_MS = 2000
NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "—"
DIFF_COLOURS = {"changed": "#fef3c7", "added": "#dcfce7", "removed": "#fee2e2"}


class DateField(QDateEdit):
    """A date that may be empty (its minimum shows as "—")."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.setDate(NO_DATE)
        self.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))

    def value(self) -> date | None:
        return None if self.date() == NO_DATE else self.date().toPython()

    def set_value(self, day: date | None) -> None:
        self.setDate(NO_DATE if day is None else QDate(day))


class OptionalNumber(QDoubleSpinBox):
    """A KPI target that may be unset (its minimum shows as "—")."""

    def __init__(self, maximum: float, decimals: int, suffix: str = "") -> None:
        super().__init__()
        self.setRange(-1, maximum)
        self.setDecimals(decimals)
        self.setSpecialValueText("—")
        self.setSuffix(suffix)
        self.setValue(-1)

    def number(self) -> float | None:
        return None if self.value() < 0 else self.value()

    def set_number(self, value: float | None) -> None:
        self.setValue(-1 if value is None else value)


class RestoreVersion(QUndoCommand):
    """Restoring is a new version; undoing it restores the version that was current before."""

    def __init__(self, editor: BriefEditor, number: int) -> None:
        text = QCoreApplication.translate("BriefEditor", "restore version %1")
        super().__init__(text.replace("%1", str(number)))
        self.editor = editor
        self.number = number
        self.previous = editor.latest_version

    def redo(self) -> None:
        self.editor.restore_version(self.number)

    def undo(self) -> None:
        if self.previous is not None:
            self.editor.restore_version(self.previous)


def save_and_reload(
    session: Session,
    campaign_id: int,
    content: BriefContent,
    editing_session: str,
    **expected: object,
) -> tuple[service.SaveOutcome, service.BriefState, Changes]:
    """Save, then read the brief back in the same transaction: its version and content as
    stored are what the next save expects."""
    outcome = service.save(session, campaign_id, content, editing_session, **expected)  # type: ignore[arg-type]
    return outcome, service.load(session, campaign_id), outcome.changes


def brief_value(field: str, value: object) -> str | None:
    """A brief's field in a sentence, where the generic wording would show a structure."""
    if isinstance(value, KpiTargets):
        given = [str(v) for v in (value.open_rate, value.click_rate, value.conversions) if v]
        return conflict.value_text(" / ".join(given))
    if field == "ctas" and isinstance(value, tuple):
        return conflict.value_text(", ".join(c.label for c in value))
    if field == "assets" and isinstance(value, tuple):
        return conflict.value_text(", ".join(a.name for a in value))
    return None


class BriefEditor(QWidget):
    saved = Signal(int)  # version number
    #: The brief alone as a PDF, for the client to confirm (the campaign's id), once saved.
    pdf_requested = Signal(int)

    def __init__(self, ops: Operations, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.import_job: Job | None = None  # a document being read off the GUI thread
        self.campaign_id = campaign_id
        self.editing_session = str(uuid.uuid4())
        self.undo_stack = QUndoStack(self)
        self._loading = False
        self._dirty = False
        self._first_unsaved = QElapsedTimer()
        self.latest_version: int | None = None
        self.state = ops.read(service.load, campaign_id)
        #: The brief as last loaded or saved: what a save expects to find (issue 22).
        self.started_from = self.state.content
        self.conflict_dialog: conflict.ConflictDialog | None = None
        self._marked: list[QWidget] = []
        self.setWindowTitle(
            self.tr("Brief — %1 (%2)")
            .replace("%1", self.state.campaign_name)
            .replace("%2", self.state.client_name)
        )
        fit_to_screen(self, 1280, 860)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_AFTER_MS)
        self.autosave.timeout.connect(self.save_now)

        self._build()
        self.set_content(self.state.content)
        self.latest_version = self.state.latest_version
        self.refresh_versions()
        self.update_completeness()
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.undo_stack.redo)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_now)
        QShortcut(QKeySequence("Ctrl+P"), self, self.request_pdf)
        ops.changed.connect(self._on_changed)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(f"<b>{self.state.campaign_name}</b> — {self.state.client_name}")
        self.score = QProgressBar()
        self.score.setRange(0, 100)
        self.score.setFormat(self.tr("%p % complete"))
        self.score.setMinimumWidth(220)
        self.save_state = QLabel()
        self.template_button = QPushButton(self.tr("Save as template…"))
        self.template_button.setToolTip(
            self.tr("New briefs of this client and campaign type will start from this one")
        )
        self.template_button.clicked.connect(self._save_as_template)
        self.pdf_button = QPushButton(self.tr("Brief as PDF…"))
        self.pdf_button.setToolTip(
            self.tr("The brief alone as a PDF, for the client to confirm (Ctrl+P)")
        )
        self.pdf_button.clicked.connect(self.request_pdf)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.template_button)
        header.addWidget(self.pdf_button)
        header.addWidget(self.save_state)
        header.addWidget(self.score)

        form_host = QWidget()
        form_layout = QVBoxLayout(form_host)
        self.fields: dict[str, QWidget] = {}

        def text_line(name: str) -> QLineEdit:
            widget = QLineEdit()
            widget.textChanged.connect(self._changed)
            self.fields[name] = widget
            return widget

        def text_block(name: str, height: int = 70) -> QPlainTextEdit:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(height)
            widget.textChanged.connect(self._changed)
            self.fields[name] = widget
            return widget

        def date_field(name: str) -> DateField:
            widget = DateField()
            widget.dateChanged.connect(self._changed)
            self.fields[name] = widget
            return widget

        def section(title: str, rows: list[tuple[str, QWidget]]) -> None:
            box = QGroupBox(title)
            layout = QFormLayout(box)
            for name, widget in rows:
                layout.addRow(field_label(name), widget)
            form_layout.addWidget(box)

        section(
            self.tr("Context and objectives"),
            [
                ("context", text_block("context")),
                ("primary_objective", text_line("primary_objective")),
                ("secondary_objectives", text_line("secondary_objectives")),
            ],
        )
        self.open_rate = OptionalNumber(100, 1, " %")
        self.click_rate = OptionalNumber(100, 1, " %")
        self.conversions = QSpinBox()
        self.conversions.setRange(-1, 10_000_000)
        self.conversions.setSpecialValueText("—")
        self.conversions.setValue(-1)
        self.revenue = OptionalNumber(100_000_000, 0, " €")
        kpis = QWidget()
        kpi_grid = QGridLayout(kpis)
        kpi_grid.setContentsMargins(0, 0, 0, 0)
        for index, (label, widget) in enumerate(
            (
                (self.tr("Opens"), self.open_rate),
                (self.tr("Clicks"), self.click_rate),
                (self.tr("Conversions"), self.conversions),
                (self.tr("Revenue"), self.revenue),
            )
        ):
            row, column = divmod(index, 2)
            kpi_grid.addWidget(QLabel(label), row, 2 * column)
            kpi_grid.addWidget(widget, row, 2 * column + 1)
            widget.valueChanged.connect(self._changed)
        self.fields["kpi_targets"] = self.open_rate
        segments = QLabel(", ".join(self.state.segment_names) or self.tr("none chosen yet"))
        segments.setWordWrap(True)
        section(
            self.tr("KPI targets and audience"),
            [
                ("kpi_targets", kpis),
                ("target", text_line("target")),
                ("segments", segments),
            ],
        )
        section(
            self.tr("Offer"),
            [
                ("offer", text_line("offer")),
                ("offer_conditions", text_block("offer_conditions", 50)),
                ("offer_valid_from", date_field("offer_valid_from")),
                ("offer_valid_until", date_field("offer_valid_until")),
                ("promo_code", text_line("promo_code")),
            ],
        )
        self.tone_tu = QRadioButton(self.tr("Tu (tutoiement)"))
        self.tone_vous = QRadioButton(self.tr("Vous (vouvoiement)"))
        self.tone_group = QButtonGroup(self)
        self.tone_group.addButton(self.tone_tu)
        self.tone_group.addButton(self.tone_vous)
        self.tone_group.buttonToggled.connect(self._changed)
        tone = QWidget()
        tone_row = QHBoxLayout(tone)
        tone_row.setContentsMargins(0, 0, 0, 0)
        tone_row.addWidget(self.tone_vous)
        tone_row.addWidget(self.tone_tu)
        tone_row.addStretch(1)
        self.fields["tone"] = self.tone_vous
        self.ctas = self._table(
            "ctas", [self.tr("Button label"), self.tr("Landing URL (https)")], stretch=1
        )
        section(
            self.tr("Message"),
            [
                ("key_message", text_block("key_message", 50)),
                ("subject_ideas", text_block("subject_ideas", 60)),
                ("preheader_idea", text_line("preheader_idea")),
                ("tone", tone),
                ("ctas", self._with_buttons(self.ctas)),
                ("mandatory_mentions", text_block("mandatory_mentions", 50)),
            ],
        )
        self.assets = self._table(
            "assets", [self.tr("Asset"), self.tr("File or link"), self.tr("Due (YYYY-MM-DD)")], 1
        )
        section(
            self.tr("Assets and deadlines"),
            [
                ("assets", self._with_buttons(self.assets)),
                ("assets_due", date_field("assets_due")),
                ("bat_due", self._campaign_date("bat_due")),
                ("send_due", self._campaign_date("send_due")),
            ],
        )
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Free notes, in Markdown"))
        self.notes.textChanged.connect(self._changed)
        self.notes.setMinimumHeight(160)
        self.fields["notes"] = self.notes
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.notes_tabs = QTabWidget()
        self.notes_tabs.addTab(self.notes, self.tr("Write"))
        self.notes_tabs.addTab(self.preview, self.tr("Preview"))
        self.notes_tabs.currentChanged.connect(self._render_preview)
        notes_box = QGroupBox(field_label("notes"))
        QVBoxLayout(notes_box).addWidget(self.notes_tabs)
        form_layout.addWidget(notes_box)
        form_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.scroll = scroll

        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(self._focus_problem)
        self.problems.itemClicked.connect(self._focus_problem)

        self.versions = QListWidget()
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions.itemSelectionChanged.connect(self.show_selected_diff)
        self.restore_button = QPushButton(self.tr("Restore this version"))
        self.restore_button.clicked.connect(self._restore_selected)
        self.diff_view = QTableWidget(0, 2)
        self.diff_view.setHorizontalHeaderLabels([self.tr("Before"), self.tr("After")])
        self.diff_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.diff_view.verticalHeader().hide()
        self.diff_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff_view.setWordWrap(True)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(
            QLabel(self.tr("Select one version to compare it with the current brief, or two."))
        )
        history_layout.addWidget(self.versions, 1)
        history_layout.addWidget(self.restore_button)
        history_layout.addWidget(self.diff_view, 2)

        self.import_button = QPushButton(self.tr("Import a file…"))
        self.import_button.clicked.connect(self._choose_file)
        self.paste_button = QPushButton(self.tr("Import the clipboard"))
        self.paste_button.clicked.connect(self._import_clipboard)
        self.suggestions = QListWidget()
        self.suggestions.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Use the ticked suggestions"))
        self.apply_button.clicked.connect(self.apply_suggestions)
        self.apply_button.setEnabled(False)
        importing = QWidget()
        import_layout = QVBoxLayout(importing)
        intro = QLabel(
            self.tr(
                "Drop or choose a client's mail or document (.txt, .md, .eml, .docx): its text "
                "goes into the notes, and what looks like a link, a date, a discount or a promo "
                "code is offered below. Nothing is filled in until you tick it and confirm."
            )
        )
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.paste_button)
        import_layout.addWidget(intro)
        import_layout.addLayout(buttons)
        import_layout.addWidget(self.suggestions, 1)
        import_layout.addWidget(self.apply_button)
        self.setAcceptDrops(True)

        # What is missing stays in sight while the history or an import is open below it.
        self.problems_box = QGroupBox(self.tr("Completeness"))
        QVBoxLayout(self.problems_box).addWidget(self.problems)
        self.tabs = QTabWidget()
        self.tabs.addTab(history, self.tr("Versions"))
        self.tabs.addTab(importing, self.tr("Import"))
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(self.problems_box)
        self.side.addWidget(self.tabs)
        self.side.setStretchFactor(0, 1)
        self.side.setStretchFactor(1, 3)

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([740, 520])
        self.reloaded = conflict.reload_note()  # what a reload after someone else's save did
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.reloaded)
        layout.addWidget(splitter, 1)

    def _campaign_date(self, name: str) -> DateField:
        """A date the brief takes from its campaign: shown, not typed, so it cannot drift from
        the calendar and the checklist; the tooltip says where to change it."""
        widget = DateField()
        widget.setReadOnly(True)
        widget.setCalendarPopup(False)
        widget.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.setToolTip(
            self.tr(
                "The campaign's BAT deadline, as its checklist counts it (the client's "
                "approval of the BAT). Move the campaign in the calendar to change it."
            )
            if name == "bat_due"
            else self.tr(
                "The campaign's send date. Move the campaign in the calendar to change it."
            )
        )
        self.fields[name] = widget
        return widget

    def _on_changed(self, changes: Changes) -> None:
        """The campaign moved, or its checklist changed: show its dates (and judge the brief
        against them) without touching what the operator is typing."""
        if changes.initiator is self or not changes.concerns(self.campaign_id):
            return
        if not (changes.campaigns or changes.checklist):
            return
        try:
            state = self.ops.read(service.load, self.campaign_id)
        except CrmdeskError:  # deleted meanwhile: nothing to follow
            return
        self.state = replace(self.state, context=state.context)
        self._loading = True
        try:
            self._show_campaign_dates()
        finally:
            self._loading = False
        self.update_completeness()

    def _show_campaign_dates(self) -> None:
        """The send and BAT dates of the campaign, whatever a version or an import held."""
        for name, day in (
            ("send_due", self.state.context.send_day),
            ("bat_due", self.state.context.bat_day),
        ):
            field = self.fields[name]
            assert isinstance(field, DateField)
            field.set_value(day)

    def _save_as_template(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save as template"),
            self.tr("Name of the template (for %1, %2):")
            .replace("%1", self.state.client_name)
            .replace("%2", type_label(self.state.campaign_type)),
        )
        if not ok:
            return
        try:
            self.ops.write(
                service.save_as_template,
                self.state.client_id,
                self.state.campaign_type,
                name,
                self.content(),
            )
        except CrmdeskError as error:
            show_error(self, error)
            return
        self.save_state.setText(self.tr("Template “%1” saved").replace("%1", name.strip()))

    def _table(self, name: str, headers: list[str], stretch: int) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setFixedHeight(110)
        table.itemChanged.connect(self._changed)
        self.fields[name] = table
        return table

    def _with_buttons(self, table: QTableWidget) -> QWidget:
        add = QPushButton(self.tr("Add"))
        remove = QPushButton(self.tr("Remove"))
        add.clicked.connect(lambda: self._add_row(table))
        remove.clicked.connect(lambda: self._remove_row(table))
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(table, 1)
        row.addLayout(buttons)
        return host

    def _add_row(self, table: QTableWidget) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column in range(table.columnCount()):
            table.setItem(row, column, QTableWidgetItem(""))
        table.setCurrentCell(row, 0)
        table.editItem(table.item(row, 0))

    def _remove_row(self, table: QTableWidget) -> None:
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._changed()

    # -- content <-> widgets ------------------------------------------------------------------

    @staticmethod
    def _cells(table: QTableWidget) -> list[list[str]]:
        rows = []
        for row in range(table.rowCount()):
            cells = [
                (table.item(row, col).text().strip() if table.item(row, col) else "")
                for col in range(table.columnCount())
            ]
            if any(cells):
                rows.append(cells)
        return rows

    def content(self) -> BriefContent:
        def text_of(name: str) -> str:
            widget = self.fields[name]
            if isinstance(widget, QPlainTextEdit):
                return widget.toPlainText()
            assert isinstance(widget, QLineEdit)
            return widget.text()

        def day(name: str) -> date | None:
            widget = self.fields[name]
            assert isinstance(widget, DateField)
            return widget.value()

        assets = []
        for name, link, due in self._cells(self.assets):
            try:
                due_day = date.fromisoformat(due) if due else None
            except ValueError:
                due_day = None
            assets.append(Asset(name, link, due_day))
        tone = (
            Tone.TU
            if self.tone_tu.isChecked()
            else Tone.VOUS
            if self.tone_vous.isChecked()
            else None
        )
        conversions = self.conversions.value()
        return BriefContent(
            context=text_of("context"),
            primary_objective=text_of("primary_objective"),
            secondary_objectives=text_of("secondary_objectives"),
            kpi_targets=KpiTargets(
                self.open_rate.number(),
                self.click_rate.number(),
                None if conversions < 0 else conversions,
                self.revenue.number(),
            ),
            target=text_of("target"),
            offer=text_of("offer"),
            offer_conditions=text_of("offer_conditions"),
            offer_valid_from=day("offer_valid_from"),
            offer_valid_until=day("offer_valid_until"),
            promo_code=text_of("promo_code"),
            key_message=text_of("key_message"),
            subject_ideas=tuple(
                line.strip() for line in text_of("subject_ideas").splitlines() if line.strip()
            ),
            preheader_idea=text_of("preheader_idea"),
            ctas=tuple(Cta(label, url) for label, url in self._cells(self.ctas)),
            mandatory_mentions=text_of("mandatory_mentions"),
            assets=tuple(assets),
            assets_due=day("assets_due"),
            bat_due=day("bat_due"),
            send_due=day("send_due"),
            tone=tone,
            notes=self.notes.toPlainText(),
        )

    def set_content(self, content: BriefContent) -> None:
        self._loading = True
        try:
            values = content.to_dict()
            for name, widget in self.fields.items():
                if isinstance(widget, QPlainTextEdit) and name != "notes":
                    value = values[name]
                    widget.setPlainText("\n".join(value) if isinstance(value, list) else value)
                elif isinstance(widget, QLineEdit):
                    widget.setText(values[name])
                elif isinstance(widget, DateField):
                    widget.set_value(getattr(content, name))
            self.notes.setPlainText(content.notes)
            self.open_rate.set_number(content.kpi_targets.open_rate)
            self.click_rate.set_number(content.kpi_targets.click_rate)
            conversions = content.kpi_targets.conversions
            self.conversions.setValue(-1 if conversions is None else conversions)
            self.revenue.set_number(content.kpi_targets.revenue)
            self.tone_group.setExclusive(False)
            self.tone_tu.setChecked(content.tone is Tone.TU)
            self.tone_vous.setChecked(content.tone is Tone.VOUS)
            self.tone_group.setExclusive(True)
            self._fill(self.ctas, [[c.label, c.url] for c in content.ctas])
            self._fill(
                self.assets,
                [[a.name, a.link, a.due.isoformat() if a.due else ""] for a in content.assets],
            )
            self._show_campaign_dates()
        finally:
            self._loading = False

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(value))

    # -- completeness -------------------------------------------------------------------------

    def update_completeness(self) -> Completeness:
        content = self.content()
        result = completeness(content, self.state.context)
        self.score.setValue(result.score)
        self.problems.clear()
        if result.complete:
            done = QListWidgetItem(self.tr("Nothing missing: the brief is complete."))
            done.setFlags(Qt.ItemFlag.NoItemFlags)
            self.problems.addItem(done)
        for problem in result.problems:
            label = ""
            if problem.index is not None and problem.index < len(content.ctas):
                label = content.ctas[problem.index].label
            item = QListWidgetItem(
                f"{field_label(problem.field)} — {completeness_text(problem, label)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, (problem.field, problem.index))
            self.problems.addItem(item)
        self.problems_box.setTitle(self.tr("Completeness (%1 %)").replace("%1", str(result.score)))
        return result

    def _focus_problem(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target is not None:
            self.focus_field(*target)

    def focus_field(self, name: str, index: int | None = None) -> None:
        widget = self.fields.get(name)
        if widget is None:
            return
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QTableWidget) and index is not None and index < widget.rowCount():
            widget.setCurrentCell(index, 1)

    # -- autosave -----------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._unmark()
        self.update_completeness()
        if not self._dirty:
            self._dirty = True
            self._first_unsaved.start()
            self.save_state.setText(self.tr("Not saved yet…"))
        if self._first_unsaved.elapsed() >= AUTOSAVE_AT_MOST_MS - AUTOSAVE_AFTER_MS:
            # Typing without a pause: do not let the timer slide past two seconds.
            self.autosave.setInterval(max(0, AUTOSAVE_AT_MOST_MS - self._first_unsaved.elapsed()))
        else:
            self.autosave.setInterval(AUTOSAVE_AFTER_MS)
        self.autosave.start()

    def save_now(self) -> bool:
        """Save what is on screen; a refusal is shown and the text stays on screen."""
        from crmdesk.core.concurrency import StaleEdit

        self.autosave.stop()
        if not self._dirty:
            return True
        if self.conflict_dialog is not None:  # the operator has not chosen yet
            self.save_state.setText(self.tr("Not saved"))
            self.conflict_dialog.raise_()
            return False
        try:
            outcome, state, _ = self.ops.write(
                save_and_reload,
                self.campaign_id,
                self.content(),
                self.editing_session,
                expected_version=self.state.row_version,
                started_from=self.started_from,
            )
        except StaleEdit as stale:
            self.save_state.setText(self.tr("Not saved"))
            self._ask_about(stale)
            return False
        except CrmdeskError as error:
            self.save_state.setText(self.tr("Not saved"))
            show_error(self, error)
            return False
        self._dirty = False
        self.state = replace(self.state, row_version=state.row_version)
        self.started_from = state.content
        self.latest_version = outcome.version
        at = QLocale().toString(QTime.currentTime(), "HH:mm:ss")
        self.save_state.setText(
            self.tr("Saved at %1 (version %2)")
            .replace("%1", at)
            .replace("%2", str(outcome.version))
        )
        self.refresh_versions()
        self.saved.emit(outcome.version)
        return True

    def request_pdf(self) -> None:
        """The PDF shows the brief as saved: what is on screen is saved first."""
        if self.save_now():
            self.pdf_requested.emit(self.campaign_id)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if not self.save_now():
            event.ignore()
            return
        super().closeEvent(event)

    # -- someone else saved the brief meanwhile (issue 22) -------------------------------------

    def _ask_about(self, stale: StaleEdit) -> None:
        labels = {name: field_label(name) for name in self.fields}
        mine = self.content()
        dialog = conflict.ask(
            self,
            stale,
            labels,
            on_reapply=weakly(self.reload_and_reapply),
            on_discard=weakly(self.discard_mine, stale),
            conflicts=stale.both_changed(self.started_from, mine),
            name=self.state.campaign_name,
            shown=brief_value,
        )
        dialog.finished.connect(forget(self, "conflict_dialog"))
        self.conflict_dialog = dialog

    def _reload(self) -> service.BriefState | None:
        try:
            return self.ops.read(service.load, self.campaign_id)
        except CrmdeskError as error:  # the campaign is gone
            show_error(self, error)
            return None

    def reload_and_reapply(self) -> None:
        """Their brief with the operator's changes on it, saved at once; the fields both
        changed keep the operator's text and are marked until the next keystroke."""
        from crmdesk.core import concurrency

        self.conflict_dialog = None
        state = self._reload()
        if state is None:
            return
        merged = concurrency.merge(self.started_from, self.content(), state.content)
        self.state = replace(self.state, row_version=state.row_version, context=state.context)
        self.started_from = state.content
        self.set_content(merged.value)
        self.update_completeness()
        self._dirty = True
        if not self.save_now():
            return
        for name in merged.conflicts:
            widget = self.fields.get(name)
            if widget is not None:
                widget.setStyleSheet(MARKED_STYLE)
                self._marked.append(widget)
        if merged.conflicts:
            labels = {name: field_label(name) for name in merged.conflicts}
            said = self.tr(
                "Reloaded with their changes and saved yours on top. You both changed %1: "
                "your text was kept (marked); check it."
            ).replace("%1", conflict.labels_text(merged.conflicts, labels))
        else:
            said = self.tr("Reloaded with their changes and saved yours on top.")
        self.reloaded.setText(said)
        self.reloaded.show()

    def discard_mine(self, stale: StaleEdit) -> None:
        """The brief as the other person saved it; the operator's unsaved text is dropped."""
        self.conflict_dialog = None
        state = self._reload()
        if state is None:
            return
        self.state = replace(self.state, row_version=state.row_version, context=state.context)
        self.started_from = state.content
        self.set_content(state.content)
        self.update_completeness()
        self._dirty = False
        self.autosave.stop()
        self.refresh_versions()
        self.save_state.setText(self.tr("Your changes were discarded"))
        self.reloaded.setText(self.tr("Your changes were discarded: the brief as it is now."))
        self.reloaded.show()

    def _unmark(self) -> None:
        for widget in self._marked:
            widget.setStyleSheet("")
        self._marked = []
        self.reloaded.hide()

    # -- versions -----------------------------------------------------------------------------

    def refresh_versions(self) -> None:
        self.versions.blockSignals(True)
        self.versions.clear()
        locale = QLocale()
        for info in self.ops.read(service.versions, self.campaign_id):
            when = locale.toString(info.saved_at.astimezone(), "dd/MM/yyyy HH:mm")
            if info.restored_from is not None:
                summary = self.tr("restored from version %1").replace("%1", str(info.restored_from))
            elif info.changed:
                summary = ", ".join(field_label(name) for name in info.changed)
            elif info.number == 1:
                summary = self.tr("first version")
            else:
                summary = self.tr("no change")
            item = QListWidgetItem(
                self.tr("Version %1 — %2 — %3")
                .replace("%1", str(info.number))
                .replace("%2", when)
                .replace("%3", summary)
            )
            item.setData(Qt.ItemDataRole.UserRole, info.number)
            self.versions.addItem(item)
        self.versions.blockSignals(False)
        self.restore_button.setEnabled(False)

    def _selected_numbers(self) -> list[int]:
        return sorted(i.data(Qt.ItemDataRole.UserRole) for i in self.versions.selectedItems())

    def show_selected_diff(self) -> None:
        numbers = self._selected_numbers()
        self.restore_button.setEnabled(len(numbers) == 1)
        if not numbers or len(numbers) > 2:
            self.diff_view.setRowCount(0)
            return
        before = self.ops.read(service.version_content, self.campaign_id, numbers[0])
        after = (
            self.ops.read(service.version_content, self.campaign_id, numbers[1])
            if len(numbers) == 2
            else self.content()
        )
        self.show_diff(before, after)

    def show_diff(self, before: BriefContent, after: BriefContent) -> None:
        rows: list[tuple[str, str, str]] = []
        for field_diff in diff(before, after):
            rows.append(("header", field_label(field_diff.field), ""))
            rows.extend((r.kind, r.left, r.right) for r in field_diff.side_by_side())
        self.diff_view.setRowCount(len(rows))
        for index, (kind, left, right) in enumerate(rows):
            for column, text in enumerate((left, right)):
                item = QTableWidgetItem(text)
                if kind == "header":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                elif kind in DIFF_COLOURS and text:
                    item.setBackground(QBrush(QColor(DIFF_COLOURS[kind])))
                    item.setForeground(QBrush(QColor("#111827")))
                self.diff_view.setItem(index, column, item)
        self.diff_view.resizeRowsToContents()

    def _restore_selected(self) -> None:
        numbers = self._selected_numbers()
        if len(numbers) == 1 and self.save_now():
            self.undo_stack.push(RestoreVersion(self, numbers[0]))

    def restore_version(self, number: int) -> None:
        try:
            outcome = self.ops.write(service.restore, self.campaign_id, number)
        except CrmdeskError as error:
            show_error(self, error)
            return
        self.latest_version = outcome.version
        state = self.ops.read(service.load, self.campaign_id)
        self.state = replace(self.state, row_version=state.row_version)
        self.started_from = state.content
        self.set_content(state.content)
        self.update_completeness()
        self.refresh_versions()

    # -- import -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if data.hasUrls():
            for url in data.urls():
                if url.isLocalFile():
                    self.import_file(Path(url.toLocalFile()))
        elif data.hasText():
            self.import_text(data.text())
        event.acceptProposedAction()

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a client's mail or document"),
            "",
            self.tr("Mails and documents (*.txt *.md *.eml *.docx);;All files (*)"),
        )
        if name:
            self.import_file(Path(name))

    def _import_clipboard(self) -> None:
        self.import_text(QGuiApplication.clipboard().text())

    def import_file(self, path: Path) -> None:
        """Read the document off the GUI thread: a long .docx takes seconds to read, and the
        window stays alive meanwhile (with a progress dialog and Cancel if it lasts)."""
        from crmdesk.core.briefs.importer import read_document

        if self.import_job is not None:
            return  # one document at a time
        self.import_job = self.ops.run(
            lambda _progress: read_document(path),
            on_done=self._take_import,
            on_failed=lambda error: show_error(self, error),
            on_finished=self._import_finished,
            initiator=self,
            progress=self.tr("Reading %1…").replace("%1", path.name),
            context="reading a document for a brief",
        )

    def _import_finished(self) -> None:
        self.import_job = None

    def import_text(self, text: str) -> None:
        from crmdesk.core.briefs.importer import read_pasted

        try:
            imported = read_pasted(text)
        except CrmdeskError as error:
            show_error(self, error)
            return
        self._take_import(imported)

    def _take_import(self, imported: ImportedText) -> None:
        """Append the text to the notes and list the suggestions; a refusal changed nothing."""
        notes = self.notes.toPlainText().rstrip()
        header = self.tr("Imported from %1").replace("%1", imported.source)
        self.notes.setPlainText(f"{notes}\n\n---\n*{header}*\n\n{imported.text}".lstrip())
        self.suggestions.clear()
        for suggestion in imported.suggestions:
            value = suggestion.value
            shown = (
                QLocale().toString(QDate(value), QLocale.FormatType.ShortFormat)
                if isinstance(value, date)
                else str(value)
            )
            text = f"{field_label(suggestion.field)} ← {shown}\n“{suggestion.excerpt}”"
            if suggestion.warning:
                text += "  ⚠ " + self.tr("check this link")
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, suggestion)
            self.suggestions.addItem(item)
        self.apply_button.setEnabled(bool(imported.suggestions))
        self.tabs.setCurrentIndex(1)

    def apply_suggestions(self) -> None:
        """Fill the fields from the ticked suggestions: the user's explicit choice."""
        for row in range(self.suggestions.count()):
            item = self.suggestions.item(row)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            suggestion = item.data(Qt.ItemDataRole.UserRole)
            widget = self.fields.get(suggestion.field)
            if suggestion.field == "ctas":
                row_index = self.ctas.rowCount()
                self.ctas.insertRow(row_index)
                self.ctas.setItem(row_index, 0, QTableWidgetItem(self.tr("Link")))
                self.ctas.setItem(row_index, 1, QTableWidgetItem(str(suggestion.value)))
            elif (
                isinstance(widget, DateField)
                and not widget.isReadOnly()  # the campaign's dates are moved in the calendar
                and isinstance(suggestion.value, date)
            ):
                widget.set_value(suggestion.value)
            elif suggestion.field == "offer" and isinstance(widget, QLineEdit):
                discount = f"-{suggestion.value:g} %"
                widget.setText(f"{widget.text()} {discount}".strip() if widget.text() else discount)
            elif isinstance(widget, QLineEdit):
                widget.setText(str(suggestion.value))
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self._changed()

    # -- notes preview ------------------------------------------------------------------------

    def _render_preview(self, index: int) -> None:
        if self.notes_tabs.widget(index) is self.preview:
            self.preview.setMarkdown(self.notes.toPlainText())
