"""The form's questions, asked by the Rasa server itself (patch 15 in assistant/patches.py).

`action_ask_<slot>` needs no knowledge: it asks the choice the last message left open (its labels
travel in the `pending_choice` slot) or else the domain's `utter_ask_<slot>`. As a custom action
it cost an HTTP call to the action server, with the whole conversation sent and read back, on
three turns of every check; here it gives the same message with the same buttons.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.core.actions.action import Action, ActionBotResponse, create_bot_utterance
from rasa.shared.core.events import Event

from bot.channels import AGENT
from bot.conversation import LANGUAGE
from bot.i18n import speaking, t
from bot.wording.choices import PENDING, choice_buttons, choice_question, pending_for

# The slots whose question the server asks (the form's required slots, domain.yml).
ASKED_SLOTS = ("city", "payment_date", "payment_method")


class AskForSlot(Action):
    """Asks for one slot: the open choice when there is one, else the domain's question."""

    def __init__(self, slot: str) -> None:
        self.slot = slot

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, output_channel: Any, nlg: Any, tracker: Any, domain: Any, **kwargs: Any
    ) -> List[Event]:
        pending = pending_for(tracker.get_slot(PENDING), self.slot)
        if not pending:
            question = ActionBotResponse(f"utter_ask_{self.slot}")
            return await question.run(output_channel, nlg, tracker, domain)
        language = tracker.get_slot(LANGUAGE) if LANGUAGE in tracker.slots else None
        with speaking(language):
            text = choice_question(pending)
            if tracker.get_latest_input_channel() == AGENT:
                text = t("Ask the caller: {question}", question=text)
            buttons = choice_buttons(pending)
        return [create_bot_utterance({"text": text, "buttons": buttons})]


def local_actions() -> Dict[str, Action]:
    """The actions the Rasa server runs itself, by name."""
    asks = [AskForSlot(slot) for slot in ASKED_SLOTS]
    return {action.name(): action for action in asks}
