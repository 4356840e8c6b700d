"""The reports' Jinja2 templates: the shipped ones in ``resources/templates``, and the user's
own folder (Settings) whose files of the same name take their place.

Autoescaping is on for every template: a brief's text, a campaign's name or a client's feedback
containing ``<b>`` or ``<script>`` prints as those characters. The templates' words go through
``_("...")``, French from :mod:`crmdesk.render.texts`; numbers and dates through the filters
here, in the report's language.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2  # noqa: TID253 (this module loads with the first report)
from markupsafe import Markup, escape
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from crmdesk.core.errors import ReportFailed
from crmdesk.core.stats import kpis
from crmdesk.render import chart_cache, texts
from crmdesk.render.labels import kpi_label

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SHIPPED = RESOURCES / "templates"
FONTS = RESOURCES / "fonts"
#: What a missing figure prints as: a dash reads as "not measured", a 0 would be a claim.
MISSING = "—"


def locale_of(language: str) -> QLocale:
    if language == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class _Formats:
    """The filters, bound to one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = locale_of(language)

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return MISSING
        if decimals == 0:
            return self.locale.toString(int(round(value)))
        return self.locale.toString(float(value), "f", decimals)

    def percent(self, fraction: float | None, decimals: int = 1) -> str:
        if fraction is None or math.isnan(fraction):
            return MISSING
        return self.number(fraction * 100, decimals) + "\u202f%"

    def points(self, difference: float | None, decimals: int = 1) -> str:
        """A difference of two rates in percentage points, signed: "+1,2 pt"."""
        if difference is None or math.isnan(difference):
            return MISSING
        sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
        return f"{sign}{self.number(abs(difference) * 100, decimals)}\u202fpt"

    def money(self, value: float | None, decimals: int = 2) -> str:
        if value is None:
            return MISSING
        return self.number(float(value), decimals) + "\u202f€"

    def kpi(self, value: float | None, key: str) -> str:
        if key == "revenue_per_delivered":
            return self.money(value, kpis.decimals(key))
        return self.percent(value, kpis.decimals(key))

    def day(self, value: date | datetime | None, form: str = "long") -> str:
        if value is None:
            return MISSING
        day = value.date() if isinstance(value, datetime) else value
        qdate = QDate(day.year, day.month, day.day)
        if form == "short":
            return self.locale.toString(qdate, QLocale.FormatType.ShortFormat)
        if form == "month":
            return self.locale.toString(qdate, "MMMM yyyy")
        return self.locale.toString(qdate, "d MMMM yyyy")

    def moment(self, value: datetime | None, timezone: str | None = None) -> str:
        """A date and time on the client's clock (``timezone``), or as given when naive."""
        if value is None:
            return MISSING
        if timezone and value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(timezone))
        qdatetime = QDateTime(
            QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
        )
        return self.locale.toString(qdatetime, QLocale.FormatType.ShortFormat)

    def paragraphs(self, text: str | None) -> Markup:
        """Plain text as paragraphs, blank lines between them and line breaks kept, every
        character escaped: what the operator typed is what the client reads."""
        blocks = [b.strip("\n") for b in (text or "").replace("\r\n", "\n").split("\n\n")]
        return Markup("").join(
            Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in b.split("\n")))
            for b in blocks
            if b.strip()
        )


def environment(language: str, user_folder: Path | None = None) -> jinja2.Environment:
    """Templates looked up in ``user_folder`` first, then among the shipped ones. Built once
    per language and folder in a process: building and compiling the templates again for each
    report cost more than filling them. A template edited since is read again (Jinja checks
    its file's time at every use), so the operator's changes show in the next report."""
    key = (language, user_folder)
    env = _environments.get(key)
    if env is None:
        env = _environments[key] = _new_environment(language, user_folder)
    return env


_environments: dict[tuple[str, Path | None], jinja2.Environment] = {}


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """The templates compiled by an earlier process, beside the cached charts: a new
    ``crmdesk export-recap`` does not compile them again. Jinja checks each against its source
    (and Python's version), so an edited template is compiled anew; one file per template."""
    folder = chart_cache.cache_dir().parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _new_environment(language: str, user_folder: Path | None) -> jinja2.Environment:
    folders = [str(user_folder)] if user_folder is not None else []
    formats = _Formats(language)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(SHIPPED)]),
        bytecode_cache=_compiled_templates(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        _=texts.translator(language),
        lang=language,
        fonts_url=FONTS.as_uri(),
        kpi_label=kpi_label,
    )
    env.filters.update(
        number=formats.number,
        percent=formats.percent,
        points=formats.points,
        money=formats.money,
        kpi=formats.kpi,
        day=formats.day,
        moment=formats.moment,
        paragraphs=formats.paragraphs,
    )
    return env


def render(
    name: str,
    context: Mapping[str, Any],
    *,
    language: str,
    user_folder: Path | None = None,
) -> str:
    """The HTML of template ``name``. A template that cannot be read or run raises
    :class:`ReportFailed` naming its file and line, so the user can mend their own."""
    env = environment(language, user_folder)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise ReportFailed(
            "template_syntax",
            f"The template has a syntax error: {error.message}.",
            Path(error.filename) if error.filename else Path(name),
            error.lineno,
        ) from error
    except jinja2.TemplateNotFound as error:
        raise ReportFailed(
            "template_missing", f"No template named {error.name} was found.", SHIPPED
        ) from error
    try:
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:  # in an {% include %}d or extended template
        raise ReportFailed(
            "template_syntax",
            f"The template has a syntax error: {error.message}.",
            Path(error.filename) if error.filename else Path(name),
            error.lineno,
        ) from error
    except jinja2.TemplateNotFound as error:
        raise ReportFailed(
            "template_missing", f"No template named {error.name} was found.", SHIPPED
        ) from error
    except Exception as error:  # a user's template may fail in any way Python can
        path, line = _template_frame(error)
        raise ReportFailed(
            "template_error",
            f"The template failed: {error}.",
            path or Path(template.filename or name),
            line,
        ) from error


def _template_frame(error: BaseException) -> tuple[Path | None, int | None]:
    """Where in a template ``error`` happened: Jinja rewrites tracebacks so that template
    frames carry the template's file name and line."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".css", ".j2", ".jinja")):
            return Path(frame.filename), frame.lineno
    return None, None
