"""Creating, editing, rescheduling, duplicating and deleting campaigns, with their rules.

Every function takes a session (one transaction, opened by the caller) and returns plain
objects plus the ``Changes`` it made. Validation happens before anything is written, so a
refused input leaves the workspace as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from crmdesk.core import checklists, concurrency, fts
from crmdesk.core.bat import rounds as bat_rounds
from crmdesk.core.briefs import service as brief_service
from crmdesk.core.briefs.service import BriefArchive
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    Channel,
    Client,
    Segment,
)
from crmdesk.core.reports import sends as recap_sends
from crmdesk.core.stats import archive as stats_archive
from crmdesk.core.timezones import DEFAULT_TIMEZONE, is_known_zone, local_to_instant, wall_clock

FOLLOW_UP_TYPES = (CampaignType.RELANCE, CampaignType.ERRATUM)


@dataclass(frozen=True)
class CampaignInput:
    """What the operator types in the campaign dialog (or the CLI passes)."""

    client_id: int
    name: str
    send_date: date
    send_time: time
    timezone: str = DEFAULT_TIMEZONE
    channel: Channel = Channel.EMAIL
    type: CampaignType = CampaignType.NEWSLETTER
    status: CampaignStatus = CampaignStatus.DRAFT
    parent_id: int | None = None
    segment_ids: tuple[int, ...] = ()
    volume: int | None = None
    subject: str = ""
    preheader: str = ""
    esp: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CampaignSnapshot:
    """A campaign as stored, enough to re-create it with the same id (undo of a delete)."""

    id: int
    data: CampaignInput
    created_at: datetime
    child_ids: tuple[int, ...] = field(default=())
    brief: BriefArchive | None = None
    checklist: checklists.ChecklistArchive | None = None
    bat_rounds: tuple[dict[str, Any], ...] = ()
    stats: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    recap_sends: tuple[dict[str, Any], ...] = ()


def _problem(field_name: str, code: str, message: str) -> FieldProblem:
    return FieldProblem(field_name, code, message)


def validate(session: Session, data: CampaignInput, campaign_id: int | None = None) -> datetime:
    """Check ``data`` against the rules; return the send instant (UTC) or raise ValidationError."""
    problems: list[FieldProblem] = []
    if not data.name.strip():
        problems.append(_problem("name", "name_empty", "The campaign needs a name."))
    elif len(data.name) > 200:
        problems.append(
            _problem("name", "name_too_long", "The name is longer than 200 characters.")
        )
    client = session.get(Client, data.client_id)
    if client is None:
        problems.append(_problem("client", "client_missing", "Choose the client of the campaign."))
    instant: datetime | None = None
    if not is_known_zone(data.timezone):
        problems.append(
            _problem("timezone", "timezone_unknown", f"Unknown time zone “{data.timezone}”.")
        )
    else:
        instant = local_to_instant(data.send_date, data.send_time, data.timezone)
        if instant is None:
            problems.append(
                _problem(
                    "send_at",
                    "time_skipped",
                    f"{data.send_date} {data.send_time:%H:%M} does not exist in {data.timezone} "
                    "(the clocks jump forward then).",
                )
            )
    if data.volume is not None and data.volume < 0:
        problems.append(_problem("volume", "volume_negative", "The volume cannot be negative."))
    if data.segment_ids and client is not None:
        owners = session.execute(
            select(Segment.id, Segment.client_id).where(Segment.id.in_(data.segment_ids))
        ).all()
        if len(owners) != len(set(data.segment_ids)) or any(
            owner != client.id for _, owner in owners
        ):
            problems.append(
                _problem("segments", "segment_foreign", "A segment belongs to another client.")
            )
    if data.parent_id is not None:
        parent = session.get(Campaign, data.parent_id)
        if parent is None or (campaign_id is not None and parent.id == campaign_id):
            problems.append(_problem("parent", "parent_invalid", "Choose another parent campaign."))
        elif client is not None and parent.client_id != client.id:
            problems.append(
                _problem(
                    "parent", "parent_foreign", "The parent campaign belongs to another client."
                )
            )
        elif (
            instant is not None
            and data.type in FOLLOW_UP_TYPES
            and parent.planned_send_at >= instant
        ):
            problems.append(
                _problem(
                    "send_at",
                    "follow_up_before_parent",
                    "A relance or erratum must be sent after the campaign it follows.",
                )
            )
    if campaign_id is not None and instant is not None:
        first_follow_up = session.scalar(
            select(func.min(Campaign.planned_send_at)).where(
                Campaign.parent_id == campaign_id, Campaign.type.in_(FOLLOW_UP_TYPES)
            )
        )
        if first_follow_up is not None and first_follow_up <= instant:
            problems.append(
                _problem(
                    "send_at",
                    "parent_after_follow_up",
                    "This campaign has a relance or an erratum: it must be sent before it.",
                )
            )
    if problems:
        raise ValidationError(problems)
    assert instant is not None
    return instant


def _apply(session: Session, campaign: Campaign, data: CampaignInput, instant: datetime) -> None:
    campaign.client_id = data.client_id
    campaign.name = data.name.strip()
    campaign.channel = data.channel
    campaign.type = data.type
    campaign.status = data.status
    campaign.parent_id = data.parent_id
    campaign.planned_send_at = instant
    campaign.send_timezone = data.timezone
    campaign.volume = data.volume
    campaign.subject = data.subject
    campaign.preheader = data.preheader
    campaign.esp = data.esp
    campaign.notes = data.notes
    campaign.segments = (
        list(session.scalars(select(Segment).where(Segment.id.in_(data.segment_ids))))
        if data.segment_ids
        else []
    )


def _index(session: Session, campaign: Campaign) -> None:
    body = fts.campaign_text(campaign.name, campaign.subject, campaign.preheader, campaign.notes)
    fts.reindex(session, campaign.id, {"campaign": body})


def create(session: Session, data: CampaignInput) -> tuple[int, Changes]:
    instant = validate(session, data)
    client = session.get(Client, data.client_id)
    if client is not None and client.archived_at is not None:
        raise ValidationError(
            [
                _problem(
                    "client",
                    "client_archived",
                    f"“{client.name}” is archived: restore the client to plan a new campaign.",
                )
            ]
        )
    campaign = Campaign()
    _apply(session, campaign, data, instant)
    session.add(campaign)
    session.flush()
    _index(session, campaign)
    checklists.create_for_campaign(session, campaign)
    return campaign.id, Changes(campaigns=True, campaign_ids=frozenset({campaign.id}))


#: The campaign forms read its segments: loaded with it.
_SEGMENTS = (selectinload(Campaign.segments),)


def to_input(campaign: Campaign) -> CampaignInput:
    local = wall_clock(campaign.planned_send_at, campaign.send_timezone)
    return CampaignInput(
        client_id=campaign.client_id,
        name=campaign.name,
        send_date=local.date(),
        send_time=local.time().replace(tzinfo=None),
        timezone=campaign.send_timezone,
        channel=campaign.channel,
        type=campaign.type,
        status=campaign.status,
        parent_id=campaign.parent_id,
        segment_ids=tuple(sorted(s.id for s in campaign.segments)),
        volume=campaign.volume,
        subject=campaign.subject,
        preheader=campaign.preheader,
        esp=campaign.esp,
        notes=campaign.notes,
    )


def load(session: Session, campaign_id: int) -> CampaignInput:
    return to_input(get_campaign(session, campaign_id, options=_SEGMENTS))


def load_versioned(session: Session, campaign_id: int) -> tuple[CampaignInput, int]:
    """The form's input and the row's version, to save with ``expected_version``."""
    campaign = get_campaign(session, campaign_id, options=_SEGMENTS)
    return to_input(campaign), campaign.row_version


def update(
    session: Session,
    campaign_id: int,
    data: CampaignInput,
    *,
    expected_version: int | None = None,
    started_from: CampaignInput | None = None,
) -> Changes:
    """Store the form. With ``expected_version`` (from ``load_versioned``), a campaign someone
    else saved meanwhile is refused (``StaleEdit``, naming the fields that differ from
    ``started_from`` when given): nothing is written."""
    campaign = get_campaign(session, campaign_id, options=_SEGMENTS)
    if expected_version is not None and campaign.row_version != expected_version:
        raise concurrency.refuse(
            "campaign", campaign, campaign.name, started_from, to_input(campaign)
        )
    instant = validate(session, data, campaign_id)
    _apply(session, campaign, data, instant)
    session.flush()
    _index(session, campaign)
    checklists.move_due_dates(session, campaign)
    brief_service.follow_campaign(session, campaign)  # the brief's dates are the campaign's
    return Changes(campaigns=True, brief=True, campaign_ids=frozenset({campaign_id}))


def reschedule(
    session: Session, campaign_id: int, new_date: date, *, expected_version: int | None = None
) -> Changes:
    """Move a campaign to another day, keeping its wall-clock time (a calendar drag)."""
    data = load(session, campaign_id)
    return update(
        session, campaign_id, replace(data, send_date=new_date), expected_version=expected_version
    )


def duplicate(session: Session, campaign_id: int, days_later: int = 7) -> tuple[int, Changes]:
    """A copy a week later by default, back to draft: the usual start of next week's newsletter."""
    data = load(session, campaign_id)
    copy = replace(
        data,
        name=data.name,
        send_date=data.send_date + timedelta(days=days_later),
        status=CampaignStatus.DRAFT,
    )
    return create(session, copy)


