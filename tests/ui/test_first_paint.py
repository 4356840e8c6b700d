"""The app's start in two steps (issue 21): the calendar painted from the workspace file read
with ``sqlite3`` alone, then the workspace opened and the rest of the window built. The first
paint is the calendar the whole window shows, pixel for pixel; what comes after works as on an
ordinary start; a workspace another program holds is never painted then refused."""

from __future__ import annotations

import argparse
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from crmdesk.core.db import Workspace
from crmdesk.core.errors import WorkspaceLocked
from crmdesk.ui.calendar.page import WEEK
from crmdesk.ui.cockpit import CockpitPage
from crmdesk.ui.first_paint import FirstPaint
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.preferences import Preferences

pytestmark = pytest.mark.sqlite_only(reason="the first paint reads a workspace file with sqlite3")


def start_args(path: Path | str) -> argparse.Namespace:
    return argparse.Namespace(db=Path(path), demo=False, open_bat=None)


def first_paint_of(path: Path | str, view: str = "month") -> FirstPaint:
    found = FirstPaint.for_start(start_args(path), view, None)
    assert found is not None, "this workspace should take the first-paint start"
    return found


def grid_image(window: MainWindow) -> QImage:
    return window.calendar.month_view.grab().toImage()


def shown_first(qtbot: QtBot, path: Path | str, view: str = "month") -> MainWindow:
    window = MainWindow(None, first_paint=first_paint_of(path, view))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    return window


def finish(window: MainWindow) -> None:
    """What the app does on the way out: the window closes, then its workspace."""
    window.close()
    window.ops.shutdown()
    window.workspace.close()


def test_the_first_paint_is_the_calendar_of_an_ordinary_start(
    qtbot: QtBot, demo_path: Path, data_dir: Path
) -> None:
    window = MainWindow(None, first_paint=first_paint_of(demo_path))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    # At the first paint the workspace is not open yet: what shows was read with sqlite3.
    read_first: list[bool] = []
    window.ready.connect(lambda: read_first.append(window.calendar.ops is None))
    with qtbot.waitSignal(window.completed, timeout=10_000):
        window.show()
    assert read_first == [True]
    assert window.calendar.period is not None and window.calendar.period.entries
    legend = [b.text() for b in window.calendar._client_buttons.values()]
    summary = window.calendar.summary.text()
    qtbot.waitUntil(lambda: window.calendar.with_holidays)
    finish(window)

    with Workspace.open(demo_path) as workspace:
        ordinary = MainWindow(workspace)
        qtbot.addWidget(ordinary)
        ordinary.resize(1280, 720)
        with qtbot.waitSignal(ordinary.ready, timeout=5000):
            ordinary.show()
        qtbot.waitUntil(lambda: ordinary.calendar.with_holidays)
        assert [b.text() for b in ordinary.calendar._client_buttons.values()] == legend
        assert ordinary.calendar.summary.text() == summary
        assert "campaign" in summary
        # The holidays come after the first paint in both starts: compare once both have them.
        # The first window still shows its first read (kept once the workspace opened).
        assert grid_image(ordinary) == grid_image(window)
        ordinary.close()


def test_after_the_first_paint_the_whole_window_works(
    qtbot: QtBot, demo_path: Path, data_dir: Path
) -> None:
    window = shown_first(qtbot, demo_path)
    assert not window.is_complete
    # Before the workspace is open, the agenda (whole days) waits and the menus are titles.
    assert not window.calendar.agenda_button.isEnabled()
    with qtbot.waitSignal(window.completed, timeout=10_000):
        pass
    assert window.is_complete
    assert isinstance(window.tabs.widget(0), CockpitPage)
    assert window.tabs.currentWidget() is window.calendar
    assert [window.tabs.tabText(i) for i in range(3)] == ["Cockpit", "Calendar", "Stats"]
    assert window.calendar.agenda_button.isEnabled()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "T&ime", "&Help"]
    assert window.menus["file"].actions(), "the File menu got its actions"
    assert window.menus["time"].actions(), "the Time menu got its actions"

    # The keyboard works as on any start: Ctrl+N opens the new-campaign dialog.
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    window.dialog.reject()
    # Ctrl+1 shows the real cockpit, with its sections.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.cockpit
    # The agenda now reads whole days through the workspace.
    window.tabs.setCurrentWidget(window.calendar)
    qtbot.mouseClick(window.calendar.agenda_button, Qt.MouseButton.LeftButton)
    assert window.calendar.mode == "agenda"
    assert window.calendar.agenda_view.agenda.rowCount() > 0
    finish(window)


