"""The time desk of the main window: the timer in the status bar, the Time menu and its
shortcuts, the calendar's campaign menu, and the time windows and dialogs.

The running timer is a row of the workspace, read when the window starts and whenever time
changes: after a crash or a restart the status bar shows it again with its real elapsed time.
The one-second tick only repaints. Every write is an undoable command on the main stack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, clients, timesheet
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.timesheet import EntryInput, RunningTimerInfo, TimerNeedsAnswer
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.kit.formats import short_date
from crmdesk.ui.kit.styles import colour_icon
from crmdesk.ui.operations import Operations, show_error
from crmdesk.ui.time.budget_dialog import BudgetDialog
from crmdesk.ui.time.commands import AddEntry, StartTimer, StopTimer
from crmdesk.ui.time.entry_dialog import EntryDialog, StopQuestion, suggested_minutes
from crmdesk.ui.time.formats import (
    budget_text,
    clock,
    hm,
    level_colour,
    level_text,
    stopwatch_icon,
)


def now() -> datetime:
    return datetime.now(UTC)


class TimerButton(QToolButton):
    """The running timer in the status bar, "campaign · client — 1:23:45" beside a stopwatch;
    hidden when no
    timer runs. A click offers Stop, Switch and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setObjectName("runningTimer")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setIcon(stopwatch_icon())
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setToolTip(self.tr("The running timer: click to stop or switch it (Ctrl+Shift+T)"))
        self.timer: RunningTimerInfo | None = None
        self.hide()

    def set_timer(self, timer: RunningTimerInfo | None) -> None:
        self.timer = timer
        self.setVisible(timer is not None)
        self.tick()

    def tick(self) -> None:
        if self.timer is None:
            return
        self.setText(
            f"{self.timer.campaign} · {self.timer.client} — {clock(self.timer.elapsed(now()))}"
        )


