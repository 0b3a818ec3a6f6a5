"""Dates, methods, rules, windows and contacts as words; shared by every rendering."""

from __future__ import annotations

from datetime import date
from typing import Iterable, Optional, Sequence

from bot.dates import DateAnswer, DateSpan, DateUnknown
from bot.knowledge.schema import Contact, Count, DataFact, Scope, Source, Window
from bot.methods import Method
from bot.wording.labels import CHANNEL_SHORT, DATA_ITEMS, INSTRUMENT_SHORT, SERVICE_ONE, SERVICES

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(day: date) -> str:
    """'September 3, 2019'."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_range(start: date, end: date) -> str:
    """'June 2–8, 2018', 'June 25 – July 1, 2018' or two full dates."""
    if start.year != end.year:
        return f"{long_date(start)} – {long_date(end)}"
    if start.month != end.month:
        return (
            f"{MONTHS[start.month - 1]} {start.day} – {MONTHS[end.month - 1]} {end.day}, {end.year}"
        )
    return f"{MONTHS[start.month - 1]} {start.day}–{end.day}, {end.year}"


def describe_span(span: DateSpan) -> str:
    """'September 3, 2019', 'around June 5, 2018 (June 2–8, 2018)', 'June 1, 2018 to ...'."""
    if span.is_day:
        text = long_date(span.start)
        return f"around {text}" if span.approximate else text
    if span.approximate and (span.end - span.start).days <= 6:
        middle = span.start + (span.end - span.start) / 2
        return f"around {long_date(middle)} ({short_range(span.start, span.end)})"
    if span.approximate:
        return f"roughly {short_range(span.start, span.end)}"
    return f"{long_date(span.start)} to {long_date(span.end)}"


def describe_date(when: Optional[DateAnswer]) -> Optional[str]:
    """The payment date as understood, or None when none was given."""
    if isinstance(when, DateSpan):
        return describe_span(when)
    if isinstance(when, DateUnknown):
        return "not remembered"
    return None


def describe_method(method: Method) -> str:
    """'online by card', 'by phone for a utility bill', 'in person in cash' or 'a payment method
    you did not name'."""
    parts = [CHANNEL_SHORT[method.channel]] if method.channel else []
    if method.instrument:
        parts.append(INSTRUMENT_SHORT[method.instrument])
    text = " ".join(parts) if parts else "a payment method you did not name"
    return f"{text} for {SERVICE_ONE[method.service]}" if method.service else text


def joined(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def describe_how(scope: Scope) -> str:
    """'online by card for utility bills'."""
    parts = [" or ".join(CHANNEL_SHORT[c] for c in scope.channels)] if scope.channels else []
    if scope.instruments:
        parts.append(" or ".join(INSTRUMENT_SHORT[i] for i in scope.instruments))
    if scope.services:
        parts.append("for " + " or ".join(SERVICES[s] for s in scope.services))
    return " ".join(parts) or "in any way"


def describe_rule(scope: Scope) -> str:
    """'payments made online by card for utility bills'."""
    return f"payments made {describe_how(scope)}"


def window_text(window: Window) -> str:
    """'August 27, 2019 and October 14, 2019'."""
    return f"{long_date(window.start)} and {long_date(window.end)}"


def services_text(services: Iterable[str]) -> str:
    """'utility bills and building permits'."""
    return joined([SERVICES[s] for s in services])


def window_span(window: Window, service_known: bool = False) -> str:
    """'between March 1, 2019 and March 20, 2019', followed by the services the window is for
    (' for building permits') unless the resident's service is known and the window is for it."""
    text = f"between {window_text(window)}"
    if window.services and not service_known:
        text += f" for {services_text(window.services)}"
    return text


def data_text(facts: Iterable[DataFact]) -> str:
    """'credit/debit card information, email address': each item in the notice's own words
    where the fact gives them (`text`), else its label."""
    return ", ".join(dict.fromkeys(f.text or DATA_ITEMS[f.item] for f in facts))


def items_text(items: Iterable[str]) -> str:
    """'card number, name on the card'."""
    return ", ".join(DATA_ITEMS[item] for item in items)


def hedged(*sources: Optional[Source]) -> bool:
    """Whether the notice hedges any of these facts ("may have been compromised")."""
    return any(source is not None and source.hedge for source in sources)


# Hedges that qualify a number itself: said before it ("approximately 1,842 customers").
_APPROXIMATE = ("approximately", "roughly", "nearly", "an estimated", "up to", "about")


def figure_text(count: Count) -> str:
    """'approximately 1,842 customers', '2,400 user accounts that may have been affected', or
    '1,873 customers' — with the notice's hedge where it hedges the figure."""
    hedge = (count.source.hedge or "").strip()
    text = f"{count.value:,} {count.what}"
    if not hedge or hedge.lower() in count.what.lower():
        return text
    if hedge.lower() in _APPROXIMATE:
        return f"{hedge.lower()} {text}"  # "Approximately 1,842 ..." began the notice's sentence
    return f"{text} (the notice says \u201c{hedge}\u201d)"


def figures_text(counts: Iterable[Count], document: str = "notice") -> str:
    """ "The notice's figures: 4,559 customers affected; approximately 2,256 customers ..."
    (the "article's" where the facts come from a news article)."""
    return f"The {document}'s figures: " + "; ".join(figure_text(c) for c in counts) + "."


def contact_line(contact: Contact) -> str:
    """'FTC identity theft help: 1-877-438-4338, www.ftc.gov/idtheft' (and its hours, if given)."""
    reach = [x for x in (contact.phone, contact.url, contact.address) if x]
    line = f"{contact.label}: {', '.join(reach)}" if reach else contact.label
    return f"{line} ({contact.hours})" if contact.hours else line
