"""The visible read (``core.quickread``, what a grid paints) against the full read, and the
pressure flags kept on write against the counting they replace.

A grid shows the first campaigns and open deadlines of each day and "+N more"; the visible
read must give exactly those, with the same badges, and the same totals, or the calendar
would show a campaign, a warning or a count the full read does not. The window's first paint
reads the same way through a bare ``sqlite3`` connection of its own, before SQLAlchemy loads:
that read is held to the full one too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from crmdesk.core import calendar, campaigns, clients, markers, pressure, quickread
from crmdesk.core.calendar import CalendarPeriod, Filters
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, CampaignType, Channel
from crmdesk.core.quickread import first_paint_connection, visible_period
from tests.conftest import plan

TODAY = date(2026, 11, 23)  # the demo's today
EVERYTHING = Filters()

#: March and October: the clocks change; May and November: public holidays; December: busy
#: weeks over the cap, today's month.
MONTHS = [(2026, 3), (2026, 5), (2026, 10), (2026, 11), (2026, 12), (2027, 1)]

BLACKOUT = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:sales-2026
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261128
SUMMARY:Soldes priv\xc3\xa9es
END:VEVENT
END:VCALENDAR
"""

#: Every client's Friday freeze from October to January (a recurring blackout, one date
#: moved to the Thursday), and a fair of one client over two days (timed, no blackout).
FRIDAY_FREEZE = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:freeze
DTSTART;VALUE=DATE:20261002
RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20270129
SUMMARY:Gel des envois
END:VEVENT
BEGIN:VEVENT
UID:freeze
RECURRENCE-ID;VALUE=DATE:20261225
DTSTART;VALUE=DATE:20261224
SUMMARY:Gel de No\xc3\xabl
END:VEVENT
END:VCALENDAR
"""
FAIR = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:fair-2026
DTSTART:20261209T080000Z
DTEND:20261210T170000Z
SUMMARY:Salon E-commerce
LOCATION:Paris Expo
END:VEVENT
END:VCALENDAR
"""


def reads(
    workspace: Workspace, start: date, end: date, per_day: int, filters: Filters = EVERYTHING
) -> tuple[CalendarPeriod, CalendarPeriod]:
    """The full read cut to ``per_day`` items a day, and the visible read."""
    with workspace.reader() as session:
        full = calendar.period(session, start, end, filters, today=TODAY)
        shown = calendar.period(session, start, end, filters, today=TODAY, per_day=per_day)
    return calendar.visible(full, per_day), shown


def assert_same(expected: CalendarPeriod, found: CalendarPeriod) -> None:
    # Field by field first, so a failure names what differs.
    assert found.by_day == expected.by_day
    assert found.deadlines_by_day == expected.deadlines_by_day
    assert found.counts == expected.counts
    assert found.holidays == expected.holidays
    assert found.markers == expected.markers
    assert found == expected


@pytest.fixture
def lived_in(demo_workspace: Workspace) -> Workspace:
    """The demo, with what it lacks: a blackout marker, sends on another clock whose local day
    is not the UTC one, an automation, and a client whose cap its weeks go over."""
    with demo_workspace.session() as session:
        client_id = clients.list_clients(session)[0].id
        segment_id = clients.list_segments(session, client_id)[0].id
        markers.import_ics(session, BLACKOUT, source="soldes.ics", client_id=client_id)
        markers.import_ics(session, FRIDAY_FREEZE, source="gel.ics")
        other_id = clients.list_clients(session)[1].id
        markers.import_ics(session, FAIR, source="salon.ics", client_id=other_id, blackout=False)
    for day, at, zone in (
        (date(2026, 11, 25), time(23, 30), "America/New_York"),  # the 26th in UTC
        (date(2026, 11, 26), time(0, 30), "Asia/Tokyo"),  # the 25th in UTC
        (date(2026, 3, 29), time(0, 30), "Europe/Paris"),  # the 28th in UTC, the clocks change
        (date(2026, 10, 25), time(0, 30), "Europe/Paris"),  # and change back
    ):
        for number in range(3):
            plan(
                demo_workspace,
                client_id,
                day,
                name=f"Flash {zone} {number}",
                at=at,
                timezone=zone,
                segment_ids=(segment_id,),
            )
    plan(
        demo_workspace,
        client_id,
        date(2026, 12, 2),
        name="Welcome flow",
        type=CampaignType.AUTOMATION,
    )
    return demo_workspace


