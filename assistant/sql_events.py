"""Rasa's SQL tracker store's three queries, written once as plain SQL (patch 8 in patches.py).

Rasa 3.6's `SQLTrackerStore` builds an ORM query with a subquery on every read and every save,
then counts through the ORM and adds one ORM object per event: SQLAlchemy spends more time
computing cache keys for those queries than the database spends answering them. These are the
same queries on the same `events` table (same rows, same order, same columns), as statements
prepared once and run on one connection per read or save; a tracker read or saved here
carries how many of its events are stored, so that saving it again needs no count. A SQLite
file's connections are kept open and use the write-ahead log with `synchronous=NORMAL`: a
commit no longer waits for the disk twice, and a crash of the server loses nothing committed
(a power cut may lose the last commits).
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional

import sqlalchemy as sa

SESSION_STARTED = "session_started"

# Events of the latest conversation session: after its last `session_started` (or all of them
# when there is none), in the order they were stored. Rasa's `_event_query` as plain SQL.
_LATEST_SESSION = (
    "FROM events WHERE sender_id = :sender_id AND ("
    " timestamp >= (SELECT max(timestamp) FROM events"
    "  WHERE sender_id = :sender_id AND type_name = :session_started)"
    " OR (SELECT max(timestamp) FROM events"
    "  WHERE sender_id = :sender_id AND type_name = :session_started) IS NULL)"
)
LATEST_SESSION_EVENTS = sa.text(f"SELECT data {_LATEST_SESSION} ORDER BY id")
ALL_EVENTS = sa.text("SELECT data FROM events WHERE sender_id = :sender_id ORDER BY id")
LATEST_SESSION_COUNT = sa.text(f"SELECT count(*) {_LATEST_SESSION}")


def _parameters(sender_id: str) -> Dict[str, str]:
    return {"sender_id": sender_id, "session_started": SESSION_STARTED}


def read_events(
    connection: sa.engine.Connection, sender_id: str, all_sessions: bool = False
) -> List[Dict[str, Any]]:
    """A conversation's stored events (of its latest session unless all_sessions), decoded."""
    statement = ALL_EVENTS if all_sessions else LATEST_SESSION_EVENTS
    rows = connection.execute(statement, _parameters(sender_id))
    return [json.loads(data) for (data,) in rows]


def stored_count(connection: sa.engine.Connection, sender_id: str) -> int:
    """How many events of the conversation's latest session are stored already."""
    return int(connection.execute(LATEST_SESSION_COUNT, _parameters(sender_id)).scalar() or 0)


# On a tracker this store read or saved: (the tracker's id, how many of its events are stored).
# The id makes a copy of the tracker (a different object, perhaps saved elsewhere) count again.
_STORED = "_sql_events_stored"


def remember_stored(tracker: Any, count: int) -> None:
    """Note on the tracker that its first `count` events are the stored ones."""
    setattr(tracker, _STORED, (id(tracker), count))


def known_stored(tracker: Any) -> Optional[int]:
    """How many of the tracker's events are stored, when this tracker was read or saved here."""
    mark = getattr(tracker, _STORED, None)
    return mark[1] if mark is not None and mark[0] == id(tracker) else None


def event_row(sender_id: str, event: Any, intent_key: str = "name") -> Dict[str, Any]:
    """The row Rasa's `SQLTrackerStore.save` writes for an event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": (data.get("parse_data", {}).get("intent", {}) or {}).get(intent_key),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def insert_events(
    connection: sa.engine.Connection, table: sa.Table, rows: Iterable[Dict[str, Any]]
) -> int:
    """Insert the rows in one statement; how many there were."""
    rows = list(rows)
    if rows:
        connection.execute(table.insert(), rows)
    return len(rows)


def tuned_engine(engine: sa.engine.Engine) -> sa.engine.Engine:
    """For a SQLite file, an engine that keeps its connections open (SQLAlchemy 1.4 opens and
    closes a file's connection for every use) with the write-ahead log and `synchronous=NORMAL`
    on each; any other engine as it is."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return engine
    pooled = sa.create_engine(
        engine.url,
        poolclass=sa.pool.QueuePool,
        pool_size=4,
        max_overflow=4,
        connect_args={"check_same_thread": False},  # a pooled connection has one user at a time
    )

    @sa.event.listens_for(pooled, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    engine.dispose()
    return pooled
