"""Support agents' own accounts for the console (`python -m bot agents add NAME`): a name, a role
(agent or supervisor) and a password hash, in the knowledge database (`BOT_DATABASE_URL`, table
`agent_accounts`), so every Rasa server of a deployment knows the same agents.

Passwords are hashed with scrypt (memory-hard; Python's standard library, built on OpenSSL: no
extra dependency to pin beside Rasa's), a random salt each, and compared in constant time. The
table also holds the key that signs console sessions (`console_keys`), shared by the instances.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import List, Optional
from weakref import WeakSet

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MIN_PASSWORD = 12
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # about 16 MB and a few tens of milliseconds a check


class Role(str, Enum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"  # also sees the usage page


metadata = MetaData()
accounts = Table(
    "agent_accounts",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created", DateTime(), nullable=False),
)
keys = Table(
    "console_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(100), nullable=False),
)
_ready: WeakSet[Engine] = WeakSet()


class AccountError(ValueError):
    """A name or password that cannot be used, said so that the person can fix it."""


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    created: datetime


def _ensure(engine: Engine) -> None:
    if engine not in _ready:
        metadata.create_all(engine, checkfirst=True)
        _ready.add(engine)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    encode = base64.b64encode
    return "scrypt${n}${r}${p}$".format(**SCRYPT) + (
        f"{encode(salt).decode()}${encode(digest).decode()}"
    )


def password_matches(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        found = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, base64.b64decode(digest))


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise AccountError(
            "an agent's name is 1-40 lower-case letters, digits, - or _, starting with a letter "
            f"or digit (not {name!r})"
        )
    return name


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"use a password of at least {MIN_PASSWORD} characters")
    return password


class AgentAccounts:
    """The agents of a deployment: one method per question the console and the CLI ask."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, name: str, password: str, role: Role = Role.AGENT) -> Account:
        _ensure(self.engine)
        check_name(name)
        check_password(password)
        if self.get(name) is not None:
            raise AccountError(f"an agent called {name!r} exists already")
        created = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        with self.engine.begin() as connection:
            connection.execute(
                insert(accounts).values(
                    name=name,
                    role=Role(role).value,
                    password_hash=hash_password(password),
                    created=created,
                )
            )
        return Account(name, Role(role), created)

    def set_password(self, name: str, password: str) -> None:
        check_password(password)
        if self.get(name) is None:
            raise AccountError(f"no agent called {name!r}")
        with self.engine.begin() as connection:
            connection.execute(
                accounts.update()
                .where(accounts.c.name == name)
                .values(password_hash=hash_password(password))
            )

    def remove(self, name: str) -> bool:
        _ensure(self.engine)
        with self.engine.begin() as connection:
            return connection.execute(delete(accounts).where(accounts.c.name == name)).rowcount > 0

    def get(self, name: str) -> Optional[Account]:
        _ensure(self.engine)
        with self.engine.connect() as connection:
            row = connection.execute(
                select(accounts.c.name, accounts.c.role, accounts.c.created).where(
                    accounts.c.name == name
                )
            ).first()
        return Account(row.name, Role(row.role), row.created) if row else None

    def all(self) -> List[Account]:
        _ensure(self.engine)
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(accounts.c.name, accounts.c.role, accounts.c.created).order_by(
                    accounts.c.name
                )
            )
            return [Account(r.name, Role(r.role), r.created) for r in rows]

    def any(self) -> bool:
        _ensure(self.engine)
        with self.engine.connect() as connection:
            return connection.execute(select(accounts.c.name).limit(1)).first() is not None

    def verify(self, name: str, password: str) -> Optional[Account]:
        """The account, if the password is its own; else None (the same time either way)."""
        _ensure(self.engine)
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts).where(accounts.c.name == name)).first()
        stored = row.password_hash if row else hash_password("no such agent, same cost")
        if password_matches(password or "", stored) and row is not None:
            return Account(row.name, Role(row.role), row.created)
        return None

    def session_key(self) -> bytes:
        """The key that signs console sessions, made once and shared by every instance."""
        _ensure(self.engine)
        found = self._session_key()
        if found is None:
            with suppress(IntegrityError), self.engine.begin() as connection:
                connection.execute(insert(keys).values(id=1, key=secrets.token_hex(32)))
            found = self._session_key()  # ours, or the one another instance made first
        return bytes.fromhex(found or "")

    def _session_key(self) -> Optional[str]:
        with self.engine.connect() as connection:
            row = connection.execute(select(keys.c.key).where(keys.c.id == 1)).first()
        return row.key if row else None
