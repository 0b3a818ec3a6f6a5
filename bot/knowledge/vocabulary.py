"""The controlled words of the knowledge files, with the plain-language labels residents read."""

from __future__ import annotations

CHANNELS = {
    "online_one_time": "a one-time payment online (the city's Click2Gov payment website)",
    "autopay_existing": "an automatic recurring payment (autopay) set up earlier",
    "autopay_new": "a new autopay enrollment made online",
    "phone": "a payment by phone (a clerk or the automated phone line)",
    "in_person": "a payment in person at a city counter",
    "kiosk": "a payment at a self-service kiosk",
    "mail": "a payment by mail or drop box",
    "third_party": "a payment through a third-party bill-pay service (for example your bank's bill pay)",
}

CHANNEL_SHORT = {
    "online_one_time": "online",
    "autopay_existing": "by autopay",
    "autopay_new": "by a new online autopay enrollment",
    "phone": "by phone",
    "in_person": "in person",
    "kiosk": "at a kiosk",
    "mail": "by mail",
    "third_party": "through a third-party bill-pay service",
}

INSTRUMENTS = {
    "card": "a credit or debit card",
    "bank_account": "a bank account (e-check, ACH or bank draft)",
    "paper_check": "a paper check or money order",
    "cash": "cash",
}

INSTRUMENT_SHORT = {
    "card": "by card",
    "bank_account": "from a bank account (e-check)",
    "paper_check": "by check",
    "cash": "in cash",
}

SERVICES = {
    "utility": "utility bills",
    "building_permit": "building permits",
    "business_license": "business licenses",
    "parking_ticket": "parking tickets",
    "civil_citation": "civil citations",
    "permitting_licensing_fee": "permitting and licensing fees",
    "other": "other city payments",
}

DATA_ITEMS = {
    "card_number": "card number",
    "card_details": "credit/debit card information",
    "cardholder_name": "name on the card",
    "billing_address": "billing address",
    "address": "address",
    "email": "email address",
    "card_expiration": "card expiration date",
    "security_code": "card security code",
    "bank_details": "other banking details",
    "ssn": "Social Security number",
    "date_of_birth": "date of birth",
}

STATUSES = ("confirmed", "under_investigation", "named_without_details")

WINDOW_KINDS = ("confirmed", "unpublished_dates")

VERDICTS = (
    "affected",
    "possibly_affected",
    "not_affected",
    "under_investigation",
    "no_details_on_record",
    "no_incident_on_record",
)

ONLINE_STATUSES = ("safe", "suspended", "unknown")

BASES = ("stated", "inferred")
