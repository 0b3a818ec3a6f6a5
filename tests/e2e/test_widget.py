"""The web widget in a real browser (Debian's headless Chromium, driven by Playwright) against the
real running servers: keyboard only, reload, start over, accessibility (axe-core), escaping,
redaction, failures, and who may embed it."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any, Iterator, List

import pytest
from playwright.sync_api import Browser, Page, Route

from assistant.run import Servers
from bot.settings import PROJECT_ROOT
from tests.e2e.conftest import Sites, serious_violations, stored_bytes, tracker_of

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

RESULTS = PROJECT_ROOT / "results"
CARD = re.compile(r"4111\D{0,3}1111\D{0,3}1111\D{0,3}1111")
# Counts pointer and mouse events on the page: the keyboard test must cause none.
COUNT_MOUSE = """
window.__mouse = 0;
for (const kind of ["pointerdown", "mousedown", "mouseup"]) {
  document.addEventListener(kind, () => { window.__mouse += 1; }, true);
}
"""
HOST = "document.querySelector('.click2gov-widget')"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.add_init_script(COUNT_MOUSE)
    yield opened
    context.close()


class Widget:
    """The widget on a page, read through its (open) shadow root."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def js(self, expression: str) -> Any:
        return self.page.evaluate(f"(() => {{ const root = {HOST}.shadowRoot; {expression} }})()")

    def focused(self) -> str:
        """The focused control inside the widget: its class and text."""
        return self.js(
            "const e = root.activeElement; return e ? e.className + ':' + e.textContent : '';"
        )

    def log(self) -> str:
        return self.page.locator(".log").inner_text()

    def live(self) -> str:
        return self.js("return root.querySelector('[aria-live]').textContent;")

    def idle(self) -> None:
        self.page.wait_for_function(f"!{HOST}.shadowRoot.querySelector('.send').disabled")

    def say(self, text: str) -> None:
        """Type into the message box (which has the focus) and press Enter."""
        assert self.js("return root.activeElement.id;") == "input"
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")
        self.idle()

    def tab_to(self, control: str, key: str = "Shift+Tab", limit: int = 80) -> None:
        """Press Tab (or Shift+Tab) until `control` ("class:text") has the focus."""
        for _ in range(limit):
            self.page.keyboard.press(key)
            if self.focused() == control:
                return
        raise AssertionError(f"{control!r} not reachable with {key}")

    def sender(self) -> str:
        stored = self.page.evaluate(
            "JSON.parse(Object.values(sessionStorage).find(v => v.includes('sender')))"
        )
        return stored["sender"]

    def stored(self) -> str:
        return self.page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))")


def open_by_keyboard(page: Page) -> Widget:
    widget = Widget(page)
    page.wait_for_selector(".launcher")
    page.keyboard.press("Tab")
    assert widget.focused().startswith("launcher:")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    assert widget.js("return root.activeElement.id;") == "input"
    return widget


