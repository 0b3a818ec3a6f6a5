"""`python -m bot serve` and `python -m bot chat`: run the assistant, or talk to it in a terminal."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import List, Optional, TextIO

from bot.servers import Servers, latest_model, start_servers, wait_until_up
from bot.settings import PROJECT_ROOT

RUN_DIR = PROJECT_ROOT / ".data" / "run"
WEBHOOK = "/webhooks/rest_redacted/webhook"


def _model() -> Path:
    model = latest_model()
    if model is None:
        raise SystemExit("No trained model in models/. Run `make train` first (make run does it).")
    return model


def serve(rasa_port: int, action_port: int, out: TextIO) -> Servers:
    """Start both servers on fixed ports with the embedded defaults (SQLite)."""
    servers = start_servers(_model(), RUN_DIR, rasa_port=rasa_port, action_port=action_port)
    print(
        f"The assistant is running.\n"
        f"  Terminal chat:  make shell   (or .venv/bin/python -m bot chat)\n"
        f"  HTTP:           curl -s -XPOST {servers.rasa_url}{WEBHOOK} "
        f'-H \'Content-Type: application/json\' -d \'{{"sender": "me", "message": "was my payment affected?"}}\'\n'
        f"  Logs:           {RUN_DIR}/rasa.log, {RUN_DIR}/actions.log\n"
        f"Press Ctrl-C to stop.",
        file=out,
    )
    return servers


def say(url: str, sender: str, text: str) -> List[str]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        url + WEBHOOK, data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as reply:
        return [m.get("text", "") for m in json.loads(reply.read())]


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/webhooks/rest_redacted/", timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


def chat(url: str, stdin: TextIO, out: TextIO) -> int:
    """A terminal conversation; starts private servers when none answers at url."""
    started: Optional[Servers] = None
    if not _is_up(url):
        print("Starting the assistant (about half a minute)...", file=out, flush=True)
        started = start_servers(_model(), RUN_DIR / "shell")
        url = started.rasa_url
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Type your message; 'quit' to leave. Try: was my payment affected?", file=out)
    try:
        while True:
            out.write("you> ")
            out.flush()
            line = stdin.readline()
            if not line or line.strip().lower() in ("quit", "exit"):
                return 0
            if not line.strip():
                continue
            for reply in say(url, sender, line.strip()):
                print(f"bot> {reply}", file=out)
    finally:
        if started is not None:
            started.stop()


__all__ = ["serve", "chat", "say", "wait_until_up"]
