"""The stats window and the client Stats tab on real workspaces: KPIs against targets, typed
figures with undo, the A/B verdict and its override, decisions, a relance, charts drawn."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crmdesk.core.db import Workspace
from crmdesk.core.models import (
    Campaign,
    CampaignStatus,
    CampaignType,
    StatBreakdown,
    StatSnapshot,
)
from crmdesk.core.stats import service
from crmdesk.core.stats.figures import Figures
from crmdesk.ui.operations import Operations
from crmdesk.ui.stats.window import StatsWindow
from tests.conftest import plan

SEND_DAY = date(2026, 11, 10)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def sent_campaign(workspace: Workspace, client_id: int, segment_ids: list[int]) -> int:
    return plan(
        workspace,
        client_id,
        SEND_DAY,
        name="Soldes d'hiver",
        status=CampaignStatus.SENT,
        segment_ids=tuple(segment_ids[:1]),
    )


def open_window(qtbot: QtBot, workspace: Workspace, campaign_id: int) -> StatsWindow:
    window = StatsWindow(Operations(workspace), campaign_id, who="Léa")
    qtbot.addWidget(window)
    window.show()
    return window


def cell(table, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    item = table.item(row, column)
    return item.text() if item is not None else ""


def kpi_row(window: StatsWindow, key: str) -> int:
    for row in range(window.kpi_table.rowCount()):
        if window.kpi_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
            return row
    raise AssertionError(f"no KPI row {key}")


FIGURES = Figures(
    sent=10_000,
    delivered=9_800,
    hard_bounces=120,
    soft_bounces=80,
    unique_opens=2_450,
    total_opens=3_900,
    unique_clicks=294,
    total_clicks=410,
    unsubscribes=12,
    complaints=1,
    conversions=30,
)


def test_typed_figures_show_as_kpis_and_undo_takes_them_back(
    qtbot: QtBot, workspace: Workspace, sent_campaign: int
) -> None:
    from crmdesk.ui.stats.commands import SaveSnapshot

    window = open_window(qtbot, workspace, sent_campaign)
    assert "No figures yet" in window.reference.text()

    window._push(lambda: SaveSnapshot(window, SEND_DAY + timedelta(days=5), "", FIGURES))
    assert "D+5" in window.reference.text()
    assert cell(window.kpi_table, kpi_row(window, "open_rate"), 1) == "25.0%"
    assert cell(window.kpi_table, kpi_row(window, "click_rate"), 1) == "3.0%"
    assert cell(window.kpi_table, kpi_row(window, "ctor"), 1) == "12.0%"
    assert window.snapshot_table.rowCount() == 1
    assert cell(window.snapshot_table, 0, 3) == "9,800"

    window.undo_stack.undo()
    assert window.snapshot_table.rowCount() == 0
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(StatSnapshot)) == 0
    window.undo_stack.redo()
    assert window.snapshot_table.rowCount() == 1


def test_the_form_refuses_more_opens_than_deliveries(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from crmdesk.ui.stats.figures_dialog import FiguresDialog

    dialog = FiguresDialog(SEND_DAY, figures=FIGURES)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.counts["unique_opens"].setValue(12_000)
    assert not ok.isEnabled()
    assert "More unique opens than emails delivered" in dialog.problems.text()
    dialog.counts["unique_opens"].setValue(2_000)
    assert ok.isEnabled()
    day, variant, figures = dialog.result_values()
    assert (day, variant, figures.unique_opens) == (SEND_DAY + timedelta(days=5), "", 2_000)


def test_an_ab_test_shows_its_winner_and_a_recorded_override(
    qtbot: QtBot, workspace: Workspace, sent_campaign: int
) -> None:
    day = SEND_DAY + timedelta(days=5)
    with workspace.session() as session:
        for variant, clicks in (("A", 250), ("B", 330)):
            service.save_snapshot(
                session,
                sent_campaign,
                day,
                FIGURES.with_values(unique_clicks=clicks, total_clicks=clicks),
                variant=variant,
            )
    window = open_window(qtbot, workspace, sent_campaign)
    assert window.variant_table.rowCount() == 2
    assert window.verdict.text().startswith("B wins on clicks")
    assert not window.ab_empty.isVisible()

    from crmdesk.ui.stats.commands import OverrideWinner

    window._push(lambda: OverrideWinner(window, "A", "Brand colours"))
    assert window.stats is not None and window.stats.ab is not None
    assert window.stats.ab.winner == "A"
    assert "chosen by Léa" in window.override_note.text()
    assert "Brand colours" in window.override_note.text()
    window.undo_stack.undo()
    assert window.stats.ab.winner == "B"
    assert window.override_note.text() == ""


def test_decisions_are_saved_with_undo_and_on_close(
    qtbot: QtBot, workspace: Workspace, sent_campaign: int
) -> None:
    window = open_window(qtbot, workspace, sent_campaign)
    window.tabs.setCurrentIndex(3)
    window.decisions.setPlainText("Tester l'objet court au prochain envoi")
    window.save_decisions()
    with workspace.reader() as session:
        assert "objet court" in service.campaign_stats(session, sent_campaign).decisions
    window.undo_stack.undo()
    with workspace.reader() as session:
        assert service.campaign_stats(session, sent_campaign).decisions == ""

    window.decisions.setPlainText("Relancer les non-ouvreurs")
    window.close()
    with workspace.reader() as session:
        assert service.campaign_stats(session, sent_campaign).decisions == (
            "Relancer les non-ouvreurs"
        )


def test_create_relance_makes_a_draft_to_the_non_openers_with_undo(
    qtbot: QtBot, workspace: Workspace, sent_campaign: int
) -> None:
    from crmdesk.ui.stats.commands import SaveSnapshot

    window = open_window(qtbot, workspace, sent_campaign)
    window._push(lambda: SaveSnapshot(window, SEND_DAY + timedelta(days=5), "", FIGURES))
    with qtbot.waitSignal(window.relance_created) as created:
        window.create_relance()
    relance_id = created.args[0]
    with workspace.reader() as session:
        relance = session.get(Campaign, relance_id)
        assert relance is not None
        assert relance.type is CampaignType.RELANCE
        assert relance.parent_id == sent_campaign
        assert relance.volume == FIGURES.delivered - FIGURES.unique_opens
    window.undo_stack.undo()
    with workspace.reader() as session:
        assert session.get(Campaign, relance_id) is None


def test_a_campaign_not_sent_yet_cannot_have_a_relance(
    qtbot: QtBot, workspace: Workspace, client_id: int
) -> None:
    planned = plan(workspace, client_id, SEND_DAY, name="Pas encore", status=CampaignStatus.BAT)
    window = open_window(qtbot, workspace, planned)
    window.create_relance()
    assert window.message.isVisible()
    assert "not" in window.message.text()
    assert window.undo_stack.count() == 0


def test_the_demo_campaigns_show_kpis_domains_hours_and_ab_charts(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    with demo_workspace.reader() as session:
        tested = session.scalar(
            select(StatSnapshot.campaign_id).where(StatSnapshot.variant == "A").limit(1)
        )
        detailed = session.scalar(
            select(StatBreakdown.campaign_id).where(StatBreakdown.dimension == "hour").limit(1)
        )
    assert tested is not None and detailed is not None

    window = open_window(qtbot, demo_workspace, tested)
    assert window.kpi_table.rowCount() == 10
    assert window.variant_table.rowCount() >= 2
    window.tabs.setCurrentIndex(1)
    window.charts.flush()
    assert window.ab_chart.figure.axes, "the A/B chart is drawn once its tab shows"
    assert not window.domain_chart.figure.axes, "hidden charts wait until they are seen"

    window = open_window(qtbot, demo_workspace, detailed)
    window.tabs.setCurrentIndex(2)
    window.charts.flush()
    for canvas in (window.funnel_chart, window.domain_chart, window.hour_chart):
        assert canvas.figure.axes, "every chart of the Charts tab draws something"


def test_the_client_tab_draws_trend_heat_map_and_pressure(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    from crmdesk.ui.stats.client_page import ClientStatsPage

    page = ClientStatsPage(Operations(demo_workspace))
    qtbot.addWidget(page)
    page.show()
    assert page.client.count() >= 4
    assert page.stats is not None and page.stats.trend
    assert page.averages.rowCount() == 10
    for index, canvas in enumerate((page.trend_chart, page.heat_chart, page.pressure_chart)):
        page.chart_tabs.setCurrentIndex(index)
        page.charts.flush()
        assert canvas.figure.axes, f"chart {index} draws"
    page.segment.setCurrentIndex(1)
    page.reload()
    assert page.stats is not None
    assert len(page.stats.trend) <= len(page.stats.trend or ()) + 0
    assert page.segment.count() == len(page.stats.segments) + 1


def test_the_main_window_loads_matplotlib_only_when_the_stats_are_shown(
    workspace_path: Path,
) -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from crmdesk.core.db import Workspace\n"
        "from crmdesk.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"with Workspace.open({str(workspace_path)!r}) as workspace:\n"
        "    window = MainWindow(workspace)\n"
        "    window.show(); app.processEvents()\n"
        "    print('before', 'matplotlib' in sys.modules)\n"
        "    window.tabs.setCurrentWidget(window.stats_holder); app.processEvents()\n"
        "    print('after', 'matplotlib' in sys.modules)\n"
        "    window.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["before", "False", "after", "True"]


def test_ctrl_j_opens_the_stats_of_the_selected_campaign(
    qtbot: QtBot, july_campaigns: dict[str, int], window
) -> None:  # type: ignore[no-untyped-def]
    window.calendar.month_view.select_campaign(july_campaigns["promo"])
    window.stats_action.trigger()
    opened = window.stats_windows[july_campaigns["promo"]]
    assert opened.isVisible()
    assert window.open_stats(july_campaigns["promo"]) is opened, "asking again: same window"


FIXTURES = REPO / "tests" / "core" / "stats" / "fixtures"


@pytest.fixture
def winter_sale(workspace: Workspace, client_id: int) -> int:
    """The campaign the hand-written ESP fixtures report on."""
    return plan(
        workspace,
        client_id,
        date(2026, 1, 9),
        name="Soldes d'hiver J-1",
        status=CampaignStatus.SENT,
        subject="Les soldes, c'est demain !",
    )


def run_import(qtbot: QtBot, window: StatsWindow, path: Path, **kwargs) -> None:  # type: ignore[no-untyped-def]
    job = window.importer.import_path(path, **kwargs)
    assert job is not None
    qtbot.waitUntil(lambda: window.import_job is None, timeout=20_000)


def test_a_mailchimp_report_is_imported_once_and_shows_its_kpis(
    qtbot: QtBot, workspace: Workspace, winter_sale: int
) -> None:
    window = open_window(qtbot, workspace, winter_sale)
    run_import(qtbot, window, FIXTURES / "mailchimp_all_campaigns.csv")
    assert "figures saved" in window.message.text()
    assert window.snapshot_table.rowCount() == 1
    assert cell(window.snapshot_table, 0, 3) == "12,310"
    assert cell(window.kpi_table, kpi_row(window, "open_rate"), 1) == "33.3%"

    run_import(qtbot, window, FIXTURES / "mailchimp_all_campaigns.csv")
    assert "already imported" in window.message.text()
    assert window.snapshot_table.rowCount() == 1


def test_a_bad_line_is_named_and_nothing_is_written(
    qtbot: QtBot, workspace: Workspace, winter_sale: int, tmp_path: Path
) -> None:
    lines = ["email,event,timestamp"]
    lines += [f"r{n}@orange.fr,delivered,2026-01-09T08:30:00" for n in range(50)]
    lines += ["r3@orange.fr,opened-twice,2026-01-09T09:00:00"]
    bad = tmp_path / "activity.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    window = open_window(qtbot, workspace, winter_sale)
    run_import(qtbot, window, bad)
    assert "Line 52" in window.message.text()
    assert "opened-twice" in window.message.text()
    assert "Nothing was written" in window.message.text()
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(StatSnapshot)) == 0


def test_an_unknown_export_is_mapped_and_the_mapping_remembered(
    qtbot: QtBot, workspace: Workspace, winter_sale: int
) -> None:
    from crmdesk.core.stats import imports
    from crmdesk.ui.stats.import_flow import MappingDialog

    path = FIXTURES / "mapped_fr_cp1252.csv"
    detected = imports.detect(path)
    assert detected.layout == "unknown"
    dialog = MappingDialog(detected, {}, "Splio")
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QDialogButtonBox

    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled(), "nothing mapped yet: OK waits"
    for name, header in (
        ("campaign", "Titre"),
        ("sent", "Volume"),
        ("delivered", "Remis"),
        ("hard_bounces", "NPAI"),
        ("unique_opens", "Ouvreurs uniques"),
        ("unique_clicks", "Cliqueurs uniques"),
        ("unsubscribes", "Désabonnés"),
        ("revenue", "CA généré"),
    ):
        dialog.combos[name].setCurrentIndex(dialog.combos[name].findData(header))
    assert ok.isEnabled()
    mapping = dialog.mapping()

    window = open_window(qtbot, workspace, winter_sale)
    run_import(qtbot, window, path, mapping=mapping, esp="Splio")
    assert window.snapshot_table.rowCount() == 1
    assert cell(window.snapshot_table, 0, 10) == "2,154.90"
    with workspace.reader() as session:
        assert imports.saved_mapping(session, "Splio") == mapping


def test_a_bug_while_reading_an_export_leaves_the_window_usable_and_reaches_the_crash_handler(
    qtbot: QtBot,
    workspace: Workspace,
    winter_sale: int,
    monkeypatch: pytest.MonkeyPatch,
    crash_log: Path,
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from crmdesk.core.stats import imports
    from crmdesk.ui import crash

    working = imports.read_file

    def tripping(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the CSV reader tripped")

    monkeypatch.setattr(imports, "read_file", tripping)
    window = open_window(qtbot, workspace, winter_sale)
    run_import(qtbot, window, FIXTURES / "mailchimp_all_campaigns.csv")
    log = crash_log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: the CSV reader tripped" in log
    assert "mailchimp_all_campaigns.csv" in log
    dialog = crash.last_dialog()
    assert dialog is not None
    dialog.close()
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    assert window.snapshot_table.rowCount() == 0

    monkeypatch.setattr(imports, "read_file", working)
    run_import(qtbot, window, FIXTURES / "mailchimp_all_campaigns.csv")
    assert "figures saved" in window.message.text()
    assert window.snapshot_table.rowCount() == 1


def test_typed_figures_reach_the_clients_stats_page_without_a_reload(
    qtbot: QtBot, workspace: Workspace, client_id: int, window
) -> None:  # type: ignore[no-untyped-def]
    from crmdesk.ui.stats.commands import SaveSnapshot

    sent_on = date.today() - timedelta(days=10)
    campaign_id = plan(workspace, client_id, sent_on, name="Rentrée", status=CampaignStatus.SENT)
    page = window.show_client_stats()
    page.show_client(client_id)
    assert page.summary.text().endswith(": 0.")

    stats_window = window.open_stats(campaign_id)
    stats_window._push(lambda: SaveSnapshot(stats_window, sent_on + timedelta(days=5), "", FIGURES))
    assert page.summary.text().endswith(": 1."), "the page heard the typed figures"
    assert page.stats is not None and len(page.stats.trend) == 1


# -- one verdict for the window, the recap and the CLI ----------------------------------------


def _window_verdict(window: StatsWindow, key: str) -> str:
    """The KPI table's colour of ``key``'s value: "good" green, "bad" red, "" plain."""
    from crmdesk.ui.kit.styles import bad_colour, good_colour

    item = window.kpi_table.item(kpi_row(window, key), 1)
    if not item.font().bold():
        return ""
    return {good_colour(): "good", bad_colour(): "bad"}[item.foreground().color().name()]


def _recap_verdict(workspace: Workspace, campaign_id: int, key: str, folder: Path) -> str:
    """The class of ``key``'s value in the recap page the PDF is printed from."""
    import lxml.html

    from crmdesk.core.reports import recap
    from crmdesk.render import reports, texts

    with workspace.reader() as session:
        made = recap.campaign_recap(session, campaign_id, today=SEND_DAY + timedelta(days=6))
    page = reports.recap_page(made, folder, language="en")
    document = lxml.html.fromstring(page.html.read_text("utf-8"))
    label = texts.Labels("en").kpi(key)
    for row in document.iter("tr"):
        cells = row.findall("td")
        if cells and cells[0].text_content().strip() == label:
            tone = {"good", "bad"} & set((cells[1].get("class") or "").split())
            return tone.pop() if tone else ""
    raise AssertionError(f"no {label} row in the recap")


