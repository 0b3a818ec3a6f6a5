"""One reading of a message that accounts for its words (DESIGN.md, "Understanding a resident").

A message is cut into segments at the words that change what a value means: sentence ends,
"but", "actually", "I mean", "instead", "then", "or", a comma before a new clause, "before
paying". Each segment says what kind of words it holds (a correction, a negation, a plan that was
not carried out, something the city did, another action than paying). The readers of bot/dates,
bot/methods and bot/cities then read each segment on its own, and `choose` keeps the values the
words allow: a correction wins over what it corrects, a negated or planned value is dropped,
a value from a payment clause wins over one from another action, and two values left for one
slot become a `Choice` (a short question naming them), never a silent pick.

Spanish (language "es") is cut and described by the same rules with its own words beside the
English ones ("pero", "en realidad", "o sea", "perdón", "mejor dicho", "o", "no…", "iba a pagar",
"la ciudad me mandó una carta"), matched on the text without accents. "No" is both an answer and
a negation there: "no" alone (or before a comma) is a correction cue ("no, fue en julio"), "no"
before the words it denies is a negation ("no fue en julio", "no por teléfono"), and "no me
acuerdo", "no sé" are what the resident does not know, neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Generic, List, Pattern, Sequence, Tuple, TypeVar, Union

from bot.date_es import MONTHS_ES, WEEKDAYS_ES, fold
from bot.redaction import MARKERS

T = TypeVar("T")

# Abbreviations whose full stop does not end a sentence ("Sept. 3", "St. Petersburg").
_ABBREVIATIONS = frozenset(
    "st ft mt dr mr mrs ms no jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m am pm "
    "approx etc vs e.g i.e".split()
)
# A segment starts before these words (the word stays with the new segment).
_CUE_START = (
    r"but|actually|sorry|instead|rather|i\s+mean|i\s+meant|no\s+wait|wait|oops|correction|"
    r"and\s+then|then|after\s+that|later|"
    r"(?:before|after)\s+(?:paying|i\s+paid|i\s+pay|we\s+paid|she\s+paid|he\s+paid|they\s+paid|"
    r"making|i\s+made|calling|i\s+called|that)"
)
_CUE_SPLIT_RE = re.compile(rf"\s*[,;:-]?\s+(?=(?:{_CUE_START})\b)", re.IGNORECASE)
# "or" between two answers ("online or by phone"), not "or so", "a day or two".
_OR_RE = re.compile(
    r"\s*,?\s+(?:or|either)\s+(?!so\b|something\b|thereabouts\b|not\b|less\b|more\b|later\b|"
    r"earlier\b|two\b|three\b|2\b|3\b|anything\b|whatever\b)",
    re.IGNORECASE,
)
# A comma ends a clause unless a date or a place continues after it ("June 5, 2019", "Odessa, TX").
_COMMA_RE = re.compile(r",\s+")
_KEEPS_TOGETHER_AFTER = re.compile(
    r"^(?:\d|'\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|the\s+\d|"
    r"(?:texas|california|florida|oklahoma|usa|u\.s)\b)",
    re.IGNORECASE,
)
_STATE_CODE_AFTER = re.compile(r"^[A-Z]{2}\b")  # "Odessa, TX" (a code is typed in capitals)
_KEEPS_TOGETHER_BEFORE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day$|\b(?:\d{1,2}(?:st|nd|rd|th)?|um+|uh+|so|well|"
    r"yes|yeah|ok|okay|hi|hello)$",
    re.IGNORECASE,
)

_CORRECTS_RE = re.compile(
    r"^(?:but|actually|sorry|no\b|nope|instead(?!\s+of)|rather(?!\s+than)|i\s+mean|i\s+meant|wait|"
    r"no\s+wait|oops|"
    r"correction|scratch\s+that)",
    re.IGNORECASE,
)
_HEDGES = (
    r"not\s+(?:sure|certain|100|positive|entirely|exactly)|"
    r"(?:do\s*n[o']?t|dont|can'?t|cannot|didn'?t|did\s+not|could\s*n'?t)\s+(?:remember|recall|know)|"
    r"not\s+(?:remember|recall)"
)
_NEGATION_RE = re.compile(
    r"\b(?:not|never|didn'?t|didnt|did\s+not|wasn'?t|wasnt|was\s+not|weren'?t|no\s+longer|"
    r"isn'?t|don'?t|dont|doesn'?t|haven'?t|hasn'?t|wouldn'?t)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:was|were|am|is)\s+(?:going|gonna|about|planning|supposed)\s+to|\bgonna\b|"
    r"\b(?:meant|wanted|planned|intended|tried|hoped|forgot)\s+to\b|\bthought\s+about\b|"
    r"\bthinking\s+(?:about|of)\b|\bwould\s+have\b|\balmost\b|"
    r"\bnext\s+time\b|\bwill\s+pay\b|\bplan\s+to\b",
    re.IGNORECASE,
)
_CITY_DID_RE = re.compile(
    r"\b(?:the\s+city|they|city\s+hall|the\s+utility|the\s+office|the\s+department|someone|"
    r"somebody|a\s+letter|the\s+letter|a\s+notice|the\s+notice|it)\s+(?:\w+\s+)?"
    r"(?:mailed|sent|emailed|called|texted|phoned|wrote|notified|contacted|came|arrived|said|says|"
    r"stated|mentioned|listed)\b|"
    r"\b(?:got|received|recieved|get|getting|gotten)\s+(?:\w+\s+){0,2}"
    r"(?:letter|notice|email|e-mail|call|text|phone\s+call|mail|mailer|postcard)\b",
    re.IGNORECASE,
)
_REPLACED_RE = re.compile(r"^(?:instead\s+of|rather\s+than)\b", re.IGNORECASE)
_PAYS_RE = re.compile(
    r"\b(?:paid|payed|pay|pays|paying|payment|payments|used|charged|bill|autopay)\b", re.IGNORECASE
)
_OTHER_ACTION_RE = re.compile(
    r"\b(?:called|phoned|emailed|asked|visited|moved|checked|looked|read|saw|heard|talked|spoke|"
    r"logged|signed\s+in|went\s+to\s+ask|complained|contacted)\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- the same words in Spanish
# Matched on the raw text (accents optional) where they cut it, on the folded text (lower case,
# no accents: bot/date_es.py `fold`) where they describe a segment.
_CUE_WORDS_ES = (
    r"pero|sino|en\s+realidad|de\s+hecho|perd[oó]n|perdone|perdona|disculp[ea]|lo\s+siento|"
    r"o\s+sea|mejor\s+dicho|quiero\s+decir|quise\s+decir|me\s+equivoqu[eé]|correcci[oó]n|corrijo|"
    r"espere|espera|no\s+espere|no\s+espera|en\s+cambio|m[aá]s\s+bien|en\s+vez\s+de\s+eso|"
    r"en\s+lugar\s+de\s+eso"
)
_CUE_START_ES = (
    rf"{_CUE_WORDS_ES}|en\s+vez\s+de|en\s+lugar\s+de|"
    r"y\s+luego|y\s+despu[eé]s|y\s+entonces|luego|despu[eé]s\s+de\s+eso|"
    r"(?:antes|despu[eé]s|luego)\s+de\s+(?:pagar|que\s+pagu[eé]|que\s+pag[oó]|hacer\s+el\s+pago|"
    r"llamar|que\s+llam[eé])|"
    # "no" before the words it denies starts a segment of its own ("en línea no por teléfono")
    r"no\s+(?=(?:por|en|con|el|la|al|a|del|de|fue|era|desde)\b)"
)
# "o" (or "u") between two answers ("en línea o por teléfono"), not "o sea", "más o menos",
# "uno o dos días", "o algo así".
_OR_ES = (
    r"(?:o|u|ó)\s+(?!sea\b|algo\b|as[ií]\b|por\s+ah[ií]\b|no\b|menos\b|m[aá]s\b|dos\b|tres\b|2\b|"
    r"3\b|lo\s+que\s+sea\b|cualquier|antes\b|despu[eé]s\b)"
)
_MONTHS_AND_DAYS_ES = "|".join(sorted({*MONTHS_ES, *WEEKDAYS_ES}, key=len, reverse=True))
_KEEPS_TOGETHER_AFTER_ES = re.compile(
    rf"^(?:(?:el\s+)?(?:d[ií]a\s+)?\d|(?:{_MONTHS_AND_DAYS_ES})\b|de\s+(?:19|20)\d\d|"
    r"tejas|texas|california|florida|oklahoma)",
    re.IGNORECASE,
)
_KEEPS_TOGETHER_BEFORE_ES = re.compile(
    r"\b(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|bueno|pues|s[ií]|hola|este|"
    r"eh+|mm+|vale|claro|a\s+ver|oiga|mire)$",
    re.IGNORECASE,
)
_CORRECTS_ES = re.compile(rf"^(?:no\b|{_CUE_WORDS_ES})", re.IGNORECASE)
# A segment that is only cue words ("No", "Perdón", "No, espere", "O sea"): the next one corrects.
_CUE_ALONE_ES = re.compile(
    rf"^(?:no|nop|but|actually|sorry|wait|oops|{_CUE_WORDS_ES})(?:[\s,]+(?:no|{_CUE_WORDS_ES}))*$",
    re.IGNORECASE,
)
# What the resident does not know is no negation ("no me acuerdo", "no sé", "no estoy segura").
_HEDGES_ES = (
    r"\bno\s+(?:me\s+|se\s+|lo\s+)?(?:acuerdo|recuerdo|acuerda|recuerda)\b|"
    r"\bno\s+(?:lo\s+)?(?:se|sabe|sabemos)(?=\s*$|\s*[,.;!?]|\s+(?:si|cuando|que|exactamente|bien|"
    r"la|el|cual|como|donde|de|del)\b)|"
    r"\bno\s+(?:estoy|esta|estamos)\s+(?:muy\s+|del\s+todo\s+|completamente\s+)?segur[oa]s?\b|"
    r"\bni\s+idea\b|\bno\s+tengo\s+(?:idea|claro)\b|"
    r"\bno\s+(?:pude|podia|pudimos|se\s+pudo)\b"  # "couldn't go in person": no denial of a way paid
)
_NEGATION_ES = re.compile(r"\b(?:no|nunca|jamas|tampoco|ni)\b")
_HYPOTHETICAL_ES = re.compile(
    r"\b(?:iba|ibamos|iban|voy|vamos)\s+a\b|\b(?:queria|quise|queriamos|pensaba|pensabamos|"
    r"planeaba|planeabamos|planeo|pienso|intente|intentamos|trate\s+de|tratamos\s+de|"
    r"tenia\s+(?:pensado|planeado|que)|debia|debi|habria|hubiera|hubiese)\b|"
    r"\bcasi\b(?!\s+segur)|\b(?:se\s+me\s+olvido|olvide|olvidamos)\b|"
    r"\bla\s+proxima\s+vez\b|\b(?:pagare|pagaremos)\b"
)
_CITY_DID_ES = re.compile(
    r"\b(?:la\s+ciudad|el\s+municipio|la\s+alcaldia|el\s+ayuntamiento|ellos|la\s+oficina|"
    r"el\s+departamento|alguien|una\s+carta|la\s+carta|un\s+aviso|el\s+aviso)\s+"
    r"(?:me\s+|nos\s+)?(?:\w+\s+)?(?:mando|envio|escribio|llamo|aviso|notifico|dijo|dice|"
    r"contacto|mandaron|enviaron|llamaron|avisaron|notificaron|dijeron|escribieron|llego)\b|"
    r"\b(?:me|nos)\s+(?:mandaron|enviaron|llamaron|escribieron|avisaron|notificaron|contactaron|"
    r"dijeron)\b|"
    r"\b(?:recibi|recibimos|me\s+llego|nos\s+llego|me\s+llegaron|nos\s+llegaron)\s+(?:\w+\s+){0,2}"
    r"(?:carta|cartas|aviso|avisos|correo|email|mensaje|llamada|notificacion|postal)\b"
)
_REPLACED_ES = re.compile(r"^(?:en\s+vez|en\s+lugar)\s+de\b(?!\s+eso)")
_PAYS_ES = re.compile(
    r"\b(?:pague|pagamos|pago|pagos|pagar|pagando|pagaba|pagaron|pagado|cobraron|cobro|use|"
    r"usamos|factura|recibo|automatico)\b"
)
_OTHER_ACTION_ES = re.compile(
    r"\b(?:llame|llamamos|hable|hablamos|pregunte|preguntamos|visite|me\s+mude|nos\s+mudamos|"
    r"revise|mire|lei|vi|escuche|me\s+queje|contacte|entre\s+a|inicie\s+sesion|consulte|"
    r"fui\s+a\s+preguntar)\b"
)
# Spanish month and title abbreviations; "No." ends a sentence ("No. Fue en julio").
_ABBREVIATIONS_ES = (_ABBREVIATIONS - {"no"}) | frozenset(
    "ene abr ago set dic sr sra srta dra lic sto sta av esq num".split()
)


@dataclass(frozen=True)
class _Words:
    """The words that cut and describe a message in one language."""

    cue_split: Pattern[str]
    or_split: Pattern[str]
    keeps_after: Tuple[Pattern[str], ...]
    keeps_before: Tuple[Pattern[str], ...]
    abbreviations: frozenset
    spanish: bool


_ENGLISH = _Words(
    _CUE_SPLIT_RE,
    _OR_RE,
    (_KEEPS_TOGETHER_AFTER,),
    (_KEEPS_TOGETHER_BEFORE,),
    _ABBREVIATIONS,
    False,
)
_SPANISH = _Words(
    re.compile(rf"\s*[,;:-]?\s+(?=(?:{_CUE_START}|{_CUE_START_ES})\b)", re.IGNORECASE),
    re.compile(
        rf"\s*,?\s+(?:(?:or|either)\s+(?!so\b|something\b|thereabouts\b|not\b|less\b|more\b|"
        rf"later\b|earlier\b|two\b|three\b|2\b|3\b|anything\b|whatever\b)|{_OR_ES})",
        re.IGNORECASE,
    ),
    (_KEEPS_TOGETHER_AFTER, _KEEPS_TOGETHER_AFTER_ES),
    (_KEEPS_TOGETHER_BEFORE, _KEEPS_TOGETHER_BEFORE_ES),
    _ABBREVIATIONS_ES,
    True,
)


def _words_of(language: str) -> _Words:
    return _SPANISH if language == "es" else _ENGLISH


@dataclass(frozen=True)
class Segment:
    """A part of a message read on its own, with what its words say about its values."""

    text: str
    corrects: bool = False  # "but actually…", "no, …", "I mean…": replaces what came before
    negated: bool = False  # "not online", "I didn't pay by phone"
    hypothetical: bool = False  # "was going to", "meant to", "instead of": not what happened
    city_did: bool = False  # "the city mailed me", "I got a letter": not the resident's payment
    other_action: bool = False  # "I called them": an action that is not the payment
    alternative: bool = False  # one side of "X or Y"
    secret: bool = False  # held a removed secret ("my card is [card number removed]"): an aside
    replaced: bool = False  # "instead of by phone", "rather than in person": not how it was paid


@dataclass(frozen=True)
class Choice(Generic[T]):
    """Two or more values the message leaves open for one slot: ask, naming them."""

    options: Tuple[T, ...]


Read = Union[None, T, Choice]


def _sentences(text: str, words: _Words = _ENGLISH) -> List[str]:
    parts = re.split(r"(?<=[.!?;])\s+", text.strip())
    merged: List[str] = []
    for part in parts:
        if merged:
            last_word = merged[-1].split()[-1].rstrip(".").lower() if merged[-1].split() else ""
            abbreviations = words.abbreviations
            if merged[-1].endswith(".") and (last_word in abbreviations or len(last_word) == 1):
                merged[-1] = f"{merged[-1]} {part}"
                continue
        merged.append(part)
    return [p for p in merged if p.strip()]


def _split_commas(sentence: str, words: _Words = _ENGLISH) -> List[str]:
    pieces: List[str] = []
    start = 0
    for comma in _COMMA_RE.finditer(sentence):
        before, after = sentence[start : comma.start()], sentence[comma.end() :]
        if (
            any(keeps.match(after) for keeps in words.keeps_after)
            or _STATE_CODE_AFTER.match(after)
            or any(keeps.search(before.strip()) for keeps in words.keeps_before)
        ):
            continue
        pieces.append(before)
        start = comma.end()
    pieces.append(sentence[start:])
    return pieces


def _describe(text: str, alternative: bool, spanish: bool = False) -> Segment:
    words = text.strip(" ,.;:!?-")
    negation_text = re.sub(_HEDGES, " ", words, flags=re.IGNORECASE)
    found = Segment(
        words,
        corrects=bool(_CORRECTS_RE.match(words)),
        negated=bool(_NEGATION_RE.search(negation_text)),
        hypothetical=bool(_HYPOTHETICAL_RE.search(words)),
        city_did=bool(_CITY_DID_RE.search(words)),
        replaced=bool(_REPLACED_RE.match(words)),
        other_action=bool(_OTHER_ACTION_RE.search(words)) and not _PAYS_RE.search(words),
        alternative=alternative,
    )
    if not spanish:
        return found
    folded = fold(words).strip(" ¿¡")
    pays = _PAYS_RE.search(words) or _PAYS_ES.search(folded)
    return replace(
        found,
        corrects=found.corrects or bool(_CORRECTS_ES.match(folded)),
        negated=found.negated or bool(_NEGATION_ES.search(re.sub(_HEDGES_ES, " ", folded))),
        hypothetical=found.hypothetical or bool(_HYPOTHETICAL_ES.search(folded)),
        city_did=found.city_did or bool(_CITY_DID_ES.search(folded)),
        replaced=found.replaced or bool(_REPLACED_ES.match(folded)),
        other_action=bool(
            (_OTHER_ACTION_RE.search(words) or _OTHER_ACTION_ES.search(folded)) and not pays
        ),
    )


def _around_secrets(text: str) -> List[Tuple[str, bool]]:
    """The text cut at each removed secret; a piece next to one that does not speak of a payment
    ("my card is", "is the code") is about the secret."""
    marker_re = "|".join(re.escape(marker) for marker in MARKERS)
    pieces = re.split(rf"({marker_re})", text)
    found: List[Tuple[str, bool]] = []
    for i, piece in enumerate(pieces):
        if i % 2 == 1 or not piece.strip():
            continue
        beside = (i > 0) or (i + 1 < len(pieces))
        found.append((piece, beside and not _PAYS_RE.search(piece)))
    return found


def segments(text: str, language: str = "en") -> List[Segment]:
    """The message cut at the words that change what its values mean (see the module doc);
    language "es": the Spanish words too."""
    words = _words_of(language)
    found: List[Segment] = []
    for piece, secret in _around_secrets(text):
        found += [replace(part, secret=secret) for part in _segments_of(piece, words)]
    return _carry_corrections(found, words)


def _segments_of(text: str, words: _Words = _ENGLISH) -> List[Segment]:
    found: List[Segment] = []
    for sentence in _sentences(text, words):
        for clause in _split_commas(sentence, words):
            for part in words.cue_split.split(clause):
                sides = words.or_split.split(part)
                for side in sides:
                    if side.strip(" ,.;:!?-¿¡" if words.spanish else " ,.;:!?-"):
                        found.append(_describe(side, len(sides) > 1, words.spanish))
    return found


def _is_cue_alone(text: str, words: _Words) -> bool:
    """A segment that only says a correction follows ('No', 'Sorry', 'no wait'). In Spanish only
    cue words count: "no sé", "no me acuerdo" are answers, "no fue en julio" a negation."""
    if words.spanish:
        return bool(_CUE_ALONE_ES.match(fold(text).strip(" ¿¡")))
    return bool(_CORRECTS_RE.match(text)) and len(text.split()) <= 2


def _carry_corrections(found: List[Segment], words: _Words = _ENGLISH) -> List[Segment]:
    """'No, it was Tyler': a cue word alone ('No', 'Sorry') makes the next segment a correction."""
    carried: List[Segment] = []
    pending = False
    for segment in found:
        if not segment.text:
            continue  # a removed secret alone
        if _is_cue_alone(segment.text, words):
            pending = True
            continue
        if pending:
            segment = replace(segment, corrects=True)
            pending = False
        carried.append(segment)
    return carried


def is_plain(parts: Sequence[Segment]) -> bool:
    """One segment with no cue words: the whole-message readers read it as before."""
    if len(parts) != 1:
        return False
    only = parts[0]
    return not (
        only.negated or only.hypothetical or only.city_did or only.other_action or only.secret
    )


def choose(
    found: Sequence[Tuple[Segment, T]],
    same: Callable[[T, T], bool],
    drop_actions: bool = True,
) -> Read:
    """The value the words allow among those read from each segment (in message order).

    drop_actions: values from what the city did, or from another action than the payment, do
    not count (dates and methods); a city named in such a clause still counts.
    """
    kept = [(s, v) for s, v in found if not s.negated and not s.hypothetical]
    if drop_actions:
        kept = [(s, v) for s, v in kept if not s.city_did and not s.secret]
        if any(not s.other_action for s, _ in kept):
            kept = [(s, v) for s, v in kept if not s.other_action]
    corrections = [i for i, (s, _) in enumerate(kept) if s.corrects]
    if corrections:
        kept = kept[corrections[-1] :]
    distinct: List[T] = []
    for _, value in kept:
        if not any(same(value, seen) for seen in distinct):
            distinct.append(value)
    if not distinct:
        return None
    if len(distinct) == 1:
        return distinct[0]
    return Choice(tuple(distinct))


_SECOND_PAYMENT_RE = re.compile(
    r"\b(?:also|another|second|too|as\s+well|what\s+about|how\s+about|other\s+(?:one|payment|bill)|"
    r"one\s+more)\b",
    re.IGNORECASE,
)


_SECOND_PAYMENT_ES = re.compile(
    r"\b(?:tambien|ademas|otr[oa]s?\s+(?:pago|pagos|factura|facturas|recibo|multa|cuenta|permiso|"
    r"licencia)|segundo\s+pago|que\s+pasa\s+con|y\s+que\s+tal\s+(?:con|el|la|si))\b"
)


def is_second_payment(text: str) -> bool:
    """'I also paid a parking ticket in Tyler', 'what about another payment': a new check, not a
    correction of the last one (in Spanish too: "también pagué una multa en Tyler")."""
    return bool(_SECOND_PAYMENT_RE.search(text) or _SECOND_PAYMENT_ES.search(fold(text)))


# A statement of a payment made (not a question, not a plan): "I paid online on June 5", "she paid
# her sewer bill in person", "paid at city hall in cash", "used my Visa on the city website".
_PAID_RE = re.compile(
    r"\b(?:paid|payed|made\s+(?:a|the|my|our|her|his|their)\s+payments?|used\s+(?:my|our|her|his|their|a)|"
    r"was\s+charged|were\s+charged|(?:i|we|she|he|they)\s+(?:always\s+)?pay|autopay|auto-pay)\b",
    re.IGNORECASE,
)
_ASKS_RE = re.compile(
    r"\?|^\s*(?:was|were|is|are|am|did|do|does|can|could|should|would|will|how|what|when|where|"
    r"which|who|why)\b",
    re.IGNORECASE,
)


# The same in Spanish, on the folded text: "pagué en línea", "pagó la factura del agua" (the
# caller, typed by an agent), "hice el pago", "usé mi Visa", "me cobraron", "pago en línea" (I
# pay); a question is not, nor "mi pago en línea" (the noun): "pagó" is told by its accent.
_PAID_ES = re.compile(
    r"\b(?:pague|pagamos|pagaron|pago\s+(?:la|el|mi|su|sus|las|los|una|un)|^(?:yo\s+)?pago\s+"
    r"(?:en|con|por)|yo\s+pago|lo\s+pague|hice\s+(?:el|mi|un|los|mis)\s+pagos?|"
    r"hicimos\s+(?:el|un)\s+pago|use\s+(?:mi|una|un|la)|(?:me|nos|le)\s+cobraron|"
    r"tengo\s+(?:el\s+)?pago\s+automatico)\b"
)
_PAID_ACCENTED_ES = re.compile(r"\bpagó\b", re.IGNORECASE)
_ASKS_ES = re.compile(
    r"[¿?]|^\s*(?:cuando|como|donde|cual|quien|puedo|puede|podria|se\s+vio|me\s+afecto|"
    r"me\s+afecta|estoy\s+afectad[oa])\b"
)


def is_payment_statement(text: str) -> bool:
    """Whether the message states a payment the resident (or the caller) made (in English or in
    Spanish: the Spanish words never occur in an English message)."""
    if _PAID_RE.search(text) and not _ASKS_RE.search(text):
        return True
    folded = fold(text).strip()
    paid = _PAID_ES.search(folded) or _PAID_ACCENTED_ES.search(text)
    return bool(paid) and not _ASKS_ES.search(folded)


# What makes a statement about paying a city's bill rather than any purchase ("I paid for a pizza
# with my card yesterday" stays out of scope).
_CIVIC_RE = re.compile(
    r"\b(?:city|town|county|village|municipal|utilit(?:y|ies)|water|sewer|trash|garbage|"
    r"permit|licen[cs]e|parking|citation|ticket|click\s?2\s?gov|city\s+hall|bill)\b",
    re.IGNORECASE,
)


_CIVIC_ES = re.compile(
    r"\b(?:ciudad|municipal|municipio|alcaldia|ayuntamiento|condado|agua|luz|drenaje|"
    r"alcantarillado|basura|servicios\s+publicos|permiso|permisos|licencia|licencias|"
    r"estacionamiento|multa|multas|citacion|boleta|infraccion|factura|recibo|click\s?2\s?gov)\b"
)


def is_civic(text: str) -> bool:
    """Whether the message speaks of a city or a city's bill (in English or in Spanish)."""
    return bool(_CIVIC_RE.search(text) or _CIVIC_ES.search(fold(text)))
