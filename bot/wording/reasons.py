"""The reason for a verdict in full sentences, one per finding (chat, script and JSON)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Dict, List

from bot.knowledge.vocabulary import Basis, DocumentKind, Verdict
from bot.rules import Alternative, Finding, Reason, Result
from bot.wording.labels import SERVICE_ONE, SERVICES
from bot.wording.phrases import (
    data_text,
    describe_date,
    describe_how,
    describe_method,
    describe_rule,
    figures_text,
    hedged,
    joined,
    services_text,
    window_span,
    window_text,
)

# Findings about the city rather than the payment: said once, not again for each alternative.
ABOUT_THE_CITY = (Reason.LETTERS, Reason.COUNTS, Reason.DATA_TAKEN)

# How an alternative answer is announced inside a sentence ("if it was a utility bill, ...").
OUTCOME = {
    Verdict.AFFECTED: "it was affected",
    Verdict.POSSIBLY_AFFECTED: "it may have been affected",
    Verdict.NOT_AFFECTED: "it was not affected",
}


def document_kind(result: Result) -> str:
    """What the city's facts come from: its 'notice', or a news 'article' (Bakersfield's)."""
    main = result.city.notice if result.city else None
    record = next((n for n in result.notices if n.id == main), None)
    return (
        "article" if record is not None and record.kind == DocumentKind.NEWS_ARTICLE else "notice"
    )


def _notice(result: Result, opens_sentence: bool = False) -> str:
    """ "Odessa, TX's notice", or "the news article on Bakersfield, CA" (not the city's own)."""
    if document_kind(result) == "article":
        return ("The" if opens_sentence else "the") + f" news article on {result.place}"
    return f"{result.place}'s notice"


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
        f"{_notice(result, True)} says only {describe_rule(finding.scope)} were affected; you paid "
        f"{describe_method(result.method)}, so your payment was not affected."
    )


def _method_not_affected(result: Result, finding: Finding) -> str:
    source = finding.rule.source
    if source.basis == Basis.STATED:
        return (
            f"{_notice(result, True)} says payments made {describe_method(result.method)} were "
            f"not affected (\u201c{source.quote}\u201d)."
        )
    affected = [describe_rule(rule.scope) for rule in result.city.methods.affected]
    if affected:
        return (
            f"{_notice(result, True)} names only {joined(affected)} as affected, so payments "
            f"made {describe_method(result.method)} were not affected (an inference: the "
            f"{document_kind(result)} does not say so in as many words)."
        )
    return (
        f"{_notice(result, True)} does not say so in as many words, but payments made "
        f"{describe_method(result.method)} were not affected: {source.how}"
    )


def _for_the_service(result: Result, finding: Finding) -> str:
    """'for building permits' when every window of the finding is for the resident's service, which
    the notice names; else 'for the breach'."""
    service = result.method.service if result.method else None
    if service and finding.windows and all(service in w.services for w in finding.windows):
        return f"for {services_text([service])}"
    return "for the breach"


def _spans(result: Result, finding: Finding, separator: str) -> str:
    """Each window of the finding, with the services it is for unless the reason names them."""
    named = _for_the_service(result, finding) != "for the breach"
    return separator.join(window_span(w, service_known=named) for w in finding.windows)


def _date_outside(result: Result, finding: Finding) -> str:
    return (
        f"Your payment ({describe_date(result.when)}) falls outside the dates {_notice(result)} "
        f"gives {_for_the_service(result, finding)} ({_spans(result, finding, '; ')}), so "
        "it was not affected."
    )


def exposure_hedged(result: Result, finding: Finding) -> bool:
    """Whether the notice hedges the exposure this finding rests on: its windows (the city's,
    for a finding about the method alone), its rule, or the incident itself ("may have
    compromised the personal and financial information")."""
    rule = finding.rule.source if finding.rule else None
    status = result.city.status_source if result.city else None
    windows = finding.windows or (result.city.windows if result.city else ())
    return hedged(status, rule, *(w.source for w in windows))


def _affected_in_window(result: Result, finding: Finding) -> str:
    window = finding.windows[0]
    for_whom = f" for {services_text(window.services)}" if window.services else ""
    exposed = "may have been exposed" if exposure_hedged(result, finding) else "were exposed"
    return (
        f"{_notice(result, True)} says {describe_rule(finding.scope)}{for_whom} between "
        f"{window_text(window)} {exposed}. You paid {describe_method(result.method)} on "
        f"{describe_date(result.when)}, inside that window."
    )


def _data_taken(result: Result, finding: Finding) -> str:
    sources = [f.source for f in result.city.data_exposed]
    taken = "that may have been taken" if hedged(result.city.status_source, *sources) else "taken"
    instrument = result.method.instrument if result.method else None
    every, yours = result.city.exposed_facts(), result.city.exposed_facts(instrument)
    if yours and len(yours) < len(every):  # e.g. the bank's numbers, not the card's, for an e-check
        return f"The data {taken} from payments like yours: {data_text(yours)}."
    return f"The data {taken}: {data_text(every)}."


def _date_not_given(result: Result, finding: Finding) -> str:
    outcome = (
        f"your payment is one of those the {document_kind(result)} says may have been exposed"
        if exposure_hedged(result, finding)
        else "your payment was affected"
    )
    return (
        f"Without the date: if you paid {describe_how(finding.scope)} {_between(finding)}, "
        f"{outcome}; payments on other dates were not."
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
        f"{_notice(result, True)} only in part ({ranges}). If your payment was inside those dates "
        "it may have been affected."
    )


def _date_inside(result: Result, finding: Finding) -> str:
    return (
        f"Your payment ({describe_date(result.when)}) falls inside the dates {_notice(result)} "
        f"gives {_for_the_service(result, finding)} ({_spans(result, finding, '; ')})."
    )


