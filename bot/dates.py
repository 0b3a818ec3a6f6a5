"""Understanding the date a resident says they paid.

The resident's words are normalised (lower case, number words turned into
digits), then matched against a small regex grammar.  Each grammar rule knows
whether the text gave a year; when it did not, the year is settled from the
city's incident period (if known) or as the most recent past occurrence
relative to the reference date.  Anything the grammar does not cover falls back
to ``dateparser``.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Dict, List, Optional, Tuple, Union

from bot.date_es import read_spanish
from bot.date_occasions import mentions_holiday, read_occasion
from bot.date_periods import calendar_period, read_period
from bot.date_words import MONTH_WORDS, month_number, normalise, quantity

# ---------------------------------------------------------------------------
# Public types
# ---------------------------------------------------------------------------

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class DateSpan:
    """A day or a span of days (inclusive), as the resident gave it.

    year_given: False when the text gave no year and the year was settled here (from a city's
    incident period, or as the most recent past occurrence): such a date moves with the city
    (`rehome`). Relative dates ("last Friday") and dates with a year stay where they are.
    """

    start: date
    end: date
    approximate: bool = False  # "around June 5", "early June", "sometime in the summer"
    year_given: bool = True

    @property
    def is_day(self) -> bool:
        """True when the span is a single day."""
        return self.start == self.end


@dataclass(frozen=True)
class DateUnknown:
    """The resident does not remember the date."""


DateAnswer = Union[DateSpan, DateUnknown]
Period = Tuple[date, date]


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    """The date, or None when it does not exist (Feb 30, month 13...)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping the day to the month's length."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month_index + 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


def _month_span(year: int, month: int) -> Tuple[date, date]:
    return date(year, month, 1), date(year, month, _days_in_month(year, month))


def _week_start(day: date) -> date:
    """The Monday of the week holding the day (weeks run Monday–Sunday)."""
    return day - timedelta(days=day.weekday())


def _previous_weekday(reference: date, weekday: int) -> date:
    """The most recent given weekday strictly before the reference."""
    back = (reference.weekday() - weekday) % 7 or 7
    return reference - timedelta(days=back)


def _next_weekday(reference: date, weekday: int) -> date:
    """The first given weekday strictly after the reference."""
    ahead = (weekday - reference.weekday()) % 7 or 7
    return reference + timedelta(days=ahead)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> Optional[date]:
    """The nth (1-based) weekday of a month, or None if the month has fewer."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year, month, _days_in_month(year, month))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _add_business_days(day: date, count: int) -> date:
    """Step count weekdays (Mon–Fri) forward, or backward when negative."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def _two_digit_year(value: int) -> int:
    """00-68 -> 2000s, 69-99 -> 1900s."""
    return 2000 + value if value <= 68 else 1900 + value


def _parse_year(text: str) -> int:
    text = text.lstrip("'")
    return _two_digit_year(int(text)) if len(text) <= 2 else int(text)


# ---------------------------------------------------------------------------
# Year resolution
# ---------------------------------------------------------------------------

SpanBuilder = Callable[[int], Optional[Tuple[date, date]]]


def _distance_to_period(span: Tuple[date, date], period: Period) -> int:
    """Days between a span and the period (0 when they overlap)."""
    if span[1] < period[0]:
        return (period[0] - span[1]).days
    if span[0] > period[1]:
        return (span[0] - period[1]).days
    return 0


def _resolve_year(
    build: SpanBuilder, reference: date, period: Optional[Period]
) -> Optional[Tuple[date, date]]:
    """Pick the year for a year-less date or span.

    With a period: a year putting it inside the period (the latest such), else
    the one nearest to the period.  Without: the most recent occurrence that
    starts on or before the reference.
    """
    if period is not None:
        years = range(period[0].year - 4, period[1].year + 5)
        candidates = [span for span in map(build, years) if span is not None]
        inside = [span for span in candidates if _distance_to_period(span, period) == 0]
        if inside:
            return inside[-1]
        if not candidates:
            return None
        return min(candidates, key=lambda span: _distance_to_period(span, period))
    for year in range(reference.year + 1, reference.year - 9, -1):
        span = build(year)
        if span is not None and span[0] <= reference:
            return span
    return None


def resolve_year_less(
    month: int, day: int, reference: date, period: Optional[Period]
) -> Optional[date]:
    """The date for a month and day given without a year (None if impossible)."""
    span = _resolve_year(_day_builder(month, day), reference, period)
    return span[0] if span else None


def rehome(span: DateSpan, period: Period) -> DateSpan:
    """A date given without a year, moved to the year that fits a city's incident period."""
    if span.year_given:
        return span

    def build(year: int) -> Optional[Tuple[date, date]]:
        shift = year - span.start.year
        start = _safe_date(span.start.year + shift, span.start.month, span.start.day)
        end = _safe_date(span.end.year + shift, span.end.month, span.end.day)
        return (start, end) if start and end else None

    found = _resolve_year(build, span.start, period)
    if found is None:
        return span
    return DateSpan(found[0], found[1], span.approximate, year_given=False)


def _day_builder(month: int, day: int) -> SpanBuilder:
    def build(year: int) -> Optional[Tuple[date, date]]:
        found = _safe_date(year, month, day)
        return (found, found) if found else None

    return build


# ---------------------------------------------------------------------------
# Qualifiers and filler words
# ---------------------------------------------------------------------------

