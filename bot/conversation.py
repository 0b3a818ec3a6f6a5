"""Understanding one chat message for the self-check: which of city, date and method it gives.

Plain Python used by the Rasa form validation action. Slot values:
- city: the city's display name ("Odessa, TX") when known, else the resident's words for it;
- payment_date: the resident's words holding the date (understood again at check time, so a
  year-less date follows the city even when the city is corrected later);
- payment_method: "channel|instrument|service", "-" where not said (see encode_method).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional

from bot.cities import CityName, find_city_mention, resolve_city, split_qualifier
from bot.dates import DateUnknown, understand_date
from bot.knowledge.store import KnowledgeStore
from bot.methods import Method, understand_method
from bot.redaction import strip_markers
from bot.selfcheck import DATE_EXAMPLES, today_in

# Intents with which a resident answers or restates the check (others are digressions).
ANSWER_INTENTS = frozenset(
    {"inform", "correct", "check_payment", "check_another", "affirm", "deny", "nlu_fallback"}
)
# Intents the classifier may give a terse answer ("Tucson", "kiosk"): only the requested slot counts.
LENIENT_INTENTS = frozenset({"out_of_scope"})
SLOTS = ("city", "payment_date", "payment_method")
ASK = {
    "city": 'Which city did you pay? (for example "Odessa, TX" or "St. Petersburg, FL")',
    "payment_date": (
        "When did you make the payment? A date, a month or a range is fine (for example "
        '"September 3, 2019" or "summer 2018"), or say "I don\'t remember".'
    ),
    "payment_method": (
        'How did you pay? For example "online with my Visa", "autopay", "by phone", '
        '"in person with cash" or "e-check".'
    ),
}
ASK_WHAT_TO_CORRECT = (
    "What should I change? Tell me the right city, date or payment method (for example "
    '"it was Odessa" or "actually it was in July").'
)
REASK = {
    "city": 'Sorry, I need the name of the city whose bill you paid, for example "Odessa, TX".',
    "payment_date": f"Sorry, I could not read that date. Please give it again, {DATE_EXAMPLES}.",
    "payment_method": (
        'Sorry, I could not tell how you paid. For example "online with my Visa", "autopay", '
        '"by phone", "in person with cash" or "e-check".'
    ),
}
_DONT_KNOW = re.compile(r"^(i )?(don'?t|do not|dont) know|^not sure|^no idea|^idk|^dunno|^\?+$")
_LEAD = re.compile(
    r"^(it was|it's|its|that was|i paid|i live|i'm|im|i am|the city (is|was)|city:?|in|at|for|"
    r"from|no,?|sorry,?|actually,?|i meant|i mean|city of)\s+",
    re.IGNORECASE,
)
# "I live in Tucson", "paid in Fort Worth": a capitalised place after a preposition.
_PLACE_AFTER_WORD = re.compile(
    r"\b(?:in|from|city of|town of|live in|paid in|for)\s+([A-Z][a-z.'-]+(?:\s+[A-Z][a-z.'-]+){0,2})"
)
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "i person cash visa mastercard amex discover click2gov the my summer spring fall autumn winter "
    "person".split()
)
_PLACE_WITH_QUALIFIER = re.compile(
    r"\b([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}),\s*([A-Za-z. ]{2,20})\b"
)


def encode_method(method: Method) -> str:
    return "|".join(value or "-" for value in (method.channel, method.instrument, method.service))


def decode_method(value: Optional[str]) -> Method:
    if not value:
        return Method()
    parts = (value.split("|") + ["-", "-", "-"])[:3]
    channel, instrument, service = (None if p == "-" else p for p in parts)
    return Method(channel, instrument, service)


def merge_methods(old: Method, new: Method) -> Method:
    """What the resident says now wins; what they said before stays where they say nothing new."""
    return Method(
        new.channel or old.channel, new.instrument or old.instrument, new.service or old.service
    )


@dataclass
class Understanding:
    """Slots a message fills, and a message to ask again when an answer could not be used."""

    slots: Dict[str, Optional[str]] = field(default_factory=dict)
    reask: Optional[str] = None


def _clean_place(text: str) -> str:
    text = text.strip().strip(".!?")
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text).strip()
    return text


def find_city(
    store: KnowledgeStore, text: str, requested: bool, names: List[CityName]
) -> Optional[str]:
    """A city named in the message: 'Springfield, IL' forms, any known city or alias, or — when the
    city was just asked for — the whole short answer."""
    for match in _PLACE_WITH_QUALIFIER.finditer(text):
        candidate = f"{match.group(1)}, {match.group(2).strip()}"
        _, state, other = split_qualifier(candidate)
        if state or other:
            return _display(store, candidate, names)
    mention = find_city_mention(text, names)
    if mention is not None:
        return store.city(mention.city_id).display_name
    for match in _PLACE_AFTER_WORD.finditer(text):
        place = match.group(1).strip(".")
        if place.split()[0].lower() not in _NOT_PLACES:
            return _display(store, place, names)
    if requested:
        answer = _clean_place(text)
        words = answer.split()
        if (
            answer
            and len(words) <= 5
            and not re.search(r"\d", answer)
            and not _DONT_KNOW.search(answer.lower())
        ):
            return _display(store, answer, names)
    return None


def _display(store: KnowledgeStore, words: str, names: List[CityName]) -> str:
    match = resolve_city(words, names)
    if match.found:
        return store.city(match.city_id).display_name
    return " ".join(words.split())


def understand_message(
    store: KnowledgeStore,
    text: str,
    intent: Optional[str],
    requested: Optional[str],
    slots: Dict[str, Optional[str]],
    today: Optional[date] = None,
) -> Understanding:
    """Which of city, date and method this message gives. Digressions give nothing."""
    result = Understanding()
    strict = intent not in ANSWER_INTENTS
    if strict and (requested is None or intent not in LENIENT_INTENTS):
        return result  # a question or small talk in the middle of the form
    text = strip_markers(text)
    names = store.city_names()
    city = find_city(store, text, requested == "city" and not strict, names)
    if city and city != slots.get("city"):
        result.slots["city"] = city
    city_name = city or slots.get("city")
    period, reference = None, today
    if city_name:
        match = resolve_city(city_name, names)
        if match.found:
            record = store.city(match.city_id)
            period = record.period
            reference = today or today_in(record.time_zone)
    reference = reference or date.today()

    when = understand_date(text, reference, period)
    if when is not None and (not isinstance(when, DateUnknown) or requested == "payment_date"):
        result.slots["payment_date"] = " ".join(text.split())[:200]

    method = understand_method(text)
    if method.known or (method.service and slots.get("payment_method")):
        merged = merge_methods(decode_method(slots.get("payment_method")), method)
        result.slots["payment_method"] = encode_method(merged)

    if strict:  # an out-of-scope looking message counts only if it answers what was asked
        result.slots = {k: v for k, v in result.slots.items() if k == requested}
    if not result.slots and requested in REASK and not strict:
        result.reask = REASK[requested]
        result.slots[requested] = None
    return result
