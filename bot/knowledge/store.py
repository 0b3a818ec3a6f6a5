"""Loading validated knowledge into SQL, and reading it back once per load.

`load_knowledge` replaces the database's knowledge in one transaction. `KnowledgeStore.current()`
returns the loaded knowledge as one immutable `Knowledge`, read from the database once per load and
shared by every request: a reply is built from one load, never from a mix of two.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.knowledge.base import Knowledge
from bot.knowledge.models import TABLES, Base, CityRow, MetaRow, NationalRow, NoticeRow
from bot.knowledge.reader import fingerprint, read_knowledge
from bot.knowledge.schema import CityRecord, NationalRecord, NoticeRecord
from bot.logs import log_event

log = logging.getLogger(__name__)


class KnowledgeNotLoaded(RuntimeError):
    """The database holds no knowledge yet (run `python -m bot knowledge load`)."""


def make_engine(url: str) -> Engine:
    """An engine for a database URL; a SQLite file's folder is created if needed. Pooled
    connections to a server are tested before use (the first query after a restart works)."""
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not url.endswith(":memory:"):
            Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(url, future=True)
    return create_engine(url, future=True, pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)


def load_knowledge(engine: Engine, knowledge: Knowledge) -> None:
    """Replace the database's knowledge with this one in a single transaction (all or nothing)."""
    create_schema(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in TABLES:
            session.query(table).delete(synchronize_session=False)
        for city in knowledge.cities:
            session.add(
                CityRow(
                    id=city.id,
                    name=city.name,
                    state=city.state,
                    status=city.status.value,
                    record=city.json(by_alias=True),
                )
            )
        session.add(NationalRow(id="national", record=knowledge.national.json(by_alias=True)))
        for notice in knowledge.notices:
            session.add(NoticeRow(id=notice.id, record=notice.json(by_alias=True)))
        session.add_all(
            [
                MetaRow(key="fingerprint", value=knowledge.fingerprint),
                MetaRow(key="loaded_at", value=datetime.now(timezone.utc).isoformat()),
            ]
        )
    log_event(
        log,
        "knowledge.loaded",
        cities=len(knowledge.cities),
        fingerprint=knowledge.fingerprint[:12],
    )


def load_folder(engine: Engine, folder: Path) -> Knowledge:
    """Validate a knowledge folder, then load it. A folder with problems leaves the database as it was."""
    knowledge = read_knowledge(folder)
    load_knowledge(engine, knowledge)
    return knowledge


def ensure_loaded(engine: Engine, folder: Path) -> Optional[str]:
    """Load the folder when the database holds other knowledge (or none). Returns what was done.

    A folder with problems raises KnowledgeInvalid and leaves the database as it was.
    """
    if stored_fingerprint(engine) == fingerprint(folder):
        return None
    knowledge = load_folder(engine, folder)
    return f"loaded {len(knowledge.cities)} cities from {folder}"


def stored_fingerprint(engine: Engine) -> Optional[str]:
    """The fingerprint of the loaded knowledge, or None when nothing is loaded yet."""
    if not inspect(engine).has_table(MetaRow.__tablename__):
        return None
    with Session(engine, future=True) as session:
        row = session.get(MetaRow, "fingerprint")
        return row.value if row else None


def read_loaded(engine: Engine) -> Knowledge:
    """Everything the database holds, in one transaction so that it is one load."""
    if not inspect(engine).has_table(MetaRow.__tablename__):
        raise KnowledgeNotLoaded("no knowledge loaded: run `python -m bot knowledge load`")
    with Session(engine, future=True) as session, session.begin():
        if engine.dialect.name == "postgresql":  # one snapshot for every statement below
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        mark = session.get(MetaRow, "fingerprint")
        national = session.get(NationalRow, "national") if mark else None
        if mark is None or national is None:
            raise KnowledgeNotLoaded("no knowledge loaded: run `python -m bot knowledge load`")
        rows = session.scalars(select(CityRow).order_by(CityRow.id)).all()
        cities = [CityRecord.parse_raw(row.record) for row in rows]
        notices = session.scalars(select(NoticeRow).order_by(NoticeRow.id)).all()
        return Knowledge(
            cities,
            NationalRecord.parse_raw(national.record),
            mark.value,
            notices=[NoticeRecord.parse_raw(row.record) for row in notices],
        )


class KnowledgeStore:
    """The knowledge in one database, for the assistant's requests.

    The whole knowledge is read once per load and kept; at most every `recheck_seconds` the
    store asks the database whether a new load has landed (one small query) and, if so, reads it.
    """

    def __init__(
        self,
        engine: Engine,
        recheck_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._current: Optional[Knowledge] = None
        self._checked_at = float("-inf")

    def fingerprint(self) -> Optional[str]:
        return stored_fingerprint(self.engine)

    def current(self) -> Knowledge:
        """The loaded knowledge. Raises KnowledgeNotLoaded when the database holds none."""
        now = self._clock()
        if self._current is not None and now - self._checked_at < self.recheck_seconds:
            return self._current
        self._checked_at = now
        try:
            if self._current is None or self.fingerprint() != self._current.fingerprint:
                self._current = read_loaded(self.engine)
                log_event(
                    log,
                    "knowledge.read",
                    cities=len(self._current.cities),
                    fingerprint=self._current.fingerprint[:12],
                )
        except SQLAlchemyError as error:
            if self._current is None:
                raise
            # The database is away: keep answering from the knowledge already read.
            log_event(log, "knowledge.recheck_failed", logging.WARNING, error=type(error).__name__)
        return self._current
