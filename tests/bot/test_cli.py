"""`python -m bot ...` as a real process: the check contract (DESIGN.md §5) and the knowledge commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE_DIR


def cli_environment(tmp_path: Path) -> dict:
    """The tests' knowledge folder and a database of this test's own."""
    return {
        **os.environ,
        "BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
    }


def run_bot(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run the CLI as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env=cli_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_json(tmp_path: Path, city: str, when: str, method: str, *extra: str) -> dict:
    done = run_bot(
        "check",
        "--city",
        city,
        "--date",
        when,
        "--method",
        method,
        "--json",
        *extra,
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_json_contract(tmp_path):
    answer = check_json(tmp_path, "Odessa, TX", "Sept 3 2019", "online with my Visa")
    assert {"verdict", "city", "reason", "steps", "contacts", "sources"} <= set(answer)
    assert answer["verdict"] == "affected"
    assert answer["city"] == "Odessa, TX"
    assert answer["payment_date"] == "September 3, 2019"
    assert any(c["phone"] == "1-877-438-4338" for c in answer["contacts"])
    assert answer["sources"][0]["seed"] == "001_228bbffbe9cc2cc8.txt"
    assert answer["reasons"] == ["affected_in_window", "data_taken", "letters"]


@pytest.mark.parametrize(
    "city, when, method, verdict",
    [
        ("Odessa", "September 3", "online with my Visa", "affected"),  # year from the incident
        ("MWC", "March 2 2018", "online debit card", "possibly_affected"),
        ("midwest city", "6/1/18", "autopay", "not_affected"),
        ("bakersfeild", "I don't remember", "on the website with my card", "possibly_affected"),
        ("St Pete", "between June and August 2018", "website", "possibly_affected"),
        ("Norman, OK", "last week", "online", "under_investigation"),
        ("Oxnard", "June 2018", "online", "no_details_on_record"),
        ("Springfield", "June 2018", "online", "no_incident_on_record"),
        ("St. Petersburg, Russia", "Sep 1 2018", "online", "no_incident_on_record"),
    ],
)
def test_check_verdicts_from_everyday_words(tmp_path, city, when, method, verdict):
    assert check_json(tmp_path, city, when, method)["verdict"] == verdict


def test_plain_output_reads_like_an_agent_script(tmp_path):
    done = run_bot(
        "check",
        "--city",
        "Bakersfield",
        "--date",
        "Aug 20, 2018",
        "--method",
        "online by card",
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    order = [
        text.index(h)
        for h in ("VERDICT:", "Why:", "What to do now:", "Who to contact:", "Sources:")
    ]
    assert order == sorted(order)
    assert "Your payment was affected (affected)" in text
    assert "888-278-8028" in text
    assert "002_9212a923ee6a1e48.txt" in text


def test_a_date_it_cannot_read_is_a_clear_error(tmp_path):
    done = run_bot(
        "check", "--city", "Odessa", "--date", "purple", "--method", "online", tmp_path=tmp_path
    )
    assert done.returncode == 2
    assert "could not understand the date 'purple'" in done.stderr
    assert "September 3, 2019" in done.stderr  # an example of what works
    assert "Traceback" not in done.stderr


def test_knowledge_option_reads_another_folder(tmp_path, knowledge_copy):
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    odessa.write_text(odessa.read_text().replace("end: 2019-10-14", "end: 2019-12-31"))
    moved = check_json(
        tmp_path, "Odessa", "Dec 1 2019", "online card", "--knowledge", str(knowledge_copy)
    )
    assert moved["verdict"] == "affected"
    assert check_json(tmp_path, "Odessa", "Dec 1 2019", "online card")["verdict"] == "not_affected"


def test_knowledge_validate_and_load(tmp_path):
    done = run_bot("knowledge", "validate", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "7 cities valid" in done.stdout and "0 traceability problem(s)" in done.stdout
    done = run_bot("knowledge", "load", tmp_path=tmp_path)
    assert done.returncode == 0 and "Loaded 7 cities" in done.stdout
    assert (tmp_path / "cli.db").exists()


def test_knowledge_load_of_a_broken_folder_names_file_field_line(tmp_path, knowledge_copy):
    assert run_bot("knowledge", "load", tmp_path=tmp_path).returncode == 0
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    odessa.write_text(odessa.read_text().replace("channels: [phone]", "channels: [fax]"))
    done = run_bot("knowledge", "load", "--knowledge", str(knowledge_copy), tmp_path=tmp_path)
    assert done.returncode == 1
    assert "odessa-tx.yaml:" in done.stderr and "methods.not_affected[2].channels[0]" in done.stderr
    assert "unknown channel 'fax'" in done.stderr
    # the database still answers with what was loaded before
    assert check_json(tmp_path, "Odessa", "Sept 3 2019", "online card")["verdict"] == "affected"


def test_shell_answers_a_check_typed_at_the_prompt(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "shell"],
        cwd=PROJECT_ROOT,
        env=cli_environment(tmp_path),
        text=True,
        input="Odessa\nonline with my Visa\nsometime\nSept 3 2019\nquit\n",
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "could not read that date" in done.stdout
    assert "VERDICT: Your payment was affected" in done.stdout
