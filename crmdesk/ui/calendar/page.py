"""The calendar page: period navigation, the three views, filters and the client legend.

It asks the core for one ``CalendarPeriod`` per displayed period and hands it to the active
view; edits come back through the window's undo stack, and ``Operations.changed`` triggers
the refresh. Public holidays load just after the first paint: the ``holidays`` package is slow
to import and must not delay start-up.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import calendar_values
from crmdesk.core.calendar_values import CalendarPeriod, ClientInfo, Filters
from crmdesk.core.changes import Changes
from crmdesk.core.kinds import CampaignStatus, Channel
from crmdesk.ui.calendar.agenda import AgendaView
from crmdesk.ui.calendar.grid_view import GridView
from crmdesk.ui.kit.styles import colour_icon
from crmdesk.ui.labels import channel_label, status_label

if TYPE_CHECKING:
    from crmdesk.ui.first_paint import FirstPaint
    from crmdesk.ui.operations import Operations

MONTH, WEEK, AGENDA = "month", "week", "agenda"
#: Periods kept (least recently shown dropped first). A grid's period holds only what its cells
#: show, so twelve stay small even at 100,000 campaigns.
CACHE_SIZE = 12
#: start, end, filters, with holidays, language, items read per day (None: all, the agenda):
#: everything a period's content depends on.
PeriodKey = tuple[date, date, Filters, bool, str, int | None]


#: More items than any day holds: a visible read of one day that is the whole day.
ALL_OF_A_DAY = 1_000_000


def read_size(capacity: int) -> int:
    """Items a day to read for cells that hold ``capacity``: rounded up, so resizing the window
    a little does not read every month again."""
    return max(8, -(-capacity // 4) * 4)


def add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    return date(month_index // 12, month_index % 12 + 1, 1)


class CalendarPage(QWidget):
    open_requested = Signal(int)
    new_requested = Signal(object)  # date
    reschedule_requested = Signal(int, object)
    ready = Signal()
    clients_requested = Signal(object)  # a client's id, or None for the list
    #: A campaign's time menu asked (right-click): its id and the global position.
    campaign_menu_requested = Signal(int, QPoint)

    def __init__(
        self,
        ops: Operations | None,
        parent: QWidget | None = None,
        *,
        first_paint: FirstPaint | None = None,
    ) -> None:
        """With ``first_paint`` and no ``ops`` (the app's start), the page reads from the
        workspace file with ``sqlite3`` alone until ``attach`` gives it the workspace."""
        super().__init__(parent)
        assert (ops is None) != (first_paint is None), "ops or a first paint"
        self.ops: Operations | None = ops
        self._first_paint = first_paint
        self.mode = MONTH
        self.today = date.today()
        self.anchor = self.today
        self.filters = Filters()
        self.with_holidays = False
        self.period: CalendarPeriod | None = None
        self._ready_sent = False
        self._client_buttons: dict[int, QToolButton] = {}
        #: The status and channel menus: facet → (button, its text, its checkable actions).
        self._facets: dict[str, tuple[QToolButton, str, list[QAction]]] = {}
        self._cache: OrderedDict[PeriodKey, CalendarPeriod] = OrderedDict()
        self._prefetching: set[PeriodKey] = set()
        self._generation = 0

        self.month_view = GridView(rows=6)
        self.week_view = GridView(rows=1)
        self.agenda_view = AgendaView()
        self.stack = QStackedWidget()
        for view in (self.month_view, self.week_view, self.agenda_view):
            self.stack.addWidget(view)
            view.open_requested.connect(self.open_requested)
            view.campaign_menu_requested.connect(self.campaign_menu_requested)
        for grid in (self.month_view, self.week_view):
            grid.day_reader = self._read_day
            grid.capacity_grew.connect(self.refresh)
            grid.new_requested.connect(self.new_requested)
            grid.reschedule_requested.connect(self.reschedule_requested)
            grid.painted.connect(self._on_painted)
            grid.week_requested.connect(self.show_week_of)

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.45)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setAccessibleName(self.tr("Displayed period"))

        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Go to today (T)"))
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setToolTip(self.tr("Previous period (Page Up)"))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next period (Page Down)"))
        self.today_button.clicked.connect(self.go_today)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))

        self.mode_buttons = QButtonGroup(self)
        modes = QHBoxLayout()
        modes.setSpacing(0)
        for mode, text in (
            (MONTH, self.tr("Month")),
            (WEEK, self.tr("Week")),
            (AGENDA, self.tr("Agenda")),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setChecked(mode == self.mode)
            button.setObjectName(f"mode-{mode}")
            self.mode_buttons.addButton(button)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            modes.addWidget(button)
            if mode == AGENDA:
                # The agenda reads whole days, which the first paint's read does not give.
                self.agenda_button = button
                button.setEnabled(ops is not None)

        self.status_button = self._filter_button(
            self.tr("Status"),
            [(s, status_label(s)) for s in CampaignStatus],
            "statuses",
        )
        self.channel_button = self._filter_button(
            self.tr("Channel"), [(c, channel_label(c)) for c in Channel], "channels"
        )

        top = QHBoxLayout()
        top.addWidget(self.today_button)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addSpacing(12)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.status_button)
        top.addWidget(self.channel_button)
        top.addSpacing(12)
        top.addLayout(modes)

        self.legend = QHBoxLayout()
        self.legend.setSpacing(4)
        legend_label = QLabel(self.tr("Clients:"))
        self.legend.addWidget(legend_label)
        self.manage_clients = QToolButton()
        self.manage_clients.setText(self.tr("Manage clients…"))
        self.manage_clients.setAutoRaise(True)
        self.manage_clients.setToolTip(
            self.tr("Add, edit or archive clients, their segments and contacts (Ctrl+Shift+K)")
        )
        self.manage_clients.clicked.connect(lambda: self.clients_requested.emit(None))
        self.legend.addWidget(self.manage_clients)
        self.legend_end = QLabel()
        self.legend.addWidget(self.legend_end, 1)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.legend.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addLayout(self.legend)
        layout.addWidget(self.stack, 1)

        if ops is not None:
            ops.changed.connect(self._on_changed)
        self.reload_clients()
        self.refresh()

    def attach(self, ops: Operations) -> None:
        """The workspace is open: read through it from now on (what the first paint read is
        kept: the same read, by the same code), and read the neighbouring periods ahead."""
        self.ops = ops
        self._first_paint = None
        self.agenda_button.setEnabled(True)
        ops.changed.connect(self._on_changed)
        QTimer.singleShot(0, self._prefetch_neighbours)

    # -- filters ------------------------------------------------------------------------------

    def _filter_button(self, text: str, choices: list, facet: str) -> QToolButton:  # type: ignore[type-arg]
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        actions: list[QAction] = []
        for value, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(True)
            action.setData(value)
            actions.append(action)

        def apply() -> None:
            chosen = frozenset(a.data() for a in actions if a.isChecked())
            everything = len(chosen) == len(actions)
            self._label_facet(facet)
            kwargs = {facet: None if everything else chosen}
            self.set_filters(
                Filters(
                    client_ids=self.filters.client_ids,
                    statuses=kwargs.get("statuses", self.filters.statuses),
                    channels=kwargs.get("channels", self.filters.channels),
                )
            )

        for action in actions:
            action.toggled.connect(apply)
        menu.addSeparator()
        show_all = menu.addAction(self.tr("Show all"))
        show_all.triggered.connect(lambda: [a.setChecked(True) for a in actions])
        button.setMenu(menu)
        self._facets[facet] = (button, text, actions)
        return button

    def _label_facet(self, facet: str) -> None:
        """ "Status" when nothing is filtered, "Status (2)" when two statuses are shown."""
        button, text, actions = self._facets[facet]
        chosen = sum(1 for a in actions if a.isChecked())
        button.setText(text if chosen == len(actions) else f"{text} ({chosen})")

    def restore_filters(self, filters: Filters) -> None:
        """Show ``filters`` (remembered from the last session) in the legend's client buttons
        and the status and channel menus, then apply them once. A client that no longer
        exists is forgotten; a set that covers every client means no filter."""
        known = set(self._client_buttons)
        client_ids = None
        if filters.client_ids is not None:
            shown = frozenset(filters.client_ids) & known
            client_ids = None if shown == known else shown
        for client_id, button in self._client_buttons.items():
            button.blockSignals(True)
            button.setChecked(client_ids is None or client_id in client_ids)
            button.blockSignals(False)
        chosen: dict[str, frozenset | None] = {}  # type: ignore[type-arg]
        for facet, values in (("statuses", filters.statuses), ("channels", filters.channels)):
            _button, _text, actions = self._facets[facet]
            kept = None if values is None else frozenset(a.data() for a in actions) & values
            if kept is not None and len(kept) == len(actions):
                kept = None
            for action in actions:
                action.blockSignals(True)
                action.setChecked(kept is None or action.data() in kept)
                action.blockSignals(False)
            self._label_facet(facet)
            chosen[facet] = kept
        self.set_filters(
            Filters(client_ids=client_ids, statuses=chosen["statuses"], channels=chosen["channels"])
        )

    def reload_clients(self) -> None:
        for button in self._client_buttons.values():
            button.deleteLater()
        self._client_buttons = {}
        infos: list[ClientInfo]
        if self.ops is None:
            assert self._first_paint is not None
            infos = self._first_paint.clients()
        else:
            from crmdesk.core import clients

            infos = self.ops.read(clients.list_clients)
        for position, info in enumerate(infos):
            button = QToolButton()
            button.setText(info.name)
            button.setIcon(colour_icon(info.colour))
            button.setIconSize(QSize(10, 10))
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(self.tr("Show or hide the campaigns of %1").replace("%1", info.name))
            button.toggled.connect(self._client_filter_changed)
            # Right-click: the client's card, to change its colour, cap or contacts.
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            button.customContextMenuRequested.connect(
                lambda _pos, cid=info.id: self.clients_requested.emit(cid)
            )
            self.legend.insertWidget(1 + position, button)
            self._client_buttons[info.id] = button

    def _client_filter_changed(self) -> None:
        shown = frozenset(cid for cid, b in self._client_buttons.items() if b.isChecked())
        everything = len(shown) == len(self._client_buttons)
        self.set_filters(
            Filters(
                client_ids=None if everything else shown,
                statuses=self.filters.statuses,
                channels=self.filters.channels,
            )
        )

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refresh()

    # -- navigation ---------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        for button in self.mode_buttons.buttons():
            button.setChecked(button.objectName() == f"mode-{mode}")
        self.stack.setCurrentWidget(self.current_view())
        self.refresh()
        self.current_view().setFocus()

    def current_view(self) -> QWidget:
        return {MONTH: self.month_view, WEEK: self.week_view, AGENDA: self.agenda_view}[self.mode]

    def go_today(self) -> None:
        self.today = date.today()
        self.anchor = self.today
        self.month_view.selected_day = self.week_view.selected_day = self.today
        self.refresh()

    def show_week_of(self, day: date) -> None:
        """The week view on ``day`` (from a crowded day's popup): its campaigns in full."""
        self.anchor = day
        self.week_view.selected_day = self.month_view.selected_day = day
        self.set_mode(WEEK)

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    def _neighbour_anchor(self, direction: int) -> date:
        if self.mode == WEEK:
            return self.anchor + timedelta(days=7 * direction)
        return add_months(self.anchor, direction)

    def step(self, direction: int) -> None:
        self.anchor = self._neighbour_anchor(direction)
        self.refresh()

    def bounds(self, anchor: date | None = None) -> tuple[date, date]:
        anchor = anchor or self.anchor
        if self.mode == MONTH:
            return calendar_values.month_grid(anchor.year, anchor.month)
        if self.mode == WEEK:
            return calendar_values.week_of(anchor)
        first = anchor.replace(day=1)
        return first, add_months(first, 1) - timedelta(days=1)

    def _key(self, start: date, end: date) -> PeriodKey:
        per_day = None
        if self.mode in (MONTH, WEEK):
            grid = self.month_view if self.mode == MONTH else self.week_view
            per_day = read_size(grid.capacity())
        return (start, end, self.filters, self.with_holidays, QLocale().name()[:2], per_day)

    def _fetch(self, key: PeriodKey) -> CalendarPeriod:
        start, end, filters, with_holidays, language, per_day = key
        if self.ops is None:
            assert self._first_paint is not None and per_day is not None
            return self._first_paint.period(
                start,
                end,
                filters,
                per_day,
                with_holidays=with_holidays,
                language=language,
                today=self.today,
            )
        from crmdesk.core import calendar

        return self.ops.read(
            calendar.period,
            start,
            end,
            filters,
            with_holidays=with_holidays,
            language=language,
            today=self.today,
            per_day=per_day,
        )

    def _read_day(self, day: date) -> CalendarPeriod:
        """All of one day, for the "+N more" popup of a grid that read only what it shows."""
        # A visible read as large as any day: every campaign and open deadline of this day
        # only, without the full read's weeks of margin for deadlines.
        key = (day, day, self.filters, self.with_holidays, QLocale().name()[:2], ALL_OF_A_DAY)
        return self._fetch(key)

    def _keep(self, key: PeriodKey, period: CalendarPeriod) -> None:
        self._cache[key] = period
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def refresh(self) -> None:
        start, end = self.bounds()
        key = self._key(start, end)
        period = self._cache.get(key)
        self.period = period if period is not None else self._fetch(key)
        self._keep(key, self.period)
        per_day = key[-1]
        QTimer.singleShot(0, self._prefetch_neighbours)
        locale = QLocale()
        if self.mode == WEEK:
            self.title.setText(
                self.tr("Week %1 · %2 – %3")
                .replace("%1", str(start.isocalendar().week))
                .replace("%2", locale.toString(QDate(start), "d MMM"))
                .replace("%3", locale.toString(QDate(end), "d MMM yyyy"))
            )
            self.week_view.set_period(start, self.period, None, self.today, per_day)
        else:
            month_name = locale.standaloneMonthName(
                self.anchor.month, QLocale.FormatType.LongFormat
            )
            self.title.setText(f"{month_name.capitalize()} {self.anchor.year}")
            if self.mode == MONTH:
                self.month_view.set_period(
                    start, self.period, self.anchor.month, self.today, per_day
                )
            else:
                self.agenda_view.agenda.set_entries(self.period.entries)
                self._on_painted()
        days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        in_month = [
            self.period.count_on(day)
            for day in days
            if self.mode == WEEK or day.month == self.anchor.month
        ]
        warnings = sum(counts.warned for counts in in_month)
        text = self.tr("%n campaign(s)", "", sum(counts.entries for counts in in_month))
        if warnings:
            text += " · ⚠ " + self.tr("%n over pressure cap", "", warnings)
        self.summary.setText(text)

    def selected_campaign_id(self) -> int | None:
        if self.mode == AGENDA:
            return self.agenda_view.selected_id()
        view = self.month_view if self.mode == MONTH else self.week_view
        return view.selected_id

    def selected_day(self) -> date:
        view = self.week_view if self.mode == WEEK else self.month_view
        return view.selected_day

    def show_campaign(self, campaign_id: int, day: date) -> None:
        """Bring a campaign into view and select it (from the cockpit or after an edit)."""
        first, last = self.bounds()
        if not first <= day <= last:
            self.anchor = day
            self.refresh()
        if self.mode in (MONTH, WEEK):
            view = self.month_view if self.mode == MONTH else self.week_view
            view.select_campaign(campaign_id)

    # -- reactions ----------------------------------------------------------------------------

    def _prefetch_neighbours(self) -> None:
        """Read the previous and next periods on the worker while the user looks at this one,
        so Page Up / Page Down only paint. Not before the workspace is open (``attach``)."""
        if self.ops is None:
            return
        from crmdesk.core import calendar

        for direction in (1, -1):
            anchor = self._neighbour_anchor(direction)
            key = self._key(*self.bounds(anchor))
            if key in self._cache or key in self._prefetching:
                continue
            self._prefetching.add(key)
            generation = self._generation

            def store(
                period: CalendarPeriod | None, key: PeriodKey = key, gen: int = generation
            ) -> None:
                self._prefetching.discard(key)
                if period is not None and gen == self._generation and key not in self._cache:
                    self._keep(key, period)

            start, end, filters, with_holidays, language, per_day = key
            self.ops.read_in_background(
                calendar.period,
                start,
                end,
                filters,
                with_holidays=with_holidays,
                language=language,
                today=self.today,
                per_day=per_day,
                on_done=store,
            )

    def reload(self) -> None:
        """Forget what was read and read again (after a change, or F5)."""
        self._generation += 1  # a read begun before this must not be cached
        self._cache.clear()
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.clients:
            self.reload_clients()
        # The grid shows the campaigns, their clients' colours and the overdue checklist items;
        # BAT, stats and brief events tick checklist items too (the chain), so they count.
        if (
            changes.campaigns
            or changes.clients
            or changes.checklist
            or changes.bat
            or changes.stats
            or changes.brief
        ):
            self.reload()

    @property
    def has_painted(self) -> bool:
        """True once the first period was shown (and ``ready`` sent)."""
        return self._ready_sent

    def _on_painted(self) -> None:
        if self._ready_sent:
            return
        self._ready_sent = True
        self.ready.emit()
        QTimer.singleShot(0, self._load_holidays)

    def _load_holidays(self) -> None:
        """Add the holidays to what is on screen (no second read), then read with them."""
        self.with_holidays = True
        if self.period is not None:
            start, end = self.bounds()
            self._cache[self._key(start, end)] = calendar_values.add_holidays(
                self.period, QLocale().name()[:2]
            )
        self.refresh()
