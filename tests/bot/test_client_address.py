"""The client behind a reverse proxy: X-Forwarded-For and -Proto believed from trusted proxies only."""

from __future__ import annotations

import pytest

from bot.client_address import client_address, is_https, parse_networks

LOOPBACK = parse_networks("127.0.0.1/32, ::1/128")
FRONTS = parse_networks("127.0.0.1, 10.0.0.0/8")


@pytest.mark.parametrize(
    "peer, forwarded, trusted, client",
    [
        ("127.0.0.1", "203.0.113.7", LOOPBACK, "203.0.113.7"),  # our nginx on loopback
        ("203.0.113.9", "10.1.1.1", LOOPBACK, "203.0.113.9"),  # not a proxy: its header is ignored
        ("127.0.0.1", None, LOOPBACK, "127.0.0.1"),
        ("127.0.0.1", "6.6.6.6, 203.0.113.7", LOOPBACK, "203.0.113.7"),  # a forged left part
        ("127.0.0.1", "203.0.113.7, 10.2.3.4", FRONTS, "203.0.113.7"),  # two proxies in a row
        ("127.0.0.1", "203.0.113.7", [], "127.0.0.1"),  # no proxy trusted
        ("::1", "2001:db8::5", LOOPBACK, "2001:db8::5"),
    ],
)
def test_the_client_is_the_right_most_address_not_a_trusted_proxy(peer, forwarded, trusted, client):
    assert client_address(peer, forwarded, trusted) == client


def test_https_at_a_trusted_front_counts_as_https():
    assert is_https("http", "127.0.0.1", "https", LOOPBACK)
    assert not is_https("http", "203.0.113.9", "https", LOOPBACK)  # anyone can send the header
    assert not is_https("http", "127.0.0.1", None, LOOPBACK)
    assert is_https("https", "203.0.113.9", None, LOOPBACK)


def test_a_wrong_trusted_proxy_setting_is_named():
    with pytest.raises(ValueError, match="'nginx' is not an address"):
        parse_networks("127.0.0.1, nginx")
