"""Holidays, weekends and the recent past (bot/date_occasions.py), read through understand_date."""

from datetime import date, timedelta

import holidays
import pytest

from bot.dates import DateSpan, understand_date

LATER = date(2026, 11, 22)  # a Sunday long after the incidents
TUESDAY = date(2026, 12, 1)
PERIOD_2018 = (date(2018, 8, 11), date(2018, 10, 1))
PERIOD_2019 = (date(2019, 8, 27), date(2019, 10, 14))


def span(text, reference=LATER, period=None):
    found = understand_date(text, reference, period)
    assert isinstance(found, DateSpan), (text, found)
    return found.start, found.end


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Labor Day 2019", date(2019, 9, 2), date(2019, 9, 2)),
        ("on thanksgiving 2018", date(2018, 11, 22), date(2018, 11, 22)),
        ("the day after Thanksgiving 2018", date(2018, 11, 23), date(2018, 11, 23)),
        ("black friday 2018", date(2018, 11, 23), date(2018, 11, 23)),
        ("the day before halloween 2019", date(2019, 10, 30), date(2019, 10, 30)),
        ("two weeks before Halloween 2019", date(2019, 10, 17), date(2019, 10, 17)),
        ("3 days after the 4th of july 2018", date(2018, 7, 7), date(2018, 7, 7)),
        ("christmas eve 2018", date(2018, 12, 24), date(2018, 12, 24)),
        ("new year's eve 2018", date(2018, 12, 31), date(2018, 12, 31)),
        ("easter 2019", date(2019, 4, 21), date(2019, 4, 21)),
        ("good friday 2019", date(2019, 4, 19), date(2019, 4, 19)),
        ("Memorial Day weekend 2018", date(2018, 5, 26), date(2018, 5, 28)),
        ("thanksgiving weekend 2018", date(2018, 11, 22), date(2018, 11, 25)),
        ("the week of thanksgiving 2018", date(2018, 11, 19), date(2018, 11, 25)),
        ("the week before Independence Day 2018", date(2018, 6, 27), date(2018, 7, 3)),
        ("mlk day 2019", date(2019, 1, 21), date(2019, 1, 21)),
        ("presidents day 2019", date(2019, 2, 18), date(2019, 2, 18)),
        ("veterans day '18", date(2018, 11, 11), date(2018, 11, 11)),
    ],
)
def test_a_holiday_with_its_year(text, start, end):
    assert span(text) == (start, end)


def test_a_vague_count_from_a_holiday_is_a_week_around_it():
    """ "a couple of weeks before Labor Day 2019" was once read as a day in 2016."""
    found = understand_date("a couple of weeks before Labor Day 2019", LATER)
    assert (found.start, found.end, found.approximate) == (
        date(2019, 8, 16),
        date(2019, 8, 22),
        True,
    )


@pytest.mark.parametrize(
    "text, period, start, end",
    [
        ("right before Christmas", PERIOD_2018, date(2018, 12, 22), date(2018, 12, 24)),
        ("just after labor day", PERIOD_2019, date(2019, 9, 3), date(2019, 9, 9)),
        ("before easter", PERIOD_2019, date(2019, 4, 14), date(2019, 4, 20)),
        ("halloween", PERIOD_2018, date(2018, 10, 31), date(2018, 10, 31)),
        ("the labor day weekend", PERIOD_2018, date(2018, 9, 1), date(2018, 9, 3)),
    ],
)
def test_a_holiday_without_a_year_takes_the_incident_year(text, period, start, end):
    assert span(text, period=period) == (start, end)


def test_a_holiday_without_a_year_or_period_is_the_last_one_before_today():
    assert span("thanksgiving", TUESDAY) == (date(2026, 11, 26), date(2026, 11, 26))
    assert span("the 4th of july", TUESDAY) == (date(2026, 7, 4), date(2026, 7, 4))


@pytest.mark.parametrize(
    "text",
    [
        "the tuesday before thanksgiving 2018",  # a holiday in a phrase not read wholly
        "between halloween and thanksgiving",
        "the second day of christmas 2018",
        "sometime after easter or maybe before memorial day",
    ],
)
def test_a_holiday_phrase_read_only_in_part_is_asked_again(text):
    assert understand_date(text, LATER, PERIOD_2018) is None


@pytest.mark.parametrize("year", [2017, 2018, 2019])
@pytest.mark.parametrize(
    "name, said",
    [
        ("Labor Day", "labor day"),
        ("Memorial Day", "memorial day"),
        ("Thanksgiving Day", "thanksgiving"),
        ("Columbus Day", "columbus day"),
        ("Martin Luther King Jr. Day", "martin luther king day"),
        ("Washington's Birthday", "presidents' day"),
        ("Mother's Day", "mother's day"),
        ("Father's Day", "father's day"),
        ("Halloween", "halloween"),
        ("Christmas Day", "christmas"),
    ],
)
def test_every_holiday_and_offset_agrees_with_the_holiday_library(year, name, said):
    """Generated phrases: the day itself, the day before and after, and counted weeks."""
    calendar = holidays.US(years=year, categories=("public", "unofficial"))
    day = next(d for d, n in calendar.items() if n == name)
    assert span(f"{said} {year}") == (day, day)
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    assert span(f"the day before {said} {year}") == (before, before)
    assert span(f"the day after {said}, {year}") == (after, after)
    for weeks in (1, 2, 3):
        moved = day - timedelta(weeks=weeks)
        assert span(f"{weeks} weeks before {said} {year}") == (moved, moved)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("the weekend", date(2026, 11, 28), date(2026, 11, 29)),
        ("last weekend", date(2026, 11, 28), date(2026, 11, 29)),
        ("over the weekend", date(2026, 11, 28), date(2026, 11, 29)),
        ("the weekend of June 8 2018", date(2018, 6, 9), date(2018, 6, 10)),
        ("the weekend after June 9 2018", date(2018, 6, 16), date(2018, 6, 17)),
        ("the first weekend of September 2019", date(2019, 9, 7), date(2019, 9, 8)),
        ("the last weekend in August 2019", date(2019, 8, 31), date(2019, 9, 1)),
        ("the past two weeks", date(2026, 11, 17), date(2026, 12, 1)),
        ("in the last 3 days", date(2026, 11, 28), date(2026, 12, 1)),
        ("the past 2 months", date(2026, 10, 1), date(2026, 12, 1)),
    ],
)
def test_weekends_and_the_recent_past(text, start, end):
    assert span(text, TUESDAY) == (start, end)


def test_the_weekend_on_a_sunday_is_the_one_before():
    assert span("the weekend", LATER) == (date(2026, 11, 14), date(2026, 11, 15))


PREFIXES = [
    "",
    "on ",
    "the day before ",
    "the tuesday before ",
    "two sundays after ",
    "a fortnight before ",
    "sometime around ",
    "the week after ",
    "3 weeks before ",
    "just after ",
    "the weekend of ",
    "between ",
]
THINGS = ["halloween", "thanksgiving", "labor day", "christmas eve", "june 8", "the 4th of july"]


@pytest.mark.parametrize("year", [2017, 2018, 2019])
@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("thing", THINGS)
def test_a_phrase_with_a_year_is_read_in_that_year_or_asked_again(prefix, thing, year):
    """Generated phrases, readable or not: the answer is never a day far from the year named
    (the confidently wrong reading this guards against), only that year or 'ask again'."""
    found = understand_date(f"{prefix}{thing} {year}", LATER, PERIOD_2018)
    if found is None:
        return
    assert isinstance(found, DateSpan)
    assert date(year - 1, 11, 1) <= found.start and found.end <= date(year + 1, 2, 1), found
