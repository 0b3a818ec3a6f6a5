"""Text messages to the running Rasa server through the SMS webhook, signed as Twilio signs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Dict, List, Optional, Tuple

import pytest
from twilio.request_validator import RequestValidator

from assistant.run import Servers
from bot.settings import PROJECT_ROOT
from bot.sms_state import sender_id
from bot.textmessage import MAX_SEPTETS, is_gsm, septets
from tests.e2e.conftest import SMS_SECRET, SMS_TOKEN, stored_bytes, tracker_of

pytestmark = pytest.mark.e2e

PATH = "/webhooks/sms/webhook"


def number_forms(number: str) -> List[str]:
    """'+15555550123' in the ways it could be written down."""
    d = re.sub(r"\D", "", number)[-10:]
    return [
        number,
        d,
        "1" + d,
        f"{d[:3]}-{d[3:6]}-{d[6:]}",
        f"({d[:3]}) {d[3:6]}-{d[6:]}",
        f"{d[:3]}.{d[3:6]}.{d[6:]}",
        f"+1 {d[:3]} {d[3:6]} {d[6:]}",
    ]


class Phone:
    """A resident's phone texting the assistant."""

    def __init__(self, servers: Servers, number: Optional[str] = None) -> None:
        self.servers = servers
        self.number = number or "+1555" + str(uuid.uuid4().int)[:7]
        self.url = f"{servers.rasa_url}{PATH}"

    @property
    def sender(self) -> str:
        return sender_id(self.number, SMS_SECRET)

    def post(
        self,
        params: Dict[str, str],
        signature: Optional[str] = None,
        sign_for: Optional[str] = None,
    ) -> Tuple[int, str]:
        if signature is None:
            signature = RequestValidator(SMS_TOKEN).compute_signature(sign_for or self.url, params)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature:
            headers["X-Twilio-Signature"] = signature
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode(params).encode(), headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def params(self, body: str, sid: Optional[str] = None) -> Dict[str, str]:
        return {
            "From": self.number,
            "To": "+15555550199",
            "Body": body,
            "MessageSid": sid or f"SM{uuid.uuid4().hex}",
        }

    def text(self, body: str) -> Optional[str]:
        """Send a text; the reply's body (None when nothing is sent back)."""
        status, twiml = self.post(self.params(body))
        assert status == 200, twiml
        found = re.findall(r"<Message>(.*?)</Message>", twiml, re.S)
        assert len(found) <= 1
        if not found:
            return None
        reply = found[0].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        assert is_gsm(reply), reply  # plain GSM-7: no character forces UCS-2
        assert septets(reply) <= MAX_SEPTETS, (septets(reply), reply)  # at most 3 segments
        return reply

    def slot(self, name: str):
        return tracker_of(self.servers, self.sender)["slots"].get(name)

    def user_turns(self) -> int:
        events = tracker_of(self.servers, self.sender).get("events") or []
        return len([e for e in events if e["event"] == "user"])


@pytest.fixture
def phone(servers: Servers) -> Phone:
    return Phone(servers)


def test_unsigned_forged_changed_and_wrong_url_requests_are_refused(phone: Phone):
    params = phone.params("was my payment affected?")
    assert phone.post(params, signature="")[0] == 403  # unsigned
    assert phone.post(params, signature="bm90IGEgc2lnbmF0dXJl")[0] == 403  # forged
    good = RequestValidator(SMS_TOKEN).compute_signature(phone.url, params)
    changed = {**params, "Body": "STOP"}
    assert phone.post(changed, signature=good)[0] == 403  # replayed with a changed body
    elsewhere = phone.post(params, sign_for="https://elsewhere.example.gov/webhooks/sms/webhook")
    assert elsewhere[0] == 403  # signed for another URL
    wrong_key = RequestValidator("not-the-token").compute_signature(phone.url, params)
    assert phone.post(params, signature=wrong_key)[0] == 403
    assert phone.user_turns() == 0  # none of them reached a conversation


def test_a_full_check_by_sms_with_a_numbered_choice(phone: Phone):
    assert "Which city" in phone.text("was my payment affected?")
    assert "When did you pay" in phone.text("odessa")
    question = phone.text("9/5/19")
    assert "1 Online, by card" in question and "2 Autopay" in question
    verdict = phone.text("1")
    # what was checked comes first, so that a misread date or method shows at once
    assert verdict.startswith("Checked: Odessa, Sep 5, 2019, online by card. Your payment WAS")
    assert "Sep 5, 2019" in verdict and "1-877-438-4338" in verdict
    assert "Do now: 1)" in verdict and "Reply MORE for more." in verdict
    assert phone.slot("verdict") == "affected"
    assert phone.slot("city")["id"] == "odessa-tx"


