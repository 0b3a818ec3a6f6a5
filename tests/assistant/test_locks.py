"""The atomic Redis lock store: one holder per conversation at a time (real Redis)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import redis

from assistant.locks import AtomicRedisLockStore

URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def store() -> AtomicRedisLockStore:
    try:
        redis.Redis.from_url(URL).ping()
    except redis.RedisError:
        pytest.skip(f"Redis at {URL} is not reachable")
    return AtomicRedisLockStore(url=URL)


async def test_two_holders_never_overlap(store: AtomicRedisLockStore):
    conversation = f"c-{uuid.uuid4().hex}"
    inside = []
    overlaps = []

    async def turn(number: int) -> None:
        async with store.lock(conversation):
            inside.append(number)
            if len(inside) > 1:
                overlaps.append(list(inside))
            await asyncio.sleep(0.02)
            inside.remove(number)

    await asyncio.gather(*(turn(n) for n in range(10)))
    assert overlaps == []


async def test_other_conversations_do_not_wait(store: AtomicRedisLockStore):
    async with store.lock(f"a-{uuid.uuid4().hex}"), store.lock(f"b-{uuid.uuid4().hex}"):
        pass  # would hang if the lock were global


async def test_a_dead_holder_frees_the_lock_when_its_heartbeat_ends(store: AtomicRedisLockStore):
    conversation = f"c-{uuid.uuid4().hex}"
    # an instance that queued a ticket and died: its heartbeat is not renewed
    await store.redis.set(store.beat_prefix(conversation) + "dead", b"1", px=300)
    await store.redis.rpush(store.key(conversation), "dead")
    started = asyncio.get_running_loop().time()
    async with store.lock(conversation, lock_lifetime=5):
        waited = asyncio.get_running_loop().time() - started
    assert 0.25 <= waited < 3


async def test_turns_run_in_the_order_they_arrived_across_two_instances(
    store: AtomicRedisLockStore,
):
    other = AtomicRedisLockStore(url=URL)  # a second Rasa server
    conversation = f"c-{uuid.uuid4().hex}"
    entered = []

    async def turn(number: int) -> None:
        async with (store, other)[number % 2].lock(conversation, lock_lifetime=10):
            entered.append(number)
            await asyncio.sleep(0.01)

    tasks = []
    for number in range(12):
        tasks.append(asyncio.ensure_future(turn(number)))
        await asyncio.sleep(0.005)  # each turn takes its ticket before the next arrives
    await asyncio.gather(*tasks)
    assert entered == list(range(12))


async def test_a_turn_slower_than_the_lifetime_keeps_its_lock(store: AtomicRedisLockStore):
    conversation = f"c-{uuid.uuid4().hex}"
    events = []

    async def slow() -> None:
        async with store.lock(conversation, lock_lifetime=0.3):
            events.append("slow in")
            await asyncio.sleep(1.0)  # three lifetimes: renewed all along
            events.append("slow out")

    async def next_turn() -> None:
        await asyncio.sleep(0.05)
        async with store.lock(conversation, lock_lifetime=5):
            events.append("next in")

    await asyncio.gather(slow(), next_turn())
    assert events == ["slow in", "slow out", "next in"]


async def test_a_turn_that_waits_too_long_gives_up_and_leaves_the_line(store: AtomicRedisLockStore):
    from rasa.core.lock_store import LockError

    conversation = f"c-{uuid.uuid4().hex}"
    async with store.lock(conversation, lock_lifetime=5):
        with pytest.raises(LockError):
            async with store.lock(conversation, lock_lifetime=0.2):
                pass
        assert await store.redis.llen(store.key(conversation)) == 1  # only the holder
    assert await store.redis.llen(store.key(conversation)) == 0
    assert await store.redis.ttl(store.key(conversation)) in (-2, -1)  # gone with the last turn
