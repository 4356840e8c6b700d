"""The windows on a laptop screen (1280×720): each fits, and what the operator acts with stays in
sight: the report's Save and Send, the charters' Save, the checklist's headers and findings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, CheckRun
from crmdesk.ui.brief.editor import BriefEditor
from crmdesk.ui.checklist.charters_dialog import ChartersDialog
from crmdesk.ui.checklist.window import ChecklistWindow
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.operations import Operations
from crmdesk.ui.reports.export_dialog import ReportRequest, ReportWindow
from crmdesk.ui.reports.review_dialog import ReviewDialog
from crmdesk.ui.reports.send_dialog import RecapSendDialog
from crmdesk.ui.reports.settings_dialog import ReportSettingsDialog
from tests.ui.test_reports_ui import analysed_campaign, wait_for_preview

LAPTOP = QSize(1280, 720)


def laptop_size() -> QSize:
    """1280×720, or the test screen's available area if smaller."""
    screen = QApplication.primaryScreen()
    return LAPTOP.boundedTo(screen.availableGeometry().size())


def on_laptop(qtbot: QtBot, window: QWidget) -> QWidget:
    """Show ``window`` and size it to the laptop's screen, as a window manager would."""
    qtbot.addWidget(window)
    window.show()
    window.resize(laptop_size())
    qtbot.waitUntil(lambda: window.isVisible())
    QApplication.processEvents()
    assert window.height() <= LAPTOP.height(), "its minimum height is taller than the screen"
    assert window.width() <= LAPTOP.width()
    return window


def in_sight(window: QWidget, widget: QWidget) -> bool:
    """``widget`` is shown whole inside ``window`` (not scrolled or pushed out of it)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return (
        widget.isVisible()
        and window.rect().contains(QRect(top_left, widget.size()))
        and not widget.visibleRegion().isEmpty()
    )


def checked_campaign(workspace: Workspace) -> int:
    with workspace.reader() as session:
        return session.scalars(select(CheckRun.campaign_id).order_by(CheckRun.id.desc())).first()


def client_of(workspace: Workspace, campaign_id: int) -> int:
    with workspace.reader() as session:
        return session.get(Campaign, campaign_id).client_id


def test_the_report_window_fits_a_laptop_with_save_and_send_in_sight(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    report = ReportWindow(
        Operations(demo_workspace),
        ReportRequest.recap(analysed_campaign(demo_workspace)),
        who="claire",
    )
    # Opened within the screen it is on, not at 900×1000.
    assert report.height() <= QApplication.primaryScreen().availableGeometry().height()
    on_laptop(qtbot, report)
    wait_for_preview(qtbot, report)
    QApplication.processEvents()
    assert in_sight(report, report.save_button)
    assert in_sight(report, report.send_button)
    assert report.save_button.isEnabled() and report.send_button.isEnabled()
    # The pages scroll inside the preview; the buttons are outside what scrolls.
    assert not report.view.isAncestorOf(report.save_button)
    assert report.view.verticalScrollBar().maximum() > 0


@pytest.mark.parametrize("which", ["review", "settings", "send"])
def test_the_report_dialogs_fit_a_laptop_with_their_buttons_in_sight(
    qtbot: QtBot, demo_workspace: Workspace, which: str
) -> None:
    ops = Operations(demo_workspace)
    campaign = analysed_campaign(demo_workspace)
    dialog: QWidget
    if which == "review":
        dialog = ReviewDialog(ops, client_of(demo_workspace, campaign))
    elif which == "settings":
        dialog = ReportSettingsDialog(ops)
    else:
        dialog = RecapSendDialog(ops, campaign, b"%PDF-1.4", "recap.pdf", who="claire")
    on_laptop(qtbot, dialog)
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    assert buttons
    for button in buttons:
        if not any(isinstance(a, QAbstractScrollArea) for a in ancestors(button, dialog)):
            assert in_sight(dialog, button), button.text()


def ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def test_the_checklist_window_fits_a_laptop_and_its_headers_are_whole(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    window = ChecklistWindow(Operations(demo_workspace), checked_campaign(demo_workspace))
    on_laptop(qtbot, window)
    assert window.run is not None and window.findings.topLevelItemCount() > 0
    for tree in (window.tree, window.findings):
        assert in_sight(window, tree)
        head = tree.header()
        for column in range(tree.columnCount()):
            if head.sectionResizeMode(column) == head.ResizeMode.Stretch:
                continue
            assert head.sectionSize(column) >= head.sectionSizeHint(column), tree.headerItem().text(
                column
            )
    # Every check id of the findings is whole or in its row's tooltip.
    for index in range(window.findings.topLevelItemCount()):
        group = window.findings.topLevelItem(index)
        for child in (group.child(i) for i in range(group.childCount())):
            metrics = window.findings.fontMetrics()
            fits = metrics.horizontalAdvance(child.text(2)) <= window.findings.columnWidth(2)
            assert fits or child.text(2) in child.toolTip(2) or child.toolTip(2)
    for button in (window.check_button, window.done_button, window.comment_button):
        assert in_sight(window, button)


def test_the_charters_dialog_fits_a_laptop_with_save_in_sight(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    campaign = checked_campaign(demo_workspace)
    dialog = ChartersDialog(
        Operations(demo_workspace), client_of(demo_workspace, campaign), "Maison Verlaine"
    )
    on_laptop(qtbot, dialog)
    dialog.resize(720, laptop_size().height() - 80)  # a window manager's title bar and panel
    QApplication.processEvents()
    assert dialog.height() <= LAPTOP.height() - 80
    for button in dialog.buttons.buttons():
        assert in_sight(dialog, button)


def test_the_brief_editor_and_the_main_window_fit_a_laptop(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    main = MainWindow(demo_workspace)
    with qtbot.waitSignal(main.ready, timeout=5000):
        on_laptop(qtbot, main)
    assert in_sight(main, main.calendar.month_view)
    editor = BriefEditor(main.ops, checked_campaign(demo_workspace))
    on_laptop(qtbot, editor)
    assert in_sight(editor, editor.pdf_button)
    assert in_sight(editor, editor.score)
    editor.close()
