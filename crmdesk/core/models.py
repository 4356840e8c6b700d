"""The nouns of the trade as SQLAlchemy 2.x typed models.

Enumerations are stored as short strings with CHECK constraints (no native enums) so the same
schema moves to PostgreSQL unchanged. Instants are stored in UTC; the time zone the operator
planned in travels with the campaign so the calendar shows the wall-clock time they typed.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# The enumerations live in the light ``kinds`` module (the first paint reads without SQLAlchemy);
# they are re-exported here so ``from crmdesk.core.models import CampaignStatus`` keeps working.
from crmdesk.core.kinds import (
    AbMetric,
    BatDecision,
    BudgetUnit,
    CampaignStatus,
    CampaignType,
    Channel,
    ChecklistPhase,
    ChecklistRole,
    ChecklistState,
    RaciRole,
    SmtpSecurity,
    StatSource,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC, returned aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The model's table for Core statements; ``__table__`` is declared as a mere FromClause."""
    return cast(Table, model.__table__)


# -- row versions (issue 22) -------------------------------------------------------------------


class Versioned:
    """An editable row: its version, and who last changed it and when (migration 0012).

    SQLAlchemy's optimistic concurrency (``version_id_col``) makes every ORM UPDATE say
    ``WHERE id = ? AND row_version = ?`` and count the version up, so two people saving the same
    row from the same version cannot both win; ``crmdesk.core.concurrency`` stamps ``changed_by``
    and ``changed_at`` on every write and tells the user what moved on."""

    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: The operator profile's name ("" when unknown: rows older than the versions).
    changed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


# -- end of row versions -----------------------------------------------------------------------


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


