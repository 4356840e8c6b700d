"""The checklist window's undoable edits: a tick, a comment, a check run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from crmdesk.core import checklists
from crmdesk.core.checklists import ItemView, RunOutcome
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import ChecklistState
from crmdesk.ui.checklist.labels import state_label
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.kit.formats import file_name, language
from crmdesk.ui.labels import error_text

if TYPE_CHECKING:
    from crmdesk.core.checks.engine import CheckReport
    from crmdesk.ui.operations import Operations


class ChecklistWindow(Protocol):
    """What an edit needs of the checklist window that made it (no import of the window)."""

    ops: Operations
    who: str
    campaign_id: int

    def show_message(self, text: str) -> None: ...


class ChecklistCommand(CampaignCommand):
    """The edit runs when the command is built, so a refusal raises before the stack sees it;
    undo and redo replay core services, and a refusal then is said in the window."""

    def __init__(self, window: ChecklistWindow, text: str) -> None:
        super().__init__(window.ops, text)
        self.window = window

    def refused(self, error: CrmdeskError) -> None:
        self.window.show_message(error_text(error))


class SetItemState(ChecklistCommand):
    def __init__(self, window: ChecklistWindow, item: ItemView, state: ChecklistState) -> None:
        text = QCoreApplication.translate("ChecklistWindow", "“%1” → %2")
        super().__init__(
            window, text.replace("%1", item.label(language())).replace("%2", state_label(state))
        )
        self.item_id = item.id
        self.state = state
        self.who = window.who
        self.now = datetime.now(UTC)
        self.previous, _ = self.ops.write(
            checklists.set_state, item.id, state, self.who, None, self.now
        )

    def replay(self) -> None:
        self.ops.write(checklists.set_state, self.item_id, self.state, self.who, None, self.now)

    def revert(self) -> None:
        self.ops.write(checklists.restore_state, self.item_id, self.previous)


class EditComment(ChecklistCommand):
    def __init__(self, window: ChecklistWindow, item: ItemView, comment: str) -> None:
        text = QCoreApplication.translate("ChecklistWindow", "comment on “%1”")
        super().__init__(window, text.replace("%1", item.label(language())))
        self.item_id = item.id
        self.comment = comment
        self.previous, _ = self.ops.write(checklists.set_comment, item.id, comment)

    def replay(self) -> None:
        self.ops.write(checklists.set_comment, self.item_id, self.comment)

    def revert(self) -> None:
        self.ops.write(checklists.restore_state, self.item_id, self.previous)


class RecordRun(ChecklistCommand):
    """A check run: its findings are kept and the items tied to a check follow them; undo
    forgets the run and gives the items back their previous state."""

    def __init__(self, window: ChecklistWindow, report: CheckReport) -> None:
        text = QCoreApplication.translate("ChecklistWindow", "check run of %1")
        super().__init__(window, text.replace("%1", file_name(report.name)))
        self.campaign_id = window.campaign_id
        self.report = report
        self.outcome = self._record()

    def _record(self) -> RunOutcome:
        outcome: RunOutcome = self.ops.write(checklists.record_run, self.campaign_id, self.report)
        return outcome

    def replay(self) -> None:
        self.outcome = self._record()

    def revert(self) -> None:
        self.ops.write(checklists.forget_run, self.outcome)
