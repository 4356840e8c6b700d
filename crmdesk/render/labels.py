"""The stats' words and numbers in the user's language: KPI names, percentages, counts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from crmdesk.core.stats import kpis


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
        return f"{QLocale().toString(value, 'f', kpis.decimals(key))}\u00a0€"
    return percent(value, kpis.decimals(key))


def count_text(value: int) -> str:
    """A count with the locale's thousands separator: "12 345" in French."""
    return QLocale().toString(int(value))


def day_label(offset: int) -> str:
    """D+5 in English, J+5 in French."""
    return QCoreApplication.translate("StatsLabels", "D+%1").replace("%1", str(offset))
