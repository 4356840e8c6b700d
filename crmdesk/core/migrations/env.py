"""Alembic environment: runs on the connection crmdesk hands over, inside its transaction."""

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlalchemy.sql.schema import SchemaItem

from crmdesk.core.fts import TABLE as FTS_TABLE
from crmdesk.core.models import Base

config = context.config
connection = config.attributes.get("connection")


def _include(
    obj: SchemaItem,
    name: str | None,
    type_: str,
    reflected: bool,
    compare_to: SchemaItem | None,
) -> bool:
    """The FTS5 index and its shadow tables live outside the models (see crmdesk/core/fts.py)."""
    return not (type_ == "table" and name and name.startswith(FTS_TABLE))


def _run(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        include_object=_include,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # `alembic revision --autogenerate` during development
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        _run(conn)
