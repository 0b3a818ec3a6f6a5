"""The channels' counters and marks: bounded and expiring in memory; shared in Redis."""

from __future__ import annotations

import uuid

import pytest
import redis

from assistant.channels.delivery import RateLimit
from assistant.shared_state import MemoryState, RedisState, SafeState

URL = "redis://127.0.0.1:6379/11"


def clocked(start: float = 1000.0):
    now = [start]
    return now, (lambda: now[0])


async def test_a_counter_counts_hits_within_its_sliding_window():
    now, clock = clocked()
    state = MemoryState(clock=clock)
    assert [await state.hit("k", 60) for _ in range(3)] == [1, 2, 3]
    now[0] += 30
    assert await state.hit("k", 60) == 4
    now[0] += 31  # the first three are older than a minute
    assert await state.count("k", 60) == 1
    assert await state.count("never seen", 60) == 0


async def test_a_flood_of_new_senders_stays_bounded_and_idle_ones_are_forgotten():
    now, clock = clocked()
    state = MemoryState(max_keys=1000, clock=clock)
    limit = RateLimit(per_minute=20, per_address=10**9, state=state)
    for number in range(5000):  # 5,000 sender ids, each used once
        assert await limit.allows(f"sender-{number}")
    assert len(state) <= 1000
    now[0] += 3600  # an hour later, new messages sweep the idle keys out
    for number in range(200):
        await limit.allows(f"later-{number}")
    assert len(state) <= 1000
    assert await state.count("rate:sender:sender-4999", 60) == 0


async def test_a_sender_over_the_limit_waits_and_new_ids_do_not_escape_the_address_limit():
    now, clock = clocked()
    limit = RateLimit(per_minute=3, per_address=5, state=MemoryState(clock=clock))
    assert [await limit.allows("a") for _ in range(4)] == [True, True, True, False]
    now[0] += 61
    assert await limit.allows("a")
    rotating = [await limit.allows(f"id-{i}", "192.0.2.7") for i in range(6)]
    assert rotating == [True] * 5 + [False]
    assert await limit.allows("id-new", "192.0.2.8")  # another address is not held back


async def test_a_mark_lasts_its_time_only():
    now, clock = clocked()
    state = MemoryState(clock=clock)
    await state.mark("revoked:x", 10)
    assert await state.marked("revoked:x") and not await state.marked("revoked:y")
    now[0] += 11
    assert not await state.marked("revoked:x")


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(URL).ping()
    except redis.RedisError:
        pytest.skip(f"Redis at {URL} is not reachable")
    return URL


async def test_two_instances_share_counters_and_marks_in_redis(redis_url):
    one, two = RedisState(redis_url), RedisState(redis_url)
    key = f"test:{uuid.uuid4().hex}"
    assert await one.hit(key, 60) == 1
    assert await two.hit(key, 60) == 2  # the second server sees the first one's hit
    assert await one.count(key, 60) == 2
    await two.mark(f"{key}:revoked", 30)
    assert await one.marked(f"{key}:revoked")
    ttl = redis.Redis.from_url(redis_url).ttl(RedisState.PREFIX + key)
    assert 0 < ttl <= 61  # nothing is kept past its window
    await one.redis.aclose() if hasattr(one.redis, "aclose") else await one.redis.close()
    await two.redis.aclose() if hasattr(two.redis, "aclose") else await two.redis.close()


async def test_redis_down_never_fails_a_residents_message():
    state = SafeState(RedisState("redis://127.0.0.1:1/0"))  # nothing listens there
    assert await state.hit("k", 60) == 0
    assert not await state.marked("k")
    assert await RateLimit(1, 1, state=state).allows("a", "192.0.2.1")
