"""Reading an email once: kinds, charsets, .eml parts, the tree and what is extracted from it."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from crmdesk.core.checks.parse import MAX_EMAIL_BYTES, parse_bytes, parse_file, start_tag
from crmdesk.core.errors import UnusableEmail
from tests.core.checks.conftest import eml, page


def problem_ids(parsed) -> list[str]:
    return [finding.check_id for finding in parsed.problems]


# -- kinds --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["email.html", "EMAIL.HTM", "page.xhtml"])
def test_html_extensions_are_read_as_html(name: str) -> None:
    parsed = parse_bytes(page("<p>Bonjour</p>").encode(), name)
    assert parsed.headers is None
    assert parsed.visible_text == "Bonjour"


def test_an_eml_is_read_as_a_mail() -> None:
    parsed = parse_bytes(eml(page("<p>Bonjour</p>")), "bat.eml")
    assert parsed.headers is not None
    assert parsed.visible_text == "Bonjour"


def test_an_unknown_extension_is_sniffed() -> None:
    assert parse_bytes(b"<table><tr><td>Promo</td></tr></table>", "export.txt").headers is None
    assert parse_bytes(eml("<p>Bonjour</p>"), "message.txt").headers is not None


def test_the_kind_given_wins_over_the_extension() -> None:
    parsed = parse_bytes(eml("<p>Bonjour</p>"), "upload.bin", kind="eml")
    assert parsed.visible_text == "Bonjour"


def test_plain_text_is_unsupported() -> None:
    with pytest.raises(UnusableEmail) as error:
        parse_bytes(b"Bonjour, voici le brief de la campagne.", "notes.txt")
    assert error.value.code == "unsupported"


# -- input that cannot be checked ---------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnusableEmail) as error:
        parse_file(tmp_path / "absent.html")
    assert error.value.code == "missing"
    assert "absent.html" in error.value.message


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "campagne.html"
    folder.mkdir()
    with pytest.raises(UnusableEmail) as error:
        parse_file(folder)
    assert error.value.code == "unreadable"


def test_a_pipe_is_refused_rather_than_read_forever(tmp_path: Path) -> None:
    pipe = tmp_path / "flux.html"
    os.mkfifo(pipe)
    with pytest.raises(UnusableEmail) as error:
        parse_file(pipe)
    assert error.value.code == "unreadable"


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="running as root (as CI does): root reads a file whatever its permissions, so no "
    "file can be made unreadable here; the refusal is tested by any non-root run",
)
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "privé.html"
    path.write_text(page("<p>x</p>"))
    path.chmod(0)
    with pytest.raises(UnusableEmail) as error:
        parse_file(path)
    assert error.value.code == "unreadable"


def test_a_png_renamed_html_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "visuel.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(UnusableEmail) as error:
        parse_file(path)
    assert error.value.code == "binary"


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(UnusableEmail) as error:
        parse_bytes(b"<html>\x00\x00\x01\x02" * 50, "email.html")
    assert error.value.code == "binary"


def test_utf16_with_a_bom_is_text_not_binary() -> None:
    data = codecs.BOM_UTF16_LE + page("<p>Éléphant</p>").encode("utf-16-le")
    parsed = parse_bytes(data, "email.html")
    assert parsed.visible_text == "Éléphant"
    assert parsed.charset == "utf-16-le"


def test_above_the_email_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "énorme.html"
    with path.open("wb") as file:
        file.truncate(MAX_EMAIL_BYTES + 1)  # sparse: the size is refused before anything is read
    with pytest.raises(UnusableEmail) as error:
        parse_file(path)
    assert error.value.code == "too_large"
    with pytest.raises(UnusableEmail):
        parse_bytes(b" " * (MAX_EMAIL_BYTES + 1), "énorme.html")


def test_an_eml_without_html_part() -> None:
    with pytest.raises(UnusableEmail) as error:
        parse_bytes(eml(None, text="Seulement du texte."), "texte.eml")
    assert error.value.code == "no_html"


@pytest.mark.parametrize("data", [b"<!-- rien -->", b"<html><body></body>"])
def test_an_empty_email_has_no_tree_and_says_so(data: bytes) -> None:
    parsed = parse_bytes(data, "vide.html")
    assert parsed.tree is None
    assert problem_ids(parsed) == ["parse.empty"]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf\r\n"])
@pytest.mark.parametrize("name", ["vide.html", "vide.eml", "sans-extension"])
def test_an_empty_file_is_refused_not_checked(data: bytes, name: str) -> None:
    with pytest.raises(UnusableEmail) as error:
        parse_bytes(data, name)
    assert error.value.code == "empty"
    assert error.value.message == f"{name}: it is empty: there is no email in it."


def test_an_email_of_images_only_is_not_empty() -> None:
    parsed = parse_bytes(page('<img src="https://x.fr/a.png" alt="">').encode(), "a.html")
    assert parsed.tree is not None
    assert not parsed.problems


# -- charsets -----------------------------------------------------------------------------------


def test_meta_charset_windows_1252() -> None:
    html = page("<p>Été à Noël – 20 €</p>", head='<meta charset="windows-1252">')
    parsed = parse_bytes(html.encode("cp1252"), "email.html")
    assert parsed.visible_text == "Été à Noël – 20 €"
    assert parsed.charset == "windows-1252"
    assert not parsed.problems


def test_http_equiv_content_type_declares_the_charset() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    parsed = parse_bytes(page("<p>Réduction</p>", head=head).encode("latin-1"), "email.html")
    assert parsed.visible_text == "Réduction"
    assert parsed.charset == "iso-8859-1"


def test_a_declared_us_ascii_is_read_as_windows_1252_like_browsers_do() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">'
    parsed = parse_bytes(page("<p>Café</p>", head=head).encode("cp1252"), "email.html")
    assert parsed.visible_text == "Café"
    assert not parsed.problems


def test_a_utf8_bom_is_read_and_dropped() -> None:
    data = codecs.BOM_UTF8 + b"<html><body><p>\xc3\xa9t\xc3\xa9</p></body></html>"
    parsed = parse_bytes(data, "email.html")
    assert parsed.html.startswith("<html>")
    assert parsed.visible_text == "été"
    assert parsed.encoded_size == len(data)


def test_undeclared_utf8_is_read_silently() -> None:
    parsed = parse_bytes("<p>Noël</p>".encode(), "email.html")
    assert parsed.visible_text == "Noël"
    assert parsed.charset == "utf-8"
    assert not parsed.problems


def test_undeclared_latin_bytes_are_guessed_as_windows_1252_with_a_warning() -> None:
    parsed = parse_bytes("<p>Noël à Paris</p>".encode("cp1252"), "email.html")
    assert parsed.visible_text == "Noël à Paris"
    assert parsed.charset == "windows-1252"
    assert problem_ids(parsed) == ["parse.charset_guessed"]
    assert parsed.problems[0].severity == "warning"


def test_bytes_that_do_not_match_the_declared_charset_are_replaced_and_reported() -> None:
    html = page("<p>ok</p>\n<p>Noël</p>", head='<meta charset="utf-8">')
    parsed = parse_bytes(html.encode("cp1252"), "email.html")
    assert "No\ufffdl" in parsed.visible_text
    assert problem_ids(parsed) == ["parse.charset_mismatch"]
    assert parsed.problems[0].line == html.split("\n").index("<p>Noël</p>") + 1


def test_an_unknown_declared_charset_falls_back_and_is_reported() -> None:
    html = page("<p>Noël</p>", head='<meta charset="klingon-8">')
    parsed = parse_bytes(html.encode(), "email.html")
    assert parsed.visible_text == "Noël"
    assert problem_ids(parsed) == ["parse.charset_unknown"]


@pytest.mark.parametrize("label", ["base64", "rot13"])
def test_a_codec_that_is_not_a_text_encoding_counts_as_unknown(label: str) -> None:
    html = page("<p>Noël</p>", head=f'<meta charset="{label}">')
    assert problem_ids(parse_bytes(html.encode(), "email.html")) == ["parse.charset_unknown"]


def test_an_xml_declaration_with_an_encoding_still_parses() -> None:
    html = '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><body>\n<p>Été</p></body></html>'
    parsed = parse_bytes(html.encode("latin-1"), "email.xhtml")
    assert parsed.visible_text == "Été"
    assert parsed.by_tag["p"][0].sourceline == 3


# -- .eml ---------------------------------------------------------------------------------------


def test_the_html_part_is_decoded_with_the_mime_charset() -> None:
    data = eml("<p>Très bientôt, les soldes d'été</p>", charset="iso-8859-1")
    assert b'charset="iso-8859-1"' in data
    parsed = parse_bytes(data, "bat.eml")
    assert parsed.visible_text == "Très bientôt, les soldes d'été"
    assert parsed.charset == "iso-8859-1"


def test_the_mime_charset_wins_over_the_html_meta() -> None:
    html = page("<p>Noël</p>", head='<meta charset="utf-8">')
    parsed = parse_bytes(eml(html, charset="windows-1252"), "bat.eml")
    assert parsed.visible_text == "Noël"


NESTED = b"""From: Maison Exemple <newsletter@maison-exemple.fr>
Subject: Imbrique
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="OUT"

