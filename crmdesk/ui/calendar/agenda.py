"""The agenda: the period's campaigns as a sortable list, one row per send."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crmdesk.core.calendar_values import CalendarEntry
from crmdesk.ui.kit.styles import caution_colour
from crmdesk.ui.labels import channel_label, status_label, type_label

Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    COLUMNS = ("when", "client", "campaign", "type", "channel", "status", "warnings")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[CalendarEntry] = []

    def set_entries(self, entries: list[CalendarEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Send"),
            self.tr("Client"),
            self.tr("Campaign"),
            self.tr("Type"),
            self.tr("Channel"),
            self.tr("Status"),
            self.tr("Warnings"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "when":
                at = entry.send_at
                day = QLocale().toString(QDate(at.year, at.month, at.day), "ddd d MMM yyyy")
                clock = QLocale().toString(QTime(at.hour, at.minute), "HH:mm")
                return f"{day}  {clock}"
            if column == "client":
                return entry.client_name
            if column == "campaign":
                return entry.name
            if column == "type":
                return type_label(entry.type)
            if column == "channel":
                return channel_label(entry.channel)
            if column == "status":
                return status_label(entry.status)
            if column == "warnings":
                notes = []
                if entry.pressure:
                    notes.append("⚠ " + self.tr("pressure"))
                if entry.holiday:
                    notes.append("★ " + entry.holiday)
                if entry.blackout is not None:  # a blackout marker (issue 20)
                    notes.append("⊘ " + self.tr("blackout: %1").replace("%1", entry.blackout))
                if entry.overdue_items:
                    notes.append("● " + self.tr("%n overdue item(s)", "", entry.overdue_items))
                return "  ".join(notes)
        if role == Qt.ItemDataRole.DecorationRole and column == "client":
            return QColor(entry.colour)
        if role == Qt.ItemDataRole.ForegroundRole and column == "warnings":
            return QBrush(QColor(caution_colour()))
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


class AgendaView(QTableView):
    open_requested = Signal(int)
    campaign_selected = Signal(int)
    #: Right-click on a row: the campaign and where to show its time menu (global position).
    campaign_menu_requested = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = AgendaModel(self)
        self.setModel(self.agenda)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.doubleClicked.connect(
            lambda index: self.open_requested.emit(
                self.agenda.data(index, Qt.ItemDataRole.UserRole)
            )
        )
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.campaign_selected.emit(self.agenda.data(current, Qt.ItemDataRole.UserRole))

    def selected_id(self) -> int | None:
        index = self.currentIndex()
        return self.agenda.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos()) if event.reason() == event.Reason.Mouse else None
        if index is not None:
            if not index.isValid():
                return
            self.selectRow(index.row())
        campaign_id = self.selected_id()
        if campaign_id is not None:
            self.campaign_menu_requested.emit(campaign_id, event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id() is not None:
            self.open_requested.emit(self.selected_id())
            return
        super().keyPressEvent(event)
