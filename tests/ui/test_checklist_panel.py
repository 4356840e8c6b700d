"""The checklist window as the operator uses it: tick with the keyboard, undo, check an email,
read its findings in the source, edit the client's template and charters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QComboBox, QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import delete
from sqlalchemy.orm import Session

from crmdesk.core import checklists, clients
from crmdesk.core.changes import Changes
from crmdesk.core.checklists import default_template
from crmdesk.core.checks.model import Finding
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignType, ChecklistItem, ChecklistPhase, ChecklistState
from crmdesk.ui.checklist.items import BADGE_ROLE, ITEM_ROLE
from crmdesk.ui.checklist.window import ChecklistWindow
from crmdesk.ui.operations import Operations
from tests.conftest import DEMO_TODAY, plan

#: Sent two days after the reference day: the items due three days before it are overdue.
SEND_DAY = date(2026, 11, 25)

#: A small email with an empty "#" link and no unsubscribe link.
EMAIL = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Soldes d'hiver</title></head>
<body>
<table role="presentation" width="600">
<tr><td>
<p>Bonjour, découvrez nos soldes d'hiver.</p>
<p><a href="#">Voir la collection</a></p>
</td></tr>
</table>
</body>
</html>
"""


def open_window(
    qtbot: QtBot, workspace: Workspace, campaign_id: int, today: date = DEMO_TODAY
) -> ChecklistWindow:
    window = ChecklistWindow(Operations(workspace), campaign_id, today=today, who="claire")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tree.setFocus()
    return window


def rows(window: ChecklistWindow) -> list[QTreeWidgetItem]:
    found = []
    for index in range(window.tree.topLevelItemCount()):
        head = window.tree.topLevelItem(index)
        found.extend(head.child(i) for i in range(head.childCount()))
    return found


def row_of(window: ChecklistWindow, label: str) -> QTreeWidgetItem:
    return next(r for r in rows(window) if r.text(1) == label)


def item_state(workspace: Workspace, campaign_id: int, label: str) -> checklists.ItemView:
    with workspace.reader() as session:
        loaded = checklists.load_checklist(session, campaign_id, DEMO_TODAY)
    return next(i for i in loaded.items if i.label_en == label)


@pytest.fixture
def campaign(workspace: Workspace, client_id: int) -> int:
    return plan(workspace, client_id, SEND_DAY, name="Soldes d'hiver", type=CampaignType.PROMO)


