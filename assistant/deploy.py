"""The files a city's IT installs to run the assistant behind its own name (`deploy/`): the
nginx TLS front, rendered with the city's name, certificate and the assistant's address."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
SERVER_NAME = re.compile(r"^[A-Za-z0-9.-]{1,253}$")
ADDRESS = re.compile(r"^[A-Za-z0-9.:\[\]-]{1,100}$")


def tls_front(
    server_name: str,
    cert: str,
    key: str,
    upstream: str = "127.0.0.1:5005",
    listen: str = "443",
    http_listen: str = "80",
    proxy_params: Path = DEPLOY / "proxy-params.conf",
) -> str:
    """deploy/nginx-tls.conf with its placeholders filled in (each value checked)."""
    if not SERVER_NAME.match(server_name):
        raise ValueError(f"not a host name: {server_name!r}")
    for name, value in (("upstream", upstream), ("listen", listen), ("http listen", http_listen)):
        if not ADDRESS.match(value):
            raise ValueError(f"not an address or port for {name}: {value!r}")
    for name, path in (("certificate", cert), ("key", key)):
        if not Path(path).is_absolute() or any(c in path for c in " ;{}\n"):
            raise ValueError(f"give the {name} as an absolute path without spaces: {path!r}")
    values = {
        "{{SERVER_NAME}}": server_name,
        "{{CERT}}": cert,
        "{{KEY}}": key,
        "{{UPSTREAM}}": upstream,
        "{{LISTEN}}": listen,
        "{{HTTP_LISTEN}}": http_listen,
        "{{PROXY_PARAMS}}": str(proxy_params),
    }
    text = (DEPLOY / "nginx-tls.conf").read_text(encoding="utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text
