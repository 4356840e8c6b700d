"""The cockpit's time: the week per client (the core's figures), the running timer with its
Stop button, and the budgets near their limit in amber (80 %) and red (100 %), on light and
dark palettes, each opening its budget."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crmdesk.core import clients, timesheet
from crmdesk.core.db import Workspace
from crmdesk.core.models import BudgetUnit
from crmdesk.core.timesheet import EntryInput
from crmdesk.ui.application import dark_palette
from crmdesk.ui.cockpit import CockpitPage
from crmdesk.ui.kit.styles import bad_colour, caution_colour, contrast_ratio
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.time.budget_dialog import BudgetDialog
from tests.conftest import plan


@pytest.fixture
def busy_week(workspace: Workspace, client_id: int) -> dict[str, int]:
    """Two clients' time this week: one with a daily rate of 700 €, one without; a campaign
    at 86% of its budget of one day, another over its budget."""
    today = date.today()
    with workspace.session() as session:
        nord, _ = clients.create_client(session, "Atelier Nord", daily_rate=Decimal("700"))
    near = plan(workspace, client_id, today + timedelta(days=20), name="Newsletter de Noël")
    over = plan(workspace, nord, today + timedelta(days=21), name="Soldes d'hiver")
    with workspace.session() as session:
        timesheet.add_entry(session, EntryInput(today, 6 * 60, campaign_id=near, note="BAT"))
        timesheet.add_entry(session, EntryInput(today, 3 * 60 + 30, campaign_id=over))
        timesheet.add_entry(session, EntryInput(today, 4 * 60, campaign_id=over))
        timesheet.set_budget(
            session, client_id, unit=BudgetUnit.DAYS, amount=Decimal(1), campaign_id=near
        )
        timesheet.set_budget(
            session, nord, unit=BudgetUnit.EUROS, amount=Decimal(700), campaign_id=over
        )
    return {"near": near, "over": over, "nord": nord}


@pytest.fixture
def cockpit_window(qtbot: QtBot, workspace: Workspace, busy_week: dict[str, int]) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.cockpit
    return window


def texts(section) -> list[str]:  # type: ignore[no-untyped-def]
    return [section.list.item(i).text() for i in range(section.list.count())]


def test_the_weeks_time_per_client_is_the_cores_week_totals(
    cockpit_window: MainWindow, workspace: Workspace
) -> None:
    cockpit = cockpit_window.cockpit
    with workspace.reader() as session:
        totals = timesheet.week_totals(session, date.today())
    assert [(t.client, t.minutes, t.days, t.amount) for t in totals] == [
        ("Atelier Nord", 450, Decimal("1.07"), Decimal("750.00")),
        ("Éditions Lumière", 360, Decimal("0.86"), None),
    ]
    assert texts(cockpit.time_section) == [
        "Atelier Nord — 7.50 h · 1.07 days · €750.00",
        "Éditions Lumière — 6.00 h · 0.86 days · —",
    ]
    assert cockpit.time_section.total.text() == "Week total: 13:30 (13.50 h)"
    assert cockpit.time_section.timer_label.text() == "No timer runs."
    assert not cockpit.time_section.stop_button.isVisible()


def test_budgets_near_and_over_their_limit_in_amber_and_red(
    qtbot: QtBot, cockpit_window: MainWindow, busy_week: dict[str, int]
) -> None:
    section = cockpit_window.cockpit.budget_section
    over, near = (section.list.item(i) for i in range(2))
    assert over.text().startswith("⚠ Atelier Nord — Soldes d'hiver")
    assert "€750.00 of €700.00 (107%) — over budget" in over.text()
    assert "⚠ Éditions Lumière — Newsletter de Noël" in near.text()
    assert "0.86 days of 1.00 days (86%) — near the budget" in near.text()
    assert over.foreground().color() == QColor(bad_colour())
    assert near.foreground().color() == QColor(caution_colour())
    # Enter on a budget opens its dialog, on that campaign.
    section.list.setCurrentItem(near)
    section.list.setFocus()
    qtbot.keyClick(section.list, Qt.Key.Key_Return)
    dialog = cockpit_window.time_desk.dialog
    assert isinstance(dialog, BudgetDialog)
    assert dialog.campaign_id == busy_week["near"]
    assert dialog.amount.value() == 1.0
    assert "86%" in dialog.spent.text()
    dialog.reject()


@pytest.fixture
def dark() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    app.setPalette(dark_palette())
    yield
    app.setPalette(previous)


def test_the_budget_colours_read_on_the_dark_palette(
    dark: None, qtbot: QtBot, workspace: Workspace, busy_week: dict[str, int]
) -> None:
    page = CockpitPage(cockpit_ops(workspace))
    qtbot.addWidget(page)
    page.refresh()
    base = page.budget_section.list.palette().color(QPalette.ColorRole.Base)
    for row in range(2):
        colour = page.budget_section.list.item(row).foreground().color()
        assert colour in (QColor("#f87171"), QColor("#fcd34d"))  # the dark shades
        assert contrast_ratio(colour, base) >= 4.5


def cockpit_ops(workspace: Workspace):  # type: ignore[no-untyped-def]
    from crmdesk.ui.operations import Operations

    return Operations(workspace)


def test_the_running_timer_ticks_in_the_cockpit_and_stops_there(
    qtbot: QtBot, cockpit_window: MainWindow, workspace: Workspace, busy_week: dict[str, int]
) -> None:
    started = datetime.now(UTC) - timedelta(minutes=12)
    if started.astimezone().date() != datetime.now().astimezone().date():
        pytest.skip("too close to midnight for a 12-minute run on one day")
    with workspace.session() as session:
        timesheet.start_timer(session, busy_week["over"], started)
    cockpit_window.time_desk.reload()
    cockpit_window.cockpit.refresh()
    time = cockpit_window.cockpit.time_section
    assert time.timer_label.text().startswith("Soldes d'hiver · Atelier Nord — <b>0:12:")
    assert time.stop_button.isVisible()
    qtbot.mouseClick(time.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: time.timer_label.text() == "No timer runs.")
    assert "Atelier Nord — 7.70 h" in texts(time)[0]
    with workspace.reader() as session:
        assert timesheet.running_timer(session) is None
