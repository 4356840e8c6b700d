"""Undoable campaign edits: each command replays a core service forwards and backwards.

The edit itself runs when the command is built, so a refusal raises before anything reaches
the stack; ``QUndoStack.push`` then calls ``redo`` once more, which the base class skips.

Undo only takes back one's own change (issue 22): each step remembers the version it left its
row at, read in the same transaction as its write; before undoing (or redoing), the command asks
whether the row moved on since. When someone else changed it, the step is refused, saying who
and when, nothing is written, and the command is dropped from the stack.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from crmdesk.core import campaigns
from crmdesk.core.campaigns import CampaignInput, CampaignSnapshot
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.operations import Operations, changes_of


def _describe(action: str, name: str) -> str:
    return action.replace("%1", name)


#: The version each row was left at by the last command step of this process (per
#: ``Operations``): undoing an edit after undoing a later edit of the same row is not someone
#: else's change, though the version moved on.
_LAST_LEFT: weakref.WeakKeyDictionary[Operations, dict[tuple[str, int], int]] = (
    weakref.WeakKeyDictionary()
)


class UndoRefused(CrmdeskError):
    """An undo (or redo) that would take back someone else's work: refused, nothing written.
    The message is already in the user's language."""


def with_version(
    kind: str, row_id: Callable[[Any], int], service: Callable[..., Any]
) -> Callable[..., tuple[Any, int, Changes | None]]:
    """``service`` followed, in the same transaction, by the version it left the row at:
    ``(result, version, changes)``. ``row_id`` finds the row from the service's result (a
    creation learns its id only then)."""

    def run(session: Any, *args: Any, **kwargs: Any) -> tuple[Any, int, Changes | None]:
        from crmdesk.core import concurrency

        result = service(session, *args, **kwargs)
        version = concurrency.version_of(session, kind, row_id(result))
        return result, version, changes_of(result)

    return run


