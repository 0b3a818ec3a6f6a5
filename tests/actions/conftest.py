"""Helpers for action tests: the real domain and trackers built inline (as in rasa-sdk's own tests)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())


def make_tracker(
    text: str,
    intent: str,
    slots: Optional[Dict[str, Any]] = None,
    requested: Optional[str] = None,
    active_loop: Optional[str] = "selfcheck_form",
    entities: Optional[List[Dict[str, Any]]] = None,
    channel: str = "rest_redacted",
    metadata: Optional[Dict[str, Any]] = None,
) -> Tracker:
    all_slots = {"city": None, "payment_date": None, "payment_method": None, "verdict": None}
    all_slots.update(slots or {})
    all_slots["requested_slot"] = requested
    return Tracker(
        sender_id="test-resident",
        slots=all_slots,
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or [],
            "metadata": metadata or {},
        },
        events=[{"event": "user", "text": text, "input_channel": channel}],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(dispatcher: CollectingDispatcher) -> List[str]:
    return [m.get("text") or m.get("response") for m in dispatcher.messages]