def test_the_first_paint_reopens_on_the_week(qtbot: QtBot, demo_path: Path, data_dir: Path) -> None:
    Preferences().last_view = WEEK
    window = MainWindow(None, first_paint=first_paint_of(demo_path, WEEK))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    assert window.calendar.mode == WEEK
    assert window.calendar.title.text().startswith("Week ")
    with qtbot.waitSignal(window.completed, timeout=10_000):
        pass
    finish(window)


def test_views_and_workspaces_the_first_paint_leaves_to_the_ordinary_start(
    demo_path: Path, workspace_path: Path, tmp_path: Path, data_dir: Path
) -> None:
    assert FirstPaint.for_start(start_args(demo_path), "cockpit", None) is None
    assert FirstPaint.for_start(start_args(demo_path), "agenda", None) is None
    assert FirstPaint.for_start(start_args(tmp_path / "nowhere.sqlite"), "month", None) is None
    # An empty workspace opens on the welcome page, which the ordinary start shows.
    assert FirstPaint.for_start(start_args(workspace_path), "month", None) is None
    server = argparse.Namespace(db="postgresql://me@localhost/agency", demo=False, open_bat=None)
    assert FirstPaint.for_start(server, "month", None) is None
    demo = argparse.Namespace(db=None, demo=True, open_bat=None)
    assert FirstPaint.for_start(demo, "month", None) is None
    # A workspace another program holds: painting it would only lead to a refusal.
    with Workspace.open(demo_path):
        assert FirstPaint.for_start(start_args(demo_path), "month", None) is None
    first = FirstPaint.for_start(start_args(demo_path), "month", None)
    assert first is not None
    first.close()


def test_a_workspace_taken_between_the_paint_and_the_opening_is_refused_cleanly(
    qtbot: QtBot, demo_path: Path, data_dir: Path
) -> None:
    first = first_paint_of(demo_path)
    with Workspace.open(demo_path):  # another program takes it after the probe
        window = MainWindow(None, first_paint=first)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.start_failed, timeout=10_000) as failed:
            window.show()
    error = failed.args[0]
    assert isinstance(error, WorkspaceLocked)
    assert "already open" in error.message
    assert not window.is_complete
    window.close()  # nothing of a half-started window is saved or backed up


def test_the_first_paint_imports_neither_sqlalchemy_nor_the_command_line(
    demo_path: Path, data_dir: Path
) -> None:
    """The point of the first step, checked in a fresh process as the app starts."""
    script = textwrap.dedent(
        f"""
        import sys
        from crmdesk.ui import application
        from crmdesk.window_options import parse_window_start
        args = parse_window_start(["--db", {str(demo_path)!r}, "--quit-when-complete"])
        loaded = []
        def at_ready():
            loaded.append(sorted(m for m in ("sqlalchemy", "crmdesk.cli", "crmdesk.core.db",
                                             "crmdesk.core.models") if m in sys.modules))
        import crmdesk.ui.main_window as main_window
        original = main_window.MainWindow.__init__
        def spy(self, *a, **k):
            original(self, *a, **k)
            self.ready.connect(at_ready)
        main_window.MainWindow.__init__ = spy
        code = application.run_gui(args)
        print(loaded[0], "sqlalchemy" in sys.modules, code)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "[] True 0", done.stdout + done.stderr


def test_the_app_starts_by_the_first_paint_and_completes(demo_path: Path, data_dir: Path) -> None:
    for flag in ("--quit-when-ready", "--quit-when-complete"):
        done = subprocess.run(
            [sys.executable, "-m", "crmdesk", "--db", str(demo_path), flag],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "never became ready" not in done.stderr
