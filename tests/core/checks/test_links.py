"""Links: broken hrefs, plain HTTP, UTM tagging and the brief's calls to action."""

from __future__ import annotations

import pytest

from crmdesk.core.checks.model import Charters, CheckContext, Severity
from tests.core.checks.conftest import (
    CLEAN_EMAIL,
    UTM,
    check_html,
    clean_with,
    found,
    ids,
    page,
)


def links_of(body: str, context: CheckContext | None = None):
    return check_html(page(body), context)


def test_the_clean_email_has_no_link_finding() -> None:
    assert not {i for i in ids(check_html(CLEAN_EMAIL)) if i.startswith("links.")}


@pytest.mark.parametrize("href", ["", "#", "  #  "])
def test_empty_and_hash_links_are_errors(href: str) -> None:
    html = page(f'<p>Texte</p>\n<a href="{href}">Je découvre</a>')
    (finding,) = found(check_html(html), "links.empty")
    assert finding.severity is Severity.ERROR
    assert html.split("\n")[finding.line - 1].startswith(f'<a href="{href}">')
    assert finding.element == ('<a href="#">' if href.strip() else '<a href="">')
    assert finding.message_fr.startswith("Lien vide ou « # » (« Je découvre »)")
    assert "Je découvre" in finding.message_en


def test_an_in_page_anchor_is_fine() -> None:
    assert not {i for i in ids(links_of('<a href="#haut">Haut</a>')) if i.startswith("links.")}


@pytest.mark.parametrize("href", ["javascript:void(0)", "JavaScript:ouvrir()", "java\nscript:x"])
def test_javascript_links_are_errors(href: str) -> None:
    (finding,) = found(links_of(f'<a href="{href}">Voir</a>'), "links.javascript")
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("https://www.exemple.fr/ma page", "space"),
        ("htps://www.exemple.fr/", "scheme"),
        ("hhttps://www.exemple.fr/", "scheme"),
        ("www.exemple.fr/offre", "scheme (https://)"),
        ("/promo", "scheme (https://)"),
        ("https:///chemin", "domain"),
        ("https://localhost/offre", "domain"),
        ("http://https://www.exemple.fr", "domain"),
        ("https://www.exemple.fr:abc/", "domain"),
        ("https://", "domain"),
        ("mailto:contact", "address"),
    ],
)
def test_malformed_links_are_errors(href: str, reason: str) -> None:
    (finding,) = found(links_of(f'<a href="{href}">Offre</a>'), "links.malformed")
    assert finding.severity is Severity.ERROR
    assert reason in finding.message_en
    assert finding.message_fr.startswith("Lien mal formé")


@pytest.mark.parametrize(
    "href",
    [
        "*|UNSUB|*",
        "*|ARCHIVE|*",
        "{{ unsubscribe }}",
        "{{unsubscribe}}",
        "[[UNSUB_LINK_FR]]",
        "[[UNSUB_LINK_EN]]",
        "%%unsubscribe%%",
        "%%=RedirectTo(@url)=%%",
        "$unsubscribe$",
        "{% unsubscribe %}",
        "<%asm_group_unsubscribe_raw_url%>",
        "[UNSUBSCRIBE]",
        "[#DL:UNSUBSCRIBE-0#]",
        "{{ mirror }}/version",
        "https://www.exemple.fr/suivi?id={{ contact.ID }}&nom={{ contact.NOM | default: 'x' }}",
        "mailto:service@exemple.fr?subject=Ma commande&body=Bonjour à vous",
        "tel:+33 1 23 45 67 89",
        "sms:+33612345678",
        "https://www.exemple.fr/",
        "https://192.168.0.10/intranet",
        "https://www.maison-exemple.fr/é-tés?x=1#haut",
    ],
)
def test_esp_tags_and_good_links_are_not_malformed(href: str) -> None:
    report = links_of(f'<a href="{href.replace("<", "&lt;")}">Lien</a>')
    assert not found(report, "links.malformed")
    assert not found(report, "links.empty")


def test_plain_http_is_a_warning_once_per_url() -> None:
    body = (
        '<a href="http://www.exemple.fr/a">A</a><a href="http://www.exemple.fr/a">A bis</a>'
        '<a href="https://www.exemple.fr/b">B</a>'
    )
    (finding,) = found(links_of(body), "links.http")
    assert finding.severity is Severity.WARNING
    assert "https://" in finding.message_fr


def test_a_malformed_http_link_is_not_also_an_http_warning() -> None:
    assert not found(links_of('<a href="http://">Vide</a>'), "links.http")


# -- UTM ----------------------------------------------------------------------------------------


def test_no_utm_at_all_is_one_warning_with_the_count() -> None:
    body = "".join(f'<a href="https://www.exemple.fr/p{n}">Produit {n}</a>' for n in range(5))
    (finding,) = found(links_of(body), "links.utm_missing")
    assert finding.severity is Severity.WARNING
    assert "None of the 5 landing page addresses" in finding.message_en
    assert "Aucune des 5 adresses" in finding.message_fr


def test_one_link_forgotten_among_tagged_ones_is_named() -> None:
    report = check_html(
        clean_with(
            '<a href="https://www.maison-exemple.fr/magasins?' + UTM + '"',
            '<a href="https://www.maison-exemple.fr/magasins"',
        )
    )
    (finding,) = found(report, "links.utm_missing")
    assert finding.element == '<a href="https://www.maison-exemple.fr/magasins">'
    assert "while the email's other links have" in finding.message_en


