"""Running the check and managing checks: new check, correction, start over."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.form import SLOTS, choice_events, conversation_language, moves_the_check
from actions.intents import NOTHING_TO_CHECK
from actions.knowledge import KnowledgeAction, settings
from actions.repeats import not_repeated
from actions.replies import send_result
from bot.conversation import (
    Turn,
    city_from_slot,
    date_from_slot,
    method_from_slot,
    read_turn,
    understand_turn,
)
from bot.knowledge.base import Knowledge
from bot.logs import log_event
from bot.reading import is_second_payment
from bot.selfcheck import check
from bot.usage import Kind, record
from bot.wording.choices import PENDING

log = logging.getLogger(__name__)
# The replies counted as a conversation getting stuck (a secret removed is not: it is answered).
STUCK = {"utter_default": Kind.NOT_UNDERSTOOD, "utter_out_of_scope": Kind.OUT_OF_SCOPE}


def check_and_reply(
    knowledge: Knowledge,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    slots: Dict[str, Any],
    engine: Engine,
) -> List[EventType]:
    """Run the check on the slots, send the answer, count it, and set `verdict`."""
    result = check(
        knowledge,
        city_from_slot(slots["city"]),
        date_from_slot(slots.get("payment_date")),
        method_from_slot(slots.get("payment_method")),
    )
    send_result(dispatcher, tracker, knowledge, result)
    log_event(
        log,
        "check.done",
        verdict=result.verdict.value,
        city_id=result.city_id,
        reasons=[r.value for r in result.reasons],
        channel=tracker.get_latest_input_channel(),
    )
    record(
        engine,
        Kind.CHECK,
        tracker.get_latest_input_channel(),
        city_id=result.city_id,
        verdict=result.verdict.value,
    )
    return [SlotSet("verdict", result.verdict.value)]


def _slots(tracker: Tracker) -> Dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in SLOTS}


class ActionRunCheck(KnowledgeAction):
    """Runs when the form is complete."""

    def name(self) -> str:
        return "action_run_check"

    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        slots = _slots(tracker)
        if not slots["city"]:
            dispatcher.utter_message(response="utter_ask_city")
            return [FollowupAction("selfcheck_form")]
        return check_and_reply(knowledge, dispatcher, tracker, slots, self.store.engine)


def fresh_check_events(knowledge: Knowledge, tracker: Tracker) -> List[EventType]:
    """Forget the last verdict, date and method (a second payment is asked how it was paid, never
    given the last one's method unsaid), unless the message only adds what the payment was for.
    The city stays: the new message may name another, and the answer names the city it checked."""
    if tracker.get_slot("verdict") is None and tracker.get_slot("payment_date") is None:
        return [SlotSet(PENDING, None)] if tracker.get_slot(PENDING) else []
    if _completes_the_method(knowledge, tracker):
        return [SlotSet("verdict", None)]  # the same payment, now with what it was for or how
    return [
        SlotSet("verdict", None),
        SlotSet("payment_date", None),
        SlotSet("payment_method", None),
        SlotSet(PENDING, None),
    ]


class ActionPrepareNewCheck(KnowledgeAction):
    """Before a new check: forget the last verdict, date and method; keep the city, which the new
    message may replace."""

    def name(self) -> str:
        return "action_prepare_new_check"

    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        return fresh_check_events(knowledge, tracker)


class ActionStartCheckFromAnswer(KnowledgeAction):
    """An answer-like message while no check is running ("Odessa", "online with my Visa"): it starts
    a check only if it carries a city, a date or a payment method. Anything else ("king of acid")
    was not understood, and the resident hears so instead of a form they never asked for."""

    def name(self) -> str:
        return "action_start_check_from_answer"

    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        reading = read_turn(
            knowledge,
            Turn(text, language=conversation_language(tracker)),
            _slots(tracker),
            settings().time_zone,
        )
        if not moves_the_check(intent, text, reading):
            reply = NOTHING_TO_CHECK.get(intent, "utter_default")
            dispatcher.utter_message(response=not_repeated(tracker, reply))
            if reply in STUCK:
                self.count(tracker, STUCK[reply])
            return []
        return fresh_check_events(knowledge, tracker) + [FollowupAction("selfcheck_form")]


def _completes_the_method(knowledge: Knowledge, tracker: Tracker) -> bool:
    """'It was my water bill', 'online with my Mastercard' after an answer that depended on what
    was paid for or how: the message says only what the payment was for, or how it was paid
    where the last check did not know (a channel, an instrument), without naming another way of
    paying: the same payment, checked again."""
    text = (tracker.latest_message or {}).get("text") or ""
    slots = _slots(tracker)
    changed = understand_turn(
        knowledge, Turn(text, language=conversation_language(tracker)), slots, settings().time_zone
    )
    if set(changed) != {"payment_method"}:
        return False
    before, now = (
        method_from_slot(slots.get("payment_method")),
        method_from_slot(changed["payment_method"]),
    )
    how = [(before.channel, now.channel), (before.instrument, now.instrument)]
    if any(old is not None and new != old for old, new in how):
        return False  # paid another way: another payment
    added = any(old is None and new is not None for old, new in how)
    return added or (now.service is not None and now.service != before.service)


class ActionApplyCorrection(KnowledgeAction):
    """'No, I meant Odessa' / 'actually it was in July' after a check: change that and check again."""

    def name(self) -> str:
        return "action_apply_correction"

    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        slots = _slots(tracker)
        reading = read_turn(
            knowledge,
            Turn(text, language=conversation_language(tracker)),
            slots,
            settings().time_zone,
        )
        if not (reading.changed or reading.choices):
            dispatcher.utter_message(response="utter_ask_what_to_correct")
            return []
        if is_second_payment(text):  # "I also paid a parking ticket in Tyler": a new check
            return fresh_check_events(knowledge, tracker) + [FollowupAction("selfcheck_form")]
        asked = choice_events(knowledge, reading, slots, tracker.get_slot(PENDING))
        slots.update(reading.changed)
        events: List[EventType] = [SlotSet(k, v) for k, v in reading.changed.items()] + asked
        for event in asked:
            if event["name"] in SLOTS:
                slots[event["name"]] = event["value"]
        if not all(slots.get(slot) for slot in SLOTS):
            return events + [SlotSet("verdict", None), FollowupAction("selfcheck_form")]
        return events + check_and_reply(knowledge, dispatcher, tracker, slots, self.store.engine)


class ActionStartOver(KnowledgeAction):
    """Forget everything about the check and begin again."""

    def name(self) -> str:
        return "action_start_over"

    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        events: List[EventType] = [
            SlotSet(slot, None) for slot in (*SLOTS, "verdict", "requested_slot", PENDING)
        ]
        if tracker.active_loop_name:
            events.append(ActiveLoop(None))
        return events
