"""Writing a file the user will open, whole or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def replace_atomically(out: Path, write: Callable[[BinaryIO], object]) -> None:
    """Have ``write`` fill a temporary file beside ``out``, then rename it over ``out``: a full
    disk or a crash never leaves half a file where the user looks. Raises ``OSError`` for the
    caller to put in the user's words; the temporary file is gone either way."""
    temporary = out.parent / f".{out.name}.{secrets.token_hex(4)}.part"
    try:
        with temporary.open("xb") as handle:  # the user's umask applies, unlike mkstemp's 0600
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    finally:
        with contextlib.suppress(OSError):  # gone after the rename; left over after a failure
            temporary.unlink(missing_ok=True)
