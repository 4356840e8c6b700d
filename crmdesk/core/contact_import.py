"""A client's contacts from the list the client sent (CSV or .xlsx): one row per person with a
name (or a first name and a last name), an email address and a team role.

The same rules as the plan: every row is read and checked first, a bad cell is named by its
line and column and nothing is written, and a contact already there (same email address, or
same name when there is no address) is left as it is, so importing the list twice adds nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from crmdesk.core import contacts
from crmdesk.core.changes import Changes
from crmdesk.core.contacts import ContactInput
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import ChecklistRole, RaciRole
from crmdesk.core.operators import is_email
from crmdesk.core.plan import PlanProblem
from crmdesk.core.printable import printable
from crmdesk.core.stats.csvfile import normalise_header
from crmdesk.core.tabular import Table, is_blank, quoted_headers

#: Normalised headers (lower case, no accents or punctuation) naming each column.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("nom complet", "full name", "contact", "name", "nom"),
    "first_name": ("prenom", "first name", "firstname", "given name"),
    "last_name": ("nom de famille", "last name", "lastname", "surname", "family name"),
    "email": ("email", "e mail", "mail", "adresse email", "adresse e mail", "courriel"),
    "team": ("role", "equipe", "team", "service", "departement", "department"),
    "raci": ("raci", "role raci"),
}
TEAMS: dict[str, ChecklistRole] = {
    "marketing": ChecklistRole.MARKETING,
    "mkt": ChecklistRole.MARKETING,
    "crm": ChecklistRole.CRM,
    "data": ChecklistRole.DATA,
    "donnees": ChecklistRole.DATA,
    "client": ChecklistRole.CLIENT,
    "": ChecklistRole.CLIENT,
}
RACI: dict[str, RaciRole] = {
    "r": RaciRole.RESPONSIBLE,
    "responsible": RaciRole.RESPONSIBLE,
    "responsable": RaciRole.RESPONSIBLE,
    "a": RaciRole.ACCOUNTABLE,
    "accountable": RaciRole.ACCOUNTABLE,
    "approbateur": RaciRole.ACCOUNTABLE,
    "valideur": RaciRole.ACCOUNTABLE,
    "c": RaciRole.CONSULTED,
    "consulted": RaciRole.CONSULTED,
    "consulte": RaciRole.CONSULTED,
    "i": RaciRole.INFORMED,
    "informed": RaciRole.INFORMED,
    "informe": RaciRole.INFORMED,
    "": RaciRole.INFORMED,
}


class ContactsRefused(CrmdeskError):
    """A contact list that cannot be imported; nothing was written. ``code``: "unmapped" (no
    name nor email column) or "invalid" (``problems`` name lines and columns)."""

    def __init__(self, code: str, source: str, message: str, problems: Sequence[PlanProblem] = ()):
        super().__init__(message)
        self.code = code
        self.source = source
        self.problems = list(problems)


@dataclass(frozen=True)
class ContactsPreview:
    source: str
    to_add: tuple[ContactInput, ...]
    unchanged: int
    skipped_empty: int
    problems: tuple[PlanProblem, ...]


def recognise(headers: Sequence[str]) -> dict[str, int]:
    """Each known column's index, the first header that names it winning."""
    found: dict[str, int] = {}
    keys = [normalise_header(h) for h in headers]
    for field, names in HEADERS.items():
        for name in names:
            if name in keys and keys.index(name) not in found.values():
                found[field] = keys.index(name)
                break
    # "Prénom;Nom;Email": beside a first name, "Nom" is the family name.
    if "first_name" in found and "name" in found and "last_name" not in found:
        if keys[found["name"]] in ("nom", "name"):
            found["last_name"] = found.pop("name")
    return found


def _text(cells: list[object], index: int | None) -> str:
    if index is None or index >= len(cells) or is_blank(cells[index]):
        return ""
    return " ".join(str(cells[index]).split())


