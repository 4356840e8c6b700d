"""BAT rounds: numbered per campaign, snapshots stored once by content, findings at import,
feedback, decisions that move the campaign, approvals over open errors only by an override
that records them and who accepted them, and nothing lost when a campaign is deleted and
brought back."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from crmdesk.core import campaigns, checklists
from crmdesk.core.bat import rounds
from crmdesk.core.bat.snapshot import EmailSnapshot, SnapshotFile
from crmdesk.core.checks.model import Severity
from crmdesk.core.db import Workspace
from crmdesk.core.errors import NotFound, ValidationError
from crmdesk.core.models import BatBlob, BatDecision, BatRound, CampaignStatus, ChecklistState
from tests.conftest import plan

SEND_DAY = date(2026, 12, 9)
LOGO = b"\x89PNG\r\n\x1a\n" + b"logo" * 50
#: The newsletter brief's mandatory mention: without it the import checks find an error.
MENTION = (
    "<p>Vous recevez cet e-mail car vous êtes inscrit(e) à notre newsletter. Désinscription à"
    " tout moment via le lien en bas de page.</p>"
)


def _email(body: str, *, name: str = "bat.html", logo: bytes = LOGO) -> EmailSnapshot:
    html = (
        "<!doctype html><html lang='fr'><head><title>Soldes d'hiver</title></head><body>"
        f"<img src='images/logo.png' alt='Logo' width='120'>{body}"
        "<a href='https://example.com/desinscription'>Se désinscrire</a></body></html>"
    )
    return EmailSnapshot(
        source_name=name,
        kind="html",
        entry="index.html",
        subject="Soldes d'hiver : -50 %",
        files=(
            SnapshotFile("index.html", "text/html", html.encode()),
            SnapshotFile("images/logo.png", "image/png", logo),
        ),
    )


@pytest.fixture
def campaign_id(workspace: Workspace, client_id: int) -> int:
    return plan(
        workspace, client_id, SEND_DAY, name="Soldes d'hiver", status=CampaignStatus.PRODUCTION
    )


def _import(workspace: Workspace, campaign_id: int, snapshot: EmailSnapshot) -> int:
    with workspace.session() as session:
        round_id, changes = rounds.import_snapshot(session, campaign_id, snapshot, "Léa")
    assert campaign_id in changes.campaign_ids
    return round_id


def _status(workspace: Workspace, campaign_id: int) -> CampaignStatus:
    with workspace.reader() as session:
        return campaigns.load(session, campaign_id).status


def test_each_import_is_the_next_round_and_identical_files_are_stored_once(
    workspace: Workspace, campaign_id: int
) -> None:
    first = _import(workspace, campaign_id, _email("<p>Bonjour</p>"))
    second = _import(workspace, campaign_id, _email("<p>Bonjour à tous</p>"))
    with workspace.reader() as session:
        listed = rounds.rounds(session, campaign_id)
        blobs = session.scalar(select(func.count()).select_from(BatBlob))
        assert rounds.round_id_for(session, campaign_id) == second
        assert rounds.round_id_for(session, campaign_id, 1) == first
        view = rounds.load_round(session, second)
    assert [r.number for r in listed] == [1, 2]
    assert listed[0].created_by == "Léa" and listed[0].decision is BatDecision.PENDING
    assert blobs == 3  # two HTML files, one logo shared by both rounds
    assert "Bonjour à tous" in view.html
    assert view.subject == "Soldes d'hiver : -50 %"


def test_a_round_only_serves_its_own_files(workspace: Workspace, campaign_id: int) -> None:
    first = _import(workspace, campaign_id, _email("<p>1</p>", logo=LOGO + b"v1"))
    second = _import(workspace, campaign_id, _email("<p>2</p>", logo=LOGO + b"v2"))
    with workspace.reader() as session:
        assert rounds.read_file(session, first, "images/logo.png") == ("image/png", LOGO + b"v1")
        assert rounds.read_file(session, second, "images/logo.png") == ("image/png", LOGO + b"v2")
        assert rounds.read_file(session, first, "../images/logo.png") is None
        assert rounds.read_file(session, first, "/etc/passwd") is None
        snapshot = rounds.snapshot_of(session, second)
    assert snapshot.file("images/logo.png").data == LOGO + b"v2"  # type: ignore[union-attr]


def test_the_findings_at_import_are_kept_and_tick_the_checklist(
    workspace: Workspace, campaign_id: int
) -> None:
    broken = _email("<p>Bonjour</p><a href=''>Voir</a><img src='x.png'>")
    round_id = _import(workspace, campaign_id, broken)
    with workspace.reader() as session:
        view = rounds.load_round(session, round_id)
        checklist = checklists.load_checklist(session, campaign_id, date(2026, 12, 1))
    assert {f.check_id for f in view.findings} >= {"links.empty", "images.alt_missing"}
    links_item = next(i for i in checklist.items if i.check == "links")
    assert links_item.state is ChecklistState.FAILED


def test_a_proof_moves_the_campaign_to_bat_and_approval_to_approved(
    workspace: Workspace, campaign_id: int
) -> None:
    round_id = _import(workspace, campaign_id, _email("<p>Bonjour</p>" + MENTION))
    assert _status(workspace, campaign_id) is CampaignStatus.BAT
    with workspace.session() as session:
        previous, _ = rounds.decide(session, round_id, BatDecision.APPROVED, "Marion (client)")
        assert session.get(BatRound, round_id).override_findings == []  # nothing to override
    assert _status(workspace, campaign_id) is CampaignStatus.APPROVED
    with workspace.reader() as session:
        summary = rounds.rounds(session, campaign_id)[0]
    assert summary.decision is BatDecision.APPROVED and summary.decided_by == "Marion (client)"
    assert summary.decided_at is not None

    with workspace.session() as session:
        rounds.decide(session, round_id, BatDecision.CHANGES_REQUESTED, "Marion (client)")
    assert _status(workspace, campaign_id) is CampaignStatus.BAT

    with workspace.session() as session:
        rounds.undo_decision(session, previous)
    assert _status(workspace, campaign_id) is CampaignStatus.BAT
    with workspace.reader() as session:
        assert rounds.rounds(session, campaign_id)[0].decision is BatDecision.PENDING


def test_feedback_is_kept_with_its_author_and_target_and_can_be_taken_back(
    workspace: Workspace, campaign_id: int
) -> None:
    round_id = _import(workspace, campaign_id, _email("<p>Bonjour</p>"))
    with workspace.session() as session:
        feedback_id, _ = rounds.add_feedback(
            session, round_id, "Marion", "Le logo est flou", "images/logo.png"
        )
        with pytest.raises(ValidationError):
            rounds.add_feedback(session, round_id, "Marion", "   ")
    with workspace.session() as session:
        kept, _ = rounds.remove_feedback(session, feedback_id)
    with workspace.reader() as session:
        assert rounds.load_round(session, round_id).feedback == ()
    with workspace.session() as session:
        rounds.restore_feedback(session, round_id, kept)
    with workspace.reader() as session:
        (entry,) = rounds.load_round(session, round_id).feedback
    assert (entry.author, entry.text, entry.target) == (
        "Marion",
        "Le logo est flou",
        "images/logo.png",
    )


def test_deleting_a_campaign_and_undoing_brings_its_rounds_back(
    workspace: Workspace, campaign_id: int
) -> None:
    round_id = _import(workspace, campaign_id, _email("<p>Bonjour</p>"))
    with workspace.session() as session:
        rounds.add_feedback(session, round_id, "Marion", "OK pour moi")
        rounds.record_send(session, round_id, "Perso", ["marion@example.com"], "Camille", "Léa")
    with workspace.session() as session:
        snap, _ = campaigns.delete_campaign(session, campaign_id)
    with workspace.reader() as session:
        with pytest.raises(NotFound):
            rounds.round_id_for(session, campaign_id)
    with workspace.session() as session:
        campaigns.restore(session, snap)
    with workspace.reader() as session:
        view = rounds.load_round(session, rounds.round_id_for(session, campaign_id))
        assert rounds.read_file(session, view.id, "images/logo.png") == ("image/png", LOGO)
    assert view.feedback[0].text == "OK pour moi"
    assert view.sends[0].recipients == ("marion@example.com",)


def test_an_unknown_campaign_or_round_is_named(workspace: Workspace) -> None:
    with workspace.session() as session:
        with pytest.raises(NotFound, match="999"):
            rounds.import_snapshot(session, 999, _email("<p>x</p>"))
        with pytest.raises(NotFound):
            rounds.load_round(session, 999)


def _override(workspace: Workspace, round_id: int) -> list[dict[str, object]]:
    with workspace.reader() as session:
        row = session.get(BatRound, round_id)
        assert row is not None
        return list(row.override_findings)


def test_approving_over_open_errors_needs_an_override_that_records_them_and_who(
    workspace: Workspace, campaign_id: int
) -> None:
    broken = _email("<p>Bonjour</p><a href=''>Voir</a>")  # an empty link, no mandatory mention
    round_id = _import(workspace, campaign_id, broken)
    with workspace.reader() as session:
        errors = rounds.load_round(session, round_id).open_errors
    assert errors and all(f.severity is Severity.ERROR for f in errors)

    with workspace.session() as session:
        with pytest.raises(rounds.OverrideNeeded) as refused:
            rounds.decide(session, round_id, BatDecision.APPROVED, "Léa")
    assert refused.value.findings == errors and refused.value.number == 1
    assert "BAT 1" in refused.value.message
    assert _status(workspace, campaign_id) is CampaignStatus.BAT  # nothing written
    with workspace.reader() as session:
        assert rounds.rounds(session, campaign_id)[0].decision is BatDecision.PENDING

    with workspace.session() as session:
        previous, _ = rounds.decide(session, round_id, BatDecision.APPROVED, "Léa", override=True)
    assert _status(workspace, campaign_id) is CampaignStatus.APPROVED
    assert _override(workspace, round_id) == [f.to_json() for f in errors]
    with workspace.reader() as session:
        view = rounds.load_round(session, round_id)
        summary = rounds.rounds(session, campaign_id)[0]
    assert view.override_findings == errors and view.decided_by == "Léa"
    assert view.decided_at is not None
    assert summary.overridden == len(errors)

    with workspace.session() as session:
        rounds.undo_decision(session, previous)
    assert _override(workspace, round_id) == []
    assert _status(workspace, campaign_id) is CampaignStatus.BAT
    with workspace.reader() as session:
        view = rounds.load_round(session, round_id)
    assert view.decision is BatDecision.PENDING and view.decided_by == ""


def test_requesting_changes_needs_no_override_and_clears_a_previous_one(
    workspace: Workspace, campaign_id: int
) -> None:
    round_id = _import(workspace, campaign_id, _email("<p>Bonjour</p><a href=''>Voir</a>"))
    with workspace.session() as session:
        rounds.decide(session, round_id, BatDecision.APPROVED, "Léa", override=True)
    assert _override(workspace, round_id)
    with workspace.session() as session:
        previous, _ = rounds.decide(session, round_id, BatDecision.CHANGES_REQUESTED, "Marion")
    assert _override(workspace, round_id) == []
    with workspace.session() as session:
        rounds.undo_decision(session, previous)  # back to the approval and its override
    assert _override(workspace, round_id)
    with workspace.reader() as session:
        assert rounds.load_round(session, round_id).decided_by == "Léa"


def test_a_replaced_round_or_a_repeated_decision_is_nothing_to_decide(
    workspace: Workspace, campaign_id: int
) -> None:
    first = _import(workspace, campaign_id, _email("<p>Bonjour</p>" + MENTION))
    with workspace.session() as session:
        rounds.decide(session, first, BatDecision.CHANGES_REQUESTED, "Marion")
        with pytest.raises(rounds.NothingToDecide) as again:
            rounds.decide(session, first, BatDecision.CHANGES_REQUESTED, "Marion")
    assert again.value.code == "already"
    second = _import(workspace, campaign_id, _email("<p>Bonjour à tous</p>" + MENTION))
    with workspace.session() as session:
        with pytest.raises(rounds.NothingToDecide) as old:
            rounds.decide(session, first, BatDecision.APPROVED, "Marion")
        rounds.decide(session, second, BatDecision.APPROVED, "Marion")
    assert old.value.code == "superseded"
    with workspace.reader() as session:
        decisions = [r.decision for r in rounds.rounds(session, campaign_id)]
    assert decisions == [BatDecision.CHANGES_REQUESTED, BatDecision.APPROVED]
    assert rounds.decision_blocker(BatDecision.PENDING, 2, 2, BatDecision.APPROVED) is None
    assert rounds.decision_blocker(BatDecision.PENDING, 1, 2, BatDecision.APPROVED) == "superseded"


def test_an_override_survives_deleting_the_campaign_and_bringing_it_back(
    workspace: Workspace, campaign_id: int
) -> None:
    round_id = _import(workspace, campaign_id, _email("<p><a href=''>Voir</a></p>"))
    with workspace.session() as session:
        rounds.decide(session, round_id, BatDecision.APPROVED, "Léa", override=True)
    kept = _override(workspace, round_id)
    with workspace.session() as session:
        snap, _ = campaigns.delete_campaign(session, campaign_id)
    with workspace.session() as session:
        campaigns.restore(session, snap)
    assert kept and _override(workspace, round_id) == kept