def snapshot(session: Session, campaign_id: int) -> CampaignSnapshot:
    campaign = get_campaign(session, campaign_id, options=_SEGMENTS)
    children = session.scalars(select(Campaign.id).where(Campaign.parent_id == campaign_id))
    return CampaignSnapshot(
        campaign.id,
        to_input(campaign),
        campaign.created_at,
        tuple(children),
        brief_service.archive(session, campaign_id),
        checklists.archive(session, campaign_id),
        bat_rounds.archive(session, campaign_id),
        stats_archive.archive(session, campaign_id),
        recap_sends.archive(session, campaign_id),
    )


def delete_campaign(session: Session, campaign_id: int) -> tuple[CampaignSnapshot, Changes]:
    """Delete and return what is needed to bring it back (children lose their parent link)."""
    snap = snapshot(session, campaign_id)
    session.execute(delete(Campaign).where(Campaign.id == campaign_id))
    fts.forget(session, campaign_id)
    return snap, Changes(campaigns=True, campaign_ids=frozenset({campaign_id, *snap.child_ids}))


def restore(session: Session, snap: CampaignSnapshot) -> Changes:
    """Re-create a deleted campaign with its id, segments and children's links (undo)."""
    instant = validate(session, snap.data)
    campaign = Campaign(id=snap.id, created_at=snap.created_at)
    _apply(session, campaign, snap.data, instant)
    session.add(campaign)
    session.flush()
    _index(session, campaign)
    if snap.brief is not None:
        brief_service.unarchive(session, snap.id, snap.brief)
    if snap.checklist is not None:
        checklists.unarchive(session, snap.checklist)
    bat_rounds.unarchive(session, snap.bat_rounds)
    stats_archive.unarchive(session, snap.stats)
    recap_sends.unarchive(session, snap.recap_sends)
    for child_id in snap.child_ids:
        child = session.get(Campaign, child_id)
        if child is not None:
            child.parent_id = snap.id
    return Changes(campaigns=True, campaign_ids=frozenset({snap.id, *snap.child_ids}))


