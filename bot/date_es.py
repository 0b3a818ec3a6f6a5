"""Payment dates said in Spanish, read by the same grammar as English (bot/dates.py).

Spanish gets no grammar of its own: each rule below rewrites one Spanish way of saying a part of
a date into the English words the grammar already composes ("a mediados de" -> "mid",
"hace dos semanas" -> "2 weeks ago", "el 3 de septiembre de 2019" -> "september 3 2019"), so
every composition English has (a part of a period, an offset, an interval, a season, "around")
works in Spanish too. The rules are tried in order on the lower-cased text without accents.

Numeric dates are day first in Spanish: "5/9/2019" is the 5th of September. When the other
reading is a real date too (both numbers 12 or less and different), `read_spanish` also gives
that reading, so the check can ask which was meant where the two give different verdicts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple, Union

MONTHS_ES = {
    "enero": "january",
    "febrero": "february",
    "marzo": "march",
    "abril": "april",
    "mayo": "may",
    "junio": "june",
    "julio": "july",
    "agosto": "august",
    "septiembre": "september",
    "setiembre": "september",
    "sept": "september",
    "octubre": "october",
    "noviembre": "november",
    "diciembre": "december",
}
WEEKDAYS_ES = {
    "lunes": "monday",
    "martes": "tuesday",
    "miercoles": "wednesday",
    "jueves": "thursday",
    "viernes": "friday",
    "sabado": "saturday",
    "domingo": "sunday",
}
SEASONS_ES = {"primavera": "spring", "verano": "summer", "otono": "fall", "invierno": "winter"}
UNITS_ES = {
    "dia": "day",
    "dias": "days",
    "semana": "week",
    "semanas": "weeks",
    "mes": "month",
    "meses": "months",
    "ano": "year",
    "anos": "years",
    "quincena": "fortnight",
    "quincenas": "fortnights",
}
# A digit as a Spanish word (redaction reads them too: bot/secret_text.py)
SPANISH_DIGITS = {
    "cero": "0",
    "uno": "1",
    "una": "1",
    "dos": "2",
    "tres": "3",
    "cuatro": "4",
    "cinco": "5",
    "seis": "6",
    "siete": "7",
    "ocho": "8",
    "nueve": "9",
}
NUMBERS_ES = {
    **SPANISH_DIGITS,
    "un": "1",
    "diez": "10",
    "once": "11",
    "doce": "12",
    "trece": "13",
    "catorce": "14",
    "quince": "15",
    "veinte": "20",
    "treinta": "30",
    "primero": "1",
}
ORDINALS_ES = {
    "primera": "first",
    "primer": "first",
    "segunda": "second",
    "tercera": "third",
    "cuarta": "fourth",
    "ultima": "last",
}
ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
).split()

_MONTH = "(?:" + "|".join(sorted(MONTHS_ES, key=len, reverse=True)) + ")"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS_ES) + ")"
_SEASON = "(?:" + "|".join(SEASONS_ES) + ")"
_UNIT = "(?:" + "|".join(sorted(UNITS_ES, key=len, reverse=True)) + ")"
_NUMBER = "(?:" + "|".join(sorted(NUMBERS_ES, key=len, reverse=True)) + r"|\d{1,2})"
_YEAR = r"(?:19|20)\d\d"
_PAST = r"(?:pasad[oa]|anterior)"

Replacement = Union[str, Callable[["re.Match[str]"], str]]
_SIDE = {"antes": "before", "despues": "after"}
_RANGE_END = r"(?:finales|fines|principios|mediados|comienzos|inicios)\b"
# What follows "antes de", "desde", "hasta" when they name one end of a range of dates.
_DATE_AHEAD = (
    rf"(?=\s*(?:(?:el|la|los|las|este|esta) )?(?:dia )?(?:\d|{_MONTH}\b|{_SEASON}\b|{_WEEKDAY}\b|"
    rf"{_RANGE_END}|ayer\b|hoy\b|anteayer\b|fin de semana\b|semana\b|mes\b|ano\b|quincena\b))"
)


def _until(match: re.Match[str]) -> str:
    """ "hasta" closing a range ("desde junio hasta agosto", "del 1 hasta el 15") is "to"; alone
    ("hasta junio": until June) it makes the date one end of a range, as English "until"."""
    start = match.string[: match.start()]
    opened = re.search(
        rf"\b(?:from|between|del?) (?:(?:el|la) )?(?:\d|{_MONTH}|{_RANGE_END})", start
    )
    return "to" if opened else "until"


def fold(text: str) -> str:
    """Lower case without accents ("Miércoles" -> "miercoles", "año" -> "ano")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _word(table: dict) -> Callable[[re.Match[str]], str]:
    return lambda match: table[match.group(0)]


