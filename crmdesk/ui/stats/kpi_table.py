"""The stats window's KPI table: each D+5 KPI against its target and the client's average,
green or red by the reports' rule (``kpis.verdict``); a KPI whose figures were not given reads
"—" with "not given" and the missing figures in its tooltip, never 0 %."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from crmdesk.core.stats.figures import CampaignStats, Kpi
from crmdesk.core.stats.kpis import missing_for
from crmdesk.core.stats.kpis import verdict as kpi_verdict
from crmdesk.render.labels import field_label, kpi_label, kpi_text
from crmdesk.ui.kit import styles
from crmdesk.ui.kit.formats import given_text, given_tip


def tone_of(kpi: Kpi) -> str:
    """The colour a KPI row takes: core's verdict against its reference, nothing else."""
    return kpi_verdict(kpi.key, kpi.value, kpi.reference)


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
            value = QTableWidgetItem(given_text(kpi.value, lambda v, k=kpi.key: kpi_text(k, v)))
            missing = missing_for(kpi.key, stats.reference)
            value.setToolTip(given_tip(kpi.value, ", ".join(field_label(m) for m in missing)))
            tone = tone_of(kpi)
            if tone:
                shade = styles.good_colour() if tone == "good" else styles.bad_colour()
                value.setForeground(QBrush(QColor(shade)))  # a shade that reads on the palette
                font = value.font()
                font.setBold(True)
                value.setFont(font)
            target = QTableWidgetItem(given_text(kpi.target, lambda v, k=kpi.key: kpi_text(k, v)))
            average = QTableWidgetItem(
                given_text(kpi.client_average, lambda v, k=kpi.key: kpi_text(k, v))
            )
            average.setToolTip(given_tip(kpi.client_average))
            for column, item in enumerate((name, value, target, average)):
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