--OUT
Content-Type: multipart/related; boundary="REL"

--REL
Content-Type: multipart/alternative; boundary="ALT"

--ALT
Content-Type: text/plain; charset=utf-8

Au coeur du message
--ALT
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<p>Au c=C5=93ur du message</p><img src=3D"cid:logo" alt=3D"Logo">
--ALT--
--REL
Content-Type: image/png
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--REL--
--OUT
Content-Type: text/html; name="cgv.html"
Content-Disposition: attachment; filename="cgv.html"

<p>Conditions generales</p>
--OUT--
"""


def test_the_html_body_is_found_in_nested_multiparts_not_the_attachment() -> None:
    parsed = parse_bytes(NESTED, "imbrique.eml")
    assert parsed.visible_text == "Au cœur du message"
    assert parsed.by_tag["img"][0].get("src") == "cid:logo"


def test_headers_are_decoded_and_looked_up_in_any_case() -> None:
    data = eml("<p>x</p>", headers={"Subject": "Été : -20 % sur tout"})
    assert b"=?utf-8?" in data  # the subject travels as an RFC 2047 encoded word
    headers = parse_bytes(data, "bat.eml").headers
    assert headers is not None
    assert headers["subject"] == "Été : -20 % sur tout"
    assert headers.get("LIST-UNSUBSCRIBE-POST") == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe" in list(headers)
    assert headers.get("X-Absent") is None


def test_repeated_headers_keep_the_first_and_all() -> None:
    data = b"Received: un\r\nReceived: deux\r\nContent-Type: text/html\r\n\r\n<p>x</p>"
    headers = parse_bytes(data, "a.eml").headers
    assert headers is not None
    assert headers["Received"] == "un"
    assert headers.all("received") == ["un", "deux"]


def test_encoded_size_of_an_eml_is_its_html_in_its_charset() -> None:
    html = "<p>" + "é" * 100 + "</p>"
    parsed = parse_bytes(eml(html, charset="iso-8859-1"), "bat.eml")
    assert parsed.encoded_size == len(html.encode("iso-8859-1")) + 1  # set_content adds "\n"


# -- the tree -----------------------------------------------------------------------------------


def test_elements_keep_their_source_line() -> None:
    html = "<html>\n<body>\n<p>un</p>\n\n<p>deux</p>\n</body>\n</html>"
    parsed = parse_bytes(html.encode(), "a.html")
    assert [p.sourceline for p in parsed.by_tag["p"]] == [3, 5]
    assert [e.tag for e in parsed.elements] == ["html", "body", "p", "p"]


def test_truncated_html_still_gives_a_tree() -> None:
    html = '<html><body><table><tr><td><p>Bonjour</p><a href="https://exemple.fr">Suite <img sr'
    parsed = parse_bytes(html.encode(), "coupe.html")
    assert parsed.tree is not None
    assert parsed.links[0].href == "https://exemple.fr"
    assert parsed.visible_text.startswith("Bonjour\nSuite")


def test_links_with_their_text_image_alt_and_line() -> None:
    body = (
        '<a href=" https://exemple.fr/a ">Voir  la\n offre</a>\n'
        '<a href="https://exemple.fr/b"><img src="b.png" alt="Nos soldes"></a>\n'
        '<a name="ancre">pas un lien</a>\n'
        '<map><area href="https://exemple.fr/c" alt="Carte"></map>\n'
        '<a href="">vide</a>'
    )
    parsed = parse_bytes(page(body).encode(), "a.html")
    assert [(link.href, link.text) for link in parsed.links] == [
        ("https://exemple.fr/a", "Voir la offre"),
        ("https://exemple.fr/b", "Nos soldes"),
        ("https://exemple.fr/c", "Carte"),
        ("", "vide"),
    ]
    first_line = page(body).split("\n").index('<a href=" https://exemple.fr/a ">Voir  la') + 1
    assert parsed.links[0].line == first_line


def test_visible_text_leaves_out_head_styles_scripts_and_comments() -> None:
    body = (
        "<style>.a{color:red}</style><script>var x = 1;</script>"
        "<!-- commentaire --><table><tr><td>Cellule un</td><td>Cellule&nbsp;deux</td></tr>"
        "</table><p>Fin <b>en</b> gras</p><script>y()</script>après"
    )
    parsed = parse_bytes(page(body, head="<title>Titre</title>").encode(), "a.html")
    assert parsed.visible_text == "Cellule un\nCellule deux\nFin en gras\naprès"


def test_preheader_padding_is_not_visible_text() -> None:
    parsed = parse_bytes(page("<div>Bonjour&zwnj;&nbsp;&#847;&zwnj;</div>").encode(), "a.html")
    assert parsed.visible_text == "Bonjour"


def test_start_tag_is_a_short_excerpt() -> None:
    parsed = parse_bytes(page(f'<a href="https://exemple.fr/{"x" * 300}">y</a>').encode(), "a")
    excerpt = start_tag(parsed.by_tag["a"][0])
    assert excerpt.startswith('<a href="https://exemple.fr/xxx')
    assert len(excerpt) == 120
    assert excerpt.endswith("…>")
