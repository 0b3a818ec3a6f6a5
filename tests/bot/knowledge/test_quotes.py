"""Every fact is traceable: quotes occur in their seed files; dates, counts, phones occur in quotes."""

from __future__ import annotations

from bot.knowledge.base import Knowledge
from bot.knowledge.quotes import date_in_quote, trace_problems
from bot.knowledge.schema import Source
from tests.conftest import SEEDS_DIR


def _with(knowledge: Knowledge, changed) -> Knowledge:
    cities = [changed if c.id == changed.id else c for c in knowledge.cities]
    return Knowledge(cities, knowledge.national, knowledge.fingerprint)


def test_seed_folder_is_present():
    assert sorted(p.name for p in SEEDS_DIR.glob("0*.txt")) == [
        "000_276f04b74377525d.txt",
        "001_228bbffbe9cc2cc8.txt",
        "002_9212a923ee6a1e48.txt",
        "003_877bfd9736738e4a.txt",
        "004_11bdfc16eff7b66b.txt",
    ]


def test_every_quote_number_date_and_phone_is_traceable(knowledge):
    assert trace_problems(knowledge, SEEDS_DIR) == []


def test_every_fact_has_a_source_and_inferred_ones_say_how(knowledge):
    from bot.knowledge.quotes import walk_sources

    sources = [s for city in knowledge.cities for _, s in walk_sources(city)]
    sources += [s for _, s in walk_sources(knowledge.national)]
    assert len(sources) > 80
    assert all(s.how for s in sources if s.basis == "inferred")


def test_a_quote_not_in_its_seed_is_reported(knowledge):
    odessa = knowledge.city("odessa-tx")
    bad = Source(
        seed="001_228bbffbe9cc2cc8.txt",
        quote="a breach between August 1, 2019 and October 14, 2019",
        basis="stated",
    )
    window = odessa.windows[0].copy(update={"source": bad})
    problems = trace_problems(
        _with(knowledge, odessa.copy(update={"windows": (window,)})), SEEDS_DIR
    )
    assert any("quote not found in 001_228bbffbe9cc2cc8.txt" in p for p in problems)
    assert any("windows[0].start 2019-08-27 is not in its quote" in p for p in problems)


def test_a_phone_number_not_in_its_quote_is_reported(knowledge):
    bakersfield = knowledge.city("bakersfield-ca")
    contact = bakersfield.contacts[0].copy(update={"phone": "888-278-8029"})
    changed = bakersfield.copy(update={"contacts": (contact,)})
    problems = trace_problems(_with(knowledge, changed), None)
    assert any("contacts[0].phone 888-278-8029 is not in its quote" in p for p in problems)
    assert any("phone number 888-278-8029" in p for p in problems)


def test_date_forms_found_in_quotes():
    from datetime import date

    assert date_in_quote(date(2018, 8, 11), "between Aug. 11 and Oct. 1", need_year=False)
    assert not date_in_quote(date(2018, 8, 11), "between Aug. 11 and Oct. 1", need_year=True)
    assert date_in_quote(date(2019, 12, 12), "Post Date:12/12/2019 4:54 PM", need_year=True)
    assert not date_in_quote(date(2018, 5, 2), "from May 25 through June 21", need_year=False)
