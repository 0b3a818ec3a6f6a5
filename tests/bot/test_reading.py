"""One reading of a message (bot/reading.py and the readers in bot/conversation.py): every
candidate kept with the words around it; a question when two are left."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import Turn, answer_to_choice, read_turn
from bot.reading import Choice, choose, is_payment_statement, is_second_payment, segments

TODAY = date(2026, 12, 3)
ZONE = "America/Chicago"


def reading(knowledge, text, slots=None, requested=None, pending=None):
    return read_turn(knowledge, Turn(text, requested, pending=pending), slots or {}, ZONE, TODAY)


def test_segments_cut_at_cue_words_and_keep_dates_and_places_whole():
    parts = segments("I paid Odessa, TX on Monday, June 3, 2019, but actually it was by phone")
    assert [p.text for p in parts] == [
        "I paid Odessa, TX on Monday, June 3, 2019",
        "actually it was by phone",
    ]
    assert parts[1].corrects and not parts[0].corrects


@pytest.mark.parametrize(
    "text, flag",
    [
        ("I didn't pay by phone", "negated"),
        ("I was going to pay by phone", "hypothetical"),
        ("I meant to mail a check", "hypothetical"),
        ("the city mailed me a letter in December", "city_did"),
        ("I got a notice from them", "city_did"),
        ("I called them first", "other_action"),
    ],
)
def test_segments_say_what_kind_of_words_they_hold(text, flag):
    (part,) = segments(text)
    assert getattr(part, flag)


@pytest.mark.parametrize("text", ["I'm not sure", "I don't remember the day", "I paid online"])
def test_hedges_are_not_negations(text):
    assert not any(p.negated for p in segments(text))


def test_choose_keeps_a_correction_and_drops_what_was_not_done():
    first, second = segments("by phone, no wait, online")[0], segments("no wait, online")[0]
    assert second.corrects
    assert choose([(first, "phone"), (second, "online")], str.__eq__) == "online"
    a, b = segments("online or by phone")
    assert choose([(a, "online"), (b, "phone")], str.__eq__) == Choice(("online", "phone"))


@pytest.mark.parametrize(
    "text, city, start, channel",
    [
        (
            "My son Tyler paid our Odessa bill online on 9/3/2019",
            "odessa-tx",
            "2019-09-03",
            "online_one_time",
        ),
        (
            "Norman told me to ask. I paid Bakersfield online 9/5/2018",
            "bakersfield-ca",
            "2018-09-05",
            "online_one_time",
        ),
        (
            "The city mailed me a letter in December 2019. I paid Odessa online on 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "online_one_time",
        ),
        (
            "I called them on 7/1/2019 before paying online on 9/5/2019 in Odessa",
            "odessa-tx",
            "2019-09-05",
            "online_one_time",
        ),
        (
            "I was going to pay by phone but paid Odessa at city hall on 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "in_person",
        ),
        (
            "I moved from Odessa to Tyler and paid my Tyler water bill online on 9/5/2019",
            "tyler-tx",
            "2019-09-05",
            "online_one_time",
        ),
        (
            "I live in Tyler but I paid an Odessa bill online on 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "online_one_time",
        ),
        (
            "not in August, I paid Odessa online on 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "online_one_time",
        ),
        (
            "I paid Odessa online on 7/5/2019, but actually it was 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "online_one_time",
        ),
        (
            "I sat down and paid Odessa online on 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "online_one_time",
        ),
        ("I may have paid Odessa online on 9/5/2019", "odessa-tx", "2019-09-05", "online_one_time"),
        (
            "my card is [card number removed], I paid Odessa in person with cash on 9/5/2019",
            "odessa-tx",
            "2019-09-05",
            "in_person",
        ),
        (
            "I paid my Odessa water bill online with my Visa on Labor Day 2019",
            "odessa-tx",
            "2019-09-02",
            "online_one_time",
        ),
    ],
)
def test_the_reading_accounts_for_the_words_around_each_value(
    knowledge, text, city, start, channel
):
    read = reading(knowledge, text)
    assert read.choices == {}
    assert read.changed["city"]["id"] == city
    assert read.changed["payment_date"]["start"] == start
    assert read.changed["payment_method"]["channel"] == channel


@pytest.mark.parametrize(
    "text, slot, labels",
    [
        ("Odessa or Bakersfield", "city", ["Odessa, TX", "Bakersfield, CA"]),
        ("I moved from Odessa to Tyler", "city", ["Odessa, TX", "Tyler, TX"]),
        ("I moved from Tucson to Phoenix", "city", ["Tucson", "Phoenix"]),  # neither on record
        ("online or by phone", "payment_method", ["online", "by phone"]),
        (
            "with my card or an e-check",
            "payment_method",
            ["by card", "from a bank account (e-check)"],
        ),
        ("Sept 3 or 4 2019", "payment_date", ["September 3, 2019", "September 4, 2019"]),
        (
            "either the 3rd or the 4th of September 2019",
            "payment_date",
            ["September 3, 2019", "September 4, 2019"],
        ),
    ],
)
def test_two_candidates_for_one_slot_are_a_choice_naming_them(knowledge, text, slot, labels):
    read = reading(knowledge, text)
    assert slot not in read.changed
    assert [o["label"] for o in read.choices[slot]["options"]] == labels


@pytest.mark.parametrize(
    "text",
    [
        "since September 2019",
        "I paid before June 2019",
        "until October 2018",
        "Sept 3 or so, or the 20s",
    ],
)
def test_an_open_range_is_asked_again(knowledge, text):
    assert "payment_date" not in reading(knowledge, text).changed


@pytest.mark.parametrize(
    "answer, index",
    [("1", 0), ("2", 1), ("the first one", 0), ("second", 1), ("Bakersfield", 1), ("odessa", 0)],
)
def test_an_answer_picks_an_option(knowledge, answer, index):
    pending = reading(knowledge, "Odessa or Bakersfield").choices["city"]
    picked, declined = answer_to_choice(answer, pending)
    assert picked == pending["options"][index]["value"] and not declined


def test_neither_turns_the_choice_down_and_a_new_value_replaces_it(knowledge):
    pending = reading(knowledge, "Odessa or Bakersfield").choices["city"]
    assert answer_to_choice("neither", pending) == (None, True)
    read = reading(knowledge, "St. Petersburg", requested="city", pending=pending)
    assert read.changed["city"]["id"] == "st-petersburg-fl"


@pytest.mark.parametrize(
    "text, statement",
    [
        ("I paid online on June 5", True),
        ("she paid her sewer bill in person", True),
        ("used my Visa on the city website", True),
        ("was my payment on June 5 affected?", False),
        ("I want to pay my bill online", False),
        ("what's the weather tomorrow", False),
    ],
)
def test_a_payment_statement(text, statement):
    assert is_payment_statement(text) is statement


@pytest.mark.parametrize(
    "text, second",
    [
        ("I also paid a parking ticket", True),
        ("what about another payment", True),
        ("no, it was Tyler", False),
    ],
)
def test_a_second_payment(text, second):
    assert is_second_payment(text) is second
