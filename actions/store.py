"""The knowledge store the action server uses, built from settings on first use (not at import)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Optional

from rasa_sdk import Action

from bot.knowledge.store import KnowledgeStore, ensure_loaded, make_engine
from bot.settings import load_settings

_default: Optional[KnowledgeStore] = None


def default_store() -> KnowledgeStore:
    """The configured database, loaded from the knowledge folder if it is empty or out of date."""
    global _default
    if _default is None:
        settings = load_settings()
        engine = make_engine(settings.database_url)
        ensure_loaded(engine, settings.knowledge_dir)
        _default = KnowledgeStore(engine)
    return _default


class StoreAction(Action, ABC):
    """An action that reads the knowledge base; tests hand it a store of their own."""

    def __init__(self, store: Optional[KnowledgeStore] = None) -> None:
        super().__init__()
        self._store = store

    @property
    def store(self) -> KnowledgeStore:
        return self._store or default_store()

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""
