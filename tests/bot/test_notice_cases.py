"""What real Click2Gov notices say beyond the seeds, written as data only (two made-up cities in
tests/fixtures), gives the right verdicts, the honest wording and the matching steps:

- Example Town, AZ: a window per service (utility bills, building permits); card payments at the
  counter affected; new autopay enrollments affected, existing autopay not; bank account and
  routing numbers exposed, so e-check payments are affected and get the bank-account steps.
- Sample Springs, NV: two windows; an "only" rule naming two channels; kiosks and the phone system
  (IVR) excluded; existing autopay excluded by inference; a call center with hours; letters counted.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from bot.knowledge.base import Knowledge
from bot.knowledge.reader import read_knowledge
from bot.rules import Reason, Result
from bot.selfcheck import run_check
from bot.wording.chat import result_messages
from bot.wording.reasons import reason_text
from bot.wording.script import agent_payload, format_script
from tests.conftest import EXAMPLE_CITY, FIXTURES

SAMPLE_CITY = FIXTURES / "sample-springs-nv.yaml"


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    """The tests' knowledge folder with the two cities added as files, as a city's staff would."""
    import shutil

    from tests.conftest import KNOWLEDGE_DIR

    folder: Path = tmp_path_factory.mktemp("cases") / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    for city in (EXAMPLE_CITY, SAMPLE_CITY):
        shutil.copy(city, folder / "cities" / city.name)
    return read_knowledge(folder)


def check(cases: Knowledge, city: str, when: str, method: str, service: str = "") -> Result:
    return run_check(cases, city, when, method, service_text=service or None)


def chat(result: Result) -> str:
    return "\n".join(result_messages(result))


# ---------------------------------------------------------------- Example Town: a window per service


@pytest.mark.parametrize(
    "when, method, service, verdict",
    [
        ("January 20, 2019", "online with my Visa", "my water bill", "affected"),
        ("February 10, 2019", "online with my Visa", "water", "affected"),  # last day
        ("February 11, 2019", "online with my Visa", "water", "not_affected"),
        ("January 20, 2019", "online with my Visa", "a building permit", "not_affected"),
        ("March 5, 2019", "online with my Visa", "a building permit", "affected"),
        ("March 5, 2019", "online with my Visa", "my water bill", "not_affected"),
        ("January 20, 2019", "online with my Visa", "", "possibly_affected"),
        ("January 20, 2019", "online with my Visa", "a parking ticket", "possibly_affected"),
        ("June 1, 2019", "online with my Visa", "", "not_affected"),  # outside both windows
    ],
)
def test_a_window_per_service(cases, when, method, service, verdict):
    assert check(cases, "Example Town, AZ", when, method, service).verdict == verdict


def test_without_the_service_the_answer_is_conditional_and_names_the_services(cases):
    result = check(cases, "Example Town", "January 20, 2019", "online with my card")
    assert result.reasons[0] == Reason.DEPENDS_ON_SERVICE
    text = reason_text(result)
    assert "It depends on what the payment was for" in text
    assert "utility bills and building permits" in text
    assert "If it was a utility bill, it was affected" in text
    assert "If it was a building permit, it was not affected" in text
    assert "Tell me what you paid for" in text
    assert "Your payment may have been affected." in chat(result)


def test_a_service_the_notice_gives_no_dates_for_is_not_called_affected_or_safe(cases):
    result = check(cases, "Example Town", "January 20, 2019", "online by card", "parking ticket")
    assert result.reasons == (Reason.SERVICE_NOT_NAMED,)
    text = reason_text(result)
    assert "gives breach dates only for utility bills and building permits" in text
    assert "does not say whether payments for parking tickets were affected" in text


def test_the_answer_says_which_service_it_checked(cases):
    result = check(cases, "Example Town", "January 20, 2019", "online by card", "water bill")
    assert "online by card for a utility bill" in format_script(result)


@pytest.mark.parametrize(
    "method, verdict, words",
    [
        ("in person with my debit card", "affected", "payments made in person by card"),
        (
            "cash at the counter",
            "possibly_affected",
            "does not say whether payments made in person in cash",
        ),
        ("e-check online", "affected", "from a bank account (e-check)"),
        (
            "I set up autopay online with my card that day",
            "affected",
            "by a new online autopay enrollment",
        ),
        (
            "autopay I have had for years",
            "not_affected",
            "notice says payments made by an existing autopay",
        ),
    ],
)
def test_channels_and_instruments_beyond_online_cards(cases, method, verdict, words):
    result = check(cases, "Example Town", "January 20, 2019", method, "water bill")
    assert result.verdict == verdict
    assert words in reason_text(result)


def test_bank_data_exposed_gives_the_bank_account_steps_and_names_the_numbers(cases):
    result = check(cases, "Example Town", "January 20, 2019", "e-check online", "water bill")
    assert "watch_bank_account" in [s.id for s in result.steps]
    assert "card number, bank account number, bank routing number" in reason_text(result)


def test_plain_autopay_is_read_as_existing_and_the_answer_says_so(cases):
    result = check(cases, "Example Town", "January 20, 2019", "autopay with my card", "water bill")
    assert result.verdict == "not_affected"
    text = reason_text(result)
    assert "I took \u201cautopay\u201d to mean an automatic payment that was already set up" in text
    assert "If you signed up for autopay at that time instead, it was affected" in text


# ---------------------------------------------------------------- Sample Springs


@pytest.mark.parametrize(
    "when, method, verdict",
    [
        ("October 10, 2018", "online with my Mastercard", "affected"),  # first window
        ("January 20, 2019", "online with my Mastercard", "affected"),  # second window
        ("November 15, 2018", "online with my Mastercard", "not_affected"),  # between them
        ("October 10, 2018", "at the kiosk in city hall with my card", "not_affected"),
        ("October 10, 2018", "by phone with my card", "not_affected"),  # the IVR
        ("October 10, 2018", "in person with my card", "not_affected"),  # "only ..."
        ("October 10, 2018", "mailed a check", "not_affected"),  # "only ..."
        ("October 10, 2018", "signed up for autopay with my card", "affected"),
        ("October 10, 2018", "autopay", "not_affected"),
    ],
)
def test_two_windows_an_only_rule_and_excluded_channels(cases, when, method, verdict):
    assert check(cases, "Sample Springs, NV", when, method).verdict == verdict


def test_between_the_windows_the_answer_names_both(cases):
    text = reason_text(check(cases, "Sample Springs", "November 15, 2018", "online by card"))
    assert "between October 3, 2018 and October 29, 2018" in text
    assert "between January 14, 2019 and February 2, 2019" in text


def test_the_only_rule_names_both_channels(cases):
    text = reason_text(check(cases, "Sample Springs", "October 10, 2018", "in person by card"))
    assert "says only payments made online or by a new online autopay enrollment by card" in text


def test_an_inferred_rule_is_worded_as_an_inference_not_as_the_notice_s_words(cases):
    result = check(cases, "Sample Springs", "October 10, 2018", "autopay for years")
    text = reason_text(result)
    assert (
        "names only payments made online or by a new online autopay enrollment by card as affected"
        in text
    )
    assert "so payments made by an existing autopay were not affected (an inference" in text
    assert "notice says payments made by an existing autopay" not in text
    quotes = agent_payload(result, at=_noon())["quotes"]
    assert any(q["basis"] == "inferred" and q["how"] for q in quotes)


def test_the_call_center_hours_and_the_letters_count_are_shown(cases):
    result = check(cases, "Sample Springs", "October 10, 2018", "online by card")
    text = chat(result)
    assert (
        "Sample Springs call center: 1-800-555-0142 (Monday through Friday, 7 a.m. to 6 p.m. Pacific Time)"
        in text
    )
    assert "1,873 customers sent letters" in text
    assert "replace_card_security_code" in [s.id for s in result.steps]


def test_the_citation_gives_publisher_title_date_and_where_to_read_it(cases):
    result = check(cases, "Sample Springs", "October 10, 2018", "online by card")
    assert (
        'Source: City of Sample Springs, "Notice of Payment Card Incident", posted April 2, 2019 '
        "(www.example.org/sample-springs/notice)."
    ) in chat(result)


def _noon():
    from datetime import datetime, timezone

    return datetime(2026, 12, 1, 12, tzinfo=timezone.utc)


def test_every_case_cites_its_notice_and_no_reply_shows_a_file_name(cases):
    replies: List[str] = []
    for city in ("Example Town", "Sample Springs"):
        for method in ("online by card", "autopay", "kiosk", "cash at the counter"):
            result = check(cases, city, "January 20, 2019", method)
            replies += [chat(result), format_script(result), str(agent_payload(result, _noon()))]
    assert all(".txt" not in reply and ".yaml" not in reply for reply in replies)
    assert all("posted" in reply for reply in replies)
