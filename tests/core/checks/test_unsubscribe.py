"""Unsubscribe and mirror links in the body; List-Unsubscribe, one-click and From headers."""

from __future__ import annotations

import pytest

from crmdesk.core.checks.engine import check_bytes
from crmdesk.core.checks.model import Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, clean_with, eml, found, ids, page

MIRROR_LINK = (
    '<a href="https://www.maison-exemple.fr/newsletter/2026-11" style="color:#555555;">Voir la '
    "version en ligne</a>"
)


def without_unsubscribe(replacement: str) -> str:
    start = CLEAN_EMAIL.index('<a href="{{ unsubscribe }}"')
    end = CLEAN_EMAIL.index("</a>", start) + len("</a>")
    return CLEAN_EMAIL[:start] + replacement + CLEAN_EMAIL[end:]


def without_mirror(replacement: str) -> str:
    return clean_with(MIRROR_LINK, replacement)


def test_the_clean_email_has_its_unsubscribe_and_mirror_links() -> None:
    assert not {i for i in ids(check_html(CLEAN_EMAIL)) if i.startswith("unsubscribe.")}


def test_no_unsubscribe_link_is_an_error() -> None:
    report = check_html(without_unsubscribe('<a href="https://www.maison-exemple.fr/">Accueil</a>'))
    (finding,) = found(report, "unsubscribe.link_missing")
    assert finding.severity is Severity.ERROR
    assert "L34-5" in finding.message_fr


def test_the_word_without_a_link_is_not_an_unsubscribe_link() -> None:
    html = without_unsubscribe("Pour vous désinscrire, écrivez-nous par courrier.")
    assert found(check_html(html), "unsubscribe.link_missing")


@pytest.mark.parametrize(
    "href",
    [
        "*|UNSUB|*",  # Mailchimp
        "{{ unsubscribe }}",  # Brevo
        "[UNSUBSCRIBE]",  # Sendinblue, former syntax
        "[[UNSUB_LINK_FR]]",  # Mailjet
        "[[UNSUB_LINK_EN]]",
        "%%unsub_center_url%%",  # Salesforce Marketing Cloud
        "{% unsubscribe %}",  # Klaviyo
        "&lt;%asm_group_unsubscribe_raw_url%&gt;",  # SendGrid
        "{{ unsubscribe_link }}",  # HubSpot
        "%UNSUBSCRIBELINK%",  # ActiveCampaign
        "%unsubscribe_url%",  # Mailgun
        "$unsubscribe$",  # tag named after what it does, whatever the ESP
        "${lien_desinscription}",
        "[#DL:UNSUBSCRIBE-0#]",  # Dolist
        "https://www.maison-exemple.fr/unsubscribe?u=42",
        "https://www.maison-exemple.fr/desinscription?u=42",
        "https://www.maison-exemple.fr/d%C3%A9sinscription",
    ],
)
def test_esp_tags_and_unsubscribe_urls_count(href: str) -> None:
    html = without_unsubscribe(f'<a href="{href}">Cliquez ici</a>')
    assert not found(check_html(html), "unsubscribe.link_missing")


@pytest.mark.parametrize(
    "text",
    [
        "Se désinscrire",
        "Désinscription",
        "Se désabonner",
        "DÉSABONNEMENT",
        "Unsubscribe",
        "Opt out",
        "Ne plus recevoir nos emails",
        "Gérer mes préférences",
        "Manage your preferences",
    ],
)
def test_unsubscribe_words_in_the_link_text_count(text: str) -> None:
    html = without_unsubscribe(f'<a href="https://r.esp.example/c/8f3a9">{text}</a>')
    assert not found(check_html(html), "unsubscribe.link_missing")


def test_the_sentence_around_a_vague_link_counts() -> None:
    html = without_unsubscribe(
        'Pour vous désinscrire, <a href="https://r.esp.example/c/8f3a9">cliquez ici</a>.'
    )
    assert not found(check_html(html), "unsubscribe.link_missing")


def test_an_esp_tag_that_writes_the_whole_link_counts() -> None:
    html = without_unsubscribe("[* link.unsub('Se désinscrire') *]")  # Adestra
    assert not found(check_html(html), "unsubscribe.link_missing")


