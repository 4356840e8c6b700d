"""Small pieces shared by the BAT window and its review mode: the decision badge, a label that
elides instead of widening the window, and the Ctrl+Enter of a feedback box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

from crmdesk.core.bat.rounds import RoundView
from crmdesk.ui.bat.labels import DECISION_COLOURS, BatLabels, decision_label
from crmdesk.ui.kit.formats import language, local_text

#: The narrowest an elided label gets: a few letters and the ellipsis.
ELIDED_MIN_CHARS = 8


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


class ElidedLabel(QLabel):
    """One line of plain text that gives way on a narrow screen instead of widening the window:
    its end becomes "…" and the whole text moves into the tooltip, so nothing is lost."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._tip = ""
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        """Show ``text``, elided only if the room the layout gives it now is too small: the
        layout is settled at once, so a longer text first gets the room there is."""
        self._full = text
        self.updateGeometry()
        parent = self.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.activate()
        self._elide()

    def set_extra_tip(self, tip: str) -> None:
        """A tooltip of its own, shown below the full text when that is elided."""
        self._tip = tip
        self._elide()

    def _overhead(self) -> int:
        """What the label adds around its text (margins, a style sheet's padding)."""
        shown = super().text()
        return max(super().sizeHint().width() - self.fontMetrics().horizontalAdvance(shown), 0)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(
            self.fontMetrics().horizontalAdvance(self._full) + self._overhead(), hint.height()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = self.sizeHint()
        narrow = self.fontMetrics().averageCharWidth() * ELIDED_MIN_CHARS + self._overhead()
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.width() - self._overhead()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != super().text():
            QLabel.setText(self, shown)
        tips = [self._full] if shown != self._full else []
        if self._tip:
            tips.append(self._tip)
        self.setToolTip("\n".join(tips))


class DecisionBadge(ElidedLabel):
    """The round's decision, who took it and when, and any errors its approval overrode."""

    def show_decision(self, view: RoundView | None) -> None:
        if view is None:
            self.setText("")
            self.set_extra_tip("")
            self.setStyleSheet("")
            return
        background, foreground = DECISION_COLOURS[view.decision]
        text = decision_label(view.decision)
        overridden = view.override_findings
        if overridden:
            text += " " + BatLabels().overridden_short(len(overridden))
        if view.decided_by:
            text += " — " + view.decided_by
            if view.decided_at is not None:
                text += ", " + local_text(view.decided_at)
        lang = language()
        self.set_extra_tip("\n".join("• " + f.message(lang) for f in overridden))
        self.setStyleSheet(  # first: the bold text and its padding decide what fits
            f"background: {background}; color: {foreground}; border-radius: 4px;"
            " padding: 3px 8px; font-weight: 600;"
        )
        self.setText(text)
