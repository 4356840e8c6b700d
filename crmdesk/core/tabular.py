"""Reading a table the user brings (a CSV or an .xlsx workbook) into rows with their line numbers.

The operator's plan, a client's contact list: whatever the import, the file is the user's, so
every way it can be wrong (missing, empty, password-protected, an old .xls, binary garbage named
.csv) is a ``TableRefused`` with a sentence naming the file, never a traceback. Cells come back
as they are (text from a CSV; typed values from a workbook) and each row keeps the
line (or row) number the user sees in a text editor or Excel, so an importer can say where a
problem is. Nothing here knows what the columns mean.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from crmdesk.core.errors import CrmdeskError
from crmdesk.core.printable import printable
from crmdesk.core.stats.csvfile import (
    SAMPLE_BYTES,
    binary_at,
    binary_sentence,
    guess_delimiter,
    line_of_byte,
    nul_position,
)

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

#: A plan of 100,000 campaigns is about 15 MB as CSV and 5 MB as .xlsx; far past these limits a
#: file is not a table anybody typed, and reading it would only exhaust the memory.
CSV_LIMIT = 100 * 1024 * 1024
XLSX_LIMIT = 50 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
#: The container of .xls workbooks and of password-protected (encrypted) .xlsx ones.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: How many bytes the CSV separator is guessed from.
SNIFF_CHARS = 64 * 1024
#: Excel's own hint on a CSV's first line ("sep=;"), honoured as Excel does.
_SEP_LINE = re.compile(r"\s*sep=(.)\s*\Z", re.IGNORECASE)


class TableRefused(CrmdeskError):
    """A file that cannot be read as a table; nothing was imported.

    ``code`` picks the UI's translated sentence: "missing", "empty", "not_a_spreadsheet",
    "protected" (an OLE2 file: a password-protected .xlsx or an old .xls), "unknown_sheet",
    "too_large", "unreadable", "binary". ``message`` is English and names the file (and sheet).
    """

    def __init__(self, code: str, source: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.source = source


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row below the header: ``line`` is 1-based, as the user sees it (for a CSV row written
    over several lines, the line it starts on)."""

    line: int
    cells: list[object]

    @property
    def is_empty(self) -> bool:
        return all(is_blank(cell) for cell in self.cells)


@dataclass(frozen=True)
class Table:
    """A header row and the rows below it, as read from ``source`` (the file's name)."""

    source: str
    headers: list[str]
    header_line: int
    rows: list[TableRow]
    #: The sheet read, and every sheet of the workbook (for a choice); None and () for a CSV.
    sheet: str | None = None
    sheets: tuple[str, ...] = field(default=())

    def header(self, index: int) -> str:
        """The column's header, or its position ("#4") when the header cell is empty."""
        name = self.headers[index] if 0 <= index < len(self.headers) else ""
        return name or f"#{index + 1}"


#: How many headers a refusal lists: enough to recognise the file, few enough for one line.
QUOTED_HEADERS = 12


def quoted_headers(headers: Iterable[str]) -> str:
    """The non-empty headers as a refusal lists them ("a", "b" … and 3 more): printable and
    cut, since a header is whatever the file says, escape sequences and megabytes included."""
    named = [h for h in headers if h]
    listed = ", ".join(f'"{printable(h, 40)}"' for h in named[:QUOTED_HEADERS])
    more = len(named) - QUOTED_HEADERS
    if more > 0:
        listed += f" … and {more} more"
    return listed or "none"


