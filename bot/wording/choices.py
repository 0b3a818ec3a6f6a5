"""The short question that offers a choice the resident's words left open (bot/conversation.py),
and its buttons. The choice waits in the `pending_choice` slot: {"slot", "kind", "options":
[{"label", "value"}]}; the Rasa server asks it (assistant/local_actions.py). The question is in
the locale spoken; the labels are written when the choice is made (in the conversation's
language), and a button types its label back as the answer."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from bot.i18n import N_, t
from bot.wording.phrases import OR, conjunction, joined

PENDING = "pending_choice"

_TWO = {
    "city": N_("You named {options}. Which city was the payment to?"),
    "payment_date": N_("You gave {options}. Which date was the payment?"),
    "payment_method": N_("You mentioned {options}. Which way did you pay?"),
}
_YEAR = N_(
    "You didn't say the year, and it decides the answer. Was it {first}, or {second}? "
    "(Or type the date with its year.)"
)


_DAY_ORDER = N_(
    "Read day first, that date is {first}; read month first, it is {second}, and the answer "
    "is different. Which day did you pay? (Or type the month's name.)"
)


def choice_question(pending: Dict[str, Any]) -> str:
    """'You named Odessa, TX and Tyler, TX. Which city was the payment to?'."""
    labels: List[str] = [str(o["label"]) for o in pending.get("options") or []]
    if pending.get("kind") == "year" and len(labels) >= 2:
        return t(_YEAR, first=labels[0], second=labels[1])
    if pending.get("kind") == "day_order" and len(labels) >= 2:
        return t(_DAY_ORDER, first=labels[0], second=labels[1])
    if len(labels) == 2:
        options = f"{labels[0]} {conjunction(OR, labels[1])} {labels[1]}"
    else:
        options = joined(labels)
    return t(_TWO[pending["slot"]], options=options)


def pending_for(pending: Optional[Dict[str, Any]], slot: str) -> Dict[str, Any]:
    """The choice waiting in the `pending_choice` slot when it is for `slot` and has options;
    else {}."""
    pending = pending or {}
    return pending if pending.get("slot") == slot and pending.get("options") else {}


def choice_buttons(pending: Dict[str, Any]) -> List[Dict[str, str]]:
    """One button per option; its payload types the option's label as the answer (read by the
    readers of the conversation's language: a Spanish label reads back as the same value)."""
    return [
        {"title": str(o["label"]), "payload": "/inform" + json.dumps({"choice": str(o["label"])})}
        for o in pending["options"]
    ]
