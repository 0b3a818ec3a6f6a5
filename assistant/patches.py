"""Documented patches to Rasa 3.6 open source, applied in the Rasa server process only
(`python -m assistant.rasa_server`, which `bot serve` and the tests start instead of `rasa`).

Each replaces one hook with a version that does the same job without a known cost or trap; each
is tested in tests/assistant/test_patches.py:

1. cached_action_validation: `RemoteAction._validate_action_result` called `jsonschema.validate()`,
   which checks the fixed action-response schema against its meta-schema on every call (about
   half of the server's CPU under load). The schema is checked once and its validator reused;
   results are validated exactly as before (same errors, same message).
2. action_timeout: the action call waited 300 s (`DEFAULT_REQUEST_TIMEOUT`) while a conversation's
   lock lives 60 s; it now waits BOT_ACTION_TIMEOUT_SECONDS (20).
3. action_failure_apology: when the action server is down, slow or failing, Rasa logged the error
   and the resident got an empty reply. Now the resident gets `utter_action_unavailable` (with a
   number to call), once per message. A rejection (a form answer not understood) is untouched.
4. tracker_store_errors_are_errors: `FailSafeTrackerStore` answered a database error by reading an
   empty tracker and saving into memory: with several instances, conversations forked without a
   word. Now the error goes up to the channel, which apologises; nothing is saved elsewhere.
5. postgres_pool_pre_ping: pooled PostgreSQL connections are tested before use, so the first turn
   after a database restart works instead of failing on a dead connection.
6. redact_every_message: `MessageProcessor.log_message` is where every user message enters a
   conversation (every channel, and the HTTP API's POST /conversations/<id>/messages, which no
   channel sees). The text and the sender id are redacted there too (bot/redaction.py).
7. button_payloads_skip_the_nlu: a button's payload ("/inform{...}") ran the whole NLU graph
   (tokenizers, the sentence encoder, DIET, the gate) only for the graph's last step,
   `RegexMessageHandler`, to replace the prediction with the payload's intent and entities. The
   payload now goes to that step alone; a "/..." that names no intent of the domain still gets
   the whole graph.
"""

from __future__ import annotations

import asyncio
import logging
import os
from functools import lru_cache
from typing import Any, Callable, Dict, List

from bot.logs import log_event

log = logging.getLogger(__name__)
APPLIED: List[str] = []
APOLOGY = "utter_action_unavailable"
DEFAULT_ACTION_TIMEOUT = 20.0


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)  # once, instead of on every call
    return cls(spec)


def cached_action_validation() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions import action

    def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
        try:
            _action_response_validator().validate(result)
            return True
        except ValidationError as error:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response "
                "from the Action endpoint is valid. For more information about the format visit "
                f"{action.DOCS_BASE_URL}/custom-actions"
            )
            raise error

    action.RemoteAction._validate_action_result = validate_action_result


def action_timeout() -> None:
    from rasa.core.actions import action

    seconds = float(os.environ.get("BOT_ACTION_TIMEOUT_SECONDS") or DEFAULT_ACTION_TIMEOUT)
    action.DEFAULT_REQUEST_TIMEOUT = seconds  # read by RemoteAction.run at call time


def _apologised(tracker: Any) -> bool:
    """Whether this message already got the apology (several actions may fail in one turn)."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(APOLOGY):
            return True
    return False


def action_failure_apology() -> None:
    from rasa.core.actions import action
    from rasa.shared.core.events import BotUttered
    from rasa.shared.exceptions import RasaException

    run: Callable = action.RemoteAction.run

    async def run_or_apologise(
        self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> List[Any]:
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except action.ActionExecutionRejection:
            raise
        except (RasaException, asyncio.TimeoutError) as error:  # down, failing, or too slow
            log_event(
                log, "action.failed", logging.ERROR, action=self.name(), error=type(error).__name__
            )
            if _apologised(tracker):
                return []
            reply = await nlg.generate(APOLOGY, tracker, output_channel.name())
            text = (reply or {}).get("text") or "Sorry, something went wrong. Try again later."
            return [BotUttered(text, metadata={APOLOGY: True})]  # Rasa sends it to the channel

    action.RemoteAction.run = run_or_apologise


def tracker_store_errors_are_errors() -> None:
    from rasa.core import tracker_store

    def raise_it(self: Any, error: Exception) -> None:
        log_event(log, "tracker_store.failed", logging.ERROR, error=type(error).__name__)
        raise error

    tracker_store.FailSafeTrackerStore.on_tracker_store_error = raise_it
    tracker_store.FailSafeTrackerStore.on_tracker_store_retrieve_error = raise_it


def postgres_pool_pre_ping() -> None:
    from rasa.core import tracker_store

    make_kwargs = tracker_store.create_engine_kwargs

    def with_pre_ping(url: Any) -> Dict[str, Any]:
        kwargs = make_kwargs(url)
        if tracker_store.is_postgresql_url(url):
            kwargs["pool_pre_ping"] = True
        return kwargs

    tracker_store.create_engine_kwargs = with_pre_ping


def redact_every_message() -> None:
    from rasa.core.processor import MessageProcessor

    from bot.redaction import redact, safe_sender_id

    log_message: Callable = MessageProcessor.log_message

    async def log_redacted(self: Any, message: Any, should_save_tracker: bool = True) -> Any:
        if message.text:
            message.text = redact(message.text).text
        message.sender_id = safe_sender_id(str(message.sender_id))
        return await log_message(self, message, should_save_tracker)

    MessageProcessor.log_message = log_redacted


def button_payloads_skip_the_nlu() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
    from rasa.shared.nlu.constants import (
        ENTITIES,
        INTENT,
        INTENT_NAME_KEY,
        PREDICTED_CONFIDENCE_KEY,
        TEXT,
    )
    from rasa.shared.nlu.training_data.message import Message

    parse_with_graph: Callable = MessageProcessor._parse_message_with_graph
    handler = RegexMessageHandler()

    def parse(self: Any, message: Any, tracker: Any, only_output_properties: bool = True) -> Any:
        text = message.text or ""
        if text.startswith("/"):
            (payload,) = handler.process([Message(data={TEXT: text})], self.domain)
            if (payload.get(INTENT) or {}).get(INTENT_NAME_KEY):
                parse_data: Dict[str, Any] = {
                    TEXT: "",
                    INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
                    ENTITIES: [],
                }
                parse_data.update(payload.as_dict(only_output_properties=only_output_properties))
                return parse_data
        return parse_with_graph(self, message, tracker, only_output_properties)

    MessageProcessor._parse_message_with_graph = parse


PATCHES = (
    cached_action_validation,
    action_timeout,
    action_failure_apology,
    tracker_store_errors_are_errors,
    postgres_pool_pre_ping,
    redact_every_message,
    button_payloads_skip_the_nlu,
)


def apply_all() -> None:
    """Apply every patch (once)."""
    for patch in PATCHES:
        if patch.__name__ not in APPLIED:
            patch()
            APPLIED.append(patch.__name__)
