"""A resident's message read the way redaction needs it, with a map back to what was typed.

Secrets hide in forms a pattern on the raw text misses: digits spelled out ("four one one one",
"cuatro uno uno uno"), invisible characters or soft hyphens between digits, en and em dashes or
a minus sign, full-width digits. `normalize` writes a plain copy (ASCII digits, one kind of
dash, no invisible characters, number words as digits) and remembers, for every character of
the copy, which characters of the original it came from, so that a secret found in the copy is
removed from the original, whole, and nothing else is touched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import List, Tuple

from bot.date_es import SPANISH_DIGITS

# Characters that show nothing: zero-width spaces and joiners, word joiner, soft hyphen, BOM ...
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\ufeff"
)
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d")

# A digit said as a word, in English ("oh" as in "four oh one") and Spanish.
ENGLISH_DIGITS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
DIGIT_WORDS = {**ENGLISH_DIGITS, **SPANISH_DIGITS}
REPEATS = {"double": 2, "triple": 3, "doble": 2}
_WORD = "|".join(sorted(DIGIT_WORDS, key=len, reverse=True))
_ITEM = rf"(?:(?:double|triple|doble)[\s-]+)?(?:{_WORD})\b|\d+"
_GLUE = r"[\s,.\-/]{1,4}"
# Two or more items (digit words or digit groups) in a row, one of them at least a word.
_RUN = re.compile(rf"(?i)\b(?:{_ITEM})(?:{_GLUE}(?:{_ITEM}))+")
_ONE_ITEM = re.compile(rf"(?i)(?:(?P<times>double|triple|doble)[\s-]+)?(?P<word>{_WORD})\b")


@dataclass(frozen=True)
class Normalized:
    """The plain copy and, for each of its characters, the span of the original it stands for."""

    original: str
    text: str
    starts: Tuple[int, ...]
    ends: Tuple[int, ...]

    def span(self, start: int, end: int) -> Tuple[int, int]:
        """The span of the original that the copy's [start, end) came from."""
        if start >= end:
            return (self.starts[start] if start < len(self.starts) else len(self.original),) * 2
        return self.starts[start], self.ends[end - 1]


def _digit_follows(text: str, i: int) -> bool:
    """Whether the next visible character after position i is a digit."""
    for char in text[i + 1 :]:
        if char not in INVISIBLE:
            return char.isdigit()
    return False


def _characters(text: str) -> Tuple[str, List[int], List[int]]:
    out: List[str] = []
    starts: List[int] = []
    ends: List[int] = []
    for i, char in enumerate(text):
        if char in INVISIBLE:
            if out and out[-1] == " " and starts[-1] == i - 1 and text[i - 1] in INVISIBLE:
                continue
            if not (out and out[-1].isdigit() and _digit_follows(text, i)):
                continue
            char = " "  # between digits, something deliberate: a separator (still not shown)
        if char in DASHES or unicodedata.category(char) == "Pd":
            char = "-"
        elif char.isdigit() and not char.isascii():
            value = unicodedata.decimal(char, None)
            char = str(value) if value is not None else char
        elif unicodedata.category(char) == "Zs":
            char = " "
        out.append(char)
        starts.append(i)
        ends.append(i + 1)
    return "".join(out), starts, ends


def _spoken_digits(run: str) -> List[Tuple[int, int, str]]:
    """(start, end, digits) for each digit word in a run ("double four" -> "44"); a word that
    follows another word starts where the glue between them starts, so "seven three one" reads
    as "731", not "7 3 1"."""
    found: List[Tuple[int, int, str]] = []
    for match in _ONE_ITEM.finditer(run):
        digit = DIGIT_WORDS[match.group("word").lower()]
        times = REPEATS.get((match.group("times") or "").lower(), 1)
        start = match.start()
        if found and re.fullmatch(_GLUE, run[found[-1][1] : start]):
            start = found[-1][1]
        found.append((start, match.end(), digit * times))
    return found


def normalize(text: str) -> Normalized:
    """The plain copy of a message, and its map back to the original."""
    plain, starts, ends = _characters(text)
    out: List[str] = []
    new_starts: List[int] = []
    new_ends: List[int] = []
    last = 0
    for run in _RUN.finditer(plain):
        for start, end, digits in _spoken_digits(run.group(0)):
            a, b = run.start() + start, run.start() + end
            out.append(plain[last:a])
            new_starts.extend(starts[last:a])
            new_ends.extend(ends[last:a])
            out.append(digits)
            new_starts.extend([starts[a]] * len(digits))
            new_ends.extend([ends[b - 1]] * len(digits))
            last = b
    out.append(plain[last:])
    new_starts.extend(starts[last:])
    new_ends.extend(ends[last:])
    return Normalized(text, "".join(out), tuple(new_starts), tuple(new_ends))
