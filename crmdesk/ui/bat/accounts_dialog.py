"""Settings › SMTP accounts: the servers BAT test sends go out through.

An account lives in the workspace and its password in the system keyring; the password field
is only ever typed into, never filled from the keyring, so no stored password is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import smtp
from crmdesk.core.errors import CrmdeskError, FieldProblem, ValidationError
from crmdesk.core.models import SmtpSecurity
from crmdesk.core.secrets import SecretStoreUnavailable
from crmdesk.core.smtp import AccountInfo, AccountInput
from crmdesk.ui.kit.styles import ERROR_STYLE, alert_colour
from crmdesk.ui.labels import error_text, secret_store_text
from crmdesk.ui.operations import Operations

#: The port each security setting usually means; a port the user has not changed follows it.
DEFAULT_PORTS = {SmtpSecurity.STARTTLS: 587, SmtpSecurity.SSL: 465, SmtpSecurity.NONE: 25}
ID_ROLE = Qt.ItemDataRole.UserRole


def account_problem_text(problem: FieldProblem) -> str:
    known = {
        "name_empty": QCoreApplication.translate("AccountsDialog", "The account needs a name."),
        "name_too_long": QCoreApplication.translate(
            "AccountsDialog", "The name is longer than 80 characters."
        ),
        "name_taken": QCoreApplication.translate(
            "AccountsDialog", "Another account has this name."
        ),
        "host_invalid": QCoreApplication.translate(
            "AccountsDialog",
            "Give the server name alone, such as smtp.example.com (no smtp://, no port, "
            "no spaces).",
        ),
        "port_invalid": QCoreApplication.translate(
            "AccountsDialog", "The port must be between 1 and 65535."
        ),
        "username_too_long": QCoreApplication.translate(
            "AccountsDialog", "The user name is longer than 254 characters."
        ),
        "username_missing": QCoreApplication.translate(
            "AccountsDialog", "A password needs the user name it logs in with."
        ),
        "sender_invalid": QCoreApplication.translate(
            "AccountsDialog", "This is not an email address."
        ),
        "password_missing": QCoreApplication.translate(
            "AccountsDialog", "Give this user's password: it goes to the system keyring."
        ),
    }
    return known.get(problem.code, problem.message)


def security_label(security: SmtpSecurity) -> str:
    return {
        SmtpSecurity.STARTTLS: QCoreApplication.translate("AccountsDialog", "STARTTLS"),
        SmtpSecurity.SSL: QCoreApplication.translate("AccountsDialog", "SSL/TLS"),
        SmtpSecurity.NONE: QCoreApplication.translate(
            "AccountsDialog", "None (a local relay only)"
        ),
    }[security]


class AccountsDialog(QDialog):
    """The workspace's SMTP accounts: a list, and the form of the one selected (or a new one)."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.account_id: int | None = None  # the account in the form; None: a new one
        self.setWindowTitle(self.tr("SMTP accounts"))
        self.resize(760, 460)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("SMTP accounts"))
        self.list.currentItemChanged.connect(self._selected)
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_account)
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.ask_remove)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(list_buttons)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Brevo SMTP"))
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORTS[SmtpSecurity.STARTTLS])
        self.security = QComboBox()
        for security in SmtpSecurity:
            self.security.addItem(security_label(security), security.value)
        self._shown_security = SmtpSecurity.STARTTLS
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("empty if the server needs no login"))
        self.sender = QLineEdit()
        self.sender.setPlaceholderText(self.tr("the user name when it is an address"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "username": self.username,
            "sender": self.sender,
            "password": self.password,
        }
        self.field_errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        for key, text in (
            ("name", self.tr("Na&me")),
            ("host", self.tr("Ser&ver")),
            ("port", self.tr("&Port")),
            ("security", self.tr("S&ecurity")),
            ("username", self.tr("&User")),
            ("sender", self.tr("Sen&der address")),
            ("password", self.tr("Pass&word")),
        ):
            self.form.addRow(text, self._with_error(key))
        keyring_hint = QLabel(self.tr("The password goes to the system keyring, never elsewhere."))
        keyring_hint.setWordWrap(True)
        keyring_hint.setStyleSheet("color: palette(placeholder-text);")
        self.form.addRow("", keyring_hint)

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
        right.addLayout(self.form)
        right.addStretch(1)
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
            (self.name, self.host),
            (self.host, self.port),
            (self.port, self.security),
            (self.security, self.username),
            (self.username, self.sender),
            (self.sender, self.password),
            (self.password, self.buttons),
        ):
            QWidget.setTabOrder(first, second)

        self.confirm: QMessageBox | None = None
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_account()

    def _with_error(self, key: str) -> QWidget:
        """The field, and under it the sentence saying what is wrong with it (hidden until)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.fields[key])
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {alert_colour()};")
        label.hide()
        column.addWidget(label)
        self.field_errors[key] = label
        return box

    # -- the list -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        found: list[AccountInfo] = self.ops.read(smtp.accounts)
        self.accounts = {a.id: a for a in found}
        self.list.blockSignals(True)
        self.list.clear()
        for info in found:
            item = QListWidgetItem(info.name)
            item.setData(ID_ROLE, info.id)
            item.setToolTip(info.where)
            self.list.addItem(item)
            if info.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.remove_button.setEnabled(self.account_id is not None)

    def _selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_account(self.accounts[int(item.data(ID_ROLE))])

    def show_account(self, info: AccountInfo) -> None:
        self.account_id = info.id
        self.heading.setText(info.name)
        self._fill(info.name, info.host, info.port, info.security, info.username, info.sender)
        # The keyring's password is never read into the form: typing one replaces it.
        self.password.setPlaceholderText(self.tr("unchanged") if info.username else "")
        self.remove_button.setEnabled(True)

    def new_account(self) -> None:
        self.account_id = None
        self.list.setCurrentItem(None)
        self.heading.setText(self.tr("New account"))
        self._fill("", "", DEFAULT_PORTS[SmtpSecurity.STARTTLS], SmtpSecurity.STARTTLS, "", "")
        self.password.setPlaceholderText("")
        self.remove_button.setEnabled(False)
        self.name.setFocus()

    def _fill(
        self, name: str, host: str, port: int, security: SmtpSecurity, username: str, sender: str
    ) -> None:
        self.name.setText(name)
        self.host.setText(host)
        self._shown_security = security
        self.security.blockSignals(True)
        self.security.setCurrentIndex(self.security.findData(security.value))
        self.security.blockSignals(False)
        self.port.setValue(port)
        self.username.setText(username)
        self.sender.setText(sender)
        self.password.clear()
        self.clear_errors()
        self.notice.hide()

    def _security_changed(self) -> None:
        """A port left at the previous setting's usual value follows the new setting."""
        chosen = SmtpSecurity(self.security.currentData())
        if self.port.value() == DEFAULT_PORTS[self._shown_security]:
            self.port.setValue(DEFAULT_PORTS[chosen])
        self._shown_security = chosen

    # -- saving and removing ------------------------------------------------------------------

    def account_input(self) -> AccountInput:
        return AccountInput(
            name=self.name.text(),
            host=self.host.text(),
            port=self.port.value(),
            security=SmtpSecurity(self.security.currentData()),
            username=self.username.text(),
            sender=self.sender.text(),
        )

    def save(self) -> bool:
        """Store the form; a refusal is said beside its field and nothing is written."""
        self.clear_errors()
        self.notice.hide()
        try:
            account_id, _ = self.ops.write(
                smtp.save_account,
                self.account_input(),
                self.password.text() or None,
                self.account_id,
            )
        except ValidationError as error:
            self.show_problems(error.problems)
            return False
        except SecretStoreUnavailable as error:
            self.show_error(secret_store_text(error))
            return False
        except CrmdeskError as error:
            self.show_error(error_text(error))
            return False
        self.account_id = account_id
        self.reload(select_id=account_id)
        self.show_account(self.accounts[account_id])
        self.notice.setText(self.tr("“%1” saved.").replace("%1", self.accounts[account_id].name))
        self.notice.show()
        return True

    def ask_remove(self) -> None:
        if self.account_id is None:
            return
        name = self.accounts[self.account_id].name
        self.confirm = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove an SMTP account"),
            self.tr("Remove the account “%1”? Its password leaves the keyring too.").replace(
                "%1", name
            ),
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
        if button is not self.confirm_remove or self.account_id is None:
            return
        try:
            self.ops.write(smtp.remove_account, self.account_id)
        except SecretStoreUnavailable as error:
            self.show_error(secret_store_text(error))
            return
        except CrmdeskError as error:
            self.show_error(error_text(error))
            return
        self.account_id = None
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_account()

    # -- messages -----------------------------------------------------------------------------

    def show_problems(self, problems: list[FieldProblem]) -> None:
        elsewhere = []
        for problem in problems:
            label = self.field_errors.get(problem.field)
            if label is None:
                elsewhere.append(account_problem_text(problem))
                continue
            label.setText(account_problem_text(problem))
            label.show()
            self.fields[problem.field].setStyleSheet(ERROR_STYLE)
        if elsewhere:
            self.show_error("\n".join(elsewhere))
        first = self.fields.get(problems[0].field)
        if first is not None:
            first.setFocus()

    def show_error(self, text: str) -> None:
        self.errors.setText(text)
        self.errors.show()

    def clear_errors(self) -> None:
        self.errors.hide()
        for key, label in self.field_errors.items():
            label.hide()
            self.fields[key].setStyleSheet("")
