"""validate_selfcheck_form against the real domain and a knowledge database of the test's own."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.form import ValidateSelfcheckForm
from bot.conversation import date_from_slot, method_from_slot
from tests.actions.conftest import make_tracker, slot_events, texts

ODESSA = {"id": "odessa-tx", "name": "Odessa, TX", "kind": "exact", "place": None, "state": "TX"}


async def run_form(
    store,
    domain,
    text,
    intent="inform",
    requested=None,
    slots=None,
    active="selfcheck_form",
    entities=None,
    metadata=None,
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, intent, slots, requested, active, entities, metadata=metadata)
    events = await ValidateSelfcheckForm(store).run(dispatcher, tracker, domain)
    return slot_events(events), texts(dispatcher)


def method_of(slots):
    method = method_from_slot(slots["payment_method"])
    return method.channel, method.instrument, method.service


async def test_one_message_fills_every_slot(store, domain):
    slots, said = await run_form(
        store,
        domain,
        "I paid my Odessa water bill online with my Visa on Sept 3 2019, was I hit?",
        intent="check_payment",
        active=None,
    )
    assert slots["city"]["id"] == "odessa-tx"
    assert slots["payment_date"]["start"] == slots["payment_date"]["end"] == "2019-09-03"
    assert method_of(slots) == ("online_one_time", "card", "utility")
    assert said == []


@pytest.mark.parametrize(
    "requested, text, name",
    [
        ("city", "odessa texas", "Odessa, TX"),
        ("city", "in St Pete", "St. Petersburg, FL"),
        ("city", "bakersfeild", "Bakersfield, CA"),
        ("city", "Springfield", "Springfield"),  # not on record: kept, answered honestly later
        ("city", "Springfield, IL", "Springfield, IL"),
    ],
)
async def test_the_requested_city_is_understood(store, domain, requested, text, name):
    slots, said = await run_form(store, domain, text, requested=requested)
    assert slots["city"]["name"] == name
    assert said == []


@pytest.mark.parametrize(
    "text, start, end",
    [("9/5/19", "2019-09-05", "2019-09-05"), ("June 2018", "2018-06-01", "2018-06-30")],
)
async def test_the_requested_date_is_understood(store, domain, text, start, end):
    slots, _ = await run_form(store, domain, text, requested="payment_date")
    assert (slots["payment_date"]["start"], slots["payment_date"]["end"]) == (start, end)


async def test_i_dont_remember_is_a_date_answer(store, domain):
    slots, _ = await run_form(store, domain, "I don't remember", requested="payment_date")
    assert slots["payment_date"] == {"unknown": True}


@pytest.mark.parametrize(
    "text, method",
    [
        ("autopay", ("autopay_existing", None, None)),
        ("at city hall with cash", ("in_person", "cash", None)),
    ],
)
async def test_the_requested_method_is_understood(store, domain, text, method):
    slots, _ = await run_form(store, domain, text, requested="payment_method")
    assert method_of(slots) == method


async def test_a_button_choice_is_read_from_its_entity(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        '/inform{"choice": "online with a card"}',
        requested="payment_method",
        entities=[{"entity": "choice", "value": "online with a card"}],
    )
    assert method_of(slots) == ("online_one_time", "card", None)


@pytest.mark.parametrize(
    "requested, text",
    [("city", "I don't know"), ("payment_date", "purple"), ("payment_method", "hmm whatever")],
)
async def test_an_unusable_answer_gets_an_apology_and_the_question_again(
    store, domain, requested, text
):
    slots, said = await run_form(store, domain, text, requested=requested)
    assert slots == {requested: None}
    assert said == [f"utter_reask_{requested}"]  # then the form asks utter_ask_<slot> again


def test_each_question_and_apology_is_a_domain_response_with_an_example(domain):
    responses = domain["responses"]
    examples = {"city": "Odessa, TX", "payment_date": "September 3, 2019", "payment_method": "Visa"}
    for slot, example in examples.items():
        assert example in responses[f"utter_ask_{slot}"][0]["text"]
        apology = responses[f"utter_reask_{slot}"][0]["text"]
        assert apology.startswith("Sorry") and example not in apology  # no repeated question
    buttons = responses["utter_ask_payment_method"][0]["buttons"]
    assert {b["title"] for b in buttons} >= {"Online, by card", "Autopay", "By phone"}


async def test_a_question_in_the_middle_fills_nothing_so_rasa_answers_it(store, domain):
    slots, said = await run_form(
        store,
        domain,
        "is it safe to pay online now?",
        intent="ask_safe_to_pay",
        requested="payment_method",
    )
    assert slots == {} and said == []


async def test_a_correction_during_the_form_replaces_the_city(store, domain):
    slots, said = await run_form(
        store,
        domain,
        "no, I meant Bakersfield",
        intent="correct",
        requested="payment_date",
        slots={"city": ODESSA},
    )
    assert slots["city"]["id"] == "bakersfield-ca" and set(slots) == {"city"}
    assert said == []  # no complaint about the date that was not given


async def test_a_new_city_moves_a_date_given_without_a_year(store, domain):
    before = {
        "city": ODESSA,
        "payment_date": {
            "start": "2019-08-20",
            "end": "2019-08-20",
            "approximate": False,
            "year_given": False,
        },
    }
    slots, _ = await run_form(
        store, domain, "Bakersfield", requested="payment_method", slots=before
    )
    assert slots["city"]["id"] == "bakersfield-ca"
    assert date_from_slot(slots["payment_date"]).start.isoformat() == "2018-08-20"


async def test_a_later_method_detail_is_merged(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        "with my debit card",
        requested="payment_method",
        slots={
            "payment_method": {"channel": "online_one_time", "instrument": None, "service": None}
        },
    )
    assert method_of(slots) == ("online_one_time", "card", None)


async def test_an_out_of_scope_classified_answer_still_counts_for_the_requested_slot(store, domain):
    slots, _ = await run_form(store, domain, "Norman", intent="out_of_scope", requested="city")
    assert slots["city"]["id"] == "norman-ok"
    slots, said = await run_form(
        store, domain, "what's the weather", intent="out_of_scope", requested="city"
    )
    assert slots == {} and said == []


async def test_a_redaction_marker_is_not_a_payment_method(store, domain):
    slots, said = await run_form(store, domain, "[card number removed]", requested="payment_method")
    assert slots == {"payment_method": None}


async def test_no_knowledge_loaded_is_said_plainly(tmp_path, domain):
    from bot.knowledge.store import KnowledgeStore, make_engine

    empty = KnowledgeStore(make_engine(f"sqlite:///{tmp_path / 'empty.db'}"))
    slots, said = await run_form(empty, domain, "Odessa", requested="city")
    assert slots == {} and said == ["utter_not_ready"]


async def test_a_city_the_page_presets_is_not_asked_for(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        "was my payment affected?",
        intent="check_payment",
        active=None,
        metadata={"preset_city": "odessa-tx"},
    )
    assert slots["city"]["id"] == "odessa-tx" and slots["city"]["name"] == "Odessa, TX"


async def test_a_city_the_resident_names_wins_over_the_preset(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        "I paid Bakersfield online",
        intent="check_payment",
        active=None,
        metadata={"preset_city": "odessa-tx"},
    )
    assert slots["city"]["id"] == "bakersfield-ca"


async def test_a_preset_that_is_not_a_city_on_record_is_ignored(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        "was my payment affected?",
        intent="check_payment",
        active=None,
        metadata={"preset_city": "atlantis-xx"},
    )
    assert "city" not in slots


@pytest.mark.parametrize(
    "text, channel, instrument",
    [
        ("1", "online_one_time", "card"),
        ("3", "phone", None),
        ("4.", "in_person", None),
        ("6", "online_one_time", "bank_account"),
    ],
)
async def test_a_digit_picks_the_numbered_choice(store, domain, text, channel, instrument):
    """A resident who types the number of a button gets that button's answer, whatever the NLU
    made of the digit."""
    slots, said = await run_form(
        store,
        domain,
        text,
        intent="out_of_scope",
        requested="payment_method",
        slots={"city": ODESSA},
    )
    method = method_from_slot(slots["payment_method"])
    assert (method.channel, method.instrument) == (channel, instrument)
    assert said == []


async def test_a_digit_past_the_choices_is_asked_again(store, domain):
    slots, said = await run_form(
        store, domain, "9", requested="payment_method", slots={"city": ODESSA}
    )
    assert "payment_method" not in slots or slots["payment_method"] is None
    assert said == ["utter_reask_payment_method"]


@pytest.mark.parametrize(
    "text, channel, instrument",
    [
        ("phone", "phone", None),
        ("web", "online_one_time", None),
        ("kiosk", "kiosk", None),
        ("card", None, "card"),
        ("cash", "in_person", "cash"),
    ],
)
async def test_a_one_word_method(store, domain, text, channel, instrument):
    slots, _ = await run_form(
        store,
        domain,
        text,
        intent="out_of_scope",
        requested="payment_method",
        slots={"city": ODESSA},
    )
    method = method_from_slot(slots["payment_method"])
    assert (method.channel, method.instrument) == (channel, instrument)


async def test_two_cities_leave_the_city_empty_with_a_choice_naming_them(store, domain):
    slots, said = await run_form(store, domain, "Odessa or Bakersfield", requested="city")
    assert slots["city"] is None and said == []
    assert [o["label"] for o in slots["pending_choice"]["options"]] == [
        "Odessa, TX",
        "Bakersfield, CA",
    ]


async def test_a_choice_is_answered_by_its_number(store, domain):
    pending, _ = await run_form(store, domain, "Odessa or Bakersfield", requested="city")
    picked, _ = await run_form(
        store, domain, "2", requested="city", slots={"pending_choice": pending["pending_choice"]}
    )
    assert picked["city"]["id"] == "bakersfield-ca" and picked["pending_choice"] is None


async def test_a_year_that_decides_is_asked_once_every_slot_is_known(store, domain):
    slots, _ = await run_form(
        store, domain, "I paid my Odessa water bill online with my Visa on September 20"
    )
    assert slots["payment_date"] is None
    assert [o["label"] for o in slots["pending_choice"]["options"]] == [
        "September 20, 2019",
        "September 20, 2018",
    ]


@pytest.mark.parametrize(
    "text, intent",
    [
        (
            "my card is [card number removed], I paid Odessa online on 9/20/2019",
            "share_sensitive_data",
        ),
        ("The city mailed me a letter. I paid Odessa online on 9/20/2019", "got_letter"),
        ("I paid Odessa online on 9/20/2019 at the library", "out_of_scope"),
    ],
)
async def test_a_message_taken_for_something_else_still_fills_the_check(
    store, domain, text, intent
):
    slots, said = await run_form(store, domain, text, intent=intent, requested="city")
    assert slots["city"]["id"] == "odessa-tx"
    assert slots["payment_date"]["start"] == "2019-09-20"
    assert said == []


async def test_a_question_that_gives_no_payment_is_left_to_its_rule(store, domain):
    slots, said = await run_form(
        store, domain, "who do I call in Odessa?", intent="ask_contact", requested="payment_date"
    )
    assert slots == {} and said == []


async def test_a_deciding_year_is_asked_with_the_city_the_page_presets(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        "I paid online with my Visa on September 20",
        metadata={"preset_city": "odessa-tx"},
    )
    assert slots["city"]["id"] == "odessa-tx" and slots["payment_date"] is None
    assert slots["pending_choice"]["kind"] == "year"


@pytest.mark.parametrize(
    "requested, first, text",
    [
        ("city", "no clue", "I don't know"),
        ("payment_date", "purple", "green"),
        ("payment_method", "hmm", "whatever"),
    ],
)
async def test_an_answer_unusable_twice_in_a_row_gets_the_apology_in_other_words_with_an_example(
    store, domain, requested, first, text
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "inform", None, requested, "selfcheck_form")
    tracker.events = [
        {"event": "user", "text": first, "input_channel": "rest_redacted"},
        {"event": "bot", "text": "Sorry", "metadata": {"utter_action": f"utter_reask_{requested}"}},
        {"event": "bot", "text": "?", "metadata": {"utter_action": f"utter_ask_{requested}"}},
        *tracker.events,
    ]
    await ValidateSelfcheckForm(store).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [f"utter_reask_{requested}_again"]
    again = domain["responses"][f"utter_reask_{requested}_again"][0]["text"]
    assert (
        "for example" in again
        and again != domain["responses"][f"utter_reask_{requested}"][0]["text"]
    )


SPANISH = {"language": "es"}  # what the widget sends with data-lang="es"


async def test_a_spanish_date_day_first_that_decides_is_asked(store, domain):
    """5/9/2019 is the 5th of September to a Spanish speaker (inside Odessa's incident) and the
    9th of May month first (before it): never taken either way without asking."""
    slots, _ = await run_form(
        store, domain, "Odessa, 5/9/2019, en línea con mi tarjeta", metadata=SPANISH
    )
    assert slots["payment_date"] is None
    assert slots["pending_choice"]["kind"] == "day_order"
    assert [o["label"] for o in slots["pending_choice"]["options"]] == [
        "5 de septiembre de 2019",  # said in the conversation's language, read back in it
        "9 de mayo de 2019",
    ]
    picked, _ = await run_form(
        store,
        domain,
        "1",
        requested="payment_date",
        slots={
            "city": slots["city"],
            "payment_method": slots["payment_method"],
            "pending_choice": slots["pending_choice"],
        },
        metadata=SPANISH,
    )
    assert picked["payment_date"]["start"] == "2019-09-05" and picked["pending_choice"] is None


async def test_a_spanish_date_read_either_way_to_the_same_answer_is_not_asked(store, domain):
    slots, _ = await run_form(
        store, domain, "Odessa, 3/4/2017, en línea con mi tarjeta", metadata=SPANISH
    )
    assert slots["payment_date"]["start"] == "2017-04-03"  # day first; both long before
    assert "pending_choice" not in slots or slots["pending_choice"] is None


@pytest.mark.parametrize(
    "text, start",
    [
        ("el 3 de septiembre de 2019", "2019-09-03"),
        ("a mediados de septiembre de 2019", "2019-09-11"),
        ("25/9/2019", "2019-09-25"),
    ],
)
async def test_a_spanish_answer_to_the_date_question(store, domain, text, start):
    slots, _ = await run_form(
        store,
        domain,
        text,
        intent="out_of_scope",
        requested="payment_date",
        slots={"city": ODESSA},
        metadata=SPANISH,
    )
    assert slots["payment_date"]["start"] == start


async def test_without_the_language_a_numeric_date_is_month_first_as_before(store, domain):
    slots, _ = await run_form(store, domain, "Odessa, 5/9/2019, online with my card")
    assert slots["payment_date"]["start"] == "2019-05-09"
    assert "month_first" not in slots["payment_date"]


@pytest.mark.parametrize(
    "text, start, asked",
    [
        ("el 3 de septiembre de 2019", "2019-09-03", False),
        ("pagué el 5/9/2019", "2019-09-05", True),  # plainly Spanish: day first, both kept
        ("5/9/2019", "2019-05-09", False),  # no Spanish word: month first, as before
    ],
)
async def test_a_message_that_plainly_is_spanish_is_read_so_where_no_channel_says(
    store, domain, text, start, asked
):
    slots, _ = await run_form(
        store,
        domain,
        text,
        intent="out_of_scope",
        requested="payment_date",
        slots={"city": ODESSA},
    )
    assert slots["payment_date"]["start"] == start
    assert ("month_first" in slots["payment_date"]) is asked


async def test_a_day_first_date_in_a_sentence_of_several_parts_is_asked_too(store, domain):
    slots, _ = await run_form(
        store,
        domain,
        "Pagué en Odessa. Fue el 5/9/2019. Lo hice en línea con mi tarjeta.",
        metadata=SPANISH,
    )
    assert slots["payment_date"] is None
    assert slots["pending_choice"]["kind"] == "day_order"
