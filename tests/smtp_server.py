"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for the test sends.

It can offer STARTTLS or speak TLS from the first byte with a self-signed certificate made
here, ask for a login, and refuse recipients at ``@refused.example``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

REFUSED_DOMAIN = "@refused.example"


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Inbox:
    """The aiosmtpd handler: accepts every recipient but the refused domain, keeps each mail."""

    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address.endswith(REFUSED_DOMAIN):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.received.append(Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), raw))
        return "250 Message accepted for delivery"


@dataclass(frozen=True)
class Users:
    """An aiosmtpd authenticator: the logins it accepts, with their passwords."""

    passwords: dict[str, str]

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        # handled=False: aiosmtpd then answers the refusal itself (535).
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = data.login.decode(), data.password.decode()
        return AuthResult(success=self.passwords.get(login) == password, handled=False)


@dataclass(frozen=True)
class Server:
    port: int
    inbox: Inbox

    @property
    def received(self) -> list[Received]:
        return self.inbox.received


def free_port() -> int:
    """A port nothing listens on (the system just handed it out and took it back)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(
    *,
    starttls: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
    users: dict[str, str] | None = None,
    mechanisms: tuple[str, ...] | None = None,
) -> Iterator[Server]:
    """Serve on 127.0.0.1 for the block. With ``users``, AUTH is offered (over TLS only
    when ``starttls`` is given, as real providers do), by ``mechanisms`` only if given (aiosmtpd
    has PLAIN and LOGIN), so a test can make the client use the one it checks."""
    inbox = Inbox()
    options: dict[str, Any] = {}
    if users is not None:
        options["authenticator"] = Users(users)
        options["auth_require_tls"] = starttls is not None
    if mechanisms is not None:
        options["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m not in mechanisms]
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        server_hostname="localhost",
        ssl_context=implicit_tls,
        tls_context=starttls,
        **options,
    )
    controller.start()
    try:
        yield Server(controller.port, inbox)
    finally:
        controller.stop()


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for 127.0.0.1 and localhost; ``path`` is the PEM a client
    trusts it with (``SSL_CERT_FILE``)."""

    path: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.path, self.key)
        return context


def self_signed(folder: Path) -> Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Certificate(cert_path, key_path)


# --- a scripted server, for the servers aiosmtpd will not imitate ---------------------------

#: What a script answers a line with: bytes to send (b"" sends nothing), None to close the
#: connection at once, or a callable given the connection's socket to do something odder.
Reply = bytes | None | Callable[[socket.socket], None]
CLOSE = None
END_OF_DATA = b".\r\n"
CRAM_CHALLENGE = b"<1896.697170952@scripted.example>"


@dataclass
class Conversation:
    """One connection as the scripted server lived it: every line received, in order."""

    lines: list[bytes] = field(default_factory=list)
    in_data: bool = False
    auth: list[bytes] = field(default_factory=list)  # the lines of the login exchange
    mechanism: str = ""
    login_user: bytes | None = None
    logged_in: bool = False


def trickle(data: bytes, every: float) -> Callable[[socket.socket], None]:
    """A reply sent one byte at a time, ``every`` seconds apart: no read ever times out."""

    def send(connection: socket.socket) -> None:
        for byte in data:
            connection.sendall(bytes([byte]))
            time.sleep(every)

    return send