_TIME_OF_DAY = r"(?:noon|midnight|lunch|\d{1,2}(?:[:. ]\d\d)?\s*(?:am|pm|a\.m|p\.m|o'?clock))"
_AROUND_RE = re.compile(
    r"(?:\b(?:around|about|approximately|approx|roughly|circa|close to|give or take)\b|~)"
    rf"(?!\s*{_TIME_OF_DAY})\s*"
)
_LOOSE_RE = re.compile(r"\bsome\s?time\b\s*")
_LEADING_FILLERS = [
    r"(?:i|we)\s+(?:think|believe|guess|recall|remember)(?:\s+that)?",
    r"(?:i'?m|i\s+am)\s+(?:pretty\s+|fairly\s+)?sure(?:\s+that)?",
    r"maybe|probably|perhaps|likely|um+|uh+|well|so|ok(?:ay)?|yes|yeah|just",
    r"(?:i|we)\s+(?:must\s+have\s+|have\s+|had\s+|did\s+|might\s+have\s+)?"
    r"(?:paid|payed|pay|made\s+(?:the|my|a|our)\s+payment|made\s+it)"
    r"(?:\s+(?:it|that|the\s+bill|my\s+bill|online|my\s+\w+\s+bill))?",
    r"(?:the|my|our)\s+(?:last\s+)?payment\s+(?:was|went\s+through)(?:\s+(?:made|sent))?",
    r"(?:the\s+)?payment\s+was\s+(?:made|sent)",
    r"(?:it|that|this)\s+(?:was|is|would\s+have\s+been|must\s+have\s+been)",
    r"was|on|at|for|during|from\s+memory",
]
_LEADING_FILLER_RE = re.compile(r"^(?:" + "|".join(_LEADING_FILLERS) + r")\b[\s,]*")
_TRAILING_FILLER_RE = re.compile(
    r"[\s,]*\b(?:i\s+think|i\s+believe|i\s+guess|or\s+so|maybe|probably|"
    r"or\s+something|ish|if\s+i\s+remember\s+(?:right|correctly))$"
)


def _strip_fillers(text: str) -> str:
    """Drop leading/trailing filler like 'I paid on', 'it was', 'I think'."""
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_FILLER_RE.sub("", text)
        text = _TRAILING_FILLER_RE.sub("", text).strip(" .,")
    return text


_UNKNOWN_RE = re.compile(
    r"\b(?:(?:do\s*n[o']?t|dont|can'?t|cannot|can\s+not|could\s*n'?t|couldnt|not)\s+"
    r"(?:remember|recall|know)|not\s+sure|unsure|no\s+idea|(?:i\s+)?forg[oe]t|idk|"
    r"unknown|no\s+clue|not\s+certain|dunno|no\s+recollection|no\s+memory)\b"
)


def _says_unknown(text: str) -> bool:
    return bool(_UNKNOWN_RE.search(text.lower().replace("\u2019", "'")))


# ---------------------------------------------------------------------------
# Grammar building blocks
# ---------------------------------------------------------------------------


MONTH = rf"(?<![a-z])(?P<month>{MONTH_WORDS})(?![a-z])\.?"
_WEEKDAY_WORDS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?"
)
WEEKDAY = rf"(?<![a-z])(?P<weekday>{_WEEKDAY_WORDS})(?![a-z])"
ORD = r"(?:st|nd|rd|th)?"
DAY_NUMBER = rf"(?P<day>\d{{1,2}}){ORD}(?!\d)"
DAY = rf"(?<![\d.]){DAY_NUMBER}"
OPT_YEAR = r"(?:\s*,?\s*(?P<year>\d{4}|'\d{2})(?!\d))?"
QTY = r"\d+|an?\s+few|an?\s+couple(?:\s+of)?|few|couple(?:\s+of)?|several|an?"
UNIT = r"(?:business\s+|working\s+)?(?:day|week|month|year|fortnight)s?"
DURATION = rf"(?:{QTY})\s+{UNIT}(?:\s*(?:,\s*and|,|and)?\s*(?:{QTY})\s+{UNIT})*"
DURATION_PART_RE = re.compile(rf"(?P<qty>{QTY})\s+(?P<unit>{UNIT})")
RELATIVE = r"(?P<which>this|next|last|past|previous|coming|the\s+next|the\s+previous)"
MONTH_REF = (
    rf"(?:(?:the\s+)?(?P<month_ref>this|next|last|past|previous|coming)\s+month|"
    rf"{MONTH}{OPT_YEAR})"
)

