"""Bringing an email in for a BAT: .html with its images, .eml with cid: parts, .zip; refusing
what climbs out, explodes or weighs too much; and the HTML the preview gets, with nothing that
could act."""

from __future__ import annotations

import os
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable
from email.message import EmailMessage
from pathlib import Path

import pytest

from crmdesk.core.bat.snapshot import (
    MAX_EMAIL_BYTES,
    EmailSnapshot,
    Notice,
    neutralise,
    read_email,
    read_email_bytes,
)
from crmdesk.core.checks.parse import parse_bytes
from crmdesk.core.errors import UnusableEmail
from tests.conftest import corpus_params


def png() -> bytes:
    """A real PNG image: one white pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def refusal(path: Path) -> UnusableEmail:
    with pytest.raises(UnusableEmail) as error:
        read_email(path)
    return error.value


def entry_text(snapshot: EmailSnapshot) -> str:
    """The entry HTML decoded as the check engine and browsers do (BOM, then <meta charset>)."""
    return parse_bytes(snapshot.html_bytes(), snapshot.entry, kind="html").html


def codes(notices: Iterable[Notice]) -> dict[str, int]:
    return {notice.code: notice.count for notice in notices}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return path


PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Les soldes d’hiver</title>
<link rel="stylesheet" href="css/mail.css">
<style>
.hero { background-image: url('images/pattern.gif'); }
</style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch>
</o:OfficeDocumentSettings></xml><![endif]-->
</head>
<body>
<table role="presentation" width="600"><tr>
<td background="images/bg.jpg" class="hero">
<!--[if gte mso 9]><v:rect style="width:600px;height:300px;"><v:fill type="tile"
src="images/vml-bg.png" /></v:rect><![endif]-->
<img src="images/hero.png" srcset="images/hero.png 1x, images/hero@2x.png 2x" alt="Soldes">
<img src="images/hero%20wide.png" alt="">
<a href="https://www.maison-exemple.fr/soldes">Voir les soldes</a>
</td></tr></table>
</body>
</html>
"""


@pytest.fixture
def email_folder(tmp_path: Path) -> Path:
    """An email as a developer hands it over: the page and its images beside it."""
    folder = tmp_path / "soldes"
    (folder / "images").mkdir(parents=True)
    (folder / "css").mkdir()
    (folder / "email.html").write_text(PAGE, encoding="utf-8")
    (folder / "css" / "mail.css").write_text(
        "body { background: url(../images/from-css.png) }", encoding="utf-8"
    )
    for name in ("hero.png", "hero@2x.png", "hero wide.png", "vml-bg.png", "from-css.png"):
        (folder / "images" / name).write_bytes(png())
    (folder / "images" / "pattern.gif").write_bytes(GIF)
    (folder / "images" / "bg.jpg").write_bytes(JPEG)
    (folder / "images" / "unused.png").write_bytes(png())
    return folder


# -- a plain .html and the files beside it --------------------------------------------------------


def test_an_html_file_brings_in_the_images_and_stylesheets_it_uses(email_folder: Path) -> None:
    snapshot = read_email(email_folder / "email.html")

    assert (snapshot.source_name, snapshot.kind, snapshot.entry) == (
        "email.html",
        "html",
        "email.html",
    )
    assert snapshot.subject == "Les soldes d’hiver"
    assert snapshot.html_bytes() == (email_folder / "email.html").read_bytes()
    types = {file.path: file.media_type for file in snapshot.files}
    assert types == {
        "email.html": "text/html",
        "css/mail.css": "text/css",
        "images/pattern.gif": "image/gif",
        "images/bg.jpg": "image/jpeg",
        "images/vml-bg.png": "image/png",  # Outlook's VML background, inside a comment
        "images/hero.png": "image/png",
        "images/hero@2x.png": "image/png",
        "images/hero wide.png": "image/png",  # stored as on disk, not percent-encoded
        "images/from-css.png": "image/png",  # named by the stylesheet, relative to it
    }
    assert snapshot.notices == ()


