"""The operator's profile: a form shared by the welcome page (asked once, on the first start of
a workspace) and the Profile dialog (File › My profile…), validated by the core as you type."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import operators
from crmdesk.core.errors import CrmdeskError, FieldProblem, ValidationError
from crmdesk.ui.kit.styles import ERROR_STYLE
from crmdesk.ui.operations import Operations, show_error


def profile_problem_text(problem: FieldProblem) -> str:
    known = {
        "name_empty": QCoreApplication.translate("Profile", "Your profile needs a name."),
        "name_too_long": QCoreApplication.translate(
            "Profile", "The name is longer than 120 characters."
        ),
        "email_invalid": QCoreApplication.translate(
            "Profile", "This is not an email address (name@domain.fr)."
        ),
        "company_too_long": QCoreApplication.translate(
            "Profile", "The company is longer than 120 characters."
        ),
        "path_invalid": QCoreApplication.translate("Profile", "The logo path is not valid."),
        "colour_invalid": QCoreApplication.translate(
            "Profile", "Write the colour as #rrggbb (#1f2937)."
        ),
    }
    return known.get(problem.code, problem.message)


class ProfileForm(QWidget):
    """Name, email, company, logo and colour; ``valid_changed`` follows the core's verdict."""

    valid_changed = Signal(bool)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        current = ops.read(operators.me)
        data = current.as_input() if current is not None else operators.ProfileInput("")
        self.name = QLineEdit(data.name)
        self.name.setPlaceholderText(self.tr("e.g. Camille Moreau"))
        self.email = QLineEdit(data.email)
        self.email.setPlaceholderText(self.tr("camille@example.fr"))
        self.company = QLineEdit(data.company)
        self.company.setPlaceholderText(self.tr("Your company or trade name (optional)"))
        self.logo = QLineEdit(data.logo_path)
        self.logo.setPlaceholderText(self.tr("A PNG or SVG for your reports (optional)"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        self.colour = QLineEdit(data.colour)
        self.colour.setMaxLength(7)
        self.colour_button = QPushButton(self.tr("C&hoose…"))
        self.colour_button.clicked.connect(self._choose_colour)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour)
        colour_row.addWidget(self.colour_button)
        colour_row.addStretch(1)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #dc2626;")
        self.problems.hide()
        form = QFormLayout(self)
        for text, buddy, cell in (
            (self.tr("&Name"), self.name, self.name),
            (self.tr("&Email"), self.email, self.email),
            (self.tr("&Company"), self.company, self.company),
            (self.tr("&Logo"), self.logo, logo_row),
            (self.tr("Co&lour of your reports"), self.colour, colour_row),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)  # its accelerator reaches the field
            form.addRow(label, cell)
        form.addRow(self.problems)
        self.fields = {
            "name": self.name,
            "email": self.email,
            "company": self.company,
            "logo_path": self.logo,
            "colour": self.colour,
        }
        for field in self.fields.values():
            field.textChanged.connect(self._validate)
        self.valid = False
        self._validate()

    def value(self) -> operators.ProfileInput:
        return operators.ProfileInput(
            self.name.text(),
            self.email.text(),
            self.company.text(),
            self.logo.text(),
            self.colour.text(),
        )

    def _validate(self) -> None:
        problems: list[FieldProblem] = []
        try:
            operators.validate(self.value())
        except ValidationError as error:
            problems = error.problems
        # An empty name on a blank form is not an error yet: nothing is typed.
        shown = [p for p in problems if not (p.code == "name_empty" and not self.name.text())]
        for name, field in self.fields.items():
            wrong = any(p.field == name for p in shown)
            field.setStyleSheet(ERROR_STYLE if wrong else "")
        self.problems.setText("\n".join(profile_problem_text(p) for p in shown))
        self.problems.setVisible(bool(shown))
        valid = not problems
        if valid != self.valid:
            self.valid = valid
            self.valid_changed.emit(valid)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Your logo"), "", self.tr("Images (*.png *.svg *.jpg *.jpeg)")
        )
        if path:
            self.logo.setText(path)

    def _choose_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour.text()), self, self.tr("Colour"))
        if chosen.isValid():
            self.colour.setText(chosen.name())

    def save(self) -> bool:
        """Store the profile as "me"; False (with the reason shown) when refused."""
        try:
            self.ops.write(operators.save_my_profile, self.value())
        except ValidationError:
            self._validate()
            return False
        except CrmdeskError as error:
            show_error(self, error)
            return False
        return True


class ProfileDialog(QDialog):
    """File › My profile…: the "who" of every decision and the face of every report."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My profile"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Your name signs every decision, checklist tick, BAT and send, and your "
                "name, logo and colour head the reports your clients receive."
            )
        )
        intro.setWordWrap(True)
        self.form = ProfileForm(ops)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(self.form.valid)
        self.form.valid_changed.connect(self.save_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.name.setFocus()

    def accept(self) -> None:
        if self.form.save():
            super().accept()
