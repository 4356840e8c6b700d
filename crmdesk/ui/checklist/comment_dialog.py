"""The dialog that writes a comment on one checklist item."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class CommentDialog(QDialog):
    """A comment on one item; Ctrl+Enter saves, like the window's own shortcut opens it."""

    def __init__(self, label: str, comment: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Comment"))
        self.setMinimumWidth(440)
        title = QLabel(label)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.text = QPlainTextEdit(comment)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What was done, checked or decided, and by whom"))
        self.text.setMinimumHeight(110)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Ctrl+Enter to save"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.text.setFocus()
        self.text.moveCursor(QTextCursor.MoveOperation.End)

    def comment(self) -> str:
        return self.text.toPlainText().strip()
