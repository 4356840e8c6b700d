"""Activity exports counted by DuckDB: the Python reader's figures in one scan of C++.

A million-row export costs Python's ``csv`` about 0.5 s to merely read, and the Python
aggregation about as much again per row of work it does; DuckDB reads, parses and aggregates
the same file in one scan with one thread. It is only asked when it can give exactly what
``activity._Aggregator`` gives: a UTF-8 file of at least ``MIN_BYTES`` (below, loading DuckDB
costs more than the Python loop), events and addresses in ASCII (Python's and DuckDB's case
folding differ past it), timestamps in the plain ISO 8601 forms both parse alike, no zone for
naive times but UTC, a send time to count the hours from. Anything else — a row the Python
reader would refuse, a quirk DuckDB's reader takes differently or not at all (an unterminated
quote, a line break inside quotes, a row longer than the header, a NUL byte, Windows-1252) —
makes ``count`` return None and the Python reader runs, so refusals keep their wording and
line numbers. ``tests/core/stats/test_activity_engines.py`` holds both engines equal on
random files and on the corpus.

Memory: DuckDB's reader keeps a 1 MiB buffer (its non-parallel reader would hold the whole
file), its hash tables spill to a temporary folder past ``MEMORY_LIMIT``.
"""

from __future__ import annotations

import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmdesk.core.stats.csvfile import BUFFER_BYTES, CsvSource, Progress, cancelled

if TYPE_CHECKING:
    from crmdesk.core.stats.activity import ActivityLayout

#: Smaller files go to the Python reader: importing DuckDB and connecting (~0.1 s of CPU,
#: 0.2–0.3 s on a cold disk) is what Python needs for about 150,000 rows (8 MB).
MIN_BYTES = 8 * 1024 * 1024
#: DuckDB's own memory (its hash tables; its code and the process's Python come on top, about
#: 90 MB): past it, the aggregation spills to a temporary folder, so a 5M-row file stays
#: under 200 MB in all.
MEMORY_LIMIT = "70MB"
#: How often the progress callback is called while DuckDB reads.
POLL_SECONDS = 0.1
_HOUR_US = 3_600_000_000
#: The combination of a row the Python reader would refuse (above any event bits and group).
REFUSED = 1 << 20
#: What Python's ``str.strip()`` removes from an ASCII string.
_WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
#: The timestamps both engines read alike: Python's ``datetime.fromisoformat`` and DuckDB's
#: cast to TIMESTAMPTZ (which takes more: "9:30", "24:00", spaces).
_ISO_TIMESTAMP = (
    r"(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)?"
)


@dataclass
class Counted:
    """What the scan counted, per variant: people per event-bits combination (provider group
    above the bits, as the Python reader keys them), open and click events per hour slot."""

    rows: int = 0
    combos: dict[str, Counter[int]] = field(default_factory=dict)
    opens: dict[str, Counter[int]] = field(default_factory=dict)
    clicks: dict[str, Counter[int]] = field(default_factory=dict)


def suitable(
    source: CsvSource, layout: ActivityLayout, send_at: datetime | None, *, any_size: bool = False
) -> bool:
    """Whether DuckDB is worth asking for this file (a cheap sniff: its format was guessed
    from its first bytes by ``csvfile.sniff``); ``any_size`` asks it for small files too."""
    return (
        send_at is not None
        and (any_size or source.size >= MIN_BYTES)
        and source.format.encoding in ("utf-8", "utf-8-sig")
        and source.format.delimiter in (",", ";", "\t")
        and layout.timezone is None
        and _starts_with_header(source.path)
    )


def _starts_with_header(path: Path) -> bool:
    """The caller takes the first line as the header, blank or not; DuckDB may skip a blank
    one: a file opening on a blank line stays with Python."""
    with path.open("rb") as handle:
        start = handle.read(4).removeprefix(b"\xef\xbb\xbf")
    return bool(start) and start[:1] not in (b"\r", b"\n")


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _lookup(expression: str, table: dict[str, int]) -> str:
    """A CASE mapping ``expression`` through ``table`` (NULL when absent)."""
    if not table:
        return "NULL"
    cases = " ".join(f"WHEN {_text(raw)} THEN {value}" for raw, value in table.items())
    return f"(CASE {expression} {cases} END)"


