"""The demo workspace: believable, complete, valid by the app's own rules, and reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crmdesk.core import campaigns, clients
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError, WorkspaceError
from crmdesk.core.models import Campaign, CampaignStatus, CampaignType
from crmdesk.core.workspaces import write_demo
from tests.conftest import DEMO_TODAY

SENT_OR_LATER = {CampaignStatus.SENT, CampaignStatus.ANALYSED, CampaignStatus.CLOSED}


def all_campaigns(session: Session) -> list[Campaign]:
    query = select(Campaign).options(selectinload(Campaign.segments)).order_by(Campaign.id)
    return list(session.scalars(query))


def listing(path: Path) -> list[campaigns.CampaignRow]:
    with Workspace.open(path) as workspace, workspace.session() as session:
        return campaigns.list_campaigns(session)


def test_the_demo_has_four_french_clients(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        found = clients.list_clients(session)
    assert [c.name for c in found] == [
        "Cycles Aubrac",
        "Fromagerie Lescure",
        "Maison Verlaine",
        "Éditions Lumière",
    ]
    assert {c.timezone for c in found} == {"Europe/Paris"}


def test_the_demo_shows_every_status_and_every_type(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        found = all_campaigns(session)
    assert {c.status for c in found} == set(CampaignStatus)
    assert {c.type for c in found} == set(CampaignType)


def test_every_demo_campaign_targets_segments_of_its_own_client(
    demo_workspace: Workspace,
) -> None:
    with demo_workspace.session() as session:
        found = all_campaigns(session)
    assert all(c.segments for c in found)
    assert all(s.client_id == c.client_id for c in found for s in c.segments)


def test_demo_relances_and_errata_follow_an_earlier_send_of_the_same_client(
    demo_workspace: Workspace,
) -> None:
    with demo_workspace.session() as session:
        follow_ups = [c for c in all_campaigns(session) if c.type in campaigns.FOLLOW_UP_TYPES]
        assert follow_ups
        for follow_up in follow_ups:
            parent = follow_up.parent
            assert parent is not None, follow_up.name
            assert parent.client_id == follow_up.client_id
            assert parent.planned_send_at < follow_up.planned_send_at
            assert parent.name in follow_up.name


def test_demo_statuses_fit_the_reference_day(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        rows = campaigns.list_campaigns(session)
    assert all(r.status in SENT_OR_LATER for r in rows if r.send_at.date() < DEMO_TODAY)
    assert not any(r.status in SENT_OR_LATER for r in rows if r.send_at.date() >= DEMO_TODAY)


def test_every_demo_campaign_passes_the_rules_of_the_campaign_dialog(
    demo_workspace: Workspace,
) -> None:
    refused: dict[int, list[str]] = {}
    with demo_workspace.session() as session:
        for campaign in all_campaigns(session):
            try:
                campaigns.validate(session, campaigns.to_input(campaign), campaign.id)
            except ValidationError as error:
                refused[campaign.id] = [p.code for p in error.problems]
    assert refused == {}


def test_the_same_seed_and_day_give_the_same_demo(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "c.sqlite"
    assert write_demo(first, campaigns=200, seed=7, today=DEMO_TODAY) == 200
    write_demo(second, campaigns=200, seed=7, today=DEMO_TODAY)
    write_demo(other, campaigns=200, seed=8, today=DEMO_TODAY)

    assert listing(first) == listing(second)
    assert listing(first) != listing(other)


@pytest.mark.parametrize("content", [b"not a workspace", None], ids=["text-file", "demo-file"])
@pytest.mark.sqlite_only(reason="the demo written to a file")
def test_the_demo_never_overwrites_an_existing_file(
    tmp_path: Path, demo_path: Path, content: bytes | None
) -> None:
    target = demo_path
    if content is not None:
        target = tmp_path / "notes.sqlite"
        target.write_bytes(content)
    before = target.read_bytes()

    with pytest.raises(WorkspaceError) as refused:
        write_demo(target, campaigns=10, today=DEMO_TODAY)

    assert str(target) in refused.value.message
    assert target.read_bytes() == before


def test_every_demo_campaign_has_its_checklist_in_a_state_its_status_implies(
    demo_workspace: Workspace,
) -> None:
    from crmdesk.core import checklists
    from crmdesk.core.models import ChecklistPhase, ChecklistState

    with demo_workspace.reader() as session:
        found = [(c.id, c.status) for c in all_campaigns(session)]
        lists = {cid: checklists.load_checklist(session, cid, DEMO_TODAY) for cid, _ in found}
        overdue = checklists.overdue_checklists(session, DEMO_TODAY)
    assert all(lists[cid].total == len(checklists.default_template()) for cid, _ in found)
    states = {i.state for checklist in lists.values() for i in checklist.items}
    assert states == set(ChecklistState)
    for cid, status in found:
        strategy = lists[cid].phases[0]
        assert strategy.phase is ChecklistPhase.STRATEGY
        if status is CampaignStatus.CLOSED:
            assert all(p.closed == p.total for p in lists[cid].phases)
        if status is CampaignStatus.DRAFT:
            assert strategy.closed == 0
    # A handful of late items, not a wall of red: the demo operator is on top of things.
    assert 0 < len(overdue) <= 10
