"""The stats charts: matplotlib figures in a light or dark palette and the user's language,
drawn into the stats windows' canvases (``crmdesk.ui.stats.charts``) and into the PDF reports
as SVG.

matplotlib is imported here at module level on purpose: it costs a few hundred milliseconds, so
the stats window imports this module only when the stats are first shown. Figures are built
with ``Figure`` and ``FigureCanvasQTAgg``, never pyplot, whose global state does not belong in
an application. The ``draw_*`` functions only need a ``Figure`` and a ``Palette``: tests, the
CLI's future reports and the window call the same code.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from statistics import NormalDist
from typing import Literal, cast

import matplotlib.dates as mdates  # noqa: TID253
from matplotlib.artist import Artist  # noqa: TID253
from matplotlib.axes import Axes  # noqa: TID253
from matplotlib.collections import PolyCollection  # noqa: TID253
from matplotlib.colors import LinearSegmentedColormap, to_hex, to_rgb  # noqa: TID253
from matplotlib.figure import Figure  # noqa: TID253
from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: TID253
from matplotlib.patches import Patch  # noqa: TID253
from matplotlib.ticker import Formatter, MaxNLocator, MultipleLocator, NullLocator  # noqa: TID253
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QColor

from crmdesk.core.pressure import exceeds
from crmdesk.core.stats import kpis
from crmdesk.core.stats.figures import (
    AbResult,
    Breakdown,
    ClientStats,
    Figures,
    Kpi,
    TrendPoint,
    WeeklySends,
)
from crmdesk.render.labels import count_text, percent_text

#: Text sizes in points, readable on a chart of about 600 × 350 pixels.
TITLE_SIZE = 10.5
LABEL_SIZE = 8.5
SMALL_SIZE = 7.5
#: The resolution of saved PNGs: sharp in a printed or projected report.
PNG_DPI = 150
#: Beyond this many campaigns the trend draws dots and a running mean instead of a line.
DENSE_TREND = 60
#: Beyond this many slots the heat map writes only the best ones' rates in their cells.
HEAT_LABELS = 60


# -- colours ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours a chart is drawn in, as "#rrggbb" strings (matplotlib needs no Qt)."""

    dark: bool
    background: str
    foreground: str
    muted: str  # secondary text: axis ticks, notes
    grid: str  # grid lines, axis spines
    accent: str  # the client's colour, made readable on the background
    opens: str
    clicks: str
    ctor: str
    good: str
    bad: str
    warning: str
    #: One colour per segment; none of them is red, which marks what is over the cap.
    series: tuple[str, ...]

    def with_accent(self, colour: str) -> Palette:
        """This palette with the client's colour, lightened or darkened until it reads."""
        return replace(self, accent=_readable(colour, self.dark))


LIGHT = Palette(
    dark=False,
    background="#ffffff",
    foreground="#1f2937",
    muted="#6b7280",
    grid="#e5e7eb",
    accent="#2563eb",
    opens="#2563eb",
    clicks="#d97706",
    ctor="#7c3aed",
    good="#15803d",
    bad="#dc2626",
    warning="#b45309",
    series=("#2563eb", "#0d9488", "#d97706", "#7c3aed", "#db2777", "#65a30d", "#0891b2"),
)
DARK = Palette(
    dark=True,
    background="#1e1e1e",
    foreground="#e5e7eb",
    muted="#9ca3af",
    grid="#3f3f46",
    accent="#60a5fa",
    opens="#60a5fa",
    clicks="#fbbf24",
    ctor="#c4b5fd",
    good="#4ade80",
    bad="#f87171",
    warning="#fbbf24",
    series=("#60a5fa", "#2dd4bf", "#fbbf24", "#c4b5fd", "#f472b6", "#a3e635", "#22d3ee"),
)


def _mix(colour: str, other: str, amount: float) -> str:
    """``other`` mixed into ``colour`` by ``amount`` (0 keeps ``colour``): opaque tints that
    look the same in PNG and SVG, unlike alpha over an unknown background."""
    a, b = to_rgb(colour), to_rgb(other)
    red, green, blue = (x + (y - x) * amount for x, y in zip(a, b, strict=True))
    return to_hex((red, green, blue))


def _readable(colour: str, dark: bool) -> str:
    """A client's colour may be pale yellow or navy: keep its hue, fix its lightness."""
    qcolour = QColor(colour)
    if not qcolour.isValid():
        return DARK.accent if dark else LIGHT.accent
    # PySide6's stub types getHslF() as ``object``; it returns (h, s, l, a) floats.
    hue, saturation, lightness, _ = cast(tuple[float, float, float, float], qcolour.getHslF())
    if dark and lightness < 0.55:
        lightness, saturation = 0.62, min(saturation, 0.7)  # lifted, but not neon
    elif not dark and lightness > 0.6:
        lightness = 0.45
    return QColor.fromHslF(max(hue, 0.0), saturation, lightness).name()


