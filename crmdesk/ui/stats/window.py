"""The stats of one campaign: D+5 KPIs against targets and the client's average, the snapshots,
the A/B test, the charts and the decisions the recap quotes.

Loaded only when a stats window first opens; it brings matplotlib with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import AbMetric
from crmdesk.core.stats import abtest, service
from crmdesk.core.stats.figures import CampaignStats, Figures, SnapshotView
from crmdesk.core.stats.kpis import verdict as kpi_verdict
from crmdesk.render import charts as drawing
from crmdesk.render.labels import (
    count_text,
    day_label,
    field_label,
    kpi_label,
    kpi_text,
    metric_label,
    percent,
    source_label,
)
from crmdesk.ui.checklist.window import local_text, short_date
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.operations import Job, Operations
from crmdesk.ui.stats import charts
from crmdesk.ui.stats.import_flow import StatsImport
from crmdesk.ui.stats.problems import refused_text

T = TypeVar("T")
GOOD = QColor("#15803d")
BAD = QColor("#b91c1c")
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


# -- undoable edits ---------------------------------------------------------------------------


class StatsCommand(CampaignCommand):
    """Writes as the window: it reloads itself after each step (``stats_changed``), and the
    announcement of what changed reaches the other views (the client's Stats page…)."""

    def __init__(self, window: StatsWindow, text: str) -> None:
        super().__init__(window.ops, text)
        self.window = window

    def write(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.ops.write(service, *args, initiator=self.window, **kwargs)

    def refused(self, error: CrmdeskError) -> None:
        self.window.show_message(refused_text(error))


class SaveSnapshot(StatsCommand):
    """Typing figures replaces the snapshot of the same day and variant: undo puts it back."""

    def __init__(self, window: StatsWindow, day: date, variant: str, figures: Figures) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "figures"))
        self.campaign_id, self.day, self.variant, self.figures = (
            window.campaign_id,
            day,
            variant,
            figures,
        )
        self.previous = next(
            (
                s
                for s in window.ops.read(service.snapshots, self.campaign_id)
                if s.taken_on == day and s.variant == variant
            ),
            None,
        )
        self.snapshot_id, _ = self.write(
            service.save_snapshot, self.campaign_id, day, figures, variant=variant
        )
        self.window.stats_changed()

    def replay(self) -> None:
        self.snapshot_id, _ = self.write(
            service.save_snapshot, self.campaign_id, self.day, self.figures, variant=self.variant
        )
        self.window.stats_changed()

    def revert(self) -> None:
        if self.previous is None:
            self.write(service.delete_snapshot, self.snapshot_id)
        else:
            _put_back(self, self.previous)
        self.window.stats_changed()


def _put_back(command: StatsCommand, kept: SnapshotView) -> int:
    from crmdesk.core.models import StatSource

    snapshot_id, _ = command.write(
        service.save_snapshot,
        kept.campaign_id,
        kept.taken_on,
        kept.figures,
        variant=kept.variant,
        source=StatSource(kept.source),
        source_name=kept.source_name,
    )
    return snapshot_id


class DeleteSnapshot(StatsCommand):
    def __init__(self, window: StatsWindow, snapshot_id: int) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "delete figures"))
        self.kept: SnapshotView = self.write(service.delete_snapshot, snapshot_id)[0]
        self.snapshot_id = snapshot_id
        self.window.stats_changed()

    def replay(self) -> None:
        self.kept, _ = self.write(service.delete_snapshot, self.snapshot_id)
        self.window.stats_changed()

    def revert(self) -> None:
        self.snapshot_id = _put_back(self, self.kept)
        self.window.stats_changed()


class SetDecisions(StatsCommand):
    def __init__(self, window: StatsWindow, text: str) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "decisions"))
        self.campaign_id, self.text = window.campaign_id, text
        self.previous: str = self.write(service.set_decisions, self.campaign_id, text)[0]

    def replay(self) -> None:
        self.write(service.set_decisions, self.campaign_id, self.text)
        self.window.stats_changed()

    def revert(self) -> None:
        self.write(service.set_decisions, self.campaign_id, self.previous)
        self.window.stats_changed()


