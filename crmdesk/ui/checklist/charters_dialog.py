"""A client's charters: the rules its emails are checked against (tone, banned words, mandatory
mentions, palette, UTM convention, the mail clients its readers use).

Saving is a command of the checklist window's undo stack; the core validates and the refusals
are listed in the dialog, which stays open.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients
from crmdesk.core.checks.model import DEFAULT_MAIL_CLIENTS
from crmdesk.core.clients import CharterInput, normalise_colour
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.ui.checklist.labels import charter_problem_text
from crmdesk.ui.commands import CampaignCommand
from crmdesk.ui.kit.dialogs import weakly
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.styles import ERROR_STYLE, alert_colour
from crmdesk.ui.labels import error_text
from crmdesk.ui.operations import Operations

#: Mail clients French readers use beyond the defaults, as caniemail.com keys.
MORE_MAIL_CLIENTS = (
    "yahoo.desktop-webmail",
    "samsung-email.android",
    "orange.desktop-webmail",
    "sfr.desktop-webmail",
    "free-fr.desktop-webmail",
    "laposte.desktop-webmail",
)


def mail_client_label(key: str) -> str:
    names = {
        "outlook.windows": QCoreApplication.translate("ChartersDialog", "Outlook (Windows)"),
        "gmail.desktop-webmail": QCoreApplication.translate("ChartersDialog", "Gmail (webmail)"),
        "gmail.ios": QCoreApplication.translate("ChartersDialog", "Gmail (iPhone)"),
        "gmail.android": QCoreApplication.translate("ChartersDialog", "Gmail (Android)"),
        "outlook.outlook-com": QCoreApplication.translate("ChartersDialog", "Outlook.com"),
        "apple-mail.macos": QCoreApplication.translate("ChartersDialog", "Apple Mail (Mac)"),
        "apple-mail.ios": QCoreApplication.translate("ChartersDialog", "Apple Mail (iPhone)"),
        "yahoo.desktop-webmail": QCoreApplication.translate("ChartersDialog", "Yahoo (webmail)"),
        "samsung-email.android": QCoreApplication.translate("ChartersDialog", "Samsung Email"),
        "orange.desktop-webmail": QCoreApplication.translate("ChartersDialog", "Orange (webmail)"),
        "sfr.desktop-webmail": QCoreApplication.translate("ChartersDialog", "SFR (webmail)"),
        "free-fr.desktop-webmail": QCoreApplication.translate("ChartersDialog", "Free (webmail)"),
        "laposte.desktop-webmail": QCoreApplication.translate(
            "ChartersDialog", "La Poste (webmail)"
        ),
    }
    return names.get(key, key)


def swatch(colour: str, size: int = 18) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#9ca3af"))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class SaveCharters(CampaignCommand):
    """Store a client's charters; undo puts back the previous ones."""

    def __init__(self, ops: Operations, client_id: int, data: CharterInput, text: str) -> None:
        super().__init__(ops, text)
        self.client_id, self.data = client_id, data
        self.previous, _ = ops.write(clients.update_charters, client_id, data)

    def replay(self) -> None:
        self.ops.write(clients.update_charters, self.client_id, self.data)

    def revert(self) -> None:
        self.ops.write(clients.update_charters, self.client_id, self.previous)


