"""The whole speed table of issue 21 in one command, each figure from its own benchmark.

Each benchmark runs in a process of its own with ``--json`` and measures its ratios alternately
against its floor (a bare window, ``csv.reader``, an empty page), so machine noise hits both
sides alike. Workspaces are built once under ``--folder`` and reused.

    python3 benchmarks/table.py [--folder /tmp/bench21] [--quick]

``--quick`` takes fewer samples and skips the 5M-row import (a few minutes instead of ~20).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (row label, key, unit, target) in the issue's order; a unit of "×" is a ratio.
ROWS = (
    ("start-up to a populated calendar, 20k campaigns", "startup_20k_ratio", "×", "≤ 2.0×"),
    ("the same at 100k campaigns", "startup_100k_ratio", "×", "≤ 2.5×"),
    ("start-up to the whole window (second step), 20k", "startup_20k_complete_ratio", "×", "–"),
    ("the same at 100k", "startup_100k_complete_ratio", "×", "–"),
    ("month paging, 100k (median)", "paging_100k_median_ms", "ms", "≤ 16 ms"),
    ("jump to a month not read yet, 100k (p90)", "jump_100k_p90_ms", "ms", "≤ 50 ms"),
    ("longest GUI-thread stall while paging, 100k", "gui_stall_100k_max_ms", "ms", "≤ 50 ms"),
    ("read-ahead of a neighbouring month, 100k (worker)", "readahead_100k_max_ms", "ms", "–"),
    ("peak memory after browsing, 100k", "peak_100k_mb", "MB", "≤ 250 MB"),
    ("peak memory at start-up, 100k", "startup_100k_peak_mb", "MB", "≤ 250 MB"),
    ("month paging, 20k (median)", "paging_20k_median_ms", "ms", "no slower than 5.8 ms"),
    ("activity import, 1M rows, ratio to csv.reader", "import_1m_ratio", "×", "≤ 2×"),
    ("its peak memory", "import_1m_peak_mb", "MB", "≤ 200 MB"),
    ("the same at 5M rows", "import_5m_ratio", "×", "≤ 2×"),
    ("its peak memory", "import_5m_peak_mb", "MB", "≤ 200 MB"),
    ("recap PDF, cold chart cache, ratio to an empty page", "recap_cold_ratio", "×", "≤ 6×"),
    ("recap PDF, warm chart cache", "recap_warm_ratio", "×", "≤ 4.5×"),
    ("crmdesk export-recap process, ratio to an empty-page process", "export_recap_ratio", "×",
     "≤ 4×"),
)  # fmt: skip


def demo(folder: Path, campaigns: int) -> Path:
    """A demo workspace of ``campaigns`` campaigns, built once."""
    path = folder / f"{campaigns // 1000}k.sqlite"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "crmdesk", "demo", "--campaigns", str(campaigns),
             "--out", str(path)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return path


def figures(script: str, *args: str) -> dict[str, float]:
    """What one benchmark prints with ``--json`` (its last line)."""
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args, "--json"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/bench21"))
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    small, big = demo(args.folder, 20_000), demo(args.folder, 100_000)
    runs = ["--runs", "5"] if args.quick else []
    rows = "1000000" if args.quick else "1000000,5000000"
    measured: dict[str, float] = {}
    measured |= figures("startup.py", str(small), str(big), *runs)
    measured |= figures("month_switch.py", str(small), str(big))
    measured |= figures("stats_import.py", "--rows", rows)
    measured |= figures("reports.py", *(["--repeats", "3"] if args.quick else []))
    width = max(len(label) for label, *_ in ROWS)
    print(f"{'what':<{width}}  {'measured':>10}  target")
    for label, key, unit, target in ROWS:
        value = measured.get(key)
        if value is None:
            shown = "—"
        elif unit == "×":
            shown = f"{value:.2f}×"
        elif unit == "ms" and value < 100:
            shown = f"{value:.1f} ms"
        else:
            shown = f"{value:.0f} {unit}"
        print(f"{label:<{width}}  {shown:>10}  {target}")


if __name__ == "__main__":
    main()
