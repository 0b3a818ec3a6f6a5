"""A Spanish-speaking resident against the running servers: on a widget set to Spanish
(data-lang="es"), on the REST channel (detected) and by SMS, the answers are read as Spanish is
written (dates day first) and the assistant answers in Spanish."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Dict, List

import pytest

from assistant.run import Servers
from bot.channels import WIDGET, scoped_sender
from bot.ids import new_id
from tests.e2e.conftest import Chat, tracker_of
from tests.e2e.test_sms import Phone

pytestmark = pytest.mark.e2e


class SpanishWidget:
    def __init__(self, servers: Servers, lang: str = "es") -> None:
        self.servers, self.lang, self.sender = servers, lang, new_id("web")

    def say(self, message: str) -> List[Dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message, "lang": self.lang})
        request = urllib.request.Request(
            self.servers.rasa_url + "/widget/webhook",
            data=body.encode(),
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read())["messages"]


def verdict_of(servers: Servers, conversation: str) -> Any:
    return tracker_of(servers, conversation)["slots"].get("verdict")


def text_of(messages: List[Dict[str, Any]]) -> str:
    return "\n".join((m.get("custom") or {}).get("text") or m.get("text") or "" for m in messages)


def test_a_day_first_date_that_decides_is_asked_then_answered(servers: Servers):
    widget = SpanishWidget(servers)
    widget.say("/check_payment")
    widget.say("Odessa")
    asked = widget.say("5/9/2019")
    said = widget.say("en línea con mi tarjeta")
    question = text_of(said)
    assert "5 de septiembre de 2019" in question and "9 de mayo de 2019" in question, (
        text_of(asked) + question
    )
    assert "¿" in question
    assert [b["title"] for m in said for b in m.get("buttons") or []][:2] == [
        "5 de septiembre de 2019",
        "9 de mayo de 2019",
    ]
    verdict = text_of(widget.say("1"))
    assert verdict_of(servers, scoped_sender(WIDGET, widget.sender)) == "affected", verdict
    assert "su pago se vio afectado" in verdict, verdict


def test_spanish_answers_reach_a_verdict(servers: Servers):
    widget = SpanishWidget(servers)
    widget.say("/check_payment")
    widget.say("Odessa")
    widget.say("el 5 de septiembre de 2019")
    verdict = text_of(widget.say("en línea con mi tarjeta"))
    assert verdict_of(servers, scoped_sender(WIDGET, widget.sender)) == "affected", verdict
    assert "Qué hacer ahora" in verdict or "1." in verdict, verdict


def test_an_english_widget_reads_the_same_date_month_first(servers: Servers):
    widget = SpanishWidget(servers, lang="en")
    widget.say("/check_payment")
    widget.say("Odessa")
    widget.say("5/9/2019")
    said = text_of(widget.say("online with my card"))
    assert "September 5" not in said  # May 9, as a US resident writes it: no question
    assert verdict_of(servers, scoped_sender(WIDGET, widget.sender)) == "not_affected", said
    assert "not affected" in said


def test_on_the_rest_channel_a_spanish_conversation_is_answered_in_spanish(servers: Servers):
    chat = Chat(servers)
    opened = "\n".join(chat.say("pagué mi recibo de Odessa, quiero saber si me afectó"))
    assert chat.slot("language") == "es" and "¿" in opened, opened
    said = "\n".join(chat.say("el 5/9/2019"))
    said += "\n".join(chat.say("en línea con mi tarjeta"))
    assert "5 de septiembre de 2019" in said and "9 de mayo de 2019" in said, said
    chat.say("1")
    assert chat.slot("verdict") == "affected"


def test_on_the_rest_channel_an_english_conversation_stays_english(servers: Servers):
    chat = Chat(servers)
    chat.say("was my payment affected?")
    assert chat.slot("language") == "en"
    chat.say("Odessa")
    said = "\n".join(
        chat.say("pagué el 5/9/2019")
    )  # read as Spanish writes it, answered in English
    said += "\n".join(chat.say("en línea con mi tarjeta"))
    assert "September 5, 2019" in said and "May 9, 2019" in said, said


def test_by_sms_espanol_reads_and_answers_in_spanish(servers: Servers):
    phone = Phone(servers)
    assert "español" in (phone.text("ESPAÑOL") or "")
    phone.text("Odessa")
    phone.text("5/9/2019")
    said = phone.text("en línea con mi tarjeta") or ""
    assert "5 sep 2019" in said or "5 de septiembre de 2019" in said, said
    verdict = phone.text("1") or ""
    assert verdict_of(servers, phone.sender) == "affected", verdict
    assert "SI se vio afectado" in verdict, verdict
