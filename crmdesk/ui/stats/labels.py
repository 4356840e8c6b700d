"""The stats' words and numbers in the user's language: KPI names, percentages, refusals."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from crmdesk.core.errors import CrmdeskError, FieldProblem, StatsRefused, ValidationError


def kpi_label(key: str) -> str:
    names = {
        "delivery_rate": QCoreApplication.translate("StatsLabels", "Delivery rate"),
        "open_rate": QCoreApplication.translate("StatsLabels", "Unique open rate"),
        "click_rate": QCoreApplication.translate("StatsLabels", "Click rate"),
        "ctor": QCoreApplication.translate("StatsLabels", "Click-to-open rate (CTOR)"),
        "unsubscribe_rate": QCoreApplication.translate("StatsLabels", "Unsubscribe rate"),
        "hard_bounce_rate": QCoreApplication.translate("StatsLabels", "Hard bounce rate"),
        "soft_bounce_rate": QCoreApplication.translate("StatsLabels", "Soft bounce rate"),
        "complaint_rate": QCoreApplication.translate("StatsLabels", "Complaint rate"),
        "conversion_rate": QCoreApplication.translate(
            "StatsLabels", "Conversion rate (of clickers)"
        ),
        "revenue_per_delivered": QCoreApplication.translate(
            "StatsLabels", "Revenue per delivered email"
        ),
    }
    return names.get(key, key)


def field_label(name: str) -> str:
    """A snapshot figure's name, as the form and the table show it."""
    names = {
        "sent": QCoreApplication.translate("StatsLabels", "Sent"),
        "delivered": QCoreApplication.translate("StatsLabels", "Delivered"),
        "hard_bounces": QCoreApplication.translate("StatsLabels", "Hard bounces"),
        "soft_bounces": QCoreApplication.translate("StatsLabels", "Soft bounces"),
        "unique_opens": QCoreApplication.translate("StatsLabels", "Unique opens"),
        "total_opens": QCoreApplication.translate("StatsLabels", "Total opens"),
        "unique_clicks": QCoreApplication.translate("StatsLabels", "Unique clicks"),
        "total_clicks": QCoreApplication.translate("StatsLabels", "Total clicks"),
        "unsubscribes": QCoreApplication.translate("StatsLabels", "Unsubscribes"),
        "complaints": QCoreApplication.translate("StatsLabels", "Complaints"),
        "conversions": QCoreApplication.translate("StatsLabels", "Conversions"),
        "revenue": QCoreApplication.translate("StatsLabels", "Revenue (€)"),
        "variant": QCoreApplication.translate("StatsLabels", "Variant"),
        "campaign": QCoreApplication.translate("StatsLabels", "Campaign title"),
        "email": QCoreApplication.translate("StatsLabels", "Email address"),
        "event": QCoreApplication.translate("StatsLabels", "Event"),
        "timestamp": QCoreApplication.translate("StatsLabels", "Date and time"),
    }
    return names.get(name, name)


def source_label(source: str) -> str:
    names = {
        "typed": QCoreApplication.translate("StatsLabels", "typed"),
        "mailchimp": "Mailchimp",
        "brevo": "Brevo",
        "activity": QCoreApplication.translate("StatsLabels", "activity export"),
        "mapped": QCoreApplication.translate("StatsLabels", "CSV (mapped columns)"),
    }
    return names.get(source, source)


def metric_label(metric: str) -> str:
    names = {
        "clicks": QCoreApplication.translate("StatsLabels", "clicks"),
        "opens": QCoreApplication.translate("StatsLabels", "opens"),
        "conversions": QCoreApplication.translate("StatsLabels", "conversions"),
    }
    return names.get(metric, metric)


#: Languages that write a (non-breaking) space before the percent sign.
_SPACED_PERCENT = {
    QLocale.Language.French,
    QLocale.Language.German,
    QLocale.Language.Spanish,
    QLocale.Language.Swedish,
    QLocale.Language.NorwegianBokmal,
    QLocale.Language.Danish,
    QLocale.Language.Finnish,
    QLocale.Language.Czech,
    QLocale.Language.Polish,
    QLocale.Language.Russian,
}


def percent_text(fraction: float, decimals: int = 1) -> str:
    """A fraction as a percentage in the locale's way: "27,8 %" in French, "27.8%" in English."""
    locale = QLocale()
    number = locale.toString(fraction * 100, "f", decimals)
    sign = locale.percent()
    return f"{number}\u00a0{sign}" if locale.language() in _SPACED_PERCENT else number + sign


def percent(value: float | None, decimals: int = 1) -> str:
    """``percent_text``, with a dash for a rate that has no denominator."""
    return "—" if value is None else percent_text(value, decimals)


def kpi_text(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key == "revenue_per_delivered":
        return f"{QLocale().toString(value, 'f', 3)}\u00a0€"
    return percent(value, 2 if value < 0.01 else 1)


def count_text(value: int) -> str:
    """A count with the locale's thousands separator: "12 345" in French."""
    return QLocale().toString(int(value))


def day_label(offset: int) -> str:
    """D+5 in English, J+5 in French."""
    return QCoreApplication.translate("StatsLabels", "D+%1").replace("%1", str(offset))


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
        from crmdesk.ui.labels import problem_text as campaign_problem_text

        return campaign_problem_text(problem)
    return sentence.replace("%1", field_label(problem.field))


def refused_text(error: CrmdeskError) -> str:
    """A refused import or form in the user's language, naming the file, line and column."""
    if isinstance(error, ValidationError):
        return "\n".join(problem_text(p) for p in error.problems)
    if not isinstance(error, StatsRefused):
        from crmdesk.ui.labels import error_text

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
