"""Everything that only a PostgreSQL server does, in one place: its URL and password, its
connection errors, how crmdesk recognises its own database there, and the schema upgrade.

The sibling of ``crmdesk.core.sqlite``: the rest of the core speaks SQLAlchemy only. The
password is never part of what the user types or what is kept: it comes from the system keyring
(``crmdesk.core.secrets``, keyed by ``user@host:port/database``), or from libpq's own
``PGPASSWORD`` / ``~/.pgpass`` when the keyring has none. ``psycopg`` is an optional extra
(``pip install 'crmdesk[postgresql]'``), imported only when a server is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from crmdesk.core import migrate, secrets
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.paths import SERVER_SCHEMES, data_dir, is_server_url  # noqa: F401 (re-exported)

#: The comment crmdesk puts on its ``alembic_version`` table: how it recognises its own database
#: positively, as ``PRAGMA application_id`` does for a file.
MARK = "crmdesk workspace"
#: Seconds to wait for a server before saying it cannot be reached.
CONNECT_TIMEOUT = 10
#: The advisory lock two crmdesk starting at once take around the upgrade ("crmd").
UPGRADE_LOCK = int.from_bytes(b"crmd", "big")

_INSTALL = "pip install 'crmdesk[postgresql]'"


class ServerError(CrmdeskError):
    """A PostgreSQL workspace cannot be used; the message names the server, without password."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{message}\n{where}")
        self.where = where


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL database as the user named it, its password left out."""

    url: URL

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        """The address in ``text``; refuses a malformed URL and one that carries a password."""
        try:
            url = make_url(text.strip())
        except (ArgumentError, ValueError) as exc:  # a scheme it cannot read, a port not a number
            raise ServerError(
                _mask(text), "This is not a PostgreSQL URL (postgresql://user@host:5432/database)."
            ) from exc
        if url.drivername.split("+", 1)[0] not in SERVER_SCHEMES or not url.database:
            raise ServerError(
                _mask(text),
                "A PostgreSQL URL names its database: postgresql://user@host:5432/database.",
            )
        if url.password is not None:
            raise ServerError(
                _mask(text),
                "Leave the password out of the URL: crmdesk takes it from the system keyring "
                f"(service “{secrets.DB_SERVICE}”, account user@host:port/database) or from "
                "~/.pgpass. Nothing was opened.",
            )
        return cls(url.set(drivername="postgresql+psycopg"))

    @property
    def key(self) -> str:
        """The keyring's account for this database: ``user@host:port/database``."""
        user = self.url.username or ""
        return f"{user}@{self.url.host or 'localhost'}:{self.url.port or 5432}/{self.url.database}"

    @property
    def shown(self) -> str:
        """The URL as crmdesk prints and logs it: never a password."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)

    @property
    def local_path(self) -> Path:
        """A place in the user data folder that stands for this database where crmdesk keeps
        things per workspace on the machine (the backups folder is beside it); never a file."""
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in self.key)
        return data_dir() / "servers" / safe


def _mask(text: str) -> str:
    """``text`` with anything between ``:`` and ``@`` in its authority hidden."""
    scheme, sep, rest = text.partition("://")
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        credentials, _, host = authority.rpartition("@")
        if ":" in credentials:
            credentials = credentials.split(":", 1)[0] + ":***"
        authority = f"{credentials}@{host}"
    return f"{scheme}{sep}{authority}{slash}{tail}"


# -- a password typed in the URL (issue 22: the Preferences' workspace field) --


def split_password(text: str) -> tuple[str, str | None]:
    """``text`` without the password typed in it (``user:secret@host``), and that password:
    the URL can then be kept and the password go to the keyring, never both together.
    ``(text, None)`` when it has none or is not a URL at all (``ServerAddress.parse`` says
    what is wrong with it)."""
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        return text, None
    if url.password is None:
        return text, None
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False), str(url.password)


# -- end of a password typed in the URL --


def password(address: ServerAddress) -> str | None:
    """The database's password from the keyring, None when it has none or cannot give one:
    the server may well need none (trust, ~/.pgpass, a certificate), and should it ask for
    one, its refusal says why the keyring gave none (``translate_error``)."""
    try:
        secret = secrets.db_password(address.key)
    except secrets.SecretStoreUnavailable as exc:
        _KEYRING_TROUBLE[address.key] = exc.message
        return None
    _KEYRING_TROUBLE.pop(address.key, None)
    return secret


def make_engine(address: ServerAddress, *, read_only: bool = False) -> Engine:
    """An engine on the server, the password from the keyring when it has one."""
    try:
        import psycopg  # noqa: F401  (the driver SQLAlchemy loads: said clearly when missing)
    except ImportError as exc:
        raise ServerError(
            address.shown,
            f"crmdesk needs the psycopg driver to open a PostgreSQL workspace: {_INSTALL}.",
        ) from exc
    url = address.url
    secret = password(address)
    if secret is not None:
        url = url.set(password=secret)
    options: dict[str, object] = {"postgresql_readonly": True} if read_only else {}
    return create_engine(
        url,
        connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "crmdesk"},
        execution_options=options,
        pool_pre_ping=True,
        future=True,
    )


#: Why the keyring gave no password for a database (locked, failing), by ``ServerAddress.key``.
_KEYRING_TROUBLE: dict[str, str] = {}


def translate_error(address: ServerAddress, exc: BaseException) -> ServerError | None:
    """A server's known failures as a sentence for the user; None for a bug."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None) or ""
    said = str(orig).lower()
    where = address.shown
    if state in ("28P01", "28000") or "authentication failed" in said or "no password" in said:
        return ServerError(
            where,
            "The server refused these credentials: check the user name, and the password kept "
            f"in the system keyring (service “{secrets.DB_SERVICE}”, account {address.key}) "
            f"or ~/.pgpass. Nothing was written.{_keyring_trouble(address)}",
        )
    if state == "3D000" or ("database" in said and "does not exist" in said):
        return ServerError(
            where,
            f"The server has no database “{address.url.database}”: create it (an empty one) "
            "and crmdesk will set it up. Nothing was written.",
        )
    if state == "25006":
        return ServerError(
            where, "This workspace was opened for reading only: nothing can be saved through it."
        )
    if state == "42501":
        return ServerError(
            where,
            "The server does not let this user do that (permission denied). Nothing was saved.",
        )
    if state.startswith("08") or state.startswith("57P") or _unreachable(said):
        return ServerError(
            where,
            "The PostgreSQL server cannot be reached (or it went away): check the host, the "
            "port and the network. Nothing was saved.",
        )
    if state.startswith("53"):
        return ServerError(
            where, "The PostgreSQL server is out of resources (disk, memory). Nothing was saved."
        )
    return None


