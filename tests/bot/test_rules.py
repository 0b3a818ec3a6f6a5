"""The rules engine on every seed fact: each city, inside/outside each window, each named channel."""

from __future__ import annotations

from datetime import date
from typing import Optional

import pytest

from bot.cities import resolve_city
from bot.dates import DateSpan, DateUnknown
from bot.methods import Method
from bot.rules import Reason, Result, check_city, check_unmatched
from bot.wording.reasons import reason_text

ONLINE_CARD = Method("online_one_time", "card")


def why(result: Result) -> str:
    return reason_text(result)


def steps(result: Result) -> list:
    return [step.text for step in result.steps]


def notes(result: Result) -> list:
    return [note.text for note in result.notes]


def day(text: str) -> DateSpan:
    d = date.fromisoformat(text)
    return DateSpan(d, d)


def span(start: str, end: str) -> DateSpan:
    return DateSpan(date.fromisoformat(start), date.fromisoformat(end))


def verdict(knowledge, city_id: str, when, method: Optional[Method]) -> str:
    return check_city(knowledge.city(city_id), knowledge.national, when, method).verdict


# --- Midwest City: confirmed 2018-05-25..2018-06-21, 43 unpublished dates 2017-12-11..2018-05-24
@pytest.mark.parametrize(
    "when, expected",
    [
        ("2018-05-25", "affected"),  # first day, inclusive
        ("2018-06-05", "affected"),
        ("2018-06-21", "affected"),  # last day, inclusive
        ("2018-06-22", "not_affected"),
        ("2018-08-01", "not_affected"),
        ("2017-12-10", "not_affected"),
        ("2017-12-11", "possibly_affected"),  # first of the 43-date range
        ("2018-03-02", "possibly_affected"),
        ("2018-05-24", "possibly_affected"),  # last of the 43-date range
    ],
)
def test_midwest_city_dates_for_an_online_card_payment(knowledge, when, expected):
    assert verdict(knowledge, "midwest-city-ok", day(when), ONLINE_CARD) == expected


@pytest.mark.parametrize(
    "method, expected",
    [
        (Method("autopay_existing", "card"), "not_affected"),
        (Method("autopay_existing", None), "not_affected"),
        (Method("phone", "card"), "not_affected"),
        (Method("online_one_time", "bank_account"), "not_affected"),
        (Method(None, "bank_account"), "not_affected"),
        (Method("mail", "paper_check"), "not_affected"),
        (Method("in_person", "card"), "not_affected"),
        (Method("in_person", "cash"), "not_affected"),
        (Method("kiosk", "card"), "possibly_affected"),  # the notice is silent on kiosks
        (Method("autopay_new", "card"), "possibly_affected"),  # and on new autopay enrollments
        (Method("online_one_time", None), "possibly_affected"),  # card or not: not said
        (Method(None, "card"), "possibly_affected"),  # online or not: not said
        (None, "possibly_affected"),
        (ONLINE_CARD, "affected"),
    ],
)
def test_midwest_city_channels_inside_the_window(knowledge, method, expected):
    assert verdict(knowledge, "midwest-city-ok", day("2018-06-01"), method) == expected


@pytest.mark.parametrize(
    "when, expected",
    [
        (span("2018-05-26", "2018-06-20"), "affected"),  # wholly inside
        (span("2018-06-01", "2018-06-30"), "possibly_affected"),  # in part
        (span("2018-05-01", "2018-05-31"), "possibly_affected"),  # unpublished + confirmed
        (span("2018-07-01", "2018-07-31"), "not_affected"),
        (span("2017-06-01", "2017-08-31"), "not_affected"),
        (DateUnknown(), "possibly_affected"),
    ],
)
def test_midwest_city_ranges_and_unknown_dates(knowledge, when, expected):
    assert verdict(knowledge, "midwest-city-ok", when, ONLINE_CARD) == expected


def test_midwest_city_unpublished_dates_reason_and_steps(knowledge):
    result = check_city(
        knowledge.city("midwest-city-ok"), knowledge.national, day("2018-03-02"), ONLINE_CARD
    )
    assert "43 specific dates between December 11, 2017 and May 24, 2018" in why(result)
    assert "did not publish which dates" in why(result)
    assert any(
        "www.ic3.gov" in s and "City of Midwest City - Click2Gov compromise" in s
        for s in steps(result)
    )
    assert any("optional" in s and "Social Security" in s for s in steps(result))
    assert not any(s.startswith("Consider placing a fraud alert") for s in steps(result))
    assert "1-877-841-8141" in [c.phone for c in result.contacts]


def test_midwest_city_excluded_method_cites_the_notice(knowledge):
    result = check_city(
        knowledge.city("midwest-city-ok"),
        knowledge.national,
        day("2018-06-01"),
        Method("phone", "card"),
    )
    assert result.verdict == "not_affected"
    assert "payments made over the phone" in why(result)
    assert any("charge you do not recognise" in s for s in steps(result))
    assert result.sources[-1].notice == "midwest-city-2018-07-24"


