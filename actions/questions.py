"""action_answer_question: the related questions, answered from the knowledge base."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.form import message_metadata
from actions.intents import QUESTIONS
from actions.knowledge import KnowledgeAction
from actions.replies import send_answer
from bot.answers import answer_question
from bot.conversation import PRESET_CITY, city_from_slot
from bot.knowledge.base import Knowledge
from bot.logs import log_event
from bot.reading import is_payment_statement
from bot.redaction import strip_markers
from bot.usage import Kind

log = logging.getLogger(__name__)


class ActionAnswerQuestion(KnowledgeAction):
    """Answers the question the last message asked, for the city named in it or in the conversation."""

    def name(self) -> str:
        return "action_answer_question"

    async def act(
        self,
        knowledge: Knowledge,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if not tracker.active_loop_name and is_payment_statement(text):
            # "The city mailed me a letter; I paid online on June 5": a check, not a question
            return [FollowupAction("action_start_check_from_answer")]
        topic = QUESTIONS.get((message.get("intent") or {}).get("name"))
        if topic is None:
            dispatcher.utter_message(response="utter_help")
            return []
        conversation_city = city_from_slot(tracker.get_slot("city"))
        if conversation_city is not None:
            city_id = conversation_city.city_id if conversation_city.found else None
        else:  # no check yet: the city the page presets, if any
            city_id = message_metadata(tracker).get(PRESET_CITY)
        answer = answer_question(
            knowledge, topic, strip_markers(message.get("text") or ""), city_id
        )
        send_answer(dispatcher, tracker, answer)
        self.count(
            tracker, Kind.QUESTION, topic=answer.topic.value, city_id=answer.city and answer.city.id
        )
        log_event(
            log,
            "question.answered",
            topic=answer.topic.value,
            city_id=answer.city and answer.city.id,
        )
        return []
