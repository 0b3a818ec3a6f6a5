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


async def test_a_session_expires():
    now, clock = clocked()
    auth = AgentAuth("pass", session_hours=8, clock=clock)
    token = auth.issue()
    assert await auth.valid(token)
    now[0] += 8 * 3600 - 1
    assert await auth.valid(token)
    now[0] += 2
    assert not await auth.valid(token)


async def test_a_token_is_bound_to_the_password_and_cannot_be_forged():
    token = AgentAuth("pass").issue()
    assert not await AgentAuth("another pass").valid(token)
    expiry, nonce, name, role, signature = token.split(".")
    assert not await AgentAuth("pass").valid(
        f"{int(expiry) + 99999}.{nonce}.{name}.{role}.{signature}"
    )
    # a session cannot be made a supervisor's by editing its role
    assert not await AgentAuth("pass").valid(f"{expiry}.{nonce}.{name}.supervisor.{signature}")
    assert not await AgentAuth("pass").valid("garbage") and not await AgentAuth("pass").valid("")


async def test_log_out_revokes_the_token():
    auth = AgentAuth("pass")
    token, other = auth.issue(), auth.issue()
    await auth.revoke(token)
    assert not await auth.valid(token) and await auth.valid(other)


async def test_repeated_wrong_passwords_lock_the_address_for_a_while():
    now, clock = clocked()
    auth = AgentAuth("pass", clock=clock)
    for _ in range(MAX_FAILURES):
        assert not await auth.locked("10.0.0.1")
        await auth.failed("10.0.0.1")
    assert await auth.locked("10.0.0.1") and not await auth.locked("10.0.0.2")
    now[0] += 15 * 60 + 1
    assert not await auth.locked("10.0.0.1")


async def test_without_a_password_or_an_account_the_console_is_off(tmp_path):
    from bot.agents import AgentAccounts
    from bot.knowledge.store import make_engine

    accounts = AgentAccounts(make_engine(f"sqlite:///{tmp_path / 'k.db'}"))
    console = AgentInput("", 8.0, accounts)
    request = SimpleNamespace(method="GET", headers={}, cookies={})
    assert (await console._refusal(request)).status == 503
    on = AgentInput("pass", 1.0, accounts)
    assert on.auth.session_seconds == 3600 and (await on._refusal(request)).status == 401
    accounts.add("a-supervisor", "a long enough password", "supervisor")
    named = AgentInput("", 8.0, accounts)  # an account is enough to turn the console on
    assert (await named._refusal(request)).status == 401


async def test_behind_a_trusted_proxy_each_client_address_is_locked_out_on_its_own():
    from bot.client_address import client_address, parse_networks

    trusted = parse_networks("127.0.0.1")
    auth = AgentAuth("pass", clock=clocked()[1])
    attacker = client_address("127.0.0.1", "203.0.113.7", trusted)  # all come through nginx
    agent = client_address("127.0.0.1", "198.51.100.9", trusted)
    for _ in range(MAX_FAILURES):
        await auth.failed(attacker)
    assert await auth.locked(attacker)
    assert not await auth.locked(agent)  # one client's guesses lock out no other agent


async def test_a_revocation_is_forgotten_once_the_token_would_have_expired():
    from assistant.shared_state import MemoryState

    now, clock = clocked()
    state = MemoryState(clock=clock)
    auth = AgentAuth("pass", session_hours=1, clock=clock, state=state)
    token = auth.issue()
    await auth.revoke(token)
    assert not await auth.valid(token) and len(state) == 1
    now[0] += 3600 + 2
    assert not await auth.valid(token)  # expired by then anyway
    assert not await state.marked(f"revoked:{token.split('.')[1]}")


async def test_an_unreachable_accounts_database_keeps_the_console_as_it_was(tmp_path):
    from sqlalchemy import create_engine

    from bot.agents import AgentAccounts

    broken = AgentAccounts(create_engine(f"sqlite:///{tmp_path}/no/such/dir/k.db"))
    console = AgentInput("pass", 8.0, broken)
    request = SimpleNamespace(method="GET", headers={}, cookies={})
    assert (await console._refusal(request)).status == 401  # the shared password still works
