"""Importing a client's mail or document into a brief.

A dropped file (.txt, .md, .eml, .docx) or a paste becomes the text for the brief's notes, with
suggestions for the structured fields: the URLs, dates, percentages and promo codes found in
it. Suggestions are only offered; the user picks the ones to apply, nothing is filled silently.
Input that cannot be read raises :class:`ImportRefused` with a sentence naming the file, and
nothing is written, so the brief stays as it was.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage, MIMEPart
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from crmdesk.core.briefs.service import MAX_TEXT_CHARS
from crmdesk.core.errors import ImportRefused, InputRefused
from crmdesk.core.limits import (
    MAX_DOCX_EXPANDED_BYTES,
    MAX_DOCX_PARAGRAPHS,
    MAX_DOCX_XML_BYTES,
    QUOTED_CHARS,
    check_archive,
    content_problem,
    parse_mime,
    read_member,
)
from crmdesk.core.printable import printable

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

MAX_FILE_BYTES = 10 * 1024 * 1024
#: A .docx unpacking to more than this is a zip bomb, not a brief (see crmdesk.core.limits).
MAX_DOCX_UNPACKED_BYTES = MAX_DOCX_EXPANDED_BYTES
SUPPORTED = (".txt", ".md", ".eml", ".docx")
PASTE = "paste"
#: An encrypted Office file is an OLE compound file, not a zip.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class Suggestion:
    """Something found in the text, offered for one field of the brief."""

    kind: str  # "url", "date", "percentage", "promo_code"
    value: str | date | float
    excerpt: str  # the words around it, so the user sees where it was found
    field: str  # the BriefContent field it is offered for
    warning: str | None = None  # "url_not_https", "url_assumed_https", "url_invalid"


@dataclass(frozen=True)
class ImportedText:
    text: str  # for the notes
    source: str  # the file name, or "paste"
    suggestions: tuple[Suggestion, ...]


def read_document(path: Path, today: date | None = None) -> ImportedText:
    """The text of a .txt, .md, .eml or .docx file and its suggestions.

    ``today`` places the dates written without a year (the next occurrence from that day).
    """
    name = path.name
    if not path.is_file():
        raise _refused("missing", name, "there is no such file.")
    formats = _FORMATS.get(path.suffix.lower())
    if formats is None:
        raise _refused("unsupported", name, f"only {', '.join(SUPPORTED)} files can be imported.")
    read, failure = formats
    data = _file_bytes(path)
    _refuse_non_text(data, name, path.suffix.lower())
    try:
        extracted = read(data, name)
    except ImportRefused:
        raise
    except InputRefused as error:  # past a limit of crmdesk.core.limits while reading
        raise _refused(_LIMIT_CODES.get(error.code, failure), name, error.reason) from error
    except Exception as error:  # whatever a parser trips on in a strange file: refuse, not crash
        raise _refused(failure, name, _FAILURE_REASONS[failure]) from error
    if not extracted.text:
        raise _refused("empty", name, "there is no text in it.")
    return _imported(extracted, name, today)


def read_pasted(text: str, today: date | None = None) -> ImportedText:
    """Pasted text and its suggestions (``today`` as for :func:`read_document`)."""
    _check_length(text, PASTE, pasted=True)
    text = _tidy(text)
    return ImportedText(text, PASTE, find_suggestions(text, today))


def html_to_text(markup: str) -> str:
    """Readable text of an HTML mail: no script or style, a line a block, links as "text (url)"."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    lines = (" ".join(line.split()) for line in extractor.text().split("\n"))
    return _tidy("\n".join(lines))


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Extracted:
    text: str  # for the notes
    scanned: str  # where suggestions are looked for: a mail's sender and date left out


def _refused(code: str, source: str, reason: str, *, pasted: bool = False) -> ImportRefused:
    source = source if pasted else printable(source, QUOTED_CHARS)  # a name can hold escapes
    subject = "The pasted text" if pasted else f"“{source}”"
    return ImportRefused(
        code, source, f"{subject} cannot be imported: {reason} The brief was not changed."
    )


