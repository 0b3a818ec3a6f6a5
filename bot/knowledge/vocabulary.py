"""The controlled words of the knowledge files (DESIGN.md §3). Labels residents read are wording:
see `bot/wording/labels.py`."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class Word(str, Enum):
    """A controlled word: compares equal to its text, prints as its text."""

    def __str__(self) -> str:
        return self.value


class Channel(Word):
    ONLINE_ONE_TIME = "online_one_time"
    AUTOPAY_EXISTING = "autopay_existing"
    AUTOPAY_NEW = "autopay_new"
    PHONE = "phone"
    IN_PERSON = "in_person"
    KIOSK = "kiosk"
    MAIL = "mail"
    THIRD_PARTY = "third_party"


class Instrument(Word):
    CARD = "card"
    BANK_ACCOUNT = "bank_account"
    PAPER_CHECK = "paper_check"
    CASH = "cash"


class Service(Word):
    UTILITY = "utility"
    BUILDING_PERMIT = "building_permit"
    BUSINESS_LICENSE = "business_license"
    PARKING_TICKET = "parking_ticket"
    CIVIL_CITATION = "civil_citation"
    PERMITTING_LICENSING_FEE = "permitting_licensing_fee"
    OTHER = "other"


class DataItem(Word):
    CARD_NUMBER = "card_number"
    CARD_DETAILS = "card_details"
    CARDHOLDER_NAME = "cardholder_name"
    BILLING_ADDRESS = "billing_address"
    ADDRESS = "address"
    EMAIL = "email"
    CARD_EXPIRATION = "card_expiration"
    SECURITY_CODE = "security_code"
    BANK_DETAILS = "bank_details"
    BANK_ACCOUNT_NUMBER = "bank_account_number"
    ROUTING_NUMBER = "routing_number"
    SSN = "ssn"
    DATE_OF_BIRTH = "date_of_birth"


# Whose data each item is: a card payer's, an e-check payer's, or anyone's (None). A payer is
# told of the items, and given the steps, that fit the way they paid (bot/rules.py).
PAID_WITH = {
    DataItem.CARD_NUMBER: Instrument.CARD,
    DataItem.CARD_DETAILS: Instrument.CARD,
    DataItem.CARDHOLDER_NAME: Instrument.CARD,
    DataItem.BILLING_ADDRESS: None,
    DataItem.ADDRESS: None,
    DataItem.EMAIL: None,
    DataItem.CARD_EXPIRATION: Instrument.CARD,
    DataItem.SECURITY_CODE: Instrument.CARD,
    DataItem.BANK_DETAILS: None,  # "other banking details": too vague to be an e-check's only
    DataItem.BANK_ACCOUNT_NUMBER: Instrument.BANK_ACCOUNT,
    DataItem.ROUTING_NUMBER: Instrument.BANK_ACCOUNT,
    DataItem.SSN: None,
    DataItem.DATE_OF_BIRTH: None,
}


def fits_payer(item: DataItem, instrument: Optional[str]) -> bool:
    """Whether the item could be the payer's: anyone's data, or data of the instrument they paid
    with (all of it when the instrument is unknown; a paper check carries the bank's numbers)."""
    owner = PAID_WITH[DataItem(item)]
    if owner is None or instrument is None:
        return True
    paid = (
        Instrument.BANK_ACCOUNT if instrument == Instrument.PAPER_CHECK else Instrument(instrument)
    )
    return owner == paid


class Status(Word):
    CONFIRMED = "confirmed"
    UNDER_INVESTIGATION = "under_investigation"
    NAMED_WITHOUT_DETAILS = "named_without_details"


class WindowKind(Word):
    CONFIRMED = "confirmed"
    UNPUBLISHED_DATES = "unpublished_dates"


class Verdict(Word):
    """The result of one check (DESIGN.md §3); also the values of the `verdict` slot (§5)."""

    AFFECTED = "affected"
    POSSIBLY_AFFECTED = "possibly_affected"
    NOT_AFFECTED = "not_affected"
    UNDER_INVESTIGATION = "under_investigation"
    NO_DETAILS_ON_RECORD = "no_details_on_record"
    NO_INCIDENT_ON_RECORD = "no_incident_on_record"


class OnlineStatus(Word):
    SAFE = "safe"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"


class Basis(Word):
    STATED = "stated"
    INFERRED = "inferred"


class DocumentKind(Word):
    CITY_NOTICE = "city_notice"  # the city's own notice or press release, as published
    NEWS_ARTICLE = "news_article"  # a report about it


# What each vocabulary is called in a validation message ("unknown channel 'fax'").
WHAT = {
    Channel: "channel",
    Instrument: "instrument",
    Service: "service",
    DataItem: "data item",
    Status: "status",
    WindowKind: "window kind",
    Verdict: "verdict",
    OnlineStatus: "status",
    Basis: "basis",
    DocumentKind: "notice kind",
}