def test_files_outside_the_email_folder_are_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "images").mkdir(parents=True)
    secret = b"\x89PNG\r\n\x1a\nSECRET"
    (tmp_path / "secret.txt").write_bytes(b"SECRET")
    (tmp_path / "secret.png").write_bytes(secret)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "photo.png").write_bytes(secret)
    (folder / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    (folder / "images" / "album").symlink_to(outside, target_is_directory=True)
    (folder / "images" / "ok.png").write_bytes(png())
    (folder / "mail.html").write_text(
        '<p>Bonjour</p><img src="../secret.txt"><img src="../secret.png">'
        '<img src="images/../../secret.png"><img src="/etc/passwd.png">'
        f'<img src="{tmp_path / "secret.png"}"><img src="images/link.png">'
        '<img src="images/album/photo.png"><img src="images/ok.png">'
        f'<img src="file://{tmp_path / "secret.png"}">',
        encoding="utf-8",
    )

    snapshot = read_email(folder / "mail.html")

    assert [file.path for file in snapshot.files] == ["mail.html", "images/ok.png"]
    assert not any(b"SECRET" in file.data for file in snapshot.files)
    # Six files: "../secret.png" and "images/../../secret.png" are the same one.
    assert codes(snapshot.notices) == {"skipped_file": 6, "file_url": 1}
    skipped = next(notice for notice in snapshot.notices if notice.code == "skipped_file")
    assert skipped.message.startswith("6 files the email refers to were not brought in")


def test_a_missing_image_is_a_notice_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "promo.html").write_text(
        '<p>Promo</p><img src="images/absent.png"><img src="images/absent.png">'
        '<img src="https://cdn.example.com/remote.png"><img src="*|IMAGE_URL|*">'
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        encoding="utf-8",
    )
    snapshot = read_email(tmp_path / "promo.html")
    assert [file.path for file in snapshot.files] == ["promo.html"]
    assert [(n.code, n.count) for n in snapshot.notices] == [("skipped_file", 1)]
    assert snapshot.notices[0].message.startswith("1 file the email refers to was not brought in")


def test_html_given_as_bytes_counts_its_local_images_as_skipped() -> None:
    snapshot = read_email_bytes("C:\\Users\\lea\\promo.htm", b'<img src="a.png"><img src="b.png">')
    assert (snapshot.source_name, snapshot.entry, snapshot.kind) == (
        "promo.htm",
        "promo.htm",
        "html",
    )
    assert codes(snapshot.notices) == {"skipped_file": 2}


def test_an_html_file_in_latin1_is_kept_byte_for_byte(tmp_path: Path) -> None:
    data = '<meta charset="iso-8859-1"><title>Été</title><p>Bientôt</p>'.encode("iso-8859-1")
    (tmp_path / "ete.html").write_bytes(data)
    snapshot = read_email(tmp_path / "ete.html")
    assert snapshot.html_bytes() == data
    assert snapshot.subject == "Été"
    assert "Bientôt" in entry_text(snapshot)


def test_read_email_counts_what_the_preview_will_neutralise(tmp_path: Path) -> None:
    (tmp_path / "actif.html").write_text(
        "<p onclick='go()'>Salut</p><script>track()</script><script src=x.js></script>",
        encoding="utf-8",
    )
    snapshot = read_email(tmp_path / "actif.html")
    assert codes(snapshot.notices) == {"script": 2, "event_handler": 1}
    assert snapshot.notices[0].message == "2 scripts removed: JavaScript never runs in the preview."


# -- .eml ----------------------------------------------------------------------------------------


