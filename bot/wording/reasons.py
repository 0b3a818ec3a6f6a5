"""The reason for a verdict in full sentences, one per finding (chat, script and JSON)."""

from __future__ import annotations

import re
from typing import Callable, Dict, List

from bot.rules import Finding, Reason, Result
from bot.wording.phrases import (
    describe_date,
    describe_how,
    describe_method,
    describe_rule,
    items_text,
    window_text,
)


def _between(finding: Finding) -> str:
    return " or ".join(f"between {window_text(w)}" for w in finding.windows)


def _named_without_details(result: Result, finding: Finding) -> str:
    return (
        f"{result.place} was named in a news report as hit by a Click2Gov breach, but no notice with "
        "dates or payment channels is on record, so this check cannot say whether your payment "
        "was affected. Ask the city directly, and watch your statements."
    )


def _under_investigation(result: Result, finding: Finding) -> str:
    return (
        f"{result.place} has reported a possible Click2Gov security event, but it has not published "
        "which dates or payments were affected; the investigation is still going on."
    )


def _fact_text(result: Result, finding: Finding) -> str:
    return " ".join(fact.text for fact in finding.facts)


def _pay_meanwhile(result: Result, finding: Finding) -> str:
    """'Meanwhile you can pay in person at 201-C W. Gray St.; by mail to ...; by phone at ....'"""
    ways = [fact.text[0].lower() + fact.text[1:] for fact in finding.facts]
    ways = [re.sub(r"(?<=[a-z]{3})\.$", "", way) for way in ways]  # keep "St." but not "payments."
    text = "; ".join(ways)
    return f"Meanwhile you can pay {text}" + ("" if text.endswith(".") else ".")


def _no_incident(result: Result, finding: Finding) -> str:
    text = f"There is no Click2Gov incident on record for {result.place}."
    if finding.facts:
        text += (
            f" {_fact_text(result, finding)} If your city is not listed, check your city's website "
            "or call its billing office to ask whether it used Click2Gov."
        )
    return text


def _other_place(result: Result, finding: Finding) -> str:
    known = finding.about
    return (
        f"There is no Click2Gov incident on record for {result.place}. The {known.name} on record "
        f"is {known.display_name}; Click2Gov was used by US cities. If you meant "
        f"{known.display_name}, check again with that city."
    )


def _only_others_affected(result: Result, finding: Finding) -> str:
    return (
        f"{result.place}'s notice says only {describe_rule(finding.scope)} were affected; you paid "
        f"{describe_method(result.method)}, so your payment was not affected."
    )


def _method_not_affected(result: Result, finding: Finding) -> str:
    return (
        f"{result.place}'s notice says payments made {describe_method(result.method)} were not "
        f"affected (\u201c{finding.rule.source.quote}\u201d)."
    )


def _date_outside(result: Result, finding: Finding) -> str:
    spans = "; ".join(f"between {window_text(w)}" for w in finding.windows)
    return (
        f"Your payment ({describe_date(result.when)}) falls outside the dates {result.place}'s "
        f"notice gives for the breach ({spans}), so it was not affected."
    )


def _affected_in_window(result: Result, finding: Finding) -> str:
    return (
        f"{result.place}'s notice says {describe_rule(finding.scope)} between "
        f"{window_text(finding.windows[0])} were exposed. You paid {describe_method(result.method)} "
        f"on {describe_date(result.when)}, inside that window."
    )


def _data_taken(result: Result, finding: Finding) -> str:
    return f"The data taken: {items_text(result.city.exposed_items())}."


def _date_not_given(result: Result, finding: Finding) -> str:
    return (
        f"Without the date: if you paid {describe_how(finding.scope)} {_between(finding)}, your "
        "payment was affected; payments on other dates were not."
    )


def _unpublished_dates(result: Result, finding: Finding) -> str:
    window = finding.windows[0]
    count = f"{window.dates_hit} specific dates" if window.dates_hit else "specific dates"
    return (
        f"The city found {count} between {window_text(window)} when payments were compromised, "
        "but did not publish which dates."
    )


def _in_unpublished_range(result: Result, finding: Finding) -> str:
    return (
        f"Your payment ({describe_date(result.when)}) falls in that range, so it may have been "
        "affected."
    )


def _date_partly_inside(result: Result, finding: Finding) -> str:
    ranges = "; ".join(
        f"{'confirmed' if w.kind == 'confirmed' else 'unpublished dates'} between {window_text(w)}"
        for w in finding.windows
    )
    return (
        f"The dates you gave ({describe_date(result.when)}) overlap the breach dates in "
        f"{result.place}'s notice only in part ({ranges}). If your payment was inside those dates "
        "it may have been affected."
    )


def _date_inside(result: Result, finding: Finding) -> str:
    return (
        f"Your payment ({describe_date(result.when)}) falls inside the breach window "
        f"{_between(finding)}."
    )


def _method_not_said(result: Result, finding: Finding) -> str:
    return (
        f"The notice says {describe_rule(finding.scope)} were affected; if yours was one, it was "
        "exposed."
    )


def _method_not_named(result: Result, finding: Finding) -> str:
    return (
        f"{result.place}'s notice does not say whether payments made "
        f"{describe_method(result.method)} were affected; it names {describe_rule(finding.scope)}."
    )


SENTENCES: Dict[Reason, Callable[[Result, Finding], str]] = {
    Reason.NAMED_WITHOUT_DETAILS: _named_without_details,
    Reason.UNDER_INVESTIGATION: _under_investigation,
    Reason.ONLINE_SUSPENDED: _fact_text,
    Reason.PAY_MEANWHILE: _pay_meanwhile,
    Reason.LETTERS: _fact_text,
    Reason.NO_INCIDENT: _no_incident,
    Reason.OTHER_PLACE: _other_place,
    Reason.ONLY_OTHERS_AFFECTED: _only_others_affected,
    Reason.METHOD_NOT_AFFECTED: _method_not_affected,
    Reason.DATE_OUTSIDE: _date_outside,
    Reason.AFFECTED_IN_WINDOW: _affected_in_window,
    Reason.DATA_TAKEN: _data_taken,
    Reason.DATE_NOT_GIVEN: _date_not_given,
    Reason.UNPUBLISHED_DATES: _unpublished_dates,
    Reason.IN_UNPUBLISHED_RANGE: _in_unpublished_range,
    Reason.DATE_PARTLY_INSIDE: _date_partly_inside,
    Reason.DATE_INSIDE: _date_inside,
    Reason.METHOD_NOT_SAID: _method_not_said,
    Reason.METHOD_NOT_NAMED: _method_not_named,
}


def reason_sentences(result: Result) -> List[str]:
    """One sentence (or two) per finding, in the order found."""
    return [SENTENCES[finding.reason](result, finding) for finding in result.findings]


def reason_text(result: Result) -> str:
    """The whole reason as one paragraph."""
    return " ".join(reason_sentences(result))
