"""The privacy battery against the running servers: a conversation per generated secret through
every channel (REST, widget, SMS, agent console, Rasa's own HTTP API), then the tracker store,
every log file and every reply searched for it: nothing may be found."""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from typing import Dict, List, Tuple

import pytest

from assistant.run import WEBHOOK, Servers
from bot.ids import new_id
from tests.e2e.conftest import AGENT_PASSWORD, TOKEN, tracker_of
from tests.e2e.test_agent_console import log_in
from tests.e2e.test_sms import Phone
from tests.privacy_battery import Case, generate

pytestmark = pytest.mark.e2e


def _slashed(case: Case) -> Case:
    """The same secret typed after a "/" (Rasa reads it as a payload and warns about it)."""
    return Case(case.kind, "/" + case.message, case.needles, case.traces, case.follow)


# 6 of each form of every kind (114 cases, a card split over two messages among them), per channel
CASES = list(generate(6, seed=7))
SLASHED = [_slashed(case) for case in CASES[::6]]  # one of each form, typed after a "/"
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


def _post(url: str, body: bytes, headers: Dict[str, str]) -> str:
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.read().decode()


def rest(servers: Servers, case: Case, sender: str) -> str:
    return rest_message(servers, case.message, sender)


def rest_message(servers: Servers, message: str, sender: str) -> str:
    body = json.dumps({"sender": sender, "message": message}).encode()
    return _post(servers.rasa_url + WEBHOOK, body, {"Content-Type": "application/json"})


def widget(servers: Servers, messages: List[str]) -> str:
    sender, said = new_id("web"), []
    for message in messages:
        body = json.dumps({"sender": sender, "message": message, "city": "odessa-tx"})
        said.append(
            _post(
                servers.rasa_url + "/widget/webhook", body.encode(), {"Content-Type": "text/plain"}
            )
        )
    return "\n".join(said)


def agent(servers: Servers, messages: List[str], cookie: str) -> str:
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    conversation = json.loads(_post(servers.rasa_url + "/agent/api/new", b"{}", headers))
    said = []
    for message in messages:
        body = json.dumps({**conversation, "message": message}).encode()
        said.append(_post(servers.rasa_url + "/agent/api/message", body, headers))
    return "\n".join(said)


def api(servers: Servers, messages: List[str]) -> str:
    """Rasa's own HTTP API (token-protected), which no channel sees."""
    url = f"{servers.rasa_url}/conversations/{new_id('api')}/messages?token={TOKEN}"
    said = []
    for message in messages:
        body = json.dumps({"text": message, "sender": "user"}).encode()
        said.append(_post(url, body, {"Content-Type": "application/json"}))
    return "\n".join(said)


def sms(servers: Servers, messages: List[str]) -> str:
    phone = Phone(servers)
    return "\n".join(phone.text(message) or "" for message in messages)


def rest_conversation(servers: Servers, messages: List[str], sender: str = "") -> str:
    sender = sender or new_id("resident")
    return "\n".join(rest_message(servers, message, sender) for message in messages)


def stored_texts(servers: Servers) -> List[Tuple[str, str]]:
    """(where, text) for everything kept: every event in the tracker store, SMS state, logs."""
    found = []
    with sqlite3.connect(servers.tracker_db) as db:
        for sender, data in db.execute("SELECT sender_id, data FROM events"):
            found.append(("tracker store (sender)", sender))
            found.append(("tracker store", json.dumps(json.loads(data), ensure_ascii=False)))
    with sqlite3.connect(servers.workdir / "sms.db") as db:
        for row in db.execute("SELECT sender, pages, choices FROM sms_sessions"):
            found.append(("sms state", " ".join(row)))
    for log in sorted(servers.workdir.glob("*.log")) + sorted(servers.workdir.glob("*.out")):
        raw = log.read_text(errors="replace")
        found.append((log.name, raw))
        found.append((f"{log.name} (escapes read)", _ESCAPE.sub(" ", raw)))
    return found


def test_no_secret_survives_any_channel(servers: Servers):
    _, cookie = log_in(servers, AGENT_PASSWORD)
    replies: List[Tuple[Case, str]] = []
    for case in CASES:
        messages = case.messages
        replies.append((case, rest_conversation(servers, messages)))
        replies.append((case, widget(servers, messages)))
        replies.append((case, agent(servers, messages, cookie)))
        replies.append((case, api(servers, messages)))
        replies.append((case, sms(servers, messages)))
    for case in SLASHED:
        replies.append((case, rest_conversation(servers, case.messages)))
        replies.append((case, widget(servers, case.messages)))
    # a secret typed as the sender id itself
    for case in CASES[:6]:
        replies.append((case, rest(servers, case, case.message)))

    leaks = [f"reply: {case.message!r}" for case, said in replies if case.traced_in(said)]
    for where, text in stored_texts(servers):
        for case in CASES + SLASHED:
            if case.traced_in(text):
                leaks.append(f"{where}: {case.kind} {case.messages!r}")
    assert len(replies) == 5 * len(CASES) + 2 * len(SLASHED) + 6
    assert len(CASES) == 114 and sum(1 for c in CASES if c.follow) == 6
    assert leaks == [], "\n".join(leaks[:30])