def _query(layout: ActivityLayout, width: int, delimiter: str, origin_us: int) -> str:
    """The one-scan plan: rows classified as the Python reader's fast and slow paths do,
    grouped by (variant, address hash) for the people and by (variant, hour, event) for the
    events, then reduced to combinations; ``refused`` marks a row Python would refuse or
    might read otherwise.

    What costs per row is kept to the rows that need it (DuckDB evaluates a CASE branch only
    for the rows reaching it): ``trim`` is slow in DuckDB, so addresses are trimmed only on
    the slow path, variants are stripped by Python afterwards, and a domain is only checked
    for spaces and trailing dots when it matched no provider as it is.
    """
    from crmdesk.core.stats import activity

    bits, bounce = activity.event_bits(layout)
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    ws = _text(_WHITESPACE)
    email, event, stamp = f"c{layout.email}", f"c{layout.event}", f"c{layout.timestamp}"
    variant = f"c{layout.variant}" if layout.variant >= 0 else "''"
    last = f"c{max(layout.email, layout.event, layout.timestamp, layout.variant)}"
    blank = " AND ".join(f"coalesce(c{i}, '') = ''" for i in range(width))
    # The slow path: any spelling the table knows, as is, lower-cased or upper-cased; -1 is a
    # bounce whose kind another column tells.
    every = {raw: bits.get(raw, -1) for raw in layout.events}
    folded = f"trim({event}, {ws})"
    slow_event = (
        f"coalesce({_lookup(event, every)}, {_lookup(f'lower({folded})', every)}, "
        f"{_lookup(f'upper({folded})', every)})"
    )
    if bounce and layout.bounce_kind >= 0:
        raw_kind = f"c{layout.bounce_kind}"
        kind = f"lower(trim({raw_kind}, {ws}))"
        bounce_bit = (
            f"CASE WHEN {raw_kind} IS NULL OR strlen({raw_kind}) <> length({raw_kind}) "
            f"THEN NULL WHEN starts_with({kind}, 'soft') OR starts_with({kind}, '4') "
            "THEN 8 ELSE 4 END"
        )
    else:
        bounce_bit = "4"
    groups = activity.DOMAIN_GROUPS
    exact = " ".join(
        f"WHEN {_text(domain)} THEN {groups.index(group)}"
        for domain, group in activity.EXACT_DOMAINS.items()
    )
    prefixed = " ".join(
        f"WHEN starts_with(domain, {_text(prefix)}) THEN {groups.index(group)}"
        for prefix, group in activity.PREFIX_DOMAINS
    )
    odd = _text(f"^[{_WHITESPACE}]|[{_WHITESPACE}.]$")
    group = (
        f"CASE domain {exact} ELSE CASE WHEN contains(domain, '@') THEN -1 {prefixed} "
        f"WHEN regexp_matches(domain, {odd}) THEN -1 ELSE {groups.index('other')} END END"
        if layout.has_domains
        else "0"
    )
    no_at = "at_sign = 0 OR grp < 0" if layout.has_domains else "false"
    variant_bad = f"{variant} IS NULL" if layout.variant >= 0 else "false"
    # Without a variant column, the groups are keyed by the address hash alone (memory).
    variant_column = "variant," if layout.variant >= 0 else ""
    variant_output = "variant" if layout.variant >= 0 else "''"
    return f"""
    WITH cells AS (
        SELECT *, CASE WHEN {email} IS NOT NULL THEN {_lookup(event, bits)} END AS fast
        FROM read_csv(?, columns = {{{columns}}}, header = true, delim = {_text(delimiter)},
            quote = '"', escape = '"', null_padding = true, strict_mode = true,
            nullstr = '\x01\x02\x03', auto_detect = false, encoding = 'utf-8',
            parallel = true, buffer_size = {BUFFER_BYTES})
    ), classified AS (
        SELECT {variant} AS variant, {stamp} AS stamp, {variant_bad} AS variant_bad,
            CASE
                WHEN fast IS NOT NULL THEN fast
                WHEN {blank} THEN 0
                WHEN {last} IS NULL OR strlen({event}) <> length({event}) THEN NULL
                WHEN {slow_event} = -1 THEN {bounce_bit}
                ELSE {slow_event}
            END AS bit,
            CASE WHEN fast IS NOT NULL THEN lower({email})
                ELSE lower(trim({email}, {ws})) END AS address
        FROM cells
    ), located AS (
        SELECT *, strpos(address, '@') AS at_sign,
            substr(address, strpos(address, '@') + 1) AS domain
        FROM classified
    ), keyed AS (
        SELECT *, CASE WHEN bit <> 0 OR bit IS NULL THEN hash(coalesce(address, '')) END AS key,
            CASE WHEN bit IN (16, 32) THEN bit END AS hour_bit,
            CASE WHEN bit IN (16, 32) AND regexp_full_match(stamp, {_text(_ISO_TIMESTAMP)})
                THEN epoch_us(TRY_CAST(stamp AS TIMESTAMPTZ)) - {origin_us} END AS after
        FROM (SELECT *, {group} AS grp FROM located)
    ), hours AS (
        SELECT {variant_column} key, hour_bit,
            CASE WHEN after >= 0 THEN after // {_HOUR_US}
                ELSE -((-after - 1) // {_HOUR_US}) - 1 END AS slot,
            CASE WHEN bit IS NULL OR (bit <> 0 AND (variant_bad
                OR strlen(address) <> length(address) OR {no_at}
                OR (hour_bit IS NOT NULL AND after IS NULL))) THEN {REFUSED}
                ELSE bit | (grp << 8) END AS combo
        FROM keyed
    ), grouped AS (
        SELECT {variant_column} key, slot, hour_bit, bit_or(combo) AS combo,
            count(*) AS events, grouping(key) AS by_hour
        FROM hours
        GROUP BY GROUPING SETS (({variant_column} key), ({variant_column} slot, hour_bit))
    )
    SELECT by_hour, {variant_output} AS variant,
        CASE WHEN by_hour = 1 THEN slot ELSE combo END AS value,
        hour_bit, count(*) AS people, sum(events) AS events
    FROM grouped
    WHERE by_hour = 1 OR key IS NOT NULL
    GROUP BY ALL
    """


