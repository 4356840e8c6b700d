"""Briefs, their versions and templates; the full-text search index (SQLite FTS5).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "brief_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column(
            "campaign_type",
            sa.Enum(
                "newsletter",
                "promo",
                "relance",
                "erratum",
                "automation",
                name="template_campaign_type",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(trim(name)) > 0", name=op.f("ck_brief_templates_name_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_brief_templates_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brief_templates")),
    )
    with op.batch_alter_table("brief_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_brief_templates_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "briefs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_briefs_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_briefs")),
        sa.UniqueConstraint("campaign_id", name=op.f("uq_briefs_campaign_id")),
    )
    op.create_table(
        "brief_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("brief_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("editing_session", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["brief_id"],
            ["briefs.id"],
            name=op.f("fk_brief_versions_brief_id_briefs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brief_versions")),
        sa.UniqueConstraint("brief_id", "number", name=op.f("uq_brief_versions_brief_id")),
    )
    with op.batch_alter_table("brief_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_brief_versions_brief_id"), ["brief_id"], unique=False)

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mention_required", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    # Full-text search over campaigns and briefs. SQLite's FTS5; a PostgreSQL workspace will
    # get its own index in its own revision. Queried only by crmdesk/core/fts.py.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "campaign_id UNINDEXED, field UNINDEXED, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO search_index (campaign_id, field, body) "
            "SELECT id, 'campaign', name || ' ' || subject || ' ' || preheader || ' ' || notes "
            "FROM campaigns"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("mention_required")

    with op.batch_alter_table("brief_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_brief_versions_brief_id"))

    op.drop_table("brief_versions")
    op.drop_table("briefs")
    with op.batch_alter_table("brief_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_brief_templates_client_id"))

    op.drop_table("brief_templates")
