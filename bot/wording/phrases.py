"""Dates, methods, rules, windows and contacts as words; shared by every rendering.

Every phrase comes from the catalog in the locale spoken (bot/i18n.py): "September 3, 2019" is
"3 de septiembre de 2019" in Spanish, "between ... and ..." is "entre el ... y el ...". A notice's
own words stay as the notice wrote them and are marked as the original (`original`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable, List, Optional, Sequence

from bot.dates import DateAnswer, DateSpan, DateUnknown
from bot.i18n import N_, pick, t
from bot.knowledge.schema import Contact, Count, DataFact, Scope, Source, Window
from bot.methods import Method
from bot.wording.labels import (
    CHANNEL_SHORT,
    DATA_ITEMS,
    INSTRUMENT_SHORT,
    MONTHS,
    SERVICE_ONE,
    SERVICES,
)


def original(words: str) -> str:
    """A notice's own words, quoted as written: '“...”' (in Spanish, '“...” (texto original en
    inglés)': the words are the notice's, in its language)."""
    return t("\u201c{quote}\u201d", quote=words)


def month_name(month: int) -> str:
    """'September' ('septiembre')."""
    return t(MONTHS[month - 1])


def long_date(day: date) -> str:
    """'September 3, 2019' ('3 de septiembre de 2019')."""
    return t(
        "{month_name} {day}, {year}", month_name=month_name(day.month), day=day.day, year=day.year
    )


def short_range(start: date, end: date) -> str:
    """'June 2–8, 2018', 'June 25 – July 1, 2018' or two full dates ('del 2 al 8 de junio de
    2018', 'entre el 25 de junio y el 1 de julio de 2018')."""
    if start.year != end.year:
        return t("{start} – {end}", start=long_date(start), end=long_date(end))
    if start.month != end.month:
        return t(
            "{start_month} {start_day} – {end_month} {end_day}, {year}",
            start_month=month_name(start.month),
            start_day=start.day,
            end_month=month_name(end.month),
            end_day=end.day,
            year=end.year,
        )
    return t(
        "{month} {start_day}–{end_day}, {year}",
        month=month_name(start.month),
        start_day=start.day,
        end_day=end.day,
        year=end.year,
    )


def _middle(span: DateSpan) -> date:
    return span.start + (span.end - span.start) / 2


def describe_span(span: DateSpan) -> str:
    """'September 3, 2019', 'around June 5, 2018 (June 2–8, 2018)', 'June 1, 2018 to ...'."""
    if span.is_day:
        text = long_date(span.start)
        return t("around {date}", date=text) if span.approximate else text
    if span.approximate and (span.end - span.start).days <= 6:
        return t(
            "around {date} ({range})",
            date=long_date(_middle(span)),
            range=short_range(span.start, span.end),
        )
    if span.approximate:
        return t("roughly {range}", range=short_range(span.start, span.end))
    return t("{start} to {end}", start=long_date(span.start), end=long_date(span.end))


def describe_date(when: Optional[DateAnswer]) -> Optional[str]:
    """The payment date as understood, or None when none was given."""
    if isinstance(when, DateSpan):
        return describe_span(when)
    if isinstance(when, DateUnknown):
        return t("not remembered")
    return None


def on_date(when: Optional[DateAnswer]) -> str:
    """The payment date after a verb: 'on September 3, 2019' ('el 3 de septiembre de 2019',
    'entre el 1 de junio de 2018 y el 30 de junio de 2018')."""
    if not isinstance(when, DateSpan):
        return t("on {date}", date=describe_date(when))
    if when.is_day:
        text = long_date(when.start)
        return t("on around {date}", date=text) if when.approximate else t("on {date}", date=text)
    if when.approximate and (when.end - when.start).days <= 6:
        return t(
            "on around {date} ({range})",
            date=long_date(_middle(when)),
            range=short_range(when.start, when.end),
        )
    if when.approximate:
        return t("on roughly {range}", range=short_range(when.start, when.end))
    return t("on {start} to {end}", start=long_date(when.start), end=long_date(when.end))


def describe_method(method: Method) -> str:
    """'online by card', 'by phone for a utility bill', 'in person in cash' or 'a payment method
    you did not name'."""
    parts = [t(CHANNEL_SHORT[method.channel])] if method.channel else []
    if method.instrument:
        parts.append(t(INSTRUMENT_SHORT[method.instrument]))
    text = " ".join(parts) if parts else t("a payment method you did not name")
    if method.service:
        return t("{method} for {service}", method=text, service=t(SERVICE_ONE[method.service]))
    return text


# Spanish writes "e" for "y" before an /i/ sound ("tarjeta e información") and "u" for "o"
# before an /o/ sound ("facturas u otros pagos").
_BEFORE_I = re.compile(r"h?[iíIÍ](?![aeoáéóAEOÁÉÓ])")
_BEFORE_O = re.compile(r"h?[oóOÓ]")


def conjunction(word: str, following: str) -> str:
    """'and' or 'or' in the locale spoken, as written before `following`."""
    said = t(word)
    if said == "y" and _BEFORE_I.match(following):
        return "e"
    if said == "o" and _BEFORE_O.match(following):
        return "u"
    return said


AND = N_("and")
OR = N_("or")


def joined(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('a, b y c')."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction(AND, items[-1])} " + items[-1]


def either(items: Sequence[str]) -> str:
    """'a or b or c' ('a o b u otros')."""
    items = list(items)
    text = items[0] if items else ""
    for item in items[1:]:
        text += f" {conjunction(OR, item)} {item}"
    return text


def describe_how(scope: Scope) -> str:
    """'online by card for utility bills'."""
    parts: List[str] = []
    if scope.channels:
        parts.append(either([t(CHANNEL_SHORT[c]) for c in scope.channels]))
    if scope.instruments:
        parts.append(either([t(INSTRUMENT_SHORT[i]) for i in scope.instruments]))
    if scope.services:
        parts.append(t("for {services}", services=either([t(SERVICES[s]) for s in scope.services])))
    return " ".join(parts) or t("in any way")


def describe_rule(scope: Scope) -> str:
    """'payments made online by card for utility bills'."""
    return t("payments made {how}", how=describe_how(scope))


def window_text(window: Window) -> str:
    """'August 27, 2019 and October 14, 2019'."""
    return t("{start} and {end}", start=long_date(window.start), end=long_date(window.end))


def between(window: Window) -> str:
    """'between August 27, 2019 and October 14, 2019' ('entre el 27 de agosto de 2019 y el 14 de
    octubre de 2019')."""
    return t("between {start} and {end}", start=long_date(window.start), end=long_date(window.end))


def services_text(services: Iterable[str]) -> str:
    """'utility bills and building permits'."""
    return joined([t(SERVICES[s]) for s in services])


def window_span(window: Window, service_known: bool = False) -> str:
    """'between March 1, 2019 and March 20, 2019', followed by the services the window is for
    (' for building permits') unless the resident's service is known and the window is for it."""
    if window.services and not service_known:
        return t(
            "between {start} and {end} for {services}",
            start=long_date(window.start),
            end=long_date(window.end),
            services=services_text(window.services),
        )
    return between(window)


def data_text(facts: Iterable[DataFact]) -> str:
    """'credit/debit card information, email address': each item in the notice's own words
    where the fact gives them (`text`, `text_es` in Spanish), else its label."""
    return ", ".join(dict.fromkeys(pick(f, "text") or t(DATA_ITEMS[f.item]) for f in facts))


def items_text(items: Iterable[str]) -> str:
    """'card number, name on the card'."""
    return ", ".join(t(DATA_ITEMS[item]) for item in items)


def hedged(*sources: Optional[Source]) -> bool:
    """Whether the notice hedges any of these facts ("may have been compromised")."""
    return any(source is not None and source.hedge for source in sources)


# Hedges that qualify a number itself: said before it ("approximately 1,842 customers").
_APPROXIMATE = {
    "approximately": N_("approximately {figure}"),
    "roughly": N_("roughly {figure}"),
    "nearly": N_("nearly {figure}"),
    "an estimated": N_("an estimated {figure}"),
    "up to": N_("up to {figure}"),
    "about": N_("about {figure}"),
}


def figure_text(count: Count) -> str:
    """'approximately 1,842 customers', '2,400 user accounts that may have been affected', or
    '1,873 customers' — with the notice's hedge where it hedges the figure; a hedge that is not
    part of what is counted is quoted as the original: '1,842 customers (the notice says “may
    have been”)' ('1,842 clientes, dato que el aviso no da por seguro: “may have been” (texto
    original en inglés)')."""
    hedge = (count.source.hedge or "").strip()
    text = f"{count.value:,} {pick(count, 'what')}"
    if not hedge or hedge.lower() in count.what.lower():
        return text
    if hedge.lower() in _APPROXIMATE:  # "Approximately 1,842 ..." began the notice's sentence
        return t(_APPROXIMATE[hedge.lower()], figure=text)
    return t("{figure} (the notice says {hedge})", figure=text, hedge=original(hedge))


def figures_text(counts: Iterable[Count], document: str = "notice") -> str:
    """ "The notice's figures: 4,559 customers affected; approximately 2,256 customers ..."
    (the "article's" where the facts come from a news article)."""
    figures = "; ".join(figure_text(c) for c in counts)
    if document == "article":
        return t("The article's figures: {figures}.", figures=figures)
    return t("The notice's figures: {figures}.", figures=figures)


def contact_line(contact: Contact) -> str:
    """'FTC identity theft help: 1-877-438-4338, www.ftc.gov/idtheft' (and its hours, if given)."""
    reach = [x for x in (contact.phone, contact.url, contact.address) if x]
    label = pick(contact, "label")
    line = f"{label}: {', '.join(reach)}" if reach else label
    hours = pick(contact, "hours")
    return f"{line} ({hours})" if hours else line
