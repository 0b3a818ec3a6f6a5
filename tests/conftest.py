"""Shared fixtures: the tests' own knowledge folder, and a fresh database for every test.

The tests never read the project's knowledge/ (a city's staff may change it at any time); only
tests/test_project_knowledge.py checks that folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy.engine import Engine

from bot import agents, usage
from bot.knowledge.base import Knowledge
from bot.knowledge.models import Base
from bot.knowledge.reader import read_knowledge
from bot.knowledge.store import KnowledgeStore, load_knowledge, make_engine
from bot.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
KNOWLEDGE_DIR = FIXTURES / "knowledge"
EXAMPLE_CITY = FIXTURES / "example-az.yaml"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The tests' knowledge folder, validated once (records are immutable)."""
    return read_knowledge(KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of the tests' knowledge folder that a test may break."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def _postgres_engine() -> Engine:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set (CI sets it to the local PostgreSQL)")
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database: a SQLite file of this test's own, or the PostgreSQL of TEST_DATABASE_URL."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'knowledge.db'}")
    else:
        engine = _postgres_engine()
    yield engine
    if request.param != "sqlite":
        Base.metadata.drop_all(engine)
        usage.metadata.drop_all(engine)
        agents.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def store(tmp_path: Path, knowledge: Knowledge) -> KnowledgeStore:
    """The tests' knowledge loaded into this test's own SQLite database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    load_knowledge(engine, knowledge)
    return KnowledgeStore(engine)


UPDATED_NOTICE = """\
Update on the Click2Gov Security Breach (an example update written for the tests)
Posted: January 15, 2020

Our investigation found that the incident occurred between August 27, 2019 and December 31, 2019.
"""
UPDATED_ENTRY = """
  - id: odessa-update-2020-01-15
    kind: city_notice
    publisher: City of Odessa
    publisher_es: Ciudad de Odessa
    title: Update on the Click2Gov Security Breach
    published: 2020-01-15
    evidence: ["Update on the Click2Gov Security Breach", "Posted: January 15, 2020"]
"""


def knowledge_with_odessa_update(target: Path) -> Path:
    """The tests' knowledge as a city's staff would change it when the city posts an update: the
    update saved as a notice, Odessa's window moved to its new end and cited to it."""
    shutil.copytree(KNOWLEDGE_DIR, target)
    notices = target / "notices"
    (notices / "odessa-update-2020-01-15.txt").write_text(UPDATED_NOTICE, encoding="utf-8")
    listed = notices / "notices.yaml"
    listed.write_text(listed.read_text(encoding="utf-8") + UPDATED_ENTRY, encoding="utf-8")
    odessa = target / "cities" / "odessa-tx.yaml"
    old_window = (
        "    end: 2019-10-14\n    kind: confirmed\n    source:\n      notice: odessa-2019-12-12\n"
        '      quote: "a data security incident that occurred between August 27, 2019 and October'
        ' 14, 2019 that involved some of our customers’ credit/debit card information"'
    )
    new_window = (
        "    end: 2019-12-31\n    kind: confirmed\n    source:\n"
        "      notice: odessa-update-2020-01-15\n"
        '      quote: "the incident occurred between August 27, 2019 and December 31, 2019"'
    )
    text = odessa.read_text(encoding="utf-8")
    assert old_window in text, "test set-up: Odessa's window changed"
    odessa.write_text(text.replace(old_window, new_window), encoding="utf-8")
    return target