class SetMetric(StatsCommand):
    def __init__(self, window: StatsWindow, metric: AbMetric) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "A/B test metric"))
        self.campaign_id, self.metric = window.campaign_id, metric
        self.previous: AbMetric = self.write(service.set_ab_metric, self.campaign_id, metric)[0]
        self.window.stats_changed()

    def replay(self) -> None:
        self.write(service.set_ab_metric, self.campaign_id, self.metric)
        self.window.stats_changed()

    def revert(self) -> None:
        self.write(service.set_ab_metric, self.campaign_id, self.previous)
        self.window.stats_changed()


class SetConfidence(StatsCommand):
    def __init__(self, window: StatsWindow, client_id: int, confidence: float) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "confidence level"))
        self.client_id, self.confidence = client_id, confidence
        self.previous: float = self.write(service.set_confidence, client_id, confidence)[0]
        self.window.stats_changed()

    def replay(self) -> None:
        self.write(service.set_confidence, self.client_id, self.confidence)
        self.window.stats_changed()

    def revert(self) -> None:
        self.write(service.set_confidence, self.client_id, self.previous)
        self.window.stats_changed()


class OverrideWinner(StatsCommand):
    """A winner chosen by hand is recorded with who, when and why; undo restores the last one."""

    def __init__(self, window: StatsWindow, variant: str | None, reason: str) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "A/B winner"))
        self.campaign_id, self.variant, self.reason, self.who = (
            window.campaign_id,
            variant,
            reason,
            window.who,
        )
        self.previous = self.write(
            service.override_winner, self.campaign_id, variant, by=self.who, reason=reason
        )[0]
        self.window.stats_changed()

    def replay(self) -> None:
        self.write(
            service.override_winner,
            self.campaign_id,
            self.variant,
            by=self.who,
            reason=self.reason,
        )
        self.window.stats_changed()

    def revert(self) -> None:
        variant, by, at, reason = self.previous
        self.write(service.override_winner, self.campaign_id, variant, by=by, reason=reason, now=at)
        self.window.stats_changed()


class CreateRelance(StatsCommand):
    def __init__(self, window: StatsWindow) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "create a relance"))
        self.source_id = window.campaign_id
        self.relance_id: int = self.write(service.create_relance, self.source_id)[0]
        self.snapshot: campaigns.CampaignSnapshot | None = None

    def replay(self) -> None:
        assert self.snapshot is not None
        self.write(campaigns.restore, self.snapshot)

    def revert(self) -> None:
        self.snapshot, _ = self.write(campaigns.delete_campaign, self.relance_id)


# -- the window -------------------------------------------------------------------------------


