"""What real Click2Gov notices say beyond the seeds, written as data only (two made-up cities in
tests/fixtures), gives the right verdicts, the honest wording and the matching steps:

- Example Town, AZ: a window per service (utility bills, building permits); card payments at the
  counter affected; new autopay enrollments affected, existing autopay not; bank account and
  routing numbers exposed, so e-check payments are affected and get the bank-account steps.
- Sample Springs, NV: two windows; an "only" rule naming two channels; kiosks and the phone system
  (IVR) excluded; existing autopay excluded by inference; a call center with hours; letters counted.
"""

from __future__ import annotations

from datetime import date
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


def test_a_date_outside_the_window_for_the_service_names_that_service(cases):
    text = reason_text(
        check(cases, "Example Town", "January 20, 2019", "online by card", "building permit")
    )
    assert "gives for building permits (between March 1, 2019 and March 20, 2019)" in text
    assert "for the breach" not in text  # utility bills had other dates: not the city's only window


def test_a_date_outside_every_window_names_the_service_of_each(cases):
    text = reason_text(check(cases, "Example Town", "June 1, 2019", "online by card"))
    assert (
        "between January 5, 2019 and February 10, 2019 for utility bills; "
        "between March 1, 2019 and March 20, 2019 for building permits"
    ) in text


def test_a_date_inside_the_window_for_the_service_names_that_window_only(cases):
    text = reason_text(check(cases, "Example Town", "March 5, 2019", "", "building permit"))
    assert "falls inside the dates Example Town, AZ's notice gives for building permits" in text
    assert "January 5, 2019" not in text


def test_an_affected_payment_says_which_service_the_window_is_for(cases):
    result = check(cases, "Example Town", "March 5, 2019", "online by card", "building permit")
    assert result.verdict == "affected"
    assert "for building permits between March 1, 2019 and March 20, 2019 were exposed" in (
        reason_text(result)
    )


def test_a_date_in_one_of_two_windows_names_that_window(cases):
    result = check(cases, "Sample Springs", "January 20, 2019", "")
    assert result.reasons[0] == Reason.DATE_INSIDE
    text = reason_text(result)
    assert "(between January 14, 2019 and February 2, 2019)" in text
    assert "October" not in text and " or between " not in text


def test_a_method_not_named_lists_every_affected_channel(cases):
    result = check(cases, "Example Town", "March 5, 2019", "at a kiosk by card", "building permit")
    assert result.reasons[-1] == Reason.METHOD_NOT_NAMED
    text = reason_text(result)
    assert "it names payments made online or by a new online autopay enrollment" in text
    assert "and payments made in person by card." in text


def test_without_the_method_every_affected_channel_is_named(cases):
    text = reason_text(check(cases, "Example Town", "March 5, 2019", "", "building permit"))
    assert "and payments made in person by card were affected; if yours was one of them" in text


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
    text = reason_text(result)
    assert "The data taken from payments like yours: bank account number, bank routing number." in (
        text
    )


def test_an_e_check_payer_gets_no_card_steps_and_a_card_payer_no_bank_steps(cases):
    e_check = check(cases, "Example Town", "January 20, 2019", "e-check online", "water bill")
    steps = " ".join(s.text for s in e_check.steps)
    assert "card issuer" not in steps and "card statements" not in steps
    assert "card number" not in reason_text(e_check)
    card = check(cases, "Example Town", "January 20, 2019", "online with my Visa", "water bill")
    assert "watch_bank_account" not in [s.id for s in card.steps]
    assert "watch_card_statements" in [s.id for s in card.steps]
    assert "The data taken from payments like yours: card number." in reason_text(card)
    unknown = check(cases, "Example Town", "January 20, 2019", "online", "water bill")
    assert {"watch_bank_account", "watch_card_statements"} <= {s.id for s in unknown.steps}


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
    documents = agent_payload(result, at=_noon())["documents"]
    assert any(q["inferred"] for d in documents for q in d["quotes"])


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


# ---------------------------------------------------------------- a notice that hedges


def test_a_hedged_notice_is_told_as_it_hedges_in_every_channel(cases):
    """Sample Springs' notice: payments "may have been compromised", the data "may include"."""
    from bot.wording.sms import summary

    result = check(cases, "Sample Springs", "October 10, 2018", "online with my card")
    assert result.verdict == "affected"  # the contract (DESIGN.md §5) is unchanged
    reply = chat(result)
    assert reply.startswith(
        "Yes — your payment is one of those the city says may have been exposed."
    )
    assert "October 29, 2018 may have been exposed" in reply
    assert "The data that may have been taken: name on the card" in reply
    assert "were exposed" not in reply and "The data taken" not in reply
    script = format_script(result)
    assert script.startswith(
        "VERDICT: Your payment is one of those the notice says may have been exposed (affected)"
    )
    text = summary(result, cases.national)
    assert text.startswith(
        "Checked: Sample Springs, Oct 10, 2018, online by card. "
        "Your payment IS one of those the city says MAY have been exposed."
    )
    assert "Oct 3-Oct 29, 2018 may have been exposed." in text
    assert "were exposed" not in text


