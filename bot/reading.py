"""One reading of a message that accounts for its words (DESIGN.md, "Understanding a resident").

A message is cut into segments at the words that change what a value means: sentence ends,
"but", "actually", "I mean", "instead", "then", "or", a comma before a new clause, "before
paying". Each segment says what kind of words it holds (a correction, a negation, a plan that was
not carried out, something the city did, another action than paying). The readers of bot/dates,
bot/methods and bot/cities then read each segment on its own, and `choose` keeps the values the
words allow: a correction wins over what it corrects, a negated or planned value is dropped,
a value from a payment clause wins over one from another action, and two values left for one
slot become a `Choice` (a short question naming them), never a silent pick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Generic, List, Sequence, Tuple, TypeVar, Union

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


def _sentences(text: str) -> List[str]:
    parts = re.split(r"(?<=[.!?;])\s+", text.strip())
    merged: List[str] = []
    for part in parts:
        if merged:
            last_word = merged[-1].split()[-1].rstrip(".").lower() if merged[-1].split() else ""
            if merged[-1].endswith(".") and (last_word in _ABBREVIATIONS or len(last_word) == 1):
                merged[-1] = f"{merged[-1]} {part}"
                continue
        merged.append(part)
    return [p for p in merged if p.strip()]


def _split_commas(sentence: str) -> List[str]:
    pieces: List[str] = []
    start = 0
    for comma in _COMMA_RE.finditer(sentence):
        before, after = sentence[start : comma.start()], sentence[comma.end() :]
        if (
            _KEEPS_TOGETHER_AFTER.match(after)
            or _STATE_CODE_AFTER.match(after)
            or _KEEPS_TOGETHER_BEFORE.search(before.strip())
        ):
            continue
        pieces.append(before)
        start = comma.end()
    pieces.append(sentence[start:])
    return pieces


def _describe(text: str, alternative: bool) -> Segment:
    words = text.strip(" ,.;:!?-")
    negation_text = re.sub(_HEDGES, " ", words, flags=re.IGNORECASE)
    return Segment(
        words,
        corrects=bool(_CORRECTS_RE.match(words)),
        negated=bool(_NEGATION_RE.search(negation_text)),
        hypothetical=bool(_HYPOTHETICAL_RE.search(words)),
        city_did=bool(_CITY_DID_RE.search(words)),
        replaced=bool(_REPLACED_RE.match(words)),
        other_action=bool(_OTHER_ACTION_RE.search(words)) and not _PAYS_RE.search(words),
        alternative=alternative,
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


def segments(text: str) -> List[Segment]:
    """The message cut at the words that change what its values mean (see the module doc)."""
    found: List[Segment] = []
    for piece, secret in _around_secrets(text):
        found += [replace(part, secret=secret) for part in _segments_of(piece)]
    return _carry_corrections(found)


def _segments_of(text: str) -> List[Segment]:
    found: List[Segment] = []
    for sentence in _sentences(text):
        for clause in _split_commas(sentence):
            for part in _CUE_SPLIT_RE.split(clause):
                sides = _OR_RE.split(part)
                for side in sides:
                    if side.strip(" ,.;:!?-"):
                        found.append(_describe(side, alternative=len(sides) > 1))
    return found


def _carry_corrections(found: List[Segment]) -> List[Segment]:
    """'No, it was Tyler': a cue word alone ('No', 'Sorry') makes the next segment a correction."""
    carried: List[Segment] = []
    pending = False
    for segment in found:
        if not segment.text:
            continue  # a removed secret alone
        if _CORRECTS_RE.match(segment.text) and len(segment.text.split()) <= 2:
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


def is_second_payment(text: str) -> bool:
    """'I also paid a parking ticket in Tyler', 'what about another payment': a new check, not a
    correction of the last one."""
    return bool(_SECOND_PAYMENT_RE.search(text))


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


def is_payment_statement(text: str) -> bool:
    """Whether the message states a payment the resident (or the caller) made."""
    return bool(_PAID_RE.search(text)) and not _ASKS_RE.search(text)


# What makes a statement about paying a city's bill rather than any purchase ("I paid for a pizza
# with my card yesterday" stays out of scope).
_CIVIC_RE = re.compile(
    r"\b(?:city|town|county|village|municipal|utilit(?:y|ies)|water|sewer|trash|garbage|"
    r"permit|licen[cs]e|parking|citation|ticket|click\s?2\s?gov|city\s+hall|bill)\b",
    re.IGNORECASE,
)


def is_civic(text: str) -> bool:
    """Whether the message speaks of a city or a city's bill."""
    return bool(_CIVIC_RE.search(text))