def _affected_payments(result: Result, finding: Finding) -> List[str]:
    """Every kind of payment the notice names as affected that could be the resident's (for the
    service they named, or any); the finding's own scope when the notice names none (a city read
    as online card payments, knowledge/README.md rule 3)."""
    service = result.method.service if result.method else None
    rules = result.city.methods.affected if result.city else ()
    scopes = [r.scope for r in rules if not r.services or service is None or service in r.services]
    phrases = [describe_rule(scope) for scope in scopes] or [describe_rule(finding.scope)]
    return list(dict.fromkeys(phrases))


def _method_not_said(result: Result, finding: Finding) -> str:
    named = _affected_payments(result, finding)
    one = "one of them" if len(named) > 1 else "one"
    if exposure_hedged(result, finding):
        return (
            f"The {document_kind(result)} says {joined(named)} may have been affected; if yours was {one}, it "
            "may have been exposed."
        )
    return f"The {document_kind(result)} says {joined(named)} were affected; if yours was {one}, it was exposed."


def _method_not_named(result: Result, finding: Finding) -> str:
    return (
        f"{_notice(result, True)} does not say whether payments made "
        f"{describe_method(result.method)} were affected; it names "
        f"{joined(_affected_payments(result, finding))}."
    )


def _service_assumed(result: Result, finding: Finding) -> str:
    service = finding.services[0]
    return (
        f"I took it to be a payment for {SERVICE_ONE[service]}, the only kind of payment "
        f"{_notice(result, True)} names."
    )


def _alternative(result: Result, alternative: Alternative) -> str:
    """The answer had the resident said what the alternative assumes, as one clause."""
    decisive = tuple(f for f in alternative.findings if f.reason not in ABOUT_THE_CITY)
    other = replace(
        result, verdict=alternative.verdict, findings=decisive, method=alternative.method
    )
    text = reason_text(other)
    if text.startswith(("Your ", "The ")):  # not a place name
        text = text[:1].lower() + text[1:]
    outcome = OUTCOME[alternative.verdict]
    if alternative.verdict == Verdict.AFFECTED and any(
        f.reason == Reason.AFFECTED_IN_WINDOW and exposure_hedged(result, f) for f in decisive
    ):
        outcome = f"it is one of those the {document_kind(result)} says may have been exposed"
    return f"{outcome}: {text}"


def _one_of(services: List[str]) -> str:
    """'a utility bill', 'a business license or a parking ticket'."""
    names = [SERVICE_ONE[s] for s in services]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _inferred_services(result: Result, services: List[str]) -> str:
    """' I took the notice to cover business licenses as well (an inference: ...).' for the
    services on record by inference, not in the notice's own words; else ''."""
    facts = [f for f in (result.city.services if result.city else ()) if f.service in services]
    inferred = [f for f in facts if f.source.basis == Basis.INFERRED]
    if not inferred:
        return ""
    how = " ".join(dict.fromkeys(f.source.how.rstrip(".") for f in inferred if f.source.how))
    named = services_text(list(dict.fromkeys(f.service for f in inferred)))
    return f" I took the {document_kind(result)} to cover {named} as well" + (
        f" (an inference: {how})." if how else "."
    )


def _depends_on_service(result: Result, finding: Finding) -> str:
    # One sentence per distinct answer, naming every service that gets it: the answer is worded
    # for the service when one service gets it, and without the service when several share it.
    shared: Dict[str, List[Alternative]] = {}
    for alternative in finding.alternatives:
        unnamed = replace(alternative, method=replace(alternative.method, service=None))
        shared.setdefault(_alternative(result, unnamed), []).append(alternative)
    each = []
    for text, alternatives in shared.items():
        services = [a.method.service for a in alternatives]
        if len(alternatives) == 1:
            text = _alternative(result, alternatives[0])
        each.append(f"If it was {_one_of(services)}, {text}")
    return (
        f"It depends on what the payment was for: {_notice(result)} answers differently "
        f"for {services_text(finding.services)}.{_inferred_services(result, list(finding.services))} "
        f"{' '.join(each)} Tell me what you paid for (for example \u201cmy water bill\u201d) and "
        "I can give one answer."
    )


def _service_not_named(result: Result, finding: Finding) -> str:
    service = result.method.service
    paid = SERVICES[service] if service else "what you paid for"
    return (
        f"{_notice(result, True)} gives breach dates only for {joined([SERVICES[s] for s in finding.services])}; "
        f"it does not say whether payments for {paid} were affected."
    )


def _autopay_assumed(result: Result, finding: Finding) -> str:
    alternative = finding.alternatives[0]
    return (
        "I took \u201cautopay\u201d to mean an automatic payment that was already set up. If you "
        f"signed up for autopay at that time instead, {_alternative(result, alternative)}"
    )


def _counts(result: Result, finding: Finding) -> str:
    return figures_text(finding.facts, document_kind(result))


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
    Reason.SERVICE_ASSUMED: _service_assumed,
    Reason.DEPENDS_ON_SERVICE: _depends_on_service,
    Reason.SERVICE_NOT_NAMED: _service_not_named,
    Reason.AUTOPAY_ASSUMED: _autopay_assumed,
    Reason.COUNTS: _counts,
}


def reason_sentences(result: Result) -> List[str]:
    """One sentence (or two) per finding, in the order found."""
    return [SENTENCES[finding.reason](result, finding) for finding in result.findings]


def reason_text(result: Result) -> str:
    """The whole reason as one paragraph, starting with what the assistant assumed."""
    from bot.wording.assumed import assumed_sentences  # it builds on phrases, as this module does

    return " ".join(assumed_sentences(result) + reason_sentences(result))
