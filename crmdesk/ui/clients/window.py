"""The Clients window: the brands the operator works for, each with its form (colour, sender,
time zone, pressure cap, deadlines, rate…), its segments and its contacts.

Every change is a command on the main window's undo stack, and the window reloads itself
whenever a write says the clients changed, so an undo made elsewhere shows here too. The core
judges the form as the user types (one read-only transaction an edit) and the window says each
problem under its field; Save stays off while there is one.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCollator, QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients, contact_import, contacts, tabular
from crmdesk.core.clients import NAME_MAX, OFFSET_MAX, ClientInfo, ClientInput, SegmentInfo
from crmdesk.core.concurrency import StaleEdit
from crmdesk.core.contacts import ContactInfo, ContactInput
from crmdesk.core.errors import CrmdeskError, FieldProblem, InUse, ValidationError
from crmdesk.core.models import CampaignType, ChecklistRole, RaciRole
from crmdesk.core.plan import PlanProblem
from crmdesk.core.timezones import DEFAULT_TIMEZONE
from crmdesk.ui.clients.commands import (
    AddContact,
    CreateClient,
    CreateSegment,
    DeleteClient,
    DeleteContact,
    DeleteSegment,
    EditClient,
    EditContact,
    EditSegment,
    ImportContacts,
    SetClientArchived,
    SetSegmentArchived,
)
from crmdesk.ui.kit import conflict
from crmdesk.ui.kit.dialogs import ask_for_file, forget, weakly
from crmdesk.ui.kit.styles import ERROR_STYLE, MARKED_STYLE, alert_colour
from crmdesk.ui.labels import error_text, role_label, type_label
from crmdesk.ui.operations import Operations

ID_ROLE = Qt.ItemDataRole.UserRole
#: The colours a new client starts with: distinct at a glance in the calendar, readable on a
#: light and a dark palette. The first one no client wears yet is offered.
PALETTE = (
    "#2563eb",
    "#dc2626",
    "#16a34a",
    "#9333ea",
    "#ea580c",
    "#0891b2",
    "#db2777",
    "#ca8a04",
    "#4f46e5",
    "#0d9488",
    "#b45309",
    "#64748b",
)
CONFIDENCES = (0.80, 0.90, 0.95, 0.99)
_RATE = re.compile(r"\d+(?:[.,]\d+)?")
_SIZE_MAX = 2_000_000_000


# -- small pieces -----------------------------------------------------------------------------


@functools.cache
def time_zones() -> tuple[str, ...]:
    """The IANA zones offered, Europe/Paris first and then alphabetically (legacy aliases such
    as "GB" are still accepted when typed: the core knows them)."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("posix/", "right/", "SystemV/"))
    }
    names.add("UTC")
    names.discard(DEFAULT_TIMEZONE)
    return (DEFAULT_TIMEZONE, *sorted(names))


@functools.cache
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def next_colour(used: Iterable[str]) -> str:
    """The first colour of the palette no client wears yet (the least worn once all are)."""
    worn = Counter(colour.lower() for colour in used)
    return min(PALETTE, key=lambda colour: worn[colour])


