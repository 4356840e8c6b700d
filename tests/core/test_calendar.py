"""The calendar: which sends show on which days, their deadlines, filters and holidays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import pytest

from crmdesk.core import calendar, clients
from crmdesk.core.calendar import DeadlineKind, Filters
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError
from crmdesk.core.models import CampaignStatus, CampaignType, Channel
from tests.conftest import plan

MONDAY = date(2026, 11, 23)
SUNDAY = MONDAY + timedelta(days=6)


def shown(
    workspace: Workspace, start: date = MONDAY, end: date = SUNDAY, **kwargs: object
) -> calendar.CalendarPeriod:
    with workspace.session() as session:
        return calendar.period(session, start, end, **kwargs)  # type: ignore[arg-type]


def names(period: calendar.CalendarPeriod) -> list[str]:
    return [entry.name for entry in period.entries]


def markers(period: calendar.CalendarPeriod) -> list[tuple[str, DeadlineKind, date, bool]]:
    return [(d.campaign_name, d.kind, d.day, d.done) for d in period.deadlines]


# --- deadline offsets ---------------------------------------------------------------------------


def test_the_deadlines_of_a_thursday_send() -> None:
    assert calendar.deadline_days(date(2026, 11, 26), 10, 2, 5) == {
        DeadlineKind.BRIEF: date(2026, 11, 16),
        DeadlineKind.BAT: date(2026, 11, 24),
        DeadlineKind.SEND: date(2026, 11, 26),
        DeadlineKind.ANALYSIS: date(2026, 12, 1),
    }


@pytest.mark.parametrize(
    ("send_day", "offsets", "kind", "expected"),
    [
        pytest.param(
            date(2026, 11, 24), (10, 2, 5), DeadlineKind.BAT, date(2026, 11, 20), id="bat-sunday"
        ),
        pytest.param(
            date(2026, 11, 23), (10, 2, 5), DeadlineKind.BAT, date(2026, 11, 20), id="bat-saturday"
        ),
        pytest.param(
            date(2026, 11, 26), (12, 2, 5), DeadlineKind.BRIEF, date(2026, 11, 13), id="brief-sat"
        ),
        pytest.param(
            date(2026, 11, 23),
            (10, 2, 5),
            DeadlineKind.ANALYSIS,
            date(2026, 11, 30),
            id="analysis-saturday",
        ),
        pytest.param(
            date(2026, 11, 24),
            (10, 2, 5),
            DeadlineKind.ANALYSIS,
            date(2026, 11, 30),
            id="analysis-sunday",
        ),
    ],
)
def test_a_deadline_on_a_weekend_moves_to_a_working_day(
    send_day: date, offsets: tuple[int, int, int], kind: DeadlineKind, expected: date
) -> None:
    """Steps before the send move to the Friday before; the analysis to the Monday after."""
    assert calendar.deadline_days(send_day, *offsets)[kind] == expected


# --- what a period shows ------------------------------------------------------------------------


def test_a_period_shows_only_the_sends_of_its_days_on_their_own_clock(
    workspace: Workspace, client_id: int
) -> None:
    plan(workspace, client_id, MONDAY - timedelta(days=1), name="Dimanche d'avant", at=time(23, 30))
    plan(workspace, client_id, MONDAY, name="Lundi tôt", at=time(0, 30))
    plan(workspace, client_id, SUNDAY, name="Dimanche tard", at=time(23, 30))
    plan(workspace, client_id, SUNDAY + timedelta(days=1), name="Lundi d'après", at=time(0, 30))

    period = shown(workspace)

    assert names(period) == ["Lundi tôt", "Dimanche tard"]
    assert {day: [e.name for e in entries] for day, entries in period.by_day.items()} == {
        MONDAY: ["Lundi tôt"],
        SUNDAY: ["Dimanche tard"],
    }


@pytest.fixture
def mixed_week(workspace: Workspace, client_id: int, segment_ids: list[int]) -> None:
    """Two clients' campaigns with different statuses, channels and segments."""
    with workspace.session() as session:
        other_id, _ = clients.create_client(session, "Cycles Aubrac")
        atelier = clients.add_segment(session, other_id, "Clients atelier", 23_000)
    plan(workspace, client_id, MONDAY, name="Newsletter Lumière", segment_ids=(segment_ids[0],))
    plan(
        workspace,
        client_id,
        MONDAY + timedelta(days=1),
        name="SMS flash",
        channel=Channel.SMS,
        status=CampaignStatus.APPROVED,
        segment_ids=(segment_ids[1],),
    )
    plan(
        workspace,
        other_id,
        MONDAY + timedelta(days=2),
        name="Révision offerte",
        status=CampaignStatus.APPROVED,
        segment_ids=(atelier,),
    )


