"""The loader's validation: each kind of bad input gives one clear problem naming file, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.problems import KnowledgeInvalid
from bot.knowledge.reader import read_knowledge
from tests.conftest import EXAMPLE_CITY

ODESSA = "cities/odessa-tx.yaml"
ODESSA_EXPOSED_SOURCE = """    source:
      notice: odessa-2019-12-12
      quote: "involved some of our customers’ credit/debit card information"
      basis: stated

contacts"""


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, f"test set-up: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def _problems(folder: Path) -> list:
    with pytest.raises(KnowledgeInvalid) as caught:
        read_knowledge(folder)
    return caught.value.problems


def _line_of(folder: Path, name: str, needle: str) -> int:
    for number, line in enumerate((folder / name).read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_the_project_knowledge_is_valid(knowledge):
    names = {c.display_name for c in knowledge.cities}
    assert names == {
        "Midwest City, OK",
        "Odessa, TX",
        "Bakersfield, CA",
        "Norman, OK",
        "St. Petersburg, FL",
        "Tyler, TX",
        "Oxnard, CA",
    }


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        (
            "    kind: confirmed\n",
            "    kind: confirmed\n    colour: red\n",
            "windows[0].colour",
            "unknown key 'colour'",
        ),
        ("start: 2019-08-27", "start: 2019-08-32", "windows[0].start", "bad date"),
        ("start: 2019-08-27", "start: 27/08/2019", "windows[0].start", "YYYY-MM-DD"),
        ("end: 2019-10-14", "end: 2019-08-01", "windows[0].end", "before start"),
        (
            "channels: [phone]",
            "channels: [fone]",
            "methods.not_affected[2].channels[0]",
            "unknown channel 'fone'",
        ),
        (
            "instruments: [bank_account]",
            "instruments: [cheque]",
            "methods.not_affected[3].instruments[0]",
            "unknown instrument",
        ),
        (
            ODESSA_EXPOSED_SOURCE,
            "\ncontacts",
            "data_exposed[0].source",
            "missing required field 'source'",
        ),
        ("status: confirmed", "status: confirmd", "status", "did you mean 'confirmed'"),
        ("kind: confirmed", "kind: maybe", "windows[0].kind", "unknown window kind"),
        ("state: TX", "state: Texas", "state", "two-letter state code"),
        ("time_zone: America/Chicago", "time_zone: Central", "time_zone", "unknown time zone"),
        (
            "      basis: stated\n\nmethods",
            "      basis: inferred\n\nmethods",
            "windows[0].source.how",
            "how it was inferred",
        ),
        ("city: Odessa\n", "", "city", "missing required field 'city'"),
    ],
)
def test_bad_city_file_is_reported_with_file_field_and_line(knowledge_copy, old, new, field, words):
    _edit(knowledge_copy, ODESSA, old, new)
    problems = _problems(knowledge_copy)
    assert {p.field for p in problems} == {field}, [str(p) for p in problems]
    problem = next(p for p in problems if words in p.message)
    assert problem.file == f"knowledge/{ODESSA}"
    assert problem.field == field
    assert words in problem.message
    assert f"knowledge/{ODESSA}:{problem.line}: {field}:" in str(problem)


def test_line_number_points_at_the_bad_field(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "end: 2019-10-14", "end: 2019-08-01")
    problem = _problems(knowledge_copy)[0]
    assert problem.line == _line_of(knowledge_copy, ODESSA, "end: 2019-08-01")


def test_yaml_syntax_error_names_file_and_line(knowledge_copy):
    _edit(
        knowledge_copy,
        ODESSA,
        "aliases: [City of Odessa, Odessa Texas]",
        "aliases: [City of Odessa",
    )
    problem = _problems(knowledge_copy)[0]
    assert problem.file == f"knowledge/{ODESSA}"
    assert "not valid YAML" in problem.message
    assert problem.line >= _line_of(knowledge_copy, ODESSA, "aliases: [City of Odessa")


def test_bad_phone_number(knowledge_copy):
    _edit(knowledge_copy, "cities/bakersfield-ca.yaml", "phone: 888-278-8028", "phone: 888-278-80")
    problem = _problems(knowledge_copy)[0]
    assert (problem.file, problem.field) == (
        "knowledge/cities/bakersfield-ca.yaml",
        "contacts[0].phone",
    )
    assert "bad US phone number" in problem.message


def test_alias_used_by_two_cities(knowledge_copy):
    _edit(
        knowledge_copy,
        "cities/tyler-tx.yaml",
        "aliases: [City of Tyler, Tyler Texas]",
        "aliases: [City of Tyler, Tyler Texas, St Pete]",
    )
    problem = _problems(knowledge_copy)[0]
    assert problem.field == "aliases"
    assert "St Pete" in problem.message and "st-petersburg-fl" in problem.message


def test_unknown_verdict_in_step_library(knowledge_copy):
    _edit(knowledge_copy, "steps.yaml", "verdicts: [not_affected]", "verdicts: [fine]")
    problem = _problems(knowledge_copy)[0]
    assert problem.file == "knowledge/steps.yaml"
    assert problem.field.endswith(".verdicts[0]") and "unknown verdict 'fine'" in problem.message


def test_missing_national_file(knowledge_copy):
    (knowledge_copy / "national.yaml").unlink()
    problem = _problems(knowledge_copy)[0]
    assert problem.file == "knowledge/national.yaml" and "missing" in problem.message


def test_every_problem_in_the_folder_is_listed(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "channels: [phone]", "channels: [fax]")
    _edit(knowledge_copy, "cities/norman-ok.yaml", "status: under_investigation", "status: pending")
    message = str(pytest.raises(KnowledgeInvalid, read_knowledge, knowledge_copy).value)
    assert "2 problem(s)" in message
    assert "odessa-tx.yaml" in message and "norman-ok.yaml" in message
    assert "database was left as it was" in message


def test_misspelt_key_suggests_the_right_one(knowledge_copy):
    _edit(
        knowledge_copy,
        ODESSA,
        "    text_es: información de tarjetas de crédito/débito\n    source:",
        "    text_es: información de tarjetas de crédito/débito\n    sourse:",
    )
    messages = [str(p) for p in _problems(knowledge_copy)]
    assert any(
        "data_exposed[0].sourse: unknown key 'sourse' (did you mean 'source'?)" in m
        for m in messages
    )
    assert any("data_exposed[0].source: missing required field 'source'" in m for m in messages)


def test_rule_without_any_constraint(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "    - channels: [in_person]\n", "    - exclusive: false\n")
    problem = _problems(knowledge_copy)[0]
    assert problem.field == "methods.not_affected[1]"
    assert "at least one of channels" in problem.message


def test_a_new_city_is_a_data_change_only(knowledge_copy):
    """City staff add a file; the loader accepts several windows that differ by service,
    affected in-person card payments and new autopay enrollments, and exposed bank data."""
    (knowledge_copy / "cities" / "example-az.yaml").write_text(EXAMPLE_CITY.read_text())
    knowledge = read_knowledge(knowledge_copy)
    city = knowledge.city("example-az")
    assert [w.services for w in city.windows] == [("utility",), ("building_permit",)]
    assert {r.channels for r in city.methods.affected} == {
        ("online_one_time", "autopay_new"),
        ("in_person",),
    }
    assert {"bank_account_number", "routing_number"} <= set(city.exposed_items())


def test_every_problem_of_a_file_is_reported_in_one_pass(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "start: 2019-08-27", "start: 2019-08-32")
    _edit(knowledge_copy, ODESSA, "channels: [phone]", "channels: [fax]")
    _edit(knowledge_copy, ODESSA, "state: TX", "state: Texas")
    fields = {p.field for p in _problems(knowledge_copy)}
    assert fields == {"windows[0].start", "methods.not_affected[2].channels[0]", "state"}


def test_the_city_id_comes_from_the_file_name_not_the_file(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "city: Odessa\n", "city: Odessa\nid: somewhere-else\n")
    problem = _problems(knowledge_copy)[0]
    assert (problem.field, problem.message) == ("id", "unknown key 'id'")


def test_an_empty_list_may_be_written_as_nothing(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "contacts: []", "contacts:")
    assert read_knowledge(knowledge_copy).city("odessa-tx").contacts == ()


def test_a_file_that_is_not_a_mapping(knowledge_copy):
    (knowledge_copy / "cities" / "odessa-tx.yaml").write_text("- just a list\n")
    problem = _problems(knowledge_copy)[0]
    assert problem.field == "(file)" and "expected fields such as `city: Odessa`" in problem.message


def test_a_missing_advice_file(knowledge_copy):
    (knowledge_copy / "advice.yaml").unlink()
    problem = _problems(knowledge_copy)[0]
    assert problem.file == "knowledge/advice.yaml" and "missing" in problem.message
