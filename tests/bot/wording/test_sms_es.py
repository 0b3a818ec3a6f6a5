"""A check result as a Spanish text message: GSM-7 (á, í, ó, ú written without their accent, é, ñ,
ü, ¿, ¡ kept), within the same 3 segments as the English, for every seed city and verdict."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import CATALOGS, speaking
from bot.knowledge.base import Knowledge
from bot.knowledge.reader import read_knowledge
from bot.knowledge.vocabulary import Verdict
from bot.selfcheck import run_check
from bot.textmessage import MAX_SEPTETS, is_gsm, septets, to_gsm
from bot.wording.sms import (
    SPANISH_KEYWORDS,
    details,
    help_text,
    more_text,
    short_name,
    summary,
    why,
)
from tests.bot.wording.spanish_output import english_leaks
from tests.conftest import EXAMPLE_CITY, FIXTURES, KNOWLEDGE_DIR

CITIES = [
    "Odessa",
    "MWC",
    "Bakersfield",
    "St Pete",
    "Norman",
    "Tyler",
    "Oxnard",
    "Springfield",
    "St. Petersburg, Russia",
    "Example Town",
    "Sample Springs",
]
DATES = [
    "3 de septiembre de 2019",
    "3 de septiembre",
    "2 de marzo de 2018",
    "1 de septiembre de 2018",
    "1 de julio de 2019",
    "20 de enero de 2019",
    "entre junio y agosto de 2018",
    "no me acuerdo",
    "",
]
METHODS = [
    "en línea con tarjeta",
    "por teléfono",
    "pago automático",
    "en persona",
    "en línea",
    "cheque electrónico",
    "",
]
ACCENTS_GSM_LACKS = set("áíóúÁÍÓÚ")


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The seed cities and the two made-up ones of tests/fixtures (windows per service, two
    windows, new and existing autopay): every reason a text message gives."""
    folder: Path = tmp_path_factory.mktemp("sms-es") / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    for city in (EXAMPLE_CITY, FIXTURES / "sample-springs-nv.yaml"):
        shutil.copy(city, folder / "cities" / city.name)
    return read_knowledge(folder)


def _checks(knowledge: Knowledge):
    for city, when, method in itertools.product(CITIES, DATES, METHODS):
        result = run_check(knowledge, city, when or None, method or None, language="es")
        yield (city, when, method), result


def test_every_spanish_summary_is_gsm7_and_fits_one_page_before_more(cities):
    verdicts = set()
    room = MAX_SEPTETS - septets(more_text()) - 1
    for case, result in _checks(cities):
        with speaking("es"):
            text = summary(result, cities.national)
        verdicts.add(result.verdict)
        assert is_gsm(text), (case, text)
        assert septets(text) <= room, (case, septets(text), text)
        assert not set(text) & ACCENTS_GSM_LACKS, (case, text)
        assert not english_leaks(text), (case, english_leaks(text))
    assert verdicts == set(Verdict)  # every verdict was written


def test_spanish_keeps_the_number_to_call_at_least_as_often_as_english(cities):
    """The one number to call matters more than length: over the same checks, a Spanish summary
    leaves out its call line no more often than the English one, and never where the English
    keeps it (Spanish is longer: the year sentence and the FTC's name are said short in a text)."""
    english_without, spanish_without = [], []
    for case, result in _checks(cities):
        english = summary(result, cities.national)
        with speaking("es"):
            spanish = summary(result, cities.national)
        if "\nCall: " not in english:
            english_without.append(case)
        if "\nLlame: " not in spanish:
            spanish_without.append(case)
    assert len(spanish_without) <= len(english_without), (spanish_without, english_without)
    assert set(spanish_without) <= set(english_without), set(spanish_without) - set(english_without)
    assert len(english_without) < 10  # of 693 checks


def test_the_year_sentence_of_a_spanish_text_is_short_and_the_english_one_unchanged(cities):
    result = run_check(cities, "Odessa", "3 de septiembre", "en línea", language="es")
    english = summary(result, cities.national)
    with speaking("es"):
        text = summary(result, cities.national)
    assert english.startswith(
        "Checked: Odessa, Sep 3, 2019, online. You didn't say the year, so I took the date to be "
        "September 3, 2019, the year that fits Odessa, TX's breach dates; tell me if it was "
        "another year. "
    )
    assert text.startswith(
        "Revisamos: Odessa, 3 sep 2019, en linea. No dijo el año; tomé el de las fechas del robo "
        "en Odessa, TX: 3 de septiembre de 2019. Si fue otro, digamelo. "
    )
    assert text.endswith("\nLlame: FTC 1-877-438-4338")
    assert english.endswith("\nCall: Federal Trade Commission 1-877-438-4338")


