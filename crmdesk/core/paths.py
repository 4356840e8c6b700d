"""Where crmdesk keeps its files on this computer, and what ``--db`` names: light enough for
the crash log, ``crmdesk check`` and the window's first paint, which must not load SQLAlchemy
to learn it."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "crmdesk"
#: The URL schemes of a server's database (``crmdesk.core.postgres`` opens them).
SERVER_SCHEMES = ("postgresql", "postgres")


def data_dir() -> Path:
    """The user's data folder for crmdesk (``CRMDESK_DATA_DIR`` overrides it, for tests)."""
    override = os.environ.get("CRMDESK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_workspace_path() -> Path:
    """The workspace opened when none is given or chosen in the preferences."""
    return data_dir() / "workspace.sqlite"


def demo_workspace_path() -> Path:
    return data_dir() / "demo.sqlite"


def is_server_url(text: str) -> bool:
    """True for what ``--db`` takes as a server rather than a file: ``postgresql://…``."""
    scheme, sep, _rest = text.partition("://")
    return bool(sep) and scheme.split("+", 1)[0].lower() in SERVER_SCHEMES


def location(text: str) -> Path | str:
    """What ``--db`` names: a server URL kept as typed (``Workspace.open`` parses it), or a
    file path."""
    return text.strip() if is_server_url(text) else Path(text)
