"""Sending a campaign's recap PDF to the client's contacts, through one of the SMTP accounts of
the BAT test sends, with a short message the operator edits; the campaign keeps who sent it,
when and to whom, listed at the bottom of the dialog.

Built like the BAT test send: the email is checked and built in a reader, handed to the server
on a worker thread with no transaction open (a slow server must not hold the workspace's write
lock), and recorded in a short write once the server took it. A send under way cannot be
interrupted, so the dialog cannot be closed meanwhile.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crmdesk.core import campaigns, settings, smtp
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.reports import sends
from crmdesk.core.secrets import SecretStoreUnavailable
from crmdesk.core.smtp import SendFailed
from crmdesk.ui.bat.accounts_dialog import AccountsDialog
from crmdesk.ui.bat.send_dialog import send_error_text
from crmdesk.ui.kit.fit import fit_to_screen
from crmdesk.ui.kit.formats import local_text
from crmdesk.ui.kit.styles import ERROR_STYLE, alert_colour
from crmdesk.ui.operations import Operations, Progress

#: Recipients are typed one a line or separated by ";" (a name may hold a comma).
_SEPARATORS = re.compile(r"[;\n]")
WHEN, BY, TO, SUBJECT = range(4)


class RecapSendDialog(QDialog):
    """The recap PDF to chosen addresses, with a subject and a message the operator edits."""

    #: The confirmation ("Recap sent to 2 addresses"), for the report window's status line.
    sent = Signal(str)

    def __init__(
        self,
        ops: Operations,
        campaign_id: int,
        pdf: bytes,
        file_name: str,
        parent: QWidget | None = None,
        *,
        who: str,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.campaign_id = campaign_id
        self.pdf = pdf
        self.who = who
        self.busy = False
        campaign = ops.read(campaigns.load, campaign_id)
        signature = ops.read(settings.branding).operator_name or who
        self.setWindowTitle(self.tr("Send the recap of “%1”").replace("%1", campaign.name))
        fit_to_screen(self, 680, 640)

        self.account = QComboBox()
        self.account.setAccessibleName(self.tr("SMTP account"))
        self.accounts_button = QPushButton(self.tr("Accounts…"))
        self.accounts_button.setAutoDefault(False)
        self.accounts_button.clicked.connect(self.open_accounts)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 1)
        account_row.addWidget(self.accounts_button)
        self.no_account = QLabel(
            self.tr("No SMTP account yet: add the one your emails go out through (Accounts…).")
        )
        self.no_account.setWordWrap(True)

        self.recipients = QPlainTextEdit()
        self.recipients.setTabChangesFocus(True)
        self.recipients.setMaximumHeight(90)
        self.recipients.setPlaceholderText(self.tr("One address a line: Name <name@example.com>"))
        self.recipients.setPlainText("\n".join(ops.read(sends.default_recipients, campaign_id)))
        self.subject = QLineEdit(self.tr("Recap – %1").replace("%1", campaign.name))
        self.message = QPlainTextEdit()
        self.message.setTabChangesFocus(True)
        self.message.setMinimumHeight(150)
        self.message.setPlainText(
            self.tr(
                "Hello,\n\nPlease find attached the recap of the campaign “%1”: its results, "
                "what we learnt from it and the next steps.\n\nBest regards,\n%2"
            )
            .replace("%1", campaign.name)
            .replace("%2", signature)
        )
        self.file_name = QLineEdit(file_name)
        size = QLabel(QLocale().formattedDataSize(len(pdf)))
        size.setStyleSheet("color: palette(placeholder-text);")
        attachment = QHBoxLayout()
        attachment.addWidget(self.file_name, 1)
        attachment.addWidget(size)

        def label(text: str, buddy: QWidget) -> QLabel:
            found = QLabel(text)
            found.setBuddy(buddy)  # its accelerator reaches the field beside it
            return found

        form = QFormLayout()
        form.addRow(label(self.tr("&Account"), self.account), account_row)
        form.addRow("", self.no_account)
        form.addRow(label(self.tr("&To"), self.recipients), self.recipients)
        form.addRow(label(self.tr("S&ubject"), self.subject), self.subject)
        form.addRow(label(self.tr("&Message"), self.message), self.message)
        form.addRow(label(self.tr("&PDF attached"), self.file_name), attachment)

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
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
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

        self.history = QTreeWidget()
        self.history.setColumnCount(4)
        self.history.setHeaderLabels(
            [self.tr("Sent"), self.tr("By"), self.tr("To"), self.tr("Subject")]
        )
        self.history.setRootIsDecorated(False)
        self.history.setMinimumHeight(90)
        self.history.setAccessibleName(self.tr("Recaps already sent for this campaign"))
        head = self.history.header()
        head.setStretchLastSection(True)
        for column in (WHEN, BY):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.no_history = QLabel(self.tr("No recap sent yet for this campaign."))
        self.no_history.setStyleSheet("color: palette(placeholder-text);")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = self.buttons.addButton(
            self.tr("&Send"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.send_button.setToolTip(self.tr("Send the recap (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.send)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.error_detail)
        layout.addLayout(busy_row)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("Recaps sent")))
        layout.addWidget(self.history, 1)
        layout.addWidget(self.no_history)
        layout.addWidget(self.buttons)

        self.accounts_dialog: AccountsDialog | None = None
        self.load_accounts()
        self.load_history()
        self.recipients.setFocus()

    # -- what the dialog offers ---------------------------------------------------------------

    def load_accounts(self) -> None:
        chosen = self.account.currentData()
        self.account.clear()
        for info in self.ops.read(smtp.accounts):
            self.account.addItem(f"{info.name} ({info.where})", info.name)
        index = self.account.findData(chosen)
        self.account.setCurrentIndex(index if index >= 0 else 0)
        has_accounts = self.account.count() > 0
        self.account.setEnabled(has_accounts and not self.busy)
        self.no_account.setVisible(not has_accounts)
        self.send_button.setEnabled(has_accounts and not self.busy)

    def load_history(self) -> None:
        self.history.clear()
        for record in self.ops.read(sends.recap_sends, self.campaign_id):
            item = QTreeWidgetItem(
                [
                    local_text(record.sent_at),
                    record.sent_by,
                    ", ".join(record.recipients),
                    record.subject,
                ]
            )
            item.setToolTip(TO, "\n".join(record.recipients))
            self.history.addTopLevelItem(item)
        has_history = self.history.topLevelItemCount() > 0
        self.history.setVisible(has_history)
        self.no_history.setVisible(not has_history)

    def open_accounts(self) -> None:
        self.accounts_dialog = AccountsDialog(self.ops, self)
        self.accounts_dialog.finished.connect(self.load_accounts)
        self.accounts_dialog.open()

    def chosen_recipients(self) -> list[str]:
        """The addresses as typed; the core checks them."""
        text = self.recipients.toPlainText()
        return [a.strip() for a in _SEPARATORS.split(text) if a.strip()]

    # -- sending ------------------------------------------------------------------------------

    def send(self) -> bool:
        """Start the send on the worker; False when there is nothing to send with."""
        if self.busy or self.account.count() == 0:
            return False
        campaign_id, pdf = self.campaign_id, self.pdf
        account_name = str(self.account.currentData())
        recipients = self.chosen_recipients()
        subject, body = self.subject.text(), self.message.toPlainText()
        file_name = self.file_name.text()

        def prepare(session: Session) -> sends.PreparedRecapSend:
            return sends.prepare_recap_send(
                session,
                campaign_id,
                account_name=account_name,
                recipients=recipients,
                subject=subject,
                body=body,
                pdf=pdf,
                file_name=file_name,
            )

        workspace, who = self.ops.workspace, self.who

        def work(_progress: Progress) -> sends.PreparedRecapSend:
            with workspace.reader() as session:
                prepared = prepare(session)
            sends.deliver(prepared)
            return prepared

        self.clear_errors()
        self.status.hide()
        self._set_busy(True)
        self.ops.run(
            work,
            initiator=self,
            on_done=lambda prepared: self._delivered(prepared, who),
            on_failed=self.show_failure,
            on_finished=lambda: self._set_busy(False),
            context=f"sending the recap of campaign {campaign_id}",
        )
        return True

    def _delivered(self, prepared: sends.PreparedRecapSend, who: str) -> None:
        """The server took it: recorded in a short write, which says what changed."""
        self._set_busy(False)
        try:
            self.ops.write(sends.record, prepared, who)
        except CrmdeskError as error:
            self.show_failure(error)
            return
        confirmation = self.tr("Recap sent to %n address(es).", "", len(prepared.recipients))
        self.status.setText(confirmation)
        self.status.show()
        self.load_history()
        self.sent.emit(confirmation)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.close_button.setEnabled(not busy)
        for widget in (self.recipients, self.subject, self.message, self.file_name):
            widget.setReadOnly(busy)
        self.accounts_button.setEnabled(not busy)
        self.load_accounts()

    # -- messages -----------------------------------------------------------------------------

    def show_failure(self, error: CrmdeskError) -> None:
        sentence = recap_send_error_text(error)
        self.errors.setText(sentence)
        self.errors.show()
        if isinstance(error, SendFailed | SecretStoreUnavailable) and sentence != error.message:
            self.error_detail.setText(error.message)
            self.error_detail.show()
        if isinstance(error, ValidationError):
            fields = {
                "recipients": self.recipients,
                "subject": self.subject,
                "body": self.message,
                "file_name": self.file_name,
            }
            marked = [fields[p.field] for p in error.problems if p.field in fields]
            for widget in marked:
                widget.setStyleSheet(ERROR_STYLE)
            if marked:
                marked[0].setFocus()

    def clear_errors(self) -> None:
        self.errors.hide()
        self.error_detail.hide()
        for widget in (self.recipients, self.subject, self.message, self.file_name):
            widget.setStyleSheet("")

    # -- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.busy:  # a send under way ends on its own; it cannot be called back
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def recap_send_error_text(error: CrmdeskError) -> str:
    """Why a recap did not go out, in the user's language: the BAT send's sentences for the
    server and the addresses, and the recap's own for its subject, message and attachment."""
    if not isinstance(error, ValidationError):
        return send_error_text(error)
    known = {
        "subject_empty": QCoreApplication.translate(
            "RecapSendDialog", "The email needs a subject."
        ),
        "subject_too_long": QCoreApplication.translate(
            "RecapSendDialog", "The subject is longer than %1 characters."
        ).replace("%1", QLocale().toString(sends.SUBJECT_MAX)),
        "body_too_long": QCoreApplication.translate(
            "RecapSendDialog", "The message is longer than %1 characters."
        ).replace("%1", QLocale().toString(sends.BODY_MAX)),
        "file_name_invalid": QCoreApplication.translate(
            "RecapSendDialog", "Give the PDF a file name."
        ),
        "pdf_invalid": QCoreApplication.translate(
            "RecapSendDialog", "The attachment is not a PDF: make the report again."
        ),
    }
    return "\n".join(
        known.get(p.code) or send_error_text(ValidationError([p])) for p in error.problems
    )
