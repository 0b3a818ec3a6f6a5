"""End-to-end: a real action server and Rasa server with the trained model, spoken to over HTTP,
and two city websites on other origins (one allowed to embed the widget, one not)."""

from __future__ import annotations

import html
import json
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from assistant.run import Servers, free_port, latest_model, start_servers
from bot.ids import new_id
from tests.conftest import KNOWLEDGE_DIR

TOKEN = "e2e-test-token"
SMS_TOKEN = "e2e-sms-auth-token"
SMS_SECRET = "e2e-sms-sender-secret-0123456789abcdef"
AGENT_PASSWORD = "e2e agent passphrase for the console"


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (which downloads no browser of its own)."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make browser` (make test does it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def serious_violations(page: Page) -> List[str]:
    """axe-core's serious and critical accessibility violations on the page as it is now."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


class CitySite(ThreadingHTTPServer):
    """A city's website on its own origin: /page?city=..&accent=.. embeds the widget."""

    assistant_url = ""

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _CityPage(BaseHTTPRequestHandler):
    server: CitySite

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        attributes = "".join(
            f' data-{name}="{html.escape(values[0])}"' for name, values in query.items()
        )
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City page</title>'
            '<link rel="icon" href="data:,"></head><body><main><h1>City utilities</h1>'
            "<p>Pay your bill.</p></main>"
            f'<script src="{self.server.assistant_url}/widget.js"{attributes} defer></script>'
            "</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Sites:
    listed: CitySite  # in BOT_WIDGET_ORIGINS
    unlisted: CitySite


@pytest.fixture(scope="session")
def sites() -> Iterator[Sites]:
    running = Sites(
        CitySite(("127.0.0.1", free_port()), _CityPage),
        CitySite(("127.0.0.1", free_port()), _CityPage),
    )
    for site in (running.listed, running.unlisted):
        threading.Thread(target=site.serve_forever, daemon=True).start()
    yield running
    for site in (running.listed, running.unlisted):
        site.shutdown()


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory, sites: Sites) -> Iterator[Servers]:
    model = latest_model()
    if model is None:
        pytest.fail("no trained model in models/: run `make train` (make test trains first)")
    workdir = tmp_path_factory.mktemp("servers")
    env = {
        "BOT_DATABASE_URL": f"sqlite:///{workdir / 'knowledge.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "BOT_TRACKER_DB": str(workdir / "trackers.db"),
        "BOT_WIDGET_ORIGINS": sites.listed.origin,
        "BOT_SMS_AUTH_TOKEN": SMS_TOKEN,
        "BOT_SMS_SENDER_SECRET": SMS_SECRET,
        "BOT_SMS_DATABASE_URL": f"sqlite:///{workdir / 'sms.db'}",
        "BOT_AGENT_PASSWORD": AGENT_PASSWORD,
        # every test's browser is this machine's one address: the bound per address is tested
        # with two instances in test_production.py
        "BOT_RATE_LIMIT_PER_ADDRESS": "5000",
    }
    running = start_servers(model, workdir, env=env, token=TOKEN, debug_log=True)
    sites.listed.assistant_url = sites.unlisted.assistant_url = running.rasa_url
    yield running
    running.stop()


def stored_bytes(servers: Servers) -> str:
    """Everything the SQLite tracker store holds on disk, database and write-ahead log alike
    (latin-1: every byte is a character), for searching what must never be stored."""
    return "".join(path.read_bytes().decode("latin-1") for path in servers.tracker_files())


def tracker_of(servers: Servers, sender: str) -> Dict[str, Any]:
    """A conversation as the Rasa server stores it (the HTTP API, with the test's token)."""
    url = f"{servers.rasa_url}/conversations/{sender}/tracker?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=30) as reply:
        return json.loads(reply.read())


class Chat:
    """One resident's conversation through the redacting REST channel."""

    def __init__(self, servers: Servers) -> None:
        self.servers = servers
        self.sender = new_id("resident")
        self.last: List[Dict[str, Any]] = []

    def say(self, text: str) -> List[str]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{self.servers.rasa_url}/webhooks/rest_redacted/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            self.last = json.loads(reply.read())
        return [m.get("text", "") for m in self.last]

    def tracker(self) -> Dict[str, Any]:
        return tracker_of(self.servers, self.sender)

    def slot(self, name: str) -> Any:
        return self.tracker()["slots"].get(name)


@pytest.fixture
def chat(servers: Servers) -> Chat:
    return Chat(servers)
