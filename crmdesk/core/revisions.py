"""The schema revisions this version of crmdesk knows, without importing Alembic or SQLAlchemy.

``core.migrate`` upgrades to the last of them; the window's first paint (``core.quickread``)
reads a workspace file directly only when it is at that revision. A test keeps the list in step
with the scripts in ``migrations/versions``.
"""

from __future__ import annotations

#: Every revision this version knows, oldest first; the last is the head.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
