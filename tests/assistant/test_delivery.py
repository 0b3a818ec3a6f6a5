"""One message through Rasa: a resident is never answered with silence."""

from __future__ import annotations

import pytest

from assistant.channels.delivery import NO_REPLY, STARTED_OVER, RateLimit, deliver
from assistant.shared_state import MemoryState


@pytest.fixture(autouse=True)
def own_limits(monkeypatch):
    from assistant.channels import delivery

    monkeypatch.setattr(delivery, "RATE", RateLimit(100, 100, MemoryState()))


async def rasa_says_nothing(message) -> None:  # noqa: ANN001 - a UserMessage
    return None


async def rasa_says_hello(message) -> None:  # noqa: ANN001
    await message.output_channel.send_text_message(message.sender_id, "hello")


@pytest.mark.parametrize(
    "typed, reply",
    [("/restart", STARTED_OVER), ("/session_start", STARTED_OVER), ("/back", NO_REPLY)],
)
async def test_a_typed_command_that_rasa_answers_with_nothing_still_gets_a_reply(typed, reply):
    delivered = await deliver(rasa_says_nothing, "resident-12345678", typed, "widget")
    assert [m["text"] for m in delivered.messages] == [reply]


async def test_the_channels_own_restart_stays_silent():
    delivered = await deliver(
        rasa_says_nothing, "resident-12345678", "/restart", "sms", internal=True
    )
    assert delivered.messages == []


async def test_an_answer_is_passed_on_as_it_is():
    delivered = await deliver(rasa_says_hello, "resident-12345678", "hi", "widget")
    assert [m["text"] for m in delivered.messages] == ["hello"]
