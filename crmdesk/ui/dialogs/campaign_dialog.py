"""The campaign dialog: every field of a campaign, validated by the core before it closes.

The dialog never writes: it hands a ``CampaignInput`` to ``submit`` (which pushes an undoable
command) and shows, beside the fields concerned, whatever the core refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, clients
from crmdesk.core.campaigns import CampaignInput
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.core.markers import blackout_for
from crmdesk.core.models import CampaignStatus, CampaignType, Channel
from crmdesk.core.timezones import DEFAULT_TIMEZONE
from crmdesk.ui.kit.styles import ERROR_STYLE, colour_icon
from crmdesk.ui.labels import channel_label, problem_text, status_label, type_label
from crmdesk.ui.operations import Operations, show_error

ESPS = ("Brevo", "Mailchimp", "Mailjet", "Splio", "Actito", "Selligent", "Salesforce MC")
TIMEZONES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/London",
    "America/Montreal",
    "Indian/Reunion",
    "America/Martinique",
    "Pacific/Noumea",
    "UTC",
)


class CampaignDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        submit: Callable[[CampaignInput], None],
        initial: CampaignInput | None = None,
        *,
        campaign_id: int | None = None,
        day: date | None = None,
        open_brief: Callable[[], None] | None = None,
        open_checklist: Callable[[], None] | None = None,
        open_bat: Callable[[], None] | None = None,
        open_stats: Callable[[], None] | None = None,
        open_recap: Callable[[], None] | None = None,
        new_client: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        time_box: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.submit = submit
        self.campaign_id = campaign_id
        self.setWindowTitle(self.tr("Edit campaign") if campaign_id else self.tr("New campaign"))
        self.setMinimumWidth(560)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.banner.hide()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b45309;")
        self.warning.hide()

        self._initial_segments: tuple[int, ...] = () if initial is None else initial.segment_ids
        self.client = QComboBox()
        self.reload_clients(None if initial is None else initial.client_id)
        self.no_client = QLabel(
            self.tr("No client yet: create one first (New client…), then plan its campaign.")
        )
        self.no_client.setWordWrap(True)
        self.no_client.setVisible(self.client.count() == 0)
        self.new_client_button = QPushButton(self.tr("New cl&ient…"))
        self.new_client_button.setToolTip(self.tr("Create a client in the Clients window"))
        self.new_client_button.setVisible(new_client is not None)
        if new_client is not None:
            self.new_client_button.clicked.connect(new_client)
        client_row = QHBoxLayout()
        client_row.addWidget(self.client, 1)
        client_row.addWidget(self.new_client_button)
        client_cell = QVBoxLayout()
        client_cell.addLayout(client_row)
        client_cell.addWidget(self.no_client)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Spring offer –40 % on all magazines"))
        self.name.setMaxLength(200)
        self.type = QComboBox()
        for kind in CampaignType:
            self.type.addItem(type_label(kind), kind)
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel)
        self.status = QComboBox()
        for status in CampaignStatus:
            self.status.addItem(status_label(status), status)

        self.send_date = QDateEdit()
        self.send_date.setCalendarPopup(True)
        self.send_date.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.send_time = QTimeEdit()
        self.send_time.setDisplayFormat("HH:mm")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(TIMEZONES)
        when = QHBoxLayout()
        when.addWidget(self.send_date, 2)
        when.addWidget(self.send_time, 1)
        when.addWidget(self.timezone, 2)

        self.segments = QListWidget()
        self.segments.setMaximumHeight(110)
        self.parent_campaign = QComboBox()
        self.volume = QSpinBox()
        self.volume.setRange(-1, 100_000_000)
        self.volume.setSpecialValueText(self.tr("unknown"))
        self.volume.setGroupSeparatorShown(True)
        self.subject = QLineEdit()
        self.preheader = QLineEdit()
        self.esp = QComboBox()
        self.esp.setEditable(True)
        self.esp.addItems(("", *ESPS))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)

        form = QFormLayout()
        client_label = QLabel(self.tr("&Client"))
        client_label.setBuddy(self.client)
        form.addRow(client_label, client_cell)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Type"), self.type)
        form.addRow(self.tr("C&hannel"), self.channel)
        form.addRow(self.tr("&Status"), self.status)
        when_label = QLabel(self.tr("Send &on"))
        when_label.setBuddy(self.send_date)
        form.addRow(when_label, when)
        form.addRow(self.tr("Se&gments"), self.segments)
        form.addRow(self.tr("&Follows"), self.parent_campaign)
        form.addRow(self.tr("&Volume"), self.volume)
        form.addRow(self.tr("Su&bject"), self.subject)
        form.addRow(self.tr("&Preheader"), self.preheader)
        form.addRow(self.tr("&ESP"), self.esp)
        form.addRow(self.tr("No&tes"), self.notes)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if open_brief is not None:
            brief = buttons.addButton(self.tr("B&rief…"), QDialogButtonBox.ButtonRole.ActionRole)
            brief.setToolTip(self.tr("Open the brief of this campaign (Ctrl+B)"))
            brief.clicked.connect(open_brief)
        if open_checklist is not None:
            checklist = buttons.addButton(
                self.tr("Check&list…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            checklist.setToolTip(self.tr("Open the checklist of this campaign (Ctrl+L)"))
            checklist.clicked.connect(open_checklist)
        if open_bat is not None:
            bat = buttons.addButton(self.tr("B&AT…"), QDialogButtonBox.ButtonRole.ActionRole)
            bat.setToolTip(self.tr("Open the BAT rounds of this campaign (Ctrl+R)"))
            bat.clicked.connect(open_bat)
        if open_stats is not None:
            stats = buttons.addButton(
                self.tr("D+&5 stats…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            stats.setToolTip(self.tr("Open the figures and KPIs of this campaign (Ctrl+J)"))
            stats.clicked.connect(open_stats)
        if open_recap is not None:
            recap = buttons.addButton(
                self.tr("Recap P&DF…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            recap.setToolTip(self.tr("Make the recap of this campaign as a PDF (Ctrl+P)"))
            recap.clicked.connect(open_recap)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        # -- time spent and budget (issue 20): the timer, the time spent, the budget's use --
        self.time_box = time_box
        if time_box is not None:
            layout.addWidget(time_box)
        # -- end of time --
        layout.addWidget(buttons)

        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "client": self.client,
            "timezone": self.timezone,
            "send_at": self.send_date,
            "volume": self.volume,
            "segments": self.segments,
            "parent": self.parent_campaign,
        }
        self.client.currentIndexChanged.connect(self._client_changed)
        self.send_date.dateChanged.connect(self._check_holiday)
        self.client.currentIndexChanged.connect(self._check_holiday)  # blackout dates (issue 20)
        self._load(initial, day)
        self.name.setFocus()

    # -- loading ------------------------------------------------------------------------------

    def _load(self, initial: CampaignInput | None, day: date | None) -> None:
        if initial is None:
            start = day or date.today()
            self.send_date.setDate(QDate(start))
            self.send_time.setTime(QTime(10, 0))
            self.timezone.setCurrentText(DEFAULT_TIMEZONE)
            self.volume.setValue(-1)
            self._client_changed()
            self._check_holiday()
            return
        self.client.setCurrentIndex(max(0, self.client.findData(initial.client_id)))
        self._client_changed()
        self.name.setText(initial.name)
        self.type.setCurrentIndex(self.type.findData(initial.type))
        self.channel.setCurrentIndex(self.channel.findData(initial.channel))
        self.status.setCurrentIndex(self.status.findData(initial.status))
        self.send_date.setDate(QDate(initial.send_date))
        self.send_time.setTime(QTime(initial.send_time.hour, initial.send_time.minute))
        self.timezone.setCurrentText(initial.timezone)
        for row in range(self.segments.count()):
            item = self.segments.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in initial.segment_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.parent_campaign.setCurrentIndex(
            max(0, self.parent_campaign.findData(initial.parent_id))
        )
        self.volume.setValue(-1 if initial.volume is None else initial.volume)
        self.subject.setText(initial.subject)
        self.preheader.setText(initial.preheader)
        self.esp.setCurrentText(initial.esp)
        self.notes.setPlainText(initial.notes)
        self._check_holiday()

    def reload_clients(self, select_id: int | None = None) -> None:
        """The clients a campaign can be planned for (the archived one a campaign already
        belongs to stays, so editing it keeps its client), ``select_id`` chosen."""
        chosen = self.client.currentData() if select_id is None else select_id
        self.client.blockSignals(True)
        self.client.clear()
        for info in self.ops.read(clients.list_clients, include_archived=True):
            if info.archived and info.id != chosen:
                continue
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        self.client.setCurrentIndex(max(0, self.client.findData(chosen)))
        self.client.blockSignals(False)
        if hasattr(self, "no_client"):
            self.no_client.setVisible(self.client.count() == 0)
            self._client_changed()

    def _client_changed(self) -> None:
        client_id = self.client.currentData()
        self.segments.clear()
        self.parent_campaign.clear()
        self.parent_campaign.addItem(self.tr("— none —"), None)
        if client_id is None:
            return
        kept = set(self._initial_segments)
        for segment in self.ops.read(clients.list_segments, client_id, include_archived=True):
            if segment.archived and segment.id not in kept:
                continue  # archived: not offered, but a campaign that targets it keeps it
            size = QLocale().toString(segment.estimated_size)
            item = QListWidgetItem(f"{segment.name}  ({size})")
            item.setData(Qt.ItemDataRole.UserRole, segment.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.segments.addItem(item)
        for choice in self.ops.read(campaigns.parent_choices, client_id, self.campaign_id):
            day = QLocale().toString(QDate(choice.send_at.date()), QLocale.FormatType.ShortFormat)
            label = f"{day} — {choice.name}"
            self.parent_campaign.addItem(label, choice.id)

    def _check_holiday(self) -> None:
        day = self.send_date.date().toPython()
        found = holidays_between(day, day, QLocale().name()[:2])
        warnings = []
        if found:
            warnings.append(
                "★ "
                + self.tr("%1 is a public holiday (%2): sends on holidays often perform worse.")
                .replace(
                    "%1", QLocale().toString(self.send_date.date(), QLocale.FormatType.LongFormat)
                )
                .replace("%2", found[day])
            )
        # -- blackout markers (issue 20): the client's imported blackout dates --
        client_id = self.client.currentData()
        blackout = None if client_id is None else self.ops.read(blackout_for, client_id, day)
        if blackout is not None:
            warnings.append(
                "⊘ "
                + self.tr("%1 is a blackout date of the client (%2): they asked for no sends.")
                .replace(
                    "%1", QLocale().toString(self.send_date.date(), QLocale.FormatType.LongFormat)
                )
                .replace("%2", blackout)
            )
        # -- end of blackout markers --
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    # -- saving -------------------------------------------------------------------------------

    def value(self) -> CampaignInput:
        at = self.send_time.time()
        return CampaignInput(
            client_id=self.client.currentData() or 0,
            name=self.name.text(),
            send_date=self.send_date.date().toPython(),
            send_time=time(at.hour(), at.minute()),
            timezone=self.timezone.currentText().strip(),
            channel=self.channel.currentData(),
            type=self.type.currentData(),
            status=self.status.currentData(),
            parent_id=self.parent_campaign.currentData(),
            segment_ids=tuple(
                self.segments.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.segments.count())
                if self.segments.item(row).checkState() == Qt.CheckState.Checked
            ),
            volume=None if self.volume.value() < 0 else self.volume.value(),
            subject=self.subject.text(),
            preheader=self.preheader.text(),
            esp=self.esp.currentText().strip(),
            notes=self.notes.toPlainText(),
        )

    def accept(self) -> None:
        for widget in self.fields.values():
            widget.setStyleSheet("")
        try:
            self.submit(self.value())
        except ValidationError as error:
            self.banner.setText("\n".join(problem_text(p) for p in error.problems))
            self.banner.show()
            for problem in error.problems:
                widget = self.fields.get(problem.field)
                if widget is not None:
                    widget.setStyleSheet(ERROR_STYLE)
            first = self.fields.get(error.problems[0].field)
            if first is not None:
                first.setFocus()
            return
        except CrmdeskError as error:  # the workspace refused (busy, read-only…): keep the input
            show_error(self, error)
            return
        super().accept()
