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
from collections.abc import Iterator

from lxml.html import HtmlElement

from crmdesk.core.checks.model import CheckContext, Family, Finding, ParsedEmail, Severity, check
from crmdesk.core.checks.parse import EXCERPT_CHARS, start_tag

_PLACEHOLDER = re.compile(
    r"(?i:\blorem\s+ipsum\b|\bdolor\s+sit\s+amet\b|\bx{3,}\b|\bXX[,.]XX\b"
    r"|\b[àa]\s+compl[ée]ter\b|\b[àa]\s+d[ée]finir\b|\bà\s+venir\s+\(|\bplaceholder\s+text\b"
    r"|\[\s*(?:texte?|titre|title|sous-titre|lien|link|url|image|visuel|cta|bouton|button"
    r"|insérer[^\]]{0,40}|insert[^\]]{0,40}|[àa] compl[ée]ter)\s*\])"
    r"|\b(?:TODO|FIXME|TBD)\b"
)
_PERSONAL_TAG = re.compile(
    r"\*\|(?P<mailchimp>[A-Za-z0-9_]{1,60})\|\*"
    r"|\{\{\{?(?P<curly>[^{}]{1,160})\}\}\}?"
    r"|\[\[(?P<mailjet>[^\[\]]{1,160})\]\]"
    r"|%%(?P<sfmc>[A-Za-z_][\w.-]{0,60})%%"
    r"|\$\{(?P<dollar>[^{}]{1,60})\}"
    r"|\[(?P<bracket>[A-Za-z_]{2,40})(?P<fallback>,\s*fallback=[^\]]*)?\]"
    r"|(?<![%\w])%(?P<percent>[A-Z_]{2,40})%(?![%\w])"
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
_FIELD_SEPARATORS = str.maketrans("", "", "_-. ")
_HAS_DEFAULT = re.compile(r"\|\s*default\b|\|\||\?\?|\s(?:or|default)\s|:\s*[\"']", re.I)
_BLOCK_HELPER = re.compile(r"\s*(?:[#/^!>&]|else\b|end)", re.I)
_GUARD = re.compile(
    r"\*\|IF:(?P<mailchimp>[A-Za-z0-9_]+)\|\*"
    r"|\{\{\s*#\s*(?:if|unless|with)\s+(?P<handlebars>[\w.]+)"
    r"|\{%-?\s*(?:if|unless)\s+(?:not\s+)?(?P<liquid>[\w.]+)"
    r"|%%\[\s*IF\s+(?:NOT\s+)?(?:Empty\(\s*)?@?(?P<ampscript>[\w.]+)",
    re.I,
)
_OPEN_TAG = re.compile(
    r"(?<!\{)\{\{\{?+(?![^{}]*\}\})"  # "{{" never closed
    r"|\*\|(?![^|*]{0,80}\|\*)"  # Mailchimp "*|" never closed
    r"|\[\[(?![^\[\]]{0,160}\]\])"  # Mailjet "[[" never closed
    r"|\{%(?![^%]{0,200}%\})"  # Liquid "{%" never closed
)
_CLOSE = re.compile(r"\}\}\}?+")
_NOT_TEXT = frozenset({"script", "style", "head", "title", "template"})


@check("leftovers.placeholder", Family.LEFTOVERS, "Placeholder text", "Texte provisoire")
def placeholder(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    seen: set[str] = set()
    for match in _PLACEHOLDER.finditer(parsed.visible_text):
        found = match.group()
        if found.lower() not in seen:
            seen.add(found.lower())
            element = _holder(parsed, found.split()[0])
            line = element.sourceline if element is not None else None
            excerpt = start_tag(element) if element is not None else None
            yield _placeholder(found, "the text", "le texte", line, excerpt)
    for title in parsed.by_tag.get("title", [])[:1]:
        for match in _PLACEHOLDER.finditer(title.text_content()):
            yield _placeholder(match.group(), "the title", "le titre", title.sourceline, None)
    for where_en, where_fr, value in (
        ("the subject", "l’objet", context.subject),
        ("the preheader", "le pré-header", context.preheader),
    ):
        for match in _PLACEHOLDER.finditer(value or ""):
            yield _placeholder(match.group(), where_en, where_fr, None, None)
    for link in parsed.links:
        match = _PLACEHOLDER.search(link.href)
        if match:
            excerpt = f'<a href="{link.href}">'[:EXCERPT_CHARS]
            yield _placeholder(match.group(), "a link", "un lien", link.line, excerpt)
    for image in parsed.by_tag.get("img", ()):
        match = _PLACEHOLDER.search(image.get("alt") or "")
        if match:
            yield _placeholder(
                match.group(), "an alt text", "un texte alt", image.sourceline, start_tag(image)
            )


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
    sources = [(parsed.visible_text, None, None)]
    sources += [(context.subject or "", None, None), (context.preheader or "", None, None)]
    sources += [(link.href, link.line, f'<a href="{link.href}">') for link in parsed.links]
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
                f"A personalisation tag is not closed: “{excerpt}”. The ESP will print it as "
                "is.",
                f"Une balise de personnalisation n’est pas fermée : « {excerpt} ». Le routeur "
                "l’affichera telle quelle.",
                line=where,
                element=(element or excerpt)[:EXCERPT_CHARS],
            )


# -- helpers ------------------------------------------------------------------------------------


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
            inner = re.sub(r"^(?:var|data)\s*:\s*", "", inner, flags=re.I)
        name = inner.strip()
        if name.lower().startswith("contact.") or _field(name) in _PERSONAL_FIELDS:
            yield match.group(), _field(name)


def _group(match: re.Match[str]) -> str:
    return next((value for value in match.groups() if value), "")


def _field(name: str) -> str:
    """A tag's field, comparable across syntaxes: "contact.FIRSTNAME" → "firstname"."""
    return name.rsplit(".", 1)[-1].translate(_FIELD_SEPARATORS).lower()


def _broken_at(text: str) -> Iterator[int]:
    """Where a tag opens without closing, or closes without opening."""
    if not any(mark in text for mark in ("{{", "*|", "[[", "{%", "}}")):
        return
    for match in _OPEN_TAG.finditer(text):
        yield match.start()
    for match in _CLOSE.finditer(text):
        opened = text.rfind("{{", 0, match.start())
        if opened == -1 or text.rfind("}}", 0, match.start()) > opened:
            yield match.start()
