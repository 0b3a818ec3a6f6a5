"""validate_selfcheck_form: fills city, payment_date and payment_method from each message.

Rasa calls the `extract_<slot>` hooks in the order of the form's required slots (city first, so the
date is read in that city's terms), then `validate_<slot>` for what changed. A message that answers
nothing the form asked gets a short apology; the form then asks its question again (utter_ask_<slot>).
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.intents import ANSWERS, SECRETS, STATEMENTS, TERSE_ANSWERS
from actions.knowledge import (
    conversation_language,
    current_knowledge,
    settings,
    shared_store,
)
from actions.repeats import not_repeated
from bot.assumptions import reading_question, year_question
from bot.conversation import (
    PRESET_CITY,
    Turn,
    TurnReading,
    follow_city,
    preset_city,
    read_turn,
)
from bot.i18n import speaking
from bot.knowledge.base import Knowledge
from bot.knowledge.store import KnowledgeStore
from bot.logs import log_event
from bot.reading import is_civic, is_payment_statement
from bot.usage import Kind, record
from bot.wording.choices import PENDING

log = logging.getLogger(__name__)
SLOTS = ("city", "payment_date", "payment_method")
# The knowledge of the request being handled (one load for the whole message), and the message's
# reading (read once; the extract hooks hand out its values one slot at a time).
_knowledge: ContextVar[Knowledge] = ContextVar("knowledge")
_reading: ContextVar[Optional[TurnReading]] = ContextVar("reading", default=None)


def message_metadata(tracker: Tracker) -> Dict[str, Any]:
    """What the channel attached to the latest message (e.g. the city the page presets)."""
    return (tracker.latest_message or {}).get("metadata") or {}


def numbered_choice(
    text: str, requested: Optional[str], domain: Dict[str, Any], pending: Optional[Dict[str, Any]]
) -> Optional[str]:
    """'2' typed after the buttons of the question for `requested` (the choice offered for it, or
    the domain's buttons): that button's choice."""
    number = text.strip().rstrip(".)")
    if not requested or not number.isdigit():
        return None
    index = int(number) - 1
    if pending and pending.get("slot") == requested:
        options = pending.get("options") or []
        return str(options[index]["label"]) if 0 <= index < len(options) else None
    variations = (domain.get("responses") or {}).get(f"utter_ask_{requested}") or []
    buttons = next(
        (v["buttons"] for v in variations if v.get("buttons") and not v.get("channel")), []
    )
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
    pending = tracker.get_slot(PENDING) or None
    entities = message.get("entities") or []
    choice = next((e.get("value") for e in entities if e.get("entity") == "choice"), None)
    typed = message.get("text") or ""
    language = conversation_language(tracker)
    numbered = numbered_choice(typed, requested, domain or {}, pending)
    if numbered is not None:
        return Turn(numbered, requested, only_requested=True, pending=pending, language=language)
    text = choice or typed  # a button's choice, or what was typed
    if intent in ANSWERS:
        return Turn(text, requested, pending=pending, language=language)
    if requested is not None and intent in TERSE_ANSWERS:
        # a terse answer counts only for the question asked; a statement of a payment, fully
        return Turn(
            text, requested, not is_payment_statement(text), pending=pending, language=language
        )
    return None


def statement_turn(
    knowledge: Knowledge, tracker: Tracker, before: Dict[str, Any]
) -> Tuple[Optional[Turn], Optional[TurnReading]]:
    """A message the classifier took for a secret, a question or out of scope that still gives
    check information ("my card is [card number removed], I paid online on June 5"; "she paid
    her sewer bill in person"): read as an answer. (None, None) when it gives nothing."""
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    text = message.get("text") or ""
    if intent not in STATEMENTS:
        return None, None
    turn = Turn(
        text,
        tracker.get_slot("requested_slot"),
        pending=tracker.get_slot(PENDING),
        language=conversation_language(tracker),
    )
    reading = read_turn(knowledge, turn, before, settings().time_zone)
    if not moves_the_check(intent, text, reading):
        return None, None
    return turn, reading


# A message the classifier did not understand counts as a terse answer ("Odessa", "online with my
# Visa") up to this many words; a longer one must state a payment to move the check.
TERSE_WORDS = 6


def moves_the_check(intent: Optional[str], text: str, reading: TurnReading) -> bool:
    """Whether a message the classifier did not take for an answer still moves the check: it
    gives a city, date or method and is an answer ("inform", a removed secret, a terse reply) or
    states a payment; out of scope, only a payment to a city ("I paid for a pizza with my card
    yesterday" stays out of scope)."""
    if not (reading.changed or reading.choices):
        return False
    if intent in (SECRETS, "inform"):
        return True
    if is_payment_statement(text):
        names_a_city = "city" in reading.changed or "city" in reading.choices
        return intent != "out_of_scope" or names_a_city or is_civic(text)
    return intent not in STATEMENTS and len(text.split()) <= TERSE_WORDS


def _slots(tracker: Tracker) -> Dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in SLOTS}


def choice_events(
    knowledge: Knowledge, reading: TurnReading, before: Dict[str, Any], pending: Any
) -> List[EventType]:
    """The pending choice after a message: the first question it leaves open (its slot emptied so
    that the form asks it), a year that decides the answer once every slot is known, or none."""
    slots = {**before, **reading.changed}
    for slot in SLOTS:
        if slot in reading.choices:
            return [SlotSet(slot, None), SlotSet(PENDING, reading.choices[slot])]
    if reading.declined and pending:
        return [SlotSet(pending["slot"], None), SlotSet(PENDING, None)]
    if all(slots.get(slot) for slot in SLOTS):
        question = year_question(knowledge, slots) or reading_question(knowledge, slots)
        if question is not None:
            return [SlotSet("payment_date", None), SlotSet(PENDING, question)]
    if pending and pending.get("slot") in reading.changed:
        return [SlotSet(PENDING, None)]
    return []


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
        with speaking(conversation_language(tracker)):  # the choices' labels, in its words
            return await self._validate(dispatcher, tracker, domain)

    async def _validate(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        knowledge = current_knowledge(self._store or shared_store(), dispatcher, self.name())
        if knowledge is None:
            return []
        turn = turn_of(tracker, domain)
        before = _slots(tracker)
        if before["city"] is None:  # the city the page presets: dates are read in its terms
            before["city"] = preset_city(knowledge, message_metadata(tracker).get(PRESET_CITY))
        reading = (
            read_turn(knowledge, turn, before, settings().time_zone) if turn is not None else None
        )
        if turn is None:
            turn, reading = statement_turn(knowledge, tracker, before)
        tokens = (_knowledge.set(knowledge), _reading.set(reading))
        try:
            events = await super().run(dispatcher, tracker, domain)
        finally:
            _knowledge.reset(tokens[0])
            _reading.reset(tokens[1])
        if turn is None or reading is None:
            return events
        after = {**before, **_slot_values(events)}  # with what the hooks added (a preset city)
        asked = choice_events(knowledge, reading, after, turn.pending)
        filled = any(isinstance(e, dict) and e.get("name") in SLOTS for e in events)
        if asked or reading.declined:
            log_event(log, "form.choice", slot=turn.requested, offered=bool(asked))
        elif not filled and not turn.only_requested and turn.requested in SLOTS:
            log_event(log, "form.reask", slot=turn.requested)
            reask = not_repeated(tracker, f"utter_reask_{turn.requested}")
            dispatcher.utter_message(response=reask)
            store = self._store or shared_store()
            record(
                store.engine,
                Kind.ASKED_AGAIN,
                tracker.get_latest_input_channel(),
                slot=turn.requested,
            )
            asked = [SlotSet(turn.requested, None)]
        return _without_emptied(events, asked) + asked

    async def extract_city(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        reading = _reading.get()
        if reading is None:
            return {}
        value = reading.changed.get("city")
        if value is None and tracker.get_slot("city") is None and "city" not in reading.choices:
            value = preset_city(_knowledge.get(), message_metadata(tracker).get(PRESET_CITY))
        return {"city": value} if value is not None else {}

    async def extract_payment_date(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        return _extracted(tracker, "payment_date")

    async def extract_payment_method(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Dict[str, Any]:
        return _extracted(tracker, "payment_method")

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


def _slot_values(events: List[EventType]) -> Dict[str, Any]:
    return {
        e["name"]: e.get("value")
        for e in events
        if isinstance(e, dict) and e.get("event") == "slot" and e.get("name") in SLOTS
    }


def _extracted(tracker: Tracker, slot: str) -> Dict[str, Any]:
    reading = _reading.get()
    value = reading.changed.get(slot) if reading is not None else None
    return {slot: value} if value is not None else {}


def _without_emptied(events: List[EventType], asked: List[EventType]) -> List[EventType]:
    """The form's events, without a slot value the choice empties again (the choice wins)."""
    emptied = {e["name"] for e in asked if e.get("value") is None and e["name"] in SLOTS}
    return [e for e in events if not (isinstance(e, dict) and e.get("name") in emptied)]
