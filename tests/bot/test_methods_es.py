"""How a resident paid, said in Spanish (bot/methods_es.py): the same channels and instruments
as English, and English words still understood in a Spanish conversation."""

from __future__ import annotations

import pytest

from bot.knowledge.vocabulary import Channel, Instrument
from bot.methods import understand_method

C, PAY = Channel, Instrument


@pytest.mark.parametrize(
    "said, channel, instrument",
    [
        ("en línea con mi tarjeta", C.ONLINE_ONE_TIME, PAY.CARD),
        ("por internet con tarjeta de débito", C.ONLINE_ONE_TIME, PAY.CARD),
        ("en la página de la ciudad con mi Visa", C.ONLINE_ONE_TIME, PAY.CARD),
        ("por teléfono", C.PHONE, None),
        ("llamé al número de la ciudad", C.PHONE, None),
        ("en persona", C.IN_PERSON, None),
        ("en la alcaldía", C.IN_PERSON, None),
        ("en efectivo", C.IN_PERSON, PAY.CASH),
        ("mandé un cheque por correo", C.MAIL, PAY.PAPER_CHECK),
        ("con cheque electrónico", None, PAY.BANK_ACCOUNT),
        ("pago automático", C.AUTOPAY_EXISTING, None),
        ("me inscribí al pago automático", C.AUTOPAY_NEW, None),
        ("por la banca en línea de mi banco", C.THIRD_PARTY, None),
        ("online con mi visa", C.ONLINE_ONE_TIME, PAY.CARD),  # English words, Spanish speaker
        ("por correo electrónico", None, None),  # an email is no payment by mail
        ("sí", None, None),
    ],
)
def test_spanish_ways_of_paying(said, channel, instrument):
    found = understand_method(said, "es")
    assert (found.channel, found.instrument) == (channel, instrument)


def test_an_automatic_payment_is_assumed_existing_unless_said():
    assert understand_method("pago automático", "es").autopay_assumed
    assert not understand_method(
        "pago automático, ya lo tenía desde hace años", "es"
    ).autopay_assumed


def test_english_is_understood_as_before():
    assert understand_method("en línea").channel is None  # Spanish words only when asked for
    assert understand_method("online with my card").channel == C.ONLINE_ONE_TIME
