"""UI fixtures: a real main window on a real workspace file, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from crmdesk.core.db import Workspace
from crmdesk.ui.main_window import MainWindow
from tests.conftest import plan

#: A month with a public holiday (14 July) and a weekend at its start, for the UI stories.
JULY = date(2026, 7, 1)


@pytest.fixture(autouse=True)
def english_locale() -> Iterator[None]:
    """Dates and labels in a known language, whatever the machine's locale."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


@pytest.fixture(autouse=True)
def windows_kept_until_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A window given to qtbot is kept until pytest-qt has closed and deleted it after the test,
    as the app keeps its windows until Qt deletes them. pytest-qt alone holds them weakly, so a
    window the test let go was freed by Python wherever its last reference went, not by Qt (the
    crash that was: a reference held by a dialog's connection, gone while Qt deleted that dialog;
    test_a_recap_window_nobody_keeps_closes_its_send_dialog_without_crashing keeps that case)."""
    kept: list[QWidget] = []
    add = QtBot.addWidget

    def add_and_keep(self: QtBot, widget: QWidget, *, before_close_func: Any = None) -> None:
        kept.append(widget)
        add(self, widget, before_close_func=before_close_func)

    monkeypatch.setattr(QtBot, "addWidget", add_and_keep)
    yield
    kept.clear()


@pytest.fixture
def crash_reports(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The bugs handed to the crash handler, as (error, parent, context), instead of its dialog."""
    from crmdesk.ui import crash

    seen: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        crash,
        "report",
        lambda error, parent=None, context="": seen.append((error, parent, context)),
    )
    return seen


@pytest.fixture
def crash_log(data_dir: Path) -> Iterator[Path]:
    """The real crash handler at work: the log it writes in the test's data folder; its dialog
    is closed and the log let go afterwards."""
    from crmdesk import crashlog
    from crmdesk.ui import crash

    yield crashlog.log_path()
    dialog = crash.last_dialog()
    if dialog is not None:
        dialog.close()
    crashlog.uninstall()


@pytest.fixture
def july_campaigns(workspace: Workspace, client_id: int, segment_ids: list[int]) -> dict[str, int]:
    return {
        "newsletter": plan(
            workspace,
            client_id,
            date(2026, 7, 7),
            name="Newsletter juillet",
            segment_ids=(segment_ids[0],),
        ),
        "promo": plan(
            workspace,
            client_id,
            date(2026, 7, 9),
            name="Soldes d'été",
            at=time(9, 30),
            segment_ids=(segment_ids[1],),
        ),
    }


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, july_campaigns: dict[str, int]) -> MainWindow:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    main.calendar.go_to(JULY)
    qtbot.waitUntil(lambda: main.calendar.with_holidays)
    return main
