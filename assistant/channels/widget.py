"""The web chat widget a city embeds with one script tag, served by the Rasa server itself.

    <script src="https://ASSISTANT/widget.js" data-city="odessa-tx" defer></script>

Routes (all on the Rasa server's port):
- GET  /widget.js, /widget.css   the widget (plain JavaScript and CSS, no other origin involved)
- GET  /widget/demo?city=ID&lang=es
                                 a demonstration city page with the widget, set up for that city
                                 (Odessa when none is given) and language, for a city to preview
                                 its own
- GET  /widget/config?city=ID&lang=es
                                 the city's name and phone numbers (the lines written in `lang`),
                                 and the web addresses the widget may make clickable (those the
                                 knowledge gives)
- POST /widget/webhook           {"sender", "message", "city"?, "lang"?: "en" or "es", the
                                 conversation's language: the replies are in it and the answers
                                 are read in it} -> {"said": the message as kept
                                 (card numbers, codes and SSNs removed, as in the REST channel),
                                 "messages": the bot's messages; a check's answer is one
                                 message with `custom` {"kind": "result", "verdict", "headline",
                                 "reason", "notes", "steps", "contacts", "source", "text": the
                                 same answer as plain text}}

Cross-origin requests are answered only for the origins in BOT_WIDGET_ORIGINS (credentials.yml);
a browser on any other site gets 403 before anything reaches Rasa (readable by that page, so the
widget says it is not set up there instead of looking like an outage). The widget sends its JSON as
text/plain, a "simple" request that needs no CORS preflight (Rasa's own CORS layer answers every
preflight itself, with no origin allowed). The demo page is served from the assistant's own origin.
"""

from __future__ import annotations

import asyncio
import html
import re
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional
from urllib.parse import urlparse

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.bodies import json_object
from assistant.channels.delivery import deliver
from bot.client_address import of_request
from bot.conversation import LANGUAGE, PRESET_CITY
from bot.i18n import speaking, t
from bot.knowledge.addresses import web_addresses
from bot.knowledge.base import Knowledge
from bot.knowledge.store import KnowledgeNotLoaded, KnowledgeStore, make_engine
from bot.settings import load_settings
from bot.wording.phrases import contact_line

STATIC = Path(__file__).resolve().parent.parent / "widget"
FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "demo.html": "text/html; charset=utf-8",
}
SENDER = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
LANGUAGES = ("en", "es")
# A city id is letters and hyphens ("st-petersburg-fl"): a value with digits (a card number typed
# into the page's data-city) is never kept with the conversation.
CITY_ID = re.compile(r"^(?=.{1,64}$)[a-z]+(?:-[a-z]+){0,8}$")
HELP_LINE = "ftc_identity_theft"
DEMO_CITY = "odessa-tx"  # the demonstration page's city when none is asked for


