"""The operator's profile: the "who" of every decision, feedback, tick and send, and the face of
the reports.

Profiles are rows of the workspace, so a workspace shared later by a small team keeps each
person's name on their work. Which row is "me" is a fact about this computer and this user, not
about the workspace: it is remembered in a small file of the user's data folder, keyed by the
workspace. Where nothing is remembered yet, the first profile is "me": a one-person workspace
needs no choice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.files import replace_atomically
from crmdesk.core.models import Operator

NAME_MAX = 120
COMPANY_MAX = 120
PATH_MAX = 500
DEFAULT_COLOUR = "#1f2937"
_COLOUR = re.compile(r"#[0-9a-f]{6}")
#: This user's choice of profile per workspace, in the user's data folder.
CHOICE_FILE = "me.json"


@dataclass(frozen=True)
class ProfileInput:
    """What the profile form (or ``crmdesk profile``) gives."""

    name: str
    email: str = ""
    company: str = ""
    logo_path: str = ""
    colour: str = DEFAULT_COLOUR


@dataclass(frozen=True)
class OperatorProfile:
    id: int
    name: str
    email: str
    company: str
    logo_path: str
    colour: str

    def as_input(self) -> ProfileInput:
        return ProfileInput(self.name, self.email, self.company, self.logo_path, self.colour)


def _profile(row: Operator) -> OperatorProfile:
    return OperatorProfile(row.id, row.name, row.email, row.company, row.logo_path, row.colour)


def list_operators(session: Session) -> list[OperatorProfile]:
    return [_profile(o) for o in session.scalars(select(Operator).order_by(Operator.id))]


def workspace_key(session: Session) -> str:
    """What identifies the workspace on this computer: its file, resolved (or its URL)."""
    url = session.get_bind().engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        return str(Path(url.database).resolve())
    return url.render_as_string(hide_password=True)


def _choice_path() -> Path:
    from crmdesk.core.paths import data_dir

    return data_dir() / CHOICE_FILE


def _choices() -> dict[str, int]:
    try:
        found = json.loads(_choice_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # never chosen, or a file damaged by hand: the first profile is "me" again
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, int)}


def remember_me(session: Session, operator_id: int) -> None:
    """Remember, for this user on this computer, that ``operator_id`` is "me" here."""
    choices = _choices()
    choices[workspace_key(session)] = operator_id
    path = _choice_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(choices, indent=1, ensure_ascii=False).encode("utf-8")
    replace_atomically(path, lambda handle: handle.write(text))


def me(session: Session) -> OperatorProfile | None:
    """This user's profile in the workspace; None in a workspace with no profile yet."""
    chosen = _choices().get(workspace_key(session))
    row = session.get(Operator, chosen) if chosen is not None else None
    if row is None:
        row = session.scalars(select(Operator).order_by(Operator.id).limit(1)).first()
    return None if row is None else _profile(row)


def login_name() -> str:
    """The account on this computer: the last resort for "who" before a profile exists."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment nor passwd
        return ""


def who(session: Session) -> str:
    """The name recorded on a decision, a tick or a send: the profile's, else the login."""
    profile = me(session)
    return profile.name if profile is not None else login_name()


def is_email(text: str) -> bool:
    """One bare address whose domain has a dot: "camille@moreau" is a typo, not a mailbox."""
    from crmdesk.core.smtp import address_of

    address = address_of(text)
    return (
        address is not None
        and address == text.strip()
        and "." in address.rpartition("@")[2].strip(".")
    )


def validate(data: ProfileInput) -> ProfileInput:
    """The input cleaned (one-line name, lower-case colour); ``ValidationError`` otherwise."""
    name = " ".join(data.name.split())
    company = " ".join(data.company.split())
    email = data.email.strip()
    logo = data.logo_path.strip()
    colour = data.colour.strip().lower()
    problems: list[FieldProblem] = []
    if not name:
        problems.append(FieldProblem("name", "name_empty", "Your profile needs a name."))
    elif len(name) > NAME_MAX:
        problems.append(
            FieldProblem("name", "name_too_long", f"The name is longer than {NAME_MAX} characters.")
        )
    if email and not is_email(email):
        problems.append(
            FieldProblem("email", "email_invalid", f"“{email}” is not an email address.")
        )
    if len(company) > COMPANY_MAX:
        problems.append(
            FieldProblem(
                "company", "company_too_long", f"The company is over {COMPANY_MAX} characters."
            )
        )
    if len(logo) > PATH_MAX or any(c in logo for c in "\n\r\0"):
        problems.append(FieldProblem("logo_path", "path_invalid", "The logo path is not valid."))
    if not _COLOUR.fullmatch(colour):
        problems.append(
            FieldProblem(
                "colour",
                "colour_invalid",
                f"“{data.colour}” is not a colour: write it as #rrggbb (#1f2937).",
            )
        )
    if problems:
        raise ValidationError(problems)
    return ProfileInput(name, email, company, logo, colour)


def save_profile(
    session: Session, data: ProfileInput, operator_id: int | None = None
) -> tuple[int, Changes]:
    """Create a profile (remembered as "me" on this computer) or update ``operator_id``."""
    clean = validate(data)
    if operator_id is None:
        row = Operator()
        session.add(row)
    else:
        found = session.get(Operator, operator_id)
        if found is None:
            raise NotFound(f"No operator profile with id {operator_id}.")
        row = found
    row.name = clean.name
    row.email = clean.email
    row.company = clean.company
    row.logo_path = clean.logo_path
    row.colour = clean.colour
    session.flush()
    if operator_id is None:
        remember_me(session, row.id)
    return row.id, Changes(settings=True)


def save_my_profile(session: Session, data: ProfileInput) -> tuple[int, Changes]:
    """Update "me", or create it when the workspace has no profile yet."""
    current = me(session)
    return save_profile(session, data, None if current is None else current.id)
