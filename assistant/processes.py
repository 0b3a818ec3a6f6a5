"""The assistant's server processes: started, watched, restarted when one crashes, stopped."""

from __future__ import annotations

import logging
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from bot.logs import log_event
from bot.settings import PROJECT_ROOT

log = logging.getLogger(__name__)


@dataclass
class Managed:
    """One server process: its command, environment, log file and health URL."""

    name: str
    command: List[str]
    env: Dict[str, str]
    log_file: Path
    health: Optional[str] = None
    process: Optional[subprocess.Popen] = None
    restarts: List[float] = field(default_factory=list)

    def start(self) -> Managed:
        with open(self.log_file, "ab") as output:
            self.process = subprocess.Popen(
                self.command,
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def pid(self) -> int:
        return self.process.pid if self.process else 0

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def wait_until_up(self, seconds: float = 240) -> None:
        """Poll the health URL until it answers 200; fail early if the process died."""
        if not self.health:
            return
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(
                    f"{self.name} exited with code {self.process.returncode} before "
                    f"{self.health} answered; see {self.log_file}"
                )
            try:
                with urllib.request.urlopen(self.health, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"{self.health} did not answer within {seconds} s")


def stop_all(processes: List[Managed]) -> None:
    for managed in processes:
        if managed.alive():
            managed.process.terminate()
    for managed in processes:
        managed.stop()


def supervise(
    processes: List[Managed],
    keep_going: Callable[[], bool] = lambda: True,
    poll_seconds: float = 1.0,
    max_restarts_per_minute: int = 5,
) -> None:
    """Restart any process that exits; give up on one that keeps crashing (5 times a minute)."""
    while keep_going():
        for managed in processes:
            if managed.alive():
                continue
            now = time.monotonic()
            managed.restarts = [t for t in managed.restarts if t > now - 60]
            if len(managed.restarts) >= max_restarts_per_minute:
                raise RuntimeError(f"{managed.name} keeps crashing; see {managed.log_file}")
            log_event(
                log,
                "server.restarted",
                logging.WARNING,
                server=managed.name,
                code=managed.process.returncode if managed.process else None,
            )
            managed.restarts.append(now)
            managed.start()
        time.sleep(poll_seconds)
