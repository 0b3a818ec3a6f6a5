"""SQLAlchemy tables of the knowledge base (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class MetaRow(Base):
    """Key/value facts about the loaded knowledge (fingerprint, load time, affected states)."""

    __tablename__ = "kb_meta"
    key = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)


class SourceRow(Base):
    __tablename__ = "kb_sources"
    id = Column(Integer, primary_key=True)
    seed = Column(String(255), nullable=False)
    quote = Column(Text, nullable=False)
    basis = Column(String(16), nullable=False)
    how = Column(Text)


class CityRow(Base):
    __tablename__ = "kb_cities"
    id = Column(String(128), primary_key=True)
    name = Column(String(255), nullable=False)
    state = Column(String(2), nullable=False)
    status = Column(String(32), nullable=False)
    time_zone = Column(String(64), nullable=False)
    status_source_id = Column(Integer, ForeignKey("kb_sources.id"), nullable=False)
    notice_title = Column(Text)
    notice_published = Column(Date)
    notice_url = Column(Text)
    notice_source_id = Column(Integer, ForeignKey("kb_sources.id"))
    online_status = Column(String(16))
    online_text = Column(Text)
    online_source_id = Column(Integer, ForeignKey("kb_sources.id"))


class CityNameRow(Base):
    """A city's name or alias; 'normalised' is what resolution compares."""

    __tablename__ = "kb_city_names"
    id = Column(Integer, primary_key=True)
    city_id = Column(String(128), ForeignKey("kb_cities.id"), nullable=False, index=True)
    name = Column(String(255), nullable=False)
    normalised = Column(String(255), nullable=False, index=True)
    is_alias = Column(Boolean, nullable=False, default=False)


class WindowRow(Base):
    __tablename__ = "kb_windows"
    id = Column(Integer, primary_key=True)
    city_id = Column(String(128), ForeignKey("kb_cities.id"), nullable=False, index=True)
    start = Column(Date, nullable=False)
    end = Column(Date, nullable=False)
    kind = Column(String(32), nullable=False)
    services = Column(JSON, nullable=False)
    dates_hit = Column(Integer)
    source_id = Column(Integer, ForeignKey("kb_sources.id"), nullable=False)


class MethodRuleRow(Base):
    __tablename__ = "kb_method_rules"
    id = Column(Integer, primary_key=True)
    city_id = Column(String(128), ForeignKey("kb_cities.id"), nullable=False, index=True)
    effect = Column(String(16), nullable=False)
    channels = Column(JSON, nullable=False)
    instruments = Column(JSON, nullable=False)
    services = Column(JSON, nullable=False)
    exclusive = Column(Boolean, nullable=False, default=False)
    source_id = Column(Integer, ForeignKey("kb_sources.id"), nullable=False)


class FactRow(Base):
    """Services, exposed data, counts, notes, letters, how to pay meanwhile, national facts."""

    __tablename__ = "kb_facts"
    id = Column(Integer, primary_key=True)
    city_id = Column(String(128), ForeignKey("kb_cities.id"), index=True)
    kind = Column(String(32), nullable=False)
    value = Column(Text, nullable=False)
    text = Column(Text)
    source_id = Column(Integer, ForeignKey("kb_sources.id"), nullable=False)


class ContactRow(Base):
    """A city contact (city_id set) or a national resource (city_id empty)."""

    __tablename__ = "kb_contacts"
    id = Column(Integer, primary_key=True)
    city_id = Column(String(128), ForeignKey("kb_cities.id"), index=True)
    purpose = Column(String(64), nullable=False)
    label = Column(Text, nullable=False)
    phone = Column(String(32))
    url = Column(Text)
    address = Column(Text)
    source_id = Column(Integer, ForeignKey("kb_sources.id"), nullable=False)
    phone_source_id = Column(Integer, ForeignKey("kb_sources.id"))


class StepRow(Base):
    """A city-specific step (city_id set) or a library step (city_id empty)."""

    __tablename__ = "kb_steps"
    id = Column(Integer, primary_key=True)
    city_id = Column(String(128), ForeignKey("kb_cities.id"), index=True)
    key = Column(String(64), nullable=False)
    text = Column(Text, nullable=False)
    verdicts = Column(JSON, nullable=False)
    if_exposed = Column(JSON, nullable=False)
    if_not_exposed = Column(JSON, nullable=False)
    unless_not_exposed = Column(JSON, nullable=False)
    source_id = Column(Integer, ForeignKey("kb_sources.id"), nullable=False)


# Deleted in this order on reload (children before parents).
TABLES_CHILD_FIRST = (
    StepRow, ContactRow, FactRow, MethodRuleRow, WindowRow, CityNameRow, CityRow, SourceRow, MetaRow,
)  # fmt: skip
