"""Calendar periods written with their year: a numeric month ("2018-3", "2018/03") and a quarter
("Q3 2019", "the third quarter of 2019"). A part of the date grammar kept apart from bot/dates.py."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional, Tuple

_YEAR_MONTH = re.compile(r"^(?P<year>(19|20)\d\d)\s*[-/.]\s*(?P<month>0?[1-9]|1[0-2])$")
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
        return _month(int(found.group("year")), int(found.group("month")))
    found = _QUARTER.match(lowered)
    if not found:
        return None
    year = int(found.group("year") or found.group("year2"))
    quarter = int(found.group("q") or found.group("q2") or _ORDINALS[found.group("word")])
    first = 3 * quarter - 2
    return _month(year, first)[0], _month(year, first + 2)[1]
