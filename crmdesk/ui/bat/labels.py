"""Translated words of the BAT review: decisions, what the preview neutralised, import refusals,
approvals over open errors and why a decision cannot be taken."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from crmdesk.core.bat.snapshot import Notice
from crmdesk.core.errors import UnusableEmail
from crmdesk.core.models import BatDecision
from crmdesk.ui.kit.formats import file_name

#: Decision → (background, foreground) of its badge.
DECISION_COLOURS = {
    BatDecision.PENDING: ("#fef3c7", "#92400e"),
    BatDecision.CHANGES_REQUESTED: ("#fee2e2", "#991b1b"),
    BatDecision.APPROVED: ("#dcfce7", "#166534"),
}


def decision_label(decision: BatDecision) -> str:
    return {
        BatDecision.PENDING: QCoreApplication.translate("BatLabels", "Awaiting decision"),
        BatDecision.CHANGES_REQUESTED: QCoreApplication.translate("BatLabels", "Changes requested"),
        BatDecision.APPROVED: QCoreApplication.translate("BatLabels", "Approved"),
    }[decision]


class BatLabels(QObject):
    """Plural sentences: lupdate marks a string plural only in a ``self.tr`` call."""

    def notice(self, code: str, n: int) -> str | None:
        return {
            "script": self.tr("%n script(s) removed: JavaScript never runs in the preview.", "", n),
            "iframe": self.tr("%n frame(s) removed: an email cannot embed another page.", "", n),
            "form": self.tr(
                "%n form(s) disarmed: nothing can be submitted from the preview.", "", n
            ),
            "object": self.tr("%n plugin object(s) removed (object, embed, applet).", "", n),
            "file_url": self.tr(
                "%n file:// address(es) removed: an email cannot read your disk.", "", n
            ),
            "javascript_url": self.tr("%n javascript: link(s) removed.", "", n),
            "event_handler": self.tr("%n event handler attribute(s) removed (onclick…).", "", n),
            "meta_refresh": self.tr("%n automatic redirection(s) removed.", "", n),
            "base": self.tr("%n <base> element(s) removed.", "", n),
            "resource_hint": self.tr(
                "%n connection hint(s) removed (preconnect, prefetch…): they would tell a tracker"
                " that the email was opened.",
                "",
                n,
            ),
            "skipped_file": self.tr("%n referenced file(s) not found beside the email.", "", n),
        }.get(code)

    def overridden(self, n: int) -> str:
        """The record of an approval over open errors; %1 who accepted it, %2 when."""
        return self.tr("Approved over %n error(s) by %1 on %2.", "", n)

    def overridden_short(self, n: int) -> str:
        return self.tr("over %n error(s)", "", n)

    def open_errors(self, n: int) -> str:
        """The heading of the approval question; %1 is the round's number."""
        return self.tr("BAT %1 still has %n error(s) open:", "", n)

    def more_errors(self, n: int) -> str:
        return self.tr("…and %n more (Findings tab).", "", n)

    def approve_tip(self, n: int) -> str:
        return self.tr(
            "The client approves this round (Alt+A). %n error(s) open: you will be asked to"
            " confirm, and the override is recorded under your name.",
            "",
            n,
        )


def notice_text(notice: Notice) -> str:
    """What the preview took out of the email, said once per kind with how many."""
    return BatLabels().notice(notice.code, notice.count) or notice.message


def nothing_to_decide_text(code: str, latest: int = 0) -> str:
    """Why a decision button is disabled, or why a decision was refused; %1 the latest round."""
    sentences = {
        "no_round": QCoreApplication.translate(
            "BatLabels", "No proof to decide on yet: import one first (Ctrl+I)."
        ),
        "superseded": QCoreApplication.translate(
            "BatLabels", "BAT %1 replaced this round: the client decides on the latest one."
        ),
        "already_approved": QCoreApplication.translate(
            "BatLabels",
            "This round is already approved. If the client changes their mind, request changes.",
        ),
        "already_changes_requested": QCoreApplication.translate(
            "BatLabels",
            "Changes are already requested on this round: import the next proof (Ctrl+I).",
        ),
    }
    return sentences.get(code, code).replace("%1", str(latest))


def import_refusal_text(error: UnusableEmail) -> str:
    """Why a proof could not be imported, in the user's language, naming the file."""
    sentences = {
        "missing": QCoreApplication.translate(
            "BatLabels", "“%1” does not exist (moved or deleted?)."
        ),
        "unreadable": QCoreApplication.translate(
            "BatLabels", "“%1” cannot be read (a folder, or no permission)."
        ),
        "too_large": QCoreApplication.translate(
            "BatLabels", "“%1” is too large for an email proof (over 15 MB)."
        ),
        "no_html": QCoreApplication.translate(
            "BatLabels", "“%1” holds no HTML version of the email."
        ),
        "unsupported": QCoreApplication.translate(
            "BatLabels", "“%1” is not an .html, .eml or .zip email."
        ),
        "binary": QCoreApplication.translate("BatLabels", "“%1” is not an email (binary data)."),
        "empty": QCoreApplication.translate(
            "BatLabels", "“%1” is empty: there is no email in it. Nothing was imported."
        ),
        "mime_too_deep": QCoreApplication.translate(
            "BatLabels",
            "“%1” was refused: its parts are nested far deeper than a real email's. "
            "Nothing was imported.",
        ),
        "mime_too_many_parts": QCoreApplication.translate(
            "BatLabels",
            "“%1” was refused: it has far more parts than a real email. Nothing was imported.",
        ),
        "zip_invalid": QCoreApplication.translate(
            "BatLabels", "“%1” is not a readable .zip archive."
        ),
        "zip_traversal": QCoreApplication.translate(
            "BatLabels",
            "“%1” was refused: a file in the archive points outside it (“..” or an absolute"
            " path). Nothing was extracted.",
        ),
        "zip_bomb": QCoreApplication.translate(
            "BatLabels",
            "“%1” was refused: it unpacks to far more than an email can weigh (a zip bomb?).",
        ),
        "zip_ambiguous": QCoreApplication.translate(
            "BatLabels", "“%1” holds several HTML files and no index.html: keep only the email's."
        ),
    }
    name = file_name(error.path)
    sentence = sentences.get(error.code)
    return sentence.replace("%1", name) if sentence else str(error)
