"""Translated names of the checklist's phases, roles, states, check families and severities,
and the sentences for an email the check engine cannot read."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from crmdesk.core.checklists import describe_findings
from crmdesk.core.checks.model import Family
from crmdesk.core.errors import FieldProblem
from crmdesk.core.models import ChecklistPhase, ChecklistState
from crmdesk.ui.kit.formats import file_name

#: Colours shared by the window and the dialogs (readable on light and dark Fusion palettes).
STATE_COLOURS = {
    ChecklistState.TODO: "#6b7280",
    ChecklistState.DONE: "#15803d",
    ChecklistState.NOT_APPLICABLE: "#6b7280",
    ChecklistState.FAILED: "#dc2626",
}


def phase_label(phase: ChecklistPhase) -> str:
    return {
        ChecklistPhase.STRATEGY: QCoreApplication.translate("ChecklistLabels", "Strategy"),
        ChecklistPhase.PRODUCTION: QCoreApplication.translate("ChecklistLabels", "Production"),
        ChecklistPhase.BAT: QCoreApplication.translate("ChecklistLabels", "BAT"),
        ChecklistPhase.SEND: QCoreApplication.translate("ChecklistLabels", "Send"),
        ChecklistPhase.ANALYSIS: QCoreApplication.translate("ChecklistLabels", "Analysis"),
    }[phase]


def state_label(state: ChecklistState) -> str:
    return {
        ChecklistState.TODO: QCoreApplication.translate("ChecklistLabels", "To do"),
        ChecklistState.DONE: QCoreApplication.translate("ChecklistLabels", "Done"),
        ChecklistState.NOT_APPLICABLE: QCoreApplication.translate(
            "ChecklistLabels", "Not applicable"
        ),
        ChecklistState.FAILED: QCoreApplication.translate("ChecklistLabels", "Failed"),
    }[state]


def family_label(check: str) -> str:
    """The family an item follows ("links"), or a single check id shown as it is."""
    names = {
        Family.LINKS: QCoreApplication.translate("ChecklistLabels", "Links and UTM"),
        Family.UNSUBSCRIBE: QCoreApplication.translate(
            "ChecklistLabels", "Unsubscribe and mirror link"
        ),
        Family.IMAGES: QCoreApplication.translate("ChecklistLabels", "Images"),
        Family.WEIGHT: QCoreApplication.translate("ChecklistLabels", "Weight"),
        Family.TEXT: QCoreApplication.translate("ChecklistLabels", "Subject, preheader, title"),
        Family.LEFTOVERS: QCoreApplication.translate("ChecklistLabels", "Leftovers"),
        Family.EDITORIAL: QCoreApplication.translate("ChecklistLabels", "Editorial charter"),
        Family.GRAPHIC: QCoreApplication.translate("ChecklistLabels", "Graphic charter"),
        Family.COMPATIBILITY: QCoreApplication.translate(
            "ChecklistLabels", "Mail client compatibility"
        ),
        Family.SENDER: QCoreApplication.translate("ChecklistLabels", "Sender rules"),
        Family.ACCESSIBILITY: QCoreApplication.translate("ChecklistLabels", "Accessibility"),
    }
    if not check:
        return QCoreApplication.translate("ChecklistLabels", "None")
    try:
        return names[Family(check)]
    except ValueError:
        return check


def due_offset_text(offset: int) -> str:
    """ "D-3", "D", "D+5" — French operators read "J-3", "J", "J+5"."""
    day = QCoreApplication.translate("ChecklistLabels", "D")
    if offset == 0:
        return day
    return f"{day}{offset:+d}"


def unusable_text(code: str) -> str:
    """Why the check engine cannot read a file; "nothing was recorded" is said by the caller."""
    texts = {
        "missing": QCoreApplication.translate(
            "ChecklistLabels", "This file does not exist any more."
        ),
        "unreadable": QCoreApplication.translate("ChecklistLabels", "This file could not be read."),
        "binary": QCoreApplication.translate(
            "ChecklistLabels",
            "This file is not an email: it looks like an image, a PDF or a program.",
        ),
        "too_large": QCoreApplication.translate(
            "ChecklistLabels", "This file is too large to be an email."
        ),
        "no_html": QCoreApplication.translate(
            "ChecklistLabels", "This file holds no HTML to check (a text-only email?)."
        ),
        "unsupported": QCoreApplication.translate(
            "ChecklistLabels", "This kind of file cannot be checked: use .html, .htm or .eml."
        ),
        "empty": QCoreApplication.translate("ChecklistLabels", "This file is empty."),
        "mime_too_deep": QCoreApplication.translate(
            "ChecklistLabels", "This email's parts are nested far deeper than a real email's."
        ),
        "mime_too_many_parts": QCoreApplication.translate(
            "ChecklistLabels", "This email has far more parts than a real email."
        ),
    }
    return texts.get(code, texts["unreadable"])


_ITEM = re.compile(r"Item (\d+)")


def template_problem_text(problem: FieldProblem) -> str:
    """The template editor's refusals; the item number comes from the core's sentence."""
    found = _ITEM.search(problem.message)
    number = found.group(1) if found else "?"
    texts = {
        "empty": QCoreApplication.translate(
            "ChecklistLabels", "A checklist needs at least one item."
        ),
        "label_empty": QCoreApplication.translate("ChecklistLabels", "Item %1 has no label."),
        "label_too_long": QCoreApplication.translate(
            "ChecklistLabels", "Item %1: the label is longer than 300 characters."
        ),
        "offset_out_of_range": QCoreApplication.translate(
            "ChecklistLabels", "Item %1: the due day must be within a year of the send."
        ),
    }
    text = texts.get(problem.code)
    return problem.message if text is None else text.replace("%1", number)


def charter_problem_text(problem: FieldProblem) -> str:
    texts = {
        "tone_unknown": QCoreApplication.translate(
            "ChecklistLabels", "The tone is “tu”, “vous” or not set."
        ),
        "colour_invalid": QCoreApplication.translate(
            "ChecklistLabels", "“%1” is not a colour: use #rrggbb, for example #1d4ed8."
        ),
        "too_long": QCoreApplication.translate(
            "ChecklistLabels", "The UTM convention is longer than 500 characters."
        ),
    }
    text = texts.get(problem.code)
    if text is None:
        return problem.message
    quoted = re.search(r"“(.*?)”", problem.message)
    return text.replace("%1", quoted.group(1) if quoted else "")


_AUTO = re.compile(
    r"^(?P<source>.*): (?:(?P<none>no finding)|"
    r"(?:(?P<errors>\d+) errors?)?(?:, )?(?:(?P<warnings>\d+) warnings?)?)$"
)


def auto_comment_text(comment: str, failed: bool, lang: str) -> str:
    """The core wrote "file.html: 2 errors, 1 warning" on an item a check ticked or failed
    before its notes were data; say it as a sentence in the user's language (the core's text
    if it has another shape)."""
    found = _AUTO.match(comment)
    if found is None or not (found["none"] or found["errors"] or found["warnings"]):
        return comment
    return _check_sentence(
        found["source"], int(found["errors"] or 0), int(found["warnings"] or 0), failed, lang
    )


def auto_note_text(note: dict[str, Any], failed: bool, lang: str) -> str | None:
    """A check run's note ({"check", "source", "errors", "warnings"}, stored as data by the
    core) as the same sentence; None for the chain's other notes, which the core words."""
    if "check" not in note:
        return None
    return _check_sentence(
        str(note.get("source", "")),
        int(note.get("errors", 0) or 0),
        int(note.get("warnings", 0) or 0),
        failed,
        lang,
    )


def _check_sentence(source: str, errors: int, warnings: int, failed: bool, lang: str) -> str:
    detail = describe_findings(errors, warnings, lang)
    sentence = (
        QCoreApplication.translate("ChecklistLabels", "Failed by the check of %1: %2")
        if failed
        else QCoreApplication.translate("ChecklistLabels", "Ticked by the check of %1: %2")
    )
    return sentence.replace("%1", file_name(source)).replace("%2", detail)
