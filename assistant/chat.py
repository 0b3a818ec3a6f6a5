"""`python -m bot chat`: talk to the assistant in a terminal, through the redacting REST channel."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import List, Optional, TextIO

from assistant.run import RUN_DIR, WEBHOOK, Servers, model_or_exit, start_servers
from bot.ids import new_id


def say(url: str, sender: str, text: str) -> List[str]:
    """One message to the assistant at url; the texts of its replies."""
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
        started = start_servers(model_or_exit(), RUN_DIR / "shell")
        url = started.rasa_url
    sender = new_id("terminal")
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
