"""The stats window's A/B tab: the variants and the verdict of the test, the metric and the
confidence it is judged on, a winner chosen by hand, and the sample size for the next test."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.models import AbMetric
from crmdesk.core.stats import abtest
from crmdesk.core.stats.figures import AbResult, CampaignStats
from crmdesk.render import charts as drawing
from crmdesk.render.labels import count_text, field_label, metric_label, percent
from crmdesk.ui.kit.formats import local_text
from crmdesk.ui.kit.styles import good_colour
from crmdesk.ui.stats.charts import ChartCanvas, ChartScheduler


def level_text(confidence: float) -> str:
    """A confidence level as the spin box shows it ("95 %", "97,5 %"): the verdict and the
    sample size print the same level the operator chose."""
    return percent(confidence, 0 if abs(confidence * 100 - round(confidence * 100)) < 1e-9 else 1)


class AbPanel(QWidget):
    """Says what the A/B test shows; the choices it offers are signals the window records."""

    #: Judge the test on another metric.
    metric_chosen = Signal(object)
    #: The confidence a winner needs (0–1), for all of the client's tests.
    confidence_chosen = Signal(float)
    #: A winner chosen by hand (None: the test decides) and why.
    winner_chosen = Signal(object, str)

    def __init__(self, charts: ChartScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts = charts
        self.ab: AbResult | None = None
        #: The client's confidence level: the verdict's and the sample size's, test or not.
        self.level: float | None = None
        self.ab_empty = QLabel(
            QCoreApplication.translate(
                "StatsWindow",
                "No A/B test on this campaign: type or import figures per variant "
                "(A, B…) to compare them.",
            )
        )
        self.ab_empty.setWordWrap(True)
        self.metric_combo = QComboBox()
        for metric in AbMetric:
            self.metric_combo.addItem(metric_label(metric.value), metric)
        self.metric_combo.activated.connect(self._metric_chosen)
        self.confidence = QDoubleSpinBox()
        self.confidence.setRange(80.0, 99.9)
        self.confidence.setDecimals(1)
        self.confidence.setSingleStep(1.0)
        self.confidence.setSuffix(" %")
        self.confidence.setKeyboardTracking(False)
        self.confidence.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "The confidence a winner needs, for all of this client's tests"
            )
        )
        self.confidence.valueChanged.connect(self._confidence_chosen)
        settings = QFormLayout()
        settings.addRow(QCoreApplication.translate("StatsWindow", "Judged on"), self.metric_combo)
        settings.addRow(
            QCoreApplication.translate("StatsWindow", "Confidence level"), self.confidence
        )

        self.variant_table = QTableWidget(0, 6)
        self.variant_table.setHorizontalHeaderLabels(
            [
                field_label("variant"),
                field_label("delivered"),
                QCoreApplication.translate("StatsWindow", "Successes"),
                QCoreApplication.translate("StatsWindow", "Rate"),
                "z",
                "p",
            ]
        )
        self.variant_table.verticalHeader().hide()
        self.variant_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.variant_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)

        self.override = QComboBox()
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText(
            QCoreApplication.translate("StatsWindow", "Why (brand choice, test cut short…)")
        )
        self.override_button = QPushButton(
            QCoreApplication.translate("StatsWindow", "Re&cord the winner")
        )
        self.override_button.clicked.connect(self._record_override)
        self.override_note = QLabel()
        self.override_note.setWordWrap(True)
        override_row = QHBoxLayout()
        override_row.addWidget(self.override)
        override_row.addWidget(self.override_reason, 1)
        override_row.addWidget(self.override_button)
        override_box = QGroupBox(QCoreApplication.translate("StatsWindow", "Winner chosen by hand"))
        override_layout = QVBoxLayout(override_box)
        override_layout.addLayout(override_row)
        override_layout.addWidget(self.override_note)

        self.baseline = QDoubleSpinBox()
        self.baseline.setRange(0.1, 99.0)
        self.baseline.setDecimals(2)
        self.baseline.setSuffix(" %")
        self.baseline.setValue(3.0)
        self.lift = QSpinBox()
        self.lift.setRange(1, 500)
        self.lift.setSuffix(" %")
        self.lift.setValue(10)
        self.needed = QLabel()
        self.needed.setWordWrap(True)
        self.baseline.valueChanged.connect(self._sample_size)
        self.lift.valueChanged.connect(self._sample_size)
        size_box = QGroupBox(
            QCoreApplication.translate("StatsWindow", "Sample size for the next test")
        )
        size_form = QFormLayout(size_box)
        size_form.addRow(QCoreApplication.translate("StatsWindow", "Current rate"), self.baseline)
        size_form.addRow(
            QCoreApplication.translate("StatsWindow", "Relative lift to detect"), self.lift
        )
        size_form.addRow(self.needed)

        self.ab_chart = ChartCanvas()
        self.ab_chart.setMinimumHeight(260)

        left = QVBoxLayout()
        left.addWidget(self.ab_empty)
        left.addLayout(settings)
        left.addWidget(self.variant_table)
        left.addWidget(self.verdict)
        left.addWidget(override_box)
        left.addWidget(size_box)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.ab_chart, 1)

    def fill(self, stats: CampaignStats) -> None:
        self.ab = ab = stats.ab
        # One level for everything the tab shows: the client's (the test is judged at it too).
        self.level = ab.confidence if ab is not None else stats.ab_confidence
        self.confidence.blockSignals(True)
        self.confidence.setValue(round(self.level * 100, 1))
        self.confidence.blockSignals(False)
        has_test = ab is not None
        self.ab_empty.setVisible(not has_test)
        for widget in (self.variant_table, self.verdict, self.override, self.override_button):
            widget.setEnabled(has_test)
        if ab is None:
            self.variant_table.setRowCount(0)
            self.verdict.clear()
            self.override_note.clear()
            self.charts.set(self.ab_chart, lambda fig, pal: drawing.draw_ab(fig, pal, None))
            self._sample_size()
            return
        self.metric_combo.setCurrentIndex(self.metric_combo.findData(AbMetric(ab.metric)))
        self.variant_table.setRowCount(len(ab.variants))
        for row, variant in enumerate(ab.variants):
            cells = (
                variant.variant,
                count_text(variant.recipients),
                count_text(variant.successes),
                percent(variant.rate, 2),
                "—" if variant.z is None else QLocale().toString(variant.z, "f", 2),
                "—" if variant.p_value is None else QLocale().toString(variant.p_value, "f", 4),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if variant.variant == ab.winner:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.variant_table.setItem(row, column, item)
        level = level_text(ab.confidence)
        if ab.tested_winner is not None:
            text = QCoreApplication.translate(
                "StatsWindow", "%1 wins on %2: the difference is significant at %3 (p = %4)."
            )
            text = text.replace("%1", ab.tested_winner)
        else:
            text = QCoreApplication.translate(
                "StatsWindow",
                "No winner on %2: no difference is significant at %3 (p = %4). Keep the "
                "control or test again on more recipients.",
            )
        verdict = (
            text.replace("%2", metric_label(ab.metric))
            .replace("%3", level)
            .replace("%4", "—" if ab.p_value is None else QLocale().toString(ab.p_value, "f", 4))
        )
        if ab.sample_size_needed is not None:
            verdict += " " + QCoreApplication.translate(
                "StatsWindow", "About %1 recipients per variant would detect this lift."
            ).replace("%1", count_text(ab.sample_size_needed))
        self.verdict.setText(verdict)
        self.verdict.setStyleSheet(
            f"color: {good_colour() if ab.tested_winner is not None else 'palette(text)'};"
        )
        self.override.clear()
        self.override.addItem(QCoreApplication.translate("StatsWindow", "The test decides"), None)
        for variant in ab.variants:
            self.override.addItem(variant.variant, variant.variant)
        self.override.setCurrentIndex(max(0, self.override.findData(ab.override)))
        if ab.override is not None:
            note = QCoreApplication.translate("StatsWindow", "%1 chosen by %2 on %3: %4")
            self.override_note.setText(
                note.replace("%1", ab.override)
                .replace("%2", ab.override_by or "—")
                .replace("%3", local_text(ab.override_at) if ab.override_at else "—")
                .replace("%4", ab.override_reason or "—")
            )
        else:
            self.override_note.clear()
        control = ab.variants[0] if ab.variants else None
        if control is not None and control.rate > 0:
            self.baseline.blockSignals(True)
            self.baseline.setValue(round(control.rate * 100, 2))
            self.baseline.blockSignals(False)
        self._sample_size()
        self.charts.set(self.ab_chart, lambda fig, pal: drawing.draw_ab(fig, pal, ab))

    def _metric_chosen(self, index: int) -> None:
        metric = self.metric_combo.itemData(index)
        if self.ab is not None and metric != self.ab.metric:
            self.metric_chosen.emit(metric)

    def _confidence_chosen(self, value: float) -> None:
        # The client's setting: it can be chosen before any test, for the planner below.
        if self.level is None or abs(value / 100 - self.level) < 1e-9:
            return
        self.confidence_chosen.emit(round(value / 100, 4))

    def _record_override(self) -> None:
        variant = self.override.currentData()
        reason = self.override_reason.text().strip()
        self.winner_chosen.emit(variant, reason)
        self.override_reason.clear()

    def _sample_size(self) -> None:
        if self.level is None:  # nothing filled yet
            self.needed.clear()
            return
        confidence = self.level
        needed = abtest.sample_size(
            self.baseline.value() / 100, self.lift.value() / 100, confidence
        )
        self.needed.setText(
            QCoreApplication.translate(
                "StatsWindow", "%1 recipients per variant (power 80 %, confidence %2)."
            )
            .replace("%1", count_text(needed))
            .replace("%2", level_text(confidence))
        )
