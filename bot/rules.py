"""The rules engine: (city, payment date or span, method) -> verdict, reason, steps, contacts, sources.

Pure functions over knowledge records; no database or Rasa here. Verdicts follow DESIGN.md §3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, List, Optional, Sequence, Tuple

from bot.cities import US_STATES, CityMatch
from bot.dates import DateAnswer, DateSpan, DateUnknown
from bot.knowledge.records import CityRecord, Contact, MethodRule, NationalRecord, Source, Window
from bot.knowledge.vocabulary import CHANNEL_SHORT, DATA_ITEMS, INSTRUMENT_SHORT, SERVICES
from bot.methods import Method

HEADLINES = {
    "affected": "Your payment was affected",
    "possibly_affected": "Your payment may have been affected",
    "not_affected": "Your payment was not affected",
    "under_investigation": "The city is still investigating; no scope has been published yet",
    "no_details_on_record": "This city was named as hit, but no details are on record",
    "no_incident_on_record": "No Click2Gov incident is on record for this city",
}

# National resources given with each verdict (ids of national.yaml resources).
NATIONAL_CONTACTS = {
    "affected": ("ftc_identity_theft", "free_credit_reports", "ic3"),
    "possibly_affected": ("ftc_identity_theft", "free_credit_reports", "ic3"),
    "not_affected": ("ftc_identity_theft",),
    "under_investigation": ("ftc_identity_theft", "free_credit_reports"),
    "no_details_on_record": ("ftc_identity_theft", "free_credit_reports"),
    "no_incident_on_record": ("ftc_identity_theft", "free_credit_reports"),
}


@dataclass(frozen=True)
class Result:
    """The answer to one check."""

    verdict: str
    city: str
    reason: str
    steps: Tuple[str, ...] = ()
    contacts: Tuple[Contact, ...] = ()
    sources: Tuple[Source, ...] = ()
    city_id: Optional[str] = None
    payment_date: Optional[str] = None
    payment_method: Optional[str] = None
    notes: Tuple[str, ...] = field(default=())

    @property
    def headline(self) -> str:
        return HEADLINES[self.verdict]


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def window_text(window: Window) -> str:
    return f"{long_date(window.start)} and {long_date(window.end)}"


# ---------------------------------------------------------------- methods


def _rule_fit(rule: MethodRule, method: Method, unknown_service_matches: bool) -> str:
    """'full' when every constrained field is known and matches, 'conflict' when one differs,
    otherwise 'partial' (the resident did not say)."""
    partial = False
    for wanted, value, is_service in (
        (rule.channels, method.channel, False),
        (rule.instruments, method.instrument, False),
        (rule.services, method.service, True),
    ):
        if not wanted:
            continue
        if value is None:
            if not (is_service and unknown_service_matches):
                partial = True
        elif value not in wanted:
            return "conflict"
    return "partial" if partial else "full"


@dataclass(frozen=True)
class MethodFinding:
    """What the notice says about the method: excluded, affected, unknown (not said), not_named."""

    kind: str
    rule: Optional[MethodRule] = None


DEFAULT_AFFECTED = MethodRule(
    effect="affected",
    source=Source("DESIGN.md", "an online Click2Gov card payment", "inferred", "default"),
    channels=("online_one_time",),
    instruments=("card",),
)


def classify_method(city: CityRecord, method: Method) -> MethodFinding:
    """Compare the method with the notice's affected / not-affected rules."""
    for rule in city.rules:
        if rule.effect == "not_affected" and _rule_fit(rule, method, False) == "full":
            return MethodFinding("excluded", rule)
    affected = [r for r in city.rules if r.effect == "affected"] or [DEFAULT_AFFECTED]
    fits = [(rule, _rule_fit(rule, method, True)) for rule in affected]
    for wanted in ("full", "partial"):
        for rule, fit in fits:
            if fit == wanted:
                return MethodFinding("affected" if wanted == "full" else "unknown", rule)
    exclusive = next((r for r in affected if r.exclusive), None)
    if exclusive:
        return MethodFinding("excluded", exclusive)
    return MethodFinding("not_named", None)


