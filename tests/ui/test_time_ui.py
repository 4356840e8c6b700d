"""Time as the operator tracks it: the status-bar timer (started from the calendar's menu and
the shortcut, surviving a restart, stopped and undone), the midnight question, the time spent
by week and by month driven with the keyboard, and budgets in the campaign dialog."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crmdesk.core import clients, timesheet
from crmdesk.core.db import Workspace
from crmdesk.core.models import BudgetUnit
from crmdesk.core.timesheet import EntryInput
from crmdesk.ui.kit.styles import caution_colour
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.reports.statement_dialog import StatementDialog
from crmdesk.ui.time.entry_dialog import EntryDialog, StopQuestion
from crmdesk.ui.time.formats import days_text, euros, hours_text
from crmdesk.ui.time.week_window import BUDGET, DAY_ROLE, WeekWindow, add_months
from tests.ui.test_calendar import chip_centre

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MENU_POPUP = "does not support grabbing the keyboard"


def right_click_chip(window: MainWindow, campaign_id: int) -> QMenu:
    """A right-click on the campaign's chip of the month: the menu it opens."""
    view = window.calendar.month_view
    at = chip_centre(view, campaign_id)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.mapToGlobal(at))
    QApplication.sendEvent(view, event)
    menu = window.time_desk.menu
    assert menu is not None and menu.isVisible()
    return menu


def click_action(qtbot: QtBot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    assert action.isEnabled(), text
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def timer_text(window: MainWindow) -> str:
    button = window.time_desk.timer_button
    return button.text() if button.isVisible() else ""


def running(workspace: Workspace) -> timesheet.RunningTimerInfo | None:
    with workspace.reader() as session:
        return timesheet.running_timer(session)


def entries(workspace: Workspace) -> list[timesheet.EntryRow]:
    with workspace.reader() as session:
        return timesheet.entries_between(session, date(2000, 1, 1), date(2100, 1, 1))


def start_at(workspace: Workspace, campaign_id: int, started: datetime) -> None:
    with workspace.session() as session:
        timesheet.start_timer(session, campaign_id, started)


def open_week(qtbot: QtBot, window: MainWindow) -> WeekWindow:
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    week = window.time_desk.week_window
    assert isinstance(week, WeekWindow)
    qtbot.waitUntil(week.isVisible)
    qtbot.waitUntil(week.isActiveWindow)
    return week


def dialog_of(window: MainWindow) -> QWidget:
    dialog = window.time_desk.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.qt_log_ignore(MENU_POPUP)
def test_a_timer_started_from_the_calendar_ticks_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    assert timer_text(window) == ""
    menu = right_click_chip(window, july_campaigns["newsletter"])
    click_action(qtbot, menu, "Start timer here")
    qtbot.waitUntil(lambda: timer_text(window) != "")
    first = timer_text(window)
    assert first.startswith("Newsletter juillet · Éditions Lumière — 0:00:0")
    qtbot.waitUntil(lambda: timer_text(window) != first, timeout=3000)  # it ticks
    assert timer_text(window) > first
    found = running(workspace)
    assert found is not None and found.campaign_id == july_campaigns["newsletter"]


@pytest.mark.qt_log_ignore(MENU_POPUP)
def test_the_shortcut_stops_into_an_entry_of_the_week_and_ctrl_z_restarts_the_timer(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    promo = july_campaigns["promo"]
    view = window.calendar.month_view
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=chip_centre(view, promo))
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "Soldes d'été" in timer_text(window))
    # Pretend it started 25 minutes ago (the same day), as a row rewritten by hand would.
    with workspace.session() as session:
        timesheet.stop_timer(session, datetime.now(UTC), discard=True)
    started = datetime.now(UTC) - timedelta(minutes=25)
    if started.astimezone().date() != datetime.now().astimezone().date():
        pytest.skip("too close to midnight for a 25-minute run on one day")
    start_at(workspace, promo, started)
    window.time_desk.reload()

    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)  # stops it
    qtbot.waitUntil(lambda: timer_text(window) == "")
    assert running(workspace) is None
    [entry] = entries(workspace)
    assert (entry.campaign_id, entry.minutes) == (promo, 25)

    week = open_week(qtbot, window)
    texts = [
        week.tree.topLevelItem(d).child(c).text(1)
        for d in range(7)
        for c in range(week.tree.topLevelItem(d).childCount())
    ]
    assert texts == ["Soldes d'été"]
    assert "0:25" in week.week_total.text()

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Soldes d'été" in timer_text(window))
    assert entries(workspace) == []
    again = running(workspace)
    assert again is not None and abs((again.started_at - started).total_seconds()) < 1
    assert "0:25:" in timer_text(window)  # from its real start, not from the undo
    assert sum(week.tree.topLevelItem(d).childCount() for d in range(7)) == 0


