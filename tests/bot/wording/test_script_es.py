"""The support agent's script, `bot check --json` and the console's payload in Spanish: the same
order and the same JSON keys and ids as in English, the words in Spanish, about the caller."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import speaking
from bot.selfcheck import DateNotUnderstood, run_check
from bot.wording.agent import about_the_caller
from bot.wording.script import agent_payload, format_script, result_to_dict
from tests.bot.wording.spanish_output import english_leaks

CITIES = ["Odessa", "MWC", "Bakersfield", "St Pete", "Oxnard", "Norman", "Tyler", "Springfield"]
DATES = ["3 de septiembre de 2019", "3 de septiembre", "junio de 2018", "no me acuerdo"]
METHODS = ["en línea con mi Visa", "por teléfono", "pago automático", "en persona", ""]
AT = datetime(2026, 12, 3, 16, 3, tzinfo=ZoneInfo("America/Chicago"))
# What a sentence to the resident says that a sentence about the caller must not: "usted", "su
# pago", "dígame", and the assistant's own first person.
TO_THE_RESIDENT = re.compile(
    r"\b(usted|ustedes|su pago|sus pagos|su fecha|dígame|yo|tomé|entendí|leí|supuse|tengo|puedo)\b",
    re.IGNORECASE,
)


def _unquoted(text: str) -> str:
    return re.sub(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"", "", text)


def _odessa(knowledge):
    return run_check(
        knowledge, "Odessa", "3 de septiembre de 2019", "en línea con tarjeta", language="es"
    )


def test_the_spanish_script_reads_in_the_agents_order(knowledge):
    with speaking("es"):
        text = format_script(_odessa(knowledge))
    order = [
        text.index(h)
        for h in ("VEREDICTO:", "Por qué:", "Qué hacer ahora:", "A quién contactar:", "Fuentes:")
    ]
    assert order == sorted(order)
    assert text.splitlines()[0].endswith("(affected)")  # the verdict's id, as in English
    assert text.splitlines()[1] == "Ciudad: Odessa, TX"
    assert text.splitlines()[2].startswith("Pago: ")
    assert not english_leaks(text), english_leaks(text)


def test_the_json_keeps_its_keys_and_ids_and_gives_spanish_values(knowledge):
    result = _odessa(knowledge)
    english = result_to_dict(result)
    with speaking("es"):
        spanish = result_to_dict(result)
    assert list(spanish) == list(english)
    for key in ("verdict", "city", "city_id", "reasons"):
        assert spanish[key] == english[key], key
    assert [c["purpose"] for c in spanish["contacts"]] == [
        c["purpose"] for c in english["contacts"]
    ]
    assert [s["quote"] for s in spanish["sources"]] == [s["quote"] for s in english["sources"]]
    assert [set(c) for c in spanish["contacts"]] == [set(c) for c in english["contacts"]]
    assert spanish["reason"] != english["reason"] and spanish["steps"] != english["steps"]
    assert "septiembre" in spanish["payment_date"] and "2019" in spanish["payment_date"]
    for value in (spanish["headline"], spanish["reason"], *spanish["steps"]):
        assert not english_leaks(value), (value, english_leaks(value))


def test_no_spanish_result_speaks_to_the_agent_as_the_caller(knowledge):
    for city, when, method in itertools.product(CITIES, DATES, METHODS):
        result = run_check(knowledge, city, when or None, method or None, language="es")
        with speaking("es"):
            payload = agent_payload(result, AT)
        summary = [
            line
            for line in payload["summary"].splitlines()
            if line.startswith(("Veredicto", "Motivo", "Fecha del pago", "Forma de pago"))
        ]
        assert len(summary) == 4, payload["summary"]
        about = (payload["headline"], payload["reason"], payload["payment_method"] or "")
        for field in (*about, *payload["notes"], *summary):
            left = TO_THE_RESIDENT.findall(_unquoted(field))
            assert not left, (city, when, method, field, left)
        assert not english_leaks(payload["summary"]), english_leaks(payload["summary"])


def test_the_case_summary_in_spanish_keeps_the_labelled_time_zone(knowledge):
    result = run_check(knowledge, "Oxnard", "1 de septiembre de 2018", "en línea", language="es")
    with speaking("es"):
        payload = agent_payload(result, AT)
    lines = payload["summary"].splitlines()
    assert lines[0] == "Revisión de la filtración de Click2Gov - resumen del caso"
    assert "Hora: 2026-12-03 16:03 CST (America/Chicago)" in lines
    assert payload["documents"] == [] or payload["documents"][0]["kind"] in ("notice", "article")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Usted pagó en línea con tarjeta.", "La persona que llama pagó en línea con tarjeta."),
        ("Su pago se vio afectado.", "El pago de la persona que llama se vio afectado."),
        (
            "No dijo el año, así que tomé la fecha como el 1 de mayo de 2019; dígame si fue otro "
            "año.",
            "No dijo el año, así que el asistente tomó la fecha como el 1 de mayo de 2019; "
            "pregunte si fue otro año.",
        ),
        (
            "El aviso dice \u201cif you paid online\u201d.",
            "El aviso dice \u201cif you paid online\u201d.",
        ),
    ],
)
def test_a_spanish_sentence_to_the_resident_becomes_one_about_the_caller(text, expected):
    with speaking("es"):
        assert about_the_caller(text) == expected
    assert about_the_caller("You paid online.") == "The caller paid online."


def test_a_date_it_cannot_read_is_said_in_the_language_it_was_read_in(knowledge):
    with pytest.raises(DateNotUnderstood) as spanish:
        run_check(knowledge, "Odessa", "morado", "en línea", language="es")
    assert str(spanish.value).startswith("No pude entender la fecha 'morado'.")
    assert "'3 de septiembre de 2019'" in str(spanish.value)
    with pytest.raises(DateNotUnderstood) as english:
        run_check(knowledge, "Odessa", "purple", "online")
    assert str(english.value).startswith("I could not understand the date 'purple'.")
