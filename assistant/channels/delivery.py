"""One message through Rasa, the same way for every channel.

Before Rasa: an empty message or one over BOT_MESSAGE_MAX_CHARS gets a polite reply and never
reaches the conversation; a sender over BOT_RATE_LIMIT_PER_MINUTE messages a minute is asked to
wait (and so is a widget client address over BOT_RATE_LIMIT_PER_ADDRESS); card numbers, security
codes, SSNs and the other secrets of bot/redaction.py are removed, a card number split over
two messages included (so Rasa, the tracker store and the logs only ever see the redacted
text) and the resident is warned. If Rasa fails (its database is down,
say), the resident gets an apology, never an error page.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from assistant.shared_state import SharedState, shared_state
from bot.channels import scoped_sender
from bot.conversation import LANGUAGE
from bot.i18n import speaking
from bot.logs import log_event
from bot.redaction import Redaction, redact, safe_sender_id, warning_for
from bot.wording import limits

log = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
# Set by assistant/run.py from the settings (.env) for the Rasa process.
MAX_CHARS = int(os.environ.get("BOT_MESSAGE_MAX_CHARS") or 1000)
PER_MINUTE = int(os.environ.get("BOT_RATE_LIMIT_PER_MINUTE") or 20)
# Many residents can share one address (a library, a phone carrier's NAT): a far higher bound.
PER_ADDRESS = int(os.environ.get("BOT_RATE_LIMIT_PER_ADDRESS") or 120)
# Rasa's own commands a resident may type ("/restart"): they run, and are answered.
RESTARTS = re.compile(r"^\s*/(restart|session_start)\b")
STARTED_OVER, NO_REPLY = limits.STARTED_OVER, limits.NO_REPLY


@dataclass(frozen=True)
class Delivered:
    """The text as Rasa saw (and stored) it, and the bot's messages in reply."""

    text: str
    messages: List[Dict[str, Any]]


class RateLimit:
    """At most `per_minute` messages a sender, and `per_address` a client address, in any 60
    seconds. The counts are the deployment's shared state (assistant/shared_state.py): bounded
    and expiring in memory, or shared by every Rasa server in Redis (production), so a resident
    who changes sender ids is still limited by address, and every instance counts the same."""

    def __init__(
        self, per_minute: int, per_address: int, state: Optional[SharedState] = None
    ) -> None:
        self.per_minute = per_minute
        self.per_address = per_address
        self._state = state

    @property
    def state(self) -> SharedState:
        if self._state is None:
            self._state = shared_state()
        return self._state

    async def allows(self, sender: str, address: Optional[str] = None) -> bool:
        if address and await self.state.hit(f"rate:address:{address}", 60) > self.per_address:
            return False
        return await self.state.hit(f"rate:sender:{sender}", 60) <= self.per_minute


RATE = RateLimit(PER_MINUTE, PER_ADDRESS)


# A card number split over messages: the rest must follow soon (no digits are kept, a flag only)
FRAGMENT_SECONDS = 600


async def _redact_in_conversation(sender: str, text: str) -> Redaction:
    """The message redacted knowing whether the conversation's last message ended with part of
    a card number (so "1111 1111" after "my card is 4111 1111" is removed too)."""
    key = f"redact:fragment:{sender}"
    state = RATE.state
    after_fragment = await state.marked(key)
    cleaned = redact(text, after_fragment)
    if cleaned.ends_in_fragment:
        await state.mark(key, FRAGMENT_SECONDS)
    elif after_fragment:
        await state.mark(key, 0.001)  # the number is over: forget the flag
    return cleaned


def _reply(sender: str, text: str, kept: str = "") -> Delivered:
    return Delivered(kept, [{"recipient_id": sender, "text": text}])


def language_of(metadata: Optional[Dict[str, Any]], language: Optional[str] = None) -> str:
    """The language a channel's own replies are in: the one given, else the metadata's, else
    English."""
    chosen = language or (metadata or {}).get(LANGUAGE)
    return chosen if chosen in ("en", "es") else "en"


async def deliver(
    on_new_message: OnNewMessage,
    sender: str,
    text: str,
    input_channel: str,
    metadata: Optional[Dict[str, Any]] = None,
    collector: Optional[CollectingOutputChannel] = None,
    warning: Callable[[Tuple[str, ...]], str] = warning_for,
    address: Optional[str] = None,
    internal: bool = False,
    language: Optional[str] = None,
) -> Delivered:
    """Check, redact, hand to Rasa, and return the bot's messages (the warning first, if any).
    A resident's message Rasa answers with nothing (a typed "/restart" or "/back") gets a short
    reply instead of silence; `internal` messages (the SMS channel's restart on STOP) do not.
    The channel's own replies are in `language` (else the metadata's `language`, else English)."""
    spoken = language_of(metadata, language)
    if not text.strip():
        return _reply(sender, limits.said(limits.EMPTY, spoken))
    if len(text) > MAX_CHARS:
        log_event(log, "message.too_long", channel=input_channel, length=len(text))
        too_long = limits.said(limits.TOO_LONG, spoken, length=len(text), limit=MAX_CHARS)
        return _reply(sender, too_long)
    # a card number typed as a sender id is not kept either; a conversation is its channel's own
    sender = scoped_sender(input_channel, safe_sender_id(sender))
    if not await RATE.allows(sender, address):
        log_event(log, "message.rate_limited", channel=input_channel)
        return _reply(sender, limits.said(limits.TOO_FAST, spoken))
    cleaned = await _redact_in_conversation(sender, text)
    metadata = dict(metadata or {})
    if cleaned.changed:
        metadata["redacted"] = list(cleaned.removed)
    output: OutputChannel = collector or CollectingOutputChannel()
    try:
        await on_new_message(
            UserMessage(
                cleaned.text,
                output,
                sender,
                input_channel=input_channel,
                metadata=metadata or None,
            )
        )
    except Exception as error:  # noqa: BLE001 - whatever broke, the resident gets an answer
        log_event(log, "message.failed", logging.ERROR, error=type(error).__name__)
        return _reply(sender, limits.said(limits.FAILED, spoken), cleaned.text)
    messages: List[Dict[str, Any]] = list(getattr(output, "messages", []))
    if not messages and not internal:  # a resident is never answered with silence
        started_over = RESTARTS.match(cleaned.text)
        log_event(log, "message.no_reply", channel=input_channel, restarted=bool(started_over))
        instead = limits.said(STARTED_OVER if started_over else NO_REPLY, spoken)
        messages = [{"recipient_id": sender, "text": instead}]
    if cleaned.secrets:
        with speaking(spoken):  # the warning's wording, in the conversation's language
            said = warning(cleaned.secrets)
        messages.insert(0, {"recipient_id": sender, "text": said})
    return Delivered(cleaned.text, messages)
