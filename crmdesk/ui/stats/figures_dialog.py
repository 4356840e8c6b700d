"""Typing a snapshot's figures by hand: what the ESP's dashboard shows at D+1, D+5 or D+30.

The rules (opens cannot exceed deliveries…) are the core's; the dialog shows their sentences as
the operator types and keeps OK disabled until the figures hold together.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.stats import kpis
from crmdesk.core.stats.figures import COUNT_FIELDS, Figures
from crmdesk.render.labels import day_label, field_label
from crmdesk.ui.stats.problems import problem_text

MAX_COUNT = 2_000_000_000


class FiguresDialog(QDialog):
    """The form of one snapshot; ``result_values()`` gives (day, variant, figures) after OK."""

    def __init__(
        self,
        send_day: date,
        parent: QWidget | None = None,
        *,
        taken_on: date | None = None,
        variant: str = "",
        figures: Figures | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("FiguresDialog", "Campaign figures"))
        self.send_day = send_day
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setMinimumDate(QDate(send_day))
        self.day.setDate(QDate(taken_on or send_day + timedelta(days=5)))
        shortcuts = QHBoxLayout()
        shortcuts.addWidget(self.day, 1)
        for offset in (1, 5, 30):
            button = QPushButton(day_label(offset))
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _=False, n=offset: self.day.setDate(QDate(send_day + timedelta(days=n)))
            )
            shortcuts.addWidget(button)
        self.variant = QLineEdit(variant)
        self.variant.setMaxLength(40)
        self.variant.setPlaceholderText(
            QCoreApplication.translate(
                "FiguresDialog", "empty for the whole campaign; A, B… for a test"
            )
        )
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("FiguresDialog", "Figures of"), shortcuts)
        form.addRow(field_label("variant"), self.variant)
        self.counts: dict[str, QSpinBox] = {}
        start = figures or Figures()
        for name in COUNT_FIELDS:
            box = QSpinBox()
            box.setRange(0, MAX_COUNT)
            box.setGroupSeparatorShown(True)
            box.setValue(getattr(start, name))
            box.valueChanged.connect(self._check)
            self.counts[name] = box
            form.addRow(field_label(name), box)
        self.revenue = QDoubleSpinBox()
        self.revenue.setRange(0, 1e11)
        self.revenue.setDecimals(2)
        self.revenue.setGroupSeparatorShown(True)
        self.revenue.setValue(float(start.revenue))
        form.addRow(field_label("revenue"), self.revenue)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._check()

    def figures(self) -> Figures:
        values: dict[str, int | Decimal] = {n: b.value() for n, b in self.counts.items()}
        values["revenue"] = Decimal(str(round(self.revenue.value(), 2)))
        return Figures(**values)  # type: ignore[arg-type]

    def _check(self) -> None:
        problems = kpis.validate(self.figures())
        self.problems.setText("\n".join(problem_text(p) for p in problems))
        self.problems.setVisible(bool(problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problems)

    def result_values(self) -> tuple[date, str, Figures]:
        return self.day.date().toPython(), self.variant.text().strip(), self.figures()
