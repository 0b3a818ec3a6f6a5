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
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.cities import (
    CityMatch,
    find_city_mention,
    find_city_mentions,
    resolve_city,
    split_qualifier,
)
from bot.date_es import MONTHS_ES, WEEKDAYS_ES, fold, read_spanish
from bot.dates import (
    DateAnswer,
    DateSpan,
    DateUnknown,
    Period,
    rehome,
    understand_date,
)
from bot.knowledge.base import Knowledge
from bot.knowledge.schema import CityRecord
from bot.language import looks_spanish
from bot.methods import Method, understand_method
from bot.reading import Choice, Read, Segment, choose, is_plain, segments
from bot.redaction import strip_markers

SlotValue = Optional[Dict[str, Any]]
# Message metadata a channel sets when the page already says which city (the widget's data-city).
PRESET_CITY = "preset_city"
# Message metadata a channel sets when it knows the resident's language ("en" or "es")
LANGUAGE = "language"

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
# The same in Spanish: "era Tucson", "fue en Tucson", "la ciudad de Tucson", "vivo en Tucson",
# "perdón, Tucson"; "no sé", "ni idea"; a place after "en", "desde", "ciudad de"; Spanish words
# that are no place ("en Septiembre", "en Persona").
_DONT_KNOW_ES = re.compile(
    r"^(?:no\s+(?:lo\s+)?(?:se|sabe|sabemos)\b|no\s+(?:me\s+|se\s+)?(?:acuerdo|recuerdo|acuerda|"
    r"recuerda)\b|no\s+estoy\s+segur[oa]|ni\s+idea|quien\s+sabe|\?+$)"
)
_LEAD_ES = re.compile(
    r"^(?:era|es|fue(?:\s+(?:en|a|de|para))?|la\s+ciudad(?:\s+(?:es|era|fue|de))?|ciudad:?|"
    r"ciudad\s+de|municipio\s+de|condado\s+de|en\s+la\s+ciudad\s+de|a\s+la\s+ciudad\s+de|"
    r"de\s+la\s+ciudad\s+de|en|a|al|de|desde|para|vivo\s+en|viv[ií]a\s+en|pagu[eé](?:\s+(?:en|a))?|"
    r"pag[oó](?:\s+(?:en|a))?|no,?|perd[oó]n,?|disculpe,?|en\s+realidad,?|quise\s+decir|"
    r"quiero\s+decir|mejor\s+dicho,?|o\s+sea,?|s[ií],?)\s+",
    re.IGNORECASE,
)
_PLACE_AFTER_WORD_ES = re.compile(
    r"\b(?:en|desde|ciudad\s+de|municipio\s+de|vivo\s+en|viv[ií]a\s+en|pagu[eé]\s+(?:en|a)|"
    r"pag[oó]\s+(?:en|a))\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ.'-]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ.'-]+){0,2})"
)
_MOVED_TO_ES = re.compile(
    r"\b(?:me|nos)\s+mud(?:[eé]|amos)\b.{0,40}?\ba\s+"
    r"([A-ZÁÉÍÓÚÑ][a-záéíóúñ.'-]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ.'-]+){0,2})"
)
_NOT_PLACES_ES = frozenset(
    [*MONTHS_ES, *WEEKDAYS_ES]
    + "persona linea efectivo internet casa mi mis su sus tarjeta cheque correo telefono verano "
    "invierno primavera otono realidad cambio vez lugar".split()
)
# Words of a Spanish sentence that no place name holds ("quiero revisar un pago", "hola"): a whole
# answer with one of them is no place (Spanish place names are often typed in lower case).
_SENTENCE_WORDS_ES = re.compile(
    r"\b(?:quiero|quisiera|necesito|saber|revisar|consultar|pago|pagos|pague|pagar|pagamos|hola|"
    r"buenas|buenos|gracias|ayuda|afectado|afectada|afecto|tarjeta|factura|recibo|hackeo|datos|"
    r"fecha|puedo|puede|por\s+favor|donde|adonde|cuando|quien|como|llamo|llamar|hablar|"
    r"informacion|nada|correcto|exacto|claro|bueno|vale|okay|ok)\b"
)
# After a bare "en" a capitalised word is a shop as often as a place ("una compra en Amazon"):
# not when the message speaks of a purchase, nor for the shops and sites everyone names.
_PURCHASE_ES = re.compile(r"\b(?:compra|compras|compre|comprar|compramos|tienda|pedido)\b")
_SHOPS = frozenset(
    "amazon walmart target costco ebay paypal google apple facebook netflix uber heb h-e-b "
    "venmo zelle spotify".split()
)
# What a place name may look like when it is the whole answer: letters, spaces, . , ' - only.
_PLACE_NAME = re.compile(r"^[A-Za-z][A-Za-z .,'-]{0,47}$")
# A web or mail address, a file name: letters on both sides of a dot ("evil-example.com"); a
# place's dots follow an initial or an abbreviation ("St. Petersburg", "D.C.").
_ADDRESS_LIKE = re.compile(r"(?i)[a-z]{2,}\.[a-z]{2,}|\b(?:www|https?)\b|@")


