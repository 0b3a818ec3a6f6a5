"""What the SMS channel keeps between messages, by a hash of the sender's number (never the
number): opt-out, the pages behind MORE, the numbered choices offered, and replies already sent
(Twilio retries a webhook with the same MessageSid; the same reply goes back, once processed).

In SQL so that it survives a restart and is shared by every Rasa instance.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

from sqlalchemy import Boolean, Column, DateTime, String, Text, delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base

from bot.ids import digest_id

Base = declarative_base()
REPLY_KEPT = timedelta(days=1)


def sender_id(number: str, secret: str) -> str:
    """The conversation id for a phone number: an HMAC of its digits, so the number itself is
    never stored; the same number always gets the same conversation."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 10:
        digits = "1" + digits  # a US number written without the country code
    return digest_id("sms", hmac.new(secret.encode(), digits.encode(), hashlib.sha256).digest())


class SmsSession(Base):
    __tablename__ = "sms_sessions"
    sender = Column(String(64), primary_key=True)
    opted_out = Column(Boolean, nullable=False, default=False)
    pages = Column(Text, nullable=False, default="[]")
    choices = Column(Text, nullable=False, default="[]")
    updated_at = Column(DateTime(timezone=True), nullable=False)


class SmsReply(Base):
    __tablename__ = "sms_replies"
    message = Column(String(64), primary_key=True)  # a hash of the MessageSid
    twiml = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)


class SmsLanguage(Base):
    """The language a resident chose by text (ESPAÑOL, ENGLISH) or first wrote in: a table of its
    own, so that a database made before it gains it (create_all adds tables, never columns)."""

    __tablename__ = "sms_languages"
    sender = Column(String(64), primary_key=True)
    language = Column(String(8), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _key(message_sid: str) -> str:
    return hashlib.sha256(message_sid.encode()).hexdigest()[:64]


class SmsState:
    """One method per question the channel asks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        Base.metadata.create_all(engine)

    def _session(self, session: Session, sender: str) -> SmsSession:
        row = session.get(SmsSession, sender)
        if row is None:
            row = SmsSession(sender=sender, opted_out=False, pages="[]", choices="[]")
            session.add(row)
        row.updated_at = _now()
        return row

    def _update(self, sender: str, **values: Any) -> None:
        with Session(self.engine, future=True) as session, session.begin():
            row = self._session(session, sender)
            for name, value in values.items():
                setattr(row, name, value)

    def _read(self, sender: str) -> Optional[Dict[str, Any]]:
        with Session(self.engine, future=True) as session:
            row = session.get(SmsSession, sender)
            if row is None:
                return None
            return {"opted_out": row.opted_out, "pages": row.pages, "choices": row.choices}

    def opted_out(self, sender: str) -> bool:
        row = self._read(sender)
        return bool(row and row["opted_out"])

    def set_opted_out(self, sender: str, opted_out: bool) -> None:
        self._update(sender, opted_out=opted_out, pages="[]", choices="[]")

    def next_page(self, sender: str) -> Optional[str]:
        """The next page behind MORE (and forget it), or None."""
        with Session(self.engine, future=True) as session, session.begin():
            row = self._session(session, sender)
            pages: List[str] = json.loads(row.pages or "[]")
            if not pages:
                return None
            row.pages = json.dumps(pages[1:])
            return pages[0]

    def choices(self, sender: str) -> List[str]:
        row = self._read(sender)
        return json.loads(row["choices"]) if row else []

    def remember(self, sender: str, pages: List[str], choices: List[str]) -> None:
        """The pages still to send behind MORE, and the payloads of the numbered choices."""
        self._update(sender, pages=json.dumps(pages), choices=json.dumps(choices))

    def reply_to(self, message_sid: str) -> Optional[str]:
        with Session(self.engine, future=True) as session:
            row = session.get(SmsReply, _key(message_sid))
            return row.twiml if row else None

    def remember_reply(self, message_sid: str, twiml: str) -> None:
        with Session(self.engine, future=True) as session, session.begin():
            session.execute(delete(SmsReply).where(SmsReply.created_at < _now() - REPLY_KEPT))
            session.merge(SmsReply(message=_key(message_sid), twiml=twiml, created_at=_now()))

    def language(self, sender: str) -> Optional[str]:
        """The conversation's language, if the resident chose or wrote one."""
        with Session(self.engine, future=True) as session:
            row = session.get(SmsLanguage, sender)
            return row.language if row else None

    def set_language(self, sender: str, language: str) -> None:
        with Session(self.engine, future=True) as session, session.begin():
            session.merge(SmsLanguage(sender=sender, language=language, updated_at=_now()))
