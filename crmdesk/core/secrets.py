"""The system keyring, where SMTP and database passwords live: the one module that talks to
``keyring``.

SMTP passwords are kept under the service ``crmdesk-smtp`` and the account's name, never in the
workspace; a PostgreSQL workspace's under ``crmdesk-db`` and ``user@host:port/database``. A
keyring is a plugin (Secret Service, KWallet, a file store…) and each fails in its own way, not
always with a ``KeyringError``: whatever it raises becomes one :class:`SecretStoreUnavailable`,
never a traceback, and nothing else is written. ``keyring`` is imported inside the functions:
finding a backend can mean a D-Bus round trip, and neither start-up nor the commands that never
send need one.
"""

from __future__ import annotations

from crmdesk.core.errors import CrmdeskError
from crmdesk.core.printable import printable

SERVICE = "crmdesk-smtp"
#: The service of PostgreSQL workspaces' passwords, keyed by ``user@host:port/database``.
DB_SERVICE = "crmdesk-db"

_INSTALL = (
    "On Linux, run a Secret Service provider (GNOME Keyring or KWallet) and install the Python "
    "package secretstorage (pip install secretstorage), or install keyrings.alt "
    "(pip install keyrings.alt) for a file-based store; macOS and Windows have one built in."
)


class SecretStoreUnavailable(CrmdeskError):
    """The keyring cannot keep or give a password.

    ``code`` picks the UI's translated sentence: "no_backend" (this machine has no keyring;
    the message says what to install), "locked" (it stayed locked), "failed" (anything else
    the keyring reported).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _unavailable(
    exc: Exception, doing: str, outcome: str = "", secret: str | None = None
) -> SecretStoreUnavailable:
    """The error for the user; a backend's own words lose the password, should they hold it."""
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(exc, NoKeyringError):
        return SecretStoreUnavailable(
            "no_backend", f"No system keyring is available to {doing}.{outcome} {_INSTALL}"
        )
    if isinstance(exc, KeyringLocked):
        return SecretStoreUnavailable(
            "locked",
            f"The system keyring is locked, so crmdesk could not {doing}: unlock it and try "
            f"again.{outcome}",
        )
    said = printable(str(exc), 200)
    if secret:
        said = said.replace(secret, "•••")
    return SecretStoreUnavailable(
        "failed", f"The system keyring could not {doing} ({type(exc).__name__}: {said}).{outcome}"
    )


def _keep(service: str, account: str, password: str, whose: str) -> None:
    """Keep ``password`` under ``service``/``account``, replacing the one it had; ``whose``
    names it in the refusal."""
    import keyring

    try:
        keyring.set_password(service, account, password)
    except Exception as exc:  # any backend's failure, KeyringError or not (see the module)
        raise _unavailable(
            exc, f"keep the password of {whose}", " Nothing was saved.", password
        ) from None  # the backend's error may quote the password: not chained


def store_password(account: str, password: str) -> None:
    """Keep the password of an SMTP account, replacing the one it had."""
    _keep(SERVICE, account, password, f"SMTP account “{account}”")


def password(account: str) -> str | None:
    """The account's password, or None when the keyring has none for it."""
    import keyring

    try:
        return keyring.get_password(SERVICE, account)
    except Exception as exc:  # any backend's failure, KeyringError or not (see the module)
        raise _unavailable(exc, f"give the password of SMTP account “{account}”") from exc


def db_password(key: str) -> str | None:
    """The password of a PostgreSQL workspace (``user@host:port/database``), None when the
    keyring has none for it or this machine has no keyring: libpq then tries ``~/.pgpass``,
    and a server that wants a password says so through ``postgres.translate_error``."""
    import keyring
    from keyring.errors import NoKeyringError

    try:
        return keyring.get_password(DB_SERVICE, key)
    except NoKeyringError:
        return None
    except Exception as exc:  # any backend's failure, KeyringError or not (see the module)
        raise _unavailable(exc, f"give the password of the database {key}") from exc


def store_db_password(key: str, password: str) -> None:
    """Keep the password of a PostgreSQL workspace (``ServerAddress.key``), replacing the one
    it had: where ``postgres.password`` reads it when the workspace is opened."""
    _keep(DB_SERVICE, key, password, f"the database {key}")


def forget_db_password(key: str) -> bool:
    """Remove a PostgreSQL workspace's password; False when the keyring held none for it.
    A machine with no keyring at all has none to forget; a keyring that fails says so."""
    import keyring
    from keyring.errors import NoKeyringError, PasswordDeleteError

    try:
        keyring.delete_password(DB_SERVICE, key)
    except (PasswordDeleteError, NoKeyringError):
        return False
    except Exception as exc:  # any backend's failure, KeyringError or not (see the module)
        raise _unavailable(exc, f"forget the password of the database {key}") from exc
    return True


def forget_password(account: str) -> None:
    """Remove the account's password. One that is not there, or a machine with no keyring at
    all (where none can have been kept), leaves nothing to forget."""
    import keyring
    from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, account)
    except (PasswordDeleteError, NoKeyringError):
        return
    except (KeyringError, OSError, ValueError) as exc:
        raise _unavailable(exc, f"forget the password of SMTP account “{account}”") from exc