def _is_place_mention(place: str, language: str = "en") -> bool:
    """A capitalised word after "in", "from"... that may be a place (so it may be repeated)."""
    first = place.split()[0].lower()
    if language == "es" and fold(first) in _NOT_PLACES_ES:
        return False
    return first not in _NOT_PLACES and not _ADDRESS_LIKE.search(place)


def _places_after_words(text: str, language: str) -> List[re.Match[str]]:
    found = list(_PLACE_AFTER_WORD.finditer(text))
    if language == "es":
        purchase = bool(_PURCHASE_ES.search(fold(text)))
        found += [
            match
            for match in _PLACE_AFTER_WORD_ES.finditer(text)
            if match.group(1).split()[0].lower() not in _SHOPS
            and not (purchase and re.match(r"en\b", match.group(0), re.IGNORECASE))
        ]
    return sorted(found, key=lambda m: m.start(1))


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


def _clean_place(text: str, language: str = "en") -> str:
    text = text.strip().strip(".!?")
    if language == "es":
        text = text.strip("¿¡").strip(".!?")
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text).strip()
        if language == "es":
            text = _LEAD_ES.sub("", text).strip()
    return text


def _says_other_than_a_place(text: str, language: str) -> bool:
    """A Spanish answer that is a question, a way of paying, a date or "no sé" ("en linea",
    "no se", "septiembre"), read whole: its last word alone could pass for a place."""
    if language != "es":
        return False
    folded = fold(text).strip(" ¿¡.!?")
    return bool(
        re.search(r"[¿?]", text)  # a question ("¿se vio afectado mi pago?") names no place
        or _DONT_KNOW_ES.search(folded)
        or _SENTENCE_WORDS_ES.search(folded)
        or understand_method(text, "es").known
        or understand_date(text, date(2000, 1, 1), language="es") is not None
    )


def read_city(
    knowledge: Knowledge, text: str, whole_answer: bool, language: str = "en"
) -> Optional[CityMatch]:
    """A city named in the message: 'Springfield, IL' forms, any known city or alias, a capitalised
    place after 'in'/'from' ('en', 'desde' in Spanish), or — when `whole_answer` (the city was
    just asked for) — the whole short answer."""
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
    for match in _places_after_words(text, language):
        place = match.group(1).strip(".")
        if _is_place_mention(place, language):
            return resolve_city(place, names)
    if whole_answer and not _says_other_than_a_place(text, language):
        answer = _clean_place(text, language)
        if looks_like_a_place(answer, language):
            return resolve_city(answer, names)
    return None


# "moved from Tucson to Phoenix": the place moved to (a place after "to" only after moving).
_MOVED_TO = re.compile(
    r"\bmov(?:ed|ing)\b.{0,40}?\bto\s+([A-Z][a-z.'-]+(?:\s+[A-Z][a-z.'-]+){0,2})"
)


def _places_named(text: str, language: str = "en") -> List[str]:
    """The distinct capitalised places after 'in', 'from', 'live in'… (not on record), in order."""
    places: List[str] = []
    found = _places_after_words(text, language) + list(_MOVED_TO.finditer(text))
    if language == "es":
        found += list(_MOVED_TO_ES.finditer(text))
    for match in sorted(found, key=lambda m: m.start(1)):
        place = match.group(1).strip(".")
        if _is_place_mention(place, language) and place not in places:
            places.append(place)
    return places