# (pattern, replacement), in order: what the resident is unsure of, fillers, then the words of
# a date from the largest phrase to the single word.
RULES: List[Tuple[str, Replacement]] = [
    # "I don't know" in its Spanish forms
    (
        r"\bno (?:me )?(?:acuerdo|recuerdo)\b.*|\bno se\b.*|\bno estoy segur[oa]\b.*|"
        r"\bni idea\b.*|\bquien sabe\b.*",
        "i don't remember",
    ),
    # fillers that carry no date: "creo que fue", "pienso que", "me parece que"
    (r"\b(?:creo|pienso|me parece|supongo) que(?: fue| era| lo hice| pague)?\b", " "),
    (r"\b(?:pague|hice el pago|hice mi pago|lo pague|fue)\b", " "),
    # around
    (r"\b(?:alrededor|cerca|por ahi|a eso) del?\b|\bmas o menos\b|\baproximadamente\b", "around"),
    (r"\bcomo (?=(?:el|la|a|hace|en)\b)", "around "),
    # a part of a period
    (r"\ba mediados del?\b|\bmediados del?\b|\ba la mitad del?\b", "mid"),
    (
        r"\b(?:a|al) (?:principios|comienzos|inicios|principio|comienzo|inicio) del?\b"
        r"|\b(?:principios|comienzos|inicios) del?\b",
        "early",
    ),
    (r"\b(?:a|al) (?:finales|fines|final|fin) del?\b|\b(?:finales|fines) del?\b", "late"),
    # offsets: "hace dos semanas", "hace un par de meses", "hace unas semanas"
    (rf"\bhace un par de ({_UNIT})\b", lambda m: f"a couple of {UNITS_ES[m.group(1)]} ago"),
    (
        rf"\bhace (?:unos|unas|algunos|algunas|varios|varias) ({_UNIT})\b",
        lambda m: f"a few {UNITS_ES[m.group(1)]} ago",
    ),
    (
        rf"\bhace (como |unos |unas |aproximadamente )?({_NUMBER}) ({_UNIT})\b",
        lambda m: ("around " if m.group(1) else "")
        + f"{NUMBERS_ES.get(m.group(2), m.group(2))} {UNITS_ES[m.group(3)]} ago",
    ),
    # the day before yesterday, yesterday, today
    (r"\b(?:anteayer|antier|antes de ayer)\b", "the day before yesterday"),
    (r"\bayer\b", "yesterday"),
    (r"\bhoy\b", "today"),
    # a week or a half of a month: "la primera semana de", "la segunda quincena de"
    (
        rf"\b(?:la )?({'|'.join(ORDINALS_ES)}) (semana|quincena|mitad) del?\b",
        lambda m: f"the {ORDINALS_ES[m.group(1)]} "
        + ("week" if m.group(2) == "semana" else "half")
        + " of",
    ),
    # the weekend
    (rf"\b(?:el )?fin de semana {_PAST}\b", "last weekend"),
    (r"\bel fin de semana del? (?=\d)", "the weekend of "),
    (r"\b(?:este|el) fin de semana\b", "this weekend"),
    # last / this week, month, year, season, weekday
    (
        rf"\b(?:(?:el|la|los|las|del|de la) )?({_SEASON}|semana|mes|ano|{_WEEKDAY}) {_PAST}\b",
        lambda m: "last " + _english_of(m.group(1)),
    ),
    (
        rf"\b(?:este|esta) ({_SEASON}|semana|mes|ano|{_WEEKDAY})\b",
        lambda m: "this " + _english_of(m.group(1)),
    ),
    # intervals: "del 1 al 15 de junio", "entre junio y agosto", "desde ... hasta", "de ... a"
    (
        rf"\bdel? (\d{{1,2}}) al? (\d{{1,2}}) de ({_MONTH})\b",
        lambda m: f"from {MONTHS_ES[m.group(3)]} {m.group(1)} to {MONTHS_ES[m.group(3)]} "
        f"{m.group(2)}",
    ),
    (r"\bentre\b", "between"),
    # one end of a range, said as English says it ("since June", "before the 5th"), so that the
    # reading asks again as it does in English: "antes del 3 de septiembre" is no day paid.
    # Only before a date: "antes de pagar", "desde mi cuenta" are no range.
    (
        rf"\b(?:justo|inmediatamente) (antes|despues) del?\b{_DATE_AHEAD}",
        lambda m: f"right {_SIDE[m.group(1)]}",
    ),
    (rf"\bpoco (antes|despues) del?\b{_DATE_AHEAD}", lambda m: f"shortly {_SIDE[m.group(1)]}"),
    (
        rf"\b(?:un|una|el|la) ({_UNIT}) (antes|despues) del?\b{_DATE_AHEAD}",
        lambda m: f"the {UNITS_ES[m.group(1)]} {_SIDE[m.group(2)]}",
    ),
    (
        rf"\b({_NUMBER}) ({_UNIT}) (antes|despues) del?\b{_DATE_AHEAD}",
        lambda m: f"{NUMBERS_ES.get(m.group(1), m.group(1))} {UNITS_ES[m.group(2)]} "
        f"{_SIDE[m.group(3)]}",
    ),
    (rf"\b(antes|despues) del?\b{_DATE_AHEAD}", lambda m: _SIDE[m.group(1)]),
    (rf"\ba partir del?\b{_DATE_AHEAD}", "since"),
    (rf"\bno mas tarde del?\b{_DATE_AHEAD}", "no later than"),
    (
        rf"\b(?:del?|desde(?: el)?) (\d{{1,2}}) (?:al?|hasta(?: el)?) (\d{{1,2}}) de ({_MONTH})\b",
        lambda m: f"from {MONTHS_ES[m.group(3)]} {m.group(1)} to {MONTHS_ES[m.group(3)]} "
        f"{m.group(2)}",
    ),
    (rf"\bdesde ({_MONTH}) (?:a|hasta) ({_MONTH})\b", r"from \1 to \2"),
    (
        rf"\bdesde\b{_DATE_AHEAD}(?!.*\b(?:hasta|al?) (?:(?:el|la|los) )?(?:\d|{_MONTH}|{_RANGE_END}))",
        "since",
    ),
    (r"\bdesde\b", "from"),
    (rf"\bhasta\b{_DATE_AHEAD}", _until),
    (r"\bhasta\b", "to"),
    (rf"\bde ({_MONTH}) (?:a|hasta) ({_MONTH})\b", r"from \1 to \2"),
    # "el 3 de septiembre de 2019", "el día 3 de septiembre", "el primero de mayo"
    (
        rf"\b(?:el )?(?:dia )?({_NUMBER}) de ({_MONTH})\b",
        lambda m: f"{MONTHS_ES[m.group(2)]} {NUMBERS_ES.get(m.group(1), m.group(1))}",
    ),
    # "el lunes 2 de ..." handled above; "septiembre de 2019", "verano del 2018"
    (
        rf"\b({_MONTH}|{_SEASON}) del? ({_YEAR})\b",
        lambda m: f"{_english_of(m.group(1))} {m.group(2)}",
    ),
    (rf"\b(\w+ \d{{1,2}}) del? ({_YEAR})\b", r"\1 \2"),
    (rf"\b(?:el |la )?(?:ano|anio) ({_YEAR})\b", r"\1"),
    # single words
    (rf"\b{_MONTH}\b", _word(MONTHS_ES)),
    (rf"\b{_WEEKDAY}\b", _word(WEEKDAYS_ES)),
    (rf"\b{_SEASON}\b", _word(SEASONS_ES)),
    (r"\ben el\b|\ben la\b|\ben\b", "in"),
    (r"\by\b", "and"),
    (r"\b(?:el|la|los|las|de|del|que|mi|mis|pago|fecha)\b", " "),
]
_COMPILED = [(re.compile(pattern), replacement) for pattern, replacement in RULES]
# A numeric date, day first: 5/9/2019, 5-9-19, 5.9.2019, 5/9 (not 2019-09-05, which is kept)
_NUMERIC = re.compile(
    r"(?<![\d/-])(?<!\d\.)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/-]|\.\d)"
)