#: What crmdesk.core.limits' refusals are called here: the codes the brief editor knows.
_LIMIT_CODES = {
    "too_many_members": "too_large",
    "zip_bomb": "too_large",
    "too_large": "too_large",
    "encrypted": "docx_protected",
    "damaged": "docx_unreadable",
    "mime_too_deep": "mime_too_deep",
    "mime_too_many_parts": "mime_too_many_parts",
}
_NOT_TEXT_REASONS = {
    "empty": "it is empty.",
    "binary": "it is a binary file, not text.",
    "not_email": "it is not an email (it does not start with mail headers such as From:).",
}


def _refuse_non_text(data: bytes, name: str, suffix: str) -> None:
    """Refuse empty input for every format, and binary input for the text ones, with the one
    decision of :func:`crmdesk.core.limits.content_problem`: random bytes would otherwise
    become pages of notes and bogus suggestions. (A .docx is a zip: binary by nature.)"""
    problem = content_problem(data, email=suffix == ".eml")
    if problem == "empty" or (problem is not None and suffix != ".docx"):
        raise _refused(problem, name, _NOT_TEXT_REASONS[problem])


def _file_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refused(
                "too_large",
                path.name,
                f"it is {size / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit.",
            )
        return path.read_bytes()
    except OSError as error:
        raise _refused(
            "unreadable", path.name, f"it cannot be opened ({error.strerror})."
        ) from error


def _imported(extracted: _Extracted, source: str, today: date | None) -> ImportedText:
    _check_length(extracted.text, source)
    return ImportedText(extracted.text, source, find_suggestions(extracted.scanned, today))


def _check_length(text: str, source: str, *, pasted: bool = False) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise _refused(
            "too_large",
            source,
            f"its text is {len(text):,} characters long, "
            f"over the {MAX_TEXT_CHARS:,} a brief's notes can hold.",
            pasted=pasted,
        )


_INVISIBLE = re.compile("[\u00ad\u034f\u200b\u200c\u2060\ufeff]")  # preheader padding, BOMs
_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Line ends as "\\n", no invisible padding, no trailing spaces, at most one blank line."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _decoded(data: bytes) -> str:
    """UTF-8, with or without a BOM, else Windows-1252 (what French Windows writes)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_plain(data: bytes, name: str) -> _Extracted:
    text = _tidy(_decoded(data))  # read_document refused empty and binary bytes already
    return _Extracted(text, text)


def _read_eml(data: bytes, name: str) -> _Extracted:
    message = parse_mime(data)  # bounded: MIME depth and part count checked as it parses
    body = _mail_body(message)
    if not body:
        raise _refused("eml_empty", name, "the mail has no text or HTML body.")
    subject = _header(message, "Subject")
    labelled = (
        ("De", _header(message, "From")),
        ("Objet", subject),
        ("Date", _header(message, "Date")),
    )
    header = "\n".join(f"{label} : {value}" for label, value in labelled if value)
    text = f"{header}\n\n{body}" if header else body
    return _Extracted(text, f"{subject}\n{body}")


def _header(message: EmailMessage, name: str) -> str:
    value = message.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _mail_body(message: EmailMessage) -> str:
    """The text/plain body, else the text/html one as text; "" when there is none."""
    for kind, part in _body_candidates(message):
        text = _part_text(part)
        text = html_to_text(text) if kind == "html" else _tidy(text)
        if text:
            return text
    return ""


def _body_candidates(message: EmailMessage) -> Iterator[tuple[str, MIMEPart]]:
    """The parts that may hold the body, best first: what ``get_body`` picks, then any text
    part that is not an attachment (a related whose root is an image, a returned message)."""
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if part is not None:
            yield kind, part
    for part in message.walk():
        kind = part.get_content_subtype()
        if part.get_content_type() in ("text/plain", "text/html") and not part.is_attachment():
            yield kind, part


def _part_text(part: MIMEPart) -> str:
    """A text part's content; an unknown charset falls back to UTF-8, then Windows-1252."""
    try:
        return str(part.get_content())
    except (LookupError, UnicodeError):
        payload = part.get_payload(decode=True)
        return _decoded(payload if isinstance(payload, bytes) else b"")


