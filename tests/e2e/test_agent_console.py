"""The support-agent console against the running servers: the login (401 everywhere without it),
and a whole guided call in headless Chromium by keyboard."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Dict, Iterator, Optional, Tuple

import pytest
from playwright.sync_api import Browser, Page, expect

from assistant.run import Servers
from bot.settings import PROJECT_ROOT
from tests.e2e.conftest import AGENT_PASSWORD, serious_violations, tracker_of

pytestmark = pytest.mark.e2e

RESULTS = PROJECT_ROOT / "results"
CARD = re.compile(r"4111\D{0,3}1111\D{0,3}1111\D{0,3}1111")
ROUTES = [
    ("GET", "/agent/"),
    ("GET", "/agent/console.js"),
    ("GET", "/agent/console.css"),
    ("POST", "/agent/api/new"),
    ("POST", "/agent/api/message"),
    ("POST", "/agent/logout"),
]


def call(
    servers: Servers, method: str, path: str, body: bytes = b"", cookie: Optional[str] = None
) -> Tuple[int, str, Dict[str, str]]:
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(
        servers.rasa_url + path, data=body if method == "POST" else None, headers=headers
    )
    request.method = method
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as reply:
            return reply.status, reply.read().decode(), dict(reply.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def log_in(servers: Servers, password: str) -> Tuple[int, Optional[str]]:
    request = urllib.request.Request(
        servers.rasa_url + "/agent/login",
        data=urllib.parse.urlencode({"password": password}).encode(),
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as reply:
            status, headers = reply.status, reply.headers
    except urllib.error.HTTPError as error:
        status, headers = error.code, error.headers
    cookie = headers.get("Set-Cookie", "")
    return status, cookie.split(";")[0] if cookie.startswith("agent_session=") else None


@pytest.mark.parametrize("method, path", ROUTES)
def test_every_agent_route_needs_a_login(servers: Servers, method, path):
    conversation = "agent-" + "a" * 24
    body = json.dumps({"conversation": conversation, "message": "was my payment affected?"})
    for cookie in (None, "agent_session=1999999999.forged.0000", "agent_session=garbage"):
        status, _, _ = call(servers, method, path, body.encode(), cookie)
        assert status == 401, (method, path, cookie)
    events = tracker_of(servers, conversation).get("events") or []
    assert [e for e in events if e["event"] == "user"] == []  # no conversation was created


def test_a_wrong_password_is_refused_and_the_right_one_works(servers: Servers):
    assert log_in(servers, "not the password") == (401, None)
    assert log_in(servers, "")[0] == 401
    status, cookie = log_in(servers, AGENT_PASSWORD)
    assert status == 303 and cookie
    assert call(servers, "GET", "/agent/", cookie=cookie)[0] == 200
    status, body, headers = call(servers, "POST", "/agent/api/new", b"{}", cookie)
    assert status == 200 and re.match(r"^agent-[a-z2-7]{24}$", json.loads(body)["conversation"])
    assert "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")


def test_log_out_ends_the_session(servers: Servers):
    _, cookie = log_in(servers, AGENT_PASSWORD)
    assert call(servers, "POST", "/agent/logout", b"", cookie)[0] == 303
    assert call(servers, "GET", "/agent/", cookie=cookie)[0] == 401  # the old cookie is dead


@pytest.fixture
def console(browser: Browser, servers: Servers) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=servers.rasa_url)
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/agent/")
    yield page
    context.close()


def say(page: Page, text: str, expected: str) -> None:
    """Type what the caller says into the focused box, press Enter, wait for the next prompt."""
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator("#prompt")).to_contain_text(expected)
    expect(page.locator("#said")).to_be_focused()


def test_a_guided_call_by_keyboard(console: Page, servers: Servers):
    page = console
    assert serious_violations(page) == []  # the login page
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(AGENT_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#said")).to_be_focused()

    page.keyboard.press("Alt+N")  # a new caller
    expect(page.locator("#prompt")).to_contain_text("Ask the caller")
    say(page, "was my payment affected?", "Ask the caller: Which city did you pay?")
    assert page.locator("#prompt").inner_text().startswith("Ask the caller:")  # channel: agent
    say(page, "Midwest City", "Ask the caller: When did you make the payment?")
    say(page, "the card is 4111 1111 1111 1111", "card number was removed")
    say(page, "June 1 2018", "Ask the caller: How did you pay?")
    expect(page.locator("#choices button").first).to_contain_text("Alt+1")
    page.keyboard.press("Alt+1")  # "Online, by card"

    result = page.locator("#result")
    expect(result).to_be_visible()
    expect(page.locator("#verdict")).to_contain_text("Your payment was affected")
    expect(page.locator("#reason")).to_contain_text("between May 25, 2018 and June 21, 2018")
    expect(page.locator("#notice")).to_contain_text(
        'City of Midwest City, "Update on Data Breach", posted July 24, 2018'
    )
    expect(page.locator("#quotes")).not_to_contain_text(".txt")
    expect(page.locator("#quotes")).to_contain_text(
        "identified transactions from May 25 through June 21 were compromised"
    )
    expect(page.locator("#steps li").first).to_be_visible()
    expect(page.locator("#numbers")).to_contain_text("1-877-841-8141")
    assert serious_violations(page) == []  # the console with a whole call
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "agent-console.png"), full_page=True)

    page.keyboard.press("Alt+C")
    expect(page.locator("#copied")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Verdict: Your payment was affected (affected)" in copied
    assert "City: Midwest City, OK" in copied and "June 1, 2018" in copied
    assert "Steps given:" in copied and "Time: " in copied
    assert not CARD.search(copied) and not CARD.search(page.content())
    conversation = page.evaluate("JSON.parse(sessionStorage.getItem('agent-console')).conversation")
    assert tracker_of(servers, conversation)["slots"]["verdict"] == "affected"
    assert not CARD.search(json.dumps(tracker_of(servers, conversation)))

    page.keyboard.press("Alt+N")  # the next caller starts clean
    expect(page.locator("#result")).to_be_hidden()
    expect(page.locator("#prompt")).to_contain_text("Ask the caller")
    assert "Midwest City" not in page.locator("#log").inner_text()
    fresh = page.evaluate("JSON.parse(sessionStorage.getItem('agent-console')).conversation")
    assert fresh != conversation
    assert tracker_of(servers, fresh)["slots"]["city"] is None
