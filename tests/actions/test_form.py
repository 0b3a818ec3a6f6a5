"""validate_selfcheck_form against the real domain and a knowledge database of the test's own."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.form import ValidateSelfcheckForm
from tests.actions.conftest import make_tracker, slot_events, texts


async def run_form(
    store, domain, text, intent="inform", requested=None, slots=None, active="selfcheck_form"
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, intent, slots, requested, active)
    events = await ValidateSelfcheckForm(store).run(dispatcher, tracker, domain)
    return slot_events(events), texts(dispatcher)


async def test_one_message_fills_every_slot(store, domain):
    slots, said = await run_form(
        store, domain,
        "I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?",
        intent="check_payment", active=None,
    )  # fmt: skip
    assert slots["city"] == "Odessa, TX"
    assert "Sept 3 2019" in slots["payment_date"]
    assert slots["payment_method"] == "online_one_time|card|utility"
    assert said == []


@pytest.mark.parametrize(
    "requested, text, slot, value",
    [
        ("city", "odessa texas", "city", "Odessa, TX"),
        ("city", "in St Pete", "city", "St. Petersburg, FL"),
        ("city", "bakersfeild", "city", "Bakersfield, CA"),
        (
            "city",
            "Springfield",
            "city",
            "Springfield",
        ),  # unknown city: kept, answered honestly later
        ("city", "Springfield, IL", "city", "Springfield, IL"),
        ("payment_date", "9/5/19", "payment_date", "9/5/19"),
        ("payment_date", "I don't remember", "payment_date", "I don't remember"),
        ("payment_method", "autopay", "payment_method", "autopay_existing|-|-"),
        ("payment_method", "at city hall with cash", "payment_method", "in_person|cash|-"),
    ],
)
async def test_the_requested_answer_is_understood(store, domain, requested, text, slot, value):
    slots, said = await run_form(store, domain, text, requested=requested)
    assert slots[slot] == value
    assert said == []


@pytest.mark.parametrize(
    "requested, text, example",
    [
        ("city", "I don't know", "Odessa, TX"),
        ("payment_date", "purple", "September 3, 2019"),
        ("payment_method", "hmm whatever", "online with my Visa"),
    ],
)
async def test_an_unusable_answer_is_asked_again_with_an_example(
    store, domain, requested, text, example
):
    slots, said = await run_form(store, domain, text, requested=requested)
    assert slots == {requested: None}
    assert len(said) == 1 and example in said[0]


async def test_a_question_in_the_middle_fills_nothing_so_rasa_answers_it(store, domain):
    slots, said = await run_form(store, domain, "is it safe to pay online now?", intent="ask_safe_to_pay",
                                 requested="payment_method")  # fmt: skip
    assert slots == {} and said == []


async def test_a_correction_during_the_form_replaces_the_city(store, domain):
    slots, said = await run_form(store, domain, "no, I meant Bakersfield", intent="correct",
                                 requested="payment_date", slots={"city": "Odessa, TX"})  # fmt: skip
    assert slots == {"city": "Bakersfield, CA"}
    assert said == []  # no complaint about the date that was not given


async def test_a_later_method_detail_is_merged(store, domain):
    slots, _ = await run_form(store, domain, "with my debit card", requested="payment_method",
                              slots={"payment_method": "online_one_time|-|-"})  # fmt: skip
    assert slots["payment_method"] == "online_one_time|card|-"


async def test_an_out_of_scope_classified_answer_still_counts_for_the_requested_slot(store, domain):
    slots, _ = await run_form(store, domain, "Norman", intent="out_of_scope", requested="city")
    assert slots == {"city": "Norman, OK"}
    slots, _ = await run_form(
        store, domain, "what's the weather", intent="out_of_scope", requested="city"
    )
    assert slots == {}


async def test_a_redaction_marker_is_not_a_payment_method(store, domain):
    slots, said = await run_form(store, domain, "[card number removed]", requested="payment_method")
    assert "payment_method" not in slots or slots["payment_method"] is None
