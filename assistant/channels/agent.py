"""The support-agent console at /agent: the same conversation as a guided script, behind a login.

Routes (all answer 401 without a valid session, and a wrong password gets 401):
- GET  /agent              the console (or, without a session, the login form, with 401)
- POST /agent/login        password -> a session cookie (HttpOnly, SameSite=Strict, /agent)
- POST /agent/logout       ends the session
- GET  /agent/console.js, /agent/console.css
- POST /agent/api/new      {} -> {"conversation": "agent-..."}: a new caller
- POST /agent/api/message  {"conversation", "message"} -> {"said", "messages"}: one turn, through
                           Rasa as channel `agent` (so `channel: agent` responses apply), redacted
                           like every channel

The console is off (503) until BOT_AGENT_PASSWORD is set: there is no default password.
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional
from urllib.parse import urlparse

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.agent_auth import AgentAuth
from assistant.channels.delivery import deliver
from bot.channels import AGENT
from bot.client_address import of_request, request_is_https
from bot.ids import new_id
from bot.logs import log_event
from bot.redaction import agent_warning_for

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent.parent / "agent"
COOKIE = "agent_session"
CONVERSATION = re.compile(r"^agent-[a-z2-7]{24}$")
TYPES = {
    "console.html": "text/html; charset=utf-8",
    "login.html": "text/html; charset=utf-8",
    "console.js": "application/javascript; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
}
SECURITY = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make form posts send Origin: null
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'none'"
    ),
}


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


class AgentOutput(CollectingOutputChannel):
    """Collects the bot's messages; named `agent` so that `channel: agent` responses apply."""

    @classmethod
    def name(cls) -> str:
        return AGENT


class AgentInput(InputChannel):
    """The console's pages and its API."""

    def __init__(self, password: str = "", session_hours: float = 8.0) -> None:
        self.auth = AgentAuth(password, session_hours) if password else None

    @classmethod
    def name(cls) -> str:
        return AGENT

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> AgentInput:
        values = credentials or {}
        hours = str(values.get("session_hours") or "").strip()
        return cls(str(values.get("password") or ""), float(hours) if hours else 8.0)

    def url_prefix(self) -> str:
        return "/agent"

    async def _signed_in(self, request: Request) -> bool:
        return self.auth is not None and await self.auth.valid(request.cookies.get(COOKIE, ""))

    def _page(self, name: str, status: int = 200, error: str = "") -> HTTPResponse:
        body = _static(name).replace("{error}", error)
        return response.html(body, status=status, headers=dict(SECURITY))

    def _same_origin(self, request: Request) -> bool:
        """A POST from the console's own page (browsers send Origin with every POST)."""
        origin = request.headers.get("origin")
        return origin is None or urlparse(origin).netloc == request.headers.get("host")

    async def _refusal(self, request: Request, page: bool = False) -> Optional[HTTPResponse]:
        """503 while the console is off, 401 without a session, 403 from another site."""
        if self.auth is None:
            return response.text(
                "The agent console is off: set BOT_AGENT_PASSWORD in .env and restart.",
                status=503,
                headers=dict(SECURITY),
            )
        if request.method == "POST" and not self._same_origin(request):
            return response.text("forbidden", status=403, headers=dict(SECURITY))
        if not await self._signed_in(request):
            if page:
                return self._page("login.html", status=401)
            return response.json({"error": "log in first"}, status=401, headers=dict(SECURITY))
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        agent = Blueprint("agent_console", __name__)

        @agent.route("/", methods=["GET"])
        async def console(request: Request) -> HTTPResponse:
            return await self._refusal(request, page=True) or self._page("console.html")

        async def asset(request: Request, name: str) -> HTTPResponse:
            refused = await self._refusal(request)
            if refused is not None:
                return refused
            return response.text(_static(name), content_type=TYPES[name], headers=dict(SECURITY))

        @agent.route("/console.js", methods=["GET"])
        async def script(request: Request) -> HTTPResponse:
            return await asset(request, "console.js")

        @agent.route("/console.css", methods=["GET"])
        async def style(request: Request) -> HTTPResponse:
            return await asset(request, "console.css")

        @agent.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            if self.auth is None or not self._same_origin(request):
                return await self._refusal(request) or response.text("forbidden", status=403)
            address = of_request(request)  # the client, behind a trusted proxy too
            if await self.auth.locked(address):
                log_event(log, "agent.login_locked", logging.WARNING)
                return self._page("login.html", 429, "Too many wrong passwords: wait 15 minutes.")
            if not self.auth.password_ok(request.form.get("password", "")):
                await self.auth.failed(address)
                log_event(log, "agent.login_failed", logging.WARNING)
                return self._page("login.html", 401, "Wrong password.")
            log_event(log, "agent.login")
            reply = response.redirect("/agent/", status=303, headers=dict(SECURITY))
            reply.cookies[COOKIE] = self.auth.issue()
            cookie = reply.cookies[COOKIE]
            cookie["httponly"] = True
            cookie["samesite"] = "Strict"
            cookie["path"] = "/agent"
            cookie["max-age"] = self.auth.session_seconds
            if request_is_https(request):  # directly, or at a trusted TLS front
                cookie["secure"] = True
            return reply

        @agent.route("/logout", methods=["POST"])
        async def logout(request: Request) -> HTTPResponse:
            refused = await self._refusal(request)
            if refused is not None:
                return refused
            await self.auth.revoke(request.cookies.get(COOKIE, ""))
            reply = response.redirect("/agent/", status=303, headers=dict(SECURITY))
            reply.cookies[COOKIE] = ""
            reply.cookies[COOKIE]["path"] = "/agent"
            reply.cookies[COOKIE]["max-age"] = 0
            return reply

        @agent.route("/api/new", methods=["POST"])
        async def new_caller(request: Request) -> HTTPResponse:
            refused = await self._refusal(request)
            if refused is not None:
                return refused
            return response.json({"conversation": new_id("agent")}, headers=dict(SECURITY))

        @agent.route("/api/message", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            refused = await self._refusal(request)
            if refused is not None:
                return refused
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                body = {}
            conversation, text = body.get("conversation"), body.get("message")
            if not (isinstance(conversation, str) and CONVERSATION.match(conversation)):
                return response.json({"error": "start a new caller first"}, status=400)
            if not isinstance(text, str) or not text.strip():
                return response.json({"error": "type what the caller says"}, status=400)
            delivered = await deliver(
                on_new_message,
                conversation,
                text,
                self.name(),
                collector=AgentOutput(),
                warning=agent_warning_for,
            )
            return response.json(
                {"said": delivered.text, "messages": delivered.messages}, headers=dict(SECURITY)
            )

        return agent
