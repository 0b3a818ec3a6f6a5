"""Understanding one chat message for the self-check, and the typed values the form keeps.

Plain Python used by the Rasa form validation action. Slot values are JSON, so Rasa can store them:
- city: {"id": "odessa-tx" or null, "name": "Odessa, TX" (or the resident's words for a place not
  on record), "kind": exact | fuzzy | other_place | unknown, "place": a country, "state": "TX"};
- payment_date: {"start": "2019-09-03", "end": "2019-09-03", "approximate": false,
  "year_given": true} or {"unknown": true};
- payment_method: {"channel": "online_one_time", "instrument": "card", "service": "utility",
  "autopay_assumed": false} (autopay_assumed: "autopay" read as existing, new or old not said),
  null where not said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Dict, Optional
from zoneinfo import ZoneInfo

from bot.cities import CityMatch, find_city_mention, resolve_city, split_qualifier
from bot.dates import DateAnswer, DateSpan, DateUnknown, Period, rehome, understand_date
from bot.knowledge.base import Knowledge
from bot.knowledge.schema import CityRecord
from bot.methods import Method, understand_method
from bot.redaction import strip_markers

SlotValue = Optional[Dict[str, Any]]
# Message metadata a channel sets when the page already says which city (the widget's data-city).
PRESET_CITY = "preset_city"

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
    r"\b([A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){0,3}),\s*([A-Za-z. ]{2,20})\b"
)
# What a place name may look like when it is the whole answer: letters, spaces, . , ' - only.
_PLACE_NAME = re.compile(r"^[A-Za-z][A-Za-z .,'-]{0,47}$")


# ---------------------------------------------------------------- slot values


def city_slot(match: CityMatch, knowledge: Knowledge) -> Dict[str, Any]:
    """The slot value for a city as matched: a known city by id and display name."""
    record = knowledge.city(match.city_id) if match.found else None
    name = record.display_name if record else " ".join(match.query.split())
    return {
        "id": match.city_id,
        "name": name,
        "kind": match.kind,
        "place": match.place,
        "state": match.state,
    }


def city_from_slot(value: SlotValue) -> Optional[CityMatch]:
    if not value:
        return None
    return CityMatch(
        value["kind"], value["name"], value.get("id"), value.get("place"), value.get("state")
    )


def date_slot(answer: DateAnswer) -> Dict[str, Any]:
    if isinstance(answer, DateUnknown):
        return {"unknown": True}
    return {
        "start": answer.start.isoformat(),
        "end": answer.end.isoformat(),
        "approximate": answer.approximate,
        "year_given": answer.year_given,
    }


def date_from_slot(value: SlotValue) -> Optional[DateAnswer]:
    if not value:
        return None
    if value.get("unknown"):
        return DateUnknown()
    return DateSpan(
        date.fromisoformat(value["start"]),
        date.fromisoformat(value["end"]),
        bool(value.get("approximate")),
        bool(value.get("year_given", True)),
    )


def method_slot(method: Method) -> Dict[str, Any]:
    return {
        "channel": method.channel and str(method.channel),
        "instrument": method.instrument and str(method.instrument),
        "service": method.service and str(method.service),
        "autopay_assumed": method.autopay_assumed,
    }


def method_from_slot(value: SlotValue) -> Method:
    if not value:
        return Method()
    return Method(
        value.get("channel"),
        value.get("instrument"),
        value.get("service"),
        bool(value.get("autopay_assumed")),
    )


# ---------------------------------------------------------------- reading a message


def today_in(time_zone: str) -> date:
    """Today's calendar date in a time zone."""
    return datetime.now(ZoneInfo(time_zone)).date()


def _clean_place(text: str) -> str:
    text = text.strip().strip(".!?")
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text).strip()
    return text


def read_city(knowledge: Knowledge, text: str, whole_answer: bool) -> Optional[CityMatch]:
    """A city named in the message: 'Springfield, IL' forms, any known city or alias, a capitalised
    place after 'in'/'from', or — when `whole_answer` (the city was just asked for) — the whole
    short answer."""
    text = strip_markers(text)
    names = knowledge.city_names()
    for match in _PLACE_WITH_QUALIFIER.finditer(text):
        candidate = f"{match.group(1)}, {match.group(2).strip()}"
        _, state, other = split_qualifier(candidate)
        if state or other:
            return resolve_city(candidate, names)
    mention = find_city_mention(text, names)
    if mention is not None:
        return mention
    for match in _PLACE_AFTER_WORD.finditer(text):
        place = match.group(1).strip(".")
        if place.split()[0].lower() not in _NOT_PLACES:
            return resolve_city(place, names)
    if whole_answer:
        answer = _clean_place(text)
        if looks_like_a_place(answer):
            return resolve_city(answer, names)
    return None


def looks_like_a_place(answer: str) -> bool:
    """A short answer that could be a place name: not markup, not a sentence about paying, not
    a date, not "I don't know" (so nothing else is ever taken as a city and repeated back)."""
    return bool(
        _PLACE_NAME.match(answer)
        and len(answer.split()) <= 5
        and not _DONT_KNOW.search(answer.lower())
        and not understand_method(answer).known
        and understand_date(answer, date(2000, 1, 1)) is None
    )


