"""action_run_check, corrections, new checks and start over."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.check import (
    ActionApplyCorrection,
    ActionPrepareNewCheck,
    ActionRunCheck,
    ActionStartCheckFromAnswer,
    ActionStartOver,
)
from actions.form import ValidateSelfcheckForm
from tests.actions.conftest import make_tracker, slot_events, texts


def city(city_id, name, kind="exact"):
    return {"id": city_id, "name": name, "kind": kind, "place": None, "state": None}


def day(iso, year_given=True):
    return {"start": iso, "end": iso, "approximate": False, "year_given": year_given}


def month(start, end):
    return {"start": start, "end": end, "approximate": False, "year_given": True}


def method(channel=None, instrument=None, service=None):
    return {"channel": channel, "instrument": instrument, "service": service}


ODESSA = {
    "city": city("odessa-tx", "Odessa, TX"),
    "payment_date": day("2019-09-03"),
    "payment_method": method("online_one_time", "card"),
}


async def run(action, text="", intent="inform", slots=None, active=None):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, make_tracker(text, intent, slots, None, active), {})
    return events, texts(dispatcher)


@pytest.mark.parametrize(
    "slots, verdict",
    [
        (ODESSA, "affected"),
        ({**ODESSA, "payment_method": method("phone", "card")}, "not_affected"),
        (
            {
                "city": city("midwest-city-ok", "Midwest City, OK"),
                "payment_date": day("2018-03-02"),
                "payment_method": method("online_one_time", "card"),
            },
            "possibly_affected",
        ),
        (
            {
                "city": city("norman-ok", "Norman, OK"),
                "payment_date": day("2026-11-20"),
                "payment_method": method("online_one_time"),
            },
            "under_investigation",
        ),
        (
            {
                "city": city("tyler-tx", "Tyler, TX"),
                "payment_date": month("2018-06-01", "2018-06-30"),
                "payment_method": method("online_one_time"),
            },
            "no_details_on_record",
        ),
        (
            {
                "city": city(None, "Springfield", "unknown"),
                "payment_date": month("2018-06-01", "2018-06-30"),
                "payment_method": method("online_one_time"),
            },
            "no_incident_on_record",
        ),
    ],
)
async def test_run_check_sets_the_verdict_and_says_why(store, slots, verdict):
    events, said = await run(ActionRunCheck(store), slots=slots)
    assert slot_events(events) == {"verdict": verdict}
    assert len(said) >= 2
    assert said[-1] == "utter_after_check"  # "check another payment, ... start over" + buttons


async def test_affected_answer_lists_steps_and_numbers(store):
    _, said = await run(ActionRunCheck(store), slots=ODESSA)
    joined = "\n".join(said)
    assert joined.startswith("Yes — your payment was affected.")
    assert "What to do now:" in joined and "1-877-438-4338" in joined
    assert (
        'Source: City of Odessa, "Click2Gov Security Breach", posted December 12, 2019.' in joined
    )
    assert ".txt" not in joined


async def test_without_a_city_the_form_asks_for_it(store):
    events, said = await run(ActionRunCheck(store), slots={**ODESSA, "city": None})
    assert said == ["utter_ask_city"]
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "selfcheck_form"


async def test_a_correction_after_the_check_checks_again(store):
    events, said = await run(
        ActionApplyCorrection(store), "actually it was in July", "correct", ODESSA
    )
    slots = slot_events(events)
    assert slots["payment_date"]["start"] == "2019-07-01"  # July of the Odessa incident's year
    assert slots["verdict"] == "not_affected"  # July 2019 is before the Odessa window
    assert any("outside the dates" in s for s in said)


async def test_a_city_correction_rereads_the_date_in_the_new_city(store):
    events, _ = await run(
        ActionApplyCorrection(store),
        "no, I meant Bakersfield",
        "correct",
        {**ODESSA, "payment_date": day("2019-08-20", year_given=False)},
    )
    slots = slot_events(events)
    assert slots["city"]["id"] == "bakersfield-ca"
    # the date moves to the Bakersfield incident's year; that year decides the answer, so the
    # assistant asks before answering, the year it took first
    assert slots["payment_date"] is None and slots["verdict"] is None
    options = slots["pending_choice"]["options"]
    assert options[0]["value"]["start"] == "2018-08-20"
    assert options[1]["value"]["start"] != "2018-08-20"


async def test_a_year_the_resident_confirms_fills_the_date(store, domain):
    asked, _ = await run(
        ActionApplyCorrection(store),
        "no, I meant Bakersfield",
        "correct",
        {**ODESSA, "payment_date": day("2019-08-20", year_given=False)},
    )
    pending = slot_events(asked)["pending_choice"]
    slots = {**ODESSA, "city": city("bakersfield-ca", "Bakersfield, CA"), "payment_date": None}
    for answer, start in (
        ("2018", "2018-08-20"),
        ("yes", "2018-08-20"),
        ("2", None),
        ("2016", "2016-08-20"),
    ):
        tracker = make_tracker(
            answer, "inform", {**slots, "pending_choice": pending}, "payment_date"
        )
        events = await ValidateSelfcheckForm(store).run(CollectingDispatcher(), tracker, domain)
        filled = slot_events(events)
        expected = start or pending["options"][1]["value"]["start"]
        assert filled["payment_date"]["start"] == expected, answer
        assert filled["payment_date"]["year_given"] is True
        assert filled["pending_choice"] is None


async def test_a_correction_without_anything_to_change_asks_what(store):
    events, said = await run(ActionApplyCorrection(store), "no that's wrong", "correct", ODESSA)
    assert events == [] and said == ["utter_ask_what_to_correct"]


async def test_a_correction_that_leaves_a_slot_empty_returns_to_the_form(store):
    events, said = await run(
        ActionApplyCorrection(store),
        "it was Bakersfield",
        "correct",
        {**ODESSA, "payment_date": None},
    )
    assert slot_events(events)["verdict"] is None
    assert events[-1]["event"] == "followup" and said == []


FORGOTTEN = {"verdict": None, "payment_date": None, "payment_method": None, "pending_choice": None}


async def test_new_check_forgets_verdict_date_and_method_but_keeps_the_city(store):
    """A second payment is asked how it was paid: the last method is never reused unsaid."""
    events, _ = await run(ActionPrepareNewCheck(store), slots={**ODESSA, "verdict": "affected"})
    assert slot_events(events) == FORGOTTEN


async def test_saying_what_was_paid_for_after_an_answer_keeps_the_date(store):
    """After "it depends on what the payment was for", the answer names only the service."""
    slots = {**ODESSA, "verdict": "possibly_affected"}
    events, _ = await run(ActionPrepareNewCheck(store), "it was my water bill", slots=slots)
    assert slot_events(events) == {"verdict": None}
    events, _ = await run(
        ActionPrepareNewCheck(store), "it was in July, my water bill", slots=slots
    )
    assert slot_events(events) == FORGOTTEN


async def test_start_over_clears_everything(store):
    events, said = await run(
        ActionStartOver(store),
        "start over",
        "start_over",
        {**ODESSA, "verdict": "affected"},
        active="selfcheck_form",
    )
    assert slot_events(events) == {
        "city": None,
        "payment_date": None,
        "payment_method": None,
        "verdict": None,
        "requested_slot": None,
        "pending_choice": None,
    }
    assert said == []


@pytest.mark.parametrize("text", ["Odessa", "online with my Visa", "Sept 3 2019", "by phone"])
async def test_an_answer_outside_the_form_with_a_slot_starts_the_check(store, text):
    events, said = await run(ActionStartCheckFromAnswer(store), text)
    assert said == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "selfcheck_form"}


@pytest.mark.parametrize("text", ["king of acid", "purple", "the thing", "ok so"])
async def test_an_answer_outside_the_form_without_a_slot_is_not_understood(store, text):
    events, said = await run(ActionStartCheckFromAnswer(store), text)
    assert events == []
    assert said == ["utter_default"]


async def test_an_answer_after_a_check_starts_a_fresh_check(store):
    events, _ = await run(
        ActionStartCheckFromAnswer(store), "Bakersfield", slots={**ODESSA, "verdict": "affected"}
    )
    assert slot_events(events) == FORGOTTEN
    assert events[-1]["event"] == "followup"


@pytest.mark.parametrize(
    "text, intent, starts",
    [
        ("I paid online on September 20 2019", "nlu_fallback", True),
        ("she paid her sewer bill in person", "nlu_fallback", True),
        ("odessa online", "nlu_fallback", True),
        ("I love reading the news online every single morning", "nlu_fallback", False),
        ("I paid Odessa online on 9/20/2019 at the library", "out_of_scope", True),
        ("can I pay my cable bill online?", "out_of_scope", False),
        ("my card is [card number removed] and I paid Odessa online", "share_sensitive_data", True),
        ("my card is [card number removed]", "share_sensitive_data", False),
    ],
)
async def test_a_message_not_taken_for_an_answer_starts_a_check_only_with_a_payment(
    store, text, intent, starts
):
    events, said = await run(ActionStartCheckFromAnswer(store), text, intent)
    if starts:
        assert said == [] and events[-1]["name"] == "selfcheck_form"
    else:
        assert events == [] and len(said) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I paid for a pizza with my credit card yesterday",
        "we paid for the hotel online last week",
    ],
)
async def test_a_purchase_that_is_not_a_city_payment_stays_out_of_scope(store, text):
    events, said = await run(ActionStartCheckFromAnswer(store), text, "out_of_scope")
    assert events == [] and said == ["utter_out_of_scope"]


def _after(*turns):
    """A tracker's events: each (user text, the responses the bot sent), then the latest message."""
    events = []
    for text, responses in turns:
        events.append({"event": "user", "text": text, "input_channel": "rest_redacted"})
        events += [
            {"event": "bot", "text": "...", "metadata": {"utter_action": r}} for r in responses
        ]
    return events


