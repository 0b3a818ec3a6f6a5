"""The form's questions, asked by the Rasa server (assistant/local_actions.py, patch 15): the open
choice with a button per option, else the domain's question for the resident's channel."""

from __future__ import annotations

import pytest
from rasa.core.actions import action
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from assistant import patches
from assistant.local_actions import AskForSlot
from bot.settings import PROJECT_ROOT

patches.apply_all()
CITY_CHOICE = {
    "slot": "city",
    "kind": "cities",
    "options": [
        {"label": "Odessa, TX", "value": "odessa-tx"},
        {"label": "Bakersfield, CA", "value": "bakersfield-ca"},
    ],
}


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def tracker(domain: Domain, pending=None, channel: str = "rest") -> DialogueStateTracker:
    events = [UserUttered("Odessa or Bakersfield", input_channel=channel)]
    if pending is not None:
        events.append(SlotSet("pending_choice", pending))
    return DialogueStateTracker.from_events("resident", events, domain.slots)


async def ask(domain: Domain, slot: str, conversation: DialogueStateTracker, channel=None):
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    output = channel or CollectingOutputChannel()
    return await AskForSlot(slot).run(output, nlg, conversation, domain)


async def test_an_open_choice_is_asked_with_a_button_per_option(domain):
    (said,) = await ask(domain, "city", tracker(domain, CITY_CHOICE))
    assert said.text == "You named Odessa, TX or Bakersfield, CA. Which city was the payment to?"
    assert said.data["buttons"] == [
        {"title": "Odessa, TX", "payload": '/inform{"choice": "Odessa, TX"}'},
        {"title": "Bakersfield, CA", "payload": '/inform{"choice": "Bakersfield, CA"}'},
    ]


async def test_a_support_agent_is_told_to_ask_the_caller(domain):
    (said,) = await ask(domain, "city", tracker(domain, CITY_CHOICE, channel="agent"))
    assert said.text.startswith("Ask the caller: You named Odessa, TX or Bakersfield, CA.")


async def test_without_a_choice_for_the_slot_the_domain_question_is_asked(domain):
    (said,) = await ask(domain, "payment_date", tracker(domain, CITY_CHOICE))
    assert said.text.startswith("When did you make the payment?")
    assert said.metadata["utter_action"] == "utter_ask_payment_date"
    (said,) = await ask(domain, "payment_method", tracker(domain))
    assert said.text.startswith("How did you pay?")
    assert [b["title"] for b in said.data["buttons"]][:2] == ["Online, by card", "Autopay"]


async def test_the_question_follows_the_residents_channel(domain):
    class Sms(CollectingOutputChannel):
        @classmethod
        def name(cls) -> str:
            return "sms"

    (said,) = await ask(domain, "city", tracker(domain), channel=Sms())
    assert said.text == "Which city did you pay? (e.g. Odessa TX)"


def test_only_the_form_questions_are_run_by_the_rasa_server(domain):
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook")
    for slot in ("city", "payment_date", "payment_method"):
        found = action.action_for_name_or_text(f"action_ask_{slot}", domain, endpoint)
        assert isinstance(found, AskForSlot) and found.name() == f"action_ask_{slot}"
    remote = action.action_for_name_or_text("validate_selfcheck_form", domain, endpoint)
    assert isinstance(remote, action.RemoteAction)
    other = Domain.from_dict({"actions": ["action_run_check"]})
    with pytest.raises(Exception, match="action_ask_city"):
        action.action_for_name_or_text("action_ask_city", other, endpoint)
