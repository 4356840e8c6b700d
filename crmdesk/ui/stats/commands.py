"""The stats window's undoable edits: typed figures, a deleted snapshot, the decisions, the A/B
metric, confidence and winner, a relance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication

from crmdesk.core import campaigns
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import AbMetric
from crmdesk.core.stats import service
from crmdesk.core.stats.figures import Figures, SnapshotView
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.stats.problems import refused_text

if TYPE_CHECKING:
    from crmdesk.ui.operations import Operations

T = TypeVar("T")


class StatsWindow(Protocol):
    """What an edit needs of the stats window that made it (no import of the window)."""

    ops: Operations
    campaign_id: int
    who: str

    def show_message(self, text: str) -> None: ...

    def stats_changed(self) -> None: ...


class StatsCommand(CampaignCommand):
    """Writes as the window: it reloads itself after each step (``stats_changed``), and the
    announcement of what changed reaches the other views (the client's Stats page…)."""

    def __init__(self, window: StatsWindow, text: str) -> None:
        super().__init__(window.ops, text)
        self.window = window

    def write(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.ops.write(service, *args, initiator=self.window, **kwargs)

    def refused(self, error: CrmdeskError) -> None:
        self.window.show_message(refused_text(error))


class SaveSnapshot(StatsCommand):
    """Typing figures replaces the snapshot of the same day and variant: undo puts it back."""

    def __init__(self, window: StatsWindow, day: date, variant: str, figures: Figures) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "figures"))
        self.campaign_id, self.day, self.variant, self.figures = (
            window.campaign_id,
            day,
            variant,
            figures,
        )
        self.previous = next(
            (
                s
                for s in window.ops.read(service.snapshots, self.campaign_id)
                if s.taken_on == day and s.variant == variant
            ),
            None,
        )
        self.snapshot_id, _ = self.write(
            service.save_snapshot, self.campaign_id, day, figures, variant=variant
        )
        self.window.stats_changed()

    def replay(self) -> None:
        self.snapshot_id, _ = self.write(
            service.save_snapshot, self.campaign_id, self.day, self.figures, variant=self.variant
        )
        self.window.stats_changed()

    def revert(self) -> None:
        if self.previous is None:
            self.write(service.delete_snapshot, self.snapshot_id)
        else:
            _put_back(self, self.previous)
        self.window.stats_changed()


def _put_back(command: StatsCommand, kept: SnapshotView) -> int:
    from crmdesk.core.models import StatSource

    snapshot_id, _ = command.write(
        service.save_snapshot,
        kept.campaign_id,
        kept.taken_on,
        kept.figures,
        variant=kept.variant,
        source=StatSource(kept.source),
        source_name=kept.source_name,
    )
    return snapshot_id


class DeleteSnapshot(StatsCommand):
    def __init__(self, window: StatsWindow, snapshot_id: int) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "delete figures"))
        self.kept: SnapshotView = self.write(service.delete_snapshot, snapshot_id)[0]
        self.snapshot_id = snapshot_id
        self.window.stats_changed()

    def replay(self) -> None:
        self.kept, _ = self.write(service.delete_snapshot, self.snapshot_id)
        self.window.stats_changed()

    def revert(self) -> None:
        self.snapshot_id = _put_back(self, self.kept)
        self.window.stats_changed()


class SetDecisions(StatsCommand):
    def __init__(self, window: StatsWindow, text: str) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "decisions"))
        self.campaign_id, self.text = window.campaign_id, text
        self.previous: str = self.write(service.set_decisions, self.campaign_id, text)[0]

    def replay(self) -> None:
        self.write(service.set_decisions, self.campaign_id, self.text)
        self.window.stats_changed()

    def revert(self) -> None:
        self.write(service.set_decisions, self.campaign_id, self.previous)
        self.window.stats_changed()


class SetMetric(StatsCommand):
    def __init__(self, window: StatsWindow, metric: AbMetric) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "A/B test metric"))
        self.campaign_id, self.metric = window.campaign_id, metric
        self.previous: AbMetric = self.write(service.set_ab_metric, self.campaign_id, metric)[0]
        self.window.stats_changed()

    def replay(self) -> None:
        self.write(service.set_ab_metric, self.campaign_id, self.metric)
        self.window.stats_changed()

    def revert(self) -> None:
        self.write(service.set_ab_metric, self.campaign_id, self.previous)
        self.window.stats_changed()


class SetConfidence(StatsCommand):
    def __init__(self, window: StatsWindow, client_id: int, confidence: float) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "confidence level"))
        self.client_id, self.confidence = client_id, confidence
        self.previous: float = self.write(service.set_confidence, client_id, confidence)[0]
        self.window.stats_changed()

    def replay(self) -> None:
        self.write(service.set_confidence, self.client_id, self.confidence)
        self.window.stats_changed()

    def revert(self) -> None:
        self.write(service.set_confidence, self.client_id, self.previous)
        self.window.stats_changed()


class OverrideWinner(StatsCommand):
    """A winner chosen by hand is recorded with who, when and why; undo restores the last one."""

    def __init__(self, window: StatsWindow, variant: str | None, reason: str) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "A/B winner"))
        self.campaign_id, self.variant, self.reason, self.who = (
            window.campaign_id,
            variant,
            reason,
            window.who,
        )
        self.previous = self.write(
            service.override_winner, self.campaign_id, variant, by=self.who, reason=reason
        )[0]
        self.window.stats_changed()

    def replay(self) -> None:
        self.write(
            service.override_winner,
            self.campaign_id,
            self.variant,
            by=self.who,
            reason=self.reason,
        )
        self.window.stats_changed()

    def revert(self) -> None:
        variant, by, at, reason = self.previous
        self.write(service.override_winner, self.campaign_id, variant, by=by, reason=reason, now=at)
        self.window.stats_changed()


class CreateRelance(StatsCommand):
    def __init__(self, window: StatsWindow) -> None:
        super().__init__(window, QCoreApplication.translate("StatsWindow", "create a relance"))
        self.source_id = window.campaign_id
        self.relance_id: int = self.write(service.create_relance, self.source_id)[0]
        self.snapshot: campaigns.CampaignSnapshot | None = None

    def replay(self) -> None:
        assert self.snapshot is not None
        self.write(campaigns.restore, self.snapshot)

    def revert(self) -> None:
        self.snapshot, _ = self.write(campaigns.delete_campaign, self.relance_id)
