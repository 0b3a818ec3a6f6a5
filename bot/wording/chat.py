"""A check result as chat replies: short messages a resident reads in a chat window, in the
locale spoken (bot/i18n.py)."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.i18n import pick, t
from bot.rules import Result
from bot.wording.assumed import assumed_sentences, assumed_text
from bot.wording.headlines import headline
from bot.wording.phrases import contact_line
from bot.wording.reasons import reason_sentences
from bot.wording.sources import cited


def numbered(lines: List[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def bulleted(lines: List[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def result_messages(result: Result) -> List[str]:
    """Verdict and reason; notes; steps; contacts; sources — one chat message each (what the
    resident can do next is the domain's `utter_after_check`)."""
    first = headline(result).chat
    messages = [f"{assumed_text(result)}{first} {' '.join(reason_sentences(result))}"]
    messages += [t("Note: {note}", note=pick(note, "text")) for note in result.notes]
    if result.steps:
        steps = numbered([pick(s, "text") for s in result.steps])
        messages.append(t("What to do now:") + "\n" + steps)
    if result.contacts:
        contacts = bulleted([contact_line(c) for c in result.contacts])
        messages.append(t("Who to contact:") + "\n" + contacts)
    if result.notices:
        messages.append(t("Source: {cited}.", cited=cited(result.notices)))
    return messages


def result_card(result: Result) -> Dict[str, Any]:
    """The chat replies as the web widget shows them: the verdict as a headline, what it rests
    on right under it, and the steps, contacts and source folded below. `text` is the same
    answer as plain chat messages, for any client that shows text only."""
    return {
        "kind": "result",
        "verdict": result.verdict.value,
        "headline": headline(result).chat,
        "reason": " ".join([*assumed_sentences(result), *reason_sentences(result)]),
        "notes": [pick(note, "text") for note in result.notes],
        "steps": [pick(step, "text") for step in result.steps],
        "contacts": [contact_line(c) for c in result.contacts],
        "source": cited(result.notices) if result.notices else "",
        "text": "\n\n".join(result_messages(result)),
    }
