"""Calendar markers from .ics files: real files in, what the calendar shows out."""

from __future__ import annotations

import re
import subprocess
import sys
import time as clock
from datetime import UTC, date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crmdesk.core import calendar, clients, ical, markers
from crmdesk.core.calendar import Filters
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound
from crmdesk.core.ical import IcsRefused
from crmdesk.core.models import CalendarMarker
from tests.conftest import corpus_params, plan

PARIS_OFFSET_WINTER = timedelta(hours=1)
PARIS_OFFSET_SUMMER = timedelta(hours=2)


def ics(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
        f"{head}{body}END:VCALENDAR\r\n"
    ).encode()


def lines(*items: str) -> str:
    return "\r\n".join(items)


def count(workspace: Workspace) -> int:
    with workspace.reader() as session:
        return int(session.scalar(select(func.count()).select_from(CalendarMarker)) or 0)


def load(
    workspace: Workspace, data: bytes, source: str = "client.ics", **kw: object
) -> markers.IcsImport:
    with workspace.session() as session:
        return markers.import_ics(session, data, source=source, **kw)  # type: ignore[arg-type]


def between(
    workspace: Workspace, start: date, end: date, client_ids: set[int] | None = None
) -> dict[date, list[markers.Marker]]:
    with workspace.reader() as session:
        return markers.markers_between(session, start, end, client_ids=client_ids)


def summaries(found: dict[date, list[markers.Marker]]) -> dict[date, list[str]]:
    return {day: [m.summary for m in day_markers] for day, day_markers in sorted(found.items())}


# -- the real-world corpus ----------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_params("*/*.ics", within="ics"))
def test_every_corpus_file_gives_markers_or_a_clear_refusal_and_nothing_on_refusal(
    workspace: Workspace, path: Path
) -> None:
    data = path.read_bytes()
    try:
        result = load(workspace, data, source=path.name)
    except IcsRefused as refused:
        assert refused.message.startswith(path.name + ":")
        assert "nothing was imported" in refused.message.lower()
        assert count(workspace) == 0
        return
    assert result.added + len(result.skipped) >= 1
    assert count(workspace) == result.added
    assert all(reason.startswith("Event ") and reason.endswith(".") for reason in result.skipped)
    with workspace.reader() as session:
        rows = markers.list_markers(session)
    assert len(rows) == result.added
    for row in rows:  # each marker is on the calendar on its first day
        assert row.starts_on <= row.ends_on
        shown = between(workspace, row.starts_on, row.starts_on)
        if not row.recurring:
            assert row.id in {m.id for m in shown.get(row.starts_on, [])}, row
    again = load(workspace, data, source=path.name)
    assert again.added == 0 and again.updated == 0
    assert again.unchanged == result.added
    assert count(workspace) == result.added


# -- export, import, export ---------------------------------------------------------------------


def test_a_plan_exported_imported_and_exported_again_is_the_same_apart_from_dtstamp(
    workspace: Workspace, client_id: int
) -> None:
    plan(workspace, client_id, date(2026, 3, 31), name="Printemps", at=time(9, 30))
    plan(workspace, client_id, date(2026, 10, 27), name="Halloween", at=time(9, 30))
    with workspace.reader() as session:
        first = ical.export_plan_ics(session, client_id, None, None)

    result = load(workspace, first, source="plan.ics", client_id=client_id, blackout=False)
    twice = load(workspace, first, source="plan.ics", client_id=client_id, blackout=False)
    with workspace.reader() as session:
        second = ical.export_plan_ics(session, client_id, None, None)

    stamp = re.compile(rb"DTSTAMP:[^\r\n]*\r\n")
    assert stamp.sub(b"", first) == stamp.sub(b"", second)
    assert (result.added, result.updated, result.skipped) == (6, 0, ())
    assert (twice.added, twice.updated, twice.unchanged) == (0, 0, 6)
    assert count(workspace) == 6
    shown = summaries(between(workspace, date(2026, 3, 27), date(2026, 3, 31)))
    assert shown[date(2026, 3, 31)] == ["Printemps"]
    assert shown[date(2026, 3, 27)] == ["BAT – Printemps"]
    send = between(workspace, date(2026, 3, 31), date(2026, 3, 31))[date(2026, 3, 31)][0]
    assert send.start_at is not None and send.start_at.time() == time(9, 30)
    assert not send.all_day and not send.blackout


