"""The reports' own words in French: the templates write them in English inside ``_("...")``.

A dictionary rather than Qt's catalogue: Qt's lupdate reads Python, not Jinja templates, and a
user's template can use ``_()`` with any sentence (untranslated ones print as written).
"""

from __future__ import annotations

from collections.abc import Callable

FRENCH: dict[str, str] = {}


def translator(language: str) -> Callable[..., str]:
    """``_(text, **values)``: ``text`` in ``language``, with ``%(name)s`` filled from values."""
    table = FRENCH if language == "fr" else {}

    def translate(text: str, **values: object) -> str:
        found = table.get(text, text)
        return found % values if values else found

    return translate


_STATUSES = {
    "draft": "Draft",
    "brief": "Brief",
    "production": "In production",
    "bat": "BAT",
    "approved": "Approved",
    "scheduled": "Scheduled",
    "sent": "Sent",
    "analysed": "Analysed",
    "closed": "Closed",
}
_TYPES = {
    "newsletter": "Newsletter",
    "promo": "Promotion",
    "relance": "Relance",
    "erratum": "Erratum",
    "automation": "Automation",
}
_DECISIONS = {
    "pending": "Awaiting the client",
    "changes": "Changes requested",
    "approved": "Approved",
}
_PHASES = {
    "strategy": "Strategy",
    "production": "Production",
    "bat": "BAT",
    "send": "Send",
    "analysis": "Analysis",
}
_STATES = {"todo": "To do", "done": "Done", "not_applicable": "Not applicable", "failed": "Failed"}
_MILESTONES = {
    "brief": "Brief",
    "bat": "BAT %(number)s",
    "approval": "Approval",
    "send": "Send",
    "analysis": "D+5 analysis",
}
_METRICS = {"clicks": "clicks", "opens": "opens", "conversions": "conversions"}


class Labels:
    """The names of the core's values (statuses, decisions…) in the report's language."""

    def __init__(self, language: str) -> None:
        self._ = translator(language)

    def status(self, value: str) -> str:
        return self._(_STATUSES.get(value, value))

    def type(self, value: str) -> str:
        return self._(_TYPES.get(value, value))

    def decision(self, value: str | None) -> str:
        return self._(_DECISIONS.get(value or "", value or ""))

    def phase(self, value: str) -> str:
        return self._(_PHASES.get(value, value))

    def state(self, value: str) -> str:
        return self._(_STATES.get(value, value))

    def metric(self, value: str) -> str:
        return self._(_METRICS.get(value, value))

    def milestone(self, kind: str, number: int | None = None) -> str:
        text = _MILESTONES.get(kind, kind)
        return self._(text, number=number) if "%(number)s" in text else self._(text)
