"""The freelance side: time spent (entries and the running timer, a row so a crash loses
nothing), budgets per campaign or per client and month, and calendar markers imported from a
client's .ics (blackout dates, trade fairs, holidays). New tables only: nothing existing moves.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_markers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=500), nullable=False),
        sa.Column("recurrence_id", sa.String(length=40), server_default="", nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("location", sa.String(length=300), server_default="", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("blackout", sa.Boolean(), nullable=False),
        sa.Column("recurring", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("component", sa.Text(), server_default="", nullable=False),
        sa.Column("source", sa.String(length=300), server_default="", nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_calendar_markers_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_markers")),
    )
    with op.batch_alter_table("calendar_markers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_markers_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index("ix_calendar_markers_span", ["starts_on", "ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendar_markers_uid"), ["uid"], unique=False)

    op.create_table(
        "budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column(
            "unit",
            sa.Enum(
                "days",
                "euros",
                name="budget_unit",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.CheckConstraint(
            "(campaign_id IS NULL AND month IS NOT NULL) OR "
            "(campaign_id IS NOT NULL AND month IS NULL)",
            name=op.f("ck_budgets_campaign_or_month"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_budgets_amount_positive")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_budgets_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_budgets_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budgets")),
        sa.UniqueConstraint("campaign_id", name=op.f("uq_budgets_campaign_id")),
        sa.UniqueConstraint("client_id", "month", name=op.f("uq_budgets_client_id")),
    )
    with op.batch_alter_table("budgets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budgets_client_id"), ["client_id"], unique=False)

    op.create_table(
        "running_timers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("phase", sa.String(length=16), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_running_timers_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_running_timers")),
        sa.UniqueConstraint("owner", name=op.f("uq_running_timers_owner")),
    )
    with op.batch_alter_table("running_timers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_running_timers_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "time_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=16), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("operator", sa.String(length=120), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "minutes > 0 AND minutes <= 1440", name=op.f("ck_time_entries_minutes_within_a_day")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_time_entries_campaign_id_campaigns"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_time_entries_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entries")),
    )
    with op.batch_alter_table("time_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_time_entries_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_time_entries_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_time_entries_worked_on"), ["worked_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("time_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_entries_worked_on"))
        batch_op.drop_index(batch_op.f("ix_time_entries_client_id"))
        batch_op.drop_index(batch_op.f("ix_time_entries_campaign_id"))

    op.drop_table("time_entries")
    with op.batch_alter_table("running_timers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_running_timers_campaign_id"))

    op.drop_table("running_timers")
    with op.batch_alter_table("budgets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budgets_client_id"))

    op.drop_table("budgets")
    with op.batch_alter_table("calendar_markers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_markers_uid"))
        batch_op.drop_index("ix_calendar_markers_span")
        batch_op.drop_index(batch_op.f("ix_calendar_markers_client_id"))

    op.drop_table("calendar_markers")
