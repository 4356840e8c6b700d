"""The checklist window of a campaign: its items by phase, ticked with who and when, and the
findings of the automatic checks run on its email, each one opening the HTML at its line.

One window per campaign, like the brief editor. Every tick, comment and check run is a
command of the window's own undo stack; the window reloads whenever a write touches its
campaign, whoever made it. The check engine runs on a worker thread (it is not database work):
the window stays responsive and shows that it is busy meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from html import escape as _escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QIcon,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, checklists
from crmdesk.core.briefs import service as brief_service
from crmdesk.core.changes import Changes
from crmdesk.core.checklists import (
    OPEN_STATES,
    Checklist,
    ItemView,
    PhaseProgress,
    RunOutcome,
    RunView,
)
from crmdesk.core.checks.model import Finding, Severity
from crmdesk.core.errors import CrmdeskError, NotFound, UnusableEmail
from crmdesk.core.models import ChecklistState
from crmdesk.ui.checklist.labels import (
    ALERT,
    SEVERITY_COLOURS,
    STATE_COLOURS,
    auto_comment_text,
    family_label,
    file_name,
    phase_label,
    role_label,
    severity_label,
    state_label,
    unusable_text,
)
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.labels import error_text, type_label
from crmdesk.ui.operations import Job, Operations

if TYPE_CHECKING:
    from crmdesk.core.checks.engine import CheckReport
    from crmdesk.ui.checklist.charters_dialog import ChartersDialog
    from crmdesk.ui.checklist.template_editor import TemplateEditor

EMAIL_SUFFIXES = (".html", ".htm", ".eml")
ITEM_ROLE = Qt.ItemDataRole.UserRole  # the item id (checklist) or the Finding (findings)
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (text, foreground, background) drawn after the text
COLUMNS = ("state", "label", "role", "due", "who", "comment")


def language() -> str:
    return QLocale().name()[:2]


def local_text(moment: datetime) -> str:
    """A stored UTC instant in the user's time zone and locale, short form."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def day_month(moment: datetime) -> str:
    """The local day of a stored instant without its year ("13/11"), for a narrow column."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    locale = QLocale()
    pattern = re.sub(r"[^dM]*y+[^dM]*", "", locale.dateFormat(QLocale.FormatType.ShortFormat))
    return locale.toString(QDate(moment.astimezone().date()), pattern or "dd/MM")


def short_date(day: date) -> str:
    return QLocale().toString(QDate(day), QLocale.FormatType.ShortFormat)


def kilobytes(size: int) -> str:
    text = QCoreApplication.translate("ChecklistWindow", "%1 KB")
    return text.replace("%1", QLocale().toString(size / 1024, "f", 1))


# -- small pictures -------------------------------------------------------------------------


def _glyph(draw: Callable[[QPainter], None], size: int = 16) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: crisp on HiDPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(2, 2)
    draw(painter)
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)


def state_icon(state: ChecklistState) -> QIcon:
    colour = QColor(STATE_COLOURS[state])

    def draw(p: QPainter) -> None:
        if state is ChecklistState.TODO:
            p.setPen(QPen(colour, 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(2, 2, 12, 12)
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(1, 1, 14, 14)
        p.setPen(QPen(QColor("white"), 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if state is ChecklistState.DONE:
            p.drawPolyline([QPoint(5, 8), QPoint(7, 10), QPoint(11, 6)])
        elif state is ChecklistState.FAILED:
            p.drawLine(5, 5, 11, 11)
            p.drawLine(11, 5, 5, 11)
        else:
            p.drawLine(5, 8, 11, 8)

    return _glyph(draw)


def severity_icon(severity: Severity) -> QIcon:
    colour = QColor(SEVERITY_COLOURS[severity])

    def draw(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        if severity is Severity.WARNING:
            p.drawPolygon([QPoint(8, 1), QPoint(15, 14), QPoint(1, 14)])
        else:
            p.drawEllipse(1, 1, 14, 14)
        p.setPen(QPen(QColor("white"), 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if severity is Severity.INFO:
            p.drawPoint(8, 5)
            p.drawLine(8, 8, 8, 11)
        else:
            top = 5 if severity is Severity.WARNING else 4
            p.drawLine(8, top, 8, top + 4)
            p.drawPoint(8, top + 7)

    return _glyph(draw)


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell's text followed by a small pill (``BADGE_ROLE``): "auto", "overdue"."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        badge = index.data(BADGE_ROLE)
        if not badge:
            super().paint(painter, option, index)
            return
        text_of_badge, foreground, background = badge
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        assert style is not None
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = opt.fontMetrics
        small = QFont(opt.font)
        small.setPointSizeF(max(6.5, opt.font.pointSizeF() * 0.8))
        small.setBold(True)
        painter.save()
        painter.setFont(small)
        badge_width = painter.fontMetrics().horizontalAdvance(text_of_badge) + 10
        available = max(0, text_rect.width() - badge_width - 10)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, available)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = (
            opt.palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else index.data(Qt.ItemDataRole.ForegroundRole)
        )
        if isinstance(colour, QBrush):
            colour = colour.color()
        if not isinstance(colour, QColor):
            colour = opt.palette.color(QPalette.ColorRole.Text)
        painter.setFont(opt.font)
        painter.setPen(colour)
        inner = text_rect.adjusted(3, 0, 0, 0)
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        left = inner.left() + metrics.horizontalAdvance(shown) + (6 if shown else 0)
        height = painter.fontMetrics().height() - 2
        pill = QRect(left, text_rect.center().y() - height // 2, badge_width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(small)
        painter.setPen(QColor(foreground))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text_of_badge)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        badge = index.data(BADGE_ROLE)
        if badge:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(badge[0]) + 16)
        return size


class WrapDelegate(QStyledItemDelegate):
    """Row heights that fit the wrapped text: Qt's tree views measure a cell without knowing
    its column's width, so a long message would stay on one elided line."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        width = self.view.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * (depth + 1)
        opt.rect = QRect(0, 0, max(40, width), 1)  # a valid rect: the style wraps to it
        return super().sizeHint(opt, index)


