"""The web addresses the knowledge gives residents (the only links a chat window makes clickable)."""

from __future__ import annotations

import re
from typing import Iterator, List

from pydantic import BaseModel

from bot.knowledge.base import Knowledge
from bot.knowledge.schema import Source

WEB_ADDRESS = re.compile(
    r"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:gov|com|org|net|us|edu|info)(?:/[^\s\"'<>()]*)?",
    re.IGNORECASE,
)


def walk_texts(record: object) -> Iterator[str]:
    """Every string a resident could read (labels, texts, steps), not quotes."""
    if isinstance(record, Source):
        return
    if isinstance(record, str):
        yield record
    elif isinstance(record, BaseModel):
        for name in record.__fields__:
            yield from walk_texts(getattr(record, name))
    elif isinstance(record, tuple):
        for item in record:
            yield from walk_texts(item)


def plain_address(address: str) -> str:
    """'https://www.ic3.gov/.' -> 'www.ic3.gov': no scheme, no trailing punctuation or slash."""
    address = re.sub(r"^https?://", "", address.strip(), flags=re.IGNORECASE)
    return address.rstrip(".,;:!?/").lower()


def web_addresses(knowledge: Knowledge) -> List[str]:
    """Every web address written in a city record or the national record, each once."""
    found: List[str] = []
    for record in (*knowledge.cities, knowledge.national):
        for text in walk_texts(record):
            for match in WEB_ADDRESS.finditer(text):
                address = plain_address(match.group(0))
                if address not in found:
                    found.append(address)
    return found
