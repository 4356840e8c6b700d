"""What a write changed, so each view decides for itself whether to refresh.

Every writing service returns a ``Changes`` (alone, last in a tuple, or as the ``changes`` of
its outcome); the UI announces it once the transaction is committed and never builds one. The
flags are as fine as the views: a view listens to the ones it shows, for its campaign.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Changes:
    #: A campaign itself: created, deleted, renamed, moved, its status or its segments.
    campaigns: bool = False
    #: Clients, their segments, contacts, personas, charters, roadmaps and logos.
    clients: bool = False
    #: Checklist items ticked, commented or made; check runs recorded or forgotten.
    checklist: bool = False
    #: BAT rounds: imported, decided, commented, sent, remote images allowed.
    bat: bool = False
    #: Figures, imports, A/B settings, D+5 decisions and recaps sent.
    stats: bool = False
    #: The brief of a campaign.
    brief: bool = False
    #: The workspace settings (profile, branding, template folder): report previews redraw.
    settings: bool = False
    #: Time spent: entries written or corrected, the timer started or stopped, budgets set.
    time: bool = False
    #: Calendar markers imported from an .ics file, changed or removed.
    markers: bool = False
    #: The campaigns concerned; empty when the change is not about some campaigns only.
    campaign_ids: frozenset[int] = field(default_factory=frozenset)
    #: Who asked for the change (a window), set by the UI when it announces it, so that the
    #: window that made the change can skip the reload it already did. Never set by the core.
    initiator: object = field(default=None, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        """Nothing a view shows has changed (an SMTP account saved, nothing made)."""
        return not any(getattr(self, name) for name in FLAGS)

    def concerns(self, campaign_id: int) -> bool:
        """True unless the change names other campaigns only."""
        return not self.campaign_ids or campaign_id in self.campaign_ids

    def __or__(self, other: Changes) -> Changes:
        """Two writes in one transaction changed both."""
        merged = {name: getattr(self, name) or getattr(other, name) for name in FLAGS}
        # One side about every campaign makes the merge about every campaign.
        ids = (
            self.campaign_ids | other.campaign_ids
            if self.campaign_ids and other.campaign_ids
            else frozenset()
        )
        return replace(self, **merged, campaign_ids=ids)

    def from_(self, initiator: object) -> Changes:
        """The same changes, announced as asked by ``initiator``."""
        return replace(self, initiator=initiator)


FLAGS = (
    "campaigns",
    "clients",
    "checklist",
    "bat",
    "stats",
    "brief",
    "settings",
    "time",
    "markers",
)
