"""Loading into SQL (SQLite and PostgreSQL), and reading one load back for every request."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from bot.knowledge.base import Knowledge
from bot.knowledge.problems import KnowledgeInvalid
from bot.knowledge.reader import fingerprint, read_knowledge
from bot.knowledge.store import (
    KnowledgeNotLoaded,
    KnowledgeStore,
    ensure_loaded,
    load_folder,
    load_knowledge,
)


def test_every_record_round_trips_through_the_database(engine, knowledge):
    load_knowledge(engine, knowledge)
    loaded = KnowledgeStore(engine).current()
    assert loaded.fingerprint == knowledge.fingerprint
    for city in knowledge.cities:
        assert loaded.city(city.id) == city
    assert loaded.national == knowledge.national
    assert loaded.notices == knowledge.notices and len(loaded.notices) == 7
    assert loaded == knowledge
    assert loaded.city("atlantis-xx") is None


def test_city_names_include_aliases_and_state(knowledge):
    names = {(n.name, n.city_id) for n in knowledge.city_names()}
    assert ("St Pete", "st-petersburg-fl") in names
    assert ("MWC", "midwest-city-ok") in names
    assert ("Odessa TX", "odessa-tx") in names


def test_an_empty_database_says_so(engine):
    with pytest.raises(KnowledgeNotLoaded, match="knowledge load"):
        KnowledgeStore(engine).current()


def test_a_folder_with_problems_leaves_the_previous_database_intact(engine, knowledge_copy):
    load_folder(engine, knowledge_copy)
    store = KnowledgeStore(engine)
    before = store.fingerprint()
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    odessa.write_text(odessa.read_text().replace("end: 2019-10-14", "end: 2019-01-01"))
    with pytest.raises(KnowledgeInvalid):
        load_folder(engine, knowledge_copy)
    assert store.fingerprint() == before
    assert store.current().city("odessa-tx").windows[0].end.isoformat() == "2019-10-14"


def test_a_database_error_mid_load_rolls_everything_back(engine, knowledge):
    load_knowledge(engine, knowledge)
    store = KnowledgeStore(engine)
    # Two cities with one id pass validation per file but break the primary key inside the load.
    clash = knowledge.cities[0].copy(update={"name": "Elsewhere", "aliases": ()})
    broken = Knowledge((*knowledge.cities, clash), knowledge.national, "broken")
    with pytest.raises(IntegrityError):
        load_knowledge(engine, broken)
    assert store.fingerprint() == knowledge.fingerprint
    assert len(store.current().cities) == len(knowledge.cities)


def test_reloading_replaces_rather_than_adds(engine, knowledge):
    load_knowledge(engine, knowledge)
    load_knowledge(engine, knowledge)
    loaded = KnowledgeStore(engine).current()
    assert len(loaded.cities) == 7
    assert len(loaded.city("midwest-city-ok").windows) == 2


def test_ensure_loaded_loads_only_when_the_folder_changed(engine, knowledge_copy):
    assert ensure_loaded(engine, knowledge_copy).startswith("loaded 7 cities")
    assert ensure_loaded(engine, knowledge_copy) is None
    tyler = knowledge_copy / "cities" / "tyler-tx.yaml"
    tyler.write_text(tyler.read_text().replace("Tyler Texas]", "Tyler Texas, Rose City]"))
    assert ensure_loaded(engine, knowledge_copy) is not None
    assert "Rose City" in KnowledgeStore(engine).current().city("tyler-tx").aliases


def test_the_store_reads_each_load_once_and_sees_a_new_load(engine, knowledge_copy):
    now = [0.0]
    store = KnowledgeStore(engine, recheck_seconds=5, clock=lambda: now[0])
    load_folder(engine, knowledge_copy)
    first = store.current()
    assert store.current() is first  # the same object: nothing read again
    tyler = knowledge_copy / "cities" / "tyler-tx.yaml"
    tyler.write_text(tyler.read_text().replace("Tyler Texas]", "Tyler Texas, Rose City]"))
    load_folder(engine, knowledge_copy)
    now[0] = 4.0
    assert store.current() is first  # not rechecked within recheck_seconds
    now[0] = 6.0
    second = store.current()
    assert second is not first and "Rose City" in second.city("tyler-tx").aliases
    assert first.city("tyler-tx").aliases != second.city("tyler-tx").aliases  # each load whole


def test_fingerprint_follows_content(knowledge_copy):
    before = fingerprint(knowledge_copy)
    assert fingerprint(knowledge_copy) == before
    tyler = knowledge_copy / "cities" / "tyler-tx.yaml"
    tyler.write_text(tyler.read_text() + "\n# a comment\n")
    assert fingerprint(knowledge_copy) != before
    assert read_knowledge(knowledge_copy).fingerprint == fingerprint(knowledge_copy)


def test_a_database_away_at_a_recheck_leaves_the_knowledge_read_before(
    engine, knowledge_copy, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    from bot.knowledge import store as store_module

    now = [0.0]
    store = KnowledgeStore(engine, recheck_seconds=1, clock=lambda: now[0])
    load_folder(engine, knowledge_copy)
    first = store.current()

    def away(_engine):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(store_module, "stored_fingerprint", away)
    monkeypatch.setattr(store_module, "read_loaded", away)
    now[0] = 5.0
    assert store.current() is first  # answers go on from what was read
    fresh = KnowledgeStore(engine)
    with pytest.raises(OperationalError):
        fresh.current()  # with nothing read yet, the error is not hidden
