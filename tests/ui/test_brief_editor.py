"""The brief editor as the operator uses it: type, autosave, reopen, restore, search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crmdesk.core.briefs import service
from crmdesk.core.briefs.content import BriefContent
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignType
from crmdesk.ui.brief.editor import BriefEditor
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.operations import Operations
from tests.conftest import plan
from tests.ui.test_calendar import cell_centre, chip_centre, drag


def open_editor(qtbot: QtBot, workspace: Workspace, campaign_id: int) -> BriefEditor:
    editor = BriefEditor(Operations(workspace), campaign_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    return editor


def test_typing_is_autosaved_and_reopening_shows_it(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 7, 9), name="Soldes d'été")
    editor = open_editor(qtbot, workspace, campaign)
    editor.fields["primary_objective"].clear()  # type: ignore[attr-defined]
    with qtbot.waitSignal(editor.saved, timeout=4000) as saved:
        qtbot.keyClicks(editor.fields["primary_objective"], "Vendre 500 abonnements")
    assert saved.args == [1]
    assert "1" in editor.save_state.text()
    editor.close()

    again = open_editor(qtbot, workspace, campaign)
    assert again.fields["primary_objective"].text() == "Vendre 500 abonnements"  # type: ignore[attr-defined]
    with workspace.reader() as session:
        assert [v.number for v in service.versions(session, campaign)] == [1]


def test_the_completeness_list_follows_typing_and_focuses_the_field(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 7, 9), name="Newsletter")
    with workspace.session() as session:
        service.save(session, campaign, BriefContent(context="juste une ligne"), "import")
    editor = open_editor(qtbot, workspace, campaign)
    texts = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert any("No objective" in t for t in texts)
    before = editor.score.value()

    objective = next(
        editor.problems.item(i)
        for i in range(editor.problems.count())
        if "No objective" in editor.problems.item(i).text()
    )
    editor.problems.itemClicked.emit(objective)
    assert QApplication.focusWidget() is editor.fields["primary_objective"]

    qtbot.keyClicks(editor.fields["primary_objective"], "Faire revenir les inactifs")
    texts = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert not any("No objective" in t for t in texts)
    assert editor.score.value() > before
    editor.save_now()


def test_restoring_a_version_brings_its_text_back_and_undo_returns(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 7, 9), name="Promo", type=CampaignType.PROMO)
    with workspace.session() as session:
        service.save(session, campaign, BriefContent(key_message="Première idée"), "monday")
        service.save(session, campaign, BriefContent(key_message="Deuxième idée"), "tuesday")
    editor = open_editor(qtbot, workspace, campaign)
    assert editor.versions.count() == 2
    editor.versions.item(1).setSelected(True)  # version 1 (newest first)
    assert editor.restore_button.isEnabled()
    diff_texts = {
        editor.diff_view.item(r, c).text()
        for r in range(editor.diff_view.rowCount())
        for c in range(2)
        if editor.diff_view.item(r, c)
    }
    assert {"Première idée", "Deuxième idée"} <= diff_texts

    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert editor.fields["key_message"].toPlainText() == "Première idée"  # type: ignore[attr-defined]
    assert editor.versions.count() == 3
    assert "restored from version 1" in editor.versions.item(0).text()

    editor.undo_stack.undo()
    assert editor.fields["key_message"].toPlainText() == "Deuxième idée"  # type: ignore[attr-defined]
    assert editor.versions.count() == 4


def test_ctrl_k_finds_a_brief_and_opens_it_at_the_hit(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 7, 9), name="Rentrée")
    with workspace.session() as session:
        service.save(session, campaign, BriefContent(target="Lecteurs de bandes dessinées"), "x")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.search_action.trigger()
    dialog = window.search_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.query, "bandes dessin")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert "«bandes»" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    editor = window.briefs[campaign]
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.fields["target"])
    editor.close()


def test_an_imported_mail_goes_to_the_notes_and_offers_fields_without_filling_them(
    qtbot: QtBot,
    workspace: Workspace,
    client_id: int,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    campaign = plan(
        workspace, client_id, date(2027, 3, 1), name="Printemps", type=CampaignType.PROMO
    )
    editor = open_editor(qtbot, workspace, campaign)
    editor.fields["promo_code"].clear()  # type: ignore[attr-defined]
    mail = tmp_path / "brief client.txt"
    mail.write_text(
        "Bonjour, l'offre de printemps est à -40 % sur tous nos magazines jusqu'au 31 mars 2027 "
        "avec le code PRINTEMPS40. Lien : https://editions-lumiere.fr/printemps",
        encoding="utf-8",
    )
    editor.import_file(mail)
    assert editor.import_job is not None  # read off the GUI thread
    qtbot.waitUntil(lambda: editor.import_job is None, timeout=10_000)

    assert "PRINTEMPS40" in editor.notes.toPlainText()
    assert editor.fields["promo_code"].text() == ""  # type: ignore[attr-defined]
    offered = {
        editor.suggestions.item(i).data(Qt.ItemDataRole.UserRole).field: editor.suggestions.item(i)
        for i in range(editor.suggestions.count())
    }
    assert {"promo_code", "ctas", "offer_valid_until", "offer"} <= set(offered)
    offered["promo_code"].setCheckState(Qt.CheckState.Checked)
    offered["offer_valid_until"].setCheckState(Qt.CheckState.Checked)
    editor.apply_button.click()
    assert editor.fields["promo_code"].text() == "PRINTEMPS40"  # type: ignore[attr-defined]
    assert editor.content().offer_valid_until == date(2027, 3, 31)
    assert not any(c.url.endswith("/printemps") for c in editor.content().ctas)

    shown: list[str] = []
    monkeypatch.setattr(
        "crmdesk.ui.operations.QMessageBox.warning", lambda parent, title, text: shown.append(text)
    )
    notes_before = editor.notes.toPlainText()
    binary = tmp_path / "logo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    editor.import_file(binary)
    qtbot.waitUntil(lambda: editor.import_job is None, timeout=10_000)
    assert shown and "not text" in shown[0] and "logo.txt" in shown[0]
    assert editor.notes.toPlainText() == notes_before
    editor.save_now()


def test_the_brief_shows_the_campaigns_dates_and_follows_a_move_in_the_calendar(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    campaign = plan(workspace, client_id, date(2026, 7, 9), name="Soldes d'été")
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    editor = main.open_brief(campaign)
    send, bat = editor.fields["send_due"], editor.fields["bat_due"]
    assert send.value() == date(2026, 7, 9)  # type: ignore[attr-defined]
    assert bat.value() == date(2026, 7, 7)  # type: ignore[attr-defined]  # D-2, the approval
    assert send.isReadOnly() and bat.isReadOnly()  # type: ignore[attr-defined]

    # Typing in a campaign date does nothing: it is moved with the campaign.
    qtbot.keyClicks(bat, "01/01/2027")
    assert bat.value() == date(2026, 7, 7)  # type: ignore[attr-defined]

    # Dragged to Monday 13 July in the calendar: the BAT approval moves to Friday 10 July.
    main.calendar.go_to(date(2026, 7, 1))
    view = main.calendar.month_view
    drag(qtbot, view, chip_centre(view, campaign), cell_centre(view, date(2026, 7, 13)))
    qtbot.waitUntil(lambda: send.value() == date(2026, 7, 13))  # type: ignore[attr-defined]
    assert bat.value() == date(2026, 7, 10)  # type: ignore[attr-defined]
    assert not editor._dirty  # showing the campaign's dates is not an edit to save
    editor.close()
