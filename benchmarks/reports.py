"""The PDF reports, end to end: data from the workspace, charts as SVG, the template, Chromium's
print and the atomic write.

1. In one process (QtWebEngine started, matplotlib loaded, the templates compiled, as in the app
   after its first report), the campaign recap with the most to draw (an A/B test, per-domain
   and per-hour breakdowns) as a ratio to an empty page through the same pipeline
   (``print_pdf`` then ``write_atomically``), measured alternately: empty page, recap on a cold
   chart cache, empty page, recap on a warm one. Targets (issue 21): ≤ 6× cold, ≤ 4.5× warm.
2. The whole ``crmdesk export-recap`` process (its charts already in the cache folder, as for a
   recap printed again) against a process that prints an empty A4 page with QtWebEngine and
   nothing else, alternately. Target: ≤ 4×. The same process on a cold cache folder is printed
   beside it.
3. Unless ``--json``: the quarterly review of a client with 300 campaigns in the quarter
   (target ≤ 10 s).

    python3 benchmarks/reports.py                      # writes the demo to a temporary folder
    python3 benchmarks/reports.py --workspace demo.sqlite --repeats 15
    python3 benchmarks/reports.py --json               # the ratios only, as a JSON object

``measure(workspace, repeats)`` returns the same ratios for ``benchmarks/table.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parent.parent
DEMO_TODAY = date(2026, 11, 23)
CACHE_ENV = "CRMDESK_CACHE_DIR"

#: The floor of the whole-process figure: Qt, QtWebEngine, an empty page printed to A4.
EMPTY_PAGE_PROCESS = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEventLoop, QMarginsF, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QGuiApplication(["empty"])
html, out = Path(sys.argv[1]), Path(sys.argv[2])
profile = QWebEngineProfile(app)
page = QWebEnginePage(profile)
loop = QEventLoop()
result = []
layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                     QMarginsF(16, 20, 16, 20), QPageLayout.Unit.Millimeter)
page.loadFinished.connect(lambda ok: page.printToPdf(lambda d: (result.append(bytes(d)),
                                                                loop.quit()), layout))
page.load(QUrl.fromLocalFile(str(html)))
loop.exec()
out.write_bytes(result[0])
del page
"""


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def richest_recap(path: Path) -> int:
    """The campaign whose recap has the most to draw: breakdowns and an A/B test."""
    from sqlalchemy import func, select

    from crmdesk.core.db import Workspace
    from crmdesk.core.models import StatBreakdown, StatSnapshot

    with Workspace.open(path) as workspace, workspace.reader() as session:
        with_breakdowns = set(session.scalars(select(StatBreakdown.campaign_id).distinct()))
        variants = dict(
            session.execute(
                select(StatSnapshot.campaign_id, func.count(StatSnapshot.variant.distinct()))
                .where(StatSnapshot.variant != "")
                .group_by(StatSnapshot.campaign_id)
            ).all()
        )
    ranked = sorted(with_breakdowns or variants, key=lambda c: (-variants.get(c, 0), c))
    return ranked[0]


def _in_process(demo: Path, campaign_id: int, root: Path, repeats: int) -> dict[str, float]:
    """Empty page, cold recap, empty page, warm recap, ``repeats`` times, in this process."""
    from crmdesk.core.db import Workspace
    from crmdesk.render import chart_cache, pdf, reports

    pdf.ensure_application("fr")
    empty = root / "empty.html"
    empty.write_text("<!doctype html><html><body></body></html>", encoding="utf-8")
    blank: list[float] = []
    cold: list[float] = []
    warm: list[float] = []

    def recap() -> None:
        reports.export_recap(
            workspace, campaign_id, root / "recap.pdf", today=DEMO_TODAY, language="fr"
        )

    def empty_page() -> None:
        pdf.write_atomically(pdf.print_pdf(empty), root / "empty.pdf")

    saved = os.environ.get(CACHE_ENV)
    try:
        with Workspace.open(demo) as workspace:
            # Warm up: QtWebEngine's first page, matplotlib's first figure, the templates.
            os.environ[CACHE_ENV] = str(root / "cache-warm-up")
            recap()
            os.environ[CACHE_ENV] = str(root / "cache-warm")
            recap()  # fills the warm cache folder
            for n in range(repeats):
                blank.append(_timed(empty_page))
                os.environ[CACHE_ENV] = str(root / f"cache-cold-{n}")
                chart_cache.clear_memory()
                cold.append(_timed(recap))
                blank.append(_timed(empty_page))
                os.environ[CACHE_ENV] = str(root / "cache-warm")
                warm.append(_timed(recap))
    finally:
        if saved is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = saved
    floor = statistics.median(blank)
    return {
        "empty_page_ms": floor * 1000,
        "recap_cold_ms": statistics.median(cold) * 1000,
        "recap_warm_ms": statistics.median(warm) * 1000,
        "recap_cold_ratio": statistics.median(cold) / floor,
        "recap_warm_ratio": statistics.median(warm) / floor,
    }


