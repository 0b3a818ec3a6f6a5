"""Calendar periods: numeric months, quarters, halves, weeks of a year, decades and periods
counted back from today (own cases)."""

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


MONDAY = date(2016, 11, 7)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("the first half of 2018", date(2018, 1, 1), date(2018, 6, 30)),
        ("H2 2018", date(2018, 7, 1), date(2018, 12, 31)),
        ("the second half of last year", date(2015, 7, 1), date(2015, 12, 31)),
        ("the second half of october 2016", date(2016, 10, 16), date(2016, 10, 31)),
        ("the first half of the month", date(2016, 11, 1), date(2016, 11, 15)),
        ("last quarter", date(2016, 7, 1), date(2016, 9, 30)),
        ("quarter 2 2016", date(2016, 4, 1), date(2016, 6, 30)),
        ("the first week of 2016", date(2016, 1, 1), date(2016, 1, 7)),
        ("week 23 of 2016", date(2016, 6, 6), date(2016, 6, 12)),
        ("the 2010s", date(2010, 1, 1), date(2019, 12, 31)),
        ("the first two weeks of october", date(2016, 10, 1), date(2016, 10, 14)),
        ("the last 3 days of october", date(2016, 10, 29), date(2016, 10, 31)),
        ("the week before last", date(2016, 10, 24), date(2016, 10, 30)),
        ("the weekend before last", date(2016, 10, 29), date(2016, 10, 30)),
        ("the month before last", date(2016, 9, 1), date(2016, 9, 30)),
        ("earlier this month", date(2016, 11, 1), date(2016, 11, 7)),
        ("the third week of this month", date(2016, 11, 15), date(2016, 11, 21)),
        ("from 4 to 22 last month", date(2016, 10, 4), date(2016, 10, 22)),
    ],
)
def test_periods_read_against_today(text, start, end):
    found = understand_date(text, MONDAY)
    assert (found.start, found.end) == (start, end), found


@pytest.mark.parametrize(
    "text", ["the first half of 2019", "the second half of october", "the first week of 2019"]
)
def test_a_period_is_never_read_as_one_day(text):
    """dateparser reads 'the second half of october' as November 2; it is no longer asked."""
    found = understand_date(text, MONDAY)
    assert found is not None and found.start != found.end
