"""The chain keeps the checklist true: items that one of the app's own events settles (a brief
at 100 %, a BAT imported, sent, approved, D+5 figures, the decisions, the recap sent) follow
what the workspace records, whoever made it happen and by whichever path.

Why a session hook rather than a call in each service: the same facts change through the
window, the command line, an import and every undo; a hook on the writing session sees them
all, so no path can forget the checklist, and an undo that takes a fact back takes its tick
back with it. The state of each such item is derived from the facts, never counted up, so it
cannot drift.

A state a person set by hand (done, failed or not applicable, not by the app) is never
overridden: the operator's word stands over the app's inference.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from crmdesk.core.changes import Changes
from crmdesk.core.models import (
    BatDecision,
    BatRound,
    BatSend,
    Brief,
    Campaign,
    ChecklistItem,
    ChecklistState,
    RecapSend,
    StatAnalysis,
    StatSnapshot,
    utcnow,
)
from crmdesk.core.timezones import wall_clock

#: The events of the chain, in its order; a template item names one in its ``event``.
BRIEF = "brief"
BAT_IMPORTED = "bat_imported"
BAT_SENT = "bat_sent"
BAT_APPROVED = "bat_approved"
#: The send went out: only the operator knows (the ESP is not connected), so the app asks
#: once the send day has passed and never decides it alone.
SENT = "sent"
STATS = "stats"
DECISIONS = "decisions"
RECAP_SENT = "recap_sent"
EVENTS = (BRIEF, BAT_IMPORTED, BAT_SENT, BAT_APPROVED, SENT, STATS, DECISIONS, RECAP_SENT)

#: Figures taken at least this many days after the send are the D+5 tracking.
STATS_DAYS = 5

_PENDING = "crmdesk.chain.pending"
_PAUSED = "crmdesk.chain.paused"
_MOVED = "crmdesk.chain.moved"
_PENDING_ROUNDS = "crmdesk.chain.rounds"
_WATCHED = (Brief, BatRound, StatSnapshot, StatAnalysis, RecapSend)


@dataclass(frozen=True)
class Settled:
    """What the facts say of one event: the state its item takes and why, as data."""

    state: ChecklistState
    note: dict[str, Any]


def _iso(moment: datetime | date | None) -> str:
    return moment.isoformat() if moment is not None else ""


def _brief(session: Session, campaign: Campaign) -> Settled | None:
    from crmdesk.core.briefs import service as brief_service
    from crmdesk.core.briefs.completeness import completeness
    from crmdesk.core.briefs.content import BriefContent

    row = session.scalar(select(Brief).where(Brief.campaign_id == campaign.id))
    if row is None:
        return None
    score = completeness(
        BriefContent.from_dict(row.content), brief_service.context_of(session, campaign)
    )
    if not score.complete:
        return None
    return Settled(ChecklistState.DONE, {"event": BRIEF, "score": score.score})


def _rounds(session: Session, campaign_id: int) -> list[BatRound]:
    return list(
        session.scalars(
            select(BatRound).where(BatRound.campaign_id == campaign_id).order_by(BatRound.number)
        )
    )


def _bat_imported(rounds: list[BatRound]) -> Settled | None:
    if not rounds:
        return None
    first = rounds[0]
    return Settled(
        ChecklistState.DONE,
        {"event": BAT_IMPORTED, "round": first.number, "source": first.source_name},
    )


def _bat_sent(session: Session, rounds: list[BatRound]) -> Settled | None:
    if not rounds:
        return None
    by_id = {r.id: r for r in rounds}
    send = session.scalar(
        select(BatSend)
        .where(BatSend.round_id.in_(by_id))
        .order_by(BatSend.sent_at.desc(), BatSend.id.desc())
        .limit(1)
    )
    if send is None:
        return None
    return Settled(
        ChecklistState.DONE,
        {
            "event": BAT_SENT,
            "round": by_id[send.round_id].number,
            "recipients": len(send.recipients or ()),
        },
    )


def _bat_approved(rounds: list[BatRound]) -> Settled | None:
    if not rounds:
        return None
    latest = rounds[-1]
    if latest.decision is BatDecision.APPROVED:
        note: dict[str, Any] = {"event": BAT_APPROVED, "round": latest.number}
        if latest.override_findings:
            note["override"] = len(latest.override_findings)
        return Settled(ChecklistState.DONE, note)
    if latest.decision is BatDecision.CHANGES_REQUESTED:
        return Settled(
            ChecklistState.FAILED,
            {"event": BAT_APPROVED, "round": latest.number, "changes": True},
        )
    return None


def _stats(session: Session, campaign: Campaign) -> Settled | None:
    send_day = wall_clock(campaign.planned_send_at, campaign.send_timezone).date()
    taken = session.scalar(
        select(func.max(StatSnapshot.taken_on)).where(
            StatSnapshot.campaign_id == campaign.id,
            StatSnapshot.taken_on >= send_day + timedelta(days=STATS_DAYS),
        )
    )
    if taken is None:
        return None
    return Settled(
        ChecklistState.DONE,
        {"event": STATS, "day": (taken - send_day).days, "taken_on": _iso(taken)},
    )


def _decisions(session: Session, campaign_id: int) -> Settled | None:
    text = session.scalar(
        select(StatAnalysis.decisions).where(StatAnalysis.campaign_id == campaign_id)
    )
    if not (text or "").strip():
        return None
    return Settled(ChecklistState.DONE, {"event": DECISIONS})


def _recap_sent(session: Session, campaign_id: int) -> Settled | None:
    send = session.scalar(
        select(RecapSend)
        .where(RecapSend.campaign_id == campaign_id)
        .order_by(RecapSend.sent_at.desc(), RecapSend.id.desc())
        .limit(1)
    )
    if send is None:
        return None
    return Settled(
        ChecklistState.DONE,
        {"event": RECAP_SENT, "recipients": len(send.recipients or ()), "at": _iso(send.sent_at)},
    )


def settled(session: Session, campaign: Campaign, wanted: Iterable[str]) -> dict[str, Settled]:
    """What the workspace's facts settle among ``wanted`` events (absent: nothing yet)."""
    wanted = set(wanted)
    found: dict[str, Settled | None] = {}
    rounds = (
        _rounds(session, campaign.id) if wanted & {BAT_IMPORTED, BAT_SENT, BAT_APPROVED} else []
    )
    if BRIEF in wanted:
        found[BRIEF] = _brief(session, campaign)
    if BAT_IMPORTED in wanted:
        found[BAT_IMPORTED] = _bat_imported(rounds)
    if BAT_SENT in wanted:
        found[BAT_SENT] = _bat_sent(session, rounds)
    if BAT_APPROVED in wanted:
        found[BAT_APPROVED] = _bat_approved(rounds)
    if STATS in wanted:
        found[STATS] = _stats(session, campaign)
    if DECISIONS in wanted:
        found[DECISIONS] = _decisions(session, campaign.id)
    if RECAP_SENT in wanted:
        found[RECAP_SENT] = _recap_sent(session, campaign.id)
    return {name: value for name, value in found.items() if value is not None}


