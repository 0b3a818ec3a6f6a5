"""What the assistant settled rather than read, said before the verdict that rests on it."""

from __future__ import annotations

from typing import List

from bot.dates import DateSpan
from bot.rules import Result
from bot.wording.phrases import describe_span


def assumed_sentences(result: Result) -> List[str]:
    """'You didn't say the year, so I took the date to be September 3, 2019, the year of Odessa,
    TX's breach dates.' (the year-less date the rules checked; nothing when every value was read)."""
    when, city = result.when, result.city
    if not isinstance(when, DateSpan) or when.year_given or city is None or city.period is None:
        return []
    return [
        f"You didn't say the year, so I took the date to be {describe_span(when)}, the year "
        f"that fits {city.display_name}'s breach dates; tell me if it was another year."
    ]


def assumed_text(result: Result) -> str:
    """The sentences as one string, with a trailing space when there are any."""
    sentences = assumed_sentences(result)
    return " ".join(sentences) + " " if sentences else ""
