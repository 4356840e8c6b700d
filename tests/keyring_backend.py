"""A real keyring backend for tests: passwords in a JSON file named by ``CRMDESK_TEST_KEYRING``.

A file rather than a dict, so a ``crmdesk`` process started by a test reads what the test
stored: ``PYTHON_KEYRING_BACKEND=tests.keyring_backend.FileKeyring`` selects it there, as
keyring's documentation says to select any backend. Without the variable the backend declares
itself unusable, so keyring never picks it on its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringLocked, PasswordDeleteError

ENV = "CRMDESK_TEST_KEYRING"
#: The value of ``PYTHON_KEYRING_BACKEND`` that selects this backend in a child process.
BACKEND = f"{__name__}.FileKeyring"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        if not os.environ.get(ENV):
            raise RuntimeError(f"{ENV} names no file")
        return 100

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = Path(path if path is not None else os.environ[ENV])

    def _read(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text("utf-8"))

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.write_text(json.dumps(data), "utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data.setdefault(service, {})[username] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if username not in data.get(service, {}):
            raise PasswordDeleteError(f"no password for {username} in {service}")
        del data[service][username]
        self._write(data)


class LockedKeyring(KeyringBackend):
    """A keyring the user declined to unlock, as Secret Service reports it."""

    priority = 0  # never chosen on its own

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


@contextmanager
def installed(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Make ``backend`` this process's keyring for the block, then put the previous one back."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@contextmanager
def file_keyring(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    """Passwords in ``path`` for this process and for the ``crmdesk`` processes it starts."""
    monkeypatch.setenv(ENV, str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
    backend = FileKeyring(path)
    with installed(backend):
        yield backend
