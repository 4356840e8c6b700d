"""A client's contacts: the people a BAT goes to for approval, and who is kept informed.

The test send offers them as recipients, so the one who approves comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.models import Contact, RaciRole

#: The order a send dialog lists them in: who approves, who does the work, then the others.
ROLE_ORDER = (
    RaciRole.ACCOUNTABLE,
    RaciRole.RESPONSIBLE,
    RaciRole.CONSULTED,
    RaciRole.INFORMED,
)


@dataclass(frozen=True)
class ContactInfo:
    id: int
    client_id: int
    name: str
    email: str  # "" when the client gave none
    role: RaciRole


def contacts(session: Session, client_id: int) -> list[ContactInfo]:
    """The client's contacts, by role (accountable first) then by name; [] when it has none."""
    rows = session.scalars(select(Contact).where(Contact.client_id == client_id))
    found = [ContactInfo(c.id, c.client_id, c.name, c.email, c.raci_role) for c in rows]
    return sorted(found, key=lambda c: (ROLE_ORDER.index(c.role), c.name.casefold(), c.id))
