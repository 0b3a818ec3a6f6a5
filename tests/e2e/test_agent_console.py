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


def log_in_page(page: Page) -> None:
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(AGENT_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#said")).to_be_focused()


def stored_call(page: Page) -> Optional[dict]:
    return page.evaluate("JSON.parse(sessionStorage.getItem('agent-console') || 'null')")


def test_a_guided_call_by_keyboard(console: Page, servers: Servers):
    page = console
    assert serious_violations(page) == []  # the login page
    log_in_page(page)

    page.keyboard.press("Alt+N")  # a new caller
    # the opening prompt tells the agent what to ask, not the caller's own question
    expect(page.locator("#prompt")).to_contain_text("Ask the caller which city's bill they paid")
    say(page, "was my payment affected?", "Ask the caller: Which city did you pay?")
    assert page.locator("#prompt").inner_text().startswith("Ask the caller:")  # channel: agent
    say(page, "Midwest City", "Ask the caller: When did you make the payment?")
    say(page, "the card is 4111 1111 1111 1111", "card number was removed")
    say(page, "June 1 2018", "Ask the caller: How did you pay?")
    expect(page.locator("#choices button").first).to_contain_text("Alt+1")
    page.keyboard.press("Alt+1")  # "Online, by card"

    result = page.locator("#result")
    expect(result).to_be_visible()
    # to the agent, about the caller
    expect(page.locator("#verdict")).to_contain_text("The caller's payment was affected")
    reason = page.locator("#reason")
    expect(reason).to_contain_text("between May 25, 2018 and June 21, 2018")
    expect(reason).to_contain_text("The caller paid online by card on June 1, 2018")
    assert not re.search(r"\b(You|you|your|Your|I)\b", reason.inner_text())
    # each document cited once, short; then its own words
    documents = page.locator("#documents")
    expect(documents.locator(".document").first).to_have_text(
        'Notice: City of Midwest City, "Update on Data Breach", posted July 24, 2018'
    )
    expect(documents).not_to_contain_text(".txt")
    expect(documents).not_to_contain_text("http")
    expect(documents).to_contain_text(
        "identified transactions from May 25 through June 21 were compromised"
    )
    expect(page.locator("#steps li").first).to_be_visible()
    expect(page.locator("#numbers")).to_contain_text("1-877-841-8141")

    # escalation: the city's number, and the disposition follows
    page.keyboard.press("Alt+E")
    expect(page.locator("#escalation")).to_contain_text("Transfer the caller to")
    expect(page.locator("#escalation")).to_contain_text("1-877-841-8141")
    expect(page.locator("#disposition")).to_have_value("escalated")
    # the call centre's own fields, by keyboard
    page.locator("#caller-ref").focus()
    page.keyboard.type("call back 405-555-0100")
    page.keyboard.press("Tab")
    page.keyboard.type("a support agent")
    page.locator("#case-notes").focus()
    page.keyboard.type("caller read 4111 1111 1111 1111 aloud, told not to")
    page.keyboard.press("Tab")  # leaving the field masks what it shows too
    expect(page.locator("#case-notes")).to_have_value(
        "caller read [card number removed] aloud, told not to"
    )
    assert serious_violations(page) == []  # the console with a whole call
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "agent-console-1280.png"), full_page=True)

    page.keyboard.press("Alt+C")
    expect(page.locator("#copied")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Verdict: affected - The caller's payment was affected" in copied
    assert "(affected)" not in copied
    assert re.search(r"Time: \d{4}-\d\d-\d\d \d\d:\d\d C[SD]T \(America/Chicago\)", copied)
    assert "City: Midwest City, OK" in copied and "June 1, 2018" in copied
    assert "Steps given:" in copied
    assert "Caller reference: call back 405-555-0100" in copied
    assert "Disposition: escalated" in copied and "Escalated to: " in copied
    assert "Agent: a support agent" in copied
    assert "Notes: caller read [card number removed] aloud" in copied
    assert not CARD.search(copied) and not CARD.search(page.content())
    assert not CARD.search(json.dumps(stored_call(page)))
    conversation = stored_call(page)["conversation"]
    assert tracker_of(servers, conversation)["slots"]["verdict"] == "affected"
    tracker = json.dumps(tracker_of(servers, conversation))
    assert not CARD.search(tracker) and "405-555-0100" not in tracker  # the fields stay in the tab

    page.keyboard.press("Alt+N")  # the next caller starts clean
    expect(page.locator("#result")).to_be_hidden()
    expect(page.locator("#prompt")).to_contain_text("Ask the caller")
    assert "Midwest City" not in page.locator("#log").inner_text()
    expect(page.locator("#caller-ref")).to_have_value("")
    expect(page.locator("#disposition")).to_have_value("answered")
    fresh = stored_call(page)["conversation"]
    assert fresh != conversation
    assert tracker_of(servers, fresh)["slots"]["city"] is None


def test_what_the_agent_types_before_new_caller_starts_the_call(console: Page, servers: Servers):
    page = console
    log_in_page(page)
    expect(page.locator("#prompt")).to_contain_text("the call starts with them")
    page.keyboard.type("she paid the Odessa water bill online on Sept 3 2019 with her Visa")
    page.keyboard.press("Enter")
    expect(page.locator("#verdict")).to_contain_text("The caller's payment was affected")
    log = page.locator("#log").inner_text()
    assert "Caller: she paid the Odessa water bill online" in log  # nothing typed was lost
    conversation = stored_call(page)["conversation"]
    assert tracker_of(servers, conversation)["slots"]["verdict"] == "affected"


def test_a_caller_who_wants_a_person_is_offered_a_transfer(console: Page):
    page = console
    log_in_page(page)
    page.keyboard.press("Alt+N")
    expect(page.locator("#prompt")).to_contain_text("Ask the caller")
    say(page, "she paid Odessa", "When did")
    say(page, "she wants to talk to a supervisor", "Offer to transfer")
    prompt = page.locator("#prompt").inner_text()
    assert "The caller wants to talk to a person" in prompt
    assert "can't transfer you" not in prompt and "I'm an automated" not in prompt


def test_log_out_clears_the_call_from_the_tab(console: Page):
    page = console
    log_in_page(page)
    page.keyboard.press("Alt+N")
    say(page, "Midwest City", "When did")
    assert stored_call(page) is not None
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#password")).to_be_visible()
    assert stored_call(page) is None
    log_in_page(page)
    assert "Midwest City" not in page.locator("#log").inner_text()
    expect(page.locator("#prompt")).to_contain_text("the call starts with them")
    expect(page.locator("#case")).to_be_hidden()


def test_the_console_on_a_small_screen(browser: Browser, servers: Servers):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/agent/")
    log_in_page(page)
    page.keyboard.type("Bakersfield, Sept 1 2018, online with a card")
    page.keyboard.press("Enter")
    expect(page.locator("#verdict")).to_contain_text("The caller's payment is one of those")
    documents = page.locator("#documents")
    expect(documents.locator(".document").first).to_have_text(
        "Article: a news report, November 12, 2018"
    )
    expect(page.locator("#reason")).to_contain_text("The news article on Bakersfield, CA says")
    expect(page.locator("#reason")).not_to_contain_text("Bakersfield, CA's notice")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "agent-console-375.png"), full_page=True)
    context.close()


def test_bodies_that_are_not_an_object_get_400_not_500(servers: Servers):
    _, cookie = log_in(servers, AGENT_PASSWORD)
    for body in (b"[" * 1000 + b"]" * 1000, b"[1, 2]", b'"text"', b"{"):
        status, reply, _ = call(servers, "POST", "/agent/api/message", body, cookie)
        assert status == 400, (body[:10], status, reply)
        request = urllib.request.Request(
            f"{servers.rasa_url}/widget/webhook", data=body, headers={"Content-Type": "text/plain"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 400, body[:10]