def test_unsubscribe_mirror_social_and_mailto_links_need_no_utm() -> None:
    body = (
        '<a href="https://www.exemple.fr/p?utm_source=a&utm_medium=b&utm_campaign=c">P</a>'
        '<a href="https://www.exemple.fr/desinscription?u=1">Se désinscrire</a>'
        '<a href="https://www.exemple.fr/m/123">Voir la version en ligne</a>'
        '<a href="https://www.instagram.com/exemple">Instagram</a>'
        '<a href="https://fr.linkedin.com/company/exemple">LinkedIn</a>'
        '<a href="https://apps.apple.com/fr/app/id1">App Store</a>'
        '<a href="mailto:service@exemple.fr">Écrivez-nous</a>'
    )
    assert not found(links_of(body), "links.utm_missing")


def test_a_lookalike_of_a_social_network_is_a_landing_page() -> None:
    body = (
        '<a href="https://www.exemple.fr/p?utm_source=a&utm_medium=b&utm_campaign=c">P</a>'
        '<a href="https://notfacebook.com/promo">Promo</a>'
    )
    assert found(links_of(body), "links.utm_missing")


CONVENTION = CheckContext(
    campaign_slug="soldes-ete",
    charters=Charters(utm_convention="utm_source=crmdesk&utm_medium=email&utm_campaign={campaign}"),
)


def test_utm_values_that_break_the_convention_are_listed() -> None:
    href = "https://www.exemple.fr/p?utm_source=newsletter&utm_campaign=soldes"
    (finding,) = found(links_of(f'<a href="{href}">P</a>', CONVENTION), "links.utm_convention")
    assert finding.severity is Severity.WARNING
    assert "utm_source is “newsletter”, expected “crmdesk”" in finding.message_en
    assert "utm_medium is missing" in finding.message_en
    assert "utm_campaign is “soldes”, expected “soldes-ete”" in finding.message_en
    assert "utm_medium manque" in finding.message_fr


def test_utm_following_the_convention_is_fine() -> None:
    href = "https://www.exemple.fr/p?utm_source=crmdesk&utm_medium=email&utm_campaign=soldes-ete"
    assert not found(links_of(f'<a href="{href}">P</a>', CONVENTION), "links.utm_convention")


def test_a_placeholder_in_the_convention_takes_any_non_empty_value() -> None:
    convention = "utm_source={source}&utm_id={campaign}"
    context = CheckContext(charters=Charters(utm_convention=convention))
    ok = "https://www.exemple.fr/p?utm_source=x&utm_id=42"
    empty = "https://www.exemple.fr/p?utm_source=&utm_id=42"
    assert not found(links_of(f'<a href="{ok}">P</a>', context), "links.utm_convention")
    (finding,) = found(links_of(f'<a href="{empty}">P</a>', context), "links.utm_convention")
    assert "utm_source is missing" in finding.message_en


def test_without_a_convention_the_three_campaign_keys_are_required() -> None:
    href = "https://www.exemple.fr/p?utm_source=crmdesk&utm_medium=email"
    (finding,) = found(links_of(f'<a href="{href}">P</a>'), "links.utm_convention")
    assert "utm_campaign is missing" in finding.message_en


def test_a_templated_utm_value_is_not_judged() -> None:
    href = "https://www.exemple.fr/p?utm_source=crmdesk&utm_medium=email&utm_campaign={{ c }}"
    assert not found(links_of(f'<a href="{href}">P</a>', CONVENTION), "links.utm_convention")


def test_the_same_page_with_different_campaign_values_is_a_warning() -> None:
    base = "https://www.exemple.fr/offre/?utm_source=crmdesk&utm_medium=email"
    body = (
        f'<a href="{base}&utm_campaign=soldes-ete">Haut</a>'
        f'<a href="{base.replace("/offre/", "/offre")}&utm_campaign=soldes">Bas</a>'
    )
    (finding,) = found(links_of(body), "links.utm_inconsistent")
    assert finding.severity is Severity.WARNING
    assert "utm_campaign “soldes-ete” / “soldes”" in finding.message_en
    assert "https://www.exemple.fr/offre" in finding.message_fr


def test_utm_content_may_tell_two_links_to_one_page_apart() -> None:
    base = "https://www.exemple.fr/offre?utm_source=a&utm_medium=b&utm_campaign=c"
    body = f'<a href="{base}&utm_content=haut">Haut</a><a href="{base}&utm_content=bas">Bas</a>'
    assert not found(links_of(body), "links.utm_inconsistent")


# -- the brief's calls to action ----------------------------------------------------------------


@pytest.mark.parametrize(
    "cta",
    [
        "https://www.maison-exemple.fr/collections/hiver",
        "https://www.maison-exemple.fr/collections/hiver/",
        "http://maison-exemple.fr/collections/hiver?utm_source=brief",
        "www.maison-exemple.fr/collections/hiver",
        "https://WWW.Maison-Exemple.fr/collections/hiver#haut",
    ],
)
def test_a_brief_cta_present_in_the_email_is_found(cta: str) -> None:
    context = CheckContext(brief_cta_urls=(cta,))
    assert not found(check_html(CLEAN_EMAIL, context), "links.brief_cta_missing")


def test_a_brief_cta_absent_from_the_email_is_an_error() -> None:
    missing = "https://www.maison-exemple.fr/soldes"
    context = CheckContext(brief_cta_urls=("https://www.maison-exemple.fr/magasins", missing))
    (finding,) = found(check_html(CLEAN_EMAIL, context), "links.brief_cta_missing")
    assert finding.severity is Severity.ERROR
    assert missing in finding.message_en
    assert finding.message_fr.startswith("L’URL d’appel à l’action du brief")


def test_a_cta_query_parameter_other_than_utm_must_match() -> None:
    context = CheckContext(brief_cta_urls=("https://www.maison-exemple.fr/magasins?ville=lyon",))
    assert found(check_html(CLEAN_EMAIL, context), "links.brief_cta_missing")
