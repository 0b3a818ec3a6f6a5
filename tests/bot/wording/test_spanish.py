"""The wording of a check in Spanish (bot/wording/ and bot/locale/es/LC_MESSAGES/wording.po): every
verdict and reason of the seed cities (and the two test cities) reads in Spanish, with no English
sentence of the wording left, the notice's own words quoted in English and marked as the original,
dates and ways of paying that read back as the same value, and the English unchanged."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, List, Set

import pytest
from babel.messages.pofile import read_po

from bot.conversation import answer_to_choice
from bot.dates import DateSpan, understand_date
from bot.i18n import CATALOGS, speaking
from bot.i18n_extract import problems
from bot.knowledge.base import Knowledge
from bot.knowledge.reader import read_knowledge
from bot.knowledge.schema import Scope
from bot.knowledge.vocabulary import Channel, Instrument, Verdict
from bot.methods import Method, understand_method
from bot.rules import Reason, Result
from bot.selfcheck import run_check
from bot.wording.chat import result_card, result_messages
from bot.wording.choices import choice_buttons, choice_question
from bot.wording.headlines import HEADLINES, headline
from bot.wording.phrases import (
    describe_date,
    describe_method,
    describe_rule,
    describe_span,
    either,
    figure_text,
    figures_text,
    joined,
    long_date,
    short_range,
)
from bot.wording.reasons import SENTENCES, reason_text
from bot.wording.sources import citation, quoted, short_citation
from tests.conftest import EXAMPLE_CITY, FIXTURES, KNOWLEDGE_DIR

WORDING_PO = CATALOGS / "es" / "LC_MESSAGES" / "wording.po"
MY_FILES = tuple(
    f"bot/wording/{name}.py"
    for name in (
        "__init__",
        "phrases",
        "labels",
        "headlines",
        "reasons",
        "assumed",
        "chat",
        "choices",
        "sources",
    )
)
MARK = " (texto original en inglés)"
# A quoted example of what a resident may type: not a notice's words.
NOT_A_QUOTE = {"mi factura del agua"}

CITIES = [
    "Odessa",
    "MWC",
    "Bakersfield",
    "St Pete",
    "Oxnard",
    "Norman",
    "Tyler",
    "Springfield",
    "Odessa, Ukraine",
    "Example Town",
    "Sample Springs",
]
DATES = [
    "Sept 3 2019",
    "Sept 3",
    "June 2018",
    "I don't remember",
    "Oct 1 2018",
    "March 3 2018",
    "May 2018",
    "around October 10, 2018",
    "January 20, 2019",
    "March 5, 2019",
]
METHODS = [
    "online with my Visa",
    "by phone",
    "autopay",
    "in person",
    "online",
    "e-check",
    "",
    "at a kiosk by card",
]
SERVICES = ["", "water bill", "parking ticket"]

HEADLINES_ES = {
    Verdict.AFFECTED: "Sí: su pago se vio afectado.",
    Verdict.POSSIBLY_AFFECTED: "Es posible que su pago se haya visto afectado.",
    Verdict.NOT_AFFECTED: "Buenas noticias: su pago no se vio afectado.",
    Verdict.UNDER_INVESTIGATION: "La ciudad todavía está investigando, así que aún no hay respuesta.",
    Verdict.NO_DETAILS_ON_RECORD: "No puedo saberlo: esta ciudad fue nombrada entre las afectadas, "
    "pero no hay detalles registrados.",
    Verdict.NO_INCIDENT_ON_RECORD: "No tengo registrada ninguna filtración de Click2Gov en esa "
    "ciudad.",
}
HEDGED_ES = "Sí: su pago es uno de los que, según la ciudad, pueden haber quedado expuestos."


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The tests' knowledge with the two test cities added (as tests/bot/test_notice_cases.py)."""
    folder: Path = tmp_path_factory.mktemp("spanish") / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    for city in (EXAMPLE_CITY, FIXTURES / "sample-springs-nv.yaml"):
        shutil.copy(city, folder / "cities" / city.name)
    return read_knowledge(folder)


@pytest.fixture(scope="module")
def results(cases: Knowledge) -> List[Result]:
    found = []
    for city, when, method, service in itertools.product(CITIES, DATES, METHODS, SERVICES):
        found.append(run_check(cases, city, when, method, service_text=service or None))
    return found


@pytest.fixture(scope="module")
def english_fragments() -> Set[str]:
    """The words of every English sentence of wording.po between its placeholders (two words or
    more, at least 8 characters): none may be left in a Spanish reply."""
    with WORDING_PO.open("rb") as handle:
        ids = [m.id for m in read_po(handle) if m.id]
    fragments = set()
    for message in ids:
        for part in re.split(r"\{[a-z_]+\}", message):
            part = part.strip(" .,;:()\u2013\u2014")
            if len(part) >= 8 and " " in part:
                fragments.add(part)
    return fragments


