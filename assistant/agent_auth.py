"""Logging in to the support-agent console: one password from .env, signed session cookies.

The password is compared in constant time (as SHA-256 digests); a session is a signed token
(expiry, a random nonce, an HMAC keyed by the password), so changing the password ends every
session. Logging out revokes the token. Five wrong passwords from one address within 15 minutes
lock that address out for the rest of the 15 minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import defaultdict, deque
from typing import Callable, Deque, Dict, Set

MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60  # seconds


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


class AgentAuth:
    """The console's password and sessions."""

    def __init__(
        self, password: str, session_hours: float = 8.0, clock: Callable[[], float] = time.time
    ) -> None:
        self._password = _digest(password)
        self._key = hmac.new(password.encode(), b"click2gov-agent-session", "sha256").digest()
        self.session_seconds = int(session_hours * 3600)
        self._clock = clock
        self._revoked: Set[str] = set()
        self._failures: Dict[str, Deque[float]] = defaultdict(deque)

    def password_ok(self, given: str) -> bool:
        return hmac.compare_digest(_digest(given or ""), self._password)

    def _sign(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), "sha256").hexdigest()

    def issue(self) -> str:
        """A new session token, valid for session_hours."""
        payload = f"{int(self._clock()) + self.session_seconds}.{secrets.token_hex(16)}"
        return f"{payload}.{self._sign(payload)}"

    def valid(self, token: str) -> bool:
        parts = (token or "").split(".")
        if len(parts) != 3 or not parts[0].isdigit():
            return False
        payload = f"{parts[0]}.{parts[1]}"
        if not hmac.compare_digest(self._sign(payload), parts[2]):
            return False
        return int(parts[0]) > self._clock() and parts[1] not in self._revoked

    def revoke(self, token: str) -> None:
        parts = (token or "").split(".")
        if len(parts) == 3 and self.valid(token):
            self._revoked.add(parts[1])

    def locked(self, address: str) -> bool:
        recent = self._failures[address]
        while recent and recent[0] < self._clock() - FAILURE_WINDOW:
            recent.popleft()
        return len(recent) >= MAX_FAILURES

    def failed(self, address: str) -> None:
        self._failures[address].append(self._clock())
