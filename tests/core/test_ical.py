"""The client's plan as iCalendar: parsed back with icalendar itself, as a calendar would."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from crmdesk.core import campaigns, ical
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError
from crmdesk.core.models import Campaign, CampaignType
from tests.conftest import plan

NOTES = "NOTE INTERNE : le client paie en retard"


@pytest.fixture
def spring_and_autumn(workspace: Workspace, client_id: int, segment_ids: list[int]) -> list[int]:
    """Two 09:30 sends in Paris, one after each DST change of 2026 (29 March, 25 October)."""
    spring = plan(
        workspace, client_id, date(2026, 3, 31), name="Printemps", at=time(9, 30),
        segment_ids=tuple(segment_ids), subject="Jusqu'à -50 %", preheader="Trois jours",
        notes=NOTES, esp="Brevo", volume=120_000,
    )  # fmt: skip
    autumn = plan(
        workspace, client_id, date(2026, 10, 27), name="Halloween", at=time(9, 30),
        subject="Frissons", notes=NOTES,
    )  # fmt: skip
    return [spring, autumn]


def export(workspace: Workspace, client_id: int | None, **kw: object) -> bytes:
    with workspace.reader() as session:
        return ical.export_plan_ics(session, client_id, kw.get("start"), kw.get("end"))  # type: ignore[arg-type]


def events(data: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def without_dtstamp(data: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[^\r\n]*\r\n", b"", data)


def test_the_file_parses_back_with_the_calendar_headers_and_three_events_a_campaign(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    data = export(workspace, client_id)

    parsed = Calendar.from_ical(data)
    assert str(parsed["PRODID"]) == "-//crmdesk//crmdesk//FR"
    assert str(parsed["VERSION"]) == "2.0"
    assert "Éditions Lumière" in str(parsed["X-WR-CALNAME"])
    found = parsed.walk("VEVENT")
    assert len(found) == 6
    kinds = sorted(str(e["UID"]).split("-")[2] for e in found)
    assert kinds == ["analysis", "analysis", "bat", "bat", "send", "send"]
    assert all(str(e["UID"]).endswith("@crmdesk") for e in found)


def test_the_send_keeps_its_wall_clock_time_in_paris_across_dst(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    data = export(workspace, client_id)

    assert b"DTSTART;TZID=Europe/Paris:20260331T093000" in data
    assert b"DTSTART;TZID=Europe/Paris:20261027T093000" in data
    parsed = Calendar.from_ical(data)
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Paris"]
    sends = [e for e in parsed.walk("VEVENT") if "-send-" in str(e["UID"])]
    starts = [e.start for e in sends]
    assert [s.time() for s in starts] == [time(9, 30), time(9, 30)]
    assert [s.astimezone(UTC).time() for s in starts] == [time(7, 30), time(8, 30)]
    assert all(e.end - e.start == timedelta(minutes=30) for e in sends)


def test_the_bat_and_analysis_are_all_day_on_the_calendars_deadline_days(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    parsed = events(export(workspace, client_id))
    days = {uid.split("-")[1] + uid.split("-")[2]: e.start for uid, e in parsed.items()}  # type: ignore[attr-defined]

    first, second = spring_and_autumn
    # BAT D-2 (Sunday 29 March → Friday 27), analysis D+5 (Sunday 5 April → Monday 6).
    assert days[f"{first}bat"] == date(2026, 3, 27)
    assert days[f"{first}analysis"] == date(2026, 4, 6)
    assert days[f"{second}bat"] == date(2026, 10, 23)
    assert days[f"{second}analysis"] == date(2026, 11, 2)
    assert not isinstance(days[f"{first}bat"], datetime)


def test_internal_notes_esp_and_volume_never_leave(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    data = export(workspace, client_id)
    text = Calendar.from_ical(data).to_ical().decode()

    assert "NOTE INTERNE" not in text and "retard" not in text
    assert "Brevo" not in text and "120000" not in text
    send = next(e for e in events(data).values() if "Printemps" == str(e["SUMMARY"]))  # type: ignore[index]
    description = str(send["DESCRIPTION"])  # type: ignore[index]
    assert "Jusqu'à -50 %" in description and "Trois jours" in description
    assert "Abonnés actifs, Inactifs" in description


def test_export_then_export_is_byte_identical_apart_from_dtstamp(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    first = export(workspace, client_id)
    second = export(workspace, client_id)

    assert b"DTSTAMP:" in first
    assert without_dtstamp(first) == without_dtstamp(second)


def test_a_reschedule_keeps_the_uids_and_raises_the_sequence(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    first, _ = spring_and_autumn
    with workspace.session() as session:  # an older campaign, edited once an hour after
        campaign = session.get(Campaign, first)
        assert campaign is not None
        campaign.created_at = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
        campaign.updated_at = datetime(2026, 1, 5, 11, 0, tzinfo=UTC)
    before = events(export(workspace, client_id))
    again = events(export(workspace, client_id))
    with workspace.session() as session:
        campaigns.reschedule(session, first, date(2026, 4, 2))
    after = events(export(workspace, client_id))

    assert before.keys() == again.keys() == after.keys()
    for uid in [u for u in before if u.startswith(f"campaign-{first}-")]:
        assert int(before[uid]["SEQUENCE"]) == 3600  # type: ignore[index]
        assert int(after[uid]["SEQUENCE"]) > 3600  # type: ignore[index]
    moved = after[ical.uid(first, ical.DeadlineKind.SEND, datetime(2026, 1, 5, 10, tzinfo=UTC))]
    assert moved.start.date() == date(2026, 4, 2)  # type: ignore[attr-defined]


def test_the_period_picks_campaigns_by_their_send_day(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int]
) -> None:
    spring = export(workspace, client_id, start=date(2026, 3, 1), end=date(2026, 3, 31))
    nothing = export(workspace, client_id, start=date(2026, 5, 1), end=date(2026, 5, 31))

    assert {str(e["SUMMARY"]) for e in Calendar.from_ical(spring).walk("VEVENT")} == {
        "Printemps", "BAT – Printemps", "Analyse J+5 – Printemps",
    }  # fmt: skip
    assert Calendar.from_ical(nothing).walk("VEVENT") == []
    with pytest.raises(ValidationError):
        export(workspace, client_id, start=date(2026, 5, 31), end=date(2026, 5, 1))


def test_an_automation_has_its_start_but_no_deadlines(workspace: Workspace, client_id: int) -> None:
    plan(workspace, client_id, date(2026, 6, 1), name="Bienvenue", type=CampaignType.AUTOMATION)

    found = Calendar.from_ical(export(workspace, client_id)).walk("VEVENT")

    assert [str(e["SUMMARY"]) for e in found] == ["Bienvenue"]


def test_a_file_that_is_not_ics_or_a_folder_is_refused_and_nothing_written(
    workspace: Workspace, client_id: int, spring_and_autumn: list[int], tmp_path: Path
) -> None:
    with workspace.reader() as session:
        with pytest.raises(ical.IcsRefused):
            ical.write_plan_ics(session, tmp_path / "plan.txt", client_id, None, None)
        with pytest.raises(ical.IcsRefused):
            ical.write_plan_ics(session, tmp_path, client_id, None, None)
        with pytest.raises(ical.IcsRefused):
            ical.write_plan_ics(session, tmp_path / "missing" / "plan.ics", client_id, None, None)
        written = ical.write_plan_ics(session, tmp_path / "plan.ics", client_id, None, None)

    assert written == 2
    assert [p.name for p in tmp_path.iterdir() if "plan" in p.name] == ["plan.ics"]
    assert Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")
