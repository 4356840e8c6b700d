"""The reports from the windows, as the operator makes them: Ctrl+P on a campaign previews its
recap as a PDF to save or to send to the client's contacts; the brief alone as a PDF; the
quarterly review with its roadmap; the report settings saved together or not at all."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMenu, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crmdesk.core import campaigns, settings, smtp
from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, CampaignStatus, SmtpSecurity, StatSnapshot
from crmdesk.core.reports import review, sends
from crmdesk.core.reports.model import Branding
from crmdesk.core.reports.quarters import Quarter
from crmdesk.core.smtp import AccountInput
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.operations import Operations
from crmdesk.ui.profile import ProfileDialog
from crmdesk.ui.reports.export_dialog import ReportRequest, ReportWindow
from crmdesk.ui.reports.review_dialog import ReviewDialog
from crmdesk.ui.reports.settings_dialog import ReportSettingsDialog
from tests.keyring_backend import file_keyring
from tests.smtp_server import Server, smtp_server
from tests.ui.test_translations import MNEMONIC

REPO = Path(__file__).resolve().parents[2]
#: Chromium's first start on a CI machine without a GPU can be slow.
PRINTED_WITHIN_MS = 90_000
SENDER = "camille@moreau-crm.fr"
LOGIN, PASSWORD = "camille", "s3cret-Pa55-word"


# -- helpers ----------------------------------------------------------------------------------


def analysed_campaign(workspace: Workspace) -> int:
    """The demo's latest analysed campaign with figures: a recap with every section."""
    with workspace.reader() as session:
        return session.scalars(
            select(Campaign.id)
            .join(StatSnapshot, StatSnapshot.campaign_id == Campaign.id)
            .where(Campaign.status == CampaignStatus.ANALYSED)
            .order_by(Campaign.planned_send_at.desc())
            .limit(1)
        ).one()


def campaign_name(workspace: Workspace, campaign_id: int) -> str:
    with workspace.reader() as session:
        return campaigns.load(session, campaign_id).name


def pdf_text(path: Path) -> tuple[PdfReader, str]:
    """The PDF's pages and its text, spaces normalised (the numbers use narrow spaces)."""
    document = PdfReader(path)
    text = "\n".join(page.extract_text() for page in document.pages)
    return document, " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def wait_for_preview(qtbot: QtBot, report: ReportWindow) -> None:
    qtbot.waitUntil(
        lambda: not report.busy and report.document.pageCount() >= 1 or report.problem.isVisible(),
        timeout=PRINTED_WITHIN_MS,
    )
    assert not report.problem.isVisible(), report.problem.text()


def select_campaign(window: MainWindow, campaign_id: int) -> None:
    """Select the campaign in the month view, as a click on it does."""
    window.tabs.setCurrentWidget(window.calendar)
    window.calendar.go_to(campaigns_send_day(window, campaign_id))
    window.calendar.month_view.select_campaign(campaign_id)
    assert window.calendar.selected_campaign_id() == campaign_id


def campaigns_send_day(window: MainWindow, campaign_id: int) -> date:
    return window.ops.read(campaigns.load, campaign_id).send_date


@pytest.fixture
def demo_window(qtbot: QtBot, demo_workspace: Workspace) -> MainWindow:
    main = MainWindow(demo_workspace)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    main.activateWindow()
    return main


@pytest.fixture
def recap_window(qtbot: QtBot, demo_workspace: Workspace) -> ReportWindow:
    """The recap of the demo's latest analysed campaign, printed and on screen."""
    report = ReportWindow(
        Operations(demo_workspace),
        ReportRequest.recap(analysed_campaign(demo_workspace)),
        who="claire",
    )
    qtbot.addWidget(report)
    report.show()
    wait_for_preview(qtbot, report)
    return report


# -- the recap from the calendar --------------------------------------------------------------


