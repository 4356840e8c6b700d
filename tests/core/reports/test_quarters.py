"""Quarters as ``--quarter`` and the review dialog name them, in English and in French."""

from __future__ import annotations

from datetime import date

import pytest

from crmdesk.core.errors import ValidationError
from crmdesk.core.reports.quarters import Quarter


@pytest.mark.parametrize(
    "text",
    ["2026Q3", "2026q3", "2026-Q3", " 2026 - q3 ", "Q3 2026", "q3-2026", "Q3/2026", "2026T3"],
)
def test_a_quarter_is_read_in_the_usual_english_forms(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2026, 3)


@pytest.mark.parametrize("text", ["T3 2026", "t3 2026", "T3-2026", "2026-T3"])
def test_the_french_trimestre_reads_the_same(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2026, 3)


@pytest.mark.parametrize(
    "text", ["2026Q5", "2026Q0", "Q3", "2026", "26Q3", "troisième trimestre 2026", "", "2026Q3x"]
)
def test_anything_else_is_refused_with_a_sentence_naming_it(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Quarter.parse(text)

    [problem] = refused.value.problems
    assert (problem.field, problem.code) == ("quarter", "quarter_format")
    assert repr(text) in refused.value.message
    assert refused.value.message.endswith(".")
    assert "2026Q3" in refused.value.message  # the example to copy


def test_a_quarter_runs_from_its_first_day_to_the_first_day_of_the_next() -> None:
    assert (Quarter(2026, 1).start, Quarter(2026, 1).end) == (date(2026, 1, 1), date(2026, 4, 1))
    assert (Quarter(2026, 3).start, Quarter(2026, 3).end) == (date(2026, 7, 1), date(2026, 10, 1))
    assert (Quarter(2026, 4).start, Quarter(2026, 4).end) == (date(2026, 10, 1), date(2027, 1, 1))


def test_each_day_belongs_to_one_quarter() -> None:
    assert Quarter.of(date(2026, 3, 31)) == Quarter(2026, 1)
    assert Quarter.of(date(2026, 4, 1)) == Quarter(2026, 2)
    assert Quarter.of(date(2026, 12, 31)) == Quarter(2026, 4)
    for day in (date(2026, 1, 1), date(2026, 6, 30), date(2026, 9, 30), date(2026, 11, 23)):
        quarter = Quarter.of(day)
        assert quarter.start <= day < quarter.end


def test_the_next_and_previous_quarters_cross_the_year() -> None:
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)
    assert Quarter(2026, 2).next().previous() == Quarter(2026, 2)
    assert Quarter(2026, 4) < Quarter(2027, 1) < Quarter(2027, 2)


def test_a_quarter_prints_as_it_is_typed_and_stored() -> None:
    assert str(Quarter(2026, 3)) == "2026Q3"
    assert Quarter.parse(str(Quarter(2031, 1))) == Quarter(2031, 1)