def test_the_window_lists_the_default_checklist_grouped_by_phase(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    assert window.windowTitle() == "Checklist — Soldes d'hiver (Éditions Lumière)"
    heads = [window.tree.topLevelItem(i).text(0) for i in range(window.tree.topLevelItemCount())]
    assert [h.split(" — ")[0] for h in heads] == [
        "Strategy",
        "Production",
        "BAT",
        "Send",
        "Analysis",
    ]
    assert len(rows(window)) == len(default_template())
    assert window.overall.text() == f"0 / {len(default_template())} done"
    links = row_of(window, "Links, landing pages and UTM tracking")
    assert links.data(1, BADGE_ROLE)[0] == "auto"
    assert links.text(2) == "CRM"
    assert row_of(window, "BAT approved by the client").text(2) == "Client"
    assert window.empty_state.isVisible()
    assert "No email checked yet" in window.empty_state.text()


def test_space_ticks_the_item_with_who_and_when_and_ctrl_z_undoes_it(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    label = "Objective and KPI targets agreed with the client"
    window.tree.setCurrentItem(row_of(window, label))
    assert window.phase_bars["strategy"].count.text() == "0 / 3"

    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    stored = item_state(workspace, campaign, label)
    assert stored.state is ChecklistState.DONE
    assert stored.done_by == "claire" and stored.done_at is not None
    row = row_of(window, label)
    assert row.text(0) == "Done"
    assert row.text(4).endswith(" · claire")
    assert window.phase_bars["strategy"].count.text() == "1 / 3"
    assert window.overall.text().startswith("1 / ")
    assert window.tree.currentItem().text(1) == label  # the selection stays on the item

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert item_state(workspace, campaign, label).state is ChecklistState.TODO
    assert row_of(window, label).text(4) == ""
    assert window.phase_bars["strategy"].count.text() == "0 / 3"

    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert item_state(workspace, campaign, label).state is ChecklistState.DONE

    # Space again sets it back to "to do"; N and F mark it not applicable and failed.
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert item_state(workspace, campaign, label).state is ChecklistState.TODO
    qtbot.keyClick(window.tree, Qt.Key.Key_N)
    assert item_state(workspace, campaign, label).state is ChecklistState.NOT_APPLICABLE
    assert window.phase_bars["strategy"].count.text() == "1 / 3"  # closed, not done
    qtbot.keyClick(window.tree, Qt.Key.Key_F)
    assert item_state(workspace, campaign, label).state is ChecklistState.FAILED
    assert "1 failed" in window.phase_bars["strategy"].alerts.text()


def test_a_click_on_the_state_icon_ticks_the_item(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    label = "Brief received and complete"
    row = row_of(window, label)
    rect = window.tree.visualItemRect(row)
    on_label = window.tree.visualRect(window.tree.indexFromItem(row, 1)).center()
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=on_label)
    assert item_state(workspace, campaign, label).state is ChecklistState.TODO
    icon = QPoint(rect.left() + 8, rect.center().y())  # the rect starts after the indentation
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=icon)
    assert item_state(workspace, campaign, label).state is ChecklistState.DONE
    assert window.undo_stack.count() == 1


def test_f2_edits_the_comment_and_undo_restores_it(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    label = "Targeting built in the ESP"
    window.tree.setCurrentItem(row_of(window, label))
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    dialog = window.comment_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.text, "Segment built by Paul in Brevo")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.comment_dialog is None)
    assert item_state(workspace, campaign, label).comment == "Segment built by Paul in Brevo"
    assert row_of(window, label).text(5) == "Segment built by Paul in Brevo"

    window.undo_stack.undo()
    assert item_state(workspace, campaign, label).comment == ""


