"""validate_selfcheck_form: fills city, payment_date and payment_method from each message."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.store import StoreAction
from bot.conversation import SLOTS, understand_message


class ValidateSelfcheckForm(StoreAction):
    """Reads every slot the message gives (so one message can fill all three, and a later message
    can correct one); asks again, with an example, when an answer cannot be used."""

    def name(self) -> str:
        return "validate_selfcheck_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        message = tracker.latest_message or {}
        understanding = understand_message(
            self.store,
            text=message.get("text") or "",
            intent=(message.get("intent") or {}).get("name"),
            requested=tracker.get_slot("requested_slot"),
            slots={slot: tracker.get_slot(slot) for slot in SLOTS},
        )
        if understanding.reask:
            dispatcher.utter_message(text=understanding.reask)
        return [SlotSet(slot, value) for slot, value in understanding.slots.items()]
