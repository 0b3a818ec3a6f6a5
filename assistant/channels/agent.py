"""The support-agent console at /agent: the same conversation as a guided script, behind a login.

Routes (all answer 401 without a valid session, and a wrong password gets 401):
- GET  /agent              the console (or, without a session, the login form, with 401)
- POST /agent/login        password -> a session cookie (HttpOnly, SameSite=Strict, /agent)
- POST /agent/logout       ends the session
- GET  /agent/console.js, /agent/console.css
- POST /agent/api/new      {} -> {"conversation": "agent-..."}: a new caller
- POST /agent/api/message  {"conversation", "message", "lang"?: "en" or "es"} -> {"said",
                           "messages"}: one turn, through Rasa as channel `agent` (so `channel:
                           agent` responses apply), redacted like every channel; `lang` is the
                           caller's language the agent chose (the console's switch): the caller's
                           words are read in it and the script comes back in it

The console is off (503) until BOT_AGENT_PASSWORD is set: there is no default password. The log-in
page is in the language of the agent's last choice (cookie `agent_lang`, or `/agent/?lang=es`).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from functools import cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple
from urllib.parse import urlparse

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.agent_auth import SHARED, AgentAuth, Session
from assistant.channels.bodies import json_object
from assistant.channels.delivery import deliver
from assistant.stats_page import stats_page
from bot.agents import AgentAccounts
from bot.channels import AGENT
from bot.client_address import of_request, request_is_https
from bot.conversation import LANGUAGE
from bot.i18n import N_, speaking, t
from bot.ids import new_id
from bot.knowledge.store import make_engine
from bot.logs import log_event
from bot.redaction import agent_warning_for
from bot.settings import load_settings
from bot.usage import figures

log = logging.getLogger(__name__)
ACCOUNTS_RECHECK_SECONDS = 5.0
NAME_FIELD = (
    '<label for="name">{label}</label>\n'
    '      <input id="name" name="name" type="text" autocomplete="username" required autofocus>\n'
)
LANGUAGES = ("en", "es")
TOO_MANY = N_("Too many wrong passwords: wait 15 minutes.")
WRONG_NAMED = N_("Wrong name or password.")
WRONG = N_("Wrong password.")
LANGUAGE_COOKIE = "agent_lang"  # the agent's last choice of language: not a secret
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language
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


def _who(session: Optional[Session]) -> Dict[str, Any]:
    """The logged-in agent as the console shows it (no name for the shared password)."""
    if session is None:
        return {"agent": None, "role": None}
    return {"agent": None if session.name == SHARED else session.name, "role": session.role}


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _filled(template: str, values: Dict[str, str]) -> str:
    """The template's {name} fields filled in one pass (a value's own braces stay as they are)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def page_language(request: Request) -> str:
    """The log-in page's language: ?lang=, else the agent's last choice (cookie), else English."""
    for chosen in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in LANGUAGES:
            return chosen
    return "en"


def login_page(language: str, named: bool, error: str = "") -> str:
    """The log-in form in `language`; `named`: agents have their own accounts (a name field)."""
    with speaking(language):
        how = (
            t("your own agent name and password")
            if named
            else t("the console password your city set")
        )
        other = "es" if language == "en" else "en"
        texts = {
            "page_title": t("Log in: Click2Gov breach check, support agent console"),
            "heading": t("Support agent console"),
            "intro": t("Click2Gov breach check. Log in with {how}.", how=how),
            "error": error,
            "password": t("Password"),
            "submit": t("Log in"),
            "other_name": LANGUAGE_NAMES[other],
        }
        values = {name: html.escape(text) for name, text in texts.items()}
        values["name_field"] = (
            _filled(NAME_FIELD, {"label": html.escape(t("Agent name"))}) if named else ""
        )
    values.update(lang=language, other_lang=other, password_focus="" if named else " autofocus")
    return _filled(_static("login.html"), values)


