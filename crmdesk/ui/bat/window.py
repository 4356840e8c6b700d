"""The BAT window of a campaign: its rounds, the proof previewed safely, the findings at import,
the client's feedback and decision, the comparison of two rounds and the test send.

One window per campaign, like the checklist. Decisions, feedback and the permission to load
remote images are commands of the window's own undo stack. Importing reads and checks the file
on a worker thread (a 15 MB archive takes a moment) and writes in its own transaction.
QtWebEngine is loaded with this window, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape as _escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.bat import rounds
from crmdesk.core.bat.diff import link_targets
from crmdesk.core.bat.rounds import DecisionState, FeedbackEntry, RoundSummary, RoundView
from crmdesk.core.changes import Changes
from crmdesk.core.checks.model import Severity
from crmdesk.core.errors import CrmdeskError, NotFound, UnusableEmail
from crmdesk.core.models import BatDecision
from crmdesk.ui.bat.labels import (
    DECISION_COLOURS,
    decision_label,
    import_refusal_text,
    notice_text,
)
from crmdesk.ui.checklist.labels import SEVERITY_COLOURS, severity_label
from crmdesk.ui.checklist.window import language, local_text
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Job, Operations

if TYPE_CHECKING:
    from crmdesk.core.bat.personas import PersonaInfo
    from crmdesk.ui.bat.preview import BatPreview

PROOF_SUFFIXES = (".html", ".htm", ".eml", ".zip")
ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
LAYOUTS = ("desktop", "mobile", "side_by_side")


# -- undoable edits ---------------------------------------------------------------------------


class BatCommand(CampaignCommand):
    """The edit runs when the command is built, so a refusal raises before the stack sees it."""

    def __init__(self, window: BatWindow, text: str) -> None:
        super().__init__(window.ops, text)
        self.window = window

    def refused(self, error: CrmdeskError) -> None:
        self.window.show_message(error_text(error))


class Decide(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, decision: BatDecision) -> None:
        super().__init__(
            window,
            QCoreApplication.translate("BatWindow", "decision: %1").replace(
                "%1", decision_label(decision)
            ),
        )
        self.round_id, self.decision, self.who = round_id, decision, window.who
        self.previous: DecisionState = self.ops.write(rounds.decide, round_id, decision, self.who)[
            0
        ]

    def replay(self) -> None:
        self.ops.write(rounds.decide, self.round_id, self.decision, self.who)

    def revert(self) -> None:
        self.ops.write(rounds.undo_decision, self.previous)


class AddFeedback(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, text: str, target: str) -> None:
        super().__init__(window, QCoreApplication.translate("BatWindow", "feedback"))
        self.round_id = round_id
        self.feedback_id, _ = self.ops.write(
            rounds.add_feedback, round_id, window.who, text, target
        )
        self.kept: FeedbackEntry | None = None

    def replay(self) -> None:
        assert self.kept is not None
        self.ops.write(rounds.restore_feedback, self.round_id, self.kept)

    def revert(self) -> None:
        self.kept, _ = self.ops.write(rounds.remove_feedback, self.feedback_id)


class RemoveFeedback(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, feedback_id: int) -> None:
        super().__init__(window, QCoreApplication.translate("BatWindow", "remove feedback"))
        self.round_id, self.feedback_id = round_id, feedback_id
        self.kept: FeedbackEntry = self.ops.write(rounds.remove_feedback, feedback_id)[0]

    def replay(self) -> None:
        self.ops.write(rounds.remove_feedback, self.feedback_id)

    def revert(self) -> None:
        self.ops.write(rounds.restore_feedback, self.round_id, self.kept)


class AllowRemote(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, allowed: bool) -> None:
        text = (
            QCoreApplication.translate("BatWindow", "allow remote images")
            if allowed
            else QCoreApplication.translate("BatWindow", "block remote images")
        )
        super().__init__(window, text)
        self.round_id, self.allowed = round_id, allowed
        self.ops.write(rounds.allow_remote, round_id, allowed)

    def replay(self) -> None:
        self.ops.write(rounds.allow_remote, self.round_id, self.allowed)

    def revert(self) -> None:
        self.ops.write(rounds.allow_remote, self.round_id, not self.allowed)


# -- the window -------------------------------------------------------------------------------


class _CtrlEnter(QObject):
    """Ctrl+Enter in a feedback box adds the feedback; plain Enter still starts a new line."""

    def __init__(self, box: QPlainTextEdit, submit: Callable[[], object]) -> None:
        super().__init__(box)
        self.submit = submit
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submit()
            return True
        return False


class DecisionBadge(QLabel):
    def show_decision(self, view: RoundView | None) -> None:
        if view is None:
            self.clear()
            self.setStyleSheet("")
            return
        background, foreground = DECISION_COLOURS[view.decision]
        text = decision_label(view.decision)
        if view.decided_by:
            text += " — " + view.decided_by
            if view.decided_at is not None:
                text += ", " + local_text(view.decided_at)
        self.setText(text)
        self.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 4px;"
            " padding: 3px 8px; font-weight: 600;"
        )


class PreviewControls(QWidget):
    """Layout, images, dark mode, zoom, persona and raw tags: shared by the window and review."""

    #: A control moved: the proof is shown again (not a workspace change).
    view_changed = Signal()
    allow_remote = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_group = QButtonGroup(self)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        rows.addLayout(row)
        names = (
            QCoreApplication.translate("BatWindow", "Desktop"),
            QCoreApplication.translate("BatWindow", "Mobile"),
            QCoreApplication.translate("BatWindow", "Side by side"),
        )
        tips = ("Ctrl+1", "375 px, Ctrl+2", "Ctrl+3")
        for index, (name, tip) in enumerate(zip(names, tips, strict=True)):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setToolTip(f"{name} ({tip})")
            self.layout_group.addButton(button, index)
            row.addWidget(button)
        self.layout_group.button(0).setChecked(True)
        self.layout_group.idClicked.connect(lambda _id: self.view_changed.emit())
        row.addSpacing(12)
        self.images = QToolButton()
        self.images.setText(QCoreApplication.translate("BatWindow", "Images"))
        self.images.setCheckable(True)
        self.images.setChecked(True)
        self.images.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Show images; off shows the email as with images blocked"
            )
        )
        self.dark = QToolButton()
        self.dark.setText(QCoreApplication.translate("BatWindow", "Dark mode"))
        self.dark.setCheckable(True)
        self.dark.setToolTip(
            QCoreApplication.translate("BatWindow", "Render as a mail client in dark mode does")
        )
        for button in (self.images, self.dark):
            button.toggled.connect(lambda _on: self.view_changed.emit())
            row.addWidget(button)
        row.addSpacing(12)
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_out.setToolTip(QCoreApplication.translate("BatWindow", "Zoom out (Ctrl+-)"))
        self.zoom_label = QLabel("100 %")
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_in.setToolTip(QCoreApplication.translate("BatWindow", "Zoom in (Ctrl++)"))
        self.zoom_index = ZOOM_STEPS.index(1.0)
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in):
            row.addWidget(widget)
        row.addStretch(1)
        second = QHBoxLayout()
        rows.addLayout(second)
        second.addWidget(QLabel(QCoreApplication.translate("BatWindow", "Persona:")))
        self.persona = QComboBox()
        self.persona.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "The sample recipient filling the personalisation tags"
            )
        )
        self.persona.currentIndexChanged.connect(lambda _i: self.view_changed.emit())
        self.persona.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        second.addWidget(self.persona)
        self.raw = QToolButton()
        self.raw.setText(QCoreApplication.translate("BatWindow", "Raw tags"))
        self.raw.setCheckable(True)
        self.raw.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Show the tags as the ESP receives them (Ctrl+T)"
            )
        )
        self.raw.toggled.connect(lambda _on: self.view_changed.emit())
        second.addWidget(self.raw)
        second.addStretch(1)
        self.blocked = QLabel()
        self.blocked.setStyleSheet("color: #92400e;")
        self.remote = QToolButton()
        self.remote.setCheckable(True)
        self.remote.setText(QCoreApplication.translate("BatWindow", "Load remote images"))
        self.remote.setToolTip(
            QCoreApplication.translate(
                "BatWindow",
                "Remote images and tracking pixels stay blocked until allowed for this round",
            )
        )
        self.remote.clicked.connect(self.allow_remote.emit)
        second.addWidget(self.blocked)
        second.addWidget(self.remote)

    @property
    def layout_mode(self) -> str:
        return LAYOUTS[max(self.layout_group.checkedId(), 0)]

    def set_layout_mode(self, index: int) -> None:
        self.layout_group.button(index).setChecked(True)
        self.view_changed.emit()

    @property
    def zoom(self) -> float:
        return ZOOM_STEPS[self.zoom_index]

    def step_zoom(self, step: int) -> None:
        self.zoom_index = (
            ZOOM_STEPS.index(1.0)
            if step == 0
            else min(max(self.zoom_index + step, 0), len(ZOOM_STEPS) - 1)
        )
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.view_changed.emit()

    def set_personas(self, personas: list[PersonaInfo]) -> None:
        current = self.persona.currentText()
        self.persona.blockSignals(True)
        self.persona.clear()
        for persona in personas:
            self.persona.addItem(persona.name, persona.name)
        if not personas:
            self.persona.addItem(QCoreApplication.translate("BatWindow", "Default sample"), None)
        found = self.persona.findText(current)
        self.persona.setCurrentIndex(max(found, 0))
        self.persona.blockSignals(False)

    def show_blocked(self, count: int, allowed: bool) -> None:
        self.remote.setChecked(allowed)
        if allowed:
            self.blocked.setText(
                QCoreApplication.translate("BatWindow", "Remote images allowed for this round")
            )
        elif count:
            self.blocked.setText(self.tr("%n remote request(s) blocked", "", count))
        else:
            self.blocked.setText(QCoreApplication.translate("BatWindow", "No remote request"))


class ProofView(QWidget):
    """The preview and its controls for one round, personalised and made safe by the core."""

    painted = Signal()

    def __init__(self, ops: Operations, window: BatWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from crmdesk.ui.bat.preview import BatPreview

        self.ops = ops
        self.window_ = window
        self.view: RoundView | None = None
        self.controls = PreviewControls()
        self.preview: BatPreview = BatPreview(self._file)
        self.preview.painted.connect(self.painted)
        self.preview.blocked_changed.connect(self._blocked)
        self.controls.view_changed.connect(self.render)
        self.controls.allow_remote.connect(window.set_remote_allowed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        layout.addWidget(self.preview, 1)
        self._applied: tuple[object, ...] | None = None
        self.page = None

    def _file(self, path: str) -> tuple[str, bytes] | None:
        if self.view is None:
            return None
        return self.ops.read(rounds.read_file, self.view.id, path)

    def _blocked(self, count: int) -> None:
        self.controls.show_blocked(count, bool(self.view and self.view.remote_allowed))

    def show_round(self, view: RoundView | None, personas: list[PersonaInfo]) -> None:
        self.view = view
        self.controls.set_personas(personas)
        self.personas = {p.name: p.fields for p in personas}
        self.render()

    def persona_fields(self) -> dict[str, str]:
        from crmdesk.core.bat.personas import DEFAULT_PERSONA

        name = self.controls.persona.currentData()
        return dict(self.personas.get(name, DEFAULT_PERSONA)) if name else dict(DEFAULT_PERSONA)

    def render(self) -> None:
        """Apply the controls; reload the page only when what it shows changed."""
        controls = self.controls
        self.preview.set_layout(controls.layout_mode)
        self.preview.set_images(controls.images.isChecked())
        self.preview.set_dark(controls.dark.isChecked())
        self.preview.set_zoom(controls.zoom)
        view = self.view
        if view is None:
            self._applied = None
            return
        key = (
            view.id,
            controls.persona.currentIndex(),
            controls.raw.isChecked(),
            view.remote_allowed,
            view.html,
        )
        if key == self._applied:
            return
        self._applied = key
        self.page = rounds.preview_page(
            view, self.persona_fields(), raw_tags=controls.raw.isChecked()
        )
        self.preview.show_html(
            str(view.id), self.page.html, remote_allowed=view.remote_allowed, entry=view.entry
        )
        self.controls.show_blocked(0, view.remote_allowed)
        self.window_.show_tags(self.page)


class BatWindow(QWidget):
    """The rounds of one campaign and the proof of the one selected."""

    imported = Signal(bool)  # True when a round was added

    def __init__(
        self,
        ops: Operations,
        campaign_id: int,
        parent: QWidget | None = None,
        *,
        who: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from crmdesk.core import campaigns

        self.ops = ops
        self.campaign_id = campaign_id
        self.who = ops.who() if who is None else who
        self.undo_stack = QUndoStack(self)
        self.summaries: list[RoundSummary] = []
        self.view: RoundView | None = None
        self.personas: list[PersonaInfo] = []
        self.review: ReviewWindow | None = None
        self.busy = False
        self._import: Job | None = None
        self._added = False  # the import under way added a round
        campaign = ops.read(campaigns.load, campaign_id)
        self.client_id = campaign.client_id
        self.campaign_name = campaign.name
        self.setWindowTitle(
            QCoreApplication.translate("BatWindow", "BAT — %1").replace("%1", campaign.name)
        )
        self.resize(1360, 880)
        self.setAcceptDrops(True)
        self._build()
        self._shortcuts()
        ops.changed.connect(self._on_changed)
        self.reload()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(f"<b>{_escape(self.campaign_name)}</b>")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(260)
        self.round_combo.setToolTip(
            QCoreApplication.translate("BatWindow", "The round shown (Alt+Left / Alt+Right)")
        )
        self.round_combo.currentIndexChanged.connect(self._round_chosen)
        self.badge = DecisionBadge()
        self.import_button = QPushButton(
            QCoreApplication.translate("BatWindow", "&Import a proof…")
        )
        self.import_button.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "An .html, .eml or .zip file (Ctrl+I), or drop it here"
            )
        )
        self.import_button.clicked.connect(self.choose_file)
        self.compare_button = QPushButton(QCoreApplication.translate("BatWindow", "Co&mpare…"))
        self.compare_button.setToolTip(
            QCoreApplication.translate("BatWindow", "What changed between two rounds (Ctrl+D)")
        )
        self.compare_button.clicked.connect(self.open_compare)
        self.send_button = QPushButton(QCoreApplication.translate("BatWindow", "&Send a test…"))
        self.send_button.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Send this round to the client's contacts (Ctrl+Shift+S)"
            )
        )
        self.send_button.clicked.connect(self.open_send)
        self.personas_button = QPushButton(QCoreApplication.translate("BatWindow", "&Personas…"))
        self.personas_button.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "The client's sample recipients that fill the personalisation tags"
            )
        )
        self.personas_button.clicked.connect(self.open_personas)
        self.review_button = QPushButton(QCoreApplication.translate("BatWindow", "&Review mode"))
        self.review_button.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Full screen for the session with the client (F11)"
            )
        )
        self.review_button.clicked.connect(self.open_review)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.round_combo)
        header.addWidget(self.badge)
        header.addStretch(1)
        header.addWidget(self.review_button)
        actions = QHBoxLayout()
        for button in (
            self.import_button,
            self.compare_button,
            self.personas_button,
            self.send_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_box = QFrame()
        self.message_box.setObjectName("batMessage")
        self.message_box.setStyleSheet(
            "#batMessage { background: #fee2e2; border: 1px solid #fca5a5; border-radius: 4px; }"
            " #batMessage QLabel { color: #7f1d1d; }"
        )
        close_message = QToolButton()
        close_message.setText("✕")
        close_message.setAutoRaise(True)
        close_message.setToolTip(QCoreApplication.translate("BatWindow", "Dismiss"))
        close_message.clicked.connect(self.clear_message)
        message_row = QHBoxLayout(self.message_box)
        message_row.setContentsMargins(10, 6, 4, 6)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(close_message, 0, Qt.AlignmentFlag.AlignTop)
        self.message_box.hide()

        self.proof = ProofView(self.ops, self)
        self.empty = QLabel(
            QCoreApplication.translate(
                "BatWindow",
                "No proof yet for this campaign.\n\nImport the email as an .html, .eml or .zip"
                " file (Ctrl+I), or drop it on this window: it becomes BAT 1.",
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #4b5563; font-size: 15px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.proof)

        self.side = QTabWidget()
        self.side.addTab(
            self._build_review_tab(), QCoreApplication.translate("BatWindow", "Decision")
        )
        self.findings = QTreeWidget()
        self.findings.setHeaderLabels(
            [
                QCoreApplication.translate("BatWindow", "Severity"),
                QCoreApplication.translate("BatWindow", "Finding"),
                QCoreApplication.translate("BatWindow", "Line"),
            ]
        )
        self.findings.setRootIsDecorated(False)
        self.findings.setWordWrap(True)
        self.findings.setColumnWidth(0, 90)
        self.findings.setColumnWidth(1, 300)
        self.side.addTab(self.findings, QCoreApplication.translate("BatWindow", "Findings"))
        self.tags = QTextBrowser()
        self.side.addTab(self.tags, QCoreApplication.translate("BatWindow", "Personalisation"))
        self.safety = QTextBrowser()
        self.side.addTab(self.safety, QCoreApplication.translate("BatWindow", "Safety"))

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 380])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addWidget(self.message_box)
        layout.addWidget(splitter, 1)

    def _build_review_tab(self) -> QWidget:
        tab = QWidget()
        self.approve_button = QPushButton(QCoreApplication.translate("BatWindow", "&Approve"))
        self.approve_button.setToolTip(
            QCoreApplication.translate("BatWindow", "The client approves this round (Alt+A)")
        )
        self.approve_button.setStyleSheet("QPushButton { color: #166534; font-weight: 600; }")
        self.approve_button.clicked.connect(lambda: self.decide(BatDecision.APPROVED))
        self.changes_button = QPushButton(
            QCoreApplication.translate("BatWindow", "Request &changes")
        )
        self.changes_button.setToolTip(
            QCoreApplication.translate("BatWindow", "The client asks for another round (Alt+C)")
        )
        self.changes_button.setStyleSheet("QPushButton { color: #991b1b; font-weight: 600; }")
        self.changes_button.clicked.connect(lambda: self.decide(BatDecision.CHANGES_REQUESTED))
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.changes_button)
        self.round_info = QLabel()
        self.round_info.setWordWrap(True)
        self.round_info.setStyleSheet("color: #4b5563;")
        self.feedback_list = QListWidget()
        self.feedback_list.setWordWrap(True)
        self.feedback_list.setToolTip(
            QCoreApplication.translate("BatWindow", "Delete removes the selected feedback")
        )
        self.feedback_edit = QPlainTextEdit()
        self.feedback_edit.setPlaceholderText(
            QCoreApplication.translate(
                "BatWindow", "What the client says about this round… (Ctrl+Enter adds it)"
            )
        )
        self.feedback_edit.setMaximumHeight(90)
        self.target_combo = QComboBox()
        self.target_combo.setEditable(True)
        self.target_combo.setToolTip(
            QCoreApplication.translate(
                "BatWindow", "Optionally, the link or element the feedback is about"
            )
        )
        self.target_combo.lineEdit().setPlaceholderText(
            QCoreApplication.translate("BatWindow", "About (optional): a link, an image…")
        )
        self.add_feedback_button = QPushButton(
            QCoreApplication.translate("BatWindow", "Add feedback")
        )
        self.add_feedback_button.clicked.connect(self.add_feedback)
        feedback_row = QHBoxLayout()
        feedback_row.addWidget(self.target_combo, 1)
        feedback_row.addWidget(self.add_feedback_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(self.round_info)
        layout.addWidget(
            QLabel("<b>" + _escape(QCoreApplication.translate("BatWindow", "Feedback")) + "</b>")
        )
        layout.addWidget(self.feedback_list, 1)
        layout.addWidget(self.feedback_edit)
        layout.addLayout(feedback_row)
        return tab

    def _shortcuts(self) -> None:
        def bind(keys: QKeySequence | str, slot: Callable[[], object]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

        bind("Ctrl+I", self.choose_file)
        bind("Ctrl+D", self.open_compare)
        bind("Ctrl+Shift+S", self.open_send)
        bind("F11", self.open_review)
        bind("Ctrl+1", lambda: self.proof.controls.set_layout_mode(0))
        bind("Ctrl+2", lambda: self.proof.controls.set_layout_mode(1))
        bind("Ctrl+3", lambda: self.proof.controls.set_layout_mode(2))
        bind(QKeySequence.StandardKey.ZoomIn, lambda: self.proof.controls.step_zoom(1))
        bind("Ctrl+=", lambda: self.proof.controls.step_zoom(1))
        bind(QKeySequence.StandardKey.ZoomOut, lambda: self.proof.controls.step_zoom(-1))
        bind("Ctrl+0", lambda: self.proof.controls.step_zoom(0))
        bind("Ctrl+T", self.proof.controls.raw.toggle)
        bind("Alt+Left", lambda: self._step_round(-1))
        bind("Alt+Right", lambda: self._step_round(1))
        bind(QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        bind(QKeySequence.StandardKey.Redo, self.undo_stack.redo)
        _CtrlEnter(self.feedback_edit, self.add_feedback)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.feedback_list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_feedback)

    # -- data -----------------------------------------------------------------------------------

    def reload(self, keep_round: int | None = None) -> None:
        from crmdesk.core.bat import personas

        try:
            self.summaries = self.ops.read(rounds.rounds, self.campaign_id)
            self.personas = self.ops.read(personas.personas, self.client_id)
        except NotFound:
            self.close()
            return
        wanted = keep_round if keep_round is not None else (self.view.id if self.view else None)
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for summary in self.summaries:
            text = QCoreApplication.translate("BatWindow", "BAT %1 — %2 — %3")
            self.round_combo.addItem(
                text.replace("%1", str(summary.number))
                .replace("%2", local_text(summary.created_at))
                .replace("%3", decision_label(summary.decision)),
                summary.id,
            )
        index = self.round_combo.findData(wanted) if wanted is not None else -1
        self.round_combo.setCurrentIndex(index if index >= 0 else len(self.summaries) - 1)
        self.round_combo.blockSignals(False)
        self._round_chosen()

    def _round_chosen(self, _index: int = 0) -> None:
        round_id = self.round_combo.currentData()
        self.view = self.ops.read(rounds.load_round, round_id) if round_id is not None else None
        has = self.view is not None
        self.stack.setCurrentIndex(1 if has else 0)
        for widget in (
            self.approve_button,
            self.changes_button,
            self.add_feedback_button,
            self.send_button,
            self.feedback_edit,
            self.review_button,
        ):
            widget.setEnabled(has)
        self.compare_button.setEnabled(len(self.summaries) >= 2)
        self.badge.show_decision(self.view)
        self._show_details()
        self.proof.show_round(self.view, self.personas)
        if self.review is not None:
            self.review.show_round(self.view)

    def _show_details(self) -> None:
        view = self.view
        self.feedback_list.clear()
        self.findings.clear()
        self.target_combo.clear()
        if view is None:
            self.round_info.clear()
            self.safety.clear()
            self.tags.clear()
            return
        info = QCoreApplication.translate("BatWindow", "Imported from “%1” by %2 on %3.").replace(
            "%1", view.source_name
        )
        info = info.replace("%2", view.created_by or "—").replace("%3", local_text(view.created_at))
        for send in view.sends:
            info += "\n" + QCoreApplication.translate(
                "BatWindow", "Sent as a test to %1 on %2."
            ).replace("%1", ", ".join(send.recipients)).replace("%2", local_text(send.sent_at))
        self.round_info.setText(info)
        for entry in view.feedback:
            about = f" [{entry.target}]" if entry.target else ""
            item = QListWidgetItem(
                f"{entry.author} — {local_text(entry.created_at)}{about}\n{entry.text}"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.feedback_list.addItem(item)
        self.target_combo.addItem("")
        for href in link_targets(view.html):
            self.target_combo.addItem(href)
        lang = language()
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for finding in sorted(view.findings, key=lambda f: (order[f.severity], f.line or 0)):
            row = QTreeWidgetItem(
                [severity_label(finding.severity), finding.message(lang), str(finding.line or "")]
            )
            row.setForeground(0, QColor(SEVERITY_COLOURS[finding.severity]))
            row.setToolTip(1, finding.message(lang))
            self.findings.addTopLevelItem(row)
        self.side.setTabText(
            1,
            QCoreApplication.translate("BatWindow", "Findings (%1)").replace(
                "%1", str(len(view.findings))
            ),
        )
        if view.notices:
            lines = "".join(f"<li>{_escape(notice_text(n))}</li>" for n in view.notices)
            self.safety.setHtml(
                "<p>"
                + _escape(QCoreApplication.translate("BatWindow", "The preview neutralised:"))
                + f"</p><ul>{lines}</ul>"
            )
        else:
            self.safety.setHtml(
                "<p>"
                + _escape(
                    QCoreApplication.translate(
                        "BatWindow", "Nothing active in this email: no script, frame or form."
                    )
                )
                + "</p>"
            )
        self.safety.append(
            QCoreApplication.translate(
                "BatWindow",
                "JavaScript is off; the preview reads only this round's files and blocks"
                " remote requests until you allow them.",
            )
        )

    def show_tags(self, page: rounds.PreviewPage) -> None:
        parts = []
        if page.unfilled:
            items = "".join(f"<li><code>{_escape(t)}</code></li>" for t in page.unfilled)
            parts.append(
                "<p style='color:#991b1b'><b>"
                + _escape(QCoreApplication.translate("BatWindow", "Not filled by this persona:"))
                + f"</b>"
                f"</p><ul>{items}</ul>"
            )
        if page.filled:
            items = "".join(f"<li><code>{_escape(t)}</code></li>" for t in page.filled)
            parts.append(
                "<p><b>"
                + _escape(QCoreApplication.translate("BatWindow", "Filled:"))
                + f"</b></p><ul>{items}</ul>"
            )
        if page.system:
            items = "".join(f"<li><code>{_escape(t)}</code></li>" for t in page.system)
            parts.append(
                "<p><b>"
                + _escape(
                    QCoreApplication.translate("BatWindow", "Filled by the ESP when sending:")
                )
                + f"</b></p><ul>{items}</ul>"
            )
        if not parts:
            parts.append(
                "<p>"
                + _escape(
                    QCoreApplication.translate("BatWindow", "No personalisation tag in this email.")
                )
                + "</p>"
            )
        self.tags.setHtml("".join(parts))
        title = QCoreApplication.translate("BatWindow", "Personalisation")
        if page.unfilled:
            title += f" ({len(page.unfilled)} !)"
        self.side.setTabText(2, title)

    def _on_changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return
        shown = changes.bat or changes.checklist or changes.campaigns
        if changes.clients or (shown and changes.concerns(self.campaign_id)):
            self.reload()

    def _step_round(self, step: int) -> None:
        index = self.round_combo.currentIndex() + step
        if 0 <= index < self.round_combo.count():
            self.round_combo.setCurrentIndex(index)

    # -- actions --------------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = True) -> None:
        """A refusal (red) or a confirmation (green) above the proof, until dismissed."""
        self.message_box.setProperty("error", error)
        self.message_box.setStyleSheet(
            "#batMessage { background: %s; border: 1px solid %s; border-radius: 4px; }"
            " #batMessage QLabel { color: %s; }"
            % (("#fee2e2", "#fca5a5", "#7f1d1d") if error else ("#dcfce7", "#86efac", "#14532d"))
        )
        self.message.setText(text)
        self.message_box.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message_box.hide()

    def _push(self, build: Callable[[], QUndoCommand]) -> bool:
        try:
            command = build()
        except CrmdeskError as error:
            self.show_message(error_text(error))
            return False
        self.undo_stack.push(command)
        return True

    def decide(self, decision: BatDecision) -> None:
        if self.view is None:
            return
        round_id = self.view.id
        self._push(lambda: Decide(self, round_id, decision))

    def add_feedback(self) -> None:
        if self.view is None:
            return
        text = self.feedback_edit.toPlainText().strip()
        if not text:
            self.feedback_edit.setFocus()
            return
        round_id, target = self.view.id, self.target_combo.currentText()
        if self._push(lambda: AddFeedback(self, round_id, text, target)):
            self.feedback_edit.clear()

    def add_feedback_text(self, text: str) -> bool:
        """Feedback typed elsewhere (the review mode)."""
        if self.view is None or not text.strip():
            return False
        round_id = self.view.id
        return self._push(lambda: AddFeedback(self, round_id, text, ""))

    def remove_feedback(self) -> None:
        item = self.feedback_list.currentItem()
        if item is None or self.view is None:
            return
        round_id, feedback_id = self.view.id, item.data(Qt.ItemDataRole.UserRole)
        self._push(lambda: RemoveFeedback(self, round_id, feedback_id))

    def set_remote_allowed(self, allowed: bool) -> None:
        if self.view is None:
            return
        round_id = self.view.id
        self._push(lambda: AllowRemote(self, round_id, allowed))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("BatWindow", "Import a proof"),
            str(Path.home()),
            QCoreApplication.translate(
                "BatWindow", "Emails (*.html *.htm *.eml *.zip);;All files (*)"
            ),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read, check and store the proof on the workspace's worker; the round appears when
        done. ``imported`` says how it ended, whatever happened."""
        if self.busy:
            return
        self.busy = True
        self.clear_message()
        self.import_button.setEnabled(False)
        self.import_button.setText(QCoreApplication.translate("BatWindow", "Importing…"))
        workspace, campaign_id, who = self.ops.workspace, self.campaign_id, self.who

        def work(_progress: object) -> tuple[int, Changes]:
            with workspace.session() as session:
                return rounds.import_file(session, campaign_id, path, who)

        self._added = False
        self._import = self.ops.run(
            work,
            kind="workspace",
            initiator=self,
            on_done=self._imported,
            on_failed=self._import_refused,
            on_finished=self._import_finished,
            context=f"importing the proof {path.name} into campaign {campaign_id}",
        )

    def _imported(self, result: tuple[int, Changes]) -> None:
        round_id, _ = result
        self._added = True
        self.reload(keep_round=round_id)  # this window asked: the announcement skips it

    def _import_refused(self, error: CrmdeskError) -> None:
        if isinstance(error, UnusableEmail):
            self.show_message(import_refusal_text(error))
        else:
            self.show_message(error_text(error))

    def _import_finished(self) -> None:
        self._import = None
        self.busy = False
        self.import_button.setEnabled(True)
        self.import_button.setText(QCoreApplication.translate("BatWindow", "&Import a proof…"))
        self.imported.emit(self._added)

    def wait_for_import(self) -> None:
        if self._import is not None:
            self._import.wait()

    def open_compare(self) -> None:
        if len(self.summaries) < 2:
            return
        dialog = CompareDialog(self.ops, self.summaries, self.view.id if self.view else None, self)
        dialog.show()
        self.compare_dialog = dialog

    def open_send(self) -> None:
        if self.view is None:
            return
        from crmdesk.ui.bat.send_dialog import SendDialog

        dialog = SendDialog(self.ops, self.view.id, self, who=self.who)
        dialog.sent.connect(lambda text: self.show_message(text, error=False))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self.send_dialog = dialog

    def open_personas(self) -> None:
        from crmdesk.ui.bat.personas_dialog import PersonasDialog

        dialog = PersonasDialog(self.ops, self.client_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_review(self) -> None:
        if self.view is None:
            return
        if self.review is None:
            self.review = ReviewWindow(self)
            self.review.destroyed.connect(lambda _=None: setattr(self, "review", None))
        self.review.show_round(self.view)
        self.review.resize(self.screen().size())  # where no window manager sizes it
        self.review.showFullScreen()
        self.review.activateWindow()

    # -- drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if (
            urls
            and urls[0].isLocalFile()
            and urls[0].toLocalFile().lower().endswith(PROOF_SUFFIXES)
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.import_file(Path(urls[0].toLocalFile()))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.wait_for_import()
        if self.review is not None:
            self.review.close()
        super().closeEvent(event)


# -- compare two rounds -----------------------------------------------------------------------


class CompareDialog(QDialog):
    """Two rounds side by side in words: the visible text that changed and the links."""

    def __init__(
        self,
        ops: Operations,
        summaries: list[RoundSummary],
        current: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(QCoreApplication.translate("BatWindow", "Compare two rounds"))
        self.resize(900, 700)
        self.before = QComboBox()
        self.after = QComboBox()
        for summary in summaries:
            label = QCoreApplication.translate("BatWindow", "BAT %1").replace(
                "%1", str(summary.number)
            )
            self.before.addItem(label, summary.id)
            self.after.addItem(label, summary.id)
        after_index = next(
            (i for i, s in enumerate(summaries) if s.id == current), len(summaries) - 1
        )
        after_index = max(after_index, 1)
        self.after.setCurrentIndex(after_index)
        self.before.setCurrentIndex(after_index - 1)
        self.before.currentIndexChanged.connect(self.refresh)
        self.after.currentIndexChanged.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(QLabel(QCoreApplication.translate("BatWindow", "From")))
        row.addWidget(self.before)
        row.addWidget(QLabel(QCoreApplication.translate("BatWindow", "to")))
        row.addWidget(self.after)
        row.addStretch(1)
        self.text = QTextBrowser()
        self.links = QTreeWidget()
        self.links.setHeaderLabels(
            [
                QCoreApplication.translate("BatWindow", "Change"),
                QCoreApplication.translate("BatWindow", "Link"),
                QCoreApplication.translate("BatWindow", "Before"),
                QCoreApplication.translate("BatWindow", "After"),
            ]
        )
        self.links.setRootIsDecorated(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.text)
        splitter.addWidget(self.links)
        splitter.setSizes([460, 200])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        before, after = self.before.currentData(), self.after.currentData()
        diff = self.ops.read(rounds.compare_rounds, before, after)
        self.diff = diff
        if diff.unchanged:
            self.text.setHtml(
                "<p>"
                + _escape(QCoreApplication.translate("BatWindow", "The two rounds read the same."))
                + "</p>"
            )
        else:
            colours = {"-": "#fee2e2", "+": "#dcfce7", " ": "transparent"}
            lines = "".join(
                f"<div style='background:{colours.get(op, 'transparent')};white-space:pre-wrap'>"
                f"{_escape(op)} {_escape(line)}</div>"
                for op, line in diff.text
            )
            self.text.setHtml(lines)
        self.links.clear()
        kinds = {
            "added": QCoreApplication.translate("BatWindow", "added"),
            "removed": QCoreApplication.translate("BatWindow", "removed"),
            "changed": QCoreApplication.translate("BatWindow", "changed"),
        }
        for change in diff.links:
            self.links.addTopLevelItem(
                QTreeWidgetItem(
                    [kinds.get(change.kind, change.kind), change.label, change.before, change.after]
                )
            )


# -- review mode ------------------------------------------------------------------------------


class ReviewWindow(QWidget):
    """One full-screen view for the session with the client: the proof, the BAT checklist
    items, a feedback box and the decision, all from the keyboard."""

    def __init__(self, bat: BatWindow) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bat = bat
        self.ops = bat.ops
        self.setWindowTitle(
            QCoreApplication.translate("BatWindow", "Review — %1").replace("%1", bat.campaign_name)
        )
        self.proof = ProofView(bat.ops, bat)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.badge = DecisionBadge()
        self.checklist = QListWidget()
        self.checklist.setWordWrap(True)
        self.checklist.setToolTip(
            QCoreApplication.translate("BatWindow", "Space ticks or unticks the selected item")
        )
        self.checklist.itemChanged.connect(self._ticked)
        self.feedback = QListWidget()
        self.feedback.setWordWrap(True)
        self.box = QPlainTextEdit()
        self.box.setPlaceholderText(
            QCoreApplication.translate(
                "BatWindow", "Feedback from the client… (Ctrl+Enter adds it)"
            )
        )
        self.box.setMaximumHeight(110)
        approve = QPushButton(QCoreApplication.translate("BatWindow", "&Approve"))
        approve.setStyleSheet("QPushButton { color: #166534; font-weight: 600; padding: 8px; }")
        approve.clicked.connect(lambda: self.bat.decide(BatDecision.APPROVED))
        changes = QPushButton(QCoreApplication.translate("BatWindow", "Request &changes"))
        changes.setStyleSheet("QPushButton { color: #991b1b; font-weight: 600; padding: 8px; }")
        changes.clicked.connect(lambda: self.bat.decide(BatDecision.CHANGES_REQUESTED))
        leave = QPushButton(QCoreApplication.translate("BatWindow", "Leave (Esc)"))
        leave.clicked.connect(self.close)
        self.approve_button, self.changes_button = approve, changes
        side = QWidget()
        side.setMaximumWidth(440)
        column = QVBoxLayout(side)
        column.addWidget(self.heading)
        column.addWidget(self.badge)
        column.addWidget(
            QLabel(
                "<b>" + _escape(QCoreApplication.translate("BatWindow", "Checklist — BAT")) + "</b>"
            )
        )
        column.addWidget(self.checklist, 2)
        column.addWidget(
            QLabel("<b>" + _escape(QCoreApplication.translate("BatWindow", "Feedback")) + "</b>")
        )
        column.addWidget(self.feedback, 2)
        column.addWidget(self.box)
        buttons = QHBoxLayout()
        buttons.addWidget(approve)
        buttons.addWidget(changes)
        column.addLayout(buttons)
        column.addWidget(leave)
        keys = QLabel(
            QCoreApplication.translate(
                "BatWindow",
                "Alt+A approve · Alt+C request changes · Ctrl+Enter add feedback · Ctrl+1/2/3"
                " desktop, mobile, both · Alt+←/→ rounds · Esc leave",
            )
        )
        keys.setWordWrap(True)
        keys.setStyleSheet("color: #6b7280;")
        column.addWidget(keys)
        layout = QHBoxLayout(self)
        layout.addWidget(self.proof, 1)
        layout.addWidget(side)
        self.proof.controls.set_layout_mode(2)

        def bind(keys: str, slot: Callable[[], object], widget: QWidget | None = None) -> None:
            shortcut = QShortcut(QKeySequence(keys), widget or self)
            if widget is not None:
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        bind("Esc", self.close)
        bind("F11", self.close)
        _CtrlEnter(self.box, self.add_feedback)
        bind("Ctrl+1", lambda: self.proof.controls.set_layout_mode(0))
        bind("Ctrl+2", lambda: self.proof.controls.set_layout_mode(1))
        bind("Ctrl+3", lambda: self.proof.controls.set_layout_mode(2))
        bind("Ctrl+=", lambda: self.proof.controls.step_zoom(1))
        bind("Ctrl+-", lambda: self.proof.controls.step_zoom(-1))
        bind("Ctrl+0", lambda: self.proof.controls.step_zoom(0))
        bind("Alt+Left", lambda: self.bat._step_round(-1))
        bind("Alt+Right", lambda: self.bat._step_round(1))
        bind("Ctrl+Z", self.bat.undo_stack.undo)
        bind("Ctrl+Shift+Z", self.bat.undo_stack.redo)
        self.box.setFocus()

    def show_round(self, view: RoundView | None) -> None:
        if view is None:
            self.close()
            return
        self.heading.setText(
            QCoreApplication.translate("BatWindow", "BAT %1 — %2")
            .replace("%1", str(view.number))
            .replace("%2", view.campaign_name)
        )
        self.badge.show_decision(view)
        self.feedback.clear()
        for entry in view.feedback:
            self.feedback.addItem(f"{entry.author} — {entry.text}")
        self._load_checklist()
        self.proof.show_round(view, self.bat.personas)

    def _load_checklist(self) -> None:
        from crmdesk.core import checklists
        from crmdesk.core.models import ChecklistPhase, ChecklistState

        checklist = self.ops.read(checklists.load_checklist, self.bat.campaign_id, date.today())
        lang = language()
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for item in checklist.items:
            if item.phase is not ChecklistPhase.BAT:
                continue
            row = QListWidgetItem(item.label(lang))
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            done = item.state in (ChecklistState.DONE, ChecklistState.NOT_APPLICABLE)
            row.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
            if item.state is ChecklistState.FAILED:
                row.setForeground(QColor("#b91c1c"))
            self.checklist.addItem(row)
        self.checklist.blockSignals(False)

    def _ticked(self, row: QListWidgetItem) -> None:
        from crmdesk.core import checklists
        from crmdesk.core.models import ChecklistState

        state = (
            ChecklistState.DONE
            if row.checkState() == Qt.CheckState.Checked
            else ChecklistState.TODO
        )
        try:
            self.ops.write(
                checklists.set_state, row.data(Qt.ItemDataRole.UserRole), state, self.bat.who
            )
        except CrmdeskError as error:
            self.bat.show_message(error_text(error))

    def add_feedback(self) -> None:
        if self.bat.add_feedback_text(self.box.toPlainText()):
            self.box.clear()
