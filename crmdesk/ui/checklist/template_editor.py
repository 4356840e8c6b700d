"""The checklist template of a client and campaign type: the items its new campaigns start with.

Campaigns already under way keep their own checklist: a template only shapes the next ones.
Saving and resetting are commands of the checklist window's undo stack.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QUndoStack, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import checklists
from crmdesk.core.checklists import TemplateChoice, TemplateItem
from crmdesk.core.checks.model import Family
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.models import CampaignType, ChecklistPhase, ChecklistRole
from crmdesk.ui.checklist.labels import (
    due_offset_text,
    family_label,
    phase_label,
    template_problem_text,
)
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.styles import alert_colour
from crmdesk.ui.labels import error_text, role_label, type_label
from crmdesk.ui.operations import Operations

PHASE, LABEL, ROLE, DUE, CHECK = range(5)
ORIGINAL_ROLE = Qt.ItemDataRole.UserRole  # (label_en, label_fr, label as shown) of a kept item
_OFFSET = re.compile(r"^\s*[^\d+\-\s]*\s*([+-]?)\s*(\d*)\s*$")


class SaveTemplate(CampaignCommand):
    """Store a client/type template; undo puts back the one it replaced, or none."""

    def __init__(
        self,
        ops: Operations,
        client_id: int,
        kind: CampaignType,
        items: tuple[TemplateItem, ...],
        text: str,
    ) -> None:
        super().__init__(ops, text)
        self.client_id, self.kind, self.items = client_id, kind, items
        self.previous = ops.write(checklists.save_template, client_id, kind, items)

    def replay(self) -> None:
        self.ops.write(checklists.save_template, self.client_id, self.kind, self.items)

    def revert(self) -> None:
        if self.previous is None:
            self.ops.write(checklists.remove_template, self.client_id, self.kind)
        else:
            self.ops.write(checklists.save_template, self.client_id, self.kind, self.previous)


class ResetTemplate(CampaignCommand):
    """Remove a client/type template (its campaigns fall back to a more general one)."""

    def __init__(self, ops: Operations, client_id: int, kind: CampaignType, text: str) -> None:
        super().__init__(ops, text)
        self.client_id, self.kind = client_id, kind
        self.previous = ops.write(checklists.remove_template, client_id, kind)

    def replay(self) -> None:
        self.ops.write(checklists.remove_template, self.client_id, self.kind)

    def revert(self) -> None:
        if self.previous is not None:
            self.ops.write(checklists.save_template, self.client_id, self.kind, self.previous)


class DueOffsetSpin(QSpinBox):
    """Days from the send, shown "D-3", "D", "D+5" (French: "J-3", "J", "J+5")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-365, 365)
        self.setAccelerated(True)
        self.setToolTip(self.tr("Days from the send: D-3 is three days before, D+5 five after"))

    def textFromValue(self, value: int) -> str:
        return due_offset_text(value)

    def valueFromText(self, text: str) -> int:
        found = _OFFSET.match(text)
        if found is None or not found.group(2):
            return 0
        number = int(found.group(2))
        return -number if found.group(1) == "-" else number

    def validate(self, text: str, pos: int) -> object:
        found = _OFFSET.match(text)
        if found is None:
            return QValidator.State.Invalid
        if not found.group(2):
            return QValidator.State.Intermediate
        value = self.valueFromText(text)
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable
        return QValidator.State.Invalid


