"""The console's own wording: about the caller, to the agent, with citations short enough to read
aloud and a summary in the deployment's time zone."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.selfcheck import run_check
from bot.wording.agent import about_the_caller
from bot.wording.answers import agent_answer_messages
from bot.wording.chat import result_card
from bot.wording.script import agent_payload

FIRST_OR_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself|I|I'm|me|my)\b", re.IGNORECASE)
CITIES = ["Odessa", "MWC", "Bakersfield", "St Pete", "Oxnard", "Norman", "Tyler", "Springfield"]
DATES = ["Sept 3 2019", "Sept 3", "June 2018", "I don't remember", "Oct 1 2018"]
METHODS = ["online with my Visa", "by phone", "autopay", "in person", "online", "e-check", ""]
AT = datetime(2026, 12, 3, 16, 3, tzinfo=ZoneInfo("America/Chicago"))


def _unquoted(text: str) -> str:
    return re.sub(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"", "", text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("You paid online by card.", "The caller paid online by card."),
        ("Your payment was affected", "The caller's payment was affected"),
        (
            "You didn't say the year, so I took the date to be May 1, 2019; tell me if it was "
            "another year.",
            "The caller didn't say the year, so the assistant took the date to be May 1, 2019; "
            "ask whether it was another year.",
        ),
        (
            "The notice says \u201cif you paid online\u201d.",
            "The notice says \u201cif you paid online\u201d.",
        ),
    ],
)
def test_a_residents_sentence_becomes_one_about_the_caller(text, expected):
    assert about_the_caller(text) == expected


def test_no_result_speaks_to_the_agent_as_the_caller(knowledge):
    checked = 0
    for city, when, method in itertools.product(CITIES, DATES, METHODS):
        payload = agent_payload(run_check(knowledge, city, when, method), AT)
        summary = [
            line
            for line in payload["summary"].splitlines()
            if line.startswith(("Verdict", "Reason", "Payment"))
        ]
        about = (payload["headline"], payload["reason"], payload["payment_method"] or "")
        for field in (*about, *payload["notes"], *summary):
            left = FIRST_OR_SECOND_PERSON.findall(_unquoted(field))
            assert not left, (city, when, method, field)
        checked += 1
    assert checked == len(CITIES) * len(DATES) * len(METHODS)


def test_the_reason_is_about_the_caller(knowledge):
    payload = agent_payload(run_check(knowledge, "Odessa", "Sept 3", "online with my Visa"), AT)
    assert payload["headline"] == "The caller's payment was affected"
    assert "The caller paid online by card" in payload["reason"]
    assert "the assistant took the date to be September 3, 2019" in payload["reason"]


def test_citations_are_short_and_each_document_is_cited_once(knowledge):
    payload = agent_payload(run_check(knowledge, "Bakersfield", "Sept 1 2018", "online card"), AT)
    assert payload["notice_label"] == "Article"
    for document in payload["documents"]:
        assert len(document["citation"].split()) <= 16, document["citation"]
        assert "http" not in document["citation"] and "www." not in document["citation"]
        assert document["quotes"]
    citations = [d["citation"] for d in payload["documents"]]
    assert len(citations) == len(set(citations))
    quotes = [q["quote"] for d in payload["documents"] for q in d["quotes"]]
    assert not any(a in b for a in quotes for b in quotes if a is not b)  # each read once
    assert "news article on Bakersfield, CA" in payload["reason"]
    assert "Bakersfield, CA's notice" not in payload["reason"]


def test_the_summary_is_in_one_labelled_time_zone_and_says_the_verdict_once(knowledge):
    payload = agent_payload(run_check(knowledge, "Oxnard", "Sept 1 2018", "online card"), AT)
    summary = payload["summary"]
    assert "Time: 2026-12-03 16:03 CST (America/Chicago)" in summary  # not the city's PST
    verdict = next(line for line in summary.splitlines() if line.startswith("Verdict:"))
    assert verdict.count("affected") <= 2 and "(affected)" not in verdict
    assert FIRST_OR_SECOND_PERSON.search(_unquoted(verdict)) is None


def test_the_escalation_number_is_the_citys_own_line(knowledge):
    payload = agent_payload(run_check(knowledge, "Bakersfield", "Sept 1 2018", "online card"), AT)
    assert payload["escalation"].startswith("City of Bakersfield")
    assert "888-278-8028" in payload["escalation"]


def test_a_caller_who_wants_a_person_is_offered_a_transfer(knowledge):
    from bot.answers import Topic, answer_question

    answer = answer_question(knowledge, Topic.HUMAN, "can I talk to a supervisor", "odessa-tx")
    first = agent_answer_messages(answer)[0]
    assert first.startswith("The caller wants to talk to a person. Offer to transfer to")
    assert "can't transfer you" not in " ".join(agent_answer_messages(answer))


def test_the_widget_card_puts_the_verdict_first_and_keeps_the_assumption(knowledge):
    card = result_card(run_check(knowledge, "Odessa", "Sept 3", "online with my Visa"))
    assert card["headline"] == "Yes — your payment was affected."
    assert card["reason"].startswith("You didn't say the year, so I took the date to be")
    assert card["steps"] and card["contacts"] and card["source"]
    assert card["text"].startswith("You didn't say the year")  # the plain-text form, as in chat
