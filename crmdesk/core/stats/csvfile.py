"""Reading the CSV files ESPs export, whatever Excel or the ESP did to them.

Real exports come as UTF-8 with or without a BOM, Windows-1252 from French Excel, sometimes
UTF-16; separated by ``,``, ``;`` or tabs; with French numbers ("1 234,5", "27,78 %") or English
ones ("1,234", "27.78%"). This module finds the file's format from its first bytes, streams its
rows with their line numbers while hashing the bytes it reads (for idempotent imports) and
reporting progress, and parses numbers by the file's own decimal convention.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from crmdesk.core.errors import StatsRefused
from crmdesk.core.printable import printable

#: How many bytes the format is guessed from.
SAMPLE_BYTES = 64 * 1024
#: The buffer between the file and the text decoder: large, so hashing and counting bytes cost
#: one Python call per MiB rather than per line.
BUFFER_BYTES = 1024 * 1024
DELIMITERS = (",", ";", "\t")

#: (bytes read, total bytes) → False to cancel.
Progress = Callable[[int, int], bool]

csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """What a file's bytes turned out to be."""

    encoding: str  # a Python codec name: "utf-8-sig", "utf-8", "cp1252", "utf-16"
    delimiter: str
    #: "." or ",": how decimals are written in the file, for numbers that could be read both ways.
    decimal: str


def refuse_missing(path: Path) -> int:
    """The size of ``path``; StatsRefused "missing" or "unreadable" when it cannot be read."""
    name = path.name
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise StatsRefused("missing", name, "The file does not exist.", path=str(path)) from None
    except OSError as exc:
        raise StatsRefused(
            "unreadable", name, f"The file cannot be read ({exc.strerror}).", path=str(path)
        ) from None
    if not path.is_file():
        raise StatsRefused("unreadable", name, "This is not a file.", path=str(path))
    return stat.st_size


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise StatsRefused(
            "unreadable", path.name, f"The file cannot be read ({exc.strerror}).", path=str(path)
        ) from None