def describe_how(rule: MethodRule) -> str:
    """'online by card for utility bills'."""
    parts = [" or ".join(CHANNEL_SHORT[c] for c in rule.channels)] if rule.channels else []
    if rule.instruments:
        parts.append(" or ".join(INSTRUMENT_SHORT[i] for i in rule.instruments))
    if rule.services:
        parts.append("for " + " or ".join(SERVICES[s] for s in rule.services))
    return " ".join(parts) or "in any way"


def describe_rule(rule: MethodRule) -> str:
    """'payments made online by card for utility bills'."""
    return f"payments made {describe_how(rule)}"


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateFinding:
    """Where the date lies: inside, unpublished (the 43-date range), partial, outside, unknown."""

    kind: str
    windows: Tuple[Window, ...] = ()


def _days(span: DateSpan) -> Iterable[date]:
    day = span.start
    while day <= span.end:
        yield day
        day += timedelta(days=1)


def classify_date(
    city: CityRecord, when: Optional[DateAnswer], service: Optional[str]
) -> DateFinding:
    """Compare a day or a span with the windows that apply to the service (all when unknown)."""
    windows = tuple(
        w for w in city.windows if not w.services or service is None or service in w.services
    )
    if when is None or isinstance(when, DateUnknown):
        return DateFinding("unknown", windows)
    hit = tuple(w for w in windows if w.start <= when.end and when.start <= w.end)
    if not hit:
        return DateFinding("outside", windows)
    confirmed = [w for w in hit if w.kind == "confirmed"]
    if confirmed and all(any(w.start <= d <= w.end for w in confirmed) for d in _days(when)):
        return DateFinding("inside", tuple(confirmed))
    if when.is_day and not when.approximate:
        return DateFinding("unpublished", hit)
    return DateFinding("partial", hit)


# ---------------------------------------------------------------- steps and contacts


def select_steps(
    verdict: str, city: Optional[CityRecord], national: NationalRecord
) -> Tuple[str, ...]:
    """The library's and the city's steps that fit the verdict and the data exposed."""
    exposed = set(city.exposed_items()) if city else set()
    not_exposed = set(city.not_exposed_items()) if city else set()
    chosen: List[str] = []
    for step in (*national.steps, *(city.steps if city else ())):
        if verdict not in step.verdicts:
            continue
        if step.if_exposed and not exposed & set(step.if_exposed):
            continue
        if step.if_not_exposed and not set(step.if_not_exposed) <= not_exposed:
            continue
        if step.unless_not_exposed and set(step.unless_not_exposed) <= not_exposed:
            continue
        if step.text not in chosen:
            chosen.append(step.text)
    return tuple(chosen)


def select_contacts(
    verdict: str, city: Optional[CityRecord], national: NationalRecord
) -> Tuple[Contact, ...]:
    """The city's contacts first, then the national resources for this verdict."""
    city_contacts = tuple(city.contacts) if city else ()
    national_ones = tuple(
        r for key in NATIONAL_CONTACTS[verdict] if (r := national.resource(key)) is not None
    )
    return city_contacts + national_ones


