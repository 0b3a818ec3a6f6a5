"""Retention: delete conversations whose last event is older than a number of days.

Works on Rasa's SQL tracker store (the `events` table) with SQLAlchemy alone, on SQLite and on
PostgreSQL, and on the SMS channel's state (pages, choices and retried replies; an opt-out is
kept, since forgetting it would text someone who asked not to be texted).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import MetaData, Table, delete, func, inspect, select
from sqlalchemy.engine import Engine

_AGE = re.compile(r"^(\d+)\s*([dhw])$")
UNITS = {"d": "days", "h": "hours", "w": "weeks"}


def parse_age(text: str) -> timedelta:
    """'30d' -> 30 days; also hours (12h) and weeks (4w)."""
    found = _AGE.match(text.strip().lower())
    if not found:
        raise ValueError(f"write an age like 30d, 12h or 4w, not {text!r}")
    return timedelta(**{UNITS[found.group(2)]: int(found.group(1))})


@dataclass(frozen=True)
class Purged:
    conversations: int
    events: int


def purge_conversations(engine: Engine, older_than: timedelta, now: float = 0.0) -> Purged:
    """Delete every conversation (all its events) whose newest event is older than the age."""
    if not inspect(engine).has_table("events"):
        return Purged(0, 0)
    events = Table("events", MetaData(), autoload_with=engine)
    cutoff = (now or time.time()) - older_than.total_seconds()
    old = (
        select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(func.max(events.c.timestamp) < cutoff)
    )
    with engine.begin() as connection:
        senders = [row[0] for row in connection.execute(old)]
        removed = 0
        for start in range(0, len(senders), 500):
            batch = senders[start : start + 500]
            removed += connection.execute(
                delete(events).where(events.c.sender_id.in_(batch))
            ).rowcount
    return Purged(len(senders), removed)
