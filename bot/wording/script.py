"""A check result as the support agent's script (`bot check`) and as JSON (`bot check --json`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from bot.knowledge.schema import NoticeRecord
from bot.rules import Result
from bot.wording.agent import about_the_caller
from bot.wording.headlines import headline
from bot.wording.phrases import contact_line, describe_date, describe_method
from bot.wording.reasons import reason_text
from bot.wording.sources import (
    citation,
    cited_sources,
    document_word,
    quoted,
    short_citation,
)


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
    notice = _main_notice(result)
    return citation(notice) if notice else None


def _main_notice(result: Result) -> Optional[NoticeRecord]:
    main = result.city.notice if result.city else None
    return next((n for n in result.notices if n.id == main), None)


def _documents(result: Result) -> List[Dict[str, Any]]:
    """The quotes grouped by document, each document cited once and short (the city's own
    first): what an agent reads aloud when a caller asks "where does it say that?"."""
    main = _main_notice(result)
    order = [n for n in ([main] if main else []) + list(result.notices) if n is not None]
    documents: List[Dict[str, Any]] = []
    for notice in dict.fromkeys(order):
        quotes = [
            {"quote": s.quote, "inferred": s.how or None}
            for s in result.sources
            if s.notice == notice.id
        ]
        quotes = [  # a quote that is part of a longer one of the same document is read once
            q
            for i, q in enumerate(quotes)
            if not any(
                q["quote"] in other["quote"] and (q["quote"] != other["quote"] or j < i)
                for j, other in enumerate(quotes)
                if j != i
            )
        ]
        if quotes:
            documents.append(
                {
                    "kind": document_word(notice).lower(),
                    "label": document_word(notice),
                    "citation": short_citation(notice),
                    "quotes": quotes,
                }
            )
    return documents


def escalation_line(result: Result) -> Optional[str]:
    """The number to transfer a caller to: the city's own line first, else the first number."""
    phones = [c for c in result.contacts if c.phone]
    return contact_line(phones[0]) if phones else None


def agent_headline(result: Result) -> str:
    """'The caller's payment was affected'."""
    return about_the_caller(headline(result).title)


def case_summary(result: Result, at: datetime) -> str:
    """What a support agent copies into the city's ticketing system: what was checked and what
    the caller was told, at `at` in the deployment's time zone (labelled). Built from the result
    only: nothing the caller said is copied (the console adds the agent's own fields)."""
    payment = {k: about_the_caller(v) if v else v for k, v in _payment(result).items()}
    lines = [
        "Click2Gov breach check - case summary",
        f"Time: {at:%Y-%m-%d %H:%M %Z} ({at.tzinfo})".rstrip(),
        f"City: {result.place}",
        f"Payment date (as understood): {payment['payment_date'] or 'not given'}",
        f"Payment method (as understood): {payment['payment_method'] or 'not given'}",
        f"Verdict: {result.verdict.value} - {agent_headline(result)}",
        f"Reason: {about_the_caller(reason_text(result))}",
    ]
    if result.steps:
        lines.append("Steps given:")
        lines += [f"  {i}. {step.text}" for i, step in enumerate(result.steps, 1)]
    numbers = [contact_line(c) for c in result.contacts if c.phone]
    if numbers:
        lines.append("Numbers given: " + "; ".join(numbers))
    notice = _main_notice(result)
    if notice:
        lines.append(f"{document_word(notice)}: {short_citation(notice)}")
    return "\n".join(lines)


def agent_payload(result: Result, at: datetime) -> Dict[str, Any]:
    """The verdict as the agent console shows it, in the console's own words (to the agent,
    about the caller): the verdict, why, the documents' own words (short citations), the steps
    to read out, the numbers to give, whom to escalate to, and the case summary."""
    main = _main_notice(result)
    return {
        "kind": "result",
        "verdict": result.verdict.value,
        "headline": agent_headline(result),
        "city": result.place,
        **{k: about_the_caller(v) if v else v for k, v in _payment(result).items()},
        "reason": about_the_caller(reason_text(result)),
        "notice_label": document_word(main) if main else None,
        "notice": short_citation(main) if main else None,
        "documents": _documents(result),
        "notes": [about_the_caller(note.text) for note in result.notes],
        "steps": [step.text for step in result.steps],
        "numbers": [contact_line(c) for c in result.contacts],
        "escalation": escalation_line(result),
        "summary": case_summary(result, at),
    }
