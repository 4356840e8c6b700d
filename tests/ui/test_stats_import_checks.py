"""The stats window asks before taking a file that does not look like the campaign's, or that
would replace the day's figures: the operator reads the mismatches and clicks "Import anyway"
or "Cancel" (real clicks on the question's buttons); a matching file asks nothing."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, StatSnapshot
from crmdesk.core.stats import service
from crmdesk.core.stats.figures import Figures
from crmdesk.ui.operations import Operations
from crmdesk.ui.stats.window import StatsWindow
from tests.conftest import plan

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "stats" / "fixtures"


@pytest.fixture
def christmas(workspace: Workspace, client_id: int) -> int:
    return plan(
        workspace,
        client_id,
        date.today() - timedelta(days=3),
        name="Noël : les coffrets",
        at=time(9, 30),
        subject="Nos coffrets de Noël sont arrivés",
        status=CampaignStatus.SENT,
    )


@pytest.fixture
def winter_sale(workspace: Workspace, client_id: int) -> int:
    return plan(
        workspace,
        client_id,
        date(2026, 1, 9),
        name="Soldes d'hiver J-1",
        at=time(9, 30),
        status=CampaignStatus.SENT,
        subject="Les soldes, c'est demain !",
    )


def open_window(qtbot: QtBot, workspace: Workspace, campaign_id: int) -> StatsWindow:
    window = StatsWindow(Operations(workspace), campaign_id, who="Léa")
    qtbot.addWidget(window)
    window.show()
    return window


def start_import(qtbot: QtBot, window: StatsWindow, path: Path) -> None:
    assert window.importer.import_path(path) is not None
    qtbot.waitUntil(lambda: window.import_job is None, timeout=20_000)


def question(qtbot: QtBot, window: StatsWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.importer.question is not None, timeout=5_000)
    box = window.importer.question
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    return box


def snapshots(workspace: Workspace) -> int:
    with workspace.reader() as session:
        return session.scalar(select(func.count()).select_from(StatSnapshot)) or 0


def another_campaigns_report(tmp_path: Path) -> Path:
    lines = (FIXTURES / "mailchimp_all_campaigns.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "november.csv"
    path.write_text(f"{lines[0]}\n{lines[2]}\n", encoding="utf-8")  # "Newsletter novembre"
    return path


def test_another_campaigns_report_is_listed_and_cancel_writes_nothing(
    qtbot: QtBot, workspace: Workspace, christmas: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, christmas)
    start_import(qtbot, window, another_campaigns_report(tmp_path))
    box = question(qtbot, window)
    listed = box.informativeText()
    assert "Newsletter novembre" in listed and "Noël : les coffrets" in listed
    assert "Nos coups de cœur de novembre" in listed
    assert "12/11/2025" in listed, "the file's send date, in the user's format"
    assert "does not look like this campaign" in box.text()
    cancel = next(b for b in box.buttons() if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.importer.question is None, timeout=5_000)
    assert "nothing was written" in window.message.text()
    assert snapshots(workspace) == 0


def test_import_anyway_writes_the_figures(
    qtbot: QtBot, workspace: Workspace, christmas: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, christmas)
    start_import(qtbot, window, another_campaigns_report(tmp_path))
    box = question(qtbot, window)
    anyway = window.importer.import_anyway
    assert anyway is not None and anyway.text() == "Import anyway"
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: snapshots(workspace) == 1, timeout=5_000)
    assert not box.isVisible()
    assert "figures saved" in window.message.text()
    assert window.snapshot_table.rowCount() == 1


def test_activity_from_before_the_send_asks(
    qtbot: QtBot, workspace: Workspace, christmas: int, tmp_path: Path
) -> None:
    path = tmp_path / "old.csv"
    path.write_text(
        "email,event,timestamp\na@orange.fr,delivered,2019-11-27T16:00:00\n"
        "a@orange.fr,open,2019-11-27T17:44:09\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, workspace, christmas)
    start_import(qtbot, window, path)
    box = question(qtbot, window)
    assert "27/11/2019" in box.informativeText()
    assert "before this campaign’s send" in box.informativeText()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape is Cancel
    qtbot.waitUntil(lambda: window.importer.question is None, timeout=5_000)
    assert snapshots(workspace) == 0


def test_the_campaigns_own_report_asks_nothing(
    qtbot: QtBot, workspace: Workspace, winter_sale: int
) -> None:
    window = open_window(qtbot, workspace, winter_sale)
    start_import(qtbot, window, FIXTURES / "mailchimp_all_campaigns.csv")
    assert window.importer.question is None
    assert "figures saved" in window.message.text()
    assert snapshots(workspace) == 1


def test_replacing_the_days_figures_asks_first(
    qtbot: QtBot, workspace: Workspace, winter_sale: int
) -> None:
    with workspace.session() as session:
        service.save_snapshot(
            session, winter_sale, date.today(), Figures(sent=12000, delivered=11900)
        )
    window = open_window(qtbot, workspace, winter_sale)
    start_import(qtbot, window, FIXTURES / "mailchimp_all_campaigns.csv")
    box = question(qtbot, window)
    assert "would replace figures already recorded" in box.text()
    assert "typed in" in box.informativeText()
    anyway = window.importer.import_anyway
    assert anyway is not None
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "figures saved" in window.message.text(), timeout=5_000)
    with workspace.reader() as session:
        assert session.scalars(select(StatSnapshot.sent)).all() == [12480]
