"""Starting the action server and the Rasa server as real processes (`make run` and the tests).

Both read the project's own `endpoints.yml` and `credentials.yml`; the `${...}` values in them come
from the environment built here from the settings. The knowledge is loaded into its database
before the action server starts: the action server only reads it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, TextIO

from bot.knowledge.store import ensure_loaded, make_engine
from bot.settings import PROJECT_ROOT, Settings, load_settings

RUN_DIR = PROJECT_ROOT / ".data" / "run"
WEBHOOK = "/webhooks/rest_redacted/webhook"
ENDPOINTS = PROJECT_ROOT / "endpoints.yml"
CREDENTIALS = PROJECT_ROOT / "credentials.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def latest_model(folder: Path = PROJECT_ROOT / "models") -> Optional[Path]:
    models = sorted(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 240) -> None:
    """Poll url until it answers 200; fail early if the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with code {process.returncode} before {url} answered"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@dataclass
class Servers:
    """A running action server and Rasa server."""

    rasa_url: str
    action_url: str
    processes: List[subprocess.Popen]
    token: Optional[str] = None
    workdir: Optional[Path] = None
    tracker_db: Optional[Path] = None

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _spawn(command: List[str], environ: Dict[str, str], log: Path) -> subprocess.Popen:
    """Start a process in the project folder, its output appended to a log file."""
    with open(log, "ab") as output:
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environ, stdout=output, stderr=subprocess.STDOUT
        )


def server_environment(settings: Settings, action_port: int) -> Dict[str, str]:
    """The values endpoints.yml and credentials.yml read from the environment."""
    return {
        "BOT_ACTION_ENDPOINT": f"http://127.0.0.1:{action_port}/webhook",
        "BOT_TRACKER_DB": str(settings.tracker_db),
        "BOT_WIDGET_ORIGINS": settings.widget_origins,
        "BOT_SMS_AUTH_TOKEN": settings.sms_auth_token,
        "BOT_SMS_SENDER_SECRET": settings.sms_sender_secret,
        "BOT_SMS_PUBLIC_URL": settings.sms_public_url,
        "BOT_SMS_DATABASE_URL": settings.sms_database_url,
        "BOT_SMS_CITY": settings.sms_city,
        "BOT_AGENT_PASSWORD": settings.agent_password,
        "BOT_AGENT_SESSION_HOURS": str(settings.agent_session_hours),
    }


def start_servers(
    model: Path,
    workdir: Path,
    env: Optional[Dict[str, str]] = None,
    rasa_port: Optional[int] = None,
    action_port: Optional[int] = None,
    token: Optional[str] = None,
    debug_log: bool = False,
) -> Servers:
    """Load the knowledge, start `rasa_sdk` (actions/) and `rasa run` (the model), wait for both."""
    workdir.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, **(env or {})}
    settings = load_settings(environ)
    ensure_loaded(make_engine(settings.database_url), settings.knowledge_dir)
    rasa_port = rasa_port or free_port()
    action_port = action_port or free_port()
    environ.update(server_environment(settings, action_port))
    actions = _spawn(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        environ,
        workdir / "actions.log",
    )
    command = [
        str(Path(sys.executable).parent / "rasa"),
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(ENDPOINTS),
        "--credentials",
        str(CREDENTIALS),
        "--port",
        str(rasa_port),
        "--interface",
        "127.0.0.1",
        "--log-file",
        str(workdir / "rasa.log"),
    ]
    if token:
        command += ["--enable-api", "--auth-token", token]
    if debug_log:
        command.append("--debug")
    rasa = _spawn(command, environ, workdir / "rasa.out")
    servers = Servers(
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{action_port}",
        [rasa, actions],
        token,
        workdir,
        settings.tracker_db,
    )
    try:
        wait_until_up(f"{servers.action_url}/health", actions)
        wait_until_up(f"{servers.rasa_url}/webhooks/rest_redacted/", rasa)
    except Exception:
        servers.stop()
        raise
    return servers


def model_or_exit() -> Path:
    model = latest_model()
    if model is None:
        raise SystemExit("No trained model in models/. Run `make train` first (make run does it).")
    return model


def serve(rasa_port: int, action_port: int, out: TextIO, err: TextIO) -> int:
    """`make run`: both servers on fixed ports with the configured settings, until Ctrl-C."""
    settings = load_settings()
    if settings.sms_auth_token and len(settings.sms_sender_secret) < 32:
        print(
            "BOT_SMS_AUTH_TOKEN is set but BOT_SMS_SENDER_SECRET is missing or shorter than 32 "
            "characters: the SMS channel will not start without it (it hides senders' numbers).",
            file=err,
        )
        return 2
    servers = start_servers(model_or_exit(), RUN_DIR, rasa_port=rasa_port, action_port=action_port)
    print(
        f"The assistant is running.\n"
        f"  Web widget:     {servers.rasa_url}/widget/demo   (a demonstration city page)\n"
        f'  Embed it with:  <script src="{servers.rasa_url}/widget.js" data-city="odessa-tx" '
        f"defer></script>\n"
        f"  SMS webhook:    {servers.rasa_url}/webhooks/sms/webhook "
        f"({'on' if settings.sms_auth_token else 'off: set BOT_SMS_AUTH_TOKEN'}); try it with "
        f'.venv/bin/python -m bot sms "was my payment affected?"\n'
        f"  Agent console:  {servers.rasa_url}/agent/ "
        f"({'on' if settings.agent_password else 'off: set BOT_AGENT_PASSWORD in .env'})\n"
        f"  Terminal chat:  make shell   (or .venv/bin/python -m bot chat)\n"
        f"  HTTP:           curl -s -XPOST {servers.rasa_url}{WEBHOOK} "
        f"-H 'Content-Type: application/json' "
        f'-d \'{{"sender": "me", "message": "was my payment affected?"}}\'\n'
        f"  Logs:           {RUN_DIR}/rasa.log, {RUN_DIR}/actions.log\n"
        f"Press Ctrl-C to stop.",
        file=out,
        flush=True,
    )
    try:
        while all(p.poll() is None for p in servers.processes):
            time.sleep(1)
        print(f"A server stopped; see the logs in {RUN_DIR}/.", file=err)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        servers.stop()
