"""The rules engine: (city, payment date or span, method) -> a verdict and the findings behind it.

Pure functions over knowledge records; no database, no Rasa, no wording (`bot/wording/` turns a
Result into sentences). Verdicts follow DESIGN.md §3 and `knowledge/README.md` ("How the rules read
a city file").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from bot.cities import US_STATES, CityMatch
from bot.dates import DateAnswer, DateSpan, DateUnknown
from bot.knowledge.schema import (
    CityRecord,
    Contact,
    Count,
    MethodRule,
    NationalFact,
    NationalRecord,
    NoticeRecord,
    Scope,
    Source,
    Step,
    TextFact,
    Window,
)
from bot.knowledge.vocabulary import (
    Channel,
    Instrument,
    OnlineStatus,
    Service,
    Status,
    Verdict,
    WindowKind,
    Word,
)
from bot.methods import Method

# National resources given with each verdict (ids of national.yaml resources).
NATIONAL_CONTACTS = {
    Verdict.AFFECTED: ("ftc_identity_theft", "free_credit_reports", "ic3"),
    Verdict.POSSIBLY_AFFECTED: ("ftc_identity_theft", "free_credit_reports", "ic3"),
    Verdict.NOT_AFFECTED: ("ftc_identity_theft",),
    Verdict.UNDER_INVESTIGATION: ("ftc_identity_theft", "free_credit_reports"),
    Verdict.NO_DETAILS_ON_RECORD: ("ftc_identity_theft", "free_credit_reports"),
    Verdict.NO_INCIDENT_ON_RECORD: ("ftc_identity_theft", "free_credit_reports"),
}

# Read for a city whose notice names no affected payments (knowledge/README.md, rule 3).
DEFAULT_AFFECTED = Scope(channels=(Channel.ONLINE_ONE_TIME,), instruments=(Instrument.CARD,))


class Reason(Word):
    """Why a verdict was given; each comes with the facts it rests on (see Finding)."""

    NAMED_WITHOUT_DETAILS = "named_without_details"
    UNDER_INVESTIGATION = "under_investigation"
    ONLINE_SUSPENDED = "online_suspended"  # facts: the online-payments status
    PAY_MEANWHILE = "pay_meanwhile"  # facts: the ways to pay meanwhile
    LETTERS = "letters"  # facts: the letters the city sends
    NO_INCIDENT = "no_incident"  # facts: the national note on other cities
    OTHER_PLACE = "other_place"  # about: the city of that name on record, elsewhere
    ONLY_OTHERS_AFFECTED = "only_others_affected"  # rule: the notice's "only ..." rule
    METHOD_NOT_AFFECTED = "method_not_affected"  # rule: the not-affected rule that fits
    DATE_OUTSIDE = "date_outside"  # windows: those that apply
    AFFECTED_IN_WINDOW = "affected_in_window"  # windows: the one; scope: the affected payments
    DATA_TAKEN = "data_taken"
    DATE_NOT_GIVEN = "date_not_given"  # windows: the confirmed ones; scope
    UNPUBLISHED_DATES = "unpublished_dates"  # windows: one range of unpublished dates
    IN_UNPUBLISHED_RANGE = "in_unpublished_range"
    DATE_PARTLY_INSIDE = "date_partly_inside"  # windows: those overlapped
    DATE_INSIDE = "date_inside"  # windows: the confirmed ones the date falls in
    METHOD_NOT_SAID = "method_not_said"  # scope: the affected payments
    METHOD_NOT_NAMED = "method_not_named"  # scope: the affected payments
    SERVICE_ASSUMED = "service_assumed"  # services: the only one the notice names
    DEPENDS_ON_SERVICE = "depends_on_service"  # alternatives: the answer for each service
    SERVICE_NOT_NAMED = "service_not_named"  # services: those the notice gives dates for
    AUTOPAY_ASSUMED = "autopay_assumed"  # alternatives: the answer for a new autopay enrollment
    COUNTS = "counts"  # facts: how many people or payments the city counted


AnyFact = Union[TextFact, NationalFact, Count]


@dataclass(frozen=True)
class Finding:
    """One reason with its parameters."""

    reason: Reason
    windows: Tuple[Window, ...] = ()
    scope: Optional[Scope] = None
    rule: Optional[MethodRule] = None
    facts: Tuple[AnyFact, ...] = ()
    about: Optional[CityRecord] = None
    services: Tuple[Service, ...] = ()
    alternatives: Tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class Alternative:
    """The answer had the resident said one more thing (a service, a new autopay)."""

    method: Method
    verdict: Verdict
    findings: Tuple[Finding, ...]


@dataclass(frozen=True)
class Result:
    """The answer to one check, as data."""

    verdict: Verdict
    place: str  # the city's display name, or the resident's words for a place not on record
    findings: Tuple[Finding, ...]
    city: Optional[CityRecord] = None
    when: Optional[DateAnswer] = None
    method: Optional[Method] = None
    steps: Tuple[Step, ...] = ()
    contacts: Tuple[Contact, ...] = ()
    sources: Tuple[Source, ...] = ()
    notes: Tuple[TextFact, ...] = field(default=())
    notices: Tuple[NoticeRecord, ...] = ()  # the documents the sources cite (see selfcheck.check)

    @property
    def city_id(self) -> Optional[str]:
        return self.city.id if self.city else None

    @property
    def reasons(self) -> Tuple[Reason, ...]:
        return tuple(f.reason for f in self.findings)


# ---------------------------------------------------------------- methods


class Fit(Word):
    FULL = "full"  # every field the rule constrains is known and matches
    PARTIAL = "partial"  # nothing differs, but the resident did not say something the rule needs
    CONFLICT = "conflict"  # a field differs


class MethodKind(Word):
    EXCLUDED = "excluded"  # a not-affected rule fits, or an "only ..." rule does not
    AFFECTED = "affected"  # an affected rule fits
    UNKNOWN = "unknown"  # an affected rule might fit: the resident did not say enough
    NOT_NAMED = "not_named"  # the notice says nothing about this method


class DateKind(Word):
    INSIDE = "inside"  # every day inside a confirmed window
    UNPUBLISHED = "unpublished"  # one exact day in a range of unpublished dates
    PARTIAL = "partial"  # a span that overlaps in part
    OUTSIDE = "outside"
    UNKNOWN = "unknown"  # no date, or "I don't remember"


def _rule_fit(scope: Scope, method: Method, unknown_service_matches: bool) -> Fit:
    """How the method fits the payments a rule is about."""
    partial = False
    for wanted, value, is_service in (
        (scope.channels, method.channel, False),
        (scope.instruments, method.instrument, False),
        (scope.services, method.service, True),
    ):
        if not wanted:
            continue
        if value is None:
            if not (is_service and unknown_service_matches):
                partial = True
        elif value not in wanted:
            return Fit.CONFLICT
    return Fit.PARTIAL if partial else Fit.FULL


@dataclass(frozen=True)
class MethodFinding:
    """What the notice says about the method. scope: the affected payments the answer is about;
    rule: the notice's rule, when one applies."""

    kind: MethodKind
    scope: Scope
    rule: Optional[MethodRule] = None


