"""The support-agent console in Spanish against the running servers, in headless Chromium by
keyboard: the log-in page and the console's own words follow the agent's choice of the caller's
language (English / Español), the caller's words are read in Spanish and the script comes back in
Spanish, a notice's own words stay English (marked lang="en"); axe-core clean; then back to
English with Alt+L."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from assistant.run import Servers
from bot.settings import PROJECT_ROOT
from tests.e2e.conftest import AGENT_PASSWORD, serious_violations, tracker_of
from tests.e2e.test_agent_console import say, stored_call

pytestmark = pytest.mark.e2e

RESULTS = PROJECT_ROOT / "results"
ASK = "Pregunte a la persona que llama"
# Words no Spanish sentence of the console has
ENGLISH = re.compile(
    r"\b(the|your|you|was|were|what|when|how|with|paid|payment|affected|caller|steps?|"
    r"verdict|notice|says)\b",
    re.IGNORECASE,
)
# The console's text without what is marked as English (a notice's own words)
SPANISH_TEXT = """(() => {
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('[lang="en"], textarea, input, select').forEach(node => node.remove());
  return main.innerText;
})()"""


@pytest.fixture
def spanish(browser: Browser, servers: Servers) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=servers.rasa_url)
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/agent/?lang=es")
    yield page
    context.close()


def log_in_in_spanish(page: Page) -> None:
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.locator("h1")).to_have_text("Consola de agentes de atención")
    expect(page.get_by_role("link", name="English")).to_have_attribute("lang", "en")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(AGENT_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#said")).to_be_focused()


def test_a_wrong_password_is_refused_in_spanish(spanish: Page):
    page = spanish
    assert serious_violations(page) == []  # the Spanish log-in page
    page.keyboard.type("no es la contraseña")
    page.keyboard.press("Enter")
    expect(page.locator(".error")).to_have_text("Contraseña incorrecta.")
    assert page.evaluate("document.documentElement.lang") == "es"  # the cookie keeps it


def test_a_guided_call_in_spanish_by_keyboard(spanish: Page, servers: Servers):
    page = spanish
    log_in_in_spanish(page)
    # the console's own words are Spanish: the page's language, its labels, the switch
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.get_by_role("radio", name="Español")).to_be_checked()
    expect(page.locator("#new-caller")).to_contain_text("Llamada nueva")
    expect(page.locator("label[for=said]")).to_have_text("Lo que dice la persona que llama")
    expect(page.locator("#prompt")).to_contain_text("la llamada empieza con ellas")
    assert page.title().startswith("Revisión de la filtración de Click2Gov")

    page.keyboard.press("Alt+N")  # a new caller, in Spanish
    expect(page.locator("#prompt")).to_contain_text(f"Llamada nueva. {ASK}")
    say(page, "¿se vio afectado mi pago?", f"{ASK}: ¿A qué ciudad hizo el pago?")
    say(page, "Midwest City", f"{ASK}: ¿Cuándo hizo el pago?")
    say(page, "el 1 de junio de 2018", f"{ASK}: ¿Cómo hizo el pago?")
    expect(page.locator("#choices button").first).to_contain_text("En línea, con tarjeta")
    expect(page.locator("#choices")).to_have_attribute(
        "aria-label", "Las opciones de la persona que llama"
    )
    page.keyboard.press("Alt+1")

    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("#verdict")).to_contain_text("Veredicto:")
    expect(page.locator("#verdict")).to_contain_text("Midwest City")
    conversation = stored_call(page)["conversation"]
    slots = tracker_of(servers, conversation)["slots"]
    assert slots["verdict"] == "affected" and slots["language"] == "es"
    # the notice's own words: quoted as they are, in English, and marked so
    quote = page.locator("#documents .quotes li span[lang=en]").filter(
        has_text="identified transactions from May 25 through June 21 were compromised"
    )
    expect(quote).to_have_count(1)
    expect(page.locator("#steps li").first).to_be_visible()
    expect(page.locator("#numbers")).to_contain_text("1-877-841-8141")
    found = ENGLISH.findall(page.evaluate(SPANISH_TEXT))
    assert found == [], f"English outside the marked quotes: {found}"
    assert serious_violations(page) == []  # the Spanish console with a whole call
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "agent-console-es-1280.png"), full_page=True)

    page.keyboard.press("Alt+E")
    expect(page.locator("#escalation")).to_contain_text("Transfiera a la persona que llama a")
    expect(page.locator("#disposition")).to_have_value("escalated")
    page.keyboard.press("Alt+C")
    expect(page.locator("#copied")).to_have_text("Copiado.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Resolución: escalada" in copied and "Escalada a: " in copied
    assert "Referencia de la persona: sin registrar" in copied
    assert "Midwest City" in copied

    # back to English for the next caller: Alt+L, and the labels and the script follow
    page.keyboard.press("Alt+L")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("radio", name="English")).to_be_checked()
    expect(page.locator("#language-status")).to_contain_text("The call is now in English")
    expect(page.locator("#new-caller")).to_contain_text("New caller")
    page.keyboard.press("Alt+N")
    expect(page.locator("#prompt")).to_contain_text("Ask the caller which city's bill they paid")
    say(page, "was my payment affected?", "Ask the caller: Which city did you pay?")
    fresh = stored_call(page)["conversation"]
    assert fresh != conversation
    assert tracker_of(servers, fresh)["slots"]["language"] == "en"


def test_the_switch_by_keyboard_redoes_the_opening_prompt(browser: Browser, servers: Servers):
    """A call with nothing said yet gets its opening prompt again in the language chosen; the
    switch is a radio group (arrow keys), named, with its shortcut."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{servers.rasa_url}/agent/?lang=en")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(AGENT_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#said")).to_be_focused()
    page.keyboard.press("Alt+N")
    expect(page.locator("#prompt")).to_contain_text("Ask the caller which city's bill")
    english = page.get_by_role("radio", name="English")
    english.focus()
    page.keyboard.press("ArrowRight")  # to "Español"
    expect(page.get_by_role("radio", name="Español")).to_be_checked()
    expect(page.locator("#prompt")).to_contain_text(f"Llamada nueva. {ASK}")
    assert page.locator("#prompt").get_attribute("lang") == "es"
    expect(page.locator("fieldset.language legend")).to_contain_text(
        "Idioma de la persona que llama"
    )
    page.locator("#said").focus()
    page.keyboard.type(
        "pagó la factura del agua de Odessa en línea con una Visa el 3 de septiembre de 2019"
    )
    page.keyboard.press("Enter")
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("#verdict")).to_contain_text("Veredicto:")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "agent-console-es-375.png"), full_page=True)
    context.close()
