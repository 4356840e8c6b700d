"""A client's sample personas: the readers whose values fill the personalisation tags of a BAT,
in the preview and in the test send.

The common fields are always listed so filling one in is typing a value; any other field the
client's ESP uses goes in a free row under them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.bat import personas
from crmdesk.core.bat.personas import DEFAULT_PERSONA, PersonaInfo
from crmdesk.core.errors import CrmdeskError, FieldProblem, ValidationError
from crmdesk.ui.kit.styles import ERROR_STYLE, alert_colour
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Operations

ID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole  # on a field cell: the canonical key of a common field
FIELD, VALUE = range(2)
COMMON_FIELDS = ("civility", "firstname", "lastname", "email", "city", "zip", "company")
_QUOTED = re.compile(r"“([^”]*)”")


def field_label(key: str) -> str:
    return {
        "civility": QCoreApplication.translate("PersonasDialog", "Civility"),
        "firstname": QCoreApplication.translate("PersonasDialog", "First name"),
        "lastname": QCoreApplication.translate("PersonasDialog", "Last name"),
        "email": QCoreApplication.translate("PersonasDialog", "Email"),
        "city": QCoreApplication.translate("PersonasDialog", "City"),
        "zip": QCoreApplication.translate("PersonasDialog", "Postcode"),
        "company": QCoreApplication.translate("PersonasDialog", "Company"),
    }.get(key, key)


def persona_problem_text(problem: FieldProblem) -> str:
    if problem.code == "field_duplicate":
        names = _QUOTED.findall(problem.message)
        if len(names) == 2:
            return (
                QCoreApplication.translate(
                    "PersonasDialog", "“%1” and “%2” are the same field with different values."
                )
                .replace("%1", names[0])
                .replace("%2", names[1])
            )
    known = {
        "name_empty": QCoreApplication.translate("PersonasDialog", "The persona needs a name."),
        "name_too_long": QCoreApplication.translate(
            "PersonasDialog", "The name is longer than 120 characters."
        ),
        "name_taken": QCoreApplication.translate(
            "PersonasDialog", "This client already has a persona with this name."
        ),
    }
    return known.get(problem.code, problem.message)


class PersonasDialog(QDialog):
    """The personas of one client: a list, and the name and fields of the one selected."""

    def __init__(self, ops: Operations, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.client_id = client_id
        self.persona_id: int | None = None  # the persona in the form; None: a new one
        self.setWindowTitle(self.tr("Sample personas"))
        self.resize(720, 480)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Personas"))
        self.list.currentItemChanged.connect(self._selected)
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_persona)
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.ask_remove)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.remove_button)
        self.default_hint = QLabel(
            self.tr("No persona yet: previews and test sends use %1 %2 from %3.")
            .replace("%1", DEFAULT_PERSONA["firstname"])
            .replace("%2", DEFAULT_PERSONA["lastname"])
            .replace("%3", DEFAULT_PERSONA["city"])
        )
        self.default_hint.setWordWrap(True)
        self.default_hint.setStyleSheet("color: palette(placeholder-text);")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.default_hint)
        left.addLayout(list_buttons)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Fidèle lyonnaise"))
        self.name_error = QLabel()
        self.name_error.setStyleSheet(f"color: {alert_colour()};")
        self.name_error.setWordWrap(True)
        self.name_error.hide()
        name_box = QWidget()
        name_column = QVBoxLayout(name_box)
        name_column.setContentsMargins(0, 0, 0, 0)
        name_column.setSpacing(2)
        name_column.addWidget(self.name)
        name_column.addWidget(self.name_error)
        form = QFormLayout()
        form.addRow(self.tr("Na&me"), name_box)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.table.setAccessibleName(self.tr("Fields of the persona"))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._keep_a_free_row)
        table_hint = QLabel(
            self.tr("Add any other field of the client's ESP in the empty row, e.g. code_fidelite.")
        )
        table_hint.setWordWrap(True)
        table_hint.setStyleSheet("color: palette(placeholder-text);")

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.errors.hide()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(form)
        right.addWidget(self.table, 1)
        right.addWidget(table_hint)
        right.addWidget(self.errors)
        right.addWidget(self.notice)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        middle = QHBoxLayout()
        middle.addLayout(left, 2)
        middle.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # once in the dialog: Enter presses it
        for first, second in (
            (self.list, self.new_button),
            (self.new_button, self.remove_button),
            (self.remove_button, self.name),
            (self.name, self.table),
            (self.table, self.buttons),
        ):
            QWidget.setTabOrder(first, second)

        self.confirm: QMessageBox | None = None
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_persona()

    # -- the list -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        found: list[PersonaInfo] = self.ops.read(personas.personas, self.client_id)
        self.personas = {p.id: p for p in found}
        self.list.blockSignals(True)
        self.list.clear()
        for info in found:
            item = QListWidgetItem(info.name)
            item.setData(ID_ROLE, info.id)
            self.list.addItem(item)
            if info.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.default_hint.setVisible(not found)

    def _selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_persona(self.personas[int(item.data(ID_ROLE))])

    def show_persona(self, info: PersonaInfo) -> None:
        self.persona_id = info.id
        self.heading.setText(info.name)
        self._fill(info.name, info.fields)
        self.remove_button.setEnabled(True)

    def new_persona(self) -> None:
        self.persona_id = None
        self.list.setCurrentItem(None)
        self.heading.setText(self.tr("New persona"))
        self._fill("", {})
        self.remove_button.setEnabled(False)
        self.name.setFocus()

    def _fill(self, name: str, fields: dict[str, str]) -> None:
        self.name.setText(name)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for key in COMMON_FIELDS:
            self._append(key, fields.get(key, ""), common=True)
        for key, value in fields.items():
            if key not in COMMON_FIELDS:
                self._append(key, value, common=False)
        self._append("", "", common=False)
        self.table.blockSignals(False)
        self.clear_errors()
        self.notice.hide()

    def _append(self, key: str, value: str, *, common: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        field = QTableWidgetItem(field_label(key) if common else key)
        if common:
            field.setData(KEY_ROLE, key)
            field.setToolTip(key)
            field.setFlags(field.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, FIELD, field)
        self.table.setItem(row, VALUE, QTableWidgetItem(value))

    def _keep_a_free_row(self) -> None:
        """Once the last free row has something in it, another empty one waits below."""
        last = self.table.rowCount() - 1
        if any(self._text(last, column) for column in (FIELD, VALUE)):
            self.table.blockSignals(True)
            self._append("", "", common=False)
            self.table.blockSignals(False)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    # -- saving and removing ------------------------------------------------------------------

    def fields(self) -> dict[str, str]:
        """The rows with a value, keyed by field name; the core makes the names canonical."""
        found: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            value = self._text(row, VALUE)
            cell = self.table.item(row, FIELD)
            key = cell.data(KEY_ROLE) if cell is not None and cell.data(KEY_ROLE) else None
            key = key or self._text(row, FIELD)
            if value:
                found[key] = value
        return found

    def save(self) -> bool:
        """Store the persona; a refusal is said beside the name or under the table."""
        self.clear_errors()
        self.notice.hide()
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:  # a value still being typed is part of what the user saves
            self.table.commitData(editor)
        unnamed = [
            row + 1
            for row in range(self.table.rowCount())
            if self._text(row, VALUE) and not self._text(row, FIELD)
        ]
        if unnamed:
            self.show_error(
                self.tr("Row %1 has a value but no field name.").replace("%1", str(unnamed[0]))
            )
            return False
        try:
            persona_id, _ = self.ops.write(
                personas.save_persona,
                self.client_id,
                self.name.text(),
                self.fields(),
                self.persona_id,
            )
        except ValidationError as error:
            for problem in error.problems:
                if problem.field == "name":
                    self.name_error.setText(persona_problem_text(problem))
                    self.name_error.show()
                    self.name.setStyleSheet(ERROR_STYLE)
            others = [persona_problem_text(p) for p in error.problems if p.field != "name"]
            if others:
                self.show_error("\n".join(others))
            return False
        except CrmdeskError as error:
            self.show_error(error_text(error))
            return False
        self.reload(select_id=persona_id)
        self.show_persona(self.personas[persona_id])
        self.notice.setText(self.tr("“%1” saved.").replace("%1", self.personas[persona_id].name))
        self.notice.show()
        return True

    def ask_remove(self) -> None:
        if self.persona_id is None:
            return
        name = self.personas[self.persona_id].name
        self.confirm = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove a persona"),
            self.tr("Remove the persona “%1”?").replace("%1", name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        self.confirm_remove = self.confirm.addButton(
            self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.confirm.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm.buttonClicked.connect(self._confirmed)
        self.confirm.open()

    def _confirmed(self, button: QAbstractButton) -> None:
        if button is not self.confirm_remove or self.persona_id is None:
            return
        try:
            self.ops.write(personas.remove_persona, self.persona_id)
        except CrmdeskError as error:
            self.show_error(error_text(error))
            return
        self.persona_id = None
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_persona()

    # -- messages -----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.errors.setText(text)
        self.errors.show()

    def clear_errors(self) -> None:
        self.errors.hide()
        self.name_error.hide()
        self.name.setStyleSheet("")
