"""Errors a user can act on, as opposed to bugs.

Each carries a sentence for the user saying what went wrong and where; the CLI prints it and
exits 2, the UI shows it in a dialog. Anything else that escapes is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crmdesk.core.printable import printable


class CrmdeskError(Exception):
    """Base of the errors whose message is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkspaceError(CrmdeskError):
    """The workspace file cannot be used: it is named in the message."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{message}\n{path}")
        self.path = path


class NotAWorkspace(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, "This file is not a crmdesk workspace (not a SQLite database).")


class WorkspaceTooNew(WorkspaceError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            path,
            f"This workspace was written by a newer crmdesk (schema {revision}). "
            "Update crmdesk to open it; the file was left untouched.",
        )
        self.revision = revision


class WorkspaceReadOnly(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, "This workspace cannot be written (read-only file or folder).")


class WorkspaceLocked(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "This workspace is already open in another crmdesk. "
            "Close it there first; nothing was written here.",
        )


class WorkspaceBusy(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path, "The workspace is busy: another program is writing to it. Nothing was saved."
        )


class WorkspaceDamaged(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "This workspace is damaged (SQLite cannot read it). Restore it from a backup; "
            "nothing was written.",
        )


class MigrationFailed(WorkspaceError):
    """An upgrade failed inside its transaction: the file is as it was before."""

    def __init__(
        self,
        path: Path,
        from_revision: str | None,
        to_revision: str,
        backup: Path | None,
        cause: BaseException,
    ) -> None:
        saved = f" A copy taken before the attempt is at {backup}." if backup else ""
        super().__init__(
            path,
            f"The workspace could not be upgraded from schema {from_revision} to {to_revision} "
            f"({cause}). It was left as it was.{saved}",
        )
        self.backup = backup


class WorkspaceMissing(WorkspaceError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, "No workspace at this path.")


@dataclass(frozen=True)
class FieldProblem:
    """One invalid field: ``code`` picks the UI's translated sentence; ``message`` is English."""

    field: str
    code: str
    message: str


class ValidationError(CrmdeskError):
    """Input that breaks a rule; nothing was written."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems


class NotFound(CrmdeskError):
    """A campaign, client or segment named by the user does not exist."""


class InUse(CrmdeskError):
    """A client or segment that campaigns still name cannot be deleted: it can be archived.

    ``code`` picks the UI's sentence ("client_in_use", "segment_in_use"); ``count`` says how
    many campaigns hold it."""

    def __init__(self, code: str, count: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.count = count


class ImportRefused(CrmdeskError):
    """A file or paste that cannot go into a brief; the brief was left unchanged.

    ``code`` picks the UI's translated sentence ("missing", "unsupported", "binary",
    "too_large", "docx_unreadable", "docx_protected", "eml_empty", "unreadable");
    ``message`` is English and names the file.
    """

    def __init__(self, code: str, source: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.source = source


class UnusableEmail(CrmdeskError):
    """An email file the check engine cannot read at all; ``crmdesk check`` exits 2 on it.

    ``code`` picks the UI's translated sentence ("missing", "unreadable", "binary",
    "too_large", "no_html", "unsupported"); ``message`` is English and names the file.
    """

    def __init__(self, code: str, path: str, message: str) -> None:
        super().__init__(f"{printable(path, 160)}: {message}")
        self.code = code
        self.path = path


class StatsRefused(CrmdeskError):
    """A stats file or typed figures that cannot be taken; nothing was written.

    ``code`` picks the UI's translated sentence; ``details`` fills it ("line", "column",
    "value", "columns", "size"…). ``message`` is English and names the file, line and column.
    Codes: "missing", "unreadable", "too_large", "empty", "unknown_layout", "missing_columns",
    "not_a_number", "negative", "inconsistent", "bad_date", "bad_event", "no_matching_row",
    "malformed", "cancelled", "mismatch" (the file does not look like this campaign's: see
    ``ImportMismatch``).
    """

    def __init__(self, code: str, source: str, message: str, **details: str | int) -> None:
        # The file's name is user data: quoted printable, so a name cannot drive a terminal.
        super().__init__(f"{printable(source, 160)}: {message}" if source else message)
        self.code = code
        self.source = source
        self.details = details


class ReportFailed(CrmdeskError):
    """A report could not be made: a template the user wrote is wrong, or the PDF cannot be
    written where asked. ``code`` picks the UI's sentence; ``path`` and ``line`` say where."""

    def __init__(self, code: str, message: str, path: Path | None = None, line: int | None = None):
        where = f"{path}" + (f", line {line}" if line else "") if path else ""
        super().__init__(f"{message}\n{where}" if where else message)
        self.code = code
        self.path = path
        self.line = line


# --- Workspace files that are not what they seem, and disks that fail (issue 18) ---------------


class ForeignFile(NotAWorkspace):
    """A file crmdesk did not write (``what`` says what it is): refused before any byte is
    written, so another program's database is never switched to WAL, backed up or migrated."""

    def __init__(self, path: Path, what: str) -> None:
        WorkspaceError.__init__(
            self, path, f"This file is not a crmdesk workspace ({what}); it was left untouched."
        )
        self.what = what


