"""The editorial charter checks: tu or vous, banned words, required mentions, spam words."""

from __future__ import annotations

from importlib import resources

import pytest

from crmdesk.core.checks.editorial import (
    BANNED_ID,
    MENTIONS_ID,
    SPAM_ID,
    TONE_ID,
    fold,
    words,
)
from crmdesk.core.checks.model import Charters, CheckContext, Severity, Tone
from tests.core.checks.conftest import CLEAN_EMAIL, check_html, found, page


def findings(
    body: str,
    check_id: str,
    *,
    subject: str | None = "Les nouveautés",
    brief_mentions: tuple[str, ...] = (),
    **charters: object,
) -> list:
    context = CheckContext(
        subject=subject, brief_mentions=brief_mentions, charters=Charters(**charters)
    )
    return found(check_html(page(body), context), check_id)


def quoted(findings: list) -> list[str]:
    """The word or phrase each finding is about."""
    return [finding.message_en.split("”")[0].split("“")[1] for finding in findings]


def test_folding_ignores_case_accents_ligatures_and_typographic_marks() -> None:
    assert fold("L’Œuvre d’ÉTÉ «\u00a0ici\u00a0»") == "l'oeuvre d'ete \" ici \""
    assert words("100 % gratuit !!!") == words("100% GRATUIT!!!")
    assert words("l’offre") == ("l", "'", "offre")


def test_the_clean_email_is_silent() -> None:
    report = check_html(CLEAN_EMAIL)
    assert not [f for f in report.findings if f.check_id.startswith("editorial.")]


# -- tu or vous ---------------------------------------------------------------------------------


def test_tu_in_a_vous_charter_is_an_error() -> None:
    (finding,) = findings("<p>Bonjour,</p>\n<p>Tu vas adorer.</p>", TONE_ID, tone=Tone.VOUS)
    assert finding.severity is Severity.ERROR
    assert finding.line == 9
    assert quoted([finding]) == ["tu"]
    assert "vouvoiement" in finding.message_fr
    assert finding.element == "Tu vas adorer."


@pytest.mark.parametrize(
    "text",
    [
        "Suivez notre tutoriel, Tutu et Statut.",
        "Le ton de la collection est donné, ton sur ton.",
        "Don’t worry, it’s fine.",
        "Vous trouverez votre bonheur chez vos voisins.",
    ],
)
def test_what_is_not_tutoiement(text: str) -> None:
    assert findings(f"<p>{text}</p>", TONE_ID, tone=Tone.VOUS) == []


def test_elided_and_ambiguous_forms() -> None:
    found_ = findings("<p>Pense à t’inscrire : ton panier t'attend.</p>", TONE_ID, tone=Tone.VOUS)
    assert sorted(quoted(found_)) == ["t'", "ton"]
    severities = {quoted([f])[0]: f.severity for f in found_}
    assert severities == {"t'": Severity.ERROR, "ton": Severity.WARNING}
    assert "2 times" in next(f for f in found_ if quoted([f]) == ["t'"]).message_en


def test_vous_in_a_tu_charter_is_an_error_but_not_rendez_vous() -> None:
    body = "<p>Prends rendez-vous. Votre cadeau vous attend, vos amis aussi.</p>"
    found_ = findings(body, TONE_ID, tone=Tone.TU)
    assert sorted(quoted(found_)) == ["vos", "votre", "vous"]
    assert {f.severity for f in found_} == {Severity.ERROR}
    assert findings("<p>Prends rendez-vous, rendez vous.</p>", TONE_ID, tone=Tone.TU) == []


def test_the_subject_counts() -> None:
    (finding,) = findings("<p>Bonjour</p>", TONE_ID, subject="Tu vas adorer", tone=Tone.VOUS)
    assert finding.line is None
    assert finding.element == "subject: Tu vas adorer"
    assert "first in the subject" in finding.message_en


def test_a_hidden_preheader_is_read_once() -> None:
    body = '<div style="display:none">Toi aussi, profite</div>\n<p>Bonjour</p>'
    (finding,) = findings(body, TONE_ID, tone=Tone.VOUS)
    assert "(once)" in finding.message_en


def test_without_a_tone_only_a_real_mix_is_reported() -> None:
    vous = "<p>Vous aimerez votre cadeau, vos amis vous envieront.</p>"
    assert findings(vous + "<p>Toi aussi, industrialise tes emails.</p>", TONE_ID) == []
    mixed = vous + "\n<p>Tu aimeras, toi aussi, tes cadeaux.</p>"
    (finding,) = findings(mixed, TONE_ID)
    assert finding.severity is Severity.WARNING
    assert finding.line == 9


