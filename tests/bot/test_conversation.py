"""Understanding one chat message: which slots it fills, and when to ask again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.conversation import decode_method, encode_method, understand_message
from bot.knowledge.store import KnowledgeStore, load_folder, make_engine
from bot.methods import Method

TODAY = date(2026, 11, 22)


def understand(store, text, intent="inform", requested=None, slots=None):
    return understand_message(store, text, intent, requested, slots or {}, today=TODAY)


def test_method_slot_round_trip():
    method = Method("online_one_time", "card", "utility")
    assert decode_method(encode_method(method)) == method
    assert decode_method(None) == Method()
    assert encode_method(Method(None, "bank_account")) == "-|bank_account|-"


def test_everything_in_one_message(store):
    found = understand(
        store,
        "paid St Pete parking ticket by phone with Amex on 9/1/18, affected?",
        "check_payment",
    )
    assert found.slots == {
        "city": "St. Petersburg, FL",
        "payment_date": "paid St Pete parking ticket by phone with Amex on 9/1/18, affected?",
        "payment_method": "phone|card|parking_ticket",
    }
    assert found.reask is None


def test_dont_know_is_a_date_answer_only_when_the_date_was_asked(store):
    assert understand(store, "I don't know", requested="payment_date").slots == {
        "payment_date": "I don't know"
    }
    found = understand(store, "I don't know", requested="city")
    assert found.slots == {"city": None} and "Odessa, TX" in found.reask


def test_small_talk_in_the_middle_fills_nothing(store):
    assert understand(store, "hello there", "greet", requested="city").slots == {}


def test_a_city_added_to_the_knowledge_needs_no_retraining(tmp_path, knowledge_copy):
    (knowledge_copy / "cities" / "example-az.yaml").write_text(
        (Path(__file__).parent / "knowledge" / "example_city.yaml").read_text()
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    load_folder(engine, knowledge_copy)
    store = KnowledgeStore(engine)
    found = understand(
        store,
        "I paid my water bill in Example Town online with a card in January 2019",
        "check_payment",
    )
    assert found.slots["city"] == "Example Town, AZ"


@pytest.mark.parametrize(
    "text, slots",
    [
        ("no, it was Norman", {"city": "Norman, OK"}),
        ("actually I paid by phone", {"payment_method": "phone|card|-"}),
        ("not Visa, I used an e-check", {"payment_method": "online_one_time|bank_account|-"}),
        ("sorry, it was August 30", {"payment_date": "sorry, it was August 30"}),
    ],
)
def test_corrections(store, text, slots):
    before = {
        "city": "Odessa, TX",
        "payment_date": "Sept 3 2019",
        "payment_method": "online_one_time|card|-",
    }
    assert understand(store, text, "correct", slots=before).slots == slots


@pytest.mark.parametrize(
    "text, city",
    [
        ("I live in Tucson, was my payment affected? paid online June 2018 with visa", "Tucson"),
        ("paid in Fort Worth by phone", "Fort Worth"),
        ("I paid online in June 2018", None),  # a month is not a place
    ],
)
def test_a_city_not_on_record_named_in_a_sentence_replaces_the_old_one(store, text, city):
    found = understand(store, text, "check_payment", slots={"city": "Odessa, TX"})
    assert found.slots.get("city") == city
