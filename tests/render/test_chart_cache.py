"""The recap's charts are drawn once for the same figures: printed again (the preview, then the
PDF; or ``crmdesk export-recap`` run again), the same SVG comes from the cache without drawing;
different figures, another language or another client colour draw again."""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from crmdesk.core.db import Workspace
from crmdesk.core.models import Campaign, Client, StatBreakdown, StatSnapshot
from crmdesk.core.reports import recap
from crmdesk.render import chart_cache, charts, pdf, reports
from crmdesk.render.templates import RESOURCES
from tests.conftest import DEMO_TODAY

DRAWERS = ("draw_funnel", "draw_domains", "draw_hours", "draw_ab")


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own, and a process that has drawn nothing yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(chart_cache.CACHE_ENV, str(folder))
    chart_cache.clear_memory()
    yield folder / "charts"
    chart_cache.clear_memory()


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each of the recap's charts was really drawn."""
    counts: Counter[str] = Counter()

    def counting(name: str, draw: Callable[..., None]) -> Callable[..., None]:
        def wrapper(*args: object) -> None:
            counts[name] += 1
            draw(*args)

        return wrapper

    for name in DRAWERS:
        monkeypatch.setattr(charts, name, counting(name, getattr(charts, name)))
    return counts


def richest_campaign(workspace: Workspace) -> int:
    """A demo campaign whose recap draws the funnel, the domains and the hours."""
    with workspace.reader() as session:
        found = session.scalar(
            select(StatBreakdown.campaign_id)
            .join(StatSnapshot, StatSnapshot.campaign_id == StatBreakdown.campaign_id)
            .order_by(StatBreakdown.campaign_id)
            .limit(1)
        )
    assert found is not None
    return found


def drawn(files: dict[str, bytes]) -> Counter[str]:
    """The draws that made ``files``: one per chart."""
    return Counter(f"draw_{name.removesuffix('.svg')}" for name in files)


def charts_of(workspace: Workspace, campaign_id: int, folder: Path) -> dict[str, bytes]:
    """The recap's page made into ``folder``: its charts' SVG by file name."""
    with workspace.reader() as session:
        data = recap.campaign_recap(session, campaign_id, today=DEMO_TODAY)
    folder.mkdir()
    reports.recap_page(data, folder, language="en")
    return {path.name: path.read_bytes() for path in sorted((folder / "charts").iterdir())}


def test_a_recap_made_again_reuses_its_charts_without_drawing_them(
    qapp: QApplication,
    demo_workspace: Workspace,
    tmp_path: Path,
    cache_folder: Path,
    draws: Counter[str],
) -> None:
    campaign_id = richest_campaign(demo_workspace)

    first = charts_of(demo_workspace, campaign_id, tmp_path / "first")
    assert {"domains.svg", "funnel.svg", "hours.svg"} <= set(first)
    assert draws == drawn(first)

    again = charts_of(demo_workspace, campaign_id, tmp_path / "again")
    assert again == first
    assert draws == drawn(first)  # nothing drawn a second time

    chart_cache.clear_memory()  # a new process: the charts come from the cache folder
    later = charts_of(demo_workspace, campaign_id, tmp_path / "later")
    assert later == first
    assert draws == drawn(first)
    assert len(list(cache_folder.glob("*.svg"))) == len(first)


def test_new_figures_redraw_only_the_charts_they_change(
    qapp: QApplication,
    demo_workspace: Workspace,
    tmp_path: Path,
    cache_folder: Path,
    draws: Counter[str],
) -> None:
    campaign_id = richest_campaign(demo_workspace)
    before = charts_of(demo_workspace, campaign_id, tmp_path / "before")
    with demo_workspace.session() as session:
        rows = session.scalars(
            select(StatBreakdown).where(
                StatBreakdown.campaign_id == campaign_id, StatBreakdown.dimension == "hour"
            )
        ).all()
        assert rows
        rows[0].opens += 500  # a late import of the first hour's opens
    draws.clear()

    after = charts_of(demo_workspace, campaign_id, tmp_path / "after")

    assert draws == Counter({"draw_hours": 1})
    assert after["hours.svg"] != before["hours.svg"]
    assert {name: after[name] for name in after if name != "hours.svg"} == {
        name: before[name] for name in before if name != "hours.svg"
    }


def test_a_new_client_colour_redraws_the_charts(
    qapp: QApplication,
    demo_workspace: Workspace,
    tmp_path: Path,
    cache_folder: Path,
    draws: Counter[str],
) -> None:
    campaign_id = richest_campaign(demo_workspace)
    before = charts_of(demo_workspace, campaign_id, tmp_path / "before")
    with demo_workspace.session() as session:
        client = session.scalars(
            select(Client).join(Campaign).where(Campaign.id == campaign_id)
        ).one()
        client.colour = "#0d9488" if client.colour.lower() != "#0d9488" else "#7c3aed"
    draws.clear()

    after = charts_of(demo_workspace, campaign_id, tmp_path / "after")

    assert draws == drawn(before)
    assert after["funnel.svg"] != before["funnel.svg"]


def test_the_charts_in_another_language_are_drawn_in_that_language(
    qapp: QApplication,
    demo_workspace: Workspace,
    tmp_path: Path,
    cache_folder: Path,
    draws: Counter[str],
) -> None:
    campaign_id = richest_campaign(demo_workspace)
    english = charts_of(demo_workspace, campaign_id, tmp_path / "english")
    previous = QLocale()
    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    translator = QTranslator()
    assert translator.load(french, "crmdesk", "_", str(RESOURCES / "translations"))
    QLocale.setDefault(french)
    qapp.installTranslator(translator)
    draws.clear()
    try:
        in_french = charts_of(demo_workspace, campaign_id, tmp_path / "french")
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(previous)

    assert draws == drawn(english)
    assert all(in_french[name] != english[name] for name in english)


def test_the_cache_folder_keeps_only_the_most_recent_charts(
    qapp: QApplication, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart_cache, "DISK_ENTRIES", 5)
    keys = [
        chart_cache.chart_key("draw_funnel", (n,), colours=("#ffffff",), width=690, height=300)
        for n in range(8)
    ]
    for n, key in enumerate(keys):
        chart_cache.put(key, f"<svg>{n}</svg>".encode())
        if n == 0:
            os.utime(cache_folder / f"{key}.svg", (1, 1))  # the oldest by far

    kept = {path.stem for path in cache_folder.glob("*.svg")}
    assert len(kept) == 5
    assert keys[0] not in kept and keys[-1] in kept
    chart_cache.clear_memory()
    assert chart_cache.get(keys[-1]) == b"<svg>7</svg>"


def test_a_cache_folder_that_cannot_be_written_still_prints_the_recap(
    qapp: QApplication,
    demo_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    draws: Counter[str],
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(chart_cache.CACHE_ENV, str(blocked))
    chart_cache.clear_memory()
    campaign_id = richest_campaign(demo_workspace)
    with demo_workspace.reader() as session:
        data = recap.campaign_recap(session, campaign_id, today=DEMO_TODAY)
    folder = tmp_path / "page"
    folder.mkdir()

    report = reports.recap_page(data, folder, language="en")
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.print_pdf(report.html))).pages
    )

    files = {path.name: b"" for path in (folder / "charts").iterdir()}
    assert {"domains.svg", "funnel.svg", "hours.svg"} <= set(files)
    assert draws == drawn(files)
    assert "thecampaigninchart" in "".join(text.split()).casefold()  # a spaced-out heading
