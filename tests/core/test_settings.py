"""Workspace settings the reports read: the operator's branding, the template folder, and each
client's logo, kept in the workspace file itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmdesk.core import operators, settings
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.core.reports.model import Branding


def test_a_new_workspace_has_the_default_branding_and_the_shipped_templates(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.reader() as session:
        assert settings.branding(session) == Branding("", "", "#1f2937")
        assert settings.template_folder(session) == ""
        assert settings.client_logo(session, client_id) == ""


def test_the_branding_is_kept_in_the_workspace_and_read_back_cleaned(
    workspace: Workspace, workspace_path: Path, tmp_path: Path
) -> None:
    logo = tmp_path / "camille-moreau.png"  # never created: checked when a report is drawn
    with workspace.session() as session:
        changes = settings.save_branding(
            session, Branding("  Camille   Moreau ", f" {logo} ", " #0F766E ")
        )
    workspace.close()

    with Workspace.open(workspace_path) as reopened, reopened.reader() as session:
        assert settings.branding(session) == Branding("Camille Moreau", str(logo), "#0f766e")
    assert changes.settings and not changes.campaigns


@pytest.mark.parametrize("colour", ["#12345", "0f766e", "#0f766g", "teal", "#0f766e80", ""])
def test_a_colour_that_is_not_rrggbb_is_refused_and_nothing_is_written(
    workspace: Workspace, colour: str
) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        settings.save_branding(session, Branding("Camille Moreau", "", colour))

    [problem] = refused.value.problems
    assert (problem.field, problem.code) == ("operator_colour", "colour_invalid")
    assert "#rrggbb" in refused.value.message
    with workspace.reader() as session:
        assert settings.branding(session) == Branding()


def test_every_problem_of_the_branding_is_named_at_once(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        settings.save_branding(session, Branding("x" * 121, "logo\n.png", "blue"))

    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("operator_name", "name_too_long"),
        ("operator_logo", "path_invalid"),
        ("operator_colour", "colour_invalid"),
    ]


def test_the_branding_is_the_operator_profile_whose_name_cannot_be_cleared(
    workspace: Workspace,
) -> None:
    with workspace.reader() as session:
        assert settings.branding(session) == Branding()
    with workspace.session() as session:
        settings.save_branding(session, Branding("Camille Moreau", "/logos/cm.png", "#0f766e"))
    with workspace.reader() as session:
        profile = operators.me(session)
        assert profile is not None and profile.name == "Camille Moreau"
        assert profile.logo_path == "/logos/cm.png"
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        settings.save_branding(session, Branding("", "", "#1f2937"))
    assert refused.value.problems[0].code == "name_empty"
    with workspace.reader() as session:
        assert settings.branding(session) == Branding("Camille Moreau", "/logos/cm.png", "#0f766e")


def test_the_template_folder_is_set_and_cleared_back_to_the_shipped_templates(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "mes modèles"
    with workspace.session() as session:
        changes = settings.set_template_folder(session, f"{folder}  ")
    with workspace.reader() as session:
        assert settings.template_folder(session) == str(folder)
    assert changes.settings

    with workspace.session() as session:
        settings.set_template_folder(session, "")
    with workspace.reader() as session:
        assert settings.template_folder(session) == ""

    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        settings.set_template_folder(session, "x" * 501)
    assert refused.value.problems[0].code == "path_too_long"


def test_a_client_logo_is_kept_on_the_client_and_an_unknown_client_is_not_found(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.session() as session:
        changes = settings.set_client_logo(session, client_id, " /clients/lumiere.svg ")
    with workspace.reader() as session:
        assert settings.client_logo(session, client_id) == "/clients/lumiere.svg"
    assert changes.clients

    with workspace.session() as session:
        settings.set_client_logo(session, client_id, "")
    with workspace.reader() as session:
        assert settings.client_logo(session, client_id) == ""

    with pytest.raises(NotFound), workspace.session() as session:
        settings.set_client_logo(session, 999, "/clients/x.png")
    with pytest.raises(NotFound), workspace.reader() as session:
        settings.client_logo(session, 999)