def test_a_changed_event_is_updated_and_a_removed_one_is_kept(workspace: Workspace) -> None:
    fair = lines("UID:fair@client", "SUMMARY:Salon", "DTSTART;VALUE=DATE:20270302")
    sale = lines("UID:sale@client", "SUMMARY:Soldes", "DTSTART;VALUE=DATE:20270110")
    load(workspace, ics(fair, sale))

    renamed = load(workspace, ics(fair.replace("Salon", "Salon du livre")))

    assert (renamed.added, renamed.updated, renamed.unchanged) == (0, 1, 0)
    shown = summaries(between(workspace, date(2027, 1, 1), date(2027, 3, 31)))
    assert shown == {date(2027, 1, 10): ["Soldes"], date(2027, 3, 2): ["Salon du livre"]}


def test_the_same_uid_for_two_clients_gives_two_markers(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.session() as session:
        other, _ = clients.create_client(session, "Vélos Martin")
    fair = ics(lines("UID:fair@x", "SUMMARY:Salon", "DTSTART;VALUE=DATE:20270302"))

    load(workspace, fair, client_id=client_id)
    load(workspace, fair, client_id=other)
    load(workspace, fair)

    assert count(workspace) == 3
    mine = between(workspace, date(2027, 3, 2), date(2027, 3, 2), {client_id})
    assert sorted((m.client_id or 0) for m in mine[date(2027, 3, 2)]) == [0, client_id]


# -- days, times and zones ----------------------------------------------------------------------


def test_a_three_day_fair_covers_three_days_its_dtend_being_exclusive(
    workspace: Workspace,
) -> None:
    load(
        workspace,
        ics(
            lines("UID:f", "SUMMARY:Salon", "LOCATION:Paris Expo", "DTSTART;VALUE=DATE:20270301",
                  "DTEND;VALUE=DATE:20270304"),
            lines("UID:d", "SUMMARY:Inventaire", "DTSTART;VALUE=DATE:20270310", "DURATION:P2D"),
        ),
    )  # fmt: skip

    shown = between(workspace, date(2027, 3, 1), date(2027, 3, 31))

    assert sorted(shown) == [date(2027, 3, d) for d in (1, 2, 3, 10, 11)]
    assert {m.location for m in shown[date(2027, 3, 2)]} == {"Paris Expo"}
    assert all(m.all_day and m.start_at is None for ms in shown.values() for m in ms)
    with workspace.reader() as session:
        rows = {r.summary: r for r in markers.list_markers(session)}
    assert (rows["Salon"].starts_on, rows["Salon"].ends_on) == (date(2027, 3, 1), date(2027, 3, 3))


def test_a_timed_event_falls_on_its_day_on_the_calendars_clock(workspace: Workspace) -> None:
    load(
        workspace,
        ics(
            # 23:30 in New York is 05:30 the next morning in Paris.
            lines("UID:ny", "SUMMARY:Launch NY", "DTSTART;TZID=America/New_York:20270115T233000",
                  "DURATION:PT1H"),
            lines("UID:utc", "SUMMARY:Webinar", "DTSTART:20270120T080000Z",
                  "DTEND:20270120T090000Z"),
        ),
    )  # fmt: skip

    shown = between(workspace, date(2027, 1, 1), date(2027, 1, 31))

    launch = shown[date(2027, 1, 16)][0]
    assert launch.summary == "Launch NY" and date(2027, 1, 15) not in shown
    assert launch.start_at is not None and launch.start_at.time() == time(5, 30)
    webinar = shown[date(2027, 1, 20)][0]
    assert webinar.start_at is not None and webinar.end_at is not None
    assert (webinar.start_at.time(), webinar.end_at.time()) == (time(9), time(10))


def test_an_unknown_tzid_is_taken_on_the_workspaces_clock(workspace: Workspace) -> None:
    result = load(
        workspace,
        ics(lines("UID:m", "SUMMARY:Réunion", "DTSTART;TZID=Mars/Olympus:20270204T090000",
                  "DTEND;TZID=Mars/Olympus:20270204T100000")),
    )  # fmt: skip

    meeting = between(workspace, date(2027, 2, 4), date(2027, 2, 4))[date(2027, 2, 4)][0]
    assert result.skipped == ()
    assert meeting.start_at is not None
    assert meeting.start_at.time() == time(9)
    assert meeting.start_at.utcoffset() == PARIS_OFFSET_WINTER


def test_a_weekly_event_with_an_exdate_is_expanded_over_the_month_only(
    workspace: Workspace,
) -> None:
    load(
        workspace,
        ics(lines("UID:w", "SUMMARY:Comité", "DTSTART;VALUE=DATE:20260105",
                  "RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;VALUE=DATE:20260316")),
    )  # fmt: skip

    shown = between(workspace, date(2026, 3, 1), date(2026, 3, 31))

    assert sorted(shown) == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 23),
                             date(2026, 3, 30)]  # fmt: skip
    assert all(m.recurring for ms in shown.values() for m in ms)
    with workspace.reader() as session:
        (row,) = markers.list_markers(session)
    assert (row.starts_on, row.ends_on, row.recurring) == (date(2026, 1, 5), markers.ENDLESS, True)


