"""Dates, sizes, file names and the user's language, written the way the user's locale writes
them. Shared by every window; none of these helpers knows about a feature."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale


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
