"""The web widget in Spanish (data-lang="es") in a real browser (Debian's headless Chromium, driven
by Playwright) against the running servers: the widget's own words, every reply and the verdict
card in Spanish, marked lang="es" (a notice's own words quoted in English marked lang="en"), by
keyboard alone, at a desktop's and a phone's width, axe-core clean."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from assistant.run import Servers
from bot.ids import new_id
from bot.settings import PROJECT_ROOT
from tests.e2e.conftest import serious_violations, tracker_of
from tests.e2e.test_widget import COUNT_MOUSE, Widget, open_by_keyboard, verdict_in_view

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

RESULTS = PROJECT_ROOT / "results"
WIDTHS = [(1280, 800), (375, 667)]
# Words no Spanish sentence of the widget has: an English reply, label or error gives one away
ENGLISH = re.compile(
    r"\b(the|your|you|was|were|what|when|how|with|paid|payment|affected|please|sorry|steps?|"
    r"contact|source|call)\b",
    re.IGNORECASE,
)
# The text of the conversation without what is marked as English (a notice's own words)
SPANISH_TEXT = """
const log = root.querySelector('.log').cloneNode(true);
log.querySelectorAll('[lang="en"]').forEach(node => node.remove());
return log.textContent;
"""


def spanish_page(browser: Browser, servers: Servers, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(COUNT_MOUSE)
    page.goto(f"{servers.rasa_url}/widget/demo?lang=es")  # Odessa, in Spanish
    return page


@pytest.fixture(params=WIDTHS, ids=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: Browser, servers: Servers) -> Iterator[Page]:
    width, height = request.param
    opened = spanish_page(browser, servers, width, height)
    yield opened
    opened.context.close()


def english_in(widget: Widget) -> list:
    """English words in the conversation outside the parts marked lang="en"."""
    return ENGLISH.findall(widget.js(SPANISH_TEXT))


def languages_marked(widget: Widget) -> dict:
    """The lang attributes in the widget: the panel's, the launcher's, and every element's inside
    the conversation with the text of those marked English."""
    return widget.js(
        "return {panel: root.querySelector('.panel').lang,"
        " launcher: root.querySelector('.launcher').lang,"
        " inside: [...root.querySelectorAll('.log [lang]')].map(e => e.lang),"
        " english: [...root.querySelectorAll('.log [lang=\"en\"]')].map(e => e.textContent)};"
    )


def test_the_spanish_widgets_own_words_before_any_reply(page: Page):
    widget = Widget(page)
    page.wait_for_selector(".launcher")
    name = "¿Se vio afectado mi pago? Chatee con nosotros"
    assert page.get_by_role("button", name=name).count() == 1
    assert serious_violations(page) == []  # the page with the launcher only
    widget = open_by_keyboard(page)
    marked = languages_marked(widget)
    assert (marked["panel"], marked["launcher"]) == ("es", "es")
    assert page.locator("#title").inner_text() == "Revisión de pagos de Odessa"
    log = widget.log()
    assert "¡Hola!" in log and "Odessa, TX" in log and "inglés" not in log
    assert page.locator(".choice").all_inner_texts() == ["¿Se vio afectado mi pago?"]
    assert page.locator("label[for=input]").inner_text() == "Su mensaje"
    assert page.locator(".send").inner_text() == "Enviar"
    assert page.locator(".restart").inner_text() == "Empezar de nuevo"
    assert "Nunca escriba aquí números de tarjeta" in page.locator(".hint").inner_text()
    assert english_in(widget) == []
    page.keyboard.press("Enter")  # an empty message
    assert page.locator(".status").inner_text() == "Escriba primero una pregunta o una respuesta."
    assert serious_violations(page) == []


def test_a_whole_check_in_spanish_by_keyboard_reaches_a_spanish_verdict_card(
    page: Page, servers: Servers
):
    width = page.viewport_size["width"]
    widget = open_by_keyboard(page)
    widget.tab_to("choice:¿Se vio afectado mi pago?")  # the start button, by keyboard
    page.keyboard.press("Enter")
    widget.idle()
    assert "¿Cuándo hizo el pago?" in widget.log(), widget.log()
    assert "¿A qué ciudad" not in widget.log()  # data-city: the resident is not asked
    widget.say("el 3 de septiembre de 2019")  # the focus is back in the message box
    assert "¿Cómo pagó?" in widget.log(), widget.log()
    choices = page.locator(".choice").all_inner_texts()
    assert choices[:3] == ["En línea, con tarjeta", "Pago automático", "Por teléfono"], choices
    widget.tab_to("choice:En línea, con tarjeta")
    page.keyboard.press("Space")
    widget.idle()

    sender = widget.sender()
    slots = tracker_of(servers, sender)["slots"]
    assert slots["verdict"] == "affected" and slots["language"] == "es"
    card = page.locator(".result")
    assert card.count() == 1 and "tone-bad" in card.get_attribute("class")
    headline = page.locator(".result .headline")
    assert page.get_by_role("heading", name=headline.inner_text()).count() == 1
    assert verdict_in_view(widget), "the reply scrolls to its first message: the verdict"
    assert "Odessa" in page.locator(".result .reason").inner_text()
    summaries = page.locator(".result summary").all_inner_texts()
    assert re.fullmatch(r"Qué hacer ahora \((1 paso|\d+ pasos)\)", summaries[0]), summaries
    assert summaries[1:] == ["A quién llamar", "De dónde viene esta respuesta"]
    assert "debajo de la respuesta" in widget.live()  # announced, in Spanish
    assert widget.js("return root.querySelector('[aria-live] p').lang;") == "es"
    for index, summary in enumerate(summaries):  # open every fold, by keyboard
        widget.tab_to("summary:" + summary, key="Tab" if index else "Shift+Tab")
        page.keyboard.press("Enter")
    assert page.locator(".result details[open]").count() == 3
    assert page.locator("a[href='tel:+18774384338']").count() >= 1
    found = english_in(widget)
    assert found == [], f"English outside the marked quotes: {found}\n{widget.log()}"
    marked = languages_marked(widget)
    assert set(marked["inside"]) <= {"en"}, marked  # the rest inherits the panel's "es"
    assert all(text.strip() for text in marked["english"]), marked
    assert serious_violations(page) == []
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"widget-es-verdict-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert widget.js(
        "const p = root.querySelector('.panel'); return p.scrollWidth <= p.clientWidth;"
    )

    # "Empezar de nuevo" asks first, in Spanish; Escape keeps the conversation
    widget.tab_to("restart:Empezar de nuevo")
    page.keyboard.press("Enter")
    assert widget.focused() == "confirm-no:No, mantenerla"
    confirm = page.locator(".confirm").inner_text()
    assert "¿Empezar de nuevo? Esto borra la conversación." in confirm
    assert "Sí, empezar de nuevo" in confirm
    page.keyboard.press("Escape")
    assert widget.sender() == sender and page.locator(".result").count() == 1
    assert page.evaluate("window.__mouse") == 0


def test_an_unreachable_assistant_fails_in_spanish_with_a_number(page: Page):
    page.route("**/widget/webhook", lambda route: route.abort())
    widget = open_by_keyboard(page)
    widget.say("¿se vio afectado mi pago?")
    log = widget.log()
    assert "no se puede contactar al asistente" in log and "1-877-438-4338" in log
    assert page.locator(".retry").inner_text() == "Intentar de nuevo"
    assert english_in(widget) == [], widget.log()
    assert serious_violations(page) == []


def test_the_webhook_answers_a_spanish_widget_in_spanish(servers: Servers):
    """Without a browser: an empty message gets the channel's own Spanish words, and a question
    the Spanish replies."""
    sender = new_id("web")

    def say(message: str) -> list:
        body = json.dumps({"sender": sender, "message": message, "lang": "es", "city": "odessa-tx"})
        request = urllib.request.Request(
            servers.rasa_url + "/widget/webhook",
            data=body.encode(),
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            return [m.get("text") or "" for m in json.loads(reply.read())["messages"]]

    assert say("   ") == ['Escriba un mensaje, por ejemplo "¿se vio afectado mi pago?".']
    asked = " ".join(say("/check_payment"))
    assert "¿Cuándo hizo el pago?" in asked, asked
