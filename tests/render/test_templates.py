"""The reports' templates: the user's folder wins, a broken template names its file and line,
and whatever the operator or the client typed prints as text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crmdesk.core.errors import ReportFailed
from crmdesk.render.templates import render


def user_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "my-templates"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("_html", ".html")).write_text(text, encoding="utf-8")
    return folder


def test_a_template_in_the_users_folder_replaces_the_shipped_one(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, mine_html="<p>Agence Martin — {{ name }}</p>")
    assert render("mine.html", {"name": "Q3"}, language="fr", user_folder=folder) == (
        "<p>Agence Martin — Q3</p>"
    )


def test_a_syntax_error_names_the_users_file_and_line(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, recap_html="<h1>Récap</h1>\n<p>\n{% if %}\n</p>\n")
    with pytest.raises(ReportFailed) as failed:
        render("recap.html", {}, language="fr", user_folder=folder)
    assert failed.value.code == "template_syntax"
    assert failed.value.path == folder / "recap.html"
    assert failed.value.line == 3
    assert f"{folder / 'recap.html'}, line 3" in failed.value.message


def test_a_syntax_error_in_an_included_template_names_that_file(tmp_path: Path) -> None:
    folder = user_folder(
        tmp_path, recap_html='<h1>Récap</h1>\n{% include "part.html" %}', part_html="\n{{ 1 + }}"
    )
    with pytest.raises(ReportFailed) as failed:
        render("recap.html", {}, language="fr", user_folder=folder)
    assert (failed.value.path, failed.value.line) == (folder / "part.html", 2)


def test_a_failure_while_rendering_names_the_line(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, recap_html="<h1>{{ title }}</h1>\n<p>{{ recap.missing }}</p>")
    with pytest.raises(ReportFailed) as failed:
        render("recap.html", {"title": "Récap"}, language="fr", user_folder=folder)
    assert failed.value.code == "template_error"
    assert (failed.value.path, failed.value.line) == (folder / "recap.html", 2)
    assert "recap" in failed.value.message


def test_markup_typed_by_a_user_prints_as_text(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, page_html="<div>{{ text }}</div>{{ text|paragraphs }}")
    text = "Offre <b>-50 %</b>\n<script>alert(1)</script>\n\nFin & suite"
    html = render("page.html", {"text": text}, language="fr", user_folder=folder)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        "<p>Offre &lt;b&gt;-50 %&lt;/b&gt;<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        "<p>Fin &amp; suite</p>"
    ) in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            "29,6\u202f% · 1\u202f234 · 0,025\u202f€ · +1,2\u202fpt · 23 novembre 2026",
        ),
        ("en", "29.6\u202f% · 1,234 · 0.025\u202f€ · +1.2\u202fpt · 23 November 2026"),
    ],
)
def test_figures_and_dates_print_in_the_reports_language(
    tmp_path: Path, language: str, expected: str
) -> None:
    folder = user_folder(
        tmp_path,
        page_html=(
            "{{ 0.296|percent }} · {{ 1234|number }} · {{ 0.025|kpi('revenue_per_delivered') }}"
            " · {{ 0.012|points }} · {{ day|day }}"
        ),
    )
    html = render("page.html", {"day": date(2026, 11, 23)}, language=language, user_folder=folder)
    assert html.replace("\u00a0", "\u202f") == expected


def test_a_moment_prints_on_the_clients_clock(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, page_html="{{ at|moment('Europe/Paris') }}")
    at = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert render("page.html", {"at": at}, language="fr", user_folder=folder) == "21/11/2026 13:00"


def test_a_missing_figure_prints_as_a_dash(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, page_html="{{ none|percent }} {{ none|money }}")
    assert render("page.html", {"none": None}, language="en", user_folder=folder) == "— —"
