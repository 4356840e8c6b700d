"""The operation pipeline on a real workspace: work off the GUI thread, its outcome back on it,
progress with Cancel, refusals to the window, bugs to the crash handler, and what a write
changed announced once, naming the window that asked."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from crmdesk.core import clients
from crmdesk.core.changes import Changes
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError
from crmdesk.ui.operations import Job, Operations, Progress

WAIT_MS = 10_000


@pytest.fixture
def ops(workspace: Workspace) -> Operations:
    return Operations(workspace)


@pytest.fixture
def button(qtbot: QtBot) -> QPushButton:
    """The widget that asks: disabled while its work runs, as a window's button is."""
    widget = QPushButton("Import")
    qtbot.addWidget(widget)
    return widget


class Calls:
    """What the pipeline called, in order, and on which thread."""

    def __init__(self, button: QPushButton | None = None) -> None:
        self.seen: list[tuple[str, Any]] = []
        self.threads: list[threading.Thread] = []
        self.button = button

    def done(self, result: object) -> None:
        self.seen.append(("done", result))
        self.threads.append(threading.current_thread())

    def failed(self, error: CrmdeskError) -> None:
        self.seen.append(("failed", error))

    def finished(self) -> None:
        self.seen.append(("finished", None))
        if self.button is not None:
            self.button.setEnabled(True)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.seen]

    def run(self, ops: Operations, work: Any, **options: Any) -> Job:
        if self.button is not None:
            self.button.setEnabled(False)
        return ops.run(
            work,
            on_done=self.done,
            on_failed=self.failed,
            on_finished=self.finished,
            initiator=self.button,
            **options,
        )


def finish(qtbot: QtBot, job: Job) -> None:
    qtbot.waitUntil(lambda: job.finished, timeout=WAIT_MS)


def test_the_work_runs_on_a_worker_and_its_result_comes_back_on_the_gui_thread(
    qtbot: QtBot, ops: Operations, button: QPushButton
) -> None:
    workers: list[threading.Thread] = []

    def work(progress: Progress) -> int:
        workers.append(threading.current_thread())
        return 42

    calls = Calls(button)
    job = calls.run(ops, work)
    assert not button.isEnabled()
    finish(qtbot, job)
    assert calls.seen == [("done", 42), ("finished", None)]
    assert workers[0] is not threading.main_thread()
    assert calls.threads == [threading.main_thread()]
    assert button.isEnabled()


def test_progress_reaches_the_window_and_cancel_stops_the_work(
    qtbot: QtBot, ops: Operations, button: QPushButton
) -> None:
    started = threading.Event()
    steps: list[tuple[int, int]] = []

    def work(progress: Progress) -> None:
        done = 0
        while progress.report(done, 1_000_000):  # as the core's callbacks are called
            if done == 0:
                started.set()
            done += 1
        raise CrmdeskError("Import cancelled; nothing was written.")  # as the core says it

    calls = Calls(button)
    job = calls.run(ops, work, on_progress=lambda done, total: steps.append((done, total)))
    assert started.wait(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: bool(steps), timeout=WAIT_MS)
    assert steps[0][1] == 1_000_000
    job.cancel()
    finish(qtbot, job)
    assert calls.kinds() == ["failed", "finished"]
    assert "cancelled" in str(calls.seen[0][1])
    assert button.isEnabled()


def test_work_cancelled_before_it_starts_is_dropped_and_the_window_released(
    qtbot: QtBot, ops: Operations, button: QPushButton
) -> None:
    release = threading.Event()
    ran: list[str] = []
    blocking = ops.run(lambda progress: release.wait(WAIT_MS / 1000), kind="workspace")
    calls = Calls(button)
    queued = calls.run(ops, lambda progress: ran.append("ran"), kind="workspace")
    queued.cancel()
    release.set()
    finish(qtbot, blocking)
    finish(qtbot, queued)
    assert ran == [], "the workspace's one worker never started it"
    assert calls.kinds() == ["finished"]
    assert button.isEnabled()


def test_a_refusal_goes_to_on_failed_and_is_no_bug(
    qtbot: QtBot, ops: Operations, button: QPushButton, crash_reports: list[tuple[Any, ...]]
) -> None:
    refusal = CrmdeskError("The file is locked.")

    def work(progress: Progress) -> None:
        raise refusal

    calls = Calls(button)
    finish(qtbot, calls.run(ops, work))
    assert calls.seen == [("failed", refusal), ("finished", None)]
    assert crash_reports == []
    assert button.isEnabled()


def test_a_bug_releases_the_window_then_reaches_the_crash_handler(
    qtbot: QtBot, ops: Operations, button: QPushButton, crash_reports: list[tuple[Any, ...]]
) -> None:
    def work(progress: Progress) -> None:
        raise RuntimeError("a bug in the reader")

    calls = Calls(button)
    finish(qtbot, calls.run(ops, work, context="reading the export"))
    assert calls.kinds() == ["finished"], "neither done nor failed: released all the same"
    assert button.isEnabled()
    [(error, parent, context)] = crash_reports
    assert isinstance(error, RuntimeError) and str(error) == "a bug in the reader"
    assert error.__traceback__ is not None, "the traceback goes with it, for the log"
    assert parent is button and context == "reading the export"