class StatsWindow(QWidget):
    """One campaign's figures, KPIs, A/B test, charts and D+5 decisions."""

    relance_created = Signal(int)
    #: Ctrl+P: the campaign's recap, once the decisions it quotes are saved.
    recap_requested = Signal(int)

    def __init__(
        self,
        ops: Operations,
        campaign_id: int,
        parent: QWidget | None = None,
        *,
        who: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.campaign_id = campaign_id
        self.who = ops.who() if who is None else who
        self.undo_stack = QUndoStack(self)
        self.stats: CampaignStats | None = None
        self.client_id: int | None = None
        self._decisions_loaded = ""  # the decisions as last read or saved
        campaign = ops.read(campaigns.load, campaign_id)
        self.send_day = campaign.send_date
        self.setWindowTitle(
            QCoreApplication.translate("StatsWindow", "Stats — %1").replace("%1", campaign.name)
        )
        self.resize(1180, 820)
        self.setAcceptDrops(True)
        self.importer = StatsImport(ops, campaign_id, self.who, self)
        self.importer.message.connect(self.show_message)
        self._build()
        self._shortcuts()
        ops.changed.connect(self._on_changed)
        self.reload()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        self.import_button = QPushButton(
            QCoreApplication.translate("StatsWindow", "&Import an export…")
        )
        self.import_button.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "A Mailchimp, Brevo or other ESP CSV, or an activity export (Ctrl+I)"
            )
        )
        self.import_button.clicked.connect(self.choose_file)
        self.add_button = QPushButton(QCoreApplication.translate("StatsWindow", "&Type figures…"))
        self.add_button.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "Figures read on the ESP's dashboard (Ctrl+N)"
            )
        )
        self.add_button.clicked.connect(lambda: self.edit_figures(None))
        self.relance_button = QPushButton(
            QCoreApplication.translate("StatsWindow", "Create a &relance")
        )
        self.relance_button.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "A relance campaign to the non-openers of this send (Ctrl+Shift+R)"
            )
        )
        self.relance_button.clicked.connect(self.create_relance)
        self.recap_button = QPushButton(QCoreApplication.translate("StatsWindow", "Recap &PDF…"))
        self.recap_button.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "The recap of this campaign for the client, as a PDF (Ctrl+P)"
            )
        )
        self.recap_button.clicked.connect(self.request_recap)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        for button in (
            self.import_button,
            self.add_button,
            self.relance_button,
            self.recap_button,
        ):
            header.addWidget(button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setStyleSheet(
            "background: #fef3c7; color: #78350f; padding: 6px; border-radius: 4px;"
        )

        self.charts = charts.ChartScheduler(self)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(lambda _=0: self.charts.poke())
        self.tabs.addTab(self._kpi_tab(), QCoreApplication.translate("StatsWindow", "&KPIs"))
        self.tabs.addTab(self._ab_tab(), QCoreApplication.translate("StatsWindow", "&A/B test"))
        self.tabs.addTab(self._charts_tab(), QCoreApplication.translate("StatsWindow", "C&harts"))
        self.tabs.addTab(
            self._decisions_tab(), QCoreApplication.translate("StatsWindow", "&Decisions")
        )

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def _kpi_tab(self) -> QWidget:
        self.privacy = QLabel(
            QCoreApplication.translate(
                "StatsWindow",
                "Opens look inflated by privacy proxies (Apple Mail Privacy Protection): "
                "judge this campaign on its clicks.",
            )
        )
        self.privacy.setWordWrap(True)
        self.privacy.setStyleSheet(
            "background: #e0f2fe; color: #075985; padding: 6px; border-radius: 4px;"
        )
        self.reference = QLabel()
        self.kpi_table = QTableWidget(0, 4)
        self.kpi_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("StatsWindow", "KPI"),
                QCoreApplication.translate("StatsWindow", "This campaign"),
                QCoreApplication.translate("StatsWindow", "Target (brief)"),
                QCoreApplication.translate("StatsWindow", "Client average"),
            ]
        )
        self.kpi_table.verticalHeader().hide()
        self.kpi_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kpi_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.kpi_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.average_note = QLabel()
        self.average_note.setStyleSheet("color: palette(placeholder-text);")

        self.snapshot_table = QTableWidget(0, len(SNAPSHOT_COLUMNS))
        self.snapshot_table.setHorizontalHeaderLabels(
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
        self.snapshot_table.verticalHeader().hide()
        self.snapshot_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.snapshot_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.snapshot_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.snapshot_table.doubleClicked.connect(lambda _=None: self.edit_selected())
        self.snapshot_table.setToolTip(
            QCoreApplication.translate(
                "StatsWindow", "Double-click to correct; Delete removes the line"
            )
        )
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.snapshot_table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self.privacy)
        layout.addWidget(self.reference)
        layout.addWidget(self.kpi_table, 3)
        layout.addWidget(self.average_note)
        snapshots_title = QLabel(
            QCoreApplication.translate("StatsWindow", "<b>Figures recorded</b>")
        )
        layout.addWidget(snapshots_title)
        layout.addWidget(self.snapshot_table, 2)
        return box

    def _ab_tab(self) -> QWidget:
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

        self.ab_chart = charts.ChartCanvas()
        self.ab_chart.setMinimumHeight(260)

        box = QWidget()
        left = QVBoxLayout()
        left.addWidget(self.ab_empty)
        left.addLayout(settings)
        left.addWidget(self.variant_table)
        left.addWidget(self.verdict)
        left.addWidget(override_box)
        left.addWidget(size_box)
        left.addStretch(1)
        layout = QHBoxLayout(box)
        layout.addLayout(left, 1)
        layout.addWidget(self.ab_chart, 1)
        return box

    def _charts_tab(self) -> QWidget:
        self.funnel_chart = charts.ChartCanvas()
        self.domain_chart = charts.ChartCanvas()
        self.hour_chart = charts.ChartCanvas()
        grid = QGridLayout()
        for index, canvas in enumerate((self.funnel_chart, self.domain_chart, self.hour_chart)):
            canvas.setMinimumSize(480, 300)
            grid.addWidget(canvas, index // 2, index % 2)
        hint = QLabel(
            QCoreApplication.translate(
                "StatsWindow", "Right-click a chart to save it as PNG or SVG."
            )
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(grid)
        layout.addWidget(hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _decisions_tab(self) -> QWidget:
        self.decisions = QPlainTextEdit()
        self.decisions.setPlaceholderText(
            QCoreApplication.translate(
                "StatsWindow",
                "What the D+5 analysis decides: the next A/B test, a relance, the next target…\n"
                "The campaign recap quotes this text.",
            )
        )
        self.save_decisions_button = QPushButton(
            QCoreApplication.translate("StatsWindow", "&Save the decisions")
        )
        self.save_decisions_button.setToolTip(
            QCoreApplication.translate("StatsWindow", "Ctrl+S; also saved when the window closes")
        )
        self.save_decisions_button.clicked.connect(self.save_decisions)
        self.relance_hint = QLabel()
        self.relance_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.relance_hint, 1)
        row.addWidget(self.save_decisions_button)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self.decisions, 1)
        layout.addLayout(row)
        return box

    def _shortcuts(self) -> None:
        for keys, slot in (
            ("Ctrl+I", self.choose_file),
            ("Ctrl+N", lambda: self.edit_figures(None)),
            ("Ctrl+Shift+R", self.create_relance),
            ("Ctrl+P", self.request_recap),
            ("Ctrl+S", self.save_decisions),
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
            ("Ctrl+Y", self.undo_stack.redo),
            ("F5", self.reload),
            ("Ctrl+W", self.close),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)

    # -- filling --------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.stats = self.ops.read(service.campaign_stats, self.campaign_id)
        except CrmdeskError as error:  # deleted meanwhile
            self.show_message(refused_text(error))
            return
        stats = self.stats
        self.client_id = stats.client_id
        self.title.setText(stats.campaign_name)
        self.subtitle.setText(
            QCoreApplication.translate("StatsWindow", "%1 — sent %2")
            .replace("%1", stats.client_name)
            .replace("%2", local_text(stats.send_at))
        )
        self._fill_kpis(stats)
        self._fill_snapshots(stats)
        self._fill_ab(stats)
        self._fill_charts(stats)
        if self.decisions.toPlainText() == self._decisions_loaded:  # not being edited
            self.decisions.setPlainText(stats.decisions)
        self._decisions_loaded = stats.decisions
        self._fill_relance_hint(stats)

    def _fill_kpis(self, stats: CampaignStats) -> None:
        self.privacy.setVisible(stats.privacy_inflated)
        if stats.reference is None:
            self.reference.setText(
                QCoreApplication.translate(
                    "StatsWindow",
                    "No figures yet: import the ESP's export (Ctrl+I) or type them (Ctrl+N).",
                )
            )
        else:
            self.reference.setText(
                QCoreApplication.translate("StatsWindow", "KPIs from the figures at %1.").replace(
                    "%1", day_label(stats.reference_day or 0)
                )
            )
        kpis = list(stats.kpis)
        if stats.privacy_inflated:  # clicks lead when opens cannot be trusted
            lead = ("click_rate", "ctor", "conversion_rate")
            kpis.sort(key=lambda k: (k.key not in lead, lead.index(k.key) if k.key in lead else 0))
        self.kpi_table.setRowCount(len(kpis))
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
                self.kpi_table.setItem(row, column, item)
        self.kpi_table.resizeColumnsToContents()
        self.kpi_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        averaged = max((k.campaigns_averaged for k in stats.kpis), default=0)
        self.average_note.setText(
            QCoreApplication.translate(
                "StatsWindow",
                "Client average: the mean of the campaigns sent in the 12 months before this "
                "one (%1). Green: at or better than the target (or the average when there is no "
                "target); red: worse.",
            ).replace("%1", count_text(averaged))
        )

    def _fill_snapshots(self, stats: CampaignStats) -> None:
        table = self.snapshot_table
        table.setRowCount(len(stats.snapshots))
        for row, snap in enumerate(stats.snapshots):
            f = snap.figures
            cells = (
                f"{day_label(snap.day_offset)} ({short_date(snap.taken_on)})",
                snap.variant or "—",
                count_text(f.sent),
                count_text(f.delivered),
                count_text(f.unique_opens),
                count_text(f.unique_clicks),
                count_text(f.unsubscribes),
                count_text(f.hard_bounces + f.soft_bounces),
                count_text(f.complaints),
                count_text(f.conversions),
                QLocale().toString(float(f.revenue), "f", 2),
                source_label(snap.source)
                + (f" — {Path(snap.source_name).name}" if snap.source_name else ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 < column < len(cells) - 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole, snap.id)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()

    def _fill_ab(self, stats: CampaignStats) -> None:
        ab = stats.ab
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
        self.confidence.blockSignals(True)
        self.confidence.setValue(round(ab.confidence * 100, 1))
        self.confidence.blockSignals(False)
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
        level = percent(ab.confidence, 0)
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
            f"color: {GOOD.name() if ab.tested_winner is not None else 'palette(text)'};"
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

    def _fill_charts(self, stats: CampaignStats) -> None:
        reference = stats.reference
        self.charts.set(
            self.funnel_chart,
            lambda fig, pal: drawing.draw_funnel(fig, pal, reference or Figures()),
        )
        self.charts.set(
            self.domain_chart, lambda fig, pal: drawing.draw_domains(fig, pal, stats.domains)
        )
        self.charts.set(self.hour_chart, lambda fig, pal: drawing.draw_hours(fig, pal, stats.hours))

    def _fill_relance_hint(self, stats: CampaignStats) -> None:
        reference = stats.reference
        if reference is None:
            self.relance_hint.setText(
                QCoreApplication.translate(
                    "StatsWindow",
                    "A relance goes to the non-openers once the send's figures are in.",
                )
            )
            return
        non_openers = max(0, reference.delivered - reference.unique_opens)
        self.relance_hint.setText(
            QCoreApplication.translate(
                "StatsWindow",
                "%1 recipients did not open this send: Create a relance (Ctrl+Shift+R).",
            ).replace("%1", count_text(non_openers))
        )

    # -- actions --------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def stats_changed(self) -> None:
        self.reload()

    def _push(self, make) -> None:  # type: ignore[no-untyped-def]
        try:
            command = make()
        except CrmdeskError as error:
            self.show_message(refused_text(error))
            return
        self.show_message("")
        self.undo_stack.push(command)

    def edit_figures(self, snapshot: SnapshotView | None) -> None:
        from crmdesk.ui.stats.figures_dialog import FiguresDialog

        dialog = FiguresDialog(
            self.send_day,
            self,
            taken_on=snapshot.taken_on if snapshot else None,
            variant=snapshot.variant if snapshot else "",
            figures=snapshot.figures if snapshot else None,
        )
        if dialog.exec() != FiguresDialog.DialogCode.Accepted:
            return
        day, variant, figures = dialog.result_values()
        self._push(lambda: SaveSnapshot(self, day, variant, figures))

    def _selected_snapshot(self) -> SnapshotView | None:
        row = self.snapshot_table.currentRow()
        if self.stats is None or row < 0 or row >= len(self.stats.snapshots):
            return None
        item = self.snapshot_table.item(row, 0)
        snapshot_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((s for s in self.stats.snapshots if s.id == snapshot_id), None)

    def edit_selected(self) -> None:
        snapshot = self._selected_snapshot()
        if snapshot is not None:
            self.edit_figures(snapshot)

    def delete_selected(self) -> None:
        snapshot = self._selected_snapshot()
        if snapshot is not None:
            self._push(lambda: DeleteSnapshot(self, snapshot.id))

    def save_decisions(self) -> None:
        text = self.decisions.toPlainText()
        if text == self._decisions_loaded:
            return
        self._decisions_loaded = text
        self._push(lambda: SetDecisions(self, text))

    def request_recap(self) -> None:
        """The recap quotes the D+5 decisions: those typed here are saved first."""
        self.save_decisions()
        self.recap_requested.emit(self.campaign_id)

    def _metric_chosen(self, index: int) -> None:
        metric = self.metric_combo.itemData(index)
        if self.stats is not None and self.stats.ab is not None and metric != self.stats.ab.metric:
            self._push(lambda: SetMetric(self, metric))

    def _confidence_chosen(self, value: float) -> None:
        if self.client_id is None or self.stats is None or self.stats.ab is None:
            return
        if abs(value / 100 - self.stats.ab.confidence) < 1e-9:
            return
        client_id = self.client_id
        self._push(lambda: SetConfidence(self, client_id, round(value / 100, 4)))

    def _record_override(self) -> None:
        variant = self.override.currentData()
        reason = self.override_reason.text().strip()
        self._push(lambda: OverrideWinner(self, variant, reason))
        self.override_reason.clear()

    def _sample_size(self) -> None:
        confidence = self.stats.ab.confidence if self.stats and self.stats.ab else 0.95
        needed = abtest.sample_size(
            self.baseline.value() / 100, self.lift.value() / 100, confidence
        )
        self.needed.setText(
            QCoreApplication.translate(
                "StatsWindow", "%1 recipients per variant (power 80 %, confidence %2)."
            )
            .replace("%1", count_text(needed))
            .replace("%2", percent(confidence, 0))
        )

    def create_relance(self) -> None:
        try:
            command = CreateRelance(self)
        except CrmdeskError as error:
            self.show_message(refused_text(error))
            return
        self.show_message("")
        self.undo_stack.push(command)
        self.relance_created.emit(command.relance_id)

    @property
    def import_job(self) -> Job | None:
        """The file being read, if any."""
        return self.importer.job

    def choose_file(self) -> None:
        self.importer.choose()

    def import_path(self, path: Path) -> None:
        self.importer.import_path(path)

    def _on_changed(self, changes: Changes) -> None:
        if changes.initiator is self:  # a command of this window, which reloaded it already
            return
        # The figures, the campaign (its send, its name) and the brief (the KPI targets).
        shown = changes.stats or changes.campaigns or changes.brief
        if shown and changes.concerns(self.campaign_id):
            self.reload()

    # -- drag and drop, closing -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.import_path(Path(urls[0].toLocalFile()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        try:
            self.save_decisions()
        except CrmdeskError as error:  # the workspace went away: say so, keep the text
            QMessageBox.warning(
                self, QCoreApplication.translate("StatsWindow", "Stats"), refused_text(error)
            )
        super().closeEvent(event)
