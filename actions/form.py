"""validate_selfcheck_form: fills city, payment_date and payment_method from each message.

Rasa calls the `extract_<slot>` hooks in the order of the form's required slots (city first, so the
date is read in that city's terms), then `validate_<slot>` for what changed. A message that answers
nothing the form asked gets a short apology; the form then asks its question again (utter_ask_<slot>).
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.intents import ANSWERS, TERSE_ANSWERS
from actions.knowledge import current_knowledge, settings, shared_store
from bot.conversation import (
    PRESET_CITY,
    Turn,
    follow_city,
    preset_city,
    understand_city,
    understand_payment_date,
    understand_payment_method,
)
from bot.knowledge.base import Knowledge
from bot.knowledge.store import KnowledgeStore
from bot.logs import log_event

log = logging.getLogger(__name__)
SLOTS = ("city", "payment_date", "payment_method")
# The knowledge of the request being handled (one load for the whole message).
_knowledge: ContextVar[Knowledge] = ContextVar("knowledge")


def message_metadata(tracker: Tracker) -> Dict[str, Any]:
    """What the channel attached to the latest message (e.g. the city the page presets)."""
    return (tracker.latest_message or {}).get("metadata") or {}


def numbered_choice(text: str, requested: Optional[str], domain: Dict[str, Any]) -> Optional[str]:
    """'2' typed after the buttons of the question for `requested`: that button's choice."""
    number = text.strip().rstrip(".)")
    if not requested or not number.isdigit():
        return None
    variations = (domain.get("responses") or {}).get(f"utter_ask_{requested}") or []
    buttons = next(
        (v["buttons"] for v in variations if v.get("buttons") and not v.get("channel")), []
    )
    index = int(number) - 1
    if not 0 <= index < len(buttons):
        return None
    payload = buttons[index].get("payload") or ""
    try:
        return json.loads(payload[payload.index("{") :]).get("choice")
    except ValueError:
        return None


def turn_of(tracker: Tracker, domain: Optional[Dict[str, Any]] = None) -> Optional[Turn]:
    """The latest message as an answer to the form, or None for a question or small talk."""
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    requested = tracker.get_slot("requested_slot")
    entities = message.get("entities") or []
    choice = next((e.get("value") for e in entities if e.get("entity") == "choice"), None)
    typed = message.get("text") or ""
    numbered = numbered_choice(typed, requested, domain or {})
    if numbered is not None:
        return Turn(numbered, requested, only_requested=True)
    text = choice or typed  # a button's choice, or what was typed
    if intent in ANSWERS:
        return Turn(text, requested)
    if requested is not None and intent in TERSE_ANSWERS:
        return Turn(text, requested, only_requested=True)
    return None


class ValidateSelfcheckForm(FormValidationAction):
    """Reads every slot a message gives (one message can fill all three, a later one can correct
    any of them)."""

    def __init__(self, store: Optional[KnowledgeStore] = None) -> None:
        super().__init__()
        self._store = store

    def name(self) -> str:
        return "validate_selfcheck_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        knowledge = current_knowledge(self._store or shared_store(), dispatcher, self.name())
        if knowledge is None:
            return []
        token = _knowledge.set(knowledge)
        try:
            events = await super().run(dispatcher, tracker, domain)
        finally:
            _knowledge.reset(token)
        turn = turn_of(tracker, domain)
        filled = any(isinstance(e, dict) and e.get("name") in SLOTS for e in events)
        if not filled and turn is not None and not turn.only_requested and turn.requested in SLOTS:
            log_event(log, "form.reask", slot=turn.requested)
            dispatcher.utter_message(response=f"utter_reask_{turn.requested}")
            events.append(SlotSet(turn.requested, None))
        return events

    async def extract_city(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        turn = turn_of(tracker, domain)
        if turn is None:
            return {}
        knowledge = _knowledge.get()
        value = understand_city(knowledge, turn, tracker.get_slot("city"))
        if value is None and tracker.get_slot("city") is None:
            value = preset_city(knowledge, message_metadata(tracker).get(PRESET_CITY))
        return {"city": value} if value is not None else {}

    async def extract_payment_date(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        turn = turn_of(tracker, domain)
        if turn is None:
            return {}
        value = understand_payment_date(
            _knowledge.get(), turn, tracker.get_slot("city"), settings().time_zone
        )
        return {"payment_date": value} if value is not None else {}

    async def extract_payment_method(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        turn = turn_of(tracker, domain)
        if turn is None:
            return {}
        value = understand_payment_method(turn, tracker.get_slot("payment_method"))
        return {"payment_method": value} if value is not None else {}

    async def validate_city(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> Dict[str, Any]:
        """A new city: a date given earlier without a year moves into its incident period."""
        slots: Dict[str, Any] = {"city": value}
        if "payment_date" not in tracker.slots_to_validate():
            moved = follow_city(_knowledge.get(), tracker.get_slot("payment_date"), value)
            if moved is not None:
                slots["payment_date"] = moved
        return slots

    async def validate_payment_date(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> Dict[str, Any]:
        """Already read in the city's terms by extract_payment_date."""
        return {"payment_date": value}

    async def validate_payment_method(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> Dict[str, Any]:
        """Already merged with what the resident said before by extract_payment_method."""
        return {"payment_method": value}
