"""Two rounds of a BAT compared in words: the visible text that changed and the links."""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.bat import rounds
from crmdesk.core.bat.rounds import RoundSummary
from crmdesk.ui.operations import Operations


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
