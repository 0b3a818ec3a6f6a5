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

SEPARATORS = [
    " ",
    "\u00a0",
    "\u2009",
    "\u202f",
    ".",
    "/",
    "-",
    "\t",
    "  ",
    " - ",
    "\u2007",
    ",",
    ", ",
    "\u2013",  # en dash
    "\u2014",  # em dash
    "\u2212",  # minus sign
    " \u2013 ",
    "\u200b",  # zero-width space
    "\u00ad",  # soft hyphen
    "\u2060",  # word joiner
    "    ",
]
DIGIT_WORDS = {
    "en": "zero one two three four five six seven eight nine".split(),
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
}
WORD_GLUE = [" ", ", ", "-", " - "]
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
CODE_AFTER = [
    "{} is my cvv",
    "{} is the security code",
    "{}, my cvv",
    "{} es mi código de seguridad",
]
CODE_SAID = ["my code is {}", "the code is {}", "cvv is {}", "mi código es {}", "cvv: {}"]
SSN_WORDS = [
    "ssn {}",
    "SSN: {}",
    "ss number {}",
    "social security number {}",
    "my social is {}",
    "ssn{}",
    "tax id {}",
    "my taxpayer id number is {}",
    "mi número de seguro social es {}",
]
SSN_AFTER = [
    "{} is my social security number",
    "{} is my ssn",
    "{} - my social",
    "{} es mi seguro social",
]
MONTHS = "january february march april may june july august september october november december"
MESES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
EXPIRY_WORDS = [
    "expiring {month} {year}",
    "it expires {month} {year}",
    "exp {short} {year2}",
    "expiration date {month} of {year}",
    "vence en {mes} de {year}",
    "fecha de vencimiento {mes} {year}",
]
ROUTING_AFTER = ["{} is my routing number", "{} is the aba number", "{} es mi número de ruta"]
ACCOUNT_AFTER = ["{} is my account number", "{} is my checking account", "{} es mi cuenta"]
PIN_FORMS = ["pin {}", "my pin is {}", "PIN: {}", "{} is my pin", "pin number {}", "mi nip es {}"]
PASSWORD_FORMS = [
    "my password is {}",
    "password: {}",
    "pw={}",
    "the login password is {}",
    "mi contraseña es {}",
]
BIRTH_FORMS = [
    "date of birth {}",
    "dob {}",
    "my DOB is {}",
    "born on {}",
    "fecha de nacimiento {}",
]
LICENCE_FORMS = [
    "driver's license {}",
    "DL# {}",
    "drivers license number is {}",
    "licence no. {}",
    "{} is my driver's license",
    "licencia de conducir {}",
]
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
    follow: Optional[str] = None  # the rest of the secret, in the conversation's next message

    @property
    def messages(self) -> List[str]:
        return [self.message] + ([self.follow] if self.follow else [])

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
    yield from _new_forms(rng, count_per_kind)
    for _ in range(count_per_kind):
        user = "".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8)))
        email = f"{user}.{rng.randint(1, 99)}@example.org"
        yield Case("email", f"write to me at {email} please", [re.escape(email)])
    for _ in range(count_per_kind):
        a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
        written = rng.choice(PHONE_FORMS).format(a=a, b=b, c=f"{c:04d}")
        yield Case("phone_number", f"call me back at {written}", [digits_needle(f"{a}{b}{c:04d}")])


def spoken(digits: str, rng: random.Random, language: str = "") -> str:
    """The digits said as words ("seven three one", "siete tres uno")."""
    words = DIGIT_WORDS[language or rng.choice(["en", "es"])]
    glue = rng.choice(WORD_GLUE)
    return glue.join(words[int(d)] for d in digits)


def words_needle(written: str) -> str:
    """Digit words as written, with any glue between them."""
    return r"\W{0,4}".join(re.escape(w) for w in re.findall(r"\w+", written))