@cache
def _static(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def demo_page(city_id: str, short: str, name: str, language: str = "en") -> str:
    """The demonstration page set up for one city (`/widget/demo?city=ID&lang=es`), so a
    city's staff can preview the widget with their own city and language before they paste the
    tag."""
    language = language if language in LANGUAGES else "en"
    with speaking(language):  # the chat's title (a city sets its own with data-title)
        title = t("{city} payment check", city=short)
    values = {
        "{{CITY_ID}}": city_id,
        "{{CITY_SHORT}}": short,
        "{{CITY_NAME}}": name,
        "{{LANG}}": language,
        "{{TITLE}}": title,
    }
    page = _static("demo.html").decode("utf-8")
    for placeholder, value in values.items():
        page = page.replace(placeholder, html.escape(value, quote=True))
    return page


def parse_origins(value: Any) -> List[str]:
    """'https://www.odessa-tx.gov, https://odessa-tx.gov' -> a list of origins (no trailing /)."""
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
    else:
        items = str(value or "").split(",")
    return [item.strip().rstrip("/") for item in items if item.strip()]


def city_config(knowledge: Knowledge, city_id: Optional[str]) -> Dict[str, Any]:
    """What the widget needs before the first message: the city, whom to call when the
    assistant cannot be reached, and which web addresses it may make clickable."""
    city = knowledge.city(city_id)
    help_line = knowledge.national.resource(HELP_LINE)
    contacts = [c for c in (city.contacts if city else ()) if c.phone]
    if help_line is not None:
        contacts.append(help_line)
    return {
        "city": {"id": city.id, "name": city.display_name} if city else None,
        "call": [{"label": c.label, "phone": c.phone, "line": contact_line(c)} for c in contacts],
        "links": web_addresses(knowledge),
    }


class WidgetInput(InputChannel):
    """The web widget's channel: its files, its configuration and its messages."""

    def __init__(self, origins: Optional[List[str]] = None) -> None:
        self.origins = origins or []
        self._store: Optional[KnowledgeStore] = None

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> WidgetInput:
        return cls(parse_origins((credentials or {}).get("origins")))

    def url_prefix(self) -> str:
        return "/"  # /widget.js at the top of the assistant's address, as cities paste it

    def _knowledge(self) -> Knowledge:
        if self._store is None:
            settings = load_settings()
            engine = make_engine(settings.database_url)
            self._store = KnowledgeStore(engine, settings.knowledge_recheck_seconds)
        return self._store.current()

    def _cors(self, request: Request) -> Dict[str, str]:
        origin = request.headers.get("origin")
        if origin and origin.rstrip("/") in self.origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {"Vary": "Origin"}

    async def _refused(
        self, request: Request, city_id: Optional[str] = None, language: Optional[str] = None
    ) -> Optional[HTTPResponse]:
        """403 for a browser on a site that is not listed (same-origin pages send no Origin, or
        the assistant's own). The refusal itself may be read by that page, so that the widget
        can say it is not set up there (rather than look like an outage) and give the city's
        public numbers; nothing else is answered to it."""
        origin = request.headers.get("origin")
        own = urlparse(origin or "").netloc == request.headers.get("host")
        if origin and not own and origin.rstrip("/") not in self.origins:
            body: Dict[str, Any] = {
                "error": "this site may not use the assistant: its origin is not in "
                "BOT_WIDGET_ORIGINS",
                "refused": "origin",
            }
            if city_id is not None:
                with suppress(KnowledgeNotLoaded):  # no numbers then; the refusal still stands
                    knowledge = await asyncio.to_thread(self._knowledge)
                    with speaking(language):
                        body["call"] = city_config(knowledge, city_id)["call"]
            headers = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
            return response.json(body, status=403, headers=headers)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint("widget", __name__)

        def static(name: str, cache: str = "public, max-age=300") -> HTTPResponse:
            return response.raw(
                _static(name),
                content_type=FILES[name],
                headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
            )

        @widget.route("/widget.js", methods=["GET"])
        async def script(request: Request) -> HTTPResponse:
            return static("widget.js")

        @widget.route("/widget.css", methods=["GET"])
        async def style(request: Request) -> HTTPResponse:
            return static("widget.css")

        @widget.route("/widget/demo", methods=["GET"])
        async def demo(request: Request) -> HTTPResponse:
            city_id = request.args.get("city") or DEMO_CITY
            try:
                knowledge = await asyncio.to_thread(self._knowledge)
            except KnowledgeNotLoaded:
                return response.text("The knowledge is not loaded yet: try again.", status=503)
            city = knowledge.city(city_id) if CITY_ID.match(city_id) else None
            if city is None:
                known = ", ".join(c.id for c in knowledge.cities)
                return response.text(
                    f"No city with that id in the knowledge. Known ids: {known}.", status=404
                )
            language = request.args.get("lang") or "en"
            return response.html(
                demo_page(city.id, city.name, city.display_name, language),
                headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
            )

        @widget.route("/widget/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @widget.route("/widget/config", methods=["GET"])
        async def config(request: Request) -> HTTPResponse:
            city_id = request.args.get("city") or ""
            language = request.args.get("lang") if request.args.get("lang") in LANGUAGES else None
            refused = await self._refused(
                request, city_id if CITY_ID.match(city_id) else "", language
            )
            if refused is not None:
                return refused
            try:
                knowledge = await asyncio.to_thread(self._knowledge)
            except KnowledgeNotLoaded:
                return response.json({"error": "not ready"}, status=503)
            with speaking(language):
                body = city_config(knowledge, city_id if CITY_ID.match(city_id) else None)
            return response.json(body, headers=self._cors(request))

        @widget.route("/widget/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = await self._refused(request)
            if refused is not None:
                return refused
            body = json_object(request.body)
            sender, text, city = body.get("sender"), body.get("message"), body.get("city")
            if not (isinstance(sender, str) and SENDER.match(sender) and isinstance(text, str)):
                return response.json(
                    {
                        "error": "send JSON with a 'sender' id (8-64 letters, digits, - or _) and "
                        "a 'message' string"
                    },
                    status=400,
                    headers=self._cors(request),
                )
            metadata = {PRESET_CITY: city} if isinstance(city, str) and CITY_ID.match(city) else {}
            if body.get("lang") in LANGUAGES:  # the page's data-lang: the conversation's language
                metadata[LANGUAGE] = body["lang"]
            delivered = await deliver(
                on_new_message, sender, text, self.name(), metadata, address=of_request(request)
            )
            return response.json(
                {"said": delivered.text, "messages": delivered.messages},
                headers=self._cors(request),
            )

        return widget
