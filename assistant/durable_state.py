"""The console's security state kept across restarts in the default deployment.

The default deployment keeps its shared state in memory (assistant/shared_state.py); a restart
(the supervisor restarting a crashed Rasa server, a deploy) forgot every revoked console
session (a cookie logged out of worked again) and every failed login (a locked-out address
could try again at once). `DurableState` keeps the memory state as the one it reads, and also
writes the console's marks and hits (keys starting "revoked:" or "login-failures:") to the
deployment's database, in a table of their own; after a restart the first use reads back what
has not expired. Rate-limit counters and other short-lived keys stay in memory only. The
production deployment keeps everything in Redis, which survives restarts already.

Writes run on a worker thread (never blocking the event loop), as does the one read back.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Callable, Optional

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, delete, insert, select
from sqlalchemy.engine import Engine

from assistant.shared_state import MemoryState
from bot.logs import log_event

log = logging.getLogger(__name__)
DURABLE_PREFIXES = ("revoked:", "login-failures:")

metadata = MetaData()
console_state = Table(
    "console_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, index=True),
    Column("kind", String(8), nullable=False),  # "mark" or "hit"
    Column("expires", Float, nullable=False, index=True),  # wall-clock seconds
)


def _durable(key: str) -> bool:
    return key.startswith(DURABLE_PREFIXES)


class DurableState:
    """A MemoryState whose console keys are also kept in the database."""

    def __init__(
        self,
        engine_factory: Callable[[], Engine],
        inner: Optional[MemoryState] = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._engine_factory = engine_factory
        self._engine: Optional[Engine] = None
        self.inner = inner or MemoryState()
        self._clock = clock
        self._loaded = False
        self._loading = asyncio.Lock()

    def _db(self) -> Engine:
        if self._engine is None:
            self._engine = self._engine_factory()
            metadata.create_all(self._engine)
        return self._engine

    def _read_back(self) -> list:
        now = self._clock()
        with self._db().begin() as db:
            db.execute(delete(console_state).where(console_state.c.expires <= now))
            return list(
                db.execute(
                    select(console_state.c.key, console_state.c.kind, console_state.c.expires)
                )
            )

    async def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        async with self._loading:
            if self._loaded:
                return
            rows = await asyncio.to_thread(self._read_back)
            now = self._clock()
            for key, kind, expires in rows:
                if kind == "mark":
                    await self.inner.mark(key, expires - now)
                else:  # a failed login: counted again, within the window it had left
                    await self.inner.hit(key, expires - now)
            self._loaded = True
            log_event(log, "state.read_back", entries=len(rows))

    def _write(self, key: str, kind: str, seconds: float) -> None:
        now = self._clock()
        with self._db().begin() as db:
            db.execute(delete(console_state).where(console_state.c.expires <= now))
            db.execute(insert(console_state).values(key=key, kind=kind, expires=now + seconds))

    async def hit(self, key: str, window: float) -> int:
        if not _durable(key):
            return await self.inner.hit(key, window)
        await self._ensure_loaded()
        count = await self.inner.hit(key, window)
        await asyncio.to_thread(self._write, key, "hit", window)
        return count

    async def count(self, key: str, window: float) -> int:
        if _durable(key):
            await self._ensure_loaded()
        return await self.inner.count(key, window)

    async def mark(self, key: str, seconds: float) -> None:
        if _durable(key):
            await self._ensure_loaded()
            await asyncio.to_thread(self._write, key, "mark", seconds)
        await self.inner.mark(key, seconds)

    async def marked(self, key: str) -> bool:
        if _durable(key):
            await self._ensure_loaded()
        return await self.inner.marked(key)
