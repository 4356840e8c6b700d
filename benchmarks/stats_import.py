"""Reading a 1,000,000-row activity CSV: time against csv.reader merely reading it, peak memory.

Targets (issue 7): read_file ≤ 2× the time of ``csv.reader`` iterating the same file; peak
memory of the import ≤ 200 MB. Each measurement runs in a fresh subprocess (so memory is the
import's own: ru_maxrss), the best of ``--repeats`` runs is kept. Exit status 1 when a target
is missed.

    python3 benchmarks/stats_import.py [--rows 1000000] [--repeats 3] [--keep FILE]
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
    from crmdesk.core.stats.imports import read_file
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
print(json.dumps({"seconds": elapsed, "cpu": cpu, "maxrss_mb": peak, "rows": rows}))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the CSV here instead of a temp folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "activity.csv"
        write_activity(path, args.rows)
        size = path.stat().st_size / 1024**2
        print(f"activity CSV: {args.rows:,} rows, {size:.1f} MB")
        baseline = [measure("csv", path) for _ in range(args.repeats)]
        ours = [measure("import", path) for _ in range(args.repeats)]
    base = min(r["seconds"] for r in baseline)
    best = min(r["seconds"] for r in ours)
    peak = max(r["maxrss_mb"] for r in ours)
    ratio = best / base
    spread = " ".join(f"{r['seconds']:.2f}" for r in ours)
    print(f"csv.reader merely reading:  {base:.3f} s (best of {args.repeats})")
    print(f"read_file (aggregation):    {best:.3f} s (best of {args.repeats}; runs: {spread})")
    base_cpu = min(r["cpu"] for r in baseline)
    best_cpu = min(r["cpu"] for r in ours)
    print(
        f"CPU time (process_time):    {base_cpu:.3f} s vs {best_cpu:.3f} s, "
        f"ratio {best_cpu / base_cpu:.2f}x (less sensitive to other load)"
    )
    ok_time = ratio <= 2.0
    ok_memory = peak <= 200
    print(f"ratio:                      {ratio:.2f}x  (target <= 2x) {'ok' if ok_time else 'SLOW'}")
    verdict = "ok" if ok_memory else "OVER"
    print(f"peak memory (ru_maxrss):    {peak:.0f} MB (target <= 200 MB) {verdict}")
    return 0 if ok_time and ok_memory else 1


if __name__ == "__main__":
    sys.exit(main())
