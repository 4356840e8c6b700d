"""Briefs: completeness rules, history coalesced per sitting, diff, restore, search."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from crmdesk.core import campaigns, checklists, clients, fts
from crmdesk.core.briefs import service
from crmdesk.core.briefs.completeness import BriefContext, completeness, url_problem
from crmdesk.core.briefs.content import BriefContent, Cta, KpiTargets, Tone
from crmdesk.core.briefs.diff import diff
from crmdesk.core.db import Workspace
from crmdesk.core.errors import ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import Brief, CampaignType, ChecklistItem
from tests.conftest import plan

SEND = date(2026, 3, 19)
COMPLETE = BriefContent(
    primary_objective="Vendre 2 000 abonnements",
    kpi_targets=KpiTargets(click_rate=3.5),
    ctas=(Cta("Je m'abonne", "https://editions-lumiere.fr/printemps?utm_source=brevo"),),
    tone=Tone.VOUS,
    offer="-40 % sur tous nos magazines",
    offer_valid_until=date(2026, 3, 31),
    bat_due=date(2026, 3, 17),
    mandatory_mentions="Offre valable en France métropolitaine.",
)


def codes(brief: BriefContent, context: BriefContext | None = None) -> set[str]:
    context = context or BriefContext(send_day=SEND)
    return {p.code for p in completeness(brief, context).problems}


# -- completeness, rule by rule ---------------------------------------------------------------


def test_a_complete_brief_scores_100_with_nothing_to_fix() -> None:
    result = completeness(COMPLETE, BriefContext(send_day=SEND, mention_required=True))
    assert result.complete and result.score == 100


def test_a_one_line_brief_lists_everything_missing() -> None:
    one_line = BriefContent(notes="l'offre de printemps est à -40 % sur tous nos magazines")
    result = completeness(one_line, BriefContext(send_day=SEND, mention_required=True))
    assert {p.code for p in result.problems} == {
        "no_objective",
        "no_kpi_target",
        "no_cta",
        "no_tone",
        "mention_missing",
    }
    assert result.score == 0


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"primary_objective": "  "}, "no_objective", "primary_objective"),
        ({"kpi_targets": KpiTargets()}, "no_kpi_target", "kpi_targets"),
        ({"ctas": ()}, "no_cta", "ctas"),
        ({"ctas": (Cta("Je m'abonne", ""),)}, "cta_without_url", "ctas"),
        ({"ctas": (Cta("Je m'abonne", "http://editions-lumiere.fr"),)}, "url_not_https", "ctas"),
        ({"ctas": (Cta("Je m'abonne", "editions lumiere"),)}, "url_invalid", "ctas"),
        ({"tone": None}, "no_tone", "tone"),
        ({"offer_valid_until": date(2026, 3, 18)}, "offer_ends_before_send", "offer_valid_until"),
        ({"bat_due": date(2026, 3, 20)}, "bat_after_send", "bat_due"),
    ],
)
def test_each_rule_names_the_field_to_fix(change: dict, code: str, field: str) -> None:
    result = completeness(replace(COMPLETE, **change), BriefContext(send_day=SEND))
    assert [(p.code, p.field) for p in result.problems] == [(code, field)]
    assert 0 < result.score < 100


def test_the_mandatory_mention_is_required_only_when_the_client_requires_one() -> None:
    silent = replace(COMPLETE, mandatory_mentions="")
    assert "mention_missing" not in codes(silent, BriefContext(send_day=SEND))
    assert "mention_missing" in codes(silent, BriefContext(send_day=SEND, mention_required=True))


def test_a_cta_problem_points_at_the_cta_concerned() -> None:
    brief = replace(COMPLETE, ctas=(COMPLETE.ctas[0], Cta("Voir", "http://x.fr")))
    (problem,) = completeness(brief, BriefContext(send_day=SEND)).problems
    assert problem.index == 1 and "Voir" in problem.message


def test_url_checks() -> None:
    assert url_problem("https://cycles-aubrac.fr/vae") is None
    assert url_problem("http://cycles-aubrac.fr") == "url_not_https"
    assert url_problem("www.cycles-aubrac.fr") == "url_invalid"
    assert url_problem("javascript:alert(1)") == "url_invalid"


def test_content_survives_a_round_trip_through_json() -> None:
    assert BriefContent.from_dict(COMPLETE.to_dict()) == COMPLETE
    # A document from an older crmdesk without some fields still loads.
    assert BriefContent.from_dict({"context": "x"}).context == "x"


# -- saving, versions, restore ----------------------------------------------------------------


@pytest.fixture
def campaign_id(workspace: Workspace, client_id: int) -> int:
    return plan(workspace, client_id, SEND, name="Offre de printemps", type=CampaignType.PROMO)


def save(workspace: Workspace, campaign_id: int, content: BriefContent, sitting: str, at=None):  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        return service.save(session, campaign_id, content, sitting, now=at)


def test_a_brief_with_only_kpi_targets_saves(workspace: Workspace, campaign_id: int) -> None:
    only_targets = BriefContent(kpi_targets=KpiTargets(open_rate=25.0, click_rate=3.0))
    outcome = save(workspace, campaign_id, only_targets, "sitting-1")
    assert outcome.version == 1
    with workspace.reader() as session:
        assert service.load(session, campaign_id).content.kpi_targets.click_rate == 3.0


def test_the_saves_of_one_sitting_coalesce_into_one_version(
    workspace: Workspace, campaign_id: int
) -> None:
    first = save(workspace, campaign_id, BriefContent(context="Printemps"), "sitting-1")
    second = save(workspace, campaign_id, BriefContent(context="Printemps 2026"), "sitting-1")
    third = save(
        workspace, campaign_id, BriefContent(context="Printemps 2026", tone=Tone.VOUS), "sitting-2"
    )
    assert (first.version, second.version, third.version) == (1, 1, 2)
    assert second.coalesced and not third.coalesced
    with workspace.reader() as session:
        history = service.versions(session, campaign_id)
        assert [v.number for v in history] == [2, 1]
        assert history[0].changed == ("tone",)
        assert history[1].changed == ("context",)
        assert service.version_content(session, campaign_id, 1).context == "Printemps 2026"


def test_restoring_a_version_is_a_new_version_and_can_itself_be_undone(
    workspace: Workspace, campaign_id: int
) -> None:
    save(workspace, campaign_id, BriefContent(context="v1"), "a")
    save(workspace, campaign_id, BriefContent(context="v2"), "b")
    with workspace.session() as session:
        outcome = service.restore(session, campaign_id, 1)
    assert outcome.version == 3
    with workspace.reader() as session:
        assert service.load(session, campaign_id).content.context == "v1"
        newest = service.versions(session, campaign_id)[0]
        assert newest.restored_from == 1
    with workspace.session() as session:  # undo the restore: restore the version before it
        service.restore(session, campaign_id, 2)
    with workspace.reader() as session:
        assert service.load(session, campaign_id).content.context == "v2"
        assert len(service.versions(session, campaign_id)) == 4


def test_a_save_after_a_restore_starts_a_new_version(
    workspace: Workspace, campaign_id: int
) -> None:
    save(workspace, campaign_id, BriefContent(context="v1"), "a")
    save(workspace, campaign_id, BriefContent(context="v2"), "a2")
    with workspace.session() as session:
        service.restore(session, campaign_id, 1)
    outcome = save(workspace, campaign_id, BriefContent(context="v1 edited"), "a2")
    assert outcome.version == 4 and not outcome.coalesced


def test_diff_shows_what_changed_field_by_field() -> None:
    before = BriefContent(context="Printemps\nMagazines", ctas=(Cta("Go", "https://a.fr"),))
    after = BriefContent(context="Printemps\nMagazines et BD", ctas=(Cta("Go", "https://b.fr"),))
    fields = {d.field: d for d in diff(before, after)}
    assert set(fields) == {"context", "ctas"}
    rows = fields["context"].side_by_side()
    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("equal", "Printemps", "Printemps"),
        ("changed", "Magazines", "Magazines et BD"),
    ]


def test_a_50_mb_paste_is_refused_and_the_brief_is_unchanged(
    workspace: Workspace, campaign_id: int
) -> None:
    save(workspace, campaign_id, BriefContent(notes="court"), "a")
    with pytest.raises(ValidationError) as refused:
        save(workspace, campaign_id, BriefContent(notes="x" * 50_000_000), "a")
    assert refused.value.problems[0].code == "text_too_long"
    with workspace.reader() as session:
        assert service.load(session, campaign_id).content.notes == "court"
        assert len(service.versions(session, campaign_id)) == 1


def test_a_new_brief_starts_from_the_clients_template_or_the_shipped_one(
    workspace: Workspace, client_id: int, campaign_id: int
) -> None:
    with workspace.reader() as session:
        shipped = service.load(session, campaign_id)
    assert not shipped.exists
    assert shipped.content.tone is Tone.VOUS and shipped.content.ctas  # the shipped promo template
    with workspace.session() as session:
        service.save_as_template(
            session, client_id, CampaignType.PROMO, "Promo Lumière", replace(COMPLETE, tone=Tone.TU)
        )
    with workspace.reader() as session:
        own = service.load(session, campaign_id).content
    assert own.tone is Tone.TU
    assert own.offer_valid_until is None  # dates are not carried by a template


def test_deleting_a_campaign_and_undoing_brings_its_brief_and_history_back(
    workspace: Workspace, campaign_id: int
) -> None:
    save(workspace, campaign_id, BriefContent(context="v1"), "a")
    save(workspace, campaign_id, BriefContent(context="v2 magazines"), "b")
    with workspace.session() as session:
        snapshot, _ = campaigns.delete_campaign(session, campaign_id)
    with workspace.reader() as session:
        assert fts.search(session, "magazines") == []
    with workspace.session() as session:
        campaigns.restore(session, snapshot)
    with workspace.reader() as session:
        assert service.load(session, campaign_id).content.context == "v2 magazines"
        assert [v.number for v in service.versions(session, campaign_id)] == [2, 1]
        assert [h.campaign_id for h in fts.search(session, "magazines")] == [campaign_id]


# -- search -----------------------------------------------------------------------------------


def test_search_finds_briefs_and_campaigns_and_follows_edits(
    workspace: Workspace, client_id: int, campaign_id: int
) -> None:
    other = plan(workspace, client_id, SEND + timedelta(days=7), name="Newsletter S13")
    save(
        workspace,
        campaign_id,
        BriefContent(context="Rentrée littéraire", key_message="Les magazines à prix doux"),
        "a",
    )
    with workspace.reader() as session:
        hits = fts.search(session, "magaz")  # a prefix is enough
        assert [(h.campaign_id, h.field) for h in hits] == [(campaign_id, "key_message")]
        assert "[magazines]" in hits[0].snippet
        assert [h.campaign_id for h in fts.search(session, "newsletter")] == [other]
        accents_aside = fts.search(session, "rentree litteraire")
        assert [(h.campaign_id, h.field) for h in accents_aside] == [(campaign_id, "context")]
    save(workspace, campaign_id, BriefContent(key_message="Les livres à prix doux"), "b")
    with workspace.reader() as session:
        assert fts.search(session, "magazines") == []
        assert [h.field for h in fts.search(session, "livres")] == ["key_message"]


def test_renaming_a_campaign_updates_the_search(workspace: Workspace, campaign_id: int) -> None:
    with workspace.session() as session:
        data = campaigns.load(session, campaign_id)
        campaigns.update(session, campaign_id, replace(data, name="Vente flash"))
    with workspace.reader() as session:
        assert [h.campaign_id for h in fts.search(session, "flash")] == [campaign_id]
        assert fts.search(session, "printemps") == []


def test_search_words_that_look_like_fts_syntax_are_plain_words(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.reader() as session:
        for query in ('printemps"', "NOT printemps", "print*", "(", "AND OR", ""):
            fts.search(session, query)  # no syntax error reaches the user
        assert [h.campaign_id for h in fts.search(session, "NOT printemps")] == []


def test_a_client_that_requires_a_mention_makes_an_empty_one_a_problem(
    workspace: Workspace,
) -> None:
    with workspace.session() as session:
        strict, _ = clients.create_client(session, "Banque Horizon", mention_required=True)
    campaign = plan(workspace, strict, SEND, name="Livret A")
    with workspace.reader() as session:
        state = service.load(session, campaign)
    assert state.context == BriefContext(
        send_day=SEND, mention_required=True, bat_day=date(2026, 3, 17)
    )
    assert "mention_missing" not in codes(state.content, state.context)  # template has one
    assert "mention_missing" in codes(replace(state.content, mandatory_mentions=""), state.context)


def test_saved_at_is_the_given_instant(workspace: Workspace, campaign_id: int) -> None:
    at = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    save(workspace, campaign_id, BriefContent(context="x"), "a", at)
    with workspace.reader() as session:
        assert service.versions(session, campaign_id)[0].saved_at == at


# -- the campaign's dates ---------------------------------------------------------------------


def bat_deadline(workspace: Workspace, campaign_id: int) -> date:
    """The due day of "BAT approved by the client" in the campaign's own checklist."""
    with workspace.reader() as session:
        loaded = checklists.load_checklist(session, campaign_id, SEND)
    return next(i.due_on for i in loaded.items if i.label_en == "BAT approved by the client")


