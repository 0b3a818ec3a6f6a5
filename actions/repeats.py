"""A fixed apology the resident was just given is not sent again word for word: the second time
in a row it comes in its `_again` wording, which says it another way and gives an example."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Optional, Set

from rasa_sdk import Tracker

# The apologies that have a second wording in domain.yml (tests/actions check they exist).
SAID_AGAIN = {
    "utter_default": "utter_default_again",
    "utter_out_of_scope": "utter_out_of_scope_again",
    "utter_reask_city": "utter_reask_city_again",
    "utter_reask_payment_date": "utter_reask_payment_date_again",
    "utter_reask_payment_method": "utter_reask_payment_method_again",
}


def _previous_turn_responses(events: Iterable[Dict[str, Any]]) -> Set[str]:
    """The responses the bot sent in reply to the message before the latest one."""
    sent: Set[str] = set()
    users = 0
    for event in reversed(list(events)):
        kind = event.get("event")
        if kind == "user":
            users += 1
            if users == 2:
                break
        elif kind == "bot" and users == 1:
            name = (event.get("metadata") or {}).get("utter_action")
            if isinstance(name, str):
                sent.add(name)
    return sent


def not_repeated(tracker: Tracker, response: str) -> str:
    """`response`, or its second wording when the previous reply was the same apology."""
    again: Optional[str] = SAID_AGAIN.get(response)
    if again is None:
        return response
    previous = _previous_turn_responses(tracker.events)
    return again if response in previous or again in previous else response
