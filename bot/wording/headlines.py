"""The one table of headlines: how each verdict is announced in each rendering."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.vocabulary import Verdict


@dataclass(frozen=True)
class Headline:
    title: str  # the agent's script and `bot check --json`
    chat: str  # the first words of a chat reply
    sms: str  # the first words of a text message (plain GSM-7)


HEADLINES = {
    Verdict.AFFECTED: Headline(
        "Your payment was affected",
        "Yes — your payment was affected.",
        "Your payment WAS affected.",
    ),
    Verdict.POSSIBLY_AFFECTED: Headline(
        "Your payment may have been affected",
        "Your payment may have been affected.",
        "Your payment MAY have been affected.",
    ),
    Verdict.NOT_AFFECTED: Headline(
        "Your payment was not affected",
        "Good news — your payment was not affected.",
        "Your payment was NOT affected.",
    ),
    Verdict.UNDER_INVESTIGATION: Headline(
        "The city is still investigating; no scope has been published yet",
        "The city is still investigating, so there is no answer yet.",
        "No answer yet.",
    ),
    Verdict.NO_DETAILS_ON_RECORD: Headline(
        "This city was named as hit, but no details are on record",
        "I can't tell: this city was named as hit, but no details are on record.",
        "Can't tell.",
    ),
    Verdict.NO_INCIDENT_ON_RECORD: Headline(
        "No Click2Gov incident is on record for this city",
        "I have no Click2Gov breach on record for that city.",
        "Not on record.",
    ),
}
