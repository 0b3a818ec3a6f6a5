"""End-to-end: a real action server and Rasa server with the trained model, spoken to over HTTP."""

from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any, Dict, Iterator, List

import pytest

from assistant.run import Servers, latest_model, start_servers
from tests.conftest import KNOWLEDGE_DIR

TOKEN = "e2e-test-token"


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    model = latest_model()
    if model is None:
        pytest.fail("no trained model in models/: run `make train` (make test trains first)")
    workdir = tmp_path_factory.mktemp("servers")
    env = {
        "BOT_DATABASE_URL": f"sqlite:///{workdir / 'knowledge.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "BOT_TRACKER_DB": str(workdir / "trackers.db"),
    }
    running = start_servers(model, workdir, env=env, token=TOKEN, debug_log=True)
    yield running
    running.stop()


class Chat:
    """One resident's conversation through the redacting REST channel."""

    def __init__(self, servers: Servers) -> None:
        self.servers = servers
        self.sender = f"resident-{uuid.uuid4().hex[:10]}"
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
        url = f"{self.servers.rasa_url}/conversations/{self.sender}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=30) as reply:
            return json.loads(reply.read())

    def slot(self, name: str) -> Any:
        return self.tracker()["slots"].get(name)


@pytest.fixture
def chat(servers: Servers) -> Chat:
    return Chat(servers)