def _keyring_trouble(address: ServerAddress) -> str:
    trouble = _KEYRING_TROUBLE.get(address.key)
    return f" ({trouble})" if trouble else ""


def _unreachable(said: str) -> bool:
    return any(
        words in said
        for words in (
            "connection refused",
            "could not connect",
            "connection failed",
            "could not translate host name",
            "name or service not known",
            "timeout expired",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "ssl",
        )
    )


def schema_revision(address: ServerAddress, connection: Connection) -> str | None:
    """The database's crmdesk revision (None: an empty database, to be set up); refuses
    another program's database and one from a newer crmdesk, as ``migrate.recognise`` does
    for a file."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise foreign(address)
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    revision = str(rows[0][0]) if len(rows) == 1 else None
    comment = connection.execute(
        text("SELECT obj_description('alembic_version'::regclass, 'pg_class')")
    ).scalar()
    if comment == MARK:
        if revision is None:
            raise foreign(address)
        if revision not in migrate.KNOWN_REVISIONS:
            raise ServerError(
                address.shown,
                f"This database was written by a newer crmdesk (schema {revision}). "
                "Update crmdesk to open it; nothing was written.",
            )
        return revision
    raise foreign(address)


def foreign(address: ServerAddress) -> ServerError:
    return ServerError(
        address.shown,
        "This database belongs to another program (it holds tables crmdesk did not write): "
        "point crmdesk at an empty database or at one of its own. Nothing was written.",
    )


def upgrade(address: ServerAddress, engine: Engine) -> migrate.MigrationResult:
    """Bring the database to the head revision in one transaction (PostgreSQL's DDL is
    transactional: a failure leaves it as it was), under an advisory lock so two crmdesk
    starting at once do not both upgrade; stamps crmdesk's mark in the same transaction."""
    from alembic import command
    from alembic.config import Config

    with engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        revision = schema_revision(address, connection)
        if revision == migrate.HEAD_REVISION:
            return migrate.MigrationResult(revision, revision, None)
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except Exception as exc:
            known = translate_error(address, exc)
            if known is not None:
                raise known from exc
            raise ServerError(
                address.shown,
                f"The database could not be upgraded from schema {revision} to "
                f"{migrate.HEAD_REVISION} ({exc}). It was left as it was.",
            ) from exc
        connection.execute(text(f"COMMENT ON TABLE alembic_version IS '{MARK}'"))
    return migrate.MigrationResult(revision, migrate.HEAD_REVISION, None)


def row_trigger(name: str, sqlite_body: str) -> tuple[str, str]:
    """A migration's SQLite trigger (``AFTER … ON table BEGIN statements; END``) as the two
    statements PostgreSQL needs: a PL/pgSQL function running the same statements for each
    row, and the trigger calling it. ``NEW`` and ``OLD`` mean the same on both engines."""
    head, _, rest = sqlite_body.partition(" BEGIN ")
    statements = rest.rsplit("END", 1)[0].strip()
    function = (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {statements} RETURN NULL; END $$"
    )
    return function, f"CREATE TRIGGER {name} {head} FOR EACH ROW EXECUTE FUNCTION {name}()"


def resync_sequences(connection: Connection, *tables: str) -> None:
    """Move the serial columns' sequences (of ``tables``, every table without) past the
    largest id their table holds.

    Rows written with their ids given (the demo's bulk inserts, a copy from another workspace)
    leave PostgreSQL's sequences where they were, and the next ordinary insert would take an
    id already used; SQLite needs no such step (its next rowid follows the largest)."""
    serials = connection.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'"
        )
    ).all()
    for table, column in serials:
        if tables and table not in tables:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE((SELECT max("{column}") FROM "{table}"), 0) + 1, false)'
            ),
            {"table": f'"{table}"', "column": column},
        )
