"""SMTP accounts for test sends, and the send itself.

An account (server, port, security, user, sender) lives in the workspace; its password lives
in the system keyring (:mod:`crmdesk.core.secrets`) and goes nowhere else: not in the database,
not in the log, not in an error message. Every way a send can fail becomes a
:class:`SendFailed` whose ``code`` picks the UI's sentence and whose English message names the
server and says what to check.
"""

from __future__ import annotations

import ipaddress
import logging
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import secrets
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError, FieldProblem, NotFound, ValidationError
from crmdesk.core.models import SmtpAccount, SmtpSecurity

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
    "tls_unavailable", "no_password", "protocol". The message names the server.
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


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = (
        exc.smtp_error.decode("utf-8", "replace")
        if isinstance(exc.smtp_error, bytes)
        else str(exc.smtp_error)
    )
    return f"{exc.smtp_code} {' '.join(text.split())}"


def send(
    account: AccountInfo,
    message: EmailMessage,
    *,
    timeout: float = 20,
    password: str | None = None,
) -> None:
    """Send ``message`` to the addresses of its To/Cc/Bcc through ``account``.

    The password comes from the keyring unless given (the account dialog's "try it" uses the
    one just typed). Raises :class:`SendFailed`, or :class:`SecretStoreUnavailable` when the
    keyring cannot be read.
    """
    where = account.where
    if account.username and password is None:
        password = secrets.password(account.name)
        if password is None:
            raise SendFailed(
                "no_password",
                f"The system keyring holds no password for SMTP account “{account.name}”: "
                "enter it again in the account's settings.",
            )
    stage = "connect"
    try:
        if account.security is SmtpSecurity.SSL:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                account.host, account.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(account.host, account.port, timeout=timeout)
        with client:
            if account.security is SmtpSecurity.STARTTLS:
                stage = "starttls"
                client.starttls(context=ssl.create_default_context())
            if account.username:
                stage = "login"
                client.login(account.username, password or "")
            stage = "send"
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise _failed(
            "login_refused",
            f"The server {where} refused the login of user {account.username} ({_reply(exc)}): "
            "check the password and the user name (some providers want an app password).",
            password,
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise _failed(
            "refused_recipients", _refused(where, exc.recipients, sent=()), password
        ) from None
    except smtplib.SMTPSenderRefused as exc:
        raise _failed(
            "protocol",
            f"The server {where} refused the sender address {exc.sender} ({_reply(exc)}): "
            "give the account a sender address its user may send from.",
            password,
        ) from None
    except smtplib.SMTPNotSupportedError:
        if stage == "starttls":
            raise _failed(
                "tls_unavailable",
                f"The server {where} does not offer STARTTLS: choose SSL (usually port 465), or "
                "no encryption only on a network you trust.",
                password,
            ) from None
        raise _failed(
            "protocol",
            f"The server {where} offers no login on this connection: choose STARTTLS or SSL, "
            "or clear the user name if the server needs none.",
            password,
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        if isinstance(exc.__context__, TimeoutError):  # smtplib's way of reporting a silence
            raise _timeout(where, timeout, password) from None
        raise _failed(
            "protocol",
            f"The server {where} closed the connection unexpectedly: check the port and the "
            "security setting (465 usually means SSL, 587 STARTTLS).",
            password,
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise _failed(
            "protocol", f"The server {where} answered with an error ({_reply(exc)}).", password
        ) from None
    except smtplib.SMTPException as exc:
        raise _failed(
            "protocol", f"The server {where} answered unexpectedly ({exc}).", password
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise _failed(
            "certificate",
            f"The certificate of {where} could not be verified ({exc.verify_message}): nothing "
            f"was sent. Check that the server name is the one on its certificate.",
            password,
        ) from None
    except ssl.SSLError as exc:
        raise _failed(
            "tls_unavailable",
            f"The encrypted connection with {where} failed ({exc.reason or exc}): check the "
            "security setting (465 usually means SSL, 587 STARTTLS).",
            password,
        ) from None
    except TimeoutError:
        raise _timeout(where, timeout, password) from None
    except socket.gaierror:
        raise _failed(
            "unreachable",
            f"The server name {account.host} could not be found: check its spelling and the "
            "network.",
            password,
        ) from None
    except ConnectionRefusedError:
        raise _failed(
            "unreachable",
            f"Nothing answers on {where} (connection refused): check the server name, the port "
            "and the network.",
            password,
        ) from None
    except OSError as exc:
        raise _failed(
            "unreachable",
            f"The server {where} cannot be reached ({exc.strerror or exc}): check the network.",
            password,
        ) from None
    recipients = _recipients_of(message)
    if refused:
        sent = tuple(r for r in recipients if r not in refused)
        raise _failed("refused_recipients", _refused(where, refused, sent), password)
    log.info("sent “%s” to %d recipient(s) via %s", message["Subject"], len(recipients), where)


def _recipients_of(message: EmailMessage) -> list[str]:
    fields = [str(v) for key in ("To", "Cc", "Bcc") for v in message.get_all(key, [])]
    return [address for _, address in getaddresses(fields)]


def _refused(where: str, refused: dict[str, tuple[int, bytes]], sent: tuple[str, ...]) -> str:
    names = "; ".join(
        f"{address} ({code} {reason.decode('utf-8', 'replace')})"
        for address, (code, reason) in refused.items()
    )
    went = f" It went to {', '.join(sent)}." if sent else " Nothing was sent."
    return f"The server {where} refused the recipient(s) {names}.{went}"


def _timeout(where: str, timeout: float, password: str | None) -> SendFailed:
    return _failed(
        "timeout",
        f"The server {where} did not answer within {timeout:g} seconds: check the port and "
        "the security setting (465 usually means SSL, 587 STARTTLS).",
        password,
    )


def _failed(code: str, message: str, password: str | None) -> SendFailed:
    """The error for the user, with the password masked should a server have echoed it."""
    if password:
        message = message.replace(password, "•••")
    # Info, not warning: the user gets the message itself; a warning would print it twice
    # in the terminal of a `crmdesk bat send`.
    log.info("send failed (%s): %s", code, message)
    return SendFailed(code, message)
