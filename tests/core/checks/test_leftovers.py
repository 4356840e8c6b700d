"""Leftovers: placeholder text, personalisation tags without fallback, tags left open."""

from __future__ import annotations

import pytest

from crmdesk.core.checks.model import CheckContext, Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, found, ids, page


def leftover_ids(report) -> set[str]:
    return {i for i in ids(report) if i.startswith("leftovers.")}


def test_the_clean_email_has_no_leftover() -> None:
    assert leftover_ids(check_html(CLEAN_EMAIL)) == set()


def test_lorem_ipsum_is_one_error_for_the_paragraph() -> None:
    html = page("<h1>Titre</h1>\n<p>Lorem ipsum dolor sit amet, consectetur adipiscing.</p>")
    (finding,) = found(check_html(html), "leftovers.placeholder")
    assert finding.severity is Severity.ERROR
    assert finding.message_en == "Placeholder text left in the text: “Lorem ipsum”."
    assert finding.message_fr == "Texte provisoire oublié dans le texte : « Lorem ipsum »."
    assert html.split("\n")[finding.line - 1].startswith("<p>Lorem")
    assert finding.element == "<p>"


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Prix : XXX €", "XXX"),
        ("Prix : XX,XX €", "XX,XX"),
        ("TODO : relire le paragraphe", "TODO"),
        ("Accroche FIXME", "FIXME"),
        ("Date TBD", "TBD"),
        ("Le code promo est à compléter", "à compléter"),
        ("Conditions : A COMPLETER", "A COMPLETER"),
        ("Lieu à définir", "à définir"),
        ("Voir [texte] ci-dessous", "[texte]"),
        ("Cliquez sur [Lien]", "[Lien]"),
    ],
)
def test_placeholders_in_the_text_are_errors(text: str, placeholder: str) -> None:
    (finding,) = found(check_html(page(f"<p>{text}</p>")), "leftovers.placeholder")
    assert f"“{placeholder}”" in finding.message_en


@pytest.mark.parametrize(
    "text",
    [
        "Le pull en taille XXL",
        "Notre Todo list de la rentrée",
        "À bientôt, à tout à l’heure",
        "Ipsum est un mot latin",
        "[PRENOM], découvrez nos offres",  # a merge tag, not a placeholder
        "Nos prix : 29,90 €",
    ],
)
def test_ordinary_text_is_not_a_placeholder(text: str) -> None:
    assert not found(check_html(page(f"<p>{text}</p>")), "leftovers.placeholder")


def test_placeholders_in_links_alts_title_subject_and_preheader() -> None:
    html = page(
        '<p>Bonjour</p><a href="https://www.exemple.fr/XXX">Voir</a>'
        '<img src="https://cdn.exemple.fr/a.png" alt="TODO alt" width="10">',
        head='<meta charset="utf-8"><title>Lorem ipsum</title>',
    )
    context = CheckContext(subject="TODO objet", preheader="Accroche à compléter")
    messages = [f.message_en for f in found(check_html(html, context), "leftovers.placeholder")]
    assert sorted(messages) == [
        "Placeholder text left in a link: “XXX”.",
        "Placeholder text left in an alt text: “TODO”.",
        "Placeholder text left in the preheader: “à compléter”.",
        "Placeholder text left in the subject: “TODO”.",
        "Placeholder text left in the title: “Lorem ipsum”.",
    ]


# -- personalisation tags -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "{{ contact.FIRSTNAME }}",  # Brevo
        "{{ contact.VILLE }}",  # any Brevo contact attribute may be empty
        "*|FNAME|*",  # Mailchimp
        "{{firstname}}",
        "{{ person.first_name }}",  # Klaviyo
        "[[firstname]]",
        "[[var:prenom]]",  # Mailjet, no default
        "%%firstname%%",  # Salesforce Marketing Cloud
        "%%FirstName%%",
        "${prenom}",
        "%FIRSTNAME%",  # ActiveCampaign
        "[firstname]",  # Campaign Monitor without fallback
    ],
)
def test_a_contact_tag_without_fallback_is_a_warning(tag: str) -> None:
    html = page(f"<p>Bonjour {tag},</p>")
    (finding,) = found(check_html(html), "leftovers.tag_without_fallback")
    assert finding.severity is Severity.WARNING
    assert f"“{tag}”" in finding.message_en
    assert f"« {tag} »" in finding.message_fr
    assert finding.line == html.split("\n").index(f"<p>Bonjour {tag},</p>") + 1


