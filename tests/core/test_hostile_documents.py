"""Hostile and unlucky emails and documents (issue 18): each importer gives a result or a
one-sentence ``CrmdeskError``, never another exception, fast and in little memory.

The corpus is built here at test time (nothing binary is committed): MIME nested a thousand
deep or split in thousands of parts, zip bombs (a high ratio, sizes that lie, thousands of
members), .docx whose XML expands to tens of megabytes, random bytes, 0-byte files, NUL bytes.
``benchmarks/hostile_documents.py`` runs the same corpus and prints the worst figures.
"""

from __future__ import annotations

import io
import random
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.core.bat.message import plain_text
from crmdesk.core.bat.snapshot import read_email, read_email_bytes
from crmdesk.core.briefs.importer import read_document
from crmdesk.core.checks.parse import parse_bytes, parse_file
from crmdesk.core.errors import CrmdeskError, ImportRefused, UnusableEmail
from crmdesk.core.limits import MAX_MIME_DEPTH, MAX_MIME_PARTS, content_problem
from crmdesk.core.printable import printable

TODAY = date(2027, 3, 1)
#: Bounds a refusal must stay within, on a shared CI machine.
SECONDS = 2.0
PEAK_BYTES = 200 * 2**20

# -- the corpus ---------------------------------------------------------------------------------


def deep_mime(depth: int) -> bytes:
    """An .eml whose multipart parts nest ``depth`` deep around one HTML part."""
    head = "From: a@exemple.fr\r\nTo: b@exemple.fr\r\nSubject: profond\r\nMIME-Version: 1.0\r\n"
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{n}"\r\n\r\n--b{n}\r\n' for n in range(depth)
    )
    closing = "".join(f"\r\n--b{n}--\r\n" for n in reversed(range(depth)))
    return (head + opening + "Content-Type: text/html\r\n\r\n<p>Bonjour</p>" + closing).encode()


def deep_rfc822(depth: int) -> bytes:
    """An .eml forwarding itself ``depth`` times (message/rfc822 parts, no boundary at all)."""
    wrap = "From: a@exemple.fr\r\nContent-Type: message/rfc822\r\n\r\n"
    return (wrap * depth + "Content-Type: text/html\r\n\r\n<p>Bonjour</p>\r\n").encode()


def many_parts(count: int) -> bytes:
    """An .eml of ``count`` sibling parts."""
    parts = "".join("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(count))
    return (
        'From: a@exemple.fr\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary="b"\r\n'
        "\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Bonjour</p>\r\n" + parts + "--b--\r\n"
    ).encode()


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def deflated_member(name: str, size: int) -> bytes:
    """A one-member zip whose member inflates to ``size`` bytes, compressed a chunk at a time
    so that the test never holds ``size`` bytes itself."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"<w:p/>" * (2**20 // 6)
    parts = []
    crc = 0
    written = 0
    while written < size:
        piece = chunk[: size - written]
        parts.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        written += len(piece)
    parts.append(compressor.flush())
    body = b"".join(parts)
    encoded = name.encode()
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), size, len(encoded), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(body),
        size,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory = central + encoded
    offset = len(local) + len(encoded) + len(body)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), offset, 0)
    return local + encoded + body + directory + end


def lie_about_size(data: bytes, declared: int) -> bytes:
    """The archive with its first member claiming ``declared`` bytes in both headers."""
    patched = bytearray(data)
    patched[22:26] = struct.pack("<I", declared)
    central = patched.find(b"PK\x01\x02")
    patched[central + 24 : central + 28] = struct.pack("<I", declared)
    return bytes(patched)


def docx_bytes(document_xml: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A real .docx from python-docx, its body XML or members replaced."""
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Brief : soldes d'hiver, code HIVER27.")
    document.save(buffer)
    members = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info)
    if document_xml is not None:  # first, where lie_about_size finds it
        members = {"word/document.xml": document_xml} | members
        members["word/document.xml"] = document_xml
    members.update(extra or {})
    return zip_of(members)


