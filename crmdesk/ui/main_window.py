"""The main window: cockpit and calendar pages, menus, shortcuts and the undo stack; it
remembers its geometry, last view and filters in the preferences, and takes the automatic
backups (first start of the day, and on close).

At the app's start it is built in two steps (issue 21): the frame and the calendar, painted
from the workspace file read with ``sqlite3`` alone (``FirstPaint``), then — once painted — the
workspace opened with the ORM, the menus' actions, the cockpit and the rest. This module
therefore imports only what the first step needs; everything else is imported where used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk import __version__
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.ui.calendar.page import AGENDA, MONTH, WEEK, CalendarPage
from crmdesk.ui.first_paint import FirstPaint
from crmdesk.ui.kit.dialogs import ask_for_file, forget
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.labels import long_date
from crmdesk.ui.operations import Operations, Progress, show_error
from crmdesk.ui.preferences import Preferences, PreferencesDialog

log = logging.getLogger("crmdesk")

W = TypeVar("W", bound=QWidget)
K = TypeVar("K", bound=Hashable)

if TYPE_CHECKING:
    from crmdesk.core import campaigns
    from crmdesk.core.db import Workspace
    from crmdesk.core.plan import PlanResult
    from crmdesk.core.reports.quarters import Quarter
    from crmdesk.ui.bat.window import BatWindow
    from crmdesk.ui.brief.editor import BriefEditor
    from crmdesk.ui.calendar.markers_dialog import IcsImportFlow, MarkersDialog
    from crmdesk.ui.checklist.window import ChecklistWindow
    from crmdesk.ui.clients.window import ClientsWindow
    from crmdesk.ui.cockpit import CockpitPage
    from crmdesk.ui.dialogs.campaign_dialog import CampaignDialog
    from crmdesk.ui.remote_changes import RemoteChanges
    from crmdesk.ui.reports.export_dialog import ReportRequest, ReportWindow
    from crmdesk.ui.stats.client_page import ClientStatsPage
    from crmdesk.ui.stats.window import StatsWindow


class MainWindow(QMainWindow):
    #: The first view is painted with what it shows (the user can read their calendar).
    ready = Signal()
    #: Everything is loaded: the workspace is open, every menu and page works.
    completed = Signal()
    #: The workspace could not be opened after the first paint (another app took it): the
    #: error, for the app to say and leave.
    start_failed = Signal(object)
    #: A restore replaced this window (and its workspace) with the one given.
    replaced = Signal(object)

    workspace: Workspace
    ops: Operations
    cockpit: CockpitPage

    def __init__(
        self,
        workspace: Workspace | None,
        parent: QWidget | None = None,
        *,
        preferences: Preferences | None = None,
        automatic_backups: bool = False,
        first_paint: FirstPaint | None = None,
    ) -> None:
        """``automatic_backups`` is the app's (``run_gui``): a window made for a test or a
        tool takes none unless asked, so it never copies files it was not meant to.

        With ``first_paint`` and no ``workspace`` (the app's start on a calendar), the window
        paints the calendar from ``first_paint``'s read and opens the workspace itself once
        painted (``completed``, or ``start_failed``)."""
        super().__init__(parent)
        assert (workspace is None) != (first_paint is None), "a workspace or a first paint"
        self.preferences = preferences if preferences is not None else Preferences()
        self.automatic_backups = automatic_backups
        self.daily_backup_started = False
        self.last_backup: Path | None = None
        self._first_show = True
        self._replacing = False
        self._first_paint = first_paint
        self.is_complete = False
        self.remote_changes: RemoteChanges | None = None  # a server's, once complete
        self.undo_stack = QUndoStack(self)
        self.dialog: CampaignDialog | None = None
        self.briefs: dict[int, BriefEditor] = {}
        self.checklists: dict[int, ChecklistWindow] = {}
        self.bats: dict[int, BatWindow] = {}
        self.stats_windows: dict[int, StatsWindow] = {}
        self.client_stats: ClientStatsPage | None = None
        self.reports: dict[ReportRequest, ReportWindow] = {}
        self.search_dialog: QDialog | None = None
        self.report_dialog: QDialog | None = None  # the review's or the report settings'
        self.notice: QMessageBox | None = None
        self.clients_window: ClientsWindow | None = None
        self.profile_dialog: QDialog | None = None
        self.plan_dialog: QWidget | None = None
        self.file_dialog: QFileDialog | None = None
        self.preferences_dialog: PreferencesDialog | None = None
        self.restore_dialog: QDialog | None = None
        path = workspace.path if workspace is not None else first_paint.path  # type: ignore[union-attr]
        # -- a server's workspace (issue 22): named by its URL, never with its password --
        server = workspace.server if workspace is not None else None
        where = server.shown if server is not None else str(path)
        name = f"{server.url.database} — {server.url.host}" if server is not None else path.name
        self.setWindowTitle(f"crmdesk — {name}")
        # -- end of a server's workspace --
        fit_to_screen(self, 1280, 820)

        if workspace is not None:
            self.workspace = workspace
            self.ops = Operations(workspace, self)
            self.calendar = CalendarPage(self.ops)
        else:
            self.calendar = CalendarPage(None, first_paint=first_paint)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The cockpit's place until ``_complete`` builds it (the first paint is the calendar's).
        self.tabs.addTab(QWidget(), self.tr("Cockpit"))
        self.tabs.addTab(self.calendar, self.tr("Calendar"))
        # The Stats page brings matplotlib: it is built the first time its tab is shown.
        self.stats_holder = QWidget()
        QVBoxLayout(self.stats_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.stats_holder, self.tr("Stats"))
        self.tabs.setCurrentWidget(self.calendar)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self.calendar.ready.connect(self.ready)

        path_label = QLabel(where)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(path_label)
        # The menu bar's titles now, their actions in ``_complete``: the calendar keeps its
        # place when they come.
        bar = self.menuBar()
        self.menus = {
            name: bar.addMenu(title)
            for name, title in (
                ("file", self.tr("&File")),
                ("edit", self.tr("&Edit")),
                ("view", self.tr("&View")),
                ("time", self.tr("T&ime")),
                ("help", self.tr("&Help")),
            )
        }
        if workspace is not None:
            self._complete()
            self.ready.connect(self._start_daily_backup)
            self._restore_state()
        else:
            self._restore_first_view()
            self.ready.connect(
                lambda: QTimer.singleShot(0, self._open_after_first_paint),
                Qt.ConnectionType.SingleShotConnection,
            )

    def _open_after_first_paint(self) -> None:
        """The second step of the start: the workspace with its lock and the ORM, then every
        page and action. Another app may have taken the workspace since the first read: then
        ``start_failed`` says why."""
        from crmdesk.core.db import Workspace

        assert self._first_paint is not None
        try:
            workspace = Workspace.open(self._first_paint.path, create=False)
        except CrmdeskError as error:
            self.start_failed.emit(error)
            return
        self.workspace = workspace
        self.ops = Operations(workspace, self)
        self.calendar.attach(self.ops)
        self._first_paint.close()
        self._first_paint = None
        self._complete()
        self._start_daily_backup()
        self.completed.emit()

    def _complete(self) -> None:
        """Everything but the frame and the calendar: the cockpit, the welcome page, the menus'
        actions, the time desk, and what links them."""
        from crmdesk.ui.cockpit import CockpitPage
        from crmdesk.ui.time.desk import TimeDesk
        from crmdesk.ui.welcome import WelcomePage

        self.ops.error.connect(lambda error: show_error(self, error))
        self.cockpit = CockpitPage(self.ops)
        # In place of its placeholder, the current tab staying what it is.
        self.tabs.blockSignals(True)
        current = self.tabs.currentWidget()
        placeholder = self.tabs.widget(0)
        self.tabs.removeTab(0)
        placeholder.deleteLater()
        self.tabs.insertTab(0, self.cockpit, self.tr("Cockpit"))
        self.tabs.setCurrentWidget(current)
        self.tabs.blockSignals(False)
        self.tabs.currentChanged.connect(self._tab_shown)
        # An empty workspace opens on the welcome page; its first client brings the tabs.
        self.welcome = WelcomePage(self.ops)
        self.welcome.create_client_requested.connect(lambda: self.open_clients(new=True))
        self.welcome.import_plan_requested.connect(lambda: self.import_plan())
        self.welcome.demo_requested.connect(self.open_demo)
        self.pages.insertWidget(0, self.welcome)
        self._show_welcome_if_empty()
        self.ops.changed.connect(self._on_changed)

        self.calendar.clients_requested.connect(lambda cid: self.open_clients(cid))
        self.calendar.open_requested.connect(self.open_campaign)
        self.calendar.new_requested.connect(self.new_campaign)
        self.calendar.reschedule_requested.connect(self.reschedule)
        self.cockpit.open_requested.connect(self.open_campaign)
        self.cockpit.checklist_requested.connect(self.open_checklist)

        self._build_menus()
        # -- time (issue 20): the status-bar timer, the Time menu, the campaigns' time menu --
        self.time_desk = TimeDesk(self.ops, self.undo_stack, self, self._selected)
        self.time_desk.install(self.menus["time"])
        self.calendar.campaign_menu_requested.connect(self.time_desk.show_campaign_menu)
        self.cockpit.timer_stop_requested.connect(lambda: self.time_desk.stop())
        self.cockpit.budget_requested.connect(
            lambda campaign_id, client_id, month: self.time_desk.open_budget(
                campaign_id=campaign_id, client_id=client_id, month=month
            )
        )
        # -- end of time --
        if self.workspace.migration.backup is not None:
            self.statusBar().showMessage(
                self.tr("Workspace upgraded; the previous version was saved to %1").replace(
                    "%1", str(self.workspace.migration.backup)
                )
            )
        # -- other users' changes (issue 22): on a server, the views follow their writes --
        from crmdesk.ui.remote_changes import RemoteChanges

        self.remote_changes = RemoteChanges.for_window(self, self.ops)  # None on a file
        # -- end of other users' changes --
        self.is_complete = True

    # -- menus and shortcuts ------------------------------------------------------------------

    def _action(self, text: str, slot, *shortcuts: QKeySequence | str) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menus["file"]
        self.new_action = self._action(
            self.tr("&New campaign…"), lambda: self.new_campaign(None), QKeySequence.StandardKey.New
        )
        file_menu.addAction(self.new_action)
        self.clients_action = self._action(
            self.tr("&Clients…"), lambda: self.open_clients(), "Ctrl+Shift+K"
        )
        self.profile_action = self._action(self.tr("My &profile…"), self.open_profile)
        file_menu.addAction(self.clients_action)
        file_menu.addAction(self.profile_action)
        file_menu.addSeparator()
        self.import_plan_action = self._action(
            self.tr("&Import a plan (CSV, Excel)…"), lambda: self.import_plan(), "Ctrl+Shift+I"
        )
        self.export_plan_action = self._action(
            self.tr("E&xport the plan…"), lambda: self.export_plan(), "Ctrl+Shift+E"
        )
        file_menu.addAction(self.import_plan_action)
        file_menu.addAction(self.export_plan_action)
        # -- calendar markers (issue 20): an .ics import and the list of markers --
        self.import_ics_action = self._action(
            self.tr("Import a calen&dar (.ics)…"), lambda: self.import_ics()
        )
        self.markers_action = self._action(self.tr("Calendar mark&ers…"), self.open_markers)
        file_menu.addAction(self.import_ics_action)
        file_menu.addAction(self.markers_action)
        # -- end of calendar markers --
        file_menu.addSeparator()
        self.recap_action = self._action(
            self.tr("Export &recap…"), self.export_recap_selected, "Ctrl+P"
        )
        self.review_action = self._action(
            self.tr("Quarterly re&view…"),
            lambda: self.open_review_dialog(self._client_in_context()),
            "Ctrl+Shift+P",
        )
        self.brief_pdf_action = self._action(self.tr("&Brief as PDF…"), self.brief_pdf_selected)
        self.report_settings_action = self._action(
            self.tr("Report se&ttings…"), self.open_report_settings
        )
        for action in (
            self.recap_action,
            self.review_action,
            self.brief_pdf_action,
            self.report_settings_action,
        ):
            file_menu.addAction(action)
        # -- the client's plan as a PDF calendar (issue 20) --
        self.client_plan_action = self._action(
            self.tr("C&lient plan…"), lambda: self.open_client_plan(self._client_in_context())
        )
        file_menu.addAction(self.client_plan_action)
        # -- end of the client's plan --
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("S&MTP accounts for test sends…"), self.open_accounts)
        )
        file_menu.addSeparator()
        self.restore_action = self._action(self.tr("Restore a bac&kup…"), self.open_restore)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )

        edit_menu = self.menus["edit"]
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.open_action = self._action(self.tr("&Open campaign"), self.open_selected, "Ctrl+O")
        self.duplicate_action = self._action(
            self.tr("D&uplicate campaign"), self.duplicate_selected, "Ctrl+D"
        )
        self.delete_action = self._action(
            self.tr("&Delete campaign"), self.delete_selected, QKeySequence.StandardKey.Delete
        )
        self.brief_action = self._action(self.tr("&Brief…"), self.brief_selected, "Ctrl+B")
        self.checklist_action = self._action(
            self.tr("Check&list…"), self.checklist_selected, "Ctrl+L"
        )
        self.bat_action = self._action(self.tr("B&AT review…"), self.bat_selected, "Ctrl+R")
        self.stats_action = self._action(self.tr("S&tats…"), self.stats_selected, "Ctrl+J")
        self.search_action = self._action(self.tr("&Search…"), self.open_search, "Ctrl+K")
        for action in (
            self.open_action,
            self.brief_action,
            self.checklist_action,
            self.bat_action,
            self.stats_action,
            self.duplicate_action,
            self.delete_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        edit_menu.addSeparator()
        self.preferences_action = self._action(
            self.tr("Pre&ferences…"), self.open_preferences, "Ctrl+,"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(self.preferences_action)

        view_menu = self.menus["view"]
        self.today_action = self._action(self.tr("&Today"), self._today, "T")
        self.previous_action = self._action(
            self.tr("&Previous period"), lambda: self._step(-1), "PgUp", "Alt+Left"
        )
        self.next_action = self._action(
            self.tr("&Next period"), lambda: self._step(1), "PgDown", "Alt+Right"
        )
        self.reload_action = self._action(self.tr("&Reload"), self._reload, "F5")
        for action in (
            self.today_action,
            self.previous_action,
            self.next_action,
            self.reload_action,
        ):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                self.tr("&Cockpit"), lambda: self.tabs.setCurrentWidget(self.cockpit), "Ctrl+1"
            )
        )
        for mode, text, key in (
            (MONTH, self.tr("&Month"), "Ctrl+2"),
            (WEEK, self.tr("&Week"), "Ctrl+3"),
            (AGENDA, self.tr("&Agenda"), "Ctrl+4"),
        ):
            view_menu.addAction(self._action(text, lambda _=False, m=mode: self._show_mode(m), key))
        view_menu.addAction(
            self._action(
                self.tr("&Stats of a client"),
                lambda: self.tabs.setCurrentWidget(self.stats_holder),
                "Ctrl+5",
            )
        )

        help_menu = self.menus["help"]
        help_menu.addAction(self._action(self.tr("&About crmdesk"), self._about))

    def _show_welcome_if_empty(self) -> None:
        from crmdesk.core import clients

        empty = not self.ops.read(clients.has_clients)
        self.pages.setCurrentWidget(self.welcome if empty else self.tabs)
        if empty:
            # No calendar paints here: the welcome page is the first view, ready once shown.
            self.welcome.shown.connect(self.ready, Qt.ConnectionType.SingleShotConnection)

    def _on_changed(self, changes: Changes) -> None:
        from crmdesk.core import clients

        if changes.clients and self.pages.currentWidget() is self.welcome:
            if self.ops.read(clients.has_clients):
                self.pages.setCurrentWidget(self.tabs)
        if changes.markers:  # calendar markers (issue 20): the grid shows them and blackouts
            self.calendar.reload()

    # -- calendar markers (issue 20) ----------------------------------------------------------

    def import_ics(self, path: Path | None = None) -> IcsImportFlow:
        """File › Import a calendar (.ics): the file, for whom, then the import on the worker."""
        from crmdesk.ui.calendar.markers_dialog import IcsImportFlow

        flow = getattr(self, "ics_flow", None)
        if flow is None:
            flow = self.ics_flow = IcsImportFlow(self.ops, self.undo_stack, self)
        if path is None:
            flow.choose()
        else:
            flow.ask(path)
        return flow

    def open_markers(self) -> MarkersDialog:
        """File › Calendar markers…: the list, the blackout tick and Delete (undoable)."""
        from crmdesk.ui.calendar.markers_dialog import MarkersDialog

        dialog = getattr(self, "markers_dialog", None)
        if dialog is None:
            dialog = self.markers_dialog = MarkersDialog(self.ops, self.undo_stack, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(forget(self, "markers_dialog"))
        dialog.show()
        dialog.raise_()
        return dialog

    # -- end of calendar markers --------------------------------------------------------------

    def open_clients(self, client_id: int | None = None, *, new: bool = False) -> ClientsWindow:
        """The Clients window (one), on ``client_id`` or starting a new client."""
        from crmdesk.ui.clients.window import ClientsWindow

        window = self.clients_window
        if window is None:
            window = ClientsWindow(self.ops, self.undo_stack, select_client_id=client_id)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(forget(self, "clients_window"))
            self.clients_window = window
        elif client_id is not None:
            window.reload(select=client_id)
        window.show()
        window.raise_()
        window.activateWindow()
        if new:
            window.new_client()
        return window

    def _ask_for_file(
        self, title: str, filters: str, then: Callable[[Path], None], *, saving: bool = False
    ) -> QFileDialog:
        dialog = ask_for_file(self, title, filters, then, save_suffix="xlsx" if saving else None)
        self.file_dialog = dialog
        dialog.finished.connect(forget(self, "file_dialog"))
        return dialog

    def import_plan(self, path: Path | None = None) -> None:
        """File › Import a plan: the file, then its columns, preview and confirmation."""
        if path is None:
            self._ask_for_file(
                self.tr("Import a plan"),
                self.tr("Plans (*.csv *.xlsx *.txt);;All files (*)"),
                self.import_plan,
            )
            return
        from crmdesk.ui.plan_import import PlanImportDialog

        dialog = PlanImportDialog(self.ops, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._plan_imported)
        self.plan_dialog = dialog
        dialog.finished.connect(forget(self, "plan_dialog"))
        dialog.open()

    def _plan_imported(self, result: PlanResult) -> None:
        self.pages.setCurrentWidget(self.tabs)
        self.statusBar().showMessage(
            self.tr("%n campaign(s) imported", "", result.created)
            + " · "
            + self.tr("%n client(s) and", "", len(result.new_clients))
            + " "
            + self.tr("%n segment(s) created", "", len(result.new_segments)),
            10000,
        )

    def export_plan(self, path: Path | None = None) -> None:
        """File › Export the plan: what the calendar's filters show (clients, statuses,
        channels), every campaign when nothing is filtered."""
        if path is None:
            self._ask_for_file(
                self.tr("Export the plan"),
                self.tr("Excel workbook (*.xlsx);;CSV, French Excel (*.csv)"),
                self.export_plan,
                saving=True,
            )
            return
        from crmdesk.core import plan

        shown = self.calendar.filters
        try:
            count = self.ops.read(
                plan.export_plan,
                path,
                client_ids=None if shown.client_ids is None else set(shown.client_ids),
                statuses=None if shown.statuses is None else set(shown.statuses),
                channels=None if shown.channels is None else set(shown.channels),
            )
        except CrmdeskError as error:
            show_error(self, error)
            return
        self.statusBar().showMessage(
            self.tr("%n campaign(s) exported to %1", "", count).replace("%1", str(path)), 10000
        )

    def open_profile(self) -> None:
        from crmdesk.ui.profile import ProfileDialog

        dialog = ProfileDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.profile_dialog = dialog
        dialog.finished.connect(forget(self, "profile_dialog"))
        dialog.open()

    def open_demo(self) -> None:
        """The demo in a second window: another file, so this workspace stays as it is."""
        import sys

        from PySide6.QtCore import QProcess

        if getattr(sys, "frozen", False):  # the packaged app is its own interpreter
            program, arguments = sys.executable, ["--demo"]
        else:
            program, arguments = sys.executable, ["-m", "crmdesk", "--demo"]
        if not QProcess.startDetached(program, arguments):
            self._notify(self.tr("Open the demo"), self.tr("The demo could not be started."))
        else:
            self.statusBar().showMessage(self.tr("The demo opens in a new window…"), 6000)

    def _show_mode(self, mode: str) -> None:
        self.tabs.setCurrentWidget(self.calendar)
        self.calendar.set_mode(mode)

    def _reload(self) -> None:
        self.calendar.reload()
        self.cockpit.refresh()

    def _today(self) -> None:
        self.tabs.setCurrentWidget(self.calendar)
        self.calendar.go_today()

    def _step(self, direction: int) -> None:
        self.tabs.setCurrentWidget(self.calendar)
        self.calendar.step(direction)

    def _about(self) -> None:
        try:
            from crmdesk.ui.about import show_about
        except ImportError:  # the full About (licences, paths) is not installed: the short one
            pass
        else:
            show_about(self, self.workspace.location)
            return
        QMessageBox.about(
            self,
            self.tr("About crmdesk"),
            self.tr("crmdesk %1 — the offline cockpit of the eCRM operator.").replace(
                "%1", __version__
            ),
        )

    # -- campaign edits -----------------------------------------------------------------------

    def _push(self, make: Callable[[], QUndoCommand]) -> QUndoCommand:
        """Run an edit and keep it for undo; a refusal raises and nothing is written."""
        command = make()
        self.undo_stack.push(command)
        return command

    def _try_push(self, make: Callable[[], QUndoCommand]) -> QUndoCommand | None:
        """``_push`` for edits made outside a form: a refusal is shown in a dialog."""
        try:
            return self._push(make)
        except CrmdeskError as error:
            show_error(self, error)
            return None

    def new_campaign(self, day: date | None) -> None:
        from crmdesk.ui.commands import CreateCampaign
        from crmdesk.ui.dialogs.campaign_dialog import CampaignDialog

        day = day or self.calendar.selected_day()

        def submit(data: campaigns.CampaignInput) -> None:
            command = self._push(lambda: CreateCampaign(self.ops, data))
            if isinstance(command, CreateCampaign):
                self._warn_holiday(data.send_date)
                self.calendar.show_campaign(command.campaign_id, data.send_date)

        self._show_dialog(
            CampaignDialog(
                self.ops, submit, day=day, new_client=self._new_client_for_dialog, parent=self
            )
        )

    def open_campaign(self, campaign_id: int) -> None:
        from crmdesk.core import campaigns
        from crmdesk.ui.commands import EditCampaign
        from crmdesk.ui.dialogs.campaign_dialog import CampaignDialog

        # -- stale edits (issue 22): the dialog keeps the version it loaded --
        try:
            initial, version = self.ops.read(campaigns.load_versioned, campaign_id)
        except CrmdeskError as error:
            show_error(self, error)
            return

        def submit(data: campaigns.CampaignInput) -> None:
            loaded = dialog.started_from or initial  # after a reload: the campaign reloaded
            if data == loaded:
                return
            self._push(
                lambda: EditCampaign(
                    self.ops,
                    campaign_id,
                    data,
                    expected_version=dialog.version,
                    started_from=loaded,
                )
            )
            if data.send_date != loaded.send_date:
                self._warn_holiday(data.send_date)

        dialog = CampaignDialog(
            self.ops,
            submit,
            initial,
            campaign_id=campaign_id,
            version=version,
            open_brief=lambda: self.open_brief(campaign_id),
            open_checklist=lambda: self.open_checklist(campaign_id),
            open_bat=lambda: self.open_bat(campaign_id),
            open_stats=lambda: self.open_stats(campaign_id),
            open_recap=lambda: self.open_recap(campaign_id),
            new_client=self._new_client_for_dialog,
            time_box=self.time_desk.campaign_box(campaign_id),
            parent=self,
        )
        self._show_dialog(dialog)
        # -- end of stale edits --

    def _new_client_for_dialog(self) -> None:
        """ "New client…" in the campaign dialog: the Clients window starts a client, and the
        dialog picks it once saved."""
        window = self.open_clients(new=True)

        def created(client_id: int) -> None:
            if self.dialog is not None:
                self.dialog.reload_clients(client_id)
                self.dialog.raise_()
                self.dialog.activateWindow()

        window.client_created.connect(created)

    def _show_dialog(self, dialog: CampaignDialog) -> None:
        """Window-modal and non-blocking: the event loop keeps running (and tests can drive it)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(forget(self, "dialog"))
        dialog.open()

    def open_selected(self) -> None:
        campaign_id = self._selected()
        if campaign_id is not None:
            self.open_campaign(campaign_id)

    def _selected(self) -> int | None:
        if self.tabs.currentWidget() is not self.calendar:
            return None
        return self.calendar.selected_campaign_id()

    def brief_selected(self) -> None:
        campaign_id = self._selected()
        if campaign_id is not None:
            self.open_brief(campaign_id)

    def checklist_selected(self) -> None:
        campaign_id = self._selected()
        if campaign_id is not None:
            self.open_checklist(campaign_id)

    def bat_selected(self) -> None:
        campaign_id = self._selected()
        if campaign_id is not None:
            self.open_bat(campaign_id)

    def open_bat(self, campaign_id: int) -> BatWindow:
        """One BAT window per campaign; QtWebEngine starts with the first one."""
        from crmdesk.ui.bat.window import BatWindow

        def make() -> BatWindow:
            window = BatWindow(self.ops, campaign_id)
            self.remember_splitter("bat", window)
            return window

        return self._campaign_window(self.bats, campaign_id, make)

    def stats_selected(self) -> None:
        campaign_id = self._selected()
        if campaign_id is not None:
            self.open_stats(campaign_id)

    def open_stats(self, campaign_id: int) -> StatsWindow:
        """One stats window per campaign; matplotlib loads with the first one."""
        from crmdesk.ui.stats.window import StatsWindow

        def make() -> StatsWindow:
            window = StatsWindow(self.ops, campaign_id)
            window.relance_created.connect(self.open_campaign)
            window.recap_requested.connect(self.open_recap)
            return window

        return self._campaign_window(self.stats_windows, campaign_id, make)

    def _campaign_window(self, windows: dict[K, W], key: K, make: Callable[[], W]) -> W:
        """Asking again for a campaign's window (or a report's) brings the open one forward."""
        window = windows.get(key)
        if window is None:
            window = make()
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _=None, k=key: windows.pop(k, None))
            windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.stats_holder:
            self.show_client_stats()

    def show_client_stats(self) -> ClientStatsPage:
        if self.client_stats is None:
            from crmdesk.ui.stats.client_page import ClientStatsPage

            self.client_stats = ClientStatsPage(self.ops)
            self.client_stats.review_requested.connect(self.open_review_dialog)
            layout = self.stats_holder.layout()
            assert layout is not None
            layout.addWidget(self.client_stats)
        self.tabs.setCurrentWidget(self.stats_holder)
        return self.client_stats

    def open_accounts(self) -> None:
        from crmdesk.ui.bat.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_checklist(self, campaign_id: int) -> ChecklistWindow:
        """One checklist window per campaign, like briefs: asking again brings it forward."""
        from crmdesk.ui.checklist.window import ChecklistWindow

        def make() -> ChecklistWindow:
            window = ChecklistWindow(self.ops, campaign_id)
            self.remember_splitter("checklist", window)
            return window

        return self._campaign_window(self.checklists, campaign_id, make)

    def open_brief(self, campaign_id: int, field: str | None = None) -> BriefEditor:
        """One editor window per campaign: asking again brings the open one forward."""
        from crmdesk.ui.brief.editor import BriefEditor

        def make() -> BriefEditor:
            editor = BriefEditor(self.ops, campaign_id)
            editor.pdf_requested.connect(self.open_brief_pdf)
            return editor

        editor = self._campaign_window(self.briefs, campaign_id, make)
        if field and field != "campaign":
            editor.focus_field(field)
        return editor

    # -- reports ------------------------------------------------------------------------------

    def _client_in_context(self) -> int | None:
        """The client the user is looking at: the Stats tab's, or the only one the calendar
        is filtered on."""
        if self.tabs.currentWidget() is self.stats_holder and self.client_stats is not None:
            client_id = self.client_stats.client.currentData()
            return client_id if isinstance(client_id, int) else None
        shown = self.calendar.filters.client_ids
        if shown is not None and len(shown) == 1:
            return next(iter(shown))
        return None

    def export_recap_selected(self) -> None:
        """Ctrl+P: the selected campaign's recap, else the review of the client in sight."""
        campaign_id = self._selected()
        if campaign_id is not None:
            self.open_recap(campaign_id)
            return
        client_id = self._client_in_context()
        if client_id is not None:
            self.open_review_dialog(client_id)
            return
        self._notify(
            self.tr("Export recap"),
            self.tr(
                "Select a campaign in the calendar to export its recap, or show a client in "
                "the Stats tab to make its quarterly review."
            ),
        )

    def brief_pdf_selected(self) -> None:
        campaign_id = self._selected()
        if campaign_id is None:
            self._notify(
                self.tr("Brief as PDF"),
                self.tr("Select a campaign in the calendar to export its brief."),
            )
            return
        self.open_brief_pdf(campaign_id)

    def _notify(self, title: str, text: str) -> None:
        """A message that needs no answer, without blocking the event loop."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(forget(self, "notice"))
        self.notice = box
        box.open()

    def open_report(self, request: ReportRequest) -> ReportWindow:
        """One window per report: matplotlib, Jinja and QtWebEngine load with the first."""
        from crmdesk.ui.reports.export_dialog import ReportWindow

        return self._campaign_window(self.reports, request, lambda: ReportWindow(self.ops, request))

    def open_recap(self, campaign_id: int) -> ReportWindow:
        from crmdesk.ui.reports.export_dialog import ReportRequest

        return self.open_report(ReportRequest.recap(campaign_id))

    def open_brief_pdf(self, campaign_id: int) -> ReportWindow:
        from crmdesk.ui.reports.export_dialog import ReportRequest

        editor = self.briefs.get(campaign_id)
        if editor is not None:
            editor.save_now()  # the PDF shows what is on screen
        return self.open_report(ReportRequest.brief(campaign_id))

    def open_review(self, client_id: int, quarter: Quarter) -> ReportWindow:
        from crmdesk.ui.reports.export_dialog import ReportRequest

        return self.open_report(ReportRequest.review(client_id, quarter))

    def open_review_dialog(self, client_id: int | None = None) -> None:
        from crmdesk.ui.reports.review_dialog import ReviewDialog

        dialog = ReviewDialog(self.ops, client_id, self)
        dialog.export_requested.connect(self.open_review)
        self._show_report_dialog(dialog)

    # -- the client's plan as a PDF calendar (issue 20) --
    def open_client_plan(self, client_id: int | None = None) -> None:
        from crmdesk.ui.reports.client_plan_dialog import ClientPlanDialog

        dialog = ClientPlanDialog(self.ops, self, client_id=client_id)
        dialog.saved.connect(
            lambda out: self.statusBar().showMessage(
                self.tr("Client plan saved to %1").replace("%1", str(out)), 8000
            )
        )
        self._show_report_dialog(dialog)

    # -- end of the client's plan --
    def open_report_settings(self) -> None:
        from crmdesk.ui.reports.settings_dialog import ReportSettingsDialog

        self._show_report_dialog(ReportSettingsDialog(self.ops, self))

    def _show_report_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.finished.connect(forget(self, "report_dialog"))
        dialog.open()

    def open_search(self) -> None:
        from crmdesk.ui.brief.search import SearchDialog

        dialog = SearchDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_requested.connect(self.open_brief)
        self.search_dialog = dialog
        dialog.open()

    def duplicate_selected(self) -> None:
        from crmdesk.ui.commands import DuplicateCampaign

        campaign_id = self._selected()
        if campaign_id is None:
            return
        command = self._try_push(lambda: DuplicateCampaign(self.ops, campaign_id))
        if isinstance(command, DuplicateCampaign):
            self.calendar.show_campaign(command.campaign_id, command.data.send_date)

    def delete_selected(self) -> None:
        from crmdesk.ui.commands import DeleteCampaign

        campaign_id = self._selected()
        if campaign_id is None:
            return
        if self._try_push(lambda: DeleteCampaign(self.ops, campaign_id)) is not None:
            self.statusBar().showMessage(
                self.tr("Campaign deleted — Ctrl+Z to bring it back"), 6000
            )

    def reschedule(self, campaign_id: int, day: date) -> None:
        from crmdesk.ui.commands import RescheduleCampaign

        if self._try_push(lambda: RescheduleCampaign(self.ops, campaign_id, day)) is None:
            return
        self.calendar.show_campaign(campaign_id, day)
        if not self._warn_holiday(day):
            moved = self.tr("Moved to %1 — Ctrl+Z to undo")
            self.statusBar().showMessage(moved.replace("%1", long_date(QDate(day))), 6000)

    def _close_children(self) -> bool:
        """Close every window opened from this one. Brief windows save as they close; one that
        cannot save (or a recap being sent) stays open, and False says so."""
        for editor in list(self.briefs.values()):
            if not editor.close():
                return False
        for report in list(self.reports.values()):
            if not report.close():  # a recap being sent: it cannot be called back
                return False
        for window in [
            *self.checklists.values(),
            *self.bats.values(),
            *self.stats_windows.values(),
        ]:
            window.close()
        self.time_desk.close_windows()
        for child in (
            self.clients_window,
            self.dialog,
            self.search_dialog,
            self.report_dialog,
            self.profile_dialog,
            self.plan_dialog,
            self.preferences_dialog,
            self.restore_dialog,
        ):
            # A dialog closed with WA_DeleteOnClose may be gone already: never touch it then.
            if child is not None and shiboken6.isValid(child):
                child.close()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """The windows opened from this one close first; then the view is remembered and the
        workspace backed up (quickly, on this thread: the app is leaving; a failed backup is
        logged and never keeps the app open)."""
        if self._replacing or not self.is_complete:
            # A restore already closed everything and opened a new window; or the start
            # stopped before the workspace was open: nothing of it to keep.
            super().closeEvent(event)
            return
        if not self._close_children():
            event.ignore()
            return
        if self.remote_changes is not None:  # other users' changes (issue 22)
            self.remote_changes.stop()
        self._save_state()
        if self.automatic_backups and self.workspace.server is None:  # a server: its admin's
            self._backup_on_close()
        super().closeEvent(event)

    # -- preferences and remembered state -----------------------------------------------------

    def current_view(self) -> str:
        """The view to reopen on: the cockpit, a calendar mode, or the Stats tab."""
        page = self.tabs.currentWidget()
        if page is self.cockpit:
            return "cockpit"
        if page is self.stats_holder:
            return "stats"
        return self.calendar.mode

    def _restore_state(self) -> None:
        """Geometry, last view and calendar filters as the user left them."""
        self.preferences.restore_window(self)
        self.calendar.restore_filters(self.preferences.calendar_filters)
        view = self.preferences.last_view
        if view == "cockpit":
            self.tabs.setCurrentWidget(self.cockpit)
        elif view == "stats":
            self.show_client_stats()
        elif view in (WEEK, AGENDA):
            self.calendar.set_mode(view)

    def _restore_first_view(self) -> None:
        """What the first paint needs of ``_restore_state``: the geometry, the filters, and
        the week when the month was not the view left (the app takes this start only for
        those two)."""
        self.preferences.restore_window(self)
        self.calendar.restore_filters(self.preferences.calendar_filters)
        if self.preferences.last_view == WEEK:
            self.calendar.set_mode(WEEK)

    def _save_state(self) -> None:
        self.preferences.save_window(self)
        self.preferences.last_view = self.current_view()
        self.preferences.calendar_filters = self.calendar.filters
        self.preferences.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        """The calendar says "ready" once painted; a window reopened on the cockpit or the
        Stats tab paints no calendar, and the agenda is "painted" while the window is still
        being built, so those say it once shown."""
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if self.pages.currentWidget() is self.tabs and (
                self.tabs.currentWidget() is not self.calendar or self.calendar.has_painted
            ):
                QTimer.singleShot(0, self.ready.emit)

    def open_preferences(self) -> PreferencesDialog:
        """Edit › Preferences… (Ctrl+,): window-modal; OK saves, Cancel writes nothing."""
        dialog = PreferencesDialog(self.preferences, self.workspace.path, self, ops=self.ops)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Preferences saved; language and theme apply at the next start."), 8000
            )
        )
        self.preferences_dialog = dialog
        dialog.finished.connect(forget(self, "preferences_dialog"))
        dialog.open()
        return dialog

    def remember_splitter(self, name: str, window: QWidget) -> None:
        """Campaign windows open with their splitter where the user last left it."""
        from PySide6.QtWidgets import QSplitter

        splitter = getattr(window, "splitter", None)
        if isinstance(splitter, QSplitter):
            self.preferences.remember_splitter(name, splitter)

    # -- backups ------------------------------------------------------------------------------

    def backups_folder(self) -> Path:
        return self.preferences.backups_folder_for(self.workspace.path)

    def _start_daily_backup(self) -> None:
        """The first start of the day copies the workspace, on a worker once the window is
        up (the copy opens its own connection); a failure says so in the status bar, since
        the user can still work and the next start tries again."""
        if not self.automatic_backups or self.daily_backup_started or not self.isVisible():
            return
        if self.workspace.server is not None:  # a server is backed up by its administrator
            self.daily_backup_started = True
            log.info("No automatic backup of %s: the server's own", self.workspace.location)
            return
        self.daily_backup_started = True
        from crmdesk.core import backups

        path, folder = self.workspace.path, self.backups_folder()
        keep = self.preferences.backup_keep

        def work(_progress: Progress) -> Path | None:
            return backups.daily_backup(path, folder, keep)

        def done(taken: Path | None) -> None:
            if taken is not None:
                self.last_backup = taken
                log.info("Daily backup written to %s", taken)

        def failed(error: CrmdeskError) -> None:
            log.warning("Daily backup failed: %s", error.message)
            self.statusBar().showMessage(
                self.tr("Today's backup could not be made: %1").replace("%1", error.message),
                15000,
            )

        self.ops.run(work, on_done=done, on_failed=failed, kind="other", context="daily backup")

    def _backup_on_close(self) -> None:
        from crmdesk.core import backups

        try:
            self.last_backup = backups.backup_now(
                self.workspace.path, self.backups_folder(), self.preferences.backup_keep
            )
        except Exception:  # noqa: BLE001 - leaving must not fail on a backup
            log.exception("The backup on close failed; crmdesk closes anyway")

    def open_restore(self) -> QDialog:
        """File › Restore a backup…: the backups of this workspace; choosing one restores it."""
        from crmdesk.ui.backups import RestoreDialog, server_restore_notice

        if self.workspace.server is not None:  # restoring a server is its administrator's job
            notice = self.restore_dialog = server_restore_notice(self, self.workspace.location)
            notice.finished.connect(forget(self, "restore_dialog"))
            return notice
        dialog = RestoreDialog(self.ops, self.workspace.path, self.backups_folder(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # After the dialog's own handling of the click (it closes): the restore closes this
        # window and everything opened from it.
        dialog.restore_chosen.connect(
            lambda backup: QTimer.singleShot(0, lambda: self.restore_backup(Path(backup)))
        )
        self.restore_dialog = dialog
        dialog.finished.connect(forget(self, "restore_dialog"))
        dialog.open()
        return dialog

    def restore_backup(self, backup: Path) -> MainWindow | None:
        """Put ``backup`` in place of the workspace and show it in a new main window.

        A new window rather than reloading this one: every page, cache, undo command and
        campaign window here holds ids and an Operations bound to the file being replaced;
        building afresh from the restored file is the one way none of them survives with stale
        data. A refusal leaves the file untouched; it is reopened and the refusal shown.
        Returns the new window, or None when a window opened from this one would not close or
        the workspace could not be reopened.
        """
        from crmdesk.core import backups
        from crmdesk.core.db import Workspace

        if not self._close_children():
            self.statusBar().showMessage(
                self.tr("Close the windows still open before restoring a backup."), 10000
            )
            return None
        self._save_state()
        path, folder = self.workspace.path, self.backups_folder()
        self.ops.shutdown()
        self.workspace.close()  # releases the lock: the restore refuses a held workspace
        refusal: CrmdeskError | None = None
        safety: Path | None = None
        try:
            safety = backups.restore(backup, path, folder)
        except CrmdeskError as error:
            refusal = error
        try:
            workspace = Workspace.open(path)
        except CrmdeskError as error:
            show_error(self, error)
            self._replacing = True
            self.close()
            return None
        successor = MainWindow(
            workspace, preferences=self.preferences, automatic_backups=self.automatic_backups
        )
        successor.daily_backup_started = True  # this session's daily backup is taken
        successor.show()
        self._replacing = True
        self.replaced.emit(successor)
        self.close()
        if refusal is not None:
            show_error(successor, refusal)
        else:
            said = (
                self.tr("Restored %1; the workspace as it was is kept in %2")
                .replace("%1", backup.name)
                .replace("%2", str(safety))
            )
            successor.statusBar().showMessage(said, 20000)
        return successor

    def _warn_holiday(self, day: date) -> bool:
        found = holidays_between(day, day, QLocale().name()[:2])
        if day in found:
            self.statusBar().showMessage(
                "★ "
                + self.tr("%1 is a public holiday (%2): check this send is intended.")
                .replace("%1", long_date(QDate(day)))
                .replace("%2", found[day]),
                10000,
            )
            return True
        return False
