"""The one declarative schema of the knowledge files. Validation, the records the assistant reads and
what the database stores all follow from these models (pydantic, immutable).

Field names are the keys of the YAML files (`knowledge/README.md` documents them for city staff).

Every text a resident reads has its Spanish beside it: the field `<field>_es` next to the English
`<field>` (`text_es`, `short_es`, `label_es`, `hours_es`, `how_es`, `what_es`), of the same type
and with the same checks; `bot.i18n.pick(record, "text")` reads the one of the current locale, and
`bot/knowledge/spanish.py` reports an English text without its Spanish. A notice's own words
(`quote`, `hedge`, a notice's `title`) are never translated: they are shown as the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Callable, Iterator, Optional, Tuple
from zoneinfo import available_timezones

from pydantic import BaseModel, Extra, Field, StrictBool, root_validator, validator
from pydantic.fields import ModelField

from bot.knowledge.vocabulary import (
    Basis,
    Channel,
    DataItem,
    DocumentKind,
    Instrument,
    OnlineStatus,
    Service,
    Status,
    Verdict,
    WindowKind,
    fits_payer,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STATE = re.compile(r"^[A-Z]{2}$")


class _Checked:
    """A value type with one validating function (pydantic calls `validate`)."""

    @classmethod
    def __get_validators__(cls) -> Iterator[Callable[[Any], Any]]:
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> Any:
        raise NotImplementedError


class Text(str, _Checked):
    """Non-empty text; runs of spaces and line breaks become one space."""

    @classmethod
    def validate(cls, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"expected non-empty text, got {value!r}")
        return " ".join(value.split())


class IsoDate(date, _Checked):
    """A calendar date written YYYY-MM-DD."""

    @classmethod
    def validate(cls, value: Any) -> date:
        text = str(value).strip()
        if text == "YYYY-MM-DD":
            raise ValueError("put the date here, year first: for example 2019-08-27")
        if not _ISO_DATE.match(text):
            raise ValueError(f"bad date {value!r}: write it as YYYY-MM-DD")
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise ValueError(f"bad date {value!r}: {error}") from None


class Phone(str, _Checked):
    """A US phone number as written in the notice (10 digits, or 11 starting with 1)."""

    @classmethod
    def validate(cls, value: Any) -> str:
        digits = re.sub(r"\D", "", str(value))
        if len(digits) not in (10, 11) or (len(digits) == 11 and not digits.startswith("1")):
            raise ValueError(f"bad US phone number {value!r}")
        return str(value)


class StateCode(str, _Checked):
    @classmethod
    def validate(cls, value: Any) -> str:
        if not (isinstance(value, str) and _STATE.match(value)):
            raise ValueError(f"expected a two-letter state code such as TX, got {value!r}")
        return value


@lru_cache(maxsize=1)
def _time_zones() -> frozenset:
    return frozenset(available_timezones())


class TimeZone(str, _Checked):
    @classmethod
    def validate(cls, value: Any) -> str:
        if not isinstance(value, str) or value not in _time_zones():
            raise ValueError(f"unknown time zone {value!r} (use e.g. America/Chicago)")
        return value


def _whole_number(value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"expected a whole number of at least {minimum}, got {value!r}")
    return value


class Record(BaseModel):
    """Base of every model: unknown keys are errors, records are immutable, a field with a default
    may be written as nothing (`contacts:`)."""

    class Config:
        extra = Extra.forbid
        frozen = True
        allow_population_by_field_name = True

    @validator("*", pre=True)
    def _nothing_is_the_default(cls, value: Any, field: ModelField) -> Any:
        if value is None and not field.required and field.default is not None:
            return field.default
        return value


class Source(Record):
    """Where a fact comes from: a notice (an id in notices/notices.yaml), a verbatim quote,
    stated or inferred (and how), and the words with which the quote hedges it, if it does
    ("may have been", "approximately"): the replies keep the notice's uncertainty."""

    notice: Text
    quote: Text
    basis: Basis
    how: Optional[Text] = None
    how_es: Optional[Text] = None
    hedge: Optional[Text] = None

    @validator("how", always=True)
    def _inferred_says_how(cls, how: Optional[str], values: dict) -> Optional[str]:
        if values.get("basis") == Basis.INFERRED and not how:
            raise ValueError("an inferred fact must say how it was inferred ('how')")
        return how


