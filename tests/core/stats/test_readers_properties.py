"""Property-based tests of the CSV readers: formatting, separators, encodings, random bytes."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats.csvfile import parse_amount, parse_count
from crmdesk.core.stats.figures import Figures
from crmdesk.core.stats.imports import read_file

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def french(value: int, nbsp: str = "\u00a0") -> str:
    return f"{value:,}".replace(",", nbsp)


def english(value: int) -> str:
    return f"{value:,}"


@SETTINGS
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["\u00a0", " ", "\u202f"]))
def test_counts_round_trip_in_both_conventions(value: int, space: str) -> None:
    assert parse_count(french(value, space), ",") == value
    assert parse_count(english(value), ".") == value
    assert parse_count(str(value), ",") == value


@SETTINGS
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_amounts_round_trip(value: Decimal) -> None:
    whole, cents = f"{value:.2f}".split(".")
    assert parse_amount(f"{french(int(whole))},{cents} €", ",") == value
    assert parse_amount(f"{english(int(whole))}.{cents}", ".") == value


counts = st.integers(min_value=0, max_value=2_000_000)


@st.composite
def figures(draw: st.DrawFn) -> Figures:
    sent = draw(st.integers(min_value=1, max_value=5_000_000))
    delivered = draw(st.integers(min_value=0, max_value=sent))
    hard = draw(st.integers(min_value=0, max_value=sent - delivered))
    opens = draw(st.integers(min_value=0, max_value=delivered))
    clicks = draw(st.integers(min_value=0, max_value=delivered))
    return Figures(
        sent=sent,
        delivered=delivered,
        hard_bounces=hard,
        unique_opens=opens,
        total_opens=opens + draw(counts),
        unique_clicks=clicks,
        total_clicks=clicks + draw(counts),
        unsubscribes=draw(st.integers(min_value=0, max_value=delivered)),
        complaints=draw(st.integers(min_value=0, max_value=delivered)),
        conversions=draw(counts),
        revenue=Decimal(draw(st.integers(min_value=0, max_value=10**8))) / 100,
    )


HEADERS = (
    "Campaign name",
    "Sent",
    "Delivered",
    "Hard bounces",
    "Unique opens",
    "Opens",
    "Unique clicks",
    "Clicks",
    "Unsubscribed",
    "Complaints",
    "Conversions",
    "Revenue",
)


def _row(f: Figures, style: str) -> list[str]:
    number = french if style == "fr" else english
    revenue = f"{f.revenue:.2f}"
    whole, cents = revenue.split(".")
    money = f"{french(int(whole))},{cents}" if style == "fr" else f"{english(int(whole))}.{cents}"
    return [
        "Soldes",
        *(
            number(getattr(f, name))
            for name in (
                "sent",
                "delivered",
                "hard_bounces",
                "unique_opens",
                "total_opens",
                "unique_clicks",
                "total_clicks",
                "unsubscribes",
                "complaints",
                "conversions",
            )
        ),
        money,
    ]


@SETTINGS
@given(
    figures(),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["fr", "en"]),
)
def test_any_format_of_a_report_reads_the_same_figures(
    f: Figures, delimiter: str, encoding: str, newline: str, style: str
) -> None:
    if style == "fr" and delimiter == ",":
        style = "en"  # a French comma-separated file quotes its numbers; covered below
    cells = [list(HEADERS), _row(f, style)]
    text = newline.join(
        delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in cells
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.csv"
        path.write_bytes((text + newline).encode(encoding))
        parsed = read_file(path, campaign_name="Soldes")
    assert parsed.figures[""] == f


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_give_figures_or_a_refusal(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(data)
        try:
            read_file(path)
        except StatsRefused as refused:
            assert refused.code


@SETTINGS
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6), st.sampled_from([",", ";"]))
def test_random_text_tables_give_figures_or_a_refusal(cells: list[str], delimiter: str) -> None:
    header = (
        "email,event,timestamp"
        if len(cells) % 2
        else "Title,Total Recipients,Successful Deliveries,Unique Opens"
    )
    body = "\n".join(delimiter.join([c] * 3) for c in cells)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(header.replace(",", delimiter) + "\n" + body + "\n", encoding="utf-8")
        try:
            read_file(path)
        except StatsRefused as refused:
            assert refused.code
