"""The BAT window on a real workspace with a real QWebEngineView: importing a proof, the
preview personalised from a persona, feedback and decisions with undo, the review mode, the
comparison of two rounds, remote images allowed by clicking the real button (a real HTTP
server counts what the preview asks of it), and a refused archive explained without writing
anything. Buttons are clicked as a user clicks them: a slot called directly once hid a button
that raised a TypeError on every click."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns
from crmdesk.core.bat import personas, rounds
from crmdesk.core.db import Workspace
from crmdesk.core.models import BatDecision, CampaignStatus
from crmdesk.ui.bat.window import BatWindow
from crmdesk.ui.operations import Operations
from tests.conftest import plan
from tests.ui.test_bat_preview import Tracker

SEND_DAY = date(2026, 12, 9)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
#: The newsletter brief's mandatory mention: an email without it has an error finding open.
MENTION = (
    "Vous recevez cet e-mail car vous êtes inscrit(e) à notre newsletter. Désinscription à"
    " tout moment via le lien en bas de page."
)
LOAD = 30_000


def email(greeting: str, cta: str, *, mention: bool = True, images: str = "") -> str:
    """A proof; without ``mention`` its import checks find an error (the missing mention)."""
    legal = f"<p>{MENTION}</p>" if mention else ""
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Soldes d'hiver</title></head>
<body><img src="images/logo.png" alt="Logo" width="120">
<p>{greeting} *|FNAME|*, *|VILLE_PREFEREE|*</p>{images}
<a href="{cta}">Je découvre</a>
<img src="https://tracker.example.com/open.gif" width="1" height="1" alt="">
<script>document.title = "hacked"</script>{legal}
<a href="*|UNSUB|*">Se désinscrire</a></body></html>"""


