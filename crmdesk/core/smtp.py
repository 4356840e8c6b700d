"""SMTP accounts for test sends, and the send itself.

An account (server, port, security, user, sender) lives in the workspace; its password lives
in the system keyring (:mod:`crmdesk.core.secrets`) and goes nowhere else: not in the database,
not in the log, not in an error message. Every way a send can fail becomes a
:class:`SendFailed` whose ``code`` picks the UI's sentence and whose English message names the
server and says what to check.

The login is crmdesk's own (:func:`_login`): smtplib encodes credentials as ASCII, and RFC 4954
and RFC 6531 let them be UTF-8. Whatever the server says is quoted only through :func:`scrub`,
which masks the password in every encoding the login gave it, since servers echo the client's
AUTH line in their refusals; the quote is then made printable and cut. A server that closes
mid-DATA, answers garbage, sends replies without end or trickles them past :data:`DEADLINE`
gives one sentence too.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import json
import logging
import quopri
import re
import smtplib
import socket
import ssl
import string
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any
from urllib.parse import quote, quote_plus

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import secrets
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError, FieldProblem, NotFound, ValidationError
from crmdesk.core.models import SmtpAccount, SmtpSecurity
from crmdesk.core.printable import printable

log = logging.getLogger(__name__)

NAME_MAX = 80
HOST_MAX = 253
ADDRESS_MAX = 254


@dataclass(frozen=True)
class AccountInput:
    """What the account dialog or ``crmdesk smtp add`` gives; the password travels apart."""

    name: str
    host: str
    port: int
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    username: str = ""
    sender: str = ""


@dataclass(frozen=True)
class AccountInfo:
    id: int
    name: str
    host: str
    port: int
    security: SmtpSecurity
    username: str
    sender: str

    @property
    def where(self) -> str:
        """``host:port``, as every message about this account names the server."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


class SendFailed(CrmdeskError):
    """A send that did not go out (or not to everyone); nothing was recorded.

    ``code``: "login_refused", "unreachable", "certificate", "timeout", "refused_recipients",
    "tls_unavailable", "no_password", "interrupted" (the connection closed during the send,
    before the server confirmed it), "not_smtp" (what answered does not speak SMTP), "protocol".
    The message names the server, and quotes it only scrubbed of the password (:func:`scrub`).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def address_of(text: str) -> str | None:
    """The address in ``a@b.fr`` or ``Name <a@b.fr>``; None unless it is exactly one valid one."""
    found = getaddresses([text.strip()])
    if len(found) != 1:
        return None
    name, spec = found[0]
    try:
        parsed = Address(display_name=name, addr_spec=spec)
    # The parser signals some malformed addresses ("a@") with an IndexError.
    except (ValueError, IndexError, HeaderParseError):
        return None
    if not parsed.username or not parsed.domain or len(spec) > ADDRESS_MAX:
        return None
    return parsed.addr_spec


def checked_recipients(recipients: Sequence[str]) -> list[str]:
    """The addresses as given, each checked, duplicates dropped; ValidationError otherwise.

    Every send from the app (a BAT, a recap) checks its recipients this way, before the
    server is contacted."""
    kept: list[str] = []
    seen: set[str] = set()
    problems: list[FieldProblem] = []
    for given in recipients:
        text = given.strip()
        address = address_of(text)
        if address is None:
            problems.append(
                FieldProblem(
                    "recipients", "recipient_invalid", f"“{text}” is not an email address."
                )
            )
        elif address.lower() not in seen:
            seen.add(address.lower())
            kept.append(text)
    if not kept and not problems:
        problems.append(
            FieldProblem("recipients", "recipients_empty", "Name at least one recipient.")
        )
    if problems:
        raise ValidationError(problems)
    return kept


def sender_of(account: AccountInfo) -> str:
    """The From of a send through ``account``: its sender address, else its user name when
    that is an address; ValidationError when it has neither."""
    sender = account.sender or (account.username if address_of(account.username) else "")
    if not sender:
        raise ValidationError(
            [
                FieldProblem(
                    "sender",
                    "sender_missing",
                    f"SMTP account “{account.name}” has no sender address and its user name is "
                    "not one: give it a sender address.",
                )
            ]
        )
    return sender


def _info(row: SmtpAccount) -> AccountInfo:
    return AccountInfo(row.id, row.name, row.host, row.port, row.security, row.username, row.sender)


def accounts(session: Session) -> list[AccountInfo]:
    """The workspace's accounts, by name."""
    return [_info(row) for row in session.scalars(select(SmtpAccount).order_by(SmtpAccount.name))]