class ColourEdit(QLineEdit):
    """Enter adds the colour typed; it must not also press the dialog's Save button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class ChartersDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        client_id: int,
        client_name: str,
        *,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.client_id = client_id
        self.client_name = client_name
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.setWindowTitle(self.tr("Charters — %1").replace("%1", client_name))
        fit_to_screen(self, 720, 700)
        initial: CharterInput = ops.read(clients.charters, client_id)

        intro = QLabel(
            self.tr(
                "The automatic checks hold %1's emails to these rules. A rule left empty is "
                "not checked."
            ).replace("%1", client_name)
        )
        intro.setWordWrap(True)

        # Editorial charter
        self.tone_vous = QRadioButton(self.tr("Vous (vouvoiement)"))
        self.tone_tu = QRadioButton(self.tr("Tu (tutoiement)"))
        self.tone_any = QRadioButton(self.tr("Not set (not checked)"))
        self.tone_group = QButtonGroup(self)
        for button in (self.tone_vous, self.tone_tu, self.tone_any):
            self.tone_group.addButton(button)
        {"tu": self.tone_tu, "vous": self.tone_vous}.get(initial.tone, self.tone_any).setChecked(
            True
        )
        tone = QWidget()
        tone_row = QHBoxLayout(tone)
        tone_row.setContentsMargins(0, 0, 0, 0)
        for button in (self.tone_vous, self.tone_tu, self.tone_any):
            tone_row.addWidget(button)
        tone_row.addStretch(1)
        self.banned_words = self._lines(initial.banned_words, self.tr("One word or phrase a line"))
        self.required_mentions = self._lines(
            initial.required_mentions, self.tr("One mention a line, e.g. the legal notice")
        )
        editorial = QGroupBox(self.tr("Editorial charter"))
        editorial_form = QFormLayout(editorial)
        editorial_form.addRow(self.tr("Tone"), tone)
        editorial_form.addRow(self.tr("Banned words"), self.banned_words)
        editorial_form.addRow(self.tr("Mandatory mentions"), self.required_mentions)

        # Graphic charter
        self.palette_list = QListWidget()
        self.palette_list.setViewMode(QListView.ViewMode.ListMode)
        self.palette_list.setFlow(QListView.Flow.LeftToRight)
        self.palette_list.setWrapping(True)
        self.palette_list.setIconSize(QSize(18, 18))
        self.palette_list.setSpacing(3)
        self.palette_list.setFixedHeight(78)
        self.palette_list.setAccessibleName(self.tr("Palette"))
        for colour in initial.palette:
            self._add_swatch(colour)
        self.hex_edit = ColourEdit()
        self.hex_edit.setPlaceholderText("#1d4ed8")
        self.hex_edit.setMaximumWidth(110)
        self.hex_edit.returnPressed.connect(self.add_typed_colour)
        add_hex = QPushButton(self.tr("Add"))
        add_hex.setAutoDefault(False)
        add_hex.clicked.connect(self.add_typed_colour)
        pick = QPushButton(self.tr("Pick a colour…"))
        pick.setAutoDefault(False)
        pick.clicked.connect(self.pick_colour)
        remove = QPushButton(self.tr("Remove"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_colour)
        palette_buttons = QHBoxLayout()
        palette_buttons.addWidget(self.hex_edit)
        palette_buttons.addWidget(add_hex)
        palette_buttons.addWidget(pick)
        palette_buttons.addStretch(1)
        palette_buttons.addWidget(remove)
        self.palette_error = QLabel()
        self.palette_error.setStyleSheet(f"color: {alert_colour()};")
        self.palette_error.hide()
        graphic = QGroupBox(self.tr("Graphic charter: palette"))
        graphic_layout = QVBoxLayout(graphic)
        graphic_layout.addWidget(
            QLabel(self.tr("Colours of text, backgrounds and buttons outside it are reported."))
        )
        graphic_layout.addWidget(self.palette_list)
        graphic_layout.addLayout(palette_buttons)
        graphic_layout.addWidget(self.palette_error)

        # Tracking
        self.utm = QLineEdit(initial.utm_convention)
        self.utm.setPlaceholderText(
            "utm_source=newsletter&utm_medium=email&utm_campaign={campaign}"
        )
        utm_hint = QLabel(
            self.tr(
                "Every key must be in each link; a value must match; {campaign} stands for the "
                "campaign's name as a slug, {…} for any value. Empty: utm_source, utm_medium "
                "and utm_campaign must be there."
            )
        )
        utm_hint.setWordWrap(True)
        utm_hint.setStyleSheet("color: palette(placeholder-text);")
        tracking = QGroupBox(self.tr("UTM convention"))
        tracking_layout = QVBoxLayout(tracking)
        tracking_layout.addWidget(self.utm)
        tracking_layout.addWidget(utm_hint)

        # Mail clients
        chosen = set(initial.mail_clients or DEFAULT_MAIL_CLIENTS)
        keys = list(DEFAULT_MAIL_CLIENTS) + list(MORE_MAIL_CLIENTS)
        keys += [k for k in initial.mail_clients if k not in keys]
        self.mail_clients: dict[str, QCheckBox] = {}
        readers = QGroupBox(self.tr("Mail clients of the readers"))
        grid = QGridLayout(readers)
        for index, key in enumerate(keys):
            box = QCheckBox(mail_client_label(key))
            box.setToolTip(key)
            box.setChecked(key in chosen)
            self.mail_clients[key] = box
            grid.addWidget(box, index // 3, index % 3)
        readers_hint = QLabel(
            self.tr("CSS and HTML these clients do not support are reported (caniemail.com data).")
        )
        readers_hint.setWordWrap(True)
        readers_hint.setStyleSheet("color: palette(placeholder-text);")
        grid.addWidget(readers_hint, (len(keys) + 2) // 3, 0, 1, 3)

        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.errors.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # The rules scroll; Save and Cancel stay in sight below them, even on a laptop screen.
        rules = QWidget()
        rules_layout = QVBoxLayout(rules)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (intro, editorial, graphic, tracking, readers):
            rules_layout.addWidget(widget)
        rules_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(rules)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)

    def _lines(self, values: tuple[str, ...], placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit("\n".join(values))
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(72)
        return edit

    # -- palette ------------------------------------------------------------------------------

    def colours(self) -> list[str]:
        return [
            str(self.palette_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.palette_list.count())
        ]

    def _add_swatch(self, colour: str) -> None:
        if colour in self.colours():
            return
        item = QListWidgetItem(swatch(colour), colour)
        item.setData(Qt.ItemDataRole.UserRole, colour)
        self.palette_list.addItem(item)

    def add_typed_colour(self) -> bool:
        """Add the hex typed beside the palette; a wrong one is said there and not added."""
        text = self.hex_edit.text().strip()
        if not text:
            return True
        colour = normalise_colour(text)
        if colour is None:
            self.palette_error.setText(
                self.tr("“%1” is not a colour: use #rrggbb, for example #1d4ed8.").replace(
                    "%1", text
                )
            )
            self.palette_error.show()
            self.hex_edit.setStyleSheet(ERROR_STYLE)
            return False
        self._add_swatch(colour)
        self.hex_edit.clear()
        self.hex_edit.setStyleSheet("")
        self.palette_error.hide()
        return True

    def pick_colour(self) -> None:
        dialog = QColorDialog(self)
        dialog.setWindowTitle(self.tr("A colour of %1's palette").replace("%1", self.client_name))
        dialog.colorSelected.connect(weakly(self._colour_chosen))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _colour_chosen(self, colour: QColor) -> None:
        self._add_swatch(colour.name().lower())

    def remove_colour(self) -> None:
        row = self.palette_list.currentRow()
        if row >= 0:
            self.palette_list.takeItem(row)

    # -- saving -------------------------------------------------------------------------------

    def charters(self) -> CharterInput:
        def lines(edit: QPlainTextEdit) -> tuple[str, ...]:
            return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())

        tone = "tu" if self.tone_tu.isChecked() else "vous" if self.tone_vous.isChecked() else ""
        palette = self.colours()
        typed = self.hex_edit.text().strip()
        if typed:  # typed but not added: it is part of what the user means to save
            palette.append(typed)
        return CharterInput(
            tone=tone,
            banned_words=lines(self.banned_words),
            required_mentions=lines(self.required_mentions),
            palette=tuple(palette),
            utm_convention=self.utm.text().strip(),
            mail_clients=tuple(k for k, box in self.mail_clients.items() if box.isChecked()),
        )

    def save(self) -> bool:
        text = QCoreApplication.translate("ChartersDialog", "charters of %1")
        try:
            command = SaveCharters(
                self.ops, self.client_id, self.charters(), text.replace("%1", self.client_name)
            )
        except ValidationError as error:
            self.errors.setText("\n".join(charter_problem_text(p) for p in error.problems))
            self.errors.show()
            fields = {p.field for p in error.problems}
            self.hex_edit.setStyleSheet(ERROR_STYLE if "palette" in fields else "")
            self.utm.setStyleSheet(ERROR_STYLE if "utm_convention" in fields else "")
            return False
        except CrmdeskError as error:
            self.errors.setText(error_text(error))
            self.errors.show()
            return False
        self.undo_stack.push(command)
        self.accept()
        return True
