"""What the Spanish tests share: the English template words that must never show in a Spanish
reply (every sentence the code marks for the catalog, and every fixed reply), outside the notice's
own quoted words."""

from __future__ import annotations

import re
from functools import cache
from typing import List, Tuple

from bot.i18n import catalog
from bot.i18n_extract import all_messages

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A notice's own words, quoted: they stay in English (and are marked as the original).
QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")
MIN_WORDS = 3
MIN_CHARS = 15


@cache
def english_chunks() -> Tuple[str, ...]:
    """The words between the placeholders of every sentence the code marks (translated or not
    yet), where they are long enough to be a sentence's own (three words, 15 characters) and the
    Spanish does not keep them as they are (a proper name, a phone number)."""
    spanish = catalog("es")
    chunks = set()
    for message in all_messages():
        text = spanish.get(message, "")
        if text == message:
            continue
        for chunk in PLACEHOLDER.split(message):
            chunk = chunk.strip(" .,;:()\n")
            if len(chunk.split()) >= MIN_WORDS and len(chunk) >= MIN_CHARS and chunk not in text:
                chunks.add(chunk)
    return tuple(sorted(chunks, key=len, reverse=True))


def english_leaks(text: str) -> List[str]:
    """The English template words found in a Spanish text, outside quoted words."""
    plain = QUOTED.sub(" ", text)
    return [chunk for chunk in english_chunks() if chunk in plain]
