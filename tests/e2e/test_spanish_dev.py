"""The Spanish dev set (tests/spanish_dev.yml, written apart from the training data) through the
running assistant, in each channel: every conversation reaches its verdict and never a different
one on the way (a question is allowed, a wrong verdict never); every reply is Spanish; each
related question is answered and each opener starts the check."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from assistant.run import Servers
from bot.channels import WIDGET, scoped_sender
from bot.i18n import catalog
from bot.i18n_extract import domain_messages
from bot.ids import new_id
from tests.e2e.conftest import Chat, tracker_of
from tests.e2e.test_sms import Phone

pytestmark = pytest.mark.e2e
DEV = yaml.safe_load((Path(__file__).resolve().parents[1] / "spanish_dev.yml").read_text("utf-8"))
# Sentences long enough that finding one in a reply means an English template leaked.
ENGLISH = sorted({m for m in catalog("es") if len(m) >= 30 and "{" not in m}, key=len)


class Widget:
    """A page with data-lang="es" (the widget sends its language with each message)."""

    def __init__(self, servers: Servers) -> None:
        self.servers, self.sender = servers, new_id("web")

    @property
    def conversation(self) -> str:
        return scoped_sender(WIDGET, self.sender)

    def say(self, message: str) -> List[str]:
        body = json.dumps({"sender": self.sender, "message": message, "lang": "es"})
        request = urllib.request.Request(
            self.servers.rasa_url + "/widget/webhook",
            data=body.encode(),
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            messages = json.loads(reply.read())["messages"]
        return [(m.get("custom") or {}).get("text") or m.get("text") or "" for m in messages]


class Rest(Chat):
    @property
    def conversation(self) -> str:
        return self.sender


class Text(Phone):
    @property
    def conversation(self) -> str:
        return self.sender

    def say(self, message: str) -> List[str]:
        return [self.text(message) or ""]


CHANNELS = {"rest": Rest, "widget": Widget, "sms": Text}


def english_in(replies: List[str]) -> List[str]:
    """English template sentences found in the replies (a notice's quotes are English by design,
    and are not templates)."""
    said = "\n".join(replies)
    return [sentence for sentence in ENGLISH if sentence in said]


def not_understood() -> List[str]:
    """The Spanish of the replies that mean a message was not understood or out of scope."""
    stuck = ("utter_default", "utter_out_of_scope")
    spanish = catalog("es")
    return [
        spanish[message]
        for message, places in domain_messages().items()
        if message in spanish and any(p.file.split(":", 1)[1].startswith(stuck) for p in places)
    ]


@pytest.mark.parametrize(
    "case", DEV["conversations"], ids=[c["name"] for c in DEV["conversations"]]
)
def test_a_spanish_conversation_reaches_its_verdict_in_spanish(servers: Servers, case):
    resident = CHANNELS[case["channel"]](servers)
    replies: List[str] = []
    asked = False
    # on the way: no verdict yet, the one expected (or the one the resident then corrects), or a
    # hedge; any other definite verdict is confidently wrong
    allowed = {None, case["verdict"], case.get("before"), "possibly_affected"}
    for turn in case["turns"]:
        said = resident.say(turn)
        replies += said
        verdict = tracker_of(servers, resident.conversation)["slots"].get("verdict")
        assert verdict in allowed, (f"confidently wrong: {verdict} after {turn!r}", replies)
        if verdict is None and any("?" in r for r in said):
            asked = True
    slots: Dict[str, Any] = tracker_of(servers, resident.conversation)["slots"]
    assert slots.get("verdict") == case["verdict"], replies
    assert slots.get("language") == "es", replies
    if case.get("asks"):
        assert asked, replies
    assert not english_in(replies), english_in(replies)


@pytest.mark.parametrize("case", DEV["questions"], ids=[q["text"][:30] for q in DEV["questions"]])
def test_a_spanish_question_is_answered_in_spanish(servers: Servers, case):
    chat = Rest(servers)
    replies = chat.say(case["text"])
    said = "\n".join(replies)
    assert re.search(case["expect"], said), said
    assert not any(stuck in said for stuck in not_understood()), said
    assert not english_in(replies), english_in(replies)


@pytest.mark.parametrize("opener", DEV["openers"])
def test_a_spanish_opener_starts_the_check(servers: Servers, opener: str):
    chat = Rest(servers)
    replies = chat.say(opener)
    asks_city = catalog("es")[
        'Which city did you pay? (for example "Odessa, TX" or "St. Petersburg, FL")'
    ]
    assert asks_city in replies, replies
    assert chat.tracker()["active_loop"].get("name") == "selfcheck_form"
