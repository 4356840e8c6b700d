"""Where a bug goes: a rotating log in the user data folder, and fatal crashes written beside it.

``install`` is called once at start-up, by the window and by the headless commands alike; it
must never be the reason crmdesk does not start, so a folder that cannot be written (a read-only
home) leaves the app without a log file, silently. ``record`` writes an exception's full
traceback to the log and never raises. Nothing here logs the environment or a password.

Qt-free and light: ``crmdesk check`` loads it at start-up, so ``logging.handlers`` is imported,
and the log file opened, only when the first line is written.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from pathlib import Path

from crmdesk import __version__
from crmdesk.core.paths import data_dir

LOGGER = "crmdesk"
LOG_FILE = "crmdesk.log"
#: What ``faulthandler`` writes when the process dies in C code (a segfault in Qt, say).
CRASH_FILE = "crashes.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: logging.Handler | None = None
_log_at: Path | None = None
_crash_fd: int | None = None
_crashes_at: Path | None = None
_debug = False
#: Guards the handlers above: a report may come from a worker thread.
_lock = threading.RLock()


def log_path() -> Path:
    return data_dir() / "logs" / LOG_FILE


def debugging() -> bool:
    """Whether crmdesk runs with ``--debug`` (tracebacks on stderr too, debug lines logged)."""
    return _debug


def install(*, debug: bool = False) -> Path:
    """Log to ``log_path()`` (1 MB × 5 files) and send fatal crashes beside it; idempotent."""
    global _debug
    _debug = debug
    logging.getLogger(LOGGER).setLevel(logging.DEBUG if debug else logging.INFO)
    with _lock:
        path = _attach_log()
        _attach_crashes(path.parent / CRASH_FILE)
    return path


class LogFile(logging.Handler):
    """A ``RotatingFileHandler`` on ``path``, made when the first line is written.

    ``logging.handlers`` (sockets, pickle, queues) costs more at start-up than all of the rest
    here, and most runs of a command never log a line.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.file: logging.Handler | None = None
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.file is None:
                from logging.handlers import RotatingFileHandler

                self.file = RotatingFileHandler(
                    self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
                )
                self.file.setFormatter(self.formatter)
            self.file.handle(record)  # which reports its own failures, as logging does
        except Exception:  # noqa: BLE001
            self.handleError(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


def _attach_log() -> Path:
    """The log handler for the current data folder: kept if it is there, moved if it changed."""
    global _handler, _log_at
    path = log_path()
    if _log_at == path:
        return path
    _detach_log()
    _log_at = path
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK):
            return path  # a read-only home: no log file, and crmdesk starts all the same
    except (OSError, ValueError):
        return path
    _handler = LogFile(path)
    logging.getLogger(LOGGER).addHandler(_handler)
    return path


def _attach_crashes(path: Path) -> None:
    """``faulthandler`` on a file beside the log, or on stderr when that cannot be written."""
    global _crash_fd, _crashes_at
    if _crashes_at == path:
        return
    _detach_crashes()
    _crashes_at = path
    try:
        # A crash dump is a few kilobytes; start again rather than let years of them pile up.
        truncate = os.O_TRUNC if path.exists() and path.stat().st_size > MAX_BYTES else 0
        # A bare descriptor: faulthandler needs one open for the process's life, and a file
        # object left open that long would end as a ResourceWarning.
        _crash_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | truncate, 0o600)
        faulthandler.enable(_crash_fd, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        try:
            if sys.stderr is not None and not faulthandler.is_enabled():
                faulthandler.enable(sys.stderr, all_threads=True)
        except (OSError, ValueError, RuntimeError, AttributeError):
            pass  # a windowed app without stderr: no crash dump, and no failure either


def _detach_log() -> None:
    global _handler, _log_at
    if _handler is not None:
        logging.getLogger(LOGGER).removeHandler(_handler)
        _handler.close()
        _handler = None
    _log_at = None


def _detach_crashes() -> None:
    global _crash_fd, _crashes_at
    if _crash_fd is not None:
        faulthandler.disable()
        os.close(_crash_fd)
        _crash_fd = None
    _crashes_at = None


def uninstall() -> None:
    """Close the log and the crash file (for tests; the app keeps them to the end)."""
    with _lock:
        _detach_log()
        _detach_crashes()


def details(error: BaseException, context: str = "") -> str:
    """What the log keeps and the crash dialog copies: versions, where, and the traceback."""
    where = f" in {context}" if context else ""
    lines = [
        f"Unexpected error{where} (crmdesk {__version__}, Python {sys.version.split()[0]}, "
        f"{_system()})",
        *traceback.format_exception(type(error), error, error.__traceback__),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def _system() -> str:
    try:
        import platform

        return platform.platform(terse=True)
    except Exception:  # noqa: BLE001 - a detail of the report, not worth failing it
        return sys.platform


def record(error: BaseException, context: str = "") -> Path:
    """Write ``error`` and its traceback to the log at ERROR level; the log's path. Never raises."""
    try:
        with _lock:
            path = _attach_log()
        logging.getLogger(f"{LOGGER}.crash").error("%s", details(error, context))
        return path
    except Exception:  # noqa: BLE001 - the last resort must not fail in turn
        try:
            return log_path()
        except Exception:  # noqa: BLE001
            return Path(LOG_FILE)
