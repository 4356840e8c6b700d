"""Leftovers: what the production left in the email by mistake.

* placeholder text (lorem ipsum, XXX, TODO, FIXME, TBD, « à compléter », « [texte] »…) in the
  visible text, a link, an alt text, the title, the subject or the preheader → error: nobody
  means to send it.
* a personalisation tag for a contact field (first name, last name, civility, any Brevo
  ``contact.*`` attribute) with no fallback → warning: a contact without the field reads
  "Bonjour ," or an empty gap. A fallback is a default value in the tag (``| default:``,
  Mailjet's ``:"…"``, Campaign Monitor's ``,fallback=``) or a condition on the field
  (``*|IF:FNAME|*``, ``{% if … %}``, ``{{#if …}}``). Tags for data that is always there (an
  order number, a URL) are left alone: only the ESP knows they are filled.
* a tag left open (``{{`` without ``}}``, ``*|`` without ``|*``, ``[[`` without ``]]``, ``{%``
  without ``%}``, or a closing ``}}`` without its opening) → error: the ESP prints it as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml.html import HtmlElement

from crmdesk.core.checks.model import (
    CheckContext,
    Family,
    Finding,
    Link,
    ParsedEmail,
    Severity,
    check,
)
from crmdesk.core.checks.parse import EXCERPT_CHARS, start_tag

# Two patterns: the first runs on lower-cased text, the second on the text as written, since
# "todo" or "tbd" in lower case may be real words. The lookahead on the first letters lets the
# regex engine skip most positions at once (re.IGNORECASE and leading \b would not).
_PLACEHOLDER = re.compile(
    r"(?=[lxdpaà\[])(?:\b(?:lorem\s+ipsum|dolor\s+sit\s+amet|x{3,}|xx[,.]xx|placeholder\s+text"
    r"|[àa]\s+compl[ée]ter|[àa]\s+d[ée]finir)\b"
    r"|\[\s*(?:texte?|titre|title|sous-titre|lien|link|url|image|visuel|cta|bouton|button"
    r"|insérer[^\]]{0,40}|insert[^\]]{0,40}|[àa] compl[ée]ter)\s*\])"
)
# Every match of _PLACEHOLDER holds one of these.
_NEEDLES = (
    "lorem",
    "dolor",
    "xxx",
    "xx,",
    "xx.",
    "placeholder",
    "compléter",
    "completer",
    "définir",
    "definir",
    "[",
)
_CASED_WORDS = ("TODO", "FIXME", "TBD")
_PLACEHOLDER_CASED = re.compile(r"\b(?:TODO|FIXME|TBD)\b")
_PERSONAL_TAG = re.compile(
    r"\*\|(?P<mailchimp>[A-Za-z0-9_]{1,60})\|\*"
    r"|\{\{\{?(?P<curly>[^{}]{1,160})\}\}\}?"
    r"|\[\[(?P<mailjet>[^\[\]]{1,160})\]\]"
    r"|%%(?P<sfmc>[A-Za-z_][\w.-]{0,60})%%"
    r"|\$\{(?P<dollar>[^{}]{1,60})\}"
    r"|\[(?P<bracket>[A-Za-z_]{2,40})(?P<fallback>,\s*fallback=[^\]]*)?\]"
    r"|%(?P<percent>[A-Z][A-Z_]{1,39})%(?!%)"
)
# Contact fields that may be empty: names and civility, in French and English, as ESPs name
# them once "_", "-", "." and spaces are dropped and the case folded.
_PERSONAL_FIELDS = frozenset(
    {
        "fname",
        "lname",
        "name",
        "firstname",
        "lastname",
        "fullname",
        "givenname",
        "familyname",
        "surname",
        "nickname",
        "prenom",
        "prénom",
        "nom",
        "nomfamille",
        "nomdefamille",
        "civilite",
        "civilité",
        "civility",
        "salutation",
        "gender",
        "genre",
    }
)
# What a dotted tag's first part names when it is the contact ("person.first_name", Klaviyo),
# as opposed to an order or a product ("product.name").
_CONTACT_OBJECTS = frozenset(
    {"person", "subscriber", "customer", "user", "recipient", "profile", "member", "client"}
)
_FIELD_SEPARATORS = str.maketrans("", "", "_-. ")
_HAS_DEFAULT = re.compile(r"\|\s*default\b|\|\||\?\?|\s(?:or|default)\s|:\s*[\"']", re.I)
_MAILJET_SCOPE = re.compile(r"^(?:var|data)\s*:\s*", re.I)  # [[var:x]], [[data:x]]
_BLOCK_HELPER = re.compile(r"\s*(?:[#/^!>&]|else\b|end)", re.I)
_GUARD = re.compile(
    r"\*\|IF:(?P<mailchimp>[A-Za-z0-9_]+)\|\*"
    r"|\{\{\s*#\s*(?:if|unless|with)\s+(?P<handlebars>[\w.]+)"
    r"|\{%-?\s*(?:if|unless)\s+(?:not\s+)?(?P<liquid>[\w.]+)"
    r"|%%\[\s*IF\s+(?:NOT\s+)?(?:Empty\(\s*)?@?(?P<ampscript>[\w.]+)",
    re.I,
)
# A tag's opening and closing marks, and how long a tag can be: an opening without its closing
# within that length is a broken tag. Liquid's "{%" counts when a space or "-" follows, since
# "{%22" is JSON in a URL.
_PAIRS = (("{{", "}}", 200), ("*|", "|*", 80), ("[[", "]]", 160), ("{%", "%}", 200))
_LONGEST_TAG = 200
_MARKS = ("{{", "*|", "[[", "{%", "}}")
_NOT_TEXT = frozenset({"script", "style", "head", "title", "template"})


@check("leftovers.placeholder", Family.LEFTOVERS, "Placeholder text", "Texte provisoire")
def placeholder(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    seen: set[str] = set()
    holders: set[HtmlElement] = set()
    for found in _placeholders(parsed.visible_text):
        if found.lower() in seen:
            continue
        seen.add(found.lower())
        element = _holder(parsed, found.split()[0])
        if element is not None:
            if element in holders:
                continue  # "Lorem ipsum dolor sit amet": one finding for the paragraph
            holders.add(element)
        line = element.sourceline if element is not None else None
        excerpt = start_tag(element) if element is not None else None
        yield _placeholder(found, "the text", "le texte", line, excerpt)
    for title in parsed.by_tag.get("title", [])[:1]:
        for found in _placeholders(title.text_content()):
            yield _placeholder(found, "the title", "le titre", title.sourceline, None)
    for where_en, where_fr, value in (
        ("the subject", "l’objet", context.subject),
        ("the preheader", "le pré-header", context.preheader),
    ):
        for found in _placeholders(value or ""):
            yield _placeholder(found, where_en, where_fr, None, None)
    links = _per_address(parsed.links)
    if _any_placeholder(link.href for link in links):
        for link in links:
            for found in _placeholders(link.href):
                excerpt = f'<a href="{link.href}">'[:EXCERPT_CHARS]
                yield _placeholder(found, "a link", "un lien", link.line, excerpt)
                break
    images = parsed.by_tag.get("img", [])
    if _any_placeholder(image.get("alt") or "" for image in images):
        for image in images:
            for found in _placeholders(image.get("alt") or ""):
                excerpt = start_tag(image)
                yield _placeholder(found, "an alt text", "un texte alt", image.sourceline, excerpt)
                break


@check(
    "leftovers.tag_without_fallback",
    Family.LEFTOVERS,
    "Personalisation tags have a fallback",
    "Balises de personnalisation avec valeur par défaut",
)
def tag_without_fallback(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    texts = [parsed.visible_text, context.subject or "", context.preheader or ""]
    bare = [tag for text in texts for tag in _bare_personal_tags(text)]
    if not bare:
        return
    guarded = {_field(_group(match)) for match in _GUARD.finditer(parsed.html)}
    seen: set[str] = set()
    for tag, field in bare:
        if field in guarded or tag in seen:
            continue
        seen.add(tag)
        element = _holder(parsed, tag)
        yield Finding(
            "leftovers.tag_without_fallback",
            Severity.WARNING,
            f"The personalisation tag “{tag}” has no fallback: a contact without this field "
            "will read an empty gap (“Hello ,”). Give it a default value.",
            f"La balise de personnalisation « {tag} » n’a pas de valeur par défaut : un contact "
            "sans ce champ lira un blanc (« Bonjour , »). Donnez-lui une valeur par défaut.",
            line=element.sourceline if element is not None else None,
            element=tag[:EXCERPT_CHARS],
        )


@check("leftovers.broken_tag", Family.LEFTOVERS, "Broken tags", "Balises cassées")
def broken_tag(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    sources: list[tuple[str, int | None, str | None]] = [(parsed.visible_text, None, None)]
    sources += [(context.subject or "", None, None), (context.preheader or "", None, None)]
    sources += [
        (link.href, link.line, f'<a href="{link.href}">') for link in _per_address(parsed.links)
    ]
    seen: set[str] = set()
    for text, line, element in sources:
        for start in _broken_at(text):
            excerpt = text[max(0, start - 20) : start + 40].replace("\n", " ").strip()
            if excerpt in seen:
                continue
            seen.add(excerpt)
            where = line
            if where is None and text is parsed.visible_text:
                holder = _holder(parsed, text[start : start + 30].split()[0])
                where = holder.sourceline if holder is not None else None
            yield Finding(
                "leftovers.broken_tag",
                Severity.ERROR,
                f"A personalisation tag is not closed: “{excerpt}”. The ESP will print it as is.",
                f"Une balise de personnalisation n’est pas fermée : « {excerpt} ». Le routeur "
                "l’affichera telle quelle.",
                line=where,
                element=(element or excerpt)[:EXCERPT_CHARS],
            )


# -- helpers ------------------------------------------------------------------------------------


def _any_placeholder(texts: Iterable[str]) -> bool:
    """Whether any of the texts holds a placeholder: one scan of them all, the common answer
    being no, instead of one per link or image."""
    return next(_placeholders("\n".join(texts)), None) is not None


def _placeholders(text: str) -> Iterator[str]:
    """The placeholder texts in ``text``, white space as written."""
    lowered = text.lower()
    if not any(needle in lowered for needle in _NEEDLES):
        lowered = ""  # substring searches rule most texts out faster than the regex
    aligned = len(lowered) == len(text)  # a few letters ("İ") lengthen when lower-cased
    for match in _PLACEHOLDER.finditer(lowered):
        yield text[match.start() : match.end()] if aligned else match.group()
    if any(word in text for word in _CASED_WORDS):
        for match in _PLACEHOLDER_CASED.finditer(text):
            yield match.group()


def _placeholder(
    found: str, where_en: str, where_fr: str, line: int | None, element: str | None
) -> Finding:
    return Finding(
        "leftovers.placeholder",
        Severity.ERROR,
        f"Placeholder text left in {where_en}: “{found}”.",
        f"Texte provisoire oublié dans {where_fr} : « {found} ».",
        line=line,
        element=element,
    )


def _per_address(links: list[Link]) -> list[Link]:
    """The first link to each address: an email repeats its links, their hrefs are read once."""
    first: dict[str, Link] = {}
    for link in links:
        first.setdefault(link.href, link)
    return list(first.values())


def _holder(parsed: ParsedEmail, needle: str) -> HtmlElement | None:
    """The first element whose text (or the text right after it) holds ``needle``: where a
    match of the visible text is in the source."""
    for element in parsed.elements:
        if element.tag not in _NOT_TEXT and needle in (element.text or ""):
            return element
        if needle in (element.tail or ""):
            return element
    return None


def _bare_personal_tags(text: str) -> Iterator[tuple[str, str]]:
    """(tag, field) for each tag naming a contact field with no default value in the tag."""
    for match in _PERSONAL_TAG.finditer(text):
        kind = match.lastgroup
        inner = match.group(kind) if kind else ""
        if kind == "fallback":  # Campaign Monitor's [firstname,fallback=…]
            continue
        if kind in ("curly", "mailjet"):
            if _BLOCK_HELPER.match(inner) or _HAS_DEFAULT.search(inner):
                continue
            inner = inner.split("|", 1)[0].strip()
            inner = _MAILJET_SCOPE.sub("", inner)
        name = inner.strip()
        owner, _, _ = name.lower().partition(".")
        if owner == "contact" or (
            _field(name) in _PERSONAL_FIELDS and ("." not in name or owner in _CONTACT_OBJECTS)
        ):
            yield match.group(), _field(name)


def _group(match: re.Match[str]) -> str:
    return next((value for value in match.groups() if value), "")


def _field(name: str) -> str:
    """A tag's field, comparable across syntaxes: "contact.FIRSTNAME" → "firstname"."""
    return name.rsplit(".", 1)[-1].translate(_FIELD_SEPARATORS).lower()


def _broken_at(text: str) -> Iterator[int]:
    """Where a tag opens without closing, or closes without opening; plain ``str.find``
    loops, since a regex tried at every position of a 10 MB email's text is too slow."""
    if not any(mark in text for mark in _MARKS):
        return  # the common case: no tag at all
    for opening, closing, longest in _PAIRS:
        start = text.find(opening)
        while start != -1:
            after = start + len(opening)
            liquid = opening == "{%"
            if not (liquid and text[after : after + 1] not in (" ", "-", "\n", "\t")):
                if text.find(closing, after, after + longest + len(closing)) == -1:
                    yield start
            start = text.find(opening, after)
    end = text.find("}}")
    while end != -1:
        window = max(0, end - _LONGEST_TAG)
        opened = text.rfind("{{", window, end)
        if opened == -1 or text.rfind("}}", window, end) > opened:
            yield end
        end = text.find("}}", end + 2)  # "}}}" closing a triple-brace tag counts once