def read_city_choice(
    knowledge: Knowledge, text: str, whole_answer: bool, language: str = "en"
) -> Read:
    """The city the message names, read segment by segment: a person's name ("my son Tyler") is
    not a city; where the resident lives or lived gives way to the city paid; a correction
    replaces; two cities left are a Choice."""
    raw, text = text, strip_markers(text)
    base = read_city(knowledge, text, whole_answer, language)
    names = knowledge.city_names()
    found: List[Tuple[Segment, CityMatch]] = []
    residence: List[bool] = []
    people = 0
    for part in segments(raw, language):
        for mention in find_city_mentions(part.text, names):
            if mention.person:
                people += 1
                continue
            found.append((part, mention.match))
            residence.append(mention.residence)
    if not found:
        if people and base is not None and base.found:
            return None
        places = _places_named(text, language)
        if len(places) > 1:  # "moved from Tucson to Phoenix": which one, never the first named
            return Choice(tuple(resolve_city(place, names) for place in places))
        return base
    if not all(residence):
        found = [pair for pair, lives in zip(found, residence, strict=True) if not lives]
    chosen = choose(found, lambda a, b: a.city_id == b.city_id, drop_actions=False)
    if isinstance(chosen, CityMatch) and base is not None and base.city_id == chosen.city_id:
        return base
    return chosen


def looks_like_a_place(answer: str, language: str = "en") -> bool:
    """A short answer that could be a place name: not markup, not a sentence about paying, not
    a date, not "I don't know" (so nothing else is ever taken as a city and repeated back)."""
    return bool(
        _PLACE_NAME.match(answer)
        and not _ADDRESS_LIKE.search(answer)
        and len(answer.split()) <= 5
        and not _DONT_KNOW.search(answer.lower())
        and not understand_method(answer).known
        and understand_date(answer, date(2000, 1, 1)) is None
        and not _says_other_than_a_place(answer, language)
    )


def reference_for(city: Optional[CityRecord], today: Optional[date], default_zone: str) -> date:
    """'Today' for relative dates: the given day, else today in the city's (or the default) zone."""
    return today or today_in(city.time_zone if city else default_zone)


def read_date(
    text: str,
    reference: date,
    period: Optional[Period],
    dont_know_counts: bool,
    language: str = "en",
) -> Optional[DateAnswer]:
    """The payment date in the message; "I don't remember" only when the date was asked for.
    language MONTH_FIRST_ES: Spanish with its numeric dates read month first (the other reading
    of "5/9/2019", see `_month_first_reading`)."""
    text = strip_markers(text)
    if language == MONTH_FIRST_ES:
        spanish = read_spanish(text)
        when = understand_date(spanish.month_first or spanish.text, reference, period)
    else:
        when = understand_date(text, reference, period, language)
    if isinstance(when, DateUnknown) and not dont_know_counts:
        return None
    return when


def _open_range(text: str, language: str) -> bool:
    """Whether the words make the date one end of a range ("since June", "antes del 3 de
    septiembre"): Spanish is looked at in the grammar's words ("antes del" -> "before")."""
    if language in ("es", MONTH_FIRST_ES):
        text = read_spanish(strip_markers(text)).text
    return bool(_OPEN_RANGE_RE.search(text))


# "since June", "before the 5th", "until October": one end of a range, not the day paid.
_OPEN_RANGE_RE = re.compile(
    r"(?<!day )(?<!days )(?<!week )(?<!weeks )(?<!month )(?<!months )(?<!right )(?<!just )"
    r"(?<!shortly )(?<!soon )(?<!fortnight )"
    r"\b(?:since|until|till|up\s+to|prior\s+to|before|after|no\s+later\s+than|by)\s+"
    r"(?!paying|i\b|we\b|she\b|he\b|they\b|calling|that\b|then\b|phone\b|mail\b|card\b|check\b|"
    r"cash\b|the\s+(?:city|phone|website|kiosk|counter)\b|my\b|credit\b|debit\b|e-?check\b|autopay\b)",
    re.IGNORECASE,
)
_UNCLEAR: Any = object()  # a sentinel: a date the words leave open (never equal to a reading)


def _segment_date(
    part: Segment,
    reference: date,
    period: Optional[Period],
    dont_know_counts: bool,
    language: str = "en",
) -> Optional[DateAnswer]:
    when = read_date(part.text, reference, period, dont_know_counts, language)
    if isinstance(when, DateSpan) and _open_range(part.text, language):
        return _UNCLEAR
    if when is None and part.alternative and re.search(r"\d", part.text):
        return _UNCLEAR  # "Sept 3 or 4": the other side is a date the reader cannot complete
    return when