def is_blank(cell: object) -> bool:
    """An empty cell: nothing, or only spaces (Excel's "empty" cells are often a space)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """Read ``path`` as a table: the first non-empty row is the header; empty rows after the
    last filled one are dropped (Excel keeps formatted rows that nobody sees as rows).

    The file's bytes decide how it is read, its name only how a refusal is worded: a workbook
    named .csv is still read, and a CSV exported as ".xls" by a web tool too. ``sheet`` picks a
    workbook's sheet by name (the first one by default); it is ignored for a CSV.
    """
    name = path.name
    size = _size(path)
    head = _read(path, 8)
    if head.startswith(OLE2_MAGIC):
        return _read_workbook(path, size, sheet, ole2=True)
    if head.startswith(ZIP_MAGIC):
        return _read_workbook(path, size, sheet)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise TableRefused(
            "not_a_spreadsheet",
            name,
            f"“{_q(name)}” is not an Excel workbook, whatever its name says. "
            "Open it in Excel and save it as .xlsx or CSV.",
        )
    return _read_csv(path, size)


def _size(path: Path) -> int:
    name = path.name
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise TableRefused(
            "missing", name, f"“{_q(name)}” does not exist (moved or renamed?)."
        ) from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if path.is_dir():
        raise TableRefused("unreadable", name, f"“{_q(name)}” is a folder, not a file.")
    if stat.st_size == 0:
        raise _empty(name)
    return stat.st_size


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise _unreadable(path.name, exc) from None


def _read(path: Path, count: int = -1) -> bytes:
    with _open(path) as handle:
        try:
            return handle.read(count)
        except OSError as exc:
            raise _unreadable(path.name, exc) from None


def _q(name: str) -> str:
    """A file or sheet name as a refusal quotes it: printable and cut (it is the user's)."""
    return printable(name)


def _unreadable(name: str, exc: OSError) -> TableRefused:
    return TableRefused("unreadable", name, f"“{_q(name)}” cannot be read ({exc.strerror or exc}).")


def _empty(name: str, sheet: str | None = None) -> TableRefused:
    where = f"Sheet “{printable(sheet)}” of “{_q(name)}”" if sheet else f"“{_q(name)}”"
    return TableRefused("empty", name, f"{where} is empty: there is no header row to read.")


def _too_large(name: str, size: int, limit: int) -> TableRefused:
    return TableRefused(
        "too_large",
        name,
        f"“{_q(name)}” is {size / 1024**2:.0f} MB: a table over {limit // 1024**2} MB is not read.",
    )


def _ole2_refusal(path: Path) -> TableRefused:
    name = path.name
    if path.suffix.lower() == ".xls":
        message = (
            f"“{_q(name)}” is an Excel 97–2003 workbook (.xls) that cannot be read (protected or "
            "damaged). Open it in Excel and save it as .xlsx or CSV."
        )
    else:
        message = (
            f"“{_q(name)}” is password-protected (or an old .xls workbook renamed). Open it in "
            "Excel, remove the password and save it as .xlsx (or CSV)."
        )
    return TableRefused("protected", name, message)


# --- CSV -----------------------------------------------------------------------------------


def _encoding(data: bytes) -> str:
    """The codec of a CSV: UTF-8 (with or without BOM) or UTF-16 with its BOM (Excel's "Unicode
    text"); anything that is not valid UTF-8 is Windows-1252, French Excel's CSV encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"


def _read_csv(path: Path, size: int) -> Table:
    name = path.name
    if size > CSV_LIMIT:
        raise _too_large(name, size, CSV_LIMIT)
    data = _read(path)
    encoding = _encoding(data)
    # The guard every CSV importer shares (stats imports go through it too): random bytes or
    # an archive named .csv get one sentence, and so does a NUL further on, with its line.
    at = binary_at(data[:SAMPLE_BYTES], encoding)
    line: int | None = None
    if at is None:
        nul = nul_position(data, 0, encoding)
        if nul >= 0:
            at, line = nul + 1, line_of_byte(path, nul, encoding)
    if at is not None:
        raise TableRefused(
            "binary",
            name,
            binary_sentence(f"“{_q(name)}”", at, line),
        )
    # Five bytes have no Windows-1252 character; a stray one must not refuse the file.
    text = data.decode(encoding, errors="replace")
    del data
    lines = io.StringIO(text, newline="")
    first = lines.readline()
    hint = _SEP_LINE.match(first)
    if hint:
        delimiter, skipped = hint.group(1), 1
    else:
        delimiter, skipped = guess_delimiter(text[:SNIFF_CHARS]), 0
        lines.seek(0)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[object]]] = []
    start = skipped + 1
    try:
        for cells in reader:
            rows.append((start, list(cells)))
            start = skipped + reader.line_num + 1
    except csv.Error as exc:
        raise TableRefused(
            "unreadable",
            name,
            f"“{_q(name)}”, line {start}: this is not a readable CSV ({printable(exc)}).",
        ) from None
    return _table(name, rows)


# --- .xlsx ---------------------------------------------------------------------------------


def _read_workbook(path: Path, size: int, sheet: str | None, *, ole2: bool = False) -> Table:
    """A workbook's sheet through calamine (Rust): a 100,000-row plan reads in about a second,
    where openpyxl's read-only mode took seven. It reads .xlsx, and the old .xls format too;
    ``ole2`` says the file is such a container, whose failure means a password-protected
    workbook rather than a damaged one."""
    name = path.name
    if size > XLSX_LIMIT:
        raise _too_large(name, size, XLSX_LIMIT)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except OSError as exc:
        raise _unreadable(name, exc) from None
    except Exception:  # calamine's own errors: not a workbook it can open
        if ole2:
            raise _ole2_refusal(path) from None
        raise TableRefused(
            "not_a_spreadsheet",
            name,
            f"“{_q(name)}” is not an Excel workbook crmdesk can read (another program's format, "
            "or a damaged file). Open it in Excel and save it as .xlsx or CSV.",
        ) from None
    try:
        return _read_sheet(book, name, sheet)
    finally:
        book.close()


def _read_sheet(book: CalamineWorkbook, name: str, wanted: str | None) -> Table:
    names = tuple(book.sheet_names)
    if wanted is not None and wanted not in names:
        listed = ", ".join(f"“{printable(n)}”" for n in names)
        raise TableRefused(
            "unknown_sheet",
            name,
            f"“{_q(name)}” has no sheet “{printable(wanted)}” (sheets: {listed}).",
        )
    if not names:
        raise _empty(name)
    chosen = wanted if wanted is not None else names[0]
    try:
        # From A1, so each row's number is the one Excel shows.
        values = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception:
        raise TableRefused(
            "unreadable",
            name,
            f"Sheet “{printable(chosen)}” of “{_q(name)}” is damaged and cannot be read. "
            "Open it in Excel and save it again.",
        ) from None
    rows = ((line, [_cell(c) for c in cells]) for line, cells in enumerate(values, start=1))
    return _table(name, rows, chosen, names)


def _cell(value: object) -> object:
    """A workbook cell as an importer expects it: None when empty, and a whole number as an
    int (calamine gives every number as a float)."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _table(
    name: str,
    rows: Iterable[tuple[int, list[object]]],
    sheet: str | None = None,
    sheets: tuple[str, ...] = (),
) -> Table:
    header: tuple[int, list[object]] | None = None
    body: list[TableRow] = []
    blank: list[TableRow] = []  # empty rows kept only once a filled row follows them
    for line, cells in rows:
        row = TableRow(line, cells)
        if row.is_empty:
            if header is not None:
                blank.append(row)
        elif header is None:
            header = (line, cells)
        else:
            body.extend(blank)
            blank.clear()
            body.append(row)
    if header is None:
        raise _empty(name, sheet)
    line, cells = header
    headers = ["" if cell is None else str(cell).strip() for cell in cells]
    return Table(name, headers, line, body, sheet, sheets)