def docx_bomb(size: int) -> bytes:
    """A .docx whose document.xml (empty paragraphs) expands to ``size`` bytes."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as archive:
        others = {i.filename: archive.read(i) for i in archive.infolist()}
    del others["word/document.xml"]
    combined = io.BytesIO(deflated_member("word/document.xml", size))
    with zipfile.ZipFile(combined, "a") as target:
        for name, data in others.items():
            target.writestr(name, data)
    return combined.getvalue()


def hostile_corpus() -> Iterator[tuple[str, str, bytes]]:
    """(label, file name, bytes) of every hostile case; each must be refused."""
    rng = random.Random(18)
    noise = rng.randbytes(65_536)
    for suffix in (".eml", ".html", ".zip", ".txt", ".md", ".docx"):
        yield f"0-byte {suffix}", f"vide{suffix}", b""
        yield f"random bytes {suffix}", f"bruit{suffix}", noise
    for suffix in (".eml", ".html", ".txt", ".md"):
        yield f"blanks {suffix}", f"blanc{suffix}", b" \r\n\t\xef\xbb\xbf\n"
        yield f"NUL bytes {suffix}", f"nul{suffix}", b"<p>Bonjour\0\0\0 le monde</p>" * 100
    for depth in (MAX_MIME_DEPTH + 1, 1000, 20_000):
        yield f"MIME {depth} deep", "profond.eml", deep_mime(depth)
    yield "message/rfc822 2000 deep", "transferts.eml", deep_rfc822(2000)
    for count in (MAX_MIME_PARTS + 1, 50_000):
        yield f"{count} MIME parts", "parts.eml", many_parts(count)
    yield "zip bomb 256 MB", "bombe.zip", deflated_member("index.html", 2**28)
    yield (
        "zip lying about size",
        "menteur.zip",
        lie_about_size(zip_of({"index.html": b"<p>" + b" " * (40 * 2**20)}), 1000),
    )
    yield (
        "zip of 5000 members",
        "membres.zip",
        zip_of({"index.html": b"<p>x</p>", **{f"images/{n}.png": b"" for n in range(5000)}}),
    )
    yield ".docx bomb 150 MB", "bombe.docx", docx_bomb(150 * 2**20)
    yield (
        ".docx lying about size",
        "menteur.docx",
        lie_about_size(docx_bytes(b"<w:p/>" * (8 * 2**20)), 1000),
    )
    yield (
        ".docx of 5000 members",
        "membres.docx",
        docx_bytes(extra={f"word/media/{n}.png": b"" for n in range(5000)}),
    )


# -- running a case -----------------------------------------------------------------------------

Reader = Callable[[Path], object]


def readers(name: str) -> list[tuple[str, Reader]]:
    """The importers a user can hand a file of that name to."""
    suffix = Path(name).suffix
    found: list[tuple[str, Reader]] = []
    if suffix in (".eml", ".html", ".zip"):
        found.append(("bat import", read_email))
    if suffix in (".eml", ".html"):
        found.append(("check", parse_file))
    if suffix in (".eml", ".txt", ".md", ".docx"):
        found.append(("brief import", lambda path: read_document(path, TODAY)))
    return found


def measured(read: Reader, path: Path) -> tuple[object, float, int]:
    """What ``read`` gave (a result or a CrmdeskError), its time and its peak memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome: object = read(path)
    except CrmdeskError as error:
        outcome = error
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome, elapsed, peak


CASES = list(hostile_corpus())


