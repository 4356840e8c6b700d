"""Dates, sizes, file names and the user's language, written the way the user's locale writes
them. Shared by every window; none of these helpers knows about a feature."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale

T = TypeVar("T")

#: What a figure never given reads as in every window ("non renseigné" in its tooltip): a dash,
#: never a 0 that would read as a failed campaign.
NOT_GIVEN = "—"


def not_given() -> str:
    """The words behind the dash, for tooltips and screen readers: "not given"."""
    return QCoreApplication.translate("Formats", "not given")


def given_text(value: T | None, text: Callable[[T], str]) -> str:
    """``text(value)``, or the dash when the figure was never given (None).

    The one place the windows turn None into "—": a table, a label or a chart caption that
    shows a figure or a KPI goes through it, so "not given" looks the same everywhere.
    """
    return NOT_GIVEN if value is None else text(value)


def given_tip(value: object, why: str = "") -> str:
    """The tooltip of a shown figure: "not given" (and ``why``, such as the figures missing)
    when it is None, else ""."""
    if value is not None:
        return ""
    return f"{not_given()}: {why}" if why else not_given()


def language() -> str:
    return QLocale().name()[:2]


def local_text(moment: datetime) -> str:
    """A stored UTC instant in the user's time zone and locale, short form."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def day_month(moment: datetime) -> str:
    """The local day of a stored instant without its year ("13/11"), for a narrow column."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    locale = QLocale()
    pattern = re.sub(r"[^dM]*y+[^dM]*", "", locale.dateFormat(QLocale.FormatType.ShortFormat))
    return locale.toString(QDate(moment.astimezone().date()), pattern or "dd/MM")


def short_date(day: date) -> str:
    return QLocale().toString(QDate(day), QLocale.FormatType.ShortFormat)


def kilobytes(size: int) -> str:
    # The context stays "ChecklistWindow", where the string was first translated.
    text = QCoreApplication.translate("ChecklistWindow", "%1 KB")
    return text.replace("%1", QLocale().toString(size / 1024, "f", 1))


def file_name(path: str) -> str:
    """The name of a file without its folder (runs keep the path they were given)."""
    return re.split(r"[\\/]", path)[-1] or path
