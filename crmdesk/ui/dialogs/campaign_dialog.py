"""The campaign dialog: every field of a campaign, validated by the core before it closes.

The dialog never writes: it hands a ``CampaignInput`` to ``submit`` (which pushes an undoable
command) and shows, beside the fields concerned, whatever the core refused. Editing, it keeps
the version it loaded and what it loaded (``version``, ``started_from``): a campaign someone
else saved meanwhile is refused, and the dialog stays open and asks whether to reload it and
apply the user's changes on it, or to discard them (issue 22).
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
from crmdesk.core.concurrency import StaleEdit
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.holidays_fr import holidays_between
from crmdesk.core.markers import blackout_for
from crmdesk.core.models import CampaignStatus, CampaignType, Channel
from crmdesk.core.timezones import DEFAULT_TIMEZONE
from crmdesk.ui.kit import conflict
from crmdesk.ui.kit.dialogs import weakly
from crmdesk.ui.kit.styles import ERROR_STYLE, MARKED_STYLE, colour_icon
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
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.submit = submit
        self.campaign_id = campaign_id
        #: The campaign's version and values as loaded (or reloaded): what a save expects.
        self.version = version
        self.started_from = initial
        self.conflict_dialog: conflict.ConflictDialog | None = None
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
        self.reloaded = conflict.reload_note()

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
        layout.addWidget(self.reloaded)
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
        #: Every field of ``CampaignInput`` and its editor, to name and mark it after a reload.
        self.inputs: dict[str, QWidget] = {
            "client_id": self.client,
            "name": self.name,
            "type": self.type,
            "channel": self.channel,
            "status": self.status,
            "send_date": self.send_date,
            "send_time": self.send_time,
            "timezone": self.timezone,
            "segment_ids": self.segments,
            "parent_id": self.parent_campaign,
            "volume": self.volume,
            "subject": self.subject,
            "preheader": self.preheader,
            "esp": self.esp,
            "notes": self.notes,
        }
        rows: dict[str, object] = {
            "client_id": client_cell,
            "send_date": when,
            "send_time": when,
            "timezone": when,
        }
        self.labels: dict[str, str] = {}
        for name, widget in self.inputs.items():
            label = form.labelForField(rows.get(name, widget))  # type: ignore[call-overload]
            if isinstance(label, QLabel):
                self.labels[name] = label.text().replace("&", "")
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
        for widget in (*self.fields.values(), *self.inputs.values()):
            widget.setStyleSheet("")
        yours = self.value()
        try:
            self.submit(yours)
        except StaleEdit as stale:  # someone else saved it meanwhile: nothing was written
            self._ask_about(stale, yours)
            return
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

    # -- someone else saved it meanwhile (issue 22) -------------------------------------------

    def shown(self, field: str, value: object) -> str | None:
        """A value of the campaign the way this form shows it (the client's name for its id)."""
        combos = {
            "client_id": self.client,
            "type": self.type,
            "channel": self.channel,
            "status": self.status,
            "parent_id": self.parent_campaign,
        }
        combo = combos.get(field)
        if combo is not None:
            index = combo.findData(value)
            return conflict.value_text(combo.itemText(index)) if index >= 0 else None
        if field == "segment_ids" and isinstance(value, tuple):
            names = [
                self.segments.item(row).text()
                for row in range(self.segments.count())
                if self.segments.item(row).data(Qt.ItemDataRole.UserRole) in value
            ]
            return conflict.value_text(", ".join(names))
        return None

    def _ask_about(self, stale: StaleEdit, yours: CampaignInput) -> None:
        conflicts = (
            stale.both_changed(self.started_from, yours) if self.started_from is not None else ()
        )
        self.conflict_dialog = conflict.ask(
            self,
            stale,
            self.labels,
            on_reapply=weakly(self.reload_and_reapply, yours),
            on_discard=weakly(self.discard_mine, stale),
            conflicts=conflicts,
            name=yours.name,
            shown=self.shown,
        )

    def _reload(self) -> tuple[CampaignInput, int] | None:
        assert self.campaign_id is not None
        try:
            return self.ops.read(campaigns.load_versioned, self.campaign_id)
        except CrmdeskError as error:  # deleted in the meantime
            show_error(self, error)
            return None

    def _show(self, data: CampaignInput) -> None:
        self._initial_segments = tuple({*self._initial_segments, *data.segment_ids})
        self._load(data, None)

    def reload_and_reapply(self, yours: CampaignInput) -> None:
        """The campaign as it is now with the user's changes on it; the fields both changed
        keep the user's value and are marked. The user checks and saves again."""
        from crmdesk.core import concurrency

        found = self._reload()
        if found is None or self.started_from is None:
            return
        current, version = found
        merged = concurrency.merge(self.started_from, yours, current)
        self.started_from, self.version = current, version
        self._show(merged.value)
        for name in merged.conflicts:
            widget = self.inputs.get(name)
            if widget is not None:
                widget.setStyleSheet(MARKED_STYLE)
        if merged.conflicts:
            said = self.tr(
                "Reloaded: their changes are in, and yours are applied on top. You both "
                "changed %1: your version is kept (marked). Check it, then press OK to save."
            ).replace("%1", conflict.labels_text(merged.conflicts, self.labels))
        else:
            said = self.tr(
                "Reloaded: their changes are in, and yours are applied on top. Press OK to save."
            )
        self.reloaded.setText(said)
        self.reloaded.show()
        self.ok_button.setFocus()

    def discard_mine(self, stale: StaleEdit) -> None:
        """The campaign as the other person left it; a deleted one closes the form."""
        if stale.gone:
            self.reject()
            return
        found = self._reload()
        if found is None:
            return
        current, version = found
        self.started_from, self.version = current, version
        self._show(current)
        self.reloaded.setText(self.tr("Your changes were discarded: the campaign as it is now."))
        self.reloaded.show()
