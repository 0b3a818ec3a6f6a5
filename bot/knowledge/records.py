"""Plain records of the knowledge base: what the loader validates and the store returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional, Tuple


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a seed file, a short verbatim quote, stated or inferred (and how)."""

    seed: str
    quote: str
    basis: str
    how: Optional[str] = None


@dataclass(frozen=True)
class Window:
    """Dates (inclusive, city-local) when payments were exposed, or when unpublished dates were hit."""

    start: date
    end: date
    kind: str
    source: Source
    services: Tuple[str, ...] = ()
    dates_hit: Optional[int] = None


@dataclass(frozen=True)
class MethodRule:
    """Payments a notice names as affected or not affected. Empty tuples mean 'any'."""

    effect: str
    source: Source
    channels: Tuple[str, ...] = ()
    instruments: Tuple[str, ...] = ()
    services: Tuple[str, ...] = ()
    exclusive: bool = False


@dataclass(frozen=True)
class Contact:
    """A phone number, web address or postal address to reach."""

    purpose: str
    label: str
    source: Source
    phone: Optional[str] = None
    url: Optional[str] = None
    address: Optional[str] = None
    phone_source: Optional[Source] = None


@dataclass(frozen=True)
class Step:
    """A protective step and the conditions under which it is given."""

    id: str
    text: str
    source: Source
    verdicts: Tuple[str, ...] = ()
    if_exposed: Tuple[str, ...] = ()
    if_not_exposed: Tuple[str, ...] = ()
    unless_not_exposed: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A sourced statement: a service, an exposed data item, a count, a note."""

    kind: str
    value: str
    source: Source
    text: Optional[str] = None


@dataclass(frozen=True)
class CityRecord:
    """Everything the knowledge base knows about one city's Click2Gov incident."""

    id: str
    name: str
    state: str
    status: str
    status_source: Source
    time_zone: str
    aliases: Tuple[str, ...] = ()
    notice_title: Optional[str] = None
    notice_published: Optional[date] = None
    notice_url: Optional[str] = None
    notice_source: Optional[Source] = None
    windows: Tuple[Window, ...] = ()
    rules: Tuple[MethodRule, ...] = ()
    services: Tuple[Fact, ...] = ()
    exposed: Tuple[Fact, ...] = ()
    not_exposed: Tuple[Fact, ...] = ()
    contacts: Tuple[Contact, ...] = ()
    steps: Tuple[Step, ...] = ()
    online_status: Optional[str] = None
    online_text: Optional[str] = None
    online_source: Optional[Source] = None
    pay_meanwhile: Tuple[Fact, ...] = ()
    letters: Optional[Fact] = None
    counts: Tuple[Fact, ...] = ()
    notes: Tuple[Fact, ...] = ()

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.state}"

    @property
    def period(self) -> Optional[Tuple[date, date]]:
        """First start and last end over every window (for resolving year-less dates)."""
        if not self.windows:
            return None
        return min(w.start for w in self.windows), max(w.end for w in self.windows)

    def exposed_items(self) -> Tuple[str, ...]:
        return tuple(f.value for f in self.exposed)

    def not_exposed_items(self) -> Tuple[str, ...]:
        return tuple(f.value for f in self.not_exposed)


@dataclass(frozen=True)
class NationalRecord:
    """National resources, background facts and the protective-step library."""

    resources: Tuple[Contact, ...] = ()
    facts: Tuple[Fact, ...] = ()
    steps: Tuple[Step, ...] = ()
    affected_states: Tuple[str, ...] = field(default=())

    def resource(self, resource_id: str) -> Optional[Contact]:
        return next((r for r in self.resources if r.purpose == resource_id), None)

    def fact(self, fact_id: str) -> Optional[Fact]:
        return next((f for f in self.facts if f.value == fact_id), None)


@dataclass(frozen=True)
class Knowledge:
    """A whole validated knowledge folder."""

    cities: Tuple[CityRecord, ...]
    national: NationalRecord
    fingerprint: str
