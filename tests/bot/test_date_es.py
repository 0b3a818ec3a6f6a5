"""Payment dates said in Spanish (bot/date_es.py), read by the English grammar: a corpus of
examples (written for this project, as residents would say them) and of negatives (Spanish that
must not be read as a date), in the manner of Duckling's corpus."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.date_es import fold, read_spanish
from bot.dates import DateSpan, DateUnknown, date_readings, understand_date

TODAY = date(2019, 10, 15)  # a Tuesday
D = date

CORPUS = [
    # a day
    ("el 3 de septiembre de 2019", D(2019, 9, 3), D(2019, 9, 3)),
    ("3 de septiembre del 2019", D(2019, 9, 3), D(2019, 9, 3)),
    ("el día 3 de septiembre de 2019", D(2019, 9, 3), D(2019, 9, 3)),
    ("el primero de mayo de 2019", D(2019, 5, 1), D(2019, 5, 1)),
    ("el miércoles 4 de septiembre de 2019", D(2019, 9, 4), D(2019, 9, 4)),
    ("El 3 de Setiembre de 2019", D(2019, 9, 3), D(2019, 9, 3)),
    ("en la mañana del 3 de septiembre de 2019", D(2019, 9, 3), D(2019, 9, 3)),
    # numbers, day first
    ("5/9/2019", D(2019, 9, 5), D(2019, 9, 5)),
    ("25/9/2019", D(2019, 9, 25), D(2019, 9, 25)),
    ("5-9-19", D(2019, 9, 5), D(2019, 9, 5)),
    ("3/9/19", D(2019, 9, 3), D(2019, 9, 3)),
    ("2019-09-05", D(2019, 9, 5), D(2019, 9, 5)),  # year first stays year first
    ("fue el 5/9/2019.", D(2019, 9, 5), D(2019, 9, 5)),  # the end of a sentence
    # a month, a season, a year
    ("en septiembre de 2019", D(2019, 9, 1), D(2019, 9, 30)),
    ("mayo 2019", D(2019, 5, 1), D(2019, 5, 31)),
    ("en el verano de 2018", D(2018, 6, 1), D(2018, 8, 31)),
    ("el verano del 2018", D(2018, 6, 1), D(2018, 8, 31)),
    # a part of a period
    ("a mediados de agosto de 2019", D(2019, 8, 11), D(2019, 8, 20)),
    ("a principios de agosto de 2019", D(2019, 8, 1), D(2019, 8, 10)),
    ("a finales de agosto de 2019", D(2019, 8, 21), D(2019, 8, 31)),
    ("a fines de agosto de 2019", D(2019, 8, 21), D(2019, 8, 31)),
    ("la primera semana de septiembre de 2019", D(2019, 9, 1), D(2019, 9, 7)),
    ("la última semana de agosto de 2019", D(2019, 8, 25), D(2019, 8, 31)),
    ("la segunda quincena de agosto de 2019", D(2019, 8, 16), D(2019, 8, 31)),
    ("el fin de semana del 7 de septiembre de 2019", D(2019, 9, 7), D(2019, 9, 8)),
    # relative to today
    ("ayer", D(2019, 10, 14), D(2019, 10, 14)),
    ("anteayer", D(2019, 10, 13), D(2019, 10, 13)),
    ("hace dos semanas", D(2019, 10, 1), D(2019, 10, 1)),
    ("hace 3 días", D(2019, 10, 12), D(2019, 10, 12)),
    ("hace un mes", D(2019, 9, 15), D(2019, 9, 15)),
    ("hace un par de semanas", D(2019, 10, 1), D(2019, 10, 1)),
    ("la semana pasada", D(2019, 10, 7), D(2019, 10, 13)),
    ("creo que fue la semana pasada", D(2019, 10, 7), D(2019, 10, 13)),
    ("el mes pasado", D(2019, 9, 1), D(2019, 9, 30)),
    ("este mes", D(2019, 10, 1), D(2019, 10, 31)),
    ("el año pasado", D(2018, 1, 1), D(2018, 12, 31)),
    ("en diciembre del año pasado", D(2018, 12, 1), D(2018, 12, 31)),
    ("en línea con tarjeta el año pasado", D(2018, 1, 1), D(2018, 12, 31)),
    ("el verano pasado", D(2019, 6, 1), D(2019, 8, 31)),
    ("el lunes pasado", D(2019, 10, 14), D(2019, 10, 14)),
    ("el sábado pasado", D(2019, 10, 12), D(2019, 10, 12)),
    ("el fin de semana pasado", D(2019, 10, 12), D(2019, 10, 13)),
    # intervals
    ("entre junio y agosto de 2018", D(2018, 6, 1), D(2018, 8, 31)),
    ("de junio a agosto de 2018", D(2018, 6, 1), D(2018, 8, 31)),
    ("del 1 al 15 de junio de 2018", D(2018, 6, 1), D(2018, 6, 15)),
    ("del 1 hasta el 15 de junio de 2018", D(2018, 6, 1), D(2018, 6, 15)),
    ("desde junio hasta agosto de 2018", D(2018, 6, 1), D(2018, 8, 31)),
    ("desde junio a agosto de 2018", D(2018, 6, 1), D(2018, 8, 31)),
    ("junio 2018", D(2018, 6, 1), D(2018, 6, 30)),
    ("sept 2019", D(2019, 9, 1), D(2019, 9, 30)),
    # inside a sentence
    (
        "pagué mi factura de agua el 3 de septiembre de 2019 por internet",
        D(2019, 9, 3),
        D(2019, 9, 3),
    ),
    ("fue en el verano del 2018, creo", D(2018, 6, 1), D(2018, 8, 31)),
]
APPROXIMATE = [
    ("alrededor del 3 de septiembre de 2019", D(2019, 8, 31), D(2019, 9, 6)),
    ("más o menos el 3 de septiembre de 2019", D(2019, 8, 31), D(2019, 9, 6)),
    ("hace como dos semanas", D(2019, 9, 28), D(2019, 10, 4)),
    ("lo pagué hace como dos semanas con mi tarjeta", D(2019, 9, 28), D(2019, 10, 4)),
]
NEGATIVES = [
    "pagué en línea",
    "con mi tarjeta",
    "Odessa",
    "pagué dos facturas",
    "sí",
    "por teléfono",
    "en persona en la alcaldía",
    "el 31 de febrero de 2019",  # no such day: asked again, never guessed
    "13/13/2019",
]


@pytest.mark.parametrize("said, start, end", CORPUS)
def test_the_corpus(said, start, end):
    found = understand_date(said, TODAY, language="es")
    assert isinstance(found, DateSpan), (said, read_spanish(said).text)
    assert (found.start, found.end) == (start, end), read_spanish(said).text


@pytest.mark.parametrize("said, start, end", APPROXIMATE)
def test_around_is_a_wider_approximate_span(said, start, end):
    found = understand_date(said, TODAY, language="es")
    assert (found.start, found.end, found.approximate) == (start, end, True)


@pytest.mark.parametrize("said", NEGATIVES)
def test_what_is_no_date_is_not_read_as_one(said):
    assert understand_date(said, TODAY, language="es") is None


@pytest.mark.parametrize("said", ["no me acuerdo", "no recuerdo", "no sé", "ni idea"])
def test_not_remembering(said):
    assert isinstance(understand_date(said, TODAY, language="es"), DateUnknown)


def test_a_numeric_date_readable_both_ways_gives_both_readings_day_first_first():
    readings = date_readings("5/9/2019", TODAY, language="es")
    assert [(r.start, r.end) for r in readings] == [
        (D(2019, 9, 5), D(2019, 9, 5)),
        (D(2019, 5, 9), D(2019, 5, 9)),
    ]
    assert len(date_readings("25/9/2019", TODAY, language="es")) == 1  # 25 is no month
    assert len(date_readings("9/9/2019", TODAY, language="es")) == 1  # the same both ways
    assert len(date_readings("5/9/2019", TODAY)) == 1  # English: month first, as before


def test_english_is_read_as_before():
    assert understand_date("5/9/2019", TODAY) == DateSpan(D(2019, 5, 9), D(2019, 5, 9))
    assert understand_date("hace dos semanas", TODAY) is None  # Spanish only when asked for


def test_accents_and_case_are_folded():
    assert fold("Miércoles, AÑO, Sábado") == "miercoles, ano, sabado"


def test_a_two_digit_year_is_a_year_said():
    """ "3/9/19" is 2019, a year the resident said, as "9/3/19" is in English."""
    found = understand_date("3/9/19", TODAY, language="es")
    assert (found.start, found.year_given) == (D(2019, 9, 3), True)
    assert understand_date("9/3/19", TODAY).year_given


@pytest.mark.parametrize(
    "said, english",
    [
        ("antes del 3 de septiembre de 2019", "before september 3 2019"),
        ("después del 3 de septiembre de 2019", "after september 3 2019"),
        ("justo antes del 3 de septiembre de 2019", "right before september 3 2019"),
        ("desde septiembre de 2019", "since september 2019"),
        ("a partir de junio de 2019", "since june 2019"),
        ("hasta octubre de 2018", "until october 2018"),
        ("desde el verano de 2018", "since summer 2018"),
    ],
)
def test_one_end_of_a_range_is_said_as_english_says_it(said, english):
    """So that the reading asks again, as for "since June" (bot/conversation.py)."""
    assert read_spanish(said).text == english


@pytest.mark.parametrize(
    "said",
    [
        "antes de pagar el 3 de septiembre de 2019",
        "pagué desde mi cuenta el 3 de septiembre de 2019",
    ],
)
def test_before_and_from_a_thing_are_no_range(said):
    found = understand_date(said, TODAY, language="es")
    assert (found.start, found.end) == (D(2019, 9, 3), D(2019, 9, 3))
    assert not re.search(r"\b(?:before|since|after|until)\b", read_spanish(said).text)
