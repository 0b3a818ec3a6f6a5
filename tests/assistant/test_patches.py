"""The patches to Rasa 3.6 (assistant/patches.py): each does its job and changes nothing else."""

from __future__ import annotations

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core import tracker_store
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from assistant import patches
from assistant.run import free_port

patches.apply_all()
DOMAIN = Domain.from_dict(
    {
        "responses": {
            "utter_action_unavailable": [
                {"text": "Sorry, I can't check payments right now. Call 1-877-438-4338."}
            ]
        },
        "actions": ["action_run_check"],
    }
)


def test_the_action_response_is_validated_as_before_with_the_schema_checked_once(monkeypatch):
    action = RemoteAction("action_run_check", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
    calls = []
    validator = patches._action_response_validator()
    monkeypatch.setattr(type(validator), "check_schema", lambda *a: calls.append(a))
    for _ in range(5):
        action._validate_action_result({"events": [], "responses": []})
    assert calls == []  # never again after the first


def test_the_action_timeout_comes_from_the_setting(monkeypatch):
    from rasa.core.actions import action

    monkeypatch.setenv("BOT_ACTION_TIMEOUT_SECONDS", "7")
    patches.action_timeout()
    assert action.DEFAULT_REQUEST_TIMEOUT == 7.0


async def test_an_unreachable_action_server_gets_one_apology_per_message():
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")  # nothing listens
    action = RemoteAction("action_run_check", endpoint)
    output = CollectingOutputChannel()
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    tracker = DialogueStateTracker.from_events("resident", [UserUttered("hello")])
    events = await action.run(output, nlg, tracker, DOMAIN)
    assert isinstance(events[0], BotUttered) and "1-877-438-4338" in events[0].text
    tracker.update(events[0])
    assert await action.run(output, nlg, tracker, DOMAIN) == []  # not twice for one message
    tracker.update(UserUttered("again"))
    assert len(await action.run(output, nlg, tracker, DOMAIN)) == 1


class BrokenStore(TrackerStore):
    async def retrieve(self, sender_id):
        raise ConnectionError("database away")

    async def save(self, tracker):
        raise ConnectionError("database away")

    async def keys(self):
        raise ConnectionError("database away")


async def test_a_tracker_store_error_is_raised_not_hidden_in_memory():
    store = FailSafeTrackerStore(BrokenStore(DOMAIN))
    with pytest.raises(ConnectionError):
        await store.retrieve("resident")
    with pytest.raises(ConnectionError):
        await store.save(DialogueStateTracker.from_events("resident", []))
    assert store._fallback_tracker_store is None  # nothing went to memory


def test_postgres_connections_are_tested_before_use():
    assert tracker_store.create_engine_kwargs("postgresql://u@h/db")["pool_pre_ping"] is True
    assert "pool_pre_ping" not in tracker_store.create_engine_kwargs("sqlite:///x.db")


def test_applying_twice_changes_nothing():
    before = RemoteAction.run
    patches.apply_all()
    assert RemoteAction.run is before
    assert asyncio.iscoroutinefunction(RemoteAction.run)


class _NoGraph:
    """A processor whose NLU graph must not run (it raises), with the domain's intents."""

    domain = Domain.from_dict({"intents": ["inform", "check_payment"], "entities": ["choice"]})

    class model_metadata:  # noqa: N801
        nlu_target = "nlu"

    class graph_runner:  # noqa: N801 (stands where MessageProcessor keeps its graph runner)
        @staticmethod
        def run(**_: object) -> None:
            raise AssertionError("the NLU graph ran for a button payload")


def test_a_button_payload_is_read_without_the_nlu_graph():
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    message = UserMessage('/inform{"choice": "Odessa, TX"}', sender_id="s")
    parsed = MessageProcessor._parse_message_with_graph(_NoGraph(), message, None)
    assert parsed["intent"]["name"] == "inform" and parsed["intent"]["confidence"] == 1.0
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == [("choice", "Odessa, TX")]


@pytest.mark.parametrize("text", ["/not_an_intent", "Odessa, TX"])
def test_other_messages_still_get_the_nlu_graph(text):
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    with pytest.raises(AssertionError, match="NLU graph ran"):
        MessageProcessor._parse_message_with_graph(
            _NoGraph(), UserMessage(text, sender_id="s"), None
        )