@pytest.mark.parametrize("per_day", [1, 4, 9])
@pytest.mark.parametrize(("year", "month"), MONTHS)
@pytest.mark.sqlite_only(reason="the first paint reads a workspace file with sqlite3")
def test_a_month_grid_reads_what_the_full_read_shows(
    lived_in: Workspace, year: int, month: int, per_day: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    used = []
    real = quickread.visible_rows
    monkeypatch.setattr(quickread, "visible_rows", lambda *a, **k: used.append(1) or real(*a, **k))
    start, end = calendar.month_grid(year, month)
    expected, found = reads(lived_in, start, end, per_day)
    assert used, "the SQLite visible read was not the one used"
    assert_same(expected, found)
    if (year, month) == (2026, 12) and per_day == 1:
        # What makes the comparison mean something: crowded days, warnings, open deadlines.
        assert any(c.entries > per_day for c in found.counts.values())
        assert any(e.pressure for e in found.entries)
        assert any(c.open_deadlines for c in found.counts.values())


def test_the_badges_of_the_visible_read(lived_in: Workspace) -> None:
    expected, found = reads(lived_in, *calendar.month_grid(2026, 11), 30)
    assert_same(expected, found)
    week = [e for e in found.entries if date(2026, 11, 25) <= e.day <= date(2026, 11, 27)]
    assert any(e.blackout == "Soldes privées" for e in week)
    tokyo = [e for e in found.entries if e.name.startswith("Flash Asia/Tokyo")]
    assert tokyo and all(e.day == date(2026, 11, 26) for e in tokyo)
    assert found.holidays[date(2026, 11, 11)]
    assert any(e.holiday for e in found.by_day.get(date(2026, 11, 11), ()))


@pytest.mark.parametrize(
    "filters",
    [
        Filters(statuses=frozenset({CampaignStatus.BRIEF, CampaignStatus.BAT})),
        Filters(channels=frozenset({Channel.SMS})),
        Filters(client_ids=frozenset()),
    ],
    ids=["statuses", "channel", "no-client"],
)
def test_the_filters_of_the_visible_read(lived_in: Workspace, filters: Filters) -> None:
    assert_same(*reads(lived_in, *calendar.month_grid(2026, 12), 5, filters))


def test_a_client_and_segment_filter(lived_in: Workspace) -> None:
    with lived_in.reader() as session:
        client_id = clients.list_clients(session)[1].id
        segment_id = clients.list_segments(session, client_id)[0].id
    filters = Filters(client_ids=frozenset({client_id}), segment_ids=frozenset({segment_id}))
    expected, found = reads(lived_in, *calendar.month_grid(2026, 12), 3, filters)
    assert found.entries and {e.client_id for e in found.entries} == {client_id}
    assert_same(expected, found)


# --- the pressure flags ----------------------------------------------------------------------


def flags_hold(workspace: Workspace) -> dict[int, list[pressure.PressureAlert]]:
    """The flags read, after checking them, and the day totals, against the counting they
    replace."""
    for first in (date(2026, 11, 16), date(2026, 11, 30)):
        assert_same(*reads(workspace, first, first + timedelta(days=13), 1))
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 6, 1, tzinfo=UTC)
    with workspace.reader() as session:
        kept = pressure.pressure_alerts(session, start, end)
        counted = pressure.counted_alerts(session, start, end)
    assert kept == {cid: alerts for cid, alerts in counted.items() if cid in kept}
    assert set(counted) - set(kept) <= outside(workspace, set(counted) - set(kept), start, end)
    return kept


def outside(workspace: Workspace, ids: set[int], start: datetime, end: datetime) -> set[int]:
    """Those of ``ids`` sent out of ``start``…``end``: the counting also warns them."""
    with workspace.reader() as session:
        return {
            cid
            for cid in ids
            if not start - timedelta(days=1)
            <= campaigns.get_campaign(session, cid).planned_send_at
            < end + timedelta(days=1)
        }


