"""Start-up to a populated calendar, as a ratio to a bare PySide6 window, and peak memory.

Both processes run alternately in one loop so machine noise hits them alike. Target (issue 3):
median ratio ≤ 2.5, peak resident memory ≤ 250 MB.

    python3 benchmarks/startup.py WORKSPACE.sqlite [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MB of one run (wait4 gives the child's own rusage)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
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
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
    app_cmd = [sys.executable, "-m", "crmdesk", "--db", str(args.workspace), "--quit-when-ready"]
    timed(bare_cmd)
    timed(app_cmd)  # warm the page cache for both
    bare, app, ratios, memory = [], [], [], []
    for _ in range(args.runs):
        b, _ = timed(bare_cmd)
        a, rss = timed(app_cmd)
        bare.append(b)
        app.append(a)
        ratios.append(a / b)
        memory.append(rss)
    print(f"bare window     median {statistics.median(bare):.3f} s  (min {min(bare):.3f})")
    print(f"crmdesk ready   median {statistics.median(app):.3f} s  (min {min(app):.3f})")
    print(f"ratio           median {statistics.median(ratios):.2f}×  (target ≤ 2.5×)")
    print(f"peak RSS        max {max(memory):.0f} MB  (target ≤ 250 MB)")


if __name__ == "__main__":
    main()
