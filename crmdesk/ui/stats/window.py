"""The stats of one campaign: D+5 KPIs against targets and the client's average, the snapshots,
the A/B test, the charts and the decisions the recap quotes.

Loaded only when a stats window first opens; it brings matplotlib with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import AbMetric
from crmdesk.core.stats import service
from crmdesk.core.stats.figures import CampaignStats, SnapshotView
from crmdesk.render import charts as drawing
from crmdesk.render.labels import count_text, day_label
from crmdesk.ui.kit.formats import local_text
from crmdesk.ui.kit.styles import WARNING_STYLE
from crmdesk.ui.operations import Job, Operations
from crmdesk.ui.stats import charts
from crmdesk.ui.stats.ab_panel import AbPanel
from crmdesk.ui.stats.commands import (
    CreateRelance,
    DeleteSnapshot,
    OverrideWinner,
    SaveSnapshot,
    SetConfidence,
    SetDecisions,
    SetMetric,
)
from crmdesk.ui.stats.decisions import DecisionsPanel
from crmdesk.ui.stats.import_flow import StatsImport
from crmdesk.ui.stats.kpi_table import KpiTable
from crmdesk.ui.stats.problems import refused_text
from crmdesk.ui.stats.snapshots_table import SnapshotTable


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
        self.message.setStyleSheet(WARNING_STYLE)

        self.charts = charts.ChartScheduler(self)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(lambda _=0: self.charts.poke())
        self.tabs.addTab(self._kpi_tab(), QCoreApplication.translate("StatsWindow", "&KPIs"))
        self.ab_panel = AbPanel(self.charts)
        self.ab_panel.metric_chosen.connect(self._metric_chosen)
        self.ab_panel.confidence_chosen.connect(self._confidence_chosen)
        self.ab_panel.winner_chosen.connect(self._winner_chosen)
        # The A/B widgets the window is read through (tests, screenshots), under their old names.
        self.variant_table = self.ab_panel.variant_table
        self.verdict = self.ab_panel.verdict
        self.override_note = self.ab_panel.override_note
        self.ab_empty = self.ab_panel.ab_empty
        self.ab_chart = self.ab_panel.ab_chart
        self.tabs.addTab(self.ab_panel, QCoreApplication.translate("StatsWindow", "&A/B test"))
        self.tabs.addTab(self._charts_tab(), QCoreApplication.translate("StatsWindow", "C&harts"))
        self.decisions_panel = DecisionsPanel()
        self.decisions_panel.save_requested.connect(self.save_decisions)
        self.decisions = self.decisions_panel.editor
        self.tabs.addTab(
            self.decisions_panel, QCoreApplication.translate("StatsWindow", "&Decisions")
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
        self.kpi_table = KpiTable()
        self.average_note = QLabel()
        self.average_note.setStyleSheet("color: palette(placeholder-text);")

        self.snapshot_table = SnapshotTable()
        self.snapshot_table.edit_requested.connect(self.edit_selected)
        self.snapshot_table.delete_requested.connect(self.delete_selected)

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
        self.snapshot_table.fill(stats)
        self.ab_panel.fill(stats)
        self._fill_charts(stats)
        self.decisions_panel.fill(stats)

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
        self.kpi_table.fill(stats)
        averaged = max((k.campaigns_averaged for k in stats.kpis), default=0)
        self.average_note.setText(
            QCoreApplication.translate(
                "StatsWindow",
                "Client average: the mean of the campaigns sent in the 12 months before this "
                "one (%1). Green: better than the target (or the average when there is no "
                "target); red: worse; uncoloured: level. “—”: not given, left out of averages.",
            ).replace("%1", count_text(averaged))
        )

    def _fill_charts(self, stats: CampaignStats) -> None:
        reference = stats.reference
        self.charts.set(
            self.funnel_chart,
            lambda fig, pal: drawing.draw_funnel(fig, pal, reference),
        )
        self.charts.set(
            self.domain_chart, lambda fig, pal: drawing.draw_domains(fig, pal, stats.domains)
        )
        self.charts.set(self.hour_chart, lambda fig, pal: drawing.draw_hours(fig, pal, stats.hours))

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
        snapshot_id = self.snapshot_table.current_id()
        if self.stats is None or snapshot_id is None:
            return None
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
        text = self.decisions_panel.take_edit()
        if text is not None:
            self._push(lambda: SetDecisions(self, text))

    def request_recap(self) -> None:
        """The recap quotes the D+5 decisions: those typed here are saved first."""
        self.save_decisions()
        self.recap_requested.emit(self.campaign_id)

    def _metric_chosen(self, metric: AbMetric) -> None:
        self._push(lambda: SetMetric(self, metric))

    def _confidence_chosen(self, confidence: float) -> None:
        if self.client_id is None:
            return
        client_id = self.client_id
        self._push(lambda: SetConfidence(self, client_id, confidence))

    def _winner_chosen(self, variant: str | None, reason: str) -> None:
        self._push(lambda: OverrideWinner(self, variant, reason))

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
