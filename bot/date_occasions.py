"""Days people name by occasion instead of by date: holidays ("the day after Thanksgiving 2018",
"right before Christmas", "Labor Day weekend"), weekends ("the weekend", "the first weekend of
June 2018", "the weekend of June 8, 2018") and the recent past ("the past two weeks").

Holiday dates come from the `holidays` package (US public and unofficial holidays) and Easter from
dateutil, never from a table of our own. A part of the date grammar kept apart from bot/dates.py:
each reader gets the normalised text and returns an `Occasion` (a span for a given year, the year
the text names, and whether it is approximate) when it reads the *whole* text, else None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Dict, Optional, Tuple

from bot.date_words import MONTH_WORDS, month_number, quantity

Span = Tuple[date, date]
Builder = Callable[[int], Optional[Span]]
# Reads a whole date text ("june 8 2018") as (builder, year named) for "the weekend of <date>".
InnerReader = Callable[[str], Optional[Tuple[Builder, Optional[int]]]]


@dataclass(frozen=True)
class Occasion:
    build: Builder
    year: Optional[int]
    approximate: bool = False


# ---------------------------------------------------------------------------
# Holidays
# ---------------------------------------------------------------------------

# The `holidays` package's US names, by the ways residents say them.
_LIBRARY_NAMES: Dict[str, str] = {
    r"new\s+year'?s(?:\s+day)?": "New Year's Day",
    r"(?:mlk|martin\s+luther\s+king(?:\s+jr\.?)?)(?:\s+jr\.?)?\s+day|mlk": "Martin Luther King Jr. Day",
    r"valentine'?s(?:\s+day)?": "Valentine's Day",
    r"presidents'?\s+day|president'?s\s+day|washington'?s\s+birthday": "Washington's Birthday",
    r"(?:st\.?|saint)\s+(?:patrick|paddy)'?s(?:\s+day)?": "Saint Patrick's Day",
    r"mother'?s\s+day": "Mother's Day",
    r"memorial\s+day": "Memorial Day",
    r"father'?s\s+day": "Father's Day",
    r"independence\s+day|(?:the\s+)?(?:fourth|4th)\s+of\s+july": "Independence Day",
    r"labou?r\s+day": "Labor Day",
    r"columbus\s+day|indigenous\s+peoples'?\s+day": "Columbus Day",
    r"veterans'?\s+day": "Veterans Day",
    r"halloween": "Halloween",
    r"thanksgiving(?:\s+day)?": "Thanksgiving Day",
    r"christmas(?:\s+day)?|xmas": "Christmas Day",
}


@lru_cache(maxsize=64)
def _library_days(year: int) -> Dict[str, date]:
    import holidays  # imported lazily: its country data is large

    calendar = holidays.US(years=year, categories=("public", "unofficial"))
    return {name: day for day, name in sorted(calendar.items())}


def _library(name: str) -> Callable[[int], Optional[date]]:
    return lambda year: _library_days(year).get(name)


def _easter(year: int) -> date:
    from dateutil.easter import easter

    return easter(year)


def _shifted(base: Callable[[int], Optional[date]], days: int) -> Callable[[int], Optional[date]]:
    def day(year: int) -> Optional[date]:
        found = base(year)
        return found + timedelta(days=days) if found else None

    return day


# Longer names first, so "christmas eve" is not read as "christmas".
_DERIVED: Dict[str, Callable[[int], Optional[date]]] = {
    r"christmas\s+eve|xmas\s+eve": _shifted(_library("Christmas Day"), -1),
    r"new\s+year'?s\s+eve": lambda year: date(year, 12, 31),
    r"black\s+friday": _shifted(_library("Thanksgiving Day"), 1),
    r"cyber\s+monday": _shifted(_library("Thanksgiving Day"), 4),
    r"good\s+friday": _shifted(_easter, -2),
    r"easter(?:\s+sunday)?": _easter,
}
_HOLIDAYS: Tuple[Tuple[str, Callable[[int], Optional[date]]], ...] = (
    *_DERIVED.items(),
    *((pattern, _library(name)) for pattern, name in _LIBRARY_NAMES.items()),
)
HOLIDAY = "(?P<holiday>" + "|".join(f"(?:{p})" for p, _ in _HOLIDAYS) + ")"
_HOLIDAY_WORD_RE = re.compile(rf"(?<![a-z]){HOLIDAY}(?![a-z])")
YEAR = r"(?:\s*,?\s*(?:of\s+|in\s+)?(?P<year>(?:19|20)\d\d|'\d\d))?"
_QTY = r"(?P<qty>\d+|an?|one|an?\s+couple(?:\s+of)?|couple(?:\s+of)?|an?\s+few|few|several)"
_UNIT = r"(?P<unit>days?|weeks?|fortnights?)"
_VAGUE = ("couple", "few", "several")


def holiday_day(text: str) -> Optional[Callable[[int], Optional[date]]]:
    """The day function of the holiday named by the whole text ('thanksgiving'), or None."""
    for pattern, day in _HOLIDAYS:
        if re.fullmatch(pattern, text):
            return day
    return None


def mentions_holiday(text: str) -> bool:
    """Whether a holiday is named anywhere in the (normalised) text."""
    return bool(_HOLIDAY_WORD_RE.search(text))


def _year(match: re.Match[str]) -> Optional[int]:
    raw = match.group("year")
    if not raw:
        return None
    return 2000 + int(raw[1:]) if raw.startswith("'") else int(raw)


def _unit_days(unit: str) -> int:
    if unit.startswith("fortnight"):
        return 14
    return 7 if unit.startswith("week") else 1


def _holiday_weekend(day: date) -> Optional[Span]:
    """The long weekend a holiday belongs to: Sat–Mon for a Monday holiday, Thu–Sun for
    Thanksgiving, Fri–Sun for a Friday; a Tuesday-to-Thursday holiday has no one weekend."""
    weekday = day.weekday()
    if weekday == 0:
        return day - timedelta(days=2), day
    if weekday in (3, 4):
        return day, day + timedelta(days=6 - weekday)
    if weekday == 5:
        return day, day + timedelta(days=1)
    if weekday == 6:
        return day - timedelta(days=1), day
    return None


def _around_holiday(
    day_of: Callable[[int], Optional[date]], span_of: Callable[[date], Optional[Span]]
) -> Builder:
    def build(year: int) -> Optional[Span]:
        day = day_of(year)
        return span_of(day) if day else None

    return build


_PREP = r"(?:on\s+|at\s+|over\s+|for\s+|during\s+|by\s+)?(?:the\s+)?"
_HOLIDAY_FORMS = (
    # "thanksgiving 2018", "on christmas eve", "over labor day"
    (rf"^{_PREP}{HOLIDAY}{YEAR}$", lambda m, d: (d, d), False),
    # "labor day weekend 2019", "the weekend of thanksgiving"
    (rf"^{_PREP}{HOLIDAY}\s+weekend{YEAR}$", lambda m, d: _holiday_weekend(d), False),
    (
        rf"^{_PREP}(?:long\s+)?weekend\s+of\s+{HOLIDAY}{YEAR}$",
        lambda m, d: _holiday_weekend(d),
        False,
    ),
    # "the day before halloween", "the day after thanksgiving 2018"
    (
        rf"^(?:on\s+)?(?:the\s+)?day\s+(?P<dir>before|after)\s+{HOLIDAY}{YEAR}$",
        lambda m, d: _one(d + timedelta(days=-1 if m.group("dir") == "before" else 1)),
        False,
    ),
    # "2 weeks before halloween 2019", "a couple of days after christmas"
    (
        rf"^(?:about\s+|around\s+)?{_QTY}\s+{_UNIT}\s+(?P<dir>before|after|prior\s+to)\s+{HOLIDAY}{YEAR}$",
        lambda m, d: _counted_from(d, m),
        None,  # approximate when the quantity is vague
    ),
    # "right before christmas", "just after new year's" (a few days); "before easter" (a week)
    (
        rf"^(?P<near>right\s+|just\s+|shortly\s+|soon\s+|a\s+little\s+)?(?P<dir>before|after)"
        rf"\s+{HOLIDAY}{YEAR}$",
        lambda m, d: _next_to(d, m.group("dir"), 3 if m.group("near") else 7),
        True,
    ),
    # "the week before christmas", "the week of thanksgiving", "the days leading up to easter"
    (
        rf"^(?:in\s+|during\s+)?(?:the\s+)?(?:week|days)\s+(?P<dir>of|before|after|leading\s+up\s+to)\s+{HOLIDAY}{YEAR}$",
        lambda m, d: _week_near(d, m.group("dir")),
        False,
    ),
)


def _counted_from(day: date, match: re.Match[str]) -> Span:
    """'2 weeks before' is that day; 'a couple of weeks before' is a week around it."""
    sign = 1 if match.group("dir") == "after" else -1
    qty = match.group("qty")
    moved = day + timedelta(days=sign * quantity(qty) * _unit_days(match.group("unit")))
    if any(word in qty for word in _VAGUE):
        return moved - timedelta(days=3), moved + timedelta(days=3)
    return moved, moved


def _next_to(day: date, direction: str, days: int) -> Span:
    if direction == "before":
        return day - timedelta(days=days), day - timedelta(days=1)
    return day + timedelta(days=1), day + timedelta(days=days)


def _one(day: date) -> Span:
    return day, day


def _week_near(day: date, direction: str) -> Span:
    if direction == "of":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if direction == "after":
        return day + timedelta(days=1), day + timedelta(days=7)
    return day - timedelta(days=7), day - timedelta(days=1)


def _read_holiday(text: str) -> Optional[Occasion]:
    for pattern, span_of, approximate in _HOLIDAY_FORMS:
        match = re.match(pattern, text)
        if not match:
            continue
        day_of = holiday_day(match.group("holiday"))
        if day_of is None:
            continue
        vague = approximate
        if vague is None:
            vague = any(word in match.group("qty") for word in _VAGUE)
        return Occasion(
            _around_holiday(day_of, lambda d, m=match, f=span_of: f(m, d)), _year(match), vague
        )
    return None


# ---------------------------------------------------------------------------
# Weekends
# ---------------------------------------------------------------------------

_MONTH_RE = rf"(?P<month>{MONTH_WORDS})\.?"
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_NTH_WEEKEND_RE = re.compile(
    rf"^(?:on\s+|over\s+|during\s+)?the\s+(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)"
    rf"\s+weekend\s+(?:of|in)\s+{_MONTH_RE}{YEAR}$"
)
_LAST_WEEKEND_RE = re.compile(
    r"^(?:on\s+|over\s+|during\s+)?(?:the\s+|this\s+)?(?:last|past|previous|most\s+recent)?\s*weekend$"
)
_WEEKEND_OF_RE = re.compile(r"^(?:on\s+|over\s+|during\s+)?the\s+weekend\s+(?:of|after|before)\s+")


def _weekend_of(day: date) -> Span:
    """The Saturday and Sunday of a day's weekend (a weekday's next one; Friday's too)."""
    if day.weekday() == 6:
        return day - timedelta(days=1), day
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    return saturday, saturday + timedelta(days=1)


