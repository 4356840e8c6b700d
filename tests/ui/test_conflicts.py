"""Two people on one plan (issue 22), in the windows: a save based on a version someone else has
moved on is refused with who, when and what, and the operator chooses to reload and reapply or
to discard; undo takes back only one's own change.

The other person is a real second writer with a profile of their own ("Léa Martin", the first
profile, which a computer with no choice of its own takes as "me"). On PostgreSQL she is another
process (`crmdesk campaign edit`) or another connection (`Workspace.open` on the same database).
On SQLite the window holds the file's writer lock, so she writes through the same workspace
from another session, as another computer's profile: the row's version moves on under the open
form exactly as when the command line writes between the window's read and its save.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns, clients, operators
from crmdesk.core.briefs import service as briefs
from crmdesk.core.concurrency import FieldNow, StaleEdit
from crmdesk.core.db import Workspace
from crmdesk.ui.brief.editor import BriefEditor
from crmdesk.ui.clients.window import ClientsWindow
from crmdesk.ui.dialogs.campaign_dialog import CampaignDialog
from crmdesk.ui.kit.conflict import ConflictDialog, value_text
from crmdesk.ui.labels import error_text
from crmdesk.ui.main_window import MainWindow
from tests.cli.runs import crmdesk
from tests.conftest import on_postgresql
from tests.ui.conftest import JULY

ME, LEA = "Camille Moreau", "Léa Martin"


class OtherUser:
    """Léa, at another computer: her own data folder, so the workspace's first profile is her."""

    def __init__(
        self, workspace: Workspace, location: Path | str, folder: Path, monkeypatch: Any
    ) -> None:
        self.workspace = workspace
        self.location = location
        self.folder = folder
        self.monkeypatch = monkeypatch

    @contextmanager
    def desk(self) -> Iterator[Workspace]:
        """Her workspace: her own connection on a server; on a file, the one writer's."""
        with self.monkeypatch.context() as patch:
            patch.setenv("CRMDESK_DATA_DIR", str(self.folder))
            if on_postgresql():
                with Workspace.open(self.location) as theirs:
                    yield theirs
            else:
                yield self.workspace

    def edit_campaign(self, campaign_id: int, **fields: str) -> None:
        if on_postgresql():  # a process of her own, as a script at her desk would
            options = [part for name, value in fields.items() for part in (f"--{name}", value)]
            done = crmdesk(
                "campaign",
                "edit",
                campaign_id,
                "--db",
                self.location,
                *options,
                data_dir=self.folder,
            )
            assert done.returncode == 0, done.stderr
            return
        with self.desk() as theirs, theirs.session() as session:
            data = campaigns.load(session, campaign_id)
            campaigns.update(session, campaign_id, replace(data, **fields))  # type: ignore[arg-type]

    def edit_brief(self, campaign_id: int, **fields: str) -> None:
        with self.desk() as theirs, theirs.session() as session:
            state = briefs.load(session, campaign_id)
            briefs.save(session, campaign_id, replace(state.content, **fields), "lea")  # type: ignore[arg-type]

    def edit_client(self, client_id: int, **fields: object) -> None:
        with self.desk() as theirs, theirs.session() as session:
            data = clients.client_input(session, client_id)
            clients.update_client(session, client_id, replace(data, **fields))  # type: ignore[arg-type]


@pytest.fixture
def lea(
    workspace: Workspace, workspace_path: Path | str, tmp_path: Path, monkeypatch: Any
) -> OtherUser:
    """Two profiles: Léa's first (any computer without a choice takes her), then mine, which
    this computer remembers as "me"."""
    with workspace.session() as session:
        operators.save_profile(session, operators.ProfileInput(LEA))
        operators.save_profile(session, operators.ProfileInput(ME))
    return OtherUser(workspace, workspace_path, tmp_path / "lea-computer", monkeypatch)


@pytest.fixture
def main(
    qtbot: QtBot, workspace: Workspace, lea: OtherUser, july_campaigns: dict[str, int]
) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    window.calendar.go_to(JULY)
    return window


