"""How a reply cites the notices it rests on: publisher, title, date (and where to read it), in
words a resident understands; the agent's script adds the notice's own words."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from bot.knowledge.schema import NoticeRecord, Source
from bot.knowledge.vocabulary import DocumentKind
from bot.wording.phrases import long_date


def citation(notice: NoticeRecord) -> str:
    """'City of Midwest City, "Update on Data Breach", posted July 24, 2018', or for an article
    'DataBreaches.net, an article on ... (a news article, not the city's own notice; ...)'."""
    news = notice.kind == DocumentKind.NEWS_ARTICLE
    parts = [notice.publisher]
    if notice.title:
        parts.append(f'"{notice.title}"')
    elif notice.about:
        parts.append(f"an article on {notice.about}" if news else notice.about)
    if notice.published:
        parts.append(("" if news else "posted ") + long_date(notice.published))
    text = ", ".join(parts)
    if notice.url:
        text += f" ({notice.url})"
    remarks = ["a news article, not the city's own notice"] if news else []
    if notice.caution:
        remarks.append(notice.caution)
    return f"{text} ({'; '.join(remarks)})" if remarks else text


def short_citation(notice: NoticeRecord) -> str:
    """Short enough to read aloud, after its label ("Notice:" or "Article:"): 'City of Odessa,
    "Click2Gov Security Breach", posted October 15, 2019' (no web address, no remarks, no
    parenthesis in the publisher's name)."""
    news = notice.kind == DocumentKind.NEWS_ARTICLE
    parts = [re.sub(r"\s*\([^)]*\)", "", notice.publisher)]
    if notice.title:
        parts.append(f'"{notice.title}"')
    elif notice.about and not news:
        parts.append(notice.about)
    if notice.published:
        parts.append(("" if news else "posted ") + long_date(notice.published))
    return ", ".join(parts)


def document_word(notice: NoticeRecord) -> str:
    """'Notice' or 'Article': what the console calls a document."""
    return "Article" if notice.kind == DocumentKind.NEWS_ARTICLE else "Notice"


def _notice_of(source: Source, notices: Sequence[NoticeRecord]) -> Optional[NoticeRecord]:
    return next((n for n in notices if n.id == source.notice), None)


def cited(notices: Iterable[NoticeRecord]) -> str:
    """Every notice cited, each once: 'City of Odessa, "Click2Gov Security Breach", ...'."""
    return "; ".join(citation(n) for n in dict.fromkeys(notices))


def cited_sources(sources: Iterable[Source], notices: Sequence[NoticeRecord]) -> str:
    """The notices these sources cite, each once, in the order used."""
    found = [n for s in sources if (n := _notice_of(s, notices)) is not None]
    return cited(found)


def quoted(source: Source, notices: Sequence[NoticeRecord]) -> str:
    """A source with its verbatim quote, as the agent's script reads it."""
    notice = _notice_of(source, notices)
    where = citation(notice) if notice else source.notice
    line = f"\u201c{source.quote}\u201d \u2014 {where} ({source.basis})"
    if source.how:
        line += f"; inferred: {source.how}"
    return line