class NoticeRecord(Record):
    """A document the facts cite: the city's own notice, or a news article about it. Its text is
    notices/<id>.txt; `evidence` quotes from it back the title, date and publisher."""

    id: Text
    kind: DocumentKind
    publisher: Text
    publisher_es: Optional[Text] = None
    title: Optional[Text] = None  # the notice's own title: never translated
    about: Optional[Text] = None
    about_es: Optional[Text] = None
    published: Optional[IsoDate] = None
    url: Optional[Text] = None
    caution: Optional[Text] = None
    caution_es: Optional[Text] = None
    original: Optional[Text] = None  # the file the text was copied from, when it is a copy
    sha256: Optional[Text] = None  # the original's SHA-256: the copy must stay byte for byte
    evidence: Tuple[Text, ...] = ()


class NoticesFile(Record):
    notices: Tuple[NoticeRecord, ...]


class Window(Record):
    """Dates (inclusive, city-local) when payments were exposed, or when unpublished dates were hit."""

    start: IsoDate
    end: IsoDate
    kind: WindowKind
    services: Tuple[Service, ...] = ()
    dates_hit: Optional[int] = None
    source: Source

    @validator("end")
    def _not_before_start(cls, end: date, values: dict) -> date:
        start = values.get("start")
        if start is not None and end < start:
            raise ValueError(f"end {end} is before start {start}")
        return end

    @validator("dates_hit", pre=True)
    def _only_for_unpublished_dates(cls, dates_hit: Any, values: dict) -> Optional[int]:
        if dates_hit is None:
            return None
        if values.get("kind") == WindowKind.CONFIRMED:
            raise ValueError("dates_hit is only for kind unpublished_dates")
        return _whole_number(dates_hit, 1)


@dataclass(frozen=True)
class Scope:
    """Which payments a rule is about; an empty tuple means 'any'."""

    channels: Tuple[Channel, ...] = ()
    instruments: Tuple[Instrument, ...] = ()
    services: Tuple[Service, ...] = ()


class MethodRule(Record):
    """Payments a notice names as affected (or, in `NotAffectedRule`, as not affected)."""

    channels: Tuple[Channel, ...] = ()
    instruments: Tuple[Instrument, ...] = ()
    services: Tuple[Service, ...] = ()
    exclusive: StrictBool = False
    source: Source

    @root_validator(pre=True)
    def _says_which_payments(cls, values: dict) -> dict:
        if not any(values.get(key) for key in ("channels", "instruments", "services")):
            raise ValueError("a rule needs at least one of channels, instruments, services")
        return values

    @property
    def scope(self) -> Scope:
        return Scope(channels=self.channels, instruments=self.instruments, services=self.services)


class NotAffectedRule(MethodRule):
    @validator("exclusive")
    def _never_exclusive(cls, exclusive: bool) -> bool:
        if exclusive:
            raise ValueError("only an 'affected' rule can be exclusive")
        return exclusive


class Methods(Record):
    affected: Tuple[MethodRule, ...] = ()
    not_affected: Tuple[NotAffectedRule, ...] = ()


class ServiceFact(Record):
    service: Service
    text: Optional[Text] = None
    text_es: Optional[Text] = None
    source: Source


class DataFact(Record):
    item: DataItem
    text: Optional[Text] = None
    text_es: Optional[Text] = None
    source: Source


class TextFact(Record):
    """A sourced sentence: a way to pay meanwhile, the letters sent, a note."""

    text: Text
    text_es: Optional[Text] = None
    source: Source


class Count(Record):
    what: Text
    what_es: Optional[Text] = None
    value: int
    source: Source

    @validator("value", pre=True)
    def _whole(cls, value: Any) -> int:
        return _whole_number(value, 0)


class Contact(Record):
    """A phone number, web address or postal address to reach; `purpose` says what for."""

    purpose: Text
    label: Text
    label_es: Optional[Text] = None
    phone: Optional[Phone] = None
    url: Optional[Text] = None
    address: Optional[Text] = None
    hours: Optional[Text] = None  # when the line answers, e.g. "Monday to Friday, 8 am to 5 pm"
    hours_es: Optional[Text] = None
    source: Source
    phone_source: Optional[Source] = None


SHORT_STEP = 120  # characters: a step as a text message gives it