def zipped(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("index.html", html)
        archive.writestr("images/logo.png", PNG)
    return path


@pytest.fixture
def campaign(workspace: Workspace, client_id: int) -> int:
    with workspace.session() as session:
        personas.save_persona(session, client_id, "Claire", {"firstname": "Claire"})
    return plan(
        workspace, client_id, SEND_DAY, name="Soldes d'hiver", status=CampaignStatus.PRODUCTION
    )


def open_window(qtbot: QtBot, workspace: Workspace, campaign_id: int) -> BatWindow:
    window = BatWindow(Operations(workspace), campaign_id, who="Léa")
    qtbot.addWidget(window)
    window.show()
    return window


def import_proof(qtbot: QtBot, window: BatWindow, path: Path) -> None:
    with qtbot.waitSignal(window.proof.painted, timeout=LOAD):
        with qtbot.waitSignal(window.imported, timeout=LOAD) as done:
            window.import_file(path)
    assert done.args == [True]


def click(qtbot: QtBot, button: QWidget) -> None:
    """A left click on the real button, as the user makes it."""
    assert button.isVisible(), f"{button.objectName() or type(button).__name__} is not shown"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def image_host() -> Iterator[Tracker]:
    """A real image host on 127.0.0.1 that counts the requests it receives."""
    server = Tracker()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_an_imported_proof_is_previewed_filled_and_safe_and_the_decision_moves_the_campaign(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    assert window.stack.currentWidget() is window.empty
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", email("Bonjour", "https://a.fr")))

    assert window.round_combo.currentText().startswith("BAT 1 — ")
    page = window.proof.page
    assert page is not None and "Bonjour Claire" in page.html
    assert "*|VILLE_PREFEREE|*" in page.unfilled and "*|UNSUB|*" in page.system
    assert "<script" not in page.html.lower()
    assert "VILLE_PREFEREE" in window.tags.toPlainText()
    assert "script" in window.safety.toPlainText()
    qtbot.waitUntil(lambda: window.proof.preview.blocked_count() >= 1, timeout=10000)
    assert "blocked" in window.proof.controls.blocked.text()
    with workspace.reader() as session:
        assert campaigns.load(session, campaign).status is CampaignStatus.BAT

    window.proof.controls.raw.setChecked(True)
    assert "*|FNAME|*" in window.proof.page.html

    window.feedback_edit.setPlainText("Le lien du bouton est faux")
    window.target_combo.setEditText("https://a.fr")
    click(qtbot, window.add_feedback_button)
    assert window.feedback_list.count() == 1
    assert "[https://a.fr]" in window.feedback_list.item(0).text()

    click(qtbot, window.approve_button)  # no error open: approved at once, nothing asked
    assert window.override_dialog is None
    assert window.badge.full_text().startswith("Approved — Léa")
    with workspace.reader() as session:
        assert campaigns.load(session, campaign).status is CampaignStatus.APPROVED
    window.undo_stack.undo()
    assert window.badge.text() == "Awaiting decision"
    with workspace.reader() as session:
        assert campaigns.load(session, campaign).status is CampaignStatus.BAT
    window.undo_stack.undo()
    assert window.feedback_list.count() == 0


def test_a_second_round_is_compared_with_the_first(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", email("Bonjour", "https://a.fr")))
    import_proof(qtbot, window, zipped(tmp_path, "bat2.zip", email("Salut", "https://b.fr")))
    assert window.round_combo.count() == 2
    assert window.round_combo.currentText().startswith("BAT 2 — ")
    window.open_compare()
    dialog = window.compare_dialog
    text = dialog.text.toPlainText()
    assert "- Bonjour" in text and "+ Salut" in text
    changed = [dialog.links.topLevelItem(i) for i in range(dialog.links.topLevelItemCount())]
    assert any(row.text(2) == "https://a.fr" and row.text(3) == "https://b.fr" for row in changed)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.round_combo.currentText().startswith("BAT 1 — ")


def test_the_review_mode_records_feedback_and_the_decision_from_the_keyboard(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", email("Bonjour", "https://a.fr")))
    window.open_review()
    review = window.review
    assert review is not None and review.isFullScreen()
    assert review.heading.text() == "BAT 1 — Soldes d'hiver"
    assert review.checklist.count() >= 1  # the checklist's BAT items, tickable
    review.box.setPlainText("Remonter le logo")
    review.box.setFocus()
    qtbot.keyClick(review.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert review.feedback.count() == 1 and "Remonter le logo" in review.feedback.item(0).text()
    click(qtbot, review.changes_button)
    assert review.badge.full_text().startswith("Changes requested — Léa")
    assert not review.changes_button.isEnabled()  # already requested: nothing to decide
    with workspace.reader() as session:
        summary = rounds.rounds(session, campaign)[0]
    assert summary.decision is BatDecision.CHANGES_REQUESTED
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.review is None)


def test_a_zip_climbing_out_of_its_folder_is_refused_and_nothing_is_written(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("index.html", "<p>hello</p>")
        archive.writestr("../../outside.html", "<p>nope</p>")
    window = open_window(qtbot, workspace, campaign)
    with qtbot.waitSignal(window.imported, timeout=30000) as done:
        window.import_file(path)
    assert done.args == [False]
    assert window.message_box.isVisible()
    assert "evil.zip" in window.message.text() and "outside" in window.message.text()
    with workspace.reader() as session:
        assert rounds.rounds(session, campaign) == []
        assert campaigns.load(session, campaign).status is CampaignStatus.PRODUCTION
    assert not (tmp_path.parent / "outside.html").exists()


def test_a_bug_during_an_import_leaves_the_window_usable_and_reaches_the_crash_handler(
    qtbot: QtBot,
    workspace: Workspace,
    campaign: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    crash_log: Path,
) -> None:
    from crmdesk.ui import crash

    working = rounds.import_file

    def tripping(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the archive reader tripped")

    monkeypatch.setattr(rounds, "import_file", tripping)
    window = open_window(qtbot, workspace, campaign)
    with qtbot.waitSignal(window.imported, timeout=30000) as done:
        window.import_file(zipped(tmp_path, "bat1.zip", email("Bonjour", "https://a.fr")))
    assert done.args == [False]
    assert not window.busy
    assert window.import_button.isEnabled()
    assert window.import_button.text() == "&Import a proof…", "no “Importing…” left"
    log = crash_log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: the archive reader tripped" in log and "bat1.zip" in log
    dialog = crash.last_dialog()
    assert dialog is not None and str(crash_log) in dialog.text()
    dialog.close()
    with workspace.reader() as session:
        assert rounds.rounds(session, campaign) == []

    monkeypatch.setattr(rounds, "import_file", working)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", email("Bonjour", "https://a.fr")))
    assert window.round_combo.currentText().startswith("BAT 1 — ")


def test_clicking_load_remote_images_makes_the_preview_request_them(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path, image_host: Tracker
) -> None:
    html = email("Bonjour", "https://a.fr", images=f'<img src="{image_host.origin}/hero.png">')
    window = open_window(qtbot, workspace, campaign)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", html))
    remote = window.proof.controls.remote
    qtbot.waitUntil(lambda: window.proof.preview.blocked_count() >= 2, timeout=LOAD)
    assert image_host.received() == [], "blocked until allowed: the server heard nothing"
    assert not remote.isChecked()

    with qtbot.waitSignal(window.proof.painted, timeout=LOAD):
        click(qtbot, remote)
    qtbot.waitUntil(lambda: "/hero.png" in image_host.received(), timeout=LOAD)
    assert remote.isChecked()
    assert window.proof.controls.blocked.text() == "Remote images allowed for this round"
    with workspace.reader() as session:
        assert rounds.load_round(session, window.view.id).remote_allowed  # type: ignore[union-attr]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.proof.painted, timeout=LOAD):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert not remote.isChecked()
    with workspace.reader() as session:
        assert not rounds.load_round(session, window.view.id).remote_allowed  # type: ignore[union-attr]
