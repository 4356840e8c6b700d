"""Accessibility: what a screen reader needs to read an email (WCAG 2.1, as email applies it).

* ``<html>`` without ``lang`` → warning: screen readers then read French with an English voice
  (WCAG 3.1.1 "Language of Page").
* layout tables without ``role="presentation"`` → warning: screen readers announce each one as
  a data table ("table, 3 rows, 2 columns") before its content. Reported once, with the count
  and the first one's line, since an email has dozens of them. Tables with ``<th>`` or a
  ``<caption>`` are data tables and are left alone.
* link text that says nothing out of context ("cliquez ici", "en savoir plus", "click here",
  "read more") → warning (WCAG 2.4.4 "Link Purpose"): screen-reader users list the links
  alone. A link with an ``aria-label`` or ``title`` is spared. Reported once per wording.
* headings out of order (a level skipped, such as h1 then h3) or several ``<h1>`` → info: it
  makes the outline harder to follow, but many good emails use no heading at all.

Images without ``alt`` belong to the images family and are not reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from crmdesk.core.checks.model import CheckContext, Family, Finding, ParsedEmail, Severity, check
from crmdesk.core.checks.parse import squash, start_tag

_PRESENTATION_ROLES = frozenset({"presentation", "none"})
_VAGUE_LINK_TEXTS = frozenset(
    {
        # French
        "ici",
        "cliquez ici",
        "cliquer ici",
        "clique ici",
        "cliquez",
        "en savoir plus",
        "en savoir +",
        "lire la suite",
        "la suite",
        "lire plus",
        "voir plus",
        "plus",
        "plus d'infos",
        "plus d’infos",
        "lien",
        "ce lien",
        # English
        "here",
        "click here",
        "click",
        "read more",
        "learn more",
        "more",
        "see more",
        "more info",
        "this link",
        "link",
        "continue reading",
    }
)
# Arrows and punctuation around a link text ("En savoir plus »", "> Lire la suite").
_DECORATION = re.compile(r"^[\s»›>→▸►▶•.:!…+\-]+|[\s»›>→▸►▶•.:!…\-]+$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@check("accessibility.lang_missing", Family.ACCESSIBILITY, "Language declared", "Langue déclarée")
def lang_missing(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    root = parsed.tree
    if root is None:
        return
    if (root.get("lang") or root.get("xml:lang") or "").strip():
        return
    yield Finding(
        "accessibility.lang_missing",
        Severity.WARNING,
        "The <html> tag has no lang attribute: screen readers may read the email with the "
        'wrong voice. Add lang="fr" (or the email\'s language).',
        "La balise <html> n’a pas d’attribut lang : les lecteurs d’écran risquent de lire "
        'l’email avec la mauvaise voix. Ajoutez lang="fr" (ou la langue de l’email).',
        line=root.sourceline,
        element=start_tag(root),
    )


@check(
    "accessibility.table_role",
    Family.ACCESSIBILITY,
    "Layout tables marked as presentation",
    "Tableaux de mise en page marqués « presentation »",
)
def table_role(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    tables = parsed.by_tag.get("table", [])
    if not tables:
        return
    data_tables = set()
    for marker in (*parsed.by_tag.get("th", ()), *parsed.by_tag.get("caption", ())):
        owner = next(marker.iterancestors("table"), None)
        if owner is not None:
            data_tables.add(owner)
    bare = [
        table
        for table in tables
        if (table.get("role") or "").strip().lower() not in _PRESENTATION_ROLES
        and table not in data_tables
    ]
    if not bare:
        return
    first = bare[0]
    yield Finding(
        "accessibility.table_role",
        Severity.WARNING,
        f'{len(bare)} layout table(s) without role="presentation" (first at line '
        f"{first.sourceline}): screen readers announce each as a data table before its "
        "content.",
        f'{len(bare)} tableau(x) de mise en page sans role="presentation" (le premier ligne '
        f"{first.sourceline}) : les lecteurs d’écran annoncent chacun comme un tableau de "
        "données avant son contenu.",
        line=first.sourceline,
        element=start_tag(first),
    )


@check("accessibility.vague_link", Family.ACCESSIBILITY, "Explicit link texts", "Liens explicites")
def vague_link(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    texts = {link.text for link in parsed.links}
    if not any(_wording(text) in _VAGUE_LINK_TEXTS for text in texts):
        return  # the common case, decided without reading the anchors again
    vague: dict[str, list[HtmlElement]] = {}
    for anchor in parsed.by_tag.get("a", ()):
        if anchor.get("href") is None or anchor.get("aria-label") or anchor.get("title"):
            continue
        wording = _wording(squash(anchor.text_content()))
        if wording in _VAGUE_LINK_TEXTS:
            vague.setdefault(wording, []).append(anchor)
    for anchors in vague.values():
        first = anchors[0]
        shown = squash(first.text_content())
        count_en = f"{len(anchors)} links say" if len(anchors) > 1 else "A link says"
        count_fr = f"{len(anchors)} liens disent" if len(anchors) > 1 else "Un lien dit"
        yield Finding(
            "accessibility.vague_link",
            Severity.WARNING,
            f"{count_en} only “{shown}”: out of context (screen readers list links alone) it "
            "says nothing. Say where it leads (“Découvrir la collection”).",
            f"{count_fr} seulement « {shown} » : hors contexte (les lecteurs d’écran listent "
            "les liens seuls), cela ne dit rien. Dites où il mène (« Découvrir la "
            "collection »).",
            line=first.sourceline,
            element=start_tag(first),
        )


@check("accessibility.headings", Family.ACCESSIBILITY, "Heading order", "Ordre des titres")
def headings(parsed: ParsedEmail, context: CheckContext) -> Iterator[Finding]:
    if parsed.tree is None:
        return
    found = list(parsed.tree.iter(*_HEADINGS))  # in document order, whatever the level
    if not found:
        return
    first_level = [h for h in found if h.tag == "h1"]
    if len(first_level) > 1:
        second = first_level[1]
        yield Finding(
            "accessibility.headings",
            Severity.INFO,
            f"The email has {len(first_level)} <h1> headings: keep one for its main title and "
            "use <h2> and below for the sections.",
            f"L’email a {len(first_level)} titres <h1> : gardez-en un pour le titre principal "
            "et utilisez <h2> et suivants pour les sections.",
            line=second.sourceline,
            element=start_tag(second),
        )
    level = 0
    for heading in found:
        current = int(heading.tag[1])
        if current > level + 1 and level:
            yield Finding(
                "accessibility.headings",
                Severity.INFO,
                f"A heading level is skipped: <h{level}> then <{heading.tag}>. Screen-reader "
                "users navigate by level and will think a section is missing.",
                f"Un niveau de titre est sauté : <h{level}> puis <{heading.tag}>. Les "
                "utilisateurs de lecteurs d’écran naviguent par niveau et croiront qu’une "
                "section manque.",
                line=heading.sourceline,
                element=start_tag(heading),
            )
            return
        level = current


def _wording(text: str) -> str:
    return _DECORATION.sub("", text.lower())
