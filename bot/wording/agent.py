"""The console's own wording: what the assistant tells a support agent about a caller, in the
third person ("The caller paid online…"), built from the same sentences a resident reads.

The rewrites are one table, most specific first: a phrase that asks the resident something
becomes what the agent should ask; then the pronouns. A sentence that starts with a rewritten
word keeps its capital letter. `tests/bot/wording/test_agent.py` runs every seed city's
results through it and checks that no "you", "your", "I" or "me" is left.
"""

from __future__ import annotations

import re
from typing import Callable, Tuple

REWRITES: Tuple[Tuple[str, str], ...] = (
    (r"\btell me if it was another year\b", "ask whether it was another year"),
    (r"\btell me what you paid for\b", "ask what the caller paid for"),
    (r"\btell me\b", "ask the caller"),
    (r"\byou didn't\b", "the caller didn't"),
    (r"\byou did not\b", "the caller did not"),
    (r"\byou are\b", "the caller is"),
    (r"\byou're\b", "the caller is"),
    (r"\byou were\b", "the caller was"),
    (r"\byou have\b", "the caller has"),
    (r"\byou've\b", "the caller has"),
    (r"\byours\b", "the caller's"),
    (r"\byour\b", "the caller's"),
    (r"\byourself\b", "themselves"),
    (r"\byou\b", "the caller"),
    (r"\bI'm\b", "the assistant is"),
    (r"\bI am\b", "the assistant is"),
    (r"\bI've\b", "the assistant has"),
    (r"\bI\b", "the assistant"),
    (r"\bme\b", "the assistant"),
    (r"\bmy\b", "the assistant's"),
)


def _keep_case(replacement: str) -> Callable[[re.Match[str]], str]:
    """The replacement, capitalised where it opens a sentence."""

    def replace(match: re.Match[str]) -> str:
        before = match.string[: match.start()].rstrip(" (")
        opens_sentence = not before or before[-1] in ".!?:\n"
        return replacement[0].upper() + replacement[1:] if opens_sentence else replacement

    return replace


_COMPILED = [(re.compile(pattern, re.IGNORECASE), repl) for pattern, repl in REWRITES]
# A notice's own words, quoted, are never rewritten.
_QUOTED = re.compile(r"(\u201c[^\u201d]*\u201d|\"[^\"]*\")")


def _rewrite(text: str) -> str:
    for pattern, replacement in _COMPILED:
        text = pattern.sub(_keep_case(replacement), text)
    return text


def about_the_caller(text: str) -> str:
    """A resident's sentence as the agent reads it: 'You paid online' -> 'The caller paid online'
    (quoted words stay as quoted)."""
    parts = _QUOTED.split(text)
    return "".join(part if i % 2 else _rewrite(part) for i, part in enumerate(parts))