@pytest.mark.parametrize(
    "before, said",
    [
        ([], "utter_default"),  # the first time
        ([("king of acid", ["utter_default"])], "utter_default_again"),
        ([("king of acid", ["utter_default_again"])], "utter_default_again"),
        ([("purple", ["utter_default"]), ("odessa", ["utter_ask_payment_date"])], "utter_default"),
        ([("hello", ["utter_greet"])], "utter_default"),
    ],
)
async def test_a_message_not_understood_twice_in_a_row_gets_a_different_reply(store, before, said):
    tracker = make_tracker("the thing", "nlu_fallback", active_loop=None)
    tracker.events = _after(*before) + tracker.events
    dispatcher = CollectingDispatcher()
    await ActionStartCheckFromAnswer(store).run(dispatcher, tracker, {})
    assert texts(dispatcher) == [said]


async def test_the_second_wording_is_not_the_first(domain):
    first = domain["responses"]["utter_default"][0]["text"]
    again = domain["responses"]["utter_default_again"][0]
    assert again["text"] != first and "for example" in again["text"]
    assert again["buttons"] == [{"title": "Was my payment affected?", "payload": "/check_payment"}]


async def test_checks_and_messages_not_understood_are_counted_without_their_text(store):
    from bot.usage import figures

    await run(ActionRunCheck(store), "online with my Visa", slots=ODESSA)
    await run(ActionStartCheckFromAnswer(store), "king of acid", "nlu_fallback")
    found = figures(store.engine, 1, "America/Chicago").as_dict()
    assert found["checks"] == [
        {"city_id": "odessa-tx", "verdict": "affected", "channel": "rest", "count": 1}
    ]
    assert found["stuck"] == [
        {"kind": "not_understood", "channel": "rest", "slot": None, "count": 1}
    ]
    with store.engine.connect() as connection:
        from sqlalchemy import text

        rows = connection.execute(text("SELECT * FROM usage_events")).fetchall()
    assert "king" not in repr(rows)


async def test_saying_how_it_was_paid_after_a_hedged_answer_keeps_the_date(store):
    """'If you paid online by card…': the resident who then says how (what the check lacked)
    gets the same payment checked again; another way of paying is another payment."""
    card_only = {**ODESSA, "payment_method": {"instrument": "card"}}
    slots = {**card_only, "verdict": "possibly_affected"}
    for said in ("online with my Mastercard", "en línea con mi tarjeta"):
        events, _ = await run(ActionPrepareNewCheck(store), said, slots=slots)
        assert slot_events(events) == {"verdict": None}, said
    paid_by_phone = {**ODESSA, "verdict": "not_affected"}  # ODESSA was paid online by card
    events, _ = await run(ActionPrepareNewCheck(store), "I also paid by phone", slots=paid_by_phone)
    assert slot_events(events) == FORGOTTEN
