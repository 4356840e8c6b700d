"""Month and week grids, painted by hand so a month of a busy workspace draws within a frame.

One widget serves both: six rows of days for a month, one tall row for a week. It holds only
the ``CalendarPeriod`` it was given; it never queries. Clicks select, double-clicks open or
create, a drag onto another day asks to reschedule, and the keyboard moves the selection. A day
with more than its cell can hold ends on "+N more": clicking it lists the whole day in a popup
(``DayPopup``), as mail and calendar apps do, so the month stays in sight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, QSize, Qt, QTime, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.calendar_values import CalendarEntry, CalendarPeriod, Deadline
from crmdesk.ui.labels import channel_label, deadline_label, status_label, type_label

HEADER_HEIGHT = 26
CHIP_GAP = 2
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
ELIDE = Qt.TextElideMode.ElideRight


@dataclass(frozen=True, slots=True)
class Chip:
    rect: QRect
    entry: CalendarEntry


@dataclass(frozen=True, slots=True)
class More:
    """Where a day's "+N more" was painted: clicking there lists the whole day."""

    rect: QRect
    day: date


def tint(colour: QColor, base: QColor, amount: float) -> QColor:
    """``colour`` mixed into ``base``: soft chip backgrounds for light and dark palettes alike."""
    return QColor.fromRgbF(
        base.redF() + (colour.redF() - base.redF()) * amount,
        base.greenF() + (colour.greenF() - base.greenF()) * amount,
        base.blueF() + (colour.blueF() - base.blueF()) * amount,
    )


class _Kit:
    """Fonts, metrics and colours for one paint, built once instead of once per chip."""

    def __init__(self, widget: QWidget, elided: dict[tuple[str, int, bool], str]) -> None:
        pal = widget.palette()
        role = QPalette.ColorRole
        self.base = pal.color(role.Base)
        self.alternate = pal.color(role.AlternateBase)
        self.text = pal.color(role.Text)
        self.faded_text = QColor(self.text)
        self.faded_text.setAlphaF(0.45)
        self.muted = pal.color(role.PlaceholderText)
        # The day names: softer than the text, but not the placeholder's grey, which some dark
        # system palettes make nearly black on black.
        self.heading = QColor(self.text)
        self.heading.setAlphaF(0.75)
        self.highlight = pal.color(role.Highlight)
        self.highlighted_text = pal.color(role.HighlightedText)
        self.drop_target = tint(self.highlight, self.base, 0.18)
        self.grid_pen = QPen(pal.color(role.Midlight), 1)
        self.focus_pen = QPen(self.highlight, 2)
        light = self.base.lightnessF() > 0.5
        self.holiday = QColor("#b91c1c" if light else "#fca5a5")
        # -- calendar markers (issue 20): violet, apart from holidays, warnings and clients --
        self.marker = QColor("#6d28d9" if light else "#c4b5fd")
        self.overdue = QColor("#dc2626" if light else "#f87171")
        self.warning = QColor("#b45309" if light else "#fbbf24")
        self.normal = QFont(widget.font())
        self.bold = QFont(self.normal)
        self.bold.setBold(True)
        self.small = self.small_font(self.normal)
        self.small_bold = QFont(self.small)
        self.small_bold.setBold(True)
        self.small_metrics = QFontMetrics(self.small)
        self.small_bold_metrics = QFontMetrics(self.small_bold)
        self.line = self.small_metrics.height() + 3
        self._colours: dict[str, tuple[QColor, QColor, QColor]] = {}
        self._elided = elided

    @staticmethod
    def small_font(normal: QFont) -> QFont:
        small = QFont(normal)
        small.setPointSizeF(max(7.0, normal.pointSizeF() * 0.85))
        return small

    def elide(self, text: str, width: int, bold: bool = False) -> str:
        """Elided text, remembered across paints: hovering and selecting repaint the same month."""
        key = (text, width, bold)
        found = self._elided.get(key)
        if found is None:
            metrics = self.small_bold_metrics if bold else self.small_metrics
            found = metrics.elidedText(text, ELIDE, width)
            if len(self._elided) > 20_000:
                self._elided.clear()
            self._elided[key] = found
        return found

    def client_colours(self, colour: str) -> tuple[QColor, QColor, QColor]:
        """The client's colour, its chip background, and the fainter one for other months."""
        found = self._colours.get(colour)
        if found is None:
            solid = QColor(colour)
            found = (solid, tint(solid, self.base, 0.22), tint(solid, self.base, 0.12))
            self._colours[colour] = found
        return found