def account(session: Session, name: str) -> AccountInfo:
    """The account named ``name``, in any case (names are unique regardless of case)."""
    found = accounts(session)
    wanted = name.strip().casefold()
    for info in found:
        if info.name.casefold() == wanted:
            return info
    known = ", ".join(a.name for a in found) or "none yet"
    raise NotFound(f"No SMTP account named “{name.strip()}” (accounts: {known}).")


def _host_problem(host: str) -> str | None:
    if not host:
        return "The server name is empty."
    if len(host) > HOST_MAX:
        return f"The server name is limited to {HOST_MAX} characters."
    if "://" in host or "/" in host or any(c.isspace() for c in host):
        return (
            f"“{host}” is not a server name: give it alone, such as smtp.example.com "
            "(no “smtp://”, no path, no spaces)."
        )
    if ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            return f"“{host}” is not a server name: give the port in its own field."
    return None


def _validate(
    session: Session, data: AccountInput, password: str | None, current: SmtpAccount | None
) -> tuple[AccountInput, list[FieldProblem]]:
    clean = AccountInput(
        name=data.name.strip(),
        host=data.host.strip().lower(),
        port=data.port,
        security=data.security,
        username=data.username.strip(),
        sender=data.sender.strip(),
    )
    problems: list[FieldProblem] = []
    if not clean.name:
        problems.append(FieldProblem("name", "name_empty", "The account needs a name."))
    elif len(clean.name) > NAME_MAX:
        problems.append(
            FieldProblem(
                "name", "name_too_long", f"Account names are limited to {NAME_MAX} characters."
            )
        )
    else:
        wanted = clean.name.casefold()
        taken = next(
            (row for row in session.scalars(select(SmtpAccount)) if row.name.casefold() == wanted),
            None,
        )
        if taken is not None and taken is not current:
            problems.append(
                FieldProblem(
                    "name", "name_taken", f"An SMTP account named “{taken.name}” already exists."
                )
            )
    host_problem = _host_problem(clean.host)
    if host_problem:
        problems.append(FieldProblem("host", "host_invalid", host_problem))
    if (
        isinstance(clean.port, bool)
        or not isinstance(clean.port, int)
        or not 0 < clean.port < 65536
    ):
        problems.append(
            FieldProblem("port", "port_invalid", f"The port must be 1 to 65535, not {clean.port}.")
        )
    if clean.security not in tuple(SmtpSecurity):
        problems.append(
            FieldProblem(
                "security",
                "security_invalid",
                f"Security must be starttls, ssl or none, not “{clean.security}”.",
            )
        )
    if len(clean.username) > ADDRESS_MAX:
        problems.append(
            FieldProblem(
                "username",
                "username_too_long",
                f"User names are limited to {ADDRESS_MAX} characters.",
            )
        )
    if clean.sender and address_of(clean.sender) is None:
        problems.append(
            FieldProblem("sender", "sender_invalid", f"“{clean.sender}” is not an email address.")
        )
    if password and not clean.username:
        problems.append(
            FieldProblem(
                "username", "username_missing", "A password needs the user name it logs in with."
            )
        )
    if clean.username and not password and (current is None or current.username == ""):
        problems.append(
            FieldProblem(
                "password",
                "password_missing",
                f"Give the password of user {clean.username}: it goes to the system keyring.",
            )
        )
    return clean, problems


def save_account(
    session: Session, data: AccountInput, password: str | None, account_id: int | None = None
) -> tuple[int, Changes]:
    """Create an account, or update ``account_id``; a ``password`` of None or "" keeps the one
    the keyring has.

    The keyring is written first: if it cannot keep the password, :class:`SecretStoreUnavailable`
    is raised and nothing reaches the workspace. A renamed account takes its password along.
    """
    current = None
    if account_id is not None:
        current = session.get(SmtpAccount, account_id)
        if current is None:
            raise NotFound(f"No SMTP account with id {account_id}.")
    clean, problems = _validate(session, data, password, current)
    if problems:
        raise ValidationError(problems)
    old_name = current.name if current is not None else None
    if password:
        secrets.store_password(clean.name, password)
    elif old_name is not None and old_name != clean.name and clean.username:
        kept = secrets.password(old_name)
        if kept is not None:
            secrets.store_password(clean.name, kept)
    if old_name is not None and (old_name != clean.name or not clean.username):
        secrets.forget_password(old_name)
    row = current or SmtpAccount()
    row.name, row.host, row.port = clean.name, clean.host, clean.port
    row.security = SmtpSecurity(clean.security)
    row.username, row.sender = clean.username, clean.sender
    if current is None:
        session.add(row)
    session.flush()
    return row.id, Changes()


