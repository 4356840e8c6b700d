"""The checklist follows the chain, driven as the operator drives it (issue 17, part 1).

One campaign, its checklist window open and visible the whole time, while the other windows
are used through their real widgets: the brief typed in the brief editor, a proof imported
and sent as a test to a real SMTP server on 127.0.0.1 from the BAT window, approved with the
real button (Ctrl+Z takes the tick back), a D+5 export imported and the decisions typed in the
stats window, the send confirmed in the checklist's own question, the recap sent to the
client's contact from the report window. After each step the checklist window's own widgets
say that the item ticked itself: its state text and icon, who (the operator's profile) and
why (the event's note in the comment column), and the overall count going up.

A second test sets "BAT approved" to Not applicable with the checklist's real button before
the BAT is approved: the operator's word stands over the event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QScrollArea,
    QTableWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crmdesk.core import chain, checklists, operators, smtp
from crmdesk.core.briefs.content import Tone
from crmdesk.core.contacts import default_flags
from crmdesk.core.db import Workspace
from crmdesk.core.models import (
    ChecklistState,
    Contact,
    RaciRole,
    SmtpSecurity,
    StatSnapshot,
)
from crmdesk.core.operators import ProfileInput
from crmdesk.core.smtp import AccountInput
from crmdesk.ui.bat.window import BatWindow
from crmdesk.ui.brief.editor import BriefEditor
from crmdesk.ui.checklist.items import state_icon
from crmdesk.ui.checklist.window import ChecklistWindow
from crmdesk.ui.operations import Operations
from crmdesk.ui.reports.export_dialog import ReportRequest, ReportWindow
from crmdesk.ui.stats.window import StatsWindow
from tests.conftest import plan
from tests.keyring_backend import file_keyring
from tests.smtp_server import Server, smtp_server
from tests.ui.test_bat_window import import_proof
from tests.ui.test_checklist_panel import row_of
from tests.ui.test_reports_ui import wait_for_preview

#: The operator's profile: the "who" of every tick the chain makes.
ME = "Camille Moreau"
SENDER = "camille@moreau-crm.fr"
LOGIN, PASSWORD = "camille", "s3cret-Pa55-word"
APPROVER = ("Sophie Martin", "s.martin@lumiere.fr")

#: The checklist window's fixed day. The stats import dates the figures "today" on the
#: client's clock, so the campaign went out a week before the real today: the figures are
#: then the D+5 tracking (or later) and the send time has passed (the window asks).
TODAY = date.today()
SEND_DAY = TODAY - timedelta(days=7)
NAME = "Printemps des lecteurs"
SUBJECT = "Le printemps des lecteurs commence"

#: What the operator types in the brief (QTest types ASCII only).
OBJECTIVE = "Vendre 2000 abonnements"
CTA_LABEL = "Je m'abonne"
CTA_URL = "https://editions-lumiere.fr/printemps?utm_source=brevo"
MENTION = "Offre valable en France metropolitaine, dans la limite des stocks."
DECISIONS = "Relancer les non-ouvreurs J+7 avec un objet plus court"

#: The proof: the brief's CTA and mention, and the newsletter's unsubscribe mention, so its
#: import checks find no error (the approval asks nothing).
EMAIL = (
    "<!doctype html><html lang='fr'><head><meta charset='utf-8'>"
    f"<title>{SUBJECT}</title></head><body>"
    "<p>Bonjour</p>"
    f"<a href='{CTA_URL}'>Je m'abonne</a>"
    f"<p>{MENTION}</p>"
    "<p>Vous recevez cet e-mail car vous êtes inscrit(e) à notre newsletter. "
    "Désinscription à tout moment via le lien en bas de page.</p>"
    "<a href='https://example.com/desinscription'>Se désinscrire</a>"
    "</body></html>"
)

LABELS = {
    "brief": "Brief received and complete",
    "bat_imported": "Email built (HTML integrated)",
    "bat_sent": "BAT sent to the client",
    "bat_approved": "BAT approved by the client",
    "sent": "Send went out (seed inbox checked)",
    "stats": "D+5 tracking filled",
    "decisions": "Stats analysed, decisions taken (next test, relance, target)",
    "recap_sent": "Recap sent to the client",
}


# -- helpers ----------------------------------------------------------------------------------


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """A left click on the real, visible and enabled button."""
    assert button.isVisible(), f"“{button.text()}” is not shown"
    assert button.isEnabled(), f"“{button.text()}” is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def closed(checklist: ChecklistWindow) -> int:
    """The count "N / M done" shows, as the operator reads it."""
    found = re.fullmatch(r"(\d+) / (\d+) done", checklist.overall.text())
    assert found, checklist.overall.text()
    return int(found.group(1))


def same_icon(row: QTreeWidgetItem, state: ChecklistState) -> bool:
    drawn = row.icon(0).pixmap(16, 16).toImage()
    return drawn == state_icon(state).pixmap(16, 16).toImage()


def assert_ticked(
    qtbot: QtBot, checklist: ChecklistWindow, event: str, note: str, *, by_hand: bool = False
) -> QTreeWidgetItem:
    """The event's row in the checklist window says Done, with its icon, who (the profile's
    name) and why (the event's note, unless the operator ticked it by hand)."""
    label = LABELS[event]
    qtbot.waitUntil(lambda: row_of(checklist, label).text(0) == "Done", timeout=10_000)
    row = row_of(checklist, label)
    assert same_icon(row, ChecklistState.DONE), f"{label}: not the “done” icon"
    assert row.text(4).endswith(f" · {ME}"), f"{label}: who column reads {row.text(4)!r}"
    assert row.toolTip(4).startswith(f"{ME}, "), f"{label}: tooltip {row.toolTip(4)!r}"
    if by_hand:
        assert row.text(5) == "", f"{label}: comment reads {row.text(5)!r}"
    else:
        assert row.text(5) == note, f"{label}: comment reads {row.text(5)!r}"
    return row


def assert_to_do(checklist: ChecklistWindow, event: str) -> None:
    row = row_of(checklist, LABELS[event])
    assert row.text(0) == "To do", f"{LABELS[event]}: {row.text(0)}"
    assert same_icon(row, ChecklistState.TODO)
    assert row.text(4) == "" and row.text(5) == ""


def select_row(qtbot: QtBot, checklist: ChecklistWindow, event: str) -> None:
    """A click on the item's label (not its state icon, which would tick it)."""
    row = row_of(checklist, LABELS[event])
    checklist.tree.scrollToItem(row)
    rect = checklist.tree.visualItemRect(row)
    label_x = checklist.tree.header().sectionViewportPosition(1) + 10
    qtbot.mouseClick(
        checklist.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(label_x, rect.center().y()),
    )
    current = checklist.current_item()
    assert current is not None and current.event == event


def type_line(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as the operator does."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def type_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Click the cell, F2 to edit it, type over its text, Enter."""
    table.window().findChild(QScrollArea).ensureWidgetVisible(table)
    table.setFocus()
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table, "no cell editor opened"
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # Qt commits it queued


def mailchimp_report(path: Path) -> Path:
    """The campaign's own Mailchimp report: its name, subject and send date, so the import
    asks nothing."""
    header = (
        "Title,Subject,List,Send Date,Send Weekday,Total Recipients,Successful Deliveries,"
        "Soft Bounces,Hard Bounces,Total Bounces,Times Forwarded,Forwarded Opens,Unique Opens,"
        "Open Rate,Total Opens,Unique Clicks,Click Rate,Total Clicks,Unsubscribes,"
        "Abuse Complaints,Times Liked on Facebook,Folder Id,Unique Id,Total Orders,"
        "Total Gross Sales,Total Revenue"
    )
    sent = SEND_DAY.strftime("%b %d, %Y") + " 10:00 am"
    line = (
        f'{NAME},{SUBJECT},Abonnés actifs,"{sent}",{SEND_DAY.strftime("%A")},"2,000","1,980",'
        '12,8,20,0,0,700,35.35%,900,80,4.04%,95,3,0,0,,c0ffee1234,12,"480.00","480.00"'
    )
    path.write_text(f"{header}\n{line}\n", encoding="utf-8")
    return path


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A real SMTP server on 127.0.0.1 asking for a login, its password in a real (file)
    keyring; both the BAT test send and the recap go through it."""
    with (
        file_keyring(tmp_path / "keyring.json", monkeypatch),
        smtp_server(users={LOGIN: PASSWORD}) as running,
    ):
        yield running


@pytest.fixture
def ops(workspace: Workspace, client_id: int, server: Server) -> Operations:
    """One set of operations for every window, as in the app: each hears the others' writes.
    The operator's profile, the SMTP account and the client's approver are set first."""
    with workspace.session() as session:
        operators.save_my_profile(session, ProfileInput(name=ME, email=SENDER))
        account = AccountInput("Agence", "127.0.0.1", server.port, SmtpSecurity.NONE, LOGIN, SENDER)
        smtp.save_account(session, account, PASSWORD)
        session.add(
            Contact(
                client_id=client_id,
                name=APPROVER[0],
                email=APPROVER[1],
                raci_role=RaciRole.ACCOUNTABLE,
                **default_flags(RaciRole.ACCOUNTABLE),
            )
        )
    return Operations(workspace)


@pytest.fixture
def campaign(workspace: Workspace, client_id: int, ops: Operations) -> int:
    return plan(workspace, client_id, SEND_DAY, name=NAME, at=time(10, 0), subject=SUBJECT)


def open_checklist(qtbot: QtBot, ops: Operations, campaign_id: int) -> ChecklistWindow:
    window = ChecklistWindow(ops, campaign_id, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def open_bat(qtbot: QtBot, ops: Operations, campaign_id: int) -> BatWindow:
    window = BatWindow(ops, campaign_id)
    qtbot.addWidget(window)
    window.show()
    return window


# -- the chain --------------------------------------------------------------------------------


def test_the_checklist_ticks_itself_at_each_step_of_the_chain(
    qtbot: QtBot,
    workspace: Workspace,
    ops: Operations,
    campaign: int,
    server: Server,
    tmp_path: Path,
) -> None:
    checklist = open_checklist(qtbot, ops, campaign)
    assert checklist.who == ME
    for event in LABELS:
        assert_to_do(checklist, event)
    progress = [closed(checklist)]
    assert progress == [0]

    # 1. The brief, typed in the brief editor: the autosave ticks "Brief received".
    editor = BriefEditor(ops, campaign)
    qtbot.addWidget(editor)
    editor.show()
    activate(qtbot, editor)
    type_line(qtbot, editor.fields["primary_objective"], OBJECTIVE)
    type_line(qtbot, editor.click_rate.lineEdit(), "3.5")
    click(qtbot, editor.tone_vous)
    type_line(qtbot, editor.fields["mandatory_mentions"], MENTION)
    type_cell(qtbot, editor.ctas, 0, 0, CTA_LABEL)
    assert_to_do(checklist, "brief")  # no URL to the CTA yet: incomplete
    with qtbot.waitSignal(editor.saved, timeout=5_000):
        type_cell(qtbot, editor.ctas, 0, 1, CTA_URL)
    typed = editor.content()
    assert typed.primary_objective == OBJECTIVE and typed.kpi_targets.click_rate == 3.5
    assert [(c.label, c.url) for c in typed.ctas] == [(CTA_LABEL, CTA_URL)]
    assert typed.mandatory_mentions == MENTION and typed.tone is Tone.VOUS
    assert editor.score.value() == 100, [
        editor.problems.item(i).text() for i in range(editor.problems.count())
    ]
    assert_ticked(qtbot, checklist, "brief", "Brief complete (100%)")
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1
    editor.close()

    # 2. The proof imported in the BAT window: "Email built" (and the checks' items).
    email = tmp_path / "printemps.html"
    email.write_text(EMAIL, encoding="utf-8")
    bat = open_bat(qtbot, ops, campaign)
    import_proof(qtbot, bat, email)
    assert bat.view is not None and not bat.view.open_errors, [
        f.message_en for f in bat.view.open_errors
    ]
    assert_ticked(qtbot, checklist, "bat_imported", "BAT 1 imported (printemps.html)")
    assert_to_do(checklist, "bat_sent")
    progress.append(closed(checklist))
    assert progress[-1] > progress[-2]

    # 3. A test send through the BAT window's send dialog, to the real server.
    click(qtbot, bat.send_button)
    dialog = bat.send_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.account.currentData() == "Agence"
    approver = dialog.recipients.topLevelItem(0)
    assert (approver.text(0), approver.checkState(0)) == (APPROVER[0], Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.sent, timeout=15_000):
        click(qtbot, dialog.send_button)
    [received] = server.received
    assert received.rcpt_tos == (APPROVER[1],)
    assert_ticked(qtbot, checklist, "bat_sent", "BAT 1 sent as a test")
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1

    # 4. Approved with the real button; Ctrl+Z in the BAT window takes the tick back.
    click(qtbot, bat.approve_button)
    assert bat.override_dialog is None  # no error open: nothing asked
    assert_ticked(qtbot, checklist, "bat_approved", "BAT 1 approved")
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1
    activate(qtbot, bat)
    qtbot.keyClick(bat, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: row_of(checklist, LABELS["bat_approved"]).text(0) == "To do")
    assert_to_do(checklist, "bat_approved")
    assert closed(checklist) == progress[-2]
    click(qtbot, bat.approve_button)
    assert_ticked(qtbot, checklist, "bat_approved", "BAT 1 approved")
    assert closed(checklist) == progress[-1]
    bat.close()

    # 5. The D+5 export imported in the stats window, then the decisions typed there.
    stats = StatsWindow(ops, campaign)
    qtbot.addWidget(stats)
    stats.show()
    assert stats.importer.import_path(mailchimp_report(tmp_path / "mailchimp.csv")) is not None
    qtbot.waitUntil(lambda: stats.importer.job is None, timeout=20_000)
    assert stats.importer.question is None, stats.importer.question.informativeText()
    assert "figures saved" in stats.message.text(), stats.message.text()
    with workspace.reader() as session:
        [taken_on] = session.scalars(
            select(StatSnapshot.taken_on).where(StatSnapshot.campaign_id == campaign)
        ).all()
    day = (taken_on - SEND_DAY).days
    assert day >= 5
    assert_ticked(qtbot, checklist, "stats", f"D+{day} figures recorded")
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1

    bar = stats.tabs.tabBar()
    tab = stats.tabs.indexOf(stats.decisions_panel)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    assert stats.tabs.currentWidget() is stats.decisions_panel
    qtbot.mouseClick(stats.decisions.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(stats.decisions, DECISIONS)
    assert_to_do(checklist, "decisions")  # typed, not saved yet
    click(qtbot, stats.decisions_panel.save_button)
    assert_ticked(qtbot, checklist, "decisions", "Decisions written in the analysis")
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1
    stats.close()

    # 6. The send day has passed: the checklist asks, "Yes, it went out" ticks the item.
    assert checklist.send_box.isVisible()
    assert "did it go out?" in checklist.send_question.text()
    click(qtbot, checklist.sent_button)
    assert_ticked(qtbot, checklist, "sent", "", by_hand=True)
    assert not checklist.send_box.isVisible()
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1

    # 7. The recap sent to the client's contact from the report window's send dialog.
    report = ReportWindow(ops, ReportRequest.recap(campaign))
    qtbot.addWidget(report)
    report.show()
    wait_for_preview(qtbot, report)
    click(qtbot, report.send_button)
    send = report.send_dialog
    assert send is not None
    qtbot.waitUntil(send.isVisible, timeout=5_000)
    assert APPROVER[1] in send.recipients.toPlainText()
    send.account.setCurrentIndex(send.account.findData("Agence"))
    with qtbot.waitSignal(send.sent, timeout=20_000):
        click(qtbot, send.send_button)
    assert len(server.received) == 2
    assert server.received[1].rcpt_tos == (APPROVER[1],)
    assert_ticked(qtbot, checklist, "recap_sent", "Recap sent")
    progress.append(closed(checklist))
    assert progress[-1] == progress[-2] + 1
    send.close()
    report.close()

    # Every event of the chain is ticked, each where and as it happened.
    for event in LABELS:
        assert row_of(checklist, LABELS[event]).text(0) == "Done", event
    assert progress == sorted(set(progress)), progress


def test_the_operators_word_stands_over_the_approval(
    qtbot: QtBot, workspace: Workspace, ops: Operations, campaign: int, tmp_path: Path
) -> None:
    checklist = open_checklist(qtbot, ops, campaign)
    select_row(qtbot, checklist, "bat_approved")
    click(qtbot, checklist.na_button)  # "the client approved on the phone"
    row = row_of(checklist, LABELS["bat_approved"])
    assert row.text(0) == "Not applicable"
    assert same_icon(row, ChecklistState.NOT_APPLICABLE)
    assert row.text(4).endswith(f" · {ME}")
    before = closed(checklist)

    email = tmp_path / "printemps.html"
    email.write_text(EMAIL, encoding="utf-8")
    bat = open_bat(qtbot, ops, campaign)
    import_proof(qtbot, bat, email)
    assert_ticked(qtbot, checklist, "bat_imported", "BAT 1 imported (printemps.html)")
    click(qtbot, bat.approve_button)
    assert bat.badge.full_text().startswith(f"Approved — {ME}")

    # The approval ticked nothing over the operator's word: still Not applicable, by hand.
    with workspace.reader() as session:
        [kept] = [
            i
            for i in checklists.load_checklist(session, campaign, TODAY).items
            if i.event == chain.BAT_APPROVED
        ]
    assert (kept.state, kept.by_check, kept.done_by) == (
        ChecklistState.NOT_APPLICABLE,
        False,
        ME,
    )
    row = row_of(checklist, LABELS["bat_approved"])
    assert row.text(0) == "Not applicable"
    assert same_icon(row, ChecklistState.NOT_APPLICABLE)
    assert row.text(4).endswith(f" · {ME}") and row.text(5) == ""
    assert closed(checklist) > before  # the import's items did tick
    bat.close()
