"""SMS through a Twilio-style webhook: POST /webhooks/sms/webhook (form-encoded From, To, Body,
MessageSid), signed with X-Twilio-Signature, answered in the webhook's own response as TwiML.

- The signature is checked with Twilio's RequestValidator against BOT_SMS_AUTH_TOKEN and the
  public URL (BOT_SMS_PUBLIC_URL behind a proxy, else the URL as the request arrived). Unsigned,
  forged, changed or wrong-URL requests get 403 and reach no conversation.
- The conversation id is an HMAC of the sender's number (BOT_SMS_SENDER_SECRET): the number is
  never stored or logged; card numbers, codes and SSNs are redacted as in every channel.
- Replies are plain GSM-7, at most 3 segments (459 characters) a message; the rest waits behind
  "Reply MORE" (or "more please", "next", "continue"; in Spanish MAS, "más por favor",
  "siguiente", "continuar"), pages end between sentences where they can,
  and the "what next" menu comes last; choices are numbered and answered with a digit.
- BOT_SMS_CITY (a city id) presets the city when the number is one city's line, as the widget's
  data-city does. HELP gives the line of the city the resident's conversation is about, else of
  that city, else the FTC's.
- HELP/INFO/AYUDA, the opt-out words (the carriers' STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
  QUIT, REVOKE, OPTOUT, and in Spanish PARAR, CANCELAR, BAJA, ALTO) and the opt-in words (START,
  YES, UNSTOP; INICIO, SI) count as the whole message, in any case, spacing and accents. STOP is
  confirmed once and ends the conversation (its city, date and method are forgotten), then
  nothing is sent until an opt-in word (which counts as one only after STOP: otherwise "yes" is an
  answer); the opt-out is kept in SQL (BOT_SMS_DATABASE_URL), every query on a worker thread,
  so a slow database never stalls the other conversations on the event loop.
- The conversation's language (table sms_languages): ESPAÑOL/ES or ENGLISH/EN, else what the
  first message of two words or more reads as (bot/language.py, as the Rasa server decides it);
  it is sent with every message, so the conversation answers in it. The channel's own words
  (HELP, STOP, MORE, the language confirmations, "Reply MORE") are in it too, from the catalog
  (channels.po, GSM-7: no á í ó ú); a Spanish keyword (AYUDA, PARAR, MAS) is answered in Spanish.

Without BOT_SMS_AUTH_TOKEN the channel is off (503). With a token but no sender secret of at
least 32 characters the Rasa server refuses to start.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from assistant.channels.delivery import deliver
from bot.channels import SMS
from bot.conversation import LANGUAGE, PRESET_CITY
from bot.i18n import speaking, t
from bot.knowledge.base import Knowledge
from bot.knowledge.store import KnowledgeNotLoaded, KnowledgeStore, make_engine
from bot.language import language_after
from bot.logs import log_event
from bot.settings import load_settings
from bot.sms_state import SmsState, sender_id
from bot.textmessage import pages, segments, to_gsm
from bot.wording import sms as wording

log = logging.getLogger(__name__)
# The carriers' opt-out words (Twilio's defaults), and Spanish ones: Twilio documents no Spanish
# defaults (its Advanced Opt-Out lets a service add them); these are the words Spanish-language
# SMS programs commonly reserve. Never "NO": that is an answer.
OPT_OUT_SPANISH = frozenset({"PARAR", "CANCELAR", "BAJA", "ALTO"})
OPT_OUT = (
    frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
    | OPT_OUT_SPANISH
)
OPT_IN_SPANISH = frozenset({"INICIO", "SI"})
OPT_IN = frozenset({"START", "YES", "UNSTOP"}) | OPT_IN_SPANISH
HELP_SPANISH = frozenset({"AYUDA"})
HELP = frozenset({"HELP", "INFO"}) | HELP_SPANISH
MORE_SPANISH = frozenset({"MAS", "MASPORFAVOR", "VERMAS", "SIGUIENTE", "CONTINUAR", "SEGUIR"})
MORE = (
    frozenset({"MORE", "MOREPLEASE", "MOREPLS", "NEXT", "CONTINUE", "SHOWMORE", "TELLMEMORE"})
    | MORE_SPANISH
)
# The conversation's language (keywords lose their accents: "ESPAÑOL" is ESPANOL)
SPANISH = frozenset({"ESPANOL", "ENESPANOL", "ES", "SPANISH", "INSPANISH"})
ENGLISH = frozenset({"ENGLISH", "INENGLISH", "INGLES", "ENINGLES", "EN"})
# Keywords that say the resident writes Spanish: answered in Spanish
SPANISH_KEYWORDS = OPT_OUT_SPANISH | OPT_IN_SPANISH | HELP_SPANISH | MORE_SPANISH | SPANISH
MIN_SECRET = 32


def stopped_text() -> str:
    return t(
        "{program}: you are unsubscribed and will get no more messages. Reply START to come back.",
        program=t(wording.PROGRAM),
    )


def welcome_back_text() -> str:
    return t(
        "{program}: welcome back. Text your city, payment date and how you paid, or HELP for "
        "help.",
        program=t(wording.PROGRAM),
    )


def nothing_more_text() -> str:
    return t("That is all. Reply HELP for help, or ask another question.")


def language_set_text(language: str) -> str:
    """The confirmation of ESPAÑOL / ENGLISH, in the language chosen, with how to switch back
    in the other one."""
    if language == "es":
        with speaking("es"):
            chosen = t("OK: from now on I answer in Spanish, and 5/9/2019 is September 5.")
        with speaking("en"):
            back = t("Text ENGLISH for English.")
    else:
        with speaking("en"):
            chosen = t("OK: from now on I answer in English, and 5/9/2019 is May 9.")
        with speaking("es"):
            back = t("Text ESPAÑOL for Spanish.")
    return to_gsm(f"{chosen} {back}")


class SmsNotConfigured(ValueError):
    """The SMS channel has an auth token but no (long enough) sender secret."""


def keyword(body: str) -> str:
    """The message as a keyword: letters only, without accents, upper case ('  Stop ' -> 'STOP',
    'Español' -> 'ESPANOL', 'más' -> 'MAS')."""
    if len(body) > 40:
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", body) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z]", "", plain).upper()


class SmsOutput(CollectingOutputChannel):
    """Collects the bot's messages; named `sms` so that `channel: sms` responses apply."""

    @classmethod
    def name(cls) -> str:
        return SMS