class BadLockFile(WorkspaceError):
    """The lock file beside the workspace is a folder, a link or another odd thing: crmdesk
    will not follow it nor write through it, since that could write somewhere else."""

    def __init__(self, path: Path, lock: Path, what: str) -> None:
        super().__init__(
            path,
            f"The lock file beside this workspace ({lock.name}) is {what}, not a plain file; "
            "remove it and try again. Nothing was written.",
        )
        self.lock = lock


class DiskFull(WorkspaceError):
    """SQLite's SQLITE_FULL or the system's ENOSPC: the workspace is healthy, the disk is not."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "The disk holding this workspace is full: nothing was saved and the workspace was "
            "left as it was. Free some space and try again.",
        )


class DiskIOError(WorkspaceError):
    """SQLITE_IOERR and the system's EIO: the disk failed to read or write, which says nothing
    about the file's own health, so it is not reported as damage."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "The disk holding this workspace could not be read or written (an input/output "
            "error: a removed drive, a lost network share or a failing disk). Nothing was saved; "
            "check the drive and try again.",
        )


class BackupFailed(WorkspaceError):
    """The copy taken before an upgrade could not be written: the upgrade did not start."""

    def __init__(self, path: Path, cause: BaseException) -> None:
        super().__init__(
            path,
            f"The copy crmdesk takes before upgrading this workspace could not be written "
            f"({cause}); the workspace was not upgraded and was left as it was.",
        )
        self.cause = cause


# -- hostile and unlucky input (crmdesk.core.limits) -------------------------------------------


class InputRefused(CrmdeskError):
    """Input a reader will not go through: empty, binary, or past a limit of
    :mod:`crmdesk.core.limits` (MIME nesting or parts, archive members, expanded size).

    ``code`` says which ("empty", "binary", "not_email", "mime_too_deep",
    "mime_too_many_parts", "too_many_members", "zip_bomb", "encrypted", "damaged",
    "too_large"); ``reason`` is an English clause such as "it is empty.". The reader that met
    it re-raises it as its own refusal (:class:`UnusableEmail`, :class:`ImportRefused`) naming
    the file; raised alone it is still a sentence, never a traceback.
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"This file cannot be read: {reason}")
        self.code = code
        self.reason = reason


# -- rotating backups and restore (issue 19, crmdesk.core.backups) -----------------------------


class BackupFolderUnwritable(WorkspaceError):
    """The backups folder cannot be created or written: ``path`` is the folder."""

    code = "folder_unwritable"

    def __init__(self, folder: Path) -> None:
        super().__init__(
            folder,
            "crmdesk cannot write in this backups folder (read-only, permission refused or "
            "not a folder): no backup was taken and the workspace was left as it was. "
            "Choose another backups folder.",
        )


class BackupDiskFull(WorkspaceError):
    """The disk filled while a backup was written: the partial copy was removed."""

    code = "disk_full"

    def __init__(self, folder: Path) -> None:
        super().__init__(
            folder,
            "The disk holding the backups folder is full: the backup was not taken, no partial "
            "file was left and the workspace was left as it was. Free some space and try again.",
        )


class BackupNotTaken(WorkspaceError):
    """Any other failure while writing a backup (an input/output error): ``cause`` says it."""

    code = "not_taken"

    def __init__(self, folder: Path, cause: BaseException) -> None:
        super().__init__(
            folder,
            f"The backup could not be written ({cause}): no partial file was left and the "
            "workspace was left as it was.",
        )
        self.cause = cause


class RestoreRefused(WorkspaceError):
    """A restore that did not start: the current workspace is exactly as it was."""

    code = "refused"


class BackupNotAWorkspace(RestoreRefused):
    code = "not_a_workspace"

    def __init__(self, backup: Path, what: str) -> None:
        super().__init__(
            backup,
            f"This file cannot be restored: it is not a crmdesk workspace ({what}). "
            "The current workspace was left untouched.",
        )
        self.what = what


class BackupDamaged(RestoreRefused):
    code = "damaged"

    def __init__(self, backup: Path, problem: str) -> None:
        super().__init__(
            backup,
            f"This backup is damaged (PRAGMA integrity_check: {problem}); choose another one. "
            "The current workspace was left untouched.",
        )
        self.problem = problem


class BackupTooNew(RestoreRefused):
    code = "too_new"

    def __init__(self, backup: Path, revision: str) -> None:
        super().__init__(
            backup,
            f"This backup was written by a newer crmdesk (schema {revision}): update crmdesk "
            "to restore it. The current workspace was left untouched.",
        )
        self.revision = revision


class RestoreLocked(RestoreRefused, WorkspaceLocked):
    code = "locked"

    def __init__(self, workspace: Path) -> None:
        WorkspaceError.__init__(
            self,
            workspace,
            "This workspace is open in another crmdesk: close it there before restoring a "
            "backup. Nothing was changed.",
        )
