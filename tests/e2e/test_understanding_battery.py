"""The understanding battery through the running assistant (REST, real Rasa and action servers):
a sample of every kind, each a fresh conversation. A verdict must be the true payment's; anything
else must be a question (the form asking, or a choice naming the candidates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.knowledge.reader import read_knowledge
from tests.e2e.conftest import Chat
from tests.understanding_battery import MUST_ASK, sample, true_verdict

pytestmark = pytest.mark.e2e
KNOWLEDGE = read_knowledge(Path(__file__).resolve().parents[2] / "knowledge")
CASES = sample(36)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}-{i}" for i, c in enumerate(CASES)])
def test_a_verdict_is_the_true_payments_or_a_question_comes_first(servers, case):
    chat = Chat(servers)
    replies = chat.say(case.text)
    slots = chat.tracker()["slots"]
    if slots.get("verdict") is not None:
        assert case.kind not in MUST_ASK, f"{case.text!r} leaves the answer open: {replies}"
        assert slots["verdict"] == true_verdict(KNOWLEDGE, case.truth).value, case.text
    else:
        assert replies and any("?" in reply for reply in replies), (case.text, replies)


def _buttons(chat: Chat):
    return [b for m in chat.last for b in (m.get("buttons") or [])]


def test_two_cities_are_asked_about_and_a_button_answers(servers):
    chat = Chat(servers)
    replies = chat.say("I paid Odessa or maybe Bakersfield online with my Visa on 9/20/2019")
    assert any("Odessa, TX or Bakersfield, CA" in r for r in replies), replies
    assert chat.slot("verdict") is None
    odessa = next(b for b in _buttons(chat) if b["title"] == "Odessa, TX")
    chat.say(odessa["payload"])
    assert chat.slot("city")["id"] == "odessa-tx"
    assert chat.slot("verdict") == "affected"


def test_a_year_that_decides_the_answer_is_asked_first(servers):
    chat = Chat(servers)
    replies = chat.say("I paid my Odessa water bill online with my Visa on September 20")
    assert chat.slot("verdict") is None
    assert any("didn't say the year" in r and "September 20, 2019" in r for r in replies), replies
    chat.say("2018")
    assert chat.slot("payment_date")["start"] == "2018-09-20"
    assert chat.slot("verdict") == "not_affected"


def test_a_year_that_does_not_decide_is_said_in_the_first_sentence(servers):
    chat = Chat(servers)
    replies = chat.say("I paid my Odessa water bill online with my Visa on December 20")
    assert chat.slot("verdict") == "not_affected"
    first = next(r for r in replies if "not affected" in r)
    assert first.startswith("You didn't say the year, so I took the date to be December 20, 2019")


def test_a_statement_moves_the_check(servers):
    chat = Chat(servers)
    chat.say("I paid online on September 20 2019")
    assert chat.slot("payment_date")["start"] == "2019-09-20"
    assert chat.tracker()["active_loop"].get("name") == "selfcheck_form"
    replies = chat.say("she paid her Odessa sewer bill in person with cash")
    assert chat.slot("city")["id"] == "odessa-tx"
    assert chat.slot("payment_method")["channel"] == "in_person"
    assert chat.slot("verdict") == "not_affected", replies


def test_a_secret_is_removed_and_the_rest_of_the_message_is_read(servers):
    chat = Chat(servers)
    replies = chat.say(
        "my card is 4111 1111 1111 1111 and I paid Odessa online on 9/20/2019 with it"
    )
    assert "4111" not in json.dumps(chat.tracker())
    assert any("removed" in r for r in replies)
    assert chat.slot("city")["id"] == "odessa-tx"
    assert chat.slot("payment_date")["start"] == "2019-09-20"


def test_a_second_payment_is_a_new_check_that_asks_how_it_was_paid(servers):
    chat = Chat(servers)
    chat.say("I paid my Odessa water bill online with my Visa on 9/20/2019")
    assert chat.slot("verdict") == "affected"
    replies = chat.say(
        "I also paid a parking ticket in Bakersfield on 9/5/2018, what about that one?"
    )
    assert chat.slot("city")["id"] == "bakersfield-ca"
    assert chat.slot("payment_date")["start"] == "2018-09-05"
    assert chat.slot("payment_method") is None and chat.slot("verdict") is None
    assert any("How did you pay" in r for r in replies), replies


def test_check_another_payment_never_reuses_the_last_method(servers):
    chat = Chat(servers)
    chat.say("I paid my Odessa water bill online with my Visa on 9/20/2019")
    chat.say("check another payment")
    assert chat.slot("payment_method") is None
    replies = chat.say("October 1 2019")
    assert any("How did you pay" in r for r in replies), replies
