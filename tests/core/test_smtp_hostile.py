"""Sends against hostile and unlucky servers, on 127.0.0.1, with a real keyring backend.

A password with accents must log in (RFC 4954 and RFC 6531 allow UTF-8 credentials); a server
that echoes the login exchange in its refusal must not get the password, in any of its
encodings, into the message the user reads or the log; a server that closes mid-DATA, answers
garbage or never finishes answering gives one clear sentence, never a traceback.
"""

from __future__ import annotations

import base64
import hmac
import logging
import quopri
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import keyring.backends.fail
import pytest

from crmdesk.core import smtp
from crmdesk.core.db import Workspace
from crmdesk.core.models import SmtpSecurity
from crmdesk.core.secrets import SERVICE, SecretStoreUnavailable
from crmdesk.core.smtp import AccountInfo, AccountInput, SendFailed
from tests.keyring_backend import FileKeyring, file_keyring, installed
from tests.smtp_server import (
    CLOSE,
    CRAM_CHALLENGE,
    Conversation,
    Reply,
    Script,
    scripted_server,
    smtp_server,
    trickle,
)

USER = "bat@agence.example"
ACCENTED = "mot-de-passe-é€ü"
ASCII = "Tr0ub4dor&3-horse-battery"


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        yield backend


@pytest.fixture
def app_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="crmdesk")
    return caplog


