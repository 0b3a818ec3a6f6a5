"""Understanding one chat message: which slots it fills, as typed values."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import (
    Turn,
    city_from_slot,
    date_from_slot,
    date_slot,
    looks_like_a_place,
    method_from_slot,
    method_slot,
    understand_turn,
)
from bot.dates import DateSpan, DateUnknown
from bot.knowledge.reader import read_knowledge
from bot.methods import Method
from tests.conftest import EXAMPLE_CITY

TODAY = date(2026, 11, 22)
ZONE = "America/Chicago"
ODESSA = {"id": "odessa-tx", "name": "Odessa, TX", "kind": "exact", "place": None, "state": "TX"}


def understand(knowledge, text, requested=None, slots=None, only_requested=False):
    turn = Turn(text, requested, only_requested)
    return understand_turn(knowledge, turn, slots or {}, ZONE, today=TODAY)


def day(year, month, dd, year_given=True):
    return date_slot(DateSpan(date(year, month, dd), date(year, month, dd), year_given=year_given))


def test_slot_values_round_trip():
    method = Method("online_one_time", "card", "utility")
    assert method_from_slot(method_slot(method)) == method
    assert method_from_slot(None) == Method()
    assert method_slot(Method(None, "bank_account")) == {
        "channel": None,
        "instrument": "bank_account",
        "service": None,
        "autopay_assumed": False,
    }
    autopay = Method("autopay_existing", None, None, autopay_assumed=True)
    assert method_from_slot(method_slot(autopay)) == autopay
    span = DateSpan(date(2018, 6, 1), date(2018, 6, 30), approximate=True, year_given=False)
    assert date_from_slot(date_slot(span)) == span
    assert date_from_slot(date_slot(DateUnknown())) == DateUnknown()
    assert city_from_slot(ODESSA).city_id == "odessa-tx" and city_from_slot(ODESSA).found


def test_everything_in_one_message(knowledge):
    found = understand(
        knowledge, "paid St Pete parking ticket by phone with Amex on 9/1/18, affected?"
    )
    assert found["city"]["id"] == "st-petersburg-fl"
    assert found["city"]["name"] == "St. Petersburg, FL"
    assert found["payment_date"] == day(2018, 9, 1)
    assert found["payment_method"] == {
        "channel": "phone",
        "instrument": "card",
        "service": "parking_ticket",
        "autopay_assumed": False,
    }


def test_slots_hold_only_what_was_understood(knowledge):
    found = understand(knowledge, "I paid Odessa online with my Visa on Sept 3 2019, was I hit?")
    assert "Visa" not in str(found) and "was I hit" not in str(found)


def test_a_year_less_date_takes_the_year_of_the_city_in_the_same_message(knowledge):
    found = understand(knowledge, "Odessa, September 3, online by card")
    assert found["payment_date"] == day(2019, 9, 3, year_given=False)


def test_dont_know_is_a_date_answer_only_when_the_date_was_asked(knowledge):
    assert understand(knowledge, "I don't know", requested="payment_date") == {
        "payment_date": {"unknown": True}
    }
    assert understand(knowledge, "I don't know", requested="city") == {}


def test_a_city_added_to_the_knowledge_needs_no_retraining(knowledge_copy):
    (knowledge_copy / "cities" / "example-az.yaml").write_text(EXAMPLE_CITY.read_text())
    knowledge = read_knowledge(knowledge_copy)
    found = understand(
        knowledge, "I paid my water bill in Example Town online with a card in January 2019"
    )
    assert found["city"]["id"] == "example-az" and found["city"]["name"] == "Example Town, AZ"


@pytest.mark.parametrize(
    "text, changed",
    [
        ("no, it was Norman", {"city": "norman-ok"}),
        ("actually I paid by phone", {"payment_method": ("phone", "card")}),
        ("not Visa, I used an e-check", {"payment_method": ("online_one_time", "bank_account")}),
        ("sorry, it was August 30", {"payment_date": day(2019, 8, 30, year_given=False)}),
    ],
)
def test_corrections(knowledge, text, changed):
    before = {
        "city": ODESSA,
        "payment_date": day(2019, 9, 3),
        "payment_method": method_slot(Method("online_one_time", "card")),
    }
    found = understand(knowledge, text, slots=before)
    assert set(found) == set(changed)
    if "city" in changed:
        assert found["city"]["id"] == changed["city"]
    if "payment_method" in changed:
        method = method_from_slot(found["payment_method"])
        assert (method.channel, method.instrument) == changed["payment_method"]
    if "payment_date" in changed:
        assert found["payment_date"] == changed["payment_date"]


def test_a_new_city_moves_a_year_less_date_into_its_incident_period(knowledge):
    before = {"city": ODESSA, "payment_date": day(2019, 8, 20, year_given=False)}
    found = understand(knowledge, "no, I meant Bakersfield", slots=before)
    assert found["city"]["id"] == "bakersfield-ca"
    assert found["payment_date"] == day(2018, 8, 20, year_given=False)


def test_a_new_city_leaves_a_date_with_a_year_alone(knowledge):
    before = {"city": ODESSA, "payment_date": day(2019, 8, 20)}
    found = understand(knowledge, "no, I meant Bakersfield", slots=before)
    assert "payment_date" not in found


@pytest.mark.parametrize(
    "text, name, kind",
    [
        (
            "I live in Tucson, was my payment affected? paid online June 2018 with visa",
            "Tucson",
            "unknown",
        ),
        ("paid in Fort Worth by phone", "Fort Worth", "unknown"),
        ("St. Petersburg, Russia, online in 2018", "St. Petersburg, Russia", "other_place"),
    ],
)
def test_a_place_not_on_record_named_in_a_sentence_replaces_the_old_city(
    knowledge, text, name, kind
):
    found = understand(knowledge, text, slots={"city": ODESSA})
    assert found["city"]["name"] == name and found["city"]["kind"] == kind
    assert found["city"]["id"] in (None, "st-petersburg-fl")


def test_a_month_is_not_a_place(knowledge):
    assert "city" not in understand(knowledge, "I paid online in June 2018", slots={"city": ODESSA})


def test_an_off_topic_looking_answer_counts_only_for_the_question_asked(knowledge):
    found = understand(knowledge, "Norman", requested="city", only_requested=True)
    assert found["city"]["id"] == "norman-ok"
    found = understand(
        knowledge, "kiosk in Norman", requested="payment_method", only_requested=True
    )
    assert set(found) == {"payment_method"}
    assert understand(knowledge, "what's the weather", requested="city", only_requested=True) == {}


@pytest.mark.parametrize("text", ["next friday", "in two weeks", "December 25 2031"])
def test_a_payment_date_in_the_future_is_asked_again(knowledge, text):
    assert "payment_date" not in understand(knowledge, text, requested="payment_date")


@pytest.mark.parametrize(
    "answer",
    ["evil-example.com", "www evil", "http example", "I paid in Evil-example.com", "a@b.org"],
)
def test_a_web_or_mail_address_is_never_taken_for_a_place(knowledge, answer):
    assert "city" not in understand(knowledge, answer, requested="city")


@pytest.mark.parametrize("answer", ["St. Petersburg", "Washington D.C.", "Springfield"])
def test_places_with_dots_are_still_places(answer):
    assert looks_like_a_place(answer)
