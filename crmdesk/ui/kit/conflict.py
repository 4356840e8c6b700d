"""Someone else changed the row being edited (issue 22): say who, when and what, in the user's
language, and let the user choose between reapplying their changes on the row as it is now and
discarding them. Nothing the user typed is lost without that choice: closing the question (Esc)
keeps the form open as it was.

The core's ``StaleEdit`` carries the facts; the form that was refused gives its own field labels,
so the sentence names fields the way the user sees them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.printable import printable
from crmdesk.ui.kit.formats import short_date
from crmdesk.ui.kit.styles import WARNING_STYLE

if TYPE_CHECKING:  # the core's concurrency module loads SQLAlchemy: only its type here
    from crmdesk.core.concurrency import StaleEdit

#: How long a value may be in a sentence before it is cut.
VALUE_LIMIT = 60


def row_text(kind: str, name: str) -> str:
    """What the user calls the row: "the campaign “Soldes d'hiver”"."""
    shown = printable(name, 80)
    texts = {
        "campaign": QCoreApplication.translate("Conflict", "the campaign “%1”"),
        "brief": QCoreApplication.translate("Conflict", "the brief of “%1”"),
        "client": QCoreApplication.translate("Conflict", "the client “%1”"),
        "segment": QCoreApplication.translate("Conflict", "the segment “%1”"),
        "contact": QCoreApplication.translate("Conflict", "the contact “%1”"),
    }
    return texts.get(kind, QCoreApplication.translate("Conflict", "“%1”")).replace("%1", shown)


def when_text(moment: datetime) -> tuple[str, str]:
    """The local day ("7 Dec", the year too when it is not this one) and time of a stored
    UTC instant."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    locale = QLocale()
    pattern = "d MMM" if local.year == date.today().year else "d MMM yyyy"
    return locale.toString(QDate(local.year, local.month, local.day), pattern), f"{local:%H:%M}"


