"""Stats: snapshots of a campaign's figures (per A/B variant), per-domain and per-hour
breakdowns from activity exports, the files already imported, the D+5 analysis, remembered CSV
column mappings per ESP, and each client's A/B confidence level.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stat_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("esp", sa.String(length=60), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_mappings")),
        sa.UniqueConstraint("esp", name=op.f("uq_stat_mappings_esp")),
    )
    op.create_table(
        "stat_analyses",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column(
            "ab_metric",
            sa.Enum(
                "clicks",
                "opens",
                "conversions",
                name="ab_metric",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("winner_override", sa.String(length=40), nullable=True),
        sa.Column("override_by", sa.String(length=120), nullable=False),
        sa.Column("override_at", sa.DateTime(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_stat_analyses_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_stat_analyses")),
    )
    op.create_table(
        "stat_breakdowns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(length=40), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("delivered", sa.Integer(), nullable=False),
        sa.Column("bounces", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("unsubscribes", sa.Integer(), nullable=False),
        sa.Column("complaints", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_stat_breakdowns_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_breakdowns")),
        sa.UniqueConstraint(
            "campaign_id",
            "variant",
            "dimension",
            "key",
            name=op.f("uq_stat_breakdowns_campaign_id"),
        ),
    )
    with op.batch_alter_table("stat_breakdowns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stat_breakdowns_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "stat_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("layout", sa.String(length=24), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_stat_imports_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_imports")),
        sa.UniqueConstraint("campaign_id", "sha256", name=op.f("uq_stat_imports_campaign_id")),
    )
    with op.batch_alter_table("stat_imports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stat_imports_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "stat_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(length=40), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("delivered", sa.Integer(), nullable=False),
        sa.Column("hard_bounces", sa.Integer(), nullable=False),
        sa.Column("soft_bounces", sa.Integer(), nullable=False),
        sa.Column("unique_opens", sa.Integer(), nullable=False),
        sa.Column("total_opens", sa.Integer(), nullable=False),
        sa.Column("unique_clicks", sa.Integer(), nullable=False),
        sa.Column("total_clicks", sa.Integer(), nullable=False),
        sa.Column("unsubscribes", sa.Integer(), nullable=False),
        sa.Column("complaints", sa.Integer(), nullable=False),
        sa.Column("conversions", sa.Integer(), nullable=False),
        sa.Column("revenue", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "typed",
                "mailchimp",
                "brevo",
                "activity",
                "mapped",
                name="stat_source",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "sent >= 0 AND delivered >= 0 AND hard_bounces >= 0 AND soft_bounces >= 0 "
            "AND unique_opens >= 0 AND total_opens >= 0 AND unique_clicks >= 0 "
            "AND total_clicks >= 0 AND unsubscribes >= 0 AND complaints >= 0 "
            "AND conversions >= 0 AND revenue >= 0",
            name=op.f("ck_stat_snapshots_figures_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_stat_snapshots_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_snapshots")),
        sa.UniqueConstraint(
            "campaign_id", "variant", "taken_on", name=op.f("uq_stat_snapshots_campaign_id")
        ),
    )
    with op.batch_alter_table("stat_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stat_snapshots_campaign_id"), ["campaign_id"], unique=False
        )

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ab_confidence", sa.Float(), server_default="0.95", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("ab_confidence")

    with op.batch_alter_table("stat_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stat_snapshots_campaign_id"))

    op.drop_table("stat_snapshots")
    with op.batch_alter_table("stat_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stat_imports_campaign_id"))

    op.drop_table("stat_imports")
    with op.batch_alter_table("stat_breakdowns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stat_breakdowns_campaign_id"))

    op.drop_table("stat_breakdowns")
    op.drop_table("stat_analyses")
    op.drop_table("stat_mappings")
