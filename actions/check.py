"""Running the check and managing checks: new check, correction, start over."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.store import StoreAction
from bot.conversation import ASK, ASK_WHAT_TO_CORRECT, SLOTS, decode_method, understand_message
from bot.knowledge.store import KnowledgeStore
from bot.replies import result_messages
from bot.selfcheck import DateNotUnderstood, run_check


def check_and_reply(
    store: KnowledgeStore, dispatcher: CollectingDispatcher, slots: Dict[str, Any]
) -> List[EventType]:
    """Run the check on the slots, send the answer, and set `verdict`."""
    try:
        result = run_check(
            store,
            slots["city"],
            slots.get("payment_date"),
            decode_method(slots.get("payment_method")),
        )
    except DateNotUnderstood as error:
        dispatcher.utter_message(text=str(error))
        return [
            SlotSet("payment_date", None),
            SlotSet("verdict", None),
            FollowupAction("selfcheck_form"),
        ]
    for text in result_messages(result):
        dispatcher.utter_message(text=text)
    return [SlotSet("verdict", result.verdict)]


class ActionRunCheck(StoreAction):
    """Runs when the form is complete."""

    def name(self) -> str:
        return "action_run_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        slots = {slot: tracker.get_slot(slot) for slot in SLOTS}
        if not slots["city"]:
            dispatcher.utter_message(text=ASK["city"])
            return [FollowupAction("selfcheck_form")]
        return check_and_reply(self.store, dispatcher, slots)


class ActionPrepareNewCheck(StoreAction):
    """Before a new check: forget the last verdict and date; keep city and method, which the new
    message may replace."""

    def name(self) -> str:
        return "action_prepare_new_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        if tracker.get_slot("verdict") is None and tracker.get_slot("payment_date") is None:
            return []
        return [SlotSet("verdict", None), SlotSet("payment_date", None)]


class ActionApplyCorrection(StoreAction):
    """'No, I meant Odessa' / 'actually it was in July' after a check: change that and check again."""

    def name(self) -> str:
        return "action_apply_correction"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        message = tracker.latest_message or {}
        slots = {slot: tracker.get_slot(slot) for slot in SLOTS}
        understanding = understand_message(
            self.store, message.get("text") or "", "correct", None, slots
        )
        changed = {k: v for k, v in understanding.slots.items() if v is not None}
        if not changed:
            dispatcher.utter_message(text=ASK_WHAT_TO_CORRECT)
            return []
        slots.update(changed)
        events: List[EventType] = [SlotSet(k, v) for k, v in changed.items()]
        if not all(slots.get(slot) for slot in SLOTS):
            return events + [SlotSet("verdict", None), FollowupAction("selfcheck_form")]
        return events + check_and_reply(self.store, dispatcher, slots)


class ActionStartOver(StoreAction):
    """Forget everything about the check and begin again."""

    def name(self) -> str:
        return "action_start_over"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        events: List[EventType] = [
            SlotSet(slot, None) for slot in (*SLOTS, "verdict", "requested_slot")
        ]
        if tracker.active_loop_name:
            events.append(ActiveLoop(None))
        return events


class _AskSlot(StoreAction):
    """The form's question for one slot; Rasa calls action_ask_<slot> before utter_ask_<slot>."""

    slot = ""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(text=ASK[self.slot])
        return []


class ActionAskCity(_AskSlot):
    slot = "city"

    def name(self) -> str:
        return "action_ask_city"


class ActionAskPaymentDate(_AskSlot):
    slot = "payment_date"

    def name(self) -> str:
        return "action_ask_payment_date"


class ActionAskPaymentMethod(_AskSlot):
    slot = "payment_method"

    def name(self) -> str:
        return "action_ask_payment_method"
