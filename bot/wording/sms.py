"""A check result, and the SMS keywords, as text messages: plain GSM-7, the answer first.

The summary is the verdict, a one-line why, the two most important steps and the one number to
call; it fits one page (459 GSM-7 characters, 3 segments). The full chat answer follows behind
"Reply MORE" (the SMS channel pages it).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable, Dict, List, Optional

from bot.dates import DateAnswer, DateSpan
from bot.knowledge.schema import CityRecord, Contact, NationalRecord, Step, Window
from bot.knowledge.vocabulary import Basis, Verdict
from bot.rules import Finding, Reason, Result
from bot.textmessage import MAX_SEPTETS, MORE, pages, septets, to_gsm
from bot.wording.assumed import assumed_text
from bot.wording.headlines import headline
from bot.wording.labels import SERVICE_ONE, SERVICES
from bot.wording.phrases import describe_date, describe_how, describe_method, joined

PROGRAM = "Click2Gov breach self-check"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
HELP_LINE = "ftc_identity_theft"
HIT = {
    Verdict.AFFECTED: "hit",
    Verdict.POSSIBLY_AFFECTED: "maybe hit",
    Verdict.NOT_AFFECTED: "not hit",
}


def short_day(day: date, year: bool = True) -> str:
    """'Sep 3, 2019' or 'Sep 3'."""
    text = f"{MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if year else text


def short_window(window: Window) -> str:
    """'Aug 27-Oct 14, 2019'."""
    same_year = window.start.year == window.end.year
    return f"{short_day(window.start, not same_year)}-{short_day(window.end)}"


def short_when(when: Optional[DateAnswer]) -> str:
    """'Sep 3, 2019', 'Jun 1-Jun 30, 2018' or the long form for anything else."""
    if isinstance(when, DateSpan) and not when.approximate:
        if when.is_day:
            return short_day(when.start)
        same_year = when.start.year == when.end.year
        return f"{short_day(when.start, not same_year)}-{short_day(when.end)}"
    return describe_date(when) or "not given"


def _windows(finding: Finding) -> str:
    return " or ".join(short_window(w) for w in finding.windows)


def _spans(result: Result, finding: Finding) -> str:
    """Each window, with what it is for unless it is for the service the resident named."""
    service = result.method.service if result.method else None
    parts = []
    for w in finding.windows:
        part = short_window(w)
        if w.services and service not in w.services:
            part += f" for {joined([SERVICES[s] for s in w.services])}"
        parts.append(part)
    return "; ".join(parts)


def _for_service(result: Result, finding: Finding) -> str:
    """' for building permits' when every window is for the service the resident named."""
    service = result.method.service if result.method else None
    if service and finding.windows and all(service in w.services for w in finding.windows):
        return f" for {SERVICES[service]}"
    return ""


def _exposed(result: Result, finding: Finding, certain: str) -> str:
    """`certain` ("were exposed"), or the notice's doubt where it hedges ("may have been")."""
    from bot.wording.reasons import exposure_hedged  # the same test as the chat reply's

    if not exposure_hedged(result, finding):
        return certain
    return "may have been exposed"


def _city(result: Result) -> str:
    return result.city.name if result.city else result.place


SHORT: Dict[Reason, Callable[[Result, Finding], str]] = {
    Reason.NAMED_WITHOUT_DETAILS: lambda r, f: (
        f"{_city(r)} was named in the news as hit, but no notice with details is on record."
    ),
    Reason.UNDER_INVESTIGATION: lambda r, f: (
        f"{_city(r)} is still investigating and has not said which payments were hit."
    ),
    Reason.NO_INCIDENT: lambda r, f: f"This check knows of no Click2Gov breach in {r.place}.",
    Reason.OTHER_PLACE: lambda r, f: (
        f"This check knows of no Click2Gov breach in {r.place}; the one it knows is in "
        f"{f.about.display_name}."
    ),
    Reason.ONLY_OTHERS_AFFECTED: lambda r, f: (
        f"{_city(r)} says only payments made {describe_how(f.scope)} were hit."
    ),
    Reason.METHOD_NOT_AFFECTED: lambda r, f: _not_affected(r, f),
    Reason.DATE_OUTSIDE: lambda r, f: (
        f"Your date is outside {_city(r)}'s breach dates{_for_service(r, f)} ({_spans(r, f)})."
    ),
    Reason.AFFECTED_IN_WINDOW: lambda r, f: (
        f"{_city(r)}: payments made {describe_how(f.scope)} {_spans(r, f)} "
        f"{_exposed(r, f, 'were exposed')}."  # the payment's own date leads the text (checked_text)
    ),
    Reason.DATE_NOT_GIVEN: lambda r, f: (
        f"If you paid {describe_how(f.scope)} {_windows(f)}, it {_exposed(r, f, 'was exposed')}."
    ),
    Reason.UNPUBLISHED_DATES: lambda r, f: (
        f"{_city(r)} found hacked dates in {_windows(f)} but did not say which."
    ),
    Reason.DATE_PARTLY_INSIDE: lambda r, f: (
        f"Your dates overlap {_city(r)}'s breach dates ({_windows(f)}) only in part."
    ),
    Reason.DATE_INSIDE: lambda r, f: (
        f"Your date is inside {_city(r)}'s breach dates{_for_service(r, f)} ({_spans(r, f)})."
    ),
    Reason.METHOD_NOT_SAID: lambda r, f: (
        f"It {_exposed(r, f, 'was exposed')} if you paid {describe_how(f.scope)}."
    ),
    Reason.METHOD_NOT_NAMED: lambda r, f: (
        f"The notice does not say if payments made {describe_method(r.method)} were hit."
    ),
    Reason.SERVICE_ASSUMED: lambda r, f: f"(Checked as {SERVICE_ONE[f.services[0]]}.)",
    Reason.DEPENDS_ON_SERVICE: lambda r, f: _depends_on_service(f),
    Reason.SERVICE_NOT_NAMED: lambda r, f: (
        f"{_city(r)} gives breach dates only for {joined([SERVICES[s] for s in f.services])}."
    ),
    Reason.AUTOPAY_ASSUMED: lambda r, f: (
        f"(Read as an autopay set up before; a new sign-up then: {HIT[f.alternatives[0].verdict]}.)"
    ),
}