def stored(workspace: Workspace, campaign_id: int) -> campaigns.CampaignInput:
    with workspace.reader() as session:
        return campaigns.load(session, campaign_id)


def open_newsletter(qtbot: QtBot, main: MainWindow) -> CampaignDialog:
    """The campaign of 7 July opened from the calendar with the keyboard."""
    main.activateWindow()
    view = main.calendar.month_view
    view.setFocus()
    view.selected_day = date(2026, 7, 6)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.dialog is not None and main.dialog.isVisible())
    assert main.dialog is not None and main.dialog.name.text() == "Newsletter juillet"
    return main.dialog


def the_question(qtbot: QtBot, owner: Any) -> ConflictDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(owner.conflict_dialog, ConflictDialog) and owner.conflict_dialog.isVisible()
        )
    )
    return owner.conflict_dialog  # type: ignore[no-any-return]


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def message_after(qtbot: QtBot, action: Any) -> str:
    """Do ``action``, which shows a blocking message box; read it and close it."""
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(50, read_and_close)

    QTimer.singleShot(50, read_and_close)
    action()
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


# -- the campaign dialog ----------------------------------------------------------------------


def test_a_stale_save_names_who_changed_what_and_reapplying_keeps_both_changes(
    qtbot: QtBot,
    main: MainWindow,
    workspace: Workspace,
    lea: OtherUser,
    july_campaigns: dict[str, int],
) -> None:
    campaign = july_campaigns["newsletter"]
    dialog = open_newsletter(qtbot, main)
    qtbot.keyClicks(dialog.notes, "Relancer les inactifs")
    lea.edit_campaign(campaign, subject="Dernière démarque")

    click(qtbot, dialog.ok_button)
    question = the_question(qtbot, dialog)
    assert question.headline.text().startswith(
        f"{LEA} changed the campaign “Newsletter juillet” on "
    )
    assert "Subject is now “Dernière démarque”." in question.details.text()
    assert not question.both.isVisible()  # she changed the subject, I the notes
    assert dialog.isVisible() and main.undo_stack.count() == 0
    assert stored(workspace, campaign).notes == ""  # nothing of mine was written

    qtbot.keyClick(question, Qt.Key.Key_Return)  # Enter: reload and apply my changes
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.subject.text() == "Dernière démarque"
    assert dialog.notes.toPlainText() == "Relancer les inactifs"
    assert dialog.reloaded.isVisible()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: main.dialog is None)
    saved = stored(workspace, campaign)
    assert (saved.subject, saved.notes) == ("Dernière démarque", "Relancer les inactifs")


def test_a_field_both_changed_is_listed_and_my_value_is_kept_and_marked(
    qtbot: QtBot,
    main: MainWindow,
    workspace: Workspace,
    lea: OtherUser,
    july_campaigns: dict[str, int],
) -> None:
    campaign = july_campaigns["newsletter"]
    dialog = open_newsletter(qtbot, main)
    qtbot.keyClicks(dialog.subject, "Mon objet")
    lea.edit_campaign(campaign, subject="Son objet", notes="Vu avec le client")

    click(qtbot, dialog.ok_button)
    question = the_question(qtbot, dialog)
    assert question.both.isVisible() and "You both changed: Subject." in question.both.text()
    click(qtbot, question.reapply_button)
    assert dialog.subject.text() == "Mon objet"
    assert dialog.notes.toPlainText() == "Vu avec le client"
    assert dialog.subject.styleSheet()  # marked: both changed it
    assert "Subject" in dialog.reloaded.text()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: main.dialog is None)
    saved = stored(workspace, campaign)
    assert (saved.subject, saved.notes) == ("Mon objet", "Vu avec le client")


