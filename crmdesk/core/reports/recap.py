"""The data of the campaign recap (after D+5) and of the brief sheet, read from the workspace.

The recap tells the client the campaign's story: the brief, the planning as it happened, the
BAT rounds and who approved, what was checked at each phase, the KPIs against targets and the
client's average, and what comes next. Days are on the client's clock, as the client lived them.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from crmdesk.core import checklists, operators, settings
from crmdesk.core.briefs import service as brief_service
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
    ChecklistState,
    Client,
    StatAnalysis,
)
from crmdesk.core.reports import cards
from crmdesk.core.reports.model import (
    BatRoundSummary,
    BriefSheet,
    CampaignRecap,
    FeedbackLine,
    Milestone,
    PhaseQuality,
    QualitySummary,
    VerifiedPoint,
)
from crmdesk.core.stats import kpis
from crmdesk.core.stats.figures import Figures
from crmdesk.core.stats.service import campaign_stats
from crmdesk.core.timezones import wall_clock

#: The campaigns shown as next steps beside the D+5 decisions.
NEXT_CAMPAIGNS = 3
#: Milestones of the same day read in the order of the chain.
_KIND_ORDER = ("brief", "bat", "approval", "send", "analysis")
#: The checklist events whose items are the operator's own housekeeping, not a quality point:
#: the recap cannot report its own sending to the client it is sent to.
INTERNAL_EVENTS = ("recap_sent",)
#: The same items by the default template's English label, for checklists written before the
#: items knew their events (the demo's, and any whose event was left blank).
INTERNAL_LABELS = ("Recap sent to the client",)


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


def _person(name: str, operator: str) -> str:
    """The name a client reads for who did something: a name recorded as this computer's
    login (a round imported before any profile existed: "root", "camille") is the operator's
    own work, so it reads as the operator's name from the profile or the report settings."""
    name = name.strip()
    if operator and name and name == operators.login_name():
        return operator
    return name


def _round_summary(row: BatRound, operator: str) -> BatRoundSummary:
    return BatRoundSummary(
        number=row.number,
        created_at=row.created_at,
        created_by=_person(row.created_by, operator),
        subject=row.subject,
        decision=BatDecision(row.decision).value,
        decided_by=_person(row.decided_by, operator),
        decided_at=row.decided_at,
        errors=row.errors,
        warnings=row.warnings,
        feedback=tuple(
            FeedbackLine(_person(f.author, operator), f.text, f.target) for f in row.feedback
        ),
    )


def quality_summary(session: Session, campaign_id: int, *, today: date) -> QualitySummary:
    """The checklist as the client reads it: per phase, what was verified and what was found
    wrong, with the checklist window's own counts (``load_checklist``: one fact, one
    computation). Items still to do are counted but not listed, and the operator's internal
    items (the recap's own sending) are never named: the client reads a quality record."""
    checklist = checklists.load_checklist(session, campaign_id, today)
    internal = set(
        session.scalars(
            select(ChecklistItem.id).where(
                ChecklistItem.campaign_id == campaign_id,
                or_(
                    ChecklistItem.event.in_(INTERNAL_EVENTS),
                    ChecklistItem.label_en.in_(INTERNAL_LABELS),
                ),
            )
        )
    )

    def point(item: checklists.ItemView) -> VerifiedPoint:
        automatic = bool(item.check) and item.by_check
        return VerifiedPoint(item.label_en, item.label_fr, automatic)

    phases = []
    for progress in checklist.phases:
        of_phase = [
            i for i in checklist.items if i.phase is progress.phase and i.id not in internal
        ]
        phases.append(
            PhaseQuality(
                phase=progress.phase.value,
                closed=progress.closed,
                total=progress.total,
                not_applicable=sum(
                    i.state is ChecklistState.NOT_APPLICABLE
                    for i in checklist.items
                    if i.phase is progress.phase
                ),
                verified=tuple(point(i) for i in of_phase if i.state is ChecklistState.DONE),
                reserves=tuple(point(i) for i in of_phase if i.state is ChecklistState.FAILED),
            )
        )
    return QualitySummary(checklist.closed, checklist.total, tuple(phases))


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


def not_given(reference: Figures | None) -> frozenset[str]:
    """The figures of ``reference`` nobody gave, and the KPIs (by the stats' own definition,
    ``kpis.KPI_RATIOS``) that need one of them: what the recap says is "not given" rather than
    leaving a bare dash that could read as a failure. Empty without figures (the recap then
    says there are none at all)."""
    if reference is None:
        return frozenset()
    missing = {f.name for f in fields(reference) if getattr(reference, f.name) is None}
    return frozenset(
        missing | {key for key, needs in kpis.KPI_RATIOS.items() if missing.intersection(needs)}
    )


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
    branding = settings.branding(session)
    stats = campaign_stats(session, campaign_id)
    return CampaignRecap(
        branding=branding,
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
        bat_rounds=tuple(_round_summary(r, branding.operator_name) for r in rounds),
        final_decision=BatDecision(rounds[-1].decision).value if rounds else None,
        quality=quality_summary(session, campaign_id, today=today),
        stats=stats,
        not_given=not_given(stats.reference),
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
        brief=brief_service.with_campaign_dates(
            BriefContent.from_dict(brief.content) if brief is not None else BriefContent(),
            brief_service.campaign_dates(session, campaign),
        ),
        updated_at=brief.updated_at if brief is not None else None,
        version=version,
        generated_on=today,
    )
