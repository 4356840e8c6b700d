"""SMTP accounts and sends against a real server on 127.0.0.1, with a real keyring backend.

The password must reach the keyring and the server's login, and nowhere else: not the
workspace file, not the log, not an error message.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import keyring.backends.fail
import pytest

from crmdesk.core import smtp
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError
from crmdesk.core.models import SmtpSecurity
from crmdesk.core.secrets import SERVICE, SecretStoreUnavailable
from crmdesk.core.smtp import AccountInfo, AccountInput, SendFailed
from tests.conftest import stored_bytes
from tests.keyring_backend import FileKeyring, LockedKeyring, file_keyring, installed
from tests.smtp_server import Certificate, free_port, self_signed, smtp_server

PASSWORD = "Tr0ub4dor&3-horse-battery"


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        yield backend


@pytest.fixture
def certificate(tmp_path: Path) -> Certificate:
    return self_signed(tmp_path)


@pytest.fixture
def app_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="crmdesk")
    return caplog


def mail(*recipients: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "[BAT 1] Soldes d'été"
    message["From"] = "bat@agence.example"
    message["To"] = ", ".join(recipients)
    message.set_content("Bonjour Camille")
    return message


def account(
    port: int, security: SmtpSecurity = SmtpSecurity.NONE, username: str = ""
) -> AccountInfo:
    return AccountInfo(1, "Agence", "127.0.0.1", port, security, username, "bat@agence.example")


# --- accounts --------------------------------------------------------------------------------


def test_an_account_keeps_its_password_in_the_keyring_and_nowhere_else(
    workspace: Workspace,
    workspace_path: Path,
    keyring_file: FileKeyring,
    app_log: pytest.LogCaptureFixture,
) -> None:
    data = AccountInput(
        "Agence", " smtp.agence.example ", 587, SmtpSecurity.STARTTLS, "bat@agence.example"
    )
    with workspace.session() as session:
        smtp.save_account(session, data, PASSWORD)

    with workspace.reader() as session:
        [saved] = smtp.accounts(session)
    assert (saved.name, saved.host, saved.port, saved.security, saved.username) == (
        "Agence",
        "smtp.agence.example",
        587,
        SmtpSecurity.STARTTLS,
        "bat@agence.example",
    )
    assert keyring_file.get_password(SERVICE, "Agence") == PASSWORD
    assert PASSWORD.encode() not in stored_bytes(workspace_path)
    assert PASSWORD not in app_log.text


def test_bad_account_fields_are_each_named_and_nothing_is_written(
    workspace: Workspace, keyring_file: FileKeyring
) -> None:
    data = AccountInput("", "smtp://mail.example", 0, SmtpSecurity.SSL, "", "not an address")
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        smtp.save_account(session, data, None)

    assert {(p.field, p.code) for p in refused.value.problems} == {
        ("name", "name_empty"),
        ("host", "host_invalid"),
        ("port", "port_invalid"),
        ("sender", "sender_invalid"),
    }
    assert "smtp://mail.example" in refused.value.message
    with workspace.reader() as session:
        assert smtp.accounts(session) == []


def test_a_host_with_its_port_and_a_user_without_password_are_refused(
    workspace: Workspace, keyring_file: FileKeyring
) -> None:
    data = AccountInput("Agence", "smtp.example.com:587", 587, username="bat@agence.example")
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        smtp.save_account(session, data, "")

    assert {p.code for p in refused.value.problems} == {"host_invalid", "password_missing"}
    assert "port in its own field" in refused.value.message


def test_two_accounts_cannot_share_a_name(workspace: Workspace, keyring_file: FileKeyring) -> None:
    with workspace.session() as session:
        smtp.save_account(
            session, AccountInput("Agence", "smtp.a.example", 465, SmtpSecurity.SSL), None
        )
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        smtp.save_account(session, AccountInput("agence", "smtp.b.example", 587), None)

    assert [p.code for p in refused.value.problems] == ["name_taken"]
    with workspace.reader() as session:
        assert [a.host for a in smtp.accounts(session)] == ["smtp.a.example"]


def test_without_a_keyring_backend_the_account_is_refused_with_what_to_install(
    workspace: Workspace, workspace_path: Path
) -> None:
    data = AccountInput("Agence", "smtp.agence.example", 587, username="bat@agence.example")
    with installed(keyring.backends.fail.Keyring()):
        with pytest.raises(SecretStoreUnavailable) as refused, workspace.session() as session:
            smtp.save_account(session, data, PASSWORD)

    assert refused.value.code == "no_backend"
    for needed in ("GNOME Keyring", "KWallet", "secretstorage", "keyrings.alt"):
        assert needed in refused.value.message
    assert PASSWORD not in refused.value.message
    with workspace.reader() as session:
        assert smtp.accounts(session) == []
    assert PASSWORD.encode() not in stored_bytes(workspace_path)


def test_a_locked_keyring_asks_to_be_unlocked_and_nothing_is_written(workspace: Workspace) -> None:
    data = AccountInput("Agence", "smtp.agence.example", 587, username="bat@agence.example")
    with installed(LockedKeyring()):
        with pytest.raises(SecretStoreUnavailable) as refused, workspace.session() as session:
            smtp.save_account(session, data, PASSWORD)

    assert refused.value.code == "locked"
    assert refused.value.message == (
        "The system keyring is locked, so crmdesk could not keep the password of SMTP account "
        "“Agence”: unlock it and try again. Nothing was saved."
    )
    with workspace.reader() as session:
        assert smtp.accounts(session) == []


def test_a_renamed_account_takes_its_password_and_a_removed_one_forgets_it(
    workspace: Workspace, keyring_file: FileKeyring
) -> None:
    data = AccountInput("Agence", "smtp.agence.example", 587, username="bat@agence.example")
    with workspace.session() as session:
        account_id, _ = smtp.save_account(session, data, PASSWORD)
    with workspace.session() as session:
        smtp.save_account(
            session,
            AccountInput("Agence Lyon", data.host, 587, username=data.username),
            None,
            account_id,
        )

    assert keyring_file.get_password(SERVICE, "Agence Lyon") == PASSWORD
    assert keyring_file.get_password(SERVICE, "Agence") is None

    with workspace.session() as session:
        smtp.remove_account(session, account_id)
    assert keyring_file.get_password(SERVICE, "Agence Lyon") is None
    with workspace.reader() as session:
        assert smtp.accounts(session) == []


# --- sends -----------------------------------------------------------------------------------


def test_a_mail_reaches_the_server_for_every_recipient(app_log: pytest.LogCaptureFixture) -> None:
    with smtp_server() as server:
        smtp.send(account(server.port), mail("camille@client.example", "paul@client.example"))

    [received] = server.received
    assert received.rcpt_tos == ("camille@client.example", "paul@client.example")
    assert received.message["Subject"] == "[BAT 1] Soldes d'été"
    assert f"to 2 recipient(s) via 127.0.0.1:{server.port}" in app_log.text


def test_a_login_over_starttls_uses_the_password_from_the_keyring(
    keyring_file: FileKeyring,
    certificate: Certificate,
    monkeypatch: pytest.MonkeyPatch,
    app_log: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.path))
    keyring_file.set_password(SERVICE, "Agence", PASSWORD)
    users = {"bat@agence.example": PASSWORD}
    with smtp_server(starttls=certificate.server_context(), users=users) as server:
        smtp.send(
            account(server.port, SmtpSecurity.STARTTLS, "bat@agence.example"),
            mail("camille@client.example"),
        )

    assert len(server.received) == 1
    assert PASSWORD not in app_log.text


def test_a_refused_login_names_the_server_and_user_but_not_the_password(
    keyring_file: FileKeyring,
    certificate: Certificate,
    monkeypatch: pytest.MonkeyPatch,
    app_log: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.path))
    keyring_file.set_password(SERVICE, "Agence", PASSWORD)
    users = {"bat@agence.example": "the-right-one"}
    with smtp_server(starttls=certificate.server_context(), users=users) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(
                account(server.port, SmtpSecurity.STARTTLS, "bat@agence.example"),
                mail("camille@client.example"),
            )

    assert failed.value.code == "login_refused"
    assert f"127.0.0.1:{server.port} refused the login of user bat@agence.example" in (
        failed.value.message
    )
    assert "check the password" in failed.value.message
    assert PASSWORD not in failed.value.message
    assert PASSWORD not in app_log.text
    assert server.received == []


def test_a_refused_login_on_a_plain_connection_is_reported_the_same(
    keyring_file: FileKeyring,
) -> None:
    keyring_file.set_password(SERVICE, "Agence", PASSWORD)
    with smtp_server(users={"someone": "else"}) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, username="bat@agence.example"), mail("a@b.example"))

    assert failed.value.code == "login_refused"


def test_a_closed_port_is_unreachable() -> None:
    port = free_port()
    with pytest.raises(SendFailed) as failed:
        smtp.send(account(port), mail("camille@client.example"), password="")

    assert failed.value.code == "unreachable"
    assert f"127.0.0.1:{port}" in failed.value.message


def test_an_unknown_certificate_is_refused_before_anything_is_sent(
    keyring_file: FileKeyring, certificate: Certificate
) -> None:
    keyring_file.set_password(SERVICE, "Agence", PASSWORD)
    with smtp_server(implicit_tls=certificate.server_context()) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(
                account(server.port, SmtpSecurity.SSL, "bat@agence.example"),
                mail("camille@client.example"),
            )

    assert failed.value.code == "certificate"
    assert f"certificate of 127.0.0.1:{server.port}" in failed.value.message
    assert "self-signed" in failed.value.message
    assert server.received == []


def test_a_trusted_certificate_lets_an_ssl_send_through(
    certificate: Certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.path))
    with smtp_server(implicit_tls=certificate.server_context()) as server:
        smtp.send(account(server.port, SmtpSecurity.SSL), mail("camille@client.example"))

    assert len(server.received) == 1


def test_starttls_asked_of_a_server_without_it_says_so() -> None:
    with smtp_server() as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, SmtpSecurity.STARTTLS), mail("a@client.example"))

    assert failed.value.code == "tls_unavailable"
    assert "does not offer STARTTLS" in failed.value.message
    assert server.received == []


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(port), mail("a@client.example"), timeout=0.3)

    assert failed.value.code == "timeout"
    assert f"127.0.0.1:{port} did not answer within 0.3 seconds" in failed.value.message


def test_refused_recipients_are_named() -> None:
    with smtp_server() as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(
                account(server.port), mail("camille@client.example", "nobody@refused.example")
            )

    assert failed.value.code == "refused_recipients"
    assert "nobody@refused.example (550" in failed.value.message
    assert "It went to camille@client.example" in failed.value.message


def test_an_account_whose_password_the_keyring_lost_says_so(keyring_file: FileKeyring) -> None:
    with smtp_server(users={"bat@agence.example": PASSWORD}) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, username="bat@agence.example"), mail("a@client.example"))

    assert failed.value.code == "no_password"
    assert "“Agence”" in failed.value.message
    assert server.received == []
