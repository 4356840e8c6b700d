"""Review mode: one full-screen view for the session with the client, driven from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape as _escape
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.bat.rounds import RoundView
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import BatDecision
from crmdesk.ui.bat.proof_view import ProofHost, ProofView
from crmdesk.ui.bat.widgets import CtrlEnter, DecisionBadge
from crmdesk.ui.kit.formats import language
from crmdesk.ui.kit.styles import HINT_STYLE, bad_colour, decision_button_style
from crmdesk.ui.labels import error_text

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from crmdesk.core.bat.personas import PersonaInfo
    from crmdesk.ui.operations import Operations


class BatWindow(ProofHost, Protocol):
    """What review mode uses of the BAT window it reviews for (no import of the window)."""

    ops: Operations
    campaign_id: int
    campaign_name: str
    who: str
    personas: list[PersonaInfo]
    undo_stack: QUndoStack

    def decide(self, decision: BatDecision) -> None: ...

    def show_message(self, text: str) -> None: ...

    def add_feedback_text(self, text: str) -> bool: ...

    def step_round(self, step: int) -> None: ...


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
        approve.setStyleSheet(decision_button_style(approve=True, padding=8))
        approve.clicked.connect(lambda: self.bat.decide(BatDecision.APPROVED))
        changes = QPushButton(QCoreApplication.translate("BatWindow", "Request &changes"))
        changes.setStyleSheet(decision_button_style(approve=False, padding=8))
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
        keys.setStyleSheet(HINT_STYLE)
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
        CtrlEnter(self.box, self.add_feedback)
        bind("Ctrl+1", lambda: self.proof.controls.set_layout_mode(0))
        bind("Ctrl+2", lambda: self.proof.controls.set_layout_mode(1))
        bind("Ctrl+3", lambda: self.proof.controls.set_layout_mode(2))
        bind("Ctrl+=", lambda: self.proof.controls.step_zoom(1))
        bind("Ctrl+-", lambda: self.proof.controls.step_zoom(-1))
        bind("Ctrl+0", lambda: self.proof.controls.step_zoom(0))
        bind("Alt+Left", lambda: self.bat.step_round(-1))
        bind("Alt+Right", lambda: self.bat.step_round(1))
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
                row.setForeground(QColor(bad_colour()))
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
