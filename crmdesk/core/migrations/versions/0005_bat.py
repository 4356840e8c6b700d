"""BAT rounds with their content-addressed snapshots, feedback and test sends; client personas;
SMTP accounts (their passwords live in the keyring).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bat_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_bat_blobs")),
    )
    op.create_table(
        "smtp_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("host", sa.String(length=253), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column(
            "security",
            sa.Enum(
                "starttls",
                "ssl",
                "none",
                name="smtp_security",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("username", sa.String(length=254), nullable=False),
        sa.Column("sender", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smtp_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_smtp_accounts_name")),
    )
    op.create_table(
        "personas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_personas_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personas")),
        sa.UniqueConstraint("client_id", "name", name=op.f("uq_personas_client_id")),
    )
    with op.batch_alter_table("personas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_personas_client_id"), ["client_id"], unique=False)

    op.create_table(
        "bat_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("source_kind", sa.String(length=8), nullable=False),
        sa.Column("entry", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("notices", sa.JSON(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("remote_allowed", sa.Boolean(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "pending",
                "changes",
                "approved",
                name="bat_decision",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_bat_rounds_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bat_rounds")),
        sa.UniqueConstraint("campaign_id", "number", name=op.f("uq_bat_rounds_campaign_id")),
    )
    with op.batch_alter_table("bat_rounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bat_rounds_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "bat_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["bat_rounds.id"],
            name=op.f("fk_bat_feedback_round_id_bat_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bat_feedback")),
    )
    with op.batch_alter_table("bat_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bat_feedback_round_id"), ["round_id"], unique=False)

    op.create_table(
        "bat_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("content_id", sa.String(length=300), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["bat_rounds.id"],
            name=op.f("fk_bat_files_round_id_bat_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["bat_blobs.sha256"], name=op.f("fk_bat_files_sha256_bat_blobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bat_files")),
        sa.UniqueConstraint("round_id", "path", name=op.f("uq_bat_files_round_id")),
    )
    with op.batch_alter_table("bat_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bat_files_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bat_files_sha256"), ["sha256"], unique=False)

    op.create_table(
        "bat_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=80), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("persona", sa.String(length=120), nullable=False),
        sa.Column("sent_by", sa.String(length=120), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["bat_rounds.id"],
            name=op.f("fk_bat_sends_round_id_bat_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bat_sends")),
    )
    with op.batch_alter_table("bat_sends", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bat_sends_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bat_sends", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bat_sends_round_id"))

    op.drop_table("bat_sends")
    with op.batch_alter_table("bat_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bat_files_sha256"))
        batch_op.drop_index(batch_op.f("ix_bat_files_round_id"))

    op.drop_table("bat_files")
    with op.batch_alter_table("bat_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bat_feedback_round_id"))

    op.drop_table("bat_feedback")
    with op.batch_alter_table("bat_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bat_rounds_campaign_id"))

    op.drop_table("bat_rounds")
    with op.batch_alter_table("personas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_personas_client_id"))

    op.drop_table("personas")
    op.drop_table("smtp_accounts")
    op.drop_table("bat_blobs")
