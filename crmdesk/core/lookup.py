"""Rows the services fetch by id, or a :class:`NotFound` the user can read.

A leaf under every service (it imports only the models and the errors), so any of them may use
it without an import circle.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from crmdesk.core.errors import NotFound
from crmdesk.core.models import Campaign


def get_campaign(
    session: Session, campaign_id: int, *, options: Sequence[ORMOption] = ()
) -> Campaign:
    """The campaign ``campaign_id`` (loaded with ``options``), or NotFound naming the id."""
    campaign = session.get(Campaign, campaign_id, options=options)
    if campaign is None:
        raise NotFound(f"No campaign with id {campaign_id}.")
    return campaign
