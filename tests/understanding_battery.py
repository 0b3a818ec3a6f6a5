"""A battery of check messages as residents type them, generated (seeded, so every run is the same).

Each case puts a true city, payment date and method beside distractors of one kind: words that
look like a date, a city or a method but are not the answer (a verb that is a weekday abbreviation,
the modal "may", a person named like a city, a letter the city mailed, a call made before paying,
a payment the resident meant to make), alternatives, ranges, negations, corrections, two places,
a removed secret, a third-person note, holidays. The property (tests/bot/test_understanding_battery.py
and the end-to-end sample): the assistant's verdict is the true payment's verdict, or it asks a
question first — never a different verdict. Kinds in MUST_ASK leave the answer open: they must ask.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Dict, Iterator, List, Tuple

MONTHS = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True)
class Truth:
    """The payment the message describes."""

    city: str  # as a resident writes it
    start: date
    end: date
    method: str  # words bot/methods.py reads on their own


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    truth: Truth


# True payments: inside and outside a window, methods the notices answer differently for.
PAYMENTS: Tuple[Tuple[str, date, str], ...] = (
    ("Odessa", date(2019, 9, 20), "online with my Visa"),
    ("Odessa", date(2019, 6, 10), "online with my Visa"),
    ("Odessa", date(2019, 9, 20), "in person with cash"),
    ("Bakersfield", date(2018, 9, 5), "online with my Mastercard"),
    ("Bakersfield", date(2018, 9, 5), "in cash at the counter"),
    ("St. Petersburg", date(2018, 9, 1), "online with my debit card"),
    ("St. Petersburg", date(2018, 9, 1), "over the phone"),
    ("Midwest City", date(2018, 6, 1), "online with a credit card"),
)
OTHER_CITY = {"Odessa": "Bakersfield", "Bakersfield": "Odessa", "St. Petersburg": "Midwest City"}
OTHER_CITY["Midwest City"] = "St. Petersburg"
PEOPLE = ("Tyler", "Norman")  # first names that are cities on record
# A method with another answer than the true one, for negations, corrections and plans.
OTHER_METHOD = {"online": "by phone", "phone": "online", "person": "online", "cash": "online"}


def _other_method(method: str) -> str:
    return next(other for word, other in OTHER_METHOD.items() if word in method)


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def say_date(day: date, form: int) -> str:
    month = MONTHS[day.month - 1]
    return (
        f"on {month} {day.day}, {day.year}",
        f"on {day.month}/{day.day}/{day.year}",
        f"on the {_ordinal(day.day)} of {month} {day.year}",
        f"on {month[:3]} {day.day} {day.year}",
    )[form % 4]


# Each template: (kind, text with {city} {method} {date} {other_city} {other_method}
# {other_date} {person} {later} {month}).
TEMPLATES: Tuple[Tuple[str, str], ...] = (
    ("weekday_verb", "I sat down with my coffee and paid my {city} water bill {method} {date}."),
    ("weekday_verb", "We sat at the kitchen table and paid the {city} bill {method} {date}"),
    ("weekday_verb", "I paid {city} {method} {date}, I sat there for an hour"),
    ("modal_may", "I may have paid my {city} water bill {method} {date}"),
    ("modal_may", "It may be nothing, but I paid {city} {method} {date}"),
    ("modal_may", "May I ask something? I paid my {city} bill {method} {date}."),
    ("person_city", "My son {person} helped me pay the {city} water bill {method} {date}."),
    ("person_city", "{person} told me to ask. I paid {city} {method} {date}."),
    ("person_city", "my neighbor {person} said to check. {city} water bill, {method}, {date}"),
    (
        "city_mailed",
        "The city mailed me a letter in {later}. I paid my {city} bill {method} {date}.",
    ),
    ("city_mailed", "I got a letter from {city} {later_date}; I paid {method} {date}"),
    ("city_mailed", "They sent a notice in {later} but I paid {city} {method} {date}"),
    ("call_before", "I called the city {other_date} before paying {method} {date} in {city}."),
    ("call_before", "I called them first to ask, then paid my {city} bill {method} {date}"),
    ("meant_to", "I was going to pay {other_method} but ended up paying {city} {method} {date}."),
    ("meant_to", "I meant to pay {other_method}, but I paid my {city} bill {method} {date}"),
    (
        "meant_to",
        "I tried to pay {other_method} but it didn't work, so I paid {city} {method} {date}",
    ),
    (
        "city_mailed",
        "The letter said payments in {wrong_month} were hit. I paid {city} {method} {date}.",
    ),
    ("correction", "I usually pay {other_method} but this time I paid {city} {method} {date}"),
    ("negation", "I paid {city} {method} instead of {other_method} {date}"),
    ("plain", "I pay {city} every month {method}, the last one was {date}"),
    ("negation", "I didn't pay {other_method}, I paid {method}. {city}, {date}."),
    ("negation", "Not {other_method}. I paid {city} {method} {date}"),
    ("negation", "it was not in {wrong_month}, I paid {city} {method} {date}"),
    ("correction", "I paid {city} {method} {other_date}, but actually it was {date}."),
    ("correction", "I paid {other_city}... no wait, {city}. {method} {date}"),
    ("correction", "I paid {city} {other_method} {date}, sorry, I mean {method}"),
    (
        "two_places",
        "I moved from {other_city} to {city} and paid my {city} water bill {method} {date}",
    ),
    ("two_places", "I live in {other_city} but I paid a {city} bill {method} {date}"),
    ("secret", "my card is [card number removed], I paid {city} {method} {date}"),
    ("secret", "I paid my {city} bill {method} {date}. [security code removed] is the code"),
    ("third_person", "She paid her {city} sewer bill {method} {date}."),
    ("third_person", "caller says he paid the {city} water bill {method} {date}"),
    ("plain", "I paid {city} {method} {date}"),
    ("plain", "paid my {city} utility bill {method} {date}"),
    # two kinds in one message
    (
        "combined",
        "My son {person} sat down with me. I was going to pay {other_method} but paid {city} "
        "{method} {date}.",
    ),
    (
        "combined",
        "The city mailed a letter in {later}; I may have paid {other_city}... no, {city}, "
        "{method} {date}",
    ),
    (
        "combined",
        "my card is [card number removed]. I live in {other_city} but I paid {city} {method} "
        "{date}, not {other_method}",
    ),
    # the answer is open: two dates, two cities, a range
    ("alternative", "I paid {city} {method} {date} or {other_date}"),
    ("alternative", "{city} or {other_city}, I paid {method} {date}"),
    ("alternative", "I paid {city} either {method} or {other_method} {date}"),
    ("range", "I have paid {city} {method} since {month}"),
    ("range", "I paid {city} {method} sometime before {month}"),
)
MUST_ASK = frozenset({"alternative", "range"})
# Holidays inside a sentence, with the span they name (a date the grammar must read whole).
HOLIDAYS: Tuple[Tuple[str, str, date, date, str], ...] = (
    ("Odessa", "on Labor Day 2019", date(2019, 9, 2), date(2019, 9, 2), "online with my Visa"),
    (
        "Odessa",
        "over Labor Day weekend 2019",
        date(2019, 8, 31),
        date(2019, 9, 2),
        "online with my Visa",
    ),
    (
        "Bakersfield",
        "on Labor Day 2018",
        date(2018, 9, 3),
        date(2018, 9, 3),
        "online with my Mastercard",
    ),
    (
        "Odessa",
        "on Independence Day 2019",
        date(2019, 7, 4),
        date(2019, 7, 4),
        "online with my Visa",
    ),
)
# Seasons said relative to now ("last fall"): read in the incident's year, said or asked.
SEASONS: Tuple[Tuple[str, str, date, date, str], ...] = (
    ("Odessa", "last fall", date(2019, 9, 1), date(2019, 11, 30), "online with my Visa"),
    ("Bakersfield", "last autumn", date(2018, 9, 1), date(2018, 11, 30), "online with my Visa"),
    ("St. Petersburg", "last summer", date(2018, 6, 1), date(2018, 8, 31), "in person with cash"),
    ("Odessa", "last spring", date(2019, 3, 1), date(2019, 5, 31), "online with my Visa"),
)
HOLIDAY_SENTENCES = (
    "I paid my {city} water bill {method} {date}",
    "I remember I paid {city} {method} {date} because the office was closed",
)


def _fields(city: str, day: date, method: str, form: int) -> Dict[str, str]:
    other_day = day - timedelta(days=75)
    later = day + timedelta(days=120)
    return {
        "city": city,
        "method": method,
        "date": say_date(day, form),
        "other_city": OTHER_CITY[city],
        "other_method": _other_method(method),
        "other_date": say_date(other_day, form + 1),
        "person": PEOPLE[form % 2],
        "later": f"{MONTHS[later.month - 1]} {later.year}",
        "later_date": say_date(later, form),
        "wrong_month": MONTHS[other_day.month - 1],
        "month": f"{MONTHS[day.month - 1]} {day.year}",
    }


def cases(seed: int = 18) -> Iterator[Case]:
    """Every template with every true payment (one date form each, chosen by the seed)."""
    rng = random.Random(seed)
    for kind, template in TEMPLATES:
        for city, day, method in PAYMENTS:
            text = template.format(**_fields(city, day, method, rng.randrange(4)))
            yield Case(kind, text, Truth(city, day, day, method))
    for kind, phrases in (("holiday", HOLIDAYS), ("season", SEASONS)):
        for city, said, start, end, method in phrases:
            for sentence in HOLIDAY_SENTENCES:
                text = sentence.format(city=city, method=method, date=said)
                yield Case(kind, text, Truth(city, start, end, method))


def sample(count: int, seed: int = 18) -> List[Case]:
    """A few cases of every kind, for the end-to-end tests."""
    every = list(cases(seed))
    kinds = sorted({case.kind for case in every})
    rng = random.Random(seed)
    chosen: List[Case] = []
    per_kind = max(1, count // len(kinds))
    for kind in kinds:
        of_kind = [case for case in every if case.kind == kind]
        chosen += rng.sample(of_kind, min(per_kind, len(of_kind)))
    return chosen


# ---------------------------------------------------------------- judging a case


def true_verdict(knowledge, truth: Truth):  # type: ignore[no-untyped-def]
    """The verdict for the true payment, from the same rules engine."""
    from bot.cities import resolve_city
    from bot.dates import DateSpan
    from bot.methods import understand_method
    from bot.selfcheck import check

    match = resolve_city(truth.city, knowledge.city_names())
    return check(
        knowledge, match, DateSpan(truth.start, truth.end), understand_method(truth.method)
    ).verdict


def outcome(knowledge, case: Case, today: date, zone: str = "America/Chicago") -> str:  # type: ignore[no-untyped-def]
    """'asked' (a choice, a missing value, or a year that decides the answer), 'right' (the
    verdict of the true payment) or 'wrong: …' (a confident verdict for another payment)."""
    from bot.assumptions import year_question
    from bot.conversation import (
        Turn,
        city_from_slot,
        date_from_slot,
        method_from_slot,
        read_turn,
    )
    from bot.selfcheck import check

    reading = read_turn(knowledge, Turn(case.text), {}, zone, today=today)
    slots = reading.changed
    if reading.choices or not all(slots.get(s) for s in ("city", "payment_date", "payment_method")):
        return "asked"
    if year_question(knowledge, slots) is not None:
        return "asked"
    result = check(
        knowledge,
        city_from_slot(slots["city"]),
        date_from_slot(slots["payment_date"]),
        method_from_slot(slots["payment_method"]),
    )
    expected = true_verdict(knowledge, case.truth)
    if result.verdict == expected:
        return "right"
    return f"wrong: {result.verdict.value} (true: {expected.value}) from {slots}"
