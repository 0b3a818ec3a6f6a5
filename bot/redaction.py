"""Removing secrets from what a resident types, before anything stores or logs it.

Every channel (and Rasa's HTTP API, see assistant/patches.py) calls `redact` on a message and on
its sender id. The message is first read plainly (bot/secret_text.py: digits spelled out in
English or Spanish, invisible characters, every kind of dash), the secrets are found in that
reading, and each is removed from the message as typed and replaced by a marker such as
"[card number removed]":

- card numbers: 13-19 digits in groups with any separators (spaces of every kind and number,
  tabs, dots, commas, slashes, dashes, doubled), glued to a word ("visa-5105...") or not; inside
  a longer run of digits (a date written before it) only a Luhn-valid stretch is taken; part of
  a card (two or three groups of four digits, or digits after "card number") is a card number
  too, and so is the rest of it sent in the next message (`after_fragment`);
- security codes, expiry dates, Social Security (and tax id) numbers, bank routing and account
  numbers, PINs, passwords, dates of birth and driver's licence numbers, after or before the
  words that name them ("cvv 293", "293 is my cvv", "expiring september 2027");
- nine digits written as an SSN (123-45-6789, any separators);
- email addresses and phone numbers (masked: not secret, but nobody's business).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from bot.i18n import N_, t
from bot.ids import digest_id
from bot.secret_patterns import (
    CONTINUATION,
    DIGIT_RUN,
    FINDERS,
    FRAGMENT,
    MASK,
    PHONE,
    SSN_FORM,
    aba_valid,
    luhn_valid,
)
from bot.secret_text import Normalized, normalize

CARD_MARKER = "[card number removed]"
CODE_MARKER = "[security code removed]"
SSN_MARKER = "[SSN removed]"
EXPIRY_MARKER = "[expiry date removed]"
ROUTING_MARKER = "[routing number removed]"
ACCOUNT_MARKER = "[account number removed]"
PIN_MARKER = "[PIN removed]"
PASSWORD_MARKER = "[password removed]"
BIRTH_MARKER = "[date of birth removed]"
LICENCE_MARKER = "[licence number removed]"
EMAIL_MARKER = "[email removed]"
PHONE_MARKER = "[phone number removed]"
MARKERS = (
    CARD_MARKER,
    CODE_MARKER,
    SSN_MARKER,
    EXPIRY_MARKER,
    ROUTING_MARKER,
    ACCOUNT_MARKER,
    PIN_MARKER,
    PASSWORD_MARKER,
    BIRTH_MARKER,
    LICENCE_MARKER,
    EMAIL_MARKER,
    PHONE_MARKER,
)
# Kinds a resident is warned about (emails and phone numbers are masked without a word).
SECRETS = (
    "card_number",
    "security_code",
    "ssn",
    "expiry_date",
    "routing_number",
    "account_number",
    "pin",
    "password",
    "date_of_birth",
    "licence_number",
)

MARKER_OF = {
    "card_number": CARD_MARKER,
    "security_code": CODE_MARKER,
    "ssn": SSN_MARKER,
    "expiry_date": EXPIRY_MARKER,
    "routing_number": ROUTING_MARKER,
    "account_number": ACCOUNT_MARKER,
    "pin": PIN_MARKER,
    "password": PASSWORD_MARKER,
    "date_of_birth": BIRTH_MARKER,
    "licence_number": LICENCE_MARKER,
    "email": EMAIL_MARKER,
    "phone_number": PHONE_MARKER,
}
__all__ = ["aba_valid", "luhn_valid", "redact", "Redaction", "safe_sender_id", "strip_markers"]


@dataclass(frozen=True)
class Redaction:
    """The text as it may be stored, and what kinds of things were removed from it.
    `ends_in_fragment`: the message ended with part of a card number (the rest may follow)."""

    text: str
    removed: Tuple[str, ...] = ()
    ends_in_fragment: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.removed)

    @property
    def secrets(self) -> Tuple[str, ...]:
        """What was removed that the resident should be warned about."""
        return tuple(kind for kind in self.removed if kind in SECRETS)


@dataclass(frozen=True)
class _Found:
    kind: str
    start: int  # in the plain copy
    end: int
    fragment: bool = False


class _Search:
    """The plain copy being searched: each secret found is masked so no later finder sees it."""

    def __init__(self, plain: Normalized) -> None:
        self.plain = plain
        self.work = plain.text
        self.found: List[_Found] = []

    def take(self, kind: str, start: int, end: int, fragment: bool = False) -> None:
        self.found.append(_Found(kind, start, end, fragment))
        self.work = self.work[:start] + MASK * (end - start) + self.work[end:]

    def each(
        self,
        pattern: re.Pattern,
        kind: str,
        check: Optional[Callable[[str], bool]] = None,
        fragment: bool = False,
    ) -> None:
        for match in list(pattern.finditer(self.work)):
            start, end = match.span("value")
            if MASK in self.work[start:end]:
                continue
            if check is not None and not check(re.sub(r"\D", "", match.group("value"))):
                continue
            self.take(kind, start, end, fragment)


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


def _cards(search: _Search) -> None:
    for run in list(DIGIT_RUN.finditer(search.work)):
        for start, end in _card_spans(run.group(0)):
            search.take("card_number", run.start() + start, run.start() + end)


def _rebuild(search: _Search) -> Redaction:
    """The original message with each secret found replaced by its marker."""
    original = search.plain.original
    spans = sorted((*search.plain.span(f.start, f.end), f) for f in search.found)
    out, last, kinds = [], 0, []
    for start, end, found in spans:
        if start < last:  # inside one already replaced
            continue
        out.append(original[last:start])
        out.append(MARKER_OF[found.kind])
        kinds.append(found.kind)
        last = end
    out.append(original[last:])
    ends_in_fragment = bool(spans) and (
        spans[-1][2].fragment and not re.search(r"[^\W_]", original[spans[-1][1] :])
    )
    return Redaction("".join(out), tuple(dict.fromkeys(kinds)), ends_in_fragment)


def redact(text: str, after_fragment: bool = False) -> Redaction:
    """Replace every secret in the text by its marker. `after_fragment`: the previous message of
    this conversation ended with part of a card number, so digits opening this one are its rest."""
    search = _Search(normalize(text))
    if after_fragment:
        search.each(CONTINUATION, "card_number", fragment=True)
    for finder in FINDERS:
        search.each(finder.pattern, finder.kind, finder.check, finder.fragment)
    _cards(search)
    search.each(FRAGMENT, "card_number", fragment=True)
    search.each(SSN_FORM, "ssn")
    search.each(PHONE, "phone_number")
    return _rebuild(search)


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


WARNING = N_(
    "For your safety I removed the {what} you typed; it is not stored. Please never share card "
    "numbers, security codes or Social Security numbers here: I don't need them to check your payment."
)
AGENT_WARNING = N_(
    'The {what} was removed and is not stored. Tell the caller: "Please never read out card '
    "numbers, security codes or Social Security numbers; I don't need them.\""
)
_NAMES = {
    "pin": N_("PIN"),
    "password": N_("password"),
    "date_of_birth": N_("date of birth"),
    "licence_number": N_("driver's licence number"),
    "card_number": N_("card number"),
    "security_code": N_("security code"),
    "ssn": N_("Social Security number"),
    "expiry_date": N_("card expiry date"),
    "routing_number": N_("bank routing number"),
    "account_number": N_("account number"),
}


def _what(removed: Tuple[str, ...]) -> str:
    from bot.wording.phrases import joined  # "a, b and c" ("a, b y c"); wording reads no secrets

    return joined([t(_NAMES[kind]) for kind in removed if kind in _NAMES])


def warning_for(removed: Tuple[str, ...]) -> str:
    """The message a resident reads after sharing a sensitive number (in the current locale)."""
    return t(WARNING, what=_what(removed))


def agent_warning_for(removed: Tuple[str, ...]) -> str:
    """The message a support agent reads after typing a number a caller read out."""
    return t(AGENT_WARNING, what=_what(removed))