def test_ctrl_p_on_a_campaign_previews_its_recap_and_saves_it_as_a_pdf(
    qtbot: QtBot,
    demo_window: MainWindow,
    demo_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    name = campaign_name(demo_workspace, campaign_id)
    select_campaign(demo_window, campaign_id)

    qtbot.keyClick(demo_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    report = demo_window.reports[ReportRequest.recap(campaign_id)]
    assert report.isVisible()
    assert report.busy, "the report is made after the window shows"
    assert report.close_button.text() == "Cancel"
    assert not report.save_button.isEnabled()
    assert report.stack.currentIndex() == 0, "the steps show while it is made"
    assert [label.text() for label in report.step_labels] == [
        "▸  Gathering the figures",
        "·  Drawing the charts",
        "·  Printing the PDF",
    ]

    with qtbot.waitSignal(report.ready, timeout=PRINTED_WITHIN_MS) as ready:
        pass
    pages = ready.args[0]
    assert pages >= 1
    assert report.stack.currentIndex() == 1
    assert report.pages.text() == f"{pages} page(s)"
    assert name in report.windowTitle()
    assert report.close_button.text() == "Close"
    assert report.view.pageMode() is QPdfView.PageMode.MultiPage
    assert report.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert demo_window.open_recap(campaign_id) is report, "asking again: the same window"

    report.activateWindow()
    qtbot.keyClick(report, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert report.view.zoomMode() is QPdfView.ZoomMode.Custom
    zoomed = report.view.zoomFactor()
    qtbot.keyClick(report, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert report.view.zoomFactor() == pytest.approx(zoomed / 1.25)
    qtbot.keyClick(report, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert report.view.zoomMode() is QPdfView.ZoomMode.FitToWidth

    offered: list[str] = []

    def choose(parent, title, start, kind):  # type: ignore[no-untyped-def]
        offered.append(start)
        return str(tmp_path / "recap"), kind

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.keyClick(report, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert report.report is not None
    assert offered and Path(offered[0]).name == report.report.file_name
    saved = tmp_path / "recap.pdf"  # ".pdf" added to the name typed without it
    assert report.status.text().startswith(f"Saved to {saved}")
    document, text = pdf_text(saved)
    assert len(document.pages) == pages
    assert " ".join(name.split()) in text

    qtbot.keyClick(report, Qt.Key.Key_Escape)
    assert not report.isVisible()


def test_a_pdf_that_cannot_be_written_is_said_and_nothing_is_left(
    recap_window: ReportWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "crmdesk.ui.operations.QMessageBox.warning",
        lambda parent, title, text: shown.append(text),
    )
    folder = tmp_path / "reports"
    folder.mkdir()
    missing = tmp_path / "no such folder" / "recap.pdf"
    assert not recap_window.save_to(missing)
    assert not missing.parent.exists()
    (folder / "recap.pdf").mkdir()  # a folder where the PDF should go
    assert not recap_window.save_to(folder / "recap.pdf")

    assert len(shown) == 2
    assert all(text.startswith("The PDF could not be written there") for text in shown)
    assert shown[0].endswith(str(missing.parent))
    assert shown[1].endswith(str(folder / "recap.pdf"))
    assert [p.name for p in folder.iterdir()] == ["recap.pdf"], "no half-written file"
    assert (folder / "recap.pdf").is_dir()
    assert not recap_window.status.text().startswith("Saved")


def test_ctrl_p_with_nothing_selected_says_what_to_select(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    demo_window.calendar.month_view.select_campaign(None)
    qtbot.keyClick(demo_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    notice = demo_window.notice
    assert notice is not None and notice.isVisible()
    assert notice.text().startswith("Select a campaign in the calendar")
    assert not demo_window.reports
    notice.close()


def test_escape_while_the_recap_is_made_closes_the_window(
    qtbot: QtBot, demo_window: MainWindow, demo_workspace: Workspace
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    report = demo_window.open_recap(campaign_id)
    assert report.busy
    report.activateWindow()
    qtbot.waitUntil(report.isActiveWindow)
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not demo_window.reports)


def test_the_campaign_dialog_the_stats_window_and_the_stats_tab_lead_to_the_reports(
    qtbot: QtBot, demo_window: MainWindow, demo_workspace: Workspace
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    demo_window.open_campaign(campaign_id)
    dialog = demo_window.dialog
    assert dialog is not None
    [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Recap P&DF…"]
    button.click()
    report = demo_window.reports[ReportRequest.recap(campaign_id)]
    dialog.reject()

    stats = demo_window.open_stats(campaign_id)
    stats.activateWindow()
    qtbot.waitUntil(stats.isActiveWindow)
    qtbot.keyClick(stats, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.reports == {ReportRequest.recap(campaign_id): report}, "the same window"

    page = demo_window.show_client_stats()
    page.client.setCurrentIndex(2)
    page.review_button.click()
    review_dialog = demo_window.report_dialog
    assert isinstance(review_dialog, ReviewDialog)
    assert review_dialog.client.currentData() == page.client.currentData()
    review_dialog.reject()


def test_the_file_menu_offers_the_reports_with_one_accelerator_each(
    demo_window: MainWindow,
) -> None:
    file_menu = demo_window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    items = [a for a in file_menu.actions() if not a.isSeparator()]
    texts = [a.text() for a in items]
    first = texts.index("Export &recap…")
    assert texts[first : first + 4] == [
        "Export &recap…",
        "Quarterly re&view…",
        "&Brief as PDF…",
        "Report se&ttings…",
    ]
    keys = [m.lower() for text in texts for m in MNEMONIC.findall(text)]
    assert len(set(keys)) == len(texts)
    assert demo_window.recap_action.shortcut().toString() == "Ctrl+P"
    assert demo_window.review_action.shortcut().toString() == "Ctrl+Shift+P"


# -- settings change the open preview ---------------------------------------------------------


def test_a_new_branding_redraws_the_open_recap_and_a_missing_logo_only_warns(
    qtbot: QtBot, recap_window: ReportWindow, tmp_path: Path
) -> None:
    assert not recap_window.warnings.isVisible()
    missing = tmp_path / "moved-logo.png"
    with qtbot.waitSignal(recap_window.ready, timeout=PRINTED_WITHIN_MS):
        recap_window.ops.write(
            settings.save_branding, Branding("Camille Moreau", str(missing), "#0f766e")
        )
        assert recap_window.busy
        assert recap_window.status.text() == "Updating the report…"
        assert recap_window.stack.currentIndex() == 1, "the previous PDF stays in sight"
    assert recap_window.warnings.isVisible()
    assert str(missing) in recap_window.warnings.text()
    assert recap_window.document.pageCount() >= 1, "the report still renders"


def test_a_broken_template_of_the_user_is_named_with_its_line_and_can_be_tried_again(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    broken = folder / "recap.html"
    broken.write_text("<h1>{{ recap.campaign.name }}</h1>\n<p>{% if %}</p>\n", "utf-8")
    ops = Operations(demo_workspace)
    ops.write(settings.set_template_folder, str(folder))
    report = ReportWindow(ops, ReportRequest.recap(analysed_campaign(demo_workspace)))
    qtbot.addWidget(report)
    report.show()
    qtbot.waitUntil(lambda: not report.busy, timeout=PRINTED_WITHIN_MS)

    assert report.stack.currentIndex() == 0
    lines = report.problem.text().splitlines()
    assert lines[0] == (
        "A report template has a syntax error. "
        "Mend it, or clear your templates folder in the report settings."
    )
    assert lines[1] == f"{broken}, line 2"
    assert report.retry_button.isVisible()
    assert not report.save_button.isEnabled()

    broken.unlink()  # the shipped recap again
    with qtbot.waitSignal(report.ready, timeout=PRINTED_WITHIN_MS):
        qtbot.mouseClick(report.retry_button, Qt.MouseButton.LeftButton)
    assert not report.problem.isVisible()
    assert report.save_button.isEnabled()


# -- the brief alone --------------------------------------------------------------------------


def test_the_brief_editor_exports_the_brief_as_a_pdf(
    qtbot: QtBot, demo_window: MainWindow, demo_workspace: Workspace, tmp_path: Path
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    name = campaign_name(demo_workspace, campaign_id)
    editor = demo_window.open_brief(campaign_id)
    qtbot.mouseClick(editor.pdf_button, Qt.MouseButton.LeftButton)
    report = demo_window.reports[ReportRequest.brief(campaign_id)]
    assert not report.send_button.isVisible(), "only a recap is sent from here"
    wait_for_preview(qtbot, report)
    assert report.step_texts[1] == "Laying out the page"

    out = tmp_path / "brief.pdf"
    assert report.save_to(out)
    _, text = pdf_text(out)
    assert " ".join(name.split()) in text
    editor.close()


def test_brief_as_pdf_from_the_file_menu_exports_the_selected_campaign(
    qtbot: QtBot, demo_window: MainWindow, demo_workspace: Workspace
) -> None:
    campaign_id = analysed_campaign(demo_workspace)
    select_campaign(demo_window, campaign_id)
    demo_window.brief_pdf_action.trigger()
    report = demo_window.reports[ReportRequest.brief(campaign_id)]
    wait_for_preview(qtbot, report)
    assert report.pdf is not None and report.pdf.startswith(b"%PDF-")


# -- the quarterly review ---------------------------------------------------------------------


def test_ctrl_p_on_the_stats_tab_asks_for_the_review_of_the_client_shown(
    qtbot: QtBot, demo_window: MainWindow, demo_workspace: Workspace, tmp_path: Path
) -> None:
    page = demo_window.show_client_stats()
    page.client.setCurrentIndex(1)
    client_id = page.client.currentData()
    qtbot.keyClick(demo_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = demo_window.report_dialog
    assert isinstance(dialog, ReviewDialog)
    assert dialog.client.currentData() == client_id
    last_quarter = Quarter.of(date.today()).previous()
    assert dialog.quarter.currentData() == last_quarter, "the last quarter over"
    assert dialog.quarter.currentText() == f"Q{last_quarter.number} {last_quarter.year}"

    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.roadmap, "Tester l'objet court en janvier")
    dialog.quarter.setCurrentIndex(2)  # a look at another quarter keeps what was typed
    assert dialog.roadmap.toPlainText() == ""
    dialog.quarter.setCurrentIndex(1)
    assert dialog.roadmap.toPlainText() == "Tester l'objet court en janvier"

    qtbot.keyClick(dialog.roadmap, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert (
        demo_window.ops.read(review.roadmap, client_id, last_quarter)
        == "Tester l'objet court en janvier"
    )
    report = demo_window.reports[ReportRequest.review(client_id, last_quarter)]
    wait_for_preview(qtbot, report)
    out = tmp_path / "review.pdf"
    assert report.save_to(out)
    _, text = pdf_text(out)
    assert "Tester l'objet court en janvier" in text


def test_the_review_dialog_cancelled_keeps_no_roadmap(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    ops = Operations(demo_workspace)
    dialog = ReviewDialog(ops, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.quarter.itemText(i) for i in range(3)] == ["Q4 2026", "Q3 2026", "Q2 2026"]
    qtbot.keyClicks(dialog.roadmap, "Rien")
    with qtbot.assertNotEmitted(ops.changed), qtbot.assertNotEmitted(dialog.export_requested):
        dialog.reject()
    client_id = dialog.client.currentData()
    assert ops.read(review.roadmap, client_id, Quarter(2026, 3)) == ""


# -- settings ---------------------------------------------------------------------------------


def a_logo(path: Path, colour: str) -> Path:
    picture = QPixmap(120, 40)
    picture.fill(QColor(colour))
    assert picture.save(str(path))
    return path


def test_the_report_settings_are_saved_together_and_cancel_writes_nothing(
    qtbot: QtBot, demo_window: MainWindow, demo_workspace: Workspace, tmp_path: Path
) -> None:
    operator_logo = a_logo(tmp_path / "camille.png", "#0f766e")
    client_logo = a_logo(tmp_path / "client.png", "#b91c1c")
    templates = tmp_path / "templates"
    templates.mkdir()

    demo_window.report_settings_action.trigger()
    dialog = demo_window.report_dialog
    assert isinstance(dialog, ReportSettingsDialog)
    assert "Camille Moreau" in dialog.operator.text(), "the demo's profile heads the reports"
    qtbot.mouseClick(dialog.profile_button, Qt.MouseButton.LeftButton)
    profile = dialog.profile_dialog
    assert isinstance(profile, ProfileDialog)
    profile.form.logo.setText(str(operator_logo))
    profile.form.colour.selectAll()
    qtbot.keyClicks(profile.form.colour, "#0F766E")
    with qtbot.waitSignal(demo_window.ops.changed):
        qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)
    assert "#0f766e" in dialog.operator.text(), "the settings show the profile saved"

    dialog.folder.setText(str(templates))
    dialog.client.setCurrentIndex(1)
    client_id = dialog.client.currentData()
    dialog.client_logo.set_text(str(client_logo))
    dialog.client.setCurrentIndex(0)  # another client: the logo typed is kept
    dialog.client_logo.set_text(str(tmp_path / "gone.png"))
    assert dialog.client_logo.thumbnail.text() == "File not found"
    dialog.client_logo.clear_button.click()
    with qtbot.waitSignal(demo_window.ops.changed) as changed:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert changed.args[0].settings and changed.args[0].clients
    assert not dialog.isVisible()

    with demo_workspace.reader() as session:
        assert settings.branding(session) == Branding(
            "Camille Moreau", str(operator_logo), "#0f766e"
        )
        assert settings.template_folder(session) == str(templates)
        assert settings.client_logo(session, client_id) == str(client_logo)

    demo_window.report_settings_action.trigger()
    dialog = demo_window.report_dialog
    assert isinstance(dialog, ReportSettingsDialog)
    dialog.folder_clear.click()
    with qtbot.assertNotEmitted(demo_window.ops.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    with demo_workspace.reader() as session:
        assert settings.template_folder(session) == str(templates)


def test_a_colour_refused_is_said_beside_it_and_nothing_is_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ops = Operations(workspace)
    dialog = ProfileDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name, "Camille Moreau")
    assert dialog.save_button.isEnabled()
    dialog.form.colour.selectAll()
    qtbot.keyClicks(dialog.form.colour, "teal")
    assert not dialog.save_button.isEnabled()
    assert dialog.form.problems.text() == "Write the colour as #rrggbb (#1f2937)."
    assert dialog.form.colour.styleSheet() != ""
    with qtbot.assertNotEmitted(ops.changed):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert ops.read(settings.branding) == Branding()


# -- sending the recap ------------------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A real SMTP server asking for a login, its password in a real (file) keyring."""
    with (
        file_keyring(tmp_path / "keyring.json", monkeypatch),
        smtp_server(users={LOGIN: PASSWORD}) as running,
    ):
        yield running


def test_the_recap_goes_to_the_clients_contacts_with_the_pdf_and_is_recorded(
    qtbot: QtBot, recap_window: ReportWindow, demo_workspace: Workspace, server: Server
) -> None:
    data = AccountInput("Agence", "127.0.0.1", server.port, SmtpSecurity.NONE, LOGIN, SENDER)
    with demo_workspace.session() as session:
        smtp.save_account(session, data, PASSWORD)
    campaign_id = recap_window.request.subject_id
    name = campaign_name(demo_workspace, campaign_id)
    with demo_workspace.reader() as session:
        contacts = sends.default_recipients(session, campaign_id)
    assert contacts, "the demo's clients have contacts to send to"

    qtbot.mouseClick(recap_window.send_button, Qt.MouseButton.LeftButton)
    dialog = recap_window.send_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.recipients.toPlainText().splitlines() == contacts
    assert dialog.subject.text() == f"Recap – {name}"
    assert name in dialog.message.toPlainText()
    assert recap_window.report is not None
    assert dialog.file_name.text() == recap_window.report.file_name
    assert dialog.no_history.isVisible()
    dialog.account.setCurrentIndex(dialog.account.findData("Agence"))
    dialog.recipients.appendPlainText("paul@client.example")
    dialog.message.setPlainText("Bonjour,\n\nLe récap en pièce jointe.\n\nCamille")
    qtbot.waitUntil(dialog.isActiveWindow)

    with qtbot.waitSignal(dialog.sent, timeout=20_000) as sent:
        qtbot.keyClick(dialog.message, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.busy_label.isVisible()
        assert not dialog.close_button.isEnabled()
    count = len(contacts) + 1
    assert sent.args == [f"Recap sent to {count} address(es)."]
    assert dialog.status.text() == sent.args[0]
    assert recap_window.status.text() == sent.args[0]

    [received] = server.received
    assert len(received.rcpt_tos) == count
    message = received.message
    assert message["Subject"] == f"Recap – {name}"
    assert message["From"] == SENDER
    assert "Le récap en pièce jointe." in message.get_body(("plain",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == recap_window.report.file_name
    assert attachment.get_content() == recap_window.pdf

    [record] = demo_workspace_sends(demo_workspace, campaign_id)
    assert (record.account, record.sent_by, len(record.recipients)) == ("Agence", "claire", count)
    assert dialog.history.topLevelItemCount() == 1
    assert dialog.history.topLevelItem(0).text(1) == "claire"
    assert not dialog.no_history.isVisible()


def demo_workspace_sends(workspace: Workspace, campaign_id: int) -> list[sends.RecapSendView]:
    with workspace.reader() as session:
        return sends.recap_sends(session, campaign_id)


def test_a_recap_send_refused_by_the_server_is_said_and_not_recorded(
    qtbot: QtBot, recap_window: ReportWindow, demo_workspace: Workspace, server: Server
) -> None:
    data = AccountInput("Agence", "127.0.0.1", server.port, SmtpSecurity.NONE, LOGIN, SENDER)
    with demo_workspace.session() as session:
        smtp.save_account(session, data, "not the password")
    recap_window.open_send()
    dialog = recap_window.send_dialog
    assert dialog is not None
    dialog.account.setCurrentIndex(dialog.account.findData("Agence"))
    dialog.subject.clear()
    assert dialog.send()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.errors.isVisible(), timeout=20_000)
    assert dialog.errors.text() == "The email needs a subject."
    assert dialog.subject.styleSheet() != ""

    dialog.subject.setText("Récap")
    assert dialog.send()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.errors.isVisible(), timeout=20_000)
    assert dialog.errors.text().startswith("The server refused the login")
    assert not server.received
    assert demo_workspace_sends(demo_workspace, recap_window.request.subject_id) == []


def test_a_recap_window_nobody_keeps_closes_its_send_dialog_without_crashing(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    """The send dialog closed, then the window let go (as a window the app no longer keeps):
    the dialog's slot held the window, so deleting the dialog deleted the window, and the
    dialog inside it, a second time (a segmentation fault). The window is freed, once."""
    report = ReportWindow(
        Operations(demo_workspace), ReportRequest.recap(analysed_campaign(demo_workspace))
    )
    report.show()
    wait_for_preview(qtbot, report)
    qtbot.mouseClick(report.send_button, Qt.MouseButton.LeftButton)
    dialog = report.send_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closed: deleted at the next turn of the loop
    assert report.send_dialog is None
    window_gone, dialog_gone = weakref.ref(report), weakref.ref(dialog)
    report.close()
    del report, dialog
    gc.collect()  # what keeps the window now is gone (only its own cycles are left)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    assert window_gone() is None and dialog_gone() is None


# -- start-up stays light ---------------------------------------------------------------------


def test_the_main_window_loads_no_report_machinery_at_start(workspace_path: Path) -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from crmdesk.core.db import Workspace\n"
        "from crmdesk.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"with Workspace.open({str(workspace_path)!r}) as workspace:\n"
        "    window = MainWindow(workspace)\n"
        "    window.show(); app.processEvents()\n"
        "    heavy = ['crmdesk.render.reports', 'crmdesk.ui.reports.export_dialog', 'jinja2',\n"
        "             'matplotlib', 'PySide6.QtWebEngineCore', 'PySide6.QtPdf']\n"
        "    print(*[name for name in heavy if name in sys.modules])\n"
        "    window.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


def test_a_report_made_before_any_bat_preview_leaves_the_previews_working(
    demo_path: Path,
) -> None:
    """Chromium fixes its URL schemes when its first profile starts: a report printed first
    must not leave the BAT previews' scheme unknown (their pages would stay blank)."""
    script = (
        "from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer\n"
        "QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtWebEngineCore import QWebEngineUrlScheme\n"
        "from crmdesk.core.db import Workspace\n"
        "from crmdesk.ui.operations import Operations\n"
        "from crmdesk.ui.reports.export_dialog import ReportRequest, ReportWindow\n"
        "app = QApplication([])\n"
        f"with Workspace.open({str(demo_path)!r}) as workspace:\n"
        "    report = ReportWindow(Operations(workspace), ReportRequest.brief(1), who='claire')\n"
        "    loop = QEventLoop()\n"
        "    report.ready.connect(lambda _pages: loop.quit())\n"
        "    QTimer.singleShot(90_000, loop.quit)\n"
        "    report.show(); loop.exec()\n"
        "    print(report.document.pageCount() > 0,\n"
        "          QWebEngineUrlScheme.schemeByName(b'crmdesk-bat').name().data().decode())\n"
        "    report.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "crmdesk-bat"]
