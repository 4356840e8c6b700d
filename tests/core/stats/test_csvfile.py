"""The CSV reader: formats found from the bytes, numbers read by the file's own convention."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats.csvfile import (
    CsvSource,
    NumberError,
    guess_decimal,
    guess_delimiter,
    normalise_header,
    parse_amount,
    parse_count,
    parse_rate,
    sniff,
)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1 234", ",", 1234),
        ("1\u00a0234", ",", 1234),
        ("1\u202f234", ",", 1234),
        ("1,234", ".", 1234),
        ("1,234", ",", 1234),  # a count: groups of three are thousands either way
        ("1.234", ",", 1234),
        ("1,234,567", ".", 1234567),
        ("12", ".", 12),
        ("", ".", 0),
        ("12.0", ".", 12),
    ],
)
def test_counts_read_in_french_and_english(text: str, decimal: str, expected: int) -> None:
    assert parse_count(text, decimal) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("2 154,90 €", ",", Decimal("2154.90")),
        ("2,154.90", ".", Decimal("2154.90")),
        ("1.234,5", ",", Decimal("1234.50")),
        ("12,5", ",", Decimal("12.50")),
        ("$12.50", ".", Decimal("12.50")),
    ],
)
def test_amounts(text: str, decimal: str, expected: Decimal) -> None:
    assert parse_amount(text, decimal) == expected


def test_rates_in_both_conventions() -> None:
    assert parse_rate("27,78 %", ",") == pytest.approx(0.2778)
    assert parse_rate("27.78%", ".") == pytest.approx(0.2778)
    assert parse_rate("0.2778", ".") == pytest.approx(0.2778)


@pytest.mark.parametrize("text", ["abc", "12a", "1,5", "--3", "1e5x"])
def test_not_a_count_is_refused(text: str) -> None:
    with pytest.raises(NumberError):
        parse_count(text, ".")


def test_negative_count_says_negative() -> None:
    with pytest.raises(NumberError) as caught:
        parse_count("-3", ".")
    assert caught.value.code == "negative"


def test_decimal_convention_from_unambiguous_numbers() -> None:
    assert guess_decimal("a;b\n27,78;1 234", ";") == ","
    assert guess_decimal("a,b\n27.78,12", ",") == "."
    assert guess_decimal("a;b\n1;2", ";") == ","
    assert guess_decimal("a,b\n1,2", ",") == "."


def test_delimiter_is_the_headers() -> None:
    assert guess_delimiter("a;b;c\n1,5;2;3\n") == ";"
    assert guess_delimiter("a,b,c\n1,2,3\n") == ","
    assert guess_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert guess_delimiter('"x;y",b,c\n1,2,3\n') == ","


def test_bom_windows_1252_and_utf16_are_recognised(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffTitre;Envoyés\r\nA;1\r\n".encode())
    assert sniff(bom).encoding == "utf-8-sig"
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Titre;Envoyés\r\nA;1\r\n".encode("cp1252"))
    assert sniff(latin).encoding == "cp1252"
    wide = tmp_path / "wide.csv"
    wide.write_bytes("Titre\tEnvoyés\r\nA\t1\r\n".encode("utf-16"))
    fmt = sniff(wide)
    assert (fmt.encoding, fmt.delimiter) == ("utf-16", "\t")
    with CsvSource(wide, fmt) as source:
        assert [row for _, row in source.rows()] == [["Titre", "Envoyés"], ["A", "1"]]


def test_rows_keep_quoted_newlines_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(b'a,b\r\n"two\r\nlines",1\r\n\r\nx,2\r\n')
    with CsvSource(path, sniff(path)) as source:
        rows = list(source.rows())
        digest = source.sha256()
    assert rows == [(1, ["a", "b"]), (3, ["two\r\nlines", "1"]), (5, ["x", "2"])]
    import hashlib

    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cancel_from_progress(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("a\n1\n")
    with CsvSource(path, sniff(path)) as source, pytest.raises(StatsRefused) as caught:
        source.check_progress(lambda done, total: False)
    assert caught.value.code == "cancelled"


def test_headers_compare_without_accents_or_case() -> None:
    assert normalise_header(" Délivrés ") == "delivres"
    assert normalise_header("Chiffre d'affaires") == "chiffre d affaires"
