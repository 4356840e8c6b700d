"""The one way the UI reaches the workspace and runs work off the GUI thread.

``read`` and ``write`` run a core service in one transaction on the GUI thread (they are short).
``run`` takes anything longer (an import, a check run, a report, an SMTP send) to a worker: one
thread for the workspace (SQLite has one writer), two for files, CPU and network. The work never
touches a widget; its outcome comes back on the GUI thread, in this order: ``on_done(result)``,
or ``on_failed(error)`` for an error the user can act on (a ``CrmdeskError``, shown in a dialog
when no ``on_failed`` is given); then the announcement of what it changed; then
``on_finished()``, whatever happened, so the window that asked is always released. Any other
exception is a bug: after ``on_finished`` it goes to the crash handler with its traceback.

Writes announce what they changed through ``changed`` so each view decides whether to refresh
(the calendar, the cockpit and the undo stack never call each other); the window that asked
finds itself in ``Changes.initiator`` and may skip the reload it already did.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_futures
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError

if TYPE_CHECKING:  # the first paint imports this module; the workspace's ORM comes after it
    from crmdesk.core.db import Workspace

T = TypeVar("T")
Kind = Literal["workspace", "other"]

#: Threads per kind of work: the workspace has one writer; files, CPU and network share two.
THREADS: dict[str, int] = {"workspace": 1, "other": 2}
#: Progress reaches the GUI thread at most this often (the last step always does).
PROGRESS_EVERY_S = 0.05
#: A progress dialog shows only for work that lasts longer than this (Anki's 600 ms).
PROGRESS_DIALOG_AFTER_MS = 600


def changes_of(result: object) -> Changes | None:
    """What a service's result says it changed: ``Changes`` alone, last in a tuple, or the
    ``changes`` of an outcome (a check run, a plan import, a brief saved)."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else None


class Progress:
    """Handed to the work: ``report(done, total)`` is the core's progress callback (it may be
    passed as is); it returns False once Cancel was asked, and the core then stops."""

    def __init__(self, relay: Callable[[int, int], None] | None = None) -> None:
        self._cancelled = threading.Event()
        self._relay = relay
        self._last = 0.0

    def report(self, done: int, total: int) -> bool:
        if self._relay is not None:
            now = time.monotonic()
            if done >= total or now - self._last >= PROGRESS_EVERY_S:
                self._last = now
                self._relay(done, total)
        return not self._cancelled.is_set()

    __call__ = report

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()


@dataclass(frozen=True)
class ProgressText:
    """What a progress dialog says: its label, and its title and Cancel button when the window
    has its own words for them (else the window's title and Qt's "Cancel")."""

    label: str = ""
    title: str = ""
    cancel: str = ""


