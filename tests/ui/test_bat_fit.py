"""The BAT window on a 1280×720 laptop (about 1280×690 once its panel is taken): it fits, its
buttons are where the operator can click them, and what is too long for the room is elided
with the whole text in a tooltip rather than cut or pushing the window off the screen."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from crmdesk.core.bat import personas
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus
from crmdesk.ui.bat.window import BatWindow
from tests.conftest import plan
from tests.ui.test_bat_window import click, email, import_proof, open_window, zipped

SEND_DAY = date(2026, 12, 9)
#: A 1280×720 screen less a 30-pixel panel: what a laptop's window manager gives a window.
LAPTOP = QSize(1280, 690)
LONG_NAME = (
    "Soldes d'hiver — opération spéciale fidélité pour les abonnés premium de la région"
    " Auvergne-Rhône-Alpes, relance des paniers abandonnés incluse"
)


@pytest.fixture
def campaign(workspace: Workspace, client_id: int) -> int:
    with workspace.session() as session:
        personas.save_persona(session, client_id, "Claire", {"firstname": "Claire"})
    return plan(workspace, client_id, SEND_DAY, name=LONG_NAME, status=CampaignStatus.PRODUCTION)


def shoot(widget: QWidget, name: str) -> None:
    """Save what the widget shows when CRMDESK_SCREENSHOTS names a folder (for the notes)."""
    folder = os.environ.get("CRMDESK_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def inside(window: QWidget, widget: QWidget) -> bool:
    """The whole widget lies within the window's visible area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return (
        window.rect().contains(QRect(top_left, widget.size()))
        and not widget.visibleRegion().isEmpty()
    )


def test_the_bat_window_fits_a_1280_by_720_screen_with_its_buttons_visible(
    qtbot: QtBot, workspace: Workspace, campaign: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace, campaign)
    broken = email("Bonjour", "https://a.fr", mention=False)
    import_proof(qtbot, window, zipped(tmp_path, "bat1.zip", broken))
    import_proof(qtbot, window, zipped(tmp_path, "bat2.zip", broken))
    for text in ("Le logo est flou sur mobile", "Remonter le bloc des mentions légales"):
        window.feedback_edit.setPlainText(text)
        click(qtbot, window.add_feedback_button)

    hint = window.minimumSizeHint()
    assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), hint
    window.resize(LAPTOP)
    qtbot.waitUntil(lambda: window.size() == LAPTOP)
    shoot(window, "bat-1280x720.png")

    controls = window.proof.controls
    buttons = (
        window.import_button,
        window.compare_button,
        window.personas_button,
        window.send_button,
        window.review_button,
        window.approve_button,
        window.changes_button,
        window.add_feedback_button,
        window.round_combo,
        window.badge,
        controls.remote,
        controls.raw,
        controls.zoom_in,
        controls.layout_group.button(2),
    )
    for widget in buttons:
        assert widget.isVisible() and inside(window, widget), type(widget).__name__
        assert widget.width() >= widget.minimumSizeHint().width() or widget is window.badge

    # The campaign's name gives way, and says itself in full in its tooltip.
    assert window.title.is_elided() and window.title.toolTip() == LONG_NAME
    assert inside(window, window.title)
    # The round selector keeps its whole text at hand, in the list and its tooltip.
    current = window.round_combo.currentText()
    assert current.startswith("BAT 2 — ") and current in window.round_combo.toolTip()
    index = window.round_combo.currentIndex()
    assert window.round_combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == current

    # The findings: the message column takes the panel's width and wraps, nothing runs off.
    tabs = window.side.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert window.side.currentWidget() is window.findings
    shoot(window, "bat-findings-1280x720.png")
    tree = window.findings
    header = tree.header()
    used = sum(header.sectionSize(i) for i in range(header.count()))
    assert used <= tree.viewport().width()
    assert not tree.horizontalScrollBar().isVisible()
    first = tree.topLevelItem(0)
    assert first is not None and first.toolTip(1) == first.text(1)
    width = header.sectionSize(1)
    for row in (tree.topLevelItem(i) for i in range(tree.topLevelItemCount())):
        assert row is not None
        wrapped = tree.fontMetrics().boundingRect(
            QRect(0, 0, width - 12, 100_000), Qt.TextFlag.TextWordWrap, row.text(1)
        )
        assert tree.visualItemRect(row).height() >= wrapped.height(), row.text(1)
    assert inside(window, tree)


def test_the_window_opens_no_larger_than_the_screen(
    qtbot: QtBot, workspace: Workspace, campaign: int
) -> None:
    window: BatWindow = open_window(qtbot, workspace, campaign)
    available = window.screen().availableGeometry().size()
    assert window.width() <= max(available.width(), window.minimumSizeHint().width())
    assert window.height() <= max(available.height(), window.minimumSizeHint().height())
