"""Date text made regular before the grammar reads it: lower case, no noise punctuation, and
number words as digits ("the twenty-first of March two thousand nineteen" -> "the 21st of march
2019"). A part of the date grammar kept apart from bot/dates.py."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.cities import PERSON_BEFORE

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30}
_NUMBER_WORDS = (
    list(_UNITS)
    + list(_TENS)
    + list(_ORDINAL_UNITS)
    + list(_ORDINAL_TENS)
    + ["thousand", "hundred", "oh"]
)
_NUMBER_WORD = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_NUMBER_RUN_RE = re.compile(rf"\b{_NUMBER_WORD}(?:\s+(?:and\s+)?{_NUMBER_WORD})*\b")
_TENS_HYPHEN_RE = re.compile(r"\b(" + "|".join(_TENS) + r")-(?=[a-z])")


def _ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _read_small_number(words: List[str], i: int) -> Optional[Tuple[int, bool, int]]:
    """Read 0-99 at words[i]: (value, is_ordinal, words used) or None."""
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    if word in _TENS:
        if following in _UNITS and 0 < _UNITS[following] < 10:
            return _TENS[word] + _UNITS[following], False, 2
        if following in _ORDINAL_UNITS and _ORDINAL_UNITS[following] < 10:
            return _TENS[word] + _ORDINAL_UNITS[following], True, 2
        return _TENS[word], False, 1
    if word in _ORDINAL_TENS:
        return _ORDINAL_TENS[word], True, 1
    if word in _UNITS:
        return _UNITS[word], False, 1
    if word in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[word], True, 1
    return None


def _read_year_words(words: List[str], i: int) -> Optional[Tuple[int, int]]:
    """Read a spelled year at words[i]: (year, words used) or None.

    Handles 'two thousand [and] eighteen', 'nineteen seventy eight',
    'nineteen zero one', 'twenty nineteen'.
    """
    word = words[i]
    rest = words[i + 1 :]
    if word == "two" and rest[:1] == ["thousand"]:
        used = 2
        if rest[1:2] == ["and"]:
            used += 1
        tail = _read_small_number(words, i + used) if i + used < len(words) else None
        if tail and not tail[1]:
            return 2000 + tail[0], used + tail[2]
        return 2000, 2
    century = _UNITS.get(word) if word in _UNITS else _TENS.get(word)
    if century is None or not 10 <= century <= 20 or not rest:
        return None
    if rest[0] in ("zero", "oh") and len(rest) > 1 and rest[1] in _UNITS and _UNITS[rest[1]] < 10:
        return century * 100 + _UNITS[rest[1]], 3
    if rest[0] == "hundred":
        return century * 100, 2
    tail = _read_small_number(words, i + 1)
    if tail and not tail[1] and tail[0] >= 10:
        return century * 100 + tail[0], 1 + tail[2]
    return None


def _convert_number_run(run: str) -> str:
    """Turn a run of number words into digits ('twenty first' -> '21st')."""
    words = run.split()
    out: List[str] = []
    i = 0
    while i < len(words):
        year = _read_year_words(words, i)
        if year:
            out.append(str(year[0]))
            i += year[1]
            continue
        number = _read_small_number(words, i)
        if number:
            value, is_ordinal, used = number
            out.append(f"{value}{_ordinal_suffix(value)}" if is_ordinal else str(value))
            i += used
            continue
        out.append(words[i])
        i += 1
    return " ".join(out)


# Words that look like a part of a date but are not one (Duckling's negative corpus, as rewrites
# applied before the grammar reads the text): the modal "may", "sat" the verb, "the sun", "fall
# behind". Each says what it is instead, so the grammar never sees a month or weekday there.
_PRONOUNS = r"i|you|we|they|he|she|it|that|this|which|who|there|what|one|someone|somebody"
_KIN = "|".join(sorted(PERSON_BEFORE))
LOOK_ALIKES: Tuple[Tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), plain)
    for pattern, plain in (
        (
            r"\bmay (have|be|not|also|still|well|need|want|help|ask|get|pay|check|call|take)\b",
            r"might \1",
        ),
        (rf"\b({_PRONOUNS}) may\b", r"\1 might"),
        (r"^may (i|we)\b", r"might \1"),
        (
            r"\bsat (down|on|in|at|there|with|for|around|through|up|and|by|outside|inside|next|waiting)\b",
            r"sitting \1",
        ),
        (rf"\b({_PRONOUNS}|just|had|have|has|was) sat\b", r"\1 sitting"),
        (r"\b(the|in the|out in the) sun\b", r"\1 daylight"),
        (r"\bmarched\b", "walked"),
        (r"\bmarch (down|over|into|straight)\b", r"walk \1"),
        (
            r"\bfall (behind|for|through|into|off|apart|victim|prey|under|asleep|short)\b",
            r"slip \1",
        ),
        (r"\b(got|get|getting) wed\b", r"\1 married"),
        # a person named like a month: "my daughter June", "April said"
        (rf"\b({_KIN}) (?:april|may|june|jan|august)\b", r"\1 someone"),
        (
            r"\b(?:april|may|june|jan|august) (said|says|told|tells|asked|asks|helped|thinks)\b",
            r"someone \1",
        ),
        # "on a Sunday", "every Monday": no day named
        (
            r"\b(?:on\s+)?(?:a|every|any|some|each)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
            "one unnamed weekday",
        ),
    )
)


def normalise(text: str) -> str:
    """Lower-case, remove noise punctuation and turn number words into digits."""
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"[|*_~\"“”()\[\]{}<>!?;:]", " ", text)
    for look_alike, plain in LOOK_ALIKES:
        text = look_alike.sub(plain, text)
    text = _TENS_HYPHEN_RE.sub(r"\1 ", text)
    text = _NUMBER_RUN_RE.sub(lambda match: _convert_number_run(match.group(0)), text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .,")


# Month names as residents write them, shared by every part of the date grammar.
MONTH_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_PREFIXES = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def month_number(name: str) -> int:
    """1-12 for a month name matched by MONTH_WORDS ('sept' -> 9)."""
    return _MONTH_PREFIXES.index(name[:3].lower()) + 1


def quantity(text: str) -> int:
    """A count as said: '3' -> 3, 'a couple of' -> 2, 'a few' or 'several' -> 3, 'a' -> 1."""
    if text.isdigit():
        return int(text)
    if "few" in text or "several" in text:
        return 3
    if "couple" in text:
        return 2
    return 1
