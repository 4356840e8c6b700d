"""The cockpit home: today's sends, the week's, overdue deadlines and pressure warnings, the
time of the week per client with the running timer, and the budgets near their limit.

Each entry opens its campaign (double-click or Enter), a budget its budget dialog. The page
computes only when shown and refreshes on changes while visible.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, clients, cockpit, operators, timesheet
from crmdesk.core.calendar import CalendarEntry, Deadline
from crmdesk.core.changes import Changes
from crmdesk.core.checklists import OverdueChecklist
from crmdesk.core.timesheet import BudgetUse, RunningTimerInfo, TimeTotal
from crmdesk.ui.kit.styles import colour_icon
from crmdesk.ui.labels import capitalised, deadline_label, status_label
from crmdesk.ui.operations import Operations
from crmdesk.ui.time.formats import (
    budget_text,
    clock,
    days_text,
    euros,
    hm,
    hours_text,
    level_colour,
    level_text,
    stopwatch_icon,
)

#: Where a budget of the cockpit's list leads: (campaign id, client id, month "2026-11").
BUDGET_ROLE = Qt.ItemDataRole.UserRole + 1


class Section(QFrame):
    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cockpitSection")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_text = title
        self.empty_text = empty_text
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.list = QListWidget()
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.list)

    def set_items(self, items: list[tuple[str, str, int, str]]) -> None:
        """(text, colour, campaign id, tooltip) per row."""
        self.list.clear()
        self.title.setText(f"{self.title_text}  ({len(items)})")
        if not items:
            empty = QListWidgetItem(self.empty_text)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
            return
        for text, colour, campaign_id, tip in items:
            item = QListWidgetItem(colour_icon(colour), text)
            item.setData(Qt.ItemDataRole.UserRole, campaign_id)
            item.setToolTip(tip)
            self.list.addItem(item)


class TimeSection(Section):
    """The time of the week per client (hours, days, amount at the daily rate), and the
    running timer with its Stop button."""

    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Time this week"), self.tr("No time entered this week."), parent)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("cockpitTimer")
        self.timer_label.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the timer and enter its time (Ctrl+Shift+T)"))
        self.stop_button.clicked.connect(self.stop_requested)
        self.total = QLabel()
        self.timer_icon = QLabel()
        self.timer_icon.setPixmap(stopwatch_icon().pixmap(16, 16))
        row = QHBoxLayout()
        row.addWidget(self.timer_icon)
        row.addWidget(self.timer_label, 1)
        row.addWidget(self.stop_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        layout.addWidget(self.total)
        self.timer: RunningTimerInfo | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)

    def set_timer(self, timer: RunningTimerInfo | None) -> None:
        self.timer = timer
        self.stop_button.setVisible(timer is not None)
        self.timer_icon.setVisible(timer is not None)
        if timer is None:
            self.ticker.stop()
            self.timer_label.setText(self.tr("No timer runs."))
            return
        self.ticker.start()
        self.tick()

    def tick(self) -> None:
        if self.timer is None:
            return
        elapsed = clock(self.timer.elapsed(datetime.now(UTC)))
        self.timer_label.setText(f"{self.timer.campaign} · {self.timer.client} — <b>{elapsed}</b>")

    def set_totals(self, totals: list[TimeTotal], colours: dict[int, str]) -> None:
        rows = []
        for total in totals:
            text = (
                self.tr("%1 — %2 h · %3 days · %4")
                .replace("%1", total.client)
                .replace("%2", hours_text(total.hours))
                .replace("%3", days_text(total.days))
                .replace("%4", euros(total.amount))
            )
            tip = text if total.amount is not None else text + "\n" + self.tr("No daily rate")
            rows.append((text, colours.get(total.client_id, "#888888"), None, tip))
        self.set_items(rows)  # type: ignore[arg-type]
        self.total.setText(
            self.tr("Week total: %1 (%2 h)")
            .replace("%1", hm(sum(t.minutes for t in totals)))
            .replace("%2", hours_text(sum((t.hours for t in totals), Decimal(0))))
        )
        self.total.setVisible(bool(totals))


class BudgetSection(Section):
    """Budgets at 80 % (amber) and over 100 % (red) of what they allow."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(title, empty_text, parent)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addStretch(1)  # beside the taller time section, the list stays under its title

    def set_budgets(self, uses: list[BudgetUse], locale: QLocale) -> None:
        self.list.clear()
        self.title.setText(f"{self.title_text}  ({len(uses)})")
        if not uses:
            empty = QListWidgetItem(self.empty_text)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
            return
        for use in uses:
            if use.campaign_id is not None:
                what = f"{use.client} — {use.campaign}"
            else:
                assert use.month is not None
                month = locale.toString(
                    QDate.fromString(use.month + "-01", "yyyy-MM-dd"), "MMMM yyyy"
                )
                what = f"{use.client} — {month}"
            colour = level_colour(use.level)
            mark = "⚠ " if colour else "? "
            text = f"{mark}{what}\n{budget_text(use)} — {level_text(use.level)}"
            item = QListWidgetItem(text)
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            item.setData(Qt.ItemDataRole.UserRole, use.campaign_id)
            item.setData(BUDGET_ROLE, (use.campaign_id, use.client_id, use.month))
            item.setToolTip(text)
            self.list.addItem(item)


