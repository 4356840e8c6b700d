"""Odd servers seen from the send dialogs: the real Send button clicked, a real server on
127.0.0.1 that closes mid-DATA, answers garbage, stays silent or echoes the login; each time one
clear sentence in the dialog, the server's words as plain text, no password in any encoding,
nothing recorded, and the dialog usable again."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from crmdesk.core import smtp
from crmdesk.core.bat import rounds
from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile
from crmdesk.core.contacts import default_flags
from crmdesk.core.db import Workspace
from crmdesk.core.models import Contact, RaciRole, SmtpSecurity
from crmdesk.core.reports import sends
from crmdesk.core.smtp import AccountInput
from crmdesk.ui.bat.send_dialog import SendDialog
from crmdesk.ui.operations import Operations
from crmdesk.ui.reports.send_dialog import RecapSendDialog
from tests.conftest import plan
from tests.keyring_backend import FileKeyring, file_keyring
from tests.smtp_server import CLOSE, Conversation, Script, scripted_server, smtp_server

SEND_DAY = date(2026, 12, 9)
SENDER = "camille@moreau-crm.fr"
USER = "camille@moreau-crm.fr"
ACCENTED = "mot-de-passe-é€ü"
PDF = b"%PDF-1.4\n% a recap\n%%EOF\n"


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        yield backend


@pytest.fixture
def ops(workspace: Workspace) -> Operations:
    return Operations(workspace)


@pytest.fixture
def campaign_id(workspace: Workspace, client_id: int) -> int:
    campaign = plan(workspace, client_id, SEND_DAY, name="Soldes d'hiver")
    with workspace.session() as session:
        role = RaciRole.ACCOUNTABLE
        session.add(
            Contact(
                client_id=client_id,
                name="Sophie Martin",
                email="s.martin@lumiere.fr",
                raci_role=role,
                **default_flags(role),
            )
        )
    return campaign


@pytest.fixture
def round_id(workspace: Workspace, campaign_id: int) -> int:
    html = "<!doctype html><html><body><p>Bonjour,</p></body></html>"
    snapshot = EmailSnapshot(
        source_name="soldes.html",
        kind="html",
        entry="index.html",
        subject="Les soldes d'hiver",
        files=(SnapshotFile("index.html", "text/html", html.encode()),),
    )
    with workspace.session() as session:
        new_id, _ = rounds.import_snapshot(session, campaign_id, snapshot, "claire")
    return new_id


def add_account(workspace: Workspace, port: int, password: str | None = None) -> None:
    user = USER if password else ""
    data = AccountInput("Agence", "127.0.0.1", port, SmtpSecurity.NONE, user, SENDER)
    with workspace.session() as session:
        smtp.save_account(session, data, password)


def open_bat_send(qtbot: QtBot, ops: Operations, round_id: int) -> SendDialog:
    dialog = SendDialog(ops, round_id, who="claire")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def open_recap_send(qtbot: QtBot, ops: Operations, campaign_id: int) -> RecapSendDialog:
    dialog = RecapSendDialog(ops, campaign_id, PDF, "recap.pdf", who="claire")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.recipients.setPlainText("Sophie Martin <s.martin@lumiere.fr>")
    return dialog


def click_send(qtbot: QtBot, dialog: SendDialog | RecapSendDialog, timeout: int = 10_000) -> None:
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=timeout)


def bat_sends(workspace: Workspace, round_id: int) -> list[rounds.SendRecord]:
    with workspace.reader() as session:
        return list(rounds.load_round(session, round_id).sends)


def recap_sends(workspace: Workspace, campaign_id: int) -> list[sends.RecapSendView]:
    with workspace.reader() as session:
        return sends.recap_sends(session, campaign_id)


def assert_usable_again(dialog: SendDialog | RecapSendDialog) -> None:
    assert dialog.isVisible()
    assert dialog.send_button.isEnabled()
    assert not dialog.busy_label.isVisible()
    for label in (dialog.errors, dialog.error_detail):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert "Traceback" not in label.text()


# -- the BAT test send ----------------------------------------------------------------------


def test_a_bat_send_cut_mid_data_says_it_probably_did_not_go(
    qtbot: QtBot, workspace: Workspace, ops: Operations, round_id: int
) -> None:
    with scripted_server(Script(answers={b"DATA-LINE": lambda _c, _l: CLOSE})) as server:
        add_account(workspace, server.port)
        dialog = open_bat_send(qtbot, ops, round_id)
        click_send(qtbot, dialog)

    assert dialog.errors.text() == (
        "The server closed the connection during the send: the email was probably not "
        "delivered. Try again later."
    )
    assert f"127.0.0.1:{server.port} closed the connection during the send" in (
        dialog.error_detail.text()
    )
    assert_usable_again(dialog)
    assert bat_sends(workspace, round_id) == []


def test_a_bat_send_to_a_garbage_server_quotes_it_as_plain_text(
    qtbot: QtBot, workspace: Workspace, ops: Operations, round_id: int
) -> None:
    greeting = b"<b>Welcome</b><img src='https://tracker.example/p.gif'>\x1b[2J\r\n"
    with scripted_server(Script(), greeting=greeting) as server:
        add_account(workspace, server.port)
        dialog = open_bat_send(qtbot, ops, round_id)
        click_send(qtbot, dialog)

    assert dialog.errors.text().startswith("What answers on this port is not an email server")
    detail = dialog.error_detail.text()
    assert "<b>Welcome</b><img src='https://tracker.example/p.gif'>\\x1b[2J" in detail
    assert "\x1b" not in detail
    assert_usable_again(dialog)
    assert bat_sends(workspace, round_id) == []


def test_a_bat_send_to_a_silent_server_times_out_and_the_dialog_stays_alive(
    qtbot: QtBot, workspace: Workspace, ops: Operations, round_id: int
) -> None:
    with scripted_server(Script(), greeting=None) as server:
        add_account(workspace, server.port)
        dialog = open_bat_send(qtbot, ops, round_id)
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        # The window answers meanwhile: the wait is on the worker, and closing is refused.
        qtbot.wait(200)
        assert dialog.busy_label.isVisible()
        dialog.reject()
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=40_000)

    assert dialog.errors.text().startswith("The server did not answer in time")
    assert "did not answer within 20 seconds" in dialog.error_detail.text()
    assert_usable_again(dialog)
    assert bat_sends(workspace, round_id) == []


def test_a_bat_send_with_an_accented_password_goes_out(
    qtbot: QtBot,
    workspace: Workspace,
    ops: Operations,
    round_id: int,
    keyring_file: FileKeyring,
) -> None:
    with smtp_server(users={USER: ACCENTED}) as server:
        add_account(workspace, server.port, ACCENTED)
        dialog = open_bat_send(qtbot, ops, round_id)
        click_send(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_detail.text()
    [received] = server.received
    assert received.rcpt_tos == ("s.martin@lumiere.fr",)
    assert len(bat_sends(workspace, round_id)) == 1


# -- the recap send -------------------------------------------------------------------------


def echo_login(conversation: Conversation) -> bytes:
    sent = b" ".join(line.strip() for line in conversation.auth)
    payload = conversation.auth[0].split()[-1]
    return b"535 5.7.8 Bad credentials: " + sent + b" (" + base64.b64decode(payload) + b")\r\n"


def test_a_recap_refused_by_a_server_echoing_the_login_hides_the_password(
    qtbot: QtBot,
    workspace: Workspace,
    ops: Operations,
    campaign_id: int,
    keyring_file: FileKeyring,
) -> None:
    script = Script(auth="PLAIN", users={USER: "the-right-one"}, refusal=echo_login)
    with scripted_server(script) as server:
        add_account(workspace, server.port, ACCENTED)
        dialog = open_recap_send(qtbot, ops, campaign_id)
        click_send(qtbot, dialog)

    assert dialog.errors.text().startswith("The server refused the login")
    detail = dialog.error_detail.text()
    assert "The server said “535 5.7.8 Bad credentials: AUTH PLAIN •••" in detail
    raw = ACCENTED.encode()
    for secret in (
        ACCENTED,
        base64.b64encode(b"\0" + USER.encode() + b"\0" + raw).decode(),
        base64.b64encode(b"\0" + USER.encode() + b"\0" + raw).decode().rstrip("="),
        base64.b64encode(raw).decode(),
    ):
        assert secret not in detail and secret not in dialog.errors.text()
    assert_usable_again(dialog)
    assert recap_sends(workspace, campaign_id) == []


def test_a_recap_cut_mid_data_is_said_and_not_recorded(
    qtbot: QtBot, workspace: Workspace, ops: Operations, campaign_id: int
) -> None:
    with scripted_server(Script(answers={b"DATA-LINE": lambda _c, _l: CLOSE})) as server:
        add_account(workspace, server.port)
        dialog = open_recap_send(qtbot, ops, campaign_id)
        click_send(qtbot, dialog)

    assert dialog.errors.text().startswith("The server closed the connection during the send")
    assert_usable_again(dialog)
    assert recap_sends(workspace, campaign_id) == []
