"""Undoable campaign edits: each command replays a core service forwards and backwards.

The first ``redo`` runs when the command is pushed; a command whose first run fails raises
before it reaches the stack, so the stack only holds edits that happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import wraps

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from crmdesk.core import campaigns
from crmdesk.core.campaigns import CampaignInput, CampaignSnapshot
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.operations import Operations


def reported(step: Callable[[QUndoCommand], None]) -> Callable[[QUndoCommand], None]:
    """Undo and redo run from C++, where an exception would be lost: report it to the window."""

    @wraps(step)
    def run(self: QUndoCommand) -> None:
        try:
            step(self)
        except CrmdeskError as error:
            self.ops.error.emit(error)  # type: ignore[attr-defined]
            self.setObsolete(True)

    return run


class CreateCampaign(QUndoCommand):
    def __init__(self, ops: Operations, data: CampaignInput) -> None:
        super().__init__()
        self.setText(
            QCoreApplication.translate("Operations", "create “%1”").replace("%1", data.name)
        )
        self.ops = ops
        self.data = data
        self.snapshot: CampaignSnapshot | None = None
        self.campaign_id, _ = ops.write(campaigns.create, data)

    @reported
    def redo(self) -> None:
        if self.snapshot is not None:  # not the first run: bring back the same campaign
            self.ops.write(campaigns.restore, self.snapshot)

    @reported
    def undo(self) -> None:
        self.snapshot, _ = self.ops.write(campaigns.delete_campaign, self.campaign_id)


class DuplicateCampaign(CreateCampaign):
    def __init__(self, ops: Operations, source_id: int) -> None:
        QUndoCommand.__init__(self)
        self.ops = ops
        self.snapshot = None
        self.campaign_id, _ = ops.write(campaigns.duplicate, source_id)
        self.data = ops.read(campaigns.load, self.campaign_id)
        self.setText(
            QCoreApplication.translate("Operations", "duplicate “%1”").replace("%1", self.data.name)
        )


class EditCampaign(QUndoCommand):
    def __init__(self, ops: Operations, campaign_id: int, after: CampaignInput) -> None:
        super().__init__()
        self.ops = ops
        self.campaign_id = campaign_id
        self.before = ops.read(campaigns.load, campaign_id)
        self.after = after
        self.setText(
            QCoreApplication.translate("Operations", "edit “%1”").replace("%1", after.name)
        )
        ops.write(campaigns.update, campaign_id, after)
        self._first = True

    @reported
    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ops.write(campaigns.update, self.campaign_id, self.after)

    @reported
    def undo(self) -> None:
        self.ops.write(campaigns.update, self.campaign_id, self.before)


class RescheduleCampaign(EditCampaign):
    def __init__(self, ops: Operations, campaign_id: int, new_day: date) -> None:
        before = ops.read(campaigns.load, campaign_id)
        super().__init__(ops, campaign_id, replace(before, send_date=new_day))
        self.setText(
            QCoreApplication.translate("Operations", "move “%1”").replace("%1", before.name)
        )


class DeleteCampaign(QUndoCommand):
    def __init__(self, ops: Operations, campaign_id: int) -> None:
        super().__init__()
        self.ops = ops
        self.snapshot, _ = ops.write(campaigns.delete_campaign, campaign_id)
        self.setText(
            QCoreApplication.translate("Operations", "delete “%1”").replace(
                "%1", self.snapshot.data.name
            )
        )
        self._first = True

    @reported
    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.snapshot, _ = self.ops.write(campaigns.delete_campaign, self.snapshot.id)

    @reported
    def undo(self) -> None:
        self.ops.write(campaigns.restore, self.snapshot)
