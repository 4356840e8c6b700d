"""French public holidays from the ``holidays`` package, loaded on first use (slow to import)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=64)
def _year(year: int, language: str) -> dict[date, str]:
    import holidays

    lang = "fr" if language.startswith("fr") else "en_US"
    return dict(holidays.country_holidays("FR", years=year, language=lang).items())


def holidays_between(start: date, end: date, language: str = "fr") -> dict[date, str]:
    """Holidays in metropolitan France from ``start`` to ``end`` included, named in ``language``."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        found.update({d: n for d, n in _year(year, language).items() if start <= d <= end})
    return found
