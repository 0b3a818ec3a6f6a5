"""action_answer_question: every related question, answered from the knowledge base."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.questions import ActionAnswerQuestion
from tests.actions.conftest import make_tracker, texts

CITY_IDS = {
    "Midwest City, OK": "midwest-city-ok",
    "Norman, OK": "norman-ok",
    "Bakersfield, CA": "bakersfield-ca",
    "Odessa, TX": "odessa-tx",
}


async def ask(store, text, intent, city=None):
    dispatcher = CollectingDispatcher()
    slot = {"id": CITY_IDS[city], "name": city, "kind": "exact"} if city else None
    tracker = make_tracker(text, intent, {"city": slot}, None, None)
    await ActionAnswerQuestion(store).run(dispatcher, tracker, {})
    return "\n".join(texts(dispatcher))


@pytest.mark.parametrize(
    "intent, text, city, expected",
    [
        (
            "ask_data_exposed",
            "what was stolen?",
            "Midwest City, OK",
            ["card number", "Not taken: Social Security number"],
        ),
        (
            "ask_data_exposed",
            "what did they get in Bakersfield?",
            None,
            ["card security code", "email address"],
        ),
        ("ask_safe_to_pay", "is it safe to pay online now?", "Midwest City, OK", ["safe again"]),
        (
            "ask_pay_meanwhile",
            "how can I pay meanwhile?",
            "Norman, OK",
            ["201-C W. Gray St.", "405-366-5320", "405-366-5339"],
        ),
        ("ask_contact", "who do I call?", "Bakersfield, CA", ["888-278-8028"]),
        (
            "ask_contact",
            "who do I call?",
            "Odessa, TX",
            ["gives no phone number", "1-877-438-4338"],
        ),
        (
            "request_human",
            "I want to talk to a person",
            "Midwest City, OK",
            ["can't transfer", "1-877-841-8141"],
        ),
        (
            "report_fraud",
            "how do I report fraud?",
            "Midwest City, OK",
            ["www.ic3.gov", "police", "City of Midwest City - Click2Gov compromise"],
        ),
        (
            "ask_credit_report",
            "free credit report?",
            None,
            ["www.annualcreditreport.com", "1-877-322-8228"],
        ),
        (
            "ask_fraud_alert_vs_freeze",
            "fraud alert or freeze?",
            "Midwest City, OK",
            ["security freeze", "optional"],
        ),
        ("ask_what_is_click2gov", "what is click2gov", None, ["Superion", "CentralSquare"]),
        (
            "ask_which_cities",
            "which cities were hit?",
            None,
            ["Odessa, TX", "Norman, OK", "Tyler, TX", "at least eighteen"],
        ),
        (
            "got_letter",
            "I got a letter from the city",
            "Bakersfield, CA",
            ["new card number", "888-278-8028"],
        ),
        (
            "unrecognised_charge",
            "there's a charge I don't recognise",
            None,
            ["card issuer", "www.ic3.gov", "I can check"],
        ),
        ("card_compromised", "my card was stolen online", None, ["cancel it", "I can check"]),
        (
            "ask_incident_facts",
            "how many people were affected?",
            "Midwest City, OK",
            ["4,559 customers affected", "December 11, 2017", "Affected: payments made", "Source:"],
        ),
        (
            "ask_incident_facts",
            "when did it happen?",
            None,
            ["Odessa, TX: August 27 – October 14, 2019", "Tell me your city"],
        ),
    ],
)
async def test_each_related_question(store, intent, text, city, expected):
    answer = await ask(store, text, intent, city)
    for words in expected:
        assert words in answer, (words, answer)


async def test_the_city_named_in_the_question_wins_over_the_conversation(store):
    answer = await ask(
        store, "what was taken in Bakersfield?", "ask_data_exposed", "Midwest City, OK"
    )
    assert "Bakersfield, CA" in answer and "Midwest City" not in answer


async def test_a_city_not_on_record_in_the_conversation_is_not_answered_for(store):
    dispatcher = CollectingDispatcher()
    russia = {"id": "st-petersburg-fl", "name": "St. Petersburg, Russia", "kind": "other_place"}
    tracker = make_tracker("who do I call?", "ask_contact", {"city": russia}, None, None)
    await ActionAnswerQuestion(store).run(dispatcher, tracker, {})
    answer = "\n".join(texts(dispatcher))
    assert "City numbers on record" in answer  # the general answer, not St. Petersburg, FL's


async def test_every_answer_cites_or_gives_numbers(store):
    """Each topic answers with something a resident can act on."""
    from actions.intents import QUESTIONS

    for intent in QUESTIONS:
        answer = await ask(store, "a question", intent, "Midwest City, OK")
        assert answer.strip(), intent


async def test_a_question_before_any_check_is_answered_for_the_city_the_page_presets(store):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "who do I call?", "ask_contact", {}, None, None, metadata={"preset_city": "bakersfield-ca"}
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, {})
    assert "888-278-8028" in "\n".join(texts(dispatcher))
