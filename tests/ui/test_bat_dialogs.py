"""The BAT test send as the operator does it: choose the client's contacts, send through a real
SMTP server on 127.0.0.1, read why a send failed; set up SMTP accounts with the password in a
keyring; keep the client's sample personas."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from crmdesk.core import smtp
from crmdesk.core.bat import personas, rounds
from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile
from crmdesk.core.contacts import default_flags
from crmdesk.core.db import Workspace
from crmdesk.core.models import Contact, RaciRole, SmtpSecurity
from crmdesk.core.smtp import AccountInput
from crmdesk.ui.bat.accounts_dialog import AccountsDialog
from crmdesk.ui.bat.personas_dialog import FIELD, VALUE, PersonasDialog
from crmdesk.ui.bat.send_dialog import SendDialog
from crmdesk.ui.operations import Operations
from tests.conftest import plan
from tests.keyring_backend import FileKeyring, installed

SEND_DAY = date(2026, 12, 9)
LOGO = b"\x89PNG\r\n\x1a\n" + b"logo" * 50
SENDER = "camille@moreau-crm.fr"
PASSWORD = "s3cret-Pa55-word"


@dataclass
class Inbox:
    """An aiosmtpd handler keeping what it receives."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or b""
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    """A port nothing listens on (the kernel just gave it out and it was closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def ops(workspace: Workspace) -> Operations:
    return Operations(workspace)


@pytest.fixture
def round_id(workspace: Workspace, client_id: int) -> int:
    """BAT 1 of a campaign whose client has two contacts with an address and one without."""
    campaign_id = plan(workspace, client_id, SEND_DAY, name="Soldes d'hiver")
    html = (
        "<!doctype html><html lang='fr'><head><title>Soldes</title></head><body>"
        "<p>Bonjour {{ contact.PRENOM }},</p><img src='images/logo.png' alt='Logo' width='120'>"
        "<a href='https://example.com/desinscription'>Se désinscrire</a></body></html>"
    )
    snapshot = EmailSnapshot(
        source_name="soldes.html",
        kind="html",
        entry="index.html",
        subject="{{ contact.PRENOM }}, les soldes d'hiver : -50 %",
        files=(
            SnapshotFile("index.html", "text/html", html.encode()),
            SnapshotFile("images/logo.png", "image/png", LOGO),
        ),
    )
    with workspace.session() as session:
        # As the Clients window makes them: who approves receives the BATs.
        for name, address, role in (
            ("Julien Petit", "j.petit@lumiere.fr", RaciRole.INFORMED),
            ("Anne Roux", "", RaciRole.CONSULTED),
            ("Sophie Martin", "s.martin@lumiere.fr", RaciRole.ACCOUNTABLE),
        ):
            flags = default_flags(role) if address else {}
            session.add(
                Contact(client_id=client_id, name=name, email=address, raci_role=role, **flags)
            )
        new_id, _ = rounds.import_snapshot(session, campaign_id, snapshot, "claire")
    return new_id


def add_account(workspace: Workspace, name: str, port: int) -> None:
    """An account on 127.0.0.1 with no login: the keyring is not involved."""
    data = AccountInput(name, "127.0.0.1", port, SmtpSecurity.NONE, "", SENDER)
    with workspace.session() as session:
        smtp.save_account(session, data, None)


def open_send(qtbot: QtBot, ops: Operations, round_id: int) -> SendDialog:
    dialog = SendDialog(ops, round_id, who="claire")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def contact_rows(dialog: SendDialog) -> list[tuple[str, str, str]]:
    items = [
        dialog.recipients.topLevelItem(i) for i in range(dialog.recipients.topLevelItemCount())
    ]
    return [(i.text(0), i.text(1), i.text(2)) for i in items]


def sends(workspace: Workspace, round_id: int) -> list[rounds.SendRecord]:
    with workspace.reader() as session:
        return list(rounds.load_round(session, round_id).sends)


# -- the test send --------------------------------------------------------------------------


def test_the_bat_reaches_the_ticked_contacts_and_typed_addresses(
    qtbot: QtBot,
    workspace: Workspace,
    ops: Operations,
    round_id: int,
    client_id: int,
    inbox: tuple[Inbox, int],
) -> None:
    handler, port = inbox
    add_account(workspace, "Relais de test", port)
    with workspace.session() as session:
        personas.save_persona(session, client_id, "Fidèle lyonnaise", {"firstname": "Léa"})
        personas.save_persona(session, client_id, "Nouvelle inscrite", {"PRENOM": "Inès"})
    dialog = open_send(qtbot, ops, round_id)

    assert dialog.windowTitle() == "Send BAT 1 as a test"
    assert dialog.account.currentText() == f"Relais de test (127.0.0.1:{port})"
    assert not dialog.no_account.isVisible()
    assert contact_rows(dialog) == [  # the approver first; a contact with no address is not
        ("Sophie Martin", "Approves", "s.martin@lumiere.fr"),
        ("Julien Petit", "Informed", "j.petit@lumiere.fr"),
    ]
    assert [dialog.persona.itemText(i) for i in range(dialog.persona.count())] == [
        "Fidèle lyonnaise",
        "Nouvelle inscrite",
    ]
    assert dialog.subject_preview.text() == "[BAT 1] Léa, les soldes d'hiver : -50 %"
    dialog.persona.setFocus()
    qtbot.keyClick(dialog.persona, Qt.Key.Key_Down)
    assert dialog.subject_preview.text() == "[BAT 1] Inès, les soldes d'hiver : -50 %"

    ticked = [
        dialog.recipients.topLevelItem(i).checkState(0) == Qt.CheckState.Checked
        for i in range(dialog.recipients.topLevelItemCount())
    ]
    assert ticked == [True, False], "who receives the BATs (the approver) comes ticked"
    dialog.recipients.setFocus()
    qtbot.keyClick(dialog.recipients, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.recipients, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.others, "claire@moreau-crm.fr ; ")
    with (
        qtbot.waitSignal(dialog.sent, timeout=10_000) as sent,
        qtbot.waitSignal(ops.changed, timeout=10_000) as changed,
    ):
        qtbot.keyClick(dialog.others, Qt.Key.Key_Return)  # Enter sends
        assert dialog.busy_label.isVisible()
        assert dialog.busy_label.text().startswith("Sending…")
        assert not dialog.send_button.isEnabled()
        assert not dialog.cancel_button.isEnabled()

    assert sent.args == ["BAT 1 sent to 3 address(es)"]
    assert changed.args[0].bat, "a test send is a BAT change (no longer a coarse “campaigns”)"
    assert not dialog.isVisible()
    ((envelope_to, received),) = handler.received
    assert envelope_to == ["s.martin@lumiere.fr", "j.petit@lumiere.fr", "claire@moreau-crm.fr"]
    assert received["Subject"] == "[BAT 1] Inès, les soldes d'hiver : -50 %"
    assert received["From"] == SENDER
    types = [part.get_content_type() for part in received.walk()]
    assert {"text/plain", "text/html", "image/png"} <= set(types)
    html = received.get_body(("html",)).get_content()
    assert "Bonjour Inès," in html
    (record,) = sends(workspace, round_id)
    assert record.recipients == (
        "s.martin@lumiere.fr",
        "j.petit@lumiere.fr",
        "claire@moreau-crm.fr",
    )
    assert (record.account, record.persona, record.sent_by) == (
        "Relais de test",
        "Nouvelle inscrite",
        "claire",
    )


def test_an_unreachable_server_is_said_in_the_dialog_and_nothing_is_recorded(
    qtbot: QtBot, workspace: Workspace, ops: Operations, round_id: int
) -> None:
    port = free_port()
    add_account(workspace, "Relais éteint", port)
    dialog = open_send(qtbot, ops, round_id)  # the approver comes ticked

    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)

    assert dialog.isVisible()
    assert dialog.errors.isVisible()
    assert dialog.errors.text() == (
        "The server cannot be reached: check its name, the port and the network."
    )
    assert f"127.0.0.1:{port}" in dialog.error_detail.text()
    assert dialog.send_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert sends(workspace, round_id) == []


def test_with_no_account_the_dialog_offers_to_add_one_then_checks_the_addresses(
    qtbot: QtBot, workspace: Workspace, ops: Operations, round_id: int
) -> None:
    dialog = open_send(qtbot, ops, round_id)
    assert dialog.no_account.isVisible()
    assert not dialog.send_button.isEnabled()
    assert dialog.persona.currentText() == "Default sample (Camille Martin)"
    assert dialog.subject_preview.text() == "[BAT 1] Camille, les soldes d'hiver : -50 %"

    qtbot.mouseClick(dialog.add_account_button, Qt.MouseButton.LeftButton)
    accounts = dialog.accounts_dialog
    assert accounts is not None and accounts.isVisible()
    qtbot.keyClicks(accounts.name, "Relais local")
    qtbot.keyClicks(accounts.host, "127.0.0.1")
    accounts.security.setCurrentIndex(accounts.security.findData(SmtpSecurity.NONE.value))
    qtbot.keyClicks(accounts.sender, SENDER)
    qtbot.keyClick(accounts.sender, Qt.Key.Key_Return)  # Enter saves
    assert [accounts.list.item(i).text() for i in range(accounts.list.count())] == ["Relais local"]
    qtbot.keyClick(accounts, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: dialog.send_button.isEnabled())
    assert dialog.account.currentText() == "Relais local (127.0.0.1:25)"
    assert not dialog.no_account.isVisible()

    qtbot.keyClicks(dialog.others, "thomas@aubrac.fr, pas-une-adresse")
    qtbot.keyClick(dialog.others, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors.isVisible(), timeout=10_000)
    assert dialog.errors.text() == "“pas-une-adresse” is not an email address."
    assert dialog.others.styleSheet()
    assert dialog.isVisible()
    assert sends(workspace, round_id) == []


# -- SMTP accounts --------------------------------------------------------------------------


def stored_accounts(workspace: Workspace) -> list[smtp.AccountInfo]:
    with workspace.reader() as session:
        return smtp.accounts(session)


def open_accounts(qtbot: QtBot, ops: Operations) -> AccountsDialog:
    dialog = AccountsDialog(ops)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_an_account_is_saved_with_its_password_in_the_keyring_only(
    qtbot: QtBot, workspace: Workspace, ops: Operations, tmp_path: Path
) -> None:
    backend = FileKeyring(tmp_path / "keyring.json")
    with installed(backend):
        dialog = open_accounts(qtbot, ops)
        assert dialog.heading.text() == "New account"
        assert dialog.port.value() == 587
        qtbot.keyClicks(dialog.name, "Brevo")
        qtbot.keyClicks(dialog.host, "smtp-relay.brevo.com")
        dialog.security.setCurrentIndex(dialog.security.findData(SmtpSecurity.SSL.value))
        assert dialog.port.value() == 465  # the port was left alone: it follows the security
        qtbot.keyClicks(dialog.username, SENDER)
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

        assert dialog.notice.text() == "“Brevo” saved."
        assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Brevo"]
        assert dialog.password.text() == ""
        assert dialog.password.placeholderText() == "unchanged"
        assert backend.get_password("crmdesk-smtp", "Brevo") == PASSWORD
        (stored,) = stored_accounts(workspace)
        assert (stored.host, stored.port, stored.security) == (
            "smtp-relay.brevo.com",
            465,
            SmtpSecurity.SSL,
        )

        # A port the user typed stays when the security changes; saving keeps the password.
        dialog.port.setValue(2525)
        dialog.security.setCurrentIndex(dialog.security.findData(SmtpSecurity.STARTTLS.value))
        assert dialog.port.value() == 2525
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert stored_accounts(workspace)[0].port == 2525
        assert backend.get_password("crmdesk-smtp", "Brevo") == PASSWORD

    files = [p for p in workspace.path.parent.iterdir() if p.name.startswith(workspace.path.name)]
    for written in files:  # the workspace and its WAL
        assert PASSWORD.encode() not in written.read_bytes(), written


def test_with_no_keyring_the_dialog_says_what_to_install_and_saves_nothing(
    qtbot: QtBot, workspace: Workspace, ops: Operations
) -> None:
    with installed(fail.Keyring()):
        dialog = open_accounts(qtbot, ops)
        qtbot.keyClicks(dialog.name, "OVH")
        qtbot.keyClicks(dialog.host, "smtp://ssl0.ovh.net")
        qtbot.keyClicks(dialog.username, SENDER)
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        host_error = dialog.field_errors["host"]
        assert host_error.isVisible()
        assert host_error.text().startswith("Give the server name alone")
        assert not dialog.field_errors["name"].isVisible()

        dialog.host.setText("ssl0.ovh.net")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    assert not host_error.isVisible()
    assert dialog.errors.isVisible()
    assert dialog.errors.text().startswith("This computer has no keyring to keep the password")
    assert "secretstorage" in dialog.errors.text()
    assert PASSWORD not in dialog.errors.text()
    assert stored_accounts(workspace) == []
    assert dialog.list.count() == 0


def test_removing_an_account_asks_first_and_forgets_its_password(
    qtbot: QtBot, workspace: Workspace, ops: Operations, tmp_path: Path
) -> None:
    backend = FileKeyring(tmp_path / "keyring.json")
    with installed(backend):
        data = AccountInput("Brevo", "smtp-relay.brevo.com", 587, username=SENDER)
        with workspace.session() as session:
            smtp.save_account(session, data, PASSWORD)
        dialog = open_accounts(qtbot, ops)
        assert dialog.name.text() == "Brevo"
        assert dialog.password.text() == ""  # never read back from the keyring

        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert dialog.confirm is not None and dialog.confirm.isVisible()
        assert stored_accounts(workspace) != []
        qtbot.mouseClick(dialog.confirm_remove, Qt.MouseButton.LeftButton)

        assert stored_accounts(workspace) == []
        assert backend.get_password("crmdesk-smtp", "Brevo") is None
        assert dialog.list.count() == 0
        assert dialog.heading.text() == "New account"


# -- sample personas ------------------------------------------------------------------------


def field_rows(table: QTableWidget) -> list[tuple[str, str]]:
    return [
        (table.item(r, FIELD).text(), table.item(r, VALUE).text()) for r in range(table.rowCount())
    ]


def type_into(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    table.setFocus()
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.indexWidget(table.currentIndex())
    editor.insert(text)  # QTest types ASCII only
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # Qt commits it queued


def test_a_persona_is_saved_and_comes_back_with_its_fields(
    qtbot: QtBot, workspace: Workspace, ops: Operations, client_id: int
) -> None:
    dialog = PersonasDialog(ops, client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.default_hint.isVisible()
    assert dialog.heading.text() == "New persona"
    assert field_rows(dialog.table) == [
        ("Civility", ""),
        ("First name", ""),
        ("Last name", ""),
        ("Email", ""),
        ("City", ""),
        ("Postcode", ""),
        ("Company", ""),
        ("", ""),
    ]

    dialog.name.insert("Fidèle lyonnaise")
    type_into(qtbot, dialog.table, 1, VALUE, "Léa")
    type_into(qtbot, dialog.table, 4, VALUE, "Lyon")
    type_into(qtbot, dialog.table, 7, FIELD, "code_fidelite")
    assert dialog.table.rowCount() == 9  # a new free row waits under the one filled in
    type_into(qtbot, dialog.table, 7, VALUE, "A123")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves

    assert dialog.notice.text() == "“Fidèle lyonnaise” saved."
    with workspace.reader() as session:
        (stored,) = personas.personas(session, client_id)
    assert stored.fields == {"firstname": "Léa", "city": "Lyon", "code_fidelite": "A123"}

    again = PersonasDialog(ops, client_id)
    qtbot.addWidget(again)
    again.show()
    assert not again.default_hint.isVisible()
    assert again.name.text() == "Fidèle lyonnaise"
    rows = field_rows(again.table)
    assert rows[1] == ("First name", "Léa") and rows[4] == ("City", "Lyon")
    assert rows[7:] == [("code_fidelite", "A123"), ("", "")]


def test_a_persona_refused_says_why_beside_the_name_or_under_the_fields(
    qtbot: QtBot, workspace: Workspace, ops: Operations, client_id: int
) -> None:
    with workspace.session() as session:
        personas.save_persona(session, client_id, "Fidèle lyonnaise", {"firstname": "Léa"})
    dialog = PersonasDialog(ops, client_id)
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.name.insert("fidèle LYONNAISE")
    type_into(qtbot, dialog.table, 1, VALUE, "Léa")
    type_into(qtbot, dialog.table, 7, FIELD, "prenom")
    type_into(qtbot, dialog.table, 7, VALUE, "Anna")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == "This client already has a persona with this name."
    assert dialog.errors.text() == (
        "“firstname” and “prenom” are the same field with different values."
    )
    with workspace.reader() as session:
        assert [p.name for p in personas.personas(session, client_id)] == ["Fidèle lyonnaise"]
