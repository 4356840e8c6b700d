"""The cockpit home on a fixed day: today's sends, this week's, what is late, what is crowded."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from crmdesk.core.calendar import DeadlineKind
from crmdesk.core.cockpit import PRESSURE_HORIZON, Cockpit, cockpit
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, CampaignType, Client
from crmdesk.core.pressure import exceeds
from crmdesk.core.stats import service
from tests.conftest import DEMO_TODAY, plan

TODAY = date(2026, 11, 25)  # a Wednesday


def home(workspace: Workspace, today: date = TODAY) -> Cockpit:
    with workspace.session() as session:
        return cockpit(session, today)


def test_todays_sends_are_apart_from_the_next_seven_days(
    workspace: Workspace, client_id: int
) -> None:
    for offset, name in [
        (-1, "Hier"),
        (0, "Aujourd'hui"),
        (1, "Demain"),
        (7, "Dans une semaine"),
        (8, "Dans huit jours"),
    ]:
        plan(workspace, client_id, TODAY + timedelta(days=offset), name=name)

    seen = home(workspace)

    assert [e.name for e in seen.sends_today] == ["Aujourd'hui"]
    assert [e.name for e in seen.sends_this_week] == ["Demain", "Dans une semaine"]


def test_overdue_steps_are_those_past_and_not_done_the_earliest_per_campaign(
    workspace: Workspace, client_id: int
) -> None:
    thursday = date(2026, 11, 26)
    plan(workspace, client_id, thursday, name="BAT en retard", status=CampaignStatus.PRODUCTION)
    plan(workspace, client_id, thursday, name="BAT validé", status=CampaignStatus.APPROVED)
    plan(workspace, client_id, thursday, name="Tout en retard", status=CampaignStatus.DRAFT)
    plan(workspace, client_id, date(2026, 11, 17), name="Stats à lire", status=CampaignStatus.SENT)
    plan(workspace, client_id, date(2026, 11, 17), name="Analysé", status=CampaignStatus.ANALYSED)
    plan(
        workspace,
        client_id,
        thursday,
        name="Scénario de bienvenue",
        type=CampaignType.AUTOMATION,
        status=CampaignStatus.DRAFT,
    )

    late = [(d.campaign_name, d.kind, d.day) for d in home(workspace).overdue]

    assert late == [
        ("Tout en retard", DeadlineKind.BRIEF, date(2026, 11, 16)),
        ("Stats à lire", DeadlineKind.ANALYSIS, date(2026, 11, 23)),
        ("BAT en retard", DeadlineKind.BAT, date(2026, 11, 24)),
    ]


def test_a_step_due_today_is_not_yet_overdue(workspace: Workspace, client_id: int) -> None:
    plan(workspace, client_id, date(2026, 11, 27), name="BAT ce soir", status=CampaignStatus.BAT)
    assert home(workspace).overdue == []
    assert [d.kind for d in home(workspace, TODAY + timedelta(days=1)).overdue] == [
        DeadlineKind.BAT
    ]


def test_pressure_warnings_cover_the_next_thirty_days(
    workspace: Workspace, client_id: int, segment_ids: list[int]
) -> None:
    segment = (segment_ids[0],)
    for offset in (12, 13, 14):  # Monday to Wednesday of one week
        plan(workspace, client_id, TODAY + timedelta(days=offset), name="Soon", segment_ids=segment)
    for offset in (40, 41, 42):
        plan(
            workspace, client_id, TODAY + timedelta(days=offset), name="Later", segment_ids=segment
        )

    warned = home(workspace).pressure

    assert [e.name for e in warned] == ["Soon", "Soon", "Soon"]
    assert {(a.count, a.cap) for e in warned for a in e.pressure} == {(3, 2)}


def test_the_demos_pressure_warnings_agree_with_its_pressure_charts(
    demo_workspace: Workspace,
) -> None:
    """Every warning of the cockpit is a red week on its client's pressure chart with the same
    count, and every red week to come has its warnings: one count, read twice."""
    with demo_workspace.reader() as session:
        home_page = cockpit(session, DEMO_TODAY)
        weekly = {
            (w.segment_id, w.week_start): (w.sends, stats.pressure_cap)
            for client_id in session.scalars(select(Client.id))
            for stats in [service.client_stats(session, client_id, today=DEMO_TODAY)]
            for w in stats.weekly
        }
    warned = {
        (a.segment_id, a.window_start): a.count for e in home_page.pressure for a in e.pressure
    }
    assert warned, "the demo shows at least one pressure warning"
    for (segment_id, week), count in warned.items():
        sends, cap = weekly[segment_id, week]
        assert sends == count and exceeds(sends, cap), (segment_id, week)
    horizon = DEMO_TODAY + PRESSURE_HORIZON
    red_ahead = {
        key
        for key, (sends, cap) in weekly.items()
        if exceeds(sends, cap) and DEMO_TODAY < key[1] and key[1] + timedelta(days=6) <= horizon
    }
    assert red_ahead <= set(warned)