def test_a_daily_nine_oclock_in_paris_stays_at_nine_across_the_spring_change(
    workspace: Workspace,
) -> None:
    load(
        workspace,
        ics(lines("UID:dst", "SUMMARY:Point", "DTSTART;TZID=Europe/Paris:20260323T090000",
                  "DTEND;TZID=Europe/Paris:20260323T093000", "RRULE:FREQ=DAILY;COUNT=14")),
    )  # fmt: skip

    shown = between(workspace, date(2026, 3, 1), date(2026, 3, 31))

    days = sorted(shown)
    assert days == [date(2026, 3, 23) + timedelta(days=n) for n in range(9)]
    before, after = shown[date(2026, 3, 28)][0], shown[date(2026, 3, 30)][0]
    assert before.start_at is not None and after.start_at is not None
    assert before.start_at.time() == after.start_at.time() == time(9)
    assert before.start_at.utcoffset() == PARIS_OFFSET_WINTER
    assert after.start_at.utcoffset() == PARIS_OFFSET_SUMMER
    assert after.start_at.astimezone(UTC).time() == time(7)
    with workspace.reader() as session:
        (row,) = markers.list_markers(session)
    assert row.ends_on == date(2026, 4, 5)  # COUNT=14 ends on the 14th occurrence


def test_until_rdate_and_a_moved_occurrence(workspace: Workspace) -> None:
    load(
        workspace,
        ics(
            lines("UID:u", "SUMMARY:Soldes", "DTSTART;VALUE=DATE:20270101",
                  "RRULE:FREQ=MONTHLY;UNTIL=20270301", "RDATE;VALUE=DATE:20270615"),
            lines("UID:u", "SUMMARY:Soldes (décalées)", "RECURRENCE-ID;VALUE=DATE:20270201",
                  "DTSTART;VALUE=DATE:20270203"),
        ),
    )  # fmt: skip

    shown = summaries(between(workspace, date(2027, 1, 1), date(2027, 12, 31)))

    assert shown == {
        date(2027, 1, 1): ["Soldes"],
        date(2027, 2, 3): ["Soldes (décalées)"],
        date(2027, 3, 1): ["Soldes"],
        date(2027, 6, 15): ["Soldes"],
    }
    with workspace.reader() as session:
        (row,) = markers.list_markers(session)
    assert (row.starts_on, row.ends_on) == (date(2027, 1, 1), date(2027, 6, 15))


# -- bad input ----------------------------------------------------------------------------------


