"""The checklist tree: its columns, the data roles its rows carry, the state icons, the
delegate that draws a badge ("auto", "overdue") after a cell's text, and the row of one item."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from crmdesk.core.checklists import ItemView
from crmdesk.core.models import ChecklistState
from crmdesk.ui.checklist.labels import (
    STATE_COLOURS,
    auto_comment_text,
    auto_note_text,
    family_label,
    state_label,
)
from crmdesk.ui.kit.formats import day_month, local_text, short_date
from crmdesk.ui.kit.styles import ALERT, alert_colour, glyph
from crmdesk.ui.labels import role_label

ITEM_ROLE = Qt.ItemDataRole.UserRole  # the item id (checklist) or the Finding (findings)
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (text, foreground, background) drawn after the text
COLUMNS = ("state", "label", "role", "due", "who", "comment")


def state_icon(state: ChecklistState) -> QIcon:
    colour = QColor(STATE_COLOURS[state])

    def draw(p: QPainter) -> None:
        if state is ChecklistState.TODO:
            p.setPen(QPen(colour, 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(2, 2, 12, 12)
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(1, 1, 14, 14)
        p.setPen(QPen(QColor("white"), 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if state is ChecklistState.DONE:
            p.drawPolyline([QPoint(5, 8), QPoint(7, 10), QPoint(11, 6)])
        elif state is ChecklistState.FAILED:
            p.drawLine(5, 5, 11, 11)
            p.drawLine(11, 5, 5, 11)
        else:
            p.drawLine(5, 8, 11, 8)

    return glyph(draw)


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell's text followed by a small pill (``BADGE_ROLE``): "auto", "overdue"."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        badge = index.data(BADGE_ROLE)
        if not badge:
            super().paint(painter, option, index)
            return
        text_of_badge, foreground, background = badge
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        assert style is not None
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = opt.fontMetrics
        small = QFont(opt.font)
        small.setPointSizeF(max(6.5, opt.font.pointSizeF() * 0.8))
        small.setBold(True)
        painter.save()
        painter.setFont(small)
        badge_width = painter.fontMetrics().horizontalAdvance(text_of_badge) + 10
        available = max(0, text_rect.width() - badge_width - 10)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, available)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = (
            opt.palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else index.data(Qt.ItemDataRole.ForegroundRole)
        )
        if isinstance(colour, QBrush):
            colour = colour.color()
        if not isinstance(colour, QColor):
            colour = opt.palette.color(QPalette.ColorRole.Text)
        painter.setFont(opt.font)
        painter.setPen(colour)
        inner = text_rect.adjusted(3, 0, 0, 0)
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        left = inner.left() + metrics.horizontalAdvance(shown) + (6 if shown else 0)
        height = painter.fontMetrics().height() - 2
        pill = QRect(left, text_rect.center().y() - height // 2, badge_width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(small)
        painter.setPen(QColor(foreground))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text_of_badge)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        badge = index.data(BADGE_ROLE)
        if badge:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(badge[0]) + 16)
        return size


class ItemsTree(QTreeWidget):
    """The items of a checklist under their phases, one column per ``COLUMNS``. Its strings
    keep the translation context "ChecklistWindow", where they were first written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(
            [
                QCoreApplication.translate("ChecklistWindow", "State"),
                QCoreApplication.translate("ChecklistWindow", "Item"),
                QCoreApplication.translate("ChecklistWindow", "Role"),
                QCoreApplication.translate("ChecklistWindow", "Due"),
                QCoreApplication.translate("ChecklistWindow", "Done by"),
                QCoreApplication.translate("ChecklistWindow", "Comment"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegate(BadgeDelegate(self))
        self.setAccessibleName(QCoreApplication.translate("ChecklistWindow", "Checklist items"))
        head = self.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(48)
        for column, width in ((0, 104), (2, 72), (3, 128), (4, 112), (5, 110)):
            self.setColumnWidth(column, width)

    #: Widest a column other than the item's label may grow to fit its texts: who ticked it
    #: and the comment are read in full in their tooltips; the label keeps the room.
    CAPS = {0: 140, 2: 120, 3: 190, 4: 190, 5: 220}

    #: The item's label is what the operator reads: the other columns give way below this.
    LABEL_MIN = 260

    def fit_columns(self) -> None:
        """Columns as wide as their texts and headers (in the interface's language), within
        ``CAPS``, so "Échéance" or an "overdue" badge is not cut; then, on a narrow screen, the
        comment and "done by" (read in full in their tooltips) give way to the label."""
        head = self.header()
        widths = {
            column: min(cap, max(self.sizeHintForColumn(column), head.sectionSizeHint(column)) + 8)
            for column, cap in self.CAPS.items()
        }
        spare = self.viewport().width() - self.LABEL_MIN - sum(widths.values())
        for column in (5, 4):
            if spare >= 0:
                break
            given = min(-spare, widths[column] - 90)
            widths[column] -= max(0, given)
            spare += max(0, given)
        for column, width in widths.items():
            self.setColumnWidth(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


def item_row(item: ItemView, lang: str) -> QTreeWidgetItem:
    """The row of one item: state, label, role, due day, who closed it and when, comment."""
    row = QTreeWidgetItem()
    row.setData(0, ITEM_ROLE, item.id)
    colour = QColor(STATE_COLOURS[item.state])
    row.setIcon(0, state_icon(item.state))
    row.setText(0, state_label(item.state))
    if item.state is not ChecklistState.TODO:  # "to do" keeps the text colour, readable
        row.setForeground(0, QBrush(colour))  # on a selected row too
    row.setToolTip(
        0,
        QCoreApplication.translate(
            "ChecklistWindow", "Click or press Space to tick; N not applicable; F failed"
        ),
    )
    label = item.label(lang)
    row.setText(1, label)
    tip = label
    if item.check:
        row.setData(
            1,
            BADGE_ROLE,
            (QCoreApplication.translate("ChecklistWindow", "auto"), "#1e40af", "#dbeafe"),
        )
        tip += "\n" + QCoreApplication.translate(
            "ChecklistWindow", "Ticked or failed by the automatic check “%1”"
        ).replace("%1", family_label(item.check))
    row.setToolTip(1, tip)
    if item.state is ChecklistState.NOT_APPLICABLE:
        row.setForeground(1, QBrush(QColor(STATE_COLOURS[item.state])))
    row.setText(2, role_label(item.role))
    row.setText(3, short_date(item.due_on))
    row.setToolTip(3, QLocale().toString(QDate(item.due_on), QLocale.FormatType.LongFormat))
    if item.overdue:
        row.setForeground(3, QBrush(QColor(alert_colour())))
        row.setData(
            3,
            BADGE_ROLE,
            (QCoreApplication.translate("ChecklistWindow", "overdue"), "#ffffff", ALERT),
        )
    if item.done_at is not None:
        who = (  # a check run has no person; an event of the chain has who made it happen
            QCoreApplication.translate("ChecklistWindow", "auto check")
            if item.by_check and item.check
            else item.done_by
        )
        row.setText(4, f"{day_month(item.done_at)} · {who}" if who else day_month(item.done_at))
        full = local_text(item.done_at)
        row.setToolTip(4, f"{who}, {full}" if who else full)
    comment = _comment_text(item, lang)
    row.setText(5, comment.replace("\n", " ⏎ "))
    row.setToolTip(5, comment)
    return row


def _comment_text(item: ItemView, lang: str) -> str:
    """What the Comment column says: why the app set the item (a check run or an event of the
    chain, stored as data) before what a person wrote."""
    failed = item.state is ChecklistState.FAILED
    note = item.auto_note
    said = ""
    if item.by_check and note:
        said = auto_note_text(note, failed, lang) or item.note(lang)
    elif item.by_check and item.comment:
        return auto_comment_text(item.comment, failed, lang)  # written before notes were data
    return " — ".join(part for part in (said, item.comment) if part)
