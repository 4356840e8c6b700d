"""A client's contacts: the people a BAT goes to for approval, and who is kept informed.

The test send offers them as recipients, so the one who approves comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.models import ChecklistRole, Client, Contact, RaciRole, table_of

#: The order a send dialog lists them in: who approves, who does the work, then the others.
ROLE_ORDER = (
    RaciRole.ACCOUNTABLE,
    RaciRole.RESPONSIBLE,
    RaciRole.CONSULTED,
    RaciRole.INFORMED,
)
NAME_MAX = 120


@dataclass(frozen=True)
class ContactInfo:
    id: int
    client_id: int
    name: str
    email: str  # "" when the client gave none
    role: RaciRole
    team: ChecklistRole = ChecklistRole.CLIENT
    receives_bat: bool = False
    receives_recaps: bool = False


@dataclass(frozen=True)
class ContactInput:
    """The contact form's fields (and ``crmdesk contact add``'s)."""

    name: str
    email: str = ""
    team: ChecklistRole = ChecklistRole.CLIENT
    role: RaciRole = RaciRole.INFORMED
    receives_bat: bool = False
    receives_recaps: bool = True


def default_flags(role: RaciRole) -> dict[str, bool]:
    """Who sees the BAT and the recap when nobody said: the one who approves and those
    consulted see the BAT; everyone but the Responsible (in the seeds' RACI, the operator)
    gets the recap."""
    return {
        "receives_bat": role in (RaciRole.ACCOUNTABLE, RaciRole.CONSULTED),
        "receives_recaps": role is not RaciRole.RESPONSIBLE,
    }


def _info(c: Contact) -> ContactInfo:
    return ContactInfo(
        c.id, c.client_id, c.name, c.email, c.raci_role, c.role, c.receives_bat, c.receives_recaps
    )


def contacts(session: Session, client_id: int) -> list[ContactInfo]:
    """The client's contacts, by role (accountable first) then by name; [] when it has none."""
    rows = session.scalars(select(Contact).where(Contact.client_id == client_id))
    found = [_info(c) for c in rows]
    return sorted(found, key=lambda c: (ROLE_ORDER.index(c.role), c.name.casefold(), c.id))


def validate(data: ContactInput) -> ContactInput:
    from crmdesk.core.operators import is_email

    problems: list[FieldProblem] = []
    name = " ".join(data.name.split())
    email = data.email.strip()
    if not name:
        problems.append(FieldProblem("name", "name_empty", "The contact needs a name."))
    elif len(name) > NAME_MAX:
        problems.append(
            FieldProblem("name", "name_too_long", f"The name is longer than {NAME_MAX} characters.")
        )
    if email and not is_email(email):
        problems.append(
            FieldProblem("email", "email_invalid", f"“{email}” is not an email address.")
        )
    if not email and (data.receives_bat or data.receives_recaps):
        problems.append(
            FieldProblem(
                "email", "email_needed", "A contact who receives BATs or recaps needs an address."
            )
        )
    if problems:
        raise ValidationError(problems)
    return ContactInput(name, email, data.team, data.role, data.receives_bat, data.receives_recaps)


def _write(contact: Contact, data: ContactInput) -> None:
    contact.name = data.name
    contact.email = data.email
    contact.role = data.team
    contact.raci_role = data.role
    contact.receives_bat = data.receives_bat
    contact.receives_recaps = data.receives_recaps


def add_contact(session: Session, client_id: int, data: ContactInput) -> tuple[int, Changes]:
    if session.get(Client, client_id) is None:
        raise NotFound(f"No client with id {client_id}.")
    clean = validate(data)
    contact = Contact(client_id=client_id)
    _write(contact, clean)
    session.add(contact)
    session.flush()
    return contact.id, Changes(clients=True)


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"No contact with id {contact_id}.")
    return contact


def contact_input(session: Session, contact_id: int) -> ContactInput:
    c = _contact(session, contact_id)
    return ContactInput(c.name, c.email, c.role, c.raci_role, c.receives_bat, c.receives_recaps)


def update_contact(
    session: Session, contact_id: int, data: ContactInput
) -> tuple[ContactInput, Changes]:
    """Store the form; returns the previous values (for undo)."""
    previous = contact_input(session, contact_id)
    clean = validate(data)
    _write(_contact(session, contact_id), clean)
    session.flush()
    return previous, Changes(clients=True)


def delete_contact(session: Session, contact_id: int) -> tuple[dict[str, Any], Changes]:
    """Delete and return the row, to bring it back with its id (undo)."""
    _contact(session, contact_id)
    table = table_of(Contact)
    row = dict(session.execute(select(table).where(table.c.id == contact_id)).mappings().one())
    session.execute(delete(Contact).where(Contact.id == contact_id))
    return row, Changes(clients=True)


def undelete_contact(session: Session, row: dict[str, Any]) -> Changes:
    session.execute(insert(table_of(Contact)).values(**row))
    return Changes(clients=True)
