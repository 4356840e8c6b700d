"""The time spent, by week or by month (Alt+W, Alt+M): each day's entries and total, the
period's total and each client's hours, days and amount at its daily rate (the core's figures,
never re-added here); by month also each client's month budget and how much of it is spent.
Add, correct (double-click or Enter) and delete (Del) entries, all undoable (Ctrl+Z).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients, timesheet
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.timesheet import BudgetUse, EntryInput, EntryRow, TimeTotal
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import NOT_GIVEN
from crmdesk.ui.kit.styles import HINT_STYLE, colour_icon
from crmdesk.ui.labels import capitalised
from crmdesk.ui.operations import show_error
from crmdesk.ui.time.commands import DeleteEntry, EditEntry
from crmdesk.ui.time.formats import (
    budget_text,
    days_text,
    euros,
    hm,
    hours_text,
    level_colour,
    level_text,
    phase_label,
)

if TYPE_CHECKING:
    from crmdesk.ui.time.desk import TimeDesk

ENTRY_ROLE = Qt.ItemDataRole.UserRole
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
#: The columns of the per-client totals.
CLIENT, HOURS, DAYS, AMOUNT, BUDGET = range(5)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after ``first``'s (before it when negative)."""
    year, month = divmod(first.year * 12 + first.month - 1 + months, 12)
    return date(year, month + 1, 1)


