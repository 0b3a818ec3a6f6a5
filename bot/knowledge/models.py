"""SQLAlchemy tables of the knowledge base (SQLite by default, PostgreSQL in production).

Each city is stored as its validated record (the schema's JSON), so the tables follow from
`bot/knowledge/schema.py` with no column-by-column copy to keep in step.
"""

from __future__ import annotations

from sqlalchemy import Column, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class MetaRow(Base):
    """Key/value facts about the loaded knowledge: fingerprint, load time."""

    __tablename__ = "kb_meta"
    key = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)


class CityRow(Base):
    """One city: a few columns to query by, and the whole record as JSON."""

    __tablename__ = "kb_cities"
    id = Column(String(128), primary_key=True)
    name = Column(String(255), nullable=False)
    state = Column(String(2), nullable=False)
    status = Column(String(32), nullable=False)
    record = Column(Text, nullable=False)


class NationalRow(Base):
    """The national record (resources, facts, steps, advice) as JSON; one row."""

    __tablename__ = "kb_national"
    id = Column(String(16), primary_key=True)
    record = Column(Text, nullable=False)


class NoticeRow(Base):
    """A notice the facts cite (its metadata; the texts stay in the knowledge folder)."""

    __tablename__ = "kb_notices"
    id = Column(String(128), primary_key=True)
    record = Column(Text, nullable=False)


# Deleted in this order on reload.
TABLES = (CityRow, NationalRow, NoticeRow, MetaRow)