def count(
    source: CsvSource,
    headers: list[str],
    layout: ActivityLayout,
    origin: datetime,
    progress: Progress | None = None,
) -> Counted | None:
    """The file's counts by DuckDB, or None when the Python reader must read it (a row it
    would refuse, a quirk DuckDB reads otherwise, DuckDB missing or out of memory).

    DuckDB runs on a worker thread while this thread hashes the file (``source.sha256``, which
    the caller asks next), looks for NUL bytes and reports progress; cancelling interrupts it.
    """
    try:
        import duckdb
    except ImportError:
        return None
    origin_us = (origin - datetime(1970, 1, 1)) // timedelta(microseconds=1)
    sql = _query(layout, len(headers), source.format.delimiter, origin_us)
    spill = tempfile.TemporaryDirectory(prefix="crmdesk-duckdb-")
    try:
        connection = duckdb.connect(
            config={
                "threads": 1,
                "memory_limit": MEMORY_LIMIT,
                "temp_directory": spill.name,
                "preserve_insertion_order": False,
                "autoinstall_known_extensions": False,
                "autoload_known_extensions": False,
            }
        )
        # Naive timestamps are UTC, as the Python reader takes them.
        connection.execute("SET TimeZone = 'UTC'")
        # Progress is asked by ``query_progress``; DuckDB must not print it to stdout.
        connection.execute("SET enable_progress_bar = true")
        connection.execute("SET enable_progress_bar_print = false")
    except duckdb.Error:
        spill.cleanup()
        return None
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["rows"] = connection.execute(sql, [str(source.path)]).fetchall()
        except Exception as exc:  # noqa: BLE001 - any DuckDB failure means: Python reads it
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="crmdesk-duckdb", daemon=True)
    worker.start()
    try:
        source.sha256()
        if _has_nul(source.path):
            return None
        while True:
            if progress is not None:
                done = 1.0 if not worker.is_alive() else connection.query_progress() / 100
                if progress(int(source.size * min(max(done, 0.0), 1.0)), source.size) is False:
                    raise cancelled(source.name)
            if not worker.is_alive():
                break
            worker.join(POLL_SECONDS)
    finally:
        # Cancelled, a NUL found, or the progress callback failed: DuckDB stops reading.
        if worker.is_alive():
            connection.interrupt()
        worker.join()
        connection.close()
        spill.cleanup()
    if "error" in outcome:
        return None
    return _counted(outcome["rows"])


def _has_nul(path: Path) -> bool:
    """Whether the file holds a NUL byte (the Python reader refuses it, naming the line)."""
    with path.open("rb") as handle:
        while chunk := handle.read(BUFFER_BYTES):
            if b"\x00" in chunk:
                return True
    return False


def _counted(rows: list[tuple[Any, ...]]) -> Counted | None:
    """The counts per variant, stripped as the Python reader strips them (by Python: DuckDB's
    trim is slow and knows only ASCII spaces); None when a row was refused, or when two
    spellings of a variant ("A", "A ") would have to merge people counted apart."""
    counted = Counted()
    spellings: dict[str, str] = {}
    for by_hour, raw, value, hour_bit, people, events in rows:
        variant = raw.strip() if raw is not None else ""
        if by_hour:
            counted.rows += events
            if hour_bit is not None:
                side = counted.opens if hour_bit == 16 else counted.clicks
                side.setdefault(variant, Counter())[value] += events
            continue
        if value is None or value >= REFUSED or spellings.setdefault(variant, raw) != raw:
            return None
        counted.combos.setdefault(variant, Counter())[value] += people
    return counted
