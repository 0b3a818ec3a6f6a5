"""A REST channel that removes card numbers, security codes and SSNs before Rasa sees them.

Same protocol as Rasa's `rest` channel (POST {"sender", "message"} to /webhooks/rest_redacted/webhook,
a JSON list of bot messages back). Client-sent metadata is dropped, so nothing typed reaches the
tracker store unredacted; a resident who typed such a number is warned first. The channel's own
replies (a message too long, too fast...) are in Spanish when the message plainly reads as Spanish
(bot/language.py); the conversation's replies are in its language (the Rasa server decides it).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.delivery import deliver
from bot.language import looks_spanish


class RedactingRestInput(InputChannel):
    """POST /webhooks/rest_redacted/webhook {"sender": "...", "message": "..."}."""

    @classmethod
    def name(cls) -> str:
        return "rest_redacted"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("rest_redacted_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            sender = body.get("sender")
            text = body.get("message")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json(
                    {"error": "send JSON with a non-empty 'sender' and a 'message' string"},
                    status=400,
                )
            language = "es" if looks_spanish(text) else None
            delivered = await deliver(on_new_message, sender, text, self.name(), language=language)
            return response.json(delivered.messages)

        return webhook
