"""Starting the assistant's servers as real processes (`make run`, the tests and the benchmark).

Two topologies, chosen by BOT_DEPLOYMENT:
- default: one Rasa server and one action server; SQLite for the knowledge and the
  conversations; `endpoints.yml`.
- production: BOT_RASA_INSTANCES Rasa servers (2) sharing a PostgreSQL tracker store and a Redis
  lock store (`endpoints.production.yml`), behind nginx as the load balancer (round robin: turns
  of one conversation go to any instance); one action server with BOT_ACTION_WORKERS workers;
  the knowledge in PostgreSQL.

Every server reads the project's own `endpoints*.yml` and `credentials.yml`; their `${...}`
values come from the environment built here from the settings. The knowledge is loaded before the
action server starts: the action server only reads it. Rasa runs through `assistant.rasa_server`,
which applies assistant/patches.py first.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, TextIO

from sqlalchemy.engine import make_url

from assistant.processes import Managed, stop_all, supervise
from bot.knowledge.store import ensure_loaded, make_engine
from bot.settings import PROJECT_ROOT, Settings, load_settings

RUN_DIR = PROJECT_ROOT / ".data" / "run"
WEBHOOK = "/webhooks/rest_redacted/webhook"
BACKLOG = 1024
HEALTH = "/webhooks/rest_redacted/"
ENDPOINTS = {"default": "endpoints.yml", "production": "endpoints.production.yml"}
CREDENTIALS = PROJECT_ROOT / "credentials.yml"
NGINX = Path("/usr/sbin/nginx")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def latest_model(folder: Path = PROJECT_ROOT / "models") -> Optional[Path]:
    models = sorted(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def model_or_exit() -> Path:
    model = latest_model()
    if model is None:
        raise SystemExit("No trained model in models/. Run `make train` first (make run does it).")
    return model


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Sanic workers), in MB (from /proc)."""
    total = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += rss_mb(int(child))
    except OSError:
        pass
    return round(total, 1)


@dataclass
class Servers:
    """A running assistant. rasa_url is where residents talk to it (nginx in production)."""

    rasa_url: str
    action_url: str
    processes: List[Managed]
    token: Optional[str] = None
    workdir: Optional[Path] = None
    tracker_db: Optional[Path] = None  # the SQLite tracker store (default topology)
    instances: List[str] = None  # each Rasa server's own URL

    def tracker_files(self) -> List[Path]:
        """The SQLite tracker store's files on disk: the database and, while the server runs,
        its write-ahead log (recent turns are there until a checkpoint copies them over)."""
        if self.tracker_db is None:
            return []
        candidates = [self.tracker_db, Path(f"{self.tracker_db}-wal")]
        return [path for path in candidates if path.exists()]

    def managed(self, name: str) -> Managed:
        return next(m for m in self.processes if m.name == name)

    def memory(self) -> Dict[str, float]:
        return {m.name: rss_mb(m.pid) for m in self.processes}

    def stop(self) -> None:
        stop_all(self.processes)


def server_environment(settings: Settings, action_port: int) -> Dict[str, str]:
    """The values endpoints*.yml and credentials.yml read from the environment."""
    values = {
        "BOT_ACTION_ENDPOINT": f"http://{_address(settings.action_host)}:{action_port}/webhook",
        "BOT_ACTION_TOKEN": settings.action_token,
        "BOT_TRACKER_DB": str(settings.tracker_db),
        "BOT_WIDGET_ORIGINS": settings.widget_origins,
        "BOT_SMS_AUTH_TOKEN": settings.sms_auth_token,
        "BOT_SMS_SENDER_SECRET": settings.sms_sender_secret,
        "BOT_SMS_PUBLIC_URL": settings.sms_public_url,
        "BOT_SMS_DATABASE_URL": settings.sms_database_url,
        "BOT_SMS_CITY": settings.sms_city,
        "BOT_AGENT_PASSWORD": settings.agent_password,
        "BOT_AGENT_SESSION_HOURS": str(settings.agent_session_hours),
        "BOT_REDIS_URL": settings.redis_url,
        "BOT_MESSAGE_MAX_CHARS": str(settings.message_max_chars),
        "BOT_RATE_LIMIT_PER_MINUTE": str(settings.rate_limit_per_minute),
        "BOT_RATE_LIMIT_PER_ADDRESS": str(settings.rate_limit_per_address),
        "BOT_TRUSTED_PROXIES": settings.trusted_proxies,
        "BOT_DEPLOYMENT": settings.deployment,  # the shared state: Redis in production
        "BOT_ACTION_TIMEOUT_SECONDS": str(settings.action_timeout_seconds),
        # Connections waiting to be accepted: Rasa's 100 reset the 101st of a burst (a city's
        # notice going out) instead of letting it wait its turn.
        "SANIC_BACKLOG": os.environ.get("SANIC_BACKLOG") or str(BACKLOG),
    }
    if settings.deployment == "production":
        url = make_url(settings.tracker_url)
        values.update(
            {
                "BOT_TRACKER_DIALECT": url.get_backend_name(),
                "BOT_TRACKER_HOST": url.host or "127.0.0.1",
                "BOT_TRACKER_PORT": str(url.port or 5432),
                "BOT_TRACKER_NAME": url.database or "",
                "BOT_TRACKER_USER": url.username or "",
                "BOT_TRACKER_PASSWORD": url.password or "",
            }
        )
    return values


