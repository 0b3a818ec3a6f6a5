"""Conversations a resident has with the running assistant, over real HTTP."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE_DIR, knowledge_with_odessa_update
from tests.e2e.conftest import Chat, stored_bytes

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "message, verdict",
    [
        ("I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?", "affected"),
        (
            "Was my payment affected? Odessa TX, online with a debit card, August 1 2019",
            "not_affected",
        ),
        (
            "I paid Odessa by phone with my card on September 10 2019, was it affected?",
            "not_affected",
        ),
        (
            "Midwest City, paid online with my credit card on June 1 2018, was my payment affected?",
            "affected",
        ),
        (
            "Midwest City online payment with my Mastercard on March 2 2018, am I affected?",
            "possibly_affected",
        ),
        ("MWC autopay on June 5 2018 - was my payment hit?", "not_affected"),
        (
            "Bakersfield, I paid a permit online with my Visa on Aug 20 2018, was I affected?",
            "affected",
        ),
        (
            "Bakersfield by phone with my card on September 5 2018, was my payment affected?",
            "possibly_affected",
        ),
        (
            "Bakersfield online with my card on Nov 20 2018, was my payment affected?",
            "not_affected",
        ),
        (
            "St. Petersburg parking ticket paid online with my card on Sep 1 2018, was I hit?",
            "affected",
        ),
        ("St Pete, e-check, Sep 1 2018, was my payment affected?", "not_affected"),
        ("St Pete in person with my card on Sep 1 2018, was I affected?", "possibly_affected"),
        (
            "Norman, online with my card on Nov 1 2019, was my payment affected?",
            "under_investigation",
        ),
        (
            "Tyler, online with my Visa in June 2018 - was my payment affected?",
            "no_details_on_record",
        ),
        ("Oxnard, paid online with my card in May 2018, was I affected?", "no_details_on_record"),
        (
            "Springfield, IL, I paid online with my card in June 2018, was my payment affected?",
            "no_incident_on_record",
        ),
    ],
)
def test_one_message_goes_straight_to_the_answer(chat, message, verdict):
    replies = chat.say(message)
    assert chat.slot("verdict") == verdict, replies
    assert any("start over" in r for r in replies)


def test_step_by_step_with_an_unusable_answer_asked_again(chat):
    assert any("Which city" in r for r in chat.say("was my payment affected?"))
    assert any("When did you make the payment" in r for r in chat.say("Odessa"))
    replies = chat.say("purple")
    assert replies[0] == "Sorry, I could not read that date."
    assert any("When did you make the payment" in r for r in replies[1:])  # asked once more
    replies = chat.say("Sept 3 2019")
    assert any("How did you pay" in r for r in replies)
    assert "Online, by card" in [b["title"] for m in chat.last for b in m.get("buttons", [])]
    replies = chat.say("online with my Visa")
    assert chat.slot("verdict") == "affected"
    assert any("August 27, 2019 and October 14, 2019" in r for r in replies)


def test_a_year_less_date_is_asked_with_the_incident_year_first_when_the_year_decides(chat):
    replies = chat.say("I paid Odessa online with my Visa on September 3, was I affected?")
    assert chat.slot("verdict") is None
    assert any("Was it September 3, 2019, or September 3, 2018?" in r for r in replies), replies
    assert [b["title"] for m in chat.last for b in m.get("buttons", [])] == [
        "September 3, 2019",
        "September 3, 2018",
    ]
    chat.say("yes")
    assert chat.slot("verdict") == "affected"


def test_a_question_in_the_middle_is_answered_and_the_check_resumes(chat):
    chat.say("was my payment affected?")
    chat.say("Bakersfield")
    replies = chat.say("what is Click2Gov?")
    assert any("Superion" in r for r in replies)
    assert any("When did you make the payment" in r for r in replies)
    chat.say("Aug 20 2018")
    chat.say("online by credit card")
    assert chat.slot("verdict") == "affected"


def test_a_correction_runs_the_check_again(chat):
    chat.say("I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?")
    assert chat.slot("verdict") == "affected"
    replies = chat.say("actually it was in July")
    assert chat.slot("verdict") == "not_affected", replies
    chat.say("no, I meant Bakersfield")
    assert chat.slot("city")["id"] == "bakersfield-ca"


def test_start_over_clears_the_verdict_and_asks_again(chat):
    chat.say("I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?")
    replies = chat.say("start over")
    assert chat.slot("verdict") is None and chat.slot("city") is None
    assert any("Which city" in r for r in replies)


def test_a_second_payment_in_the_same_conversation(chat):
    chat.say("I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?")
    assert chat.slot("verdict") == "affected"
    replies = chat.say("can I check another payment?")
    assert chat.slot("verdict") is None
    assert any("When did you make the payment" in r for r in replies)
    replies = chat.say("November 2 2019")
    assert any("How did you pay" in r for r in replies)  # the last method is never reused unsaid
    chat.say("online with my Visa")
    assert chat.slot("verdict") == "not_affected"


def test_a_second_payment_in_another_city(chat):
    chat.say("I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?")
    replies = chat.say("and what about my payment in Bakersfield?")
    assert chat.slot("city")["id"] == "bakersfield-ca" and chat.slot("verdict") is None
    assert any("When did you make the payment" in r for r in replies)
    replies = chat.say("August 20")
    assert any("How did you pay" in r for r in replies)  # the last method is never reused unsaid
    replies = chat.say("online with my Visa")
    # no year given, and the year decides: Bakersfield's incident year is offered first
    assert any("Was it August 20, 2018" in r for r in replies), replies
    chat.say("yes")
    assert chat.slot("verdict") == "affected"


def test_out_of_scope_gets_a_polite_fallback_and_no_check(chat):
    replies = chat.say("what's the weather like tomorrow?")
    assert any("can check whether a payment" in r for r in replies)
    tracker = chat.tracker()
    assert tracker["active_loop"] in ({}, None) or not tracker["active_loop"].get("name")
    assert tracker["slots"]["verdict"] is None


def test_a_typed_card_number_is_neither_echoed_nor_stored(chat, servers):
    card = "4111 1111 1111 1111"
    replies = chat.say(f"my card number is {card}, was it stolen?")
    assert any("removed the card number" in r for r in replies)
    digits = re.compile(r"4111\D?1111\D?1111\D?1111")
    assert not any(digits.search(r) for r in replies)
    assert not digits.search(str(chat.tracker()))
    stored = stored_bytes(servers)
    assert "card number removed" in stored and not digits.search(stored)
    for log in ("rasa.log", "rasa.out", "actions.log"):
        path = servers.workdir / log
        if path.exists():
            assert not digits.search(path.read_text(errors="replace")), log


@pytest.mark.parametrize(
    "question, expected",
    [
        ("what information was stolen in Midwest City?", "Social Security number"),
        ("is it safe to pay my bill online now in Midwest City?", "safe again"),
        ("the online payment system in Norman is down, how else can I pay?", "201-C W. Gray St."),
        ("who do I call about the Bakersfield breach?", "888-278-8028"),
        ("how do I report fraud?", "www.ic3.gov"),
        ("how can I get my free credit report?", "annualcreditreport.com"),
        ("what's the difference between a fraud alert and a credit freeze?", "security freeze"),
        ("which cities were affected by the breach?", "at least eighteen"),
        (
            "I got a letter from the city of Bakersfield about the breach, what now?",
            "new card number",
        ),
        ("there's a charge on my card I don't recognize", "card issuer"),
        ("can I talk to a real person?", "1-877-438-4338"),
    ],
)
def test_related_questions(chat, question, expected):
    replies = chat.say(question)
    assert any(expected in r for r in replies), replies


@pytest.mark.parametrize(
    "opener", ["check it for me", "am I in the breach", "was I affected?", "does this affect me?"]
)
def test_a_plain_opener_starts_a_check(chat, opener):
    replies = chat.say(opener)
    assert any("Which city" in r for r in replies), replies
    assert chat.tracker()["active_loop"].get("name") == "selfcheck_form"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("phone number?", "National help"),
        ("new card?", "card"),
        ("how many people were affected in Midwest City?", "4,559 customers affected"),
        ("when did the breach happen in Odessa?", "August 27 – October 14, 2019"),
    ],
)
def test_short_questions_are_answered(chat, question, expected):
    replies = chat.say(question)
    assert any(expected in r for r in replies), replies


def test_an_answer_without_a_city_date_or_method_does_not_start_a_check(chat):
    replies = chat.say("king of acid")
    assert any("didn't understand" in r or "can check whether a payment" in r for r in replies)
    assert not (chat.tracker()["active_loop"] or {}).get("name")


def test_an_answer_with_a_city_starts_the_check_there(chat):
    replies = chat.say("Odessa")
    assert chat.slot("city")["id"] == "odessa-tx"
    assert any("When did you make the payment" in r for r in replies), replies


def test_a_holiday_date_and_a_numbered_choice(chat):
    """A holiday phrase with a year was once read as a day of this year ("not affected")."""
    chat.say("was my payment affected?")
    chat.say("Odessa")
    replies = chat.say("three weeks before Halloween 2019")  # October 10, 2019: inside the window
    assert any("How did you pay" in r for r in replies), replies
    replies = chat.say("1")  # the first button: online, by card
    assert chat.slot("verdict") == "affected", replies


def test_a_button_choice_answers_the_method_question(chat):
    chat.say("I paid Odessa on Sept 3 2019, was my payment affected?")
    payload = next(
        b["payload"]
        for m in chat.last
        for b in m.get("buttons", [])
        if b["title"] == "Online, by card"
    )
    replies = chat.say(payload)
    assert chat.slot("verdict") == "affected", replies
    after = [b["payload"] for m in chat.last for b in m.get("buttons", [])]
    assert after == ["/check_another", "/start_over"]
    chat.say("/start_over")
    assert chat.slot("city") is None


def load_knowledge(servers, folder: Path) -> None:
    """`python -m bot knowledge load` into the running servers' knowledge database."""
    database = servers.workdir / "knowledge.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "knowledge",
            "load",
            "--knowledge",
            str(folder),
            "--database-url",
            f"sqlite:///{database}",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_a_knowledge_load_is_answered_within_seconds_without_a_restart(servers, tmp_path):
    """A city posts an update; its staff run `python -m bot knowledge load` while the assistant
    runs; the next answers follow the update (within BOT_KNOWLEDGE_RECHECK_SECONDS, 5 s)."""
    database = servers.workdir / "knowledge.db"
    assert database.exists()
    later = knowledge_with_odessa_update(tmp_path / "later")
    question = "Odessa, online with my Visa on Nov 20 2019, was my payment affected?"
    assert Chat(servers).say(question)[0].startswith("Good news")

    load_knowledge(servers, later)
    try:
        loaded = time.monotonic()
        first = ""
        while time.monotonic() - loaded < 15 and not first.startswith("Yes"):
            first = Chat(servers).say(question)[0]
            time.sleep(0.5)
        assert first.startswith("Yes — your payment was affected."), first
        assert "between August 27, 2019 and December 31, 2019" in first
        sources = next(m for m in Chat(servers).say(question) if m.startswith("Source:"))
        assert '"Update on the Click2Gov Security Breach", posted January 15, 2020' in sources
    finally:
        load_knowledge(servers, KNOWLEDGE_DIR)
        # the tests after this one read the tests' own knowledge again: wait until it is served
        restored = time.monotonic()
        while time.monotonic() - restored < 30:
            if Chat(servers).say(question)[0].startswith("Good news"):
                break
            time.sleep(0.5)


