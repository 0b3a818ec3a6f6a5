"""Traceability: every quote occurs in its seed file; every date, count and phone number is in a quote."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from pydantic import BaseModel

from bot.knowledge.base import Knowledge
from bot.knowledge.schema import CityRecord, Source

_PHONE = re.compile(r"(?:1[-\s.]?)?\(?\d{3}\)?[-\s.]\d{3}[-\s.]\d{4}")
_NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    18: "eighteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
}


def normalise_text(text: str) -> str:
    """Straight quotes, one space: so that a quote matches its seed despite typography."""
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    return " ".join(text.split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_in_words(number: int) -> Optional[str]:
    if number in _NUMBER_WORDS:
        return _NUMBER_WORDS[number]
    tens, units = divmod(number, 10)
    if 2 <= tens <= 5 and units:
        return f"{_NUMBER_WORDS[tens * 10]}-{_NUMBER_WORDS[units]}"
    return None


def date_in_quote(day: date, quote: str, need_year: bool) -> bool:
    """'May 25', 'Aug. 11', 'December 11, 2017', '12/12/2019' or '2018-11-12' for the day."""
    month = f"{day:%B}"
    pattern = rf"\b({month}|{month[:3]})\.?\s+{day.day}(?!\d)(st|nd|rd|th)?(,?\s+{day.year})?"
    found = re.search(pattern, quote)
    if found and (found.group(3) or not need_year):
        return True
    numeric = (
        f"{day.month}/{day.day}/{day.year}",
        f"{day.month:02d}/{day.day:02d}/{day.year}",
        day.isoformat(),
    )
    return any(n in quote for n in numeric)


def walk_sources(record: object, where: str = "") -> Iterator[Tuple[str, Source]]:
    """Every Source inside a record, with where it sits."""
    if isinstance(record, Source):
        yield where, record
    elif isinstance(record, BaseModel):
        for name, field in record.__fields__.items():
            key = field.alias
            yield from walk_sources(getattr(record, name), f"{where}.{key}" if where else key)
    elif isinstance(record, tuple):
        for i, item in enumerate(record):
            yield from walk_sources(item, f"{where}[{i}]")


def walk_texts(record: object) -> Iterator[str]:
    """Every string a resident could read (labels, texts, steps), not quotes."""
    if isinstance(record, Source):
        return
    if isinstance(record, str):
        yield record
    elif isinstance(record, BaseModel):
        for name in record.__fields__:
            yield from walk_texts(getattr(record, name))
    elif isinstance(record, tuple):
        for item in record:
            yield from walk_texts(item)


def _window_problems(city: CityRecord) -> List[str]:
    problems = []
    for i, window in enumerate(city.windows):
        src: Source = window.source
        for end, day in (("start", window.start), ("end", window.end)):
            stated_year = src.basis == "stated"
            if not date_in_quote(day, src.quote, need_year=stated_year):
                problems.append(f"{city.id}: windows[{i}].{end} {day} is not in its quote")
            if not stated_year and str(day.year) not in (src.how or "") + src.quote:
                problems.append(
                    f"{city.id}: windows[{i}].{end} year {day.year} is not explained in 'how'"
                )
        if window.dates_hit is not None and not _count_in_quote(window.dates_hit, src.quote):
            problems.append(
                f"{city.id}: windows[{i}].dates_hit {window.dates_hit} is not in its quote"
            )
    return problems


def _count_in_quote(number: int, quote: str) -> bool:
    words = number_in_words(number)
    return (
        re.search(rf"(?<![\d,]){number:,}(?![\d,])", quote) is not None
        or re.search(rf"(?<!\d){number}(?!\d)", quote) is not None
        or (words is not None and words in quote.lower())
    )


def _city_problems(city: CityRecord) -> List[str]:
    problems = _window_problems(city)
    for i, count in enumerate(city.counts):
        if not _count_in_quote(int(count.value), count.source.quote):
            problems.append(f"{city.id}: counts[{i}] {count.value} is not in its quote")
    notice = city.notice
    if (
        notice
        and notice.published
        and not date_in_quote(notice.published, notice.source.quote, True)
    ):
        problems.append(f"{city.id}: notice.published {notice.published} is not in its quote")
    for i, contact in enumerate(city.contacts):
        quote = (contact.phone_source or contact.source).quote
        if contact.phone and _digits(contact.phone)[-10:] not in _digits(quote):
            problems.append(f"{city.id}: contacts[{i}].phone {contact.phone} is not in its quote")
    return problems


def trace_problems(knowledge: Knowledge, seeds: Optional[Path]) -> List[str]:
    """Everything not traceable to a seed quote. With seeds=None, quotes are not compared with files."""
    problems: List[str] = []
    seed_texts: Dict[str, Optional[str]] = {}
    all_quotes: List[str] = []
    for owner, record in [(c.id, c) for c in knowledge.cities] + [("national", knowledge.national)]:
        for where, source in walk_sources(record):
            all_quotes.append(source.quote)
            if seeds is None:
                continue
            if source.seed not in seed_texts:
                path = seeds / source.seed
                seed_texts[source.seed] = (
                    normalise_text(path.read_text()) if path.is_file() else None
                )
            text = seed_texts[source.seed]
            if text is None:
                problems.append(f"{owner}: {where}: seed file {source.seed} not found in {seeds}")
            elif normalise_text(source.quote) not in text:
                problems.append(
                    f"{owner}: {where}: quote not found in {source.seed}: {source.quote!r}"
                )
    for city in knowledge.cities:
        problems.extend(_city_problems(city))
    quoted_digits = [_digits(q) for q in all_quotes]
    for owner, record in [(c.id, c) for c in knowledge.cities] + [("national", knowledge.national)]:
        for text in walk_texts(record):
            for phone in _PHONE.findall(text):
                if not any(_digits(phone)[-10:] in digits for digits in quoted_digits):
                    problems.append(
                        f"{owner}: phone number {phone} in {text[:40]!r}… is in no quote"
                    )
    return problems
