"""The checklist follows the chain: each event the app records settles its item, with who and
when, an undo takes the tick back, and a state the operator set by hand is never overridden."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from crmdesk.core import chain, checklists, clients, operators
from crmdesk.core.bat import rounds
from crmdesk.core.briefs import service as brief_service
from crmdesk.core.db import Workspace
from crmdesk.core.models import BatDecision, ChecklistState, RecapSend
from crmdesk.core.operators import ProfileInput
from crmdesk.core.stats import service as stats_service
from crmdesk.core.stats.figures import Figures
from tests.conftest import plan
from tests.core.test_briefs import COMPLETE

SEND_DAY = date(2026, 3, 19)
CLEAN = (
    "<!doctype html><html lang='fr'><head><title>Printemps</title></head><body>"
    "<p>Bonjour</p><a href='https://editions-lumiere.fr/printemps?utm_source=brevo'>"
    "Je m'abonne</a><p>Offre valable en France métropolitaine.</p>"
    "<p>Vous recevez cet e-mail car vous êtes inscrit(e) à notre newsletter. "
    "Désinscription à tout moment via le lien en bas de page.</p>"
    "<a href='https://example.com/desinscription'>Se désinscrire</a>"
    "</body></html>"
)


def _items(workspace: Workspace, campaign_id: int) -> dict[str, checklists.ItemView]:
    with workspace.reader() as session:
        checklist = checklists.load_checklist(session, campaign_id, SEND_DAY)
    return {item.event: item for item in checklist.items if item.event}


def _me(workspace: Workspace, name: str = "Camille Moreau") -> None:
    with workspace.session() as session:
        operators.save_my_profile(session, ProfileInput(name=name))


def _bat(workspace: Workspace, campaign_id: int, tmp_path: Path) -> int:
    email = tmp_path / "bat.html"
    email.write_text(CLEAN, encoding="utf-8")
    with workspace.session() as session:
        round_id, _ = rounds.import_file(session, campaign_id, email, "Camille Moreau")
    return round_id


def test_the_default_template_names_every_event_once() -> None:
    events = [item.event for item in checklists.default_template() if item.event]
    assert sorted(events) == sorted(chain.EVENTS)


def test_each_event_ticks_its_item_with_who_and_why(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    _me(workspace)
    campaign_id = plan(workspace, client_id, SEND_DAY)
    assert {item.state for item in _items(workspace, campaign_id).values()} == {ChecklistState.TODO}

    with workspace.session() as session:
        brief_service.save(session, campaign_id, COMPLETE, "sitting-1")
    brief = _items(workspace, campaign_id)[chain.BRIEF]
    assert brief.state is ChecklistState.DONE and brief.by_check
    assert brief.done_by == "Camille Moreau" and brief.done_at is not None
    assert brief.note("fr") == "Brief complet (100\u00a0%)"

    round_id = _bat(workspace, campaign_id, tmp_path)
    built = _items(workspace, campaign_id)[chain.BAT_IMPORTED]
    assert built.state is ChecklistState.DONE
    assert built.note("fr") == "BAT 1 importé (bat.html)"
    assert _items(workspace, campaign_id)[chain.BAT_SENT].state is ChecklistState.TODO

    with workspace.session() as session:
        rounds.record_send(
            session, round_id, "studio", ["client@example.com"], "", "Camille Moreau"
        )
    assert _items(workspace, campaign_id)[chain.BAT_SENT].note("en") == "BAT 1 sent as a test"

    with workspace.session() as session:
        rounds.decide(session, round_id, BatDecision.CHANGES_REQUESTED, "Camille Moreau")
    asked = _items(workspace, campaign_id)[chain.BAT_APPROVED]
    assert asked.state is ChecklistState.FAILED
    assert asked.note("fr") == "Modifications demandées sur le BAT 1"

    with workspace.session() as session:
        rounds.decide(session, round_id, BatDecision.APPROVED, "Camille Moreau")
    approved = _items(workspace, campaign_id)[chain.BAT_APPROVED]
    assert approved.state is ChecklistState.DONE
    assert approved.note("fr") == "BAT 1 validé"

    with workspace.session() as session:
        stats_service.save_snapshot(
            session, campaign_id, SEND_DAY + timedelta(days=1), Figures(sent=2000)
        )
    assert _items(workspace, campaign_id)[chain.STATS].state is ChecklistState.TODO  # D+1 only
    with workspace.session() as session:
        snapshot_id, _ = stats_service.save_snapshot(
            session,
            campaign_id,
            SEND_DAY + timedelta(days=5),
            Figures(
                sent=2000,
                delivered=1980,
                unique_opens=700,
                total_opens=900,
                total_clicks=95,
                unique_clicks=80,
                revenue=Decimal("120"),
            ),
        )
    assert _items(workspace, campaign_id)[chain.STATS].note("fr") == "Chiffres à J+5 enregistrés"

    with workspace.session() as session:
        stats_service.set_decisions(session, campaign_id, "Relancer les non-ouvreurs")
    assert _items(workspace, campaign_id)[chain.DECISIONS].state is ChecklistState.DONE

    with workspace.session() as session:
        session.add(
            RecapSend(
                campaign_id=campaign_id,
                account="studio",
                recipients=["client@example.com"],
                sent_by="Camille Moreau",
            )
        )
    assert _items(workspace, campaign_id)[chain.RECAP_SENT].state is ChecklistState.DONE
    # Only the operator knows the send went out: the app never decides it.
    assert _items(workspace, campaign_id)[chain.SENT].state is ChecklistState.TODO

    with workspace.session() as session:
        stats_service.delete_snapshot(session, snapshot_id)
    assert _items(workspace, campaign_id)[chain.STATS].state is ChecklistState.TODO


def test_an_undone_decision_takes_its_tick_back(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    round_id = _bat(workspace, campaign_id, tmp_path)
    with workspace.session() as session:
        before, _ = rounds.decide(session, round_id, BatDecision.APPROVED, "Camille")
    assert _items(workspace, campaign_id)[chain.BAT_APPROVED].state is ChecklistState.DONE
    with workspace.session() as session:
        rounds.undo_decision(session, before)
    item = _items(workspace, campaign_id)[chain.BAT_APPROVED]
    assert (item.state, item.done_by, item.done_at, item.note("en")) == (
        ChecklistState.TODO,
        "",
        None,
        "",
    )


def test_the_operators_word_stands_over_the_event(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    item_id = _items(workspace, campaign_id)[chain.BAT_APPROVED].id
    with workspace.session() as session:
        checklists.set_state(
            session, item_id, ChecklistState.NOT_APPLICABLE, "Camille", "validé par téléphone"
        )
    round_id = _bat(workspace, campaign_id, tmp_path)
    with workspace.session() as session:
        rounds.decide(session, round_id, BatDecision.CHANGES_REQUESTED, "Camille")
    item = _items(workspace, campaign_id)[chain.BAT_APPROVED]
    assert item.state is ChecklistState.NOT_APPLICABLE and not item.by_check
    assert item.comment == "validé par téléphone"


def test_a_rolled_back_write_ticks_nothing(workspace: Workspace, client_id: int) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    try:
        with workspace.session() as session:
            brief_service.save(session, campaign_id, COMPLETE, "sitting-1")
            raise RuntimeError("the disk went away")
    except RuntimeError:
        pass
    assert _items(workspace, campaign_id)[chain.BRIEF].state is ChecklistState.TODO
    with workspace.session() as session:
        stats_service.set_decisions(session, campaign_id, "")
    assert _items(workspace, campaign_id)[chain.BRIEF].state is ChecklistState.TODO


def test_new_charters_run_the_checks_of_the_latest_round_again(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    campaign_id = plan(workspace, client_id, SEND_DAY)
    round_id = _bat(workspace, campaign_id, tmp_path)
    with workspace.reader() as session:
        editorial = next(
            i
            for i in checklists.load_checklist(session, campaign_id, SEND_DAY).items
            if i.check == "editorial"
        )
        assert not rounds.open_errors(rounds.load_round(session, round_id).findings)
    assert editorial.state is ChecklistState.DONE

    with workspace.session() as session:
        kept = clients.charters(session, client_id)
        previous, changes = clients.update_charters(
            session, client_id, replace(kept, banned_words=("Bonjour",))
        )
    assert changes.checklist and changes.bat
    with workspace.reader() as session:
        items = checklists.load_checklist(session, campaign_id, SEND_DAY).items
        editorial = next(i for i in items if i.check == "editorial")
        assert editorial.state is ChecklistState.FAILED
        assert "1 erreur" in editorial.note("fr")
        # The other checks keep what they found: only the charter checks ran again.
        assert next(i for i in items if i.check == "weight").state is ChecklistState.DONE
        assert len(rounds.open_errors(rounds.load_round(session, round_id).findings)) == 1

    with workspace.session() as session:
        clients.update_charters(session, client_id, previous)
    with workspace.reader() as session:
        items = checklists.load_checklist(session, campaign_id, SEND_DAY).items
        assert next(i for i in items if i.check == "editorial").state is ChecklistState.DONE
