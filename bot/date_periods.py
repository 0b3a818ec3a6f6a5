"""Calendar periods: a numeric month ("2018-3", "2018/03"), quarters ("Q3 2019", "the fourth
quarter", "last quarter"), halves ("the first half of 2019", "H2 2018"), decades ("the 2010s"), the
first or last days or weeks of a month, and "the week before last". A part of the date grammar
kept apart from bot/dates.py."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable, Optional, Tuple

from bot.date_words import MONTH_WORDS, month_number, quantity

_YEAR_MONTH = re.compile(
    r"^(?P<year>(19|20)\d\d)\s*[-/.]\s*(?P<month>0?[1-9]|1[0-2])$"
    r"|^(?P<month2>0?[1-9]|1[0-2])\s*[-/.]\s*(?P<year2>(19|20)\d\d)$"
)
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_QUARTER = re.compile(
    r"^(?:the\s+)?(?:q(?P<q>[1-4])|(?P<word>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter)"
    r"\s*(?:of\s+|in\s+|,\s*)?(?P<year>(19|20)\d\d)$"
    r"|^(?P<year2>(19|20)\d\d)\s+q(?P<q2>[1-4])$"
)


def _month(year: int, month: int) -> Tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def calendar_period(text: str) -> Optional[Tuple[date, date]]:
    """The first and last day of the period the whole text names, or None."""
    lowered = " ".join(text.lower().split())
    found = _YEAR_MONTH.match(lowered)
    if found:
        year = found.group("year") or found.group("year2")
        return _month(int(year), int(found.group("month") or found.group("month2")))
    found = _QUARTER.match(lowered)
    if not found:
        return None
    year = int(found.group("year") or found.group("year2"))
    quarter = int(found.group("q") or found.group("q2") or _ORDINALS[found.group("word")])
    first = 3 * quarter - 2
    return _month(year, first)[0], _month(year, first + 2)[1]


# ---------------------------------------------------------------------------
# Periods read against the reference or the incident period: halves, quarters without a year,
# the last quarter, decades, the first or last days or weeks of a month, "the week before last".
# ---------------------------------------------------------------------------

_HALF = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?:(?P<word>first|1st|second|2nd|last)\s+half|h(?P<h>[12]))"
    r"(?:\s+of)?(?:\s+(?P<year>(?:19|20)\d\d)|\s+(?P<which>this|last)\s+year)?$"
)
_QUARTER_ALONE = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?:(?P<word>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter"
    r"|q(?P<q>[1-4])|quarter\s+(?P<n>[1-4]))(?:\s+of)?(?:\s+(?P<year>(?:19|20)\d\d)|\s+(?P<which>this|last)\s+year)?$"
)
_LAST_QUARTER = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?P<which>last|previous|this)\s+quarter$"
)
_DECADE = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?P<century>19|20)?(?P<decade>\d)0'?s$|^(?:the\s+)?'(?P<short>\d)0s$"
)
_MONTH_RE = rf"(?P<month>{MONTH_WORDS})\.?"
_EDGE_OF_MONTH = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?P<edge>first|1st|last)\s+(?P<count>\d+|few|couple\s+of)?\s*"
    rf"(?P<unit>days|weeks)\s+(?:of|in)\s+{_MONTH_RE}(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?$"
)
_HALF_OF_MONTH = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?P<word>first|1st|second|2nd|last)\s+half\s+of\s+"
    rf"(?:{_MONTH_RE}(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?|(?P<this>the|this)\s+month)$"
)
_WEEK_OF_YEAR = re.compile(
    r"^(?:in\s+|during\s+)?(?:the\s+)?(?:(?P<edge>first|1st|last)\s+week|week\s+(?P<n>\d{1,2}))"
    r"\s+(?:of|in)\s+(?P<year>(?:19|20)\d\d)$"
)
_EARLIER_THIS = re.compile(
    r"^(?:earlier|previously)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)$"
)
_BEFORE_LAST = re.compile(r"^(?:the\s+)?(?P<unit>week|weekend|month|year)\s+before\s+last$")


def _ordinal(word: Optional[str]) -> Optional[int]:
    return _ORDINALS.get(word) if word else None


def _year_or_relative(found: re.Match[str], reference: date) -> Optional[int]:
    if found.group("year"):
        return int(found.group("year"))
    which = found.group("which")
    if which:
        return reference.year - (1 if which == "last" else 0)
    return None


def _halves(found: re.Match[str]) -> Callable[[int], Tuple[date, date]]:
    word = found.group("word")
    second = found.group("h") == "2" or word in ("second", "2nd", "last")
    return (
        lambda year: (date(year, 7, 1), date(year, 12, 31))
        if second
        else (
            date(year, 1, 1),
            date(year, 6, 30),
        )
    )


def _quarters(quarter: int) -> Callable[[int], Tuple[date, date]]:
    first = 3 * quarter - 2
    return lambda year: (_month(year, first)[0], _month(year, first + 2)[1])


def _edge_of_month(found: re.Match[str]) -> Callable[[int], Tuple[date, date]]:
    month = month_number(found.group("month"))
    raw = found.group("count") or "few"  # "the first days of june"
    count = quantity(raw)
    days = count * (7 if found.group("unit") == "weeks" else 1)

    def build(year: int) -> Tuple[date, date]:
        first, last = _month(year, month)
        days_in = (last - first).days + 1
        width = min(days, days_in)
        if found.group("edge") != "last":
            return first, date(year, month, width)
        return date(year, month, days_in - width + 1), last

    return build


def _before_last(unit: str, reference: date) -> Tuple[date, date]:
    if unit == "week":
        monday = reference - timedelta(days=reference.weekday() + 14)
        return monday, monday + timedelta(days=6)
    if unit == "weekend":
        saturday = (
            reference - timedelta(days=(reference.weekday() - 5) % 7 or 7) - timedelta(days=7)
        )
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        month = (reference.month - 3) % 12 + 1
        year = reference.year - (1 if reference.month <= 2 else 0)
        return _month(year, month)
    return date(reference.year - 2, 1, 1), date(reference.year - 2, 12, 31)


def _half_of_month(found: re.Match[str], reference: date) -> Tuple[Callable, Optional[int]]:
    second = found.group("word") in ("second", "2nd", "last")
    if found.group("this"):
        month, year = reference.month, reference.year
    else:
        month = month_number(found.group("month"))
        year = int(found.group("year")) if found.group("year") else None

    def build(y: int) -> Tuple[date, date]:
        first, last = _month(y, month)
        return (date(y, month, 16), last) if second else (first, date(y, month, 15))

    return build, year


def _week_of_year(found: re.Match[str]) -> Tuple[date, date]:
    year = int(found.group("year"))
    if found.group("edge") in ("first", "1st"):
        return date(year, 1, 1), date(year, 1, 7)
    if found.group("edge") == "last":
        return date(year, 12, 25), date(year, 12, 31)
    monday = date.fromisocalendar(year, min(int(found.group("n")), 52), 1)
    return monday, monday + timedelta(days=6)


def _earlier_this(unit: str, reference: date) -> Tuple[date, date]:
    if unit == "week":
        return reference - timedelta(days=reference.weekday()), reference
    if unit == "month":
        return reference.replace(day=1), reference
    return date(reference.year, 1, 1), reference


def read_period(
    text: str, reference: date
) -> Optional[Tuple[Callable[[int], Optional[Tuple[date, date]]], Optional[int]]]:
    """A period the whole text names, as (span for a year, the year named or implied), or None."""
    found = _HALF.match(text)
    if found:
        return _halves(found), _year_or_relative(found, reference)
    found = _QUARTER_ALONE.match(text)
    if found:
        quarter = int(found.group("q") or found.group("n") or _ordinal(found.group("word")))
        return _quarters(quarter), _year_or_relative(found, reference)
    found = _LAST_QUARTER.match(text)
    if found:
        current = (reference.month - 1) // 3 + 1
        year, quarter = reference.year, current
        if found.group("which") != "this":
            year, quarter = (year - 1, 4) if current == 1 else (year, current - 1)
        return _quarters(quarter), year
    found = _DECADE.match(text)
    if found:
        century = found.group("century") or "19"
        decade = found.group("decade") or found.group("short")
        if not found.group("century") and not found.group("short") and decade in "01":
            century = "20"  # "the 00s", "the 10s"
        start = int(century + decade + "0")
        return (lambda _year: (date(start, 1, 1), date(start + 9, 12, 31))), start
    found = _EDGE_OF_MONTH.match(text)
    if found:
        year = int(found.group("year")) if found.group("year") else None
        return _edge_of_month(found), year
    found = _HALF_OF_MONTH.match(text)
    if found:
        return _half_of_month(found, reference)
    found = _WEEK_OF_YEAR.match(text)
    if found and (found.group("edge") or 1 <= int(found.group("n")) <= 53):
        span = _week_of_year(found)
        return (lambda _year: span), span[0].year
    found = _EARLIER_THIS.match(text)
    if found:
        span = _earlier_this(found.group("unit"), reference)
        return (lambda _year: span), span[0].year
    found = _BEFORE_LAST.match(text)
    if found:
        span = _before_last(found.group("unit"), reference)
        return (lambda _year: span), span[0].year
    return None
