"""Pressure flags and calendar day totals kept on write, and an index for the calendar's
visible read (issue 21): at 100,000 campaigns the calendar reads the over-cap warnings and each
day's totals instead of counting every week and every campaign again. Triggers note what each
write changed in ``pressure_dirty``; the writing session settles it before its commit
(``crmdesk.core.pressure.settle``), whichever path wrote: the window, the command line, an
import, an undo, raw SQL. The flags and the day totals are rebuilt here from the campaigns
already planned.

A later migration that rebuilds ``campaigns``, ``campaign_segments``, ``clients`` or
``segments`` in batch mode drops their triggers and must create them again
(``TRIGGERS`` below).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOTE = "INSERT INTO pressure_dirty (client_id, at)"
#: name → body: every change that can move a segment's weekly count or its cap.
TRIGGERS = {
    "pressure_campaign_insert": "AFTER INSERT ON campaigns BEGIN "
    f"{_NOTE} VALUES (NEW.client_id, NEW.planned_send_at); END",
    "pressure_campaign_delete": "AFTER DELETE ON campaigns BEGIN "
    f"{_NOTE} VALUES (OLD.client_id, OLD.planned_send_at); END",
    "pressure_campaign_update": "AFTER UPDATE OF client_id, planned_send_at, send_timezone, "
    "type, status, channel ON campaigns "
    f"BEGIN {_NOTE} VALUES (OLD.client_id, OLD.planned_send_at), "
    "(NEW.client_id, NEW.planned_send_at); END",
    "pressure_link_insert": "AFTER INSERT ON campaign_segments BEGIN "
    f"{_NOTE} SELECT client_id, planned_send_at FROM campaigns WHERE id = NEW.campaign_id; END",
    "pressure_link_delete": "AFTER DELETE ON campaign_segments BEGIN "
    f"{_NOTE} SELECT client_id, planned_send_at FROM campaigns WHERE id = OLD.campaign_id; END",
    "pressure_client_update": "AFTER UPDATE OF pressure_cap, timezone ON clients BEGIN "
    f"{_NOTE} VALUES (NEW.id, NULL); END",
    "pressure_segment_update": "AFTER UPDATE OF client_id ON segments BEGIN "
    f"{_NOTE} VALUES (OLD.client_id, NULL), (NEW.client_id, NULL); END",
}


def upgrade() -> None:
    op.create_table(
        "pressure_flags",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("sends", sa.Integer(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_pressure_flags_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_pressure_flags_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_pressure_flags_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", "segment_id", name=op.f("pk_pressure_flags")),
    )
    with op.batch_alter_table("pressure_flags", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pressure_flags_client_week", ["client_id", "week_start"], unique=False
        )
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("send_timezone", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sends", sa.Integer(), nullable=False),
        sa.Column("warned", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_calendar_days_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "day",
            "client_id",
            "send_timezone",
            "status",
            "type",
            "channel",
            name=op.f("pk_calendar_days"),
        ),
    )
    op.create_table(
        "pressure_dirty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pressure_dirty")),
    )
    for name, body in TRIGGERS.items():
        if op.get_bind().dialect.name == "postgresql":  # issue 22: a PL/pgSQL function each
            from crmdesk.core.postgres import row_trigger

            for statement in row_trigger(name, body):
                op.execute(statement)
        else:
            op.execute(f"CREATE TRIGGER {name} {body}")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.create_index(
            "ix_campaigns_calendar",
            ["planned_send_at", "send_timezone", "client_id", "status", "type", "channel"],
            unique=False,
        )

    from sqlalchemy.orm import Session

    from crmdesk.core import pressure

    session = Session(bind=op.get_bind())
    try:
        pressure.rebuild(session)
        session.flush()
    finally:
        session.close()


def downgrade() -> None:
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_index("ix_campaigns_calendar")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("pressure_dirty")
    op.drop_table("calendar_days")
    with op.batch_alter_table("pressure_flags", schema=None) as batch_op:
        batch_op.drop_index("ix_pressure_flags_client_week")
    op.drop_table("pressure_flags")