def test_a_bug_in_the_windows_own_callback_is_reported_and_the_window_released(
    qtbot: QtBot, ops: Operations, button: QPushButton, crash_reports: list[tuple[Any, ...]]
) -> None:
    released: list[bool] = []

    def done(result: object) -> None:
        raise KeyError("row")

    button.setEnabled(False)
    job = ops.run(
        lambda progress: 1,
        on_done=done,
        on_finished=lambda: released.append(True),
        initiator=button,
    )
    finish(qtbot, job)
    assert released == [True]
    assert [type(error) for error, _, _ in crash_reports] == [KeyError]


def test_a_workspace_job_announces_what_it_changed_once_naming_who_asked(
    qtbot: QtBot, ops: Operations, workspace: Workspace, button: QPushButton
) -> None:
    order: list[str] = []
    heard: list[Changes] = []
    ops.changed.connect(lambda changes: (heard.append(changes), order.append("changed")))

    def work(progress: Progress) -> tuple[int, Changes]:
        with workspace.session() as session:
            return clients.create_client(session, "Maison Verlaine")

    job = ops.run(
        work,
        kind="workspace",
        initiator=button,
        on_done=lambda result: order.append("done"),
        on_finished=lambda: order.append("finished"),
    )
    finish(qtbot, job)
    assert order == ["done", "changed", "finished"]
    assert len(heard) == 1 and heard[0].clients and heard[0].initiator is button
    with workspace.reader() as session:
        assert [c.name for c in clients.list_clients(session)] == ["Maison Verlaine"]


def test_a_synchronous_write_announces_its_changes_and_nothing_when_nothing_changed(
    ops: Operations, button: QPushButton
) -> None:
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    client_id, _ = ops.write(clients.create_client, "Maison Verlaine", initiator=button)
    assert isinstance(client_id, int)
    assert len(heard) == 1 and heard[0].clients and heard[0].initiator is button
    ops.write(lambda session: Changes())
    assert len(heard) == 1, "an empty change is not announced"


def test_a_window_closed_meanwhile_gets_no_callback_but_the_change_is_announced(
    qtbot: QtBot, ops: Operations, workspace: Workspace
) -> None:
    widget = QPushButton()
    release = threading.Event()
    called: list[str] = []
    heard: list[Changes] = []
    ops.changed.connect(heard.append)

    def work(progress: Progress) -> tuple[int, Changes]:
        release.wait(WAIT_MS / 1000)
        with workspace.session() as session:
            return clients.create_client(session, "Maison Verlaine")

    job = ops.run(
        work,
        kind="workspace",
        initiator=widget,
        on_done=lambda result: called.append("done"),
        on_finished=lambda: called.append("finished"),
    )
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _valid(widget), timeout=WAIT_MS)
    release.set()
    finish(qtbot, job)
    assert called == []
    assert len(heard) == 1 and heard[0].clients


def _valid(widget: QPushButton) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_shutdown_waits_for_the_running_work_and_drops_the_queued(
    qtbot: QtBot, ops: Operations
) -> None:
    started, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def running(progress: Progress) -> None:
        started.set()
        release.wait(WAIT_MS / 1000)
        ran.append("running")

    ops.run(running, kind="workspace")
    ops.run(lambda progress: ran.append("queued"), kind="workspace")
    assert started.wait(WAIT_MS / 1000)
    threading.Timer(0.05, release.set).start()
    ops.shutdown()
    assert ran == ["running"]


def test_a_read_in_the_background_gives_none_when_the_workspace_refuses(
    qtbot: QtBot, ops: Operations
) -> None:
    results: list[object] = []

    def refused(session: object) -> None:
        raise CrmdeskError("locked")

    ops.read_in_background(clients.has_clients, on_done=results.append)
    ops.read_in_background(refused, on_done=results.append)
    ops.wait_for_background()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    assert results == [False, None]


def test_a_write_that_ticks_the_checklist_announces_it_too(
    ops: Operations, workspace: Workspace, client_id: int, qtbot: QtBot
) -> None:
    from datetime import date

    from crmdesk.core.briefs import service as brief_service
    from tests.conftest import plan
    from tests.core.test_briefs import COMPLETE

    campaign_id = plan(workspace, client_id, date(2026, 3, 19))
    with qtbot.waitSignal(ops.changed, timeout=WAIT_MS) as blocker:
        ops.write(brief_service.save, campaign_id, COMPLETE, "sitting-1")
    changes = blocker.args[0]
    # The brief at 100 % ticked "Brief received": the checklist views must hear of it.
    assert changes.brief and changes.checklist and changes.campaign_ids == {campaign_id}
    with qtbot.waitSignal(ops.changed, timeout=WAIT_MS) as blocker:
        ops.write(brief_service.save, campaign_id, COMPLETE, "sitting-1")
    assert not blocker.args[0].checklist  # nothing new to tick
