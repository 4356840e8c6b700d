"""Index campaign segments by segment: pressure windows look campaigns up by segment.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("campaign_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_segments_segment_id"), ["segment_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("campaign_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_segments_segment_id"))