class WeekWindow(QWidget):
    def __init__(self, desk: TimeDesk, day: date | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.desk = desk
        self.ops = desk.ops
        #: The week shown by week and the month shown by month, both around one day, so that
        #: switching shows the period of the day the user was looking at.
        self.monday, self.sunday = timesheet.week_of(day or date.today())
        self.month = (day or date.today()).replace(day=1)
        self.by_month = False
        self.entries: list[EntryRow] = []
        self.totals: list[TimeTotal] = []
        self.budgets: dict[int, BudgetUse] = {}
        self.statement_dialog: QWidget | None = None
        self.setWindowTitle(self.tr("Time spent"))
        self.setObjectName("timeSpent")

        self.week_button = QPushButton(self.tr("&Week"))
        self.week_button.setToolTip(self.tr("Monday to Sunday, every day (Alt+W)"))
        self.month_button = QPushButton(self.tr("&Month"))
        self.month_button.setToolTip(
            self.tr("The days worked in the month, each client's total and budget (Alt+M)")
        )
        self.period_group = QButtonGroup(self)
        for button in (self.week_button, self.month_button):
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.period_group.addButton(button)
        self.week_button.setChecked(True)

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.today_button = QPushButton(self.tr("This month"))
        wide = self.today_button.sizeHint().width()
        self.today_button.setText(self.tr("This week"))
        # As wide for a week as for a month: the title does not jump when the period changes.
        self.today_button.setMinimumWidth(max(wide, self.today_button.sizeHint().width()))
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.client = QComboBox()
        self.client.setAccessibleName(self.tr("Client"))
        self.client.addItem(self.tr("All clients"), None)
        for info in self.ops.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setToolTip(self.tr("Enter time on the selected day (Ins)"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Correct the selected entry (Enter)"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setToolTip(
            self.tr("Delete the selected entry (Del); Ctrl+Z brings it back")
        )
        self.statement_button = QPushButton(self.tr("Export &statement…"))
        self.statement_button.setToolTip(
            self.tr("The client's activity of the month as PDF, CSV or Excel")
        )

        top = QHBoxLayout()
        switch = QHBoxLayout()
        switch.setSpacing(0)  # one control in two halves
        switch.addWidget(self.week_button)
        switch.addWidget(self.month_button)
        top.addLayout(switch)
        top.addSpacing(10)
        top.addWidget(self.today_button)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addSpacing(10)
        top.addWidget(self.title, 1)
        top.addWidget(self.client)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.statement_button)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("Day / client"),
                self.tr("Campaign"),
                self.tr("Phase"),
                self.tr("Duration"),
                self.tr("Note"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 300)
        self.tree.setColumnWidth(2, 110)
        self.tree.setColumnWidth(3, 80)

        self.week_total = QLabel()
        self.week_total.setObjectName("weekTotal")
        total_font = self.week_total.font()
        total_font.setBold(True)
        self.week_total.setFont(total_font)
        self.by_client = QTableWidget(0, 5)
        self.by_client.setHorizontalHeaderLabels(
            [
                self.tr("Client"),
                self.tr("Hours"),
                self.tr("Days"),
                self.tr("Amount"),
                self.tr("Month budget"),
            ]
        )
        self.by_client.verticalHeader().hide()
        self.by_client.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.by_client.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.by_client.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        client_header = self.by_client.horizontalHeader()
        client_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        client_header.setMinimumSectionSize(110)
        for column in (HOURS, DAYS, AMOUNT, BUDGET):
            client_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.by_client.verticalHeader().setDefaultSectionSize(
            self.by_client.fontMetrics().height() + 8
        )
        self.rate_hint = QLabel()
        self.rate_hint.setStyleSheet(HINT_STYLE)
        self.rate_hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setStyleSheet(HINT_STYLE)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.week_total)
        bottom_layout.addWidget(self.by_client)
        bottom_layout.addWidget(self.rate_hint)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.month_button.toggled.connect(lambda on: self.show_by(month=on))
        self.today_button.clicked.connect(lambda: self.show_day(date.today()))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.client.currentIndexChanged.connect(lambda _i: self.reload())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.statement_button.clicked.connect(self.export_statement)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.edit())
        self.tree.currentItemChanged.connect(lambda _c, _p: self._enable())
        self._build_actions()
        self.ops.changed.connect(self._on_changed)
        fit_to_screen(self, 1000, 680)
        self.reload()

    def _build_actions(self) -> None:
        undo = self.desk.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.desk.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        bindings: list[tuple[list[str], Callable[[], object]]] = [
            (["PgUp", "Alt+Left"], lambda: self.step(-1)),
            (["PgDown", "Alt+Right"], lambda: self.step(1)),
            (["Ins", "Ctrl+N"], self.add),
            (["Return", "Enter"], self.edit),
            (["Del"], self.delete),
            (["Ctrl+W", "Esc"], self.close),
        ]
        self.addAction(undo)
        self.addAction(redo)
        for keys, slot in bindings:
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.addAction(action)

    # -- the period shown ---------------------------------------------------------------------

    def client_id(self) -> int | None:
        value = self.client.currentData()
        return value if isinstance(value, int) else None

    def period(self) -> tuple[date, date]:
        """The first and last day shown: the week's Monday and Sunday, or the month's."""
        if self.by_month:
            return timesheet.month_range(self.month_key())
        return self.monday, self.sunday

    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"

    def show_day(self, day: date) -> None:
        """The week or the month of ``day``."""
        self.monday, self.sunday = timesheet.week_of(day)
        self.month = day.replace(day=1)
        self.reload()

    def show_by(self, *, month: bool) -> None:
        """By week or by month, around the selected day (or today when it is shown)."""
        if month == self.by_month:
            return
        day = self.selected_day()
        self.by_month = month
        self.show_day(day)

    def step(self, count: int) -> None:
        """``count`` weeks or months later (earlier when negative)."""
        if self.by_month:
            self.show_day(add_months(self.month, count))
        else:
            self.show_day(self.monday + timedelta(weeks=count))

    def _on_changed(self, changes: Changes) -> None:
        if changes.time or changes.clients or changes.campaigns or changes.settings:
            self.reload()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_entry()
        client_id = self.client_id()
        first, last = self.period()
        self.entries = self.ops.read(timesheet.entries_between, first, last, client_id=client_id)
        self.totals = self.ops.read(timesheet.totals_between, first, last, client_id=client_id)
        self.budgets = {}
        if self.by_month:
            for total in self.totals:
                use = self.ops.read(
                    timesheet.client_month_budget, total.client_id, self.month_key()
                )
                if use is not None:
                    self.budgets[total.client_id] = use
        locale = QLocale()
        self._name_period(locale)
        self._fill_tree(keep, locale)
        self._fill_totals()
        self._enable()

    def _name_period(self, locale: QLocale) -> None:
        """The title and the words of the buttons and totals, for a week or for a month."""
        if self.by_month:
            self.title.setText(
                self.month_title().replace("%1", locale.toString(_qdate(self.month), "yyyy"))
            )
            self.today_button.setText(self.tr("This month"))
            self.previous_button.setToolTip(self.tr("Previous month (Page Up, Alt+Left)"))
            self.next_button.setToolTip(self.tr("Next month (Page Down, Alt+Right)"))
            self.tree.setAccessibleName(self.tr("Entries of the month"))
        else:
            self.title.setText(
                self.tr("Week of %1 to %2")
                .replace("%1", locale.toString(_qdate(self.monday), "d MMMM"))
                .replace("%2", locale.toString(_qdate(self.sunday), "d MMMM yyyy"))
            )
            self.today_button.setText(self.tr("This week"))
            self.previous_button.setToolTip(self.tr("Previous week (Page Up, Alt+Left)"))
            self.next_button.setToolTip(self.tr("Next week (Page Down, Alt+Right)"))
            self.tree.setAccessibleName(self.tr("Entries of the week"))
        self.by_client.setColumnHidden(BUDGET, not self.by_month)
        for button in (self.week_button, self.month_button):
            font = button.font()
            font.setBold(button.isChecked())  # the checked half reads at a glance, dark or light
            button.setFont(font)

    def month_title(self) -> str:
        """ "Month of December %1", one sentence a month: languages write "of" differently
        before some month names (French "Mois d’avril", "Mois de mai")."""
        titles = (
            self.tr("Month of January %1"),
            self.tr("Month of February %1"),
            self.tr("Month of March %1"),
            self.tr("Month of April %1"),
            self.tr("Month of May %1"),
            self.tr("Month of June %1"),
            self.tr("Month of July %1"),
            self.tr("Month of August %1"),
            self.tr("Month of September %1"),
            self.tr("Month of October %1"),
            self.tr("Month of November %1"),
            self.tr("Month of December %1"),
        )
        return titles[self.month.month - 1]

    def shown_days(self) -> list[date]:
        """Every day of the week; only the days worked of a month (not 31 empty rows)."""
        if self.by_month:
            return sorted({e.worked_on for e in self.entries})
        return [self.monday + timedelta(days=offset) for offset in range(7)]

    def _fill_tree(self, keep: int | None, locale: QLocale) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        band = QBrush(self.palette().color(QPalette.ColorRole.Midlight))
        today = date.today()
        chosen: QTreeWidgetItem | None = None
        days = self.shown_days()
        if not days:
            empty = QTreeWidgetItem([self.tr("No time entered this month.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            empty.setForeground(0, muted)
            self.tree.addTopLevelItem(empty)
        for day in days:
            rows = [e for e in self.entries if e.worked_on == day]
            minutes = sum(e.minutes for e in rows)
            label = capitalised(locale.toString(_qdate(day), "dddd d MMMM"))
            if day == today:
                label += " · " + self.tr("today")
            head = QTreeWidgetItem([label, "", "", hm(minutes), ""])
            head.setData(0, DAY_ROLE, day)
            for column in range(5):
                head.setFont(column, bold)
            if not rows:
                head.setForeground(3, muted)
            for column in range(5):
                head.setBackground(column, band)
            self.tree.addTopLevelItem(head)
            for entry in rows:
                item = QTreeWidgetItem(
                    [
                        "    " + entry.client,
                        entry.campaign or NOT_GIVEN,
                        phase_label(entry.phase),
                        hm(entry.minutes),
                        entry.note,
                    ]
                )
                item.setData(0, ENTRY_ROLE, entry.id)
                item.setData(0, DAY_ROLE, day)
                item.setTextAlignment(
                    3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                item.setToolTip(4, entry.note)
                head.addChild(item)
                if entry.id == keep:
                    chosen = item
            head.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def _fill_totals(self) -> None:
        minutes = sum(t.minutes for t in self.totals)
        hours = sum((t.hours for t in self.totals), start=Decimal(0))
        label = (
            self.tr("Month total: %1 (%2 h)") if self.by_month else self.tr("Week total: %1 (%2 h)")
        )
        self.week_total.setText(label.replace("%1", hm(minutes)).replace("%2", hours_text(hours)))
        self.by_client.setRowCount(len(self.totals))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        no_rate = []
        for row, total in enumerate(self.totals):
            cells = [total.client, hours_text(total.hours), days_text(total.days)]
            cells.append(euros(total.amount))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(right)
                self.by_client.setItem(row, column, item)
            if total.amount is None:
                no_rate.append(total.client)
                amount_item = self.by_client.item(row, AMOUNT)
                if amount_item is not None:
                    amount_item.setToolTip(self.tr("No daily rate for this client"))
            self.by_client.setItem(row, BUDGET, self._budget_item(total.client_id))
        self.by_client.setFixedHeight(
            self.by_client.horizontalHeader().height()
            + max(1, len(self.totals)) * self.by_client.verticalHeader().defaultSectionSize()
            + 4
        )
        self.rate_hint.setText(
            self.tr("— : no daily rate for %1 (set it in File › Clients…).").replace(
                "%1", ", ".join(no_rate)
            )
            if no_rate
            else ""
        )
        self.rate_hint.setVisible(bool(no_rate))

    def _budget_item(self, client_id: int) -> QTableWidgetItem:
        """The client's month budget as the cockpit words and colours it: amber from 80 %,
        red from 100 %; empty without a budget."""
        use = self.budgets.get(client_id)
        item = QTableWidgetItem()
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if use is None:
            item.setToolTip(self.tr("No budget for this month"))
            return item
        colour = level_colour(use.level)
        item.setText(("⚠ " if colour else "") + budget_text(use))
        item.setToolTip(level_text(use.level))
        if colour:
            item.setForeground(QBrush(QColor(colour)))
            font = QFont(self.by_client.font())
            font.setBold(True)
            item.setFont(font)
        return item

    # -- selection and edits ------------------------------------------------------------------

    def selected_entry(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ENTRY_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def selected_day(self) -> date:
        item = self.tree.currentItem()
        value = item.data(0, DAY_ROLE) if item is not None else None
        if isinstance(value, date):
            return value
        first, last = self.period()
        today = date.today()
        return today if first <= today <= last else first

    def _enable(self) -> None:
        chosen = self.selected_entry() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def add(self) -> None:
        self.desk.add_time(day=self.selected_day(), client_id=self.client_id(), parent=self)

    def edit(self) -> None:
        entry_id = self.selected_entry()
        if entry_id is None:
            return
        from crmdesk.ui.time.entry_dialog import EntryDialog

        def submit(data: EntryInput) -> None:
            self.desk.undo_stack.push(EditEntry(self.ops, entry_id, data))
            self.say(self.tr("Entry corrected — Ctrl+Z to undo."))

        try:
            initial = self.ops.read(timesheet.entry_input, entry_id)
        except CrmdeskError as error:
            show_error(self, error)
            return
        self.desk._show(EntryDialog(self.ops, submit, initial, parent=self))

    def delete(self) -> None:
        entry_id = self.selected_entry()
        if entry_id is None:
            return
        try:
            self.desk.undo_stack.push(DeleteEntry(self.ops, entry_id))
        except CrmdeskError as error:
            show_error(self, error)
            return
        self.say(self.tr("Entry deleted — Ctrl+Z brings it back."))

    def say(self, text: str) -> None:
        self.status.setText(text)

    def export_statement(self) -> None:
        """The statement of the client in the filter (or of the selected entry's), for the
        month shown (by week, the month of the selected day)."""
        from crmdesk.ui.reports.statement_dialog import StatementDialog

        client_id = self.client_id()
        if client_id is None:
            entry_id = self.selected_entry()
            found = next((e for e in self.entries if e.id == entry_id), None)
            client_id = found.client_id if found is not None else None
        dialog = StatementDialog(
            self.ops, self, client_id=client_id, month=self.selected_day().replace(day=1)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.statement_dialog = dialog
        dialog.destroyed.connect(forget(self, "statement_dialog"))
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ops.changed.disconnect(self._on_changed)
        super().closeEvent(event)
