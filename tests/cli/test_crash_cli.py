"""A bug on the headless side: the log in the user data folder, one line on stderr, exit 1.

The commands as a user runs them, in real processes: the bug is a command whose handler raises
(the driver below parses a real command line, then swaps its handler for a broken one, and
runs it the way ``crmdesk.app.main`` does).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmdesk import cli, crashlog

REPO = Path(__file__).resolve().parents[2]

DRIVER = """
import sys
from crmdesk import cli, crashlog

def broken(args):
    raise {error}

args = cli.parse(sys.argv[1:])
args.handler = broken
crashlog.install(debug=args.debug)
sys.exit(cli.run(args))
"""


def broken_command(
    data_dir: Path, *argv: str, error: str = 'RuntimeError("boom")'
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CRMDESK_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-c", DRIVER.format(error=error), *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )


def log_of(data_dir: Path) -> Path:
    return data_dir / "logs" / "crmdesk.log"


@pytest.fixture(autouse=True)
def closed_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """What a test installs is closed after it, and pytest's own faulthandler put back."""
    yield
    crashlog.uninstall()
    logging.getLogger("crmdesk").setLevel(logging.NOTSET)
    try:
        from _pytest.faulthandler import fault_handler_stderr_fd_key

        faulthandler.enable(request.config.stash[fault_handler_stderr_fd_key])
    except (ImportError, KeyError):
        pass


# --- the command line --------------------------------------------------------------------------


def test_an_unexpected_error_prints_one_line_naming_the_log_and_exits_1(data_dir: Path) -> None:
    done = broken_command(data_dir, "campaigns", "--json")

    assert done.returncode == 1, done.stderr
    log = log_of(data_dir)
    assert done.stderr.splitlines() == [
        f"crmdesk: unexpected error (RuntimeError: boom); details in {log}"
    ]
    assert done.stdout == ""
    written = log.read_text(encoding="utf-8")
    assert "ERROR crmdesk.crash: Unexpected error in crmdesk campaigns" in written
    assert "Traceback (most recent call last):" in written
    assert ", in broken\nRuntimeError: boom" in written
    assert written.rstrip().endswith("RuntimeError: boom")


@pytest.mark.parametrize(
    "argv", [("--debug", "campaigns"), ("campaigns", "--debug")], ids=["before", "after"]
)
def test_with_debug_the_traceback_is_printed_too(data_dir: Path, argv: tuple[str, ...]) -> None:
    done = broken_command(data_dir, *argv)

    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "RuntimeError: boom" in lines
    assert lines[-1] == (
        f"crmdesk: unexpected error (RuntimeError: boom); details in {log_of(data_dir)}"
    )
    assert "Traceback" in log_of(data_dir).read_text(encoding="utf-8")


def test_the_line_stays_one_line_whatever_the_message(data_dir: Path) -> None:
    done = broken_command(data_dir, "client", "list", error='OSError("first\\n  second")')

    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert "(OSError: first second)" in done.stderr
    assert "crmdesk client list" in log_of(data_dir).read_text(encoding="utf-8")


def test_ctrl_c_exits_130_without_a_traceback(data_dir: Path) -> None:
    done = broken_command(data_dir, "campaigns", error="KeyboardInterrupt")

    assert done.returncode == 130
    assert done.stderr == ""
    assert not log_of(data_dir).exists()


def test_a_users_error_keeps_its_sentence_and_status_2(data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    env = {**os.environ, "CRMDESK_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "campaigns", "--db", str(missing), "--debug"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert not log_of(data_dir).exists()  # nothing to log: the user can fix it


def test_debug_goes_before_or_after_the_command() -> None:
    assert cli.parse(["--debug", "check", "mail.html"]).debug is True
    assert cli.parse(["check", "mail.html", "--debug"]).debug is True
    assert cli.parse(["client", "list", "--debug"]).debug is True
    assert cli.parse(["check", "mail.html"]).debug is False
    assert cli.parse([]).debug is False


def test_an_unwritable_data_folder_does_not_stop_a_command(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "userdata"
    not_a_folder.write_text("a file where the data folder should be")
    email = tmp_path / "mail.html"
    email.write_text("<html><body><p>Bonjour</p></body></html>", encoding="utf-8")
    env = {**os.environ, "CRMDESK_DATA_DIR": str(not_a_folder)}

    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "check", str(email), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""


def test_a_fatal_crash_leaves_its_traceback_beside_the_log(data_dir: Path) -> None:
    env = {**os.environ, "CRMDESK_DATA_DIR": str(data_dir)}
    code = "from crmdesk import crashlog\ncrashlog.install()\nimport faulthandler\n"
    code += "faulthandler._sigsegv()\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )

    assert done.returncode != 0
    dump = (data_dir / "logs" / "crashes.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in dump


# --- crashlog, in process ----------------------------------------------------------------------


def test_install_logs_into_the_user_data_folder_once(data_dir: Path) -> None:
    path = crashlog.install()
    again = crashlog.install()

    assert path == again == data_dir / "logs" / "crmdesk.log" == crashlog.log_path()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    handlers = logging.getLogger("crmdesk").handlers
    assert [type(h) for h in handlers] == [crashlog.LogFile]
    assert not path.exists(), "the file is opened by its first line"
    assert faulthandler.is_enabled()
    assert (data_dir / "logs" / "crashes.log").exists()


def test_the_log_rotates_over_five_files(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crashlog, "MAX_BYTES", 2000)
    crashlog.install()

    for n in range(40):
        crashlog.record(RuntimeError(f"error {n} " + "é" * 200), "rotation")

    folder = data_dir / "logs"
    logs = sorted(p.name for p in folder.glob("crmdesk.log*"))
    assert logs == ["crmdesk.log", *(f"crmdesk.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2000 for p in folder.glob("crmdesk.log*"))
    assert "error 39 éé" in (folder / "crmdesk.log").read_text(encoding="utf-8")


def test_record_writes_the_traceback_with_its_context(data_dir: Path) -> None:
    crashlog.install()
    try:
        {}["missing"]
    except KeyError as error:
        path = crashlog.record(error, "BAT import")

    text = path.read_text(encoding="utf-8")
    assert path == data_dir / "logs" / "crmdesk.log"
    assert " ERROR crmdesk.crash: Unexpected error in BAT import (crmdesk " in text
    assert "Traceback (most recent call last):" in text
    assert "KeyError: 'missing'" in text


def test_record_never_raises(data_dir: Path) -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise ValueError("no words")

    path = crashlog.record(Unprintable())  # without install: it attaches the log itself

    assert "Unprintable" in path.read_text(encoding="utf-8")


def test_an_unwritable_folder_falls_back_to_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "userdata"
    not_a_folder.write_text("")
    monkeypatch.setenv("CRMDESK_DATA_DIR", str(not_a_folder))

    path = crashlog.install()
    crashlog.record(RuntimeError("nowhere to go"))

    assert path == not_a_folder / "logs" / "crmdesk.log"
    assert not [
        h for h in logging.getLogger("crmdesk").handlers if isinstance(h, logging.FileHandler)
    ]
