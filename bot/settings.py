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


def _absolute_sqlite(url: str, root: Path) -> str:
    """Make a relative SQLite file path relative to the project root, not the working directory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite://":
        path = url[len(prefix) :]
        if path and path != ":memory:":
            return prefix + str((root / path).resolve())
    return url


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
    return Settings(
        knowledge_dir=knowledge,
        database_url=_absolute_sqlite(url, PROJECT_ROOT),
        time_zone=values.get("BOT_TIME_ZONE") or DEFAULT_TIME_ZONE,
        tracker_db=tracker_db
        if tracker_db.is_absolute()
        else (PROJECT_ROOT / tracker_db).resolve(),
        knowledge_recheck_seconds=float(values.get("BOT_KNOWLEDGE_RECHECK_SECONDS") or 5.0),
        widget_origins=values.get("BOT_WIDGET_ORIGINS") or "",
        sms_auth_token=values.get("BOT_SMS_AUTH_TOKEN") or "",
        sms_sender_secret=values.get("BOT_SMS_SENDER_SECRET") or "",
        sms_public_url=values.get("BOT_SMS_PUBLIC_URL") or "",
        sms_database_url=_absolute_sqlite(
            values.get("BOT_SMS_DATABASE_URL") or "sqlite:///.data/sms.db", PROJECT_ROOT
        ),
        sms_city=values.get("BOT_SMS_CITY") or "",
        agent_password=values.get("BOT_AGENT_PASSWORD") or "",
        agent_session_hours=float(values.get("BOT_AGENT_SESSION_HOURS") or 8.0),
    )
