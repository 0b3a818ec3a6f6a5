"""Answers to the related questions, from the knowledge base, for the city in the conversation."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional

from bot.cities import find_city_mention, resolve_city
from bot.knowledge.records import CityRecord, Contact, NationalRecord
from bot.knowledge.store import KnowledgeStore
from bot.knowledge.vocabulary import DATA_ITEMS
from bot.rules import select_steps
from bot.script import contact_line

OFFER = "If you paid a city bill online through Click2Gov, I can check whether that payment was affected: tell me the city, the date and how you paid."


def city_for_question(
    store: KnowledgeStore, text: str, slot_city: Optional[str]
) -> Optional[CityRecord]:
    """The city named in the question, else the one already in the conversation."""
    names = store.city_names()
    mention = find_city_mention(text, names)
    if mention is not None:
        return store.city(mention.city_id)
    if slot_city:
        match = resolve_city(slot_city, names)
        if match.found:
            return store.city(match.city_id)
    return None


def _source(*seeds: str) -> str:
    return "Source: " + ", ".join(dict.fromkeys(s for s in seeds if s)) + "."


def _national(national: NationalRecord, *ids: str) -> List[Contact]:
    return [r for key in ids if (r := national.resource(key)) is not None]


def _lines(contacts: List[Contact]) -> str:
    return "\n".join(f"- {contact_line(c)}" for c in contacts)


def _confirmed(store: KnowledgeStore) -> List[CityRecord]:
    return [c for c in store.cities() if c.status == "confirmed"]


def data_exposed(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    if city is None:
        lines = [
            f"- {c.display_name}: {', '.join(DATA_ITEMS[i] for i in c.exposed_items())}"
            for c in _confirmed(store)
        ]
        return ["What each city's notice says was taken:\n" + "\n".join(lines),
                "Tell me your city for the details, including what was not taken."]  # fmt: skip
    if city.status != "confirmed":
        return [f"{city.display_name} has not published what data was taken. " + _status_line(city)]
    parts = [
        f"{city.display_name}'s notice says these were taken: "
        f"{', '.join(DATA_ITEMS[i] for i in city.exposed_items())}."
    ]
    if city.not_exposed:
        parts.append(f"Not taken: {', '.join(DATA_ITEMS[i] for i in city.not_exposed_items())}.")
    else:
        parts.append("The notice does not list anything as not taken.")
    seeds = [f.source.seed for f in (*city.exposed, *city.not_exposed)]
    return [" ".join(parts) + " " + _source(*seeds)]


def _status_line(city: CityRecord) -> str:
    if city.status == "under_investigation":
        return "The city is still investigating and will notify the people affected."
    return "It was named in a news report, but no notice with details is on record."


def safe_to_pay(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    cities = [city] if city else [c for c in store.cities() if c.online_text]
    lines = []
    for c in cities:
        if c.online_text:
            lines.append(f"{c.display_name}: {c.online_text} {_source(c.online_source.seed)}")
        else:
            lines.append(
                f"{c.display_name}: no notice on record says whether paying online is safe now; ask the city."
            )
    if city is None:
        lines.append("Tell me your city for its answer.")
    return ["\n".join(lines)]


def pay_meanwhile(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    cities = [city] if city else [c for c in store.cities() if c.pay_meanwhile]
    messages = []
    for c in cities:
        if c.pay_meanwhile:
            ways = "\n".join(f"- {f.text}" for f in c.pay_meanwhile)
            why = f" {c.online_text}" if c.online_status == "suspended" and c.online_text else ""
            messages.append(
                f"{c.display_name}:{why}\nWays to pay meanwhile:\n{ways}\n{_source(c.pay_meanwhile[0].source.seed)}"
            )
        elif c.online_status == "safe":
            messages.append(f"{c.display_name}: {c.online_text}")
        else:
            messages.append(
                f"{c.display_name}'s notice does not say online payments were suspended or list other "
                "ways to pay; the city's billing office can tell you the usual ways."
            )
    return messages


def contacts(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    nationals = _national(national, "ftc_identity_theft", "free_credit_reports", "ic3")
    if city is None:
        listed = [c for c in store.cities() if c.contacts]
        city_lines = "\n".join(
            f"- {c.display_name}: " + "; ".join(contact_line(x) for x in c.contacts) for c in listed
        )
        return [f"City numbers on record:\n{city_lines}", f"National help:\n{_lines(nationals)}",
                "Tell me your city and I'll give just its numbers."]  # fmt: skip
    if city.contacts:
        return [
            f"For {city.display_name}:\n{_lines(list(city.contacts))}",
            f"National help:\n{_lines(nationals)}",
        ]
    return [
        f"{city.display_name}'s notice gives no phone number for questions. National help:\n{_lines(nationals)}"
    ]


def report_fraud(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    where = _national(
        national, "police", "ftc_complaint", "ftc_identity_theft", "ic3", "state_attorney_general"
    )
    messages = [
        "To report fraud or identity theft: first call your card issuer or bank to stop and dispute the "
        "charges, then file a police report and keep a copy, and report it here:\n" + _lines(where)
    ]
    if city is not None:
        messages += [s.text for s in city.steps if "ic3" in s.text.lower()]
    return messages


def credit_reports(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    step = next((s for s in national.steps if s.id == "free_credit_reports"), None)
    reports = _national(national, "free_credit_reports")
    text = step.text if step else ""
    return [f"{text}\n{_lines(reports)}".strip()]


def alert_vs_freeze(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    fact = national.fact("fraud_alert_vs_freeze")
    messages = [fact.text if fact else ""]
    if city is not None and "ssn" in city.not_exposed_items():
        messages.append(
            f"For {city.display_name}, the notice says Social Security numbers were not taken, so a "
            "freeze is optional; the main risk is card fraud."
        )
    return [m for m in messages if m]


def what_is_click2gov(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    facts = [national.fact("about_click2gov"), national.fact("vendor")]
    return [" ".join(f.text for f in facts if f and f.text)]


def which_cities(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    groups = {"confirmed": [], "under_investigation": [], "named_without_details": []}
    for c in store.cities():
        groups[c.status].append(c.display_name)
    lines = [f"With a notice on record: {', '.join(groups['confirmed'])}."]
    if groups["under_investigation"]:
        lines.append(f"Still investigating: {', '.join(groups['under_investigation'])}.")
    if groups["named_without_details"]:
        lines.append(
            f"Named in the news without details: {', '.join(groups['named_without_details'])}."
        )
    other = store.national().fact("other_incidents")
    if other and other.text:
        lines.append(other.text)
    return [" ".join(lines)]


def got_letter(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    intro = (
        "A letter from the city means it believes your payment data may have been involved. "
        "Keep the letter: it has the details for your account."
    )
    if city is not None and city.letters and city.letters.text:
        intro += f" {city.display_name}: {city.letters.text}"
    steps = (
        select_steps("affected", city, national)
        if city
        else select_steps("possibly_affected", None, national)
    )
    messages = [intro, "What to do now:\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))]
    if city is not None and city.contacts:
        messages.append(f"Questions about the letter:\n{_lines(list(city.contacts))}")
    messages.append(OFFER)
    return messages


def unrecognised_charge(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    national = store.national()
    where = _national(national, "ftc_complaint", "ic3")
    return [
        "Call your card issuer right away (the number on the back of your card): tell them you don't "
        "recognise the charge, dispute it, and ask whether to replace the card. Then keep an eye on "
        "your statements.",
        "If it turns out to be fraud, file a police report and report it:\n" + _lines(where),
        OFFER,
    ]


def card_compromised(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    return [
        "If you think your card details were stolen, call your card issuer now (the number on the back "
        "of your card), say the card may be compromised, and ask them to cancel it and send a new "
        "number. Review your recent statements for charges you did not make.",
        OFFER,
    ]


def human(store: KnowledgeStore, city: Optional[CityRecord]) -> List[str]:
    intro = (
        "I'm an automated assistant and can't transfer you, but people can help at these numbers."
    )
    return [intro, *contacts(store, city)]


ANSWERS: Dict[str, Callable[[KnowledgeStore, Optional[CityRecord]], List[str]]] = {
    "ask_data_exposed": data_exposed,
    "ask_safe_to_pay": safe_to_pay,
    "ask_pay_meanwhile": pay_meanwhile,
    "ask_contact": contacts,
    "request_human": human,
    "report_fraud": report_fraud,
    "ask_credit_report": credit_reports,
    "ask_fraud_alert_vs_freeze": alert_vs_freeze,
    "ask_what_is_click2gov": what_is_click2gov,
    "ask_which_cities": which_cities,
    "got_letter": got_letter,
    "unrecognised_charge": unrecognised_charge,
    "card_compromised": card_compromised,
}


def answer_question(
    store: KnowledgeStore, intent: str, text: str, slot_city: Optional[str]
) -> List[str]:
    """The messages that answer one related question."""
    city = city_for_question(store, text, slot_city)
    return ANSWERS[intent](store, city)
