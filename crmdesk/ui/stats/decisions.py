"""The stats window's Decisions tab: what the D+5 analysis decides (the recap quotes it), and
how many recipients a relance would reach."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from crmdesk.core.stats import service
from crmdesk.core.stats.figures import CampaignStats
from crmdesk.render.labels import count_text
from crmdesk.ui.kit.formats import given_text, given_tip


class DecisionsPanel(QWidget):
    """The decisions being typed, kept apart from those last read or saved."""

    #: The save button (the window saves on Ctrl+S and when it closes too).
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = ""  # the decisions as last read or saved
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(
            QCoreApplication.translate(
                "StatsWindow",
                "What the D+5 analysis decides: the next A/B test, a relance, the next target…\n"
                "The campaign recap quotes this text.",
            )
        )
        self.save_button = QPushButton(
            QCoreApplication.translate("StatsWindow", "&Save the decisions")
        )
        self.save_button.setToolTip(
            QCoreApplication.translate("StatsWindow", "Ctrl+S; also saved when the window closes")
        )
        self.save_button.clicked.connect(self.save_requested)
        self.relance_hint = QLabel()
        self.relance_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.relance_hint, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)

    def fill(self, stats: CampaignStats) -> None:
        if self.editor.toPlainText() == self.loaded:  # not being edited
            self.editor.setPlainText(stats.decisions)
        self.loaded = stats.decisions
        self._fill_relance_hint(stats)

    def take_edit(self) -> str | None:
        """The text typed since the decisions were last read or saved (then counted as saved),
        or None when there is nothing new."""
        text = self.editor.toPlainText()
        if text == self.loaded:
            return None
        self.loaded = text
        return text

    def _fill_relance_hint(self, stats: CampaignStats) -> None:
        reference = stats.reference
        if reference is None:
            self.relance_hint.setText(
                QCoreApplication.translate(
                    "StatsWindow",
                    "A relance goes to the non-openers once the send's figures are in.",
                )
            )
            return
        unopened = service.non_openers(reference)
        self.relance_hint.setText(
            QCoreApplication.translate(
                "StatsWindow",
                "%1 recipients did not open this send: Create a relance (Ctrl+Shift+R).",
            ).replace("%1", given_text(unopened, count_text))
        )
        self.relance_hint.setToolTip(given_tip(unopened))
