"""The PDF reports, end to end: data from the workspace, charts as SVG, the template, Chromium's
print and the atomic write.

1. A campaign recap with its charts (funnel, domains, hours, A/B) of the demo workspace, as a
   ratio to printing an empty page through the same pipeline (``print_pdf`` then
   ``write_atomically``). Target (issue 8): ≤ 3×.
2. The quarterly review of a client with 300 campaigns in the quarter. Target: ≤ 10 s.

Both run in one warm process, as in the app after its first report: QtWebEngine started,
matplotlib imported. Medians of several runs.

    python3 benchmarks/reports.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from stats_tab import write_client  # noqa: E402

RUNS = 7
DEMO_TODAY = date(2026, 11, 23)


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def richest_recap(path: Path) -> int:
    """The demo campaign whose recap has the most to draw: breakdowns and an A/B test."""
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


def main() -> None:
    from crmdesk.core.workspaces import write_demo
    from crmdesk.render import pdf, reports

    pdf.ensure_application("fr")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        demo = root / "demo.sqlite"
        write_demo(demo, 400, 42, DEMO_TODAY)
        campaign_id = richest_recap(demo)
        empty = root / "empty.html"
        empty.write_text("<!doctype html><html><body></body></html>", encoding="utf-8")

        from crmdesk.core.db import Workspace

        with Workspace.open(demo) as workspace:
            # Warm up: QtWebEngine's first page and matplotlib's first figure.
            reports.export_recap(
                workspace, campaign_id, root / "warm.pdf", today=DEMO_TODAY, language="fr"
            )
            blank = [
                _timed(lambda: pdf.write_atomically(pdf.print_pdf(empty), root / "empty.pdf"))
                for _ in range(RUNS)
            ]
            recap = [
                _timed(
                    lambda: reports.export_recap(
                        workspace, campaign_id, root / "recap.pdf", today=DEMO_TODAY, language="fr"
                    )
                )
                for _ in range(RUNS)
            ]
        size = (root / "recap.pdf").stat().st_size
        ratio = statistics.median(recap) / statistics.median(blank)
        print(f"empty page through the pipeline   median {statistics.median(blank) * 1000:7.0f} ms")
        print(
            f"recap of campaign {campaign_id:<5} (charts)  median "
            f"{statistics.median(recap) * 1000:7.0f} ms  ({size // 1024} KB)"
        )
        print(f"recap / empty page                 {ratio:.2f}×  (target ≤ 3×)")

        big = root / "big.sqlite"
        write_client(big, 300, date(2026, 10, 6), days=85)  # sends 7 July – 30 September 2026
        with Workspace.open(big) as workspace:
            review = [
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
                for _ in range(3)
            ]
        from pypdf import PdfReader

        pages = len(PdfReader(root / "review.pdf").pages)
        print(
            f"quarterly review, 300 campaigns   median {statistics.median(review):7.2f} s  "
            f"max {max(review):.2f} s  ({pages} pages; target ≤ 10 s)"
        )


if __name__ == "__main__":
    main()
