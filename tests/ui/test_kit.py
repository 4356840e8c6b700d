"""The shared UI kit: formats and styles every window takes from ``crmdesk.ui.kit``."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtWidgets import QApplication

from crmdesk.ui.kit.formats import file_name, kilobytes, language, local_text, short_date
from crmdesk.ui.kit.styles import ALERT, ERROR_STYLE, colour_icon, glyph, message_box_style


def test_formats_follow_the_locale() -> None:
    # tests/ui/conftest.py sets an English (United Kingdom) locale for every test.
    assert language() == "en"
    assert short_date(date(2026, 11, 13)) == "13/11/2026"
    assert "13/11/2026" in local_text(datetime(2026, 11, 13, 12, 0, tzinfo=UTC))
    assert local_text(datetime(2026, 11, 13, 12, 0)) == local_text(
        datetime(2026, 11, 13, 12, 0, tzinfo=UTC)
    )  # a naive instant is a stored UTC one
    assert kilobytes(2048) == "2.0 KB"


def test_a_file_name_drops_its_folder_whatever_the_separator() -> None:
    assert file_name("/home/ana/mail/offer.html") == "offer.html"
    assert file_name(r"C:\mail\offer.eml") == "offer.eml"
    assert file_name("offer.html") == "offer.html"


def test_styles_and_small_icons(qapp: QApplication) -> None:
    assert ALERT in ERROR_STYLE
    refusal = message_box_style("box")
    assert refusal.startswith("#box {") and "#fee2e2" in refusal and "#box QLabel" in refusal
    assert "#dcfce7" in message_box_style("box", error=False)
    assert not colour_icon("#1d4ed8").isNull()
    assert not glyph(lambda painter: painter.drawEllipse(1, 1, 14, 14)).isNull()
