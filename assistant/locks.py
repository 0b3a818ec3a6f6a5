"""A Redis lock store without the open-source RedisLockStore's race.

Rasa 3.6's RedisLockStore reads a conversation's ticket lock, adds a ticket and writes it back in
three steps: two Rasa instances taking a turn of the same conversation at the same moment can both
see it free, and the turns interleave. This store takes a conversation's lock with one atomic
Redis command (SET key token NX PX lifetime); it is released only by its holder (a Lua check of
the token), and a holder that died frees it when the lifetime ends. Waiters retry every 10 ms.

endpoints.production.yml:  lock_store: {type: assistant.locks.AtomicRedisLockStore, url: ...}
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional

import redis.asyncio as aioredis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.logs import log_event

log = logging.getLogger(__name__)
RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""
RETRY_SECONDS = 0.01


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
        """The Redis key of a conversation's lock (hashed: a conversation id may be anything)."""
        return self.prefix + hashlib.sha256(conversation_id.encode()).hexdigest()[:32]

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = RETRY_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        key = self.key(conversation_id)
        token = secrets.token_hex(16)
        milliseconds = int(lock_lifetime * 1000)
        deadline = asyncio.get_running_loop().time() + lock_lifetime
        while not await self.redis.set(key, token, nx=True, px=milliseconds):
            if asyncio.get_running_loop().time() > deadline:
                log_event(log, "lock.timeout", logging.ERROR)
                raise LockError(
                    f"Could not acquire the lock of a conversation in {lock_lifetime} s"
                )
            await asyncio.sleep(min(wait_time_in_seconds, RETRY_SECONDS))
        try:
            yield TicketLock(conversation_id)
        finally:
            await self.redis.eval(RELEASE, 1, key, token)

    # The ticket interface of the base class is not used by this store.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        pass

    def save_lock(self, lock: Any) -> None:
        pass