def test_a_restarted_window_shows_the_timer_with_its_real_elapsed_time(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    start_at(workspace, july_campaigns["newsletter"], datetime.now(UTC) - timedelta(minutes=65))
    window.close()
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.ready, timeout=5000):
        again.show()
    assert timer_text(again).startswith("Newsletter juillet · Éditions Lumière — 1:05:")


@pytest.mark.parametrize("answer", ["cancel", "bill", "discard"])
def test_a_timer_left_running_for_three_days_is_asked_never_billed_silently(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    july_campaigns: dict[str, int],
    answer: str,
) -> None:
    started = datetime.now(UTC) - timedelta(days=3, minutes=7)
    start_at(workspace, july_campaigns["newsletter"], started)
    window.time_desk.reload()
    assert timer_text(window).split("— ")[1].startswith("72:0")

    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    question = window.time_desk.stop_question
    assert isinstance(question, StopQuestion)
    qtbot.waitUntil(question.isVisible)
    assert "ran for 72:07:00" in question.explanation.text()
    # The proposal is at most a working day (7 h) of the day it started.
    proposed = question.duration.text()
    hours, minutes = proposed.split(":")
    assert 0 < int(hours) * 60 + int(minutes) <= 7 * 60

    if answer == "cancel":
        qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.time_desk.stop_question is None)
        assert running(workspace) is not None
        assert entries(workspace) == []
        assert timer_text(window) != ""
        return
    if answer == "discard":
        qtbot.mouseClick(question.discard_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: running(workspace) is None)
        assert entries(workspace) == []
        return
    question.duration.clear()
    qtbot.keyClicks(question.duration, "30:00")  # more than a day: refused in place
    qtbot.mouseClick(question.bill_button, Qt.MouseButton.LeftButton)
    assert question.isVisible() and question.problem.isVisible()
    assert running(workspace) is not None
    question.duration.clear()
    qtbot.keyClicks(question.duration, "6:30")
    qtbot.keyClick(question.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: running(workspace) is None)
    [entry] = entries(workspace)
    assert entry.minutes == 390
    assert entry.worked_on == started.astimezone().date()  # billed on the day it started
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: running(workspace) is not None)
    assert entries(workspace) == []


