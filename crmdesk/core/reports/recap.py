"""The data of the campaign recap (after D+5) and of the brief sheet, read from the workspace.

The recap tells the client the campaign's story: the brief, the planning as it happened, the
BAT rounds and who approved, what the checklist left open, the KPIs against targets and the
client's average, and what comes next. Days are on the client's clock, as the client lived them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crmdesk.core import settings
from crmdesk.core.briefs.content import BriefContent
from crmdesk.core.calendar import DeadlineKind, deadline_days
from crmdesk.core.lookup import get_campaign
from crmdesk.core.models import (
    BatDecision,
    BatRound,
    Brief,
    BriefVersion,
    Campaign,
    CampaignStatus,
    ChecklistItem,
    ChecklistPhase,
    ChecklistState,
    Client,
    StatAnalysis,
)
from crmdesk.core.reports import cards
from crmdesk.core.reports.model import (
    BatRoundSummary,
    BriefSheet,
    CampaignRecap,
    ChecklistLine,
    ChecklistSummary,
    FeedbackLine,
    Milestone,
)
from crmdesk.core.stats.service import campaign_stats
from crmdesk.core.timezones import wall_clock

#: The campaigns shown as next steps beside the D+5 decisions.
NEXT_CAMPAIGNS = 3
#: Milestones of the same day read in the order of the chain.
_KIND_ORDER = ("brief", "bat", "approval", "send", "analysis")


def _day(instant: datetime, timezone: str) -> date:
    return wall_clock(instant, timezone).date()


def _brief_day(session: Session, brief: Brief, cutoff: datetime, timezone: str) -> date:
    """The day of the brief that production started from: its last version saved by
    ``cutoff`` (BAT 1, or the send without a BAT), since later edits do not move the start of
    the work; when every version is later (the brief typed in afterwards, for the record), the
    day its first version was written."""
    versions = session.execute(
        select(BriefVersion.created_at, BriefVersion.saved_at)
        .where(BriefVersion.brief_id == brief.id)
        .order_by(BriefVersion.number)
    ).all()
    if not versions:
        return _day(brief.updated_at, timezone)
    settled = [saved for _, saved in versions if saved <= cutoff]
    return _day(settled[-1] if settled else versions[0][0], timezone)


def _milestones(
    session: Session,
    campaign: Campaign,
    client: Client,
    brief: Brief | None,
    rounds: list[BatRound],
    decisions: str,
) -> tuple[Milestone, ...]:
    timezone = client.timezone
    status = CampaignStatus(campaign.status)
    send_day = _day(campaign.planned_send_at, timezone)
    found: list[Milestone] = []
    if brief is not None:
        cutoff = rounds[0].created_at if rounds else campaign.planned_send_at
        found.append(Milestone("brief", None, _brief_day(session, brief, cutoff, timezone), True))
    for row in rounds:
        found.append(Milestone("bat", row.number, _day(row.created_at, timezone), True))
    approved = [r for r in rounds if r.decision == BatDecision.APPROVED and r.decided_at]
    if approved:
        decided_at = approved[-1].decided_at
        assert decided_at is not None
        found.append(Milestone("approval", None, _day(decided_at, timezone), True))
    found.append(Milestone("send", None, send_day, status.rank >= CampaignStatus.SENT.rank))
    # The D+5 day as the calendar marks it (off the weekend), so both agree.
    analysis_day = deadline_days(
        send_day, client.brief_offset_days, client.bat_offset_days, client.analysis_offset_days
    )[DeadlineKind.ANALYSIS]
    analysed = status.rank >= CampaignStatus.ANALYSED.rank or bool(decisions.strip())
    found.append(Milestone("analysis", None, analysis_day, analysed))
    found.sort(key=lambda m: (m.on, _KIND_ORDER.index(m.kind), m.number or 0))
    return tuple(found)


def _round_summary(row: BatRound) -> BatRoundSummary:
    return BatRoundSummary(
        number=row.number,
        created_at=row.created_at,
        created_by=row.created_by,
        subject=row.subject,
        decision=BatDecision(row.decision).value,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        errors=row.errors,
        warnings=row.warnings,
        feedback=tuple(FeedbackLine(f.author, f.text, f.target) for f in row.feedback),
    )


def checklist_summary(session: Session, campaign_id: int) -> ChecklistSummary:
    """The checklist's counts, and the items still to do or failed in checklist order (phase,
    then position), since those are what the client should hear about."""
    phases = list(ChecklistPhase)
    rows = sorted(
        session.scalars(select(ChecklistItem).where(ChecklistItem.campaign_id == campaign_id)),
        key=lambda r: (phases.index(ChecklistPhase(r.phase)), r.position, r.id),
    )
    states = [ChecklistState(r.state) for r in rows]
    open_items = tuple(
        ChecklistLine(
            phase=ChecklistPhase(r.phase).value,
            label_en=r.label_en,
            label_fr=r.label_fr,
            state=state.value,
            due_on=r.due_on,
            done_by=r.done_by,
            comment=r.comment,
        )
        for r, state in zip(rows, states, strict=True)
        if state in (ChecklistState.TODO, ChecklistState.FAILED)
    )
    return ChecklistSummary(
        total=len(rows),
        done=states.count(ChecklistState.DONE),
        not_applicable=states.count(ChecklistState.NOT_APPLICABLE),
        failed=states.count(ChecklistState.FAILED),
        todo=states.count(ChecklistState.TODO),
        open_items=open_items,
    )


def _next_campaigns(session: Session, campaign: Campaign) -> list[Campaign]:
    """The client's campaigns planned after this one's send: its own relances and errata
    first (the direct follow-up of the decisions), then the others by send time."""
    after = (
        Campaign.client_id == campaign.client_id,
        Campaign.id != campaign.id,
        Campaign.planned_send_at > campaign.planned_send_at,
    )
    children = list(
        session.scalars(
            select(Campaign)
            .where(*after, Campaign.parent_id == campaign.id)
            .order_by(Campaign.planned_send_at, Campaign.id)
            .limit(NEXT_CAMPAIGNS)
        )
    )
    others = session.scalars(
        select(Campaign)
        .where(*after, Campaign.parent_id.is_distinct_from(campaign.id))
        .order_by(Campaign.planned_send_at, Campaign.id)
        .limit(NEXT_CAMPAIGNS - len(children))
    )
    return [*children, *others]


def campaign_recap(session: Session, campaign_id: int, *, today: date) -> CampaignRecap:
    """Everything the campaign recap shows; ``NotFound`` for an unknown campaign."""
    campaign = get_campaign(session, campaign_id)
    client = cards.client_row(session, campaign.client_id)
    brief = session.scalar(select(Brief).where(Brief.campaign_id == campaign_id))
    rounds = list(
        session.scalars(
            select(BatRound)
            .where(BatRound.campaign_id == campaign_id)
            .order_by(BatRound.number)
            .options(selectinload(BatRound.feedback))
        )
    )
    decisions = session.scalar(
        select(StatAnalysis.decisions).where(StatAnalysis.campaign_id == campaign_id)
    )
    following = _next_campaigns(session, campaign)
    campaign_cards = cards.campaign_cards(session, [campaign, *following])
    return CampaignRecap(
        branding=settings.branding(session),
        client=cards.client_card(client),
        campaign=campaign_cards[0],
        brief=BriefContent.from_dict(brief.content) if brief is not None else None,
        milestones=_milestones(
            session,
            campaign,
            client,
            brief,
            rounds,
            decisions or "",
        ),
        bat_rounds=tuple(_round_summary(r) for r in rounds),
        final_decision=BatDecision(rounds[-1].decision).value if rounds else None,
        checklist=checklist_summary(session, campaign_id),
        stats=campaign_stats(session, campaign_id),
        next_campaigns=tuple(campaign_cards[1:]),
        generated_on=today,
    )


def brief_sheet(session: Session, campaign_id: int, *, today: date) -> BriefSheet:
    """The brief alone, for "export the brief": an empty one when none was written yet, so the
    client can be sent the blank form to fill."""
    campaign = get_campaign(session, campaign_id)
    client = cards.client_row(session, campaign.client_id)
    brief = session.scalar(select(Brief).where(Brief.campaign_id == campaign_id))
    version = None
    if brief is not None:
        version = session.scalar(
            select(BriefVersion.number)
            .where(BriefVersion.brief_id == brief.id)
            .order_by(BriefVersion.number.desc())
            .limit(1)
        )
    [card] = cards.campaign_cards(session, [campaign])
    return BriefSheet(
        branding=settings.branding(session),
        client=cards.client_card(client),
        campaign=card,
        brief=BriefContent.from_dict(brief.content) if brief is not None else BriefContent(),
        updated_at=brief.updated_at if brief is not None else None,
        version=version,
        generated_on=today,
    )