def palette_for(background: str, foreground: str, accent: str | None = None) -> Palette:
    """The chart colours on a ``background`` with ``foreground`` text ("#rrggbb"): the light
    or dark series colours by how light the background is; ``accent`` is the client's colour."""
    dark = QColor(background).lightnessF() < 0.5
    pal = replace(
        DARK if dark else LIGHT,
        background=background,
        foreground=foreground,
        muted=_mix(foreground, background, 0.42),
        grid=_mix(background, foreground, 0.16),
    )
    return pal.with_accent(accent) if accent else pal


# -- numbers in the user's language -------------------------------------------------------


def _compact(value: float, scale: float | None = None) -> str:
    """Axis ticks of large counts: "12 k", "1,2 M" (SI prefixes read the same in French);
    ``scale`` (the largest tick) keeps every tick of an axis in the same unit."""
    locale = QLocale()
    scale = abs(value) if scale is None else scale
    if value == 0:
        return "0"
    if scale >= 1_000_000:
        return f"{locale.toString(value / 1_000_000, 'g', 3)}\u00a0M"
    if scale >= 10_000:
        return f"{locale.toString(value / 1000, 'g', 3)}\u00a0k"
    return locale.toString(int(round(value)))


class _PercentFormatter(Formatter):
    """Percent ticks with as many decimals as the tick spacing needs, in the locale's way."""

    def __init__(self) -> None:
        super().__init__()
        self._decimals = 0

    def set_locs(self, locs: Sequence[float]) -> None:
        # matplotlib's stub asks for a list; the axis hands over its ticks as an array.
        super().set_locs(cast(list[float], locs))
        # The fewest decimals that write every tick exactly: 1.25 % needs two, 5 % none.
        self._decimals = next(
            (d for d in range(3) if all(abs(round(x * 100, d) - x * 100) < 1e-6 for x in locs)),
            2,
        )

    def __call__(self, x: float, pos: int | None = None) -> str:
        return percent_text(x, self._decimals)


class _CountFormatter(Formatter):
    """Count ticks, all in thousands ("6 k", "12 k") once the largest one needs it."""

    def __init__(self) -> None:
        super().__init__()
        self._largest = 0.0

    def set_locs(self, locs: Sequence[float]) -> None:
        # matplotlib's stub asks for a list; the axis hands over its ticks as an array.
        super().set_locs(cast(list[float], locs))
        self._largest = max((abs(x) for x in locs), default=0.0)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return _compact(x, self._largest)


class _DateFormatter(Formatter):
    """Month names in the locale's language, the year under January and under the first tick
    (matplotlib's own date formatters speak the C locale's English)."""

    def __init__(self, daily: bool) -> None:
        super().__init__()
        self._daily = daily

    def __call__(self, x: float, pos: int | None = None) -> str:
        day = mdates.num2date(x).date()
        locale = QLocale()
        if self._daily:
            return locale.toString(QDate(day), "d MMM")
        month = locale.standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)
        return f"{month}\n{day.year}" if pos == 0 or day.month == 1 else month


# -- shared drawing helpers ---------------------------------------------------------------


def new_figure(width: float = 600, height: float = 350, dpi: float = 100) -> Figure:
    """A figure of ``width`` × ``height`` pixels, laid out by matplotlib's constrained layout
    (titles, legends and colour bars find their room without hand-tuned margins)."""
    return Figure(figsize=(width / dpi, height / dpi), dpi=dpi, layout="constrained")


def _reset(fig: Figure, pal: Palette) -> None:
    fig.clear()
    fig.set_facecolor(pal.background)
    fig.set_layout_engine("constrained")
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(w_pad=6 / 72, h_pad=6 / 72, hspace=0.06, wspace=0.04)


def draw_empty(fig: Figure, pal: Palette, message: str | None = None) -> None:
    """The centred note a chart shows instead of empty axes."""
    _reset(fig, pal)
    text = message or QCoreApplication.translate("StatsCharts", "No figures yet")
    fig.text(0.5, 0.5, text, ha="center", va="center", color=pal.muted, fontsize=11)


def _title(fig: Figure, pal: Palette, text: str) -> None:
    fig.suptitle(
        text, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold", color=pal.foreground
    )


def _subtitle(ax: Axes, pal: Palette, text: str, colour: str | None = None) -> None:
    ax.set_title(text, loc="left", fontsize=LABEL_SIZE, color=colour or pal.muted, pad=6)