def test_unknown_date_gives_a_conditional_answer(knowledge):
    result = check_city(
        knowledge.city("midwest-city-ok"), knowledge.national, DateUnknown(), ONLINE_CARD
    )
    assert "if you paid online by card between May 25, 2018 and June 21, 2018" in why(result)
    assert "43 specific dates" in why(result)


# --- Odessa: 2019-08-27..2019-10-14, only online one-time card payments for utility bills
@pytest.mark.parametrize(
    "when, method, expected",
    [
        ("2019-08-27", ONLINE_CARD, "affected"),
        ("2019-10-14", ONLINE_CARD, "affected"),
        ("2019-09-03", Method("online_one_time", "card", "utility"), "affected"),
        ("2019-08-26", ONLINE_CARD, "not_affected"),
        ("2019-10-15", ONLINE_CARD, "not_affected"),
        ("2019-09-03", Method("autopay_existing", "card"), "not_affected"),
        ("2019-09-03", Method("autopay_new", "card"), "not_affected"),
        ("2019-09-03", Method("in_person", "card"), "not_affected"),
        ("2019-09-03", Method("phone", "card"), "not_affected"),
        ("2019-09-03", Method("online_one_time", "bank_account"), "not_affected"),
        ("2019-09-03", Method("kiosk", "card"), "not_affected"),  # "only" online one-time
        ("2019-09-03", Method("online_one_time", "card", "parking_ticket"), "not_affected"),
        ("2019-09-03", Method("online_one_time", None), "possibly_affected"),
    ],
)
def test_odessa(knowledge, when, method, expected):
    assert verdict(knowledge, "odessa-tx", day(when), method) == expected


def test_odessa_only_clause_is_the_reason(knowledge):
    result = check_city(
        knowledge.city("odessa-tx"), knowledge.national, day("2019-09-03"), Method("kiosk", "card")
    )
    assert "only payments made online by card for utility bills were affected" in why(result)


def test_odessa_affected_answer_has_reason_steps_and_national_numbers(knowledge):
    result = check_city(
        knowledge.city("odessa-tx"), knowledge.national, day("2019-09-03"), ONLINE_CARD
    )
    assert result.verdict == "affected"
    assert "between August 27, 2019 and October 14, 2019" in why(result)
    assert "September 3, 2019" in why(result)
    phones = [c.phone for c in result.contacts]
    assert "1-877-438-4338" in phones and "1-877-322-8228" in phones
    assert any("closely monitor your financial accounts" in s.lower() for s in steps(result))
    assert {s.notice for s in result.sources} == {"odessa-2019-12-12"}


# --- Bakersfield: 2018-08-11..2018-10-01 (year inferred), security code and email exposed
@pytest.mark.parametrize(
    "when, method, expected",
    [
        ("2018-08-11", ONLINE_CARD, "affected"),
        ("2018-10-01", ONLINE_CARD, "affected"),
        ("2018-08-10", ONLINE_CARD, "not_affected"),
        ("2018-10-02", ONLINE_CARD, "not_affected"),
        ("2018-09-01", Method("online_one_time", "card", "building_permit"), "affected"),
        ("2018-09-01", Method("in_person", "cash"), "not_affected"),
        ("2018-09-01", Method("phone", "card"), "possibly_affected"),  # not named
    ],
)
def test_bakersfield(knowledge, when, method, expected):
    assert verdict(knowledge, "bakersfield-ca", day(when), method) == expected


def test_bakersfield_steps_fit_the_data_exposed(knowledge):
    result = check_city(
        knowledge.city("bakersfield-ca"), knowledge.national, day("2018-09-01"), ONLINE_CARD
    )
    assert any("new card number" in s and "security code" in s for s in steps(result))
    assert any("email address was taken" in s for s in steps(result))
    assert any(s.startswith("Consider placing a fraud alert") for s in steps(result))
    assert "888-278-8028" in [c.phone for c in result.contacts]


# --- St. Petersburg: 2018-08-11..2018-09-25 (year inferred), phone and e-check safe
@pytest.mark.parametrize(
    "when, method, expected",
    [
        ("2018-08-11", ONLINE_CARD, "affected"),
        ("2018-09-25", ONLINE_CARD, "affected"),
        ("2018-08-10", ONLINE_CARD, "not_affected"),
        ("2018-09-26", ONLINE_CARD, "not_affected"),
        ("2018-09-01", Method("phone", "card"), "not_affected"),
        ("2018-09-01", Method("online_one_time", "bank_account"), "not_affected"),
        ("2018-09-01", Method("in_person", "cash"), "not_affected"),
        ("2018-09-01", Method("in_person", "card"), "possibly_affected"),
        ("2018-09-01", Method("online_one_time", "card", "parking_ticket"), "affected"),
    ],
)
def test_st_petersburg(knowledge, when, method, expected):
    assert verdict(knowledge, "st-petersburg-fl", day(when), method) == expected


def test_st_petersburg_steps_include_banking_credentials(knowledge):
    result = check_city(
        knowledge.city("st-petersburg-fl"), knowledge.national, day("2018-09-01"), ONLINE_CARD
    )
    assert any("banking credentials" in s for s in steps(result))
    assert any("bank account" in s for s in steps(result))


