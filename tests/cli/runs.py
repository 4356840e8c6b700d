"""Running crmdesk commands as a user's terminal would: inside the test's process (``desk``)
or as a process of its own (``crmdesk``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk import cli


def desk(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: object,
    lang: str = "C.UTF-8",
) -> tuple[int, str, str]:
    """``crmdesk ARGS`` in this process under ``LANG=lang``: (status, stdout, stderr)."""
    monkeypatch.setenv("LANG", lang)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    capsys.readouterr()
    try:
        status = cli.run(cli.parse([str(a) for a in args]))
    except SystemExit as exited:  # argparse refusing an argument
        status = int(exited.code or 0)
    out = capsys.readouterr()
    return status, out.out, out.err


REPO = Path(__file__).resolve().parents[2]


def crmdesk(
    *args: object, data_dir: Path, stdin: str | None = "", lang: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    """``crmdesk ARGS`` in a process of its own, offscreen, with its own data folder."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CRMDESK_DATA_DIR": str(data_dir),
        "LANG": lang,
        "LC_ALL": lang,
    }
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=90,
        cwd=REPO,
    )
