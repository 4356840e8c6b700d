"""Errors a user can act on, as opposed to bugs.

Each carries a sentence for the user saying what went wrong and where; the CLI prints it and
exits 2, the UI shows it in a dialog. Anything else that escapes is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        super().__init__(f"{path}: {message}")
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
        super().__init__(f"{source}: {message}" if source else message)
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
