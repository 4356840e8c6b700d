"""DuckDB and the Python reader give the same activity figures, or the same refusal.

The Python reader is the reference: random activity files (duplicates, case and spaces in
addresses, event spellings, timestamps in every form, quoted cells, blank and short lines,
A/B variants) and the activity files of the corpus go through ``read_file`` once with each
engine, and everything a user sees or the workspace stores must be equal.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.core.errors import StatsRefused
from crmdesk.core.stats import columnar
from crmdesk.core.stats.imports import Parsed, detect, read_file
from tests.conftest import corpus_params

SEND = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)


@dataclass
class Outcome:
    parsed: Parsed | None
    refusal: tuple[str, str] | None
    #: Whether DuckDB gave the counts (False: it declined, or was not asked).
    by_duckdb: bool


@contextmanager
def _engine(name: str) -> Iterator[list[bool]]:
    """``read_file`` with DuckDB asked for any size ("columnar") or never ("python"); the
    list yielded tells whether DuckDB's counts were used."""
    answered: list[bool] = []
    real = columnar.count

    def spy(*args: Any, **kwargs: Any) -> columnar.Counted | None:
        counted = real(*args, **kwargs)
        answered.append(counted is not None and bool(counted.combos))
        return counted

    threshold = 0 if name == "columnar" else 1 << 62
    with (
        mock.patch.object(columnar, "MIN_BYTES", threshold),
        mock.patch.object(columnar, "count", spy),
    ):
        yield answered


def read(path: Path, engine: str, send_at: datetime | None = SEND, **kwargs: Any) -> Outcome:
    with _engine(engine) as answered:
        try:
            parsed = read_file(path, send_at=send_at, **kwargs)
        except StatsRefused as refused:
            return Outcome(None, (refused.code, refused.message), any(answered))
    return Outcome(parsed, None, any(answered))


def assert_same(path: Path, **kwargs: Any) -> Outcome:
    """Both engines on ``path``: equal figures, breakdowns, rows, notes, digest… or refusal."""
    python = read(path, "python", **kwargs)
    duck = read(path, "columnar", **kwargs)
    assert not python.by_duckdb
    assert duck.refusal == python.refusal
    assert duck.parsed == python.parsed
    return duck


# --- random files ---------------------------------------------------------------------------

LOCALS = ("marie", "Marie", "jean.dupont", "JEAN.DUPONT", "a+promo", "x_1")
DOMAINS = (
    "orange.fr", "wanadoo.fr", "gmail.com", "GMail.com", "googlemail.com", "free.fr",
    "sfr.fr", "neuf.fr", "laposte.net", "hotmail.fr", "outlook.com", "live.be", "msn.com",
    "yahoo.fr", "ymail.com", "icloud.com", "me.com", "bbox.fr", "exemple.fr", "yahoo",
)  # fmt: skip
#: Domains the Python reader strips or splits otherwise than plainly: DuckDB leaves them.
ODD_DOMAINS = ("gmail.com.", "outlook.", " free.fr", "free.fr ", "b@gmail.com", "gmail.com\t")
CLEAN_EVENTS = (
    "delivered", "delivered", "open", "open", "click", "hard_bounce", "soft_bounce",
    "unsubscribe", "complaint", "sent", "opened", "clicked", "spam",
)  # fmt: skip
ODD_EVENTS = (" open", "OPEN", "Click ", "HardBounce", "bounce", "read", "", "ouvert")
STAMP_FORMS = (
    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S+02:00",
    "%Y-%m-%dT%H:%M:%S-05:30", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M", "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S.%fZ",
)  # fmt: skip
ODD_STAMPS = (
    "", "yesterday", "2026-02-30T10:00:00", "2026-11-03T24:00:00", " 2026-11-03T10:00:00 ",
    "2026-11-03T9:30", "20261103T101500", "2026-11-03T10:00:00.1234567", "2026-11-03T10",
    "0001-01-01T00:00:00", "2026-11-03T10:00:00+0100",
)  # fmt: skip

address = st.builds(
    lambda local, domain: f"{local}@{domain}", st.sampled_from(LOCALS), st.sampled_from(DOMAINS)
)
odd_address = st.one_of(
    st.sampled_from(
        ("", "sans-arobase", "josé@orange.fr", "İnci@gmail.com", " marie@free.fr", "marie@free.fr ")
    ),
    st.builds(
        lambda local, domain: f"{local}@{domain}",
        st.sampled_from(LOCALS),
        st.sampled_from(ODD_DOMAINS),
    ),
)
moment = st.integers(min_value=-30 * 3600, max_value=90 * 3600).map(
    lambda seconds: SEND + timedelta(seconds=seconds, microseconds=seconds % 7 * 1000)
)
stamp = st.builds(
    lambda at, form, shift: (at.replace(tzinfo=None) + timedelta(hours=shift)).strftime(form),
    moment,
    st.sampled_from(STAMP_FORMS),
    st.sampled_from((0, 0, 2, -5)),
)