def _result(
    verdict: str,
    reason: str,
    city: Optional[CityRecord],
    national: NationalRecord,
    sources: Sequence[Optional[Source]],
    name: str,
    when: Optional[DateAnswer] = None,
    method: Optional[Method] = None,
    notes: Sequence[str] = (),
) -> Result:
    unique: List[Source] = []
    for source in sources:
        if source is not None and source not in unique and source.seed != "DESIGN.md":
            unique.append(source)
    date_text = None
    if isinstance(when, DateSpan):
        date_text = when.describe()
    elif isinstance(when, DateUnknown):
        date_text = "not remembered"
    return Result(
        verdict=verdict,
        city=name,
        reason=reason,
        steps=select_steps(verdict, city, national),
        contacts=select_contacts(verdict, city, national),
        sources=tuple(unique),
        city_id=city.id if city else None,
        payment_date=date_text,
        payment_method=method.describe() if method else None,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------- verdicts


def check_unmatched(
    match: CityMatch, national: NationalRecord, known: Optional[CityRecord]
) -> Result:
    """No incident on record: an unknown city, or a known name in another state or country."""
    other = national.fact("other_incidents")
    if match.kind == "other_place" and known is not None:
        place = match.place or US_STATES.get(match.state or "", match.state or "").title()
        reason = (
            f"There is no Click2Gov incident on record for {match.query}. The {known.name} on record "
            f"is {known.display_name}; Click2Gov was used by US cities. If you meant "
            f"{known.display_name}, check again with that city."
        )
        notes = [n.text for n in known.notes if n.text and place.lower() in n.text.lower()]
        return _result("no_incident_on_record", reason, None, national,
                       [n.source for n in known.notes if n.text in notes], match.query, notes=notes)  # fmt: skip
    reason = f"There is no Click2Gov incident on record for {match.query}."
    if other is not None and other.text:
        reason += (
            " " + other.text + " If your city is not listed, check your city's website or call its "
            "billing office to ask whether it used Click2Gov."
        )
    return _result("no_incident_on_record", reason, None, national,
                   [other.source if other else None], match.query)  # fmt: skip


def check_city(
    city: CityRecord,
    national: NationalRecord,
    when: Optional[DateAnswer],
    method: Optional[Method],
) -> Result:
    """The verdict for a known city."""
    method = method or Method()
    name = city.display_name
    if city.status == "named_without_details":
        reason = (
            f"{name} was named in a news report as hit by a Click2Gov breach, but no notice with "
            "dates or payment channels is on record, so this check cannot say whether your payment "
            "was affected. Ask the city directly, and watch your statements."
        )
        return _result("no_details_on_record", reason, city, national, [city.status_source], name,
                       when, method)  # fmt: skip
    if city.status == "under_investigation":
        return _under_investigation(city, national, when, method)
    return _confirmed(city, national, when, method)


def _under_investigation(
    city: CityRecord, national: NationalRecord, when: Optional[DateAnswer], method: Method
) -> Result:
    name = city.display_name
    parts = [
        f"{name} has reported a possible Click2Gov security event, but it has not published which "
        "dates or payments were affected; the investigation is still going on."
    ]
    if city.letters and city.letters.text:
        parts.append(city.letters.text)
    if city.online_status == "suspended" and city.online_text:
        parts.append(city.online_text)
    if city.pay_meanwhile:
        ways = "; ".join(f.text[0].lower() + f.text[1:] for f in city.pay_meanwhile if f.text)
        parts.append(f"Meanwhile you can pay {ways}")
    sources = [city.status_source, city.online_source, *(f.source for f in city.pay_meanwhile)]
    if city.letters:
        sources.append(city.letters.source)
    return _result(
        "under_investigation", " ".join(parts), city, national, sources, name, when, method
    )


def _confirmed(
    city: CityRecord, national: NationalRecord, when: Optional[DateAnswer], method: Method
) -> Result:
    name = city.display_name
    found_method = classify_method(city, method)
    found_date = classify_date(city, when, method.service)
    base_sources: List[Optional[Source]] = [city.notice_source]
    exposure_sources = [f.source for f in city.exposed]

    if found_method.kind == "excluded":
        rule = found_method.rule
        if rule.effect == "affected":
            reason = (
                f"{name}'s notice says only {describe_rule(rule)} were affected; you paid "
                f"{method.describe()}, so your payment was not affected."
            )
        else:
            reason = (
                f"{name}'s notice says payments made {method.describe()} were not affected "
                f"(\u201c{rule.source.quote}\u201d)."
            )
        return _result("not_affected", reason, city, national, [*base_sources, rule.source], name,
                       when, method)  # fmt: skip

    window_sources = [w.source for w in found_date.windows]
    if found_date.kind == "outside":
        spans = "; ".join(f"between {window_text(w)}" for w in found_date.windows)
        reason = (
            f"Your payment ({when.describe()}) falls outside the dates {name}'s notice gives for the "
            f"breach ({spans}), so it was not affected."
        )
        return _result("not_affected", reason, city, national, [*base_sources, *window_sources],
                       name, when, method)  # fmt: skip

    rule_sources = [found_method.rule.source] if found_method.rule else []
    sources = [*base_sources, *window_sources, *rule_sources, *exposure_sources]
    if found_date.kind == "inside" and found_method.kind == "affected":
        exposed = ", ".join(_item_names(city))
        reason = (
            f"{name}'s notice says {describe_rule(found_method.rule)} between "
            f"{window_text(found_date.windows[0])} were exposed. You paid {method.describe()} on "
            f"{when.describe()}, inside that window."
        )
        if exposed:
            reason += f" The data taken: {exposed}."
        if city.letters and city.letters.text:
            reason += " " + city.letters.text
        return _result("affected", reason, city, national, sources, name, when, method)

    reason = " ".join(_possible_reasons(city, found_date, found_method, when, method))
    return _result("possibly_affected", reason, city, national, sources, name, when, method)


def _item_names(city: CityRecord) -> List[str]:
    return [DATA_ITEMS[item] for item in city.exposed_items()]


def _possible_reasons(
    city: CityRecord,
    found_date: DateFinding,
    found_method: MethodFinding,
    when: Optional[DateAnswer],
    method: Method,
) -> List[str]:
    """Plain sentences for a partial match: what is known, and what would decide it."""
    name = city.display_name
    reasons: List[str] = []
    confirmed = [w for w in city.windows if w.kind == "confirmed"]
    windows_text = " or ".join(f"between {window_text(w)}" for w in confirmed)
    rule = found_method.rule or DEFAULT_AFFECTED
    affected_text = describe_rule(rule)

    if found_date.kind == "unknown":
        reasons.append(
            f"Without the date: if you paid {describe_how(rule)} {windows_text}, your payment was "
            f"affected; payments on other dates were not."
        )
        unpublished = [w for w in found_date.windows if w.kind == "unpublished_dates"]
        for w in unpublished:
            reasons.append(_unpublished_sentence(w))
    elif found_date.kind == "unpublished":
        reasons.extend(_unpublished_sentence(w) for w in found_date.windows)
        reasons.append(
            f"Your payment ({when.describe()}) falls in that range, so it may have been affected."
        )
    elif found_date.kind == "partial":
        ranges = "; ".join(
            f"{'confirmed' if w.kind == 'confirmed' else 'unpublished dates'} between {window_text(w)}"
            for w in found_date.windows
        )
        reasons.append(
            f"The dates you gave ({when.describe()}) overlap the breach dates in {name}'s notice "
            f"only in part ({ranges}). If your payment was inside those dates it may have been affected."
        )
    else:
        reasons.append(
            f"Your payment ({when.describe()}) falls inside the breach window {windows_text}."
        )

    if found_method.kind == "unknown" and found_date.kind != "unknown":
        reasons.append(
            f"The notice says {affected_text} were affected; if yours was one, it was exposed."
        )
    elif found_method.kind == "not_named":
        reasons.append(
            f"{name}'s notice does not say whether payments made {method.describe()} were affected; "
            f"it names {affected_text}."
        )
    if city.letters and city.letters.text:
        reasons.append(city.letters.text)
    return reasons


def _unpublished_sentence(window: Window) -> str:
    count = f"{window.dates_hit} specific dates" if window.dates_hit else "specific dates"
    return (
        f"The city found {count} between {window_text(window)} when payments were compromised, "
        "but did not publish which dates."
    )
