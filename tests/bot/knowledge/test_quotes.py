"""Every fact is traceable to a notice in the folder: quotes occur in the notice they cite; window
dates, counts and phone numbers occur in their quotes; a notice's date is in its evidence. Each
problem is `file:line: field: message`, found in the same pass as every other problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List

import pytest

from bot.knowledge.base import sources_in
from bot.knowledge.problems import KnowledgeInvalid, Problem
from bot.knowledge.quotes import count_in_quote, date_in_quote
from bot.knowledge.reader import read_knowledge

ODESSA = "cities/odessa-tx.yaml"
ODESSA_NOTICE = "odessa-2019-12-12"


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> List[Problem]:
    with pytest.raises(KnowledgeInvalid) as caught:
        read_knowledge(folder)
    return caught.value.problems


def _line(folder: Path, name: str, needle: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_every_fact_cites_a_notice_of_the_folder_and_inferred_ones_say_how(knowledge):
    sources = [s for record in (*knowledge.cities, knowledge.national) for s in sources_in(record)]
    assert len(sources) > 80
    assert {s.notice for s in sources} <= {n.id for n in knowledge.notices}
    assert all(s.how for s in sources if s.basis == "inferred")
    assert len(knowledge.quotes) > 60


def test_a_changed_quote_is_reported_at_its_line_with_the_notice_to_copy_from(knowledge_copy):
    old = "occurred between August 27, 2019 and October 14, 2019 that involved"
    _edit(
        knowledge_copy,
        ODESSA,
        old,
        "occurred between August 1, 2019 and October 14, 2019 that involved",
    )
    problems = _problems(knowledge_copy)
    quote = next(p for p in problems if p.field == "windows[0].source.quote")
    assert quote.file == f"knowledge/{ODESSA}"
    assert quote.line == _line(knowledge_copy, ODESSA, "occurred between August 1, 2019")
    assert f"not in notices/{ODESSA_NOTICE}.txt" in quote.message
    assert "word for word" in quote.message
    start = next(p for p in problems if p.field == "windows[0].start")
    assert "2019-08-27 is not in its quote" in start.message


def test_quote_problems_come_in_the_same_pass_as_schema_problems(knowledge_copy):
    _edit(knowledge_copy, ODESSA, "channels: [phone]", "channels: [fone]")
    _edit(knowledge_copy, ODESSA, 'quote: "via the phone system"', 'quote: "via the fone system"')
    _edit(knowledge_copy, "cities/tyler-tx.yaml", "state: TX", "state: Texas")
    fields = {(p.file, p.field) for p in _problems(knowledge_copy)}
    assert (f"knowledge/{ODESSA}", "methods.not_affected[2].channels[0]") in fields
    assert (f"knowledge/{ODESSA}", "methods.not_affected[2].source.quote") in fields
    assert ("knowledge/cities/tyler-tx.yaml", "state") in fields


def test_a_cited_notice_that_is_missing_fails_and_says_how_to_add_it(knowledge_copy):
    (knowledge_copy / "notices" / f"{ODESSA_NOTICE}.txt").unlink()
    problems = _problems(knowledge_copy)
    listed = next(p for p in problems if p.file == "knowledge/notices/notices.yaml")
    assert f"save the notice as notices/{ODESSA_NOTICE}.txt" in listed.message
    cited = [p for p in problems if p.file == f"knowledge/{ODESSA}"]
    assert cited and all(p.field.endswith("notice") for p in cited)
    assert "save its text as" in cited[0].message
    assert all("(see line" in p.message for p in cited[1:])  # said in full once per file


def test_a_notice_id_nobody_listed_is_reported(knowledge_copy):
    _edit(
        knowledge_copy,
        ODESSA,
        f'notice: {ODESSA_NOTICE}\n  quote: "We have',
        'notice: odesa\n  quote: "We have',
    )
    problem = _problems(knowledge_copy)[0]
    assert problem.field == "status_source.notice"
    assert "no notice 'odesa'" in problem.message and ODESSA_NOTICE in problem.message


def test_a_notice_text_that_is_not_listed_is_reported(knowledge_copy):
    (knowledge_copy / "notices" / "stray.txt").write_text("A notice nobody described.")
    problem = _problems(knowledge_copy)[0]
    assert problem.file == "knowledge/notices/stray.txt"
    assert "not listed in notices/notices.yaml" in problem.message


def test_the_old_seed_key_gets_a_message_saying_what_to_write(knowledge_copy):
    _edit(
        knowledge_copy,
        ODESSA,
        'notice: odessa-2019-12-12\n  quote: "We have',
        'seed: 001_228bbffbe9cc2cc8.txt\n  quote: "We have',
    )
    messages = [p.message for p in _problems(knowledge_copy) if p.field.startswith("status_source")]
    assert any("write `notice:`" in m for m in messages)


def test_a_notice_date_must_be_backed_by_its_evidence(knowledge_copy):
    _edit(knowledge_copy, "notices/notices.yaml", "published: 2019-12-12", "published: 2019-12-13")
    problem = _problems(knowledge_copy)[0]
    assert problem.field == "notices[1].published"
    assert "2019-12-13 is in no evidence quote" in problem.message
    assert "to `evidence`, or leave `published` out when the text shows no date" in problem.message


def test_a_phone_number_not_in_its_quote_is_reported(knowledge_copy):
    _edit(
        knowledge_copy, "cities/bakersfield-ca.yaml", "phone: 888-278-8028", "phone: 888-278-8029"
    )
    problems = [str(p) for p in _problems(knowledge_copy)]
    line = _line(knowledge_copy, "cities/bakersfield-ca.yaml", "phone: 888-278-8029")
    where = f"knowledge/cities/bakersfield-ca.yaml:{line}: contacts[0].phone: "
    assert problems == [where + "888-278-8029 is not in its quote"]


def test_a_phone_number_in_a_text_residents_read_must_be_quoted(knowledge_copy):
    _edit(
        knowledge_copy, ODESSA, "contact your\n      bank", "call 432-555-0100 or your\n      bank"
    )
    problem = _problems(knowledge_copy)[0]
    assert (problem.field, problem.line) == (
        "steps[0].text",
        _line(knowledge_copy, ODESSA, "text: >-"),
    )
    assert "432-555-0100 is in no quote" in problem.message


def test_an_edited_copy_of_an_original_notice_is_reported(knowledge_copy):
    path = knowledge_copy / "notices" / f"{ODESSA_NOTICE}.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA line added by hand.\n", encoding="utf-8"
    )
    problem = _problems(knowledge_copy)[0]
    assert problem.field == "notices[1].sha256"
    assert "no longer the original it was copied from" in problem.message


def test_date_forms_found_in_quotes():
    assert date_in_quote(date(2018, 8, 11), "between Aug. 11 and Oct. 1", need_year=False)
    assert not date_in_quote(date(2018, 8, 11), "between Aug. 11 and Oct. 1", need_year=True)
    assert date_in_quote(date(2019, 12, 12), "Post Date:12/12/2019 4:54 PM", need_year=True)
    assert not date_in_quote(date(2018, 5, 2), "from May 25 through June 21", need_year=False)


@pytest.mark.parametrize(
    "number, quote, found",
    [
        (4559, "The 4,559 customers affected", True),
        (43, "an additional forty-three specific dates", True),
        (2400, "A total of 2,400 user accounts", True),
        (240, "A total of 2,400 user accounts", False),
    ],
)
def test_counts_found_in_quotes(number, quote, found):
    assert count_in_quote(number, quote) is found


BAKERSFIELD = "cities/bakersfield-ca.yaml"


def test_a_quote_that_hedges_must_keep_its_hedge(knowledge_copy):
    _edit(knowledge_copy, BAKERSFIELD, "      hedge: may have been affected\n", "")
    (problem,) = _problems(knowledge_copy)
    assert problem.field == "counts[0].source.quote"
    assert problem.line == _line(knowledge_copy, BAKERSFIELD, "2,400 user accounts may have")
    assert "hedges (\u201cmay have been affected\u201d)" in problem.message
    assert "add `hedge: may have been affected`" in problem.message


def test_a_hedge_must_be_the_quotes_own_words(knowledge_copy):
    _edit(knowledge_copy, BAKERSFIELD, "hedge: may have been affected", "hedge: approximately")
    (problem,) = _problems(knowledge_copy)
    assert problem.field == "counts[0].source.hedge"
    assert "'approximately' is not in the quote" in problem.message


@pytest.mark.parametrize(
    "quote, hedge",
    [
        ("card data may have been compromised", "may have been compromised"),
        ("customers who may be affected", "may be affected"),
        ("approximately 1,842 customers", "approximately"),
        ("The information involved may include names", "may include"),
        ("letters to those potentially affected", "potentially"),
        ("Payments may be made in person at City Hall", None),  # a permission, not a hedge
        ("card numbers were taken", None),
    ],
)
def test_hedges_are_found_in_quotes(quote, hedge):
    from bot.knowledge.quotes import hedge_in

    assert hedge_in(quote) == hedge
