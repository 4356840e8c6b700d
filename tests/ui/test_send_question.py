"""Once the send time has passed, the checklist asks whether the send went out: the ESP is not
connected, so the app asks instead of deciding, and the answer is an ordinary, undoable tick."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crmdesk.core.db import Workspace
from crmdesk.core.models import ChecklistState
from tests.conftest import plan
from tests.ui.test_checklist_panel import item_state, open_window, row_of

SENT_LABEL = "Send went out (seed inbox checked)"


def test_the_window_asks_once_the_send_time_has_passed(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 11, 20), name="Black Friday")
    before = open_window(qtbot, workspace, campaign, today=date(2026, 11, 19))
    assert not before.send_box.isVisible()  # not sent yet: nothing to ask
    before.close()

    window = open_window(qtbot, workspace, campaign, today=date(2026, 11, 21))
    assert window.send_box.isVisible()
    assert "did it go out?" in window.send_question.text()
    qtbot.mouseClick(window.sent_button, Qt.MouseButton.LeftButton)

    ticked = item_state(workspace, campaign, SENT_LABEL)
    assert (ticked.state, ticked.done_by) == (ChecklistState.DONE, "claire")
    assert not window.send_box.isVisible()
    assert row_of(window, SENT_LABEL).text(4).endswith("claire")

    window.undo_stack.undo()  # Ctrl+Z takes the answer back, and the question returns
    assert item_state(workspace, campaign, SENT_LABEL).state is ChecklistState.TODO
    assert window.send_box.isVisible()


def test_not_yet_hides_the_question_without_writing(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 11, 20), name="Black Friday")
    window = open_window(qtbot, workspace, campaign, today=date(2026, 11, 21))
    qtbot.mouseClick(window.not_yet_button, Qt.MouseButton.LeftButton)
    assert not window.send_box.isVisible()
    assert item_state(workspace, campaign, SENT_LABEL).state is ChecklistState.TODO