def spanish(result: Result) -> str:
    with speaking("es"):
        return "\n".join(result_messages(result))


def without_quotes(text: str) -> str:
    """The text without what is quoted (a notice's words, a title)."""
    return re.sub(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"", "", text)


# ---------------------------------------------------------------- the catalog


def test_every_sentence_of_the_wording_has_its_spanish_with_the_same_placeholders():
    mine = [p for p in problems("es") if any(pl.file in MY_FILES for pl in p.places)]
    assert not mine, "\n".join(str(p) for p in mine)


def test_every_entry_of_wording_po_is_a_sentence_the_wording_uses():
    from bot.i18n_extract import code_messages

    used = {m for m, places in code_messages().items() if any(p.file in MY_FILES for p in places)}
    with WORDING_PO.open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    assert ids == used, (sorted(ids - used), sorted(used - ids))


# ---------------------------------------------------------------- every verdict and reason


def test_the_cases_reach_every_verdict_and_every_reason(results):
    assert {r.verdict for r in results} == set(Verdict)
    assert {reason for r in results for reason in r.reasons} == set(SENTENCES) == set(Reason)


def test_every_headline_is_in_spanish(results):
    for result in results:
        with speaking("es"):
            said = headline(result)
        expected = HEADLINES_ES[result.verdict]
        if said.chat == HEDGED_ES:
            assert result.verdict == Verdict.AFFECTED
        else:
            assert said.chat == expected, (result.place, result.verdict)
        assert said.title != headline(result).title  # the title and the text message's too
        assert said.sms != headline(result).sms


def test_no_english_sentence_of_the_wording_is_left_in_a_spanish_reply(results, english_fragments):
    for result in results:
        text = without_quotes(spanish(result))
        left = [f for f in english_fragments if f in text]
        assert not left, (result.place, result.reasons, left, text)


def test_every_reason_reads_as_spanish(results):
    seen: Dict[Reason, str] = {}
    for result in results:
        with speaking("es"):
            sentences = [SENTENCES[f.reason](result, f) for f in result.findings]
        for finding, sentence in zip(result.findings, sentences, strict=True):
            seen.setdefault(finding.reason, sentence)
    words = re.compile(
        r"\b(?:su|usted|pago|pagos|aviso|artículo|ciudad|fechas?|datos|Cifras|Mientras|Supuse|"
        r"Entendí|Depende|según|Según|no hay)\b"
    )
    for reason, sentence in seen.items():
        assert words.search(sentence), (reason, sentence)


def test_the_notices_own_words_are_quoted_in_english_and_marked_as_the_original(results):
    marked = 0
    for result in results:
        text = spanish(result)
        for match in re.finditer(r"\u201c([^\u201d]*)\u201d", text):
            if match.group(1) in NOT_A_QUOTE:
                continue
            assert text[match.end() :].startswith(MARK), (result.place, text)
            assert match.group(1) in {s.quote for s in result.sources} | {
                r.source.quote for r in (result.city.methods.not_affected if result.city else ())
            }
            marked += 1
    assert marked


def test_a_source_line_of_the_agent_script_marks_the_quote_and_reads_how_in_spanish(cases):
    result = run_check(cases, "Sample Springs", "October 10, 2018", "autopay for years")
    source = result.sources[0]
    with speaking("es"):
        line = quoted(source, result.notices)
    assert line.startswith(f"\u201c{source.quote}\u201d{MARK} \u2014 ")
    assert "publicado el 2 de abril de 2019" in line
    assert "(declarado)" in line or "(inferido)" in line


