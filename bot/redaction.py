"""Removing card numbers, security codes and Social Security numbers from what a resident types.

Channels call `redact` before a message reaches Rasa, so the numbers are never stored or logged as
typed. What is removed is replaced by a marker such as "[card number removed]".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Tuple

CARD_MARKER = "[card number removed]"
CODE_MARKER = "[security code removed]"
SSN_MARKER = "[SSN removed]"
MARKERS = (CARD_MARKER, CODE_MARKER, SSN_MARKER)

# 13 to 19 digits, optionally grouped by spaces or dashes: any card number, valid or mistyped.
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SSN = re.compile(r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])")
_SSN_WORDS = re.compile(
    r"(?i)\b(ssn|ss#|social security( number| no\.?| #)?|social)\s*(is|:|#|number)?\s*[:#]?\s*"
    r"(?P<digits>\d{9}|\d{3}[- ]\d{2}[- ]\d{4})\b"
)
_CODE_WORDS = re.compile(
    r"(?i)\b(cvv2?|cvc2?|cid|csc|security code|verification code|code on the back|"
    r"3[- ]digit code|three[- ]digit code)\b(?P<between>[^\d\n]{0,15})(?P<digits>\d{3,4})\b"
)


@dataclass(frozen=True)
class Redaction:
    """The text as it may be stored, and what kinds of numbers were removed from it."""

    text: str
    removed: Tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def redact(text: str) -> Redaction:
    """Replace card numbers, security codes and SSNs by markers."""
    removed = []

    def ssn_words(match: re.Match) -> str:
        removed.append("ssn")
        return match.group(0)[: match.start("digits") - match.start(0)] + SSN_MARKER

    def code_words(match: re.Match) -> str:
        removed.append("security_code")
        return match.group(0)[: match.start("digits") - match.start(0)] + CODE_MARKER

    def card(match: re.Match) -> str:
        removed.append("card_number")
        return CARD_MARKER

    def ssn(match: re.Match) -> str:
        removed.append("ssn")
        return SSN_MARKER

    text = _SSN_WORDS.sub(ssn_words, text)
    text = _CARD.sub(card, text)
    text = _SSN.sub(ssn, text)
    text = _CODE_WORDS.sub(code_words, text)
    return Redaction(text, tuple(dict.fromkeys(removed)))


def strip_markers(text: str) -> str:
    """The text without redaction markers, for understanding what else it says."""
    for marker in MARKERS:
        text = text.replace(marker, " ")
    return " ".join(text.split())


WARNING = (
    "For your safety I removed the {what} you typed; it is not stored. Please never share card "
    "numbers, security codes or Social Security numbers here: I don't need them to check your payment."
)
_NAMES = {
    "card_number": "card number",
    "security_code": "security code",
    "ssn": "Social Security number",
}


AGENT_WARNING = (
    'The {what} was removed and is not stored. Tell the caller: "Please never read out card '
    "numbers, security codes or Social Security numbers; I don't need them.\""
)


def _what(removed: Tuple[str, ...]) -> str:
    names = [_NAMES[kind] for kind in removed]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def warning_for(removed: Tuple[str, ...]) -> str:
    """The message a resident reads after sharing a sensitive number."""
    return WARNING.format(what=_what(removed))


def agent_warning_for(removed: Tuple[str, ...]) -> str:
    """The message a support agent reads after typing a number a caller read out."""
    return AGENT_WARNING.format(what=_what(removed))
