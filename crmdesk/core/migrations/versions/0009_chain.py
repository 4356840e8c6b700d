"""The chain keeps itself true: checklist items settled by the app's events, figures that were
never given kept as unknown rather than zero, and BAT approvals that overrode open errors.

Existing checklists get their events by the default template's English labels (the only text
every copy shares); saved templates get them the same way. Figures already stored stay as
they are: a 0 recorded before cannot be told from a 0 that was never given.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The default template's items that an event settles, by their English label.
_EVENTS = {
    "Brief received and complete": "brief",
    "Email built (HTML integrated)": "bat_imported",
    "BAT sent to the client": "bat_sent",
    "BAT approved by the client": "bat_approved",
    "Send went out (seed inbox checked)": "sent",
    "D+5 tracking filled": "stats",
    "Stats analysed, decisions taken (next test, relance, target)": "decisions",
    "Recap sent to the client": "recap_sent",
}

_FIGURES = (
    "delivered",
    "hard_bounces",
    "soft_bounces",
    "unique_opens",
    "total_opens",
    "unique_clicks",
    "total_clicks",
    "unsubscribes",
    "complaints",
    "conversions",
)


def upgrade() -> None:
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("event", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("auto_note", sa.JSON(), nullable=True))
    with op.batch_alter_table("bat_rounds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("override_findings", sa.JSON(), server_default="[]", nullable=False)
        )
    with op.batch_alter_table("stat_snapshots", schema=None) as batch_op:
        for name in _FIGURES:
            batch_op.alter_column(name, existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column(
            "revenue", existing_type=sa.Numeric(precision=14, scale=2), nullable=True
        )

    bind = op.get_bind()
    items = sa.table("checklist_items", sa.column("label_en", sa.String), sa.column("event"))
    for label, event in _EVENTS.items():
        bind.execute(items.update().where(items.c.label_en == label).values(event=event))
    templates = sa.table("checklist_templates", sa.column("id", sa.Integer), sa.column("items"))
    for template_id, raw in bind.execute(sa.select(templates.c.id, templates.c["items"])).all():
        entries = json.loads(raw) if isinstance(raw, str) else raw
        for entry in entries:
            label = entry.get("label")
            english = label.get("en") if isinstance(label, dict) else label
            if english in _EVENTS and not entry.get("event"):
                entry["event"] = _EVENTS[english]
        bind.execute(
            templates.update()
            .where(templates.c.id == template_id)
            .values(items=json.dumps(entries, ensure_ascii=False))
        )


def downgrade() -> None:
    for name in (*_FIGURES, "revenue"):
        op.execute(f"UPDATE stat_snapshots SET {name} = 0 WHERE {name} IS NULL")
    with op.batch_alter_table("stat_snapshots", schema=None) as batch_op:
        for name in _FIGURES:
            batch_op.alter_column(
                name, existing_type=sa.Integer(), nullable=False, server_default="0"
            )
        batch_op.alter_column(
            "revenue",
            existing_type=sa.Numeric(precision=14, scale=2),
            nullable=False,
            server_default="0",
        )
    with op.batch_alter_table("bat_rounds", schema=None) as batch_op:
        batch_op.drop_column("override_findings")
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.drop_column("auto_note")
        batch_op.drop_column("event")