def test_a_bad_date_skips_that_event_with_its_reason_and_keeps_the_others(
    workspace: Workspace,
) -> None:
    result = load(
        workspace,
        ics(
            lines("UID:bad", "SUMMARY:Mauvaise date", "DTSTART:2027-13-45"),
            lines("UID:none", "SUMMARY:Sans début"),
            lines("UID:ok", "SUMMARY:Bonne date", "DTSTART;VALUE=DATE:20270105"),
        ),
    )

    assert result.added == 1
    assert len(result.skipped) == 2
    assert "“Mauvaise date”" in result.skipped[0] and "2027-13-45" in result.skipped[0]
    assert "“Sans début”" in result.skipped[1] and "no start (DTSTART)" in result.skipped[1]


def test_an_event_without_uid_gets_a_stable_one(workspace: Workspace) -> None:
    data = ics(lines("SUMMARY:Fermeture", "DTSTART;VALUE=DATE:20270815"))

    first = load(workspace, data)
    second = load(workspace, data)

    assert (first.added, second.added, second.unchanged) == (1, 0, 1)
    with workspace.reader() as session:
        uid = session.scalar(select(CalendarMarker.uid))
    assert uid is not None and uid.startswith("derived-")


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda d: b"\xef\xbb\xbf" + d, id="bom"),
        pytest.param(lambda d: d.replace(b"\r\n", b"\r"), id="lone-cr"),
        pytest.param(lambda d: d.replace(b"\r\n", b"\n"), id="lf"),
    ],
)
def test_a_bom_or_other_line_endings_still_import(workspace: Workspace, transform: object) -> None:
    data = ics(lines("UID:x", "SUMMARY:Fermeture", "DTSTART;VALUE=DATE:20270815"))

    result = load(workspace, transform(data))  # type: ignore[operator]

    assert result.added == 1
    assert summaries(between(workspace, date(2027, 8, 1), date(2027, 8, 31))) == {
        date(2027, 8, 15): ["Fermeture"]
    }


def test_a_windows_1252_file_keeps_its_accents(workspace: Workspace) -> None:
    data = ics(lines("UID:x", "SUMMARY:Fête des pères", "DTSTART;VALUE=DATE:20270620"))

    load(workspace, data.decode().encode("cp1252"))

    assert summaries(between(workspace, date(2027, 6, 20), date(2027, 6, 20))) == {
        date(2027, 6, 20): ["Fête des pères"]
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), "binary", id="png"),
        pytest.param(b"Nom;Date\nSalon;2027-03-01\n", "not an iCalendar file", id="csv"),
        pytest.param(ics(), "no event", id="no-vevent"),
        pytest.param(
            b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "icalendar cannot read this file (END encountered without",
            id="broken",
        ),
    ],
)
def test_what_is_not_a_calendar_is_refused_naming_the_file(
    workspace: Workspace, data: bytes, expected: str
) -> None:
    with pytest.raises(IcsRefused) as refused:
        load(workspace, data, source="clients.ics")

    assert refused.value.message.startswith("clients.ics: ")
    assert expected in refused.value.message
    assert count(workspace) == 0


def test_a_ten_megabyte_file_is_refused_quickly_before_parsing(workspace: Workspace) -> None:
    event = lines("UID:{n}", "SUMMARY:Filler", "DTSTART;VALUE=DATE:20270101")
    data = ics(*(event.replace("{n}", str(n)) for n in range(100_000)))
    data += b" " * (10 * 2**20 - len(data))

    began = clock.perf_counter()
    with pytest.raises(IcsRefused) as refused:
        load(workspace, data, source="huge.ics")

    assert clock.perf_counter() - began < 0.5
    assert "10.0 MB" in refused.value.message and "over the 4 MB" in refused.value.message
    assert count(workspace) == 0


def test_an_unknown_client_is_refused(workspace: Workspace) -> None:
    with pytest.raises(NotFound):
        load(workspace, ics(lines("UID:x", "DTSTART;VALUE=DATE:20270101")), client_id=999)
    assert count(workspace) == 0