@dataclass
class Script:
    """A plain SMTP server in a few rules; a test replaces the answer to one command
    (``answers``, by verb: b"EHLO", b"AUTH", b"MAIL", b"RCPT", b"DATA", END_OF_DATA,
    b"QUIT", or b"DATA-LINE" for the lines of the message) to make it odd.

    ``auth`` lists the mechanisms offered (PLAIN, LOGIN, CRAM-MD5, checked against ``users``
    with their passwords as UTF-8); ``refusal`` words a refused login from what the client
    sent during it, so a server that echoes the exchange can be played."""

    auth: str = ""
    users: dict[str, str] = field(default_factory=dict)
    answers: Mapping[bytes, Callable[[Conversation, bytes], Reply]] = field(default_factory=dict)
    refusal: Callable[[Conversation], bytes] = lambda _c: b"535 5.7.8 Authentication failed\r\n"
    delivered: list[bytes] = field(default_factory=list)

    def __call__(self, conversation: Conversation, line: bytes) -> Reply:
        if conversation.in_data:
            if line == END_OF_DATA:
                conversation.in_data = False
                verb = END_OF_DATA
            else:
                verb = b"DATA-LINE"
        elif conversation.mechanism:
            return self._login_step(conversation, line)
        else:
            verb = line.split(b" ", 1)[0].strip().upper()
        if verb in self.answers:
            return self.answers[verb](conversation, line)
        if verb in (b"EHLO", b"HELO"):
            offered = f"250-AUTH {self.auth}\r\n".encode() if self.auth else b""
            return b"250-scripted.example\r\n" + offered + b"250 8BITMIME\r\n"
        if verb == b"AUTH":
            return self._login_start(conversation, line)
        if verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
            return b"250 OK\r\n"
        if verb == b"DATA":
            conversation.in_data = True
            return b"354 End data with <CR><LF>.<CR><LF>\r\n"
        if verb == b"DATA-LINE":
            return b""
        if verb == END_OF_DATA:
            self.delivered.append(b"".join(conversation.lines))
            return b"250 Queued\r\n"
        if verb == b"QUIT":
            return b"221 Bye\r\n"
        return b"502 Command not implemented\r\n"

    def _login_start(self, conversation: Conversation, line: bytes) -> Reply:
        conversation.auth = [line]
        conversation.login_user = None
        words = line.split()
        mechanism = words[1].decode().upper() if len(words) > 1 else ""
        if mechanism not in self.auth.split():
            return b"504 Unrecognized authentication type\r\n"
        conversation.mechanism = mechanism
        if mechanism == "CRAM-MD5":
            return b"334 " + base64.b64encode(CRAM_CHALLENGE) + b"\r\n"
        if len(words) > 2:  # an initial response (RFC 4954)
            return self._answer(conversation, base64.b64decode(words[2]))
        return b"334 " + (b"VXNlcm5hbWU6" if mechanism == "LOGIN" else b"") + b"\r\n"

    def _login_step(self, conversation: Conversation, line: bytes) -> Reply:
        conversation.auth.append(line)
        return self._answer(conversation, base64.b64decode(line.strip()))

    def _answer(self, conversation: Conversation, answer: bytes) -> Reply:
        mechanism = conversation.mechanism
        if mechanism == "LOGIN" and conversation.login_user is None:
            conversation.login_user = answer
            return b"334 UGFzc3dvcmQ6\r\n"
        if mechanism == "LOGIN":
            user, password = conversation.login_user or b"", answer
        elif mechanism == "PLAIN":
            _authzid, user, password = answer.split(b"\0", 2)
        else:  # CRAM-MD5: the password keys an HMAC of the challenge
            user, _, digest = answer.rpartition(b" ")
            key = self.users.get(user.decode(), "").encode()
            password = (
                b"" if digest != hmac.new(key, CRAM_CHALLENGE, "md5").hexdigest().encode() else key
            )
        conversation.mechanism = ""
        known = self.users.get(user.decode("utf-8", "replace"))
        if known is not None and known.encode() == password:
            conversation.logged_in = True
            return b"235 2.7.0 Authentication successful\r\n"
        return self.refusal(conversation)


class Scripted:
    """A scripted SMTP server on 127.0.0.1: one thread per connection, each line answered by
    the script. ``greeting`` None says nothing at all (a server that never answers); a
    callable greets its own way (:func:`trickle`)."""

    def __init__(
        self,
        script: Callable[[Conversation, bytes], Reply],
        greeting: bytes | Callable[[socket.socket], None] | None,
    ):
        self.script = script
        self.greeting = greeting
        self.conversations: list[Conversation] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.connections: list[socket.socket] = []
        self.threads: list[threading.Thread] = []
        self.stopping = threading.Event()
        self.acceptor = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket) -> None:
        conversation = Conversation()
        self.conversations.append(conversation)
        try:
            if callable(self.greeting):
                self.greeting(connection)
            elif self.greeting:
                connection.sendall(self.greeting)
            reader = connection.makefile("rb")
            while not self.stopping.is_set():
                line = reader.readline()
                if not line:
                    return
                conversation.lines.append(line)
                reply = self.script(conversation, line)
                if reply is None:
                    return
                if callable(reply):
                    reply(connection)
                elif reply:
                    connection.sendall(reply)
        except OSError:
            return
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.listener.close()
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self.threads:
            thread.join(5)


@contextmanager
def scripted_server(
    script: Callable[[Conversation, bytes], Reply],
    greeting: bytes | Callable[[socket.socket], None] | None = b"220 scripted\r\n",
) -> Iterator[Scripted]:
    server = Scripted(script, greeting)
    server.acceptor.start()
    try:
        yield server
    finally:
        server.stop()