def _english_of(word: str) -> str:
    for table in (MONTHS_ES, WEEKDAYS_ES, SEASONS_ES):
        if word in table:
            return table[word]
    return {"semana": "week", "mes": "month", "ano": "year"}.get(word, word)


def _spell(day: int, month: int, year: Optional[str]) -> str:
    """The date in the grammar's words; a two-digit year written out as the grammar reads it in
    a numeric date ("3/9/19" is 2019, a year said, as "9/3/19" is in English: 00-68 -> 2000s)."""
    if year and len(year) == 2:
        year = str(2000 + int(year) if int(year) <= 68 else 1900 + int(year))
    return f"{ENGLISH_MONTHS[month - 1]} {day}" + (f" {year}" if year else "")


@dataclass(frozen=True)
class SpanishDate:
    """The message in the grammar's words (day-first numbers spelt out), and, when a numeric
    date could also be read month first, the message read that way."""

    text: str
    month_first: Optional[str] = None


def _numeric(text: str, day_first: bool) -> str:
    def spell(match: re.Match[str]) -> str:
        first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)
        day, month = (first, second) if day_first else (second, first)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return match.group(0)
        return _spell(day, month, year)

    return _NUMERIC.sub(spell, text)


def _ambiguous(text: str) -> bool:
    for match in _NUMERIC.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if first != second and first <= 12 and second <= 12:
            return True
    return False


def _rewrite(text: str) -> str:
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def read_spanish(text: str) -> SpanishDate:
    """A Spanish payment date in the words the English grammar reads."""
    folded = fold(text)
    read = _rewrite(_numeric(folded, day_first=True))
    other = _rewrite(_numeric(folded, day_first=False)) if _ambiguous(folded) else None
    return SpanishDate(read, other)
