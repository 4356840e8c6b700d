"""The stats window's KPI table: each D+5 KPI against its target and the client's average,
green or red by the reports' rule."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from crmdesk.core.stats.figures import CampaignStats
from crmdesk.core.stats.kpis import verdict as kpi_verdict
from crmdesk.render.labels import kpi_label, kpi_text
from crmdesk.ui.kit import styles

GOOD = QColor(styles.GOOD)
BAD = QColor(styles.BAD)


class KpiTable(QTableWidget):
    """One row per KPI: name (its key as user data), this campaign, target, client average."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("StatsWindow", "KPI"),
                QCoreApplication.translate("StatsWindow", "This campaign"),
                QCoreApplication.translate("StatsWindow", "Target (brief)"),
                QCoreApplication.translate("StatsWindow", "Client average"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def fill(self, stats: CampaignStats) -> None:
        kpis = list(stats.kpis)
        if stats.privacy_inflated:  # clicks lead when opens cannot be trusted
            lead = ("click_rate", "ctor", "conversion_rate")
            kpis.sort(key=lambda k: (k.key not in lead, lead.index(k.key) if k.key in lead else 0))
        self.setRowCount(len(kpis))
        for row, kpi in enumerate(kpis):
            name = QTableWidgetItem(kpi_label(kpi.key))
            name.setData(Qt.ItemDataRole.UserRole, kpi.key)
            value = QTableWidgetItem(kpi_text(kpi.key, kpi.value))
            tone = kpi_verdict(kpi.key, kpi.value, kpi.reference)  # the reports' rule
            if tone:
                value.setForeground(QBrush(GOOD if tone == "good" else BAD))
                font = value.font()
                font.setBold(True)
                value.setFont(font)
            target = QTableWidgetItem(kpi_text(kpi.key, kpi.target))
            average = QTableWidgetItem(kpi_text(kpi.key, kpi.client_average))
            for column, item in enumerate((name, value, target, average)):
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
