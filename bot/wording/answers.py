"""The answers to related questions as chat replies (see bot/answers.py for what they contain).

Every sentence comes from the catalog (bot/i18n.py: `t()`; its Spanish is in
bot/locale/es/LC_MESSAGES/answers.po); the knowledge's own texts are read in the locale spoken
(`pick()`), and a notice's quotes stay in its own words.
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List

from bot.answers import Answer, Topic
from bot.i18n import N_, pick, t
from bot.knowledge.schema import CityRecord, Contact, Count, Source
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

OFFER = N_(
    "If you paid a city bill online through Click2Gov, I can check whether that payment was "
    "affected: tell me the city, the date and how you paid."
)
HUMAN = N_(
    "I'm an automated assistant and can't transfer you, but people can help at these numbers."
)


def _source(sources: Iterable[Source], answer: Answer) -> str:
    return t("Source: {cited}.", cited=cited_sources(sources, answer.notices))


def _contacts(contacts: Iterable[Contact]) -> str:
    return bulleted([contact_line(c) for c in contacts])


def _not_published(city: CityRecord) -> str:
    if city.status == Status.UNDER_INVESTIGATION:
        return t("The city is still investigating and will notify the people affected.")
    return t("It was named in a news report, but no notice with details is on record.")


def _exposure_hedged(city: CityRecord) -> bool:
    """The notice hedges the incident, its windows or its affected payments ("may have been")."""
    rules = [r.source for r in city.methods.affected]
    return hedged(city.status_source, *rules, *(w.source for w in city.windows))


def _data_hedged(city: CityRecord) -> bool:
    return hedged(city.status_source, *(f.source for f in city.data_exposed))


def _figure(count: Count) -> str:
    """'4,559 customers affected' (the knowledge's words for what was counted)."""
    return f"{count.value:,} {pick(count, 'what')}"


def _data_exposed(answer: Answer) -> List[str]:
    city = answer.city
    if city is None:
        lines = [f"- {c.display_name}: {data_text(c.exposed_facts())}" for c in answer.cities]
        return [
            t("What each city's notice says was taken:") + "\n" + "\n".join(lines),
            t("Tell me your city for the details, including what was not taken."),
        ]
    name = city.display_name
    if city.status != Status.CONFIRMED:
        return [
            t("{city} has not published what data was taken.", city=name)
            + " "
            + _not_published(city)
        ]
    data = data_text(city.exposed_facts())
    if _data_hedged(city):
        said = t("{city}'s notice says these may have been taken: {data}.", city=name, data=data)
    else:
        said = t("{city}'s notice says these were taken: {data}.", city=name, data=data)
    parts = [said]
    if city.data_not_exposed:
        parts.append(t("Not taken: {items}.", items=items_text(city.not_exposed_items())))
    else:
        parts.append(t("The notice does not list anything as not taken."))
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
            lines.append(f"{c.display_name}: {pick(online)} {_source([online.source], answer)}")
        else:
            lines.append(
                t(
                    "{city}: no notice on record says whether paying online is safe now; "
                    "ask the city.",
                    city=c.display_name,
                )
            )
    if answer.city is None:
        lines.append(t("Tell me your city for its answer."))
    return ["\n".join(lines)]


def _pay_meanwhile(answer: Answer) -> List[str]:
    messages = []
    for c in answer.cities:
        online = c.online_payments
        if c.pay_meanwhile:
            suspended = online and online.status == OnlineStatus.SUSPENDED
            why = f" {pick(online)}" if suspended else ""
            ways = bulleted([pick(f) for f in c.pay_meanwhile])
            source = _source([c.pay_meanwhile[0].source], answer)
            meanwhile = t("Ways to pay meanwhile:")
            messages.append(f"{c.display_name}:{why}\n{meanwhile}\n{ways}\n{source}")
        elif online and online.status == OnlineStatus.SAFE:
            messages.append(f"{c.display_name}: {pick(online)}")
        else:
            messages.append(
                t(
                    "{city}'s notice does not say online payments were suspended or list "
                    "other ways to pay; the city's billing office can tell you the usual ways.",
                    city=c.display_name,
                )
            )
    return messages


def _contact_lists(answer: Answer) -> List[str]:
    national = t("National help:") + "\n" + _contacts(answer.contacts)
    city = answer.city
    if city is None:
        lines = "\n".join(
            f"- {c.display_name}: " + "; ".join(contact_line(x) for x in c.contacts)
            for c in answer.cities
        )
        return [
            t("City numbers on record:") + "\n" + lines,
            national,
            t("Tell me your city and I'll give just its numbers."),
        ]
    if city.contacts:
        return [
            t("For {city}:", city=city.display_name) + "\n" + _contacts(city.contacts),
            national,
        ]
    none = t("{city}'s notice gives no phone number for questions.", city=city.display_name)
    return [f"{none} {national}"]


def _human(answer: Answer) -> List[str]:
    return [t(HUMAN), *_contact_lists(answer)]


def _report_fraud(answer: Answer) -> List[str]:
    advice = " ".join(pick(a) for a in answer.advice)
    return [
        t("To report fraud or identity theft: {advice}", advice=advice)
        + "\n"
        + _contacts(answer.contacts),
        *(pick(step) for step in answer.steps),
    ]


def _credit_reports(answer: Answer) -> List[str]:
    text = " ".join(pick(step) for step in answer.steps)
    return [f"{text}\n{_contacts(answer.contacts)}".strip()]


def _alert_vs_freeze(answer: Answer) -> List[str]:
    messages = [pick(fact) for fact in answer.facts]
    if answer.city is not None:
        name = answer.city.display_name
        messages += [t("For {city}: {step}", city=name, step=pick(s)) for s in answer.steps]
    return messages


def _what_is_click2gov(answer: Answer) -> List[str]:
    return [" ".join(pick(fact) for fact in answer.facts)]


def _which_cities(answer: Answer) -> List[str]:
    def named(status: Status) -> str:
        return ", ".join(c.display_name for c in answer.cities if c.status == status)

    lines = [t("With a notice on record: {cities}.", cities=named(Status.CONFIRMED))]
    investigating = named(Status.UNDER_INVESTIGATION)
    if investigating:
        lines.append(t("Still investigating: {cities}.", cities=investigating))
    without_details = named(Status.NAMED_WITHOUT_DETAILS)
    if without_details:
        lines.append(t("Named in the news without details: {cities}.", cities=without_details))
    lines += [pick(fact) for fact in answer.facts]
    return [" ".join(lines)]


def _got_letter(answer: Answer) -> List[str]:
    intro = " ".join(pick(a) for a in answer.advice)
    city = answer.city
    if city is not None and city.letters:
        intro += f" {city.display_name}: {pick(city.letters)}"
    steps = numbered([pick(s) for s in answer.steps])
    messages = [intro, t("What to do now:") + "\n" + steps]
    if city is not None and city.contacts:
        messages.append(t("Questions about the letter:") + "\n" + _contacts(city.contacts))
    return messages + [t(OFFER)]


def _unrecognised_charge(answer: Answer) -> List[str]:
    first, *then = (pick(a) for a in answer.advice)
    return [first, " ".join(then) + "\n" + _contacts(answer.contacts), t(OFFER)]


def _card_compromised(answer: Answer) -> List[str]:
    return [*(pick(a) for a in answer.advice), t(OFFER)]


def _windows_line(city: CityRecord) -> str:
    """'August 27 – October 14, 2019 (utility bills)', one part per window."""
    parts = []
    for w in sorted(city.windows, key=lambda w: w.start):
        services = f" ({joined([t(SERVICES[s]) for s in w.services])})" if w.services else ""
        parts.append(f"{short_range(w.start, w.end)}{services}")
    return "; ".join(parts)


def _incident_one(city: CityRecord, answer: Answer) -> str:
    name = city.display_name
    if city.status != Status.CONFIRMED:
        return f"{name}: {_not_published(city)}"
    windows = _windows_line(city)
    if _exposure_hedged(city):
        said = t(
            "{city}'s notice: payments made {windows} may have been exposed.",
            city=name,
            windows=windows,
        )
    else:
        said = t(
            "{city}'s notice: the breach exposed payments made {windows}.",
            city=name,
            windows=windows,
        )
    parts = [said]
    affected = city.methods.affected
    if affected:
        rules = "; ".join(describe_rule(r) for r in affected)
        parts.append(t("Affected: {rules}.", rules=rules))
    not_affected = city.methods.not_affected
    if not_affected:
        rules = "; ".join(describe_rule(r) for r in not_affected)
        parts.append(t("Not affected: {rules}.", rules=rules))
    if city.counts:
        parts.append(figures_text(city.counts))
    else:
        parts.append(t("It gives no count of the people affected."))
    notice = next((n for n in answer.notices if n.id == city.notice), None)
    if notice is not None and notice.published:
        published = long_date(notice.published)
        if notice.kind == DocumentKind.NEWS_ARTICLE:
            parts.append(t("The article is dated {date}.", date=published))
        else:
            parts.append(t("The notice is dated {date}.", date=published))
    facts = (*city.windows, *affected, *not_affected, *city.counts)
    parts.append(_source((f.source for f in facts), answer))
    return " ".join(parts)


def _incident(answer: Answer) -> List[str]:
    """When the breach ran, which payments it touched, how many people, when the city told them."""
    if answer.city is not None:
        return [_incident_one(answer.city, answer), t(OFFER)]
    lines = []
    for c in answer.cities:
        if c.status != Status.CONFIRMED:
            continue
        figures = "; ".join(_figure(n) for n in c.counts)
        lines.append(
            f"- {c.display_name}: {_windows_line(c)}" + (f"; {figures}" if figures else "")
        )
    return [
        t("When each city's breach ran, from its notice:") + "\n" + "\n".join(lines),
        t("Tell me your city for which payments it touched and how many people it reached."),
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
    """The chat messages that answer one question, in the locale spoken."""
    return [m for m in RENDER[answer.topic](answer) if m]


def agent_answer_messages(answer: Answer) -> List[str]:
    """The same answer for the agent console: what to tell the caller. A caller who wants a
    person is offered a transfer to the city's line (the agent is that person's first step)."""
    messages = answer_messages(answer)
    if answer.topic == Topic.HUMAN:
        phones = [c for c in answer.contacts if c.phone]
        offer = (
            t(
                "The caller wants to talk to a person. Offer to transfer to {contact}.",
                contact=contact_line(phones[0]),
            )
            if phones
            else t("The caller wants to talk to a person. Offer the numbers below.")
        )
        return [offer, *messages[1:]]
    if not messages:
        return messages
    return [t("Tell the caller: {answer}", answer=messages[0]), *messages[1:]]
