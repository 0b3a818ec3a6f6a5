"""Loading into SQL (SQLite and PostgreSQL) and the repository's answers."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy.exc import IntegrityError

from bot.knowledge.checker import KnowledgeInvalid
from bot.knowledge.reader import fingerprint
from bot.knowledge.store import KnowledgeStore, ensure_loaded, load_folder, load_knowledge
from tests.conftest import KNOWLEDGE_DIR


def test_every_record_round_trips_through_the_database(engine, knowledge):
    load_knowledge(engine, knowledge)
    store = KnowledgeStore(engine)
    assert store.fingerprint() == knowledge.fingerprint
    for city in knowledge.cities:
        assert store.city(city.id) == city
    assert store.national() == knowledge.national
    assert store.city("atlantis-xx") is None


def test_city_names_include_aliases_and_state(engine, knowledge):
    load_knowledge(engine, knowledge)
    names = {(n.name, n.city_id) for n in KnowledgeStore(engine).city_names()}
    assert ("St Pete", "st-petersburg-fl") in names
    assert ("MWC", "midwest-city-ok") in names
    assert ("Odessa TX", "odessa-tx") in names


def test_a_folder_with_problems_leaves_the_previous_database_intact(engine, knowledge_copy):
    load_folder(engine, knowledge_copy)
    store = KnowledgeStore(engine)
    before = store.fingerprint()
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    odessa.write_text(odessa.read_text().replace("end: 2019-10-14", "end: 2019-01-01"))
    with pytest.raises(KnowledgeInvalid):
        load_folder(engine, knowledge_copy)
    assert store.fingerprint() == before
    assert store.city("odessa-tx").windows[0].end.isoformat() == "2019-10-14"


def test_a_database_error_mid_load_rolls_everything_back(engine, knowledge):
    load_knowledge(engine, knowledge)
    store = KnowledgeStore(engine)
    # Two cities with one id pass validation per file but break the primary key inside the load.
    clash = dataclasses.replace(knowledge.cities[0], name="Elsewhere", aliases=())
    broken = dataclasses.replace(
        knowledge, cities=knowledge.cities + (clash,), fingerprint="broken"
    )
    with pytest.raises(IntegrityError):
        load_knowledge(engine, broken)
    assert store.fingerprint() == knowledge.fingerprint
    assert len(store.city_ids()) == len(knowledge.cities)


def test_reloading_replaces_rather_than_adds(engine, knowledge):
    load_knowledge(engine, knowledge)
    load_knowledge(engine, knowledge)
    store = KnowledgeStore(engine)
    assert len(store.city_ids()) == 7
    assert len(store.city("midwest-city-ok").windows) == 2


def test_ensure_loaded_loads_only_when_the_folder_changed(engine, knowledge_copy):
    assert ensure_loaded(engine, knowledge_copy).startswith("loaded 7 cities")
    assert ensure_loaded(engine, knowledge_copy) is None
    tyler = knowledge_copy / "cities" / "tyler-tx.yaml"
    tyler.write_text(tyler.read_text().replace("Tyler Texas]", "Tyler Texas, Rose City]"))
    assert ensure_loaded(engine, knowledge_copy) is not None
    assert "Rose City" in KnowledgeStore(engine).city("tyler-tx").aliases


def test_fingerprint_follows_content():
    assert fingerprint(KNOWLEDGE_DIR) == fingerprint(KNOWLEDGE_DIR)
