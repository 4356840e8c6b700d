"""Clients, segments, contacts and the operator's profile as a new user creates them: every
field validated, archive instead of delete once campaigns name them, and each edit undoable."""

from __future__ import annotations

import sqlite3
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from crmdesk.core import campaigns, clients, contacts, migrate, operators
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace, make_engine
from crmdesk.core.errors import InUse, ValidationError
from crmdesk.core.models import ChecklistRole, Persona, RaciRole


def codes(refused: pytest.ExceptionInfo[ValidationError]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in refused.value.problems}


def test_every_client_field_is_validated_at_once_and_nothing_is_written(
    workspace: Workspace,
) -> None:
    with workspace.session() as session:
        clients.add_client(session, clients.ClientInput("Éditions Lumière"))
    bad = clients.ClientInput(
        "  éditions   LUMIÈRE ",
        colour="vert",
        timezone="Europe/Lyon",
        sender_address="news@",
        pressure_cap=0,
        bat_offset_days=-1,
        daily_rate=Decimal(-5),
        ab_confidence=1.5,
    )
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        clients.add_client(session, bad)
    assert codes(refused) == {
        ("name", "name_taken"),
        ("colour", "colour_invalid"),
        ("timezone", "timezone_unknown"),
        ("sender_address", "email_invalid"),
        ("pressure_cap", "cap_too_small"),
        ("bat_offset_days", "offset_invalid"),
        ("daily_rate", "rate_invalid"),
        ("ab_confidence", "confidence_invalid"),
    }
    with workspace.reader() as session:
        assert [c.name for c in clients.list_clients(session)] == ["Éditions Lumière"]


def test_a_client_is_saved_clean_and_its_previous_values_come_back_for_undo(
    workspace: Workspace,
) -> None:
    data = clients.ClientInput(
        "  Maison   Verlaine ", colour="RED", sender_address=" news@verlaine.fr "
    )
    with workspace.session() as session:
        client_id, changes = clients.add_client(session, data)
    assert changes.clients
    with workspace.reader() as session:
        saved = clients.client_input(session, client_id)
    assert (saved.name, saved.colour, saved.sender_address) == (
        "Maison Verlaine",
        "#ff0000",
        "news@verlaine.fr",
    )
    with workspace.session() as session:
        previous, _ = clients.update_client(
            session, client_id, clients.ClientInput("Verlaine", daily_rate=Decimal("550"))
        )
    assert previous == saved
    with workspace.session() as session:
        clients.update_client(session, client_id, previous)
        assert clients.client_input(session, client_id) == saved