def test_the_flags_follow_every_write(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    monday = date(2026, 11, 23)
    ids = [
        plan(
            workspace,
            client_id,
            monday + timedelta(days=n),
            name=f"N{n}",
            segment_ids=(segment_ids[0],),
        )
        for n in range(3)
    ]
    assert set(flags_hold(workspace)) == set(ids)  # three sends, a cap of two

    with workspace.session() as session:  # moved to next week: nobody is over
        campaigns.reschedule(session, ids[2], monday + timedelta(days=7))
    assert flags_hold(workspace) == {}

    with workspace.session() as session:  # the cap lowered to one: both weeks are over
        data = clients.client_input(session, client_id)
        clients.update_client(session, client_id, replace(data, pressure_cap=1))
    assert set(flags_hold(workspace)) == set(ids[:2])

    with workspace.session() as session:  # deleted, then brought back (undo)
        snap, _ = campaigns.delete_campaign(session, ids[0])
    assert flags_hold(workspace) == {}
    with workspace.session() as session:
        campaigns.restore(session, snap)
    assert set(flags_hold(workspace)) == set(ids[:2])

    with workspace.session() as session:  # the segment changed on one of them
        data = campaigns.load(session, ids[1])
        campaigns.update(session, ids[1], replace(data, segment_ids=(segment_ids[1],)))
    assert flags_hold(workspace) == {}


def test_a_write_reads_its_own_warnings_before_it_commits(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    monday = date(2026, 11, 23)
    for n in range(2):
        plan(
            workspace,
            client_id,
            monday + timedelta(days=n),
            name=f"N{n}",
            segment_ids=(segment_ids[0],),
        )
    with workspace.session() as session:
        new_id, _ = campaigns.create(
            session,
            campaigns.CampaignInput(
                client_id=client_id,
                name="Third",
                send_date=monday + timedelta(days=2),
                send_time=time(10),
                segment_ids=(segment_ids[0],),
            ),
        )
        found = calendar.period(session, monday, monday + timedelta(days=6), per_day=2)
        assert found.count_on(monday + timedelta(days=2)).warned == 1
        assert found.by_day[monday + timedelta(days=2)][0].pressure


def test_a_whole_day_read_for_the_more_popup(lived_in: Workspace) -> None:
    """The "+N more" popup reads one day with no limit: all of it, as the full read has it."""
    for day in (date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 11)):
        with lived_in.reader() as session:
            full = calendar.period(session, day, day, today=TODAY)
            whole = calendar.period(session, day, day, today=TODAY, per_day=1_000_000)
        assert whole.by_day == full.by_day
        assert whole.open_deadlines_on(day) == full.open_deadlines_on(day)
        assert whole.count_on(day) == full.count_on(day)
        assert full.by_day.get(day) or full.open_deadlines_on(day)


# --- the first paint: a bare sqlite3 connection ----------------------------------------------


def first_paint(
    workspace: Workspace, start: date, end: date, per_day: int, filters: Filters = EVERYTHING
) -> CalendarPeriod:
    """What the window paints first: the period read through a connection of its own."""
    connection = first_paint_connection(workspace.path)
    assert connection is not None, "the first paint did not read the workspace file"
    try:
        return visible_period(
            connection,
            start,
            end,
            filters,
            per_day,
            with_holidays=True,
            language="fr",
            today=TODAY,
        )
    finally:
        connection.close()


@pytest.mark.sqlite_only(reason="the first paint reads a workspace file with sqlite3")
@pytest.mark.parametrize("per_day", [1, 5])
@pytest.mark.parametrize(("year", "month"), MONTHS)
def test_the_first_paint_shows_what_the_full_read_shows(
    lived_in: Workspace, year: int, month: int, per_day: int
) -> None:
    start, end = calendar.month_grid(year, month)
    expected, through_the_session = reads(lived_in, start, end, per_day)
    found = first_paint(lived_in, start, end, per_day)
    assert_same(expected, found)
    assert found == through_the_session
    if (year, month) == (2026, 12):
        # What makes the comparison mean something: the recurring freeze, its moved date and
        # the fair are there, and the freeze warns the Friday sends.
        days = {m.summary: day for day, shown in found.markers.items() for m in shown}
        assert days["Gel des envois"].weekday() == 4
        assert days["Gel de Noël"] == date(2026, 12, 24)
        assert days["Salon E-commerce"] in (date(2026, 12, 9), date(2026, 12, 10))
        assert any(e.blackout == "Gel des envois" for e in found.entries)


@pytest.mark.sqlite_only(reason="the first paint reads a workspace file with sqlite3")
def test_the_first_paint_of_the_busy_month_shows_its_warnings_and_sends_abroad(
    lived_in: Workspace,
) -> None:
    found = first_paint(lived_in, *calendar.month_grid(2026, 11), 30)
    assert_same(reads(lived_in, *calendar.month_grid(2026, 11), 30)[0], found)
    tokyo = [e for e in found.entries if e.name.startswith("Flash Asia/Tokyo")]
    assert tokyo and all(e.day == date(2026, 11, 26) for e in tokyo)
    new_york = [e for e in found.entries if e.name.startswith("Flash America/New_York")]
    assert new_york and all(e.day == date(2026, 11, 25) for e in new_york)
    assert any(e.blackout == "Soldes privées" for e in found.entries)
    december = first_paint(lived_in, *calendar.month_grid(2026, 12), 1)
    assert any(e.pressure for e in december.entries)
    assert any(c.entries > 1 for c in december.counts.values())


@pytest.mark.sqlite_only(reason="the first paint reads a workspace file with sqlite3")
def test_the_first_paint_with_the_saved_filters(lived_in: Workspace) -> None:
    with lived_in.reader() as session:
        client_id = clients.list_clients(session)[1].id
        segment_id = clients.list_segments(session, client_id)[0].id
    for filters in (
        Filters(client_ids=frozenset({client_id})),
        Filters(client_ids=frozenset({client_id}), segment_ids=frozenset({segment_id})),
        Filters(statuses=frozenset({CampaignStatus.BRIEF, CampaignStatus.BAT})),
        Filters(channels=frozenset({Channel.SMS})),
        Filters(client_ids=frozenset()),
    ):
        grid = calendar.month_grid(2026, 12)
        expected, _ = reads(lived_in, *grid, 3, filters)
        assert_same(expected, first_paint(lived_in, *grid, 3, filters))
