"""The SMS channel's pieces that need no server: keywords, numbered choices, TwiML, its set-up."""

from __future__ import annotations

import threading

import pytest

from assistant.channels.sms import (
    HELP,
    MORE,
    OPT_IN,
    OPT_OUT,
    SPANISH,
    SmsInput,
    SmsNotConfigured,
    keyword,
    language_set_text,
    render,
    twiml,
)
from bot.knowledge.store import make_engine
from bot.sms_state import SmsState
from bot.textmessage import MAX_SEPTETS, is_gsm, septets


@pytest.mark.parametrize(
    "body, word",
    [
        (" stop ", "STOP"),
        ("Stop All", "STOPALL"),
        ("h e l p", "HELP"),
        ("MORE!", "MORE"),
        ("Español", "ESPANOL"),
        ("más", "MAS"),
        ("¡Ayuda!", "AYUDA"),
        ("Sí", "SI"),
    ],
)
def test_a_keyword_is_the_whole_message_in_any_case_spacing_and_accents(body, word):
    assert keyword(body) == word


@pytest.mark.parametrize(
    "body, kind",
    [
        ("PARAR", OPT_OUT),
        ("cancelar", OPT_OUT),
        ("Baja", OPT_OUT),
        ("alto", OPT_OUT),
        ("STOP", OPT_OUT),
        ("inicio", OPT_IN),
        ("Sí", OPT_IN),
        ("ayuda", HELP),
        ("MÁS", MORE),
        ("mas por favor", MORE),
        ("siguiente", MORE),
        ("en español", SPANISH),
    ],
)
def test_spanish_keywords_are_keywords_too(body, kind):
    assert keyword(body) in kind


def test_no_keyword_is_an_everyday_answer():
    for answer in ("no", "NO", "odessa", "1", "tarjeta", "en linea"):
        assert not {keyword(answer)} & (OPT_OUT | HELP | MORE), answer


def test_a_sentence_is_no_keyword():
    assert keyword("please stop sending") == "PLEASESTOPSENDING"
    assert keyword("stop " * 20) == ""


def test_choices_become_numbered_options():
    texts, choices = render(
        [
            {
                "text": "How did you pay?",
                "buttons": [
                    {"title": "Online, by card", "payload": '/inform{"choice": "online"}'},
                    {"title": "Autopay", "payload": '/inform{"choice": "autopay"}'},
                ],
            },
        ]
    )
    assert texts == ["How did you pay?\n1 Online, by card\n2 Autopay"]
    assert choices == ['/inform{"choice": "online"}', '/inform{"choice": "autopay"}']


def test_twiml_escapes_and_is_plain_gsm():
    assert twiml("a < b — c") == (
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &lt; b - c</Message></Response>'
    )
    assert twiml(None) == '<?xml version="1.0" encoding="UTF-8"?><Response />'


def test_the_channel_refuses_to_start_without_a_sender_secret():
    with pytest.raises(SmsNotConfigured, match="BOT_SMS_SENDER_SECRET"):
        SmsInput.from_credentials({"auth_token": "token", "sender_secret": "short"})
    assert not SmsInput.from_credentials({"auth_token": ""}).enabled  # no token: SMS is off
    assert SmsInput.from_credentials({"auth_token": "t", "sender_secret": "s" * 32}).enabled


class ThreadNoting(SmsState):
    """The channel's real SQL state, noting the thread of every query."""

    def __init__(self, engine, threads):
        super().__init__(engine)
        self.threads = threads

    def __getattribute__(self, name):
        value = super().__getattribute__(name)
        if name in {"opted_out", "set_opted_out", "next_page", "choices", "remember"}:
            threads = super().__getattribute__("threads")

            def noted(*args, **kwargs):
                threads.append(threading.get_ident())
                return value(*args, **kwargs)

            return noted
        return value


async def test_no_sql_runs_on_the_event_loop(tmp_path):
    """One slow query must not stall every other conversation of the instance."""
    threads = []
    channel = SmsInput("token", "s" * 32)
    channel._state = ThreadNoting(make_engine(f"sqlite:///{tmp_path / 'sms.db'}"), threads)

    async def rasa(message):
        await message.output_channel.send_text_message(message.sender_id, "Which city?")

    loop_thread = threading.get_ident()
    assert await channel.answer(rasa, "sms-abcdefgh", "was my payment affected?") == "Which city?"
    assert await channel.answer(rasa, "sms-abcdefgh", "STOP")
    assert len(threads) >= 4 and loop_thread not in threads


