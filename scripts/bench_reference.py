"""The reference the benchmark compares with: `rasa init`'s own starter bot, under the same harness.

`rasa init --no-prompt` (Rasa's default pipeline and policies, no custom actions) is created and
trained once into `.data/bench/rasa-init-<rasa version>/` (about 14 minutes on a 2-core machine)
and reused; `scripts/bench.py` then starts it with `rasa run` on a free port and drives it with the
same residents and messages as the assistant, in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Tuple

from assistant.processes import Managed
from assistant.run import free_port
from bot.settings import PROJECT_ROOT

REST_WEBHOOK = "/webhooks/rest/webhook"


def rasa_version() -> str:
    import rasa

    return rasa.__version__


def reference_folder() -> Path:
    return PROJECT_ROOT / ".data" / "bench" / f"rasa-init-{rasa_version()}"


def trained_reference(folder: Path) -> Path:
    """The starter bot's model, created and trained the first time (then cached)."""
    models = sorted((folder / "models").glob("*.tar.gz"))
    if models:
        return models[-1]
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Training rasa init's starter bot once into {folder} (cached for later runs)...")
    rasa = str(Path(sys.executable).with_name("rasa"))
    subprocess.run(
        [rasa, "init", "--no-prompt", "--init-dir", str(folder)],
        cwd=folder,
        check=True,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        stdout=subprocess.DEVNULL,
    )
    models = sorted((folder / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(f"rasa init trained no model into {folder / 'models'}")
    return models[-1]


def start_reference(workdir: Path, env: Dict[str, str], token: str) -> Tuple[Managed, str]:
    """`rasa run` for the starter bot on a free loopback port, with its own credentials; the
    process and its base URL."""
    folder = reference_folder()
    model = trained_reference(folder)
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--model",
        str(model),
        "--credentials",
        str(folder / "credentials.yml"),
        "--endpoints",
        str(folder / "endpoints.yml"),
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        "--enable-api",
        "--auth-token",
        token,
    ]
    health = f"http://127.0.0.1:{port}/"
    server = Managed("rasa-init", command, env, workdir / "rasa-init.out", health).start()
    server.wait_until_up()
    return server, f"http://127.0.0.1:{port}"