def related_eml() -> EmailMessage:
    """A mail as an ESP sends it: text and HTML alternatives, the HTML in ISO-8859-1 quoted-
    printable, a logo as a related cid: part, a photo attached."""
    message = EmailMessage()
    message["From"] = "Maison Exemple <news@maison-exemple.fr>"
    message["To"] = "lea@example.org"
    message["Subject"] = "=?iso-8859-1?q?Les_nouveaut=E9s_de_novembre?="
    message.set_content("Les nouveautés de novembre.")
    html = (
        '<html><head><meta charset="utf-8"><title>Ignoré</title></head><body>'
        '<img src="cid:logo@maison-exemple.fr" alt="Maison Exemple">'
        "<p>Découvrez nos nouveautés à prix réduits.</p></body></html>"
    )
    message.add_alternative(html, subtype="html", charset="iso-8859-1", cte="quoted-printable")
    html_part = message.get_payload()[1]
    html_part.add_related(png(), "image", "png", cid="<logo@maison-exemple.fr>")
    message.add_attachment(JPEG, maintype="image", subtype="jpeg", filename="photo été.jpg")
    return message


def test_an_eml_gives_its_html_and_cid_images(tmp_path: Path) -> None:
    data = bytes(related_eml())
    assert b"=E9" in data and b"nouveaut=E9s" in data  # really quoted-printable Latin-1
    path = tmp_path / "bat.eml"
    path.write_bytes(data)

    snapshot = read_email(path)

    assert (snapshot.kind, snapshot.entry) == ("eml", "index.html")
    assert snapshot.subject == "Les nouveautés de novembre"
    html = entry_text(snapshot)
    assert "Découvrez nos nouveautés à prix réduits." in html
    assert snapshot.html_bytes().startswith(b"\xef\xbb\xbf")  # wins over the stale meta utf-8
    logo = snapshot.file("cid/logo@maison-exemple.fr.png")
    assert logo is not None
    assert (logo.media_type, logo.content_id, logo.data) == (
        "image/png",
        "logo@maison-exemple.fr",
        png(),
    )
    assert snapshot.content_ids() == {"logo@maison-exemple.fr": "cid/logo@maison-exemple.fr.png"}
    photo = snapshot.file("attachments/photo_été.jpg")
    assert photo is not None and photo.media_type == "image/jpeg"

    preview, _ = neutralise(html, snapshot.content_ids())
    assert '<img src="cid/logo@maison-exemple.fr.png" alt="Maison Exemple">' in preview


def test_an_mhtml_part_is_found_at_its_content_location() -> None:
    message = EmailMessage()
    message["Subject"] = "Page enregistrée"
    message.set_content('<p>Logo</p><img src="images/logo.png">', subtype="html")
    message.add_related(png(), "image", "png", headers=["Content-Location: images/logo.png"])
    snapshot = read_email_bytes("page.mht", bytes(message))
    logo = snapshot.file("images/logo.png")
    assert logo is not None and logo.media_type == "image/png" and not logo.content_id


