"""The reports' settings: each client's logo on its own reports and the folder of the
operator's own templates. The operator's name, logo and colour are their profile (File › My
profile…), which this dialog shows and opens.

Everything is saved in one write when the dialog is accepted, or not at all; Cancel writes
nothing. Paths are kept as chosen: a logo moved later costs a warning on the report, never
the report.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clients, settings
from crmdesk.core.changes import Changes
from crmdesk.core.errors import CrmdeskError, FieldProblem, ValidationError
from crmdesk.core.reports.model import Branding
from crmdesk.ui.kit.dialogs import forget
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.styles import ERROR_STYLE, alert_colour, colour_icon
from crmdesk.ui.labels import problem_text
from crmdesk.ui.operations import Operations, show_error

THUMBNAIL = QSize(160, 56)
#: The images a report can show (as ``crmdesk.render.reports.LOGO_SUFFIXES``).
IMAGE_FILTER = "*.png *.jpg *.jpeg *.svg *.gif *.webp"


def settings_problem_text(problem: FieldProblem) -> str:
    known = {
        "path_too_long": QCoreApplication.translate(
            "ReportSettingsDialog", "The path is longer than %1 characters."
        ).replace("%1", str(settings.PATH_MAX)),
        "path_invalid": QCoreApplication.translate(
            "ReportSettingsDialog", "A path is a single line."
        ),
    }
    return known.get(problem.code) or problem_text(problem)


class LogoField(QWidget):
    """A logo's path, typed or chosen, with a thumbnail saying whether it can be shown."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("No logo"))
        self.path.setAccessibleName(title)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.path.clear)
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("border: 1px solid palette(mid); border-radius: 3px;")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.thumbnail)
        self.path.textChanged.connect(lambda _="": self._show_thumbnail())
        self._show_thumbnail()

    def text(self) -> str:
        return self.path.text().strip()

    def set_text(self, path: str) -> None:
        self.path.setText(path)

    def choose(self) -> None:
        current = Path(self.text()).expanduser() if self.text() else Path.home()
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.title,
            str(current.parent if current.is_file() else current),
            self.tr("Images (%1)").replace("%1", IMAGE_FILTER),
        )
        if name:
            self.path.setText(name)

    def _show_thumbnail(self) -> None:
        text = self.text()
        self.thumbnail.setPixmap(QPixmap())
        if not text:
            self.thumbnail.setText(self.tr("No logo"))
            return
        path = Path(text).expanduser()
        picture = QPixmap(str(path)) if path.is_file() else QPixmap()
        if picture.isNull():
            self.thumbnail.setText(
                self.tr("Not an image") if path.is_file() else self.tr("File not found")
            )
            return
        self.thumbnail.setText("")
        self.thumbnail.setPixmap(
            picture.scaled(
                THUMBNAIL - QSize(8, 8),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class ReportSettingsDialog(QDialog):
    """Branding, client logos and the templates folder, saved together on OK."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Report settings"))
        fit_to_screen(self, 640, 620)
        branding: Branding = ops.read(settings.branding)
        self._folder_loaded: str = ops.read(settings.template_folder)
        self._logos_loaded: dict[int, str] = {}  # each client's logo as read
        self._logos: dict[int, str] = {}  # as edited here
        self._client_id: int | None = None

        self.operator = QLabel()
        self.operator.setWordWrap(True)
        self.profile_button = QPushButton(self.tr("My &profile…"))
        self.profile_button.setAutoDefault(False)
        self.profile_button.clicked.connect(self.open_profile)
        self.profile_dialog: QDialog | None = None
        operator_row = QHBoxLayout()
        operator_row.addWidget(self.operator, 1)
        operator_row.addWidget(self.profile_button)
        operator = QGroupBox(self.tr("You, on every report"))
        operator.setLayout(operator_row)
        self._show_operator(branding)

        self.client = QComboBox()
        for info in ops.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        self.client_logo = LogoField(self.tr("The client's logo"))
        client_box = QGroupBox(self.tr("Each client, on its own reports"))
        client_form = QFormLayout(client_box)
        client_form.addRow(self._label(self.tr("&Client"), self.client), self.client)
        client_form.addRow(
            self._label(self.tr("Its lo&go"), self.client_logo.path), self.client_logo
        )
        client_box.setEnabled(self.client.count() > 0)

        self.folder = QLineEdit(self._folder_loaded)
        self.folder.setPlaceholderText(self.tr("None: the shipped templates"))
        self.folder_button = QPushButton(self.tr("Choose…"))
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_clear = QPushButton(self.tr("Clear"))
        self.folder_clear.setAutoDefault(False)
        self.folder_clear.clicked.connect(self.folder.clear)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.folder_clear)
        folder_note = QLabel(
            self.tr(
                "A file in this folder takes the place of the shipped template of the same name "
                "(recap.html, review.html, brief.html, report.css…); the others stay as shipped."
            )
        )
        folder_note.setWordWrap(True)
        folder_note.setStyleSheet("color: palette(placeholder-text);")
        templates = QGroupBox(self.tr("Your own templates"))
        templates_form = QFormLayout(templates)
        templates_form.addRow(self._label(self.tr("&Folder"), self.folder), folder_row)
        templates_form.addRow("", folder_note)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(operator)
        layout.addWidget(client_box)
        layout.addWidget(templates)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {
            "template_folder": self.folder,
            "logo_path": self.client_logo.path,
        }
        self.client.currentIndexChanged.connect(lambda _=0: self._client_changed())
        self._client_changed()
        ops.changed.connect(self._on_changed)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)  # its accelerator reaches the field
        return label

    # -- fields -------------------------------------------------------------------------------

    def _client_changed(self) -> None:
        """Keep the logo typed for the previous client; show the one of the new client."""
        if self._client_id is not None:
            self._logos[self._client_id] = self.client_logo.text()
        self._client_id = self.client.currentData()
        if self._client_id is None:
            return
        if self._client_id not in self._logos_loaded:
            self._logos_loaded[self._client_id] = self.ops.read(
                settings.client_logo, self._client_id
            )
        self.client_logo.set_text(
            self._logos.get(self._client_id, self._logos_loaded[self._client_id])
        )

    def _show_operator(self, branding: Branding) -> None:
        if branding.operator_name:
            text = self.tr("%1, in %2").replace("%1", branding.operator_name)
            text = text.replace("%2", branding.operator_colour)
            if branding.operator_logo:
                text += " · " + self.tr("logo: %1").replace("%1", branding.operator_logo)
        else:
            text = self.tr("No profile yet: your reports carry no name.")
        self.operator.setText(text)

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            self._show_operator(self.ops.read(settings.branding))

    def open_profile(self) -> None:
        """Name, logo and colour are the operator's profile: edited there, shown here."""
        from crmdesk.ui.profile import ProfileDialog

        dialog = ProfileDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.profile_dialog = dialog
        dialog.finished.connect(forget(self, "profile_dialog"))
        dialog.open()

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Your templates folder"), self.folder.text().strip() or str(Path.home())
        )
        if name:
            self.folder.setText(name)

    # -- saving -------------------------------------------------------------------------------

    def edited_logos(self) -> dict[int, str]:
        """The client logos changed here, by client id."""
        if self._client_id is not None:
            self._logos[self._client_id] = self.client_logo.text()
        return {
            client_id: path
            for client_id, path in self._logos.items()
            if path != self._logos_loaded.get(client_id, "")
        }

    def accept(self) -> None:
        for widget in self.fields.values():
            widget.setStyleSheet("")
        self.problem.hide()
        try:
            self.ops.write(settings.save_report_settings, self.folder.text(), self.edited_logos())
        except ValidationError as error:
            self.problem.setText("\n".join(settings_problem_text(p) for p in error.problems))
            self.problem.show()
            marked = [self.fields[p.field] for p in error.problems if p.field in self.fields]
            for widget in marked:
                widget.setStyleSheet(ERROR_STYLE)
            if marked:
                marked[0].setFocus()
            return
        except CrmdeskError as error:  # the workspace refused (busy, read-only…): keep the input
            show_error(self, error)
            return
        super().accept()
