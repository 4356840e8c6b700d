"""Day one: operator profiles, archived clients and segments, contacts' team and what they
receive. The operator's name, logo and colour kept so far as report settings become the first
operator profile; each contact's BAT and recap flags start from its RACI role.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLES = ("marketing", "crm", "data", "client")


def upgrade() -> None:
    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("company", sa.String(length=120), nullable=False),
        sa.Column("logo_path", sa.String(length=500), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_operators_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "role",
                sa.Enum(
                    *_ROLES,
                    name="contact_role",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                server_default="client",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("receives_bat", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("receives_recaps", sa.Boolean(), server_default="0", nullable=False)
        )

    # Who approves, and who works on the campaign with the operator, see the BAT; the
    # recap goes to everyone but the Responsible (in the seeds' RACI, the operator).
    op.execute(
        "UPDATE contacts SET receives_bat = raci_role IN ('accountable', 'consulted'), "
        "receives_recaps = raci_role IN ('accountable', 'consulted', 'informed')"
    )
    op.execute(
        "INSERT INTO operators (name, email, company, logo_path, colour, created_at) "
        "SELECT s.value, '', '', "
        "COALESCE((SELECT value FROM settings WHERE key = 'operator_logo'), ''), "
        "COALESCE((SELECT value FROM settings WHERE key = 'operator_colour'), '#1f2937'), "
        "CURRENT_TIMESTAMP FROM settings s WHERE s.key = 'operator_name' AND trim(s.value) <> ''"
    )
    op.execute(
        "DELETE FROM settings WHERE key IN ('operator_name', 'operator_logo', 'operator_colour') "
        "AND EXISTS (SELECT 1 FROM operators)"
    )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("receives_recaps")
        batch_op.drop_column("receives_bat")
        batch_op.drop_column("role")
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
    op.drop_table("operators")
