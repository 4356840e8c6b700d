"""Initial schema: clients, contacts, segments, campaigns and their segments.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 04:06:27.014202
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("sender_name", sa.String(length=120), nullable=False),
        sa.Column("sender_address", sa.String(length=254), nullable=False),
        sa.Column("utm_convention", sa.String(length=500), nullable=False),
        sa.Column("pressure_cap", sa.Integer(), nullable=False),
        sa.Column("brief_offset_days", sa.Integer(), nullable=False),
        sa.Column("bat_offset_days", sa.Integer(), nullable=False),
        sa.Column("analysis_offset_days", sa.Integer(), nullable=False),
        sa.Column("daily_rate", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "brief_offset_days >= 0 AND bat_offset_days >= 0 AND analysis_offset_days >= 0",
            name=op.f("ck_clients_offsets_not_negative"),
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_clients_name_not_blank")),
        sa.CheckConstraint("pressure_cap >= 1", name=op.f("ck_clients_pressure_cap_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
        sa.UniqueConstraint("name", name=op.f("uq_clients_name")),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "sms",
                "push",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "type",
            sa.Enum(
                "newsletter",
                "promo",
                "relance",
                "erratum",
                "automation",
                name="campaign_type",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "brief",
                "production",
                "bat",
                "approved",
                "scheduled",
                "sent",
                "analysed",
                "closed",
                name="campaign_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("planned_send_at", sa.DateTime(), nullable=False),
        sa.Column("send_timezone", sa.String(length=64), nullable=False),
        sa.Column("volume", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("preheader", sa.String(length=300), nullable=False),
        sa.Column("esp", sa.String(length=60), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_campaigns_name_not_blank")),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id", name=op.f("ck_campaigns_not_own_parent")
        ),
        sa.CheckConstraint(
            "volume IS NULL OR volume >= 0", name=op.f("ck_campaigns_volume_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_campaigns_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["campaigns.id"],
            name=op.f("fk_campaigns_parent_id_campaigns"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaigns_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_campaigns_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_campaigns_planned_send_at"), ["planned_send_at"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "raci_role",
            sa.Enum(
                "responsible",
                "accountable",
                "consulted",
                "informed",
                name="raci_role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_contacts_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_contacts_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_client_id"), ["client_id"], unique=False)

    op.create_table(
        "segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("estimated_size", sa.Integer(), nullable=False),
        sa.CheckConstraint("estimated_size >= 0", name=op.f("ck_segments_size_not_negative")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_segments_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_segments_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
        sa.UniqueConstraint("client_id", "name", name=op.f("uq_segments_client_id")),
    )
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_segments_client_id"), ["client_id"], unique=False)

    op.create_table(
        "campaign_segments",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_segments_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_campaign_segments_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", "segment_id", name=op.f("pk_campaign_segments")),
    )


def downgrade() -> None:
    op.drop_table("campaign_segments")
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_segments_client_id"))

    op.drop_table("segments")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_client_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaigns_planned_send_at"))
        batch_op.drop_index(batch_op.f("ix_campaigns_parent_id"))
        batch_op.drop_index(batch_op.f("ix_campaigns_client_id"))

    op.drop_table("campaigns")
    op.drop_table("clients")
