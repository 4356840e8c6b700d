"""The dialog of one time entry (date, duration as h:mm, client and campaign, phase, note),
and the question asked when a timer ran over midnight or for too long.

Neither writes: the entry dialog hands an ``EntryInput`` to ``submit`` (which pushes an
undoable command) and shows beside its fields whatever the core refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import campaigns, clients
from crmdesk.core.errors import CrmdeskError, ValidationError
from crmdesk.core.models import ChecklistPhase
from crmdesk.core.timesheet import EntryInput, RunningTimerInfo
from crmdesk.ui.kit.formats import short_date
from crmdesk.ui.kit.styles import ERROR_STYLE, colour_icon
from crmdesk.ui.labels import problem_text
from crmdesk.ui.operations import Operations, show_error
from crmdesk.ui.time.formats import clock, hm, parse_duration, phase_label


def fill_phases(combo: QComboBox, chosen: str = "") -> None:
    """The checklist's phases, and "no phase" first."""
    combo.addItem("—", "")
    for phase in ChecklistPhase:
        combo.addItem(phase_label(phase), phase.value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


class EntryDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        submit: Callable[[EntryInput], None],
        initial: EntryInput | None = None,
        *,
        day: date | None = None,
        campaign_id: int | None = None,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.submit = submit
        self.setWindowTitle(self.tr("Correct time") if initial else self.tr("Add time"))
        self.setMinimumWidth(460)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE + " padding: 6px;")
        self.banner.hide()

        self.worked_on = QDateEdit()
        self.worked_on.setCalendarPopup(True)
        self.worked_on.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(self.tr("h:mm, e.g. 1:30"))
        self.duration.setToolTip(self.tr("Hours and minutes (1:30), or hours (1,5 or 2h)"))
        self.client = QComboBox()
        for info in ops.read(clients.list_clients):
            self.client.addItem(colour_icon(info.colour), info.name, info.id)
        self.campaign = QComboBox()
        self.phase = QComboBox()
        self.note = QLineEdit()
        self.note.setMaxLength(500)

        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.worked_on)
        form.addRow(self.tr("D&uration"), self.duration)
        form.addRow(self.tr("&Client"), self.client)
        form.addRow(self.tr("C&ampaign"), self.campaign)
        form.addRow(self.tr("&Phase"), self.phase)
        form.addRow(self.tr("&Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {
            "worked_on": self.worked_on,
            "minutes": self.duration,
            "client": self.client,
            "client_id": self.client,
            "campaign": self.campaign,
            "campaign_id": self.campaign,
            "phase": self.phase,
            "note": self.note,
        }
        self.client.currentIndexChanged.connect(lambda _i: self._load_campaigns(None))
        self._load(initial, day, campaign_id, client_id)
        self.duration.setFocus()

    def _load(
        self,
        initial: EntryInput | None,
        day: date | None,
        campaign_id: int | None,
        client_id: int | None,
    ) -> None:
        if initial is not None:
            day, campaign_id, client_id = initial.worked_on, initial.campaign_id, initial.client_id
            self.duration.setText(hm(initial.minutes))
            self.note.setText(initial.note)
        if campaign_id is not None and client_id is None:
            client_id = self.ops.read(campaigns.load, campaign_id).client_id
        self.worked_on.setDate(QDate(day or date.today()))
        self.client.blockSignals(True)
        self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.client.blockSignals(False)
        self._load_campaigns(campaign_id)
        fill_phases(self.phase, initial.phase if initial else "")

    def _load_campaigns(self, chosen: int | None) -> None:
        """The client's campaigns, newest first, after "no campaign" (time for the client)."""
        self.campaign.clear()
        self.campaign.addItem(self.tr("— the client, no campaign —"), None)
        name = self.client.currentText()
        if self.client.currentData() is None:
            return
        for row in reversed(self.ops.read(campaigns.list_campaigns, name)):
            self.campaign.addItem(f"{short_date(row.send_at.date())} — {row.name}", row.id)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(chosen)))

    def value(self) -> EntryInput | None:
        minutes = parse_duration(self.duration.text())
        if minutes is None:
            return None
        return EntryInput(
            worked_on=date.fromisoformat(self.worked_on.date().toString("yyyy-MM-dd")),
            minutes=minutes,
            campaign_id=self.campaign.currentData(),
            client_id=self.client.currentData(),
            phase=str(self.phase.currentData() or ""),
            note=self.note.text().strip(),
        )

    def accept(self) -> None:
        for widget in self.fields.values():
            widget.setStyleSheet("")
        data = self.value()
        if data is None:
            self._refuse(
                [self.tr("Write the duration as hours and minutes, e.g. 1:30.")], self.duration
            )
            return
        try:
            self.submit(data)
        except ValidationError as error:
            first: QWidget | None = self.fields.get(error.problems[0].field)
            self._refuse([problem_text(p) for p in error.problems], first)
            for problem in error.problems:
                field = self.fields.get(problem.field)
                if field is not None:
                    field.setStyleSheet(ERROR_STYLE)
            return
        except CrmdeskError as error:  # the workspace refused: keep the input
            show_error(self, error)
            return
        super().accept()

    def _refuse(self, lines: list[str], field: QWidget | None) -> None:
        self.banner.setText("\n".join(lines))
        self.banner.show()
        if field is not None:
            field.setStyleSheet(ERROR_STYLE)
            field.setFocus()


