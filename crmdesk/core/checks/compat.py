"""The HTML and CSS the client's mail clients do not support, from the caniemail.com data.

One check, ``compatibility.caniemail``: every feature of the shipped table that the email uses
and that one of ``charters.mail_clients`` does not support is a warning naming those clients;
a feature they only partly support is an info. One finding per feature, at its first use, with
the caniemail.com page that explains the caveats.

A client is not blamed for what it never sees: rules inside ``@media`` for a client without
media queries (Outlook on Windows ignores the whole block, which is reported once as
"@media"), and the inline styles of an element hidden from Outlook on Windows by
``mso-hide: all`` (the hidden preheader's ``max-height: 0; overflow: hidden``).

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

The CSS reading (:func:`email_css`, :func:`style_statements`) is shared with the palette
check, which looks at the same declarations for colours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, NamedTuple

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
_TOKEN_KINDS = ("prop", "value", "func", "unit", "keyword")
# The client that honours mso-hide (Outlook on Windows, Word's engine).
_MSO_CLIENTS = frozenset({"outlook.windows"})


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
    # The names each kind of token takes in the features ("keyword" → {"system-ui", …}):
    # reading CSS skips at once what no feature looks for.
    names: Mapping[str, frozenset[str]]
    # The clients that ignore @media, so every rule inside it.
    without_media_queries: frozenset[str]


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
    features = tuple(
        Feature(
            slug=item["slug"],
            title=item["title"],
            url=item["url"],
            match=tuple(item["match"]),
            support=item["support"],
        )
        for item in data["features"]
    )
    names: dict[str, set[str]] = {kind: set() for kind in _TOKEN_KINDS}
    for feature in features:
        for token in feature.match:
            kind, _, name = token.partition(":")
            names.setdefault(kind, set()).add(name)
    names["value-property"] = {value.split(":")[0] for value in names["value"]}
    media = next((feature for feature in features if "at:media" in feature.match), None)
    return Table(
        notice={key: data[key] for key in ("source", "last_update_date", "licence", "notice")},
        clients=data["clients"],
        features=features,
        names={kind: frozenset(found) for kind, found in names.items()},
        without_media_queries=frozenset(
            client for client, support in (media.support if media else {}).items() if support == "n"
        ),
    )


def data_notice() -> dict[str, str]:
    """Where the support data comes from and its licence, for ``--version`` and JSON reports:
    keys ``source``, ``last_update_date``, ``licence`` and ``notice`` (the copyright lines)."""
    return dict(table().notice)


# -- reading CSS --------------------------------------------------------------------------------

# A statement ends at "{", "}" or ";" outside parentheses, so that url(data:…;base64,…) stays
# whole. Possessive: a stray "(" must not make the scan backtrack.
_STATEMENT = re.compile(r"((?:[^{};(]++|\([^)]*\)|\()*+)([{};])")
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_IMPORTANT = re.compile(r"!\s*important\s*$")
_MSO_HIDE = re.compile(r"mso-hide\s*:\s*all", re.I)
_DARK_SELECTOR = ("[data-ogsc]", "[data-ogsb]")  # Outlook.com's dark-mode attributes


class Statement(NamedTuple):
    """A statement of a ``<style>`` block, as written: an at-rule, the selector opening a
    block, or a declaration (for :meth:`EmailCss.declaration`)."""

    kind: Literal["at", "selector", "declaration"]
    text: str
    line: int | None
    # Inside a dark-mode rule (@media (prefers-color-scheme: dark), Outlook.com's
    # [data-ogsc]): colours there are meant to differ from the charter.
    dark: bool
    media: bool  # inside an @media block


@dataclass(frozen=True, slots=True)
class Declaration:
    """A CSS declaration: ``value`` as written but for ``!important``, ``name`` lower case."""

    name: str
    value: str
    important: bool

    @property
    def text(self) -> str:
        important = " !important" if self.important else ""
        return _excerpt(f"{self.name}: {self.value}{important}")


@dataclass(slots=True)
class InlineStyle:
    count: int  # how many elements have this style attribute
    element: HtmlElement  # the first of them


@dataclass(frozen=True, slots=True)
class EmailCss:
    """An email's CSS, read once for the checks that look at it (this one and the palette).

    ``inline`` holds each distinct ``style`` attribute: emails repeat the same few on hundreds
    of elements, and each distinct declaration is parsed once.
    """

    statements: list[Statement]  # of every <style> block, in order
    inline: dict[str, InlineStyle]
    parsed: dict[str, Declaration | None] = field(default_factory=dict)

    def declaration(self, text: str) -> Declaration | None:
        """A declaration from its text ("color: red !important"), None when it is not one."""
        try:
            return self.parsed[text]
        except KeyError:
            declaration = self.parsed[text] = _parse_declaration(text)
            return declaration


_last_css: tuple[ParsedEmail, EmailCss] | None = None


def email_css(email: ParsedEmail) -> EmailCss:
    """The email's CSS. The last email's is kept (a reference, no copy), so the next check of
    the same email reuses it."""
    global _last_css
    cached = _last_css
    if cached is not None and cached[0] is email:
        return cached[1]
    statements = [
        statement
        for element in email.by_tag.get("style", ())
        for statement in _stylesheet(element.text or "", element.sourceline)
    ]
    inline: dict[str, InlineStyle] = {}
    for value in email.tree.xpath("//@style") if email.tree is not None else ():
        known = inline.get(value)
        if known is None:
            inline[str(value)] = InlineStyle(1, value.getparent())
        else:
            known.count += 1
    css = EmailCss(statements, inline)
    _last_css = (email, css)
    return css


def style_statements(style: str) -> list[str]:
    """The declarations of a ``style`` attribute as written, for :meth:`EmailCss.declaration`."""
    if "(" in style:  # url(data:…;base64,…) has a ";" that ends no declaration
        return [match.group(1) for match in _STATEMENT.finditer(style + ";")]
    return style.split(";")


def _stylesheet(css: str, first_line: int | None) -> Iterator[Statement]:
    """The statements of a ``<style>`` block in order, each with its line."""
    css = _COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), css)
    line = first_line or 0
    blocks: list[tuple[bool, bool]] = []  # per enclosing block: dark mode? @media?
    dark = media = 0  # how many of them are
    for text, delimiter in _STATEMENT.findall(css):  # the matches follow each other
        stripped = text.strip()
        if stripped and (stripped[0] == "<" or stripped[-1] == ">"):  # <!-- … --> of old
            stripped = stripped.removeprefix("<!--").removesuffix("-->").strip()
        if stripped:
            kind: Literal["at", "selector", "declaration"] | None
            if delimiter == "{":
                kind = "at" if stripped[0] == "@" else "selector"
            else:
                kind = "at" if stripped[0] == "@" else "declaration" if blocks else None
            if kind is not None:
                here = line + text.count("\n", 0, text.find(stripped[0]))
                yield Statement(
                    kind,
                    stripped,
                    here if first_line is not None else None,
                    dark > 0,
                    media > 0,
                )
        line += text.count("\n")
        if delimiter == "{":
            lowered = stripped.lower()
            block = (_selects_dark(lowered), lowered.startswith("@media"))
            blocks.append(block)
            dark += block[0]
            media += block[1]
        elif delimiter == "}" and blocks:
            closed = blocks.pop()
            dark -= closed[0]
            media -= closed[1]


def _parse_declaration(text: str) -> Declaration | None:
    name, colon, value = text.partition(":")
    name = name.strip().lower()
    if not colon or not name:
        return None
    value = value.strip()
    important = _IMPORTANT.search(value)
    if important:
        value = value[: important.start()].rstrip()
    return Declaration(name, value, important is not None)


def _selects_dark(prelude: str) -> bool:
    return ("prefers-color-scheme" in prelude and "dark" in prelude) or any(
        marker in prelude for marker in _DARK_SELECTOR
    )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


# -- what the email uses ------------------------------------------------------------------------

# In a lower-cased value: a function, a number with its unit, or a keyword.
_VALUE_TOKEN = re.compile(r"([a-z-]+)\(|(?<![\w#.-])[+-]?(?:\d*\.)?\d+([a-z]+|%)|([a-z][a-z0-9-]*)")
_AT_NAME = re.compile(r"@(?:-[a-z]+-)?([a-z-]+)")
_MEDIA_FEATURE = re.compile(r"\(\s*([a-z-]+)")
_PSEUDO = re.compile(r"::?([a-z][a-z-]*)")
_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
_URL_CALL = re.compile(r"url\([^)]*\)")  # its path is no CSS keyword
_VENDOR = re.compile(r"^-[a-z]+-")
_IMAGE_TYPES = {"jpeg": "jpg", "svg+xml": "svg", "x-icon": "ico", "vnd.microsoft.icon": "ico"}
_NOBODY: frozenset[str] = frozenset()


@dataclass(slots=True)
class Place:
    """Where a token is first used, and the clients that see none of its uses.

    The place shown is the first use every client sees, if there is one: the use the
    finding is about.
    """

    line: int | None
    excerpt: str
    unseen_by: frozenset[str]
    seen_by_all: bool  # the use shown


Usage = dict[str, Place]


def usage(email: ParsedEmail) -> Usage:
    """Every token the email uses, each with its first place."""
    used: Usage = {}
    for tag, elements in email.by_tag.items():
        _note(used, f"tag:{tag}", elements[0].sourceline, f"<{tag}>")
    for tag in ("input", "button", "a", "meta", "img"):
        for element in email.by_tag.get(tag, ()):
            _note_element(used, element)
    attributes: set[str] = set()
    for element in email.elements:
        names = element.keys()
        if "background" in names:
            for token in _image_tokens(element.get("background", "")):
                _note_at_element(used, token, element)
        if attributes.issuperset(names):
            continue
        for name in names:
            if name not in attributes:
                attributes.add(name)
                _note(used, f"attr:{name}", element.sourceline, f"<{element.tag} {name}>")
    _note_css(used, email_css(email))
    return used


def _note_css(used: Usage, css: EmailCss) -> None:
    without_media = table().without_media_queries
    read: set[tuple[str, bool]] = set()  # each distinct declaration once per context
    for statement in css.statements:
        unseen_by = without_media if statement.media else _NOBODY
        if statement.kind != "declaration":
            _note_rule(used, statement, unseen_by)
        elif (statement.text, statement.media) not in read:
            read.add((statement.text, statement.media))
            declaration = css.declaration(statement.text)
            _note_declaration(used, declaration, statement.line, unseen_by)
    for style, first in css.inline.items():
        hidden = bool(_MSO_HIDE.search(style))
        unseen_by = _MSO_CLIENTS if hidden else _NOBODY
        for text in style_statements(style):
            if (text, hidden) not in read:
                read.add((text, hidden))
                declaration = css.declaration(text)
                _note_declaration(used, declaration, first.element.sourceline, unseen_by)


def _merge(used: Usage, token: str, line: int | None, unseen_by: frozenset[str]) -> Place | None:
    """Record a use of the token; the place when this use is the one to show (to set its
    excerpt). The email is not read in source order, so "first" is the lowest line."""
    place = used.get(token)
    if place is None:
        place = used[token] = Place(line, "", unseen_by, not unseen_by)
        return place
    if place.unseen_by and place.unseen_by is not unseen_by:
        place.unseen_by &= unseen_by
    better = not unseen_by and not place.seen_by_all
    earlier = line is not None and (place.line is None or line < place.line)
    if better or (earlier and place.seen_by_all == (not unseen_by)):
        place.line, place.seen_by_all = line, not unseen_by
        return place
    return None


def _note(
    used: Usage, token: str, line: int | None, excerpt: str, unseen_by: frozenset[str] = _NOBODY
) -> None:
    place = _merge(used, token, line, unseen_by)
    if place is not None:
        place.excerpt = excerpt


def _note_at_element(used: Usage, token: str, element: HtmlElement) -> None:
    """:func:`_note` with the element's start tag as excerpt, made only when needed."""
    place = _merge(used, token, element.sourceline, _NOBODY)
    if place is not None:
        place.excerpt = start_tag(element)


