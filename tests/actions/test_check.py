"""action_run_check, corrections, new checks and start over."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.check import (
    ActionApplyCorrection,
    ActionPrepareNewCheck,
    ActionRunCheck,
    ActionStartOver,
)
from bot.conversation import ASK_WHAT_TO_CORRECT
from tests.actions.conftest import make_tracker, slot_events, texts

ODESSA = {
    "city": "Odessa, TX",
    "payment_date": "Sept 3 2019",
    "payment_method": "online_one_time|card|-",
}


async def run(action, text="", intent="inform", slots=None, active=None):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, make_tracker(text, intent, slots, None, active), {})
    return events, texts(dispatcher)


@pytest.mark.parametrize(
    "slots, verdict",
    [
        (ODESSA, "affected"),
        ({**ODESSA, "payment_date": "September 3"}, "affected"),  # the year comes from the incident
        ({**ODESSA, "payment_method": "phone|card|-"}, "not_affected"),
        (
            {
                "city": "Midwest City, OK",
                "payment_date": "March 2 2018",
                "payment_method": "online_one_time|card|-",
            },
            "possibly_affected",
        ),
        (
            {
                "city": "Norman, OK",
                "payment_date": "last week",
                "payment_method": "online_one_time|-|-",
            },
            "under_investigation",
        ),
        (
            {
                "city": "Tyler, TX",
                "payment_date": "June 2018",
                "payment_method": "online_one_time|-|-",
            },
            "no_details_on_record",
        ),
        (
            {
                "city": "Springfield",
                "payment_date": "June 2018",
                "payment_method": "online_one_time|-|-",
            },
            "no_incident_on_record",
        ),
    ],
)
async def test_run_check_sets_the_verdict_and_says_why(store, slots, verdict):
    events, said = await run(ActionRunCheck(store), slots=slots)
    assert slot_events(events) == {"verdict": verdict}
    assert len(said) >= 2
    assert "start over" in said[-1]


async def test_affected_answer_lists_steps_and_numbers(store):
    _, said = await run(ActionRunCheck(store), slots=ODESSA)
    joined = "\n".join(said)
    assert joined.startswith("Yes — your payment was affected.")
    assert "What to do now:" in joined and "1-877-438-4338" in joined
    assert "001_228bbffbe9cc2cc8.txt" in joined


async def test_a_correction_after_the_check_checks_again(store):
    events, said = await run(
        ActionApplyCorrection(store), "actually it was in July", "correct", ODESSA
    )
    slots = slot_events(events)
    assert slots["payment_date"] == "actually it was in July"
    assert slots["verdict"] == "not_affected"  # July 2019 is before the Odessa window
    assert any("outside the dates" in s for s in said)


async def test_a_city_correction_rereads_the_date_in_the_new_city(store):
    events, _ = await run(ActionApplyCorrection(store), "no, I meant Bakersfield", "correct",
                          {**ODESSA, "payment_date": "August 20"})  # fmt: skip
    assert slot_events(events) == {"city": "Bakersfield, CA", "verdict": "affected"}  # Aug 20, 2018


async def test_a_correction_without_anything_to_change_asks_what(store):
    events, said = await run(ActionApplyCorrection(store), "no that's wrong", "correct", ODESSA)
    assert events == [] and said == [ASK_WHAT_TO_CORRECT]


async def test_new_check_forgets_verdict_and_date_only(store):
    events, _ = await run(ActionPrepareNewCheck(store), slots={**ODESSA, "verdict": "affected"})
    assert slot_events(events) == {"verdict": None, "payment_date": None}


async def test_start_over_clears_everything(store):
    events, said = await run(ActionStartOver(store), "start over", "start_over",
                             {**ODESSA, "verdict": "affected"}, active="selfcheck_form")  # fmt: skip
    assert slot_events(events) == {
        "city": None, "payment_date": None, "payment_method": None, "verdict": None, "requested_slot": None,
    }  # fmt: skip
    assert said == []