def test_two_cities_in_a_text_are_a_numbered_question(phone: Phone):
    question = phone.text("was my payment affected? odessa or bakersfield")
    assert "1 Odessa, TX" in question and "2 Bakersfield, CA" in question, question
    assert "When did you pay" in phone.text("2")
    assert phone.slot("city")["id"] == "bakersfield-ca"


def test_more_returns_the_rest_then_says_that_is_all(phone: Phone):
    first = phone.text("Odessa, 9/3/2019, online with a card")
    assert "Reply MORE" in first
    rest = []
    for _ in range(10):
        page = phone.text("more")
        if page.startswith("That is all"):
            break
        rest.append(page)
    joined = "\n".join(rest)
    assert "What to do now:" in joined and "Who to contact:" in joined
    assert "August 27, 2019 and October 14, 2019" in joined  # the full reason, behind MORE
    assert 'Source: City of Odessa, "Click2Gov Security Breach", posted December 12, 2019' in joined
    assert ".txt" not in joined
    assert not rest[-1].endswith("Reply MORE for more.")
    assert phone.text("2").startswith("OK, let's start over.")  # the choice on the first page


@pytest.mark.parametrize("more", ["more please", "Next", "continue"])
def test_the_whole_answer_comes_page_by_page_in_whole_sentences_with_the_menu_last(phone, more):
    first = phone.text("Odessa, 9/3/2019, online with a card")
    assert first.startswith("Checked: Odessa, Sep 3, 2019, online by card.")
    pages = [first]
    for _ in range(10):
        page = phone.text(more)
        if page.startswith("That is all"):
            break
        pages.append(page)
    assert len(pages) > 2
    bodies = [p.removesuffix("Reply MORE for more.").rstrip() for p in pages]
    for body in bodies[:-1]:  # no page ends mid-sentence
        assert body[-1] in '.:)?!"\u201d' or body[-1].isdigit(), body[-40:]
    joined = "\n".join(bodies)
    assert joined.count("WAS affected") == 1  # the verdict is said once, not again behind MORE
    assert "Who to contact:" in joined and "August 27, 2019 and October 14, 2019" in joined
    assert bodies[-1].endswith(
        "What next? Reply with a number:\n1 Check another payment\n2 Start over"
    )
    assert not pages[-1].endswith("Reply MORE for more.")


def test_stop_forgets_the_conversation(phone: Phone):
    assert "When did you pay" in phone.text("was my payment in Odessa affected?")
    assert "unsubscribed" in phone.text("STOP")
    assert "welcome back" in phone.text("START")
    assert phone.slot("city") is None
    assert "Which city" in phone.text("was my payment affected?")


def test_help_stop_and_start(phone: Phone):
    help_text = phone.text(" help ")
    assert "Click2Gov breach self-check" in help_text and "STOP" in help_text
    assert re.search(r"\d{3}-\d{3}-\d{4}", help_text)
    assert "unsubscribed" in phone.text("Stop")
    assert phone.text("was my payment affected?") is None  # nothing at all after STOP
    assert phone.text("STOP") is None  # confirmed once only
    assert phone.text("HELP") is None
    assert "welcome back" in phone.text("start")
    assert "Which city" in phone.text("was my payment affected?")


def test_opt_out_words_and_opt_in(servers: Servers):
    for word in ("STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE", "optout"):
        phone = Phone(servers)
        assert "unsubscribed" in phone.text(word), word
        assert phone.text("odessa") is None
    for word in ("UNSTOP", "Yes"):
        phone = Phone(servers)
        phone.text("STOP")
        assert "welcome back" in phone.text(word)
        assert "Which city" in phone.text("was my payment affected?")


def test_yes_is_an_answer_unless_the_number_opted_out(phone: Phone):
    assert "welcome back" not in (phone.text("yes") or "")


@pytest.mark.parametrize(
    "answer, channel, instrument",
    [
        ("phone", "phone", None),
        ("web", "online_one_time", None),
        ("card", None, "card"),
        ("autopay", "autopay_existing", None),
    ],
)
def test_terse_answers(servers: Servers, answer, channel, instrument):
    phone = Phone(servers)
    phone.text("was my payment affected?")
    phone.text("odessa")
    phone.text("9/5/19")
    phone.text(answer)
    method = phone.slot("payment_method")
    assert (method["channel"], method["instrument"]) == (channel, instrument)
    assert phone.slot("verdict") is not None


def test_a_retried_webhook_gets_the_same_reply_and_is_processed_once(phone: Phone):
    params = phone.params("was my payment affected?", sid="SMretry" + uuid.uuid4().hex)
    first = phone.post(params)
    again = phone.post(params)
    assert first == again and first[0] == 200
    assert phone.user_turns() == 1


