"""What `knowledge validate` points out without refusing the folder: facts that are valid but
change what residents are told in a way the author may not expect."""

from __future__ import annotations

from typing import List

from bot.knowledge.base import Knowledge
from bot.knowledge.vocabulary import Status


def advisories(knowledge: Knowledge) -> List[str]:
    """One line per thing to look at, `cities/<id>.yaml: field: message`."""
    lines: List[str] = []
    for city in knowledge.cities:
        if city.status == Status.CONFIRMED and not city.data_exposed:
            lines.append(
                f"cities/{city.id}.yaml: data_exposed: nothing is listed as taken, so an affected "
                "resident gets no card or bank steps (no \u201ccall your card issuer\u201d), only "
                "the general ones. List what the notice says was taken; if it names nothing, "
                "this is right."
            )
    return lines
