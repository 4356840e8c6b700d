"""Ctrl+K: search every brief and campaign as you type; Enter opens the brief at the hit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import fts
from crmdesk.ui.brief.labels import field_label
from crmdesk.ui.operations import Operations


class SearchDialog(QDialog):
    open_requested = Signal(int, str)  # campaign id, field

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Search briefs and campaigns"))
        self.resize(720, 460)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Words from a brief or a campaign…"))
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._debounce.start)
        self.query.installEventFilter(self)
        self.results.itemActivated.connect(self._open)

    def run_search(self) -> None:
        hits = self.ops.read(fts.search, self.query.text(), 50)
        self.results.clear()
        for hit in hits:
            snippet = hit.snippet.replace("[", "«").replace("]", "»")
            item = QListWidgetItem(
                f"{hit.client_name} — {hit.campaign_name}  ·  {field_label(hit.field)}\n{snippet}"
            )
            item.setData(Qt.ItemDataRole.UserRole, (hit.campaign_id, hit.field))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.count.setText(
            self.tr("%n result(s)", "", len(hits)) if self.query.text().strip() else ""
        )

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        """Up, Down and Enter in the search box move in and open the results."""
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self._debounce.stop()
                    self.run_search()
                if self.results.currentItem() is not None:
                    self._open(self.results.currentItem())
                return True
        return super().eventFilter(watched, event)

    def _open(self, item: QListWidgetItem) -> None:
        campaign_id, field = item.data(Qt.ItemDataRole.UserRole)
        self.open_requested.emit(campaign_id, field)
        self.accept()
