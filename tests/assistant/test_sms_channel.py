"""The SMS channel's pieces that need no server: keywords, numbered choices, TwiML, its set-up."""

from __future__ import annotations

import pytest

from assistant.channels.sms import SmsInput, SmsNotConfigured, keyword, render, twiml


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
