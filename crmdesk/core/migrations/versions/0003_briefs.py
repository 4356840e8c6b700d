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

    # Full-text search over campaigns and briefs. SQLite's FTS5; on PostgreSQL a table with a
    # tsvector and a GIN index (below). Queried only by crmdesk/core/fts.py.
    if op.get_bind().dialect.name == "postgresql":
        _create_postgresql_search_index()
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


def _create_postgresql_search_index() -> None:
    """The same hits as FTS5's ``unicode61 remove_diacritics 2``: a copy of the French
    configuration whose words go through ``unaccent`` (when the server has it) and ``simple``
    (lower case, no stemming, no stop words: every word FTS5 indexes is indexed too, and a
    prefix query means what it means there). Rowids are crmdesk's own column, as in FTS5."""
    import logging

    unaccent = "unaccent, "
    try:
        with op.get_bind().begin_nested():
            op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        unaccent = ""
        logging.getLogger(__name__).warning(
            "PostgreSQL's unaccent extension is not available here: search will not fold "
            "accents (install postgresql-contrib, or let the administrator CREATE EXTENSION "
            "unaccent in this database)"
        )
    op.execute("CREATE TEXT SEARCH CONFIGURATION crmdesk_french (COPY = pg_catalog.french)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION crmdesk_french ALTER MAPPING FOR "
        "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, "
        f"hword_numpart, email, url, host, file, version, int, uint, float, sfloat "
        f"WITH {unaccent}simple"
    )
    op.execute(
        "CREATE TABLE search_index ("
        "rowid BIGINT PRIMARY KEY, campaign_id INTEGER NOT NULL, field VARCHAR(40) NOT NULL, "
        "body TEXT NOT NULL, "
        "document tsvector GENERATED ALWAYS AS (to_tsvector('crmdesk_french', body)) STORED)"
    )
    op.execute("CREATE INDEX ix_search_index_document ON search_index USING GIN (document)")
    op.execute(
        "INSERT INTO search_index (rowid, campaign_id, field, body) "
        "SELECT id * 32, id, 'campaign', name || ' ' || subject || ' ' || preheader || ' ' "
        "|| notes FROM campaigns"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE search_index")
        op.execute("DROP TEXT SEARCH CONFIGURATION crmdesk_french")
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