class CockpitPage(QWidget):
    open_requested = Signal(int)
    checklist_requested = Signal(int)
    #: The running timer's Stop button.
    timer_stop_requested = Signal()
    #: A budget of the list: (campaign id or None, client id, month "2026-11" or None).
    budget_requested = Signal(object, object, object)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.greeting = QLabel()
        font = QFont(self.greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.greeting.setFont(font)
        self.subtitle = QLabel()
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.next_step.setObjectName("nextStep")
        self.next_step.setStyleSheet(
            "#nextStep { border: 1px solid palette(highlight); border-radius: 4px; padding: 8px; }"
        )
        self.next_step.hide()
        self.today_section = Section(self.tr("Sends today"), self.tr("Nothing goes out today."))
        self.week_section = Section(
            self.tr("Sends in the next 7 days"), self.tr("No send planned this week.")
        )
        self.overdue_section = Section(
            self.tr("Overdue deadlines"), self.tr("No overdue deadline. Well done.")
        )
        self.checklist_section = Section(
            self.tr("Overdue checklist items"), self.tr("Every checklist is on time.")
        )
        self.pressure_section = Section(
            self.tr("Pressure warnings (next 30 days)"),
            self.tr("No segment goes over its client's cap."),
        )
        self.time_section = TimeSection()
        self.time_section.stop_requested.connect(self.timer_stop_requested)
        self.budget_section = BudgetSection(
            self.tr("Budgets near their limit"),
            self.tr("Every budget is below 80% of what it allows."),
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.today_section, 0, 0)
        grid.addWidget(self.week_section, 0, 1, 1, 2)
        grid.addWidget(self.overdue_section, 1, 0)
        grid.addWidget(self.checklist_section, 1, 1)
        grid.addWidget(self.pressure_section, 1, 2)
        grid.addWidget(self.time_section, 2, 0, 1, 2)
        grid.addWidget(self.budget_section, 2, 2)
        # The time row keeps to a few lines: the sends and deadlines above come first.
        for short in (self.time_section.list, self.budget_section.list):
            lines = short.fontMetrics().height()
            short.setMaximumHeight(lines * 6 + 8)
            short.setMinimumHeight(lines * 2 + 8)  # the main window keeps its minimum size
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.greeting)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.next_step)
        layout.addSpacing(6)
        layout.addLayout(grid, 1)
        for section in self.sections():
            if section not in (self.checklist_section, self.budget_section, self.time_section):
                section.list.itemActivated.connect(self._activated)
        self.budget_section.list.itemActivated.connect(self._budget_activated)
        self.checklist_section.list.itemActivated.connect(self._checklist_activated)
        ops.changed.connect(self._on_changed)
        self._stale = True
        self.today = date.today()

    def sections(self) -> tuple[Section, ...]:
        return (
            self.today_section,
            self.week_section,
            self.overdue_section,
            self.checklist_section,
            self.pressure_section,
            self.time_section,
            self.budget_section,
        )

    def _budget_activated(self, item: QListWidgetItem) -> None:
        target = item.data(BUDGET_ROLE)
        if target is not None:
            self.budget_requested.emit(*target)

    def _activated(self, item: QListWidgetItem) -> None:
        campaign_id = item.data(Qt.ItemDataRole.UserRole)
        if campaign_id is not None:
            self.open_requested.emit(campaign_id)

    def _checklist_activated(self, item: QListWidgetItem) -> None:
        campaign_id = item.data(Qt.ItemDataRole.UserRole)
        if campaign_id is not None:
            self.checklist_requested.emit(campaign_id)

    def _on_changed(self, changes: Changes) -> None:
        # Everything the cockpit lists but the text of a brief, saved as it is typed.
        if not (
            changes.campaigns
            or changes.clients
            or changes.checklist
            or changes.bat
            or changes.stats
            or changes.settings
            or changes.time
        ):
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self, today: date | None = None) -> None:
        today = today or date.today()
        self.today = today
        data = self.ops.read(cockpit.cockpit, today)
        self._stale = False
        locale = QLocale()
        self.greeting.setText(
            capitalised(locale.toString(QDate(today), QLocale.FormatType.LongFormat))
        )
        self.subtitle.setText(
            self.tr("%n send(s) today", "", len(data.sends_today))
            + " · "
            + self.tr("%n overdue deadline(s)", "", len(data.overdue))
            + " · "
            + self.tr(
                "%n overdue checklist item(s)", "", sum(o.count for o in data.overdue_checklists)
            )
        )
        self._show_next_step()
        self.today_section.set_items(
            [self._send(e, locale, with_day=False) for e in data.sends_today]
        )
        self.week_section.set_items(
            [self._send(e, locale, with_day=True) for e in data.sends_this_week]
        )
        self.overdue_section.set_items([self._deadline(d, locale) for d in data.overdue])
        self.checklist_section.set_items(
            [self._checklist(o, locale) for o in data.overdue_checklists]
        )
        self.pressure_section.set_items([self._pressure(e, locale) for e in data.pressure])
        self._show_time(today, locale)

    def _show_time(self, today: date, locale: QLocale) -> None:
        colours = {c.id: c.colour for c in self.ops.read(clients.list_clients)}
        self.time_section.set_totals(self.ops.read(timesheet.week_totals, today), colours)
        self.time_section.set_timer(self.ops.read(timesheet.running_timer))
        self.budget_section.set_budgets(self.ops.read(timesheet.budgets_near_limit, today), locale)

    def _show_next_step(self) -> None:
        """A new workspace's cockpit says what to do next, not just "nothing today"."""
        if self.ops.read(operators.me) is None:
            text = self.tr(
                "Tell crmdesk who you are (File › My profile…): your name signs decisions, "
                "ticks and sends, and heads the reports your clients receive."
            )
        elif not self.ops.read(clients.has_clients):
            text = self.tr(
                "Your workspace has no client yet. Create your first one (File › Clients…, "
                "Ctrl+Shift+K) or import the plan you keep in Excel (Ctrl+Shift+I)."
            )
        elif not self.ops.read(campaigns.has_campaigns):
            text = self.tr(
                "No campaign planned yet. Press Ctrl+N to plan your first one, or import your "
                "plan from CSV or Excel (Ctrl+Shift+I)."
            )
        else:
            self.next_step.hide()
            return
        self.next_step.setText(text)
        self.next_step.show()

    def _when(self, entry: CalendarEntry, locale: QLocale, with_day: bool) -> str:
        at = entry.send_at
        clock = f"{at:%H:%M}"
        if not with_day:
            return clock
        return f"{locale.toString(QDate(at.date()), 'ddd d MMM')} {clock}"

    def _send(
        self, entry: CalendarEntry, locale: QLocale, with_day: bool
    ) -> tuple[str, str, int, str]:
        text = (
            f"{self._when(entry, locale, with_day)} · {entry.client_name} — {entry.name}"
            f"  [{status_label(entry.status)}]"
        )
        return text, entry.colour, entry.id, text

    def _deadline(self, deadline: Deadline, locale: QLocale) -> tuple[str, str, int, str]:
        late = (self.today - deadline.day).days
        text = (
            f"{deadline_label(deadline.kind)} · {deadline.client_name} — {deadline.campaign_name}  "
            + self.tr("(%n day(s) late)", "", late)
        )
        return text, deadline.colour, deadline.campaign_id, text

    def _pressure(self, entry: CalendarEntry, locale: QLocale) -> tuple[str, str, int, str]:
        alert = max(entry.pressure, key=lambda a: a.count)
        text = (
            f"⚠ {self._when(entry, locale, True)} · {entry.client_name} — {entry.name}\n"
            + self.tr("%1 sends to “%2” in the week of %4 (cap %3 a week)")
            .replace("%1", str(alert.count))
            .replace("%2", alert.segment_name)
            .replace("%3", str(alert.cap))
            .replace("%4", locale.toString(QDate(alert.window_start), "d MMM"))
        )
        return text, entry.colour, entry.id, text

    def _checklist(self, overdue: OverdueChecklist, locale: QLocale) -> tuple[str, str, int, str]:
        late = (self.today - overdue.oldest_due).days
        text = (
            f"{overdue.client_name} — {overdue.campaign_name}\n"
            + self.tr("%n item(s) late", "", overdue.count)
            + " · "
            + overdue.first_label(locale.name())
            + "  "
            + self.tr("(%n day(s) late)", "", late)
        )
        return text, overdue.colour, overdue.campaign_id, text
