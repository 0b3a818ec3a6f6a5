"""Resolving what a resident calls their city to a city in the knowledge base."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Tuple

US_STATES: Dict[str, str] = {
    "AL": "alabama",
    "AK": "alaska",
    "AZ": "arizona",
    "AR": "arkansas",
    "CA": "california",
    "CO": "colorado",
    "CT": "connecticut",
    "DE": "delaware",
    "FL": "florida",
    "GA": "georgia",
    "HI": "hawaii",
    "ID": "idaho",
    "IL": "illinois",
    "IN": "indiana",
    "IA": "iowa",
    "KS": "kansas",
    "KY": "kentucky",
    "LA": "louisiana",
    "ME": "maine",
    "MD": "maryland",
    "MA": "massachusetts",
    "MI": "michigan",
    "MN": "minnesota",
    "MS": "mississippi",
    "MO": "missouri",
    "MT": "montana",
    "NE": "nebraska",
    "NV": "nevada",
    "NH": "new hampshire",
    "NJ": "new jersey",
    "NM": "new mexico",
    "NY": "new york",
    "NC": "north carolina",
    "ND": "north dakota",
    "OH": "ohio",
    "OK": "oklahoma",
    "OR": "oregon",
    "PA": "pennsylvania",
    "RI": "rhode island",
    "SC": "south carolina",
    "SD": "south dakota",
    "TN": "tennessee",
    "TX": "texas",
    "UT": "utah",
    "VT": "vermont",
    "VA": "virginia",
    "WA": "washington",
    "WV": "west virginia",
    "WI": "wisconsin",
    "WY": "wyoming",
    "DC": "district of columbia",
}
STATE_BY_WORDS = {name: code for code, name in US_STATES.items()}
STATE_ABBREVIATIONS = {
    "okla": "OK",
    "tex": "TX",
    "calif": "CA",
    "cal": "CA",
    "fla": "FL",
    "ariz": "AZ",
    "wis": "WI",
    "wisc": "WI",
}
COUNTRIES = (
    "russia",
    "russian federation",
    "ukraine",
    "canada",
    "mexico",
    "england",
    "uk",
    "united kingdom",
    "scotland",
    "ireland",
    "australia",
    "germany",
    "france",
)
_US = ("usa", "us", "united states", "united states of america", "america")
_FILLER = re.compile(r"^(the )?(city|town|village) of ")
_MIN_FUZZY = 0.84


@lru_cache(maxsize=4096)
def normalise_name(text: str) -> str:
    """Lower-case, drop punctuation, 'Saint'/'St.' -> 'st', collapse spaces (cached: the same
    names of the knowledge base are normalised for every message)."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[’'`.]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"\bsaint\b", "st", text)
    text = re.sub(r"\bft\b", "fort", text)
    return _FILLER.sub("", text).strip()


@dataclass(frozen=True)
class CityName:
    """One name or alias of a city in the knowledge base."""

    city_id: str
    name: str
    state: str


@dataclass(frozen=True)
class CityMatch:
    """How a resident's words matched a city.

    kind: 'exact' or 'fuzzy' (a known city); 'other_place' (a known city name, but the resident
    named another state or country); 'unknown' (no city on record).
    """

    kind: str
    query: str
    city_id: Optional[str] = None
    place: Optional[str] = None
    state: Optional[str] = None

    @property
    def found(self) -> bool:
        return self.kind in ("exact", "fuzzy")


def split_qualifier(text: str) -> Tuple[str, Optional[str], Optional[str]]:
    """Split 'Odessa, TX' / 'odessa texas' / 'St. Petersburg, Russia' into (city, state, other place)."""
    raw = text.strip()
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) >= 2:
        city_part, qualifier = ", ".join(parts[:-1]), normalise_name(parts[-1])
        state, other = _classify_qualifier(qualifier)
        if state or other:
            return city_part, state, other
        return raw, None, None
    words = normalise_name(raw).split()
    last_typed = raw.split()[-1].strip(".") if raw.split() else ""
    for size in (4, 3, 2, 1):
        if len(words) <= size:
            continue
        tail = " ".join(words[-size:])
        if size == 1 and len(tail) == 2 and last_typed != last_typed.upper():
            continue  # 'ok' or 'in' typed in lower case is a word, not a state code
        state, other = _classify_qualifier(tail)
        if state or other:
            return " ".join(words[:-size]), state, other
    return raw, None, None


