"""One self-check: a city as matched, a date and a method -> Result; or the same from a resident's
own words (`bot check`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Optional, Union

from bot.cities import CityMatch, resolve_city
from bot.conversation import today_in
from bot.dates import DateAnswer, understand_date
from bot.i18n import N_, speaking, t
from bot.knowledge.base import Knowledge
from bot.knowledge.vocabulary import Status
from bot.methods import Method, understand_method, understand_service
from bot.rules import Result, check_city, check_unmatched

DATE_EXAMPLES = N_(
    "for example 'September 3, 2019', '9/3/19', 'between June and August 2018' or "
    "'I don't remember'"
)


def date_examples() -> str:
    """Dates that work, in the locale spoken (Spanish ones are read day first)."""
    return t(DATE_EXAMPLES)


class DateNotUnderstood(ValueError):
    """The payment date could not be understood; nothing was checked. The message is in
    `language`, the language the date was read in."""

    def __init__(self, text: str, language: str = "en") -> None:
        with speaking(language):
            message = t(
                "I could not understand the date {date}. Please give it again, {examples}.",
                date=repr(text),
                examples=date_examples(),
            )
        super().__init__(message)
        self.text = text


def check(
    knowledge: Knowledge, match: CityMatch, when: Optional[DateAnswer], method: Optional[Method]
) -> Result:
    """The verdict for a city as matched (on record or not), a date and a method."""
    city = knowledge.city(match.city_id) if match.found else None
    if city is None:
        result = check_unmatched(match, knowledge.national, knowledge.city(match.city_id))
    else:
        result = check_city(city, knowledge.national, when, method)
    cited = knowledge.cited(result.sources, first=city.notice if city else None)
    return replace(result, notices=cited)


def run_check(
    knowledge: Knowledge,
    city_text: str,
    date_text: Optional[str],
    method_text: Union[str, Method, None],
    today: Optional[date] = None,
    service_text: Optional[str] = None,
    language: str = "en",
) -> Result:
    """Resolve the city, understand date and method in that city's terms, and check them.

    Raises DateNotUnderstood when a date was given that cannot be read (for a city whose
    answer depends on the date)."""
    match = resolve_city(city_text, knowledge.city_names())
    city = knowledge.city(match.city_id) if match.found else None
    when = None
    if city is not None and date_text and date_text.strip():
        reference = today or today_in(city.time_zone)
        when = understand_date(date_text, reference, city.period, language)
        if when is None and city.status == Status.CONFIRMED:
            raise DateNotUnderstood(date_text, language)
    if isinstance(method_text, Method):
        method = method_text
    else:
        method = understand_method(method_text, language) if method_text else Method()
    if service_text:
        service = understand_service(service_text)
        method = replace(method, service=service or method.service)
    return check(knowledge, match, when, method)
