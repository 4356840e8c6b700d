"""The stats window's table of the figures recorded: one line per snapshot (day and variant),
double-click to correct it, Delete to remove it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from crmdesk.core.stats.figures import CampaignStats
from crmdesk.render.labels import count_text, day_label, field_label, source_label
from crmdesk.ui.kit.formats import given_text, given_tip, short_date

SNAPSHOT_COLUMNS = (
    "day",
    "variant",
    "sent",
    "delivered",
    "unique_opens",
    "unique_clicks",
    "unsubscribes",
    "bounces",
    "complaints",
    "conversions",
    "revenue",
    "source",
)


class SnapshotTable(QTableWidget):
    """The snapshots of a campaign; each cell holds its snapshot's id as user data."""

    #: Double-click on a line.
    edit_requested = Signal()
    #: Delete on the table.
    delete_requested = Signal()

    def __init__(self) -> None:
        super().__init__(0, len(SNAPSHOT_COLUMNS))
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("StatsWindow", "Day"),
                field_label("variant"),
                field_label("sent"),
                field_label("delivered"),
                field_label("unique_opens"),
                field_label("unique_clicks"),
                field_label("unsubscribes"),
                QCoreApplication.translate("StatsWindow", "Bounces"),
                field_label("complaints"),
                field_label("conversions"),
                field_label("revenue"),
                QCoreApplication.translate("StatsWindow", "Source"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.doubleClicked.connect(lambda _=None: self.edit_requested.emit())
        self.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "Double-click to correct; Delete removes the line"
            )
        )
        delete = QShortcut(QKeySequence.StandardKey.Delete, self)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_requested)

    def fill(self, stats: CampaignStats) -> None:
        self.setRowCount(len(stats.snapshots))
        for row, snap in enumerate(stats.snapshots):
            f = snap.figures
            bounces = (
                None
                if f.hard_bounces is None and f.soft_bounces is None
                else (f.hard_bounces or 0) + (f.soft_bounces or 0)
            )
            figures = (
                f.sent,
                f.delivered,
                f.unique_opens,
                f.unique_clicks,
                f.unsubscribes,
                bounces,
                f.complaints,
                f.conversions,
            )
            cells = (
                f"{day_label(snap.day_offset)} ({short_date(snap.taken_on)})",
                snap.variant or "—",
                *(given_text(value, count_text) for value in figures),
                given_text(f.revenue, lambda r: QLocale().toString(float(r), "f", 2)),
                source_label(snap.source)
                + (f" — {Path(snap.source_name).name}" if snap.source_name else ""),
            )
            given = (None, None, *figures, f.revenue, None)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 < column < len(cells) - 1:
                    item.setToolTip(given_tip(given[column]))
                if 1 < column < len(cells) - 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole, snap.id)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()

    def current_id(self) -> int | None:
        """The id of the snapshot on the current line, if any."""
        row = self.currentRow()
        item = self.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None
