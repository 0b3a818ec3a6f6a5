"""Answers to the related questions, as data: the facts, contacts, steps and advice that answer
a question, for the city named in it or already in the conversation. Wording: bot/wording/answers.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Dict, Optional, Tuple

from bot.cities import find_city_mention
from bot.knowledge.base import Knowledge
from bot.knowledge.schema import Advice, CityRecord, Contact, NationalFact, NoticeRecord, Step
from bot.knowledge.vocabulary import Status, Verdict, Word
from bot.rules import select_steps


class Topic(Word):
    DATA_EXPOSED = "data_exposed"
    SAFE_TO_PAY = "safe_to_pay"
    PAY_MEANWHILE = "pay_meanwhile"
    CONTACTS = "contacts"
    HUMAN = "human"
    REPORT_FRAUD = "report_fraud"
    CREDIT_REPORTS = "credit_reports"
    ALERT_VS_FREEZE = "alert_vs_freeze"
    WHAT_IS_CLICK2GOV = "what_is_click2gov"
    WHICH_CITIES = "which_cities"
    GOT_LETTER = "got_letter"
    UNRECOGNISED_CHARGE = "unrecognised_charge"
    CARD_COMPROMISED = "card_compromised"
    INCIDENT = "incident"


@dataclass(frozen=True)
class Answer:
    """What answers one question. `city` is the city asked about; `cities` the ones listed when
    no city is known (or all of them, for "which cities")."""

    topic: Topic
    city: Optional[CityRecord] = None
    cities: Tuple[CityRecord, ...] = ()
    contacts: Tuple[Contact, ...] = ()
    steps: Tuple[Step, ...] = ()
    advice: Tuple[Advice, ...] = ()
    facts: Tuple[NationalFact, ...] = ()
    notices: Tuple[NoticeRecord, ...] = ()  # for citing the sources of what is shown


HELP_LINES = ("ftc_identity_theft", "free_credit_reports", "ic3")
FRAUD_REPORTS = ("police", "ftc_complaint", "ftc_identity_theft", "ic3", "state_attorney_general")


def city_for_question(
    knowledge: Knowledge, text: str, conversation_city_id: Optional[str]
) -> Optional[CityRecord]:
    """The city named in the question, else the one already in the conversation."""
    mention = find_city_mention(text, knowledge.city_names())
    if mention is not None:
        return knowledge.city(mention.city_id)
    return knowledge.city(conversation_city_id)


def _resources(knowledge: Knowledge, *ids: str) -> Tuple[Contact, ...]:
    return tuple(r for key in ids if (r := knowledge.national.resource(key)) is not None)


def _advice(knowledge: Knowledge, *ids: str) -> Tuple[Advice, ...]:
    return tuple(a for key in ids if (a := knowledge.national.advice_for(key)) is not None)


def _facts(knowledge: Knowledge, *ids: str) -> Tuple[NationalFact, ...]:
    return tuple(f for key in ids if (f := knowledge.national.fact(key)) is not None)


def _data_exposed(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    confirmed = tuple(c for c in k.cities if c.status == Status.CONFIRMED)
    return Answer(Topic.DATA_EXPOSED, city, cities=() if city else confirmed)


def _safe_to_pay(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    listed = tuple(c for c in k.cities if c.online_payments)
    return Answer(Topic.SAFE_TO_PAY, city, cities=(city,) if city else listed)


def _pay_meanwhile(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    listed = tuple(c for c in k.cities if c.pay_meanwhile)
    return Answer(Topic.PAY_MEANWHILE, city, cities=(city,) if city else listed)


def _contacts(k: Knowledge, city: Optional[CityRecord], topic: Topic = Topic.CONTACTS) -> Answer:
    listed = () if city else tuple(c for c in k.cities if c.contacts)
    return Answer(topic, city, cities=listed, contacts=_resources(k, *HELP_LINES))


def _human(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    return _contacts(k, city, Topic.HUMAN)


def _report_fraud(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    ic3_steps = tuple(s for s in (city.steps if city else ()) if "ic3" in s.text.lower())
    return Answer(
        Topic.REPORT_FRAUD,
        city,
        contacts=_resources(k, *FRAUD_REPORTS),
        steps=ic3_steps,
        advice=_advice(k, "report_fraud"),
    )


def _credit_reports(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    steps = tuple(s for s in k.national.steps if s.id == "free_credit_reports")
    return Answer(
        Topic.CREDIT_REPORTS, city, steps=steps, contacts=_resources(k, "free_credit_reports")
    )


def _alert_vs_freeze(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    steps = select_steps(Verdict.AFFECTED, city, k.national) if city else ()
    return Answer(
        Topic.ALERT_VS_FREEZE,
        city,
        steps=tuple(s for s in steps if s.id == "freeze_optional"),
        facts=_facts(k, "fraud_alert_vs_freeze"),
    )


def _what_is_click2gov(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    return Answer(Topic.WHAT_IS_CLICK2GOV, city, facts=_facts(k, "about_click2gov", "vendor"))


def _which_cities(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    return Answer(Topic.WHICH_CITIES, city, cities=k.cities, facts=_facts(k, "other_incidents"))


def _got_letter(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    verdict = Verdict.AFFECTED if city else Verdict.POSSIBLY_AFFECTED
    return Answer(
        Topic.GOT_LETTER,
        city,
        steps=select_steps(verdict, city, k.national),
        advice=_advice(k, "got_letter"),
    )


def _unrecognised_charge(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    return Answer(
        Topic.UNRECOGNISED_CHARGE,
        city,
        contacts=_resources(k, "ftc_complaint", "ic3"),
        advice=_advice(k, "unrecognised_charge", "unrecognised_charge_fraud"),
    )


def _card_compromised(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    return Answer(Topic.CARD_COMPROMISED, city, advice=_advice(k, "card_compromised"))


def _incident(k: Knowledge, city: Optional[CityRecord]) -> Answer:
    """When the city's breach ran, what it touched, how many it reached and when it was told."""
    return Answer(Topic.INCIDENT, city, cities=() if city else k.cities)


SELECT: Dict[Topic, Callable[[Knowledge, Optional[CityRecord]], Answer]] = {
    Topic.DATA_EXPOSED: _data_exposed,
    Topic.SAFE_TO_PAY: _safe_to_pay,
    Topic.PAY_MEANWHILE: _pay_meanwhile,
    Topic.CONTACTS: _contacts,
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


# Questions about Click2Gov in general that, naming a city on record, ask about its incident
# ("When did the Carson City breach happen?", "was Carson City part of the Click2Gov hack?"): a
# city added as data only is a name the classifier never saw in training.
ABOUT_ANY_CITY = (Topic.WHICH_CITIES, Topic.WHAT_IS_CLICK2GOV)


def question_topic(knowledge: Knowledge, topic: Topic, text: str) -> Topic:
    """The topic the question asks about: a general question that names a city on record asks
    about that city's incident."""
    if topic in ABOUT_ANY_CITY and find_city_mention(text, knowledge.city_names()) is not None:
        return Topic.INCIDENT
    return topic


def answer_question(
    knowledge: Knowledge, topic: Topic, text: str, conversation_city_id: Optional[str] = None
) -> Answer:
    """What answers one related question."""
    topic = question_topic(knowledge, topic, text)
    answer = SELECT[topic](knowledge, city_for_question(knowledge, text, conversation_city_id))
    return replace(answer, notices=knowledge.notices)
