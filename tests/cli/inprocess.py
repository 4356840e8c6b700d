"""Running a crmdesk command inside the test's process, as a user's terminal would see it."""

from __future__ import annotations

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
