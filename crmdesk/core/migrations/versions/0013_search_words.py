"""Search finds the same words on PostgreSQL as on a file (issue 22).

FTS5's ``unicode61`` tokenizer splits text on every punctuation mark, so the words of
``https://www.maison-dupre.fr/soldes`` or ``contact@maison-dupre.fr`` are ``maison``, ``dupre``,
``soldes``… PostgreSQL's parser keeps a URL, a host, an e-mail address or ``v1.2`` as one token,
so a search for "dupre" found the campaign on a laptop and not on the agency's server. The
server's ``tsvector`` is now built from the text with every ASCII punctuation mark turned into a
space (``translate``, which depends on no locale, unlike a regular expression's classes): the
same words as FTS5. Nothing changes on SQLite.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Every ASCII punctuation mark; ``translate`` maps each to the space at the same position.
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _document(body: str) -> str:
    marks = PUNCTUATION.replace("'", "''")
    spaces = " " * len(PUNCTUATION)
    return f"to_tsvector('crmdesk_french', translate({body}, E'{_escaped(marks)}', '{spaces}'))"


def _escaped(text: str) -> str:
    """A backslash in an E'' string literal is written twice."""
    return text.replace("\\", "\\\\")


def _rebuild(document: str) -> None:
    op.execute("DROP INDEX ix_search_index_document")
    op.execute("ALTER TABLE search_index DROP COLUMN document")
    op.execute(
        f"ALTER TABLE search_index ADD COLUMN document tsvector GENERATED ALWAYS AS ({document}) "
        "STORED"
    )
    op.execute("CREATE INDEX ix_search_index_document ON search_index USING GIN (document)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(_document("body"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild("to_tsvector('crmdesk_french', body)")