def test_key_sentences_in_spanish(cases):
    def reason(city, when, method, service=""):
        with speaking("es"):
            return reason_text(run_check(cases, city, when, method, service_text=service or None))

    assert (
        "Según el aviso de Odessa, TX, los pagos hechos en línea con tarjeta para facturas de "
        "servicios públicos entre el 27 de agosto de 2019 y el 14 de octubre de 2019 quedaron "
        "expuestos. Usted pagó en línea con tarjeta para una factura de servicios públicos el 3 "
        "de septiembre de 2019, dentro de ese período."
    ) in reason("Odessa", "Sept 3 2019", "online with my Visa")
    assert reason("Odessa", "Sept 3", "online with my Visa").startswith(
        "Usted no dijo el año; supuse esta fecha: 3 de septiembre de 2019, por las fechas de la "
        "filtración en Odessa, TX; dígame si fue otro año."
    )
    assert (
        "Según el aviso de Odessa, TX, los pagos hechos por teléfono para una factura de "
        "servicios públicos no se vieron afectados: \u201cvia the phone system\u201d (texto "
        "original en inglés)."
    ) in reason("Odessa", "Sept 3 2019", "by phone")
    assert (
        "Su pago (desde el 1 de junio de 2018 hasta el 30 de junio de 2018) está fuera de las "
        "fechas de la filtración que da el aviso de Odessa, TX (entre el 27 de agosto de 2019 y "
        "el 14 de octubre de 2019), así que no se vio afectado."
    ) in reason("Odessa", "June 2018", "online")
    assert (
        "La ciudad encontró 43 fechas específicas entre el 11 de diciembre de 2017 y el 24 de "
        "mayo de 2018 en las que se comprometieron pagos, pero no publicó cuáles."
    ) in reason("MWC", "March 3 2018", "online with my Visa")
    depends = reason("Example Town", "January 20, 2019", "online with my card")
    assert depends.startswith("Depende de qué pagó: el aviso de Example Town, AZ da respuestas")
    assert "Si fue una factura de servicios públicos, se vio afectado: según el aviso" in depends
    assert "Si fue un permiso de construcción, no se vio afectado: su pago (20 de enero" in depends
    assert "Dígame qué pagó" in depends
    autopay = reason("Example Town", "January 20, 2019", "autopay with my card", "water bill")
    assert "Si, en cambio, usted se inscribió en el pago automático en esas fechas, se vio" in (
        autopay
    )
    hedged = reason("Sample Springs", "October 10, 2018", "online with my card")
    assert "pueden haber quedado expuestos" in hedged
    assert "Los datos que pueden haber sido robados: nombre en la tarjeta" in hedged
    assert "Cifras del aviso: 1,873 " in hedged
    inferred = reason("Sample Springs", "October 10, 2018", "autopay for years")
    assert "(una inferencia: el aviso no lo dice expresamente)" in inferred
    article = reason("Bakersfield", "Sept 1 2018", "")
    assert "que da el artículo de prensa sobre Bakersfield, CA" in article
    assert "Según el artículo, los pagos hechos en línea con tarjeta pueden haberse" in article
    assert reason("Tyler", "Oct 1 2018", "online").startswith("Una noticia nombra a Tyler, TX")
    assert "Norman, OK informó de un posible incidente" in reason("Norman", "Oct 1 2018", "")


def test_a_chat_reply_and_card_in_spanish(cases):
    result = run_check(cases, "Odessa", "Sept 3 2019", "online with my Visa")
    with speaking("es"):
        messages = result_messages(result)
        card = result_card(result)
    assert messages[0].startswith("Sí: su pago se vio afectado. Según el aviso de Odessa, TX,")
    assert any(m.startswith("Qué hacer ahora:\n1. ") for m in messages)
    assert any(m.startswith("A quién contactar:\n- ") for m in messages)
    assert messages[-1].startswith('Fuente: Ciudad de Odessa, "Click2Gov Security Breach", ')
    assert messages[-1].endswith("publicado el 12 de diciembre de 2019.")
    assert card["headline"] == "Sí: su pago se vio afectado."
    assert card["verdict"] == "affected"  # the contract stays the same in every language
    assert card["text"] == "\n\n".join(messages)


def test_an_article_is_cited_as_one_in_spanish(cases):
    notice = cases.notice(cases.city("bakersfield-ca").notice)
    with speaking("es"):
        text = citation(notice)
    assert text == (
        "una noticia (la copia no nombra el medio), un artículo sobre el comunicado de prensa de "
        "la Ciudad de Bakersfield acerca de la filtración de Click2Gov, 12 de noviembre de 2018 "
        "(un artículo de prensa, no el aviso de la propia ciudad)"
    )


def test_every_notice_is_cited_in_spanish_with_its_title_as_written(cases):
    """Publisher, what an article is about and its caution in Spanish; the title (a document's
    name) stays as the notice wrote it, in quotes."""
    for notice in cases.notices:
        with speaking("es"):
            cited, short = citation(notice), short_citation(notice)
        english = [notice.publisher, notice.about, notice.caution]
        for text in (cited, short):
            left = [e for e in english if e and e in text and e != notice.publisher_es]
            assert not left, (notice.id, left, text)
            if notice.title:
                assert f'"{notice.title}"' in text
        assert "(texto original en inglés)" not in cited  # a title is not a quote
    with speaking("es"):
        norman = citation(cases.notice("norman-databreaches-net"))
        st_pete = citation(cases.notice("st-petersburg-article"))
    assert norman.endswith(
        "no tiene fecha, y el comunicado dice que la suspensión dura hasta el 12 de noviembre, "
        "sin decir de qué año)"
    )
    assert "por error sitúa St. Petersburg en Rusia" in st_pete


