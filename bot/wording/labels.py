"""What each controlled word of the knowledge files is called in a reply.

The tables hold the English words, marked for the catalog (`N_`); a reply says them in its
locale with `t(TABLE[key])` (bot/i18n.py), so other modules that read a table keep working.
"""

from __future__ import annotations

from bot.i18n import N_
from bot.knowledge.vocabulary import Basis, Channel, DataItem, Instrument, Service

CHANNEL_SHORT = {
    Channel.ONLINE_ONE_TIME: N_("online"),
    Channel.AUTOPAY_EXISTING: N_("by an existing autopay"),
    Channel.AUTOPAY_NEW: N_("by a new online autopay enrollment"),
    Channel.PHONE: N_("by phone"),
    Channel.IN_PERSON: N_("in person"),
    Channel.KIOSK: N_("at a kiosk"),
    Channel.MAIL: N_("by mail"),
    Channel.THIRD_PARTY: N_("through a third-party bill-pay service"),
}

INSTRUMENT_SHORT = {
    Instrument.CARD: N_("by card"),
    Instrument.BANK_ACCOUNT: N_("from a bank account (e-check)"),
    Instrument.PAPER_CHECK: N_("by check"),
    Instrument.CASH: N_("in cash"),
}

SERVICES = {
    Service.UTILITY: N_("utility bills"),
    Service.BUILDING_PERMIT: N_("building permits"),
    Service.BUSINESS_LICENSE: N_("business licenses"),
    Service.PARKING_TICKET: N_("parking tickets"),
    Service.CIVIL_CITATION: N_("civil citations"),
    Service.PERMITTING_LICENSING_FEE: N_("permitting and licensing fees"),
    Service.OTHER: N_("other city payments"),
}

SERVICE_ONE = {
    Service.UTILITY: N_("a utility bill"),
    Service.BUILDING_PERMIT: N_("a building permit"),
    Service.BUSINESS_LICENSE: N_("a business license"),
    Service.PARKING_TICKET: N_("a parking ticket"),
    Service.CIVIL_CITATION: N_("a civil citation"),
    Service.PERMITTING_LICENSING_FEE: N_("a permitting or licensing fee"),
    Service.OTHER: N_("another city payment"),
}

DATA_ITEMS = {
    DataItem.CARD_NUMBER: N_("card number"),
    # a fact's `text` gives the notice's own words
    DataItem.CARD_DETAILS: N_("card information"),
    DataItem.CARDHOLDER_NAME: N_("name on the card"),
    DataItem.BILLING_ADDRESS: N_("billing address"),
    DataItem.ADDRESS: N_("address"),
    DataItem.EMAIL: N_("email address"),
    DataItem.CARD_EXPIRATION: N_("card expiration date"),
    DataItem.SECURITY_CODE: N_("card security code"),
    DataItem.BANK_DETAILS: N_("other banking details"),
    DataItem.BANK_ACCOUNT_NUMBER: N_("bank account number"),
    DataItem.ROUTING_NUMBER: N_("bank routing number"),
    DataItem.SSN: N_("Social Security number"),
    DataItem.DATE_OF_BIRTH: N_("date of birth"),
}

# Whether a source states a fact or the knowledge infers it (the agent's script says which).
BASIS = {
    Basis.STATED: N_("stated"),
    Basis.INFERRED: N_("inferred"),
}

# What a city's facts come from, as a common noun ("the {document} does not say so").
DOCUMENTS = {
    "notice": N_("notice"),
    "article": N_("article"),
}

MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
