"""Guarded decisions in the BAT window, on a real workspace with the real buttons clicked.

(The English plurals read "error(s)": only the French catalogue has plural forms.)

Approving a round whose import checks found errors asks first, listing them and saying the
override is recorded under the operator's name: Cancel leaves the round pending, confirming
approves it and keeps the errors and who accepted them; undo takes both back. The decision
buttons are disabled, with the reason in their tooltip, when there is nothing to decide."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns
from crmdesk.core.bat import personas, rounds
from crmdesk.core.db import Workspace
from crmdesk.core.models import BatDecision, BatRound, CampaignStatus
from crmdesk.ui.bat.window import BatWindow
from tests.conftest import plan
from tests.ui.test_bat_fit import shoot
from tests.ui.test_bat_window import click, email, import_proof, open_window, zipped

SEND_DAY = date(2026, 12, 9)


@pytest.fixture
def campaign(workspace: Workspace, client_id: int) -> int:
    with workspace.session() as session:
        personas.save_persona(session, client_id, "Claire", {"firstname": "Claire"})
    return plan(
        workspace, client_id, SEND_DAY, name="Soldes d'hiver", status=CampaignStatus.PRODUCTION
    )


def stored(workspace: Workspace, round_id: int) -> tuple[BatDecision, str, list[dict[str, object]]]:
    """The decision, who took it and the override, as the workspace keeps them."""
    with workspace.reader() as session:
        row = session.get(BatRound, round_id)
        assert row is not None
        return row.decision, row.decided_by, list(row.override_findings)


def status(workspace: Workspace, campaign_id: int) -> CampaignStatus:
    with workspace.reader() as session:
        return campaigns.load(session, campaign_id).status


def override_dialog(qtbot: QtBot, window: BatWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.override_dialog is not None, timeout=5000)
    dialog = window.override_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


def test_nothing_to_decide_before_a_proof_and_the_buttons_say_why(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    for button in (window.approve_button, window.changes_button):
        assert not button.isEnabled()
        assert "import one first" in button.toolTip()
    assert window.decision_hint.isVisible()
    assert "import one first" in window.decision_hint.text()
    qtbot.mouseClick(window.approve_button, Qt.MouseButton.LeftButton)  # a disabled button
    assert window.override_dialog is None
    with workspace.reader() as session:
        assert rounds.rounds(session, campaign) == []
    assert status(workspace, campaign) is CampaignStatus.PRODUCTION


def test_approving_over_open_errors_asks_cancel_keeps_it_pending_confirm_records_the_override(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    broken = email("Bonjour", "https://a.fr", mention=False)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", broken))
    assert window.view is not None
    round_id, errors = window.view.id, window.view.open_errors
    assert len(errors) == 1 and "mention" in errors[0].message_en
    assert window.approve_button.isEnabled() and window.changes_button.isEnabled()
    assert "1 error(s) open" in window.approve_button.toolTip()
    assert not window.decision_hint.isVisible()

    click(qtbot, window.approve_button)
    dialog = override_dialog(qtbot, window)
    assert "BAT 1 still has 1 error(s) open" in dialog.text()
    assert errors[0].message_en.split("“")[0] in dialog.text()  # the error is listed
    assert "under your name, Léa" in dialog.informativeText()
    shoot(dialog, "bat-approval-guard.png")
    cancel = dialog.button(QMessageBox.StandardButton.Cancel)
    click(qtbot, cancel)
    qtbot.waitUntil(lambda: window.override_dialog is None, timeout=5000)
    assert stored(workspace, round_id) == (BatDecision.PENDING, "", [])
    assert status(workspace, campaign) is CampaignStatus.BAT
    assert window.badge.full_text() == "Awaiting decision"
    assert window.undo_stack.count() == 0

    click(qtbot, window.approve_button)
    dialog = override_dialog(qtbot, window)
    assert window.override_confirm is not None
    assert window.override_confirm.text() == "Approve anyway"
    click(qtbot, window.override_confirm)
    qtbot.waitUntil(lambda: window.override_dialog is None, timeout=5000)
    assert stored(workspace, round_id) == (
        BatDecision.APPROVED,
        "Léa",
        [f.to_json() for f in errors],
    )
    assert status(workspace, campaign) is CampaignStatus.APPROVED
    assert "Approved over 1 error(s) by Léa on " in window.round_info.text()
    assert errors[0].message_en in window.round_info.text()
    assert window.badge.full_text().startswith("Approved over 1 error(s) — Léa")
    assert errors[0].message_en in window.badge.toolTip()
    assert "over 1 error(s)" in window.round_combo.currentText()
    assert not window.approve_button.isEnabled()
    assert "already approved" in window.approve_button.toolTip()
    assert window.changes_button.isEnabled()  # the client may still change their mind
    shoot(window, "bat-approved-over-errors.png")

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(workspace, round_id) == (BatDecision.PENDING, "", [])
    assert status(workspace, campaign) is CampaignStatus.BAT
    assert "over" not in window.round_info.text()
    assert window.approve_button.isEnabled()


def test_requesting_changes_over_open_errors_asks_nothing(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    broken = email("Bonjour", "https://a.fr", mention=False)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", broken))
    assert window.view is not None
    round_id = window.view.id
    click(qtbot, window.changes_button)
    assert window.override_dialog is None
    assert stored(workspace, round_id) == (BatDecision.CHANGES_REQUESTED, "Léa", [])
    assert not window.changes_button.isEnabled()
    assert "already requested" in window.changes_button.toolTip()


def test_an_older_round_is_not_decided_and_review_mode_follows_the_same_rule(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", email("Bonjour", "https://a.fr")))
    import_proof(qtbot, window, zipped(tmp_path, "bat2.zip", email("Salut", "https://b.fr")))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.round_combo.currentText().startswith("BAT 1 — ")
    for button in (window.approve_button, window.changes_button):
        assert not button.isEnabled()
        assert "BAT 2 replaced this round" in button.toolTip()
    assert "BAT 2 replaced this round" in window.decision_hint.text()

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    click(qtbot, window.review_button)
    review = window.review
    assert review is not None
    assert review.approve_button.isEnabled() and review.changes_button.isEnabled()
    click(qtbot, review.approve_button)  # no error open in BAT 2: approved at once
    assert window.override_dialog is None
    assert not review.approve_button.isEnabled()
    assert "already approved" in review.approve_button.toolTip()
    review.close()


def test_the_approval_question_is_asked_over_review_mode(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    broken = email("Bonjour", "https://a.fr", mention=False)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", broken))
    click(qtbot, window.review_button)
    review = window.review
    assert review is not None
    click(qtbot, review.approve_button)
    dialog = override_dialog(qtbot, window)
    assert dialog.parent() is review  # seen by the operator over the full-screen review
    assert window.override_confirm is not None
    click(qtbot, window.override_confirm)
    qtbot.waitUntil(lambda: window.override_dialog is None, timeout=5000)
    assert review.badge.full_text().startswith("Approved over 1 error(s) — Léa")
    review.close()
