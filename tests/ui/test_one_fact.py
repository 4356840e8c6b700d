"""One fact, one figure (issue 17, part 2): every number shown in more than one place reads the
same in the window, in the command line's JSON and in the PDF, on the demo workspace.

The demo is written for ``DEMO_TODAY``; a few of its campaigns are chosen for what they show
(an A/B test with a winner, conversions tracked and a decided BAT; an A/B test without a winner
and without conversion tracking; a campaign in BAT review with a partly ticked checklist). For
each one the test reads

- the windows as the operator sees them (opened through the main window: the checklist window,
  the stats window's KPI table and A/B tab, the cockpit's pressure warnings), widget texts and
  colours only;
- ``crmdesk checklist|stats|pressure --json`` (run through ``crmdesk.cli``);
- the recap and the quarterly review printed by ``crmdesk export-recap|export-review --lang fr``
  in a subprocess, read back with pypdf (text, and the fill colour of the KPI values).

Displayed figures are compared with the JSON's exact ones within the rounding of their display
("3,2 %" agrees with 0.0318 and 0.0324, not with 0.0326), and a KPI must be rounded alike in
the window and the recap; every disagreement of a test is listed in one failure message, as
"fact: window … | json … | pdf …".
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crmdesk import cli
from crmdesk.core import campaigns
from crmdesk.core.db import Workspace
from crmdesk.core.models import BatDecision, BatRound, Campaign, CampaignStatus, StatSnapshot
from crmdesk.render.texts import Labels
from crmdesk.ui.kit import styles
from crmdesk.ui.main_window import MainWindow
from tests.conftest import DEMO_TODAY

REPO = Path(__file__).resolve().parents[2]
REPORT_CSS = REPO / "crmdesk" / "resources" / "templates" / "report.css"
#: The cockpit's "Pressure warnings (next 30 days)".
HORIZON = timedelta(days=30)
#: The quarter of the review: it holds DEMO_TODAY and the 30 days after it.
QUARTER = "2026Q4"
QUARTER_FIRST, QUARTER_LAST = date(2026, 10, 1), date(2026, 12, 31)
#: The PDFs speak French: what their labels and numbers are read in.
FR = Labels("fr")
SPACES = ("\u00a0", "\u202f", " ")


# -- reading numbers as displayed --------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A number as a view displays it: its value and the decimals it was rounded to."""

    value: float
    decimals: int


def read_number(text: str, decimal: str) -> Shown:
    """ "6,31 %" (decimal ",") or "1,164" (decimal ".") as a number and its decimals."""
    cleaned = text.strip().rstrip(".").replace("%", "").replace("€", "")
    for space in SPACES:
        cleaned = cleaned.replace(space, "")
    group = "," if decimal == "." else ""
    if group:
        cleaned = cleaned.replace(group, "")
    whole, _, fraction = cleaned.partition(decimal)
    return Shown(float(f"{whole}.{fraction}" if fraction else whole), len(fraction))


def agrees(shown: Shown, exact: float | None, scale: float = 1.0) -> bool:
    """Whether ``shown`` (in ``scale`` units of ``exact``: 100 for a percentage) is ``exact``
    rounded to the decimals it shows."""
    if exact is None:
        return False
    tolerance = 0.5 * 10 ** (-shown.decimals) + 1e-9
    return abs(shown.value - exact * scale) <= tolerance


def kpi_agrees(key: str, text: str, exact: float | None, decimal: str) -> bool:
    if exact is None:
        return text.strip() == "—"
    return agrees(read_number(text, decimal), exact, 1.0 if key == "revenue_per_delivered" else 100)


def p_agrees(text: str, exact: float | None, decimal: str) -> bool:
    """A p-value as shown ("0.0518", "0,052", "< 0,001", "—" for the control)."""
    text = text.strip()
    if exact is None or text == "—":
        return exact is None and text == "—"
    if text.startswith("<"):
        return exact < read_number(text[1:], decimal).value
    return agrees(read_number(text, decimal), exact)


# -- the PDFs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A piece of text drawn in a PDF and the fill colour it was drawn with (r, g, b in 0–1)."""

    text: str
    colour: tuple[float, ...] | None