def guess_encoding(sample: bytes) -> str:
    """The codec of a file starting with ``sample``: a BOM decides, else UTF-8 if it decodes."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # Not final: the sample may end inside a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_sample(sample: bytes, encoding: str) -> str:
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)


def guess_delimiter(text: str) -> str:
    """The separator of the first lines: the one found most often outside quotes, per line.

    Only the first lines count: a key/value report (Mailchimp's campaign report) has a comma on
    most lines, and numbers like "1,5" in a ``;`` file must not outvote the real separator.
    """
    lines = [line for line in _logical_lines(text, 20) if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        # The header counts most: it never holds numbers with a comma.
        score = counts[0] * 2 + sum(1 for c in counts if c and c == counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _logical_lines(text: str, limit: int) -> list[str]:
    """Up to ``limit`` lines of ``text``, quoted newlines kept inside their line."""
    lines: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char in "\r\n" and not quoted:
            if current:
                lines.append("".join(current))
                current = []
                if len(lines) >= limit:
                    return lines
            continue
        current.append(char)
    if current and len(lines) < limit:
        lines.append("".join(current))
    return lines


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d+,(\d{1,2}|\d{4,})(?![\d.,])|\d\.\d{3},\d")
_DOT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.(\d{1,2}|\d{4,})(?![\d.,])|\d,\d{3}\.\d")


def guess_decimal(text: str, delimiter: str) -> str:
    """The decimal mark the file uses: "," or ".".

    Unambiguous numbers decide ("27,78", "1.234,5" → comma; "27.78", "1,234.5" → dot); a number
    like "1,234" could be either and is left out. With no evidence: comma for ``;``-separated
    files (French Excel), dot otherwise.
    """
    commas = len(_COMMA_DECIMAL.findall(text)) if delimiter != "," else 0
    dots = len(_DOT_DECIMAL.findall(text))
    if commas != dots:
        return "," if commas > dots else "."
    return "," if delimiter == ";" else "."


# --- binary content ------------------------------------------------------------------------

#: C0 controls and DEL, which no text CSV holds. Tab, LF, CR, form feed (page breaks) and SUB
#: (DOS's end-of-file mark) do occur in real exports and are left out.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
#: A sample is binary when it holds at least this many controls making over 5 % of it: random
#: bytes hold about 12 %, while a header with an escape sequence pasted into it stays below and
#: is read (and quoted made printable). A NUL anywhere is refused too, naming its line.
_MIN_CONTROLS = 4


def binary_sentence(subject: str, byte: int, line: int | None = None) -> str:
    """The one sentence every CSV importer gives for binary content, ``byte`` counted from 1.

    ``subject`` is how the caller names the file ("“plan.csv”", or "This" when the message is
    already prefixed with the name); ``line`` is given when the file reads as text before it.
    """
    if line is None:
        return f"{subject} is not a text CSV file (binary content at byte {byte:,})."
    return (
        f"{subject} is not a text CSV file (binary content: a NUL byte on line {line:,}, "
        f"at byte {byte:,})."
    )


def binary_at(sample: bytes, encoding: str) -> int | None:
    """Where the first binary content of a file starting with ``sample`` is (a byte counted
    from 1), or None when the sample reads as text.

    Shared by every CSV importer (stats, plan, contacts) so that random bytes, a zip or an
    image named .csv get one sentence rather than a header of noise quoted back.
    """
    text = decode_sample(sample, encoding)
    controls = _CONTROLS.findall(text)
    if len(controls) < _MIN_CONTROLS or len(controls) * 20 <= len(text):
        return None
    found = _CONTROLS.search(text)
    return byte_offset(text, found.start() if found else 0, encoding) + 1


def byte_offset(text: str, index: int, encoding: str) -> int:
    """The offset in the file of ``text[index]``, ``text`` being the file's start decoded
    (its BOM, which decoding drops, counted)."""
    return len(text[:index].encode(encoding, errors="replace"))


def nul_position(chunk: bytes, start: int, encoding: str) -> int:
    """The index in ``chunk`` of the first NUL character (-1 if none); ``start`` is the
    chunk's offset in the file. In UTF-16 a NUL is a zero code unit at an even offset."""
    if not encoding.startswith("utf-16"):
        return chunk.find(b"\x00")
    at = chunk.find(b"\x00\x00")
    while at >= 0 and (start + at) % 2:
        at = chunk.find(b"\x00\x00", at + 1)
    return at


def line_of_byte(path: Path, offset: int, encoding: str) -> int:
    """The physical line (from 1) the byte at ``offset`` is on: the file read again up to it,
    in chunks, counting line ends as ``csv`` does (LF, CR, CRLF). Only a refusal pays this."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    lines, after_cr, left = 1, False, offset
    with path.open("rb") as handle:
        while left > 0 and (chunk := handle.read(min(left, BUFFER_BYTES))):
            left -= len(chunk)
            text = decoder.decode(chunk, final=left <= 0)
            if not text:
                continue
            lines += text.count("\n") + text.count("\r") - text.count("\r\n")
            if after_cr and text.startswith("\n"):
                lines -= 1
            after_cr = text.endswith("\r")
    return lines


def refuse_binary(path: Path, sample: bytes, encoding: str) -> None:
    """StatsRefused "malformed" (one sentence, with the byte) when ``sample`` is binary, or
    holds a NUL (then with its line too; ``CsvSource`` refuses the NULs further on)."""
    at = binary_at(sample, encoding)
    line: int | None = None
    if at is None:
        nul = nul_position(sample, 0, encoding)
        if nul < 0:
            return
        at, line = nul + 1, line_of_byte(path, nul, encoding)
    why = binary_sentence("This", at, line)
    raise StatsRefused("malformed", path.name, why, line=line or 1, byte=at)


def sniff(path: Path) -> CsvFormat:
    """The format of ``path`` from its first bytes; binary content is refused here, before
    any importer reads a header made of noise."""
    sample = read_sample(path)
    encoding = guess_encoding(sample)
    refuse_binary(path, sample, encoding)
    text = decode_sample(sample, encoding)
    delimiter = guess_delimiter(text)
    return CsvFormat(encoding, delimiter, guess_decimal(text, delimiter))


class _CountingReader(io.RawIOBase):
    """The file's bytes, hashed and counted as they go by (one Python call per buffer fill).

    It also refuses NUL characters as they go by: Python's ``csv`` reads them as data, so a
    damaged activity export would become rows. The search runs in C once per buffer, so the
    fast loops that use ``csv.reader`` directly pay nothing per line.
    """

    def __init__(self, handle: BinaryIO, on_nul: Callable[[int], None], encoding: str) -> None:
        super().__init__()
        self._handle = handle
        self._on_nul = on_nul
        self._encoding = encoding
        self.hash = hashlib.sha256()
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        count = self._handle.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            chunk = memoryview(buffer)[:count]
            at = nul_position(chunk.tobytes(), self.position, self._encoding)
            if at >= 0:
                self._on_nul(self.position + at)
            self.hash.update(chunk)
            self.position += count
        return count or 0

    def drain(self) -> None:
        """Hash what is left unread, so the digest is the whole file's."""
        while chunk := self._handle.read(BUFFER_BYTES):
            self.hash.update(chunk)
            self.position += len(chunk)

    def close(self) -> None:
        self._handle.close()
        super().close()


class CsvSource:
    """One pass over a CSV file: rows as lists of strings, line numbers, bytes read, sha256.

    Use as a context manager. ``reader`` is the plain ``csv.reader`` (fast loops use it
    directly); ``line`` is the physical line the last row ended on.
    """

    def __init__(self, path: Path, fmt: CsvFormat, *, size: int | None = None) -> None:
        self.path = path
        self.name = path.name
        self.format = fmt
        self.size = size if size is not None else refuse_missing(path)
        try:
            handle = path.open("rb", buffering=0)
        except OSError as exc:
            raise StatsRefused(
                "unreadable",
                self.name,
                f"The file cannot be read ({exc.strerror}).",
                path=str(path),
            ) from None
        self._raw = _CountingReader(handle, self._refuse_nul, fmt.encoding)
        self._buffered = io.BufferedReader(self._raw, BUFFER_BYTES)
        errors = "replace" if fmt.encoding == "cp1252" else "strict"
        self._text = io.TextIOWrapper(self._buffered, fmt.encoding, errors=errors, newline="")
        self.reader = csv.reader(self._text, delimiter=fmt.delimiter, strict=False)

    def __enter__(self) -> CsvSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()

    @property
    def line(self) -> int:
        return self.reader.line_num

    @property
    def bytes_read(self) -> int:
        return self._raw.position

    def sha256(self) -> str:
        """The digest of the whole file (reads what the parser left)."""
        self._raw.drain()
        return self._raw.hash.hexdigest()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of every non-blank row; a broken quote raises StatsRefused."""
        reader = self.reader
        try:
            for row in reader:
                if row and any(row):
                    yield reader.line_num, row
        except csv.Error as exc:
            raise self.malformed(str(exc)) from None

    def _refuse_nul(self, offset: int) -> None:
        """A NUL at ``offset``: refuse the file, naming the line (nothing has been written)."""
        line = line_of_byte(self.path, offset, self.format.encoding)
        raise StatsRefused(
            "malformed",
            self.name,
            binary_sentence("This", offset + 1, line),
            line=line,
            byte=offset + 1,
        )

    def malformed(self, why: str, *, line: int | None = None) -> StatsRefused:
        at = self.line if line is None else line
        return StatsRefused("malformed", self.name, f"Line {at}: {why}.", line=at)

    def check_progress(self, progress: Progress | None) -> None:
        if progress is not None and progress(self.bytes_read, self.size) is False:
            raise cancelled(self.name)


def quoted(text: object, limit: int = 80) -> str:
    """A header or cell quoted in a refusal ('value'): printable and cut, since it is whatever
    the file holds (an escape sequence, a NUL, a megabyte-long cell)."""
    return f"'{printable(text, limit)}'"


def cancelled(name: str) -> StatsRefused:
    return StatsRefused("cancelled", name, "Import cancelled; nothing was written.")


def open_source(path: Path, fmt: CsvFormat, *, size: int | None = None) -> CsvSource:
    return CsvSource(path, fmt, size=size)


# --- numbers -------------------------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t'")
_SYMBOLS = ("%", "€", "$", "£", "EUR", "eur")
_GROUPED = re.compile(r"\d{1,3}([.,])\d{3}(\1\d{3})*")


class NumberError(ValueError):
    """A cell that is not a number; ``code`` is "not_a_number" or "negative"."""

    def __init__(self, code: str, value: str) -> None:
        super().__init__(value)
        self.code = code
        self.value = value


def _clean(text: str) -> tuple[str, bool]:
    """``text`` without spaces, currency and percent signs; and whether it was negative."""
    cleaned = text.strip().translate(_SPACES)
    for symbol in _SYMBOLS:
        if cleaned.endswith(symbol):
            cleaned = cleaned[: -len(symbol)]
        if cleaned.startswith(symbol):
            cleaned = cleaned[len(symbol) :]
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accounting style
        cleaned, negative = cleaned[1:-1], True
    if cleaned.startswith(("-", "\u2212")):
        cleaned, negative = cleaned[1:], True
    elif cleaned.startswith("+"):
        cleaned = cleaned[1:]
    return cleaned, negative


def parse_decimal(text: str, decimal: str = ".") -> Decimal | None:
    """``text`` as a number, None when the cell is empty; NumberError when it is not a number.

    Both marks present: the last one is the decimal mark ("1.234,5", "1,234.5"). One mark only:
    the file's convention ``decimal`` decides, except that a count-like "1,234" (groups of
    three) in a dot-decimal file is a thousands separator, and the same for "1.234" in a
    comma-decimal file. Negative values are returned negative; callers refuse them.
    """
    cleaned, negative = _clean(text)
    if not cleaned or cleaned in ("—", "n/a", "N/A", "NA"):
        return None
    has_dot, has_comma = "." in cleaned, "," in cleaned
    if has_dot and has_comma:
        mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        other = "." if mark == "," else ","
        cleaned = cleaned.replace(other, "").replace(mark, ".")
    elif has_dot or has_comma:
        mark = "." if has_dot else ","
        if mark != decimal and _GROUPED.fullmatch(cleaned):
            cleaned = cleaned.replace(mark, "")
        elif mark == decimal and cleaned.count(mark) > 1 and _GROUPED.fullmatch(cleaned):
            cleaned = cleaned.replace(mark, "")  # "1.234.567" can only be grouping
        else:
            cleaned = cleaned.replace(",", ".")
    if not cleaned or not (cleaned[0].isdigit() or cleaned[0] == "."):
        raise NumberError("not_a_number", text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise NumberError("not_a_number", text) from None
    if not value.is_finite():
        raise NumberError("not_a_number", text)
    return -value if negative else value


def parse_count(text: str, decimal: str = ".") -> int:
    """A count: a whole number ≥ 0 (empty → 0). "1,234" and "1.234" are thousands here."""
    cleaned, negative = _clean(text)
    value: Decimal | None
    if cleaned and _GROUPED.fullmatch(cleaned):
        value = Decimal(cleaned.replace(",", "").replace(".", ""))
        if negative:
            value = -value
    else:
        value = parse_decimal(text, decimal)
    if value is None:
        return 0
    if value < 0:
        raise NumberError("negative", text)
    if value != value.to_integral_value():
        raise NumberError("not_a_number", text)
    return int(value)


def parse_amount(text: str, decimal: str = ".") -> Decimal:
    """A money amount ≥ 0 in euros, rounded to cents (empty → 0)."""
    value = parse_decimal(text, decimal)
    if value is None:
        return Decimal(0)
    if value < 0:
        raise NumberError("negative", text)
    return value.quantize(Decimal("0.01"))


def parse_rate(text: str, decimal: str = ".") -> float | None:
    """A rate as a fraction: "27,78 %" → 0.2778; a bare "0.2778" stays as it is."""
    value = parse_decimal(text, decimal)
    if value is None:
        return None
    if "%" in text or value > 1:
        value = value / 100
    return float(value)


# --- header names --------------------------------------------------------------------------

_ACCENTS = str.maketrans("àâäáãéèêëíìîïóòôöõúùûüçñœæ", "aaaaaeeeeiiiiooooouuuucnoa")


def normalise_header(text: str) -> str:
    """A header reduced to compare names: lower case, no accents, punctuation or extra spaces."""
    lowered = text.strip().lower().translate(_ACCENTS)
    words = re.sub(r"[^a-z0-9%]+", " ", lowered)
    return " ".join(words.split())


def first_rows(source: CsvSource, count: int) -> list[list[str]]:
    rows: list[list[str]] = []
    for _, row in source.rows():
        rows.append(row)
        if len(rows) >= count:
            break
    return rows


def column_name(headers: Iterable[str], index: int) -> str:
    names = list(headers)
    return names[index] if 0 <= index < len(names) else f"#{index + 1}"
