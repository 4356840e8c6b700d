"""Small pieces shared by the BAT window and its review mode: the decision badge and the
Ctrl+Enter of a feedback box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from crmdesk.core.bat.rounds import RoundView
from crmdesk.ui.bat.labels import DECISION_COLOURS, decision_label
from crmdesk.ui.kit.formats import local_text


class CtrlEnter(QObject):
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
