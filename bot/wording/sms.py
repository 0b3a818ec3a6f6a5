"""A check result, and HELP, as text messages: plain GSM-7, the answer first.

The summary is the verdict, a one-line why, the two most important steps and the one number to
call; it fits one page (459 GSM-7 characters, 3 segments). The full chat answer follows behind
"Reply MORE" (the SMS channel pages it).

Every sentence comes from the catalog (bot/i18n.py; Spanish in bot/locale/es/LC_MESSAGES/sms.po)
in the locale spoken. Spanish stays GSM-7: `to_gsm` writes á, í, ó, ú (which GSM 03.38 lacks)
without their accent, and keeps é, ñ, ü, ¿ and ¡. The keywords a Spanish text promises are MAS
(for MORE) and AYUDA (for HELP); STOP and START stay as they are (carriers act on them). The
replies to the keywords themselves (STOP, START, MORE with nothing left, ESPAÑOL) are the SMS
channel's own (assistant/channels/sms.py); HELP's text is here and there, with the same words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any, Callable, Dict, List, Optional

from bot.dates import DateAnswer, DateSpan
from bot.i18n import N_, pick, t
from bot.knowledge.schema import CityRecord, Contact, NationalRecord, Step, Window
from bot.knowledge.vocabulary import Basis, Verdict
from bot.rules import Finding, Reason, Result
from bot.textmessage import MAX_SEPTETS, pages, septets, to_gsm
from bot.wording.assumed import assumed_text
from bot.wording.headlines import headline
from bot.wording.labels import SERVICE_ONE, SERVICES
from bot.wording.phrases import describe_date, describe_how, describe_method, joined

PROGRAM = N_("Click2Gov breach self-check")
MORE_LINE = N_("Reply MORE for more.")  # bot/textmessage.MORE: the SMS channel ends pages with it
MONTHS = N_("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
HELP_LINE = "ftc_identity_theft"
HIT = {
    Verdict.AFFECTED: N_("hit"),
    Verdict.POSSIBLY_AFFECTED: N_("maybe hit"),
    Verdict.NOT_AFFECTED: N_("not hit"),
}
# The keywords a Spanish text promises (assistant/channels/sms.py accepts them, accents or not).
SPANISH_KEYWORDS = {"MORE": "MAS", "HELP": "AYUDA"}


def _month(day: date) -> str:
    return t(MONTHS).split()[day.month - 1]


def short_day(day: date, year: bool = True) -> str:
    """'Sep 3, 2019' or 'Sep 3' ('3 sep 2019' or '3 sep' in Spanish)."""
    if year:
        return t("{month} {day}, {year}", month=_month(day), day=day.day, year=day.year)
    return t("{month} {day}", month=_month(day), day=day.day)


def _short_span(start: date, end: date) -> str:
    """'Aug 27-Oct 14, 2019' (each date's year when the two differ)."""
    same_year = start.year == end.year
    return f"{short_day(start, not same_year)}-{short_day(end)}"


def short_window(window: Window) -> str:
    """'Aug 27-Oct 14, 2019'."""
    return _short_span(window.start, window.end)


def short_when(when: Optional[DateAnswer]) -> str:
    """'Sep 3, 2019', 'Jun 1-Jun 30, 2018' or the long form for anything else."""
    if isinstance(when, DateSpan) and not when.approximate:
        if when.is_day:
            return short_day(when.start)
        return _short_span(when.start, when.end)
    return describe_date(when) or t("not given")


def _or(items: List[str]) -> str:
    """'a or b or c'."""
    return f" {t('or')} ".join(items)


def _services(services: Any) -> str:
    """'building permits and utility bills'."""
    return joined([t(SERVICES[s]) for s in services])


def _windows(finding: Finding) -> str:
    return _or([short_window(w) for w in finding.windows])


def _spans(result: Result, finding: Finding) -> str:
    """Each window, with what it is for unless it is for the service the resident named."""
    service = result.method.service if result.method else None
    parts = []
    for w in finding.windows:
        part = short_window(w)
        if w.services and service not in w.services:
            part += " " + t("for {services}", services=_services(w.services))
        parts.append(part)
    return "; ".join(parts)


def _service_of_every_window(result: Result, finding: Finding) -> Optional[str]:
    """The service the resident named, when every window is for it ('building permits')."""
    service = result.method.service if result.method else None
    if service and finding.windows and all(service in w.services for w in finding.windows):
        return t(SERVICES[service])
    return None


def _hedged(result: Result, finding: Finding) -> bool:
    """Whether the notice hedges the exposure ("may have been"): the text keeps its doubt."""
    from bot.wording.reasons import exposure_hedged  # the same test as the chat reply's

    return exposure_hedged(result, finding)


def _city(result: Result) -> str:
    return result.city.name if result.city else result.place


def _named_without_details(r: Result, f: Finding) -> str:
    return t(
        "{city} was named in the news as hit, but no notice with details is on record.",
        city=_city(r),
    )


def _under_investigation(r: Result, f: Finding) -> str:
    return t(
        "{city} is still investigating and has not said which payments were hit.", city=_city(r)
    )


def _no_incident(r: Result, f: Finding) -> str:
    return t("This check knows of no Click2Gov breach in {place}.", place=r.place)


def _other_place(r: Result, f: Finding) -> str:
    return t(
        "This check knows of no Click2Gov breach in {place}; the one it knows is in {other}.",
        place=r.place,
        other=f.about.display_name,
    )


def _only_others_affected(r: Result, f: Finding) -> str:
    return t(
        "{city} says only payments made {how} were hit.", city=_city(r), how=describe_how(f.scope)
    )


def _date_outside(r: Result, f: Finding) -> str:
    service = _service_of_every_window(r, f)
    if service:
        return t(
            "Your date is outside {city}'s breach dates for {service} ({spans}).",
            city=_city(r),
            service=service,
            spans=_spans(r, f),
        )
    return t(
        "Your date is outside {city}'s breach dates ({spans}).", city=_city(r), spans=_spans(r, f)
    )


def _affected_in_window(r: Result, f: Finding) -> str:
    # the payment's own date leads the text (checked_text)
    values = {"city": _city(r), "how": describe_how(f.scope), "spans": _spans(r, f)}
    if _hedged(r, f):
        return t("{city}: payments made {how} {spans} may have been exposed.", **values)
    return t("{city}: payments made {how} {spans} were exposed.", **values)


def _date_not_given(r: Result, f: Finding) -> str:
    values = {"how": describe_how(f.scope), "windows": _windows(f)}
    if _hedged(r, f):
        return t("If you paid {how} {windows}, it may have been exposed.", **values)
    return t("If you paid {how} {windows}, it was exposed.", **values)


def _unpublished_dates(r: Result, f: Finding) -> str:
    return t(
        "{city} found hacked dates in {windows} but did not say which.",
        city=_city(r),
        windows=_windows(f),
    )


def _date_partly_inside(r: Result, f: Finding) -> str:
    return t(
        "Your dates overlap {city}'s breach dates ({windows}) only in part.",
        city=_city(r),
        windows=_windows(f),
    )


def _date_inside(r: Result, f: Finding) -> str:
    service = _service_of_every_window(r, f)
    if service:
        return t(
            "Your date is inside {city}'s breach dates for {service} ({spans}).",
            city=_city(r),
            service=service,
            spans=_spans(r, f),
        )
    return t(
        "Your date is inside {city}'s breach dates ({spans}).", city=_city(r), spans=_spans(r, f)
    )


def _method_not_said(r: Result, f: Finding) -> str:
    how = describe_how(f.scope)
    if _hedged(r, f):
        return t("It may have been exposed if you paid {how}.", how=how)
    return t("It was exposed if you paid {how}.", how=how)


def _method_not_named(r: Result, f: Finding) -> str:
    return t(
        "The notice does not say if payments made {method} were hit.",
        method=describe_method(r.method),
    )


def _service_assumed(r: Result, f: Finding) -> str:
    return t("(Checked as {service}.)", service=t(SERVICE_ONE[f.services[0]]))


def _service_not_named(r: Result, f: Finding) -> str:
    return t(
        "{city} gives breach dates only for {services}.",
        city=_city(r),
        services=_services(f.services),
    )


def _autopay_assumed(r: Result, f: Finding) -> str:
    return t(
        "(Read as an autopay set up before; a new sign-up then: {hit}.)",
        hit=t(HIT[f.alternatives[0].verdict]),
    )


def _not_affected(result: Result, finding: Finding) -> str:
    paid = describe_method(result.method)
    if finding.rule.source.basis == Basis.STATED:
        return t(
            "{city} says payments made {method} were not hit.", city=_city(result), method=paid
        )
    return t(
        "{city} names other payments as hit, so payments made {method} were not.",
        city=_city(result),
        method=paid,
    )


def _depends_on_service(result: Result, finding: Finding) -> str:
    by_verdict: Dict[str, List[str]] = {}  # one part per answer, naming every service it fits
    for a in finding.alternatives:
        by_verdict.setdefault(a.verdict, []).append(t(SERVICE_ONE[a.method.service]))
    each = "; ".join(
        f"{_or(services)}: {t(HIT[verdict])}" for verdict, services in by_verdict.items()
    )
    return t("It depends on what you paid for: {each}. Reply with what you paid for.", each=each)


SHORT: Dict[Reason, Callable[[Result, Finding], str]] = {
    Reason.NAMED_WITHOUT_DETAILS: _named_without_details,
    Reason.UNDER_INVESTIGATION: _under_investigation,
    Reason.NO_INCIDENT: _no_incident,
    Reason.OTHER_PLACE: _other_place,
    Reason.ONLY_OTHERS_AFFECTED: _only_others_affected,
    Reason.METHOD_NOT_AFFECTED: _not_affected,
    Reason.DATE_OUTSIDE: _date_outside,
    Reason.AFFECTED_IN_WINDOW: _affected_in_window,
    Reason.DATE_NOT_GIVEN: _date_not_given,
    Reason.UNPUBLISHED_DATES: _unpublished_dates,
    Reason.DATE_PARTLY_INSIDE: _date_partly_inside,
    Reason.DATE_INSIDE: _date_inside,
    Reason.METHOD_NOT_SAID: _method_not_said,
    Reason.METHOD_NOT_NAMED: _method_not_named,
    Reason.SERVICE_ASSUMED: _service_assumed,
    Reason.DEPENDS_ON_SERVICE: _depends_on_service,
    Reason.SERVICE_NOT_NAMED: _service_not_named,
    Reason.AUTOPAY_ASSUMED: _autopay_assumed,
}


def why(result: Result) -> str:
    """The reason in one line (the findings that decide; details come behind MORE)."""
    return " ".join(SHORT[f.reason](result, f) for f in result.findings if f.reason in SHORT)


def step_text(step: Step) -> str:
    """The step as a text message gives it: its short form where it has one."""
    return (pick(step, "short") if step.short else None) or pick(step, "text")


# A name that ends with its abbreviation: "Comisión Federal de Comercio (FTC)".
_ABBREVIATED = re.compile(r"\(([A-Z]{2,5})\)$")


def short_name(label: str) -> str:
    """A contact's name as a text message gives it: the label before its dash ("Federal Trade
    Commission — identity theft help"), and only the abbreviation when the name ends with one
    ("Comisión Federal de Comercio (FTC)" is "FTC"), so that the number to call fits."""
    name = label.split(" \u2014 ")[0]
    abbreviated = _ABBREVIATED.search(name)
    return abbreviated.group(1) if abbreviated else name


def call_line(result: Result, national: NationalRecord) -> Optional[str]:
    """The one number to call: the city's, else the FTC's identity theft line."""
    contact: Optional[Contact] = next((c for c in result.contacts if c.phone), None)
    if contact is None:
        contact = national.resource(HELP_LINE)
    if contact is None or not contact.phone:
        return None
    return t("Call: {name} {phone}", name=short_name(pick(contact, "label")), phone=contact.phone)


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
    return t("Checked: {what}.", what=", ".join(parts)) + " "


def more_text() -> str:
    """The line that ends every page but the last: 'Reply MORE for more.'."""
    return to_gsm(t(MORE_LINE))


def summary(result: Result, national: NationalRecord) -> str:
    """One text message: what was checked, the verdict, why, the two most important steps, the
    number to call."""
    assumed = assumed_text(result, sms=True)
    head = f"{checked_text(result)}{assumed}{headline(result).sms} {why(result)}"
    call = call_line(result, national)
    room = MAX_SEPTETS - septets(more_text()) - 1  # the details follow behind MORE
    for count in (2, 1, 0):  # fewer steps before anything else goes
        steps = [f"{i}) {step_text(s)}" for i, s in enumerate(result.steps[:count], 1)]
        lines = [
            head,
            *([t("Do now: {steps}", steps=" ".join(steps))] if steps else []),
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

    return [t("Why: {reason}", reason=reason_text(result)), *result_messages(result)[1:]]


def help_text(city: Optional[CityRecord], national: NationalRecord) -> str:
    """HELP / INFO: the program, what it does, a number for help, how to stop (CTIA style)."""
    contact = next((c for c in (city.contacts if city else ()) if c.phone), None)
    contact = contact or national.resource(HELP_LINE)
    if contact and contact.phone:
        text = t(
            "{program}: tells you if a payment to your city was hit by the Click2Gov breach and "
            "what to do. Text your city, date and how you paid. Help: {phone}. Reply STOP to opt "
            "out. Msg&data rates may apply.",
            program=t(PROGRAM),
            phone=contact.phone,
        )
    else:
        text = t(
            "{program}: tells you if a payment to your city was hit by the Click2Gov breach and "
            "what to do. Text your city, date and how you paid. Reply STOP to opt out. "
            "Msg&data rates may apply.",
            program=t(PROGRAM),
        )
    return to_gsm(text)


def choices_text(text: str, titles: List[str]) -> str:
    """A question with its choices as numbered options: 'How did you pay?\\n1 Online, by card'."""
    options = "\n".join(f"{i} {title}" for i, title in enumerate(titles, 1))
    return f"{text}\n{options}" if text else options
