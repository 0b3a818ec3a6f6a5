"""A value the assistant settled is said before the verdict that rests on it, in every rendering."""

from __future__ import annotations

import pytest

from bot.selfcheck import run_check
from bot.textmessage import MAX_SEPTETS, MORE, is_gsm, septets
from bot.wording.assumed import assumed_sentences
from bot.wording.chat import result_messages
from bot.wording.script import format_script
from bot.wording.sms import summary

TOOK = "You didn't say the year, so I took the date to be December 20, 2019"


def test_a_year_less_date_is_said_first_in_chat_sms_and_the_script(knowledge):
    result = run_check(knowledge, "Odessa", "December 20", "online with my Visa")
    assert result.verdict.value == "not_affected"
    assert result_messages(result)[0].startswith(TOOK)
    text = summary(result, knowledge.national)
    # the text says first what it checked, then the year it assumed, then the verdict
    assert text.startswith("Checked: Odessa, Dec 20, 2019, online by card. " + TOOK), text
    assert is_gsm(text)
    assert septets(text) + 1 + septets(MORE) <= MAX_SEPTETS
    assert f"Why: {TOOK}" in format_script(result)


@pytest.mark.parametrize(
    "city, when",
    [("Odessa", "December 20 2019"), ("Odessa", "last week"), ("Springfield", "June 5")],
)
def test_nothing_is_said_when_the_year_was_read_or_no_breach_dates_apply(knowledge, city, when):
    assert assumed_sentences(run_check(knowledge, city, when, "online with my Visa")) == []
