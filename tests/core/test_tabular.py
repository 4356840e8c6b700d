"""Reading the tables users bring: French Excel's CSV, UTF-8 with BOM, .xlsx, and every file
that is not one, refused with a sentence naming it."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from crmdesk.core import tabular
from crmdesk.core.tabular import TableRefused, read_table


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_a_french_excel_csv_is_read_with_its_accents_and_semicolons(tmp_path: Path) -> None:
    path = write(
        tmp_path / "plan.csv",
        "Client;Campagne;Date d'envoi\r\nÉditions Lumière;Soldes d'été;01/07/2026\r\n",
        "cp1252",
    )

    table = read_table(path)

    assert table.headers == ["Client", "Campagne", "Date d'envoi"]
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ["Éditions Lumière", "Soldes d'été", "01/07/2026"])
    ]
    assert (table.source, table.header_line, table.sheet) == ("plan.csv", 1, None)


def test_a_utf8_csv_with_a_bom_and_commas_loses_its_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv", "\ufeffClient,Campaign\nMaison Verlaine,Rentrée\n")

    table = read_table(path)

    assert table.headers == ["Client", "Campaign"]
    assert table.rows[0].cells == ["Maison Verlaine", "Rentrée"]


def test_utf16_from_excel_unicode_text_is_read_as_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("Client\tCampagne\r\nCycles Aubrac\tPrintemps\r\n".encode("utf-16"))

    assert read_table(path).rows[0].cells == ["Cycles Aubrac", "Printemps"]


def test_lines_stay_right_around_quoted_newlines_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "plan.csv",
        '\n\n;;\nClient;Notes\nA;"two\nlines"\n\nB;one\n;;\n\n',
    )

    table = read_table(path)

    assert table.header_line == 4
    assert [(r.line, r.cells) for r in table.rows] == [
        (5, ["A", "two\nlines"]),
        (7, []),
        (8, ["B", "one"]),
    ]


def test_excel_sep_hint_decides_the_separator(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv", "sep=,\nClient;x,Campagne\nA;b,Rentrée\n")

    table = read_table(path)

    assert table.headers == ["Client;x", "Campagne"]
    assert (table.header_line, table.rows[0].line) == (2, 3)


def test_an_xlsx_gives_typed_cells_from_the_chosen_sheet(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    first.title = "Notes"
    first.append(["ignored"])
    plan = book.create_sheet("Plan 2026")
    plan.append(["Client", "Date", "Heure", "Volume"])
    plan.append([])
    plan.append(["Éditions Lumière", date(2026, 7, 1), time(9, 30), 120000])
    plan["A10"] = None  # a formatted but empty cell far below
    plan["A10"].number_format = "0"
    book.save(tmp_path / "plan.xlsx")

    table = read_table(tmp_path / "plan.xlsx", sheet="Plan 2026")

    assert table.sheet == "Plan 2026"
    assert table.sheets == ("Notes", "Plan 2026")
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, [None, None, None, None]),  # an empty row between two filled ones is kept
        (3, ["Éditions Lumière", date(2026, 7, 1), time(9, 30), 120000]),
    ]
    assert read_table(tmp_path / "plan.xlsx").headers == ["ignored"]


def test_an_unknown_sheet_is_refused_naming_the_sheets(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Plan"
    book.save(tmp_path / "plan.xlsx")

    with pytest.raises(TableRefused) as refused:
        read_table(tmp_path / "plan.xlsx", sheet="2027")

    assert refused.value.code == "unknown_sheet"
    assert "“2027”" in refused.value.message and "“Plan”" in refused.value.message


def test_a_workbook_named_csv_is_still_read(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Client", "Campagne"])
    book.active.append(["A", "B"])
    book.save(tmp_path / "plan.csv")

    assert read_table(tmp_path / "plan.csv").rows[0].cells == ["A", "B"]


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("plan.xlsx", OLE2, "protected", "password-protected"),
        ("plan.xls", OLE2, "protected", "save it as .xlsx or CSV"),
        ("plan.xlsx", b"Client;Campagne\nA;B\n", "not_a_spreadsheet", "not an Excel workbook"),
        ("plan.xlsx", b"PK\x03\x04 not really a zip", "not_a_spreadsheet", "not an Excel"),
        ("plan.csv", b"Client;\x00\x01\x02\xff\xfe", "binary", "binary"),
        ("plan.csv", b"", "empty", "empty"),
        ("plan.csv", b"\r\n;;;\r\n  \r\n", "empty", "no header row"),
    ],
)
def test_files_that_are_not_tables_are_refused_by_name(
    tmp_path: Path, name: str, content: bytes, code: str, words: str
) -> None:
    (tmp_path / name).write_bytes(content)

    with pytest.raises(TableRefused) as refused:
        read_table(tmp_path / name)

    assert (refused.value.code, refused.value.source) == (code, name)
    assert words in refused.value.message and name in refused.value.message


def test_an_empty_sheet_is_refused_naming_file_and_sheet(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Plan"
    book.save(tmp_path / "plan.xlsx")

    with pytest.raises(TableRefused) as refused:
        read_table(tmp_path / "plan.xlsx")

    assert refused.value.code == "empty"
    assert "“Plan”" in refused.value.message and "plan.xlsx" in refused.value.message


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableRefused) as missing:
        read_table(tmp_path / "gone.csv")
    with pytest.raises(TableRefused) as folder:
        read_table(tmp_path)

    assert missing.value.code == "missing"
    assert folder.value.code == "unreadable" and "folder" in folder.value.message


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "CSV_LIMIT", 10)
    path = write(tmp_path / "plan.csv", "Client;Campagne\nA;B\n")

    with pytest.raises(TableRefused) as refused:
        read_table(path)

    assert refused.value.code == "too_large"