# -- the calendar and the marker list -----------------------------------------------------------


def test_a_send_on_a_blackout_day_of_its_client_or_of_all_is_warned(
    workspace: Workspace, client_id: int
) -> None:
    with workspace.session() as session:
        other, _ = clients.create_client(session, "Vélos Martin")
    plan(workspace, client_id, date(2027, 1, 12), name="Soldes J1")
    plan(workspace, other, date(2027, 1, 12), name="Vélos J1")
    plan(workspace, client_id, date(2027, 5, 1), name="Fête")
    plan(workspace, client_id, date(2027, 3, 2), name="Salon")
    load(
        workspace,
        ics(lines("UID:s", "SUMMARY:Soldes d'hiver", "DTSTART;VALUE=DATE:20270112")),
        client_id=client_id,
    )
    load(workspace, ics(lines("UID:m", "SUMMARY:Fermeture", "DTSTART;VALUE=DATE:20270501")))
    load(
        workspace,
        ics(lines("UID:f", "SUMMARY:Salon", "DTSTART;VALUE=DATE:20270302")),
        client_id=client_id,
        blackout=False,
    )

    with workspace.reader() as session:
        found = calendar.period(session, date(2027, 1, 1), date(2027, 5, 31))
        mine = calendar.period(
            session, date(2027, 1, 1), date(2027, 1, 31), Filters(client_ids=frozenset({other}))
        )

    warned = {e.name: e.blackout for e in found.entries}
    assert warned == {"Soldes J1": "Soldes d'hiver", "Vélos J1": None, "Fête": "Fermeture",
                      "Salon": None}  # fmt: skip
    assert [m.summary for m in found.markers[date(2027, 3, 2)]] == ["Salon"]
    assert mine.markers == {}  # the other client's view does not show this client's sales


def test_blackout_can_be_turned_off_and_markers_deleted_and_restored(
    workspace: Workspace, client_id: int
) -> None:
    plan(workspace, client_id, date(2027, 1, 12), name="Soldes J1")
    load(
        workspace,
        ics(
            lines("UID:s", "SUMMARY:Soldes", "DTSTART;VALUE=DATE:20270112"),
            lines("UID:t", "SUMMARY:Inventaire", "DTSTART;VALUE=DATE:20270113"),
        ),
        client_id=client_id,
    )
    with workspace.reader() as session:
        rows = markers.list_markers(session, client_id=client_id)
    assert [(r.summary, r.client, r.blackout, r.source) for r in rows] == [
        ("Soldes", "Éditions Lumière", True, "client.ics"),
        ("Inventaire", "Éditions Lumière", True, "client.ics"),
    ]

    with workspace.session() as session:
        assert markers.set_blackout(session, rows[0].id, False).markers
    with workspace.reader() as session:
        entry = calendar.period(session, date(2027, 1, 12), date(2027, 1, 12)).entries[0]
    assert entry.blackout is None

    with workspace.session() as session:
        deleted, changes = markers.delete_markers(session, [r.id for r in rows])
    assert changes.markers and count(workspace) == 0
    with workspace.session() as session:
        assert markers.undelete_markers(session, deleted).markers
    with workspace.reader() as session:
        again = markers.list_markers(session)
    assert [(r.id, r.summary, r.blackout) for r in again] == [
        (rows[0].id, "Soldes", False),
        (rows[1].id, "Inventaire", True),
    ]
    with workspace.session() as session, pytest.raises(NotFound):
        markers.set_blackout(session, 999, True)


def test_reading_a_period_without_recurring_markers_does_not_load_icalendar() -> None:
    probe = (
        "import sys, tempfile, pathlib\n"
        "from datetime import date\n"
        "from crmdesk.core.db import Workspace\n"
        "from crmdesk.core import calendar\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'w.sqlite'\n"
        "with Workspace.open(path) as ws, ws.reader() as s:\n"
        "    calendar.period(s, date(2027, 1, 1), date(2027, 1, 31))\n"
        "print(sorted(m for m in ('icalendar', 'recurring_ical_events') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
