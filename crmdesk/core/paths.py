"""Where crmdesk keeps its files on this computer: light enough for the crash log and
``crmdesk check``, which must not load SQLAlchemy to learn it."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "crmdesk"


def data_dir() -> Path:
    """The user's data folder for crmdesk (``CRMDESK_DATA_DIR`` overrides it, for tests)."""
    override = os.environ.get("CRMDESK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
