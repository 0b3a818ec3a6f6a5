"""A battery of secrets as residents type them, generated (seeded, so every run is the same).

Each case is a message and the `needles`: regular expressions that must match nowhere once the
message has gone through the assistant (replies, tracker store, logs). Used by the unit tests of
bot/redaction.py (thousands of cases) and by the end-to-end battery (a conversation per case
through every channel).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional

SEPARATORS = [" ", "\u00a0", "\u2009", "\u202f", ".", "/", "-", "\t", "  ", " - ", "\u2007"]
PREFIXES = ["", "visa-", "card:", "card#", "no.", "#", "mc ", "Visa "]
CARD_SENTENCES = [
    "my card is {}",
    "{} was it stolen?",
    "I paid Odessa online with {} on 9/3/2019",
    "card number {} - was my payment affected?",
    "is {} safe",
    "on 9/3/2019 I used {} online",
    "the card ending... no wait the whole thing is {}",
]
CODE_FORMS = [
    "cvv{}",
    "cvv {}",
    "CVV2: {}",
    "cvc={}",
    "sec code {}",
    "security code is {}",
    "the 3 digits on the back are {}",
    "the three digit code {}",
    "verification code {}",
    "code on the back {}",
]
SSN_WORDS = ["ssn {}", "SSN: {}", "ss number {}", "social security number {}", "my social is {}"]
EXPIRY_FORMS = ["exp {}", "expires {}", "valid thru {}", "exp date {}", "expiration {}"]
ROUTING_FORMS = ["routing number {}", "ABA {}", "routing # {}", "my routing no. is {}"]
ACCOUNT_FORMS = ["account number {}", "acct # {}", "checking account {}", "account no: {}"]
PHONE_FORMS = [
    "({a}) {b}-{c}",
    "{a}-{b}-{c}",
    "{a}.{b}.{c}",
    "+1 {a} {b} {c}",
    "1-{a}-{b}-{c}",
    "{a}{b}{c}",
]


@dataclass(frozen=True)
class Case:
    """needles: what must not be left in the redacted message itself (strict: a short code's
    digits anywhere); traces: what must not be found anywhere the message went (specific enough
    not to match a port number or a timestamp in a log: a short code with its words)."""

    kind: str
    message: str
    needles: List[str]  # regular expressions
    traces: Optional[List[str]] = None

    def found_in(self, text: str) -> List[str]:
        return [n for n in self.needles if re.search(n, text)]

    def traced_in(self, text: str) -> List[str]:
        return [n for n in (self.traces or self.needles) if re.search(n, text)]


def luhn_complete(partial: str) -> str:
    """partial + the check digit that makes it Luhn-valid."""
    for check in "0123456789":
        digits = partial + check
        total = 0
        for i, char in enumerate(reversed(digits)):
            value = int(char)
            if i % 2 == 1:
                value = value * 2 - 9 if value > 4 else value * 2
            total += value
        if total % 10 == 0:
            return digits
    raise AssertionError


# (prefix, length) of Visa, Mastercard (old and 2-series), American Express, Discover, Visa 19.
CARD_PREFIXES = [
    ("4", 16),
    ("51", 16),
    ("55", 16),
    ("2221", 16),
    ("34", 15),
    ("37", 15),
    ("6011", 16),
    ("4", 19),
]


def card_number(rng: random.Random) -> str:
    start, length = rng.choice(CARD_PREFIXES)
    body = start + "".join(rng.choice("0123456789") for _ in range(length - len(start) - 1))
    return luhn_complete(body)


def spaced(digits: str, sizes: List[int], separator: str) -> str:
    parts, i = [], 0
    for size in sizes:
        parts.append(digits[i : i + size])
        i += size
    return separator.join(p for p in parts if p)


def digits_needle(digits: str) -> str:
    """The digits in order with anything but digits between them (any separator)."""
    return r"\D{0,4}".join(digits)


def aba_number(rng: random.Random) -> str:
    while True:
        digits = "".join(rng.choice("0123456789") for _ in range(9))
        if sum(int(d) * w for d, w in zip(digits, (3, 7, 1) * 3, strict=True)) % 10 == 0:
            return digits


def generate(count_per_kind: int, seed: int = 20261201) -> Iterator[Case]:
    rng = random.Random(seed)
    for _ in range(count_per_kind):
        number = card_number(rng)
        if len(number) == 15:
            sizes = rng.choice([[4, 6, 5], [15]])
        else:
            sizes = rng.choice([[4] * 4 + [len(number) - 16], [len(number)], [4] * 5])
        written = rng.choice(PREFIXES) + spaced(number, sizes, rng.choice(SEPARATORS))
        if rng.random() < 0.2:
            written += "-"
        yield Case(
            "card_number", rng.choice(CARD_SENTENCES).format(written), [digits_needle(number)]
        )
    for _ in range(count_per_kind):
        code = "".join(rng.choice("0123456789") for _ in range(rng.choice([3, 4])))
        written = rng.choice(CODE_FORMS).format(code)
        yield Case("security_code", written, [rf"(?<!\d){code}(?!\d)"], [re.escape(written)])
    for _ in range(count_per_kind):
        ssn = f"{rng.randint(100, 899):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if rng.random() < 0.5:
            sep = rng.choice(["-", " ", ".", "  ", "\u00a0"])
            written = f"{ssn[:3]}{sep}{ssn[3:5]}{sep}{ssn[5:]}"
            message = rng.choice(["{}", *SSN_WORDS]).format(written)
        else:
            message = rng.choice(SSN_WORDS).format(ssn)
        yield Case("ssn", message, [digits_needle(ssn)])
    for _ in range(count_per_kind):
        month, year = rng.randint(1, 12), rng.randint(24, 31)
        written = rng.choice([f"{month:02d}/{year}", f"{month}/20{year}", f"{month:02d}-{year}"])
        message = rng.choice(EXPIRY_FORMS).format(written)
        yield Case("expiry_date", message, [re.escape(written)], [re.escape(message)])
    for _ in range(count_per_kind):
        routing = aba_number(rng)
        yield Case("routing_number", rng.choice(ROUTING_FORMS).format(routing), [routing])
    for _ in range(count_per_kind):
        account = "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 14)))
        yield Case("account_number", rng.choice(ACCOUNT_FORMS).format(account), [account])
    for _ in range(count_per_kind):
        user = "".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8)))
        email = f"{user}.{rng.randint(1, 99)}@example.org"
        yield Case("email", f"write to me at {email} please", [re.escape(email)])
    for _ in range(count_per_kind):
        a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
        written = rng.choice(PHONE_FORMS).format(a=a, b=b, c=f"{c:04d}")
        yield Case("phone_number", f"call me back at {written}", [digits_needle(f"{a}{b}{c:04d}")])


def everything(cases: List[Case], check: Callable[[str], str]) -> List[str]:
    """Every case whose secret survives `check` (a function from message to what was kept)."""
    leaks = []
    for case in cases:
        kept = check(case.message)
        for needle in case.found_in(kept):
            leaks.append(f"{case.kind}: {case.message!r} -> {kept!r} ({needle})")
    return leaks
