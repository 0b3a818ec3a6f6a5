"""Every text a resident reads is in the knowledge in English and in Spanish (`<field>_es` beside
`<field>`): a file without the Spanish is refused with a message naming the field, and both texts
reach what the wording reads, through the SQL store too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List, Tuple, Type

import pytest
from pydantic import BaseModel

from bot.i18n import pick, speaking
from bot.knowledge import schema
from bot.knowledge.base import Knowledge
from bot.knowledge.problems import KnowledgeInvalid
from bot.knowledge.reader import read_knowledge
from bot.knowledge.spanish import left_out, missing_spanish, translated_fields
from bot.knowledge.store import KnowledgeStore, load_knowledge
from bot.knowledge.template import city_template
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURES

SAMPLE_CITY = FIXTURES / "sample-springs-nv.yaml"
BAKERSFIELD = "cities/bakersfield-ca.yaml"


def _problems(folder: Path) -> list:
    with pytest.raises(KnowledgeInvalid) as caught:
        read_knowledge(folder)
    return caught.value.problems


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _without_spanish(text: str) -> str:
    """A city file as written by someone who wrote only the English: no `*_es` key or its text."""
    return re.sub(r"(?m)^(\s*)\w+_es: (?:>-\n(?:\1  .*\n)+|.*\n)", "", text)


def _models() -> List[Type[BaseModel]]:
    return [
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not schema.Record
    ]


def _pairs(record: object) -> Iterator[Tuple[str, str, str]]:
    """(field, English, Spanish) of every translated text in a record, however deep."""
    if isinstance(record, BaseModel):
        for english, spanish in translated_fields(type(record)).items():
            text = getattr(record, english, None)
            if text:
                yield english, text, getattr(record, spanish)
        for name in record.__fields__:
            yield from _pairs(getattr(record, name))
    elif isinstance(record, tuple):
        for item in record:
            yield from _pairs(item)


# ---------------------------------------------------------------- the schema


def test_each_spanish_field_sits_beside_an_english_one_of_the_same_type():
    found = 0
    for model in _models():
        for name, field in model.__fields__.items():
            if not name.endswith("_es"):
                continue
            found += 1
            english = model.__fields__.get(name[: -len("_es")])
            assert english is not None, f"{model.__name__}.{name} has no English field"
            assert field.type_ is english.type_, f"{model.__name__}.{name}"
            assert not field.required and field.alias == name  # pick() reads `<field>_es`
    assert found >= 14


def test_the_translated_fields_are_the_texts_residents_read():
    assert translated_fields(schema.Step) == {"text": "text_es", "short": "short_es"}
    assert translated_fields(schema.Contact) == {"label": "label_es", "hours": "hours_es"}
    assert translated_fields(schema.Resource) == {"label": "label_es", "hours": "hours_es"}
    assert translated_fields(schema.Source) == {"how": "how_es"}  # never the quote or the hedge
    assert translated_fields(schema.Count) == {"what": "what_es"}
    for model in (schema.TextFact, schema.OnlinePayments, schema.NationalFact, schema.Advice):
        assert translated_fields(model) == {"text": "text_es"}
    for model in (schema.DataFact, schema.ServiceFact):
        assert translated_fields(model) == {"text": "text_es"}
    assert translated_fields(schema.NoticeRecord) == {
        "publisher": "publisher_es",
        "about": "about_es",
        "caution": "caution_es",
    }  # never the notice's own title, nor its evidence quotes
    assert translated_fields(schema.CityRecord) == {}  # the city's name stays as it is


def test_a_spanish_short_step_fits_a_text_message_too():
    source = {"notice": "n", "quote": "q", "basis": "stated"}
    step = {"id": "s", "text": "Call.", "verdicts": ["affected"], "source": source}
    with pytest.raises(ValueError, match="short_es is 121 characters; at most 120"):
        schema.Step.parse_obj({**step, "short": "Call.", "short_es": "x" * 121})
    assert schema.Step.parse_obj({**step, "short_es": " Llame  a su banco. "}).short_es == (
        "Llame a su banco."
    )


def test_a_spanish_text_keeps_the_phone_numbers_and_web_addresses():
    english = "Get your reports (www.annualcreditreport.com or 1-877-322-8228)."
    same = "Pida sus informes (www.annualcreditreport.com o 1-877-322-8228)."
    assert left_out(english, same) == []
    # a number is the same number however it is written; an address is written as it is
    other_ways = "Pida sus informes (annualcreditreport.com o 1 (877) 322-8228)."
    assert left_out(english, other_ways) == ["www.annualcreditreport.com"]
    assert left_out(english, "Pida sus informes gratuitos.") == [
        "1-877-322-8228",
        "www.annualcreditreport.com",
    ]


# ---------------------------------------------------------------- the knowledge has both texts


def test_every_text_of_the_tests_knowledge_has_its_spanish(knowledge: Knowledge):
    for record in (*knowledge.cities, knowledge.national, *knowledge.notices):
        assert missing_spanish(record) == [], getattr(record, "id", "national")
    pairs = [p for r in (*knowledge.cities, knowledge.national) for p in _pairs(r)]
    assert len(pairs) > 80
    for field, english, spanish in pairs:
        assert spanish != english, f"{field}: {english!r} is not translated"


def test_the_tests_knowledge_says_the_same_as_the_project_knowledge_in_spanish(knowledge):
    """The tests' copies of the seed cities and the national files carry the project's Spanish."""
    project = PROJECT_ROOT / "knowledge"
    fixtures = FIXTURES / "knowledge"
    for name in (
        "steps.yaml",
        "advice.yaml",
        "national.yaml",
        *(f"cities/{c.id}.yaml" for c in knowledge.cities),
    ):
        if (project / name).exists():
            mine, theirs = (project / name).read_text("utf-8"), (fixtures / name).read_text("utf-8")
            assert re.findall(r"\w+_es: .*", mine) == re.findall(r"\w+_es: .*", theirs), name
    # the notices the tests share with the project (the tests have two made-up ones more)
    project_notices = {n.id: n for n in read_knowledge(project).notices}
    assert set(project_notices) <= {n.id for n in knowledge.notices}
    for notice in knowledge.notices:
        if notice.id in project_notices:
            assert notice == project_notices[notice.id], notice.id


def test_a_made_up_city_with_hours_and_an_inference_is_in_spanish_too(knowledge_copy):
    (knowledge_copy / "cities" / SAMPLE_CITY.name).write_text(
        SAMPLE_CITY.read_text("utf-8"), encoding="utf-8"
    )
    city = read_knowledge(knowledge_copy).city("sample-springs-nv")
    assert city.contacts[0].hours_es == "De lunes a viernes, de 7 a.m. a 6 p.m., hora del Pacífico"
    assert city.methods.not_affected[1].source.how_es.startswith("El aviso nombra")
    assert city.counts[0].what_es == "clientes a los que se envió una carta"


# ---------------------------------------------------------------- a file without its Spanish


def test_a_city_added_without_spanish_is_refused_naming_each_field(knowledge_copy):
    written = knowledge_copy / "cities" / SAMPLE_CITY.name
    english_only = _without_spanish(SAMPLE_CITY.read_text("utf-8"))
    assert "_es:" not in english_only and "label: Sample Springs call center" in english_only
    written.write_text(english_only, encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert {p.file for p in problems} == {"knowledge/cities/sample-springs-nv.yaml"}
    assert {p.field for p in problems} == {
        "methods.not_affected[1].source.how_es",
        "contacts[0].label_es",
        "contacts[0].hours_es",
        "counts[0].what_es",
    }
    label = next(p for p in problems if p.field == "contacts[0].label_es")
    assert label.line == _line_of(written, "label: Sample Springs call center")
    assert label.message == (
        "no Spanish text for 'label': add `label_es:` beside it with the same text in Spanish "
        '(knowledge/README.md, "In Spanish")'
    )


def test_a_missing_spanish_text_is_reported_with_file_field_and_line(knowledge_copy):
    _edit(
        knowledge_copy,
        BAKERSFIELD,
        "    label_es: Línea de la Ciudad de Bakersfield sobre el aviso de Click2Gov\n",
        "",
    )
    _edit(knowledge_copy, "steps.yaml", '    short_es: "¿Fraude? Denúncielo', '    # "')
    problems = [str(p) for p in _problems(knowledge_copy)]
    line = _line_of(knowledge_copy / BAKERSFIELD, "label: City of Bakersfield")
    steps_line = _line_of(knowledge_copy / "steps.yaml", 'short: "Fraud? File a police report')
    assert problems == [
        f"knowledge/{BAKERSFIELD}:{line}: contacts[0].label_es: no Spanish text for 'label': "
        'add `label_es:` beside it with the same text in Spanish (knowledge/README.md, "In Spanish")',
        f"knowledge/steps.yaml:{steps_line}: steps[9].short_es: no Spanish text for 'short': "
        'add `short_es:` beside it with the same text in Spanish (knowledge/README.md, "In Spanish")',
    ]


def test_a_notice_without_its_spanish_is_refused_naming_the_field_and_line(knowledge_copy):
    """Every citation shows a notice's publisher, what an untitled article is about and its
    caution: each needs its Spanish; the title is the document's name and has none."""
    notices = "notices/notices.yaml"
    listed = knowledge_copy / notices
    text = listed.read_text("utf-8")
    for line in (
        "publisher_es: Ciudad de Odessa",
        "about_es: el comunicado de prensa de la Ciudad de Norman",
        "caution_es: por error sitúa St. Petersburg",
    ):
        text, removed = re.subn(rf"(?m)^ *{re.escape(line)}.*\n", "", text)
        assert removed == 1, f"test set-up: {line!r}"
    listed.write_text(text, encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert [(p.file, p.field, p.line) for p in problems] == [
        (f"knowledge/{notices}", "notices[1].publisher_es", _line_of(listed, "City of Odessa")),
        (f"knowledge/{notices}", "notices[3].about_es", _line_of(listed, "City of Norman's")),
        (f"knowledge/{notices}", "notices[4].caution_es", _line_of(listed, "wrongly places")),
    ]
    assert problems[0].message == (
        "no Spanish text for 'publisher': add `publisher_es:` beside it with the same text in "
        'Spanish (knowledge/README.md, "In Spanish")'
    )


def test_the_notices_are_cited_in_spanish_through_the_sql_store(engine, knowledge):
    load_knowledge(engine, knowledge)
    loaded = KnowledgeStore(engine).current()
    odessa = loaded.notice("odessa-2019-12-12")
    norman = loaded.notice("norman-databreaches-net")
    assert pick(odessa, "publisher") == "City of Odessa"
    with speaking("es"):
        assert pick(odessa, "publisher") == "Ciudad de Odessa"
        assert pick(norman, "about").startswith("el comunicado de prensa de la Ciudad de Norman")
        assert "sin decir de qué año" in pick(norman, "caution")
    assert odessa.title == "Click2Gov Security Breach"  # a document's name: one language


def test_an_inference_without_its_spanish_is_reported(knowledge_copy):
    oxnard = knowledge_copy / "cities" / "oxnard-ca.yaml"
    oxnard.write_text(_without_spanish(oxnard.read_text("utf-8")), encoding="utf-8")
    (problem,) = _problems(knowledge_copy)
    assert (problem.field, problem.line) == ("status_source.how_es", _line_of(oxnard, "  how: "))
    assert "no Spanish text for 'how'" in problem.message


def test_a_spanish_text_without_its_english_is_reported(knowledge_copy):
    _edit(knowledge_copy, "cities/odessa-tx.yaml", "    text: credit/debit card information\n", "")
    (problem,) = _problems(knowledge_copy)
    assert problem.field == "data_exposed[0].text"
    assert "`text_es` is here but 'text' is not: write the English text too" in problem.message


def test_a_spanish_text_that_changes_a_phone_number_is_reported(knowledge_copy):
    _edit(
        knowledge_copy,
        "cities/norman-ok.yaml",
        "text_es: Por teléfono al 405-366-5320",
        "text_es: Por teléfono al 405-366-5329",
    )
    problems = _problems(knowledge_copy)
    fields = {(p.field, p.message.split(":")[0]) for p in problems}
    assert ("pay_meanwhile[2].text_es", "the Spanish text leaves out 405-366-5320") in fields
    # and the wrong number is in no quote, like any number residents read
    assert any("405-366-5329 is in no quote" in p.message for p in problems)


def test_validate_refuses_a_city_without_spanish(tmp_path, knowledge_copy):
    (knowledge_copy / "cities" / SAMPLE_CITY.name).write_text(
        _without_spanish(SAMPLE_CITY.read_text("utf-8")), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "knowledge", "validate", "--knowledge", str(knowledge_copy)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "valid." not in done.stdout
    assert "sample-springs-nv.yaml:" in done.stderr
    assert "contacts[0].hours_es: no Spanish text for 'hours': add `hours_es:`" in done.stderr


def test_the_new_city_skeleton_shows_where_the_spanish_goes():
    skeleton = city_template("Carson City", "NV")
    for key in ("label_es:", "hours_es:", "how_es:", "text_es", "what_es", "short_es"):
        assert key in skeleton, key
    assert "Quotes stay" in skeleton and "never translated" in skeleton


# ---------------------------------------------------------------- both texts reach the wording


def test_the_spanish_survives_the_sql_store_round_trip(engine, knowledge):
    load_knowledge(engine, knowledge)
    loaded = KnowledgeStore(engine).current()
    assert loaded == knowledge
    for record in (*loaded.cities, loaded.national):
        assert missing_spanish(record) == []
    norman = loaded.city("norman-ok")
    assert norman.pay_meanwhile[2].text_es == (
        "Por teléfono al 405-366-5320 para pagos de servicios públicos."
    )
    assert norman.contacts[0].label_es == "Pagos de servicios públicos de la Ciudad de Norman"
    midwest = loaded.city("midwest-city-ok")
    assert midwest.windows[0].source.how_es.startswith("El aviso da los días sin el año.")
    assert midwest.counts[0].what_es == "clientes afectados"
    step = next(s for s in loaded.national.steps if s.id == "report_fraud")
    assert step.short_es == "¿Fraude? Denúncielo ante la policía y la FTC: 1-877-438-4338."


def test_pick_reads_the_text_of_the_locale_from_loaded_records(engine, knowledge):
    load_knowledge(engine, knowledge)
    loaded = KnowledgeStore(engine).current()
    odessa = loaded.city("odessa-tx")
    advice = loaded.national.advice_for("got_letter")
    ftc = loaded.national.resource("ftc_identity_theft")
    assert pick(odessa.data_exposed[0]) == "credit/debit card information"
    assert pick(ftc, "label") == "Federal Trade Commission — identity theft help"
    with speaking("es"):
        assert pick(odessa.data_exposed[0]) == "información de tarjetas de crédito/débito"
        assert pick(odessa.steps[0], "short").startswith("Vigile sus cuentas")
        assert pick(odessa.letters).startswith("La ciudad está enviando cartas")
        assert pick(advice).startswith("Si recibió una carta de la ciudad")
        assert pick(advice.source, "how").startswith("Las ciudades envían cartas")
        assert pick(ftc, "label").startswith("Comisión Federal de Comercio (FTC) — ")
        assert pick(ftc, "hours") is None  # no hours given: none in either language
        quote = odessa.windows[0].source.quote
        assert quote.startswith("a data security incident")  # the notice's words stay English
