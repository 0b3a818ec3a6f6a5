"""Presenting a Result: the script a support agent reads out, and the JSON other programs read."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.knowledge.records import Contact, Source
from bot.rules import Result


def contact_line(contact: Contact) -> str:
    """'FTC identity theft help: 1-877-438-4338, www.ftc.gov/idtheft'."""
    reach = [x for x in (contact.phone, contact.url, contact.address) if x]
    return f"{contact.label}: {', '.join(reach)}" if reach else contact.label


def source_line(source: Source) -> str:
    line = f"{source.seed} ({source.basis}): \u201c{source.quote}\u201d"
    if source.how:
        line += f" \u2014 inferred: {source.how}"
    return line


def format_script(result: Result) -> str:
    """Plain text in the order an agent reads it: verdict, why, steps, numbers, source."""
    lines = [f"VERDICT: {result.headline} ({result.verdict})", f"City: {result.city}"]
    if result.payment_date or result.payment_method:
        lines.append(
            f"Payment: {result.payment_date or 'date not given'}; "
            f"{result.payment_method or 'method not given'}"
        )
    lines += ["", f"Why: {result.reason}"]
    lines += [f"Note: {note}" for note in result.notes]
    if result.steps:
        lines += ["", "What to do now:"]
        lines += [f"  {i}. {step}" for i, step in enumerate(result.steps, 1)]
    if result.contacts:
        lines += ["", "Who to contact:"]
        lines += [f"  - {contact_line(c)}" for c in result.contacts]
    if result.sources:
        lines += ["", "Sources:"]
        lines += [f"  - {source_line(s)}" for s in result.sources]
    return "\n".join(lines)


def _source_dict(source: Source) -> Dict[str, Any]:
    return {"seed": source.seed, "quote": source.quote, "basis": source.basis, "how": source.how}


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
        "verdict": result.verdict,
        "headline": result.headline,
        "city": result.city,
        "city_id": result.city_id,
        "payment_date": result.payment_date,
        "payment_method": result.payment_method,
        "reason": result.reason,
        "notes": list(result.notes),
        "steps": list(result.steps),
        "contacts": contacts,
        "sources": [_source_dict(s) for s in result.sources],
    }
