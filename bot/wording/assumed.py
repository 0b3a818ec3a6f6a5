"""What the assistant settled rather than read, said before the verdict that rests on it."""

from __future__ import annotations

from typing import List

from bot.dates import DateSpan
from bot.i18n import N_, t
from bot.rules import Result
from bot.wording.phrases import describe_span

YEAR_ASSUMED = N_(
    "You didn't say the year, so I took the date to be {date}, the year that fits "
    "{city}'s breach dates; tell me if it was another year."
)
# The same sentence in a text message, where "Checked: Odessa, Sep 3, 2019, ..." has just given
# the date: the English is the same words, but it is its own catalog entry (its placeholder is
# {day}, not {date}) so that a locale can say it shorter within the text's 3 segments.
YEAR_ASSUMED_SMS = N_(
    "You didn't say the year, so I took the date to be {day}, the year that fits "
    "{city}'s breach dates; tell me if it was another year."
)


def assumed_sentences(result: Result, sms: bool = False) -> List[str]:
    """'You didn't say the year, so I took the date to be September 3, 2019, the year of Odessa,
    TX's breach dates.' (the year-less date the rules checked; nothing when every value was read).
    `sms`: the text message's wording (the same in English)."""
    when, city = result.when, result.city
    if not isinstance(when, DateSpan) or when.year_given or city is None or city.period is None:
        return []
    if sms:
        return [t(YEAR_ASSUMED_SMS, day=describe_span(when), city=city.display_name)]
    return [t(YEAR_ASSUMED, date=describe_span(when), city=city.display_name)]


def assumed_text(result: Result, sms: bool = False) -> str:
    """The sentences as one string, with a trailing space when there are any."""
    sentences = assumed_sentences(result, sms)
    return " ".join(sentences) + " " if sentences else ""