#: The share of the width of each day, Monday first: a weekend day gets two thirds.
COLUMN_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.0, 2 / 3, 2 / 3)


class GridView(QWidget):
    """A grid of days with campaign chips and deadline markers."""

    campaign_selected = Signal(int)
    open_requested = Signal(int)
    new_requested = Signal(object)  # date
    reschedule_requested = Signal(int, object)  # campaign id, date
    day_selected = Signal(object)  # date
    week_requested = Signal(object)  # date: show the week of that day
    painted = Signal()
    #: Right-click on a chip: the campaign and where to show its time menu (global position).
    campaign_menu_requested = Signal(int, QPoint)
    #: The cells grew: they can hold more items than the period read gives (a visible read).
    capacity_grew = Signal()

    def __init__(self, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Campaign calendar"))
        self.first_day = date.today()
        self.month: int | None = None
        self.today = date.today()
        self.period: CalendarPeriod | None = None
        self.selected_day = self.today
        self.selected_id: int | None = None
        self._chips: list[Chip] = []
        self._more: list[More] = []
        self.day_popup: DayPopup | None = None
        self._elided: dict[tuple[str, int, bool], str] = {}
        self._press: QPoint | None = None
        self._press_id: int | None = None
        self._drag_target: date | None = None
        self._dragging = False
        self._read_for = 0
        #: A whole day when the period holds only what the cells show (the "+N more" popup).
        self.day_reader: Callable[[date], CalendarPeriod] | None = None

    # -- data ---------------------------------------------------------------------------------

    def set_period(
        self,
        first_day: date,
        period: CalendarPeriod,
        month: int | None,
        today: date,
        per_day: int | None = None,
    ) -> None:
        """Show ``period``; ``per_day`` is how many items of each day it holds when it is a
        visible read."""
        self._read_for = per_day or 0
        self.first_day = first_day
        self.period = period
        self.month = month
        self.today = today
        if not first_day <= self.selected_day <= self.last_day:
            self.selected_day = today if first_day <= today <= self.last_day else first_day
        if self.selected_id is not None and not any(
            e.id == self.selected_id for e in period.entries
        ):
            self.selected_id = None
        self.update()

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=7 * self.rows - 1)

    def entry(self, campaign_id: int) -> CalendarEntry | None:
        if self.period is None:
            return None
        return next((e for e in self.period.entries if e.id == campaign_id), None)

    def select_campaign(self, campaign_id: int | None) -> None:
        self.selected_id = campaign_id
        entry = self.entry(campaign_id) if campaign_id is not None else None
        if entry is not None:
            self.selected_day = entry.day
            self.campaign_selected.emit(campaign_id)
        self.update()

    # -- geometry -----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 620)

    def capacity(self) -> int:
        """The most items (campaigns and deadlines) one cell can show: what a visible read
        must give of each day for this grid to paint as from the full read."""
        line = QFontMetrics(_Kit.small_font(self.font())).height() + 3
        tallest = max(self.cell_rect(7 * row).height() for row in range(self.rows))
        return max(1, (tallest - 29) // (line + CHIP_GAP) + 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.capacity()
        if self.period is not None and not self.period.complete and needed > self._read_for:
            self.capacity_grew.emit()

    def minimumSizeHint(self) -> QSize:
        return QSize(420, 240)

    def _column_edges(self) -> list[int]:
        """Where each day's column starts (and the last ends): weekends narrower, since a
        freelancer's sends are on weekdays and a weekday's chips then show their names."""
        total = sum(COLUMN_WEIGHTS)
        edges, run = [0], 0.0
        for weight in COLUMN_WEIGHTS:
            run += weight
            edges.append(round(self.width() * run / total))
        return edges

    def cell_rect(self, index: int) -> QRect:
        height = (self.height() - HEADER_HEIGHT) / self.rows
        row, col = divmod(index, 7)
        edges = self._column_edges()
        x0, x1 = edges[col], edges[col + 1]
        y0 = HEADER_HEIGHT + round(row * height)
        y1 = HEADER_HEIGHT + round((row + 1) * height)
        return QRect(x0, y0, x1 - x0, y1 - y0)

    def day_at(self, pos: QPoint) -> date | None:
        if pos.y() < HEADER_HEIGHT or not self.rect().contains(pos):
            return None
        edges = self._column_edges()
        col = next((c for c in range(7) if pos.x() < edges[c + 1]), 6)
        row = min(
            self.rows - 1,
            int((pos.y() - HEADER_HEIGHT) / ((self.height() - HEADER_HEIGHT) / self.rows)),
        )
        return self.first_day + timedelta(days=row * 7 + col)

    def chip_at(self, pos: QPoint) -> CalendarEntry | None:
        return next((c.entry for c in self._chips if c.rect.contains(pos)), None)

    def more_at(self, pos: QPoint) -> date | None:
        """The day whose "+N more" is under ``pos``, if any."""
        return next((m.day for m in self._more if m.rect.contains(pos)), None)

    def more_rect(self, day: date) -> QRect | None:
        """Where the day's "+N more" was last painted (None when everything fitted)."""
        return next((m.rect for m in self._more if m.day == day), None)

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        kit = _Kit(self, self._elided)
        painter.fillRect(self.rect(), kit.base)
        self._chips = []
        self._more = []
        self._paint_header(painter, kit)
        for index in range(7 * self.rows):
            self._paint_day(painter, kit, index)
        painter.end()
        if self.period is not None:
            self.painted.emit()

    def _paint_header(self, painter: QPainter, kit: _Kit) -> None:
        locale = QLocale()
        painter.setPen(kit.heading)
        painter.setFont(kit.bold)
        for col in range(7):
            rect = self.cell_rect(col)
            header = QRect(rect.left(), 0, rect.width(), HEADER_HEIGHT)
            name = locale.dayName(col + 1, QLocale.FormatType.ShortFormat)
            if self.rows == 1:
                day = self.first_day + timedelta(days=col)
                name = f"{name} {locale.toString(day, 'd MMM')}"
            painter.drawText(header, CENTRE, name.capitalize())

    def _paint_day(self, painter: QPainter, kit: _Kit, index: int) -> None:
        day = self.first_day + timedelta(days=index)
        rect = self.cell_rect(index)
        outside = self.month is not None and day.month != self.month
        holiday = self.period.holidays.get(day) if self.period else None
        if day.weekday() >= 5 or holiday:
            painter.fillRect(rect, kit.alternate)
        if self._dragging and day == self._drag_target:
            painter.fillRect(rect, kit.drop_target)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(kit.grid_pen)
        painter.drawRect(rect)
        if day == self.selected_day and self.hasFocus():
            painter.setPen(kit.focus_pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

        # Day number, today in a filled circle.
        number_rect = QRect(rect.left() + 4, rect.top() + 3, 24, 20)
        painter.setFont(kit.normal)
        if day == self.today:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(kit.highlight)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(number_rect.adjusted(1, -1, -1, 1))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(kit.highlighted_text)
            painter.setFont(kit.bold)
        else:
            painter.setPen(kit.faded_text if outside else kit.text)
        painter.drawText(number_rect, CENTRE, str(day.day))

        line = kit.line
        if holiday:
            painter.setFont(kit.small)
            painter.setPen(kit.holiday)
            label_rect = QRect(rect.left() + 30, rect.top() + 4, rect.width() - 34, line)
            painter.drawText(label_rect, RIGHT, kit.elide(holiday, label_rect.width()))

        if self.period is None:
            return
        entries = self.period.by_day.get(day, ())
        # Done steps are history; the grid shows what is still to do.
        deadlines = self.period.open_deadlines_on(day)
        counts = self.period.count_on(day)
        total = counts.entries + counts.open_deadlines  # all of them, even if not all were read
        two_lines = self.rows == 1
        chip_height = (2 * line if two_lines else line) + 2
        y = rect.top() + 26
        bottom = rect.bottom() - 3
        painter.setFont(kit.small)
        # -- calendar markers (issue 20): one line of the day's imported markers, on top --
        day_markers = self.period.markers.get(day, ())
        if day_markers:
            painter.setPen(kit.marker)
            marker_rect = QRect(rect.left() + 6, y, rect.width() - 10, line)
            text = " · ".join(("⊘ " if m.blackout else "◇ ") + m.summary for m in day_markers)
            painter.drawText(marker_rect, LEFT, kit.elide(text, marker_rect.width()))
            y += line + CHIP_GAP
        # -- end of calendar markers --
        items: list[CalendarEntry | Deadline] = [*entries, *deadlines]
        for position, item in enumerate(items):
            is_send = isinstance(item, CalendarEntry)
            height = chip_height if is_send else line
            remaining = total - position
            if y + height > bottom - (line if remaining > 1 else 0):
                self._paint_more(
                    painter, kit, QRect(rect.left() + 6, y, rect.width(), line), day, remaining
                )
                break
            chip_rect = QRect(rect.left() + 4, y, rect.width() - 8, height)
            if is_send:
                self._paint_chip(painter, kit, chip_rect, item, two_lines, outside)  # type: ignore[arg-type]
                self._chips.append(Chip(chip_rect, item))  # type: ignore[arg-type]
            else:
                self._paint_deadline(painter, kit, chip_rect, item)  # type: ignore[arg-type]
            y += height + CHIP_GAP
        else:
            if total > len(items):  # a visible read smaller than the cell: the rest is counted
                self._paint_more(
                    painter,
                    kit,
                    QRect(rect.left() + 6, y, rect.width(), line),
                    day,
                    total - len(items),
                )

    def _paint_more(
        self, painter: QPainter, kit: _Kit, place: QRect, day: date, remaining: int
    ) -> None:
        text = self.tr("+%n more", "", remaining)
        width = min(place.width() - 12, kit.small_bold_metrics.horizontalAdvance(text) + 8)
        more = QRect(place.left(), place.top(), width, place.height())
        # A link's colour and weight: it is clickable, and opens the whole day.
        painter.setPen(kit.highlight if kit.base.lightnessF() > 0.5 else kit.text)
        painter.setFont(kit.small_bold)
        painter.drawText(more, LEFT, kit.elide(text, more.width(), bold=True))
        painter.setFont(kit.small)
        self._more.append(More(more.adjusted(-3, -1, 3, 1), day))

    def _paint_chip(
        self,
        painter: QPainter,
        kit: _Kit,
        rect: QRect,
        entry: CalendarEntry,
        two_lines: bool,
        outside: bool,
    ) -> None:
        colour, background, faint = kit.client_colours(entry.colour)
        painter.fillRect(rect, faint if outside else background)
        painter.fillRect(rect.left(), rect.top(), 4, rect.height(), colour)
        if entry.id == self.selected_id:
            painter.setPen(kit.focus_pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        fm = kit.small_metrics
        badges = ("⚠" if entry.pressure else "") + ("★" if entry.holiday else "")
        badges += "⊘" if entry.blackout is not None else ""  # a blackout marker (issue 20)
        right = rect.right() - 4
        line_height = fm.height() + 2
        if entry.overdue_items:
            # A red pill with the count: late checklist items are the operator's to-do.
            count = str(entry.overdue_items)
            height = line_height - 2
            pill = QRect(0, 0, max(fm.horizontalAdvance(count) + 8, height), height)
            pill.moveTopRight(QPoint(right, rect.top() + 2))
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(kit.overdue)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, count)
            painter.restore()
            right = pill.left() - 3
        if badges:
            badge_width = fm.horizontalAdvance(badges) + 2
            painter.setPen(kit.warning)
            painter.drawText(
                QRect(right - badge_width, rect.top(), badge_width, line_height + 1),
                RIGHT,
                badges,
            )
            right -= badge_width + 2
        painter.setPen(kit.faded_text if outside else kit.text)
        left = rect.left() + 8
        at = entry.send_at
        clock = f"{at.hour:02d}:{at.minute:02d}"
        first_line = QRect(left, rect.top() + 1, right - left, line_height)
        if two_lines:
            header = f"{clock} · {entry.client_name}"
            painter.drawText(first_line, LEFT, kit.elide(header, first_line.width()))
            second = QRect(left, first_line.bottom() + 1, rect.right() - 4 - left, line_height)
            painter.setFont(kit.small_bold)
            painter.drawText(second, LEFT, kit.elide(entry.name, second.width(), bold=True))
            painter.setFont(kit.small)
        else:
            painter.drawText(
                first_line, LEFT, kit.elide(f"{clock} {entry.name}", first_line.width())
            )

    def _paint_deadline(
        self, painter: QPainter, kit: _Kit, rect: QRect, deadline: Deadline
    ) -> None:
        overdue = deadline.overdue(self.today)
        painter.setPen(kit.overdue if overdue else kit.client_colours(deadline.colour)[0])
        mark = "!" if overdue else "◆"
        text = f"{mark} {deadline_label(deadline.kind)} · {deadline.campaign_name}"
        painter.drawText(
            rect.adjusted(6, 0, -2, 0),
            LEFT,
            kit.elide(text, rect.width() - 8),
        )

    # -- tooltips -----------------------------------------------------------------------------

    def tooltip_for(self, entry: CalendarEntry) -> str:
        parts = [
            f"<b>{entry.name}</b>",
            f"{entry.client_name} — {type_label(entry.type)}, {channel_label(entry.channel)}",
            f"{entry.send_at:%H:%M} · {status_label(entry.status)}",
        ]
        for alert in entry.pressure:
            parts.append(
                "⚠ "
                + self.tr("Pressure: %1 sends to “%2” in the week of %4 (cap %3 a week)")
                .replace("%1", str(alert.count))
                .replace("%2", alert.segment_name)
                .replace("%3", str(alert.cap))
                .replace("%4", QLocale().toString(QDate(alert.window_start), "d MMM"))
            )
        if entry.holiday:
            parts.append(
                "★ " + self.tr("Sent on a public holiday: %1").replace("%1", entry.holiday)
            )
        if entry.overdue_items:
            parts.append(self.tr("%n overdue checklist item(s)", "", entry.overdue_items))
        if entry.blackout is not None:  # calendar markers (issue 20)
            parts.append(
                "⊘ " + self.tr("Sent on a blackout date: %1").replace("%1", escape(entry.blackout))
            )
        return "<br>".join(parts)

    # -- calendar markers (issue 20) ----------------------------------------------------------

    def day_tooltip(self, day: date) -> str:
        """The day's public holiday and imported markers (summary, place, time)."""
        if self.period is None:
            return ""
        parts = [escape(self.period.holidays[day])] if day in self.period.holidays else []
        locale = QLocale()
        for marker in self.period.markers.get(day, ()):
            line = ("⊘ " if marker.blackout else "◇ ") + f"<b>{escape(marker.summary)}</b>"
            if marker.location:
                line += f" — {escape(marker.location)}"
            if marker.start_at is not None and marker.end_at is not None:
                start, end = marker.start_at, marker.end_at
                line += " · " + (
                    self.tr("%1 to %2")
                    .replace("%1", locale.toString(QTime(start.hour, start.minute), "HH:mm"))
                    .replace("%2", locale.toString(QTime(end.hour, end.minute), "HH:mm"))
                )
            if marker.blackout:
                line += " · " + self.tr("blackout date: sends are warned")
            parts.append(line)
        return "<br>".join(parts)

    # -- end of calendar markers --------------------------------------------------------------

    def event(self, event):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            entry = self.chip_at(event.pos())
            if self.more_at(event.pos()) is not None:
                QToolTip.showText(
                    event.globalPos(), self.tr("Show every campaign of this day"), self
                )
            elif entry is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(entry), self)
            else:
                day = self.day_at(event.pos())
                text = self.day_tooltip(day) if day is not None else ""  # holiday and markers
                if text:
                    QToolTip.showText(event.globalPos(), text, self)
                else:
                    QToolTip.hideText()
            return True
        return super().event(event)

    # -- mouse --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        more_day = self.more_at(pos)
        if more_day is not None:
            self.selected_id = None
            self.selected_day = more_day
            self.day_selected.emit(more_day)
            self.update()
            self.show_day(more_day)
            return
        entry = self.chip_at(pos)
        day = self.day_at(pos)
        self._press = pos
        self._press_id = entry.id if entry else None
        if entry is not None:
            self.select_campaign(entry.id)
        elif day is not None:
            self.selected_id = None
            self.selected_day = day
            self.day_selected.emit(day)
            self.update()

    def show_day(self, day: date) -> DayPopup:
        """Every campaign and deadline of ``day`` in a popup under its cell: what "+N more" hid,
        each campaign one click from opening, without leaving the month."""
        if self.day_popup is not None:
            self.day_popup.close()
        whole = self.period
        if whole is not None and not whole.complete and self.day_reader is not None:
            whole = self.day_reader(day)  # the cells hold only what they show
        entries = list(whole.by_day.get(day, ())) if whole else []
        deadlines = whole.open_deadlines_on(day) if whole else []
        popup = DayPopup(day, entries, deadlines, self.today, self)
        popup.open_requested.connect(self._open_from_popup)
        popup.week_requested.connect(self.week_requested)
        from crmdesk.ui.kit.dialogs import forget  # not on the first paint's path

        popup.destroyed.connect(forget(self, "day_popup"))
        self.day_popup = popup
        cell = self.cell_rect((day - self.first_day).days)
        popup.show_at(self.mapToGlobal(cell.topLeft()), cell.width())
        return popup

    def _open_from_popup(self, campaign_id: int) -> None:
        self.select_campaign(campaign_id)
        self.open_requested.emit(campaign_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is None or self._press_id is None:
            if self.more_at(pos) is not None:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            elif not self._dragging:
                self.unsetCursor()
            return
        if not self._dragging:
            distance = (pos - self._press).manhattanLength()
            if distance < QApplication.startDragDistance():
                return
            self._dragging = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        target = self.day_at(pos)
        if target != self._drag_target:
            self._drag_target = target
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        dragged_id, target = self._press_id, self._drag_target
        was_dragging = self._dragging
        self._press = None
        self._press_id = None
        self._dragging = False
        self._drag_target = None
        self.unsetCursor()
        self.update()
        if was_dragging and dragged_id is not None and target is not None:
            entry = self.entry(dragged_id)
            if entry is not None and entry.day != target:
                self.reschedule_requested.emit(dragged_id, target)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self.more_at(pos) is not None:
            return  # the first click opened the day; the second is not "new campaign"
        entry = self.chip_at(pos)
        if entry is not None:
            self.open_requested.emit(entry.id)
        elif (day := self.day_at(pos)) is not None:
            self.new_requested.emit(day)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click on a campaign: it is selected and its menu (timer, time, budget) asked
        for; the keyboard's menu key asks it for the selected campaign."""
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            entry = self.chip_at(event.pos())
            if entry is None:
                return
            self.select_campaign(entry.id)
            self.campaign_menu_requested.emit(entry.id, event.globalPos())
        elif self.selected_id is not None:
            self.campaign_menu_requested.emit(self.selected_id, event.globalPos())

    # -- keyboard -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if key in steps and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.selected_day += timedelta(days=steps[key])
            self.selected_id = None
            self.day_selected.emit(self.selected_day)
            self.update()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.period is not None:
            self._cycle_campaign(-1 if key == Qt.Key.Key_Backtab else 1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected_id is None:
                self._cycle_campaign(1)
            if self.selected_id is not None:
                self.open_requested.emit(self.selected_id)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return False  # Tab walks the campaigns of the grid instead of leaving it

    def _cycle_campaign(self, step: int) -> None:
        assert self.period is not None
        day_entries = self.period.by_day.get(self.selected_day, [])
        if not day_entries:
            return
        ids = [e.id for e in day_entries]
        if self.selected_id in ids:
            index = (ids.index(self.selected_id) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.select_campaign(ids[index])

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.update()
        super().focusOutEvent(event)


class DayPopup(QFrame):
    """All of one day: each campaign a button that opens it, the open deadlines, and a way to
    the week. A popup (closes on Esc or a click elsewhere) because the operator wants to peek at
    a crowded day and go on with the month, not change views."""

    open_requested = Signal(int)
    week_requested = Signal(object)  # date

    def __init__(
        self,
        day: date,
        entries: list[CalendarEntry],
        deadlines: list[Deadline],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.day = day
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Campaigns of the day"))
        title = QLabel(QLocale().toString(day, QLocale.FormatType.LongFormat).capitalize())
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self.buttons: dict[int, QPushButton] = {}
        host = QWidget()
        rows = QVBoxLayout(host)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        for entry in entries:
            at = entry.send_at
            button = QPushButton(f"{at.hour:02d}:{at.minute:02d}  {entry.name}")
            button.setFlat(True)
            button.setStyleSheet(
                f"text-align: left; padding: 3px 6px; border-left: 4px solid {entry.colour};"
            )
            button.setToolTip(f"{entry.name} — {entry.client_name}, {status_label(entry.status)}")
            button.setAccessibleName(f"{entry.name}, {entry.client_name}")
            button.clicked.connect(lambda _=False, cid=entry.id: self._open(cid))
            rows.addWidget(button)
            self.buttons[entry.id] = button
        for deadline in deadlines:
            mark = "!" if deadline.overdue(today) else "◆"
            label = QLabel(f"{mark} {deadline_label(deadline.kind)} · {deadline.campaign_name}")
            label.setWordWrap(True)
            label.setContentsMargins(6, 1, 6, 1)
            rows.addWidget(label)
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(host)
        self.scroll = scroll

        self.week_button = QPushButton(self.tr("Show the week"))
        self.week_button.setToolTip(self.tr("The week view of this day, every campaign in full"))
        self.week_button.clicked.connect(self._week)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.week_button, 0, Qt.AlignmentFlag.AlignRight)
        self._content_height = host.sizeHint().height()

    def show_at(self, top_left: QPoint, cell_width: int) -> None:
        """Over the day's cell, as wide as it at least, kept on the screen."""
        screen = QApplication.screenAt(top_left) or QApplication.primaryScreen()
        area = screen.availableGeometry()
        width = max(cell_width + 40, 280)
        chrome = self.sizeHint().height() - self.scroll.sizeHint().height()
        height = min(chrome + self._content_height + 8, max(200, area.height() * 2 // 3))
        x = min(max(area.left(), top_left.x() - 20), area.right() - width)
        y = min(max(area.top(), top_left.y()), area.bottom() - height)
        self.setGeometry(x, y, width, height)
        self.show()
        first = next(iter(self.buttons.values()), None)
        (first or self.week_button).setFocus()

    def _open(self, campaign_id: int) -> None:
        self.close()
        self.open_requested.emit(campaign_id)

    def _week(self) -> None:
        self.close()
        self.week_requested.emit(self.day)
