"""Text messages: plain GSM-7 text, counted in segments, cut into pages behind "Reply MORE".

A text in the GSM 03.38 alphabet travels as 7-bit characters: 160 in one segment, 153 per segment
when it takes several. One character outside it (an emoji, a curly quote, an em dash) turns the
whole message into UCS-2, 70 characters a segment. So every reply is made GSM-7 first.
"""

from __future__ import annotations

import unicodedata
from typing import List, Sequence, Tuple

# The GSM 03.38 default alphabet, and its extension table (each of those counts twice).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
SINGLE_SEGMENT = 160
PER_SEGMENT = 153
MAX_SEGMENTS = 3
MAX_SEPTETS = MAX_SEGMENTS * PER_SEGMENT  # 459
MORE = "Reply MORE for more."

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u00b7": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u00d7": "x",
    "\t": " ",
}


def to_gsm(text: str) -> str:
    """The text in the GSM-7 alphabet: typographic marks made plain, accents dropped where the
    alphabet lacks the letter, anything else left out."""
    out = []
    for char in text:
        char = _REPLACEMENTS.get(char, char)
        if all(c in GSM_BASIC or c in GSM_EXTENSION for c in char):
            out.append(char)
            continue
        plain = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in plain if c in GSM_BASIC))
    return "".join(out)


def is_gsm(text: str) -> bool:
    return all(c in GSM_BASIC or c in GSM_EXTENSION for c in text)


def septets(text: str) -> int:
    """How many 7-bit characters a GSM-7 text takes (extension characters count twice)."""
    return sum(2 if c in GSM_EXTENSION else 1 for c in text)


def segments(text: str) -> int:
    """How many SMS segments the text takes (GSM-7 if it can, UCS-2 otherwise)."""
    if not text:
        return 1
    if is_gsm(text):
        size, single, per = septets(text), SINGLE_SEGMENT, PER_SEGMENT
    else:
        size, single, per = len(text.encode("utf-16-le")) // 2, 70, 67
    return 1 if size <= single else -(-size // per)


def _cut(text: str, limit: int) -> Tuple[str, str]:
    """The longest start of text within limit septets, cut at a space or line break."""
    if septets(text) <= limit:
        return text, ""
    end = 0
    used = 0
    for i, char in enumerate(text):
        used += septets(char)
        if used > limit:
            break
        end = i + 1
    cut = text.rfind("\n", 0, end)  # a whole line (a step, a contact) if that keeps half the room
    if cut < end // 2:
        # else a whole sentence, if that keeps a third of the room; a space only as a last resort
        sentence = max(text.rfind(". ", 0, end), text.rfind("? ", 0, end), text.rfind("! ", 0, end))
        cut = sentence + 1 if sentence + 1 >= end // 3 else text.rfind(" ", 0, end)
    if cut <= 0:
        cut = end
    return text[:cut].rstrip(), text[cut:].lstrip()


def pages(parts: Sequence[str], limit: int = MAX_SEPTETS, more: str = MORE) -> List[str]:
    """Messages joined into pages of at most `limit` septets; every page but the last ends with
    `more`. Whole messages stay together where they fit."""
    room = limit - septets(more) - 1
    result: List[str] = []
    current = ""
    queue = [to_gsm(p).strip() for p in parts if p and p.strip()]
    while queue:
        part = queue.pop(0)
        joined = f"{current}\n{part}" if current else part
        if septets(joined) <= room or (not queue and septets(joined) <= limit):
            current = joined
            continue
        if current:
            result.append(current)
            current = ""
            queue.insert(0, part)
            continue
        head, rest = _cut(part, room)
        result.append(head)
        if rest:
            queue.insert(0, rest)
    if current:
        result.append(current)
    return [page + ("\n" + more if i < len(result) - 1 else "") for i, page in enumerate(result)]