@pytest.mark.parametrize(
    "text",
    [
        '{{ contact.FIRSTNAME | default: "cher client" }}',
        "{{ contact.PRENOM|default:'ami' }}",
        "{{ first_name|default:'' }}",
        "{{ name or 'ami' }}",
        '[[data:firstname:"ami"]]',
        '{{var:firstname:"ami"}}',
        "[firstname,fallback=ami]",
        "*|IF:FNAME|*Bonjour *|FNAME|*,*|ELSE:|*Bonjour,*|END:IF|*",
        "{% if contact.PRENOM %}Bonjour {{ contact.PRENOM }}{% endif %}",
        "{{#if firstname}}Bonjour {{firstname}}{{/if}}",
        "Commande {{ order.id }} du {{ order.date }}",
        "Votre produit : {{product.name}}",
        "*|UNSUB|* *|LIST:COMPANY|*",
    ],
)
def test_tags_with_fallback_or_for_data_always_there_are_fine(text: str) -> None:
    assert not found(check_html(page(f"<p>{text}</p>")), "leftovers.tag_without_fallback")


def test_a_tag_in_the_subject_is_checked_too() -> None:
    report = check_html(page("<p>Bonjour</p>"), CheckContext(subject="{{ contact.PRENOM }}, -20 %"))
    (finding,) = found(report, "leftovers.tag_without_fallback")
    assert finding.line is None


def test_a_tag_is_reported_once() -> None:
    html = page("<p>Bonjour *|FNAME|*</p><p>Merci *|FNAME|*</p>")
    assert len(found(check_html(html), "leftovers.tag_without_fallback")) == 1


# -- broken tags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour {{ contact.PRENOM },",
        "Bonjour {{ contact.PRENOM",
        "Bonjour *|FNAME|, bienvenue",
        "Bonjour [[firstname, bienvenue",
        "{% if contact.PRENOM Bonjour",
        "Bonjour contact.PRENOM }}, bienvenue",
    ],
)
def test_a_tag_left_open_is_an_error(text: str) -> None:
    html = page(f"<p>Intro</p>\n<p>{text}</p>")
    (finding,) = found(check_html(html), "leftovers.broken_tag")
    assert finding.severity is Severity.ERROR
    assert html.split("\n")[finding.line - 1].startswith(f"<p>{text}")
    assert "n’est pas fermée" in finding.message_fr


def test_a_broken_tag_in_a_link_is_an_error_at_the_link() -> None:
    html = page('<p>Intro</p>\n<a href="https://www.exemple.fr/?id={{ contact.ID }">Voir</a>')
    (finding,) = found(check_html(html), "leftovers.broken_tag")
    assert (
        finding.line
        == html.split("\n").index('<a href="https://www.exemple.fr/?id={{ contact.ID }">Voir</a>')
        + 1
    )
    assert finding.element == '<a href="https://www.exemple.fr/?id={{ contact.ID }">'


@pytest.mark.parametrize(
    "text",
    [
        "{{{ body }}}",
        "{{ a }} et {{ b }}",
        "*|IF:FNAME|*x*|END:IF|*",
        "[[var:x]] [[UNSUB_LINK_FR]]",
        "{% if x %}y{% endif %}",
        "Un {  } isolé et une accolade }",
    ],
)
def test_balanced_tags_are_fine(text: str) -> None:
    assert not found(check_html(page(f"<p>{text}</p>")), "leftovers.broken_tag")


def test_json_in_a_survey_url_is_not_a_tag() -> None:
    href = "https://survey.exemple.fr/?Q_PopulateResponse={%22QID42%22:%220%22}"
    assert not found(check_html(page(f'<a href="{href}">0</a>')), "leftovers.broken_tag")