@pytest.mark.parametrize(("label", "name", "data"), CASES, ids=[case[0] for case in CASES])
def test_every_hostile_case_is_refused_in_a_sentence_fast_and_small(
    tmp_path: Path, label: str, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for reader, read in readers(name):
        outcome, elapsed, peak = measured(read, path)
        assert isinstance(outcome, CrmdeskError), f"{label}: {reader} accepted it"
        assert "Traceback" not in outcome.message and "\n" not in outcome.message.strip()
        assert name in outcome.message, f"{label}: {reader} does not name the file"
        assert elapsed < SECONDS, f"{label}: {reader} took {elapsed:.2f} s"
        assert peak < PEAK_BYTES, f"{label}: {reader} peaked at {peak / 2**20:.0f} MB"


# -- each class, by name ------------------------------------------------------------------------


def test_a_mime_nested_a_thousand_deep_is_refused_by_the_bat_import_the_check_and_the_brief(
    tmp_path: Path,
) -> None:
    """It raised RecursionError from the stdlib's parser in all three."""
    data = deep_mime(1000)
    with pytest.raises(UnusableEmail) as bat:
        read_email_bytes("profond.eml", data)
    assert bat.value.code == "mime_too_deep"
    assert f"nested more than {MAX_MIME_DEPTH} deep" in bat.value.message
    with pytest.raises(UnusableEmail) as check:
        parse_bytes(data, "profond.eml")
    assert check.value.code == "mime_too_deep"
    path = tmp_path / "profond.eml"
    path.write_bytes(data)
    with pytest.raises(ImportRefused) as brief:
        read_document(path, TODAY)
    assert brief.value.code == "mime_too_deep"


def test_an_email_nested_within_the_limit_is_still_read() -> None:
    parsed = parse_bytes(deep_mime(MAX_MIME_DEPTH - 1), "profond.eml")
    assert parsed.visible_text == "Bonjour"


@pytest.mark.parametrize("name", ["vide.html", "vide.eml", "blanc.html"])
def test_an_empty_email_never_becomes_a_bat(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"" if name.startswith("vide") else b"  \n\n")
    with pytest.raises(UnusableEmail) as error:
        read_email(path)
    assert error.value.code == "empty"


def test_random_bytes_named_eml_do_not_become_a_brief(tmp_path: Path) -> None:
    """They gave 65,516 characters of notes and 21 bogus suggestions."""
    path = tmp_path / "bruit.eml"
    path.write_bytes(random.Random(1).randbytes(65_536))
    with pytest.raises(ImportRefused) as error:
        read_document(path, TODAY)
    assert error.value.code == "binary"
    printable_noise = bytes(random.Random(2).choices(range(0x21, 0x7F), k=65_536))
    path.write_bytes(printable_noise)
    with pytest.raises(ImportRefused) as error:
        read_document(path, TODAY)
    assert error.value.code == "not_email"


@pytest.mark.parametrize("name", ["vide.txt", "vide.md", "vide.docx"])
@pytest.mark.parametrize("content", ["nothing", "blanks"])
def test_an_empty_document_adds_no_imported_block(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        Document().save(str(path)) if content == "blanks" else path.write_bytes(b"")
    else:
        path.write_bytes(b"" if content == "nothing" else b"\xef\xbb\xbf \n\n\t\n")
    with pytest.raises(ImportRefused) as error:
        read_document(path, TODAY)
    assert error.value.code == "empty"
    assert error.value.message.startswith(f"“{name}” cannot be imported")


def test_a_docx_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    """A 394 KB .docx expanding to 150 MB took 146 s and 752 MB before its refusal."""
    path = tmp_path / "bombe.docx"
    path.write_bytes(docx_bomb(150 * 2**20))
    assert path.stat().st_size < 2_000_000
    outcome, elapsed, peak = measured(lambda p: read_document(p, TODAY), path)
    assert isinstance(outcome, ImportRefused) and outcome.code == "too_large"
    assert elapsed < 1.0 and peak < 5 * 2**20


def test_a_docx_lying_about_its_sizes_is_stopped_while_it_streams(tmp_path: Path) -> None:
    path = tmp_path / "menteur.docx"
    path.write_bytes(lie_about_size(docx_bytes(b"<w:p/>" * (8 * 2**20)), 1000))
    outcome, _, peak = measured(lambda p: read_document(p, TODAY), path)
    assert isinstance(outcome, ImportRefused) and outcome.code == "docx_unreadable"
    assert peak < 5 * 2**20  # the 48 MB were never expanded


def test_a_docx_with_more_paragraphs_than_a_brief_is_refused_quickly(tmp_path: Path) -> None:
    """Short paragraphs with varied text, compressing like a real document: python-docx
    walked them for minutes."""
    rng = random.Random(3)
    body = b"".join(
        b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % rng.choice([b"oui", b"non", b"peut-etre"])
        for _ in range(60_000)
    )
    document = docx_bytes(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>"
    )
    path = tmp_path / "long.docx"
    path.write_bytes(document)
    outcome, elapsed, _ = measured(lambda p: read_document(p, TODAY), path)
    assert isinstance(outcome, ImportRefused) and outcome.code == "too_large"
    assert elapsed < SECONDS


def test_a_deeply_nested_email_can_still_be_sent_as_text() -> None:
    """The text part of the test send walked the tree recursively."""
    html = "<div>" * 1500 + "Bonjour" + "</div>" * 1500  # libxml2 keeps up to 2,048 levels
    assert plain_text(html).strip() == "Bonjour"


def test_nested_conditional_comments_do_not_crash_the_bat_import() -> None:
    html = "<html><body><p>x</p>" + "<!--[if mso]>" * 5000 + "y-->" + "</body></html>"
    snapshot = read_email_bytes("commentaires.html", html.encode())
    assert snapshot.entry == "commentaires.html"


# -- what messages quote ------------------------------------------------------------------------


def test_printable_shows_controls_and_cuts() -> None:
    assert printable("a\x1b]0;titre\x07b\x9b2J") == "a\\x1b]0;titre\\x07b\\x9b2J"
    assert printable("ligne\nforgée") == "ligne\\x0aforgée"
    assert printable("x" * 500, 10) == "x" * 9 + "…"
    assert len(printable("\x1b" * 500, 10)) <= 10
    assert printable("\u202eexe.pdf") == "\\u202eexe.pdf"
    assert printable(b"caf\xc3\xa9") == "café"


def test_a_refused_member_name_is_quoted_printable_and_short(tmp_path: Path) -> None:
    member = "../\x1b[2J\x1b]0;pwned\x07" + "a" * 500 + ".html"
    path = tmp_path / "piège.zip"
    path.write_bytes(zip_of({"index.html": b"<p>x</p>", member: b"x"}))
    with pytest.raises(UnusableEmail) as error:
        read_email(path)
    assert "\x1b" not in error.value.message and "\x07" not in error.value.message
    assert "\\x1b[2J" in error.value.message
    assert len(error.value.message) < len(str(path)) + 250


def test_a_file_name_with_escapes_is_quoted_printable(tmp_path: Path) -> None:
    path = tmp_path / "\x1b[31mrouge.txt"
    path.write_bytes(b"")
    with pytest.raises(ImportRefused) as error:
        read_document(path, TODAY)
    assert "\x1b" not in error.value.message and "\\x1b[31mrouge.txt" in error.value.message


def test_the_one_decision_on_text() -> None:
    assert content_problem(b"") == "empty"
    assert content_problem(b"\xef\xbb\xbf  \r\n") == "empty"
    assert content_problem(b"\x89PNG\r\n\x1a\n") == "binary"
    assert content_problem(b"Bonjour" * 1000 + b"\0" + b"x" * 10_000) == "binary"
    assert content_problem("Bonjour".encode("utf-16")) is None
    assert content_problem(b"Bonjour", email=True) == "not_email"
    assert content_problem(b"Subject: x\r\n\r\nBonjour", email=True) is None


# -- structured garbage (hypothesis) ------------------------------------------------------------

GARBAGE = settings(
    max_examples=40,
    deadline=None,  # the time bound is asserted below, with tracemalloc's overhead in it
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# zipfile cuts a name at its first NUL (an empty name then fails inside zipfile itself).
_names = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=40,
)
_contents = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda text: text.encode("utf-8", "replace")),
    st.sampled_from([b"", b"<p>x</p>", b"\0" * 100, b"<" * 1000, b"<html><body>" * 300]),
)


