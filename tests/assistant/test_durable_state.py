"""The console's revocations and failed logins outlive the server that recorded them (the
default deployment); nothing else is written to the database."""

from __future__ import annotations

from sqlalchemy import func, select

from assistant.agent_auth import MAX_FAILURES, AgentAuth
from assistant.durable_state import DurableState, console_state
from bot.knowledge.store import make_engine


def restartable(tmp_path):
    url = f"sqlite:///{tmp_path / 'state.db'}"
    return lambda: DurableState(lambda: make_engine(url))


async def test_a_revoked_session_stays_revoked_after_a_restart(tmp_path):
    server = restartable(tmp_path)
    before = AgentAuth("pw-123456", state=server())
    token = before.issue()
    assert await before.valid(token)
    await before.revoke(token)
    after = AgentAuth("pw-123456", state=server())  # a new process, the same database
    assert not await after.valid(token)
    assert await after.valid(after.issue())  # a new session works


async def test_a_locked_out_address_stays_locked_after_a_restart(tmp_path):
    server = restartable(tmp_path)
    before = AgentAuth("pw-123456", state=server())
    for _ in range(MAX_FAILURES):
        await before.failed("203.0.113.9")
    assert await before.locked("203.0.113.9")
    after = AgentAuth("pw-123456", state=server())
    assert await after.locked("203.0.113.9")
    assert not await after.locked("203.0.113.10")


async def test_rate_limit_counters_stay_in_memory(tmp_path):
    state = restartable(tmp_path)()
    await state.hit("rate:sender:web-abc", 60)
    await state.mark("redact:fragment:web-abc", 60)
    await state.mark("revoked:nonce", 60)
    with state._db().connect() as db:
        keys = [row[0] for row in db.execute(select(console_state.c.key))]
    assert keys == ["revoked:nonce"]


async def test_expired_entries_are_not_read_back_and_are_deleted(tmp_path):
    now = [1000.0]
    url = f"sqlite:///{tmp_path / 'state.db'}"
    first = DurableState(lambda: make_engine(url), clock=lambda: now[0])
    await first.mark("revoked:old", 10)
    now[0] += 60
    second = DurableState(lambda: make_engine(url), clock=lambda: now[0])
    assert not await second.marked("revoked:old")
    with second._db().connect() as db:
        assert db.execute(select(func.count()).select_from(console_state)).scalar() == 0
