"""Durations, hours, days and euros as the time windows write them (h:mm, as on a timesheet)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen

from crmdesk.core.models import ChecklistPhase
from crmdesk.core.timesheet import BudgetLevel, BudgetUse
from crmdesk.ui.kit.formats import NOT_GIVEN
from crmdesk.ui.kit.styles import bad_colour, caution_colour, glyph

_HM = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{0,2})\s*$")
_HOURS = re.compile(r"^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*$")


def hm(minutes: int) -> str:
    """``95`` → "1:35": the way a timesheet writes a duration."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"


def clock(elapsed: timedelta) -> str:
    """A running timer's elapsed time, "1:23:45" (hours beyond 24 kept as hours)."""
    seconds = max(0, int(elapsed.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def parse_duration(text: str) -> int | None:
    """Minutes from what the user typed: "1:30", "1h30", "2h" or decimal hours "1,5";
    None when it is none of those (the dialog says how to write it)."""
    match = _HM.match(text)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        return None if minutes >= 60 else hours * 60 + minutes
    match = _HOURS.match(text)
    if match:
        fraction = match.group(2) or "0"
        return int(match.group(1)) * 60 + round(int(fraction) * 60 / 10 ** len(fraction))
    return None


def hours_text(hours: Decimal) -> str:
    return QLocale().toString(float(hours), "f", 2)


def days_text(days: Decimal) -> str:
    return QLocale().toString(float(days), "f", 2)


def euros(amount: Decimal | None) -> str:
    """An amount in euros as the user's locale writes money, or the dash when unknown (no
    daily rate)."""
    if amount is None:
        return NOT_GIVEN
    return QLocale().toCurrencyString(float(amount), "€")


def phase_label(phase: str) -> str:
    """The checklist's name of a phase (same words, same translations), "" for none."""
    names = {
        ChecklistPhase.STRATEGY: QCoreApplication.translate("ChecklistLabels", "Strategy"),
        ChecklistPhase.PRODUCTION: QCoreApplication.translate("ChecklistLabels", "Production"),
        ChecklistPhase.BAT: QCoreApplication.translate("ChecklistLabels", "BAT"),
        ChecklistPhase.SEND: QCoreApplication.translate("ChecklistLabels", "Send"),
        ChecklistPhase.ANALYSIS: QCoreApplication.translate("ChecklistLabels", "Analysis"),
    }
    return names.get(ChecklistPhase(phase), phase) if phase else ""


def budget_amount(unit: str, amount: Decimal | None) -> str:
    """An amount of a budget in its unit: "5,00 days" or "1 500,00 €"."""
    if amount is None:
        return NOT_GIVEN
    if unit == "days":
        return QCoreApplication.translate("TimeFormats", "%1 days").replace("%1", days_text(amount))
    return euros(amount)


def budget_text(use: BudgetUse) -> str:
    """ "3,50 days of 5,00 days (70 %)": what was spent against the budget."""
    percent = (
        NOT_GIVEN
        if use.ratio is None
        else QCoreApplication.translate("TimeFormats", "%1%").replace(
            "%1", QLocale().toString(round(use.ratio * 100))
        )
    )
    return (
        QCoreApplication.translate("TimeFormats", "%1 of %2 (%3)")
        .replace("%1", budget_amount(use.unit, use.spent))
        .replace("%2", budget_amount(use.unit, use.amount))
        .replace("%3", percent)
    )


def level_colour(level: BudgetLevel) -> str:
    """Amber from 80 %, red from 100 %, the palette's text below (light and dark)."""
    if level == BudgetLevel.OVER:
        return bad_colour()
    if level == BudgetLevel.NEAR:
        return caution_colour()
    return ""


def level_text(level: BudgetLevel) -> str:
    return {
        BudgetLevel.OVER: QCoreApplication.translate("TimeFormats", "over budget"),
        BudgetLevel.NEAR: QCoreApplication.translate("TimeFormats", "near the budget"),
        BudgetLevel.OK: QCoreApplication.translate("TimeFormats", "within budget"),
        BudgetLevel.UNKNOWN: QCoreApplication.translate(
            "TimeFormats", "no daily rate: spent unknown"
        ),
    }[level]


def stopwatch_icon(colour: str = "") -> QIcon:
    """The running timer's mark, drawn (no font is sure to hold "⏱"), in the palette's text
    colour unless given."""
    pen_colour = (
        QColor(colour) if colour else QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    )

    def draw(painter: QPainter) -> None:
        pen = QPen(pen_colour, 1.6)
        painter.setPen(pen)
        painter.drawEllipse(QRectF(2.5, 3.5, 11, 11))
        painter.drawLine(QPointF(8, 9), QPointF(8, 5.8))
        painter.drawLine(QPointF(8, 9), QPointF(10.2, 10.4))
        painter.drawLine(QPointF(6.5, 1.5), QPointF(9.5, 1.5))
        painter.drawLine(QPointF(12.2, 3.6), QPointF(13.6, 2.2))

    return glyph(draw)