def bounded(read: Callable[[], object]) -> None:
    """``read`` gives a result or a CrmdeskError, under the time and memory bounds."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read()
    except CrmdeskError:
        pass
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < SECONDS
    assert peak < PEAK_BYTES


@GARBAGE
@given(members=st.dictionaries(_names, _contents, max_size=8), entry=_contents)
def test_zips_of_random_members_give_a_snapshot_or_a_refusal(
    members: dict[str, bytes], entry: bytes
) -> None:
    archive = zip_of({"index.html": entry, **members})
    bounded(lambda: read_email_bytes("proof.zip", archive))


def _mime_parts() -> st.SearchStrategy[EmailMessage]:
    leaf = st.builds(
        _leaf,
        st.sampled_from(["text/html", "text/plain", "image/png", "application/octet-stream"]),
        _contents,
        st.sampled_from(["utf-8", "latin-1", "bogus-charset", "\x1b[2J"]),
    )
    return st.recursive(
        leaf,
        lambda children: st.builds(
            _multipart, st.sampled_from(["mixed", "related", "alternative"]), st.lists(children)
        ),
        max_leaves=30,
    )


def _leaf(content_type: str, payload: bytes, charset: str) -> EmailMessage:
    part = EmailMessage()
    maintype, subtype = content_type.split("/")
    if maintype == "text":
        part.set_content(payload.decode("latin-1"), subtype=subtype)
        part.set_param("charset", charset)
    else:
        part.set_content(payload, maintype=maintype, subtype=subtype, cid="<x@y>")
    return part


def _multipart(subtype: str, parts: list[EmailMessage]) -> EmailMessage:
    message = EmailMessage()
    message["Content-Type"] = f"multipart/{subtype}"
    for part in parts:
        message.attach(part)
    return message


@GARBAGE
@given(body=_mime_parts(), subject=_names, cut=st.integers(0, 10_000))
def test_emls_of_random_parts_give_a_result_or_a_refusal(
    tmp_path_factory: pytest.TempPathFactory, body: EmailMessage, subject: str, cut: int
) -> None:
    # The subject written raw: a hostile one breaks lines and forges headers.
    head = b"From: a@exemple.fr\r\nSubject: " + subject.encode("utf-8", "replace") + b"\r\n"
    data = head + body.as_bytes()
    data = data[: len(data) - cut] if cut < len(data) else data  # truncated, sometimes
    path = tmp_path_factory.mktemp("eml") / "mail.eml"
    path.write_bytes(data)
    bounded(lambda: read_email_bytes("mail.eml", data))
    bounded(lambda: parse_bytes(data, "mail.eml"))
    bounded(lambda: read_document(path, TODAY))


@GARBAGE
@given(
    document_xml=st.one_of(
        _contents,
        st.lists(st.sampled_from([b"<w:p>", b"</w:p>", b"<w:t>x</w:t>", b"<w:tbl>", b"<w:tc>"]))
        .map(b"".join)
        .map(
            lambda body: (
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>"
            )
        ),
    ),
    extra=st.dictionaries(_names, _contents, max_size=4),
)
def test_docx_of_random_parts_give_text_or_a_refusal(
    tmp_path_factory: pytest.TempPathFactory, document_xml: bytes, extra: dict[str, bytes]
) -> None:
    path = tmp_path_factory.mktemp("docx") / "brief.docx"
    path.write_bytes(docx_bytes(document_xml, extra))
    bounded(lambda: read_document(path, TODAY))


@GARBAGE
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".eml", ".txt", ".md", ".html"]))
def test_random_bytes_give_a_result_or_a_refusal(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"fichier{suffix}"
    path.write_bytes(data)
    for _, read in readers(path.name):
        bounded(lambda read=read: read(path))  # type: ignore[misc]
