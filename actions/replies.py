"""Sending a check result or an answer in the wording of the resident's channel."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answer
from bot.rules import Result
from bot.wording.answers import answer_messages
from bot.wording.chat import result_messages


def send_result(dispatcher: CollectingDispatcher, tracker: Tracker, result: Result) -> None:
    """The verdict, why, steps, contacts and sources; then what the resident can do next."""
    for text in result_messages(result):
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(response="utter_after_check")


def send_answer(dispatcher: CollectingDispatcher, tracker: Tracker, answer: Answer) -> None:
    for text in answer_messages(answer):
        dispatcher.utter_message(text=text)
