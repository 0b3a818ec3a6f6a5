"""How a reply cites the notices it rests on."""

from __future__ import annotations

from typing import Iterable

from bot.knowledge.schema import Source


def cited(sources: Iterable[Source]) -> str:
    """'001_228bbffbe9cc2cc8.txt' — each cited document once, in the order used."""
    return ", ".join(dict.fromkeys(s.seed for s in sources))


def quoted(source: Source) -> str:
    """The source with its verbatim quote, as the agent's script reads it."""
    line = f"{source.seed} ({source.basis}): \u201c{source.quote}\u201d"
    if source.how:
        line += f" \u2014 inferred: {source.how}"
    return line
