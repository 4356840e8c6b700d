"""Hostile tables: every CSV and .xlsx importer (stats, plan, contacts) gives a result or one
printable sentence, within a time and memory bound, whatever the file holds.

Real files on disk, the real readers and a real workspace: the garbage is structured (a valid CSV
or workbook container whose headers and cells are random unicode with controls, NULs, bidi
overrides, huge cells, ragged rows, BOMs, mixed newlines) or plain random bytes.
"""

from __future__ import annotations

import codecs
import random
import re
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from crmdesk.core import contact_import, plan, tabular
from crmdesk.core.db import Workspace
from crmdesk.core.errors import CrmdeskError, StatsRefused
from crmdesk.core.stats.imports import read_file
from crmdesk.core.tabular import TableRefused

#: Each example must end within this time and peak Python allocation.
SECONDS = 2.0
PEAK_BYTES = 200 * 1024 * 1024
#: What no message may show raw: C0 and C1 controls, DEL, bidi overrides and isolates.
RAW_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

SETTINGS = settings(
    max_examples=50,
    deadline=None,  # the bound is checked in the test itself, tracemalloc included
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure is shown, not shrunk
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)


def bounded(call: Callable[[], object]) -> CrmdeskError | None:
    """Run ``call``: it may return or raise a CrmdeskError (returned), nothing else; within the
    time and memory bounds. A refusal's message must be printable and short."""
    tracemalloc.start()
    started = time.perf_counter()
    refused: CrmdeskError | None = None
    try:
        call()
    except CrmdeskError as exc:
        refused = exc
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS, f"{elapsed:.2f} s"
    assert peak < PEAK_BYTES, f"{peak / 1024**2:.0f} MB"
    if refused is not None:
        assert_printable(refused.message)
    return refused


def assert_printable(message: str) -> None:
    """A message that quotes a file may break lines on purpose (a path, a list of problems) but
    never shows a control character, and stays readable in length."""
    for line in message.split("\n"):
        assert not RAW_CONTROLS.search(line), repr(line)
    assert len(message) < 4000, len(message)


# --- structured garbage ----------------------------------------------------------------------

#: Characters a hostile file would hold: controls (C0, C1, NUL, ESC), bidi overrides, line
#: separators, BOMs, quotes and separators, accents, and any other code point.
hostile_chars = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "\x1b",
            "\x07",
            "\x9b",
            "\x85",
            "\u202e",
            "\u2066",
            "\u2028",
            "\ufeff",
            '"',
            ",",
            ";",
            "\t",
            "\r",
            "\n",
            "é",
            "€",
            "@",
        ]
    ),
    st.characters(codec="utf-8"),
)
hostile_text = st.text(hostile_chars, max_size=30)
#: Headers a real importer would recognise, so that rows are read, not only the header.
known_headers = st.sampled_from(
    [
        "email",
        "event",
        "timestamp",
        "Client",
        "Campagne",
        "Date d'envoi",
        "Nom",
        "Email",
        "Rôle",
        "Emails Sent",
        "Opens",
        "Title",
    ]
)
cells = st.one_of(
    hostile_text,
    st.sampled_from(["", "open", "click", "2026-01-09 10:00", "12/01/2026", "1 234,5", "x@y.fr"]),
    st.integers(min_value=1, max_value=300_000).map(lambda n: "\x1b" * (n % 7) + "A" * n),
)


@st.composite
def hostile_csv(draw: st.DrawFn) -> bytes:
    """A CSV container: a header of known and hostile names, ragged rows of hostile cells, a
    random separator, newline style, encoding and BOM."""
    header = draw(st.lists(st.one_of(known_headers, hostile_text), min_size=1, max_size=8))
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(cells, min_size=max(0, width - 2), max_size=width + 2), min_size=0, max_size=8
        )
    )
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newlines = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=3))

    def field(text: str) -> str:
        if draw(st.booleans()):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(field(h) for h in header)]
    lines += [delimiter.join(field(c) for c in row) for row in rows]
    text = "".join(line + newlines[i % len(newlines)] for i, line in enumerate(lines))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # a stray BOM or garbage at a random place
        at = draw(st.integers(min_value=0, max_value=len(data)))
        noise = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\x00", b"\xff"]))
        data = data[:at] + noise + data[at:]
    return data


random_bytes = st.binary(min_size=1, max_size=200_000)


@st.composite
def hostile_workbook(draw: st.DrawFn) -> list[list[object]]:
    """The rows of a sheet: known and hostile headers, random typed cells."""
    header = draw(st.lists(st.one_of(known_headers, hostile_text), min_size=1, max_size=8))
    body = draw(
        st.lists(
            st.lists(
                st.one_of(
                    hostile_text,
                    st.none(),
                    st.integers(min_value=-(10**15), max_value=10**15),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.dates(),
                    st.datetimes(),
                    st.booleans(),
                ),
                max_size=10,
            ),
            max_size=8,
        )
    )
    return [list(header), *body]


def write_workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    book.save(path)
    return path


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder for the examples' files (hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def import_stats(path: Path) -> None:
    read_file(path, campaign_name="Soldes", campaign_subject="-50 %")


def import_plan(workspace: Workspace, path: Path) -> None:
    table = tabular.read_table(path)
    with workspace.reader() as session:
        plan.preview(session, table, plan.PlanMapping.recognise(table.headers))


