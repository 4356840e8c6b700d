"""A bug in the window: the traceback in the log, and one dialog that says the work is saved.

Real widgets, offscreen. ``crash.report`` is what the background jobs call; ``crash.install``
makes it the hook for exceptions escaping a slot or a thread.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crmdesk import crashlog
from crmdesk.ui import crash


def raised(error: BaseException) -> BaseException:
    """``error`` with a traceback, as the handler receives it."""
    try:
        raise error
    except BaseException as caught:  # noqa: BLE001
        return caught


def log_text(data_dir: Path) -> str:
    return (data_dir / "logs" / "crmdesk.log").read_text(encoding="utf-8")


def open_crash_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()
    ]


@pytest.fixture(autouse=True)
def closed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[None]:
    """No dialog, log file or faulthandler of one test left for the next."""
    yield
    for dialog in open_crash_dialogs():
        dialog.done(0)
    crashlog.uninstall()
    logging.getLogger("crmdesk").setLevel(logging.NOTSET)
    try:
        from _pytest.faulthandler import fault_handler_stderr_fd_key

        if not faulthandler.is_enabled():
            faulthandler.enable(request.config.stash[fault_handler_stderr_fd_key])
    except (ImportError, KeyError):
        pass


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    """``crash.install`` on the test's application; the hooks it replaces come back after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install(qapp)


def test_report_logs_the_traceback_and_opens_a_dialog_naming_the_log(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()

    crash.report(raised(RuntimeError("boom")), window, "BAT import")  # returns at once

    text = log_text(data_dir)
    assert "ERROR crmdesk.crash: Unexpected error in BAT import" in text
    assert "Traceback (most recent call last):" in text
    assert "RuntimeError: boom" in text
    dialog = crash.last_dialog()
    assert dialog is not None and dialog.isVisible()
    assert open_crash_dialogs() == [dialog]
    assert dialog.parent() is window
    assert "Something went wrong in crmdesk." in dialog.text()
    assert "Your work is saved" in dialog.text()
    assert str(data_dir / "logs" / "crmdesk.log") in dialog.text()
    assert dialog.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def test_the_dialog_outlives_the_dialog_of_the_job_that_failed(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    job = QDialog(window)
    job.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    job.show()

    crash.report(raised(RuntimeError("boom")), job, "BAT import")
    job.close()

    qtbot.waitUntil(lambda: not shiboken6.isValid(job))
    dialog = crash.last_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.parent() is window


def test_while_the_dialog_is_open_later_errors_only_go_to_the_log(
    qtbot: QtBot, data_dir: Path
) -> None:
    crash.report(raised(RuntimeError("first")), None, "stats import")
    first = crash.last_dialog()

    for n in range(50):
        crash.report(raised(ValueError(f"storm {n}")), None, "stats import")

    assert crash.last_dialog() is first
    assert open_crash_dialogs() == [first]
    text = log_text(data_dir)
    assert text.count("Unexpected error in stats import") == 51
    assert "ValueError: storm 49" in text


def test_once_closed_the_next_error_opens_a_dialog_again(qtbot: QtBot) -> None:
    crash.report(raised(RuntimeError("first")))
    first = crash.last_dialog()
    assert first is not None
    ok = first.button(QMessageBox.StandardButton.Ok)

    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: crash.last_dialog() is None)
    crash.report(raised(RuntimeError("second")))
    second = crash.last_dialog()
    assert second is not None and second is not first
    assert second.close(), "the window's close button closes it (Escape too)"


def test_copy_details_puts_the_traceback_in_the_clipboard(qtbot: QtBot) -> None:
    QApplication.clipboard().clear()
    crash.report(raised(KeyError("campaign 12")), None, "checklist run")
    dialog = crash.last_dialog()
    assert dialog is not None
    copy = dialog.findChild(QPushButton, "copyDetails")
    assert copy is not None and copy.text() == "Copy details"

    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)

    copied = QApplication.clipboard().text()
    assert copied.startswith("Unexpected error in checklist run (crmdesk ")
    assert "Traceback (most recent call last):" in copied
    assert "KeyError: 'campaign 12'" in copied
    assert dialog.isVisible(), "copying leaves the dialog open"


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hooks")
def test_an_exception_escaping_a_slot_reaches_the_dialog(qtbot: QtBot, data_dir: Path) -> None:
    def slot() -> None:
        raise RuntimeError("raised in a slot")

    QTimer.singleShot(0, slot)

    qtbot.waitUntil(lambda: crash.last_dialog() is not None)
    text = log_text(data_dir)
    assert "RuntimeError: raised in a slot" in text
    assert ", in slot\n" in text


class Faulty(QPushButton):
    def mousePressEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        raise ZeroDivisionError("raised in an event handler")


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hooks")
def test_an_exception_escaping_an_event_handler_reaches_the_dialog(
    qtbot: QtBot, data_dir: Path
) -> None:
    button = Faulty("Import")
    qtbot.addWidget(button)
    button.show()

    # Posted, as the event loop delivers a click (``qtbot.mouseClick`` calls the handler from
    # Python, which gets the exception back instead).
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.postEvent(button, press)

    qtbot.waitUntil(lambda: crash.last_dialog() is not None)
    text = log_text(data_dir)
    assert "ZeroDivisionError: raised in an event handler" in text
    assert ", in mousePressEvent\n" in text
    assert button.isEnabled(), "the window goes on"


@pytest.mark.usefixtures("hooks")
def test_an_exception_in_a_thread_is_logged_then_shown_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication, data_dir: Path
) -> None:
    def work() -> None:
        raise OSError("disk gone")

    thread = threading.Thread(target=work, name="csv-reader")
    thread.start()
    thread.join()

    assert "Unexpected error in thread csv-reader" in log_text(data_dir)
    assert "OSError: disk gone" in log_text(data_dir)
    qtbot.waitUntil(lambda: crash.last_dialog() is not None)
    dialog = crash.last_dialog()
    assert dialog is not None and dialog.thread() == qapp.thread()


@pytest.mark.usefixtures("hooks")
def test_ctrl_c_goes_to_pythons_own_hook(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, error, tb: seen.append(kind))

    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)

    assert seen == [KeyboardInterrupt]
    assert crash.last_dialog() is None
    assert not (data_dir / "logs" / "crmdesk.log").exists()


def test_a_parent_already_deleted_does_not_stop_the_report(qtbot: QtBot, data_dir: Path) -> None:
    window = QWidget()
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))

    crash.report(raised(RuntimeError("late")), window, "report export")

    assert "RuntimeError: late" in log_text(data_dir)
    dialog = crash.last_dialog()
    assert dialog is not None and dialog.isVisible()