def _read_docx(data: bytes, name: str) -> _Extracted:
    if data.startswith(OLE_SIGNATURE):
        raise _refused(
            "docx_protected",
            name,
            "it is password-protected. Save an unprotected copy in Word and import that.",
        )
    from docx import Document  # python-docx takes a while to import: only when a .docx comes

    document = Document(io.BytesIO(_verified_docx(data)))
    # Counted in C by libxml2 before python-docx walks them one by one in Python.
    paragraphs = len(document.element.body.xpath(".//w:p"))
    if paragraphs > MAX_DOCX_PARAGRAPHS:
        raise _refused(
            "too_large",
            name,
            f"it has {paragraphs:,} paragraphs, more than the {MAX_DOCX_PARAGRAPHS:,} a brief "
            "can need.",
        )
    # Style names by id, read once: python-docx's ``paragraph.style`` looks through every
    # style of the document for each paragraph (minutes on a long one).
    names = {style.style_id: style.name or "" for style in document.styles}
    lines = []
    length = 0
    for line in _docx_lines(document, names):
        length += len(line) + 1
        if length > MAX_TEXT_CHARS:  # stop reading as soon as the notes could not hold it
            raise _refused(
                "too_large",
                name,
                f"its text is over the {MAX_TEXT_CHARS:,} characters a brief's notes can hold.",
            )
        lines.append(line)
    text = _tidy("\n".join(lines))
    return _Extracted(text, text)


def _verified_docx(data: bytes) -> bytes:
    """The .docx repacked from members expanded within the limits of crmdesk.core.limits.

    The archive is refused from what it declares before anything is expanded, then each
    member is expanded a chunk at a time and stopped where it passes what it declared or may
    weigh (an XML part at most :data:`MAX_DOCX_XML_BYTES`): a zip can lie about its sizes.
    python-docx then reads the repacked copy, stored uncompressed, so it can only ever see
    the bytes checked here.
    """
    repacked = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        check_archive(members, max_expanded=MAX_DOCX_EXPANDED_BYTES)
        for info in members:
            if info.file_size > MAX_DOCX_XML_BYTES and not _is_media(info.filename):
                raise InputRefused(
                    "too_large",
                    f"its part “{printable(info.filename, QUOTED_CHARS)}” is "
                    f"{info.file_size / 2**20:.1f} MB of text, more than a brief can hold.",
                )
        budget = MAX_DOCX_EXPANDED_BYTES
        with zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as target:
            taken: set[str] = set()
            for info in members:
                if info.is_dir() or info.filename in taken:  # zipfile reads the last one
                    continue
                taken.add(info.filename)
                cap = budget if _is_media(info.filename) else min(budget, MAX_DOCX_XML_BYTES)
                content = read_member(archive, info, cap)
                budget -= len(content)
                target.writestr(info.filename, content)
    return repacked.getvalue()


def _is_media(member: str) -> bool:
    """Whether a .docx member is an image or an embedded file rather than XML python-docx
    parses: those may be bigger, and are never walked."""
    return member.startswith(("word/media/", "word/embeddings/"))


def _docx_lines(container: Any, names: dict[str, str]) -> Iterator[str]:
    """The paragraphs of a document or table cell, and its tables a row per line, in order;
    ``names`` gives the style names by id."""
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield _docx_paragraph(block, names)
            continue
        for row in block.rows:
            cells, column = row.cells, 0
            texts = []
            while column < len(cells):  # a merged cell comes once per column it spans
                cell_lines = _docx_lines(cells[column], names)
                texts.append(" ".join(line for line in cell_lines if line))
                column += max(cells[column].grid_span, 1)
            yield " | ".join(texts)


def _docx_paragraph(paragraph: Paragraph, names: dict[str, str]) -> str:
    """A paragraph's text, its links as "text (url)", headings and list items Markdown-ish."""
    from docx.text.hyperlink import Hyperlink

    parts = []
    for item in paragraph.iter_inner_content():
        parts.append(item.text)
        if isinstance(item, Hyperlink) and item.url and item.url != item.text:
            parts.append(f" ({item.url})" if item.text else item.url)
    text = "".join(parts)
    style_id = paragraph._p.style  # the id the paragraph names, read from its own XML
    style = names.get(style_id, "") if style_id else ""
    if style.startswith("Heading") and style[-1:].isdigit():
        return f"{'#' * int(style[-1])} {text}"
    if style.startswith("List"):
        return f"- {text}"
    return text


