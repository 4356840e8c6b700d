"""The calendar as the operator uses it: dialog, drag, undo, filters, keyboard, palette."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns
from crmdesk.core.calendar import Filters
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, CampaignType
from crmdesk.ui.calendar.grid_view import GridView
from crmdesk.ui.dialogs.campaign_dialog import CampaignDialog
from crmdesk.ui.main_window import MainWindow
from tests.conftest import plan

#: The offscreen platform cannot give a popup the keyboard; a real screen does.
OFFSCREEN_POPUP = "This plugin does not support grabbing the keyboard"


def send_day(workspace: Workspace, campaign_id: int) -> date:
    with workspace.session() as session:
        return campaigns.load(session, campaign_id).send_date


def chip_centre(view: GridView, campaign_id: int) -> QPoint:
    view.repaint()  # chips are laid out while painting
    chip = next(c for c in view._chips if c.entry.id == campaign_id)
    return chip.rect.center()


def cell_centre(view: GridView, day: date) -> QPoint:
    return view.cell_rect((day - view.first_day).days).center()


def drag(qtbot: QtBot, view: GridView, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, (start + end) / 2)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)


def open_new_dialog(qtbot: QtBot, window: MainWindow) -> CampaignDialog:
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    assert window.dialog is not None
    return window.dialog


def test_creating_a_campaign_through_the_dialog_puts_it_on_the_calendar(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    window.calendar.month_view.selected_day = date(2026, 7, 21)
    dialog = open_new_dialog(qtbot, window)
    assert dialog.send_date.date().toPython() == date(2026, 7, 21)
    qtbot.keyClicks(dialog.name, "Back to school")
    dialog.send_time.setTime(dialog.send_time.time().fromString("08:30", "HH:mm"))
    dialog.segments.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.dialog is None)
    with workspace.session() as session:
        rows = [r for r in campaigns.list_campaigns(session) if r.name == "Back to school"]
    assert len(rows) == 1
    assert rows[0].send_at.date() == date(2026, 7, 21)
    assert rows[0].send_at.time() == time(8, 30)
    entries = window.calendar.month_view.period.by_day[date(2026, 7, 21)]
    assert [e.name for e in entries] == ["Back to school"]
    assert window.calendar.month_view.selected_id == rows[0].id


def test_a_campaign_without_a_name_is_refused_in_the_dialog_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    with workspace.session() as session:
        before = len(campaigns.list_campaigns(session))
    dialog = open_new_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name, "   ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.banner.isVisible()
    assert "name" in dialog.banner.text()
    assert dialog.name.styleSheet()  # the field is outlined
    with workspace.session() as session:
        assert len(campaigns.list_campaigns(session)) == before
    assert window.undo_stack.count() == 0
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()


def test_dragging_a_campaign_to_another_day_reschedules_it_and_undo_redo_replay_it(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    view = window.calendar.month_view
    campaign_id = july_campaigns["newsletter"]
    drag(qtbot, view, chip_centre(view, campaign_id), cell_centre(view, date(2026, 7, 16)))

    assert send_day(workspace, campaign_id) == date(2026, 7, 16)
    assert [e.id for e in view.period.by_day[date(2026, 7, 16)]] == [campaign_id]
    with workspace.session() as session:
        assert campaigns.load(session, campaign_id).send_time == time(10, 0)  # time kept

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert send_day(workspace, campaign_id) == date(2026, 7, 7)
    assert date(2026, 7, 16) not in view.period.by_day

    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert send_day(workspace, campaign_id) == date(2026, 7, 16)


def test_dragging_a_campaign_onto_a_holiday_warns(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    view = window.calendar.month_view
    campaign_id = july_campaigns["promo"]
    drag(qtbot, view, chip_centre(view, campaign_id), cell_centre(view, date(2026, 7, 14)))

    assert send_day(workspace, campaign_id) == date(2026, 7, 14)
    assert "holiday" in window.statusBar().currentMessage()
    moved = next(e for e in view.period.entries if e.id == campaign_id)
    assert moved.holiday  # the chip carries the holiday badge
    assert view.period.holidays[date(2026, 7, 14)]


def test_a_drag_that_breaks_a_rule_is_refused_and_the_campaign_stays(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    client_id: int,
    july_campaigns: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    relance = plan(
        workspace,
        client_id,
        date(2026, 7, 10),
        name="Relance soldes",
        type=CampaignType.RELANCE,
        parent_id=july_campaigns["promo"],
    )
    window.reload_action.trigger()
    shown: list[str] = []
    monkeypatch.setattr(
        "crmdesk.ui.operations.QMessageBox.warning",
        lambda parent, title, text: shown.append(text),
    )
    view = window.calendar.month_view
    drag(qtbot, view, chip_centre(view, relance), cell_centre(view, date(2026, 7, 8)))

    assert send_day(workspace, relance) == date(2026, 7, 10)
    assert shown and "after the campaign it follows" in shown[0]
    assert window.undo_stack.count() == 0


def test_deleting_and_duplicating_are_undoable(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    view = window.calendar.month_view
    view.setFocus()
    view.select_campaign(july_campaigns["promo"])
    window.duplicate_action.trigger()
    with workspace.session() as session:
        names = [r.name for r in campaigns.list_campaigns(session)]
    assert names.count("Soldes d'été") == 2
    copy = next(e for e in view.period.by_day[date(2026, 7, 16)])
    assert copy.status is CampaignStatus.DRAFT

    view.select_campaign(july_campaigns["promo"])
    window.delete_action.trigger()
    with workspace.session() as session:
        assert july_campaigns["promo"] not in {r.id for r in campaigns.list_campaigns(session)}
    window.undo_action.trigger()
    with workspace.session() as session:
        assert july_campaigns["promo"] in {r.id for r in campaigns.list_campaigns(session)}
    window.undo_action.trigger()  # the duplicate goes away
    with workspace.session() as session:
        names = [r.name for r in campaigns.list_campaigns(session)]
    assert names.count("Soldes d'été") == 1


def test_editing_a_campaign_and_undoing_restores_every_field(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    campaign_id = july_campaigns["promo"]
    window.open_campaign(campaign_id)
    dialog = window.dialog
    assert dialog is not None and dialog.name.text() == "Soldes d'été"
    dialog.name.setText("Soldes d'été – dernière démarque")
    dialog.status.setCurrentIndex(dialog.status.findData(CampaignStatus.BAT))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with workspace.session() as session:
        edited = campaigns.load(session, campaign_id)
    assert edited.name == "Soldes d'été – dernière démarque"
    assert edited.status is CampaignStatus.BAT

    window.undo_action.trigger()
    with workspace.session() as session:
        restored = campaigns.load(session, campaign_id)
    assert restored.name == "Soldes d'été"
    assert restored.status is CampaignStatus.DRAFT


def test_client_and_status_filters_hide_campaigns(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    view = window.calendar.month_view
    assert len(view.period.entries) == 2
    for button in window.calendar._client_buttons.values():
        button.click()
    assert view.period.entries == []
    for button in window.calendar._client_buttons.values():
        button.click()
    assert len(view.period.entries) == 2

    window.calendar.set_filters(Filters(statuses=frozenset({CampaignStatus.SENT})))
    assert view.period.entries == []
    menu = window.calendar.status_button.menu()
    draft = next(a for a in menu.actions() if a.data() == CampaignStatus.DRAFT)
    window.calendar.set_filters(Filters())
    draft.setChecked(False)
    assert view.period.entries == []
    assert "(8)" in window.calendar.status_button.text()


def test_keyboard_moves_between_periods_and_opens_the_selected_campaign(
    qtbot: QtBot, window: MainWindow, july_campaigns: dict[str, int]
) -> None:
    window.activateWindow()
    view = window.calendar.month_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert window.calendar.title.text() == "August 2026"
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert window.calendar.title.text() == "July 2026"

    view.selected_day = date(2026, 7, 6)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_day == date(2026, 7, 7)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is not None)
    assert window.dialog.name.text() == "Newsletter juillet"
    window.dialog.reject()

    qtbot.keyClick(window, Qt.Key.Key_T)
    assert window.calendar.anchor == date.today()


def test_week_and_agenda_views_show_the_same_campaigns(
    qtbot: QtBot, window: MainWindow, july_campaigns: dict[str, int]
) -> None:
    window.calendar.go_to(date(2026, 7, 8))
    window.calendar.set_mode("week")
    assert window.calendar.title.text().startswith("Week 28")
    assert {e.id for e in window.calendar.week_view.period.entries} == set(july_campaigns.values())
    window.calendar.set_mode("agenda")
    model = window.calendar.agenda_view.agenda
    assert model.rowCount() == 2
    assert model.data(model.index(0, 2)) == "Newsletter juillet"


def test_the_calendar_follows_a_dark_palette(qtbot: QtBot, window: MainWindow) -> None:
    view = window.calendar.month_view
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.AlternateBase, QColor("#262626"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    view.setPalette(dark)
    empty_day = view.cell_rect((date(2026, 7, 2) - view.first_day).days)
    pixel = view.grab().toImage().pixelColor(empty_day.center())
    assert pixel.lightnessF() < 0.2


def test_the_next_month_read_ahead_never_shows_a_campaign_where_it_was(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    page = window.calendar
    page.ops.wait_for_background()
    qtbot.waitUntil(lambda: not page._prefetching)
    view = page.month_view
    campaign_id = july_campaigns["promo"]
    # The July grid ends on Sunday 9 August: drag the promo there, then page to August.
    drag(qtbot, view, chip_centre(view, campaign_id), cell_centre(view, date(2026, 8, 6)))
    page.ops.wait_for_background()
    qtbot.waitUntil(lambda: not page._prefetching)
    page.step(1)
    assert page.title.text() == "August 2026"
    assert [e.id for e in view.period.by_day[date(2026, 8, 6)]] == [campaign_id]
    page.step(-1)
    assert date(2026, 7, 9) not in view.period.by_day


@pytest.mark.qt_log_ignore(OFFSCREEN_POPUP)
def test_clicking_more_on_a_crowded_day_lists_every_campaign_and_opens_one(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    crowded = date(2026, 7, 22)
    names = [f"Relance {n}" for n in range(1, 9)]
    planned = {
        plan(workspace, client_id, crowded, name=name, at=time(8 + n, 0)): name
        for n, name in enumerate(names)
    }
    window.resize(1280, 720)  # a laptop: a month cell holds three or four chips
    window.calendar.reload()
    view = window.calendar.month_view
    view.repaint()
    shown = {c.entry.id for c in view._chips if c.entry.day == crowded}
    assert shown < set(planned), "the day must be more than its cell holds"
    more = view.more_rect(crowded)
    assert more is not None

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=more.center())

    qtbot.waitUntil(lambda: view.day_popup is not None and view.day_popup.isVisible())
    popup = view.day_popup
    assert popup is not None
    assert set(popup.buttons) == set(planned)  # every campaign, the hidden ones too
    hidden = next(cid for cid in planned if cid not in shown)
    assert planned[hidden] in popup.buttons[hidden].text()
    qtbot.mouseClick(popup.buttons[hidden], Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    assert window.dialog is not None
    assert window.dialog.name.text() == planned[hidden]
    assert view.selected_id == hidden
    assert view.day_popup is None or not view.day_popup.isVisible()


@pytest.mark.qt_log_ignore(OFFSCREEN_POPUP)
def test_a_crowded_day_popup_leads_to_its_week(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, client_id: int
) -> None:
    crowded = date(2026, 7, 22)
    for n in range(8):
        plan(workspace, client_id, crowded, name=f"Relance {n}", at=time(8 + n, 0))
    window.resize(1280, 720)
    window.calendar.reload()
    view = window.calendar.month_view
    view.repaint()
    more = view.more_rect(crowded)
    assert more is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=more.center())
    qtbot.waitUntil(lambda: view.day_popup is not None and view.day_popup.isVisible())
    assert view.day_popup is not None
    qtbot.mouseClick(view.day_popup.week_button, Qt.MouseButton.LeftButton)

    assert window.calendar.mode == "week"
    assert window.calendar.week_view.first_day <= crowded <= window.calendar.week_view.last_day
    assert window.calendar.week_view.selected_day == crowded
