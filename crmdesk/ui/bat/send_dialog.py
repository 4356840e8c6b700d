"""The test send of a BAT round: the email goes to the client's inbox as they will receive it.

The send runs on a worker thread, since a server that does not answer holds the connection for
up to twenty seconds; the dialog says "Sending…" meanwhile and cannot be closed, because
smtplib cannot be interrupted half-way through a conversation. A refusal is said in the
dialog, in the user's language, and nothing is recorded.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crmdesk.core import contacts, smtp
from crmdesk.core.bat import message, personas, rounds
from crmdesk.core.bat.personas import DEFAULT_PERSONA, PersonaInfo
from crmdesk.core.contacts import ContactInfo
from crmdesk.core.errors import CrmdeskError, FieldProblem, ValidationError
from crmdesk.core.models import RaciRole
from crmdesk.core.secrets import SecretStoreUnavailable
from crmdesk.core.smtp import SendFailed
from crmdesk.ui.bat.accounts_dialog import AccountsDialog
from crmdesk.ui.bat.personas_dialog import PersonasDialog
from crmdesk.ui.kit.styles import ERROR_STYLE, alert_colour
from crmdesk.ui.labels import error_text, secret_store_text
from crmdesk.ui.operations import Operations, Progress

ADDRESS_ROLE = Qt.ItemDataRole.UserRole
NAME, ROLE, ADDRESS = range(3)
_SEPARATORS = re.compile(r"[,;\n]")
_QUOTED = re.compile(r"“([^”]*)”")


def role_label(role: RaciRole) -> str:
    return {
        RaciRole.ACCOUNTABLE: QCoreApplication.translate("SendDialog", "Approves"),
        RaciRole.RESPONSIBLE: QCoreApplication.translate("SendDialog", "Responsible"),
        RaciRole.CONSULTED: QCoreApplication.translate("SendDialog", "Consulted"),
        RaciRole.INFORMED: QCoreApplication.translate("SendDialog", "Informed"),
    }[role]


def send_error_text(error: CrmdeskError) -> str:
    """Why a test send did not go out, in the user's language; the core's English sentence
    when the case is not one of the known ones."""
    if isinstance(error, SendFailed):
        known = {
            "login_refused": QCoreApplication.translate(
                "SendDialog",
                "The server refused the login: check the user name and the password (some "
                "providers want an app password).",
            ),
            "unreachable": QCoreApplication.translate(
                "SendDialog",
                "The server cannot be reached: check its name, the port and the network.",
            ),
            "certificate": QCoreApplication.translate(
                "SendDialog",
                "The server's certificate could not be verified: check that the server name is "
                "the one on its certificate.",
            ),
            "timeout": QCoreApplication.translate(
                "SendDialog",
                "The server did not answer in time: check the port and the security setting "
                "(465 usually means SSL, 587 STARTTLS).",
            ),
            "refused_recipients": QCoreApplication.translate(
                "SendDialog", "The server refused some of the addresses."
            ),
            "tls_unavailable": QCoreApplication.translate(
                "SendDialog",
                "The encrypted connection failed: check the security setting (465 usually "
                "means SSL, 587 STARTTLS).",
            ),
            "no_password": QCoreApplication.translate(
                "SendDialog",
                "The keyring holds no password for this account: type it again in the "
                "account's settings.",
            ),
            "interrupted": QCoreApplication.translate(
                "SendDialog",
                "The server closed the connection during the send: the email was probably not "
                "delivered. Try again later.",
            ),
            "not_smtp": QCoreApplication.translate(
                "SendDialog",
                "What answers on this port is not an email server: check the port and the "
                "security setting (465 usually means SSL, 587 STARTTLS).",
            ),
            "protocol": QCoreApplication.translate(
                "SendDialog", "The server answered with an error."
            ),
        }
        return known.get(error.code, error.message)
    if isinstance(error, SecretStoreUnavailable):
        return secret_store_text(error)
    if isinstance(error, ValidationError):
        return "\n".join(_problem_text(p) for p in error.problems)
    return error_text(error)


def _problem_text(problem: FieldProblem) -> str:
    if problem.code == "recipient_invalid":
        found = _QUOTED.search(problem.message)
        if found:
            return QCoreApplication.translate(
                "SendDialog", "“%1” is not an email address."
            ).replace("%1", found.group(1))
    known = {
        "recipients_empty": QCoreApplication.translate(
            "SendDialog", "Choose at least one recipient."
        ),
        "sender_missing": QCoreApplication.translate(
            "SendDialog",
            "This account has no sender address: give it one in the account's settings.",
        ),
    }
    return known.get(problem.code, problem.message)


class SendDialog(QDialog):
    """Send BAT n to chosen contacts of the client and other addresses, through an account."""

    #: The confirmation ("BAT 2 sent to 3 addresses"), for the window's status bar.
    sent = Signal(str)

    def __init__(
        self, ops: Operations, round_id: int, parent: QWidget | None = None, *, who: str
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.round_id = round_id
        self.who = who
        self.busy = False
        view = ops.read(rounds.load_round, round_id)
        self.number = view.number
        self.client_id = view.client_id
        self.subject = view.subject or view.campaign_subject or view.campaign_name
        self.setWindowTitle(self.tr("Send BAT %1 as a test").replace("%1", str(self.number)))
        self.resize(640, 440)

        intro = QLabel(
            self.tr(
                "BAT %1 of “%2” goes to each address as the client will receive it: images "
                "embedded, tags filled from the persona."
            )
            .replace("%1", str(self.number))
            .replace("%2", view.campaign_name)
        )
        intro.setWordWrap(True)

        self.account = QComboBox()
        self.account.setAccessibleName(self.tr("SMTP account"))
        self.account.currentIndexChanged.connect(self._update_send_button)
        self.accounts_button = QPushButton(self.tr("Accounts…"))
        self.accounts_button.setAutoDefault(False)
        self.accounts_button.clicked.connect(self.open_accounts)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 1)
        account_row.addWidget(self.accounts_button)
        self.no_account = QWidget()
        note_row = QHBoxLayout(self.no_account)
        note_row.setContentsMargins(0, 0, 0, 0)
        note = QLabel(self.tr("No SMTP account yet: add the one test sends go out through."))
        note.setWordWrap(True)
        self.add_account_button = QPushButton(self.tr("Add an account…"))
        self.add_account_button.setAutoDefault(False)
        self.add_account_button.clicked.connect(self.open_accounts)
        note_row.addWidget(note, 1)
        note_row.addWidget(self.add_account_button)

        self.recipients = QTreeWidget()
        self.recipients.setColumnCount(3)
        self.recipients.setHeaderLabels([self.tr("Contact"), self.tr("Role"), self.tr("Address")])
        self.recipients.setRootIsDecorated(False)
        self.recipients.setMaximumHeight(180)
        self.recipients.setAccessibleName(self.tr("The client's contacts"))
        self.recipients.setToolTip(self.tr("Space ticks or unticks the contact"))
        head = self.recipients.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.ResizeToContents)
        self.no_contacts = QLabel(
            self.tr("The client has no contact with an email address: type the addresses below.")
        )
        self.no_contacts.setWordWrap(True)
        self.no_contacts.setStyleSheet("color: palette(placeholder-text);")
        self.others = QLineEdit()
        self.others.setPlaceholderText(self.tr("name@example.com; other@example.com"))

        self.persona = QComboBox()
        self.persona.setAccessibleName(self.tr("Sample persona"))
        self.persona.currentIndexChanged.connect(self._update_subject)
        self.personas_button = QPushButton(self.tr("Personas…"))
        self.personas_button.setAutoDefault(False)
        self.personas_button.clicked.connect(self.open_personas)
        persona_row = QHBoxLayout()
        persona_row.addWidget(self.persona, 1)
        persona_row.addWidget(self.personas_button)
        self.subject_preview = QLabel()
        self.subject_preview.setWordWrap(True)
        self.subject_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        def label(text: str, buddy: QWidget) -> QLabel:
            found = QLabel(text)
            found.setBuddy(buddy)  # its accelerator reaches the field beside it
            return found

        form = QFormLayout()
        form.addRow(label(self.tr("&Account"), self.account), account_row)
        form.addRow("", self.no_account)
        form.addRow(label(self.tr("&Recipients"), self.recipients), self.recipients)
        form.addRow("", self.no_contacts)
        form.addRow(self.tr("&Other addresses"), self.others)
        form.addRow(label(self.tr("&Persona"), self.persona), persona_row)
        form.addRow(self.tr("Subject"), self.subject_preview)

        self.errors = QLabel()
        # Plain text: the messages quote the server, whose words must not be read as HTML.
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(f"color: {alert_colour()}; font-weight: 600;")
        self.errors.hide()
        self.error_detail = QLabel()  # the core's sentence naming the server, for support
        self.error_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.error_detail.setWordWrap(True)
        self.error_detail.setStyleSheet("color: palette(placeholder-text);")
        self.error_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_detail.hide()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedHeight(10)
        self.busy_bar.setAccessibleName(self.tr("Sending"))
        self.busy_label = QLabel(self.tr("Sending… (a send cannot be interrupted)"))
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar, 1)
        self.busy_bar.hide()
        self.busy_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(
            self.tr("&Send"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.errors)
        layout.addWidget(self.error_detail)
        layout.addLayout(busy_row)
        layout.addWidget(self.buttons)
        self.send_button.setDefault(True)  # once in the dialog: Enter presses it
        for first, second in (
            (self.account, self.accounts_button),
            (self.accounts_button, self.add_account_button),
            (self.add_account_button, self.recipients),
            (self.recipients, self.others),
            (self.others, self.persona),
            (self.persona, self.personas_button),
            (self.personas_button, self.buttons),
        ):
            QWidget.setTabOrder(first, second)

        self.accounts_dialog: AccountsDialog | None = None
        self.personas_dialog: PersonasDialog | None = None
        self.load_accounts()
        self.load_contacts()
        self.load_personas()

    # -- what the dialog offers ---------------------------------------------------------------

    def load_accounts(self) -> None:
        chosen = self.account.currentData()
        self.account.blockSignals(True)
        self.account.clear()
        for info in self.ops.read(smtp.accounts):
            self.account.addItem(f"{info.name} ({info.where})", info.name)
        index = self.account.findData(chosen)
        self.account.setCurrentIndex(index if index >= 0 else 0)
        self.account.blockSignals(False)
        has_accounts = self.account.count() > 0
        self.account.setEnabled(has_accounts)
        self.no_account.setVisible(not has_accounts)
        self._update_send_button()

    def load_contacts(self) -> None:
        found: list[ContactInfo] = self.ops.read(contacts.contacts, self.client_id)
        self.recipients.clear()
        for contact in found:
            if not contact.email:
                continue
            item = QTreeWidgetItem([contact.name, role_label(contact.role), contact.email])
            item.setData(NAME, ADDRESS_ROLE, contact.email)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # Those who receive the BATs are ticked: the usual send needs no click.
            ticked = Qt.CheckState.Checked if contact.receives_bat else Qt.CheckState.Unchecked
            item.setCheckState(NAME, ticked)
            self.recipients.addTopLevelItem(item)
        self.recipients.setVisible(self.recipients.topLevelItemCount() > 0)
        self.no_contacts.setVisible(self.recipients.topLevelItemCount() == 0)
        if self.recipients.topLevelItemCount():
            self.recipients.setCurrentItem(self.recipients.topLevelItem(0))

    def load_personas(self) -> None:
        chosen = self.persona.currentData()
        found: list[PersonaInfo] = self.ops.read(personas.personas, self.client_id)
        self.persona.blockSignals(True)
        self.persona.clear()
        for info in found:
            self.persona.addItem(info.name, info.name)
        if not found:
            self.persona.addItem(
                self.tr("Default sample (%1 %2)")
                .replace("%1", DEFAULT_PERSONA["firstname"])
                .replace("%2", DEFAULT_PERSONA["lastname"]),
                None,
            )
        index = self.persona.findData(chosen) if chosen is not None else -1
        self.persona.setCurrentIndex(max(index, 0))
        self.persona.blockSignals(False)
        self._update_subject()

    def _update_subject(self) -> None:
        """The subject the inbox will show: the round's, its tags filled, "[BAT n]" in front."""
        fields = self.ops.read(personas.persona_fields, self.client_id, self.persona.currentData())
        subject = personas.fill(" ".join(self.subject.split()), fields, escape=False).html
        self.subject_preview.setText(f"[BAT {self.number}] {subject}".strip())

    def _update_send_button(self) -> None:
        self.send_button.setEnabled(not self.busy and self.account.count() > 0)

    def open_accounts(self) -> None:
        self.accounts_dialog = AccountsDialog(self.ops, self)
        self.accounts_dialog.finished.connect(self.load_accounts)
        self.accounts_dialog.open()

    def open_personas(self) -> None:
        self.personas_dialog = PersonasDialog(self.ops, self.client_id, self)
        self.personas_dialog.finished.connect(self.load_personas)
        self.personas_dialog.open()

    def chosen_recipients(self) -> list[str]:
        """The ticked contacts, then the other addresses as typed (the core checks them)."""
        chosen = []
        for index in range(self.recipients.topLevelItemCount()):
            item = self.recipients.topLevelItem(index)
            if item.checkState(NAME) == Qt.CheckState.Checked:
                chosen.append(str(item.data(NAME, ADDRESS_ROLE)))
        chosen.extend(self.other_addresses())
        return chosen

    def other_addresses(self) -> list[str]:
        return [a.strip() for a in _SEPARATORS.split(self.others.text()) if a.strip()]

    # -- sending ------------------------------------------------------------------------------

    def send(self) -> bool:
        """Start the send on the worker; False when there is nothing to send with."""
        if self.busy or self.account.count() == 0:
            return False
        account_name = str(self.account.currentData())
        recipients = self.chosen_recipients()
        persona_name = self.persona.currentData()
        round_id, who = self.round_id, self.who

        def prepare(session: Session) -> message.PreparedSend:
            return message.prepare_send(
                session,
                round_id,
                account_name=account_name,
                recipients=recipients,
                persona_name=persona_name,
            )

        workspace = self.ops.workspace

        def work(_progress: Progress) -> message.PreparedSend:
            # Built in a reader, handed to the server with no transaction open: a slow server
            # must not hold the workspace's write lock.
            with workspace.reader() as session:
                prepared = prepare(session)
            message.deliver(prepared)
            return prepared

        self.clear_errors()
        self._set_busy(True)
        self.ops.run(
            work,
            initiator=self,
            on_done=lambda prepared: self._delivered(prepared, who),
            on_failed=self.show_failure,
            on_finished=lambda: self._set_busy(False),
            context=f"sending BAT {self.number} (round {round_id})",
        )
        return True

    def _delivered(self, prepared: message.PreparedSend, who: str) -> None:
        """The server took it: recorded in a short write, which says what changed."""
        self._set_busy(False)
        try:
            self.ops.write(message.record, prepared, who)
        except CrmdeskError as error:
            self.show_failure(error)
            return
        record = self.ops.read(rounds.load_round, self.round_id).sends[-1]
        confirmation = self.tr("BAT %1 sent to %n address(es)", "", len(record.recipients))
        self.sent.emit(confirmation.replace("%1", str(self.number)))
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.cancel_button.setEnabled(not busy)
        for widget in (self.account, self.recipients, self.others, self.persona):
            widget.setEnabled(not busy)
        for button in (self.accounts_button, self.add_account_button, self.personas_button):
            button.setEnabled(not busy)
        if not busy:
            self.account.setEnabled(self.account.count() > 0)
        self._update_send_button()

    # -- messages -----------------------------------------------------------------------------

    def show_failure(self, error: CrmdeskError) -> None:
        sentence = send_error_text(error)
        self.errors.setText(sentence)
        self.errors.show()
        if isinstance(error, SendFailed | SecretStoreUnavailable) and sentence != error.message:
            self.error_detail.setText(error.message)
            self.error_detail.show()
        if isinstance(error, ValidationError):
            typed = set(self.other_addresses())
            bad = {
                found.group(1)
                for p in error.problems
                if p.code == "recipient_invalid" and (found := _QUOTED.search(p.message))
            }
            if bad & typed:
                self.others.setStyleSheet(ERROR_STYLE)
                self.others.setFocus()

    def clear_errors(self) -> None:
        self.errors.hide()
        self.error_detail.hide()
        self.others.setStyleSheet("")

    # -- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.busy:  # a send under way ends on its own; it cannot be called back
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)