_Reader = Callable[[bytes, str], _Extracted]
#: Per extension: its reader, and the refusal code when the reader's parser fails.
_FORMATS: dict[str, tuple[_Reader, str]] = {
    ".txt": (_read_plain, "unreadable"),
    ".md": (_read_plain, "unreadable"),
    ".eml": (_read_eml, "unreadable"),
    ".docx": (_read_docx, "docx_unreadable"),
}
_FAILURE_REASONS = {
    "unreadable": "its content could not be read (damaged or not what its name says).",
    "docx_unreadable": "it is not a readable Word document (damaged, or not a real .docx).",
}


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML document, with line breaks where blocks and rows end."""

    _SKIPPED = frozenset({"script", "style"})
    _BLOCKS = frozenset(
        "address article aside blockquote center dd div dl dt figcaption figure footer form "
        "h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table tr ul".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0
        self._link: tuple[str, int] | None = None  # the open link's URL, where its text starts

    def text(self) -> str:
        self._close_link()
        return "".join(self._parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag == "a":
            self._close_link()
            href = (dict(attrs).get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")):
                self._link = (href, len(self._parts))
        elif tag == "li":
            self._parts.append("\n- ")
        elif tag in ("td", "th"):
            self._parts.append(" ")
        elif tag == "br" or tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(self._skipping - 1, 0)
        elif tag == "a":
            self._close_link()
        elif tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(re.sub(r"[ \t\n\r\f]+", " ", data))

    def parse_html_declaration(self, i: int) -> int:
        """Skip a malformed ``<![…`` section instead of failing: Python < 3.13 asserts on it."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def _close_link(self) -> None:
        if self._link is None:
            return
        url, start = self._link
        self._link = None
        label = " ".join("".join(self._parts[start:]).split())
        if not label:
            self._parts.append(url)
        elif label != url:
            self._parts.append(f" ({url})")


# -- suggestions ----------------------------------------------------------------------------------


def find_suggestions(text: str, today: date | None = None) -> tuple[Suggestion, ...]:
    """The URLs, dates, percentages and promo codes in ``text``, in reading order, each once.

    Each detector blanks what it matched, so a URL's digits are not a date, a date is not a
    code, and so on.
    """
    today = today or date.today()
    found: list[tuple[int, Suggestion]] = []
    work = text
    for pattern, interpret in _DETECTORS:
        work = _scan(pattern, interpret, work, text, today, found)
    seen: set[tuple[str, object]] = set()
    unique = []
    for _, suggestion in sorted(found, key=lambda item: item[0]):
        if (suggestion.kind, suggestion.value) not in seen:
            seen.add((suggestion.kind, suggestion.value))
            unique.append(suggestion)
    return tuple(unique)


_Interpreter = Callable[[re.Match[str], str, date], Iterator[Suggestion]]


def _scan(
    pattern: re.Pattern[str],
    interpret: _Interpreter,
    work: str,
    text: str,
    today: date,
    found: list[tuple[int, Suggestion]],
) -> str:
    """Collect what ``pattern`` finds in ``work``; return ``work`` with those matches blanked."""

    def blank(match: re.Match[str]) -> str:
        found.extend((match.start(), suggestion) for suggestion in interpret(match, text, today))
        return " " * len(match[0])

    return pattern.sub(blank, work)


_EXCERPT_SIDE = 30


def _excerpt(text: str, start: int, end: int) -> str:
    """About 60 characters around ``text[start:end]``, cut between words, on one line."""
    before = text[max(start - _EXCERPT_SIDE, 0) : start]
    after = text[end : end + _EXCERPT_SIDE]
    if start > _EXCERPT_SIDE:
        before = "…" + re.sub(r"^\S*\s", "", before)
    if end + _EXCERPT_SIDE < len(text):
        after = re.sub(r"\s\S*$", "", after) + "…"
    return " ".join(f"{before}{text[start:end]}{after}".split())


# URLs


_URL = re.compile(r"(?:\bhttps?://|(?<![\w@./-])www\.)[^\s<>\"«»]+", re.IGNORECASE)
_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}")


