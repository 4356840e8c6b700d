"""Saving briefs with their history, starting them from templates, and finding them again.

Every save is one transaction that updates the brief, its full-text index and its history.
The saves of one editing session (a window left open on a brief) coalesce into one version, so
the history reads as the operator's sittings, not as keystrokes; a restore is always a new
version, so it can itself be undone by restoring the one before.

The brief's send and BAT dates are the campaign's, never the brief's own: the send day of the
campaign and the due day of its checklist's BAT approval. ``load`` shows them and ``save``
writes them, so a brief cannot promise the client a date the calendar and checklist do not.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from importlib.resources import files
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import fts
from crmdesk.core.briefs.completeness import BriefContext
from crmdesk.core.briefs.content import BriefContent
from crmdesk.core.briefs.diff import changed_fields
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    Brief,
    BriefTemplate,
    BriefVersion,
    Campaign,
    CampaignType,
    ChecklistItem,
    ChecklistPhase,
    Client,
    utcnow,
)
from crmdesk.core.timezones import wall_clock

#: Beyond this the notes are not a brief any more but a pasted mailbox: refuse, keep the brief.
MAX_TEXT_CHARS = 200_000
RESTORED = "restored:"


@dataclass(frozen=True)
class BriefState:
    campaign_id: int
    campaign_name: str
    client_id: int
    client_name: str
    campaign_type: CampaignType
    segment_names: tuple[str, ...]
    content: BriefContent
    context: BriefContext
    exists: bool
    latest_version: int | None
    #: The brief row's version, to save with ``expected_version`` (0: no brief written yet).
    row_version: int = 0


@dataclass(frozen=True)
class SaveOutcome:
    version: int
    coalesced: bool
    changes: Changes


@dataclass(frozen=True)
class VersionInfo:
    id: int
    number: int
    saved_at: datetime
    changed: tuple[str, ...]  # field names
    restored_from: int | None  # version number


@dataclass(frozen=True)
class BriefArchive:
    """A brief and its history, kept by a campaign's undoable delete."""

    content: dict[str, Any]
    updated_at: datetime
    versions: tuple[dict[str, Any], ...]


def _brief(session: Session, campaign_id: int) -> Brief | None:
    return session.scalar(select(Brief).where(Brief.campaign_id == campaign_id))


#: The checklist item whose due day is the campaign's BAT deadline (``crmdesk.core.chain``).
BAT_APPROVED = "bat_approved"


@dataclass(frozen=True)
class CampaignDates:
    """The dates a brief takes from its campaign."""

    send_day: date
    bat_day: date | None  # None when the checklist has no BAT step


def campaign_dates(session: Session, campaign: Campaign) -> CampaignDates:
    """The send day (in the campaign's time zone) and the BAT deadline as the checklist
    computes it: the due day of the client's approval of the BAT (the last BAT step when no
    item says it is the approval), from the campaign's checklist, else from the template it
    will get. One computation, so the brief, the checklist and its PDF agree."""
    from crmdesk.core import checklists  # it imports this module: imported when needed

    send_day = wall_clock(campaign.planned_send_at, campaign.send_timezone).date()
    rows = session.execute(
        select(ChecklistItem).where(
            ChecklistItem.campaign_id == campaign.id, ChecklistItem.phase == ChecklistPhase.BAT
        )
    ).scalars()
    steps = [
        (getattr(row, "event", "") == BAT_APPROVED, row.due_offset_days, row.position)
        for row in rows
    ]
    if not steps:
        template = checklists.template_for(session, campaign.client_id, campaign.type).items
        steps = [
            (getattr(item, "event", "") == BAT_APPROVED, item.due_offset_days, position)
            for position, item in enumerate(template)
            if item.phase is ChecklistPhase.BAT
        ]
    if not steps:
        return CampaignDates(send_day, None)
    _approval, offset, _position = max(steps)
    return CampaignDates(send_day, checklists.due_day(send_day, offset))


def with_campaign_dates(content: BriefContent, dates: CampaignDates) -> BriefContent:
    """The brief with the campaign's send and BAT dates in place of whatever it held."""
    if content.send_due == dates.send_day and content.bat_due == dates.bat_day:
        return content
    return replace(content, send_due=dates.send_day, bat_due=dates.bat_day)


def context_of(session: Session, campaign: Campaign) -> BriefContext:
    client = session.get(Client, campaign.client_id)
    dates = campaign_dates(session, campaign)
    return BriefContext(
        send_day=dates.send_day,
        mention_required=bool(client and client.mention_required),
        bat_day=dates.bat_day,
    )