@pytest.mark.qt_log_ignore(MENU_POPUP)
def test_starting_while_another_runs_asks_to_stop_it_first(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    start_at(workspace, july_campaigns["newsletter"], datetime.now(UTC) - timedelta(minutes=3))
    window.time_desk.reload()
    menu = right_click_chip(window, july_campaigns["promo"])
    click_action(qtbot, menu, "Start timer here")
    box = window.time_desk.question
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert "Stop the timer on “Newsletter juillet” (0:03) and start one on “Soldes d'été”?" in (
        box.text()
    )
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert isinstance(yes, QPushButton)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Soldes d'été" in timer_text(window))
    [entry] = entries(workspace)
    assert (entry.campaign_id, entry.minutes) == (july_campaigns["newsletter"], 3)
    # One Ctrl+Z undoes the switch: the first timer runs again, nothing entered.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Newsletter juillet" in timer_text(window))
    assert entries(workspace) == []


def test_the_week_of_entries_adds_corrects_and_deletes_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    monday, _sunday = timesheet.week_of(date.today())
    with workspace.session() as session:
        timesheet.add_entry(
            session,
            EntryInput(monday, 90, campaign_id=july_campaigns["newsletter"], phase="production"),
        )
    week = open_week(qtbot, window)
    assert week.tree.topLevelItem(0).text(3) == "1:30"
    assert [week.by_client.item(0, c).text() for c in range(4)] == [
        "Éditions Lumière",
        "1.50",
        "0.21",
        "—",  # no daily rate
    ]
    # Add on Tuesday: select the day, Ins, type, Enter.
    week.tree.setCurrentItem(week.tree.topLevelItem(1))
    week.tree.setFocus()
    qtbot.keyClick(week.tree, Qt.Key.Key_Insert)
    dialog = dialog_of(window)
    assert isinstance(dialog, EntryDialog)
    assert dialog.worked_on.date().toPython() == monday + timedelta(days=1)
    qtbot.keyClicks(dialog.duration, "2h15")
    dialog.campaign.setCurrentIndex(dialog.campaign.findData(july_campaigns["promo"]))
    qtbot.keyClicks(dialog.note, "Relecture BAT")
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: week.tree.topLevelItem(1).childCount() == 1)
    tuesday = week.tree.topLevelItem(1).child(0)
    assert [tuesday.text(c) for c in (1, 3, 4)] == ["Soldes d'été", "2:15", "Relecture BAT"]
    assert "3:45" in week.week_total.text()

    # Correct it: Enter on the entry, a new duration.
    week.tree.setCurrentItem(tuesday)
    qtbot.keyClick(week.tree, Qt.Key.Key_Return)
    dialog = dialog_of(window)
    assert isinstance(dialog, EntryDialog) and dialog.duration.text() == "2:15"
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "1:00")
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: week.tree.topLevelItem(1).child(0).text(3) == "1:00")

    # A 30-hour entry is refused in the dialog, nothing written.
    week.tree.setCurrentItem(week.tree.topLevelItem(1).child(0))
    qtbot.keyClick(week.tree, Qt.Key.Key_Return)
    dialog = dialog_of(window)
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "30:00")
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert "24 h" in dialog.banner.text()
    dialog.reject()
    assert week.tree.topLevelItem(1).child(0).text(3) == "1:00"

    # Delete it with Del; Ctrl+Z in the week window brings it back.
    week.tree.setCurrentItem(week.tree.topLevelItem(1).child(0))
    qtbot.keyClick(week.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: week.tree.topLevelItem(1).childCount() == 0)
    assert len(entries(workspace)) == 1
    qtbot.keyClick(week.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: week.tree.topLevelItem(1).childCount() == 1)

    # The weeks turn with Page Down / Alt+Left.
    qtbot.keyClick(week.tree, Qt.Key.Key_PageDown)
    assert week.monday == monday + timedelta(days=7)
    assert week.tree.topLevelItem(1).childCount() == 0
    qtbot.keyClick(week.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert week.monday == monday


def test_a_budget_at_80_percent_warns_in_the_campaign_dialog(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    newsletter = july_campaigns["newsletter"]
    with workspace.session() as session:
        timesheet.add_entry(session, EntryInput(date(2026, 7, 6), 6 * 60, campaign_id=newsletter))
    window.open_campaign(newsletter)
    dialog = window.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    box = dialog.time_box
    assert box is not None
    assert "6:00" in box.spent.text()
    assert box.budget.text() == "No budget"
    qtbot.mouseClick(box.budget_button, Qt.MouseButton.LeftButton)
    budget = window.time_desk.dialog
    assert budget is not None
    qtbot.waitUntil(budget.isVisible)
    budget.amount.selectAll()
    qtbot.keyClicks(budget.amount, "1")
    qtbot.mouseClick(budget.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "⚠" in box.budget.text())
    assert "86%" in box.budget.text() and "near the budget" in box.budget.text()
    with workspace.reader() as session:
        use = timesheet.campaign_budget(session, newsletter)
    assert use is not None and (use.unit, use.amount) == (BudgetUnit.DAYS, Decimal("1.00"))
    # Ctrl+Z takes the budget away again.
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: box.budget.text() == "No budget")


def test_the_timer_button_of_the_campaign_dialog_starts_and_stops(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    window.open_campaign(july_campaigns["promo"])
    dialog = window.dialog
    assert dialog is not None and dialog.time_box is not None
    button = dialog.time_box.timer_button
    assert button.text() == "Start timer"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.text() == "Stop timer")
    assert "Soldes d'été" in timer_text(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.text() == "Start timer")
    assert running(workspace) is None


def test_hours_per_day_is_a_workspace_setting_in_the_preferences(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    dialog = window.open_preferences()
    assert dialog.hours_per_day is not None and dialog.hours_per_day.value() == 7
    dialog.hours_per_day.selectAll()
    qtbot.keyClicks(dialog.hours_per_day, "8")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    with workspace.reader() as session:
        assert timesheet.hours_per_day(session) == Decimal("8")


def test_export_statement_opens_on_the_filtered_client_and_the_weeks_month(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, client_id: int
) -> None:
    week = open_week(qtbot, window)
    week.client.setCurrentIndex(week.client.findData(client_id))
    qtbot.keyClick(week.tree, Qt.Key.Key_PageDown)  # the next week, maybe the next month
    assert week.statement_button.isEnabled()
    qtbot.mouseClick(week.statement_button, Qt.MouseButton.LeftButton)
    dialog = week.statement_dialog
    assert isinstance(dialog, StatementDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.client.currentData() == client_id
    assert dialog.month.currentData() == week.monday.replace(day=1)
    dialog.reject()


@pytest.mark.qt_log_ignore(MENU_POPUP)
def test_a_click_on_the_status_bar_timer_cancels_it_without_entering_time(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    start_at(workspace, july_campaigns["promo"], datetime.now(UTC) - timedelta(minutes=2))
    window.time_desk.reload()
    qtbot.mouseClick(window.time_desk.timer_button, Qt.MouseButton.LeftButton)
    menu = window.time_desk.menu
    assert menu is not None and menu.isVisible()
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Stop and enter the time",
        "Switch to another campaign…",
        "Cancel the timer (enter nothing)",
    ]
    click_action(qtbot, menu, "Cancel the timer (enter nothing)")
    qtbot.waitUntil(lambda: timer_text(window) == "")
    assert running(workspace) is None and entries(workspace) == []


@pytest.mark.qt_log_ignore(MENU_POPUP)
def test_the_agendas_right_click_offers_the_time_of_its_campaign(
    qtbot: QtBot, window: MainWindow, july_campaigns: dict[str, int]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    agenda = window.calendar.agenda_view
    row = next(
        r
        for r in range(agenda.agenda.rowCount())
        if agenda.agenda.entries[r].id == july_campaigns["promo"]
    )
    at = agenda.visualRect(agenda.agenda.index(row, 2)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, agenda.viewport().mapToGlobal(at))
    QApplication.sendEvent(agenda.viewport(), event)
    menu = window.time_desk.menu
    assert menu is not None and menu.isVisible()
    click_action(qtbot, menu, "Add time…")
    dialog = dialog_of(window)
    assert isinstance(dialog, EntryDialog)
    assert dialog.campaign.currentData() == july_campaigns["promo"]
    dialog.reject()


ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def month_title(first: date) -> str:
    return f"Month of {ENGLISH_MONTHS[first.month - 1]} {first.year}"


def top_days(week: WeekWindow) -> list[date]:
    items = [week.tree.topLevelItem(i) for i in range(week.tree.topLevelItemCount())]
    return [item.data(0, DAY_ROLE) for item in items]


def client_rows(week: WeekWindow) -> list[list[str]]:
    table = week.by_client
    return [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]


def test_by_month_the_days_worked_and_each_clients_totals_and_month_budget(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    first = date.today().replace(day=1)
    key = f"{first:%Y-%m}"
    before = first - timedelta(days=1)
    with workspace.session() as session:
        brun, _ = clients.create_client(session, "Atelier Brun", daily_rate=Decimal("600"))
        newsletter = july_campaigns["newsletter"]
        timesheet.add_entry(session, EntryInput(first, 90, campaign_id=newsletter))
        timesheet.add_entry(session, EntryInput(first + timedelta(days=14), 200, client_id=brun))
        timesheet.add_entry(
            session, EntryInput(first + timedelta(days=15), 95, client_id=brun, note="Relecture")
        )
        timesheet.add_entry(session, EntryInput(before, 60, campaign_id=newsletter, note="Avant"))
        timesheet.add_entry(session, EntryInput(add_months(first, 1), 30, client_id=brun))
        # 4.91 h = 0.70 day of a 0.80-day budget: 88 %, near it.
        timesheet.set_budget(session, brun, unit=BudgetUnit.DAYS, amount=Decimal("0.8"), month=key)
    week = open_week(qtbot, window)
    assert week.windowTitle() == "Time spent"
    assert week.by_client.isColumnHidden(BUDGET)

    qtbot.mouseClick(week.month_button, Qt.MouseButton.LeftButton)
    assert week.month_button.isChecked() and not week.week_button.isChecked()
    assert week.title.text() == month_title(first)
    assert week.today_button.text() == "This month"
    # Only the days worked, from two different weeks; not the month's 28 to 31 days.
    days = [first, first + timedelta(days=14), first + timedelta(days=15)]
    assert top_days(week) == days
    assert len({timesheet.week_of(d) for d in days}) == 2
    assert week.tree.topLevelItem(2).child(0).text(4) == "Relecture"
    assert week.week_total.text() == "Month total: 6:25 (6.41 h)"

    with workspace.reader() as session:
        totals = timesheet.totals_between(session, *timesheet.month_range(key))
    assert client_rows(week) == [
        [t.client, hours_text(t.hours), days_text(t.days), euros(t.amount)] for t in totals
    ]
    assert client_rows(week) == [
        ["Atelier Brun", "4.91", "0.70", "€420.86"],
        ["Éditions Lumière", "1.50", "0.21", "—"],
    ]
    assert not week.by_client.isColumnHidden(BUDGET)
    budget = week.by_client.item(0, BUDGET)
    assert budget.text() == "⚠ 0.70 days of 0.80 days (88%)"
    assert budget.foreground().color().name() == QColor(caution_colour()).name()
    assert budget.toolTip() == "near the budget"
    assert week.by_client.item(1, BUDGET).text() == ""  # no budget for Lumière

    # The previous month with the keyboard: its one day, its own totals, no budget.
    qtbot.keyClick(week.tree, Qt.Key.Key_PageUp)
    assert week.title.text() == month_title(before.replace(day=1))
    assert top_days(week) == [before]
    assert week.tree.topLevelItem(0).child(0).text(4) == "Avant"
    assert client_rows(week) == [["Éditions Lumière", "1.00", "0.14", "—"]]
    qtbot.keyClick(week.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert week.title.text() == month_title(first)

    # Back to the week (Alt+W) of the entry selected: seven days again, by week.
    week.tree.setCurrentItem(week.tree.topLevelItem(1).child(0))
    qtbot.keyClick(week.tree, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(week.week_button.isChecked)  # a mnemonic animates the click
    monday, sunday = timesheet.week_of(first + timedelta(days=14))
    assert (week.monday, week.sunday) == (monday, sunday)
    assert top_days(week) == [monday + timedelta(days=d) for d in range(7)]
    assert week.title.text().startswith("Week of ")
    assert week.today_button.text() == "This week"
    assert week.by_client.isColumnHidden(BUDGET)
    assert week.week_total.text().startswith("Week total: ")
    selected = week.tree.currentItem()
    assert selected is not None and selected.data(0, DAY_ROLE) == first + timedelta(days=14)
    qtbot.keyClick(week.tree, Qt.Key.Key_PageDown)
    assert week.monday == monday + timedelta(days=7)


def test_an_empty_month_says_so_and_adds_on_its_first_day(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    week = open_week(qtbot, window)
    qtbot.keyClick(week.tree, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(week.month_button.isChecked)  # a mnemonic animates the click
    qtbot.keyClick(week.tree, Qt.Key.Key_PageDown)
    assert week.tree.topLevelItemCount() == 1
    assert week.tree.topLevelItem(0).text(0) == "No time entered this month."
    assert week.week_total.text() == "Month total: 0:00 (0.00 h)"
    qtbot.keyClick(week.tree, Qt.Key.Key_Insert)
    dialog = dialog_of(window)
    assert isinstance(dialog, EntryDialog)
    assert dialog.worked_on.date().toPython() == add_months(date.today().replace(day=1), 1)
    dialog.reject()


def test_export_statement_opens_on_the_month_shown(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, client_id: int
) -> None:
    week = open_week(qtbot, window)
    week.client.setCurrentIndex(week.client.findData(client_id))
    qtbot.mouseClick(week.month_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(week.tree, Qt.Key.Key_PageUp)
    qtbot.keyClick(week.tree, Qt.Key.Key_PageUp)
    qtbot.mouseClick(week.statement_button, Qt.MouseButton.LeftButton)
    dialog = week.statement_dialog
    assert isinstance(dialog, StatementDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.month.currentData() == add_months(date.today().replace(day=1), -2)
    dialog.reject()
