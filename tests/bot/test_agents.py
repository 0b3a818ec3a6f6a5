"""Agents' own console accounts: scrypt hashes, names and roles, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select

from bot.agents import AccountError, AgentAccounts, Role, accounts, password_matches
from bot.settings import PROJECT_ROOT

PASSWORD = "correct horse battery"


@pytest.fixture
def agents(engine) -> AgentAccounts:
    yield AgentAccounts(engine)
    from bot import agents as module

    module.metadata.drop_all(engine)


def test_an_agent_logs_in_with_their_own_password_only(agents):
    agents.add("a-support-agent", PASSWORD)
    agents.add("a-supervisor", "another long password", Role.SUPERVISOR)
    found = agents.verify("a-support-agent", PASSWORD)
    assert found is not None and found.role == Role.AGENT
    assert agents.verify("a-support-agent", "another long password") is None
    assert agents.verify("nobody", PASSWORD) is None
    assert agents.verify("a-supervisor", "another long password").role == Role.SUPERVISOR
    assert [a.name for a in agents.all()] == ["a-supervisor", "a-support-agent"]


def test_the_password_is_stored_as_a_salted_scrypt_hash(agents):
    agents.add("one", PASSWORD)
    agents.add("two", PASSWORD)
    with agents.engine.connect() as connection:
        stored = [r.password_hash for r in connection.execute(select(accounts))]
    assert all(h.startswith("scrypt$16384$8$1$") and PASSWORD not in h for h in stored)
    assert stored[0] != stored[1]  # a salt each
    assert password_matches(PASSWORD, stored[0]) and not password_matches("x", stored[0])
    assert not password_matches(PASSWORD, "md5$whatever")


@pytest.mark.parametrize(
    "name, password, message",
    [
        ("Has Spaces", PASSWORD, "lower-case letters"),
        ("ok-name", "short", "at least 12"),
        ("", PASSWORD, "lower-case letters"),
    ],
)
def test_unusable_names_and_passwords_are_said_so(agents, name, password, message):
    with pytest.raises(AccountError, match=message):
        agents.add(name, password)


def test_a_name_is_taken_once_and_a_removed_agent_is_gone(agents):
    agents.add("a-support-agent", PASSWORD)
    with pytest.raises(AccountError, match="exists already"):
        agents.add("a-support-agent", PASSWORD)
    agents.set_password("a-support-agent", "a brand new password")
    assert agents.verify("a-support-agent", "a brand new password")
    assert agents.remove("a-support-agent") and not agents.any()
    assert not agents.remove("a-support-agent")


def test_every_instance_gets_the_same_session_key(agents):
    from bot.agents import AgentAccounts as Other

    assert agents.session_key() == Other(agents.engine).session_key()
    assert len(agents.session_key()) == 32


def test_the_command_line(tmp_path):
    environ = {"BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}", "PATH": "/usr/bin:/bin"}

    def bot(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot", "agents", *args],
            input=stdin,
            cwd=PROJECT_ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert bot("add", "a-supervisor", "--role", "supervisor", stdin=PASSWORD + "\n").returncode == 0
    short = bot("add", "an-agent", stdin="short\n")
    assert short.returncode == 2 and "at least 12" in short.stderr
    listed = bot("list")
    assert listed.stdout.startswith("a-supervisor\tsupervisor\tadded ")
    assert PASSWORD not in listed.stdout + listed.stderr
    assert bot("remove", "a-supervisor").returncode == 0
    assert bot("remove", "a-supervisor").returncode == 1
