"""Subject, preheader and title: what the inbox and the browser tab show."""

from __future__ import annotations

import pytest

from crmdesk.core.checks.engine import check_bytes
from crmdesk.core.checks.model import CheckContext, Severity
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, clean_with, eml, found, ids, page

PREHEADER = (
    '<div style="display:none; mso-hide:all;">Découvrez nos nouveautés et la livraison à 1 € '
    "jusqu’à dimanche.&zwnj;&nbsp;&zwnj;&nbsp;</div>"
)


def text_ids(report) -> set[str]:
    return {i for i in ids(report) if i.startswith("text.")}


def test_the_clean_email_has_no_text_finding() -> None:
    assert text_ids(check_html(CLEAN_EMAIL)) == set()


def test_a_long_subject_is_a_warning() -> None:
    subject = "Nos nouveautés de novembre sont enfin arrivées en magasin"
    (finding,) = found(check_html(CLEAN_EMAIL, CheckContext(subject=subject)), "text.subject_long")
    assert finding.severity is Severity.WARNING
    assert f"{len(subject)} characters" in finding.message_en
    assert f"« {subject[:50]} »" in finding.message_fr


def test_a_subject_of_fifty_characters_is_fine() -> None:
    context = CheckContext(subject="x" * 50)
    assert not found(check_html(CLEAN_EMAIL, context), "text.subject_long")


def test_white_space_does_not_count_in_the_subject_length() -> None:
    context = CheckContext(subject="  Les   nouveautés " + " " * 60)
    assert not found(check_html(CLEAN_EMAIL, context), "text.subject_long")


def test_an_eml_without_subject_is_an_error() -> None:
    report = check_bytes(eml(CLEAN_EMAIL, headers={"Subject": ""}), "bat.eml")
    (finding,) = found(report, "text.subject_missing")
    assert finding.severity is Severity.ERROR
    assert report.subject is None


def test_the_eml_subject_is_used_when_the_campaign_gives_none() -> None:
    subject = "Une très longue ligne d’objet qui dépasse ce que montre un mobile"
    report = check_bytes(eml(CLEAN_EMAIL, headers={"Subject": subject}), "bat.eml")
    assert report.subject == subject
    assert found(report, "text.subject_long")


def test_the_campaign_subject_wins_over_the_eml_header() -> None:
    data = eml(CLEAN_EMAIL, headers={"Subject": "Objet du BAT 1"})
    report = check_bytes(data, "bat.eml", context=CheckContext(subject="Objet validé"))
    assert report.subject == "Objet validé"


def test_an_html_file_without_subject_says_nothing_about_it() -> None:
    report = check_bytes(CLEAN_EMAIL.encode(), "email.html")
    assert report.subject is None
    assert not found(report, "text.subject_missing")
    assert not found(report, "text.subject_long")


def test_a_missing_preheader_is_a_warning() -> None:
    report = check_html(clean_with(PREHEADER, ""))
    (finding,) = found(report, "text.preheader_missing")
    assert finding.severity is Severity.WARNING
    assert report.preheader is None


@pytest.mark.parametrize(
    "hidden",
    [
        '<div style="display:none">Livraison offerte ce week-end</div>',
        '<span style="DISPLAY: none !important">Livraison offerte ce week-end</span>',
        '<div style="max-height:0;overflow:hidden;mso-hide:all">Livraison offerte ce week-end'
        "</div>",
        '<div style="opacity:0; color:transparent">Livraison offerte ce week-end</div>',
        '<div style="font-size:0px">Livraison offerte ce week-end</div>',
        '<span class="preheader">Livraison offerte ce week-end</span>',
        '<div class="mcnPreviewText">Livraison offerte ce week-end</div>',
        '<center><div style="display:none"><span>Livraison offerte</span> ce week-end</div>'
        "</center>",
        '<style>.x{}</style><!-- pré-header --><div style="display:none">'
        "Livraison offerte ce week-end</div>",
    ],
)
def test_hidden_preheaders_are_found(hidden: str) -> None:
    report = check_html(clean_with(PREHEADER, hidden))
    assert report.preheader == "Livraison offerte ce week-end"
    assert not text_ids(report)


def test_hidden_text_after_visible_text_is_not_a_preheader() -> None:
    html = page('<p>Bonjour</p><div style="display:none">Menu mobile</div>')
    report = check_html(html)
    assert report.preheader is None
    assert found(report, "text.preheader_missing")


def test_an_empty_hidden_spacer_before_the_preheader_is_skipped() -> None:
    html = page(
        '<div style="display:none">&zwnj;&nbsp;</div><div style="display:none">Vraie accroche'
        "</div><p>Bonjour</p>"
    )
    assert check_html(html).preheader == "Vraie accroche"


def test_the_campaign_preheader_wins() -> None:
    report = check_html(CLEAN_EMAIL, CheckContext(preheader="Accroche du brief"))
    assert report.preheader == "Accroche du brief"


def test_a_long_preheader_is_an_info() -> None:
    report = check_html(CLEAN_EMAIL, CheckContext(preheader="a" * 101))
    (finding,) = found(report, "text.preheader_long")
    assert finding.severity is Severity.INFO
    report = check_html(CLEAN_EMAIL, CheckContext(preheader="a" * 100))
    assert not found(report, "text.preheader_long")


def test_a_missing_title_is_a_warning() -> None:
    html = clean_with("<title>Les nouveautés de novembre</title>\n", "")
    (finding,) = found(check_html(html), "text.title_missing")
    assert finding.severity is Severity.WARNING
    assert finding.line is None
    assert "<title>" in finding.message_fr


def test_an_empty_title_is_a_warning_at_its_line() -> None:
    html = clean_with("<title>Les nouveautés de novembre</title>", "<title>  </title>")
    (finding,) = found(check_html(html), "text.title_missing")
    assert finding.line == 6
    assert finding.element == "<title>"