def _processes(demo: Path, campaign_id: int, root: Path, repeats: int) -> dict[str, float]:
    """``crmdesk export-recap`` (warm cache folder, then a cold one) against the empty-page
    process, alternately, each ``repeats`` times."""
    empty = root / "empty-process.html"
    empty.write_text("<!doctype html><html><body></body></html>", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def floor() -> None:
        subprocess.run(
            [sys.executable, "-c", EMPTY_PAGE_PROCESS, str(empty), str(root / "e.pdf")],
            check=True,
            capture_output=True,
            env=env,
        )

    def export(cache: Path) -> None:
        subprocess.run(
            [
                *(sys.executable, "-m", "crmdesk", "export-recap", "--db", str(demo)),
                *("--campaign", str(campaign_id), "--out", str(root / "cli.pdf")),
                *("--lang", "fr", "--today", DEMO_TODAY.isoformat()),
            ],
            check=True,
            capture_output=True,
            env={**env, CACHE_ENV: str(cache)},
        )

    warm_cache = root / "cli-cache"
    floor()
    export(warm_cache)  # bytecode written, the cache folder filled
    blank: list[float] = []
    warm: list[float] = []
    cold: list[float] = []
    for n in range(repeats):
        blank.append(_timed(floor))
        warm.append(_timed(lambda: export(warm_cache)))
        blank.append(_timed(floor))
        cold.append(_timed(lambda n=n: export(root / f"cli-cold-{n}")))  # type: ignore[misc]
    base = statistics.median(blank)
    return {
        "empty_process_ms": base * 1000,
        "export_recap_process_ms": statistics.median(warm) * 1000,
        "export_recap_ratio": statistics.median(warm) / base,
        "export_recap_cold_ratio": statistics.median(cold) / base,
    }


def measure(workspace: Path | None, repeats: int) -> dict[str, float]:
    """The recap's ratios: ``recap_cold_ratio``, ``recap_warm_ratio`` (in one process, to the
    empty page through the same pipeline), ``export_recap_ratio`` (the whole command
    with its charts cached, to a process printing an empty A4 page) and
    ``export_recap_cold_ratio``, with the milliseconds they come from. ``workspace``
    None writes the 400-campaign demo to a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="crmdesk-bench-reports-") as folder:
        root = Path(folder)
        if workspace is None:
            from crmdesk.core.workspaces import write_demo

            workspace = root / "demo.sqlite"
            write_demo(workspace, 400, 42, DEMO_TODAY)
        campaign_id = richest_recap(workspace)
        figures = _in_process(workspace, campaign_id, root, repeats)
        figures.update(_processes(workspace, campaign_id, root, repeats))
        figures["campaign_id"] = float(campaign_id)
    return figures


def review(repeats: int = 3) -> None:
    """The quarterly review of a client with 300 campaigns in the quarter."""
    from pypdf import PdfReader
    from stats_tab import write_client

    from crmdesk.core.db import Workspace
    from crmdesk.render import pdf, reports

    pdf.ensure_application("fr")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        big = root / "big.sqlite"
        write_client(big, 300, date(2026, 10, 6), days=85)  # sends 7 July – 30 September 2026
        with Workspace.open(big) as workspace:
            times = [
                _timed(
                    lambda: reports.export_review(
                        workspace,
                        "Grand Compte",
                        "2026Q3",
                        root / "review.pdf",
                        today=date(2026, 10, 6),
                        language="fr",
                    )
                )
                for _ in range(repeats)
            ]
        pages = len(PdfReader(root / "review.pdf").pages)
    print(
        f"quarterly review, 300 campaigns   median {statistics.median(times):7.2f} s  "
        f"max {max(times):.2f} s  ({pages} pages; target ≤ 10 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workspace", type=Path, help="a workspace to read (default: the demo)")
    parser.add_argument("--repeats", type=int, default=9, help="samples of each figure")
    parser.add_argument("--json", action="store_true", help="print the ratios as JSON only")
    args = parser.parse_args()
    figures = measure(args.workspace, args.repeats)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; medians")
    print(f"empty page through the pipeline    {figures['empty_page_ms']:7.0f} ms")
    print(
        f"recap {figures['campaign_id']:.0f}, cold chart cache      "
        f"{figures['recap_cold_ms']:7.0f} ms  {figures['recap_cold_ratio']:5.2f}×  (≤ 6×)"
    )
    print(
        f"recap {figures['campaign_id']:.0f}, warm chart cache      "
        f"{figures['recap_warm_ms']:7.0f} ms  {figures['recap_warm_ratio']:5.2f}×  (≤ 4.5×)"
    )
    print(f"process printing an empty A4 page  {figures['empty_process_ms']:7.0f} ms")
    print(
        f"crmdesk export-recap process       {figures['export_recap_process_ms']:7.0f} ms  "
        f"{figures['export_recap_ratio']:5.2f}×  (≤ 4×; cache folder warm)"
    )
    print(f"  the same, cache folder cold               {figures['export_recap_cold_ratio']:5.2f}×")
    review()


if __name__ == "__main__":
    main()
