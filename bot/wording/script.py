"""A check result as the support agent's script (`bot check`) and as JSON (`bot check --json`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from bot.rules import Result
from bot.wording.headlines import headline
from bot.wording.phrases import contact_line, describe_date, describe_method
from bot.wording.reasons import reason_text
from bot.wording.sources import citation, cited_sources, quoted


def _payment(result: Result) -> Dict[str, Any]:
    method = describe_method(result.method) if result.method is not None else None
    return {"payment_date": describe_date(result.when), "payment_method": method}


def format_script(result: Result) -> str:
    """Plain text in the order an agent reads it: verdict, why, steps, numbers, source."""
    title = headline(result).title
    lines = [f"VERDICT: {title} ({result.verdict.value})", f"City: {result.place}"]
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
        lines += [f"  - {quoted(s, result.notices)}" for s in result.sources]
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
        "headline": headline(result).title,
        "city": result.place,
        "city_id": result.city_id,
        **_payment(result),
        "reason": reason_text(result),
        "reasons": [r.value for r in result.reasons],
        "notes": [note.text for note in result.notes],
        "steps": [step.text for step in result.steps],
        "contacts": contacts,
        "sources": [
            {
                "notice": s.notice,
                "cited": cited_sources([s], result.notices),
                "quote": s.quote,
                "basis": s.basis.value,
                "how": s.how,
            }
            for s in result.sources
        ],
        "notices": [
            {
                "id": n.id,
                "citation": citation(n),
                "publisher": n.publisher,
                "title": n.title,
                "published": n.published.isoformat() if n.published else None,
                "url": n.url,
                "kind": n.kind.value,
            }
            for n in result.notices
        ],
    }


def notice_line(result: Result) -> Optional[str]:
    """The city's own notice (or the article its facts come from), cited."""
    main = result.city.notice if result.city else None
    notice = next((n for n in result.notices if n.id == main), None)
    return citation(notice) if notice else None


def case_summary(result: Result, at: datetime) -> str:
    """What a support agent copies into the city's ticketing system: what was checked and what
    the caller was told. Built from the result only: nothing the caller said is copied."""
    payment = _payment(result)
    lines = [
        "Click2Gov breach check - case summary",
        f"Time: {at:%Y-%m-%d %H:%M %Z}".rstrip(),
        f"City: {result.place}",
        f"Payment date (as understood): {payment['payment_date'] or 'not given'}",
        f"Payment method (as understood): {payment['payment_method'] or 'not given'}",
        f"Verdict: {headline(result).title} ({result.verdict.value})",
        f"Reason: {reason_text(result)}",
    ]
    if result.steps:
        lines.append("Steps given:")
        lines += [f"  {i}. {step.text}" for i, step in enumerate(result.steps, 1)]
    numbers = [contact_line(c) for c in result.contacts if c.phone]
    if numbers:
        lines.append("Numbers given: " + "; ".join(numbers))
    notice = notice_line(result)
    if notice:
        lines.append(f"Notice: {notice}")
    return "\n".join(lines)


def agent_payload(result: Result, at: datetime) -> Dict[str, Any]:
    """The verdict as the agent console shows it: what to say, why, the notice's own words, the
    steps to read out, the numbers to give, and the case summary."""
    return {
        "kind": "result",
        "verdict": result.verdict.value,
        "headline": headline(result).title,
        "city": result.place,
        **_payment(result),
        "reason": reason_text(result),
        "notice": notice_line(result),
        "quotes": [
            {
                "quote": s.quote,
                "document": cited_sources([s], result.notices) or s.notice,
                "basis": s.basis.value,
                "how": s.how,
            }
            for s in result.sources
        ],
        "notes": [note.text for note in result.notes],
        "steps": [step.text for step in result.steps],
        "numbers": [contact_line(c) for c in result.contacts],
        "summary": case_summary(result, at),
    }