def test_every_figure_of_the_knowledge_reads_in_spanish(cases):
    """Every Count of the cities, in Spanish: the number and what it counts in Spanish, and the
    notice's hedge kept (in the Spanish words, or quoted as the original)."""
    counts = [c for city in cases.cities for c in city.counts]
    assert len(counts) >= 4
    for count in counts:
        with speaking("es"):
            text = figure_text(count)
        assert text.startswith(f"{count.value:,} {count.what_es}") or text.endswith(
            f"{count.value:,} {count.what_es}"
        ), text
        assert count.what not in text
    bakersfield = cases.city("bakersfield-ca").counts[0]
    with speaking("es"):
        assert figures_text([bakersfield], "article") == (
            "Cifras del artículo: 2,400 cuentas de usuario que pueden haberse visto afectadas."
        )


@pytest.mark.parametrize(
    "what, what_es, hedge, expected",
    [
        (
            "customers",
            "clientes",
            "may have been",
            "1,842 clientes, dato que el aviso no da por seguro: \u201cmay have been\u201d"
            f"{MARK}",
        ),
        ("customers", "clientes", "Approximately", "aproximadamente 1,842 clientes"),
        (
            "accounts that may have been affected",
            "cuentas que pueden haberse visto afectadas",
            "may have been affected",
            "1,842 cuentas que pueden haberse visto afectadas",
        ),
    ],
)
def test_a_figure_keeps_the_notices_hedge_in_spanish(what, what_es, hedge, expected):
    """The hedge in the notice's words is quoted as the original, with what it means in Spanish
    (never "the notice says" in English); a hedge that is part of what is counted is said in the
    Spanish of `what_es`."""
    from bot.knowledge.schema import Count

    source = {"notice": "n", "quote": f"1,842 {what} {hedge}", "basis": "stated", "hedge": hedge}
    count = Count(what=what, what_es=what_es, value=1842, source=source)
    with speaking("es"):
        assert figure_text(count) == expected
    assert "(the notice says" in figure_text(count) or hedge.lower() in figure_text(count).lower()


# ---------------------------------------------------------------- phrases


@pytest.mark.parametrize(
    "span, expected",
    [
        (DateSpan(date(2019, 9, 3), date(2019, 9, 3)), "3 de septiembre de 2019"),
        (
            DateSpan(date(2018, 6, 1), date(2018, 6, 30)),
            "desde el 1 de junio de 2018 hasta el 30 de junio de 2018",
        ),
        (
            DateSpan(date(2018, 6, 2), date(2018, 6, 8), approximate=True),
            "alrededor del 5 de junio de 2018 (del 2 al 8 de junio de 2018)",
        ),
        (
            DateSpan(date(2018, 6, 1), date(2018, 8, 31), approximate=True),
            "aproximadamente entre el 1 de junio y el 31 de agosto de 2018",
        ),
        (
            DateSpan(date(2018, 6, 3), date(2018, 6, 3), approximate=True),
            "alrededor del 3 de junio de 2018",
        ),
    ],
)
def test_dates_in_spanish(span, expected):
    with speaking("es"):
        assert describe_span(span) == expected


def test_ranges_and_lists_in_spanish():
    with speaking("es"):
        assert short_range(date(2018, 12, 28), date(2019, 1, 3)) == (
            "entre el 28 de diciembre de 2018 y el 3 de enero de 2019"
        )
        assert describe_date(None) is None
        assert joined(["número de tarjeta", "nombre"]) == "número de tarjeta y nombre"
        assert joined(["a", "b", "información"]) == "a, b e información"  # y -> e before /i/
        assert joined(["a", "hielo"]) == "a y hielo"
        assert either(["facturas", "otros pagos"]) == "facturas u otros pagos"  # o -> u before /o/
        assert describe_method(Method("online_one_time", "card")) == "en línea con tarjeta"
        assert describe_method(Method("phone", None, "utility")) == (
            "por teléfono para una factura de servicios públicos"
        )
        assert describe_method(Method()) == "con una forma de pago que usted no indicó"
        scope = Scope(channels=("online_one_time",), instruments=("card",), services=("utility",))
        assert describe_rule(scope) == (
            "los pagos hechos en línea con tarjeta para facturas de servicios públicos"
        )


# ---------------------------------------------------------------- choices, and reading them back


