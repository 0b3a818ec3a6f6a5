"""A Spanish-speaking resident on a widget set to Spanish (data-lang="es"), against the running
servers: the answers are read as Spanish is written (issue 24's first part; the replies are
still English)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Dict, List

import pytest

from assistant.run import Servers
from bot.ids import new_id
from tests.e2e.conftest import Chat
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


def text_of(messages: List[Dict[str, Any]]) -> str:
    return "\n".join((m.get("custom") or {}).get("text") or m.get("text") or "" for m in messages)


def test_a_day_first_date_that_decides_is_asked_then_answered(servers: Servers):
    widget = SpanishWidget(servers)
    widget.say("/check_payment")
    widget.say("Odessa")
    asked = widget.say("5/9/2019")
    said = widget.say("en línea con mi tarjeta")
    question = text_of(said)
    assert "September 5, 2019" in question and "May 9, 2019" in question, text_of(asked) + question
    assert [b["title"] for m in said for b in m.get("buttons") or []][:2] == [
        "September 5, 2019",
        "May 9, 2019",
    ]
    verdict = text_of(widget.say("1"))
    assert "affected" in verdict.lower() and "not affected" not in verdict.lower()


def test_spanish_answers_reach_a_verdict(servers: Servers):
    widget = SpanishWidget(servers)
    widget.say("/check_payment")
    widget.say("Odessa")
    widget.say("el 5 de septiembre de 2019")
    verdict = text_of(widget.say("en línea con mi tarjeta"))
    assert "affected" in verdict.lower() and "not affected" not in verdict.lower(), verdict


def test_an_english_widget_reads_the_same_date_month_first(servers: Servers):
    widget = SpanishWidget(servers, lang="en")
    widget.say("/check_payment")
    widget.say("Odessa")
    widget.say("5/9/2019")
    said = text_of(widget.say("online with my card"))
    assert "September 5" not in said  # May 9, as a US resident writes it: no question


def test_on_the_rest_channel_a_plainly_spanish_date_is_read_day_first_and_asked(
    servers: Servers,
):
    chat = Chat(servers)
    chat.say("was my payment affected?")
    chat.say("Odessa")
    chat.say("pagué el 5/9/2019")
    said = "\n".join(chat.say("en línea con mi tarjeta"))
    assert "September 5, 2019" in said and "May 9, 2019" in said, said


def test_by_sms_espanol_reads_the_answers_in_spanish(servers: Servers):
    phone = Phone(servers)
    assert "español" in (phone.text("ESPAÑOL") or "")
    phone.text("was my payment affected?")
    phone.text("Odessa")
    phone.text("5/9/2019")
    said = phone.text("en línea con mi tarjeta") or ""
    assert "September 5, 2019" in said and "May 9, 2019" in said, said
    verdict = phone.text("1") or ""
    assert "affected" in verdict.lower() and "not affected" not in verdict.lower(), verdict
