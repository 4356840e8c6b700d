"""A real full disk for the tests: a tiny tmpfs in a private mount namespace."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest


def on_a_tiny_disk(
    mount: Path, size: str, commands: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run the shell ``commands`` with a ``size`` tmpfs mounted at ``mount``, in a private mount
    namespace (the mount disappears with the process); ``args`` are the script's $0, $1…

    Skips, saying why, where the mount cannot be made: it needs ``unshare`` and root.
    """
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        pytest.skip("needs unshare and root to mount a tiny tmpfs in a private namespace")
    mount.mkdir(exist_ok=True)
    script = f"set -e\nmount -t tmpfs -o size={size} tmpfs {mount}\n{textwrap.dedent(commands)}"
    done = subprocess.run(
        [unshare, "--mount", "--propagation", "private", "sh", "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    return done
