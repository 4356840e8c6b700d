"""Wall-clock times typed by the operator turned into instants, refusing those that do not exist."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Paris"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises ``KeyError`` for an unknown one."""
    try:
        return ZoneInfo(name)
    # OSError: "Europe" is a folder of the zone database, not a zone.
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise KeyError(name) from exc


def is_known_zone(name: str) -> bool:
    try:
        zone(name)
    except KeyError:
        return False
    return True


def local_to_instant(day: date, at: time, tz_name: str) -> datetime | None:
    """The UTC instant of ``day at`` in ``tz_name``; None when that wall-clock time is skipped.

    Times skipped by a spring-forward DST change (02:30 in Paris on the last Sunday of March) do
    not exist: a campaign planned then would silently move, so the caller refuses it.
    """
    tz = zone(tz_name)
    local = datetime.combine(day, at).replace(tzinfo=tz)
    instant = local.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return instant


def wall_clock(instant: datetime, tz_name: str) -> datetime:
    """``instant`` as the aware wall-clock time in ``tz_name``."""
    return instant.astimezone(zone(tz_name))
