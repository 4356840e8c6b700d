"""Switching month in the calendar over two years of months, GUI-thread stalls and memory.

Each step is the user's Page Down: query the period, lay out and paint the grid (``repaint``
paints synchronously). Targets (issues 3 and 21): paging ≤ 16 ms median (one frame), a jump to
a month not read yet ≤ 50 ms p90 at 100,000 campaigns, no GUI-thread stall over 50 ms while
browsing (the read-ahead runs on the worker; a stall is any step or event delivery on the GUI
thread while paging), peak memory ≤ 250 MB after browsing. Switching to the week view and to
the agenda (which lists every campaign of the month, a full read) is timed on its own.

    python3 benchmarks/month_switch.py WORKSPACE.sqlite [--json]

Each workspace runs in its own process (memory is per process); ``--json`` prints one dict,
its keys named by the workspace's size: ``paging_100k_median_ms``, ``jump_100k_p90_ms``,
``gui_stall_100k_max_ms``, ``readahead_100k_max_ms``, ``peak_100k_mb``… Build the workspaces with
``crmdesk demo --campaigns N --out FILE``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def size_label(path: Path) -> str:
    """ "20k", "100k": the workspace's campaigns, as the figures are named."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM campaigns").fetchone()
    return f"{round(count / 1000)}k"


def p90(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.9)]


def measure(path: Path) -> dict[str, float]:
    import threading

    from PySide6.QtWidgets import QApplication

    from crmdesk.core import calendar
    from crmdesk.core.db import Workspace
    from crmdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    stalls: list[float] = []
    ahead: list[float] = []  # the reads on the worker, while the GUI thread goes on
    read = calendar.period

    def timed_read(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return read(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            if threading.current_thread() is not threading.main_thread():
                ahead.append((time.perf_counter() - start) * 1000)

    calendar.period = timed_read  # type: ignore[assignment]

    def deliver() -> None:
        start = time.perf_counter()
        app.processEvents()
        stalls.append((time.perf_counter() - start) * 1000)

    with Workspace.open(path) as workspace:
        window = MainWindow(workspace)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        page = window.calendar
        assert page.month_view.isVisible(), "the calendar must be the page shown"
        gc.freeze()  # as ``run_gui`` does once the window is up
        page.with_holidays = True
        view = page.month_view
        route = [1] * 12 + [-1] * 24 + [1] * 12
        cold, warm = [], []
        for direction in route:  # a jump to a month never seen: read, lay out, paint
            page._cache.clear()
            page._generation += 1  # the read-ahead of the last step must not fill it
            start = time.perf_counter()
            page.step(direction)
            view.repaint()
            cold.append((time.perf_counter() - start) * 1000)
        app.processEvents()  # what the jumps left pending (they never let the loop run)
        page.ops.wait_for_background()
        app.processEvents()
        ahead.clear()
        for direction in route:  # paging with pauses: the neighbours were read ahead
            deliver()  # starts the read-ahead
            page.ops.wait_for_background()
            deliver()  # delivers it
            start = time.perf_counter()
            page.step(direction)
            view.repaint()
            warm.append((time.perf_counter() - start) * 1000)
        browsing = list(stalls)
        read_ahead = list(ahead)
        modes = {}
        for mode in ("week", "agenda", "month"):  # the agenda lists every campaign: a full read
            start = time.perf_counter()
            page.set_mode(mode)
            modes[mode] = (time.perf_counter() - start) * 1000
            deliver()
        window.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "paging_median_ms": statistics.median(warm),
        "paging_p90_ms": p90(warm),
        "jump_median_ms": statistics.median(cold),
        "jump_p90_ms": p90(cold),
        "gui_stall_max_ms": max(browsing + warm),
        "readahead_max_ms": max(read_ahead),
        "peak_mb": peak,
        "week_view_ms": modes["week"],
        "agenda_view_ms": modes["agenda"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspaces", type=Path, nargs="+")
    parser.add_argument("--json", action="store_true", help="print one dict of figures")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # the child: one workspace, its figures on stdout
        print(json.dumps(measure(args.workspaces[0])))
        return
    table: dict[str, float] = {}
    for path in args.workspaces:
        label = size_label(path)
        with tempfile.TemporaryDirectory(prefix="crmdesk-months-") as settings:
            # Settings of its own: crmdesk reopens on the view last left (the cockpit, maybe),
            # and the calendar is what is measured.
            found = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "CRMDESK_DATA_DIR": settings},
            )
        figures = json.loads(found.stdout.strip().splitlines()[-1])
        for key, value in figures.items():
            what, unit = key.rsplit("_", 1)
            if what.endswith(("_median", "_p90", "_max")):
                what, stat = what.rsplit("_", 1)
                table[f"{what}_{label}_{stat}_{unit}"] = round(value, 1)
            else:
                table[f"{what}_{label}_{unit}"] = round(value, 1)
        if not args.json:
            print(
                f"{path.name} ({label} campaigns)\n"
                f"  paging (read ahead)  median {figures['paging_median_ms']:6.1f} ms  "
                f"p90 {figures['paging_p90_ms']:6.1f} ms  (target ≤ 16 ms median)\n"
                f"  jump (cold read)     median {figures['jump_median_ms']:6.1f} ms  "
                f"p90 {figures['jump_p90_ms']:6.1f} ms  (target ≤ 50 ms p90 at 100k)\n"
                f"  GUI-thread stall     max {figures['gui_stall_max_ms']:6.1f} ms  "
                "(target ≤ 50 ms)\n"
                f"  read-ahead (worker)  max {figures['readahead_max_ms']:6.1f} ms\n"
                f"  peak RSS after browsing  {figures['peak_mb']:.0f} MB  (target ≤ 250 MB)\n"
                f"  to the week view {figures['week_view_ms']:.0f} ms, to the agenda (every "
                f"campaign of the month) {figures['agenda_view_ms']:.0f} ms"
            )
    if args.json:
        print(json.dumps(table))


if __name__ == "__main__":
    main()
