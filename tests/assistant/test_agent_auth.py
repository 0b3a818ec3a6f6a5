"""The agent console's login: constant-time password check, signed expiring sessions, log-out,
and a lock after repeated wrong passwords."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.agent_auth import MAX_FAILURES, AgentAuth
from assistant.channels.agent import AgentInput


def clocked(start: float = 1_000_000.0):
    now = [start]
    return now, (lambda: now[0])


def test_the_password():
    auth = AgentAuth("a long passphrase")
    assert auth.password_ok("a long passphrase")
    assert not auth.password_ok("a long passphras") and not auth.password_ok("")


def test_a_session_expires():
    now, clock = clocked()
    auth = AgentAuth("pass", session_hours=8, clock=clock)
    token = auth.issue()
    assert auth.valid(token)
    now[0] += 8 * 3600 - 1
    assert auth.valid(token)
    now[0] += 2
    assert not auth.valid(token)


def test_a_token_is_bound_to_the_password_and_cannot_be_forged():
    token = AgentAuth("pass").issue()
    assert not AgentAuth("another pass").valid(token)
    expiry, nonce, signature = token.split(".")
    assert not AgentAuth("pass").valid(f"{int(expiry) + 99999}.{nonce}.{signature}")
    assert not AgentAuth("pass").valid("garbage") and not AgentAuth("pass").valid("")


def test_log_out_revokes_the_token():
    auth = AgentAuth("pass")
    token, other = auth.issue(), auth.issue()
    auth.revoke(token)
    assert not auth.valid(token) and auth.valid(other)


def test_repeated_wrong_passwords_lock_the_address_for_a_while():
    now, clock = clocked()
    auth = AgentAuth("pass", clock=clock)
    for _ in range(MAX_FAILURES):
        assert not auth.locked("10.0.0.1")
        auth.failed("10.0.0.1")
    assert auth.locked("10.0.0.1") and not auth.locked("10.0.0.2")
    now[0] += 15 * 60 + 1
    assert not auth.locked("10.0.0.1")


def test_without_a_password_the_console_is_off():
    console = AgentInput.from_credentials({"password": "", "session_hours": ""})
    assert console.auth is None
    request = SimpleNamespace(method="GET", headers={}, cookies={})
    assert console._refusal(request).status == 503
    on = AgentInput.from_credentials({"password": "pass", "session_hours": "1"})
    assert on.auth.session_seconds == 3600 and on._refusal(request).status == 401