async def test_espanol_sets_how_the_answers_are_read_and_a_spanish_first_message_does_too(
    tmp_path,
):
    channel = SmsInput("token", "s" * 32)
    channel._state = SmsState(make_engine(f"sqlite:///{tmp_path / 'sms.db'}"))
    seen = []

    async def rasa(message):
        seen.append((message.metadata or {}).get("language"))
        await message.output_channel.send_text_message(message.sender_id, "Which city?")

    assert await channel.answer(rasa, "sms-one", "Español") == language_set_text("es")
    await channel.answer(rasa, "sms-one", "5/9/2019")
    assert await channel.answer(rasa, "sms-one", "english") == language_set_text("en")
    await channel.answer(rasa, "sms-one", "5/9/2019")
    await channel.answer(rasa, "sms-two", "¿Se vio afectado mi pago?")  # plainly Spanish
    await channel.answer(rasa, "sms-two", "5/9/2019")
    await channel.answer(rasa, "sms-three", "was my payment affected?")  # plainly English
    await channel.answer(rasa, "sms-four", "/check_payment")  # decides nothing
    assert seen == ["es", "en", "es", "es", "en", None]


def spanish_channel(tmp_path):
    channel = SmsInput("token", "s" * 32)
    channel._state = SmsState(make_engine(f"sqlite:///{tmp_path / 'sms.db'}"))
    channel._knowledge = lambda: None  # HELP without knowledge: the program's name
    return channel


async def rasa_asks(message):
    await message.output_channel.send_text_message(message.sender_id, "Which city?")


def gsm_within_three_segments(text):
    return bool(text) and is_gsm(text) and septets(text) <= MAX_SEPTETS


async def test_the_channels_own_words_are_in_the_conversations_language(tmp_path):
    channel = spanish_channel(tmp_path)
    said = await channel.answer(rasa_asks, "sms-es", "ESPAÑOL")
    assert said.startswith("Listo: desde ahora le respondo en español") and "ENGLISH" in said
    assert await channel.answer(rasa_asks, "sms-es", "MORE") == (
        "Eso es todo. Responda AYUDA para ayuda, o haga otra pregunta."
    )
    stopped = await channel.answer(rasa_asks, "sms-es", "STOP")  # the carrier word, in Spanish
    assert "se ha dado de baja" in stopped and "START" in stopped
    assert await channel.answer(rasa_asks, "sms-es", "hola") is None  # nothing after STOP
    back = await channel.answer(rasa_asks, "sms-es", "INICIO")
    assert "hola de nuevo" in back and "AYUDA" in back
    english = await channel.answer(rasa_asks, "sms-en", "was my payment affected?")
    assert english == "Which city?"
    assert "unsubscribed" in await channel.answer(rasa_asks, "sms-en", "STOP")
    for text in (said, stopped, back, language_set_text("en")):
        assert gsm_within_three_segments(text), text


async def test_a_spanish_keyword_is_answered_in_spanish_and_sets_the_language(tmp_path):
    channel = spanish_channel(tmp_path)
    seen = []

    async def rasa(message):
        seen.append((message.metadata or {}).get("language"))
        await rasa_asks(message)

    assert await channel.answer(rasa, "sms-a", "ayuda") == "Consulta del robo de datos de Click2Gov"
    await channel.answer(rasa, "sms-a", "Odessa")
    assert seen == ["es"]  # the conversation is Spanish from the first AYUDA
    assert "se ha dado de baja" in await channel.answer(rasa, "sms-a", "PARAR")
    assert await channel.answer(rasa, "sms-a", "otra cosa") is None
    assert "hola de nuevo" in await channel.answer(rasa, "sms-a", "sí")
    english = spanish_channel(tmp_path)
    await english.answer(rasa, "sms-b", "was my payment affected?")
    assert "se ha dado de baja" in await english.answer(rasa, "sms-b", "cancelar")  # Spanish word
    assert "unsubscribed" not in await english.answer(rasa, "sms-c", "Baja")


@pytest.mark.parametrize("language", ["en", "es"])
def test_help_names_the_program_a_number_and_stop_in_gsm_within_three_segments(knowledge, language):
    from bot.i18n import speaking
    from bot.wording.sms import help_text

    with speaking(language):
        for city in (knowledge.city("bakersfield-ca"), None):
            text = help_text(city, knowledge.national)
            assert gsm_within_three_segments(text), text
            assert "STOP" in text and ("888-278-8028" in text or city is None)
            assert "1-877-438-4338" in help_text(None, knowledge.national)
    if language == "es":
        assert text.startswith("Consulta del robo de datos de Click2Gov: le dice si un pago")
