"""Clients, their segments and contacts: what the calendar filters and the dialog choose from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

# Re-exported: the calendar's legend reads it at the first paint, without SQLAlchemy.
from crmdesk.core.calendar_values import ClientInfo
from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, InUse, NotFound, ValidationError
from crmdesk.core.models import Base, Campaign, Client, Segment, campaign_segments, table_of, utcnow
from crmdesk.core.timezones import DEFAULT_TIMEZONE, is_known_zone

DEFAULT_COLOUR = "#3b82f6"
NAME_MAX = 120
OFFSET_MAX = 365


@dataclass(frozen=True)
class SegmentInfo:
    id: int
    client_id: int
    name: str
    estimated_size: int
    archived: bool = False


@dataclass(frozen=True)
class ClientInput:
    """Every field of the client form (and of ``crmdesk client add/edit``)."""

    name: str
    colour: str = DEFAULT_COLOUR
    timezone: str = DEFAULT_TIMEZONE
    sender_name: str = ""
    sender_address: str = ""
    utm_convention: str = ""
    pressure_cap: int = 3
    brief_offset_days: int = 10
    bat_offset_days: int = 2
    analysis_offset_days: int = 5
    daily_rate: Decimal | None = None
    ab_confidence: float = 0.95
    logo_path: str = ""


@dataclass(frozen=True)
class ClientArchive:
    """A deleted client and every row that named it, enough to bring it back (undo)."""

    client: dict[str, Any]
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


DEFAULT_COLOUR = "#3b82f6"
NAME_MAX = 120
OFFSET_MAX = 365


def list_clients(session: Session, *, include_archived: bool = False) -> list[ClientInfo]:
    """The clients the pickers and filters offer (archived ones too when asked), by name."""
    query = select(Client).order_by(Client.name)
    if not include_archived:
        query = query.where(Client.archived_at.is_(None))
    return [
        ClientInfo(
            c.id,
            c.name,
            c.colour,
            c.timezone,
            c.pressure_cap,
            c.brief_offset_days,
            c.bat_offset_days,
            c.analysis_offset_days,
            c.archived_at is not None,
        )
        for c in session.scalars(query)
    ]


def list_segments(
    session: Session, client_id: int | None = None, *, include_archived: bool = False
) -> list[SegmentInfo]:
    query = select(Segment).order_by(Segment.name)
    if client_id is not None:
        query = query.where(Segment.client_id == client_id)
    if not include_archived:
        query = query.where(Segment.archived_at.is_(None))
    return [
        SegmentInfo(s.id, s.client_id, s.name, s.estimated_size, s.archived_at is not None)
        for s in session.scalars(query)
    ]


def has_clients(session: Session) -> bool:
    """Whether the workspace has any client, archived ones included: an empty workspace opens
    on the welcome page."""
    return session.scalar(select(Client.id).limit(1)) is not None


def _name_taken(session: Session, name: str, client_id: int | None) -> bool:
    # In Python: SQLite's lower() only folds ASCII, and names here are French (É, Ç…).
    wanted = name.casefold()
    return any(
        known.casefold() == wanted and cid != client_id
        for cid, known in session.execute(select(Client.id, Client.name))
    )


def validate_client(
    session: Session, data: ClientInput, client_id: int | None = None
) -> ClientInput:
    """The input cleaned, or ``ValidationError`` listing every field at fault."""
    from crmdesk.core.operators import is_email

    problems: list[FieldProblem] = []
    name = " ".join(data.name.split())
    if not name:
        problems.append(FieldProblem("name", "name_empty", "The client needs a name."))
    elif len(name) > NAME_MAX:
        problems.append(
            FieldProblem("name", "name_too_long", f"The name is longer than {NAME_MAX} characters.")
        )
    elif _name_taken(session, name, client_id):
        problems.append(
            FieldProblem("name", "name_taken", f"A client named “{name}” already exists.")
        )
    colour = normalise_colour(data.colour)
    if colour is None:
        problems.append(
            FieldProblem("colour", "colour_invalid", f"“{data.colour}” is not a colour (#rrggbb).")
        )
    if not is_known_zone(data.timezone.strip()):
        problems.append(
            FieldProblem("timezone", "timezone_unknown", f"Unknown time zone “{data.timezone}”.")
        )
    sender = data.sender_address.strip()
    if sender and not is_email(sender):
        problems.append(
            FieldProblem("sender_address", "email_invalid", f"“{sender}” is not an email address.")
        )
    if data.pressure_cap < 1:
        problems.append(
            FieldProblem(
                "pressure_cap", "cap_too_small", "The pressure cap is at least 1 send a week."
            )
        )
    for field_name in ("brief_offset_days", "bat_offset_days", "analysis_offset_days"):
        days = getattr(data, field_name)
        if not 0 <= days <= OFFSET_MAX:
            problems.append(
                FieldProblem(
                    field_name, "offset_invalid", f"A deadline offset is 0 to {OFFSET_MAX} days."
                )
            )
    if data.daily_rate is not None and not Decimal(0) <= data.daily_rate < Decimal(100_000_000):
        problems.append(
            FieldProblem("daily_rate", "rate_invalid", "The daily rate is a positive amount.")
        )
    if not 0.5 < data.ab_confidence < 1:
        problems.append(
            FieldProblem(
                "ab_confidence",
                "confidence_invalid",
                "The A/B confidence is between 50 % and 100 % (95 % usually).",
            )
        )
    logo = data.logo_path.strip()
    if len(logo) > 500 or any(c in logo for c in "\n\r\0"):
        problems.append(FieldProblem("logo_path", "path_invalid", "The logo path is not valid."))
    if len(data.utm_convention) > 500:
        problems.append(
            FieldProblem("utm_convention", "too_long", "The UTM convention is over 500 chars.")
        )
    if problems:
        raise ValidationError(problems)
    assert colour is not None
    return replace(
        data,
        name=name,
        colour=colour,
        timezone=data.timezone.strip(),
        sender_name=" ".join(data.sender_name.split()),
        sender_address=sender,
        utm_convention=data.utm_convention.strip(),
        logo_path=logo,
    )


def _write_client(client: Client, data: ClientInput) -> None:
    for name in ClientInput.__dataclass_fields__:
        setattr(client, name, getattr(data, name))


def add_client(session: Session, data: ClientInput) -> tuple[int, Changes]:
    """Add a client from the form; refused input writes nothing."""
    clean = validate_client(session, data)
    client = Client()
    _write_client(client, clean)
    session.add(client)
    session.flush()
    return client.id, Changes(clients=True)


def client_input(session: Session, client_id: int) -> ClientInput:
    client = _client(session, client_id)
    return ClientInput(**{name: getattr(client, name) for name in ClientInput.__dataclass_fields__})


def client_input_versioned(session: Session, client_id: int) -> tuple[ClientInput, int]:
    """The form's input and the client's version, to save with ``expected_version``."""
    return client_input(session, client_id), _client(session, client_id).row_version


def _expect(
    client: Client, expected_version: int | None, started_from: object, current: object
) -> None:
    """Refuse an edit started from another version of the client (``StaleEdit``)."""
    from crmdesk.core import concurrency

    if expected_version is not None and client.row_version != expected_version:
        raise concurrency.refuse("client", client, client.name, started_from, current)


def update_client(
    session: Session,
    client_id: int,
    data: ClientInput,
    *,
    expected_version: int | None = None,
    started_from: ClientInput | None = None,
) -> tuple[ClientInput, Changes]:
    """Store the form; returns the previous values (for undo). With ``expected_version``, a
    client someone else saved meanwhile is refused (``StaleEdit``): nothing is written."""
    previous = client_input(session, client_id)
    _expect(_client(session, client_id), expected_version, started_from, previous)
    clean = validate_client(session, data, client_id)
    _write_client(_client(session, client_id), clean)
    session.flush()
    return previous, Changes(campaigns=True, clients=True)


def is_archived(session: Session, client_id: int) -> bool:
    return _client(session, client_id).archived_at is not None


def set_client_archived(session: Session, client_id: int, archived: bool) -> Changes:
    """Archive (gone from pickers and filters, kept in history and reports) or restore."""
    client = _client(session, client_id)
    client.archived_at = (client.archived_at or utcnow()) if archived else None
    return Changes(campaigns=True, clients=True)


def campaign_count(session: Session, client_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Campaign).where(Campaign.client_id == client_id)
        )
        or 0
    )


def delete_client(session: Session, client_id: int) -> tuple[ClientArchive, Changes]:
    """Delete a client that has no campaign, returning what brings it back; a client with
    campaigns is refused (``InUse``): archive it instead."""
    client = _client(session, client_id)
    count = campaign_count(session, client_id)
    if count:
        raise InUse(
            "client_in_use",
            count,
            f"“{client.name}” has {count} campaign{'s' if count != 1 else ''}: "
            "archive it instead (it leaves the pickers and stays in the history).",
        )
    archive = ClientArchive(
        _row(session, table_of(Client), client_id), _children(session, client_id)
    )
    session.execute(delete(Client).where(Client.id == client_id))
    return archive, Changes(clients=True)


def undelete_client(session: Session, archive: ClientArchive) -> Changes:
    session.execute(insert(table_of(Client)).values(**archive.client))
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    for name, rows in archive.rows:
        if rows:
            session.execute(insert(tables[name]), list(rows))
    session.flush()
    return Changes(clients=True)


def _row(session: Session, table: Table, row_id: int) -> dict[str, Any]:
    return dict(session.execute(select(table).where(table.c.id == row_id)).mappings().one())


def _children(
    session: Session, client_id: int
) -> tuple[tuple[str, tuple[dict[str, Any], ...]], ...]:
    """Every row naming the client, table by table in dependency order: what a delete takes."""
    found = []
    for table in Base.metadata.sorted_tables:
        if "client_id" in table.c and table.name != "campaigns":
            rows = session.execute(select(table).where(table.c.client_id == client_id))
            found.append((table.name, tuple(dict(r) for r in rows.mappings())))
    return tuple(found)


def create_client(session: Session, name: str, **fields: object) -> tuple[int, Changes]:
    """Add a client; the name must be non-empty and unique (case-insensitively). The demo's
    and the tests' shortcut: the form's fields are validated, the charters taken as given."""
    form = {k: v for k, v in fields.items() if k in ClientInput.__dataclass_fields__}
    rest = {k: v for k, v in fields.items() if k not in form}
    new_id, changes = add_client(session, ClientInput(name=name, **form))  # type: ignore[arg-type]
    client = _client(session, new_id)
    for key, value in rest.items():
        setattr(client, key, value)
    session.flush()
    return new_id, changes


def segment_id_by_name(session: Session, client_id: int, name: str) -> int:
    """The client's segment named ``name`` in any case; ``NotFound`` naming those there are."""
    known = session.execute(
        select(Segment.id, Segment.name)
        .where(Segment.client_id == client_id)
        .order_by(Segment.name)
    ).all()
    for sid, known_name in known:
        if known_name.casefold() == name.strip().casefold():
            return sid
    names = ", ".join(n for _, n in known) or "none yet"
    raise NotFound(f"This client has no segment named “{name.strip()}” (segments: {names}).")


