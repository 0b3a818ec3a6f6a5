"""The one table of headlines: how each verdict is announced in each rendering.

The table holds the English headlines, marked for the catalog; `headline()` gives them in the
locale spoken ("Sí: su pago se vio afectado.")."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_, t
from bot.knowledge.vocabulary import Verdict
from bot.rules import Reason, Result


@dataclass(frozen=True)
class Headline:
    title: str  # the agent's script and `bot check --json`
    chat: str  # the first words of a chat reply
    sms: str  # the first words of a text message (plain GSM-7)

    def said(self) -> Headline:
        """The headline in the locale spoken."""
        return Headline(t(self.title), t(self.chat), t(self.sms))


HEADLINES = {
    Verdict.AFFECTED: Headline(
        N_("Your payment was affected"),
        N_("Yes — your payment was affected."),
        N_("Your payment WAS affected."),
    ),
    Verdict.POSSIBLY_AFFECTED: Headline(
        N_("Your payment may have been affected"),
        N_("Your payment may have been affected."),
        N_("Your payment MAY have been affected."),
    ),
    Verdict.NOT_AFFECTED: Headline(
        N_("Your payment was not affected"),
        N_("Good news — your payment was not affected."),
        N_("Your payment was NOT affected."),
    ),
    Verdict.UNDER_INVESTIGATION: Headline(
        N_("The city is still investigating; no scope has been published yet"),
        N_("The city is still investigating, so there is no answer yet."),
        N_("No answer yet."),
    ),
    Verdict.NO_DETAILS_ON_RECORD: Headline(
        N_("This city was named as hit, but no details are on record"),
        N_("I can't tell: this city was named as hit, but no details are on record."),
        N_("Can't tell."),
    ),
    Verdict.NO_INCIDENT_ON_RECORD: Headline(
        N_("No Click2Gov incident is on record for this city"),
        N_("I have no Click2Gov breach on record for that city."),
        N_("Not on record."),
    ),
}

# An affected payment when the notice itself hedges ("may have been compromised"): the verdict
# stays `affected` (the payment is one the notice names), the words keep the notice's doubt.
HEDGED_AFFECTED = Headline(
    N_("Your payment is one of those the notice says may have been exposed"),
    N_("Yes — your payment is one of those the city says may have been exposed."),
    N_("Your payment IS one of those the city says MAY have been exposed."),
)
# The same from a news article, which is not called a notice.
HEDGED_AFFECTED_ARTICLE = Headline(
    N_("Your payment is one of those the article says may have been exposed"),
    HEDGED_AFFECTED.chat,
    HEDGED_AFFECTED.sms,
)


def headline(result: Result) -> Headline:
    """The headline of a result, in the locale spoken: its verdict's, or the hedged one where
    the notice hedges."""
    from bot.wording.reasons import document_kind, exposure_hedged  # built on the same phrases

    if result.verdict == Verdict.AFFECTED and any(
        f.reason == Reason.AFFECTED_IN_WINDOW and exposure_hedged(result, f)
        for f in result.findings
    ):
        if document_kind(result) == "article":
            return HEDGED_AFFECTED_ARTICLE.said()
        return HEDGED_AFFECTED.said()
    return HEADLINES[result.verdict].said()