def test_a_card_number_texted_is_removed(phone: Phone, servers: Servers):
    reply = phone.text("my card 4111 1111 1111 1111 was it stolen?")
    assert "removed the card number" in reply
    assert "4111" not in json.dumps(tracker_of(servers, phone.sender))


def test_no_phone_number_is_stored_or_logged(servers: Servers):
    phone = Phone(servers, "+15555550123")
    phone.text("was my payment affected?")
    phone.text("Bakersfield")
    phone.text("STOP")
    phone.text("START")
    stored = [
        *servers.tracker_files(),
        servers.workdir / "sms.db",
        servers.workdir / "rasa.log",
        servers.workdir / "rasa.out",
        servers.workdir / "actions.log",
    ]
    for path in stored:
        assert path.exists(), path
        content = path.read_bytes().decode("latin-1")
        for form in number_forms(phone.number):
            assert form not in content, (form, path.name)
    assert phone.sender in stored_bytes(servers)


def test_the_command_line_tool_signs_and_shows_segments(servers: Servers):
    environ = {**os.environ, "BOT_SMS_AUTH_TOKEN": SMS_TOKEN, "BOT_SMS_SENDER_SECRET": SMS_SECRET}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sms", "HELP", "--url", servers.rasa_url],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Click2Gov breach self-check" in done.stdout
    assert re.search(r"-- \d+ characters, \d segment\(s\), GSM-7", done.stdout)


def test_ordinary_conversations_in_every_channel_leave_no_error_in_any_log(
    phone: Phone, servers: Servers
):
    """A check by text, over REST, in the widget and in the console (the method question with its
    buttons, a choice, the menu, a question, a message not understood twice): not one ERROR line
    in the Rasa server's or the action server's logs."""
    from tests.e2e.conftest import Chat

    logs = [servers.workdir / name for name in ("rasa.log", "rasa.out", "actions.log")]
    before = {log: log.stat().st_size if log.exists() else 0 for log in logs}
    assert "Which city" in phone.text("was my payment affected?")
    phone.text("odessa")
    phone.text("9/5/19")  # the method question, with its buttons as numbers
    phone.text("1")
    phone.text("more")
    chat = Chat(servers)
    chat.say("was my payment affected?")
    chat.say("Odessa")
    chat.say("September 5 2019")  # the method question, with its buttons
    chat.say("online with my card")
    chat.say("who do I call?")
    chat.say("zebra umbrella")  # not understood, twice: the second wording
    chat.say("marmalade trombone")
    widget = _widget(servers, "web-noerrorsinthelogs")
    for text in ("was my payment affected?", "Sept 3 2019", "online with my card", "help"):
        assert widget(text)["messages"], text
    agent = _agent(servers)
    for text in ("Odessa, Sept 3 2019, online with a card", "she wants a supervisor", "hmm hmm"):
        assert agent(text)["messages"], text
    written = []
    for log in logs:
        if log.exists():
            with log.open(encoding="utf-8", errors="replace") as handle:
                handle.seek(before[log])
                written += handle.read().splitlines()
    errors = [
        line
        for line in written
        if " ERROR " in line or "[error" in line.lower() or '"level": "error"' in line
    ]
    assert written and errors == [], errors[:3]