# --- Norman: under investigation; Tyler and Oxnard: named without details
@pytest.mark.parametrize("when", [day("2019-11-01"), DateUnknown(), None])
def test_norman_is_under_investigation_whatever_the_date(knowledge, when):
    result = check_city(knowledge.city("norman-ok"), knowledge.national, when, ONLINE_CARD)
    assert result.verdict == "under_investigation"
    assert "201-C W. Gray St." in why(result)
    assert "through November 12" in why(result) and "year is not stated" in why(result)
    assert {"405-366-5320", "405-366-5339"} <= {c.phone for c in result.contacts}


@pytest.mark.parametrize("city_id", ["tyler-tx", "oxnard-ca"])
def test_named_without_details(knowledge, city_id):
    result = check_city(knowledge.city(city_id), knowledge.national, day("2018-06-01"), ONLINE_CARD)
    assert result.verdict == "no_details_on_record"
    assert "cannot say whether your payment was affected" in why(result)
    assert "1-877-438-4338" in [c.phone for c in result.contacts]


# --- cities not on record
def test_unknown_city(knowledge):
    match = resolve_city("Springfield", knowledge.city_names())
    result = check_unmatched(match, knowledge.national, None)
    assert result.verdict == "no_incident_on_record"
    assert "at least eighteen US cities" in why(result)
    assert result.steps and result.contacts


def test_st_petersburg_russia_is_answered_honestly(knowledge):
    match = resolve_city("St. Petersburg, Russia", knowledge.city_names())
    result = check_unmatched(match, knowledge.national, knowledge.city(match.city_id))
    assert result.verdict == "no_incident_on_record"
    assert "St. Petersburg, FL" in why(result)
    assert any("wrongly calls St. Petersburg" in note for note in notes(result))


# --- the result is data: reason codes with the facts they rest on
@pytest.mark.parametrize(
    "city_id, when, method, reasons",
    [
        (
            "odessa-tx",
            day("2019-09-03"),
            ONLINE_CARD,
            ("affected_in_window", "service_assumed", "data_taken", "letters"),
        ),
        (
            "odessa-tx",
            day("2019-09-03"),
            Method("kiosk", "card"),
            ("only_others_affected", "service_assumed"),
        ),
        ("midwest-city-ok", day("2018-06-01"), Method("phone", "card"), ("method_not_affected",)),
        ("odessa-tx", day("2019-07-01"), ONLINE_CARD, ("date_outside", "service_assumed")),
        (
            "midwest-city-ok",
            day("2018-03-02"),
            ONLINE_CARD,
            ("unpublished_dates", "in_unpublished_range", "letters", "counts"),
        ),
        (
            "midwest-city-ok",
            DateUnknown(),
            ONLINE_CARD,
            ("date_not_given", "unpublished_dates", "letters", "counts"),
        ),
        (
            "bakersfield-ca",
            day("2018-09-01"),
            Method("phone", "card"),
            ("date_inside", "method_not_named", "letters", "counts"),
        ),
        (
            "midwest-city-ok",
            day("2018-06-01"),
            Method("online_one_time"),
            ("date_inside", "method_not_said", "letters", "counts"),
        ),
        (
            "midwest-city-ok",
            span("2018-06-01", "2018-06-30"),
            ONLINE_CARD,
            ("date_partly_inside", "letters", "counts"),
        ),
        (
            "norman-ok",
            None,
            None,
            ("under_investigation", "letters", "online_suspended", "pay_meanwhile"),
        ),
        ("tyler-tx", None, None, ("named_without_details",)),
    ],
)
def test_findings_name_the_reasons(knowledge, city_id, when, method, reasons):
    result = check_city(knowledge.city(city_id), knowledge.national, when, method)
    assert result.reasons == tuple(Reason(r) for r in reasons)


def test_a_finding_carries_the_rule_and_window_it_rests_on(knowledge):
    odessa = knowledge.city("odessa-tx")
    result = check_city(odessa, knowledge.national, day("2019-09-03"), ONLINE_CARD)
    finding = result.findings[0]
    assert finding.windows == odessa.windows
    assert finding.rule == odessa.methods.affected[0]
    excluded = check_city(odessa, knowledge.national, day("2019-09-03"), Method("phone", "card"))
    assert excluded.findings[0].rule.source.quote == "via the phone system"


def test_a_city_whose_notice_names_no_affected_payments_is_read_as_online_card(knowledge):
    bare = knowledge.city("odessa-tx").copy(
        update={"methods": knowledge.city("odessa-tx").methods.copy(update={"affected": ()})}
    )
    assert (
        check_city(bare, knowledge.national, day("2019-09-03"), ONLINE_CARD).verdict == "affected"
    )
    result = check_city(bare, knowledge.national, day("2019-09-03"), Method("kiosk", "card"))
    assert result.verdict == "possibly_affected"
    assert "it names payments made online by card" in why(result)
