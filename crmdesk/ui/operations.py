"""The one way the UI reaches the workspace: every call is a core service in one transaction.

Writes announce what they changed through ``changed`` so each view decides whether to refresh
(the calendar, the cockpit and the undo stack never call each other). Errors a user can act on
are shown in a dialog naming what and where; anything else is a bug and propagates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from crmdesk.core.changes import Changes
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError

T = TypeVar("T")


class Operations(QObject):
    changed = Signal(object)  # Changes
    error = Signal(object)  # CrmdeskError raised where no caller can catch it (undo, redo)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._deliveries: set[_Delivery] = set()
        # One worker: background reads queue behind each other instead of racing for the GIL.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def read(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.workspace.reader() as session:
            return service(session, *args, **kwargs)

    def read_in_background(
        self,
        service: Callable[..., T],
        *args: Any,
        on_done: Callable[[T | None], None],
        **kwargs: Any,
    ) -> None:
        """Run a read-only service on a worker thread; ``on_done`` gets the result on the GUI
        thread (None if the workspace refused). Never touches a widget from the worker."""
        delivery = _Delivery()
        self._deliveries.add(delivery)

        def finished(result: object) -> None:
            self._deliveries.discard(delivery)
            on_done(result)  # type: ignore[arg-type]

        delivery.done.connect(finished)
        self._pool.start(_Read(self, delivery, lambda: self.read(service, *args, **kwargs)))

    def wait_for_background(self) -> None:
        self._pool.waitForDone()

    def shutdown(self) -> None:
        """Drop the reads not started and wait for the running one, before the engine closes."""
        self._pool.clear()
        self._pool.waitForDone()

    def who(self) -> str:
        """The name put on a decision, a tick or a send: the operator's profile (else the
        computer's login, before a profile exists)."""
        from crmdesk.core import operators

        return self.read(operators.who)

    def write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a writing service; it returns ``Changes`` or ``(value, Changes)``."""
        with self.workspace.session() as session:
            result = service(session, *args, **kwargs)
        changes = result[-1] if isinstance(result, tuple) else result
        if isinstance(changes, Changes):
            self.changed.emit(changes)
        return result


class _Delivery(QObject):
    """Lives on the GUI thread: a signal emitted from the worker arrives there, queued."""

    done = Signal(object)


class _Read(QRunnable):
    def __init__(self, ops: Operations, delivery: _Delivery, call: Callable[[], Any]) -> None:
        super().__init__()
        self.ops = ops
        self.delivery = delivery
        self.call = call

    def run(self) -> None:
        try:
            result = self.call()
        except CrmdeskError:
            result = None  # a background read is only ever a head start; the next read reports
        try:
            self.delivery.done.emit(result)
        except RuntimeError:  # the window closed meanwhile: nobody is waiting for this read
            pass


def show_error(parent: QWidget | None, error: CrmdeskError) -> None:
    """A dialog for an error the user can act on, in their language, naming the file."""
    from crmdesk.ui.labels import error_text

    QMessageBox.warning(
        parent, QCoreApplication.translate("Operations", "crmdesk"), error_text(error)
    )
