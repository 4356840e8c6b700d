"""A refused stats import or figures form, in the user's language: which file, line and column,
and that nothing was written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crmdesk.core.errors import CrmdeskError, FieldProblem, StatsRefused, ValidationError
from crmdesk.render.labels import field_label
from crmdesk.ui.labels import error_text
from crmdesk.ui.labels import problem_text as campaign_problem_text


def problem_text(problem: FieldProblem) -> str:
    """A stats rule the figures or a choice break, in the user's language."""
    texts = {
        "negative": QCoreApplication.translate("StatsLabels", "%1 cannot be negative."),
        "sent_zero": QCoreApplication.translate(
            "StatsLabels", "The figures need at least one email sent."
        ),
        "delivered_over_sent": QCoreApplication.translate(
            "StatsLabels", "More emails delivered than sent."
        ),
        "bounces_over_sent": QCoreApplication.translate(
            "StatsLabels", "More bounces than emails sent."
        ),
        "opens_over_delivered": QCoreApplication.translate(
            "StatsLabels", "More unique opens than emails delivered."
        ),
        "total_under_unique": QCoreApplication.translate(
            "StatsLabels", "%1: fewer in total than unique."
        ),
        "clicks_over_delivered": QCoreApplication.translate(
            "StatsLabels", "More unique clicks than emails delivered."
        ),
        "unsubscribes_over_delivered": QCoreApplication.translate(
            "StatsLabels", "More unsubscribes than emails delivered."
        ),
        "complaints_over_delivered": QCoreApplication.translate(
            "StatsLabels", "More complaints than emails delivered."
        ),
        "variant_too_long": QCoreApplication.translate(
            "StatsLabels", "A variant's name has at most 40 characters."
        ),
        "before_send": QCoreApplication.translate(
            "StatsLabels", "Figures cannot be dated before the send."
        ),
        "unknown_variant": QCoreApplication.translate(
            "StatsLabels", "This campaign has no such variant."
        ),
        "by_missing": QCoreApplication.translate("StatsLabels", "Say who chose the winner."),
        "confidence_out_of_range": QCoreApplication.translate(
            "StatsLabels", "The confidence level must be between 50 % and 100 %."
        ),
        "relance_not_sent": QCoreApplication.translate(
            "StatsLabels", "A relance follows a campaign already sent: this one is not."
        ),
        "relance_not_email": QCoreApplication.translate(
            "StatsLabels", "Only an email campaign can have a relance."
        ),
    }
    sentence = texts.get(problem.code)
    if sentence is None:
        return campaign_problem_text(problem)
    return sentence.replace("%1", field_label(problem.field))


def refused_text(error: CrmdeskError) -> str:
    """A refused import or form in the user's language, naming the file, line and column."""
    if isinstance(error, ValidationError):
        return "\n".join(problem_text(p) for p in error.problems)
    if not isinstance(error, StatsRefused):
        return error_text(error)
    details = {k: str(v) for k, v in error.details.items()}
    texts = {
        "missing": QCoreApplication.translate("StatsLabels", "This file does not exist any more."),
        "unreadable": QCoreApplication.translate(
            "StatsLabels", "This file could not be read as a CSV export."
        ),
        "too_large": QCoreApplication.translate(
            "StatsLabels", "This file is too large to be an export crmdesk can read (%size)."
        ),
        "empty": QCoreApplication.translate("StatsLabels", "This file is empty."),
        "unknown_layout": QCoreApplication.translate(
            "StatsLabels",
            "crmdesk does not recognise this export's columns: map them in the dialog.",
        ),
        "missing_columns": QCoreApplication.translate(
            "StatsLabels", "Columns are missing: %columns."
        ),
        "not_a_number": QCoreApplication.translate(
            "StatsLabels", "Line %line, column “%column”: “%value” is not a number."
        ),
        "negative": QCoreApplication.translate(
            "StatsLabels", "Line %line, column “%column”: “%value” is negative."
        ),
        "inconsistent": QCoreApplication.translate(
            "StatsLabels", "Line %line, column “%column”: the figures contradict each other."
        ),
        "bad_date": QCoreApplication.translate(
            "StatsLabels", "Line %line, column “%column”: “%value” is not a date."
        ),
        "bad_event": QCoreApplication.translate(
            "StatsLabels", "Line %line, column “%column”: “%value” is not a known event."
        ),
        "no_matching_row": QCoreApplication.translate(
            "StatsLabels", "No line of this report is about this campaign."
        ),
        "malformed": QCoreApplication.translate("StatsLabels", "Line %line: the CSV is malformed."),
        "cancelled": QCoreApplication.translate("StatsLabels", "The import was cancelled."),
    }
    sentence = texts.get(error.code)
    if sentence is None:
        return error.message
    for key, value in details.items():
        sentence = sentence.replace(f"%{key}", value)
    nothing = QCoreApplication.translate("StatsLabels", "Nothing was written.")
    return f"{sentence} {nothing}\n{error.message}"
