"""The palette check: colours read however they are written, and which ones are let through."""

from __future__ import annotations

import pytest

from crmdesk.core.checks.graphic import CHECK_ID, normalise
from crmdesk.core.checks.model import Charters, CheckContext, Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, found, page

BRAND = ("#E30613", "#1a4d8f")


def palette_findings(html: str, palette: tuple[str, ...] = BRAND) -> list:
    context = CheckContext(charters=Charters(palette=palette))
    return found(check_html(html, context), CHECK_ID)


def colours(findings: list) -> list[str]:
    return [finding.message_en.split()[2] for finding in findings]


@pytest.mark.parametrize(
    ("written", "colour"),
    [
        ("#F00", "#ff0000"),
        ("#ff0000", "#ff0000"),
        ("FF0000", "#ff0000"),  # bgcolor="FF0000", as old emails write it
        ("red", "#ff0000"),
        (" Red ", "#ff0000"),
        ("rgb(255, 0, 0)", "#ff0000"),
        ("rgb(255 0 0)", "#ff0000"),
        ("rgb(100%, 0%, 0%)", "#ff0000"),
        ("rgba(255, 0, 0, .5)", "#ff0000"),
        ("hsl(0, 100%, 50%)", "#ff0000"),
        ("hsl(120deg 100% 25%)", "#008000"),
        ("#ff000080", "#ff0000"),
        ("rgba(255, 0, 0, 0)", "transparent"),
        ("#f000", "transparent"),
        ("transparent", "transparent"),
        ("currentColor", None),
        ("inherit", None),
        ("#12", None),
        ("rgb(1, 2)", None),
    ],
)
def test_colours_are_normalised(written: str, colour: str | None) -> None:
    assert normalise(written) == colour


def test_a_colour_of_the_palette_is_fine_however_it_is_written() -> None:
    html = page(
        '<p style="color:#e30613">a</p><p style="color:#E30613">b</p>'
        '<p style="background-color: rgb(227, 6, 19)">c</p>'
        '<table bgcolor="#1A4D8F"><tr><td>d</td></tr></table>'
    )
    assert palette_findings(html) == []
    assert palette_findings(page('<p style="color:#f00">a</p>'), ("#FF0000",)) == []


def test_an_off_palette_colour_is_a_warning_with_its_count_and_first_line() -> None:
    html = page(
        '<p>intro</p>\n<p style="color:#00aa00">a</p>\n<p style="color: #00AA00;">b</p>\n'
        '<td bgcolor="#0a0">c</td>'
    )
    (finding,) = palette_findings(html)
    assert finding.severity is Severity.WARNING
    assert colours([finding]) == ["#00aa00"]
    assert finding.line == 9
    assert finding.element == "color: #00aa00"
    assert "3 times" in finding.message_en and "3 fois" in finding.message_fr


def test_one_finding_per_colour_in_source_order() -> None:
    html = page(
        '<p style="color:#123456">a</p>\n<p style="border:1px solid #abcdef">b</p>\n'
        '<p style="color:#123456">c</p>'
    )
    assert colours(palette_findings(html)) == ["#123456", "#abcdef"]


def test_without_a_palette_nothing_is_reported() -> None:
    assert palette_findings(page('<p style="color:#00aa00">a</p>'), ()) == []
    assert found(check_html(CLEAN_EMAIL), CHECK_ID) == []


def test_black_white_and_transparent_are_tolerated() -> None:
    html = page(
        '<p style="color:#000; background:#FFFFFF; border-color: transparent">a</p>'
        '<p style="color:black; background-color: rgba(0, 0, 0, 0)">b</p>'
        '<body text="white">'
    )
    assert palette_findings(html) == []


def test_greys_are_not_tolerated() -> None:
    assert colours(palette_findings(page('<p style="color:#333">a</p>'))) == ["#333333"]


def test_a_near_miss_names_the_palette_colour() -> None:
    (finding,) = palette_findings(page('<p style="color:#e30614">a</p>'))
    assert "#e30613" in finding.message_en and "#e30613" in finding.message_fr
    (far,) = palette_findings(page('<p style="color:#00aa00">a</p>'))
    assert "close" not in far.message_en


def test_colours_in_style_blocks_count_but_not_selectors_or_dark_mode() -> None:
    head = (
        '<meta charset="utf-8">\n<style>\n#abc { color: #e30613 }\n.a { background: #00aa00 }\n'
        "@media (prefers-color-scheme: dark) { .a { background: #121212 !important } }\n"
        "[data-ogsc] .a { color: #eeeeee }\n</style>"
    )
    (finding,) = palette_findings(page("<p class='a'>a</p>", head=head))
    assert colours([finding]) == ["#00aa00"]
    assert finding.line == 7


def test_only_colour_properties_are_read() -> None:
    html = page(
        "<p style=\"font-family: Gold, serif; background-image: url('red.png'); "
        'color: var(--tan)">a</p>'
    )
    assert palette_findings(html) == []
    assert colours(palette_findings(page('<p style="--accent: #00aa00">a</p>'))) == ["#00aa00"]
