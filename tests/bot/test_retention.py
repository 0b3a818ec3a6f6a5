"""Retention: `bot purge` deletes old conversations from Rasa's own SQL tracker store, on SQLite
and on PostgreSQL, and keeps recent ones whole."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.retention import parse_age, purge_conversations
from bot.settings import PROJECT_ROOT

DAY = 24 * 3600
NOW = time.time()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def tracker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'trackers.db'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set (CI sets it to the local PostgreSQL)")
    with create_engine(url).begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS events"))
    return url


def rasa_store(url: str) -> SQLTrackerStore:
    parts = make_url(url)
    if parts.get_backend_name() == "sqlite":
        return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=parts.database)
    return SQLTrackerStore(
        Domain.empty(),
        dialect="postgresql",
        host=parts.host,
        port=parts.port,
        db=parts.database,
        username=parts.username,
        password=parts.password or "",
    )


async def conversation(store: SQLTrackerStore, sender: str, days_ago: float) -> None:
    at = NOW - days_ago * DAY
    events = [
        UserUttered("was my payment affected?", timestamp=at),
        ActionExecuted("utter_ask_city", timestamp=at + 1),
        BotUttered("Which city did you pay?", timestamp=at + 2),
    ]
    await store.save(DialogueStateTracker.from_events(sender, events))


async def test_old_conversations_go_and_recent_ones_stay_whole(tracker_url):
    store = rasa_store(tracker_url)
    await conversation(store, "resident-old", 40)
    await conversation(store, "resident-new", 2)
    await conversation(store, "resident-edge", 29.9)
    done = purge_conversations(create_engine(tracker_url), timedelta(days=30), now=NOW)
    assert done.conversations == 1 and done.events >= 3
    assert await store.retrieve("resident-old") is None
    kept = await store.retrieve("resident-new")
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == [
        "was my payment affected?"
    ]
    assert await store.retrieve("resident-edge") is not None


def test_an_empty_or_new_store_has_nothing_to_purge(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'none.db'}")
    assert purge_conversations(engine, timedelta(days=30)).conversations == 0


@pytest.mark.parametrize(
    "text, age",
    [("30d", timedelta(days=30)), ("12h", timedelta(hours=12)), ("4w", timedelta(weeks=4))],
)
def test_ages(text, age):
    assert parse_age(text) == age


def test_a_bad_age_is_a_clear_error():
    with pytest.raises(ValueError, match="30d"):
        parse_age("thirty days")


async def test_the_command_purges_the_configured_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'trackers.db'}"
    store = rasa_store(url)
    await conversation(store, "resident-old", 40)
    await conversation(store, "resident-new", 1)
    environ = {**os.environ, "BOT_TRACKER_DB": str(tmp_path / "trackers.db")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "30d"],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Deleted 1 conversation(s)" in done.stdout
    assert await store.retrieve("resident-new") is not None
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "soon"],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "30d" in bad.stderr