def _segment(session: Session, segment_id: int) -> Segment:
    segment = session.get(Segment, segment_id)
    if segment is None:
        raise NotFound(f"No segment with id {segment_id}.")
    return segment


def validate_segment(
    session: Session, client_id: int, name: str, size: int, segment_id: int | None = None
) -> str:
    name = " ".join(name.split())
    problems: list[FieldProblem] = []
    if not name:
        problems.append(FieldProblem("name", "name_empty", "The segment needs a name."))
    elif len(name) > NAME_MAX:
        problems.append(
            FieldProblem("name", "name_too_long", f"The name is longer than {NAME_MAX} characters.")
        )
    else:
        known = session.execute(
            select(Segment.id, Segment.name).where(Segment.client_id == client_id)
        )
        if any(n.casefold() == name.casefold() and i != segment_id for i, n in known):
            problems.append(
                FieldProblem(
                    "name", "name_taken", f"This client already has a segment named “{name}”."
                )
            )
    if size < 0:
        problems.append(
            FieldProblem("estimated_size", "size_negative", "The size cannot be negative.")
        )
    if problems:
        raise ValidationError(problems)
    return name


def add_segment(session: Session, client_id: int, name: str, estimated_size: int = 0) -> int:
    _client(session, client_id)
    clean = validate_segment(session, client_id, name, estimated_size)
    segment = Segment(client_id=client_id, name=clean, estimated_size=estimated_size)
    session.add(segment)
    session.flush()
    return segment.id


