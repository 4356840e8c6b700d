"""The BAT window refusing hostile proofs (issue 18): an .eml nested a thousand deep crashed the
import with RecursionError and a 0-byte .html became BAT 1; now each is a refusal in a sentence,
the button is released (no "Importing…" left) and the campaign is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crmdesk.core import campaigns
from crmdesk.core.bat import rounds
from crmdesk.core.db import Workspace
from crmdesk.core.models import CampaignStatus
from tests.core.test_hostile_documents import deep_mime
from tests.ui.test_bat_window import campaign, open_window

__all__ = ["campaign"]  # the fixture, shared with the BAT window's tests


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("profond.eml", deep_mime(1000), "nested far deeper"),
        ("vide.html", b"", "empty"),
        ("bruit.eml", bytes(range(256)) * 64, "is not an"),
    ],
)
def test_a_hostile_proof_is_refused_and_the_window_released(
    qtbot: QtBot,
    workspace: Workspace,
    campaign: int,
    tmp_path: Path,
    name: str,
    data: bytes,
    said: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    window = open_window(qtbot, workspace, campaign)
    with qtbot.waitSignal(window.imported, timeout=30_000) as done:
        window.import_file(path)
    assert done.args == [False]
    assert window.message_box.isVisible()
    assert name in window.message.text() and said in window.message.text()
    assert not window.busy and window.import_button.isEnabled()
    assert window.import_button.text() == "&Import a proof…", "no “Importing…” left"
    with workspace.reader() as session:
        assert rounds.rounds(session, campaign) == []
        assert campaigns.load(session, campaign).status is CampaignStatus.PRODUCTION
