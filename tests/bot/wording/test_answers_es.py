"""The answers to related questions in Spanish: every question, for every seed city (and for no
city), comes out in Spanish, with no English template words; and the English is unchanged."""

from __future__ import annotations

import pytest

from bot.answers import Topic, answer_question
from bot.i18n import speaking
from bot.wording.answers import agent_answer_messages, answer_messages
from tests.bot.wording.spanish_output import english_leaks

SEED_CITIES = [
    None,
    "odessa-tx",
    "midwest-city-ok",
    "bakersfield-ca",
    "norman-ok",
    "st-petersburg-fl",
    "tyler-tx",
    "oxnard-ca",
]


@pytest.mark.parametrize("topic", list(Topic))
def test_every_answer_for_every_seed_city_is_in_spanish(knowledge, topic):
    for city_id in SEED_CITIES:
        answer = answer_question(knowledge, topic, "pregunta", city_id)
        with speaking("es"):
            messages = answer_messages(answer)
            agent = agent_answer_messages(answer)
        english = answer_messages(answer)
        assert messages and all(m.strip() for m in messages), (topic, city_id)
        assert len(messages) == len(english), (topic, city_id)
        text = "\n".join([*messages, *agent])
        assert not english_leaks(text), (topic, city_id, english_leaks(text))


def test_the_spanish_answers_name_the_city_and_keep_numbers_and_addresses(knowledge):
    answer = answer_question(knowledge, Topic.CONTACTS, "¿a quién llamo?", "bakersfield-ca")
    with speaking("es"):
        text = "\n".join(answer_messages(answer))
    assert text.startswith("Para Bakersfield, CA:")
    assert "888-278-8028" in text and "www.bakersfieldcity.us/click2govnotice" in text
    assert "Ayuda nacional:" in text and "1-877-438-4338" in text


def test_a_question_without_a_city_asks_for_it_in_spanish(knowledge):
    answer = answer_question(knowledge, Topic.DATA_EXPOSED, "¿qué datos se robaron?")
    with speaking("es"):
        messages = answer_messages(answer)
    assert messages[0].startswith("Los datos que se robaron, según el aviso de cada ciudad:")
    assert messages[-1] == "Dígame su ciudad para darle los detalles, incluido lo que no se robó."


def test_the_notice_hedge_stays_in_spanish(knowledge):
    answer = answer_question(knowledge, Topic.DATA_EXPOSED, "datos", "bakersfield-ca")
    with speaking("es"):
        text = " ".join(answer_messages(answer))
    assert "es posible que se hayan robado estos datos" in text


def test_the_incident_in_spanish_says_when_and_what(knowledge):
    answer = answer_question(knowledge, Topic.INCIDENT, "¿cuándo pasó?", "odessa-tx")
    with speaking("es"):
        first, offer = answer_messages(answer)
    assert first.startswith("Aviso de Odessa, TX: la filtración expuso los pagos hechos")
    assert "Afectados: " in first and "No afectados: " in first and "El aviso es del " in first
    assert offer.startswith("Si pagó una factura de la ciudad en línea a través de Click2Gov")


def test_the_agent_is_told_what_to_say_in_spanish(knowledge):
    answer = answer_question(knowledge, Topic.HUMAN, "quiero hablar con alguien", "odessa-tx")
    with speaking("es"):
        first = agent_answer_messages(answer)[0]
    assert first.startswith("La persona que llama quiere hablar con alguien. Ofrezca transferir")
    answer = answer_question(knowledge, Topic.CREDIT_REPORTS, "informe de crédito", "odessa-tx")
    with speaking("es"):
        assert agent_answer_messages(answer)[0].startswith("Dígale a la persona que llama: ")


def test_english_is_unchanged_after_spanish(knowledge):
    answer = answer_question(knowledge, Topic.HUMAN, "a person please", "odessa-tx")
    before = answer_messages(answer)
    with speaking("es"):
        answer_messages(answer)
    assert answer_messages(answer) == before
    assert before[0].startswith("I'm an automated assistant and can't transfer you")