def has_campaigns(session: Session) -> bool:
    """Whether anything was ever planned: the cockpit of a new workspace says what to do next."""
    return session.scalar(select(Campaign.id).limit(1)) is not None


@dataclass(frozen=True)
class CampaignRow:
    id: int
    client: str
    name: str
    status: CampaignStatus
    channel: Channel
    send_at: datetime


def client_id_by_name(session: Session, name: str) -> int:
    """The id of the client named ``name`` in any case, as the CLI's ``--client`` names it;
    ``NotFound`` naming the clients there are, so a typo is fixed at the first retry."""
    wanted = name.strip().casefold()
    # In Python: SQLite's lower() only folds ASCII, and names here are French (É, Ç…).
    known = session.execute(select(Client.id, Client.name).order_by(Client.name)).all()
    for cid, known_name in known:
        if known_name.casefold() == wanted:
            return cid
    names = ", ".join(n for _, n in known) or "none yet"
    raise NotFound(f"No client named “{name.strip()}” (clients: {names}).")


def list_campaigns(session: Session, client_name: str | None = None) -> list[CampaignRow]:
    query = (
        select(
            Campaign.id,
            Client.name,
            Campaign.name,
            Campaign.status,
            Campaign.channel,
            Campaign.planned_send_at,
            Campaign.send_timezone,
        )
        .join(Client)
        .order_by(Campaign.planned_send_at, Campaign.id)
    )
    if client_name is not None:
        query = query.where(Campaign.client_id == client_id_by_name(session, client_name))
    return [
        CampaignRow(cid, client, name, status, channel, wall_clock(at, tz))
        for cid, client, name, status, channel, at, tz in session.execute(query)
    ]


@dataclass(frozen=True)
class ParentChoice:
    id: int
    name: str
    send_at: datetime


def parent_choices(
    session: Session, client_id: int, exclude_id: int | None = None, limit: int = 200
) -> list[ParentChoice]:
    """The client's recent campaigns a relance or erratum may follow, newest first."""
    query = (
        select(Campaign.id, Campaign.name, Campaign.planned_send_at, Campaign.send_timezone)
        .where(
            Campaign.client_id == client_id,
            Campaign.type.in_([CampaignType.NEWSLETTER, CampaignType.PROMO]),
        )
        .order_by(Campaign.planned_send_at.desc())
        .limit(limit)
    )
    if exclude_id is not None:
        query = query.where(Campaign.id != exclude_id)
    return [
        ParentChoice(cid, name, wall_clock(at, tz)) for cid, name, at, tz in session.execute(query)
    ]