campaign_segments = Table(
    "campaign_segments",
    Base.metadata,
    Column("campaign_id", ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
    # Indexed on its own: pressure windows and the segment filter look campaigns up by segment.
    Column(
        "segment_id", ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Client(Versioned, Base):
    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("pressure_cap >= 1", name="pressure_cap_positive"),
        CheckConstraint(
            "brief_offset_days >= 0 AND bat_offset_days >= 0 AND analysis_offset_days >= 0",
            name="offsets_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    colour: Mapped[str] = mapped_column(String(7), default="#3b82f6")
    sender_name: Mapped[str] = mapped_column(String(120), default="")
    sender_address: Mapped[str] = mapped_column(String(254), default="")
    utm_convention: Mapped[str] = mapped_column(String(500), default="")
    pressure_cap: Mapped[int] = mapped_column(Integer, default=3)
    brief_offset_days: Mapped[int] = mapped_column(Integer, default=10)
    bat_offset_days: Mapped[int] = mapped_column(Integer, default=2)
    analysis_offset_days: Mapped[int] = mapped_column(Integer, default=5)
    daily_rate: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    #: The client's legal team wants a mandatory mention in every brief (editorial charter).
    mention_required: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Editorial charter: "tu", "vous" or "" (not set).
    tone: Mapped[str] = mapped_column(String(8), default="")
    banned_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    required_mentions: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Graphic charter: "#rrggbb" colours; empty means no palette to check against.
    palette: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: caniemail.com "family.platform" keys of the mail clients its readers use; empty means
    #: the check engine's defaults.
    mail_clients: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The confidence an A/B winner needs (0.95 by default), a client's own risk appetite.
    ab_confidence: Mapped[float] = mapped_column(Float, default=0.95, server_default="0.95")
    #: The client's logo on its recaps: a path on the operator's machine, "" for none.
    logo_path: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set when the operator stops working for the client: gone from pickers and filters,
    #: kept in the history and the reports, and restorable.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )
    segments: Mapped[list[Segment]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )
    campaigns: Mapped[list[Campaign]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )


class Contact(Versioned, Base):
    __tablename__ = "contacts"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    raci_role: Mapped[RaciRole] = mapped_column(_enum(RaciRole, "raci_role"))
    #: Which team the person is in (the RACI chart's rows): marketing, CRM, data or client.
    role: Mapped[ChecklistRole] = mapped_column(
        _enum(ChecklistRole, "contact_role"),
        default=ChecklistRole.CLIENT,
        server_default=ChecklistRole.CLIENT.value,
    )
    #: Offered, ticked, as recipients of BAT test sends and of recaps.
    receives_bat: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    receives_recaps: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    client: Mapped[Client] = relationship(back_populates="contacts")


class Segment(Versioned, Base):
    __tablename__ = "segments"
    __table_args__ = (
        UniqueConstraint("client_id", "name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("estimated_size >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    estimated_size: Mapped[int] = mapped_column(Integer, default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    client: Mapped[Client] = relationship(back_populates="segments")


class Campaign(Versioned, Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("volume IS NULL OR volume >= 0", name="volume_not_negative"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel"), default=Channel.EMAIL)
    type: Mapped[CampaignType] = mapped_column(
        _enum(CampaignType, "campaign_type"), default=CampaignType.NEWSLETTER
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), nullable=True, index=True
    )
    status: Mapped[CampaignStatus] = mapped_column(
        _enum(CampaignStatus, "campaign_status"), default=CampaignStatus.DRAFT
    )
    planned_send_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    send_timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    volume: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    preheader: Mapped[str] = mapped_column(String(300), default="")
    esp: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    client: Mapped[Client] = relationship(back_populates="campaigns")
    parent: Mapped[Campaign | None] = relationship(remote_side=[id])
    segments: Mapped[list[Segment]] = relationship(secondary=campaign_segments)


class Brief(Versioned, Base):
    """The current brief of a campaign; its history is in ``BriefVersion``."""

    __tablename__ = "briefs"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), unique=True
    )
    content: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BriefVersion(Base):
    """One saved state of a brief; the edits of one editing session coalesce into one version."""

    __tablename__ = "brief_versions"
    __table_args__ = (UniqueConstraint("brief_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    editing_session: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(300), default="")
    content: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)


class BriefTemplate(Base):
    """A starting point for new briefs: shipped defaults, or saved by the user for a client."""

    __tablename__ = "brief_templates"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), nullable=True, index=True
    )
    campaign_type: Mapped[CampaignType | None] = mapped_column(
        _enum(CampaignType, "template_campaign_type"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(120))
    content: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChecklistTemplate(Base):
    """The items a new campaign's checklist starts with, for a client and/or a campaign type.

    ``items`` is a list of ``{"label": {"en", "fr"}, "phase", "role", "due_offset_days",
    "check"}``; the shipped default lives in ``resources/checklist_template.json``.
    """

    __tablename__ = "checklist_templates"
    __table_args__ = (UniqueConstraint("client_id", "campaign_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), nullable=True, index=True
    )
    campaign_type: Mapped[CampaignType | None] = mapped_column(
        _enum(CampaignType, "checklist_template_campaign_type"), nullable=True
    )
    items: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ChecklistItem(Versioned, Base):
    """One QA task of a campaign. ``due_on`` is stored (from the send day and the offset) so
    overdue items are found with one indexed query; it moves when the campaign moves."""

    __tablename__ = "checklist_items"
    # Overdue items (to do or failed, due before today) are few in a lived-in workspace; this
    # index finds them without reading every item of the period on screen.
    __table_args__ = (Index("ix_checklist_items_state_due_on", "state", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    phase: Mapped[ChecklistPhase] = mapped_column(_enum(ChecklistPhase, "checklist_phase"))
    label_en: Mapped[str] = mapped_column(String(300))
    label_fr: Mapped[str] = mapped_column(String(300))
    role: Mapped[ChecklistRole] = mapped_column(_enum(ChecklistRole, "checklist_role"))
    due_offset_days: Mapped[int] = mapped_column(Integer, default=0)
    due_on: Mapped[date] = mapped_column(Date)
    #: A check family ("links") or id ("sender.list_unsubscribe_post") the item follows.
    check: Mapped[str] = mapped_column(String(80), default="")
    state: Mapped[ChecklistState] = mapped_column(
        _enum(ChecklistState, "checklist_state"), default=ChecklistState.TODO
    )
    done_by: Mapped[str] = mapped_column(String(120), default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    #: The state was set by the app (a check run or an event of the chain), not by a person.
    by_check: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The event of the chain that settles the item ("brief", "bat_approved"…), see
    #: ``crmdesk.core.chain``; "" for an item only a person or a check ticks.
    event: Mapped[str] = mapped_column(String(40), default="")
    #: Why the app set the state, as data ({"check": …, "errors": 1} or {"event": …, "by": …})
    #: so that it reads in the language of whoever looks; None when a person set it.
    auto_note: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)


class CheckRun(Base):
    """The findings of one run of the check engine on a campaign's email, kept with the HTML
    they point into so the panel can open the source at a finding's line later."""

    __tablename__ = "check_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source_name: Mapped[str] = mapped_column(String(300))
    encoded_size: Mapped[int] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    infos: Mapped[int] = mapped_column(Integer)
    findings: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    html: Mapped[str] = mapped_column(Text, default="")


class BatBlob(Base):
    """One file of a BAT snapshot, stored once by its SHA-256 whatever the rounds sharing it:
    inside the workspace, so the online backup carries the proofs with the rest."""

    __tablename__ = "bat_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class BatRound(Base):
    """BAT n of a campaign: the email as imported, the findings at that moment, the decision."""

    __tablename__ = "bat_rounds"
    __table_args__ = (UniqueConstraint("campaign_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    source_name: Mapped[str] = mapped_column(String(300))
    source_kind: Mapped[str] = mapped_column(String(8))
    #: Path of the HTML document inside the snapshot.
    entry: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(300), default="")
    #: What the import neutralised or refused inside the email (scripts, iframes, file: URLs).
    notices: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    findings: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    remote_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    decision: Mapped[BatDecision] = mapped_column(
        _enum(BatDecision, "bat_decision"), default=BatDecision.PENDING
    )
    decided_by: Mapped[str] = mapped_column(String(120), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The error findings still open when the round was approved anyway (their ``to_json()``):
    #: with ``decided_by`` and ``decided_at``, the record of the override and who accepted it.
    override_findings: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)

    files: Mapped[list[BatFile]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="BatFile.path"
    )
    feedback: Mapped[list[BatFeedback]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="BatFeedback.id"
    )


class BatFile(Base):
    __tablename__ = "bat_files"
    __table_args__ = (UniqueConstraint("round_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("bat_rounds.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(500))
    content_id: Mapped[str] = mapped_column(String(300), default="")
    media_type: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(ForeignKey("bat_blobs.sha256"), index=True)


class BatFeedback(Base):
    __tablename__ = "bat_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("bat_rounds.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    #: Optional pointer into the email: a link's URL or an element's description.
    target: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BatSend(Base):
    """A test send of a round: to whom, through which account, with which persona."""

    __tablename__ = "bat_sends"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("bat_rounds.id", ondelete="CASCADE"), index=True
    )
    account: Mapped[str] = mapped_column(String(80))
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    persona: Mapped[str] = mapped_column(String(120), default="")
    sent_by: Mapped[str] = mapped_column(String(120), default="")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Persona(Versioned, Base):
    """A sample recipient of a client: fills personalisation tags in previews and test sends."""

    __tablename__ = "personas"
    __table_args__ = (UniqueConstraint("client_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    #: Canonical field name (firstname, lastname, email, city…) → sample value.
    fields: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class SmtpAccount(Base):
    """Where test sends go out; the password lives in the system keyring, never here."""

    __tablename__ = "smtp_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    host: Mapped[str] = mapped_column(String(253))
    port: Mapped[int] = mapped_column(Integer)
    security: Mapped[SmtpSecurity] = mapped_column(
        _enum(SmtpSecurity, "smtp_security"), default=SmtpSecurity.STARTTLS
    )
    username: Mapped[str] = mapped_column(String(254), default="")
    sender: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StatSnapshot(Base):
    """A campaign's figures as read on ``taken_on`` (D+1, D+5, D+30…), for one variant.

    ``variant`` is "" for the campaign as a whole, or the A/B variant's label ("A", "B"…).
    Only ``sent`` is required: a figure the export or the operator never gave (no revenue
    tracking, no complaint count) is None, so that it reads "not given" and stays out of
    averages instead of passing for a failed campaign.
    """

    __tablename__ = "stat_snapshots"
    __table_args__ = (
        UniqueConstraint("campaign_id", "variant", "taken_on"),
        CheckConstraint(
            "sent >= 0 AND delivered >= 0 AND hard_bounces >= 0 AND soft_bounces >= 0 "
            "AND unique_opens >= 0 AND total_opens >= 0 AND unique_clicks >= 0 "
            "AND total_clicks >= 0 AND unsubscribes >= 0 AND complaints >= 0 "
            "AND conversions >= 0 AND revenue >= 0",
            name="figures_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    variant: Mapped[str] = mapped_column(String(40), default="")
    taken_on: Mapped[date] = mapped_column(Date)
    sent: Mapped[int] = mapped_column(Integer, default=0)
    delivered: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hard_bounces: Mapped[int | None] = mapped_column(Integer, nullable=True)
    soft_bounces: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unique_opens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    total_opens: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unique_clicks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    total_clicks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unsubscribes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    complaints: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conversions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    revenue: Mapped[Decimal | None] = mapped_column(Numeric(14, 2), nullable=True)
    source: Mapped[StatSource] = mapped_column(_enum(StatSource, "stat_source"))
    source_name: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class StatBreakdown(Base):
    """Figures aggregated from a per-recipient activity export; the addresses are not kept.

    ``dimension`` "domain": ``key`` is a mailbox provider group (gmail.com, orange.fr,
    outlook/hotmail…, "other"); "hour": ``key`` is the hour after the send ("0", "1"… as text),
    counting events rather than people.
    """

    __tablename__ = "stat_breakdowns"
    __table_args__ = (UniqueConstraint("campaign_id", "variant", "dimension", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    variant: Mapped[str] = mapped_column(String(40), default="")
    dimension: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    delivered: Mapped[int] = mapped_column(Integer, default=0)
    bounces: Mapped[int] = mapped_column(Integer, default=0)
    opens: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    unsubscribes: Mapped[int] = mapped_column(Integer, default=0)
    complaints: Mapped[int] = mapped_column(Integer, default=0)


class StatImport(Base):
    """A file already imported into a campaign, by content hash: importing it again is a no-op."""

    __tablename__ = "stat_imports"
    __table_args__ = (UniqueConstraint("campaign_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(300))
    layout: Mapped[str] = mapped_column(String(24))
    taken_on: Mapped[date] = mapped_column(Date)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(String(120), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StatAnalysis(Base):
    """The D+5 analysis of a campaign: the decisions the recap quotes, and the A/B verdict."""

    __tablename__ = "stat_analyses"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    decisions: Mapped[str] = mapped_column(Text, default="")
    ab_metric: Mapped[AbMetric] = mapped_column(
        _enum(AbMetric, "ab_metric"), default=AbMetric.CLICKS
    )
    #: A winner chosen by hand against (or without) the test, recorded with who, when and why.
    winner_override: Mapped[str | None] = mapped_column(String(40), nullable=True)
    override_by: Mapped[str] = mapped_column(String(120), default="")
    override_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class StatMapping(Base):
    """The columns of an ESP's CSV as the operator mapped them once, keyed by the ESP's name."""

    __tablename__ = "stat_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    esp: Mapped[str] = mapped_column(String(60), unique=True)
    #: crmdesk field name → the CSV header it is read from.
    columns: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Setting(Base):
    """A workspace-wide preference the reports read: the operator's name, logo and colour, and
    the folder of the operator's own report templates. A key/value table, so a new preference
    needs no migration."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Operator(Base):
    """A person who runs campaigns in this workspace: the "who" of every decision, tick and send,
    and the face of the reports. A row, not a machine setting, so a workspace shared later by a
    small team keeps each person's name on their work; which row is "me" is remembered per
    user on each computer (``crmdesk.core.operators``)."""

    __tablename__ = "operators"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    company: Mapped[str] = mapped_column(String(120), default="")
    logo_path: Mapped[str] = mapped_column(String(500), default="")
    colour: Mapped[str] = mapped_column(String(7), default="#1f2937")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Roadmap(Versioned, Base):
    """The roadmap text of a client's quarterly review, one per client and quarter ("2026Q3")."""

    __tablename__ = "roadmaps"
    __table_args__ = (UniqueConstraint("client_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    quarter: Mapped[str] = mapped_column(String(6))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class RecapSend(Base):
    """A recap PDF sent to the client's contacts: the campaign's record of who sent it, when,
    to whom and with which message."""

    __tablename__ = "recap_sends"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    account: Mapped[str] = mapped_column(String(80))
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(String(300), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(300), default="")
    sent_by: Mapped[str] = mapped_column(String(120), default="")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TimeEntry(Versioned, Base):
    """Time spent for a client, on one of its campaigns, on one day: what the operator bills.

    Kept with the client when its campaign is deleted (the time was worked all the same)."""

    __tablename__ = "time_entries"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 1440", name="minutes_within_a_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), nullable=True, index=True
    )
    worked_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    #: A ``ChecklistPhase`` value, or "" when the time is not tied to a phase.
    phase: Mapped[str] = mapped_column(String(16), default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    operator: Mapped[str] = mapped_column(String(120), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class RunningTimer(Base):
    """A timer that runs: a row, not a variable, so a crash or a closed laptop loses nothing.
    One per operator (``owner``); stopping it turns it into a ``TimeEntry``."""

    __tablename__ = "running_timers"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(120), unique=True, default="")
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    phase: Mapped[str] = mapped_column(String(16), default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class Budget(Versioned, Base):
    """What a campaign, or a client's month ("2026-11"), may cost: in days or in euros.
    Exactly one of ``campaign_id`` and ``month`` is set."""

    __tablename__ = "budgets"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "(campaign_id IS NULL AND month IS NOT NULL) OR "
            "(campaign_id IS NOT NULL AND month IS NULL)",
            name="campaign_or_month",
        ),
        UniqueConstraint("client_id", "month"),
        UniqueConstraint("campaign_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=True
    )
    month: Mapped[str | None] = mapped_column(String(7), nullable=True)
    unit: Mapped[BudgetUnit] = mapped_column(_enum(BudgetUnit, "budget_unit"))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class CalendarMarker(Base):
    """A date from someone else's calendar (a client's blackout dates, a trade fair, a
    holiday) imported from an .ics file and shown on the plan; a send on a blackout day is
    warned like a public holiday. A recurring event is one row, expanded over the period shown
    from the event's own iCalendar text; ``starts_on``..``ends_on`` bound every occurrence so a
    period read finds it with an index (``ends_on`` is 9999-12-31 for an endless rule).
    ``client_id`` None: the marker is for every client."""

    __tablename__ = "calendar_markers"
    __table_args__ = (Index("ix_calendar_markers_span", "starts_on", "ends_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), nullable=True, index=True
    )
    #: The event's UID (and RECURRENCE-ID for a moved occurrence): importing the file again
    #: updates the marker rather than adding a copy.
    uid: Mapped[str] = mapped_column(String(500), index=True)
    recurrence_id: Mapped[str] = mapped_column(String(40), default="", server_default="")
    summary: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(300), default="", server_default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    all_day: Mapped[bool] = mapped_column(Boolean, default=True)
    blackout: Mapped[bool] = mapped_column(Boolean, default=True)
    recurring: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: The VEVENT (with the VTIMEZONE it names) as imported, for recurrences and a faithful
    #: export; "" for a one-off event.
    component: Mapped[str] = mapped_column(Text, default="", server_default="")
    source: Mapped[str] = mapped_column(String(300), default="", server_default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# -- pressure flags (issue 21) -----------------------------------------------------------------


class PressureFlag(Base):
    """A campaign sent to a segment in a week over its client's cap: the warnings the calendar
    reads, so a month of a 100,000-campaign workspace looks them up instead of counting every
    week again. ``crmdesk.core.pressure`` keeps the rows in step with every write (the triggers
    of migration 0011 note what changed in ``pressure_dirty``; the commit settles it)."""

    __tablename__ = "pressure_flags"
    __table_args__ = (Index("ix_pressure_flags_client_week", "client_id", "week_start"),)

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    week_start: Mapped[date] = mapped_column(Date)  # a Monday on the client's clock
    sends: Mapped[int] = mapped_column(Integer)
    cap: Mapped[int] = mapped_column(Integer)


class PressureDirty(Base):
    """What a write changed that can move a pressure flag: a client and the send instant
    concerned (None: the whole client, after its cap or time zone changed). Written by the
    triggers, emptied when the writing transaction commits."""

    __tablename__ = "pressure_dirty"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class CalendarDay(Base):
    """How many campaigns of a client are sent on a day (on each campaign's own clock), by
    status, type and channel, and how many of them have a pressure warning: the totals a
    calendar grid shows ("+N more", the month's summary) and the open deadlines it counts,
    read without visiting 12,000 campaigns a month at 100,000. Kept with the pressure flags
    (``crmdesk.core.pressure.settle``)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    send_timezone: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    type: Mapped[str] = mapped_column(String(16), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    sends: Mapped[int] = mapped_column(Integer)
    warned: Mapped[int] = mapped_column(Integer)


#: The calendar's visible read (``core.quickread``) counts and ranks each day's campaigns from
#: this index alone, without reading a campaign's row: 12,000 rows a month at 100,000 campaigns.
Index(
    "ix_campaigns_calendar",
    Campaign.planned_send_at,
    Campaign.send_timezone,
    Campaign.client_id,
    Campaign.status,
    Campaign.type,
    Campaign.channel,
)


# -- end of pressure flags ---------------------------------------------------------------------
