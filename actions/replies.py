"""Sending a check result or an answer in the wording of the resident's channel.

Fixed replies are domain responses (with `channel:` variations); a check result is rendered here
by the channel the message came in on: a text message gets its summary first (SMS pages the rest
behind "Reply MORE"), the agent console the script with its data (quotes, notice, case summary),
the web widget one card (headline, reason, folded details), every other channel the chat replies.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import settings
from bot.answers import Answer
from bot.channels import AGENT, SMS, WIDGET
from bot.knowledge.base import Knowledge
from bot.rules import Result
from bot.wording import sms
from bot.wording.answers import agent_answer_messages, answer_messages
from bot.wording.chat import result_card, result_messages
from bot.wording.script import agent_payload


def send_result(
    dispatcher: CollectingDispatcher, tracker: Tracker, knowledge: Knowledge, result: Result
) -> None:
    """The verdict, why, steps, contacts and sources; and what the resident can do next."""
    channel = tracker.get_latest_input_channel()
    if channel == AGENT:
        # One time zone for every call of a deployment (its BOT_TIME_ZONE), labelled in the summary.
        payload = agent_payload(result, datetime.now(ZoneInfo(settings().time_zone)))
        dispatcher.utter_message(json_message=payload)  # the console shows it as a script
        dispatcher.utter_message(response="utter_after_check")
        return
    if channel == SMS:
        dispatcher.utter_message(text=sms.summary(result, knowledge.national))
        for text in sms.details(result):  # behind "Reply MORE"; the menu comes last
            dispatcher.utter_message(text=text)
        dispatcher.utter_message(response="utter_after_check")
        return
    if channel == WIDGET:  # one card: the verdict as a headline, the rest folded under it
        dispatcher.utter_message(json_message=result_card(result))
        dispatcher.utter_message(response="utter_after_check")
        return
    for text in result_messages(result):
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(response="utter_after_check")


def send_answer(dispatcher: CollectingDispatcher, tracker: Tracker, answer: Answer) -> None:
    """The answer in the resident's channel; the console gets it as what to tell the caller."""
    channel = tracker.get_latest_input_channel()
    messages = agent_answer_messages(answer) if channel == AGENT else answer_messages(answer)
    for text in messages:
        dispatcher.utter_message(text=text)
