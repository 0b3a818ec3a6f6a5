"""Loading validated knowledge into SQL, and the repository that answers questions about it."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.cities import CityName, normalise_name
from bot.knowledge.models import (
    TABLES_CHILD_FIRST,
    Base,
    CityNameRow,
    CityRow,
    ContactRow,
    FactRow,
    MetaRow,
    MethodRuleRow,
    SourceRow,
    StepRow,
    WindowRow,
)
from bot.knowledge.reader import fingerprint, read_knowledge
from bot.knowledge.records import (
    CityRecord,
    Contact,
    Fact,
    Knowledge,
    MethodRule,
    NationalRecord,
    Source,
    Step,
    Window,
)

_CITY_FACT_KINDS = (
    "service",
    "exposed",
    "not_exposed",
    "pay_meanwhile",
    "letters",
    "count",
    "note",
)


def make_engine(url: str) -> Engine:
    """An engine for a database URL; a SQLite file's folder is created if needed."""
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True)


def create_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)


class _Writer:
    """Turns records into rows inside one session, sharing source rows by identity."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sources: Dict[Source, SourceRow] = {}

    def source(self, source: Optional[Source]) -> Optional[int]:
        if source is None:
            return None
        row = self.sources.get(source)
        if row is None:
            row = SourceRow(
                seed=source.seed, quote=source.quote, basis=source.basis, how=source.how
            )
            self.session.add(row)
            self.session.flush()
            self.sources[source] = row
        return row.id

    def contact(self, contact: Contact, city_id: Optional[str]) -> None:
        self.session.add(
            ContactRow(
                city_id=city_id, purpose=contact.purpose, label=contact.label, phone=contact.phone,
                url=contact.url, address=contact.address, source_id=self.source(contact.source),
                phone_source_id=self.source(contact.phone_source),
            )
        )  # fmt: skip

    def step(self, step: Step, city_id: Optional[str]) -> None:
        self.session.add(
            StepRow(
                city_id=city_id, key=step.id, text=step.text, verdicts=list(step.verdicts),
                if_exposed=list(step.if_exposed), if_not_exposed=list(step.if_not_exposed),
                unless_not_exposed=list(step.unless_not_exposed), source_id=self.source(step.source),
            )
        )  # fmt: skip

    def fact(self, fact: Fact, city_id: Optional[str]) -> None:
        self.session.add(
            FactRow(city_id=city_id, kind=fact.kind, value=fact.value, text=fact.text,
                    source_id=self.source(fact.source))
        )  # fmt: skip

    def city(self, city: CityRecord) -> None:
        s = self.session
        s.add(
            CityRow(
                id=city.id, name=city.name, state=city.state, status=city.status,
                time_zone=city.time_zone, status_source_id=self.source(city.status_source),
                notice_title=city.notice_title, notice_published=city.notice_published,
                notice_url=city.notice_url, notice_source_id=self.source(city.notice_source),
                online_status=city.online_status, online_text=city.online_text,
                online_source_id=self.source(city.online_source),
            )
        )  # fmt: skip
        s.flush()
        names = [(city.name, False), (f"{city.name} {city.state}", False)]
        names += [(alias, True) for alias in city.aliases]
        for name, is_alias in names:
            s.add(CityNameRow(city_id=city.id, name=name, normalised=normalise_name(name),
                              is_alias=is_alias))  # fmt: skip
        for w in city.windows:
            s.add(WindowRow(city_id=city.id, start=w.start, end=w.end, kind=w.kind,
                            services=list(w.services), dates_hit=w.dates_hit,
                            source_id=self.source(w.source)))  # fmt: skip
        for r in city.rules:
            s.add(MethodRuleRow(city_id=city.id, effect=r.effect, channels=list(r.channels),
                                instruments=list(r.instruments), services=list(r.services),
                                exclusive=r.exclusive, source_id=self.source(r.source)))  # fmt: skip
        facts = [*city.services, *city.exposed, *city.not_exposed, *city.pay_meanwhile,
                 *city.counts, *city.notes, *([city.letters] if city.letters else [])]  # fmt: skip
        for fact in facts:
            self.fact(fact, city.id)
        for contact in city.contacts:
            self.contact(contact, city.id)
        for step in city.steps:
            self.step(step, city.id)


def load_knowledge(engine: Engine, knowledge: Knowledge) -> None:
    """Replace the database's knowledge with this one in a single transaction (all or nothing)."""
    create_schema(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in TABLES_CHILD_FIRST:
            session.query(table).delete(synchronize_session=False)
        writer = _Writer(session)
        for city in knowledge.cities:
            writer.city(city)
        for resource in knowledge.national.resources:
            writer.contact(resource, None)
        for fact in knowledge.national.facts:
            writer.fact(fact, None)
        for step in knowledge.national.steps:
            writer.step(step, None)
        session.add_all(
            [
                MetaRow(key="fingerprint", value=knowledge.fingerprint),
                MetaRow(key="loaded_at", value=datetime.now(timezone.utc).isoformat()),
                MetaRow(
                    key="affected_states",
                    value=json.dumps(list(knowledge.national.affected_states)),
                ),
            ]
        )


def load_folder(engine: Engine, folder: Path) -> Knowledge:
    """Validate a knowledge folder, then load it. A folder with problems leaves the database as it was."""
    knowledge = read_knowledge(folder)
    load_knowledge(engine, knowledge)
    return knowledge


class KnowledgeStore:
    """Questions the assistant asks of the knowledge database, one method each."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _session(self) -> Session:
        return Session(self.engine, future=True)

    def fingerprint(self) -> Optional[str]:
        """The fingerprint of the loaded knowledge, or None when nothing is loaded yet."""
        if not inspect(self.engine).has_table(MetaRow.__tablename__):
            return None
        with self._session() as s:
            row = s.get(MetaRow, "fingerprint")
            return row.value if row else None

    def city_names(self) -> List[CityName]:
        with self._session() as s:
            rows = s.execute(
                select(CityNameRow.city_id, CityNameRow.name, CityRow.state)
                .join(CityRow, CityRow.id == CityNameRow.city_id)
                .order_by(CityNameRow.id)
            ).all()
        return [CityName(city_id=r[0], name=r[1], state=r[2]) for r in rows]

    def city_ids(self) -> List[str]:
        with self._session() as s:
            return list(s.scalars(select(CityRow.id).order_by(CityRow.name)))

    def cities(self) -> List[CityRecord]:
        return [self.city(city_id) for city_id in self.city_ids()]

    def city(self, city_id: str) -> Optional[CityRecord]:
        """Everything on record for one city, or None."""
        with self._session() as s:
            row = s.get(CityRow, city_id)
            if row is None:
                return None
            sources = _SourceCache(s)
            aliases = s.scalars(select(CityNameRow.name).where(
                CityNameRow.city_id == city_id, CityNameRow.is_alias).order_by(CityNameRow.id))  # fmt: skip
            windows = s.scalars(select(WindowRow).where(WindowRow.city_id == city_id)
                                .order_by(WindowRow.id))  # fmt: skip
            rules = s.scalars(select(MethodRuleRow).where(MethodRuleRow.city_id == city_id)
                              .order_by(MethodRuleRow.id))  # fmt: skip
            facts = list(
                s.scalars(select(FactRow).where(FactRow.city_id == city_id).order_by(FactRow.id))
            )
            contacts = s.scalars(select(ContactRow).where(ContactRow.city_id == city_id)
                                 .order_by(ContactRow.id))  # fmt: skip
            steps = s.scalars(
                select(StepRow).where(StepRow.city_id == city_id).order_by(StepRow.id)
            )

            def of_kind(kind: str) -> tuple:
                return tuple(_fact(f, sources) for f in facts if f.kind == kind)

            letters = of_kind("letters")
            return CityRecord(
                id=row.id, name=row.name, state=row.state, status=row.status,
                status_source=sources.get(row.status_source_id), time_zone=row.time_zone,
                aliases=tuple(aliases), notice_title=row.notice_title,
                notice_published=row.notice_published, notice_url=row.notice_url,
                notice_source=sources.get(row.notice_source_id),
                windows=tuple(
                    Window(w.start, w.end, w.kind, sources.get(w.source_id), tuple(w.services),
                           w.dates_hit) for w in windows
                ),
                rules=tuple(
                    MethodRule(r.effect, sources.get(r.source_id), tuple(r.channels),
                               tuple(r.instruments), tuple(r.services), r.exclusive) for r in rules
                ),
                services=of_kind("service"), exposed=of_kind("exposed"),
                not_exposed=of_kind("not_exposed"),
                contacts=tuple(_contact(c, sources) for c in contacts),
                steps=tuple(_step(st, sources) for st in steps),
                online_status=row.online_status, online_text=row.online_text,
                online_source=sources.get(row.online_source_id),
                pay_meanwhile=of_kind("pay_meanwhile"), letters=letters[0] if letters else None,
                counts=of_kind("count"), notes=of_kind("note"),
            )  # fmt: skip

    def national(self) -> NationalRecord:
        """National resources, background facts and the step library."""
        with self._session() as s:
            sources = _SourceCache(s)
            resources = s.scalars(select(ContactRow).where(ContactRow.city_id.is_(None))
                                  .order_by(ContactRow.id))  # fmt: skip
            facts = s.scalars(select(FactRow).where(FactRow.city_id.is_(None)).order_by(FactRow.id))
            steps = s.scalars(select(StepRow).where(StepRow.city_id.is_(None)).order_by(StepRow.id))
            states = s.get(MetaRow, "affected_states")
            return NationalRecord(
                resources=tuple(_contact(c, sources) for c in resources),
                facts=tuple(_fact(f, sources) for f in facts),
                steps=tuple(_step(st, sources) for st in steps),
                affected_states=tuple(json.loads(states.value)) if states else (),
            )


class _SourceCache:
    """Source rows read once per query."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: Dict[int, Source] = {}

    def get(self, source_id: Optional[int]) -> Optional[Source]:
        if source_id is None:
            return None
        if source_id not in self.cache:
            row = self.session.get(SourceRow, source_id)
            self.cache[source_id] = Source(row.seed, row.quote, row.basis, row.how)
        return self.cache[source_id]


def _fact(row: FactRow, sources: _SourceCache) -> Fact:
    return Fact(kind=row.kind, value=row.value, source=sources.get(row.source_id), text=row.text)


def _contact(row: ContactRow, sources: _SourceCache) -> Contact:
    return Contact(row.purpose, row.label, sources.get(row.source_id), row.phone, row.url,
                   row.address, sources.get(row.phone_source_id))  # fmt: skip


def _step(row: StepRow, sources: _SourceCache) -> Step:
    return Step(row.key, row.text, sources.get(row.source_id), tuple(row.verdicts),
                tuple(row.if_exposed), tuple(row.if_not_exposed), tuple(row.unless_not_exposed))  # fmt: skip


def ensure_loaded(engine: Engine, folder: Path) -> Optional[str]:
    """Load the folder when the database holds other knowledge (or none). Returns what was done.

    A folder with problems raises KnowledgeInvalid and leaves the database as it was.
    """
    store = KnowledgeStore(engine)
    if store.fingerprint() == fingerprint(folder):
        return None
    knowledge = load_folder(engine, folder)
    return f"loaded {len(knowledge.cities)} cities from {folder}"
