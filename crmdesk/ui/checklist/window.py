"""The checklist window of a campaign: its items by phase, ticked with who and when, and the
findings of the automatic checks run on its email, each one opening the HTML at its line.

One window per campaign, like the brief editor. Every tick, comment and check run is a
command of the window's own undo stack; the window reloads whenever a write touches its
campaign, whoever made it. The check engine runs on a worker thread (it is not database work):
the window stays responsive and shows that it is busy meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time
from html import escape as _escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, checklists
from crmdesk.core.briefs import service as brief_service
from crmdesk.core.changes import Changes
from crmdesk.core.checklists import OPEN_STATES, Checklist, ItemView, RunView
from crmdesk.core.checks.model import Finding, Severity
from crmdesk.core.errors import CrmdeskError, NotFound, UnusableEmail
from crmdesk.core.models import ChecklistState
from crmdesk.ui.checklist.commands import EditComment, RecordRun, SetItemState
from crmdesk.ui.checklist.comment_dialog import CommentDialog
from crmdesk.ui.checklist.findings import FindingsTree
from crmdesk.ui.checklist.items import ITEM_ROLE, ItemsTree, item_row, state_icon
from crmdesk.ui.checklist.labels import phase_label, state_label, unusable_text
from crmdesk.ui.checklist.phase_bar import PhaseBar
from crmdesk.ui.checklist.source_view import SourceView
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import file_name, kilobytes, language, local_text
from crmdesk.ui.kit.styles import (
    SEVERITY_COLOURS,
    alert_colour,
    bar_style,
    message_box_style,
)
from crmdesk.ui.labels import error_text, type_label
from crmdesk.ui.operations import Job, Operations

if TYPE_CHECKING:
    from crmdesk.core.checks.engine import CheckReport
    from crmdesk.ui.checklist.charters_dialog import ChartersDialog
    from crmdesk.ui.checklist.template_editor import TemplateEditor

EMAIL_SUFFIXES = (".html", ".htm", ".eml")
#: The ``Changes`` flags after which the checklist is read again (for its campaign).
REFRESHING_FLAGS = ("campaigns", "checklist", "bat", "stats", "brief", "clients")


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class ChecklistWindow(QWidget):
    """The checklist of one campaign and the findings of its latest check run."""

    check_finished = Signal(bool)  # True when a run was recorded

    def __init__(
        self,
        ops: Operations,
        campaign_id: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        who: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.campaign_id = campaign_id
        self.today = today
        self.who = ops.who() if who is None else who
        self.undo_stack = QUndoStack(self)
        self.checklist: Checklist | None = None
        self.run: RunView | None = None
        self.comment_dialog: CommentDialog | None = None
        self.template_dialog: TemplateEditor | None = None
        self.charters_dialog: ChartersDialog | None = None
        self.busy = False
        self._closed = False
        self._double_click = False
        self._check: Job | None = None
        self._recorded = False  # the check under way was recorded as a run
        self.state = ops.read(brief_service.load, campaign_id)
        self.setWindowTitle(
            self.tr("Checklist — %1 (%2)")
            .replace("%1", self.state.campaign_name)
            .replace("%2", self.state.client_name)
        )
        fit_to_screen(self, 1280, 860)
        self.setAcceptDrops(True)
        self._build()
        self._shortcuts()
        ops.changed.connect(self._on_changed)
        if not self.reload():
            return
        if self.checklist is not None and not self.checklist.items:
            self._ensure_checklist()

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = title = QLabel(self._title_text())
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        self.template_button = QPushButton(self.tr("Template…"))
        self.template_button.setToolTip(
            self.tr("The items new campaigns of this client and type start with")
        )
        self.template_button.clicked.connect(self.open_template_editor)
        self.charters_button = QPushButton(self.tr("Charters…"))
        self.charters_button.setToolTip(
            self.tr("The client's tone, banned words, mentions, colours and mail clients")
        )
        self.charters_button.clicked.connect(self.open_charters)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(self.template_button)
        header.addWidget(self.charters_button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close_message = QToolButton()
        close_message.setText("✕")
        close_message.setAutoRaise(True)
        close_message.setToolTip(self.tr("Dismiss"))
        close_message.clicked.connect(self.clear_message)
        self.message_box = QFrame()
        self.message_box.setObjectName("checklistMessage")
        self.message_box.setStyleSheet(message_box_style("checklistMessage"))
        message_row = QHBoxLayout(self.message_box)
        message_row.setContentsMargins(10, 6, 4, 6)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(close_message, 0, Qt.AlignmentFlag.AlignTop)
        self.message_box.hide()
        self._build_send_question()

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_checklist())
        splitter.addWidget(self._build_findings())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 420])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message_box)
        layout.addWidget(self.send_box)
        layout.addWidget(splitter, 1)

    def _build_send_question(self) -> None:
        """Once the send time has passed, ask whether the send went out (the app cannot know)."""
        self.send_question = QLabel()
        self.send_question.setWordWrap(True)
        self.sent_button = QPushButton(self.tr("Yes, it went out"))
        self.sent_button.setToolTip(self.tr("Tick “Send went out” with your name and the time"))
        self.sent_button.clicked.connect(self.confirm_send)
        self.not_yet_button = QPushButton(self.tr("Not yet"))
        self.not_yet_button.setToolTip(self.tr("Ask again next time the checklist opens"))
        self.not_yet_button.clicked.connect(self._dismiss_send_question)
        self.send_box = QFrame()
        self.send_box.setObjectName("sendQuestion")
        self.send_box.setStyleSheet(message_box_style("sendQuestion"))
        row = QHBoxLayout(self.send_box)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.send_question, 1)
        row.addWidget(self.sent_button)
        row.addWidget(self.not_yet_button)
        self.send_box.hide()
        self._send_item: ItemView | None = None
        self._send_dismissed = False

    def _title_text(self) -> str:
        return (
            f"<b>{_escape(self.state.campaign_name)}</b> — {_escape(self.state.client_name)}"
            f" · {_escape(type_label(self.state.campaign_type))}"
        )

    def _build_checklist(self) -> QWidget:
        self.overall = QLabel()
        font = self.overall.font()
        font.setBold(True)
        self.overall.setFont(font)
        self.overall_bar = QProgressBar()
        self.overall_bar.setTextVisible(False)
        self.overall_bar.setFixedHeight(10)
        self.overall_bar.setStyleSheet(bar_style("#16a34a", 4))
        self.overall_alerts = QLabel()
        self.overall_alerts.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        top = QHBoxLayout()
        top.addWidget(self.overall)
        top.addWidget(self.overall_bar, 1)
        top.addWidget(self.overall_alerts)

        self.phase_grid = QGridLayout()
        self.phase_grid.setHorizontalSpacing(10)
        self.phase_grid.setVerticalSpacing(2)
        self.phase_grid.setColumnStretch(1, 1)
        self.phase_bars: dict[str, PhaseBar] = {}

        self.tree = ItemsTree()
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.viewport().installEventFilter(self)
        self.tree.itemDoubleClicked.connect(
            lambda _item, column: self.edit_comment() if column else None
        )
        self.tree.currentItemChanged.connect(self._update_actions)

        self.done_button = self._action_button(self.tr("Done"), "Space", ChecklistState.DONE)
        self.na_button = self._action_button(
            self.tr("Not applicable"), "N", ChecklistState.NOT_APPLICABLE
        )
        self.failed_button = self._action_button(self.tr("Failed"), "F", ChecklistState.FAILED)
        self.comment_button = QPushButton(self.tr("Comment…"))
        self.comment_button.setToolTip(self.tr("Comment on the item (F2 or Ctrl+Enter)"))
        self.comment_button.clicked.connect(self.edit_comment)
        self.who_label = QLabel()
        self.who_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.who_label.setStyleSheet("color: palette(placeholder-text);")
        actions = QHBoxLayout()
        for button in (self.done_button, self.na_button, self.failed_button, self.comment_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.who_label)

        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addLayout(top)
        layout.addLayout(self.phase_grid)
        layout.addSpacing(4)
        layout.addLayout(actions)
        layout.addWidget(self.tree, 1)
        return host

    def _action_button(self, text: str, key: str, state: ChecklistState) -> QPushButton:
        button = QPushButton(state_icon(state), text)
        tip = self.tr("%1 (%2). Press again to set the item back to “to do”.")
        button.setToolTip(tip.replace("%1", text).replace("%2", key))
        button.clicked.connect(lambda: self.set_current_state(state))
        return button

    def _build_findings(self) -> QWidget:
        self.check_button = QPushButton(self.tr("Check an email…"))
        self.check_button.setToolTip(
            self.tr("Check the campaign's HTML or .eml file (Ctrl+Shift+C); you can drop it here")
        )
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.choose_email)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedHeight(10)
        self.busy_bar.setMaximumWidth(140)
        self.busy_label = QLabel(self.tr("Checking…"))
        self.busy_bar.hide()
        self.busy_label.hide()
        top = QHBoxLayout()
        top.addWidget(_section_title(self.tr("Automatic checks")))
        top.addStretch(1)
        top.addWidget(self.busy_label)
        top.addWidget(self.busy_bar)
        top.addWidget(self.check_button)

        self.run_label = QLabel()
        self.run_label.setWordWrap(True)
        self.run_label.setTextFormat(Qt.TextFormat.RichText)

        self.empty_state = QLabel(
            self.tr(
                "<p><b>No email checked yet for this campaign.</b></p>"
                "<p>Click <b>Check an email…</b> (Ctrl+Shift+C) or drop the campaign's "
                ".html or .eml file on this window.</p>"
                "<p>crmdesk checks its links and UTM tags, unsubscribe link, images, weight, "
                "texts, the client's charters and mail-client support, and ticks or fails the "
                "checklist items marked <i>auto</i>.</p>"
            )
        )
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setMargin(24)
        self.empty_state.setStyleSheet("color: palette(placeholder-text);")

        self.findings = FindingsTree()
        self.findings.itemActivated.connect(self._open_finding)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.findings)

        self.source_title = QLabel()
        # A long file name must not widen the window past the screen: the label gives way,
        # wrapping rather than cutting "double-click a finding to go to its line".
        self.source_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.source_title.setWordWrap(True)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find in the source (Ctrl+F)"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMaximumWidth(220)
        self.find_edit.returnPressed.connect(self._find_next)
        self.source = SourceView()
        self.source.setAccessibleName(self.tr("HTML source"))
        source_top = QHBoxLayout()
        source_top.addWidget(self.source_title, 1)
        source_top.addWidget(self.find_edit)
        self.source_box = QWidget()
        source_layout = QVBoxLayout(self.source_box)
        source_layout.setContentsMargins(0, 4, 0, 0)
        source_layout.addLayout(source_top)
        source_layout.addWidget(self.source, 1)

        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.setChildrenCollapsible(False)
        self.side.addWidget(self.stack)
        self.side.addWidget(self.source_box)
        self.side.setStretchFactor(0, 3)
        self.side.setStretchFactor(1, 2)
        self.side.setSizes([440, 300])
        self.source_box.hide()

        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.run_label)
        layout.addWidget(self.side, 1)
        return host

    def _shortcuts(self) -> None:
        def on_tree(keys: QKeySequence | str, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self.tree, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        on_tree("Space", lambda: self.set_current_state(ChecklistState.DONE))
        on_tree("N", lambda: self.set_current_state(ChecklistState.NOT_APPLICABLE))
        on_tree("F", lambda: self.set_current_state(ChecklistState.FAILED))
        for keys in ("F2", "Ctrl+Return", "Ctrl+Enter"):
            on_tree(keys, self.edit_comment)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.undo_stack.redo)
        QShortcut(QKeySequence("Ctrl+Y"), self, self.undo_stack.redo)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.choose_email)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self._find_next)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, lambda: self._find_next(True))

    # -- reading ------------------------------------------------------------------------------

    def reload(self) -> bool:
        """Read the checklist and the latest run again; False if the campaign is gone."""
        try:
            checklist = self.ops.read(
                checklists.load_checklist, self.campaign_id, self.today or date.today()
            )
            run = self.ops.read(checklists.latest_run, self.campaign_id)
        except NotFound:
            self._campaign_gone()
            return False
        self.checklist = checklist
        self._show_checklist(checklist)
        if run is None or self.run is None or run.id != self.run.id:
            self.run = run
            self._show_run(run)
        return True

    def _ensure_checklist(self) -> None:
        try:
            self.ops.write(checklists.make_checklist, self.campaign_id)
        except CrmdeskError as error:
            self.show_message(error_text(error))

    def _on_changed(self, changes: Changes) -> None:
        # Besides its own writes, the chain ticks items from BAT, stats and brief events, and
        # new charters re-run the latest round's checks: any of them may change what it shows.
        if self._closed or not any(getattr(changes, flag) for flag in REFRESHING_FLAGS):
            return
        if not changes.concerns(self.campaign_id):
            return
        if self.reload():
            self._retitle()

    def _retitle(self) -> None:
        """The campaign may have been renamed in the campaign dialog."""
        name = self.ops.read(campaigns.load, self.campaign_id).name
        if name != self.state.campaign_name:
            self.state = replace(self.state, campaign_name=name)
            self.setWindowTitle(
                self.tr("Checklist — %1 (%2)")
                .replace("%1", name)
                .replace("%2", self.state.client_name)
            )
            self.title.setText(self._title_text())

    def _campaign_gone(self) -> None:
        self.checklist = None
        self.tree.clear()
        self.findings.clear()
        for widget in (self.tree, self.check_button, self.template_button, self.charters_button):
            widget.setEnabled(False)
        self._update_actions()
        self.show_message(self.tr("This campaign was deleted: its checklist is gone."))

    # -- the checklist ------------------------------------------------------------------------

    def _show_checklist(self, checklist: Checklist) -> None:
        current = self.current_item()
        keep = current.id if current is not None else None
        scroll = self.tree.verticalScrollBar().value()
        lang = language()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        select: QTreeWidgetItem | None = None
        for progress in checklist.phases:
            head = QTreeWidgetItem(self.tree)
            head.setText(
                0,
                self.tr("%1 — %2 / %3")
                .replace("%1", phase_label(progress.phase))
                .replace("%2", str(progress.closed))
                .replace("%3", str(progress.total)),
            )
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setFirstColumnSpanned(True)
            for item in (i for i in checklist.items if i.phase is progress.phase):
                row = item_row(item, lang)
                head.addChild(row)
                if item.id == keep:
                    select = row
        self.tree.expandAll()
        self.tree.fit_columns()
        self.tree.setUpdatesEnabled(True)
        if select is not None:
            self.tree.setCurrentItem(select)
        else:  # opening: start on the first item still open
            first = next((i for i in checklist.items if i.state in OPEN_STATES), None)
            if first is not None or checklist.items:
                self.select_item((first or checklist.items[0]).id)
        self.tree.verticalScrollBar().setValue(scroll)
        self._show_progress(checklist)
        self._update_actions()
        self._ask_about_send(checklist)

    def _ask_about_send(self, checklist: Checklist) -> None:
        found = (
            None
            if self._send_dismissed
            else self.ops.read(checklists.send_to_confirm, checklist, self._now())
        )
        self._send_item = found[0] if found is not None else None
        if found is None:
            self.send_box.hide()
            return
        self.send_question.setText(
            self.tr("The send was planned for %1: did it go out?").replace(
                "%1", local_text(found[1])
            )
        )
        self.send_box.show()

    def _now(self) -> datetime:
        """The window's "now": the end of ``today`` when a test or the demo fixes the day."""
        if self.today is None:
            return datetime.now(UTC)
        return datetime.combine(self.today, time.max, tzinfo=UTC)

    def confirm_send(self) -> None:
        """The operator says the send went out: the item is ticked as any tick, undoable."""
        if self._send_item is not None:
            item = self._send_item
            self._push(lambda: SetItemState(self, item, ChecklistState.DONE))

    def _dismiss_send_question(self) -> None:
        self._send_dismissed = True
        self.send_box.hide()

    def _show_progress(self, checklist: Checklist) -> None:
        self.overall.setText(
            self.tr("%1 / %2 done")
            .replace("%1", str(checklist.closed))
            .replace("%2", str(checklist.total))
        )
        self.overall_bar.setRange(0, max(1, checklist.total))
        self.overall_bar.setValue(checklist.closed)
        failed = sum(p.failed for p in checklist.phases)
        self.overall_alerts.setText(self._alerts(failed, checklist.overdue))
        phases = [p.phase.value for p in checklist.phases]
        if list(self.phase_bars) != phases:  # only a template edit changes the phases
            for bar in self.phase_bars.values():
                bar.remove()
            self.phase_bars = {
                phase: PhaseBar(self.phase_grid, row) for row, phase in enumerate(phases)
            }
        for progress in checklist.phases:
            self.phase_bars[progress.phase.value].show(
                progress, self._alerts(progress.failed, progress.overdue)
            )

    def _alerts(self, failed: int, overdue: int) -> str:
        parts = []
        if failed:
            parts.append(self.tr("%n failed", "", failed))
        if overdue:
            parts.append(self.tr("%n overdue", "", overdue))
        return " · ".join(parts)

    def current_item(self) -> ItemView | None:
        row = self.tree.currentItem()
        if row is None or self.checklist is None:
            return None
        item_id = row.data(0, ITEM_ROLE)
        return next((i for i in self.checklist.items if i.id == item_id), None)

    def select_item(self, item_id: int) -> bool:
        """Make an item current (the cockpit's overdue list can open the window on one)."""
        for head_index in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(head_index)
            for child_index in range(head.childCount()):
                child = head.child(child_index)
                if child.data(0, ITEM_ROLE) == item_id:
                    self.tree.setCurrentItem(child)
                    self.tree.scrollToItem(child)
                    return True
        return False

    def _update_actions(self, *_args: object) -> None:
        item = self.current_item()
        for button in (self.done_button, self.na_button, self.failed_button, self.comment_button):
            button.setEnabled(item is not None)
        self.who_label.setText(self.tr("Ticking as %1").replace("%1", self.who) if self.who else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on an item's state icon ticks it, like a check box; a double-click there
        is not two ticks."""
        if watched is self.tree.viewport() and isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonDblClick:
                self._double_click = True
            elif (
                event.type() == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton
            ):
                double, self._double_click = self._double_click, False
                point = event.position().toPoint()
                index = self.tree.indexAt(point)
                if (
                    not double
                    and index.isValid()
                    and index.column() == 0
                    and index.data(ITEM_ROLE) is not None
                    and point.x() < self.tree.visualRect(index).left() + 24
                ):
                    self.tree.setCurrentIndex(index)
                    self.set_current_state(ChecklistState.DONE)
        return super().eventFilter(watched, event)

    def _context_menu(self, position: QPoint) -> None:
        row = self.tree.itemAt(position)
        if row is None or row.data(0, ITEM_ROLE) is None:
            return
        self.tree.setCurrentItem(row)
        menu = QMenu(self)
        for state, key in (
            (ChecklistState.DONE, "Space"),
            (ChecklistState.TODO, ""),
            (ChecklistState.NOT_APPLICABLE, "N"),
            (ChecklistState.FAILED, "F"),
        ):
            action = menu.addAction(state_icon(state), state_label(state))
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, s=state: self.set_item_state(s))
        menu.addSeparator()
        comment = menu.addAction(self.tr("Comment…"))
        comment.setShortcut(QKeySequence("F2"))
        comment.triggered.connect(self.edit_comment)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    # -- editing ------------------------------------------------------------------------------

    def set_current_state(self, state: ChecklistState) -> None:
        """The keyboard's and the buttons' way: pressing the key of the state the item is
        already in sets it back to "to do"."""
        item = self.current_item()
        if item is None:
            return
        self.set_item_state(ChecklistState.TODO if item.state is state else state)

    def set_item_state(self, state: ChecklistState) -> None:
        item = self.current_item()
        if item is None or item.state is state and state is ChecklistState.TODO:
            return
        self._push(lambda: SetItemState(self, item, state))

    def edit_comment(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = CommentDialog(item.label(language()), item.comment, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.comment_dialog = dialog

        def done(result: int) -> None:
            self.comment_dialog = None
            if result == QDialog.DialogCode.Accepted and dialog.comment() != item.comment:
                self._push(lambda: EditComment(self, item, dialog.comment()))
            self.tree.setFocus()

        dialog.finished.connect(done)
        dialog.open()

    def _push(self, make: Callable[[], QUndoCommand]) -> QUndoCommand | None:
        try:
            command = make()
        except CrmdeskError as error:
            self.show_message(error_text(error))
            return None
        self.undo_stack.push(command)
        return command

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message_box.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message_box.hide()

    # -- checking an email --------------------------------------------------------------------

    def choose_email(self) -> None:
        if self.busy or not self.check_button.isEnabled():
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Check an email"),
            "",
            self.tr("Emails (*.html *.htm *.eml);;All files (*)"),
        )
        if name:
            self.check_email(Path(name))

    def check_email(self, path: Path) -> bool:
        """Run the checks on ``path`` in the background; ``check_finished`` says how it ended.
        False if a check is already running or the campaign cannot be read."""
        if self.busy:
            return False
        from crmdesk.core.checks.engine import check_file

        try:
            context = self.ops.read(checklists.check_context, self.campaign_id)
        except CrmdeskError as error:
            self.show_message(error_text(error))
            self.check_finished.emit(False)
            return False
        self.clear_message()
        self._set_busy(True, path)
        self._recorded = False

        def finished() -> None:
            self._check = None
            if self._closed:  # the window went away while the engine was reading the file
                return
            self._set_busy(False)
            self.check_finished.emit(self._recorded)

        self._check = self.ops.run(
            lambda _progress: check_file(path, context),
            initiator=self,
            on_done=lambda report: self._take_report(report),
            on_failed=lambda error: self._refused(path, error),
            on_finished=finished,
            context=f"checking {path.name} for campaign {self.campaign_id}",
        )
        return True

    def _set_busy(self, busy: bool, path: Path | None = None) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if path is not None:
            self.busy_label.setText(self.tr("Checking %1…").replace("%1", path.name))
        self.check_button.setEnabled(not busy)

    def _refused(self, path: Path, error: CrmdeskError) -> None:
        if self._closed:
            return
        if isinstance(error, UnusableEmail):
            self.show_message(
                self.tr("%1 cannot be checked. %2 Nothing was recorded.")
                .replace("%1", path.name)
                .replace("%2", unusable_text(error.code))
            )
        else:
            self.show_message(error_text(error))

    def _take_report(self, report: CheckReport) -> None:
        if self._closed:
            return
        self._recorded = self._push(lambda: RecordRun(self, report)) is not None

    def wait_for_check(self) -> None:
        """Block until a running check ends (closing, tests); its result is still delivered."""
        if self._check is not None:
            self._check.wait()

    # -- findings -----------------------------------------------------------------------------

    def _show_run(self, run: RunView | None) -> None:
        self.findings.clear()
        if run is None:
            self.run_label.setText("")
            self.run_label.hide()
            self.stack.setCurrentWidget(self.empty_state)
            self.source_box.hide()
            self.source.set_source("")
            return
        counts = run.counts()
        summary = " · ".join(
            f'<span style="color:{SEVERITY_COLOURS[severity]}">{text}</span>'
            for severity, text in (
                (Severity.ERROR, self.tr("%n error(s)", "", counts[Severity.ERROR])),
                (Severity.WARNING, self.tr("%n warning(s)", "", counts[Severity.WARNING])),
                (Severity.INFO, self.tr("%n info", "", counts[Severity.INFO])),
            )
        )
        self.run_label.setText(
            self.tr("<b>%1</b> — checked %2 — %3")
            .replace("%1", _escape(file_name(run.source_name)))
            .replace("%2", local_text(run.created_at))
            .replace("%3", kilobytes(run.encoded_size))
            + "<br>"
            + summary
        )
        self.run_label.setToolTip(run.source_name)
        self.run_label.show()
        first = self.findings.show_run(run)
        self.stack.setCurrentWidget(self.findings)
        self.source.set_source(run.html)
        self.source_title.setText(
            self.tr("Source of %1 — double-click a finding to go to its line").replace(
                "%1", file_name(run.source_name)
            )
        )
        self.source_box.show()
        if first is not None:
            self.findings.setCurrentItem(first)

    def _open_finding(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        finding = row.data(0, ITEM_ROLE)
        if isinstance(finding, Finding):
            self.open_source(finding)

    def open_source(self, finding: Finding) -> None:
        """Show the HTML at the finding's line (the top of the file when it has none)."""
        if self.run is None:
            return
        self.source_box.show()
        line = finding.line or 1
        self.source.show_line(line)
        self.source_title.setText(
            self.tr("Source of %1 — line %2")
            .replace("%1", file_name(self.run.source_name))
            .replace("%2", str(line))
        )

    def _focus_find(self) -> None:
        if self.run is None:
            return
        self.source_box.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _find_next(self, backwards: bool = False) -> None:
        text = self.find_edit.text()
        if text and not self.source.find_text(text, backwards):
            self.source_title.setText(self.tr("“%1” is not in the source").replace("%1", text))

    # -- template and charters ----------------------------------------------------------------

    def open_template_editor(self) -> None:
        from crmdesk.ui.checklist.template_editor import TemplateEditor

        dialog = TemplateEditor(
            self.ops,
            self.state.client_id,
            self.state.campaign_type,
            self.state.client_name,
            undo_stack=self.undo_stack,
            parent=self,
        )
        self._show_dialog(dialog, "template_dialog")

    def open_charters(self) -> None:
        from crmdesk.ui.checklist.charters_dialog import ChartersDialog

        dialog = ChartersDialog(
            self.ops,
            self.state.client_id,
            self.state.client_name,
            undo_stack=self.undo_stack,
            parent=self,
        )
        self._show_dialog(dialog, "charters_dialog")

    def _show_dialog(self, dialog: QDialog, attribute: str) -> None:
        """Window-modal and non-blocking, like the campaign dialog."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        setattr(self, attribute, dialog)
        dialog.finished.connect(forget(self, attribute))
        dialog.open()

    # -- drops and closing --------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(EMAIL_SUFFIXES) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(EMAIL_SUFFIXES):
                self.check_email(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._closed = True
        if self._check is not None:
            self._check.cancel()  # not started yet: dropped
            self._check.wait()
        super().closeEvent(event)


__all__ = ["ChecklistWindow", "SourceView"]