def _classify_qualifier(qualifier: str) -> Tuple[Optional[str], Optional[str]]:
    if qualifier in _US:
        return None, None
    if qualifier.upper() in US_STATES:
        return qualifier.upper(), None
    if qualifier in STATE_BY_WORDS:
        return STATE_BY_WORDS[qualifier], None
    if qualifier in STATE_ABBREVIATIONS:
        return STATE_ABBREVIATIONS[qualifier], None
    if qualifier in COUNTRIES:
        return None, qualifier.title()
    return None, None


def resolve_city(text: str, names: Iterable[CityName]) -> CityMatch:
    """Match a resident's city words to a known city: aliases, case, punctuation, state, misspellings."""
    names = list(names)
    query = " ".join(text.split())
    city_part, state, other = split_qualifier(query)
    wanted = normalise_name(city_part)
    if not wanted:
        return CityMatch("unknown", query)
    by_name: Dict[str, List[CityName]] = {}
    for entry in names:
        by_name.setdefault(normalise_name(entry.name), []).append(entry)

    kind = "exact"
    candidates = by_name.get(wanted, [])
    if not candidates:
        close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=_MIN_FUZZY)
        if close:
            candidates, kind = by_name[close[0]], "fuzzy"
    if not candidates:
        return CityMatch("unknown", query, state=state, place=other)

    if other:
        return CityMatch("other_place", query, candidates[0].city_id, place=other)
    if state:
        in_state = [c for c in candidates if c.state == state]
        if not in_state:
            return CityMatch("other_place", query, candidates[0].city_id, state=state)
        candidates = in_state
    return CityMatch(kind, query, candidates[0].city_id, state=candidates[0].state)


def find_city_mention(text: str, names: Iterable[CityName]) -> Optional[CityMatch]:
    """Find a known city named anywhere in a sentence ('I paid my Odessa water bill'), exact names only."""
    words = normalise_name(text).split()
    entries = {normalise_name(e.name): e for e in names}
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            entry = entries.get(phrase)
            if entry and (size > 1 or len(phrase) >= 3):
                return CityMatch("exact", phrase, entry.city_id, state=entry.state)
    return None


# Words before or after a name that make it a person's name, not a place ("my son Tyler", "Norman
# said"): a city does not speak, and a relative is not a place.
# (bot/date_words.py reads the same table for people named like a month: "my daughter June".)
PERSON_BEFORE = frozenset(
    "son daughter wife husband friend neighbor neighbour brother sister mom mother dad father "
    "boss coworker roommate uncle aunt cousin grandson granddaughter grandma grandmother grandpa "
    "partner boyfriend girlfriend named mr mrs ms miss dr landlord tenant nephew niece kid "
    "child".split()
)
_PERSON_AFTER = frozenset(
    "said says told tells asked asks thinks thought helped helps wants wanted".split()
)
_RESIDENCE_BEFORE = (
    "live in",
    "lived in",
    "living in",
    "lives in",
    "moved from",
    "moved to",
    "moved here from",
    "came from",
    "originally from",
    "grew up in",
    "born in",
    "used to live in",
    "visiting",
    "visited",
    "im from",
    "am from",
    "are from",
    "were from",
    "moving to",
    "moving from",
    "relocated from",
    "relocated to",
)


# "moved from Odessa to Tyler": both places are where the resident lived, not the bill paid.
_MOVING_WORDS = frozenset("moved moving relocated move".split())


@dataclass(frozen=True)
class Mention:
    """A known city named in a sentence, with what the words around it make of it."""

    match: CityMatch
    person: bool  # "my son Tyler": a person's name
    residence: bool  # "I live in Odessa", "moved from Tyler": where the resident lives or lived


def find_city_mentions(text: str, names: Iterable[CityName]) -> List[Mention]:
    """Every known city named in the text (longest names first, no overlaps), in order."""
    words = normalise_name(text).split()
    entries = {normalise_name(e.name): e for e in names}
    taken = [False] * len(words)
    found: List[Tuple[int, Mention]] = []
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            if any(taken[i : i + size]):
                continue
            phrase = " ".join(words[i : i + size])
            entry = entries.get(phrase)
            if entry is None or (size == 1 and len(phrase) < 3):
                continue
            taken[i : i + size] = [True] * size
            before = " ".join(words[max(0, i - 4) : i])
            after = words[i + size] if i + size < len(words) else ""
            person = (i > 0 and words[i - 1] in PERSON_BEFORE) or (
                after in _PERSON_AFTER and size == 1
            )
            residence = any(before.endswith(cue) for cue in _RESIDENCE_BEFORE) or bool(
                _MOVING_WORDS & set(words[max(0, i - 5) : i])
            )
            match = CityMatch("exact", phrase, entry.city_id, state=entry.state)
            found.append((i, Mention(match, person, residence)))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]
