"""Choosing a client's quarterly review before it is made: the client, the quarter, and the
roadmap text the review ends with, kept in the workspace for that client and quarter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.reports import review
from crmdesk.core.reports.quarters import Quarter
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.styles import alert_colour, colour_icon
from crmdesk.ui.labels import problem_text
from crmdesk.ui.operations import Operations, show_error

#: How many quarters the combo offers: the one in progress and the seven before, two years.
RECENT = 8

Key = tuple[int, Quarter]


def quarter_label(quarter: Quarter) -> str:
    """ "Q3 2026", in French "T3 2026"."""
    return (
        QCoreApplication.translate("ReviewDialog", "Q%1 %2")
        .replace("%1", str(quarter.number))
        .replace("%2", str(quarter.year))
    )


def recent_quarters(today: date, count: int = RECENT) -> list[Quarter]:
    """The quarter in progress and the ones before it, newest first."""
    found = [Quarter.of(today)]
    while len(found) < count:
        found.append(found[-1].previous())
    return found


class ReviewDialog(QDialog):
    """Client, quarter and roadmap; Export keeps the roadmap and asks for the review."""

    #: The client's id and the ``Quarter`` whose review to make.
    export_requested = Signal(int, object)

    def __init__(
        self,
        ops: Operations,
        client_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Quarterly review"))
        fit_to_screen(self, 620, 520)
        self._loaded: dict[Key, str] = {}  # the roadmaps as read from the workspace
        self._drafts: dict[Key, str] = {}  # as edited here, for each client and quarter seen
        self._key: Key | None = None

        self.client = QComboBox()
        for info in ops.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        if client_id is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.quarter = QComboBox()
        quarters = recent_quarters(today or date.today())
        for quarter in quarters:
            self.quarter.addItem(quarter_label(quarter), quarter)
        self.quarter.setCurrentIndex(1)  # the last quarter over: the one a review is about
        self.roadmap = QPlainTextEdit()
        self.roadmap.setTabChangesFocus(True)
        self.roadmap.setPlaceholderText(
            self.tr(
                "What comes next for this client: the tests to run, the campaigns planned, the "
                "goals of the quarter ahead. The review ends with it."
            )
        )
        note = QLabel(
            self.tr("The roadmap is kept for this client and quarter when the review is made.")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Client"), self.client)
        form.addRow(self.tr("&Quarter"), self.quarter)
        roadmap_label = QLabel(self.tr("&Roadmap"))
        roadmap_label.setBuddy(self.roadmap)
        form.addRow(roadmap_label, self.roadmap)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setToolTip(self.tr("Make the review as a PDF (Ctrl+Enter)"))
        self.export_button.setEnabled(self.client.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.client.currentIndexChanged.connect(lambda _=0: self._selection_changed())
        self.quarter.currentIndexChanged.connect(lambda _=0: self._selection_changed())
        self._selection_changed()
        self.roadmap.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected(self) -> Key | None:
        client_id = self.client.currentData()
        if client_id is None:
            return None
        return client_id, self.quarter.currentData()

    def _selection_changed(self) -> None:
        """Keep what was typed for the previous choice, show the roadmap of the new one."""
        if self._key is not None:
            self._drafts[self._key] = self.roadmap.toPlainText()
        self._key = self.selected()
        self.problem.hide()
        if self._key is None:
            self.roadmap.clear()
            return
        if self._key not in self._loaded:
            client_id, quarter = self._key
            try:
                self._loaded[self._key] = self.ops.read(review.roadmap, client_id, quarter)
            except CrmdeskError as error:
                show_error(self, error)
                self._loaded[self._key] = ""
        self.roadmap.setPlainText(self._drafts.get(self._key, self._loaded[self._key]))

    def edited(self) -> dict[Key, str]:
        """The roadmaps whose text differs from the stored one."""
        if self._key is not None:
            self._drafts[self._key] = self.roadmap.toPlainText()
        return {
            key: text
            for key, text in self._drafts.items()
            if text.strip() != self._loaded.get(key, "").strip()
        }

    def accept(self) -> None:
        key = self.selected()
        if key is None:
            return
        edited = self.edited()
        if edited:
            try:
                self.ops.write(review.save_roadmaps, edited)
            except ValidationError as error:
                too_long = self.tr("The roadmap is longer than %1 characters: shorten it.").replace(
                    "%1", QLocale().toString(review.ROADMAP_MAX)
                )
                self.problem.setText(
                    "\n".join(
                        too_long if p.code == "text_too_long" else problem_text(p)
                        for p in error.problems
                    )
                )
                self.problem.show()
                self.roadmap.setFocus()
                return
            except CrmdeskError as error:  # the workspace refused: the text stays on screen
                show_error(self, error)
                return
            self._loaded.update(edited)
        client_id, quarter = key
        super().accept()
        self.export_requested.emit(client_id, quarter)
