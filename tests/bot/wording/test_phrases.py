"""Dates, methods and rules as words."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dates import DateSpan, DateUnknown
from bot.knowledge.schema import Scope
from bot.methods import Method
from bot.wording.phrases import describe_date, describe_method, describe_rule, describe_span


@pytest.mark.parametrize(
    "span, expected",
    [
        (DateSpan(date(2019, 9, 3), date(2019, 9, 3)), "September 3, 2019"),
        (DateSpan(date(2018, 6, 1), date(2018, 6, 30)), "June 1, 2018 to June 30, 2018"),
        (
            DateSpan(date(2018, 6, 2), date(2018, 6, 8), approximate=True),
            "around June 5, 2018 (June 2–8, 2018)",
        ),
        (
            DateSpan(date(2018, 6, 1), date(2018, 8, 31), approximate=True),
            "roughly June 1 – August 31, 2018",
        ),
        (DateSpan(date(2018, 6, 3), date(2018, 6, 3), approximate=True), "around June 3, 2018"),
    ],
)
def test_describe_span(span, expected):
    assert describe_span(span) == expected


def test_describe_date_without_a_date():
    assert describe_date(DateUnknown()) == "not remembered"
    assert describe_date(None) is None


def test_describe_method_reads_naturally():
    assert describe_method(Method("online_one_time", "card")) == "online by card"
    assert describe_method(Method("phone", None)) == "by phone"
    assert describe_method(Method()) == "a payment method you did not name"


def test_describe_rule():
    scope = Scope(channels=("online_one_time",), instruments=("card",), services=("utility",))
    assert describe_rule(scope) == "payments made online by card for utility bills"
    assert describe_rule(Scope()) == "payments made in any way"


@pytest.mark.parametrize(
    "what, hedge, quote, expected",
    [
        ("customers", None, "1,842 customers", "1,842 customers"),
        (
            "customers",
            "approximately",
            "approximately 1,842 customers",
            "approximately 1,842 customers",
        ),
        (
            "customers",
            "Approximately",  # the notice's sentence began with it
            "Approximately 1,842 customers",
            "approximately 1,842 customers",
        ),
        (
            "accounts that may have been affected",
            "may have been affected",
            "1,842 accounts may have been affected",
            "1,842 accounts that may have been affected",
        ),
        (
            "customers",
            "may have been",
            "1,842 customers may have been notified",
            "1,842 customers (the notice says \u201cmay have been\u201d)",
        ),
    ],
)
def test_a_figure_keeps_the_notices_hedge(what, hedge, quote, expected):
    from bot.knowledge.schema import Count
    from bot.wording.phrases import figure_text

    source = {"notice": "n", "quote": quote, "basis": "stated", "hedge": hedge}
    assert figure_text(Count(what=what, value=1842, source=source)) == expected