def test_a_city_added_as_data_is_checked_and_asked_about_without_retraining(servers, tmp_path):
    """A city's staff add their city as files only (made-up cities: Sample Springs, whose notice
    hedges and has two windows; Example Town, with a window per service and bank data) and load
    them; the running assistant checks payments there and answers questions about them."""
    import shutil

    from tests.conftest import EXAMPLE_CITY, FIXTURES

    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    for city in (EXAMPLE_CITY, FIXTURES / "sample-springs-nv.yaml"):
        shutil.copy(city, folder / "cities" / city.name)
    check = "Sample Springs, online with my card on October 10 2018, was my payment affected?"
    load_knowledge(servers, folder)
    try:
        loaded, first = time.monotonic(), ""
        while time.monotonic() - loaded < 15 and not first.startswith("Yes"):
            first = Chat(servers).say(check)[0]
            time.sleep(0.5)
        assert first.startswith(
            "Yes — your payment is one of those the city says may have been exposed."
        ), first
        assert "The data that may have been taken" in first
        chat = Chat(servers)
        when = " ".join(chat.say("When did the Sample Springs breach happen?"))
        assert "Oct 3" in when or "October 3" in when, when
        assert "may have been exposed" in when, when
        counted = " ".join(chat.say("how many people were affected in Sample Springs?"))
        assert "1,873" in counted, counted
        permit = Chat(servers).say(
            "Example Town, I paid a building permit online with my card on January 20 2019, "
            "was I affected?"
        )
        assert permit[0].startswith("Good news"), permit
        assert "gives for building permits (between March 1, 2019 and March 20, 2019)" in permit[0]
    finally:
        load_knowledge(servers, KNOWLEDGE_DIR)
        restored = time.monotonic()
        while time.monotonic() - restored < 30:
            if not Chat(servers).say(check)[0].startswith("Yes"):
                break
            time.sleep(0.5)


def test_rasas_commands_typed_by_a_resident_get_an_answer_not_silence(chat: Chat):
    chat.say("was my payment affected?")
    chat.say("Odessa")
    assert chat.slot("city") is not None
    said = chat.say("/restart")
    assert said and "starting over" in said[0]
    assert chat.slot("city") is None  # and it did start over
    for typed in ("/back", "/session_start"):
        assert [t for t in chat.say(typed) if t], typed