def classify_method(city: CityRecord, method: Method) -> MethodFinding:
    """Compare the method with the notice's affected / not-affected rules."""
    for rule in city.methods.not_affected:
        if _rule_fit(rule.scope, method, False) == Fit.FULL:
            return MethodFinding(MethodKind.EXCLUDED, rule.scope, rule)
    affected: List[Tuple[Scope, Optional[MethodRule]]] = [
        (rule.scope, rule) for rule in city.methods.affected
    ] or [(DEFAULT_AFFECTED, None)]
    fits = [(scope, rule, _rule_fit(scope, method, True)) for scope, rule in affected]
    for wanted, kind in ((Fit.FULL, MethodKind.AFFECTED), (Fit.PARTIAL, MethodKind.UNKNOWN)):
        for scope, rule, fit in fits:
            if fit == wanted:
                return MethodFinding(kind, scope, rule)
    exclusive = next((rule for rule in city.methods.affected if rule.exclusive), None)
    if exclusive is not None:
        return MethodFinding(MethodKind.EXCLUDED, exclusive.scope, exclusive)
    return MethodFinding(MethodKind.NOT_NAMED, affected[0][0], affected[0][1])


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateFinding:
    """Where the date lies, and the windows that tell."""

    kind: DateKind
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
        return DateFinding(DateKind.UNKNOWN, windows)
    hit = tuple(w for w in windows if w.start <= when.end and when.start <= w.end)
    if not hit:
        return DateFinding(DateKind.OUTSIDE, windows)
    confirmed = [w for w in hit if w.kind == WindowKind.CONFIRMED]
    if confirmed and all(any(w.start <= d <= w.end for w in confirmed) for d in _days(when)):
        return DateFinding(DateKind.INSIDE, tuple(confirmed))
    if when.is_day and not when.approximate:
        return DateFinding(DateKind.UNPUBLISHED, hit)
    return DateFinding(DateKind.PARTIAL, hit)


