"""When a bug reaches the window: the log first, then one dialog that says the work is safe.

``report`` is the crash handler: the background jobs of ``ui/operations.py`` hand it the
exceptions that are not a user's error, and ``install`` makes it the ``sys.excepthook`` (an
exception escaping a slot or an event handler) and the ``threading.excepthook``. The traceback
always goes to the log (``crmdesk.crashlog``); the dialog opens without blocking the event loop,
and only one at a time: while it is open, later errors go to the log alone, so a storm of them
does not bury the window under dialogs.
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from crmdesk import crashlog

#: The last crash dialog opened, referenced here as long as it lives (``last_dialog``).
_dialog: QMessageBox | None = None
#: Carries a report from another thread to the GUI thread.
_relay: _Relay | None = None


class _Relay(QObject):
    """Lives in the GUI thread; a report emitted from any thread is shown there, queued."""

    show = Signal(object, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, error: BaseException, context: str, path: Path) -> None:
        _open_dialog(error, None, context, path)


def last_dialog() -> QMessageBox | None:
    """The crash dialog on screen, or None."""
    if _dialog is not None and shiboken6.isValid(_dialog) and _dialog.isVisible():
        return _dialog
    return None


def report(error: BaseException, parent: QWidget | None = None, context: str = "") -> None:
    """Log ``error`` with its traceback, then say so in a dialog unless one is already open.

    ``context`` says what was being done (the window, the job). Safe from any thread: off the
    GUI thread, the dialog is opened on it later. Never raises.
    """
    path = crashlog.record(error, context)
    if crashlog.debugging():
        _print(error)
    if _on_gui_thread():
        _open_dialog(error, parent, context, path)
    elif _relay is not None and shiboken6.isValid(_relay):
        _relay.show.emit(error, context, path)


def install(app: QApplication) -> None:
    """Send the exceptions nobody caught, in slots, event handlers and threads, to ``report``."""
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay(app)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    try:
        if error.__traceback__ is None and tb is not None:
            error = error.with_traceback(tb)
        report(error, None, "")
    except Exception:  # noqa: BLE001 - the hook of last resort falls back to Python's
        sys.__excepthook__(kind, error, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return  # what threading's own hook ignores
    error = args.exc_value
    if error.__traceback__ is None and args.exc_traceback is not None:
        error = error.with_traceback(args.exc_traceback)
    name = args.thread.name if args.thread is not None else "a thread"
    report(error, None, f"thread {name}")


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def _print(error: BaseException) -> None:
    if sys.stderr is not None:
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


def _open_dialog(error: BaseException, parent: QWidget | None, context: str, path: Path) -> None:
    global _dialog
    if not isinstance(QApplication.instance(), QApplication) or last_dialog() is not None:
        return  # no window to speak in, or one dialog already says it: the log has the rest
    try:
        _dialog = _make_dialog(error, parent, context, path)
        _dialog.open()
    except Exception as failure:  # noqa: BLE001 - the crash handler must not crash
        _dialog = None
        crashlog.record(failure, "the crash dialog")


def _owner(parent: QWidget | None) -> QWidget | None:
    """The window over which the dialog opens: not a dialog, which may close and take it along
    (the dialog of the job that failed, a progress dialog), but the window under it."""
    widget = parent if parent is not None and shiboken6.isValid(parent) else None
    widget = widget.window() if widget is not None else QApplication.activeWindow()
    while isinstance(widget, QDialog):
        above = widget.parentWidget()
        widget = above.window() if above is not None else None
    return widget


def _make_dialog(
    error: BaseException, parent: QWidget | None, context: str, path: Path
) -> QMessageBox:
    box = QMessageBox(_owner(parent))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("crashDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("crmdesk")  # the name, in every language
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        "\n\n".join(
            (
                QCoreApplication.translate("Crash", "Something went wrong in crmdesk."),
                QCoreApplication.translate(
                    "Crash", "Your work is saved: every change is written when it is made."
                ),
                QCoreApplication.translate("Crash", "The details are in the log:\n%1").replace(
                    "%1", str(path)
                ),
            )
        )
    )
    box.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    copy = box.addButton(
        QCoreApplication.translate("Crash", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    copy.setObjectName("copyDetails")
    # The message box closes on any of its buttons: this one copies and leaves it open.
    copy.clicked.disconnect()
    text = crashlog.details(error, context)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)  # without one, the window's close button would be ignored
    return box
