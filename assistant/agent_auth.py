"""Logging in to the support-agent console: one password from .env, signed session cookies.

The password is compared in constant time (as SHA-256 digests); a session is a signed token
(expiry, a random nonce, an HMAC keyed by the password), so changing the password ends every
session. Logging out revokes the token. Five wrong passwords from one client address (read from a
trusted proxy's X-Forwarded-For, bot/client_address.py) within 15 minutes lock that address
out for the rest of the 15 minutes; other addresses are not affected. Revocations and failures are
kept in the deployment's shared state (assistant/shared_state.py): in memory, bounded and
expiring, for the default deployment; in Redis, shared by every Rasa server and kept across
restarts, for the production deployment.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Callable, Optional

from assistant.shared_state import MemoryState, SharedState, shared_state

MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60  # seconds


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


class AgentAuth:
    """The console's password and sessions."""

    def __init__(
        self,
        password: str,
        session_hours: float = 8.0,
        clock: Callable[[], float] = time.time,
        state: Optional[SharedState] = None,
    ) -> None:
        self._password = _digest(password)
        self._key = hmac.new(password.encode(), b"click2gov-agent-session", "sha256").digest()
        self.session_seconds = int(session_hours * 3600)
        self._clock = clock
        if state is None and clock is not time.time:
            state = MemoryState(clock=clock)  # a test's clock: a state on the same clock
        self._state = state

    @property
    def state(self) -> SharedState:
        """The shared state, found on first use (in the server's event loop)."""
        if self._state is None:
            self._state = shared_state()
        return self._state

    def password_ok(self, given: str) -> bool:
        return hmac.compare_digest(_digest(given or ""), self._password)

    def _sign(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), "sha256").hexdigest()

    def issue(self) -> str:
        """A new session token, valid for session_hours."""
        payload = f"{int(self._clock()) + self.session_seconds}.{secrets.token_hex(16)}"
        return f"{payload}.{self._sign(payload)}"

    def _signed(self, token: str) -> Optional[tuple]:
        """(expiry, nonce) of a well-signed, unexpired token; else None."""
        parts = (token or "").split(".")
        if len(parts) != 3 or not parts[0].isdigit():
            return None
        payload = f"{parts[0]}.{parts[1]}"
        if not hmac.compare_digest(self._sign(payload), parts[2]):
            return None
        if int(parts[0]) <= self._clock():
            return None
        return int(parts[0]), parts[1]

    async def valid(self, token: str) -> bool:
        signed = self._signed(token)
        return signed is not None and not await self.state.marked(f"revoked:{signed[1]}")

    async def revoke(self, token: str) -> None:
        """Revoked until the token would have expired anyway (then it is forgotten)."""
        signed = self._signed(token)
        if signed is not None:
            await self.state.mark(f"revoked:{signed[1]}", signed[0] - self._clock() + 1)

    async def locked(self, address: str) -> bool:
        return await self.state.count(f"login-failures:{address}", FAILURE_WINDOW) >= MAX_FAILURES

    async def failed(self, address: str) -> None:
        await self.state.hit(f"login-failures:{address}", FAILURE_WINDOW)
