"""Row versions (issue 22): every editable row carries its version and who last changed it and
when, so two people editing the same campaign, brief or client at once cannot silently overwrite
each other (``crmdesk.core.concurrency``). Columns added in place (``op.add_column``), never a
batch rebuild: a rebuild of ``campaigns``, ``clients`` or ``segments`` on SQLite would drop the
triggers of migration 0011. Existing rows start at version 1, changed by nobody known ("").

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables whose rows a person edits in a form (see ``crmdesk.core.models.Versioned``).
TABLES = (
    "clients",
    "segments",
    "contacts",
    "campaigns",
    "briefs",
    "checklist_items",
    "time_entries",
    "budgets",
    "personas",
    "roadmaps",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("row_version", sa.Integer(), server_default="1", nullable=False)
        )
        op.add_column(
            table,
            sa.Column("changed_by", sa.String(length=120), server_default="", nullable=False),
        )
        op.add_column(table, sa.Column("changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        for column in ("changed_at", "changed_by", "row_version"):
            op.drop_column(table, column)