def test_escape_keeps_my_text_and_discarding_shows_theirs(
    qtbot: QtBot,
    main: MainWindow,
    workspace: Workspace,
    lea: OtherUser,
    july_campaigns: dict[str, int],
) -> None:
    campaign = july_campaigns["newsletter"]
    dialog = open_newsletter(qtbot, main)
    qtbot.keyClicks(dialog.preheader, "Offre de la semaine")
    lea.edit_campaign(campaign, subject="Dernière démarque")

    click(qtbot, dialog.ok_button)
    question = the_question(qtbot, dialog)
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # no choice made: the form stays as it is
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.isVisible() and dialog.preheader.text() == "Offre de la semaine"
    assert stored(workspace, campaign).preheader == ""

    click(qtbot, dialog.ok_button)  # asked again, since nothing was saved
    question = the_question(qtbot, dialog)
    click(qtbot, question.discard_button)
    assert dialog.isVisible()
    assert dialog.preheader.text() == "" and dialog.subject.text() == "Dernière démarque"
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: main.dialog is None)
    saved = stored(workspace, campaign)
    assert (saved.subject, saved.preheader) == ("Dernière démarque", "")
    assert main.undo_stack.count() == 0  # nothing of mine to undo


# -- undo ---------------------------------------------------------------------------------------


