"""The reason for a verdict in full sentences, one per finding (chat, script and JSON).

Each sentence is one catalog entry with named placeholders, in the locale spoken (bot/i18n.py);
where a sentence changes with the case (a hedge, the document being a news article, a service
named) each case is its own entry, so that every language can word it whole. A notice's own
words are quoted as written and marked as the original (`phrases.original`); the knowledge's
texts (facts, how a fact was inferred) are read in the locale spoken (`pick`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Dict, List, Optional

from bot.i18n import ENGLISH, N_, current_locale, pick, t
from bot.knowledge.vocabulary import Basis, DocumentKind, Verdict
from bot.rules import Alternative, Finding, Reason, Result
from bot.wording.labels import DOCUMENTS, SERVICE_ONE, SERVICES
from bot.wording.phrases import (
    OR,
    between,
    conjunction,
    data_text,
    describe_date,
    describe_how,
    describe_method,
    describe_rule,
    figures_text,
    hedged,
    joined,
    on_date,
    original,
    services_text,
    window_span,
)

# Findings about the city rather than the payment: said once, not again for each alternative.
ABOUT_THE_CITY = (Reason.LETTERS, Reason.COUNTS, Reason.DATA_TAKEN)

# How an alternative answer is announced inside a sentence ("if it was a utility bill, ...").
OUTCOME = {
    Verdict.AFFECTED: N_("it was affected"),
    Verdict.POSSIBLY_AFFECTED: N_("it may have been affected"),
    Verdict.NOT_AFFECTED: N_("it was not affected"),
}


def document_kind(result: Result) -> str:
    """What the city's facts come from: its 'notice', or a news 'article' (Bakersfield's)."""
    main = result.city.notice if result.city else None
    record = next((n for n in result.notices if n.id == main), None)
    return (
        "article" if record is not None and record.kind == DocumentKind.NEWS_ARTICLE else "notice"
    )


def _document(result: Result) -> str:
    """'notice' or 'article' in the locale spoken."""
    return t(DOCUMENTS[document_kind(result)])


def _notice(result: Result, opens_sentence: bool = False) -> str:
    """ "Odessa, TX's notice", or "the news article on Bakersfield, CA" (not the city's own).
    The sentences built on it open with a word of their own in other languages ("Según el aviso
    de Odessa, TX, ..."), so only English capitalises it."""
    if document_kind(result) == "article":
        if opens_sentence:
            return t("The news article on {place}", place=result.place)
        return t("the news article on {place}", place=result.place)
    return t("{place}'s notice", place=result.place)


def _between(finding: Finding) -> str:
    each = [between(w) for w in finding.windows]
    text = each[0] if each else ""
    for item in each[1:]:
        text += f" {conjunction(OR, item)} {item}"
    return text


def _named_without_details(result: Result, finding: Finding) -> str:
    return t(
        "{place} was named in a news report as hit by a Click2Gov breach, but no notice with "
        "dates or payment channels is on record, so this check cannot say whether your payment "
        "was affected. Ask the city directly, and watch your statements.",
        place=result.place,
    )


def _under_investigation(result: Result, finding: Finding) -> str:
    return t(
        "{place} has reported a possible Click2Gov security event, but it has not published "
        "which dates or payments were affected; the investigation is still going on.",
        place=result.place,
    )


def _fact_text(result: Result, finding: Finding) -> str:
    return " ".join(pick(fact, "text") for fact in finding.facts)


def _pay_meanwhile(result: Result, finding: Finding) -> str:
    """'Meanwhile you can pay in person at 201-C W. Gray St.; by mail to ...; by phone at ....'"""
    ways = [pick(fact, "text") for fact in finding.facts]
    ways = [way[0].lower() + way[1:] for way in ways]
    # keep "St." but not "payments." (or "teléfono.")
    ways = [re.sub(r"(?<=[a-zá-úñü]{3})\.$", "", way) for way in ways]
    text = "; ".join(ways)
    return t("Meanwhile you can pay {ways}", ways=text) + ("" if text.endswith(".") else ".")


def _no_incident(result: Result, finding: Finding) -> str:
    text = t("There is no Click2Gov incident on record for {place}.", place=result.place)
    if finding.facts:
        text += f" {_fact_text(result, finding)} " + t(
            "If your city is not listed, check your city's website or call its billing office "
            "to ask whether it used Click2Gov."
        )
    return text


def _other_place(result: Result, finding: Finding) -> str:
    known = finding.about
    return t(
        "There is no Click2Gov incident on record for {place}. The {name} on record is "
        "{display_name}; Click2Gov was used by US cities. If you meant {display_name}, check "
        "again with that city.",
        place=result.place,
        name=known.name,
        display_name=known.display_name,
    )


def _only_others_affected(result: Result, finding: Finding) -> str:
    return t(
        "{notice} says only {payments} were affected; you paid {method}, so your payment was "
        "not affected.",
        notice=_notice(result, True),
        payments=describe_rule(finding.scope),
        method=describe_method(result.method),
    )


def _method_not_affected(result: Result, finding: Finding) -> str:
    source = finding.rule.source
    notice = _notice(result, True)
    method = describe_method(result.method)
    if source.basis == Basis.STATED:
        return t(
            "{notice} says payments made {method} were not affected ({quote}).",
            notice=notice,
            method=method,
            quote=original(source.quote),
        )
    affected = [describe_rule(rule.scope) for rule in result.city.methods.affected]
    if affected:
        return t(
            "{notice} names only {payments} as affected, so payments made {method} were not "
            "affected (an inference: the {document} does not say so in as many words).",
            notice=notice,
            payments=joined(affected),
            method=method,
            document=_document(result),
        )
    return t(
        "{notice} does not say so in as many words, but payments made {method} were not "
        "affected: {how}",
        notice=notice,
        method=method,
        how=pick(source, "how"),
    )


def _service_of(result: Result, finding: Finding) -> Optional[str]:
    """The resident's service when every window of the finding is for it (the notice names it);
    else None (the reason is about the breach's dates)."""
    service = result.method.service if result.method else None
    if service and finding.windows and all(service in w.services for w in finding.windows):
        return service
    return None


def _spans(result: Result, finding: Finding, separator: str) -> str:
    """Each window of the finding, with the services it is for unless the reason names them."""
    named = _service_of(result, finding) is not None
    return separator.join(window_span(w, service_known=named) for w in finding.windows)


def _date_outside(result: Result, finding: Finding) -> str:
    values = {
        "date": describe_date(result.when),
        "notice": _notice(result),
        "spans": _spans(result, finding, "; "),
    }
    service = _service_of(result, finding)
    if service:
        return t(
            "Your payment ({date}) falls outside the dates {notice} gives for {services} "
            "({spans}), so it was not affected.",
            services=services_text([service]),
            **values,
        )
    return t(
        "Your payment ({date}) falls outside the dates {notice} gives for the breach ({spans}), "
        "so it was not affected.",
        **values,
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
    payments = describe_rule(finding.scope)
    if window.services:
        payments = t(
            "{payments} for {services}", payments=payments, services=services_text(window.services)
        )
    values = {"notice": _notice(result, True), "payments": payments, "between": between(window)}
    if exposure_hedged(result, finding):
        first = t("{notice} says {payments} {between} may have been exposed.", **values)
    else:
        first = t("{notice} says {payments} {between} were exposed.", **values)
    second = t(
        "You paid {method} {when}, inside that window.",
        method=describe_method(result.method),
        when=on_date(result.when),
    )
    return f"{first} {second}"


def _data_taken(result: Result, finding: Finding) -> str:
    sources = [f.source for f in result.city.data_exposed]
    maybe = hedged(result.city.status_source, *sources)
    instrument = result.method.instrument if result.method else None
    every, yours = result.city.exposed_facts(), result.city.exposed_facts(instrument)
    if yours and len(yours) < len(every):  # e.g. the bank's numbers, not the card's, for an e-check
        if maybe:
            return t(
                "The data that may have been taken from payments like yours: {data}.",
                data=data_text(yours),
            )
        return t("The data taken from payments like yours: {data}.", data=data_text(yours))
    if maybe:
        return t("The data that may have been taken: {data}.", data=data_text(every))
    return t("The data taken: {data}.", data=data_text(every))


def _date_not_given(result: Result, finding: Finding) -> str:
    if exposure_hedged(result, finding):
        outcome = t(
            "your payment is one of those the {document} says may have been exposed",
            document=_document(result),
        )
    else:
        outcome = t("your payment was affected")
    return t(
        "Without the date: if you paid {how} {between}, {outcome}; payments on other dates "
        "were not.",
        how=describe_how(finding.scope),
        between=_between(finding),
        outcome=outcome,
    )


def _unpublished_dates(result: Result, finding: Finding) -> str:
    window = finding.windows[0]
    if window.dates_hit:
        return t(
            "The city found {count} specific dates {between} when payments were compromised, "
            "but did not publish which dates.",
            count=window.dates_hit,
            between=between(window),
        )
    return t(
        "The city found specific dates {between} when payments were compromised, but did not "
        "publish which dates.",
        between=between(window),
    )


def _in_unpublished_range(result: Result, finding: Finding) -> str:
    return t(
        "Your payment ({date}) falls in that range, so it may have been affected.",
        date=describe_date(result.when),
    )


def _date_partly_inside(result: Result, finding: Finding) -> str:
    ranges = "; ".join(
        t("confirmed {between}", between=between(w))
        if w.kind == "confirmed"
        else t("unpublished dates {between}", between=between(w))
        for w in finding.windows
    )
    return t(
        "The dates you gave ({date}) overlap the breach dates in {notice} only in part "
        "({ranges}). If your payment was inside those dates it may have been affected.",
        date=describe_date(result.when),
        notice=_notice(result, True),
        ranges=ranges,
    )


def _date_inside(result: Result, finding: Finding) -> str:
    values = {
        "date": describe_date(result.when),
        "notice": _notice(result),
        "spans": _spans(result, finding, "; "),
    }
    service = _service_of(result, finding)
    if service:
        return t(
            "Your payment ({date}) falls inside the dates {notice} gives for {services} "
            "({spans}).",
            services=services_text([service]),
            **values,
        )
    return t(
        "Your payment ({date}) falls inside the dates {notice} gives for the breach ({spans}).",
        **values,
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
    values = {"document": _document(result), "payments": joined(named)}
    several = len(named) > 1
    if exposure_hedged(result, finding):
        if several:
            return t(
                "The {document} says {payments} may have been affected; if yours was one of "
                "them, it may have been exposed.",
                **values,
            )
        return t(
            "The {document} says {payments} may have been affected; if yours was one, it may "
            "have been exposed.",
            **values,
        )
    if several:
        return t(
            "The {document} says {payments} were affected; if yours was one of them, it was "
            "exposed.",
            **values,
        )
    return t(
        "The {document} says {payments} were affected; if yours was one, it was exposed.",
        **values,
    )


def _method_not_named(result: Result, finding: Finding) -> str:
    return t(
        "{notice} does not say whether payments made {method} were affected; it names "
        "{payments}.",
        notice=_notice(result, True),
        method=describe_method(result.method),
        payments=joined(_affected_payments(result, finding)),
    )


def _service_assumed(result: Result, finding: Finding) -> str:
    return t(
        "I took it to be a payment for {service}, the only kind of payment {notice} names.",
        service=t(SERVICE_ONE[finding.services[0]]),
        notice=_notice(result, True),
    )


def _lowered(result: Result, text: str) -> str:
    """A reason's text as the rest of a sentence: its first letter lower-cased unless it is a
    name (English lowers only its own openings, "Your ..." and "The ...")."""
    if current_locale() == ENGLISH:
        lower = text.startswith(("Your ", "The "))
    else:
        lower = not text.startswith(result.place)
    return text[:1].lower() + text[1:] if lower else text


def _alternative(result: Result, alternative: Alternative) -> str:
    """The answer had the resident said what the alternative assumes, as one clause."""
    decisive = tuple(f for f in alternative.findings if f.reason not in ABOUT_THE_CITY)
    other = replace(
        result, verdict=alternative.verdict, findings=decisive, method=alternative.method
    )
    text = _lowered(result, reason_text(other))
    outcome = t(OUTCOME[alternative.verdict])
    if alternative.verdict == Verdict.AFFECTED and any(
        f.reason == Reason.AFFECTED_IN_WINDOW and exposure_hedged(result, f) for f in decisive
    ):
        outcome = t(
            "it is one of those the {document} says may have been exposed",
            document=_document(result),
        )
    return t("{outcome}: {reason}", outcome=outcome, reason=text)


def _one_of(services: List[str]) -> str:
    """'a utility bill', 'a business license or a parking ticket'."""
    names = [t(SERVICE_ONE[s]) for s in services]
    if len(names) < 2:
        return names[0]
    return ", ".join(names[:-1]) + f" {conjunction(OR, names[-1])} " + names[-1]


def _inferred_services(result: Result, services: List[str]) -> str:
    """' I took the notice to cover business licenses as well (an inference: ...).' for the
    services on record by inference, not in the notice's own words; else ''."""
    facts = [f for f in (result.city.services if result.city else ()) if f.service in services]
    inferred = [f for f in facts if f.source.basis == Basis.INFERRED]
    if not inferred:
        return ""
    how = " ".join(
        dict.fromkeys(pick(f.source, "how").rstrip(".") for f in inferred if f.source.how)
    )
    named = services_text(list(dict.fromkeys(f.service for f in inferred)))
    if how:
        return " " + t(
            "I took the {document} to cover {services} as well (an inference: {how}).",
            document=_document(result),
            services=named,
            how=how,
        )
    return " " + t(
        "I took the {document} to cover {services} as well.",
        document=_document(result),
        services=named,
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
        each.append(t("If it was {service}, {answer}", service=_one_of(services), answer=text))
    return t(
        "It depends on what the payment was for: {notice} answers differently for "
        "{services}.{inferred} {answers} Tell me what you paid for (for example \u201cmy water "
        "bill\u201d) and I can give one answer.",
        notice=_notice(result),
        services=services_text(finding.services),
        inferred=_inferred_services(result, list(finding.services)),
        answers=" ".join(each),
    )


def _service_not_named(result: Result, finding: Finding) -> str:
    service = result.method.service
    values = {
        "notice": _notice(result, True),
        "services": joined([t(SERVICES[s]) for s in finding.services]),
    }
    if service:
        return t(
            "{notice} gives breach dates only for {services}; it does not say whether payments "
            "for {paid} were affected.",
            paid=t(SERVICES[service]),
            **values,
        )
    return t(
        "{notice} gives breach dates only for {services}; it does not say whether payments for "
        "what you paid for were affected.",
        **values,
    )


def _autopay_assumed(result: Result, finding: Finding) -> str:
    alternative = finding.alternatives[0]
    return t(
        "I took \u201cautopay\u201d to mean an automatic payment that was already set up. If you "
        "signed up for autopay at that time instead, {answer}",
        answer=_alternative(result, alternative),
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
