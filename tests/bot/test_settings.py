"""Settings: defaults, .env, and the environment winning over .env."""

from __future__ import annotations

import pytest

from bot.settings import PROJECT_ROOT, load_settings


def test_defaults_need_no_configuration(tmp_path):
    settings = load_settings(environ={}, dotenv_path=tmp_path / "missing.env")
    assert settings.knowledge_dir == PROJECT_ROOT / "knowledge"
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / '.data' / 'knowledge.db'}"
    assert settings.time_zone == "America/Chicago"


def test_dotenv_then_environment(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("BOT_DATABASE_URL=postgresql://db/kb\nBOT_TIME_ZONE=America/New_York\n")
    settings = load_settings(environ={"BOT_TIME_ZONE": "America/Denver"}, dotenv_path=env_file)
    assert settings.database_url == "postgresql://db/kb"
    assert settings.time_zone == "America/Denver"


def test_relative_paths_are_project_relative(tmp_path):
    settings = load_settings(
        environ={"BOT_KNOWLEDGE_DIR": "other", "BOT_DATABASE_URL": "sqlite:///x/kb.db"},
        dotenv_path=tmp_path / "none",
    )
    assert settings.knowledge_dir == PROJECT_ROOT / "other"
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'x' / 'kb.db'}"


def test_env_example_documents_every_setting():
    text = (PROJECT_ROOT / ".env.example").read_text()
    for name in ("BOT_KNOWLEDGE_DIR", "BOT_DATABASE_URL", "BOT_TIME_ZONE"):
        assert f"\n{name}=" in text


def test_trusted_proxies_default_to_loopback_and_a_wrong_one_is_named(tmp_path):
    empty = tmp_path / "none.env"
    assert load_settings({}, empty).trusted_proxies == "127.0.0.1/32, ::1/128"
    assert (
        load_settings({"BOT_TRUSTED_PROXIES": "10.0.0.0/8"}, empty).trusted_proxies == "10.0.0.0/8"
    )
    with pytest.raises(ValueError, match="BOT_TRUSTED_PROXIES"):
        load_settings({"BOT_TRUSTED_PROXIES": "the proxy"}, empty)
