"""Starting the action server and the Rasa server as real processes (for `make run` and the tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from bot.settings import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def latest_model(folder: Path = PROJECT_ROOT / "models") -> Optional[Path]:
    models = sorted(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def write_endpoints(path: Path, action_port: int, tracker_db: Path) -> Path:
    """An endpoints file for these ports and a private SQLite tracker store."""
    path.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tracker_db}\n"
    )
    return path


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


def start_servers(
    model: Path,
    workdir: Path,
    env: Optional[Dict[str, str]] = None,
    rasa_port: Optional[int] = None,
    action_port: Optional[int] = None,
    token: Optional[str] = None,
    debug_log: bool = False,
) -> Servers:
    """Start `rasa_sdk` (actions/) and `rasa run` (the model) and wait until both answer."""
    workdir.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, **(env or {})}
    rasa_port = rasa_port or free_port()
    action_port = action_port or free_port()
    bin_dir = Path(sys.executable).parent
    actions = _spawn(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        environ,
        workdir / "actions.log",
    )
    endpoints = write_endpoints(workdir / "endpoints.yml", action_port, workdir / "trackers.db")
    command = [
        str(bin_dir / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints),
        "--credentials", str(PROJECT_ROOT / "credentials.yml"), "--port", str(rasa_port),
        "--interface", "127.0.0.1", "--log-file", str(workdir / "rasa.log"),
    ]  # fmt: skip
    if token:
        command += ["--enable-api", "--auth-token", token]
    if debug_log:
        command.append("--debug")
    rasa = _spawn(command, environ, workdir / "rasa.out")
    servers = Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}",
                      [rasa, actions], token, workdir)  # fmt: skip
    try:
        wait_until_up(f"{servers.action_url}/health", actions)
        wait_until_up(f"{servers.rasa_url}/webhooks/rest_redacted/", rasa)
    except Exception:
        servers.stop()
        raise
    return servers
