"""Understanding how a resident paid: everyday words -> channel + instrument (DESIGN.md §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from bot.knowledge.vocabulary import CHANNEL_SHORT, INSTRUMENT_SHORT, SERVICES


@dataclass(frozen=True)
class Method:
    """How a payment was made. None means the resident did not say."""

    channel: Optional[str] = None
    instrument: Optional[str] = None
    service: Optional[str] = None

    @property
    def known(self) -> bool:
        return self.channel is not None or self.instrument is not None

    def describe(self) -> str:
        """'online by card', 'by phone', 'in person in cash' or 'a payment method you did not name'."""
        parts = [CHANNEL_SHORT[self.channel]] if self.channel else []
        if self.instrument:
            parts.append(INSTRUMENT_SHORT[self.instrument])
        return " ".join(parts) if parts else "a payment method you did not name"


# Patterns are tried in order; the first match of each list wins. Words are matched on lower-cased text.
_NEW_AUTOPAY = (
    r"\b(set(ting)? up|signed? up|sign(ed|ing)? up for|enrol(l)?(ed|ing)?( in)?|registered for|"
    r"started|new)\b.{0,25}\b(auto ?-?pay|automatic (bill )?pay(ments?)?|recurring|auto ?-?draft)",
)
_AUTOPAY = (
    r"\bauto ?-?pay", r"\bautomatic(ally)? (bill )?(pay|paid|payments?|draft|debit|deduct)",
    r"\brecurring\b", r"\bre-?occurring\b", r"\bauto ?-?draft", r"\bbank draft\b",
    r"\bdirect debit\b", r"\bauto ?-?debit", r"\bpaid automatically\b", r"\bcomes? out automatically\b",
)  # fmt: skip
_THIRD_PARTY = (
    r"\b(my )?bank'?s? (online )?bill ?pay", r"\bbill ?pay (service|through|from|with|at) ",
    r"\bonline banking\b", r"\bthrough my bank\b", r"\bthird[- ]party\b", r"\bpaypal\b",
    r"\bwestern union\b", r"\bmoneygram\b", r"\bpay ?near ?me\b", r"\bvenmo\b", r"\bzelle\b",
)  # fmt: skip
_KIOSK = (r"\bkiosk", r"\bpayment machine\b", r"\bself[- ]service (machine|station)\b")
_PHONE = (
    r"\b(by|over the|on the|via( the)?|through the) (tele)?phone\b", r"\bphoned\b",
    r"\b(called|call) (in|the city|them|city hall|the office|the number)\b", r"\bivr\b",
    r"\bautomated (phone|line|system)\b", r"\bphone (system|line|payment)\b", r"\bcalled\b",
    r"\bpay[- ]by[- ]phone\b", r"\btelephone\b",
)  # fmt: skip
_IN_PERSON = (
    r"\bin[- ]person\b", r"\bcity hall\b", r"\b(at|to) the (counter|window|office|front desk|cashier)",
    r"\bwalk(ed)?[- ]in\b", r"\bwent (in|down|to)\b", r"\bover the counter\b", r"\bcashier\b",
    r"\bat the (utility|billing|water) (office|department)\b", r"\bface to face\b",
)  # fmt: skip
_MAIL = (
    r"\bmail(ed)?\b", r"\bby post\b", r"\bposted a\b", r"\bdrop[- ]?box\b", r"\bnight drop\b",
    r"\benvelope\b", r"\bsent (a|my|the) (check|cheque|payment|money order)\b", r"\bpayment slip\b",
)  # fmt: skip
_ONLINE = (
    r"\bonline\b", r"\bon-?line\b", r"\bweb ?site\b", r"\bweb\b", r"\bsite\b", r"\bportal\b",
    r"\bclick ?2 ?gov\b", r"\binternet\b", r"\bon (my|the) (computer|laptop|phone|tablet|ipad)\b",
    r"\bapp\b", r"\bweb ?page\b", r"\bthe city'?s page\b", r"\bpaid on the\b", r"\be-?bill",
)  # fmt: skip

_BANK = (
    r"\be-? ?checks?\b", r"\belectronic check", r"\bbank account\b", r"\bchecking account\b",
    r"\bsavings account\b", r"\bach\b", r"\brouting (number|no)\b", r"\bbank draft\b",
    r"\bdirect debit\b", r"\bfrom my (bank|account)\b", r"\bbank transfer\b", r"\beft\b",
    r"\bdebit(ed)? from my (bank|checking)", r"\bwith my bank\b",
)  # fmt: skip
_CARD = (
    r"\bcards?\b", r"\bcredit\b", r"\bdebit\b", r"\bvisa\b", r"\bmaster ?card\b", r"\bamex\b",
    r"\bamerican express\b", r"\bdiscover( card)?\b", r"\bcc\b", r"\bplastic\b",
)  # fmt: skip
_PAPER_CHECK = (r"\bchecks?\b", r"\bcheques?\b", r"\bmoney orders?\b", r"\bcashier'?s check\b")
_CASH = (r"\bcash\b", r"\bbills and coins\b")
_NOT_A_CHECK = (
    r"\b(check|checking) (if|whether|my payment|on|it|this|that|the breach)\b|\bchecking\b"
)

_SERVICE_WORDS = {
    "utility": r"\b(utilit(y|ies)|water|sewer|trash|garbage|electric(ity)?|gas bill|power bill)\b",
    "building_permit": r"\b(building )?permits?\b",
    "business_license": r"\bbusiness licen[cs]es?\b|\blicen[cs]e\b",
    "parking_ticket": r"\bparking( tickets?| fines?| citations?)?\b",
    "civil_citation": r"\b(civil )?citations?\b|\bcode (enforcement|violation)",
}
assert set(_SERVICE_WORDS) <= set(SERVICES)


def _first(text: str, patterns: Sequence[str]) -> Optional[str]:
    for pattern in patterns:
        found = re.search(pattern, text)
        if found:
            return found.group(0)
    return None


def _channel(text: str) -> Optional[str]:
    ordered: Tuple[Tuple[str, Sequence[str]], ...] = (
        ("autopay_new", _NEW_AUTOPAY),
        ("autopay_existing", _AUTOPAY),
        ("third_party", _THIRD_PARTY),
        ("kiosk", _KIOSK),
        ("in_person", _IN_PERSON),
        ("mail", _MAIL),
        ("phone", _PHONE),
        ("online_one_time", _ONLINE),
    )
    for channel, patterns in ordered:
        if _first(text, patterns):
            return channel
    return None


def _instrument(text: str) -> Optional[str]:
    if _first(text, _BANK):
        return "bank_account"
    if _first(text, _CASH):
        return "cash"
    without_check_verbs = re.sub(_NOT_A_CHECK, " ", text)
    if _first(text, _CARD) and not re.search(r"\bdebit(ed)? from my (bank|checking)", text):
        return "card"
    if _first(without_check_verbs, _PAPER_CHECK):
        return "paper_check"
    return None


def understand_service(text: str) -> Optional[str]:
    """What the payment was for, when the resident says it ('my water bill' -> utility)."""
    lowered = text.lower()
    for service, pattern in _SERVICE_WORDS.items():
        if re.search(pattern, lowered):
            return service
    return None


def understand_method(text: str) -> Method:
    """Map everyday words to a channel and an instrument; either may stay None when not said."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    channel = _channel(lowered)
    instrument = _instrument(lowered)
    if channel is None and instrument == "cash":
        channel = "in_person"  # cash can only be paid at a counter
    if channel == "third_party" and instrument is None and "bank" in lowered:
        instrument = "bank_account"  # a bank's bill pay draws on the bank account
    return Method(channel=channel, instrument=instrument, service=understand_service(lowered))
