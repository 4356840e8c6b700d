"""Undoable time edits for the main window's stack: entries, the timer and budgets.

Like the campaign and client commands, each edit runs when its command is built (a refusal
raises before anything reaches the stack) and undo/redo replay core services through
``Operations``, so the status bar, the week of entries and the cockpit hear what changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from crmdesk.core import timesheet
from crmdesk.core.changes import Changes
from crmdesk.core.models import BudgetUnit
from crmdesk.core.timesheet import EntryInput, RunningTimerInfo
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.operations import Operations


def _named(text: str, name: str) -> str:
    return text.replace("%1", " ".join(name.split()))


def _now() -> datetime:
    return datetime.now(UTC)


# -- entries ----------------------------------------------------------------------------------


class AddEntry(CampaignCommand):
    def __init__(self, ops: Operations, data: EntryInput) -> None:
        super().__init__(ops, QCoreApplication.translate("TimeCommands", "add time"))
        self.entry_id: int
        self.entry_id, _ = ops.write(timesheet.add_entry, data)
        self.row: dict[str, Any] | None = None

    def replay(self) -> None:
        assert self.row is not None
        self.ops.write(timesheet.undelete_entry, self.row)

    def revert(self) -> None:
        self.row, _ = self.ops.write(timesheet.delete_entry, self.entry_id)


class EditEntry(CampaignCommand):
    def __init__(self, ops: Operations, entry_id: int, data: EntryInput) -> None:
        super().__init__(ops, QCoreApplication.translate("TimeCommands", "correct time"))
        self.entry_id = entry_id
        self.after = data
        self.before: EntryInput
        self.before, _ = ops.write(timesheet.update_entry, entry_id, data)

    def replay(self) -> None:
        self.ops.write(timesheet.update_entry, self.entry_id, self.after)

    def revert(self) -> None:
        self.ops.write(timesheet.update_entry, self.entry_id, self.before)


class DeleteEntry(CampaignCommand):
    def __init__(self, ops: Operations, entry_id: int) -> None:
        super().__init__(ops, QCoreApplication.translate("TimeCommands", "delete time"))
        self.entry_id = entry_id
        self.row: dict[str, Any]
        self.row, _ = ops.write(timesheet.delete_entry, entry_id)

    def replay(self) -> None:
        self.row, _ = self.ops.write(timesheet.delete_entry, self.entry_id)

    def revert(self) -> None:
        self.ops.write(timesheet.undelete_entry, self.row)


# -- the timer --------------------------------------------------------------------------------


def _restart(timer: RunningTimerInfo, entry_id: int | None) -> Any:
    """The service that puts a stopped timer back as it ran (same start), taking away the
    entry its stop wrote, in one transaction."""

    def service(session: Session) -> Changes:
        changes = Changes()
        if entry_id is not None:
            _row, changes = timesheet.delete_entry(session, entry_id)
        _info, started = timesheet.start_timer(
            session, timer.campaign_id, timer.started_at, phase=timer.phase, note=timer.note
        )
        return changes | started

    return service


class StartTimer(CampaignCommand):
    """Start the timer on a campaign; undo takes it away without billing anything."""

    def __init__(
        self, ops: Operations, campaign_id: int, *, phase: str = "", note: str = ""
    ) -> None:
        super().__init__(ops, "")
        self.timer: RunningTimerInfo
        self.timer, _ = ops.write(
            timesheet.start_timer, campaign_id, _now(), phase=phase, note=note
        )
        text = QCoreApplication.translate("TimeCommands", "start the timer on “%1”")
        self.setText(_named(text, self.timer.campaign))

    def replay(self) -> None:
        self.ops.write(_restart(self.timer, None))

    def revert(self) -> None:
        self.ops.write(timesheet.stop_timer, _now(), discard=True)


class StopTimer(CampaignCommand):
    """Stop the running timer: an entry for its time (or ``minutes`` of it), or nothing when
    discarded. Undo takes the entry away and the timer runs again from its start."""

    def __init__(
        self, ops: Operations, *, minutes: int | None = None, discard: bool = False
    ) -> None:
        super().__init__(ops, "")
        timer = ops.read(timesheet.running_timer)
        self.stopped_at = _now()
        self.discard = discard
        self.entry_id: int | None
        self.entry_id, _ = ops.write(
            timesheet.stop_timer, self.stopped_at, minutes=minutes, discard=discard
        )
        assert timer is not None  # stop_timer refuses when no timer runs
        self.timer = timer
        self.minutes = (
            None
            if self.entry_id is None
            else ops.read(timesheet.entry_input, self.entry_id).minutes
        )
        if discard:
            text = QCoreApplication.translate("TimeCommands", "discard the timer on “%1”")
        else:
            text = QCoreApplication.translate("TimeCommands", "stop the timer on “%1”")
        self.setText(_named(text, timer.campaign))

    def replay(self) -> None:
        self.entry_id, _ = self.ops.write(
            timesheet.stop_timer, self.stopped_at, minutes=self.minutes, discard=self.discard
        )

    def revert(self) -> None:
        self.ops.write(_restart(self.timer, self.entry_id))


# -- budgets ----------------------------------------------------------------------------------

Budget = tuple[BudgetUnit, Decimal]


def _put_budget(
    ops: Operations,
    client_id: int,
    campaign_id: int | None,
    month: str | None,
    budget: Budget | None,
) -> Budget | None:
    """Set ``budget`` (or clear it when None); returns the one it replaced."""
    previous: Budget | None
    if budget is None:
        previous, _ = ops.write(
            timesheet.clear_budget, client_id, campaign_id=campaign_id, month=month
        )
    else:
        unit, amount = budget
        previous, _ = ops.write(
            timesheet.set_budget,
            client_id,
            unit=unit,
            amount=amount,
            campaign_id=campaign_id,
            month=month,
        )
    return previous


class SetBudget(CampaignCommand):
    """Set (``budget``) or clear (None) the budget of a campaign or of a client's month."""

    def __init__(
        self,
        ops: Operations,
        client_id: int,
        budget: Budget | None,
        *,
        campaign_id: int | None = None,
        month: str | None = None,
    ) -> None:
        if budget is None:
            text = QCoreApplication.translate("TimeCommands", "clear a budget")
        else:
            text = QCoreApplication.translate("TimeCommands", "set a budget")
        super().__init__(ops, text)
        self.where = (client_id, campaign_id, month)
        self.after = budget
        self.before = _put_budget(ops, *self.where, budget)

    def replay(self) -> None:
        _put_budget(self.ops, *self.where, self.after)

    def revert(self) -> None:
        _put_budget(self.ops, *self.where, self.before)
