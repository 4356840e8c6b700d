"""The window on a PostgreSQL workspace (issue 22): named by its URL and never its password,
the password kept in the keyring (the Preferences' button, ``crmdesk server-password``), other
users' changes shown without any action, and a server that goes away said in one sentence while
the window stays usable.

The Preferences and keyring tests run on either engine (they open no server). The window tests
need a real server: they run when ``CRMDESK_TEST_DATABASE_URL`` names one
(``scripts/pg-test-server.sh``) and skip, saying so, otherwise; the one that stops its server
starts a throw-away one of its own in a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from crmdesk.core import clients, postgres, secrets
from crmdesk.core.db import Workspace
from crmdesk.ui.about import AboutDialog
from crmdesk.ui.application import open_workspace
from crmdesk.ui.first_paint import FirstPaint
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.preferences import KEY_WORKSPACE, Preferences, PreferencesDialog
from tests.cli.runs import crmdesk, desk
from tests.conftest import SERVER_ENV, Server, on_postgresql, plan
from tests.keyring_backend import FileKeyring, file_keyring, installed
from tests.ui.conftest import JULY
from tests.ui.test_calendar import cell_centre, chip_centre, drag, send_day

SECRET = "s3cret-Agence!"
URL = "postgresql://lea@db.example.com:5433/agency?sslmode=require"
KEY = "lea@db.example.com:5433/agency"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(
        QSettings(str(tmp_path / "config" / "crmdesk.ini"), QSettings.Format.IniFormat)
    )


def open_dialog(qtbot: QtBot, preferences: Preferences, tmp_path: Path) -> PreferencesDialog:
    dialog = PreferencesDialog(preferences, tmp_path / "workspace.sqlite")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def click_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def start_args() -> argparse.Namespace:
    return argparse.Namespace(db=None, demo=False, open_bat=None)


# -- the Preferences: a server's URL kept, its password never -------------------------------------


def test_a_url_typed_with_its_password_is_kept_without_it_and_says_where_passwords_go(
    qtbot: QtBot, preferences: Preferences, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, preferences, tmp_path)
    qtbot.keyClicks(dialog.workspace, f"postgresql://lea:{SECRET}@db.example.com:5433/agency")
    click_ok(qtbot, dialog.buttons)

    assert dialog.isVisible()  # refused: the password is taken out, and the user told
    assert dialog.workspace.text() == "postgresql://lea@db.example.com:5433/agency"
    assert dialog.workspace_note.isVisible()
    assert "keyring" in dialog.workspace_note.text()
    assert "Store the password" in dialog.workspace_note.text()
    assert preferences.default_workspace is None  # nothing saved yet

    dialog.workspace.setText("")
    qtbot.keyClicks(dialog.workspace, URL)
    click_ok(qtbot, dialog.buttons)
    assert not dialog.isVisible()
    assert preferences.default_workspace == URL  # the URL as typed, a str: not a Path
    written = (tmp_path / "config" / "crmdesk.ini").read_text("utf-8")
    assert SECRET not in written
    assert FirstPaint.for_start(start_args(), "month", preferences.default_workspace) is None


def test_a_url_crmdesk_cannot_read_is_refused_and_a_file_is_kept_as_a_path(
    qtbot: QtBot, preferences: Preferences, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, preferences, tmp_path)
    qtbot.keyClicks(dialog.workspace, "postgresql://lea@db.example.com:port/agency")
    click_ok(qtbot, dialog.buttons)
    assert dialog.isVisible()
    assert dialog.workspace_note.text().startswith("This is not a PostgreSQL URL")

    dialog.workspace.setText(str(tmp_path / "mine.sqlite"))
    assert not dialog.store_password_button.isEnabled()  # a file has no password
    click_ok(qtbot, dialog.buttons)
    assert not dialog.isVisible()
    assert preferences.default_workspace == tmp_path / "mine.sqlite"


def test_store_the_password_keeps_it_in_the_keyring_where_the_workspace_reads_it(
    qtbot: QtBot, preferences: Preferences, tmp_path: Path
) -> None:
    backend = FileKeyring(tmp_path / "keyring.json")
    with installed(backend):
        dialog = open_dialog(qtbot, preferences, tmp_path)
        qtbot.keyClicks(dialog.workspace, URL)
        qtbot.mouseClick(dialog.store_password_button, Qt.MouseButton.LeftButton)
        asking = dialog.password_dialog
        assert asking is not None and asking.isVisible()
        assert KEY in asking.findChild(QLabel).text()
        qtbot.keyClick(asking.password, Qt.Key.Key_Return)  # nothing typed: asked again
        assert asking.isVisible() and asking.errors.text() == "Type the password first."
        qtbot.keyClicks(asking.password, SECRET)
        qtbot.keyClick(asking.password, Qt.Key.Key_Return)

        assert not asking.isVisible()
        assert backend.get_password(secrets.DB_SERVICE, KEY) == SECRET
        assert postgres.password(postgres.ServerAddress.parse(URL)) == SECRET  # what opens it
        assert "kept in the system keyring" in dialog.workspace_note.text()
        assert SECRET not in dialog.workspace_note.text()
        click_ok(qtbot, dialog.buttons)
    assert SECRET not in (tmp_path / "config" / "crmdesk.ini").read_text("utf-8")


def test_with_no_keyring_the_password_dialog_says_so_and_keeps_nothing(
    qtbot: QtBot, preferences: Preferences, tmp_path: Path
) -> None:
    with installed(fail.Keyring()):
        dialog = open_dialog(qtbot, preferences, tmp_path)
        qtbot.keyClicks(dialog.workspace, URL)
        qtbot.mouseClick(dialog.store_password_button, Qt.MouseButton.LeftButton)
        asking = dialog.password_dialog
        assert asking is not None
        qtbot.keyClicks(asking.password, SECRET)
        qtbot.keyClick(asking.password, Qt.Key.Key_Return)
        assert asking.isVisible()
        assert asking.errors.text().startswith("This computer has no keyring")
        assert "~/.pgpass" in asking.errors.text()
        assert SECRET not in asking.errors.text()
        asking.reject()
    assert not dialog.workspace_note.isVisible()


# -- crmdesk server-password ----------------------------------------------------------------------


def test_server_password_keeps_forgets_and_refuses_a_url_with_a_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n"))
        status, out, err = desk(monkeypatch, capsys, "server-password", URL, "--stdin")
        assert (status, err) == (0, "")
        assert f"The password of {KEY} is kept in the system keyring" in out
        assert backend.get_password(secrets.DB_SERVICE, KEY) == SECRET
        assert SECRET not in out

        status, out, err = desk(monkeypatch, capsys, "server-password", URL, "--forget")
        assert status == 0 and "was removed from the keyring" in out
        assert backend.get_password(secrets.DB_SERVICE, KEY) is None
        status, out, _err = desk(monkeypatch, capsys, "server-password", URL, "--forget")
        assert status == 0 and "held no password" in out

        typed = f"postgresql://lea:{SECRET}@db.example.com:5433/agency"
        status, out, err = desk(monkeypatch, capsys, "server-password", typed, "--stdin")
        assert status == 2 and "Leave the password out of the URL" in err
        assert SECRET not in err + out
        assert backend.get_password(secrets.DB_SERVICE, KEY) is None

        monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
        status, _out, err = desk(
            monkeypatch, capsys, "server-password", URL, "--stdin", lang="fr_FR.UTF-8"
        )
        assert status == 2 and "le mot de passe est vide" in err

        status, _out, err = desk(monkeypatch, capsys, "server-password", URL)  # not a terminal
        assert status == 2 and "add --stdin" in err
        assert backend.get_password(secrets.DB_SERVICE, KEY) is None


def test_server_password_with_no_keyring_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    done = crmdesk("server-password", URL, "--stdin", data_dir=data_dir, stdin=f"{SECRET}\n")
    assert done.returncode == 2
    assert "No system keyring is available" in done.stderr
    assert "keyrings.alt" in done.stderr and SECRET not in done.stderr


# -- the window on a server's workspace ----------------------------------------------------------


@pytest.fixture
def server_workspace(pg_server: Server, workspace: Workspace) -> Workspace:
    """The test's workspace, a database on the test server."""
    if not on_postgresql():
        pytest.skip(f"needs PostgreSQL: set {SERVER_ENV} (scripts/pg-test-server.sh)")
    assert workspace.server is not None
    return workspace