class Job:
    """A piece of work given to ``Operations.run``: cancel it, wait for it, ask if it ended."""

    def __init__(
        self,
        ops: Operations,
        work: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None,
        on_failed: Callable[[CrmdeskError], None] | None,
        on_finished: Callable[[], None] | None,
        on_progress: Callable[[int, int], None] | None,
        initiator: QObject | None,
        kind: Kind,
        context: str,
    ) -> None:
        self.ops = ops
        self.work = work
        self.on_done, self.on_failed, self.on_finished = on_done, on_failed, on_finished
        self.on_progress = on_progress
        self.initiator = initiator
        self.kind = kind
        self.context = context
        self.progress = Progress(self._relay_progress)
        self.dialog: QProgressDialog | None = None
        self.future: Future[None] | None = None
        #: True once the outcome was delivered on the GUI thread (or the job was dropped).
        self.finished = False

    def cancel(self) -> None:
        """Ask the work to stop (its next progress report says so); work not started yet is
        dropped, and only ``on_finished`` is called."""
        self.progress.cancel()
        if self.future is not None and self.future.cancel():
            self.ops._post(partial(self.ops._deliver, self, "dropped", None))

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has returned (closing a window, tests); its outcome is still
        delivered by the event loop. False if it is still running after ``timeout``."""
        if self.future is None:
            return True
        done, _ = wait_for_futures([self.future], timeout)
        return bool(done)

    @property
    def running(self) -> bool:
        return not self.finished

    def _relay_progress(self, done: int, total: int) -> None:
        self.ops._post(lambda: self._progressed(done, total))

    def _progressed(self, done: int, total: int) -> None:
        if self.finished or not _alive(self.initiator):
            return
        if self.dialog is not None:
            self.dialog.setValue(int(done * 1000 / total) if total else 0)
        if self.on_progress is not None:
            self.on_progress(done, total)

    def _open_dialog(self, text: ProgressText) -> None:
        parent = self.initiator if isinstance(self.initiator, QWidget) else None
        dialog = QProgressDialog(parent)  # its Cancel button is Qt's, translated by qtbase
        dialog.setLabelText(text.label)
        dialog.setRange(0, 1000)
        if text.cancel:
            dialog.setCancelButtonText(text.cancel)
        title = text.title or (parent.windowTitle() if parent is not None else "")
        if title:
            dialog.setWindowTitle(title)
        dialog.setMinimumDuration(PROGRESS_DIALOG_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()


class _Relay(QObject):
    """Lives on the GUI thread: a call posted from a worker (or from the GUI thread itself)
    runs there, queued, after the current event."""

    call = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.call.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _call(function: Callable[[], None]) -> None:
        function()


class Operations(QObject):
    changed = Signal(object)  # Changes
    error = Signal(object)  # CrmdeskError raised where no caller can catch it (undo, redo)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._relay = _Relay(self)
        self._executors: dict[str, ThreadPoolExecutor] = {}
        self._jobs: set[Job] = set()
        self._shut = False  # set by ``shutdown``

    # -- on the GUI thread ----------------------------------------------------------------------

    def read(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.workspace.reader() as session:
            return service(session, *args, **kwargs)

    def write(
        self, service: Callable[..., Any], *args: Any, initiator: object = None, **kwargs: Any
    ) -> Any:
        """Run a writing service and announce what it changed; it returns ``Changes``,
        ``(value, …, Changes)`` or an outcome with its ``changes``."""
        from crmdesk.core import chain, concurrency

        with self.workspace.session() as session:
            result = service(session, *args, **kwargs)
            concurrency.announce(session, changes_of(result))  # to other processes (issue 22)
        changes = changes_of(result)
        ticked = chain.moved(session)  # the checklist items the write settled
        if not ticked.empty:
            changes = ticked if changes is None else changes | ticked
        self.announce(changes, initiator)
        return result

    def announce(self, changes: Changes | None, initiator: object = None) -> None:
        """Tell the views what a committed write changed (nothing when nothing did)."""
        if changes is None or changes.empty:
            return
        self.changed.emit(changes.from_(initiator) if initiator is not None else changes)

    def who(self) -> str:
        """The name put on a decision, a tick or a send: the operator's profile (else the
        computer's login, before a profile exists)."""
        from crmdesk.core import operators

        return self.read(operators.who)

    # -- off the GUI thread ---------------------------------------------------------------------

    def run(
        self,
        work: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[CrmdeskError], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        initiator: QObject | None = None,
        progress: bool | str | ProgressText = False,
        kind: Kind = "other",
        context: str = "",
    ) -> Job:
        """Run ``work(progress)`` on a worker; see the module's docstring for what comes back.

        ``kind`` is "workspace" for work that opens a transaction of its own on
        ``self.workspace`` (one at a time), "other" for files, CPU and network. ``progress``
        (True, its label, or a ``ProgressText``) opens a progress dialog with Cancel over
        ``initiator`` when the work lasts. ``initiator`` is the widget that asked: the callbacks
        are skipped once it is deleted, and the announced changes name it. ``context`` says what
        was being done, for the crash report.
        """
        job = Job(
            self,
            work,
            on_done=on_done,
            on_failed=on_failed,
            on_finished=on_finished,
            on_progress=on_progress,
            initiator=initiator,
            kind=kind,
            context=context or getattr(work, "__qualname__", "background work"),
        )
        if progress:
            job._open_dialog(
                progress
                if isinstance(progress, ProgressText)
                else ProgressText(progress if isinstance(progress, str) else "")
            )
        if self._shut:  # the window is leaving (or left): work asked now would outlive the engine
            self._post(partial(self._deliver, job, "dropped", None))
            return job
        self._jobs.add(job)
        job.future = self._executor(kind).submit(self._execute, job)
        return job

    def read_in_background(
        self,
        service: Callable[..., T],
        *args: Any,
        on_done: Callable[[T | None], None],
        **kwargs: Any,
    ) -> Job:
        """Run a read-only service on the workspace's worker; ``on_done`` gets the result on the
        GUI thread (None if the workspace refused: a background read is only a head start)."""
        return self.run(
            lambda _progress: self.read(service, *args, **kwargs),
            on_done=on_done,
            on_failed=lambda _error: on_done(None),
            kind="workspace",
            context=f"reading {getattr(service, '__qualname__', service)}",
        )

    def wait_for_background(self) -> None:
        """Block until every piece of work given to ``run`` has returned (tests, closing)."""
        futures = [job.future for job in list(self._jobs) if job.future is not None]
        wait_for_futures(futures)

    def shutdown(self) -> None:
        """Drop the work not started and wait for the running one, before the engine closes;
        work asked afterwards is dropped (only its ``on_finished`` runs)."""
        self._shut = True
        executors, self._executors = self._executors, {}
        for executor in executors.values():
            executor.shutdown(wait=True, cancel_futures=True)
        self._jobs.clear()

    def _executor(self, kind: Kind) -> ThreadPoolExecutor:
        executor = self._executors.get(kind)
        if executor is None:
            executor = ThreadPoolExecutor(
                max_workers=THREADS[kind], thread_name_prefix=f"crmdesk-{kind}"
            )
            self._executors[kind] = executor
        return executor

    def _execute(self, job: Job) -> None:
        """On the worker: run the work, then post its outcome to the GUI thread. (The error is
        posted from its ``except`` block: no frame keeps it, and its traceback, alive.)"""
        try:
            value = job.work(job.progress)
        except CrmdeskError as error:
            self._post(partial(self._deliver, job, "failed", error))
        except Exception as error:  # a bug: delivered to the GUI thread, which reports it
            self._post(partial(self._deliver, job, "bug", error))
        else:
            self._post(partial(self._deliver, job, "done", value))

    def _post(self, function: Callable[[], None]) -> None:
        try:
            self._relay.call.emit(function)
        except RuntimeError:  # the operations went away (the app is closing): nobody waits
            pass

    def _deliver(self, job: Job, outcome: str, value: Any) -> None:
        """On the GUI thread: the callbacks, the announcement, the release, then any bug."""
        if job.finished:
            return
        job.finished = True
        self._jobs.discard(job)
        job._close_dialog()
        alive = _alive(job.initiator)
        bug: BaseException | None = value if outcome == "bug" else None
        try:
            if alive and outcome == "done" and job.on_done is not None:
                job.on_done(value)
            elif alive and outcome == "failed":
                if job.on_failed is not None:
                    job.on_failed(value)
                else:
                    show_error(_widget(job.initiator), value)
        except Exception as error:  # a bug in the window's own callback
            bug = bug or error
        finally:
            if outcome == "done":
                self.announce(changes_of(value), job.initiator)
            if alive and job.on_finished is not None:
                try:
                    job.on_finished()
                except Exception as error:
                    bug = bug or error
        if bug is not None:
            report_bug(bug, _widget(job.initiator) if alive else None, job.context)


def _alive(obj: QObject | None) -> bool:
    return obj is None or shiboken6.isValid(obj)


def _widget(obj: QObject | None) -> QWidget | None:
    return obj if isinstance(obj, QWidget) and shiboken6.isValid(obj) else None


def report_bug(error: BaseException, parent: QWidget | None, context: str) -> None:
    """A bug met in background work: the crash handler logs it and says so."""
    from crmdesk.ui import crash

    crash.report(error, parent, context)


def show_error(parent: QWidget | None, error: CrmdeskError) -> None:
    """A dialog for an error the user can act on, in their language, naming the file."""
    from crmdesk.ui.labels import error_text

    QMessageBox.warning(
        parent, QCoreApplication.translate("Operations", "crmdesk"), error_text(error)
    )
