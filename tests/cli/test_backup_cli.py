"""`crmdesk backup` and `crmdesk restore` as a user and a script run them: real processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk.core import backups, clients
from crmdesk.core.db import Workspace
from tests.cli.runs import crmdesk

#: What only a workspace file has: skipped on a PostgreSQL server.
FILE_ONLY = pytest.mark.sqlite_only(
    reason="backs up and restores the workspace file (a server is pg_dump's: test_postgres)"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def client_names(path: Path) -> list[str]:
    with Workspace.open(path) as workspace, workspace.reader() as session:
        return sorted(c.name for c in clients.list_clients(session))


def add_client(path: Path, name: str) -> None:
    with Workspace.open(path) as workspace, workspace.session() as session:
        clients.create_client(session, name)


@FILE_ONLY
def test_backup_then_restore_yes(workspace_path: Path, data_dir: Path) -> None:
    add_client(workspace_path, "Before")
    taken = crmdesk("backup", "--db", workspace_path, data_dir=data_dir)
    assert taken.returncode == 0, taken.stderr
    folder = backups.default_folder(workspace_path)
    [backup] = [b.path for b in backups.list_backups(folder, workspace_path.stem)]
    assert str(backup) in taken.stdout
    add_client(workspace_path, "After")

    restored = crmdesk("restore", backup, "--db", workspace_path, "--yes", data_dir=data_dir)

    assert restored.returncode == 0, restored.stderr
    assert client_names(workspace_path) == ["Before"]
    listed = [b.path for b in backups.list_backups(folder, workspace_path.stem)]
    [safety] = [p for p in listed if p != backup]
    assert str(safety) in restored.stdout
    assert client_names(safety) == ["After", "Before"]


@FILE_ONLY
def test_backup_out_writes_exactly_there_and_never_overwrites(
    workspace_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "elsewhere" / "copy.sqlite"
    done = crmdesk("backup", "--db", workspace_path, "--out", out, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and client_names(out) == []
    before = digest(out)
    again = crmdesk("backup", "--db", workspace_path, "--out", out, data_dir=data_dir)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert digest(out) == before
    assert not backups.default_folder(workspace_path).exists()  # --out: nothing else written


@FILE_ONLY
def test_restore_without_yes_and_no_terminal_is_refused(
    workspace_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    add_client(workspace_path, "Current")
    backup = backups.backup_to_file(workspace_path, tmp_path / "good.sqlite")
    before = digest(workspace_path)

    refused = crmdesk("restore", backup, "--db", workspace_path, data_dir=data_dir, stdin="y\n")

    assert refused.returncode == 2
    assert "not a terminal" in refused.stderr and "--yes" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert digest(workspace_path) == before
    assert not backups.default_folder(workspace_path).exists()  # no safety copy either


@FILE_ONLY
def test_restore_refusals_are_sentences_in_french_too(
    workspace_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("my notes")
    before = digest(workspace_path)
    refused = crmdesk("restore", text, "--db", workspace_path, "--yes", data_dir=data_dir)
    assert refused.returncode == 2
    assert "not a crmdesk workspace" in refused.stderr and "Traceback" not in refused.stderr
    assert digest(workspace_path) == before

    backup = backups.backup_to_file(workspace_path, tmp_path / "good.sqlite")
    french = crmdesk(
        "restore", backup, "--db", workspace_path, data_dir=data_dir, lang="fr_FR.UTF-8"
    )
    assert french.returncode == 2 and "n’est pas un terminal" in french.stderr


def test_a_backup_into_a_folder_that_refuses_is_a_sentence(
    workspace_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    done = crmdesk(
        "backup", "--db", workspace_path, "--out", blocker / "x.sqlite", data_dir=data_dir
    )
    assert done.returncode == 2
    assert "backups folder" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@FILE_ONLY
def test_restore_asks_on_a_terminal(workspace_path: Path, data_dir: Path, tmp_path: Path) -> None:
    """A real pseudo-terminal as stdin: the question is asked; "n" changes nothing, "y" restores."""
    add_client(workspace_path, "Before")
    backup = backups.backup_to_file(workspace_path, tmp_path / "good.sqlite")
    add_client(workspace_path, "After")

    def answer(reply: str) -> subprocess.CompletedProcess[str]:
        primary, secondary = os.openpty()
        try:
            os.write(primary, reply.encode())
            env = {**os.environ, "CRMDESK_DATA_DIR": str(data_dir), "LC_ALL": "C.UTF-8"}
            return subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "crmdesk",
                    "restore",
                    str(backup),
                    "--db",
                    str(workspace_path),
                ],
                stdin=secondary,
                capture_output=True,
                text=True,
                env=env,
                timeout=90,
            )
        finally:
            os.close(primary)
            os.close(secondary)

    declined = answer("n\n")
    assert declined.returncode == 0, declined.stderr
    assert "backed up first" in declined.stdout and "cancelled" in declined.stdout
    assert client_names(workspace_path) == ["After", "Before"]

    accepted = answer("y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert "previous state" in accepted.stdout
    assert client_names(workspace_path) == ["Before"]
