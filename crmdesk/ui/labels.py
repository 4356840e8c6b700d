"""Translated names for the core's enumerations and error codes (the core stays Qt-free)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from crmdesk.core.calendar import DeadlineKind
from crmdesk.core.errors import FieldProblem
from crmdesk.core.models import CampaignStatus, CampaignType, Channel


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def status_label(status: CampaignStatus) -> str:
    return {
        CampaignStatus.DRAFT: _t("Draft"),
        CampaignStatus.BRIEF: _t("Brief"),
        CampaignStatus.PRODUCTION: _t("Production"),
        CampaignStatus.BAT: _t("BAT"),
        CampaignStatus.APPROVED: _t("Approved"),
        CampaignStatus.SCHEDULED: _t("Scheduled"),
        CampaignStatus.SENT: _t("Sent"),
        CampaignStatus.ANALYSED: _t("Analysed"),
        CampaignStatus.CLOSED: _t("Closed"),
    }[status]


def type_label(kind: CampaignType) -> str:
    return {
        CampaignType.NEWSLETTER: _t("Newsletter"),
        CampaignType.PROMO: _t("Promotion"),
        CampaignType.RELANCE: _t("Relance"),
        CampaignType.ERRATUM: _t("Erratum"),
        CampaignType.AUTOMATION: _t("Automation"),
    }[kind]


def channel_label(channel: Channel) -> str:
    return {Channel.EMAIL: _t("Email"), Channel.SMS: _t("SMS"), Channel.PUSH: _t("Push")}[channel]


def deadline_label(kind: DeadlineKind) -> str:
    return {
        DeadlineKind.BRIEF: _t("Brief due"),
        DeadlineKind.BAT: _t("BAT due"),
        DeadlineKind.SEND: _t("Send"),
        DeadlineKind.ANALYSIS: _t("D+5 analysis"),
    }[kind]


def problem_text(problem: FieldProblem) -> str:
    """The user's language where the code is known, the core's English sentence otherwise."""
    known = {
        "name_empty": _t("The campaign needs a name."),
        "name_too_long": _t("The name is longer than 200 characters."),
        "client_missing": _t("Choose the client of the campaign."),
        "timezone_unknown": _t("This time zone is unknown."),
        "time_skipped": _t(
            "This time does not exist on that day in this time zone (the clocks jump forward)."
        ),
        "volume_negative": _t("The volume cannot be negative."),
        "segment_foreign": _t("A segment belongs to another client."),
        "parent_invalid": _t("Choose another parent campaign."),
        "parent_foreign": _t("The parent campaign belongs to another client."),
        "follow_up_before_parent": _t(
            "A relance or erratum must be sent after the campaign it follows."
        ),
        "parent_after_follow_up": _t(
            "A relance or erratum follows this campaign: it must be sent before them."
        ),
        "end_before_start": _t("The end is before the start."),
    }
    return known.get(problem.code, problem.message)


def long_date(day: QDate) -> str:
    return QLocale().toString(day, QLocale.FormatType.LongFormat)


def short_time(at: QTime) -> str:
    return QLocale().toString(at, QLocale.FormatType.ShortFormat)


def date_time(at: QDateTime) -> str:
    return QLocale().toString(at, QLocale.FormatType.ShortFormat)
