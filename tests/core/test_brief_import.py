"""Brief import: a client's mail or document into the notes, its URLs, dates, percentages and
promo codes offered for the fields; bad input refused with a sentence naming the file."""

from __future__ import annotations

import random
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from crmdesk.core.briefs.importer import (
    ImportedText,
    Suggestion,
    html_to_text,
    read_document,
    read_pasted,
)
from crmdesk.core.briefs.service import MAX_TEXT_CHARS
from crmdesk.core.errors import ImportRefused

TODAY = date(2026, 11, 23)
BRIEF_MAIL = (
    "Bonjour, l'offre de printemps est à -40 % sur tous nos magazines du 1er mars au "
    "31 mars 2027, avec le code PRINTEMPS40. Lien : https://editions-lumiere.fr/printemps. "
    "Performance en hausse attendue !"
)
#: What BRIEF_MAIL offers, in reading order: (kind, value, field).
BRIEF_MAIL_OFFERS = [
    ("percentage", 40.0, "offer"),
    ("date", date(2027, 3, 1), "offer_valid_from"),
    ("date", date(2027, 3, 31), "offer_valid_until"),
    ("promo_code", "PRINTEMPS40", "promo_code"),
    ("url", "https://editions-lumiere.fr/printemps", "ctas"),
]


def offers(imported: ImportedText) -> list[tuple[str, object, str]]:
    return [(s.kind, s.value, s.field) for s in imported.suggestions]


def found(text: str, kind: str, today: date = TODAY) -> list[Suggestion]:
    return [s for s in read_pasted(text, today).suggestions if s.kind == kind]


def values(text: str, kind: str, today: date = TODAY) -> list[object]:
    return [s.value for s in found(text, kind, today)]


# -- each format ----------------------------------------------------------------------------------