_DAY_ALONE_RE = re.compile(
    r"^(?:the\s+|el\s+(?:d[ií]a\s+)?)?(\d{1,2}(?:st|nd|rd|th)?)(?!\d)(.*)$", re.IGNORECASE
)
_ENDS_WITH_DAY_RE = re.compile(r"(?:^|\s)(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?$", re.IGNORECASE)
_YEAR_WORD_RE = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_WORD_RE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)


def _complete_alternatives(parts: List[Segment]) -> List[Segment]:
    """'Sept 3 or 4', 'the 3rd or the 4th of September': a day alone on one side of 'or' takes
    the month (and year) said on the other side."""
    completed = [replace(p, text=re.sub(r"^either\s+", "", p.text, flags=re.I)) for p in parts]
    for i in range(len(completed) - 1):
        left, right = completed[i], completed[i + 1]
        if not (left.alternative and right.alternative):
            continue
        left_day, right_day = _ENDS_WITH_DAY_RE.search(left.text), _DAY_ALONE_RE.match(right.text)
        month = _MONTH_WORD_RE.search(left.text)
        if right_day and month and not _MONTH_WORD_RE.search(right.text):
            text = f"{month.group(0)} {right_day.group(1)}{right_day.group(2)}"
            completed[i + 1] = replace(right, text=text)
        elif left_day and right_day and not month:  # "the 5th or 6th of September 2019"
            completed[i] = replace(left, text=f"{left.text}{right_day.group(2)}")
        left, right = completed[i], completed[i + 1]
        year = _YEAR_WORD_RE.search(right.text)
        if year and _MONTH_WORD_RE.search(left.text) and not _YEAR_WORD_RE.search(left.text):
            completed[i] = replace(left, text=f"{left.text} {year.group(0)}")  # "Sept 3 or 4 2019"
    return completed


def read_date_choice(
    text: str,
    reference: date,
    period: Optional[Period],
    dont_know_counts: bool,
    language: str = "en",
) -> Read:
    """The payment date, read segment by segment (see bot/reading.py); None when the words
    leave it open ("since June", "the 3rd or 4th")."""
    cut_in = "es" if language == MONTH_FIRST_ES else language
    parts, text = segments(text, cut_in), strip_markers(text)
    if is_plain(parts):
        when = read_date(text, reference, period, dont_know_counts, language)
        if isinstance(when, DateSpan) and _open_range(text, language):
            return None
        return when
    parts = _complete_alternatives(parts)
    found = [
        (part, _segment_date(part, reference, period, dont_know_counts, language)) for part in parts
    ]
    values = [(part, when) for part, when in found if when is not None]
    if any(isinstance(when, DateSpan) for _, when in values):
        values = [(p, w) for p, w in values if isinstance(w, DateSpan) or w is _UNCLEAR]
    chosen = choose(values, lambda a, b: a == b)
    if chosen is _UNCLEAR:
        return None
    if isinstance(chosen, Choice) and any(option is _UNCLEAR for option in chosen.options):
        return None
    return chosen


def date_for_city(when: Optional[DateAnswer], city: Optional[CityRecord]) -> Optional[DateAnswer]:
    """A date given without a year, moved into the city's incident period (city corrected later)."""
    if isinstance(when, DateSpan) and city is not None and city.period is not None:
        return rehome(when, city.period)
    return when


def read_method(text: str, before: Method, language: str = "en") -> Optional[Method]:
    """How the resident paid, merged with what they said before; None when the message says
    nothing about it (a service alone counts only as a detail of a method already given)."""
    method = understand_method(strip_markers(text), language)
    if method.known or (method.service and before.known):
        return method.merged_into(before)
    return None