def _url(match: re.Match[str], text: str, today: date) -> Iterator[Suggestion]:
    found = _trim_url(match[0])
    if found.lower() in ("http://", "https://"):  # a bare scheme: nothing to offer
        return
    assumed = not found.lower().startswith("http")
    url = f"https://{found}" if assumed else found
    excerpt = _excerpt(text, match.start(), match.start() + len(found))
    yield Suggestion("url", url, excerpt, "ctas", _url_warning(url, assumed))


def _url_warning(url: str, assumed: bool) -> str | None:
    try:
        parts = urlsplit(url)
        if not _HOST.fullmatch(parts.hostname or "") or parts.port == 0:
            return "url_invalid"
    except ValueError:  # a bad port or bracketed host
        return "url_invalid"
    if assumed:
        return "url_assumed_https"
    return "url_not_https" if parts.scheme.lower() == "http" else None


def _trim_url(url: str) -> str:
    """Without the punctuation that ends the sentence around it, or a closing parenthesis."""
    while True:
        trimmed = url.rstrip(".,;:!?…'’\"*_]}|")
        if trimmed.endswith(")") and trimmed.count(")") > trimmed.count("("):
            trimmed = trimmed[:-1]
        if trimmed == url:
            return url
        url = trimmed


# Dates


def _names(*words: str) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_MONTHS = {
    **dict.fromkeys(("janvier", "janv", "january", "jan"), 1),
    **dict.fromkeys(("février", "fevrier", "févr", "fevr", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("avril", "avr", "april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june", "jun"), 6),
    **dict.fromkeys(("juillet", "juil", "july", "jul"), 7),
    **dict.fromkeys(("août", "aout", "august", "aug"), 8),
    **dict.fromkeys(("septembre", "sept", "september", "sep"), 9),
    **dict.fromkeys(("octobre", "october", "oct"), 10),
    **dict.fromkeys(("novembre", "november", "nov"), 11),
    **dict.fromkeys(("décembre", "decembre", "déc", "december", "dec"), 12),
}
_WEEKDAYS = _names(
    *"lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
    *"monday tuesday wednesday thursday friday saturday sunday".split(),
)
_MONTH = rf"(?:{_names(*_MONTHS)})\b\.?"
_DAY = r"(?:1er|\d{1,2})"
_DATE_RANGE = re.compile(
    rf"(?<!\w)(?:du|from)\s+(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?)?"
    rf"\s+(?:au|to|until)\s+(?:le\s+)?(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?\b",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"(?<![\w/.,-])(?P<d>{_DAY})\s+(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.,-])(?:(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})(?P<t>[/.-])(?P<im>\d{1,2})(?P=t)(?P<id>\d{1,2}))(?!\d|[/.-]\d)"
)
#: Words before a date that make it the start of the offer; otherwise it is taken as the end.
_FROM_LEAD = re.compile(
    rf"(?<!\w)(?:du|dès|from|starting|début|debut|à\s+partir\s+de)(?:\s*[:–-]\s*|\s+)"
    rf"(?:(?:le|the|on)\s+)?(?:(?:{_WEEKDAYS}),?\s+)?$",
    re.IGNORECASE,
)


def _day_of(day: int, month: int, year: int | None, today: date) -> date | None:
    """That date; without a year, its next occurrence from ``today``; None if it does not exist."""
    for candidate in [year] if year is not None else range(today.year, today.year + 5):
        try:
            value = date(candidate, month, day)
        except ValueError:
            continue
        if year is not None or value >= today:
            return value
    return None


def _date_suggestion(
    text: str, start: int, end: int, value: date | None, field: str | None = None
) -> Iterator[Suggestion]:
    if value is None:
        return
    if field is None:
        lead = text[max(start - 40, 0) : start]
        field = "offer_valid_from" if _FROM_LEAD.search(lead) else "offer_valid_until"
    yield Suggestion("date", value, _excerpt(text, start, end), field)


def _day_number(word: str) -> int:
    return 1 if word.lower() == "1er" else int(word)


def _month_number(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _date_range(match: re.Match[str], text: str, today: date) -> Iterator[Suggestion]:
    """A range, "du 1er au 31 mars 2027": the start takes the month and year of the end."""
    month = _month_number(match["m2"])
    until = _day_of(_day_number(match["d2"]), month, _int(match["y2"]), today)
    if until is None:
        return
    start_month = _month_number(match["m1"]) if match["m1"] else month
    start_year = _int(match["y1"]) or until.year
    since = _day_of(_day_number(match["d1"]), start_month, start_year, today)
    if since is not None and since > until and not match["y1"]:
        since = _day_of(since.day, since.month, since.year - 1, today)
    start, end = match.span()
    yield from _date_suggestion(text, start, end, since, "offer_valid_from")
    yield from _date_suggestion(text, start, end, until, "offer_valid_until")


def _named_date(match: re.Match[str], text: str, today: date) -> Iterator[Suggestion]:
    """A date with its month in words: "15 mars 2027", "1er avril", "le 3 mai", "March 15, 2027"."""
    value = _day_of(_day_number(match["d"]), _month_number(match["m"]), _int(match["y"]), today)
    yield from _date_suggestion(text, *match.span(), value)


def _numeric_date(match: re.Match[str], text: str, today: date) -> Iterator[Suggestion]:
    """A date in figures: "15/03/2027", "15-03-2027", "15.03.27", "2027-03-15"."""
    if match["iy"]:
        day, month, year = int(match["id"]), int(match["im"]), int(match["iy"])
    else:
        day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
        year += 2000 if len(match["y"]) == 2 else 0
    yield from _date_suggestion(text, *match.span(), _day_of(day, month, year, today))


def _int(digits: str | None) -> int | None:
    return int(digits) if digits else None


# Percentages


_PERCENT = re.compile(
    r"(?<![\w.,])(?:[-−‐‑‒–—]\s?)?(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s?"
    r"(?:%|(?:pour\s?cents?|pourcents?|percent)\b)",
    re.IGNORECASE,
)


def _percentage(match: re.Match[str], text: str, today: date) -> Iterator[Suggestion]:
    value = float(match["n"].replace(",", "."))
    yield Suggestion("percentage", value, _excerpt(text, *match.span()), "offer")


# Promo codes


#: All-caps words that are not codes, nor are they with a number ("BAT2", "HTML5").
_NOT_CODES = frozenset(
    "TVA HT TTC RGPD PDF URL BAT CRM SMS FAQ CGV HTML MJML CSS UTM API ESP".split()
)
_ANNOUNCING = frozenset({"CODE", "COUPON", "PROMO"})  # "COUPON CODE": the words, not a code
_CODE_AFTER_WORD = re.compile(
    r"(?i:\b(?:code|coupon)(?:\s+(?:promo(?:tionnel)?|de\s+r[ée]duction|avantage|remise|code)\b)?)"
    r"\s*:?\s*[«“\"'‘]?\s*(?P<code>(?=[0-9]*[A-Z])[A-Z0-9]{4,20})(?![\w@-])"
)
_CODE_TOKEN = re.compile(
    r"(?<![\w@#/.-])(?P<code>(?=[A-Z]*[0-9])(?=[0-9]*[A-Z])[A-Z0-9]{4,20})(?![\w@-]|[./]\w)"
)


def _promo_code(match: re.Match[str], text: str, today: date) -> Iterator[Suggestion]:
    code = match["code"]
    if code not in _ANNOUNCING and code.rstrip("0123456789") not in _NOT_CODES:
        yield Suggestion("promo_code", code, _excerpt(text, *match.span("code")), "promo_code")


#: In this order: each one's matches are blanked before the next one looks.
_DETECTORS: tuple[tuple[re.Pattern[str], _Interpreter], ...] = (
    (_URL, _url),
    (_DATE_RANGE, _date_range),
    (_MONTH_DAY, _named_date),
    (_DAY_MONTH, _named_date),
    (_NUMERIC_DATE, _numeric_date),
    (_PERCENT, _percentage),
    (_CODE_AFTER_WORD, _promo_code),
    (_CODE_TOKEN, _promo_code),
)