# -- banned words -------------------------------------------------------------------------------


def test_banned_words_whatever_their_case_and_accents() -> None:
    body = (
        "<p>Notre PROMO d’ÉTÉ</p>\n<p>Une offre <b>exclusive</b> : l’Offre du jour.</p>"
        "<p>Promotion, chercher, étésien</p>"
    )
    found_ = findings(
        body, BANNED_ID, banned_words=("promo", "Été", "offre exclusive", "l'offre", "cher")
    )
    assert quoted(found_) == ["promo", "Été", "offre exclusive", "l'offre"]
    assert {f.severity for f in found_} == {Severity.ERROR}
    assert [f.line for f in found_] == [8, 8, 9, 9]


def test_banned_words_in_the_subject_and_counted() -> None:
    (finding,) = findings(
        "<p>Soldes, soldes !</p>", BANNED_ID, subject="Les soldes", banned_words=("soldes",)
    )
    assert "3 times, first in the subject" in finding.message_en
    assert "3 fois, d’abord dans l’objet" in finding.message_fr


def test_no_banned_words_no_findings() -> None:
    assert findings("<p>Promo</p>", BANNED_ID) == []


# -- required mentions --------------------------------------------------------------------------


def test_a_mention_matches_despite_apostrophes_case_spaces_and_tags() -> None:
    body = (
        "<p>*Offre valable jusqu’au 31/12/2026<br>dans la limite des stocks. "
        "VOIR  conditions\n<b>en magasin</b></p>"
    )
    assert (
        findings(
            body,
            MENTIONS_ID,
            required_mentions=("Offre valable jusqu'au 31/12/2026 dans la limite des stocks.",),
            brief_mentions=("Voir conditions en magasin",),
        )
        == []
    )


def test_a_missing_mention_is_an_error_once() -> None:
    (finding,) = findings(
        "<p>Bonjour</p>",
        MENTIONS_ID,
        required_mentions=("Voir conditions en magasin",),
        brief_mentions=("voir conditions en magasin.",),
    )
    assert finding.severity is Severity.ERROR
    assert "Voir conditions en magasin" in finding.message_en
    assert "mention obligatoire" in finding.message_fr


# -- spam words ---------------------------------------------------------------------------------


def test_spam_words_one_finding_per_phrase() -> None:
    body = "<p>Bonjour</p>\n<p>Cliquez ici !</p>\n<p>Ou cliquez ici.</p>"
    (finding,) = findings(body, SPAM_ID)
    assert quoted([finding]) == ["cliquez ici"]
    assert finding.severity is Severity.WARNING
    assert finding.line == 9
    assert "2 times" in finding.message_en


def test_mild_words_are_infos_and_a_longer_phrase_wins() -> None:
    assert [
        (quoted([f])[0], f.severity) for f in findings("<p>Livraison gratuite</p>", SPAM_ID)
    ] == [("gratuite", Severity.INFO)]
    (finding,) = findings("<p>C’est 100 % GRATUIT</p>", SPAM_ID)
    assert quoted([finding]) == ["100% gratuit"]
    assert finding.severity is Severity.WARNING


def test_english_spam_words() -> None:
    found_ = findings("<p>Act now and earn $$$</p>", SPAM_ID)
    assert sorted(quoted(found_)) == ["$$$", "act now"]


def test_honest_copy_is_silent() -> None:
    body = "<p>Découvrez nos nouveautés d’hiver, livraison offerte dès 50 €.</p>"
    assert findings(body, SPAM_ID) == []


@pytest.mark.parametrize(
    ("subject", "shouts"),
    [
        ("PROMO FLASH : TOUT À -50 %", True),
        ("Promo flash !!!", True),
        ("Promo flash ! ! !", True),
        ("SOLDES d’hiver", False),
        ("Nos SOLDES", False),
        ("Promo flash !", False),
    ],
)
def test_a_shouting_subject(subject: str, shouts: bool) -> None:
    subject_findings = [
        f for f in findings("<p>Bonjour</p>", SPAM_ID, subject=subject) if f.line is None
    ]
    assert bool(subject_findings) is shouts
    assert all(f.severity is Severity.WARNING for f in subject_findings)


@pytest.mark.parametrize("name", ["spam_words_fr.txt", "spam_words_en.txt"])
def test_spam_lists_are_tidy(name: str) -> None:
    text = resources.files("crmdesk.resources").joinpath("checks").joinpath(name).read_text("utf-8")
    entries = [
        line.removeprefix("~").strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert 60 <= len(entries) <= 130
    folded = [words(entry) for entry in entries]
    assert all(folded)
    assert len(set(folded)) == len(folded)
