"""Who is on the other end of a request, when the assistant sits behind a reverse proxy.

Behind nginx (the production topology, or a city's own TLS front) every request comes from the
proxy's address, so the client is read from `X-Forwarded-For` — but only when the request comes
from a trusted proxy (`BOT_TRUSTED_PROXIES`, addresses or networks; loopback by default, where
the project's own nginx runs). The client is the right-most address in that header that is not
itself a trusted proxy (each proxy appends the address it saw; anything to the left of a trusted
one could have been written by the client). `X-Forwarded-Proto: https` from a trusted proxy means
the resident's connection was TLS, so cookies get `Secure`.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Iterable, List, Optional, Sequence, Union

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
DEFAULT_TRUSTED = "127.0.0.1/32, ::1/128"


def parse_networks(text: str) -> List[Network]:
    """'127.0.0.1, 10.0.0.0/8' -> networks; a value that is not an address is an error."""
    networks = []
    for item in (part.strip() for part in (text or "").split(",")):
        if item:
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError as error:
                raise ValueError(
                    f"BOT_TRUSTED_PROXIES: {item!r} is not an address or network"
                ) from error
    return networks


def trusted_proxies() -> List[Network]:
    """The trusted proxies of this process (BOT_TRUSTED_PROXIES, passed on by assistant/run.py)."""
    value = os.environ.get("BOT_TRUSTED_PROXIES")
    return parse_networks(DEFAULT_TRUSTED if value is None else value)


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(peer: str, forwarded_for: Optional[str], trusted: Iterable[Network]) -> str:
    """The client's address: the peer's own, unless the peer is a trusted proxy."""
    networks = list(trusted)
    if not peer or not _is_trusted(peer, networks) or not forwarded_for:
        return peer or "unknown"
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def is_https(
    scheme: str, peer: str, forwarded_proto: Optional[str], trusted: Iterable[Network]
) -> bool:
    """Whether the client's own connection was TLS (directly, or at a trusted proxy)."""
    if scheme == "https":
        return True
    if forwarded_proto and _is_trusted(peer or "", list(trusted)):
        return forwarded_proto.split(",")[0].strip().lower() == "https"
    return False


def of_request(request) -> str:  # noqa: ANN001 - a Sanic request
    """The client address of a Sanic request."""
    return client_address(
        request.ip or "", request.headers.get("x-forwarded-for"), trusted_proxies()
    )


def request_is_https(request) -> bool:  # noqa: ANN001 - a Sanic request
    return is_https(
        request.scheme,
        request.ip or "",
        request.headers.get("x-forwarded-proto"),
        trusted_proxies(),
    )
