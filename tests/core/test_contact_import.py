"""A client's contact list as the client sends it: French or English headers, a first and a
last name or one name, all or nothing, and once only."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from crmdesk.core import contact_import, contacts, tabular
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.models import ChecklistRole, RaciRole


def load(workspace: Workspace, client_id: int, path: Path) -> contact_import.ContactsPreview:
    table = tabular.read_table(path)
    with workspace.reader() as session:
        return contact_import.preview(session, client_id, table)


def test_an_xlsx_list_with_first_and_last_names_comes_in_once(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Prénom", "Nom", "Adresse e-mail", "Service", "RACI"])
    sheet.append(["Claire", "Dubois", "claire@lumiere.fr", "Marketing", "Approbateur"])
    sheet.append(["Marc", "Leroy", "MARC@lumiere.fr", "données", "C"])
    sheet.append([])
    book.save(tmp_path / "contacts.xlsx")

    found = load(workspace, client_id, tmp_path / "contacts.xlsx")
    assert [(c.name, c.team, c.role) for c in found.to_add] == [
        ("Claire Dubois", ChecklistRole.MARKETING, RaciRole.ACCOUNTABLE),
        ("Marc Leroy", ChecklistRole.DATA, RaciRole.CONSULTED),
    ]
    with workspace.session() as session:
        added, changes = contact_import.apply(session, client_id, found)
    assert len(added) == 2 and changes.clients
    again = load(workspace, client_id, tmp_path / "contacts.xlsx")
    assert (again.to_add, again.unchanged) == ((), 2), "the same people, whatever the case"

    with workspace.session() as session:
        rows, _ = contact_import.remove(session, added)
    with workspace.reader() as session:
        assert contacts.contacts(session, client_id) == []
    with workspace.session() as session:
        contact_import.restore(session, rows)
    with workspace.reader() as session:
        assert sorted(c.id for c in contacts.contacts(session, client_id)) == sorted(added)


def test_a_bad_row_names_its_line_and_column_and_nothing_is_written(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name;Email;Team\nLéa;lea@lumiere.fr;CRM\nPaul;paul@;CRM\nZoé;zoe@lumiere.fr;compta\n",
        encoding="utf-8",
    )
    found = load(workspace, client_id, path)
    assert [p.message for p in found.problems] == [
        'Line 3, column "Email": "paul@" is not an email address.',
        'Line 4, column "Team": "compta" is not a team (marketing, CRM, data or client).',
    ]
    with pytest.raises(contact_import.ContactsRefused), workspace.session() as session:
        contact_import.apply(session, client_id, found)
    with workspace.reader() as session:
        assert contacts.contacts(session, client_id) == []


def test_a_list_without_names_or_addresses_is_refused_with_its_headers(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,score\n1,3\n", encoding="utf-8")
    with pytest.raises(contact_import.ContactsRefused) as refused:
        load(workspace, client_id, path)
    assert refused.value.code == "unmapped"
    assert '"id", "score"' in refused.value.message


def test_every_csv_of_the_corpus_gives_contacts_or_a_sentence(
    workspace: Workspace, client_id: int, corpus: Path
) -> None:
    files = sorted(corpus.rglob("*.csv"))
    assert files
    for path in files:
        try:
            load(workspace, client_id, path)
        except CrmdeskError as refused:
            assert refused.message, path