def test_an_eml_without_html_is_refused(tmp_path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = "Texte seul"
    message.set_content("Bonjour, ceci est un message texte.")
    path = tmp_path / "texte.eml"
    path.write_bytes(bytes(message))
    error = refusal(path)
    assert error.code == "no_html"
    assert "texte.eml" in error.message


def test_an_eml_whose_subject_is_missing_takes_the_html_title() -> None:
    message = EmailMessage()
    message.set_content("<title>Offre spéciale</title><p>Vite !</p>", subtype="html")
    snapshot = read_email_bytes("sans-objet.eml", bytes(message))
    assert snapshot.subject == "Offre spéciale"


# -- .zip ----------------------------------------------------------------------------------------


def test_a_zip_gives_its_page_and_images(tmp_path: Path) -> None:
    page = (
        b'<title>Zip</title><img src="images/a.png"><img src="../shared/logo.gif"><img src="b.png">'
    )
    path = write_zip(
        tmp_path / "bat.zip",
        {
            "newsletter/": b"",
            "newsletter/index.html": page,
            "newsletter/old-version.html": b"<p>old</p>",
            "newsletter/images/a.png": png(),
            "shared/logo.gif": GIF,
            "newsletter/notes.txt": b"not part of the email",
            "__MACOSX/newsletter/._index.html": b"\x00\x05\x16\x07",
            "newsletter/.DS_Store": b"\x00\x00\x00\x01Bud1",
        },
    )

    snapshot = read_email(path)

    assert (snapshot.kind, snapshot.entry, snapshot.subject) == (
        "zip",
        "newsletter/index.html",
        "Zip",
    )
    assert {file.path: file.media_type for file in snapshot.files} == {
        "newsletter/index.html": "text/html",
        "newsletter/images/a.png": "image/png",
        "shared/logo.gif": "image/gif",
    }
    assert snapshot.html_bytes() == page
    assert codes(snapshot.notices) == {"skipped_file": 1}  # b.png is not in the archive


def test_a_zip_with_one_page_not_named_index_uses_it(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "a.zip", {"promo-noel.html": b"<p>Noel</p>", "logo.png": png()})
    assert read_email(path).entry == "promo-noel.html"


def test_a_zip_with_several_pages_and_no_index_is_ambiguous(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "two.zip", {"fr.html": b"<p>fr</p>", "en.html": b"<p>en</p>"})
    error = refusal(path)
    assert error.code == "zip_ambiguous"
    assert "en.html, fr.html" in error.message and "two.zip" in error.message


def test_a_zip_without_html_is_refused(tmp_path: Path) -> None:
    assert refusal(write_zip(tmp_path / "img.zip", {"a.png": png()})).code == "no_html"


@pytest.mark.parametrize(
    "member",
    [
        "../evil.html",
        "/etc/passwd",
        "..\\x",
        "images\\..\\..\\x.png",
        "C:/Windows/evil.html",
        "a/../../b.png",
    ],
)
def test_a_zip_whose_member_climbs_out_is_refused_whole(tmp_path: Path, member: str) -> None:
    path = write_zip(tmp_path / "trap.zip", {"index.html": b"<p>ok</p>", member: b"x"})
    error = refusal(path)
    assert error.code == "zip_traversal"
    assert member in error.message and "trap.zip" in error.message


def test_a_zip_bomb_member_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "bomb.zip", {"index.html": b"<p>" + b" " * (20 * 2**20)})
    assert path.stat().st_size < 100_000
    error = refusal(path)
    assert error.code == "zip_bomb"
    assert "index.html" in error.message


def test_many_small_expanding_members_are_a_zip_bomb(tmp_path: Path) -> None:
    members = {f"images/{n}.png": b"\x00" * 600_000 for n in range(30)}
    path = write_zip(tmp_path / "bombs.zip", {"index.html": b"<p>x</p>", **members})
    assert refusal(path).code == "zip_bomb"


def test_an_archive_with_too_many_files_is_refused(tmp_path: Path) -> None:
    members = {f"images/{n}.png": b"" for n in range(501)}
    error = refusal(write_zip(tmp_path / "many.zip", {"index.html": b"<p>x</p>", **members}))
    assert error.code == "zip_bomb"
    assert "502 files" in error.message


def test_an_archive_of_honestly_big_images_is_too_large(tmp_path: Path) -> None:
    big = os.urandom(8 * 2**20).hex().encode()  # 16 MB that compress about twice
    path = write_zip(tmp_path / "photos.zip", {"index.html": b"<p>x</p>", "style.css": big})
    assert path.stat().st_size < MAX_EMAIL_BYTES
    error = refusal(path)
    assert error.code == "too_large"
    assert "16.0 MB" in error.message


def lie_about_size(data: bytes, declared: int) -> bytes:
    """The archive with its first member claiming to expand to ``declared`` bytes, in both
    the local header and the central directory, as a forged bomb does."""
    patched = bytearray(data)
    assert patched[:4] == b"PK\x03\x04"
    patched[22:26] = struct.pack("<I", declared)
    central = patched.find(b"PK\x01\x02")
    patched[central + 24 : central + 28] = struct.pack("<I", declared)
    return bytes(patched)