class Step(Record):
    """A protective step and the conditions under which it is given; `short` is the step in a
    text message (at most 120 characters, in English and in Spanish)."""

    id: Text
    text: Text
    text_es: Optional[Text] = None
    short: Optional[Text] = None
    short_es: Optional[Text] = None
    verdicts: Tuple[Verdict, ...]
    if_exposed: Tuple[DataItem, ...] = ()
    if_not_exposed: Tuple[DataItem, ...] = ()
    unless_not_exposed: Tuple[DataItem, ...] = ()
    source: Source

    @validator("short", "short_es")
    def _short_enough(cls, short: Optional[str], field: ModelField) -> Optional[str]:
        if short is not None and len(short) > SHORT_STEP:
            raise ValueError(
                f"{field.name} is {len(short)} characters; at most {SHORT_STEP} fit a text"
            )
        return short


class OnlinePayments(Record):
    """Whether paying online is safe now, in the city's words."""

    status: OnlineStatus
    text: Text
    text_es: Optional[Text] = None
    source: Source


class CityRecord(Record):
    """One city file: everything on record about the city's Click2Gov incident."""

    id: str  # the file name without .yaml (not written in the file)
    name: Text = Field(alias="city")
    state: StateCode
    time_zone: TimeZone
    aliases: Tuple[Text, ...] = ()
    status: Status
    status_source: Source
    notice: Optional[Text] = None  # the id of the city's own notice (or the article), if any
    windows: Tuple[Window, ...] = ()
    methods: Methods = Methods()
    services: Tuple[ServiceFact, ...] = ()
    data_exposed: Tuple[DataFact, ...] = ()
    data_not_exposed: Tuple[DataFact, ...] = ()
    contacts: Tuple[Contact, ...] = ()
    steps: Tuple[Step, ...] = ()
    online_payments: Optional[OnlinePayments] = None
    pay_meanwhile: Tuple[TextFact, ...] = ()
    letters: Optional[TextFact] = None
    counts: Tuple[Count, ...] = ()
    notes: Tuple[TextFact, ...] = ()

    @validator("windows")
    def _confirmed_needs_a_window(cls, windows: tuple, values: dict) -> tuple:
        if values.get("status") == Status.CONFIRMED and not windows:
            raise ValueError("a confirmed incident needs at least one window")
        return windows

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.state}"

    @property
    def period(self) -> Optional[Tuple[date, date]]:
        """First start and last end over every window (for resolving year-less dates)."""
        if not self.windows:
            return None
        return min(w.start for w in self.windows), max(w.end for w in self.windows)

    def exposed_items(self, instrument: Optional[str] = None) -> Tuple[DataItem, ...]:
        """The data the notice says was exposed; only what fits a payer who paid with
        `instrument` (a card payer's card data, an e-check payer's bank data) when it is given."""
        return tuple(f.item for f in self.data_exposed if fits_payer(f.item, instrument))

    def exposed_facts(self, instrument: Optional[str] = None) -> Tuple[DataFact, ...]:
        """The `data_exposed` facts, as `exposed_items` chooses them."""
        return tuple(f for f in self.data_exposed if fits_payer(f.item, instrument))

    def not_exposed_items(self) -> Tuple[DataItem, ...]:
        return tuple(f.item for f in self.data_not_exposed)


class Resource(Contact):
    """A national resource (national.yaml): a contact named by `id` instead of a purpose."""

    purpose: Text = Field(alias="id")


class NationalFact(Record):
    id: Text
    text: Text
    text_es: Optional[Text] = None
    states: Tuple[StateCode, ...] = ()
    source: Source


class NationalFile(Record):
    resources: Tuple[Resource, ...]
    facts: Tuple[NationalFact, ...] = ()


class StepsFile(Record):
    steps: Tuple[Step, ...]


class Advice(Record):
    """Advice for a related question ("what do I do about a charge I don't recognise?")."""

    id: Text
    text: Text
    text_es: Optional[Text] = None
    source: Source


class AdviceFile(Record):
    advice: Tuple[Advice, ...]


class NationalRecord(Record):
    """national.yaml, steps.yaml and advice.yaml together: what holds for every city."""

    resources: Tuple[Resource, ...] = ()
    facts: Tuple[NationalFact, ...] = ()
    steps: Tuple[Step, ...] = ()
    advice: Tuple[Advice, ...] = ()

    @property
    def affected_states(self) -> Tuple[str, ...]:
        return tuple(state for fact in self.facts for state in fact.states)

    def resource(self, resource_id: str) -> Optional[Resource]:
        return next((r for r in self.resources if r.purpose == resource_id), None)

    def fact(self, fact_id: str) -> Optional[NationalFact]:
        return next((f for f in self.facts if f.id == fact_id), None)

    def advice_for(self, advice_id: str) -> Optional[Advice]:
        return next((a for a in self.advice if a.id == advice_id), None)