def read_method_choice(text: str, before: Method, language: str = "en") -> Read:
    """How the resident paid, read segment by segment: a call made before paying, a payment the
    resident meant to make, a letter the city mailed do not count; a correction replaces; two
    ways left are a Choice (of methods merged with what was said before)."""
    parts, text = segments(text, language), strip_markers(text)
    if is_plain(parts):
        return read_method(text, before, language)
    read = [(part, understand_method(part.text, language)) for part in parts if not part.replaced]
    channel = choose([(p, m) for p, m in read if m.channel], lambda a, b: a.channel == b.channel)
    instrument = choose(
        [(p, m) for p, m in read if m.instrument], lambda a, b: a.instrument == b.instrument
    )
    service = next(
        (m.service for p, m in read if m.service and not p.negated and not p.hypothetical), None
    )
    if isinstance(channel, Choice) or isinstance(instrument, Choice):
        ways = channel.options if isinstance(channel, Choice) else instrument.options
        fixed = None if isinstance(instrument, Choice) else instrument
        options = tuple(
            _method_of(
                way if isinstance(channel, Choice) else channel, fixed or way, service
            ).merged_into(before)
            for way in ways
        )
        return Choice(options)
    method = _method_of(channel, instrument, service)
    if method.known or (method.service and before.known):
        return method.merged_into(before)
    return None


def _method_of(
    channel: Optional[Method], instrument: Optional[Method], service: Optional[Any]
) -> Method:
    return Method(
        channel.channel if channel else None,
        instrument.instrument if instrument else None,
        service,
        channel.autopay_assumed if channel else False,
    )


# ---------------------------------------------------------------- one turn of the form

SLOT_NAMES = ("city", "payment_date", "payment_method")
# A pending question (the `pending_choice` slot): {"slot": "city", "kind": "two" | "year",
# "options": [{"label": "Odessa, TX", "value": <slot value>}, ...]}.
PendingChoice = Dict[str, Any]


@dataclass(frozen=True)
class Turn:
    """A resident's message as the form reads it.

    requested: the slot the assistant just asked for. only_requested: the message looked
    off-topic to the classifier, so it counts only as an answer to that question ("Tucson").
    pending: the choice the assistant just offered for the requested slot, if any.
    """

    text: str
    requested: Optional[str] = None
    only_requested: bool = False
    pending: Optional[PendingChoice] = None
    language: str = "en"  # "es": Spanish dates (day first) and ways of paying are read too

    def may_fill(self, slot: str) -> bool:
        return not self.only_requested or slot == self.requested


@dataclass(frozen=True)
class TurnReading:
    """What one message changes: new slot values, and the choices to offer (one question each)."""

    changed: Dict[str, Any]
    choices: Dict[str, PendingChoice]
    declined: bool = False  # "neither" / "no" to the choice offered: ask the slot's question


def labelled(slot: str, kind: str, options: List[Tuple[str, Any]]) -> PendingChoice:
    return {
        "slot": slot,
        "kind": kind,
        "options": [{"label": label, "value": value} for label, value in options],
    }


def label_of(slot: str, value: Dict[str, Any]) -> str:
    from bot.wording.phrases import describe_date, describe_method  # wording builds on this module

    if slot == "city":
        return str(value["name"])
    if slot == "payment_date":
        return describe_date(date_from_slot(value)) or ""
    return describe_method(method_from_slot(value))


def _choice_of(slot: str, options: List[Dict[str, Any]]) -> PendingChoice:
    return labelled(slot, "two", [(label_of(slot, value), value) for value in options])


def understand_city(knowledge: Knowledge, turn: Turn, current: SlotValue) -> Read:
    """The new value of the city slot, a Choice, or None when the message names no (other) city."""
    if not turn.may_fill("city"):
        return None
    whole_answer = turn.requested == "city" and not turn.only_requested
    match = read_city_choice(knowledge, turn.text, whole_answer, reading_language(turn))
    if isinstance(match, Choice):
        return Choice(tuple(city_slot(m, knowledge) for m in match.options))
    value = city_slot(match, knowledge) if match else None
    return value if value != current else None


def preset_city(knowledge: Knowledge, city_id: Any) -> SlotValue:
    """The city slot for a city the page presets (a city on record), or None."""
    city = knowledge.city(city_id) if isinstance(city_id, str) else None
    if city is None:
        return None
    return city_slot(CityMatch("exact", city.display_name, city.id, state=city.state), knowledge)


def _city_record(knowledge: Knowledge, city_value: SlotValue) -> Optional[CityRecord]:
    match = city_from_slot(city_value)
    return knowledge.city(match.city_id) if match and match.found else None