def test_a_client_with_campaigns_is_archived_not_deleted_and_comes_back(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.session() as session:
        campaigns.create(
            session, CampaignInput(client_id, "Newsletter", date(2027, 1, 5), time(9, 30))
        )
    with pytest.raises(InUse) as held, workspace.session() as session:
        clients.delete_client(session, client_id)
    assert held.value.count == 1 and "archive it instead" in held.value.message

    with workspace.session() as session:
        clients.set_client_archived(session, client_id, True)
    with workspace.reader() as session:
        assert clients.list_clients(session) == []
        assert [c.archived for c in clients.list_clients(session, include_archived=True)] == [True]
        assert len(campaigns.list_campaigns(session)) == 1  # the history stays
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.create(session, CampaignInput(client_id, "Promo", date(2027, 1, 8), time(9)))
    assert codes(refused) == {("client", "client_archived")}
    with workspace.session() as session:
        clients.set_client_archived(session, client_id, False)
    with workspace.reader() as session:
        assert [c.id for c in clients.list_clients(session)] == [client_id]


def test_deleting_a_client_without_campaigns_and_undoing_brings_back_every_row(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.session() as session:
        contacts.add_contact(
            session, client_id, contacts.ContactInput("Claire", "claire@lumiere.fr")
        )
        session.add(Persona(client_id=client_id, name="Julie", fields={"firstname": "Julie"}))
    with workspace.session() as session:
        archive, _ = clients.delete_client(session, client_id)
    with workspace.reader() as session:
        assert clients.list_clients(session, include_archived=True) == []
    with workspace.session() as session:
        clients.undelete_client(session, archive)
    with workspace.reader() as session:
        assert [c.name for c in clients.list_clients(session)] == ["Éditions Lumière"]
        assert [s.name for s in clients.list_segments(session, client_id)] == [
            "Abonnés actifs",
            "Inactifs",
        ]
        assert [c.email for c in contacts.contacts(session, client_id)] == ["claire@lumiere.fr"]


def test_segments_are_unique_per_client_and_held_by_their_campaigns(
    workspace: Workspace, client_id: int
) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        clients.add_segment(session, client_id, "ABONNÉS  actifs", 10)
    assert codes(refused) == {("name", "name_taken")}
    with workspace.session() as session:
        segment_id = clients.segment_id_by_name(session, client_id, "abonnés actifs")
        other, _ = clients.create_segment(session, client_id, "Inactifs 12 mois", 40_000)
        campaigns.create(
            session,
            CampaignInput(
                client_id, "Relance", date(2027, 1, 5), time(9), segment_ids=(segment_id,)
            ),
        )
    with pytest.raises(InUse), workspace.session() as session:
        clients.delete_segment(session, segment_id)
    with workspace.session() as session:
        row, _ = clients.delete_segment(session, other)
        clients.undelete_segment(session, row)
        clients.set_segment_archived(session, segment_id, True)
    with workspace.reader() as session:
        names = [s.name for s in clients.list_segments(session, client_id)]
    assert "Abonnés actifs" not in names and "Inactifs 12 mois" in names


def test_a_contact_needs_an_address_to_receive_bats_or_recaps(
    workspace: Workspace, client_id: int
) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        contacts.add_contact(session, client_id, contacts.ContactInput("Standard", ""))
    assert codes(refused) == {("email", "email_needed")}
    data = contacts.ContactInput(
        "Marc Leroy", "marc@lumiere.fr", ChecklistRole.DATA, RaciRole.CONSULTED, True, False
    )
    with workspace.session() as session:
        contact_id, _ = contacts.add_contact(session, client_id, data)
        previous, _ = contacts.update_contact(
            session, contact_id, contacts.ContactInput("Marc Leroy", "marc@lumiere.fr")
        )
    assert previous == data
    with workspace.session() as session:
        row, _ = contacts.delete_contact(session, contact_id)
        contacts.undelete_contact(session, row)
    with workspace.reader() as session:
        (found,) = contacts.contacts(session, client_id)
    assert (found.team, found.receives_bat, found.receives_recaps) == (
        ChecklistRole.CLIENT,
        False,
        True,
    )


def test_me_is_remembered_per_user_and_workspace_and_names_every_decision(
    workspace: Workspace,
) -> None:
    with workspace.reader() as session:
        assert operators.me(session) is None
        assert operators.who(session) == operators.login_name()
    with workspace.session() as session:
        first, _ = operators.save_profile(session, operators.ProfileInput("Camille Moreau"))
        second, _ = operators.save_profile(session, operators.ProfileInput("Léa Martin"))
    with workspace.reader() as session:
        assert operators.who(session) == "Léa Martin"  # the last created on this computer
        operators.remember_me(session, first)
    with workspace.reader() as session:
        assert operators.who(session) == "Camille Moreau"
        assert [p.name for p in operators.list_operators(session)] == [
            "Camille Moreau",
            "Léa Martin",
        ]
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        operators.save_my_profile(session, operators.ProfileInput(" ", "camille@", colour="x"))
    assert codes(refused) == {
        ("name", "name_empty"),
        ("email", "email_invalid"),
        ("colour", "colour_invalid"),
    }


def test_the_report_settings_of_an_older_workspace_become_the_operator_profile(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(path)
    try:
        migrate.upgrade_to(engine, path, target="0007")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as con:
        con.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [("operator_name", "Camille Moreau"), ("operator_colour", "#0f766e")],
        )
    con.close()
    with Workspace.open(path) as workspace, workspace.reader() as session:
        profile = operators.me(session)
    assert profile is not None
    assert (profile.name, profile.colour, profile.logo_path) == ("Camille Moreau", "#0f766e", "")
