"""Where a secret lies in the plain reading of a message (bot/secret_text.py): one table.

Each kind of secret is the words that name it and the form of its value; the finders compose
the two both ways round ("cvv 293", "cvv is seven three one" read as "cvv is 731", "293 is my
cvv"), in English and Spanish. A finder's match has a group "value": the part removed (the
naming words stay, so the reply can still make sense of the message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List, Optional


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


MASK = "\u2588"  # what a found secret becomes in the working copy, so no other finder sees it
SEP = r"[\s.,/\\\-_]"  # between digit groups of a card or an SSN
PLAIN_SEP = r"[\s.,\\\-_]"  # the same without "/": a run with a slash may be a date
_SAYS = r"(?:\s*(?:is|was|are|:|#|=|es|era|would\s+be))?\s*"  # "my pin is", "pin:", "pin #"
_GAP = r"[^\d\n" + MASK + r"]{0,30}?"  # the words between a name ("cvv") and its number
# Between a number and the words after it that name it: "293 is my cvv", "143715496, my ssn"
_THEN = (
    r"\s*(?:,\s*)?(?:(?:is|was|are|would\s+be|=|:|-|es|era)\s*)?"
    r"(?:(?:my|the|our|his|her|mi|el|la|su)\s+)?"
)
_NUMBER = r"(?:\s*(?:number|no\.?|num|nbr|#|n[uú]mero|n[uú]m\.?))?"
_END = r"(?![^\W\d_])"  # a name ends where a letter cannot follow ("ssn123" is glued)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|"
    r"mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre)\.?"
)

NAMES = {
    "ssn": (
        r"ssn|ss#|ss\s*(?:number|no\.?|num|#)|social(?:\s*security)?" + _NUMBER + r"|"
        r"tax\s*(?:payer\s*)?(?:id(?:entification)?)" + _NUMBER + r"|t\.?i\.?n\.?|itin|"
        r"(?:n[uú]mero\s+de(?:l)?\s+)?seguro\s+social"
    ),
    "routing_number": r"(?:routing|aba|transit|rtn)" + _NUMBER + r"|(?:n[uú]mero\s+de\s+)?ruta",
    "account_number": (
        r"(?:bank\s+)?(?:account|acct|a/c|checking|savings)" + _NUMBER + r"|"
        r"(?:n[uú]mero\s+de\s+)?cuenta(?:\s+bancaria)?"
    ),
    "security_code": (
        r"cvv2?|cvc2?|cid|csc|cvn|sec(?:urity)?\.?\s*code|verification\s*(?:code|number)|"
        r"code\s+on\s+the\s+back|(?:3|4|three|four)[\s-]*digit(?:s|\s*code)?"
        r"(?:\s+on\s+the\s+back)?|(?:(?<=my\s)|(?<=the\s)|(?<=card\s)|(?<=card's\s))code|"
        r"c[oó]digo(?:\s+de\s+seguridad)?"
    ),
    "expiry_date": (
        r"(?:expiry|expiration|expires|expire|expiring|expired|exp\.?|valid\s*(?:thru|through"
        r"|until)|good\s*thru|vence|vencimiento|caduca)(?:\s*date|\s+on|\s+in)?|"
        r"fecha\s+de\s+(?:vencimiento|caducidad)"
    ),
    "pin": r"pin(?:\s*(?:number|code|no\.?|#))?|personal\s+identification\s+number|nip",
    "password": r"password|passcode|passwd|pass\s+word|pwd|pw|contrase[nñ]a|clave",
    "date_of_birth": (
        r"date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?|born(?:\s+on|\s+in)?|"
        r"fecha\s+de\s+nacimiento|nac[ií](?:\s+el)?"
    ),
    "licence_number": (
        r"driver'?s?\s*licen[cs]e" + _NUMBER + r"|drivers?\s*lic\.?|d\.?l\.?#?|"
        r"licen[cs]e" + _NUMBER + r"|licencia(?:\s+de\s+(?:conducir|manejo))?|state\s+id"
    ),
}

_WORD = rf"[^\s{MASK}]{{2,40}}"  # a password: one word, of any characters

VALUES = {
    "ssn": rf"(?<![\d/])\d{{3}}{SEP}{{0,3}}\d{{2}}{SEP}{{0,3}}\d{{4}}(?!\d)",
    "routing_number": r"(?<!\d)\d{9}(?!\d)",
    "account_number": rf"(?<!\d)\d(?:{PLAIN_SEP}?\d){{5,16}}(?![\d/])",
    "security_code": r"(?<![\d/.,$:])\d{3,4}(?![\d/:])",
    "expiry_date": (
        r"(?<![\d/])(?:(?:0?[1-9]|1[0-2])\s*[/\-.]\s*(?:\d{4}|\d{2})|(?:0[1-9]|1[0-2])\d{2}"
        r"|(?:0?[1-9]|1[0-2])\s+(?:20)?\d{2})(?![\d/])|"
        + MONTH
        + r",?\s*(?:of\s+|de\s+|del\s+)?(?:'?\d{2}|\d{4})(?!\d|,?\s*(?:19|20)\d{2})"
    ),
    "pin": r"(?<![\d/])\d{4,6}(?![\d/])",
    "date_of_birth": (
        r"(?<![\d/])(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
        r"(?:19|20)\d{2})(?![\d/])|"
        + MONTH
        + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?"
        + MONTH
        + r",?\s+(?:of\s+|de\s+|del\s+)?\d{4}"
    ),
    "password": _WORD,
    "licence_number": (
        rf"(?<![\w/.-])(?=(?:[A-Za-z\-]*\d){{6}})[A-Za-z0-9][A-Za-z0-9\-]{{3,18}}(?![\w{MASK}])"
    ),
}
# A password is the one word after its name: after "is", ":" or "=" any word but these, with
# no such link only a word with a digit or a sign in it ("password hunter2").
_NOT_A_PASSWORD = (
    r"(?:not|wrong|incorrect|expired|invalid|locked|reset|changed|correct|same|still|too|the|a|"
    r"an|my|for|to|and|or|on|in|at|of|was|is|it|that|this|no|ok|okay|right|fine)\b"
)


@dataclass(frozen=True)
class Finder:
    """One way a kind of secret is written; `check` (a checksum) must accept its digits."""

    kind: str
    pattern: re.Pattern
    check: Optional[Callable[[str], bool]] = None
    fragment: bool = False  # part of a card number: the rest may follow in the next message


def _after(kind: str, says: str = _GAP) -> re.Pattern:
    return re.compile(rf"(?i)\b(?:{NAMES[kind]}){_END}{says}(?P<value>{VALUES[kind]})")


def _before(kind: str) -> re.Pattern:
    return re.compile(rf"(?i)(?P<value>{VALUES[kind]}){_THEN}(?:{NAMES[kind]}){_END}")


FINDERS: List[Finder] = [
    Finder("email", re.compile(r"(?P<value>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.UNICODE)),
    Finder("ssn", _after("ssn")),
    Finder("ssn", _before("ssn")),
    Finder("routing_number", _after("routing_number"), aba_valid),
    Finder("routing_number", _before("routing_number"), aba_valid),
    Finder(
        "account_number",
        re.compile(
            rf"(?i)\b(?:{NAMES['account_number']}){_END}(?!\s*ends?\b)"
            rf"(?:\s*(?:is|:|#|of|=|es))?\s*(?P<value>{VALUES['account_number']})"
        ),
    ),
    Finder("account_number", _before("account_number")),
    Finder("security_code", _after("security_code")),
    Finder("security_code", _before("security_code")),
    Finder("expiry_date", _after("expiry_date")),
    Finder("pin", _after("pin", _SAYS)),
    Finder("pin", _before("pin")),
    Finder("date_of_birth", _after("date_of_birth", _SAYS)),
    Finder("licence_number", _after("licence_number", _SAYS)),
    Finder("licence_number", _before("licence_number")),
    Finder(
        "password",
        re.compile(
            rf"(?i)\b(?:{NAMES['password']}){_END}\s*(?:is|was|:|=|es|era|would\s+be)\s*"
            rf"(?!{_NOT_A_PASSWORD})(?P<value>{VALUES['password']})"
        ),
    ),
    Finder(
        "password",
        re.compile(
            rf"(?i)\b(?:{NAMES['password']}){_END}\s+(?!{_NOT_A_PASSWORD})"
            rf"(?P<value>(?=[^\s{MASK}]*(?:[\d_]|[^\w\s{MASK}]))[^\s{MASK}]{{2,40}})"
        ),
    ),
    # Digits after "card number is" (at least four), or after "card" (at least six: "card 1234"
    # may be the last four, printed on every receipt)
    Finder(
        "card_number",
        re.compile(
            r"(?i)\b(?:card|tarjeta|visa|mastercard|amex|discover)\s*(?:number|no\.?|#|n[uú]mero)"
            + _SAYS
            + rf"(?<!\d)(?P<value>\d(?:{PLAIN_SEP}{{0,6}}\d){{3,18}})(?![\d/])"
        ),
        fragment=True,
    ),
    Finder(
        "card_number",
        re.compile(
            r"(?i)\b(?:card|tarjeta|visa|mastercard|amex|discover)"
            + _SAYS
            + rf"(?<!\d)(?P<value>\d(?:{PLAIN_SEP}{{0,6}}\d){{5,18}})(?![\d/])"
        ),
        fragment=True,
    ),
]
# Part of a card: two or three groups of four digits (not a year first: "2018 2019" is kept)
FRAGMENT = re.compile(
    rf"(?<![\d/])(?P<value>(?!19|20)\d{{4}}(?:{PLAIN_SEP}{{1,6}}\d{{4}}){{1,2}}"
    rf"(?:{PLAIN_SEP}{{1,6}}\d{{1,4}})?)(?![\d/])"
)
# The rest of a card at the start of the next message: three digits at least (not a day, "3
# september 2019"), not a date with slashes, not a year alone
CONTINUATION = re.compile(
    rf"^\W{{0,6}}(?:and\s+|then\s+|y\s+)?(?P<value>(?!(?:19|20)\d\d\b(?![\s.,\-_]*\d))"
    rf"(?=(?:\D{{0,6}}\d){{3}})\d+(?:{PLAIN_SEP}{{1,6}}\d+)*)(?![\d/])"
)
SSN_FORM = re.compile(
    rf"(?<![\d/])(?P<value>\d{{3}}{SEP}{{1,3}}\d{{2}}{SEP}{{1,3}}\d{{4}})(?![\d/])"
)
PHONE = re.compile(
    r"(?<![\d])(?P<value>(?:\+?1[\s.\-]*)?(?:\(\d{3}\)|\d{3})[\s.\-]*\d{3}[\s.\-]*\d{4})(?![\d])"
)
DIGIT_RUN = re.compile(rf"\d+(?:{SEP}{{1,6}}\d+)*")
