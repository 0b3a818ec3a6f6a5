"""Sending a check result or an answer in the wording of the resident's channel.

Fixed replies are domain responses (with `channel:` variations); a check result is rendered here
by the channel the message came in on: a text message gets its summary first (SMS pages the rest
behind "Reply MORE"), the agent console the script with its data (quotes, notice, case summary),
every other channel the chat replies.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import settings
from bot.answers import Answer
from bot.channels import AGENT, SMS
from bot.knowledge.base import Knowledge
from bot.rules import Result
from bot.wording import sms
from bot.wording.answers import answer_messages
from bot.wording.chat import result_messages
from bot.wording.script import agent_payload


def send_result(
    dispatcher: CollectingDispatcher, tracker: Tracker, knowledge: Knowledge, result: Result
) -> None:
    """The verdict, why, steps, contacts and sources; and what the resident can do next."""
    channel = tracker.get_latest_input_channel()
    if channel == AGENT:
        zone = result.city.time_zone if result.city else settings().time_zone
        payload = agent_payload(result, datetime.now(ZoneInfo(zone)))
        dispatcher.utter_message(json_message=payload)  # the console shows it as a script
        dispatcher.utter_message(response="utter_after_check")
        return
    if channel == SMS:
        dispatcher.utter_message(text=sms.summary(result, knowledge.national))
        for text in sms.details(result):  # behind "Reply MORE"; the menu comes last
            dispatcher.utter_message(text=text)
        dispatcher.utter_message(response="utter_after_check")
        return
    for text in result_messages(result):
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(response="utter_after_check")


def send_answer(dispatcher: CollectingDispatcher, tracker: Tracker, answer: Answer) -> None:
    for text in answer_messages(answer):
        dispatcher.utter_message(text=text)