class CampaignPicker(QDialog):
    """Which campaign the timer switches to: a client, then one of its campaigns."""

    def __init__(self, ops: Operations, client_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Switch the timer"))
        self.client = QComboBox()
        for info in ops.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.campaign = QComboBox()
        self.campaign.setMinimumWidth(320)
        form = QFormLayout()
        form.addRow(self.tr("&Client"), self.client)
        form.addRow(self.tr("C&ampaign"), self.campaign)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.client.currentIndexChanged.connect(lambda _i: self._load())
        self._load()

    def _load(self) -> None:
        self.campaign.clear()
        if self.client.currentData() is None:
            return
        for row in reversed(self.ops.read(campaigns.list_campaigns, self.client.currentText())):
            self.campaign.addItem(f"{short_date(row.send_at.date())} — {row.name}", row.id)
        self.ok_button.setEnabled(self.campaign.count() > 0)

    def campaign_id(self) -> int | None:
        value = self.campaign.currentData()
        return value if isinstance(value, int) else None


class CampaignTimeBox(QWidget):
    """In the campaign dialog: the time spent on the campaign, its budget use (amber from
    80 %, red from 100 %), the Timer button and Budget…."""

    def __init__(self, desk: TimeDesk, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.campaign_id = campaign_id
        self.spent = QLabel()
        self.budget = QLabel()
        self.budget.setObjectName("campaignBudget")
        self.budget.setWordWrap(True)
        self.timer_button = QPushButton()
        self.timer_button.clicked.connect(self._toggle)
        self.budget_button = QPushButton(self.tr("B&udget…"))
        self.budget_button.clicked.connect(lambda: desk.open_budget(campaign_id=campaign_id))
        self.add_button = QPushButton(self.tr("Add ti&me…"))
        self.add_button.clicked.connect(lambda: desk.add_time(campaign_id=campaign_id))
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.spent)
        text.addWidget(self.budget)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(text, 1)
        row.addWidget(self.timer_button)
        row.addWidget(self.add_button)
        row.addWidget(self.budget_button)
        desk.ops.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.time and changes.concerns(self.campaign_id):
            self.refresh()

    def _running_here(self) -> bool:
        running = self.desk.running()
        return running is not None and running.campaign_id == self.campaign_id

    def _toggle(self) -> None:
        if self._running_here():
            self.desk.stop()
        else:
            self.desk.start(self.campaign_id)

    def refresh(self) -> None:
        minutes = self.desk.ops.read(timesheet.campaign_minutes, self.campaign_id)
        self.spent.setText(self.tr("Time spent: %1").replace("%1", hm(minutes)))
        use = self.desk.ops.read(timesheet.campaign_budget, self.campaign_id)
        if use is None:
            self.budget.setText(self.tr("No budget"))
            self.budget.setStyleSheet("")
        else:
            colour = level_colour(use.level)
            mark = "⚠ " if colour else ""
            self.budget.setText(
                mark
                + self.tr("Budget: %1 — %2")
                .replace("%1", budget_text(use))
                .replace("%2", level_text(use.level))
            )
            self.budget.setStyleSheet(f"color: {colour}; font-weight: 600;" if colour else "")
        running = self._running_here()
        self.timer_button.setText(self.tr("Stop timer") if running else self.tr("Start timer"))
        self.timer_button.setToolTip(
            self.tr("Stop the timer and bill its time")
            if running
            else self.tr("Time your work on this campaign (Ctrl+Shift+T)")
        )


class TimeDesk(QObject):
    """Owned by the main window; ``selected_campaign`` says which campaign the calendar has
    selected (the shortcut starts the timer there)."""

    #: A message for the main window's status bar (text, milliseconds).
    message = Signal(str, int)

    def __init__(
        self,
        ops: Operations,
        undo_stack: QUndoStack,
        window: QMainWindow,
        selected_campaign: Callable[[], int | None],
    ) -> None:
        super().__init__(window)
        self.ops = ops
        self.undo_stack = undo_stack
        self.window = window
        self.selected_campaign = selected_campaign
        self.timer_button = TimerButton()
        self.timer_button.clicked.connect(self.show_timer_menu)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.timer_button.tick)
        #: What is open, for the window to close and for tests to drive.
        self.question: QMessageBox | None = None
        self.stop_question: StopQuestion | None = None
        self.dialog: QDialog | None = None
        self.menu: QMenu | None = None
        self.week_window: QWidget | None = None
        self.message.connect(lambda text, ms: window.statusBar().showMessage(text, ms))

        self.start_stop_action = self._action(
            self.tr("&Start or stop the timer"), self.start_or_stop, "Ctrl+Shift+T"
        )
        self.add_action = self._action(self.tr("&Add time…"), lambda: self.add_time())
        self.week_action = self._action(self.tr("&Time spent…"), self.open_week, "Ctrl+Shift+W")
        self.budget_action = self._action(self.tr("&Budget…"), self.budget_selected)
        ops.changed.connect(self._on_changed)
        self.reload()

    def _action(self, text: str, slot: Callable[[], object], key: str = "") -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def install(self, menu: QMenu) -> None:
        """The timer in the status bar and the actions of the Time menu (the window made the
        menu, between View and Help, with the others)."""
        self.window.statusBar().addPermanentWidget(self.timer_button)
        for action in (self.start_stop_action, self.add_action, self.week_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.budget_action)

    # -- the running timer --------------------------------------------------------------------

    def running(self) -> RunningTimerInfo | None:
        return self.ops.read(timesheet.running_timer)

    def reload(self) -> None:
        timer = self.running()
        self.timer_button.set_timer(timer)
        self.start_stop_action.setText(
            self.tr("&Stop the timer") if timer else self.tr("&Start the timer")
        )
        if timer is None:
            self.ticker.stop()
        elif not self.ticker.isActive():
            self.ticker.start()

    def _on_changed(self, changes: Changes) -> None:
        if changes.time or changes.campaigns:
            self.reload()

    def start_or_stop(self) -> None:
        """The shortcut: stop the running timer, else start one on the selected campaign."""
        if self.running() is not None:
            self.stop()
            return
        campaign_id = self.selected_campaign()
        if campaign_id is None:
            self.message.emit(
                self.tr("Select a campaign in the calendar to start its timer."), 6000
            )
            return
        self.start(campaign_id)

    def start(self, campaign_id: int) -> None:
        """Start timing ``campaign_id``; a timer on another campaign is stopped first, asked."""
        running = self.running()
        if running is not None and running.campaign_id == campaign_id:
            self.message.emit(self.tr("The timer already runs on this campaign."), 6000)
            return
        if running is None:
            command = self._try_push(lambda: StartTimer(self.ops, campaign_id))
            if command is not None:
                self.message.emit(self.tr("Timer started — Ctrl+Shift+T stops it"), 6000)
            return
        name = self.ops.read(campaigns.load, campaign_id).name
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Switch the timer"),
            self.tr("Stop the timer on “%1” (%2) and start one on “%3”?")
            .replace("%1", running.campaign)
            .replace("%2", hm(int(running.elapsed(now()).total_seconds() // 60)))
            .replace("%3", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(forget(self, "question"))

        def answered(button: object) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:  # type: ignore[arg-type]
                self.stop(then=lambda: StartTimer(self.ops, campaign_id))

        box.buttonClicked.connect(answered)
        self.question = box
        box.open()

    def stop(
        self, then: Callable[[], QUndoCommand] | None = None, *, discard: bool = False
    ) -> None:
        """Stop the running timer; a run over midnight or of many hours is asked first. ``then``
        builds the command that follows (the start of another timer), undone with the stop."""
        try:
            command = StopTimer(self.ops, discard=discard)
        except TimerNeedsAnswer as needs:
            self._ask(needs, then)
            return
        except CrmdeskError as error:
            show_error(self.window, error)
            return
        self._stopped(command, then)

    def _ask(self, needs: TimerNeedsAnswer, then: Callable[[], QUndoCommand] | None) -> None:
        per_day = float(self.ops.read(timesheet.hours_per_day))
        dialog = StopQuestion(
            needs.timer,
            needs.elapsed_minutes,
            needs.reason,
            suggested_minutes(needs.timer, needs.elapsed_minutes, per_day),
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.stop_question = dialog

        def answered(result: int) -> None:
            self.stop_question = None
            if result not in (StopQuestion.BILL, StopQuestion.DISCARD):
                self.message.emit(self.tr("The timer still runs; nothing was billed."), 6000)
                return
            try:
                if result == StopQuestion.BILL:
                    command = StopTimer(self.ops, minutes=dialog.minutes())
                else:
                    command = StopTimer(self.ops, discard=True)
            except CrmdeskError as error:
                show_error(self.window, error)
                return
            self._stopped(command, then)

        dialog.finished.connect(answered)
        dialog.open()

    def _stopped(self, command: StopTimer, then: Callable[[], QUndoCommand] | None) -> None:
        follow: QUndoCommand | None = None
        if then is not None:
            try:
                follow = then()
            except CrmdeskError as error:
                show_error(self.window, error)
        if follow is None:
            self.undo_stack.push(command)
        else:
            self.undo_stack.beginMacro(follow.text())
            self.undo_stack.push(command)
            self.undo_stack.push(follow)
            self.undo_stack.endMacro()
        if command.entry_id is not None:
            self.message.emit(
                self.tr("%1 entered on “%2” — Ctrl+Z to undo")
                .replace("%1", hm(command.minutes or 0))
                .replace("%2", command.timer.campaign),
                8000,
            )

    def show_timer_menu(self) -> QMenu:
        """The status bar's timer clicked: Stop, Switch, Cancel."""
        menu = QMenu(self.window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        stop = menu.addAction(self.tr("&Stop and enter the time"))
        stop.triggered.connect(lambda: self.stop())
        switch = menu.addAction(self.tr("S&witch to another campaign…"))
        switch.triggered.connect(self.switch)
        cancel = menu.addAction(self.tr("&Cancel the timer (enter nothing)"))
        cancel.triggered.connect(lambda: self.stop(discard=True))
        self.menu = menu
        menu.popup(self.timer_button.mapToGlobal(QPoint(0, -menu.sizeHint().height())))
        return menu

    def switch(self) -> None:
        running = self.running()
        picker = CampaignPicker(self.ops, running.client_id if running else None, self.window)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            campaign_id = picker.campaign_id()
            if campaign_id is not None:
                self.start(campaign_id)

        picker.accepted.connect(chosen)
        self._show(picker)

    # -- the calendar's campaign menu ---------------------------------------------------------

    def campaign_menu(self, campaign_id: int) -> QMenu:
        running = self.running()
        menu = QMenu(self.window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        here = running is not None and running.campaign_id == campaign_id
        start = menu.addAction(self.tr("Start &timer here"))
        start.setEnabled(not here)
        start.triggered.connect(lambda: self.start(campaign_id))
        stop = menu.addAction(self.tr("&Stop timer"))
        stop.setEnabled(running is not None)
        stop.triggered.connect(lambda: self.stop())
        menu.addSeparator()
        add = menu.addAction(self.tr("&Add time…"))
        add.triggered.connect(lambda: self.add_time(campaign_id=campaign_id))
        budget = menu.addAction(self.tr("&Budget…"))
        budget.triggered.connect(lambda: self.open_budget(campaign_id=campaign_id))
        self.menu = menu
        return menu

    def show_campaign_menu(self, campaign_id: int, at: QPoint) -> QMenu:
        menu = self.campaign_menu(campaign_id)
        menu.popup(at)
        return menu

    def campaign_box(self, campaign_id: int) -> CampaignTimeBox:
        return CampaignTimeBox(self, campaign_id)

    # -- entries, the week, budgets -----------------------------------------------------------

    def add_time(
        self,
        *,
        campaign_id: int | None = None,
        day: date | None = None,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ) -> EntryDialog:
        def submit(data: EntryInput) -> None:
            self.undo_stack.push(AddEntry(self.ops, data))

        if campaign_id is None and client_id is None:
            campaign_id = self.selected_campaign()
        dialog = EntryDialog(
            self.ops,
            submit,
            day=day,
            campaign_id=campaign_id,
            client_id=client_id,
            parent=parent or self.window,
        )
        self._show(dialog)
        return dialog

    def open_week(self) -> QWidget:
        from crmdesk.ui.time.week_window import WeekWindow

        window = self.week_window
        if window is None or not shiboken6.isValid(window):
            window = WeekWindow(self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(forget(self, "week_window"))
            self.week_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def budget_selected(self) -> None:
        self.open_budget(campaign_id=self.selected_campaign())

    def open_budget(
        self,
        *,
        campaign_id: int | None = None,
        client_id: int | None = None,
        month: str | None = None,
        parent: QWidget | None = None,
    ) -> BudgetDialog:
        dialog = BudgetDialog(
            self.ops,
            self.undo_stack,
            campaign_id=campaign_id,
            client_id=client_id,
            month=month,
            parent=parent or self.window,
        )
        self._show(dialog)
        return dialog

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(forget(self, "dialog"))
        dialog.open()

    def _try_push(self, make: Callable[[], QUndoCommand]) -> QUndoCommand | None:
        try:
            command = make()
        except CrmdeskError as error:
            show_error(self.window, error)
            return None
        self.undo_stack.push(command)
        return command

    def close_windows(self) -> None:
        for child in (self.week_window, self.dialog, self.question, self.stop_question):
            if child is not None and shiboken6.isValid(child):
                child.close()