def remove_account(session: Session, account_id: int) -> Changes:
    """Delete an account and forget its password."""
    row = session.get(SmtpAccount, account_id)
    if row is None:
        raise NotFound(f"No SMTP account with id {account_id}.")
    secrets.forget_password(row.name)
    session.delete(row)
    session.flush()
    return Changes()


# --- what the server says, scrubbed of the password -------------------------------------------

MASK = "•••"
#: How much of a server's reply a message quotes: enough to diagnose, not a page of noise.
QUOTE_MAX = 300
#: Lines and bytes of one reply kept at most: a server sending "250-" lines forever must not
#: fill the memory (smtplib bounds each line, not their number).
REPLY_LINES_MAX = 100
#: The whole conversation's limit, in seconds, whatever ``timeout`` each read has: a server
#: trickling one byte at a time never lets a read time out, and the dialog cannot be closed.
DEADLINE = 180.0

#: The most of a server's text that is scrubbed and may be quoted: far more than a message
#: shows (:data:`QUOTE_MAX`), far less than a hostile reply can hold.
SCRUB_MAX = 4000

# A run of base64 (either alphabet), its padding only at its end.
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{4,}={0,2}")
_BASE64_CHARS = string.ascii_letters + string.digits + "+/=_-"


def _encodings(text: str) -> list[bytes]:
    """``text`` as bytes in the encodings a server might have stored or echoed it in."""
    found: list[bytes] = []
    for codec in ("utf-8", "latin-1", "cp1252"):
        try:
            encoded = text.encode(codec)
        except UnicodeEncodeError:
            continue
        if encoded not in found:
            found.append(encoded)
    return found


def _base64_forms(raw: bytes) -> set[str]:
    forms: set[str] = set()
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        text = encoded.decode("ascii")
        forms.update((text, text.rstrip("=")))
    return forms


def _text_forms(password: str, user: str, sent: Sequence[str]) -> list[str]:
    """Every way the password can be written in a server's reply, longest first."""
    forms: set[str] = {password, ascii(password)[1:-1], json.dumps(password)[1:-1]}
    forms.add(password.encode("unicode_escape").decode("ascii"))
    for raw in _encodings(password):
        forms.add(repr(raw)[2:-1])  # b'...' as Python prints bytes
        forms.add(raw.decode("latin-1"))  # the bytes read back in the wrong encoding
        forms.update((quote(raw, safe=""), quote(raw), quote_plus(raw)))
        forms.add(quopri.encodestring(raw).decode("ascii").replace("=\n", ""))
        forms.add(quopri.encodestring(raw, header=True).decode("ascii").replace("=\n", ""))
        for user_raw in _encodings(user) or [b""]:
            for payload in (
                raw,  # AUTH LOGIN's second answer
                b"\0" + user_raw + b"\0" + raw,  # AUTH PLAIN, as sent
                user_raw + b"\0" + user_raw + b"\0" + raw,  # AUTH PLAIN with an authzid
                user_raw + b"\0" + raw,
                b"\0" + raw,
                user_raw + b":" + raw,  # HTTP Basic, which some gateways quote
            ):
                forms.update(_base64_forms(payload))
    for line in sent:  # what the client really sent during the login
        forms.update((line, line.rstrip("=")))
    return sorted((f for f in forms if f), key=len, reverse=True)


def _decodes_to_secret(run: str, secret: re.Pattern[bytes]) -> bool:
    """Whether a run of base64 in a reply, read from any of its first four characters (junk
    may be glued in front), decodes to bytes holding a piece of the password."""
    for start in range(4):
        chunk = run[start:].rstrip("=")
        if len(chunk) < 2 or len(chunk) % 4 == 1:
            continue
        padded = chunk + "=" * (-len(chunk) % 4)
        for altchars in (b"+/", b"-_"):
            try:
                decoded = base64.b64decode(padded, altchars=altchars)
            except binascii.Error:
                continue
            if secret.search(decoded):
                return True
    return False


