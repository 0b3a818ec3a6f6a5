"""Values the assistant settled rather than read, and the question to ask when one decides the
answer (DESIGN.md: "an inferred value that alone decides affected vs not affected is asked")."""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, Optional

from bot.conversation import (
    MONTH_FIRST,
    PendingChoice,
    city_from_slot,
    date_from_slot,
    in_year,
    label_of,
    labelled,
    method_from_slot,
)
from bot.knowledge.base import Knowledge
from bot.selfcheck import check

# The other years tried for a date given without one, nearest first.
_OTHER_YEARS = (-1, 1, -2, 2)


def year_settled(date_value: Any) -> bool:
    """Whether the payment date's year was settled by the assistant (the resident gave none)."""
    return bool(
        isinstance(date_value, dict)
        and not date_value.get("unknown")
        and date_value.get("start")
        and not date_value.get("year_given", True)
    )


def year_question(knowledge: Knowledge, slots: Dict[str, Any]) -> Optional[PendingChoice]:
    """When the year settled for a date given without one decides the verdict, the choice to
    offer: the year taken (the incident's) and the nearest year that answers differently."""
    date_value, match = slots.get("payment_date"), city_from_slot(slots.get("city"))
    if not year_settled(date_value) or match is None or not match.found:
        return None
    method = method_from_slot(slots.get("payment_method"))
    year = date.fromisoformat(date_value["end"]).year
    taken = in_year(date_value, year)
    if taken is None:
        return None
    verdict = check(knowledge, match, date_from_slot(taken), method).verdict
    for offset in _OTHER_YEARS:
        other = in_year(date_value, year + offset)
        if other is None:
            continue
        if check(knowledge, match, date_from_slot(other), method).verdict != verdict:
            options = [(label_of("payment_date", v), v) for v in (taken, other)]
            return labelled("payment_date", "year", options)
    return None


def reading_question(knowledge: Knowledge, slots: Dict[str, Any]) -> Optional[PendingChoice]:
    """When a numeric date read day first, as Spanish writes it ("5/9/2019": 5 September), would
    answer differently read month first (9 May), the choice to offer: the day-first reading
    first. Where both readings give the same verdict nothing is asked."""
    date_value, match = slots.get("payment_date"), city_from_slot(slots.get("city"))
    other = date_value.get(MONTH_FIRST) if isinstance(date_value, dict) else None
    if not other or match is None or not match.found:
        return None
    method = method_from_slot(slots.get("payment_method"))
    taken = {key: value for key, value in date_value.items() if key != MONTH_FIRST}
    verdicts = {check(knowledge, match, date_from_slot(v), method).verdict for v in (taken, other)}
    if len(verdicts) == 1:
        return None
    options = [(label_of("payment_date", v), v) for v in (taken, other)]
    return labelled("payment_date", "day_order", options)
