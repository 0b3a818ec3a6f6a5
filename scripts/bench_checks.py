"""Randomised checks for the load test: an opener, a city, a date and a method, drawn afresh for
every conversation, each with the verdict the library gives for it (`bot.selfcheck.run_check`,
what `python -m bot check` answers), so that no cache decides a figure and every conversation's
verdict is checked against an answer computed, not written down.

The parts are the plain forms a resident types in a four-message check: an opener that names
no city, date or method; one of the knowledge's names for a city; a date with its year in one of
several spellings; a method in one of several wordings. A combination the library cannot read
to a verdict of its own is drawn again. Half the dates fall inside one of the city's windows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import List, Optional

from bot.cities import resolve_city
from bot.knowledge.base import Knowledge
from bot.knowledge.reader import read_knowledge
from bot.selfcheck import DateNotUnderstood, run_check
from bot.settings import PROJECT_ROOT

OPENERS = (
    "was my payment affected?",
    "Was my payment affected by the breach?",
    "am I affected by the breach?",
    "can you check my payment",
    "did the hack get my payment?",
    "I want to check if I was affected",
    "check my payment please",
    "hi, was my payment hacked?",
)
METHODS = (
    "online with my Visa",
    "online with my debit card",
    "online by card",
    "with my mastercard on the website",
    "by phone",
    "over the phone with a card",
    "in person with cash",
    "at the counter with my debit card",
    "mailed a check",
    "e-check online",
    "autopay from my bank account",
)
DATE_FORMATS = (
    lambda d: f"{d:%B} {d.day} {d.year}",
    lambda d: f"{d:%b} {d.day}, {d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%B} {d.day}th {d.year}" if d.day in (4, 5, 6, 7, 8, 9) else d.isoformat(),
    lambda d: d.isoformat(),
)
FIRST_DAY = date(2017, 1, 1)
DAYS = (date(2020, 6, 30) - FIRST_DAY).days


@dataclass(frozen=True)
class Check:
    """The four messages of one check and the verdict the library gives for them."""

    opener: str
    city: str
    when: str
    method: str
    verdict: str

    @property
    def messages(self) -> tuple:
        return (self.opener, self.city, self.when, self.method)


def city_texts(knowledge: Knowledge) -> List[str]:
    """Every name the knowledge has for a city that resolves to that city alone."""
    names = knowledge.city_names()
    counts: dict = {}
    for entry in names:
        counts[entry.name.lower()] = counts.get(entry.name.lower(), 0) + 1
    return sorted({e.name for e in names if counts[e.name.lower()] == 1})


def random_day(rng: random.Random, knowledge: Knowledge, city: str) -> date:
    """Half the time a day inside one of the city's windows (when it has any), else any day
    from 2017 to mid-2020."""
    match = resolve_city(city, knowledge.city_names())
    record = knowledge.city(match.city_id) if match.found else None
    if record is not None and record.windows and rng.random() < 0.5:
        window = rng.choice(record.windows)
        return window.start + timedelta(days=rng.randrange((window.end - window.start).days + 1))
    return FIRST_DAY + timedelta(days=rng.randrange(DAYS))


def draw(rng: random.Random, knowledge: Knowledge, cities: List[str]) -> Optional[Check]:
    """One random check, or None when the library reads it to no verdict of its own."""
    city = rng.choice(cities)
    day = random_day(rng, knowledge, city)
    when = rng.choice(DATE_FORMATS)(day)
    method = rng.choice(METHODS)
    try:
        result = run_check(knowledge, city, when, method)
    except DateNotUnderstood:
        return None
    if result.city is None or result.when is None:
        return None
    return Check(rng.choice(OPENERS), city, when, method, result.verdict.value)


def random_checks(count: int, seed: int = 0, knowledge_dir: Optional[Path] = None) -> List[Check]:
    """`count` random checks (the same ones for the same seed)."""
    knowledge = read_knowledge(knowledge_dir or PROJECT_ROOT / "knowledge")
    cities = city_texts(knowledge)
    rng = random.Random(seed)
    checks: List[Check] = []
    while len(checks) < count:
        check = draw(rng, knowledge, cities)
        if check is not None:
            checks.append(check)
    return checks
