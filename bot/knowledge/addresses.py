"""The web addresses the knowledge gives residents (the only links a chat window makes clickable)."""

from __future__ import annotations

import re
from typing import List

from bot.knowledge.base import Knowledge
from bot.knowledge.quotes import walk_texts

WEB_ADDRESS = re.compile(
    r"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:gov|com|org|net|us|edu|info)(?:/[^\s\"'<>()]*)?",
    re.IGNORECASE,
)


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