def _nth_weekend(year: int, month: int, nth: Optional[int]) -> Optional[Span]:
    """The nth (or last, for None) Saturday of the month and the Sunday after it."""
    first = date(year, month, 1)
    saturdays = [first + timedelta(days=(5 - first.weekday()) % 7 + 7 * i) for i in range(5)]
    saturdays = [s for s in saturdays if s.month == month]
    if nth is None:
        saturday = saturdays[-1]
    elif nth <= len(saturdays):
        saturday = saturdays[nth - 1]
    else:
        return None
    return saturday, saturday + timedelta(days=1)


def _read_weekend(text: str, reference: date, read_inner: InnerReader) -> Optional[Occasion]:
    match = _NTH_WEEKEND_RE.match(text)
    if match:
        month = month_number(match.group("month"))
        nth = None if match.group("nth") == "last" else _NTH[match.group("nth")]
        return Occasion(lambda year: _nth_weekend(year, month, nth), _year(match))
    if _LAST_WEEKEND_RE.match(text) and "weekend" in text:
        saturday = reference - timedelta(days=(reference.weekday() - 5) % 7 or 7)
        span = (saturday, saturday + timedelta(days=1))
        if span[1] >= reference:  # a Sunday reference: "the weekend" is the one before
            span = (saturday - timedelta(days=7), saturday - timedelta(days=6))
        return Occasion(lambda _year: span, span[0].year)
    match = _WEEKEND_OF_RE.match(text)
    if match:
        inner = read_inner(text[match.end() :])
        if inner is None:
            return None
        build, year = inner
        shift = {"after": 7, "before": -7}.get(match.group(0).split()[-1], 0)

        def weekend(y: int) -> Optional[Span]:
            span = build(y)
            if span is None or span[0] != span[1]:
                return None  # the weekend of a day, not of a month
            saturday, sunday = _weekend_of(span[0])
            if shift > 0 and span[0].weekday() >= 5:
                return saturday + timedelta(days=7), sunday + timedelta(days=7)
            if shift < 0:
                return saturday - timedelta(days=7), sunday - timedelta(days=7)
            return saturday, sunday

        return Occasion(weekend, year)
    return None