def create_segment(
    session: Session, client_id: int, name: str, estimated_size: int = 0
) -> tuple[int, Changes]:
    """``add_segment`` for the windows: says what changed."""
    return add_segment(session, client_id, name, estimated_size), Changes(clients=True)


def update_segment(
    session: Session,
    segment_id: int,
    name: str,
    estimated_size: int,
    *,
    expected_version: int | None = None,
) -> tuple[tuple[str, int], Changes]:
    """Rename or resize; returns the previous (name, size) for undo. With
    ``expected_version``, a segment someone else saved meanwhile is refused (``StaleEdit``)."""
    segment = _segment(session, segment_id)
    if expected_version is not None and segment.row_version != expected_version:
        from crmdesk.core import concurrency

        raise concurrency.refuse("segment", segment, segment.name)
    previous = (segment.name, segment.estimated_size)
    segment.name = validate_segment(session, segment.client_id, name, estimated_size, segment_id)
    segment.estimated_size = estimated_size
    session.flush()
    return previous, Changes(campaigns=True, clients=True)


def set_segment_archived(session: Session, segment_id: int, archived: bool) -> Changes:
    segment = _segment(session, segment_id)
    segment.archived_at = (segment.archived_at or utcnow()) if archived else None
    return Changes(clients=True)


def delete_segment(session: Session, segment_id: int) -> tuple[dict[str, Any], Changes]:
    """Delete a segment no campaign targets; otherwise ``InUse``: archive it instead."""
    segment = _segment(session, segment_id)
    count = (
        session.scalar(
            select(func.count())
            .select_from(campaign_segments)
            .where(campaign_segments.c.segment_id == segment_id)
        )
        or 0
    )
    if count:
        raise InUse(
            "segment_in_use",
            count,
            f"The segment “{segment.name}” is targeted by {count} "
            f"campaign{'s' if count != 1 else ''}: archive it instead.",
        )
    row = _row(session, table_of(Segment), segment_id)
    session.execute(delete(Segment).where(Segment.id == segment_id))
    return row, Changes(clients=True)