def open_window(qtbot: QtBot, workspace: Workspace, **options: Any) -> MainWindow:
    window = MainWindow(workspace, **options)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    window.calendar.go_to(JULY)
    return window


def status_messages(window: MainWindow) -> list[str]:
    said: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: said.append(text))
    return said


def test_the_window_on_a_server_names_it_by_its_url_and_keeps_no_password(
    qtbot: QtBot,
    server_workspace: Workspace,
    july_campaigns: dict[str, int],
    preferences: Preferences,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    data_dir: Path,
) -> None:
    assert server_workspace.server is not None
    location = server_workspace.location
    with file_keyring(tmp_path / "keyring.json", monkeypatch) as backend:
        # The test server lets this role in without one; the window must show it nowhere.
        backend.set_password(secrets.DB_SERVICE, server_workspace.server.key, SECRET)
        window = open_window(
            qtbot, server_workspace, preferences=preferences, automatic_backups=True
        )
        database = str(server_workspace.server.url.database)
        assert database in window.windowTitle() and "127.0.0.1" in window.windowTitle()
        labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
        assert location in labels
        assert not any(str(server_workspace.path) in text for text in labels)
        assert [e.name for e in window.calendar.month_view.period.entries] == [
            "Newsletter juillet",
            "Soldes d'été",
        ]

        about = next(a for a in window.menus["help"].actions() if "About" in a.text())
        about.trigger()
        dialog = window.findChild(AboutDialog)
        assert dialog is not None
        assert dialog.findChild(QLabel, "aboutWorkspace").text() == location
        dialog.close()

        window.restore_action.trigger()
        notice = window.restore_dialog
        assert isinstance(notice, QMessageBox) and notice.isVisible()
        assert "server administrator's job" in notice.text()
        assert notice.informativeText() == location
        qtbot.mouseClick(notice.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

        said = [window.windowTitle(), *labels, dialog.text()]
        assert not any(SECRET in text for text in said)
        window.close()
        window.ops.shutdown()  # as the app does on leaving: no read still holds a connection
    assert not (data_dir / "backups").exists()  # a server is backed up by its administrator
    assert SECRET not in (tmp_path / "config" / "crmdesk.ini").read_text("utf-8")
    assert not window.remote_changes.listener._thread.is_alive()  # type: ignore[union-attr]


def test_another_users_change_shows_in_the_calendar_without_any_action(
    qtbot: QtBot,
    server_workspace: Workspace,
    july_campaigns: dict[str, int],
    data_dir: Path,
) -> None:
    window = open_window(qtbot, server_workspace)
    assert window.remote_changes is not None and window.remote_changes.wait_listening()
    view = window.calendar.month_view
    campaign = july_campaigns["newsletter"]

    done = crmdesk(
        "campaign",
        "edit",
        campaign,
        "--db",
        server_workspace.location,
        "--name",
        "Newsletter de Camille",
        "--send",
        "2026-07-21 10:00",
        data_dir=data_dir,
    )
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(
        lambda: [e.id for e in view.period.by_day.get(date(2026, 7, 21), [])] == [campaign],
        timeout=15_000,
    )
    moved = next(e for e in view.period.entries if e.id == campaign)
    assert moved.name == "Newsletter de Camille"
    assert date(2026, 7, 7) not in view.period.by_day
    assert window.undo_stack.count() == 0  # someone else's change: nothing to undo here
    window.close()
    assert not window.remote_changes.listener._thread.is_alive()


def test_the_preferences_server_workspace_opens_at_the_start(
    server_workspace: Workspace, preferences: Preferences
) -> None:
    preferences.settings.setValue(KEY_WORKSPACE, server_workspace.location)
    assert preferences.default_workspace == server_workspace.location
    assert FirstPaint.for_start(start_args(), "month", preferences.default_workspace) is None
    opened = open_workspace(start_args(), preferences)
    try:
        assert opened.server == server_workspace.server
        with opened.reader() as session:
            assert clients.has_clients(session) is False
    finally:
        opened.close()


# -- a server that goes away, and comes back -------------------------------------------------------


class OwnServer:
    """A throw-away server of this test's own (``scripts/pg-test-server.sh``), which it can
    stop and start again on the same port."""

    def __init__(self) -> None:
        # Under /tmp, not pytest's folder: as root the server runs as "postgres", who must reach it.
        self.folder = Path(tempfile.mkdtemp(prefix="crmdesk-gone-"))
        started = subprocess.run(
            ["sh", "scripts/pg-test-server.sh", "start", str(self.folder)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        assert started.returncode == 0, started.stderr
        self.url = started.stdout.strip()
        self.port = int(self.url.rsplit(":", 1)[1].split("/", 1)[0])

    def _pg_ctl(self, *args: str) -> None:
        program = (
            shutil.which("pg_ctl")
            or sorted(
                Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
            )[-1]
        )
        line = shlex.join([str(program), "-D", str(self.folder / "data"), *args])
        command = (
            ["su", "postgres", "-s", "/bin/sh", "-c", line]
            if os.geteuid() == 0
            else [
                "sh",
                "-c",
                line,
            ]
        )
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "-w", "stop")

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._pg_ctl(
            "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start", "-o", options
        )

    def remove(self) -> None:
        subprocess.run(
            ["sh", "scripts/pg-test-server.sh", "stop", str(self.folder)], cwd=REPO, timeout=120
        )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def own_server(pg_server: Server) -> Iterator[OwnServer]:
    if not on_postgresql():
        pytest.skip(f"needs PostgreSQL: set {SERVER_ENV} (scripts/pg-test-server.sh)")
    server = OwnServer()
    yield server
    server.remove()


def test_a_server_that_goes_away_is_said_in_one_sentence_and_the_window_stays_usable(
    qtbot: QtBot,
    own_server: OwnServer,
    crash_reports: list[tuple[Any, ...]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = own_server.url.rsplit("/", 1)[0] + "/agency"
    Server(own_server.url).execute('CREATE DATABASE "agency"')
    warnings: list[str] = []
    monkeypatch.setattr(
        "crmdesk.ui.operations.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    with Workspace.open(url) as workspace:
        with workspace.session() as session:
            client, _ = clients.create_client(session, "Maison Verlaine")
        campaign = plan(workspace, client, date(2026, 7, 7), name="Soldes d'été")
        window = open_window(qtbot, workspace)
        said = status_messages(window)
        assert window.remote_changes is not None and window.remote_changes.wait_listening()
        view = window.calendar.month_view

        own_server.stop()
        qtbot.waitUntil(lambda: "Connection to the server lost — retrying…" in said, timeout=15_000)
        drag(qtbot, view, chip_centre(view, campaign), cell_centre(view, date(2026, 7, 16)))
        assert len(warnings) == 1
        assert warnings[0].startswith("The PostgreSQL server cannot be reached")
        assert "Nothing was saved" in warnings[0] and "Traceback" not in warnings[0]
        assert [e.id for e in view.period.by_day[date(2026, 7, 7)]] == [campaign]
        # What it has stays on screen, and moving about does not end in the crash handler.
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        qtbot.keyClick(window, Qt.Key.Key_PageUp)
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the cockpit
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert crash_reports == []

        own_server.start()
        qtbot.waitUntil(lambda: "Connection to the server restored" in said, timeout=20_000)
        window.calendar.go_to(JULY)
        drag(qtbot, view, chip_centre(view, campaign), cell_centre(view, date(2026, 7, 16)))
        assert send_day(workspace, campaign) == date(2026, 7, 16)
        assert len(warnings) == 1 and crash_reports == []
        window.close()