def load(session: Session, campaign_id: int) -> BriefState:
    """The campaign's brief, or its starting template when none was written yet."""
    campaign = get_campaign(session, campaign_id)
    client = session.get(Client, campaign.client_id)
    brief = _brief(session, campaign_id)
    latest = None
    if brief is not None:
        content = BriefContent.from_dict(brief.content)
        latest = session.scalar(
            select(func.max(BriefVersion.number)).where(BriefVersion.brief_id == brief.id)
        )
    else:
        content = starting_content(session, campaign.client_id, campaign.type)
    context = context_of(session, campaign)
    assert context.send_day is not None
    content = with_campaign_dates(content, CampaignDates(context.send_day, context.bat_day))
    return BriefState(
        campaign_id,
        campaign.name,
        campaign.client_id,
        client.name if client else "",
        campaign.type,
        tuple(sorted(segment.name for segment in campaign.segments)),
        content,
        context,
        brief is not None,
        latest,
        brief.row_version if brief is not None else 0,
    )


def validate(content: BriefContent) -> None:
    problems = [
        FieldProblem(
            name, "text_too_long", f"The {name} text is longer than {MAX_TEXT_CHARS:,} characters."
        )
        for name, value in content.to_dict().items()
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS
    ]
    if problems:
        raise ValidationError(problems)


def save(
    session: Session,
    campaign_id: int,
    content: BriefContent,
    editing_session: str,
    *,
    now: datetime | None = None,
    expected_version: int | None = None,
    started_from: BriefContent | None = None,
) -> SaveOutcome:
    """Save the brief; the saves of one editing session coalesce into one version.

    With ``expected_version`` (``BriefState.row_version``; 0 when none was written), a brief
    someone else saved meanwhile is refused (``StaleEdit``): nothing is written. Given
    ``started_from`` (the content the window loaded), a brief whose only change is its dates
    (they follow the campaign, and are the campaign's anyway) is not a conflict."""
    validate(content)
    now = now or utcnow()
    campaign = get_campaign(session, campaign_id)
    # The stored copies follow the campaign, whatever the window held when it saved; they
    # are the campaign's, not the operator's, so the history never lists them as changed.
    dates = campaign_dates(session, campaign)
    content = with_campaign_dates(content, dates)
    brief = _brief(session, campaign_id)
    if expected_version is not None:
        _expect(session, campaign, brief, expected_version, started_from)
    document = content.to_dict()
    if brief is None:
        brief = Brief(campaign_id=campaign_id, content=document, updated_at=now)
        session.add(brief)
        session.flush()
        latest = None
    else:
        brief.content = document
        brief.updated_at = now
        latest = session.scalar(
            select(BriefVersion)
            .where(BriefVersion.brief_id == brief.id)
            .order_by(BriefVersion.number.desc())
            .limit(1)
        )
    if (
        latest is not None
        and latest.editing_session == editing_session
        and latest.restored_from is None
    ):
        previous = session.scalar(
            select(BriefVersion.content).where(
                BriefVersion.brief_id == brief.id, BriefVersion.number == latest.number - 1
            )
        )
        base = BriefContent.from_dict(previous) if previous is not None else BriefContent()
        base = with_campaign_dates(base, dates)
        latest.content = document
        latest.saved_at = now
        latest.summary = ",".join(changed_fields(base, content))
        number, coalesced = latest.number, True
    else:
        base = BriefContent.from_dict(latest.content) if latest is not None else BriefContent()
        base = with_campaign_dates(base, dates)
        number = (latest.number if latest is not None else 0) + 1
        session.add(
            BriefVersion(
                brief_id=brief.id,
                number=number,
                editing_session=editing_session,
                summary=",".join(changed_fields(base, content)),
                content=document,
                created_at=now,
                saved_at=now,
            )
        )
        coalesced = False
    fts.reindex_brief(session, campaign_id, content.searchable_text())
    session.flush()
    return SaveOutcome(
        number, coalesced, Changes(brief=True, campaign_ids=frozenset({campaign_id}))
    )


#: The brief's fields that are the campaign's (``with_campaign_dates``): never someone's edit.
_CAMPAIGN_DATES = frozenset({"send_due", "bat_due"})


def _expect(
    session: Session,
    campaign: Campaign,
    brief: Brief | None,
    expected_version: int,
    started_from: BriefContent | None,
) -> None:
    """Refuse a save started from another version of the brief (``StaleEdit``)."""
    from crmdesk.core import concurrency

    version = brief.row_version if brief is not None else 0
    if version == expected_version:
        return
    current = BriefContent.from_dict(brief.content) if brief is not None else None
    if started_from is not None and current is not None:
        moved = set(concurrency.differing(started_from, current)) - _CAMPAIGN_DATES
        if not moved:
            return  # only the campaign's dates moved: nobody else wrote in the brief
    if brief is None:  # someone deleted it: only an undo of the campaign's delete does that
        raise concurrency.StaleEdit("brief", 0, campaign.name, (), "", None, 0)
    raise concurrency.refuse(
        "brief", brief, campaign.name, started_from, current, ignore=_CAMPAIGN_DATES
    )