_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
_MONTH_REF_OFFSETS = {"this": 0, "next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1}


def _weekday_number(name: str) -> int:
    return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(name[:3])


def _which_word(match: "re.Match[str]") -> str:
    return match.group("which").split()[-1]


# ---------------------------------------------------------------------------
# What a rule finds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A date found in the text, before its year is settled."""

    build: SpanBuilder  # the span for a given year (None: impossible)
    year: Optional[int] = None  # the year the text gave; None = year-less
    approximate: bool = False
    reference_only: bool = False  # only meaningful without a period ('the 27th')


@dataclass(frozen=True)
class _Context:
    reference: date
    period: Optional[Period]


def _fixed(
    start: Optional[date],
    end: Optional[date] = None,
    approximate: bool = False,
    reference_only: bool = False,
) -> _Found:
    """A found date whose year is already known (None start: impossible)."""
    if start is None:
        return _impossible()
    span = (start, end or start)
    return _Found(lambda _year: span, start.year, approximate, reference_only)


def _impossible() -> _Found:
    return _Found(lambda _year: None, 0)


def _year_or_none(match: "re.Match[str]") -> Optional[int]:
    value = match.groupdict().get("year")
    return _parse_year(value) if value else None


def _with_year(build: SpanBuilder, match: "re.Match[str]", approximate: bool = False) -> _Found:
    return _Found(build, _year_or_none(match), approximate)


# ---------------------------------------------------------------------------
# Rule handlers: numeric dates
# ---------------------------------------------------------------------------


def _numeric_ymd(match: "re.Match[str]", ctx: _Context) -> _Found:
    year, month, day = (int(match.group(g)) for g in ("year", "a", "b"))
    return _fixed(_safe_date(year, month, day))


def _year_monthname_day(match: "re.Match[str]", ctx: _Context) -> _Found:
    year = int(match.group("year"))
    return _fixed(_safe_date(year, month_number(match.group("month")), int(match.group("day"))))


def _month_and_day(first: int, second: int) -> Tuple[int, int]:
    """US order (month/day) unless the first number cannot be a month."""
    return (second, first) if first > 12 else (first, second)


def _numeric_with_year(match: "re.Match[str]", ctx: _Context) -> _Found:
    month, day = _month_and_day(int(match.group("a")), int(match.group("b")))
    return _fixed(_safe_date(_parse_year(match.group("year")), month, day))


def _numeric_month_year(match: "re.Match[str]", ctx: _Context) -> _Found:
    month, year = int(match.group("a")), int(match.group("year"))
    if not 1 <= month <= 12:
        return _impossible()
    return _fixed(*_month_span(year, month))


def _numeric_year_less(match: "re.Match[str]", ctx: _Context) -> _Found:
    month, day = _month_and_day(int(match.group("a")), int(match.group("b")))
    return _Found(_day_builder(month, day))


# ---------------------------------------------------------------------------
# Rule handlers: relative to the reference
# ---------------------------------------------------------------------------

_BASE_OFFSETS = {
    "yesterday": -1,
    "today": 0,
    "now": 0,
    "tonight": 0,
    "tomorrow": 1,
    "tmrw": 1,
    "tmr": 1,
}


def _shift(base: date, duration: str, sign: int) -> date:
    """Move base by a duration like '1 month and 21 days' (sign +1 / -1)."""
    months, days, business_days = 0, 0, 0
    for part in DURATION_PART_RE.finditer(duration):
        count = quantity(part.group("qty"))
        unit = part.group("unit")
        if unit.startswith(("business", "working")):
            business_days += count
        elif unit.startswith("year"):
            months += 12 * count
        elif unit.startswith("month"):
            months += count
        elif unit.startswith("fortnight"):
            days += 14 * count
        elif unit.startswith("week"):
            days += 7 * count
        else:
            days += count
    moved = _add_months(base, sign * months) + timedelta(days=sign * days)
    return _add_business_days(moved, sign * business_days)


def _duration_from_base(match: "re.Match[str]", ctx: _Context) -> _Found:
    base = ctx.reference + timedelta(days=_BASE_OFFSETS[match.group("base")])
    sign = -1 if match.group("dir") == "before" else 1
    return _fixed(_shift(base, match.group("dur"), sign))


def _duration_ago_or_later(match: "re.Match[str]", ctx: _Context) -> _Found:
    backwards = match.group("dir") in ("ago", "before", "earlier", "back")
    return _fixed(_shift(ctx.reference, match.group("dur"), -1 if backwards else 1))


def _in_duration(match: "re.Match[str]", ctx: _Context) -> _Found:
    return _fixed(_shift(ctx.reference, match.group("dur"), 1))


def _counted_weekday(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'two sundays from now', 'three fridays ago'."""
    count = quantity(match.group("qty").split()[-1])
    weekday = _weekday_number(match.group("weekday"))
    backwards = match.group("dir") in ("ago", "before", "earlier", "back")
    day = ctx.reference
    for _ in range(count):
        day = _previous_weekday(day, weekday) if backwards else _next_weekday(day, weekday)
    return _fixed(day)


def _day_around_base(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'the day before yesterday', 'the day after tomorrow'."""
    offset = _BASE_OFFSETS[match.group("base")] + (-1 if match.group("dir") == "before" else 1)
    return _fixed(ctx.reference + timedelta(days=offset))


def _base_word(match: "re.Match[str]", ctx: _Context) -> _Found:
    return _fixed(ctx.reference + timedelta(days=_BASE_OFFSETS[match.group("base")]))


def _offset_days(days: int) -> Callable[["re.Match[str]", _Context], _Found]:
    def handler(match: "re.Match[str]", ctx: _Context) -> _Found:
        return _fixed(ctx.reference + timedelta(days=days))

    return handler


def _relative_span(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'last month', 'this year', 'last week' as spans."""
    offset = _MONTH_REF_OFFSETS[_which_word(match)]
    unit = match.group("unit")
    ref = ctx.reference
    if unit == "week":
        start = _week_start(ref) + timedelta(weeks=offset)
        return _fixed(start, start + timedelta(days=6))
    if unit == "month":
        first = _add_months(ref.replace(day=1), offset)
        return _fixed(*_month_span(first.year, first.month))
    return _fixed(date(ref.year + offset, 1, 1), date(ref.year + offset, 12, 31))


# ---------------------------------------------------------------------------
# Rule handlers: weekdays
# ---------------------------------------------------------------------------


def _weekday_with_week(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'next week Sunday', 'Friday this week', 'Sunday of next week'."""
    offset = _MONTH_REF_OFFSETS[_which_word(match)]
    weekday = _weekday_number(match.group("weekday"))
    return _fixed(_week_start(ctx.reference) + timedelta(weeks=offset, days=weekday))


def _relative_weekday(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'this Friday' (this week's), 'next Sunday' (next week's), 'last Sunday'."""
    which = _which_word(match)
    weekday = _weekday_number(match.group("weekday"))
    if which in ("last", "past", "previous"):
        return _fixed(_previous_weekday(ctx.reference, weekday))
    if which == "coming":
        return _fixed(_next_weekday(ctx.reference, weekday))
    weeks = 0 if which == "this" else 1
    return _fixed(_week_start(ctx.reference) + timedelta(weeks=weeks, days=weekday))


def _bare_weekday(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'Friday' -> the most recent Friday before the reference."""
    return _fixed(_previous_weekday(ctx.reference, _weekday_number(match.group("weekday"))))


def _months_back(reference: date, count: int) -> List[date]:
    """First days of the reference month and the count-1 months before it."""
    first = reference.replace(day=1)
    return [_add_months(first, -k) for k in range(count)]


def _period_months(period: Period) -> List[date]:
    """First days of every month touching the period, latest first."""
    months = []
    month = period[0].replace(day=1)
    while month <= period[1]:
        months.append(month)
        month = _add_months(month, 1)
    return list(reversed(months))


def _weekday_and_day(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'Friday the 22nd': the latest such date before the reference or in the period."""
    weekday = _weekday_number(match.group("weekday"))
    day_number = int(match.group("day"))
    if ctx.period is not None:
        months, latest = _period_months(ctx.period), ctx.period[1]
    else:
        months, latest = _months_back(ctx.reference, 15), ctx.reference
    for month in months:
        day = _safe_date(month.year, month.month, day_number)
        if day and day <= latest and day.weekday() == weekday:
            return _fixed(day)
    return _impossible()


def _month_of_ref(match: "re.Match[str]", ctx: _Context) -> Optional[date]:
    """First day of 'this/next/last month', or None when no such words."""
    word = match.groupdict().get("month_ref")
    if not word:
        return None
    return _add_months(ctx.reference.replace(day=1), _MONTH_REF_OFFSETS[word])


def _nth_weekday_of_month(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'the first Friday of July', 'second Sunday', 'the 3rd Wednesday of next month'."""
    nth = int(match.group("nth"))
    weekday = _weekday_number(match.group("weekday"))
    relative_month = _month_of_ref(match, ctx)
    if relative_month is not None:
        return _fixed(_nth_weekday(relative_month.year, relative_month.month, weekday, nth))
    if match.groupdict().get("month"):
        month = month_number(match.group("month"))

        def build(year: int) -> Optional[Tuple[date, date]]:
            day = _nth_weekday(year, month, weekday, nth)
            return (day, day) if day else None

        return _with_year(build, match)
    ref = ctx.reference
    return _fixed(_nth_weekday(ref.year, ref.month, weekday, nth), reference_only=True)


def _last_weekday_of_month(match: "re.Match[str]", ctx: _Context) -> _Found:
    weekday = _weekday_number(match.group("weekday"))
    relative_month = _month_of_ref(match, ctx)
    if relative_month is not None:
        return _fixed(_last_weekday(relative_month.year, relative_month.month, weekday))
    month = month_number(match.group("month"))

    def build(year: int) -> Tuple[date, date]:
        day = _last_weekday(year, month, weekday)
        return day, day

    return _with_year(build, match)


# ---------------------------------------------------------------------------
# Rule handlers: month and day
# ---------------------------------------------------------------------------


def _month_day(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'September 3', '3rd of Sept 2019', 'Oct-2'."""
    return _with_year(
        _day_builder(month_number(match.group("month")), int(match.group("day"))), match
    )


def _day_of_relative_month(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'the 20th of next month'."""
    month = _month_of_ref(match, ctx)
    return _fixed(_safe_date(month.year, month.month, int(match.group("day"))))


def _day_of_month_only(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'the 27th' -> the most recent past 27th (no meaning with a period)."""
    day_number = int(match.group("day"))
    for month in _months_back(ctx.reference, 13):
        day = _safe_date(month.year, month.month, day_number)
        if day and day <= ctx.reference:
            return _fixed(day, reference_only=True)
    return _fixed(None)


def _first_or_last_day(match: "re.Match[str]", ctx: _Context) -> _Found:
    month = month_number(match.group("month"))
    last = match.group("pos") == "last"

    def build(year: int) -> Tuple[date, date]:
        day = date(year, month, _days_in_month(year, month) if last else 1)
        return day, day

    return _with_year(build, match)


# ---------------------------------------------------------------------------
# Rule handlers: spans
# ---------------------------------------------------------------------------


def _part_of(part: str) -> str:
    """'early' / 'mid' / 'late' from the words used."""
    if re.search(r"early|beginning|start", part):
        return "early"
    if "mid" in part:
        return "mid"
    return "late"


def _part_of_month(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'early June' (1–10), 'mid June' (11–20), 'late June' (21–end)."""
    month = month_number(match.group("month"))
    part = _part_of(match.group("part"))

    def build(year: int) -> Tuple[date, date]:
        last = _days_in_month(year, month)
        first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
        return date(year, month, first_day), date(year, month, last_day)

    return _with_year(build, match, approximate=True)


def _part_of_year(match: "re.Match[str]", ctx: _Context) -> _Found:
    year = int(match.group("year"))
    first_month, last_month = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[
        _part_of(match.group("part"))
    ]
    return _fixed(date(year, first_month, 1), _month_span(year, last_month)[1], approximate=True)


def _week_of_month(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'first week of June' (1–7), 'last week of May' (the last 7 days)."""
    month = month_number(match.group("month"))
    nth = match.group("nth")

    def build(year: int) -> Optional[Tuple[date, date]]:
        last = _days_in_month(year, month)
        if nth == "last":
            return date(year, month, last - 6), date(year, month, last)
        first_day = 7 * (int(nth[0]) - 1) + 1
        if first_day > last:
            return None
        return date(year, month, first_day), date(year, month, min(first_day + 6, last))

    return _with_year(build, match)


def _week_of_day(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'the week of June 4': Monday to Sunday around that day."""
    single_day = _day_builder(month_number(match.group("month")), int(match.group("day")))

    def build(year: int) -> Optional[Tuple[date, date]]:
        day = single_day(year)
        if day is None:
            return None
        start = _week_start(day[0])
        return start, start + timedelta(days=6)

    return _with_year(build, match)


def _month_year(match: "re.Match[str]", ctx: _Context) -> _Found:
    month = month_number(match.group("month"))
    return _with_year(lambda year: _month_span(year, month), match)


def _season_span(season: str, year: int) -> Tuple[date, date]:
    """Season of a year; winter runs December of the previous year to February."""
    if season == "winter":
        return date(year - 1, 12, 1), _month_span(year, 2)[1]
    first, last = _SEASON_MONTHS[season]
    return date(year, first, 1), _month_span(year, last)[1]


def _season(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'summer 2018', 'last summer', 'that summer', 'fall'."""
    season = match.group("season")
    which = match.group("which") or ""
    ref = ctx.reference
    if match.group("year"):
        return _fixed(*_season_span(season, int(match.group("year"))))
    if which in ("last", "past", "previous") and ctx.period is not None:
        # "last fall" told about a city's breach: the fall of the incident, as "last September" is
        # (a year the reading settles, so the reply says it and asks when it decides the answer)
        return _Found(lambda year: _season_span(season, year))
    if which in ("last", "past", "previous"):
        for year in range(ref.year + 1, ref.year - 3, -1):
            span = _season_span(season, year)
            if span[1] < ref:
                return _fixed(*span)
    if which == "this":
        year = ref.year + 1 if season == "winter" and ref.month == 12 else ref.year
        return _fixed(*_season_span(season, year))
    return _Found(lambda year: _season_span(season, year))


def _bare_year(match: "re.Match[str]", ctx: _Context) -> _Found:
    year = int(match.group("year"))
    return _fixed(date(year, 1, 1), date(year, 12, 31))


def _days_in_one_month(match: "re.Match[str]", ctx: _Context) -> _Found:
    """'June 3-20 2018', 'the 3rd to the 20th of June'."""
    month = month_number(match.group("month"))
    first, last = int(match.group("d1")), int(match.group("d2"))

    def build(year: int) -> Optional[Tuple[date, date]]:
        start, end = _safe_date(year, month, first), _safe_date(year, month, last)
        if start is None or end is None or start > end:
            return None
        return start, end

    return _with_year(build, match)


# ---------------------------------------------------------------------------
# The grammar
# ---------------------------------------------------------------------------

Handler = Callable[["re.Match[str]", _Context], Optional[_Found]]


@dataclass(frozen=True)
class _Rule:
    pattern: "re.Pattern[str]"
    handler: Handler
    whole_text_only: bool = False  # too weak to pick out of a sentence


def _rule(pattern: str, handler: Handler, whole_text_only: bool = False) -> _Rule:
    return _Rule(re.compile(pattern), handler, whole_text_only)


_BACKWARDS = r"ago|before|earlier|back"
_FORWARDS = r"later|after|hence|from\s+now|from\s+today"
_NOT_A_UNIT = (
    r"(?!\s*(?:of\b|days?\b|weeks?\b|months?\b|years?\b|business|working|%|percent|dollars?))"
)

_INTRA_MONTH_RULES = [
    _rule(
        rf"{MONTH}\s*(?:the\s+)?(?P<d1>\d{{1,2}}){ORD}\s*(?:-|to|through|thru|until|till|and)\s*"
        rf"(?:the\s+)?(?P<d2>\d{{1,2}}){ORD}(?!\d){OPT_YEAR}",
        _days_in_one_month,
    ),
    _rule(
        rf"(?<![\d.])(?:the\s+)?(?P<d1>\d{{1,2}}){ORD}\s*(?:-|to|through|thru|until|till|and)\s*"
        rf"(?:the\s+)?(?P<d2>\d{{1,2}}){ORD}\s*(?:of\s+)?{MONTH}{OPT_YEAR}",
        _days_in_one_month,
    ),
]

_RULES = [
    # numeric dates
    _rule(
        r"(?<![\d.,/-])(?P<year>\d{4})(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})(?![\d])",
        _numeric_ymd,
    ),
    _rule(
        rf"(?<!\d)(?P<year>\d{{4}})[-/. ]{MONTH}[-/. ]?(?P<day>\d{{1,2}})(?!\d)",
        _year_monthname_day,
    ),
    _rule(
        r"(?<![\d.,/$-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?:(?P=sep)|\s*,\s*)"
        r"(?P<year>\d{4}|\d{2})(?![\d/.-])",
        _numeric_with_year,
    ),
    _rule(r"(?<![\d.,/$-])(?P<a>\d{1,2})[/-](?P<year>\d{4})(?![\d/.-])", _numeric_month_year),
    _rule(r"(?<![\d.,/$-])(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})(?![\d]|[-/.]\d)", _numeric_year_less),
    # relative to the reference
    _rule(
        rf"\b(?P<dur>{DURATION})\s+(?P<dir>before|after|from)\s+"
        rf"(?P<base>yesterday|today|tomorrow|tmrw|tmr|now)\b",
        _duration_from_base,
    ),
    _rule(rf"\b(?P<dur>{DURATION})\s+(?P<dir>{_BACKWARDS}|{_FORWARDS})\b", _duration_ago_or_later),
    _rule(rf"\b(?:in|within)\s+(?:the\s+next\s+)?(?P<dur>{DURATION})\b", _in_duration),
    _rule(
        rf"\b(?P<qty>\d+|an?|the\s+next)\s+(?<![a-z])(?P<weekday>{_WEEKDAY_WORDS})s?(?![a-z])\s+"
        rf"(?P<dir>{_BACKWARDS}|{_FORWARDS})",
        _counted_weekday,
    ),
    _rule(
        r"(?:\bthe\s+)?\bday\s+(?P<dir>before|after)\s+(?P<base>yesterday|today|tomorrow|tmrw|tmr)\b",
        _day_around_base,
    ),
    _rule(r"\b(?P<base>today|tonight|yesterday|tomorrow|tmrw|tmr)\b", _base_word),
    _rule(r"(?:the\s+|this\s+|my\s+|that\s+)?day", _offset_days(0), whole_text_only=True),
    _rule(r"(?:the\s+)?(?:last|past|previous)\s+day", _offset_days(-1), whole_text_only=True),
    _rule(r"(?:the\s+)?(?:next|following)\s+day", _offset_days(1), whole_text_only=True),
    # positions inside a month
    _rule(
        rf"\b(?:the\s+)?(?P<pos>1st|last)\s+day\s+(?:of|in)\s+(?:the\s+month\s+of\s+)?{MONTH}{OPT_YEAR}",
        _first_or_last_day,
    ),
    _rule(
        rf"\b(?P<part>early|mid|middle\s+of|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
        rf"(?:\s+the\s+month\s+of)?[\s-]*{MONTH}{OPT_YEAR}",
        _part_of_month,
    ),
    _rule(
        r"\b(?P<part>early|mid|middle\s+of|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
        r"(?:\s+the\s+year)?[\s-]*(?:of\s+)?(?P<year>(?:19|20)\d{2})\b",
        _part_of_year,
    ),
    _rule(
        rf"\b(?:the\s+)?(?P<nth>[1-5](?:st|nd|rd|th)|last)\s+week\s+(?:of|in)\s+{MONTH}{OPT_YEAR}",
        _week_of_month,
    ),
    _rule(
        rf"\b(?:the\s+)?week\s+of\s+{MONTH}[\s/.,-]*(?:the\s+)?{DAY_NUMBER}{OPT_YEAR}", _week_of_day
    ),
    _rule(
        rf"\b(?:the\s+)?week\s+of\s+(?:the\s+)?{DAY}\s*(?:of\s+)?{MONTH}{OPT_YEAR}", _week_of_day
    ),
    _rule(
        rf"\b(?:the\s+)?(?P<nth>[1-5])(?:st|nd|rd|th)\s+{WEEKDAY}(?:\s+(?:of|in)\s+{MONTH_REF})?",
        _nth_weekday_of_month,
    ),
    _rule(rf"\b(?:the\s+)?last\s+{WEEKDAY}\s+(?:of|in)\s+{MONTH_REF}", _last_weekday_of_month),
    _rule(
        rf"(?<![\d.])(?:the\s+)?(?P<day>\d{{1,2}}){ORD}\s+(?:day\s+)?of\s+(?:the\s+)?"
        rf"(?P<month_ref>this|next|last|past|previous|coming)\s+month",
        _day_of_relative_month,
    ),
    # month and day
    _rule(
        rf"(?<![\d.])(?:the\s+)?{DAY}\.?\s*(?:day\s+)?(?:of\s+)?(?:the\s+month\s+of\s+)?{MONTH}{OPT_YEAR}",
        _month_day,
    ),
    _rule(rf"{MONTH}[\s/.,-]*(?:the\s+)?{DAY_NUMBER}{OPT_YEAR}", _month_day),
    _rule(rf"{MONTH}\s*,?\s*(?:of\s+)?(?P<year>\d{{4}})(?!\d)", _month_year),
    _rule(
        r"\b(?:(?P<which>this|last|past|previous|that|the)\s+)?(?P<season>summer|spring|fall|autumn|winter)"
        r"(?:\s*,?\s*(?:of\s+)?(?P<year>\d{4}))?\b",
        _season,
    ),
    # weekdays
    _rule(rf"{WEEKDAY}\s*,?\s*(?:the\s+)?{DAY}{_NOT_A_UNIT}", _weekday_and_day),
    _rule(rf"\b{RELATIVE}\s+week\s*,?\s*(?:on\s+)?(?:the\s+)?{WEEKDAY}", _weekday_with_week),
    _rule(
        rf"{WEEKDAY}\s*,?\s*(?:of\s+|on\s+|in\s+)?(?:the\s+)?{RELATIVE}\s+week\b",
        _weekday_with_week,
    ),
    _rule(rf"\b{RELATIVE}\s+{WEEKDAY}", _relative_weekday),
    _rule(rf"\b{RELATIVE}\s+(?P<unit>week|month|year)\b", _relative_span),
    _rule(WEEKDAY, _bare_weekday),
    # day of month alone
    _rule(rf"\bthe\s+{DAY}{_NOT_A_UNIT}", _day_of_month_only),
    _rule(rf"(?:^|\bon\s+)(?:the\s+)?{DAY}$", _day_of_month_only),
    # month or year alone
    _rule(MONTH, _month_year),
    _rule(r"(?:^|\b(?:in|during|of|year)\s+)(?P<year>(?:19|20)\d{2})(?![\d/.-])", _bare_year),
]


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _match_whole(text: str, ctx: _Context) -> Optional[_Found]:
    """A rule matching the whole text."""
    for rule in _RULES:
        match = rule.pattern.fullmatch(text)
        if match:
            found = rule.handler(match, ctx)
            if found is not None:
                return found
    return None


# Words that, left over after a rule matched inside the text, mean the rule read only part of the
# date ("the second half of the year" is not "the 2nd"; "december last year" is not "last year").
# Years and months left over are checked by `_uses_every_year`; money and times are not dates.
_LEFT_OVER_DATE_WORDS = re.compile(
    rf"(?<![\d$.,:])\d{{1,3}}(?![\d:]|\s*(?:am|pm|a\.m|p\.m|dollars|bucks|usd|cents|%))|{WEEKDAY}|"
    rf"{MONTH}|"
    r"\b(?:first|second|third|fourth|last|next|previous|past|early|late|mid|middle|end|beginning|"
    r"start|half|halves|quarter|week|weeks|weekend|weekends|month|months|year|years|fortnight|ago|"
    r"since|until|till|spring|summer|fall|autumn|winter)\b|"
    # "the day before / after <a date>": another day than the one named
    r"\bdays?\s+(?:before|after|prior\s+to)\b"
)
_NOT_LEFT_OVER = re.compile(
    r"\b(?:the\s+)?(?:last|first|next|latest)\s+(?:time|one|1|payment|bill|charge)\b|\$\s?\d[\d,.]*|"
    r"\b(?:every|each)\s+(?:month|week|year)\b|\b(?:wait\s+)?an?\s+(?:second|2nd)\b|\b(?:first|1st)\s+of\s+all\b|"
    r"\bat\s+(?:first|1st)\b|\bin\s+the\s+past\b|\bat\s+last\b|\bthe\s+end\s+of\s+the\s+day\b"
)
_WEEKDAY_BEFORE_RE = re.compile(rf"{WEEKDAY}\.?\s*,?\s*(?:the\s+)?$")


def _reads_all(text: str, match: "re.Match[str]") -> bool:
    """Whether the words outside the match hold no other part of a date."""
    before = _WEEKDAY_BEFORE_RE.sub("", text[: match.start()])  # "monday, january 12th"
    rest = f"{before} {text[match.end() :]}"
    return not _LEFT_OVER_DATE_WORDS.search(_NOT_LEFT_OVER.sub(" ", rest))


def _search(text: str, ctx: _Context, rules: List[_Rule]) -> Optional[_Found]:
    """The first rule (in grammar order) found inside the text that accounts for every date word
    in it; None (ask again) when each reads only a part."""
    for rule in rules:
        if rule.whole_text_only:
            continue
        match = rule.pattern.search(text)
        if match and _reads_all(text, match):
            found = rule.handler(match, ctx)
            if found is not None:
                return found
    return None


_PREFIXED_RANGE_RE = re.compile(r"\b(?:between|from)\s+")
_PREFIXED_CONNECTOR_RE = re.compile(r"\s+(?:and|to|through|thru|until|till|-)\s+|\s*-\s*")
_PLAIN_CONNECTOR_RE = re.compile(r"\s+(?:to|through|thru|until|till|and|-)\s+|\s*-\s*(?=[a-z])")


def _split_range(text: str, connector: "re.Pattern[str]", ctx: _Context) -> Optional[_Found]:
    """Split text at a connector so that both sides are whole dates; join them."""
    for join in connector.finditer(text):
        left = _match_whole(text[: join.start()].strip(" ,"), ctx)
        right = _match_whole(_strip_fillers(text[join.end() :].strip(" ,")), ctx)
        if left is None or right is None:
            continue
        if left.reference_only != right.reference_only:
            continue  # '2 to 3 weeks ago': the '2' is not a day of the month
        joined = _combine_range(left, right)
        if joined.year is None or joined.build(joined.year) is not None:
            return joined
    return None


def _first_known(*years: Optional[int]) -> int:
    return next(year for year in years if year is not None)


def _combine_range(left: _Found, right: _Found) -> _Found:
    """One span from the start of left to the end of right, sharing a year."""

    def build(year: int) -> Optional[Tuple[date, date]]:
        left_year = _first_known(left.year, right.year, year)
        start = left.build(left_year)
        end = right.build(_first_known(right.year, left_year))
        if start and end and start[0] > end[1]:
            if left.year is None:
                start = left.build(left_year - 1)
            elif right.year is None:
                end = right.build(left_year + 1)
        if start is None or end is None or start[0] > end[1]:
            return None
        return start[0], end[1]

    known_year = right.year if right.year is not None else left.year
    return _Found(
        build,
        known_year,
        left.approximate or right.approximate,
        left.reference_only or right.reference_only,
    )


def _find(text: str, ctx: _Context) -> Optional[_Found]:
    """Grammar pass: ranges first, then a whole-text date, then a date inside."""
    found = _search(text, ctx, _INTRA_MONTH_RULES)
    if found:
        return found
    prefixed = _PREFIXED_RANGE_RE.search(text)
    if prefixed:
        found = _split_range(text[prefixed.end() :], _PREFIXED_CONNECTOR_RE, ctx)
        if found:
            return found
    return (
        _match_whole(text, ctx)
        or _split_range(text, _PLAIN_CONNECTOR_RE, ctx)
        or _search(text, ctx, _RULES)
    )


# ---------------------------------------------------------------------------
# dateparser fallback
# ---------------------------------------------------------------------------

DATEPARSER_SETTINGS: Dict[str, object] = {
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "MDY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_HAS_MONTH_RE = re.compile(MONTH)
_FALLBACK_MAX_CHARS = 80  # dateparser is slow (and can fail) on long text
_FALLBACK_WORTH_RE = re.compile(rf"\d|{MONTH}")
_NAMES_A_PERIOD_RE = re.compile(
    r"\b(?:halfs?|halves|quarters?|weeks?|months?|years?|days|decades?|weekends?|between|through|thru"
    r"|until|till|fortnights?)\b"
)


def _dateparser_fallback(
    text: str, reference: date, period: Optional[Period]
) -> Optional[DateSpan]:
    """Ask dateparser about text the grammar did not cover."""
    if len(text) > _FALLBACK_MAX_CHARS or not _FALLBACK_WORTH_RE.search(text):
        return None  # no digit and no month: nothing dateparser reads that the grammar does not
    if _NAMES_A_PERIOD_RE.search(text):
        return None  # dateparser reads one day; "the first half of 2019" would be half-read
    import dateparser  # imported lazily: it is slow to load

    settings = dict(DATEPARSER_SETTINGS)
    settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    try:
        parsed = dateparser.parse(text, settings=settings, languages=["en"])
    except (ValueError, OverflowError, RecursionError):
        return None
    if parsed is None:
        return None
    day = parsed.date()
    year_less = bool(_HAS_MONTH_RE.search(text)) and not re.search(r"\d{4}", text)
    if period is not None and year_less:
        day = resolve_year_less(day.month, day.day, reference, period) or day
    return DateSpan(day, day, year_given=not year_less)


# ---------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------


def _settle(found: _Found, ctx: _Context, around: bool, loose: bool) -> Optional[DateSpan]:
    """Turn a found date into a DateSpan (None when impossible or ambiguous)."""
    if found.reference_only and ctx.period is not None:
        return None
    if found.year is not None:
        span = found.build(found.year)
    else:
        span = _resolve_year(found.build, ctx.reference, ctx.period)
    if span is None:
        return None
    start, end = span
    if around and start == end:
        start, end = start - timedelta(days=3), end + timedelta(days=3)
    approximate = found.approximate or around or (loose and start != end)
    return DateSpan(start, end, approximate, year_given=found.year is not None)


_IN_RELATIVE_MONTH_RE = re.compile(r"(?<=\S)\s+(?P<which>this|last|previous)\s+month$")


def _name_the_relative_month(text: str, reference: date) -> str:
    """'the 3rd week of this month' -> 'the 3rd week of november 2016', so the grammar for named
    months reads it; 'last month' alone stays as it is (a whole month)."""
    found = _IN_RELATIVE_MONTH_RE.search(text)
    if not found:
        return text
    month = _add_months(reference.replace(day=1), 0 if found.group("which") == "this" else -1)
    return f"{text[: found.start()]} {MONTH_NAMES[month.month - 1].lower()} {month.year}"


_RELATIVE_YEAR_RE = re.compile(
    r"(?<=\S)\s+(?:of\s+|in\s+)?(?P<which>this|last|past|previous|next)\s+year\b"
)


def _name_the_relative_year(text: str, reference: date) -> str:
    """'december last year' -> 'december 2015', 'late last year' -> 'late 2015', so that every
    rule taking a year reads it (an anchor composing with the rest); 'last year' alone stays a
    whole year."""
    found = _RELATIVE_YEAR_RE.search(text)
    if not found or text[: found.start()].strip() in ("", "in", "during"):
        return text  # "last year", "in last year": the whole year, read by its own rule
    year = reference.year + _MONTH_REF_OFFSETS[found.group("which")]
    before = text[: found.start()]
    if not _LEFT_OVER_DATE_WORDS.search(before.split()[-1]):
        return f"{before} in {year}{text[found.end() :]}"  # "paid online last year": the year
    return f"{before} {year}{text[found.end() :]}"


def _read_inner(text: str, ctx: _Context) -> Optional[Tuple[SpanBuilder, Optional[int]]]:
    """A whole date inside an occasion phrase ('the weekend of <june 8 2018>')."""
    found = _match_whole(text.strip(" ,"), ctx)
    return (found.build, found.year) if found else None


def understand_date(
    text: str, reference: date, period: Optional[Period] = None, language: str = "en"
) -> Optional[DateAnswer]:
    """Understand a payment-date answer.

    language: "es" reads Spanish (bot/date_es.py rewrites it into this grammar's words; a
    numeric date is day first).

    reference: 'today' for relative expressions (yesterday, last Friday, two weeks ago).
    period: the city's incident period (first start, last end). When given, a date
    without a year takes the year that puts it inside the period, or failing that
    the year nearest to the period — never today's year. Without a period a
    year-less date is the most recent past occurrence relative to reference.
    Returns None when the text holds no usable date or an impossible one.
    """
    if not text or not text.strip():
        return None
    if language == "es":
        text = read_spanish(text).text
    ctx = _Context(reference, period)
    core = normalised = normalise(text)
    around = bool(_AROUND_RE.search(core))
    loose = bool(_LOOSE_RE.search(core))
    core = _strip_fillers(_LOOSE_RE.sub("", _AROUND_RE.sub("", core)).strip(" ,."))
    core = _name_the_relative_year(core, reference)
    period_named = calendar_period(core)
    if period_named is not None:
        return DateSpan(*period_named, approximate=around or loose, year_given=True)
    period_read = read_period(core, reference)
    if period_read is not None:
        found = _Found(period_read[0], period_read[1], False)
        return _uses_every_year(normalised, _settle(found, ctx, around, loose))
    core = _name_the_relative_month(core, reference)
    occasion = read_occasion(core, reference, lambda inner: _read_inner(inner, ctx))
    if occasion is not None:
        found = _Found(occasion.build, occasion.year, occasion.approximate)
        return _uses_every_year(normalised, _settle(found, ctx, around, loose))
    if mentions_holiday(core):
        # a holiday inside a sentence: the phrase around it that reads whole ("over labor day
        # weekend 2019"), with no other date left in the text; else ask again
        inner = _holiday_phrase(core, reference, ctx)
        return _uses_every_year(normalised, inner) if inner is not None else None
    found = _find(core, ctx) if core else None
    if found is not None:
        return _uses_every_year(normalised, _settle(found, ctx, around, loose))
    if _says_unknown(text):
        return DateUnknown()
    return _uses_every_year(
        normalised, _dateparser_fallback(core, reference, period) if core else None
    )


_HOLIDAY_PHRASE_WORDS = 8
# Words that, left outside a holiday phrase, would change the day it names: the left-over date
# words, any number, and the words that join or shift a day ("the day before", "eve").
_DATE_WORD_RE = re.compile(
    rf"{_LEFT_OVER_DATE_WORDS.pattern}|\d|\b(?:before|after|between|and|or|day|days|eve)\b"
)


def _holiday_phrase(text: str, reference: date, ctx: _Context) -> Optional[DateSpan]:
    """The longest run of words around a holiday that reads as a whole occasion."""
    words = text.split()
    for size in range(min(len(words), _HOLIDAY_PHRASE_WORDS), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if not mentions_holiday(phrase):
                continue
            rest = " ".join(words[:start] + words[start + size :])
            if _DATE_WORD_RE.search(rest):
                continue  # "the tuesday before thanksgiving": the rest changes the day
            occasion = read_occasion(phrase, reference, lambda inner: _read_inner(inner, ctx))
            if occasion is not None:
                found = _Found(occasion.build, occasion.year, occasion.approximate)
                return _settle(found, ctx, False, False)
    return None


_YEAR_RE = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
YEAR_SLACK = timedelta(days=31)


def _uses_every_year(text: str, when: Optional[DateAnswer]) -> Optional[DateAnswer]:
    """None (ask again) when the text names a year or a month the reading did not use: "two weeks
    before Halloween 2019" half-read as a day of this year must never be answered. A span within a
    month of the year or month counts as using it ("a week before January 3, 2019"). `text` is the
    normalised text."""
    if not isinstance(when, DateSpan):
        return when
    for year in {int(y) for y in _YEAR_RE.findall(text)}:
        if when.start > date(year, 12, 31) + YEAR_SLACK or when.end < date(year, 1, 1) - YEAR_SLACK:
            return None
    for month in {month_number(m.group("month")) for m in _HAS_MONTH_RE.finditer(text)}:
        if not _touches_month(when, month):
            return None
    return when


def _touches_month(span: DateSpan, month: int) -> bool:
    """Whether the span, widened by a month each side, holds a day of the month (in any year):
    "a week before March 3" (February 24) uses March; a reading in July for "March" does not."""
    low, high = span.start - YEAR_SLACK, span.end + YEAR_SLACK
    if (high - low).days >= 365:
        return True
    day = low.replace(day=1)
    while day <= high:
        if day.month == month:
            return True
        day = _add_months(day, 1)
    return False


def date_readings(
    text: str, reference: date, period: Optional[Period] = None, language: str = "en"
) -> List[DateAnswer]:
    """Every reading of a payment-date answer: one, or two for a Spanish numeric date that is
    a real date both day first (the Spanish reading, first) and month first ("5/9/2019")."""
    first = understand_date(text, reference, period, language)
    readings = [first] if first is not None else []
    if language == "es":
        other_text = read_spanish(text).month_first
        other = understand_date(other_text, reference, period) if other_text else None
        if other is not None and other not in readings:
            readings.append(other)
    return readings
