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


async def test_a_dead_holder_frees_the_lock_when_its_lifetime_ends(store: AtomicRedisLockStore):
    conversation = f"c-{uuid.uuid4().hex}"
    await store.redis.set(store.key(conversation), "someone-else", px=300)
    async with store.lock(conversation, lock_lifetime=5):
        pass  # acquired after about 0.3 s


async def test_a_holder_whose_lifetime_ended_does_not_release_the_next_one(
    store: AtomicRedisLockStore,
):
    conversation = f"c-{uuid.uuid4().hex}"
    key = store.key(conversation)
    async with store.lock(conversation, lock_lifetime=0.2):
        await asyncio.sleep(0.3)  # too slow: its lock expired and another instance took it
        await store.redis.set(key, "the-next-holder", px=5000)
    assert await store.redis.get(key) == b"the-next-holder"  # left alone
