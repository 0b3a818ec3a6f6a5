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

from bot.knowledge.base import Knowledge
from bot.knowledge.models import Base
from bot.knowledge.reader import read_knowledge
from bot.knowledge.store import KnowledgeStore, load_knowledge, make_engine
from bot.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
KNOWLEDGE_DIR = FIXTURES / "knowledge"
EXAMPLE_CITY = FIXTURES / "example-az.yaml"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"


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
    engine.dispose()


@pytest.fixture
def store(tmp_path: Path, knowledge: Knowledge) -> KnowledgeStore:
    """The tests' knowledge loaded into this test's own SQLite database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    load_knowledge(engine, knowledge)
    return KnowledgeStore(engine)