def preview(session: Session, client_id: int, table: Table) -> ContactsPreview:
    """Read and check every row against the client's contacts, writing nothing."""
    columns = recognise(table.headers)
    has_name = "name" in columns or "first_name" in columns or "last_name" in columns
    if not has_name or "email" not in columns:
        found = quoted_headers(table.headers)
        raise ContactsRefused(
            "unmapped",
            table.source,
            f"{printable(table.source)}: name the columns "
            '"Nom" (or "Prénom" and "Nom de famille") and '
            f'"Email" (headers found: {found}).',
        )
    known = {
        (c.email.casefold() or c.name.casefold()) for c in contacts.contacts(session, client_id)
    }
    problems: list[PlanProblem] = []
    to_add: list[ContactInput] = []
    unchanged = skipped = 0

    def problem(line: int, field: str, code: str, why: str) -> None:
        header = table.header(columns[field])
        problems.append(
            PlanProblem(
                line, header, field, code, f'Line {line}, column "{printable(header)}": {why}'
            )
        )

    for row in table.rows:
        if row.is_empty:
            skipped += 1
            continue
        cells = row.cells
        name = _text(cells, columns.get("name"))
        if not name:
            name = " ".join(
                p
                for p in (
                    _text(cells, columns.get("first_name")),
                    _text(cells, columns.get("last_name")),
                )
                if p
            )
        email = _text(cells, columns.get("email"))
        team_text = normalise_header(_text(cells, columns.get("team")))
        raci_text = normalise_header(_text(cells, columns.get("raci")))
        if not name:
            field = (
                "name"
                if "name" in columns
                else ("first_name" if "first_name" in columns else "last_name")
            )
            problem(row.line, field, "missing_value", "the contact has no name.")
            continue
        if email and not is_email(email):
            problem(
                row.line, "email", "bad_email", f'"{printable(email)}" is not an email address.'
            )
            continue
        team = TEAMS.get(team_text)
        if team is None:
            problem(
                row.line,
                "team",
                "unknown_team",
                f'"{printable(team_text)}" is not a team (marketing, CRM, data or client).',
            )
            continue
        raci = RACI.get(raci_text)
        if raci is None:
            problem(
                row.line,
                "raci",
                "unknown_raci",
                f'"{printable(raci_text)}" is not a RACI role (R, A, C, I).',
            )
            continue
        key = email.casefold() or name.casefold()
        if key in known:
            unchanged += 1
            continue
        known.add(key)
        flags = contacts.default_flags(raci)
        to_add.append(
            ContactInput(
                name,
                email,
                team,
                raci,
                receives_bat=bool(email) and flags["receives_bat"],
                receives_recaps=bool(email) and flags["receives_recaps"],
            )
        )
    return ContactsPreview(table.source, tuple(to_add), unchanged, skipped, tuple(problems))


def apply(session: Session, client_id: int, found: ContactsPreview) -> tuple[list[int], Changes]:
    """Add the previewed contacts in the caller's transaction: all, or none when any row is
    wrong. Returns their ids (an undo takes them away again)."""
    if found.problems:
        listed = "\n".join(p.message for p in found.problems[:5])
        raise ContactsRefused(
            "invalid",
            found.source,
            f"{printable(found.source)}: {len(found.problems)} problem(s); "
            f"nothing was imported.\n{listed}",
            found.problems,
        )
    added = [contacts.add_contact(session, client_id, data)[0] for data in found.to_add]
    return added, Changes(clients=True)


def remove(session: Session, contact_ids: Sequence[int]) -> tuple[list[dict[str, object]], Changes]:
    """Undo an import: the contacts' rows, to bring them back with their ids (redo)."""
    rows = [contacts.delete_contact(session, contact_id)[0] for contact_id in contact_ids]
    return rows, Changes(clients=True)


def restore(session: Session, rows: Sequence[dict[str, object]]) -> Changes:
    for row in rows:
        contacts.undelete_contact(session, dict(row))
    return Changes(clients=True)
