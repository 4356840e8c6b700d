"""Marketing pressure: more sends to one segment within seven days than the client's cap."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from crmdesk.core import calendar, clients
from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, CampaignType
from crmdesk.core.pressure import Crowd, PressureAlert, Send, over_cap
from tests.conftest import plan

MONDAY = date(2026, 11, 2)


def sends(*moments: datetime) -> list[Send]:
    return [Send(number, moment) for number, moment in enumerate(moments, start=1)]


def flagged(crowds: list[Crowd]) -> set[int]:
    return {send.campaign_id for crowd in crowds for send in crowd.sends}


def pressure_by_campaign(
    workspace: Workspace, start: date, end: date
) -> dict[int, tuple[PressureAlert, ...]]:
    with workspace.session() as session:
        shown = calendar.period(session, start, end, with_holidays=False)
    return {entry.id: entry.pressure for entry in shown.entries}


def new_client(workspace: Workspace, name: str, cap: int, timezone: str = "Europe/Paris") -> int:
    with workspace.session() as session:
        client_id, _ = clients.create_client(session, name, pressure_cap=cap, timezone=timezone)
        clients.add_segment(session, client_id, "Tous les abonnés", 20_000)
    return client_id


def only_segment(workspace: Workspace, client_id: int) -> int:
    with workspace.session() as session:
        (segment,) = clients.list_segments(session, client_id)
    return segment.id


# --- the rolling window, on its own -------------------------------------------------------------


def test_three_sends_within_a_week_over_a_cap_of_two_are_all_flagged() -> None:
    week = sends(datetime(2026, 11, 2, 10), datetime(2026, 11, 4, 10), datetime(2026, 11, 8, 18))
    assert over_cap(week, cap=2) == [Crowd(week, 3, date(2026, 11, 2))]


def test_sends_exactly_seven_days_apart_are_not_in_the_same_window() -> None:
    assert over_cap(sends(datetime(2026, 11, 2, 10), datetime(2026, 11, 9, 10)), cap=1) == []


def test_sends_six_days_and_twenty_three_hours_apart_are_in_the_same_window() -> None:
    pair = sends(datetime(2026, 11, 2, 10), datetime(2026, 11, 9, 9))
    assert flagged(over_cap(pair, cap=1)) == {1, 2}


def test_every_send_of_a_long_crowded_run_is_flagged() -> None:
    daily = sends(*(datetime(2026, 11, 2, 10) + timedelta(days=n) for n in range(20)))
    crowds = over_cap(daily, cap=2)
    assert flagged(crowds) == set(range(1, 21))
    assert max(crowd.count for crowd in crowds) == 7, "a week of daily sends"


def test_sends_up_to_the_cap_are_not_flagged() -> None:
    assert over_cap(sends(datetime(2026, 11, 2, 10), datetime(2026, 11, 3, 10)), cap=2) == []


# --- through the calendar -----------------------------------------------------------------------


def test_the_calendar_flags_every_send_of_a_segment_over_its_cap(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    actifs = segment_ids[0]
    ids = [
        plan(workspace, client_id, MONDAY + timedelta(days=d), segment_ids=(actifs,))
        for d in (0, 2, 4)
    ]
    expected = (PressureAlert(actifs, "Abonnés actifs", 3, 2, MONDAY),)

    shown = pressure_by_campaign(workspace, MONDAY, MONDAY + timedelta(days=6))

    assert shown == {campaign_id: expected for campaign_id in ids}


def test_a_warning_counts_sends_just_before_the_visible_days(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    earlier = plan(workspace, client_id, MONDAY - timedelta(days=2), segment_ids=(segment_ids[0],))
    visible = [
        plan(workspace, client_id, MONDAY + timedelta(days=d), segment_ids=(segment_ids[0],))
        for d in (0, 1)
    ]

    shown = pressure_by_campaign(workspace, MONDAY, MONDAY + timedelta(days=6))

    assert earlier not in shown
    assert {campaign_id: [a.count for a in shown[campaign_id]] for campaign_id in visible} == {
        visible[0]: [3],
        visible[1]: [3],
    }


def test_sends_to_different_segments_do_not_add_up(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    for day, segment in [(0, 0), (1, 0), (2, 1), (3, 1)]:
        plan(
            workspace, client_id, MONDAY + timedelta(days=day), segment_ids=(segment_ids[segment],)
        )

    shown = pressure_by_campaign(workspace, MONDAY, MONDAY + timedelta(days=6))

    assert len(shown) == 4
    assert all(alerts == () for alerts in shown.values())


def test_a_send_to_two_segments_counts_for_each(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    both = plan(workspace, client_id, MONDAY, segment_ids=tuple(segment_ids))
    for day in (1, 2):
        plan(workspace, client_id, MONDAY + timedelta(days=day), segment_ids=(segment_ids[1],))

    shown = pressure_by_campaign(workspace, MONDAY, MONDAY + timedelta(days=6))

    assert [(a.segment_name, a.count) for a in shown[both]] == [("Inactifs", 3)]


def test_automation_scenarios_do_not_count_towards_pressure(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    plan(workspace, client_id, MONDAY, segment_ids=(segment_ids[0],))
    plan(workspace, client_id, MONDAY + timedelta(days=1), segment_ids=(segment_ids[0],))
    plan(
        workspace,
        client_id,
        MONDAY + timedelta(days=2),
        name="Scénario de bienvenue",
        type=CampaignType.AUTOMATION,
        segment_ids=(segment_ids[0],),
    )

    shown = pressure_by_campaign(workspace, MONDAY, MONDAY + timedelta(days=6))

    assert len(shown) == 3
    assert all(alerts == () for alerts in shown.values())


def hours_between(workspace: Workspace, first: int, second: int) -> float:
    with workspace.session() as session:
        a, b = session.get(Campaign, first), session.get(Campaign, second)
        assert a is not None and b is not None
        return (b.planned_send_at - a.planned_send_at) / timedelta(hours=1)


@pytest.mark.parametrize(
    ("mondays", "hours"),
    [
        pytest.param(
            (date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2)), 169, id="october"
        ),
        pytest.param((date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 6)), 167, id="march"),
    ],
)
def test_a_weekly_send_stays_one_a_week_across_a_dst_change(
    workspace: Workspace, mondays: tuple[date, ...], hours: int
) -> None:
    client_id = new_client(workspace, "Cycles Aubrac", cap=1)
    segment = only_segment(workspace, client_id)
    ids = [
        plan(workspace, client_id, day, at=time(9, 0), segment_ids=(segment,)) for day in mondays
    ]
    assert hours_between(workspace, ids[0], ids[1]) == hours

    shown = pressure_by_campaign(workspace, mondays[0], mondays[-1])

    assert shown == {campaign_id: () for campaign_id in ids}


def test_a_client_abroad_is_counted_on_its_own_wall_clock(workspace: Workspace) -> None:
    """Montreal springs forward on 8 March 2026: Monday 09:00 there is 167 h after the last one.

    On Paris clocks those sends are 6 days 23 hours apart and would look like two in a week.
    """
    client_id = new_client(workspace, "Érable & Co", cap=1, timezone="America/Montreal")
    segment = only_segment(workspace, client_id)
    ids = [
        plan(
            workspace,
            client_id,
            day,
            at=time(9, 0),
            timezone="America/Montreal",
            segment_ids=(segment,),
        )
        for day in (date(2026, 3, 2), date(2026, 3, 9))
    ]
    assert hours_between(workspace, ids[0], ids[1]) == 167

    assert pressure_by_campaign(workspace, date(2026, 3, 1), date(2026, 3, 14)) == {
        ids[0]: (),
        ids[1]: (),
    }


def test_a_client_abroad_is_still_warned_within_its_own_week(workspace: Workspace) -> None:
    client_id = new_client(workspace, "Érable & Co", cap=1, timezone="America/Montreal")
    segment = only_segment(workspace, client_id)
    ids = [
        plan(workspace, client_id, day, at=at, timezone="America/Montreal", segment_ids=(segment,))
        for day, at in ((date(2026, 3, 2), time(9, 0)), (date(2026, 3, 9), time(8, 59)))
    ]

    shown = pressure_by_campaign(workspace, date(2026, 3, 1), date(2026, 3, 14))

    expected = (PressureAlert(segment, "Tous les abonnés", 2, 1, date(2026, 3, 2)),)
    assert shown == {ids[0]: expected, ids[1]: expected}
