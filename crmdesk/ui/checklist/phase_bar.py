"""One phase's row in the checklist window's header: name, progress bar, count and alerts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar

from crmdesk.core.checklists import PhaseProgress
from crmdesk.ui.checklist.labels import phase_label
from crmdesk.ui.kit.styles import alert_colour, bar_style


class PhaseBar:
    """One phase's row of the header: its name, a thin bar, "closed / total" and, in red, what
    needs attention."""

    def __init__(self, grid: QGridLayout, row: int) -> None:
        self.name = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.alerts = QLabel()
        self.alerts.setStyleSheet(f"color: {alert_colour()};")
        self.complete: bool | None = None
        for column, widget in enumerate((self.name, self.bar, self.count, self.alerts)):
            grid.addWidget(widget, row, column)

    def show(self, progress: PhaseProgress, alerts: str) -> None:
        self.name.setText(phase_label(progress.phase))
        self.bar.setRange(0, max(1, progress.total))
        self.bar.setValue(progress.closed)
        complete = progress.closed == progress.total
        if complete != self.complete:  # a style sheet is parsed again each time it is set
            self.complete = complete
            self.bar.setStyleSheet(bar_style("#16a34a" if complete else "#3b82f6", 3))
        self.count.setText(f"{progress.closed} / {progress.total}")
        self.alerts.setText(alerts)

    def remove(self) -> None:
        for widget in (self.name, self.bar, self.count, self.alerts):
            widget.deleteLater()
