"""A client's contacts, as the BAT test send offers them: the approver first."""

from __future__ import annotations

from crmdesk.core import clients, contacts
from crmdesk.core.db import Workspace
from crmdesk.core.models import Contact, RaciRole


def _add(workspace: Workspace, client_id: int, name: str, email: str, role: RaciRole) -> None:
    # No service creates contacts yet (the demo and the client dialog to come write the rows).
    with workspace.session() as session:
        session.add(Contact(client_id=client_id, name=name, email=email, raci_role=role))


def test_contacts_come_approver_first_then_by_name(workspace: Workspace, client_id: int) -> None:
    _add(workspace, client_id, "Julien Petit", "j.petit@lumiere.fr", RaciRole.INFORMED)
    _add(workspace, client_id, "Anne Roux", "", RaciRole.INFORMED)
    _add(workspace, client_id, "Sophie Martin", "s.martin@lumiere.fr", RaciRole.ACCOUNTABLE)
    _add(workspace, client_id, "Marc Blanc", "m.blanc@lumiere.fr", RaciRole.CONSULTED)

    with workspace.reader() as session:
        found = contacts.contacts(session, client_id)

    assert [(c.name, c.email, c.role) for c in found] == [
        ("Sophie Martin", "s.martin@lumiere.fr", RaciRole.ACCOUNTABLE),
        ("Marc Blanc", "m.blanc@lumiere.fr", RaciRole.CONSULTED),
        ("Anne Roux", "", RaciRole.INFORMED),
        ("Julien Petit", "j.petit@lumiere.fr", RaciRole.INFORMED),
    ]


def test_a_client_sees_only_its_own_contacts(workspace: Workspace, client_id: int) -> None:
    with workspace.session() as session:
        other_id, _ = clients.create_client(session, "Cycles Aubrac")
    _add(workspace, other_id, "Thomas Garnier", "thomas@cycles-aubrac.fr", RaciRole.ACCOUNTABLE)

    with workspace.reader() as session:
        assert contacts.contacts(session, client_id) == []
        assert [c.name for c in contacts.contacts(session, other_id)] == ["Thomas Garnier"]