def _cut_clear(text: str, forms: Sequence[str], size: int) -> str:
    """``text`` cut to ``size``, earlier where one of ``forms`` would be cut in two (half a
    secret is no longer recognised, and shows), and without a run of base64 cut short."""
    if len(text) <= size:
        return text
    longest = max(len(f) for f in forms)
    alternatives = "|".join(re.escape(f) for f in forms)
    # A lookahead finds every occurrence, overlapping ones included.
    occurrence = re.compile(f"(?=({alternatives}))", re.IGNORECASE)
    cut, moved = size, True
    while moved:
        moved = False
        start = max(0, cut - longest)
        for found in occurrence.finditer(text, start, cut + longest):
            if found.start() < cut < found.start() + len(found.group(1)):
                cut, moved = found.start(), True
                break
    return text[:cut].rstrip(_BASE64_CHARS) + "…"


def scrub(text: str, password: str | None, *, user: str = "", sent: Sequence[str] = ()) -> str:
    """``text`` with the password masked in every form a login exchange could have put it.

    Servers quote the client's AUTH line back in their refusals, so masking the literal
    password is not enough: its UTF-8 bytes as Python prints them, the base64 of AUTH LOGIN's
    answer and of AUTH PLAIN's ``\\0user\\0password`` (with an authzid or without, padded or
    not, either base64 alphabet), the lines really sent (``sent``, which also holds a CRAM-MD5
    digest), URL and quoted-printable escapes, and the bytes read in the wrong encoding are
    all masked; so is any run of base64 that decodes to four bytes of the password, which
    catches a quote cut short or shifted. Every message of this module that quotes a server
    goes through here; case is ignored, since escapes come in either case. Text beyond
    :data:`SCRUB_MAX` is dropped first (cut where no secret can be split), so a reply of a
    megabyte costs no more than a page.
    """
    if not password:
        return text
    forms = _text_forms(password, user, sent)
    text = _cut_clear(text, forms, SCRUB_MAX)
    text = re.sub("|".join(re.escape(f) for f in forms), MASK, text, flags=re.IGNORECASE)
    pieces: set[bytes] = set()
    for raw in _encodings(password):
        size = min(4, len(raw))
        pieces.update(raw[i : i + size] for i in range(len(raw) - size + 1))
    pieces.update(line.encode("ascii", "replace") for line in sent if len(line) >= 4)
    secret = re.compile(b"|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True)))

    def masked(found: re.Match[str]) -> str:
        return MASK if _decodes_to_secret(found.group(), secret) else found.group()

    return _BASE64_RUN.sub(masked, text)


@dataclass
class _Exchange:
    """What a message about this send may have to hide: the login sent, and how it was sent."""

    user: str
    password: str | None
    sent: list[str]

    def scrub(self, text: str) -> str:
        return scrub(text, self.password, user=self.user, sent=self.sent)

    def quote(self, said: bytes | str) -> str:
        """A server's words for a message: scrubbed (before anything cuts them, so no piece of
        an encoding survives), made printable, and cut to :data:`QUOTE_MAX`."""
        if isinstance(said, bytes):
            for raw in _encodings(self.password or ""):
                said = said.replace(raw, MASK.encode()) if raw else said
            said = said.decode("utf-8", "replace")
        text = " ".join(self.scrub(said).split())
        return printable(text, QUOTE_MAX)


# --- the conversation ---------------------------------------------------------------------------


class _Client(smtplib.SMTP):
    """smtplib's client, its reply reader bounded in lines, keeping the whole of a reply that
    is not SMTP (smtplib drops its first four characters, which are the diagnosis).

    Made unconnected: ``server_name`` is what TLS checks the certificate against, which
    smtplib takes from the host it is constructed with, when it also connects at once."""

    def __init__(self, server_name: str, **options: Any) -> None:
        super().__init__(**options)
        self._host = server_name

    def getreply(self) -> tuple[int, bytes]:
        lines: list[bytes] = []
        if self.file is None:
            if self.sock is None:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            self.file = self.sock.makefile("rb")
        while True:
            try:
                line = self.file.readline(smtplib._MAXLINE + 1)  # type: ignore[attr-defined]
            except OSError as exc:
                self.close()
                raise smtplib.SMTPServerDisconnected(
                    f"Connection unexpectedly closed: {exc}"
                ) from exc
            if not line:
                self.close()
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            if len(line) > smtplib._MAXLINE:  # type: ignore[attr-defined]
                self.close()
                raise smtplib.SMTPResponseException(-1, line[:200] + b"...")
            try:
                code = int(line[:3])
            except ValueError:
                lines.append(line.strip(b" \t\r\n"))
                return -1, b"\n".join(lines)
            lines.append(line[4:].strip(b" \t\r\n"))
            if line[3:4] != b"-":
                return code, b"\n".join(lines)
            if len(lines) >= REPLY_LINES_MAX:
                self.close()
                raise smtplib.SMTPResponseException(-1, b"\n".join(lines[:3]) + b"...")


class _SslClient(_Client, smtplib.SMTP_SSL):
    """The same over TLS from the first byte."""


def _login(client: smtplib.SMTP, user: str, password: str, sent: list[str]) -> None:
    """Log in with the user name and password encoded as UTF-8, as RFC 4954 and RFC 6531
    allow: smtplib's ``login`` encodes them as ASCII, so a password with an accent raised
    UnicodeEncodeError and an account that could be saved could never send. The mechanisms
    are smtplib's, in its order; every line sent is kept in ``sent`` for :func:`scrub`."""
    client.ehlo_or_helo_if_needed()
    if not client.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    offered = client.esmtp_features["auth"].upper().split()
    mechanisms = [m for m in ("CRAM-MD5", "PLAIN", "LOGIN") if m in offered]
    if not mechanisms:
        raise _NoMechanism(" ".join(offered))
    refusal: smtplib.SMTPAuthenticationError | None = None
    for mechanism in mechanisms:
        code, reply = _authenticate(client, mechanism, user.encode(), password.encode(), sent)
        if code in (235, 503):  # logged in, or already
            return
        if code == -1:  # not SMTP: trying another mechanism would not help
            raise smtplib.SMTPResponseException(code, reply)
        refusal = smtplib.SMTPAuthenticationError(code, reply)
    assert refusal is not None
    raise refusal


class _NoMechanism(smtplib.SMTPException):
    """The server offers AUTH, but none of the mechanisms crmdesk speaks."""


def _authenticate(
    client: smtplib.SMTP, mechanism: str, user: bytes, password: bytes, sent: list[str]
) -> tuple[int, bytes]:
    def line(raw: bytes) -> str:
        encoded = base64.b64encode(raw).decode("ascii")
        sent.append(encoded)
        return encoded

    if mechanism == "PLAIN":
        code, reply = client.docmd("AUTH", "PLAIN " + line(b"\0" + user + b"\0" + password))
    elif mechanism == "LOGIN":
        code, reply = client.docmd("AUTH", "LOGIN " + line(user))
        if code == 334:
            code, reply = client.docmd(line(password))
    else:  # CRAM-MD5 (RFC 2195): the password keys an HMAC of the server's challenge
        code, reply = client.docmd("AUTH", mechanism)
        if code == 334:
            try:
                challenge = base64.b64decode(reply, validate=True)
            except binascii.Error:
                return -1, reply
            digest = hmac.new(password, challenge, "md5").hexdigest()
            sent.append(digest)
            code, reply = client.docmd(line(user + b" " + digest.encode("ascii")))
    if code == 334:  # a challenge too many: cancel the exchange (RFC 4954), call it refused
        client.docmd("*")
        return 535, reply
    return code, reply


def send(
    account: AccountInfo,
    message: EmailMessage,
    *,
    timeout: float = 20,
    password: str | None = None,
    deadline: float = DEADLINE,
) -> None:
    """Send ``message`` to the addresses of its To/Cc/Bcc through ``account``.

    The password comes from the keyring unless given (the account dialog's "try it" uses the
    one just typed). ``timeout`` bounds each wait for the server, ``deadline`` the whole
    conversation. Raises :class:`SendFailed`, or :class:`SecretStoreUnavailable` when the
    keyring cannot be read; any other failure of the exchange also becomes a SendFailed, whose
    message quotes the server only once scrubbed of the password.
    """
    if account.username and password is None:
        password = secrets.password(account.name)
        if password is None:
            raise SendFailed(
                "no_password",
                f"The system keyring holds no password for SMTP account “{account.name}”: "
                "enter it again in the account's settings.",
            )
    exchange = _Exchange(account.username, password, [])
    progress = _Progress()
    try:
        refused = _converse(account, message, timeout, deadline, exchange, progress)
    except Exception as exc:  # every failure of the exchange becomes one sentence
        raise _explain(exc, account, timeout, deadline, exchange, progress) from None
    recipients = _recipients_of(message)
    if refused:
        sent = tuple(r for r in recipients if r not in refused)
        raise _failed("refused_recipients", _refused(account.where, refused, sent, exchange))
    log.info(
        "sent “%s” to %d recipient(s) via %s",
        printable(str(message["Subject"]), QUOTE_MAX),
        len(recipients),
        account.where,
    )


@dataclass
class _Progress:
    stage: str = "connect"
    expired: bool = False


def _converse(
    account: AccountInfo,
    message: EmailMessage,
    timeout: float,
    deadline: float,
    exchange: _Exchange,
    progress: _Progress,
) -> dict[str, tuple[int, bytes]]:
    """The conversation itself; what the server refused, if only some recipients."""
    # Made unconnected, so the watchdog below also covers the greeting.
    if account.security is SmtpSecurity.SSL:
        client: _Client = _SslClient(
            account.host, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        client = _Client(account.host, timeout=timeout)

    def expire() -> None:
        # Shut the socket under the blocked read: the base class's shutdown, since an SSL
        # socket's own would drop its TLS state under the reading thread.
        progress.expired = True
        if client.sock is not None:
            try:
                socket.socket.shutdown(client.sock, socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(deadline, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        code, greeting = client.connect(account.host, account.port)
        if code != 220:  # smtplib checks this only when it connects in its constructor
            raise smtplib.SMTPConnectError(code, greeting)
        if account.security is SmtpSecurity.STARTTLS:
            progress.stage = "starttls"
            client.starttls(context=ssl.create_default_context())
        if account.username:
            progress.stage = "login"
            _login(client, account.username, exchange.password or "", exchange.sent)
        progress.stage = "send"
        refused = client.send_message(message)
        progress.stage = "sent"
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            pass  # the server took the message: a rude goodbye changes nothing
        return refused
    finally:
        watchdog.cancel()
        client.close()


def _explain(
    exc: Exception,
    account: AccountInfo,
    timeout: float,
    deadline: float,
    exchange: _Exchange,
    progress: _Progress,
) -> SendFailed:
    """The one sentence for a failed exchange, the server's words scrubbed and cut."""
    where, stage = account.where, progress.stage
    if progress.expired:
        return _failed(
            "timeout",
            f"The server {where} had not finished answering after {deadline:g} seconds: "
            "nothing was confirmed sent. Check the port and the security setting, or try "
            "again later.",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return _failed("refused_recipients", _refused(where, exc.recipients, (), exchange))
    if isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == -1:
        return _failed(
            "not_smtp",
            f"The server {where} answered something that is not SMTP "
            f"(“{exchange.quote(exc.smtp_error)}”): check the port and the security setting "
            "(465 usually means SSL, 587 STARTTLS).",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return _failed(
            "login_refused",
            f"The server {where} refused the login of user {printable(account.username, 80)}: "
            "check the password and the user name (some providers want an app password). "
            f"The server said “{_reply(exc, exchange)}”.",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return _failed(
            "protocol",
            f"The server {where} refused the sender address {printable(str(exc.sender), 260)} "
            f"(“{_reply(exc, exchange)}”): give the account a sender address its user may send "
            "from.",
            exchange,
        )
    if isinstance(exc, _NoMechanism):
        return _failed(
            "protocol",
            f"The server {where} offers no login method crmdesk can use "
            f"(it offers {exchange.quote(str(exc)) or 'none'}; crmdesk speaks PLAIN, LOGIN "
            "and CRAM-MD5).",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if stage == "starttls":
            return _failed(
                "tls_unavailable",
                f"The server {where} does not offer STARTTLS: choose SSL (usually port 465), "
                "or no encryption only on a network you trust.",
                exchange,
            )
        if stage == "send":
            return _failed(
                "protocol",
                f"The server {where} does not accept addresses written with accents or other "
                "non-ASCII characters (it lacks SMTPUTF8): nothing was sent; use plain "
                "addresses.",
                exchange,
            )
        return _failed(
            "protocol",
            f"The server {where} offers no login on this connection: choose STARTTLS or SSL, "
            "or clear the user name if the server needs none.",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
        exc.__context__, TimeoutError
    ):  # smtplib's way of reporting a silence
        return _timeout(where, timeout, exchange)
    if stage == "send" and isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
        if isinstance(exc, TimeoutError):
            return _timeout(where, timeout, exchange)
        return _failed(
            "interrupted",
            f"The server {where} closed the connection during the send, before confirming it: "
            "the message was probably not delivered. Try again later.",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return _failed(
            "protocol",
            f"The server {where} closed the connection unexpectedly: check the port and the "
            "security setting (465 usually means SSL, 587 STARTTLS).",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return _failed(
            "protocol",
            f"The server {where} answered with an error (“{_reply(exc, exchange)}”).",
            exchange,
        )
    if isinstance(exc, smtplib.SMTPException):
        return _failed(
            "protocol",
            f"The server {where} answered unexpectedly (“{exchange.quote(str(exc))}”).",
            exchange,
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _failed(
            "certificate",
            f"The certificate of {where} could not be verified "
            f"({exchange.quote(str(exc.verify_message))}): nothing was sent. Check that the "
            "server name is the one on its certificate.",
            exchange,
        )
    if isinstance(exc, ssl.SSLError):
        return _failed(
            "tls_unavailable",
            f"The encrypted connection with {where} failed "
            f"({exchange.quote(str(exc.reason or exc))}): check the security setting (465 "
            "usually means SSL, 587 STARTTLS).",
            exchange,
        )
    if isinstance(exc, TimeoutError):
        return _timeout(where, timeout, exchange)
    if isinstance(exc, socket.gaierror):
        return _failed(
            "unreachable",
            f"The server name {account.host} could not be found: check its spelling and the "
            "network.",
            exchange,
        )
    if isinstance(exc, ConnectionRefusedError):
        return _failed(
            "unreachable",
            f"Nothing answers on {where} (connection refused): check the server name, the "
            "port and the network.",
            exchange,
        )
    if isinstance(exc, OSError):
        return _failed(
            "unreachable",
            f"The server {where} cannot be reached ({exchange.quote(exc.strerror or str(exc))}): "
            "check the network.",
            exchange,
        )
    # Not foreseen (smtplib raising ValueError or UnicodeError on an odd reply): still one
    # sentence, and no traceback, since the server's words in it could not be vouched for.
    return _failed(
        "protocol",
        f"The exchange with the server {where} failed ({type(exc).__name__}): check the port "
        "and the security setting, or try again later.",
        exchange,
    )


def _reply(exc: smtplib.SMTPResponseException, exchange: _Exchange) -> str:
    """A refusal as the server worded it, its code first, scrubbed and cut."""
    return f"{exc.smtp_code} {exchange.quote(exc.smtp_error)}"


def _recipients_of(message: EmailMessage) -> list[str]:
    fields = [str(v) for key in ("To", "Cc", "Bcc") for v in message.get_all(key, [])]
    return [address for _, address in getaddresses(fields)]


def _refused(
    where: str,
    refused: dict[str, tuple[int, bytes]],
    sent: tuple[str, ...],
    exchange: _Exchange,
) -> str:
    names = "; ".join(
        f"{printable(address, ADDRESS_MAX)} ({code} {exchange.quote(reason)})"
        for address, (code, reason) in refused.items()
    )
    went = f" It went to {', '.join(sent)}." if sent else " Nothing was sent."
    return f"The server {where} refused the recipient(s) {names}.{went}"


def _timeout(where: str, timeout: float, exchange: _Exchange) -> SendFailed:
    return _failed(
        "timeout",
        f"The server {where} did not answer within {timeout:g} seconds: check the port and "
        "the security setting (465 usually means SSL, 587 STARTTLS).",
        exchange,
    )


def _failed(code: str, message: str, exchange: _Exchange | None = None) -> SendFailed:
    """The error for the user; scrubbed whole once more, should any part have escaped."""
    if exchange is not None:
        message = exchange.scrub(message)
    # Info, not warning: the user gets the message itself; a warning would print it twice
    # in the terminal of a `crmdesk bat send`.
    log.info("send failed (%s): %s", code, message)
    return SendFailed(code, message)
