"""Understanding how a resident paid: everyday words -> channel + instrument (DESIGN.md §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from bot.date_es import fold
from bot.knowledge.vocabulary import Channel, Instrument, Service
from bot.methods_es import (
    CHANNEL_WORDS_ES,
    EXISTING_AUTOPAY_ES,
    INSTRUMENT_WORDS_ES,
    SERVICE_WORDS_ES,
)


@dataclass(frozen=True)
class Method:
    """How a payment was made. None means the resident did not say."""

    channel: Optional[Channel] = None
    instrument: Optional[Instrument] = None
    service: Optional[Service] = None
    autopay_assumed: bool = False  # "autopay" read as an existing autopay: new or old not said

    @property
    def known(self) -> bool:
        """The resident said how (channel or instrument), not only what for."""
        return self.channel is not None or self.instrument is not None

    def merged_into(self, old: Method) -> Method:
        """What the resident says now wins; what they said before stays where they say nothing new."""
        return Method(
            self.channel or old.channel,
            self.instrument or old.instrument,
            self.service or old.service,
            self.autopay_assumed if self.channel else old.autopay_assumed,
        )


# Patterns are tried in order; the first match of each list wins. Words are matched on lower-cased text.
_NEW_AUTOPAY = (
    r"\b(set(ting)? up|signed? up|sign(ed|ing)? up for|enrol(l)?(ed|ing)?( in)?|registered for|"
    r"started|new)\b.{0,25}\b(auto ?-?pay|automatic (bill )?pay(ments?)?|recurring|auto ?-?draft)",
)
_AUTOPAY = (
    r"\bauto ?-?pay",
    r"\bautomatic(ally)? (bill )?(pay|paid|payments?|draft|debit|deduct)",
    r"\brecurring\b",
    r"\bre-?occurring\b",
    r"\bauto ?-?draft",
    r"\bbank draft\b",
    r"\bdirect debit\b",
    r"\bauto ?-?debit",
    r"\bpaid automatically\b",
    r"\bcomes? out automatically\b",
)
# Words that say the autopay was already running (otherwise "autopay" is assumed to be existing).
_EXISTING_AUTOPAY = (
    r"\b(already|existing|for (years|months|a while|a long time)|been on|have had|had it|"
    r"every month|each month|monthly|recurring|re-?occurring|set up (before|years|long|months))\b"
)
_THIRD_PARTY = (
    r"\b(my )?bank'?s? (online )?bill ?pay",
    r"\bbill ?pay (service|through|from|with|at) ",
    r"\bonline banking\b",
    r"\bthrough my bank\b",
    r"\bthird[- ]party\b",
    r"\bpaypal\b",
    r"\bwestern union\b",
    r"\bmoneygram\b",
    r"\bpay ?near ?me\b",
    r"\bvenmo\b",
    r"\bzelle\b",
)
_KIOSK = (r"\bkiosk", r"\bpayment machine\b", r"\bself[- ]service (machine|station)\b")
_PHONE = (
    r"\b(by|over the|on the|via( the)?|through the) (tele)?phone\b",
    r"\bphoned\b",
    r"\b(called|call) (in|the city|them|city hall|the office|the number)\b",
    r"\bivr\b",
    r"\bautomated (phone|line|system)\b",
    r"\bphone (system|line|payment)\b",
    r"\bcalled\b",
    r"\bpay[- ]by[- ]phone\b",
    r"\btelephone\b",
    r"^(tele)?phone$",  # a terse answer to "How did you pay?" (a text message: "phone")
)
_IN_PERSON = (
    r"\bin[- ]person\b",
    r"\bcity hall\b",
    r"\b(at|to) the (counter|window|office|front desk|cashier)",
    r"\bwalk(ed)?[- ]in\b",
    r"\bwent (in|down|to)\b",
    r"\bover the counter\b",
    r"\bcashier\b",
    r"\bat the (utility|billing|water) (office|department)\b",
    r"\bface to face\b",
)
_MAIL = (
    r"\bmail(ed)?\b",
    r"\bby post\b",
    r"\bposted a\b",
    r"\bdrop[- ]?box\b",
    r"\bnight drop\b",
    r"\benvelope\b",
    r"\bsent (a|my|the) (check|cheque|payment|money order)\b",
    r"\bpayment slip\b",
)
_ONLINE = (
    r"\bonline\b",
    r"\bon-?line\b",
    r"\bweb ?site\b",
    r"\bweb\b",
    r"\bsite\b",
    r"\bportal\b",
    r"\bclick ?2 ?gov\b",
    r"\binternet\b",
    r"\bon (my|the) (computer|laptop|phone|tablet|ipad)\b",
    r"\bapp\b",
    r"\bweb ?page\b",
    r"\bthe city'?s page\b",
    r"\be-?bill",
)

_BANK = (
    r"\be-? ?checks?\b",
    r"\belectronic check",
    r"\bbank account\b",
    r"\bchecking account\b",
    r"\bsavings account\b",
    r"\bach\b",
    r"\brouting (number|no)\b",
    r"\bbank draft\b",
    r"\bdirect debit\b",
    r"\bfrom my (bank|account)\b",
    r"\bbank transfer\b",
    r"\beft\b",
    r"\bdebit(ed)? from my (bank|checking)",
    r"\bwith my bank\b",
)
_CARD = (
    r"\bcards?\b",
    r"\bcredit\b",
    r"\bdebit\b",
    r"\bvisa\b",
    r"\bmaster ?card\b",
    r"\bamex\b",
    r"\bamerican express\b",
    r"\bdiscover( card)?\b",
    r"\bcc\b",
    r"\bplastic\b",
)
_PAPER_CHECK = (r"\bchecks?\b", r"\bcheques?\b", r"\bmoney orders?\b", r"\bcashier'?s check\b")
_CASH = (r"\bcash\b", r"\bbills and coins\b")
_NOT_A_CHECK = (
    r"\b(check|checking) (if|whether|my|on|it|this|that|the|another|an? (payment|bill)|one|again|"
    r"please|up|out)\b|\bchecking\b|"
    r"\b(to|and|please|can you|could you|just|should|must|i'?ll|let me|double|self) ?-?check\b"
)

# The everyday words for each service, tried in this order (a city department's name too:
# "business tax receipt" is Florida's business license, "code compliance" its citations).
_SERVICE_WORDS = {
    Service.UTILITY: r"\b(utilit(y|ies)|water|sewer|trash|garbage|electric(ity)?|gas bill|power bill)\b",
    Service.BUILDING_PERMIT: r"\b(building )?permits?\b",
    Service.BUSINESS_LICENSE: (
        r"\bbusiness licen[cs]es?\b|\blicen[cs]e\b|\b(local )?business tax( receipts?)?\b"
    ),
    Service.PARKING_TICKET: r"\bparking( tickets?| fines?| citations?)?\b",
    Service.CIVIL_CITATION: (
        r"\b(civil )?citations?\b|\bcode (enforcement|violations?|compliance)\b"
    ),
    Service.PERMITTING_LICENSING_FEE: (
        r"\b(permitting|licensing)( and (permitting|licensing))? fees?\b"
        r"|\bplanning and zoning\b|\bzoning\b"
    ),
    Service.OTHER: (
        # a department or a fee by name; "other" only as the whole answer ("Other than that, I
        # paid online", "at the library", "the recreation center" name no service)
        r"\bparks? (and|&) rec(reation)?\b|\blibrary (fines?|fees?)\b"
        r"|^\s*(other|something else)\s*[.!]?\s*$"
    ),
}
# Tried in this order: the first channel whose words appear wins.
_CHANNEL_WORDS: Tuple[Tuple[Channel, Sequence[str]], ...] = (
    (Channel.AUTOPAY_NEW, _NEW_AUTOPAY),
    (Channel.AUTOPAY_EXISTING, _AUTOPAY),
    (Channel.THIRD_PARTY, _THIRD_PARTY),
    (Channel.KIOSK, _KIOSK),
    (Channel.IN_PERSON, _IN_PERSON),
    (Channel.MAIL, _MAIL),
    (Channel.PHONE, _PHONE),
    (Channel.ONLINE_ONE_TIME, _ONLINE),
)


def _first(text: str, patterns: Sequence[str]) -> Optional[str]:
    for pattern in patterns:
        found = re.search(pattern, text)
        if found:
            return found.group(0)
    return None


def _channel(text: str) -> Optional[Channel]:
    return next((channel for channel, words in _CHANNEL_WORDS if _first(text, words)), None)


def _instrument(text: str) -> Optional[Instrument]:
    if _first(text, _BANK):
        return Instrument.BANK_ACCOUNT
    if _first(text, _CASH):
        return Instrument.CASH
    without_check_verbs = re.sub(_NOT_A_CHECK, " ", text)
    if _first(text, _CARD) and not re.search(r"\bdebit(ed)? from my (bank|checking)", text):
        return Instrument.CARD
    if _first(without_check_verbs, _PAPER_CHECK):
        return Instrument.PAPER_CHECK
    return None


def understand_service(text: str, language: str = "en") -> Optional[Service]:
    """What the payment was for, when the resident says it ('my water bill' -> utility).
    language "es": the Spanish words (bot/methods_es.py, "mi recibo del agua") first, then the
    English ones, as for the way of paying."""
    lowered = text.lower()
    if language == "es":
        folded = fold(lowered)
        spanish = (s for s, pattern in SERVICE_WORDS_ES.items() if re.search(pattern, folded))
        found = next(spanish, None)
        if found is not None:
            return found
    return next((s for s, pattern in _SERVICE_WORDS.items() if re.search(pattern, lowered)), None)


def _spanish_channel(folded: str) -> Optional[Channel]:
    return next((channel for channel, words in CHANNEL_WORDS_ES if _first(folded, words)), None)


def _spanish_instrument(folded: str) -> Optional[Instrument]:
    return next(
        (kind for kind, words in INSTRUMENT_WORDS_ES.items() if _first(folded, words)), None
    )


def understand_method(text: str, language: str = "en") -> Method:
    """Map everyday words to a channel and an instrument; either may stay None when not said.
    language "es": the Spanish words (bot/methods_es.py) first, then the English ones."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    channel = instrument = None
    if language == "es":
        folded = fold(lowered)
        channel, instrument = _spanish_channel(folded), _spanish_instrument(folded)
    channel = channel or _channel(lowered)
    instrument = instrument or _instrument(lowered)
    if channel is None and instrument == Instrument.CASH:
        channel = Channel.IN_PERSON  # cash can only be paid at a counter
    if channel == Channel.THIRD_PARTY and instrument is None and "bank" in lowered:
        instrument = Instrument.BANK_ACCOUNT  # a bank's bill pay draws on the bank account
    said_existing = re.search(_EXISTING_AUTOPAY, lowered) or (
        language == "es" and re.search(EXISTING_AUTOPAY_ES, fold(lowered))
    )
    assumed = channel == Channel.AUTOPAY_EXISTING and not said_existing
    return Method(channel, instrument, understand_service(lowered, language), assumed)
