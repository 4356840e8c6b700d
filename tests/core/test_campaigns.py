"""Campaigns: the service rules the dialog relies on, and the database's own guarantees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError

from crmdesk.core import campaigns, clients
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Client,
    Segment,
    StatAnalysis,
    StatBreakdown,
    StatSnapshot,
    StatSource,
    campaign_segments,
)
from tests.conftest import plan

THURSDAY = date(2026, 11, 26)


def row_counts(workspace: Workspace) -> dict[str, int]:
    with workspace.session() as session:
        return {
            "campaigns": session.scalar(select(func.count()).select_from(Campaign)) or 0,
            "links": session.scalar(select(func.count()).select_from(campaign_segments)) or 0,
            "clients": session.scalar(select(func.count()).select_from(Client)) or 0,
            "segments": session.scalar(select(func.count()).select_from(Segment)) or 0,
        }


def load(workspace: Workspace, campaign_id: int) -> CampaignInput:
    with workspace.session() as session:
        return campaigns.load(session, campaign_id)


def codes(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {problem.code for problem in error.value.problems}


@dataclass(frozen=True)
class Setting:
    """Éditions Lumière (two segments, a promo) and Maison Verlaine (a segment, a promo)."""

    client_id: int
    segment_ids: tuple[int, ...]
    promo_id: int
    other_client_id: int
    other_segment_id: int
    other_promo_id: int

    def newsletter(self, **fields: object) -> CampaignInput:
        values: dict[str, object] = {
            "client_id": self.client_id,
            "name": "Newsletter S48",
            "send_date": THURSDAY,
            "send_time": time(10, 0),
            "segment_ids": self.segment_ids[:1],
        }
        values.update(fields)
        return CampaignInput(**values)  # type: ignore[arg-type]

    def relance(self, **fields: object) -> CampaignInput:
        values: dict[str, object] = {
            "name": "Relance non-ouvreurs",
            "type": CampaignType.RELANCE,
            "parent_id": self.promo_id,
            "send_date": THURSDAY + timedelta(days=2),
        }
        values.update(fields)
        return self.newsletter(**values)


@pytest.fixture
def setting(workspace: Workspace, client_id: int, segment_ids: list[int]) -> Setting:
    promo_id = plan(
        workspace, client_id, THURSDAY, name="Offre de printemps", type=CampaignType.PROMO
    )
    with workspace.session() as session:
        other_id, _ = clients.create_client(session, "Maison Verlaine")
        other_segment = clients.add_segment(session, other_id, "VIP", 4_800)
    other_promo = plan(
        workspace, other_id, THURSDAY, name="Ventes privées VIP", type=CampaignType.PROMO
    )
    return Setting(client_id, tuple(segment_ids), promo_id, other_id, other_segment, other_promo)


# --- creating, editing, moving ------------------------------------------------------------------


def test_a_created_campaign_reads_back_as_the_operator_typed_it(
    workspace: Workspace, setting: Setting
) -> None:
    data = setting.newsletter(
        name="  Newsletter S48 – novembre  ",
        segment_ids=tuple(reversed(setting.segment_ids)),
        volume=175_000,
        subject="Nos coups de cœur de novembre",
        esp="Brevo",
        status=CampaignStatus.BRIEF,
    )
    with workspace.session() as session:
        new_id, changes = campaigns.create(session, data)

    assert changes.campaign_ids == {new_id}
    assert load(workspace, new_id) == replace(
        data, name="Newsletter S48 – novembre", segment_ids=tuple(sorted(setting.segment_ids))
    )


def test_an_edit_is_saved(workspace: Workspace, setting: Setting) -> None:
    with workspace.session() as session:
        data = replace(campaigns.load(session, setting.promo_id), name="Vente flash", volume=12)
        campaigns.update(session, setting.promo_id, data)
    assert load(workspace, setting.promo_id) == data


def test_duplicating_makes_a_draft_a_week_later_at_the_same_time(
    workspace: Workspace, setting: Setting
) -> None:
    original_id = plan(
        workspace,
        setting.client_id,
        THURSDAY,
        at=time(9, 30),
        segment_ids=setting.segment_ids,
        status=CampaignStatus.APPROVED,
        subject="Les nouveautés",
    )
    with workspace.session() as session:
        copy_id, _ = campaigns.duplicate(session, original_id)

    original, copy = load(workspace, original_id), load(workspace, copy_id)
    assert copy_id != original_id
    assert copy == replace(
        original, send_date=THURSDAY + timedelta(days=7), status=CampaignStatus.DRAFT
    )
    assert original.status is CampaignStatus.APPROVED


def test_a_deleted_campaign_comes_back_with_its_id_segments_and_relances(
    workspace: Workspace, setting: Setting
) -> None:
    parent_id = plan(
        workspace,
        setting.client_id,
        THURSDAY,
        name="Soldes d'hiver",
        type=CampaignType.PROMO,
        segment_ids=setting.segment_ids,
    )
    with workspace.session() as session:
        relance_id, _ = campaigns.create(session, setting.relance(parent_id=parent_id))
    before = load(workspace, parent_id)

    with workspace.session() as session:
        snap, changes = campaigns.delete_campaign(session, parent_id)
    assert changes.campaign_ids == {parent_id, relance_id}, "the relance's view must refresh"
    assert load(workspace, relance_id).parent_id is None
    with workspace.session() as session:
        assert session.get(Campaign, parent_id) is None
        linked = select(campaign_segments).where(campaign_segments.c.campaign_id == parent_id)
        assert session.execute(linked).all() == []

    with workspace.session() as session:
        campaigns.restore(session, snap)
    assert load(workspace, parent_id) == before
    assert load(workspace, relance_id).parent_id == parent_id
    with workspace.session() as session:
        restored = session.get(Campaign, parent_id)
        assert restored is not None and restored.created_at == snap.created_at


def test_undoing_a_deletion_brings_back_the_campaigns_figures_and_analysis(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, THURSDAY, name="Soldes d'hiver")
    with workspace.session() as session:
        session.add_all(
            [
                StatSnapshot(
                    campaign_id=campaign_id,
                    variant="A",
                    taken_on=THURSDAY + timedelta(days=5),
                    sent=10_000,
                    delivered=9_800,
                    unique_opens=3_100,
                    total_opens=4_000,
                    unique_clicks=250,
                    total_clicks=300,
                    revenue=Decimal("1234.50"),
                    source=StatSource.TYPED,
                ),
                StatBreakdown(
                    campaign_id=campaign_id, dimension="domain", key="orange.fr", delivered=900
                ),
                StatAnalysis(campaign_id=campaign_id, decisions="Relancer les non-ouvreurs"),
            ]
        )
    with workspace.session() as session:
        snap, _ = campaigns.delete_campaign(session, campaign_id)
    with workspace.reader() as session:
        assert session.scalars(select(StatSnapshot)).all() == []

    with workspace.session() as session:
        campaigns.restore(session, snap)
    with workspace.reader() as session:
        figures = session.scalars(select(StatSnapshot)).one()
        assert (figures.variant, figures.delivered, figures.revenue) == ("A", 9_800, 1234.5)
        assert session.scalars(select(StatBreakdown.key)).all() == ["orange.fr"]
        analysis = session.get(StatAnalysis, campaign_id)
        assert analysis is not None and analysis.decisions == "Relancer les non-ouvreurs"


def test_rescheduling_keeps_the_wall_clock_time_across_a_dst_change(
    workspace: Workspace, client_id: int
) -> None:
    winter = date(2026, 3, 20)
    campaign_id = plan(workspace, client_id, winter, at=time(10, 0))
    summer = date(2026, 4, 3)

    with workspace.session() as session:
        campaigns.reschedule(session, campaign_id, summer)
        moved = session.get(Campaign, campaign_id)
        assert moved is not None
        assert moved.planned_send_at == datetime(2026, 4, 3, 8, 0, tzinfo=UTC)
    data = load(workspace, campaign_id)
    assert (data.send_date, data.send_time) == (summer, time(10, 0))


def test_rescheduling_onto_a_time_that_does_not_exist_that_day_is_refused(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, date(2026, 3, 22), at=time(2, 30))

    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.reschedule(session, campaign_id, date(2026, 3, 29))

    assert codes(refused) == {"time_skipped"}
    assert load(workspace, campaign_id).send_date == date(2026, 3, 22)


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        pytest.param(date(2026, 1, 15), 9, id="winter"),
        pytest.param(date(2026, 7, 15), 8, id="summer"),
    ],
)
def test_a_send_at_ten_in_paris_reads_back_at_ten(
    workspace: Workspace, client_id: int, day: date, utc_hour: int
) -> None:
    campaign_id = plan(workspace, client_id, day, at=time(10, 0))

    with workspace.session() as session:
        stored = session.execute(
            text("SELECT planned_send_at FROM campaigns WHERE id = :id"), {"id": campaign_id}
        ).scalar_one()
        (row,) = campaigns.list_campaigns(session)
    assert str(stored).startswith(f"{day} {utc_hour:02d}:00:00"), "stored in UTC"
    assert load(workspace, campaign_id).send_time == time(10, 0)
    assert (row.send_at.date(), row.send_at.hour, row.send_at.minute) == (day, 10, 0)
    assert str(row.send_at.tzinfo) == "Europe/Paris"


def test_a_send_planned_in_montreal_reads_back_on_montreal_time(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, THURSDAY, at=time(18, 0), timezone="America/Montreal")
    data = load(workspace, campaign_id)
    assert (data.send_date, data.send_time, data.timezone) == (
        THURSDAY,
        time(18, 0),
        "America/Montreal",
    )


def test_a_relance_after_its_parent_is_accepted(workspace: Workspace, setting: Setting) -> None:
    with workspace.session() as session:
        relance_id, _ = campaigns.create(session, setting.relance())
    assert load(workspace, relance_id).parent_id == setting.promo_id


@pytest.mark.parametrize(
    "typed",
    ["Éditions Lumière", "éditions lumière", "ÉDITIONS LUMIÈRE"],
    ids=["as-named", "lower-case", "upper-case"],
)
def test_the_campaigns_of_a_client_are_found_by_its_name_in_any_case(
    workspace: Workspace, setting: Setting, typed: str
) -> None:
    with workspace.session() as session:
        rows = campaigns.list_campaigns(session, typed)
    assert [(r.client, r.name) for r in rows] == [("Éditions Lumière", "Offre de printemps")]


# --- refusals: each names the problem and writes nothing ----------------------------------------


Build = Callable[[Setting], CampaignInput]
REFUSALS: list[tuple[str, Build, str]] = [
    ("empty name", lambda s: s.newsletter(name=""), "name_empty"),
    ("blank name", lambda s: s.newsletter(name="   \t"), "name_empty"),
    ("name too long", lambda s: s.newsletter(name="N" * 201), "name_too_long"),
    ("unknown client", lambda s: s.newsletter(client_id=9_999), "client_missing"),
    ("unknown time zone", lambda s: s.newsletter(timezone="Europe/Atlantis"), "timezone_unknown"),
    (
        "time skipped by DST",
        lambda s: s.newsletter(send_date=date(2026, 3, 29), send_time=time(2, 30)),
        "time_skipped",
    ),
    (
        "segment of another client",
        lambda s: s.newsletter(segment_ids=(s.segment_ids[0], s.other_segment_id)),
        "segment_foreign",
    ),
    (
        "segment that does not exist",
        lambda s: s.newsletter(segment_ids=(9_999,)),
        "segment_foreign",
    ),
    ("parent of another client", lambda s: s.relance(parent_id=s.other_promo_id), "parent_foreign"),
    ("parent that does not exist", lambda s: s.relance(parent_id=9_999), "parent_invalid"),
    (
        "relance before its parent",
        lambda s: s.relance(send_date=THURSDAY - timedelta(days=1)),
        "follow_up_before_parent",
    ),
    (
        "relance at the same time as its parent",
        lambda s: s.relance(send_date=THURSDAY),
        "follow_up_before_parent",
    ),
    (
        "erratum before its parent",
        lambda s: s.relance(type=CampaignType.ERRATUM, send_time=time(9, 59), send_date=THURSDAY),
        "follow_up_before_parent",
    ),
    ("negative volume", lambda s: s.newsletter(volume=-1), "volume_negative"),
]


@pytest.mark.parametrize(
    ("build", "code"), [pytest.param(b, c, id=label) for label, b, c in REFUSALS]
)
def test_a_refused_campaign_names_its_problem_and_writes_nothing(
    workspace: Workspace, setting: Setting, build: Build, code: str
) -> None:
    before = row_counts(workspace)

    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.create(session, build(setting))

    assert codes(refused) == {code}
    assert row_counts(workspace) == before


def test_every_problem_is_reported_at_once(workspace: Workspace, setting: Setting) -> None:
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.create(session, setting.newsletter(name=" ", volume=-5, timezone="Nowhere/City"))
    assert {(p.field, p.code) for p in refused.value.problems} == {
        ("name", "name_empty"),
        ("timezone", "timezone_unknown"),
        ("volume", "volume_negative"),
    }


def test_a_refused_edit_leaves_the_campaign_as_it_was(
    workspace: Workspace, setting: Setting
) -> None:
    before = load(workspace, setting.promo_id)
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.update(session, setting.promo_id, replace(before, name=""))
    assert codes(refused) == {"name_empty"}
    assert load(workspace, setting.promo_id) == before


def test_a_campaign_cannot_follow_itself(workspace: Workspace, setting: Setting) -> None:
    data = replace(load(workspace, setting.promo_id), parent_id=setting.promo_id)
    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.update(session, setting.promo_id, data)
    assert codes(refused) == {"parent_invalid"}
    assert load(workspace, setting.promo_id).parent_id is None


def test_moving_a_campaign_after_its_relance_is_refused(
    workspace: Workspace, setting: Setting
) -> None:
    """Dragging the parent past its relance would leave a relance sent before what it follows."""
    with workspace.session() as session:
        relance_id, _ = campaigns.create(session, setting.relance())
    relance_day = load(workspace, relance_id).send_date

    with pytest.raises(ValidationError) as refused, workspace.session() as session:
        campaigns.reschedule(session, setting.promo_id, relance_day + timedelta(days=1))

    assert codes(refused) == {"parent_after_follow_up"}

    assert load(workspace, setting.promo_id).send_date == THURSDAY


# --- what the database guarantees on its own ----------------------------------------------------


def _send_at() -> datetime:
    return datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


ORM_WRITES: list[tuple[str, Callable[[int], object]]] = [
    ("pressure cap of zero", lambda c: Client(name="Cap zéro", pressure_cap=0)),
    ("blank client name", lambda c: Client(name="   ")),
    ("negative BAT offset", lambda c: Client(name="Offsets", bat_offset_days=-1)),
    ("negative segment size", lambda c: Segment(client_id=c, name="Vide", estimated_size=-1)),
    (
        "blank campaign name",
        lambda c: Campaign(client_id=c, name=" ", planned_send_at=_send_at()),
    ),
    (
        "negative volume",
        lambda c: Campaign(client_id=c, name="Promo", planned_send_at=_send_at(), volume=-3),
    ),
    (
        "campaign of a client that does not exist",
        lambda c: Campaign(client_id=9_999, name="Promo", planned_send_at=_send_at()),
    ),
    (
        "campaign that is its own parent",
        lambda c: Campaign(
            id=500, parent_id=500, client_id=c, name="Promo", planned_send_at=_send_at()
        ),
    ),
]


@pytest.mark.parametrize("make", [pytest.param(make, id=label) for label, make in ORM_WRITES])
def test_the_database_refuses_invalid_rows_even_without_the_services(
    workspace: Workspace, client_id: int, make: Callable[[int], object]
) -> None:
    before = row_counts(workspace)
    with pytest.raises(IntegrityError), workspace.session() as session:
        session.add(make(client_id))
        session.flush()
    assert row_counts(workspace) == before


def test_deleting_a_client_deletes_its_campaigns_and_segments_in_the_database(
    workspace: Workspace, setting: Setting
) -> None:
    plan(workspace, setting.client_id, THURSDAY, segment_ids=setting.segment_ids)

    with workspace.session() as session:
        session.execute(delete(Client).where(Client.id == setting.client_id))

    assert row_counts(workspace) == {"campaigns": 1, "links": 0, "clients": 1, "segments": 1}
    with workspace.session() as session:
        assert [r.client for r in campaigns.list_campaigns(session)] == ["Maison Verlaine"]


def test_deleting_a_parent_in_the_database_unlinks_its_relances(
    workspace: Workspace, setting: Setting
) -> None:
    with workspace.session() as session:
        relance_id, _ = campaigns.create(session, setting.relance())
        session.execute(delete(Campaign).where(Campaign.id == setting.promo_id))
    assert load(workspace, relance_id).parent_id is None
