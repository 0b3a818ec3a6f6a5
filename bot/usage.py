"""What residents did, counted for the city's staff (`python -m bot stats`): checks per city,
verdict and channel, questions per topic, and where conversations got stuck (messages not
understood, out of scope, answers asked again) — per day.

One row per event, with no personal data: the time (UTC), what happened, the channel, and the
city, verdict, topic or question asked again where they apply. Never the text of a message, a
sender id, a date or a method the resident gave. The rows live in the knowledge database
(`BOT_DATABASE_URL`: SQLite or PostgreSQL), table `usage_events`, created on first use.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Dict, Iterable, List, Optional, Tuple
from weakref import WeakSet
from zoneinfo import ZoneInfo

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, insert, select
from sqlalchemy.engine import Engine

from bot.channels import AGENT, REST, SMS, WIDGET
from bot.knowledge.vocabulary import Verdict
from bot.logs import log_event

log = logging.getLogger(__name__)


class Kind(str, Enum):
    CHECK = "check"  # a verdict was given
    QUESTION = "question"  # a related question was answered
    NOT_UNDERSTOOD = "not_understood"  # "Sorry, I didn't understand"
    OUT_OF_SCOPE = "out_of_scope"  # understood, but not something the assistant does
    ASKED_AGAIN = "asked_again"  # an answer to the form's question could not be used


# The channels as counted (bot/channels.py names them); anything else is "other".
CHANNELS = {REST: "rest", WIDGET: "widget", SMS: "sms", AGENT: "agent"}
OTHER_CHANNEL = "other"

metadata = MetaData()
usage_events = Table(
    "usage_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(), nullable=False, index=True),  # UTC
    Column("kind", String(20), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("city_id", String(64)),
    Column("verdict", String(32)),
    Column("topic", String(40)),
    Column("slot", String(32)),
)
_ready: WeakSet[Engine] = WeakSet()  # engines whose table is known to exist


def _ensure_table(engine: Engine) -> None:
    if engine not in _ready:
        metadata.create_all(engine, checkfirst=True)
        _ready.add(engine)


def channel_name(input_channel: Optional[str]) -> str:
    return CHANNELS.get(input_channel or "", OTHER_CHANNEL)


def record(
    engine: Engine,
    kind: Kind,
    input_channel: Optional[str],
    *,
    city_id: Optional[str] = None,
    verdict: Optional[str] = None,
    topic: Optional[str] = None,
    slot: Optional[str] = None,
    at: Optional[datetime] = None,
) -> None:
    """Count one event. A failure is logged and never reaches the resident's reply."""
    if verdict is not None:
        Verdict(verdict)  # one of the verdicts, or a programming error
    row = {
        "at": (at or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(tzinfo=None),
        "kind": Kind(kind).value,
        "channel": channel_name(input_channel),
        "city_id": city_id,
        "verdict": verdict,
        "topic": topic,
        "slot": slot,
    }
    try:
        _ensure_table(engine)
        with engine.begin() as connection:
            connection.execute(insert(usage_events).values(**row))
    except Exception as error:  # noqa: BLE001 - counting must never cost a resident an answer
        log_event(log, "usage.not_recorded", logging.ERROR, error=type(error).__name__)


@dataclass
class Figures:
    """The counts over a period, per day (in the deployment's time zone) and in total."""

    since: date
    until: date
    time_zone: str
    checks: Counter = field(default_factory=Counter)  # (city_id, verdict, channel) -> n
    questions: Counter = field(default_factory=Counter)  # topic -> n
    stuck: Counter = field(default_factory=Counter)  # (kind, channel, slot or "") -> n
    per_day: Dict[date, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def as_dict(self) -> Dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "time_zone": self.time_zone,
            "checks": [
                {"city_id": c, "verdict": v, "channel": ch, "count": n}
                for (c, v, ch), n in sorted(self.checks.items())
            ],
            "checks_total": sum(self.checks.values()),
            "questions": [{"topic": t, "count": n} for t, n in sorted(self.questions.items())],
            "stuck": [
                {"kind": k, "channel": ch, "slot": s or None, "count": n}
                for (k, ch, s), n in sorted(self.stuck.items())
            ],
            "per_day": [
                {"day": day.isoformat(), **{kind: counts.get(kind, 0) for kind in _KINDS}}
                for day, counts in sorted(self.per_day.items())
            ],
        }


_KINDS = [k.value for k in Kind]


def _rows(engine: Engine, start: datetime, city_id: Optional[str]) -> Iterable[Tuple]:
    _ensure_table(engine)
    query = select(
        usage_events.c.at,
        usage_events.c.kind,
        usage_events.c.channel,
        usage_events.c.city_id,
        usage_events.c.verdict,
        usage_events.c.topic,
        usage_events.c.slot,
    ).where(usage_events.c.at >= start.astimezone(timezone.utc).replace(tzinfo=None))
    if city_id:
        query = query.where(usage_events.c.city_id == city_id)
    with engine.connect() as connection:
        return list(connection.execute(query))


def figures(
    engine: Engine,
    days: int,
    time_zone: str,
    city_id: Optional[str] = None,
    now: Optional[datetime] = None,
) -> Figures:
    """The last `days` days (today included) in `time_zone`; one city's only if `city_id`."""
    zone = ZoneInfo(time_zone)
    today = (now or datetime.now(timezone.utc)).astimezone(zone).date()
    since = today - timedelta(days=days - 1)
    start = datetime.combine(since, datetime.min.time(), tzinfo=zone)
    found = Figures(since=since, until=today, time_zone=time_zone)
    for at, kind, channel, city, verdict, topic, slot in _rows(engine, start, city_id):
        day = at.replace(tzinfo=timezone.utc).astimezone(zone).date()
        found.per_day[day][kind] += 1
        if kind == Kind.CHECK.value:
            found.checks[(city or "", verdict or "", channel)] += 1
        elif kind == Kind.QUESTION.value:
            found.questions[topic or ""] += 1
        else:
            found.stuck[(kind, channel, slot or "")] += 1
    return found


def format_figures(found: Figures) -> str:
    """A plain-text report a city's staff reads in a terminal."""
    lines = [
        f"Click2Gov self-check use, {found.since:%Y-%m-%d} to {found.until:%Y-%m-%d} "
        f"({found.time_zone})",
        "",
        f"Checks: {sum(found.checks.values())}",
    ]
    lines += [
        f"  {city:<20} {verdict:<22} {channel:<7} {n:>6}"
        for (city, verdict, channel), n in sorted(found.checks.items())
    ]
    lines += ["", f"Questions answered: {sum(found.questions.values())}"]
    lines += [f"  {topic:<43} {n:>6}" for topic, n in sorted(found.questions.items())]
    lines += ["", f"Where conversations got stuck: {sum(found.stuck.values())}"]
    lines += [
        f"  {kind:<16} {channel:<7} {slot or '':<20} {n:>6}"
        for (kind, channel, slot), n in sorted(found.stuck.items())
    ]
    lines += ["", "Per day: " + "  ".join(_KINDS)]
    for day, counts in sorted(found.per_day.items()):
        lines.append(f"  {day:%Y-%m-%d} " + " ".join(f"{counts.get(k, 0):>6}" for k in _KINDS))
    return "\n".join(lines)


def per_day_svg(found: Figures, width: int = 480, height: int = 120) -> str:
    """Checks per day as a small bar chart (SVG, no script, no outside resource)."""
    days: List[date] = []
    day = found.since
    while day <= found.until:
        days.append(day)
        day += timedelta(days=1)
    counts = [found.per_day.get(d, Counter()).get(Kind.CHECK.value, 0) for d in days]
    top = max(counts + [1])
    bar = width / max(len(days), 1)
    bars = []
    for i, (d, n) in enumerate(zip(days, counts, strict=False)):
        h = (height - 20) * n / top
        bars.append(
            f'<rect x="{i * bar + 1:.1f}" y="{height - 16 - h:.1f}" width="{max(bar - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="#1d4f91"><title>{d:%Y-%m-%d}: {n} checks</title></rect>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>Checks per day, {found.since:%Y-%m-%d} to '
        f"{found.until:%Y-%m-%d}: {sum(counts)} in all</title>{''.join(bars)}"
        f'<text x="0" y="{height - 2}" font-size="11">{found.since:%b %d}</text>'
        f'<text x="{width}" y="{height - 2}" font-size="11" text-anchor="end">'
        f"{found.until:%b %d}</text></svg>"
    )
