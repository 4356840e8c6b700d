"""Calendar quarters, as the quarterly review and ``--quarter 2026Q3`` name them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crmdesk.core.errors import FieldProblem, ValidationError

_FORMS = (
    re.compile(r"^\s*(?P<year>\d{4})\s*-?\s*[QqTt](?P<number>[1-4])\s*$"),  # 2026Q3, 2026-T3
    re.compile(r"^\s*[QqTt](?P<number>[1-4])\s*[-/ ]?\s*(?P<year>\d{4})\s*$"),  # Q3 2026, T3-2026
)


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read "2026Q3" (also "2026-Q3", "Q3 2026", and the French "T3 2026")."""
        for form in _FORMS:
            found = form.match(text)
            if found:
                return cls(int(found["year"]), int(found["number"]))
        raise ValidationError(
            [
                FieldProblem(
                    "quarter",
                    "quarter_format",
                    f"{text!r} is not a quarter: write it as 2026Q3 (year, Q, 1 to 4).",
                )
            ]
        )

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The first day after the quarter (exclusive), so ``start <= day < end``."""
        return self.next().start

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"
