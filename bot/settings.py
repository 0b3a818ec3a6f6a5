"""Settings from the environment and an optional .env file (python-dotenv)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIME_ZONE = "America/Chicago"


@dataclass(frozen=True)
class Settings:
    """Where the knowledge and the conversations live, and how dates are read."""

    knowledge_dir: Path
    database_url: str
    time_zone: str
    tracker_db: Path
    knowledge_recheck_seconds: float = 5.0
    widget_origins: str = ""  # comma-separated origins of the sites that embed the widget
    sms_auth_token: str = ""  # the SMS provider's auth token (signs its webhooks); "" = SMS off
    sms_sender_secret: str = ""  # the key of the HMAC that replaces senders' numbers
    sms_public_url: str = ""  # the webhook's public URL, when a proxy changes it
    sms_database_url: str = ""  # opt-outs, MORE pages, choices (SQLAlchemy URL)
    sms_city: str = ""  # the city id, when the SMS number is one city's line
    agent_password: str = ""  # the support-agent console's password; "" = the console is off
    agent_session_hours: float = 8.0
    deployment: str = "default"  # default (one of each, SQLite) | production (see README)
    tracker_url: str = ""  # the conversations' database (production: PostgreSQL)
    redis_url: str = "redis://127.0.0.1:6379/0"  # the lock store (production)
    rasa_instances: int = 2  # Rasa servers behind the load balancer (production)
    action_workers: int = 1  # Sanic workers of the action server
    retention_days: int = 30  # conversations older than this are deleted by `bot purge`
    message_max_chars: int = 1000  # longer messages get a polite reply and never reach Rasa
    rate_limit_per_minute: int = 20  # messages a sender may send in any minute
    rate_limit_per_address: int = 120  # widget messages one client address may send in a minute
    trusted_proxies: str = "127.0.0.1/32, ::1/128"  # whose X-Forwarded-For/-Proto is believed
    bind_address: str = (
        "127.0.0.1"  # where residents reach it: Rasa (default) or nginx (production)
    )
    action_timeout_seconds: float = 20.0  # how long Rasa waits for the action server
    action_host: str = "127.0.0.1"  # where the action server listens
    action_token: str = ""  # the shared secret Rasa sends the action server (required off loopback)


def _absolute_sqlite(url: str, root: Path) -> str:
    """Make a relative SQLite file path relative to the project root, not the working directory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite://":
        path = url[len(prefix) :]
        if path and path != ":memory:":
            return prefix + str((root / path).resolve())
    return url


def _trusted_proxies(value: Optional[str]) -> str:
    """BOT_TRUSTED_PROXIES as given (checked: each item an address or network); loopback when
    unset, where the project's own nginx runs; "" trusts no proxy."""
    from bot.client_address import DEFAULT_TRUSTED, parse_networks

    text = DEFAULT_TRUSTED if value is None else value
    parse_networks(text)  # a wrong value stops the start with a message naming it
    return text


def load_settings(
    environ: Optional[Mapping[str, str]] = None, dotenv_path: Optional[Path] = None
) -> Settings:
    """Read settings: the environment wins over .env, .env over the defaults."""
    env_file = dotenv_path if dotenv_path is not None else PROJECT_ROOT / ".env"
    values = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    values.update(os.environ if environ is None else environ)

    knowledge = Path(values.get("BOT_KNOWLEDGE_DIR") or "knowledge")
    if not knowledge.is_absolute():
        knowledge = (PROJECT_ROOT / knowledge).resolve()
    url = values.get("BOT_DATABASE_URL") or "sqlite:///.data/knowledge.db"
    tracker_db = Path(values.get("BOT_TRACKER_DB") or ".data/trackers.db")
    if not tracker_db.is_absolute():
        tracker_db = (PROJECT_ROOT / tracker_db).resolve()
    deployment = values.get("BOT_DEPLOYMENT") or "default"
    if deployment not in ("default", "production"):
        raise ValueError(f"BOT_DEPLOYMENT must be default or production, not {deployment!r}")
    production = deployment == "production"
    database_url = _absolute_sqlite(url, PROJECT_ROOT)
    # In production one PostgreSQL database holds the knowledge, the conversations and SMS state.
    tracker_default = database_url if production else f"sqlite:///{tracker_db}"
    return Settings(
        knowledge_dir=knowledge,
        database_url=database_url,
        time_zone=values.get("BOT_TIME_ZONE") or DEFAULT_TIME_ZONE,
        tracker_db=tracker_db,
        knowledge_recheck_seconds=float(values.get("BOT_KNOWLEDGE_RECHECK_SECONDS") or 5.0),
        widget_origins=values.get("BOT_WIDGET_ORIGINS") or "",
        sms_auth_token=values.get("BOT_SMS_AUTH_TOKEN") or "",
        sms_sender_secret=values.get("BOT_SMS_SENDER_SECRET") or "",
        sms_public_url=values.get("BOT_SMS_PUBLIC_URL") or "",
        sms_database_url=_absolute_sqlite(
            values.get("BOT_SMS_DATABASE_URL")
            or (database_url if production else "sqlite:///.data/sms.db"),
            PROJECT_ROOT,
        ),
        sms_city=values.get("BOT_SMS_CITY") or "",
        agent_password=values.get("BOT_AGENT_PASSWORD") or "",
        agent_session_hours=float(values.get("BOT_AGENT_SESSION_HOURS") or 8.0),
        deployment=deployment,
        tracker_url=values.get("BOT_TRACKER_URL") or tracker_default,
        redis_url=values.get("BOT_REDIS_URL") or "redis://127.0.0.1:6379/0",
        rasa_instances=int(values.get("BOT_RASA_INSTANCES") or 2),
        action_workers=int(values.get("BOT_ACTION_WORKERS") or (2 if production else 1)),
        retention_days=int(values.get("BOT_RETENTION_DAYS") or 30),
        message_max_chars=int(values.get("BOT_MESSAGE_MAX_CHARS") or 1000),
        rate_limit_per_minute=int(values.get("BOT_RATE_LIMIT_PER_MINUTE") or 20),
        rate_limit_per_address=int(values.get("BOT_RATE_LIMIT_PER_ADDRESS") or 120),
        trusted_proxies=_trusted_proxies(values.get("BOT_TRUSTED_PROXIES")),
        bind_address=values.get("BOT_BIND_ADDRESS") or "127.0.0.1",
        action_timeout_seconds=float(values.get("BOT_ACTION_TIMEOUT_SECONDS") or 20),
        action_host=values.get("BOT_ACTION_HOST") or "127.0.0.1",
        action_token=values.get("BOT_ACTION_TOKEN") or "",
    )