@dataclass
class Pdf:
    path: Path
    fragments: list[Fragment]
    text: str  # all pages, spaces normalised, lines kept

    @classmethod
    def read(cls, path: Path) -> Pdf:
        fragments: list[Fragment] = []
        pages: list[str] = []
        for page in PdfReader(path).pages:
            painter = _FillColour(fragments)
            pages.append(
                page.extract_text(
                    visitor_operand_before=painter.operator, visitor_text=painter.text
                )
            )
        return cls(path, fragments, "\n".join(spaced(p) for p in pages))


class _FillColour:
    """Follows a page's fill colour (``rg``/``g``, saved and restored by ``q``/``Q``) and
    records each piece of text with the colour it is drawn in."""

    def __init__(self, fragments: list[Fragment]) -> None:
        self.fragments = fragments
        self.fill: tuple[float, ...] | None = None
        self.saved: list[tuple[float, ...] | None] = []

    def operator(self, operator: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if operator == b"q":
            self.saved.append(self.fill)
        elif operator == b"Q" and self.saved:
            self.fill = self.saved.pop()
        elif operator in (b"rg", b"sc", b"scn") and len(args) == 3:
            self.fill = tuple(float(a) for a in args)
        elif operator == b"g" and len(args) == 1:
            self.fill = (float(args[0]),) * 3

    def text(self, text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            self.fragments.append(Fragment(spaced(text).strip(), self.fill))


def spaced(text: str) -> str:
    for space in SPACES[:2]:
        text = text.replace(space, " ")
    return text


def css_colour(name: str) -> tuple[float, float, float]:
    """A colour of the reports' style sheet (``--good``, ``--bad``) as PDF fill values."""
    found = re.search(rf"--{name}:\s*#([0-9a-fA-F]{{6}})\s*;", REPORT_CSS.read_text("utf-8"))
    assert found, f"--{name} not in {REPORT_CSS}"
    hexa = found.group(1)
    return tuple(int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def pdf_tone(colour: tuple[float, ...] | None) -> str:
    """The verdict a KPI value's colour says in the PDF: "good", "bad" or "" (uncoloured)."""
    if colour is not None:
        for tone in ("good", "bad"):
            if all(abs(a - b) < 0.01 for a, b in zip(colour, css_colour(tone), strict=True)):
                return tone
    return ""


def cell_of(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item


def window_tone(item: QTableWidgetItem) -> str:
    """The verdict a KPI value's colour says in the window's table."""
    brush: QBrush = item.foreground()
    if brush.style() == Qt.BrushStyle.NoBrush:
        return ""
    colour = brush.color()
    if colour == QColor(styles.GOOD):
        return "good"
    if colour == QColor(styles.BAD):
        return "bad"
    return f"other colour {colour.name()}"


def after_label(fragments: list[Fragment], label: str, start: int) -> int:
    """The index of the first fragment after ``label`` (maybe wrapped over fragments), looked
    for from ``start``; -1 when it is not there."""
    wanted = " ".join(label.split())
    for first in range(start, len(fragments)):
        joined = ""
        for last in range(first, min(first + 4, len(fragments))):
            joined = " ".join(f"{joined} {fragments[last].text}".split())
            if joined == wanted:
                return last + 1
            if not wanted.startswith(joined):
                break
    return -1


# -- the command line, in process ---------------------------------------------------------------


def cli_json(*argv: object) -> Any:
    """``crmdesk ARGV --json`` through the CLI's own parser and runner: what it prints."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = cli.run(cli.parse([str(a) for a in argv] + ["--json"]))
    assert status == cli.EXIT_OK, f"crmdesk {' '.join(map(str, argv))} exited {status}"
    return json.loads(printed.getvalue())


#: Prints the PDFs of several ``crmdesk`` commands (argument lists, in JSON) one after the
#: other in one process, through the command's entry point, so QtWebEngine starts only once.
PRINTER = """
import json, sys
from crmdesk.app import main
for argv in json.loads(sys.argv[1]):
    status = main(argv)
    if status:
        sys.exit(f"crmdesk {' '.join(argv)} exited {status}")
"""


def print_reports(jobs: list[list[str]], folder: Path) -> subprocess.Popen[bytes]:
    """Start printing the PDFs of ``jobs`` (each ``crmdesk`` arguments up to ``--out FILE``) in
    French for the demo's reference day, in the background; what it says goes to
    ``printer.log`` in ``folder`` (QtWebEngine is talkative: a pipe nobody reads could fill)."""
    env = {
        **os.environ,
        "CRMDESK_DATA_DIR": str(folder / "userdata"),
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
        "LANG": "fr_FR.UTF-8",
    }
    env.pop("LC_ALL", None)
    argvs = [[*job, "--lang", "fr", "--today", DEMO_TODAY.isoformat()] for job in jobs]
    with (folder / "printer.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-c", PRINTER, json.dumps(argvs)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env=env,
        )


# -- what is compared ----------------------------------------------------------------------------


@dataclass
class Facts:
    """Each fact as the three views give it; the test fails listing every disagreement."""

    rows: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def same(self, fact: str, ok: bool, window: object, json_value: object, pdf: object) -> None:
        line = f"{fact}: window {window!r} | json {json_value!r} | pdf {pdf!r}"
        self.rows.append(line)
        if not ok:
            self.wrong.append(line)

    def check(self) -> None:
        assert self.rows, "nothing was compared"
        if self.wrong:
            pytest.fail("the views disagree:\n" + "\n".join(self.wrong), pytrace=False)


# -- the demo and its printed reports, made once for the module ----------------------------------


@dataclass
class Demo:
    path: Path
    with_winner: int  # A/B test with a winner, conversions tracked, BAT approved
    without_winner: int  # A/B test without a winner, conversions not tracked
    in_review: int  # in BAT review, a partly ticked checklist
    pressure_client: str
    pdfs: dict[object, Path]
    printing: subprocess.Popen[bytes]

    read: dict[object, Pdf] = field(default_factory=dict)

    def _printed(self, what: object) -> Pdf:
        """The PDF once printed (the printer writes each file whole, in one rename), read once
        for the module (pypdf takes a second or two per report)."""
        if what in self.read:
            return self.read[what]
        path = self.pdfs[what]
        deadline = time.monotonic() + 300
        while not path.exists():
            if self.printing.poll() is not None:
                log = path.with_name("printer.log").read_text("utf-8", errors="replace")
                assert path.exists(), f"{path.name} was not printed:\n{log[-3000:]}"
            assert time.monotonic() < deadline, f"{path.name} still not printed"
            time.sleep(0.05)
        self.read[what] = Pdf.read(path)
        return self.read[what]

    def recap(self, campaign_id: int) -> Pdf:
        return self._printed(campaign_id)

    def review(self) -> Pdf:
        return self._printed("review")


def _choose(path: Path) -> tuple[int, int, int]:
    with Workspace.open(path, read_only=True) as workspace, workspace.reader() as session:
        tested = session.scalars(
            select(Campaign.id)
            .join(StatSnapshot, StatSnapshot.campaign_id == Campaign.id)
            .where(StatSnapshot.variant != "")
            .group_by(Campaign.id)
            .order_by(Campaign.planned_send_at.desc(), Campaign.id.desc())
        ).all()
        decided = set(
            session.scalars(
                select(BatRound.campaign_id).where(BatRound.decision != BatDecision.PENDING)
            )
        )
        reviewing = session.scalars(
            select(Campaign.id)
            .where(Campaign.status == CampaignStatus.BAT)
            .order_by(Campaign.planned_send_at, Campaign.id)
        ).all()
    with_winner = without_winner = None
    for campaign_id in tested:
        stats = cli_json("stats", "--db", path, "--campaign", campaign_id)
        ab = stats["ab"]
        if ab is None:
            continue
        complete = all(k["value"] is not None for k in stats["kpis"])
        if with_winner is None and ab["tested_winner"] and complete and campaign_id in decided:
            with_winner = campaign_id
        if without_winner is None and not ab["tested_winner"] and ab["sample_size_needed"]:
            without_winner = campaign_id
        if with_winner is not None and without_winner is not None:
            break
    in_review = None
    for campaign_id in reviewing:
        checklist = cli_json(
            "checklist", "--db", path, "--campaign", campaign_id, "--today", DEMO_TODAY
        )
        if 0 < checklist["closed"] < checklist["total"]:
            in_review = campaign_id
            break
    assert with_winner is not None, "the demo has no A/B test with a winner and conversions"
    assert without_winner is not None, "the demo has no A/B test without a winner"
    assert in_review is not None, "the demo has no campaign in BAT review with a partly ticked list"
    return with_winner, without_winner, in_review


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """One copy of the demo read by all three views; its PDFs printed in the background while
    the windows are driven."""
    folder = tmp_path_factory.mktemp("one_fact")
    path = folder / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    path.chmod(0o600)
    with_winner, without_winner, in_review = _choose(path)
    warned = cli_json("pressure", "--db", path, "--from", DEMO_TODAY, "--to", DEMO_TODAY + HORIZON)
    assert warned, "the demo has no segment over its cap in the 30 days after its reference day"
    client = warned[0]["client"]
    pdfs: dict[object, Path] = {
        cid: folder / f"recap-{cid}.pdf" for cid in (with_winner, without_winner, in_review)
    }
    pdfs["review"] = folder / "review.pdf"
    jobs = [
        ["export-recap", "--db", str(path), "--campaign", str(cid), "--out", str(pdfs[cid])]
        for cid in (with_winner, without_winner, in_review)
    ]
    jobs.append(
        ["export-review", "--db", str(path), "--client", client, "--quarter", QUARTER]
        + ["--out", str(pdfs["review"])]
    )
    printing = print_reports(jobs, folder)
    try:
        yield Demo(path, with_winner, without_winner, in_review, client, pdfs, printing)
    finally:
        if printing.poll() is None:
            printing.kill()
        printing.wait()


@pytest.fixture(scope="module")
def main(qapp: QApplication, demo: Demo) -> Iterator[MainWindow]:
    """The main window on the module's demo file, as the app opens it; kept for the module so
    a stats window opened for the KPIs is the one the A/B test reads (as ``open_stats`` brings
    an open one forward)."""
    with Workspace.open(demo.path) as workspace:
        window = MainWindow(workspace)
        ready: list[bool] = []
        window.ready.connect(lambda: ready.append(True))
        window.show()
        deadline = time.monotonic() + 10
        while not ready and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.01)
        assert ready, "the main window never got ready"
        yield window
        for child in (*window.checklists.values(), *window.stats_windows.values()):
            child.close()
        window.close()
        window.deleteLater()
        qapp.processEvents()


# -- 1. checklist progress -----------------------------------------------------------------------


def test_checklist_progress_reads_the_same_in_the_window_the_cli_and_the_recap(
    qtbot: QtBot, demo: Demo, main: MainWindow
) -> None:
    chosen = (demo.with_winner, demo.without_winner, demo.in_review)
    # The windows first (the PDFs print meanwhile): the header's "closed / total done", each
    # phase's bar (name, count), and the phase headings of the list ("Strategy — 3 / 3").
    seen: dict[int, tuple[str, dict[str, tuple[str, str]], list[str]]] = {}
    for campaign_id in chosen:
        window = main.open_checklist(campaign_id)
        label = window.overall
        qtbot.waitUntil(lambda: bool(label.text()))  # noqa: B023 (waited for here)
        seen[campaign_id] = (
            window.overall.text(),
            {
                phase: (bar.name.text(), bar.count.text())
                for phase, bar in window.phase_bars.items()
            },
            [
                head.text(0)
                for i in range(window.tree.topLevelItemCount())
                if (head := window.tree.topLevelItem(i)) is not None
            ],
        )
        window.close()

    facts = Facts()
    for campaign_id in chosen:
        overall_text, bars, heads = seen[campaign_id]
        listed = cli_json(
            "checklist", "--db", demo.path, "--campaign", campaign_id, "--today", DEMO_TODAY
        )
        pdf = demo.recap(campaign_id)
        overall = re.fullmatch(r"(\d+) / (\d+) done", overall_text)
        summary = re.search(r"(\d+) points traités sur (\d+)", pdf.text, re.IGNORECASE)
        window_overall = (int(overall[1]), int(overall[2])) if overall else overall_text
        cli_overall = (listed["closed"], listed["total"])
        pdf_overall = (int(summary[1]), int(summary[2])) if summary else None
        facts.same(
            f"campaign {campaign_id} checklist closed/total",
            window_overall == cli_overall == pdf_overall,
            window_overall,
            cli_overall,
            pdf_overall,
        )
        # The recap's quality summary, after its heading: "Stratégie 3 / 3", "BAT 4 / 6"…
        quality = pdf.text[summary.end() :] if summary else ""
        for phase in listed["phases"]:
            name = phase["phase"]
            cli_count = f"{phase['closed']} / {phase['total']}"
            printed = re.search(rf"(?<!\w){re.escape(FR.phase(name))}\s+(\d+)\s*/\s*(\d+)", quality)
            pdf_count = f"{printed[1]} / {printed[2]}" if printed else None
            title, shown = bars.get(name, ("?", None))
            in_list = f"{title} — {shown}" in heads
            facts.same(
                f"campaign {campaign_id} checklist phase {name} (bar, list heading)",
                shown == cli_count == pdf_count and in_list,
                shown if in_list else (shown, heads),
                cli_count,
                pdf_count,
            )
    facts.check()


# -- 2. KPI values and verdicts ------------------------------------------------------------------


@dataclass(frozen=True)
class KpiCell:
    """A KPI's value in the stats window's table: its text, its colour's verdict, bold."""

    text: str
    tone: str
    bold: bool


def stats_window_kpis(qtbot: QtBot, main: MainWindow, campaign_id: int) -> dict[str, KpiCell]:
    """The "This campaign" column of the stats window's KPI table, by KPI key."""
    table = main.open_stats(campaign_id).kpi_table
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    cells = {}
    for row in range(table.rowCount()):
        value = cell_of(table, row, 1)
        cells[cell_of(table, row, 0).data(Qt.ItemDataRole.UserRole)] = KpiCell(
            value.text(), window_tone(value), value.font().bold()
        )
    return cells


@dataclass(frozen=True)
class KpiViews:
    """One KPI of one campaign in the three views."""

    campaign_id: int
    key: str
    exact: float | None  # the JSON's value
    verdict: str  # the JSON's verdict
    cell: KpiCell | None  # the window's table
    printed: Fragment | None  # the recap's KPI table
    follows: str  # what the recap prints right after the value


def kpi_views(qtbot: QtBot, demo: Demo, main: MainWindow) -> list[KpiViews]:
    chosen = (demo.with_winner, demo.without_winner)
    # The windows first, while the PDFs print.
    seen = {campaign_id: stats_window_kpis(qtbot, main, campaign_id) for campaign_id in chosen}
    found: list[KpiViews] = []
    for campaign_id in chosen:
        stats = cli_json("stats", "--db", demo.path, "--campaign", campaign_id)
        assert set(seen[campaign_id]) == {k["key"] for k in stats["kpis"]}, seen[campaign_id]
        pdf = demo.recap(campaign_id)
        # The recap's KPI table lists the KPIs in the core's order, the JSON's: walk it row by
        # row from the first KPI's name (the headline cards above it show no delivery rate).
        # Each value is the fragment right after its KPI's name, drawn green, red or plain.
        at = 0
        for kpi in stats["kpis"]:
            at = after_label(pdf.fragments, FR.kpi(kpi["key"]), at)
            inside = 0 <= at < len(pdf.fragments)
            found.append(
                KpiViews(
                    campaign_id,
                    kpi["key"],
                    kpi["value"],
                    kpi["verdict"],
                    seen[campaign_id].get(kpi["key"]),
                    pdf.fragments[at] if inside else None,
                    pdf.fragments[at + 1].text if inside and at + 1 < len(pdf.fragments) else "",
                )
            )
    return found


def test_kpi_values_and_verdicts_read_the_same_in_the_window_the_cli_and_the_recap(
    qtbot: QtBot, demo: Demo, main: MainWindow
) -> None:
    facts = Facts()
    for kpi in kpi_views(qtbot, demo, main):
        fact = f"campaign {kpi.campaign_id} {kpi.key}"
        shown = kpi.cell.text if kpi.cell else None
        printed = kpi.printed.text if kpi.printed else None
        facts.same(
            f"{fact} value",
            shown is not None
            and printed is not None
            and kpi_agrees(kpi.key, shown, kpi.exact, ".")
            and kpi_agrees(kpi.key, printed, kpi.exact, ","),
            shown,
            kpi.exact,
            printed,
        )
        if kpi.exact is None:  # never given: a dash, and the recap says so in words
            facts.same(
                f"{fact} said not given", kpi.follows == "non renseigné", shown, None, kpi.follows
            )
        window_verdict = kpi.cell.tone if kpi.cell else None
        pdf_verdict = pdf_tone(kpi.printed.colour) if kpi.printed else None
        facts.same(
            f"{fact} verdict (colour)",
            window_verdict == kpi.verdict == pdf_verdict,
            window_verdict,
            kpi.verdict,
            pdf_verdict,
        )
        if kpi.cell is not None and kpi.cell.tone:
            facts.same(
                f"{fact} coloured value in bold",
                kpi.cell.bold,
                kpi.cell.bold,
                kpi.verdict,
                "td.good / td.bad: weight 600",
            )
    facts.check()


def test_kpi_values_read_to_the_same_decimals_in_the_window_and_the_recap(
    qtbot: QtBot, demo: Demo, main: MainWindow
) -> None:
    """Within rounding is not enough for a client who reads both: the hard bounce rate the
    operator shares on screen as "0,27 %" must not be "0,3 %" in the PDF. The window and the
    recap round each KPI alike."""
    facts = Facts()
    for kpi in kpi_views(qtbot, demo, main):
        if kpi.exact is None or kpi.cell is None or kpi.printed is None:
            continue  # a dash, or missing: the test above says so
        places = (
            read_number(kpi.cell.text, ".").decimals,
            read_number(kpi.printed.text, ",").decimals,
        )
        facts.same(
            f"campaign {kpi.campaign_id} {kpi.key} decimals {places[0]} vs {places[1]}",
            places[0] == places[1],
            kpi.cell.text,
            kpi.exact,
            kpi.printed.text,
        )
    facts.check()


# -- 3. A/B confidence, sample size, winner ------------------------------------------------------


@dataclass(frozen=True)
class AbSeen:
    """What the stats window's A/B tab says."""

    confidence: float  # the spin box, in %
    confidence_decimals: int
    verdict: str
    planner: str
    variants: list[list[str]]  # the table's rows, as shown
    bold: list[str]  # the variants in bold: the winner


def stats_window_ab(qtbot: QtBot, main: MainWindow, campaign_id: int) -> AbSeen:
    window = main.open_stats(campaign_id)
    panel = window.ab_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: bool(panel.verdict.text()))
    table = panel.variant_table
    rows = [
        [cell_of(table, row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    return AbSeen(
        panel.confidence.value(),
        panel.confidence.decimals(),
        panel.verdict.text(),
        panel.needed.text(),
        rows,
        [rows[r][0] for r in range(table.rowCount()) if cell_of(table, r, 0).font().bold()],
    )


def test_ab_confidence_and_sample_size_read_the_same_in_the_window_the_cli_and_the_recap(
    qtbot: QtBot, demo: Demo, main: MainWindow
) -> None:
    chosen = (demo.with_winner, demo.without_winner)
    seen = {campaign_id: stats_window_ab(qtbot, main, campaign_id) for campaign_id in chosen}
    facts = Facts()
    for campaign_id in chosen:
        window = seen[campaign_id]
        ab = cli_json("stats", "--db", demo.path, "--campaign", campaign_id)["ab"]
        pdf = demo.recap(campaign_id)
        prefix = f"campaign {campaign_id} A/B"

        # The confidence: the spin box, the verdict, the planner below it; the JSON; the PDF.
        level = re.search(r"significant at (\d+(?:\.\d+)?)%", window.verdict)
        planner = re.search(r"confidence (\d+(?:\.\d+)?)%\)", window.planner)
        printed = re.search(r"significati(?:f|ve) à (\d+(?:,\d+)?) %", pdf.text)
        exact = ab["confidence"]
        facts.same(
            f"{prefix} confidence (spin box, verdict, sample size planner)",
            bool(level and planner and printed)
            and agrees(Shown(window.confidence, window.confidence_decimals), exact, 100)
            and agrees(read_number(level[1], "."), exact, 100)  # type: ignore[index]
            and agrees(read_number(planner[1], "."), exact, 100)  # type: ignore[index]
            and agrees(read_number(printed[1], ","), exact, 100),  # type: ignore[index]
            (window.confidence, level[1] if level else None, planner[1] if planner else None),
            exact,
            printed[1] if printed else None,
        )

        # The sample size the verdict names: in the window always, in the recap when the test
        # found no winner (with a winner the recap does not print one).
        needed = re.search(r"About ([\d,]+) recipients per variant", window.verdict)
        told = re.search(r"environ (\d[\d ]*) destinataires par variante", pdf.text)
        exact_needed = ab["sample_size_needed"]
        window_needed = int(read_number(needed[1], ".").value) if needed else None
        pdf_needed = int(read_number(told[1], ",").value) if told else None
        if ab["tested_winner"] is None:
            ok = exact_needed is not None and window_needed == exact_needed == pdf_needed
        else:
            ok = window_needed == exact_needed and pdf_needed in (None, exact_needed)
        facts.same(f"{prefix} sample size needed", ok, window_needed, exact_needed, pdf_needed)

        # The winner: bold in the window's table; the recap's "Gagnante" badge, which ends its
        # row (the row's variant is the last variant name before it).
        header = next((i for i, f in enumerate(pdf.fragments) if "P-VALUE" in f.text), -1)
        section = [f.text for f in pdf.fragments[header + 1 : header + 1 + 7 * len(ab["variants"])]]
        names = {v["variant"] for v in ab["variants"]}
        badges = [i for i, text in enumerate(section) if text == "Gagnante"]
        pdf_winner = (
            next((t for t in reversed(section[: badges[0]]) if t in names), None)
            if badges
            else None
        )
        window_winner = window.bold[0] if len(window.bold) == 1 else window.bold or None
        facts.same(
            f"{prefix} winner",
            window_winner == ab["winner"] == pdf_winner and len(badges) <= 1,
            window_winner,
            ab["winner"],
            pdf_winner,
        )

        # Each variant's delivered count, successes, rate and p-value against the control.
        cursor = 0
        for row, variant in enumerate(ab["variants"]):
            cells = window.variants[row] if row < len(window.variants) else ["?"] * 4
            cursor = next(
                (i for i in range(cursor, len(section)) if section[i] == variant["variant"]),
                len(section),
            )
            printed_cells = section[cursor + 1 : cursor + 5]
            ok = (
                cells[0] == variant["variant"]
                and int(read_number(cells[1], ".").value) == variant["recipients"]
                and int(read_number(cells[2], ".").value) == variant["successes"]
                and agrees(read_number(cells[3], "."), variant["rate"], 100)
                and p_agrees(cells[5], variant["p_value"], ".")
                and len(printed_cells) == 4
                and int(read_number(printed_cells[0], ",").value) == variant["recipients"]
                and int(read_number(printed_cells[1], ",").value) == variant["successes"]
                and agrees(read_number(printed_cells[2], ","), variant["rate"], 100)
                and p_agrees(printed_cells[3], variant["p_value"], ",")
            )
            facts.same(
                f"{prefix} variant {variant['variant']} delivered, successes, rate, p",
                ok,
                [cells[i] for i in (0, 1, 2, 3, 5)],
                (variant["recipients"], variant["successes"], variant["rate"], variant["p_value"]),
                printed_cells,
            )
    facts.check()


# -- 4. marketing pressure -----------------------------------------------------------------------

WARNING = re.compile(
    r"· (?P<client>.+?) — .*\n(?P<sends>\d+) sends to “(?P<segment>.+)” in the week of "
    r"(?P<week>.+) \(cap (?P<cap>\d+) a week\)",
    re.DOTALL,
)
REVIEW_ROW = re.compile(
    r"^(?P<segment>.+?) (?P<sends>\d+) (?P<busiest>\d+) envois? (?:(?P<over>\d+) semaines?|aucune)$"
)


def week_label(iso_day: str) -> str:
    """A week's Monday as the cockpit writes it ("14 Dec")."""
    day = date.fromisoformat(iso_day)
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def test_pressure_reads_the_same_in_the_cockpit_the_cli_and_the_quarterly_review(
    qtbot: QtBot, demo: Demo, main: MainWindow
) -> None:
    facts = Facts()
    main.tabs.setCurrentWidget(main.cockpit)
    main.cockpit.refresh(DEMO_TODAY)
    section = main.cockpit.pressure_section.list
    warnings: dict[int, dict[str, str]] = {}
    for row in range(section.count()):
        item = section.item(row)
        campaign_id = item.data(Qt.ItemDataRole.UserRole)
        if campaign_id is None:  # "No segment goes over its client's cap."
            continue
        found = WARNING.search(item.text())
        assert found, item.text()
        warnings[campaign_id] = found.groupdict()
    weeks = cli_json(
        "pressure", "--db", demo.path, "--from", DEMO_TODAY, "--to", DEMO_TODAY + HORIZON
    )

    # Every campaign the cockpit warns about is in a week the CLI finds over the cap, with the
    # same client, segment, week, count and cap (the cockpit names the fullest of its weeks).
    for campaign_id, shown in sorted(warnings.items()):
        theirs = [w for w in weeks if campaign_id in w["campaign_ids"]]
        fullest = max(theirs, key=lambda w: w["sends"], default=None)
        expected = (
            {
                "client": fullest["client"],
                "sends": str(fullest["sends"]),
                "segment": fullest["segment"],
                "week": week_label(fullest["week_start"]),
                "cap": str(fullest["cap"]),
            }
            if fullest
            else None
        )
        facts.same(
            f"cockpit warning of campaign {campaign_id}",
            shown == expected,
            shown,
            expected,
            "—",
        )
    # And every campaign of those weeks sent in the cockpit's 30 days is warned about.
    for week in weeks:
        for campaign_id in week["campaign_ids"]:
            day = main.ops.read(campaigns.load, campaign_id).send_date
            if DEMO_TODAY <= day <= DEMO_TODAY + HORIZON:
                facts.same(
                    f"campaign {campaign_id} ({day}) of the week over the cap of "
                    f"{week['week_start']} “{week['segment']}” is warned about",
                    campaign_id in warnings,
                    campaign_id in warnings,
                    week,
                    "—",
                )

    # The quarterly review of a client warned about: its weeks over the cap per segment are the
    # CLI's for the quarter, which hold the weeks the cockpit warns about.
    client = demo.pressure_client
    quarter = cli_json(
        "pressure",
        "--db",
        demo.path,
        "--client",
        client,
        "--from",
        QUARTER_FIRST,
        "--to",
        QUARTER_LAST,
    )
    text = demo.review().text
    start = text.find("SEGMENT ENVOIS DU TRIMESTRE")
    end = text.find("Plafond du client", start)
    assert start >= 0 and end > start, "no pressure table in the review"
    printed: dict[str, dict[str, str | None]] = {}
    for line in text[start:end].splitlines()[1:]:
        found = REVIEW_ROW.match(line.strip())
        if found:
            printed[found["segment"]] = found.groupdict()
    assert printed, text[start:end]
    cap = re.search(r"Plafond du client ?: (\d+) envois? par segment", text[end:])
    for segment, columns in sorted(printed.items()):
        over = [w for w in quarter if w["segment"] == segment]
        cli_count = len(over)
        pdf_count = int(columns["over"] or 0)
        facts.same(
            f"review {client} {QUARTER} “{segment}” weeks over the cap",
            cli_count == pdf_count,
            "—",
            cli_count,
            pdf_count,
        )
        if over:
            busiest = max(w["sends"] for w in over)
            facts.same(
                f"review {client} {QUARTER} “{segment}” busiest week",
                busiest == int(columns["busiest"] or 0),
                "—",
                busiest,
                columns["busiest"],
            )
    if quarter:
        printed_cap = int(cap[1]) if cap else None
        facts.same(
            f"review {client} {QUARTER} cap",
            all(w["cap"] == printed_cap for w in quarter),
            "—",
            sorted({w["cap"] for w in quarter}),
            printed_cap,
        )
    # Where they overlap: each week the cockpit warns about for this client is one of the
    # quarter's weeks over the cap, counted in the review's row of its segment.
    for week in weeks:
        if week["client"] != client:
            continue
        label = week_label(week["week_start"])
        warned = sorted({w["week"] for w in warnings.values() if w["segment"] == week["segment"]})
        columns = printed.get(week["segment"], {})
        facts.same(
            f"{client} week of {week['week_start']} “{week['segment']}” ({week['sends']} sends) "
            "in the cockpit, the quarter's JSON and the review",
            label in warned
            and week in quarter
            and int(columns.get("over") or 0) >= 1
            and int(columns.get("busiest") or 0) >= week["sends"],
            warned,
            week,
            columns,
        )
    facts.check()