MakeFilters = Callable[[list[int], int], Filters]


@pytest.mark.parametrize(
    ("make_filters", "expected"),
    [
        pytest.param(
            lambda ids, client: Filters(client_ids=frozenset({client})),
            ["Newsletter Lumière", "SMS flash"],
            id="client",
        ),
        pytest.param(
            lambda ids, client: Filters(statuses=frozenset({CampaignStatus.APPROVED})),
            ["SMS flash", "Révision offerte"],
            id="status",
        ),
        pytest.param(
            lambda ids, client: Filters(channels=frozenset({Channel.EMAIL})),
            ["Newsletter Lumière", "Révision offerte"],
            id="channel",
        ),
        pytest.param(
            lambda ids, client: Filters(segment_ids=frozenset({ids[1]})),
            ["SMS flash"],
            id="segment",
        ),
        pytest.param(
            lambda ids, client: Filters(
                client_ids=frozenset({client}), statuses=frozenset({CampaignStatus.APPROVED})
            ),
            ["SMS flash"],
            id="client-and-status",
        ),
        pytest.param(
            lambda ids, client: Filters(),
            ["Newsletter Lumière", "SMS flash", "Révision offerte"],
            id="none",
        ),
    ],
)
@pytest.mark.usefixtures("mixed_week")
def test_filters_narrow_the_period_to_matching_campaigns(
    workspace: Workspace,
    client_id: int,
    segment_ids: list[int],
    make_filters: MakeFilters,
    expected: list[str],
) -> None:
    period = shown(workspace, filters=make_filters(segment_ids, client_id))
    assert names(period) == expected


def test_the_deadlines_of_a_later_send_show_on_their_own_days(
    workspace: Workspace, client_id: int
) -> None:
    plan(workspace, client_id, date(2026, 12, 3), name="Calendrier de l'Avent")

    period = shown(workspace)

    assert period.entries == []
    assert markers(period) == [
        ("Calendrier de l'Avent", DeadlineKind.BRIEF, MONDAY, False),
    ]
    assert [d.kind for d in period.deadlines_by_day[MONDAY]] == [DeadlineKind.BRIEF]


def test_the_analysis_of_an_earlier_send_shows_on_its_day(
    workspace: Workspace, client_id: int
) -> None:
    plan(
        workspace,
        client_id,
        date(2026, 11, 19),
        name="Black Friday J-8",
        status=CampaignStatus.SENT,
    )

    period = shown(workspace)

    assert markers(period) == [
        ("Black Friday J-8", DeadlineKind.ANALYSIS, date(2026, 11, 24), False),
    ]


@pytest.mark.parametrize(
    ("status", "brief_done", "bat_done"),
    [
        (CampaignStatus.BRIEF, False, False),
        (CampaignStatus.PRODUCTION, True, False),
        (CampaignStatus.BAT, True, False),
        (CampaignStatus.APPROVED, True, True),
        (CampaignStatus.SCHEDULED, True, True),
    ],
)
def test_a_deadline_is_done_once_the_campaign_has_passed_that_step(
    workspace: Workspace,
    client_id: int,
    status: CampaignStatus,
    brief_done: bool,
    bat_done: bool,
) -> None:
    plan(workspace, client_id, date(2026, 12, 3), name="Noël", status=status)

    period = shown(workspace, MONDAY, date(2026, 12, 3))

    assert {d.kind: d.done for d in period.deadlines} == {
        DeadlineKind.BRIEF: brief_done,
        DeadlineKind.BAT: bat_done,
    }


