"""Clients and segments: the names the calendar filters by, and the settings it computes with."""

from __future__ import annotations

from datetime import date

import pytest

from crmdesk.core import calendar, clients
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError


def client_names(workspace: Workspace) -> list[str]:
    with workspace.session() as session:
        return [c.name for c in clients.list_clients(session)]


def test_a_client_is_listed_with_its_settings(workspace: Workspace) -> None:
    with workspace.session() as session:
        new_id, changes = clients.create_client(
            session, "  Cycles Aubrac ", pressure_cap=2, timezone="Europe/Paris"
        )
        clients.add_segment(session, new_id, "Clients atelier", 23_000)
    assert changes.clients

    with workspace.session() as session:
        (found,) = clients.list_clients(session)
        segments = clients.list_segments(session, new_id)
    assert (found.name, found.pressure_cap, found.timezone) == ("Cycles Aubrac", 2, "Europe/Paris")
    assert [(s.name, s.estimated_size) for s in segments] == [("Clients atelier", 23_000)]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "name_empty"),
        ("   ", "name_empty"),
        ("éditions lumière", "name_taken"),
        ("ÉDITIONS LUMIÈRE", "name_taken"),
    ],
)
def test_a_client_name_must_be_given_and_unique_whatever_its_case(
    workspace: Workspace, client_id: int, name: str, code: str
) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        clients.create_client(session, name)
    assert [p.code for p in refused.value.problems] == [code]
    assert client_names(workspace) == ["Éditions Lumière"]


def test_a_client_with_an_unknown_time_zone_is_refused(workspace: Workspace) -> None:
    """Accepted, it would break every calendar view that reaches its campaigns."""
    with pytest.raises(ValidationError), workspace.session() as session:
        clients.create_client(session, "Atlantide", timezone="Europe/Atlantis")
    assert client_names(workspace) == []
    with workspace.session() as session:
        calendar.period(session, date(2026, 11, 23), date(2026, 11, 29), with_holidays=False)


def test_a_segment_needs_a_name(workspace: Workspace, client_id: int) -> None:
    with pytest.raises(ValidationError), workspace.session() as session:
        clients.add_segment(session, client_id, "  ")
    with workspace.session() as session:
        assert [s.name for s in clients.list_segments(session, client_id)] == [
            "Abonnés actifs",
            "Inactifs",
        ]


def test_charters_are_cleaned_and_a_bad_colour_writes_nothing(
    workspace: Workspace, client_id: int
) -> None:
    from crmdesk.core.clients import CharterInput, charters, update_charters

    data = CharterInput(
        tone="vous",
        banned_words=("pas cher", " pas  cher ", ""),
        palette=("#C8102E", "fff", "#ffffff"),
        utm_convention=" utm_source=nl ",
    )
    with workspace.session() as session:
        previous, _ = update_charters(session, client_id, data)
    assert previous.tone == ""
    with workspace.reader() as session:
        stored = charters(session, client_id)
    assert stored.banned_words == ("pas cher",)
    assert stored.palette == ("#c8102e", "#ffffff")
    assert stored.utm_convention == "utm_source=nl"
    with pytest.raises(ValidationError, match="not a #rrggbb"), workspace.session() as session:
        update_charters(session, client_id, CharterInput(tone="tu", palette=("rouge",)))
    with workspace.reader() as session:
        assert charters(session, client_id) == stored
