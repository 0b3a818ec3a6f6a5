"""What `bot stats` counts: events with no personal data, per day in the deployment's zone, on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import inspect, select

from bot.cli import main
from bot.usage import Kind, figures, format_figures, per_day_svg, record, usage_events

NOW = datetime(2026, 12, 3, 18, 0, tzinfo=timezone.utc)  # noon in Chicago


def at(day: int, hour: int = 17) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=timezone.utc)


def fill(engine) -> None:
    record(engine, Kind.CHECK, "widget", city_id="odessa-tx", verdict="affected", at=at(3))
    record(engine, Kind.CHECK, "widget", city_id="odessa-tx", verdict="affected", at=at(3))
    record(engine, Kind.CHECK, "sms", city_id="odessa-tx", verdict="not_affected", at=at(2))
    record(engine, Kind.CHECK, "agent", city_id="bakersfield-ca", verdict="affected", at=at(1))
    record(engine, Kind.QUESTION, "rest_redacted", topic="contacts", city_id="odessa-tx", at=at(3))
    record(engine, Kind.NOT_UNDERSTOOD, "widget", at=at(3))
    record(engine, Kind.ASKED_AGAIN, "sms", slot="payment_date", at=at(3))
    # 3 December, 02:00 UTC is still 2 December in Chicago
    record(
        engine, Kind.CHECK, None, city_id="tyler-tx", verdict="no_details_on_record", at=at(3, 2)
    )
    record(
        engine,
        Kind.CHECK,
        "widget",
        city_id="odessa-tx",
        verdict="affected",
        at=at(20, 1).replace(month=11),
    )


def test_the_figures_count_each_event_once_per_day_in_the_citys_zone(engine):
    fill(engine)
    found = figures(engine, 7, "America/Chicago", now=NOW).as_dict()
    assert found["since"] == "2026-11-27" and found["until"] == "2026-12-03"
    assert found["checks_total"] == 5  # the one of November 20 is outside the week
    assert {
        "city_id": "odessa-tx",
        "verdict": "affected",
        "channel": "widget",
        "count": 2,
    } in found["checks"]
    assert {
        "city_id": "tyler-tx",
        "verdict": "no_details_on_record",
        "channel": "other",
        "count": 1,
    } in found["checks"]
    assert found["questions"] == [{"topic": "contacts", "count": 1}]
    assert {"kind": "not_understood", "channel": "widget", "slot": None, "count": 1} in found[
        "stuck"
    ]
    assert {"kind": "asked_again", "channel": "sms", "slot": "payment_date", "count": 1} in found[
        "stuck"
    ]
    days = {d["day"]: d for d in found["per_day"]}
    assert days["2026-12-02"]["check"] == 2  # sms, and Tyler's at 8 p.m. Chicago time
    assert days["2026-12-03"]["check"] == 2 and days["2026-12-03"]["not_understood"] == 1
    one_city = figures(engine, 7, "America/Chicago", "bakersfield-ca", now=NOW).as_dict()
    assert one_city["checks_total"] == 1 and one_city["questions"] == []


def test_no_message_text_or_sender_is_kept(engine):
    fill(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("usage_events")}
    assert columns == {"id", "at", "kind", "channel", "city_id", "verdict", "topic", "slot"}
    with engine.connect() as connection:
        kinds = {row.kind for row in connection.execute(select(usage_events))}
    assert kinds <= {k.value for k in Kind}


def test_a_verdict_outside_the_enum_is_refused(engine):
    with pytest.raises(ValueError):
        record(engine, Kind.CHECK, "widget", verdict="probably fine")


def test_a_broken_database_never_fails_the_reply(tmp_path):
    from sqlalchemy import create_engine

    broken = create_engine(f"sqlite:///{tmp_path}/missing/dir/x.db")
    record(broken, Kind.CHECK, "widget", city_id="odessa-tx", verdict="affected")  # logged only


def test_the_report_and_the_plot(engine):
    fill(engine)
    found = figures(engine, 7, "America/Chicago", now=NOW)
    text = format_figures(found)
    assert "Checks: 5" in text and "Questions answered: 1" in text
    assert "Where conversations got stuck: 2" in text
    svg = per_day_svg(found)
    assert svg.startswith("<svg") and svg.count("<rect") == 7 and "script" not in svg
    assert "2026-12-03: 2 checks" in svg


def test_the_command_line(tmp_path, monkeypatch):
    import io

    from bot.knowledge.store import make_engine

    url = f"sqlite:///{tmp_path / 'k.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    engine = make_engine(url)
    record(engine, Kind.CHECK, "sms", city_id="odessa-tx", verdict="affected")
    record(engine, Kind.QUESTION, "widget", topic="human")
    out, err = io.StringIO(), io.StringIO()
    assert main(["stats", "--json", "--svg", str(tmp_path / "days.svg")], out, err) == 0
    found = json.loads(out.getvalue())
    assert found["checks_total"] == 1 and found["questions"] == [{"topic": "human", "count": 1}]
    assert (tmp_path / "days.svg").read_text().startswith("<svg")
    out = io.StringIO()
    assert main(["stats", "--city", "odessa-tx"], out, err) == 0
    assert "Checks: 1" in out.getvalue()
    assert main(["stats", "--since", "soon"], out, err) == 2
    assert "write an age like 30d" in err.getvalue()
