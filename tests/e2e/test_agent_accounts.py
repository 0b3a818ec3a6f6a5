"""Agents with their own accounts (`python -m bot agents add`), on servers of their own: the shared
password no longer opens the console, each summary and audit line names the agent, lockouts count
per account and per client, and only supervisors see the usage page — whose figures are exactly
this test's conversations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator, Optional, Tuple

import pytest
from playwright.sync_api import Browser, Page, expect

from assistant.run import Servers, latest_model, start_servers
from bot.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE_DIR
from tests.e2e.conftest import SMS_SECRET, SMS_TOKEN, TOKEN, serious_violations

pytestmark = pytest.mark.e2e

SHARED = "the old shared console password"
AGENT, AGENT_PASSWORD = "an-agent", "an agent's own passphrase"
SUPERVISOR, SUPERVISOR_PASSWORD = "a-supervisor", "a supervisor's own passphrase"
RESULTS = PROJECT_ROOT / "results"


def bot_agents(workdir: Path, *args: str, password: str = "") -> subprocess.CompletedProcess:
    """`python -m bot agents ...` as a city's IT runs it, on these servers' database."""
    environ = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{workdir / 'knowledge.db'}"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "agents", *args],
        input=password + "\n",
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    model = latest_model()
    if model is None:
        pytest.fail("no trained model in models/: run `make train`")
    workdir = tmp_path_factory.mktemp("accounts")
    env = {
        "BOT_DATABASE_URL": f"sqlite:///{workdir / 'knowledge.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "BOT_TRACKER_DB": str(workdir / "trackers.db"),
        "BOT_SMS_AUTH_TOKEN": SMS_TOKEN,
        "BOT_SMS_SENDER_SECRET": SMS_SECRET,
        "BOT_SMS_DATABASE_URL": f"sqlite:///{workdir / 'sms.db'}",
        "BOT_AGENT_PASSWORD": SHARED,
    }
    running = start_servers(model, workdir, env=env, token=TOKEN)
    assert bot_agents(workdir, "add", AGENT, password=AGENT_PASSWORD).returncode == 0
    done = bot_agents(
        workdir, "add", SUPERVISOR, "--role", "supervisor", password=SUPERVISOR_PASSWORD
    )
    assert done.returncode == 0, done.stderr
    yield running
    running.stop()


def log_in(
    servers: Servers, name: str, password: str, client: str = "198.51.100.1"
) -> Tuple[int, Optional[str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    request = urllib.request.Request(
        servers.rasa_url + "/agent/login",
        data=urllib.parse.urlencode({"name": name, "password": password}).encode(),
        headers={"X-Forwarded-For": client},
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as reply:
            status, headers = reply.status, reply.headers
    except urllib.error.HTTPError as error:
        status, headers = error.code, error.headers
    cookie = headers.get("Set-Cookie", "")
    return status, cookie.split(";")[0] if cookie.startswith("agent_session=") else None


def get(servers: Servers, path: str, cookie: str) -> Tuple[int, str]:
    request = urllib.request.Request(servers.rasa_url + path, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def page_log_in(page: Page, servers: Servers, name: str, password: str) -> None:
    page.goto(f"{servers.rasa_url}/agent/")
    expect(page.locator("#name")).to_be_focused()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.locator("#said")).to_be_focused()


def test_the_shared_password_no_longer_opens_the_console(named: Servers):
    assert log_in(named, "", SHARED)[0] == 401
    assert log_in(named, AGENT, SHARED)[0] == 401
    status, cookie = log_in(named, AGENT, AGENT_PASSWORD)
    assert status == 303 and cookie
    assert json.loads(get(named, "/agent/api/me", cookie)[1]) == {"agent": AGENT, "role": "agent"}
    assert get(named, "/agent/stats", cookie)[0] == 403  # for supervisors only


def test_a_call_names_its_agent_in_the_summary_and_the_audit(browser: Browser, named: Servers):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_log_in(page, named, AGENT, AGENT_PASSWORD)
    expect(page.locator("#usage")).to_be_hidden()
    page.keyboard.type("she paid the Odessa water bill online on Sept 3 2019 with her Visa")
    page.keyboard.press("Enter")
    expect(page.locator("#verdict")).to_contain_text("The caller's payment was affected")
    expect(page.locator("#agent-name")).to_have_value(AGENT)
    assert page.locator("#agent-name").evaluate("e => e.readOnly")
    assert f"Agent: {AGENT}" in page.locator("#summary").input_value()
    context.close()
    written = "".join(
        p.read_text(errors="replace") for p in named.workdir.glob("rasa.*") if p.is_file()
    )
    turns = [line for line in written.splitlines() if '"agent.turn"' in line]
    assert turns and all(f'"agent": "{AGENT}"' in line for line in turns)
    assert "water bill" not in "".join(turns)  # who handled the call, never what was said
    assert any('"agent.login"' in line and SUPERVISOR not in line for line in written.splitlines())


def test_lockouts_count_per_account_and_per_client(named: Servers):
    for _ in range(5):
        assert log_in(named, SUPERVISOR, "guessing", client="203.0.113.9")[0] == 401
    # the account is locked from anywhere, the guessing client for any account
    assert log_in(named, SUPERVISOR, SUPERVISOR_PASSWORD, client="198.51.100.77")[0] == 429
    assert log_in(named, AGENT, AGENT_PASSWORD, client="203.0.113.9")[0] == 429
    assert log_in(named, AGENT, AGENT_PASSWORD, client="198.51.100.78")[0] == 303


def test_the_supervisors_page_shows_exactly_what_residents_did(browser: Browser, named: Servers):
    def rest(sender: str, text: str) -> None:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{named.rasa_url}/webhooks/rest_redacted/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=60).read()

    from tests.e2e.test_sms import Phone, _widget

    for text in ("was my payment affected?", "Odessa", "Sept 5 2019", "by phone"):
        rest("stats-resident-1", text)
    rest("stats-resident-2", "what data was taken in Bakersfield?")
    phone = Phone(named)  # a resident texting: Midwest City, may have been affected
    for text in ("was my payment affected?", "Midwest City", "March 2 2018", "online card"):
        phone.text(text)
    widget = _widget(named, "web-supervisorpagecount")  # on a city page: Odessa, affected
    for text in ("was my payment affected?", "Sept 3 2019", "online with my card"):
        widget(text)
    done = bot_agents(
        named.workdir,
        "add",
        "a-second-supervisor",
        "--role",
        "supervisor",
        password="yet another passphrase",
    )
    assert done.returncode == 0
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_log_in(page, named, "a-second-supervisor", "yet another passphrase")
    expect(page.locator("#usage")).to_be_visible()
    page.locator("#usage").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/agent/stats")
    tables = page.locator("table").all_inner_texts()
    # exactly this module's checks, one in each channel: the console's call above, and these
    assert "Checks: 4" in tables[0]
    assert "odessa-tx\taffected\tagent\t1" in tables[0]
    assert "odessa-tx\tnot_affected\trest\t1" in tables[0]
    assert "midwest-city-ok\tpossibly_affected\tsms\t1" in tables[0]
    assert "odessa-tx\taffected\twidget\t1" in tables[0]
    assert "data_exposed\t1" in tables[1]
    assert page.locator("svg[role=img] rect").count() == 7
    assert serious_violations(page) == []
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "agent-usage-1280.png"), full_page=True)
    context.close()


def test_removing_an_agent_ends_their_session(named: Servers):
    assert (
        bot_agents(
            named.workdir, "add", "leaving-agent", password="a passphrase to forget"
        ).returncode
        == 0
    )
    status, cookie = log_in(
        named, "leaving-agent", "a passphrase to forget", client="198.51.100.90"
    )
    assert status == 303
    assert get(named, "/agent/api/me", cookie)[0] == 200
    assert bot_agents(named.workdir, "remove", "leaving-agent").returncode == 0
    assert get(named, "/agent/api/me", cookie)[0] == 401
