"""The BAT window's undoable edits: a decision, a feedback added or removed, remote images
allowed or blocked for a round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from crmdesk.core.bat import rounds
from crmdesk.core.bat.rounds import DecisionState, FeedbackEntry
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import BatDecision
from crmdesk.ui.bat.labels import decision_label
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.labels import error_text

if TYPE_CHECKING:
    from crmdesk.ui.operations import Operations


class BatWindow(Protocol):
    """What an edit needs of the BAT window that made it (no import of the window: no circle)."""

    ops: Operations
    who: str

    def show_message(self, text: str) -> None: ...


class BatCommand(CampaignCommand):
    """The edit runs when the command is built, so a refusal raises before the stack sees it."""

    def __init__(self, window: BatWindow, text: str) -> None:
        super().__init__(window.ops, text)
        self.window = window

    def refused(self, error: CrmdeskError) -> None:
        self.window.show_message(error_text(error))


class Decide(BatCommand):
    """A decision on a round; ``override`` approves over open errors (the core records them
    with who), and without it the core's :class:`~crmdesk.core.bat.rounds.OverrideNeeded`
    reaches the window, which asks."""

    def __init__(
        self, window: BatWindow, round_id: int, decision: BatDecision, *, override: bool = False
    ) -> None:
        text = QCoreApplication.translate("BatWindow", "decision: %1").replace(
            "%1", decision_label(decision)
        )
        if override:
            text = QCoreApplication.translate("BatWindow", "approval over open errors")
        super().__init__(window, text)
        self.round_id, self.decision, self.who = round_id, decision, window.who
        self.override = override
        self.previous: DecisionState = self.ops.write(
            rounds.decide, round_id, decision, self.who, override=override
        )[0]

    def replay(self) -> None:
        self.ops.write(
            rounds.decide, self.round_id, self.decision, self.who, override=self.override
        )

    def revert(self) -> None:
        self.ops.write(rounds.undo_decision, self.previous)


class AddFeedback(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, text: str, target: str) -> None:
        super().__init__(window, QCoreApplication.translate("BatWindow", "feedback"))
        self.round_id = round_id
        self.feedback_id, _ = self.ops.write(
            rounds.add_feedback, round_id, window.who, text, target
        )
        self.kept: FeedbackEntry | None = None

    def replay(self) -> None:
        assert self.kept is not None
        self.ops.write(rounds.restore_feedback, self.round_id, self.kept)

    def revert(self) -> None:
        self.kept, _ = self.ops.write(rounds.remove_feedback, self.feedback_id)


class RemoveFeedback(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, feedback_id: int) -> None:
        super().__init__(window, QCoreApplication.translate("BatWindow", "remove feedback"))
        self.round_id, self.feedback_id = round_id, feedback_id
        self.kept: FeedbackEntry = self.ops.write(rounds.remove_feedback, feedback_id)[0]

    def replay(self) -> None:
        self.ops.write(rounds.remove_feedback, self.feedback_id)

    def revert(self) -> None:
        self.ops.write(rounds.restore_feedback, self.round_id, self.kept)


class AllowRemote(BatCommand):
    def __init__(self, window: BatWindow, round_id: int, allowed: bool) -> None:
        text = (
            QCoreApplication.translate("BatWindow", "allow remote images")
            if allowed
            else QCoreApplication.translate("BatWindow", "block remote images")
        )
        super().__init__(window, text)
        self.round_id, self.allowed = round_id, allowed
        self.ops.write(rounds.allow_remote, round_id, allowed)

    def replay(self) -> None:
        self.ops.write(rounds.allow_remote, self.round_id, self.allowed)

    def revert(self) -> None:
        self.ops.write(rounds.allow_remote, self.round_id, not self.allowed)
