"""Identifiers the assistant makes (conversation ids, hashes of secrets): lower-case base32, so no
id ever holds a run of digits that looks like a card, phone or Social Security number."""

from __future__ import annotations

import base64
import secrets


def _base32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().rstrip("=").lower()


def new_id(prefix: str) -> str:
    """'web-k3l2q...' : a random id, 24 characters after the prefix."""
    return f"{prefix}-{_base32(secrets.token_bytes(15))}"


def digest_id(prefix: str, digest: bytes) -> str:
    """An id made from a hash (an HMAC of a phone number, a hash of a sender id)."""
    return f"{prefix}-{_base32(digest)[:32]}"
