"""Removing secrets from what a resident types, before anything stores or logs it.

Every channel (and Rasa's HTTP API, see assistant/patches.py) calls `redact` on a message and on
its sender id. What it finds is replaced by a marker such as "[card number removed]":

- card numbers: 13-19 digits in groups with any separators (spaces of every kind, tabs, dots,
  slashes, dashes, doubled), glued to a word ("visa-5105...") or not; inside a longer run of
  digits (a date written before it) only a Luhn-valid stretch is taken;
- security codes after a word that names them (cvv987, "sec code 741", "the 3 digits on the
  back are 852"), expiry dates after "exp", "expires", "valid thru" ...;
- Social Security numbers written 123-45-6789 (any separator), or nine digits after "SSN",
  "social security", "ss number" ...;
- bank routing numbers (ABA checksum) and account numbers after the words that name them;
- email addresses and phone numbers (masked: not secret, but nobody's business).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Callable, List, Tuple

from bot.ids import digest_id

CARD_MARKER = "[card number removed]"
CODE_MARKER = "[security code removed]"
SSN_MARKER = "[SSN removed]"
EXPIRY_MARKER = "[expiry date removed]"
ROUTING_MARKER = "[routing number removed]"
ACCOUNT_MARKER = "[account number removed]"
EMAIL_MARKER = "[email removed]"
PHONE_MARKER = "[phone number removed]"
MARKERS = (
    CARD_MARKER,
    CODE_MARKER,
    SSN_MARKER,
    EXPIRY_MARKER,
    ROUTING_MARKER,
    ACCOUNT_MARKER,
    EMAIL_MARKER,
    PHONE_MARKER,
)
# Kinds a resident is warned about (emails and phone numbers are masked without a word).
SECRETS = ("card_number", "security_code", "ssn", "expiry_date", "routing_number", "account_number")

# One separator between digit groups: any whitespace (tabs, no-break and thin spaces), . / - _
SEP = r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000./\\\-_]"
_DIGIT_RUN = re.compile(rf"\d+(?:{SEP}{{1,3}}\d+)*")
_GAP = r"[^\d\n]{0,30}?"  # the words between a name ("cvv") and its number

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SSN_WORDS = re.compile(
    rf"(?i)\b(?:ssn|ss#|ss\s*(?:number|no\.?|num|#)|social\s*security(?:\s*(?:number|no\.?|#))?|"
    rf"social)\b{_GAP}(?P<digits>\d{{3}}{SEP}?\d{{2}}{SEP}?\d{{4}})(?!\d)"
)
_CODE_WORDS = re.compile(
    rf"(?i)\b(?:cvv2?|cvc2?|cid|csc|cvn|security\s*code|sec(?:urity)?\.?\s*code|verification\s*"
    rf"(?:code|number)|code\s+on\s+the\s+back|(?:3|4|three|four)[\s-]*digit(?:s|\s*code)?"
    rf"(?:\s+on\s+the\s+back)?){_GAP}(?<!\d)(?P<digits>\d{{3,4}})(?![\d/])"
)
_EXPIRY_WORDS = re.compile(
    rf"(?i)\b(?:expiry|expiration|expires|expire|exp\b\.?|valid\s*(?:thru|through|until)|good\s*thru)"
    rf"(?:\s*date)?{_GAP}(?<!\d)(?P<digits>(?:0?[1-9]|1[0-2])\s*[/\-.]\s*(?:\d{{4}}|\d{{2}})"
    rf"|(?:0[1-9]|1[0-2])\d{{2}})(?!\d)"
)
_ROUTING_WORDS = re.compile(
    rf"(?i)\b(?:routing|aba|transit|rtn)(?:\s*(?:number|no\.?|num|#))?{_GAP}(?<!\d)"
    rf"(?P<digits>\d{{9}})(?!\d)"
)
_ACCOUNT_WORDS = re.compile(
    rf"(?i)\b(?:account|acct|a/c|checking|savings)(?:\s*(?:number|no\.?|num|#))?"
    rf"(?!\s*ends?\b)(?:\s*(?:is|:|#|of|=))?\s*(?<!\d)(?P<digits>\d(?:{SEP}?\d){{5,16}})(?!\d)"
)
_SSN_FORM = re.compile(rf"(?<![\d])\d{{3}}{SEP}{{1,2}}\d{{2}}{SEP}{{1,2}}\d{{4}}(?![\d])")
_PHONE = re.compile(
    r"(?<![\d])(?:\+?1[\s.\-]*)?(?:\(\d{3}\)|\d{3})[\s.\-]*\d{3}[\s.\-]*\d{4}(?![\d])"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char)
        if i % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def aba_valid(digits: str) -> bool:
    """The checksum of US bank routing numbers (3-7-1 weights)."""
    if len(digits) != 9:
        return False
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


@dataclass(frozen=True)
class Redaction:
    """The text as it may be stored, and what kinds of things were removed from it."""

    text: str
    removed: Tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.removed)

    @property
    def secrets(self) -> Tuple[str, ...]:
        """What was removed that the resident should be warned about."""
        return tuple(kind for kind in self.removed if kind in SECRETS)


def _card_like(sizes: List[int]) -> bool:
    """Grouped as cards are printed: 4-4-4-4(-3), 4-6-5 or 4-6-4."""
    return (len(sizes) >= 3 and all(n == 4 for n in sizes[:-1]) and 1 <= sizes[-1] <= 4) or (
        sizes in ([4, 6, 5], [4, 6, 4])
    )


def _card_spans(run: str) -> List[Tuple[int, int]]:
    """Where card numbers lie in one run of digit groups (offsets inside the run).

    A run of 13 to 19 digits is a card number (even a mistyped one). In a longer run (a date or
    a phone number written next to a card) the card is the stretch of whole groups that is
    grouped like a card or passes the Luhn check; a stretch grouped like a card wins."""
    groups = [(m.start(), m.end()) for m in re.finditer(r"\d+", run)]
    sizes = [b - a for a, b in groups]
    total = sum(sizes)
    if 13 <= total <= 19:
        return [(0, len(run))]
    if total < 13:
        return []
    candidates = []
    for i in range(len(groups)):
        length = 0
        for j in range(i, len(groups)):
            length += sizes[j]
            if length > 19:
                break
            if length < 13:
                continue
            digits = "".join(run[a:b] for a, b in groups[i : j + 1])
            card_like = _card_like(sizes[i : j + 1])
            if card_like or luhn_valid(digits):
                candidates.append(((card_like, length), i, j))
    taken: List[Tuple[int, int]] = []
    used = set()
    for _, i, j in sorted(candidates, reverse=True):
        if used.isdisjoint(range(i, j + 1)):
            used.update(range(i, j + 1))
            taken.append((groups[i][0], groups[j][1]))
    return sorted(taken)


def _cards(text: str, removed: List[str]) -> str:
    out, last = [], 0
    for run in _DIGIT_RUN.finditer(text):
        for start, end in _card_spans(run.group(0)):
            out.append(text[last : run.start() + start])
            out.append(CARD_MARKER)
            last = run.start() + end
            removed.append("card_number")
    out.append(text[last:])
    return "".join(out)


def _in_context(
    pattern: re.Pattern, marker: str, kind: str, removed: List[str], check: Callable = None
) -> Callable[[str], str]:
    """A pass that replaces the number a naming word leads to (keeping the words)."""

    def replace(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group("digits"))
        if check is not None and not check(digits):
            return match.group(0)
        removed.append(kind)
        head = match.group(0)[: match.start("digits") - match.start(0)]
        return head + marker

    return lambda text: pattern.sub(replace, text)


def _plain(pattern: re.Pattern, marker: str, kind: str, removed: List[str]) -> Callable:
    def replace(match: re.Match) -> str:
        removed.append(kind)
        return marker

    return lambda text: pattern.sub(replace, text)


def redact(text: str) -> Redaction:
    """Replace every secret in the text by its marker."""
    removed: List[str] = []
    passes = [
        _plain(_EMAIL, EMAIL_MARKER, "email", removed),
        _in_context(_SSN_WORDS, SSN_MARKER, "ssn", removed),
        _in_context(_ROUTING_WORDS, ROUTING_MARKER, "routing_number", removed, aba_valid),
        _in_context(_ACCOUNT_WORDS, ACCOUNT_MARKER, "account_number", removed),
        _in_context(_CODE_WORDS, CODE_MARKER, "security_code", removed),
        _in_context(_EXPIRY_WORDS, EXPIRY_MARKER, "expiry_date", removed),
        lambda value: _cards(value, removed),
        _plain(_SSN_FORM, SSN_MARKER, "ssn", removed),
        _plain(_PHONE, PHONE_MARKER, "phone_number", removed),
    ]
    for step in passes:
        text = step(text)
    return Redaction(text, tuple(dict.fromkeys(removed)))


def safe_sender_id(sender: str) -> str:
    """A sender id that holds no secret: unchanged, or (if it held one) a stable hash of it."""
    if not redact(sender).changed:
        return sender
    return digest_id("redacted", hashlib.sha256(sender.encode()).digest())


def strip_markers(text: str) -> str:
    """The text without redaction markers, for understanding what else it says."""
    for marker in MARKERS:
        text = text.replace(marker, " ")
    return " ".join(text.split())


WARNING = (
    "For your safety I removed the {what} you typed; it is not stored. Please never share card "
    "numbers, security codes or Social Security numbers here: I don't need them to check your payment."
)
AGENT_WARNING = (
    'The {what} was removed and is not stored. Tell the caller: "Please never read out card '
    "numbers, security codes or Social Security numbers; I don't need them.\""
)
_NAMES = {
    "card_number": "card number",
    "security_code": "security code",
    "ssn": "Social Security number",
    "expiry_date": "card expiry date",
    "routing_number": "bank routing number",
    "account_number": "account number",
}


def _what(removed: Tuple[str, ...]) -> str:
    names = [_NAMES[kind] for kind in removed if kind in _NAMES]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def warning_for(removed: Tuple[str, ...]) -> str:
    """The message a resident reads after sharing a sensitive number."""
    return WARNING.format(what=_what(removed))


def agent_warning_for(removed: Tuple[str, ...]) -> str:
    """The message a support agent reads after typing a number a caller read out."""
    return AGENT_WARNING.format(what=_what(removed))