def test_a_full_check_by_keyboard_alone_survives_a_reload_and_starts_over(
    page: Page, servers: Servers
):
    requests: List[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{servers.rasa_url}/widget/demo")
    assert serious_violations(page) == []  # the page with the launcher only
    widget = open_by_keyboard(page)
    assert "Odessa, TX" in widget.log()  # the greeting names the city the page presets

    widget.say("was my payment affected?")
    assert "When did you make the payment" in widget.log()
    assert "Which city" not in widget.log()  # data-city: the resident is not asked
    widget.say("Sept 3 2019")
    widget.tab_to("choice:Online, by card")  # a quick reply, chosen by keyboard
    page.keyboard.press("Space")
    widget.idle()
    log = widget.log()
    assert "Yes — your payment was affected." in log and "Odessa, TX" in log
    assert 'City of Odessa, "Click2Gov Security Breach", posted December 12, 2019' in log
    assert ".txt" not in log
    assert "Yes — your payment was affected." in widget.live()  # announced (politely)
    assert page.locator("a[href='tel:+18774384338']").count() >= 1
    assert page.locator("a[href='https://www.ic3.gov']").count() >= 1
    sender = widget.sender()
    assert tracker_of(servers, sender)["slots"]["verdict"] == "affected"
    assert serious_violations(page) == []  # the open widget with a whole conversation

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "widget-1280.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path=str(RESULTS / "widget-320.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert widget.js(
        "const p = root.querySelector('.panel'); return p.scrollWidth <= p.clientWidth;"
    )
    assert serious_violations(page) == []  # 320 px: the width of 1280 px at 400 % zoom
    page.set_viewport_size({"width": 1280, "height": 800})

    page.reload()
    page.wait_for_selector("#panel:not([hidden])")
    assert "Yes — your payment was affected." in widget.log()  # the transcript is back
    assert widget.sender() == sender and widget.live() == ""  # same conversation, not re-read
    widget.tab_to("choice:Start over", key="Tab")  # the quick reply under the last answer
    page.keyboard.press("Enter")
    assert "your payment was affected" not in widget.log()
    assert widget.sender() != sender  # a new, clean conversation
    assert widget.js("return root.activeElement.id;") == "input"

    page.keyboard.press("Escape")
    assert widget.focused().startswith("launcher:")  # closed, focus back on the launcher
    assert page.evaluate("window.__mouse") == 0
    assert all(url.startswith(servers.rasa_url) for url in requests), requests  # no CDN


def test_replies_are_shown_as_text_never_as_html(page: Page, servers: Servers):
    hostile = (
        '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"> '
        "see www.evil.example.com or www.ic3.gov, javascript:alert(3)"
    )

    def fake_reply(route: Route) -> None:
        body = {"said": "hello", "messages": [{"recipient_id": "x", "text": hostile}]}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route("**/widget/webhook", fake_reply)
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("hello")
    assert hostile in widget.log()
    assert widget.js("return root.querySelectorAll('.log img, .log script').length;") == 0
    assert page.evaluate("window.__pwned") is None
    links = widget.js("return [...root.querySelectorAll('.log a')].map(a => a.href);")
    assert links == ["https://www.ic3.gov/"]  # only addresses the knowledge gives


def test_a_card_number_typed_into_the_widget_is_not_kept(page: Page, servers: Servers):
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("my card number is 4111 1111 1111 1111, was it stolen?")
    log = widget.log()
    assert "removed the card number" in log and "[card number removed]" in log
    assert not CARD.search(log) and not CARD.search(widget.stored())
    assert not CARD.search(json.dumps(tracker_of(servers, widget.sender())))
    stored = stored_bytes(servers)
    assert "card number removed" in stored and not CARD.search(stored)


def test_an_unreachable_assistant_fails_visibly_and_loses_nothing(page: Page, servers: Servers):
    page.route("**/widget/webhook", lambda route: route.abort())
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("was my payment affected?")
    log = widget.log()
    assert "cannot be reached" in log and "1-877-438-4338" in log  # a number to call
    assert page.locator(".status").inner_text() == ""  # no spinner left behind
    assert page.locator("#input").input_value() == "was my payment affected?"
    page.unroute("**/widget/webhook")
    widget.tab_to("retry:Try again")
    page.keyboard.press("Enter")
    widget.idle()
    assert "When did you make the payment" in widget.log()
    assert page.locator("#input").input_value() == ""


def test_a_slow_assistant_says_so(page: Page, servers: Servers):
    def slowly(route: Route) -> None:
        page.wait_for_timeout(6500)
        route.continue_()

    page.route("**/widget/webhook", slowly)
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"{HOST}.shadowRoot.querySelector('.status').textContent.includes('longer')"
    )
    widget.idle()
    assert page.locator(".status").inner_text() == ""


def test_a_listed_city_site_embeds_the_widget_with_its_own_options(
    page: Page, servers: Servers, sites: Sites
):
    page.goto(
        f"{sites.listed.origin}/page?city=bakersfield-ca&accent=%23ffff00&title=Bakersfield+help"
    )
    widget = open_by_keyboard(page)
    assert page.locator("#title").inner_text() == "Bakersfield help"
    widget.say("who do I call about the breach?")
    assert "888-278-8028" in widget.log()  # answered for the preset city
    background = widget.js("return getComputedStyle(root.querySelector('.send')).backgroundColor;")
    red, green, blue = (int(x) / 255 for x in re.findall(r"\d+", background)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    assert 1.05 / (luminance + 0.05) >= 4.5  # yellow was darkened for white text
    page.route("**/widget/webhook", lambda route: route.abort())
    widget.say("hello")
    assert "888-278-8028" in widget.log().split("cannot be reached")[-1]  # the city's number


def test_an_unlisted_site_is_refused(page: Page, servers: Servers, sites: Sites):
    page.goto(f"{sites.unlisted.origin}/page?city=odessa-tx")
    widget = open_by_keyboard(page)
    widget.say("was my payment affected?")
    assert "cannot be reached" in widget.log()
    request = urllib.request.Request(
        f"{servers.rasa_url}/widget/webhook",
        data=json.dumps({"sender": "web-unlisted-site", "message": "hello"}).encode(),
        headers={"Content-Type": "text/plain", "Origin": sites.unlisted.origin},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    events = tracker_of(servers, "web-unlisted-site").get("events") or []
    assert [e for e in events if e["event"] == "user"] == []  # nothing reached Rasa


def test_reduced_motion_is_respected(browser: Browser, servers: Servers):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/widget/demo")
    page.wait_for_selector(".launcher")
    duration = Widget(page).js(
        "return getComputedStyle(root.querySelector('.launcher')).transitionDuration;"
    )
    context.close()
    assert duration == "0s"


def test_a_phone_number_is_a_link_without_the_space_before_it(page: Page, servers: Servers):
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("In Norman the online payment system is down, how else can I pay my utility bill?")
    assert page.locator("a[href='tel:+14053665320']").count() >= 1, widget.log()
    phones = page.locator("a[href^='tel:']").evaluate_all("links => links.map(a => a.textContent)")
    assert phones and all(text == text.strip() and text[0].isdigit() for text in phones), phones
    assert "at 405-366-5320" in widget.log()  # the space stays, as text before the link