def mail(*recipients: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "[BAT 1] Soldes d'été"
    message["From"] = USER
    message["To"] = ", ".join(recipients or ("camille@client.example",))
    message.set_content("Bonjour Camille")
    return message


def account(port: int, username: str = USER) -> AccountInfo:
    return AccountInfo(1, "Agence", "127.0.0.1", port, SmtpSecurity.NONE, username, USER)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def encodings_of(password: str, user: str = USER) -> list[str]:
    """The password in every form a login exchange gives it, as the test computes them."""
    raw, name = password.encode(), user.encode()
    forms = [password, repr(raw)[2:-1], quote(password), quopri.encodestring(raw).decode()]
    for payload in (
        raw,
        b"\0" + name + b"\0" + raw,
        name + b"\0" + raw,
        name + b"\0" + name + b"\0" + raw,
    ):
        forms += [
            b64(payload),
            b64(payload).rstrip("="),
            base64.urlsafe_b64encode(payload).decode(),
        ]
    digest = hmac.new(raw, CRAM_CHALLENGE, "md5").hexdigest()
    forms += [digest, b64(name + b" " + digest.encode())]
    return forms


def leaked(text: str, password: str) -> list[str]:
    return [form for form in encodings_of(password) if form in text]


def echo_everything(conversation: Conversation) -> bytes:
    """A refusal quoting the whole login exchange back: as sent, unpadded, decoded, with its
    first character cut, and cut short, over several lines."""
    sent = [line.strip() for line in conversation.auth]
    # The base64 of each line: "AUTH PLAIN <b64>" or a bare "<b64>" answer; not "AUTH CRAM-MD5".
    payloads = [line.split()[-1] for line in sent if len(line.split()) != 2]
    decoded = b" ".join(base64.b64decode(p + b"=" * (-len(p) % 4)) for p in payloads)
    return (
        b"535-5.7.8 Authentication failed for " + b" | ".join(sent) + b"\r\n"
        b"535-5.7.8 unpadded " + b" ".join(p.rstrip(b"=") for p in payloads) + b"\r\n"
        b"535-5.7.8 shifted x" + b" y".join(p[1:] for p in payloads) + b"\r\n"
        b"535-5.7.8 cut " + b" ".join(p[: len(p) * 2 // 3] for p in payloads) + b"\r\n"
        b"535 5.7.8 decoded " + decoded + b"\r\n"
    )


# --- credentials in UTF-8 ------------------------------------------------------------------


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_a_password_with_accents_logs_in_and_the_mail_arrives(
    mechanism: str, keyring_file: FileKeyring, app_log: pytest.LogCaptureFixture
) -> None:
    keyring_file.set_password(SERVICE, "Agence", ACCENTED)
    with smtp_server(users={USER: ACCENTED}, mechanisms=(mechanism,)) as server:
        smtp.send(account(server.port), mail())

    [received] = server.received
    assert received.message["Subject"] == "[BAT 1] Soldes d'été"
    assert leaked(app_log.text, ACCENTED) == []


def test_a_password_with_accents_logs_in_with_cram_md5(keyring_file: FileKeyring) -> None:
    keyring_file.set_password(SERVICE, "Agence", ACCENTED)
    script = Script(auth="CRAM-MD5", users={USER: ACCENTED})
    with scripted_server(script) as server:
        smtp.send(account(server.port), mail())

    assert len(script.delivered) == 1
    assert server.conversations[0].logged_in


def test_a_user_name_with_accents_logs_in_too(keyring_file: FileKeyring) -> None:
    keyring_file.set_password(SERVICE, "Agence", ACCENTED)
    with smtp_server(users={"josé@agence.example": ACCENTED}, mechanisms=("PLAIN",)) as server:
        smtp.send(account(server.port, "josé@agence.example"), mail())

    assert len(server.received) == 1


# --- no secret echoed ----------------------------------------------------------------------


@pytest.mark.parametrize("password", [ACCENTED, ASCII])
@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN", "CRAM-MD5"])
def test_a_refusal_echoing_the_login_shows_no_encoding_of_the_password(
    mechanism: str,
    password: str,
    keyring_file: FileKeyring,
    app_log: pytest.LogCaptureFixture,
) -> None:
    keyring_file.set_password(SERVICE, "Agence", password)
    script = Script(auth=mechanism, users={USER: "the-right-one"}, refusal=echo_everything)
    with scripted_server(script) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port), mail())

    message = failed.value.message
    assert leaked(message, password) == []
    assert leaked(app_log.text, password) == []
    assert failed.value.code == "login_refused"
    assert f"127.0.0.1:{server.port} refused the login of user {USER}" in message
    assert "The server said “535 5.7.8 Authentication failed for" in message
    assert "\n" not in message and "\x00" not in message
    # The refusal was real: the server did get the login it echoed.
    assert len(server.conversations[0].auth) >= 1
    assert script.delivered == []


def test_a_server_quoting_the_whole_session_later_is_scrubbed_too(
    keyring_file: FileKeyring,
) -> None:
    """Not only the login's refusal: the MAIL FROM refusal and the recipient refusals quote
    the server as well, through the same scrubbing."""

    def transcript(conversation: Conversation, line: bytes) -> Reply:
        return (
            b"550 5.7.1 Refused after: "
            + b" ".join(x.strip() for x in conversation.lines)
            + b"\r\n"
        )

    keyring_file.set_password(SERVICE, "Agence", ACCENTED)
    for verb in (b"MAIL", b"RCPT"):
        script = Script(auth="PLAIN", users={USER: ACCENTED}, answers={verb: transcript})
        with scripted_server(script) as server:
            with pytest.raises(SendFailed) as failed:
                smtp.send(account(server.port), mail())

        assert "Refused after: ehlo" in failed.value.message
        assert leaked(failed.value.message, ACCENTED) == []
        assert server.conversations[0].logged_in


def test_scrub_masks_every_form_and_keeps_the_rest() -> None:
    raw = ACCENTED.encode()
    plain = b"\0" + USER.encode() + b"\0" + raw
    said = " ; ".join(
        [
            "literal " + ACCENTED,
            "upper " + ACCENTED.upper(),
            "bytes " + repr(raw),
            "login " + b64(raw),
            "plain " + b64(plain),
            "unpadded " + b64(plain).rstrip("="),
            "urlsafe " + base64.urlsafe_b64encode(plain).decode(),
            "no-authzid " + b64(USER.encode() + b"\0" + raw),
            "percent " + quote(ACCENTED, safe=""),
            "percent-lower " + quote(ACCENTED, safe="").lower(),
            "qp " + quopri.encodestring(raw).decode(),
            "json " + ascii(ACCENTED),
            "latin1-mojibake " + raw.decode("latin-1"),
            "glued x" + b64(plain),
            "cut " + b64(plain)[:36],
        ]
    )
    scrubbed = smtp.scrub(said, ACCENTED, user=USER)

    assert leaked(scrubbed, ACCENTED) == []
    assert ACCENTED.upper() not in scrubbed
    assert b64(plain)[:36] not in scrubbed
    for word in ("literal", "bytes", "plain", "percent-lower", "qp", "glued", "cut"):
        assert word in scrubbed
    assert smtp.scrub("550 Mailbox unavailable", ACCENTED, user=USER) == "550 Mailbox unavailable"


def test_scrub_bounds_its_work_and_never_leaves_half_a_secret_at_the_cut() -> None:
    plain = b64(b"\0" + USER.encode() + b"\0" + ACCENTED.encode())
    for padding in range(3990, 4001, 2):
        said = "x" * padding + " " + plain + " " + ACCENTED + " tail" * 200_000
        started = time.monotonic()
        scrubbed = smtp.scrub(said, ACCENTED, user=USER)
        assert time.monotonic() - started < 1
        assert len(scrubbed) <= smtp.SCRUB_MAX + 1
        assert plain[:6] not in scrubbed and ACCENTED[:6] not in scrubbed


# --- no keyring ----------------------------------------------------------------------------


def test_without_a_keyring_backend_a_send_says_what_to_install_and_contacts_no_one() -> None:
    script = Script(auth="PLAIN", users={USER: ACCENTED})
    with scripted_server(script) as server, installed(keyring.backends.fail.Keyring()):
        with pytest.raises(SecretStoreUnavailable) as refused:
            smtp.send(account(server.port), mail())

    assert refused.value.code == "no_backend"
    assert "keyrings.alt" in refused.value.message
    assert server.conversations == []


def test_a_keyring_that_cannot_write_refuses_the_account_and_nothing_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A backend failing with its own error (here a real OSError: its folder is gone), not a
    KeyringError, is still one clear sentence, and the password is not in it."""
    broken = FileKeyring(tmp_path / "gone" / "keyring.json")
    data = AccountInput("Agence", "smtp.agence.example", 587, username=USER)
    with installed(broken), pytest.raises(SecretStoreUnavailable) as refused:
        with workspace.session() as session:
            smtp.save_account(session, data, ACCENTED)

    assert refused.value.code == "failed"
    assert "could not keep the password of SMTP account “Agence”" in refused.value.message
    assert "Nothing was saved." in refused.value.message
    assert ACCENTED not in refused.value.message
    with workspace.reader() as session:
        assert smtp.accounts(session) == []


def test_a_damaged_keyring_file_makes_a_send_fail_with_one_sentence(tmp_path: Path) -> None:
    damaged = tmp_path / "keyring.json"
    damaged.write_bytes(b"\x00{not json")
    with scripted_server(Script(auth="PLAIN")) as server, installed(FileKeyring(damaged)):
        with pytest.raises(SecretStoreUnavailable) as refused:
            smtp.send(account(server.port), mail())

    assert refused.value.code == "failed"
    assert "could not give the password of SMTP account “Agence”" in refused.value.message
    assert "\x00" not in refused.value.message
    assert server.conversations == []


# --- odd servers ---------------------------------------------------------------------------


def one_sentence_no_traceback(failure: SendFailed) -> str:
    message = failure.message
    assert "Traceback" not in message and "\n" not in message
    assert all(c.isprintable() for c in message)
    return message


def test_a_server_closing_mid_data_says_the_mail_probably_did_not_go() -> None:
    script = Script(answers={b"DATA-LINE": lambda _c, _l: CLOSE})
    with scripted_server(script) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail())

    message = one_sentence_no_traceback(failed.value)
    assert failed.value.code == "interrupted"
    assert "closed the connection during the send" in message
    assert "probably not delivered" in message


@pytest.mark.parametrize(
    "greeting",
    [
        b"\x1b]0;pwned\x07HTTP/1.1 400 Bad Request\x1b[2J\r\n",
        b"\xff\xfe\x00\x01 random bytes \x9b\r\n",
        b"SSH-2.0-OpenSSH_9.6\r\n",
    ],
)
def test_a_server_answering_garbage_says_it_is_not_smtp(greeting: bytes) -> None:
    with scripted_server(Script(), greeting=greeting) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail())

    message = one_sentence_no_traceback(failed.value)
    assert failed.value.code == "not_smtp"
    assert f"127.0.0.1:{server.port} answered something that is not SMTP" in message
    assert "\x1b" not in message


def test_garbage_after_a_good_greeting_is_also_not_smtp() -> None:
    garbage = {verb: (lambda _c, _l: b"\x00\x00garbage\r\n") for verb in (b"EHLO", b"HELO")}
    with scripted_server(Script(answers=garbage)) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail())

    assert "not SMTP (“\\x00\\x00garbage”)" in one_sentence_no_traceback(failed.value)


def test_an_endless_reply_is_cut_off() -> None:
    endless = {b"EHLO": lambda _c, _l: b"250-" + b"x" * 100 + b"\r\n" + b"250-more\r\n" * 5000}
    with scripted_server(Script(answers=endless)) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail())

    message = one_sentence_no_traceback(failed.value)
    assert "not SMTP" in message
    assert len(message) < 600


def test_a_server_that_stops_answering_after_the_data_times_out() -> None:
    silent = {smtp_end: (lambda _c, _l: b"") for smtp_end in (b".\r\n",)}
    with scripted_server(Script(answers=silent)) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail(), timeout=0.5)

    message = one_sentence_no_traceback(failed.value)
    assert failed.value.code == "timeout"
    assert "did not answer within 0.5 seconds" in message


def test_a_server_trickling_its_reply_is_cut_off_at_the_deadline() -> None:
    slow = {b"EHLO": lambda _c, _l: trickle(b"250-" + b"x" * 400 + b"\r\n", 0.05)}
    with scripted_server(Script(answers=slow)) as server:
        started = time.monotonic()
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail(), timeout=0.5, deadline=1.0)
        took = time.monotonic() - started

    message = one_sentence_no_traceback(failed.value)
    assert failed.value.code == "timeout"
    assert "had not finished answering after 1 seconds" in message
    assert took < 4


def test_a_greeting_trickled_forever_is_cut_off_at_the_deadline_too() -> None:
    greeting = trickle(b"220-" + b"x" * 400 + b"\r\n", 0.05)
    with scripted_server(Script(), greeting=greeting) as server:
        started = time.monotonic()
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail(), timeout=0.5, deadline=1.0)
        took = time.monotonic() - started

    assert failed.value.code == "timeout"
    assert "had not finished answering after 1 seconds" in one_sentence_no_traceback(failed.value)
    assert took < 4


def test_a_rude_goodbye_after_the_server_took_the_mail_is_no_failure() -> None:
    script = Script(answers={b"QUIT": lambda _c, _l: b"500 what?\r\n"})
    with scripted_server(script):
        pass
    with scripted_server(script) as server:
        smtp.send(account(server.port, ""), mail())

    assert len(script.delivered) == 1


def test_an_address_with_accents_to_a_server_without_smtputf8_says_so() -> None:
    script = Script()
    with scripted_server(script) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port, ""), mail("josé@client.example"))

    message = one_sentence_no_traceback(failed.value)
    assert "does not accept addresses written with accents" in message
    assert script.delivered == []


def test_a_server_offering_no_mechanism_crmdesk_speaks_names_them(
    keyring_file: FileKeyring,
) -> None:
    keyring_file.set_password(SERVICE, "Agence", ACCENTED)
    with scripted_server(Script(auth="GSSAPI XOAUTH2")) as server:
        with pytest.raises(SendFailed) as failed:
            smtp.send(account(server.port), mail())

    message = one_sentence_no_traceback(failed.value)
    assert "offers no login method crmdesk can use (it offers GSSAPI XOAUTH2" in message
