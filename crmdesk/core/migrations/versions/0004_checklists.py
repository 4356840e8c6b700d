"""Checklists (templates, items), check runs, and the client's charters for the check engine.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tone", sa.String(length=8), nullable=False, server_default="")
        )
        for name in ("banned_words", "required_mentions", "palette", "mail_clients"):
            batch_op.add_column(sa.Column(name, sa.JSON(), nullable=False, server_default="[]"))

    op.create_table(
        "checklist_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column(
            "campaign_type",
            _enum(
                "checklist_template_campaign_type",
                "newsletter",
                "promo",
                "relance",
                "erratum",
                "automation",
            ),
            nullable=True,
        ),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_checklist_templates_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_templates")),
        sa.UniqueConstraint(
            "client_id", "campaign_type", name=op.f("uq_checklist_templates_client_id")
        ),
    )
    with op.batch_alter_table("checklist_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checklist_templates_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "phase",
            _enum("checklist_phase", "strategy", "production", "bat", "send", "analysis"),
            nullable=False,
        ),
        sa.Column("label_en", sa.String(length=300), nullable=False),
        sa.Column("label_fr", sa.String(length=300), nullable=False),
        sa.Column(
            "role", _enum("checklist_role", "marketing", "crm", "data", "client"), nullable=False
        ),
        sa.Column("due_offset_days", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("check", sa.String(length=80), nullable=False),
        sa.Column(
            "state",
            _enum("checklist_state", "todo", "done", "not_applicable", "failed"),
            nullable=False,
        ),
        sa.Column("done_by", sa.String(length=120), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("by_check", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_checklist_items_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_items")),
    )
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checklist_items_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index("ix_checklist_items_state_due_on", ["state", "due_on"], unique=False)

    op.create_table(
        "check_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("encoded_size", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("infos", sa.Integer(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_check_runs_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_runs")),
    )
    with op.batch_alter_table("check_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_runs_campaign_id"), ["campaign_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("check_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_runs_campaign_id"))
    op.drop_table("check_runs")
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.drop_index("ix_checklist_items_state_due_on")
        batch_op.drop_index(batch_op.f("ix_checklist_items_campaign_id"))
    op.drop_table("checklist_items")
    with op.batch_alter_table("checklist_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_templates_client_id"))
    op.drop_table("checklist_templates")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        for name in ("mail_clients", "palette", "required_mentions", "banned_words", "tone"):
            batch_op.drop_column(name)