def test_a_pasted_brief_mail_offers_its_offer_dates_code_and_link() -> None:
    imported = read_pasted(BRIEF_MAIL, TODAY)
    assert imported.text == BRIEF_MAIL
    assert imported.source == "paste"
    assert offers(imported) == BRIEF_MAIL_OFFERS
    code = next(s for s in imported.suggestions if s.kind == "promo_code")
    assert "avec le code PRINTEMPS40" in code.excerpt
    assert len(code.excerpt) < 100 and "\n" not in code.excerpt


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("brief.txt", BRIEF_MAIL.encode("utf-8")),
        ("brief-bom.txt", b"\xef\xbb\xbf" + BRIEF_MAIL.encode("utf-8")),
        ("brief-windows.txt", BRIEF_MAIL.encode("cp1252")),
        ("brief.md", BRIEF_MAIL.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_a_text_file_in_utf8_or_windows_1252_comes_out_whole(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    imported = read_document(path, TODAY)
    assert imported.text == BRIEF_MAIL
    assert imported.source == name
    assert offers(imported) == BRIEF_MAIL_OFFERS


def test_windows_1252_punctuation_and_markdown_survive(tmp_path: Path) -> None:
    text = "# Brief été\n\n- Offre à 15 € : l’abonnement « découverte »\n    - détail indenté"
    path = tmp_path / "notes.md"
    path.write_bytes(text.encode("cp1252"))
    assert read_document(path, TODAY).text == text


def brief_mail(html: str | None) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Marie Durand <marie.durand@editions-lumiere.fr>"
    mail["To"] = "operateur@example.fr"
    mail["Subject"] = "Brief campagne printemps -40 %"
    mail["Date"] = "Mon, 23 Nov 2026 09:15:00 +0100"
    if html is None:
        mail.set_content(BRIEF_MAIL)
    else:
        mail.set_content(html, subtype="html")
    return mail


def test_an_eml_gives_its_header_block_then_the_plain_body(tmp_path: Path) -> None:
    mail = brief_mail(None)
    mail.add_alternative("<p>La version <b>HTML</b>, moins bonne.</p>", subtype="html")
    path = tmp_path / "brief printemps.eml"
    path.write_bytes(bytes(mail))
    imported = read_document(path, TODAY)
    assert imported.text == (
        "De : Marie Durand <marie.durand@editions-lumiere.fr>\n"
        "Objet : Brief campagne printemps -40 %\n"
        "Date : Mon, 23 Nov 2026 09:15:00 +0100\n"
        "\n" + BRIEF_MAIL
    )
    assert imported.source == "brief printemps.eml"
    # the sending date is not an offer date; the subject's -40 % is the body's
    assert offers(imported) == BRIEF_MAIL_OFFERS


def test_an_html_only_eml_is_read_as_text_with_its_links(tmp_path: Path) -> None:
    html = """<html><head><title>Brief</title><style>p { color: red }</style>
      <script>alert("x")</script></head><body>
      <p>Bonjour,</p><p>L'offre&nbsp;: <b>-40&nbsp;%</b> jusqu'au 31/03/2027.</p>
      <ul><li>Magazines</li><li>Hors-séries</li></ul>
      <p>Voir <a href="https://editions-lumiere.fr/printemps">la page</a>.<br>Merci !</p>
      </body></html>"""
    path = tmp_path / "brief.eml"
    path.write_bytes(bytes(brief_mail(html)))
    imported = read_document(path, TODAY)
    body = imported.text.split("\n\n", 1)[1]
    assert body == (
        "Brief\nBonjour,\n\nL'offre : -40 % jusqu'au 31/03/2027.\n\n- Magazines\n- Hors-séries"
        "\n\nVoir la page (https://editions-lumiere.fr/printemps).\nMerci !"
    )
    assert offers(imported) == [
        ("percentage", 40.0, "offer"),
        ("date", date(2027, 3, 31), "offer_valid_until"),
        ("url", "https://editions-lumiere.fr/printemps", "ctas"),
    ]


def add_hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    """python-docx writes no hyperlinks: build the XML Word writes."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def test_a_docx_gives_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Brief printemps", level=1)
    document.add_paragraph("L'offre : -40 % avec le code PRINTEMPS40.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Début", "Fin"
    table.cell(1, 0).text, table.cell(1, 1).text = "01/03/2027", "31/03/2027"
    document.add_paragraph("Magazines", style="List Bullet")
    add_hyperlink(document.add_paragraph("Landing : "), "la page", "https://editions-lumiere.fr/p")
    path = tmp_path / "Brief client.docx"
    document.save(str(path))

    imported = read_document(path, TODAY)
    assert imported.text == (
        "# Brief printemps\n"
        "L'offre : -40 % avec le code PRINTEMPS40.\n"
        "Début | Fin\n"
        "01/03/2027 | 31/03/2027\n"
        "- Magazines\n"
        "Landing : la page (https://editions-lumiere.fr/p)"
    )
    assert offers(imported) == [
        ("percentage", 40.0, "offer"),
        ("promo_code", "PRINTEMPS40", "promo_code"),
        ("date", date(2027, 3, 1), "offer_valid_until"),
        ("date", date(2027, 3, 31), "offer_valid_until"),
        ("url", "https://editions-lumiere.fr/p", "ctas"),
    ]


def test_a_merged_docx_cell_comes_once(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Offre"
    table.cell(0, 2).text = "-40 %"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_document(path, TODAY).text == "Offre | -40 %"


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "field"),
    [
        ("valable jusqu'au 15/03/2027", date(2027, 3, 15), "offer_valid_until"),
        ("date de fin : 15-03-2027", date(2027, 3, 15), "offer_valid_until"),
        ("à partir du 15.03.27", date(2027, 3, 15), "offer_valid_from"),
        ("envoi le 2027-03-15 à 10h", date(2027, 3, 15), "offer_valid_until"),
        ("du 15 mars 2027", date(2027, 3, 15), "offer_valid_from"),
        ("dès le lundi 15 mars 2027", date(2027, 3, 15), "offer_valid_from"),
        ("le 1er avril 2027", date(2027, 4, 1), "offer_valid_until"),
        ("le 15 janv. 2027", date(2027, 1, 15), "offer_valid_until"),
        ("le 3 mai", date(2027, 5, 3), "offer_valid_until"),
        ("fin le 15 décembre", date(2026, 12, 15), "offer_valid_until"),
        ("the sale ends March 15, 2027", date(2027, 3, 15), "offer_valid_until"),
        ("from April 1st, 2027", date(2027, 4, 1), "offer_valid_from"),
        ("until 15 March 2027", date(2027, 3, 15), "offer_valid_until"),
    ],
)
def test_dates_in_french_and_english(text: str, expected: date, field: str) -> None:
    [suggestion] = found(text, "date")
    assert (suggestion.value, suggestion.field) == (expected, field)


def test_a_date_without_a_year_is_its_next_occurrence() -> None:
    assert values("le 3 mai", "date", today=date(2027, 5, 3)) == [date(2027, 5, 3)]
    assert values("le 3 mai", "date", today=date(2027, 5, 4)) == [date(2028, 5, 3)]
    assert values("le 29 février", "date", today=date(2026, 11, 23)) == [date(2028, 2, 29)]


def test_a_range_gives_both_ends_the_start_taking_the_end_s_month_and_year() -> None:
    assert offers(read_pasted("du 1er au 31 mars 2027", date(2027, 3, 15))) == [
        ("date", date(2027, 3, 1), "offer_valid_from"),
        ("date", date(2027, 3, 31), "offer_valid_until"),
    ]
    assert values("du 15 décembre au 15 janvier 2028", "date") == [
        date(2027, 12, 15),
        date(2028, 1, 15),
    ]


@pytest.mark.parametrize(
    "text",
    ["le 31/02/2027", "le 30 février 2027", "le 32/01/2027", "le 15/13/2027", "le 00/00/0000"],
)
def test_an_impossible_date_is_skipped(text: str) -> None:
    assert read_pasted(text, TODAY).suggestions == ()


def test_numbers_that_are_not_dates_give_none() -> None:
    text = "Appelez le 01.23.45.67.89, serveur 192.168.1.10, version 10.2"
    assert values(text, "date") == []


# -- URLs -----------------------------------------------------------------------------------------


def test_https_http_and_www_urls_with_their_warnings() -> None:
    text = (
        "Landing : https://editions-lumiere.fr/printemps?utm_source=brevo. "
        "Ancienne : http://editions-lumiere.fr/old, et www.editions-lumiere.fr !"
    )
    assert [(s.value, s.field, s.warning) for s in found(text, "url")] == [
        ("https://editions-lumiere.fr/printemps?utm_source=brevo", "ctas", None),
        ("http://editions-lumiere.fr/old", "ctas", "url_not_https"),
        ("https://www.editions-lumiere.fr", "ctas", "url_assumed_https"),
    ]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("(voir https://x.fr/a)", "https://x.fr/a"),
        ("[la page](https://x.fr/a).", "https://x.fr/a"),
        (
            "https://fr.wikipedia.org/wiki/Bon_(imprimerie))",
            "https://fr.wikipedia.org/wiki/Bon_(imprimerie)",
        ),
        ("« https://x.fr/a »", "https://x.fr/a"),
        ("<https://x.fr/a>;", "https://x.fr/a"),
        ("lien : https://x.fr/a…", "https://x.fr/a"),
    ],
)
def test_punctuation_around_a_url_is_not_part_of_it(text: str, url: str) -> None:
    assert values(text, "url") == [url]


def test_an_invalid_url_is_offered_flagged_and_a_bare_scheme_not_at_all() -> None:
    text = "https://editions-lumiere sans extension, https://x.fr:99999/a, et https:// seul"
    assert [(s.value, s.warning) for s in found(text, "url")] == [
        ("https://editions-lumiere", "url_invalid"),
        ("https://x.fr:99999/a", "url_invalid"),
    ]


def test_an_email_address_is_not_a_www_url() -> None:
    assert values("écrire à contact@www.x.fr", "url") == []


# -- percentages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "-40 %",
        "40%",
        "40 pour cent",
        "\u201140\u00a0%",  # non-breaking hyphen, non-breaking space
        "\u221240\u202f%",  # minus sign, narrow no-break space
        "– 40 %",
    ],
)
def test_percentages_in_their_french_spellings(text: str) -> None:
    [suggestion] = found(f"remise de {text} sur tout", "percentage")
    assert (suggestion.value, suggestion.field) == (40.0, "offer")


def test_a_decimal_percentage() -> None:
    assert values("taux de clic visé : 3,5 %", "percentage") == [3.5]


# -- promo codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("avec le code PRINTEMPS", "PRINTEMPS"),
        ("avec le code : BD2027", "BD2027"),
        ("code promo : ETE", None),  # too short
        ("code promo PRINTEMPS", "PRINTEMPS"),
        ("Code de réduction « SOLDES »", "SOLDES"),
        ("coupon SPRING", "SPRING"),
        ("COUPON CODE SPRING", "SPRING"),
        ("code PROMO2027", "PROMO2027"),
        ("profitez de PRINTEMPS40 !", "PRINTEMPS40"),
        ("le code postal 75011", None),
        ("le code HTML de l'email", None),
        ("le code promo", None),
    ],
)
def test_promo_codes(text: str, code: str | None) -> None:
    assert values(text, "promo_code") == ([code] if code else [])


def test_all_caps_words_of_the_trade_and_lookalikes_are_not_codes() -> None:
    text = (
        "Prix HT et TTC, TVA 20 %, mentions RGPD et CGV, voir la FAQ et le PDF du BAT2 en HTML5, "
        "couleur #E30613, écrire à PROMO40@editions-lumiere.fr, SOLDES D'ÉTÉ, le 15/03/2027, "
        "https://x.fr/PROMO40 et le SIRET 12345678901234."
    )
    assert values(text, "promo_code") == []


def test_each_suggestion_comes_once() -> None:
    text = (
        "Code PRINTEMPS40, je répète PRINTEMPS40, -40 % soit 40 pour cent, "
        "https://x.fr deux fois https://x.fr"
    )
    assert [(s.kind, s.value) for s in read_pasted(text, TODAY).suggestions] == [
        ("promo_code", "PRINTEMPS40"),
        ("percentage", 40.0),
        ("url", "https://x.fr"),
    ]


# -- HTML -----------------------------------------------------------------------------------------


def test_html_text_survives_malformed_markup_and_drops_preheader_padding() -> None:
    html = (
        '<div style="display:none">Le printemps arrive&zwnj;&nbsp;&zwnj;&nbsp;&#847;</div>'
        "<table><tr><td>Offre</td><td>-40 %</td></tr></table>"
        "<![if !mso]>visible<![endif]><![bogus[ x ]]>suite"
        '<a href="https://x.fr/a"><img src="b.png"></a><a href="#top">haut</a><p>fin'
    )
    assert (
        html_to_text(html)
        == "Le printemps arrive\n\nOffre -40 %\n\nvisiblesuitehttps://x.fr/ahaut\nfin"
    )


# -- bad input ------------------------------------------------------------------------------------


def refusal(path: Path) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_document(path, TODAY)
    assert path.name in caught.value.message
    assert "brief was not changed" in caught.value.message
    return caught.value


def test_a_missing_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "brief.docx").code == "missing"


def test_an_unsupported_file_names_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    error = refusal(path)
    assert error.code == "unsupported"
    assert all(suffix in error.message for suffix in (".txt", ".md", ".eml", ".docx"))


def test_a_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert refusal(path).code == "binary"


def test_noise_without_nul_bytes_is_binary_too(tmp_path: Path) -> None:
    noise = bytes(b for b in random.Random(7).randbytes(20_000) if b)
    path = tmp_path / "noise.md"
    path.write_bytes(noise)
    assert refusal(path).code == "binary"


def test_a_file_over_10_mb(tmp_path: Path) -> None:
    path = tmp_path / "mailbox.txt"
    with path.open("wb") as file:
        file.truncate(11 * 1024 * 1024)
    error = refusal(path)
    assert error.code == "too_large" and "10 MB" in error.message


def test_a_file_whose_text_is_over_the_notes_limit(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("Une ligne de texte.\n" * (MAX_TEXT_CHARS // 10), encoding="utf-8")
    assert refusal(path).code == "too_large"


def test_a_50_mb_paste_is_refused() -> None:
    with pytest.raises(ImportRefused) as caught:
        read_pasted("x" * 50_000_000)
    assert caught.value.code == "too_large"
    assert caught.value.message.startswith("The pasted text cannot be imported")


def test_a_password_protected_docx_says_to_save_an_unprotected_copy(tmp_path: Path) -> None:
    path = tmp_path / "Brief confidentiel.docx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(range(256)) * 8)
    error = refusal(path)
    assert error.code == "docx_protected"
    assert "password-protected" in error.message and "unprotected copy" in error.message


def test_a_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "assets.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("logo.svg", "<svg/>")
    assert refusal(path).code == "docx_unreadable"


def test_a_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_text("Ceci n'est pas un document Word.", encoding="utf-8")
    assert refusal(path).code == "docx_unreadable"


def test_a_docx_with_broken_xml(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    Document().save(str(good))
    path = tmp_path / "truncated.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:50] if item.filename == "word/document.xml" else data)
    assert refusal(path).code == "docx_unreadable"


def test_a_mail_with_only_an_attachment_is_empty(tmp_path: Path) -> None:
    mail = EmailMessage()
    mail["From"] = "marie.durand@editions-lumiere.fr"
    mail["Subject"] = "Le logo"
    mail.add_attachment(b"\x89PNG\r\n", maintype="image", subtype="png", filename="logo.png")
    path = tmp_path / "logo.eml"
    path.write_bytes(bytes(mail))
    assert refusal(path).code == "eml_empty"


# -- the real-world corpus ------------------------------------------------------------------------


def test_every_corpus_mail_gives_text_or_a_refusal(corpus: Path) -> None:
    paths = sorted((corpus / "eml").rglob("*.eml"))
    assert paths
    for path in paths:
        try:
            imported = read_document(path, TODAY)
        except ImportRefused as error:
            assert path.name in error.message
        else:
            assert imported.text.strip(), path


def test_every_corpus_html_email_converts_to_text(corpus: Path) -> None:
    paths = sorted((corpus / "emails").rglob("*.html"))
    assert paths
    for path in paths:
        assert isinstance(html_to_text(path.read_bytes().decode("utf-8", "replace")), str)
