"""A Redis lock store that keeps Rasa's ticket order and lives as long as the turn it guards.

Rasa 3.6's RedisLockStore reads a conversation's ticket lock, adds a ticket and writes it back in
three steps: two Rasa instances taking a turn of the same conversation at the same moment can both
see it free, and the turns interleave. This store keeps each conversation's waiting turns in a
Redis list, in the order they arrived (RPUSH is atomic: that is the ticket order), and a turn
runs only when its ticket is at the head of the list. Every ticket has a heartbeat key that its
holder renews every third of the lock's lifetime while it waits and while its turn runs, so a
turn slower than the lifetime (three 20 s action timeouts) keeps its lock, and a ticket whose
instance died stops beating: the next waiter removes it once its heartbeat expires. A turn that
waits longer than the lifetime gives up (LockError: the resident is asked to send it again).

endpoints.production.yml:  lock_store: {type: assistant.locks.AtomicRedisLockStore, url: ...}
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from contextlib import asynccontextmanager, suppress
from typing import Any, AsyncGenerator, Optional

import redis.asyncio as aioredis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.logs import log_event

log = logging.getLogger(__name__)
# Is this ticket at the head? Tickets ahead of it whose heartbeat has expired are removed first.
# KEYS[1] the queue; ARGV[1] the ticket, ARGV[2] the heartbeat keys' prefix.
AT_HEAD = """
local head = redis.call("lindex", KEYS[1], 0)
while head and head ~= ARGV[1] and redis.call("exists", ARGV[2] .. head) == 0 do
    redis.call("lpop", KEYS[1])
    head = redis.call("lindex", KEYS[1], 0)
end
if head == ARGV[1] then
    return 1
end
return 0
"""
# Leave the queue (from the head, or from where it waited) and stop the heartbeat.
LEAVE = """
redis.call("lrem", KEYS[1], 1, ARGV[1])
redis.call("del", ARGV[2] .. ARGV[1])
return 1
"""
RETRY_SECONDS = 0.01
QUEUE_SECONDS = 3600  # a conversation's queue key outlives its last turn by an hour at most


class AtomicRedisLockStore(LockStore):
    """One holder per conversation at a time, across every Rasa instance."""

    def __init__(
        self, endpoint_config: Optional[EndpointConfig] = None, url: Optional[str] = None
    ) -> None:
        config = endpoint_config.kwargs if endpoint_config else {}
        address = url or (endpoint_config.url if endpoint_config else None) or "redis://127.0.0.1"
        self.redis = aioredis.from_url(address, db=int(config.get("db") or 0))
        self.prefix = str(config.get("key_prefix") or "click2gov") + ":lock:"

    def key(self, conversation_id: str) -> str:
        """The Redis key of a conversation's queue (hashed: a conversation id may be anything)."""
        return self.prefix + hashlib.sha256(conversation_id.encode()).hexdigest()[:32]

    def beat_prefix(self, conversation_id: str) -> str:
        return self.key(conversation_id) + ":beat:"

    async def _beat(self, key: str, milliseconds: int) -> None:
        """Renew a ticket's heartbeat every third of its lifetime until cancelled."""
        while True:
            await asyncio.sleep(milliseconds / 3000)
            try:
                await self.redis.set(key, b"1", px=milliseconds)
            except aioredis.RedisError as error:  # the turn goes on; the next beat may work
                log_event(log, "lock.beat_failed", logging.WARNING, error=type(error).__name__)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = RETRY_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        queue, beats = self.key(conversation_id), self.beat_prefix(conversation_id)
        ticket = secrets.token_hex(16)
        milliseconds = max(1, int(lock_lifetime * 1000))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(beats + ticket, b"1", px=milliseconds)
            pipe.rpush(queue, ticket)  # the ticket's place in line
            pipe.expire(queue, QUEUE_SECONDS)
            await pipe.execute()
        heartbeat = asyncio.ensure_future(self._beat(beats + ticket, milliseconds))
        try:
            deadline = asyncio.get_running_loop().time() + lock_lifetime
            while not await self.redis.eval(AT_HEAD, 1, queue, ticket, beats):
                if asyncio.get_running_loop().time() > deadline:
                    log_event(log, "lock.timeout", logging.ERROR)
                    raise LockError(
                        f"Could not acquire the lock of a conversation in {lock_lifetime} s"
                    )
                await asyncio.sleep(min(wait_time_in_seconds, RETRY_SECONDS))
            yield TicketLock(conversation_id)
        finally:
            heartbeat.cancel()
            with suppress(asyncio.CancelledError):
                await heartbeat
            await self.redis.eval(LEAVE, 1, queue, ticket, beats)

    # The ticket interface of the base class is not used by this store.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        pass

    def save_lock(self, lock: Any) -> None:
        pass
