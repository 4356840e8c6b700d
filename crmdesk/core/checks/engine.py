"""The check engine's public API: an email (file, bytes or parsed) in, a :class:`CheckReport` out.

The same entry points serve the checklist panel, the BAT review and ``crmdesk check`` in an
email developer's CI, so this module imports the standard library, lxml and the checks only:
no database, no Qt, no charts. A check that raises is a bug, but one bad check must not hide
what the others found: its exception becomes an "engine.check_crashed" error finding.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.etree
from lxml.html import HtmlElement

from crmdesk.core.checks import (
    accessibility,
    compat,
    editorial,
    graphic,
    images,
    leftovers,
    links,
    text,
    unsubscribe,
    weight,
)
from crmdesk.core.checks.model import (
    REGISTRY,
    Check,
    CheckContext,
    Finding,
    Link,
    ParsedEmail,
    Severity,
)
from crmdesk.core.checks.parse import Kind, parse_bytes, parse_file, squash

# Importing a check module registers its checks; naming them here keeps the imports used and
# says which modules the engine runs.
CHECK_MODULES = (
    accessibility,
    compat,
    editorial,
    graphic,
    images,
    leftovers,
    links,
    text,
    unsubscribe,
    weight,
)

# How mail clients' preview text is hidden from the body: the inline styles of the common
# preheader snippets (Litmus, Cerberus, Mailchimp, Foundation) and class names that say it.
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden"
    r"|(?:max-height|opacity|font-size)\s*:\s*0(?![.\d])",
    re.I,
)
_PREHEADER_NAME = re.compile(r"pre-?header|preview", re.I)
_NOT_CONTENT = frozenset({"style", "script", "title", "head", "template"})


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What the checks found in one email, and what a UI needs to show it next to the source.

    ``findings`` come worst first, then in source order; ``subject`` and ``preheader`` are the
    ones the checks used (the campaign's, else the .eml's subject and the hidden preheader).
    """

    name: str
    findings: list[Finding]
    links: list[Link]
    encoded_size: int
    charset: str
    html: str
    subject: str | None
    preheader: str | None

    def counts(self) -> dict[Severity, int]:
        """Findings per severity, every severity present (zero when none)."""
        counted = Counter(finding.severity for finding in self.findings)
        return {severity: counted[severity] for severity in Severity}

    def worst(self) -> Severity | None:
        """The most serious severity found, None for a clean email (``--fail-on`` reads it)."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_json(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "file": self.name,
            "findings": [finding.to_json() for finding in self.findings],
            "links": [
                {"href": link.href, "text": link.text, "line": link.line} for link in self.links
            ],
            "summary": {
                "error": counts[Severity.ERROR],
                "warning": counts[Severity.WARNING],
                "info": counts[Severity.INFO],
                "size_bytes": self.encoded_size,
            },
        }


def check_file(path: Path, context: CheckContext | None = None) -> CheckReport:
    """Check an .html or .eml file; raises :class:`UnusableEmail` when it cannot be read."""
    context = context or CheckContext()
    return check_parsed(parse_file(path, base_dir=context.base_dir), context)


def check_bytes(
    data: bytes,
    name: str,
    *,
    kind: Kind | None = None,
    context: CheckContext | None = None,
    base_dir: Path | None = None,
) -> CheckReport:
    """Check an email held in memory (an upload, a BAT from the database); ``name`` gives the
    report's file name and, without ``kind``, the kind by its extension."""
    context = context or CheckContext()
    parsed = parse_bytes(data, name, kind=kind, base_dir=base_dir or context.base_dir)
    return check_parsed(parsed, context)


def check_parsed(parsed: ParsedEmail, context: CheckContext | None = None) -> CheckReport:
    """Run every registered check on an email parsed once."""
    context = context or CheckContext()
    subject = context.subject or _header_subject(parsed)
    preheader = context.preheader or _hidden_preheader(parsed.tree)
    context = dataclasses.replace(context, subject=subject, preheader=preheader)
    findings = list(parsed.problems)
    if parsed.tree is not None:  # an empty email has its "parse.empty" finding and no more
        for registered in REGISTRY.values():
            findings.extend(_run(registered, parsed, context))
    findings.sort(key=lambda f: (-f.severity.rank, f.line or 0, f.check_id))
    return CheckReport(
        name=parsed.name,
        findings=findings,
        links=list(parsed.links),
        encoded_size=parsed.encoded_size,
        charset=parsed.charset,
        html=parsed.html,
        subject=subject,
        preheader=preheader,
    )


def _run(registered: Check, parsed: ParsedEmail, context: CheckContext) -> list[Finding]:
    try:
        return list(registered.run(parsed, context))
    except Exception as error:  # a bug in one check must not lose the others' findings
        import logging  # only on this rare path: ``crmdesk check`` starts faster without it

        logging.getLogger(__name__).exception("check %s crashed on %s", registered.id, parsed.name)
        cause = f"{type(error).__name__}: {error}"[:200]
        return [
            Finding(
                "engine.check_crashed",
                Severity.ERROR,
                f"The check “{registered.id}” failed ({cause}), so its findings are missing. "
                "This is a crmdesk bug: please report it with the email.",
                f"La vérification « {registered.id} » a échoué ({cause}) : ses constats "
                "manquent. C’est un bug de crmdesk : merci de le signaler avec l’email.",
                element=registered.id,
            )
        ]


def _header_subject(parsed: ParsedEmail) -> str | None:
    if parsed.headers is None:
        return None
    return squash(parsed.headers.get("Subject", "")) or None


def _hidden_preheader(tree: HtmlElement | None) -> str | None:
    """The text of a hidden element at the top of the body, before any visible text: the
    preview text inbox lists show after the subject."""
    body = tree.find("body") if tree is not None else None
    if body is None:
        return None
    walker = lxml.etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        if element is body:
            continue
        if event == "end":
            if squash(element.tail or ""):
                return None  # visible text came first: there is no hidden preheader on top
            continue
        if element.tag in _NOT_CONTENT:
            walker.skip_subtree()
        elif _is_hidden(element):
            found = squash(element.text_content())
            if found:
                return found
            walker.skip_subtree()
        elif squash(element.text or ""):
            return None
    return None


def _is_hidden(element: HtmlElement) -> bool:
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_PREHEADER_NAME.search(names))