def undelete_segment(session: Session, row: dict[str, Any]) -> Changes:
    session.execute(insert(table_of(Segment)).values(**row))
    return Changes(clients=True)


@dataclass(frozen=True)
class CharterInput:
    """The client's rules the check engine holds an email to (editorial and graphic charters,
    tracking convention, the mail clients its readers use)."""

    tone: str = ""  # "tu", "vous" or "" (not set)
    banned_words: tuple[str, ...] = ()
    required_mentions: tuple[str, ...] = ()
    palette: tuple[str, ...] = ()
    utm_convention: str = ""
    mail_clients: tuple[str, ...] = ()


def normalise_colour(text: str) -> str | None:
    """ "#ABC", "abc" or "red" become "#aabbcc"/"#ff0000"; anything else is None. The check
    engine's reading of colours, so the palette and the email are compared alike (imported
    here on first use: the engine is not needed to start the app)."""
    from crmdesk.core.checks.graphic import normalise

    colour = normalise(text)
    return colour if colour is not None and colour.startswith("#") else None


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"No client with id {client_id}.")
    return client


def charters(session: Session, client_id: int) -> CharterInput:
    client = _client(session, client_id)
    return CharterInput(
        client.tone,
        tuple(client.banned_words or ()),
        tuple(client.required_mentions or ()),
        tuple(client.palette or ()),
        client.utm_convention,
        tuple(client.mail_clients or ()),
    )


def update_charters(
    session: Session,
    client_id: int,
    data: CharterInput,
    *,
    expected_version: int | None = None,
    started_from: CharterInput | None = None,
) -> tuple[CharterInput, Changes]:
    """Validate and store, then run the charter checks again on the client's campaigns still
    before their send; returns the previous charters (for undo). With ``expected_version``
    (the client's), charters someone else saved meanwhile are refused (``StaleEdit``)."""
    if expected_version is not None:
        current = charters(session, client_id)
        _expect(_client(session, client_id), expected_version, started_from, current)
    problems: list[FieldProblem] = []
    if data.tone not in ("", "tu", "vous"):
        problems.append(FieldProblem("tone", "tone_unknown", "The tone is “tu”, “vous” or unset."))
    palette = []
    for colour in data.palette:
        normal = normalise_colour(colour)
        if normal is None:
            problems.append(
                FieldProblem("palette", "colour_invalid", f"“{colour}” is not a #rrggbb colour.")
            )
        elif normal not in palette:
            palette.append(normal)
    if len(data.utm_convention) > 500:
        problems.append(
            FieldProblem("utm_convention", "too_long", "The UTM convention is over 500 chars.")
        )
    if problems:
        raise ValidationError(problems)
    client = _client(session, client_id)
    previous = charters(session, client_id)
    client.tone = data.tone
    client.banned_words = _clean(data.banned_words)
    client.required_mentions = _clean(data.required_mentions)
    client.palette = palette
    client.utm_convention = data.utm_convention.strip()
    client.mail_clients = _clean(data.mail_clients)
    session.flush()
    from crmdesk.core.checklists import recheck_for_charters

    # The checks of the latest round judge by the charters: run them again under the new ones.
    rechecked = recheck_for_charters(session, client_id)
    if rechecked:
        return previous, Changes(clients=True, checklist=True, bat=True)
    return previous, Changes(clients=True)


def _clean(values: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if value and value not in seen:
            seen.append(value)
    return seen
