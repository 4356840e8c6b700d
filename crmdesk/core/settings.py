"""Workspace settings the reports read: the operator's branding, the folder of their own report
templates, and each client's logo.

They live in the workspace (the ``settings`` key/value table, and ``Client.logo_path``), so a
backup or a copy of the file carries the recaps' look with the data. Paths are stored as typed:
the files are on this machine and may move; the renderer checks them when it draws a report,
and a missing logo only costs a warning there, never a report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import operators
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.models import Client, Setting
from crmdesk.core.reports.model import Branding

OPERATOR_NAME = "operator_name"
OPERATOR_LOGO = "operator_logo"
OPERATOR_COLOUR = "operator_colour"
TEMPLATE_FOLDER = "template_folder"

NAME_MAX = 120
#: As ``Client.logo_path``: a path longer than this is a paste gone wrong.
PATH_MAX = 500
_COLOUR = re.compile(r"#[0-9a-f]{6}")


def _read(session: Session, keys: tuple[str, ...]) -> dict[str, str]:
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
    return {key: value for key, value in rows}


def _write(session: Session, key: str, value: str) -> None:
    """Store ``value``; an empty one removes the key, so the default applies again."""
    row = session.get(Setting, key)
    if not value:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def _path_problem(field_name: str, path: str) -> FieldProblem | None:
    if len(path) > PATH_MAX:
        return FieldProblem(
            field_name, "path_too_long", f"The path is longer than {PATH_MAX} characters."
        )
    if "\n" in path or "\r" in path or "\0" in path:
        return FieldProblem(field_name, "path_invalid", "A path is a single line.")
    return None


def branding(session: Session) -> Branding:
    """The operator's name, logo and colour: "my" profile's, the defaults where there is none
    (a workspace from before profiles keeps what its report settings held)."""
    profile = operators.me(session)
    if profile is not None:
        return Branding(profile.name, profile.logo_path, profile.colour)
    found = _read(session, (OPERATOR_NAME, OPERATOR_LOGO, OPERATOR_COLOUR))
    default = Branding()
    return Branding(
        operator_name=found.get(OPERATOR_NAME, default.operator_name),
        operator_logo=found.get(OPERATOR_LOGO, default.operator_logo),
        operator_colour=found.get(OPERATOR_COLOUR, default.operator_colour),
    )


def save_branding(session: Session, data: Branding) -> Changes:
    """Store the branding in "my" profile (its email and company kept), creating the profile
    when a name is given and there is none yet. Refused input raises ``ValidationError`` and
    writes nothing."""
    name = " ".join(data.operator_name.split())
    logo = data.operator_logo.strip()
    colour = data.operator_colour.strip().lower()
    problems: list[FieldProblem] = []
    if len(name) > NAME_MAX:
        problems.append(
            FieldProblem(
                "operator_name", "name_too_long", f"The name is longer than {NAME_MAX} characters."
            )
        )
    logo_problem = _path_problem("operator_logo", logo)
    if logo_problem is not None:
        problems.append(logo_problem)
    if not _COLOUR.fullmatch(colour):
        problems.append(
            FieldProblem(
                "operator_colour",
                "colour_invalid",
                f"“{data.operator_colour}” is not a colour: write it as #rrggbb (#1f2937).",
            )
        )
    if problems:
        raise ValidationError(problems)
    profile = operators.me(session)
    if profile is not None or name:
        if not name:
            raise ValidationError(
                [FieldProblem("operator_name", "name_empty", "Your profile needs a name.")]
            )
        kept = profile.as_input() if profile is not None else operators.ProfileInput(name)
        operators.save_my_profile(session, replace(kept, name=name, logo_path=logo, colour=colour))
        return Changes(settings=True)
    _write(session, OPERATOR_LOGO, logo)
    # The default colour is stored like any other: the operator chose it.
    _write(session, OPERATOR_COLOUR, colour)
    return Changes(settings=True)


def template_folder(session: Session) -> str:
    """The folder whose templates override the shipped ones; "" for the shipped ones only."""
    return _read(session, (TEMPLATE_FOLDER,)).get(TEMPLATE_FOLDER, "")


def set_template_folder(session: Session, path: str) -> Changes:
    """Point the reports at a folder of the operator's own templates ("" to stop)."""
    path = path.strip()
    problem = _path_problem("template_folder", path)
    if problem is not None:
        raise ValidationError([problem])
    _write(session, TEMPLATE_FOLDER, path)
    return Changes(settings=True)


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"No client with id {client_id}.")
    return client


def client_logo(session: Session, client_id: int) -> str:
    """The path of the client's logo on its recaps; "" for none."""
    return _client(session, client_id).logo_path


def set_client_logo(session: Session, client_id: int, path: str) -> Changes:
    """Give the client's recaps its logo ("" for none); the path is stored as given."""
    path = path.strip()
    client = _client(session, client_id)
    problem = _path_problem("logo_path", path)
    if problem is not None:
        raise ValidationError([problem])
    client.logo_path = path
    session.flush()
    return Changes(clients=True)


def save_report_settings(
    session: Session, template_folder: str, client_logos: Mapping[int, str]
) -> Changes:
    """The templates folder and the client logos changed, in the caller's transaction: a
    refusal of any of them keeps them all as they were."""
    changes = set_template_folder(session, template_folder)
    for client_id, path in client_logos.items():
        changes |= set_client_logo(session, client_id, path)
    return changes