def reference_for(city: Optional[CityRecord], today: Optional[date], default_zone: str) -> date:
    """'Today' for relative dates: the given day, else today in the city's (or the default) zone."""
    return today or today_in(city.time_zone if city else default_zone)


def read_date(
    text: str, reference: date, period: Optional[Period], dont_know_counts: bool
) -> Optional[DateAnswer]:
    """The payment date in the message; "I don't remember" only when the date was asked for."""
    when = understand_date(strip_markers(text), reference, period)
    if isinstance(when, DateUnknown) and not dont_know_counts:
        return None
    return when


def date_for_city(when: Optional[DateAnswer], city: Optional[CityRecord]) -> Optional[DateAnswer]:
    """A date given without a year, moved into the city's incident period (city corrected later)."""
    if isinstance(when, DateSpan) and city is not None and city.period is not None:
        return rehome(when, city.period)
    return when


def read_method(text: str, before: Method) -> Optional[Method]:
    """How the resident paid, merged with what they said before; None when the message says
    nothing about it (a service alone counts only as a detail of a method already given)."""
    method = understand_method(strip_markers(text))
    if method.known or (method.service and before.known):
        return method.merged_into(before)
    return None


# ---------------------------------------------------------------- one turn of the form


@dataclass(frozen=True)
class Turn:
    """A resident's message as the form reads it.

    requested: the slot the assistant just asked for. only_requested: the message looked
    off-topic to the classifier, so it counts only as an answer to that question ("Tucson").
    """

    text: str
    requested: Optional[str] = None
    only_requested: bool = False

    def may_fill(self, slot: str) -> bool:
        return not self.only_requested or slot == self.requested


def understand_city(knowledge: Knowledge, turn: Turn, current: SlotValue) -> SlotValue:
    """The new value of the city slot, or None when the message names no (other) city."""
    if not turn.may_fill("city"):
        return None
    whole_answer = turn.requested == "city" and not turn.only_requested
    match = read_city(knowledge, turn.text, whole_answer)
    value = city_slot(match, knowledge) if match else None
    return value if value != current else None


def preset_city(knowledge: Knowledge, city_id: Any) -> SlotValue:
    """The city slot for a city the page presets (a city on record), or None."""
    city = knowledge.city(city_id) if isinstance(city_id, str) else None
    if city is None:
        return None
    return city_slot(CityMatch("exact", city.display_name, city.id, state=city.state), knowledge)


def understand_payment_date(
    knowledge: Knowledge,
    turn: Turn,
    city_value: SlotValue,
    default_zone: str,
    today: Optional[date] = None,
) -> SlotValue:
    """The payment date in the message, read in the city's terms (its incident period and zone)."""
    if not turn.may_fill("payment_date"):
        return None
    match = city_from_slot(city_value)
    city = knowledge.city(match.city_id) if match and match.found else None
    reference = reference_for(city, today, default_zone)
    when = read_date(
        turn.text, reference, city.period if city else None, turn.requested == "payment_date"
    )
    if isinstance(when, DateSpan) and when.start > reference:
        return None  # a payment is never made in the future: "next Friday" is asked again
    return date_slot(when) if when is not None else None


def understand_payment_method(turn: Turn, current: SlotValue) -> SlotValue:
    if not turn.may_fill("payment_method"):
        return None
    method = read_method(turn.text, method_from_slot(current))
    return method_slot(method) if method else None


def follow_city(knowledge: Knowledge, date_value: SlotValue, city_value: SlotValue) -> SlotValue:
    """The payment date after the city changed: a date given without a year moves into the new
    city's incident period; None when it stays as it was."""
    match = city_from_slot(city_value)
    city = knowledge.city(match.city_id) if match and match.found else None
    moved = date_for_city(date_from_slot(date_value), city)
    return date_slot(moved) if moved is not None and date_slot(moved) != date_value else None


def understand_turn(
    knowledge: Knowledge,
    turn: Turn,
    slots: Dict[str, Any],
    default_zone: str,
    today: Optional[date] = None,
) -> Dict[str, Any]:
    """Every slot this message changes: city, payment date (read, or moved with a new city) and
    payment method. The form's extract hooks do the same one slot at a time."""
    changed: Dict[str, Any] = {}
    city = understand_city(knowledge, turn, slots.get("city"))
    if city is not None:
        changed["city"] = city
    city_value = city or slots.get("city")
    when = understand_payment_date(knowledge, turn, city_value, default_zone, today)
    if when is not None:
        changed["payment_date"] = when
    elif city is not None:
        moved = follow_city(knowledge, slots.get("payment_date"), city)
        if moved is not None:
            changed["payment_date"] = moved
    method = understand_payment_method(turn, slots.get("payment_method"))
    if method is not None:
        changed["payment_method"] = method
    return changed