def _widget(servers: Servers, sender: str):
    """One widget conversation over HTTP, as the widget sends it (text/plain JSON)."""

    def say(text: str) -> dict:
        body = json.dumps({"sender": sender, "message": text, "city": "odessa-tx"}).encode()
        request = urllib.request.Request(
            f"{servers.rasa_url}/widget/webhook",
            data=body,
            headers={"Content-Type": "text/plain;charset=UTF-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read())

    return say


def _agent(servers: Servers):
    """One console call over HTTP, logged in as the console does."""
    from tests.e2e.conftest import AGENT_PASSWORD
    from tests.e2e.test_agent_console import call, log_in

    _, cookie = log_in(servers, AGENT_PASSWORD)
    _, body, _ = call(servers, "POST", "/agent/api/new", b"{}", cookie)
    conversation = json.loads(body)["conversation"]

    def say(text: str) -> dict:
        message = json.dumps({"conversation": conversation, "message": text}).encode()
        status, reply, _ = call(servers, "POST", "/agent/api/message", message, cookie)
        assert status == 200, reply
        return json.loads(reply)

    return say


def test_help_gives_the_line_of_the_city_being_checked(phone: Phone):
    assert "1-877-438-4338" in phone.text("HELP")  # no city yet: the FTC's line
    assert "When did you pay" in phone.text("was my payment in Bakersfield affected?")
    help_text = phone.text("help")
    assert "888-278-8028" in help_text, help_text  # Bakersfield's line from its notice
    assert "STOP" in help_text


def _stats(servers: Servers) -> dict:
    """`python -m bot stats --json` on the running assistant's database, as a city's IT runs it."""
    environ = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{servers.workdir / 'knowledge.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "stats", "--since", "2d", "--json"],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _delta(before: List[dict], after: List[dict], keys: Tuple[str, ...]) -> Dict[tuple, int]:
    counted = {tuple(row[k] for k in keys): row["count"] for row in before}
    changes = {}
    for row in after:
        key = tuple(row[k] for k in keys)
        if row["count"] != counted.get(key, 0):
            changes[key] = row["count"] - counted.get(key, 0)
    return changes


def test_stats_count_every_channels_checks_and_questions_exactly(phone: Phone, servers: Servers):
    from tests.e2e.conftest import Chat

    before = _stats(servers)
    for text in ("was my payment affected?", "odessa", "9/5/19", "1"):  # SMS: affected
        phone.text(text)
    chat = Chat(servers)  # REST: not affected (by phone), then a question
    for text in ("was my payment affected?", "Odessa", "September 5 2019", "by phone"):
        chat.say(text)
    chat.say("who do I call about the breach?")
    widget = _widget(servers, "web-statscountingtest")
    for text in ("was my payment affected?", "Sept 3 2019", "online with my card"):
        widget(text)
    agent = _agent(servers)  # the console: Bakersfield, affected
    agent("Bakersfield, Sept 1 2018, online with a card")
    after = _stats(servers)

    checks = _delta(before["checks"], after["checks"], ("city_id", "verdict", "channel"))
    assert checks == {
        ("odessa-tx", "affected", "sms"): 1,
        ("odessa-tx", "not_affected", "rest"): 1,
        ("odessa-tx", "affected", "widget"): 1,
        ("bakersfield-ca", "affected", "agent"): 1,
    }
    assert after["checks_total"] - before["checks_total"] == 4
    assert _delta(before["questions"], after["questions"], ("topic",)) == {("contacts",): 1}
    stored = (servers.workdir / "knowledge.db").read_bytes()
    for typed in (b"9/5/19", b"September 5 2019", b"who do I call", b"Sept 1 2018"):
        assert typed not in stored  # counted, never kept


# ---------------------------------------------------------------- in Spanish


def test_spanish_keywords_help_stop_more_and_start_answer_in_spanish(servers: Servers):
    phone = Phone(servers)
    help_text = phone.text("Ayuda")
    assert help_text.startswith("Consulta del robo de datos de Click2Gov: le dice si")
    assert "Responda STOP para salir" in help_text and re.search(r"\d{3}-\d{3}-\d{4}", help_text)
    assert phone.text("más") == "Eso es todo. Responda AYUDA para ayuda, o haga otra pregunta."
    assert "se ha dado de baja" in phone.text("PARAR")
    assert phone.text("hola") is None  # nothing at all after an opt-out
    assert phone.text("AYUDA") is None
    assert "hola de nuevo" in phone.text("inicio")
    for word in ("CANCELAR", "baja", "Alto", "STOP"):  # the carriers' words work in Spanish too
        other = Phone(servers)
        other.text("ESPAÑOL")
        assert "se ha dado de baja" in other.text(word), word
        assert other.text("odessa") is None
    english = Phone(servers)
    assert "unsubscribed" in english.text("STOP")
    assert "hola de nuevo" in english.text("Sí")  # a Spanish word: answered in Spanish


def test_a_whole_check_in_spanish_by_sms_stays_gsm_within_three_segments(servers: Servers):
    phone = Phone(servers)  # every reply is checked: GSM-7, at most 3 segments (Phone.text)
    said = phone.text("ESPAÑOL")
    assert said.startswith("Listo: desde ahora le respondo en español") and "ENGLISH" in said
    assert "¿A qué ciudad hizo el pago?" in phone.text("¿se vio afectado mi pago?")
    assert "¿Cuando hizo el pago?" in phone.text("Odessa")
    question = phone.text("3 de septiembre de 2019")
    assert "1 En linea, con tarjeta" in question and "2 Pago automatico" in question, question
    verdict = phone.text("1")
    assert phone.slot("verdict") == "affected" and phone.slot("language") == "es"
    assert "Odessa" in verdict and "1-877-438-4338" in verdict, verdict
    assert "Responda MAS para seguir." in verdict
    pages = [verdict]
    for _ in range(10):
        page = phone.text("MAS")
        if page.startswith("Eso es todo"):
            break
        pages.append(page)
    assert len(pages) > 1 and not pages[-1].endswith("Responda MAS para seguir.")
    menu = "¿Y ahora? Responda con un numero:\n1 Revisar otro pago\n2 Empezar de nuevo"
    assert pages[-1].endswith(menu), pages[-1]
    joined = "\n".join(pages)
    for english in ("Reply", "Your payment", "What to do", "Who to contact", "Checked:"):
        assert english not in joined, english
    assert phone.text("english").startswith("OK: from now on I answer in English")
