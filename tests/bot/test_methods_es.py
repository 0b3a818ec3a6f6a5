"""How a resident paid, said in Spanish (bot/methods_es.py): the same channels and instruments
as English, and English words still understood in a Spanish conversation."""

from __future__ import annotations

import pytest

from bot.i18n import speaking, t
from bot.knowledge.vocabulary import Channel, Instrument, Service
from bot.methods import understand_method, understand_service
from bot.wording.labels import SERVICE_ONE, SERVICES

C, PAY, S = Channel, Instrument, Service


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
        ("me registré en el pago automático con mi tarjeta", C.AUTOPAY_NEW, PAY.CARD),
        ("recién activé el pago automático", C.AUTOPAY_NEW, None),
        ("me di de alta en el pago automático", C.AUTOPAY_NEW, None),
        ("una inscripción nueva al pago automático", C.AUTOPAY_NEW, None),
        ("con una nueva inscripción en línea al pago automático", C.AUTOPAY_NEW, None),
        ("con un pago automático ya existente", C.AUTOPAY_EXISTING, None),
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


@pytest.mark.parametrize(
    "said, service",
    [
        ("mi factura del agua", S.UTILITY),
        ("fue mi recibo del agua", S.UTILITY),
        ("la luz", S.UTILITY),
        ("el drenaje", S.UTILITY),
        ("alcantarillado", S.UTILITY),
        ("la basura", S.UTILITY),
        ("servicios públicos", S.UTILITY),
        ("un permiso de construcción", S.BUILDING_PERMIT),
        ("licencia de negocio", S.BUSINESS_LICENSE),
        ("mi licencia comercial", S.BUSINESS_LICENSE),
        ("una multa de estacionamiento", S.PARKING_TICKET),
        ("boleta de estacionamiento", S.PARKING_TICKET),
        ("infracción de estacionamiento", S.PARKING_TICKET),
        ("una citación", S.CIVIL_CITATION),
        ("multa municipal", S.CIVIL_CITATION),
        ("violación del código", S.CIVIL_CITATION),
        ("tarifas de permisos y licencias", S.PERMITTING_LICENSING_FEE),
        ("parques y recreación", S.OTHER),
        ("otro", S.OTHER),
        ("my water bill", S.UTILITY),  # English words, Spanish speaker
        ("una multa", None),  # a fine alone says no service, as "a ticket" does not
        ("con permiso", None),
        ("licencia de conducir", None),
        ("quiero revisar otro pago", None),  # another check, not "another city payment"
        ("en línea con mi tarjeta", None),
    ],
)
def test_spanish_services(said, service):
    assert understand_service(said, "es") == service
    assert understand_method(said, "es").service == service


def test_a_service_in_a_spanish_way_of_paying():
    found = understand_method("pagué el recibo del agua en línea con mi tarjeta", "es")
    assert (found.channel, found.instrument, found.service) == (
        C.ONLINE_ONE_TIME,
        PAY.CARD,
        S.UTILITY,
    )


@pytest.mark.parametrize("service", list(Service))
def test_every_spanish_service_label_reads_back(service):
    """The SMS answer "Depende de lo que haya pagado: …" lists the services: the resident may
    answer with the label."""
    with speaking("es"):
        labels = [t(SERVICES[service]), t(SERVICE_ONE[service])]
    for label in labels:
        assert understand_service(label, "es") == service, label


def test_english_services_are_read_as_before():
    assert understand_service("agua") is None  # Spanish words only when asked for
    assert understand_service("my water bill") == S.UTILITY
    assert understand_service("parking ticket") == S.PARKING_TICKET
