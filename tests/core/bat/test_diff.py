"""Comparing two BAT rounds as the client does: the words that changed, and the links that
were added, removed or now go elsewhere; markup that reads the same is no change."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.core.bat.diff import LinkChange, RoundDiff, compare

BAT_1 = """<!doctype html>
<html><head><title>Soldes d'hiver</title><style>p { color: #333 }</style></head>
<body>
<!-- preheader -->
<div style="display:none">Jusqu'à -50 % sur tout</div>
<table><tr><td><a href="https://www.maison-exemple.fr/?utm_source=bat&amp;utm_medium=email">
<img src="images/logo.png" alt="Maison Exemple"></a></td></tr>
<tr><td><h1>Les soldes commencent</h1>
<p>Bonjour Camille,<br>profitez de <b>-50 %</b> sur toute la collection.</p>
<img src="images/hero.png" alt="Manteaux d'hiver">
<p><a href="https://www.maison-exemple.fr/soldes?utm_campaign=hiver">J'en profite</a></p>
<p><a href="https://www.maison-exemple.fr/magasins">Nos magasins</a></p>
</td></tr></table>
<script>track()</script>
<p><a href="*|UNSUB|*">Se désinscrire</a></p>
</body></html>"""


def _text_changes(diff: RoundDiff) -> list[tuple[str, str]]:
    return [(op, line) for op, line in diff.text if op != " "]


def test_the_same_email_rebuilt_with_other_markup_is_unchanged() -> None:
    rebuilt = (
        BAT_1.replace("<table>", '<table role="presentation" width="600">')
        .replace("<b>-50 %</b>", "<strong>-50   %</strong>")
        .replace("\n", "\n    ")
        .replace("track()", "track(2)")
        .replace("<!-- preheader -->", "<!-- pré-en-tête -->")
    )

    diff = compare(BAT_1, rebuilt)

    assert diff.unchanged
    assert diff.links == ()
    assert [line for _, line in diff.text] == [
        "Jusqu'à -50 % sur tout",
        "[image: Maison Exemple]",
        "Les soldes commencent",
        "Bonjour Camille,",
        "profitez de -50 % sur toute la collection.",
        "[image: Manteaux d'hiver]",
        "J'en profite",
        "Nos magasins",
        "Se désinscrire",
    ]


def test_a_changed_sentence_shows_as_the_old_line_out_and_the_new_line_in() -> None:
    diff = compare(BAT_1, BAT_1.replace("-50 %</b> sur toute", "-60 %</b> sur toute"))

    assert not diff.unchanged
    assert _text_changes(diff) == [
        ("-", "profitez de -50 % sur toute la collection."),
        ("+", "profitez de -60 % sur toute la collection."),
    ]
    assert diff.text[3] == (" ", "Bonjour Camille,")  # unchanged lines stay, in order
    assert diff.links == ()


def test_a_changed_image_alt_is_a_text_change() -> None:
    diff = compare(BAT_1, BAT_1.replace("Manteaux d'hiver", "Doudounes"))

    assert _text_changes(diff) == [
        ("-", "[image: Manteaux d'hiver]"),
        ("+", "[image: Doudounes]"),
    ]


def test_a_link_going_elsewhere_is_changed_even_by_its_utm_only() -> None:
    after = BAT_1.replace("utm_campaign=hiver", "utm_campaign=soldes-hiver")

    diff = compare(BAT_1, after)

    assert diff.links == (
        LinkChange(
            "changed",
            "J'en profite",
            "https://www.maison-exemple.fr/soldes?utm_campaign=hiver",
            "https://www.maison-exemple.fr/soldes?utm_campaign=soldes-hiver",
        ),
    )
    assert _text_changes(diff) == []
    assert not diff.unchanged


def test_an_image_links_label_is_its_alt() -> None:
    after = BAT_1.replace("utm_source=bat&amp;", "utm_source=newsletter&amp;")

    (change,) = compare(BAT_1, after).links

    assert change.kind == "changed"
    assert change.label == "Maison Exemple"
    assert change.after == "https://www.maison-exemple.fr/?utm_source=newsletter&utm_medium=email"


def test_links_added_and_removed_are_listed() -> None:
    after = BAT_1.replace(
        '<p><a href="https://www.maison-exemple.fr/magasins">Nos magasins</a></p>',
        '<p><a href="https://www.maison-exemple.fr/carte-cadeau">Carte cadeau</a></p>',
    )

    diff = compare(BAT_1, after)

    assert diff.links == (
        LinkChange("added", "Carte cadeau", "", "https://www.maison-exemple.fr/carte-cadeau"),
        LinkChange("removed", "Nos magasins", "https://www.maison-exemple.fr/magasins", ""),
    )
    assert _text_changes(diff) == [("-", "Nos magasins"), ("+", "Carte cadeau")]


def test_a_relabelled_link_to_the_same_page_is_only_a_text_change() -> None:
    diff = compare(BAT_1, BAT_1.replace(">J'en profite<", ">Je découvre<"))

    assert diff.links == ()
    assert _text_changes(diff) == [("-", "J'en profite"), ("+", "Je découvre")]


def test_a_repeated_link_is_matched_with_its_twin_not_shifted() -> None:
    cta = '<p><a href="https://exemple.fr/{}">Découvrir</a></p>'
    before = "<body>" + cta.format("a") + cta.format("b") + "</body>"
    after = "<body>" + cta.format("new") + cta.format("a") + cta.format("b") + "</body>"

    diff = compare(before, after)

    assert diff.links == (LinkChange("added", "Découvrir", "", "https://exemple.fr/new"),)


def test_a_link_rewrapped_by_an_editor_is_the_same_link() -> None:
    after = BAT_1.replace(
        'href="https://www.maison-exemple.fr/magasins"',
        'href="  https://www.maison-exemple.fr/\n\tmagasins "',
    )

    assert compare(BAT_1, after).unchanged


def test_a_line_repeated_through_the_email_is_not_mistaken_for_noise() -> None:
    products = "".join(f"<p>Produit {n}</p><p>En savoir plus</p><p>|</p>" for n in range(1, 120))

    diff = compare(products, products.replace("Produit 60<", "Produit soixante<"))

    assert _text_changes(diff) == [("-", "Produit 60"), ("+", "Produit soixante")]


def test_empty_and_broken_input_compare_without_error() -> None:
    assert compare("", "").unchanged
    assert compare("   ", "<!-- rien -->").unchanged
    assert _text_changes(compare("", "<p>Bonjour")) == [("+", "Bonjour")]
    assert _text_changes(compare("<p>Bonjour</p>", "")) == [("-", "Bonjour")]
    soup = compare("<<<td><a href=x>un</p></tr>>>", "<a href='y'>deux\x00\ud800</a></table>")
    assert {change.kind for change in soup.links} == {"added", "removed"}


def test_a_declared_charset_does_not_garble_the_text() -> None:
    diff = compare(
        '<meta charset="iso-8859-1"><p>Été</p>',
        "<?xml version='1.0' encoding='windows-1252'?><p>Été</p>",
    )

    assert diff.text == ((" ", "Été"),)


def test_two_large_emails_compare_in_seconds_at_most() -> None:
    rows = "".join(
        f"<tr><td><a href='https://exemple.fr/p/{n}'>Produit {n}</a> à 19,90 €</td></tr>"
        for n in range(20_000)
    )
    before = f"<table>{rows}</table>"
    after = before.replace("Produit 7<", "Produit sept<").replace("/p/9'", "/p/neuf'")
    same_line = "<p>|</p>" * 20_000

    start = time.perf_counter()
    diff = compare(before, after)
    compare(same_line, "<p>-</p>" + same_line[8:] + "<p>fin</p>")
    elapsed = time.perf_counter() - start

    assert _text_changes(diff) == [("-", "Produit 7 à 19,90 €"), ("+", "Produit sept à 19,90 €")]
    assert diff.links == (
        LinkChange("changed", "Produit 9", "https://exemple.fr/p/9", "https://exemple.fr/p/neuf"),
    )
    assert elapsed < 10  # about one second on a laptop


_PIECES = st.sampled_from(
    ["<p>", "</p>", "<br>", "<a href='https://x.fr/1'>", "<a href='https://x.fr/2'>", "</a>"]
    + ["<img alt='Logo'>", "<td>", "<script>", "</script>", "<!--", "-->", "Bonjour", "Soldes"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=25),
    after=st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=25),
)
def test_the_diff_holds_both_rounds_text_and_is_empty_against_itself(
    before: list[str], after: list[str]
) -> None:
    old, new = "".join(before), "".join(after)

    diff = compare(old, new)

    same_as_before = compare(old, old)
    assert same_as_before.unchanged
    assert [line for op, line in diff.text if op != "+"] == [
        line for _, line in same_as_before.text
    ]
    assert [line for op, line in diff.text if op != "-"] == [
        line for _, line in compare(new, new).text
    ]
