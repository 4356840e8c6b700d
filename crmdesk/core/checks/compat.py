"""The HTML and CSS the client's mail clients do not support, from the caniemail.com data.

One check, ``compatibility.caniemail``: every feature of the shipped table that the email uses
and that one of ``charters.mail_clients`` does not support is a warning naming those clients;
a feature they only partly support is an info. One finding per feature, at its first use, with
the caniemail.com page that explains the caveats.

The table (``resources/checks/caniemail.json``, made by ``scripts/update-caniemail.py``) says
for each feature how to see it ("match": tokens, any of which means "used") and which clients
lack it ("support": "n" not supported, "a" partly; a client not listed supports it or was
never tested). The email is read once into the set of tokens it uses, then each feature is a
few set lookups. The tokens:

``prop:NAME``         a CSS property, inline or in a ``<style>`` (``prop:--`` any custom one)
``value:NAME:VALUE``  a CSS property with that whole value (``value:display:flex``)
``func:NAME``         a CSS function in a value (``func:linear-gradient``, ``func:var``)
``unit:NAME``         a CSS unit after a number (``unit:rem``)
``keyword:NAME``      a CSS keyword in a value (``keyword:system-ui``)
``important``         ``!important``
``at:NAME``           an at-rule (``at:media``, ``at:font-face``), vendor prefix dropped
``media:NAME``        a media feature, ``min-``/``max-`` and vendor prefix dropped
``pseudo:NAME``       a pseudo-class or pseudo-element in a selector (``pseudo:hover``)
``tag:NAME``          an HTML element
``attr:NAME``         an HTML attribute on any element
``input:TYPE``        an ``<input>`` of that type; ``button:TYPE`` likewise (default submit)
``meta:NAME``         a ``<meta name>``
``href:#``            a link to an anchor of the email; ``href:mailto`` a mailto: link
``img:FORMAT``        an image by file extension or data: type (``img:webp``, ``img:base64``)

The CSS reading below (:func:`stylesheet_items`, :func:`inline_declarations`) is shared with
the graphic-charter check, which looks at the same declarations for colours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from crmdesk.core.checks.model import (
    CheckContext,
    Family,
    Finding,
    ParsedEmail,
    Severity,
    check,
)
from crmdesk.core.checks.parse import start_tag

if TYPE_CHECKING:
    from lxml.html import HtmlElement

CHECK_ID = "compatibility.caniemail"

# A finding's excerpt of CSS stays short enough for a report line.
_EXCERPT = 100


# -- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feature:
    slug: str
    title: str
    url: str
    match: tuple[str, ...]
    support: Mapping[str, str]  # client → "n" or "a"


@dataclass(frozen=True, slots=True)
class Table:
    notice: Mapping[str, str]
    clients: Mapping[str, str]  # "family.platform" → "Gmail (iOS)"
    features: tuple[Feature, ...]


@cache
def table() -> Table:
    """The shipped table, read on first use: ``crmdesk check --help`` should not pay for it."""
    text = (
        resources.files("crmdesk.resources")
        .joinpath("checks")
        .joinpath("caniemail.json")
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    return Table(
        notice={key: data[key] for key in ("source", "last_update_date", "licence", "notice")},
        clients=data["clients"],
        features=tuple(
            Feature(
                slug=item["slug"],
                title=item["title"],
                url=item["url"],
                match=tuple(item["match"]),
                support=item["support"],
            )
            for item in data["features"]
        ),
    )


def data_notice() -> dict[str, str]:
    """Where the support data comes from and its licence, for ``--version`` and JSON reports:
    keys ``source``, ``last_update_date``, ``licence`` and ``notice`` (the copyright lines)."""
    return dict(table().notice)


# -- reading CSS --------------------------------------------------------------------------------

# A statement ends at "{", "}" or ";" outside parentheses, so that url(data:…;base64,…) stays
# whole. Possessive: a stray "(" must not make the scan backtrack.
_STATEMENT = re.compile(r"((?:[^{};(]|\([^)]*\)|\()*+)([{};])")
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_AT_NAME = re.compile(r"@(?:-[a-z]+-)?([a-z-]+)")
_IMPORTANT = re.compile(r"!\s*important\s*$")
_DARK_SELECTOR = ("[data-ogsc]", "[data-ogsb]")  # Outlook.com's dark-mode attributes


@dataclass(frozen=True, slots=True)
class Declaration:
    """A CSS declaration: ``value`` as written but for ``!important``, ``name`` lower case."""

    name: str
    value: str
    important: bool
    line: int | None
    # Inside a dark-mode rule (@media (prefers-color-scheme: dark), Outlook.com's
    # [data-ogsc]): colours there are meant to differ from the charter.
    dark: bool = False

    @property
    def text(self) -> str:
        important = " !important" if self.important else ""
        return _excerpt(f"{self.name}: {self.value}{important}")


@dataclass(frozen=True, slots=True)
class Rule:
    """An at-rule or a selector opening a block (or an at-statement such as @import)."""

    kind: Literal["at", "selector"]
    text: str
    line: int | None


def inline_declarations(style: str, line: int | None) -> Iterator[Declaration]:
    """The declarations of a ``style`` attribute."""
    for match in _STATEMENT.finditer(style + ";"):
        declaration = _declaration(match.group(1), line, dark=False)
        if declaration is not None:
            yield declaration


def stylesheet_items(css: str, first_line: int | None) -> Iterator[Rule | Declaration]:
    """The rules and declarations of a ``<style>`` block, in order, each with its line."""
    css = _COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), css)
    line = first_line
    open_blocks: list[bool] = []  # per enclosing block: does it select dark mode?
    for match in _STATEMENT.finditer(css):
        text, delimiter = match.groups()
        stripped = text.strip().removeprefix("<!--").removesuffix("-->").strip()
        at = None if line is None else line + text[: len(text) - len(text.lstrip())].count("\n")
        if delimiter == "{":
            dark = _selects_dark(stripped)
            open_blocks.append(dark)
            yield Rule("at" if stripped.startswith("@") else "selector", stripped, at)
        elif stripped.startswith("@"):
            yield Rule("at", stripped, at)
        elif open_blocks and stripped:
            declaration = _declaration(stripped, at, dark=any(open_blocks))
            if declaration is not None:
                yield declaration
        if delimiter == "}" and open_blocks:
            open_blocks.pop()
        if line is not None:
            line += match.group().count("\n")


def _declaration(text: str, line: int | None, *, dark: bool) -> Declaration | None:
    name, colon, value = text.partition(":")
    name = name.strip().lower()
    if not colon or not name:
        return None
    value = value.strip()
    important = _IMPORTANT.search(value)
    if important:
        value = value[: important.start()].rstrip()
    return Declaration(name, value, important is not None, line, dark)


def _selects_dark(prelude: str) -> bool:
    lowered = prelude.lower()
    return ("prefers-color-scheme" in lowered and "dark" in lowered) or any(
        marker in lowered for marker in _DARK_SELECTOR
    )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


# -- what the email uses ------------------------------------------------------------------------

# In a lower-cased value: a function, a number with its unit, or a keyword.
_VALUE_TOKEN = re.compile(r"([a-z-]+)\(|(?<![\w#.-])[+-]?(?:\d*\.)?\d+([a-z]+|%)|([a-z][a-z0-9-]*)")
_MEDIA_FEATURE = re.compile(r"\(\s*([a-z-]+)")
_PSEUDO = re.compile(r"::?([a-z][a-z-]*)")
_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
_URL_CALL = re.compile(r"url\([^)]*\)")  # its path is no CSS keyword
_VENDOR = re.compile(r"^-[a-z]+-")
_IMAGE_TYPES = {"jpeg": "jpg", "svg+xml": "svg", "x-icon": "ico", "vnd.microsoft.icon": "ico"}

Usage = dict[str, tuple[int | None, str]]  # token → where it is first used (line, excerpt)


def usage(email: ParsedEmail) -> Usage:
    """Every token the email uses, each with its first line and an excerpt."""
    used: Usage = {}
    for element in email.elements:
        tag = element.tag
        line = element.sourceline
        if f"tag:{tag}" not in used:
            used[f"tag:{tag}"] = (line, f"<{tag}>")
        for name in element.attrib:
            used.setdefault(f"attr:{name.lower()}", (line, f"<{tag} {name}>"))
        if tag == "style":
            _note_stylesheet(used, element.text or "", line)
        style = element.get("style")
        if style:
            for declaration in inline_declarations(style, line):
                _note_declaration(used, declaration)
        if tag in ("input", "button", "a", "meta", "img"):
            _note_element(used, element)
        background = element.get("background")
        if background:
            _note_image(used, background, line, f'<{tag} background="{background}">')
    return used


def _note_element(used: Usage, element: HtmlElement) -> None:
    tag = element.tag
    token = None
    if tag == "input":
        token = f"input:{(element.get('type') or 'text').strip().lower()}"
    elif tag == "button":
        token = f"button:{(element.get('type') or 'submit').strip().lower()}"
    elif tag == "meta" and element.get("name"):
        token = f"meta:{element.get('name', '').strip().lower()}"
    elif tag == "a":
        href = (element.get("href") or "").strip().lower()
        if href.startswith("#") and len(href) > 1:
            token = "href:#"
        elif href.startswith("mailto:"):
            token = "href:mailto"
    elif element.get("src"):
        _note_image(used, element.get("src", ""), element.sourceline, start_tag(element))
    if token is not None and token not in used:
        used[token] = (element.sourceline, start_tag(element))


def _note_image(used: Usage, url: str, line: int | None, excerpt: str) -> None:
    url = url.strip().lower()
    if url.startswith("data:"):
        kind, _, rest = url[5:].partition(",")
        if kind.endswith(";base64"):
            used.setdefault("img:base64", (line, _excerpt(excerpt)))
        subtype = kind.split(";")[0].removeprefix("image/")
        used.setdefault(f"img:{_IMAGE_TYPES.get(subtype, subtype)}", (line, _excerpt(excerpt)))
        return
    path = url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if "." in path:
        extension = path.rsplit(".", 1)[1]
        used.setdefault(f"img:{_IMAGE_TYPES.get(extension, extension)}", (line, _excerpt(excerpt)))


def _note_stylesheet(used: Usage, css: str, first_line: int | None) -> None:
    for item in stylesheet_items(css, first_line):
        if isinstance(item, Declaration):
            _note_declaration(used, item)
            continue
        where = (item.line, _excerpt(item.text))
        lowered = item.text.lower()
        if item.kind == "at":
            at = _AT_NAME.match(lowered)
            if at:
                used.setdefault(f"at:{at.group(1)}", where)
                if at.group(1) == "media":
                    for feature in _MEDIA_FEATURE.findall(lowered):
                        feature = _VENDOR.sub("", feature).removeprefix("min-").removeprefix("max-")
                        used.setdefault(f"media:{feature}", where)
        else:
            for pseudo in _PSEUDO.findall(lowered):
                used.setdefault(f"pseudo:{pseudo}", where)


def _note_declaration(used: Usage, declaration: Declaration) -> None:
    where = (declaration.line, declaration.text)
    name = declaration.name
    value = declaration.value.lower()
    if name.startswith("--"):
        used.setdefault("prop:--", where)
    else:
        used.setdefault(f"prop:{name}", where)
        used.setdefault(f"value:{name}:{' '.join(value.split())}", where)
    if declaration.important:
        used.setdefault("important", where)
    for function, unit, keyword in _VALUE_TOKEN.findall(_URL_CALL.sub("url()", value)):
        if function:
            used.setdefault(f"func:{function}", where)
        elif unit:
            used.setdefault(f"unit:{unit}", where)
        else:
            used.setdefault(f"keyword:{keyword}", where)
    if "url(" in value:
        if name == "background":
            used.setdefault("prop:background-image", where)
        for url in _URL.findall(value):
            _note_image(used, url, declaration.line, declaration.text)


# -- the check ----------------------------------------------------------------------------------


@check(
    CHECK_ID,
    Family.COMPATIBILITY,
    "HTML and CSS the mail clients support",
    "HTML et CSS pris en charge par les messageries",
)
def unsupported_features(email: ParsedEmail, context: CheckContext) -> Iterable[Finding]:
    data = table()
    clients = [client for client in context.charters.mail_clients if client in data.clients]
    if not clients:
        return []
    used = usage(email)
    findings = []
    for feature in data.features:
        places = [used[token] for token in feature.match if token in used]
        if not places:
            continue
        missing = [data.clients[c] for c in clients if feature.support.get(c) == "n"]
        partial = [data.clients[c] for c in clients if feature.support.get(c) == "a"]
        if not (missing or partial):
            continue
        line, excerpt = min(places, key=lambda place: (place[0] is None, place[0] or 0))
        findings.append(_finding(feature, missing, partial, line, excerpt))
    findings.sort(key=lambda finding: (finding.line is None, finding.line or 0))
    return findings


def _finding(
    feature: Feature, missing: list[str], partial: list[str], line: int | None, excerpt: str
) -> Finding:
    name = f"“{feature.title}”"
    nom = f"« {feature.title} »"
    if missing:
        en = f"{name} is not supported by {', '.join(missing)}"
        fr = f"{nom} n’est pas pris en charge par {', '.join(missing)}"
        if partial:
            en += f", and only partly by {', '.join(partial)}"
            fr += f", et seulement en partie par {', '.join(partial)}"
    else:
        en = f"{name} is only partly supported by {', '.join(partial)}"
        fr = f"{nom} n’est pris en charge qu’en partie par {', '.join(partial)}"
    return Finding(
        check_id=CHECK_ID,
        severity=Severity.WARNING if missing else Severity.INFO,
        message_en=f"{en}: see {feature.url}",
        message_fr=f"{fr} : voir {feature.url}",
        line=line,
        element=excerpt,
    )
