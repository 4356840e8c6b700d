"""Activity exports aggregated: distinct people, events per hour, provider groups."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats.activity import domain_group
from crmdesk.core.stats.imports import read_file

FIXTURES = Path(__file__).parent / "fixtures"
SEND = datetime(2026, 1, 9, 8, 30, tzinfo=UTC)


def test_ab_activity_counts_distinct_people_per_variant() -> None:
    parsed = read_file(FIXTURES / "activity_ab.csv", send_at=SEND)
    a, b = parsed.figures["A"], parsed.figures["B"]
    assert (a.sent, a.delivered, a.unique_opens, a.total_opens, a.unique_clicks) == (2, 2, 2, 3, 1)
    assert (b.sent, b.delivered, b.hard_bounces, b.soft_bounces) == (3, 2, 1, 1)
    assert (b.unsubscribes, b.complaints) == (1, 1)
    assert parsed.variants == ("A", "B")


def test_domains_are_grouped_and_hours_counted_after_the_send() -> None:
    parsed = read_file(FIXTURES / "activity_ab.csv", send_at=SEND)
    domains = {b.key: b for v, b in parsed.breakdowns if b.dimension == "domain"}
    assert domains["orange.fr"].delivered == 2  # wanadoo.fr counts as orange.fr
    assert domains["outlook/hotmail"].bounces == 1
    hours = {b.key: (b.opens, b.clicks) for v, b in parsed.breakdowns if b.dimension == "hour"}
    # 08:45 and 08:46Z → hour 0; 09:31 → 1; 20:10+01:00 → 10; Jan 12 09:00 → 72+
    assert hours == {"0": (1, 1), "1": (1, 0), "10": (1, 0), "72+": (1, 0)}


def test_addresses_are_not_in_the_result() -> None:
    parsed = read_file(FIXTURES / "activity_ab.csv", send_at=SEND)
    assert "jeanne" not in repr(parsed)


@pytest.mark.parametrize(
    ("domain", "group"),
    [
        ("googlemail.com", "gmail.com"),
        ("wanadoo.fr", "orange.fr"),
        ("neuf.fr", "sfr.fr"),
        ("hotmail.fr", "outlook/hotmail"),
        ("live.com", "outlook/hotmail"),
        ("msn.com", "outlook/hotmail"),
        ("yahoo.fr", "yahoo"),
        ("ymail.com", "yahoo"),
        ("me.com", "icloud"),
        ("bbox.fr", "bbox.fr"),
        ("example.fr", "other"),
    ],
)
def test_domain_groups(domain: str, group: str) -> None:
    assert domain_group(domain) == group


@pytest.mark.parametrize(
    ("line", "code", "column"),
    [
        ("x@y.fr,opened_twice,2026-01-09T10:00:00", "bad_event", "event"),
        ("x@y.fr,open,yesterday", "bad_date", "timestamp"),
        ("not-an-address,delivered,2026-01-09T10:00:00", "malformed", "email"),
        ("x@y.fr", "malformed", ""),
    ],
)
def test_bad_lines_are_named(tmp_path: Path, line: str, code: str, column: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"email,event,timestamp\na@b.fr,delivered,2026-01-09T10:00:00\n{line}\n")
    with pytest.raises(StatsRefused) as caught:
        read_file(path, send_at=SEND)
    assert caught.value.code == code
    assert caught.value.details["line"] == 3
    assert caught.value.details["column"] == column


def test_header_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("email,event,timestamp\n")
    with pytest.raises(StatsRefused) as caught:
        read_file(path)
    assert caught.value.code == "empty"


def test_mailup_full_export_has_sends_and_bounces(tmp_path: Path) -> None:
    path = tmp_path / "mailup.csv"
    path.write_bytes(
        b"idList;idInvio;idNl;email;subject;statusType;details;statusChange;sentDate\r\n"
        b"1;1;161;a@example.fr;Test;SNT;;20260109T093000;20260109T093000\r\n"
        b"1;1;161;a@example.fr;Test;OPN;;20260109T103000;20260109T093000\r\n"
        b"1;1;161;b@example.fr;Test;SNT;;20260109T093000;20260109T093000\r\n"
        b"1;1;161;b@example.fr;Test;NCO;4.2.2;20260109T093500;20260109T093000\r\n"
    )
    parsed = read_file(path, send_at=SEND)
    f = parsed.figures[""]
    assert (f.sent, f.delivered, f.soft_bounces, f.unique_opens) == (2, 1, 1, 1)
    hours = {b.key: b.opens for _, b in parsed.breakdowns if b.dimension == "hour"}
    assert hours == {"1": 1}  # 10:30 in Rome is 09:30 UTC, an hour after the send


def test_a_bad_line_after_quoted_newlines_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    rows = ["email,event,timestamp,note"]
    rows += [f'p{i}@b.fr,delivered,2026-01-09T10:00:00,"two\nlines"' for i in range(5000)]
    rows.append("x@y.fr,opned,2026-01-09T10:00:00,")
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(StatsRefused) as caught:
        read_file(path, send_at=SEND)
    assert caught.value.code == "bad_event"
    assert caught.value.details["line"] == 1 + 5000 * 2 + 1


def test_the_first_bad_row_of_the_file_is_named_whatever_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    rows = ["email,event,timestamp"]
    rows += [f"p{i}@b.fr,open,2026-01-09T10:{i % 60:02d}:00" for i in range(10_000)]
    rows[20] = "p20@b.fr,open,2026-13-09T10:00:00"
    rows.append("x@y.fr,opned,2026-01-09T10:00:00")
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(StatsRefused) as caught:
        read_file(path, send_at=SEND)
    assert (caught.value.code, caught.value.details["line"]) == ("bad_date", 21)


def test_a_row_without_its_variant_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "email,event,timestamp,variant\n"
        "a@b.fr,delivered,2026-01-09T10:00:00,A\n"
        "x@y.fr,delivered,2026-01-09T10:00:00\n"
    )
    with pytest.raises(StatsRefused) as caught:
        read_file(path, send_at=SEND)
    assert (caught.value.code, caught.value.details["line"]) == ("malformed", 3)
