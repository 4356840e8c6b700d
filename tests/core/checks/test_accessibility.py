"""Accessibility: language, layout tables, link texts and heading order."""

from __future__ import annotations

import pytest

from crmdesk.core.checks.model import Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, clean_with, found, ids, page


def accessibility_ids(report) -> set[str]:
    return {i for i in ids(report) if i.startswith("accessibility.")}


def test_the_clean_email_is_accessible() -> None:
    assert accessibility_ids(check_html(CLEAN_EMAIL)) == set()


def test_html_without_lang_is_a_warning() -> None:
    report = check_html(clean_with('<html lang="fr">', "<html>"))
    (finding,) = found(report, "accessibility.lang_missing")
    assert finding.severity is Severity.WARNING
    assert finding.line == 2
    assert 'lang="fr"' in finding.message_fr


@pytest.mark.parametrize("root", ['<html lang="">', '<html xml:lang="fr">'])
def test_an_empty_lang_counts_as_missing_and_xml_lang_as_present(root: str) -> None:
    report = check_html(clean_with('<html lang="fr">', root))
    assert bool(found(report, "accessibility.lang_missing")) == (root == '<html lang="">')


def test_layout_tables_without_role_are_one_warning_with_the_count() -> None:
    body = (
        "\n".join(f'<table width="600"><tr><td>Bloc {n}</td></tr></table>' for n in range(3))
        + '\n<table role="presentation"><tr><td>Bien</td></tr></table>'
    )
    html = page(body)
    (finding,) = found(check_html(html), "accessibility.table_role")
    assert finding.severity is Severity.WARNING
    assert finding.message_en.startswith('3 layout table(s) without role="presentation"')
    assert finding.message_fr.startswith("3 tableau(x) de mise en page")
    assert html.split("\n")[finding.line - 1].startswith('<table width="600"><tr><td>Bloc 0')


def test_data_tables_and_role_none_are_left_alone() -> None:
    body = (
        "<table><caption>Vos commandes</caption><tr><td>1</td></tr></table>"
        "<table><tr><th>Produit</th><th>Prix</th></tr><tr><td>Pull</td><td>49 €</td></tr></table>"
        '<table role="none"><tr><td>Mise en page</td></tr></table>'
    )
    assert not found(check_html(page(body)), "accessibility.table_role")


@pytest.mark.parametrize(
    "text",
    [
        "Cliquez ici",
        "ici",
        "En savoir plus",
        "En savoir plus »",
        "Lire la suite",
        "> Voir plus",
        "Click here",
        "here",
        "Read more…",
        "Learn more",
    ],
)
def test_vague_link_texts_are_warnings(text: str) -> None:
    report = check_html(page(f'<a href="https://x.fr/a">{text}</a>'))
    (finding,) = found(report, "accessibility.vague_link")
    assert finding.severity is Severity.WARNING
    assert f"« {text} »" in finding.message_fr


def test_the_same_vague_text_is_one_finding_with_the_count() -> None:
    body = "".join(f'<a href="https://x.fr/{n}">En savoir plus</a>' for n in range(4))
    (finding,) = found(check_html(page(body)), "accessibility.vague_link")
    assert finding.message_en.startswith("4 links say only “En savoir plus”")
    assert finding.message_fr.startswith("4 liens disent seulement « En savoir plus »")


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://x.fr/a">En savoir plus sur la collection</a>',
        '<a href="https://x.fr/a" aria-label="En savoir plus sur la collection">En savoir plus</a>',
        '<a href="https://x.fr/a" title="La collection d’hiver">Ici</a>',
        '<a name="ici">ici</a>',
    ],
)
def test_explicit_or_labelled_links_are_fine(link: str) -> None:
    assert not found(check_html(page(link)), "accessibility.vague_link")


def test_a_skipped_heading_level_is_an_info() -> None:
    html = page("<h1>Titre</h1>\n<h3>Sous-partie</h3>")
    (finding,) = found(check_html(html), "accessibility.headings")
    assert finding.severity is Severity.INFO
    assert "<h1> then <h3>" in finding.message_en
    assert html.split("\n")[finding.line - 1] == "<h3>Sous-partie</h3>"


def test_several_h1_are_an_info() -> None:
    (finding,) = found(check_html(page("<h1>Un</h1><h1>Deux</h1>")), "accessibility.headings")
    assert "2 <h1>" in finding.message_en


@pytest.mark.parametrize(
    "body",
    ["<p>Pas de titre</p>", "<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>", "<h2>Début en h2</h2>"],
)
def test_orderly_or_absent_headings_are_fine(body: str) -> None:
    assert not found(check_html(page(body)), "accessibility.headings")


def test_images_without_alt_are_left_to_the_images_family() -> None:
    report = check_html(page('<p>x</p><img src="https://x.fr/a.png" width="10">'))
    assert found(report, "images.alt_missing")
    assert not accessibility_ids(report)
