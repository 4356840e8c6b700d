"""Translated names for the core's enumerations and error codes (the core stays Qt-free)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from crmdesk.core.calendar_values import DeadlineKind
from crmdesk.core.checks.model import Severity
from crmdesk.core.errors import (
    BackupDamaged,
    BackupFailed,
    BackupNotAWorkspace,
    BackupTooNew,
    BadLockFile,
    CrmdeskError,
    DiskFull,
    DiskIOError,
    FieldProblem,
    ForeignFile,
    ImportRefused,
    NotAWorkspace,
    ReportFailed,
    RestoreLocked,
    ValidationError,
    WorkspaceBusy,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from crmdesk.core.kinds import CampaignStatus, CampaignType, Channel, ChecklistRole

if TYPE_CHECKING:  # the keyring module is loaded only when a password is kept
    from crmdesk.core.secrets import SecretStoreUnavailable


def status_label(status: CampaignStatus) -> str:
    return {
        CampaignStatus.DRAFT: QCoreApplication.translate("Labels", "Draft"),
        CampaignStatus.BRIEF: QCoreApplication.translate("Labels", "Brief"),
        CampaignStatus.PRODUCTION: QCoreApplication.translate("Labels", "Production"),
        CampaignStatus.BAT: QCoreApplication.translate("Labels", "BAT"),
        CampaignStatus.APPROVED: QCoreApplication.translate("Labels", "Approved"),
        CampaignStatus.SCHEDULED: QCoreApplication.translate("Labels", "Scheduled"),
        CampaignStatus.SENT: QCoreApplication.translate("Labels", "Sent"),
        CampaignStatus.ANALYSED: QCoreApplication.translate("Labels", "Analysed"),
        CampaignStatus.CLOSED: QCoreApplication.translate("Labels", "Closed"),
    }[status]


def type_label(kind: CampaignType) -> str:
    return {
        CampaignType.NEWSLETTER: QCoreApplication.translate("Labels", "Newsletter"),
        CampaignType.PROMO: QCoreApplication.translate("Labels", "Promotion"),
        CampaignType.RELANCE: QCoreApplication.translate("Labels", "Relance"),
        CampaignType.ERRATUM: QCoreApplication.translate("Labels", "Erratum"),
        CampaignType.AUTOMATION: QCoreApplication.translate("Labels", "Automation"),
    }[kind]


def channel_label(channel: Channel) -> str:
    return {
        Channel.EMAIL: QCoreApplication.translate("Labels", "Email"),
        Channel.SMS: QCoreApplication.translate("Labels", "SMS"),
        Channel.PUSH: QCoreApplication.translate("Labels", "Push"),
    }[channel]


def deadline_label(kind: DeadlineKind) -> str:
    return {
        DeadlineKind.BRIEF: QCoreApplication.translate("Labels", "Brief due"),
        DeadlineKind.BAT: QCoreApplication.translate("Labels", "BAT due"),
        DeadlineKind.SEND: QCoreApplication.translate("Labels", "Send"),
        DeadlineKind.ANALYSIS: QCoreApplication.translate("Labels", "D+5 analysis"),
    }[kind]


def severity_label(severity: Severity) -> str:
    """The heading of the findings of one severity (checklist and BAT windows); its
    translation context stays "ChecklistLabels", where it was first written."""
    return {
        Severity.ERROR: QCoreApplication.translate("ChecklistLabels", "Errors"),
        Severity.WARNING: QCoreApplication.translate("ChecklistLabels", "Warnings"),
        Severity.INFO: QCoreApplication.translate("ChecklistLabels", "Information"),
    }[severity]


def role_label(role: ChecklistRole) -> str:
    """A team of the RACI chart (marketing, CRM, data, client): a checklist item's role, a
    contact's team. The context stays the checklist's, where the words were first translated."""
    return {
        ChecklistRole.MARKETING: QCoreApplication.translate("ChecklistLabels", "Marketing"),
        ChecklistRole.CRM: QCoreApplication.translate("ChecklistLabels", "CRM"),
        ChecklistRole.DATA: QCoreApplication.translate("ChecklistLabels", "Data"),
        ChecklistRole.CLIENT: QCoreApplication.translate("ChecklistLabels", "Client"),
    }[role]


def problem_text(problem: FieldProblem) -> str:
    """The user's language where the code is known, the core's English sentence otherwise."""
    known = {
        "name_empty": QCoreApplication.translate("Labels", "The campaign needs a name."),
        "name_too_long": QCoreApplication.translate(
            "Labels", "The name is longer than 200 characters."
        ),
        "client_missing": QCoreApplication.translate(
            "Labels", "Choose the client of the campaign."
        ),
        "timezone_unknown": QCoreApplication.translate("Labels", "This time zone is unknown."),
        "time_skipped": QCoreApplication.translate(
            "Labels",
            "This time does not exist on that day in this time zone (the clocks jump forward).",
        ),
        "volume_negative": QCoreApplication.translate("Labels", "The volume cannot be negative."),
        "segment_foreign": QCoreApplication.translate(
            "Labels", "A segment belongs to another client."
        ),
        "parent_invalid": QCoreApplication.translate("Labels", "Choose another parent campaign."),
        "parent_foreign": QCoreApplication.translate(
            "Labels", "The parent campaign belongs to another client."
        ),
        "follow_up_before_parent": QCoreApplication.translate(
            "Labels", "A relance or erratum must be sent after the campaign it follows."
        ),
        "parent_after_follow_up": QCoreApplication.translate(
            "Labels", "This campaign has a relance or an erratum: it must be sent before it."
        ),
        "end_before_start": QCoreApplication.translate("Labels", "The end is before the start."),
    }
    return known.get(problem.code, problem.message)


def secret_store_text(error: SecretStoreUnavailable) -> str:
    """The keyring's refusal in the user's language; the core's English message otherwise.
    (The context stays "AccountsDialog", where these sentences were first translated.)"""
    known = {
        "no_backend": QCoreApplication.translate(
            "AccountsDialog",
            "This computer has no keyring to keep the password, so nothing was saved. On Linux, "
            "run GNOME Keyring or KWallet and install the Python package secretstorage, or "
            "install keyrings.alt; macOS and Windows have one built in.",
        ),
        "locked": QCoreApplication.translate(
            "AccountsDialog", "The system keyring is locked: unlock it and try again."
        ),
    }
    return known.get(error.code, error.message)


def error_text(error: CrmdeskError) -> str:
    """The sentence for an error the user can act on, in their language, with the file named."""
    from crmdesk.core.concurrency import StaleEdit  # the ORM is loaded once an error is shown

    if isinstance(error, StaleEdit):
        from crmdesk.ui.kit.conflict import refused_text

        return refused_text(error)
    if isinstance(error, ValidationError):
        return "\n".join(problem_text(p) for p in error.problems)
    if isinstance(error, ImportRefused):
        return f"{import_refused_text(error.code)}\n{error.source}"
    if isinstance(error, ReportFailed):
        return report_failed_text(error)
    if isinstance(error, WorkspaceError):
        known = (
            (
                RestoreLocked,
                QCoreApplication.translate(
                    "Labels",
                    "This workspace is open in another crmdesk: close it there before restoring a "
                    "backup. Nothing was changed.",
                ),
            ),
            (
                BackupNotAWorkspace,
                QCoreApplication.translate(
                    "Labels",
                    "This backup is not a crmdesk workspace: nothing was restored and the "
                    "workspace is as it was.",
                ),
            ),
            (
                BackupDamaged,
                QCoreApplication.translate(
                    "Labels",
                    "This backup is damaged (its integrity check failed): nothing was restored "
                    "and the workspace is as it was. Choose an older backup.",
                ),
            ),
            (
                BackupTooNew,
                QCoreApplication.translate(
                    "Labels",
                    "This backup was written by a newer crmdesk: update crmdesk to restore it. "
                    "Nothing was changed.",
                ),
            ),
            (
                WorkspaceLocked,
                QCoreApplication.translate(
                    "Labels",
                    "This workspace is already open in another crmdesk. "
                    "Close it there first; nothing was written here.",
                ),
            ),
            (
                WorkspaceBusy,
                QCoreApplication.translate(
                    "Labels",
                    "The workspace is busy: another program is writing to it. Nothing was saved.",
                ),
            ),
            (
                WorkspaceReadOnly,
                QCoreApplication.translate(
                    "Labels", "This workspace cannot be written (read-only file or folder)."
                ),
            ),
            (
                ForeignFile,
                QCoreApplication.translate(
                    "Labels",
                    "This file is not a crmdesk workspace (another program's database?). "
                    "It was left untouched.",
                ),
            ),
            (
                NotAWorkspace,
                QCoreApplication.translate(
                    "Labels", "This file is not a crmdesk workspace (not a SQLite database)."
                ),
            ),
            (
                BadLockFile,
                QCoreApplication.translate(
                    "Labels",
                    "The lock file beside this workspace is not a plain file (a folder or a "
                    "link): remove it and try again. Nothing was written.",
                ),
            ),
            (
                DiskFull,
                QCoreApplication.translate(
                    "Labels",
                    "The disk is full: nothing was saved and the workspace is as it was. "
                    "Free some space and try again.",
                ),
            ),
            (
                DiskIOError,
                QCoreApplication.translate(
                    "Labels",
                    "The disk could not be read or written (input/output error): nothing was "
                    "saved. Check the disk or the network drive.",
                ),
            ),
            (
                BackupFailed,
                QCoreApplication.translate(
                    "Labels",
                    "The copy taken before upgrading this workspace could not be written: the "
                    "workspace was not upgraded and is as it was.",
                ),
            ),
            (
                WorkspaceDamaged,
                QCoreApplication.translate(
                    "Labels",
                    "This workspace is damaged (SQLite cannot read it). Restore it from a "
                    "backup; nothing was written.",
                ),
            ),
            (
                WorkspaceTooNew,
                QCoreApplication.translate(
                    "Labels",
                    "This workspace was written by a newer crmdesk. Update crmdesk to open it; "
                    "the file was left untouched.",
                ),
            ),
        )
        for kind, sentence in known:
            if isinstance(error, kind):
                return f"{sentence}\n{error.path}"
    return error.message


def import_refused_text(code: str) -> str:
    texts = {
        "missing": QCoreApplication.translate("Labels", "This file does not exist any more."),
        "unsupported": QCoreApplication.translate(
            "Labels", "This kind of file cannot be imported: use .txt, .md, .eml or .docx."
        ),
        "binary": QCoreApplication.translate(
            "Labels", "This file is not text (it looks like a program or an image)."
        ),
        "empty": QCoreApplication.translate("Labels", "This file is empty: nothing to import."),
        "not_email": QCoreApplication.translate(
            "Labels", "This file is not an email, though it is named .eml."
        ),
        "mime_too_deep": QCoreApplication.translate(
            "Labels", "This email's parts are nested far deeper than a real email's."
        ),
        "mime_too_many_parts": QCoreApplication.translate(
            "Labels", "This email has far more parts than a real email."
        ),
        "too_large": QCoreApplication.translate(
            "Labels", "This is too long for a brief (more than 200,000 characters or 10 MB)."
        ),
        "docx_unreadable": QCoreApplication.translate(
            "Labels", "This Word document is damaged or is not really a .docx file."
        ),
        "docx_protected": QCoreApplication.translate(
            "Labels",
            "This Word document is protected by a password: save an unprotected copy and "
            "import that.",
        ),
        "eml_empty": QCoreApplication.translate("Labels", "This mail has no text to import."),
        "unreadable": QCoreApplication.translate("Labels", "This file could not be read."),
    }
    return (
        texts.get(code, texts["unreadable"])
        + " "
        + QCoreApplication.translate("Labels", "The brief was not changed.")
    )


def report_failed_text(error: ReportFailed) -> str:
    """Why a report was not made or not saved, then where: the file (and line) to look at,
    and for a template the engine's own words, which quote the faulty part."""
    user_template = QCoreApplication.translate(
        "Labels", "Mend it, or clear your templates folder in the report settings."
    )
    sentences = {
        "unwritable": QCoreApplication.translate(
            "Labels",
            "The PDF could not be written there (a folder that is missing or read-only, a full "
            "disk, or a folder's name given as the file's). Nothing was written: choose another "
            "place.",
        ),
        "template_syntax": QCoreApplication.translate(
            "Labels", "A report template has a syntax error."
        )
        + " "
        + user_template,
        "template_error": QCoreApplication.translate(
            "Labels", "A report template failed while the report was made."
        )
        + " "
        + user_template,
        "template_missing": QCoreApplication.translate(
            "Labels", "A report template is missing: reinstall crmdesk, or check your templates."
        ),
        "print_failed": QCoreApplication.translate(
            "Labels", "Chromium could not print the report."
        ),
    }
    sentence = sentences.get(error.code)
    if sentence is None:
        return error.message
    lines = [sentence]
    if error.path is not None:
        where = str(error.path)
        if error.line:
            where = (
                QCoreApplication.translate("Labels", "%1, line %2")
                .replace("%1", where)
                .replace("%2", str(error.line))
            )
        lines.append(where)
    if error.code in ("template_syntax", "template_error", "print_failed"):
        lines.append(error.message.split("\n", 1)[0])  # the engine's words, in English
    return "\n".join(lines)


def capitalised(text: str) -> str:
    """First letter up, the rest as the locale wrote it (``str.capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]


def long_date(day: QDate) -> str:
    return QLocale().toString(day, QLocale.FormatType.LongFormat)