class CampaignCommand(QUndoCommand):
    """Runs ``replay``/``revert`` from the stack; errors go to the window, not into C++."""

    def __init__(self, ops: Operations, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self._pushed = False
        #: The rows this command's last step left, with their version then and their name.
        self.left: dict[tuple[str, int], tuple[int, str]] = {}

    def redo(self) -> None:
        if not self._pushed:  # the edit already ran in __init__
            self._pushed = True
            return
        self._guarded(self.replay)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            self.still_mine()
            step()
        except CrmdeskError as error:
            self.refused(error)
            self.setObsolete(True)

    def refused(self, error: CrmdeskError) -> None:
        """Say why an undo or redo could not be done (a window may say it in place)."""
        self.ops.error.emit(error)

    def write_row(
        self,
        kind: str,
        row_id: int | Callable[[Any], int],
        name: str,
        service: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Run ``service`` and remember the version it left the row at (for ``still_mine``);
        returns the service's result."""
        find = row_id if callable(row_id) else (lambda _result: row_id)
        result, version, _ = self.ops.write(with_version(kind, find, service), *args, **kwargs)
        key = (kind, find(result))
        self.left[key] = (version, name)
        _LAST_LEFT.setdefault(self.ops, {})[key] = version
        return result

    def version_left(self, kind: str, row_id: int) -> int | None:
        """The version this process's last command step left the row at (None: not one of
        this command's rows)."""
        found = self.left.get((kind, row_id))
        if found is None:
            return None
        return _LAST_LEFT.get(self.ops, {}).get((kind, row_id), found[0])

    def forget_row(self, kind: str, row_id: int) -> None:
        """The step took the row away (a delete): nothing of it to guard any more."""
        self.left.pop((kind, row_id), None)

    def still_mine(self) -> None:
        """Refuse (``UndoRefused``) when a row this command left has moved on since."""
        from crmdesk.core import concurrency
        from crmdesk.ui.kit.conflict import undo_refused_text

        for (kind, row_id), (_version, name) in self.left.items():
            version = self.version_left(kind, row_id)
            assert version is not None
            stale = self.ops.read(concurrency.moved_on, kind, row_id, version)
            if stale is not None:
                raise UndoRefused(undo_refused_text(stale, name))

    def replay(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


def _first(result: tuple[int, Changes]) -> int:
    return result[0]


class CreateCampaign(CampaignCommand):
    def __init__(self, ops: Operations, data: CampaignInput) -> None:
        text = QCoreApplication.translate("Operations", "create “%1”")
        super().__init__(ops, _describe(text, data.name))
        self.name = data.name
        self.campaign_id, _ = self.write_row("campaign", _first, data.name, campaigns.create, data)
        self.snapshot: CampaignSnapshot | None = None

    def replay(self) -> None:
        assert self.snapshot is not None
        self.write_row("campaign", self.campaign_id, self.name, campaigns.restore, self.snapshot)

    def revert(self) -> None:
        self.snapshot, _ = self.ops.write(campaigns.delete_campaign, self.campaign_id)
        self.forget_row("campaign", self.campaign_id)


class DuplicateCampaign(CreateCampaign):
    def __init__(self, ops: Operations, source_id: int) -> None:
        CampaignCommand.__init__(self, ops, "")
        self.campaign_id, _ = self.write_row("campaign", _first, "", campaigns.duplicate, source_id)
        self.snapshot = None
        self.data = ops.read(campaigns.load, self.campaign_id)
        self.name = self.data.name
        version, _ = self.left[("campaign", self.campaign_id)]
        self.left[("campaign", self.campaign_id)] = (version, self.name)
        text = QCoreApplication.translate("Operations", "duplicate “%1”")
        self.setText(_describe(text, self.data.name))


class EditCampaign(CampaignCommand):
    """A campaign's form saved. With ``expected_version`` (the version the form loaded) and
    ``started_from`` (what it loaded), a campaign someone else saved meanwhile is refused with
    a ``StaleEdit`` when the command is built: nothing is written, nothing is pushed."""

    def __init__(
        self,
        ops: Operations,
        campaign_id: int,
        after: CampaignInput,
        text: str | None = None,
        before: CampaignInput | None = None,
        *,
        expected_version: int | None = None,
        started_from: CampaignInput | None = None,
    ) -> None:
        edit = QCoreApplication.translate("Operations", "edit “%1”")
        super().__init__(ops, text or _describe(edit, after.name))
        self.campaign_id = campaign_id
        self.before = before or started_from or ops.read(campaigns.load, campaign_id)
        self.after = after
        self._update(after, expected_version, started_from or self.before)

    def _update(
        self, data: CampaignInput, expected: int | None, started_from: CampaignInput
    ) -> None:
        self.write_row(
            "campaign",
            self.campaign_id,
            data.name,
            campaigns.update,
            self.campaign_id,
            data,
            expected_version=expected,
            started_from=started_from,
        )

    def _expected(self) -> int | None:
        """The version this command's last step left: the write refuses any other (a writer
        that slips in between ``still_mine`` and the write, on a server)."""
        return self.version_left("campaign", self.campaign_id)

    def replay(self) -> None:
        self._update(self.after, self._expected(), self.before)

    def revert(self) -> None:
        self._update(self.before, self._expected(), self.after)


class RescheduleCampaign(EditCampaign):
    """A drag on the calendar: the version is the one the grid read (``version``) if it has
    one, else the one read just before the move."""

    def __init__(
        self, ops: Operations, campaign_id: int, new_day: date, version: int | None = None
    ) -> None:
        before, read_version = ops.read(campaigns.load_versioned, campaign_id)
        move = QCoreApplication.translate("Operations", "move “%1”")
        super().__init__(
            ops,
            campaign_id,
            replace(before, send_date=new_day),
            _describe(move, before.name),
            before,
            expected_version=read_version if version is None else version,
            started_from=before,
        )


class DeleteCampaign(CampaignCommand):
    def __init__(self, ops: Operations, campaign_id: int) -> None:
        super().__init__(ops, "")
        self.snapshot, _ = ops.write(campaigns.delete_campaign, campaign_id)
        text = QCoreApplication.translate("Operations", "delete “%1”")
        self.setText(_describe(text, self.snapshot.data.name))

    def replay(self) -> None:
        self.snapshot, _ = self.ops.write(campaigns.delete_campaign, self.snapshot.id)
        self.forget_row("campaign", self.snapshot.id)

    def revert(self) -> None:
        name = self.snapshot.data.name
        self.write_row("campaign", self.snapshot.id, name, campaigns.restore, self.snapshot)
