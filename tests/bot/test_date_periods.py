"""Calendar periods with their year: numeric months and quarters (own cases)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.date_periods import calendar_period
from bot.dates import understand_date

LATER = date(2026, 11, 22)
PERIOD_2019 = (date(2019, 8, 27), date(2019, 10, 14))


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2018-3", date(2018, 3, 1), date(2018, 3, 31)),  # once read as March 1 only
        ("2019/09", date(2019, 9, 1), date(2019, 9, 30)),
        ("2020.2", date(2020, 2, 1), date(2020, 2, 29)),
        ("Q3 2019", date(2019, 7, 1), date(2019, 9, 30)),
        ("2018 q4", date(2018, 10, 1), date(2018, 12, 31)),
        ("the second quarter of 2018", date(2018, 4, 1), date(2018, 6, 30)),
        ("1st quarter 2019", date(2019, 1, 1), date(2019, 3, 31)),
    ],
)
def test_a_period_with_its_year_is_the_whole_period(text, start, end):
    assert calendar_period(text) == (start, end)
    found = understand_date(text, LATER, PERIOD_2019)
    assert (found.start, found.end, found.year_given) == (start, end, True)


@pytest.mark.parametrize("text", ["2019-13", "Q5 2019", "2019-9-3", "the quarter", "3 2019"])
def test_anything_else_is_left_to_the_rest_of_the_grammar(text):
    assert calendar_period(text) is None


def test_a_full_numeric_date_is_still_a_day():
    found = understand_date("2019-9-3", LATER, PERIOD_2019)
    assert (found.start, found.end) == (date(2019, 9, 3), date(2019, 9, 3))