def test_a_hedged_notice_keeps_its_doubt_without_the_date_or_the_method(cases):
    from bot.wording.sms import summary

    no_date = check(cases, "Sample Springs", "I don't remember", "online with my card")
    assert "your payment is one of those the notice says may have been exposed" in reason_text(
        no_date
    )
    no_method = check(cases, "Sample Springs", "October 10, 2018", "")
    text = reason_text(no_method)
    assert "may have been affected; if yours was one, it may have been exposed" in text
    assert "It may have been exposed if you paid" in summary(no_method, cases.national)


def test_a_certain_notice_is_still_told_as_certain(cases):
    result = check(cases, "Example Town", "January 20, 2019", "online with my card", "water")
    assert chat(result).startswith("Yes — your payment was affected.")
    assert "were exposed" in reason_text(result) and "The data taken" in reason_text(result)


def test_the_incident_questions_keep_the_hedge(cases):
    from bot.answers import Topic, answer_question
    from bot.wording.answers import answer_messages

    for topic, words in (
        (Topic.DATA_EXPOSED, "may have been taken"),
        (Topic.INCIDENT, "may have been exposed"),
    ):
        answer = answer_question(cases, topic, "Sample Springs", "sample-springs-nv")
        text = " ".join(answer_messages(answer))
        assert words in text, (topic, text)


# ---------------------------------------------------------------- services on record by inference


@pytest.fixture
def many_services(cases):
    """Odessa's notice (only one-time online utility payments affected) with more services on
    record: building permits and business licenses inferred from a department's name."""
    from bot.knowledge.schema import ServiceFact

    odessa = cases.city("odessa-tx")
    stated = odessa.services[0].source
    inferred = stated.copy(
        update={
            "basis": "inferred",
            "how": "its Development Services desk takes permits and licenses.",
        }
    )
    extra = (
        ServiceFact(service="building_permit", source=inferred),
        ServiceFact(service="business_license", source=inferred),
        ServiceFact(service="parking_ticket", source=stated),
    )
    return odessa.copy(update={"services": (*odessa.services, *extra)})


def test_one_answer_for_several_services_is_said_once_naming_them_all(cases, many_services):
    from bot.dates import DateSpan
    from bot.methods import Method
    from bot.rules import check_city
    from bot.wording.sms import why

    when = DateSpan(date(2019, 9, 3), date(2019, 9, 3))
    result = check_city(many_services, cases.national, when, Method("online_one_time", "card"))
    assert result.reasons[0] == Reason.DEPENDS_ON_SERVICE
    text = reason_text(result)
    assert text.count("it was not affected") == 1
    assert "If it was a building permit, a business license or a parking ticket, it was not" in text
    assert "If it was a utility bill, it was affected" in text
    assert text.count("you paid online by card") == 1  # said once, without a service, for the three
    assert "a building permit or a business license or a parking ticket: not hit" in why(result)


def test_services_on_record_by_inference_are_said_as_an_inference(cases, many_services):
    from bot.dates import DateSpan
    from bot.methods import Method
    from bot.rules import check_city

    when = DateSpan(date(2019, 9, 3), date(2019, 9, 3))
    text = reason_text(
        check_city(many_services, cases.national, when, Method("online_one_time", "card"))
    )
    assert (
        "I took the notice to cover building permits and business licenses as well (an "
        "inference: its Development Services desk takes permits and licenses)."
    ) in text
    assert "parking tickets as well" not in text  # stated in the notice's words


def test_a_general_question_naming_a_city_added_as_data_gets_its_incident(cases):
    from bot.answers import Topic, answer_question
    from bot.wording.answers import answer_messages

    for topic in (Topic.WHICH_CITIES, Topic.WHAT_IS_CLICK2GOV):
        answer = answer_question(cases, topic, "When did the Example Town breach happen?")
        assert answer.topic == Topic.INCIDENT and answer.city.id == "example-az"
        text = " ".join(answer_messages(answer))
        assert "January 5 – February 10, 2019 (utility bills)" in text, text
    general = answer_question(cases, Topic.WHICH_CITIES, "which cities were hit?")
    assert general.topic == Topic.WHICH_CITIES and general.city is None


def test_the_data_is_named_in_the_notices_own_words(cases):
    st_pete = reason_text(check(cases, "St. Petersburg, FL", "September 1, 2018", "online by card"))
    assert "credit card information" in st_pete and "credit/debit" not in st_pete
    odessa = reason_text(check(cases, "Odessa, TX", "September 3, 2019", "online with my Visa"))
    assert "credit/debit card information" in odessa


def test_a_hedged_window_keeps_its_doubt_in_the_answer_for_each_service(cases):
    from bot.dates import DateSpan
    from bot.methods import Method
    from bot.rules import check_city

    town = cases.city("example-az")
    utility = town.windows[0]
    hedged_window = utility.copy(
        update={"source": utility.source.copy(update={"hedge": "may have been"})}
    )
    hedged = town.copy(update={"windows": (hedged_window, *town.windows[1:])})
    when = DateSpan(date(2019, 1, 20), date(2019, 1, 20))
    text = reason_text(check_city(hedged, cases.national, when, Method("online_one_time", "card")))
    assert (
        "If it was a utility bill, it is one of those the notice says may have been exposed:"
        in (text)
    )
    assert "If it was a building permit, it was not affected" in text
