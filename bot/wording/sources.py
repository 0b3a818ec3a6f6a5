"""How a reply cites the notices it rests on: publisher, title, date (and where to read it), in
words a resident understands; the agent's script adds the notice's own words. A notice's title
and quotes stay as the notice wrote them; quotes are marked as the original (`original`)."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from bot.i18n import pick, t
from bot.knowledge.schema import NoticeRecord, Source
from bot.knowledge.vocabulary import DocumentKind
from bot.wording.labels import BASIS
from bot.wording.phrases import long_date, original


def _published(notice: NoticeRecord, news: bool) -> str:
    """'posted July 24, 2018' for a city's notice; the date alone for an article."""
    if news:
        return long_date(notice.published)
    return t("posted {date}", date=long_date(notice.published))


def citation(notice: NoticeRecord) -> str:
    """'City of Midwest City, "Update on Data Breach", posted July 24, 2018', or for an article
    'DataBreaches.net, an article on ... (a news article, not the city's own notice; ...)'."""
    news = notice.kind == DocumentKind.NEWS_ARTICLE
    parts = [pick(notice, "publisher")]
    if notice.title:
        parts.append(f'"{notice.title}"')
    elif notice.about:
        about = pick(notice, "about")
        parts.append(t("an article on {about}", about=about) if news else about)
    if notice.published:
        parts.append(_published(notice, news))
    text = ", ".join(parts)
    if notice.url:
        text += f" ({notice.url})"
    remarks = [t("a news article, not the city's own notice")] if news else []
    if notice.caution:
        remarks.append(pick(notice, "caution"))
    return f"{text} ({'; '.join(remarks)})" if remarks else text


def short_citation(notice: NoticeRecord) -> str:
    """Short enough to read aloud, after its label ("Notice:" or "Article:"): 'City of Odessa,
    "Click2Gov Security Breach", posted October 15, 2019' (no web address, no remarks, no
    parenthesis in the publisher's name)."""
    news = notice.kind == DocumentKind.NEWS_ARTICLE
    parts = [re.sub(r"\s*\([^)]*\)", "", pick(notice, "publisher"))]
    if notice.title:
        parts.append(f'"{notice.title}"')
    elif notice.about and not news:
        parts.append(pick(notice, "about"))
    if notice.published:
        parts.append(_published(notice, news))
    return ", ".join(parts)


def document_word(notice: NoticeRecord) -> str:
    """'Notice' or 'Article': what the console calls a document."""
    return t("Article") if notice.kind == DocumentKind.NEWS_ARTICLE else t("Notice")


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
    line = f"{original(source.quote)} \u2014 {where} ({t(BASIS[source.basis])})"
    if source.how:
        line += t("; inferred: {how}", how=pick(source, "how"))
    return line