def test_the_brief_shows_the_campaigns_send_day_and_its_checklists_bat_deadline(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.reader() as session:
        state = service.load(session, campaign_id)
    assert state.content.send_due == SEND
    assert state.content.bat_due == bat_deadline(workspace, campaign_id) == date(2026, 3, 17)
    assert (state.context.send_day, state.context.bat_day) == (SEND, date(2026, 3, 17))


def test_dates_saved_in_a_brief_are_replaced_by_the_campaigns_and_not_listed_as_changes(
    workspace: Workspace, campaign_id: int
) -> None:
    drifted = replace(COMPLETE, bat_due=date(2026, 3, 2), send_due=date(2026, 4, 1))
    save(workspace, campaign_id, drifted, "sitting-1")
    with workspace.reader() as session:
        stored = service.version_content(session, campaign_id, 1)
        history = service.versions(session, campaign_id)
    assert (stored.send_due, stored.bat_due) == (SEND, date(2026, 3, 17))
    assert "bat_due" not in history[0].changed and "send_due" not in history[0].changed


def test_moving_the_campaign_moves_the_briefs_dates(workspace: Workspace, campaign_id: int) -> None:
    save(workspace, campaign_id, COMPLETE, "sitting-1")
    later = date(2026, 3, 30)  # a Monday: the BAT approval falls on the Friday before
    with workspace.session() as session:
        campaigns.reschedule(session, campaign_id, later)
    with workspace.reader() as session:
        state = service.load(session, campaign_id)
    assert state.content.send_due == later
    assert state.content.bat_due == bat_deadline(workspace, campaign_id) == date(2026, 3, 27)
    assert state.context.bat_day == date(2026, 3, 27)

    # The move brought the stored copy (read by the brief's PDF) in step, without a version.
    with workspace.session() as session:
        campaign = get_campaign(session, campaign_id)
        assert not service.follow_campaign(session, campaign)
    with workspace.reader() as session:
        stored = session.scalar(select(Brief.content).where(Brief.campaign_id == campaign_id))
        assert (stored["send_due"], stored["bat_due"]) == ("2026-03-30", "2026-03-27")
        assert [v.number for v in service.versions(session, campaign_id)] == [1]


def test_a_campaign_without_a_checklist_yet_takes_the_bat_deadline_from_its_template(
    workspace: Workspace, campaign_id: int
) -> None:
    with workspace.session() as session:
        session.execute(delete(ChecklistItem).where(ChecklistItem.campaign_id == campaign_id))
    with workspace.reader() as session:
        state = service.load(session, campaign_id)
    assert state.content.bat_due == checklists.due_day(SEND, -2) == date(2026, 3, 17)
