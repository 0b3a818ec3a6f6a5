"""A check result as the support agent's script (`bot check`) and as JSON (`bot check --json`)."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.rules import Result
from bot.wording.headlines import HEADLINES
from bot.wording.phrases import contact_line, describe_date, describe_method
from bot.wording.reasons import reason_text
from bot.wording.sources import quoted


def _payment(result: Result) -> Dict[str, Any]:
    method = describe_method(result.method) if result.method is not None else None
    return {"payment_date": describe_date(result.when), "payment_method": method}


def format_script(result: Result) -> str:
    """Plain text in the order an agent reads it: verdict, why, steps, numbers, source."""
    headline = HEADLINES[result.verdict].title
    lines = [f"VERDICT: {headline} ({result.verdict.value})", f"City: {result.place}"]
    payment = _payment(result)
    if payment["payment_date"] or payment["payment_method"]:
        lines.append(
            f"Payment: {payment['payment_date'] or 'date not given'}; "
            f"{payment['payment_method'] or 'method not given'}"
        )
    lines += ["", f"Why: {reason_text(result)}"]
    lines += [f"Note: {note.text}" for note in result.notes]
    if result.steps:
        lines += ["", "What to do now:"]
        lines += [f"  {i}. {step.text}" for i, step in enumerate(result.steps, 1)]
    if result.contacts:
        lines += ["", "Who to contact:"]
        lines += [f"  - {contact_line(c)}" for c in result.contacts]
    if result.sources:
        lines += ["", "Sources:"]
        lines += [f"  - {quoted(s)}" for s in result.sources]
    return "\n".join(lines)


def result_to_dict(result: Result) -> Dict[str, Any]:
    """The JSON contract of `python -m bot check --json` (DESIGN.md §5)."""
    contacts: List[Dict[str, Any]] = [
        {
            "label": c.label,
            "purpose": c.purpose,
            "phone": c.phone,
            "url": c.url,
            "address": c.address,
        }
        for c in result.contacts
    ]
    return {
        "verdict": result.verdict.value,
        "headline": HEADLINES[result.verdict].title,
        "city": result.place,
        "city_id": result.city_id,
        **_payment(result),
        "reason": reason_text(result),
        "reasons": [r.value for r in result.reasons],
        "notes": [note.text for note in result.notes],
        "steps": [step.text for step in result.steps],
        "contacts": contacts,
        "sources": [
            {"seed": s.seed, "quote": s.quote, "basis": s.basis.value, "how": s.how}
            for s in result.sources
        ],
    }