# -- undoable edits -------------------------------------------------------------------------


class ChecklistCommand(CampaignCommand):
    """The edit runs when the command is built, so a refusal raises before the stack sees it;
    undo and redo replay core services, and a refusal then is said in the window."""

    def __init__(self, window: ChecklistWindow, text: str) -> None:
        super().__init__(window.ops, text)
        self.window = window

    def refused(self, error: CrmdeskError) -> None:
        self.window.show_message(error_text(error))


class SetItemState(ChecklistCommand):
    def __init__(self, window: ChecklistWindow, item: ItemView, state: ChecklistState) -> None:
        text = QCoreApplication.translate("ChecklistWindow", "“%1” → %2")
        super().__init__(
            window, text.replace("%1", item.label(language())).replace("%2", state_label(state))
        )
        self.item_id = item.id
        self.state = state
        self.who = window.who
        self.now = datetime.now(UTC)
        self.previous, _ = self.ops.write(
            checklists.set_state, item.id, state, self.who, None, self.now
        )

    def replay(self) -> None:
        self.ops.write(checklists.set_state, self.item_id, self.state, self.who, None, self.now)

    def revert(self) -> None:
        self.ops.write(checklists.restore_state, self.item_id, self.previous)


class EditComment(ChecklistCommand):
    def __init__(self, window: ChecklistWindow, item: ItemView, comment: str) -> None:
        text = QCoreApplication.translate("ChecklistWindow", "comment on “%1”")
        super().__init__(window, text.replace("%1", item.label(language())))
        self.item_id = item.id
        self.comment = comment
        self.previous, _ = self.ops.write(checklists.set_comment, item.id, comment)

    def replay(self) -> None:
        self.ops.write(checklists.set_comment, self.item_id, self.comment)

    def revert(self) -> None:
        self.ops.write(checklists.restore_state, self.item_id, self.previous)


class RecordRun(ChecklistCommand):
    """A check run: its findings are kept and the items tied to a check follow them; undo
    forgets the run and gives the items back their previous state."""

    def __init__(self, window: ChecklistWindow, report: CheckReport) -> None:
        text = QCoreApplication.translate("ChecklistWindow", "check run of %1")
        super().__init__(window, text.replace("%1", file_name(report.name)))
        self.campaign_id = window.campaign_id
        self.report = report
        self.outcome = self._record()

    def _record(self) -> RunOutcome:
        outcome: RunOutcome = self.ops.write(checklists.record_run, self.campaign_id, self.report)
        return outcome

    def replay(self) -> None:
        self.outcome = self._record()

    def revert(self) -> None:
        self.ops.write(checklists.forget_run, self.outcome)


# -- the HTML source ------------------------------------------------------------------------


