"""Clients, their segments and contacts: what the calendar filters and the dialog choose from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.changes import Changes
from crmdesk.core.errors import FieldProblem, ValidationError
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
