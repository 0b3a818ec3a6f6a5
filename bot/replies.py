"""Chat replies for a check result: short messages a resident reads in a chat window."""

from __future__ import annotations

from typing import List

from bot.rules import Result
from bot.script import contact_line

VERDICT_LEAD = {
    "affected": "Yes — your payment was affected.",
    "possibly_affected": "Your payment may have been affected.",
    "not_affected": "Good news — your payment was not affected.",
    "under_investigation": "The city is still investigating, so there is no answer yet.",
    "no_details_on_record": "I can't tell: this city was named as hit, but no details are on record.",
    "no_incident_on_record": "I have no Click2Gov breach on record for that city.",
}


def result_messages(result: Result) -> List[str]:
    """Verdict and reason; steps; contacts; sources — one chat message each."""
    messages = [f"{VERDICT_LEAD[result.verdict]} {result.reason}"]
    messages += [f"Note: {note}" for note in result.notes]
    if result.steps:
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(result.steps, 1))
        messages.append(f"What to do now:\n{steps}")
    if result.contacts:
        contacts = "\n".join(f"- {contact_line(c)}" for c in result.contacts)
        messages.append(f"Who to contact:\n{contacts}")
    if result.sources:
        seeds = ", ".join(dict.fromkeys(s.seed for s in result.sources))
        messages.append(
            f'Source: {seeds}. You can check another payment, ask a question, or say "start over".'
        )
    else:
        messages.append('You can check another payment, ask a question, or say "start over".')
    return messages
