"""Everyday words -> channel + instrument (+ what was paid)."""

from __future__ import annotations

import pytest

from bot.methods import Method, understand_method, understand_service


@pytest.mark.parametrize(
    "text, channel, instrument",
    [
        ("online with my Visa", "online_one_time", "card"),
        ("on the website", "online_one_time", None),
        ("through the city's Click2Gov portal with a debit card", "online_one_time", "card"),
        ("paid on my phone through the city site with Mastercard", "online_one_time", "card"),
        ("autopay", "autopay_existing", None),
        ("I'm on auto-pay", "autopay_existing", None),
        ("automatic payments from my credit card", "autopay_existing", "card"),
        ("bank draft every month", "autopay_existing", "bank_account"),
        ("I signed up for autopay that day", "autopay_new", None),
        ("set up recurring payments online with my card", "autopay_new", "card"),
        ("by phone", "phone", None),
        ("called the automated line and used my credit card", "phone", "card"),
        ("over the phone with Amex", "phone", "card"),
        ("at city hall", "in_person", None),
        ("in person with cash", "in_person", "cash"),
        ("cash", "in_person", "cash"),
        ("walked in to the counter and paid with my debit card", "in_person", "card"),
        ("payment kiosk in the lobby", "kiosk", None),
        ("mailed a check", "mail", "paper_check"),
        ("put a money order in the drop box", "mail", "paper_check"),
        ("e-check", None, "bank_account"),
        ("online with an e-check", "online_one_time", "bank_account"),
        ("electronic check from my checking account", None, "bank_account"),
        ("ACH", None, "bank_account"),
        ("my bank's bill pay", "third_party", "bank_account"),
        ("PayPal", "third_party", None),
        ("I don't know", None, None),
    ],
)
def test_everyday_words(text, channel, instrument):
    method = understand_method(text)
    assert (method.channel, method.instrument) == (channel, instrument)


@pytest.mark.parametrize(
    "text, service",
    [
        ("my water bill", "utility"),
        ("the trash and sewer", "utility"),
        ("a building permit", "building_permit"),
        ("parking ticket", "parking_ticket"),
        ("my business license renewal", "business_license"),
        ("business tax receipt", "business_license"),
        ("a code compliance fine", "civil_citation"),
        ("planning and zoning", "permitting_licensing_fee"),
        ("permitting and licensing fees", "permitting_licensing_fee"),
        ("parks and recreation", "other"),
        ("other", "other"),
        ("online with my Visa", None),
        ("I was planning to pay online", None),  # a word, not a department
        ("Highland Park, online by card", None),  # a city's name, not parks and recreation
        ("a library fine", "other"),
        ("Other than that, I paid online with my card on Sept 3", None),  # not the service "other"
        ("I paid at the library with my card", None),  # a place, not what was paid for
        ("paid at the recreation center", None),
    ],
)
def test_what_was_paid(text, service):
    assert understand_service(text) == service


def test_every_service_has_its_everyday_words():
    from bot.knowledge.vocabulary import Service
    from bot.methods import _SERVICE_WORDS

    assert set(_SERVICE_WORDS) == set(Service)


def test_a_later_detail_is_merged_into_what_was_said():
    before = Method("online_one_time", None)
    assert Method(None, "card").merged_into(before) == Method("online_one_time", "card")
    assert Method("phone", None).merged_into(Method("online_one_time", "card")) == Method(
        "phone", "card"
    )
