"""Logging in to the support-agent console: agents' own accounts (bot/agents.py), or one shared
password from .env where no account exists yet; signed session cookies naming the agent.

A shared password is compared in constant time (as SHA-256 digests). A session is a signed token
(expiry, a random nonce, the agent's name and role, an HMAC keyed by the shared password, or by
the deployment's session key once accounts exist), so changing the password ends every session.
Logging out revokes the token. Five wrong passwords from one client address (read from a
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
from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from assistant.shared_state import MemoryState, SharedState, shared_state

MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60  # seconds
SHARED = "shared"  # the name in a session opened with the shared password (no account)


@dataclass(frozen=True)
class Session:
    """The agent a console session belongs to."""

    name: str
    role: str  # bot.agents.Role

    @property
    def supervisor(self) -> bool:
        return self.role == "supervisor"


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
        self._password_key = hmac.new(
            password.encode(), b"click2gov-agent-session", "sha256"
        ).digest()
        self._key = self._password_key
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

    def use_key(self, key: Optional[bytes]) -> None:
        """Sign with the deployment's session key (agents' accounts), or again with the shared
        password's (None)."""
        self._key = key if key is not None else self._password_key

    def issue(self, name: str = SHARED, role: str = "agent") -> str:
        """A new session token for this agent, valid for session_hours."""
        expiry = int(self._clock()) + self.session_seconds
        payload = f"{expiry}.{secrets.token_hex(16)}.{name}.{role}"
        return f"{payload}.{self._sign(payload)}"

    def _signed(self, token: str) -> Optional[Tuple[int, str, Session]]:
        """(expiry, nonce, session) of a well-signed, unexpired token; else None."""
        parts = (token or "").split(".")
        if len(parts) != 5 or not parts[0].isdigit():
            return None
        payload = ".".join(parts[:4])
        if not hmac.compare_digest(self._sign(payload), parts[4]):
            return None
        if int(parts[0]) <= self._clock():
            return None
        return int(parts[0]), parts[1], Session(parts[2], parts[3])

    async def session(self, token: str) -> Optional[Session]:
        """Who is logged in with this token (None: nobody, or logged out)."""
        signed = self._signed(token)
        if signed is None or await self.state.marked(f"revoked:{signed[1]}"):
            return None
        return signed[2]

    async def valid(self, token: str) -> bool:
        return await self.session(token) is not None

    async def revoke(self, token: str) -> None:
        """Revoked until the token would have expired anyway (then it is forgotten)."""
        signed = self._signed(token)
        if signed is not None:
            await self.state.mark(f"revoked:{signed[1]}", signed[0] - self._clock() + 1)

    async def locked(self, address: str) -> bool:
        return await self.state.count(f"login-failures:{address}", FAILURE_WINDOW) >= MAX_FAILURES

    async def failed(self, address: str) -> None:
        await self.state.hit(f"login-failures:{address}", FAILURE_WINDOW)