def parse_rate(text: str) -> Decimal | None:
    """ "550", "550,50", "550.5 €" or "1 200" as an amount (to the cent); "" is no rate.
    Raises ``ValueError`` for anything else."""
    cleaned = "".join(text.replace("€", "").split())
    if not cleaned:
        return None
    if not _RATE.fullmatch(cleaned):
        raise ValueError(text)
    return Decimal(cleaned.replace(",", ".")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_rate(rate: Decimal | None) -> str:
    if rate is None:
        return ""
    if rate == rate.to_integral_value():
        return str(int(rate))
    return f"{rate:.2f}".replace(".", QLocale().decimalPoint())


def swatch(colour: str | None, size: int = 14) -> QPixmap:
    """A round chip of the client's colour; a dashed ring when the colour is not one."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if colour:
        painter.setPen(QColor("#9ca3af"))
        painter.setBrush(QColor(colour))
    else:
        pen = QPen(QColor("#9ca3af"))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


def raci_label(role: RaciRole) -> str:
    return {
        RaciRole.RESPONSIBLE: QCoreApplication.translate("ClientsWindow", "Responsible"),
        RaciRole.ACCOUNTABLE: QCoreApplication.translate("ClientsWindow", "Accountable"),
        RaciRole.CONSULTED: QCoreApplication.translate("ClientsWindow", "Consulted"),
        RaciRole.INFORMED: QCoreApplication.translate("ClientsWindow", "Informed"),
    }[role]


def percent_text(confidence: float) -> str:
    percent = confidence * 100
    number = (
        QLocale().toString(round(percent))
        if abs(percent - round(percent)) < 1e-9
        else QLocale().toString(percent, "f", 1)
    )
    return QCoreApplication.translate("ClientsWindow", "%1%").replace("%1", number)


def client_problem_text(problem: FieldProblem, data: ClientInput) -> str:
    """The sentence for a problem of the client form, in the user's language."""
    name = " ".join(data.name.split())
    known = {
        "name_empty": QCoreApplication.translate("ClientsWindow", "The client needs a name."),
        "name_too_long": QCoreApplication.translate(
            "ClientsWindow", "The name is longer than 120 characters."
        ),
        "name_taken": QCoreApplication.translate(
            "ClientsWindow", "A client named “%1” already exists."
        ).replace("%1", name),
        "colour_invalid": QCoreApplication.translate(
            "ClientsWindow", "“%1” is not a colour: type #rrggbb or choose one."
        ).replace("%1", data.colour.strip()),
        "timezone_unknown": QCoreApplication.translate(
            "ClientsWindow", "This is not a time zone: choose one in the list (e.g. Europe/Paris)."
        ),
        "email_invalid": QCoreApplication.translate(
            "ClientsWindow", "“%1” is not an email address."
        ).replace("%1", data.sender_address.strip()),
        "cap_too_small": QCoreApplication.translate(
            "ClientsWindow", "The pressure cap is at least 1 send a week."
        ),
        "offset_invalid": QCoreApplication.translate(
            "ClientsWindow", "A deadline is 0 to 365 days from the send."
        ),
        "rate_invalid": QCoreApplication.translate(
            "ClientsWindow", "The daily rate is an amount, e.g. 550 or 550,50 (empty: none)."
        ),
        "confidence_invalid": QCoreApplication.translate(
            "ClientsWindow", "The A/B confidence is between 50 % and 100 % (95 % usually)."
        ),
        "path_invalid": QCoreApplication.translate("ClientsWindow", "The logo path is not valid."),
        "too_long": QCoreApplication.translate(
            "ClientsWindow", "This is longer than 500 characters."
        ),
    }
    return known.get(problem.code, problem.message)


def segment_problem_text(problem: FieldProblem, name: str) -> str:
    known = {
        "name_empty": QCoreApplication.translate("ClientsWindow", "The segment needs a name."),
        "name_too_long": QCoreApplication.translate(
            "ClientsWindow", "The name is longer than 120 characters."
        ),
        "name_taken": QCoreApplication.translate(
            "ClientsWindow", "This client already has a segment named “%1”."
        ).replace("%1", " ".join(name.split())),
        "size_negative": QCoreApplication.translate(
            "ClientsWindow", "The size cannot be negative."
        ),
    }
    return known.get(problem.code, problem.message)


def contact_problem_text(problem: FieldProblem, data: ContactInput) -> str:
    known = {
        "name_empty": QCoreApplication.translate("ClientsWindow", "The contact needs a name."),
        "name_too_long": QCoreApplication.translate(
            "ClientsWindow", "The name is longer than 120 characters."
        ),
        "email_invalid": QCoreApplication.translate(
            "ClientsWindow", "“%1” is not an email address."
        ).replace("%1", data.email.strip()),
        "email_needed": QCoreApplication.translate(
            "ClientsWindow", "A contact who receives BATs or recaps needs an email address."
        ),
    }
    return known.get(problem.code, problem.message)


class _UndoReachesTheStack(QObject):
    """Ctrl+Z in a field with nothing of its own to undo goes to the window's undo action, so
    the last saved change is undone wherever the focus is (the same for redo)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        edit = watched if isinstance(watched, QLineEdit) else watched.findChild(QLineEdit)
        if not isinstance(edit, QLineEdit):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo) and not edit.isUndoAvailable()
        ctrl_y = (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        )
        redo = (
            event.matches(QKeySequence.StandardKey.Redo) or ctrl_y
        ) and not edit.isRedoAvailable()
        if undo or redo:
            event.ignore()
            return True
        return False


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(f"color: {alert_colour()};")
    label.setWordWrap(True)
    label.hide()
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _row(*widgets: QWidget, stretch: bool = False) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return box


class _Fields:
    """The editors of a form with the error label under each, by the core's field name."""

    def __init__(self) -> None:
        self.errors: dict[str, tuple[QWidget, QLabel]] = {}
        #: The label of each field as the form shows it, to name it in a sentence.
        self.labels: dict[str, str] = {}
        self._marked: set[str] = set()

    def add(
        self,
        form: QFormLayout,
        text: str,
        key: str,
        editor: QWidget,
        *extras: QWidget,
        stretch: bool = False,
    ) -> QLabel:
        """A row of ``form``: the label, the editor (and what goes beside it), the error."""
        label = QLabel(text)
        label.setBuddy(editor)
        # Room for a last glyph drawn wider than its advance ("journalier" loses its "r").
        label.setMinimumWidth(label.sizeHint().width() + 4)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(_row(editor, *extras, stretch=stretch) if extras or stretch else editor)
        error = _error_label()
        column.addWidget(error)
        self.errors[key] = (editor, error)
        self.labels[key] = text.replace("&", "")
        form.addRow(label, box)
        return error

    def show(self, texts: dict[str, list[str]]) -> None:
        for key, (editor, label) in self.errors.items():
            found = texts.get(key, [])
            if found:
                label.setText("\n".join(found))
                label.show()
                if key not in self._marked:
                    editor.setStyleSheet(ERROR_STYLE)
                    self._marked.add(key)
            else:
                label.hide()
                if key in self._marked:
                    editor.setStyleSheet("")
                    self._marked.discard(key)

    def text(self, key: str) -> str:
        label = self.errors[key][1]
        return label.text() if not label.isHidden() else ""


# -- the segments and contacts tabs -----------------------------------------------------------


class _Panel(QWidget):
    """A table of the client's rows beside a small form for the selected one, or a new one."""

    def __init__(self, owner: ClientsWindow, columns: int) -> None:
        super().__init__()
        self.owner = owner
        self.ops = owner.ops
        self.client_id: int | None = None
        self.item_id: int | None = None  # the row in the form; None: a new one
        self.rows: dict[int, Any] = {}
        self.has_problems = False
        self.fields = _Fields()
        self._filling = False
        self._touched = False
        self._baseline: tuple[Any, ...] = ()

        self.table = QTableWidget(0, columns)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.itemSelectionChanged.connect(self._selected)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.new_button = QPushButton()
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda: self.start_new(focus=True))
        self.save_button = QPushButton()
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(QCoreApplication.translate("ClientsWindow", "Delete"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(self.new_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.delete_button)

        self.side = QVBoxLayout()
        self.side.addLayout(self.form)
        self.side.addLayout(self.buttons)
        self.side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addLayout(self.side, 1)

    # -- to be told by each kind of row

    def read_rows(self, client_id: int) -> list[Any]:
        raise NotImplementedError

    def show_row(self, row: int, info: Any) -> None:
        raise NotImplementedError

    def fill(self, info: Any | None) -> None:
        raise NotImplementedError

    def state(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def check(self) -> dict[str, list[str]]:
        """The problems of the form, as sentences by field (empty: it can be saved)."""
        raise NotImplementedError

    def build_command(self) -> QUndoCommand:
        raise NotImplementedError

    def saved_text(self, added: bool) -> str:
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError

    def update_texts(self) -> None:
        """The buttons' words for a new row or the selected one."""

    # -- shared behaviour

    def show_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.item_id = None
        self.reload()
        self.start_new(focus=False)

    def reload(self) -> None:
        found = self.read_rows(self.client_id) if self.client_id is not None else []
        self.rows = {info.id: info for info in found}
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for info in found:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.show_row(row, info)
            self.table.item(row, 0).setData(ID_ROLE, info.id)
        self.table.blockSignals(False)
        if self.item_id is not None and self.item_id not in self.rows:
            self.start_new(focus=False)  # deleted elsewhere (an undo)
            return
        self._select(self.item_id)
        if self.item_id is not None and not self.dirty():
            self._fill(self.rows[self.item_id])
        self.update_buttons()

    def count(self) -> int:
        return len(self.rows)

    def _select(self, item_id: int | None) -> None:
        self.table.blockSignals(True)
        self.table.clearSelection()
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == item_id:
                self.table.selectRow(row)
        self.table.blockSignals(False)

    def _selected(self) -> None:
        selected = self.table.selectedItems()
        if not selected:
            return
        item_id = int(self.table.item(selected[0].row(), 0).data(ID_ROLE))
        self.item_id = item_id
        self._fill(self.rows[item_id])

    def start_new(self, *, focus: bool) -> None:
        self.item_id = None
        self._select(None)
        self._fill(None)
        if focus:
            self.first_field().setFocus()

    def first_field(self) -> QWidget:
        raise NotImplementedError

    def _fill(self, info: Any | None) -> None:
        self._filling = True
        self.fill(info)
        self._filling = False
        self._baseline = self.state()
        self._touched = False
        self.validate()

    def edited(self) -> None:
        if self._filling:
            return
        self._touched = True
        self.validate()

    def dirty(self) -> bool:
        return self.state() != self._baseline

    def validate(self) -> None:
        texts = self.check() if self.client_id is not None else {}
        self.has_problems = any(texts.values())
        shown = self.item_id is not None or self._touched
        self.fields.show(texts if shown else {})
        self.update_buttons()

    def update_buttons(self) -> None:
        have_client = self.client_id is not None
        can_save = have_client and not self.has_problems
        if self.item_id is not None:
            can_save = can_save and self.dirty()
        self.save_button.setEnabled(can_save)
        self.new_button.setEnabled(have_client)
        self.delete_button.setEnabled(self.item_id is not None)
        self.update_texts()

    def save(self) -> bool:
        if not self.save_button.isEnabled():
            return False
        added = self.item_id is None
        command = self.owner.run(self.build_command)
        if command is None:
            self._touched = True
            self.validate()
            return False
        self.owner.say(self.saved_text(added))
        if added:
            self.start_new(focus=True)
        elif self.item_id in self.rows:
            self._fill(self.rows[self.item_id])
        return True

    def key_saves(self, *editors: QLineEdit) -> None:
        for editor in editors:
            editor.returnPressed.connect(self.save)


class SegmentsPanel(_Panel):
    """The client's segments: name and estimated size; archived ones greyed, kept listed so
    they can be restored."""

    def __init__(self, owner: ClientsWindow) -> None:
        super().__init__(owner, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Estimated size")])
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Segments"))

        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. Active subscribers"))
        self.size = QSpinBox()
        self.size.setRange(0, _SIZE_MAX)
        self.size.setGroupSeparatorShown(True)
        self.size.setAccelerated(True)
        self.size.setToolTip(self.tr("How many people the segment holds, as the ESP counts them"))
        self.name_error = self.fields.add(self.form, self.tr("Name"), "name", self.name)
        self.fields.add(
            self.form, self.tr("Estimated size"), "estimated_size", self.size, stretch=True
        )
        self.name.textChanged.connect(self.edited)
        self.size.valueChanged.connect(self.edited)
        self.key_saves(self.name)
        size_edit = self.size.findChild(QLineEdit)
        assert isinstance(size_edit, QLineEdit)
        size_edit.returnPressed.connect(self.save)

        self.new_button.setText(self.tr("New segment"))
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.setAutoDefault(False)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.buttons.insertWidget(self.buttons.count() - 1, self.archive_button)

    def first_field(self) -> QWidget:
        return self.name

    def read_rows(self, client_id: int) -> list[SegmentInfo]:
        found: list[SegmentInfo] = self.ops.read(
            clients.list_segments, client_id, include_archived=True
        )
        return found

    def show_row(self, row: int, info: SegmentInfo) -> None:
        name = QTableWidgetItem(
            self.tr("%1 (archived)").replace("%1", info.name) if info.archived else info.name
        )
        size = QTableWidgetItem(QLocale().toString(info.estimated_size))
        size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if info.archived:
            dim = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            for item in (name, size):
                item.setForeground(dim)
                item.setToolTip(
                    self.tr("Archived: no longer offered to new campaigns; restore it to use it.")
                )
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, size)

    def fill(self, info: SegmentInfo | None) -> None:
        self.name.setText(info.name if info else "")
        self.size.setValue(info.estimated_size if info else 0)

    def state(self) -> tuple[Any, ...]:
        return (self.name.text(), self.size.value())

    def check(self) -> dict[str, list[str]]:
        assert self.client_id is not None
        try:
            # The core's own rule (names unique per client, in any case): read-only.
            self.ops.read(
                clients.validate_segment,
                self.client_id,
                self.name.text(),
                self.size.value(),
                self.item_id,
            )
        except ValidationError as error:
            texts: dict[str, list[str]] = {}
            for problem in error.problems:
                texts.setdefault(problem.field, []).append(
                    segment_problem_text(problem, self.name.text())
                )
            return texts
        return {}

    def build_command(self) -> QUndoCommand:
        assert self.client_id is not None
        if self.item_id is None:
            return CreateSegment(self.ops, self.client_id, self.name.text(), self.size.value())
        return EditSegment(self.ops, self.item_id, self.name.text(), self.size.value())

    def saved_text(self, added: bool) -> str:
        name = " ".join(self.name.text().split())
        if added:
            return self.tr("Segment “%1” added — Ctrl+Z to undo.").replace("%1", name)
        return self.tr("Segment “%1” saved — Ctrl+Z to undo.").replace("%1", name)

    def update_texts(self) -> None:
        self.save_button.setText(
            self.tr("Add segment") if self.item_id is None else self.tr("Save segment")
        )
        info = self.rows.get(self.item_id) if self.item_id is not None else None
        self.archive_button.setEnabled(info is not None)
        self.archive_button.setText(
            self.tr("Restore") if info is not None and info.archived else self.tr("Archive")
        )

    def toggle_archived(self) -> None:
        if self.item_id is None:
            return
        info: SegmentInfo = self.rows[self.item_id]
        archive = not info.archived
        if self.owner.run(lambda: SetSegmentArchived(self.ops, info.id, info.name, archive)):
            text = (
                self.tr("Segment “%1” archived — Ctrl+Z to undo.")
                if archive
                else self.tr("Segment “%1” restored — Ctrl+Z to undo.")
            )
            self.owner.say(text.replace("%1", info.name))

    def delete(self) -> None:
        if self.item_id is None:
            return
        info: SegmentInfo = self.rows[self.item_id]
        try:
            command = DeleteSegment(self.ops, info.id)
        except InUse as error:
            self._offer_archive(info, error.count)
            return
        except CrmdeskError as error:
            self.owner.say(error_text(error), error=True)
            return
        self.owner.undo_stack.push(command)
        self.owner.say(self.tr("Segment “%1” deleted — Ctrl+Z to undo.").replace("%1", info.name))

    def _offer_archive(self, info: SegmentInfo, count: int) -> None:
        if count == 1:
            held = self.tr("The segment “%1” is targeted by 1 campaign.")
        else:
            held = self.tr("The segment “%1” is targeted by %2 campaigns.").replace(
                "%2", QLocale().toString(count)
            )
        held = held.replace("%1", info.name)
        if info.archived:
            self.owner.ask(
                held + " " + self.tr("It cannot be deleted; it stays archived."),
                None,
                lambda: None,
            )
            return
        self.owner.ask(
            held
            + " "
            + self.tr(
                "Archive it instead? It is no longer offered to new campaigns and stays in the "
                "history and reports."
            ),
            self.tr("Archive"),
            lambda: self._archive(info),
        )

    def _archive(self, info: SegmentInfo) -> None:
        if info.id in self.rows and not self.rows[info.id].archived:
            self.item_id = info.id
            self.toggle_archived()


def list_problem_text(problem: PlanProblem) -> str:
    sentence = {
        "missing_value": QCoreApplication.translate("ContactsPanel", "the contact has no name"),
        "bad_email": QCoreApplication.translate("ContactsPanel", "this is not an email address"),
        "unknown_team": QCoreApplication.translate(
            "ContactsPanel", "unknown team (marketing, CRM, data or client)"
        ),
        "unknown_raci": QCoreApplication.translate(
            "ContactsPanel", "unknown RACI role (R, A, C or I)"
        ),
    }.get(problem.code, problem.message)
    return (
        QCoreApplication.translate("ContactsPanel", "Line %1, column “%2”: %3")
        .replace("%1", str(problem.line))
        .replace("%2", problem.column_header)
        .replace("%3", sentence)
    )


class ContactsPanel(_Panel):
    """The client's contacts: who approves the BATs, who is consulted, who gets the recaps."""

    def __init__(self, owner: ClientsWindow) -> None:
        super().__init__(owner, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Email"),
                self.tr("Team"),
                self.tr("Role"),
                self.tr("BATs"),
                self.tr("Recaps"),
            ]
        )
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(4).setToolTip(self.tr("Receives the BATs"))
        self.table.horizontalHeaderItem(5).setToolTip(self.tr("Receives the recaps"))
        self.table.setAccessibleName(self.tr("Contacts"))

        self.name = QLineEdit()
        self.name.setMaxLength(contacts.NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. Claire Martin"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("e.g. claire.martin@client.fr"))
        self.team = QComboBox()
        for team in ChecklistRole:
            self.team.addItem(role_label(team), team.value)
        self.role = QComboBox()
        for role in (
            RaciRole.RESPONSIBLE,
            RaciRole.ACCOUNTABLE,
            RaciRole.CONSULTED,
            RaciRole.INFORMED,
        ):
            self.role.addItem(raci_label(role), role.value)
        self.role.setToolTip(
            self.tr(
                "RACI: Responsible does the work, Accountable approves, Consulted gives an "
                "opinion, Informed is kept informed"
            )
        )
        self.receives_bat = QCheckBox(self.tr("Receives BATs"))
        self.receives_recaps = QCheckBox(self.tr("Receives recaps"))
        self._flags_touched = False
        self.name_error = self.fields.add(self.form, self.tr("Name"), "name", self.name)
        self.email_error = self.fields.add(self.form, self.tr("Email"), "email", self.email)
        self.form.addRow(self.tr("Team"), self.team)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow("", self.receives_bat)
        self.form.addRow("", self.receives_recaps)
        self.name.textChanged.connect(self.edited)
        self.email.textChanged.connect(self.edited)
        self.team.currentIndexChanged.connect(self.edited)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.receives_bat.toggled.connect(self._flag_changed)
        self.receives_recaps.toggled.connect(self._flag_changed)
        self.key_saves(self.name, self.email)
        self.new_button.setText(self.tr("New contact"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setAutoDefault(False)
        self.import_button.setToolTip(
            self.tr("Add the contacts of a list the client sent (CSV or Excel: name, email, role)")
        )
        self.import_button.clicked.connect(self.ask_for_list)
        # On a row of its own: beside the form's buttons it would squeeze the table.
        import_row = QHBoxLayout()
        import_row.addStretch(1)
        import_row.addWidget(self.import_button)
        self.side.insertLayout(2, import_row)
        self.file_dialog: QFileDialog | None = None

    def update_buttons(self) -> None:
        super().update_buttons()
        self.import_button.setEnabled(self.client_id is not None)

    def ask_for_list(self) -> None:
        dialog = ask_for_file(
            self,
            self.tr("Import contacts"),
            self.tr("Contact lists (*.csv *.xlsx *.xls *.txt);;All files (*)"),
            self.import_list,
        )
        self.file_dialog = dialog
        dialog.finished.connect(forget(self, "file_dialog"))

    def import_list(self, path: Path) -> None:
        """Read and check the list, then add it all (one undoable step) or say what is wrong."""
        client_id = self.client_id
        if client_id is None:
            return
        try:
            table = tabular.read_table(path)
            found = self.ops.read(contact_import.preview, client_id, table)
            if found.problems:
                self.owner.say(
                    "\n".join(list_problem_text(p) for p in found.problems[:3]), error=True
                )
                return
            command = ImportContacts(self.ops, client_id, found)
        except CrmdeskError as error:
            self.owner.say(error_text(error), error=True)
            return
        self.owner.undo_stack.push(command)
        self.owner.say(
            self.tr("%n contact(s) imported", "", len(command.contact_ids))
            + " · "
            + self.tr("%n already there", "", found.unchanged)
            + " — "
            + self.tr("Ctrl+Z to undo.")
        )

    def first_field(self) -> QWidget:
        return self.name

    def read_rows(self, client_id: int) -> list[ContactInfo]:
        found: list[ContactInfo] = self.ops.read(contacts.contacts, client_id)
        return found

    def show_row(self, row: int, info: ContactInfo) -> None:
        cells = [
            info.name,
            info.email,
            role_label(info.team),
            raci_label(info.role),
            "✓" if info.receives_bat else "",
            "✓" if info.receives_recaps else "",
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column < 2:
                item.setToolTip(text)  # the columns are narrow: the whole name and address
            if column >= 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, item)

    def fill(self, info: ContactInfo | None) -> None:
        data = (
            ContactInput(
                info.name, info.email, info.team, info.role, info.receives_bat, info.receives_recaps
            )
            if info is not None
            else ContactInput("")
        )
        self.name.setText(data.name)
        self.email.setText(data.email)
        self.team.setCurrentIndex(self.team.findData(data.team.value))
        self.role.setCurrentIndex(self.role.findData(data.role.value))
        self.receives_bat.setChecked(data.receives_bat)
        self.receives_recaps.setChecked(data.receives_recaps)
        self._flags_touched = False

    def data(self) -> ContactInput:
        return ContactInput(
            self.name.text(),
            self.email.text(),
            ChecklistRole(self.team.currentData()),
            RaciRole(self.role.currentData()),
            self.receives_bat.isChecked(),
            self.receives_recaps.isChecked(),
        )

    def state(self) -> tuple[Any, ...]:
        data = self.data()
        return (
            data.name,
            data.email,
            data.team,
            data.role,
            data.receives_bat,
            data.receives_recaps,
        )

    def _role_changed(self) -> None:
        """A new contact's BAT and recap boxes follow the role until the user ticks them."""
        if not self._filling and self.item_id is None and not self._flags_touched:
            flags = contacts.default_flags(RaciRole(self.role.currentData()))
            self._filling = True
            self.receives_bat.setChecked(flags["receives_bat"])
            self.receives_recaps.setChecked(flags["receives_recaps"])
            self._filling = False
        self.edited()

    def _flag_changed(self) -> None:
        if not self._filling:
            self._flags_touched = True
        self.edited()

    def check(self) -> dict[str, list[str]]:
        data = self.data()
        try:
            contacts.validate(data)  # no workspace needed: the rules are the form's own
        except ValidationError as error:
            texts: dict[str, list[str]] = {}
            for problem in error.problems:
                texts.setdefault(problem.field, []).append(contact_problem_text(problem, data))
            return texts
        return {}

    def build_command(self) -> QUndoCommand:
        assert self.client_id is not None
        if self.item_id is None:
            return AddContact(self.ops, self.client_id, self.data())
        return EditContact(self.ops, self.item_id, self.data())

    def saved_text(self, added: bool) -> str:
        name = " ".join(self.name.text().split())
        if added:
            return self.tr("Contact “%1” added — Ctrl+Z to undo.").replace("%1", name)
        return self.tr("Contact “%1” saved — Ctrl+Z to undo.").replace("%1", name)

    def update_texts(self) -> None:
        self.save_button.setText(
            self.tr("Add contact") if self.item_id is None else self.tr("Save contact")
        )

    def delete(self) -> None:
        if self.item_id is None:
            return
        info: ContactInfo = self.rows[self.item_id]
        if self.owner.run(lambda: DeleteContact(self.ops, info.id)):
            self.owner.say(
                self.tr("Contact “%1” deleted — Ctrl+Z to undo.").replace("%1", info.name)
            )


# -- the window -------------------------------------------------------------------------------


class ClientsWindow(QWidget):
    """The clients, the form of the one selected (or a new one), its segments and contacts."""

    #: A client was created from this window (not by a redo): its id.
    client_created = Signal(int)

    def __init__(
        self,
        ops: Operations,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        select_client_id: int | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.undo_stack = undo_stack
        self.infos: dict[int, ClientInfo] = {}
        self.client_id: int | None = None  # the client in the form
        #: The client as the form loaded it, and its version: what a save expects (issue 22).
        self.loaded: tuple[ClientInput, int] | None = None
        self.mode = "empty"  # "empty": no form; "new": a client being created; "edit"
        self._filling = False
        self._touched = False
        self._baseline: tuple[Any, ...] = ()
        self.problems: list[FieldProblem] = []
        self.confirm: QMessageBox | None = None
        self.confirm_button: QAbstractButton | None = None
        self.dialog: QDialog | None = None  # a colour, file, charters… dialog left open
        self._may_close = False
        self.setWindowTitle(self.tr("Clients"))
        self.resize(1100, 680)

        self._build_list()
        self._build_form()
        self._build_actions()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 840])
        splitter.setChildrenCollapsible(False)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notice)

        undo_filter = _UndoReachesTheStack(self)
        for editor in self.findChildren(QLineEdit) + self.findChildren(QAbstractSpinBox):
            editor.installEventFilter(undo_filter)
        self.timezone.installEventFilter(undo_filter)

        ops.changed.connect(self._changed)
        self.reload(select=select_client_id)
        # The keyboard starts where the work is: the list (arrows pick a client), or the
        # button that creates the first one.
        (self.list if self.list.count() else self.new_button).setFocus()

    # -- building ----------------------------------------------------------------------------

    def _build_list(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Clients"))
        self.list.setMinimumWidth(200)
        self.list.currentItemChanged.connect(self._list_moved)
        self.show_archived = QCheckBox(self.tr("Show archi&ved"))
        self.show_archived.setToolTip(
            self.tr("Archived clients left the calendar filters and pickers; tick to see them")
        )
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.new_button = QPushButton(self.tr("New client"))
        self.new_button.setToolTip(self.tr("Create a client (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_client)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_client)
        buttons = QHBoxLayout()
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        self.list_panel = QWidget()
        column = QVBoxLayout(self.list_panel)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.new_button)
        column.addWidget(self.list, 1)
        column.addWidget(self.show_archived)
        column.addLayout(buttons)

    def _build_form(self) -> None:
        self.fields = _Fields()

        # The heading: the client's chip and name, and what else it has.
        self.heading_chip = QLabel()
        self.heading_chip.setFixedSize(18, 18)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.charters_button = QPushButton(self.tr("Charters…"))
        self.charters_button.setToolTip(
            self.tr("Tone, banned words, mandatory mentions, palette, mail clients")
        )
        self.charters_button.clicked.connect(self.open_charters)
        self.personas_button = QPushButton(self.tr("Personas…"))
        self.personas_button.setToolTip(
            self.tr("The sample readers whose values fill the BAT's personalisation tags")
        )
        self.personas_button.clicked.connect(self.open_personas)
        self.templates_button = QPushButton(self.tr("Checklist templates"))
        self.templates_button.setToolTip(self.tr("The client's checklist for each campaign type"))
        templates = QMenu(self.templates_button)
        for kind in CampaignType:
            action = templates.addAction(type_label(kind))
            action.triggered.connect(functools.partial(self.open_template, kind))
        self.templates_button.setMenu(templates)
        for button in (self.charters_button, self.personas_button, self.templates_button):
            button.setAutoDefault(False)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading_chip)
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.charters_button)
        heading_row.addWidget(self.personas_button)
        heading_row.addWidget(self.templates_button)

        # Identity and sending, on the left.
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. Maison Verlaine"))
        self.colour = QLineEdit()
        self.colour.setPlaceholderText("#rrggbb")
        self.colour.setMaxLength(40)
        self.colour.setFixedWidth(self.colour.fontMetrics().horizontalAdvance("#MMMMMMM") + 12)
        self.colour_chip = QLabel()
        self.colour_chip.setFixedSize(18, 18)
        self.colour_button = QPushButton(self.tr("Choose…"))
        self.colour_button.setAutoDefault(False)
        self.colour_button.clicked.connect(self.pick_colour)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.addItems(list(time_zones()))
        self.timezone.setMaxVisibleItems(15)
        completer = QCompleter(list(time_zones()), self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.timezone.setCompleter(completer)
        self.sender_name = QLineEdit()
        self.sender_name.setPlaceholderText(self.tr("e.g. Maison Verlaine"))
        self.sender_address = QLineEdit()
        self.sender_address.setPlaceholderText(self.tr("e.g. newsletter@maison-verlaine.fr"))
        self.utm = QLineEdit()
        self.utm.setPlaceholderText("utm_source={source}&utm_medium=email&utm_campaign={campaign}")
        self.utm.setToolTip(
            self.tr("The UTM parameters the client's links must carry; {…} stands for any value")
        )
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(self.tr("None: the recaps carry no client logo"))
        self.logo_button = QPushButton(self.tr("Browse…"))
        self.logo_button.setAutoDefault(False)
        self.logo_button.clicked.connect(self.pick_logo)

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add = self.fields.add
        add(left, self.tr("&Name"), "name", self.name)
        add(
            left,
            self.tr("C&olour"),
            "colour",
            self.colour,
            self.colour_chip,
            self.colour_button,
            stretch=True,
        )
        add(left, self.tr("&Time zone"), "timezone", self.timezone)
        add(left, self.tr("Sender na&me"), "sender_name", self.sender_name)
        add(left, self.tr("Sender a&ddress"), "sender_address", self.sender_address)
        add(left, self.tr("&UTM convention"), "utm_convention", self.utm)
        add(left, self.tr("&Logo"), "logo_path", self.logo, self.logo_button)

        # Planning and money, on the right.
        self.pressure_cap = QSpinBox()
        self.pressure_cap.setRange(1, 99)
        self.brief_offset = self._offset_spin(self.tr("D−"))
        self.bat_offset = self._offset_spin(self.tr("D−"))
        self.analysis_offset = self._offset_spin(self.tr("D+"))
        self.daily_rate = QLineEdit()
        self.daily_rate.setPlaceholderText(self.tr("none"))
        self.daily_rate.setFixedWidth(self.daily_rate.fontMetrics().horizontalAdvance("0") * 11)
        self.daily_rate.setToolTip(self.tr("Excluding tax, e.g. 550 or 550,50; empty: none"))
        self.confidence = QComboBox()
        for value in CONFIDENCES:
            self.confidence.addItem(percent_text(value), value)
        self.confidence.setToolTip(
            self.tr("How sure an A/B test must be before a variant is called the winner")
        )
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add = self.fields.add
        add(
            right,
            self.tr("Pressure &cap"),
            "pressure_cap",
            self.pressure_cap,
            _hint(self.tr("sends per week per segment")),
            stretch=True,
        )
        add(
            right,
            self.tr("&Brief due"),
            "brief_offset_days",
            self.brief_offset,
            _hint(self.tr("days before the send")),
            stretch=True,
        )
        add(
            right,
            self.tr("BAT du&e"),
            "bat_offset_days",
            self.bat_offset,
            _hint(self.tr("days before the send")),
            stretch=True,
        )
        add(
            right,
            self.tr("Anal&ysis"),
            "analysis_offset_days",
            self.analysis_offset,
            _hint(self.tr("days after the send")),
            stretch=True,
        )
        add(right, self.tr("Daily &rate"), "daily_rate", self.daily_rate, QLabel("€"), stretch=True)
        add(right, self.tr("A/B con&fidence"), "ab_confidence", self.confidence, stretch=True)
        self.other_problems = _error_label()

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        form_box = QWidget()
        form_column = QVBoxLayout(form_box)
        form_column.setContentsMargins(0, 0, 6, 0)
        form_column.addLayout(columns)
        form_column.addWidget(self.other_problems)
        form_column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(form_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the client (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip(self.tr("Put back the values last saved"))
        self.revert_button.clicked.connect(self.revert)
        self.new_hint = _hint(self.tr("Save the client to add its segments and contacts."))
        save_row = QHBoxLayout()
        save_row.addWidget(self.new_hint, 1)
        save_row.addStretch(0)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)

        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addLayout(heading_row)
        top_column.addWidget(scroll, 1)
        top_column.addLayout(save_row)

        self.segments = SegmentsPanel(self)
        self.contacts = ContactsPanel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.segments, self.tr("Segments"))
        self.tabs.addTab(self.contacts, self.tr("Contacts"))

        self.editor = QSplitter(Qt.Orientation.Vertical)
        self.editor.addWidget(top)
        self.editor.addWidget(self.tabs)
        self.editor.setChildrenCollapsible(False)
        self.editor.setStretchFactor(0, 3)
        self.editor.setStretchFactor(1, 2)
        self.editor.setSizes([300, 330])

        # No client in the form: an invitation, or a word on what to do.
        self.empty_title = QLabel()
        self.empty_title.setFont(font)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        words = QWidget()
        words.setMaximumWidth(520)
        words_column = QVBoxLayout(words)
        words_column.addStretch(1)
        words_column.addWidget(self.empty_title)
        words_column.addWidget(self.empty_text)
        words_column.addStretch(2)
        empty = QWidget()
        empty_row = QHBoxLayout(empty)
        empty_row.addStretch(1)
        empty_row.addWidget(words, 3)
        empty_row.addStretch(1)
        self.empty_page = empty

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.editor)

        for editor in (
            self.name,
            self.colour,
            self.sender_name,
            self.sender_address,
            self.utm,
            self.daily_rate,
            self.logo,
        ):
            editor.textChanged.connect(self._edited)
            editor.returnPressed.connect(self.save)
        self.colour.textChanged.connect(self._show_colour)
        self.timezone.editTextChanged.connect(self._edited)
        for spin in (self.pressure_cap, self.brief_offset, self.bat_offset, self.analysis_offset):
            spin.valueChanged.connect(self._edited)
        self.confidence.currentIndexChanged.connect(self._edited)

    def _offset_spin(self, prefix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, OFFSET_MAX)
        spin.setPrefix(prefix)
        return spin

    def _build_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.new_action = QAction(self.tr("New client"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_client)
        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self._save_where_the_focus_is)
        close = QAction(self.tr("Close"), self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.triggered.connect(self.close)
        for action in (
            self.undo_action,
            self.redo_action,
            self.new_action,
            self.save_action,
            close,
        ):
            self.addAction(action)

    # -- the list ----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the clients again, keeping the one selected (or selecting ``select``)."""
        found: list[ClientInfo] = self.ops.read(clients.list_clients, include_archived=True)
        self.infos = {info.id: info for info in found}
        wanted = select if select is not None else self.client_id
        if select is not None and select in self.infos and self.infos[select].archived:
            self.show_archived.blockSignals(True)
            self.show_archived.setChecked(True)  # asked for by name: show it where it is
            self.show_archived.blockSignals(False)
        self._fill_list()
        if select is not None and select in self._visible():
            self._show_client(select)
        elif self.mode == "new":
            self._select_in_list(None)
            self.segments.show_client(None)
            self.contacts.show_client(None)
        elif wanted is not None and wanted in self._visible():
            if wanted != self.client_id or self.mode != "edit" or not self.dirty():
                self._show_client(wanted)
            else:  # the user is typing: the form stays as it is, the rest follows
                self._select_in_list(wanted)
                self.segments.reload()
                self.contacts.reload()
                self._update_heading()
        elif self.list.count():
            self._show_client(int(self.list.item(0).data(ID_ROLE)))
        else:
            self._show_empty()
        self._update_list_buttons()
        self._update_tab_titles()

    def _visible(self) -> set[int]:
        shown = self.show_archived.isChecked()
        return {i for i, info in self.infos.items() if shown or not info.archived}

    def _fill_list(self) -> None:
        collator = QCollator(QLocale())
        collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        visible = self._visible()
        ordered = sorted(
            (info for info in self.infos.values() if info.id in visible),
            key=functools.cmp_to_key(lambda a, b: collator.compare(a.name, b.name)),
        )
        dim = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.list.blockSignals(True)
        self.list.clear()
        for info in ordered:
            item = QListWidgetItem(swatch(info.colour), info.name)
            item.setData(ID_ROLE, info.id)
            if info.archived:
                item.setText(self.tr("%1 (archived)").replace("%1", info.name))
                item.setForeground(dim)
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
                item.setToolTip(
                    self.tr(
                        "Archived: not in the calendar filters and pickers, still in the "
                        "history and reports"
                    )
                )
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _select_in_list(self, client_id: int | None) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == client_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _list_moved(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        chosen = int(current.data(ID_ROLE))
        if self.mode == "edit" and chosen == self.client_id:
            return
        if self.dirty():
            self._select_in_list(self.client_id if self.mode == "edit" else None)
            self._leave_form(lambda: self._show_client(chosen))
            return
        self._show_client(chosen)

    def _update_list_buttons(self) -> None:
        info = self.infos.get(self.client_id or -1) if self.mode == "edit" else None
        self.archive_button.setEnabled(info is not None)
        self.delete_button.setEnabled(info is not None)
        self.archive_button.setText(
            self.tr("Restore") if info is not None and info.archived else self.tr("Archive")
        )

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("Segments (%1)").replace("%1", str(self.segments.count())))
        self.tabs.setTabText(1, self.tr("Contacts (%1)").replace("%1", str(self.contacts.count())))

    def _changed(self, changes: object) -> None:
        if getattr(changes, "clients", False):
            self.reload()

    # -- showing a client --------------------------------------------------------------------

    def _show_client(self, client_id: int) -> None:
        self.mode = "edit"
        self.client_id = client_id
        self._select_in_list(client_id)
        self.stack.setCurrentWidget(self.editor)
        self._load_client(client_id)
        if self.segments.client_id != client_id:
            self.segments.show_client(client_id)
            self.contacts.show_client(client_id)
        else:
            self.segments.reload()
            self.contacts.reload()
        self.tabs.setEnabled(True)
        self.tabs.show()
        self.new_hint.hide()
        self._update_heading()
        self._update_list_buttons()
        self._update_tab_titles()

    def new_client(self) -> None:
        """Start a new client in the form (the name focused), with a colour no client wears."""
        self._leave_form(self._start_new)

    def _start_new(self) -> None:
        self.mode = "new"
        self.client_id = None
        self._select_in_list(None)
        self.stack.setCurrentWidget(self.editor)
        self._fill(ClientInput(name="", colour=next_colour(i.colour for i in self.infos.values())))
        self.segments.show_client(None)
        self.contacts.show_client(None)
        self.tabs.setEnabled(False)
        self.tabs.hide()  # nothing to list yet: the form takes the height
        self.new_hint.show()
        self._update_heading()
        self._update_list_buttons()
        self._update_tab_titles()
        self.name.setFocus()

    def _show_empty(self) -> None:
        self.mode = "empty"
        self.client_id = None
        self._baseline = ()
        self.stack.setCurrentWidget(self.empty_page)
        self._validate()
        self.segments.show_client(None)
        self.contacts.show_client(None)
        if self.infos:
            self.empty_title.setText(self.tr("No client selected"))
            self.empty_text.setText(
                self.tr(
                    "Choose a client in the list, tick “Show archived” to see the archived "
                    "ones, or create a new client (Ctrl+N)."
                )
            )
        else:
            self.empty_title.setText(self.tr("Create your first client"))
            self.empty_text.setText(
                self.tr(
                    "A client is a brand you work for. Its colour marks its campaigns in the "
                    "calendar; its sender, deadlines and pressure cap apply to each of its "
                    "campaigns; its segments are what you target and its contacts approve the "
                    "BATs and receive the recaps. Click “New client” (Ctrl+N) to start."
                )
            )
        self._update_list_buttons()

    def _update_heading(self) -> None:
        if self.mode == "new":
            self.heading.setText(self.tr("New client"))
        elif self.client_id is not None and self.client_id in self.infos:
            info = self.infos[self.client_id]
            self.heading.setText(
                self.tr("%1 (archived)").replace("%1", info.name) if info.archived else info.name
            )
        self.heading_chip.setPixmap(
            swatch(clients.normalise_colour(self.colour.text()) or None, 18)
        )
        for button in (self.charters_button, self.personas_button, self.templates_button):
            button.setEnabled(self.mode == "edit")

    # -- the form ----------------------------------------------------------------------------

    def _fill(self, data: ClientInput) -> None:
        self._filling = True
        self.name.setText(data.name)
        self.colour.setText(data.colour)
        index = self.timezone.findText(data.timezone)
        if index >= 0:
            self.timezone.setCurrentIndex(index)
        self.timezone.setEditText(data.timezone)
        self.sender_name.setText(data.sender_name)
        self.sender_address.setText(data.sender_address)
        self.utm.setText(data.utm_convention)
        self.pressure_cap.setValue(data.pressure_cap)
        self.brief_offset.setValue(data.brief_offset_days)
        self.bat_offset.setValue(data.bat_offset_days)
        self.analysis_offset.setValue(data.analysis_offset_days)
        self.daily_rate.setText(format_rate(data.daily_rate))
        known = [i for i in range(self.confidence.count()) if self._same_confidence(i, data)]
        if not known:  # set elsewhere (the command line): offered as it is
            self.confidence.addItem(percent_text(data.ab_confidence), data.ab_confidence)
            known = [self.confidence.count() - 1]
        self.confidence.setCurrentIndex(known[0])
        self.logo.setText(data.logo_path)
        for editor in (self.sender_address, self.utm, self.logo):
            editor.setCursorPosition(0)  # long values show their start
        self._filling = False
        self._baseline = self.state()
        self._touched = False
        self._show_colour()
        self._validate()

    def _same_confidence(self, index: int, data: ClientInput) -> bool:
        return abs(float(self.confidence.itemData(index)) - data.ab_confidence) < 1e-9

    def state(self) -> tuple[Any, ...]:
        """What the form shows, to tell an edit from the values loaded."""
        return (
            self.name.text(),
            self.colour.text(),
            self.timezone.currentText(),
            self.sender_name.text(),
            self.sender_address.text(),
            self.utm.text(),
            self.pressure_cap.value(),
            self.brief_offset.value(),
            self.bat_offset.value(),
            self.analysis_offset.value(),
            self.daily_rate.text(),
            self.confidence.currentData(),
            self.logo.text(),
        )

    def dirty(self) -> bool:
        return self.mode in ("new", "edit") and self.state() != self._baseline

    def form_input(self) -> tuple[ClientInput, list[FieldProblem]]:
        """The form as the core's input, and the problems found before the core (the rate)."""
        problems: list[FieldProblem] = []
        try:
            rate = parse_rate(self.daily_rate.text())
        except ValueError:
            rate = None
            problems.append(FieldProblem("daily_rate", "rate_invalid", "Not an amount."))
        zone = self.timezone.currentText()
        if zone.strip() not in known_zones():
            # Said here: the core's check stumbles on a folder of the zone database ("Europe").
            problems.append(FieldProblem("timezone", "timezone_unknown", "Unknown time zone."))
            zone = DEFAULT_TIMEZONE
        data = ClientInput(
            name=self.name.text(),
            colour=self.colour.text(),
            timezone=zone,
            sender_name=self.sender_name.text(),
            sender_address=self.sender_address.text(),
            utm_convention=self.utm.text(),
            pressure_cap=self.pressure_cap.value(),
            brief_offset_days=self.brief_offset.value(),
            bat_offset_days=self.bat_offset.value(),
            analysis_offset_days=self.analysis_offset.value(),
            daily_rate=rate,
            ab_confidence=float(self.confidence.currentData()),
            logo_path=self.logo.text(),
        )
        return data, problems

    def _edited(self) -> None:
        if self._filling:
            return
        self._touched = True
        self._validate()

    def _validate(self) -> None:
        """Ask the core about the form as it is now and say each problem under its field."""
        if self.mode == "empty":
            self.problems = []
            self.fields.show({})
            self._update_form_buttons()
            return
        data, problems = self.form_input()
        try:
            self.ops.read(clients.validate_client, data, self.client_id)
        except ValidationError as error:
            problems += error.problems
        except CrmdeskError as error:  # the workspace cannot be read just now
            self.say(error_text(error), error=True)
        self.problems = problems
        shown = self.mode == "edit" or self._touched
        texts: dict[str, list[str]] = {}
        for problem in problems if shown else []:
            texts.setdefault(problem.field, []).append(client_problem_text(problem, data))
        self.fields.show(texts)
        others = [
            text
            for field, found in texts.items()
            if field not in self.fields.errors
            for text in found
        ]
        self.other_problems.setText("\n".join(others))
        self.other_problems.setVisible(bool(others))
        self._update_form_buttons()

    def _update_form_buttons(self) -> None:
        editing = self.mode in ("new", "edit")
        self.save_button.setEnabled(
            editing and not self.problems and (self.mode == "new" or self.dirty())
        )
        self.revert_button.setEnabled(editing and self.dirty())

    def _show_colour(self) -> None:
        colour = clients.normalise_colour(self.colour.text())
        self.colour_chip.setPixmap(swatch(colour, 18))
        self.heading_chip.setPixmap(swatch(colour, 18))

    def save(self) -> bool:
        """Store the form as a command of the undo stack; False if it cannot be saved."""
        if self.mode == "empty" or not self.save_button.isEnabled():
            return False
        data, local = self.form_input()
        if local:
            return False
        creating = self.mode == "new"
        client_id = self.client_id
        if creating:
            command = self.run(lambda: CreateClient(self.ops, data))
        else:
            assert client_id is not None
            loaded, edited = self.loaded, client_id
            command = self.run(
                lambda: EditClient(
                    self.ops,
                    edited,
                    data,
                    expected_version=None if loaded is None else loaded[1],
                    started_from=None if loaded is None else loaded[0],
                ),
                on_stale=lambda stale: self._ask_about(stale, data),
            )
        if command is None:
            self._touched = True
            self._validate()
            return False
        if isinstance(command, CreateClient):
            client_id = command.client_id
        assert client_id is not None
        self.mode = "edit"
        self.reload(select=client_id)
        name = self.infos[client_id].name
        if creating:
            self.say(self.tr("Client “%1” created — Ctrl+Z to undo.").replace("%1", name))
            self.client_created.emit(client_id)
        else:
            self.say(self.tr("Client “%1” saved — Ctrl+Z to undo.").replace("%1", name))
        return True

    def revert(self) -> None:
        if self.mode == "edit" and self.client_id is not None:
            self._load_client(self.client_id)
        elif self.mode == "new":
            self._start_new()

    # -- someone else saved the client meanwhile (issue 22) -------------------------------------

    def _load_client(self, client_id: int) -> None:
        data, version = self.ops.read(clients.client_input_versioned, client_id)
        self.loaded = (data, version)
        self._fill(data)

    def _ask_about(self, stale: StaleEdit, yours: ClientInput) -> None:
        started_from = self.loaded[0] if self.loaded is not None else yours
        self.dialog = conflict.ask(
            self,
            stale,
            self.fields.labels,
            on_reapply=weakly(self.reload_and_reapply, yours),
            on_discard=weakly(self.discard_mine, stale),
            conflicts=stale.both_changed(started_from, yours),
            name=yours.name,
        )

    def reload_and_reapply(self, yours: ClientInput) -> None:
        """The client as it is now with the user's changes on it, in the form (not saved: the
        user checks, then saves); the fields both changed keep the user's value, marked."""
        from crmdesk.core import concurrency

        if self.client_id is None or self.loaded is None:
            return
        started_from = self.loaded[0]
        try:
            self._load_client(self.client_id)
        except CrmdeskError as error:  # deleted meanwhile
            self.say(error_text(error), error=True)
            return
        assert self.loaded is not None
        merged = concurrency.merge(started_from, yours, self.loaded[0])
        baseline = self._baseline
        self._fill(merged.value)
        self._baseline = baseline  # the form differs from the client now: there is a save
        self._touched = True
        self._validate()
        for name in merged.conflicts:
            found = self.fields.errors.get(name)
            if found is not None:
                found[0].setStyleSheet(MARKED_STYLE)
        if merged.conflicts:
            said = self.tr(
                "Reloaded: their changes are in, and yours are applied on top. You both "
                "changed %1: your version is kept (marked). Check it, then save."
            ).replace("%1", conflict.labels_text(merged.conflicts, self.fields.labels))
        else:
            said = self.tr("Reloaded: their changes are in, and yours are applied on top. Save.")
        self.say(said)

    def discard_mine(self, stale: StaleEdit) -> None:
        """The client as the other person left it (gone from the list if they deleted it)."""
        if stale.gone or self.client_id is None:
            self._baseline = self.state()
            self.reload()
            return
        self._load_client(self.client_id)
        self.say(self.tr("Your changes were discarded: the client as it is now."))

    def _save_where_the_focus_is(self) -> None:
        focus = QApplication.focusWidget()
        for panel in (self.segments, self.contacts):
            if focus is not None and panel.isAncestorOf(focus):
                panel.save()
                return
        self.save()

    def _leave_form(self, then: Callable[[], None]) -> None:
        """Go on at once when nothing is typed; otherwise ask first: save, discard or stay."""
        if not self.dirty():
            then()
            return
        if self.mode == "new":
            text = self.tr("Save the new client before leaving it?")
        else:
            name = self.infos[self.client_id].name if self.client_id in self.infos else ""
            text = self.tr("Save the changes to “%1”?").replace("%1", name)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            text,
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)

        def answered(button: QAbstractButton) -> None:
            role = box.standardButton(button)
            if role == QMessageBox.StandardButton.Save and self.save():
                then()
            elif role == QMessageBox.StandardButton.Discard:
                self._baseline = self.state()  # forget the edits
                then()

        box.buttonClicked.connect(answered)
        self._keep_box(box, None)
        box.open()

    # -- archive, restore, delete ------------------------------------------------------------

    def toggle_archived(self) -> None:
        if self.mode != "edit" or self.client_id not in self.infos:
            return
        self._leave_form(lambda: self._set_archived(self.infos[self.client_id]))  # type: ignore[index]

    def _set_archived(self, info: ClientInfo) -> None:
        archive = not info.archived
        if self.run(lambda: SetClientArchived(self.ops, info.id, info.name, archive)) is None:
            return
        if archive:
            text = self.tr(
                "“%1” archived: it left the calendar filters and pickers and stays in the "
                "history and reports — Ctrl+Z to undo."
            )
        else:
            text = self.tr("“%1” restored — Ctrl+Z to undo.")
        self.say(text.replace("%1", info.name))

    def delete_client(self) -> None:
        """Delete a client without campaigns (after asking); one with campaigns is offered
        the archive instead."""
        if self.mode != "edit" or self.client_id not in self.infos:
            return
        info = self.infos[self.client_id]  # type: ignore[index]
        count: int = self.ops.read(clients.campaign_count, info.id)
        if count and info.archived:
            if count == 1:
                text = self.tr(
                    "%1 has 1 campaign: it cannot be deleted. It is archived: it stays in the "
                    "history and reports."
                )
            else:
                text = self.tr(
                    "%1 has %2 campaigns: they keep it from being deleted. It is archived: it "
                    "stays in the history and reports."
                )
            self.ask(self._held(text, info, count), None, lambda: None)
            return
        if count:
            if count == 1:
                text = self.tr(
                    "%1 has 1 campaign: archive it instead? It leaves the calendar filters and "
                    "pickers and stays in the history and reports."
                )
            else:
                text = self.tr(
                    "%1 has %2 campaigns: archive it instead? It leaves the calendar filters "
                    "and pickers and stays in the history and reports."
                )
            self.ask(
                self._held(text, info, count),
                self.tr("Archive"),
                lambda: self._set_archived(info),
            )
            return
        self.ask(
            self.tr(
                "Delete “%1” with its segments, contacts, charters and personas? "
                "Ctrl+Z brings them back."
            ).replace("%1", info.name),
            self.tr("Delete"),
            lambda: self._delete(info),
            destructive=True,
        )

    def _held(self, text: str, info: ClientInfo, count: int) -> str:
        return text.replace("%2", QLocale().toString(count)).replace("%1", info.name)

    def _delete(self, info: ClientInfo) -> None:
        if self.run(lambda: DeleteClient(self.ops, info.id)) is not None:
            self.say(self.tr("“%1” deleted — Ctrl+Z to undo.").replace("%1", info.name))

    # -- the client's other editors ----------------------------------------------------------

    def _client_name(self) -> str:
        return self.infos[self.client_id].name if self.client_id in self.infos else ""

    def open_charters(self) -> None:
        if self.mode != "edit" or self.client_id is None:
            return
        from crmdesk.ui.checklist.charters_dialog import ChartersDialog

        self._open(
            ChartersDialog(
                self.ops,
                self.client_id,
                self._client_name(),
                undo_stack=self.undo_stack,
                parent=self,
            )
        )

    def open_personas(self) -> None:
        if self.mode != "edit" or self.client_id is None:
            return
        from crmdesk.ui.bat.personas_dialog import PersonasDialog

        self._open(PersonasDialog(self.ops, self.client_id, self))

    def open_template(self, kind: CampaignType) -> None:
        if self.mode != "edit" or self.client_id is None:
            return
        from crmdesk.ui.checklist.template_editor import TemplateEditor

        self._open(
            TemplateEditor(
                self.ops,
                self.client_id,
                kind,
                self._client_name(),
                undo_stack=self.undo_stack,
                parent=self,
            )
        )

    def _open(self, dialog: QDialog) -> None:
        """Window-modal and non-blocking, like the other windows' dialogs."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(forget(self, "dialog"))
        self.dialog = dialog
        dialog.open()

    def pick_colour(self) -> None:
        current = clients.normalise_colour(self.colour.text())
        dialog = QColorDialog(QColor(current or PALETTE[0]), self)
        dialog.colorSelected.connect(weakly(self._colour_chosen))
        self._open(dialog)

    def pick_logo(self) -> None:
        dialog = QFileDialog(
            self,
            self.tr("The client's logo"),
            self.logo.text(),
            self.tr("Images (*.png *.jpg *.jpeg *.svg *.gif *.webp)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(weakly(self._logo_chosen))
        self._open(dialog)

    def _colour_chosen(self, colour: QColor) -> None:
        self._typed(self.colour, colour.name())

    def _logo_chosen(self, path: str) -> None:
        self._typed(self.logo, path)

    def _typed(self, editor: QLineEdit, text: str) -> None:
        editor.setText(text)
        editor.setFocus()

    # -- running commands and talking ---------------------------------------------------------

    def run(
        self,
        build: Callable[[], QUndoCommand],
        *,
        on_stale: Callable[[StaleEdit], None] | None = None,
    ) -> QUndoCommand | None:
        """Build a command (the edit runs then) and push it; a refusal is said, not pushed
        (a row someone else saved meanwhile goes to ``on_stale`` when given)."""
        try:
            command = build()
        except ValidationError:
            return None  # the form says why, under its fields
        except CrmdeskError as error:
            if isinstance(error, StaleEdit) and on_stale is not None:
                on_stale(error)
            else:
                self.say(error_text(error), error=True)
            return None
        self.undo_stack.push(command)
        return command

    def say(self, text: str, *, error: bool = False) -> None:
        self.notice.setStyleSheet(f"color: {alert_colour()};" if error else "")
        self.notice.setText(text)

    def ask(
        self,
        text: str,
        action: str | None,
        on_yes: Callable[[], None],
        *,
        destructive: bool = False,
    ) -> None:
        """A non-blocking question; ``confirm_button`` is its action (None: only OK)."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Clients"))
        box.setText(text)
        if action is None:
            box.setIcon(QMessageBox.Icon.Information)
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            yes = None
        else:
            box.setIcon(QMessageBox.Icon.Question)
            role = (
                QMessageBox.ButtonRole.DestructiveRole
                if destructive
                else QMessageBox.ButtonRole.AcceptRole
            )
            yes = box.addButton(action, role)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel if destructive else yes)
        box.buttonClicked.connect(
            lambda button: on_yes() if yes is not None and button is yes else None
        )
        self._keep_box(box, yes)
        box.open()

    def _keep_box(self, box: QMessageBox, yes: QAbstractButton | None) -> None:
        if self.confirm is not None:
            self.confirm.deleteLater()
        self.confirm = box
        self.confirm_button = yes

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close or not self.dirty():
            event.accept()
            return
        event.ignore()
        self._leave_form(self._close_now)

    def _close_now(self) -> None:
        self._may_close = True
        self.close()
        self._may_close = False
