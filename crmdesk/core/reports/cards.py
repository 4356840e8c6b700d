"""The client and campaign cards every report heads its pages and tables with, built from rows.

Campaign cards are built in bulk (one query for the segments of all of them), since the
quarterly review lists hundreds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.errors import NotFound
from crmdesk.core.models import Campaign, Client, Segment, campaign_segments
from crmdesk.core.reports.model import CampaignCard, ClientCard
from crmdesk.core.timezones import wall_clock


def client_row(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"No client with id {client_id}.")
    return client


def client_card(client: Client) -> ClientCard:
    return ClientCard(
        id=client.id,
        name=client.name,
        colour=client.colour,
        logo_path=client.logo_path,
        timezone=client.timezone,
    )


def segment_names(session: Session, campaign_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Each campaign's segment names, sorted; one query for all of them."""
    ids = sorted(set(campaign_ids))
    found: dict[int, list[str]] = defaultdict(list)
    if ids:
        for cid, name in session.execute(
            select(campaign_segments.c.campaign_id, Segment.name)
            .join(Segment, Segment.id == campaign_segments.c.segment_id)
            .where(campaign_segments.c.campaign_id.in_(ids))
        ):
            found[cid].append(name)
    return {cid: tuple(sorted(names, key=str.casefold)) for cid, names in found.items()}


def campaign_card(campaign: Campaign, segments: Sequence[str]) -> CampaignCard:
    """The card of ``campaign``: its send on the clock it was planned in."""
    return CampaignCard(
        id=campaign.id,
        name=campaign.name,
        type=campaign.type.value,
        status=campaign.status.value,
        channel=campaign.channel.value,
        send_at=campaign.planned_send_at,
        local_send=wall_clock(campaign.planned_send_at, campaign.send_timezone).replace(
            tzinfo=None
        ),
        timezone=campaign.send_timezone,
        segments=tuple(segments),
        volume=campaign.volume,
        subject=campaign.subject,
        esp=campaign.esp,
    )


def campaign_cards(session: Session, campaigns: Sequence[Campaign]) -> list[CampaignCard]:
    """Cards for many campaigns, in the order given."""
    names = segment_names(session, (c.id for c in campaigns))
    return [campaign_card(c, names.get(c.id, ())) for c in campaigns]
