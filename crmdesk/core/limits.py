"""What crmdesk agrees to read from a file it did not write, decided in one place.

Emails (.html, .eml, .zip) and documents (.txt, .md, .eml, .docx) come from clients and tools
crmdesk does not control; a damaged or hostile one must end in a one-sentence refusal, fast,
not in a traceback, a frozen window or a gigabyte of memory. Every reader passes through the
helpers here, so a limit is stated once and checked everywhere:

- :func:`content_problem` says whether bytes are text (or an email) at all: empty and binary
  input is refused before any parser sees it;
- :func:`parse_mime` parses a MIME message and stops as soon as its parts nest deeper, or
  number more, than an email can need (the stdlib parser recurses once per level and dies of
  ``RecursionError`` near a thousand);
- :func:`check_archive` refuses a zip from what it declares (members, sizes, ratios) before
  anything is expanded, and :func:`read_member` checks the same while streaming, because a
  zip can lie about its sizes.

Each raises :class:`~crmdesk.core.errors.InputRefused` with a ``code`` and an English clause;
the reader that called it re-raises it as its own refusal, naming the file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Iterable
from lzma import LZMAError
from typing import TYPE_CHECKING

from crmdesk.core.errors import InputRefused
from crmdesk.core.printable import printable

if TYPE_CHECKING:
    from email.message import EmailMessage

#: MIME nesting: a newsletter is 3 deep (mixed > related > alternative), a forward of a
#: forward about 10; the stdlib parser runs out of stack near 200.
MAX_MIME_DEPTH = 40
#: MIME parts: a heavy newsletter carries a few dozen inline images; the stdlib parser
#: spends about a millisecond on each.
MAX_MIME_PARTS = 300
#: Members of an archive (an email's .zip or a .docx): a .docx holds about twenty parts plus
#: its images, an email's folder a few dozen files.
MAX_ARCHIVE_MEMBERS = 500
#: A member expanding more than this many times its compressed size, once past
#: :data:`RATIO_FLOOR_BYTES`, is a zip bomb: deflate tops out near 1:1000 on repeated bytes,
#: while HTML, Word XML and images stay under 1:50.
MAX_EXPANSION_RATIO = 100
RATIO_FLOOR_BYTES = 2**20
#: A .docx expands to at most this much in all (XML and images); python-docx holds all of it.
MAX_DOCX_EXPANDED_BYTES = 48 * 2**20
#: The largest XML part of a .docx read: python-docx turns each byte of XML into several of
#: objects and walks it in Python. Word writes 2 to 20 bytes of XML per character of text, so
#: this is already about the 200,000 characters a brief's notes hold.
MAX_DOCX_XML_BYTES = 4 * 2**20
#: Paragraphs (table cells hold theirs) a .docx may have: python-docx walks each in Python,
#: about 0.1 ms apiece; a 100-page brief has a few thousand.
MAX_DOCX_PARAGRAPHS = 20_000
#: How many bytes of a file decide whether it is text: enough to meet a binary header.
SNIFF_BYTES = 4096
#: How much of user data (a file or member name, a header value) a message quotes.
QUOTED_CHARS = 80

_CHUNK_BYTES = 2**16
# Signatures of files people drop by mistake: PNG, GIF, JPEG, PDF, ZIP/DOCX, OLE (.msg, .doc),
# gzip, RIFF (WebP), 7z, RAR, ELF, Windows executables.
_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
    b"RIFF",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"MZ\x90\x00",
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control bytes no text has; ESC (0x1b) stays allowed, ISO-2022-JP mail is made of it.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_BINARY_SHARE = 0.05
# White space and the bytes of byte order marks: a file of only these has nothing to read.
_BLANK_BYTES = b" \t\r\n\f\v\xef\xbb\xbf\xff\xfe"
# An email starts with a header: a field name, a colon (or mbox's "From " line).
_MAIL_START = re.compile(rb"\s*(?:From |[A-Za-z][A-Za-z0-9_-]{0,76}:)")


def content_problem(data: bytes, *, email: bool = False) -> str | None:
    """ "empty", "binary" or (``email``) "not_email" when ``data`` is no text, else None.

    The one decision every importer makes before a parser sees the bytes: a 0-byte file or
    one of blanks has nothing to import; NUL bytes, a known binary signature or more than one
    byte in twenty being a control byte mean an image, an archive or noise, which any text
    decoder would happily turn into pages of garbage. UTF-16 (with its BOM) is text.
    """
    if not data.lstrip(_BLANK_BYTES):
        return "empty"
    head = data[:SNIFF_BYTES]
    if head.startswith(_MAGIC):
        return "binary"
    if not head.startswith(_UTF16_BOMS):
        # The head, the middle and the tail: a text whose second half is noise is noise too.
        middle = max(len(data) // 2 - SNIFF_BYTES // 2, 0)
        for sample in (head, data[middle : middle + SNIFF_BYTES], data[-SNIFF_BYTES:]):
            if b"\0" in sample or len(_CONTROL_BYTES.findall(sample)) > _BINARY_SHARE * len(sample):
                return "binary"
    if email and _MAIL_START.match(head) is None:
        return "not_email"
    return None


_PROBLEM_REASONS = {
    "empty": "it is empty.",
    "binary": "it is binary data (an image, an archive…), not text.",
    "not_email": "it is not an email (it does not start with mail headers).",
}


def refuse_non_text(data: bytes, *, email: bool = False) -> None:
    """Raise :class:`InputRefused` when :func:`content_problem` finds one."""
    problem = content_problem(data, email=email)
    if problem is not None:
        raise InputRefused(problem, _PROBLEM_REASONS[problem])


# -- MIME ---------------------------------------------------------------------------------------


def parse_mime(data: bytes) -> EmailMessage:
    """The message in ``data`` (``policy.default``), refused while it is parsed as soon as its
    parts nest deeper than :data:`MAX_MIME_DEPTH` or number more than :data:`MAX_MIME_PARTS`.

    The check sits in the parser's own "new part" step, so it holds before the parse
    recurses any further: no part beyond the limits is ever built. A message accepted here
    nests at most that deep, so the stdlib's recursive ``walk()``/``get_body()`` are safe on it.
    """
    from email import policy
    from email.feedparser import BytesFeedParser
    from email.message import EmailMessage

    class _BoundedParser(BytesFeedParser):
        parts = 0

        def _new_message(self) -> None:
            depth = len(self._msgstack) + 1  # type: ignore[attr-defined]
            self.parts += 1
            if depth > MAX_MIME_DEPTH:
                raise InputRefused(
                    "mime_too_deep",
                    f"its MIME parts are nested more than {MAX_MIME_DEPTH} deep, "
                    "which no email needs.",
                )
            if self.parts > MAX_MIME_PARTS:
                raise InputRefused(
                    "mime_too_many_parts",
                    f"it holds more than {MAX_MIME_PARTS:,} MIME parts, which no email needs.",
                )
            super()._new_message()  # type: ignore[misc]

    parser = _BoundedParser(policy=policy.default)
    parser.feed(data)
    message = parser.close()
    assert isinstance(message, EmailMessage)  # policy.default builds EmailMessage objects
    return message


# -- archives -----------------------------------------------------------------------------------

# What decompressing a damaged member raises: zipfile's own errors (a wrong checksum or size),
# the decompressors' (bz2 raises OSError), an unknown method, a missing password.
DAMAGED_MEMBER = (
    zipfile.BadZipFile,
    zlib.error,
    LZMAError,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)


def check_archive(
    members: Iterable[zipfile.ZipInfo], *, max_expanded: int, max_members: int = MAX_ARCHIVE_MEMBERS
) -> None:
    """Refuse an archive from what it declares, before anything is expanded: too many members,
    a member (or the whole) expanding like a zip bomb, more than ``max_expanded`` in all, or a
    password. :func:`read_member` holds the same line while streaming."""
    infos = list(members)
    check_member_count(len(infos), max_members)
    for info in infos:
        member = printable(info.filename, QUOTED_CHARS)
        if info.flag_bits & 0x1:
            raise InputRefused(
                "encrypted", f"the archive member “{member}” is protected by a password."
            )
        if _bomb(info.file_size, info.compress_size):
            raise InputRefused(
                "zip_bomb",
                f"the archive member “{member}” expands {info.compress_size:,} bytes into "
                f"{info.file_size / 2**20:.1f} MB: it was refused as a zip bomb.",
            )
    declared = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if _bomb(declared, compressed):
        raise InputRefused(
            "zip_bomb",
            f"the archive expands {compressed:,} bytes into {declared / 2**20:.1f} MB: it was "
            "refused as a zip bomb.",
        )
    if declared > max_expanded:
        raise InputRefused(
            "too_large",
            f"it expands to {declared / 2**20:.1f} MB, over the {max_expanded / 2**20:.0f} MB "
            "allowed.",
        )


def check_member_count(count: int, max_members: int = MAX_ARCHIVE_MEMBERS) -> None:
    """Refuse an archive listing more members than a document or an email can need: each one
    costs a little to look at, and zip bombs come as many small members too."""
    if count > max_members:
        raise InputRefused(
            "too_many_members",
            f"the archive holds {count:,} files, more than the {max_members} a document "
            "or an email can need: it was refused as a possible zip bomb.",
        )


def _bomb(expanded: int, compressed: int) -> bool:
    return expanded > RATIO_FLOOR_BYTES and expanded > MAX_EXPANSION_RATIO * max(compressed, 1)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes, expanded a chunk at a time and stopped as soon as it passes
    ``budget``, what it declares, or the bomb ratio, whatever the archive says of it. (Asked for
    a whole member at once, zipfile first inflates as much as asked.)"""
    member = printable(info.filename, QUOTED_CHARS)
    limit = min(budget, max(info.file_size, 0))
    ratio_limit = max(RATIO_FLOOR_BYTES, MAX_EXPANSION_RATIO * max(info.compress_size, 1))
    chunks = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK_BYTES):
                size += len(chunk)
                if size > limit or size > ratio_limit:
                    raise InputRefused(
                        "zip_bomb",
                        f"the archive member “{member}” expands beyond what it declares or "
                        "what it may: it was refused as a zip bomb.",
                    )
                chunks.append(chunk)
    except DAMAGED_MEMBER as error:
        raise InputRefused(
            "damaged",
            f"the archive member “{member}” cannot be read: it is damaged or does not match "
            f"what the archive says of it ({printable(error, QUOTED_CHARS)}).",
        ) from error
    return b"".join(chunks)
