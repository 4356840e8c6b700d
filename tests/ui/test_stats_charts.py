"""The stats charts draw real-looking figures and empty ones, in light and dark colours, and a
chart widget saves what it shows as PNG or SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from statsmodels.stats.proportion import proportion_confint

from crmdesk.core.stats.figures import (
    AbResult,
    Breakdown,
    ClientStats,
    Figures,
    Kpi,
    TrendPoint,
    VariantResult,
    WeeklySends,
)
from crmdesk.render import charts
from crmdesk.render.charts import DARK, LIGHT, Palette
from crmdesk.ui.stats.charts import ChartCanvas, palette_from

FIGURES = Figures(
    sent=48_210,
    delivered=47_433,
    hard_bounces=310,
    soft_bounces=467,
    unique_opens=16_902,
    total_opens=25_013,
    unique_clicks=1_421,
    total_clicks=2_100,
    unsubscribes=80,
    complaints=3,
    conversions=187,
    revenue=Decimal("9350.00"),
)
DOMAINS = tuple(
    Breakdown("domain", key, delivered, bounces, opens, opens // 12)
    for key, delivered, bounces, opens in (
        ("other", 1_189, 20, 356),
        ("orange.fr", 12_034, 160, 3_730),
        ("gmail.com", 15_400, 90, 5_852),
        ("free.fr", 5_210, 40, 1_510),
        ("sfr.fr", 3_100, 95, 682),  # 3 % bounces: a provider refusing the mail
        ("icloud", 2_600, 10, 1_612),
    )
)
HOURS = tuple(
    Breakdown("hour", str(hour), opens=int(3_000 * 0.8**hour) + 20, clicks=int(300 * 0.8**hour))
    for hour in range(72)
) + (Breakdown("hour", "72+", opens=900, clicks=40),)
AB = AbResult(
    metric="clicks",
    confidence=0.95,
    variants=(
        VariantResult("A", 12_000, 340, 340 / 12_000, None, None),
        VariantResult("B", 11_950, 421, 421 / 11_950, 2.9, 0.0036),
    ),
    tested_winner="B",
    p_value=0.0036,
)
AB_UNDECIDED = AbResult(
    metric="opens",
    confidence=0.9,
    variants=(
        VariantResult("A", 5_000, 1_500, 0.3, None, None),
        VariantResult("B", 5_000, 1_540, 0.308, 0.8, 0.41),
    ),
    tested_winner=None,
    p_value=0.41,
    sample_size_needed=52_000,
)
START = datetime(2025, 7, 3, 9, 30, tzinfo=UTC)
TREND = tuple(
    TrendPoint(
        campaign_id=i,
        campaign_name=f"Newsletter {i}",
        send_at=START + timedelta(days=9 * i),
        segment_ids=(1,),
        open_rate=0.30 + 0.01 * (i % 10),
        click_rate=0.02 + 0.002 * (i % 7),
        ctor=(0.02 + 0.002 * (i % 7)) / (0.30 + 0.01 * (i % 10)),
        unsubscribe_rate=0.002,
        privacy_inflated=i % 4 == 0,
    )
    for i in range(40)
)
AVERAGES = (
    Kpi("open_rate", 0.35, None, 0.35, 40),
    Kpi("click_rate", 0.026, None, 0.026, 40),
    Kpi("ctor", 0.075, None, 0.075, 40),
)
TODAY = date(2026, 7, 1)
FIRST_WEEK = date(2026, 1, 5)
WEEKLY = tuple(
    WeeklySends(segment, name, FIRST_WEEK + timedelta(weeks=week), (week + segment) % 5)
    for week in range(30)
    for segment, name in ((1, "Clients fidèles"), (2, "Prospects"))
)
CAP = 3


def _heat(cells: dict[tuple[int, int], float]) -> tuple[tuple[float | None, ...], ...]:
    return tuple(tuple(cells.get((day, hour)) for hour in range(24)) for day in range(7))


HEAT_CELLS = {(0, 9): 0.41, (0, 18): 0.33, (2, 10): 0.37, (4, 9): 0.29, (6, 20): 0.45}
CLIENT = ClientStats(
    client_id=1,
    client_name="Maison Lenoir",
    pressure_cap=CAP,
    segments=((1, "Clients fidèles"), (2, "Prospects")),
    trend=TREND,
    open_heat=_heat(HEAT_CELLS),
    click_heat=_heat({slot: rate / 10 for slot, rate in HEAT_CELLS.items()}),
    heat_counts=tuple(
        tuple(2 if (day, hour) in HEAT_CELLS else 0 for hour in range(24)) for day in range(7)
    ),
    weekly=WEEKLY,
    averages=AVERAGES,
)
EMPTY_CLIENT = ClientStats(1, "Nouveau client", 3, (), (), _heat({}), _heat({}), _heat({}), (), ())

Draw = Callable[[Figure, Palette], None]

SAMPLES: dict[str, Draw] = {
    "funnel": lambda fig, pal: charts.draw_funnel(fig, pal, FIGURES),
    "domains": lambda fig, pal: charts.draw_domains(fig, pal, DOMAINS),
    "hours": lambda fig, pal: charts.draw_hours(fig, pal, HOURS),
    "ab": lambda fig, pal: charts.draw_ab(fig, pal, AB),
    "trend": lambda fig, pal: charts.draw_trend(fig, pal, TREND, AVERAGES),
    "heatmap": lambda fig, pal: charts.draw_heatmap(fig, pal, CLIENT),
    "heatmap_clicks": lambda fig, pal: charts.draw_heatmap(fig, pal, CLIENT, "click"),
    "pressure": lambda fig, pal: charts.draw_pressure(fig, pal, WEEKLY, CAP, today=TODAY),
}
EMPTIES: dict[str, Draw] = {
    "funnel": lambda fig, pal: charts.draw_funnel(fig, pal, Figures()),
    "funnel_none": lambda fig, pal: charts.draw_funnel(fig, pal, None),
    "domains": lambda fig, pal: charts.draw_domains(fig, pal, ()),
    "domains_only_hours": lambda fig, pal: charts.draw_domains(fig, pal, HOURS),
    "hours": lambda fig, pal: charts.draw_hours(fig, pal, ()),
    "ab": lambda fig, pal: charts.draw_ab(fig, pal, None),
    "ab_no_recipients": lambda fig, pal: charts.draw_ab(
        fig, pal, AbResult("clicks", 0.95, (VariantResult("A", 0, 0, 0.0, None, None),), None, None)
    ),
    "trend": lambda fig, pal: charts.draw_trend(fig, pal, ()),
    "heatmap": lambda fig, pal: charts.draw_heatmap(fig, pal, EMPTY_CLIENT),
    "heatmap_none": lambda fig, pal: charts.draw_heatmap(fig, pal, None),
    "pressure": lambda fig, pal: charts.draw_pressure(fig, pal, (), CAP),
}


def rendered(draw: Draw, pal: Palette = LIGHT) -> Figure:
    """A 600 × 350 figure drawn and rendered, so that tick formatters and layout run too."""
    fig = charts.new_figure()
    draw(fig, pal)
    FigureCanvasAgg(fig).draw()
    return fig


def all_texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    if fig._suptitle is not None:
        found.append(fig._suptitle.get_text())
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
        found += [ax.get_title(loc="left")]
        found += [label.get_text() for label in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return found


def bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def columns(ax: Axes, gid: str, horizontal: bool = False) -> list[tuple[str, float]]:
    """The (colour, length) of each bar that a chart draws as one collection named ``gid``."""
    found = []
    for collection in (c for c in ax.collections if c.get_gid() == gid):
        paths, colours = collection.get_paths(), collection.get_facecolors()
        colours = list(colours) * len(paths) if len(colours) == 1 else list(colours)
        for colour, path in zip(colours, paths, strict=True):
            found.append((to_hex(colour), float(path.vertices[:, 0 if horizontal else 1].max())))
    return found


@pytest.mark.parametrize("pal", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_chart_draws_a_campaigns_figures(name: str, pal: Palette, qtbot: QtBot) -> None:
    fig = rendered(SAMPLES[name], pal)
    assert fig.axes
    assert to_hex(fig.get_facecolor()) == pal.background
    assert "No figures yet" not in all_texts(fig)


@pytest.mark.parametrize("name", sorted(EMPTIES))
def test_a_chart_without_figures_says_so_in_the_middle(name: str, qtbot: QtBot) -> None:
    fig = rendered(EMPTIES[name])
    assert not fig.axes
    (note,) = fig.texts
    assert note.get_text() == "No figures yet"
    assert note.get_position() == (0.5, 0.5)
    assert note.get_horizontalalignment() == "center"


def test_redrawing_a_figure_replaces_the_previous_chart(qtbot: QtBot) -> None:
    fig = rendered(SAMPLES["trend"])
    charts.draw_funnel(fig, LIGHT, FIGURES)
    assert len(fig.axes) == 1
    charts.draw_funnel(fig, LIGHT, None)
    assert not fig.axes


def test_the_funnel_shows_each_step_with_its_rate(qtbot: QtBot) -> None:
    fig = rendered(SAMPLES["funnel"])
    (ax,) = fig.axes
    assert [b.get_width() for b in bars(ax)] == [48_210, 47_433, 16_902, 1_421, 187]
    texts = all_texts(fig)
    assert "47,433   98.4% of sent" in texts
    assert "1,421   3.0% of delivered" in texts
    assert "187   13.2% of clickers" in texts
    assert "CTOR (clicks ÷ opens): 8.4%" in texts


def test_the_funnel_leaves_out_conversions_that_were_not_tracked(qtbot: QtBot) -> None:
    untracked = FIGURES.with_values(conversions=None, revenue=None)
    fig = rendered(lambda fig, pal: charts.draw_funnel(fig, pal, untracked))
    assert len(bars(fig.axes[0])) == 4


def test_the_funnel_shows_conversions_tracked_at_zero(qtbot: QtBot) -> None:
    """Zero sales is a result the client must see; only "not given" leaves the step out."""
    none_sold = FIGURES.with_values(conversions=0, revenue=Decimal(0))
    fig = rendered(lambda fig, pal: charts.draw_funnel(fig, pal, none_sold))
    assert len(bars(fig.axes[0])) == 5


def test_the_domain_chart_has_one_bar_per_domain_and_reds_the_bouncing_one(
    qtbot: QtBot,
) -> None:
    fig = rendered(SAMPLES["domains"])
    volume, opens, bounces = fig.axes
    delivered = columns(volume, "delivered", horizontal=True)
    open_rates = columns(opens, "rates", horizontal=True)
    bounce_rates = columns(bounces, "rates", horizontal=True)
    assert len(delivered) == len(open_rates) == len(bounce_rates) == len(DOMAINS)
    names = [label.get_text() for label in volume.get_yticklabels()]
    assert names[0] == "gmail.com"  # the biggest provider on top
    assert names[-1] == "Other domains"  # the rest last, whatever its size
    assert delivered[0][1] == 15_400
    assert open_rates[0][1] == pytest.approx(5_852 / 15_400)
    red = [names[i] for i, (colour, _) in enumerate(bounce_rates) if colour == LIGHT.bad]
    assert red == ["sfr.fr"]


def test_the_hours_chart_has_a_bar_per_hour_and_keeps_the_last_bucket(qtbot: QtBot) -> None:
    fig = rendered(SAMPLES["hours"])
    opens, clicks = fig.axes
    assert len(columns(opens, "hours")) == len(columns(clicks, "hours")) == len(HOURS)
    assert columns(opens, "hours")[0][1] == 3_020
    assert "72+" in [label.get_text() for label in clicks.get_xticklabels()]
    assert "Opens — half of them within 4 h" in all_texts(fig)


def test_the_ab_chart_marks_the_winner_with_confidence_intervals(qtbot: QtBot) -> None:
    fig = rendered(SAMPLES["ab"], LIGHT.with_accent("#b5123e"))
    (ax,) = fig.axes
    winners = [t for t in ax.texts if t.get_gid() == "winner"]
    assert [t.get_text() for t in winners] == ["★ Winner"]
    a, b = bars(ax)
    assert to_hex(b.get_facecolor()) == "#b5123e"
    assert to_hex(a.get_facecolor()) != "#b5123e"
    assert "B wins at 95% confidence (p = 0.004)" in all_texts(fig)
    (whiskers,) = ax.collections  # the error bars: one segment per variant
    for segment, variant in zip(whiskers.get_segments(), AB.variants, strict=True):
        low, high = proportion_confint(variant.successes, variant.recipients, 0.05, "wilson")
        assert segment[0][1] == pytest.approx(low)
        assert segment[1][1] == pytest.approx(high)


def test_the_ab_chart_without_a_significant_difference_names_no_winner(qtbot: QtBot) -> None:
    fig = rendered(lambda fig, pal: charts.draw_ab(fig, pal, AB_UNDECIDED))
    assert not [t for t in fig.axes[0].texts if t.get_gid() == "winner"]
    assert (
        "No significant difference at 90% confidence (p = 0.410)\n"
        "52,000 recipients per variant would be needed to detect this difference"
    ) in all_texts(fig)


def test_a_winner_chosen_by_hand_is_labelled_so(qtbot: QtBot) -> None:
    chosen = replace(AB_UNDECIDED, override="A", override_by="marie")
    fig = rendered(lambda fig, pal: charts.draw_ab(fig, pal, chosen))
    winners = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "winner"]
    assert winners == ["★ Winner (chosen by hand)"]


def test_the_trend_rings_the_campaigns_whose_opens_privacy_proxies_inflate(
    qtbot: QtBot,
) -> None:
    fig = rendered(SAMPLES["trend"])
    opens, clicks = fig.axes
    lines = {line.get_gid(): line for ax in fig.axes for line in ax.get_lines()}
    assert len(lines["open_rate"].get_xdata()) == len(TREND)
    assert {"click_rate", "ctor"} <= {line.get_gid() for line in clicks.get_lines()}
    inflated = sum(p.privacy_inflated for p in TREND)
    assert len(lines["privacy_inflated"].get_xdata()) == inflated == 10
    assert list(lines["open_rate_average"].get_ydata()) == [0.35, 0.35]
    assert list(lines["ctor_average"].get_ydata()) == [0.075, 0.075]
    assert "Inflated by privacy proxies" in all_texts(fig)


def test_the_heat_map_starts_on_monday_and_writes_each_slot_sent(qtbot: QtBot) -> None:
    fig = rendered(SAMPLES["heatmap"])
    ax = fig.axes[0]
    days = [label.get_text() for label in ax.get_yticklabels()]
    assert days == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert sorted(t.get_text() for t in ax.texts) == ["29", "33", "37", "41", "45"]
    assert "Open rate by send day and hour" in all_texts(fig)
    clicks = rendered(SAMPLES["heatmap_clicks"])
    assert "4.1" in [t.get_text() for t in clicks.axes[0].texts]


def test_the_pressure_chart_draws_the_cap_and_reds_the_weeks_over_it(qtbot: QtBot) -> None:
    fig = rendered(SAMPLES["pressure"])
    (ax,) = fig.axes
    (cap,) = [line for line in ax.get_lines() if line.get_gid() == "cap"]
    assert list(cap.get_ydata()) == [CAP, CAP]
    sends = columns(ax, "segment-0") + columns(ax, "segment-1")
    assert len(sends) == len(WEEKLY)  # one bar per segment and week
    red = [height for colour, height in sends if colour == LIGHT.bad]
    assert len(red) == sum(w.sends > CAP for w in WEEKLY) > 0
    assert min(red) > CAP
    texts = all_texts(fig)
    assert {"Clients fidèles", "Prospects", "Over the cap", "Cap: 3 a week", "Planned"} <= set(
        texts
    )


def test_numbers_follow_the_french_locale(qtbot: QtBot) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert charts.percent_text(0.2778) == "27,8\u00a0%"
    assert charts.count_text(12_345).replace("\u202f", " ").replace("\u00a0", " ") == "12 345"
    fig = rendered(SAMPLES["heatmap"])
    assert fig.axes[0].get_yticklabels()[0].get_text() == "lun."
    for name in SAMPLES:  # French separators and month names render without missing glyphs
        rendered(SAMPLES[name])


def test_the_dark_palette_differs_from_the_light_one(qtbot: QtBot) -> None:
    widget = ChartCanvas()
    qtbot.addWidget(widget)
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f5f5f5"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#111111"))
    widget.setPalette(light)
    day = palette_from(widget)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    widget.setPalette(dark)
    night = palette_from(widget)
    assert (day.dark, night.dark) == (False, True)
    assert (day.background, night.background) == ("#f5f5f5", "#202020")
    assert day.foreground != night.foreground
    assert day.opens != night.opens and day.series != night.series
    # The canvas redrew itself in the new colours when the palette changed.
    assert to_hex(widget.figure.get_facecolor()) == "#202020"


def test_a_client_colour_is_made_readable_on_either_background() -> None:
    navy, butter = "#0b1a4a", "#fde68a"
    assert QColor(DARK.with_accent(navy).accent).lightnessF() > 0.55
    assert QColor(LIGHT.with_accent(butter).accent).lightnessF() <= 0.6
    assert LIGHT.with_accent("#b5123e").accent == "#b5123e"  # already fine: kept as is


def test_the_chart_widget_shows_and_saves_png_and_svg(qtbot: QtBot, tmp_path: Path) -> None:
    widget = ChartCanvas()
    qtbot.addWidget(widget)
    widget.resize(600, 350)
    widget.draw_chart(SAMPLES["ab"])
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.canvas.isVisible()
    assert widget.figure.axes

    png, svg = tmp_path / "ab.png", tmp_path / "ab.SVG"
    widget.save(png)
    widget.save(svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    with pytest.raises(ValueError):
        widget.save(tmp_path / "ab.pdf")


def test_save_as_from_the_menu_adds_the_missing_suffix(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = ChartCanvas()
    qtbot.addWidget(widget)
    widget.draw_chart(SAMPLES["funnel"])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "funnel"), "")
    )
    widget._save_as(".svg")
    assert (tmp_path / "funnel.svg").stat().st_size > 0
