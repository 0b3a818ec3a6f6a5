"""One self-check from a resident's own words: city, date and method text -> Result."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional, Union
from zoneinfo import ZoneInfo

from bot.cities import resolve_city
from bot.dates import understand_date
from bot.knowledge.store import KnowledgeStore
from bot.methods import Method, understand_method
from bot.rules import Result, check_city, check_unmatched

DATE_EXAMPLES = "for example 'September 3, 2019', '9/3/19', 'between June and August 2018' or 'I don't remember'"


class DateNotUnderstood(ValueError):
    """The payment date could not be understood; nothing was checked."""

    def __init__(self, text: str) -> None:
        super().__init__(
            f"I could not understand the date {text!r}. Please give it again, {DATE_EXAMPLES}."
        )
        self.text = text


def today_in(time_zone: str) -> date:
    """Today's calendar date in a time zone."""
    return datetime.now(ZoneInfo(time_zone)).date()


def run_check(
    store: KnowledgeStore,
    city_text: str,
    date_text: Optional[str],
    method_text: Union[str, Method, None],
    today: Optional[date] = None,
    service_text: Optional[str] = None,
) -> Result:
    """Resolve the city, understand date and method in that city's terms, and check them."""
    match = resolve_city(city_text, store.city_names())
    national = store.national()
    if not match.found:
        known = store.city(match.city_id) if match.city_id else None
        return check_unmatched(match, national, known)
    city = store.city(match.city_id)
    reference = today or today_in(city.time_zone)
    when = None
    if date_text and date_text.strip():
        when = understand_date(date_text, reference, city.period)
        if when is None and city.status == "confirmed":
            raise DateNotUnderstood(date_text)
    if isinstance(method_text, Method):
        method = method_text
    else:
        method = understand_method(method_text) if method_text else Method()
    if service_text:
        service = understand_method(service_text).service
        method = Method(method.channel, method.instrument, service or method.service)
    return check_city(city, national, when, method)
