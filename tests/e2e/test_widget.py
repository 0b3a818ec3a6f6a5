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
from tests.privacy_battery import Case, generate

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
            "const e = root.activeElement;"
            "return e ? (e.className || e.tagName.toLowerCase()) + ':' + e.textContent : '';"
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


def check_by_keyboard(page: Page, widget: Widget) -> None:
    """A whole check typed and chosen with the keyboard (the page presets Odessa)."""
    widget.say("was my payment affected?")
    assert "When did you make the payment" in widget.log()
    assert "Which city" not in widget.log()  # data-city: the resident is not asked
    widget.say("Sept 3 2019")
    widget.tab_to("choice:Online, by card")  # a quick reply, chosen by keyboard
    page.keyboard.press("Space")
    widget.idle()


def verdict_in_view(widget: Widget) -> bool:
    """Whether the verdict's headline is inside the visible part of the conversation."""
    return widget.js(
        "const h = root.querySelector('.result .headline').getBoundingClientRect();"
        "const l = root.querySelector('.log').getBoundingClientRect();"
        "return h.top >= l.top - 1 && h.bottom <= l.bottom + 1 && h.height > 0;"
    )


def test_a_full_check_by_keyboard_alone_survives_a_reload_and_starts_over(
    page: Page, servers: Servers
):
    requests: List[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{servers.rasa_url}/widget/demo")
    assert serious_violations(page) == []  # the page with the launcher only
    widget = open_by_keyboard(page)
    assert "Odessa, TX" in widget.log()  # the greeting names the city the page presets

    check_by_keyboard(page, widget)
    assert widget.js("return root.activeElement.id;") == "input"  # not dropped to the page
    log = widget.log()
    assert "Yes — your payment was affected." in log and "Odessa, TX" in log
    assert ".txt" not in log
    assert "Yes — your payment was affected." in widget.live()  # announced (politely)
    assert "below the answer" in widget.live()  # and that the rest is folded under it
    assert page.locator("a[href='tel:+18774384338']").count() >= 1
    sender = widget.sender()
    assert tracker_of(servers, sender)["slots"]["verdict"] == "affected"
    assert serious_violations(page) == []  # the open widget with a whole conversation

    page.reload()
    page.wait_for_selector("#panel:not([hidden])")
    assert "Yes — your payment was affected." in widget.log()  # the transcript is back
    assert widget.sender() == sender and widget.live() == ""  # same conversation, not re-read
    widget.tab_to("choice:Start over", key="Tab")  # the quick reply under the last answer
    page.keyboard.press("Enter")
    # "Start over" asks first; Escape (or "No") keeps the conversation
    assert widget.focused() == "confirm-no:No, keep it"
    assert "Start over? This clears the conversation." in page.locator(".confirm").inner_text()
    page.keyboard.press("Escape")
    assert page.locator(".confirm").is_hidden()
    assert "Yes — your payment was affected." in widget.log() and widget.sender() == sender
    assert widget.js("return !root.querySelector('.panel').hidden;")  # still open
    widget.tab_to("restart:Start over")
    page.keyboard.press("Enter")
    widget.tab_to("confirm-yes:Yes, start over", key="Tab")
    page.keyboard.press("Enter")
    assert "your payment was affected" not in widget.log()
    assert widget.sender() != sender  # a new, clean conversation
    assert widget.js("return root.activeElement.id;") == "input"

    page.keyboard.press("Escape")
    assert widget.focused().startswith("launcher:")  # closed, focus back on the launcher
    assert page.evaluate("window.__mouse") == 0
    assert all(url.startswith(servers.rasa_url) for url in requests), requests  # no CDN


@pytest.mark.parametrize("width, height", [(1280, 800), (375, 667)])
def test_the_verdict_is_a_headline_in_view_with_the_details_folded_under_it(
    browser: Browser, servers: Servers, width: int, height: int
):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(COUNT_MOUSE)
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    check_by_keyboard(page, widget)

    headline = page.get_by_role("heading", name="Yes — your payment was affected.")
    assert headline.count() == 1  # a heading to screen readers, not one more bubble
    assert verdict_in_view(widget), "the reply scrolls to its first message: the verdict"
    weight = widget.js("return getComputedStyle(root.querySelector('.headline')).fontWeight;")
    assert int(weight) >= 700
    reason = page.locator(".result .reason").inner_text()
    assert reason.startswith("Odessa, TX's notice says payments made online by card")
    assert "You paid online by card for a utility bill on September 3, 2019, inside" in reason
    details = page.locator(".result details")
    assert details.count() == 3 and details.evaluate_all("ds => ds.every(d => !d.open)")
    summaries = page.locator(".result summary").all_inner_texts()
    assert summaries[0].startswith("What to do now (") and summaries[1:] == [
        "Who to contact",
        "Where this comes from",
    ]
    log = widget.log()
    assert "Review your card statements" not in log  # folded until asked for
    assert "Click2Gov Security Breach" not in log
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"widget-verdict-{width}.png"))

    widget.tab_to("summary:" + summaries[0])  # open the steps with the keyboard
    page.keyboard.press("Enter")
    assert "Review your card statements" in widget.log()
    widget.tab_to("summary:Where this comes from", key="Tab")
    page.keyboard.press("Enter")
    assert 'City of Odessa, "Click2Gov Security Breach", posted December 12, 2019' in widget.log()
    assert not page.locator("a[href='https://www.ic3.gov']").first.is_visible()  # still folded
    assert serious_violations(page) == []
    page.screenshot(path=str(RESULTS / f"widget-steps-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert widget.js(
        "const p = root.querySelector('.panel'); return p.scrollWidth <= p.clientWidth;"
    )
    assert page.evaluate("window.__mouse") == 0
    context.close()


def test_at_320_px_nothing_scrolls_sideways(browser: Browser, servers: Servers):
    """320 CSS px: the width of 1280 px at 400 % zoom."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    check_by_keyboard(page, widget)
    page.locator(".result summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert widget.js(
        "const p = root.querySelector('.panel'); return p.scrollWidth <= p.clientWidth;"
    )
    assert serious_violations(page) == []
    context.close()


def test_on_a_phone_the_launcher_is_compact_and_keeps_its_full_name(
    browser: Browser, servers: Servers
):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/widget/demo")
    launcher = page.locator(".launcher")
    launcher.wait_for()
    box = launcher.bounding_box()
    assert box is not None and box["width"] <= 120 and box["height"] <= 56, box
    assert box["x"] + box["width"] >= 375 - 16  # in the corner, not across the page
    assert launcher.locator(".launcher-short").inner_text() == "Chat"
    assert launcher.locator(".launcher-short").is_visible()
    hidden = launcher.locator(".launcher-long").bounding_box()
    assert hidden is not None and hidden["width"] <= 1  # read by screen readers, not shown
    assert page.get_by_role("button", name="Was my payment affected? Chat with us").count() == 1
    assert serious_violations(page) == []
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "widget-launcher-375.png"))
    wide = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    wide.goto(f"{servers.rasa_url}/widget/demo")
    assert wide.locator(".launcher-long").is_visible()
    assert not wide.locator(".launcher-short").is_visible()
    wide.context.close()
    context.close()


def test_escape_closes_the_chat_from_anywhere_in_it(page: Page, servers: Servers):
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("was my payment affected?")
    for control in ("restart:Start over", "close:×"):
        widget.tab_to(control)
        page.keyboard.press("Escape")
        assert widget.focused().startswith("launcher:"), control
        page.keyboard.press("Enter")
        page.wait_for_selector("#panel:not([hidden])")
    widget.js("root.querySelector('.log').focus(); return 0;")
    page.keyboard.press("Escape")
    assert widget.focused().startswith("launcher:")


def test_a_message_not_understood_twice_gets_a_different_reply(page: Page, servers: Servers):
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("zebra umbrella")
    first = page.locator(".message.bot .text").last.inner_text()
    assert first.startswith("Sorry, I")  # didn't understand, or can't help with that
    widget.say("marmalade trombone")
    second = page.locator(".message.bot .text").last.inner_text()
    assert second != first and "button below" in second  # another way, and a way on
    assert page.locator(".choice", has_text="Was my payment affected?").count() == 1


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


# One of each form of the privacy battery, and some of them typed after a "/"
BATTERY = list(generate(6, seed=7))
TYPED = BATTERY[::6] + [
    Case(c.kind, "/" + c.message, c.needles, c.traces, c.follow) for c in BATTERY[3::12]
]


def test_no_form_of_secret_stays_on_screen_or_in_the_tabs_storage(page: Page, servers: Servers):
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    for case in TYPED:
        for message in case.messages:  # a card split over two messages is sent as two
            page.locator("#input").fill(message)  # typed as is: tabs and invisible characters
            page.keyboard.press("Enter")
            widget.idle()
    page.reload()  # what the tab kept is what is shown again (the chat stays open)
    widget = Widget(page)
    page.wait_for_selector("#panel:not([hidden])")
    shown, stored = widget.log(), widget.stored()
    leaks = [f"screen: {c.messages!r}" for c in TYPED if c.traced_in(shown)]
    leaks += [f"storage: {c.messages!r}" for c in TYPED if c.traced_in(stored)]
    assert leaks == []
    assert shown.count("removed") >= len(TYPED) and len(TYPED) == 29


def test_a_message_not_yet_answered_is_not_kept_in_the_tab(page: Page, servers: Servers):
    page.route("**/widget/webhook", lambda route: route.abort())
    page.goto(f"{servers.rasa_url}/widget/demo")
    widget = open_by_keyboard(page)
    widget.say("pin number nine nine one two")
    assert "cannot be reached" in widget.log()
    assert page.locator("#input").input_value() == "pin number nine nine one two"  # not lost
    assert "nine nine one two" not in widget.stored()  # nor kept before the assistant saw it
    page.unroute("**/widget/webhook")


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


def test_an_unlisted_site_gets_the_widgets_own_message_and_its_console_says_why(
    page: Page, servers: Servers, sites: Sites
):
    console: List[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{sites.unlisted.origin}/page?city=odessa-tx")
    widget = Widget(page)
    page.wait_for_function(f"{HOST}.shadowRoot.querySelector('#input').disabled")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    assert widget.focused().startswith("log:")  # the message is read first; nothing to type in
    log = widget.log()
    assert "not set up for this website" in log and "cannot be reached" not in log
    assert "Hello!" not in log  # no greeting that invites typing for nothing
    assert widget.js("return root.querySelector('.send').disabled;")
    assert "1-877-438-4338" in log  # still a number to call
    assert any(
        "BOT_WIDGET_ORIGINS" in line and sites.unlisted.origin in line for line in console
    ), console
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "widget-not-allowed-1280.png"))
    assert serious_violations(page) == []
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


def test_the_demo_page_previews_any_city_of_the_knowledge(page: Page, servers: Servers):
    page.goto(f"{servers.rasa_url}/widget/demo?city=bakersfield-ca")
    assert "set up for Bakersfield, CA" in page.locator("main").inner_text()
    assert 'data-city="bakersfield-ca"' in page.locator("pre").inner_text()
    widget = open_by_keyboard(page)
    assert "payment you made to Bakersfield, CA" in widget.log()
    assert page.locator("#title").inner_text() == "Bakersfield payment check"
    for wrong in ("nowhere-xx", "<script>", "odessa-tx%22%3E%3Cscript%3E"):
        reply = page.goto(f"{servers.rasa_url}/widget/demo?city={wrong}")
        assert reply is not None and reply.status == 404, wrong
        assert "Known ids: " in page.inner_text("body") and "odessa-tx" in page.inner_text("body")
