"""Whether another program holds a workspace file's writer lock, without taking it.

The window's first paint (issue 21) reads the file before the workspace is opened with its lock
(``core.db``, through ``filelock``, which loads asyncio). A workspace another crmdesk holds must
not be painted and then refused: this probe says so first, with ``fcntl`` alone, and the start
takes its ordinary path, which explains the refusal. Where it cannot tell (no ``fcntl``, an odd
lock file), it answers "held": the ordinary path is always right, only slower.
"""

from __future__ import annotations

import os
from pathlib import Path


def held_elsewhere(path: Path) -> bool:
    """True when the lock beside ``path`` is held (by another process), or when that cannot be
    known. ``filelock`` takes the same ``flock`` lock on POSIX systems."""
    try:
        import fcntl
    except ImportError:  # Windows: filelock locks another way there
        return True
    lock = Path(f"{path}.lock")
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return False  # never opened for writing, or its writer left and removed it
    except OSError:
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # EWOULDBLOCK: held; anything else: cannot tell
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
