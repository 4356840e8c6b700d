"""The cockpit home on a fixed day: today's sends, this week's, what is late, what is crowded."""

from __future__ import annotations

from datetime import date, timedelta

from crmdesk.core.calendar import DeadlineKind
from crmdesk.core.cockpit import Cockpit, cockpit
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus, CampaignType
from tests.conftest import plan

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
    for offset in (10, 11, 12):
        plan(workspace, client_id, TODAY + timedelta(days=offset), name="Soon", segment_ids=segment)
    for offset in (40, 41, 42):
        plan(
            workspace, client_id, TODAY + timedelta(days=offset), name="Later", segment_ids=segment
        )

    warned = home(workspace).pressure

    assert [e.name for e in warned] == ["Soon", "Soon", "Soon"]
    assert {(a.count, a.cap) for e in warned for a in e.pressure} == {(3, 2)}