def follow_campaign(session: Session, campaign: Campaign) -> bool:
    """The campaign moved (or its checklist's template changed): bring the stored brief's send
    and BAT dates in step, without a version (the operator wrote nothing). True if it changed.
    For the campaign's services, beside ``checklists.move_due_dates``."""
    brief = _brief(session, campaign.id)
    if brief is None:
        return False
    content = BriefContent.from_dict(brief.content)
    moved = with_campaign_dates(content, campaign_dates(session, campaign))
    if moved is content:
        return False
    brief.content = moved.to_dict()
    return True


def versions(session: Session, campaign_id: int) -> list[VersionInfo]:
    """The history, newest first."""
    brief = _brief(session, campaign_id)
    if brief is None:
        return []
    rows = session.execute(
        select(
            BriefVersion.id,
            BriefVersion.number,
            BriefVersion.saved_at,
            BriefVersion.summary,
            BriefVersion.restored_from,
        )
        .where(BriefVersion.brief_id == brief.id)
        .order_by(BriefVersion.number.desc())
    ).all()
    return [
        VersionInfo(
            vid,
            number,
            saved_at,
            tuple(f for f in summary.split(",") if f) if not summary.startswith(RESTORED) else (),
            restored_from,
        )
        for vid, number, saved_at, summary, restored_from in rows
    ]


def version_content(session: Session, campaign_id: int, number: int) -> BriefContent:
    brief = _brief(session, campaign_id)
    document = (
        session.scalar(
            select(BriefVersion.content).where(
                BriefVersion.brief_id == brief.id, BriefVersion.number == number
            )
        )
        if brief is not None
        else None
    )
    if document is None:
        raise NotFound(f"No version {number} of this brief.")
    return BriefContent.from_dict(document)


def restore(session: Session, campaign_id: int, number: int) -> SaveOutcome:
    """Bring back version ``number`` as a new version (itself restorable, so undoable)."""
    content = version_content(session, campaign_id, number)
    # Its own sitting (never coalesced with typing), at most 64 characters like every session.
    outcome = save(session, campaign_id, content, f"restore:{number}:{uuid.uuid4().hex}")
    brief = _brief(session, campaign_id)
    assert brief is not None
    row = session.scalar(
        select(BriefVersion).where(
            BriefVersion.brief_id == brief.id, BriefVersion.number == outcome.version
        )
    )
    assert row is not None
    row.restored_from = number
    row.summary = f"{RESTORED}{number}"
    return outcome


# -- templates --------------------------------------------------------------------------------


def _shipped_templates() -> dict[str, dict[str, Any]]:
    source = files("crmdesk") / "resources" / "brief_templates.json"
    return json.loads(source.read_text(encoding="utf-8"))


def starting_content(session: Session, client_id: int, kind: CampaignType) -> BriefContent:
    """The client's own template for this type of campaign, else the shipped one."""
    own = session.scalar(
        select(BriefTemplate.content)
        .where(BriefTemplate.client_id == client_id, BriefTemplate.campaign_type == kind)
        .order_by(BriefTemplate.created_at.desc())
        .limit(1)
    )
    if own is not None:
        return BriefContent.from_dict(own)
    return BriefContent.from_dict(_shipped_templates().get(kind.value, {}))


def save_as_template(
    session: Session, client_id: int, kind: CampaignType, name: str, content: BriefContent
) -> int:
    """Keep a brief as the client's starting point for this type (dates are not kept)."""
    if not name.strip():
        raise ValidationError([FieldProblem("name", "name_empty", "The template needs a name.")])
    document = content.to_dict()
    for dated in ("offer_valid_from", "offer_valid_until", "assets_due", "bat_due", "send_due"):
        document[dated] = None
    template = BriefTemplate(
        client_id=client_id, campaign_type=kind, name=name.strip(), content=document
    )
    session.add(template)
    session.flush()
    return template.id


# -- keeping a brief through a campaign's undoable delete ---------------------------------------


def archive(session: Session, campaign_id: int) -> BriefArchive | None:
    brief = _brief(session, campaign_id)
    if brief is None:
        return None
    rows = session.scalars(
        select(BriefVersion).where(BriefVersion.brief_id == brief.id).order_by(BriefVersion.number)
    )
    return BriefArchive(
        brief.content,
        brief.updated_at,
        tuple(
            {
                "number": v.number,
                "editing_session": v.editing_session,
                "summary": v.summary,
                "content": v.content,
                "created_at": v.created_at,
                "saved_at": v.saved_at,
                "restored_from": v.restored_from,
            }
            for v in rows
        ),
    )


def unarchive(session: Session, campaign_id: int, kept: BriefArchive) -> None:
    brief = Brief(campaign_id=campaign_id, content=kept.content, updated_at=kept.updated_at)
    session.add(brief)
    session.flush()
    session.add_all(BriefVersion(brief_id=brief.id, **v) for v in kept.versions)
    fts.reindex_brief(session, campaign_id, BriefContent.from_dict(kept.content).searchable_text())