def _combo(entries: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    for text, value in entries:
        combo.addItem(text, value)
    index = combo.findData(current)
    if index < 0:  # an id this list does not name (a single check): keep it choosable
        combo.addItem(current, current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    return combo


class TemplateEditor(QDialog):
    def __init__(
        self,
        ops: Operations,
        client_id: int,
        campaign_type: CampaignType,
        client_name: str,
        *,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.client_id = client_id
        self.campaign_type = campaign_type
        self.client_name = client_name
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.language = QLocale().name()[:2]
        self.setWindowTitle(
            self.tr("Checklist template — %1, %2")
            .replace("%1", client_name)
            .replace("%2", type_label(campaign_type))
        )
        fit_to_screen(self, 980, 620)

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.origin = QLabel()
        self.origin.setWordWrap(True)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Phase"), self.tr("Item"), self.tr("Role"), self.tr("Due"), self.tr("Check")]
        )
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.reset_button = QPushButton(self.tr("Reset to default"))
        self.reset_button.setToolTip(
            self.tr("Remove this client and type's own template (undo in the checklist window)")
        )
        self.reset_button.clicked.connect(self.reset)
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.reset_button)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)

        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.errors.hide()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.origin)
        layout.addLayout(middle, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self.load()

    # -- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        choice: TemplateChoice = self.ops.read(
            checklists.template_for, self.client_id, self.campaign_type
        )
        self.choice = choice
        own = (
            not choice.is_default
            and choice.client_id == self.client_id
            and choice.campaign_type == self.campaign_type
        )
        self.heading.setText(
            self.tr("Template for %1 — %2")
            .replace("%1", self.client_name)
            .replace("%2", type_label(self.campaign_type))
        )
        if own:
            origin = self.tr("New campaigns of this client and type start from these items.")
        elif choice.is_default:
            origin = self.tr(
                "This client and type have no template of their own: they use the default "
                "checklist, shown here. Saving gives them their own."
            )
        elif choice.campaign_type is None:
            origin = self.tr(
                "This client and type use the template of %1 for every type, shown here. "
                "Saving gives this type its own."
            ).replace("%1", self.client_name)
        else:
            origin = self.tr(
                "This client and type use the template of every %1 campaign, shown here. "
                "Saving gives this client its own."
            ).replace("%1", type_label(self.campaign_type))
        self.origin.setText(
            origin + " " + self.tr("Campaigns already planned keep their checklist.")
        )
        self.reset_button.setEnabled(own)
        self.set_items(choice.items)

    def set_items(self, items: tuple[TemplateItem, ...] | list[TemplateItem]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self._append(item, keep=True)
        if self.table.rowCount():
            self.table.selectRow(0)

    def _append(self, item: TemplateItem, keep: bool, row: int | None = None) -> int:
        row = self.table.rowCount() if row is None else row
        self.table.insertRow(row)
        self.table.setCellWidget(
            row,
            PHASE,
            _combo([(phase_label(p), p.value) for p in ChecklistPhase], item.phase.value),
        )
        shown = item.label(self.language)
        label = QTableWidgetItem(shown)
        if keep:
            label.setData(ORIGINAL_ROLE, (item.label_en, item.label_fr, shown))
        self.table.setItem(row, LABEL, label)
        self.table.setCellWidget(
            row, ROLE, _combo([(role_label(r), r.value) for r in ChecklistRole], item.role.value)
        )
        spin = DueOffsetSpin()
        spin.setValue(item.due_offset_days)
        self.table.setCellWidget(row, DUE, spin)
        checks = [(family_label(""), "")] + [(family_label(f.value), f.value) for f in Family]
        self.table.setCellWidget(row, CHECK, _combo(checks, item.check))
        return row

    # -- the rows -----------------------------------------------------------------------------

    def row_item(self, row: int) -> tuple[TemplateItem, tuple[str, str, str] | None]:
        """The item a row says, and the labels it started with (None for a new row)."""

        def value(column: int) -> str:
            widget = self.table.cellWidget(row, column)
            assert isinstance(widget, QComboBox)
            return str(widget.currentData())

        cell = self.table.item(row, LABEL)
        text = cell.text().strip() if cell is not None else ""
        original = cell.data(ORIGINAL_ROLE) if cell is not None else None
        if original and text == original[2]:
            label_en, label_fr = original[0], original[1]
        else:
            label_en = label_fr = text  # typed here: the same text in both languages
        spin = self.table.cellWidget(row, DUE)
        assert isinstance(spin, QSpinBox)
        item = TemplateItem(
            label_en=label_en,
            label_fr=label_fr,
            phase=ChecklistPhase(value(PHASE)),
            role=ChecklistRole(value(ROLE)),
            due_offset_days=spin.value(),
            check=value(CHECK),
        )
        return item, original

    def items(self) -> tuple[TemplateItem, ...]:
        return tuple(self.row_item(row)[0] for row in range(self.table.rowCount()))

    def add_item(self) -> None:
        current = self.table.currentRow()
        row = self.table.rowCount() if current < 0 else current + 1
        phase = self.row_item(current)[0].phase if current >= 0 else ChecklistPhase.PRODUCTION
        self._append(TemplateItem("", "", phase, ChecklistRole.CRM, 0, ""), keep=False, row=row)
        self.table.selectRow(row)
        self.table.editItem(self.table.item(row, LABEL))

    def remove_item(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.selectRow(min(row, self.table.rowCount() - 1))

    def move_item(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        item, original = self.row_item(row)
        self.table.removeRow(row)
        self._append(item, keep=False, row=target)
        if original is not None:  # an unchanged label keeps both languages
            self.table.item(target, LABEL).setData(ORIGINAL_ROLE, original)
        self.table.selectRow(target)

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the template; a refusal is listed under the table and the dialog stays."""
        items = self.items()
        text = QCoreApplication.translate("TemplateEditor", "checklist template of %1, %2")
        text = text.replace("%1", self.client_name).replace("%2", type_label(self.campaign_type))
        try:
            command = SaveTemplate(self.ops, self.client_id, self.campaign_type, items, text)
        except ValidationError as error:
            self.show_errors([template_problem_text(p) for p in error.problems])
            for problem in error.problems:
                found = re.search(r"Item (\d+)", problem.message)
                if found and int(found.group(1)) <= self.table.rowCount():
                    self.table.selectRow(int(found.group(1)) - 1)
                    break
            return False
        except CrmdeskError as error:
            self.show_errors([error_text(error)])
            return False
        self.undo_stack.push(command)
        self.accept()
        return True

    def reset(self) -> None:
        text = QCoreApplication.translate(
            "TemplateEditor", "reset the checklist template of %1, %2"
        )
        text = text.replace("%1", self.client_name).replace("%2", type_label(self.campaign_type))
        try:
            command = ResetTemplate(self.ops, self.client_id, self.campaign_type, text)
        except CrmdeskError as error:
            self.show_errors([error_text(error)])
            return
        self.undo_stack.push(command)
        self.errors.hide()
        self.load()
        self.notice.setText(
            self.tr(
                "This client and type's own template was removed; Ctrl+Z in the checklist "
                "window brings it back."
            )
        )
        self.notice.show()

    def show_errors(self, texts: list[str]) -> None:
        self.errors.setText("\n".join(texts))
        self.errors.show()
