"""Reading 1,000,000- and 5,000,000-row activity CSVs: time against csv.reader merely reading
them, and peak memory.

Targets (issues 7 and 21): read_file ≤ 2× the time of ``csv.reader`` iterating the same file;
peak memory of the import ≤ 200 MB, at 1M and 5M rows. Each measurement runs in a fresh
subprocess (so memory is the import's own: ru_maxrss); the two are run alternately, so that
other load on the machine hits both alike; the best of ``--repeats`` runs of each is kept.
``--python`` adds the Python reader alone (DuckDB switched off) as a third, alternated,
side. ``--json`` prints only {"import_1m_ratio": …, "import_1m_peak_mb": …, …} for
benchmarks/table.py. Exit status 1 when a target is missed.

    python3 benchmarks/stats_import.py [--rows 1000000,5000000] [--repeats 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

DOMAINS = (
    "orange.fr", "gmail.com", "free.fr", "sfr.fr", "laposte.net", "hotmail.fr", "yahoo.fr",
    "icloud.com", "wanadoo.fr", "bbox.fr", "outlook.com", "exemple.fr",
)  # fmt: skip

CHILD = r"""
import csv, json, resource, sys, time
from datetime import datetime, UTC
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
if mode != "csv":
    # Loading crmdesk's modules (SQLAlchemy…) is the application's start, not the file's import.
    # DuckDB is not loaded: the import loads it when it needs it, and that is timed.
    from crmdesk.core.stats.imports import read_file
if mode == "python":
    from crmdesk.core.stats import columnar
    columnar.MIN_BYTES = 1 << 62
start, cpu = time.perf_counter(), time.process_time()
if mode == "csv":
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            pass
    rows = None
else:
    parsed = read_file(path, send_at=datetime(2026, 11, 3, 9, 30, tzinfo=UTC))
    rows = parsed.rows
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
loaded = "duckdb" in sys.modules
figures = {"seconds": elapsed, "cpu": cpu, "maxrss_mb": peak, "rows": rows, "duckdb": loaded}
print(json.dumps(figures))
"""


def write_activity(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic export: one delivered row per recipient, ~35 % opening 1–3 times, ~6 %
    clicking, 1 % hard bounces, a few unsubscribes; timestamps over three days."""
    rng = random.Random(seed)
    send = datetime(2026, 11, 3, 9, 30)
    written = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write("email,event,timestamp\n")
        person = 0
        while written < rows:
            person += 1
            address = f"prenom.nom{person}@{DOMAINS[person % len(DOMAINS)]}"
            at = send + timedelta(seconds=rng.randrange(900))
            luck = rng.random()
            if luck < 0.01:
                out.write(f"{address},hard_bounce,{at.isoformat()}\n")
                written += 1
                continue
            out.write(f"{address},delivered,{at.isoformat()}\n")
            written += 1
            if luck < 0.35:
                for _ in range(rng.choice((1, 1, 2, 3))):
                    if written < rows:
                        later = at + timedelta(seconds=rng.randrange(3 * 86400))
                        out.write(f"{address},open,{later.isoformat()}\n")
                        written += 1
                if luck < 0.06 and written < rows:
                    later = at + timedelta(seconds=rng.randrange(3 * 86400))
                    out.write(f"{address},click,{later.isoformat()}Z\n")
                    written += 1
                if luck < 0.004 and written < rows:
                    out.write(f"{address},unsubscribe,{at.isoformat()}\n")
                    written += 1


def measure(mode: str, path: Path) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=root,
    )
    return json.loads(done.stdout)


def label(rows: int) -> str:
    return f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else str(rows)


def run(rows: int, folder: Path, repeats: int, python: bool, quiet: bool) -> dict[str, float]:
    """One file size: csv, import (and the Python reader) alternately, ``repeats`` times."""
    path = folder / f"activity-{rows}.csv"
    if not path.exists():
        write_activity(path, rows)
    modes = ["csv", "import", *(["python"] if python else [])]
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    for _ in range(repeats):
        for mode in modes:
            runs[mode].append(measure(mode, path))
    base = min(r["seconds"] for r in runs["csv"])
    best = min(r["seconds"] for r in runs["import"])
    peak = max(r["maxrss_mb"] for r in runs["import"])
    pairs = sorted(
        i["seconds"] / c["seconds"] for c, i in zip(runs["csv"], runs["import"], strict=True)
    )
    if not quiet:
        size = path.stat().st_size / 1024**2
        print(f"activity CSV: {rows:,} rows, {size:.1f} MB; {repeats} alternated runs each")
        for mode, name in (
            ("csv", "csv.reader merely reading"),
            ("import", "read_file (auto engine)"),
            ("python", "read_file (Python reader)"),
        ):
            if mode in runs:
                spread = " ".join(f"{r['seconds']:.2f}" for r in runs[mode])
                fastest = min(r["seconds"] for r in runs[mode])
                cpu = min(r["cpu"] for r in runs[mode])
                rss = max(r["maxrss_mb"] for r in runs[mode])
                loaded = " (DuckDB loaded)" if any(r.get("duckdb") for r in runs[mode]) else ""
                print(
                    f"  {name:27s} {fastest:6.3f} s best (runs: {spread}); "
                    f"CPU {cpu:.3f} s; peak {rss:.0f} MB{loaded}"
                )
        base_cpu = min(r["cpu"] for r in runs["csv"])
        best_cpu = min(r["cpu"] for r in runs["import"])
        verdict = "ok" if best / base <= 2.0 else "SLOW"
        print(
            f"  ratio {best / base:.2f}x best/best (paired runs {pairs[0]:.2f}–{pairs[-1]:.2f}x), "
            f"CPU ratio {best_cpu / base_cpu:.2f}x (target <= 2x) {verdict}"
        )
        if "python" in runs:
            slow = min(r["seconds"] for r in runs["python"])
            print(f"  Python reader alone: {slow / base:.2f}x")
        print(f"  peak memory {peak:.0f} MB (target <= 200 MB) {'ok' if peak <= 200 else 'OVER'}")
    return {f"import_{label(rows)}_ratio": best / base, f"import_{label(rows)}_peak_mb": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000,5000000", help="comma-separated row counts")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the CSVs in this folder (reused)")
    parser.add_argument("--python", action="store_true", help="also time the Python reader")
    parser.add_argument("--json", action="store_true", help="print only the figures, as JSON")
    args = parser.parse_args()
    sizes = [int(part) for part in args.rows.split(",") if part.strip()]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for rows in sizes:
            figures |= run(rows, folder, args.repeats, args.python, args.json)
    if args.json:
        print(json.dumps({key: round(value, 3) for key, value in figures.items()}))
    ok = all(value <= (2.0 if key.endswith("_ratio") else 200) for key, value in figures.items())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