class AgentOutput(CollectingOutputChannel):
    """Collects the bot's messages; named `agent` so that `channel: agent` responses apply."""

    @classmethod
    def name(cls) -> str:
        return AGENT


class AgentInput(InputChannel):
    """The console's pages and its API."""

    def __init__(
        self,
        password: str = "",
        session_hours: float = 8.0,
        accounts: Optional[AgentAccounts] = None,
    ) -> None:
        self.password = password
        self.auth = AgentAuth(password, session_hours)
        self._accounts = accounts
        self._in_use: Tuple[float, bool] = (-1e9, False)

    def accounts(self) -> AgentAccounts:
        """The deployment's agents (bot/agents.py), from the settings on first use."""
        if self._accounts is None:
            self._accounts = AgentAccounts(make_engine(load_settings().database_url))
        return self._accounts

    async def _accounts_in_use(self) -> bool:
        """Whether agents have their own accounts (then only they log in); re-read every few
        seconds, so an account added with `bot agents add` counts without a restart."""
        checked, in_use = self._in_use
        now = time.monotonic()
        if now - checked > ACCOUNTS_RECHECK_SECONDS:
            accounts = self.accounts()
            try:
                in_use = await asyncio.to_thread(accounts.any)
                key = await asyncio.to_thread(accounts.session_key) if in_use else None
            except Exception as error:  # noqa: BLE001 - the database is down: keep what we knew
                log_event(
                    log, "agent.accounts_unavailable", logging.ERROR, error=type(error).__name__
                )
                return in_use
            self.auth.use_key(key)
            self._in_use = (now, in_use)
        return in_use

    async def _enabled(self) -> bool:
        return bool(self.password) or await self._accounts_in_use()

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

    async def _session(self, request: Request) -> Optional[Session]:
        """The logged-in agent; an account removed since its login is logged out."""
        named = await self._accounts_in_use()  # also: the key that signs sessions
        session = await self.auth.session(request.cookies.get(COOKIE, ""))
        if session is None or not named:
            return session
        account = await asyncio.to_thread(self.accounts().get, session.name)
        return Session(account.name, account.role.value) if account else None

    async def _signed_in(self, request: Request) -> bool:
        return await self._session(request) is not None

    async def _login_page(
        self, request: Request, status: int = 200, error: str = ""
    ) -> HTTPResponse:
        """The log-in form; `error` is a sentence of the catalog, said in the page's language."""
        named = await self._accounts_in_use()
        language = page_language(request)
        with speaking(language):
            said = t(error) if error else ""
        reply = response.html(
            login_page(language, named, said), status=status, headers=dict(SECURITY)
        )
        if request.args.get("lang") in LANGUAGES:  # /agent/?lang=es: kept for the next visits
            reply.cookies[LANGUAGE_COOKIE] = language
            reply.cookies[LANGUAGE_COOKIE]["path"] = "/agent"
            reply.cookies[LANGUAGE_COOKIE]["max-age"] = 365 * 24 * 3600
            reply.cookies[LANGUAGE_COOKIE]["samesite"] = "Strict"
        return reply

    def _page(self, name: str, status: int = 200, error: str = "") -> HTTPResponse:
        body = _static(name).replace("{error}", error)
        return response.html(body, status=status, headers=dict(SECURITY))

    def _same_origin(self, request: Request) -> bool:
        """A POST from the console's own page (browsers send Origin with every POST)."""
        origin = request.headers.get("origin")
        return origin is None or urlparse(origin).netloc == request.headers.get("host")

    async def _refusal(self, request: Request, page: bool = False) -> Optional[HTTPResponse]:
        """503 while the console is off, 401 without a session, 403 from another site."""
        if not await self._enabled():
            return response.text(
                "The agent console is off: add an agent (python -m bot agents add NAME), or set "
                "BOT_AGENT_PASSWORD in .env and restart.",
                status=503,
                headers=dict(SECURITY),
            )
        if request.method == "POST" and not self._same_origin(request):
            return response.text("forbidden", status=403, headers=dict(SECURITY))
        if not await self._signed_in(request):
            if page:
                return await self._login_page(request, status=401)
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
            if not await self._enabled() or not self._same_origin(request):
                return await self._refusal(request) or response.text("forbidden", status=403)
            address = of_request(request)  # the client, behind a trusted proxy too
            named = await self._accounts_in_use()
            name = (request.form.get("name", "") or "").strip().lower() if named else SHARED
            password = request.form.get("password", "") or ""
            keys = [f"address:{address}"] + ([f"account:{name}"] if named and name else [])
            for key in keys:
                if await self.auth.locked(key):
                    log_event(log, "agent.login_locked", logging.WARNING, agent=name or None)
                    return await self._login_page(request, 429, TOO_MANY)
            if named:
                account = await asyncio.to_thread(self.accounts().verify, name, password)
                session = Session(account.name, account.role.value) if account else None
            else:
                session = Session(SHARED, "agent") if self.auth.password_ok(password) else None
            if session is None:
                for key in keys:
                    await self.auth.failed(key)
                log_event(log, "agent.login_failed", logging.WARNING, agent=name or None)
                return await self._login_page(request, 401, WRONG_NAMED if named else WRONG)
            log_event(log, "agent.login", agent=session.name, role=session.role)  # the audit
            reply = response.redirect("/agent/", status=303, headers=dict(SECURITY))
            reply.cookies[COOKIE] = self.auth.issue(session.name, session.role)
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
            session = await self._session(request)
            conversation = new_id("agent")
            log_event(log, "agent.call", agent=session.name, conversation=conversation)
            return response.json(
                {"conversation": conversation, **_who(session)}, headers=dict(SECURITY)
            )

        @agent.route("/api/me", methods=["GET"])
        async def me(request: Request) -> HTTPResponse:
            refused = await self._refusal(request)
            if refused is not None:
                return refused
            return response.json(_who(await self._session(request)), headers=dict(SECURITY))

        @agent.route("/stats", methods=["GET"])
        async def stats(request: Request) -> HTTPResponse:
            refused = await self._refusal(request, page=True)
            if refused is not None:
                return refused
            session = await self._session(request)
            if not session.supervisor:
                return response.text(
                    "This page is for supervisors.", status=403, headers=dict(SECURITY)
                )
            days = request.args.get("days") or "7"
            city = request.args.get("city") or None
            if not days.isdigit() or not 1 <= int(days) <= 366:
                days = "7"
            if city is not None and not re.match(r"^[a-z0-9-]{1,64}$", city):
                city = None
            settings = load_settings()
            found = await asyncio.to_thread(
                figures, make_engine(settings.database_url), int(days), settings.time_zone, city
            )
            return response.html(stats_page(found, city), headers=dict(SECURITY))

        @agent.route("/api/message", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            refused = await self._refusal(request)
            if refused is not None:
                return refused
            body = json_object(request.body)
            conversation, text = body.get("conversation"), body.get("message")
            if not (isinstance(conversation, str) and CONVERSATION.match(conversation)):
                return response.json({"error": "start a new caller first"}, status=400)
            if not isinstance(text, str) or not text.strip():
                return response.json({"error": "type what the caller says"}, status=400)
            session = await self._session(request)
            log_event(log, "agent.turn", agent=session.name, conversation=conversation)
            # the caller's language the agent chose: the words are read in it, the script is in it
            language = body.get("lang") if body.get("lang") in LANGUAGES else None
            delivered = await deliver(
                on_new_message,
                conversation,
                text,
                self.name(),
                {LANGUAGE: language} if language else None,
                collector=AgentOutput(),
                warning=agent_warning_for,
            )
            return response.json(
                {"said": delivered.text, "messages": delivered.messages}, headers=dict(SECURITY)
            )

        return agent
