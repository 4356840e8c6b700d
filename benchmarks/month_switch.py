"""Switching month in the calendar, median over two years of months, and memory while browsing.

Each step is the user's Page Down: query the period, lay out and paint the grid (``repaint``
paints synchronously). Target (issue 3): median ≤ 16 ms, one frame.

    python3 benchmarks/month_switch.py WORKSPACE.sqlite
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from crmdesk.core.db import Workspace
    from crmdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    path = Path(sys.argv[1])
    with Workspace.open(path) as workspace:
        window = MainWindow(workspace)
        window.show()
        app.processEvents()
        page = window.calendar
        page.with_holidays = True
        view = page.month_view
        route = [1] * 12 + [-1] * 24 + [1] * 12
        cold, warm = [], []
        for direction in route:  # a jump to a month never seen: read, lay out, paint
            page._cache.clear()
            start = time.perf_counter()
            page.step(direction)
            view.repaint()
            cold.append((time.perf_counter() - start) * 1000)
        for direction in route:  # paging with pauses: the neighbours were read ahead
            app.processEvents()  # starts the read-ahead
            page.ops.wait_for_background()
            app.processEvents()  # delivers it
            start = time.perf_counter()
            page.step(direction)
            view.repaint()
            warm.append((time.perf_counter() - start) * 1000)
        for mode in ("week", "agenda", "month"):
            page.set_mode(mode)
            app.processEvents()
        busiest = len(page.period.entries)
        window.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for label, samples in (("paging (read ahead)", warm), ("jump (cold read)", cold)):
        print(
            f"month switch, {label:<20} median {statistics.median(samples):6.1f} ms  "
            f"p90 {sorted(samples)[int(len(samples) * 0.9)]:6.1f} ms  max {max(samples):6.1f} ms"
        )
    print(f"({len(route)} switches each; {busiest} campaigns in the last month; target ≤ 16 ms)")
    print(f"peak RSS after browsing  {peak:.0f} MB  (target ≤ 250 MB)")


if __name__ == "__main__":
    main()
