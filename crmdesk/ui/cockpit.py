"""The cockpit home: today's sends, the week's, overdue deadlines and pressure warnings.

Each entry opens its campaign (double-click or Enter). The page computes only when shown and
refreshes on changes while visible.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, clients, cockpit, operators
from crmdesk.core.calendar import CalendarEntry, Deadline
from crmdesk.core.changes import Changes
from crmdesk.core.checklists import OverdueChecklist
from crmdesk.ui.kit.styles import colour_icon
from crmdesk.ui.labels import capitalised, deadline_label, status_label
from crmdesk.ui.operations import Operations


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


class CockpitPage(QWidget):
    open_requested = Signal(int)
    checklist_requested = Signal(int)

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
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.today_section, 0, 0)
        grid.addWidget(self.week_section, 0, 1, 1, 2)
        grid.addWidget(self.overdue_section, 1, 0)
        grid.addWidget(self.checklist_section, 1, 1)
        grid.addWidget(self.pressure_section, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.greeting)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.next_step)
        layout.addSpacing(6)
        layout.addLayout(grid, 1)
        for section in self.sections():
            if section is not self.checklist_section:
                section.list.itemActivated.connect(self._activated)
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
        )

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
