"""From opening a campaign's BAT to its proof painted, on the demo workspace.

The first BAT window starts QtWebEngine (Chromium's processes, the profile): that start is
measured on its own. Then, QtWebEngine running, each sample is the user's click on another
campaign: build its BAT window (read the rounds, the latest round's HTML, the personas; fill
and neutralise the HTML) and wait for the preview's ``painted`` (every visible view finished
loading the page and its images from the workspace). Target (issue 6): median ≤ 500 ms.

    python3 benchmarks/bat_preview.py [WORKSPACE.sqlite] [--samples N]

Without a workspace, the demo is written to a temporary folder first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", nargs="?", type=Path)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from crmdesk.core.db import Workspace
    from crmdesk.core.models import BatRound
    from crmdesk.core.workspaces import write_demo
    from crmdesk.ui.operations import Operations

    app = QApplication(sys.argv[:1])
    folder = tempfile.TemporaryDirectory()
    path = args.workspace
    if path is None:
        path = Path(folder.name) / "demo.sqlite"
        write_demo(path, today=date(2026, 11, 23))

    def wait_painted(window: object) -> None:
        loop = QEventLoop()
        window.proof.painted.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()

    with Workspace.open(path) as workspace:
        ops = Operations(workspace)
        with workspace.reader() as session:
            campaign_ids = list(
                dict.fromkeys(session.scalars(select(BatRound.campaign_id).order_by(BatRound.id)))
            )
        if len(campaign_ids) < 2:
            sys.exit("the workspace has fewer than two campaigns with a BAT round")

        import_start = time.perf_counter()
        from crmdesk.ui.bat.window import BatWindow

        imported = (time.perf_counter() - import_start) * 1000
        start = time.perf_counter()
        first = BatWindow(ops, campaign_ids[0], who="bench")
        first.resize(1360, 880)
        first.show()
        wait_painted(first)
        first_start = (time.perf_counter() - start) * 1000
        first.close()
        app.processEvents()

        samples = []
        for index in range(args.samples):
            campaign_id = campaign_ids[1 + index % (len(campaign_ids) - 1)]
            start = time.perf_counter()
            window = BatWindow(ops, campaign_id, who="bench")
            window.resize(1360, 880)
            window.show()
            wait_painted(window)
            samples.append((time.perf_counter() - start) * 1000)
            window.close()
            window.deleteLater()
            app.processEvents()
        ops.shutdown()

    samples.sort()
    print(f"import of the BAT window's modules (QtWebEngine libraries) {imported:7.0f} ms")
    print(f"first BAT window, QtWebEngine starting, to painted   {first_start:7.0f} ms")
    print(
        f"open campaign BAT → preview painted ({len(samples)} campaigns)  "
        f"median {statistics.median(samples):6.1f} ms  "
        f"p90 {samples[int(len(samples) * 0.9) - 1]:6.1f} ms  max {samples[-1]:6.1f} ms"
        "  (target ≤ 500 ms median)"
    )


if __name__ == "__main__":
    main()