def test_a_member_lying_about_its_size_is_never_expanded(tmp_path: Path) -> None:
    honest = write_zip(tmp_path / "honest.zip", {"index.html": b"<p>" + b" " * (40 * 2**20)})
    path = tmp_path / "liar.zip"
    path.write_bytes(lie_about_size(honest.read_bytes(), 1000))

    tracemalloc.start()
    try:
        error = refusal(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert error.code == "zip_invalid"
    assert "index.html" in error.message
    assert peak < 5 * 2**20  # the 40 MB were never decompressed


def test_a_password_protected_zip_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "locked.zip", {"index.html": b"<p>x</p>"})
    data = bytearray(path.read_bytes())
    data[6] |= 0x1  # the "encrypted" flag, in the local header and the central directory
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    error = refusal(path)
    assert error.code == "zip_invalid"
    assert "password" in error.message


def test_a_file_named_zip_that_is_not_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really an archive")
    error = refusal(tmp_path / "broken.zip")
    assert error.code == "zip_invalid"
    assert "broken.zip" in error.message


def test_a_zip_is_recognised_without_its_extension(tmp_path: Path) -> None:
    data = write_zip(tmp_path / "x.zip", {"index.html": b"<p>x</p>"}).read_bytes()
    assert read_email_bytes("upload", data).kind == "zip"


# -- files that are not emails ---------------------------------------------------------------------


def test_a_20_mb_email_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "lourd.html"
    path.write_bytes(b"<p>" + b"x" * (20 * 2**20 - 3))
    error = refusal(path)
    assert error.code == "too_large"
    assert "lourd.html" in error.message and "20.0 MB" in error.message and "15 MB" in error.message
    with pytest.raises(UnusableEmail) as from_bytes:
        read_email_bytes("lourd.eml", path.read_bytes())
    assert from_bytes.value.code == "too_large"


def test_an_html_whose_images_weigh_too_much_is_refused(tmp_path: Path) -> None:
    (tmp_path / "photos.html").write_text('<img src="a.png"><img src="b.png">', encoding="utf-8")
    (tmp_path / "a.png").write_bytes(png() + os.urandom(8 * 2**20))
    (tmp_path / "b.png").write_bytes(png() + os.urandom(8 * 2**20))
    error = refusal(tmp_path / "photos.html")
    assert error.code == "too_large"
    assert "with its images" in error.message


def test_a_missing_file(tmp_path: Path) -> None:
    error = refusal(tmp_path / "absent.html")
    assert error.code == "missing"
    assert "absent.html" in error.message


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "dossier.html").mkdir()
    assert refusal(tmp_path / "dossier.html").code == "unreadable"