def understand_payment_date(
    knowledge: Knowledge,
    turn: Turn,
    city_value: SlotValue,
    default_zone: str,
    today: Optional[date] = None,
) -> Read:
    """The payment date in the message, read in the city's terms (its incident period and zone)."""
    if not turn.may_fill("payment_date"):
        return None
    city = _city_record(knowledge, city_value)
    reference = reference_for(city, today, default_zone)
    period = city.period if city else None
    language = reading_language(turn)
    when = read_date_choice(
        turn.text, reference, period, turn.requested == "payment_date", language
    )
    if isinstance(when, Choice):
        past = [w for w in when.options if not (isinstance(w, DateSpan) and w.start > reference)]
        if len(past) == 1:
            when = past[0]
        elif not past:
            return None
        else:
            return Choice(tuple(date_slot(w) for w in past))
    if isinstance(when, DateSpan) and when.start > reference:
        return None  # a payment is never made in the future: "next Friday" is asked again
    if when is None:
        return None
    value = date_slot(when)
    other = _month_first_reading(turn, when, reference, period)
    return {**value, MONTH_FIRST: date_slot(other)} if other is not None else value


def reading_language(turn: Turn) -> str:
    """The language a message is read in: the conversation's, or Spanish for a message that
    plainly is (bot/language.py) where the channel does not say."""
    return "es" if turn.language == "es" or looks_spanish(turn.text) else "en"


MONTH_FIRST = "month_first"  # a Spanish numeric date read month first too ("5/9/2019")
MONTH_FIRST_ES = "es-month-first"  # the reading language of that other reading


def _month_first_reading(
    turn: Turn, when: DateAnswer, reference: date, period: Optional[Period]
) -> Optional[DateSpan]:
    """The other reading of a Spanish numeric date taken day first, when it is a real (past) date
    too: kept beside the slot's value, so the check asks where the two answer differently. The
    whole message is read again month first, as it was read (cut into the same Spanish parts,
    each part's numbers month first)."""
    if reading_language(turn) != "es" or not isinstance(when, DateSpan):
        return None
    if read_spanish(strip_markers(turn.text)).month_first is None:
        return None
    other = read_date_choice(turn.text, reference, period, False, MONTH_FIRST_ES)
    if not isinstance(other, DateSpan) or other == when or other.start > reference:
        return None
    return other


def understand_payment_method(turn: Turn, current: SlotValue) -> Read:
    if not turn.may_fill("payment_method"):
        return None
    method = read_method_choice(turn.text, method_from_slot(current), reading_language(turn))
    if isinstance(method, Choice):
        return Choice(tuple(method_slot(m) for m in method.options))
    return method_slot(method) if method else None


def follow_city(knowledge: Knowledge, date_value: SlotValue, city_value: SlotValue) -> SlotValue:
    """The payment date after the city changed: a date given without a year moves into the new
    city's incident period; None when it stays as it was."""
    city = _city_record(knowledge, city_value)
    moved = date_for_city(date_from_slot(date_value), city)
    return date_slot(moved) if moved is not None and date_slot(moved) != date_value else None


def in_year(value: Dict[str, Any], year: int) -> Optional[Dict[str, Any]]:
    """The date slot moved so that it ends in `year`, as a date whose year is now known."""
    start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
    shift = year - end.year
    try:
        moved = (start.replace(year=start.year + shift), end.replace(year=year))
    except ValueError:
        return None  # February 29 in a year without one
    return {**value, "start": moved[0].isoformat(), "end": moved[1].isoformat(), "year_given": True}


# ---------------------------------------------------------------- answering a choice

# In English and in Spanish (the reply is folded: "sí" -> "si"); Spanish words never occur in an
# English reply.
_YES_RE = re.compile(
    r"^(?:yes|yeah|yep|yup|ya|correct|right|that'?s right|that one|sure|y|"
    r"si|correcto|exacto|asi es|esa|ese|eso|claro)\b"
)
_NONE_RE = re.compile(
    r"^(?:no\b|nope|neither|none|not (?:those|either|that)|another|a different|other|"
    r"ninguna|ninguno|ni una ni otra|ni uno ni otro|ni esa ni|ni ese ni|otra\b|otro\b|"
    r"una diferente|uno diferente|una distinta|uno distinto)"
)
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}
_ORDINALS_ES = {
    "primera": 0,
    "primero": 0,
    "primer": 0,
    "1a": 0,
    "1o": 0,
    "segunda": 1,
    "segundo": 1,
    "2a": 1,
    "2o": 1,
    "tercera": 2,
    "tercero": 2,
    "3a": 2,
    "3o": 2,
    "ultima": -1,
    "ultimo": -1,
}


def _plain_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", fold(text)).split())