def _not_affected(result: Result, finding: Finding) -> str:
    paid = describe_method(result.method)
    if finding.rule.source.basis == Basis.STATED:
        return f"{_city(result)} says payments made {paid} were not hit."
    return f"{_city(result)} names other payments as hit, so payments made {paid} were not."


def _depends_on_service(finding: Finding) -> str:
    by_verdict: Dict[str, List[str]] = {}  # one part per answer, naming every service it fits
    for a in finding.alternatives:
        by_verdict.setdefault(a.verdict, []).append(SERVICE_ONE[a.method.service])
    each = "; ".join(
        f"{' or '.join(services)}: {HIT[verdict]}" for verdict, services in by_verdict.items()
    )
    return f"It depends on what you paid for: {each}. Reply with what you paid for."


def why(result: Result) -> str:
    """The reason in one line (the findings that decide; details come behind MORE)."""
    return " ".join(SHORT[f.reason](result, f) for f in result.findings if f.reason in SHORT)


def step_text(step: Step) -> str:
    return step.short or step.text


def call_line(result: Result, national: NationalRecord) -> Optional[str]:
    """The one number to call: the city's, else the FTC's identity theft line."""
    contact: Optional[Contact] = next((c for c in result.contacts if c.phone), None)
    if contact is None:
        contact = national.resource(HELP_LINE)
    if contact is None or not contact.phone:
        return None
    name = contact.label.split(" \u2014 ")[0]  # "Federal Trade Commission — identity theft help"
    return f"Call: {name} {contact.phone}"


def checked_text(result: Result) -> str:
    """What was checked, as understood: 'Checked: Odessa, Sep 5, 2019, online by card.' (so a
    misread date or method shows in the first text, not behind MORE); '' without a city."""
    if result.city is None:
        return ""
    parts = [result.city.name]
    if result.when is not None:
        parts.append(short_when(result.when))
    method = result.method
    if method is not None and Reason.SERVICE_ASSUMED in result.reasons:
        method = replace(method, service=None)  # "(Checked as a utility bill.)" follows
    if method is not None and describe_method(method) != "in any way":
        parts.append(describe_method(method))
    return f"Checked: {', '.join(parts)}. "


def summary(result: Result, national: NationalRecord) -> str:
    """One text message: what was checked, the verdict, why, the two most important steps, the
    number to call."""
    head = f"{checked_text(result)}{assumed_text(result)}{headline(result).sms} {why(result)}"
    call = call_line(result, national)
    room = MAX_SEPTETS - septets(MORE) - 1  # the details follow behind MORE
    for count in (2, 1, 0):  # fewer steps before anything else goes
        steps = [f"{i}) {step_text(s)}" for i, s in enumerate(result.steps[:count], 1)]
        lines = [
            head,
            *(["Do now: " + " ".join(steps)] if steps else []),
            *([call] if call else []),
        ]
        text = to_gsm("\n".join(lines))
        if septets(text) <= room:
            return text
    return pages([head], room, "")[0]


def details(result: Result) -> List[str]:
    """The rest of the answer behind MORE, after the summary: the full reason (the verdict is not
    said again), notes, steps, contacts and the source, one part each."""
    from bot.wording.chat import result_messages
    from bot.wording.reasons import reason_text

    return [f"Why: {reason_text(result)}", *result_messages(result)[1:]]


def help_text(city: Optional[CityRecord], national: NationalRecord) -> str:
    """HELP / INFO: the program, what it does, a number for help, how to stop (CTIA style)."""
    contact = next((c for c in (city.contacts if city else ()) if c.phone), None)
    contact = contact or national.resource(HELP_LINE)
    number = f" Help: {contact.phone}." if contact and contact.phone else ""
    return to_gsm(
        f"{PROGRAM}: tells you if a payment to your city was hit by the Click2Gov breach and what "
        f"to do. Text your city, date and how you paid.{number} Reply STOP to opt out. "
        "Msg&data rates may apply."
    )


STOPPED = to_gsm(
    f"{PROGRAM}: you are unsubscribed and will get no more messages. Reply START to come back."
)
WELCOME_BACK = to_gsm(
    f"{PROGRAM}: welcome back. Text your city, payment date and how you paid, or HELP for help."
)
NOTHING_MORE = to_gsm("That is all. Reply HELP for help, or ask another question.")
# After ESPAÑOL / ENGLISH: how the resident's answers are read (the replies stay English for now)
READ_IN_SPANISH = to_gsm(
    "Listo: leeré sus respuestas en español (5/9/2019 es el 5 de septiembre). Por ahora "
    "respondo en inglés. Text ENGLISH to read answers in English."
)
READ_IN_ENGLISH = to_gsm(
    "OK: your answers are read in English (5/9/2019 is May 9). Envíe ESPAÑOL para español."
)


def choices_text(text: str, titles: List[str]) -> str:
    """A question with its choices as numbered options: 'How did you pay?\\n1 Online, by card'."""
    options = "\n".join(f"{i} {title}" for i, title in enumerate(titles, 1))
    return f"{text}\n{options}" if text else options
