"""The first page of an empty workspace: who you are, then three ways in (a first client, the
plan kept in Excel, or the demo) instead of an empty calendar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import operators
from crmdesk.core.changes import Changes
from crmdesk.ui.operations import Operations
from crmdesk.ui.profile import ProfileForm


def _big(label: QLabel, factor: float, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


class WelcomePage(QWidget):
    create_client_requested = Signal()
    import_plan_requested = Signal()
    demo_requested = Signal()
    shown = Signal()  # after the page is first painted

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        title = _big(QLabel(self.tr("Welcome to crmdesk")), 1.9)
        intro = QLabel(
            self.tr(
                "This workspace is empty. Tell crmdesk who you are, then bring in your clients: "
                "everything stays in one file on this computer."
            )
        )
        intro.setWordWrap(True)

        self.profile_box = QFrame()
        self.profile_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.profile_title = _big(QLabel(self.tr("1. Your profile")), 1.2)
        self.profile_hint = QLabel(
            self.tr("Your name signs decisions, ticks and sends; it heads your clients' reports.")
        )
        self.profile_hint.setWordWrap(True)
        self.profile_form = ProfileForm(ops)
        self.save_profile_button = QPushButton(self.tr("&Save my profile"))
        self.save_profile_button.setEnabled(self.profile_form.valid)
        self.profile_form.valid_changed.connect(self.save_profile_button.setEnabled)
        self.save_profile_button.clicked.connect(self._save_profile)
        self.profile_done = QLabel()
        self.profile_done.setWordWrap(True)
        box = QVBoxLayout(self.profile_box)
        box.addWidget(self.profile_title)
        box.addWidget(self.profile_hint)
        box.addWidget(self.profile_form)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_profile_button)
        box.addLayout(save_row)
        box.addWidget(self.profile_done)

        ways_title = _big(QLabel(self.tr("2. Bring in your work")), 1.2)
        self.create_button, create_cell = self._way(
            self.tr("Create my first client"),
            self.tr("Its colour, sender, pressure cap and deadlines, then segments and contacts."),
        )
        self.import_button, import_cell = self._way(
            self.tr("Import my plan (CSV or Excel)"),
            self.tr("The campaign plan you keep in a spreadsheet: clients and segments come too."),
        )
        self.demo_button, demo_cell = self._way(
            self.tr("Open the demo"),
            self.tr("A populated workspace to try everything, in another window."),
        )
        self.create_button.clicked.connect(self.create_client_requested)
        self.import_button.clicked.connect(self.import_plan_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        ways = QHBoxLayout()
        ways.setSpacing(16)
        for cell in (create_cell, import_cell, demo_cell):
            ways.addLayout(cell, 1)

        content = QWidget()
        content.setMaximumWidth(920)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.profile_box)
        layout.addWidget(ways_title)
        layout.addLayout(ways)
        layout.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(content, 4)
        centred.addStretch(1)
        holder = QWidget()
        holder.setLayout(centred)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        ops.changed.connect(self._on_changed)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.shown.emit)

    def _way(self, title: str, detail: str) -> tuple[QPushButton, QVBoxLayout]:
        """A big button and, under it, what it leads to (wrapped, which a button cannot)."""
        button = QPushButton(title)
        button.setMinimumHeight(52)
        button.setAccessibleDescription(detail)
        font = button.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        button.setFont(font)
        note = QLabel(detail)
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        cell = QVBoxLayout()
        cell.addWidget(button)
        cell.addWidget(note)
        cell.addStretch(1)
        return button, cell

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            self.refresh()

    def refresh(self) -> None:
        """The profile form until a profile exists, then who the workspace is signed by."""
        profile = self.ops.read(operators.me)
        has_profile = profile is not None
        self.profile_form.setVisible(not has_profile)
        self.profile_hint.setVisible(not has_profile)
        self.save_profile_button.setVisible(not has_profile)
        self.profile_done.setVisible(has_profile)
        if profile is not None:
            self.profile_done.setText(
                "✓ "
                + self.tr("Signed by %1. Change it in File › My profile….").replace(
                    "%1", profile.name
                )
            )
        self.profile_done.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _save_profile(self) -> None:
        if self.profile_form.save():
            self.refresh()
            self.create_button.setFocus()