@pytest.mark.parametrize(
    "answer",
    [
        "<svg/onload=alert(1)>",
        "online with my Visa",
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE",
        "evil-example.com",
        "I paid in Evil-example.com",
    ],
)
def test_an_answer_that_is_no_place_is_not_taken_for_a_city_nor_repeated(servers: Servers, answer):
    sender = new_id("resident")
    rest(servers, Case("x", "was my payment affected?", []), sender)
    said = rest(servers, Case("x", answer, []), sender)
    assert answer not in said and "svg" not in said and "onerror" not in said
    assert "example.com" not in said.lower()  # a web address is never repeated as a place
    found = json.loads(
        urllib.request.urlopen(
            f"{servers.rasa_url}/conversations/{sender}/tracker?token={TOKEN}", timeout=30
        ).read()
    )
    assert found["slots"]["city"] is None  # still asking which city


def test_a_place_not_on_record_is_repeated_only_as_a_clean_name(servers: Servers):
    sender = new_id("resident")
    rest(servers, Case("x", "was my payment affected?", []), sender)
    said = json.loads(rest(servers, Case("x", "Springfield", []), sender))
    rest(servers, Case("x", "June 2018", []), sender)
    said = json.loads(rest(servers, Case("x", "online with my card", []), sender))
    text = " ".join(m.get("text", "") for m in said)
    assert "no Click2Gov incident on record for Springfield" in text


def test_the_action_server_is_on_loopback_and_needs_its_token_when_exposed(tmp_path):
    import os
    import subprocess
    import sys
    import time

    from assistant.run import free_port
    from bot.settings import PROJECT_ROOT

    # Exposed without a token: refused at start.
    exposed = {**os.environ, "BOT_ACTION_HOST": "0.0.0.0", "BOT_ACTION_TOKEN": ""}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.action_server", "--port", str(free_port())],
        cwd=PROJECT_ROOT,
        env=exposed,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "BOT_ACTION_TOKEN" in done.stderr

    # With a token: only calls carrying it are answered; /health stays open.
    port = free_port()
    secured = {**os.environ, "BOT_ACTION_HOST": "0.0.0.0", "BOT_ACTION_TOKEN": "s3cret-token"}
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.action_server", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=secured,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for path, body in (
            ("/actions", None),
            ("/webhook", b'{"next_action": "action_run_check"}'),
        ):
            request = urllib.request.Request(base + path, data=body)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 401
        request = urllib.request.Request(
            base + "/actions", headers={"X-Action-Token": "s3cret-token"}
        )
        names = [a["name"] for a in json.loads(urllib.request.urlopen(request, timeout=10).read())]
        assert "action_run_check" in names
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_action_server_listens_on_loopback_by_default(servers: Servers):
    action_port = urllib.parse.urlparse(servers.action_url).port
    with open("/proc/net/tcp") as table:
        listening = table.read().lower()
    loopback = f"0100007f:{action_port:04x}"
    anywhere = f"00000000:{action_port:04x}"
    assert loopback in listening and anywhere not in listening


def test_without_a_configured_token_the_action_server_still_needs_the_runs_own(servers: Servers):
    for path in ("/actions", "/webhook"):
        request = urllib.request.Request(
            servers.action_url + path, data=b"{}" if path == "/webhook" else None
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401, path  # another program on the machine is refused
    with urllib.request.urlopen(servers.action_url + "/health", timeout=10) as reply:
        assert reply.status == 200


def test_a_rest_client_cannot_reach_another_channels_conversation(servers: Servers):
    """The REST channel lets a client choose its sender id: naming a console caller's (or a
    widget's) conversation id opens a conversation of its own, never that one."""
    _, cookie = log_in(servers, AGENT_PASSWORD)
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    conversation = json.loads(_post(servers.rasa_url + "/agent/api/new", b"{}", headers))
    body = json.dumps({**conversation, "message": "was my payment affected?"}).encode()
    _post(servers.rasa_url + "/agent/api/message", body, headers)
    caller = conversation["conversation"]
    before = tracker_of(servers, caller)["events"]

    rest_message(servers, "Odessa", caller)
    assert tracker_of(servers, caller)["events"] == before  # the caller's check is not touched
    moved = tracker_of(servers, f"rest_redacted-{caller}")["events"]
    assert any(e.get("event") == "user" and e.get("text") == "Odessa" for e in moved)
    web = new_id("web")
    widget_body = json.dumps({"sender": web, "message": "was my payment affected?"}).encode()
    _post(servers.rasa_url + "/widget/webhook", widget_body, {"Content-Type": "text/plain"})
    before = tracker_of(servers, web)["events"]
    rest_message(servers, "Odessa", web)
    assert tracker_of(servers, web)["events"] == before
