"""Other people's changes on a server's workspace (issue 22): heard, shown, and the server's
absence said once.

On a PostgreSQL workspace several people write at once. The core's ``ChangeListener`` hears, on
a thread of its own, what the other processes commit; ``RemoteChanges`` brings each of its calls
to the GUI thread (a queued signal) and announces the changes through ``Operations.announce``,
so every view refreshes exactly as after one of this window's own writes. When the server goes
away the listener says so, and so does the status bar; once it is back every view reloads (the
listener then reports everything, since what was missed meanwhile is unknown).

While the server is away every read and write fails with a ``ServerError``. A write asked from a
form or a menu says it in a dialog; one met by a view's own reload runs in a slot, where nothing
catches it, and would reach the crash handler as if it were a bug: while the window listens,
``RemoteChanges`` takes those to the status bar instead, one sentence, and the window goes on
showing what it last read. Imported only for a server's workspace, once the window is complete.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow

from crmdesk.core.changes import Changes

if TYPE_CHECKING:
    from crmdesk.core.postgres import ServerAddress
    from crmdesk.ui.operations import Operations

log = logging.getLogger(__name__)

#: How long the status bar says the server is back.
BACK_MESSAGE_MS = 10_000
#: How long it shows a read the server could not answer.
FAILURE_MESSAGE_MS = 15_000
#: How long closing the window waits for the listener's thread (it checks every half second;
#: one stuck connecting to a vanished host is a daemon and is left to end with the app).
STOP_WAIT_S = 1.0


class RemoteChanges(QObject):
    """The window's ear on the server: started by ``for_window``, stopped when the window
    closes. ``connected`` is False from the moment the listener lost the server until it is
    back."""

    #: The listener's calls, from its thread; queued to this object's (the GUI) thread.
    heard = Signal(object)  # Changes
    status = Signal(bool, str)

    def __init__(self, window: QMainWindow, ops: Operations, address: ServerAddress) -> None:
        super().__init__(window)
        from crmdesk.core.concurrency import ChangeListener

        self.window = window
        self.ops = ops
        self.connected = True
        self._previous_hook = sys.excepthook
        self.heard.connect(self._on_heard, Qt.ConnectionType.QueuedConnection)
        self.status.connect(self._on_status, Qt.ConnectionType.QueuedConnection)
        self.listener = ChangeListener(address, self.heard.emit, self.status.emit)

    @classmethod
    def for_window(cls, window: QMainWindow, ops: Operations) -> RemoteChanges | None:
        """Listening for ``ops``' workspace when it is a server's, started; None for a file
        (one writer: nobody else's changes to hear)."""
        address = ops.workspace.server
        if address is None:
            return None
        ear = cls(window, ops, address)
        ear.start()
        return ear

    def start(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        self.listener.start()

    def stop(self) -> None:
        """Stop listening (the window closes): no refresh reaches it afterwards."""
        self.heard.disconnect(self._on_heard)
        self.status.disconnect(self._on_status)
        self.listener.stop(STOP_WAIT_S)
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook

    def wait_listening(self, timeout: float = 10.0) -> bool:
        """True once the listener hears the server (tests; a window never waits for it)."""
        return self.listener.wait_listening(timeout)

    # -- on the GUI thread ------------------------------------------------------------------------

    def _on_heard(self, changes: Changes) -> None:
        if shiboken6.isValid(self.ops):
            self.ops.announce(changes)  # no initiator: every view reloads what it shows

    def _on_status(self, up: bool, sentence: str) -> None:
        log.info("change listener: %s", sentence)
        self.connected = up
        bar = self.window.statusBar()
        if up:
            bar.showMessage(self.tr("Connection to the server restored"), BACK_MESSAGE_MS)
        else:
            bar.showMessage(self.tr("Connection to the server lost — retrying…"))

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """A ``ServerError`` escaping a slot (a view reloading while the server is away) is
        the server's state, not a bug: one sentence in the status bar, logged without its
        traceback. Anything else goes on to the hook that was there (the crash handler)."""
        from crmdesk.core.postgres import ServerError

        if not isinstance(error, ServerError) or not shiboken6.isValid(self.window):
            self._previous_hook(kind, error, tb)
            return
        log.warning("a read or write the server could not answer: %s", error.message)
        from crmdesk.ui.labels import error_text

        said = error_text(error).split("\n", 1)[0]
        self.window.statusBar().showMessage(said, FAILURE_MESSAGE_MS)
