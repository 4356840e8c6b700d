"""Clients, their segments and contacts: what the calendar filters and the dialog choose from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, NotFound, ValidationError
from crmdesk.core.models import Client, Segment
from crmdesk.core.timezones import is_known_zone


@dataclass(frozen=True)
class ClientInfo:
    id: int
    name: str
    colour: str
    timezone: str
    pressure_cap: int
    brief_offset_days: int
    bat_offset_days: int
    analysis_offset_days: int


@dataclass(frozen=True)
class SegmentInfo:
    id: int
    client_id: int
    name: str
    estimated_size: int


def list_clients(session: Session) -> list[ClientInfo]:
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
        )
        for c in session.scalars(select(Client).order_by(Client.name))
    ]


def list_segments(session: Session, client_id: int | None = None) -> list[SegmentInfo]:
    query = select(Segment).order_by(Segment.name)
    if client_id is not None:
        query = query.where(Segment.client_id == client_id)
    return [
        SegmentInfo(s.id, s.client_id, s.name, s.estimated_size) for s in session.scalars(query)
    ]


def create_client(session: Session, name: str, **fields: object) -> tuple[int, Changes]:
    """Add a client; the name must be non-empty and unique (case-insensitively)."""
    name = name.strip()
    if not name:
        raise ValidationError([FieldProblem("name", "name_empty", "The client needs a name.")])
    if any(c.name.lower() == name.lower() for c in session.scalars(select(Client))):
        raise ValidationError(
            [FieldProblem("name", "name_taken", f"A client named “{name}” already exists.")]
        )
    timezone = fields.get("timezone")
    if timezone is not None and not is_known_zone(str(timezone)):
        raise ValidationError(
            [FieldProblem("timezone", "timezone_unknown", f"Unknown time zone “{timezone}”.")]
        )
    client = Client(name=name, **fields)
    session.add(client)
    session.flush()
    return client.id, Changes(clients=True)


def add_segment(session: Session, client_id: int, name: str, estimated_size: int = 0) -> int:
    if not name.strip():
        raise ValidationError([FieldProblem("name", "name_empty", "The segment needs a name.")])
    segment = Segment(client_id=client_id, name=name.strip(), estimated_size=estimated_size)
    session.add(segment)
    session.flush()
    return segment.id


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
    """"#ABC", "abc" or "red" become "#aabbcc"/"#ff0000"; anything else is None. The check
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
    session: Session, client_id: int, data: CharterInput
) -> tuple[CharterInput, Changes]:
    """Validate and store; returns the previous charters (for undo)."""
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
    return previous, Changes(clients=True)


def _clean(values: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if value and value not in seen:
            seen.append(value)
    return seen
