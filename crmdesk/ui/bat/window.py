"""The BAT window of a campaign: its rounds, the proof previewed safely, the findings at import,
the client's feedback and decision, the comparison of two rounds and the test send.

One window per campaign, like the checklist. Decisions, feedback and the permission to load
remote images are commands of the window's own undo stack. The core guards decisions: approving
over open errors is asked first (the override is recorded under the operator's name), and the
decision buttons are disabled, with the reason in their tooltip, when there is nothing to decide.
The window fits a 1280×720 laptop screen: the side tabs scroll, long names elide with a tooltip.
Importing reads and checks the file on a worker thread (a 15 MB archive takes a moment) and
writes in its own transaction.
QtWebEngine is loaded with this window, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as _escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.bat import rounds
from crmdesk.core.bat.diff import link_targets
from crmdesk.core.bat.rounds import OverrideNeeded, RoundSummary, RoundView
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError, NotFound, UnusableEmail
from crmdesk.core.models import BatDecision
from crmdesk.ui.bat.commands import AddFeedback, AllowRemote, Decide, RemoveFeedback
from crmdesk.ui.bat.compare_dialog import CompareDialog
from crmdesk.ui.bat.details import add_findings, round_info, show_safety, tags_html, wrap_rows
from crmdesk.ui.bat.labels import (
    BatLabels,
    decision_label,
    import_refusal_text,
    nothing_to_decide_text,
)
from crmdesk.ui.bat.proof_view import ProofView
from crmdesk.ui.bat.review_mode import ReviewWindow
from crmdesk.ui.bat.widgets import CtrlEnter, DecisionBadge, ElidedLabel
from crmdesk.ui.kit.dialogs import forget, weakly
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import language, local_text
from crmdesk.ui.kit.styles import HINT_STYLE, decision_button_style, message_box_style
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Job, Operations

if TYPE_CHECKING:
    from crmdesk.core.bat.personas import PersonaInfo

PROOF_SUFFIXES = (".html", ".htm", ".eml", ".zip")
#: The size the window opens at when the screen has room; a laptop gets its available area.
PREFERRED_SIZE = QSize(1360, 880)
#: The side tabs' narrowest, so the findings and the feedback stay readable.
SIDE_MIN_WIDTH = 320
#: The open errors the approval question lists; the rest are counted (the Findings tab has all).
OVERRIDE_LISTED = 8


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
        self.override_dialog: QMessageBox | None = None
        self.override_confirm: QAbstractButton | None = None
        self._override_round: int | None = None
        self._import: Job | None = None
        self._added = False  # the import under way added a round
        campaign = ops.read(campaigns.load, campaign_id)
        self.client_id = campaign.client_id
        self.campaign_name = campaign.name
        self.setWindowTitle(
            QCoreApplication.translate("BatWindow", "BAT — %1").replace("%1", campaign.name)
        )
        fit_to_screen(self, PREFERRED_SIZE.width(), PREFERRED_SIZE.height())
        self.setAcceptDrops(True)
        self._build()
        self._shortcuts()
        ops.changed.connect(self._on_changed)
        self.reload()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = ElidedLabel(self.campaign_name)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.round_combo = QComboBox()
        # The whole "BAT n — date — decision" when there is room; elided (with the text in the
        # tooltip) down to this width on a laptop, where it used to push the window wider.
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round_combo.setMinimumWidth(170)
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
        # The round and its decision keep their whole text; the campaign's name takes the room
        # left and elides (whole in its tooltip) on a laptop. The badge and the selector give
        # way only on a screen narrower still.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(120)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.round_combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.round_combo)
        header.addWidget(self.badge)
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
        self.message_box.setStyleSheet(message_box_style("batMessage"))
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
        self.empty.setWordWrap(True)  # a narrow window wraps the hint rather than cutting it
        self.empty.setMargin(24)
        self.empty.setStyleSheet(HINT_STYLE + " font-size: 15px;")
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
        wrap_rows(self.findings)
        # The message takes the room the side panel has and wraps there, rather than running
        # off to the right behind a scroll bar; the severity and line keep their own width.
        header_view = self.findings.header()
        header_view.setStretchLastSection(False)
        header_view.setSectionResizeMode(0, header_view.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, header_view.ResizeMode.Stretch)
        header_view.setSectionResizeMode(2, header_view.ResizeMode.ResizeToContents)
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        splitter.setSizes([900, 420])
        self.stack.setMinimumWidth(420)
        self._fit_tabs()
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addWidget(self.message_box)
        layout.addWidget(splitter, 1)

    def _fit_tabs(self) -> None:
        """Keep every side tab's title readable: the panel is at least as wide as its tab bar,
        whose titles grow with their counts ("Findings (12)"), rather than hiding a tab
        behind scroll arrows."""
        bar = self.side.tabBar()
        self.side.setMinimumWidth(max(SIDE_MIN_WIDTH, bar.sizeHint().width() + 8))

    def _build_review_tab(self) -> QWidget:
        tab = QWidget()
        self.approve_button = QPushButton(QCoreApplication.translate("BatWindow", "&Approve"))
        self.approve_button.setStyleSheet(decision_button_style(approve=True))
        self.approve_button.clicked.connect(lambda: self.decide(BatDecision.APPROVED))
        self.changes_button = QPushButton(
            QCoreApplication.translate("BatWindow", "Request &changes")
        )
        self.changes_button.setStyleSheet(decision_button_style(approve=False))
        self.changes_button.clicked.connect(lambda: self.decide(BatDecision.CHANGES_REQUESTED))
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.changes_button)
        self.decision_hint = QLabel()
        self.decision_hint.setWordWrap(True)
        self.decision_hint.setStyleSheet(HINT_STYLE)
        self.decision_hint.hide()
        self.round_info = QLabel()
        self.round_info.setWordWrap(True)
        self.round_info.setStyleSheet(HINT_STYLE)
        self.round_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback_list = QListWidget()
        self.feedback_list.setWordWrap(True)
        self.feedback_list.setMinimumHeight(80)
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
        layout.addWidget(self.decision_hint)
        layout.addWidget(self.round_info)
        layout.addWidget(
            QLabel("<b>" + _escape(QCoreApplication.translate("BatWindow", "Feedback")) + "</b>")
        )
        layout.addWidget(self.feedback_list, 1)
        layout.addWidget(self.feedback_edit)
        layout.addLayout(feedback_row)
        # Scrolls rather than growing the window when an override and its errors, the test
        # sends and the feedback do not fit a laptop's height.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(tab)
        self.decision_scroll = scroll
        return scroll

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
        bind("Alt+Left", lambda: self.step_round(-1))
        bind("Alt+Right", lambda: self.step_round(1))
        bind(QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        bind(QKeySequence.StandardKey.Redo, self.undo_stack.redo)
        CtrlEnter(self.feedback_edit, self.add_feedback)
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
            text = (
                QCoreApplication.translate("BatWindow", "BAT %1 — %2 — %3")
                .replace("%1", str(summary.number))
                .replace("%2", local_text(summary.created_at))
                .replace("%3", decision_label(summary.decision))
            )
            if summary.overridden:
                text += " " + BatLabels().overridden_short(summary.overridden)
            self.round_combo.addItem(text, summary.id)
            self.round_combo.setItemData(
                self.round_combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole
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
            self.add_feedback_button,
            self.send_button,
            self.feedback_edit,
            self.review_button,
        ):
            widget.setEnabled(has)
        self.compare_button.setEnabled(len(self.summaries) >= 2)
        self.round_combo.setToolTip(
            (self.round_combo.currentText() + "\n" if has else "")
            + QCoreApplication.translate("BatWindow", "The round shown (Alt+Left / Alt+Right)")
        )
        self.badge.show_decision(self.view)
        self._show_details()
        self.proof.show_round(self.view, self.personas)
        if self.review is not None:
            self.review.show_round(self.view)
        self.update_decision_buttons()

    def decision_blocked(self, decision: BatDecision) -> str | None:
        """Why ``decision`` cannot be taken on the round shown, said for a tooltip, or None.

        The rule is the core's (:func:`rounds.decision_blocker`); only the words are here."""
        view = self.view
        if view is None:
            return nothing_to_decide_text("no_round")
        code = rounds.decision_blocker(view.decision, view.number, view.latest_number, decision)
        if code == "already":
            code = (
                "already_approved"
                if decision is BatDecision.APPROVED
                else "already_changes_requested"
            )
        return None if code is None else nothing_to_decide_text(code, view.latest_number)

    def update_decision_buttons(self) -> None:
        """Enable the decision buttons (here and in review mode) only when there is something
        to decide; a disabled one says why in its tooltip, and the Decision tab says it too."""
        view = self.view
        errors = len(view.open_errors) if view is not None else 0
        tips = {
            BatDecision.APPROVED: (
                BatLabels().approve_tip(errors)
                if errors
                else QCoreApplication.translate(
                    "BatWindow", "The client approves this round (Alt+A)"
                )
            ),
            BatDecision.CHANGES_REQUESTED: QCoreApplication.translate(
                "BatWindow", "The client asks for another round (Alt+C)"
            ),
        }
        pairs = [
            (self.approve_button, BatDecision.APPROVED),
            (self.changes_button, BatDecision.CHANGES_REQUESTED),
        ]
        if self.review is not None:
            pairs += [
                (self.review.approve_button, BatDecision.APPROVED),
                (self.review.changes_button, BatDecision.CHANGES_REQUESTED),
            ]
        reasons = []
        for button, decision in pairs:
            reason = self.decision_blocked(decision)
            button.setEnabled(reason is None)
            button.setToolTip(tips[decision] if reason is None else reason)
            if reason is not None and reason not in reasons and button.window() is self:
                reasons.append(reason)
        self.decision_hint.setText("\n".join(reasons))
        self.decision_hint.setVisible(bool(reasons))

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
        self.round_info.setText(round_info(view))
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
        add_findings(self.findings, view)
        self.side.setTabText(
            1,
            QCoreApplication.translate("BatWindow", "Findings (%1)").replace(
                "%1", str(len(view.findings))
            ),
        )
        self._fit_tabs()
        show_safety(self.safety, view)

    def show_tags(self, page: rounds.PreviewPage) -> None:
        self.tags.setHtml(tags_html(page))
        title = QCoreApplication.translate("BatWindow", "Personalisation")
        if page.unfilled:
            title += f" ({len(page.unfilled)} !)"
        self.side.setTabText(2, title)
        self._fit_tabs()

    def _on_changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return
        shown = changes.bat or changes.checklist or changes.campaigns
        if changes.clients or (shown and changes.concerns(self.campaign_id)):
            self.reload()

    def step_round(self, step: int) -> None:
        index = self.round_combo.currentIndex() + step
        if 0 <= index < self.round_combo.count():
            self.round_combo.setCurrentIndex(index)

    # -- actions --------------------------------------------------------------------------------

    def show_confirmation(self, text: str) -> None:
        self.show_message(text, error=False)

    def show_message(self, text: str, *, error: bool = True) -> None:
        """A refusal (red) or a confirmation (green) above the proof, until dismissed."""
        self.message_box.setProperty("error", error)
        self.message_box.setStyleSheet(message_box_style("batMessage", error=error))
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
        """Record the decision; an approval over open errors is asked first (the core says
        which errors), and recorded with them under the operator's name once confirmed."""
        if self.view is None or self.decision_blocked(decision) is not None:
            return
        round_id = self.view.id
        try:
            command = Decide(self, round_id, decision)
        except OverrideNeeded as needed:
            self.ask_override(needed)
            return
        except CrmdeskError as error:
            self.show_message(error_text(error))
            return
        self.undo_stack.push(command)

    def ask_override(self, needed: OverrideNeeded) -> None:
        """List the open errors and say that approving records the override under the
        operator's name; Cancel leaves the round as it was. Window-modal and not blocking,
        over review mode when that is where the client is watching."""
        labels = BatLabels()
        lang = language()
        shown = needed.findings[:OVERRIDE_LISTED]
        items = "".join(f"<li>{_escape(f.message(lang))}</li>" for f in shown)
        if len(needed.findings) > len(shown):
            items += f"<li>{_escape(labels.more_errors(len(needed.findings) - len(shown)))}</li>"
        heading = labels.open_errors(len(needed.findings)).replace("%1", str(needed.number))
        review = self.review
        parent: QWidget = review if review is not None and review.isVisible() else self
        dialog = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("BatWindow", "Approve with errors open?"),
            "",
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        dialog.setTextFormat(Qt.TextFormat.RichText)
        dialog.setText(f"<p><b>{_escape(heading)}</b></p><ul>{items}</ul>")
        dialog.setInformativeText(
            QCoreApplication.translate(
                "BatWindow",
                "Approving anyway records this override on the round under your name, %1,"
                " with the date and these errors. Undo (Ctrl+Z) takes it back.",
            ).replace("%1", self.who or "—")
        )
        self.override_confirm = dialog.addButton(
            QCoreApplication.translate("BatWindow", "Approve anyway"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        dialog.setDefaultButton(QMessageBox.StandardButton.Cancel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.buttonClicked.connect(self._override_answered)
        dialog.destroyed.connect(weakly(self._forget_override_dialog))
        self.override_dialog = dialog
        self._override_round = needed.round_id
        dialog.open()

    def _override_answered(self, button: QAbstractButton) -> None:
        round_id = self._override_round
        if button is not self.override_confirm or round_id is None:
            return  # Cancel: the round stays as it was
        self._push(lambda: Decide(self, round_id, BatDecision.APPROVED, override=True))

    def _forget_override_dialog(self, _gone: object = None) -> None:
        self.override_dialog = None
        self.override_confirm = None
        self._override_round = None

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
        """The remote images button was clicked: record it for the round (undoable); the
        reload that follows shows the email again with remote requests let through."""
        if self.view is None:
            return
        round_id = self.view.id
        if not self._push(lambda: AllowRemote(self, round_id, allowed)):
            # Refused: the button goes back to what the round records.
            self.proof.controls.remote.setChecked(self.view.remote_allowed)

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
        dialog.sent.connect(weakly(self.show_confirmation))
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
            self.review.destroyed.connect(forget(self, "review"))
        self.review.show_round(self.view)
        self.update_decision_buttons()
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
