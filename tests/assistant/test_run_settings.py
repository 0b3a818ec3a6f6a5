"""The servers' addresses and the settings they are given: what a city's IT sets in .env."""

from __future__ import annotations

from pathlib import Path

from assistant.run import _nginx, _rasa, server_environment
from bot.settings import load_settings


def test_the_bind_address_is_where_residents_reach_the_assistant(tmp_path: Path):
    rasa = _rasa(
        "rasa", Path("m.tar.gz"), {}, tmp_path, 5005, "endpoints.yml", None, False, "0.0.0.0"
    )
    assert rasa.command[rasa.command.index("--interface") + 1] == "0.0.0.0"
    assert rasa.health.startswith("http://127.0.0.1:5005")
    _nginx(tmp_path, 5005, [6001, 6002], "10.0.0.5")
    assert "listen 10.0.0.5:5005;" in (tmp_path / "nginx.conf").read_text()
    _nginx(tmp_path, 5005, [6001], "::1")
    assert "listen [::1]:5005;" in (tmp_path / "nginx.conf").read_text()


def test_the_rasa_servers_get_the_proxy_and_state_settings(tmp_path: Path):
    settings = load_settings(
        {"BOT_TRUSTED_PROXIES": "10.1.2.3", "BOT_DEPLOYMENT": "production"}, tmp_path / "none"
    )
    values = server_environment(settings, 5055)
    assert values["BOT_TRUSTED_PROXIES"] == "10.1.2.3"
    assert values["BOT_DEPLOYMENT"] == "production"  # the shared state is Redis there
    assert values["BOT_RATE_LIMIT_PER_ADDRESS"] == "120"


def test_a_burst_of_connections_waits_instead_of_being_reset(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SANIC_BACKLOG", raising=False)
    settings = load_settings({}, tmp_path / "none")
    assert int(server_environment(settings, 5055)["SANIC_BACKLOG"]) >= 1024  # Rasa's is 100
    monkeypatch.setenv("SANIC_BACKLOG", "4096")
    assert server_environment(settings, 5055)["SANIC_BACKLOG"] == "4096"
