"""What a write changed, so each view decides for itself whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    campaigns: bool = False
    clients: bool = False
    #: The workspace settings (branding, template folder): open report previews redraw.
    settings: bool = False
    campaign_ids: frozenset[int] = field(default_factory=frozenset)
