"""The one way the UI reaches the workspace: every call is a core service in one transaction.

Writes announce what they changed through ``changed`` so each view decides whether to refresh
(the calendar, the cockpit and the undo stack never call each other). Errors a user can act on
are shown in a dialog naming what and where; anything else is a bug and propagates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from crmdesk.core.changes import Changes
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError, ValidationError

T = TypeVar("T")


class Operations(QObject):
    changed = Signal(object)  # Changes
    error = Signal(object)  # CrmdeskError raised where no caller can catch it (undo, redo)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def read(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.workspace.session() as session:
            return service(session, *args, **kwargs)

    def write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a writing service; it returns ``Changes`` or ``(value, Changes)``."""
        with self.workspace.session() as session:
            result = service(session, *args, **kwargs)
        changes = result[-1] if isinstance(result, tuple) else result
        if isinstance(changes, Changes):
            self.changed.emit(changes)
        return result


def show_error(parent: QWidget | None, error: CrmdeskError) -> None:
    """A dialog for an error the user can act on (validation errors are shown in their form)."""
    if isinstance(error, ValidationError):
        from crmdesk.ui.labels import problem_text

        text = "\n".join(problem_text(p) for p in error.problems)
    else:
        text = error.message
    QMessageBox.warning(parent, QCoreApplication.translate("Operations", "crmdesk"), text)
