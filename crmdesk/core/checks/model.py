"""The vocabulary of the check engine: what a check reads, what it says, and how it is found.

This module is imported by ``crmdesk check`` before anything else of the engine, so it stays
light: the standard library only. lxml is imported by the parser, not here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.html import HtmlElement


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse, so ``--fail-on warning`` means ``rank >= WARNING.rank``."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Family(enum.StrEnum):
    """Groups of checks; a checklist item follows a family or a single check id."""

    LINKS = "links"
    UNSUBSCRIBE = "unsubscribe"
    IMAGES = "images"
    WEIGHT = "weight"
    TEXT = "text"  # subject, preheader, title
    LEFTOVERS = "leftovers"
    EDITORIAL = "editorial"
    GRAPHIC = "graphic"
    COMPATIBILITY = "compatibility"
    SENDER = "sender"
    ACCESSIBILITY = "accessibility"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check noticed, said in both UI languages, and where it is in the source."""

    check_id: str
    severity: Severity
    message_en: str
    message_fr: str
    line: int | None = None
    element: str | None = None

    def message(self, language: str) -> str:
        return self.message_fr if language.startswith("fr") else self.message_en

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.check_id,
            "severity": self.severity.value,
            "message": {"en": self.message_en, "fr": self.message_fr},
            "line": self.line,
            "element": self.element,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        message = data.get("message") or {}
        return cls(
            check_id=str(data["id"]),
            severity=Severity(data["severity"]),
            message_en=str(message.get("en", "")),
            message_fr=str(message.get("fr", "")),
            line=data.get("line"),
            element=data.get("element"),
        )


class Tone(enum.StrEnum):
    """How the client addresses its readers; ANY skips the tu/vous check."""

    ANY = ""
    TU = "tu"
    VOUS = "vous"


# Mail clients checked by default: the four the issue names, as caniemail.com keys
# ("family.platform").
DEFAULT_MAIL_CLIENTS: tuple[str, ...] = (
    "outlook.windows",
    "gmail.desktop-webmail",
    "gmail.ios",
    "gmail.android",
    "outlook.outlook-com",
    "apple-mail.macos",
    "apple-mail.ios",
)


@dataclass(frozen=True, slots=True)
class Charters:
    """The client's editorial and graphic rules, and its tracking convention."""

    tone: Tone = Tone.ANY
    banned_words: tuple[str, ...] = ()
    required_mentions: tuple[str, ...] = ()
    palette: tuple[str, ...] = ()  # "#rrggbb", lower case; empty means "no palette to check"
    # A query string such as "utm_source=crmdesk&utm_medium=email&utm_campaign={campaign}":
    # every key must be present; a literal value must match; "{campaign}" stands for the
    # campaign's slug and "{…}" for any non-empty value. Empty means "utm_source,
    # utm_medium and utm_campaign present".
    utm_convention: str = ""
    mail_clients: tuple[str, ...] = DEFAULT_MAIL_CLIENTS


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the engine knows beyond the email itself; every field is optional.

    Without a campaign (``crmdesk check page.html``) the subject and preheader come from the
    .eml headers or the HTML, and the charter checks that need a client rule stay silent.
    """

    subject: str | None = None
    preheader: str | None = None
    sender_name: str | None = None
    sender_address: str | None = None
    campaign_slug: str | None = None
    charters: Charters = field(default_factory=Charters)
    brief_cta_urls: tuple[str, ...] = ()
    brief_mentions: tuple[str, ...] = ()
    # Folder where relative image paths are looked up to weigh the image files.
    base_dir: Path | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A link of the email, as the report lists it."""

    href: str
    text: str
    line: int | None


@dataclass(slots=True)
class ParsedEmail:
    """An email read once, shared by every check.

    ``html`` is the decoded source the line numbers refer to; ``encoded_size`` is the size of
    the HTML as it will be sent (bytes in its declared charset), which is what Gmail clips on.
    """

    name: str
    html: str
    encoded_size: int
    charset: str
    tree: HtmlElement | None
    headers: Mapping[str, str] | None  # None for a bare .html file
    base_dir: Path | None
    links: list[Link] = field(default_factory=list)
    visible_text: str = ""
    problems: list[Finding] = field(default_factory=list)  # parser's own findings
    # Every element of ``tree`` in document order (no comments), and the same grouped by tag
    # name: the parser walks the tree once so that each check does not walk it again.
    elements: list[HtmlElement] = field(default_factory=list)
    by_tag: dict[str, list[HtmlElement]] = field(default_factory=dict)
    # What checks derive from the email and share, computed by the first that needs it (the
    # landing links of the three UTM checks…), keyed by "module.name".
    derived: dict[str, Any] = field(default_factory=dict)


CheckFunction = Callable[[ParsedEmail, CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    """A small named unit: its id is stable, used by checklists and by email developers' CI."""

    id: str
    family: Family
    title_en: str
    title_fr: str
    run: CheckFunction


REGISTRY: dict[str, Check] = {}


def check(
    check_id: str, family: Family, title_en: str, title_fr: str
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under a stable id; ids are "family.name", e.g. "links.http"."""

    def register(function: CheckFunction) -> CheckFunction:
        if check_id in REGISTRY:
            raise ValueError(f"check {check_id} registered twice")
        REGISTRY[check_id] = Check(check_id, family, title_en, title_fr, function)
        return function

    return register