# ---------------------------------------------------------------------------
# The recent past: "the past 2 weeks", "in the last few days"
# ---------------------------------------------------------------------------

_RECENT_RE = re.compile(
    rf"^(?:in\s+|within\s+|during\s+|over\s+)?(?:the\s+)?(?:past|last|previous)\s+{_QTY}?\s*"
    r"(?P<unit>days|weeks|months|fortnights|years)$"
)
_RECENT_ONE_RE = re.compile(r"^(?:in\s+|within\s+)?the\s+(?:past|last)\s+(?P<unit>fortnight)$")


def _read_recent(text: str, reference: date) -> Optional[Occasion]:
    match = _RECENT_RE.match(text) or _RECENT_ONE_RE.match(text)
    if not match:
        return None
    qty = match.groupdict().get("qty")
    if qty is None and match.group("unit").endswith("s"):
        qty = "few"  # "the past weeks"
    count = quantity(qty or "1")
    unit = match.group("unit")
    if unit.startswith("month"):
        month = reference.month - count
        year = reference.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(reference.day, 28)
        start = date(year, month, day)
    elif unit.startswith("year"):
        start = reference.replace(year=reference.year - count, day=min(reference.day, 28))
    else:
        start = reference - timedelta(days=count * _unit_days(unit))
    vague = qty is not None and any(word in qty for word in _VAGUE)
    return Occasion(lambda _year: (start, reference), start.year, vague)


def read_occasion(text: str, reference: date, read_inner: InnerReader) -> Optional[Occasion]:
    """A holiday, weekend or recent-past phrase that makes up the whole (normalised) text."""
    return (
        _read_holiday(text)
        or _read_weekend(text, reference, read_inner)
        or _read_recent(text, reference)
    )
