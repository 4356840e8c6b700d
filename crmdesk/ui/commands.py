"""Undoable campaign edits: each command replays a core service forwards and backwards.

The edit itself runs when the command is built, so a refusal raises before anything reaches
the stack; ``QUndoStack.push`` then calls ``redo`` once more, which the base class skips.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from crmdesk.core import campaigns
from crmdesk.core.campaigns import CampaignInput, CampaignSnapshot
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.operations import Operations


def _describe(action: str, name: str) -> str:
    return action.replace("%1", name)


class CampaignCommand(QUndoCommand):
    """Runs ``replay``/``revert`` from the stack; errors go to the window, not into C++."""

    def __init__(self, ops: Operations, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # the edit already ran in __init__
            self._pushed = True
            return
        self._guarded(self.replay)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step) -> None:  # type: ignore[no-untyped-def]
        try:
            step()
        except CrmdeskError as error:
            self.refused(error)
            self.setObsolete(True)

    def refused(self, error: CrmdeskError) -> None:
        """Say why an undo or redo could not be done (a window may say it in place)."""
        self.ops.error.emit(error)

    def replay(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class CreateCampaign(CampaignCommand):
    def __init__(self, ops: Operations, data: CampaignInput) -> None:
        text = QCoreApplication.translate("Operations", "create “%1”")
        super().__init__(ops, _describe(text, data.name))
        self.campaign_id, _ = ops.write(campaigns.create, data)
        self.snapshot: CampaignSnapshot | None = None

    def replay(self) -> None:
        assert self.snapshot is not None
        self.ops.write(campaigns.restore, self.snapshot)

    def revert(self) -> None:
        self.snapshot, _ = self.ops.write(campaigns.delete_campaign, self.campaign_id)


class DuplicateCampaign(CreateCampaign):
    def __init__(self, ops: Operations, source_id: int) -> None:
        CampaignCommand.__init__(self, ops, "")
        self.campaign_id, _ = ops.write(campaigns.duplicate, source_id)
        self.snapshot = None
        self.data = ops.read(campaigns.load, self.campaign_id)
        text = QCoreApplication.translate("Operations", "duplicate “%1”")
        self.setText(_describe(text, self.data.name))


class EditCampaign(CampaignCommand):
    def __init__(
        self,
        ops: Operations,
        campaign_id: int,
        after: CampaignInput,
        text: str | None = None,
        before: CampaignInput | None = None,
    ) -> None:
        edit = QCoreApplication.translate("Operations", "edit “%1”")
        super().__init__(ops, text or _describe(edit, after.name))
        self.campaign_id = campaign_id
        self.before = before or ops.read(campaigns.load, campaign_id)
        self.after = after
        ops.write(campaigns.update, campaign_id, after)

    def replay(self) -> None:
        self.ops.write(campaigns.update, self.campaign_id, self.after)

    def revert(self) -> None:
        self.ops.write(campaigns.update, self.campaign_id, self.before)


class RescheduleCampaign(EditCampaign):
    def __init__(self, ops: Operations, campaign_id: int, new_day: date) -> None:
        before = ops.read(campaigns.load, campaign_id)
        move = QCoreApplication.translate("Operations", "move “%1”")
        super().__init__(
            ops,
            campaign_id,
            replace(before, send_date=new_day),
            _describe(move, before.name),
            before,
        )


class DeleteCampaign(CampaignCommand):
    def __init__(self, ops: Operations, campaign_id: int) -> None:
        super().__init__(ops, "")
        self.snapshot, _ = ops.write(campaigns.delete_campaign, campaign_id)
        text = QCoreApplication.translate("Operations", "delete “%1”")
        self.setText(_describe(text, self.snapshot.data.name))

    def replay(self) -> None:
        self.snapshot, _ = self.ops.write(campaigns.delete_campaign, self.snapshot.id)

    def revert(self) -> None:
        self.ops.write(campaigns.restore, self.snapshot)