@pytest.mark.parametrize(
    ("name", "data"),
    [("notes.txt", b"Bonjour, voici le brief."), ("photo.png", png()), ("logo.html", png())],
)
def test_what_is_not_an_email_is_unsupported(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    error = refusal(tmp_path / name)
    assert error.code == "unsupported"
    assert name in error.message


def test_html_with_another_extension_is_recognised() -> None:
    snapshot = read_email_bytes("export.txt", b"<table><tr><td>Promo</td></tr></table>")
    assert (snapshot.kind, snapshot.entry) == ("html", "index.html")


# -- neutralise ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "gone", "code"),
    [
        ("<p>a</p><script>alert('x')</script><p>b</p>", "alert", "script"),
        ('<svg><script href="x.js"/></svg><SCRIPT type="module">x()</SCRIPT >', "x()", "script"),
        ('<iframe src="https://evil.example/"><p>inside</p></iframe>', "evil", "iframe"),
        ('<frameset><frame src="a.html"></frameset>', "a.html", "iframe"),
        ('<object data="movie.swf"><param name="q" value="1"></object>', "movie.swf", "object"),
        ('<embed src="movie.swf">', "movie.swf", "object"),
        ('<applet code="Evil.class"></applet>', "Evil", "object"),
        ('<base href="https://evil.example/">', "evil", "base"),
        (
            '<meta http-equiv="Refresh" content="0;url=https://evil.example">',
            "evil",
            "meta_refresh",
        ),
        ("<meta http-equiv=refresh content=5>", "content=5", "meta_refresh"),
        ("<body onload=\"go()\"><img src=x.png onerror='go()'>", "go()", "event_handler"),
        ('<div/onmouseover="go()">', "go()", "event_handler"),
        ('<a href="javascript:go()">a</a>', "go()", "javascript_url"),
        ('<a href="  JaVa\nScRiPt:go()">a</a>', "go()", "javascript_url"),
        ('<a href="jav&#x61;script&colon;go()">a</a>', "go()", "javascript_url"),
        ('<a href="vbscript:msgbox(1)">a</a>', "msgbox", "javascript_url"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "PHNjcmlwdD4", "javascript_url"),
        ('<img src="file:///etc/passwd">', "passwd", "file_url"),
        ('<img src="C:\\Users\\lea\\logo.png">', "logo", "file_url"),
        ('<img src="\\\\serveur\\partage\\logo.png">', "partage", "file_url"),
        ('<td background="FILE://localhost/etc/hosts">', "hosts", "file_url"),
        (
            '<td style="background:url(&quot;file:///etc/x.png&quot;) no-repeat">',
            "x.png",
            "file_url",
        ),
        ('<p style="background: url(\\66ile:///etc/x.png)">', "x.png", "file_url"),
        ('<p style="background: u\\72l(file:///etc/x.png)">', "x.png", "file_url"),
        ("<style>.a{background:U\\52L(file:///etc/x.png)}</style>", "x.png", "file_url"),
        ("<style>.a{background:url(file:///etc/x.png)}</style>", "x.png", "file_url"),
        ("<style>@import 'file:///etc/x.css';</style>", "x.css", "file_url"),
        ('<img srcset="ok.png 1x, file:///etc/x.png 2x">', "x.png", "file_url"),
        ('<link rel="stylesheet" href="file:///etc/x.css">', "x.css", "file_url"),
    ],
)
def test_neutralise_removes_what_could_act(html: str, gone: str, code: str) -> None:
    preview, notices = neutralise(html)
    assert gone not in preview
    assert code in codes(notices)


def test_a_link_made_harmless_still_looks_like_a_link() -> None:
    preview, _ = neutralise('<a href="javascript:go()" style="color:red">Voir</a>')
    assert preview == '<a href="#" style="color:red">Voir</a>'


def test_forms_are_disarmed_and_their_fields_kept() -> None:
    html = (
        '<form action="https://evil.example/collect" method="post" class="f">'
        '<input type="email" name="email"><button formaction="https://evil.example/b">OK</button>'
        "</form>"
    )
    preview, notices = neutralise(html)
    assert preview == '<form class="f"><input type="email" name="email"><button>OK</button></form>'
    assert notices[0].message == "1 form disarmed: nothing can be sent from the preview."


def test_an_email_with_nothing_active_is_left_byte_for_byte() -> None:
    html = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml">'
        "<head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/>"
        "</o:OfficeDocumentSettings></xml><![endif]-->"
        "<style type='text/css'>td{font-family:Arial} a[x-apple-data-detectors]{color:inherit}"
        '</style></head><body style="margin:0">'
        '<!--[if mso]><table role="presentation"><tr><td width="600"><![endif]-->'
        '<!--[if !mso]><!--><div class="mobile">Mobile</div><!--<![endif]-->'
        '<a href="https://example.com/?a=1&amp;b=2" TARGET=_blank>Lien</a>'
        "<img src=https://cdn.example.com/x.png width=600 alt='Image « promo »'>"
        '<p title="a > b">3 < 4</p><![if !mso]><p>downlevel</p><![endif]>'
        "<!--[if mso]></td></tr></table><![endif]--></body></html>"
    )
    assert neutralise(html) == (html, [])


def test_scripts_in_outlook_comments_and_noscript_content_stay() -> None:
    html = "<!--[if mso]><script>outlook()</script><![endif]--><noscript><p>Sans JS</p></noscript>"
    assert neutralise(html) == (html, [])


def test_text_that_looks_like_markup_is_left_alone() -> None:
    html = "<title><script>not a script</script></title><textarea><iframe></textarea>"
    assert neutralise(html) == (html, [])


