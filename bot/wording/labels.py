"""What each controlled word of the knowledge files is called in a reply."""

from __future__ import annotations

from bot.knowledge.vocabulary import Channel, DataItem, Instrument, Service

CHANNEL_SHORT = {
    Channel.ONLINE_ONE_TIME: "online",
    Channel.AUTOPAY_EXISTING: "by an existing autopay",
    Channel.AUTOPAY_NEW: "by a new online autopay enrollment",
    Channel.PHONE: "by phone",
    Channel.IN_PERSON: "in person",
    Channel.KIOSK: "at a kiosk",
    Channel.MAIL: "by mail",
    Channel.THIRD_PARTY: "through a third-party bill-pay service",
}

INSTRUMENT_SHORT = {
    Instrument.CARD: "by card",
    Instrument.BANK_ACCOUNT: "from a bank account (e-check)",
    Instrument.PAPER_CHECK: "by check",
    Instrument.CASH: "in cash",
}

SERVICES = {
    Service.UTILITY: "utility bills",
    Service.BUILDING_PERMIT: "building permits",
    Service.BUSINESS_LICENSE: "business licenses",
    Service.PARKING_TICKET: "parking tickets",
    Service.CIVIL_CITATION: "civil citations",
    Service.PERMITTING_LICENSING_FEE: "permitting and licensing fees",
    Service.OTHER: "other city payments",
}

SERVICE_ONE = {
    Service.UTILITY: "a utility bill",
    Service.BUILDING_PERMIT: "a building permit",
    Service.BUSINESS_LICENSE: "a business license",
    Service.PARKING_TICKET: "a parking ticket",
    Service.CIVIL_CITATION: "a civil citation",
    Service.PERMITTING_LICENSING_FEE: "a permitting or licensing fee",
    Service.OTHER: "another city payment",
}

DATA_ITEMS = {
    DataItem.CARD_NUMBER: "card number",
    DataItem.CARD_DETAILS: "card information",  # a fact's `text` gives the notice's own words
    DataItem.CARDHOLDER_NAME: "name on the card",
    DataItem.BILLING_ADDRESS: "billing address",
    DataItem.ADDRESS: "address",
    DataItem.EMAIL: "email address",
    DataItem.CARD_EXPIRATION: "card expiration date",
    DataItem.SECURITY_CODE: "card security code",
    DataItem.BANK_DETAILS: "other banking details",
    DataItem.BANK_ACCOUNT_NUMBER: "bank account number",
    DataItem.ROUTING_NUMBER: "bank routing number",
    DataItem.SSN: "Social Security number",
    DataItem.DATE_OF_BIRTH: "date of birth",
}