def answer_to_choice(text: str, pending: PendingChoice) -> Tuple[Optional[Dict[str, Any]], bool]:
    """The option a reply picks ("2", "the first one", "Odessa", "2019", "yes" to the option the
    assistant took), and whether the reply turns them all down ("neither")."""
    options = pending.get("options") or []
    words = _plain_words(strip_markers(text))
    if not options or not words:
        return None, False
    if words.isdigit() and 1 <= int(words) <= len(options):
        return options[int(words) - 1]["value"], False
    for word, index in _ORDINALS.items():
        if re.match(rf"^(?:the )?{word}\b", words):
            return options[index]["value"], False
    for word, index in _ORDINALS_ES.items():  # "la primera", "la segunda opción" (alone: not
        # "el primero de mayo")
        whole = rf"^(?:(?:la|el|lo) )?{word}(?: (?:opcion|una|uno|fecha|ciudad|forma|de las dos))?$"
        if re.match(whole, words) and index < len(options):
            return options[index]["value"], False
    labels = [_plain_words(option["label"]) for option in options]
    exact = [o for o, label in zip(options, labels, strict=True) if label == words]
    if exact:
        return exact[0]["value"], False
    inside = [
        o
        for o, label in zip(options, labels, strict=True)
        if re.search(rf"\b{re.escape(words)}\b", label)
    ]
    if len(inside) == 1:
        return inside[0]["value"], False
    if pending.get("kind") == "year" and re.fullmatch(r"(?:in )?(?:19|20)\d\d", words):
        moved = in_year(options[0]["value"], int(words[-4:]))
        if moved is not None:
            return moved, False
    if pending.get("kind") == "year" and _YES_RE.match(words):
        return options[0]["value"], False
    if _NONE_RE.match(words):
        return None, True
    return None, False


def _same_value(slot: str, a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    if slot == "city":
        return a.get("id") == b.get("id") and a.get("name") == b.get("name")
    if slot == "payment_date":
        return (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))
    return (a.get("channel"), a.get("instrument")) == (b.get("channel"), b.get("instrument"))


# ---------------------------------------------------------------- the whole turn


def read_turn(
    knowledge: Knowledge,
    turn: Turn,
    slots: Dict[str, Any],
    default_zone: str,
    today: Optional[date] = None,
) -> TurnReading:
    """Every slot this message changes — city, payment date (read, or moved with a new city),
    payment method — and the questions it leaves (two values for one slot; a year that decides
    the answer). A reply to a pending choice picks one of its options."""
    pending = turn.pending if turn.pending and turn.pending.get("slot") == turn.requested else None
    if pending is not None:
        picked, declined = answer_to_choice(turn.text, pending)
        if picked is not None:
            return TurnReading({pending["slot"]: picked}, {})
        if declined:
            return TurnReading({}, {}, declined=True)
    changed: Dict[str, Any] = {}
    choices: Dict[str, PendingChoice] = {}

    def take(slot: str, value: Read) -> None:
        if isinstance(value, Choice):
            options = [v for v in value.options if v is not None]
            if pending is not None and pending["slot"] == slot:
                offered = [o["value"] for o in pending["options"]]
                options = [
                    v for v in options if any(_same_value(slot, v, o) for o in offered)
                ] or options
            if len(options) == 1:
                changed[slot] = options[0]
            else:
                choices[slot] = _choice_of(slot, options)
        elif value is not None:
            changed[slot] = value

    take("city", understand_city(knowledge, turn, slots.get("city")))
    city_value = changed.get("city") or (None if "city" in choices else slots.get("city"))
    take(
        "payment_date",
        understand_payment_date(knowledge, turn, city_value, default_zone, today),
    )
    if "payment_date" not in changed and "payment_date" not in choices and "city" in changed:
        moved = follow_city(knowledge, slots.get("payment_date"), changed["city"])
        if moved is not None:
            changed["payment_date"] = moved
    take("payment_method", understand_payment_method(turn, slots.get("payment_method")))
    return TurnReading(changed, choices)


def understand_turn(
    knowledge: Knowledge,
    turn: Turn,
    slots: Dict[str, Any],
    default_zone: str,
    today: Optional[date] = None,
) -> Dict[str, Any]:
    """Every slot this message changes (the values `read_turn` settles, without its questions)."""
    return read_turn(knowledge, turn, slots, default_zone, today).changed