def test_a_contact_name_in_a_text_is_its_abbreviation_when_it_ends_with_one():
    assert short_name("Comisión Federal de Comercio (FTC) \u2014 ayuda por robo de identidad") == (
        "FTC"
    )
    assert short_name("Federal Trade Commission \u2014 identity theft help") == (
        "Federal Trade Commission"
    )
    assert short_name("Midwest City Police Department (file a police report)") == (
        "Midwest City Police Department (file a police report)"
    )
    assert short_name("FBI Internet Crime Complaint Center (IC3)") == (
        "FBI Internet Crime Complaint Center (IC3)"
    )


# tests/bot/wording/test_sms.py's cases, written in Spanish, and their Spanish headlines
CASES = [
    ("Odessa", "3 de septiembre de 2019", "en línea con mi Visa", "SI se vio afectado"),
    ("Odessa", "3 de septiembre de 2019", "por teléfono", "NO se vio afectado"),
    ("Odessa", "1 de julio de 2019", "en línea con tarjeta", "NO se vio afectado"),
    ("MWC", "2 de marzo de 2018", "en línea con tarjeta", "PUEDE"),
    ("MWC", "no me acuerdo", "en línea con tarjeta", "PUEDE"),
    ("Bakersfield", "1 de septiembre de 2018", "en línea con tarjeta", "PUEDEN"),
    ("Bakersfield", "1 de septiembre de 2018", "por teléfono con tarjeta", "PUEDE"),
    ("St Pete", "entre junio y agosto de 2018", "en línea", "PUEDE"),
    ("Norman", "la semana pasada", "en línea", "Aun no hay respuesta"),
    ("Tyler", "junio de 2018", "en línea", "No se puede saber"),
    ("Springfield", "junio de 2018", "en línea", "Sin registro"),
    ("St. Petersburg, Russia", "junio de 2018", "en línea", "Sin registro"),
]


@pytest.mark.parametrize("city, when, method, headline", CASES)
def test_the_english_cases_in_spanish_give_the_verdict_and_the_number_to_call(
    cities, city, when, method, headline
):
    result = run_check(cities, city, when, method, language="es")
    english = summary(result, cities.national)
    with speaking("es"):
        text = summary(result, cities.national)
    assert headline in text
    assert is_gsm(text)
    assert septets(text) + 1 + septets(more_text()) <= MAX_SEPTETS
    assert "Call: " in english and "Llame: " in text  # the one number to call


def test_the_spanish_summary_says_what_was_checked_in_spanish(cities):
    result = run_check(
        cities, "Odessa", "3 de septiembre de 2019", "en línea con tarjeta", None, None, "es"
    )
    with speaking("es"):
        text = summary(result, cities.national)
    assert text.startswith("Revisamos: Odessa, 3 sep 2019, ")
    assert "27 ago-14 oct 2019" in text
    assert "Qué hacer: 1) " in text and "Llame: " in text
    assert not set(text) & ACCENTS_GSM_LACKS  # "en linea", never "en l?nea" or UCS-2


def test_a_spanish_summary_reads_as_spanish_without_the_accents_gsm_lacks(cities):
    result = run_check(
        cities, "Odessa", "3 de septiembre de 2019", "por teléfono", None, None, "es"
    )
    with speaking("es"):
        text = summary(result, cities.national)
        line = why(result)
    assert text.count("?") == text.count("¿")  # nothing replaced by a question mark
    assert "no se vieron afectados" in text
    assert to_gsm(line) in text  # the why, with í, ó, ú, á written without their accent
    assert "teléfono" in text and "publicos" in text  # é is in GSM 03.38, ú is not


def test_the_spanish_details_give_the_full_reason_first(cities):
    result = run_check(
        cities, "Odessa", "3 de septiembre de 2019", "en línea con tarjeta", None, None, "es"
    )
    with speaking("es"):
        parts = details(result)
    assert parts[0].startswith("Por qué: ")
    assert any(p.startswith("Qué hacer ahora:") for p in parts)


def test_spanish_help_names_the_program_a_number_and_stop(cities):
    with speaking("es"):
        text = help_text(cities.city("bakersfield-ca"), cities.national)
        national = help_text(None, cities.national)
    assert is_gsm(text) and "888-278-8028" in text and "STOP" in text
    assert "1-877-438-4338" in national
    assert not english_leaks(text)


def test_every_sms_catalog_text_is_gsm7_and_the_keywords_it_promises_are_these():
    path = CATALOGS / "es" / "LC_MESSAGES" / "sms.po"
    with path.open("rb") as handle:
        texts = [m.string for m in read_po(handle, locale="es") if m.id and m.string]
    assert texts
    for text in texts:
        assert is_gsm(text), text
    assert SPANISH_KEYWORDS == {"MORE": "MAS", "HELP": "AYUDA"}
    with speaking("es"):
        assert "MAS" in more_text() and is_gsm(more_text())


def test_english_summaries_are_unchanged_by_spanish(cities):
    result = run_check(cities, "Odessa", "Sept 3 2019", "online with my Visa")
    before = summary(result, cities.national)
    with speaking("es"):
        summary(result, cities.national)
    assert summary(result, cities.national) == before
    assert before.startswith("Checked: Odessa, Sep 3, 2019, online by card.")
