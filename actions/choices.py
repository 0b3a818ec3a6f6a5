"""action_ask_<slot>: the form's question for a slot, or the choice a message left open for it."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.channels import AGENT
from bot.wording.choices import choice_question

PENDING = "pending_choice"


def pending_for(tracker: Tracker, slot: str) -> Dict[str, Any]:
    """The choice offered for the slot, or {}."""
    pending = tracker.get_slot(PENDING) or {}
    return pending if pending.get("slot") == slot and pending.get("options") else {}


def choice_buttons(pending: Dict[str, Any]) -> List[Dict[str, str]]:
    """One button per option; its payload types the option's label as the answer."""
    return [
        {"title": str(o["label"]), "payload": "/inform" + json.dumps({"choice": str(o["label"])})}
        for o in pending["options"]
    ]


class ActionAskSlot(Action):
    """Asks for one slot: the open choice when there is one, else the domain's question."""

    slot = ""

    def __init__(self, store: Optional[Any] = None) -> None:
        super().__init__()  # no knowledge needed: the choice carries its labels

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        pending = pending_for(tracker, self.slot)
        if not pending:
            dispatcher.utter_message(response=f"utter_ask_{self.slot}")
            return []
        question = choice_question(pending)
        if tracker.get_latest_input_channel() == AGENT:
            question = f"Ask the caller: {question}"
        dispatcher.utter_message(text=question, buttons=choice_buttons(pending))
        return []


class ActionAskCity(ActionAskSlot):
    slot = "city"


class ActionAskPaymentDate(ActionAskSlot):
    slot = "payment_date"


class ActionAskPaymentMethod(ActionAskSlot):
    slot = "payment_method"