def _note_element(used: Usage, element: HtmlElement) -> None:
    tag = element.tag
    tokens: list[str] = []
    if tag == "input":
        tokens.append(f"input:{(element.get('type') or 'text').strip().lower()}")
    elif tag == "button":
        tokens.append(f"button:{(element.get('type') or 'submit').strip().lower()}")
    elif tag == "meta" and element.get("name"):
        tokens.append(f"meta:{element.get('name', '').strip().lower()}")
    elif tag == "a":
        href = (element.get("href") or "").strip().lower()
        if href.startswith("#") and len(href) > 1:
            tokens.append("href:#")
        elif href.startswith("mailto:"):
            tokens.append("href:mailto")
    elif tag == "img":
        tokens.extend(_image_tokens(element.get("src") or ""))
    for token in tokens:
        _note_at_element(used, token, element)


def _image_tokens(url: str) -> list[str]:
    """The image format of a URL: its extension, or its data: type and "base64"."""
    url = url.strip().lower()
    if url.startswith("data:"):
        kind = url[5:].partition(",")[0]
        subtype = kind.split(";")[0].removeprefix("image/")
        tokens = [f"img:{_IMAGE_TYPES.get(subtype, subtype)}"]
        return [*tokens, "img:base64"] if kind.endswith(";base64") else tokens
    path = url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if "." not in path:
        return []
    extension = path.rsplit(".", 1)[1]
    return [f"img:{_IMAGE_TYPES.get(extension, extension)}"]