def test_an_item_past_its_due_day_is_marked_overdue(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    late = row_of(window, "Links, landing pages and UTM tracking")  # D-3: Friday 20 November
    assert late.text(3) == "20/11/2026"
    assert late.data(3, BADGE_ROLE)[0] == "overdue"
    assert late.foreground(3).color().name() == "#dc2626"
    on_time = row_of(window, "Send went out (seed inbox checked)")
    assert on_time.data(3, BADGE_ROLE) is None
    assert "overdue" in window.phase_bars["production"].alerts.text()
    assert "overdue" in window.overall_alerts.text()
    assert window.phase_bars["analysis"].alerts.text() == ""

    # The same checklist seen a week earlier has nothing late.
    early = open_window(qtbot, workspace, campaign, today=date(2026, 11, 2))
    assert early.overall_alerts.text() == ""


def test_checking_an_email_shows_its_findings_and_fails_the_items_that_follow_them(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    email = tmp_path / "soldes.html"
    email.write_text(EMAIL, encoding="utf-8")
    window = open_window(qtbot, workspace, campaign)
    with qtbot.waitSignal(window.check_finished, timeout=20000) as finished:
        assert window.check_email(email)
        assert window.busy_bar.isVisible()
    assert finished.args == [True]
    assert not window.busy_bar.isVisible()
    assert not window.message_box.isVisible()

    groups = [window.findings.topLevelItem(i) for i in range(window.findings.topLevelItemCount())]
    assert groups[0].text(0).startswith("Errors (")
    assert [g.text(0).split(" (")[0] for g in groups] == [
        t
        for t in ("Errors", "Warnings", "Information")
        if any(g.text(0).startswith(t) for g in groups)
    ]
    errors = [groups[0].child(i).data(0, ITEM_ROLE) for i in range(groups[0].childCount())]
    assert {"links.empty", "unsubscribe.link_missing"} <= {f.check_id for f in errors}
    assert "soldes.html" in window.run_label.text()
    assert "KB" in window.run_label.text()

    for label in ("Links, landing pages and UTM tracking", "Unsubscribe and mirror links present"):
        stored = item_state(workspace, campaign, label)
        assert stored.state is ChecklistState.FAILED and stored.by_check
        row = row_of(window, label)
        assert row.text(0) == "Failed"
        assert row.text(5).startswith("Failed by the check of soldes.html: ")
        assert "error" in row.text(5)
    ticked = row_of(window, "Email weight under Gmail clipping (102 KB)")
    assert ticked.text(0) == "Done"
    assert ticked.text(5) == "Ticked by the check of soldes.html: no finding"
    assert ticked.text(4).endswith(" · auto check")

    # Undo forgets the run and gives the items their state back.
    window.undo_stack.undo()
    with workspace.reader() as session:
        assert checklists.latest_run(session, campaign) is None
    assert item_state(workspace, campaign, "Links, landing pages and UTM tracking").state is (
        ChecklistState.TODO
    )
    assert window.empty_state.isVisible()


def test_double_clicking_a_finding_opens_the_source_at_its_line(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    email = tmp_path / "soldes.html"
    email.write_text(EMAIL, encoding="utf-8")
    window = open_window(qtbot, workspace, campaign)
    with qtbot.waitSignal(window.check_finished, timeout=20000):
        window.check_email(email)
    target = next(
        window.findings.topLevelItem(g).child(i)
        for g in range(window.findings.topLevelItemCount())
        for i in range(window.findings.topLevelItem(g).childCount())
        if window.findings.topLevelItem(g).child(i).data(0, ITEM_ROLE).check_id == "links.empty"
    )
    finding: Finding = target.data(0, ITEM_ROLE)
    assert finding.line == 8  # the <a href="#"> of EMAIL
    assert target.text(1) == "8"
    window.findings.scrollToItem(target)
    rect = window.findings.visualItemRect(target)
    qtbot.mouseClick(window.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.source.isVisible()
    assert window.source.textCursor().blockNumber() == 7
    assert window.source.textCursor().block().text() == '<p><a href="#">Voir la collection</a></p>'
    assert window.source.marked_line == 8
    assert "line 8" in window.source_title.text()

    # Ctrl+F finds text in the source.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_edit.hasFocus()
    qtbot.keyClicks(window.find_edit, "role=")
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    assert window.source.textCursor().selectedText() == "role="
    assert window.source.textCursor().blockNumber() == 4


def test_an_unusable_file_is_explained_and_nothing_is_recorded(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    picture = tmp_path / "visuel.html"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    window = open_window(qtbot, workspace, campaign)
    with qtbot.waitSignal(window.check_finished, timeout=20000) as finished:
        window.check_email(picture)
    assert finished.args == [False]
    assert window.message_box.isVisible()
    text = window.message.text()
    assert "visuel.html" in text
    assert "not an email" in text
    assert "Nothing was recorded" in text
    with workspace.reader() as session:
        assert checklists.latest_run(session, campaign) is None
    assert window.undo_stack.count() == 0
    assert window.empty_state.isVisible()

    missing = tmp_path / "absent.html"
    with qtbot.waitSignal(window.check_finished, timeout=20000):
        window.check_email(missing)
    assert "absent.html" in window.message.text()
    assert "does not exist" in window.message.text()


def test_an_older_campaign_without_a_checklist_gets_one_when_opened(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    with workspace.session() as session:
        session.execute(delete(ChecklistItem).where(ChecklistItem.campaign_id == campaign))
    window = open_window(qtbot, workspace, campaign)
    assert len(rows(window)) == len(default_template())


def test_the_template_editor_saves_what_the_next_campaign_of_that_client_and_type_gets(
    qtbot: QtBot, workspace: Workspace, client_id: int, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    qtbot.mouseClick(window.template_button, Qt.MouseButton.LeftButton)
    editor = window.template_dialog
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    assert editor.heading.text() == "Template for Éditions Lumière — Promotion"
    assert "default checklist" in editor.origin.text()
    assert not editor.reset_button.isEnabled()
    assert editor.table.rowCount() == len(default_template())

    # An empty label is refused next to the table, and the dialog stays open.
    editor.table.item(0, 1).setText("  ")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert editor.errors.isVisible()
    assert "Item 1 has no label." in editor.errors.text()
    assert editor.isVisible()

    editor.table.item(0, 1).setText("Promo code tested in the shop")
    editor.table.selectRow(editor.table.rowCount() - 1)
    editor.remove_button.click()
    editor.table.selectRow(1)
    editor.move_item(-1)  # the second item goes first
    editor.add_item()
    row = editor.table.currentRow()
    editor.table.item(row, 1).setText("Stock checked with the shop")
    phase = editor.table.cellWidget(row, 0)
    assert isinstance(phase, QComboBox)
    phase.setCurrentIndex(phase.findData(ChecklistPhase.BAT.value))
    editor.table.cellWidget(row, 3).setValue(-4)  # type: ignore[union-attr]
    assert editor.table.cellWidget(row, 3).text() == "D-4"  # type: ignore[union-attr]
    check = editor.table.cellWidget(row, 4)
    assert isinstance(check, QComboBox)
    check.setCurrentIndex(check.findData("links"))
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.template_dialog is None)

    later = plan(workspace, client_id, date(2026, 12, 10), name="Noël", type=CampaignType.PROMO)
    with workspace.reader() as session:
        items = checklists.load_checklist(session, later, DEMO_TODAY).items
    labels = [i.label_en for i in items]
    assert len(items) == len(default_template())  # one removed, one added
    assert labels[0] == "Target segments defined and data available"  # moved up
    assert labels[1] == "Promo code tested in the shop"
    assert next(i for i in items if i.label_en == "Promo code tested in the shop").label_fr == (
        "Promo code tested in the shop"
    )
    kept = next(i for i in items if i.label_en == "Brief received and complete")
    assert kept.label_fr == "Brief reçu et complet"  # an unchanged label keeps its French
    added = next(i for i in items if i.label_en == "Stock checked with the shop")
    assert (added.phase, added.check, added.due_on) == (
        ChecklistPhase.BAT,
        "links",
        date(2026, 12, 4),
    )
    assert "Recap sent to the client" not in labels
    newsletter = plan(workspace, client_id, date(2026, 12, 10), name="Lettre de décembre")
    with workspace.reader() as session:
        assert len(checklists.load_checklist(session, newsletter, DEMO_TODAY).items) == len(
            default_template()
        )
        assert "Recap sent to the client" in [
            i.label_en for i in checklists.load_checklist(session, newsletter, DEMO_TODAY).items
        ]

    # The editor now edits this client and type's own template; it can go back to the default.
    window.open_template_editor()
    editor = window.template_dialog
    assert editor is not None
    assert "start from these items" in editor.origin.text()
    assert editor.reset_button.isEnabled()
    editor.reset_button.click()
    assert "default checklist" in editor.origin.text()
    with workspace.reader() as session:
        assert checklists.template_for(session, client_id, CampaignType.PROMO).is_default
    window.undo_stack.undo()  # the reset
    with workspace.reader() as session:
        assert not checklists.template_for(session, client_id, CampaignType.PROMO).is_default
    editor.reject()


def test_the_charters_dialog_saves_and_refuses_a_bad_colour(
    qtbot: QtBot, workspace: Workspace, client_id: int, campaign: int
) -> None:
    window = open_window(qtbot, workspace, campaign)
    qtbot.mouseClick(window.charters_button, Qt.MouseButton.LeftButton)
    dialog = window.charters_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Charters — Éditions Lumière"
    assert dialog.tone_any.isChecked()
    assert dialog.mail_clients["outlook.windows"].isChecked()
    assert not dialog.mail_clients["orange.desktop-webmail"].isChecked()

    dialog.tone_tu.setChecked(True)
    qtbot.keyClicks(dialog.banned_words, "gratuit")
    qtbot.keyClick(dialog.banned_words, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.banned_words, "urgent")
    qtbot.keyClicks(dialog.required_mentions, "Offre valable en magasin")
    qtbot.keyClicks(dialog.hex_edit, "#1D4ED8")
    qtbot.keyClick(dialog.hex_edit, Qt.Key.Key_Return)
    assert dialog.colours() == ["#1d4ed8"]
    qtbot.keyClicks(dialog.hex_edit, "#12345")
    qtbot.keyClick(dialog.hex_edit, Qt.Key.Key_Return)
    assert dialog.colours() == ["#1d4ed8"]
    assert dialog.palette_error.isVisible()
    assert "“#12345” is not a colour" in dialog.palette_error.text()
    dialog.mail_clients["orange.desktop-webmail"].setChecked(True)
    qtbot.keyClicks(dialog.utm, "utm_source=newsletter&utm_campaign={campaign}")

    # Saving with the bad colour still typed: refused, nothing written, the dialog stays.
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "“#12345” is not a colour" in dialog.errors.text()
    with workspace.reader() as session:
        assert clients.charters(session, client_id).tone == ""

    dialog.hex_edit.clear()
    [pick] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Pick a colour…"]
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    [chooser] = dialog.findChildren(QColorDialog)
    qtbot.waitUntil(chooser.isVisible)
    chooser.setCurrentColor(QColor("#F59E0B"))
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert dialog.colours() == ["#1d4ed8", "#f59e0b"]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.charters_dialog is None)
    with workspace.reader() as session:
        saved = clients.charters(session, client_id)
    assert saved.tone == "tu"
    assert saved.banned_words == ("gratuit", "urgent")
    assert saved.required_mentions == ("Offre valable en magasin",)
    assert saved.palette == ("#1d4ed8", "#f59e0b")
    assert saved.utm_convention == "utm_source=newsletter&utm_campaign={campaign}"
    assert "orange.desktop-webmail" in saved.mail_clients
    assert "outlook.windows" in saved.mail_clients

    window.undo_stack.undo()
    with workspace.reader() as session:
        assert clients.charters(session, client_id).tone == ""


def ticked_by_the_chain(flag: str) -> Callable[..., Changes]:
    """A write of the chain as the core makes it: an item ticked after a BAT, stats, brief or
    client event, announced with that event's flag only (not ``checklist``)."""

    def write(session: Session, campaign_id: int, label: str) -> Changes:
        loaded = checklists.load_checklist(session, campaign_id, DEMO_TODAY)
        item = next(i for i in loaded.items if i.label_en == label)
        checklists.set_state(session, item.id, ChecklistState.DONE, "crmdesk")
        return Changes(**{flag: True}, campaign_ids=frozenset({campaign_id}))

    return write


@pytest.mark.parametrize("flag", ["bat", "stats", "brief", "clients", "checklist"])
def test_the_window_follows_the_checklist_ticked_by_bat_stats_brief_and_client_events(
    qtbot: QtBot, workspace: Workspace, campaign: int, flag: str
) -> None:
    window = open_window(qtbot, workspace, campaign)
    label = "BAT approved by the client"
    assert row_of(window, label).text(0) == "To do"
    closed = window.checklist.closed if window.checklist else -1

    window.ops.write(ticked_by_the_chain(flag), campaign, label)

    assert row_of(window, label).text(0) == "Done"
    assert window.overall.text() == f"{closed + 1} / {window.checklist.total} done"


def test_the_window_ignores_the_events_of_another_campaign(
    qtbot: QtBot, workspace: Workspace, campaign: int, client_id: int
) -> None:
    other = plan(workspace, client_id, SEND_DAY, name="Autre", type=CampaignType.PROMO)
    window = open_window(qtbot, workspace, campaign)
    shown = window.checklist

    window.ops.write(ticked_by_the_chain("bat"), other, "BAT approved by the client")

    assert window.checklist is shown  # not read again
