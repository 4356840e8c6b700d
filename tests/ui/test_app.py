"""Start-up and the cockpit: one writer per workspace, today's work one click from its campaign."""

from __future__ import annotations

import argparse
import hashlib
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus
from crmdesk.ui.application import run_gui
from crmdesk.ui.main_window import MainWindow
from tests.conftest import plan


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_second_crmdesk_on_the_same_workspace_is_told_so_and_writes_nothing(
    qtbot: QtBot, workspace: Workspace, capsys
) -> None:
    before = digest(workspace.path)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.close()

    QTimer.singleShot(200, read_and_close)
    args = argparse.Namespace(db=workspace.path, demo=False, quit_when_ready=False)
    assert run_gui(args) == 2

    assert seen and "already open in another crmdesk" in seen[0]
    assert "already open" in capsys.readouterr().err
    assert digest(workspace.path) == before
    # The first instance is untouched and still writes.
    with workspace.session() as session:
        from crmdesk.core import clients

        clients.create_client(session, "Still mine")


def test_the_cockpit_lists_todays_sends_and_overdue_deadlines_and_opens_them(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    today = date.today()
    sending = plan(workspace, client_id, today, name="Envoi du jour")
    plan(workspace, client_id, today + timedelta(days=3), name="Envoi de jeudi")
    late = plan(
        workspace,
        client_id,
        today + timedelta(days=1),
        name="BAT en retard",
        status=CampaignStatus.PRODUCTION,
    )
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.cockpit)
    cockpit = window.cockpit

    def texts(section) -> list[str]:  # type: ignore[no-untyped-def]
        return [section.list.item(i).text() for i in range(section.list.count())]

    assert any("Envoi du jour" in t for t in texts(cockpit.today_section))
    assert any("Envoi de jeudi" in t for t in texts(cockpit.week_section))
    overdue = texts(cockpit.overdue_section)
    assert any("BAT en retard" in t and "BAT due" in t for t in overdue)
    late_item = next(
        cockpit.overdue_section.list.item(i)
        for i in range(cockpit.overdue_section.list.count())
        if cockpit.overdue_section.list.item(i).data(Qt.ItemDataRole.UserRole) == late
    )
    cockpit.overdue_section.list.itemActivated.emit(late_item)
    qtbot.waitUntil(lambda: window.dialog is not None)
    assert window.dialog.name.text() == "BAT en retard"
    checklist_button = next(
        b for b in window.dialog.findChildren(QPushButton) if b.text() == "Check&list…"
    )
    checklist_button.click()
    assert late in window.checklists
    assert window.checklists[late].isVisible()
    window.checklists[late].close()
    window.dialog.reject()

    first = cockpit.today_section.list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == sending

    # Tomorrow's send has checklist items due before today that nobody ticked.
    late_items = texts(cockpit.checklist_section)
    assert any("BAT en retard" in t and "late" in t for t in late_items), late_items
    row = next(
        cockpit.checklist_section.list.item(i)
        for i in range(cockpit.checklist_section.list.count())
        if cockpit.checklist_section.list.item(i).data(Qt.ItemDataRole.UserRole) == late
    )
    with qtbot.waitSignal(cockpit.checklist_requested) as opened:
        cockpit.checklist_section.list.itemActivated.emit(row)
    assert opened.args == [late]