class _Gutter(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.view.paint_gutter(event)


class SourceView(QPlainTextEdit):
    """The email's HTML, read-only, with line numbers; ``show_line`` highlights and centres."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.gutter = _Gutter(self)
        self.marked_line: int | None = None
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._scroll_gutter)
        self._update_margin()

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_margin(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self.gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                marked = self.marked_line == number + 1
                painter.setPen(
                    QColor(ALERT) if marked else palette.color(QPalette.ColorRole.PlaceholderText)
                )
                font = painter.font()
                font.setBold(marked)
                painter.setFont(font)
                painter.drawText(
                    0,
                    top,
                    self.gutter.width() - 6,
                    height,
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1
        painter.end()

    def set_source(self, html: str) -> None:
        self.marked_line = None
        self.setExtraSelections([])
        self.setPlainText(html)

    def show_line(self, line: int) -> None:
        """Put the cursor on ``line`` (1-based), highlight it and centre it."""
        line = max(1, min(line, self.blockCount()))
        block = self.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.marked_line = line
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(QColor(253, 230, 138, 170))  # amber, readable in dark mode
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = cursor
        self.setExtraSelections([mark])
        self.centerCursor()
        self.gutter.update()

    def find_text(self, text: str, backwards: bool = False) -> bool:
        """Select the next occurrence, going round the end of the file once."""
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        found = self.find(text, flags)
        if not found:
            cursor = self.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backwards else QTextCursor.MoveOperation.Start
            )
            self.setTextCursor(cursor)
            found = self.find(text, flags)
        if found:
            self.centerCursor()
        return found


# -- pieces of the window -------------------------------------------------------------------


class PhaseBar:
    """One phase's row of the header: its name, a thin bar, "closed / total" and, in red, what
    needs attention."""

    def __init__(self, grid: QGridLayout, row: int) -> None:
        self.name = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.alerts = QLabel()
        self.alerts.setStyleSheet(f"color: {ALERT};")
        self.complete: bool | None = None
        for column, widget in enumerate((self.name, self.bar, self.count, self.alerts)):
            grid.addWidget(widget, row, column)

    def show(self, progress: PhaseProgress, alerts: str) -> None:
        self.name.setText(phase_label(progress.phase))
        self.bar.setRange(0, max(1, progress.total))
        self.bar.setValue(progress.closed)
        complete = progress.closed == progress.total
        if complete != self.complete:  # a style sheet is parsed again each time it is set
            self.complete = complete
            self.bar.setStyleSheet(bar_style("#16a34a" if complete else "#3b82f6", 3))
        self.count.setText(f"{progress.closed} / {progress.total}")
        self.alerts.setText(alerts)

    def remove(self) -> None:
        for widget in (self.name, self.bar, self.count, self.alerts):
            widget.deleteLater()


def bar_style(colour: str, radius: int) -> str:
    return (
        f"QProgressBar {{ border: none; border-radius: {radius}px;"
        " background: palette(midlight); }"
        f" QProgressBar::chunk {{ background: {colour}; border-radius: {radius}px; }}"
    )


class CommentDialog(QDialog):
    """A comment on one item; Ctrl+Enter saves, like the window's own shortcut opens it."""

    def __init__(self, label: str, comment: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Comment"))
        self.setMinimumWidth(440)
        title = QLabel(label)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.text = QPlainTextEdit(comment)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What was done, checked or decided, and by whom"))
        self.text.setMinimumHeight(110)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Ctrl+Enter to save"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.text.setFocus()
        self.text.moveCursor(QTextCursor.MoveOperation.End)

    def comment(self) -> str:
        return self.text.toPlainText().strip()


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
        self.resize(1280, 860)
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
        self.message.setStyleSheet("color: #7f1d1d;")
        close_message = QToolButton()
        close_message.setText("✕")
        close_message.setAutoRaise(True)
        close_message.setToolTip(self.tr("Dismiss"))
        close_message.clicked.connect(self.clear_message)
        self.message_box = QFrame()
        self.message_box.setObjectName("checklistMessage")
        self.message_box.setStyleSheet(
            "#checklistMessage { background: #fee2e2; border: 1px solid #fca5a5;"
            " border-radius: 4px; }"
        )
        message_row = QHBoxLayout(self.message_box)
        message_row.setContentsMargins(10, 6, 4, 6)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(close_message, 0, Qt.AlignmentFlag.AlignTop)
        self.message_box.hide()

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_checklist())
        splitter.addWidget(self._build_findings())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 460])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message_box)
        layout.addWidget(splitter, 1)

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
        self.overall_alerts.setStyleSheet(f"color: {ALERT}; font-weight: 600;")
        top = QHBoxLayout()
        top.addWidget(self.overall)
        top.addWidget(self.overall_bar, 1)
        top.addWidget(self.overall_alerts)

        self.phase_grid = QGridLayout()
        self.phase_grid.setHorizontalSpacing(10)
        self.phase_grid.setVerticalSpacing(2)
        self.phase_grid.setColumnStretch(1, 1)
        self.phase_bars: dict[str, PhaseBar] = {}

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(
            [
                self.tr("State"),
                self.tr("Item"),
                self.tr("Role"),
                self.tr("Due"),
                self.tr("Done by"),
                self.tr("Comment"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.setItemDelegate(BadgeDelegate(self.tree))
        self.tree.viewport().installEventFilter(self)
        self.tree.itemDoubleClicked.connect(
            lambda _item, column: self.edit_comment() if column else None
        )
        self.tree.currentItemChanged.connect(self._update_actions)
        self.tree.setAccessibleName(self.tr("Checklist items"))
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 104), (2, 72), (3, 128), (4, 112), (5, 110)):
            self.tree.setColumnWidth(column, width)

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

        self.findings = QTreeWidget()
        self.findings.setColumnCount(3)
        self.findings.setHeaderLabels([self.tr("Finding"), self.tr("Line"), self.tr("Check")])
        self.findings.setWordWrap(True)
        self.findings.setUniformRowHeights(False)
        self.findings.setAlternatingRowColors(True)
        self.findings.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.findings.setItemDelegate(WrapDelegate(self.findings))
        self.findings.itemActivated.connect(self._open_finding)
        self.findings.setAccessibleName(self.tr("Findings"))
        fhead = self.findings.header()
        fhead.setStretchLastSection(False)
        fhead.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fhead.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        fhead.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.findings.setColumnWidth(2, 108)
        # Row heights follow the wrapped messages only if the view lays its items out again.
        fhead.sectionResized.connect(lambda *_: self.findings.scheduleDelayedItemsLayout())

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.findings)

        self.source_title = QLabel()
        # A long file name must not widen the window past the screen: the label gives way.
        self.source_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        if self._closed or not (changes.campaigns or changes.checklist):
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
                row = self._row(item, lang)
                head.addChild(row)
                if item.id == keep:
                    select = row
        self.tree.expandAll()
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

    def _row(self, item: ItemView, lang: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem()
        row.setData(0, ITEM_ROLE, item.id)
        colour = QColor(STATE_COLOURS[item.state])
        row.setIcon(0, state_icon(item.state))
        row.setText(0, state_label(item.state))
        if item.state is not ChecklistState.TODO:  # "to do" keeps the text colour, readable
            row.setForeground(0, QBrush(colour))  # on a selected row too
        row.setToolTip(0, self.tr("Click or press Space to tick; N not applicable; F failed"))
        label = item.label(lang)
        row.setText(1, label)
        tip = label
        if item.check:
            row.setData(1, BADGE_ROLE, (self.tr("auto"), "#1e40af", "#dbeafe"))
            tip += "\n" + self.tr("Ticked or failed by the automatic check “%1”").replace(
                "%1", family_label(item.check)
            )
        row.setToolTip(1, tip)
        if item.state is ChecklistState.NOT_APPLICABLE:
            row.setForeground(1, QBrush(QColor(STATE_COLOURS[item.state])))
        row.setText(2, role_label(item.role))
        row.setText(3, short_date(item.due_on))
        row.setToolTip(3, QLocale().toString(QDate(item.due_on), QLocale.FormatType.LongFormat))
        if item.overdue:
            row.setForeground(3, QBrush(QColor(ALERT)))
            row.setData(3, BADGE_ROLE, (self.tr("overdue"), "#ffffff", ALERT))
        if item.done_at is not None:
            who = self.tr("auto check") if item.by_check else item.done_by
            row.setText(4, f"{day_month(item.done_at)} · {who}" if who else day_month(item.done_at))
            full = local_text(item.done_at)
            row.setToolTip(4, f"{who}, {full}" if who else full)
        if item.by_check and item.comment:
            comment = auto_comment_text(item.comment, item.state is ChecklistState.FAILED)
        else:
            comment = item.comment
        row.setText(5, comment.replace("\n", " ⏎ "))
        row.setToolTip(5, comment)
        return row

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
        lang = language()
        bold = QFont(self.findings.font())
        bold.setBold(True)
        first: QTreeWidgetItem | None = None
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            found = [f for f in run.findings if f.severity is severity]
            if not found:
                continue
            group = QTreeWidgetItem(self.findings)
            group.setText(0, f"{severity_label(severity)} ({len(found)})")
            group.setIcon(0, severity_icon(severity))
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
            group.setFirstColumnSpanned(True)
            group.setData(0, Qt.ItemDataRole.AccessibleTextRole, group.text(0))
            for finding in sorted(found, key=lambda f: (f.line or 0, f.check_id)):
                row = QTreeWidgetItem(group)
                row.setData(0, ITEM_ROLE, finding)
                row.setText(0, finding.message(lang))
                row.setIcon(0, severity_icon(severity))
                row.setText(1, str(finding.line) if finding.line else "")
                row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                row.setText(2, finding.check_id)
                tip = finding.message(lang)
                if finding.element:
                    tip += "\n\n" + finding.element
                for column in range(3):
                    row.setToolTip(column, tip)
                first = first or row
            group.setExpanded(True)
        if not run.findings:
            clean = QTreeWidgetItem(self.findings)
            clean.setText(0, self.tr("No finding: the email passed every check."))
            clean.setIcon(0, state_icon(ChecklistState.DONE))
            clean.setFlags(Qt.ItemFlag.ItemIsEnabled)
            clean.setFirstColumnSpanned(True)
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
        dialog.finished.connect(lambda _result: setattr(self, attribute, None))
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