def _style(ax: Axes, pal: Palette, grid: Literal["both", "x", "y"] | None = "y") -> None:
    """Clean axes: no top or right spine, light grid behind the data, muted ticks."""
    ax.set_facecolor(pal.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(pal.grid)
    ax.tick_params(colors=pal.grid, labelcolor=pal.muted, labelsize=SMALL_SIZE, length=3, width=0.8)
    if grid:
        ax.grid(axis=grid, color=pal.grid, linewidth=0.7)
    ax.set_axisbelow(True)


def _hide_axis(ax: Axes, which: str) -> None:
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_locator(NullLocator())
    ax.spines["bottom" if which == "x" else "left"].set_visible(False)


def _columns(
    ax: Axes,
    xs: Sequence[float],
    heights: Sequence[float],
    width: float,
    colours: str | Sequence[str],
    *,
    label: str | None = None,
    gid: str | None = None,
    horizontal: bool = False,
) -> PolyCollection:
    """Bars as one collection: ``ax.bar`` makes a patch per bar, which costs about a
    millisecond each to lay out, and the hours and pressure charts have a hundred or more.
    ``xs`` are the bars' centres along the category axis (the y axis when ``horizontal``)."""
    half = width / 2
    verts: list[tuple[tuple[float, float], ...]] = [
        ((x - half, 0.0), (x - half, h), (x + half, h), (x + half, 0.0))
        for x, h in zip(xs, heights, strict=True)
    ]
    if horizontal:
        verts = [tuple((h, x) for x, h in corners) for corners in verts]
    bars = PolyCollection(verts, facecolors=colours, edgecolors="none", label=label, gid=gid)
    ax.add_collection(bars, autolim=True)
    ax.autoscale_view()
    if horizontal:
        ax.set_xlim(left=0)
    else:
        ax.set_ylim(bottom=0)
    return bars


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator > 0 else None


def _wilson(successes: int, n: int, confidence: float) -> tuple[float, float]:
    """The Wilson score interval of a proportion: sound near 0 %, where click rates live and
    the textbook normal interval dips below zero."""
    if n <= 0:
        return 0.0, 0.0
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


# -- the charts ---------------------------------------------------------------------------


def draw_funnel(fig: Figure, pal: Palette, figures: Figures | None) -> None:
    """Sent → delivered → unique opens → unique clicks → conversions, each step with its rate
    as the KPIs define it. A step whose figure was not given is left out (no conversion tracking:
    no conversions step), never drawn as an empty bar that would read as none."""
    if figures is None or figures.sent <= 0:
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    f = figures
    candidates: list[tuple[str, int | None, str]] = [
        (QCoreApplication.translate("StatsCharts", "Sent"), f.sent, ""),
        (
            QCoreApplication.translate("StatsCharts", "Delivered"),
            f.delivered,
            QCoreApplication.translate("StatsCharts", "%1 of sent"),
        ),
        (
            QCoreApplication.translate("StatsCharts", "Unique opens"),
            f.unique_opens,
            QCoreApplication.translate("StatsCharts", "%1 of delivered"),
        ),
        (
            QCoreApplication.translate("StatsCharts", "Unique clicks"),
            f.unique_clicks,
            QCoreApplication.translate("StatsCharts", "%1 of delivered"),
        ),
    ]
    bottoms: list[int | None] = [0, f.sent, f.delivered, f.delivered]
    if f.conversions is not None:
        candidates.append(
            (
                QCoreApplication.translate("StatsCharts", "Conversions"),
                f.conversions,
                QCoreApplication.translate("StatsCharts", "%1 of clickers"),
            )
        )
        bottoms.append(f.unique_clicks)
    steps: list[tuple[str, int, str]] = []
    denominators: list[int] = []
    for (name, count, template), bottom in zip(candidates, bottoms, strict=True):
        if count is not None:
            steps.append((name, count, template if bottom is not None else ""))
            denominators.append(bottom or 0)
    ax = fig.add_subplot()
    _style(ax, pal, grid=None)
    positions = list(range(len(steps)))
    counts = [count for _, count, _ in steps]
    colours = [_mix(pal.accent, pal.background, 0.12 * i) for i in positions]
    ax.barh(positions, counts, height=0.62, color=colours)
    for position, (_, count, template), denominator in zip(
        positions, steps, denominators, strict=True
    ):
        label = count_text(count)
        rate = _rate(count, denominator)
        if template and rate is not None:
            label += "   " + template.replace("%1", percent_text(rate))
        ax.annotate(
            label,
            (count, position),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=LABEL_SIZE,
            color=pal.foreground,
        )
    ctor_value = kpis.kpi_values(f)["ctor"]
    if ctor_value is not None:
        ctor = QCoreApplication.translate("StatsCharts", "CTOR (clicks ÷ opens): %1")
        _subtitle(ax, pal, ctor.replace("%1", percent_text(ctor_value)))
    ax.set_yticks(positions, [name for name, _, _ in steps], fontsize=LABEL_SIZE)
    ax.tick_params(axis="y", length=0, labelcolor=pal.foreground)
    ax.set_ylim(len(steps) - 0.5, -0.5)  # the first step on top
    ax.set_xlim(0, f.sent * 1.6)  # room for the labels right of the longest bar
    _hide_axis(ax, "x")
    ax.spines["left"].set_visible(False)
    _title(fig, pal, QCoreApplication.translate("StatsCharts", "Campaign funnel"))


def _domain_name(key: str) -> str:
    if key == "other":
        return QCoreApplication.translate("StatsCharts", "Other domains")
    return key


def draw_domains(fig: Figure, pal: Palette, rows: Sequence[Breakdown]) -> None:
    """Per mailbox provider: how much was delivered, the open rate and the bounce rate, each
    beside the campaign's overall rate (dashed) so that a provider filtering the mail shows."""
    domains = [r for r in rows if r.dimension == "domain" and r.delivered + r.bounces > 0]
    if not domains:
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    domains.sort(key=lambda r: (r.key == "other", -r.delivered, r.key))
    names = [_domain_name(r.key) for r in domains]
    positions = list(range(len(domains)))
    # Not sharey: the rate panels need no y ticks at all, and ticks are what costs to draw.
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": (1.25, 1, 1)})
    volume, opens, bounces = axes
    for ax in axes:
        _style(ax, pal, grid="x")
    _columns(
        volume,
        positions,
        [r.delivered for r in domains],
        0.66,
        pal.accent,
        gid="delivered",
        horizontal=True,
    )
    volume.xaxis.set_major_formatter(_CountFormatter())
    volume.xaxis.set_major_locator(MaxNLocator(3, integer=True))
    volume.set_yticks(positions, names, fontsize=LABEL_SIZE)
    volume.tick_params(axis="y", length=0, labelcolor=pal.foreground)
    volume.set_ylim(len(domains) - 0.5, -0.5)
    everyone = QCoreApplication.translate("StatsCharts", "all: %1")
    _subtitle(
        volume,
        pal,
        QCoreApplication.translate("StatsCharts", "Delivered")
        + "\n"
        + everyone.replace("%1", count_text(sum(r.delivered for r in domains))),
    )

    delivered = sum(r.delivered for r in domains)
    open_rates = [_rate(r.opens, r.delivered) for r in domains]
    bounce_rates = [_rate(r.bounces, r.delivered + r.bounces) for r in domains]
    overall_open = _rate(sum(r.opens for r in domains), delivered)
    overall_bounce = _rate(
        sum(r.bounces for r in domains), delivered + sum(r.bounces for r in domains)
    )
    bounce_colours = [
        pal.bad if kpis.bounce_alarm(rate) else _mix(pal.muted, pal.background, 0.25)
        for rate in bounce_rates
    ]
    for ax, rates, colours, overall, title in (
        (
            opens,
            open_rates,
            [pal.opens] * len(domains),
            overall_open,
            QCoreApplication.translate("StatsCharts", "Open rate"),
        ),
        (
            bounces,
            bounce_rates,
            bounce_colours,
            overall_bounce,
            QCoreApplication.translate("StatsCharts", "Bounce rate"),
        ),
    ):
        values = [math.nan if rate is None else rate for rate in rates]
        _columns(
            ax,
            positions,
            [0.0 if math.isnan(v) else v for v in values],
            0.66,
            colours,
            gid="rates",
            horizontal=True,
        )
        top = max((v for v in values if not math.isnan(v)), default=0.0)
        ax.set_xlim(0, max(top * 1.6, 0.01))  # the right of the panel holds the values
        ax.xaxis.set_major_locator(MaxNLocator(3))
        ax.xaxis.set_major_formatter(_PercentFormatter())
        ax.set_ylim(len(domains) - 0.5, -0.5)
        ax.yaxis.set_major_locator(NullLocator())
        # The values in a column at the panel's right edge, clear of the bars and the line.
        for position, value in zip(positions, values, strict=True):
            if not math.isnan(value):
                ax.text(
                    1.0,
                    position,
                    percent_text(value),
                    transform=ax.get_yaxis_transform(),
                    ha="right",
                    va="center",
                    fontsize=SMALL_SIZE,
                    color=pal.bad if colours[position] == pal.bad else pal.muted,
                )
        if overall is not None:
            ax.axvline(overall, color=pal.foreground, linewidth=0.9, linestyle=(0, (3, 2)))
            title += "\n" + everyone.replace("%1", percent_text(overall))
        _subtitle(ax, pal, title)
    _title(fig, pal, QCoreApplication.translate("StatsCharts", "Deliverability by domain"))


def _hour_of(key: str) -> int | None:
    """ "5" → 5; a last bucket such as "72+" sits at 72; anything else is not an hour."""
    digits = key.rstrip("+").strip()
    return int(digits) if digits.isdigit() else None


def _half_life(values: Sequence[tuple[int, int]]) -> int | None:
    """The hour by which half the events had happened."""
    total = sum(v for _, v in values)
    if total <= 0:
        return None
    running = 0
    for hour, value in sorted(values):
        running += value
        if running * 2 >= total:
            return hour
    return None


def draw_hours(fig: Figure, pal: Palette, rows: Sequence[Breakdown]) -> None:
    """Opens (top) and clicks (bottom) per hour after the send, and how soon half of them came:
    when the figures have settled, and when a relance can go."""
    hours = [(h, r) for r in rows if r.dimension == "hour" and (h := _hour_of(r.key)) is not None]
    if not hours or not any(r.opens or r.clicks for _, r in hours):
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    hours.sort(key=lambda item: item[0])
    top, bottom = fig.subplots(2, 1, sharex=True)
    last = max(h for h, _ in hours)
    for ax, values, colour, title in (
        (
            top,
            [(h, r.opens) for h, r in hours],
            pal.opens,
            QCoreApplication.translate("StatsCharts", "Opens"),
        ),
        (
            bottom,
            [(h, r.clicks) for h, r in hours],
            pal.clicks,
            QCoreApplication.translate("StatsCharts", "Clicks"),
        ),
    ):
        _style(ax, pal)
        _columns(ax, [h for h, _ in values], [v for _, v in values], 0.82, colour, gid="hours")
        ax.yaxis.set_major_locator(MaxNLocator(3, integer=True))
        ax.yaxis.set_major_formatter(_CountFormatter())
        half = _half_life(values)
        if half is not None:
            ax.axvline(half + 0.5, color=pal.foreground, linewidth=0.9, linestyle=(0, (3, 2)))
            note = QCoreApplication.translate("StatsCharts", "%1 — half of them within %2 h")
            title = note.replace("%1", title).replace("%2", QLocale().toString(half + 1))
        _subtitle(ax, pal, title)
    step = 6 if last <= 36 else 12
    bottom.xaxis.set_major_locator(MultipleLocator(step))
    labels = {h: r.key for h, r in hours if not r.key.isdigit()}  # "72+" keeps its plus
    bottom.xaxis.set_major_formatter(
        lambda x, pos: labels.get(int(x), QLocale().toString(int(x))) if x >= 0 else ""
    )
    bottom.set_xlim(-0.7, last + 0.7)
    bottom.set_xlabel(
        QCoreApplication.translate("StatsCharts", "Hours after the send"),
        fontsize=SMALL_SIZE,
        color=pal.muted,
    )
    _title(fig, pal, QCoreApplication.translate("StatsCharts", "Opens and clicks over time"))


def _metric_title(metric: str) -> str:
    return {
        "opens": QCoreApplication.translate("StatsCharts", "Open rate by variant"),
        "conversions": QCoreApplication.translate("StatsCharts", "Conversion rate by variant"),
    }.get(metric, QCoreApplication.translate("StatsCharts", "Click rate by variant"))


def _p_text(p: float) -> str:
    if p < 0.001:
        return "p < " + QLocale().toString(0.001, "f", 3)
    return "p = " + QLocale().toString(p, "f", 3)


def draw_ab(fig: Figure, pal: Palette, result: AbResult | None) -> None:
    """Each variant's rate with its confidence interval (Wilson, at the test's confidence),
    the winner in the client's colour and labelled, the verdict and its p-value underneath."""
    variants = [v for v in result.variants if v.recipients > 0] if result is not None else []
    if result is None or not variants:
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    ax = fig.add_subplot()
    _style(ax, pal)
    winner = result.winner
    positions = list(range(len(variants)))
    rates = [v.successes / v.recipients for v in variants]
    intervals = [_wilson(v.successes, v.recipients, result.confidence) for v in variants]
    lower = [max(0.0, r - lo) for r, (lo, _) in zip(rates, intervals, strict=True)]
    upper = [max(0.0, hi - r) for r, (_, hi) in zip(rates, intervals, strict=True)]
    pale = _mix(pal.accent, pal.background, 0.55)
    colours = [pal.accent if v.variant == winner else pale for v in variants]
    ax.bar(positions, rates, width=0.55, color=colours, zorder=2)
    ax.errorbar(
        positions,
        rates,
        yerr=[lower, upper],
        fmt="none",
        ecolor=pal.foreground,
        elinewidth=1.1,
        capsize=5,
        capthick=1.1,
        zorder=3,
    )
    highest = max(hi for _, hi in intervals)
    for position, variant, rate, (_, hi) in zip(positions, variants, rates, intervals, strict=True):
        ax.annotate(
            percent_text(rate, 2),
            (position, hi),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=LABEL_SIZE,
            fontweight="bold",
            color=pal.foreground,
        )
        if variant.variant == winner:
            label = (
                QCoreApplication.translate("StatsCharts", "Winner (chosen by hand)")
                if result.override is not None
                else QCoreApplication.translate("StatsCharts", "Winner")
            )
            ax.annotate(
                "★ " + label,
                (position, hi),
                xytext=(0, 17),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE,
                fontweight="bold",
                color=pal.good,
                gid="winner",
            )
    recipients = QCoreApplication.translate("StatsCharts", "%1 recipients")
    ax.set_xticks(
        positions,
        [f"{v.variant}\n{recipients.replace('%1', count_text(v.recipients))}" for v in variants],
    )
    ax.tick_params(axis="x", length=0, labelsize=LABEL_SIZE, labelcolor=pal.foreground)
    ax.set_xlim(-0.6, len(variants) - 0.4)
    ax.set_ylim(0, max(highest * 1.3, 0.001))
    ax.yaxis.set_major_locator(MaxNLocator(4))
    ax.yaxis.set_major_formatter(_PercentFormatter())
    confidence = percent_text(result.confidence, 0)
    p = f" ({_p_text(result.p_value)})" if result.p_value is not None else ""
    if result.tested_winner is not None:
        verdict = QCoreApplication.translate("StatsCharts", "%1 wins at %2 confidence")
        verdict = verdict.replace("%1", result.tested_winner).replace("%2", confidence) + p
    else:
        verdict = QCoreApplication.translate(
            "StatsCharts", "No significant difference at %1 confidence"
        )
        verdict = verdict.replace("%1", confidence) + p
    if result.override is not None:
        chosen = QCoreApplication.translate("StatsCharts", "%1 chosen by hand")
        verdict += " · " + chosen.replace("%1", result.override)
    if result.tested_winner is None and result.sample_size_needed:
        needed = QCoreApplication.translate(
            "StatsCharts", "%1 recipients per variant would be needed to detect this difference"
        )
        verdict += "\n" + needed.replace("%1", count_text(result.sample_size_needed))
    _subtitle(ax, pal, verdict)
    note = QCoreApplication.translate("StatsCharts", "%1 (%2 confidence intervals)")
    _title(fig, pal, note.replace("%1", _metric_title(result.metric)).replace("%2", confidence))


def _average(averages: Sequence[Kpi], key: str) -> float | None:
    for kpi in averages:
        if kpi.key == key and kpi.value is not None:
            return kpi.value
    return None


def _date_axis(ax: Axes, first: datetime, last: datetime) -> None:
    span = (last - first).days
    if span <= 62:
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, math.ceil(span / 6))))
        ax.xaxis.set_major_formatter(_DateFormatter(daily=True))
    else:
        interval = max(1, math.ceil(span / 30.5 / 7))
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=interval))
        ax.xaxis.set_major_formatter(_DateFormatter(daily=False))


def _running_mean(moments: Sequence[datetime], values: Sequence[float]) -> list[float]:
    """The mean of the values sent within two weeks either side of each campaign (NaN ones
    left out), in one pass over the sorted campaigns."""
    window = timedelta(days=14)
    means: list[float] = []
    start = end = 0
    total, count = 0.0, 0
    for moment in moments:
        while end < len(moments) and moments[end] <= moment + window:
            if not math.isnan(values[end]):
                total, count = total + values[end], count + 1
            end += 1
        while moments[start] < moment - window:
            if not math.isnan(values[start]):
                total, count = total - values[start], count - 1
            start += 1
        means.append(total / count if count else math.nan)
    return means


def draw_trend(
    fig: Figure, pal: Palette, points: Sequence[TrendPoint], averages: Sequence[Kpi] = ()
) -> None:
    """The open rate (top) and the click-based KPIs (bottom) of each sent campaign over time,
    with the client's 12-month averages dashed. Opens inflated by privacy proxies (Apple MPP)
    are ringed: on those campaigns, judge by the clicks."""
    points = [p for p in points if any(v is not None for v in (p.open_rate, p.click_rate, p.ctor))]
    if not points:
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    points = sorted(points, key=lambda p: p.send_at)
    moments = [p.send_at for p in points]
    top, bottom = fig.subplots(2, 1, sharex=True)

    def values(attribute: str) -> list[float]:
        found = (getattr(p, attribute) for p in points)
        return [math.nan if v is None else v for v in found]

    dense = len(points) > DENSE_TREND
    marker = 2.2 if dense else 3.5
    for ax, series in (
        (
            top,
            (("open_rate", pal.opens, QCoreApplication.translate("StatsCharts", "Open rate")),),
        ),
        (
            bottom,
            (
                ("click_rate", pal.clicks, QCoreApplication.translate("StatsCharts", "Click rate")),
                ("ctor", pal.ctor, QCoreApplication.translate("StatsCharts", "CTOR")),
            ),
        ),
    ):
        _style(ax, pal)
        highest = 0.0
        for attribute, colour, label in series:
            ys = values(attribute)
            highest = max([highest, *(y for y in ys if not math.isnan(y))])
            if dense:
                # A dot per campaign, and the 4-week running mean as the line to read.
                ax.plot(
                    moments,
                    ys,
                    linestyle="none",
                    marker="o",
                    markersize=marker,
                    markeredgewidth=0,
                    color=_mix(colour, pal.background, 0.5),
                    gid=attribute,
                )
                ax.plot(
                    moments,
                    _running_mean(moments, ys),
                    color=colour,
                    linewidth=1.6,
                    label=label,
                    gid=f"{attribute}_mean",
                )
            else:
                ax.plot(
                    moments,
                    ys,
                    color=colour,
                    linewidth=1.4,
                    marker="o",
                    markersize=marker,
                    label=label,
                    gid=attribute,
                )
            average = _average(averages, attribute)
            if average is not None:
                ax.axhline(
                    average,
                    color=colour,
                    linewidth=0.9,
                    linestyle=(0, (4, 3)),
                    alpha=0.8,
                    gid=f"{attribute}_average",
                )
                highest = max(highest, average)
        ax.set_ylim(0, max(highest * 1.18, 0.01))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_formatter(_PercentFormatter())
    inflated = [(p.send_at, p.open_rate) for p in points if p.privacy_inflated and p.open_rate]
    if inflated:
        top.plot(
            [m for m, _ in inflated],
            [v for _, v in inflated],
            linestyle="none",
            marker="o",
            # Rings around the points; on a dense trend, rings would hide the dots: recolour them.
            markersize=marker if dense else marker + 5,
            markerfacecolor=_mix(pal.warning, pal.background, 0.2) if dense else "none",
            markeredgecolor=pal.warning,
            markeredgewidth=0 if dense else 1.4,
            label=QCoreApplication.translate("StatsCharts", "Inflated by privacy proxies"),
            gid="privacy_inflated",
        )
    if any(_average(averages, key) is not None for key in ("open_rate", "click_rate", "ctor")):
        top.plot(
            [],
            [],
            color=pal.muted,
            linewidth=0.9,
            linestyle=(0, (4, 3)),
            label=QCoreApplication.translate("StatsCharts", "12-month average"),
        )
    for ax in (top, bottom):
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=3,
            frameon=False,
            fontsize=SMALL_SIZE,
            labelcolor=pal.foreground,
            borderaxespad=0.2,
            handlelength=1.8,
            columnspacing=1.2,
        )
    if moments[0] == moments[-1]:
        bottom.set_xlim(mdates.date2num(moments[0]) - 7, mdates.date2num(moments[0]) + 7)
        _date_axis(bottom, moments[0], moments[0])
    else:
        _date_axis(bottom, moments[0], moments[-1])
    _title(fig, pal, QCoreApplication.translate("StatsCharts", "KPI trend"))


def _heat_colours(pal: Palette, colour: str) -> LinearSegmentedColormap:
    start = _mix(pal.background, colour, 0.1)
    middle = _mix(pal.background, colour, 0.55)
    return LinearSegmentedColormap.from_list("crmdesk_heat", (start, middle, colour))


def draw_heatmap(
    fig: Figure, pal: Palette, stats: ClientStats | None, metric: str = "open"
) -> None:
    """The mean open (or click) rate of the campaigns sent in each weekday × hour slot, Monday
    on top; slots where nothing was sent stay blank. Only the hours the client sends in (and
    7:00–21:00 at least) are shown, so the cells stay wide enough to read."""
    grid = None
    if stats is not None:
        grid = stats.click_heat if metric == "click" else stats.open_heat
    cells = [
        (day, hour, value)
        for day, row in enumerate(grid or ())
        for hour, value in enumerate(row)
        if value is not None
    ]
    if not cells:
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    first = min(min(h for _, h, _ in cells), 7)
    last = max(max(h for _, h, _ in cells), 21)
    colour = pal.clicks if metric == "click" else pal.opens
    values = [v for _, _, v in cells]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = max(0.0, low - 0.01), high + 0.01
    ax = fig.add_subplot()
    _style(ax, pal, grid=None)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_facecolor(_mix(pal.background, pal.foreground, 0.04))
    matrix = [[math.nan] * (last - first + 1) for _ in range(7)]
    for day, hour, value in cells:
        matrix[day][hour - first] = value
    mesh = ax.pcolormesh(
        [h - 0.5 for h in range(first, last + 2)],
        [d - 0.5 for d in range(8)],
        matrix,
        cmap=_heat_colours(pal, colour),
        vmin=low,
        vmax=high,
        edgecolors=pal.background,
        linewidth=1.2,
    )
    decimals = 0 if metric != "click" else 1
    # Every cell's rate when they fit; on a busy grid the ten best, which are what an operator
    # looks for (and each label costs a few milliseconds to draw).
    written = cells if len(cells) <= HEAT_LABELS else sorted(cells, key=lambda c: -c[2])[:10]
    for day, hour, value in written:
        share = (value - low) / (high - low)
        ax.text(
            hour,
            day,
            QLocale().toString(value * 100, "f", decimals),
            ha="center",
            va="center",
            fontsize=6.5,
            color=pal.background if share > 0.6 else pal.foreground,
        )
    locale = QLocale()
    ax.set_yticks(
        range(7), [locale.dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]
    )
    ax.set_ylim(6.5, -0.5)  # Monday on top
    ax.set_xlim(first - 0.5, last + 0.5)
    ticks = [h for h in range(first, last + 1) if h % 2 == 0]
    ax.set_xticks(
        ticks, [locale.toString(QTime(h, 0), QLocale.FormatType.ShortFormat) for h in ticks]
    )
    ax.tick_params(length=0, labelsize=SMALL_SIZE)
    ax.tick_params(axis="y", labelsize=LABEL_SIZE, labelcolor=pal.foreground)
    bar = fig.colorbar(mesh, ax=ax, shrink=0.85, aspect=18, pad=0.015)
    bar.outline.set_visible(False)
    bar.ax.tick_params(colors=pal.grid, labelcolor=pal.muted, labelsize=SMALL_SIZE, length=2)
    bar.ax.yaxis.set_major_locator(MaxNLocator(4))
    bar.ax.yaxis.set_major_formatter(_PercentFormatter())
    sends = sum(sum(row) for row in stats.heat_counts) if stats is not None else 0
    if written is cells:
        note = QCoreApplication.translate(
            "StatsCharts", "Mean rate per send slot (in %) over %1 campaigns; blank: none sent"
        )
    else:
        note = QCoreApplication.translate(
            "StatsCharts", "Mean rate per send slot over %1 campaigns; the 10 best slots in %"
        )
    _subtitle(ax, pal, note.replace("%1", count_text(sends)))
    title = (
        QCoreApplication.translate("StatsCharts", "Click rate by send day and hour")
        if metric == "click"
        else QCoreApplication.translate("StatsCharts", "Open rate by send day and hour")
    )
    _title(fig, pal, title)


def draw_pressure(
    fig: Figure,
    pal: Palette,
    weekly: Sequence[WeeklySends],
    cap: int,
    *,
    today: date | None = None,
) -> None:
    """Sends per segment per week beside the client's pressure cap (dashed); the bars over the
    cap are red by ``pressure.exceeds``, the rule of the calendar's and the cockpit's warnings.
    With ``today``, the weeks still to come are shaded as planned."""
    if not any(w.sends > 0 for w in weekly):
        draw_empty(fig, pal)
        return
    _reset(fig, pal)
    weeks = sorted({w.week_start for w in weekly})
    segments = sorted({(w.segment_id, w.segment_name) for w in weekly}, key=lambda s: s[1])
    counts = {(w.segment_id, w.week_start): w.sends for w in weekly}
    index = {week: i for i, week in enumerate(weeks)}
    ax = fig.add_subplot()
    _style(ax, pal)
    width = 0.82 / len(segments)
    over_any = False
    for n, (segment_id, _) in enumerate(segments):
        colour = pal.series[n % len(pal.series)]
        xs, heights, colours = [], [], []
        for week in weeks:
            sends = counts.get((segment_id, week), 0)
            xs.append(index[week] - 0.41 + width * (n + 0.5))
            heights.append(sends)
            colours.append(pal.bad if exceeds(sends, cap) else colour)
            over_any = over_any or exceeds(sends, cap)
        _columns(ax, xs, heights, width * 0.9, colours, gid=f"segment-{n}")
    if today is not None:
        future = [index[w] for w in weeks if w > today]
        if future:
            ax.axvspan(
                min(future) - 0.5,
                len(weeks) - 0.5,
                color=_mix(pal.background, pal.foreground, 0.05),
                zorder=0,
                linewidth=0,
            )
            ax.text(
                min(future) - 0.4,
                1.0,
                QCoreApplication.translate("StatsCharts", "Planned"),
                transform=ax.get_xaxis_transform(),
                va="top",
                fontsize=SMALL_SIZE,
                color=pal.muted,
            )
    cap_label = QCoreApplication.translate("StatsCharts", "Cap: %1 a week").replace(
        "%1", count_text(cap)
    )
    cap_line = ax.axhline(
        cap, color=pal.bad, linewidth=1.1, linestyle=(0, (5, 3)), zorder=3, label=cap_label
    )
    cap_line.set_gid("cap")
    highest = max(max(w.sends for w in weekly), cap)
    ax.set_ylim(0, highest + 1)
    ax.yaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax.set_xlim(-0.5, len(weeks) - 0.5)
    every = max(1, math.ceil(len(weeks) / 8))
    locale = QLocale()
    ticks = list(range(0, len(weeks), every))
    starts = [weeks[i] for i in ticks]
    ax.set_xticks(ticks, [locale.toString(QDate(d.year, d.month, d.day), "d MMM") for d in starts])
    ax.tick_params(axis="x", length=0)
    # Segments first, then what is wrong: the bars over the cap, then the cap itself. (A bar
    # collection's own legend swatch takes its first bar's colour, which may be the red one.)
    handles: list[Artist] = [
        Patch(color=pal.series[n % len(pal.series)]) for n in range(len(segments))
    ]
    labels = [name for _, name in segments]
    if over_any:
        handles.append(Patch(color=pal.bad))
        labels.append(QCoreApplication.translate("StatsCharts", "Over the cap"))
    handles.append(cap_line)
    labels.append(cap_label)
    wide = sum(len(label) + 7 for label in labels) > 110  # about what 600 pixels hold
    ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=min(len(labels), 4) if wide else len(labels),
        frameon=False,
        fontsize=SMALL_SIZE,
        labelcolor=pal.foreground,
        borderaxespad=0.2,
        handlelength=1.2,
        columnspacing=1.2,
    )
    _title(fig, pal, QCoreApplication.translate("StatsCharts", "Sends per segment per week"))
