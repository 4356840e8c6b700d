"""Translated names of the brief's fields and of its completeness problems."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crmdesk.core.briefs.completeness import BriefProblem


def field_label(name: str) -> str:
    labels = {
        "context": QCoreApplication.translate("BriefLabels", "Context"),
        "primary_objective": QCoreApplication.translate("BriefLabels", "Primary objective"),
        "secondary_objectives": QCoreApplication.translate("BriefLabels", "Secondary objectives"),
        "kpi_targets": QCoreApplication.translate("BriefLabels", "KPI targets"),
        "target": QCoreApplication.translate("BriefLabels", "Target"),
        "offer": QCoreApplication.translate("BriefLabels", "Offer"),
        "offer_conditions": QCoreApplication.translate("BriefLabels", "Offer conditions"),
        "offer_valid_from": QCoreApplication.translate("BriefLabels", "Offer valid from"),
        "offer_valid_until": QCoreApplication.translate("BriefLabels", "Offer valid until"),
        "promo_code": QCoreApplication.translate("BriefLabels", "Promo code"),
        "key_message": QCoreApplication.translate("BriefLabels", "Key message"),
        "subject_ideas": QCoreApplication.translate("BriefLabels", "Subject-line ideas"),
        "preheader_idea": QCoreApplication.translate("BriefLabels", "Preheader idea"),
        "ctas": QCoreApplication.translate("BriefLabels", "Calls to action"),
        "mandatory_mentions": QCoreApplication.translate("BriefLabels", "Mandatory mentions"),
        "assets": QCoreApplication.translate("BriefLabels", "Assets"),
        "assets_due": QCoreApplication.translate("BriefLabels", "Assets due"),
        "bat_due": QCoreApplication.translate("BriefLabels", "BAT due"),
        "send_due": QCoreApplication.translate("BriefLabels", "Send date"),
        "tone": QCoreApplication.translate("BriefLabels", "Tone"),
        "notes": QCoreApplication.translate("BriefLabels", "Notes"),
        "campaign": QCoreApplication.translate("BriefLabels", "Campaign"),
        "segments": QCoreApplication.translate("BriefLabels", "Campaign segments"),
    }
    return labels.get(name, name)


def completeness_text(problem: BriefProblem, cta_label: str = "") -> str:
    texts = {
        "no_objective": QCoreApplication.translate(
            "BriefLabels", "No objective: what must this campaign achieve?"
        ),
        "no_kpi_target": QCoreApplication.translate(
            "BriefLabels", "No KPI target: set at least one (open, click, conversions, revenue)."
        ),
        "no_cta": QCoreApplication.translate("BriefLabels", "No call to action."),
        "cta_without_url": QCoreApplication.translate("BriefLabels", "The CTA “%1” has no URL."),
        "url_invalid": QCoreApplication.translate(
            "BriefLabels", "The URL of “%1” is not a valid web address."
        ),
        "url_not_https": QCoreApplication.translate("BriefLabels", "The URL of “%1” is not https."),
        "no_tone": QCoreApplication.translate("BriefLabels", "Tone not set: tu or vous?"),
        "offer_ends_before_send": QCoreApplication.translate(
            "BriefLabels", "The offer ends before the send."
        ),
        "offer_ends_before_start": QCoreApplication.translate(
            "BriefLabels", "The offer ends before it starts."
        ),
        "bat_after_send": QCoreApplication.translate(
            "BriefLabels", "The BAT deadline is after the send."
        ),
        "mention_missing": QCoreApplication.translate(
            "BriefLabels", "The client requires a mandatory mention, and it is empty."
        ),
    }
    text = texts.get(problem.code)
    return problem.message if text is None else text.replace("%1", cta_label)
