"""The answers to related questions as chat replies (see bot/answers.py for what they contain)."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List

from bot.answers import Answer, Topic
from bot.knowledge.schema import CityRecord, Contact, Source
from bot.knowledge.vocabulary import DocumentKind, OnlineStatus, Status
from bot.wording.chat import bulleted, numbered
from bot.wording.labels import SERVICES
from bot.wording.phrases import (
    contact_line,
    data_text,
    describe_rule,
    figures_text,
    hedged,
    items_text,
    joined,
    long_date,
    short_range,
)
from bot.wording.sources import cited_sources

OFFER = (
    "If you paid a city bill online through Click2Gov, I can check whether that payment was "
    "affected: tell me the city, the date and how you paid."
)
HUMAN = "I'm an automated assistant and can't transfer you, but people can help at these numbers."


def _source(sources: Iterable[Source], answer: Answer) -> str:
    return f"Source: {cited_sources(sources, answer.notices)}."


def _contacts(contacts: Iterable[Contact]) -> str:
    return bulleted([contact_line(c) for c in contacts])


def _not_published(city: CityRecord) -> str:
    if city.status == Status.UNDER_INVESTIGATION:
        return "The city is still investigating and will notify the people affected."
    return "It was named in a news report, but no notice with details is on record."


def _exposure_hedged(city: CityRecord) -> bool:
    """The notice hedges the incident, its windows or its affected payments ("may have been")."""
    rules = [r.source for r in city.methods.affected]
    return hedged(city.status_source, *rules, *(w.source for w in city.windows))


def _data_hedged(city: CityRecord) -> bool:
    return hedged(city.status_source, *(f.source for f in city.data_exposed))


def _data_exposed(answer: Answer) -> List[str]:
    city = answer.city
    if city is None:
        lines = [f"- {c.display_name}: {data_text(c.exposed_facts())}" for c in answer.cities]
        return [
            "What each city's notice says was taken:\n" + "\n".join(lines),
            "Tell me your city for the details, including what was not taken.",
        ]
    if city.status != Status.CONFIRMED:
        return [
            f"{city.display_name} has not published what data was taken. {_not_published(city)}"
        ]
    taken = "may have been taken" if _data_hedged(city) else "were taken"
    parts = [f"{city.display_name}'s notice says these {taken}: {data_text(city.exposed_facts())}."]
    if city.data_not_exposed:
        parts.append(f"Not taken: {items_text(city.not_exposed_items())}.")
    else:
        parts.append("The notice does not list anything as not taken.")
    if city.counts:
        parts.append(figures_text(city.counts))
    facts = (*city.data_exposed, *city.data_not_exposed, *city.counts)
    parts.append(_source((f.source for f in facts), answer))
    return [" ".join(parts)]


def _safe_to_pay(answer: Answer) -> List[str]:
    lines = []
    for c in answer.cities:
        online = c.online_payments
        if online:
            lines.append(f"{c.display_name}: {online.text} {_source([online.source], answer)}")
        else:
            lines.append(
                f"{c.display_name}: no notice on record says whether paying online is safe now; "
                "ask the city."
            )
    if answer.city is None:
        lines.append("Tell me your city for its answer.")
    return ["\n".join(lines)]


def _pay_meanwhile(answer: Answer) -> List[str]:
    messages = []
    for c in answer.cities:
        online = c.online_payments
        if c.pay_meanwhile:
            why = f" {online.text}" if online and online.status == OnlineStatus.SUSPENDED else ""
            ways = bulleted([f.text for f in c.pay_meanwhile])
            source = _source([c.pay_meanwhile[0].source], answer)
            messages.append(f"{c.display_name}:{why}\nWays to pay meanwhile:\n{ways}\n{source}")
        elif online and online.status == OnlineStatus.SAFE:
            messages.append(f"{c.display_name}: {online.text}")
        else:
            messages.append(
                f"{c.display_name}'s notice does not say online payments were suspended or list "
                "other ways to pay; the city's billing office can tell you the usual ways."
            )
    return messages


def _contact_lists(answer: Answer) -> List[str]:
    national = f"National help:\n{_contacts(answer.contacts)}"
    city = answer.city
    if city is None:
        lines = "\n".join(
            f"- {c.display_name}: " + "; ".join(contact_line(x) for x in c.contacts)
            for c in answer.cities
        )
        return [
            f"City numbers on record:\n{lines}",
            national,
            "Tell me your city and I'll give just its numbers.",
        ]
    if city.contacts:
        return [f"For {city.display_name}:\n{_contacts(city.contacts)}", national]
    return [f"{city.display_name}'s notice gives no phone number for questions. {national}"]


def _human(answer: Answer) -> List[str]:
    return [HUMAN, *_contact_lists(answer)]


def _report_fraud(answer: Answer) -> List[str]:
    advice = " ".join(a.text for a in answer.advice)
    return [
        f"To report fraud or identity theft: {advice}\n{_contacts(answer.contacts)}",
        *(step.text for step in answer.steps),
    ]


def _credit_reports(answer: Answer) -> List[str]:
    text = " ".join(step.text for step in answer.steps)
    return [f"{text}\n{_contacts(answer.contacts)}".strip()]


def _alert_vs_freeze(answer: Answer) -> List[str]:
    messages = [fact.text for fact in answer.facts]
    if answer.city is not None:
        messages += [f"For {answer.city.display_name}: {step.text}" for step in answer.steps]
    return messages


def _what_is_click2gov(answer: Answer) -> List[str]:
    return [" ".join(fact.text for fact in answer.facts)]


def _which_cities(answer: Answer) -> List[str]:
    def named(status: Status) -> str:
        return ", ".join(c.display_name for c in answer.cities if c.status == status)

    lines = [f"With a notice on record: {named(Status.CONFIRMED)}."]
    if named(Status.UNDER_INVESTIGATION):
        lines.append(f"Still investigating: {named(Status.UNDER_INVESTIGATION)}.")
    if named(Status.NAMED_WITHOUT_DETAILS):
        lines.append(f"Named in the news without details: {named(Status.NAMED_WITHOUT_DETAILS)}.")
    lines += [fact.text for fact in answer.facts]
    return [" ".join(lines)]


def _got_letter(answer: Answer) -> List[str]:
    intro = " ".join(a.text for a in answer.advice)
    city = answer.city
    if city is not None and city.letters:
        intro += f" {city.display_name}: {city.letters.text}"
    messages = [intro, "What to do now:\n" + numbered([s.text for s in answer.steps])]
    if city is not None and city.contacts:
        messages.append(f"Questions about the letter:\n{_contacts(city.contacts)}")
    return messages + [OFFER]


def _unrecognised_charge(answer: Answer) -> List[str]:
    first, *then = (a.text for a in answer.advice)
    return [first, " ".join(then) + "\n" + _contacts(answer.contacts), OFFER]


def _card_compromised(answer: Answer) -> List[str]:
    return [*(a.text for a in answer.advice), OFFER]


def _windows_line(city: CityRecord) -> str:
    """'between August 27, 2019 and October 14, 2019 (utility bills)', one part per window."""
    parts = []
    for w in sorted(city.windows, key=lambda w: w.start):
        services = f" ({joined([SERVICES[s] for s in w.services])})" if w.services else ""
        parts.append(f"{short_range(w.start, w.end)}{services}")
    return "; ".join(parts)


def _incident_one(city: CityRecord, answer: Answer) -> str:
    if city.status != Status.CONFIRMED:
        return f"{city.display_name}: {_not_published(city)}"
    exposed = (
        f"payments made {_windows_line(city)} may have been exposed"
        if _exposure_hedged(city)
        else f"the breach exposed payments made {_windows_line(city)}"
    )
    parts = [f"{city.display_name}'s notice: {exposed}."]
    affected = city.methods.affected
    if affected:
        parts.append("Affected: " + "; ".join(describe_rule(r) for r in affected) + ".")
    not_affected = city.methods.not_affected
    if not_affected:
        parts.append("Not affected: " + "; ".join(describe_rule(r) for r in not_affected) + ".")
    if city.counts:
        parts.append(figures_text(city.counts))
    else:
        parts.append("It gives no count of the people affected.")
    notice = next((n for n in answer.notices if n.id == city.notice), None)
    if notice is not None and notice.published:
        document = "article" if notice.kind == DocumentKind.NEWS_ARTICLE else "notice"
        parts.append(f"The {document} is dated {long_date(notice.published)}.")
    facts = (*city.windows, *affected, *not_affected, *city.counts)
    parts.append(_source((f.source for f in facts), answer))
    return " ".join(parts)


def _incident(answer: Answer) -> List[str]:
    """When the breach ran, which payments it touched, how many people, when the city told them."""
    if answer.city is not None:
        return [_incident_one(answer.city, answer), OFFER]
    lines = []
    for c in answer.cities:
        if c.status != Status.CONFIRMED:
            continue
        figures = "; ".join(f"{n.value:,} {n.what}" for n in c.counts)
        lines.append(
            f"- {c.display_name}: {_windows_line(c)}" + (f"; {figures}" if figures else "")
        )
    return [
        "When each city's breach ran, from its notice:\n" + "\n".join(lines),
        "Tell me your city for which payments it touched and how many people it reached.",
    ]


RENDER: Dict[Topic, Callable[[Answer], List[str]]] = {
    Topic.DATA_EXPOSED: _data_exposed,
    Topic.SAFE_TO_PAY: _safe_to_pay,
    Topic.PAY_MEANWHILE: _pay_meanwhile,
    Topic.CONTACTS: _contact_lists,
    Topic.HUMAN: _human,
    Topic.REPORT_FRAUD: _report_fraud,
    Topic.CREDIT_REPORTS: _credit_reports,
    Topic.ALERT_VS_FREEZE: _alert_vs_freeze,
    Topic.WHAT_IS_CLICK2GOV: _what_is_click2gov,
    Topic.WHICH_CITIES: _which_cities,
    Topic.GOT_LETTER: _got_letter,
    Topic.UNRECOGNISED_CHARGE: _unrecognised_charge,
    Topic.CARD_COMPROMISED: _card_compromised,
    Topic.INCIDENT: _incident,
}


def answer_messages(answer: Answer) -> List[str]:
    """The chat messages that answer one question."""
    return [m for m in RENDER[answer.topic](answer) if m]


def agent_answer_messages(answer: Answer) -> List[str]:
    """The same answer for the agent console: what to tell the caller. A caller who wants a
    person is offered a transfer to the city's line (the agent is that person's first step)."""
    messages = answer_messages(answer)
    if answer.topic == Topic.HUMAN:
        phones = [c for c in answer.contacts if c.phone]
        offer = (
            f"The caller wants to talk to a person. Offer to transfer to {contact_line(phones[0])}."
            if phones
            else "The caller wants to talk to a person. Offer the numbers below."
        )
        return [offer, *messages[1:]]
    return [f"Tell the caller: {messages[0]}", *messages[1:]] if messages else messages