def test_undo_after_someone_else_changed_the_campaign_is_refused_and_writes_nothing(
    qtbot: QtBot,
    main: MainWindow,
    workspace: Workspace,
    lea: OtherUser,
    july_campaigns: dict[str, int],
) -> None:
    campaign = july_campaigns["newsletter"]
    dialog = open_newsletter(qtbot, main)
    qtbot.keyClicks(dialog.subject, "Le mien")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: main.dialog is None)
    assert main.undo_stack.count() == 1
    lea.edit_campaign(campaign, notes="Validé par Léa")

    main.activateWindow()
    said = message_after(
        qtbot, lambda: qtbot.keyClick(main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    )
    assert said.startswith(
        f"Cannot undo: {LEA} changed the campaign “Newsletter juillet” since (on "
    )
    assert "Nothing was changed." in said
    saved = stored(workspace, campaign)
    assert (saved.subject, saved.notes) == ("Le mien", "Validé par Léa")
    assert not main.undo_stack.canUndo()  # the refused step is gone from the stack


def test_undo_of_my_own_changes_still_works_even_after_several_of_them(
    qtbot: QtBot, main: MainWindow, workspace: Workspace, july_campaigns: dict[str, int]
) -> None:
    campaign = july_campaigns["newsletter"]
    for subject in ("Premier", "Second"):
        dialog = open_newsletter(qtbot, main)
        dialog.subject.clear()
        qtbot.keyClicks(dialog.subject, subject)
        click(qtbot, dialog.ok_button)
        qtbot.waitUntil(lambda: main.dialog is None)
    assert stored(workspace, campaign).subject == "Second"

    main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(workspace, campaign).subject == "Premier"
    qtbot.keyClick(main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(workspace, campaign).subject == ""  # my first edit, though the version moved
    qtbot.keyClick(
        main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert stored(workspace, campaign).subject == "Premier"


# -- the brief --------------------------------------------------------------------------------


def test_a_stale_brief_save_asks_and_reapplying_saves_both_and_closing_never_loses_text(
    qtbot: QtBot,
    main: MainWindow,
    workspace: Workspace,
    lea: OtherUser,
    july_campaigns: dict[str, int],
) -> None:
    campaign = july_campaigns["promo"]
    editor: BriefEditor = main.open_brief(campaign)
    qtbot.waitUntil(editor.isVisible)
    with qtbot.waitSignal(editor.saved, timeout=4000):
        qtbot.keyClicks(editor.fields["key_message"], "Deux pour un")
    lea.edit_brief(campaign, target="Clientes fidèles")

    editor.activateWindow()
    qtbot.keyClicks(editor.fields["offer"], "Livraison offerte")
    question = the_question(qtbot, editor)  # the autosave was refused
    assert question.headline.text().startswith(f"{LEA} changed the brief of “Soldes d'été” on ")
    assert "Target is now “Clientes fidèles”." in question.details.text()
    with workspace.reader() as session:
        assert briefs.load(session, campaign).content.offer == ""

    assert not editor.close()  # it cannot save yet: it stays open with my text
    assert editor.isVisible() and editor.fields["offer"].text() == "Livraison offerte"  # type: ignore[attr-defined]

    qtbot.keyClick(question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor._dirty)
    assert editor.fields["target"].text() == "Clientes fidèles"  # type: ignore[attr-defined]
    assert editor.fields["offer"].text() == "Livraison offerte"  # type: ignore[attr-defined]
    with workspace.reader() as session:
        content = briefs.load(session, campaign).content
    assert (content.key_message, content.target, content.offer) == (
        "Deux pour un",
        "Clientes fidèles",
        "Livraison offerte",
    )
    assert editor.close()


def test_discarding_in_the_brief_shows_their_text(
    qtbot: QtBot,
    main: MainWindow,
    workspace: Workspace,
    lea: OtherUser,
    july_campaigns: dict[str, int],
) -> None:
    campaign = july_campaigns["promo"]
    editor: BriefEditor = main.open_brief(campaign)
    qtbot.waitUntil(editor.isVisible)
    lea.edit_brief(campaign, target="Clientes fidèles")
    qtbot.keyClicks(editor.fields["target"], "Tous")
    question = the_question(qtbot, editor)
    click(qtbot, question.discard_button)
    assert editor.fields["target"].text() == "Clientes fidèles"  # type: ignore[attr-defined]
    assert not editor._dirty
    with workspace.reader() as session:
        assert briefs.load(session, campaign).content.target == "Clientes fidèles"
    assert editor.close()


# -- the clients window -----------------------------------------------------------------------


def test_a_stale_client_save_asks_and_reapplying_keeps_both(
    qtbot: QtBot, main: MainWindow, workspace: Workspace, lea: OtherUser, client_id: int
) -> None:
    window: ClientsWindow = main.open_clients()
    qtbot.waitUntil(window.isVisible)
    assert window.client_id == client_id
    window.sender_name.clear()
    qtbot.keyClicks(window.sender_name, "Maison Verlaine")
    lea.edit_client(client_id, pressure_cap=5)

    click(qtbot, window.save_button)
    question = the_question(qtbot, _Dialog(window))
    assert question.headline.text().startswith(f"{LEA} changed the client “Éditions Lumière” on ")
    assert "is now “5”." in question.details.text()
    with workspace.reader() as session:
        assert clients.client_input(session, client_id).sender_name == ""

    click(qtbot, question.reapply_button)
    assert window.pressure_cap.value() == 5
    assert window.sender_name.text() == "Maison Verlaine"
    click(qtbot, window.save_button)
    with workspace.reader() as session:
        saved = clients.client_input(session, client_id)
    assert (saved.sender_name, saved.pressure_cap) == ("Maison Verlaine", 5)


class _Dialog:
    """The clients window keeps its open question in ``dialog``."""

    def __init__(self, window: ClientsWindow) -> None:
        self.window = window

    @property
    def conflict_dialog(self) -> Any:
        return self.window.dialog


def test_a_number_in_the_sentence_reads_as_the_form_shows_it() -> None:
    """Someone else's volume is told grouped in the user's locale ("12 000" in French), as
    the form's volume box shows it, not as the bare digits stored."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        assert value_text(12000) == "“12\u202f000”"
        assert value_text(True) == "“True”"  # a flag is not a number
    finally:
        QLocale.setDefault(before)


def test_a_refusal_shown_outside_a_form_says_who_what_and_that_nothing_was_saved() -> None:
    """A stale save no form can ask about (a drag on the calendar, a replay) reaches the user
    through the one error sentence: translated, with who, what changed, and the outcome."""
    stale = StaleEdit(
        "campaign",
        7,
        "Soldes d'hiver",
        (FieldNow("subject", "Sujet de Sophie"),),
        "Sophie",
        None,
        4,
    )
    assert error_text(stale).splitlines() == [
        "Sophie changed the campaign “Soldes d'hiver” meanwhile.",
        "Subject is now “Sujet de Sophie”.",
        "Nothing was saved.",
    ]
