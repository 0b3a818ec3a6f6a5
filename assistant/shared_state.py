"""Short-lived counters and marks the channels keep: messages per sender and per client address
(the rate limit), wrong passwords per client address (the console's lockout), revoked console
sessions.

Two implementations, one interface:
- `MemoryState` (the default deployment, one Rasa server): bounded and expiring (the console's
  revocations and failed logins also written to the database, assistant/durable_state.py). A key's hits
  older than its window are dropped as it is read, idle keys are swept as new ones arrive, and
  past `max_keys` the least recently used keys are forgotten, so a flood of new senders can
  neither grow it without end nor make a message scan every key.
- `RedisState` (the production deployment, `BOT_DEPLOYMENT=production`, several Rasa servers): the
  same in Redis, shared by every instance and kept across restarts. Each counter is a sorted set
  of hit times with an expiry; each mark a key with a time to live.

A counter counts within a sliding window: `hit(key, window)` records one hit now and returns
how many hits the key has had in the last `window` seconds, this one included.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections import OrderedDict, deque
from typing import Any, Callable, Deque, Dict, Optional, Protocol, Tuple

from bot.logs import log_event

log = logging.getLogger(__name__)
MAX_KEYS = 100_000
SWEEP = 64  # idle keys checked for expiry on each new key: the sweep is bounded, never a scan


class SharedState(Protocol):
    async def hit(self, key: str, window: float) -> int: ...

    async def count(self, key: str, window: float) -> int: ...

    async def mark(self, key: str, seconds: float) -> None: ...

    async def marked(self, key: str) -> bool: ...


class MemoryState:
    """Counters and marks in this process's memory, bounded by `max_keys`."""

    def __init__(
        self, max_keys: int = MAX_KEYS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_keys = max_keys
        self._clock = clock
        # key -> (when it expires, its hit times); least recently used first
        self._counters: OrderedDict[str, Tuple[float, Deque[float]]] = OrderedDict()
        self._marks: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._counters) + len(self._marks)

    def _recent(self, key: str, window: float) -> Deque[float]:
        now = self._clock()
        entry = self._counters.get(key)
        if entry is None:
            self._sweep(now)
            entry = (now + window, deque())
            self._counters[key] = entry
        self._counters.move_to_end(key)
        hits = entry[1]
        while hits and hits[0] <= now - window:
            hits.popleft()
        return hits

    def _sweep(self, now: float) -> None:
        """Forget a few expired keys, then the least recently used past the bound."""
        for store in (self._counters, self._marks):
            for key in list(itertools.islice(store, SWEEP)):
                value = store[key]
                expires = value[0] if isinstance(value, tuple) else value
                if expires <= now:
                    del store[key]
        while len(self._counters) + len(self._marks) >= self.max_keys:
            bigger = self._counters if len(self._counters) >= len(self._marks) else self._marks
            bigger.popitem(last=False)

    async def hit(self, key: str, window: float) -> int:
        hits = self._recent(key, window)
        now = self._clock()
        hits.append(now)
        self._counters[key] = (now + window, hits)
        return len(hits)

    async def count(self, key: str, window: float) -> int:
        if key not in self._counters:
            return 0
        return len(self._recent(key, window))

    async def mark(self, key: str, seconds: float) -> None:
        now = self._clock()
        if key not in self._marks:
            self._sweep(now)
        self._marks[key] = now + seconds
        self._marks.move_to_end(key)

    async def marked(self, key: str) -> bool:
        expires = self._marks.get(key)
        if expires is None:
            return False
        if expires <= self._clock():
            del self._marks[key]
            return False
        return True


class RedisState:
    """The same counters and marks in Redis, shared by every Rasa server of a deployment."""

    PREFIX = "click2gov:state:"

    def __init__(self, url: str, clock: Callable[[], float] = time.time) -> None:
        import redis.asyncio as aioredis

        self.redis = aioredis.from_url(url)
        self._clock = clock
        self._sequence = itertools.count()

    async def hit(self, key: str, window: float) -> int:
        now = self._clock()
        name = self.PREFIX + key
        member = f"{now:.6f}:{id(self)}:{next(self._sequence)}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(name, "-inf", now - window)
            pipe.zadd(name, {member: now})
            pipe.zcard(name)
            pipe.expire(name, max(1, int(window) + 1))
            _, _, hits, _ = await pipe.execute()
        return int(hits)

    async def count(self, key: str, window: float) -> int:
        now = self._clock()
        return int(await self.redis.zcount(self.PREFIX + key, f"({now - window}", "+inf"))

    async def mark(self, key: str, seconds: float) -> None:
        await self.redis.set(self.PREFIX + key, b"1", px=max(1, int(seconds * 1000)))

    async def marked(self, key: str) -> bool:
        return bool(await self.redis.exists(self.PREFIX + key))


class SafeState:
    """A state that never fails a resident's message: if Redis cannot be reached, a counter
    counts nothing (nobody is limited or locked out) and a mark is not seen, and it is logged."""

    def __init__(self, inner: SharedState) -> None:
        self.inner = inner

    async def _call(self, name: str, fallback: Any, *args: Any) -> Any:
        try:
            return await getattr(self.inner, name)(*args)
        except Exception as error:  # noqa: BLE001 - Redis down must not take the channels down
            log_event(log, "state.unavailable", logging.ERROR, error=type(error).__name__)
            return fallback

    async def hit(self, key: str, window: float) -> int:
        return await self._call("hit", 0, key, window)

    async def count(self, key: str, window: float) -> int:
        return await self._call("count", 0, key, window)

    async def mark(self, key: str, seconds: float) -> None:
        await self._call("mark", None, key, seconds)

    async def marked(self, key: str) -> bool:
        return await self._call("marked", False, key)


_STATES: Dict[Tuple[str, str], SharedState] = {}
# The database the default deployment keeps the console's state in across restarts
# (assistant/durable_state.py); set by the Rasa server process (assistant/rasa_server.py).
DURABLE_DATABASE: Dict[str, str] = {}


def keep_console_state_in(database_url: str) -> None:
    """From now on, the default deployment's state keeps console keys in this database."""
    DURABLE_DATABASE["url"] = database_url


def shared_state(deployment: Optional[str] = None, redis_url: Optional[str] = None) -> SharedState:
    """This process's state: in Redis for the production deployment, else in memory (one per
    deployment and address, built on first use, never at import)."""
    deployment = deployment or os.environ.get("BOT_DEPLOYMENT") or "default"
    url = redis_url or os.environ.get("BOT_REDIS_URL") or "redis://127.0.0.1:6379/0"
    key = (deployment, url if deployment == "production" else "")
    if key not in _STATES:
        inner: SharedState = RedisState(url) if deployment == "production" else MemoryState()
        if deployment != "production" and DURABLE_DATABASE.get("url"):
            from assistant.durable_state import DurableState
            from bot.knowledge.store import make_engine

            database = DURABLE_DATABASE["url"]
            inner = DurableState(lambda: make_engine(database))
        _STATES[key] = SafeState(inner)
    return _STATES[key]