def random_digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _new_forms(rng: random.Random, count: int) -> Iterator[Case]:
    """The forms a resident types that a pattern on the raw text misses (issue 23)."""
    for _ in range(count):  # a card said as words, English or Spanish
        number = card_number(rng)
        written = spoken(number, rng)
        message = rng.choice(CARD_SENTENCES).format(written)
        yield Case("card_number", message, [words_needle(written)])
    for _ in range(count):  # a card split over two messages
        number = card_number(rng)
        # Four digits alone may be kept (PCI DSS lets a receipt show the first six and last
        # four): split after four only after "card number"
        cut = rng.choice([4, 8, 8, 12])
        head = spaced(number[:cut], [4] * (cut // 4), rng.choice([" ", "-", " "]))
        tail = spaced(number[cut:], [4, 4, 4, 4], rng.choice([" ", "-"]))
        forms = ["my card number is {}", "card number {}"]
        if cut > 4:
            forms += ["card {}", "{}", "it's {}"]
        first = rng.choice(forms).format(head)
        follow = rng.choice(["{}", "and {}", "...{}"]).format(tail)
        parts = [number[:cut], number[cut:]]
        # where the message went (logs with timestamps), a part of four digits is looked for
        # with its words, a longer part anywhere
        traces = [digits_needle(p) for p in parts if len(p) >= 8]
        traces += [rf'"text": "{re.escape(follow)}"'] if len(parts[1]) < 8 else []
        yield Case(
            "card_number",
            first,
            [digits_needle(p) for p in parts],
            traces + [re.escape(first)],
            follow=follow,
        )
    for _ in range(count):  # codes before their words, or said as words
        code = random_digits(rng, rng.choice([3, 4]))
        if rng.random() < 0.5:
            written = rng.choice(CODE_AFTER).format(code)
            yield Case("security_code", written, [rf"(?<!\d){code}(?!\d)"], [re.escape(written)])
        else:
            said = spoken(code, rng) if rng.random() < 0.6 else code
            written = rng.choice(CODE_SAID).format(said)
            needle = words_needle(said) if said != code else rf"(?<!\d){code}(?!\d)"
            yield Case("security_code", written, [needle], [re.escape(written)])
    for _ in range(count):  # SSNs before their words, spaced, glued, said, called a tax id
        ssn = f"{rng.randint(100, 899):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        form = rng.choice(["after", "spaced", "words", "glued"])
        if form == "after":
            message = rng.choice(SSN_AFTER).format(ssn)
        elif form == "spaced":
            sep = rng.choice([" - ", " \u2013 ", "\u2014", " . ", "\u200b"])
            message = rng.choice(["{}", *SSN_WORDS]).format(
                f"{ssn[:3]}{sep}{ssn[3:5]}{sep}{ssn[5:]}"
            )
        elif form == "words":
            said = spoken(ssn, rng)
            message = rng.choice([w for w in SSN_WORDS if w != "ssn{}"] + SSN_AFTER).format(said)
            yield Case("ssn", message, [words_needle(said)])
            continue
        else:
            message = f"ssn{ssn}"
        yield Case("ssn", message, [digits_needle(ssn)])
    for _ in range(count):  # expiry in words
        month = rng.randint(1, 12)
        year = rng.randint(2026, 2031)
        name = MONTHS.split()[month - 1]
        message = rng.choice(EXPIRY_WORDS).format(
            month=name.capitalize() if rng.random() < 0.5 else name,
            short=name[:3] + rng.choice(["", "."]),
            mes=MESES.split()[month - 1],
            year=year,
            year2=str(year)[2:],
        )
        yield Case("expiry_date", message, [rf"{str(year)[2:]}(?!\d)"], [re.escape(message)])
    for _ in range(count):  # routing and account numbers before their words
        routing = aba_number(rng)
        yield Case("routing_number", rng.choice(ROUTING_AFTER).format(routing), [routing])
        account = random_digits(rng, rng.randint(8, 14))
        yield Case("account_number", rng.choice(ACCOUNT_AFTER).format(account), [account])
    for _ in range(count):  # PINs, passwords, dates of birth, driver's licence numbers
        pin = random_digits(rng, rng.choice([4, 4, 6]))
        said = spoken(pin, rng) if rng.random() < 0.3 else pin
        message = rng.choice(PIN_FORMS).format(said)
        needle = words_needle(said) if said != pin else rf"(?<!\d){pin}(?!\d)"
        yield Case("pin", message, [needle], [re.escape(message)])
        password = rng.choice(["hunter", "Sunny", "tigre", "Blue"]) + random_digits(rng, 2)
        password += rng.choice(["", "!", "#x"])
        message = rng.choice(PASSWORD_FORMS).format(password)
        yield Case("password", message, [re.escape(password)])
        month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1940, 2005)
        written = rng.choice(
            [
                f"{month}/{day}/{year}",
                f"{month:02d}-{day:02d}-{year}",
                f"{MONTHS.split()[month - 1].capitalize()} {day}, {year}",
                f"{day} de {MESES.split()[month - 1]} de {year}",
            ]
        )
        message = rng.choice(BIRTH_FORMS).format(written)
        # the year alone is looked for in the kept message, not where a timestamp may hold it
        yield Case(
            "date_of_birth",
            message,
            [re.escape(written), rf"(?<!\d){year}(?!\d)"],
            [re.escape(written)],
        )
        licence = rng.choice(["", "D", "B", "CA"]) + random_digits(rng, rng.randint(7, 9))
        message = rng.choice(LICENCE_FORMS).format(licence)
        yield Case("licence_number", message, [re.escape(licence)], [re.escape(message)])


def everything(cases: List[Case], check: Callable[[str], str]) -> List[str]:
    """Every case whose secret survives `check` (a function from message to what was kept)."""
    leaks = []
    for case in cases:
        kept = check(case.message)
        for needle in case.found_in(kept):
            leaks.append(f"{case.kind}: {case.message!r} -> {kept!r} ({needle})")
    return leaks


def conversation_leaks(cases: List[Case], check: Callable[[List[str]], List[str]]) -> List[str]:
    """Every case whose secret survives `check` (from a conversation's messages to what was
    kept of each): a secret split over two messages must leave no part in either."""
    leaks = []
    for case in cases:
        kept = " | ".join(check(case.messages))
        for needle in case.found_in(kept):
            leaks.append(f"{case.kind}: {case.messages!r} -> {kept!r} ({needle})")
    return leaks