def set_by_hand(item: ChecklistItem) -> bool:
    """A person's word on the item: the app leaves it as it is."""
    return not item.by_check and item.state is not ChecklistState.TODO


def follow(
    session: Session, campaign_id: int, who: str | None = None, now: datetime | None = None
) -> int:
    """Bring the campaign's event items in line with its facts; returns how many moved.

    An item the facts settle takes their state, with who and when, and the event in its note;
    one the app had settled whose fact is gone (an undo, a deletion) goes back to "to do".
    """
    items = [
        item
        for item in session.scalars(
            select(ChecklistItem).where(
                ChecklistItem.campaign_id == campaign_id, ChecklistItem.event != ""
            )
        )
        if item.event != SENT and not set_by_hand(item)
    ]
    if not items:
        return 0
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        return 0
    facts = settled(session, campaign, {item.event for item in items})
    moved = 0
    for item in items:
        fact = facts.get(item.event)
        if fact is None:
            if item.by_check:
                item.state, item.by_check = ChecklistState.TODO, False
                item.done_by, item.done_at, item.auto_note = "", None, None
                moved += 1
            continue
        if item.by_check and item.state is fact.state and item.auto_note == fact.note:
            continue
        if who is None:
            from crmdesk.core.operators import who as operator

            who = operator(session)
        item.state, item.by_check, item.auto_note = fact.state, True, fact.note
        item.done_by, item.done_at = who[:120], now or utcnow()
        moved += 1
    return moved


# --- the session hook ------------------------------------------------------------------


def pause(session: Session) -> None:
    """Let a bulk writer (the demo, thousands of campaigns) settle what it wants itself with
    :func:`follow`, rather than every campaign it touched at commit."""
    session.info[_PAUSED] = True


def _collect(session: Session, _context: object) -> None:
    if session.info.get(_PAUSED):
        return
    pending: set[int] = session.info.setdefault(_PENDING, set())
    rounds: set[int] = session.info.setdefault(_PENDING_ROUNDS, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, _WATCHED):
            campaign_id = obj.campaign_id
            if campaign_id is not None:
                pending.add(campaign_id)
        elif isinstance(obj, BatSend) and obj.round_id is not None:
            rounds.add(obj.round_id)


def _collect_bulk(state: Any) -> None:
    """Bulk inserts (an undo putting rows back) bypass the flush: read their rows."""
    if not state.is_insert or state.session.info.get(_PAUSED):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", "")
    if name not in {model.__tablename__ for model in _WATCHED}:
        return
    rows = state.parameters
    pending: set[int] = state.session.info.setdefault(_PENDING, set())
    for row in rows if isinstance(rows, list) else [rows]:
        if isinstance(row, dict) and row.get("campaign_id") is not None:
            pending.add(int(row["campaign_id"]))


def _before_commit(session: Session) -> None:
    if session.info.pop(_PAUSED, None):
        return
    session.flush()
    pending: set[int] = session.info.pop(_PENDING, set())
    rounds: set[int] = session.info.pop(_PENDING_ROUNDS, set())
    if rounds:
        pending |= set(session.scalars(select(BatRound.campaign_id).where(BatRound.id.in_(rounds))))
    if not pending:
        return
    from crmdesk.core.operators import who as operator

    who, now = operator(session), utcnow()
    moved = {cid for cid in sorted(pending) if follow(session, cid, who, now)}
    session.info[_MOVED] = session.info.get(_MOVED, frozenset()) | moved
    session.flush()
    session.info.pop(_PENDING, None)
    session.info.pop(_PENDING_ROUNDS, None)


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_MOVED, None)
    session.info.pop(_PAUSED, None)
    session.info.pop(_PENDING, None)
    session.info.pop(_PENDING_ROUNDS, None)


def moved(session: Session) -> Changes:
    """What the chain ticked in ``session``'s transaction, for the window to announce with the
    write that caused it (a brief saved also moves the checklist)."""
    ids = session.info.get(_MOVED, frozenset())
    return Changes(checklist=True, campaign_ids=frozenset(ids)) if ids else Changes()


def install(sessions: sessionmaker[Session]) -> None:
    """Make every writing session of ``sessions`` keep the checklist in step with the chain."""
    event.listen(sessions, "after_flush", _collect)
    event.listen(sessions, "do_orm_execute", _collect_bulk)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_rollback", _forget)
