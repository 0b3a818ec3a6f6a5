"""The one table of headlines: how each verdict is announced in each rendering."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.knowledge.vocabulary import Verdict
from bot.rules import Reason, Result


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

# An affected payment when the notice itself hedges ("may have been compromised"): the verdict
# stays `affected` (the payment is one the notice names), the words keep the notice's doubt.
HEDGED_AFFECTED = Headline(
    "Your payment is one of those the notice says may have been exposed",
    "Yes — your payment is one of those the city says may have been exposed.",
    "Your payment IS one of those the city says MAY have been exposed.",
)


def headline(result: Result) -> Headline:
    """The headline of a result: its verdict's, or the hedged one where the notice hedges."""
    from bot.wording.reasons import document_kind, exposure_hedged  # built on the same phrases

    if result.verdict == Verdict.AFFECTED and any(
        f.reason == Reason.AFFECTED_IN_WINDOW and exposure_hedged(result, f)
        for f in result.findings
    ):
        if document_kind(result) == "article":  # a news article is not called a notice
            return replace(
                HEDGED_AFFECTED, title=HEDGED_AFFECTED.title.replace("notice", "article")
            )
        return HEDGED_AFFECTED
    return HEADLINES[result.verdict]
