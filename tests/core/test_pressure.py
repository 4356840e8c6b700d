"""Marketing pressure: more sends to one segment in one week (Monday to Sunday, on the client's
clock) than the client's cap. One count serves the calendar's warnings, the cockpit and the
pressure chart, so they never disagree."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from crmdesk.core import calendar, clients, pressure
from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, CampaignType
from crmdesk.core.pressure import PressureAlert, exceeds, week_of
from tests.conftest import plan

MONDAY = date(2026, 11, 2)


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


# --- the rule, on its own -----------------------------------------------------------------------


def test_a_week_runs_monday_to_sunday() -> None:
    assert [week_of(MONDAY + timedelta(days=n)) for n in (0, 3, 6, 7)] == [
        MONDAY,
        MONDAY,
        MONDAY,
        MONDAY + timedelta(days=7),
    ]


def test_only_more_sends_than_the_cap_exceed_it() -> None:
    assert [exceeds(sends, cap=2) for sends in (0, 1, 2, 3)] == [False, False, False, True]


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


def test_a_warning_counts_the_sends_of_its_week_before_the_visible_days(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    earlier = plan(workspace, client_id, MONDAY, segment_ids=(segment_ids[0],))
    visible = [
        plan(workspace, client_id, MONDAY + timedelta(days=d), segment_ids=(segment_ids[0],))
        for d in (3, 4)
    ]

    shown = pressure_by_campaign(workspace, MONDAY + timedelta(days=3), MONDAY + timedelta(days=9))

    assert earlier not in shown
    assert {campaign_id: [a.count for a in shown[campaign_id]] for campaign_id in visible} == {
        visible[0]: [3],
        visible[1]: [3],
    }


def test_sends_either_side_of_a_monday_are_in_different_weeks(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    for day in (-2, -1, 0, 1):  # Saturday, Sunday, then Monday, Tuesday: two a week
        plan(workspace, client_id, MONDAY + timedelta(days=day), segment_ids=(segment_ids[0],))

    shown = pressure_by_campaign(workspace, MONDAY - timedelta(days=7), MONDAY + timedelta(days=6))

    assert len(shown) == 4
    assert all(alerts == () for alerts in shown.values())


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
    """Sunday 23:30 in Montreal is already Monday in Paris and in UTC: it still counts in the
    Montreal week that began on the Monday before."""
    client_id = new_client(workspace, "Érable & Co", cap=1, timezone="America/Montreal")
    segment = only_segment(workspace, client_id)
    ids = [
        plan(workspace, client_id, day, at=at, timezone="America/Montreal", segment_ids=(segment,))
        for day, at in ((date(2026, 3, 2), time(9, 0)), (date(2026, 3, 8), time(23, 30)))
    ]

    shown = pressure_by_campaign(workspace, date(2026, 3, 1), date(2026, 3, 14))

    expected = (PressureAlert(segment, "Tous les abonnés", 2, 1, date(2026, 3, 2)),)
    assert shown == {ids[0]: expected, ids[1]: expected}


def test_the_weekly_counts_are_those_the_warnings_judge(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    """The chart's bars and the calendar's warnings read one count: a week is red on the chart
    exactly when its sends are warned, week by week."""
    actifs = segment_ids[0]
    for day in (0, 2, 4, 7, 14, 15, 20):
        plan(workspace, client_id, MONDAY + timedelta(days=day), segment_ids=(actifs,))
    with workspace.session() as session:
        segments = [(s.id, s.name) for s in clients.list_segments(session, client_id)]
        weekly = pressure.weekly_sends(session, client_id, segments, MONDAY, 3)
    shown = pressure_by_campaign(workspace, MONDAY, MONDAY + timedelta(days=20))

    cap = 2  # the fixture client's
    red = {w.week_start for w in weekly if w.segment_id == actifs and exceeds(w.sends, cap)}
    warned = {a.window_start for alerts in shown.values() for a in alerts}
    assert [w.sends for w in weekly if w.segment_id == actifs] == [3, 1, 3]
    assert red == warned == {MONDAY, MONDAY + timedelta(days=14)}