def test_an_automation_scenario_has_no_deadline_markers(
    workspace: Workspace, client_id: int
) -> None:
    plan(
        workspace,
        client_id,
        date(2026, 11, 26),
        name="Scénario de bienvenue",
        type=CampaignType.AUTOMATION,
    )

    period = shown(workspace)

    assert names(period) == ["Scénario de bienvenue"]
    assert period.deadlines == []


# --- holidays -----------------------------------------------------------------------------------


def test_french_public_holidays_are_named_in_french(workspace: Workspace) -> None:
    period = shown(workspace, date(2026, 7, 1), date(2026, 12, 31))
    assert period.holidays[date(2026, 7, 14)] == "Fête nationale"
    assert period.holidays[date(2026, 12, 25)] == "Noël"
    assert all(date(2026, 7, 1) <= day <= date(2026, 12, 31) for day in period.holidays)


def test_french_public_holidays_are_named_in_english_on_request(workspace: Workspace) -> None:
    period = shown(workspace, date(2026, 7, 1), date(2026, 12, 31), language="en")
    assert period.holidays[date(2026, 7, 14)] == "National Day"
    assert period.holidays[date(2026, 12, 25)] == "Christmas Day"


def test_a_send_on_a_public_holiday_carries_its_name(workspace: Workspace, client_id: int) -> None:
    plan(workspace, client_id, date(2026, 7, 14), name="Feu d'artifice")
    plan(workspace, client_id, date(2026, 7, 15), name="Lendemain")

    period = shown(workspace, date(2026, 7, 13), date(2026, 7, 19))

    assert [(e.name, e.holiday) for e in period.entries] == [
        ("Feu d'artifice", "Fête nationale"),
        ("Lendemain", None),
    ]


# --- ranges and grids ---------------------------------------------------------------------------


def test_a_range_ending_before_it_starts_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as refused:
        calendar.validate_range(SUNDAY, MONDAY)
    assert [(p.field, p.code) for p in refused.value.problems] == [("end", "end_before_start")]

    with pytest.raises(ValidationError), workspace.session() as session:
        calendar.period(session, SUNDAY, MONDAY)


def test_a_one_day_range_is_accepted() -> None:
    calendar.validate_range(MONDAY, MONDAY)


@pytest.mark.parametrize(
    ("year", "month", "first"),
    [(2026, 11, date(2026, 10, 26)), (2026, 6, date(2026, 6, 1)), (2027, 2, date(2027, 2, 1))],
)
def test_the_month_grid_starts_on_a_monday_and_spans_six_weeks(
    year: int, month: int, first: date
) -> None:
    start, end = calendar.month_grid(year, month)
    assert start == first
    assert start.weekday() == 0
    assert (end - start).days + 1 == 42
    assert start <= date(year, month, 1) and date(year, month, 28) <= end


def test_the_week_of_a_day_runs_from_monday_to_sunday() -> None:
    assert calendar.week_of(date(2026, 11, 26)) == (MONDAY, SUNDAY)


def test_adding_holidays_afterwards_gives_what_a_read_with_holidays_gives(
    workspace: Workspace, client_id: int
) -> None:
    plan(workspace, client_id, date(2026, 7, 14), name="Fête nationale")
    plan(workspace, client_id, date(2026, 7, 16), name="Newsletter")
    with workspace.reader() as session:
        plain = calendar.period(session, date(2026, 7, 1), date(2026, 7, 31), with_holidays=False)
        read = calendar.period(session, date(2026, 7, 1), date(2026, 7, 31))
    assert plain.holidays == {}
    assert calendar.add_holidays(plain) == read