def test_cid_images_point_to_the_snapshot() -> None:
    html = (
        '<img src="cid:logo@x.fr"><img src="CID:logo%40x.fr"><td background="cid:bg">'
        '<p style="background-image:url(\'cid:bg\')"><img srcset="cid:logo@x.fr 2x">'
        '<img src="cid:unknown"><a href="cid:logo@x.fr">lien</a>'
    )
    preview, notices = neutralise(html, {"logo@x.fr": "cid/logo@x.fr.png", "BG": "cid/bg.gif"})
    assert preview == (
        '<img src="cid/logo@x.fr.png"><img src="cid/logo@x.fr.png"><td background="cid/bg.gif">'
        '<p style="background-image:url(&quot;cid/bg.gif&quot;)">'
        '<img srcset="cid/logo@x.fr.png 2x"><img src="cid:unknown"><a href="cid:logo@x.fr">lien</a>'
    )
    assert notices == []


def test_counts_are_per_kind_with_english_sentences() -> None:
    html = "<script>a</script><script>b</script><iframe></iframe><img src=file:///x onload=y>"
    _, notices = neutralise(html)
    assert [(n.code, n.count, n.message) for n in notices] == [
        ("script", 2, "2 scripts removed: JavaScript never runs in the preview."),
        (
            "event_handler",
            1,
            "1 event handler removed (onclick, onload…): scripts in attributes never run in the "
            "preview.",
        ),
        (
            "iframe",
            1,
            "1 frame removed (iframe or frame): the preview never loads another page inside the "
            "email.",
        ),
        (
            "file_url",
            1,
            "1 link to a local file removed (file: or C:\\…): the preview never reads your disk.",
        ),
    ]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<",
        "<<<>>>",
        "</>",
        "<!--",
        "<!-->",
        "<p <b <i>",
        "<table><tr><td><p></table></td>",
        "<img src='never closed",
        "<script>never closed",
        "\x00<p\x00 on\x00click=x>",
        "<a" * 200_000,
        '<a b="' * 100_000,
        "<p " + "a=b " * 100_000,
        "<div>" * 100_000,
    ],
    ids=lambda html: repr(html[:20]),
)
def test_tag_soup_never_breaks_neutralise(html: str) -> None:
    started = time.perf_counter()
    preview, notices = neutralise(html)
    assert time.perf_counter() - started < 5  # a scan restarting at each "<" took a minute
    assert "never closed" not in preview
    assert all(notice.count > 0 for notice in notices)


def test_a_tag_left_open_at_the_end_is_dropped_as_browsers_do() -> None:
    assert neutralise("<p>ok</p><img src='x onerror=go()") == ("<p>ok</p>", [])


# -- the real-world corpus ------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_params("emails/**/*.html", "eml/**/*.eml"))
def test_every_corpus_email_gives_a_snapshot_or_a_clear_refusal(path: Path) -> None:
    try:
        snapshot = read_email(path)
    except UnusableEmail as error:
        assert error.code in {"no_html", "unsupported"}
        assert path.name in error.message
        return
    html = entry_text(snapshot)
    preview, notices = neutralise(html, snapshot.content_ids())
    assert preview.count("<!--[if") == html.count("<!--[if")  # Outlook's blocks survive
    counted = codes(snapshot.notices)
    counted.pop("skipped_file", None)
    assert codes(notices) == counted
    assert all(file.path and ".." not in file.path.split("/") for file in snapshot.files)


def test_connection_hints_that_chromium_acts_on_before_any_request_are_removed() -> None:
    html = (
        '<html><head><link rel="preconnect" href="http://t.example">'
        '<link rel="DNS-Prefetch" href="//t.example"><link rel="preload" href="http://t/x.png">'
        '<link rel="stylesheet" href="style.css"></head><body>x</body></html>'
    )
    shown, notices = neutralise(html)
    assert "t.example" not in shown and "preload" not in shown
    assert '<link rel="stylesheet" href="style.css">' in shown
    assert [(n.code, n.count) for n in notices] == [("resource_hint", 3)]
