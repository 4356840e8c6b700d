"""A running timer is a row, not a variable: it survives its process being SIGKILLed.

A real child process starts a timer through the core services and is killed with SIGKILL, once
while it merely holds the workspace open, once in the middle of stopping the timer (its
transaction begun, not committed). A new process then opens the workspace at once and finds the
timer running with the start time the child printed, and no half-made time entry.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk.core import clients, timesheet
from crmdesk.core.db import Workspace
from crmdesk.core.models import TimeEntry
from crmdesk.core.sqlite import integrity_ok
from tests.conftest import on_postgresql, plan

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="SIGKILL does not exist on Windows"
)

ROOT = Path(__file__).resolve().parents[2]

#: The child: start the timer and commit, say so, then (``stop``) begin stopping it without
#: committing, say so, and wait to be killed.
CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime, timedelta
    from crmdesk.core import timesheet
    from crmdesk.core.db import Workspace

    path, campaign, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    workspace = Workspace.open(path)
    with workspace.session() as session:
        timer, _ = timesheet.start_timer(session, campaign, datetime.now(UTC), phase="bat")
    print("started", timer.started_at.isoformat(), flush=True)
    if mode == "stop":
        with workspace.session() as session:
            timesheet.stop_timer(session, timer.started_at + timedelta(minutes=42))
            print("stopping", flush=True)
            time.sleep(120)
    time.sleep(120)
    """
)


@pytest.fixture
def campaign(workspace_path: Path) -> int:
    with Workspace.open(workspace_path) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verne")
        return plan(workspace, client, date(2026, 11, 26), name="Black Friday")


def _run_and_kill(path: Path, campaign: int, mode: str) -> datetime:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(campaign), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None
        word, started = child.stdout.readline().split()
        assert word == "started"
        if mode == "stop":
            assert child.stdout.readline().strip() == "stopping"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    return datetime.fromisoformat(started)


@pytest.mark.parametrize("mode", ["idle", "stop"])
def test_the_timer_survives_a_sigkill(workspace_path: Path, campaign: int, mode: str) -> None:
    started = _run_and_kill(workspace_path, campaign, mode)
    if not on_postgresql():  # the file's own check; a server keeps its pages itself
        assert integrity_ok(workspace_path)
    # The killed process's lock does not hold the workspace: it opens at once for writing.
    with Workspace.open(workspace_path) as workspace:
        with workspace.reader() as session:
            running = timesheet.running_timer(session)
            entries = session.scalar(select(func.count()).select_from(TimeEntry))
        assert running is not None
        assert (running.campaign, running.phase, running.started_at) == (
            "Black Friday",
            "bat",
            started,
        )
        assert entries == 0  # the stop that was killed half-way left nothing behind
        with workspace.session() as session:
            entry_id, _ = timesheet.stop_timer(session, started, minutes=42)
        with workspace.reader() as session:
            assert entry_id is not None
            assert timesheet.entry_input(session, entry_id).minutes == 42
            assert timesheet.running_timer(session) is None
