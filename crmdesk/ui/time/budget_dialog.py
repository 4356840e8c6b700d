"""The budget of a campaign or of a client's month, in days or euros, with what was spent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, clients, timesheet
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.models import BudgetUnit
from crmdesk.core.timesheet import BudgetUse
from crmdesk.ui.kit.styles import ERROR_STYLE, bar_style, colour_icon
from crmdesk.ui.labels import problem_text
from crmdesk.ui.operations import Operations, show_error
from crmdesk.ui.time.commands import SetBudget
from crmdesk.ui.time.formats import budget_text, level_colour, level_text


class BudgetDialog(QDialog):
    """For a campaign (``campaign_id``) or for a client's month (``client_id``, ``month``
    "2026-11", both chosen in the dialog). OK sets the budget, Clear removes it; both undoable."""

    def __init__(
        self,
        ops: Operations,
        undo_stack: QUndoStack,
        *,
        campaign_id: int | None = None,
        client_id: int | None = None,
        month: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.undo_stack = undo_stack
        self.campaign_id = campaign_id
        self.setMinimumWidth(440)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE + " padding: 6px;")
        self.banner.hide()
        self.client = QComboBox()
        self.month = QDateEdit()
        self.month.setDisplayFormat("MM/yyyy")
        self.month.setCalendarPopup(True)
        form = QFormLayout()
        if campaign_id is not None:
            data = ops.read(campaigns.load, campaign_id)
            client_id = data.client_id
            self.setWindowTitle(self.tr("Budget of “%1”").replace("%1", data.name))
            form.addRow(self.tr("Campaign"), QLabel(data.name))
        else:
            self.setWindowTitle(self.tr("Monthly budget of a client"))
            for info in ops.read(clients.list_clients):
                self.client.addItem(colour_icon(info.colour), info.name, info.id)
            self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
            start = date.fromisoformat(f"{month}-01") if month else date.today()
            self.month.setDate(QDate(start.year, start.month, 1))
            form.addRow(self.tr("&Client"), self.client)
            form.addRow(self.tr("&Month"), self.month)
        self.fixed_client = client_id
        self.unit = QComboBox()
        self.unit.addItem(self.tr("Days"), BudgetUnit.DAYS)
        self.unit.addItem(self.tr("Euros"), BudgetUnit.EUROS)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 10_000_000)
        self.amount.setDecimals(2)
        self.amount.setGroupSeparatorShown(True)
        self.spent = QLabel()
        self.spent.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        form.addRow(self.tr("&Unit"), self.unit)
        form.addRow(self.tr("&Budget"), self.amount)
        form.addRow(self.tr("Spent"), self.spent)
        form.addRow("", self.bar)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.clear_button = buttons.addButton(
            self.tr("C&lear budget"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.clear_button.setToolTip(self.tr("Remove this budget (Ctrl+Z brings it back)"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.client.currentIndexChanged.connect(lambda _i: self.load())
        self.month.dateChanged.connect(lambda _d: self.load())
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.load()
        self.amount.setFocus()
        self.amount.selectAll()

    # -- where the budget applies -------------------------------------------------------------

    def target(self) -> tuple[int, str | None]:
        """The client and the month ("2026-11", None for a campaign's budget)."""
        if self.campaign_id is not None:
            assert self.fixed_client is not None
            return self.fixed_client, None
        return int(self.client.currentData() or 0), self.month.date().toString("yyyy-MM")

    def use(self) -> BudgetUse | None:
        if self.campaign_id is not None:
            return self.ops.read(timesheet.campaign_budget, self.campaign_id)
        client_id, month = self.target()
        if not client_id or month is None:
            return None
        return self.ops.read(timesheet.client_month_budget, client_id, month)

    def load(self) -> None:
        use = self.use()
        self.clear_button.setEnabled(use is not None)
        if use is None:
            self.amount.setValue(0)
            self.spent.setText(self.tr("No budget yet."))
            self.spent.setStyleSheet("")
            self.bar.setValue(0)
            return
        self.unit.blockSignals(True)
        self.unit.setCurrentIndex(max(0, self.unit.findData(use.unit)))
        self.unit.blockSignals(False)
        self._unit_changed()
        self.amount.setValue(float(use.amount))
        self.show_use(use)

    def show_use(self, use: BudgetUse) -> None:
        colour = level_colour(use.level)
        self.spent.setText(f"{budget_text(use)} — {level_text(use.level)}")
        self.spent.setStyleSheet(f"color: {colour}; font-weight: 600;" if colour else "")
        self.bar.setValue(min(100, round((use.ratio or 0) * 100)))
        self.bar.setStyleSheet(bar_style(colour or "palette(highlight)", 4))

    def _unit_changed(self) -> None:
        days = self.unit.currentData() == BudgetUnit.DAYS
        self.amount.setSingleStep(0.5 if days else 100)
        self.amount.setSuffix(self.tr(" days") if days else " €")

    # -- writing ------------------------------------------------------------------------------

    def accept(self) -> None:
        self.amount.setStyleSheet("")
        client_id, month = self.target()
        budget = (BudgetUnit(self.unit.currentData()), Decimal(str(round(self.amount.value(), 2))))
        if budget[1] <= 0:
            self._refuse(self.tr("A budget is more than zero; to remove it, press Clear."))
            return
        try:
            self.undo_stack.push(
                SetBudget(self.ops, client_id, budget, campaign_id=self.campaign_id, month=month)
            )
        except ValidationError as error:
            self._refuse("\n".join(problem_text(p) for p in error.problems))
            return
        except CrmdeskError as error:
            show_error(self, error)
            return
        super().accept()

    def clear(self) -> None:
        client_id, month = self.target()
        try:
            self.undo_stack.push(
                SetBudget(self.ops, client_id, None, campaign_id=self.campaign_id, month=month)
            )
        except CrmdeskError as error:
            show_error(self, error)
            return
        super().accept()

    def _refuse(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.amount.setStyleSheet(ERROR_STYLE)
        self.amount.setFocus()
