"""One reading of a message (bot/reading.py and the readers in bot/conversation.py): every
candidate kept with the words around it; a question when two are left."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import Turn, answer_to_choice, read_turn
from bot.reading import (
    Choice,
    choose,
    is_civic,
    is_payment_statement,
    is_second_payment,
    segments,
)

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


# ---------------------------------------------------------------- the same in Spanish

ST_PETE_CHECK = {
    "city": {
        "id": "st-petersburg-fl",
        "name": "St. Petersburg, FL",
        "kind": "exact",
        "place": None,
        "state": "FL",
    },
    "payment_date": {
        "start": "2018-09-03",
        "end": "2018-09-03",
        "approximate": False,
        "year_given": True,
    },
    "payment_method": {
        "channel": "online_one_time",
        "instrument": "card",
        "service": None,
        "autopay_assumed": False,
    },
}


def leyendo(knowledge, text, slots=None, requested=None, pending=None):
    turn = Turn(text, requested, pending=pending, language="es")
    return read_turn(knowledge, turn, slots or {}, ZONE, TODAY)


@pytest.mark.parametrize(
    "text, parts",
    [
        ("en julio, pero en realidad en septiembre", ["en julio", "en realidad en septiembre"]),
        ("en julio o sea en agosto", ["en julio", "o sea en agosto"]),
        ("perdón, era Odessa", ["era Odessa"]),
        ("no, fue en julio", ["fue en julio"]),
        ("en línea, mejor dicho por teléfono", ["en línea", "mejor dicho por teléfono"]),
        (
            "Odessa, TX el lunes, 3 de septiembre de 2019",
            ["Odessa, TX el lunes, 3 de septiembre de 2019"],
        ),
        ("más o menos el 3 de septiembre", ["más o menos el 3 de septiembre"]),
        ("en línea o por teléfono", ["en línea", "por teléfono"]),
        ("pagué en línea no por teléfono", ["pagué en línea", "no por teléfono"]),
        ("no me acuerdo", ["no me acuerdo"]),
        ("no sé", ["no sé"]),
    ],
)
def test_spanish_is_cut_at_its_own_cue_words(text, parts):
    assert [p.text for p in segments(text, "es")] == parts


def test_spanish_cue_words_correct_and_no_alone_is_a_cue():
    assert segments("pero en realidad en septiembre", "es")[0].corrects
    assert segments("mejor dicho por teléfono", "es")[0].corrects
    (after_no,) = segments("No. Fue en julio", "es")
    assert after_no.corrects and not after_no.negated


@pytest.mark.parametrize(
    "text, flag",
    [
        ("no pagué por teléfono", "negated"),
        ("no fue en julio", "negated"),
        ("nunca pagué en persona", "negated"),
        ("iba a pagar por teléfono", "hypothetical"),
        ("quería mandar un cheque", "hypothetical"),
        ("intenté pagar en línea", "hypothetical"),
        ("la ciudad me mandó una carta en diciembre", "city_did"),
        ("recibí un aviso de ellos", "city_did"),
        ("me llamaron de la alcaldía", "city_did"),
        ("llamé a la oficina primero", "other_action"),
        ("en vez de por teléfono", "replaced"),
    ],
)
def test_spanish_segments_say_what_kind_of_words_they_hold(text, flag):
    (part,) = segments(text, "es")
    assert getattr(part, flag)


@pytest.mark.parametrize(
    "text",
    ["no me acuerdo", "no sé", "no se", "no estoy segura", "ni idea", "no sé si fue en julio"],
)
def test_spanish_hedges_are_not_negations(text):
    assert not any(p.negated for p in segments(text, "es"))


def test_english_is_cut_as_before():
    """Spanish words cut only a Spanish message ("pero" is no cue in English)."""
    assert [p.text for p in segments("in July pero in September")] == ["in July pero in September"]
    assert segments("no idea") == []  # English keeps its own rule for a cue word alone


@pytest.mark.parametrize(
    "text, slot, expected",
    [
        ("en julio, pero en realidad en septiembre de 2019", "payment_date", "2019-09-01"),
        ("no fue en julio, fue en agosto de 2019", "payment_date", "2019-08-01"),
        ("no fue en julio sino en agosto de 2019", "payment_date", "2019-08-01"),
        ("pagué en línea, no por teléfono", "payment_method", "online_one_time"),
        ("iba a pagar por teléfono pero pagué en línea", "payment_method", "online_one_time"),
        ("en vez de por teléfono, pagué en persona", "payment_method", "in_person"),
        ("llamé a la ciudad antes de pagar en línea", "payment_method", "online_one_time"),
        ("perdón, me equivoqué, fue en persona", "payment_method", "in_person"),
        ("no, era Tyler", "city", "tyler-tx"),
        ("perdón, era Odessa", "city", "odessa-tx"),
    ],
)
def test_a_spanish_correction_wins_and_what_was_not_done_does_not_count(
    knowledge, text, slot, expected
):
    value = leyendo(knowledge, text, slots=dict(ST_PETE_CHECK)).changed[slot]
    assert expected in (value.get("start"), value.get("channel"), value.get("id"))


def test_the_city_mailing_a_letter_gives_no_date_in_spanish(knowledge):
    read = leyendo(
        knowledge,
        "La ciudad me mandó una carta en diciembre de 2019. Pagué Odessa en línea el 25/9/2019",
    )
    assert read.changed["payment_date"]["start"] == "2019-09-25"


@pytest.mark.parametrize(
    "text, slot",
    [("en línea o por teléfono", "payment_method"), ("Odessa o Bakersfield", "city")],
)
def test_two_spanish_values_for_one_slot_are_a_question(knowledge, text, slot):
    read = leyendo(knowledge, text)
    assert slot not in read.changed and len(read.choices[slot]["options"]) == 2


def test_a_spanish_day_on_one_side_of_o_takes_the_month_of_the_other(knowledge):
    read = leyendo(knowledge, "el 3 o el 4 de septiembre de 2019", requested="payment_date")
    starts = [o["value"]["start"] for o in read.choices["payment_date"]["options"]]
    assert starts == ["2019-09-03", "2019-09-04"]


@pytest.mark.parametrize(
    "text",
    [
        "desde septiembre de 2019",
        "antes del 3 de septiembre de 2019",
        "después del 3 de septiembre de 2019",
        "hasta octubre de 2018",
        "a partir de junio de 2019",
    ],
)
def test_a_spanish_open_range_is_asked_again(knowledge, text):
    assert "payment_date" not in leyendo(knowledge, text, requested="payment_date").changed


def test_a_spanish_range_is_read(knowledge):
    read = leyendo(knowledge, "desde junio hasta agosto de 2018", requested="payment_date")
    value = read.changed["payment_date"]
    assert (value["start"], value["end"]) == ("2018-06-01", "2018-08-31")


@pytest.mark.parametrize(
    "text",
    [
        "en linea",
        "por telefono",
        "no se",
        "no sé",
        "ni idea",
        "septiembre",
        "quiero revisar un pago",
        "sí, correcto",
        "no, para nada",
        "a donde llamo para mas informacion",
        "¿se vio afectado mi pago?",
    ],
)
def test_a_spanish_answer_that_is_no_place_is_never_a_city(knowledge, text):
    assert "city" not in leyendo(knowledge, text, requested="city").changed


def test_a_shop_after_en_is_no_city(knowledge):
    assert "city" not in leyendo(knowledge, "me cobraron dos veces una compra en Amazon").changed


@pytest.mark.parametrize(
    "text, name",
    [
        ("era Tucson", "Tucson"),
        ("en Tucson", "Tucson"),
        ("la ciudad de Tucson", "Tucson"),
        ("vivo en Tucson", "Tucson"),
        ("pagué en El Paso en línea", "El Paso"),
    ],
)
def test_a_spanish_place_not_on_record_is_named_without_the_words_around_it(knowledge, text, name):
    requested = None if "pagué" in text else "city"
    assert leyendo(knowledge, text, requested=requested).changed["city"]["name"] == name


@pytest.mark.parametrize(
    "answer, index",
    [("la primera", 0), ("la segunda", 1), ("segunda opción", 1), ("Bakersfield", 1)],
)
def test_a_spanish_answer_picks_an_option(knowledge, answer, index):
    pending = leyendo(knowledge, "Odessa o Bakersfield").choices["city"]
    picked, declined = answer_to_choice(answer, pending)
    assert picked == pending["options"][index]["value"] and not declined


@pytest.mark.parametrize("answer", ["ninguna", "ni una ni otra", "no"])
def test_a_spanish_answer_turns_the_choice_down(knowledge, answer):
    pending = leyendo(knowledge, "Odessa o Bakersfield").choices["city"]
    assert answer_to_choice(answer, pending) == (None, True)


@pytest.mark.parametrize(
    "text, statement",
    [
        ("pagué en línea el 5 de junio", True),
        ("pagó la factura del agua de Odessa en línea", True),
        ("hice el pago en persona", True),
        ("usé mi Visa en la página de la ciudad", True),
        ("¿se vio afectado mi pago?", False),
        ("¿cómo pago en línea?", False),
        ("quiero pagar mi factura", False),
        ("quiero saber si mi pago en línea fue afectado", False),
        ("pago en línea cada mes", True),
    ],
)
def test_a_spanish_payment_statement(text, statement):
    assert is_payment_statement(text) is statement


@pytest.mark.parametrize(
    "text, second",
    [
        ("también pagué una multa de estacionamiento en Tyler", True),
        ("¿y otro pago que hice?", True),
        ("no, era Tyler", False),
        ("en realidad fue en julio", False),
    ],
)
def test_a_spanish_second_payment(text, second):
    assert is_second_payment(text) is second


def test_a_spanish_civic_statement():
    assert is_civic("pagué mi recibo del agua con tarjeta")
    assert not is_civic("pagué una pizza con tarjeta ayer")