def _pending(slot: str, kind: str, labels: List[str]) -> dict:
    return {
        "slot": slot,
        "kind": kind,
        "options": [{"label": label, "value": {"n": i}} for i, label in enumerate(labels)],
    }


def test_the_choice_questions_in_spanish():
    with speaking("es"):
        two = choice_question(_pending("city", "two", ["Odessa, TX", "Tyler, TX"]))
        assert two == "Usted nombró Odessa, TX o Tyler, TX. ¿A qué ciudad fue el pago?"
        methods = choice_question(_pending("payment_method", "two", ["en línea", "otro"]))
        assert methods == "Usted mencionó en línea u otro. ¿De qué forma pagó?"
        year = choice_question(
            _pending("payment_date", "year", ["3 de septiembre de 2019", "3 de septiembre de 2018"])
        )
        assert year.startswith("Usted no dijo el año, y de eso depende la respuesta.")
        day_order = choice_question(
            _pending("payment_date", "day_order", ["5 de septiembre de 2019", "9 de mayo de 2019"])
        )
        assert "con el día primero, esa fecha es el 5 de septiembre de 2019" in day_order
        assert "con el mes primero, es el 9 de mayo de 2019" in day_order


def test_a_spanish_label_typed_back_by_its_button_picks_its_option():
    with speaking("es"):
        labels = [long_date(date(2019, 9, 5)), describe_method(Method("phone", None))]
    pending = _pending("payment_date", "two", labels)
    for button, option in zip(choice_buttons(pending), pending["options"], strict=True):
        typed = json.loads(button["payload"][len("/inform") :])["choice"]
        assert typed == button["title"] == option["label"]
        assert answer_to_choice(typed, pending) == (option["value"], False)


def test_every_spanish_date_label_reads_back_as_the_same_dates():
    reference, first = date(2026, 1, 1), date(2017, 1, 1)
    for offset, length, approximate in itertools.product(
        range(0, 3 * 365, 7), (0, 1, 4, 6, 7, 20, 45, 400), (False, True)
    ):
        if approximate and length == 0:
            continue  # "around May 1" reads as the days around it, in English too
        start = first + timedelta(offset)
        span = DateSpan(start, start + timedelta(length), approximate=approximate)
        with speaking("es"):
            label = describe_span(span)
        read = understand_date(label, reference, None, language="es")
        assert read is not None and (read.start, read.end) == (span.start, span.end), label
        assert read.year_given


def test_the_spanish_date_of_the_issue_reads_back():
    with speaking("es"):
        label = long_date(date(2019, 9, 5))
    assert label == "5 de septiembre de 2019"
    read = understand_date(label, date(2026, 1, 1), None, language="es")
    assert (read.start, read.end) == (date(2019, 9, 5), date(2019, 9, 5))


READ_BACK = [
    Method(channel, instrument)
    for channel in (None, *Channel)
    for instrument in (None, *Instrument)
    if instrument != Instrument.CASH  # cash is paid at a counter, in either language
    and channel != Channel.AUTOPAY_NEW
]


@pytest.mark.parametrize("method", READ_BACK, ids=lambda m: f"{m.channel}-{m.instrument}")
def test_a_spanish_way_of_paying_reads_back_as_the_same_one(method):
    with speaking("es"):
        label = describe_method(method)
    read = understand_method(label, "es")
    assert (read.channel, read.instrument) == (method.channel, method.instrument), label


def test_a_new_autopay_enrollment_in_spanish_reads_back():
    with speaking("es"):
        label = describe_method(Method("autopay_new", "card"))
    assert understand_method(label, "es").channel == Channel.AUTOPAY_NEW


# ---------------------------------------------------------------- English stays as it was


def test_english_is_unchanged_and_spanish_leaves_no_trace(cases, results):
    result = run_check(cases, "Odessa", "Sept 3 2019", "by phone")
    before = "\n".join(result_messages(result))
    assert before.startswith(
        "Good news — your payment was not affected. Odessa, TX's notice says payments made by "
        "phone for a utility bill were not affected (\u201cvia the phone system\u201d). I took it "
        "to be a payment for a utility bill, the only kind of payment Odessa, TX's notice names."
    )
    assert before.endswith(
        'Source: City of Odessa, "Click2Gov Security Breach", posted December 12, 2019.'
    )
    spanish(result)
    with speaking("en"):
        assert "\n".join(result_messages(result)) == before
    assert "\n".join(result_messages(result)) == before
    for english in HEADLINES.values():
        assert english.said() == english  # the table is the English itself
    assert long_date(date(2019, 9, 3)) == "September 3, 2019"
    assert joined(["a", "b", "information"]) == "a, b and information"
    assert either(["a", "other"]) == "a or other"