class StopQuestion(QDialog):
    """A timer that crossed midnight or ran for hours is never billed as it stands: how much of
    it goes on its first day, or nothing (Discard), or not now (Cancel)."""

    BILL, DISCARD = 1, 2

    def __init__(
        self,
        timer: RunningTimerInfo,
        elapsed_minutes: int,
        reason: str,
        suggested: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stop the timer"))
        self.setMinimumWidth(460)
        started = QDateTime.fromSecsSinceEpoch(int(timer.started_at.timestamp()))
        when = QLocale().toString(started, QLocale.FormatType.ShortFormat)
        if reason == "midnight":
            why = self.tr("The timer on “%1” started on %2 and ran past midnight: %3.")
        else:
            why = self.tr("The timer on “%1” started on %2 and ran for %3.")
        elapsed = clock(timedelta(minutes=elapsed_minutes))
        self.explanation = QLabel(
            why.replace("%1", timer.campaign).replace("%2", when).replace("%3", elapsed)
            + "\n"
            + self.tr("How much time do you bill on %1?").replace(
                "%1", short_date(timer.started_at.astimezone().date())
            )
        )
        self.explanation.setWordWrap(True)
        self.duration = QLineEdit(hm(suggested))
        self.duration.setToolTip(self.tr("Hours and minutes (1:30), or hours (1,5 or 2h)"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: palette(text); font-weight: 600;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Bill"), self.duration)
        buttons = QDialogButtonBox()
        self.bill_button = buttons.addButton(
            self.tr("Bill this time"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_button: QPushButton = buttons.addButton(
            self.tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard_button.setToolTip(self.tr("Stop the timer and bill nothing"))
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.bill_button.clicked.connect(self._bill)
        self.discard_button.clicked.connect(lambda: self.done(self.DISCARD))
        self.cancel_button.clicked.connect(self.reject)
        self.bill_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.duration.selectAll()
        self.duration.setFocus()

    def minutes(self) -> int | None:
        return parse_duration(self.duration.text())

    def _bill(self) -> None:
        minutes = self.minutes()
        if minutes is None or not 0 < minutes <= 24 * 60:
            self.problem.setText(self.tr("Write a duration between 0:01 and 24:00, e.g. 7:00."))
            self.problem.show()
            self.duration.setStyleSheet(ERROR_STYLE)
            self.duration.setFocus()
            return
        self.done(self.BILL)


def suggested_minutes(timer: RunningTimerInfo, elapsed_minutes: int, hours_per_day: float) -> int:
    """What the question proposes to bill: the run up to midnight of its first day, at most a
    working day; never more than it ran."""
    start = timer.started_at.astimezone()
    midnight = datetime.combine(start.date() + timedelta(days=1), datetime.min.time()).astimezone()
    until_midnight = int((midnight - start).total_seconds() // 60)
    day = round(hours_per_day * 60)
    return max(1, min(elapsed_minutes, until_midnight, day))
