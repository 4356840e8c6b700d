"""The CLI on hostile tables, in a real subprocess: whatever a file's name or header holds, the
terminal reads one printable line on stderr (no escape sequence reaches it), exit status 2."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crmdesk.core import clients
from crmdesk.core.db import Workspace
from tests.conftest import plan

REPO = Path(__file__).resolve().parents[2]
#: Retitles the terminal, then clears the screen: what a header must not do when quoted.
PWNED = "\x1b]0;pwned\x07\x1b[2J"


def crmdesk(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    )


def assert_one_clean_line(done: subprocess.CompletedProcess[bytes]) -> str:
    assert done.returncode == 2, done.stderr
    err = done.stderr
    assert b"\x1b" not in err and b"\x07" not in err and b"\x00" not in err
    assert b"\xc2\x9b" not in err and "\u202e".encode() not in err  # C1 CSI, bidi override
    text = err.decode()
    assert text.endswith("\n") and text.count("\n") == 1, text
    assert text.startswith("crmdesk: ") and "Traceback" not in text
    return text


@pytest.fixture
def campaign(workspace_path: Path) -> int:
    """A client and a campaign in a workspace that is closed again, for the subprocess."""
    with Workspace.open(workspace_path, create=False) as workspace:
        with workspace.session() as session:
            client_id, _ = clients.create_client(session, "Éditions Lumière")
        return plan(workspace, client_id, date(2026, 1, 9), name="Soldes")


def commands(workspace_path: Path, campaign: int, file: Path) -> list[list[str | Path]]:
    return [
        ["import-stats", file, "--db", workspace_path, "--campaign", str(campaign)],
        ["import-plan", file, "--db", workspace_path, "--dry-run"],
        ["contact", "import", file, "--db", workspace_path, "--client", "Éditions Lumière"],
    ]


def test_a_header_with_escape_sequences_is_one_printable_line_on_stderr(
    workspace_path: Path, campaign: int, tmp_path: Path
) -> None:
    csv = tmp_path / "export.csv"
    csv.write_bytes(f"email,{PWNED}\u202e,{'H' * 100_000}\nx@y.fr,1,2\n".encode())
    for command in commands(workspace_path, campaign, csv):
        text = assert_one_clean_line(crmdesk(*command))
        assert "\\x1b]0;pwned\\x07\\x1b[2J" in text  # shown, made visible
        assert len(text) < 600


def test_a_file_name_with_escape_sequences_is_one_printable_line_on_stderr(
    workspace_path: Path, campaign: int, tmp_path: Path
) -> None:
    csv = tmp_path / f"{PWNED}.csv"
    csv.write_bytes(b"a,b\n1,2\n")
    for command in commands(workspace_path, campaign, csv):
        assert_one_clean_line(crmdesk(*command))


def test_random_bytes_are_one_sentence_on_stderr(
    workspace_path: Path, campaign: int, tmp_path: Path
) -> None:
    csv = tmp_path / "export.csv"
    csv.write_bytes(random.Random(4).randbytes(5000))
    for command in commands(workspace_path, campaign, csv):
        text = assert_one_clean_line(crmdesk(*command))
        assert "is not a text CSV file (binary content at byte" in text


def test_an_argument_with_escape_sequences_is_quoted_printable_by_argparse(
    workspace_path: Path, campaign: int, tmp_path: Path
) -> None:
    done = crmdesk("import-stats", tmp_path / "x.csv", "--campaign", "1", "--on", PWNED)
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr
