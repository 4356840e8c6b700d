"""The campaign recap, the quarterly review and the brief sheet: data from the core, charts as
SVG, a template, then Chromium's print to an A4 PDF.

Each report is written into a folder of its own (the page and its charts) and printed from
there; :func:`export_recap` and its siblings do the whole chain for the CLI, and the window
runs the same steps with the printing in the background.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from crmdesk.core.db import Workspace
from crmdesk.core.errors import FieldProblem, ValidationError
from crmdesk.core.reports import recap as recap_data
from crmdesk.core.reports import review as review_data
from crmdesk.core.reports.model import (
    Branding,
    BriefSheet,
    CampaignRecap,
    ClientCard,
    QuarterlyReview,
)
from crmdesk.core.reports.quarters import Quarter
from crmdesk.core.settings import template_folder
from crmdesk.core.stats.kpis import FINE_KPI_KEYS, verdict
from crmdesk.render import chart_cache, pdf, texts
from crmdesk.render.templates import FONTS, render

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crmdesk.core.reports.client_plan import ClientPlanSheet
    from crmdesk.core.reports.statement import ActivityStatement

#: The text column of an A4 page with the print margins, in pixels at 100 dpi (the charts'
#: size in the PDF, so their text prints at the size it was drawn).
PAGE_WIDTH_PX = 690
FONT_FAMILY = "Inter"
#: Image formats Chromium shows in a report; anything else is reported as unusable.
LOGO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"})


@dataclass(frozen=True, slots=True)
class Report:
    """A report ready to print: its page, what it is called, and what the user should know."""

    title: str
    file_name: str  # the suggested name of the PDF
    html: Path
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Exported:
    out: Path
    size: int  # bytes written
    warnings: tuple[str, ...]


#: The print palette: a white page, dark text; the client's colour is the accent.
PRINT_BACKGROUND, PRINT_FOREGROUND = "#ffffff", "#1f2937"


def _register_font() -> None:
    """Inter for the charts' text too, so the charts and the page read as one document."""
    from matplotlib import font_manager  # noqa: TID253 (loads with the first chart drawn)

    known = {f.name for f in font_manager.fontManager.ttflist}
    if FONT_FAMILY not in known:
        for path in sorted(FONTS.glob("Inter-*.ttf")):
            font_manager.fontManager.addfont(str(path))


def _draw_svg(drawer: str, data: tuple[object, ...], accent: str, height: int) -> bytes:
    """The chart ``charts.<drawer>(figure, palette, *data)`` for print (white page, the
    client's colour) as SVG. matplotlib loads here, only when a chart is not in the cache."""
    import io

    from matplotlib import rc_context  # noqa: TID253

    from crmdesk.render import charts

    _register_font()
    pal = charts.palette_for(PRINT_BACKGROUND, PRINT_FOREGROUND, accent)
    # Text as paths: the SVG shows the same glyphs wherever it is opened, font or not.
    with rc_context(
        {"font.family": FONT_FAMILY, "svg.fonttype": "path", "svg.hashsalt": "crmdesk"}
    ):
        fig = charts.new_figure(PAGE_WIDTH_PX, height)
        getattr(charts, drawer)(fig, pal, *data)
        out = io.BytesIO()
        fig.savefig(out, format="svg", facecolor=pal.background, metadata={"Date": None})
    return out.getvalue()


def _save_chart(
    folder: Path,
    name: str,
    accent: str,
    height: int,
    drawer: str,
    *data: object,
) -> str:
    """Chart ``name`` into ``folder`` as SVG, drawn by ``charts.<drawer>`` from ``data``
    unless the cache has it already; the path returned is relative to the page."""
    key = chart_cache.chart_key(
        drawer,
        data,
        colours=(PRINT_BACKGROUND, PRINT_FOREGROUND, accent),
        width=PAGE_WIDTH_PX,
        height=height,
    )
    svg = chart_cache.get(key)
    if svg is None:
        svg = _draw_svg(drawer, data, accent, height)
        chart_cache.put(key, svg)
    target = folder / "charts" / f"{name}.svg"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(svg)
    return f"charts/{name}.svg"


def _logo(path: str, whose: str, warnings: list[str]) -> str | None:
    """The logo's URL for the page, or None with a warning: a moved logo file must not stop
    the recap the client is waiting for."""
    if not path:
        return None
    logo = Path(path).expanduser()
    if not logo.is_file():
        warnings.append(
            QCoreApplication.translate(
                "Reports", "The %1 logo was not found, so the report has none: %2"
            )
            .replace("%1", whose)
            .replace("%2", str(logo))
        )
        return None
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        warnings.append(
            QCoreApplication.translate(
                "Reports", "The %1 logo is not an image a report can show (PNG, JPEG, SVG): %2"
            )
            .replace("%1", whose)
            .replace("%2", str(logo))
        )
        return None
    return logo.resolve().as_uri()


def _logos(client: ClientCard, branding: Branding, warnings: list[str]) -> dict[str, str | None]:
    """Both logos of a report's header, each missing one reported in ``warnings``."""
    operator = branding.operator_name or QCoreApplication.translate("Reports", "operator")
    return {
        "client_logo": _logo(client.logo_path, client.name, warnings),
        "operator_logo": _logo(branding.operator_logo, operator, warnings),
    }


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.casefold()).strip("-")
    return slug[:60] or "crmdesk"


def _page(
    folder: Path,
    template: str,
    context: Mapping[str, Any],
    *,
    language: str,
    user_folder: Path | None,
    warnings: list[str],
) -> Path:
    if user_folder is not None and not user_folder.is_dir():
        warnings.append(
            QCoreApplication.translate(
                "Reports",
                "Your templates folder was not found; the shipped templates were used: %1",
            ).replace("%1", str(user_folder))
        )
        user_folder = None
    # The verdict is core's one rule (the stats window and `crmdesk stats` use it too).
    base = {"kpi_verdict": verdict, "fine_keys": FINE_KPI_KEYS, "labels": texts.Labels(language)}
    html = render(template, {**base, **context}, language=language, user_folder=user_folder)
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    return page


def recap_page(
    recap: CampaignRecap, folder: Path, *, language: str, user_folder: Path | None = None
) -> Report:
    """The campaign recap's page and charts, written into ``folder``."""
    warnings: list[str] = []
    stats = recap.stats
    accent = recap.client.colour
    drawn: dict[str, str] = {}
    if stats.reference is not None:
        reference = stats.reference
        drawn["funnel"] = _save_chart(folder, "funnel", accent, 300, "draw_funnel", reference)
    if stats.domains:
        drawn["domains"] = _save_chart(
            folder, "domains", accent, 330, "draw_domains", stats.domains
        )
    if stats.hours:
        drawn["hours"] = _save_chart(folder, "hours", accent, 280, "draw_hours", stats.hours)
    if stats.ab is not None:
        ab = stats.ab
        drawn["ab"] = _save_chart(folder, "ab", accent, 280, "draw_ab", ab)
    context = {
        "recap": recap,
        "charts": drawn,
        **_logos(recap.client, recap.branding, warnings),
    }
    page = _page(
        folder, "recap.html", context, language=language, user_folder=user_folder, warnings=warnings
    )
    name = f"recap-{_slug(recap.client.name)}-{_slug(recap.campaign.name)}.pdf"
    title = texts.translator(language)("Campaign recap") + f" – {recap.campaign.name}"
    return Report(title, name, page, tuple(warnings))


def review_page(
    review: QuarterlyReview, folder: Path, *, language: str, user_folder: Path | None = None
) -> Report:
    """The quarterly review's page and charts, written into ``folder``."""
    warnings: list[str] = []
    accent = review.client.colour
    drawn: dict[str, str] = {}
    if review.trend:
        drawn["trend"] = _save_chart(folder, "trend", accent, 360, "draw_trend", review.trend)
    if review.weekly:
        drawn["pressure"] = _save_chart(
            folder, "pressure", accent, 300, "draw_pressure", review.weekly, review.pressure_cap
        )
    context = {
        "review": review,
        "charts": drawn,
        **_logos(review.client, review.branding, warnings),
    }
    page = _page(
        folder,
        "review.html",
        context,
        language=language,
        user_folder=user_folder,
        warnings=warnings,
    )
    name = f"review-{_slug(review.client.name)}-{review.quarter}.pdf"
    title = texts.translator(language)("Quarterly review") + f" – {review.client.name}"
    return Report(title, name, page, tuple(warnings))


def brief_page(
    sheet: BriefSheet, folder: Path, *, language: str, user_folder: Path | None = None
) -> Report:
    """The brief alone, for the client to confirm, written into ``folder``."""
    warnings: list[str] = []
    context = {
        "sheet": sheet,
        **_logos(sheet.client, sheet.branding, warnings),
    }
    page = _page(
        folder, "brief.html", context, language=language, user_folder=user_folder, warnings=warnings
    )
    name = f"brief-{_slug(sheet.client.name)}-{_slug(sheet.campaign.name)}.pdf"
    title = texts.translator(language)("Brief") + f" – {sheet.campaign.name}"
    return Report(title, name, page, tuple(warnings))


def statement_file_name(client: str, start: date, end: date) -> str:
    """ "statement-acme-2026-11.pdf" for a whole month, else with both days."""
    whole_month = start.day == 1 and (end + timedelta(days=1)).day == 1 and end.month == start.month
    period = f"{start:%Y-%m}" if whole_month and end.year == start.year else f"{start}-{end}"
    return f"statement-{_slug(client)}-{period}.pdf"


def plan_file_name(client: str, period: date | Quarter) -> str:
    """ "plan-acme-2027-01.pdf" for the month starting ``period``, "plan-acme-2027Q1.pdf"."""
    shown = str(period) if isinstance(period, Quarter) else f"{period:%Y-%m}"
    return f"plan-{_slug(client)}-{shown}.pdf"


def _hour_decimals(hours: Decimal) -> int:
    """7 hours a day prints "7", 7.5 prints "7,50": no ",00" on a round figure."""
    return 0 if hours == hours.to_integral_value() else 2


def statement_page(
    statement: ActivityStatement, folder: Path, *, language: str, user_folder: Path | None = None
) -> Report:
    """The activity statement of a client's period, written into ``folder``."""
    warnings: list[str] = []
    context = {
        "statement": statement,
        "hour_decimals": _hour_decimals,
        **_logos(statement.client, statement.branding, warnings),
    }
    page = _page(
        folder,
        "statement.html",
        context,
        language=language,
        user_folder=user_folder,
        warnings=warnings,
    )
    name = statement_file_name(statement.client.name, statement.start, statement.end)
    title = texts.translator(language)("Activity statement") + f" – {statement.client.name}"
    return Report(title, name, page, tuple(warnings))


def client_plan_page(
    sheet: ClientPlanSheet, folder: Path, *, language: str, user_folder: Path | None = None
) -> Report:
    """The client's plan as a calendar (a month, or a quarter month by month), written into
    ``folder``."""
    warnings: list[str] = []
    context = {"sheet": sheet, **_logos(sheet.client, sheet.branding, warnings)}
    page = _page(
        folder,
        "client_plan.html",
        context,
        language=language,
        user_folder=user_folder,
        warnings=warnings,
    )
    name = plan_file_name(sheet.client.name, sheet.quarter or sheet.start)
    title = texts.translator(language)("Campaign plan") + f" – {sheet.client.name}"
    return Report(title, name, page, tuple(warnings))


#: What a report reads in a session, and the page that turns it into HTML.
Maker = tuple[Callable[["Session"], Any], Callable[..., Report]]


def recap_report(campaign_id: int, today: date) -> Maker:
    return (lambda s: recap_data.campaign_recap(s, campaign_id, today=today)), recap_page


def review_report(client_id: int, quarter: Quarter, today: date) -> Maker:
    return (lambda s: review_data.quarterly_review(s, client_id, quarter, today=today)), review_page


def brief_report(campaign_id: int, today: date) -> Maker:
    return (lambda s: recap_data.brief_sheet(s, campaign_id, today=today)), brief_page


def statement_report(client_id: int, start: date, end: date, today: date) -> Maker:
    # The other reports' modules load with them: `crmdesk export-recap` needs none of them.
    from crmdesk.core.reports import statement as statement_data

    return (
        lambda s: statement_data.activity_statement(s, client_id, start, end, today=today)
    ), statement_page


def client_plan_report(
    client_id: int,
    *,
    month: date | None = None,
    quarter: Quarter | None = None,
    today: date,
    language: str,
) -> Maker:
    """The plan sheet of ``client_id`` for the month starting ``month`` or for ``quarter``;
    ``language`` names the public holidays as the page prints them."""
    from crmdesk.core.reports import client_plan as plan_data

    return (
        lambda s: plan_data.client_plan(
            s, client_id, month=month, quarter=quarter, today=today, language=language
        )
    ), client_plan_page


def user_templates(session: Session) -> Path | None:
    """The operator's own templates folder from the settings, None for the shipped ones."""
    folder = template_folder(session)
    return Path(folder).expanduser() if folder else None


def _export(workspace: Workspace, out: Path, maker: Maker, language: str) -> Exported:
    gather, page = maker
    with workspace.reader() as session:
        data = gather(session)
        user_folder = user_templates(session)
    with tempfile.TemporaryDirectory(prefix="crmdesk-report-") as folder:
        report = page(data, Path(folder), language=language, user_folder=user_folder)
        document = pdf.print_pdf(report.html)
    pdf.write_atomically(document, out)
    return Exported(out, len(document), report.warnings)


def export_recap(
    workspace: Workspace, campaign_id: int, out: Path, *, today: date, language: str
) -> Exported:
    return _export(workspace, out, recap_report(campaign_id, today), language)


def export_review(
    workspace: Workspace, client: str, quarter: str, out: Path, *, today: date, language: str
) -> Exported:
    wanted = Quarter.parse(quarter)
    with workspace.reader() as session:
        client_id = review_data.client_id_by_name(session, client)
    return _export(workspace, out, review_report(client_id, wanted, today), language)


def export_brief(
    workspace: Workspace, campaign_id: int, out: Path, *, today: date, language: str
) -> Exported:
    return _export(workspace, out, brief_report(campaign_id, today), language)


def export_statement(
    workspace: Workspace,
    client: str,
    start: date,
    end: date,
    out: Path,
    *,
    today: date,
    language: str,
) -> Exported:
    """The activity statement of ``client`` (a name, as ``--client`` gives it) from ``start``
    to ``end``, both included: ``crmdesk time report --format pdf``."""
    with workspace.reader() as session:
        client_id = review_data.client_id_by_name(session, client)
    return _export(workspace, out, statement_report(client_id, start, end, today), language)


def export_client_plan(
    workspace: Workspace,
    client: str,
    out: Path,
    *,
    month: str | None = None,
    quarter: str | None = None,
    today: date,
    language: str,
) -> Exported:
    """The plan of ``client`` for ``month`` ("2027-01") or ``quarter`` ("2027Q1"), exactly one
    of them: ``crmdesk export-plan --out FILE.pdf``. Bad input is refused before anything is
    read or written."""
    if (month is None) == (quarter is None):
        raise ValidationError(
            [FieldProblem("period", "period_choice", "Give either a month or a quarter.")]
        )
    from crmdesk.core import timesheet

    first = timesheet.month_range(month)[0] if month is not None else None
    wanted = Quarter.parse(quarter) if quarter is not None else None
    with workspace.reader() as session:
        client_id = review_data.client_id_by_name(session, client)
    maker = client_plan_report(
        client_id, month=first, quarter=wanted, today=today, language=language
    )
    return _export(workspace, out, maker, language)