@st.composite
def activity_file(draw: st.DrawFn, *, messy: bool) -> bytes:
    """An activity export: random column order, separator, variants, rows; ``messy`` adds
    what either engine may refuse or read otherwise."""
    columns = ["email", "event", "timestamp"]
    if draw(st.booleans()):
        columns.append("variant")
    if draw(st.booleans()):
        columns.append("note")
    columns = draw(st.permutations(columns))
    delimiter = draw(st.sampled_from((",", ";", "\t")))
    newline = draw(st.sampled_from(("\n", "\r\n", "\r")))
    people = draw(st.lists(address, min_size=1, max_size=8))
    rows: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=40))):
        event = draw(st.sampled_from(CLEAN_EVENTS))
        cells = {
            "email": draw(st.sampled_from(people)),
            "event": event,
            "timestamp": draw(stamp),
            "variant": draw(st.sampled_from(("A", "B"))),
            "note": draw(st.sampled_from(("", "x", "a;b,c", 'dit "oui"'))),
        }
        if messy:
            if draw(st.integers(0, 9)) == 0:
                cells["email"] = draw(odd_address)
            if draw(st.integers(0, 9)) == 0:
                cells["event"] = draw(st.sampled_from(ODD_EVENTS))
            if draw(st.integers(0, 9)) == 0:
                cells["timestamp"] = draw(st.sampled_from(ODD_STAMPS))
            if draw(st.integers(0, 9)) == 0:
                cells["variant"] = draw(st.sampled_from((" A", "A ", "", "b")))
        fields = [cells[name] for name in columns]
        quote_all = draw(st.booleans())
        line = delimiter.join(
            _quoted(value, delimiter, force=quote_all and draw(st.booleans())) for value in fields
        )
        if messy:
            shape = draw(st.integers(0, 18))
            if shape == 0:
                line = ""  # a blank line
            elif shape == 1:
                line = delimiter * (len(columns) - 1)  # a row of empty cells
            elif shape == 2:
                line = delimiter.join(
                    _quoted(v, delimiter) for v in fields[: draw(st.integers(1, len(fields)))]
                )
            elif shape == 3:
                line += delimiter + "extra"
            elif shape == 4:
                line = '"' + line  # an unterminated quote
            elif shape == 5:
                line = "   "  # spaces only
            elif shape == 6:
                line += delimiter + '"a line\nbreak"'  # a quoted line break, in an extra cell
            elif shape == 7:
                line = '"ab"c' + delimiter + line  # text after a closing quote
            elif shape == 8:
                line = line.replace("@", '"@', 1)  # a quote inside an unquoted cell
        rows.append(line)
    header = delimiter.join(_quoted(name, delimiter, force=draw(st.booleans())) for name in columns)
    text = newline.join([header, *rows])
    if draw(st.booleans()):
        text += newline
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


def _quoted(value: str, delimiter: str, *, force: bool = False) -> str:
    if force or any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


@contextmanager
def _written(content: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activity.csv"
        path.write_bytes(content)
        yield path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activity_file(messy=False))
def test_duckdb_counts_clean_files_as_the_python_reader_does(content: bytes) -> None:
    with _written(content) as path:
        outcome = assert_same(path)
        # A clean file is DuckDB's to count (when it has people to count at all).
        assert outcome.by_duckdb or outcome.refusal is not None


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activity_file(messy=True))
def test_messy_files_give_the_same_figures_or_the_same_refusal(content: bytes) -> None:
    with _written(content) as path:
        assert_same(path)


# --- fixed cases ----------------------------------------------------------------------------


def _file(tmp_path: Path, text: str, name: str = "activity.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_a_b_file_is_counted_by_duckdb_with_every_figure_equal(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "email,event,timestamp,variant\n"
        "Jeanne@Orange.fr,delivered,2026-11-03T09:30:05,A\n"
        "jeanne@orange.fr,open,2026-11-03T09:45:00,A\n"
        "jeanne@orange.fr,open,2026-11-03T20:10:00+01:00,A\n"
        "jeanne@orange.fr,click,2026-11-03T09:46:10Z,A\n"
        "paul@wanadoo.fr,delivered,2026-11-03T09:30:06,B\n"
        "\n"
        "lea@hotmail.fr,hard_bounce,2026-11-03T09:30:07,B\n"
        "lea@hotmail.fr,open,2026-11-07T09:30:07,B\n",
    )
    outcome = assert_same(path)
    assert outcome.by_duckdb and outcome.parsed is not None
    a, b = outcome.parsed.figures["A"], outcome.parsed.figures["B"]
    assert (a.sent, a.delivered, a.unique_opens, a.total_opens, a.unique_clicks) == (1, 1, 1, 2, 1)
    assert (b.sent, b.delivered, b.hard_bounces, b.unique_opens) == (2, 2, 1, 1)
    assert outcome.parsed.rows == 7  # the blank line is not a row
    hours = {
        x.key: (x.opens, x.clicks) for _, x in outcome.parsed.breakdowns if x.dimension == "hour"
    }
    assert hours == {"0": (1, 1), "9": (1, 0), "72+": (1, 0)}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("email,event,timestamp\nmarie@orange.fr,opened-ish,2026-11-03T10:00:00\n", "bad_event"),
        ("email,event,timestamp\nmarie@orange.fr,open,2026-11-03T24:00:00\n", "bad_date"),
        ("email,event,timestamp\nmarie-orange.fr,open,2026-11-03T10:00:00\n", "malformed"),
        ("email,event,timestamp,variant\nmarie@orange.fr,open\n", "malformed"),
        ("email,event,timestamp\n,,\n,,\n", "inconsistent"),
        ("email,event,timestamp\n\n\n", "empty"),
        ("email,event,timestamp\nmarie@orange.fr,open,2026-11-03T10:00:00\n\x00\n", "malformed"),
    ],
)
def test_refusals_are_the_python_readers_word_for_word(
    tmp_path: Path, text: str, code: str
) -> None:
    outcome = assert_same(_file(tmp_path, text))
    assert outcome.refusal is not None and outcome.refusal[0] == code


