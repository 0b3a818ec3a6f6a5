"""A check result as the support agent's script (`bot check`) and as JSON (`bot check --json`).

Every sentence comes from the catalog in the locale spoken (Spanish in
bot/locale/es/LC_MESSAGES/agent.po); the JSON keys and the ids (verdict, reasons, purpose, basis,
kind) stay as they are, the values a person reads are in the locale; a notice's quotes stay in
its own words.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from bot.i18n import pick, t
from bot.knowledge.schema import NoticeRecord
from bot.knowledge.vocabulary import DocumentKind
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
    lines = [
        t("VERDICT: {title} ({verdict})", title=title, verdict=result.verdict.value),
        t("City: {city}", city=result.place),
    ]
    payment = _payment(result)
    if payment["payment_date"] or payment["payment_method"]:
        lines.append(
            t(
                "Payment: {date}; {method}",
                date=payment["payment_date"] or t("date not given"),
                method=payment["payment_method"] or t("method not given"),
            )
        )
    lines += ["", t("Why: {reason}", reason=reason_text(result))]
    lines += [t("Note: {note}", note=pick(note)) for note in result.notes]
    if result.steps:
        lines += ["", t("What to do now:")]
        lines += [f"  {i}. {pick(step)}" for i, step in enumerate(result.steps, 1)]
    if result.contacts:
        lines += ["", t("Who to contact:")]
        lines += [f"  - {contact_line(c)}" for c in result.contacts]
    if result.sources:
        lines += ["", t("Sources:")]
        lines += [f"  - {quoted(s, result.notices)}" for s in result.sources]
    return "\n".join(lines)


def result_to_dict(result: Result) -> Dict[str, Any]:
    """The JSON contract of `python -m bot check --json` (DESIGN.md §5)."""
    contacts: List[Dict[str, Any]] = [
        {
            "label": pick(c, "label"),
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
        "notes": [pick(note) for note in result.notes],
        "steps": [pick(step) for step in result.steps],
        "contacts": contacts,
        "sources": [
            {
                "notice": s.notice,
                "cited": cited_sources([s], result.notices),
                "quote": s.quote,
                "basis": s.basis.value,
                "how": pick(s, "how"),
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
            {"quote": s.quote, "inferred": pick(s, "how") or None}
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
                    "kind": _kind(notice),
                    "label": document_word(notice),
                    "citation": short_citation(notice),
                    "quotes": quotes,
                }
            )
    return documents


def _kind(notice: NoticeRecord) -> str:
    """'notice' or 'article': what a document is, as an id (its label is in the locale)."""
    return "article" if notice.kind == DocumentKind.NEWS_ARTICLE else "notice"


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
    not_given = t("not given")
    lines = [
        t("Click2Gov breach check - case summary"),
        t("Time: {time} ({zone})", time=f"{at:%Y-%m-%d %H:%M %Z}", zone=at.tzinfo).rstrip(),
        t("City: {city}", city=result.place),
        t("Payment date (as understood): {date}", date=payment["payment_date"] or not_given),
        t(
            "Payment method (as understood): {method}",
            method=payment["payment_method"] or not_given,
        ),
        t(
            "Verdict: {verdict} - {headline}",
            verdict=result.verdict.value,
            headline=agent_headline(result),
        ),
        t("Reason: {reason}", reason=about_the_caller(reason_text(result))),
    ]
    if result.steps:
        lines.append(t("Steps given:"))
        lines += [f"  {i}. {pick(step)}" for i, step in enumerate(result.steps, 1)]
    numbers = [contact_line(c) for c in result.contacts if c.phone]
    if numbers:
        lines.append(t("Numbers given: {numbers}", numbers="; ".join(numbers)))
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
        "notes": [about_the_caller(pick(note)) for note in result.notes],
        "steps": [pick(step) for step in result.steps],
        "numbers": [contact_line(c) for c in result.contacts],
        "escalation": escalation_line(result),
        "summary": case_summary(result, at),
    }
