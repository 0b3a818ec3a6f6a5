"""A check result as one text message: verdict, one-line why, two steps, one number."""

from __future__ import annotations

import pytest

from bot.selfcheck import run_check
from bot.textmessage import MAX_SEPTETS, MORE, is_gsm, septets
from bot.wording.sms import help_text, summary

CASES = [
    ("Odessa", "Sept 3 2019", "online with my Visa", "WAS affected"),
    ("Odessa", "Sept 3 2019", "by phone", "NOT affected"),
    ("Odessa", "July 1 2019", "online card", "NOT affected"),
    ("MWC", "March 2 2018", "online card", "MAY have been"),
    ("MWC", "I don't remember", "online card", "MAY have been"),
    # the article says the incident "may have compromised" the data: the text keeps the doubt
    ("Bakersfield", "Sept 1 2018", "online card", "IS one of those the city says MAY have"),
    ("Bakersfield", "Sept 1 2018", "by phone with a card", "MAY have been"),
    ("St Pete", "June 1 2018 to Sept 1 2018", "online", "MAY have been"),
    ("Norman", "last week", "online", "No answer yet"),
    ("Tyler", "June 2018", "online", "Can't tell"),
    ("Springfield", "June 2018", "online", "Not on record"),
    ("St. Petersburg, Russia", "June 2018", "online", "Not on record"),
]


@pytest.mark.parametrize("city, when, method, headline", CASES)
def test_every_summary_fits_one_page_before_more(knowledge, city, when, method, headline):
    result = run_check(knowledge, city, when, method)
    text = summary(result, knowledge.national)
    assert headline in text.splitlines()[0]
    assert is_gsm(text)
    assert septets(text) + 1 + septets(MORE) <= MAX_SEPTETS
    assert "Call: " in text  # the one number to call


def test_the_summary_names_the_window_and_the_two_first_steps(knowledge):
    result = run_check(knowledge, "Bakersfield", "Sept 1 2018", "online card")
    text = summary(result, knowledge.national)
    assert "Aug 11-Oct 1, 2018" in text and "Sep 1, 2018" in text
    assert "1) Call your card issuer for a new card number" in text and "2) " in text
    assert "3) " not in text
    assert "888-278-8028" in text  # the city's number before the national one


def test_help_follows_ctia(knowledge):
    text = help_text(knowledge.city("bakersfield-ca"), knowledge.national)
    assert "Click2Gov breach self-check" in text and "888-278-8028" in text
    assert "STOP" in text and "rates may apply" in text and is_gsm(text)
    assert "1-877-438-4338" in help_text(None, knowledge.national)


def test_the_details_give_the_full_reason_without_the_verdict_again(knowledge):
    from bot.wording.sms import details

    result = run_check(knowledge, "Odessa", "Sept 3 2019", "online with my Visa")
    parts = details(result)
    assert parts[0].startswith("Why: ") and "August 27, 2019 and October 14, 2019" in parts[0]
    assert not any("your payment was affected" in p.lower() for p in parts)
    assert any(p.startswith("What to do now:") for p in parts)


def test_the_first_text_says_what_was_checked(knowledge):
    result = run_check(knowledge, "Odessa", "Sept 3 2019", "online with my Visa")
    assert summary(result, knowledge.national).startswith(
        "Checked: Odessa, Sep 3, 2019, online by card. Your payment WAS affected."
    )
