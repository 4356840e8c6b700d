"""Which file to open, and creating the demo ones: the decisions shared by the CLI and the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crmdesk.core import demo
from crmdesk.core.db import Workspace
from crmdesk.core.errors import WorkspaceError
from crmdesk.core.paths import demo_workspace_path


def write_demo(
    out: Path,
    campaigns: int = demo.DEFAULT_CAMPAIGNS,
    seed: int = demo.DEFAULT_SEED,
    today: date | None = None,
) -> int:
    """Write a new demo workspace at ``out``; refuses to overwrite an existing file."""
    out = Path(out).expanduser()
    if out.exists() and out.stat().st_size > 0:
        raise WorkspaceError(out.resolve(), "A file already exists here; choose another path.")
    if campaigns < 0:
        raise WorkspaceError(out, "The number of campaigns cannot be negative.")
    with Workspace.open(out) as workspace, workspace.session() as session:
        return demo.populate(session, campaigns, seed, today)


def open_demo(path: Path | None = None) -> Workspace:
    """The demo workspace, written on first use and kept afterwards (edits to it are not lost)."""
    path = path or demo_workspace_path()
    if not path.exists() or path.stat().st_size == 0:
        write_demo(path)
    return Workspace.open(path)
