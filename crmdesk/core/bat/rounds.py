"""BAT rounds: each import of a campaign's email is a new round holding its own snapshot.

Snapshot files are stored once by SHA-256 in ``bat_blobs``, inside the workspace: the online
backup carries them, two rounds sharing a logo share its bytes, and a preview reads a round's
files from the database, never from the disk the email came from. Blobs are never deleted with
a round, so undoing a deleted round or campaign only has to bring the rows back.

A round records the check findings at import time (and ticks the checklist like any check
run), the feedback written during the review, and the decision with who and when. Approving a
round moves the campaign to ``approved``; importing a proof moves a campaign still in
production to ``bat``.

Decisions are guarded here, so the window, the review mode and the command line agree: a round
with error findings open is approved only with an explicit override, which keeps those findings
on the round beside who accepted them and when; a round replaced by a later one, or deciding
what was already decided, is refused (see :func:`decision_blocker`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crmdesk.core import checklists
from crmdesk.core.bat.snapshot import EmailSnapshot, Notice, SnapshotFile
from crmdesk.core.changes import Changes
from crmdesk.core.checks.model import Finding, Severity
from crmdesk.core.checks.parse import decode_html
from crmdesk.core.errors import CrmdeskError, FieldProblem, NotFound, ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    BatBlob,
    BatDecision,
    BatFeedback,
    BatFile,
    BatRound,
    BatSend,
    CampaignStatus,
    utcnow,
)

if TYPE_CHECKING:
    from crmdesk.core.bat.diff import RoundDiff

FEEDBACK_MAX = 10_000
TARGET_MAX = 500


@dataclass(frozen=True)
class RoundSummary:
    id: int
    number: int
    created_at: datetime
    created_by: str
    source_name: str
    subject: str
    decision: BatDecision
    decided_by: str
    decided_at: datetime | None
    errors: int
    warnings: int
    #: How many error findings the approval overrode (0 when none, or not approved).
    overridden: int = 0


@dataclass(frozen=True)
class FeedbackEntry:
    id: int
    author: str
    text: str
    target: str
    created_at: datetime


@dataclass(frozen=True)
class SendRecord:
    account: str
    recipients: tuple[str, ...]
    persona: str
    sent_by: str
    sent_at: datetime


@dataclass(frozen=True)
class RoundView:
    id: int
    campaign_id: int
    client_id: int
    campaign_name: str
    campaign_subject: str
    number: int
    created_at: datetime
    created_by: str
    source_name: str
    subject: str
    entry: str
    remote_allowed: bool
    decision: BatDecision
    decided_by: str
    decided_at: datetime | None
    notices: tuple[Notice, ...]
    findings: tuple[Finding, ...]
    feedback: tuple[FeedbackEntry, ...]
    sends: tuple[SendRecord, ...]
    html: str
    #: Content id → snapshot path, for the preview's ``cid:`` images.
    content_ids: dict[str, str]
    #: The error findings still open when the round was approved anyway; with ``decided_by``
    #: and ``decided_at``, who accepted them and when.
    override_findings: tuple[Finding, ...] = ()
    #: The number of the campaign's latest round: only that one can still be decided.
    latest_number: int = 0

    @property
    def open_errors(self) -> tuple[Finding, ...]:
        return open_errors(self.findings)


@dataclass(frozen=True)
class DecisionState:
    """What :func:`decide` replaced, for its undo."""

    round_id: int
    decision: BatDecision
    decided_by: str
    decided_at: datetime | None
    campaign_status: CampaignStatus
    #: The override the decision replaced (its findings' ``to_json()``), empty when none.
    override_findings: tuple[dict[str, object], ...] = ()


class OverrideNeeded(CrmdeskError):
    """Approving a round whose import checks found errors: nothing was written.

    The errors are carried so the window can list them and the command line print them before
    asking again with ``override=True``; approving a broken email must be a choice someone
    makes knowingly and under their name, never a slip of the mouse."""

    def __init__(self, round_id: int, number: int, findings: tuple[Finding, ...]) -> None:
        count = len(findings)
        listed = "; ".join(f.message_en for f in findings)
        super().__init__(
            f"BAT {number} still has {count} error{'s' if count != 1 else ''} open ({listed}). "
            "Approving it anyway records them as an override under your name."
        )
        self.round_id = round_id
        self.number = number
        self.findings = findings


class NothingToDecide(CrmdeskError):
    """A decision that would change nothing or land on the wrong round; nothing was written.

    ``code`` picks the UI's sentence: ``"superseded"`` (a later round replaced this one, the
    client decides on that one) or ``"already"`` (the round already has this decision)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def open_errors(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """The error findings of a round: what an approval has to override."""
    return tuple(f for f in findings if f.severity is Severity.ERROR)


def decision_blocker(
    current: BatDecision, number: int, latest: int, wanted: BatDecision
) -> str | None:
    """Why ``wanted`` cannot be recorded on round ``number`` (of ``latest``) now, or None.

    One rule for :func:`decide` and for the window, which disables the button and says why
    instead of letting a click fail."""
    if number < latest:
        return "superseded"
    if wanted is not BatDecision.PENDING and current is wanted:
        return "already"
    return None


def _latest_number(session: Session, campaign_id: int) -> int:
    return (
        session.scalar(select(func.max(BatRound.number)).where(BatRound.campaign_id == campaign_id))
        or 0
    )


def _round(session: Session, round_id: int) -> BatRound:
    row = session.get(BatRound, round_id)
    if row is None:
        raise NotFound(f"No BAT round with id {round_id}.")
    return row


def _changes(campaign_id: int, *, status: bool = False, checklist: bool = False) -> Changes:
    """A round changed; ``status`` when the campaign's may have moved with it, ``checklist``
    when its items followed a check run."""
    return Changes(
        bat=True, campaigns=status, checklist=checklist, campaign_ids=frozenset({campaign_id})
    )


def _store_blob(session: Session, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if session.get(BatBlob, digest) is None:
        session.add(BatBlob(sha256=digest, size=len(data), data=data))
    return digest


def import_file(
    session: Session, campaign_id: int, path: Path, who: str = ""
) -> tuple[int, Changes]:
    """Read an .html, .eml or .zip and make it the campaign's next round.

    An .eml is checked whole, so the sender rules (List-Unsubscribe…) see its headers.
    """
    from crmdesk.core.bat.snapshot import read_email

    get_campaign(session, campaign_id)  # a wrong id is reported before the file is read
    snapshot = read_email(path)
    original = path.read_bytes() if snapshot.kind == "eml" else None
    return import_snapshot(session, campaign_id, snapshot, who, original_eml=original)


def import_snapshot(
    session: Session,
    campaign_id: int,
    snapshot: EmailSnapshot,
    who: str = "",
    *,
    original_eml: bytes | None = None,
    now: datetime | None = None,
) -> tuple[int, Changes]:
    from crmdesk.core.checks.engine import check_bytes

    campaign = get_campaign(session, campaign_id)
    now = now or utcnow()
    context = checklists.check_context(session, campaign_id)
    if original_eml is not None:
        report = check_bytes(original_eml, snapshot.source_name, kind="eml", context=context)
    else:
        report = check_bytes(
            snapshot.html_bytes(), snapshot.source_name, kind="html", context=context
        )
    counts = report.counts()
    number = _latest_number(session, campaign_id) + 1
    row = BatRound(
        campaign_id=campaign_id,
        number=number,
        created_at=now,
        created_by=who[:120],
        source_name=PurePath(snapshot.source_name).name[:300],
        source_kind=snapshot.kind,
        entry=snapshot.entry,
        subject=(snapshot.subject or report.subject or "")[:300],
        notices=[n.to_json() for n in snapshot.notices],
        findings=[f.to_json() for f in report.findings],
        errors=counts.get(Severity.ERROR, 0),
        warnings=counts.get(Severity.WARNING, 0),
    )
    session.add(row)
    session.flush()
    for file in snapshot.files:
        session.add(
            BatFile(
                round_id=row.id,
                path=file.path,
                content_id=file.content_id,
                media_type=file.media_type,
                sha256=_store_blob(session, file.data),
            )
        )
    checklists.record_run(session, campaign_id, report, now)
    if campaign.status.rank < CampaignStatus.BAT.rank:
        campaign.status = CampaignStatus.BAT
    return row.id, _changes(campaign_id, status=True, checklist=True)


def _summary(row: BatRound) -> RoundSummary:
    return RoundSummary(
        row.id,
        row.number,
        row.created_at,
        row.created_by,
        row.source_name,
        row.subject,
        row.decision,
        row.decided_by,
        row.decided_at,
        row.errors,
        row.warnings,
        len(row.override_findings or ()),
    )


def rounds(session: Session, campaign_id: int) -> list[RoundSummary]:
    """The campaign's rounds, BAT 1 first."""
    rows = session.scalars(
        select(BatRound).where(BatRound.campaign_id == campaign_id).order_by(BatRound.number)
    )
    return [_summary(row) for row in rows]


def round_id_for(session: Session, campaign_id: int, number: int | None = None) -> int:
    """The id of BAT ``number`` of a campaign, or of its latest round."""
    campaign = get_campaign(session, campaign_id)
    query = select(BatRound.id).where(BatRound.campaign_id == campaign_id)
    if number is None:
        query = query.order_by(BatRound.number.desc()).limit(1)
    else:
        query = query.where(BatRound.number == number)
    found = session.scalar(query)
    if found is None:
        which = "no BAT round yet" if number is None else f"no BAT {number}"
        raise NotFound(f"Campaign “{campaign.name}” has {which}.")
    return found


def load_round(session: Session, round_id: int) -> RoundView:
    row = _round(session, round_id)
    campaign = get_campaign(session, row.campaign_id)
    entry = next((f for f in row.files if f.path == row.entry), None)
    blob = session.get(BatBlob, entry.sha256) if entry else None
    html = decode_html(blob.data) if blob else ""
    sends = session.scalars(
        select(BatSend).where(BatSend.round_id == round_id).order_by(BatSend.sent_at)
    )
    return RoundView(
        id=row.id,
        campaign_id=row.campaign_id,
        client_id=campaign.client_id,
        campaign_name=campaign.name,
        campaign_subject=campaign.subject,
        number=row.number,
        created_at=row.created_at,
        created_by=row.created_by,
        source_name=row.source_name,
        subject=row.subject,
        entry=row.entry,
        remote_allowed=row.remote_allowed,
        decision=row.decision,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        notices=tuple(Notice.from_json(n) for n in row.notices),
        findings=tuple(Finding.from_json(f) for f in row.findings),
        feedback=tuple(
            FeedbackEntry(f.id, f.author, f.text, f.target, f.created_at) for f in row.feedback
        ),
        sends=tuple(
            SendRecord(s.account, tuple(s.recipients), s.persona, s.sent_by, s.sent_at)
            for s in sends
        ),
        html=html,
        content_ids={f.content_id: f.path for f in row.files if f.content_id},
        override_findings=tuple(Finding.from_json(f) for f in row.override_findings or ()),
        latest_number=_latest_number(session, row.campaign_id),
    )


def snapshot_of(session: Session, round_id: int) -> EmailSnapshot:
    """The round's email as it was imported, every file's bytes included (test sends, diff)."""
    row = _round(session, round_id)
    blobs = {
        b.sha256: b.data
        for b in session.scalars(
            select(BatBlob).where(BatBlob.sha256.in_({f.sha256 for f in row.files}))
        )
    }
    return EmailSnapshot(
        source_name=row.source_name,
        kind=row.source_kind,
        entry=row.entry,
        subject=row.subject,
        files=tuple(
            SnapshotFile(f.path, f.media_type, blobs[f.sha256], f.content_id) for f in row.files
        ),
        notices=tuple(Notice.from_json(n) for n in row.notices),
    )


def read_file(session: Session, round_id: int, path: str) -> tuple[str, bytes] | None:
    """One file of one round, for the preview: nothing outside the round's snapshot exists."""
    found = session.execute(
        select(BatFile.media_type, BatBlob.data)
        .join(BatBlob, BatBlob.sha256 == BatFile.sha256)
        .where(BatFile.round_id == round_id, BatFile.path == path)
    ).first()
    return None if found is None else (found[0], found[1])


def add_feedback(
    session: Session, round_id: int, author: str, text: str, target: str = ""
) -> tuple[int, Changes]:
    row = _round(session, round_id)
    text = text.strip()
    if not text:
        raise ValidationError([FieldProblem("text", "required", "The feedback is empty.")])
    if len(text) > FEEDBACK_MAX:
        raise ValidationError(
            [FieldProblem("text", "too_long", f"Feedback is limited to {FEEDBACK_MAX} characters.")]
        )
    entry = BatFeedback(
        round_id=round_id,
        author=author.strip()[:120],
        text=text,
        target=target.strip()[:TARGET_MAX],
    )
    session.add(entry)
    session.flush()
    return entry.id, _changes(row.campaign_id)


def remove_feedback(session: Session, feedback_id: int) -> tuple[FeedbackEntry, Changes]:
    entry = session.get(BatFeedback, feedback_id)
    if entry is None:
        raise NotFound(f"No feedback with id {feedback_id}.")
    kept = FeedbackEntry(entry.id, entry.author, entry.text, entry.target, entry.created_at)
    campaign_id = _round(session, entry.round_id).campaign_id
    session.delete(entry)
    return kept, _changes(campaign_id)


def restore_feedback(session: Session, round_id: int, entry: FeedbackEntry) -> Changes:
    """Undo of :func:`remove_feedback`: the entry comes back with its id and date."""
    row = _round(session, round_id)
    session.add(
        BatFeedback(
            id=entry.id,
            round_id=round_id,
            author=entry.author,
            text=entry.text,
            target=entry.target,
            created_at=entry.created_at,
        )
    )
    return _changes(row.campaign_id)


def decide(
    session: Session,
    round_id: int,
    decision: BatDecision,
    who: str,
    now: datetime | None = None,
    *,
    override: bool = False,
) -> tuple[DecisionState, Changes]:
    """Record the client's decision on a round; approving moves the campaign to ``approved``,
    asking for changes after an approval takes it back to ``bat``.

    Approving a round with error findings raises :class:`OverrideNeeded` unless ``override``:
    then those findings are kept in ``override_findings`` with ``who`` as ``decided_by``, the
    record of who let the errors through. A round replaced by a later one, or given the
    decision it already has, raises :class:`NothingToDecide`."""
    row = _round(session, round_id)
    campaign = get_campaign(session, row.campaign_id)
    blocker = decision_blocker(
        row.decision, row.number, _latest_number(session, row.campaign_id), decision
    )
    if blocker == "superseded":
        raise NothingToDecide(
            blocker, f"BAT {row.number} was replaced by a later round: decide on the latest one."
        )
    if blocker == "already":
        raise NothingToDecide(blocker, f"BAT {row.number} already has this decision.")
    errors = open_errors([Finding.from_json(f) for f in row.findings])
    if decision is BatDecision.APPROVED and errors and not override:
        raise OverrideNeeded(row.id, row.number, errors)
    previous = DecisionState(
        row.id,
        row.decision,
        row.decided_by,
        row.decided_at,
        campaign.status,
        tuple(row.override_findings or ()),
    )
    row.decision = decision
    if decision is BatDecision.PENDING:
        row.decided_by, row.decided_at = "", None
    else:
        row.decided_by, row.decided_at = who.strip()[:120], now or utcnow()
    row.override_findings = (
        [f.to_json() for f in errors] if decision is BatDecision.APPROVED else []
    )
    if decision is BatDecision.APPROVED and campaign.status.rank < CampaignStatus.APPROVED.rank:
        campaign.status = CampaignStatus.APPROVED
    elif decision is not BatDecision.APPROVED and campaign.status is CampaignStatus.APPROVED:
        campaign.status = CampaignStatus.BAT
    return previous, _changes(campaign.id, status=True)


def undo_decision(session: Session, state: DecisionState) -> Changes:
    """Put back the decision, its override and the campaign status that :func:`decide` found."""
    row = _round(session, state.round_id)
    campaign = get_campaign(session, row.campaign_id)
    row.decision, row.decided_by, row.decided_at = (
        state.decision,
        state.decided_by,
        state.decided_at,
    )
    row.override_findings = [dict(f) for f in state.override_findings]
    campaign.status = state.campaign_status
    return _changes(campaign.id, status=True)


def allow_remote(session: Session, round_id: int, allowed: bool) -> Changes:
    """Remember, for this round only, that its remote images may load in the preview."""
    row = _round(session, round_id)
    row.remote_allowed = allowed
    return _changes(row.campaign_id)


def record_send(
    session: Session,
    round_id: int,
    account: str,
    recipients: Sequence[str],
    persona: str,
    who: str,
    now: datetime | None = None,
) -> Changes:
    row = _round(session, round_id)
    session.add(
        BatSend(
            round_id=round_id,
            account=account,
            recipients=list(recipients),
            persona=persona,
            sent_by=who[:120],
            sent_at=now or utcnow(),
        )
    )
    return _changes(row.campaign_id)


def remove_round(session: Session, round_id: int) -> tuple[dict[str, Any], Changes]:
    """Delete a round (undo of an import); its archive brings it back unchanged."""
    row = _round(session, round_id)
    kept = _archive_round(session, row)
    campaign_id = row.campaign_id
    session.delete(row)
    return kept, _changes(campaign_id, status=True)


def _row_dict(obj: object, columns: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in columns}


_ROUND_COLUMNS = [c.name for c in BatRound.__table__.columns]
_FILE_COLUMNS = [c.name for c in BatFile.__table__.columns]
_FEEDBACK_COLUMNS = [c.name for c in BatFeedback.__table__.columns]
_SEND_COLUMNS = [c.name for c in BatSend.__table__.columns]


def _archive_round(session: Session, row: BatRound) -> dict[str, Any]:
    return {
        "round": _row_dict(row, _ROUND_COLUMNS),
        "files": [_row_dict(f, _FILE_COLUMNS) for f in row.files],
        "feedback": [_row_dict(f, _FEEDBACK_COLUMNS) for f in row.feedback],
        "sends": [
            _row_dict(s, _SEND_COLUMNS)
            for s in session.scalars(select(BatSend).where(BatSend.round_id == row.id))
        ],
    }


def archive(session: Session, campaign_id: int) -> tuple[dict[str, Any], ...]:
    """Every round of a campaign as plain rows, so undoing the campaign's deletion keeps them."""
    rows = session.scalars(
        select(BatRound).where(BatRound.campaign_id == campaign_id).order_by(BatRound.number)
    )
    return tuple(_archive_round(session, row) for row in rows)


def unarchive(session: Session, archived: Sequence[dict[str, Any]]) -> Changes:
    campaign_ids: set[int] = set()
    for kept in archived:
        session.execute(insert(BatRound), [kept["round"]])
        for table, key in ((BatFile, "files"), (BatFeedback, "feedback"), (BatSend, "sends")):
            if kept[key]:
                session.execute(insert(table), kept[key])
        campaign_ids.add(kept["round"]["campaign_id"])
    return Changes(campaigns=True, bat=True, campaign_ids=frozenset(campaign_ids))


@dataclass(frozen=True)
class PreviewPage:
    """What the preview shows of a round for one persona, and the tags it could not fill."""

    html: str
    filled: tuple[str, ...]
    unfilled: tuple[str, ...]
    system: tuple[str, ...]


def preview_page(
    view: RoundView, persona: Mapping[str, str], *, raw_tags: bool = False
) -> PreviewPage:
    """The round's HTML made safe to display, personalised from ``persona`` unless the raw
    tags are asked for. Filling comes first, so a persona's value is neutralised like the rest."""
    from crmdesk.core.bat.personas import fill
    from crmdesk.core.bat.snapshot import neutralise

    filled = fill(view.html, persona)
    html, _ = neutralise(view.html if raw_tags else filled.html, view.content_ids)
    return PreviewPage(html, filled.filled, filled.unfilled, filled.system)


def compare_rounds(session: Session, before_id: int, after_id: int) -> RoundDiff:
    """What changed from one round to another: visible text and links."""
    from crmdesk.core.bat.diff import compare

    return compare(load_round(session, before_id).html, load_round(session, after_id).html)
