"""Campaign checklists: created from the right template, due days that follow the send, states
with who and when, overdue items, and nothing lost across a reschedule or an undone delete."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crmdesk.core import calendar, campaigns, checklists
from crmdesk.core.briefs import service as brief_service
from crmdesk.core.briefs.content import BriefContent, Cta
from crmdesk.core.checklists import TemplateItem
from crmdesk.core.checks.model import Tone
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError
from crmdesk.core.models import (
    CampaignType,
    ChecklistPhase,
    ChecklistRole,
    ChecklistState,
    Client,
)
from tests.conftest import plan

SEND_DAY = date(2026, 12, 9)  # a Wednesday


def _checklist(workspace: Workspace, campaign_id: int, today: date) -> checklists.Checklist:
    with workspace.reader() as session:
        return checklists.load_checklist(session, campaign_id, today)


def test_a_new_campaign_gets_the_default_checklist_in_both_languages(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    checklist = _checklist(workspace, campaign_id, date(2026, 11, 1))
    assert checklist.total == len(checklists.default_template()) >= 20
    assert [p.phase for p in checklist.phases] == list(ChecklistPhase)
    labels = {item.label("fr") for item in checklist.items}
    assert "BAT validé par le client" in labels
    assert "BAT approved by the client" in {item.label("en") for item in checklist.items}
    assert checklist.closed == 0 and checklist.overdue == 0


def test_due_days_count_from_the_send_and_skip_weekends() -> None:
    assert checklists.due_day(SEND_DAY, -2) == date(2026, 12, 7)  # Monday
    assert checklists.due_day(SEND_DAY, -3) == date(2026, 12, 4)  # Sunday → Friday
    assert checklists.due_day(SEND_DAY, 5) == date(2026, 12, 14)  # Monday 14 (14 is Monday)
    assert checklists.due_day(date(2026, 12, 10), 5) == date(2026, 12, 15)
    assert checklists.due_day(date(2026, 12, 8), 5) == date(2026, 12, 14)  # Sunday → Monday
    assert checklists.due_day(SEND_DAY, 0) == SEND_DAY


def test_rescheduling_moves_the_due_days(workspace: Workspace, client_id: int) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    with workspace.session() as session:
        campaigns.reschedule(session, campaign_id, date(2026, 12, 16))
    checklist = _checklist(workspace, campaign_id, date(2026, 11, 1))
    bat = next(i for i in checklist.items if i.label_en == "BAT approved by the client")
    assert bat.due_on == date(2026, 12, 14)


def test_a_client_template_for_a_type_wins_over_the_default(
    workspace: Workspace, client_id: int
) -> None:
    mine = (
        TemplateItem(
            "Legal OK", "Validation juridique", ChecklistPhase.BAT, ChecklistRole.CLIENT, -4
        ),
        TemplateItem("Links", "Liens", ChecklistPhase.PRODUCTION, ChecklistRole.CRM, -3, "links"),
    )
    with workspace.session() as session:
        assert checklists.save_template(session, client_id, CampaignType.PROMO, mine) is None
    promo = plan(workspace, client_id, SEND_DAY, type=CampaignType.PROMO)
    newsletter = plan(workspace, client_id, SEND_DAY, name="Other")
    assert [i.label_fr for i in _checklist(workspace, promo, SEND_DAY).items] == [
        "Liens",
        "Validation juridique",
    ]
    assert _checklist(workspace, newsletter, SEND_DAY).total == len(checklists.default_template())
    with workspace.reader() as session:
        choice = checklists.template_for(session, client_id, CampaignType.PROMO)
    assert not choice.is_default and choice.items == mine


def test_a_template_without_labels_is_refused_and_nothing_is_saved(
    workspace: Workspace, client_id: int
) -> None:
    bad = (TemplateItem(" ", "", ChecklistPhase.BAT, ChecklistRole.CRM),)
    with pytest.raises(ValidationError, match="no label"), workspace.session() as session:
        checklists.save_template(session, client_id, None, bad)
    with workspace.reader() as session:
        assert checklists.template_for(session, client_id, None).is_default


def test_ticking_records_who_and_when_and_undo_restores(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    item = _checklist(workspace, campaign_id, SEND_DAY).items[0]
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    with workspace.session() as session:
        previous, changes = checklists.set_state(
            session, item.id, ChecklistState.DONE, "Camille", "vu avec Léa", when
        )
    assert campaign_id in changes.campaign_ids
    ticked = _checklist(workspace, campaign_id, SEND_DAY).items[0]
    assert (ticked.state, ticked.done_by, ticked.done_at, ticked.comment) == (
        ChecklistState.DONE,
        "Camille",
        when,
        "vu avec Léa",
    )
    assert _checklist(workspace, campaign_id, SEND_DAY).phases[0].closed == 1
    with workspace.session() as session:
        checklists.restore_state(session, item.id, previous)
    back = _checklist(workspace, campaign_id, SEND_DAY).items[0]
    assert (back.state, back.done_by, back.done_at, back.comment) == (
        ChecklistState.TODO,
        "",
        None,
        "",
    )


def test_overdue_items_are_open_items_past_their_due_day(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    today = date(2026, 12, 8)  # the day before the send: strategy to BAT are all past due
    checklist = _checklist(workspace, campaign_id, today)
    past = [i for i in checklist.items if i.due_on < today]
    assert checklist.overdue == len(past) > 0
    with workspace.session() as session:
        checklists.set_state(session, past[0].id, ChecklistState.DONE, "me")
        checklists.set_state(session, past[1].id, ChecklistState.NOT_APPLICABLE, "me")
        checklists.set_state(session, past[2].id, ChecklistState.FAILED, "me")
    with workspace.reader() as session:
        counts = checklists.overdue_counts(session, today)
        listed = checklists.overdue_checklists(session, today)
        entry = calendar.period(session, SEND_DAY, SEND_DAY, today=today).entries[0]
    assert counts == {campaign_id: len(past) - 2}  # failed still needs doing
    assert entry.overdue_items == len(past) - 2
    assert [(o.campaign_id, o.count) for o in listed] == [(campaign_id, len(past) - 2)]
    assert listed[0].oldest_due == min(i.due_on for i in past[2:])


def test_undoing_a_delete_brings_the_checklist_back(workspace: Workspace, client_id: int) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    item = _checklist(workspace, campaign_id, SEND_DAY).items[3]
    with workspace.session() as session:
        checklists.set_state(session, item.id, ChecklistState.DONE, "Camille", "ok")
    with workspace.session() as session:
        snap, _ = campaigns.delete_campaign(session, campaign_id)
    with workspace.reader() as session:
        assert checklists.overdue_counts(session, date(2027, 1, 1)) == {}
    with workspace.session() as session:
        campaigns.restore(session, snap)
    again = _checklist(workspace, campaign_id, SEND_DAY)
    assert again.total == len(checklists.default_template())
    assert next(i for i in again.items if i.id == item.id).comment == "ok"


def test_the_check_context_carries_the_charters_and_the_brief(
    workspace: Workspace, client_id: int
) -> None:
    campaign_id = plan(
        workspace, client_id, SEND_DAY, name="Soldes d'hiver", subject="-20 % sur tout"
    )
    with workspace.session() as session:
        client = session.get(Client, client_id)
        assert client is not None
        client.tone = "vous"
        client.banned_words = ["pas cher"]
        client.palette = ["#C8102E", "#ffffff"]
        client.utm_convention = "utm_source=newsletter&utm_campaign={campaign}"
        content = BriefContent(
            ctas=(Cta("J'en profite", "https://example.fr/soldes"),),
            mandatory_mentions="Offre valable jusqu'au 31/01.\nVoir conditions en magasin.",
        )
        brief_service.save(session, campaign_id, content, editing_session="t")
    with workspace.reader() as session:
        context = checklists.check_context(session, campaign_id)
    assert context.subject == "-20 % sur tout"
    assert context.campaign_slug == "soldes-d-hiver"
    assert context.charters.tone is Tone.VOUS
    assert context.charters.palette == ("#c8102e", "#ffffff")
    assert context.charters.banned_words == ("pas cher",)
    assert context.brief_cta_urls == ("https://example.fr/soldes",)
    assert context.brief_mentions == (
        "Offre valable jusqu'au 31/01.",
        "Voir conditions en magasin.",
    )
