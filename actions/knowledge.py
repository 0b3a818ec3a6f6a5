"""The knowledge the actions read: one store, built from settings on first use (not at import).

The action server never loads knowledge: `python -m bot knowledge load` (and `make run`) does.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.conversation import LANGUAGE
from bot.i18n import ENGLISH, speaking
from bot.i18n import LOCALES as LANGUAGES
from bot.knowledge.base import Knowledge
from bot.knowledge.store import KnowledgeNotLoaded, KnowledgeStore, make_engine
from bot.logs import log_event
from bot.settings import Settings, load_settings
from bot.usage import Kind, record

log = logging.getLogger(__name__)
_shared: Optional[KnowledgeStore] = None
_settings: Optional[Settings] = None


def conversation_language(tracker: Tracker) -> str:
    """The conversation's language (the `language` slot the Rasa server sets on each message,
    which the message's metadata carries too), else English: replies are written in it, and
    Spanish dates (day first) and ways of paying are read only in Spanish."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    language = tracker.get_slot(LANGUAGE) or metadata.get(LANGUAGE)
    return language if language in LANGUAGES else ENGLISH


def settings() -> Settings:
    global _settings
    if _settings is None:
        _settings = load_settings()
    return _settings


def shared_store() -> KnowledgeStore:
    """The configured knowledge database, read once per load."""
    global _shared
    if _shared is None:
        config = settings()
        _shared = KnowledgeStore(make_engine(config.database_url), config.knowledge_recheck_seconds)
    return _shared


def current_knowledge(
    store: KnowledgeStore, dispatcher: CollectingDispatcher, action: str
) -> Optional[Knowledge]:
    """The knowledge for this reply, or None after telling the resident it is not ready."""
    try:
        return store.current()
    except KnowledgeNotLoaded:
        log_event(log, "knowledge.not_loaded", logging.ERROR, action=action)
        dispatcher.utter_message(response="utter_not_ready")
        return None


class KnowledgeAction(Action, ABC):
    """An action that reads the knowledge base; tests hand it a store of their own."""

    def __init__(self, store: Optional[KnowledgeStore] = None) -> None:
        super().__init__()
        self._store = store

    @property
    def store(self) -> KnowledgeStore:
        return self._store or shared_store()

    def count(self, tracker: Tracker, kind: Kind, **fields: Optional[str]) -> None:
        """One event for `bot stats` (no personal data: see bot/usage.py)."""
        record(self.store.engine, kind, tracker.get_latest_input_channel(), **fields)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        knowledge = current_knowledge(self.store, dispatcher, self.name())
        if knowledge is None:
            return []
        with speaking(conversation_language(tracker)):  # every sentence in its language
            return await self.act(knowledge, dispatcher, tracker, domain)

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""

    @abstractmethod
    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Run with the knowledge of one load."""
