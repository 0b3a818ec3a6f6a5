"""Faults and hostile input against real servers: the action server down or slow, a crashed
server restarted by the supervisor behind `make run`, and messages no resident should send."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Dict, Iterator, List, Tuple

import pytest

from assistant.run import WEBHOOK, Servers, free_port, latest_model, start_servers
from bot.ids import new_id
from bot.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE_DIR
from tests.e2e.conftest import TOKEN, tracker_of

pytestmark = pytest.mark.e2e


def post(url: str, sender: str, message: str, timeout: float = 60) -> Tuple[int, List[Dict]]:
    request = urllib.request.Request(
        url + WEBHOOK,
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return reply.status, json.loads(reply.read())


def texts(replies: List[Dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.fixture(scope="module")
def fragile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """A deployment of this module's own, whose action server the tests stop and start."""
    workdir = tmp_path_factory.mktemp("fragile")
    env = {
        "BOT_DATABASE_URL": f"sqlite:///{workdir / 'knowledge.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "BOT_TRACKER_DB": str(workdir / "trackers.db"),
        "BOT_ACTION_TIMEOUT_SECONDS": "2",
    }
    running = start_servers(latest_model(), workdir, env=env, token=TOKEN)
    yield running
    running.stop()


def test_the_action_server_down_gets_an_apology_with_a_number(fragile: Servers):
    actions = fragile.managed("actions")
    actions.stop()
    try:
        status, replies = post(fragile.rasa_url, new_id("down"), "was my payment affected?")
        assert status == 200
        said = texts(replies)
        assert "can't check payments right now" in said and "1-877-438-4338" in said
        assert said.count("can't check payments right now") == 1  # once, however many failed
    finally:
        actions.start()
        actions.wait_until_up()
    status, replies = post(fragile.rasa_url, new_id("up"), "was my payment affected?")
    assert "Which city" in texts(replies)


def test_a_hanging_action_server_times_out_into_an_apology(fragile: Servers):
    actions = fragile.managed("actions")
    os.kill(actions.pid, signal.SIGSTOP)  # it accepts connections but never answers
    try:
        started = time.monotonic()
        status, replies = post(fragile.rasa_url, new_id("slow"), "was my payment affected?")
        waited = time.monotonic() - started
        assert status == 200 and "can't check payments right now" in texts(replies)
        assert waited < 15  # BOT_ACTION_TIMEOUT_SECONDS, not Rasa's 300 s
    finally:
        os.kill(actions.pid, signal.SIGCONT)
    time.sleep(1)
    status, replies = post(fragile.rasa_url, new_id("back"), "was my payment affected?")
    assert "Which city" in texts(replies)


def test_the_supervisor_restarts_a_crashed_server(tmp_path):
    rasa_port, action_port = free_port(), free_port()
    environ = {
        **os.environ,
        "BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'knowledge.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "BOT_TRACKER_DB": str(tmp_path / "trackers.db"),
    }
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "serve",
            "--port",
            str(rasa_port),
            "--action-port",
            str(action_port),
        ],
        cwd=PROJECT_ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        for line in serve.stdout:
            lines.append(line)
            if "Press Ctrl-C" in line:
                break
        pids = dict(re.findall(r"(\w[\w-]*) pid (\d+)", "".join(lines)))
        assert {"actions", "rasa"} <= set(pids), lines
        os.kill(int(pids["actions"]), signal.SIGKILL)
        url = f"http://127.0.0.1:{rasa_port}"
        deadline = time.monotonic() + 60
        replies: List[Dict] = []
        while time.monotonic() < deadline:
            time.sleep(1)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{action_port}/health", timeout=2):
                    break
            except OSError:
                continue
        status, replies = post(url, new_id("after"), "was my payment affected?")
        assert "Which city" in texts(replies)
        assert serve.poll() is None  # the supervisor and the Rasa server went on
        with open(f"/proc/{pids['rasa']}/status") as rasa:
            assert "State" in rasa.read()  # the same Rasa process, never restarted
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


def test_a_message_over_the_cap_is_answered_politely_and_not_processed(servers: Servers):
    sender = new_id("long")
    status, replies = post(servers.rasa_url, sender, "Odessa " * 20_000)  # 140,000 characters
    assert status == 200 and "too long" in texts(replies)
    events = tracker_of(servers, sender).get("events") or []
    assert [e for e in events if e["event"] == "user"] == []


def test_an_empty_message_never_starts_a_check(servers: Servers):
    sender = new_id("empty")
    for message in ("", "   ", "\n\t "):
        status, replies = post(servers.rasa_url, sender, message)
        assert status == 200 and "Please type a message" in texts(replies)
    found = tracker_of(servers, sender)
    assert not (found.get("active_loop") or {}).get("name")
    assert [e for e in found.get("events") or [] if e["event"] == "user"] == []


def test_a_sender_flooding_the_assistant_is_asked_to_wait(servers: Servers):
    sender = new_id("flood")
    answers = [texts(post(servers.rasa_url, sender, "hello")[1]) for _ in range(24)]
    assert any("faster than I can answer" in a for a in answers[20:])
    assert not any("faster than I can answer" in a for a in answers[:20])
    other = new_id("calm")
    assert "faster" not in texts(post(servers.rasa_url, other, "hello")[1])  # per sender


@pytest.mark.parametrize(
    "path, body, content_type",
    [
        (WEBHOOK, b"not json", "application/json"),
        (WEBHOOK, b'{"sender": 5, "message": []}', "application/json"),
        (WEBHOOK, b"\xff\xfe\x00binary", "application/octet-stream"),
        (WEBHOOK, json.dumps({"sender": "x" * 5000, "message": "hi"}).encode(), "application/json"),
        ("/widget/webhook", b"{", "text/plain"),
        (
            "/widget/webhook",
            json.dumps({"sender": "web-12345678", "message": None}).encode(),
            "text/plain",
        ),
        ("/webhooks/sms/webhook", b"From=%2B1555&Body=hi", "application/x-www-form-urlencoded"),
        ("/agent/api/message", b"[]", "application/json"),
    ],
)
def test_no_input_gets_a_server_error(servers: Servers, path, body, content_type):
    request = urllib.request.Request(
        servers.rasa_url + path, data=body, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            status = reply.status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status < 500, (path, body[:40], status)
