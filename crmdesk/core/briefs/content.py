"""A brief's content: the structured fields the whole chain relies on, as a plain value.

Stored as one JSON document per version (the same on SQLite and PostgreSQL), so adding a field
later needs no migration: ``from_dict`` fills what an older document lacks with the default.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any


class Tone(enum.StrEnum):
    """How the email addresses the reader: tutoiement or vouvoiement."""

    TU = "tu"
    VOUS = "vous"


@dataclass(frozen=True)
class KpiTargets:
    open_rate: float | None = None  # percent
    click_rate: float | None = None  # percent
    conversions: int | None = None
    revenue: float | None = None  # euros

    def any(self) -> bool:
        return any(v is not None for v in asdict(self).values())


@dataclass(frozen=True)
class Cta:
    label: str = ""
    url: str = ""


@dataclass(frozen=True)
class Asset:
    name: str = ""
    link: str = ""
    due: date | None = None


@dataclass(frozen=True)
class BriefContent:
    context: str = ""
    primary_objective: str = ""
    secondary_objectives: str = ""
    kpi_targets: KpiTargets = field(default_factory=KpiTargets)
    target: str = ""
    offer: str = ""
    offer_conditions: str = ""
    offer_valid_from: date | None = None
    offer_valid_until: date | None = None
    promo_code: str = ""
    key_message: str = ""
    subject_ideas: tuple[str, ...] = ()
    preheader_idea: str = ""
    ctas: tuple[Cta, ...] = ()
    mandatory_mentions: str = ""
    assets: tuple[Asset, ...] = ()
    assets_due: date | None = None
    bat_due: date | None = None
    send_due: date | None = None
    tone: Tone | None = None
    notes: str = ""  # Markdown

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, the tone as its value (written out by hand: it runs
        on every autosave and ``dataclasses.asdict`` deep-copies)."""
        document = {f.name: getattr(self, f.name) for f in _FIELDS}
        document["kpi_targets"] = {
            k.name: getattr(self.kpi_targets, k.name) for k in fields(KpiTargets)
        }
        document["ctas"] = [{"label": c.label, "url": c.url} for c in self.ctas]
        document["assets"] = [
            {"name": a.name, "link": a.link, "due": _iso(a.due)} for a in self.assets
        ]
        document["subject_ideas"] = list(self.subject_ideas)
        for name in _DATE_FIELDS:
            document[name] = _iso(document[name])
        document["tone"] = self.tone.value if self.tone is not None else None
        return document

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BriefContent:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        for name in _DATE_FIELDS:
            values[name] = _day(values.get(name))
        if "kpi_targets" in values:
            values["kpi_targets"] = KpiTargets(**(values["kpi_targets"] or {}))
        if "ctas" in values:
            values["ctas"] = tuple(Cta(**c) for c in values["ctas"] or ())
        if "assets" in values:
            values["assets"] = tuple(
                Asset(a.get("name", ""), a.get("link", ""), _day(a.get("due")))
                for a in values["assets"] or ()
            )
        if "subject_ideas" in values:
            values["subject_ideas"] = tuple(values["subject_ideas"] or ())
        if values.get("tone"):
            values["tone"] = Tone(values["tone"])
        else:
            values.pop("tone", None)
        return cls(**values)

    def searchable_text(self) -> dict[str, str]:
        """Field name → its text, for the full-text index (empty fields left out)."""
        parts = {
            "context": self.context,
            "primary_objective": self.primary_objective,
            "secondary_objectives": self.secondary_objectives,
            "target": self.target,
            "offer": " ".join(filter(None, (self.offer, self.offer_conditions, self.promo_code))),
            "key_message": self.key_message,
            "subject_ideas": "\n".join(self.subject_ideas),
            "preheader_idea": self.preheader_idea,
            "ctas": "\n".join(f"{c.label} {c.url}".strip() for c in self.ctas),
            "mandatory_mentions": self.mandatory_mentions,
            "notes": self.notes,
        }
        return {k: v for k, v in parts.items() if v.strip()}


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


_FIELDS = fields(BriefContent)
_DATE_FIELDS = ("offer_valid_from", "offer_valid_until", "assets_due", "bat_due", "send_due")


#: Labels of the fields, in English; the UI translates them.
FIELD_LABELS: dict[str, str] = {
    "context": "Context",
    "primary_objective": "Primary objective",
    "secondary_objectives": "Secondary objectives",
    "kpi_targets": "KPI targets",
    "target": "Target",
    "offer": "Offer",
    "offer_conditions": "Offer conditions",
    "offer_valid_from": "Offer valid from",
    "offer_valid_until": "Offer valid until",
    "promo_code": "Promo code",
    "key_message": "Key message",
    "subject_ideas": "Subject-line ideas",
    "preheader_idea": "Preheader idea",
    "ctas": "Calls to action",
    "mandatory_mentions": "Mandatory mentions",
    "assets": "Assets",
    "assets_due": "Assets due",
    "bat_due": "BAT due",
    "send_due": "Send",
    "tone": "Tone",
    "notes": "Notes",
}
