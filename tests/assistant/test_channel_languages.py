"""What every channel answers before (or instead of) the conversation is in the conversation's
language: the language the channel gives, else the message's metadata `language`; in Spanish as in
English plain GSM-7 (a text message carries it), with the same placeholders."""

from __future__ import annotations

import pytest

from assistant.channels import delivery
from assistant.channels.delivery import RateLimit, deliver, language_of
from assistant.shared_state import MemoryState
from bot.i18n import placeholders, translate
from bot.textmessage import is_gsm
from bot.wording import limits

TEXTS = [
    limits.TOO_LONG,
    limits.EMPTY,
    limits.TOO_FAST,
    limits.FAILED,
    limits.STARTED_OVER,
    limits.NO_REPLY,
]


@pytest.fixture(autouse=True)
def own_limits(monkeypatch):
    monkeypatch.setattr(delivery, "RATE", RateLimit(100, 100, MemoryState()))


async def rasa_says_nothing(message) -> None:  # noqa: ANN001 - a UserMessage
    return None


async def rasa_fails(message) -> None:  # noqa: ANN001
    raise RuntimeError("the tracker store is down")


@pytest.mark.parametrize("english", TEXTS)
def test_every_limit_has_its_spanish_in_gsm_7_with_the_same_placeholders(english):
    spanish = translate(english, "es")
    assert spanish != english and is_gsm(spanish) and is_gsm(english)
    assert placeholders(spanish) == placeholders(english)


def test_the_language_is_the_channels_else_the_metadatas_else_english():
    assert language_of(None) == "en"
    assert language_of({"language": "es"}) == "es"
    assert language_of({"language": "es"}, "en") == "en"
    assert language_of({"language": "fr"}) == "en"


async def test_an_empty_or_too_long_message_is_answered_in_spanish():
    spanish = {"language": "es"}
    empty = await deliver(rasa_says_nothing, "resident-12345678", "  ", "widget", spanish)
    assert empty.messages[0]["text"] == limits.said(limits.EMPTY, "es")
    assert empty.messages[0]["text"].startswith("Escriba un mensaje")
    long = "a" * (delivery.MAX_CHARS + 1)
    too_long = await deliver(rasa_says_nothing, "resident-12345678", long, "rest", language="es")
    text = too_long.messages[0]["text"]
    assert f"tiene {len(long)} caracteres y el tope es {delivery.MAX_CHARS}" in text
    english = await deliver(rasa_says_nothing, "resident-12345678", long, "rest")
    assert english.messages[0]["text"].startswith("Sorry, that message is too long")


async def test_a_failure_and_a_silent_restart_are_answered_in_spanish():
    spanish = {"language": "es"}
    failed = await deliver(rasa_fails, "resident-12345678", "hola", "widget", spanish)
    assert failed.messages[0]["text"].startswith("Lo siento, hubo un error de mi parte")
    restarted = await deliver(rasa_says_nothing, "resident-12345678", "/restart", "sms", spanish)
    assert restarted.messages[0]["text"].startswith("De acuerdo, empezamos de nuevo")
    back = await deliver(rasa_says_nothing, "resident-12345678", "/back", "agent", spanish)
    assert back.messages[0]["text"].startswith("Lo siento, no tengo respuesta")


async def test_too_fast_is_answered_in_spanish(monkeypatch):
    monkeypatch.setattr(delivery, "RATE", RateLimit(1, 100, MemoryState()))
    await deliver(rasa_says_nothing, "resident-12345678", "hola", "sms")
    second = await deliver(rasa_says_nothing, "resident-12345678", "hola", "sms", language="es")
    assert second.messages[0]["text"].startswith("Sus mensajes llegan antes")


def test_the_agents_log_in_page_in_either_language():
    from assistant.channels.agent import login_page

    spanish = login_page("es", named=True, error="<b>Contraseña incorrecta.</b>")
    assert '<html lang="es">' in spanish and "Nombre de agente" in spanish
    assert "Inicie sesión con su propio nombre de agente y su contraseña." in spanish
    assert "&lt;b&gt;Contraseña incorrecta.&lt;/b&gt;" in spanish  # as text, never as HTML
    assert '<a href="/agent/?lang=en" lang="en" hreflang="en">English</a>' in spanish
    english = login_page("en", named=False)
    assert '<html lang="en">' in english and 'name="name"' not in english
    assert "Log in with the console password your city set." in english
    assert " autofocus>" in english and "{" not in english.split("<body>")[1]


def test_the_demo_page_previews_the_widget_in_spanish():
    from assistant.channels.widget import demo_page

    page = demo_page("odessa-tx", "Odessa", "Odessa, TX", "es")
    assert 'data-lang="es" data-title="Revisión de pagos de Odessa"' in page
    assert 'data-lang="en" data-title="Odessa payment check"' in demo_page(
        "odessa-tx", "Odessa", "Odessa, TX", '"><script>'
    )