def _cli_verdicts(workspace_path: Path, campaign_id: int) -> tuple[str, str]:
    """``crmdesk stats``'s open-rate verdict in JSON, and its open-rate line as printed."""
    import json

    def stats(*more: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "crmdesk", "stats", "--db", str(workspace_path)]
            + ["--campaign", str(campaign_id), *more],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    kpis = {k["key"]: k for k in json.loads(stats("--json"))["kpis"]}
    line = next(t for t in stats().splitlines() if t.startswith("Unique open rate"))
    return kpis["open_rate"]["verdict"], line


@pytest.mark.parametrize(
    ("opens", "expected", "mark"),
    [
        (2_504, "", None),  # 25.04 % against 25 %: +0.04 pt prints as +0.0 pt, level
        (2_600, "good", "▲ better"),
        (2_400, "bad", "▼ worse"),
    ],
)
def test_the_window_the_recap_and_the_cli_give_one_verdict(
    qtbot: QtBot,
    workspace: Workspace,
    workspace_path: Path,
    sent_campaign: int,
    tmp_path: Path,
    opens: int,
    expected: str,
    mark: str | None,
) -> None:
    from crmdesk.core.briefs import service as briefs
    from crmdesk.core.briefs.content import BriefContent, KpiTargets

    with workspace.session() as session:
        briefs.save(
            session, sent_campaign, BriefContent(kpi_targets=KpiTargets(open_rate=25.0)), "t"
        )
        service.save_snapshot(
            session,
            sent_campaign,
            SEND_DAY + timedelta(days=5),
            Figures(sent=10_200, delivered=10_000, unique_opens=opens, total_opens=opens),
        )

    json_verdict, line = _cli_verdicts(workspace_path, sent_campaign)
    window = open_window(qtbot, workspace, sent_campaign)

    assert _window_verdict(window, "open_rate") == expected
    assert _recap_verdict(workspace, sent_campaign, "open_rate", tmp_path) == expected
    assert json_verdict == expected
    assert line.endswith(mark) if mark else not line.endswith(("better", "worse"))


