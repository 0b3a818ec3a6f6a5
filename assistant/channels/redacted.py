"""One message through Rasa with card numbers, security codes and SSNs removed first.

Every channel hands a resident's text to `deliver`: Rasa (and so the tracker store and the logs)
only ever sees the redacted text, and a resident who typed such a number is warned first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.redaction import redact, warning_for

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@dataclass(frozen=True)
class Delivered:
    """The text as Rasa saw (and stored) it, and the bot's messages in reply."""

    text: str
    messages: List[Dict[str, Any]]


async def deliver(
    on_new_message: OnNewMessage,
    sender: str,
    text: str,
    input_channel: str,
    metadata: Optional[Dict[str, Any]] = None,
    collector: Optional[CollectingOutputChannel] = None,
    warning: Callable[[Tuple[str, ...]], str] = warning_for,
) -> Delivered:
    """Redact, hand to Rasa, and return the bot's messages (the warning first, if any)."""
    cleaned = redact(text)
    metadata = dict(metadata or {})
    if cleaned.changed:
        metadata["redacted"] = list(cleaned.removed)
    output: OutputChannel = collector or CollectingOutputChannel()
    await on_new_message(
        UserMessage(
            cleaned.text,
            output,
            sender,
            input_channel=input_channel,
            metadata=metadata or None,
        )
    )
    messages: List[Dict[str, Any]] = list(getattr(output, "messages", []))
    if cleaned.changed:
        messages.insert(0, {"recipient_id": sender, "text": warning(cleaned.removed)})
    return Delivered(cleaned.text, messages)