def test_mailchimp_bounces_take_their_kind_from_the_bounce_type_column(tmp_path: Path) -> None:
    header = "email_address,action,timestamp,bounce_type\n"
    rows = (
        "a@free.fr,sent,2026-11-03T09:30:00,\n"
        "a@free.fr,bounce,2026-11-03T09:31:00,soft\n"
        "b@gmail.com,sent,2026-11-03T09:30:00,\n"
        "b@gmail.com,bounce,2026-11-03T09:31:00,hard\n"
        "c@gmail.com,sent,2026-11-03T09:30:00,\n"
        "c@gmail.com,open,2026-11-03T11:00:00Z,\n"
    )
    outcome = assert_same(_file(tmp_path, header + rows))
    assert outcome.by_duckdb and outcome.parsed is not None
    figures = outcome.parsed.figures[""]
    assert (figures.sent, figures.delivered, figures.soft_bounces, figures.hard_bounces) == (
        3,
        1,
        1,
        1,
    )
    # A bounce row cut before its kind is a hard bounce for both (it used to be a traceback).
    cut = _file(tmp_path, header + rows + "d@free.fr,bounce,2026-11-03T09:31:00\n", "cut.csv")
    outcome = assert_same(cut)
    assert outcome.parsed is not None and outcome.parsed.figures[""].hard_bounces == 2


def test_windows_1252_and_mailup_files_stay_with_the_python_reader(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "email;event;timestamp\nhélène@free.fr;open;2026-11-03T10:00:00\n".encode("cp1252")
    )
    outcome = assert_same(path)
    assert not outcome.by_duckdb and outcome.parsed is not None
    assert outcome.parsed.encoding == "cp1252"


def test_without_a_send_time_the_python_reader_counts(tmp_path: Path) -> None:
    path = _file(tmp_path, "email,event,timestamp\na@free.fr,open,2026-11-03T10:00:00\n")
    outcome = assert_same(path, send_at=None)
    assert not outcome.by_duckdb and outcome.parsed is not None


def test_cancelling_while_duckdb_reads_writes_nothing(tmp_path: Path) -> None:
    lines = ["email,event,timestamp"]
    lines += [f"p{i}@gmail.com,open,2026-11-03T10:00:00" for i in range(2000)]
    path = _file(tmp_path, "\n".join(lines) + "\n")
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 2  # the import's own first call, then DuckDB's

    with _engine("columnar"), pytest.raises(StatsRefused) as refused:
        read_file(path, send_at=SEND, progress=progress)
    assert refused.value.code == "cancelled"


def test_progress_reaches_the_whole_file(tmp_path: Path) -> None:
    path = _file(tmp_path, "email,event,timestamp\na@free.fr,delivered,2026-11-03T10:00:00\n")
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    with _engine("columnar") as answered:
        read_file(path, send_at=SEND, progress=progress)
    assert answered == [True]
    assert calls[-1] == (path.stat().st_size, path.stat().st_size)


def test_small_files_are_left_to_python_by_default(tmp_path: Path) -> None:
    path = _file(tmp_path, "email,event,timestamp\na@free.fr,delivered,2026-11-03T10:00:00\n")
    with mock.patch.object(columnar, "count", wraps=columnar.count) as count:
        read_file(path, send_at=SEND)
    count.assert_not_called()


# --- the corpus -----------------------------------------------------------------------------


def _is_activity(path: Path) -> bool:
    try:
        return detect(path).layout == "activity"
    except StatsRefused:
        return False


def _activity_corpus() -> list[Any]:
    """The corpus's activity exports (Mailchimp's recipient activity, MailUp's statistics…);
    the corpus's own skip reason when it is not there."""
    params = corpus_params("**/*.csv", within="esp_csv")
    kept = [p for p in params if p.values[0] is None or _is_activity(p.values[0])]
    reason = "no activity export in the corpus's esp_csv folder"
    return kept or [pytest.param(None, id="no-activity", marks=pytest.mark.skip(reason=reason))]


@pytest.mark.parametrize("path", _activity_corpus())
def test_corpus_activity_files_give_the_same_figures(path: Path) -> None:
    assert_same(path)
    assert_same(path, send_at=None)