def _note_rule(used: Usage, statement: Statement, unseen_by: frozenset[str]) -> None:
    excerpt = _excerpt(statement.text)
    lowered = statement.text.lower()
    if statement.kind == "at":
        at = _AT_NAME.match(lowered)
        if at:
            _note(used, f"at:{at.group(1)}", statement.line, excerpt, unseen_by)
            if at.group(1) == "media":
                for feature in _MEDIA_FEATURE.findall(lowered):
                    feature = _VENDOR.sub("", feature).removeprefix("min-").removeprefix("max-")
                    _note(used, f"media:{feature}", statement.line, excerpt, unseen_by)
    else:
        for pseudo in _PSEUDO.findall(lowered):
            _note(used, f"pseudo:{pseudo}", statement.line, excerpt, unseen_by)


def _note_declaration(
    used: Usage, declaration: Declaration | None, line: int | None, unseen_by: frozenset[str]
) -> None:
    if declaration is None:
        return
    names = table().names
    name = declaration.name
    value = declaration.value.lower()
    tokens = []
    if name.startswith("--"):
        tokens.append("prop:--")
    elif name in names["prop"]:
        tokens.append(f"prop:{name}")
    if name in names["value-property"]:
        tokens.append(f"value:{name}:{' '.join(value.split())}")
    if declaration.important:
        tokens.append("important")
    for function, unit, keyword in _VALUE_TOKEN.findall(_URL_CALL.sub("url()", value)):
        if function in names["func"]:
            tokens.append(f"func:{function}")
        elif unit in names["unit"]:
            tokens.append(f"unit:{unit}")
        elif keyword in names["keyword"]:
            tokens.append(f"keyword:{keyword}")
    if "url(" in value:
        if name == "background":
            tokens.append("prop:background-image")
        for url in _URL.findall(value):
            tokens.extend(_image_tokens(url))
    for token in tokens:
        place = _merge(used, token, line, unseen_by)
        if place is not None:
            place.excerpt = declaration.text


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
        unseen_by = places[0].unseen_by
        for place in places[1:]:
            unseen_by &= place.unseen_by
        seen = [client for client in clients if client not in unseen_by]
        missing = [data.clients[c] for c in seen if feature.support.get(c) == "n"]
        partial = [data.clients[c] for c in seen if feature.support.get(c) == "a"]
        if not (missing or partial):
            continue
        first = min(places, key=lambda place: (place.line is None, place.line or 0))
        findings.append(_finding(feature, missing, partial, first))
    findings.sort(key=lambda finding: (finding.line is None, finding.line or 0))
    return findings


def _finding(feature: Feature, missing: list[str], partial: list[str], first: Place) -> Finding:
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
        line=first.line,
        element=first.excerpt,
    )
