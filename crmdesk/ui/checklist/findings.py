"""The findings of a check run: grouped by severity, each row holding its ``Finding``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from crmdesk.core.checklists import RunView
from crmdesk.core.checks.model import Severity
from crmdesk.core.models import ChecklistState
from crmdesk.ui.checklist.items import ITEM_ROLE, state_icon
from crmdesk.ui.kit.formats import language
from crmdesk.ui.kit.styles import SEVERITY_COLOURS, glyph
from crmdesk.ui.labels import severity_label


def severity_icon(severity: Severity) -> QIcon:
    colour = QColor(SEVERITY_COLOURS[severity])

    def draw(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        if severity is Severity.WARNING:
            p.drawPolygon([QPoint(8, 1), QPoint(15, 14), QPoint(1, 14)])
        else:
            p.drawEllipse(1, 1, 14, 14)
        p.setPen(QPen(QColor("white"), 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if severity is Severity.INFO:
            p.drawPoint(8, 5)
            p.drawLine(8, 8, 8, 11)
        else:
            top = 5 if severity is Severity.WARNING else 4
            p.drawLine(8, top, 8, top + 4)
            p.drawPoint(8, top + 7)

    return glyph(draw)


#: Widest the check column grows: the message column beside it must keep room to wrap.
CHECK_COLUMN_CAP = 200


class WrapDelegate(QStyledItemDelegate):
    """Row heights that fit the wrapped text: Qt's tree views measure a cell without knowing
    its column's width, so a long message would stay on one elided line."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        width = self.view.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * (depth + 1)
        opt.rect = QRect(0, 0, max(40, width), 1)  # a valid rect: the style wraps to it
        return super().sizeHint(opt, index)


class FindingsTree(QTreeWidget):
    """Finding, line and check of every finding of a run, errors first; wrapped messages.
    Its strings keep the translation context "ChecklistWindow", where they were first written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(
            [
                QCoreApplication.translate("ChecklistWindow", "Finding"),
                QCoreApplication.translate("ChecklistWindow", "Line"),
                QCoreApplication.translate("ChecklistWindow", "Check"),
            ]
        )
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(WrapDelegate(self))
        self.setAccessibleName(QCoreApplication.translate("ChecklistWindow", "Findings"))
        head = self.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(2, 108)
        head.setMinimumSectionSize(40)
        # Row heights follow the wrapped messages only if the view lays its items out again.
        head.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def show_run(self, run: RunView) -> QTreeWidgetItem | None:
        """Add the run's findings (the caller cleared the tree); the first finding's row."""
        lang = language()
        bold = QFont(self.font())
        bold.setBold(True)
        first: QTreeWidgetItem | None = None
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            found = [f for f in run.findings if f.severity is severity]
            if not found:
                continue
            group = QTreeWidgetItem(self)
            group.setText(0, f"{severity_label(severity)} ({len(found)})")
            group.setIcon(0, severity_icon(severity))
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
            group.setFirstColumnSpanned(True)
            group.setData(0, Qt.ItemDataRole.AccessibleTextRole, group.text(0))
            for finding in sorted(found, key=lambda f: (f.line or 0, f.check_id)):
                row = QTreeWidgetItem(group)
                row.setData(0, ITEM_ROLE, finding)
                row.setText(0, finding.message(lang))
                row.setIcon(0, severity_icon(severity))
                row.setText(1, str(finding.line) if finding.line else "")
                row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                row.setText(2, finding.check_id)
                tip = finding.message(lang)
                if finding.element:
                    tip += "\n\n" + finding.element
                for column in range(3):
                    row.setToolTip(column, tip)
                first = first or row
            group.setExpanded(True)
        if run.findings:
            # The check's id names what to fix ("compatibility.css-border-radius"): as wide
            # as it needs up to CHECK_COLUMN_CAP, the message wrapping in the rest; a longer
            # id is read whole in the row's tooltip.
            wanted = max(self.sizeHintForColumn(2), self.header().sectionSizeHint(2)) + 8
            self.setColumnWidth(2, max(108, min(wanted, CHECK_COLUMN_CAP)))
        if not run.findings:
            clean = QTreeWidgetItem(self)
            clean.setText(
                0,
                QCoreApplication.translate(
                    "ChecklistWindow", "No finding: the email passed every check."
                ),
            )
            clean.setIcon(0, state_icon(ChecklistState.DONE))
            clean.setFlags(Qt.ItemFlag.ItemIsEnabled)
            clean.setFirstColumnSpanned(True)
        return first
