"""The SMS channel's pieces that need no server: keywords, numbered choices, TwiML, its set-up."""

from __future__ import annotations

import threading

import pytest

from assistant.channels.sms import SmsInput, SmsNotConfigured, keyword, render, twiml
from bot.knowledge.store import make_engine
from bot.sms_state import SmsState


@pytest.mark.parametrize(
    "body, word",
    [(" stop ", "STOP"), ("Stop All", "STOPALL"), ("h e l p", "HELP"), ("MORE!", "MORE")],
)
def test_a_keyword_is_the_whole_message_in_any_case_and_spacing(body, word):
    assert keyword(body) == word


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
    from bot.wording.sms import READ_IN_ENGLISH, READ_IN_SPANISH

    channel = SmsInput("token", "s" * 32)
    channel._state = SmsState(make_engine(f"sqlite:///{tmp_path / 'sms.db'}"))
    seen = []

    async def rasa(message):
        seen.append((message.metadata or {}).get("language"))
        await message.output_channel.send_text_message(message.sender_id, "Which city?")

    assert await channel.answer(rasa, "sms-one", "Español") == READ_IN_SPANISH
    await channel.answer(rasa, "sms-one", "5/9/2019")
    assert await channel.answer(rasa, "sms-one", "english") == READ_IN_ENGLISH
    await channel.answer(rasa, "sms-one", "5/9/2019")
    await channel.answer(rasa, "sms-two", "¿Se vio afectado mi pago?")  # plainly Spanish
    await channel.answer(rasa, "sms-two", "5/9/2019")
    await channel.answer(rasa, "sms-three", "was my payment affected?")
    assert seen == ["es", "en", "es", "es", None]
