"""Start-up to a populated calendar, as a ratio to a bare PySide6 window, and peak memory;
and, for the record, to the whole window (the second step of the start, issue 21).

The bare window and crmdesk run alternately in one loop (bare, crmdesk on the first
workspace, bare, crmdesk on the next…), each crmdesk run divided by the bare run just before
it, so machine noise hits both sides alike. Bytecode is cached first (as an installed wheel
has it). Targets (issues 3 and 21): ≤ 2.0× at 20,000 campaigns, ≤ 2.5× at 100,000; peak
resident memory ≤ 250 MB.

    python3 benchmarks/startup.py WORKSPACE.sqlite [MORE.sqlite…] [--runs N] [--json]

``--json`` prints one dict: ``startup_20k_ratio``, ``startup_20k_peak_mb``, … named by each
workspace's number of campaigns.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def size_label(path: Path) -> str:
    """ "20k", "100k": the workspace's campaigns, as the figures are named."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM campaigns").fetchone()
    return f"{round(count / 1000)}k"


#: A settings folder of its own: crmdesk reopens on the view last left, and the calendar is
#: what is measured.
SETTINGS = tempfile.mkdtemp(prefix="crmdesk-startup-")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MB of one run (wait4 gives the child's own rusage)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "CRMDESK_DATA_DIR": SETTINGS,
    }
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{command} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspaces", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print one dict of figures")
    args = parser.parse_args()
    import crmdesk

    compileall.compile_dir(Path(crmdesk.__file__).parent, quiet=1)
    bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
    app_cmds = {
        size_label(path): [
            sys.executable,
            "-m",
            "crmdesk",
            "--db",
            str(path),
            "--quit-when-ready",
        ]  # fmt: skip
        for path in args.workspaces
    }
    # The second step of the start (the workspace opened, every menu and page built), for the
    # record: the target is the first paint, what the user waits for.
    complete_cmds = {
        label: [*command[:-1], "--quit-when-complete"] for label, command in app_cmds.items()
    }
    timed(bare_cmd)
    for command in app_cmds.values():
        timed(command)  # warm the page cache (and a migration, if one is due)
    bare: dict[str, list[float]] = {label: [] for label in app_cmds}
    app: dict[str, list[float]] = {label: [] for label in app_cmds}
    ratios: dict[str, list[float]] = {label: [] for label in app_cmds}
    memory: dict[str, list[float]] = {label: [] for label in app_cmds}
    complete: dict[str, list[float]] = {label: [] for label in app_cmds}
    for _ in range(args.runs):
        for label, command in app_cmds.items():
            b, _ = timed(bare_cmd)
            a, rss = timed(command)
            c, _ = timed(complete_cmds[label])
            bare[label].append(b)
            app[label].append(a)
            ratios[label].append(a / b)
            memory[label].append(rss)
            complete[label].append(c / b)
    table: dict[str, float] = {}
    for label in app_cmds:
        table[f"startup_{label}_ratio"] = round(statistics.median(ratios[label]), 2)
        table[f"startup_{label}_peak_mb"] = round(max(memory[label]))
        table[f"startup_{label}_complete_ratio"] = round(statistics.median(complete[label]), 2)
        if not args.json:
            print(f"{label} campaigns")
            print(
                f"  bare window     median {statistics.median(bare[label]):.3f} s  "
                f"(min {min(bare[label]):.3f})"
            )
            print(
                f"  crmdesk ready   median {statistics.median(app[label]):.3f} s  "
                f"(min {min(app[label]):.3f})"
            )
            print(
                f"  ratio           median {statistics.median(ratios[label]):.2f}×  "
                f"({min(ratios[label]):.2f}–{max(ratios[label]):.2f}; "
                "target ≤ 2.0× at 20k, ≤ 2.5× at 100k)"
            )
            print(f"  peak RSS        max {max(memory[label]):.0f} MB  (target ≤ 250 MB)")
            print(
                f"  whole window    median {statistics.median(complete[label]):.2f}× the bare "
                "window (the workspace open, every menu and page built)"
            )
    if args.json:
        print(json.dumps(table))


if __name__ == "__main__":
    main()