# ---------------------------------------------------------------- steps and contacts


def select_steps(
    verdict: Verdict,
    city: Optional[CityRecord],
    national: NationalRecord,
    instrument: Optional[str] = None,
) -> Tuple[Step, ...]:
    """The library's and the city's steps that fit the verdict and the data exposed (of what
    exposed data fits the payer's instrument, when it is known: no card steps for an e-check)."""
    exposed = set(city.exposed_items(instrument)) if city else set()
    not_exposed = set(city.not_exposed_items()) if city else set()
    chosen: List[Step] = []
    for step in (*national.steps, *(city.steps if city else ())):
        if verdict not in step.verdicts:
            continue
        if step.if_exposed and not exposed & set(step.if_exposed):
            continue
        if step.if_not_exposed and not set(step.if_not_exposed) <= not_exposed:
            continue
        if step.unless_not_exposed and set(step.unless_not_exposed) <= not_exposed:
            continue
        if all(step.text != other.text for other in chosen):
            chosen.append(step)
    return tuple(chosen)


def select_contacts(
    verdict: Verdict, city: Optional[CityRecord], national: NationalRecord
) -> Tuple[Contact, ...]:
    """The city's contacts first, then the national resources for this verdict."""
    city_contacts = tuple(city.contacts) if city else ()
    national_ones = tuple(
        r for key in NATIONAL_CONTACTS[verdict] if (r := national.resource(key)) is not None
    )
    return city_contacts + national_ones


def _unique(sources: Sequence[Optional[Source]]) -> Tuple[Source, ...]:
    """The sources of everything used, each once, in the order used."""
    unique: List[Source] = []
    for source in sources:
        if source is not None and source not in unique:
            unique.append(source)
    return tuple(unique)


