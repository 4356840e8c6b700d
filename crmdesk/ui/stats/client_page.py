"""The main window's Stats tab: one client's KPI trend, best send slots and marketing pressure.

Built the first time the tab is shown, so matplotlib loads then and not at start-up.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.stats import service
from crmdesk.core.stats.figures import ClientStats
from crmdesk.render import charts as drawing
from crmdesk.render.labels import kpi_label, kpi_text
from crmdesk.ui.kit.formats import given_text, given_tip
from crmdesk.ui.operations import Operations, show_error
from crmdesk.ui.stats import charts


class ClientStatsPage(QWidget):
    """A client picker, a segment filter, the 12-month averages and three charts."""

    #: The client shown, for its quarterly review (the button, or Ctrl+P in the main window).
    review_requested = Signal(int)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.stats: ClientStats | None = None
        self._stale = False
        self.client = QComboBox()
        self.client.setMinimumWidth(220)
        self.client.activated.connect(lambda _=0: self._client_chosen())
        self.segment = QComboBox()
        self.segment.setMinimumWidth(200)
        self.segment.activated.connect(lambda _=0: self.reload())
        self.open_metric = QRadioButton(QCoreApplication.translate("ClientStatsPage", "&Opens"))
        self.click_metric = QRadioButton(QCoreApplication.translate("ClientStatsPage", "C&licks"))
        self.click_metric.setChecked(True)
        metric = QButtonGroup(self)
        metric.addButton(self.open_metric)
        metric.addButton(self.click_metric)
        metric.buttonToggled.connect(lambda *_: self._draw_heat())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(QCoreApplication.translate("ClientStatsPage", "Client")))
        bar.addWidget(self.client)
        bar.addWidget(QLabel(QCoreApplication.translate("ClientStatsPage", "Segment")))
        bar.addWidget(self.segment)
        bar.addStretch(1)
        bar.addWidget(QLabel(QCoreApplication.translate("ClientStatsPage", "Heat map of")))
        bar.addWidget(self.open_metric)
        bar.addWidget(self.click_metric)
        self.review_button = QPushButton(
            QCoreApplication.translate("ClientStatsPage", "&Quarterly review…")
        )
        self.review_button.setToolTip(
            QCoreApplication.translate(
                "ClientStatsPage",
                "This client's quarterly review as a PDF, with its roadmap (Ctrl+P)",
            )
        )
        self.review_button.clicked.connect(self.request_review)
        bar.addWidget(self.review_button)

        self.averages = QTableWidget(0, 2)
        self.averages.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ClientStatsPage", "KPI"),
                QCoreApplication.translate("ClientStatsPage", "12-month average"),
            ]
        )
        self.averages.verticalHeader().hide()
        self.averages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.averages.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.averages.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.averages.setFixedWidth(380)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setFixedWidth(380)

        # One chart at a time: each costs 100–250 ms to draw, and the tab must open at once.
        self.charts = charts.ChartScheduler(self)
        self.trend_chart = charts.ChartCanvas()
        self.heat_chart = charts.ChartCanvas()
        self.pressure_chart = charts.ChartCanvas()
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setDocumentMode(True)
        for canvas, title in (
            (self.trend_chart, QCoreApplication.translate("ClientStatsPage", "KPI &trend")),
            (self.heat_chart, QCoreApplication.translate("ClientStatsPage", "Send &slots")),
            (self.pressure_chart, QCoreApplication.translate("ClientStatsPage", "&Pressure")),
        ):
            canvas.setMinimumSize(560, 340)
            self.chart_tabs.addTab(canvas, title)
        self.chart_tabs.currentChanged.connect(lambda _=0: self.charts.poke())
        side = QVBoxLayout()
        side.addWidget(self.summary)
        side.addWidget(self.averages, 1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.chart_tabs, 1)
        hint = QLabel(
            QCoreApplication.translate(
                "ClientStatsPage", "Right-click a chart to save it as PNG or SVG."
            )
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(body, 1)
        layout.addWidget(hint)
        ops.changed.connect(self._on_changed)
        self.fill_clients()

    def fill_clients(self) -> None:
        current = self.client.currentData()
        self.client.clear()
        self.colours: dict[int, str] = {}
        for info in self.ops.read(clients.list_clients):
            self.client.addItem(info.name, info.id)
            self.colours[info.id] = info.colour
        index = self.client.findData(current)
        self.client.setCurrentIndex(max(0, index))
        self._client_chosen()

    def show_client(self, client_id: int) -> None:
        index = self.client.findData(client_id)
        if index >= 0:
            self.client.setCurrentIndex(index)
            self._client_chosen()

    def _client_chosen(self) -> None:
        colour = self.colours.get(self.client.currentData())
        for canvas in (self.trend_chart, self.heat_chart, self.pressure_chart):
            canvas.set_accent(colour)
        self.segment.clear()
        self.segment.addItem(QCoreApplication.translate("ClientStatsPage", "All segments"), None)
        self.reload()

    def request_review(self) -> None:
        client_id = self.client.currentData()
        if client_id is not None:
            self.review_requested.emit(client_id)

    def reload(self) -> None:
        self._stale = False
        client_id = self.client.currentData()
        if client_id is None:
            self.stats = None
            self._draw()
            return
        segment_id = self.segment.currentData()
        try:
            self.stats = self.ops.read(
                service.client_stats, client_id, segment_id=segment_id, today=date.today()
            )
        except CrmdeskError as error:
            show_error(self, error)
            return
        if self.segment.count() == 1:  # first load of this client: list its segments
            for sid, name in self.stats.segments:
                self.segment.addItem(name, sid)
        self._draw()

    def _draw(self) -> None:
        stats = self.stats
        self.averages.setRowCount(0 if stats is None else len(stats.averages))
        if stats is not None:
            for row, kpi in enumerate(stats.averages):
                value = QTableWidgetItem(given_text(kpi.value, lambda v, k=kpi.key: kpi_text(k, v)))
                value.setToolTip(given_tip(kpi.value))
                value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.averages.setItem(row, 0, QTableWidgetItem(kpi_label(kpi.key)))
                self.averages.setItem(row, 1, value)
            sent = len(stats.trend)
            self.summary.setText(
                QCoreApplication.translate(
                    "ClientStatsPage", "Campaigns with figures over the last 12 months: %1."
                ).replace("%1", QLocale().toString(sent))
            )
        else:
            self.summary.clear()
        trend = stats.trend if stats else ()
        averages = stats.averages if stats else ()
        self.charts.set(
            self.trend_chart, lambda fig, pal: drawing.draw_trend(fig, pal, trend, averages)
        )
        weekly = stats.weekly if stats else ()
        cap = stats.pressure_cap if stats else 0
        today = date.today()
        self.charts.set(
            self.pressure_chart,
            lambda fig, pal: drawing.draw_pressure(fig, pal, weekly, cap, today=today),
        )
        self._draw_heat()

    def _draw_heat(self) -> None:
        stats = self.stats
        metric = "open" if self.open_metric.isChecked() else "click"
        self.charts.set(
            self.heat_chart, lambda fig, pal: drawing.draw_heatmap(fig, pal, stats, metric)
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.clients:
            self.fill_clients()
        elif changes.campaigns or changes.stats:  # a send moved, figures typed or imported
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # read again when shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self.reload()
        super().showEvent(event)