# --- missing is not zero, one verdict, one confidence ----------------------------------------

UNTRACKED = FIGURES.with_values(conversions=None, revenue=None)


def test_a_campaign_without_conversion_data_shows_a_dash_not_zero(
    qtbot: QtBot, workspace: Workspace, sent_campaign: int
) -> None:
    with workspace.session() as session:
        service.save_snapshot(session, sent_campaign, SEND_DAY + timedelta(days=5), UNTRACKED)

    window = open_window(qtbot, workspace, sent_campaign)

    for key in ("conversion_rate", "revenue_per_delivered"):
        item = window.kpi_table.item(kpi_row(window, key), 1)
        assert item.text() == "—", key
        assert "not given" in item.toolTip()
    assert "Conversions" in window.kpi_table.item(kpi_row(window, "conversion_rate"), 1).toolTip()
    assert cell(window.kpi_table, kpi_row(window, "click_rate"), 1) == "3.0%"
    assert cell(window.snapshot_table, 0, 9) == "—"  # conversions
    assert cell(window.snapshot_table, 0, 10) == "—"  # revenue


def _fill_the_form(qtbot: QtBot, typed: dict[str, str], seen: list[str]) -> None:
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from crmdesk.ui.stats.figures_dialog import FiguresDialog

    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, FiguresDialog)
    try:
        for name, text in typed.items():
            box = dialog.revenue if name == "revenue" else dialog.counts[name]
            box.setFocus()
            box.selectAll()
            qtbot.keyClick(box, Qt.Key.Key_Delete)
            qtbot.keyClicks(box, text)
        seen.append(dialog.counts["conversions"].text())
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    finally:
        if dialog.isVisible():
            dialog.reject()