def render(messages: List[Dict[str, Any]]) -> Tuple[List[str], List[str]]:
    """The texts to page, and the payloads of the numbered choices (the last ones offered)."""
    texts: List[str] = []
    choices: List[str] = []
    for message in messages:
        buttons = [b for b in message.get("buttons") or [] if b.get("title") and b.get("payload")]
        text = message.get("text") or ""
        if buttons:
            text = wording.choices_text(text, [b["title"] for b in buttons])
            choices = [b["payload"] for b in buttons]
        if text:
            texts.append(text)
    return texts, choices


async def _none() -> None:
    return None


async def city_of_conversation(request: Request, sender: str) -> Optional[str]:
    """The id of the city in the conversation's `city` slot, read from the tracker store."""
    agent = getattr(request.app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return None
    tracker = await store.retrieve(sender)
    city = tracker.get_slot("city") if tracker is not None else None
    return city.get("id") if isinstance(city, dict) else None  # no id: a place not on record


def twiml(text: Optional[str]) -> str:
    reply = MessagingResponse()
    if text:
        reply.message(to_gsm(text))
    return str(reply)


class SmsInput(InputChannel):
    """The SMS webhook."""

    def __init__(
        self,
        auth_token: str = "",
        sender_secret: str = "",
        public_url: str = "",
        state_url: str = "",
        city: str = "",
    ) -> None:
        if auth_token and len(sender_secret) < MIN_SECRET:
            raise SmsNotConfigured(
                "The SMS channel needs BOT_SMS_SENDER_SECRET (at least 32 random characters) to "
                "hide senders' phone numbers; set it in .env, or unset BOT_SMS_AUTH_TOKEN."
            )
        self.auth_token = auth_token
        self.secret = sender_secret
        self.public_url = public_url
        self.state_url = state_url
        self.city = city  # the city whose number this is (BOT_SMS_CITY), if the line is a city's
        self._state: Optional[SmsState] = None
        self._store: Optional[KnowledgeStore] = None

    @classmethod
    def name(cls) -> str:
        return SMS

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> SmsInput:
        values = {k: str(v or "") for k, v in (credentials or {}).items()}
        return cls(
            values.get("auth_token", ""),
            values.get("sender_secret", ""),
            values.get("public_url", ""),
            values.get("database_url", ""),
            values.get("city", ""),
        )

    @property
    def enabled(self) -> bool:
        return bool(self.auth_token)

    def state(self) -> SmsState:
        if self._state is None:
            self._state = SmsState(make_engine(self.state_url or load_settings().sms_database_url))
        return self._state

    def _knowledge(self) -> Optional[Knowledge]:
        if self._store is None:
            settings = load_settings()
            engine = make_engine(settings.database_url)
            self._store = KnowledgeStore(engine, settings.knowledge_recheck_seconds)
        try:
            return self._store.current()
        except KnowledgeNotLoaded:
            return None

    def signed(self, request: Request, params: Dict[str, str]) -> bool:
        signature = request.headers.get("X-Twilio-Signature", "")
        url = self.public_url or request.url
        return bool(signature) and RequestValidator(self.auth_token).validate(
            url, params, signature
        )

    async def answer(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sender: str,
        body: str,
        conversation_city: Callable[[], Awaitable[Optional[str]]] = lambda: _none(),
    ) -> Optional[str]:
        """The text to send back (None: send nothing), in the conversation's language.
        `conversation_city` gives the id of the city the resident's conversation is about, for
        HELP's number."""
        state = await asyncio.to_thread(self.state)
        word = keyword(body)
        language = await asyncio.to_thread(state.language, sender)
        if word in SPANISH_KEYWORDS - SPANISH and language is None:  # "AYUDA" first: Spanish
            language = "es"
            await asyncio.to_thread(state.set_language, sender, language)
        with speaking("es" if word in SPANISH_KEYWORDS else language):
            handled, reply = await self._keyword(
                on_new_message, state, sender, word, conversation_city
            )
        if handled:
            return reply
        # the first message of two words or more decides, as the Rasa server decides it
        found = language_after(language, None, body)
        if found is not None and found != language:
            language = found
            await asyncio.to_thread(state.set_language, sender, language)
        choices = await asyncio.to_thread(state.choices, sender)
        number = body.strip()
        if number.isdigit() and 1 <= int(number) <= len(choices):
            body = choices[int(number) - 1]  # a numbered choice: its payload
        metadata = {PRESET_CITY: self.city} if self.city else {}
        if language:
            metadata[LANGUAGE] = language
        delivered = await deliver(
            on_new_message,
            sender,
            body,
            self.name(),
            metadata or None,
            collector=SmsOutput(),
            language=language,
        )
        texts, offered = render(delivered.messages)
        with speaking(language):
            replies = pages(texts, more=wording.more_text()) or [nothing_more_text()]
        await asyncio.to_thread(state.remember, sender, replies[1:], offered)
        log_event(log, "sms.replied", pages=len(replies), segments=segments(replies[0]))
        return replies[0]

    async def _keyword(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        state: SmsState,
        sender: str,
        word: str,
        conversation_city: Callable[[], Awaitable[Optional[str]]],
    ) -> Tuple[bool, Optional[str]]:
        """(True, the reply) when the message is a keyword or the resident has opted out (None:
        send nothing); (False, None) when it is for the conversation. In the current language."""
        stopped = await asyncio.to_thread(state.opted_out, sender)
        if word in OPT_OUT:
            if stopped:
                return True, None  # confirmed once already
            await asyncio.to_thread(state.set_opted_out, sender, True)
            await self.forget(on_new_message, sender)
            log_event(log, "sms.opted_out")
            return True, stopped_text()
        if stopped:
            if word not in OPT_IN:
                return True, None  # nothing at all until the resident opts in again
            await asyncio.to_thread(state.set_opted_out, sender, False)
            log_event(log, "sms.opted_in")
            return True, welcome_back_text()
        if word in HELP:
            knowledge = await asyncio.to_thread(self._knowledge)
            if knowledge is None:
                return True, t(wording.PROGRAM)
            city = knowledge.city(await conversation_city()) or knowledge.city(self.city)
            return True, wording.help_text(city, knowledge.national)
        if word in MORE:
            return True, await asyncio.to_thread(state.next_page, sender) or nothing_more_text()
        if word in SPANISH or word in ENGLISH:
            chosen = "es" if word in SPANISH else "en"
            await asyncio.to_thread(state.set_language, sender, chosen)
            log_event(log, "sms.language", language=chosen)
            return True, language_set_text(chosen)
        return False, None

    async def forget(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], sender: str
    ) -> None:
        """STOP ends the conversation: its city, date, method and verdict are cleared (Rasa's
        restart), so that a resident who opts in again starts afresh. Nothing is sent."""
        await deliver(
            on_new_message,
            sender,
            "/restart",
            self.name(),
            None,
            collector=SmsOutput(),
            internal=True,
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("sms_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "off"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text("SMS is not set up (BOT_SMS_AUTH_TOKEN)", status=503)
            params = {key: values[0] for key, values in (request.form or {}).items()}
            if not self.signed(request, params):
                log_event(log, "sms.refused", logging.WARNING)
                return response.text("forbidden", status=403)
            sender_number = params.get("From", "")
            if not sender_number:
                return response.text("missing From", status=400)
            message_sid = params.get("MessageSid", "")
            state = await asyncio.to_thread(self.state)
            earlier = await asyncio.to_thread(state.reply_to, message_sid) if message_sid else None
            if earlier is not None:
                return response.text(earlier, content_type="application/xml")
            sender = sender_id(sender_number, self.secret)

            async def conversation_city() -> Optional[str]:
                return await city_of_conversation(request, sender)

            body = params.get("Body", "")
            reply = twiml(await self.answer(on_new_message, sender, body, conversation_city))
            if message_sid:
                await asyncio.to_thread(state.remember_reply, message_sid, reply)
            return response.text(reply, content_type="application/xml")

        return hook