def _address(host: str) -> str:
    """Where to reach a server listening on host (all interfaces: this machine's loopback)."""
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _actions(environ: Dict[str, str], workdir: Path, port: int, workers: int, host: str) -> Managed:
    return Managed(
        "actions",
        [sys.executable, "-m", "assistant.action_server", "--port", str(port)],
        {**environ, "ACTION_SERVER_SANIC_WORKERS": str(workers)},
        workdir / "actions.log",
        f"http://{_address(host)}:{port}/health",
    )


def _rasa(
    name: str,
    model: Path,
    environ: Dict[str, str],
    workdir: Path,
    port: int,
    endpoints: str,
    token: Optional[str],
    debug_log: bool,
    interface: str = "127.0.0.1",
) -> Managed:
    command = [
        sys.executable,
        "-m",
        "assistant.rasa_server",  # Rasa with assistant/patches.py applied
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(PROJECT_ROOT / endpoints),
        "--credentials",
        str(CREDENTIALS),
        "--port",
        str(port),
        "--interface",
        interface,
        "--log-file",
        str(workdir / f"{name}.log"),
    ]
    if token:
        command += ["--enable-api", "--auth-token", token]
    if debug_log:
        command.append("--debug")
    health = f"http://{_address(interface)}:{port}{HEALTH}"
    return Managed(name, command, environ, workdir / f"{name}.out", health)


NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    client_max_body_size 64k;
    upstream rasa {{
{servers}
        keepalive 32;
    }}
    server {{
        listen {bind}:{port};
        location / {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # an instance that refuses the connection is skipped; a reply half-sent is not resent
            proxy_next_upstream error non_idempotent;
            proxy_read_timeout 60s;
            add_header X-Served-By $upstream_addr always;
        }}
    }}
}}
"""


def _nginx(workdir: Path, port: int, upstream: List[int], bind: str = "127.0.0.1") -> Managed:
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in upstream
    )
    conf = workdir / "nginx.conf"
    listen = f"[{bind}]" if ":" in bind else bind
    conf.write_text(NGINX_CONF.format(workdir=workdir, servers=servers, port=port, bind=listen))
    return Managed(
        "nginx",
        [str(NGINX), "-p", str(workdir), "-c", str(conf)],
        dict(os.environ),
        workdir / "nginx.out",
        f"http://{_address(bind)}:{port}{HEALTH}",
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
    """Load the knowledge, start the servers of the configured topology, wait for all."""
    workdir.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, **(env or {}), "RASA_TELEMETRY_ENABLED": "false"}
    settings = load_settings(environ)
    ensure_loaded(make_engine(settings.database_url), settings.knowledge_dir)
    rasa_port = rasa_port or free_port()
    action_port = action_port or free_port()
    environ.update(server_environment(settings, action_port))
    if not environ.get("BOT_ACTION_TOKEN"):
        # No token configured: one made for this run, known only to these two processes, so that
        # nothing else on the machine can list or run the actions.
        environ["BOT_ACTION_TOKEN"] = secrets.token_urlsafe(32)
    endpoints = ENDPOINTS[settings.deployment]
    processes = [
        _actions(environ, workdir, action_port, settings.action_workers, settings.action_host)
    ]
    if settings.deployment == "production":
        if not NGINX.exists():
            raise RuntimeError("the production topology needs nginx: run `make production-deps`")
        ports = [free_port() for _ in range(settings.rasa_instances)]
        processes += [
            _rasa(f"rasa-{i}", model, environ, workdir, p, endpoints, token, debug_log)
            for i, p in enumerate(ports, 1)
        ]
        processes.append(_nginx(workdir, rasa_port, ports, settings.bind_address))
    else:
        ports = [rasa_port]
        processes.append(
            _rasa(
                "rasa",
                model,
                environ,
                workdir,
                rasa_port,
                endpoints,
                token,
                debug_log,
                settings.bind_address,
            )
        )
    servers = Servers(
        f"http://{_address(settings.bind_address)}:{rasa_port}",
        f"http://{_address(settings.action_host)}:{action_port}",
        processes,
        token,
        workdir,
        settings.tracker_db if settings.deployment == "default" else None,
        [f"http://127.0.0.1:{p}" for p in ports],
    )
    try:
        for managed in processes:
            managed.start()
        for managed in processes:
            managed.wait_until_up()
    except Exception:
        servers.stop()
        raise
    return servers


def serve(rasa_port: int, action_port: int, out: TextIO, err: TextIO) -> int:
    """`make run`: the configured topology on fixed ports, restarted when a server crashes."""
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
        f"The assistant is running ({settings.deployment} deployment).\n"
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
        f"  Logs:           {RUN_DIR}/\n"
        f"  Servers:        "
        + ", ".join(f"{m.name} pid {m.pid}" for m in servers.processes)
        + "\nA server that crashes is restarted. Press Ctrl-C to stop.",
        file=out,
        flush=True,
    )
    try:
        supervise(servers.processes)
        return 0
    except KeyboardInterrupt:
        return 0
    except RuntimeError as error:
        print(str(error), file=err)
        return 1
    finally:
        servers.stop()