def test_typed_figures_left_empty_are_not_given_and_zero_stays_zero(
    qtbot: QtBot, workspace: Workspace, sent_campaign: int
) -> None:
    from PySide6.QtCore import QTimer

    window = open_window(qtbot, workspace, sent_campaign)
    typed = {
        "sent": "10000",
        "delivered": "9800",
        "unique_opens": "2450",
        "total_opens": "3900",
        "unique_clicks": "294",
        "total_clicks": "410",
    }
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _fill_the_form(qtbot, typed, seen))
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)

    assert seen == ["not given"]
    with workspace.reader() as session:
        row = session.scalar(select(StatSnapshot))
        assert row is not None
        assert (row.delivered, row.conversions, row.revenue, row.complaints) == (
            9_800,
            None,
            None,
            None,
        )
    assert cell(window.kpi_table, kpi_row(window, "conversion_rate"), 1) == "—"

    # Typing 0 is a result: no sale at all, shown as 0 %, not as "not given".
    rect = window.snapshot_table.visualItemRect(window.snapshot_table.item(0, 0))
    viewport = window.snapshot_table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    QTimer.singleShot(0, lambda: _fill_the_form(qtbot, {"conversions": "0"}, seen))
    qtbot.mouseDClick(
        window.snapshot_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    with workspace.reader() as session:
        assert session.scalar(select(StatSnapshot.conversions)) == 0
    assert cell(window.kpi_table, kpi_row(window, "conversion_rate"), 1) == "0.0%"


def test_the_kpi_colours_are_cores_verdicts(
    qtbot: QtBot, workspace: Workspace, client_id: int, sent_campaign: int
) -> None:
    from PySide6.QtGui import QColor

    from crmdesk.core.stats import kpis
    from crmdesk.ui.kit.styles import bad_colour, good_colour

    earlier = plan(
        workspace,
        client_id,
        SEND_DAY - timedelta(days=14),
        name="Avant",
        status=CampaignStatus.SENT,
    )
    with workspace.session() as session:
        service.save_snapshot(
            session,
            earlier,
            SEND_DAY - timedelta(days=9),
            FIGURES.with_values(unique_opens=2_000, unique_clicks=400, total_clicks=500),
        )
        service.save_snapshot(session, sent_campaign, SEND_DAY + timedelta(days=5), FIGURES)

    window = open_window(qtbot, workspace, sent_campaign)
    with workspace.reader() as session:
        stats = service.campaign_stats(session, sent_campaign)
    by_json = {k["key"]: k["verdict"] for k in service.as_json(stats)["kpis"]}

    tones = set()
    for kpi in stats.kpis:
        item = window.kpi_table.item(kpi_row(window, kpi.key), 1)
        tone = kpis.verdict(kpi.key, kpi.value, kpi.reference)
        tones.add(tone)
        assert by_json[kpi.key] == tone
        expected = {"good": QColor(good_colour()), "bad": QColor(bad_colour())}.get(tone)
        if expected is None:
            assert not item.font().bold(), kpi.key
        else:
            assert item.foreground().color() == expected, kpi.key
    assert {"good", "bad", ""} <= tones


def test_the_sample_size_is_planned_at_the_confidence_the_test_is_judged_at(
    qtbot: QtBot, workspace: Workspace, client_id: int, sent_campaign: int
) -> None:
    from crmdesk.core.stats import abtest

    with workspace.session() as session:
        service.set_confidence(session, client_id, 0.8)
    window = open_window(qtbot, workspace, sent_campaign)
    panel = window.ab_panel

    # No test yet: the planner already uses the client's 80 %, as the spin box says.
    assert panel.confidence.value() == 80.0
    assert "confidence 80%" in panel.needed.text()
    needed = abtest.sample_size(panel.baseline.value() / 100, panel.lift.value() / 100, 0.8)
    assert f"{needed:,}" in panel.needed.text()

    day = SEND_DAY + timedelta(days=5)
    with workspace.session() as session:
        for variant, clicks in (("A", 250), ("B", 290)):
            service.save_snapshot(
                session,
                sent_campaign,
                day,
                FIGURES.with_values(unique_clicks=clicks, total_clicks=clicks),
                variant=variant,
            )
    window.reload()
    ab = window.stats.ab if window.stats else None
    assert ab is not None and ab.confidence == 0.8
    assert ab.sample_size_needed == abtest.sample_size(250 / 9_800, 290 / 250 - 1, 0.8)
    assert "at 80%" in window.verdict.text()

    # Choosing 90 % with the keyboard changes the verdict's level and the planner's together.
    panel.confidence.setFocus()
    panel.confidence.selectAll()
    qtbot.keyClicks(panel.confidence, "90")
    qtbot.keyClick(panel.confidence, Qt.Key.Key_Return)
    assert window.stats is not None and window.stats.ab is not None
    assert window.stats.ab.confidence == pytest.approx(0.9)
    assert "at 90%" in window.verdict.text()
    assert "confidence 90%" in panel.needed.text()
