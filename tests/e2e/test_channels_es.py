"""The REST channel and the console's API in Spanish, against the running servers (no browser):
the channel's own words and the conversation's replies in the language the message reads as (REST)
or the agent chose (the console)."""

from __future__ import annotations

import json

import pytest

from assistant.run import Servers
from tests.e2e.conftest import AGENT_PASSWORD, Chat
from tests.e2e.test_agent_console import call, log_in

pytestmark = pytest.mark.e2e


def test_a_plainly_spanish_message_too_long_is_refused_in_spanish(chat: Chat):
    said = chat.say("pagué mi factura del agua en línea con mi tarjeta. " * 30)
    assert len(said) == 1 and said[0].startswith("Lo siento, ese mensaje es demasiado largo")
    english = chat.say("I paid my water bill online with my card. " * 30)
    assert english[0].startswith("Sorry, that message is too long")


def test_a_spanish_question_on_the_rest_channel_is_answered_in_spanish(chat: Chat):
    said = "\n".join(chat.say("¿se vio afectado mi pago?"))
    assert "¿A qué ciudad hizo el pago?" in said, said
    assert chat.slot("language") == "es"


def test_the_consoles_language_goes_with_each_message(servers: Servers):
    _, cookie = log_in(servers, AGENT_PASSWORD)
    _, body, _ = call(servers, "POST", "/agent/api/new", b"{}", cookie)
    conversation = json.loads(body)["conversation"]

    def turn(message: str, lang: str) -> str:
        sent = json.dumps({"conversation": conversation, "message": message, "lang": lang})
        status, reply, _ = call(servers, "POST", "/agent/api/message", sent.encode(), cookie)
        assert status == 200, reply
        return "\n".join(m.get("text") or "" for m in json.loads(reply)["messages"])

    assert turn("/greet", "es").startswith("Llamada nueva. Pregunte a la persona que llama")
    assert "Pregunte a la persona que llama: ¿A qué ciudad" in turn("/check_payment", "es")
    too_long = turn("pagó en línea. " * 80, "es")
    assert too_long.startswith("Lo siento, ese mensaje es demasiado largo"), too_long
    assert turn("Midwest City", "en").startswith("Ask the caller: When did you make the payment?")
