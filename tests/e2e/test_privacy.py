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
from tests.e2e.conftest import AGENT_PASSWORD, TOKEN
from tests.e2e.test_agent_console import log_in
from tests.e2e.test_sms import Phone
from tests.privacy_battery import Case, generate

pytestmark = pytest.mark.e2e

CASES = list(generate(6, seed=7))  # 6 of each of the 8 kinds, per channel
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


def _post(url: str, body: bytes, headers: Dict[str, str]) -> str:
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.read().decode()


def rest(servers: Servers, case: Case, sender: str) -> str:
    body = json.dumps({"sender": sender, "message": case.message}).encode()
    return _post(servers.rasa_url + WEBHOOK, body, {"Content-Type": "application/json"})


def widget(servers: Servers, case: Case) -> str:
    body = json.dumps({"sender": new_id("web"), "message": case.message, "city": "odessa-tx"})
    return _post(
        servers.rasa_url + "/widget/webhook", body.encode(), {"Content-Type": "text/plain"}
    )


def agent(servers: Servers, case: Case, cookie: str) -> str:
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    conversation = json.loads(_post(servers.rasa_url + "/agent/api/new", b"{}", headers))
    body = json.dumps({**conversation, "message": case.message}).encode()
    return _post(servers.rasa_url + "/agent/api/message", body, headers)


def api(servers: Servers, case: Case) -> str:
    """Rasa's own HTTP API (token-protected), which no channel sees."""
    body = json.dumps({"text": case.message, "sender": "user"}).encode()
    url = f"{servers.rasa_url}/conversations/{new_id('api')}/messages?token={TOKEN}"
    return _post(url, body, {"Content-Type": "application/json"})


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
    for log in ("rasa.log", "rasa.out", "actions.log"):
        raw = (servers.workdir / log).read_text(errors="replace")
        found.append((log, raw))
        found.append((f"{log} (escapes read)", _ESCAPE.sub(" ", raw)))
    return found


def test_no_secret_survives_any_channel(servers: Servers):
    _, cookie = log_in(servers, AGENT_PASSWORD)
    replies: List[Tuple[Case, str]] = []
    for case in CASES:
        replies.append((case, rest(servers, case, new_id("resident"))))
        replies.append((case, widget(servers, case)))
        replies.append((case, agent(servers, case, cookie)))
        replies.append((case, api(servers, case)))
        phone = Phone(servers)
        replies.append((case, phone.text(case.message) or ""))
    # a secret typed as the sender id itself
    for case in CASES[:6]:
        replies.append((case, rest(servers, case, case.message)))

    leaks = [f"reply: {case.message!r}" for case, said in replies if case.traced_in(said)]
    for where, text in stored_texts(servers):
        for case in CASES:
            if case.traced_in(text):
                leaks.append(f"{where}: {case.kind} {case.message!r}")
    assert len(replies) == 5 * len(CASES) + 6
    assert leaks == [], "\n".join(leaks[:30])


@pytest.mark.parametrize(
    "answer",
    [
        "<svg/onload=alert(1)>",
        "online with my Visa",
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE",
    ],
)
def test_an_answer_that_is_no_place_is_not_taken_for_a_city_nor_repeated(servers: Servers, answer):
    sender = new_id("resident")
    rest(servers, Case("x", "was my payment affected?", []), sender)
    said = rest(servers, Case("x", answer, []), sender)
    assert answer not in said and "svg" not in said and "onerror" not in said
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