def test_campaign_monitor_elements_count() -> None:
    html = without_unsubscribe("<unsubscribe>Se désinscrire</unsubscribe>")
    html = html.replace(MIRROR_LINK, "<webversion>Version web</webversion>")
    report = check_html(html)
    assert not found(report, "unsubscribe.link_missing")
    assert not found(report, "unsubscribe.mirror_missing")


def test_no_mirror_link_is_a_warning() -> None:
    (finding,) = found(check_html(without_mirror("")), "unsubscribe.mirror_missing")
    assert finding.severity is Severity.WARNING
    assert "version en ligne" in finding.message_fr


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://x.example/m/1">Version web</a>',
        '<a href="https://x.example/m/1">Afficher dans le navigateur</a>',
        '<a href="https://x.example/m/1">View in browser</a>',
        '<a href="https://x.example/m/1">View this email online</a>',
        '<a href="*|ARCHIVE|*">Cliquez ici</a>',
        '<a href="[[PERMALINK]]">Cliquez ici</a>',
        '<a href="{{ mirror }}">Cliquez ici</a>',
        '<a href="%%view_email_url%%">Cliquez ici</a>',
        '<a href="https://us1.campaign-archive.com/?u=1">Cliquez ici</a>',
        'Vous ne voyez pas bien cet email ? <a href="https://x.example/m/1">Cliquez ici</a>',
    ],
)
def test_mirror_links_are_recognised(link: str) -> None:
    assert not found(check_html(without_mirror(link)), "unsubscribe.mirror_missing")


# -- sender headers -----------------------------------------------------------------------------


def sender_ids(data: bytes) -> set[str]:
    return {i for i in ids(check_bytes(data, "bat.eml")) if i.startswith("sender.")}


def test_a_well_sent_eml_has_no_sender_finding() -> None:
    assert sender_ids(eml(CLEAN_EMAIL)) == set()


def test_an_html_file_has_no_headers_to_check() -> None:
    assert not {i for i in ids(check_html(CLEAN_EMAIL)) if i.startswith("sender.")}


def test_no_list_unsubscribe_is_an_error_and_one_click_is_not_repeated() -> None:
    data = eml(CLEAN_EMAIL, headers={"List-Unsubscribe": "", "List-Unsubscribe-Post": ""})
    report = check_bytes(data, "bat.eml")
    (finding,) = found(report, "sender.list_unsubscribe")
    assert finding.severity is Severity.ERROR
    assert sender_ids(data) == {"sender.list_unsubscribe"}


def test_a_mailto_only_list_unsubscribe_is_a_warning() -> None:
    data = eml(CLEAN_EMAIL, headers={"List-Unsubscribe": "<mailto:stop@maison-exemple.fr>"})
    (finding,) = found(check_bytes(data, "bat.eml"), "sender.list_unsubscribe_https")
    assert finding.severity is Severity.WARNING
    assert finding.element == "List-Unsubscribe: <mailto:stop@maison-exemple.fr>"


def test_no_one_click_header_is_an_error() -> None:
    data = eml(CLEAN_EMAIL, headers={"List-Unsubscribe-Post": ""})
    (finding,) = found(check_bytes(data, "bat.eml"), "sender.one_click")
    assert finding.severity is Severity.ERROR
    assert "RFC 8058" in finding.message_en


def test_a_wrong_one_click_value_is_an_error() -> None:
    data = eml(CLEAN_EMAIL, headers={"List-Unsubscribe-Post": "One-Click"})
    assert "sender.one_click" in sender_ids(data)


def test_a_folded_list_unsubscribe_is_read_whole() -> None:
    data = eml(CLEAN_EMAIL, headers={"List-Unsubscribe": ""}).replace(
        b"\nTo:",
        b"\nList-Unsubscribe:\n <https://www.maison-exemple.fr/desinscription?u=1>\nTo:",
        1,
    )
    assert sender_ids(data) == set()


@pytest.mark.parametrize("sender", ["", "Maison Exemple", "newsletter@localhost"])
def test_a_from_without_a_domain_is_an_error(sender: str) -> None:
    data = eml(CLEAN_EMAIL, headers={"From": sender})
    (finding,) = found(check_bytes(data, "bat.eml"), "sender.from")
    assert finding.severity is Severity.ERROR


def test_a_bare_page_misses_both_links() -> None:
    report = check_html(page("<p>Bonjour</p>"))
    assert {"unsubscribe.link_missing", "unsubscribe.mirror_missing"} <= ids(report)
