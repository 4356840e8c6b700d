"""Month and week grids, painted by hand so a month of a busy workspace draws within a frame.

One widget serves both: six rows of days for a month, one tall row for a week. It holds only
the ``CalendarPeriod`` it was given; it never queries. Clicks select, double-clicks open or
create, a drag onto another day asks to reschedule, and the keyboard moves the selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from crmdesk.core.calendar import CalendarEntry, CalendarPeriod, Deadline
from crmdesk.ui.labels import channel_label, deadline_label, status_label, type_label

HEADER_HEIGHT = 26
CHIP_GAP = 2


@dataclass(frozen=True, slots=True)
class Chip:
    rect: QRect
    entry: CalendarEntry


def readable_on(colour: QColor) -> QColor:
    return QColor("#111827") if colour.lightnessF() > 0.6 else QColor("#ffffff")


def tint(colour: QColor, base: QColor, amount: float) -> QColor:
    """``colour`` mixed into ``base``: soft chip backgrounds for light and dark palettes alike."""
    return QColor.fromRgbF(
        base.redF() + (colour.redF() - base.redF()) * amount,
        base.greenF() + (colour.greenF() - base.greenF()) * amount,
        base.blueF() + (colour.blueF() - base.blueF()) * amount,
    )


class GridView(QWidget):
    """A grid of days with campaign chips and deadline markers."""

    campaign_selected = Signal(int)
    open_requested = Signal(int)
    new_requested = Signal(object)  # date
    reschedule_requested = Signal(int, object)  # campaign id, date
    day_selected = Signal(object)  # date
    painted = Signal()

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
        self._more: dict[date, QRect] = {}
        self._press: QPoint | None = None
        self._press_id: int | None = None
        self._drag_target: date | None = None
        self._dragging = False

    # -- data ---------------------------------------------------------------------------------

    def set_period(
        self, first_day: date, period: CalendarPeriod, month: int | None, today: date
    ) -> None:
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

    def minimumSizeHint(self) -> QSize:
        return QSize(420, 240)

    def cell_rect(self, index: int) -> QRect:
        width = self.width() / 7
        height = (self.height() - HEADER_HEIGHT) / self.rows
        row, col = divmod(index, 7)
        x0, x1 = round(col * width), round((col + 1) * width)
        y0 = HEADER_HEIGHT + round(row * height)
        y1 = HEADER_HEIGHT + round((row + 1) * height)
        return QRect(x0, y0, x1 - x0, y1 - y0)

    def day_at(self, pos: QPoint) -> date | None:
        if pos.y() < HEADER_HEIGHT or not self.rect().contains(pos):
            return None
        col = min(6, int(pos.x() / (self.width() / 7)))
        row = min(
            self.rows - 1,
            int((pos.y() - HEADER_HEIGHT) / ((self.height() - HEADER_HEIGHT) / self.rows)),
        )
        return self.first_day + timedelta(days=row * 7 + col)

    def chip_at(self, pos: QPoint) -> CalendarEntry | None:
        return next((c.entry for c in self._chips if c.rect.contains(pos)), None)

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        self._chips = []
        self._more = {}
        self._paint_header(painter, pal)
        for index in range(7 * self.rows):
            self._paint_day(painter, pal, index)
        painter.end()
        if self.period is not None:
            self.painted.emit()

    def _paint_header(self, painter: QPainter, pal: QPalette) -> None:
        from PySide6.QtCore import QLocale

        locale = QLocale()
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        for col in range(7):
            rect = self.cell_rect(col)
            header = QRect(rect.left(), 0, rect.width(), HEADER_HEIGHT)
            name = locale.dayName(col + 1, QLocale.FormatType.ShortFormat)
            if self.rows == 1:
                day = self.first_day + timedelta(days=col)
                name = f"{name} {locale.toString(day, 'd MMM')}"
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, name.capitalize())

    def _paint_day(self, painter: QPainter, pal: QPalette, index: int) -> None:
        day = self.first_day + timedelta(days=index)
        rect = self.cell_rect(index)
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        outside = self.month is not None and day.month != self.month
        holiday = self.period.holidays.get(day) if self.period else None
        if day.weekday() >= 5 or holiday:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
        if self._dragging and day == self._drag_target:
            painter.fillRect(rect, tint(pal.color(QPalette.ColorRole.Highlight), base, 0.18))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Midlight), 1))
        painter.drawRect(rect)
        if day == self.selected_day and self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        fm = QFontMetrics(small)
        line = fm.height() + 3

        # Day number, today in a filled circle.
        number_rect = QRect(rect.left() + 4, rect.top() + 3, 24, 20)
        if day == self.today:
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(number_rect.adjusted(1, -1, -1, 1))
            painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
        else:
            colour = QColor(text)
            if outside:
                colour.setAlphaF(0.4)
            painter.setPen(colour)
        bold = QFont(self.font())
        bold.setBold(day == self.today)
        painter.setFont(bold)
        painter.drawText(number_rect, Qt.AlignmentFlag.AlignCenter, str(day.day))
        painter.setBrush(Qt.BrushStyle.NoBrush)

        if holiday:
            painter.setFont(small)
            painter.setPen(QColor("#b91c1c") if base.lightnessF() > 0.5 else QColor("#fca5a5"))
            label_rect = QRect(rect.left() + 30, rect.top() + 4, rect.width() - 34, line)
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(holiday, Qt.TextElideMode.ElideRight, label_rect.width()),
            )

        if self.period is None:
            return
        entries = self.period.by_day.get(day, [])
        # Done steps are history; the grid shows what is still to do.
        deadlines = [d for d in self.period.deadlines_by_day.get(day, []) if not d.done]
        two_lines = self.rows == 1
        chip_height = (2 * line if two_lines else line) + 2
        y = rect.top() + 26
        bottom = rect.bottom() - 3
        items: list[CalendarEntry | Deadline] = [*entries, *deadlines]
        for position, item in enumerate(items):
            height = chip_height if isinstance(item, CalendarEntry) else line
            remaining = len(items) - position
            if y + height > bottom - (line if remaining > 1 else 0):
                more = QRect(rect.left() + 6, y, rect.width() - 12, line)
                painter.setFont(small)
                painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    more,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self.tr("+%n more", "", remaining),
                )
                self._more[day] = more
                break
            chip_rect = QRect(rect.left() + 4, y, rect.width() - 8, height)
            if isinstance(item, CalendarEntry):
                self._paint_chip(painter, pal, chip_rect, item, small, two_lines, outside)
                self._chips.append(Chip(chip_rect, item))
            else:
                self._paint_deadline(painter, pal, chip_rect, item, small)
            y += height + CHIP_GAP

    def _paint_chip(
        self,
        painter: QPainter,
        pal: QPalette,
        rect: QRect,
        entry: CalendarEntry,
        font: QFont,
        two_lines: bool,
        outside: bool,
    ) -> None:
        base = pal.color(QPalette.ColorRole.Base)
        colour = QColor(entry.colour)
        background = tint(colour, base, 0.22 if not outside else 0.12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(rect), 3, 3)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        if entry.id == self.selected_id:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 3, 3)
        painter.setFont(font)
        fm = QFontMetrics(font)
        badges = ""
        if entry.pressure:
            badges += "⚠"
        if entry.holiday:
            badges += "★"
        right = rect.right() - 4
        if badges:
            painter.setPen(QColor("#d97706"))
            badge_width = fm.horizontalAdvance(badges) + 2
            painter.drawText(
                QRect(right - badge_width, rect.top(), badge_width, fm.height() + 3),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                badges,
            )
            right -= badge_width + 2
        text_colour = pal.color(QPalette.ColorRole.Text)
        if outside:
            text_colour.setAlphaF(0.55)
        painter.setPen(text_colour)
        left = rect.left() + 8
        time_text = entry.send_at.strftime("%H:%M")
        first_line = QRect(left, rect.top() + 1, right - left, fm.height() + 2)
        if two_lines:
            header = f"{time_text} · {entry.client_name}"
            painter.drawText(
                first_line,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(header, Qt.TextElideMode.ElideRight, first_line.width()),
            )
            second = QRect(left, first_line.bottom() + 1, rect.right() - 4 - left, fm.height() + 2)
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(
                second,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                QFontMetrics(bold).elidedText(
                    entry.name, Qt.TextElideMode.ElideRight, second.width()
                ),
            )
        else:
            painter.drawText(
                first_line,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(
                    f"{time_text} {entry.name}", Qt.TextElideMode.ElideRight, first_line.width()
                ),
            )

    def _paint_deadline(
        self, painter: QPainter, pal: QPalette, rect: QRect, deadline: Deadline, font: QFont
    ) -> None:
        painter.setFont(font)
        fm = QFontMetrics(font)
        overdue = deadline.overdue(self.today)
        colour = QColor("#dc2626") if overdue else QColor(deadline.colour)
        if deadline.done:
            colour.setAlphaF(0.45)
        painter.setPen(colour)
        mark = "✓" if deadline.done else ("!" if overdue else "◆")
        text = f"{mark} {deadline_label(deadline.kind)} · {deadline.campaign_name}"
        painter.drawText(
            rect.adjusted(6, 0, -2, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 8),
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
                + self.tr("Pressure: %1 sends to “%2” within 7 days (cap %3)")
                .replace("%1", str(alert.count))
                .replace("%2", alert.segment_name)
                .replace("%3", str(alert.cap))
            )
        if entry.holiday:
            parts.append(
                "★ " + self.tr("Sent on a public holiday: %1").replace("%1", entry.holiday)
            )
        return "<br>".join(parts)

    def event(self, event):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            entry = self.chip_at(event.pos())
            if entry is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(entry), self)
            else:
                day = self.day_at(event.pos())
                holiday = self.period.holidays.get(day) if (self.period and day) else None
                if holiday:
                    QToolTip.showText(event.globalPos(), holiday, self)
                else:
                    QToolTip.hideText()
            return True
        return super().event(event)

    # -- mouse --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
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

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is None or self._press_id is None:
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
        entry = self.chip_at(pos)
        if entry is not None:
            self.open_requested.emit(entry.id)
        elif (day := self.day_at(pos)) is not None:
            self.new_requested.emit(day)

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