def _result(
    verdict: Verdict,
    findings: Sequence[Finding],
    sources: Sequence[Optional[Source]],
    national: NationalRecord,
    place: str,
    city: Optional[CityRecord] = None,
    when: Optional[DateAnswer] = None,
    method: Optional[Method] = None,
    notes: Sequence[TextFact] = (),
) -> Result:
    return Result(
        verdict=verdict,
        place=place,
        findings=tuple(findings),
        city=city,
        when=when,
        method=method,
        steps=select_steps(verdict, city, national, method.instrument if method else None),
        contacts=select_contacts(verdict, city, national),
        sources=_unique(sources),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------- verdicts


def check_unmatched(
    match: CityMatch, national: NationalRecord, known: Optional[CityRecord]
) -> Result:
    """No incident on record: an unknown city, or a known name in another state or country."""
    verdict = Verdict.NO_INCIDENT_ON_RECORD
    if match.kind == "other_place" and known is not None:
        place = (match.place or US_STATES.get(match.state or "", "")).lower()
        notes = [n for n in known.notes if place and place in n.text.lower()]
        finding = Finding(Reason.OTHER_PLACE, about=known)
        return _result(
            verdict, [finding], [n.source for n in notes], national, match.query, notes=notes
        )
    other = national.fact("other_incidents")
    finding = Finding(Reason.NO_INCIDENT, facts=(other,) if other else ())
    return _result(verdict, [finding], [other.source if other else None], national, match.query)


def check_city(
    city: CityRecord,
    national: NationalRecord,
    when: Optional[DateAnswer],
    method: Optional[Method],
) -> Result:
    """The verdict for a known city."""
    method = method or Method()
    if city.status == Status.NAMED_WITHOUT_DETAILS:
        findings = [Finding(Reason.NAMED_WITHOUT_DETAILS)]
        return _result(
            Verdict.NO_DETAILS_ON_RECORD,
            findings,
            [city.status_source],
            national,
            city.display_name,
            city,
            when,
            method,
        )
    if city.status == Status.UNDER_INVESTIGATION:
        return _under_investigation(city, national, when, method)
    return _confirmed(city, national, when, method)


def _under_investigation(
    city: CityRecord, national: NationalRecord, when: Optional[DateAnswer], method: Method
) -> Result:
    findings = [Finding(Reason.UNDER_INVESTIGATION)]
    sources: List[Optional[Source]] = [city.status_source]
    if city.letters:
        findings.append(Finding(Reason.LETTERS, facts=(city.letters,)))
    online = city.online_payments
    if online and online.status == OnlineStatus.SUSPENDED:
        findings.append(Finding(Reason.ONLINE_SUSPENDED, facts=(online,)))
    if online:
        sources.append(online.source)
    if city.pay_meanwhile:
        findings.append(Finding(Reason.PAY_MEANWHILE, facts=city.pay_meanwhile))
        sources.extend(f.source for f in city.pay_meanwhile)
    if city.letters:
        sources.append(city.letters.source)
    return _result(
        Verdict.UNDER_INVESTIGATION,
        findings,
        sources,
        national,
        city.display_name,
        city,
        when,
        method,
    )


def city_services(city: CityRecord) -> Tuple[Service, ...]:
    """The services the city's facts name (its services, then windows and rules), each once."""
    rules = (*city.methods.affected, *city.methods.not_affected)
    named = [
        *(f.service for f in city.services),
        *(s for w in city.windows for s in w.services),
        *(s for r in rules for s in r.services),
    ]
    return tuple(dict.fromkeys(named))


def depends_on_service(city: CityRecord) -> bool:
    """Some window or rule applies to some services only."""
    rules = (*city.methods.affected, *city.methods.not_affected)
    return any(w.services for w in city.windows) or any(r.services for r in rules)


def _confirmed(
    city: CityRecord, national: NationalRecord, when: Optional[DateAnswer], method: Method
) -> Result:
    """A confirmed incident: the service the resident did not name is assumed when the notice
    names only one, and otherwise answered for each service when the answers differ."""
    if method.service is not None or not depends_on_service(city):
        return _with_autopay_note(city, national, when, method)
    services = city_services(city)
    if len(services) == 1:
        result = _with_autopay_note(city, national, when, replace(method, service=services[0]))
        assumed = Finding(Reason.SERVICE_ASSUMED, services=services)
        first, *others = result.findings
        return replace(result, findings=(first, assumed, *others))
    generic = _with_autopay_note(city, national, when, method)
    each = [_confirmed_for(city, national, when, replace(method, service=s)) for s in services]
    if all(r.verdict == generic.verdict for r in each):
        return generic
    alternatives = tuple(Alternative(r.method, r.verdict, r.findings) for r in each)
    finding = Finding(Reason.DEPENDS_ON_SERVICE, services=services, alternatives=alternatives)
    sources = [s for r in each for s in r.sources]
    return _result(
        Verdict.POSSIBLY_AFFECTED,
        [finding, *_counts(city)],
        [*sources, *(c.source for c in city.counts)],
        national,
        city.display_name,
        city,
        when,
        method,
    )


def _with_autopay_note(
    city: CityRecord, national: NationalRecord, when: Optional[DateAnswer], method: Method
) -> Result:
    """The answer for the method; when "autopay" was read as an existing autopay and a new
    enrollment would be answered differently, the answer says so."""
    result = _confirmed_for(city, national, when, method)
    if not (method.autopay_assumed and method.channel == Channel.AUTOPAY_EXISTING):
        return result
    new = _confirmed_for(city, national, when, replace(method, channel=Channel.AUTOPAY_NEW))
    if new.verdict == result.verdict:
        return result
    other = Alternative(new.method, new.verdict, new.findings)
    note = Finding(Reason.AUTOPAY_ASSUMED, alternatives=(other,))
    return replace(
        result,
        findings=(*result.findings, note),
        sources=_unique([*result.sources, *new.sources]),
    )


def _counts(city: CityRecord) -> List[Finding]:
    return [Finding(Reason.COUNTS, facts=city.counts)] if city.counts else []


def _confirmed_for(
    city: CityRecord, national: NationalRecord, when: Optional[DateAnswer], method: Method
) -> Result:
    found_method = classify_method(city, method)
    found_date = classify_date(city, when, method.service)

    def result(verdict: Verdict, findings: List[Finding], sources: List[Optional[Source]]):
        return _result(verdict, findings, sources, national, city.display_name, city, when, method)

    if found_method.kind == MethodKind.EXCLUDED:
        rule = found_method.rule
        reason = Reason.ONLY_OTHERS_AFFECTED if rule.exclusive else Reason.METHOD_NOT_AFFECTED
        finding = Finding(reason, scope=rule.scope, rule=rule)
        return result(Verdict.NOT_AFFECTED, [finding], [rule.source])

    if city.windows and not found_date.windows:  # every window is for other services
        named = tuple(s for s in city_services(city) if any(s in w.services for w in city.windows))
        finding = Finding(Reason.SERVICE_NOT_NAMED, services=named)
        return result(Verdict.POSSIBLY_AFFECTED, [finding], [w.source for w in city.windows])

    window_sources = [w.source for w in found_date.windows]
    if found_date.kind == DateKind.OUTSIDE:
        finding = Finding(Reason.DATE_OUTSIDE, windows=found_date.windows)
        return result(Verdict.NOT_AFFECTED, [finding], window_sources)

    rule_sources = [found_method.rule.source] if found_method.rule else []
    exposure_sources = [f.source for f in city.data_exposed]
    letter_sources = [city.letters.source] if city.letters else []
    count_sources = [c.source for c in city.counts]
    sources = [*window_sources, *rule_sources, *exposure_sources, *letter_sources, *count_sources]
    letters = [Finding(Reason.LETTERS, facts=(city.letters,))] if city.letters else []
    letters += _counts(city)
    if found_date.kind == DateKind.INSIDE and found_method.kind == MethodKind.AFFECTED:
        findings = [
            Finding(
                Reason.AFFECTED_IN_WINDOW,
                windows=found_date.windows[:1],
                scope=found_method.scope,
                rule=found_method.rule,
            )
        ]
        if city.data_exposed:
            findings.append(Finding(Reason.DATA_TAKEN))
        return result(Verdict.AFFECTED, findings + letters, sources)

    findings = _possible_findings(city, found_date, found_method)
    return result(Verdict.POSSIBLY_AFFECTED, findings + letters, sources)


def _possible_findings(
    city: CityRecord, found_date: DateFinding, found_method: MethodFinding
) -> List[Finding]:
    """A partial match: what is known about the date, and what would decide it."""
    confirmed = tuple(w for w in city.windows if w.kind == WindowKind.CONFIRMED)
    scope, rule = found_method.scope, found_method.rule
    findings: List[Finding] = []
    if found_date.kind == DateKind.UNKNOWN:
        findings.append(Finding(Reason.DATE_NOT_GIVEN, windows=confirmed, scope=scope, rule=rule))
        findings += [
            Finding(Reason.UNPUBLISHED_DATES, windows=(w,))
            for w in found_date.windows
            if w.kind == WindowKind.UNPUBLISHED_DATES
        ]
    elif found_date.kind == DateKind.UNPUBLISHED:
        findings += [Finding(Reason.UNPUBLISHED_DATES, windows=(w,)) for w in found_date.windows]
        findings.append(Finding(Reason.IN_UNPUBLISHED_RANGE))
    elif found_date.kind == DateKind.PARTIAL:
        findings.append(Finding(Reason.DATE_PARTLY_INSIDE, windows=found_date.windows))
    else:  # inside: the confirmed windows the date falls in
        findings.append(Finding(Reason.DATE_INSIDE, windows=found_date.windows))

    if found_method.kind == MethodKind.UNKNOWN and found_date.kind != DateKind.UNKNOWN:
        findings.append(Finding(Reason.METHOD_NOT_SAID, scope=scope, rule=rule))
    elif found_method.kind == MethodKind.NOT_NAMED:
        findings.append(Finding(Reason.METHOD_NOT_NAMED, scope=scope, rule=rule))
    return findings
