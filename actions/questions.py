"""action_answer_question: the related questions, answered from the knowledge base."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.store import StoreAction
from bot.answers import ANSWERS, answer_question
from bot.redaction import strip_markers


class ActionAnswerQuestion(StoreAction):
    """Answers the question the last message asked, for the city named in it or in the conversation."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        if intent not in ANSWERS:
            dispatcher.utter_message(response="utter_help")
            return []
        text = strip_markers(message.get("text") or "")
        for reply in answer_question(self.store, intent, text, tracker.get_slot("city")):
            dispatcher.utter_message(text=reply)
        return []