def value_text(value: object) -> str:
    """A field's value in a sentence: quoted, dates and times in the user's locale."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    if value is None or value == "":
        return QCoreApplication.translate("Conflict", "empty")
    if isinstance(value, date):
        shown = short_date(value)
    elif isinstance(value, time):
        shown = f"{value:%H:%M}"
    elif isinstance(value, int) and not isinstance(value, bool):
        shown = QLocale().toString(value)  # "12 000", as the form's volume shows it
    else:
        shown = printable(value, VALUE_LIMIT)
    return QCoreApplication.translate("Conflict", "“%1”").replace("%1", shown)


def _who(stale: StaleEdit) -> str:
    return (
        printable(stale.changed_by, 80)
        if stale.changed_by
        else QCoreApplication.translate("Conflict", "Someone else")
    )


def _said(stale: StaleEdit, name: str, deleted: str, changed: str, changed_on: str) -> str:
    """One of three translated sentences filled in: the row is gone ("%1": the row), or
    someone changed it ("%1": who, "%2": the row), on a day at a time when known ("%3", "%4")."""
    what = row_text(stale.kind, stale.name or name)
    if stale.gone:
        return deleted.replace("%1", what)
    if stale.changed_at is None:
        return changed.replace("%1", _who(stale)).replace("%2", what)
    day, at = when_text(stale.changed_at)
    return (
        changed_on.replace("%1", _who(stale))
        .replace("%2", what)
        .replace("%3", day)
        .replace("%4", at)
    )


def headline(stale: StaleEdit, name: str = "") -> str:
    """ "Léa changed the campaign “Soldes d'hiver” on 7 Dec at 10:42." (or that it is gone)."""
    return _said(
        stale,
        name,
        QCoreApplication.translate("Conflict", "Someone deleted %1 meanwhile."),
        QCoreApplication.translate("Conflict", "%1 changed %2 meanwhile."),
        QCoreApplication.translate("Conflict", "%1 changed %2 on %3 at %4."),
    )


def field_lines(
    stale: StaleEdit,
    labels: Mapping[str, str],
    shown: Callable[[str, object], str | None] | None = None,
) -> list[str]:
    """One line per field they changed: "Subject is now “…”." ``shown`` may word a value the
    form knows better (a client's name for its id); None falls back to ``value_text``."""
    lines = []
    for changed in stale.fields:
        label = labels.get(changed.field, changed.label)
        text = shown(changed.field, changed.value) if shown is not None else None
        lines.append(
            QCoreApplication.translate("Conflict", "%1 is now %2.")
            .replace("%1", label)
            .replace("%2", text if text is not None else value_text(changed.value))
        )
    return lines


def labels_text(fields: Iterable[str], labels: Mapping[str, str]) -> str:
    return ", ".join(labels.get(f, f.replace("_", " ").capitalize()) for f in fields)


def undo_refused_text(stale: StaleEdit, name: str = "") -> str:
    """Why an undo was not done: someone else changed (or deleted) the row since."""
    return _said(
        stale,
        name,
        QCoreApplication.translate(
            "Conflict", "Cannot undo: someone deleted %1 since. Nothing was changed."
        ),
        QCoreApplication.translate(
            "Conflict", "Cannot undo: %1 changed %2 since. Nothing was changed."
        ),
        QCoreApplication.translate(
            "Conflict", "Cannot undo: %1 changed %2 since (on %3 at %4). Nothing was changed."
        ),
    )


def refused_text(stale: StaleEdit) -> str:
    """A save refused outside a form that can ask (a drag on the calendar, a replay): who
    changed what, and that nothing was saved; what ``error_text`` says of a ``StaleEdit``."""
    lines = [headline(stale), *field_lines(stale, {})]
    return "\n".join([*lines, QCoreApplication.translate("Conflict", "Nothing was saved.")])


def reload_note() -> QLabel:
    """The amber line over a form that says what a reload after someone else's save did
    (hidden until then)."""
    note = QLabel()
    note.setWordWrap(True)
    note.setStyleSheet(WARNING_STYLE)
    note.hide()
    return note


class ConflictDialog(QDialog):
    """The question asked when a save was refused because the row moved on.

    ``reapply`` (the default button, Enter): reload the row and put the user's changes on it;
    ``discard``: show the row as the other person left it. Esc or closing chooses nothing: the
    form stays open with what the user typed. A row that was deleted offers only ``discard``.
    """

    reapply = Signal()
    discard = Signal()

    def __init__(
        self,
        stale: StaleEdit,
        labels: Mapping[str, str] | None = None,
        *,
        conflicts: Iterable[str] = (),
        name: str = "",
        shown: Callable[[str, object], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stale = stale
        labels = labels or {}
        self.conflicts = tuple(conflicts)
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)

        self.headline = QLabel(headline(stale, name))
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-weight: 600;")
        lines = field_lines(stale, labels, shown)
        self.details = QLabel("\n".join(f"• {line}" for line in lines))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(lines))
        self.both = QLabel(
            self.tr("You both changed: %1. Your version is the one kept if you reapply.").replace(
                "%1", labels_text(self.conflicts, labels)
            )
        )
        self.both.setWordWrap(True)
        self.both.setStyleSheet(WARNING_STYLE)
        self.both.setVisible(bool(self.conflicts))
        if stale.gone:
            hint = self.tr(
                "Your changes were not saved. Discard them to close the form, or press Esc to "
                "keep the form open and copy what you need."
            )
        else:
            hint = self.tr(
                "Nothing was saved. Reload and apply my changes puts what you changed on their "
                "version, for you to check and save; Discard my changes shows their version. "
                "Esc keeps the form as it is."
            )
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.reapply_button = QPushButton(self.tr("&Reload and apply my changes"))
        self.discard_button = QPushButton(self.tr("&Discard my changes"))
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.reapply_button.setVisible(not stale.gone)
        self.discard_button.setAutoDefault(False)
        self.reapply_button.setAutoDefault(not stale.gone)
        self.reapply_button.setDefault(not stale.gone)
        self.reapply_button.clicked.connect(self._reapply)
        self.discard_button.clicked.connect(self._discard)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.both)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        (self.discard_button if stale.gone else self.reapply_button).setFocus()

    def _reapply(self) -> None:
        self.accept()
        self.reapply.emit()

    def _discard(self) -> None:
        self.done(QDialog.DialogCode.Accepted)
        self.discard.emit()


def ask(
    parent: QWidget,
    stale: StaleEdit,
    labels: Mapping[str, str] | None = None,
    *,
    on_reapply: Callable[[], None],
    on_discard: Callable[[], None],
    conflicts: Iterable[str] = (),
    name: str = "",
    shown: Callable[[str, object], str | None] | None = None,
) -> ConflictDialog:
    """Open the question over ``parent`` (window-modal, non-blocking) and wire the answers
    (``kit.dialogs.weakly`` slots: the question must not hold the form, see there)."""
    dialog = ConflictDialog(
        stale, labels, conflicts=conflicts, name=name, shown=shown, parent=parent
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.reapply.connect(on_reapply)
    dialog.discard.connect(on_discard)
    dialog.open()
    return dialog
