"""The figures and texts a report shows, as plain frozen values.

They hold raw values (fractions, counts, UTC instants and local wall-clock times): formatting in
the reader's language is the templates' job, so one recap can be printed in French or English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crmdesk.core.briefs.content import BriefContent
from crmdesk.core.reports.quarters import Quarter
from crmdesk.core.stats.figures import AbResult, CampaignStats, Figures, TrendPoint, WeeklySends


@dataclass(frozen=True, slots=True)
class Branding:
    """The operator's side of every report's header, from the workspace settings."""

    operator_name: str = ""
    operator_logo: str = ""  # a path on this machine, "" for none
    operator_colour: str = "#1f2937"


@dataclass(frozen=True, slots=True)
class ClientCard:
    id: int
    name: str
    colour: str  # "#rrggbb"
    logo_path: str  # "" for none
    timezone: str


@dataclass(frozen=True, slots=True)
class CampaignCard:
    id: int
    name: str
    type: str  # a models.CampaignType value
    status: str  # a models.CampaignStatus value
    channel: str  # a models.Channel value
    send_at: datetime  # aware, UTC
    local_send: datetime  # naive wall-clock time in ``timezone``
    timezone: str
    segments: tuple[str, ...]
    volume: int | None
    subject: str
    esp: str


@dataclass(frozen=True, slots=True)
class Milestone:
    """A step of the production chain on the recap's timeline."""

    kind: str  # "brief", "bat", "approval", "send", "analysis"
    number: int | None  # the BAT round's number for kind "bat", else None
    on: date  # the day it happened, or is planned, on the client's clock
    done: bool


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    author: str
    text: str
    target: str  # what the remark points at ("" when the whole email)


@dataclass(frozen=True, slots=True)
class BatRoundSummary:
    number: int
    created_at: datetime  # aware, UTC
    created_by: str
    subject: str
    decision: str  # a models.BatDecision value
    decided_by: str
    decided_at: datetime | None
    errors: int  # check-engine findings of the round
    warnings: int
    feedback: tuple[FeedbackLine, ...]


@dataclass(frozen=True, slots=True)
class VerifiedPoint:
    """A checklist item the client can read as "this was checked": its label in both
    languages, and whether an automatic check of the email settled it."""

    label_en: str
    label_fr: str
    automatic: bool


@dataclass(frozen=True, slots=True)
class PhaseQuality:
    """One phase of the chain as the client's quality summary tells it.

    ``closed`` and ``total`` are the checklist window's own figures for the phase (from
    ``checklists.load_checklist``), so the recap never reads 11/25 where the window reads 12/25.
    """

    phase: str  # a models.ChecklistPhase value
    closed: int  # done or not applicable
    total: int
    not_applicable: int
    #: The points verified (done), in checklist order, without the operator's internal ones.
    verified: tuple[VerifiedPoint, ...]
    #: The points a check or a person found wrong: a reserve the client should know about.
    reserves: tuple[VerifiedPoint, ...]


@dataclass(frozen=True, slots=True)
class QualitySummary:
    """What was checked, phase by phase: the checklist shown to the client as a quality
    record, never as the operator's to-do list."""

    closed: int  # ``Checklist.closed``: done or not applicable
    total: int  # ``Checklist.total``
    phases: tuple[PhaseQuality, ...]  # in the chain's order, phases without items left out

    @property
    def any_automatic(self) -> bool:
        """Whether a verified point was settled by the automatic checks: the page then
        explains its "auto" mark once."""
        return any(point.automatic for phase in self.phases for point in phase.verified)


@dataclass(frozen=True, slots=True)
class CampaignRecap:
    """Everything the campaign recap shows, for a campaign after its D+5 analysis."""

    branding: Branding
    client: ClientCard
    campaign: CampaignCard
    brief: BriefContent | None  # None when the campaign has no brief
    milestones: tuple[Milestone, ...]  # by date
    bat_rounds: tuple[BatRoundSummary, ...]  # by number
    final_decision: str | None  # the last round's decision; None without a BAT
    quality: QualitySummary
    stats: CampaignStats
    #: The reference snapshot's figures never given ("conversions", "revenue") and the KPIs
    #: that need one of them ("conversion_rate"): they print "—" with "not given", never 0.
    not_given: frozenset[str]
    #: The client's campaigns planned after this one (relances first), at most three: the
    #: "next steps" beside the D+5 decisions text (which is ``stats.decisions``).
    next_campaigns: tuple[CampaignCard, ...]
    generated_on: date


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One campaign of the quarter in the review's KPI table."""

    campaign: CampaignCard
    figures: Figures | None  # the reference snapshot (closest to D+5); None without figures
    kpis: dict[str, float | None]  # kpis.kpi_values(figures), {} without figures
    privacy_inflated: bool


@dataclass(frozen=True, slots=True)
class SegmentPressure:
    segment: str
    sends: int  # campaigns sent to it in the quarter
    busiest_week: int  # the most sends in one ISO week
    weeks_over_cap: int


@dataclass(frozen=True, slots=True)
class AbLearning:
    campaign: CampaignCard
    result: AbResult
    #: The winner's rate over the runner-up's, minus 1 (0.12 for +12 %); None without a winner.
    lift: float | None
    decisions: str  # the campaign's D+5 decisions text


@dataclass(frozen=True, slots=True)
class QuarterlyReview:
    branding: Branding
    client: ClientCard
    quarter: Quarter
    rows: tuple[ReviewRow, ...]  # every campaign sent (or planned) in the quarter, by send time
    totals: Figures  # the sum of the rows' figures, each over the rows that gave it
    #: kpis.pooled_values of the rows' figures: each KPI over the rows that gave its figures.
    kpis: dict[str, float | None]
    previous_kpis: dict[str, float | None]  # the same for the quarter before ({} if no figures)
    ranked_by: str  # the KPI key top and flop are ranked on ("click_rate")
    top: tuple[ReviewRow, ...]  # the best three rows with figures
    flop: tuple[ReviewRow, ...]  # the worst three, never repeating a top row
    trend: tuple[TrendPoint, ...]  # the quarter's sent campaigns, by send time
    weekly: tuple[WeeklySends, ...]  # sends per segment per ISO week of the quarter
    pressure_cap: int
    pressure: tuple[SegmentPressure, ...]  # by segment name
    ab: tuple[AbLearning, ...]  # the quarter's A/B tests, by send time
    roadmap: str  # the operator's roadmap text for what comes next (plain text)
    upcoming: tuple[CampaignCard, ...]  # the campaigns planned in the next quarter
    generated_on: date


@dataclass(frozen=True, slots=True)
class BriefSheet:
    """The brief alone, for the client to confirm before production starts."""

    branding: Branding
    client: ClientCard
    campaign: CampaignCard
    brief: BriefContent  # empty when the campaign has no brief yet
    updated_at: datetime | None  # the last save, aware UTC; None without a brief
    version: int | None  # the latest version's number; None without a brief
    generated_on: date