def import_contacts(workspace: Workspace, client_id: int, path: Path) -> None:
    table = tabular.read_table(path)
    with workspace.reader() as session:
        contact_import.preview(session, client_id, table)


# --- property-based tests, one per importer and container -----------------------------------


@SETTINGS
@given(data=st.one_of(hostile_csv(), random_bytes))
def test_stats_import_of_hostile_csv_is_a_result_or_a_sentence(folder: Path, data: bytes) -> None:
    # StatsRefused prefixes the bare file name (crmdesk/core/errors.py): the CLI test covers
    # hostile names; here the contents are hostile.
    path = folder / "export.csv"
    path.write_bytes(data)
    bounded(lambda: import_stats(path))


@SETTINGS
@given(data=st.one_of(hostile_csv(), random_bytes))
def test_plan_import_of_hostile_csv_is_a_result_or_a_sentence(
    workspace: Workspace, folder: Path, data: bytes
) -> None:
    path = folder / "plan.csv"
    path.write_bytes(data)
    bounded(lambda: import_plan(workspace, path))


@SETTINGS
@given(data=st.one_of(hostile_csv(), random_bytes))
def test_contact_import_of_hostile_csv_is_a_result_or_a_sentence(
    workspace: Workspace, client_id: int, folder: Path, data: bytes
) -> None:
    path = folder / "contacts.csv"
    path.write_bytes(data)
    bounded(lambda: import_contacts(workspace, client_id, path))


@settings(SETTINGS, max_examples=25)
@given(rows=hostile_workbook())
def test_plan_and_contact_imports_of_hostile_xlsx_are_a_result_or_a_sentence(
    workspace: Workspace, client_id: int, folder: Path, rows: list[list[object]]
) -> None:
    path = write_workbook(folder / "plan.xlsx", rows)
    bounded(lambda: import_plan(workspace, path))
    bounded(lambda: import_contacts(workspace, client_id, path))
    bounded(lambda: import_stats(path))  # a workbook given to the stats import: binary


@settings(SETTINGS, max_examples=25)
@given(data=random_bytes)
def test_random_bytes_named_xlsx_are_one_sentence(
    workspace: Workspace, folder: Path, data: bytes
) -> None:
    path = folder / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"P" else data)
    refused = bounded(lambda: import_plan(workspace, path))
    assert refused is not None and "\n" not in refused.message


# --- the classes of the issue, one example each ----------------------------------------------


def random_noise(size: int, seed: int = 18) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize("size", [100, 3000, 70_000, 2_000_000])
def test_random_bytes_are_one_sentence_naming_the_byte_in_every_importer(
    workspace: Workspace, client_id: int, tmp_path: Path, size: int
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(random_noise(size))
    for run in (
        lambda: import_stats(path),
        lambda: import_plan(workspace, path),
        lambda: import_contacts(workspace, client_id, path),
    ):
        refused = bounded(run)
        assert refused is not None
        assert "\n" not in refused.message
        assert "is not a text CSV file (binary content at byte " in refused.message


def activity_csv(rows: int, broken: int) -> bytes:
    lines = ["email,event,timestamp"]
    for i in range(1, rows):
        event = "open\x00\x00" if i == broken else "open"
        lines.append(f"user{i}@example.fr,{event},2026-01-09 10:{i % 60:02d}:00")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("broken", [3, 4000])  # in the sniffed sample, and far beyond it
def test_nul_bytes_in_an_activity_csv_are_refused_naming_the_line(
    tmp_path: Path, broken: int
) -> None:
    path = tmp_path / "activity.csv"
    path.write_bytes(activity_csv(5000, broken))
    with pytest.raises(StatsRefused) as refused:
        import_stats(path)
    assert refused.value.code == "malformed"
    assert refused.value.details["line"] == broken + 1
    assert f"a NUL byte on line {broken + 1:,}" in refused.value.message


def test_nul_bytes_in_a_utf16_activity_csv_are_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "activity.csv"
    text = activity_csv(3000, 2500).decode().replace(",", "\t")
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(StatsRefused) as refused:
        import_stats(path)
    assert refused.value.details["line"] == 2501


def test_a_nul_byte_in_a_plan_csv_is_refused_naming_the_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "plan.csv"
    rows = ["Client;Campagne;Date d'envoi"] + [f"Acme;C{i};12/01/2026" for i in range(20_000)]
    rows[15_000] = "Acme;C\x00;12/01/2026"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(TableRefused) as refused:
        import_plan(workspace, path)
    assert refused.value.code == "binary"
    assert "a NUL byte on line 15,001" in refused.value.message


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\u202egnp.exe\x9b31m"


def test_escape_sequences_in_headers_are_quoted_printable_in_every_importer(
    workspace: Workspace, client_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "headers.csv"  # hostile file names: see tests/cli/test_hostile_cli.py
    path.write_text(f"email,{ESCAPES},{'H' * 1_000_000}\nx,y,z\n", encoding="utf-8")
    for run in (
        lambda: import_stats(path),
        lambda: import_plan(workspace, path),
        lambda: import_contacts(workspace, client_id, path),
    ):
        refused = bounded(run)
        assert refused is not None
        assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202e" in refused.message
        assert len(refused.message) < 1000
