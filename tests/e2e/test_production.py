"""The production deployment on this machine's PostgreSQL and Redis: two Rasa servers behind nginx,
any instance serving any turn; its faults; a knowledge reload while it serves."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import redis
from sqlalchemy import create_engine, text

from assistant.run import WEBHOOK, Servers, latest_model, start_servers
from bot.ids import new_id
from bot.knowledge.store import load_folder, make_engine
from bot.postgres import fresh_postgres_database
from scripts.bench import Checks, load, verify
from tests.conftest import KNOWLEDGE_DIR, knowledge_with_odessa_update
from tests.e2e.conftest import TOKEN

pytestmark = [pytest.mark.e2e, pytest.mark.production]

SERVER = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
DATABASE = SERVER.rsplit("/", 1)[0] + "/click2gov_e2e_production"
REDIS = "redis://127.0.0.1:6379/13"
AGENT_PASSWORD = "two instances, one lockout"
PER_ADDRESS = 12


def _reachable() -> str:
    try:
        with create_engine(SERVER).connect():
            pass
    except Exception as error:  # noqa: BLE001
        return f"PostgreSQL at {SERVER} is not reachable ({type(error).__name__})"
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS} is not reachable ({type(error).__name__})"
    if not Path("/usr/sbin/nginx").exists():
        return "nginx is not installed: run `make production-deps` (make test does it)"
    return ""


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    missing = _reachable()
    if missing:
        pytest.skip(missing)
    model = latest_model()
    if model is None:
        pytest.fail("no trained model in models/: run `make train`")
    workdir = tmp_path_factory.mktemp("production")
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        "BOT_DEPLOYMENT": "production",
        "BOT_DATABASE_URL": fresh_postgres_database(DATABASE),
        "BOT_REDIS_URL": REDIS,
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "BOT_KNOWLEDGE_RECHECK_SECONDS": "0.2",
        "BOT_SMS_AUTH_TOKEN": "",
        "BOT_AGENT_PASSWORD": AGENT_PASSWORD,
        "BOT_RATE_LIMIT_PER_ADDRESS": str(PER_ADDRESS),
    }
    running = start_servers(model, workdir, env=env, token=TOKEN)
    yield running
    running.stop()


def post(url: str, sender: str, message: str) -> Tuple[int, List[Dict], str]:
    request = urllib.request.Request(
        url + WEBHOOK,
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.status, json.loads(reply.read()), reply.headers.get("X-Served-By", "")


def tracker(servers: Servers, sender: str, instance: int = 0) -> Dict:
    url = f"{servers.instances[instance]}/conversations/{sender}/tracker?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=30) as reply:
        return json.loads(reply.read())


def user_texts(found: Dict) -> List[str]:
    return [e["text"] for e in found["events"] if e["event"] == "user"]


CHECK = ("was my payment affected?", "Odessa", "Sept 3 2019", "online with my Visa")


def test_any_instance_serves_any_turn_and_the_conversation_is_whole(production: Servers):
    sender = new_id("prod")
    served = set()
    for message in CHECK:
        status, replies, upstream = post(production.rasa_url, sender, message)
        assert status == 200 and replies
        served.add(upstream)
    assert [m.name for m in production.processes] == ["actions", "rasa-1", "rasa-2", "nginx"]
    assert len(served) == 2, served  # turns of one conversation went to both Rasa servers
    for instance in (0, 1):  # and either reads the same conversation
        found = tracker(production, sender, instance)
        assert user_texts(found) == list(CHECK)
        assert found["slots"]["verdict"] == "affected"


def in_a_thread(coroutine):
    """asyncio.run in a thread of its own (the browser tests' Playwright holds this one's loop)."""
    result = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    worker.start()
    worker.join()
    return result[0]


def test_a_short_load_loses_and_reorders_nothing(production: Servers):
    checks = Checks(count=300, seed=7)  # random checks, each with the library's verdict
    run, _ = in_a_thread(load(production.rasa_url + WEBHOOK, 8, 5, checks=checks))
    broken, wrong = in_a_thread(verify(production.instances[0], run, TOKEN))
    # correctness only: a rate belongs in `make bench`, never in a test a busy machine can fail
    assert run.errors == 0 and wrong == 0 and broken == 0


def test_two_turns_of_one_conversation_at_the_same_moment_do_not_interleave(production: Servers):
    for _ in range(8):
        sender = new_id("race")
        post(production.instances[0], sender, "was my payment affected?")
        threads = [
            threading.Thread(target=post, args=(production.instances[i], sender, text))
            for i, text in ((0, "Odessa"), (1, "Sept 3 2019"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        events = tracker(production, sender)["events"]
        users = [i for i, e in enumerate(events) if e["event"] == "user"]
        assert len(users) == 3
        for index in users[1:]:  # each turn began after the previous one ended
            before = events[index - 1]
            assert before["event"] == "action" and before["name"] == "action_listen", events


def test_dropped_database_connections_do_not_lose_the_conversation(production: Servers):
    sender = new_id("pg")
    post(production.rasa_url, sender, CHECK[0])
    post(production.rasa_url, sender, CHECK[1])
    name = DATABASE.rsplit("/", 1)[1]
    with create_engine(SERVER, isolation_level="AUTOCOMMIT").connect() as admin:
        admin.execute(  # what a PostgreSQL restart does to every pooled connection
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
    for message in CHECK[2:]:
        status, replies, _ = post(production.rasa_url, sender, message)
        assert status == 200 and "Sorry, something went wrong" not in json.dumps(replies)
    found = tracker(production, sender)
    assert user_texts(found) == list(CHECK) and found["slots"]["verdict"] == "affected"


def test_a_database_outage_gets_an_apology_and_forks_nothing(production: Servers):
    sender = new_id("down")
    post(production.rasa_url, sender, CHECK[0])
    post(production.rasa_url, sender, CHECK[1])
    name = DATABASE.rsplit("/", 1)[1]
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
    try:
        status, replies, _ = post(production.rasa_url, sender, CHECK[2])
        assert status == 200  # never an error page
        assert (
            "something went wrong" in replies[0]["text"] and "1-877-438-4338" in replies[0]["text"]
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    status, replies, _ = post(production.rasa_url, sender, CHECK[2])
    assert any("How did you pay" in (r.get("text") or "") for r in replies), replies
    post(production.rasa_url, sender, CHECK[3])
    found = tracker(production, sender)
    assert found["slots"]["city"]["id"] == "odessa-tx"  # the conversation went on where it was
    assert found["slots"]["verdict"] == "affected"


def test_a_knowledge_reload_while_serving_gives_whole_answers(production: Servers, tmp_path):
    later = knowledge_with_odessa_update(tmp_path / "later")
    old = ("not affected", "August 27, 2019 and October 14, 2019")
    new = ("was affected", "between August 27, 2019 and December 31, 2019")
    engine = make_engine(DATABASE)
    stop = threading.Event()

    def reload_repeatedly() -> None:
        folders = [later, KNOWLEDGE_DIR]
        while not stop.is_set():
            load_folder(engine, folders[0])
            folders.reverse()
            time.sleep(0.3)

    reloader = threading.Thread(target=reload_repeatedly)
    reloader.start()
    seen = set()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(seen) < 2:
            sender = new_id("reload")
            _, replies, _ = post(
                production.rasa_url, sender, "Odessa, online with my Visa on Nov 20 2019"
            )
            first = replies[0]["text"]
            kind = "old" if old[0] in first else "new"
            words = old if kind == "old" else new
            assert words[1] in first, first  # the reason is from the same load as the verdict
            seen.add(kind)
    finally:
        stop.set()
        reloader.join()
        load_folder(engine, KNOWLEDGE_DIR)
    assert seen == {"old", "new"}  # both loads were served while reloading


def _http(url: str, data: bytes = b"", headers: Dict[str, str] = None, method: str = "POST"):
    """(status, headers, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    request = urllib.request.Request(url, data=data if method == "POST" else None, method=method)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as reply:
            return reply.status, reply.headers, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def log_in(instance: str, password: str, client: str, proto: str = "http"):
    """A login as it arrives from the TLS front: the client's address and scheme forwarded."""
    body = urllib.parse.urlencode({"password": password}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": client,
        "X-Forwarded-Proto": proto,
    }
    status, reply_headers, _ = _http(f"{instance}/agent/login", body, headers)
    cookie = reply_headers.get("Set-Cookie", "") or ""
    return status, cookie


def test_lockouts_and_revocations_are_shared_by_the_instances(production: Servers):
    one, two = production.instances
    for _ in range(5):  # five wrong passwords from one client, at the first server
        assert log_in(one, "not it", "203.0.113.7")[0] == 401
    assert log_in(two, AGENT_PASSWORD, "203.0.113.7")[0] == 429  # locked at the second too
    status, cookie = log_in(two, AGENT_PASSWORD, "198.51.100.9")  # another client is not
    assert status == 303 and cookie.startswith("agent_session=")
    assert "secure" not in cookie.lower()  # plain HTTP at the front: no Secure flag
    session = cookie.split(";")[0]
    assert _http(f"{one}/agent/", headers={"Cookie": session}, method="GET")[0] == 200
    assert _http(f"{one}/agent/logout", headers={"Cookie": session})[0] == 303
    assert _http(f"{two}/agent/", headers={"Cookie": session}, method="GET")[0] == 401


def test_behind_tls_the_session_cookie_is_secure(production: Servers):
    status, cookie = log_in(production.instances[0], AGENT_PASSWORD, "198.51.100.10", "https")
    assert status == 303 and "secure" in cookie.lower()


def test_the_rate_limits_count_across_the_instances(production: Servers):
    one, two = production.instances
    sender = new_id("rate")
    texts = []
    for i in range(21):  # one sender, 21 messages within a minute, alternating servers
        _, replies, _ = post((one, two)[i % 2], sender, "hello")
        texts.append(" ".join(r.get("text") or "" for r in replies))
    assert all("faster than I can answer" not in t for t in texts[:20])
    assert "faster than I can answer" in texts[20]

    def widget(instance: str, client: str, number: int) -> str:
        body = json.dumps(
            {"sender": f"web-{client.replace('.', '')}{number:04d}x", "message": "hi"}
        )
        status, _, reply = _http(
            f"{instance}/widget/webhook",
            body.encode(),
            {"Content-Type": "text/plain", "X-Forwarded-For": client},
        )
        assert status == 200, reply
        return " ".join(m.get("text") or "" for m in json.loads(reply)["messages"])

    # new sender ids every time from one address: limited by address all the same
    said = [widget((one, two)[i % 2], "192.0.2.50", i) for i in range(PER_ADDRESS + 1)]
    assert all("faster than I can answer" not in t for t in said[:PER_ADDRESS])
    assert "faster than I can answer" in said[PER_ADDRESS]
    assert "faster than I can answer" not in widget(one, "192.0.2.51", 0)  # another address


def test_quick_texts_to_either_instance_are_handled_in_the_order_they_came(production: Servers):
    texts = ["Odessa", "Sept 3 2019", "online with my Visa", "thanks"]
    for _ in range(4):
        sender = new_id("order")
        post(production.instances[0], sender, "was my payment affected?")
        threads = []
        for i, said in enumerate(texts):  # a resident typing fast; the balancer alternating
            thread = threading.Thread(target=post, args=(production.instances[i % 2], sender, said))
            thread.start()
            threads.append(thread)
            time.sleep(0.015)
        for thread in threads:
            thread.join()
        assert user_texts(tracker(production, sender))[1:] == texts  # the order they were sent
