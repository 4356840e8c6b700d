"""Typing a snapshot's figures by hand: what the ESP's dashboard shows at D+1, D+5 or D+30.

The rules (opens cannot exceed deliveries…) are the core's; the dialog shows their sentences as
the operator types and keeps OK disabled until the figures hold together. Every figure but the
emails sent may be left empty: the ESP's screen does not show it (no conversion tracking), and
"not given" is stored as such, never as a 0 that would read as a campaign that sold nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QValidator
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
from crmdesk.ui.kit.formats import not_given
from crmdesk.ui.stats.problems import problem_text

MAX_COUNT = 2_000_000_000
#: The value of an empty box: "not given".
NOT_GIVEN = -1


def _empty(text: str, special: str) -> bool:
    return not text.strip() or text == special


class OptionalCount(QSpinBox):
    """A count that may be left empty (erase it, or step below 0): "not given", shown greyed
    as such; ``given()`` is the count or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_GIVEN, MAX_COUNT)
        self.setSpecialValueText(not_given())
        self.setGroupSeparatorShown(True)
        self.setToolTip(QCoreApplication.translate("FiguresDialog", "Leave empty if not given"))

    def validate(self, text: str, pos: int) -> object:
        if _empty(text, self.specialValueText()):
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        if _empty(text, self.specialValueText()):
            return NOT_GIVEN
        return super().valueFromText(text)

    def given(self) -> int | None:
        return None if self.value() == NOT_GIVEN else self.value()

    def set_given(self, value: int | None) -> None:
        self.setValue(NOT_GIVEN if value is None else value)


class OptionalAmount(QDoubleSpinBox):
    """An amount in euros that may be left empty ("not given"), as ``OptionalCount``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_GIVEN, 1e11)
        self.setDecimals(2)
        self.setSpecialValueText(not_given())
        self.setGroupSeparatorShown(True)
        self.setToolTip(QCoreApplication.translate("FiguresDialog", "Leave empty if not given"))

    def validate(self, text: str, pos: int) -> object:
        if _empty(text, self.specialValueText()):
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> float:
        if _empty(text, self.specialValueText()):
            return float(NOT_GIVEN)
        return super().valueFromText(text)

    def given(self) -> Decimal | None:
        if self.value() <= NOT_GIVEN:
            return None
        return Decimal(str(round(self.value(), 2)))

    def set_given(self, value: Decimal | None) -> None:
        self.setValue(NOT_GIVEN if value is None else float(value))


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
            box: QSpinBox
            if name == "sent":  # the one figure every snapshot has
                box = QSpinBox()
                box.setRange(0, MAX_COUNT)
                box.setGroupSeparatorShown(True)
                box.setValue(start.sent)
            else:
                box = OptionalCount()
                box.set_given(getattr(start, name))
            box.valueChanged.connect(self._check)
            self.counts[name] = box
            form.addRow(field_label(name), box)
        self.revenue = OptionalAmount()
        self.revenue.set_given(start.revenue)
        self.revenue.valueChanged.connect(self._check)
        form.addRow(field_label("revenue"), self.revenue)
        self.hint = QLabel(
            QCoreApplication.translate(
                "FiguresDialog",
                "Leave a figure empty when the ESP does not give it (no conversion tracking): "
                "it shows as “—” and stays out of the averages, where 0 would count as none.",
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
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
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._check()

    def figures(self) -> Figures:
        """The figures typed; an empty box is None (not given)."""
        values: dict[str, int | Decimal | None] = {
            name: box.given() if isinstance(box, OptionalCount) else box.value()
            for name, box in self.counts.items()
        }
        values["revenue"] = self.revenue.given()
        return Figures(**values)  # type: ignore[arg-type]

    def _check(self) -> None:
        problems = kpis.validate(self.figures())
        self.problems.setText("\n".join(problem_text(p) for p in problems))
        self.problems.setVisible(bool(problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problems)

    def result_values(self) -> tuple[date, str, Figures]:
        return self.day.date().toPython(), self.variant.text().strip(), self.figures()
